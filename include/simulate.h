/*
 * simulate.h - what a retention target costs before the interview, and what it buys.
 *
 * Given the cards' memory now (stability, difficulty, last and next review day),
 * the new cards still to come at so many a day, and FSRS-6 weights, the simulator
 * plays the days from today to the interview many times over (Monte Carlo with a
 * fixed seed): each review is recalled with the model's probability R, a recall is
 * graded Hard, Good or Easy and a lapse Again with the learner's own frequencies,
 * a new card rated Again or Hard and a lapsed card get one more step the same day,
 * and the next review is put where the policy says.  It reports the reviews per day
 * (load) and the predicted recall on interview day, per policy:
 *
 *  - flat: every interval aims at the same desired retention, as now;
 *  - date-aware: intervals aim at the usual retention, except that an interval
 *    that would carry a card past the interview with R on that day below the
 *    target is shortened to the interval at the target (sim_date_aware_interval),
 *    so reviews bunch up as the date approaches and the card arrives at the
 *    interview with R >= target; after the date the usual retention resumes.
 *
 * There is no daily review limit: the figures are the load each target asks for.
 * The model is FSRS-6 as fitted (fsrs_grad.h).  Intervals are whole days, at
 * least 1.  Results depend only on the inputs and the seed.
 */
#ifndef LP_SIMULATE_H
#define LP_SIMULATE_H

#include <stddef.h>
#include <stdint.h>

#include "err.h"
#include "revlog_io.h"

#define SIM_NW 21
#define SIM_MAX_DAYS 730   /* longest horizon simulated */

struct sim_card {
    int is_new;           /* 1: not studied yet; introduced in array order */
    double s, d;          /* memory now (ignored for new cards) */
    int32_t last_day;     /* day of the last review */
    int32_t due_day;      /* day the next review is due (overdue: reviewed today) */
};

struct sim_grades {
    double first[4];      /* P(Again, Hard, Good, Easy) on a new card's first review */
    double pass[3];       /* P(Hard, Good, Easy) given a recall */
};

struct sim_config {
    double w[SIM_NW];
    int32_t today;        /* first simulated day */
    int32_t interview;    /* interview day, after today, at most SIM_MAX_DAYS later */
    int new_per_day;      /* new cards introduced each day while any are left */
    int runs;             /* Monte Carlo runs, 1-10000 */
    uint64_t seed;
    struct sim_grades grades;
};

struct sim_policy {
    double retention;     /* desired retention of the intervals, in (0, 1) */
    double target;        /* 0: flat; else the recall wanted on interview day */
};

struct sim_result {
    int days;                        /* interview - today */
    double reviews[SIM_MAX_DAYS];    /* mean reviews on day today + i */
    double total;                    /* mean reviews in all */
    double learned;                  /* mean cards studied by the interview */
    double recall;                   /* mean R on interview day of the studied cards */
    double known;                    /* mean expected cards recalled on interview day */
};

/* Typical grade frequencies: first Again 0.15, Hard 0.1, Good 0.6, Easy 0.15;
 * a recall Hard 0.1, Good 0.8, Easy 0.1. */
void sim_default_grades(struct sim_grades *g);

/*
 * The learner's own frequencies from a review log: first grades from each card's
 * first review, recall grades from later reviews with grade > 1.  Each is blended
 * with the defaults as if the defaults were 20 more reviews, so a short log moves
 * them only a little.
 */
void sim_grades_from_log(const struct revlog *log, struct sim_grades *g);

/* The interval in whole days (round half up, 1 .. 36500) at desired retention. */
int sim_interval(const double w[SIM_NW], double s, double retention);

/*
 * The date-aware interval for a card of stability s reviewed on `day`: the flat
 * interval at `retention`, unless it reaches the interview (day + interval >=
 * interview) while R on the interview day would be below `target`; then the
 * (shorter) interval at `target`, rounded down.  target <= 0, or a day on or after
 * the interview, gives the flat interval.  The rule is datemode_interval's
 * (datemode.h), the one the scheduler applies in interview_mode.
 */
int sim_date_aware_interval(const double w[SIM_NW], double s, double retention, double target,
                            int32_t day, int32_t interview);

/*
 * Simulate n cards under policy p.  LP_EINVAL for an out-of-range config or
 * policy (the message says which), LP_ENOMEM.
 */
enum lp_code sim_run(const struct sim_card *cards, size_t n, const struct sim_config *c,
                     const struct sim_policy *p, struct sim_result *r, struct lp_err *err);

#endif
