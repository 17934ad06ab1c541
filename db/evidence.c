/*
 * evidence.c - measuring and judging checklist evidence from the study record
 * (revlog, cards, papers, mocks, the active plan).  Thresholds are in checklist.h.
 */
#include "evidence.h"

#include <stdio.h>
#include <string.h>

#include "clock.h"
#include "reading.h"

static enum lp_code load_mocks(struct store *st, struct evidence_ctx *c, struct lp_err *err)
{
    sqlite3_stmt *q = store_stmt(st,
                                 "SELECT COUNT(*), SUM(a.result) FROM mocks m JOIN mock_answers a"
                                 " ON a.mock_id = m.id WHERE m.started < ? GROUP BY m.id"
                                 " ORDER BY m.started DESC, m.id DESC",
                                 err);
    if (!q)
        return LP_EDB;
    sqlite3_bind_int64(q, 1, c->day_end);
    double sum = 0;
    int rc;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        if (c->mocks < CHECKLIST_MOCKS_LAST)
            sum += sqlite3_column_double(q, 1) / (2.0 * sqlite3_column_int(q, 0));
        c->mocks++;
    }
    sqlite3_reset(q);
    if (rc != SQLITE_DONE)
        return store_fail(st, rc, "reading the mock quizzes", err);
    int used = c->mocks < CHECKLIST_MOCKS_LAST ? c->mocks : CHECKLIST_MOCKS_LAST;
    c->mock_mean = used ? sum / used : -1;
    return LP_OK;
}

enum lp_code evidence_begin(struct store *st, int32_t today, int rollover_hour,
                            struct evidence_ctx *ctx, struct lp_err *err)
{
    int counts[4];
    memset(ctx, 0, sizeof *ctx);
    ctx->today = today;
    ctx->day_end = clock_day_start(today + 1, rollover_hour);
    enum lp_code rc = reading_counts(st, counts, err);
    if (rc != LP_OK)
        return rc;
    ctx->papers_read = counts[READING_READ] + counts[READING_SUMMARISED];
    ctx->papers_total = counts[0] + counts[1] + counts[2] + counts[3];
    if ((rc = load_mocks(st, ctx, err)) != LP_OK)
        return rc;
    return plan_status(st, today, &ctx->plan, err);
}

void evidence_end(struct evidence_ctx *ctx)
{
    plan_status_free(&ctx->plan);
}

/* Review-state study answers on cards tagged arg (by_deck 0) or in deck arg. */
static enum lp_code measure_retention(struct store *st, const struct evidence_ctx *c, int by_deck,
                                      struct checklist_evidence *e, struct lp_err *err)
{
    sqlite3_stmt *q =
        store_stmt(st,
                   "SELECT COUNT(*), COALESCE(SUM(r.grade > 1), 0) FROM revlog r JOIN cards c"
                   " ON c.id = r.card_id WHERE r.mode = 'study' AND r.state_before = 2"
                   " AND r.day > ?1 AND r.day <= ?2 AND CASE WHEN ?4 THEN c.deck_id = ?3"
                   " ELSE instr(c.tags, ' ' || ?3 || ' ') > 0 END",
                   err);
    if (!q)
        return LP_EDB;
    sqlite3_bind_int(q, 1, c->today - CHECKLIST_RETENTION_DAYS);
    sqlite3_bind_int(q, 2, c->today);
    sqlite3_bind_text(q, 3, e->arg, -1, SQLITE_STATIC);
    sqlite3_bind_int(q, 4, by_deck);
    int rc = sqlite3_step(q);
    if (rc == SQLITE_ROW) {
        e->count = sqlite3_column_int(q, 0);
        e->value = e->count ? sqlite3_column_int(q, 1) / (double)e->count : -1;
    }
    sqlite3_reset(q);
    if (rc != SQLITE_ROW)
        return store_fail(st, rc, "measuring retention", err);
    const char *what = by_deck ? "deck" : "cards";
    if (e->count)
        snprintf(e->text, sizeof e->text,
                 "%s %s: retention %.2f over %d review%s in the last %d days", e->arg, what,
                 e->value, e->count, e->count == 1 ? "" : "s", CHECKLIST_RETENTION_DAYS);
    else
        snprintf(e->text, sizeof e->text, "%s %s: no reviews in the last %d days", e->arg, what,
                 CHECKLIST_RETENTION_DAYS);
    return LP_OK;
}

static enum lp_code measure_drills(struct store *st, const struct evidence_ctx *c,
                                   struct checklist_evidence *e, struct lp_err *err)
{
    sqlite3_stmt *q =
        store_stmt(st,
                   "SELECT COUNT(*), COUNT(DISTINCT r.card_id), COALESCE(SUM(r.grade > 1), 0)"
                   " FROM revlog r JOIN cards c ON c.id = r.card_id WHERE r.mode = 'study'"
                   " AND c.deck_id = ?3 AND r.day > ?1 AND r.day <= ?2",
                   err);
    if (!q)
        return LP_EDB;
    sqlite3_bind_int(q, 1, c->today - CHECKLIST_DRILL_DAYS);
    sqlite3_bind_int(q, 2, c->today);
    sqlite3_bind_text(q, 3, e->arg, -1, SQLITE_STATIC);
    int rc = sqlite3_step(q);
    if (rc == SQLITE_ROW) {
        e->count = sqlite3_column_int(q, 0);
        e->distinct = sqlite3_column_int(q, 1);
        e->value = e->count ? sqlite3_column_int(q, 2) / (double)e->count : -1;
    }
    sqlite3_reset(q);
    if (rc != SQLITE_ROW)
        return store_fail(st, rc, "counting drills", err);
    if (e->count)
        snprintf(e->text, sizeof e->text,
                 "%s drills: %d done (%d answer%s) in the last %d days, %.0f%% passed", e->arg,
                 e->distinct, e->count, e->count == 1 ? "" : "s", CHECKLIST_DRILL_DAYS,
                 100 * e->value);
    else
        snprintf(e->text, sizeof e->text, "%s drills: none done in the last %d days", e->arg,
                 CHECKLIST_DRILL_DAYS);
    return LP_OK;
}

static void measure_plan(const struct evidence_ctx *c, struct checklist_evidence *e)
{
    const struct plan_status *p = &c->plan;
    if (!p->active) {
        snprintf(e->text, sizeof e->text, "plan: none active");
        return;
    }
    e->plan_week = p->week;
    e->plan_weeks = p->weeks;
    e->plan_behind = p->behind;
    e->count = p->done;
    e->distinct = p->total;
    plan_headline(p, e->text, sizeof e->text);
}

static void measure_shared(const struct evidence_ctx *c, struct checklist_evidence *e)
{
    if (e->kind == CHECKLIST_EV_PAPERS) {
        e->count = c->papers_read;
        e->distinct = c->papers_total;
        snprintf(e->text, sizeof e->text, "papers read: %d of %d in the reading list", e->count,
                 e->distinct);
    } else if (e->kind == CHECKLIST_EV_MOCKS) {
        e->count = c->mocks;
        e->value = c->mock_mean;
        if (c->mocks)
            snprintf(e->text, sizeof e->text, "mocks taken: %d, the last %d averaged %.0f%%",
                     c->mocks, c->mocks < CHECKLIST_MOCKS_LAST ? c->mocks : CHECKLIST_MOCKS_LAST,
                     100 * c->mock_mean);
        else
            snprintf(e->text, sizeof e->text, "mocks taken: none");
    } else if (e->kind == CHECKLIST_EV_PLAN) {
        measure_plan(c, e);
    } else {
        snprintf(e->text, sizeof e->text, "%s: not measured", e->key);
    }
}

static void parse_key(const char *key, struct checklist_evidence *e)
{
    static const struct {
        const char *prefix;
        enum checklist_ev_kind kind;
    } keys[] = {
        {"retention:", CHECKLIST_EV_RETENTION}, {"deck:", CHECKLIST_EV_DECK},
        {"drills:", CHECKLIST_EV_DRILLS},       {"papers-read", CHECKLIST_EV_PAPERS},
        {"mocks", CHECKLIST_EV_MOCKS},          {"plan", CHECKLIST_EV_PLAN},
    };
    memset(e, 0, sizeof *e);
    snprintf(e->key, sizeof e->key, "%s", key);
    e->kind = CHECKLIST_EV_OTHER;
    e->value = -1;
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
        size_t n = strlen(keys[i].prefix);
        int with_arg = keys[i].prefix[n - 1] == ':';
        if (with_arg ? !strncmp(key, keys[i].prefix, n) && key[n] : !strcmp(key, keys[i].prefix)) {
            e->kind = keys[i].kind;
            snprintf(e->arg, sizeof e->arg, "%s", with_arg ? key + n : "");
            return;
        }
    }
}

enum lp_code evidence_measure(struct store *st, const struct evidence_ctx *ctx, const char *key,
                              struct checklist_evidence *out, struct lp_err *err)
{
    enum lp_code rc = LP_OK;
    parse_key(key, out);
    if (out->kind == CHECKLIST_EV_RETENTION || out->kind == CHECKLIST_EV_DECK)
        rc = measure_retention(st, ctx, out->kind == CHECKLIST_EV_DECK, out, err);
    else if (out->kind == CHECKLIST_EV_DRILLS)
        rc = measure_drills(st, ctx, out, err);
    else
        measure_shared(ctx, out);
    if (rc == LP_OK)
        evidence_judge(out);
    return rc;
}

/* ---- judging ---- */

static void judge_retention(struct checklist_evidence *e)
{
    const char *what = e->kind == CHECKLIST_EV_DECK ? "the deck" : "cards tagged";
    if (e->count == 0) {
        e->verdict = CHECKLIST_AGAINST;
        snprintf(e->why, sizeof e->why, "there are no reviews of %s %s in the last %d days", what,
                 e->arg, CHECKLIST_RETENTION_DAYS);
    } else if (e->count >= CHECKLIST_RETENTION_MIN_REVIEWS && e->value < CHECKLIST_RETENTION_WEAK) {
        e->verdict = CHECKLIST_AGAINST;
        snprintf(e->why, sizeof e->why, "retention on %s %s is %.2f over %d reviews (below %.2f)",
                 what, e->arg, e->value, e->count, CHECKLIST_RETENTION_WEAK);
    } else if (e->count >= CHECKLIST_RETENTION_STRONG_REVIEWS &&
               e->value >= CHECKLIST_RETENTION_STRONG) {
        e->verdict = CHECKLIST_SUPPORTS;
        snprintf(e->why, sizeof e->why, "retention on %s %s is %.2f over %d reviews", what, e->arg,
                 e->value, e->count);
    }
}

static void judge_plan(struct checklist_evidence *e)
{
    if (e->plan_week == 0 && e->plan_weeks == 0) {
        e->verdict = CHECKLIST_AGAINST;
        snprintf(e->why, sizeof e->why, "no plan is active");
    } else if (e->plan_behind >= CHECKLIST_PLAN_BEHIND) {
        e->verdict = CHECKLIST_AGAINST;
        snprintf(e->why, sizeof e->why, "the plan is %d milestones behind", e->plan_behind);
    } else if (e->plan_week >= 1 && e->plan_week <= e->plan_weeks && e->plan_behind == 0) {
        e->verdict = CHECKLIST_SUPPORTS;
        snprintf(e->why, sizeof e->why, "a plan is running (week %d of %d) and on schedule",
                 e->plan_week, e->plan_weeks);
    }
}

static void judge_other(struct checklist_evidence *e)
{
    if (e->kind == CHECKLIST_EV_PAPERS && e->count == 0) {
        e->verdict = CHECKLIST_AGAINST;
        snprintf(e->why, sizeof e->why, "no paper in the reading list is marked read");
    } else if (e->kind == CHECKLIST_EV_PAPERS && e->count >= CHECKLIST_PAPERS_STRONG) {
        e->verdict = CHECKLIST_SUPPORTS;
        snprintf(e->why, sizeof e->why, "%d papers are marked read", e->count);
    } else if (e->kind == CHECKLIST_EV_MOCKS && e->count > 0 && e->value < CHECKLIST_MOCKS_WEAK) {
        e->verdict = CHECKLIST_AGAINST;
        snprintf(e->why, sizeof e->why, "recent mocks averaged %.0f%% (below %.0f%%)",
                 100 * e->value, 100 * CHECKLIST_MOCKS_WEAK);
    } else if (e->kind == CHECKLIST_EV_MOCKS && e->count >= 2 &&
               e->value >= CHECKLIST_MOCKS_STRONG) {
        e->verdict = CHECKLIST_SUPPORTS;
        snprintf(e->why, sizeof e->why, "recent mocks averaged %.0f%%", 100 * e->value);
    } else if (e->kind == CHECKLIST_EV_DRILLS && e->count >= CHECKLIST_DRILL_MIN_ANSWERS &&
               e->value < CHECKLIST_DRILL_WEAK) {
        e->verdict = CHECKLIST_AGAINST;
        snprintf(e->why, sizeof e->why, "only %.0f%% of %d %s drill answers passed (below %.0f%%)",
                 100 * e->value, e->count, e->arg, 100 * CHECKLIST_DRILL_WEAK);
    }
}

void evidence_judge(struct checklist_evidence *e)
{
    e->verdict = CHECKLIST_NEUTRAL;
    e->why[0] = '\0';
    if (e->kind == CHECKLIST_EV_RETENTION || e->kind == CHECKLIST_EV_DECK)
        judge_retention(e);
    else if (e->kind == CHECKLIST_EV_PLAN)
        judge_plan(e);
    else
        judge_other(e);
}
