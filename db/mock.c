/*
 * mock.c - the mock quiz's rows: sessions (mocks), marks (mock_answers), the
 * results of a session and, on request, sending its misses to study (mock.h).
 *
 * Nothing here writes the cards table or the review log except
 * mock_send_misses(), which only moves due dates earlier.
 */
#include "mock.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

static enum lp_code step_done(struct store *st, sqlite3_stmt *q, const char *what,
                              struct lp_err *err)
{
    int rc = sqlite3_step(q);
    sqlite3_reset(q);
    return rc == SQLITE_DONE ? LP_OK : store_fail(st, rc, what, err);
}

enum lp_code mock_candidates(struct store *st, unsigned mask, struct mock_question **out, size_t *n,
                             struct lp_err *err)
{
    sqlite3_stmt *q = store_stmt(st,
                                 "SELECT id, section FROM cards WHERE retired = 0 AND"
                                 " suspended = 0 ORDER BY id",
                                 err);
    size_t cap = 0;
    *out = NULL;
    *n = 0;
    if (!q)
        return LP_EDB;
    int rc;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        int s = mock_section_index((const char *)sqlite3_column_text(q, 1));
        if (s < 0 || !(mask & (1u << s)))
            continue;
        if (*n == cap) {
            size_t nc = cap ? cap * 2 : 64;
            void *p = realloc(*out, nc * sizeof **out);
            if (!p) {
                sqlite3_reset(q);
                return err_set(err, LP_ENOMEM, NULL);
            }
            *out = p;
            cap = nc;
        }
        struct mock_question *m = &(*out)[(*n)++];
        snprintf(m->id, sizeof m->id, "%s", (const char *)sqlite3_column_text(q, 0));
        m->section = s;
    }
    sqlite3_reset(q);
    if (rc != SQLITE_DONE)
        return store_fail(st, rc, "choosing the mock's questions", err);
    return LP_OK;
}

/* " mathematics statistics " for the sections in mask. */
static void sections_text(unsigned mask, char *buf, size_t size)
{
    size_t len = (size_t)snprintf(buf, size, " ");
    for (int s = 0; s < MOCK_N_SECTIONS; s++)
        if (mask & (1u << s) && len < size)
            len += (size_t)snprintf(buf + len, size - len, "%s ", mock_section_ids[s]);
}

static unsigned sections_mask(const char *text)
{
    unsigned mask = 0;
    char probe[40];
    for (int s = 0; s < MOCK_N_SECTIONS; s++) {
        snprintf(probe, sizeof probe, " %s ", mock_section_ids[s]);
        if (text && strstr(text, probe))
            mask |= 1u << s;
    }
    return mask;
}

enum lp_code mock_start(struct store *st, int64_t now, int minutes, unsigned mask, int64_t *mock_id,
                        struct lp_err *err)
{
    char secs[96];
    if (minutes < MOCK_MIN_MINUTES || minutes > MOCK_MAX_MINUTES)
        return err_set(err, LP_EINVAL, "a mock lasts %d to %d minutes, not %d", MOCK_MIN_MINUTES,
                       MOCK_MAX_MINUTES, minutes);
    if ((mask & MOCK_ALL_SECTIONS) == 0)
        return err_set(err, LP_EINVAL, "choose at least one section for the mock");
    sections_text(mask & MOCK_ALL_SECTIONS, secs, sizeof secs);
    sqlite3_stmt *q = store_stmt(
        st, "INSERT INTO mocks(started, finished, minutes, sections) VALUES(?, NULL, ?, ?)", err);
    if (!q)
        return LP_EDB;
    sqlite3_bind_int64(q, 1, now);
    sqlite3_bind_int(q, 2, minutes);
    sqlite3_bind_text(q, 3, secs, -1, SQLITE_TRANSIENT);
    enum lp_code rc = step_done(st, q, "starting the mock", err);
    if (rc == LP_OK)
        *mock_id = sqlite3_last_insert_rowid(store_db(st));
    return rc;
}

enum lp_code mock_record(struct store *st, int64_t mock_id, const char *card_id, int section,
                         enum mock_mark mark, int answer_ms, int64_t now, struct lp_err *err)
{
    if ((int)mark < MOCK_WRONG || mark > MOCK_RIGHT)
        return err_set(err, LP_EINVAL, "a mock mark is wrong, partly or right");
    if (section < 0 || section >= MOCK_N_SECTIONS)
        return err_set(err, LP_EINVAL, "not an oral section");
    sqlite3_stmt *q =
        store_stmt(st,
                   "INSERT INTO mock_answers(mock_id, card_id, section, result, answer_ms, time)"
                   " SELECT ?1, ?2, ?3, ?4, ?5, ?6 WHERE EXISTS"
                   " (SELECT 1 FROM mocks WHERE id = ?1 AND finished IS NULL)",
                   err);
    if (!q)
        return LP_EDB;
    sqlite3_bind_int64(q, 1, mock_id);
    sqlite3_bind_text(q, 2, card_id, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(q, 3, mock_section_ids[section], -1, SQLITE_STATIC);
    sqlite3_bind_int(q, 4, (int)mark);
    sqlite3_bind_int(q, 5, answer_ms < 0 ? 0 : answer_ms);
    sqlite3_bind_int64(q, 6, now);
    enum lp_code rc = step_done(st, q, "saving the mock answer", err);
    if (rc == LP_OK && sqlite3_changes(store_db(st)) == 0)
        return err_set(err, LP_ENOTFOUND, "mock %lld is not running", (long long)mock_id);
    return rc;
}

static enum lp_code finish_in_tx(struct store *st, int64_t mock_id, int64_t now, int *kept,
                                 struct lp_err *err)
{
    sqlite3_stmt *q = store_stmt(st, "SELECT count(*) FROM mock_answers WHERE mock_id = ?", err);
    if (!q)
        return LP_EDB;
    sqlite3_bind_int64(q, 1, mock_id);
    int rc = sqlite3_step(q);
    int answers = rc == SQLITE_ROW ? sqlite3_column_int(q, 0) : 0;
    sqlite3_reset(q);
    if (rc != SQLITE_ROW)
        return store_fail(st, rc, "finishing the mock", err);
    *kept = answers > 0;
    q = store_stmt(st,
                   answers > 0 ? "UPDATE mocks SET finished = COALESCE(finished, ?2) WHERE id = ?1"
                               : "DELETE FROM mocks WHERE id = ?1",
                   err);
    if (!q)
        return LP_EDB;
    sqlite3_bind_int64(q, 1, mock_id);
    if (answers > 0)
        sqlite3_bind_int64(q, 2, now);
    return step_done(st, q, "finishing the mock", err);
}

enum lp_code mock_finish(struct store *st, int64_t mock_id, int64_t now, int *kept,
                         struct lp_err *err)
{
    int k = 0;
    enum lp_code rc = store_begin(st, err);
    if (rc != LP_OK)
        return rc;
    rc = finish_in_tx(st, mock_id, now, &k, err);
    if (rc != LP_OK) {
        store_rollback(st);
        return rc;
    }
    if (kept)
        *kept = k;
    return store_commit(st, err);
}

/* ---- results ---- */

static enum lp_code read_mock(struct store *st, int64_t mock_id, struct mock_results *out,
                              struct lp_err *err)
{
    sqlite3_stmt *q = store_stmt(
        st, "SELECT started, COALESCE(finished, 0), minutes, sections FROM mocks WHERE id = ?",
        err);
    if (!q)
        return LP_EDB;
    sqlite3_bind_int64(q, 1, mock_id);
    int rc = sqlite3_step(q);
    if (rc == SQLITE_ROW) {
        out->id = mock_id;
        out->started = sqlite3_column_int64(q, 0);
        out->finished = sqlite3_column_int64(q, 1);
        out->minutes = sqlite3_column_int(q, 2);
        out->mask = sections_mask((const char *)sqlite3_column_text(q, 3));
    }
    sqlite3_reset(q);
    if (rc == SQLITE_DONE)
        return err_set(err, LP_ENOTFOUND, "no mock %lld", (long long)mock_id);
    return rc == SQLITE_ROW ? LP_OK : store_fail(st, rc, "reading the mock", err);
}

static void tally_add(struct mock_tally *t, int mark)
{
    t->asked++;
    t->right += mark == MOCK_RIGHT;
    t->partly += mark == MOCK_PARTLY;
    t->wrong += mark == MOCK_WRONG;
    t->score = t->right + 0.5 * t->partly;
}

static int add_miss(struct mock_results *r, size_t *cap, sqlite3_stmt *q, int s, int mark)
{
    if (r->n_misses == *cap) {
        size_t nc = *cap ? *cap * 2 : 16;
        void *p = realloc(r->misses, nc * sizeof *r->misses);
        if (!p)
            return -1;
        r->misses = p;
        *cap = nc;
    }
    struct mock_miss *m = &r->misses[r->n_misses++];
    memset(m, 0, sizeof *m);
    snprintf(m->id, sizeof m->id, "%s", (const char *)sqlite3_column_text(q, 0));
    m->section = s;
    m->mark = (enum mock_mark)mark;
    m->answer_ms = sqlite3_column_int(q, 3);
    const char *text = (const char *)sqlite3_column_text(q, 4);
    text_crop(text ? text : "", 120, 1, m->q, sizeof m->q);
    return 0;
}

/* The medians: one pass per section over the times gathered in order. */
static enum lp_code medians(struct mock_results *r, const int64_t *ms, const int *sec, size_t n)
{
    int64_t *buf = malloc((n ? n : 1) * sizeof *buf), *all = malloc((n ? n : 1) * sizeof *all);
    if (!buf || !all) {
        free(buf);
        free(all);
        return LP_ENOMEM;
    }
    for (int s = 0; s < MOCK_N_SECTIONS; s++) {
        size_t k = 0;
        for (size_t i = 0; i < n; i++)
            if (sec[i] == s)
                buf[k++] = ms[i];
        r->sec[s].median_ms = mock_median(buf, k);
    }
    memcpy(all, ms, n * sizeof *all);
    r->total.median_ms = mock_median(all, n);
    free(buf);
    free(all);
    return LP_OK;
}

struct answer_times {
    int64_t *ms;
    int *sec;
    size_t n, cap;
};

static int keep_time(struct answer_times *t, int64_t ms, int s)
{
    if (t->n == t->cap) {
        size_t nc = t->cap ? t->cap * 2 : 32;
        int64_t *a = realloc(t->ms, nc * sizeof *a);
        if (a)
            t->ms = a;
        int *b = a ? realloc(t->sec, nc * sizeof *b) : NULL;
        if (!b)
            return -1;
        t->sec = b;
        t->cap = nc;
    }
    t->ms[t->n] = ms;
    t->sec[t->n++] = s;
    return 0;
}

static enum lp_code read_answers(struct store *st, struct mock_results *r, struct answer_times *t,
                                 struct lp_err *err)
{
    sqlite3_stmt *q = store_stmt(st,
                                 "SELECT a.card_id, a.section, a.result, a.answer_ms, c.q"
                                 " FROM mock_answers a LEFT JOIN cards c ON c.id = a.card_id"
                                 " WHERE a.mock_id = ? ORDER BY a.time, a.rowid",
                                 err);
    if (!q)
        return LP_EDB;
    sqlite3_bind_int64(q, 1, r->id);
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        int s = mock_section_index((const char *)sqlite3_column_text(q, 1));
        int mark = sqlite3_column_int(q, 2);
        if (s < 0)
            continue; /* only the four oral sections are ever written */
        tally_add(&r->sec[s], mark);
        tally_add(&r->total, mark);
        if (keep_time(t, sqlite3_column_int64(q, 3), s) != 0 ||
            (mark != MOCK_RIGHT && add_miss(r, &cap, q, s, mark) != 0)) {
            sqlite3_reset(q);
            return err_set(err, LP_ENOMEM, NULL);
        }
    }
    sqlite3_reset(q);
    return rc == SQLITE_DONE ? LP_OK : store_fail(st, rc, "reading the mock's answers", err);
}

enum lp_code mock_results(struct store *st, int64_t mock_id, struct mock_results *out,
                          struct lp_err *err)
{
    struct answer_times t = {0};
    memset(out, 0, sizeof *out);
    enum lp_code rc = read_mock(st, mock_id, out, err);
    if (rc == LP_OK)
        rc = read_answers(st, out, &t, err);
    if (rc == LP_OK && medians(out, t.ms, t.sec, t.n) != LP_OK)
        rc = err_set(err, LP_ENOMEM, NULL);
    free(t.ms);
    free(t.sec);
    if (rc != LP_OK)
        mock_results_free(out);
    return rc;
}

void mock_results_free(struct mock_results *r)
{
    free(r->misses);
    r->misses = NULL;
    r->n_misses = 0;
}

/* ---- the history ---- */

enum lp_code mock_list(struct store *st, int64_t **out, size_t *n, struct lp_err *err)
{
    sqlite3_stmt *q = store_stmt(st,
                                 "SELECT id FROM mocks m WHERE EXISTS"
                                 " (SELECT 1 FROM mock_answers a WHERE a.mock_id = m.id)"
                                 " ORDER BY started DESC, id DESC",
                                 err);
    size_t cap = 0;
    int rc;
    *out = NULL;
    *n = 0;
    if (!q)
        return LP_EDB;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        if (*n == cap) {
            size_t c = cap ? 2 * cap : 16;
            int64_t *p = realloc(*out, c * sizeof *p);
            if (!p) {
                sqlite3_reset(q);
                free(*out);
                *out = NULL;
                *n = 0;
                return err_set(err, LP_ENOMEM, NULL);
            }
            *out = p;
            cap = c;
        }
        (*out)[(*n)++] = sqlite3_column_int64(q, 0);
    }
    sqlite3_reset(q);
    if (rc != SQLITE_DONE) {
        free(*out);
        *out = NULL;
        *n = 0;
        return store_fail(st, rc, "listing the mock quizzes", err);
    }
    return LP_OK;
}

/* ---- sending the misses to study ---- */

#define MISSES " id IN (SELECT card_id FROM mock_answers WHERE mock_id = ?1 AND result < 2)"

static enum lp_code send_in_tx(struct store *st, int64_t mock_id, int64_t now, int *moved,
                               int *left_new, struct lp_err *err)
{
    sqlite3_stmt *q = store_stmt(
        st, "SELECT count(*) FROM cards WHERE state = 0 AND retired = 0 AND" MISSES, err);
    if (!q)
        return LP_EDB;
    sqlite3_bind_int64(q, 1, mock_id);
    int rc = sqlite3_step(q);
    *left_new = rc == SQLITE_ROW ? sqlite3_column_int(q, 0) : 0;
    sqlite3_reset(q);
    if (rc != SQLITE_ROW)
        return store_fail(st, rc, "sending the misses to study", err);
    q = store_stmt(st,
                   "UPDATE cards SET due = ?2 WHERE state IN (1, 2, 3) AND retired = 0"
                   " AND due > ?2 AND" MISSES,
                   err);
    if (!q)
        return LP_EDB;
    sqlite3_bind_int64(q, 1, mock_id);
    sqlite3_bind_int64(q, 2, now);
    enum lp_code c = step_done(st, q, "sending the misses to study", err);
    *moved = c == LP_OK ? sqlite3_changes(store_db(st)) : 0;
    return c;
}

enum lp_code mock_send_misses(struct store *st, int64_t mock_id, int64_t now, int *moved,
                              int *left_new, struct lp_err *err)
{
    int m = 0, l = 0;
    enum lp_code rc = store_begin(st, err);
    if (rc != LP_OK)
        return rc;
    rc = send_in_tx(st, mock_id, now, &m, &l, err);
    if (rc != LP_OK) {
        store_rollback(st);
        return rc;
    }
    if (moved)
        *moved = m;
    if (left_new)
        *left_new = l;
    return store_commit(st, err);
}
