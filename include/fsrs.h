/*
 * fsrs.h - the FSRS-6 memory model, computed the way ts-fsrs 5.x computes it.
 *
 * A card's memory is two numbers: stability S (days until the chance of recall
 * falls to the desired 90%) and difficulty D (1 to 10).  Retrievability R is the
 * chance of recall after t days.  This module holds the formulas only; the card
 * states and learning steps are in sched.h, and the event-log replay in replay.h.
 *
 * Exactness: ts-fsrs rounds most intermediate results to 8 decimals
 * (Math.round(x * 1e8) / 1e8) and clamps the 21 weights to fixed ranges; both are
 * reproduced here, in the same order of floating-point operations, so results
 * agree with ts-fsrs to the last bit except where the C library's exp/pow/log
 * and V8's differ by an ulp and that ulp crosses a rounding boundary.
 *
 * Grades are 1 Again, 2 Hard, 3 Good, 4 Easy.  Functions taking a grade expect
 * 1-4; anything else is treated as the nearest valid grade.
 * None of these functions allocate, print or fail once the params are prepared.
 */
#ifndef LP_FSRS_H
#define LP_FSRS_H

#include <stdint.h>

#include "err.h"

#define FSRS_NW 21             /* FSRS-6 weight count */
#define FSRS_S_MIN 0.001       /* stability floor (days) */
#define FSRS_S_MAX 36500.0     /* stability ceiling (days) */
#define FSRS_MAX_INTERVAL 36500

enum fsrs_grade { FSRS_AGAIN = 1, FSRS_HARD = 2, FSRS_GOOD = 3, FSRS_EASY = 4 };

struct fsrs_params {
    /* Set by the caller (or fsrs_default_params / fsrs_params_parse): */
    double w[FSRS_NW];      /* weights as given; clamped copies go into cw */
    double retention;       /* desired retention, 0 < r <= 1 (ts-fsrs's range) */
    int max_interval;       /* longest interval in days, 1 .. FSRS_MAX_INTERVAL */
    int short_term;         /* 1: same-day reviews use the short-term formula and
                               Again's stability is capped by S / e^(w17*w18)
                               (ts-fsrs enable_short_term); 0: long-term only */
    int relearning_steps;   /* number of relearning steps; more than one lowers
                               the ceiling of w17 and w18 as ts-fsrs does */

    /* Derived by fsrs_params_prepare(); read them, never set them. */
    double cw[FSRS_NW];     /* clamped weights, the ones every formula uses */
    double decay;           /* -w20 */
    double factor;          /* 0.9^(1/decay) - 1, rounded to 8 decimals */
    double modifier;        /* interval per day of stability at `retention` */
    double d0_easy;         /* D0(Easy) rounded but unclamped (mean reversion target) */
    double exp_w8;          /* e^w8 */
    double again_cap;       /* e^(w17*w18) when short_term, else 1 */
    double short_gain[5];   /* [g] = e^(w17*(g-3+w18)), g = 1..4 */
    struct { double s, d; } first[5];  /* [g] = fsrs_init(p, g), g = 1..4 */
};

struct fsrs_memory {
    double s;               /* stability in days */
    double d;               /* difficulty, 1..10 */
};

/*
 * Fill p with the 21 published FSRS-6 defaults, retention 0.9, max interval
 * 36500, short_term 1, relearning_steps 1, and prepare it.
 */
void fsrs_default_params(struct fsrs_params *p);

/*
 * Validate the caller-set fields of p and compute the derived ones.  Call it after
 * changing any field.  Weights out of ts-fsrs's ranges are clamped (as ts-fsrs does),
 * not rejected; non-finite weights, retention outside (0, 1] and max_interval
 * outside 1..36500 are rejected with LP_EINVAL and p is left unprepared.
 */
enum lp_code fsrs_params_prepare(struct fsrs_params *p, struct lp_err *err);

/*
 * Parse "w0,w1,...,w20" (21 numbers; spaces around commas allowed) into p->w and
 * prepare p with its other fields as they are.  19 numbers (FSRS-5) are accepted
 * too and extended with w19 = 0 and w20 = 0.5, as ts-fsrs does.  On error p->w is
 * unchanged and LP_EINVAL says which field is wrong.
 */
enum lp_code fsrs_params_parse(const char *csv, struct fsrs_params *p, struct lp_err *err);

/* R after elapsed_days at stability s: (1 + factor*t/s)^decay, rounded to 8 decimals. */
double fsrs_retrievability(const struct fsrs_params *p, double elapsed_days, double s);

/* Memory after the first review: S = max(w[G-1], 0.1), D = D0(G) clamped to [1, 10]. */
struct fsrs_memory fsrs_init(const struct fsrs_params *p, int grade);

/* D0(G) = w4 - e^((G-1)*w5) + 1, rounded to 8 decimals, NOT clamped. */
double fsrs_init_difficulty(const struct fsrs_params *p, int grade);

/* D after a review: linear damping of -w6*(G-3), mean reversion to D0(4), clamp [1,10]. */
double fsrs_next_difficulty(const struct fsrs_params *p, double d, int grade);

/* S after a successful review (grade 2-4) at retrievability r. */
double fsrs_recall_stability(const struct fsrs_params *p, double d, double s, double r, int grade);

/* Post-lapse stability formula w11 * D^-w12 * ((S+1)^w13 - 1) * e^(w14*(1-R)), clamped. */
double fsrs_forget_stability(const struct fsrs_params *p, double d, double s, double r);

/* S after a same-day review: S * S^-w19 * e^(w17*(G-3+w18)), never below S for G >= 2. */
double fsrs_short_term_stability(const struct fsrs_params *p, double s, int grade);

/*
 * Memory after a review elapsed_days (>= 0) after the previous one, as ts-fsrs's
 * next_state: with p->short_term and elapsed_days == 0 the short-term formula;
 * otherwise R from the forgetting curve and the recall or lapse formula
 * (so with short_term 0 a same-day review uses the long-term formulas at R = 1).
 */
struct fsrs_memory fsrs_next(const struct fsrs_params *p, struct fsrs_memory m,
                             double elapsed_days, int grade);

/*
 * The four outcomes of fsrs_next for grades 1-4 at once (out[g-1]); identical
 * to four fsrs_next calls but sharing R and the common factors.
 */
void fsrs_next_all(const struct fsrs_params *p, struct fsrs_memory m, double elapsed_days,
                   struct fsrs_memory out[4]);

/* Only the four stabilities of fsrs_next_all (s[g-1]): the replay's hot path. */
void fsrs_next_stabilities(const struct fsrs_params *p, struct fsrs_memory m,
                           double elapsed_days, double s[4]);

/* Interval in days for stability s: round(s * modifier) clamped to [1, max_interval]. */
int fsrs_interval(const struct fsrs_params *p, double s);

/* JavaScript's Math.round (halves go up) and ts-fsrs's roundTo(x, 8). */
double fsrs_js_round(double x);
double fsrs_round8(double x);

#endif
