/*
 * fitoffer.h - when the tutor offers to refit the memory model.
 *
 * FSRS-6 learns a person's forgetting curve from their reviews, so the weights
 * should be refitted as reviews accumulate.  The home screen offers a refit when,
 * since the last fit (the newest row of fsrs_fits, applied or not, so that
 * declining an offer also quiets it until the next threshold) or, with no fit
 * yet, since the first study answer:
 *
 *   - at least FITOFFER_REVIEWS (1,000) new study answers were given, or
 *   - FITOFFER_DAYS (30) days or more have passed and at least
 *     FITOFFER_MONTHLY_REVIEWS (300) new study answers were given (a monthly
 *     refit for someone studying ten a day; fewer than 300 answers rarely give
 *     the optimizer enough to fit, see OPT_MIN_ITEMS).
 *
 * Only study answers count, as only they are fitted (fitlog.h).
 */
#ifndef LP_FITOFFER_H
#define LP_FITOFFER_H

#include <stdint.h>

#include "store.h"

#define FITOFFER_REVIEWS 1000
#define FITOFFER_DAYS 30
#define FITOFFER_MONTHLY_REVIEWS 300

struct fitoffer {
    int due;          /* 1: offer a refit */
    int has_fit;      /* a fit has been stored before */
    int64_t last_fit; /* its time (unix seconds); 0 without one */
    long reviews;     /* study answers since then (or in all), counted up to
                         FITOFFER_REVIEWS only: enough to decide, and cheap */
    int32_t days;     /* study days since then (or since the first answer);
                         -1 with no fit and no answers */
};

/* The rule above: pure. */
int fitoffer_due(long reviews, int32_t days);

/*
 * Look at the store at time now (days with the given rollover hour).  Reads at
 * most FITOFFER_REVIEWS rows of the log's day index, so the home screen stays
 * fast after a year of reviews.  LP_EDB on failure.
 */
enum lp_code fitoffer_check(struct store *st, int64_t now, int rollover_hour, struct fitoffer *out,
                            struct lp_err *err);

#endif
