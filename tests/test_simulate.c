/*
 * test_simulate.c - the interview-date simulator: intervals, the date-aware rule,
 * and what retention targets cost and buy, on fixed synthetic decks.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "fsrs_grad.h"
#include "simulate.h"

static const double custom_w[SIM_NW] = {
    0.3, 1.1, 2.9, 10.5, 6.8, 0.6, 2.7, 0.02, 1.6, 0.2, 0.9,
    1.7, 0.08, 0.3, 1.4, 0.45, 2.1, 0.7, 0.2, 0.1, 0.25,
};

static void defaults(double w[SIM_NW])
{
    static const double d[SIM_NW] = {
        0.212,  1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001,  1.8722, 0.1666, 0.796,
        1.4835, 0.0614, 0.2629, 1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.1542,
    };
    memcpy(w, d, sizeof d);
}

static double recall_after(const double w[SIM_NW], double t, double s)
{
    struct fsrs_grad_w k;
    fsrs_grad_prepare(&k, w);
    return fsrs_grad_retrievability(&k, t, s);
}

static void base_config(struct sim_config *c, int32_t days)
{
    memset(c, 0, sizeof *c);
    defaults(c->w);
    c->today = 20000;
    c->interview = 20000 + days;
    c->new_per_day = 10;
    c->runs = 64;
    c->seed = 2023;
    sim_default_grades(&c->grades);
}

static struct sim_card *new_deck(size_t n)
{
    struct sim_card *v = calloc(n, sizeof *v);
    assert_non_null(v);
    for (size_t i = 0; i < n; i++)
        v[i].is_new = 1;
    return v;
}

static void test_interval_follows_the_forgetting_curve(void **state)
{
    (void)state;
    double w[SIM_NW];
    defaults(w);
    /* Stability is the time to 90%: the same for any decay w20. */
    assert_int_equal(sim_interval(w, 10, 0.9), 10);
    assert_int_equal(sim_interval(custom_w, 10, 0.9), 10);
    assert_int_equal(sim_interval(w, 0.2, 0.9), 1);          /* at least a day */
    assert_int_equal(sim_interval(w, 1e9, 0.9), 36500);      /* at most 100 years */
    int i80 = sim_interval(w, 30, 0.8), i95 = sim_interval(w, 30, 0.95);
    assert_true(i95 < 30 && i80 > 30);
    /* R at the interval is the retention, to the rounding of a day. */
    assert_true(fabs(recall_after(w, i80, 30) - 0.8) < 0.005);
    assert_true(fabs(recall_after(w, i95, 30) - 0.95) < 0.005);
}

static void test_date_aware_interval(void **state)
{
    (void)state;
    double w[SIM_NW];
    defaults(w);
    const int32_t interview = 1000;
    int flat = sim_interval(w, 40, 0.9), near = sim_interval(w, 40, 0.95);
    /* Far from the interview: the next review still comes before it. */
    assert_int_equal(sim_date_aware_interval(w, 40, 0.9, 0.95, interview - 100, interview), flat);
    /* The flat interval would carry the card past the date with R below 0.95 there. */
    int got = sim_date_aware_interval(w, 40, 0.9, 0.95, interview - 30, interview);
    assert_int_equal(got, near);
    assert_true(near < flat);
    /* Just before the date R is still high enough: no extra review. */
    assert_true(recall_after(w, 2, 40) >= 0.95);
    assert_int_equal(sim_date_aware_interval(w, 40, 0.9, 0.95, interview - 2, interview), flat);
    /* Once the date has passed, or with no target, the usual interval. */
    assert_int_equal(sim_date_aware_interval(w, 40, 0.9, 0.95, interview, interview), flat);
    assert_int_equal(sim_date_aware_interval(w, 40, 0.9, 0, interview - 30, interview), flat);
}

/* A card not due before the interview: no reviews, and its recall is the curve's. */
static void test_card_waiting_past_the_date(void **state)
{
    (void)state;
    struct sim_config c;
    struct sim_result r;
    struct sim_card card = {0, 50, 5, 20000 - 10, 20000 + 60, };
    struct sim_policy p = {0.9, 0};
    base_config(&c, 30);
    assert_int_equal(sim_run(&card, 1, &c, &p, &r, NULL), LP_OK);
    assert_int_equal(r.days, 30);
    assert_true(r.total == 0);
    assert_true(r.learned == 1);
    assert_true(fabs(r.recall - recall_after(c.w, 40, 50)) < 1e-12);
    /* The date-aware policy acts when a card is reviewed; this one is not, as its
     * due date was set before. */
    p.target = 0.95;
    assert_int_equal(sim_run(&card, 1, &c, &p, &r, NULL), LP_OK);
    assert_true(r.total == 0);
}

static void test_new_cards_arrive_at_the_daily_rate(void **state)
{
    (void)state;
    struct sim_config c;
    struct sim_result r;
    struct sim_policy p = {0.9, 0};
    struct sim_card *deck = new_deck(500);
    base_config(&c, 20);
    c.runs = 4;
    assert_int_equal(sim_run(deck, 500, &c, &p, &r, NULL), LP_OK);
    assert_true(r.learned == 200);              /* 10 a day for 20 days */
    assert_true(r.reviews[0] >= 10 && r.reviews[0] <= 20);   /* 10 first sights + steps */
    c.new_per_day = 0;
    assert_int_equal(sim_run(deck, 500, &c, &p, &r, NULL), LP_OK);
    assert_true(r.learned == 0 && r.total == 0 && isnan(r.recall));
    free(deck);
}

static void test_targets_trade_reviews_for_recall(void **state)
{
    (void)state;
    struct sim_config c;
    struct sim_result r80, r90, r95, rda;
    struct sim_card *deck = new_deck(300);
    base_config(&c, 84);
    c.new_per_day = 5;
    struct sim_policy p80 = {0.80, 0}, p90 = {0.90, 0}, p95 = {0.95, 0}, pda = {0.90, 0.95};
    assert_int_equal(sim_run(deck, 300, &c, &p80, &r80, NULL), LP_OK);
    assert_int_equal(sim_run(deck, 300, &c, &p90, &r90, NULL), LP_OK);
    assert_int_equal(sim_run(deck, 300, &c, &p95, &r95, NULL), LP_OK);
    assert_int_equal(sim_run(deck, 300, &c, &pda, &rda, NULL), LP_OK);
    assert_true(r80.total < r90.total && r90.total < r95.total);
    assert_true(r80.recall < r90.recall && r90.recall < r95.recall);
    /* Date-aware: the recall of the highest target, for fewer reviews than it... */
    assert_true(rda.recall >= 0.95 && rda.recall > r90.recall);
    assert_true(rda.total < r95.total && rda.total > r90.total);
    /* ...spent in the last weeks, not the first ones. */
    double first = 0, first90 = 0, last = 0, last90 = 0;
    for (int d = 0; d < 28; d++)
        first += rda.reviews[d], first90 += r90.reviews[d];
    for (int d = 70; d < 84; d++)
        last += rda.reviews[d], last90 += r90.reviews[d];
    assert_true(fabs(first - first90) < 1e-9);
    assert_true(last > 1.2 * last90);
    free(deck);
}

static void test_deterministic_and_checked(void **state)
{
    (void)state;
    struct sim_config c;
    struct sim_result a, b;
    struct sim_policy p = {0.9, 0};
    struct sim_card *deck = new_deck(50);
    struct lp_err err = {0};
    base_config(&c, 40);
    assert_int_equal(sim_run(deck, 50, &c, &p, &a, NULL), LP_OK);
    assert_int_equal(sim_run(deck, 50, &c, &p, &b, NULL), LP_OK);
    assert_memory_equal(&a, &b, sizeof a);
    c.seed = 7;
    assert_int_equal(sim_run(deck, 50, &c, &p, &b, NULL), LP_OK);
    assert_true(a.total != b.total);
    c.interview = c.today;
    assert_int_equal(sim_run(deck, 50, &c, &p, &b, &err), LP_EINVAL);
    assert_non_null(strstr(err.msg, "interview"));
    base_config(&c, 40);
    p.retention = 1.0;
    assert_int_equal(sim_run(deck, 50, &c, &p, &b, &err), LP_EINVAL);
    free(deck);
}

static void test_grades_from_log(void **state)
{
    (void)state;
    struct revlog log;
    struct sim_grades g, d;
    revlog_init(&log);
    sim_default_grades(&d);
    for (int c = 0; c < 80; c++) {
        char id[16];
        snprintf(id, sizeof id, "c%d", c);
        assert_int_equal(revlog_add(&log, id, strlen(id), c, 0, 4, NULL), LP_OK);     /* first: Easy */
        assert_int_equal(revlog_add(&log, id, strlen(id), c + 1, 1, 2, NULL), LP_OK); /* then Hard */
        assert_int_equal(revlog_add(&log, id, strlen(id), c + 2, 2, 1, NULL), LP_OK); /* a lapse */
    }
    sim_grades_from_log(&log, &g);
    assert_true(fabs(g.first[3] - (80 + 20 * d.first[3]) / 100) < 1e-12);
    assert_true(fabs(g.first[2] - 20 * d.first[2] / 100) < 1e-12);
    assert_true(fabs(g.pass[0] - (80 + 20 * d.pass[0]) / 100) < 1e-12);   /* lapses not counted */
    revlog_free(&log);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_interval_follows_the_forgetting_curve),
        cmocka_unit_test(test_date_aware_interval),
        cmocka_unit_test(test_card_waiting_past_the_date),
        cmocka_unit_test(test_new_cards_arrive_at_the_daily_rate),
        cmocka_unit_test(test_targets_trade_reviews_for_recall),
        cmocka_unit_test(test_deterministic_and_checked),
        cmocka_unit_test(test_grades_from_log),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
