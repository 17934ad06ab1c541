/*
 * calibload.c - predicted and actual recall of the review-state study answers
 * (see calibload.h).
 */
#include "calibload.h"

#include "cards.h"

enum lp_code calibload_study(struct store *st, const struct config *cfg, int32_t to_day, long max,
                             struct calib *out, struct lp_err *err)
{
    struct sched_config sc;
    calib_init(out);
    enum lp_code rc = cards_sched_config(cfg, &sc, err);
    if (rc != LP_OK)
        return rc;
    sqlite3_stmt *q = store_stmt(st,
                                 "SELECT elapsed_days, s_before, grade FROM revlog WHERE"
                                 " day <= ?1 AND mode = 'study' AND state_before = 2"
                                 " AND s_before > 0 ORDER BY day DESC LIMIT ?2",
                                 err);
    if (!q)
        return LP_EDB;
    sqlite3_bind_int(q, 1, to_day);
    sqlite3_bind_int64(q, 2, max > 0 ? max : -1); /* LIMIT -1: no limit */
    int s;
    while ((s = sqlite3_step(q)) == SQLITE_ROW) {
        double t = sqlite3_column_double(q, 0);
        double r = fsrs_retrievability(&sc.fsrs, t > 0 ? t : 0, sqlite3_column_double(q, 1));
        calib_add(out, r, sqlite3_column_int(q, 2) > 1);
    }
    sqlite3_reset(q);
    return s == SQLITE_DONE ? LP_OK : store_fail(st, s, "reading the review log", err);
}
