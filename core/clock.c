/*
 * clock.c - --now parsing and study-day arithmetic (see clock.h).
 */
#include "clock.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static int64_t fixed_now = -1;

void clock_fix(int64_t t)
{
    fixed_now = t;
}

int64_t clock_now(void)
{
    return fixed_now >= 0 ? fixed_now : (int64_t)time(NULL);
}

/* Howard Hinnant's days-from-civil algorithm. */
int32_t clock_days_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    const int era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = (unsigned)(y - era * 400);
    const unsigned doy = (unsigned)((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1);
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return (int32_t)(era * 146097 + (int)doe - 719468);
}

void clock_civil_from_days(int32_t z, int *y, int *m, int *d)
{
    z += 719468;
    const int era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = (unsigned)(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)yoe + era * 400 + (*m <= 2);
}

static int64_t floor_div(int64_t a, int64_t b)
{
    int64_t q = a / b;
    return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

int32_t clock_utc_day(int64_t t)
{
    return (int32_t)floor_div(t, 86400);
}

int32_t clock_day(int64_t t, int rollover_hour)
{
    time_t tt = (time_t)(t - (int64_t)rollover_hour * 3600);
    struct tm tm;
    if (!localtime_r(&tt, &tm))
        return clock_utc_day(t);
    return clock_days_from_civil(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

int64_t clock_day_start(int32_t day, int rollover_hour)
{
    int y, m, d;
    clock_civil_from_days(day, &y, &m, &d);
    struct tm tm = {0};
    tm.tm_year = y - 1900;
    tm.tm_mon = m - 1;
    tm.tm_mday = d;
    tm.tm_hour = rollover_hour;
    tm.tm_isdst = -1;
    return (int64_t)mktime(&tm);
}

void clock_day_str(int32_t day, char *buf)
{
    int y, m, d;
    clock_civil_from_days(day, &y, &m, &d);
    snprintf(buf, 11, "%04u-%02u-%02u", (unsigned)y % 10000u, (unsigned)m % 100u,
             (unsigned)d % 100u);
}

/* Read exactly n digits into *out; returns the pointer past them or NULL. */
static const char *digits(const char *s, int n, int *out)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (!isdigit((unsigned char)s[i]))
            return NULL;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return s + n;
}

static int parse_zone(const char *p, int *has_zone, int *offset)
{
    *has_zone = 0;
    *offset = 0;
    if (*p == '\0')
        return 0;
    if ((*p == 'Z' || *p == 'z') && p[1] == '\0') {
        *has_zone = 1;
        return 0;
    }
    if (*p != '+' && *p != '-')
        return -1;
    int sign = *p == '-' ? -1 : 1, hh, mm = 0;
    const char *q = digits(p + 1, 2, &hh);
    if (!q)
        return -1;
    if (*q == ':')
        q++;
    if (*q && !(q = digits(q, 2, &mm)))
        return -1;
    if (*q || hh > 23 || mm > 59)
        return -1;
    *has_zone = 1;
    *offset = sign * (hh * 3600 + mm * 60);
    return 0;
}

static enum lp_code parse_iso(const char *s, int64_t *out)
{
    int y, mo, d, h = 0, mi = 0, se = 0, has_zone, off;
    const char *p = digits(s, 4, &y);
    if (!p || *p++ != '-' || !(p = digits(p, 2, &mo)) || *p++ != '-' || !(p = digits(p, 2, &d)))
        return LP_EINVAL;
    if (*p == 'T' || *p == 't' || *p == ' ') {
        p++;
        if (!(p = digits(p, 2, &h)) || *p++ != ':' || !(p = digits(p, 2, &mi)))
            return LP_EINVAL;
        if (*p == ':' && !(p = digits(p + 1, 2, &se)))
            return LP_EINVAL;
    }
    if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || se > 60)
        return LP_EINVAL;
    if (parse_zone(p, &has_zone, &off) != 0)
        return LP_EINVAL;
    int32_t day = clock_days_from_civil(y, mo, d);
    int y2, m2, d2;
    clock_civil_from_days(day, &y2, &m2, &d2);
    if (m2 != mo || d2 != d)
        return LP_EINVAL; /* e.g. 2026-02-30 */
    if (has_zone) {
        *out = (int64_t)day * 86400 + h * 3600 + mi * 60 + se - off;
        return LP_OK;
    }
    struct tm tm = {0};
    tm.tm_year = y - 1900;
    tm.tm_mon = mo - 1;
    tm.tm_mday = d;
    tm.tm_hour = h;
    tm.tm_min = mi;
    tm.tm_sec = se;
    tm.tm_isdst = -1;
    *out = (int64_t)mktime(&tm);
    return LP_OK;
}

enum lp_code clock_parse(const char *s, int64_t *out, struct lp_err *err)
{
    if (!s || !*s)
        return err_set(err, LP_EINVAL, "empty time");
    const char *p = s;
    while (isdigit((unsigned char)*p))
        p++;
    if (*p == '\0' && p - s <= 12) {
        errno = 0;
        long long v = strtoll(s, NULL, 10);
        if (errno == 0 && v >= 0) {
            *out = (int64_t)v;
            return LP_OK;
        }
    }
    if (parse_iso(s, out) == LP_OK)
        return LP_OK;
    return err_set(err, LP_EINVAL,
                   "bad time '%s': expected unix seconds or ISO 8601 like 2026-01-02T09:30", s);
}
