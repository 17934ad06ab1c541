/*
 * fitoffer.c - counting the study answers since the last fit (see fitoffer.h).
 */
#include "fitoffer.h"

#include <string.h>

#include "clock.h"

#define STR_(x) #x
#define STR(x) STR_(x)

int fitoffer_due(long reviews, int32_t days)
{
    return reviews >= FITOFFER_REVIEWS ||
           (days >= FITOFFER_DAYS && reviews >= FITOFFER_MONTHLY_REVIEWS);
}

/* One row of two integers; *a and *b stay as they are for NULLs. */
static enum lp_code two_ints(struct store *st, const char *sql, int64_t p1, int64_t p2, int64_t *a,
                             int64_t *b, struct lp_err *err)
{
    sqlite3_stmt *q = store_stmt(st, sql, err);
    if (!q)
        return LP_EDB;
    if (sqlite3_bind_parameter_count(q) >= 1)
        sqlite3_bind_int64(q, 1, p1);
    if (sqlite3_bind_parameter_count(q) >= 2)
        sqlite3_bind_int64(q, 2, p2);
    int rc = sqlite3_step(q);
    if (rc == SQLITE_ROW && sqlite3_column_type(q, 0) != SQLITE_NULL)
        *a = sqlite3_column_int64(q, 0);
    if (rc == SQLITE_ROW && sqlite3_column_type(q, 1) != SQLITE_NULL)
        *b = sqlite3_column_int64(q, 1);
    sqlite3_reset(q);
    return rc == SQLITE_ROW ? LP_OK
                            : store_fail(st, rc, "counting reviews since the last fit", err);
}

enum lp_code fitoffer_check(struct store *st, int64_t now, int rollover_hour, struct fitoffer *out,
                            struct lp_err *err)
{
    int64_t n_fits = 0, last = 0, reviews = 0, first_day = -1;
    int32_t today = clock_day(now, rollover_hour);
    memset(out, 0, sizeof *out);
    out->days = -1;
    enum lp_code rc =
        two_ints(st, "SELECT count(*), max(time) FROM fsrs_fits", 0, 0, &n_fits, &last, err);
    if (rc != LP_OK)
        return rc;
    if (n_fits > 0) {
        /* The day index narrows to the days since the fit; time sorts out that day. */
        int32_t fit_day = clock_day(last, rollover_hour);
        rc = two_ints(st,
                      "SELECT count(*), NULL FROM (SELECT 1 FROM revlog WHERE day >= ?1"
                      " AND mode = 'study' AND time > ?2 LIMIT " STR(FITOFFER_REVIEWS) ")",
                      fit_day, last, &reviews, &first_day, err);
        out->has_fit = 1;
        out->last_fit = last;
        out->days = today - fit_day;
    } else {
        rc = two_ints(st,
                      "SELECT (SELECT count(*) FROM (SELECT 1 FROM revlog WHERE mode = 'study'"
                      " LIMIT " STR(FITOFFER_REVIEWS) ")), (SELECT min(day) FROM revlog"
                                                      " WHERE mode = 'study')",
                      0, 0, &reviews, &first_day, err);
        out->days = reviews > 0 ? today - (int32_t)first_day : -1;
    }
    out->reviews = (long)reviews;
    out->due = rc == LP_OK && fitoffer_due(out->reviews, out->days);
    return rc;
}
