/*
 * test_store.c - opening, migrating and refusing database files.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>

#include "backup.h"
#include "clock.h"
#include "store.h"
#include "testutil.h"

static char dir[256], db[512];

static int setup(void **state)
{
    (void)state;
    tu_tempdir(dir, sizeof dir);
    snprintf(db, sizeof db, "%s/sub/labprep.db", dir);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    tu_rmrf(dir);
    return 0;
}

static int query_int(struct store *st, const char *sql)
{
    sqlite3_stmt *q;
    assert_int_equal(sqlite3_prepare_v2(store_db(st), sql, -1, &q, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(q), SQLITE_ROW);
    int v = sqlite3_column_int(q, 0);
    sqlite3_finalize(q);
    return v;
}

static void file_bytes(const char *path, char *buf, size_t size, size_t *n)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    *n = fread(buf, 1, size, f);
    fclose(f);
}

static void test_create_migrates_to_current(void **state)
{
    (void)state;
    struct lp_err err = {0};
    struct store *st = store_open(db, STORE_CREATE, &err);
    assert_non_null(st);
    assert_int_equal(store_opened_version(st), 0);
    assert_int_equal(query_int(st, "PRAGMA user_version"), STORE_VERSION);
    assert_int_equal(query_int(st, "PRAGMA application_id"), STORE_APP_ID);
    assert_int_equal(query_int(st, "SELECT count(*) FROM sqlite_master WHERE name='revlog'"), 1);
    sqlite3_stmt *q;
    sqlite3_prepare_v2(store_db(st), "PRAGMA journal_mode", -1, &q, NULL);
    assert_int_equal(sqlite3_step(q), SQLITE_ROW);
    assert_string_equal((const char *)sqlite3_column_text(q, 0), "wal");
    sqlite3_finalize(q);
    store_close(st);
    st = store_open(db, 0, &err);
    assert_non_null(st);
    assert_int_equal(store_opened_version(st), STORE_VERSION);
    store_close(st);
}

static void test_upgrade_from_version_1_keeps_data(void **state)
{
    (void)state;
    struct lp_err err = {0};
    struct store *st = store_open(db, STORE_CREATE, &err);
    assert_non_null(st);
    /* Turn it back into a version-1 file holding some data. */
    assert_int_equal(store_exec(st,
                                "DROP TABLE checklist_answers; DROP TABLE assessment_items;"
                                " DROP TABLE assessments; DROP TABLE plan_milestones;"
                                " DROP TABLE plans; DROP TABLE fsrs_fits;"
                                " DROP TRIGGER revlog_days_insert; DROP TRIGGER revlog_days_delete;"
                                " DROP TRIGGER revlog_days_update; DROP TABLE revlog_days;"
                                " DROP INDEX revlog_by_day; DROP INDEX cards_live;"
                                " CREATE INDEX revlog_by_day ON revlog(day);"
                                " ALTER TABLE content_files DROP COLUMN stamp;"
                                " INSERT INTO meta VALUES('kept', 'yes'); PRAGMA user_version=1",
                                &err),
                     LP_OK);
    store_close(st);
    st = store_open(db, 0, &err);
    assert_non_null(st);
    assert_int_equal(store_opened_version(st), 1);
    assert_int_equal(query_int(st, "PRAGMA user_version"), STORE_VERSION);
    assert_int_equal(query_int(st, "SELECT count(*) FROM sqlite_master WHERE name='plans'"), 1);
    assert_int_equal(query_int(st, "SELECT count(*) FROM sqlite_master WHERE name='cards_live'"), 1);
    assert_int_equal(query_int(st, "SELECT count(*) FROM pragma_index_info('revlog_by_day')"), 5);
    char buf[16];
    assert_true(store_meta_get(st, "kept", buf, sizeof buf));
    assert_string_equal(buf, "yes");
    store_close(st);
}

static void test_missing_without_create(void **state)
{
    (void)state;
    struct lp_err err = {0};
    assert_null(store_open(db, 0, &err));
    assert_int_equal(err.code, LP_ENOTFOUND);
}

static void test_not_sqlite_untouched(void **state)
{
    (void)state;
    struct lp_err err = {0};
    char path[600], before[64], after[64];
    size_t nb, na;
    snprintf(path, sizeof path, "%s/notes.txt", dir);
    tu_write(dir, "notes.txt", "these are my notes, not a database at all\n");
    file_bytes(path, before, sizeof before, &nb);
    assert_null(store_open(path, STORE_CREATE, &err));
    assert_int_equal(err.code, LP_ENOTDB);
    assert_non_null(strstr(err.msg, "not a labprep database"));
    assert_non_null(strstr(err.msg, path));
    file_bytes(path, after, sizeof after, &na);
    assert_int_equal(na, nb);
    assert_memory_equal(before, after, nb);
}

static void make_plain_sqlite(const char *path, int user_version, int app_id)
{
    sqlite3 *d;
    char sql[200];
    assert_int_equal(sqlite3_open(path, &d), SQLITE_OK);
    snprintf(sql, sizeof sql,
             "CREATE TABLE t(x); INSERT INTO t VALUES(42); PRAGMA user_version=%d;"
             " PRAGMA application_id=%d;",
             user_version, app_id);
    assert_int_equal(sqlite3_exec(d, sql, NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(d);
}

static void test_foreign_database_refused(void **state)
{
    (void)state;
    struct lp_err err = {0};
    char path[600];
    snprintf(path, sizeof path, "%s/other.sqlite", dir);
    make_plain_sqlite(path, 3, 0);
    assert_null(store_open(path, STORE_CREATE, &err));
    assert_int_equal(err.code, LP_ENOTDB);
    assert_non_null(strstr(err.msg, "another program"));
}

static void test_newer_version_refused_and_untouched(void **state)
{
    (void)state;
    struct lp_err err = {0};
    char path[600], before[8192], after[8192];
    size_t nb, na;
    snprintf(path, sizeof path, "%s/newer.db", dir);
    make_plain_sqlite(path, STORE_VERSION + 1, STORE_APP_ID);
    file_bytes(path, before, sizeof before, &nb);
    assert_null(store_open(path, STORE_CREATE, &err));
    assert_int_equal(err.code, LP_ENEWER);
    assert_non_null(strstr(err.msg, "newer labprep"));
    file_bytes(path, after, sizeof after, &na);
    assert_int_equal(na, nb);
    assert_memory_equal(before, after, nb);
    char wal[700];
    snprintf(wal, sizeof wal, "%s-wal", path);
    assert_int_not_equal(access(wal, F_OK), 0); /* never switched to WAL */
}

static int count_problems;
static void count_problem(void *ctx, const char *p)
{
    (void)ctx;
    (void)p;
    count_problems++;
}

static void test_doctor_finds_truncation(void **state)
{
    (void)state;
    struct lp_err err = {0};
    struct store *st = store_open(db, STORE_CREATE, &err);
    assert_non_null(st);
    assert_int_equal(store_exec(st, "CREATE TABLE big(x); WITH RECURSIVE n(i) AS (SELECT 1 "
                                    "UNION ALL SELECT i+1 FROM n WHERE i<5000) INSERT INTO big "
                                    "SELECT randomblob(200) FROM n; PRAGMA wal_checkpoint(TRUNCATE);",
                                &err),
                     LP_OK);
    count_problems = 0;
    assert_int_equal(store_doctor(st, count_problem, NULL, &err), 0);
    store_close(st);
    assert_int_equal(truncate(db, 16384), 0);
    st = store_open(db, STORE_READONLY, &err);
    long n = st ? store_doctor(st, count_problem, NULL, &err) : -1;
    /* Either the check runs and finds problems, or it fails with a damage error. */
    assert_true(n > 0 || err.code == LP_ECORRUPT || err.code == LP_ENOTDB);
    store_close(st);
}

static void test_second_writer_gets_busy(void **state)
{
    (void)state;
    struct lp_err err = {0};
    struct store *a = store_open(db, STORE_CREATE, &err);
    struct store *b = store_open(db, 0, &err);
    assert_non_null(a);
    assert_non_null(b);
    sqlite3_busy_timeout(store_db(b), 50); /* keep the test quick */
    assert_int_equal(store_begin(a, &err), LP_OK);
    assert_int_equal(store_exec(a, "INSERT INTO meta VALUES('k', 'from a')", &err), LP_OK);
    err.code = LP_OK;
    assert_int_equal(store_begin(b, &err), LP_EBUSY);
    assert_non_null(strstr(err.msg, "in use by another labprep process"));
    assert_int_equal(store_commit(a, &err), LP_OK);
    /* Once the first writer is done, the second succeeds and sees its data. */
    assert_int_equal(store_begin(b, &err), LP_OK);
    assert_int_equal(store_meta_set(b, "k2", "from b", &err), LP_OK);
    assert_int_equal(store_commit(b, &err), LP_OK);
    char buf[64];
    assert_true(store_meta_get(a, "k", buf, sizeof buf));
    assert_string_equal(buf, "from a");
    assert_true(store_meta_get(a, "k2", buf, sizeof buf));
    assert_string_equal(buf, "from b");
    store_close(a);
    store_close(b);
}

static void test_failed_migration_leaves_nothing_half_done(void **state)
{
    (void)state;
    struct lp_err err = {0};
    /* Ours by application_id, version 0, but a table in the way of migration 1. */
    snprintf(db, sizeof db, "%s/half.db", dir);
    sqlite3 *d;
    assert_int_equal(sqlite3_open(db, &d), SQLITE_OK);
    char sql[200];
    snprintf(sql, sizeof sql, "PRAGMA application_id=%d; CREATE TABLE papers(x);", STORE_APP_ID);
    assert_int_equal(sqlite3_exec(d, sql, NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(d);
    assert_null(store_open(db, 0, &err));
    assert_non_null(strstr(err.msg, "upgrading the database"));
    assert_int_equal(sqlite3_open(db, &d), SQLITE_OK);
    sqlite3_stmt *q;
    sqlite3_prepare_v2(d, "SELECT (SELECT user_version FROM pragma_user_version) * 100 +"
                          " (SELECT count(*) FROM sqlite_master WHERE name IN ('cards','revlog'))",
                       -1, &q, NULL);
    assert_int_equal(sqlite3_step(q), SQLITE_ROW);
    assert_int_equal(sqlite3_column_int(q, 0), 0); /* version 0 and no new tables */
    sqlite3_finalize(q);
    sqlite3_close(d);
}

static void test_daily_backups_rotate(void **state)
{
    (void)state;
    struct lp_err err = {0};
    char bdir[600], path[700];
    snprintf(bdir, sizeof bdir, "%s/backups", dir);
    struct store *st = store_open(db, STORE_CREATE, &err);
    assert_non_null(st);
    assert_int_equal(store_meta_set(st, "marker", "before", &err), LP_OK);
    int32_t first = clock_days_from_civil(2026, 1, 1), made;
    for (int32_t d = first; d < first + 40; d++) {
        assert_int_equal(backup_daily(st, bdir, d, &made, &err), LP_OK);
        assert_int_equal(made, 1);
        assert_int_equal(backup_daily(st, bdir, d, &made, &err), LP_OK);
        assert_int_equal(made, 0); /* once a day only */
    }
    assert_int_equal(tu_count_prefix(bdir, "daily-"), 7);
    assert_int_equal(tu_count_prefix(bdir, "weekly-"), 4);
    assert_int_equal(tu_count_prefix(bdir, "daily-2026-02-09"), 1); /* the newest is kept */
    assert_int_equal(tu_count_prefix(bdir, "daily-2026-02-02"), 0);
    /* A backup is a whole, readable database with our data. */
    snprintf(path, sizeof path, "%s/daily-2026-02-09.db", bdir);
    struct store *copy = store_open(path, 0, &err);
    assert_non_null(copy);
    char buf[32];
    assert_true(store_meta_get(copy, "marker", buf, sizeof buf));
    assert_string_equal(buf, "before");
    store_close(copy);
    char out[700];
    assert_int_equal(backup_now(st, bdir, 1767225600, out, sizeof out, &err), LP_OK);
    assert_int_equal(access(out, R_OK), 0);
    assert_int_equal(tu_count_prefix(bdir, "manual-"), 1);
    assert_int_equal(tu_count_prefix(bdir, "daily-2026-02-09.db.tmp"), 0);
    store_close(st);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_create_migrates_to_current, setup, teardown),
        cmocka_unit_test_setup_teardown(test_upgrade_from_version_1_keeps_data, setup, teardown),
        cmocka_unit_test_setup_teardown(test_missing_without_create, setup, teardown),
        cmocka_unit_test_setup_teardown(test_not_sqlite_untouched, setup, teardown),
        cmocka_unit_test_setup_teardown(test_foreign_database_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(test_newer_version_refused_and_untouched, setup, teardown),
        cmocka_unit_test_setup_teardown(test_doctor_finds_truncation, setup, teardown),
        cmocka_unit_test_setup_teardown(test_second_writer_gets_busy, setup, teardown),
        cmocka_unit_test_setup_teardown(test_daily_backups_rotate, setup, teardown),
        cmocka_unit_test_setup_teardown(test_failed_migration_leaves_nothing_half_done, setup,
                                        teardown),
    };
    return cmocka_run_group_tests_name("store", tests, NULL, NULL);
}
