/*
 * report.h - the weekly review: what the last seven study days held, computed
 * from the database, as one plain struct a screen or a writer (report_fmt.h)
 * can render.
 *
 * The week is the 7 study days end_day - 6 .. end_day (clock.h days).  Its parts:
 *
 *   days       per day: answers (every study or cram answer), minutes (the sum
 *              of answer times, each capped at REPORT_MAX_ANSWER_MS), new cards
 *              (first answers) and review-state answers
 *   retention  true retention per section and overall: the share of study
 *              answers on review-state cards (state_before = 2) graded Hard or
 *              better, against the desired retention; -1 when there were none
 *   topics     new cards learned (first answered) this week, per topic
 *   leeches    every live card marked leech, flagged when it became one this
 *              week (its lapse that made it a leech was answered this week)
 *   mocks      the last REPORT_MOCKS oral mocks started up to the week's end,
 *              newest first, each with its score (points / (2 x answers)); trend
 *              = newest score minus the one before, in percentage points
 *   checklist  the latest assessment up to the week's end and the change against
 *              the one before it of the same kind
 *   plan       the plan week containing end_day: its milestones with done flags
 *              ("planned"), and the milestones ticked during the 7 days ("done")
 *   heatmap    16 weeks x 7 days (Monday first), the last column holding
 *              end_day; days after end_day are -1.  Levels 0 (no answers) and
 *              1-4 by quartile of the days with answers (nearest-rank: level 1
 *              up to the first quartile, 2 up to the median, 3 up to the third
 *              quartile, 4 above)
 *   forecast   for each of the 7 days after end_day, the live cards due that day
 *              (review, learning and relearning; cards due earlier, i.e.
 *              overdue, count on the first day), from the cards as they are now
 *   next week  the plan's next week (current + 1; week 1 before the start) with
 *              its theme and milestones; none once the plan is in its last week
 *   calibration predicted against actual recall (calib.h) of the latest
 *              CALIBLOAD_RECENT study answers to cards in review up to end_day
 *              (calibload.h): not only this week's, as a week has too few
 */
#ifndef LP_REPORT_H
#define LP_REPORT_H

#include <stddef.h>
#include <stdint.h>

#include "calib.h"
#include "checklist.h"
#include "config.h"
#include "plan.h"
#include "store.h"

#define REPORT_DAYS 7
#define REPORT_HEAT_WEEKS 16
#define REPORT_MOCKS 5
#define REPORT_MAX_ANSWER_MS 120000
#define REPORT_ID_MAX 65

struct report_day {
    int32_t day;
    int answers, reviews, fresh; /* all answers, review-state answers, new cards */
    double minutes;
};

struct report_retention {
    char section[REPORT_ID_MAX]; /* "" for the overall row */
    int reviews, passed;
    double retention; /* passed / reviews, -1 when no reviews */
};

struct report_topic {
    char topic[REPORT_ID_MAX];
    int learned;
};

struct report_leech {
    char id[REPORT_ID_MAX];
    char deck[REPORT_ID_MAX];
    int lapses;
    int this_week; /* became a leech during the week */
};

struct report_mock {
    int64_t id;
    int32_t day;
    int answers, points; /* points: 2 right, 1 partly, 0 wrong */
    double score;        /* points / (2 x answers), 0-1 */
    int in_week;         /* started during the week */
};

struct report_milestone {
    char id[REPORT_ID_MAX];
    int week;
    char text[512];
    int done;
    int done_in_week; /* ticked during the 7 days */
};

struct report_week {
    int32_t start_day, end_day;
    double target; /* desired retention */

    struct report_day days[REPORT_DAYS];
    int answers, reviews, fresh, study_days;
    double minutes;

    struct report_retention *retention; /* per section (study order), then overall */
    size_t n_retention;                 /* >= 1: the last row is the overall one */

    struct report_topic *topics; /* most learned first */
    size_t n_topics;

    struct report_leech *leeches; /* new this week first, then by lapses */
    size_t n_leeches;
    int new_leeches;

    struct report_mock mocks[REPORT_MOCKS]; /* newest first */
    size_t n_mocks;
    int mocks_in_week;
    int has_mock_trend;
    double mock_trend; /* newest minus previous score, percentage points */

    int has_assessment, has_prev_assessment;
    struct checklist_assessment assessment; /* latest up to end_day */
    struct checklist_assessment prev;       /* the one before, same kind */

    int has_plan;
    char track[REPORT_ID_MAX];
    int plan_week, plan_weeks, plan_behind; /* at end_day */
    char theme[256];
    struct report_milestone *planned; /* the current week's milestones */
    size_t n_planned;
    int planned_done;
    int done_in_week; /* milestones of any week ticked in the 7 days */

    int has_next_week;
    int next_week;
    char next_theme[256];
    struct report_milestone *next;
    size_t n_next;

    int heat[7][REPORT_HEAT_WEEKS];       /* answers; -1 after end_day */
    int heat_level[7][REPORT_HEAT_WEEKS]; /* 0-4; -1 after end_day */
    int32_t heat_first_day;               /* the Monday of the first column */
    int heat_q[3];                        /* the quartile thresholds used */

    int forecast[REPORT_DAYS]; /* cards due on end_day + 1 + i */
    int forecast_total;

    struct calib calib; /* predicted against actual recall */
};

/*
 * Compute the review of the 7 study days ending on end_day, with the user's
 * settings (desired retention, rollover hour).  Free with report_free().
 */
enum lp_code report_week(struct store *st, const struct config *cfg, int32_t end_day,
                         struct report_week *out, struct lp_err *err);
void report_free(struct report_week *r);

/* Heat level 0-4 of count given quartile thresholds q[3] (pure; -1 stays -1). */
int report_heat_level(int count, const int q[3]);

/* Monday-first weekday (0 = Monday .. 6 = Sunday) of a day number (pure). */
int report_weekday(int32_t day);

#endif
