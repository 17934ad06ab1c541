/*
 * optimize.h - fitting the 21 FSRS-6 weights to one person's review log.
 *
 * The training data and the model are those of fsrs-rs (the optimizer Anki uses),
 * so that its evaluator and ours agree on what a good fit is:
 *
 *  - A card's reviews are taken in time order; a review's delta_t is the number of
 *    study days since the card's previous review (0 for the first review).
 *  - Every review after a card's first is one training item: "given the reviews
 *    before it, was this one a recall (grade > 1)?".  Items whose own delta_t is 0
 *    (same-day repeats) are dropped as targets, but stay in later items' histories,
 *    where a same-day review uses FSRS-6's short-term formula.
 *  - The model is FSRS-6 in fsrs-rs's training form: no rounding to 8 decimals,
 *    first stability w[G-1], stability kept in [0.001, 36500], difficulty in [1, 10],
 *    a lapse's stability never above S / e^(w17*w18).  Its gradient is computed
 *    analytically (backpropagation through each card's history), once per card for
 *    all of the card's items together.
 *  - Outliers are filtered as fsrs-rs does: the cards' first long-term reviews are
 *    grouped by (first grade, delta_t); the smallest groups of each first grade
 *    (at least 20 items or 5%), and those of fewer than 6 items or with delta_t
 *    over 100 days (365 for Easy), are dropped with all their cards' items.
 *  - The kept items are listed as fsrs-rs 6.5 lists them: the kept first
 *    long-term reviews first (by first grade, then group), then the others in time
 *    order; the i-th of n weighs 0.25 + 0.75 * (i / (n - 1))^3 (recency).
 *  - w0-w3 start from a per-grade fit of first-review outcomes (ternary search,
 *    then smoothing and filling of missing grades); the objective adds
 *    gamma * sum(((w - w_init) / stddev)^2), which keeps the weights near their
 *    starting values when the data are thin.
 *  - Adam (lr 0.04, cosine-annealed to zero, batches of about 512 items made of
 *    whole cards, shuffled each epoch with a fixed seed), the weights clipped to
 *    fsrs-rs's bounds after every step, 5 epochs, the epoch with the lowest
 *    training objective kept; w0-w3 smoothed again at the end.
 *  - With fewer than `min_items` items left for training the defaults are kept.
 *
 * Quality numbers are those of the reference's evaluator (fsrs-rs's evaluate() as
 * @open-spaced-repetition/binding 0.5 runs it, checked against it on a fixture):
 * over the item list above with its recency weights, the weighted log loss, and
 * RMSE(bins): items are binned by (delta_t, number of long-term reviews, number of
 * lapses) as fsrs-rs's r_matrix_index does, and RMSE(bins) is the root of the
 * weight-weighted mean squared difference between mean prediction and mean outcome
 * per bin.  Where figures are given for a time slice of the log, the list is made
 * once from the whole log and the slice's share of it is scored.
 *
 * opt_fit is deterministic: same log and config, same weights, whatever the
 * number of threads.  Nothing here prints, exits or touches the database.
 */
#ifndef LP_OPTIMIZE_H
#define LP_OPTIMIZE_H

#include <stdint.h>

#include "err.h"
#include "revlog_io.h"

#define OPT_NW 21
#define OPT_MIN_ITEMS 300   /* fewer training items than this: keep the defaults */

struct opt_config {
    int epochs;             /* 5 */
    int batch_size;         /* 512 items */
    double learning_rate;   /* 0.04 */
    double gamma;           /* 1.0: weight of the pull toward the starting weights */
    int max_seq_len;        /* 256: longer items (reviews incl. the target) are not trained on */
    uint64_t seed;          /* 2023: batch shuffling */
    double holdout;         /* 0.2: the last fraction of items by time held out; 0 none */
    int min_items;          /* OPT_MIN_ITEMS */
    int threads;            /* 1 or 2: the held-out fit runs beside the main one */
};

struct opt_metrics {
    double logloss;         /* weighted log loss (NAN when items == 0) */
    double rmse;            /* RMSE(bins) (NAN when items == 0) */
    long items;             /* items scored */
};

enum opt_outcome {
    OPT_FITTED = 0,         /* w was fitted */
    OPT_TOO_FEW,            /* too few items: w are the defaults */
    OPT_FIRST_ONLY,         /* every item was a card's first long-term review: only
                               w0-w3 were fitted (as fsrs-rs does) */
};

struct opt_result {
    double w[OPT_NW];           /* the weights to use (the defaults unless fitted) */
    enum opt_outcome outcome;
    long reviews, cards;        /* in the log */
    long items;                 /* all prediction items */
    long usable_items;          /* items left for the final fit by the outlier filter */
    long fit_items;             /* items it trained on (also within max_seq_len) */
    long train_items, holdout_items;   /* the time split: first part, last part */
    double w_split[OPT_NW];     /* weights fitted on the first part only */
    enum opt_outcome split_outcome;
    struct opt_metrics all_before, all_after;      /* every item: defaults, then w */
    struct opt_metrics train_before, train_after;  /* first part: defaults, w_split */
    struct opt_metrics hold_before, hold_after;    /* last part: defaults, w_split */
};

/* The configuration described above. */
void opt_default_config(struct opt_config *c);

/* The 21 published FSRS-6 defaults. */
void opt_default_weights(double w[OPT_NW]);

/* Clamp w in place to fsrs-rs's bounds (one relearning step). */
void opt_clip(double w[OPT_NW]);

/*
 * Fit the weights to log (which opt_fit does not modify) and measure them.
 * The final weights are fitted on every item; the held-out figures come from a
 * second fit on the first (1 - holdout) of the items by time, measured on the
 * rest, so they show how the procedure does on reviews it has not seen.
 * Returns LP_OK (also when the defaults were kept; see r->outcome), LP_EINVAL
 * for a bad config, LP_ENOMEM.
 */
enum lp_code opt_fit(const struct revlog *log, const struct opt_config *c,
                     struct opt_result *r, struct lp_err *err);

/* ---- Lower level: for tests and for other fitting-based tools ---------------- */

struct opt_data;

/* Cards' histories and the items of log, ready for fitting.  NULL on ENOMEM. */
struct opt_data *opt_data_new(const struct revlog *log, struct lp_err *err);
void opt_data_free(struct opt_data *d);
long opt_data_items(const struct opt_data *d);

/*
 * A plain training loss on the items with time rank < n_items (all when
 * n_items < 0): the sum over them, in time order, of recency weight * binary
 * cross-entropy (no outlier filter, no penalty).  If grad is not NULL, its gradient with
 * respect to every w[i] is stored there.  w must be within the opt_clip bounds.
 */
double opt_loss(const struct opt_data *d, const double w[OPT_NW], long n_items,
                double grad[OPT_NW]);

/*
 * Quality of w on the items with time rank in [from, to), exactly as the
 * reference's evaluator scores that list of items (outlier filter included).
 */
struct opt_metrics opt_evaluate(const struct opt_data *d, const double w[OPT_NW], long from,
                                long to);

/*
 * Starting values of w0-w3 from first-review outcomes, as fsrs-rs's parameter
 * initialisation: *n_ratings is the number of first grades seen (0 means no
 * estimate; w0-w3 are then left alone).  Items as in opt_fit's final fit.
 */
void opt_initial_stability(const struct opt_data *d, double w[4], int *n_ratings);

#endif
