/*
 * test_sync_stamp.c - the stat stamp that lets a content sync skip re-reading
 * files nobody touched (db/sync.c, schema v3), and the cases where it must not.
 *
 * A stamp is only recorded for a file whose mtime and ctime are more than two
 * seconds old, so the group setup writes one content directory per test and
 * sleeps three seconds, once.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <fcntl.h>
#include <sys/stat.h>

#include "sync.h"
#include "testutil.h"

#define T0 1767258000 /* 2026-01-01T09:00:00Z */

#define N_TESTS 3

static char dir[256], content[300], db[300], deck[400];
static struct store *st;
static int next_test;

static const char deck_v1[] = "kind: deck\nid: d\ntitle: D\nsection: mathematics\ntopic: t\n"
                              "cards:\n  - id: c1\n    q: first question\n    a: answer\n";
/* Same length as deck_v1, different text. */
static const char deck_v2[] = "kind: deck\nid: d\ntitle: D\nsection: mathematics\ntopic: t\n"
                              "cards:\n  - id: c1\n    q: FIRST QUESTION\n    a: answer\n";

static struct sync_stats sync_now(void)
{
    struct lp_err err = {0};
    struct sync_stats ss;
    struct content_diag diag;
    const char *dirs[] = {content};
    content_diag_init(&diag);
    assert_int_equal(sync_content(st, dirs, 1, 1, T0, &diag, &ss, &err), LP_OK);
    assert_int_equal(diag.n, 0);
    content_diag_free(&diag);
    return ss;
}

static char *text_of(const char *sql, char *buf, size_t size)
{
    sqlite3_stmt *q;
    assert_int_equal(sqlite3_prepare_v2(store_db(st), sql, -1, &q, NULL), SQLITE_OK);
    buf[0] = '\0';
    if (sqlite3_step(q) == SQLITE_ROW && sqlite3_column_text(q, 0))
        snprintf(buf, size, "%s", (const char *)sqlite3_column_text(q, 0));
    sqlite3_finalize(q);
    return buf;
}

static int group_setup(void **state)
{
    (void)state;
    tu_tempdir(dir, sizeof dir);
    for (int i = 0; i < N_TESTS; i++) {
        snprintf(content, sizeof content, "%s/content%d", dir, i);
        mkdir(content, 0700);
        tu_write(content, "deck.yaml", deck_v1);
    }
    sleep(3); /* let the files settle, so they can be stamped */
    return 0;
}

static int group_teardown(void **state)
{
    (void)state;
    tu_rmrf(dir);
    return 0;
}

/* Each test gets its own settled content directory and a new database. */
static int setup(void **state)
{
    (void)state;
    struct lp_err err = {0};
    int i = next_test++;
    snprintf(content, sizeof content, "%s/content%d", dir, i);
    snprintf(db, sizeof db, "%s/labprep%d.db", dir, i);
    snprintf(deck, sizeof deck, "%s/deck.yaml", content);
    st = store_open(db, STORE_CREATE, &err);
    assert_non_null(st);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    store_close(st);
    return 0;
}

static void test_settled_file_is_stamped_then_skipped(void **state)
{
    (void)state;
    char buf[128];
    struct sync_stats ss = sync_now();
    assert_int_equal(ss.parsed, 1);
    text_of("SELECT stamp FROM content_files", buf, sizeof buf);
    assert_true(strlen(buf) > 10); /* size:mtime:ctime:inode */
    /* A wrong recorded hash goes unnoticed: proof that the file was not read. */
    assert_int_equal(
        sqlite3_exec(store_db(st), "UPDATE content_files SET hash = '0'", NULL, NULL, NULL),
        SQLITE_OK);
    ss = sync_now();
    assert_int_equal(ss.parsed, 0);
    assert_int_equal(ss.skipped_unchanged, 1);
}

/* A same-size rewrite whose mtime is set back (cp -p, rsync -t, tar) keeps size
 * and mtime; only the ctime shows it, and the sync must still see the new text. */
static void test_rewrite_with_old_mtime_is_seen(void **state)
{
    (void)state;
    char buf[128];
    sync_now();
    struct stat before;
    assert_int_equal(stat(deck, &before), 0);
    tu_write(content, "deck.yaml", deck_v2);
    struct timespec times[2] = {before.st_atim, before.st_mtim};
    assert_int_equal(utimensat(AT_FDCWD, deck, times, 0), 0);
    struct sync_stats ss = sync_now();
    assert_int_equal(ss.parsed, 1);
    assert_string_equal(text_of("SELECT q FROM cards WHERE id = 'c1'", buf, sizeof buf),
                        "FIRST QUESTION");
}

/* A file touched but not changed is hashed, found the same and not parsed; while
 * it is fresh its old stamp is neither trusted nor replaced. */
static void test_touched_file_is_hashed_not_parsed(void **state)
{
    (void)state;
    char old[128], now[128];
    sync_now();
    text_of("SELECT stamp FROM content_files", old, sizeof old);
    assert_true(old[0] != '\0');
    struct timespec times[2] = {{.tv_sec = T0, .tv_nsec = 0}, {.tv_sec = T0, .tv_nsec = 0}};
    assert_int_equal(utimensat(AT_FDCWD, deck, times, 0), 0);
    struct sync_stats ss = sync_now();
    assert_int_equal(ss.parsed, 0);
    assert_int_equal(ss.skipped_unchanged, 1);
    assert_string_equal(text_of("SELECT stamp FROM content_files", now, sizeof now), old);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_settled_file_is_stamped_then_skipped, setup, teardown),
        cmocka_unit_test_setup_teardown(test_rewrite_with_old_mtime_is_seen, setup, teardown),
        cmocka_unit_test_setup_teardown(test_touched_file_is_hashed_not_parsed, setup, teardown),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
