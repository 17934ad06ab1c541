/*
 * bench_driver.c - timings that need to be taken inside the process, for
 * bench/run.sh.  Linked with libcore; prints one "name value" line per figure.
 *
 *   bench_driver phases  DB CONTENT NOW   time each step of `labprep due` (ms)
 *   bench_driver answers DB NOW N         N answers with cards_answer(), each timed
 *                                         from the call to its return (after COMMIT);
 *                                         prints every latency in ms, one a line
 *   bench_driver sync    DB CONTENT NOW   one sync_content() (ms) and what it did
 *
 * The store is opened exactly as labprep opens it (store_open with STORE_CREATE:
 * WAL, synchronous=FULL), so answer latencies include the fsync of each commit.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cards.h"
#include "clock.h"
#include "config.h"
#include "store.h"
#include "sync.h"
#include "today.h"

static double ms_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int fail(const struct lp_err *err)
{
    fprintf(stderr, "bench_driver: %s\n", err->msg);
    return 1;
}

static struct store *open_db(const char *path, struct lp_err *err)
{
    return store_open(path, STORE_CREATE, err);
}

static int do_sync(struct store *st, const char *content, int64_t now, struct sync_stats *ss,
                   struct lp_err *err)
{
    const char *dirs[] = {content};
    struct content_diag diag;
    content_diag_init(&diag);
    memset(ss, 0, sizeof *ss);
    enum lp_code rc = sync_content(st, dirs, 1, 1, now, &diag, ss, err);
    content_diag_free(&diag);
    return rc == LP_OK ? 0 : -1;
}

static int phases(const char *db, const char *content, int64_t now)
{
    struct lp_err err = {0};
    struct config cfg;
    config_defaults(&cfg);
    double t0 = ms_now();
    struct store *st = open_db(db, &err);
    if (!st)
        return fail(&err);
    double t1 = ms_now();
    struct sync_stats ss;
    if (do_sync(st, content, now, &ss, &err) != 0)
        return fail(&err);
    double t2 = ms_now();
    int32_t day = clock_day(now, cfg.rollover_hour);
    struct deck_counts *dc;
    size_t n;
    struct day_done dd;
    int passed, total;
    if (cards_counts(st, now, cfg.rollover_hour, &dc, &n, &err) != LP_OK)
        return fail(&err);
    free(dc);
    double t3 = ms_now();
    if (cards_done_today(st, day, &dd, &err) != LP_OK)
        return fail(&err);
    double t4 = ms_now();
    if (cards_retention(st, day - 29, day, NULL, &passed, &total, &err) != LP_OK)
        return fail(&err);
    double t5 = ms_now();
    int streak = cards_streak(st, day);
    double t6 = ms_now();
    double spa = cards_seconds_per_answer(st, day);
    double t7 = ms_now();
    store_close(st);
    double t8 = ms_now();
    printf("open %.3f\nsync %.3f\ncounts %.3f\ndone_today %.3f\nretention %.3f\n"
           "streak %.3f\nseconds_per_answer %.3f\nclose %.3f\n",
           t1 - t0, t2 - t1, t3 - t2, t4 - t3, t5 - t4, t6 - t5, t7 - t6, t8 - t7);
    fprintf(stderr, "streak %d, %.1f s per answer, retention %d/%d\n", streak, spa, passed, total);
    return 0;
}

/* The N cards to answer: those due first, as a study session would take them. */
static char (*due_cards(struct store *st, int n, struct lp_err *err))[QUEUE_ID_MAX]
{
    sqlite3_stmt *q;
    if (sqlite3_prepare_v2(store_db(st),
                           "SELECT id FROM cards WHERE retired = 0 AND suspended = 0"
                           " ORDER BY state = 0, due, id LIMIT ?",
                           -1, &q, NULL) != SQLITE_OK) {
        store_fail(st, sqlite3_errcode(store_db(st)), "choosing cards", err);
        return NULL;
    }
    char(*ids)[QUEUE_ID_MAX] = calloc((size_t)n, QUEUE_ID_MAX);
    sqlite3_bind_int(q, 1, n);
    for (int i = 0; ids && i < n && sqlite3_step(q) == SQLITE_ROW; i++)
        snprintf(ids[i], QUEUE_ID_MAX, "%s", (const char *)sqlite3_column_text(q, 0));
    sqlite3_finalize(q);
    return ids;
}

static int answers(const char *db, int64_t now, int n)
{
    struct lp_err err = {0};
    struct config cfg;
    config_defaults(&cfg);
    struct store *st = open_db(db, &err);
    if (!st)
        return fail(&err);
    char(*ids)[QUEUE_ID_MAX] = due_cards(st, n, &err);
    if (!ids)
        return fail(&err);
    for (int i = 0; i < n; i++) {
        struct answer_result r;
        double t0 = ms_now();
        /* Grades cycle Good, Good, Hard, Easy, Again; 20 s apart. */
        static const int grades[] = {3, 3, 2, 4, 1};
        if (cards_answer(st, &cfg, ids[i], grades[i % 5], now + 20 * i, 9000, "study", -1, &r,
                         &err) != LP_OK)
            return fail(&err);
        printf("%.4f\n", ms_now() - t0);
    }
    free(ids);
    store_close(st);
    return 0;
}

static int sync_once(const char *db, const char *content, int64_t now)
{
    struct lp_err err = {0};
    struct store *st = open_db(db, &err);
    if (!st)
        return fail(&err);
    struct sync_stats ss;
    double t0 = ms_now();
    if (do_sync(st, content, now, &ss, &err) != 0)
        return fail(&err);
    double t1 = ms_now();
    store_close(st);
    printf("sync %.3f\n", t1 - t0);
    fprintf(stderr, "files %zu parsed %zu unchanged %zu updated %zu\n", ss.files, ss.parsed,
            ss.skipped_unchanged, ss.cards_updated);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc == 5 && !strcmp(argv[1], "phases"))
        return phases(argv[2], argv[3], strtoll(argv[4], NULL, 10));
    if (argc == 5 && !strcmp(argv[1], "answers"))
        return answers(argv[2], strtoll(argv[3], NULL, 10), atoi(argv[4]));
    if (argc == 5 && !strcmp(argv[1], "sync"))
        return sync_once(argv[2], argv[3], strtoll(argv[4], NULL, 10));
    fprintf(stderr, "usage: bench_driver phases|sync DB CONTENT NOW | answers DB NOW N\n");
    return 2;
}
