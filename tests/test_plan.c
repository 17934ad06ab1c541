/*
 * test_plan.c - the roadmap planner: dates, weeks (a plan started mid-week),
 * starting and replacing plans, interview dates, due/behind/ahead, what to do
 * today, and the focus that feeds the study queue.  Real SQLite file, fixed days.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "cards.h"
#include "plan.h"
#include "testutil.h"
#include "seed.h"

static char dir[256];
static struct store *st;

static int setup(void **state)
{
    (void)state;
    st = seed_open(dir, sizeof dir);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    store_close(st);
    tu_rmrf(dir);
    return 0;
}

static int32_t day_of(int y, int m, int d)
{
    return clock_days_from_civil(y, m, d);
}

static void start(const char *track, int32_t start_day, int32_t interview, int32_t today)
{
    struct lp_err err = {0};
    int64_t id;
    assert_int_equal(plan_start(st, track, start_day, interview, SEED_T0, today, &id, NULL, &err),
                     LP_OK);
    assert_true(id > 0);
}

static void mark(const char *id, int done)
{
    struct lp_err err = {0};
    assert_int_equal(plan_mark(st, id, done, SEED_T0, NULL, &err), LP_OK);
}

static void test_parse_day(void **state)
{
    (void)state;
    struct lp_err err = {0};
    int32_t d = 0;
    assert_int_equal(plan_parse_day("2026-01-05", 0, &d, &err), LP_OK);
    assert_int_equal(d, SEED_DAY0);
    assert_int_equal(plan_parse_day("today", 1234, &d, &err), LP_OK);
    assert_int_equal(d, 1234);
    assert_int_equal(plan_parse_day("2026-02-30", 0, &d, &err), LP_EINVAL);
    assert_non_null(strstr(err.msg, "YYYY-MM-DD"));
    assert_int_equal(plan_parse_day("2026-1-5", 0, &d, &err), LP_EINVAL);
    assert_int_equal(plan_parse_day("2026-13-01", 0, &d, &err), LP_EINVAL);
    assert_int_equal(plan_parse_day("", 0, &d, &err), LP_EINVAL);
}

static void test_week_of(void **state)
{
    (void)state;
    assert_int_equal(plan_week_of(100, 4, 99), 0);
    assert_int_equal(plan_week_of(100, 4, 100), 1);
    assert_int_equal(plan_week_of(100, 4, 106), 1);
    assert_int_equal(plan_week_of(100, 4, 107), 2);
    assert_int_equal(plan_week_of(100, 4, 127), 4);
    assert_int_equal(plan_week_of(100, 4, 128), 5); /* finished: weeks + 1 */
    assert_int_equal(plan_week_of(100, 4, 400), 5);
}

static void test_no_plan(void **state)
{
    (void)state;
    struct lp_err err = {0};
    struct plan_status s;
    char line[128] = "x", decks[64] = "x", tags[64] = "x";
    assert_int_equal(plan_status(st, SEED_DAY0, &s, &err), LP_OK);
    assert_int_equal(s.active, 0);
    plan_headline(&s, line, sizeof line);
    assert_string_equal(line, "");
    assert_int_equal(plan_focus(st, SEED_DAY0, decks, sizeof decks, tags, sizeof tags, &err),
                     LP_OK);
    assert_string_equal(decks, "");
    assert_string_equal(tags, "");
    assert_int_equal(plan_mark(st, "a1", 1, SEED_T0, NULL, &err), LP_ESTATE);
}

static void test_unknown_track_lists_known(void **state)
{
    (void)state;
    struct lp_err err = {0};
    char buf[64];
    assert_int_equal(plan_tracks(st, buf, sizeof buf, &err), 2);
    assert_string_equal(buf, "re, rs");
    assert_int_equal(
        plan_start(st, "ml", SEED_DAY0, PLAN_NO_DAY, SEED_T0, SEED_DAY0, NULL, NULL, &err),
        LP_EINVAL);
    assert_non_null(strstr(err.msg, "unknown track 'ml'"));
    assert_non_null(strstr(err.msg, "re, rs"));
    assert_int_equal(seed_int(st, "SELECT COUNT(*) FROM plans"), 0);
}

static void test_interview_dates(void **state)
{
    (void)state;
    struct lp_err err = {0};
    /* Before the start: refused. */
    assert_int_equal(
        plan_start(st, "rs", SEED_DAY0 + 10, SEED_DAY0 + 9, SEED_T0, SEED_DAY0, NULL, NULL, &err),
        LP_EINVAL);
    assert_non_null(strstr(err.msg, "2026-01-14 is before the start date 2026-01-15"));
    /* Already past (a back-dated plan with an old interview): refused. */
    assert_int_equal(
        plan_start(st, "rs", SEED_DAY0 - 20, SEED_DAY0 - 1, SEED_T0, SEED_DAY0, NULL, NULL, &err),
        LP_EINVAL);
    assert_non_null(strstr(err.msg, "has already passed"));
    assert_int_equal(seed_int(st, "SELECT COUNT(*) FROM plans"), 0);
    /* The interview passes while the plan runs: countdown goes negative. */
    start("rs", SEED_DAY0, SEED_DAY0 + 10, SEED_DAY0);
    struct plan_status s;
    char line[160];
    assert_int_equal(plan_status(st, SEED_DAY0 + 3, &s, &err), LP_OK);
    assert_int_equal(s.countdown, 7);
    plan_headline(&s, line, sizeof line);
    assert_string_equal(line, "plan: rs week 1 of 4, on schedule, interview in 7 days");
    plan_status_free(&s);
    assert_int_equal(plan_status(st, SEED_DAY0 + 13, &s, &err), LP_OK);
    assert_int_equal(s.countdown, -3);
    plan_headline(&s, line, sizeof line);
    assert_string_equal(line,
                        "plan: rs week 2 of 4, 2 milestones behind, interview was 3 days ago");
    plan_status_free(&s);
}

static void test_start_ends_previous(void **state)
{
    (void)state;
    struct lp_err err = {0};
    int64_t first, second, ended = -1;
    assert_int_equal(
        plan_start(st, "rs", SEED_DAY0, PLAN_NO_DAY, SEED_T0, SEED_DAY0, &first, &ended, &err),
        LP_OK);
    assert_int_equal(ended, 0);
    mark("a1", 1);
    assert_int_equal(plan_start(st, "re", SEED_DAY0 + 2, PLAN_NO_DAY, SEED_T0 + 100, SEED_DAY0,
                                &second, &ended, &err),
                     LP_OK);
    assert_int_equal(ended, first);
    assert_int_equal(seed_int(st, "SELECT COUNT(*) FROM plans"), 2);
    assert_int_equal(seed_int(st, "SELECT COUNT(*) FROM plans WHERE active = 1"), 1);
    assert_int_equal(seed_int(st, "SELECT ended FROM plans WHERE active = 0"), SEED_T0 + 100);
    /* The old plan's milestone is kept with it; the new plan starts clean. */
    assert_int_equal(seed_int(st, "SELECT COUNT(*) FROM plan_milestones"), 1);
    struct plan_status s;
    assert_int_equal(plan_status(st, SEED_DAY0 + 2, &s, &err), LP_OK);
    assert_int_equal(s.id, second);
    assert_string_equal(s.track, "re");
    assert_int_equal(s.done, 0);
    assert_int_equal(s.total, 2);
    plan_status_free(&s);
    /* Milestones of another track are not the active plan's. */
    assert_int_equal(plan_mark(st, "a2", 1, SEED_T0, NULL, &err), LP_ENOTFOUND);
    assert_non_null(strstr(err.msg, "belongs to the rs track"));
    assert_int_equal(plan_mark(st, "zz", 1, SEED_T0, NULL, &err), LP_ENOTFOUND);
}

static void test_mid_week_start(void **state)
{
    (void)state;
    struct lp_err err = {0};
    struct plan_status s;
    int32_t wed = day_of(2026, 1, 7);
    start("rs", wed, PLAN_NO_DAY, SEED_DAY0);
    /* Monday before: not started. */
    assert_int_equal(plan_status(st, SEED_DAY0, &s, &err), LP_OK);
    assert_int_equal(s.week, 0);
    assert_int_equal(s.day_of_week, 0);
    assert_int_equal(s.due, 0);
    assert_non_null(strstr(s.today_line, "starts on 2026-01-07 (in 2 days)"));
    plan_status_free(&s);
    /* The following Tuesday is still week 1 (day 7); Wednesday starts week 2. */
    assert_int_equal(plan_status(st, day_of(2026, 1, 13), &s, &err), LP_OK);
    assert_int_equal(s.week, 1);
    assert_int_equal(s.day_of_week, 7);
    assert_int_equal(s.due, 2);
    assert_int_equal(s.behind, 0);
    plan_status_free(&s);
    assert_int_equal(plan_status(st, day_of(2026, 1, 14), &s, &err), LP_OK);
    assert_int_equal(s.week, 2);
    assert_int_equal(s.day_of_week, 1);
    assert_int_equal(s.due, 4);
    assert_int_equal(s.behind, 2);
    plan_status_free(&s);
}

static void test_behind_and_ahead(void **state)
{
    (void)state;
    struct lp_err err = {0};
    struct plan_status s;
    char line[160];
    start("rs", SEED_DAY0, PLAN_NO_DAY, SEED_DAY0);
    mark("a1", 1);
    mark("b1", 1);
    mark("c2", 1);
    mark("d1", 1);
    /* Day 15 is week 3: due = weeks 1-3 (6), behind = a2 and b2, ahead = d1. */
    assert_int_equal(plan_status(st, SEED_DAY0 + 15, &s, &err), LP_OK);
    assert_int_equal(s.week, 3);
    assert_int_equal(s.total, 8);
    assert_int_equal(s.done, 4);
    assert_int_equal(s.due, 6);
    assert_int_equal(s.behind, 2);
    assert_int_equal(s.ahead, 1);
    assert_int_equal(s.wk[0].done, 1);
    assert_int_equal(s.wk[2].n, 2);
    assert_true(plan_find(&s, "c2")->done);
    assert_false(plan_find(&s, "c1")->done);
    assert_non_null(strstr(s.today_line, "week 1, a2"));
    plan_headline(&s, line, sizeof line);
    assert_string_equal(line, "plan: rs week 3 of 4, 2 milestones behind");
    plan_status_free(&s);

    mark("a2", 1);
    mark("b2", 1);
    assert_int_equal(plan_status(st, SEED_DAY0 + 15, &s, &err), LP_OK);
    assert_int_equal(s.behind, 0);
    assert_non_null(strstr(s.today_line, "On schedule"));
    assert_non_null(strstr(s.today_line, "c1"));
    plan_status_free(&s);

    mark("c1", 1);
    assert_int_equal(plan_status(st, SEED_DAY0 + 15, &s, &err), LP_OK);
    assert_non_null(strstr(s.today_line, "this week's milestones are done"));
    plan_status_free(&s);
}

static void test_mark_and_undo(void **state)
{
    (void)state;
    struct lp_err err = {0};
    int changed = -1;
    start("rs", SEED_DAY0, PLAN_NO_DAY, SEED_DAY0);
    assert_int_equal(plan_mark(st, "a1", 1, SEED_T0 + 5, &changed, &err), LP_OK);
    assert_int_equal(changed, 1);
    assert_int_equal(seed_int(st, "SELECT done_time FROM plan_milestones"), SEED_T0 + 5);
    assert_int_equal(plan_mark(st, "a1", 1, SEED_T0 + 9, &changed, &err), LP_OK);
    assert_int_equal(changed, 0);
    assert_int_equal(seed_int(st, "SELECT done_time FROM plan_milestones"), SEED_T0 + 5);
    assert_int_equal(plan_mark(st, "a1", 0, SEED_T0, &changed, &err), LP_OK);
    assert_int_equal(changed, 1);
    assert_int_equal(seed_int(st, "SELECT COUNT(*) FROM plan_milestones"), 0);
    assert_int_equal(plan_mark(st, "a1", 0, SEED_T0, &changed, &err), LP_OK);
    assert_int_equal(changed, 0);
}

static void test_finished(void **state)
{
    (void)state;
    struct lp_err err = {0};
    struct plan_status s;
    char line[160];
    start("re", SEED_DAY0, PLAN_NO_DAY, SEED_DAY0);
    assert_int_equal(plan_status(st, SEED_DAY0 + 14, &s, &err), LP_OK);
    assert_int_equal(s.week, 3);
    assert_int_equal(s.day_of_week, 0);
    assert_int_equal(s.due, 2);
    assert_int_equal(s.behind, 2);
    plan_headline(&s, line, sizeof line);
    assert_string_equal(line, "plan: re finished, 2 milestones open");
    plan_status_free(&s);
    mark("e1", 1);
    mark("f1", 1);
    assert_int_equal(plan_status(st, SEED_DAY0 + 14, &s, &err), LP_OK);
    assert_non_null(strstr(s.today_line, "Plan finished with every milestone done"));
    plan_status_free(&s);
}

static void test_focus_drives_queue(void **state)
{
    (void)state;
    struct lp_err err = {0};
    struct config cfg;
    struct queue q;
    char decks[PLAN_WORDS_MAX], tags[PLAN_WORDS_MAX];
    config_defaults(&cfg);
    cfg.new_per_day = 1;
    /* No plan: the first new card comes from the first section's deck. */
    assert_int_equal(cards_queue(st, &cfg, SEED_T0, NULL, NULL, &q, &err), LP_OK);
    const struct queue_card *c = queue_next(&q, SEED_T0, SEED_T0 + SEED_DAY, NULL);
    assert_non_null(c);
    assert_string_equal(c->deck, "deriv");
    queue_free(&q);
    /* Week 1 of the plan focuses the stats deck (and the derivation tag). */
    start("rs", SEED_DAY0, PLAN_NO_DAY, SEED_DAY0);
    assert_int_equal(plan_focus(st, SEED_DAY0, decks, sizeof decks, tags, sizeof tags, &err),
                     LP_OK);
    assert_string_equal(decks, " stats ");
    assert_string_equal(tags, " derivation ");
    assert_int_equal(cards_queue(st, &cfg, SEED_T0, decks, " nothing ", &q, &err), LP_OK);
    c = queue_next(&q, SEED_T0, SEED_T0 + SEED_DAY, NULL);
    assert_non_null(c);
    assert_string_equal(c->deck, "stats");
    queue_free(&q);
    /* Week 2 has no focus; after the end there is none either. */
    assert_int_equal(plan_focus(st, SEED_DAY0 + 7, decks, sizeof decks, tags, sizeof tags, &err),
                     LP_OK);
    assert_string_equal(decks, " ");
    assert_int_equal(plan_focus(st, SEED_DAY0 + 28, decks, sizeof decks, tags, sizeof tags, &err),
                     LP_OK);
    assert_string_equal(decks, "");
    assert_string_equal(tags, "");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_day),
        cmocka_unit_test(test_week_of),
        cmocka_unit_test_setup_teardown(test_no_plan, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unknown_track_lists_known, setup, teardown),
        cmocka_unit_test_setup_teardown(test_interview_dates, setup, teardown),
        cmocka_unit_test_setup_teardown(test_start_ends_previous, setup, teardown),
        cmocka_unit_test_setup_teardown(test_mid_week_start, setup, teardown),
        cmocka_unit_test_setup_teardown(test_behind_and_ahead, setup, teardown),
        cmocka_unit_test_setup_teardown(test_mark_and_undo, setup, teardown),
        cmocka_unit_test_setup_teardown(test_finished, setup, teardown),
        cmocka_unit_test_setup_teardown(test_focus_drives_queue, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
