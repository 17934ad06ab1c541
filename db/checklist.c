/*
 * checklist.c - the readiness checklist over checklists, checklist_items,
 * checklist_bands, checklist_answers, assessments and assessment_items.
 * Scoring rules and thresholds are documented in checklist.h.
 */
#include "checklist.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "evidence.h"

#define QUICK_POINTS 5

const char *checklist_kind_name(enum checklist_kind k)
{
    return k == CHECKLIST_QUICK ? "quick" : "full";
}

static void copy_col(char *dst, size_t size, sqlite3_stmt *q, int col)
{
    const unsigned char *t = sqlite3_column_text(q, col);
    snprintf(dst, size, "%s", t ? (const char *)t : "");
}

static int percent_of(int score, int max)
{
    return max > 0 ? (int)((200L * score + max) / (2L * max)) : 0;
}

/* ---- pure scoring ---- */

static void score_categories(struct checklist_view *v)
{
    v->score = v->max = v->rated = 0;
    for (size_t c = 0; c < v->n_cats; c++) {
        struct checklist_category *cat = &v->cats[c];
        cat->score = cat->max = 0;
        for (size_t i = cat->first; i < cat->first + cat->n; i++) {
            const struct checklist_item *it = &v->items[i];
            cat->max += it->points;
            cat->score += v->kind == CHECKLIST_QUICK ? it->value : it->value ? it->points : 0;
            v->rated += it->value > 0;
        }
        v->score += cat->score;
        v->max += cat->max;
    }
}

static int pick_band(const struct checklist_view *v)
{
    int scaled = v->score;
    if (v->kind == CHECKLIST_QUICK && v->max > 0)
        scaled = v->full_max > 0 ? (int)((2L * v->score * v->full_max + v->max) / (2L * v->max))
                                 : v->percent;
    for (size_t b = 0; b < v->n_bands; b++)
        if (v->bands[b].min <= scaled)
            return (int)b;
    return -1;
}

static int pick_weakest(const struct checklist_view *v)
{
    int best = -1;
    for (size_t c = 0; c < v->n_cats; c++) {
        const struct checklist_category *a = &v->cats[c];
        if (a->max <= 0)
            continue;
        if (best < 0 || (long)a->score * v->cats[best].max < (long)v->cats[best].score * a->max)
            best = (int)c;
    }
    return best;
}

int checklist_conflict_text(const struct checklist_item *it, enum checklist_kind kind, char *buf,
                            size_t size)
{
    int quick = kind == CHECKLIST_QUICK;
    int ticked = quick ? it->value >= 4 : it->value == 1;
    int unticked = quick ? it->value >= 1 && it->value <= 2 : it->value == 0;
    const struct checklist_evidence *against = NULL, *supports = NULL;
    for (int i = 0; i < it->n_ev; i++) {
        if (it->ev[i].verdict == CHECKLIST_AGAINST && !against)
            against = &it->ev[i];
        if (it->ev[i].verdict == CHECKLIST_SUPPORTS && !supports)
            supports = &it->ev[i];
    }
    buf[0] = '\0';
    if (ticked && against)
        snprintf(buf, size, "%s%s, but %s.", quick ? "Rated " : "Ticked",
                 quick ? (it->value == 5 ? "5" : "4") : "", against->why);
    else if (unticked && supports && !against)
        snprintf(buf, size, "%s%s, but the record is strong: %s.", quick ? "Rated " : "Not ticked",
                 quick ? (it->value == 1 ? "1" : "2") : "", supports->why);
    return buf[0] != '\0';
}

void checklist_rescore(struct checklist_view *v)
{
    score_categories(v);
    v->percent = percent_of(v->score, v->max);
    v->band = pick_band(v);
    v->weakest = pick_weakest(v);
    v->conflicts = 0;
    for (size_t i = 0; i < v->n_items; i++)
        v->conflicts += checklist_conflict_text(&v->items[i], v->kind, v->items[i].conflict,
                                                sizeof v->items[i].conflict);
}

struct checklist_item *checklist_find(struct checklist_view *v, const char *id)
{
    for (size_t i = 0; i < v->n_items; i++)
        if (!strcmp(v->items[i].id, id))
            return &v->items[i];
    return NULL;
}

void checklist_free(struct checklist_view *v)
{
    free(v->items);
    free(v->cats);
    free(v->bands);
    memset(v, 0, sizeof *v);
}

/* ---- loading ---- */

static enum lp_code load_head(struct store *st, const char *id, struct checklist_view *v,
                              struct lp_err *err)
{
    sqlite3_stmt *q = store_stmt(
        st,
        "SELECT c.id, c.title, c.quick_title, (SELECT COALESCE(SUM(points), 0) FROM"
        " checklist_items i WHERE i.checklist_id = c.id AND i.quick = 0 AND i.retired = 0)"
        " FROM checklists c WHERE c.retired = 0 AND (?1 IS NULL OR c.id = ?1)"
        " ORDER BY c.id LIMIT 1",
        err);
    if (!q)
        return LP_EDB;
    sqlite3_bind_text(q, 1, id, -1, SQLITE_STATIC);
    int rc = sqlite3_step(q), no_quick = 0;
    if (rc == SQLITE_ROW) {
        copy_col(v->id, sizeof v->id, q, 0);
        no_quick = sqlite3_column_type(q, 2) == SQLITE_NULL;
        copy_col(v->title, sizeof v->title, q, v->kind == CHECKLIST_QUICK ? 2 : 1);
        v->full_max = sqlite3_column_int(q, 3);
    }
    sqlite3_reset(q);
    if (rc == SQLITE_DONE)
        return id ? err_set(err, LP_ENOTFOUND, "no checklist '%s'", id)
                  : err_set(err, LP_ENOTFOUND, "no checklist in the content");
    if (rc != SQLITE_ROW)
        return store_fail(st, rc, "reading the checklist", err);
    if (v->kind == CHECKLIST_QUICK && no_quick)
        return err_set(err, LP_ENOTFOUND, "checklist '%s' has no quick variant", v->id);
    return LP_OK;
}

static enum lp_code load_bands(struct store *st, struct checklist_view *v, struct lp_err *err)
{
    sqlite3_stmt *q = store_stmt(st,
                                 "SELECT min, label, advice FROM checklist_bands"
                                 " WHERE checklist_id = ? ORDER BY min DESC",
                                 err);
    if (!q)
        return LP_EDB;
    sqlite3_bind_text(q, 1, v->id, -1, SQLITE_STATIC);
    int rc;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        void *p = realloc(v->bands, (v->n_bands + 1) * sizeof *v->bands);
        if (!p) {
            sqlite3_reset(q);
            return err_set(err, LP_ENOMEM, NULL);
        }
        v->bands = p;
        struct checklist_band *b = &v->bands[v->n_bands++];
        b->min = sqlite3_column_int(q, 0);
        copy_col(b->label, sizeof b->label, q, 1);
        copy_col(b->advice, sizeof b->advice, q, 2);
    }
    sqlite3_reset(q);
    return rc == SQLITE_DONE ? LP_OK : store_fail(st, rc, "reading the score bands", err);
}

/* The category index for cat (appended when new); -1 when out of memory. */
static int category_index(struct checklist_view *v, const char *cat, const char *title)
{
    for (size_t c = 0; c < v->n_cats; c++)
        if (!strcmp(v->cats[c].id, cat))
            return (int)c;
    void *p = realloc(v->cats, (v->n_cats + 1) * sizeof *v->cats);
    if (!p)
        return -1;
    v->cats = p;
    struct checklist_category *c = &v->cats[v->n_cats];
    memset(c, 0, sizeof *c);
    snprintf(c->id, sizeof c->id, "%s", cat);
    snprintf(c->title, sizeof c->title, "%s", title ? title : cat);
    return (int)v->n_cats++;
}

/* Items come in checklist order; regroup them by category (stable) and link them. */
static int group_items(struct checklist_view *v, const int *cat_of)
{
    struct checklist_item *sorted = malloc((v->n_items ? v->n_items : 1) * sizeof *sorted);
    if (!sorted)
        return -1;
    size_t k = 0;
    for (size_t c = 0; c < v->n_cats; c++) {
        v->cats[c].first = k;
        for (size_t i = 0; i < v->n_items; i++)
            if (cat_of[i] == (int)c)
                sorted[k++] = v->items[i];
        v->cats[c].n = k - v->cats[c].first;
    }
    free(v->items);
    v->items = sorted;
    return 0;
}

static int clamp_value(const struct checklist_view *v, int value)
{
    if (v->kind == CHECKLIST_QUICK)
        return value >= 1 && value <= 5 ? value : 0;
    return value == 1;
}

static enum lp_code measure_item(struct store *st, const struct evidence_ctx *ctx,
                                 struct checklist_item *it, const char *keys, struct lp_err *err)
{
    char key[80];
    for (const char *p = keys ? keys : ""; *p && it->n_ev < CHECKLIST_MAX_EVIDENCE;) {
        while (*p == ' ')
            p++;
        size_t len = strcspn(p, " ");
        if (len && len < sizeof key) {
            memcpy(key, p, len);
            key[len] = '\0';
            enum lp_code rc = evidence_measure(st, ctx, key, &it->ev[it->n_ev++], err);
            if (rc != LP_OK)
                return rc;
        }
        p += len;
    }
    return LP_OK;
}

struct item_reader {
    struct checklist_view *v;
    const struct evidence_ctx *ctx;
    int *cat_of; /* category index per item, in read order */
    size_t cap;
};

static int grow_items(struct item_reader *r)
{
    if (r->v->n_items < r->cap)
        return 0;
    size_t nc = r->cap ? r->cap * 2 : 32;
    void *a = realloc(r->v->items, nc * sizeof *r->v->items);
    if (!a)
        return -1;
    r->v->items = a;
    void *b = realloc(r->cat_of, nc * sizeof *r->cat_of);
    if (!b)
        return -1;
    r->cat_of = b;
    r->cap = nc;
    return 0;
}

static enum lp_code read_item(struct store *st, struct item_reader *r, sqlite3_stmt *q,
                              struct lp_err *err)
{
    struct checklist_view *v = r->v;
    if (grow_items(r) != 0)
        return err_set(err, LP_ENOMEM, NULL);
    struct checklist_item *it = &v->items[v->n_items];
    memset(it, 0, sizeof *it);
    copy_col(it->id, sizeof it->id, q, 0);
    copy_col(it->category, sizeof it->category, q, 1);
    copy_col(it->text, sizeof it->text, q, 3);
    it->points = v->kind == CHECKLIST_QUICK ? QUICK_POINTS : sqlite3_column_int(q, 4);
    it->value = clamp_value(v, sqlite3_column_int(q, 6));
    it->updated = sqlite3_column_int64(q, 7);
    int c = category_index(v, it->category, (const char *)sqlite3_column_text(q, 2));
    if (c < 0)
        return err_set(err, LP_ENOMEM, NULL);
    r->cat_of[v->n_items++] = c;
    return measure_item(st, r->ctx, it, (const char *)sqlite3_column_text(q, 5), err);
}

static enum lp_code load_items(struct store *st, struct checklist_view *v,
                               const struct evidence_ctx *ctx, struct lp_err *err)
{
    sqlite3_stmt *q = store_stmt(
        st,
        "SELECT i.id, i.category, i.category_title, i.text, i.points, i.evidence, a.value,"
        " a.updated FROM checklist_items i LEFT JOIN checklist_answers a ON a.item_id = i.id"
        " WHERE i.checklist_id = ? AND i.quick = ? AND i.retired = 0 ORDER BY i.position",
        err);
    if (!q)
        return LP_EDB;
    sqlite3_bind_text(q, 1, v->id, -1, SQLITE_STATIC);
    sqlite3_bind_int(q, 2, v->kind == CHECKLIST_QUICK);
    struct item_reader r = {v, ctx, NULL, 0};
    enum lp_code rc = LP_OK;
    int step;
    while ((step = sqlite3_step(q)) == SQLITE_ROW && (rc = read_item(st, &r, q, err)) == LP_OK)
        ;
    sqlite3_reset(q);
    if (rc == LP_OK && step != SQLITE_DONE)
        rc = store_fail(st, step, "reading the checklist items", err);
    if (rc == LP_OK && group_items(v, r.cat_of) != 0)
        rc = err_set(err, LP_ENOMEM, NULL);
    free(r.cat_of);
    return rc;
}

enum lp_code checklist_load(struct store *st, const char *id, enum checklist_kind kind, int64_t now,
                            int rollover_hour, struct checklist_view *out, struct lp_err *err)
{
    struct evidence_ctx ctx;
    memset(out, 0, sizeof *out);
    out->kind = kind;
    enum lp_code rc = load_head(st, id, out, err);
    if (rc == LP_OK)
        rc = load_bands(st, out, err);
    if (rc == LP_OK) {
        rc = evidence_begin(st, clock_day(now, rollover_hour), rollover_hour, &ctx, err);
        if (rc == LP_OK)
            rc = load_items(st, out, &ctx, err);
        evidence_end(&ctx);
    }
    if (rc != LP_OK) {
        checklist_free(out);
        return rc;
    }
    checklist_rescore(out);
    return LP_OK;
}

/* ---- answers ---- */

int checklist_item_kind(struct store *st, const char *item_id, struct lp_err *err)
{
    sqlite3_stmt *q =
        store_stmt(st, "SELECT quick FROM checklist_items WHERE id = ? AND retired = 0", err);
    if (!q)
        return -1;
    sqlite3_bind_text(q, 1, item_id, -1, SQLITE_STATIC);
    int rc = sqlite3_step(q);
    int kind = rc == SQLITE_ROW && sqlite3_column_int(q, 0) ? CHECKLIST_QUICK : CHECKLIST_FULL;
    sqlite3_reset(q);
    if (rc == SQLITE_DONE)
        return err_set(err, LP_ENOTFOUND, "no checklist item '%s'", item_id), -1;
    if (rc != SQLITE_ROW)
        return store_fail(st, rc, "reading the checklist", err), -1;
    return kind;
}

enum lp_code checklist_set(struct store *st, const char *item_id, int value, int64_t now,
                           int *quick, struct lp_err *err)
{
    struct lp_err local;
    if (!err)
        err = &local; /* for the code of checklist_item_kind's failure */
    int kind = checklist_item_kind(st, item_id, err);
    if (kind < 0)
        return err->code;
    int is_quick = kind == CHECKLIST_QUICK;
    if (is_quick ? value < 1 || value > 5 : value < 0 || value > 1)
        return err_set(err, LP_EINVAL, "%s is a %s item: answer it %s", item_id,
                       is_quick ? "quick" : "full", is_quick ? "1-5" : "yes or no");
    sqlite3_stmt *q;
    int rc;
    q = store_stmt(st,
                   "INSERT OR REPLACE INTO checklist_answers(item_id, value, updated)"
                   " VALUES(?, ?, ?)",
                   err);
    if (!q)
        return LP_EDB;
    sqlite3_bind_text(q, 1, item_id, -1, SQLITE_STATIC);
    sqlite3_bind_int(q, 2, value);
    sqlite3_bind_int64(q, 3, now);
    rc = sqlite3_step(q);
    sqlite3_reset(q);
    if (rc != SQLITE_DONE)
        return store_fail(st, rc, "saving the answer", err);
    if (quick)
        *quick = is_quick;
    return LP_OK;
}

/* ---- assessments ---- */

static enum lp_code insert_assessment(struct store *st, const struct checklist_view *v, int64_t now,
                                      int32_t day, int64_t *id, struct lp_err *err)
{
    sqlite3_stmt *q = store_stmt(st,
                                 "INSERT INTO assessments(checklist_id, kind, time, day, score,"
                                 " max, band) VALUES(?, ?, ?, ?, ?, ?, ?)",
                                 err);
    if (!q)
        return LP_EDB;
    sqlite3_bind_text(q, 1, v->id, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 2, checklist_kind_name(v->kind), -1, SQLITE_STATIC);
    sqlite3_bind_int64(q, 3, now);
    sqlite3_bind_int(q, 4, day);
    sqlite3_bind_int(q, 5, v->score);
    sqlite3_bind_int(q, 6, v->max);
    sqlite3_bind_text(q, 7, v->band >= 0 ? v->bands[v->band].label : "", -1, SQLITE_STATIC);
    int rc = sqlite3_step(q);
    sqlite3_reset(q);
    if (rc != SQLITE_DONE)
        return store_fail(st, rc, "saving the assessment", err);
    *id = sqlite3_last_insert_rowid(store_db(st));
    return LP_OK;
}

static enum lp_code insert_items(struct store *st, const struct checklist_view *v, int64_t id,
                                 struct lp_err *err)
{
    for (size_t i = 0; i < v->n_items; i++) {
        sqlite3_stmt *q = store_stmt(st,
                                     "INSERT INTO assessment_items(assessment_id, item_id,"
                                     " category, value) VALUES(?, ?, ?, ?)",
                                     err);
        if (!q)
            return LP_EDB;
        sqlite3_bind_int64(q, 1, id);
        sqlite3_bind_text(q, 2, v->items[i].id, -1, SQLITE_STATIC);
        sqlite3_bind_text(q, 3, v->items[i].category, -1, SQLITE_STATIC);
        sqlite3_bind_int(q, 4, v->items[i].value);
        int rc = sqlite3_step(q);
        sqlite3_reset(q);
        if (rc != SQLITE_DONE)
            return store_fail(st, rc, "saving the assessment", err);
    }
    return LP_OK;
}

enum lp_code checklist_save(struct store *st, const struct checklist_view *v, int64_t now,
                            int rollover_hour, struct checklist_assessment *out, struct lp_err *err)
{
    if (v->kind == CHECKLIST_QUICK && (size_t)v->rated < v->n_items)
        return err_set(err, LP_ESTATE, "rate every quick item 1-5 first (%zu of %zu unrated)",
                       v->n_items - (size_t)v->rated, v->n_items);
    int64_t id = 0;
    enum lp_code rc = store_begin(st, err);
    if (rc != LP_OK)
        return rc;
    rc = insert_assessment(st, v, now, clock_day(now, rollover_hour), &id, err);
    if (rc == LP_OK)
        rc = insert_items(st, v, id, err);
    if (rc != LP_OK) {
        store_rollback(st);
        return rc;
    }
    if ((rc = store_commit(st, err)) != LP_OK || !out)
        return rc;
    struct checklist_history h;
    if ((rc = checklist_history(st, v->id, &h, err)) != LP_OK)
        return rc;
    for (size_t i = 0; i < h.n; i++)
        if (h.a[i].id == id)
            *out = h.a[i];
    checklist_history_free(&h);
    return LP_OK;
}

static void fill_changes(struct checklist_history *h)
{
    for (size_t i = 0; i < h->n; i++) {
        struct checklist_assessment *a = &h->a[i];
        for (size_t j = i; j-- > 0;)
            if (h->a[j].kind == a->kind && !strcmp(h->a[j].checklist, a->checklist)) {
                a->has_prev = 1;
                a->change = a->percent - h->a[j].percent;
                break;
            }
    }
}

enum lp_code checklist_history(struct store *st, const char *id, struct checklist_history *out,
                               struct lp_err *err)
{
    sqlite3_stmt *q = store_stmt(st,
                                 "SELECT id, checklist_id, kind, time, day, score, max, band"
                                 " FROM assessments WHERE ?1 IS NULL OR checklist_id = ?1"
                                 " ORDER BY time, id",
                                 err);
    memset(out, 0, sizeof *out);
    if (!q)
        return LP_EDB;
    sqlite3_bind_text(q, 1, id, -1, SQLITE_STATIC);
    int rc;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        void *p = realloc(out->a, (out->n + 1) * sizeof *out->a);
        if (!p) {
            sqlite3_reset(q);
            checklist_history_free(out);
            return err_set(err, LP_ENOMEM, NULL);
        }
        out->a = p;
        struct checklist_assessment *a = &out->a[out->n++];
        memset(a, 0, sizeof *a);
        a->id = sqlite3_column_int64(q, 0);
        copy_col(a->checklist, sizeof a->checklist, q, 1);
        const unsigned char *k = sqlite3_column_text(q, 2);
        a->kind = k && !strcmp((const char *)k, "quick") ? CHECKLIST_QUICK : CHECKLIST_FULL;
        a->time = sqlite3_column_int64(q, 3);
        a->day = sqlite3_column_int(q, 4);
        a->score = sqlite3_column_int(q, 5);
        a->max = sqlite3_column_int(q, 6);
        a->percent = percent_of(a->score, a->max);
        copy_col(a->band, sizeof a->band, q, 7);
    }
    sqlite3_reset(q);
    if (rc != SQLITE_DONE) {
        checklist_history_free(out);
        return store_fail(st, rc, "reading the assessments", err);
    }
    fill_changes(out);
    return LP_OK;
}

void checklist_history_free(struct checklist_history *h)
{
    free(h->a);
    h->a = NULL;
    h->n = 0;
}
