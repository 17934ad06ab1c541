/*
 * cards.h - cards in the store: today's counts, the study queue's candidates,
 * answering (one transaction per answer), undo, suspend, bury.
 *
 * "Today" is a study day (clock.h): it starts at the rollover hour.  A card is
 * available when it is not retired, not suspended, not buried today and, for a
 * reading-list question, its paper has been read.
 */
#ifndef LP_CARDS_H
#define LP_CARDS_H

#include <stddef.h>
#include <stdint.h>

#include "config.h"
#include "queue.h"
#include "sched.h"
#include "store.h"

enum card_state { CARD_NEW = 0, CARD_LEARNING = 1, CARD_REVIEW = 2, CARD_RELEARNING = 3 };

struct deck_counts {
    char deck[QUEUE_ID_MAX];
    char title[128];
    char section[24];
    int learn;   /* learning/relearning due by the end of today */
    int review;  /* review cards due today (before limits) */
    int fresh;   /* new cards available (before limits) */
    int total;   /* live cards in the deck */
};

struct day_done {
    int new_done;      /* new cards first answered today (study mode) */
    int reviews_done;  /* review-state cards answered today */
    int answers;       /* all study answers today */
    double seconds;    /* time spent answering today */
};

/* What the learner faces today, per deck.  *out is malloc'd (caller frees). */
enum lp_code cards_counts(struct store *st, int64_t now, int rollover_hour,
                          struct deck_counts **out, size_t *n, struct lp_err *err);

/* Work already done today. */
enum lp_code cards_done_today(struct store *st, int32_t today, struct day_done *out,
                              struct lp_err *err);

/* Consecutive study days ending today (or yesterday when nothing yet today). */
int cards_streak(struct store *st, int32_t today);

/* Mean seconds per answer over the last 30 days (20 when there is no history). */
double cards_seconds_per_answer(struct store *st, int32_t today);

/*
 * Build today's queue (learning due today, reviews due today, available new cards),
 * applying what is left of the daily limits in cfg.  focus_decks/focus_tags are
 * space-padded word lists (" a b ") from the plan, or NULL.
 */
enum lp_code cards_queue(struct store *st, const struct config *cfg, int64_t now,
                         const char *focus_decks, const char *focus_tags, struct queue *q,
                         struct lp_err *err);

/* A card's scheduling state as stored. */
struct card_row {
    char id[QUEUE_ID_MAX];
    char deck[QUEUE_ID_MAX];
    struct sched_card m;
    int suspended, leech, retired;
    int gated;              /* a reading-list question whose paper is not read yet */
    int32_t buried_day;
};

enum lp_code cards_get(struct store *st, const char *id, struct card_row *out,
                       struct lp_err *err);

struct answer_result {
    struct sched_card before, after;
    int32_t elapsed_days, scheduled_days;
    int became_leech;       /* this answer made it a leech: tagged and suspended */
    int64_t revlog_id;
};

/*
 * Record one answer: in one transaction, update the card with the scheduler's
 * result (cards_preview's, so the date-aware mode applies) and append a
 * review-log row (mode "study" or "cram"; "mock" answers go to the mock history
 * and never reach here).  Returns only after the commit.
 * correct: 1/0 from a machine check, -1 when there was none.
 * LP_ENOTFOUND for an unknown or retired card; LP_ESTATE for a suspended one.
 */
enum lp_code cards_answer(struct store *st, const struct config *cfg, const char *id, int grade,
                          int64_t now, int answer_ms, const char *mode, int correct,
                          struct answer_result *out, struct lp_err *err);

/*
 * Undo the most recent study answer: restore the card exactly as it was before
 * and delete the log row, in one transaction.  The card's id goes to id_out.
 * LP_ENOTFOUND when there is nothing to undo.
 */
enum lp_code cards_undo(struct store *st, char *id_out, size_t size, struct lp_err *err);

enum lp_code cards_set_suspended(struct store *st, const char *id, int on, struct lp_err *err);
enum lp_code cards_bury(struct store *st, const char *id, int32_t today, struct lp_err *err);

/* What a card says, for showing it.  Strings are malloc'd; free with cards_text_free. */
struct card_text {
    char id[QUEUE_ID_MAX];
    char deck[QUEUE_ID_MAX];
    char deck_title[128];
    char section[24];
    char topic[QUEUE_ID_MAX];
    char *q, *a, *code, *bug, *symptom, *fix; /* NULL when absent */
    char *check_spec;                          /* see checkspec.h; NULL when none */
    char *tags;                                /* " tag tag " */
    char *source;                              /* the content file it comes from */
    int level, seconds;
};

enum lp_code cards_text(struct store *st, const char *id, struct card_text *out,
                        struct lp_err *err);
void cards_text_free(struct card_text *t);

/*
 * True retention: of the answers to cards in review state (state_before = 2) on
 * study days [from_day, to_day], how many passed (grade > 1).  section may be NULL
 * for all cards.  Study mode only.
 */
enum lp_code cards_retention(struct store *st, int32_t from_day, int32_t to_day,
                             const char *section, int *passed, int *total, struct lp_err *err);

/*
 * The four answers to a card at `now` (out[g-1] for grade g), exactly as
 * cards_answer would record them: sched_preview under the user's settings, then
 * cards_date_adjust.  For the study screen's buttons, so a label never disagrees
 * with what the answer does.  LP_EINVAL from the scheduler, LP_EDB.
 */
enum lp_code cards_preview(struct store *st, const struct config *cfg,
                           const struct card_row *row, int64_t now, struct sched_result out[4],
                           struct lp_err *err);

/*
 * The date-aware mode: when cfg->interview_mode is on, the active plan has an
 * interview day and card `id` is an oral-quiz card (datemode_covers), each of the
 * n results going to Review gets datemode_interval's interval at
 * cfg->interview_retention, counted from the study day of `now` (due, delay and
 * scheduled_days change; memory, state and step do not).  Otherwise, or when
 * the rule keeps the interval, res is untouched: the default path is exactly
 * the scheduler's.  sc is the prepared config the results came from.
 */
enum lp_code cards_date_adjust(struct store *st, const struct config *cfg,
                               const struct sched_config *sc, const char *id, int64_t now,
                               struct sched_result *res, int n, struct lp_err *err);

/* Build (and prepare) the scheduler's settings from the user's config. */
enum lp_code cards_sched_config(const struct config *cfg, struct sched_config *out,
                                struct lp_err *err);

#endif
