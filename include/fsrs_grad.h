/*
 * fsrs_grad.h - FSRS-6 in fsrs-rs's training form, with analytic gradients.
 *
 * This is the model the optimizer (optimize.h) fits, written so that the loss of
 * every prediction along a card's history and its derivative with respect to all
 * 21 weights come out of one forward and one backward sweep over the card.  It is
 * deliberately separate from fsrs.h, which reproduces ts-fsrs's scheduler to the
 * last bit (8-decimal rounding, first stability at least 0.1, ...): the fitted
 * model is the one fsrs-rs trains and evaluates, without rounding:
 *
 *   first review G:  S = w[G-1],  D = w4 - e^(w5*(G-1)) + 1
 *   R(t, S)        = (1 + f*t/S)^(-w20),  f = 0.9^(-1/w20) - 1
 *   same day (t=0):  S' = S * S^-w19 * e^(w17*(G-3+w18)), the factor at least 1 for G>=2
 *   lapse (G=1):     S' = min(w11 * D^-w12 * ((S+1)^w13 - 1) * e^(w14*(1-R)), S/e^(w17*w18))
 *   recall (G>1):    S' = S * (1 + e^w8 * (11-D) * S^-w9 * (e^(w10*(1-R)) - 1) * h * b),
 *                    h = w15 for Hard, b = w16 for Easy, else 1
 *   difficulty:      D' = w7*D0(4) + (1-w7) * (D - w6*(G-3)*(10-D)/9)
 *   S is clamped to [0.001, 36500] and D to [1, 10] after each review; where a
 *   clamp (or the "at least 1" of the same-day factor) is active the gradient
 *   through it is zero, as in fsrs-rs.
 *
 * The loss of one prediction is weight * binary cross-entropy of R (clamped to
 * [1e-10, 1 - 1e-10]) against the outcome (recalled = grade > 1).
 * Nothing here allocates, prints or fails.
 */
#ifndef LP_FSRS_GRAD_H
#define LP_FSRS_GRAD_H

#include <stdint.h>

#define FSRS_GRAD_NW 21

/* Weights with the constants every step needs; fill with fsrs_grad_prepare(). */
struct fsrs_grad_w {
    double w[FSRS_GRAD_NW];
    double factor;          /* f = 0.9^(-1/w20) - 1 */
    double dfactor;         /* df/dw20 */
    double exp_w8;
    double e3w5, d0_easy;   /* e^(3*w5), D0(4) unclamped */
    double fail_cap;        /* e^(-w17*w18) */
    double gain[5];         /* [G] = e^(w17*(G-3+w18)) */
};

/* Per-review workspace for fsrs_grad_card (one per review of the longest card). */
struct fsrs_grad_step {
    double s, d;            /* memory after this review */
    double ds_ds, ds_dd, dd_dd;
    double dd_w[4];         /* dD/dw4..w7 */
    double ds_w[5];         /* dS/dw[ds_i[k]] */
    uint8_t ds_i[5], n_ds;
    double adj_s;           /* dLoss/dS of the predictions that use this state */
};

void fsrs_grad_prepare(struct fsrs_grad_w *k, const double w[FSRS_GRAD_NW]);

/*
 * One card's reviews 0..n-1 (grades g[j] in 1-4, delta_t dt[j] in days; dt[0] is
 * ignored).  Position j >= 1 predicts review j from the reviews before it; it is a
 * training target when wt != NULL and wt[j] > 0.  If pred != NULL, pred[j] gets R
 * for every j in 1..n-1 (pred[0] is left alone).  If grad != NULL, the gradient of
 * the returned loss (the sum over targets) is added to grad.  ws has room for n.
 */
double fsrs_grad_card(const struct fsrs_grad_w *k, const uint8_t *g, const double *dt,
                      const double *wt, int n, struct fsrs_grad_step *ws, double *pred,
                      double grad[FSRS_GRAD_NW]);

/* Forward only, for simulation: R after t days at stability s. */
double fsrs_grad_retrievability(const struct fsrs_grad_w *k, double t, double s);

/* Memory after a first review with grade g (1-4). */
void fsrs_grad_first(const struct fsrs_grad_w *k, int g, double *s, double *d);

/* Memory (*s, *d) after a review with grade g (1-4) t >= 0 days after the last. */
void fsrs_grad_next(const struct fsrs_grad_w *k, double t, int g, double *s, double *d);

/* Days until R falls to `retention` at stability s: s / f * (retention^(-1/w20) - 1). */
double fsrs_grad_interval(const struct fsrs_grad_w *k, double s, double retention);

/*
 * One item on its own, as fsrs-rs's forward_backward: a history of n >= 1 reviews
 * (grades and delta_t, the first delta_t 0), then the target after final_dt days
 * with outcome label (1 or 0) and weight.  Returns the loss; adds the gradient to
 * grad if not NULL.  n is at most 256 (longer histories are cut to their first 256).
 */
double fsrs_grad_item(const double w[FSRS_GRAD_NW], const int *grades, const double *dts, int n,
                      double final_dt, int label, double weight, double grad[FSRS_GRAD_NW]);

#endif
