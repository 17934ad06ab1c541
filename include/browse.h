/*
 * browse.h - the card browser's queries: live cards by search text, state and
 * section; one card's review history; resetting a card to new.
 *
 * Searching is done in C rather than with SQL LIKE, because LIKE folds case
 * for ASCII only and the cards are full of σ, Σ and friends: every word of the
 * search must occur, case-insensitively (towlower under the current locale),
 * in the card's question, answer, tags or id.
 */
#ifndef LP_BROWSE_H
#define LP_BROWSE_H

#include <stddef.h>
#include <stdint.h>

#include "err.h"
#include "queue.h"
#include "store.h"

enum browse_filter {
    BROWSE_ALL,       /* every live card */
    BROWSE_DUE,       /* learning, review or relearning, due by the end of today, not
                         suspended */
    BROWSE_NEW,       /* never studied */
    BROWSE_SUSPENDED, /* suspended by hand or as a leech */
    BROWSE_LEECH,     /* tagged leech */
    BROWSE_N_FILTERS
};

/* "all", "due", "new", "suspended", "leech". */
const char *browse_filter_name(enum browse_filter f);

struct browse_query {
    const char *text; /* words to find; NULL or "" for any card */
    enum browse_filter filter;
    const char *section; /* a section id, or NULL for all */
    int64_t now;         /* for BROWSE_DUE */
    int rollover_hour;
};

struct browse_row {
    char id[QUEUE_ID_MAX];
    char deck[QUEUE_ID_MAX];
    char section[24];
    int state;   /* enum card_state */
    int64_t due; /* unix seconds; meaningless for new cards */
    int suspended, leech;
    char q[256]; /* the question, cropped to 120 columns */
};

/*
 * Live (not retired) cards matching q, in content order (section, deck, position).
 * *out is malloc'd (caller frees; NULL when none).
 */
enum lp_code browse_search(struct store *st, const struct browse_query *q, struct browse_row **out,
                           size_t *n, struct lp_err *err);

/* 1 when every space-separated word of `words` occurs in hay, case-insensitively;
 * 1 for no words. */
int browse_match(const char *hay, const char *words);

struct browse_review {
    int64_t time;
    int32_t day; /* study day */
    int grade;   /* 1-4 */
    int state_before, state_after;
    int64_t interval; /* seconds from the answer to the next due date */
    int answer_ms;
    char mode[8]; /* "study" or "cram" */
};

/* A card's review log, oldest first.  *out is malloc'd (caller frees). */
enum lp_code browse_history(struct store *st, const char *id, struct browse_review **out, size_t *n,
                            struct lp_err *err);

/*
 * Forget a card's memory state: state new, stability, difficulty, due, last
 * review, reps, lapses and step 0, leech cleared (and its tag removed).  Its
 * review history is kept, and so are suspension and burying.  One transaction.
 * LP_ENOTFOUND for an unknown or retired card.
 */
enum lp_code browse_reset(struct store *st, const char *id, struct lp_err *err);

#endif
