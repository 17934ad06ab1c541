/*
 * queue.h - today's study order, computed from candidate cards (no I/O).
 *
 * Learning and relearning cards come back as soon as their step is due.  Review
 * cards due today are served most overdue first, up to the daily review limit.
 * New cards, up to the daily new limit, are interleaved across topics (round
 * robin, each topic in file order) rather than served deck by deck; topics and
 * decks in the plan's focus go first.  New cards are spread evenly through the
 * reviews, as Anki's "mix new cards with reviews".
 */
#ifndef LP_QUEUE_H
#define LP_QUEUE_H

#include <stddef.h>
#include <stdint.h>

#define QUEUE_ID_MAX 65

struct queue_card {
    char id[QUEUE_ID_MAX];
    char deck[QUEUE_ID_MAX];
    char topic[QUEUE_ID_MAX];
    int state;          /* 0 new, 1 learning, 2 review, 3 relearning */
    int64_t due;
    int position;       /* order within its deck */
    int focus;          /* 1 when the plan's current week focuses on it */
};

struct queue {
    struct queue_card *learn;   /* learning/relearning, by due */
    size_t n_learn;
    struct queue_card **main;   /* reviews and new, in serving order */
    size_t n_main, next_main;
    struct queue_card *cards;   /* storage for every candidate */
    size_t n_cards;
    size_t n_review, n_new;     /* how many of each are in main */
    struct queue_card **returned; /* cards given back by queue_return (owned) */
    size_t n_returned;
};

/*
 * Build the queue from candidates (copied; the caller keeps its array).
 * reviews_left and new_left are what remains of today's limits.
 * Returns 0, or -1 when out of memory.  Free with queue_free().
 */
int queue_build(struct queue *q, const struct queue_card *cands, size_t n, int reviews_left,
                int new_left);
void queue_free(struct queue *q);

/*
 * The next card to show at time now (NULL when nothing is left): a learning card
 * whose step is due, else the next of main, else (when main is empty) a learning
 * card due later today, as Anki's learn-ahead does.  `skip` (may be NULL) is an id
 * not to serve twice in a row when something else is available.
 * The returned card is removed from the queue; the pointer stays valid until the
 * next call on this queue.
 */
const struct queue_card *queue_next(struct queue *q, int64_t now, int64_t day_end,
                                    const char *skip);

/* Put a card back at the front of the main list (after an undo). */
int queue_return(struct queue *q, const struct queue_card *c);

/* Put a card (back) into the learning list, e.g. after an Again. */
int queue_push_learning(struct queue *q, const struct queue_card *c);

/* Cards still waiting: learning, reviews, new. */
void queue_counts(const struct queue *q, size_t *learn, size_t *review, size_t *fresh);

#endif
