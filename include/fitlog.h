/*
 * fitlog.h - the optimizer's use of the database: the study reviews to fit to,
 * and the fitted FSRS-6 weight sets (table fsrs_fits, schema v2).
 *
 * Only reviews of mode 'study' are fitted: cram and mock answers do not follow
 * the schedule and would teach the model the wrong forgetting curve.
 *
 * Every fit is kept with its date, the number of reviews it saw and its log loss
 * and RMSE before (defaults) and after.  At most one fit is active: the one the
 * user accepted.  A new fit is stored inactive unless asked otherwise.
 */
#ifndef LP_FITLOG_H
#define LP_FITLOG_H

#include <stdint.h>

#include "err.h"
#include "revlog_io.h"
#include "store.h"

#define FITLOG_NW 21

struct fitlog_fit {
    int64_t id;             /* row id (set by fitlog_save) */
    int64_t time;           /* unix seconds of the fit */
    double w[FITLOG_NW];
    long reviews;
    double logloss_before, logloss_after, rmse_before, rmse_after;   /* NAN: unknown */
    int active;
};

/*
 * Append every study review in the revlog table to log, in time order.  With
 * days == NULL a review's day is the study day stored with it; otherwise it is
 * recomputed from its time (revlog_day).  LP_EDB/LP_ENOMEM on failure.
 */
enum lp_code fitlog_read_reviews(struct store *st, const struct revlog_days *days,
                                 struct revlog *log, struct lp_err *err);

/*
 * Store f (f->id is set).  If f->active, in the same transaction every other fit
 * is made inactive.
 */
enum lp_code fitlog_save(struct store *st, struct fitlog_fit *f, struct lp_err *err);

/* The active fit into f; *found is 0 (f untouched) when there is none. */
enum lp_code fitlog_active(struct store *st, struct fitlog_fit *f, int *found,
                           struct lp_err *err);

/* Make fit id the only active one; id 0 deactivates all.  LP_ENOTFOUND if no such fit. */
enum lp_code fitlog_activate(struct store *st, int64_t id, struct lp_err *err);

/* Format w as "w0,w1,...,w20" (fsrs_params_parse reads it back) into buf. */
void fitlog_format_weights(const double w[FITLOG_NW], char *buf, size_t size);

#endif
