#ifndef PARKD_CSYSTEMD_SHIM_H
#define PARKD_CSYSTEMD_SHIM_H

#include <stdint.h>
#include <systemd/sd-daemon.h>
#include <systemd/sd-journal.h>
#include <sys/timerfd.h>
#include <sys/eventfd.h>

/// Mirror of glibc's `struct ucred`, which Swift cannot see without _GNU_SOURCE.
typedef struct {
    int32_t pid;
    uint32_t uid;
    uint32_t gid;
} park_ucred;

#endif
