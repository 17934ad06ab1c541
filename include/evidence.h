/*
 * evidence.h - what the study record says about a checklist item.
 *
 * Measures one evidence key (retention:TAG, deck:DECK, papers-read, mocks, plan,
 * drills:DECK) from the database as of a study day, and judges it against the
 * thresholds documented in checklist.h.  The record shared by many items (the
 * active plan, the papers, the mocks) is read once into a context.
 */
#ifndef LP_EVIDENCE_H
#define LP_EVIDENCE_H

#include <stdint.h>

#include "checklist.h"
#include "plan.h"
#include "store.h"

struct evidence_ctx {
    int32_t today;
    int64_t day_end; /* unix time at which `today` ends */
    struct plan_status plan;
    int papers_read, papers_total;
    int mocks;        /* mocks with at least one answer, up to today */
    double mock_mean; /* mean score of the last CHECKLIST_MOCKS_LAST, -1 none */
};

/* Read the shared record as of study day `today`.  Free with evidence_end(). */
enum lp_code evidence_begin(struct store *st, int32_t today, int rollover_hour,
                            struct evidence_ctx *ctx, struct lp_err *err);
void evidence_end(struct evidence_ctx *ctx);

/* Measure key into out (text filled, judged).  An unknown key is not an error:
 * it is shown as is, kind CHECKLIST_EV_OTHER. */
enum lp_code evidence_measure(struct store *st, const struct evidence_ctx *ctx, const char *key,
                              struct checklist_evidence *out, struct lp_err *err);

/* Set e->verdict and e->why from its measured fields.  Pure. */
void evidence_judge(struct checklist_evidence *e);

#endif
