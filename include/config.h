/*
 * config.h - the user's settings ($XDG_CONFIG_HOME/labprep/config.yaml).
 *
 * A missing file means the defaults.  A present file is parsed strictly: an
 * unknown key or a bad value is an error "file:line:col: what is wrong" and no
 * setting from that file is applied.
 *
 *   retention: 0.9          # desired retention, 0.70-0.99
 *   max_interval: 36500     # days
 *   learning_steps: 1m 10m  # s, m, h or d; a string or a list; may be empty
 *   relearning_steps: 10m
 *   new_per_day: 10
 *   reviews_per_day: 200
 *   rollover_hour: 4        # 0-23, local time
 *   fuzz: true
 *   leech_threshold: 8      # lapses
 *   params: [0.212, ...]    # 21 FSRS-6 weights (optional)
 *   mock_minutes: 45
 *   interview_mode: false   # true: aim oral-quiz cards at the active plan's
 *                           # interview date (datemode.h; cards.h applies it)
 *   interview_retention: 0.95  # recall wanted on interview day, 0.70-0.99
 */
#ifndef LP_CONFIG_H
#define LP_CONFIG_H

#include "err.h"

#define CONFIG_MAX_STEPS 10 /* = SCHED_MAX_STEPS */

struct config {
    double retention;
    int max_interval;
    int learn_steps[CONFIG_MAX_STEPS]; /* seconds */
    int n_learn;
    int relearn_steps[CONFIG_MAX_STEPS];
    int n_relearn;
    int new_per_day;
    int reviews_per_day;
    int rollover_hour;
    int fuzz;
    int leech_threshold;
    int has_params;
    double params[21];
    int mock_minutes;
    int interview_mode;         /* 0 off (the default), 1 on */
    double interview_retention; /* target recall on interview day */
};

void config_defaults(struct config *c);

/* Load path over the defaults in c.  A missing file is LP_OK (defaults kept). */
enum lp_code config_load(const char *path, struct config *c, struct lp_err *err);

#endif
