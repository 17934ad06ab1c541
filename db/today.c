/*
 * today.c - today's numbers from the store (see today.h).
 */
#include "today.h"

#include <stdlib.h>
#include <string.h>

#include "clock.h"

static int left_of(int limit, int done)
{
    return limit > done ? limit - done : 0;
}

enum lp_code today_load(struct store *st, const struct config *cfg, int64_t now, struct today *t,
                        struct lp_err *err)
{
    memset(t, 0, sizeof *t);
    t->day = clock_day(now, cfg->rollover_hour);
    enum lp_code rc = cards_counts(st, now, cfg->rollover_hour, &t->decks, &t->n, err);
    if (rc == LP_OK)
        rc = cards_done_today(st, t->day, &t->done, err);
    if (rc == LP_OK)
        rc = cards_retention(st, t->day - 29, t->day, NULL, &t->ret_passed, &t->ret_total, err);
    if (rc != LP_OK) {
        today_free(t);
        return rc;
    }
    for (size_t i = 0; i < t->n; i++) {
        t->learn += t->decks[i].learn;
        t->review_raw += t->decks[i].review;
        t->fresh_raw += t->decks[i].fresh;
    }
    t->reviews_left = left_of(cfg->reviews_per_day, t->done.reviews_done);
    t->new_left = left_of(cfg->new_per_day, t->done.new_done);
    t->review = t->review_raw < t->reviews_left ? t->review_raw : t->reviews_left;
    t->fresh = t->fresh_raw < t->new_left ? t->fresh_raw : t->new_left;
    t->streak = cards_streak(st, t->day);
    /* A new card takes about three answers on its first day (learning steps). */
    double answers = t->learn + t->review + 3.0 * t->fresh;
    t->minutes = answers * cards_seconds_per_answer(st, t->day) / 60.0;
    return LP_OK;
}

void today_free(struct today *t)
{
    free(t->decks);
    t->decks = NULL;
    t->n = 0;
}

void today_section(const struct today *t, const char *section, int *learn, int *review,
                   int *fresh)
{
    *learn = *review = *fresh = 0;
    for (size_t i = 0; i < t->n; i++) {
        if (strcmp(t->decks[i].section, section) != 0)
            continue;
        *learn += t->decks[i].learn;
        *review += t->decks[i].review;
        *fresh += t->decks[i].fresh;
    }
}
