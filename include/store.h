/*
 * store.h - the SQLite progress store: opening, migrations, transactions.
 *
 * One local SQLite file in WAL mode holds everything the user has done. Opening
 * checks, before writing a single byte, that the file is SQLite, that it is a
 * labprep database (application_id), and that it is not from a newer version;
 * only then does it switch to WAL and run pending migrations (each in its own
 * transaction, keyed on PRAGMA user_version).
 *
 * Other db/ modules (cards, revlog, sync, backup) take a `struct store *` and use
 * store_db() for the raw handle.  All SQLite failures are turned into an lp_err
 * by store_fail(), which names the file and, for damage, points to `labprep doctor`.
 */
#ifndef LP_STORE_H
#define LP_STORE_H

#include <sqlite3.h>
#include <stdint.h>

#include "err.h"

#define STORE_APP_ID 0x4c505250 /* "LPRP" */
#define STORE_VERSION 4         /* schema version this build writes */

enum store_flags {
    STORE_CREATE = 1,   /* create the file (and its directory) if missing */
    STORE_READONLY = 2, /* never write: used by doctor; skips migrations */
};

struct store;

/*
 * Open (and with STORE_CREATE create) the database at path.  Returns NULL and
 * fills err on failure: LP_ENOTDB (not SQLite, or another program's database),
 * LP_ENEWER (user_version above STORE_VERSION; file untouched), LP_ECORRUPT,
 * LP_EBUSY (locked by another process for longer than the busy timeout),
 * LP_EREADONLY, LP_EIO.  The caller owns the store; close with store_close().
 */
struct store *store_open(const char *path, int flags, struct lp_err *err);
void store_close(struct store *st);

sqlite3 *store_db(struct store *st);
const char *store_path(const struct store *st);

/* Schema version found when the file was opened (0 for a new file). */
int store_opened_version(const struct store *st);

/* BEGIN IMMEDIATE / COMMIT / ROLLBACK.  Return LP_OK or an error in err. */
enum lp_code store_begin(struct store *st, struct lp_err *err);
enum lp_code store_commit(struct store *st, struct lp_err *err);
void store_rollback(struct store *st);

/* Run one SQL statement (or several, separated by ';') with no result rows. */
enum lp_code store_exec(struct store *st, const char *sql, struct lp_err *err);

/*
 * Prepare a statement, cached per store by the SQL text's address (callers pass
 * string literals).  The statement is reset before it is returned; do not finalize
 * it.  Returns NULL and fills err on failure.
 */
sqlite3_stmt *store_stmt(struct store *st, const char *sql, struct lp_err *err);

/*
 * Turn the last SQLite error (rc) into an lp_err, with `what` saying what was being
 * done ("saving the answer").  Returns the lp_code.
 */
enum lp_code store_fail(struct store *st, int rc, const char *what, struct lp_err *err);

/* Key/value metadata (table meta).  store_meta_get returns 0 when absent. */
int store_meta_get(struct store *st, const char *key, char *buf, size_t size);
enum lp_code store_meta_set(struct store *st, const char *key, const char *value,
                            struct lp_err *err);

/*
 * Integrity check for `labprep doctor`: runs PRAGMA integrity_check and a few
 * labprep-level checks (foreign rows, impossible states).  Each problem found is
 * passed to report(); returns the number of problems, or -1 with err filled if
 * the check itself could not run.
 */
long store_doctor(struct store *st, void (*report)(void *ctx, const char *problem), void *ctx,
                  struct lp_err *err);

#endif
