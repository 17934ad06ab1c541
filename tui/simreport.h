/*
 * simreport.h - what each retention target costs until the interview: the
 * simulator (simulate.h) run on the database's cards for a few policies, and the
 * table it makes.  Shared by `labprep fsrs simulate` (cmd_simulate.c) and the
 * tutor's targets screen (view_targets.c, `t` on the plan screen).
 *
 * The interview day is the given one or the active plan's.  The cards are the
 * database's (not retired, not suspended; one deck if asked).  The weights are
 * the active fitted set, else the config's params, else the defaults; grade
 * frequencies come from the study log.
 */
#ifndef LP_SIMREPORT_H
#define LP_SIMREPORT_H

#include <stdio.h>

#include "app.h"
#include "simulate.h"

#define SIMREPORT_MAX_POLICIES 9

struct simreport_args {
    const char *interview;   /* a date, or NULL for the active plan's */
    const char *deck;        /* NULL: every deck */
    double targets[SIMREPORT_MAX_POLICIES];
    int n_targets;
    double date_target;      /* 0: no date-aware policy */
    int new_per_day;         /* -1: the config's */
    int runs;
};

/* Targets 0.80, 0.85, 0.90, 0.95, the date-aware policy aiming at 0.95, the
 * config's new cards a day, 32 runs. */
void simreport_defaults(struct simreport_args *o);

struct sim_report {
    int32_t today, interview;
    size_t cards, studied;
    int new_per_day, runs;
    char weights[96];
    int n; /* policies */
    struct sim_policy p[SIMREPORT_MAX_POLICIES];
    struct sim_result r[SIMREPORT_MAX_POLICIES];
};

/*
 * Run every policy of o on the open store (a->st) into *s.  LP_OK; LP_ENOTFOUND
 * when there is no interview date; LP_EINVAL for a day out of range or a bad
 * date; database errors as they come.  Prints nothing: err says what is wrong.
 */
enum lp_code simreport_run(struct app *a, const struct simreport_args *o, struct sim_report *s,
                           struct lp_err *err);

/* The report as a text table (what `labprep fsrs simulate` prints). */
void simreport_text(const struct sim_report *s, FILE *f);

/* "0.90" or "0.90 + 0.95 on day". */
void simreport_policy_name(const struct sim_policy *p, char *buf, size_t size);

#endif
