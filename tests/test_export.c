/*
 * test_export.c - files written whole or not at all (fileio), the review log and
 * card states exported as TSV and JSON, and the list of mock quizzes.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <signal.h>
#include <sys/resource.h>
#include <time.h>

#include "cards.h"
#include "clock.h"
#include "export.h"
#include "fileio.h"
#include "mock.h"
#include "testutil.h"

#define T0 1767258000 /* 2026-01-01T09:00:00Z */

static char dir[256], content[300], db[300];
static struct store *st;
static struct config cfg;

static const char deck[] =
    "kind: deck\nid: alg\ntitle: Algebra\nsection: mathematics\ntopic: la\ncards:\n"
    "  - id: rank\n    q: Rank?\n    a: Dimension of the column space.\n"
    "  - id: \"tab\"\n    q: Trace?\n    a: Sum of the diagonal.\n"
    "  - id: zeta\n    q: Zeta?\n    a: A function.\n";

static int setup(void **state)
{
    (void)state;
    struct lp_err err = {0};
    setenv("TZ", "UTC", 1);
    tzset();
    tu_layout(dir, sizeof dir, content, sizeof content, db, sizeof db);
    tu_write(content, "alg.yaml", deck);
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

static void answer(const char *id, int grade, int64_t t, const char *mode)
{
    struct lp_err err = {0};
    struct answer_result r;
    assert_int_equal(cards_answer(st, &cfg, id, grade, t, 1500, mode, -1, &r, &err), LP_OK);
}

/* What export_* writes, as a malloc'd string. */
static char *run_export(int cards, enum export_format fmt, long *rows)
{
    char *buf = NULL;
    size_t len = 0;
    struct lp_err err = {0};
    FILE *f = open_memstream(&buf, &len);
    assert_non_null(f);
    enum lp_code rc = cards ? export_cards(st, f, fmt, 4, rows, &err)
                            : export_revlog(st, f, fmt, 4, rows, &err);
    assert_int_equal(rc, LP_OK);
    fclose(f);
    return buf;
}

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    static char buf[4096];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    buf[n] = '\0';
    fclose(f);
    return buf;
}

/* ---- fileio ---- */

static int put_text(FILE *f, void *ctx)
{
    return fputs(ctx, f) < 0 ? -1 : 0;
}

static int put_and_fail(FILE *f, void *ctx)
{
    fputs(ctx, f);
    return -1;
}

static void test_atomic_write(void **state)
{
    (void)state;
    struct lp_err err = {0};
    char path[400];
    snprintf(path, sizeof path, "%s/out.txt", dir);
    assert_int_equal(fileio_write_atomic(path, put_text, (void *)"first\n", &err), LP_OK);
    assert_string_equal(slurp(path), "first\n");
    assert_int_equal(fileio_write_atomic(path, put_text, (void *)"second\n", &err), LP_OK);
    assert_string_equal(slurp(path), "second\n");
    /* A writer that gives up: the old file stays, no temporary is left. */
    assert_int_equal(fileio_write_atomic(path, put_and_fail, (void *)"half", &err), LP_EIO);
    assert_string_equal(slurp(path), "second\n");
    assert_int_equal(tu_count_prefix(dir, "out.txt."), 0);
    /* The disk fills up (a file-size limit): LP_EFULL, old file kept. */
    static char big[8192];
    memset(big, 'x', sizeof big - 1);
    struct rlimit old, small;
    signal(SIGXFSZ, SIG_IGN);
    assert_int_equal(getrlimit(RLIMIT_FSIZE, &old), 0);
    small = old;
    small.rlim_cur = 100;
    assert_int_equal(setrlimit(RLIMIT_FSIZE, &small), 0);
    enum lp_code rc = fileio_write_atomic(path, put_text, big, &err);
    assert_int_equal(setrlimit(RLIMIT_FSIZE, &old), 0);
    assert_int_equal(rc, LP_EFULL);
    assert_non_null(strstr(err.msg, "out.txt"));
    assert_string_equal(slurp(path), "second\n");
    assert_int_equal(tu_count_prefix(dir, "out.txt."), 0);
}

static void test_mkdirs(void **state)
{
    (void)state;
    char path[400];
    struct stat sb;
    snprintf(path, sizeof path, "%s/a/b/c", dir);
    assert_int_equal(fileio_mkdirs(path), 0);
    assert_int_equal(stat(path, &sb), 0);
    assert_true(S_ISDIR(sb.st_mode));
    assert_int_equal(fileio_mkdirs(path), 0); /* already there: fine */
    snprintf(path, sizeof path, "%s/x/y/file.db", dir);
    assert_int_equal(fileio_mkdirs_for(path), 0);
    snprintf(path, sizeof path, "%s/x/y", dir);
    assert_int_equal(stat(path, &sb), 0);
    tu_write(dir, "plain", "a file\n");
    snprintf(path, sizeof path, "%s/plain/sub", dir);
    assert_int_equal(fileio_mkdirs(path), -1);
}

/* ---- export ---- */

static void test_revlog_tsv_is_study_answers_in_time_order(void **state)
{
    (void)state;
    long rows = -1;
    answer("zeta", 3, T0 + 60, "study");
    answer("rank", 1, T0, "study");
    answer("rank", 3, T0 + 600, "cram");
    char *out = run_export(0, EXPORT_TSV, &rows);
    assert_string_equal(out, "rank\t1767258000\t1\nzeta\t1767258060\t3\n");
    assert_int_equal(rows, 2);
    free(out);
}

static void test_revlog_json_has_every_row(void **state)
{
    (void)state;
    long rows = -1;
    answer("rank", 3, T0, "study");
    answer("rank", 3, T0 + 600, "cram");
    char *out = run_export(0, EXPORT_JSON, &rows);
    assert_int_equal(rows, 2);
    assert_non_null(strstr(out, "{\"card\":\"rank\",\"time\":1767258000,"
                                "\"at\":\"2026-01-01T09:00:00Z\",\"day\":\"2026-01-01\","
                                "\"grade\":3,\"mode\":\"study\",\"answer_ms\":1500,"));
    assert_non_null(strstr(out, "\"mode\":\"cram\""));
    assert_non_null(strstr(out, "\"state_before\":\"new\",\"state_after\":\"learning\""));
    assert_int_equal(out[0], '[');
    assert_non_null(strstr(out, "}\n]\n"));
    free(out);
}

static void test_empty_log(void **state)
{
    (void)state;
    long rows = -1;
    char *out = run_export(0, EXPORT_JSON, &rows);
    assert_string_equal(out, "[\n]\n");
    assert_int_equal(rows, 0);
    free(out);
    out = run_export(0, EXPORT_TSV, &rows);
    assert_string_equal(out, "");
    free(out);
}

static void test_cards(void **state)
{
    (void)state;
    long rows = -1;
    answer("rank", 4, T0, "study"); /* Easy on a new card: straight to review */
    char *out = run_export(1, EXPORT_TSV, &rows);
    assert_int_equal(rows, 3);
    char want[256];
    char d[11];
    long due = tu_qint(st, "SELECT due FROM cards WHERE id = 'rank'");
    clock_day_str(clock_day(due, 4), d);
    snprintf(want, sizeof want, "rank\talg\tmathematics\treview\t%s\t", d);
    assert_non_null(strstr(out, want));
    assert_non_null(strstr(out, "tab\talg\tmathematics\tnew\t\t0.0000\t0.0000\t0\t0\t0\t0\n"));
    assert_int_equal(strncmp(out, "id\tdeck\t", 8), 0);
    free(out);
    out = run_export(1, EXPORT_JSON, &rows);
    assert_non_null(strstr(out, "{\"id\":\"tab\",\"deck\":\"alg\",\"section\":\"mathematics\","
                                "\"state\":\"new\",\"due\":null,\"due_day\":null"));
    free(out);
}

/* A card retired from the content is not exported as a live card. */
static void test_cards_skips_retired(void **state)
{
    (void)state;
    long rows = -1;
    tu_write(content, "alg.yaml",
             "kind: deck\nid: alg\ntitle: Algebra\nsection: mathematics\ntopic: la\ncards:\n"
             "  - id: rank\n    q: Rank?\n    a: Dimension.\n");
    tu_sync(st, content, T0 + 10);
    char *out = run_export(1, EXPORT_TSV, &rows);
    assert_int_equal(rows, 1);
    assert_null(strstr(out, "zeta"));
    free(out);
}

/* ---- the mock history ---- */

static void test_mock_list(void **state)
{
    (void)state;
    struct lp_err err = {0};
    int64_t a, b, c, *ids = NULL;
    size_t n = 99;
    assert_int_equal(mock_list(st, &ids, &n, &err), LP_OK);
    assert_int_equal(n, 0);
    assert_null(ids);
    assert_int_equal(mock_start(st, T0, 20, MOCK_ALL_SECTIONS, &a, &err), LP_OK);
    assert_int_equal(mock_record(st, a, "rank", 0, MOCK_RIGHT, 900, T0 + 5, &err), LP_OK);
    assert_int_equal(mock_finish(st, a, T0 + 60, NULL, &err), LP_OK);
    assert_int_equal(mock_start(st, T0 + 3600, 20, MOCK_ALL_SECTIONS, &b, &err), LP_OK);
    assert_int_equal(mock_start(st, T0 + 7200, 20, MOCK_ALL_SECTIONS, &c, &err), LP_OK);
    assert_int_equal(mock_record(st, c, "zeta", 0, MOCK_WRONG, 900, T0 + 7205, &err), LP_OK);
    /* b has no answer: not listed; c was never finished (a crash): listed. */
    assert_int_equal(mock_list(st, &ids, &n, &err), LP_OK);
    assert_int_equal(n, 2);
    assert_int_equal(ids[0], c);
    assert_int_equal(ids[1], a);
    free(ids);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_atomic_write, setup, teardown),
        cmocka_unit_test_setup_teardown(test_mkdirs, setup, teardown),
        cmocka_unit_test_setup_teardown(test_revlog_tsv_is_study_answers_in_time_order, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_revlog_json_has_every_row, setup, teardown),
        cmocka_unit_test_setup_teardown(test_empty_log, setup, teardown),
        cmocka_unit_test_setup_teardown(test_cards, setup, teardown),
        cmocka_unit_test_setup_teardown(test_cards_skips_retired, setup, teardown),
        cmocka_unit_test_setup_teardown(test_mock_list, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
