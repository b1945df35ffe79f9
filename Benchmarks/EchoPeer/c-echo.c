/*
 * c-echo: the admin channel's anchor written in C. Listens on a Unix stream socket and answers
 * every NUL-terminated message at once with a fixed, empty Varlink reply, one thread per
 * connection blocked in read(2), as the benchmark's own Swift peer does. It does no work: what
 * the benchmark's client gets from it is what this machine's scheduler and sockets allow.
 *
 *     c-echo SOCKET_PATH      (runs until killed; prints "ready" once it listens)
 */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

static const char reply[] = "{\"parameters\":{}}";

static void *answer(void *argument) {
    int connection = (int)(long)argument;
    char buffer[64 * 1024];
    for (;;) {
        ssize_t count = read(connection, buffer, sizeof buffer);
        if (count < 0 && errno == EINTR) continue;
        if (count <= 0) break;
        for (ssize_t i = 0; i < count; i++) {
            if (buffer[i] != 0) continue;
            size_t sent = 0;
            while (sent < sizeof reply) {  /* the reply with its NUL */
                ssize_t written = write(connection, reply + sent, sizeof reply - sent);
                if (written < 0 && errno == EINTR) continue;
                if (written <= 0) goto done;
                sent += (size_t)written;
            }
        }
    }
done:
    close(connection);
    return NULL;
}

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: c-echo SOCKET_PATH\n");
        return 2;
    }
    /* A parent may hand down a mask or dispositions that keep SIGTERM from ending us. */
    sigset_t none;
    sigemptyset(&none);
    pthread_sigmask(SIG_SETMASK, &none, NULL);
    signal(SIGTERM, SIG_DFL);
    signal(SIGINT, SIG_DFL);
    struct sockaddr_un address = {.sun_family = AF_UNIX};
    if (strlen(argv[1]) >= sizeof address.sun_path) {
        fprintf(stderr, "c-echo: socket path too long\n");
        return 2;
    }
    strcpy(address.sun_path, argv[1]);
    int listener = socket(AF_UNIX, SOCK_STREAM, 0);
    if (listener < 0 || bind(listener, (struct sockaddr *)&address, sizeof address) != 0 || listen(listener, 64) != 0) {
        fprintf(stderr, "c-echo: cannot listen on %s: %s\n", argv[1], strerror(errno));
        return 1;
    }
    printf("ready\n");
    fflush(stdout);
    for (;;) {
        int connection = accept(listener, NULL, NULL);
        if (connection < 0) {
            if (errno == EINTR) continue;
            return 1;
        }
        pthread_t thread;
        if (pthread_create(&thread, NULL, answer, (void *)(long)connection) != 0) {
            close(connection);
            continue;
        }
        pthread_detach(thread);
    }
}
