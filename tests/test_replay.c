/*
 * test_replay.c - the replay against ts-fsrs's golden vectors, its line rules, and
 * the hand-made %.17g formatter against glibc's printf.
 *
 * Fixtures (tests/fixtures/fsrs/, made by tests/tools/fsrs/make_fixtures.sh):
 *   replay_default.log/.expected  3000 events, default parameters
 *   replay_custom.log/.expected   1000 events, retention 0.85, max interval 365,
 *                                 custom weights
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "fsrs.h"
#include "replay.h"
#include "testutil.h"

#define CUSTOM_W "0.3,1.1,2.9,10.5,6.8,0.6,2.7,0.02,1.6,0.2,0.9,1.7,0.08,0.3,1.4,0.45,2.1,0.7,0.2,0.1,0.25"

/* Next line of text (in place: the LF becomes NUL); NULL at the end. */
static char *next_line(char **cursor)
{
    char *s = *cursor;
    if (!s || !*s)
        return NULL;
    char *nl = strchr(s, '\n');
    if (nl) {
        *nl = '\0';
        *cursor = nl + 1;
    } else {
        *cursor = s + strlen(s);
    }
    return s;
}

struct expected {
    char id[300];
    long long t, due;
    int grade, interval;
    double s, d;
};

static void parse_expected(const char *line, struct expected *e)
{
    const char *tab = strchr(line, '\t');
    assert_non_null(tab);
    size_t n = (size_t)(tab - line);
    assert_true(n < sizeof e->id);
    memcpy(e->id, line, n);
    e->id[n] = '\0';
    int got = sscanf(tab + 1, "%lld\t%d\t%lf\t%lf\t%d\t%lld", &e->t, &e->grade, &e->s, &e->d,
                     &e->interval, &e->due);
    assert_int_equal(got, 6);
}

static void rel_close(double got, double want, long line, const char *what)
{
    if (!(fabs(got - want) <= 1e-9 * fabs(want))) {
        print_error("line %ld %s: got %.17g, want %.17g\n", line, what, got, want);
        fail();
    }
}

static void check_event(const struct replay_event *ev, const struct expected *e, long line)
{
    assert_int_equal(ev->id_len, strlen(e->id));
    assert_memory_equal(ev->id, e->id, ev->id_len);
    assert_int_equal(ev->t, e->t);
    assert_int_equal(ev->grade, e->grade);
    rel_close(ev->s, e->s, line, "stability");
    rel_close(ev->d, e->d, line, "difficulty");
    if (ev->interval != e->interval || ev->due != e->due) {
        print_error("line %ld: interval %d due %lld, want %d and %lld\n", line, ev->interval,
                    (long long)ev->due, e->interval, e->due);
        fail();
    }
}

/* Feed the log line by line through replay_line and compare each event. */
static void replay_fixture_lines(const struct fsrs_params *p, const char *log_name,
                                 const char *exp_name, long want_events)
{
    size_t n1 = 0, n2 = 0;
    char *log = tu_fixture(log_name, &n1), *exp = tu_fixture(exp_name, &n2);
    char *lc = log, *ec = exp, *line;
    struct lp_err err = {0};
    struct replay *r = replay_new(p, &err);
    assert_non_null(r);
    long events = 0, exact = 0;
    while ((line = next_line(&lc))) {
        struct replay_event ev;
        assert_int_equal(replay_line(r, line, strlen(line), &ev, &err), 1);
        char *want = next_line(&ec);
        assert_non_null(want);
        struct expected e;
        parse_expected(want, &e);
        check_event(&ev, &e, ++events);
        exact += ev.s == e.s && ev.d == e.d;
    }
    assert_null(next_line(&ec));
    assert_int_equal(events, want_events);
    assert_int_equal(replay_line_count(r), want_events);
    assert_true(replay_card_count(r) > 1 && replay_card_count(r) <= (size_t)events);
    print_message("    %ld events, %ld with S and D bit-identical to ts-fsrs\n", events, exact);
    replay_free(r);
    free(log);
    free(exp);
}

/* Run the whole log through replay_run and parse what it printed. */
static void replay_fixture_stream(const struct fsrs_params *p, const char *log_name,
                                  const char *exp_name)
{
    size_t n1 = 0, n2 = 0;
    char *log = tu_fixture(log_name, &n1), *exp = tu_fixture(exp_name, &n2);
    FILE *in = fmemopen(log, n1, "r");
    char *out_buf = NULL;
    size_t out_len = 0;
    FILE *out = open_memstream(&out_buf, &out_len);
    assert_non_null(in);
    assert_non_null(out);
    long bad = -1;
    struct lp_err err = {0};
    assert_int_equal(replay_run(in, out, p, &bad, &err), LP_OK);
    assert_int_equal(bad, 0);
    fclose(in);
    fclose(out);
    char *oc = out_buf, *ec = exp, *got;
    long line = 0;
    while ((got = next_line(&oc))) {
        char *want = next_line(&ec);
        assert_non_null(want);
        struct expected g, e;
        parse_expected(got, &g);
        parse_expected(want, &e);
        line++;
        assert_string_equal(g.id, e.id);
        assert_true(g.t == e.t && g.grade == e.grade);
        rel_close(g.s, e.s, line, "printed stability");
        rel_close(g.d, e.d, line, "printed difficulty");
        assert_true(g.interval == e.interval && g.due == e.due);
    }
    assert_null(next_line(&ec));
    assert_true(line > 0);
    free(out_buf);
    free(log);
    free(exp);
}

static void test_fixture_default(void **state)
{
    (void)state;
    struct fsrs_params p;
    fsrs_default_params(&p);
    replay_fixture_lines(&p, "replay_default.log", "replay_default.expected", 3000);
    replay_fixture_stream(&p, "replay_default.log", "replay_default.expected");
}

static void test_fixture_custom(void **state)
{
    (void)state;
    struct fsrs_params p;
    fsrs_default_params(&p);
    p.retention = 0.85;
    p.max_interval = 365;
    assert_int_equal(fsrs_params_parse(CUSTOM_W, &p, NULL), LP_OK);
    replay_fixture_lines(&p, "replay_custom.log", "replay_custom.expected", 1000);
    replay_fixture_stream(&p, "replay_custom.log", "replay_custom.expected");
}

/* replay_run on a string; returns the code, output in *out (caller frees). */
static enum lp_code run_text(const char *text, char **out, long *bad, struct lp_err *err)
{
    struct fsrs_params p;
    fsrs_default_params(&p);
    FILE *in = fmemopen((void *)text, strlen(text), "r");
    size_t len = 0;
    *out = NULL;
    FILE *o = open_memstream(out, &len);
    assert_non_null(in);
    assert_non_null(o);
    enum lp_code rc = replay_run(in, o, &p, bad, err);
    fclose(in);
    fclose(o);
    return rc;
}

static int count_lines(const char *s)
{
    int n = 0;
    for (; *s; s++)
        n += *s == '\n';
    return n;
}

static void test_line_rules(void **state)
{
    (void)state;
    char *out;
    long bad;
    struct lp_err err = {0};
    /* Empty lines skipped, CRLF accepted, interleaved cards, equal times, no final LF. */
    const char *text = "a\t1700000000\t3\r\n\nb\t1700000100\t1\na\t1700000000\t4\n\n"
                       "b\t1700090000\t3\nc\t0001700000000\t2";
    assert_int_equal(run_text(text, &out, &bad, &err), LP_OK);
    assert_int_equal(bad, 0);
    assert_int_equal(count_lines(out), 5);
    assert_non_null(strstr(out, "a\t1700000000\t3\t2.3065000000000002\t2.1181039699999999\t3\t1700259200\n"));
    assert_non_null(strstr(out, "\nc\t1700000000\t2\t1.2930999999999999\t"));   /* zeros gone */
    assert_null(strchr(out, '\r'));
    free(out);
}

static void test_first_review_interval_order(void **state)
{
    (void)state;
    char *out;
    long bad;
    /* New card, Again: S0 = 0.212 rounds to 0 days -> 1; hard (1.29 -> 1) keeps
     * again at min(1, 1) = 1; ts-fsrs prints "0.212 6.4133 1". */
    assert_int_equal(run_text("x\t86400\t1\n", &out, &bad, NULL), LP_OK);
    assert_string_equal(out, "x\t86400\t1\t0.21199999999999999\t6.4132999999999996\t1\t172800\n");
    free(out);
    /* Hard: S 1.2931 -> 1 day, but must be at least again + 1 = 2. */
    assert_int_equal(run_text("x\t86400\t2\n", &out, &bad, NULL), LP_OK);
    assert_non_null(strstr(out, "\t2\t259200\n"));
    free(out);
    /* With w0 > w1, Again's own interval (5 days) is cut to Hard's (2) and Hard is
     * pushed to 3; tsfsrs_replay.js --params 5,2,... prints "x ... 2 259200" and
     * "y ... 3 345600". */
    struct fsrs_params p;
    fsrs_default_params(&p);
    p.w[0] = 5;
    p.w[1] = 2;
    assert_int_equal(fsrs_params_prepare(&p, NULL), LP_OK);
    struct replay *r = replay_new(&p, NULL);
    struct replay_event ev;
    assert_int_equal(replay_line(r, "x\t86400\t1", 9, &ev, NULL), 1);
    assert_true(ev.s == 5);
    assert_int_equal(ev.interval, 2);
    assert_int_equal(ev.due, 259200);
    assert_int_equal(replay_line(r, "y\t86400\t2", 9, &ev, NULL), 1);
    assert_int_equal(ev.interval, 3);
    assert_int_equal(ev.due, 345600);
    replay_free(r);
}

struct bad_case {
    const char *text;
    long line;
    const char *why;
};

static void test_malformed(void **state)
{
    (void)state;
    char long_id[400];
    memset(long_id, 'k', 256);
    strcpy(long_id + 256, "\t1700000000\t3\n");
    char long_ok[400];
    memset(long_ok, 'k', 255);
    strcpy(long_ok + 255, "\t1700000000\t3\n");
    const struct bad_case cases[] = {
        {"a\t1700000000\t3\nb\t1700000000\n", 2, "missing rating"},
        {"a 1700000000 3\n", 1, "expected card_id"},
        {"a\t1700000000\t3\n\nb\tnoon\t3\n", 3, "not a whole number"},
        {"a\t\t3\n", 1, "missing time"},
        {"a\t17e8\t3\n", 1, "not a whole number"},
        {"a\t99999999999999\t3\n", 1, "out of range"},
        {"a\t1700000000\t5\n", 1, "rating"},
        {"a\t1700000000\t0\n", 1, "rating"},
        {"a\t1700000000\t3x\n", 1, "rating"},
        {"a\t1700000000\t\n", 1, "rating"},
        {"a\t1700000000\t3\textra\n", 1, "more than three fields"},
        {"a\t1700000000\t3\nb\t1600000000\t3\na\t1699999999\t3\n", 3, "before this card's previous"},
        {long_id, 1, "longer than 255"},
        {"ok\t1\t3\n\xff\xfe\t1700000000\t3\n", 2, "UTF-8"},
        {"\xc3\x28\t1700000000\t3\n", 1, "UTF-8"},            /* bad continuation */
        {"\xe0\x80\xaf\t1700000000\t3\n", 1, "UTF-8"},        /* overlong '/' */
        {"\xed\xa0\x80\t1700000000\t3\n", 1, "UTF-8"},        /* surrogate */
        {"a\x01" "b\t1700000000\t3\n", 1, "control character"},
        {"\t1700000000\t3\n", 1, "empty card id"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *out;
        long bad = -1;
        struct lp_err err = {0};
        enum lp_code rc = run_text(cases[i].text, &out, &bad, &err);
        if (rc != LP_EPARSE || bad != cases[i].line || !strstr(err.msg, cases[i].why)) {
            print_error("case %zu: rc %d, line %ld, msg '%s'\n", i, rc, bad, err.msg);
            fail();
        }
        char prefix[32];
        snprintf(prefix, sizeof prefix, "line %ld: ", cases[i].line);
        assert_true(strncmp(err.msg, prefix, strlen(prefix)) == 0);
        /* The events before the bad line were written. */
        assert_true(count_lines(out) <= cases[i].line - 1);
        free(out);
    }
    /* 255 bytes and multi-byte UTF-8 are fine. */
    char *out;
    long bad;
    assert_int_equal(run_text(long_ok, &out, &bad, NULL), LP_OK);
    free(out);
    assert_int_equal(run_text("карта-é\t1700000000\t3\n", &out, &bad, NULL), LP_OK);
    assert_non_null(strstr(out, "карта-é\t"));
    free(out);
}

static void test_replay_line_api(void **state)
{
    (void)state;
    struct fsrs_params p;
    fsrs_default_params(&p);
    struct lp_err err = {0};
    struct replay *r = replay_new(&p, &err);
    assert_non_null(r);
    struct replay_event ev;
    assert_int_equal(replay_line(r, "", 0, &ev, &err), 0);
    assert_int_equal(replay_line(r, "\r", 1, &ev, &err), 0);
    assert_int_equal(replay_line(r, "a\t100\t3", 7, &ev, &err), 1);
    assert_int_equal(ev.grade, 3);
    assert_int_equal(replay_line(r, "a\t50\t3", 6, &ev, &err), -1);
    assert_int_equal(err.code, LP_EPARSE);
    assert_non_null(strstr(err.msg, "line 4:"));
    /* The bad line changed nothing: the card can still go on from t = 100. */
    assert_int_equal(replay_line(r, "a\t100\t3", 7, &ev, &err), 1);
    assert_int_equal(replay_card_count(r), 1);
    replay_free(r);
    /* Bad parameters are refused. */
    p.retention = 2;
    assert_null(replay_new(&p, &err));
    assert_int_equal(err.code, LP_EINVAL);
}

static void test_many_cards(void **state)
{
    (void)state;
    /* Enough cards to grow the table several times; every card is found again. */
    struct fsrs_params p;
    fsrs_default_params(&p);
    struct replay *r = replay_new(&p, NULL);
    assert_non_null(r);
    char line[128];
    struct replay_event ev;
    for (int pass = 0; pass < 2; pass++)
        for (int i = 0; i < 50000; i++) {
            int n = snprintf(line, sizeof line, "%s-card-%d\t%d\t3",
                             i % 3 ? "short" : "a-rather-longer-card-identifier", i,
                             1700000000 + pass * 86400 * 3);
            assert_int_equal(replay_line(r, line, (size_t)n, &ev, NULL), 1);
            if (pass == 1)
                assert_true(ev.s > 2.3065);   /* a second review, not a first one */
        }
    assert_int_equal(replay_card_count(r), 50000);
    replay_free(r);
}

static void test_write_error(void **state)
{
    (void)state;
    FILE *full = fopen("/dev/full", "w");
    if (!full)
        skip();
    struct fsrs_params p;
    fsrs_default_params(&p);
    const char *text = "a\t1700000000\t3\n";
    FILE *in = fmemopen((void *)text, strlen(text), "r");
    struct lp_err err = {0};
    long bad = -1;
    assert_int_equal(replay_run(in, full, &p, &bad, &err), LP_EIO);
    assert_int_equal(bad, 0);
    fclose(in);
    fclose(full);
}

static void test_overlong_line(void **state)
{
    (void)state;
    size_t n = (size_t)3 << 20;
    char *text = malloc(n + 64);
    assert_non_null(text);
    strcpy(text, "a\t1\t3\n");
    memset(text + 6, 'x', n);
    strcpy(text + 6 + n, "\t1\t3\n");
    char *out;
    long bad;
    struct lp_err err = {0};
    assert_int_equal(run_text(text, &out, &bad, &err), LP_EPARSE);
    assert_int_equal(bad, 2);
    assert_non_null(strstr(err.msg, "line 2:"));
    free(out);
    free(text);
}

/* ---- %.17g ------------------------------------------------------------------ */

static uint64_t rng_state = 88172645463325252u;

static uint64_t next_u64(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return rng_state;
}

static void check_g17(double x)
{
    char want[64], got[REPLAY_G17_MAX];
    snprintf(want, sizeof want, "%.17g", x);
    size_t n = replay_g17(x, got);
    if (n != strlen(want) || strcmp(got, want) != 0) {
        print_error("%%.17g of %a: got '%s', want '%s'\n", x, got, want);
        fail();
    }
}

static double from_bits(uint64_t b)
{
    double x;
    memcpy(&x, &b, sizeof x);
    return x;
}

static void test_g17_identity(void **state)
{
    (void)state;
    static const double edge[] = {
        0, -0.0, 1, 0.1, 0.001, 1e-4, 9.9999999999999991e-05, 0.00010000000000000001, 36500,
        1e16, 9007199254740993.0, 4503599627370496.0, 4503599627370495.5, 1234567890123456.25,
        1234567890123456.75, 0.30000000000000004, 99999999999999999.0, 2.5, 1e300, 5e-324,
        2.2250738585072014e-308, INFINITY, -INFINITY, NAN, 123456.78901234567, 0.5, 1.5e-5,
    };
    for (size_t i = 0; i < sizeof edge / sizeof edge[0]; i++) {
        check_g17(edge[i]);
        check_g17(-edge[i]);
    }
    for (int i = 0; i < 600000; i++) {
        uint64_t r = next_u64();
        check_g17(from_bits(r));                                            /* any double */
        check_g17(from_bits((r & 0x800fffffffffffffu) |
                            ((uint64_t)(1009 + (r >> 52) % 66) << 52)));   /* the fast range */
        check_g17(fsrs_round8((double)(r >> 11) / 9007199254740992.0 * 40000));  /* like S */
        check_g17((double)(r >> 12) + (double)((r >> 4) & 3) * 0.25);      /* halves, quarters */
        check_g17(1 + (double)(r % 900000000) / 1e8);                      /* like D */
    }
}

static void test_format_matches_printf(void **state)
{
    (void)state;
    struct replay_event ev = {"card\xc3\xa9", 6, -86400, 4, 1.2345678901234567, 10, 36500,
                              -86400 + 36500LL * 86400};
    char buf[REPLAY_OUT_MAX + 1], want[REPLAY_OUT_MAX];
    size_t n = replay_format(&ev, buf);
    buf[n] = '\0';
    snprintf(want, sizeof want, "card\xc3\xa9\t%lld\t%d\t%.17g\t%.17g\t%d\t%lld\n", -86400LL, 4,
             ev.s, ev.d, ev.interval, (long long)ev.due);
    assert_string_equal(buf, want);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fixture_default),
        cmocka_unit_test(test_fixture_custom),
        cmocka_unit_test(test_line_rules),
        cmocka_unit_test(test_first_review_interval_order),
        cmocka_unit_test(test_malformed),
        cmocka_unit_test(test_replay_line_api),
        cmocka_unit_test(test_many_cards),
        cmocka_unit_test(test_write_error),
        cmocka_unit_test(test_overlong_line),
        cmocka_unit_test(test_g17_identity),
        cmocka_unit_test(test_format_matches_printf),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
