/*
 * reading.h - the alignment reading list: papers, their status and notes.
 *
 * A paper moves through queued -> reading -> read -> summarised (any move is
 * allowed: the learner may step back).  A paper's key questions are cards whose
 * `gate` is the paper id; they become available for study (cards.h) once the
 * paper is read or summarised, and go out of the queue again if it is moved back
 * (their memory state is kept).  Notes are free text stored in papers.notes.
 *
 * Retired papers (removed from the content) are never listed.
 */
#ifndef LP_READING_H
#define LP_READING_H

#include <stddef.h>
#include <stdint.h>

#include "store.h"

#define READING_ID_MAX 65

enum reading_status {
    READING_QUEUED = 0,
    READING_READING = 1,
    READING_READ = 2,
    READING_SUMMARISED = 3,
};

struct reading_paper {
    char id[READING_ID_MAX];
    char title[256];
    char authors[512];
    char venue[128];
    char arxiv[32]; /* "" when none */
    char topic[READING_ID_MAX];
    int year;
    enum reading_status status;
    int64_t status_time; /* unix seconds of the last status change, 0 never */
    int questions;       /* live key questions (cards gated on this paper) */
    char *why;           /* malloc'd, never NULL */
    char *notes;         /* malloc'd, NULL when there are none */
};

struct reading_list {
    struct reading_paper *papers; /* in content order */
    size_t n;
};

struct reading_question {
    char id[READING_ID_MAX];
    char *q;       /* malloc'd */
    int state;     /* card state (0 new .. 3 relearning) */
    int available; /* 1 when it can be studied now */
};

/* "queued", "reading", "read", "summarised"; NULL for anything else. */
const char *reading_status_name(int status);
/* The status named s, or -1. */
int reading_status_parse(const char *s);

/*
 * Papers, filtered by topic (NULL = all) and status (-1 = all).  out is filled
 * (possibly empty); free with reading_list_free().
 */
enum lp_code reading_list(struct store *st, const char *topic, int status, struct reading_list *out,
                          struct lp_err *err);
void reading_list_free(struct reading_list *l);

/* One paper; LP_ENOTFOUND for an unknown id.  Free with reading_paper_free(). */
enum lp_code reading_get(struct store *st, const char *id, struct reading_paper *out,
                         struct lp_err *err);
void reading_paper_free(struct reading_paper *p);

/* The paper's key questions, in content order.  Free with reading_questions_free(). */
enum lp_code reading_questions(struct store *st, const char *id, int32_t today,
                               struct reading_question **out, size_t *n, struct lp_err *err);
void reading_questions_free(struct reading_question *q, size_t n);

/*
 * Set a paper's status (at now).  *unlocked (may be NULL) gets how many of its key
 * questions became available by this change (0 when none, or when they already
 * were).  LP_ENOTFOUND for an unknown paper, LP_EINVAL for a bad status.
 */
enum lp_code reading_set_status(struct store *st, const char *id, int status, int64_t now,
                                int *unlocked, struct lp_err *err);

/*
 * Replace a paper's notes.  Trailing blank space is dropped; notes that are then
 * empty (or NULL) clear the notes.  LP_ENOTFOUND for an unknown paper.
 */
enum lp_code reading_set_notes(struct store *st, const char *id, const char *notes,
                               struct lp_err *err);

/* Papers per status: counts[READING_QUEUED .. READING_SUMMARISED]. */
enum lp_code reading_counts(struct store *st, int counts[4], struct lp_err *err);

#endif
