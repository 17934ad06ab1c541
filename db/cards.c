/*
 * cards.c - counts, queue candidates, answers and undo over the cards table.
 *
 * An answer is one BEGIN IMMEDIATE transaction: read the card, let the scheduler
 * compute the new state, write the card, append the log row, commit.  The log row
 * keeps the whole state before the answer, which is what makes undo exact.
 */
#include "cards.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "datemode.h"

/* Cards a learner can meet today (?1 = today's day number). */
#define AVAILABLE                                                                              \
    " c.retired = 0 AND c.suspended = 0 AND c.buried_day <> ?1 AND (c.gate IS NULL OR c.gate" \
    " IN (SELECT id FROM papers WHERE status IN ('read','summarised')))"

#define SECTION_ORDER                                                                          \
    " CASE c.section WHEN 'mathematics' THEN 0 WHEN 'statistics' THEN 1"                      \
    " WHEN 'computer-science' THEN 2 WHEN 'machine-learning' THEN 3"                           \
    " WHEN 'alignment' THEN 4 ELSE 5 END"

static void copy_text(char *dst, size_t size, sqlite3_stmt *q, int col)
{
    const unsigned char *t = sqlite3_column_text(q, col);
    snprintf(dst, size, "%s", t ? (const char *)t : "");
}

static int64_t day_end(int64_t now, int rollover)
{
    return clock_day_start(clock_day(now, rollover) + 1, rollover);
}

static int grow(void **arr, size_t n, size_t *cap, size_t elem)
{
    if (n < *cap)
        return 0;
    size_t nc = *cap ? *cap * 2 : 32;
    void *p = realloc(*arr, nc * elem);
    if (!p)
        return -1;
    *arr = p;
    *cap = nc;
    return 0;
}

/* Fill one array element from the current row; ctx is the caller's. */
typedef void (*row_fill)(sqlite3_stmt *q, void *item, const void *ctx);

/*
 * Run sql with ?1 = today's study day and ?2 = the end of today, collecting one
 * element of `elem` bytes per row into a malloc'd *out.
 */
static enum lp_code collect_today(struct store *st, const char *sql, int64_t now, int rollover,
                                  size_t elem, row_fill fill, const void *ctx, void **out,
                                  size_t *n, const char *what, struct lp_err *err)
{
    sqlite3_stmt *q = store_stmt(st, sql, err);
    size_t cap = 0;
    int rc;
    *out = NULL;
    *n = 0;
    if (!q)
        return LP_EDB;
    sqlite3_bind_int(q, 1, clock_day(now, rollover));
    sqlite3_bind_int64(q, 2, day_end(now, rollover));
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        if (grow(out, *n, &cap, elem) != 0) {
            sqlite3_reset(q);
            return err_set(err, LP_ENOMEM, NULL);
        }
        fill(q, (char *)*out + elem * (*n)++, ctx);
    }
    sqlite3_reset(q);
    if (rc != SQLITE_DONE)
        return store_fail(st, rc, what, err);
    return LP_OK;
}

static void fill_counts(sqlite3_stmt *q, void *item, const void *ctx)
{
    struct deck_counts *d = item;
    (void)ctx;
    copy_text(d->deck, sizeof d->deck, q, 0);
    copy_text(d->title, sizeof d->title, q, 1);
    copy_text(d->section, sizeof d->section, q, 2);
    d->learn = sqlite3_column_int(q, 3);
    d->review = sqlite3_column_int(q, 4);
    d->fresh = sqlite3_column_int(q, 5);
    d->total = sqlite3_column_int(q, 6);
}

enum lp_code cards_counts(struct store *st, int64_t now, int rollover_hour,
                          struct deck_counts **out, size_t *n, struct lp_err *err)
{
    static const char sql[] =
        /* Count first, then join the few decks: joining before grouping cost one
         * decks lookup per card.  The counts read only the cards_live index. */
        "SELECT g.deck_id, COALESCE(d.title, g.deck_id), g.section, g.learn, g.review,"
        " g.fresh, g.total FROM (SELECT c.deck_id, c.section,"
        " SUM(c.state IN (1,3) AND c.due < ?2) learn, SUM(c.state = 2 AND c.due < ?2) review,"
        " SUM(c.state = 0) fresh, COUNT(*) total, MIN(" SECTION_ORDER ") sec"
        " FROM cards c WHERE" AVAILABLE " GROUP BY c.deck_id) g"
        " LEFT JOIN decks d ON d.id = g.deck_id ORDER BY g.sec, g.deck_id";
    return collect_today(st, sql, now, rollover_hour, sizeof **out, fill_counts, NULL,
                         (void **)out, n, "counting due cards", err);
}

enum lp_code cards_done_today(struct store *st, int32_t today, struct day_done *out,
                              struct lp_err *err)
{
    static const char sql[] =
        "SELECT COALESCE(SUM(fresh), 0), COALESCE(SUM(reviews), 0), COALESCE(SUM(answers), 0),"
        " COALESCE(SUM(ms), 0) FROM revlog_days WHERE day = ? AND mode = 'study'";
    sqlite3_stmt *q = store_stmt(st, sql, err);
    memset(out, 0, sizeof *out);
    if (!q)
        return LP_EDB;
    sqlite3_bind_int(q, 1, today);
    int rc = sqlite3_step(q);
    if (rc == SQLITE_ROW) {
        out->new_done = sqlite3_column_int(q, 0);
        out->reviews_done = sqlite3_column_int(q, 1);
        out->answers = sqlite3_column_int(q, 2);
        out->seconds = sqlite3_column_double(q, 3) / 1000.0;
    }
    sqlite3_reset(q);
    if (rc != SQLITE_ROW)
        return store_fail(st, rc, "reading today's reviews", err);
    return LP_OK;
}

static int studied_on(sqlite3_stmt *q, int32_t day)
{
    sqlite3_reset(q);
    sqlite3_bind_int(q, 1, day);
    return sqlite3_step(q) == SQLITE_ROW && sqlite3_column_int(q, 0);
}

/* One probe of the daily totals per day, walking back: a year-long streak costs
 * 365 lookups, where SELECT DISTINCT day read the whole review log (0.8 s for a
 * million rows). */
int cards_streak(struct store *st, int32_t today)
{
    sqlite3_stmt *q = store_stmt(
        st, "SELECT EXISTS(SELECT 1 FROM revlog_days WHERE day = ? AND mode = 'study'"
            " AND answers > 0)", NULL);
    if (!q)
        return 0;
    /* Nothing yet today: yesterday's streak still counts. */
    int32_t last = studied_on(q, today) ? today : today - 1;
    int streak = 0;
    while (studied_on(q, last - streak))
        streak++;
    sqlite3_reset(q);
    return streak;
}

double cards_seconds_per_answer(struct store *st, int32_t today)
{
    sqlite3_stmt *q = store_stmt(st,
                                 "SELECT CAST(SUM(ms_capped) AS REAL) / SUM(timed)"
                                 " FROM revlog_days WHERE day > ? AND mode = 'study'",
                                 NULL);
    double s = 20.0;
    if (!q)
        return s;
    sqlite3_bind_int(q, 1, today - 30);
    if (sqlite3_step(q) == SQLITE_ROW && sqlite3_column_type(q, 0) != SQLITE_NULL)
        s = sqlite3_column_double(q, 0) / 1000.0;
    sqlite3_reset(q);
    return s;
}

static int in_words(const char *words, const char *w)
{
    if (!words || !w || !*w)
        return 0;
    char probe[QUEUE_ID_MAX + 2];
    snprintf(probe, sizeof probe, " %s ", w);
    return strstr(words, probe) != NULL;
}

static int any_word(const char *words, const char *tags)
{
    char w[QUEUE_ID_MAX];
    for (const char *p = tags; p && *p;) {
        while (*p == ' ')
            p++;
        size_t len = strcspn(p, " ");
        if (len && len < sizeof w) {
            memcpy(w, p, len);
            w[len] = '\0';
            if (in_words(words, w))
                return 1;
        }
        p += len;
    }
    return 0;
}

struct focus {
    const char *decks, *tags;
};

static void fill_candidate(sqlite3_stmt *q, void *item, const void *ctx)
{
    struct queue_card *c = item;
    const struct focus *f = ctx;
    copy_text(c->id, sizeof c->id, q, 0);
    copy_text(c->deck, sizeof c->deck, q, 1);
    copy_text(c->topic, sizeof c->topic, q, 2);
    c->state = sqlite3_column_int(q, 3);
    c->due = sqlite3_column_int64(q, 4);
    c->position = sqlite3_column_int(q, 5);
    c->focus = in_words(f->decks, c->deck) ||
               any_word(f->tags, (const char *)sqlite3_column_text(q, 6));
}

static enum lp_code load_candidates(struct store *st, int64_t now, int rollover, const char *fd,
                                    const char *ft, struct queue_card **out, size_t *n,
                                    struct lp_err *err)
{
    static const char sql[] = "SELECT c.id, c.deck_id, c.topic, c.state, c.due, c.position,"
                              " c.tags FROM cards c WHERE" AVAILABLE
                              " AND (c.state = 0 OR c.due < ?2)";
    struct focus f = {fd, ft};
    return collect_today(st, sql, now, rollover, sizeof **out, fill_candidate, &f, (void **)out,
                         n, "building today's queue", err);
}

enum lp_code cards_queue(struct store *st, const struct config *cfg, int64_t now,
                         const char *focus_decks, const char *focus_tags, struct queue *q,
                         struct lp_err *err)
{
    struct day_done done;
    struct queue_card *cands;
    size_t n;
    enum lp_code rc = cards_done_today(st, clock_day(now, cfg->rollover_hour), &done, err);
    if (rc != LP_OK)
        return rc;
    rc = load_candidates(st, now, cfg->rollover_hour, focus_decks, focus_tags, &cands, &n, err);
    if (rc != LP_OK)
        return rc;
    int ok = queue_build(q, cands, n, cfg->reviews_per_day - done.reviews_done,
                         cfg->new_per_day - done.new_done);
    free(cands);
    return ok == 0 ? LP_OK : err_set(err, LP_ENOMEM, NULL);
}

/* ---- single cards ---- */

#define CARD_COLS                                                                              \
    "id, deck_id, state, stability, difficulty, due, last_review, reps, lapses, step,"        \
    " suspended, leech, retired, buried_day, (gate IS NOT NULL AND gate NOT IN"               \
    " (SELECT id FROM papers WHERE status IN ('read','summarised')))"

/* The scheduler's fuzz wants a number per card: FNV-1a of the id. */
static uint64_t card_hash(const char *id)
{
    uint64_t h = 1469598103934665603ULL;
    for (const unsigned char *p = (const unsigned char *)id; *p; p++)
        h = (h ^ *p) * 1099511628211ULL;
    return h >> 1;
}

static void read_row(sqlite3_stmt *q, struct card_row *c)
{
    memset(c, 0, sizeof *c);
    copy_text(c->id, sizeof c->id, q, 0);
    copy_text(c->deck, sizeof c->deck, q, 1);
    c->m.id = (int64_t)card_hash(c->id);
    c->m.state = (enum sched_state)sqlite3_column_int(q, 2);
    c->m.s = sqlite3_column_double(q, 3);
    c->m.d = sqlite3_column_double(q, 4);
    c->m.due = sqlite3_column_int64(q, 5);
    c->m.last_review = sqlite3_column_int64(q, 6);
    c->m.reps = sqlite3_column_int(q, 7);
    c->m.lapses = sqlite3_column_int(q, 8);
    c->m.step = sqlite3_column_int(q, 9);
    c->suspended = sqlite3_column_int(q, 10);
    c->leech = sqlite3_column_int(q, 11);
    c->retired = sqlite3_column_int(q, 12);
    c->buried_day = sqlite3_column_int(q, 13);
    c->gated = sqlite3_column_int(q, 14);
}

enum lp_code cards_get(struct store *st, const char *id, struct card_row *out,
                       struct lp_err *err)
{
    sqlite3_stmt *q = store_stmt(st, "SELECT " CARD_COLS " FROM cards WHERE id = ?", err);
    if (!q)
        return LP_EDB;
    sqlite3_bind_text(q, 1, id, -1, SQLITE_STATIC);
    int rc = sqlite3_step(q);
    if (rc == SQLITE_ROW)
        read_row(q, out);
    sqlite3_reset(q);
    if (rc == SQLITE_DONE)
        return err_set(err, LP_ENOTFOUND, "no card with id '%s'", id);
    if (rc != SQLITE_ROW)
        return store_fail(st, rc, "reading a card", err);
    return LP_OK;
}

static enum lp_code write_card(struct store *st, const char *id, const struct sched_card *m,
                               int leech, int suspended, struct lp_err *err)
{
    sqlite3_stmt *q = store_stmt(
        st,
        "UPDATE cards SET state=?2, stability=?3, difficulty=?4, due=?5, last_review=?6,"
        " reps=?7, lapses=?8, step=?9, leech=?10, suspended=?11,"
        " tags = CASE WHEN ?10 AND tags NOT LIKE '% leech %' THEN tags || 'leech '"
        " WHEN NOT ?10 THEN REPLACE(tags, ' leech ', ' ') ELSE tags END WHERE id=?1",
        err);
    if (!q)
        return LP_EDB;
    sqlite3_bind_text(q, 1, id, -1, SQLITE_STATIC);
    sqlite3_bind_int(q, 2, m->state);
    sqlite3_bind_double(q, 3, m->s);
    sqlite3_bind_double(q, 4, m->d);
    sqlite3_bind_int64(q, 5, m->due);
    sqlite3_bind_int64(q, 6, m->last_review);
    sqlite3_bind_int(q, 7, m->reps);
    sqlite3_bind_int(q, 8, m->lapses);
    sqlite3_bind_int(q, 9, m->step);
    sqlite3_bind_int(q, 10, leech);
    sqlite3_bind_int(q, 11, suspended);
    int rc = sqlite3_step(q);
    sqlite3_reset(q);
    if (rc != SQLITE_DONE)
        return store_fail(st, rc, "saving the card", err);
    return LP_OK;
}

struct log_row {
    const char *id, *mode;
    int64_t time;
    int32_t day;
    int grade, answer_ms, correct;
    const struct card_row *before;
    const struct answer_result *res;
};

static enum lp_code append_log(struct store *st, const struct log_row *r, int64_t *rowid,
                               struct lp_err *err)
{
    sqlite3_stmt *q = store_stmt(
        st,
        "INSERT INTO revlog(card_id, time, day, grade, mode, elapsed_days, scheduled_days,"
        " state_before, state_after, s_before, d_before, s_after, d_after, due_before,"
        " due_after, last_before, step_before, step_after, reps_before, lapses_before,"
        " leech_before, suspended_before, answer_ms, correct) VALUES(?1,?2,?3,?4,?5,?6,?7,"
        "?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18,?19,?20,?21,?22,?23,?24)",
        err);
    if (!q)
        return LP_EDB;
    const struct sched_card *b = &r->before->m, *a = &r->res->after;
    sqlite3_bind_text(q, 1, r->id, -1, SQLITE_STATIC);
    sqlite3_bind_int64(q, 2, r->time);
    sqlite3_bind_int(q, 3, r->day);
    sqlite3_bind_int(q, 4, r->grade);
    sqlite3_bind_text(q, 5, r->mode, -1, SQLITE_STATIC);
    sqlite3_bind_double(q, 6, r->res->elapsed_days);
    sqlite3_bind_double(q, 7, r->res->scheduled_days);
    sqlite3_bind_int(q, 8, b->state);
    sqlite3_bind_int(q, 9, a->state);
    sqlite3_bind_double(q, 10, b->s);
    sqlite3_bind_double(q, 11, b->d);
    sqlite3_bind_double(q, 12, a->s);
    sqlite3_bind_double(q, 13, a->d);
    sqlite3_bind_int64(q, 14, b->due);
    sqlite3_bind_int64(q, 15, a->due);
    sqlite3_bind_int64(q, 16, b->last_review);
    sqlite3_bind_int(q, 17, b->step);
    sqlite3_bind_int(q, 18, a->step);
    sqlite3_bind_int(q, 19, b->reps);
    sqlite3_bind_int(q, 20, b->lapses);
    sqlite3_bind_int(q, 21, r->before->leech);
    sqlite3_bind_int(q, 22, r->before->suspended);
    sqlite3_bind_int(q, 23, r->answer_ms);
    if (r->correct < 0)
        sqlite3_bind_null(q, 24);
    else
        sqlite3_bind_int(q, 24, r->correct);
    int rc = sqlite3_step(q);
    sqlite3_reset(q);
    if (rc != SQLITE_DONE)
        return store_fail(st, rc, "saving the answer", err);
    *rowid = sqlite3_last_insert_rowid(store_db(st));
    return LP_OK;
}

static enum lp_code answer_in_tx(struct store *st, const struct config *cfg, const char *id,
                                 int grade, int64_t now, struct log_row *r,
                                 struct answer_result *out, struct lp_err *err)
{
    struct card_row before;
    enum lp_code rc = cards_get(st, id, &before, err);
    if (rc != LP_OK)
        return rc;
    if (before.retired)
        return err_set(err, LP_ENOTFOUND, "card '%s' was removed from the content", id);
    if (before.suspended)
        return err_set(err, LP_ESTATE, "card '%s' is suspended", id);
    if (before.gated)
        return err_set(err, LP_ESTATE,
                       "card '%s' is a key question of a paper not read yet; mark the paper "
                       "read first",
                       id);
    struct sched_result all[4];
    if ((rc = cards_preview(st, cfg, &before, now, all, err)) != LP_OK)
        return rc;
    struct sched_result sr = all[grade - 1]; /* = sched_answer's, date mode applied */
    memset(out, 0, sizeof *out);
    out->before = before.m;
    out->after = sr.card;
    out->elapsed_days = sr.elapsed_days;
    out->scheduled_days = sr.scheduled_days;
    out->became_leech = sr.leech && !before.leech;
    int leech = before.leech || sr.leech;
    rc = write_card(st, id, &sr.card, leech, out->became_leech ? 1 : before.suspended, err);
    if (rc != LP_OK)
        return rc;
    r->before = &before;
    r->res = out;
    return append_log(st, r, &out->revlog_id, err);
}

enum lp_code cards_answer(struct store *st, const struct config *cfg, const char *id, int grade,
                          int64_t now, int answer_ms, const char *mode, int correct,
                          struct answer_result *out, struct lp_err *err)
{
    if (grade < 1 || grade > 4)
        return err_set(err, LP_EINVAL, "grade must be 1-4 (Again, Hard, Good, Easy), not %d",
                       grade);
    if (strcmp(mode, "study") != 0 && strcmp(mode, "cram") != 0)
        return err_set(err, LP_EINVAL, "answers are recorded in study or cram mode");
    enum lp_code rc = store_begin(st, err);
    if (rc != LP_OK)
        return rc;
    struct log_row r = {id, mode, now, clock_day(now, cfg->rollover_hour), grade,
                        answer_ms < 0 ? 0 : answer_ms, correct, NULL, NULL};
    rc = answer_in_tx(st, cfg, id, grade, now, &r, out, err);
    if (rc != LP_OK) {
        store_rollback(st);
        return rc;
    }
    return store_commit(st, err);
}

static enum lp_code restore_from_log(struct store *st, int64_t rowid, struct lp_err *err)
{
    sqlite3_stmt *q = store_stmt(
        st,
        "UPDATE cards SET (state, stability, difficulty, due, last_review, step, reps, lapses,"
        " leech, suspended) = (SELECT state_before, s_before, d_before, due_before,"
        " last_before, step_before, reps_before, lapses_before, leech_before,"
        " suspended_before FROM revlog WHERE id = ?1),"
        " tags = CASE WHEN (SELECT leech_before FROM revlog WHERE id = ?1) THEN tags"
        " ELSE REPLACE(tags, ' leech ', ' ') END"
        " WHERE id = (SELECT card_id FROM revlog WHERE id = ?1)",
        err);
    if (!q)
        return LP_EDB;
    sqlite3_bind_int64(q, 1, rowid);
    int rc = sqlite3_step(q);
    sqlite3_reset(q);
    if (rc != SQLITE_DONE)
        return store_fail(st, rc, "undoing the answer", err);
    q = store_stmt(st, "DELETE FROM revlog WHERE id = ?", err);
    if (!q)
        return LP_EDB;
    sqlite3_bind_int64(q, 1, rowid);
    rc = sqlite3_step(q);
    sqlite3_reset(q);
    if (rc != SQLITE_DONE)
        return store_fail(st, rc, "undoing the answer", err);
    return LP_OK;
}

enum lp_code cards_undo(struct store *st, char *id_out, size_t size, struct lp_err *err)
{
    enum lp_code rc = store_begin(st, err);
    if (rc != LP_OK)
        return rc;
    sqlite3_stmt *q = store_stmt(
        st, "SELECT id, card_id FROM revlog WHERE mode IN ('study','cram') ORDER BY id DESC LIMIT 1",
        err);
    int step = q ? sqlite3_step(q) : SQLITE_ERROR;
    int64_t rowid = step == SQLITE_ROW ? sqlite3_column_int64(q, 0) : 0;
    if (step == SQLITE_ROW)
        snprintf(id_out, size, "%s", (const char *)sqlite3_column_text(q, 1));
    if (q)
        sqlite3_reset(q);
    if (step == SQLITE_DONE)
        rc = err_set(err, LP_ENOTFOUND, "nothing to undo");
    else if (step != SQLITE_ROW)
        rc = q ? store_fail(st, step, "undoing the answer", err) : LP_EDB;
    else
        rc = restore_from_log(st, rowid, err);
    if (rc != LP_OK) {
        store_rollback(st);
        return rc;
    }
    return store_commit(st, err);
}

static enum lp_code update_one(struct store *st, const char *sql, const char *id, int value,
                               const char *what, struct lp_err *err)
{
    sqlite3_stmt *q = store_stmt(st, sql, err);
    if (!q)
        return LP_EDB;
    sqlite3_bind_text(q, 1, id, -1, SQLITE_STATIC);
    sqlite3_bind_int(q, 2, value);
    int rc = sqlite3_step(q);
    sqlite3_reset(q);
    if (rc != SQLITE_DONE)
        return store_fail(st, rc, what, err);
    if (sqlite3_changes(store_db(st)) == 0)
        return err_set(err, LP_ENOTFOUND, "no card with id '%s'", id);
    return LP_OK;
}

enum lp_code cards_set_suspended(struct store *st, const char *id, int on, struct lp_err *err)
{
    return update_one(st, "UPDATE cards SET suspended = ?2 WHERE id = ?1", id, on != 0,
                      "suspending the card", err);
}

enum lp_code cards_bury(struct store *st, const char *id, int32_t today, struct lp_err *err)
{
    return update_one(st, "UPDATE cards SET buried_day = ?2 WHERE id = ?1", id, today,
                      "burying the card", err);
}

/* ---- the date-aware mode (datemode.h) ---- */

/* The card's section and the active plan's interview day (*has_day 0: none). */
static enum lp_code interview_for(struct store *st, const char *id, int *covered,
                                  int32_t *day, int *has_day, struct lp_err *err)
{
    sqlite3_stmt *q = store_stmt(st,
                                 "SELECT c.section, (SELECT interview_day FROM plans"
                                 " WHERE active = 1) FROM cards c WHERE c.id = ?",
                                 err);
    if (!q)
        return LP_EDB;
    sqlite3_bind_text(q, 1, id, -1, SQLITE_STATIC);
    int rc = sqlite3_step(q);
    *covered = *has_day = 0;
    if (rc == SQLITE_ROW) {
        *covered = datemode_covers((const char *)sqlite3_column_text(q, 0));
        *has_day = sqlite3_column_type(q, 1) != SQLITE_NULL;
        *day = sqlite3_column_int(q, 1);
    }
    sqlite3_reset(q);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return store_fail(st, rc, "reading the interview date", err);
    return LP_OK;
}

enum lp_code cards_date_adjust(struct store *st, const struct config *cfg,
                               const struct sched_config *sc, const char *id, int64_t now,
                               struct sched_result *res, int n, struct lp_err *err)
{
    int covered, has_day;
    int32_t interview;
    if (!cfg->interview_mode)
        return LP_OK;
    enum lp_code rc = interview_for(st, id, &covered, &interview, &has_day, err);
    if (rc != LP_OK || !covered || !has_day)
        return rc;
    struct fsrs_grad_w k;
    fsrs_grad_prepare(&k, sc->fsrs.cw);
    int32_t day = sched_day(sc, now);
    for (int i = 0; i < n; i++) {
        struct sched_result *r = &res[i];
        if (r->card.state != SCHED_REVIEW || r->scheduled_days < 1)
            continue;
        int ivl = datemode_interval(&k, r->card.s, r->scheduled_days, cfg->interview_retention,
                                    day, interview);
        if (ivl >= r->scheduled_days)
            continue;
        ivl = sched_fuzz_down(sc, &r->card, ivl); /* spread, never later */
        r->scheduled_days = ivl;
        r->card.due = r->due = now + (int64_t)ivl * 86400;
        r->delay = r->due - now;
    }
    return LP_OK;
}

enum lp_code cards_preview(struct store *st, const struct config *cfg,
                           const struct card_row *row, int64_t now, struct sched_result out[4],
                           struct lp_err *err)
{
    struct sched_config sc;
    enum lp_code rc = cards_sched_config(cfg, &sc, err);
    if (rc == LP_OK)
        rc = sched_preview(&sc, &row->m, now, out, err);
    if (rc == LP_OK)
        rc = cards_date_adjust(st, cfg, &sc, row->id, now, out, 4, err);
    return rc;
}

enum lp_code cards_sched_config(const struct config *cfg, struct sched_config *out,
                                struct lp_err *err)
{
    sched_default_config(out);
    if (cfg->has_params)
        memcpy(out->fsrs.w, cfg->params, sizeof out->fsrs.w);
    out->fsrs.retention = cfg->retention;
    out->fsrs.max_interval = cfg->max_interval;
    memcpy(out->learn_steps, cfg->learn_steps, sizeof cfg->learn_steps);
    out->n_learn = cfg->n_learn;
    memcpy(out->relearn_steps, cfg->relearn_steps, sizeof cfg->relearn_steps);
    out->n_relearn = cfg->n_relearn;
    out->rollover_hour = cfg->rollover_hour;
    out->fuzz = cfg->fuzz;
    out->leech_threshold = cfg->leech_threshold;
    return sched_config_prepare(out, err);
}

static char *dup_col(sqlite3_stmt *q, int col)
{
    const unsigned char *t = sqlite3_column_text(q, col);
    return t ? strdup((const char *)t) : NULL;
}

enum lp_code cards_text(struct store *st, const char *id, struct card_text *out,
                        struct lp_err *err)
{
    sqlite3_stmt *q = store_stmt(
        st,
        "SELECT c.id, c.deck_id, COALESCE(d.title, c.deck_id), c.section, c.topic, c.q, c.a,"
        " c.code, c.bug, c.symptom, c.fix, c.check_spec, c.tags, c.level, c.seconds,"
        " c.source FROM cards c LEFT JOIN decks d ON d.id = c.deck_id WHERE c.id = ?",
        err);
    memset(out, 0, sizeof *out);
    if (!q)
        return LP_EDB;
    sqlite3_bind_text(q, 1, id, -1, SQLITE_STATIC);
    int rc = sqlite3_step(q);
    if (rc == SQLITE_ROW) {
        copy_text(out->id, sizeof out->id, q, 0);
        copy_text(out->deck, sizeof out->deck, q, 1);
        copy_text(out->deck_title, sizeof out->deck_title, q, 2);
        copy_text(out->section, sizeof out->section, q, 3);
        copy_text(out->topic, sizeof out->topic, q, 4);
        char **dst[] = {&out->q, &out->a, &out->code, &out->bug, &out->symptom, &out->fix,
                        &out->check_spec, &out->tags};
        for (int i = 0; i < 8; i++)
            *dst[i] = dup_col(q, 5 + i);
        out->level = sqlite3_column_int(q, 13);
        out->seconds = sqlite3_column_int(q, 14);
        out->source = dup_col(q, 15);
    }
    sqlite3_reset(q);
    if (rc == SQLITE_DONE)
        return err_set(err, LP_ENOTFOUND, "no card with id '%s'", id);
    if (rc != SQLITE_ROW)
        return store_fail(st, rc, "reading a card", err);
    if (!out->q)
        return err_set(err, LP_ENOMEM, NULL);
    return LP_OK;
}

void cards_text_free(struct card_text *t)
{
    char *p[] = {t->q,   t->a,          t->code, t->bug,   t->symptom,
                 t->fix, t->check_spec, t->tags, t->source};
    for (int i = 0; i < 9; i++)
        free(p[i]);
    memset(t, 0, sizeof *t);
}

enum lp_code cards_retention(struct store *st, int32_t from_day, int32_t to_day,
                             const char *section, int *passed, int *total, struct lp_err *err)
{
    sqlite3_stmt *q = store_stmt(
        st,
        section ? "SELECT COALESCE(SUM(r.grade > 1), 0), COUNT(*) FROM revlog r JOIN cards c"
                  " ON c.id = r.card_id WHERE r.day BETWEEN ?1 AND ?2 AND r.mode = 'study'"
                  " AND r.state_before = 2 AND c.section = ?3"
                /* All sections: the daily totals answer, a row per day. */
                : "SELECT COALESCE(SUM(passed), 0), COALESCE(SUM(reviews), 0) FROM revlog_days"
                  " WHERE day BETWEEN ?1 AND ?2 AND mode = 'study'",
        err);
    *passed = *total = 0;
    if (!q)
        return LP_EDB;
    sqlite3_bind_int(q, 1, from_day);
    sqlite3_bind_int(q, 2, to_day);
    if (section)
        sqlite3_bind_text(q, 3, section, -1, SQLITE_STATIC);
    int rc = sqlite3_step(q);
    if (rc == SQLITE_ROW) {
        *passed = sqlite3_column_int(q, 0);
        *total = sqlite3_column_int(q, 1);
    }
    sqlite3_reset(q);
    if (rc != SQLITE_ROW)
        return store_fail(st, rc, "computing retention", err);
    return LP_OK;
}
