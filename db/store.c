/*
 * store.c - open, check, migrate and talk to the SQLite progress store.
 *
 * The order of open matters: everything that could refuse the file (not SQLite,
 * someone else's database, a newer schema) is decided with read-only queries
 * before the first write (the WAL switch), so a refused file is left untouched.
 */
#include "store.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fileio.h"
#include "schema.h"

#define STMT_CACHE 64

struct cached_stmt {
    const char *sql;
    sqlite3_stmt *stmt;
};

struct store {
    sqlite3 *db;
    char *path;
    int opened_version;
    struct cached_stmt cache[STMT_CACHE];
    int n_cache;
};

sqlite3 *store_db(struct store *st)
{
    return st->db;
}

const char *store_path(const struct store *st)
{
    return st->path;
}

int store_opened_version(const struct store *st)
{
    return st->opened_version;
}

enum lp_code store_fail(struct store *st, int rc, const char *what, struct lp_err *err)
{
    const char *path = st ? st->path : "database";
    const char *msg = st && st->db ? sqlite3_errmsg(st->db) : sqlite3_errstr(rc);
    switch (rc & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        return err_set(err, LP_EBUSY,
                       "%s: %s: the database is in use by another labprep process; "
                       "close it and try again",
                       path, what);
    case SQLITE_CORRUPT:
        return err_set(err, LP_ECORRUPT,
                       "%s: %s: the database is damaged (%s); run 'labprep doctor' to check it "
                       "and restore a backup from the backups/ folder",
                       path, what, msg);
    case SQLITE_NOTADB:
        return err_set(err, LP_ENOTDB,
                       "%s: %s: not a SQLite database (or badly damaged); run 'labprep doctor'",
                       path, what);
    case SQLITE_FULL:
        return err_set(err, LP_EFULL, "%s: %s: the disk is full; nothing was saved", path, what);
    case SQLITE_READONLY:
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
        return err_set(err, LP_EREADONLY, "%s: %s: cannot write here (%s)", path, what, msg);
    case SQLITE_IOERR: {
        /* SQLite calls only ENOSPC "full"; a quota or a file-size limit is the
         * same thing to the user. */
        int e = st && st->db ? sqlite3_system_errno(st->db) : 0;
        if (e == ENOSPC || e == EDQUOT || e == EFBIG)
            return err_set(err, LP_EFULL, "%s: %s: no room to write (%s); nothing was saved", path,
                           what, strerror(e));
        return err_set(err, LP_EIO, "%s: %s: input/output error (%s)", path, what, msg);
    }
    default:
        return err_set(err, LP_EDB, "%s: %s: %s", path, what, msg);
    }
}

static uint32_t be32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static int nonempty(const char *path, const char *suffix)
{
    char buf[4200];
    struct stat sb;
    snprintf(buf, sizeof buf, "%s%s", path, suffix);
    return stat(buf, &sb) == 0 && sb.st_size > 0;
}

/*
 * A file cut short (a copy interrupted, a full disk) is shorter than the page
 * count its header records.  SQLite would read the missing pages as zeros and
 * could even copy them into a backup, so refuse it here.  The count is only
 * trusted when SQLite marks it valid (offset 92 equal to the change counter at
 * 24), and not while a WAL or journal may still hold the pages that are missing.
 */
static enum lp_code check_length(const char *path, const unsigned char *h, off_t size,
                                 struct lp_err *err)
{
    uint32_t page = (uint32_t)h[16] << 8 | h[17], pages = be32(h + 28);
    if (page == 1)
        page = 65536;
    if (!pages || be32(h + 24) != be32(h + 92) || nonempty(path, "-wal") ||
        nonempty(path, "-journal") || (off_t)pages * page <= size)
        return LP_OK;
    return err_set(err, LP_ECORRUPT,
                   "%s: the database is damaged: the file is cut short (%lld of %lld bytes); "
                   "nothing was changed. Run 'labprep doctor' and restore a copy from the "
                   "backups/ folder",
                   path, (long long)size, (long long)pages * page);
}

/* Look at the first bytes: an empty or missing file is fine, anything else must
 * carry SQLite's magic header and be as long as its header says. */
static enum lp_code sniff_file(const char *path, int flags, struct lp_err *err)
{
    struct stat sb;
    if (stat(path, &sb) != 0) {
        if (errno != ENOENT)
            return err_set(err, LP_EIO, "%s: %s", path, strerror(errno));
        if (!(flags & STORE_CREATE))
            return err_set(err, LP_ENOTFOUND, "%s: no such database", path);
        if (fileio_mkdirs_for(path) != 0)
            return err_set(err, LP_EREADONLY, "%s: cannot create its directory: %s", path,
                           strerror(errno));
        return LP_OK;
    }
    if (S_ISDIR(sb.st_mode))
        return err_set(err, LP_ENOTDB, "%s: is a directory, not a database file", path);
    if (sb.st_size == 0)
        return LP_OK;
    FILE *f = fopen(path, "rb");
    if (!f)
        return err_set(err, LP_EIO, "%s: %s", path, strerror(errno));
    unsigned char head[100] = {0};
    size_t n = fread(head, 1, sizeof head, f);
    fclose(f);
    if (n < 16 || memcmp(head, "SQLite format 3", 16) != 0)
        return err_set(err, LP_ENOTDB,
                       "%s: not a labprep database (not a SQLite file); nothing was changed. "
                       "Run 'labprep doctor' or point --db at another file",
                       path);
    return n == sizeof head ? check_length(path, head, sb.st_size, err) : LP_OK;
}

static int pragma_int(sqlite3 *db, const char *sql, int *out)
{
    sqlite3_stmt *s;
    int rc = sqlite3_prepare_v2(db, sql, -1, &s, NULL);
    if (rc != SQLITE_OK)
        return rc;
    rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        *out = sqlite3_column_int(s, 0);
        rc = SQLITE_OK;
    }
    sqlite3_finalize(s);
    return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* Decide whether this is ours, new, foreign or newer, without writing. */
static enum lp_code check_identity(struct store *st, struct lp_err *err)
{
    int app = 0, ver = 0, objects = 0, rc;
    if ((rc = pragma_int(st->db, "PRAGMA application_id", &app)) != SQLITE_OK ||
        (rc = pragma_int(st->db, "PRAGMA user_version", &ver)) != SQLITE_OK ||
        (rc = pragma_int(st->db, "SELECT count(*) FROM sqlite_master", &objects)) != SQLITE_OK)
        return store_fail(st, rc, "reading the database header", err);
    if (app != STORE_APP_ID && (app != 0 || objects > 0))
        return err_set(err, LP_ENOTDB,
                       "%s: this SQLite file belongs to another program, not labprep; "
                       "nothing was changed ('labprep doctor' shows what it holds)",
                       st->path);
    if (ver > STORE_VERSION)
        return err_set(err, LP_ENEWER,
                       "%s: written by a newer labprep (schema %d, this build knows %d); "
                       "the file was not touched. Upgrade labprep to open it",
                       st->path, ver, STORE_VERSION);
    st->opened_version = ver;
    return LP_OK;
}

static enum lp_code migrate(struct store *st, struct lp_err *err)
{
    char sql[128];
    for (int v = st->opened_version + 1; v <= schema_count(); v++) {
        enum lp_code code = store_begin(st, err);
        if (code != LP_OK)
            return code;
        int rc = SQLITE_OK;
        for (const char *const *q = schema_migration(v); rc == SQLITE_OK && *q; q++)
            rc = sqlite3_exec(st->db, *q, NULL, NULL, NULL);
        if (rc == SQLITE_OK) {
            snprintf(sql, sizeof sql, "PRAGMA application_id=%d; PRAGMA user_version=%d",
                     STORE_APP_ID, v);
            rc = sqlite3_exec(st->db, sql, NULL, NULL, NULL);
        }
        if (rc != SQLITE_OK) {
            code = store_fail(st, rc, "upgrading the database", err);
            store_rollback(st);
            return code;
        }
        if ((code = store_commit(st, err)) != LP_OK)
            return code;
    }
    return LP_OK;
}

static enum lp_code configure(struct store *st, int flags, struct lp_err *err)
{
    sqlite3_extended_result_codes(st->db, 0);
    if (flags & STORE_READONLY)
        return LP_OK;
    /* FULL: the WAL is synced at every commit, so an answer reported saved
     * survives a crash of the machine, not only of the process. */
    const char *sql = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"
                      "PRAGMA foreign_keys=ON;";
    int rc = sqlite3_exec(st->db, sql, NULL, NULL, NULL);
    if (rc != SQLITE_OK)
        return store_fail(st, rc, "opening the database", err);
    return migrate(st, err);
}

struct store *store_open(const char *path, int flags, struct lp_err *err)
{
    if (sniff_file(path, flags, err) != LP_OK)
        return NULL;
    struct store *st = calloc(1, sizeof *st);
    if (!st || !(st->path = strdup(path))) {
        free(st);
        err_set(err, LP_ENOMEM, NULL);
        return NULL;
    }
    int oflags = (flags & STORE_READONLY) ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
    if (flags & STORE_CREATE && !(flags & STORE_READONLY))
        oflags |= SQLITE_OPEN_CREATE;
    int rc = sqlite3_open_v2(path, &st->db, oflags | SQLITE_OPEN_NOMUTEX, NULL);
    if (rc != SQLITE_OK) {
        store_fail(st, rc, "opening the database", err);
        store_close(st);
        return NULL;
    }
    /* Before the first read: reading the header can meet another process's
     * checkpoint or WAL recovery, which is worth waiting for, not an error. */
    sqlite3_busy_timeout(st->db, 3000);
    if (check_identity(st, err) != LP_OK || configure(st, flags, err) != LP_OK) {
        store_close(st);
        return NULL;
    }
    return st;
}

void store_close(struct store *st)
{
    if (!st)
        return;
    for (int i = 0; i < st->n_cache; i++)
        sqlite3_finalize(st->cache[i].stmt);
    sqlite3_close(st->db);
    free(st->path);
    free(st);
}

enum lp_code store_exec(struct store *st, const char *sql, struct lp_err *err)
{
    int rc = sqlite3_exec(st->db, sql, NULL, NULL, NULL);
    if (rc != SQLITE_OK)
        return store_fail(st, rc, "running a query", err);
    return LP_OK;
}

enum lp_code store_begin(struct store *st, struct lp_err *err)
{
    int rc = sqlite3_exec(st->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
    if (rc != SQLITE_OK)
        return store_fail(st, rc, "starting a transaction", err);
    return LP_OK;
}

enum lp_code store_commit(struct store *st, struct lp_err *err)
{
    int rc = sqlite3_exec(st->db, "COMMIT", NULL, NULL, NULL);
    if (rc != SQLITE_OK) {
        enum lp_code code = store_fail(st, rc, "saving", err);
        store_rollback(st);
        return code;
    }
    return LP_OK;
}

void store_rollback(struct store *st)
{
    if (!sqlite3_get_autocommit(st->db))
        sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
}

sqlite3_stmt *store_stmt(struct store *st, const char *sql, struct lp_err *err)
{
    for (int i = 0; i < st->n_cache; i++) {
        if (st->cache[i].sql == sql) {
            sqlite3_reset(st->cache[i].stmt);
            sqlite3_clear_bindings(st->cache[i].stmt);
            return st->cache[i].stmt;
        }
    }
    sqlite3_stmt *s;
    int rc = sqlite3_prepare_v2(st->db, sql, -1, &s, NULL);
    if (rc != SQLITE_OK) {
        store_fail(st, rc, "preparing a query", err);
        return NULL;
    }
    if (st->n_cache < STMT_CACHE) {
        st->cache[st->n_cache].sql = sql;
        st->cache[st->n_cache++].stmt = s;
    } else {
        /* Cache full: evict the oldest entry (rare; the app uses ~40 queries). */
        sqlite3_finalize(st->cache[0].stmt);
        memmove(st->cache, st->cache + 1, sizeof st->cache[0] * (STMT_CACHE - 1));
        st->cache[STMT_CACHE - 1].sql = sql;
        st->cache[STMT_CACHE - 1].stmt = s;
    }
    return s;
}

int store_meta_get(struct store *st, const char *key, char *buf, size_t size)
{
    sqlite3_stmt *s = store_stmt(st, "SELECT value FROM meta WHERE key = ?", NULL);
    if (!s)
        return 0;
    sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
    int found = 0;
    if (sqlite3_step(s) == SQLITE_ROW) {
        snprintf(buf, size, "%s", (const char *)sqlite3_column_text(s, 0));
        found = 1;
    }
    sqlite3_reset(s);
    return found;
}

enum lp_code store_meta_set(struct store *st, const char *key, const char *value,
                            struct lp_err *err)
{
    sqlite3_stmt *s = store_stmt(st, "INSERT OR REPLACE INTO meta(key, value) VALUES(?, ?)", err);
    if (!s)
        return LP_EDB;
    sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, value, -1, SQLITE_STATIC);
    int rc = sqlite3_step(s);
    sqlite3_reset(s);
    if (rc != SQLITE_DONE)
        return store_fail(st, rc, "saving settings", err);
    return LP_OK;
}

static long run_check(struct store *st, const char *sql, const char *ok_text,
                      void (*report)(void *, const char *), void *ctx, struct lp_err *err)
{
    sqlite3_stmt *s;
    int rc = sqlite3_prepare_v2(st->db, sql, -1, &s, NULL);
    if (rc != SQLITE_OK) {
        store_fail(st, rc, "checking the database", err);
        return -1;
    }
    long problems = 0;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        const char *t = (const char *)sqlite3_column_text(s, 0);
        if (t && ok_text && strcmp(t, ok_text) == 0)
            continue;
        report(ctx, t ? t : "(null)");
        problems++;
    }
    sqlite3_finalize(s);
    if (rc != SQLITE_DONE) {
        store_fail(st, rc, "checking the database", err);
        return -1;
    }
    return problems;
}

/* Schema 4 keeps per-day totals of the review log (revlog_days) by triggers; they
 * must equal the log they summarise (days whose answers were all undone may keep
 * a row of zeros). */
static const char day_totals_check[] =
    "WITH a AS (SELECT day, mode, count(*) answers, sum(state_before = 0) fresh,"
    " sum(state_before = 2) reviews, sum(state_before = 2 AND grade > 1) passed,"
    " sum(answer_ms) ms, sum(answer_ms > 0) timed,"
    " sum(CASE WHEN answer_ms > 0 THEN MIN(answer_ms, 120000) ELSE 0 END) ms_capped"
    " FROM revlog GROUP BY day, mode),"
    " b AS (SELECT * FROM revlog_days WHERE answers <> 0)"
    " SELECT DISTINCT 'the daily totals of day ' || day || ' (' || mode || ')"
    " do not match the review log' FROM (SELECT * FROM (SELECT * FROM a EXCEPT SELECT * FROM b)"
    " UNION SELECT * FROM (SELECT * FROM b EXCEPT SELECT * FROM a))";

long store_doctor(struct store *st, void (*report)(void *ctx, const char *problem), void *ctx,
                  struct lp_err *err)
{
    static const char *const checks[] = {
        "SELECT 'review log row ' || id || ' names unknown card ' || card_id FROM revlog "
        "WHERE card_id NOT IN (SELECT id FROM cards)",
        "SELECT 'card ' || id || ' has impossible state ' || state FROM cards "
        "WHERE state NOT BETWEEN 0 AND 3",
        "SELECT 'card ' || id || ' has impossible memory (S=' || stability || ', D=' || "
        "difficulty || ')' FROM cards WHERE state > 0 AND (stability <= 0 OR difficulty < 1 "
        "OR difficulty > 10)",
    };
    long total = run_check(st, "PRAGMA integrity_check", "ok", report, ctx, err);
    if (total < 0)
        return -1;
    if (total > 0)
        return total; /* structural damage: the table checks may not be reliable */
    for (size_t i = 0; i < sizeof checks / sizeof checks[0]; i++) {
        long n = run_check(st, checks[i], NULL, report, ctx, err);
        if (n < 0)
            return -1;
        total += n;
    }
    if (st->opened_version < 4)
        return total;
    long n = run_check(st, day_totals_check, NULL, report, ctx, err);
    return n < 0 ? -1 : total + n;
}
