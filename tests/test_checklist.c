/*
 * test_checklist.c - the readiness checklist: live score, bands, weakest
 * category, the quick variant, saved assessments and their trend, and evidence
 * from the study record that agrees or conflicts with the learner's ticks.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "checklist.h"
#include "evidence.h"
#include "plan.h"
#include "reading.h"
#include "testutil.h"
#include "seed.h"

static char dir[256];
static struct store *st;
static struct checklist_view v;

static int setup(void **state)
{
    (void)state;
    st = seed_open(dir, sizeof dir);
    memset(&v, 0, sizeof v);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    checklist_free(&v);
    store_close(st);
    tu_rmrf(dir);
    return 0;
}

static void load_at(enum checklist_kind kind, int64_t now)
{
    struct lp_err err = {0};
    checklist_free(&v);
    assert_int_equal(checklist_load(st, NULL, kind, now, 4, &v, &err), LP_OK);
}

static void load(enum checklist_kind kind)
{
    load_at(kind, SEED_T0);
}

static void set(const char *id, int value)
{
    struct lp_err err = {0};
    assert_int_equal(checklist_set(st, id, value, SEED_T0, NULL, &err), LP_OK);
}

static const char *band(void)
{
    return v.band >= 0 ? v.bands[v.band].label : "(none)";
}

static const char *conflict(const char *id)
{
    struct checklist_item *it = checklist_find(&v, id);
    assert_non_null(it);
    return it->conflict;
}

/* n review-state answers on derivation cards within the last 30 days, `pass` of
 * them graded Good. */
static void derivation_reviews(int n, int pass)
{
    char card[8];
    for (int i = 0; i < n; i++) {
        snprintf(card, sizeof card, "d%d", i % 12);
        seed_answer(st, card, SEED_DAY0 - 1 - i % 20, i < pass ? 3 : 1, 2, "study", 5000, 0);
    }
}

static void test_empty_checklist(void **state)
{
    (void)state;
    load(CHECKLIST_FULL);
    assert_string_equal(v.id, "ready");
    assert_string_equal(v.title, "Readiness");
    assert_int_equal(v.n_items, 4);
    assert_int_equal(v.n_cats, 2);
    assert_int_equal(v.score, 0);
    assert_int_equal(v.max, 20);
    assert_int_equal(v.percent, 0);
    assert_string_equal(band(), "Foundational");
    assert_string_equal(v.bands[v.band].advice, "Build foundations.");
    /* A tie (0/10 each) goes to the first category. */
    assert_int_equal(v.weakest, 0);
    assert_string_equal(v.cats[0].id, "research");
    assert_int_equal(v.cats[1].max, 10);
}

static void test_score_bands_weakest(void **state)
{
    (void)state;
    set("t1", 1);
    set("t2", 1);
    load(CHECKLIST_FULL);
    assert_int_equal(v.score, 10);
    assert_int_equal(v.percent, 50);
    assert_string_equal(band(), "Meaningful gaps");
    assert_string_equal(v.cats[v.weakest].id, "research");
    assert_int_equal(v.cats[1].score, 10);
    set("r1", 1);
    set("t2", 0);
    load(CHECKLIST_FULL);
    /* 5/10 each: the tie goes to the first category. */
    assert_int_equal(v.score, 10);
    assert_int_equal(v.weakest, 0);
    set("r2", 1);
    load(CHECKLIST_FULL);
    assert_int_equal(v.score, 15);
    assert_string_equal(band(), "Strong");
    assert_string_equal(v.cats[v.weakest].id, "technical");
    set("t2", 1);
    load(CHECKLIST_FULL);
    assert_int_equal(v.score, 20);
    assert_int_equal(v.percent, 100);
    assert_string_equal(band(), "Ready");
    /* Re-scoring in memory, as a screen does while the user ticks. */
    checklist_find(&v, "r2")->value = 0;
    checklist_rescore(&v);
    assert_int_equal(v.score, 15);
    assert_string_equal(v.cats[v.weakest].id, "research");
}

static void test_set_validation(void **state)
{
    (void)state;
    struct lp_err err = {0};
    int quick = -1;
    assert_int_equal(checklist_set(st, "r1", 2, SEED_T0, NULL, &err), LP_EINVAL);
    assert_non_null(strstr(err.msg, "yes or no"));
    assert_int_equal(checklist_set(st, "q1", 0, SEED_T0, NULL, &err), LP_EINVAL);
    assert_int_equal(checklist_set(st, "q1", 6, SEED_T0, NULL, &err), LP_EINVAL);
    assert_non_null(strstr(err.msg, "1-5"));
    assert_int_equal(checklist_set(st, "nope", 1, SEED_T0, NULL, &err), LP_ENOTFOUND);
    assert_int_equal(seed_int(st, "SELECT COUNT(*) FROM checklist_answers"), 0);
    assert_int_equal(checklist_set(st, "q1", 4, SEED_T0 + 3, &quick, &err), LP_OK);
    assert_int_equal(quick, 1);
    assert_int_equal(seed_int(st, "SELECT value * 1000 + updated - 1767603600 FROM "
                                  "checklist_answers"),
                     4003);
    assert_int_equal(checklist_item_kind(st, "r1", &err), CHECKLIST_FULL);
    assert_int_equal(checklist_item_kind(st, "q2", &err), CHECKLIST_QUICK);
}

static void test_quick_variant(void **state)
{
    (void)state;
    struct lp_err err = {0};
    load(CHECKLIST_QUICK);
    assert_string_equal(v.title, "Quick check");
    assert_int_equal(v.n_items, 3);
    assert_int_equal(v.max, 15);
    assert_int_equal(v.rated, 0);
    /* Unrated items cannot be saved. */
    assert_int_equal(checklist_save(st, &v, SEED_T0, 4, NULL, &err), LP_ESTATE);
    assert_non_null(strstr(err.msg, "3 of 3 unrated"));
    set("q1", 5);
    set("q2", 3);
    set("q3", 4);
    load(CHECKLIST_QUICK);
    assert_int_equal(v.score, 12);
    assert_int_equal(v.percent, 80);
    assert_string_equal(band(), "Ready");                   /* 80% of the full list's 20 = 16 */
    assert_string_equal(v.cats[v.weakest].id, "technical"); /* 7/10 < 5/5 */
    set("q1", 3);
    set("q2", 3);
    set("q3", 3);
    load(CHECKLIST_QUICK);
    assert_int_equal(v.percent, 60);
    assert_string_equal(band(), "Strong");
    set("q1", 1);
    set("q2", 1);
    set("q3", 1);
    load(CHECKLIST_QUICK);
    assert_int_equal(v.percent, 20);
    assert_string_equal(band(), "Foundational");
    /* The full list is untouched by quick answers. */
    load(CHECKLIST_FULL);
    assert_int_equal(v.score, 0);
}

static void save_full(int64_t now, struct checklist_assessment *a)
{
    struct lp_err err = {0};
    load_at(CHECKLIST_FULL, now);
    assert_int_equal(checklist_save(st, &v, now, 4, a, &err), LP_OK);
}

static void test_history_trend(void **state)
{
    (void)state;
    struct lp_err err = {0};
    struct checklist_assessment a;
    set("t1", 1);
    set("t2", 1);
    save_full(SEED_T0, &a);
    assert_int_equal(a.score, 10);
    assert_int_equal(a.has_prev, 0);
    assert_int_equal(a.day, SEED_DAY0);
    assert_string_equal(a.band, "Meaningful gaps");
    assert_int_equal(seed_int(st, "SELECT COUNT(*) FROM assessment_items"), 4);
    set("r1", 1);
    save_full(SEED_T0 + 7 * SEED_DAY, &a);
    assert_int_equal(a.has_prev, 1);
    assert_int_equal(a.change, 25);
    /* A quick assessment in between is its own series. */
    set("q1", 2);
    set("q2", 2);
    set("q3", 2);
    load_at(CHECKLIST_QUICK, SEED_T0 + 8 * SEED_DAY);
    assert_int_equal(checklist_save(st, &v, SEED_T0 + 8 * SEED_DAY, 4, &a, &err), LP_OK);
    assert_int_equal(a.kind, CHECKLIST_QUICK);
    assert_int_equal(a.has_prev, 0);
    assert_int_equal(a.percent, 40);
    set("r1", 0);
    set("t2", 0);
    save_full(SEED_T0 + 14 * SEED_DAY, &a);
    assert_int_equal(a.change, -50);

    struct checklist_history h;
    assert_int_equal(checklist_history(st, "ready", &h, &err), LP_OK);
    assert_int_equal(h.n, 4);
    assert_int_equal(h.a[0].percent, 50);
    assert_int_equal(h.a[1].percent, 75);
    assert_int_equal(h.a[1].change, 25);
    assert_int_equal(h.a[2].kind, CHECKLIST_QUICK);
    assert_int_equal(h.a[2].has_prev, 0);
    assert_int_equal(h.a[3].percent, 25);
    assert_int_equal(h.a[3].change, -50);
    assert_int_equal(h.a[3].day, SEED_DAY0 + 14);
    checklist_history_free(&h);
    assert_int_equal(seed_int(st, "SELECT COUNT(*) FROM assessment_items"), 15);
    assert_int_equal(seed_int(st, "SELECT SUM(value) FROM assessment_items a JOIN assessments s"
                                  " ON s.id = a.assessment_id WHERE s.kind = 'quick'"),
                     6);
}

static void test_retention_evidence(void **state)
{
    (void)state;
    set("t1", 1);
    load(CHECKLIST_FULL);
    /* Ticked with no reviews at all. */
    assert_non_null(strstr(conflict("t1"), "Ticked, but there are no reviews of cards tagged "
                                           "derivation in the last 30 days"));
    const struct checklist_evidence *e = &checklist_find(&v, "t1")->ev[0];
    assert_int_equal(e->kind, CHECKLIST_EV_RETENTION);
    assert_string_equal(e->arg, "derivation");
    assert_int_equal(e->count, 0);
    assert_int_equal(v.conflicts, 1);
    /* 9 weak reviews are too few to judge. */
    derivation_reviews(9, 4);
    load(CHECKLIST_FULL);
    assert_string_equal(conflict("t1"), "");
    assert_int_equal(checklist_find(&v, "t1")->ev[0].count, 9);
    /* 10 reviews at 0.50: contradicts the tick. */
    derivation_reviews(1, 0);
    load(CHECKLIST_FULL);
    assert_non_null(strstr(conflict("t1"), "retention on cards tagged derivation is 0.40 over "
                                           "10 reviews (below 0.80)"));
    /* Reviews older than 30 days, learning-state and cram answers do not count. */
    seed_answer(st, "d1", SEED_DAY0 - 30, 3, 2, "study", 1000, 0);
    seed_answer(st, "d1", SEED_DAY0, 3, 1, "study", 1000, 0);
    seed_answer(st, "d1", SEED_DAY0, 3, 2, "cram", 1000, 0);
    load(CHECKLIST_FULL);
    assert_int_equal(checklist_find(&v, "t1")->ev[0].count, 10);
}

static void test_strong_record_untick(void **state)
{
    (void)state;
    derivation_reviews(20, 19);
    load(CHECKLIST_FULL);
    assert_non_null(strstr(conflict("t1"), "Not ticked, but the record is strong: retention on "
                                           "cards tagged derivation is 0.95 over 20 reviews"));
    set("t1", 1);
    load(CHECKLIST_FULL);
    assert_string_equal(conflict("t1"), "");
    /* Quick ratings: 4-5 counts as a tick, 1-2 as an untick. */
    struct checklist_item it;
    char buf[320];
    memset(&it, 0, sizeof it);
    it.n_ev = 1;
    it.ev[0].kind = CHECKLIST_EV_PLAN;
    evidence_judge(&it.ev[0]); /* no plan: against a tick */
    it.value = 5;
    assert_int_equal(checklist_conflict_text(&it, CHECKLIST_QUICK, buf, sizeof buf), 1);
    assert_string_equal(buf, "Rated 5, but no plan is active.");
    it.value = 3;
    assert_int_equal(checklist_conflict_text(&it, CHECKLIST_QUICK, buf, sizeof buf), 0);
    it.ev[0].plan_week = 2; /* a plan running on schedule: strong for an untick */
    it.ev[0].plan_weeks = 12;
    evidence_judge(&it.ev[0]);
    assert_int_equal(checklist_conflict_text(&it, CHECKLIST_QUICK, buf, sizeof buf), 0);
    it.value = 2;
    assert_int_equal(checklist_conflict_text(&it, CHECKLIST_QUICK, buf, sizeof buf), 1);
    assert_string_equal(buf, "Rated 2, but the record is strong: a plan is running (week 2 of "
                             "12) and on schedule.");
    it.value = 4;
    assert_int_equal(checklist_conflict_text(&it, CHECKLIST_QUICK, buf, sizeof buf), 0);
}

static void test_plan_evidence(void **state)
{
    (void)state;
    struct lp_err err = {0};
    set("r2", 1);
    load(CHECKLIST_FULL);
    assert_string_equal(conflict("r2"), "Ticked, but no plan is active.");
    assert_string_equal(checklist_find(&v, "r2")->ev[0].text, "plan: none active");
    assert_int_equal(
        plan_start(st, "rs", SEED_DAY0 - 14, PLAN_NO_DAY, SEED_T0, SEED_DAY0, NULL, NULL, &err),
        LP_OK);
    /* Week 3, with weeks 1 and 2 (4 milestones) not done: behind. */
    load(CHECKLIST_FULL);
    assert_string_equal(conflict("r2"), "Ticked, but the plan is 4 milestones behind.");
    assert_int_equal(plan_mark(st, "a1", 1, SEED_T0, NULL, &err), LP_OK);
    load(CHECKLIST_FULL);
    assert_string_equal(conflict("r2"), "Ticked, but the plan is 3 milestones behind.");
    assert_int_equal(plan_mark(st, "a2", 1, SEED_T0, NULL, &err), LP_OK);
    load(CHECKLIST_FULL);
    assert_string_equal(conflict("r2"), ""); /* 2 behind: under the threshold */
    assert_int_equal(plan_mark(st, "b1", 1, SEED_T0, NULL, &err), LP_OK);
    assert_int_equal(plan_mark(st, "b2", 1, SEED_T0, NULL, &err), LP_OK);
    set("r2", 0);
    load(CHECKLIST_FULL);
    assert_non_null(strstr(conflict("r2"), "Not ticked, but the record is strong: a plan is "
                                           "running (week 3 of 4) and on schedule"));
}

static void test_papers_and_mocks_evidence(void **state)
{
    (void)state;
    struct lp_err err = {0};
    set("r1", 1);
    load(CHECKLIST_FULL);
    assert_string_equal(conflict("r1"), "Ticked, but no paper in the reading list is marked read.");
    assert_int_equal(reading_set_status(st, "p1", READING_READ, SEED_T0, NULL, &err), LP_OK);
    load(CHECKLIST_FULL);
    assert_string_equal(conflict("r1"), "");
    assert_string_equal(checklist_find(&v, "r1")->ev[0].text,
                        "papers read: 1 of 2 in the reading list");
    /* Strong retention, but the last mocks averaged 25%: the tick is contradicted. */
    derivation_reviews(20, 20);
    set("t1", 1);
    seed_exec(st, "INSERT INTO mocks(id, started, finished, minutes, sections) VALUES"
                  " (1, 1767000000, 1767001000, 45, 'all'), (2, 1767100000, NULL, 45, 'all');"
                  "INSERT INTO mock_answers VALUES (1, 'd1', 'mathematics', 1, 1000, 1767000100),"
                  " (1, 'd2', 'mathematics', 0, 1000, 1767000200),"
                  " (2, 'd3', 'mathematics', 0, 1000, 1767100100);");
    load(CHECKLIST_FULL);
    const struct checklist_evidence *m = &checklist_find(&v, "t1")->ev[1];
    assert_int_equal(m->kind, CHECKLIST_EV_MOCKS);
    assert_int_equal(m->count, 2);
    assert_true(m->value > 0.124 && m->value < 0.126); /* (0.25 + 0) / 2 */
    assert_string_equal(conflict("t1"), "Ticked, but recent mocks averaged 12% (below 50%).");
    /* A mock started after now is not counted. */
    seed_exec(st, "INSERT INTO mocks(id, started, minutes, sections) VALUES (3, 1799999999, 45,"
                  " 'all'); INSERT INTO mock_answers VALUES (3, 'd1', 'mathematics', 2, 1, 1);");
    load(CHECKLIST_FULL);
    assert_int_equal(checklist_find(&v, "t1")->ev[1].count, 2);
}

static void test_evidence_judge_thresholds(void **state)
{
    (void)state;
    struct checklist_evidence e;
    memset(&e, 0, sizeof e);
    e.kind = CHECKLIST_EV_DRILLS;
    snprintf(e.arg, sizeof e.arg, "talk");
    e.count = 10;
    e.value = 0.4;
    evidence_judge(&e);
    assert_int_equal(e.verdict, CHECKLIST_AGAINST);
    e.count = 9;
    evidence_judge(&e);
    assert_int_equal(e.verdict, CHECKLIST_NEUTRAL);
    e.count = 50;
    e.value = 1.0; /* drills never support an untick */
    evidence_judge(&e);
    assert_int_equal(e.verdict, CHECKLIST_NEUTRAL);
    e.kind = CHECKLIST_EV_DECK;
    e.count = 20;
    e.value = 0.90;
    evidence_judge(&e);
    assert_int_equal(e.verdict, CHECKLIST_SUPPORTS);
    e.count = 19;
    evidence_judge(&e);
    assert_int_equal(e.verdict, CHECKLIST_NEUTRAL);
    e.kind = CHECKLIST_EV_PAPERS;
    e.count = 10;
    evidence_judge(&e);
    assert_int_equal(e.verdict, CHECKLIST_SUPPORTS);
    e.kind = CHECKLIST_EV_OTHER;
    e.count = 0;
    evidence_judge(&e);
    assert_int_equal(e.verdict, CHECKLIST_NEUTRAL);
}

static void test_no_checklist(void **state)
{
    (void)state;
    struct lp_err err = {0};
    assert_int_equal(checklist_load(st, "missing", CHECKLIST_FULL, SEED_T0, 4, &v, &err),
                     LP_ENOTFOUND);
    assert_non_null(strstr(err.msg, "no checklist 'missing'"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_empty_checklist, setup, teardown),
        cmocka_unit_test_setup_teardown(test_score_bands_weakest, setup, teardown),
        cmocka_unit_test_setup_teardown(test_set_validation, setup, teardown),
        cmocka_unit_test_setup_teardown(test_quick_variant, setup, teardown),
        cmocka_unit_test_setup_teardown(test_history_trend, setup, teardown),
        cmocka_unit_test_setup_teardown(test_retention_evidence, setup, teardown),
        cmocka_unit_test_setup_teardown(test_strong_record_untick, setup, teardown),
        cmocka_unit_test_setup_teardown(test_plan_evidence, setup, teardown),
        cmocka_unit_test_setup_teardown(test_papers_and_mocks_evidence, setup, teardown),
        cmocka_unit_test(test_evidence_judge_thresholds),
        cmocka_unit_test_setup_teardown(test_no_checklist, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
