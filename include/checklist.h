/*
 * checklist.h - the readiness checklist: answers, the live score, evidence from
 * the study record, saved assessments and their trend.
 *
 * Two variants of one checklist, each a `struct checklist_view`:
 *
 *   full   items ticked yes (1) or no (0); the score is the sum of the ticked
 *          items' points (the bundled list: 20 items x 5 = 100).  The band is the
 *          one whose min is the highest not above the score.
 *   quick  items rated 1-5 (0 = not rated yet); each item is worth 5, so the
 *          score is the sum of ratings out of 5 x items (bundled: 12 items, 60).
 *          The band is chosen by the score scaled to the full list's total,
 *          i.e. percent = round(100 x sum / max) when that total is 100, so the
 *          same bands and advice serve both.  A quick assessment can be saved
 *          only when every item is rated.
 *
 * percent = round(100 x score / max) for both.  The weakest category is the one
 * with the lowest score / max (ties go to the first in checklist order).
 *
 * Evidence.  An item's `evidence` keys name what the study record says about it;
 * each is computed as of study day `today` and judged:
 *
 *   retention:TAG, deck:DECK  true retention over the last 30 study days: the
 *          share of study answers on review-state cards (tagged TAG, or in DECK)
 *          graded Hard or better.  AGAINST a tick when there were no such reviews
 *          or when there were >= 10 and retention < 0.80; SUPPORTS an untick when
 *          >= 20 reviews kept retention >= 0.90.
 *   papers-read   papers marked read or summarised.  AGAINST a tick at 0;
 *          SUPPORTS an untick at >= 10.
 *   mocks  oral mock quizzes with at least one answer; a mock's score is
 *          points / (2 x answers) (right 2, partly 1, wrong 0); judged on the mean
 *          of the last 3.  AGAINST a tick when mean < 50%; SUPPORTS an untick when
 *          >= 2 mocks and mean >= 80%.  No mocks: neutral.
 *   plan   the active plan (plan.h).  AGAINST a tick when no plan is active, or it
 *          is >= 3 milestones behind; SUPPORTS an untick when it is running
 *          (week 1..N) and not behind.
 *   drills:DECK  distinct cards of DECK answered in study in the last 90 days,
 *          and the share of those answers graded Hard or better.  Drills are
 *          practice, not proof, so they never SUPPORT an untick; AGAINST a tick
 *          when >= 10 answers passed < 50%.
 *   anything else: shown, never judged.
 *
 * Conflicts.  A ticked item (quick: rated 4-5) with any AGAINST evidence, and an
 * unticked item (quick: rated 1-2; full: not ticked, answered or not) with at
 * least one SUPPORTS and no AGAINST, get a plain `conflict` sentence.
 *
 * The measuring and judging of evidence is in evidence.h.  Functions taking a
 * store read or write it; checklist_rescore() and checklist_conflict_text() are
 * pure, so a screen can re-score as the user ticks.
 */
#ifndef LP_CHECKLIST_H
#define LP_CHECKLIST_H

#include <stddef.h>
#include <stdint.h>

#include "store.h"

#define CHECKLIST_ID_MAX 65
#define CHECKLIST_MAX_EVIDENCE 6

/* Thresholds (see above). */
#define CHECKLIST_RETENTION_DAYS 30
#define CHECKLIST_RETENTION_MIN_REVIEWS 10
#define CHECKLIST_RETENTION_WEAK 0.80
#define CHECKLIST_RETENTION_STRONG_REVIEWS 20
#define CHECKLIST_RETENTION_STRONG 0.90
#define CHECKLIST_PAPERS_STRONG 10
#define CHECKLIST_MOCKS_LAST 3
#define CHECKLIST_MOCKS_WEAK 0.50
#define CHECKLIST_MOCKS_STRONG 0.80
#define CHECKLIST_PLAN_BEHIND 3
#define CHECKLIST_DRILL_DAYS 90
#define CHECKLIST_DRILL_MIN_ANSWERS 10
#define CHECKLIST_DRILL_WEAK 0.50

enum checklist_kind { CHECKLIST_FULL = 0, CHECKLIST_QUICK = 1 };

enum checklist_ev_kind {
    CHECKLIST_EV_RETENTION, /* retention:TAG */
    CHECKLIST_EV_DECK,      /* deck:DECK */
    CHECKLIST_EV_PAPERS,    /* papers-read */
    CHECKLIST_EV_MOCKS,     /* mocks */
    CHECKLIST_EV_PLAN,      /* plan */
    CHECKLIST_EV_DRILLS,    /* drills:DECK */
    CHECKLIST_EV_OTHER,
};

enum checklist_verdict {
    CHECKLIST_AGAINST = -1, /* the record contradicts a tick */
    CHECKLIST_NEUTRAL = 0,
    CHECKLIST_SUPPORTS = 1, /* the record is strong enough to contradict an untick */
};

struct checklist_evidence {
    char key[80]; /* as in the content: "retention:derivation" */
    enum checklist_ev_kind kind;
    char arg[CHECKLIST_ID_MAX];             /* TAG or DECK, "" otherwise */
    int count;                              /* reviews, papers read, mocks, answers (drills) */
    int distinct;                           /* drills: distinct cards; papers: papers in the list */
    double value;                           /* retention / mean mock score / drill pass share, 0-1;
                                               -1 when there is nothing to measure */
    int plan_week, plan_weeks, plan_behind; /* plan: plan_weeks 0 when none is active */
    enum checklist_verdict verdict;
    char text[200]; /* what the record shows, e.g. "derivation cards:
                       retention 0.85 over 24 reviews in the last 30 days" */
    char why[200];  /* when AGAINST or SUPPORTS: the reason as a clause,
                       e.g. "retention on derivation cards is 0.72 over 14
                       reviews (below 0.80)"; "" when NEUTRAL */
};

struct checklist_item {
    char id[CHECKLIST_ID_MAX];
    char category[CHECKLIST_ID_MAX];
    char text[512];
    int points;      /* full: the item's points; quick: 5 */
    int value;       /* full: 0/1; quick: 0 (unrated) or 1-5 */
    int64_t updated; /* when answered (unix seconds), 0 never */
    struct checklist_evidence ev[CHECKLIST_MAX_EVIDENCE];
    int n_ev;
    char conflict[320]; /* "" when the record agrees (or cannot tell) */
};

struct checklist_category {
    char id[CHECKLIST_ID_MAX];
    char title[128];
    int score, max;
    size_t first, n; /* its items: items[first .. first + n - 1] */
};

struct checklist_band {
    int min;
    char label[128];
    char advice[1024];
};

struct checklist_view {
    char id[CHECKLIST_ID_MAX];
    char title[256];
    enum checklist_kind kind;
    int full_max;                 /* the full list's total, which bands are written for */
    struct checklist_item *items; /* checklist order, grouped by category */
    size_t n_items;
    struct checklist_category *cats;
    size_t n_cats;
    struct checklist_band *bands; /* highest min first */
    size_t n_bands;
    /* From checklist_rescore(): */
    int score, max, percent;
    int rated;     /* items answered (quick: rated 1-5; full: ticked) */
    int band;      /* index into bands, -1 when none */
    int weakest;   /* index into cats, -1 when none */
    int conflicts; /* items with a conflict */
};

struct checklist_assessment {
    int64_t id;
    char checklist[CHECKLIST_ID_MAX];
    enum checklist_kind kind;
    int64_t time;
    int32_t day;
    int score, max, percent;
    char band[128];
    int has_prev; /* 1 when an earlier assessment of the same kind exists */
    int change;   /* percent minus the previous one's (same kind) */
};

struct checklist_history {
    struct checklist_assessment *a; /* oldest first */
    size_t n;
};

const char *checklist_kind_name(enum checklist_kind k); /* "full", "quick" */

/*
 * Load a checklist (id NULL: the first live one by id) in one variant, with the
 * learner's answers and the evidence as of `now` (study days by rollover_hour),
 * scored.  LP_ENOTFOUND when there is no such checklist (or it has no quick
 * variant).  Free with checklist_free().
 */
enum lp_code checklist_load(struct store *st, const char *id, enum checklist_kind kind, int64_t now,
                            int rollover_hour, struct checklist_view *out, struct lp_err *err);
void checklist_free(struct checklist_view *v);

/* Recompute categories, score, percent, band, weakest and every conflict from
 * the items' values and judged evidence.  Pure. */
void checklist_rescore(struct checklist_view *v);

/* Write item's conflict sentence (or "") into buf.  Pure; returns 1 if any. */
int checklist_conflict_text(const struct checklist_item *it, enum checklist_kind kind, char *buf,
                            size_t size);

/* The item with this id in v, or NULL. */
struct checklist_item *checklist_find(struct checklist_view *v, const char *id);

/* Whether item_id is a full or a quick item; -1 with err filled (LP_ENOTFOUND
 * for an unknown or retired item). */
int checklist_item_kind(struct store *st, const char *item_id, struct lp_err *err);

/*
 * Record the answer to one item at now: full items take 0/1, quick items 1-5.
 * LP_ENOTFOUND for an unknown item, LP_EINVAL for a value out of range.
 * *quick (may be NULL) tells which kind of item it was.
 */
enum lp_code checklist_set(struct store *st, const char *item_id, int value, int64_t now,
                           int *quick, struct lp_err *err);

/*
 * Store v (as scored) as a dated assessment with its items, in one transaction.
 * LP_ESTATE for a quick assessment with unrated items.  The new row goes to out
 * (may be NULL), with its change against the previous one of the same kind.
 */
enum lp_code checklist_save(struct store *st, const struct checklist_view *v, int64_t now,
                            int rollover_hour, struct checklist_assessment *out,
                            struct lp_err *err);

/*
 * Every assessment of checklist id (NULL: every checklist), oldest first, each
 * with its change since the previous one of the same checklist and kind.  Free
 * with checklist_history_free().
 */
enum lp_code checklist_history(struct store *st, const char *id, struct checklist_history *out,
                               struct lp_err *err);
void checklist_history_free(struct checklist_history *h);

#endif
