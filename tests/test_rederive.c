/*
 * test_rederive.c - re-deriving every card's memory from its answers: under the
 * weights the answers were given with it gives back exactly what cards_answer
 * stored; under other weights each card gets the replay of its own history
 * (from its last reset), due dates follow the rule in rederive.h, and the review
 * log is untouched; and it is one transaction (a failure changes nothing, the
 * fit is not activated).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "browse.h"
#include "cards.h"
#include "fitlog.h"
#include "reading.h"
#include "rederive.h"
#include "testutil.h"
#include "seed.h"

static const double other_w[21] = {
    0.3, 1.1,  2.9, 10.5, 6.8,  0.6, 2.7, 0.02, 1.6, 0.2,  0.9,
    1.7, 0.08, 0.3, 1.4,  0.45, 2.1, 0.7, 0.2,  0.1, 0.25,
};

static char dir[256];
static struct store *st;
static struct config cfg;
static int64_t study_end; /* time of the last simulated answer */

#define PULLED "(1767603600 + 59 * 86400 + 7200)" /* SEED_T0 + 59 days + 2 h */

/* A grade from a fixed stream: Again 15%, Hard 10%, Good 60%, Easy 15%. */
static int pick_grade(unsigned *x)
{
    *x = *x * 1103515245u + 12345u;
    unsigned v = (*x >> 16) % 100;
    return v < 15 ? 1 : v < 25 ? 2 : v < 85 ? 3 : 4;
}

/* Answer whatever is due at `now`; new cards are introduced from day i % 10. */
static void study_at(int64_t now, int day, unsigned *x)
{
    sqlite3_stmt *q;
    assert_int_equal(sqlite3_prepare_v2(store_db(st),
                                        "SELECT id, position FROM cards WHERE gate IS NULL"
                                        " ORDER BY id",
                                        -1, &q, NULL),
                     SQLITE_OK);
    char ids[64][QUEUE_ID_MAX];
    int n = 0;
    while (sqlite3_step(q) == SQLITE_ROW && n < 64)
        snprintf(ids[n++], QUEUE_ID_MAX, "%s", (const char *)sqlite3_column_text(q, 0));
    sqlite3_finalize(q);
    for (int i = 0; i < n; i++) {
        struct card_row row;
        struct answer_result res;
        struct lp_err err = {0};
        assert_int_equal(cards_get(st, ids[i], &row, &err), LP_OK);
        int due = row.m.state == SCHED_NEW ? i % 10 <= day : row.m.due <= now;
        if (!due || row.suspended)
            continue;
        assert_int_equal(
            cards_answer(st, &cfg, ids[i], pick_grade(x), now, 1000, "study", -1, &res, &err),
            LP_OK);
        study_end = now;
    }
}

/* Sixty days of study with learning steps coming due within each day; card d3 is
 * reset to new on day 30 and learned again, and at the end d5's due date is moved
 * to "now" as sending a mock's misses to study does. */
static void simulate_study(void)
{
    unsigned x = 2024;
    struct lp_err err = {0};
    for (int day = 0; day < 60; day++) {
        int64_t t = SEED_T0 + day * SEED_DAY;
        for (int pass = 0; pass < 5; pass++)
            study_at(t + pass * 11 * 60, day, &x);
        if (day == 30)
            assert_int_equal(browse_reset(st, "d3", &err), LP_OK);
    }
    seed_exec(st,
              "UPDATE cards SET due = " PULLED " WHERE id = 'd5' AND state = 2 AND due > " PULLED);
}

static int setup(void **state)
{
    (void)state;
    st = seed_open(dir, sizeof dir);
    config_defaults(&cfg);
    simulate_study();
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    store_close(st);
    tu_rmrf(dir);
    return 0;
}

/* Every card's stored memory and schedule, exactly (doubles to 17 digits). */
static char *snapshot(const char *sql)
{
    sqlite3_stmt *q;
    size_t cap = 1 << 16, len = 0;
    char *buf = malloc(cap);
    assert_non_null(buf);
    buf[0] = '\0';
    assert_int_equal(sqlite3_prepare_v2(store_db(st), sql, -1, &q, NULL), SQLITE_OK);
    while (sqlite3_step(q) == SQLITE_ROW) {
        for (int c = 0; c < sqlite3_column_count(q); c++) {
            char cell[64];
            if (sqlite3_column_type(q, c) == SQLITE_FLOAT)
                snprintf(cell, sizeof cell, "%.17g|", sqlite3_column_double(q, c));
            else
                snprintf(cell, sizeof cell, "%s|", (const char *)sqlite3_column_text(q, c));
            size_t l = strlen(cell);
            if (len + l + 2 > cap) {
                cap *= 2;
                buf = realloc(buf, cap);
                assert_non_null(buf);
            }
            memcpy(buf + len, cell, l + 1);
            len += l;
        }
        buf[len++] = '\n';
        buf[len] = '\0';
    }
    sqlite3_finalize(q);
    return buf;
}

#define CARDS_SQL                                                                                  \
    "SELECT id, state, stability, difficulty, due, last_review, reps, lapses, step, leech,"        \
    " suspended FROM cards ORDER BY id"
#define REVLOG_SQL "SELECT * FROM revlog ORDER BY id"
/* The end of today's queue: day 59 ends at 04:00 UTC on day 60. */
#define TODAY_END "(1767603600 + 60 * 86400 - 5 * 3600)"

/* The end of the study day of the last answers: day 59, rollover 04:00 UTC. */
static int64_t today_end(void)
{
    return clock_day_start(SEED_DAY0 + 60, 4);
}

/* The independent expectation: card `id`'s study answers since its last reset,
 * replayed one by one through the scheduler under settings c. */
static struct sched_result replay_by_hand(const char *id, const struct config *c, long *n)
{
    struct sched_config sc;
    struct sched_result r;
    struct card_row row;
    sqlite3_stmt *q;
    assert_int_equal(cards_sched_config(c, &sc, NULL), LP_OK);
    assert_int_equal(cards_get(st, id, &row, NULL), LP_OK);
    assert_int_equal(sqlite3_prepare_v2(store_db(st),
                                        "SELECT time, grade FROM revlog WHERE card_id = ?1 AND"
                                        " id >= (SELECT max(id) FROM revlog WHERE card_id = ?1"
                                        " AND state_before = 0) ORDER BY time, id",
                                        -1, &q, NULL),
                     SQLITE_OK);
    sqlite3_bind_text(q, 1, id, -1, SQLITE_STATIC);
    struct sched_card card;
    *n = 0;
    while (sqlite3_step(q) == SQLITE_ROW) {
        if (*n == 0)
            sched_card_new(&card, row.m.id, sqlite3_column_int64(q, 0));
        assert_int_equal(sched_answer(&sc, &card, sqlite3_column_int64(q, 0),
                                      sqlite3_column_int(q, 1), &r, NULL),
                         LP_OK);
        card = r.card;
        (*n)++;
    }
    sqlite3_finalize(q);
    assert_true(*n > 0);
    return r;
}

static void test_history_is_rich(void **state)
{
    (void)state;
    /* The simulated study covers what re-deriving must handle. */
    assert_true(seed_int(st, "SELECT count(*) FROM revlog") > 150);
    assert_true(seed_int(st, "SELECT count(*) FROM cards WHERE state = 2") >= 20);
    assert_true(seed_int(st, "SELECT count(*) FROM revlog WHERE grade = 1 AND state_before = 2") >
                5);
    /* same-day answers (learning steps) and a reset card answered again */
    assert_true(seed_int(st, "SELECT count(*) FROM revlog WHERE elapsed_days = 0 AND"
                             " state_before > 0") > 20);
    assert_true(seed_int(st, "SELECT count(*) FROM revlog WHERE card_id = 'd3' AND"
                             " state_before = 0") == 2);
    assert_true(seed_int(st, "SELECT count(*) FROM cards WHERE id = 'd5' AND state = 2 AND"
                             " due < (SELECT due_after FROM revlog WHERE card_id = 'd5'"
                             " ORDER BY id DESC LIMIT 1)") == 1);
}

static void test_same_weights_give_back_the_stored_cards(void **state)
{
    (void)state;
    struct rederive_stats s;
    struct lp_err err = {0};
    char *cards_before = snapshot(CARDS_SQL), *log_before = snapshot(REVLOG_SQL);
    assert_int_equal(rederive_all(st, &cfg, study_end, 0, &s, &err), LP_OK);
    char *cards_after = snapshot(CARDS_SQL), *log_after = snapshot(REVLOG_SQL);
    assert_string_equal(cards_after, cards_before);
    assert_string_equal(log_after, log_before);
    assert_int_equal(s.cards, seed_int(st, "SELECT count(*) FROM cards WHERE state > 0"));
    assert_int_equal(s.moved, 0);
    assert_int_equal(s.skipped, 0);
    /* every answer since each card's last reset was replayed */
    assert_int_equal(s.answers, seed_int(st, "SELECT count(*) FROM revlog r WHERE id >="
                                             " (SELECT max(id) FROM revlog WHERE card_id ="
                                             " r.card_id AND state_before = 0)"));
    free(cards_before), free(cards_after), free(log_before), free(log_after);
}

static void test_other_weights_replay_each_history(void **state)
{
    (void)state;
    struct config other = cfg;
    struct rederive_stats s;
    struct lp_err err = {0};
    struct card_row before[3], after;
    const char *ids[3] = {"d0", "d3", "o1"};
    memcpy(other.params, other_w, sizeof other_w);
    other.has_params = 1;
    char *log_before = snapshot(REVLOG_SQL);
    seed_exec(st, "CREATE TEMP TABLE orig AS SELECT * FROM cards");
    for (int i = 0; i < 3; i++)
        assert_int_equal(cards_get(st, ids[i], &before[i], NULL), LP_OK);
    assert_int_equal(rederive_all(st, &other, study_end, 0, &s, &err), LP_OK);
    assert_true(s.cards > 15 && s.moved > 0);
    /* every studied card's stability changed; the log did not */
    assert_int_equal(seed_int(st, "SELECT count(*) FROM cards WHERE state > 0"), s.cards);
    char *log_after = snapshot(REVLOG_SQL);
    assert_string_equal(log_after, log_before);
    for (int i = 0; i < 3; i++) {
        long n;
        struct sched_result want = replay_by_hand(ids[i], &other, &n);
        assert_int_equal(cards_get(st, ids[i], &after, NULL), LP_OK);
        assert_true(after.m.s != before[i].m.s);
        assert_true(after.m.s == want.card.s && after.m.d == want.card.d);
        /* where it is in its steps and its counts stay as they were */
        assert_int_equal(after.m.state, before[i].m.state);
        assert_int_equal(after.m.reps, before[i].m.reps);
        assert_int_equal(after.m.last_review, before[i].m.last_review);
        if (after.m.state != SCHED_REVIEW) {
            assert_true(after.m.due == before[i].m.due);
            continue;
        }
        assert_true(want.card.due == after.m.last_review + want.scheduled_days * SEED_DAY);
        if (before[i].m.due < today_end() && before[i].m.due < want.card.due)
            assert_true(after.m.due == before[i].m.due); /* stays in today's queue */
        else
            assert_true(after.m.due == want.card.due);
    }
    /* d3 was reset: only its answers since then count (the whole history differs) */
    long n3;
    replay_by_hand("d3", &other, &n3);
    assert_true(n3 < seed_int(st, "SELECT count(*) FROM revlog WHERE card_id = 'd3'"));
    /* d5's due was moved earlier after its last answer: that stays, unless the
     * new interval is shorter still */
    long n5;
    struct sched_result d5 = replay_by_hand("d5", &other, &n5);
    int64_t pulled = SEED_T0 + 59 * SEED_DAY + 7200;
    assert_int_equal(seed_int(st, "SELECT due FROM cards WHERE id = 'd5'"),
                     d5.card.due < pulled ? d5.card.due : pulled);
    /* and the default weights give everything back, but for due dates that are
     * kept in today's queue (there are some: the test would not see the rule) */
    assert_int_equal(rederive_all(st, &cfg, study_end, 0, &s, &err), LP_OK);
    assert_int_equal(seed_int(st, "SELECT count(*) FROM cards c JOIN orig o USING(id) WHERE"
                                  " c.stability != o.stability OR c.difficulty != o.difficulty OR"
                                  " c.state != o.state OR c.step != o.step OR c.reps != o.reps OR"
                                  " (c.due != o.due AND NOT (c.due < " TODAY_END
                                  " AND c.due < o.due))"),
                     0);
    assert_true(seed_int(st, "SELECT count(*) FROM cards c JOIN orig o USING(id) WHERE"
                             " c.due != o.due") > 0);
    free(log_before), free(log_after);
}

static void test_learning_cards_keep_their_step(void **state)
{
    (void)state;
    struct lp_err err = {0};
    struct answer_result res;
    struct config other = cfg;
    memcpy(other.params, other_w, sizeof other_w);
    other.has_params = 1;
    /* a new card answered Again is in its first learning step */
    int64_t t = study_end + 3600;
    assert_int_equal(seed_int(st, "SELECT state FROM cards WHERE id = 'p1-q1'"), 0);
    assert_int_equal(reading_set_status(st, "p1", READING_READ, t, NULL, &err), LP_OK);
    assert_int_equal(cards_answer(st, &cfg, "p1-q1", 1, t, 0, "study", -1, &res, &err), LP_OK);
    assert_int_equal(res.after.state, SCHED_LEARNING);
    assert_int_equal(rederive_all(st, &other, study_end, 0, NULL, &err), LP_OK);
    struct card_row row;
    assert_int_equal(cards_get(st, "p1-q1", &row, NULL), LP_OK);
    assert_int_equal(row.m.due, t + 60);
    assert_int_equal(row.m.state, SCHED_LEARNING);
    /* its stability is the new weights' first-Again stability */
    assert_true(row.m.s == 0.3 && row.m.s != res.after.s);
}

static void test_one_transaction(void **state)
{
    (void)state;
    struct lp_err err = {0};
    struct config other = cfg;
    struct fitlog_fit f = {0};
    memcpy(other.params, other_w, sizeof other_w);
    other.has_params = 1;
    memcpy(f.w, other_w, sizeof f.w);
    f.time = study_end;
    assert_int_equal(fitlog_save(st, &f, &err), LP_OK);
    char *before = snapshot(CARDS_SQL);
    /* s5 sorts last: every other card has been rewritten when its update fails */
    assert_int_equal(seed_int(st, "SELECT max(card_id) = 's5' FROM revlog"), 1);
    seed_exec(st, "CREATE TRIGGER no_s5 BEFORE UPDATE ON cards WHEN NEW.id = 's5'"
                  " BEGIN SELECT RAISE(ABORT, 'disk on fire'); END");
    struct rederive_stats s = {.cards = 99};
    assert_int_not_equal(rederive_all(st, &other, study_end, f.id, &s, &err), LP_OK);
    assert_non_null(strstr(err.msg, "disk on fire"));
    assert_int_equal(s.cards, 0);
    char *after = snapshot(CARDS_SQL);
    assert_string_equal(after, before);
    assert_int_equal(seed_int(st, "SELECT count(*) FROM fsrs_fits WHERE active = 1"), 0);
    /* without the fault the same call re-derives and activates the fit together */
    seed_exec(st, "DROP TRIGGER no_s5");
    assert_int_equal(rederive_all(st, &other, study_end, f.id, &s, &err), LP_OK);
    assert_true(s.cards > 0);
    assert_int_equal(seed_int(st, "SELECT group_concat(active) FROM fsrs_fits"), 1);
    char *changed = snapshot(CARDS_SQL);
    assert_string_not_equal(changed, before);
    /* an unknown fit is refused, and nothing changes */
    assert_int_equal(rederive_all(st, &cfg, study_end, f.id + 7, &s, &err), LP_ENOTFOUND);
    char *still = snapshot(CARDS_SQL);
    assert_string_equal(still, changed);
    assert_int_equal(seed_int(st, "SELECT active FROM fsrs_fits WHERE id = 1"), 1);
    free(before), free(after), free(changed), free(still);
}

static void test_replay_of_nothing_is_refused(void **state)
{
    (void)state;
    struct sched_config sc;
    struct sched_result r;
    struct lp_err err = {0};
    struct rederive_answer a[2] = {{SEED_T0, 3}, {SEED_T0 + 3 * SEED_DAY, 3}};
    sched_default_config(&sc);
    assert_int_equal(rederive_card(&sc, 7, a, 0, &r, &err), LP_EINVAL);
    assert_int_equal(rederive_card(&sc, 7, a, 2, &r, &err), LP_OK);
    assert_int_equal(r.card.reps, 2);
    assert_int_equal(r.card.last_review, SEED_T0 + 3 * SEED_DAY);
    a[1].grade = 5;
    assert_int_equal(rederive_card(&sc, 7, a, 2, &r, &err), LP_EINVAL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_history_is_rich, setup, teardown),
        cmocka_unit_test_setup_teardown(test_same_weights_give_back_the_stored_cards, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_other_weights_replay_each_history, setup, teardown),
        cmocka_unit_test_setup_teardown(test_learning_cards_keep_their_step, setup, teardown),
        cmocka_unit_test_setup_teardown(test_one_transaction, setup, teardown),
        cmocka_unit_test(test_replay_of_nothing_is_refused),
    };
    return cmocka_run_group_tests_name("rederive", tests, NULL, NULL);
}
