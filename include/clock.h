/*
 * clock.h - time for labprep: parsing --now, and study days.
 *
 * A study day runs from the rollover hour (default 04:00) local time to the next
 * day's rollover hour, as in Anki: a review done at 01:30 counts for the evening
 * before.  Days are numbered like the Unix epoch (day 0 = 1970-01-01).  Local time
 * follows the TZ environment variable through localtime_r.
 */
#ifndef LP_CLOCK_H
#define LP_CLOCK_H

#include <stdint.h>

#include "err.h"

/*
 * Parse a time given as unix seconds ("1767225600") or ISO 8601
 * ("2026-01-02", "2026-01-02T09:30", "2026-01-02T09:30:00", optional "Z" or
 * "+01:00"; without a zone it is local time).  Returns LP_OK or LP_EINVAL.
 */
enum lp_code clock_parse(const char *s, int64_t *out, struct lp_err *err);

/* Current time: the fixed time if one was set with clock_fix(), else time(). */
int64_t clock_now(void);
void clock_fix(int64_t t);   /* t < 0 unfixes */

/* Day number of the UTC calendar date of t. */
int32_t clock_utc_day(int64_t t);

/* Study day of t in local time with the given rollover hour (0-23). */
int32_t clock_day(int64_t t, int rollover_hour);

/* Unix time at which study day `day` starts (local rollover hour). */
int64_t clock_day_start(int32_t day, int rollover_hour);

/* Format a day number as YYYY-MM-DD into buf (at least 11 bytes). */
void clock_day_str(int32_t day, char *buf);

/* Day number of a civil date (proleptic Gregorian). */
int32_t clock_days_from_civil(int y, int m, int d);
void clock_civil_from_days(int32_t z, int *y, int *m, int *d);

#endif
