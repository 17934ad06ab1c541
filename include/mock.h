/*
 * mock.h - the oral mock quiz: a timed session over the four oral sections whose
 * answers are kept as their own history (tables mocks and mock_answers) and never
 * touch the spaced-repetition schedule.
 *
 * Two files implement it: core/mock_pick.c (choosing and ordering the questions,
 * the median; pure logic, no database) and db/mock.c (the session's rows, the
 * results, sending the misses to study).
 *
 * A mock never writes the cards table nor the review log, with one explicit
 * exception: mock_send_misses(), which the user asks for on the results screen.
 *
 * Marks are stored in mock_answers.result as credit: 0 wrong, 1 partly right,
 * 2 right, so the score of an answer is result / 2.
 */
#ifndef LP_MOCK_H
#define LP_MOCK_H

#include <stddef.h>
#include <stdint.h>

#include "err.h"
#include "queue.h"
#include "store.h"

#define MOCK_N_SECTIONS 4
#define MOCK_ALL_SECTIONS 0xfu /* bit i = mock_section_ids[i] */
#define MOCK_MIN_MINUTES 5
#define MOCK_MAX_MINUTES 90

/* The oral sections in their usual order, and titles for the screen. */
extern const char *const mock_section_ids[MOCK_N_SECTIONS];
extern const char *const mock_section_titles[MOCK_N_SECTIONS];

/* Index of an oral section id, or -1. */
int mock_section_index(const char *id);

enum mock_mark { MOCK_WRONG = 0, MOCK_PARTLY = 1, MOCK_RIGHT = 2 };

struct mock_question {
    char id[QUEUE_ID_MAX];
    int section; /* index into mock_section_ids */
};

/* ---- core/mock_pick.c ---- */

/*
 * Order the questions of a session: only candidates whose section bit is set in
 * mask; round robin over the sections in their usual order (a section that runs
 * out is skipped); within a section a random order from `seed` (the same seed
 * always gives the same order).  out has room for n; returns how many it holds
 * (0 also when out of memory).
 */
size_t mock_pick(const struct mock_question *cands, size_t n, unsigned mask, uint64_t seed,
                 struct mock_question *out);

/* A seed from the session's start time (mixed, so nearby times differ a lot). */
uint64_t mock_pick_seed(int64_t started);

/* Median of ms[0..n) (sorts ms in place); the mean of the middle two for even n,
 * rounded down; 0 when n is 0. */
int64_t mock_median(int64_t *ms, size_t n);

/* ---- db/mock.c ---- */

/*
 * The questions a mock may ask: live cards (not retired, not suspended) of the
 * sections in mask, ordered by id.  *out is malloc'd (caller frees), NULL when
 * there are none.
 */
enum lp_code mock_candidates(struct store *st, unsigned mask, struct mock_question **out, size_t *n,
                             struct lp_err *err);

/* Start a mock: a row in mocks (finished NULL).  LP_EINVAL for minutes outside
 * MOCK_MIN_MINUTES..MOCK_MAX_MINUTES or an empty mask. */
enum lp_code mock_start(struct store *st, int64_t now, int minutes, unsigned mask, int64_t *mock_id,
                        struct lp_err *err);

/* Store one mark at once (committed on return).  LP_EINVAL for a bad mark or
 * section, LP_ENOTFOUND for an unknown or finished mock. */
enum lp_code mock_record(struct store *st, int64_t mock_id, const char *card_id, int section,
                         enum mock_mark mark, int answer_ms, int64_t now, struct lp_err *err);

/*
 * End a mock: set finished.  A mock with no answer at all is not worth keeping
 * and is deleted instead (*kept = 0; kept may be NULL).  Finishing a finished mock
 * changes nothing.
 */
enum lp_code mock_finish(struct store *st, int64_t mock_id, int64_t now, int *kept,
                         struct lp_err *err);

struct mock_tally {
    int asked, right, partly, wrong;
    double score;      /* right + partly / 2 */
    int64_t median_ms; /* median answer time; 0 when nothing was asked */
};

struct mock_miss {
    char id[QUEUE_ID_MAX];
    int section;
    enum mock_mark mark; /* MOCK_WRONG or MOCK_PARTLY */
    int answer_ms;
    char q[256]; /* the question, cropped to 120 columns */
};

struct mock_results {
    int64_t id, started, finished; /* finished 0 while running */
    int minutes;
    unsigned mask;
    struct mock_tally sec[MOCK_N_SECTIONS], total;
    struct mock_miss *misses; /* in the order asked; malloc'd */
    size_t n_misses;
};

/* The results of a mock.  Free with mock_results_free. */
enum lp_code mock_results(struct store *st, int64_t mock_id, struct mock_results *out,
                          struct lp_err *err);
void mock_results_free(struct mock_results *r);

/*
 * The mocks with at least one answer, newest first (a mock cut short by a crash
 * is listed with finished 0 in its results).  *out is malloc'd (caller frees;
 * NULL when there are none).
 */
enum lp_code mock_list(struct store *st, int64_t **out, size_t *n, struct lp_err *err);

/*
 * Send a mock's misses (wrong and partly right) to study: those in learning,
 * review or relearning state that are due later than now become due now, so they
 * come up today.  New cards are left as they are (they come in with the new-card
 * budget), and nothing else of a card changes.  One transaction.  *moved (may be
 * NULL) gets the number of cards moved, *left_new the misses that are new cards.
 */
enum lp_code mock_send_misses(struct store *st, int64_t mock_id, int64_t now, int *moved,
                              int *left_new, struct lp_err *err);

#endif
