/*
 * sched.c - learning steps, review intervals, fuzz and leeches over FSRS-6
 * (see sched.h for the rules; they follow ts-fsrs 5.x's BasicScheduler).
 *
 * An answer is computed as ts-fsrs computes it: for a Review card all four
 * grades at once (the intervals constrain each other), for New and (re)learning
 * cards one grade at a time.  sched_answer() goes through sched_preview() so a
 * button label can never disagree with what the answer does.
 */
#include "sched.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "clock.h"

#define DAY 86400
#define MAX_STEP (365 * DAY)

/* ---- configuration -------------------------------------------------------- */

void sched_default_config(struct sched_config *c)
{
    memset(c, 0, sizeof *c);
    fsrs_default_params(&c->fsrs);
    c->learn_steps[0] = 60;
    c->learn_steps[1] = 600;
    c->n_learn = 2;
    c->relearn_steps[0] = 600;
    c->n_relearn = 1;
    c->rollover_hour = 4;
    c->days = SCHED_DAYS_LOCAL;
    c->fuzz = 1;
    c->fuzz_seed = 0;
    c->leech_threshold = 8;
    sched_config_prepare(c, NULL);
}

static enum lp_code check_steps(const int *steps, int n, const char *what, struct lp_err *err)
{
    if (n < 0 || n > SCHED_MAX_STEPS)
        return err_set(err, LP_EINVAL, "%s: %d steps (at most %d)", what, n, SCHED_MAX_STEPS);
    for (int i = 0; i < n; i++)
        if (steps[i] < 1 || steps[i] > MAX_STEP)
            return err_set(err, LP_EINVAL, "%s: step %d is %d s (expected 1 s to 365 days)",
                           what, i + 1, steps[i]);
    return LP_OK;
}

enum lp_code sched_config_prepare(struct sched_config *c, struct lp_err *err)
{
    double r = c->fsrs.retention;
    if (!(r >= SCHED_MIN_RETENTION && r <= SCHED_MAX_RETENTION))
        return err_set(err, LP_EINVAL, "desired retention %g is outside %.2f-%.2f", r,
                       SCHED_MIN_RETENTION, SCHED_MAX_RETENTION);
    if (c->rollover_hour < 0 || c->rollover_hour > 23)
        return err_set(err, LP_EINVAL, "rollover hour %d is outside 0-23", c->rollover_hour);
    if (c->days != SCHED_DAYS_LOCAL && c->days != SCHED_DAYS_UTC)
        return err_set(err, LP_EINVAL, "unknown day mode %d", (int)c->days);
    if (c->leech_threshold < 0)
        return err_set(err, LP_EINVAL, "leech threshold %d is negative", c->leech_threshold);
    enum lp_code rc = check_steps(c->learn_steps, c->n_learn, "learning steps", err);
    if (rc == LP_OK)
        rc = check_steps(c->relearn_steps, c->n_relearn, "relearning steps", err);
    if (rc != LP_OK)
        return rc;
    c->fsrs.short_term = 1;
    c->fsrs.relearning_steps = c->n_relearn;
    return fsrs_params_prepare(&c->fsrs, err);
}

/* One step like "10m" at s; returns the position after it or NULL. */
static const char *parse_step(const char *s, int *out)
{
    long v = 0;
    const char *p = s;
    while (isdigit((unsigned char)*p) && v <= MAX_STEP)
        v = v * 10 + (*p++ - '0');
    if (p == s)
        return NULL;
    long unit = *p == 's' ? 1 : *p == 'm' ? 60 : *p == 'h' ? 3600 : *p == 'd' ? DAY : 0;
    if (!unit || v < 1 || v > MAX_STEP / unit)
        return NULL;
    *out = (int)(v * unit);
    return p + 1;
}

enum lp_code sched_parse_steps(const char *text, int steps[SCHED_MAX_STEPS], int *n,
                               struct lp_err *err)
{
    int count = 0, tmp[SCHED_MAX_STEPS];
    const char *p = text ? text : "";
    for (;;) {
        while (*p == ' ' || *p == ',' || *p == '\t')
            p++;
        if (!*p)
            break;
        if (count == SCHED_MAX_STEPS)
            return err_set(err, LP_EINVAL, "steps '%s': more than %d steps", text, SCHED_MAX_STEPS);
        const char *next = parse_step(p, &tmp[count]);
        if (!next || (*next && *next != ' ' && *next != ',' && *next != '\t'))
            return err_set(err, LP_EINVAL,
                           "steps '%s': step %d is not a number with unit s, m, h or d "
                           "between 1s and 365d (like 1m 10m)", text, count + 1);
        count++;
        p = next;
    }
    memcpy(steps, tmp, (size_t)count * sizeof *tmp);
    *n = count;
    return LP_OK;
}

void sched_card_new(struct sched_card *card, int64_t id, int64_t now)
{
    memset(card, 0, sizeof *card);
    card->id = id;
    card->state = SCHED_NEW;
    card->due = now;
    card->last_review = now;
}

int32_t sched_day(const struct sched_config *c, int64_t t)
{
    if (c->days == SCHED_DAYS_UTC)
        return clock_utc_day(t - (int64_t)c->rollover_hour * 3600);
    return clock_day(t, c->rollover_hour);
}

/* ---- intervals and fuzz --------------------------------------------------- */

/* splitmix64's step: a well-mixed 64-bit value from any input. */
static uint64_t mix64(uint64_t z)
{
    z += UINT64_C(0x9e3779b97f4a7c15);
    z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
    return z ^ (z >> 31);
}

/* A number in [0, 1) from (seed, card id, reps), the same every time. */
static double fuzz_factor(const struct sched_config *c, const struct sched_card *card, int reps)
{
    uint64_t z = mix64(c->fuzz_seed);
    z = mix64(z ^ (uint64_t)card->id);
    z = mix64(z ^ (uint64_t)(int64_t)reps);
    return (double)(z >> 11) * (1.0 / 9007199254740992.0);
}

/* ts-fsrs's get_fuzz_range: the days an interval may be spread over. */
static void fuzz_range(int ivl, int elapsed, int max_ivl, int *lo, int *hi)
{
    static const struct { double start, end, factor; } ranges[] = {
        {2.5, 7.0, 0.15}, {7.0, 20.0, 0.1}, {20.0, INFINITY, 0.05},
    };
    double delta = 1.0;
    for (size_t i = 0; i < sizeof ranges / sizeof ranges[0]; i++) {
        double part = fmin(ivl, ranges[i].end) - ranges[i].start;
        delta += ranges[i].factor * (part > 0 ? part : 0.0);
    }
    double x = ivl < max_ivl ? ivl : max_ivl;
    double a = fsrs_js_round(x - delta), b = fsrs_js_round(x + delta);
    a = a > 2 ? a : 2;
    b = b < max_ivl ? b : max_ivl;
    if (x > elapsed && a < elapsed + 1)
        a = elapsed + 1;
    *lo = (int)(a < b ? a : b);
    *hi = (int)b;
}

/* ts-fsrs's next_interval: FSRS interval, then fuzz when on and >= 2.5 days. */
static int next_interval(const struct sched_config *c, double s, int elapsed, double fuzz)
{
    int ivl = fsrs_interval(&c->fsrs, s);
    if (!c->fuzz || ivl < 3)
        return ivl;
    int lo, hi;
    fuzz_range(ivl, elapsed, c->fsrs.max_interval, &lo, &hi);
    return (int)floor(fuzz * (hi - lo + 1) + lo);
}

int sched_fuzz_down(const struct sched_config *c, const struct sched_card *card, int ivl)
{
    if (!c->fuzz || ivl < 3)
        return ivl;
    int lo, hi;
    fuzz_range(ivl, 0, c->fsrs.max_interval, &lo, &hi);
    lo = lo < ivl ? lo : ivl;
    return (int)floor(fuzz_factor(c, card, card->reps) * (ivl - lo + 1) + lo);
}

/* ---- learning steps --------------------------------------------------------- */

/* Hard's delay: the mean of the first two steps, or 1.5 x a single step. */
static int hard_delay(const int *steps, int n)
{
    double secs = n == 1 ? steps[0] * 1.5 : (steps[0] + (double)steps[1]) / 2;
    return secs >= 60 ? (int)fsrs_js_round(secs / 60) * 60 : (int)fsrs_js_round(secs);
}

/*
 * ts-fsrs's BasicLearningStepsStrategy: the delay in seconds (0 = none, the card
 * graduates) and the next step index for `grade` on a card in `state` at `step`.
 */
static void step_for(const struct sched_config *c, enum sched_state state, int step, int grade,
                     int *delay, int *next_step)
{
    int relearn = state == SCHED_RELEARNING || state == SCHED_REVIEW;
    const int *steps = relearn ? c->relearn_steps : c->learn_steps;
    int n = relearn ? c->n_relearn : c->n_learn;
    *delay = 0;
    *next_step = 0;
    if (n == 0 || step >= n)
        return;
    if (step < 0)
        step = 0;
    if (state == SCHED_REVIEW) {
        if (grade == FSRS_AGAIN)
            *delay = steps[step];
        return;
    }
    if (grade == FSRS_AGAIN) {
        *delay = steps[0];
    } else if (grade == FSRS_HARD) {
        *delay = hard_delay(steps, n);
        *next_step = step;
    } else if (grade == FSRS_GOOD && step + 1 < n) {
        *delay = steps[step + 1];
        *next_step = step + 1;
    }
}

/* ts-fsrs's applyLearningSteps: stay in steps, or graduate to Review. */
static void apply_steps(const struct sched_config *c, const struct sched_card *before,
                        struct sched_result *res, int64_t now, enum sched_state to_state,
                        double fuzz)
{
    int delay, next_step;
    step_for(c, before->state, before->step, res->grade, &delay, &next_step);
    struct sched_card *card = &res->card;
    if (delay > 0 && delay < DAY) {
        card->step = next_step;
        card->state = to_state;
        res->scheduled_days = 0;
        card->due = now + delay;
    } else if (delay >= DAY) {
        card->step = next_step;
        card->state = SCHED_REVIEW;
        res->scheduled_days = delay / DAY;
        card->due = now + delay;
    } else {
        card->step = 0;
        card->state = SCHED_REVIEW;
        res->scheduled_days = next_interval(c, card->s, res->elapsed_days, fuzz);
        card->due = now + (int64_t)res->scheduled_days * DAY;
    }
}

/* ---- answers ------------------------------------------------------------------ */

static int is_leech(const struct sched_config *c, int lapses)
{
    int t = c->leech_threshold;
    if (t <= 0 || lapses < t)
        return 0;
    int every = t / 2 > 1 ? t / 2 : 1;
    return (lapses - t) % every == 0;
}

/* What every result shares: the card before, reps + 1, last review = now. */
static void start_result(const struct sched_card *card, int64_t now, int grade,
                         int32_t elapsed, double r, struct sched_result *res)
{
    memset(res, 0, sizeof *res);
    res->card = *card;
    res->card.reps = card->reps + 1;
    res->card.last_review = now;
    res->grade = grade;
    res->state_before = card->state;
    res->s_before = card->state == SCHED_NEW ? 0 : card->s;
    res->d_before = card->state == SCHED_NEW ? 0 : card->d;
    res->r_before = card->state == SCHED_NEW ? 0 : r;
    res->elapsed_days = elapsed;
}

static void finish_result(const struct sched_config *c, const struct sched_card *before,
                          int64_t now, struct sched_result *res)
{
    res->state_after = res->card.state;
    res->s_after = res->card.s;
    res->d_after = res->card.d;
    res->due = res->card.due;
    res->delay = res->card.due - now;
    res->leech = res->card.lapses > before->lapses && is_leech(c, res->card.lapses);
}

/* Review card: all four grades share R, and their intervals are kept in order. */
static void review_all(const struct sched_config *c, const struct sched_card *card, int64_t now,
                       int32_t elapsed, double r, double fuzz, struct sched_result out[4])
{
    struct fsrs_memory m = {card->s, card->d}, next[4];
    fsrs_next_all(&c->fsrs, m, elapsed, next);
    int ivl[5];
    for (int g = 1; g <= 4; g++) {
        start_result(card, now, g, elapsed, r, &out[g - 1]);
        out[g - 1].card.s = next[g - 1].s;
        out[g - 1].card.d = next[g - 1].d;
        if (g > 1)
            ivl[g] = next_interval(c, next[g - 1].s, elapsed, fuzz);
    }
    ivl[2] = ivl[2] < ivl[3] ? ivl[2] : ivl[3];
    ivl[3] = ivl[3] > ivl[2] + 1 ? ivl[3] : ivl[2] + 1;
    ivl[4] = ivl[4] > ivl[3] + 1 ? ivl[4] : ivl[3] + 1;
    for (int g = 2; g <= 4; g++) {
        struct sched_result *res = &out[g - 1];
        res->card.state = SCHED_REVIEW;
        res->card.step = 0;
        res->scheduled_days = ivl[g];
        res->card.due = now + (int64_t)ivl[g] * DAY;
    }
    apply_steps(c, card, &out[0], now, SCHED_RELEARNING, fuzz);
    out[0].card.lapses++;
}

/* New or (re)learning card: each grade on its own. */
static void steps_all(const struct sched_config *c, const struct sched_card *card, int64_t now,
                      int32_t elapsed, double r, double fuzz, struct sched_result out[4])
{
    struct fsrs_memory m = {card->s, card->d};
    enum sched_state to = card->state == SCHED_RELEARNING ? SCHED_RELEARNING : SCHED_LEARNING;
    for (int g = 1; g <= 4; g++) {
        struct sched_result *res = &out[g - 1];
        start_result(card, now, g, elapsed, r, res);
        struct fsrs_memory next = card->state == SCHED_NEW ? fsrs_init(&c->fsrs, g)
                                                           : fsrs_next(&c->fsrs, m, elapsed, g);
        res->card.s = next.s;
        res->card.d = next.d;
        apply_steps(c, card, res, now, to, fuzz);
    }
}

static enum lp_code check_card(const struct sched_card *card, struct lp_err *err)
{
    if (card->state < SCHED_NEW || card->state > SCHED_RELEARNING)
        return err_set(err, LP_EINVAL, "card %lld: unknown state %d", (long long)card->id,
                       (int)card->state);
    if (card->state != SCHED_NEW && !(card->s >= FSRS_S_MIN && card->d >= 1 && card->d <= 10))
        return err_set(err, LP_EINVAL, "card %lld: invalid memory state S=%g D=%g",
                       (long long)card->id, card->s, card->d);
    return LP_OK;
}

enum lp_code sched_preview(const struct sched_config *c, const struct sched_card *card,
                           int64_t now, struct sched_result out[4], struct lp_err *err)
{
    enum lp_code rc = check_card(card, err);
    if (rc != LP_OK)
        return rc;
    int32_t elapsed = 0;
    double r = 0;
    if (card->state != SCHED_NEW) {
        elapsed = sched_day(c, now) - sched_day(c, card->last_review);
        if (elapsed < 0)
            elapsed = 0;
        r = fsrs_retrievability(&c->fsrs, elapsed, card->s);
    }
    double fuzz = c->fuzz ? fuzz_factor(c, card, card->reps + 1) : 0;
    if (card->state == SCHED_REVIEW)
        review_all(c, card, now, elapsed, r, fuzz, out);
    else
        steps_all(c, card, now, elapsed, r, fuzz, out);
    for (int g = 0; g < 4; g++)
        finish_result(c, card, now, &out[g]);
    return LP_OK;
}

enum lp_code sched_answer(const struct sched_config *c, const struct sched_card *card,
                          int64_t now, int grade, struct sched_result *out, struct lp_err *err)
{
    if (grade < 1 || grade > 4)
        return err_set(err, LP_EINVAL, "grade %d is not 1 (Again) to 4 (Easy)", grade);
    struct sched_result all[4];
    enum lp_code rc = sched_preview(c, card, now, all, err);
    if (rc == LP_OK)
        *out = all[grade - 1];
    return rc;
}

double sched_retrievability(const struct sched_config *c, const struct sched_card *card,
                            int64_t now)
{
    if (card->state == SCHED_NEW || !(card->s >= FSRS_S_MIN))
        return 1.0;
    int32_t elapsed = sched_day(c, now) - sched_day(c, card->last_review);
    return fsrs_retrievability(&c->fsrs, elapsed > 0 ? elapsed : 0, card->s);
}

/* ---- labels --------------------------------------------------------------------- */

/* v with one decimal, or none when it is .0 */
static int fmt_tenths(char *buf, size_t size, double v, const char *unit)
{
    double t = floor(v * 10 + 0.5);
    if (fmod(t, 10) == 0)
        return snprintf(buf, size, "%.0f%s", t / 10, unit);
    return snprintf(buf, size, "%.1f%s", t / 10, unit);
}

int sched_format_interval(int64_t seconds, char *buf, size_t size)
{
    const double month = 365.0 / 12 * DAY, year = 365.0 * DAY;
    double s = seconds > 0 ? (double)seconds : 0;
    if (s < 60)
        return snprintf(buf, size, "%.0fs", s);
    if (s < 3600)
        return snprintf(buf, size, "%.0fm", floor(s / 60 + 0.5));
    if (s < DAY)
        return fmt_tenths(buf, size, s / 3600, "h");
    if (s < 30.0 * DAY)
        return snprintf(buf, size, "%.0fd", floor(s / DAY + 0.5));
    if (s < year)
        return fmt_tenths(buf, size, s / month, "mo");
    return fmt_tenths(buf, size, s / year, "y");
}
