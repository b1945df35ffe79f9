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

/// open(2)'s O_PATH, which glibc defines only under _GNU_SOURCE: a descriptor that holds an
/// entry (a file, a symbolic link, a FIFO) without opening it for reading.
#define PARK_O_PATH 0x200000

/// rename(2) that never replaces what `to` names (renameat2 with RENAME_NOREPLACE, which glibc
/// declares only under _GNU_SOURCE): -1 with EEXIST when something is there.
int renameat2(int olddirfd, const char *oldpath, int newdirfd, const char *newpath, unsigned int flags);
static inline int park_rename_noreplace(const char *from, const char *to) {
    return renameat2(-100 /* AT_FDCWD */, from, -100, to, 1U /* RENAME_NOREPLACE */);
}

#endif
