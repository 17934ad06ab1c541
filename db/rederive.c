/*
 * rederive.c - every card's memory recomputed from its answers under new weights
 * (see rederive.h for the rule).
 *
 * The answers are read in one sequential pass over the review log, sorted by
 * card and time in memory (about 25 bytes an answer), and each card's history is
 * replayed through the scheduler and written back.  All of it is one BEGIN
 * IMMEDIATE transaction.
 */
#include "rederive.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cards.h"
#include "clock.h"
#include "revlog_io.h"

#define DAY 86400

enum lp_code rederive_card(const struct sched_config *sc, int64_t fuzz_id,
                           const struct rederive_answer *a, size_t n, struct sched_result *last,
                           struct lp_err *err)
{
    if (n == 0)
        return err_set(err, LP_EINVAL, "no answers to replay");
    struct sched_card c;
    sched_card_new(&c, fuzz_id, a[0].time);
    for (size_t i = 0; i < n; i++) {
        enum lp_code rc = sched_answer(sc, &c, a[i].time, a[i].grade, last, err);
        if (rc != LP_OK)
            return rc;
        c = last->card;
    }
    return LP_OK;
}

/* One card's history as it is being read. */
struct hist {
    char id[QUEUE_ID_MAX];
    struct rederive_answer *a;
    size_t n, cap;
    int starts_new; /* its first answer was given to a New card */
};

/* What every card's re-derivation shares. */
struct pass {
    const struct config *cfg;
    struct sched_config sc;
    int64_t today_end; /* end of the current study day */
    struct rederive_stats *out;
};

static enum lp_code hist_add(struct hist *h, int64_t time, int grade, int state_before,
                             struct lp_err *err)
{
    if (state_before == SCHED_NEW)
        h->n = 0; /* a reset to new: the history starts again here */
    if (h->n == 0)
        h->starts_new = state_before == SCHED_NEW;
    if (h->n == h->cap) {
        size_t cap = h->cap ? 2 * h->cap : 64;
        struct rederive_answer *a = realloc(h->a, cap * sizeof *a);
        if (!a)
            return err_set(err, LP_ENOMEM, NULL);
        h->a = a;
        h->cap = cap;
    }
    h->a[h->n].time = time;
    h->a[h->n++].grade = grade;
    return LP_OK;
}

/* The card's new due date (rederive.h): stored is the card as it is now. */
static int64_t new_due(const struct pass *p, const struct sched_card *stored,
                       const struct sched_result *last)
{
    if (stored->state != SCHED_REVIEW)
        return stored->due;
    int64_t due =
        last->card.state == SCHED_REVIEW
            ? last->card.due
            : stored->last_review + (int64_t)fsrs_interval(&p->sc.fsrs, last->card.s) * DAY;
    if (stored->due < p->today_end && stored->due < due)
        due = stored->due; /* in today's queue: it stays there */
    return due;
}

static enum lp_code write_memory(struct store *st, const char *id, double s, double d, int64_t due,
                                 struct lp_err *err)
{
    sqlite3_stmt *q = store_stmt(
        st, "UPDATE cards SET stability = ?2, difficulty = ?3, due = ?4 WHERE id = ?1", err);
    if (!q)
        return LP_EDB;
    sqlite3_bind_text(q, 1, id, -1, SQLITE_STATIC);
    sqlite3_bind_double(q, 2, s);
    sqlite3_bind_double(q, 3, d);
    sqlite3_bind_int64(q, 4, due);
    int rc = sqlite3_step(q);
    sqlite3_reset(q);
    return rc == SQLITE_DONE ? LP_OK : store_fail(st, rc, "saving a re-derived card", err);
}

/* Replay and write one card's gathered history. */
static enum lp_code flush_card(struct store *st, const struct pass *p, const struct hist *h,
                               struct lp_err *err)
{
    struct card_row row;
    struct sched_result last;
    enum lp_code rc = cards_get(st, h->id, &row, err);
    if (rc == LP_ENOTFOUND)
        return LP_OK; /* a log row of a card no longer in the table: nothing to update */
    if (rc != LP_OK || row.m.state == SCHED_NEW)
        return rc;
    if (h->n == 0 || !h->starts_new) {
        p->out->skipped++;
        return LP_OK;
    }
    if ((rc = rederive_card(&p->sc, row.m.id, h->a, h->n, &last, err)) != LP_OK ||
        (rc = cards_date_adjust(st, p->cfg, &p->sc, h->id, last.card.last_review, &last, 1, err)) !=
            LP_OK)
        return rc;
    int64_t due = new_due(p, &row.m, &last);
    rc = write_memory(st, h->id, last.card.s, last.card.d, due, err);
    if (rc == LP_OK) {
        p->out->cards++;
        p->out->answers += (long)h->n;
        p->out->moved += due != row.m.due;
    }
    return rc;
}

/* Every answer that went through the scheduler, in the log's own order (a
 * sequential read: walking the card index instead costs a random row lookup per
 * answer, 3 s for a million), with its state before in state[seq]. */
static enum lp_code read_log(struct store *st, struct revlog *log, uint8_t **state,
                             struct lp_err *err)
{
    sqlite3_stmt *q = store_stmt(st,
                                 "SELECT card_id, time, grade, state_before FROM revlog"
                                 " WHERE mode IN ('study','cram') ORDER BY id",
                                 err);
    if (!q)
        return LP_EDB;
    size_t cap = 0;
    enum lp_code rc = LP_OK;
    int s = SQLITE_DONE;
    while (rc == LP_OK && (s = sqlite3_step(q)) == SQLITE_ROW) {
        const char *id = (const char *)sqlite3_column_text(q, 0);
        if (log->n == cap) {
            uint8_t *more = realloc(*state, cap ? 2 * cap : 4096);
            if (!more) {
                rc = err_set(err, LP_ENOMEM, NULL);
                break;
            }
            *state = more;
            cap = cap ? 2 * cap : 4096;
        }
        (*state)[log->n] = (uint8_t)sqlite3_column_int(q, 3);
        rc = revlog_add(log, id ? id : "", (size_t)sqlite3_column_bytes(q, 0),
                        sqlite3_column_int64(q, 1), 0, sqlite3_column_int(q, 2), err);
    }
    sqlite3_reset(q);
    if (rc == LP_OK && s != SQLITE_DONE)
        rc = store_fail(st, s, "reading the review log", err);
    return rc;
}

/* A card's answers together, in time order (ties in log order). */
static int by_card_time(const void *pa, const void *pb)
{
    const struct revlog_entry *a = pa, *b = pb;
    if (a->card != b->card)
        return a->card < b->card ? -1 : 1;
    if (a->time != b->time)
        return a->time < b->time ? -1 : 1;
    return a->seq < b->seq ? -1 : a->seq > b->seq;
}

static enum lp_code replay_log(struct store *st, const struct pass *p, struct lp_err *err)
{
    struct revlog log;
    uint8_t *state = NULL;
    struct hist h = {0};
    revlog_init(&log);
    enum lp_code rc = read_log(st, &log, &state, err);
    if (rc == LP_OK && log.n)
        qsort(log.e, log.n, sizeof *log.e, by_card_time);
    for (size_t i = 0; rc == LP_OK && i < log.n; i++) {
        const struct revlog_entry *e = &log.e[i];
        if (i == 0 || e->card != log.e[i - 1].card) {
            snprintf(h.id, sizeof h.id, "%s", revlog_card_id(&log, e->card));
            h.n = 0;
        }
        rc = hist_add(&h, e->time, e->grade, state[e->seq], err);
        if (rc == LP_OK && (i + 1 == log.n || log.e[i + 1].card != e->card))
            rc = flush_card(st, p, &h, err);
    }
    free(h.a);
    free(state);
    revlog_free(&log);
    return rc;
}

static enum lp_code activate(struct store *st, int64_t fit, struct lp_err *err)
{
    sqlite3_stmt *q = store_stmt(st,
                                 "UPDATE fsrs_fits SET active = (id = ?1)"
                                 " WHERE active != 0 OR id = ?1",
                                 err);
    if (!q)
        return LP_EDB;
    sqlite3_bind_int64(q, 1, fit);
    int rc = sqlite3_step(q);
    sqlite3_reset(q);
    if (rc != SQLITE_DONE)
        return store_fail(st, rc, "activating the fitted parameters", err);
    q = store_stmt(st, "SELECT count(*) FROM fsrs_fits WHERE id = ? AND active = 1", err);
    if (!q)
        return LP_EDB;
    sqlite3_bind_int64(q, 1, fit);
    int found = sqlite3_step(q) == SQLITE_ROW && sqlite3_column_int(q, 0) == 1;
    sqlite3_reset(q);
    return found
               ? LP_OK
               : err_set(err, LP_ENOTFOUND, "no fitted parameter set with id %lld", (long long)fit);
}

enum lp_code rederive_all(struct store *st, const struct config *cfg, int64_t now,
                          int64_t activate_fit, struct rederive_stats *out, struct lp_err *err)
{
    struct rederive_stats local;
    struct pass p;
    memset(&p, 0, sizeof p);
    p.cfg = cfg;
    p.out = out = out ? out : &local;
    memset(out, 0, sizeof *out);
    enum lp_code rc = cards_sched_config(cfg, &p.sc, err);
    if (rc == LP_OK)
        rc = store_begin(st, err);
    if (rc != LP_OK)
        return rc;
    p.today_end = clock_day_start(sched_day(&p.sc, now) + 1, p.sc.rollover_hour);
    if (activate_fit > 0)
        rc = activate(st, activate_fit, err);
    if (rc == LP_OK)
        rc = replay_log(st, &p, err);
    if (rc != LP_OK) {
        store_rollback(st);
        memset(out, 0, sizeof *out);
        return rc;
    }
    return store_commit(st, err);
}
