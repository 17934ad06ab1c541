/*
 * fsrs.c - FSRS-6 formulas with ts-fsrs 5.x's clamping and rounding (see fsrs.h).
 *
 * The order of every floating-point operation below follows ts-fsrs's expressions
 * (a*b*c is (a*b)*c, etc.), because reordering changes the last bit and, after the
 * rounding to 8 decimals, occasionally a printed digit.
 */
#include "fsrs.h"

#include <errno.h>
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static const double default_w[FSRS_NW] = {
    0.212,  1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001,  1.8722, 0.1666, 0.796,
    1.4835, 0.0614, 0.2629, 1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.1542,
};

/* ts-fsrs's clamp ranges for each weight (w19's floor depends on short_term). */
static const double w_lo[FSRS_NW] = {
    0.001, 0.001, 0.001, 0.001, 1.0, 0.001, 0.001, 0.001, 0.0, 0.0, 0.001,
    0.001, 0.001, 0.001, 0.0,   0.0, 1.0,   0.0,   0.0,   0.0, 0.1,
};
static const double w_hi[FSRS_NW] = {
    100.0, 100.0, 100.0, 100.0, 10.0, 4.0, 4.0, 0.75, 4.5, 0.8, 3.5,
    5.0,   0.25,  0.9,   4.0,   1.0,  6.0, 2.0, 2.0,  0.8, 0.8,
};
#define W17_W18_CEILING 2.0

static int clamp_grade(int g)
{
    return g < 1 ? 1 : g > 4 ? 4 : g;
}

static double clamp(double v, double lo, double hi)
{
    /* Math.min(Math.max(v, lo), hi) */
    v = v > lo ? v : lo;
    return v < hi ? v : hi;
}

/* Math.round for |x| < 2^52 through an integer: floor, then up if the rest is >= 1/2. */
static double round_via_int(double x)
{
    double t = (double)(int64_t)x;   /* toward zero ... */
    if (t > x)
        t -= 1.0;                    /* ... then down: floor(x); x - t is exact */
    double r = x - t >= 0.5 ? t + 1.0 : t;
    return r == 0 ? copysign(0.0, x) : r;
}

double fsrs_js_round(double x)
{
    /* Nearest integer, halves toward +infinity and -0 for [-0.5, -0], exact for
     * every double. */
    if (!(x > -4503599627370496.0 && x < 4503599627370496.0))
        return x;                    /* |x| >= 2^52 (or NaN): already an integer */
#if FLT_EVAL_METHOD == 0
    /* Faster: adding and subtracting 1.5 * 2^52 rounds to nearest-even when
     * doubles are evaluated as doubles (x86-64, aarch64) in the default rounding
     * mode; a tie that went down then goes up. */
    if (x > -2251799813685248.0 && x < 2251799813685248.0) {
        const double big = 6755399441055744.0;
        double r = (x + big) - big;
        if (x - r == 0.5)
            r += 1.0;
        return r == 0 ? copysign(0.0, x) : r;
    }
#endif
    return round_via_int(x);
}

double fsrs_round8(double x)
{
    return fsrs_js_round(x * 1e8) / 1e8;
}

/*
 * With more than one relearning step, ts-fsrs bounds w17*w18 so that the steps
 * cannot raise a lapsed card's stability above its pre-lapse value.
 */
static double w17_w18_ceiling(const struct fsrs_params *p)
{
    if (p->relearning_steps <= 1)
        return W17_W18_CEILING;
    double w11 = clamp(p->w[11], w_lo[11], w_hi[11]);
    double w13 = clamp(p->w[13], w_lo[13], w_hi[13]);
    double w14 = clamp(p->w[14], w_lo[14], w_hi[14]);
    double v = -(log(w11) + log(pow(2.0, w13) - 1.0) + w14 * 0.3) / p->relearning_steps;
    return clamp(fsrs_round8(sqrt(v > 0 ? v : 0)), 0.01, W17_W18_CEILING);
}

static void clamp_weights(struct fsrs_params *p)
{
    double ceiling = w17_w18_ceiling(p);
    for (int i = 0; i < FSRS_NW; i++) {
        double lo = w_lo[i], hi = w_hi[i];
        if (i == 19 && p->short_term)
            lo = 0.01;
        if (i == 17 || i == 18)
            hi = ceiling;
        p->cw[i] = clamp(p->w[i], lo, hi);
    }
}

static void derive_constants(struct fsrs_params *p)
{
    const double *w = p->cw;
    p->decay = -w[20];
    p->factor = fsrs_round8(exp(pow(p->decay, -1) * log(0.9)) - 1.0);
    p->modifier = fsrs_round8((pow(p->retention, 1 / p->decay) - 1) / p->factor);
    p->d0_easy = fsrs_init_difficulty(p, FSRS_EASY);
    p->exp_w8 = exp(w[8]);
    p->again_cap = p->short_term ? exp(w[17] * w[18]) : 1.0;
    p->short_gain[0] = 0;
    for (int g = 1; g <= 4; g++) {
        p->short_gain[g] = exp(w[17] * ((double)(g - 3) + w[18]));
        p->first[g].s = w[g - 1] > 0.1 ? w[g - 1] : 0.1;
        p->first[g].d = clamp(fsrs_init_difficulty(p, g), 1, 10);
    }
}

enum lp_code fsrs_params_prepare(struct fsrs_params *p, struct lp_err *err)
{
    for (int i = 0; i < FSRS_NW; i++)
        if (!isfinite(p->w[i]))
            return err_set(err, LP_EINVAL, "FSRS weight w%d is not a finite number", i);
    if (!(p->retention > 0 && p->retention <= 1))
        return err_set(err, LP_EINVAL, "desired retention %g is outside (0, 1]", p->retention);
    if (p->max_interval < 1 || p->max_interval > FSRS_MAX_INTERVAL)
        return err_set(err, LP_EINVAL, "maximum interval %d is outside 1..%d days",
                       p->max_interval, FSRS_MAX_INTERVAL);
    if (p->relearning_steps < 0)
        p->relearning_steps = 0;
    p->short_term = p->short_term != 0;
    clamp_weights(p);
    derive_constants(p);
    return LP_OK;
}

void fsrs_default_params(struct fsrs_params *p)
{
    memset(p, 0, sizeof *p);
    memcpy(p->w, default_w, sizeof default_w);
    p->retention = 0.9;
    p->max_interval = FSRS_MAX_INTERVAL;
    p->short_term = 1;
    p->relearning_steps = 1;
    fsrs_params_prepare(p, NULL);
}

/* Parse one number of a comma list; returns the position after it or NULL. */
static const char *parse_weight(const char *s, double *out)
{
    while (*s == ' ' || *s == '\t')
        s++;
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (end == s || errno == ERANGE || !isfinite(v))
        return NULL;
    while (*end == ' ' || *end == '\t')
        end++;
    if (*end != ',' && *end != '\0')
        return NULL;
    *out = v;
    return end;
}

enum lp_code fsrs_params_parse(const char *csv, struct fsrs_params *p, struct lp_err *err)
{
    double w[FSRS_NW + 1];
    int n = 0;
    const char *s = csv ? csv : "";
    for (;;) {
        if (n > FSRS_NW)
            return err_set(err, LP_EINVAL, "FSRS parameters: more than %d numbers", FSRS_NW);
        const char *next = parse_weight(s, &w[n]);
        if (!next)
            return err_set(err, LP_EINVAL,
                           "FSRS parameters: field %d is not a finite number "
                           "(expected %d comma-separated numbers w0,...,w20)", n + 1, FSRS_NW);
        n++;
        if (*next == '\0')
            break;
        s = next + 1;
    }
    if (n == FSRS_NW - 2) {   /* FSRS-5: no short-term exponent, fixed decay */
        w[19] = 0.0;
        w[20] = 0.5;
        n = FSRS_NW;
    }
    if (n != FSRS_NW)
        return err_set(err, LP_EINVAL, "FSRS parameters: got %d numbers, expected %d (or 19)",
                       n, FSRS_NW);
    struct fsrs_params tmp = *p;
    memcpy(tmp.w, w, sizeof tmp.w);
    enum lp_code rc = fsrs_params_prepare(&tmp, err);
    if (rc == LP_OK)
        *p = tmp;
    return rc;
}

double fsrs_retrievability(const struct fsrs_params *p, double elapsed_days, double s)
{
    return fsrs_round8(pow(1 + p->factor * elapsed_days / s, p->decay));
}

double fsrs_init_difficulty(const struct fsrs_params *p, int grade)
{
    const double *w = p->cw;
    grade = clamp_grade(grade);
    return fsrs_round8(w[4] - exp((double)(grade - 1) * w[5]) + 1);
}

struct fsrs_memory fsrs_init(const struct fsrs_params *p, int grade)
{
    grade = clamp_grade(grade);
    struct fsrs_memory m = {p->first[grade].s, p->first[grade].d};
    return m;
}

double fsrs_next_difficulty(const struct fsrs_params *p, double d, int grade)
{
    const double *w = p->cw;
    double delta = -w[6] * (double)(clamp_grade(grade) - 3);
    double damped = d + fsrs_round8(delta * (10 - d) / 9);
    double reverted = fsrs_round8(w[7] * p->d0_easy + (1 - w[7]) * damped);
    return clamp(reverted, 1, 10);
}

/* e^w8 * (11-D) * S^-w9 * (e^((1-R)*w10) - 1): the part shared by grades 2-4. */
static double recall_base(const struct fsrs_params *p, double d, double s, double r)
{
    const double *w = p->cw;
    return p->exp_w8 * (11 - d) * pow(s, -w[9]) * (exp((1 - r) * w[10]) - 1);
}

static double recall_from_base(const struct fsrs_params *p, double s, double base, int grade)
{
    double hard = grade == FSRS_HARD ? p->cw[15] : 1;
    double easy = grade == FSRS_EASY ? p->cw[16] : 1;
    return fsrs_round8(clamp(s * (1 + base * hard * easy), FSRS_S_MIN, FSRS_S_MAX));
}

double fsrs_recall_stability(const struct fsrs_params *p, double d, double s, double r, int grade)
{
    return recall_from_base(p, s, recall_base(p, d, s, r), clamp_grade(grade));
}

double fsrs_forget_stability(const struct fsrs_params *p, double d, double s, double r)
{
    const double *w = p->cw;
    double v = w[11] * pow(d, -w[12]) * (pow(s + 1, w[13]) - 1) * exp((1 - r) * w[14]);
    return fsrs_round8(clamp(v, FSRS_S_MIN, FSRS_S_MAX));
}

/* The lapse stability actually used: never above S / e^(w17*w18) nor below S_MIN. */
static double lapse_stability(const struct fsrs_params *p, double d, double s, double r)
{
    double after_fail = fsrs_forget_stability(p, d, s, r);
    double cap = fsrs_round8(s / p->again_cap);
    return clamp(cap, FSRS_S_MIN, after_fail);
}

static double short_term_from_pow(const struct fsrs_params *p, double s, double s_pow, int grade)
{
    double sinc = s_pow * p->short_gain[grade];
    if (grade >= FSRS_HARD && sinc < 1.0)
        sinc = 1.0;
    return fsrs_round8(clamp(s * sinc, FSRS_S_MIN, FSRS_S_MAX));
}

double fsrs_short_term_stability(const struct fsrs_params *p, double s, int grade)
{
    return short_term_from_pow(p, s, pow(s, -p->cw[19]), clamp_grade(grade));
}

struct fsrs_memory fsrs_next(const struct fsrs_params *p, struct fsrs_memory m,
                             double elapsed_days, int grade)
{
    grade = clamp_grade(grade);
    struct fsrs_memory out;
    if (elapsed_days == 0 && p->short_term) {
        out.s = fsrs_short_term_stability(p, m.s, grade);
    } else {
        double r = fsrs_retrievability(p, elapsed_days, m.s);
        out.s = grade == FSRS_AGAIN ? lapse_stability(p, m.d, m.s, r)
                                    : fsrs_recall_stability(p, m.d, m.s, r, grade);
    }
    out.d = fsrs_next_difficulty(p, m.d, grade);
    return out;
}

void fsrs_next_stabilities(const struct fsrs_params *p, struct fsrs_memory m,
                           double elapsed_days, double s[4])
{
    if (elapsed_days == 0 && p->short_term) {
        double s_pow = pow(m.s, -p->cw[19]);
        for (int g = 1; g <= 4; g++)
            s[g - 1] = short_term_from_pow(p, m.s, s_pow, g);
        return;
    }
    double r = fsrs_retrievability(p, elapsed_days, m.s);
    double base = recall_base(p, m.d, m.s, r);
    s[0] = lapse_stability(p, m.d, m.s, r);
    for (int g = 2; g <= 4; g++)
        s[g - 1] = recall_from_base(p, m.s, base, g);
}

void fsrs_next_all(const struct fsrs_params *p, struct fsrs_memory m, double elapsed_days,
                   struct fsrs_memory out[4])
{
    double s[4];
    fsrs_next_stabilities(p, m, elapsed_days, s);
    for (int g = 1; g <= 4; g++) {
        out[g - 1].s = s[g - 1];
        out[g - 1].d = fsrs_next_difficulty(p, m.d, g);
    }
}

int fsrs_interval(const struct fsrs_params *p, double s)
{
    double ivl = fsrs_js_round(s * p->modifier);
    if (ivl < 1)
        ivl = 1;
    if (ivl > p->max_interval)
        ivl = p->max_interval;
    return (int)ivl;
}
