/*
 * rederive.h - re-derive every card's memory from its review history, after new
 * FSRS-6 weights are applied (a refit), so that the stored stability and
 * difficulty are the ones the new weights give and not a mix of old and new.
 *
 * The rule, per card:
 *
 *  - History: the card's answers that went through the scheduler (modes study
 *    and cram; mock answers never touch a card), in time order, from the last one
 *    given to the card as New: a reset to new (browse R) starts a fresh history.
 *    A card that is New now (never answered, or reset since) is left alone, and
 *    so is one whose history does not start from New (there is nothing sound to
 *    replay it from).
 *  - Replay: from a New card, each answer through sched_answer() at its own time
 *    with the given settings, so same-day reviews use FSRS-6's short-term formula
 *    and the fuzz is the scheduler's (seeded by card and review count) -- the
 *    very computation cards_answer() made, only with the new weights.
 *  - What changes: stability and difficulty become the replay's.  The due date
 *    of a card in Review becomes the replay's last answer's: its last review plus
 *    the interval the new stability gives at the configured retention, fuzzed and
 *    ordered as the scheduler does, shortened by the date-aware mode when it is on
 *    (cards_date_adjust).  If the replay does not end in Review (the learning
 *    steps were changed since), the due is last review + the unfuzzed interval.
 *    Re-deriving never takes a card out of today's queue: a card due before the
 *    end of the current study day (overdue, due today, or a mock's miss sent to
 *    study) keeps its due date when the new one is later.  Cards in (re)learning
 *    keep their step's due.  State, step, reps, lapses, last review, leech and
 *    suspension are not changed; the review log is never touched.
 *
 * With the weights a card was answered with, the replay gives back exactly the
 * stored card (the tests check this), so re-deriving is safe to repeat.
 */
#ifndef LP_REDERIVE_H
#define LP_REDERIVE_H

#include <stddef.h>
#include <stdint.h>

#include "config.h"
#include "sched.h"
#include "store.h"

struct rederive_answer {
    int64_t time; /* unix seconds */
    int grade;    /* 1-4 */
};

/*
 * Replay answers a[0..n-1] (n >= 1, time order, a[0] given to a New card) on a
 * card whose fuzz id is fuzz_id (struct sched_card.id) under prepared settings
 * sc; *last is the scheduler's result of the last answer (last->card is the card
 * after it).  Pure.  LP_EINVAL for n == 0 or a bad grade.
 */
enum lp_code rederive_card(const struct sched_config *sc, int64_t fuzz_id,
                           const struct rederive_answer *a, size_t n, struct sched_result *last,
                           struct lp_err *err);

struct rederive_stats {
    long cards;   /* cards re-derived (written) */
    long answers; /* answers replayed for them */
    long moved;   /* of those cards, how many got another due date */
    long skipped; /* cards not New whose history could not be replayed */
};

/*
 * Re-derive every card by the rule above under cfg (its params are the weights
 * to use: pass the config the scheduler will use from now on) at time `now`, in ONE
 * transaction: on any failure nothing is changed.  If activate_fit > 0, the same
 * transaction makes that fsrs_fits row the one active fit (LP_ENOTFOUND if there
 * is none), so a fit is never active without the states it implies, nor the
 * reverse.  out may be NULL.  LP_EDB, LP_ENOMEM, LP_EINVAL (bad settings).
 */
enum lp_code rederive_all(struct store *st, const struct config *cfg, int64_t now,
                          int64_t activate_fit, struct rederive_stats *out, struct lp_err *err);

#endif
