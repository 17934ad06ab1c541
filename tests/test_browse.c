/*
 * test_browse.c - the card browser's queries: search over question, answer and
 * tags (case-insensitive, UTF-8 too), filters by state and section, a card's
 * review history, and reset (which keeps the history).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <locale.h>
#include <time.h>

#include "browse.h"
#include "cards.h"
#include "sync.h"
#include "testutil.h"

#define T0 1767258000 /* 2026-01-01T09:00:00Z */

static char dir[256], content[300], db[300];
static struct store *st;
static struct config cfg;

static const char deck_math[] =
    "kind: deck\nid: alg\ntitle: Algebra\nsection: mathematics\ntopic: la\ntags: [oral]\n"
    "cards:\n"
    "  - id: rank\n    q: What is the RANK of a matrix?\n    a: The dimension of its column"
    " space.\n"
    "  - id: sigma\n    q: What does Σ denote in the SVD?\n    a: The diagonal matrix of"
    " singular values.\n"
    "  - id: trace\n    q: What is the trace?\n    a: The sum of the diagonal.\n"
    "    tags: [eigen]\n";
static const char deck_stats[] =
    "kind: deck\nid: prob\ntitle: Probability\nsection: statistics\ntopic: p\ncards:\n"
    "  - id: bayes\n    q: State Bayes' rule.\n    a: P(A|B) = P(B|A) P(A) / P(B).\n"
    "  - id: var\n    q: Variance of a Bernoulli?\n    a: p(1 - p), the diagonal case.\n";

static int setup(void **state)
{
    (void)state;
    struct lp_err err = {0};
    setenv("TZ", "UTC", 1);
    tzset();
    assert_non_null(setlocale(LC_ALL, "C.UTF-8"));
    tu_layout(dir, sizeof dir, content, sizeof content, db, sizeof db);
    tu_write(content, "alg.yaml", deck_math);
    tu_write(content, "prob.yaml", deck_stats);
    st = store_open(db, STORE_CREATE, &err);
    assert_non_null(st);
    tu_sync(st, content, T0);
    config_defaults(&cfg);
    cfg.fuzz = 0;
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    store_close(st);
    tu_rmrf(dir);
    return 0;
}

static long qint(const char *sql)
{
    return tu_qint(st, sql);
}

static void answer(const char *id, int grade, int64_t t)
{
    struct lp_err err = {0};
    struct answer_result r;
    assert_int_equal(cards_answer(st, &cfg, id, grade, t, 4000, "study", -1, &r, &err), LP_OK);
}

/* The ids found, space-separated, in order. */
static const char *ids(const char *text, enum browse_filter f, const char *section, int64_t now)
{
    static char buf[512];
    struct lp_err err = {0};
    struct browse_query q = {text, f, section, now, 4};
    struct browse_row *rows;
    size_t n;
    assert_int_equal(browse_search(st, &q, &rows, &n, &err), LP_OK);
    buf[0] = '\0';
    for (size_t i = 0; i < n; i++)
        snprintf(buf + strlen(buf), sizeof buf - strlen(buf), "%s%s", i ? " " : "", rows[i].id);
    free(rows);
    return buf;
}

static void test_all_live_cards_in_content_order(void **state)
{
    (void)state;
    assert_string_equal(ids(NULL, BROWSE_ALL, NULL, T0), "rank sigma trace bayes var");
    assert_string_equal(ids("", BROWSE_ALL, NULL, T0), "rank sigma trace bayes var");
    assert_int_equal(sqlite3_exec(store_db(st), "UPDATE cards SET retired = 1 WHERE id = 'sigma'",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    assert_string_equal(ids(NULL, BROWSE_ALL, NULL, T0), "rank trace bayes var");
}

static void test_row_fields(void **state)
{
    (void)state;
    struct lp_err err = {0};
    struct browse_query q = {"bayes", BROWSE_ALL, NULL, T0, 4};
    struct browse_row *rows;
    size_t n;
    assert_int_equal(browse_search(st, &q, &rows, &n, &err), LP_OK);
    assert_int_equal(n, 1);
    assert_string_equal(rows[0].deck, "prob");
    assert_string_equal(rows[0].section, "statistics");
    assert_int_equal(rows[0].state, CARD_NEW);
    assert_string_equal(rows[0].q, "State Bayes' rule.");
    free(rows);
}

static void test_search_question_answer_tags(void **state)
{
    (void)state;
    assert_string_equal(ids("rank", BROWSE_ALL, NULL, T0), "rank");         /* question */
    assert_string_equal(ids("column space", BROWSE_ALL, NULL, T0), "rank"); /* answer, 2 words */
    assert_string_equal(ids("diagonal", BROWSE_ALL, NULL, T0), "sigma trace var");
    assert_string_equal(ids("eigen", BROWSE_ALL, NULL, T0), "trace");           /* card tag */
    assert_string_equal(ids("oral", BROWSE_ALL, NULL, T0), "rank sigma trace"); /* deck tag */
    assert_string_equal(ids("diagonal sum", BROWSE_ALL, NULL, T0), "trace");    /* all words */
    assert_string_equal(ids("nothing-like-this", BROWSE_ALL, NULL, T0), "");
}

static void test_search_ignores_case_utf8(void **state)
{
    (void)state;
    assert_string_equal(ids("RaNk", BROWSE_ALL, NULL, T0), "rank");
    assert_string_equal(ids("BAYES", BROWSE_ALL, NULL, T0), "bayes");
    /* Only a capital Σ in the card: a small σ finds it. */
    assert_string_equal(ids("σ", BROWSE_ALL, NULL, T0), "sigma");
    assert_string_equal(ids("Σ", BROWSE_ALL, NULL, T0), "sigma");
    assert_string_equal(ids("wHaT dOeS σ", BROWSE_ALL, NULL, T0), "sigma");
    assert_int_equal(browse_match("Ünïcode ΣΑΣ", "ünï σασ"), 1);
    assert_int_equal(browse_match("abc", "abd"), 0);
    assert_int_equal(browse_match("abc", NULL), 1);
    assert_int_equal(browse_match("a\xff"
                                  "b",
                                  "\xff"),
                     1); /* invalid bytes kept */
}

static void test_filters(void **state)
{
    (void)state;
    struct lp_err err = {0};
    answer("rank", 4, T0);  /* review, due in days */
    answer("bayes", 3, T0); /* learning, due in 10 minutes: due today */
    answer("trace", 4, T0);
    assert_int_equal(cards_set_suspended(st, "trace", 1, &err), LP_OK);
    assert_int_equal(
        sqlite3_exec(store_db(st), "UPDATE cards SET leech = 1 WHERE id = 'var'", NULL, NULL, NULL),
        SQLITE_OK);
    int64_t now = T0 + 3600;
    assert_string_equal(ids(NULL, BROWSE_DUE, NULL, now), "bayes");
    assert_string_equal(ids(NULL, BROWSE_NEW, NULL, now), "sigma var");
    assert_string_equal(ids(NULL, BROWSE_SUSPENDED, NULL, now), "trace");
    assert_string_equal(ids(NULL, BROWSE_LEECH, NULL, now), "var");
    /* Weeks later the review card is due too; the suspended one never is. */
    assert_string_equal(ids(NULL, BROWSE_DUE, NULL, T0 + 86400 * 60), "rank bayes");
    assert_string_equal(ids(NULL, BROWSE_ALL, "statistics", now), "bayes var");
    assert_string_equal(ids(NULL, BROWSE_NEW, "mathematics", now), "sigma");
    assert_string_equal(ids("diagonal", BROWSE_NEW, NULL, now), "sigma var");
    /* A section filter after none: the statement's binding must not linger. */
    assert_string_equal(ids(NULL, BROWSE_ALL, NULL, now), "rank sigma trace bayes var");
    assert_string_equal(browse_filter_name(BROWSE_SUSPENDED), "suspended");
}

static void test_history(void **state)
{
    (void)state;
    struct lp_err err = {0};
    answer("rank", 3, T0);
    answer("rank", 3, T0 + 600);
    answer("var", 1, T0 + 5);
    struct browse_review *h;
    size_t n;
    assert_int_equal(browse_history(st, "rank", &h, &n, &err), LP_OK);
    assert_int_equal(n, 2);
    assert_int_equal(h[0].time, T0);
    assert_int_equal(h[0].grade, 3);
    assert_int_equal(h[0].state_before, CARD_NEW);
    assert_int_equal(h[0].interval, 600); /* the 10-minute step */
    assert_string_equal(h[0].mode, "study");
    assert_int_equal(h[1].time, T0 + 600);
    assert_int_equal(h[1].state_after, CARD_REVIEW);
    assert_true(h[1].interval >= 86400);
    assert_int_equal(h[1].interval, qint("SELECT due FROM cards WHERE id = 'rank'") - (T0 + 600));
    free(h);
    assert_int_equal(browse_history(st, "sigma", &h, &n, &err), LP_OK);
    assert_int_equal(n, 0);
    free(h);
}

static void test_reset_keeps_history(void **state)
{
    (void)state;
    struct lp_err err = {0};
    answer("rank", 4, T0);
    answer("rank", 1, T0 + 86400 * 10);
    assert_int_equal(sqlite3_exec(store_db(st),
                                  "UPDATE cards SET leech = 1, tags = tags || 'leech '"
                                  " WHERE id = 'rank'",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    assert_int_equal(cards_set_suspended(st, "rank", 1, &err), LP_OK);
    assert_int_equal(browse_reset(st, "rank", &err), LP_OK);
    assert_int_equal(qint("SELECT state + stability + difficulty + due + last_review + reps"
                          " + lapses + step + leech FROM cards WHERE id = 'rank'"),
                     0);
    assert_int_equal(qint("SELECT tags LIKE '% leech %' FROM cards WHERE id = 'rank'"), 0);
    assert_int_equal(qint("SELECT tags LIKE '% oral %' FROM cards WHERE id = 'rank'"), 1);
    assert_int_equal(qint("SELECT suspended FROM cards WHERE id = 'rank'"), 1);
    assert_int_equal(qint("SELECT count(*) FROM revlog WHERE card_id = 'rank'"), 2);
    /* It is new again: the browser's new filter and the study queue see it so. */
    assert_string_equal(ids(NULL, BROWSE_NEW, "mathematics", T0), "rank sigma trace");
    /* Other cards untouched; unknown and retired cards refused. */
    answer("var", 4, T0);
    long var_due = qint("SELECT due FROM cards WHERE id = 'var'");
    assert_int_equal(browse_reset(st, "nope", &err), LP_ENOTFOUND);
    assert_int_equal(sqlite3_exec(store_db(st), "UPDATE cards SET retired = 1 WHERE id = 'var'",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    assert_int_equal(browse_reset(st, "var", &err), LP_ENOTFOUND);
    assert_int_equal(qint("SELECT due FROM cards WHERE id = 'var'"), var_due);
    /* The failed reset left no transaction open. */
    assert_int_equal(sqlite3_get_autocommit(store_db(st)), 1);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(test_all_live_cards_in_content_order),
        T(test_row_fields),
        T(test_search_question_answer_tags),
        T(test_search_ignores_case_utf8),
        T(test_filters),
        T(test_history),
        T(test_reset_keeps_history),
    };
    return cmocka_run_group_tests_name("browse", tests, NULL, NULL);
}
