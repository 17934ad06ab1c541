/*
 * report.c - the weekly review computed from revlog, cards, mocks, assessments
 * and the active plan.  What each number means is written in report.h.
 */
#include "report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calibload.h"
#include "clock.h"

#define SECTION_ORDER                                                                              \
    " CASE c.section WHEN 'mathematics' THEN 0 WHEN 'statistics' THEN 1"                           \
    " WHEN 'computer-science' THEN 2 WHEN 'machine-learning' THEN 3"                               \
    " WHEN 'alignment' THEN 4 ELSE 5 END"

#define STR_(x) #x
#define STR(x) STR_(x)

static void copy_col(char *dst, size_t size, sqlite3_stmt *q, int col)
{
    const unsigned char *t = sqlite3_column_text(q, col);
    snprintf(dst, size, "%s", t ? (const char *)t : "");
}

/* Append one zeroed element to *arr (of n elements); NULL when out of memory. */
static void *push(void **arr, size_t *n, size_t elem)
{
    void *p = realloc(*arr, (*n + 1) * elem);
    if (!p)
        return NULL;
    *arr = p;
    char *e = (char *)p + *n * elem;
    memset(e, 0, elem);
    (*n)++;
    return e;
}

static sqlite3_stmt *window_stmt(struct store *st, const char *sql, const struct report_week *r,
                                 struct lp_err *err)
{
    sqlite3_stmt *q = store_stmt(st, sql, err);
    if (q) {
        sqlite3_bind_int(q, 1, r->start_day);
        sqlite3_bind_int(q, 2, r->end_day);
    }
    return q;
}

int report_weekday(int32_t day)
{
    return (int)(((day % 7) + 7 + 3) % 7); /* day 0, 1970-01-01, was a Thursday */
}

/* ---- study per day, retention, topics ---- */

static enum lp_code load_days(struct store *st, struct report_week *r, struct lp_err *err)
{
    sqlite3_stmt *q =
        window_stmt(st,
                    "SELECT day, COUNT(*), SUM(state_before = 2), SUM(state_before = 0),"
                    " SUM(MIN(answer_ms, " STR(
                        REPORT_MAX_ANSWER_MS) ")) FROM revlog WHERE day BETWEEN ?1 AND ?2"
                                              " AND mode IN ('study','cram') GROUP BY day",
                    r, err);
    if (!q)
        return LP_EDB;
    for (int i = 0; i < REPORT_DAYS; i++)
        r->days[i].day = r->start_day + i;
    int rc;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        struct report_day *d = &r->days[sqlite3_column_int(q, 0) - r->start_day];
        d->answers = sqlite3_column_int(q, 1);
        d->reviews = sqlite3_column_int(q, 2);
        d->fresh = sqlite3_column_int(q, 3);
        d->minutes = sqlite3_column_double(q, 4) / 60000.0;
        r->answers += d->answers;
        r->reviews += d->reviews;
        r->fresh += d->fresh;
        r->minutes += d->minutes;
        r->study_days += d->answers > 0;
    }
    sqlite3_reset(q);
    return rc == SQLITE_DONE ? LP_OK : store_fail(st, rc, "reading the week's reviews", err);
}

static enum lp_code load_retention(struct store *st, struct report_week *r, struct lp_err *err)
{
    sqlite3_stmt *q =
        window_stmt(st,
                    "SELECT c.section, COUNT(*), SUM(r.grade > 1) FROM revlog r JOIN cards c"
                    " ON c.id = r.card_id WHERE r.mode = 'study' AND r.state_before = 2"
                    " AND r.day BETWEEN ?1 AND ?2 GROUP BY c.section ORDER BY MIN(" SECTION_ORDER
                    "), c.section",
                    r, err);
    if (!q)
        return LP_EDB;
    int rc, reviews = 0, passed = 0;
    struct report_retention *x;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        if (!(x = push((void **)&r->retention, &r->n_retention, sizeof *x))) {
            sqlite3_reset(q);
            return err_set(err, LP_ENOMEM, NULL);
        }
        copy_col(x->section, sizeof x->section, q, 0);
        reviews += x->reviews = sqlite3_column_int(q, 1);
        passed += x->passed = sqlite3_column_int(q, 2);
        x->retention = x->passed / (double)x->reviews;
    }
    sqlite3_reset(q);
    if (rc != SQLITE_DONE)
        return store_fail(st, rc, "measuring retention", err);
    if (!(x = push((void **)&r->retention, &r->n_retention, sizeof *x)))
        return err_set(err, LP_ENOMEM, NULL);
    x->reviews = reviews;
    x->passed = passed;
    x->retention = reviews ? passed / (double)reviews : -1;
    return LP_OK;
}

static enum lp_code load_topics(struct store *st, struct report_week *r, struct lp_err *err)
{
    sqlite3_stmt *q = window_stmt(
        st,
        "SELECT c.topic, COUNT(*) FROM revlog r JOIN cards c ON c.id = r.card_id"
        " WHERE r.state_before = 0 AND r.mode IN ('study','cram') AND r.day BETWEEN ?1 AND ?2"
        " GROUP BY c.topic ORDER BY 2 DESC, 1",
        r, err);
    if (!q)
        return LP_EDB;
    int rc;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        struct report_topic *t = push((void **)&r->topics, &r->n_topics, sizeof *t);
        if (!t) {
            sqlite3_reset(q);
            return err_set(err, LP_ENOMEM, NULL);
        }
        copy_col(t->topic, sizeof t->topic, q, 0);
        t->learned = sqlite3_column_int(q, 1);
    }
    sqlite3_reset(q);
    return rc == SQLITE_DONE ? LP_OK : store_fail(st, rc, "counting new cards", err);
}

/* ---- leeches and mocks ---- */

static enum lp_code load_leeches(struct store *st, struct report_week *r, struct lp_err *err)
{
    /* A card became a leech at an answer made without the flag after which it had
     * it: the next answer's leech_before, or the card's flag for its last answer.
     * Only the week's answers and those after them are needed for that. */
    sqlite3_stmt *q = window_stmt(
        st,
        "WITH became AS (SELECT x.card_id FROM (SELECT card_id, day, leech_before,"
        " LEAD(leech_before) OVER (PARTITION BY card_id ORDER BY time, id) AS nxt"
        " FROM revlog WHERE day >= ?1 AND card_id IN (SELECT card_id FROM revlog"
        " WHERE day BETWEEN ?1 AND ?2 AND leech_before = 0))"
        " x JOIN cards c ON c.id = x.card_id WHERE x.day BETWEEN ?1 AND ?2"
        " AND x.leech_before = 0 AND COALESCE(x.nxt, c.leech) = 1)"
        " SELECT c.id, c.deck_id, c.lapses, c.id IN (SELECT card_id FROM became) AS fresh"
        " FROM cards c WHERE c.retired = 0 AND (c.leech = 1 OR c.id IN"
        " (SELECT card_id FROM became)) ORDER BY fresh DESC, c.lapses DESC, c.id",
        r, err);
    if (!q)
        return LP_EDB;
    int rc;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        struct report_leech *l = push((void **)&r->leeches, &r->n_leeches, sizeof *l);
        if (!l) {
            sqlite3_reset(q);
            return err_set(err, LP_ENOMEM, NULL);
        }
        copy_col(l->id, sizeof l->id, q, 0);
        copy_col(l->deck, sizeof l->deck, q, 1);
        l->lapses = sqlite3_column_int(q, 2);
        l->this_week = sqlite3_column_int(q, 3);
        r->new_leeches += l->this_week;
    }
    sqlite3_reset(q);
    return rc == SQLITE_DONE ? LP_OK : store_fail(st, rc, "listing leeches", err);
}

static enum lp_code load_mocks(struct store *st, struct report_week *r, int rollover,
                               struct lp_err *err)
{
    sqlite3_stmt *q = store_stmt(st,
                                 "SELECT m.id, m.started, COUNT(*), SUM(a.result) FROM mocks m"
                                 " JOIN mock_answers a ON a.mock_id = m.id WHERE m.started < ?"
                                 " GROUP BY m.id ORDER BY m.started DESC, m.id DESC",
                                 err);
    if (!q)
        return LP_EDB;
    sqlite3_bind_int64(q, 1, clock_day_start(r->end_day + 1, rollover));
    int rc;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        int32_t day = clock_day(sqlite3_column_int64(q, 1), rollover);
        r->mocks_in_week += day >= r->start_day;
        if (r->n_mocks == REPORT_MOCKS)
            continue;
        struct report_mock *m = &r->mocks[r->n_mocks++];
        m->id = sqlite3_column_int64(q, 0);
        m->day = day;
        m->answers = sqlite3_column_int(q, 2);
        m->points = sqlite3_column_int(q, 3);
        m->score = m->points / (2.0 * m->answers);
        m->in_week = day >= r->start_day;
    }
    sqlite3_reset(q);
    if (rc != SQLITE_DONE)
        return store_fail(st, rc, "reading the mock quizzes", err);
    r->has_mock_trend = r->n_mocks >= 2;
    if (r->has_mock_trend)
        r->mock_trend = 100.0 * (r->mocks[0].score - r->mocks[1].score);
    return LP_OK;
}

static enum lp_code load_assessments(struct store *st, struct report_week *r, struct lp_err *err)
{
    struct checklist_history h;
    enum lp_code rc = checklist_history(st, NULL, &h, err);
    if (rc != LP_OK)
        return rc;
    size_t last = h.n;
    for (size_t i = 0; i < h.n; i++)
        if (h.a[i].day <= r->end_day)
            last = i;
    if (last < h.n) {
        r->has_assessment = 1;
        r->assessment = h.a[last];
        for (size_t j = last; j-- > 0;)
            if (h.a[j].kind == h.a[last].kind && !strcmp(h.a[j].checklist, h.a[last].checklist)) {
                r->has_prev_assessment = 1;
                r->prev = h.a[j];
                break;
            }
    }
    checklist_history_free(&h);
    return LP_OK;
}

/* ---- the plan ---- */

static int copy_week(const struct plan_status *p, int week, int64_t lo, int64_t hi,
                     struct report_milestone **out, size_t *n)
{
    for (size_t i = 0; i < p->n_ms; i++) {
        const struct plan_milestone *m = &p->ms[i];
        if (m->week != week)
            continue;
        struct report_milestone *x = push((void **)out, n, sizeof *x);
        if (!x)
            return -1;
        snprintf(x->id, sizeof x->id, "%s", m->id);
        snprintf(x->text, sizeof x->text, "%s", m->text);
        x->week = m->week;
        x->done = m->done;
        x->done_in_week = m->done && m->done_time >= lo && m->done_time < hi;
    }
    return 0;
}

static enum lp_code fill_plan(struct report_week *r, const struct plan_status *p, int rollover,
                              struct lp_err *err)
{
    int64_t lo = clock_day_start(r->start_day, rollover);
    int64_t hi = clock_day_start(r->end_day + 1, rollover);
    r->has_plan = 1;
    snprintf(r->track, sizeof r->track, "%s", p->track);
    r->plan_week = p->week;
    r->plan_weeks = p->weeks;
    r->plan_behind = p->behind;
    if (p->week >= 1 && (size_t)p->week <= p->n_weeks)
        snprintf(r->theme, sizeof r->theme, "%s", p->wk[p->week - 1].theme);
    for (size_t i = 0; i < p->n_ms; i++)
        r->done_in_week += p->ms[i].done && p->ms[i].done_time >= lo && p->ms[i].done_time < hi;
    if (copy_week(p, p->week, lo, hi, &r->planned, &r->n_planned) != 0)
        return err_set(err, LP_ENOMEM, NULL);
    for (size_t i = 0; i < r->n_planned; i++)
        r->planned_done += r->planned[i].done;
    if (p->week < p->weeks && (size_t)p->week < p->n_weeks) {
        r->has_next_week = 1;
        r->next_week = p->week + 1;
        snprintf(r->next_theme, sizeof r->next_theme, "%s", p->wk[p->week].theme);
        if (copy_week(p, r->next_week, lo, hi, &r->next, &r->n_next) != 0)
            return err_set(err, LP_ENOMEM, NULL);
    }
    return LP_OK;
}

static enum lp_code load_plan(struct store *st, struct report_week *r, int rollover,
                              struct lp_err *err)
{
    struct plan_status p;
    enum lp_code rc = plan_status(st, r->end_day, &p, err);
    if (rc != LP_OK || !p.active)
        return rc;
    rc = fill_plan(r, &p, rollover, err);
    plan_status_free(&p);
    return rc;
}

/* ---- heatmap and forecast ---- */

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

int report_heat_level(int count, const int q[3])
{
    if (count <= 0)
        return count < 0 ? -1 : 0;
    return count <= q[0] ? 1 : count <= q[1] ? 2 : count <= q[2] ? 3 : 4;
}

static void heat_levels(struct report_week *r)
{
    int vals[7 * REPORT_HEAT_WEEKS], n = 0;
    for (int d = 0; d < 7; d++)
        for (int w = 0; w < REPORT_HEAT_WEEKS; w++)
            if (r->heat[d][w] > 0)
                vals[n++] = r->heat[d][w];
    qsort(vals, (size_t)n, sizeof vals[0], cmp_int);
    for (int k = 0; k < 3; k++)
        r->heat_q[k] = n ? vals[(n - 1) * (k + 1) / 4] : 0;
    for (int d = 0; d < 7; d++)
        for (int w = 0; w < REPORT_HEAT_WEEKS; w++)
            r->heat_level[d][w] = report_heat_level(r->heat[d][w], r->heat_q);
}

static enum lp_code load_heatmap(struct store *st, struct report_week *r, struct lp_err *err)
{
    r->heat_first_day = r->end_day - report_weekday(r->end_day) - 7 * (REPORT_HEAT_WEEKS - 1);
    for (int w = 0; w < REPORT_HEAT_WEEKS; w++)
        for (int d = 0; d < 7; d++)
            r->heat[d][w] = r->heat_first_day + 7 * w + d > r->end_day ? -1 : 0;
    sqlite3_stmt *q = store_stmt(st,
                                 "SELECT day, COUNT(*) FROM revlog WHERE day BETWEEN ? AND ?"
                                 " AND mode IN ('study','cram') GROUP BY day",
                                 err);
    if (!q)
        return LP_EDB;
    sqlite3_bind_int(q, 1, r->heat_first_day);
    sqlite3_bind_int(q, 2, r->end_day);
    int rc;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        int32_t off = sqlite3_column_int(q, 0) - r->heat_first_day;
        r->heat[off % 7][off / 7] = sqlite3_column_int(q, 1);
    }
    sqlite3_reset(q);
    if (rc != SQLITE_DONE)
        return store_fail(st, rc, "reading the calendar", err);
    heat_levels(r);
    return LP_OK;
}

static enum lp_code load_forecast(struct store *st, struct report_week *r, int rollover,
                                  struct lp_err *err)
{
    for (int i = 0; i < REPORT_DAYS; i++) {
        sqlite3_stmt *q =
            store_stmt(st,
                       "SELECT COUNT(*) FROM cards c WHERE c.retired = 0 AND c.suspended = 0"
                       " AND c.state > 0 AND (c.gate IS NULL OR c.gate IN (SELECT id FROM papers"
                       " WHERE status IN ('read','summarised'))) AND c.due >= ? AND c.due < ?",
                       err);
        if (!q)
            return LP_EDB;
        sqlite3_bind_int64(q, 1, i ? clock_day_start(r->end_day + 1 + i, rollover) : INT64_MIN);
        sqlite3_bind_int64(q, 2, clock_day_start(r->end_day + 2 + i, rollover));
        int rc = sqlite3_step(q);
        r->forecast[i] = rc == SQLITE_ROW ? sqlite3_column_int(q, 0) : 0;
        sqlite3_reset(q);
        if (rc != SQLITE_ROW)
            return store_fail(st, rc, "forecasting the coming week", err);
        r->forecast_total += r->forecast[i];
    }
    return LP_OK;
}

enum lp_code report_week(struct store *st, const struct config *cfg, int32_t end_day,
                         struct report_week *out, struct lp_err *err)
{
    memset(out, 0, sizeof *out);
    out->end_day = end_day;
    out->start_day = end_day - (REPORT_DAYS - 1);
    out->target = cfg->retention;
    int ro = cfg->rollover_hour;
    enum lp_code rc = load_days(st, out, err);
    if (rc == LP_OK)
        rc = load_retention(st, out, err);
    if (rc == LP_OK)
        rc = load_topics(st, out, err);
    if (rc == LP_OK)
        rc = load_leeches(st, out, err);
    if (rc == LP_OK)
        rc = load_mocks(st, out, ro, err);
    if (rc == LP_OK)
        rc = load_assessments(st, out, err);
    if (rc == LP_OK)
        rc = load_plan(st, out, ro, err);
    if (rc == LP_OK)
        rc = load_heatmap(st, out, err);
    if (rc == LP_OK)
        rc = load_forecast(st, out, ro, err);
    if (rc == LP_OK)
        rc = calibload_study(st, cfg, end_day, CALIBLOAD_RECENT, &out->calib, err);
    if (rc != LP_OK)
        report_free(out);
    return rc;
}

void report_free(struct report_week *r)
{
    free(r->retention);
    free(r->topics);
    free(r->leeches);
    free(r->planned);
    free(r->next);
    r->retention = NULL;
    r->topics = NULL;
    r->leeches = NULL;
    r->planned = r->next = NULL;
    r->n_retention = r->n_topics = r->n_leeches = r->n_planned = r->n_next = 0;
}
