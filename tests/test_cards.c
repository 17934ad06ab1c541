/*
 * test_cards.c - answering, undo, leeches, limits, burying and crash safety,
 * against a real SQLite file synced from fixture YAML.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <signal.h>
#include <sys/wait.h>
#include <time.h>

#include "cards.h"
#include "clock.h"
#include "sync.h"
#include "testutil.h"

#define T0 1767258000 /* 2026-01-01T09:00:00Z */

static char dir[256], content[300], db[300];
static struct store *st;
static struct config cfg;

static void write_deck(int n_cards)
{
    char buf[8192];
    int len = snprintf(buf, sizeof buf,
                       "kind: deck\nid: d\ntitle: D\nsection: mathematics\ntopic: t\ncards:\n");
    for (int i = 0; i < n_cards; i++)
        len += snprintf(buf + len, sizeof buf - (size_t)len,
                        "  - id: c%d\n    q: question %d\n    a: answer %d\n", i, i, i);
    tu_write(content, "deck.yaml", buf);
}

static int setup(void **state)
{
    (void)state;
    struct lp_err err = {0};
    setenv("TZ", "UTC", 1);
    tzset();
    tu_layout(dir, sizeof dir, content, sizeof content, db, sizeof db);
    write_deck(20);
    st = store_open(db, STORE_CREATE, &err);
    assert_non_null(st);
    tu_sync(st, content, T0);
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

static long qint(const char *sql)
{
    return tu_qint(st, sql);
}

static void answer(const char *id, int grade, int64_t t)
{
    struct lp_err err = {0};
    struct answer_result r;
    assert_int_equal(cards_answer(st, &cfg, id, grade, t, 4000, "study", -1, &r, &err), LP_OK);
}

static void test_answer_writes_card_and_log(void **state)
{
    (void)state;
    struct lp_err err = {0};
    struct answer_result r;
    assert_int_equal(cards_answer(st, &cfg, "c0", 3, T0, 4200, "study", 1, &r, &err), LP_OK);
    assert_int_equal(r.before.state, CARD_NEW);
    assert_int_not_equal(r.after.state, CARD_NEW);
    assert_true(r.after.due > T0);
    assert_true(r.after.s > 0);
    assert_int_equal(qint("SELECT count(*) FROM revlog"), 1);
    assert_int_equal(qint("SELECT answer_ms FROM revlog"), 4200);
    assert_int_equal(qint("SELECT correct FROM revlog"), 1);
    assert_int_equal(qint("SELECT grade * 10 + state_before FROM revlog"), 30);
    assert_int_equal(qint("SELECT reps FROM cards WHERE id = 'c0'"), 1);
    assert_int_equal(qint("SELECT due FROM cards WHERE id = 'c0'"), r.after.due);
    assert_int_equal(qint("SELECT due_after FROM revlog"), r.after.due);
}

static void test_undo_restores_exactly(void **state)
{
    (void)state;
    struct lp_err err = {0};
    answer("c1", 3, T0);
    answer("c1", 3, T0 + 700); /* second step: graduates or moves on */
    struct card_row before, after;
    assert_int_equal(cards_get(st, "c1", &before, &err), LP_OK);
    answer("c1", 1, T0 + 86400 * 3);
    char id[QUEUE_ID_MAX];
    assert_int_equal(cards_undo(st, id, sizeof id, &err), LP_OK);
    assert_string_equal(id, "c1");
    assert_int_equal(cards_get(st, "c1", &after, &err), LP_OK);
    assert_memory_equal(&before.m, &after.m, sizeof before.m);
    assert_int_equal(qint("SELECT count(*) FROM revlog"), 2);
    assert_int_equal(cards_undo(st, id, sizeof id, &err), LP_OK);
    assert_int_equal(cards_undo(st, id, sizeof id, &err), LP_OK);
    assert_int_equal(qint("SELECT state + reps + lapses + due + last_review FROM cards"
                          " WHERE id = 'c1'"),
                     0);
    assert_int_equal(cards_undo(st, id, sizeof id, &err), LP_ENOTFOUND);
}

static void test_leech_tagged_and_suspended_then_undone(void **state)
{
    (void)state;
    struct lp_err err = {0};
    struct answer_result r;
    answer("c2", 4, T0); /* graduate straight to review */
    assert_int_equal(store_exec(st, "UPDATE cards SET lapses = 7 WHERE id = 'c2'", &err), LP_OK);
    assert_int_equal(cards_answer(st, &cfg, "c2", 1, T0 + 86400 * 10, 0, "study", -1, &r, &err),
                     LP_OK);
    assert_true(r.became_leech);
    assert_int_equal(r.after.lapses, 8);
    assert_int_equal(qint("SELECT leech * 10 + suspended FROM cards WHERE id = 'c2'"), 11);
    assert_int_equal(qint("SELECT tags LIKE '% leech %' FROM cards WHERE id = 'c2'"), 1);
    /* A suspended card cannot be answered. */
    assert_int_equal(cards_answer(st, &cfg, "c2", 3, T0 + 86400 * 10, 0, "study", -1, &r, &err),
                     LP_ESTATE);
    char id[QUEUE_ID_MAX];
    assert_int_equal(cards_undo(st, id, sizeof id, &err), LP_OK);
    assert_int_equal(qint("SELECT leech * 10 + suspended FROM cards WHERE id = 'c2'"), 0);
    assert_int_equal(qint("SELECT tags LIKE '% leech %' FROM cards WHERE id = 'c2'"), 0);
}

static void test_daily_new_limit_and_counts(void **state)
{
    (void)state;
    struct lp_err err = {0};
    struct queue q;
    cfg.new_per_day = 3;
    assert_int_equal(cards_queue(st, &cfg, T0, NULL, NULL, &q, &err), LP_OK);
    assert_int_equal(q.n_new, 3);
    queue_free(&q);
    answer("c3", 3, T0);
    answer("c4", 3, T0);
    assert_int_equal(cards_queue(st, &cfg, T0 + 10, NULL, NULL, &q, &err), LP_OK);
    assert_int_equal(q.n_new, 1);
    assert_int_equal(q.n_learn, 2);
    queue_free(&q);
    struct day_done done;
    assert_int_equal(cards_done_today(st, clock_day(T0, 4), &done, &err), LP_OK);
    assert_int_equal(done.new_done, 2);
    assert_int_equal(done.answers, 2);
    /* Next study day the allowance is back. */
    assert_int_equal(cards_queue(st, &cfg, T0 + 86400, NULL, NULL, &q, &err), LP_OK);
    assert_int_equal(q.n_new, 3);
    queue_free(&q);
}

static void test_bury_hides_until_tomorrow_and_suspend(void **state)
{
    (void)state;
    struct lp_err err = {0};
    struct deck_counts *d;
    size_t n;
    assert_int_equal(cards_bury(st, "c5", clock_day(T0, 4), &err), LP_OK);
    assert_int_equal(cards_set_suspended(st, "c6", 1, &err), LP_OK);
    assert_int_equal(cards_counts(st, T0, 4, &d, &n, &err), LP_OK);
    assert_int_equal(n, 1);
    assert_int_equal(d[0].fresh, 18);
    free(d);
    assert_int_equal(cards_counts(st, T0 + 86400, 4, &d, &n, &err), LP_OK);
    assert_int_equal(d[0].fresh, 19);
    free(d);
    assert_int_equal(cards_set_suspended(st, "nope", 1, &err), LP_ENOTFOUND);
}

static void test_unknown_card_and_bad_grade(void **state)
{
    (void)state;
    struct lp_err err = {0};
    struct answer_result r;
    assert_int_equal(cards_answer(st, &cfg, "nope", 3, T0, 0, "study", -1, &r, &err),
                     LP_ENOTFOUND);
    assert_non_null(strstr(err.msg, "nope"));
    assert_int_equal(cards_answer(st, &cfg, "c0", 5, T0, 0, "study", -1, &r, &err), LP_EINVAL);
    assert_int_equal(qint("SELECT count(*) FROM revlog"), 0);
}

static void test_streak_counts_consecutive_days(void **state)
{
    (void)state;
    answer("c7", 3, T0 - 2 * 86400);
    answer("c8", 3, T0 - 86400);
    /* Nothing yet today: yesterday's streak still stands. */
    assert_int_equal(cards_streak(st, clock_day(T0, 4)), 2);
    answer("c9", 3, T0);
    assert_int_equal(cards_streak(st, clock_day(T0, 4)), 3);
    assert_int_equal(cards_streak(st, clock_day(T0 + 2 * 86400, 4)), 0);
}

/*
 * Crash safety: a child answers cards one by one and reports each id on a pipe
 * only after cards_answer returned; the parent kills it with SIGKILL at a random
 * moment.  Every reported answer must be in the database, which must pass its
 * integrity check.
 */
static void child_answer_loop(int fd)
{
    struct lp_err err = {0};
    struct store *s = store_open(db, 0, &err);
    if (!s)
        _exit(3);
    for (int i = 0;; i++) {
        char id[16];
        struct answer_result r;
        snprintf(id, sizeof id, "c%d", i % 20);
        if (cards_answer(s, &cfg, id, 1 + i % 4, T0 + i * 60, 1000, "study", -1, &r, &err) !=
            LP_OK)
            _exit(4);
        char line[32];
        int len = snprintf(line, sizeof line, "%lld\n", (long long)r.revlog_id);
        if (write(fd, line, (size_t)len) != len)
            _exit(5);
    }
}

static int one_kill_trial(unsigned seed)
{
    int fds[2];
    assert_int_equal(pipe(fds), 0);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        close(fds[0]);
        child_answer_loop(fds[1]);
    }
    close(fds[1]);
    struct timespec ts = {0, (long)(seed % 40) * 1000000L + 2000000L};
    nanosleep(&ts, NULL);
    kill(pid, SIGKILL);
    waitpid(pid, NULL, 0);
    char buf[65536];
    ssize_t n, total = 0;
    while ((n = read(fds[0], buf + total, sizeof buf - 1 - (size_t)total)) > 0)
        total += n;
    close(fds[0]);
    buf[total] = '\0';
    int reported = 0;
    for (char *p = strtok(buf, "\n"); p; p = strtok(NULL, "\n")) {
        char sql[96];
        snprintf(sql, sizeof sql, "SELECT count(*) FROM revlog WHERE id = %s", p);
        assert_int_equal(qint(sql), 1);
        reported++;
    }
    return reported;
}

static void test_sigkill_loses_no_reported_answer(void **state)
{
    (void)state;
    int total = 0;
    for (unsigned trial = 0; trial < 12; trial++)
        total += one_kill_trial(trial * 7919u);
    assert_true(total > 0);
    sqlite3_stmt *q;
    assert_int_equal(sqlite3_prepare_v2(store_db(st), "PRAGMA integrity_check", -1, &q, NULL),
                     SQLITE_OK);
    assert_int_equal(sqlite3_step(q), SQLITE_ROW);
    assert_string_equal((const char *)sqlite3_column_text(q, 0), "ok");
    sqlite3_finalize(q);
    /* Every log row's card state agrees with the last row for that card. */
    assert_int_equal(qint("SELECT count(*) FROM cards c JOIN revlog r ON r.card_id = c.id"
                          " WHERE r.id = (SELECT max(id) FROM revlog WHERE card_id = c.id)"
                          " AND r.due_after <> c.due"),
                     0);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(test_answer_writes_card_and_log),
        T(test_undo_restores_exactly),
        T(test_leech_tagged_and_suspended_then_undone),
        T(test_daily_new_limit_and_counts),
        T(test_bury_hides_until_tomorrow_and_suspend),
        T(test_unknown_card_and_bad_grade),
        T(test_streak_counts_consecutive_days),
        T(test_sigkill_loses_no_reported_answer),
    };
    return cmocka_run_group_tests_name("cards", tests, NULL, NULL);
}
