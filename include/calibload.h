/*
 * calibload.h - the calibration observations (calib.h) from the review log.
 *
 * One observation per study answer to a card in Review (state_before = 2), the
 * answers true retention counts: predicted recall is FSRS-6's R at the answer,
 * from the stability stored with it (s_before, the model's state just before)
 * and the study days elapsed since the card's previous review (elapsed_days),
 * with the decay of the weights the scheduler uses now (cfg: an applied fit or
 * config.yaml's params, else the defaults); recalled = grade > 1.  Cram and mock
 * answers, and answers to new or (re)learning cards, are left out.
 */
#ifndef LP_CALIBLOAD_H
#define LP_CALIBLOAD_H

#include <stdint.h>

#include "calib.h"
#include "config.h"
#include "store.h"

#define CALIBLOAD_RECENT 20000 /* what the weekly review looks at */

/* The latest `max` such answers (0: all) on study days up to to_day (INT32_MAX:
 * any) into *out (initialised here).  With a max, the log's day index is read
 * backwards, so a long history costs no more than `max` rows.  LP_EDB on
 * failure, LP_EINVAL for bad settings. */
enum lp_code calibload_study(struct store *st, const struct config *cfg, int32_t to_day, long max,
                             struct calib *out, struct lp_err *err);

#endif
