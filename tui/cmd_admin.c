/*
 * cmd_admin.c - `labprep backup` and `labprep doctor`.
 */
#include <stdio.h>
#include <string.h>

#include "backup.h"
#include "cmd.h"

int cmd_backup(struct app *a, int argc, char **argv)
{
    (void)argv;
    if (argc != 1)
        return app_fail(a, "usage: labprep backup");
    if (app_open_store(a) != 0)
        return 1;
    struct lp_err err = {0};
    char path[4400];
    int rc = backup_now(a->st, a->paths.backups, a->now, path, sizeof path, &err) != LP_OK;
    if (rc)
        app_fail(a, "%s", err.msg);
    else
        printf("backup written to %s\n", path);
    app_close(a);
    return rc;
}

static void print_problem(void *ctx, const char *problem)
{
    (void)ctx;
    printf("  %s\n", problem);
}

int cmd_doctor(struct app *a, int argc, char **argv)
{
    (void)argv;
    if (argc != 1)
        return app_fail(a, "usage: labprep doctor");
    struct lp_err err = {0};
    printf("checking %s\n", a->paths.db);
    struct store *st = store_open(a->paths.db, STORE_READONLY, &err);
    if (!st) {
        printf("  cannot open: %s\n", err.msg);
        printf("result: damaged or unusable; restore a copy from %s\n", a->paths.backups);
        return 1;
    }
    long n = store_doctor(st, print_problem, NULL, &err);
    store_close(st);
    if (n < 0) {
        printf("  check failed: %s\n", err.msg);
        printf("result: damaged; restore a copy from %s\n", a->paths.backups);
        return 1;
    }
    if (n > 0) {
        printf("result: %ld problem%s found; restore a copy from %s\n", n, n == 1 ? "" : "s",
               a->paths.backups);
        return 1;
    }
    printf("result: ok\n");
    return 0;
}
