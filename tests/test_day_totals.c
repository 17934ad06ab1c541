/*
 * test_day_totals.c - the review log's per-day totals (revlog_days, schema 4),
 * kept by triggers: they must always equal what the log itself says, through
 * answers, undo and direct edits; the migration must fill them from an existing
 * log; and doctor must notice when they drift.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <time.h>

#include "cards.h"
#include "clock.h"
#include "sync.h"
#include "testutil.h"

#define T0 1767258000 /* 2026-01-01T09:00:00Z */
#define DAY 86400

static char dir[256], content[300], db[300];
static struct store *st;
static struct config cfg;

/* The totals recomputed from the log, minus the kept ones: 0 when they agree. */
static const char drift_sql[] =
    "WITH a AS (SELECT day, mode, count(*) answers, sum(state_before = 0) fresh,"
    " sum(state_before = 2) reviews, sum(state_before = 2 AND grade > 1) passed,"
    " sum(answer_ms) ms, sum(answer_ms > 0) timed,"
    " sum(CASE WHEN answer_ms > 0 THEN MIN(answer_ms, 120000) ELSE 0 END) ms_capped"
    " FROM revlog GROUP BY day, mode), b AS (SELECT * FROM revlog_days WHERE answers <> 0)"
    " SELECT (SELECT count(*) FROM (SELECT * FROM a EXCEPT SELECT * FROM b))"
    " + (SELECT count(*) FROM (SELECT * FROM b EXCEPT SELECT * FROM a))";

static long long query_ll(const char *sql)
{
    sqlite3_stmt *q;
    assert_int_equal(sqlite3_prepare_v2(store_db(st), sql, -1, &q, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(q), SQLITE_ROW);
    long long v = sqlite3_column_int64(q, 0);
    sqlite3_finalize(q);
    return v;
}

static void exec_ok(const char *sql)
{
    assert_int_equal(sqlite3_exec(store_db(st), sql, NULL, NULL, NULL), SQLITE_OK);
}

static int setup(void **state)
{
    (void)state;
    struct lp_err err = {0};
    char buf[4096];
    setenv("TZ", "UTC", 1);
    tzset();
    tu_layout(dir, sizeof dir, content, sizeof content, db, sizeof db);
    int len = snprintf(buf, sizeof buf,
                       "kind: deck\nid: d\ntitle: D\nsection: mathematics\ntopic: t\ncards:\n");
    for (int i = 0; i < 8; i++)
        len += snprintf(buf + len, sizeof buf - (size_t)len,
                        "  - id: c%d\n    q: question %d\n    a: answer %d\n", i, i, i);
    tu_write(content, "deck.yaml", buf);
    st = store_open(db, STORE_CREATE, &err);
    assert_non_null(st);
    const char *dirs[] = {content};
    struct content_diag diag;
    content_diag_init(&diag);
    assert_int_equal(sync_content(st, dirs, 1, 1, T0, &diag, NULL, &err), LP_OK);
    content_diag_free(&diag);
    config_defaults(&cfg);
    cfg.fuzz = 0;
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    store_close(st);
    tu_rmrf(dir);
    return 0;
}

static void answer(const char *id, int grade, int64_t t, int ms)
{
    struct lp_err err = {0};
    struct answer_result r;
    assert_int_equal(cards_answer(st, &cfg, id, grade, t, ms, "study", -1, &r, &err), LP_OK);
}

/* Three days of answers (new, learning and review cards, Again and passes, times
 * over the two-minute cap), one undo: the totals and everything read from them
 * agree with the log. */
static void test_totals_follow_answers_and_undo(void **state)
{
    (void)state;
    struct lp_err err = {0};
    char id[QUEUE_ID_MAX];
    for (int d = 0; d < 3; d++)
        for (int i = 0; i < 8; i++)
            answer((char[]){'c', (char)('0' + i), '\0'}, 1 + (i + d) % 4, T0 + d * DAY + i * 60,
                   i == 3 ? 300000 : 1000 * i);
    answer("c7", 3, T0 + 2 * DAY + 3600, 5000);
    assert_int_equal(cards_undo(st, id, sizeof id, &err), LP_OK);
    assert_string_equal(id, "c7");
    assert_int_equal(query_ll(drift_sql), 0);

    int32_t today = clock_day(T0 + 2 * DAY, cfg.rollover_hour);
    struct day_done done;
    assert_int_equal(cards_done_today(st, today, &done, &err), LP_OK);
    assert_int_equal(done.answers, 8);
    assert_int_equal(
        done.answers,
        query_ll("SELECT count(*) FROM revlog WHERE day = (SELECT max(day) FROM revlog)"));
    assert_int_equal(done.reviews_done,
                     query_ll("SELECT count(*) FROM revlog WHERE state_before = 2"
                              " AND day = (SELECT max(day) FROM revlog)"));
    assert_int_equal(cards_streak(st, today), 3);
    int passed, total;
    assert_int_equal(cards_retention(st, today - 29, today, NULL, &passed, &total, &err), LP_OK);
    assert_int_equal(total, query_ll("SELECT count(*) FROM revlog WHERE state_before = 2"));
    assert_int_equal(passed,
                     query_ll("SELECT count(*) FROM revlog WHERE state_before = 2 AND grade > 1"));
    double want =
        (double)query_ll("SELECT sum(MIN(answer_ms, 120000)) FROM revlog WHERE answer_ms > 0") /
        (double)query_ll("SELECT count(*) FROM revlog WHERE answer_ms > 0") / 1000.0;
    assert_true(cards_seconds_per_answer(st, today) > want - 1e-9 &&
                cards_seconds_per_answer(st, today) < want + 1e-9);
}

/* Edits that do not go through cards_answer() are followed too. */
static void test_totals_follow_direct_edits(void **state)
{
    (void)state;
    answer("c0", 3, T0, 2000);
    answer("c1", 1, T0 + 60, 3000);
    exec_ok("UPDATE revlog SET day = day + 1, grade = 4, answer_ms = 200000 WHERE card_id = 'c1'");
    assert_int_equal(query_ll(drift_sql), 0);
    exec_ok("UPDATE revlog SET mode = 'cram' WHERE card_id = 'c0'");
    assert_int_equal(query_ll(drift_sql), 0);
    exec_ok("DELETE FROM revlog");
    assert_int_equal(query_ll(drift_sql), 0);
    assert_int_equal(query_ll("SELECT count(*) FROM revlog_days WHERE answers <> 0"), 0);
}

static void count_problem(void *ctx, const char *problem)
{
    (void)problem;
    (*(long *)ctx)++;
}

/* Opening a schema-3 file fills the totals from its log; doctor checks them. */
static void test_migration_fills_totals_and_doctor_checks_them(void **state)
{
    (void)state;
    struct lp_err err = {0};
    for (int i = 0; i < 6; i++)
        answer((char[]){'c', (char)('0' + i), '\0'}, 3, T0 + i * DAY, 4000 + i);
    exec_ok("DROP TRIGGER revlog_days_insert; DROP TRIGGER revlog_days_delete;"
            " DROP TRIGGER revlog_days_update; DROP TABLE revlog_days; PRAGMA user_version = 3");
    store_close(st);
    st = store_open(db, 0, &err);
    assert_non_null(st);
    assert_int_equal(store_opened_version(st), 3);
    assert_int_equal(query_ll("SELECT count(*) FROM revlog_days"), 6);
    assert_int_equal(query_ll(drift_sql), 0);

    long problems = 0;
    assert_int_equal(store_doctor(st, count_problem, &problems, &err), 0);
    exec_ok("UPDATE revlog_days SET passed = passed + 1 WHERE day = (SELECT min(day) FROM "
            "revlog_days)");
    store_close(st);
    st = store_open(db, STORE_READONLY, &err);
    assert_non_null(st);
    assert_int_equal(store_doctor(st, count_problem, &problems, &err), 1);
    assert_int_equal(problems, 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_totals_follow_answers_and_undo, setup, teardown),
        cmocka_unit_test_setup_teardown(test_totals_follow_direct_edits, setup, teardown),
        cmocka_unit_test_setup_teardown(test_migration_fills_totals_and_doctor_checks_them, setup,
                                        teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
