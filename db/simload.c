/*
 * simload.c - the cards and their memory, for the simulator (see simload.h).
 */
#include "simload.h"

#include <stdlib.h>

#include "clock.h"

static int push(struct sim_card **v, size_t *n, size_t *cap, const struct sim_card *c)
{
    if (*n == *cap) {
        size_t m = *cap ? *cap * 2 : 256;
        struct sim_card *t = realloc(*v, m * sizeof *t);
        if (!t)
            return -1;
        *v = t;
        *cap = m;
    }
    (*v)[(*n)++] = *c;
    return 0;
}

enum lp_code simload_cards(struct store *st, const char *deck, int rollover_hour,
                           struct sim_card **out, size_t *n, struct lp_err *err)
{
    sqlite3_stmt *q = store_stmt(st,
                                 "SELECT state, stability, difficulty, due, last_review FROM cards"
                                 " WHERE retired = 0 AND suspended = 0"
                                 " AND (?1 IS NULL OR deck_id = ?1)"
                                 " ORDER BY state = 0 OR stability <= 0, position, id",
                                 err);
    size_t cap = 0;
    int rc;
    *out = NULL;
    *n = 0;
    if (!q)
        return LP_EDB;
    if (deck)
        sqlite3_bind_text(q, 1, deck, -1, SQLITE_STATIC);
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        struct sim_card c = {0};
        c.s = sqlite3_column_double(q, 1);
        c.d = sqlite3_column_double(q, 2);
        c.is_new = sqlite3_column_int(q, 0) == 0 || !(c.s > 0);
        c.due_day = clock_day(sqlite3_column_int64(q, 3), rollover_hour);
        c.last_day = clock_day(sqlite3_column_int64(q, 4), rollover_hour);
        if (push(out, n, &cap, &c) != 0) {
            sqlite3_reset(q);
            free(*out);
            *out = NULL;
            *n = 0;
            return err_set(err, LP_ENOMEM, NULL);
        }
    }
    sqlite3_reset(q);
    if (rc != SQLITE_DONE) {
        free(*out);
        *out = NULL;
        *n = 0;
        return store_fail(st, rc, "reading the cards", err);
    }
    return LP_OK;
}
