/*
 * refit.h - fitting FSRS-6 to the database's study reviews and applying the fit:
 * what `labprep fsrs optimize` and the tutor's refit screen (view_refit.c) share.
 *
 * Applying a fit is one transaction (rederive.h): the fit becomes the active one
 * and every card's memory is re-derived from its answers under the weights the
 * scheduler will use from then on -- the fit's, unless config.yaml sets params
 * (an explicit setting wins, as in app.c).  a->cfg is updated, so the answers
 * given after it in the same session use those weights too.
 */
#ifndef LP_REFIT_H
#define LP_REFIT_H

#include "app.h"
#include "optimize.h"
#include "rederive.h"

struct refit_applied {
    long long fit_id;         /* the stored fit */
    int active;               /* it was applied */
    int pinned;               /* config.yaml sets params: those stay in use */
    struct rederive_stats rd; /* what re-deriving did (when active) */
};

/*
 * Fit the study reviews of the open store (stored study days), config c.  When
 * the scheduler uses weights other than the defaults (an applied fit, or
 * config.yaml's), *in_use is their quality on all items, scored as r->all_*
 * are; otherwise in_use->items is 0 (r->all_before is the weights in use).
 */
enum lp_code refit_run(struct app *a, const struct opt_config *c, struct opt_result *r,
                       struct opt_metrics *in_use, struct lp_err *err);

/*
 * Store r with its date (a->now), inactive; with apply, then make it the active
 * fit and re-derive every card together.  If applying fails the fit stays stored,
 * inactive, and no card has changed; out->fit_id says which it is.
 */
enum lp_code refit_store(struct app *a, const struct opt_result *r, int apply,
                         struct refit_applied *out, struct lp_err *err);

#endif
