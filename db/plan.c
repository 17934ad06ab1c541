/*
 * plan.c - the roadmap planner over the plans, plan_milestones, roadmaps,
 * roadmap_weeks and milestones tables.  The rules (weeks, due, behind) are in
 * plan.h; this file loads the rows and applies them.
 */
#include "plan.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"

static void copy_col(char *dst, size_t size, sqlite3_stmt *q, int col)
{
    const unsigned char *t = sqlite3_column_text(q, col);
    snprintf(dst, size, "%s", t ? (const char *)t : "");
}

enum lp_code plan_parse_day(const char *s, int32_t today, int32_t *day, struct lp_err *err)
{
    if (!strcmp(s, "today")) {
        *day = today;
        return LP_OK;
    }
    int ok = strlen(s) == 10 && s[4] == '-' && s[7] == '-';
    for (int i = 0; ok && i < 10; i++)
        ok = i == 4 || i == 7 || isdigit((unsigned char)s[i]);
    int y = ok ? atoi(s) : 0, m = ok ? atoi(s + 5) : 0, d = ok ? atoi(s + 8) : 0;
    int32_t z = clock_days_from_civil(y, m, d);
    int y2, m2, d2;
    clock_civil_from_days(z, &y2, &m2, &d2);
    if (!ok || m < 1 || m > 12 || y2 != y || m2 != m || d2 != d)
        return err_set(err, LP_EINVAL, "'%s' is not a date: use YYYY-MM-DD (or 'today')", s);
    *day = z;
    return LP_OK;
}

int plan_week_of(int32_t start_day, int weeks, int32_t today)
{
    if (today < start_day)
        return 0;
    int w = (int)((today - start_day) / 7) + 1;
    return w > weeks ? weeks + 1 : w;
}

int plan_tracks(struct store *st, char *buf, size_t size, struct lp_err *err)
{
    sqlite3_stmt *q =
        store_stmt(st, "SELECT track FROM roadmaps WHERE retired = 0 ORDER BY track", err);
    if (!q)
        return -1;
    int n = 0, rc;
    size_t len = 0;
    buf[0] = '\0';
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        int w = snprintf(buf + len, size - len, "%s%s", n ? ", " : "",
                         (const char *)sqlite3_column_text(q, 0));
        if (w > 0 && (size_t)w < size - len)
            len += (size_t)w;
        n++;
    }
    sqlite3_reset(q);
    if (rc != SQLITE_DONE)
        return store_fail(st, rc, "listing the roadmaps", err), -1;
    return n;
}

/* ---- starting a plan ---- */

static enum lp_code check_track(struct store *st, const char *track, struct lp_err *err)
{
    sqlite3_stmt *q =
        store_stmt(st, "SELECT weeks FROM roadmaps WHERE track = ? AND retired = 0", err);
    if (!q)
        return LP_EDB;
    sqlite3_bind_text(q, 1, track, -1, SQLITE_STATIC);
    int rc = sqlite3_step(q);
    sqlite3_reset(q);
    if (rc == SQLITE_ROW)
        return LP_OK;
    if (rc != SQLITE_DONE)
        return store_fail(st, rc, "reading the roadmaps", err);
    char known[512];
    int n = plan_tracks(st, known, sizeof known, err);
    if (n < 0)
        return LP_EDB;
    return err_set(err, LP_EINVAL, "unknown track '%s' (known tracks: %s)", track,
                   n ? known : "none; add a roadmap to the content");
}

static enum lp_code check_days(int32_t start, int32_t interview, int32_t today, struct lp_err *err)
{
    char a[11], b[11];
    if (interview == PLAN_NO_DAY)
        return LP_OK;
    clock_day_str(interview, a);
    clock_day_str(start, b);
    if (interview < start)
        return err_set(err, LP_EINVAL, "the interview date %s is before the start date %s", a, b);
    clock_day_str(today, b);
    if (interview < today)
        return err_set(err, LP_EINVAL, "the interview date %s has already passed (today is %s)", a,
                       b);
    return LP_OK;
}

static enum lp_code end_active(struct store *st, int64_t now, int64_t *ended, struct lp_err *err)
{
    sqlite3_stmt *q = store_stmt(st, "SELECT id FROM plans WHERE active = 1", err);
    if (!q)
        return LP_EDB;
    int rc = sqlite3_step(q);
    *ended = rc == SQLITE_ROW ? sqlite3_column_int64(q, 0) : 0;
    sqlite3_reset(q);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return store_fail(st, rc, "reading the active plan", err);
    q = store_stmt(st, "UPDATE plans SET active = 0, ended = ? WHERE active = 1", err);
    if (!q)
        return LP_EDB;
    sqlite3_bind_int64(q, 1, now);
    rc = sqlite3_step(q);
    sqlite3_reset(q);
    return rc == SQLITE_DONE ? LP_OK : store_fail(st, rc, "ending the active plan", err);
}

static enum lp_code insert_plan(struct store *st, const char *track, int32_t start,
                                int32_t interview, int64_t now, int64_t *id, struct lp_err *err)
{
    sqlite3_stmt *q = store_stmt(st,
                                 "INSERT INTO plans(track, start_day, interview_day, created,"
                                 " active) VALUES(?, ?, ?, ?, 1)",
                                 err);
    if (!q)
        return LP_EDB;
    sqlite3_bind_text(q, 1, track, -1, SQLITE_STATIC);
    sqlite3_bind_int(q, 2, start);
    if (interview == PLAN_NO_DAY)
        sqlite3_bind_null(q, 3);
    else
        sqlite3_bind_int(q, 3, interview);
    sqlite3_bind_int64(q, 4, now);
    int rc = sqlite3_step(q);
    sqlite3_reset(q);
    if (rc != SQLITE_DONE)
        return store_fail(st, rc, "saving the plan", err);
    *id = sqlite3_last_insert_rowid(store_db(st));
    return LP_OK;
}

enum lp_code plan_start(struct store *st, const char *track, int32_t start_day,
                        int32_t interview_day, int64_t now, int32_t today, int64_t *plan_id,
                        int64_t *ended_id, struct lp_err *err)
{
    int64_t ended = 0, id = 0;
    enum lp_code rc = check_days(start_day, interview_day, today, err);
    if (rc == LP_OK)
        rc = check_track(st, track, err);
    if (rc == LP_OK)
        rc = store_begin(st, err);
    if (rc != LP_OK)
        return rc;
    rc = end_active(st, now, &ended, err);
    if (rc == LP_OK)
        rc = insert_plan(st, track, start_day, interview_day, now, &id, err);
    if (rc != LP_OK) {
        store_rollback(st);
        return rc;
    }
    if ((rc = store_commit(st, err)) != LP_OK)
        return rc;
    if (plan_id)
        *plan_id = id;
    if (ended_id)
        *ended_id = ended;
    return LP_OK;
}

/* ---- the active plan ---- */

static enum lp_code load_plan_row(struct store *st, struct plan_status *s, struct lp_err *err)
{
    sqlite3_stmt *q =
        store_stmt(st,
                   "SELECT p.id, p.track, p.start_day, p.interview_day, COALESCE(r.title, p.track),"
                   " COALESCE(r.weeks, 0) FROM plans p LEFT JOIN roadmaps r ON r.track = p.track"
                   " WHERE p.active = 1",
                   err);
    if (!q)
        return LP_EDB;
    int rc = sqlite3_step(q);
    if (rc == SQLITE_ROW) {
        s->active = 1;
        s->id = sqlite3_column_int64(q, 0);
        copy_col(s->track, sizeof s->track, q, 1);
        s->start_day = sqlite3_column_int(q, 2);
        s->interview_day =
            sqlite3_column_type(q, 3) == SQLITE_NULL ? PLAN_NO_DAY : sqlite3_column_int(q, 3);
        copy_col(s->title, sizeof s->title, q, 4);
        s->weeks = sqlite3_column_int(q, 5);
    }
    sqlite3_reset(q);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return store_fail(st, rc, "reading the active plan", err);
    return LP_OK;
}

static enum lp_code load_weeks(struct store *st, struct plan_status *s, struct lp_err *err)
{
    sqlite3_stmt *q = store_stmt(st,
                                 "SELECT week, theme, focus_decks, focus_tags FROM roadmap_weeks"
                                 " WHERE track = ? ORDER BY week",
                                 err);
    if (!q)
        return LP_EDB;
    s->wk = calloc((size_t)(s->weeks > 0 ? s->weeks : 1), sizeof *s->wk);
    if (!s->wk)
        return err_set(err, LP_ENOMEM, NULL);
    sqlite3_bind_text(q, 1, s->track, -1, SQLITE_STATIC);
    int rc;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW && s->n_weeks < (size_t)s->weeks) {
        struct plan_week *w = &s->wk[s->n_weeks++];
        w->week = sqlite3_column_int(q, 0);
        copy_col(w->theme, sizeof w->theme, q, 1);
        copy_col(w->focus_decks, sizeof w->focus_decks, q, 2);
        copy_col(w->focus_tags, sizeof w->focus_tags, q, 3);
    }
    sqlite3_reset(q);
    if (rc != SQLITE_DONE && rc != SQLITE_ROW)
        return store_fail(st, rc, "reading the roadmap", err);
    return LP_OK;
}

static enum lp_code load_milestones(struct store *st, struct plan_status *s, struct lp_err *err)
{
    sqlite3_stmt *q =
        store_stmt(st,
                   "SELECT m.id, m.week, m.text, pm.done_time FROM milestones m"
                   " LEFT JOIN plan_milestones pm ON pm.plan_id = ?1 AND pm.milestone_id = m.id"
                   " WHERE m.track = ?2 AND m.retired = 0 ORDER BY m.week, m.position",
                   err);
    if (!q)
        return LP_EDB;
    sqlite3_bind_int64(q, 1, s->id);
    sqlite3_bind_text(q, 2, s->track, -1, SQLITE_STATIC);
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        if (s->n_ms == cap) {
            size_t nc = cap ? cap * 2 : 32;
            void *p = realloc(s->ms, nc * sizeof *s->ms);
            if (!p) {
                sqlite3_reset(q);
                return err_set(err, LP_ENOMEM, NULL);
            }
            s->ms = p;
            cap = nc;
        }
        struct plan_milestone *m = &s->ms[s->n_ms++];
        copy_col(m->id, sizeof m->id, q, 0);
        m->week = sqlite3_column_int(q, 1);
        copy_col(m->text, sizeof m->text, q, 2);
        m->done = sqlite3_column_type(q, 3) != SQLITE_NULL;
        m->done_time = m->done ? sqlite3_column_int64(q, 3) : 0;
    }
    sqlite3_reset(q);
    if (rc != SQLITE_DONE)
        return store_fail(st, rc, "reading the milestones", err);
    return LP_OK;
}

/* Count done, due, behind and ahead; link weeks to their milestones. */
static void tally(struct plan_status *s)
{
    for (size_t i = 0; i < s->n_ms; i++) {
        const struct plan_milestone *m = &s->ms[i];
        s->total++;
        s->done += m->done;
        if (m->week <= s->week)
            s->due++;
        if (m->week < s->week && !m->done)
            s->behind++;
        if (m->week > s->week && m->done)
            s->ahead++;
        if (m->week >= 1 && (size_t)m->week <= s->n_weeks) {
            struct plan_week *w = &s->wk[m->week - 1];
            if (w->n == 0)
                w->first = i;
            w->n++;
            w->done += m->done;
        }
    }
}

static const struct plan_milestone *first_open(const struct plan_status *s, int before_week,
                                               int in_week)
{
    for (size_t i = 0; i < s->n_ms; i++)
        if (!s->ms[i].done && (s->ms[i].week < before_week || s->ms[i].week == in_week))
            return &s->ms[i];
    return NULL;
}

static void write_today_line(struct plan_status *s)
{
    char *b = s->today_line;
    size_t n = sizeof s->today_line;
    const struct plan_milestone *m;
    char date[11];
    if (s->week == 0) {
        clock_day_str(s->start_day, date);
        snprintf(b, n, "The plan starts on %s (in %d day%s): until then, study today's cards.",
                 date, s->start_day - s->today, s->start_day - s->today == 1 ? "" : "s");
    } else if ((m = first_open(s, s->week, -1)) != NULL) {
        snprintf(b, n, "Catch up first, with the oldest open milestone (week %d, %s): %.500s",
                 m->week, m->id, m->text);
    } else if (s->week > s->weeks) {
        snprintf(b, n, "Plan finished with every milestone done: keep up the daily reviews.");
    } else if ((m = first_open(s, 0, s->week)) != NULL) {
        snprintf(b, n, "On schedule: study today's cards, then work on %s: %.500s", m->id, m->text);
    } else {
        snprintf(b, n, "On schedule and this week's milestones are done: study today's cards.");
    }
}

enum lp_code plan_status(struct store *st, int32_t today, struct plan_status *out,
                         struct lp_err *err)
{
    memset(out, 0, sizeof *out);
    out->interview_day = PLAN_NO_DAY;
    out->today = today;
    enum lp_code rc = load_plan_row(st, out, err);
    if (rc != LP_OK || !out->active)
        return rc;
    if ((rc = load_weeks(st, out, err)) != LP_OK || (rc = load_milestones(st, out, err)) != LP_OK) {
        plan_status_free(out);
        return rc;
    }
    out->week = plan_week_of(out->start_day, out->weeks, today);
    out->day_of_week =
        out->week >= 1 && out->week <= out->weeks ? (int)((today - out->start_day) % 7) + 1 : 0;
    if (out->interview_day != PLAN_NO_DAY)
        out->countdown = out->interview_day - today;
    tally(out);
    write_today_line(out);
    return LP_OK;
}

void plan_status_free(struct plan_status *s)
{
    free(s->wk);
    free(s->ms);
    memset(s, 0, sizeof *s);
    s->interview_day = PLAN_NO_DAY;
}

const struct plan_milestone *plan_find(const struct plan_status *s, const char *id)
{
    for (size_t i = 0; i < s->n_ms; i++)
        if (!strcmp(s->ms[i].id, id))
            return &s->ms[i];
    return NULL;
}

/* ---- milestones ---- */

static enum lp_code check_milestone(struct store *st, const char *id, const char *track,
                                    struct lp_err *err)
{
    sqlite3_stmt *q =
        store_stmt(st, "SELECT track FROM milestones WHERE id = ? AND retired = 0", err);
    if (!q)
        return LP_EDB;
    sqlite3_bind_text(q, 1, id, -1, SQLITE_STATIC);
    int rc = sqlite3_step(q);
    char other[PLAN_ID_MAX] = "";
    if (rc == SQLITE_ROW)
        copy_col(other, sizeof other, q, 0);
    sqlite3_reset(q);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return store_fail(st, rc, "reading the milestones", err);
    if (rc == SQLITE_DONE)
        return err_set(err, LP_ENOTFOUND, "no milestone '%s' in the %s track", id, track);
    if (strcmp(other, track) != 0)
        return err_set(err, LP_ENOTFOUND,
                       "milestone '%s' belongs to the %s track, not the active plan's %s track", id,
                       other, track);
    return LP_OK;
}

static enum lp_code write_mark(struct store *st, int64_t plan, const char *id, int done,
                               int64_t now, int *changed, struct lp_err *err)
{
    sqlite3_stmt *q =
        store_stmt(st,
                   done ? "INSERT OR IGNORE INTO plan_milestones(plan_id, milestone_id, done_time)"
                          " VALUES(?1, ?2, ?3)"
                        : "DELETE FROM plan_milestones WHERE plan_id = ?1 AND milestone_id = ?2",
                   err);
    if (!q)
        return LP_EDB;
    sqlite3_bind_int64(q, 1, plan);
    sqlite3_bind_text(q, 2, id, -1, SQLITE_STATIC);
    if (done)
        sqlite3_bind_int64(q, 3, now);
    int rc = sqlite3_step(q);
    sqlite3_reset(q);
    if (rc != SQLITE_DONE)
        return store_fail(st, rc, "saving the milestone", err);
    *changed = sqlite3_changes(store_db(st)) > 0;
    return LP_OK;
}

enum lp_code plan_mark(struct store *st, const char *milestone_id, int done, int64_t now,
                       int *changed, struct lp_err *err)
{
    struct plan_status s;
    memset(&s, 0, sizeof s);
    int ch = 0;
    enum lp_code rc = store_begin(st, err);
    if (rc != LP_OK)
        return rc;
    rc = load_plan_row(st, &s, err);
    if (rc == LP_OK && !s.active)
        rc = err_set(err, LP_ESTATE, "no plan is active: start one first");
    if (rc == LP_OK)
        rc = check_milestone(st, milestone_id, s.track, err);
    if (rc == LP_OK)
        rc = write_mark(st, s.id, milestone_id, done, now, &ch, err);
    if (rc != LP_OK) {
        store_rollback(st);
        return rc;
    }
    if ((rc = store_commit(st, err)) != LP_OK)
        return rc;
    if (changed)
        *changed = ch;
    return LP_OK;
}

enum lp_code plan_focus(struct store *st, int32_t today, char *decks, size_t dsize, char *tags,
                        size_t tsize, struct lp_err *err)
{
    struct plan_status s;
    memset(&s, 0, sizeof s);
    decks[0] = tags[0] = '\0';
    enum lp_code rc = load_plan_row(st, &s, err);
    if (rc != LP_OK || !s.active)
        return rc;
    int week = plan_week_of(s.start_day, s.weeks, today);
    if (week < 1 || week > s.weeks)
        return LP_OK;
    sqlite3_stmt *q = store_stmt(
        st, "SELECT focus_decks, focus_tags FROM roadmap_weeks WHERE track = ? AND week = ?", err);
    if (!q)
        return LP_EDB;
    sqlite3_bind_text(q, 1, s.track, -1, SQLITE_STATIC);
    sqlite3_bind_int(q, 2, week);
    int step = sqlite3_step(q);
    if (step == SQLITE_ROW) {
        copy_col(decks, dsize, q, 0);
        copy_col(tags, tsize, q, 1);
    }
    sqlite3_reset(q);
    if (step != SQLITE_ROW && step != SQLITE_DONE)
        return store_fail(st, step, "reading the plan's focus", err);
    return LP_OK;
}

void plan_headline(const struct plan_status *s, char *buf, size_t size)
{
    char date[11], tail[64] = "";
    if (!s->active) {
        snprintf(buf, size, "%s", "");
        return;
    }
    if (s->interview_day != PLAN_NO_DAY) {
        int c = s->countdown;
        if (c > 0)
            snprintf(tail, sizeof tail, ", interview in %d day%s", c, c == 1 ? "" : "s");
        else if (c == 0)
            snprintf(tail, sizeof tail, ", interview today");
        else
            snprintf(tail, sizeof tail, ", interview was %d day%s ago", -c, c == -1 ? "" : "s");
    }
    if (s->week == 0) {
        clock_day_str(s->start_day, date);
        snprintf(buf, size, "plan: %s starts %s%s", s->track, date, tail);
    } else if (s->week > s->weeks) {
        snprintf(buf, size, "plan: %s finished, %d milestone%s open%s", s->track, s->behind,
                 s->behind == 1 ? "" : "s", tail);
    } else if (s->behind) {
        snprintf(buf, size, "plan: %s week %d of %d, %d milestone%s behind%s", s->track, s->week,
                 s->weeks, s->behind, s->behind == 1 ? "" : "s", tail);
    } else {
        snprintf(buf, size, "plan: %s week %d of %d, on schedule%s", s->track, s->week, s->weeks,
                 tail);
    }
}

enum lp_code plan_set_interview(struct store *st, int32_t interview_day, int32_t today,
                                struct lp_err *err)
{
    sqlite3_stmt *q = store_stmt(st, "SELECT start_day FROM plans WHERE active = 1", err);
    if (!q)
        return LP_EDB;
    int rc = sqlite3_step(q);
    int32_t start = rc == SQLITE_ROW ? sqlite3_column_int(q, 0) : 0;
    sqlite3_reset(q);
    if (rc == SQLITE_DONE)
        return err_set(err, LP_ENOTFOUND, "no plan is running; start one with 'plan start'");
    if (rc != SQLITE_ROW)
        return store_fail(st, rc, "reading the plan", err);
    enum lp_code code = check_days(start, interview_day, today, err);
    if (code != LP_OK)
        return code;
    q = store_stmt(st, "UPDATE plans SET interview_day = ? WHERE active = 1", err);
    if (!q)
        return LP_EDB;
    if (interview_day == PLAN_NO_DAY)
        sqlite3_bind_null(q, 1);
    else
        sqlite3_bind_int(q, 1, interview_day);
    rc = sqlite3_step(q);
    sqlite3_reset(q);
    return rc == SQLITE_DONE ? LP_OK : store_fail(st, rc, "saving the interview date", err);
}
