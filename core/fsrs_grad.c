/*
 * fsrs_grad.c - FSRS-6's training form with analytic gradients (see fsrs_grad.h).
 *
 * Reverse mode over a card: the forward sweep stores, for each review, the new
 * memory (S, D) and the local partial derivatives of (S, D) with respect to the
 * previous (S, D) and to the few weights that review's formula uses; the backward
 * sweep carries dLoss/dS and dLoss/dD from the last prediction to the first review,
 * adding each prediction's dLoss/dS where it reads S.  One card costs one sweep each
 * way however many of its reviews are targets.
 */
#include "fsrs_grad.h"

#include <math.h>
#include <string.h>

#define S_MIN 0.001
#define S_MAX 36500.0
#define D_MIN 1.0
#define D_MAX 10.0
#define R_EPS 1e-10
#define ITEM_MAX 256

void fsrs_grad_prepare(struct fsrs_grad_w *k, const double w[FSRS_GRAD_NW])
{
    memcpy(k->w, w, sizeof k->w);
    double c = w[20], ln09 = log(0.9);
    double f1 = exp(-ln09 / c);              /* 0.9^(-1/c) = f + 1 */
    k->factor = f1 - 1;
    k->dfactor = f1 * ln09 / (c * c);
    k->exp_w8 = exp(w[8]);
    k->e3w5 = exp(3 * w[5]);
    k->d0_easy = w[4] - k->e3w5 + 1;
    k->fail_cap = exp(-w[17] * w[18]);
    k->gain[0] = 0;
    for (int g = 1; g <= 4; g++)
        k->gain[g] = exp(w[17] * ((double)g - 3 + w[18]));
}

/* R(t, S) with dR/dS and dR/dw20. */
static double curve(const struct fsrs_grad_w *k, double t, double s, double *dr_ds,
                    double *dr_dc)
{
    /* log(1 + q) rather than log1p: q >= f/36500 here, so the absolute error stays
     * near 1e-16, and log is faster (this is the hot path). */
    double c = k->w[20], q = k->factor * t / s, x = 1 + q, lx = log(x);
    double r = exp(-c * lx);
    *dr_ds = c * r * q / (s * x);
    *dr_dc = r * (-lx - c * (t / s) * k->dfactor / x);
    return r;
}

static void add_ds(struct fsrs_grad_step *st, int i, double v)
{
    st->ds_i[st->n_ds] = (uint8_t)i;
    st->ds_w[st->n_ds++] = v;
}

static void first_review(const struct fsrs_grad_w *k, int g, struct fsrs_grad_step *st)
{
    const double *w = k->w;
    double s = w[g - 1], e = exp(w[5] * (g - 1)), d = w[4] - e + 1;
    memset(st, 0, sizeof *st);
    st->s = s < S_MIN ? S_MIN : s > S_MAX ? S_MAX : s;
    if (s > S_MIN && s < S_MAX)
        add_ds(st, g - 1, 1);
    st->d = d < D_MIN ? D_MIN : d > D_MAX ? D_MAX : d;
    if (d > D_MIN && d < D_MAX) {
        st->dd_w[0] = 1;
        st->dd_w[1] = -(g - 1) * e;
    }
}

static void next_difficulty(const struct fsrs_grad_w *k, double d, int g,
                            struct fsrs_grad_step *st)
{
    const double *w = k->w;
    double gm = (double)g - 3;
    double damped = d - w[6] * gm * (10 - d) / 9;
    double dn = w[7] * k->d0_easy + (1 - w[7]) * damped;
    if (dn > D_MIN && dn < D_MAX) {
        st->d = dn;
        st->dd_dd = (1 - w[7]) * (1 + w[6] * gm / 9);
        st->dd_w[0] = w[7];
        st->dd_w[1] = -3 * w[7] * k->e3w5;
        st->dd_w[2] = -(1 - w[7]) * gm * (10 - d) / 9;
        st->dd_w[3] = k->d0_easy - damped;
    } else {
        st->d = dn <= D_MIN ? D_MIN : D_MAX;
    }
}

/* Same-day review: returns the new S (before the output clamp). */
static double short_term(const struct fsrs_grad_w *k, double s, int g,
                         struct fsrs_grad_step *st)
{
    const double *w = k->w;
    double ls = log(s), sinc = exp(-w[19] * ls) * k->gain[g];
    if (g >= 2 && sinc < 1) {
        st->ds_ds = 1;
        return s;
    }
    double sn = s * sinc;
    st->ds_ds = (1 - w[19]) * sinc;
    add_ds(st, 17, ((double)g - 3 + w[18]) * sn);
    add_ds(st, 18, w[17] * sn);
    add_ds(st, 19, -sn * ls);
    return sn;
}

static double lapse(const struct fsrs_grad_w *k, double s, double d, double t,
                    struct fsrs_grad_step *st)
{
    const double *w = k->w;
    double dr_ds, dr_dc, r = curve(k, t, s, &dr_ds, &dr_dc);
    double cap = s * k->fail_cap;
    double ld = log(d), l1s = log(s + 1), p = exp(w[13] * l1s);
    double b0 = exp(-w[12] * ld + w[14] * (1 - r));       /* D^-w12 e^(w14(1-R)) */
    double b = w[11] * b0;
    double raw = b * (p - 1);
    if (cap < raw) {
        st->ds_ds = k->fail_cap;
        add_ds(st, 17, -w[18] * cap);
        add_ds(st, 18, -w[17] * cap);
        return cap;
    }
    double ds_dr = -w[14] * raw;
    st->ds_ds = b * w[13] * p / (s + 1) + ds_dr * dr_ds;
    st->ds_dd = -w[12] * raw / d;
    add_ds(st, 11, b0 * (p - 1));
    add_ds(st, 12, -raw * ld);
    add_ds(st, 13, b * p * l1s);
    add_ds(st, 14, raw * (1 - r));
    add_ds(st, 20, ds_dr * dr_dc);
    return raw;
}

static double recall(const struct fsrs_grad_w *k, double s, double d, double t, int g,
                     struct fsrs_grad_step *st)
{
    const double *w = k->w;
    double dr_ds, dr_dc, r = curve(k, t, s, &dr_ds, &dr_dc);
    double h = g == 2 ? w[15] : g == 4 ? w[16] : 1;
    double ls = log(s), spow = exp(-w[9] * ls), e = exp(w[10] * (1 - r));
    double kk = k->exp_w8 * (11 - d) * spow;      /* e^w8 (11-D) S^-w9 */
    double a = kk * (e - 1) * h;
    double ds_dr = -s * kk * h * e * w[10];
    st->ds_ds = 1 + a - w[9] * a + ds_dr * dr_ds;
    st->ds_dd = -s * k->exp_w8 * spow * (e - 1) * h;
    add_ds(st, 8, s * a);
    add_ds(st, 9, -s * a * ls);
    add_ds(st, 10, s * kk * h * e * (1 - r));
    if (g == 2 || g == 4)
        add_ds(st, g == 2 ? 15 : 16, s * kk * (e - 1));
    add_ds(st, 20, ds_dr * dr_dc);
    return s * (1 + a);
}

/* Review with grade g after t days, from memory prev, into st. */
static void step(const struct fsrs_grad_w *k, const struct fsrs_grad_step *prev, double t, int g,
                 struct fsrs_grad_step *st)
{
    double s = prev->s, d = prev->d, sn;
    memset(st, 0, sizeof *st);
    next_difficulty(k, d, g, st);
    if (t == 0)
        sn = short_term(k, s, g, st);
    else if (g == 1)
        sn = lapse(k, s, d, t, st);
    else
        sn = recall(k, s, d, t, g, st);
    if (sn > S_MIN && sn < S_MAX) {
        st->s = sn;
    } else {
        st->s = sn <= S_MIN ? S_MIN : S_MAX;
        st->ds_ds = st->ds_dd = 0;
        st->n_ds = 0;
    }
}

/* Weighted cross-entropy of r against label; *dl_dr its derivative. */
static double bce(double r, int label, double weight, double *dl_dr)
{
    r = r < R_EPS ? R_EPS : r > 1 - R_EPS ? 1 - R_EPS : r;
    if (label) {
        *dl_dr = -weight / r;
        return -weight * log(r);
    }
    *dl_dr = weight / (1 - r);
    return -weight * log(1 - r);
}

/* Backward sweep from review last down to 0, adding to grad. */
static void backward(const struct fsrs_grad_step *ws, int last, double grad[FSRS_GRAD_NW])
{
    double adj_s = 0, adj_d = 0;
    for (int j = last; j >= 0; j--) {
        const struct fsrs_grad_step *st = &ws[j];
        adj_s += st->adj_s;
        for (int m = 0; m < st->n_ds; m++)
            grad[st->ds_i[m]] += adj_s * st->ds_w[m];
        if (adj_d != 0)
            for (int m = 0; m < 4; m++)
                grad[4 + m] += adj_d * st->dd_w[m];
        double ns = adj_s * st->ds_ds;
        adj_d = adj_s * st->ds_dd + adj_d * st->dd_dd;
        adj_s = ns;
    }
}

double fsrs_grad_card(const struct fsrs_grad_w *k, const uint8_t *g, const double *dt,
                      const double *wt, int n, struct fsrs_grad_step *ws, double *pred,
                      double grad[FSRS_GRAD_NW])
{
    if (n <= 0)
        return 0;
    double loss = 0;
    int last = -1;
    first_review(k, g[0], &ws[0]);
    for (int j = 1; j < n; j++) {
        struct fsrs_grad_step *prev = &ws[j - 1];
        prev->adj_s = 0;
        if ((wt && wt[j] > 0) || pred) {
            double dr_ds, dr_dc, dl_dr;
            double r = curve(k, dt[j], prev->s, &dr_ds, &dr_dc);
            if (pred)
                pred[j] = r;
            if (wt && wt[j] > 0) {
                loss += bce(r, g[j] > 1, wt[j], &dl_dr);
                prev->adj_s = dl_dr * dr_ds;
                if (grad)
                    grad[20] += dl_dr * dr_dc;
                last = j - 1;
            }
        }
        if (j + 1 < n)
            step(k, prev, dt[j], g[j], &ws[j]);
    }
    if (grad && last >= 0)
        backward(ws, last, grad);
    return loss;
}

double fsrs_grad_item(const double w[FSRS_GRAD_NW], const int *grades, const double *dts, int n,
                      double final_dt, int label, double weight, double grad[FSRS_GRAD_NW])
{
    struct fsrs_grad_w k;
    struct fsrs_grad_step ws[ITEM_MAX + 1];
    uint8_t g[ITEM_MAX + 1];
    double dt[ITEM_MAX + 1], wt[ITEM_MAX + 1];
    if (n > ITEM_MAX)
        n = ITEM_MAX;
    if (n < 1)
        return 0;
    fsrs_grad_prepare(&k, w);
    for (int j = 0; j < n; j++) {
        g[j] = (uint8_t)(grades[j] < 1 ? 1 : grades[j] > 4 ? 4 : grades[j]);
        dt[j] = dts[j];
        wt[j] = 0;
    }
    g[n] = label ? 3 : 1;
    dt[n] = final_dt;
    wt[n] = weight;
    return fsrs_grad_card(&k, g, dt, wt, n + 1, ws, NULL, grad);
}

double fsrs_grad_retrievability(const struct fsrs_grad_w *k, double t, double s)
{
    double dr_ds, dr_dc;
    return t <= 0 ? 1.0 : curve(k, t, s, &dr_ds, &dr_dc);
}

void fsrs_grad_first(const struct fsrs_grad_w *k, int g, double *s, double *d)
{
    struct fsrs_grad_step st;
    first_review(k, g < 1 ? 1 : g > 4 ? 4 : g, &st);
    *s = st.s;
    *d = st.d;
}

void fsrs_grad_next(const struct fsrs_grad_w *k, double t, int g, double *s, double *d)
{
    struct fsrs_grad_step prev = {.s = *s, .d = *d}, st;
    step(k, &prev, t < 0 ? 0 : t, g < 1 ? 1 : g > 4 ? 4 : g, &st);
    *s = st.s;
    *d = st.d;
}

double fsrs_grad_interval(const struct fsrs_grad_w *k, double s, double retention)
{
    return s / k->factor * (pow(retention, -1 / k->w[20]) - 1);
}
