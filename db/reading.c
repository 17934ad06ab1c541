/*
 * reading.c - the reading list over the papers table and the cards gated on
 * each paper.  Gating itself is done by cards.c (its AVAILABLE condition): this
 * file only moves the status, which is what opens or closes the gate.
 */
#include "reading.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const status_names[] = {"queued", "reading", "read", "summarised"};

const char *reading_status_name(int status)
{
    return status >= 0 && status < 4 ? status_names[status] : NULL;
}

int reading_status_parse(const char *s)
{
    for (int i = 0; s && i < 4; i++)
        if (!strcmp(s, status_names[i]))
            return i;
    return -1;
}

static void copy_col(char *dst, size_t size, sqlite3_stmt *q, int col)
{
    const unsigned char *t = sqlite3_column_text(q, col);
    snprintf(dst, size, "%s", t ? (const char *)t : "");
}

static char *dup_col(sqlite3_stmt *q, int col)
{
    const unsigned char *t = sqlite3_column_text(q, col);
    return t ? strdup((const char *)t) : NULL;
}

#define PAPER_COLS                                                                                 \
    "SELECT p.id, p.title, p.authors, p.venue, p.arxiv, p.topic, p.year, p.status,"                \
    " p.status_time, p.why, p.notes, (SELECT COUNT(*) FROM cards c WHERE c.gate = p.id"            \
    " AND c.retired = 0) FROM papers p WHERE p.retired = 0"

/* Fill p from a PAPER_COLS row; returns -1 when out of memory. */
static int read_paper(sqlite3_stmt *q, struct reading_paper *p)
{
    memset(p, 0, sizeof *p);
    copy_col(p->id, sizeof p->id, q, 0);
    copy_col(p->title, sizeof p->title, q, 1);
    copy_col(p->authors, sizeof p->authors, q, 2);
    copy_col(p->venue, sizeof p->venue, q, 3);
    copy_col(p->arxiv, sizeof p->arxiv, q, 4);
    copy_col(p->topic, sizeof p->topic, q, 5);
    p->year = sqlite3_column_int(q, 6);
    int s = reading_status_parse((const char *)sqlite3_column_text(q, 7));
    p->status = s < 0 ? READING_QUEUED : (enum reading_status)s;
    p->status_time = sqlite3_column_int64(q, 8);
    p->why = dup_col(q, 9);
    if (!p->why)
        p->why = strdup("");
    p->notes = dup_col(q, 10);
    p->questions = sqlite3_column_int(q, 11);
    if (!p->why || (sqlite3_column_type(q, 10) != SQLITE_NULL && !p->notes))
        return -1;
    return 0;
}

void reading_paper_free(struct reading_paper *p)
{
    free(p->why);
    free(p->notes);
    p->why = p->notes = NULL;
}

void reading_list_free(struct reading_list *l)
{
    for (size_t i = 0; i < l->n; i++)
        reading_paper_free(&l->papers[i]);
    free(l->papers);
    l->papers = NULL;
    l->n = 0;
}

static int list_push(struct reading_list *l, size_t *cap, sqlite3_stmt *q)
{
    if (l->n == *cap) {
        size_t nc = *cap ? *cap * 2 : 32;
        void *p = realloc(l->papers, nc * sizeof *l->papers);
        if (!p)
            return -1;
        l->papers = p;
        *cap = nc;
    }
    if (read_paper(q, &l->papers[l->n]) != 0) {
        reading_paper_free(&l->papers[l->n]);
        return -1;
    }
    l->n++;
    return 0;
}

enum lp_code reading_list(struct store *st, const char *topic, int status, struct reading_list *out,
                          struct lp_err *err)
{
    static const char sql[] = PAPER_COLS " AND (?1 IS NULL OR p.topic = ?1)"
                                         " AND (?2 IS NULL OR p.status = ?2)"
                                         " ORDER BY p.source, p.position";
    memset(out, 0, sizeof *out);
    sqlite3_stmt *q = store_stmt(st, sql, err);
    if (!q)
        return LP_EDB;
    sqlite3_bind_text(q, 1, topic, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 2, reading_status_name(status), -1, SQLITE_STATIC);
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW)
        if (list_push(out, &cap, q) != 0) {
            sqlite3_reset(q);
            reading_list_free(out);
            return err_set(err, LP_ENOMEM, NULL);
        }
    sqlite3_reset(q);
    if (rc != SQLITE_DONE) {
        reading_list_free(out);
        return store_fail(st, rc, "reading the reading list", err);
    }
    return LP_OK;
}

enum lp_code reading_get(struct store *st, const char *id, struct reading_paper *out,
                         struct lp_err *err)
{
    sqlite3_stmt *q = store_stmt(st, PAPER_COLS " AND p.id = ?", err);
    memset(out, 0, sizeof *out);
    if (!q)
        return LP_EDB;
    sqlite3_bind_text(q, 1, id, -1, SQLITE_STATIC);
    int rc = sqlite3_step(q);
    int oom = rc == SQLITE_ROW && read_paper(q, out) != 0;
    sqlite3_reset(q);
    if (oom) {
        reading_paper_free(out);
        return err_set(err, LP_ENOMEM, NULL);
    }
    if (rc == SQLITE_DONE)
        return err_set(err, LP_ENOTFOUND, "no paper with id '%s' in the reading list", id);
    return rc == SQLITE_ROW ? LP_OK : store_fail(st, rc, "reading a paper", err);
}

void reading_questions_free(struct reading_question *q, size_t n)
{
    for (size_t i = 0; q && i < n; i++)
        free(q[i].q);
    free(q);
}

enum lp_code reading_questions(struct store *st, const char *id, int32_t today,
                               struct reading_question **out, size_t *n, struct lp_err *err)
{
    sqlite3_stmt *q = store_stmt(
        st,
        "SELECT c.id, c.q, c.state, c.suspended = 0 AND c.buried_day <> ?2 AND p.status IN"
        " ('read','summarised') FROM cards c JOIN papers p ON p.id = c.gate"
        " WHERE c.gate = ?1 AND c.retired = 0 ORDER BY c.position",
        err);
    *out = NULL;
    *n = 0;
    if (!q)
        return LP_EDB;
    sqlite3_bind_text(q, 1, id, -1, SQLITE_STATIC);
    sqlite3_bind_int(q, 2, today);
    int rc;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        void *p = realloc(*out, (*n + 1) * sizeof **out);
        if (!p) {
            sqlite3_reset(q);
            return err_set(err, LP_ENOMEM, NULL);
        }
        *out = p;
        struct reading_question *r = &(*out)[(*n)++];
        copy_col(r->id, sizeof r->id, q, 0);
        r->q = dup_col(q, 1);
        r->state = sqlite3_column_int(q, 2);
        r->available = sqlite3_column_int(q, 3);
    }
    sqlite3_reset(q);
    if (rc != SQLITE_DONE)
        return store_fail(st, rc, "reading the key questions", err);
    return LP_OK;
}

/* Live questions gated on id that the gate lets through now (ignoring suspension). */
static int open_questions(struct store *st, const char *id, struct lp_err *err)
{
    sqlite3_stmt *q = store_stmt(st,
                                 "SELECT COUNT(*) FROM cards c JOIN papers p ON p.id = c.gate"
                                 " WHERE c.gate = ? AND c.retired = 0"
                                 " AND p.status IN ('read','summarised')",
                                 err);
    if (!q)
        return -1;
    sqlite3_bind_text(q, 1, id, -1, SQLITE_STATIC);
    int rc = sqlite3_step(q);
    int n = rc == SQLITE_ROW ? sqlite3_column_int(q, 0) : -1;
    sqlite3_reset(q);
    if (n < 0)
        store_fail(st, rc, "counting key questions", err);
    return n;
}

/* Run an UPDATE of one paper: ?1 id, ?2 text, ?3 now (binding an unused ?3 is harmless). */
static enum lp_code update_paper(struct store *st, const char *sql, const char *id,
                                 const char *text, int64_t now, struct lp_err *err)
{
    sqlite3_stmt *q = store_stmt(st, sql, err);
    if (!q)
        return LP_EDB;
    sqlite3_bind_text(q, 1, id, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 2, text, -1, SQLITE_STATIC);
    sqlite3_bind_int64(q, 3, now);
    int rc = sqlite3_step(q);
    sqlite3_reset(q);
    if (rc != SQLITE_DONE)
        return store_fail(st, rc, "saving the paper", err);
    if (sqlite3_changes(store_db(st)) == 0)
        return err_set(err, LP_ENOTFOUND, "no paper with id '%s' in the reading list", id);
    return LP_OK;
}

enum lp_code reading_set_status(struct store *st, const char *id, int status, int64_t now,
                                int *unlocked, struct lp_err *err)
{
    const char *name = reading_status_name(status);
    if (!name)
        return err_set(err, LP_EINVAL, "status must be queued, reading, read or summarised");
    enum lp_code rc = store_begin(st, err);
    if (rc != LP_OK)
        return rc;
    int before = open_questions(st, id, err);
    rc = before < 0 ? LP_EDB
                    : update_paper(st,
                                   "UPDATE papers SET status = ?2, status_time = ?3"
                                   " WHERE id = ?1 AND retired = 0",
                                   id, name, now, err);
    int after = rc == LP_OK ? open_questions(st, id, err) : 0;
    if (rc == LP_OK && after < 0)
        rc = LP_EDB;
    if (rc != LP_OK) {
        store_rollback(st);
        return rc;
    }
    if ((rc = store_commit(st, err)) != LP_OK)
        return rc;
    if (unlocked)
        *unlocked = after > before ? after - before : 0;
    return LP_OK;
}

enum lp_code reading_set_notes(struct store *st, const char *id, const char *notes,
                               struct lp_err *err)
{
    size_t len = notes ? strlen(notes) : 0;
    while (len && (notes[len - 1] == ' ' || notes[len - 1] == '\n' || notes[len - 1] == '\t' ||
                   notes[len - 1] == '\r'))
        len--;
    char *text = len ? strndup(notes, len) : NULL;
    if (len && !text)
        return err_set(err, LP_ENOMEM, NULL);
    enum lp_code rc = update_paper(st, "UPDATE papers SET notes = ?2 WHERE id = ?1 AND retired = 0",
                                   id, text, 0, err);
    free(text);
    return rc;
}

enum lp_code reading_counts(struct store *st, int counts[4], struct lp_err *err)
{
    sqlite3_stmt *q = store_stmt(
        st, "SELECT status, COUNT(*) FROM papers WHERE retired = 0 GROUP BY status", err);
    memset(counts, 0, 4 * sizeof counts[0]);
    if (!q)
        return LP_EDB;
    int rc;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        int s = reading_status_parse((const char *)sqlite3_column_text(q, 0));
        if (s >= 0)
            counts[s] = sqlite3_column_int(q, 1);
    }
    sqlite3_reset(q);
    return rc == SQLITE_DONE ? LP_OK : store_fail(st, rc, "counting papers", err);
}
