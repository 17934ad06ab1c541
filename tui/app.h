/*
 * app.h - what every front-end command shares: paths, settings, the clock, the
 * open store and the content directories.  Built by main.c from the global
 * options; commands receive a `struct app *` and never use globals.
 */
#ifndef LP_APP_H
#define LP_APP_H

#include <stdint.h>
#include <stdio.h>

#include "config.h"
#include "paths.h"
#include "store.h"
#include "sync.h"

#define APP_MAX_DIRS 16

struct app {
    struct paths paths;
    struct config cfg;
    struct store *st;             /* NULL until app_open_store() */
    int64_t now;
    const char *content_dirs[APP_MAX_DIRS]; /* bundled, user decks, then --content */
    int n_content_dirs;
    int first_optional_dir;       /* index of the first dir that may be missing */
    const char *prog;
    int defer_backup;             /* the tutor makes the daily backup after its first frame */
    struct sync_stats synced;     /* what app_open_store()'s content sync did */
};

/*
 * Load config, open (creating) the database, make the daily backup and sync the
 * content.  Content problems are printed to stderr as warnings (the file is
 * skipped).  Returns 0, or prints the error and returns the exit status to use.
 */
int app_open_store(struct app *a);
void app_close(struct app *a);

/* Sync the content into the open store again (after a content file was edited);
 * problems with files go to diag (those files are skipped whole), a->synced says
 * what changed.  LP_OK or the sync's error. */
enum lp_code app_sync(struct app *a, struct content_diag *diag, struct lp_err *err);

/* The first-open-of-the-day backup.  Called by app_open_store() (which prints a
 * warning if it fails) unless defer_backup is set. */
enum lp_code app_daily_backup(struct app *a, struct lp_err *err);

/* Print "labprep: <msg>" to stderr; returns 1 (the usual failure status). */
int app_fail(const struct app *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Print a JSON string literal (with quotes) to f. */
void app_json_string(FILE *f, const char *s);

#endif
