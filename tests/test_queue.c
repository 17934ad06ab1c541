/*
 * test_queue.c - today's order: learning first, limits, new cards interleaved.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "queue.h"

static struct queue_card card(const char *id, const char *topic, int state, int64_t due, int pos)
{
    struct queue_card c;
    memset(&c, 0, sizeof c);
    snprintf(c.id, sizeof c.id, "%s", id);
    snprintf(c.deck, sizeof c.deck, "%s", topic);
    snprintf(c.topic, sizeof c.topic, "%s", topic);
    c.state = state;
    c.due = due;
    c.position = pos;
    return c;
}

static void test_new_cards_interleave_topics(void **state)
{
    (void)state;
    struct queue_card c[9];
    const char *topics[] = {"algebra", "probability", "rl"};
    for (int i = 0; i < 9; i++) {
        char id[16];
        snprintf(id, sizeof id, "%s-%d", topics[i / 3], i % 3);
        c[i] = card(id, topics[i / 3], 0, 0, i % 3);
    }
    struct queue q;
    assert_int_equal(queue_build(&q, c, 9, 100, 6), 0);
    const char *want[] = {"algebra-0", "probability-0", "rl-0", "algebra-1", "probability-1",
                          "rl-1"};
    for (int i = 0; i < 6; i++) {
        const struct queue_card *n = queue_next(&q, 1000, 2000, NULL);
        assert_non_null(n);
        assert_string_equal(n->id, want[i]);
    }
    assert_null(queue_next(&q, 1000, 2000, NULL)); /* the new limit held */
    queue_free(&q);
}

static void test_focus_topic_first(void **state)
{
    (void)state;
    struct queue_card c[4] = {card("a1", "a", 0, 0, 0), card("a2", "a", 0, 0, 1),
                              card("b1", "b", 0, 0, 0), card("b2", "b", 0, 0, 1)};
    c[2].focus = c[3].focus = 1;
    struct queue q;
    assert_int_equal(queue_build(&q, c, 4, 100, 3), 0);
    assert_string_equal(queue_next(&q, 0, 1, NULL)->id, "b1");
    assert_string_equal(queue_next(&q, 0, 1, NULL)->id, "b2");
    assert_string_equal(queue_next(&q, 0, 1, NULL)->id, "a1");
    assert_null(queue_next(&q, 0, 1, NULL));
    queue_free(&q);
}

static void test_reviews_most_overdue_first_and_limited(void **state)
{
    (void)state;
    struct queue_card c[3] = {card("r-late", "x", 2, 500, 0), card("r-early", "x", 2, 100, 1),
                              card("r-mid", "x", 2, 300, 2)};
    struct queue q;
    assert_int_equal(queue_build(&q, c, 3, 2, 10), 0);
    size_t l, r, n;
    queue_counts(&q, &l, &r, &n);
    assert_int_equal(r, 2);
    assert_string_equal(queue_next(&q, 1000, 2000, NULL)->id, "r-early");
    assert_string_equal(queue_next(&q, 1000, 2000, NULL)->id, "r-mid");
    assert_null(queue_next(&q, 1000, 2000, NULL));
    queue_free(&q);
}

static void test_learning_card_served_when_due(void **state)
{
    (void)state;
    struct queue_card c[2] = {card("rev", "x", 2, 100, 0), card("learn", "x", 1, 1060, 0)};
    struct queue q;
    assert_int_equal(queue_build(&q, c, 2, 10, 10), 0);
    /* At 1000 the learning step is not due yet: the review comes first. */
    assert_string_equal(queue_next(&q, 1000, 5000, NULL)->id, "rev");
    /* Nothing else left: learn ahead within the day. */
    assert_string_equal(queue_next(&q, 1001, 5000, NULL)->id, "learn");
    queue_free(&q);
    assert_int_equal(queue_build(&q, c, 2, 10, 10), 0);
    assert_string_equal(queue_next(&q, 1100, 5000, NULL)->id, "learn");
    queue_free(&q);
}

static void test_new_spread_among_reviews(void **state)
{
    (void)state;
    struct queue_card c[6];
    for (int i = 0; i < 4; i++) {
        char id[16];
        snprintf(id, sizeof id, "r%d", i);
        c[i] = card(id, "x", 2, i, i);
    }
    c[4] = card("n0", "x", 0, 0, 0);
    c[5] = card("n1", "y", 0, 0, 0);
    struct queue q;
    assert_int_equal(queue_build(&q, c, 6, 10, 10), 0);
    char order[7] = {0};
    for (int i = 0; i < 6; i++)
        order[i] = queue_next(&q, 100, 200, NULL)->id[0];
    /* Neither both new cards first nor both last. */
    assert_string_not_equal(order, "nnrrrr");
    assert_string_not_equal(order, "rrrrnn");
    assert_int_equal(order[0], 'r');
    queue_free(&q);
}

static void test_pushed_learning_card_returns(void **state)
{
    (void)state;
    struct queue q;
    struct queue_card c = card("n", "x", 0, 0, 0);
    assert_int_equal(queue_build(&q, &c, 1, 10, 10), 0);
    const struct queue_card *got = queue_next(&q, 100, 10000, NULL);
    struct queue_card again = *got;
    again.state = 1;
    again.due = 160;
    assert_int_equal(queue_push_learning(&q, &again), 0);
    size_t l, r, n;
    queue_counts(&q, &l, &r, &n);
    assert_int_equal(l, 1);
    assert_string_equal(queue_next(&q, 170, 10000, NULL)->id, "n");
    assert_null(queue_next(&q, 170, 10000, NULL));
    queue_free(&q);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_new_cards_interleave_topics),
        cmocka_unit_test(test_focus_topic_first),
        cmocka_unit_test(test_reviews_most_overdue_first_and_limited),
        cmocka_unit_test(test_learning_card_served_when_due),
        cmocka_unit_test(test_new_spread_among_reviews),
        cmocka_unit_test(test_pushed_learning_card_returns),
    };
    return cmocka_run_group_tests_name("queue", tests, NULL, NULL);
}
