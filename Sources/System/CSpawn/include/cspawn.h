#ifndef PICKET_CSPAWN_H
#define PICKET_CSPAWN_H
#include <sys/types.h>

/// Spawns `path` with `argv`/`envp` (NULL-terminated), in `cwd` (or the current folder when NULL), in its own
/// process group, with default signal handling and an empty signal mask. The child gets `stdin_fd`,
/// `stdout_fd`, `stderr_fd` (or /dev/null when negative) as 0, 1, 2 and no other descriptor: everything from 3
/// up is closed, so a pipe of another child can never leak into this one. Returns 0 or an errno value.
int picket_spawn(pid_t *pid, const char *path, char *const argv[], char *const envp[], const char *cwd,
                 int stdin_fd, int stdout_fd, int stderr_fd);

/// pipe2 with O_CLOEXEC: the parent's ends never leak into children.
int picket_pipe_cloexec(int fds[2]);

#endif
