#define _GNU_SOURCE
#include "cspawn.h"
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <unistd.h>

static int route(posix_spawn_file_actions_t *fa, int fd, int target, int flags) {
    if (fd >= 0) return posix_spawn_file_actions_adddup2(fa, fd, target);
    return posix_spawn_file_actions_addopen(fa, target, "/dev/null", flags, 0);
}

int picket_spawn(pid_t *pid, const char *path, char *const argv[], char *const envp[], const char *cwd,
                 int stdin_fd, int stdout_fd, int stderr_fd) {
    posix_spawn_file_actions_t fa;
    posix_spawnattr_t attr;
    int rc = posix_spawn_file_actions_init(&fa);
    if (rc != 0) return rc;
    rc = posix_spawnattr_init(&attr);
    if (rc != 0) { posix_spawn_file_actions_destroy(&fa); return rc; }
    if ((rc = route(&fa, stdin_fd, 0, O_RDONLY)) != 0) goto done;
    if ((rc = route(&fa, stdout_fd, 1, O_WRONLY)) != 0) goto done;
    if ((rc = route(&fa, stderr_fd, 2, O_WRONLY)) != 0) goto done;
    if ((rc = posix_spawn_file_actions_addclosefrom_np(&fa, 3)) != 0) goto done;
    if (cwd != NULL && (rc = posix_spawn_file_actions_addchdir_np(&fa, cwd)) != 0) goto done;
    sigset_t all, none;
    sigfillset(&all);
    sigemptyset(&none);
    posix_spawnattr_setsigdefault(&attr, &all);
    posix_spawnattr_setsigmask(&attr, &none);
    posix_spawnattr_setpgroup(&attr, 0);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETPGROUP);
    rc = posix_spawn(pid, path, &fa, &attr, argv, envp);
done:
    posix_spawnattr_destroy(&attr);
    posix_spawn_file_actions_destroy(&fa);
    return rc;
}

int picket_pipe_cloexec(int fds[2]) {
    return pipe2(fds, O_CLOEXEC) == 0 ? 0 : errno;
}
