/*
 * today.h - where the learner stands today: due and new counts per deck (and
 * totals after the daily limits), work done, streak, an estimate of the minutes
 * left, and true retention over the last 30 days.  Shared by the home screen
 * and the status/due commands.
 */
#ifndef LP_TODAY_H
#define LP_TODAY_H

#include <stddef.h>
#include <stdint.h>

#include "cards.h"
#include "config.h"
#include "store.h"

struct today {
    struct deck_counts *decks;  /* malloc'd; today_free() */
    size_t n;
    struct day_done done;
    int learn, review, fresh;   /* after today's limits */
    int review_raw, fresh_raw;  /* before them */
    int new_left, reviews_left; /* what remains of the limits */
    int streak;
    double minutes;             /* estimate for what is left */
    int32_t day;
    int ret_passed, ret_total;  /* true retention, last 30 days */
};

enum lp_code today_load(struct store *st, const struct config *cfg, int64_t now, struct today *t,
                        struct lp_err *err);
void today_free(struct today *t);

/* Sum of one section's decks: learn, review and new before limits. */
void today_section(const struct today *t, const char *section, int *learn, int *review,
                   int *fresh);

#endif
