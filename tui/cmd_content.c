/*
 * cmd_content.c - `labprep content check [DIR...]` and `labprep content stats`.
 */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "cmd.h"
#include "content.h"

static int content_check_cmd(struct app *a, int argc, char **argv)
{
    const char *dirs[APP_MAX_DIRS + 64];
    size_t n = 0;
    struct stat sb;
    for (int i = 2; i < argc && n < sizeof dirs / sizeof dirs[0]; i++)
        dirs[n++] = argv[i];
    /* No arguments: everything labprep would load; the user decks dir only if present. */
    for (int i = 0; argc <= 2 && i < a->n_content_dirs; i++)
        if (i != 1 || stat(a->content_dirs[i], &sb) == 0)
            dirs[n++] = a->content_dirs[i];
    struct content_diag diag;
    content_diag_init(&diag);
    size_t problems = content_check(dirs, n, &diag);
    for (size_t i = 0; i < diag.n; i++)
        fprintf(stderr, "%s\n", diag.msgs[i]);
    content_diag_free(&diag);
    if (problems) {
        fprintf(stderr, "%zu problem%s found\n", problems, problems == 1 ? "" : "s");
        return 1;
    }
    printf("content ok\n");
    return 0;
}

int cmd_content(struct app *a, int argc, char **argv)
{
    if (argc >= 2 && !strcmp(argv[1], "check"))
        return content_check_cmd(a, argc, argv);
    return app_fail(a, "usage: labprep content check [DIR...]");
}
