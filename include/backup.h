/*
 * backup.h - consistent copies of the database (SQLite online backup API).
 *
 * A copy is written to a temporary file in the backup directory, synced, and
 * renamed into place, so a backup file is always whole.  Daily copies are named
 * daily-YYYY-MM-DD.db (the last 7 kept), weekly ones weekly-YYYY-MM-DD.db after the
 * Monday of their week (the last 4 kept); on-demand ones manual-YYYY-MM-DDTHHMMSS.db
 * are never pruned.
 */
#ifndef LP_BACKUP_H
#define LP_BACKUP_H

#include <stddef.h>
#include <stdint.h>

#include "store.h"

/* Copy the open database to path (via path.tmp + rename). */
enum lp_code backup_copy(struct store *st, const char *path, struct lp_err *err);

/*
 * The first-open-of-the-day backup: if no daily copy exists for `day`, make one
 * (and a weekly one if this ISO week has none), then prune.  made is set to 1 when
 * a copy was written.  The directory is created when missing.
 */
enum lp_code backup_daily(struct store *st, const char *dir, int32_t day, int *made,
                          struct lp_err *err);

/* On-demand backup named after `now`; the path written goes to out. */
enum lp_code backup_now(struct store *st, const char *dir, int64_t now, char *out, size_t size,
                        struct lp_err *err);

#endif
