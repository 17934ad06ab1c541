/*
 * fitlog.c - study reviews for the optimizer and the table of fitted weights
 * (see fitlog.h).
 */
#include "fitlog.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "fsrs.h"

enum lp_code fitlog_read_reviews(struct store *st, const struct revlog_days *days,
                                 struct revlog *log, struct lp_err *err)
{
    sqlite3_stmt *q = store_stmt(st,
                                 "SELECT card_id, time, day, grade FROM revlog"
                                 " WHERE mode = 'study' ORDER BY time, id",
                                 err);
    if (!q)
        return LP_EDB;
    int rc;
    enum lp_code lrc = LP_OK;
    while (lrc == LP_OK && (rc = sqlite3_step(q)) == SQLITE_ROW) {
        const char *id = (const char *)sqlite3_column_text(q, 0);
        int len = sqlite3_column_bytes(q, 0);
        int64_t t = sqlite3_column_int64(q, 1);
        int32_t day = days ? revlog_day(days, t) : sqlite3_column_int(q, 2);
        lrc = revlog_add(log, id ? id : "", (size_t)len, t, day, sqlite3_column_int(q, 3), err);
    }
    sqlite3_reset(q);
    if (lrc != LP_OK)
        return lrc;
    if (rc != SQLITE_DONE)
        return store_fail(st, rc, "reading the review log", err);
    return LP_OK;
}

void fitlog_format_weights(const double w[FITLOG_NW], char *buf, size_t size)
{
    size_t used = 0;
    buf[0] = '\0';
    for (int i = 0; i < FITLOG_NW && used < size; i++) {
        int n = snprintf(buf + used, size - used, "%s%.8g", i ? "," : "", w[i]);
        if (n < 0)
            break;
        used += (size_t)n;
    }
}

static void bind_metric(sqlite3_stmt *q, int col, double v)
{
    if (isfinite(v))
        sqlite3_bind_double(q, col, v);
    else
        sqlite3_bind_null(q, col);
}

static enum lp_code insert_fit(struct store *st, struct fitlog_fit *f, struct lp_err *err)
{
    char params[FITLOG_NW * 24];
    fitlog_format_weights(f->w, params, sizeof params);
    sqlite3_stmt *q = store_stmt(st,
                                 "INSERT INTO fsrs_fits(time, params, reviews, logloss_before,"
                                 " logloss_after, rmse_before, rmse_after, active)"
                                 " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                                 err);
    if (!q)
        return LP_EDB;
    sqlite3_bind_int64(q, 1, f->time);
    sqlite3_bind_text(q, 2, params, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(q, 3, f->reviews);
    bind_metric(q, 4, f->logloss_before);
    bind_metric(q, 5, f->logloss_after);
    bind_metric(q, 6, f->rmse_before);
    bind_metric(q, 7, f->rmse_after);
    sqlite3_bind_int(q, 8, f->active != 0);
    int rc = sqlite3_step(q);
    sqlite3_reset(q);
    if (rc != SQLITE_DONE)
        return store_fail(st, rc, "saving the fitted parameters", err);
    f->id = sqlite3_last_insert_rowid(store_db(st));
    return LP_OK;
}

enum lp_code fitlog_save(struct store *st, struct fitlog_fit *f, struct lp_err *err)
{
    enum lp_code rc = store_begin(st, err);
    if (rc != LP_OK)
        return rc;
    if (f->active)
        rc = store_exec(st, "UPDATE fsrs_fits SET active = 0 WHERE active != 0", err);
    if (rc == LP_OK)
        rc = insert_fit(st, f, err);
    if (rc != LP_OK) {
        store_rollback(st);
        return rc;
    }
    return store_commit(st, err);
}

static double column_metric(sqlite3_stmt *q, int col)
{
    return sqlite3_column_type(q, col) == SQLITE_NULL ? NAN : sqlite3_column_double(q, col);
}

enum lp_code fitlog_active(struct store *st, struct fitlog_fit *f, int *found,
                           struct lp_err *err)
{
    sqlite3_stmt *q = store_stmt(st,
                                 "SELECT id, time, params, reviews, logloss_before, logloss_after,"
                                 " rmse_before, rmse_after FROM fsrs_fits WHERE active != 0"
                                 " ORDER BY id DESC LIMIT 1",
                                 err);
    *found = 0;
    if (!q)
        return LP_EDB;
    int rc = sqlite3_step(q);
    enum lp_code lrc = LP_OK;
    if (rc == SQLITE_ROW) {
        struct fsrs_params p;
        fsrs_default_params(&p);
        const char *text = (const char *)sqlite3_column_text(q, 2);
        lrc = fsrs_params_parse(text ? text : "", &p, err);
        if (lrc == LP_OK) {
            f->id = sqlite3_column_int64(q, 0);
            f->time = sqlite3_column_int64(q, 1);
            memcpy(f->w, p.w, sizeof f->w);
            f->reviews = (long)sqlite3_column_int64(q, 3);
            f->logloss_before = column_metric(q, 4);
            f->logloss_after = column_metric(q, 5);
            f->rmse_before = column_metric(q, 6);
            f->rmse_after = column_metric(q, 7);
            f->active = 1;
            *found = 1;
        }
    }
    sqlite3_reset(q);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return store_fail(st, rc, "reading the fitted parameters", err);
    return lrc;
}

enum lp_code fitlog_activate(struct store *st, int64_t id, struct lp_err *err)
{
    enum lp_code rc = store_begin(st, err);
    if (rc != LP_OK)
        return rc;
    rc = store_exec(st, "UPDATE fsrs_fits SET active = 0 WHERE active != 0", err);
    sqlite3_stmt *q = rc == LP_OK && id ? store_stmt(st, "UPDATE fsrs_fits SET active = 1"
                                                         " WHERE id = ?", err)
                                        : NULL;
    if (q) {
        sqlite3_bind_int64(q, 1, id);
        int s = sqlite3_step(q);
        sqlite3_reset(q);
        if (s != SQLITE_DONE)
            rc = store_fail(st, s, "activating the fitted parameters", err);
        else if (sqlite3_changes(store_db(st)) == 0)
            rc = err_set(err, LP_ENOTFOUND, "no fitted parameter set with id %lld",
                         (long long)id);
    } else if (rc == LP_OK && id) {
        rc = LP_EDB;
    }
    if (rc != LP_OK) {
        store_rollback(st);
        return rc;
    }
    return store_commit(st, err);
}
