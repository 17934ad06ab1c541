/*
 * test_reading.c - the reading list: listing and filters, status changes, the
 * gate that brings a paper's key questions into study once it is read, and notes.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "cards.h"
#include "reading.h"
#include "testutil.h"
#include "seed.h"

static char dir[256];
static struct store *st;

static int setup(void **state)
{
    (void)state;
    st = seed_open(dir, sizeof dir);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    store_close(st);
    tu_rmrf(dir);
    return 0;
}

static void test_status_names(void **state)
{
    (void)state;
    assert_string_equal(reading_status_name(READING_SUMMARISED), "summarised");
    assert_null(reading_status_name(4));
    assert_null(reading_status_name(-1));
    assert_int_equal(reading_status_parse("read"), READING_READ);
    assert_int_equal(reading_status_parse("done"), -1);
    assert_int_equal(reading_status_parse(NULL), -1);
}

static void test_list_and_filters(void **state)
{
    (void)state;
    struct lp_err err = {0};
    struct reading_list l;
    assert_int_equal(reading_list(st, NULL, -1, &l, &err), LP_OK);
    assert_int_equal(l.n, 2);
    assert_string_equal(l.papers[0].id, "p1");
    assert_string_equal(l.papers[0].venue, "NeurIPS 2022");
    assert_int_equal(l.papers[0].year, 2022);
    assert_int_equal(l.papers[0].questions, 2);
    assert_int_equal(l.papers[0].status, READING_QUEUED);
    assert_string_equal(l.papers[0].why, "It matters.");
    assert_null(l.papers[0].notes);
    assert_string_equal(l.papers[1].arxiv, "2001.08361");
    assert_string_equal(l.papers[0].arxiv, "");
    reading_list_free(&l);
    assert_int_equal(reading_list(st, "scaling", -1, &l, &err), LP_OK);
    assert_int_equal(l.n, 1);
    assert_string_equal(l.papers[0].id, "p2");
    reading_list_free(&l);
    assert_int_equal(reading_set_status(st, "p2", READING_READING, SEED_T0, NULL, &err), LP_OK);
    assert_int_equal(reading_list(st, NULL, READING_READING, &l, &err), LP_OK);
    assert_int_equal(l.n, 1);
    assert_string_equal(l.papers[0].id, "p2");
    assert_int_equal(l.papers[0].status_time, SEED_T0);
    reading_list_free(&l);
    assert_int_equal(reading_list(st, "rlhf", READING_READING, &l, &err), LP_OK);
    assert_int_equal(l.n, 0);
    reading_list_free(&l);
    int counts[4];
    assert_int_equal(reading_counts(st, counts, &err), LP_OK);
    assert_int_equal(counts[READING_QUEUED], 1);
    assert_int_equal(counts[READING_READING], 1);
    assert_int_equal(counts[READING_READ], 0);
}

static int reading_new_cards(void)
{
    struct lp_err err = {0};
    struct deck_counts *d;
    size_t n;
    int fresh = -1;
    assert_int_equal(cards_counts(st, SEED_T0, 4, &d, &n, &err), LP_OK);
    for (size_t i = 0; i < n; i++)
        if (!strcmp(d[i].deck, "reading"))
            fresh = d[i].fresh;
    free(d);
    return fresh < 0 ? 0 : fresh;
}

static int queue_has(const char *id)
{
    struct lp_err err = {0};
    struct config cfg;
    struct queue q;
    config_defaults(&cfg);
    cfg.new_per_day = 100;
    assert_int_equal(cards_queue(st, &cfg, SEED_T0, NULL, NULL, &q, &err), LP_OK);
    int found = 0;
    for (size_t i = 0; i < q.n_main; i++)
        found |= !strcmp(q.main[i]->id, id);
    queue_free(&q);
    return found;
}

static void test_read_opens_the_gate(void **state)
{
    (void)state;
    struct lp_err err = {0};
    int unlocked = -1;
    assert_int_equal(reading_new_cards(), 0);
    assert_false(queue_has("p1-q1"));
    assert_int_equal(reading_set_status(st, "p1", READING_READING, SEED_T0, &unlocked, &err),
                     LP_OK);
    assert_int_equal(unlocked, 0);
    assert_false(queue_has("p1-q1"));
    assert_int_equal(reading_set_status(st, "p1", READING_READ, SEED_T0, &unlocked, &err), LP_OK);
    assert_int_equal(unlocked, 2);
    assert_int_equal(reading_new_cards(), 2);
    assert_true(queue_has("p1-q1"));
    assert_true(queue_has("p1-q2"));
    assert_false(queue_has("p2-q1"));
    /* queued -> summarised directly opens the gate too. */
    assert_int_equal(reading_set_status(st, "p2", READING_SUMMARISED, SEED_T0, &unlocked, &err),
                     LP_OK);
    assert_int_equal(unlocked, 1);
    assert_true(queue_has("p2-q1"));
    /* read -> summarised opens nothing new. */
    assert_int_equal(reading_set_status(st, "p1", READING_SUMMARISED, SEED_T0, &unlocked, &err),
                     LP_OK);
    assert_int_equal(unlocked, 0);
    assert_int_equal(reading_new_cards(), 3);
    struct reading_question *q;
    size_t n;
    assert_int_equal(reading_questions(st, "p1", SEED_DAY0, &q, &n, &err), LP_OK);
    assert_int_equal(n, 2);
    assert_string_equal(q[0].id, "p1-q1");
    assert_string_equal(q[0].q, "First question?");
    assert_int_equal(q[0].available, 1);
    reading_questions_free(q, n);
    /* Back to queued: the questions leave the queue again. */
    assert_int_equal(reading_set_status(st, "p1", READING_QUEUED, SEED_T0, &unlocked, &err), LP_OK);
    assert_int_equal(reading_new_cards(), 1);
    assert_false(queue_has("p1-q1"));
    assert_int_equal(reading_questions(st, "p1", SEED_DAY0, &q, &n, &err), LP_OK);
    assert_int_equal(q[1].available, 0);
    reading_questions_free(q, n);
}

static void test_errors(void **state)
{
    (void)state;
    struct lp_err err = {0};
    struct reading_paper p;
    assert_int_equal(reading_set_status(st, "nope", READING_READ, SEED_T0, NULL, &err),
                     LP_ENOTFOUND);
    assert_non_null(strstr(err.msg, "no paper with id 'nope'"));
    assert_int_equal(reading_set_status(st, "p1", 7, SEED_T0, NULL, &err), LP_EINVAL);
    assert_int_equal(reading_get(st, "nope", &p, &err), LP_ENOTFOUND);
    assert_int_equal(reading_set_notes(st, "nope", "x", &err), LP_ENOTFOUND);
    assert_int_equal(seed_int(st, "SELECT COUNT(*) FROM papers WHERE status <> 'queued'"), 0);
}

static void test_notes(void **state)
{
    (void)state;
    struct lp_err err = {0};
    struct reading_paper p;
    assert_int_equal(reading_set_notes(st, "p2", "Key idea: L ~ N^-0.076.\n\n  \n", &err), LP_OK);
    assert_int_equal(reading_get(st, "p2", &p, &err), LP_OK);
    assert_string_equal(p.notes, "Key idea: L ~ N^-0.076.");
    assert_string_equal(p.title, "Paper two");
    reading_paper_free(&p);
    /* Blank notes clear them. */
    assert_int_equal(reading_set_notes(st, "p2", " \n\t", &err), LP_OK);
    assert_int_equal(reading_get(st, "p2", &p, &err), LP_OK);
    assert_null(p.notes);
    reading_paper_free(&p);
    assert_int_equal(seed_int(st, "SELECT notes IS NULL FROM papers WHERE id = 'p2'"), 1);
    assert_int_equal(reading_set_notes(st, "p2", "line one\nline two", &err), LP_OK);
    assert_int_equal(reading_set_notes(st, "p2", NULL, &err), LP_OK);
    assert_int_equal(seed_int(st, "SELECT notes IS NULL FROM papers WHERE id = 'p2'"), 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_status_names),
        cmocka_unit_test_setup_teardown(test_list_and_filters, setup, teardown),
        cmocka_unit_test_setup_teardown(test_read_opens_the_gate, setup, teardown),
        cmocka_unit_test_setup_teardown(test_errors, setup, teardown),
        cmocka_unit_test_setup_teardown(test_notes, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
