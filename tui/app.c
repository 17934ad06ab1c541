/*
 * app.c - opening the store for a command: config, database, backup, content sync.
 */
#include "app.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "backup.h"
#include "fitlog.h"
#include "clock.h"
#include "sync.h"
#include "text.h"

int app_fail(const struct app *a, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "%s: ", a && a->prog ? a->prog : "labprep");
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    return 1;
}

void app_json_string(FILE *f, const char *s)
{
    text_json(f, s);
}

static void warn_content(const struct app *a, const struct content_diag *d)
{
    for (size_t i = 0; i < d->n; i++)
        fprintf(stderr, "%s: warning: %s\n", a->prog, d->msgs[i]);
    if (d->n)
        fprintf(stderr,
                "%s: warning: files with problems were skipped; their cards keep their "
                "history. Run '%s content check' for details.\n",
                a->prog, a->prog);
}

enum lp_code app_daily_backup(struct app *a, struct lp_err *err)
{
    int made = 0;
    int32_t today = clock_day(a->now, a->cfg.rollover_hour);
    /* A new database has nothing worth copying yet. */
    if (store_opened_version(a->st) == 0)
        return LP_OK;
    return backup_daily(a->st, a->paths.backups, today, &made, err);
}

/* Parameters fitted to this learner (`fsrs optimize --apply`) drive the scheduler,
 * unless config.yaml names its own: an explicit setting wins. */
static void use_active_fit(struct app *a)
{
    struct fitlog_fit fit;
    struct lp_err err = {0};
    int found = 0;
    if (a->cfg.has_params || fitlog_active(a->st, &fit, &found, &err) != LP_OK || !found)
        return;
    memcpy(a->cfg.params, fit.w, sizeof a->cfg.params);
    a->cfg.has_params = 1;
}

int app_open_store(struct app *a)
{
    struct lp_err err = {0};
    if (config_load(a->paths.config, &a->cfg, &err) != LP_OK)
        return app_fail(a, "%s (fix the file or remove it to use the defaults)", err.msg);
    a->st = store_open(a->paths.db, STORE_CREATE, &err);
    if (!a->st)
        return app_fail(a, "%s", err.msg);
    if (!a->defer_backup && app_daily_backup(a, &err) != LP_OK)
        fprintf(stderr, "%s: warning: %s\n", a->prog, err.msg);
    use_active_fit(a);
    struct content_diag diag;
    content_diag_init(&diag);
    enum lp_code rc = app_sync(a, &diag, &err);
    warn_content(a, &diag);
    content_diag_free(&diag);
    if (rc != LP_OK) {
        app_fail(a, "%s", err.msg);
        app_close(a);
        return 1;
    }
    return 0;
}

enum lp_code app_sync(struct app *a, struct content_diag *diag, struct lp_err *err)
{
    return sync_content(a->st, a->content_dirs, (size_t)a->n_content_dirs,
                        (size_t)a->first_optional_dir, a->now, diag, &a->synced, err);
}

void app_close(struct app *a)
{
    store_close(a->st);
    a->st = NULL;
}
