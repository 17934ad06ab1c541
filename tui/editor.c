/*
 * editor.c - $EDITOR on a file (see editor.h).
 */
#include "editor.h"

#include <curses.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

int editor_run(const char *path, int line)
{
    const char *ed = getenv("EDITOR");
    struct sigaction ign, old_int, old_quit;
    char at[24];
    int status = -1;
    if (!ed || !*ed)
        ed = getenv("VISUAL");
    if (setenv("LABPREP_EDITOR", ed && *ed ? ed : "vi", 1) != 0)
        return -1;
    snprintf(at, sizeof at, "+%d", line);
    memset(&ign, 0, sizeof ign);
    ign.sa_handler = SIG_IGN;
    sigemptyset(&ign.sa_mask);
    sigaction(SIGINT, &ign, &old_int);
    sigaction(SIGQUIT, &ign, &old_quit);
    pid_t pid = fork();
    if (pid == 0) {
        signal(SIGINT, SIG_DFL);
        signal(SIGQUIT, SIG_DFL);
        if (line > 0)
            execl("/bin/sh", "sh", "-c", "exec $LABPREP_EDITOR \"$2\" \"$1\"", "sh", path, at,
                  (char *)NULL);
        else
            execl("/bin/sh", "sh", "-c", "exec $LABPREP_EDITOR \"$1\"", "sh", path, (char *)NULL);
        _exit(127);
    }
    while (pid > 0 && waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    sigaction(SIGINT, &old_int, NULL);
    sigaction(SIGQUIT, &old_quit, NULL);
    if (pid < 0 || status == -1)
        return -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

const char *editor_failure(int rc, char *buf, size_t size)
{
    if (rc < 0)
        return "could not be run";
    if (rc == 127)
        return "was not found (set $EDITOR)";
    snprintf(buf, size, "failed (exit %d)", rc);
    return buf;
}

int editor_run_in_terminal(const char *path, int line)
{
    def_prog_mode();
    endwin();
    int rc = editor_run(path, line);
    reset_prog_mode();
    refresh();
    return rc;
}

int editor_id_line(const char *path, const char *id)
{
    FILE *f = fopen(path, "r");
    char buf[4096];
    size_t len = strlen(id);
    int n = 0, found = 0;
    while (f && !found && fgets(buf, sizeof buf, f)) {
        n++;
        const char *p = buf + strspn(buf, " -"); /* indentation and a list dash */
        if (strncmp(p, "id:", 3) != 0)
            continue;
        p += 3;
        p += strspn(p, " \t\"'");
        if (strncmp(p, id, len) == 0 && (p[len] == '\0' || strchr(" \t\"'\r\n#", p[len])))
            found = n;
    }
    if (f)
        fclose(f);
    return found;
}
