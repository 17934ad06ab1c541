/*
 * export.c - the review log and card states as TSV or JSON (see export.h).
 */
#include "export.h"

#include <errno.h>
#include <string.h>
#include <time.h>

#include "clock.h"
#include "replay.h"
#include "text.h"

static const char *state_name(int s)
{
    static const char *const names[] = {"new", "learning", "review", "relearning"};
    return s >= 0 && s <= 3 ? names[s] : "unknown";
}

static const char *col_text(sqlite3_stmt *q, int i)
{
    const unsigned char *t = sqlite3_column_text(q, i);
    return t ? (const char *)t : "";
}

/* A double that reads back exactly (%.17g, by replay_g17's fast path), or null for
 * NaN and infinities. */
static void put_real(FILE *f, double x)
{
    char buf[REPLAY_G17_MAX];
    if (x != x || x - x != 0)
        fputs("null", f);
    else
        fwrite(buf, 1, replay_g17(x, buf), f);
}

static void put_utc(FILE *f, int64_t t)
{
    time_t tt = (time_t)t;
    struct tm tm;
    char buf[32] = "";
    if (gmtime_r(&tt, &tm))
        strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    text_json(f, buf);
}

static void put_day(FILE *f, int32_t day)
{
    char d[11];
    clock_day_str(day, d);
    text_json(f, d);
}

typedef void (*row_fn)(FILE *f, sqlite3_stmt *q, long i, int rollover_hour);

/* Write head, then run q to its end calling row() for each row (in one read
 * transaction), then tail; then check that the stream took it all. */
static enum lp_code each_row(struct store *st, sqlite3_stmt *q, FILE *f, const char *head,
                             row_fn row, const char *tail, int ro, long *rows, struct lp_err *err)
{
    long n = 0;
    int rc;
    if (store_exec(st, "BEGIN", err) != LP_OK)
        return err->code;
    fputs(head, f);
    while ((rc = sqlite3_step(q)) == SQLITE_ROW && !ferror(f))
        row(f, q, n++, ro);
    sqlite3_reset(q);
    store_exec(st, "COMMIT", NULL);
    fputs(tail, f);
    if (rows)
        *rows = n;
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return store_fail(st, rc, "reading for the export", err);
    if (fflush(f) != 0 || ferror(f)) {
        int e = errno;
        return err_set(err, e == ENOSPC || e == EFBIG ? LP_EFULL : LP_EIO, "export: %s",
                       strerror(e ? e : EIO));
    }
    return LP_OK;
}

/* ---- the review log ---- */

#define REVLOG_COLS                                                                                \
    "card_id, time, day, grade, mode, answer_ms, elapsed_days, scheduled_days,"                   \
    " state_before, state_after, s_before, d_before, s_after, d_after, due_after, correct"

static void revlog_tsv(FILE *f, sqlite3_stmt *q, long i, int ro)
{
    (void)i, (void)ro;
    fprintf(f, "%s\t%lld\t%d\n", col_text(q, 0), (long long)sqlite3_column_int64(q, 1),
            sqlite3_column_int(q, 3));
}

static void revlog_json(FILE *f, sqlite3_stmt *q, long i, int ro)
{
    int64_t t = sqlite3_column_int64(q, 1), due = sqlite3_column_int64(q, 14);
    fputs(i ? ",\n{\"card\":" : "\n{\"card\":", f);
    text_json(f, col_text(q, 0));
    fprintf(f, ",\"time\":%lld,\"at\":", (long long)t);
    put_utc(f, t);
    fputs(",\"day\":", f);
    put_day(f, sqlite3_column_int(q, 2));
    fprintf(f, ",\"grade\":%d,\"mode\":", sqlite3_column_int(q, 3));
    text_json(f, col_text(q, 4));
    fprintf(f, ",\"answer_ms\":%d,\"elapsed_days\":", sqlite3_column_int(q, 5));
    put_real(f, sqlite3_column_double(q, 6));
    fputs(",\"scheduled_days\":", f);
    put_real(f, sqlite3_column_double(q, 7));
    fprintf(f, ",\"state_before\":\"%s\",\"state_after\":\"%s\"",
            state_name(sqlite3_column_int(q, 8)), state_name(sqlite3_column_int(q, 9)));
    const char *mem[] = {"s_before", "d_before", "s_after", "d_after"};
    for (int k = 0; k < 4; k++) {
        fprintf(f, ",\"%s\":", mem[k]);
        put_real(f, sqlite3_column_double(q, 10 + k));
    }
    fprintf(f, ",\"due_after\":%lld,\"due_day\":", (long long)due);
    put_day(f, clock_day(due, ro));
    fputs(",\"correct\":", f);
    if (sqlite3_column_type(q, 15) == SQLITE_NULL)
        fputs("null", f);
    else
        fputs(sqlite3_column_int(q, 15) ? "true" : "false", f);
    fputc('}', f);
}

enum lp_code export_revlog(struct store *st, FILE *f, enum export_format fmt, int rollover_hour,
                           long *rows, struct lp_err *err)
{
    sqlite3_stmt *q =
        fmt == EXPORT_TSV
            ? store_stmt(st, "SELECT " REVLOG_COLS " FROM revlog WHERE mode = 'study'"
                             " ORDER BY time, id", err)
            : store_stmt(st, "SELECT " REVLOG_COLS " FROM revlog ORDER BY time, id", err);
    if (!q)
        return LP_EDB;
    if (fmt == EXPORT_TSV)
        return each_row(st, q, f, "", revlog_tsv, "", rollover_hour, rows, err);
    return each_row(st, q, f, "[", revlog_json, "\n]\n", rollover_hour, rows, err);
}

/* ---- the cards ---- */

#define CARD_COLS                                                                                  \
    "id, deck_id, section, state, due, stability, difficulty, reps, lapses, suspended, leech"

static void cards_tsv(FILE *f, sqlite3_stmt *q, long i, int ro)
{
    char d[11] = "";
    int state = sqlite3_column_int(q, 3);
    (void)i;
    if (state != 0)
        clock_day_str(clock_day(sqlite3_column_int64(q, 4), ro), d);
    fprintf(f, "%s\t%s\t%s\t%s\t%s\t%.4f\t%.4f\t%d\t%d\t%d\t%d\n", col_text(q, 0), col_text(q, 1),
            col_text(q, 2), state_name(state), d, sqlite3_column_double(q, 5),
            sqlite3_column_double(q, 6), sqlite3_column_int(q, 7), sqlite3_column_int(q, 8),
            sqlite3_column_int(q, 9) != 0, sqlite3_column_int(q, 10) != 0);
}

static void cards_json(FILE *f, sqlite3_stmt *q, long i, int ro)
{
    int state = sqlite3_column_int(q, 3);
    int64_t due = sqlite3_column_int64(q, 4);
    fputs(i ? ",\n{\"id\":" : "\n{\"id\":", f);
    text_json(f, col_text(q, 0));
    fputs(",\"deck\":", f);
    text_json(f, col_text(q, 1));
    fputs(",\"section\":", f);
    text_json(f, col_text(q, 2));
    fprintf(f, ",\"state\":\"%s\",\"due\":", state_name(state));
    if (state == 0)
        fputs("null,\"due_day\":null", f);
    else {
        fprintf(f, "%lld,\"due_day\":", (long long)due);
        put_day(f, clock_day(due, ro));
    }
    fputs(",\"stability\":", f);
    put_real(f, sqlite3_column_double(q, 5));
    fputs(",\"difficulty\":", f);
    put_real(f, sqlite3_column_double(q, 6));
    fprintf(f, ",\"reps\":%d,\"lapses\":%d,\"suspended\":%s,\"leech\":%s}",
            sqlite3_column_int(q, 7), sqlite3_column_int(q, 8),
            sqlite3_column_int(q, 9) ? "true" : "false",
            sqlite3_column_int(q, 10) ? "true" : "false");
}

enum lp_code export_cards(struct store *st, FILE *f, enum export_format fmt, int rollover_hour,
                          long *rows, struct lp_err *err)
{
    sqlite3_stmt *q = store_stmt(st,
                                 "SELECT " CARD_COLS " FROM cards WHERE retired = 0"
                                 " ORDER BY deck_id, position, id",
                                 err);
    if (!q)
        return LP_EDB;
    if (fmt == EXPORT_TSV)
        return each_row(st, q, f,
                        "id\tdeck\tsection\tstate\tdue\tstability\tdifficulty\treps\tlapses"
                        "\tsuspended\tleech\n",
                        cards_tsv, "", rollover_hour, rows, err);
    return each_row(st, q, f, "[", cards_json, "\n]\n", rollover_hour, rows, err);
}
