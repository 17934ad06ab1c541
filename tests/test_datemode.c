/*
 * test_datemode.c - the date-aware mode: the interval rule on its own, the
 * config keys that turn it on, and the scheduler's answers with an interview
 * ten days away (a card whose interval would be a month comes back before the
 * interview, and goes into it with R >= 0.95), with the mode off, after the
 * date, without an interview and for a card outside the oral quiz (unchanged).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>

#include "cards.h"
#include "datemode.h"
#include "plan.h"
#include "reading.h"
#include "testutil.h"
#include "seed.h"

static const double def_w[21] = {
    0.212,  1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001,  1.8722, 0.1666, 0.796,
    1.4835, 0.0614, 0.2629, 1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.1542,
};

static double recall(double t, double s)
{
    struct fsrs_grad_w k;
    fsrs_grad_prepare(&k, def_w);
    return fsrs_grad_retrievability(&k, t, s);
}

/* ---- the rule ---- */

static void test_rule_shortens_only_what_reaches_the_date(void **state)
{
    (void)state;
    struct fsrs_grad_w k;
    fsrs_grad_prepare(&k, def_w);
    const int32_t I = 1000;
    /* S = 40 reviewed 30 days before: a 40-day interval passes the date with
     * R(30) < 0.95, so it becomes the longest interval with R >= 0.95 */
    assert_true(recall(30, 40) < 0.95);
    int got = datemode_interval(&k, 40, 40, 0.95, I - 30, I);
    assert_int_equal(got, 16);
    assert_true(recall(got, 40) >= 0.95 && recall(got + 1, 40) < 0.95);
    /* an interval that lands before the date stands */
    assert_int_equal(datemode_interval(&k, 40, 29, 0.95, I - 30, I), 29);
    /* one that reaches the date with R still >= 0.95 there stands */
    assert_true(recall(12, 40) >= 0.95);
    assert_int_equal(datemode_interval(&k, 40, 40, 0.95, I - 12, I), 40);
    /* on and after the interview day, and with no target: the normal interval */
    assert_int_equal(datemode_interval(&k, 40, 40, 0.95, I, I), 40);
    assert_int_equal(datemode_interval(&k, 40, 40, 0.95, I + 3, I), 40);
    assert_int_equal(datemode_interval(&k, 40, 40, 0, I - 30, I), 40);
    /* never longer than the interval it replaces, never under a day */
    assert_int_equal(datemode_interval(&k, 40, 17, 0.95, I - 17, I), 16);
    assert_int_equal(datemode_interval(&k, 0.3, 10, 0.95, I - 5, I), 1);
    /* a higher target gives a shorter interval */
    assert_true(datemode_interval(&k, 40, 40, 0.97, I - 30, I) < got);
}

static void test_oral_quiz_sections_are_covered(void **state)
{
    (void)state;
    assert_true(datemode_covers("mathematics") && datemode_covers("statistics") &&
                datemode_covers("computer-science") && datemode_covers("machine-learning"));
    assert_false(datemode_covers("alignment"));
    assert_false(datemode_covers("practice"));
    assert_false(datemode_covers(NULL));
}

/* ---- config ---- */

static void test_config_keys(void **state)
{
    (void)state;
    char dir[256], path[300];
    struct config c;
    struct lp_err err = {0};
    tu_tempdir(dir, sizeof dir);
    snprintf(path, sizeof path, "%s/config.yaml", dir);
    config_defaults(&c);
    assert_int_equal(c.interview_mode, 0);
    assert_true(c.interview_retention == 0.95);
    tu_write(dir, "config.yaml", "interview_mode: true\ninterview_retention: 0.9\n");
    assert_int_equal(config_load(path, &c, &err), LP_OK);
    assert_int_equal(c.interview_mode, 1);
    assert_true(c.interview_retention == 0.9);
    /* strict: a bad value names its place, and nothing of the file is applied */
    config_defaults(&c);
    tu_write(dir, "config.yaml", "interview_mode: true\ninterview_retention: 1.2\n");
    assert_int_equal(config_load(path, &c, &err), LP_EPARSE);
    assert_non_null(strstr(err.msg, "config.yaml:2:22: interview_retention must be between"));
    assert_int_equal(c.interview_mode, 0);
    tu_write(dir, "config.yaml", "interview_mode: sometimes\n");
    assert_int_equal(config_load(path, &c, &err), LP_EPARSE);
    assert_non_null(strstr(err.msg, ":1:17: expected true or false"));
    tu_write(dir, "config.yaml", "interview_retention: 0.5\n");
    assert_int_equal(config_load(path, &c, &err), LP_EPARSE);
    tu_write(dir, "config.yaml", "interview_retention: [0.9]\n");
    assert_int_equal(config_load(path, &c, &err), LP_EPARSE);
    tu_write(dir, "config.yaml", "interview_date: 2026-03-01\n");
    assert_int_equal(config_load(path, &c, &err), LP_EPARSE);
    assert_non_null(strstr(err.msg, "interview_mode, interview_retention"));
    tu_rmrf(dir);
}

/* ---- the scheduler's answers ---- */

static char dir[256];
static struct store *st;
static struct config cfg;

#define NOW (SEED_T0 + 20 * SEED_DAY) /* 09:00 on day 20 */
#define TODAY (SEED_DAY0 + 20)

static int setup(void **state)
{
    (void)state;
    struct lp_err err = {0};
    st = seed_open(dir, sizeof dir);
    config_defaults(&cfg);
    cfg.fuzz = 0;
    /* A learner content with 85% most of the time: with 90%, a month's interval
     * has R(10 days) = 0.957 and needs no help to meet 0.95 on the day. */
    cfg.retention = 0.85;
    assert_int_equal(plan_start(st, "rs", TODAY, TODAY + 10, NOW, TODAY, NULL, NULL, &err), LP_OK);
    /* d0 (mathematics) and p1-q1 (alignment) in review: S = 5, last seen 5 days
     * ago, so Good now gives S of about 17 and, at 85%, a month's interval */
    assert_int_equal(reading_set_status(st, "p1", READING_READ, NOW, NULL, &err), LP_OK);
    seed_exec(st, "UPDATE cards SET state = 2, stability = 5, difficulty = 5, reps = 3,"
                  " due = 1767603600 + 20 * 86400, last_review = 1767603600 + 15 * 86400"
                  " WHERE id IN ('d0', 'p1-q1')");
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    store_close(st);
    tu_rmrf(dir);
    return 0;
}

static struct answer_result good(const char *id, int64_t t, const struct config *c)
{
    struct answer_result res;
    struct lp_err err = {0};
    if (cards_answer(st, c, id, 3, t, 0, "study", -1, &res, &err) != LP_OK)
        fail_msg("answer: %s", err.msg);
    return res;
}

static void undo(void)
{
    char id[QUEUE_ID_MAX];
    assert_int_equal(cards_undo(st, id, sizeof id, NULL), LP_OK);
}

static void test_interval_lands_before_the_interview(void **state)
{
    (void)state;
    struct config on = cfg;
    on.interview_mode = 1;
    struct answer_result off = good("d0", NOW, &cfg);
    undo();
    assert_true(off.scheduled_days >= 30); /* the normal interval: a month */
    struct answer_result res = good("d0", NOW, &on);
    /* the same memory, a shorter interval: back before the interview with R >= 0.95 */
    assert_true(res.after.s == off.after.s && res.after.d == off.after.d);
    assert_true(res.scheduled_days >= 1 && res.scheduled_days < 10);
    assert_int_equal(res.after.due, NOW + res.scheduled_days * SEED_DAY);
    assert_true(recall(res.scheduled_days, res.after.s) >= 0.95);
    assert_true(recall(res.scheduled_days + 1, res.after.s) < 0.95);
    assert_true(recall(10, res.after.s) < 0.95); /* why it had to come back */
    assert_int_equal(seed_int(st, "SELECT scheduled_days FROM revlog ORDER BY id DESC LIMIT 1"),
                     res.scheduled_days);
    /* answered Good whenever due, it goes into the interview with R >= 0.95 */
    int64_t t = res.after.due;
    int steps = 0;
    while (clock_day(t, 4) < TODAY + 10 && steps++ < 20) {
        res = good("d0", t, &on);
        t = res.after.due;
    }
    assert_true(steps >= 1 && steps < 20);
    int32_t last = clock_day(res.after.last_review, 4);
    assert_true(last < TODAY + 10 && clock_day(t, 4) >= TODAY + 10);
    assert_true(recall(TODAY + 10 - last, res.after.s) >= 0.95);
}

/* With fuzz on (the default), a cut interval is spread downwards only: never later
 * than the unfuzzed cut, so R on the way still stays at or above the target. */
static void test_fuzzed_cut_is_never_later(void **state)
{
    (void)state;
    struct config on = cfg;
    on.interview_mode = 1;
    struct answer_result plain = good("d0", NOW, &on);
    undo();
    on.fuzz = 1;
    struct answer_result fuzzed = good("d0", NOW, &on);
    assert_true(plain.scheduled_days >= 3); /* long enough to be fuzzed */
    assert_true(fuzzed.scheduled_days <= plain.scheduled_days);
    assert_true(fuzzed.scheduled_days >= 2);
    assert_true(recall(fuzzed.scheduled_days, fuzzed.after.s) >= 0.95);
    assert_int_equal(fuzzed.after.due, NOW + fuzzed.scheduled_days * SEED_DAY);
}

static void test_buttons_show_the_shortened_interval(void **state)
{
    (void)state;
    struct config on = cfg;
    struct card_row row;
    struct sched_result pv[4];
    on.interview_mode = 1;
    assert_int_equal(cards_get(st, "d0", &row, NULL), LP_OK);
    assert_int_equal(cards_preview(st, &on, &row, NOW, pv, NULL), LP_OK);
    struct answer_result res = good("d0", NOW, &on);
    assert_int_equal(pv[2].scheduled_days, res.scheduled_days);
    assert_int_equal(pv[2].delay, res.after.due - NOW);
    /* each button: back before the interview, or strong enough to reach it with
     * R >= 0.95 (Easy is: its interval stays) */
    for (int g = 1; g < 4; g++)
        assert_true(pv[g].scheduled_days < 10 || recall(10, pv[g].card.s) >= 0.95);
    assert_true(pv[1].scheduled_days < 10 && pv[3].scheduled_days >= 10);
    /* Again sends it to relearning, minutes away, as always */
    assert_int_equal(pv[0].card.state, SCHED_RELEARNING);
    assert_int_equal(pv[0].delay, 600);
}

static void test_unchanged_when_off_or_not_concerned(void **state)
{
    (void)state;
    struct config on = cfg;
    on.interview_mode = 1;
    struct answer_result base = good("d0", NOW, &cfg);
    undo();
    /* an alignment card is not an oral-quiz card */
    struct answer_result a_off = good("p1-q1", NOW, &cfg);
    undo();
    struct answer_result a_on = good("p1-q1", NOW, &on);
    undo();
    assert_int_equal(a_on.scheduled_days, a_off.scheduled_days);
    assert_true(a_on.scheduled_days >= 30);
    /* no interview date on the plan */
    seed_exec(st, "UPDATE plans SET interview_day = NULL");
    assert_int_equal(good("d0", NOW, &on).scheduled_days, base.scheduled_days);
    undo();
    /* no active plan */
    seed_exec(st, "UPDATE plans SET interview_day = 20468, active = 0");
    assert_int_equal(good("d0", NOW, &on).scheduled_days, base.scheduled_days);
    undo();
    /* the interview is today or past: the normal target resumes */
    seed_exec(st, "UPDATE plans SET active = 1, interview_day = 20478");
    assert_int_equal(TODAY, 20478);
    assert_int_equal(good("d0", NOW, &on).scheduled_days, base.scheduled_days);
    undo();
    seed_exec(st, "UPDATE plans SET interview_day = 20470");
    assert_int_equal(good("d0", NOW, &on).scheduled_days, base.scheduled_days);
    undo();
    /* and with a date ahead it does act (the checks above are not vacuous) */
    seed_exec(st, "UPDATE plans SET interview_day = 20488");
    assert_true(good("d0", NOW, &on).scheduled_days < 10);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rule_shortens_only_what_reaches_the_date),
        cmocka_unit_test(test_oral_quiz_sections_are_covered),
        cmocka_unit_test(test_config_keys),
        cmocka_unit_test_setup_teardown(test_interval_lands_before_the_interview, setup, teardown),
        cmocka_unit_test_setup_teardown(test_fuzzed_cut_is_never_later, setup, teardown),
        cmocka_unit_test_setup_teardown(test_buttons_show_the_shortened_interval, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unchanged_when_off_or_not_concerned, setup, teardown),
    };
    return cmocka_run_group_tests_name("date-aware mode", tests, NULL, NULL);
}
