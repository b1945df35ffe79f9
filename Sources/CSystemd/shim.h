#ifndef PARKD_CSYSTEMD_SHIM_H
#define PARKD_CSYSTEMD_SHIM_H

#include <stdint.h>
#include <systemd/sd-daemon.h>
#include <systemd/sd-journal.h>
#include <sys/timerfd.h>
#include <sys/eventfd.h>
#include <sys/prctl.h>
#include <sys/xattr.h>

/// Mirror of glibc's `struct ucred`, which Swift cannot see without _GNU_SOURCE.
typedef struct {
    int32_t pid;
    uint32_t uid;
    uint32_t gid;
} park_ucred;

/// Names the calling thread (15 bytes at most) for ps and /proc/PID/task/TID/comm: prctl is
/// variadic, which Swift cannot call.
static inline int park_name_thread(const char *name) {
    return prctl(PR_SET_NAME, (unsigned long)name, 0UL, 0UL, 0UL);
}

/// syncfs(2), which glibc declares only under _GNU_SOURCE: one flush of a filesystem makes a
/// whole batch of the spool's receipts durable, instead of one fsync per file.
int syncfs(int fd);
static inline int park_syncfs(int fd) {
    return syncfs(fd);
}

#endif
