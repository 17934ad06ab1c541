/*
 * datemode.h - the date-aware rule: aim a card at the interview date.
 *
 * With an interview on study day I and a target recall T (0.95 by default), an
 * interval given to a card on study day `day` is kept unless it reaches the
 * interview (day + interval >= I) while the card's recall on interview day,
 * R(I - day), would be below T.  Then the interval becomes the longest whole
 * number of days at which R is still at least T (the interval "at retention T",
 * rounded down, at least one day), never longer than the interval it replaces.
 * (The scheduler then spreads a cut interval downwards with sched_fuzz_down(),
 * which keeps that promise; the simulator does not fuzz.)
 * So a card comes back before the interview while it is still recalled with
 * probability >= T, and each review repeats the rule until the last review
 * before the date leaves R(I) >= T.  On and after the interview day the normal
 * interval stands: the usual retention resumes.
 *
 * One rule for both users of it: the scheduler (cards.h applies it to answers
 * when config.yaml sets interview_mode) and the interview simulator (simulate.h,
 * its date-aware policy).  The forgetting curve is FSRS-6's, from the prepared
 * weights (fsrs_grad.h).
 *
 * Which cards: those of the oral quiz, i.e. the sections mathematics,
 * statistics, computer-science and machine-learning (the ones the mock quiz
 * draws from).  Not the plan's focus decks, which change every week: a card
 * learned in week 2 must still be known on interview day.
 *
 * Nothing here allocates, prints or fails.
 */
#ifndef LP_DATEMODE_H
#define LP_DATEMODE_H

#include <stdint.h>

#include "fsrs_grad.h"

/*
 * The interval to use instead of `ivl` (days, >= 1) for a card of stability s
 * reviewed on `day`, by the rule above.  target <= 0 turns the rule off (ivl is
 * returned).  The result is in [1, ivl].
 */
int datemode_interval(const struct fsrs_grad_w *k, double s, int ivl, double target, int32_t day,
                      int32_t interview);

/* 1 when cards of this section are aimed at the interview (see above). */
int datemode_covers(const char *section);

#endif
