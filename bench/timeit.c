/*
 * timeit.c - run a command several times; print its wall time and peak memory.
 *
 *   timeit [-n RUNS] [-i STDIN_FILE] [-o STDOUT_FILE] [-t] -- COMMAND [ARGS...]
 *
 * One line per run: "ms maxrss_kb exit_status".  Wall time is taken with
 * CLOCK_MONOTONIC around posix_spawn and wait4, so it includes process start
 * (as a user's shell would see) but none of a shell's own overhead.  Peak memory
 * is the child's ru_maxrss from wait4, the figure /usr/bin/time -v prints as
 * "Maximum resident set size".  stdin is reopened for every run (default
 * /dev/null), stdout goes to STDOUT_FILE (default /dev/null), stderr is kept.
 * With -t the command runs on a new 80x24 pseudo-terminal instead (for the
 * full-screen tutor), whose output is read and thrown away.
 */
#include <errno.h>
#include <fcntl.h>
#include <pty.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

static double ms_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* Wait for pid; print "ms maxrss_kb status" timed from t0; return its status. */
static int report(pid_t pid, double t0)
{
    int status;
    struct rusage ru;
    if (wait4(pid, &status, 0, &ru) < 0)
        return -1;
    double t1 = ms_now();
    int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    printf("%.3f %ld %d\n", t1 - t0, ru.ru_maxrss, code);
    fflush(stdout);
    return code;
}

static int run_once(char **cmd, const char *in, const char *out)
{
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 0, in, O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&fa, 1, out, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    pid_t pid;
    double t0 = ms_now();
    int rc = posix_spawnp(&pid, cmd[0], &fa, NULL, cmd, environ);
    posix_spawn_file_actions_destroy(&fa);
    if (rc != 0) {
        fprintf(stderr, "timeit: cannot run %s: %s\n", cmd[0], strerror(rc));
        return -1;
    }
    return report(pid, t0);
}

/* The command on a pseudo-terminal; its screen output is drained until it exits. */
static int run_tty(char **cmd)
{
    struct winsize ws = {.ws_row = 24, .ws_col = 80};
    int master;
    double t0 = ms_now();
    pid_t pid = forkpty(&master, NULL, NULL, &ws);
    if (pid < 0)
        return -1;
    if (pid == 0) {
        execvp(cmd[0], cmd);
        _exit(127);
    }
    char buf[65536];
    ssize_t n;
    while ((n = read(master, buf, sizeof buf)) > 0 || (n < 0 && errno == EINTR))
        ;
    int code = report(pid, t0);
    close(master);
    return code;
}

int main(int argc, char **argv)
{
    int runs = 1, i = 1, tty = 0;
    const char *in = "/dev/null", *out = "/dev/null";
    for (; i < argc && strcmp(argv[i], "--") != 0; i++) {
        if (!strcmp(argv[i], "-n") && i + 1 < argc)
            runs = atoi(argv[++i]);
        else if (!strcmp(argv[i], "-i") && i + 1 < argc)
            in = argv[++i];
        else if (!strcmp(argv[i], "-o") && i + 1 < argc)
            out = argv[++i];
        else if (!strcmp(argv[i], "-t"))
            tty = 1;
        else
            break;
    }
    if (i >= argc - 1 || strcmp(argv[i], "--") != 0 || runs < 1) {
        fprintf(stderr, "usage: timeit [-n RUNS] [-i IN] [-o OUT] -- COMMAND [ARGS...]\n");
        return 2;
    }
    int worst = 0;
    for (int r = 0; r < runs; r++) {
        int code = tty ? run_tty(argv + i + 1) : run_once(argv + i + 1, in, out);
        if (code != 0)
            worst = code < 0 ? 127 : code;
    }
    return worst;
}
