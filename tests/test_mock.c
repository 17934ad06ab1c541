/*
 * test_mock.c - the oral mock quiz's core: picking questions across sections,
 * the median, the results arithmetic, sending misses to study, and a whole mock
 * leaving the schedule untouched.  A real SQLite file synced from fixture YAML.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <time.h>

#include "cards.h"
#include "mock.h"
#include "sync.h"
#include "testutil.h"

#define T0 1767258000 /* 2026-01-01T09:00:00Z */

static char dir[256], content[300], db[300];
static struct store *st;
static struct config cfg;

/* Sections: mathematics m0-m3, statistics s0-s2, computer-science c0-c1,
 * machine-learning l0, and a practice deck that a mock never asks. */
static void write_decks(void)
{
    static const struct {
        const char *file, *id, *section, *prefix;
        int n;
    } decks[] = {
        {"m.yaml", "dm", "mathematics", "m", 4},      {"s.yaml", "ds", "statistics", "s", 3},
        {"c.yaml", "dc", "computer-science", "c", 2}, {"l.yaml", "dl", "machine-learning", "l", 1},
        {"p.yaml", "dp", "practice", "p", 2},
    };
    for (size_t d = 0; d < sizeof decks / sizeof decks[0]; d++) {
        char buf[2048];
        int len = snprintf(buf, sizeof buf,
                           "kind: deck\nid: %s\ntitle: T\nsection: %s\ntopic: t\ncards:\n",
                           decks[d].id, decks[d].section);
        for (int i = 0; i < decks[d].n; i++)
            len += snprintf(buf + len, sizeof buf - (size_t)len,
                            "  - id: %s%d\n    q: Question %s%d?\n    a: answer\n", decks[d].prefix,
                            i, decks[d].prefix, i);
        tu_write(content, decks[d].file, buf);
    }
}

static int setup(void **state)
{
    (void)state;
    struct lp_err err = {0};
    setenv("TZ", "UTC", 1);
    tzset();
    tu_layout(dir, sizeof dir, content, sizeof content, db, sizeof db);
    write_decks();
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

/* Every column of every card, and the review log, as one string. */
static char *snapshot(void)
{
    sqlite3_stmt *q;
    const char *sql =
        "SELECT (SELECT group_concat(x, '|') FROM (SELECT id || ',' || state || ',' ||"
        " stability || ',' || difficulty || ',' || due || ',' || last_review ||"
        " ',' || reps || ',' || lapses || ',' || step || ',' || suspended || ','"
        " || buried_day || ',' || leech || ',' || tags AS x FROM cards ORDER BY id))"
        " || '#' || (SELECT count(*) FROM revlog)";
    assert_int_equal(sqlite3_prepare_v2(store_db(st), sql, -1, &q, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(q), SQLITE_ROW);
    char *s = strdup((const char *)sqlite3_column_text(q, 0));
    sqlite3_finalize(q);
    return s;
}

/* ---- picking ---- */

static void test_pick_round_robin(void **state)
{
    (void)state;
    struct mock_question c[10], out[10];
    const int secs[10] = {0, 0, 0, 0, 1, 1, 1, 2, 2, 3};
    for (int i = 0; i < 10; i++) {
        snprintf(c[i].id, sizeof c[i].id, "q%d", i);
        c[i].section = secs[i];
    }
    size_t n = mock_pick(c, 10, MOCK_ALL_SECTIONS, 42, out);
    assert_int_equal(n, 10);
    /* Sections alternate while they last: 0 1 2 3, 0 1 2, 0 1, 0. */
    const int want[10] = {0, 1, 2, 3, 0, 1, 2, 0, 1, 0};
    for (int i = 0; i < 10; i++)
        assert_int_equal(out[i].section, want[i]);
    /* Each candidate exactly once. */
    int seen[10] = {0};
    for (int i = 0; i < 10; i++)
        seen[atoi(out[i].id + 1)]++;
    for (int i = 0; i < 10; i++)
        assert_int_equal(seen[i], 1);
}

static void test_pick_only_chosen_sections(void **state)
{
    (void)state;
    struct mock_question c[6], out[6];
    const int secs[6] = {0, 1, 1, 2, 3, 3};
    for (int i = 0; i < 6; i++) {
        snprintf(c[i].id, sizeof c[i].id, "q%d", i);
        c[i].section = secs[i];
    }
    size_t n = mock_pick(c, 6, (1u << 1) | (1u << 3), 7, out);
    assert_int_equal(n, 4);
    for (size_t i = 0; i < n; i++)
        assert_true(out[i].section == 1 || out[i].section == 3);
    assert_int_equal(out[0].section, 1);
    assert_int_equal(out[1].section, 3);
    assert_int_equal(mock_pick(c, 6, 0, 7, out), 0);
}

/* Same seed, same order; another seed shuffles a section differently. */
static void test_pick_seeded_shuffle(void **state)
{
    (void)state;
    enum { N = 20 };
    struct mock_question c[N], a[N], b[N];
    for (int i = 0; i < N; i++) {
        snprintf(c[i].id, sizeof c[i].id, "q%02d", i);
        c[i].section = 2;
    }
    uint64_t s1 = mock_pick_seed(T0), s2 = mock_pick_seed(T0 + 1);
    assert_true(s1 != s2);
    assert_int_equal(mock_pick(c, N, MOCK_ALL_SECTIONS, s1, a), N);
    assert_int_equal(mock_pick(c, N, MOCK_ALL_SECTIONS, s1, b), N);
    assert_memory_equal(a, b, sizeof a);
    assert_int_equal(mock_pick(c, N, MOCK_ALL_SECTIONS, s2, b), N);
    assert_true(memcmp(a, b, sizeof a) != 0);
    int in_order = 1;
    for (int i = 0; i < N; i++)
        in_order &= strcmp(a[i].id, c[i].id) == 0;
    assert_false(in_order);
}

static void test_median(void **state)
{
    (void)state;
    int64_t odd[] = {9000, 1000, 5000};
    int64_t even[] = {4000, 1000, 3000, 2000};
    int64_t one[] = {1234};
    int64_t halves[] = {1000, 2001};
    assert_int_equal(mock_median(odd, 3), 5000);
    assert_int_equal(mock_median(even, 4), 2500);
    assert_int_equal(mock_median(one, 1), 1234);
    assert_int_equal(mock_median(halves, 2), 1500);
    assert_int_equal(mock_median(NULL, 0), 0);
}

static void test_sections(void **state)
{
    (void)state;
    assert_int_equal(mock_section_index("mathematics"), 0);
    assert_int_equal(mock_section_index("machine-learning"), 3);
    assert_int_equal(mock_section_index("practice"), -1);
    assert_int_equal(mock_section_index(NULL), -1);
}

/* ---- the store ---- */

static void test_candidates_live_oral_only(void **state)
{
    (void)state;
    struct lp_err err = {0};
    struct mock_question *c;
    size_t n;
    assert_int_equal(cards_set_suspended(st, "m1", 1, &err), LP_OK);
    assert_int_equal(sqlite3_exec(store_db(st), "UPDATE cards SET retired = 1 WHERE id = 's2'",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    assert_int_equal(mock_candidates(st, MOCK_ALL_SECTIONS, &c, &n, &err), LP_OK);
    /* 4 + 3 + 2 + 1 oral cards, less the suspended and the retired one. */
    assert_int_equal(n, 8);
    for (size_t i = 0; i < n; i++) {
        assert_string_not_equal(c[i].id, "m1");
        assert_string_not_equal(c[i].id, "s2");
        assert_true(c[i].id[0] != 'p');
        assert_int_equal(c[i].section,
                         mock_section_index(c[i].id[0] == 'm'   ? "mathematics"
                                            : c[i].id[0] == 's' ? "statistics"
                                            : c[i].id[0] == 'c' ? "computer-science"
                                                                : "machine-learning"));
    }
    free(c);
    assert_int_equal(mock_candidates(st, 1u << 2, &c, &n, &err), LP_OK);
    assert_int_equal(n, 2);
    assert_string_equal(c[0].id, "c0");
    assert_string_equal(c[1].id, "c1");
    free(c);
}

static void test_start_validates(void **state)
{
    (void)state;
    struct lp_err err = {0};
    int64_t id;
    assert_int_equal(mock_start(st, T0, 4, MOCK_ALL_SECTIONS, &id, &err), LP_EINVAL);
    assert_int_equal(mock_start(st, T0, 91, MOCK_ALL_SECTIONS, &id, &err), LP_EINVAL);
    assert_int_equal(mock_start(st, T0, 45, 0, &id, &err), LP_EINVAL);
    assert_int_equal(qint("SELECT count(*) FROM mocks"), 0);
    assert_int_equal(mock_start(st, T0, 45, 0x5, &id, &err), LP_OK);
    assert_int_equal(qint("SELECT count(*) FROM mocks WHERE finished IS NULL AND minutes = 45"
                          " AND sections = ' mathematics computer-science '"),
                     1);
    assert_int_equal(mock_record(st, id, "m0", 0, (enum mock_mark)3, 1000, T0, &err), LP_EINVAL);
    assert_int_equal(mock_record(st, id, "m0", 4, MOCK_RIGHT, 1000, T0, &err), LP_EINVAL);
    assert_int_equal(mock_record(st, id + 1, "m0", 0, MOCK_RIGHT, 1000, T0, &err), LP_ENOTFOUND);
    assert_int_equal(qint("SELECT count(*) FROM mock_answers"), 0);
}

static void record(int64_t id, const char *card, int sec, enum mock_mark m, int ms, int64_t t)
{
    struct lp_err err = {0};
    assert_int_equal(mock_record(st, id, card, sec, m, ms, t, &err), LP_OK);
}

static void test_results_math(void **state)
{
    (void)state;
    struct lp_err err = {0};
    int64_t id;
    assert_int_equal(mock_start(st, T0, 30, MOCK_ALL_SECTIONS, &id, &err), LP_OK);
    record(id, "m0", 0, MOCK_RIGHT, 10000, T0 + 10);
    record(id, "s0", 1, MOCK_PARTLY, 20000, T0 + 30);
    record(id, "c0", 2, MOCK_WRONG, 5000, T0 + 35);
    record(id, "m1", 0, MOCK_PARTLY, 30000, T0 + 65);
    record(id, "s1", 1, MOCK_RIGHT, 40000, T0 + 105);
    record(id, "m2", 0, MOCK_WRONG, 2000, T0 + 107);
    assert_int_equal(qint("SELECT count(*) FROM mock_answers"), 6);
    assert_int_equal(qint("SELECT result FROM mock_answers WHERE card_id = 's0'"), 1);
    int kept = -1;
    assert_int_equal(mock_finish(st, id, T0 + 200, &kept, &err), LP_OK);
    assert_int_equal(kept, 1);
    /* Finished: no more answers; finishing again keeps the first time. */
    assert_int_equal(mock_record(st, id, "m3", 0, MOCK_RIGHT, 1, T0 + 300, &err), LP_ENOTFOUND);
    assert_int_equal(mock_finish(st, id, T0 + 999, &kept, &err), LP_OK);

    struct mock_results r;
    assert_int_equal(mock_results(st, id, &r, &err), LP_OK);
    assert_int_equal(r.started, T0);
    assert_int_equal(r.finished, T0 + 200);
    assert_int_equal(r.minutes, 30);
    assert_int_equal(r.mask, MOCK_ALL_SECTIONS);
    /* Mathematics: right, partly, wrong = 1.5 of 3; times 10 30 2 s, median 10 s. */
    assert_int_equal(r.sec[0].asked, 3);
    assert_int_equal(r.sec[0].right, 1);
    assert_int_equal(r.sec[0].partly, 1);
    assert_int_equal(r.sec[0].wrong, 1);
    assert_true(r.sec[0].score == 1.5);
    assert_int_equal(r.sec[0].median_ms, 10000);
    /* Statistics: partly + right = 1.5 of 2; median of 20 and 40 s is 30 s. */
    assert_true(r.sec[1].score == 1.5);
    assert_int_equal(r.sec[1].median_ms, 30000);
    assert_true(r.sec[2].score == 0);
    assert_int_equal(r.sec[2].asked, 1);
    assert_int_equal(r.sec[2].median_ms, 5000);
    assert_int_equal(r.sec[3].asked, 0);
    assert_int_equal(r.sec[3].median_ms, 0);
    /* Total: 3 of 6; times 2 5 10 20 30 40 s, median 15 s. */
    assert_int_equal(r.total.asked, 6);
    assert_true(r.total.score == 3.0);
    assert_int_equal(r.total.median_ms, 15000);
    /* Misses: wrong and partly, in the order asked, with their questions. */
    assert_int_equal(r.n_misses, 4);
    const char *ids[] = {"s0", "c0", "m1", "m2"};
    const enum mock_mark marks[] = {MOCK_PARTLY, MOCK_WRONG, MOCK_PARTLY, MOCK_WRONG};
    for (int i = 0; i < 4; i++) {
        assert_string_equal(r.misses[i].id, ids[i]);
        assert_int_equal(r.misses[i].mark, marks[i]);
    }
    assert_string_equal(r.misses[1].q, "Question c0?");
    assert_int_equal(r.misses[1].section, 2);
    assert_int_equal(r.misses[1].answer_ms, 5000);
    mock_results_free(&r);
    assert_int_equal(mock_results(st, id + 7, &r, &err), LP_ENOTFOUND);
}

static void test_empty_mock_not_kept(void **state)
{
    (void)state;
    struct lp_err err = {0};
    int64_t id;
    int kept = -1;
    assert_int_equal(mock_start(st, T0, 45, MOCK_ALL_SECTIONS, &id, &err), LP_OK);
    assert_int_equal(mock_finish(st, id, T0 + 5, &kept, &err), LP_OK);
    assert_int_equal(kept, 0);
    assert_int_equal(qint("SELECT count(*) FROM mocks"), 0);
}

static void answer(const char *id, int grade, int64_t t)
{
    struct lp_err err = {0};
    struct answer_result r;
    assert_int_equal(cards_answer(st, &cfg, id, grade, t, 4000, "study", -1, &r, &err), LP_OK);
}

static void test_send_misses_only_misses(void **state)
{
    (void)state;
    struct lp_err err = {0};
    /* m0, m1, s0 graduate to review (Easy), s1 is in learning (Good: 10m step);
     * m2 stays new. */
    answer("m0", 4, T0);
    answer("m1", 4, T0);
    answer("s0", 4, T0);
    answer("s1", 3, T0);
    int64_t now = T0 + 3600;
    long due_m0 = qint("SELECT due FROM cards WHERE id = 'm0'");
    long due_s1 = qint("SELECT due FROM cards WHERE id = 's1'");
    assert_true(due_m0 > now);
    assert_true(due_s1 < now); /* already due: must not be pushed later */
    int64_t id;
    assert_int_equal(mock_start(st, now, 15, MOCK_ALL_SECTIONS, &id, &err), LP_OK);
    record(id, "m0", 0, MOCK_RIGHT, 1000, now + 1);
    record(id, "m1", 0, MOCK_WRONG, 1000, now + 2);
    record(id, "s0", 1, MOCK_PARTLY, 1000, now + 3);
    record(id, "s1", 1, MOCK_WRONG, 1000, now + 4);
    record(id, "m2", 0, MOCK_WRONG, 1000, now + 5);
    assert_int_equal(mock_finish(st, id, now + 10, NULL, &err), LP_OK);
    char *before = snapshot();
    int moved = -1, left_new = -1;
    assert_int_equal(mock_send_misses(st, id, now + 20, &moved, &left_new, &err), LP_OK);
    assert_int_equal(moved, 2);
    assert_int_equal(left_new, 1);
    assert_int_equal(qint("SELECT due FROM cards WHERE id = 'm1'"), now + 20);
    assert_int_equal(qint("SELECT due FROM cards WHERE id = 's0'"), now + 20);
    assert_int_equal(qint("SELECT due FROM cards WHERE id = 'm0'"), due_m0);
    assert_int_equal(qint("SELECT due FROM cards WHERE id = 's1'"), due_s1);
    assert_int_equal(qint("SELECT state * 1000 + reps * 10 + due FROM cards WHERE id = 'm2'"), 0);
    /* Nothing but those two due dates changed. */
    assert_int_equal(sqlite3_exec(store_db(st),
                                  "UPDATE cards SET due = (SELECT due_after FROM revlog r WHERE"
                                  " r.card_id = cards.id) WHERE id IN ('m1', 's0')",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    char *after = snapshot();
    assert_string_equal(before, after);
    free(before);
    free(after);
}

/* A whole mock, start to results, leaves cards and review log as they were. */
static void test_whole_mock_leaves_schedule(void **state)
{
    (void)state;
    struct lp_err err = {0};
    answer("m0", 4, T0);
    answer("c1", 1, T0);
    assert_int_equal(cards_set_suspended(st, "l0", 1, &err), LP_OK);
    char *before = snapshot();
    int64_t now = T0 + 86400 * 3, id;
    struct mock_question *c, out[32];
    size_t n;
    assert_int_equal(mock_start(st, now, 45, MOCK_ALL_SECTIONS, &id, &err), LP_OK);
    assert_int_equal(mock_candidates(st, MOCK_ALL_SECTIONS, &c, &n, &err), LP_OK);
    size_t k = mock_pick(c, n, MOCK_ALL_SECTIONS, mock_pick_seed(now), out);
    assert_int_equal(k, 9); /* l0 is suspended */
    for (size_t i = 0; i < k; i++)
        record(id, out[i].id, out[i].section, (enum mock_mark)(i % 3), 1000 * (int)i,
               now + (int64_t)i);
    free(c);
    assert_int_equal(mock_finish(st, id, now + 100, NULL, &err), LP_OK);
    struct mock_results r;
    assert_int_equal(mock_results(st, id, &r, &err), LP_OK);
    assert_int_equal(r.total.asked, 9);
    mock_results_free(&r);
    char *after = snapshot();
    assert_string_equal(before, after);
    assert_int_equal(qint("SELECT count(*) FROM revlog WHERE mode = 'mock'"), 0);
    assert_int_equal(qint("SELECT count(*) FROM mock_answers"), 9);
    free(before);
    free(after);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pick_round_robin),
        cmocka_unit_test(test_pick_only_chosen_sections),
        cmocka_unit_test(test_pick_seeded_shuffle),
        cmocka_unit_test(test_median),
        cmocka_unit_test(test_sections),
        T(test_candidates_live_oral_only),
        T(test_start_validates),
        T(test_results_math),
        T(test_empty_mock_not_kept),
        T(test_send_misses_only_misses),
        T(test_whole_mock_leaves_schedule),
    };
    return cmocka_run_group_tests_name("mock", tests, NULL, NULL);
}
