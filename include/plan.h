/*
 * plan.h - the twelve-week roadmap planner: one active plan, its weeks and
 * milestones, how far behind the learner is, and what to do today.
 *
 * A plan follows one roadmap track (content/roadmaps/TRACK.yaml) from a start day.
 * Plan weeks are counted from the start day, not from calendar Mondays: a plan
 * started on a Wednesday has weeks running Wednesday to Tuesday.
 *
 *   current week  0 before the start day; 1..weeks while it runs;
 *                 weeks + 1 once the last week is over ("finished")
 *   due           milestones of the weeks before the current one plus those of
 *                 the current week (all of them once finished)
 *   behind        milestones of the weeks before the current one that are not
 *                 done (the current week's are not late until the week ends)
 *   ahead         milestones of weeks after the current one already done
 *   countdown     interview day minus today: > 0 in the future, 0 today,
 *                 < 0 once it has passed
 *
 * Only one plan is active (a unique index enforces it).  Starting a plan ends the
 * active one, which stays in the plans table as history with its milestones.
 *
 * Days are study days (clock.h).  Every function that writes is one transaction.
 */
#ifndef LP_PLAN_H
#define LP_PLAN_H

#include <stddef.h>
#include <stdint.h>

#include "store.h"

#define PLAN_NO_DAY INT32_MIN /* no interview day */
#define PLAN_ID_MAX 65
#define PLAN_WORDS_MAX 512 /* " a b c " focus lists */

struct plan_milestone {
    char id[PLAN_ID_MAX];
    int week;
    char text[512];
    int done;
    int64_t done_time; /* unix seconds, 0 when not done */
};

struct plan_week {
    int week; /* 1-based */
    char theme[256];
    char focus_decks[PLAN_WORDS_MAX]; /* " a b " or " " */
    char focus_tags[PLAN_WORDS_MAX];
    size_t first, n; /* its milestones: ms[first .. first + n - 1] */
    int done;        /* how many of them are done */
};

struct plan_status {
    int active; /* 0: no active plan; every other field is zero */
    int64_t id;
    char track[PLAN_ID_MAX];
    char title[256];
    int32_t start_day;
    int32_t interview_day; /* PLAN_NO_DAY when none */
    int32_t today;
    int weeks;       /* weeks in the roadmap */
    int week;        /* current week, see above */
    int day_of_week; /* 1-7 inside a week, 0 before start or once finished */
    int total, done, due, behind, ahead;
    int countdown;        /* meaningful only when interview_day != PLAN_NO_DAY */
    struct plan_week *wk; /* wk[0 .. n_weeks - 1], week i + 1 */
    size_t n_weeks;
    struct plan_milestone *ms; /* in week order, then file order */
    size_t n_ms;
    char today_line[640]; /* one sentence: what to do today */
};

/* Study day of a date "YYYY-MM-DD" (or "today").  LP_EINVAL with a message. */
enum lp_code plan_parse_day(const char *s, int32_t today, int32_t *day, struct lp_err *err);

/* Current week number for a plan (see above); pure. */
int plan_week_of(int32_t start_day, int weeks, int32_t today);

/*
 * The live roadmap tracks as "post-training, re, rs" (sorted) into buf.
 * Returns how many there are, or -1 with err filled.
 */
int plan_tracks(struct store *st, char *buf, size_t size, struct lp_err *err);

/*
 * Start a plan on `track` from start_day (interview_day may be PLAN_NO_DAY).  The
 * active plan, if any, is ended (kept as history); its id goes to *ended_id
 * (0 when there was none; ended_id may be NULL).  Refused with LP_EINVAL: an
 * unknown track (the message lists the known ones), an interview day before the
 * start day, or an interview day already past (before today).
 */
enum lp_code plan_start(struct store *st, const char *track, int32_t start_day,
                        int32_t interview_day, int64_t now, int32_t today, int64_t *plan_id,
                        int64_t *ended_id, struct lp_err *err);

/*
 * Set (or with PLAN_NO_DAY clear) the interview day of the active plan, keeping its
 * milestones.  LP_ENOTFOUND when no plan is running; LP_EINVAL for a day before
 * the plan's start or already past.
 */
enum lp_code plan_set_interview(struct store *st, int32_t interview_day, int32_t today,
                                struct lp_err *err);

/*
 * The active plan as of study day `today`.  out->active is 0 when there is none
 * (not an error).  out's arrays are malloc'd: free with plan_status_free().
 */
enum lp_code plan_status(struct store *st, int32_t today, struct plan_status *out,
                         struct lp_err *err);
void plan_status_free(struct plan_status *s);

/* The milestone with this id in s, or NULL. */
const struct plan_milestone *plan_find(const struct plan_status *s, const char *id);

/*
 * Mark a milestone of the active plan done (done = 1, at `now`) or not done
 * (done = 0).  *changed (may be NULL) is set to 0 when it already was so.
 * LP_ESTATE when no plan is active; LP_ENOTFOUND when the id is not a milestone
 * of the active plan's track.
 */
enum lp_code plan_mark(struct store *st, const char *milestone_id, int done, int64_t now,
                       int *changed, struct lp_err *err);

/*
 * The current week's focus as space-padded word lists (" a b "), ready for
 * cards_queue()'s focus_decks and focus_tags.  Both are "" when no plan is
 * active or the plan is not running (before its start, after its end), which
 * cards_queue() treats as no focus.
 */
enum lp_code plan_focus(struct store *st, int32_t today, char *decks, size_t dsize, char *tags,
                        size_t tsize, struct lp_err *err);

/*
 * One line for the home screen and `labprep status`, e.g.
 * "plan: rs week 3 of 12, 2 milestones behind" (or "on schedule", "starts
 * 2026-02-02", "finished"), plus ", interview in 40 days" when there is one.
 * Writes "" when no plan is active.  Pure.
 */
void plan_headline(const struct plan_status *s, char *buf, size_t size);

#endif
