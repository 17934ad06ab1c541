/*
 * simulate.c - Monte Carlo of the days to the interview under a retention policy
 * (see simulate.h).
 *
 * Cards do not interact (there is no daily limit), so each card is played on its
 * own, run after run, with its own random stream: splitmix64 seeded from
 * (seed, run, card), which keeps the result independent of the order of work.
 */
#include "simulate.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "datemode.h"
#include "fsrs_grad.h"

#define STEP_GOOD 0.85   /* a same-day (re)learning step is recalled this often */

void sim_default_grades(struct sim_grades *g)
{
    static const struct sim_grades def = {{0.15, 0.10, 0.60, 0.15}, {0.10, 0.80, 0.10}};
    *g = def;
}

void sim_grades_from_log(const struct revlog *log, struct sim_grades *g)
{
    const double prior = 20;
    double first[4] = {0}, pass[3] = {0}, nf = 0, np = 0;
    uint8_t *seen = calloc(log->n_cards + 1, 1);
    sim_default_grades(g);
    if (!seen)
        return;
    for (size_t i = 0; i < log->n; i++) {
        const struct revlog_entry *e = &log->e[i];
        if (!seen[e->card]) {
            seen[e->card] = 1;
            first[e->grade - 1]++, nf++;
        } else if (e->grade > 1) {
            pass[e->grade - 2]++, np++;
        }
    }
    free(seen);
    for (int k = 0; k < 4; k++)
        g->first[k] = (first[k] + prior * g->first[k]) / (nf + prior);
    for (int k = 0; k < 3; k++)
        g->pass[k] = (pass[k] + prior * g->pass[k]) / (np + prior);
}

static int round_days(double x)
{
    if (!(x < 36500))
        return 36500;
    int d = (int)floor(x + 0.5);
    return d < 1 ? 1 : d;
}

int sim_interval(const double w[SIM_NW], double s, double retention)
{
    struct fsrs_grad_w k;
    fsrs_grad_prepare(&k, w);
    return round_days(fsrs_grad_interval(&k, s, retention));
}

/* The policy's interval with prepared weights (see sim_date_aware_interval). */
static int policy_interval(const struct fsrs_grad_w *k, const struct sim_policy *p, double s,
                           int32_t day, int32_t interview)
{
    int flat = round_days(fsrs_grad_interval(k, s, p->retention));
    return datemode_interval(k, s, flat, p->target, day, interview);
}

int sim_date_aware_interval(const double w[SIM_NW], double s, double retention, double target,
                            int32_t day, int32_t interview)
{
    struct fsrs_grad_w k;
    struct sim_policy p = {retention, target};
    fsrs_grad_prepare(&k, w);
    return policy_interval(&k, &p, s, day, interview);
}

static uint64_t splitmix64(uint64_t *x)
{
    uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

static double uniform(uint64_t *x)
{
    return (double)(splitmix64(x) >> 11) * 0x1.0p-53;
}

/* A grade 1-4 drawn from weights p[0..n) for grades base .. base + n - 1. */
static int draw(uint64_t *x, const double *p, int n, int base)
{
    double u = uniform(x), acc = 0;
    for (int k = 0; k < n - 1; k++)
        if (u < (acc += p[k]))
            return base + k;
    return base + n - 1;
}

/* One card, one run. */
struct play {
    const struct fsrs_grad_w *k;
    const struct sim_config *c;
    const struct sim_policy *p;
    struct sim_result *r;        /* sums over runs */
    uint64_t rng;
};

/* One review on `day` (and its same-day step); updates the memory. */
static void review(struct play *pl, int first, int32_t day, int32_t *last, double *s, double *d)
{
    int g, step = 0;
    if (first) {
        g = draw(&pl->rng, pl->c->grades.first, 4, 1);
        fsrs_grad_first(pl->k, g, s, d);
        step = g <= 2;
    } else {
        double r = fsrs_grad_retrievability(pl->k, day - *last, *s);
        g = uniform(&pl->rng) < r ? draw(&pl->rng, pl->c->grades.pass, 3, 2) : 1;
        fsrs_grad_next(pl->k, day - *last, g, s, d);
        step = g == 1;
    }
    pl->r->reviews[day - pl->c->today] += 1 + step;
    if (step)
        fsrs_grad_next(pl->k, 0, uniform(&pl->rng) < STEP_GOOD ? 3 : 1, s, d);
    *last = day;
}

static void play_card(struct play *pl, const struct sim_card *card, int32_t intro)
{
    const struct sim_config *c = pl->c;
    double s = card->s > 0.001 ? card->s : 0.001;
    double d = card->d < 1 ? 1 : card->d > 10 ? 10 : card->d;
    int32_t last = card->last_day, day = card->is_new ? intro : card->due_day;
    int is_new = card->is_new;
    if (day < c->today)
        day = c->today;
    while (day < c->interview) {
        review(pl, is_new, day, &last, &s, &d);
        is_new = 0;
        day += policy_interval(pl->k, pl->p, s, day, c->interview);
    }
    if (is_new)
        return;
    double r = fsrs_grad_retrievability(pl->k, c->interview - last, s);
    pl->r->learned += 1;
    pl->r->recall += r;
    pl->r->known += r;
}

static enum lp_code check(const struct sim_config *c, const struct sim_policy *p,
                          struct lp_err *err)
{
    if (c->interview <= c->today || c->interview - c->today > SIM_MAX_DAYS)
        return err_set(err, LP_EINVAL, "the interview must be 1 to %d days after today",
                       SIM_MAX_DAYS);
    if (c->runs < 1 || c->runs > 10000 || c->new_per_day < 0)
        return err_set(err, LP_EINVAL, "simulation: runs must be 1-10000, new cards >= 0");
    if (!(p->retention > 0 && p->retention < 1) || !(p->target >= 0 && p->target < 1))
        return err_set(err, LP_EINVAL, "retention targets must be between 0 and 1");
    return LP_OK;
}

enum lp_code sim_run(const struct sim_card *cards, size_t n, const struct sim_config *c,
                     const struct sim_policy *p, struct sim_result *r, struct lp_err *err)
{
    memset(r, 0, sizeof *r);
    if (check(c, p, err) != LP_OK)
        return LP_EINVAL;
    struct fsrs_grad_w k;
    fsrs_grad_prepare(&k, c->w);
    struct play pl = {&k, c, p, r, 0};
    r->days = c->interview - c->today;
    for (int run = 0; run < c->runs; run++) {
        long new_seen = 0;
        for (size_t i = 0; i < n; i++) {
            int32_t intro = INT32_MAX;
            if (cards[i].is_new && c->new_per_day > 0)
                intro = c->today + (int32_t)(new_seen++ / c->new_per_day);
            if (cards[i].is_new && intro >= c->interview)
                continue;
            pl.rng = c->seed ^ ((uint64_t)run << 40) ^ ((uint64_t)i * 0x9e3779b97f4a7c15ULL);
            splitmix64(&pl.rng);
            play_card(&pl, &cards[i], intro);
        }
    }
    double runs = c->runs;
    for (int i = 0; i < r->days; i++) {
        r->reviews[i] /= runs;
        r->total += r->reviews[i];
    }
    r->recall = r->learned > 0 ? r->recall / r->learned : NAN;
    r->learned /= runs;
    r->known /= runs;
    return LP_OK;
}
