/*
 * browse.c - the card browser's queries (browse.h): search with filters, a
 * card's review history, and resetting a card to new.
 */
#include "browse.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wctype.h>

#include "clock.h"
#include "text.h"

static const char *const filter_names[BROWSE_N_FILTERS] = {"all", "due", "new", "suspended",
                                                           "leech"};

const char *browse_filter_name(enum browse_filter f)
{
    return f >= 0 && f < BROWSE_N_FILTERS ? filter_names[f] : "all";
}

/* ---- case-insensitive matching ---- */

/* Decode one UTF-8 character at s (n bytes left); an invalid byte is returned as
 * itself with length 1, so nothing is ever skipped. */
static unsigned decode(const unsigned char *s, size_t n, size_t *len)
{
    unsigned c = s[0];
    size_t k = c >= 0xF0 && c < 0xF8 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    if (c >= 0xF8 || k > n)
        k = 1;
    unsigned v = k == 1 ? c : c & (0x7F >> k);
    for (size_t i = 1; i < k; i++) {
        if ((s[i] & 0xC0) != 0x80) {
            *len = 1;
            return c;
        }
        v = (v << 6) | (s[i] & 0x3F);
    }
    *len = k;
    return v;
}

static size_t encode(unsigned v, char *out)
{
    if (v < 0x80)
        return out[0] = (char)v, 1;
    if (v < 0x800)
        return out[0] = (char)(0xC0 | v >> 6), out[1] = (char)(0x80 | (v & 0x3F)), 2;
    if (v < 0x10000) {
        out[0] = (char)(0xE0 | v >> 12);
        out[1] = (char)(0x80 | ((v >> 6) & 0x3F));
        out[2] = (char)(0x80 | (v & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | v >> 18);
    out[1] = (char)(0x80 | ((v >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((v >> 6) & 0x3F));
    out[3] = (char)(0x80 | (v & 0x3F));
    return 4;
}

/* s folded to lower case, malloc'd (lowering never more than doubles a
 * character's bytes, so twice the length is room enough). */
static char *fold(const char *s)
{
    size_t n = strlen(s), o = 0;
    char *out = malloc(2 * n + 1);
    if (!out)
        return NULL;
    for (size_t i = 0; i < n;) {
        size_t len;
        unsigned c = decode((const unsigned char *)s + i, n - i, &len);
        if (len == 1 && c >= 0x80)
            out[o++] = (char)c; /* invalid byte: kept as is */
        else
            o += encode((unsigned)towlower((wint_t)c), out + o);
        i += len;
    }
    out[o] = '\0';
    return out;
}

int browse_match(const char *hay, const char *words)
{
    if (!words)
        return 1;
    char *h = fold(hay ? hay : ""), *w = fold(words);
    int ok = h && w;
    for (char *save = NULL, *tok = ok ? strtok_r(w, " \t", &save) : NULL; tok && ok;
         tok = strtok_r(NULL, " \t", &save))
        ok = strstr(h, tok) != NULL;
    free(h);
    free(w);
    return ok;
}

/* ---- search ---- */

#define SECTION_ORDER                                                                              \
    " CASE section WHEN 'mathematics' THEN 0 WHEN 'statistics' THEN 1"                             \
    " WHEN 'computer-science' THEN 2 WHEN 'machine-learning' THEN 3"                               \
    " WHEN 'alignment' THEN 4 ELSE 5 END"

static int wanted(sqlite3_stmt *q, const struct browse_query *bq, int64_t day_end)
{
    int state = sqlite3_column_int(q, 3), suspended = sqlite3_column_int(q, 5);
    switch (bq->filter) {
    case BROWSE_DUE:
        return state != 0 && !suspended && sqlite3_column_int64(q, 4) < day_end;
    case BROWSE_NEW:
        return state == 0;
    case BROWSE_SUSPENDED:
        return suspended;
    case BROWSE_LEECH:
        return sqlite3_column_int(q, 6);
    default:
        return 1;
    }
}

/* The text a search looks through: id, question, answer and tags. */
static int text_matches(sqlite3_stmt *q, const char *words)
{
    if (!words || !*words)
        return 1;
    const int cols[] = {0, 7, 8, 9};
    size_t len = 4;
    for (int i = 0; i < 4; i++)
        len += (size_t)sqlite3_column_bytes(q, cols[i]) + 1;
    char *all = malloc(len);
    if (!all)
        return 0;
    size_t o = 0;
    for (int i = 0; i < 4; i++) {
        const char *t = (const char *)sqlite3_column_text(q, cols[i]);
        o += (size_t)snprintf(all + o, len - o, "%s\n", t ? t : "");
    }
    int ok = browse_match(all, words);
    free(all);
    return ok;
}

static void read_row(sqlite3_stmt *q, struct browse_row *r)
{
    const char *t;
    memset(r, 0, sizeof *r);
    snprintf(r->id, sizeof r->id, "%s", (const char *)sqlite3_column_text(q, 0));
    snprintf(r->deck, sizeof r->deck, "%s", (const char *)sqlite3_column_text(q, 1));
    snprintf(r->section, sizeof r->section, "%s", (const char *)sqlite3_column_text(q, 2));
    r->state = sqlite3_column_int(q, 3);
    r->due = sqlite3_column_int64(q, 4);
    r->suspended = sqlite3_column_int(q, 5);
    r->leech = sqlite3_column_int(q, 6);
    t = (const char *)sqlite3_column_text(q, 7);
    text_crop(t ? t : "", 120, 1, r->q, sizeof r->q);
}

static int push_row(struct browse_row **out, size_t *n, size_t *cap, sqlite3_stmt *q)
{
    if (*n == *cap) {
        size_t nc = *cap ? *cap * 2 : 64;
        void *p = realloc(*out, nc * sizeof **out);
        if (!p)
            return -1;
        *out = p;
        *cap = nc;
    }
    read_row(q, &(*out)[(*n)++]);
    return 0;
}

enum lp_code browse_search(struct store *st, const struct browse_query *bq, struct browse_row **out,
                           size_t *n, struct lp_err *err)
{
    sqlite3_stmt *q = store_stmt(
        st,
        "SELECT id, deck_id, section, state, due, suspended, leech, q, a, tags FROM cards"
        " WHERE retired = 0 AND (?1 IS NULL OR section = ?1)"
        " ORDER BY" SECTION_ORDER ", deck_id, position, id",
        err);
    size_t cap = 0;
    *out = NULL;
    *n = 0;
    if (!q)
        return LP_EDB;
    if (bq->section)
        sqlite3_bind_text(q, 1, bq->section, -1, SQLITE_TRANSIENT);
    else
        sqlite3_bind_null(q, 1); /* a reset statement keeps its old bindings */
    int64_t day_end = clock_day_start(clock_day(bq->now, bq->rollover_hour) + 1, bq->rollover_hour);
    int rc;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        if (!wanted(q, bq, day_end) || !text_matches(q, bq->text))
            continue;
        if (push_row(out, n, &cap, q) != 0) {
            sqlite3_reset(q);
            return err_set(err, LP_ENOMEM, NULL);
        }
    }
    sqlite3_reset(q);
    return rc == SQLITE_DONE ? LP_OK : store_fail(st, rc, "searching the cards", err);
}

/* ---- history ---- */

enum lp_code browse_history(struct store *st, const char *id, struct browse_review **out, size_t *n,
                            struct lp_err *err)
{
    sqlite3_stmt *q = store_stmt(st,
                                 "SELECT time, day, grade, state_before, state_after,"
                                 " due_after - time, answer_ms, mode FROM revlog"
                                 " WHERE card_id = ? ORDER BY time, id",
                                 err);
    size_t cap = 0;
    *out = NULL;
    *n = 0;
    if (!q)
        return LP_EDB;
    sqlite3_bind_text(q, 1, id, -1, SQLITE_TRANSIENT);
    int rc;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        if (*n == cap) {
            size_t nc = cap ? cap * 2 : 16;
            void *p = realloc(*out, nc * sizeof **out);
            if (!p) {
                sqlite3_reset(q);
                return err_set(err, LP_ENOMEM, NULL);
            }
            *out = p;
            cap = nc;
        }
        struct browse_review *r = &(*out)[(*n)++];
        r->time = sqlite3_column_int64(q, 0);
        r->day = sqlite3_column_int(q, 1);
        r->grade = sqlite3_column_int(q, 2);
        r->state_before = sqlite3_column_int(q, 3);
        r->state_after = sqlite3_column_int(q, 4);
        r->interval = sqlite3_column_int64(q, 5);
        r->answer_ms = sqlite3_column_int(q, 6);
        snprintf(r->mode, sizeof r->mode, "%s", (const char *)sqlite3_column_text(q, 7));
    }
    sqlite3_reset(q);
    return rc == SQLITE_DONE ? LP_OK : store_fail(st, rc, "reading the review history", err);
}

/* ---- reset ---- */

static enum lp_code reset_in_tx(struct store *st, const char *id, struct lp_err *err)
{
    sqlite3_stmt *q = store_stmt(
        st,
        "UPDATE cards SET state = 0, stability = 0, difficulty = 0, due = 0, last_review = 0,"
        " reps = 0, lapses = 0, step = 0, leech = 0, tags = REPLACE(tags, ' leech ', ' ')"
        " WHERE id = ? AND retired = 0",
        err);
    if (!q)
        return LP_EDB;
    sqlite3_bind_text(q, 1, id, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(q);
    sqlite3_reset(q);
    if (rc != SQLITE_DONE)
        return store_fail(st, rc, "resetting the card", err);
    if (sqlite3_changes(store_db(st)) != 1)
        return err_set(err, LP_ENOTFOUND, "no live card with id '%s'", id);
    return LP_OK;
}

enum lp_code browse_reset(struct store *st, const char *id, struct lp_err *err)
{
    enum lp_code rc = store_begin(st, err);
    if (rc != LP_OK)
        return rc;
    rc = reset_in_tx(st, id, err);
    if (rc != LP_OK) {
        store_rollback(st);
        return rc;
    }
    return store_commit(st, err);
}
