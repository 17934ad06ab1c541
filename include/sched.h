/*
 * sched.h - the card scheduler: FSRS-6 with learning steps, as ts-fsrs 5.x's
 * default scheduler (enable_short_term true, BasicLearningStepsStrategy).
 *
 * States: New -> Learning (steps) -> Review; a lapse (Again on a Review card)
 * goes to Relearning (steps) and back to Review.  While a card is in its steps
 * the next review is minutes away and stability moves by FSRS-6's same-day
 * formula; a review on a later day uses the long-term formulas.
 *
 * The steps, per grade, for a card at step i of its list (learning steps for
 * New/Learning cards, relearning steps for Review/Relearning cards):
 *   Again  first step, back to step 0 (a Review card lapses: lapses + 1)
 *   Hard   stays at step i, after (step0 + step1) / 2, or step0 * 1.5 when there
 *          is one step -- for every i, as ts-fsrs does (Anki repeats step i
 *          after the first step instead).  The delay is rounded to whole
 *          minutes (ts-fsrs counts in minutes: 1m,10m -> 6m) once it is a
 *          minute or more, to whole seconds below that.
 *   Good   the next step, or graduates to Review after the last one
 *   Easy   graduates to Review at once
 * A step of a day or more graduates to Review with that delay, as in ts-fsrs.
 * Review cards: Hard/Good/Easy get FSRS intervals kept in order as ts-fsrs
 * does: hard = min(hard, good), good = max(good, hard + 1),
 * easy = max(easy, good + 1).  So when Hard already reaches max_interval,
 * Good and Easy land one and two days past it -- a ts-fsrs quirk kept so that
 * results stay identical.
 *
 * Days.  Elapsed time between reviews is counted in study days: clock_day(t,
 * rollover_hour) in local time (a review at 01:30 counts for the previous day
 * with the default rollover at 04:00), or UTC calendar days shifted by the
 * rollover hour with SCHED_DAYS_UTC.  ts-fsrs counts UTC calendar days, so with
 * SCHED_DAYS_UTC and rollover 0 (or TZ=UTC and rollover 0) and fuzz off the
 * results equal ts-fsrs's exactly.  A review dated before the card's last
 * review counts as the same day (ts-fsrs would throw).
 *
 * Fuzz.  Intervals of 3 days or more are spread over ts-fsrs's (Anki's) fuzz
 * range: +-(1 + 15% of the part between 2.5 and 7 days + 10% of the part
 * between 7 and 20 + 5% of the part above 20) days, never below 2 days, never
 * above the maximum interval, and above the days already elapsed when the
 * interval itself is.  The random
 * number is a hash of (fuzz_seed, card id, reps), so the same answer on the
 * same card always gets the same interval, and tests are stable.
 *
 * Leeches.  When a lapse brings a card's lapses to leech_threshold, and again
 * every threshold/2 lapses after that (Anki's rule), the result says so; the
 * caller tags and suspends the card.
 *
 * The functions here never allocate and never print.
 */
#ifndef LP_SCHED_H
#define LP_SCHED_H

#include <stddef.h>
#include <stdint.h>

#include "err.h"
#include "fsrs.h"

#define SCHED_MAX_STEPS 10
#define SCHED_MIN_RETENTION 0.70
#define SCHED_MAX_RETENTION 0.99

/* Same numbers as ts-fsrs's State, so logs can be compared. */
enum sched_state { SCHED_NEW = 0, SCHED_LEARNING = 1, SCHED_REVIEW = 2, SCHED_RELEARNING = 3 };

enum sched_days {
    SCHED_DAYS_LOCAL = 0,   /* local time (TZ), day starts at rollover_hour */
    SCHED_DAYS_UTC = 1,     /* UTC, day starts at rollover_hour UTC */
};

struct sched_config {
    struct fsrs_params fsrs;   /* weights, retention (0.70-0.99), max_interval;
                                  short_term and relearning_steps are set by
                                  sched_config_prepare() */
    int learn_steps[SCHED_MAX_STEPS];    /* seconds, each 1 .. 365 days */
    int n_learn;                         /* 0 = new cards go straight to Review */
    int relearn_steps[SCHED_MAX_STEPS];
    int n_relearn;                       /* 0 = lapses go straight to Review */
    int rollover_hour;                   /* 0-23 */
    enum sched_days days;
    int fuzz;                            /* 1 = on */
    uint64_t fuzz_seed;
    int leech_threshold;                 /* lapses; 0 = never a leech */
};

struct sched_card {
    int64_t id;               /* feeds the fuzz hash */
    enum sched_state state;
    double s, d;              /* ignored while New */
    int64_t due;              /* unix seconds */
    int64_t last_review;      /* unix seconds; ignored while New */
    int reps, lapses;
    int step;                 /* index into the (re)learning steps */
};

struct sched_result {
    struct sched_card card;   /* the card after the answer */
    int grade;
    enum sched_state state_before, state_after;
    double s_before, d_before;   /* 0 for a new card */
    double s_after, d_after;
    double r_before;          /* retrievability at the review; 0 for a new card */
    int32_t elapsed_days;     /* study days since the last review; 0 when New */
    int32_t scheduled_days;   /* the interval; 0 while in a step under a day */
    int64_t due;              /* = card.due */
    int64_t delay;            /* due - now, seconds: what the button shows */
    int leech;                /* 1: this answer made the card a leech */
};

/*
 * Defaults: FSRS-6 default weights, retention 0.9, max interval 36500, learning
 * steps 1m 10m, relearning 10m, rollover 4, local days, fuzz on with seed 0,
 * leech threshold 8.  The result is prepared.
 */
void sched_default_config(struct sched_config *c);

/*
 * Validate c and prepare c->fsrs (short-term on, relearning_steps = n_relearn).
 * Call after changing any field.  LP_EINVAL with a message naming the field.
 */
enum lp_code sched_config_prepare(struct sched_config *c, struct lp_err *err);

/*
 * Parse steps such as "1m 10m" or "30s,5m,1h,1d" (units s, m, h, d; spaces or
 * commas between) into steps[] in seconds.  "" gives no steps.  LP_EINVAL for
 * a bad step, a step of 0 or over 365 days, or more than SCHED_MAX_STEPS.
 */
enum lp_code sched_parse_steps(const char *text, int steps[SCHED_MAX_STEPS], int *n,
                               struct lp_err *err);

/* A New card due at `now`. */
void sched_card_new(struct sched_card *card, int64_t id, int64_t now);

/* The study day of t under c's day rules. */
int32_t sched_day(const struct sched_config *c, int64_t t);

/*
 * Answer `card` with grade 1-4 at `now`; out->card is the card to store.
 * LP_EINVAL for a bad grade or a non-new card with S < 0.001 or D outside
 * [1, 10]; out is then untouched.  c must be prepared.
 */
enum lp_code sched_answer(const struct sched_config *c, const struct sched_card *card,
                          int64_t now, int grade, struct sched_result *out, struct lp_err *err);

/* The four answers at once, out[g-1] for grade g; each equals sched_answer's. */
enum lp_code sched_preview(const struct sched_config *c, const struct sched_card *card,
                           int64_t now, struct sched_result out[4], struct lp_err *err);

/* Chance of recall of a card at `now` (1 for a New card). */
/*
 * For deadlines (the date-aware mode, datemode.h): an interval of at most ivl
 * days, spread by the fuzz downwards only, so that cards cut to the same length
 * do not all come back on the same day and none comes back later than the
 * deadline allows.  With fuzz on and ivl >= 3: a day in [lo, ivl], lo being the
 * low end of ivl's fuzz range (at least 2), chosen by the card's fuzz hash (its
 * id and reps), so the same answer always gives the same day.  Otherwise ivl.
 */
int sched_fuzz_down(const struct sched_config *c, const struct sched_card *card, int ivl);

double sched_retrievability(const struct sched_config *c, const struct sched_card *card,
                            int64_t now);

/*
 * A short label for a delay, as on Anki's answer buttons, into buf (size bytes,
 * NUL-terminated, truncated if small; 8 bytes always suffice).  Returns the
 * length snprintf would.  Under a minute "45s"; under an hour whole minutes
 * "10m"; under a day hours to one decimal "1.5h"; under 30 days whole days
 * "2d"; under a year months of 365/12 days to one decimal "3.5mo"; then years
 * of 365 days "1.2y".  A trailing ".0" is dropped; negative delays show as 0s.
 */
int sched_format_interval(int64_t seconds, char *buf, size_t size);

#endif
