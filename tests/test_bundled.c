/*
 * test_bundled.c - the bundled content/ as shipped: it loads cleanly, meets the
 * minimum counts, and every machine check accepts its own answer and rejects a
 * wrong one.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "content.h"
#include "content_stats.h"

static const char *const dirs[] = {"content"};

static void test_bundled_content_has_no_problems(void **state)
{
    (void)state;
    struct content_diag diag;
    content_diag_init(&diag);
    size_t n = content_check(dirs, 1, &diag);
    for (size_t i = 0; i < diag.n; i++)
        print_error("%s\n", diag.msgs[i]);
    content_diag_free(&diag);
    assert_int_equal(n, 0);
}

static void test_minimum_counts(void **state)
{
    (void)state;
    struct content_stats s;
    struct content_diag diag;
    content_diag_init(&diag);
    assert_int_equal(content_stats_collect(dirs, 1, &s, &diag), 0);
    content_diag_free(&diag);
    assert_int_equal(s.bad_files, 0);
    static const struct {
        const char *topic;
        size_t min;
    } mins[] = {{"linear-algebra", 40},     {"calculus-optimisation", 30},
                {"probability", 35},        {"statistics", 30},
                {"information-theory", 12}, {"computer-science", 30},
                {"ml-fundamentals", 50},    {"deep-learning", 50},
                {"rl-post-training", 30},   {"scaling-training", 15}};
    size_t oral = 0;
    for (size_t i = 0; i < sizeof mins / sizeof mins[0]; i++) {
        size_t got = content_stats_get(s.topics, s.n_topics, mins[i].topic);
        if (got < mins[i].min)
            print_error("topic %s has %zu cards, needs %zu\n", mins[i].topic, got, mins[i].min);
        assert_true(got >= mins[i].min);
        oral += got;
    }
    assert_true(oral >= 320);
    /* At least a quarter of the cards carry a machine check. */
    assert_true(s.checkable * 4 >= s.cards);
    assert_true(s.reading >= 30);
    assert_true(s.reading_questions >= 3 * s.reading);
    assert_true(s.drills_debugging >= 30);
    assert_true(s.drills_talk >= 12);
    assert_int_equal(s.checklist_items, 20);
    assert_int_equal(s.checklist_points, 100);
    assert_int_equal(s.quick_items, 12);
    static const struct {
        const char *track;
        size_t weeks;
    } plans[] = {{"rs", 12}, {"post-training", 12}, {"re", 8}};
    for (size_t i = 0; i < 3; i++) {
        size_t k = 0;
        while (k < s.n_roadmaps && strcmp(s.roadmaps[k].track, plans[i].track) != 0)
            k++;
        assert_true(k < s.n_roadmaps);
        assert_int_equal(s.roadmaps[k].weeks, plans[i].weeks);
        assert_true(s.roadmaps[k].milestones >= 3 * plans[i].weeks);
        assert_true(s.roadmaps[k].milestones <= 6 * plans[i].weeks);
    }
}

static int words(const char *s)
{
    int n = 0, in = 0;
    for (; s && *s; s++) {
        int sp = *s == ' ' || *s == '\n' || *s == '\t';
        n += !sp && !in;
        in = !sp;
    }
    return n;
}

static char typed[256];

static const char *wrong_answer(const struct content_check *c)
{
    if (c->type == CHECK_NUMBER)
        snprintf(typed, sizeof typed, "%.17g", c->number + 10 * c->tolerance + 1 +
                                                   fabs(c->number));
    else if (c->type == CHECK_CHOICE)
        snprintf(typed, sizeof typed, "%s", c->options[c->answer == 0 ? 1 : 0]);
    else
        snprintf(typed, sizeof typed, "definitely not the answer");
    return typed;
}

/* Every accepted form must be judged right; a wrong answer must be judged wrong. */
static int check_card(const char *file, const struct content_card *card)
{
    const struct content_check *c = &card->check;
    int bad = 0;
    if (c->type == CHECK_NONE)
        return 0;
    if (c->type == CHECK_NUMBER) {
        snprintf(typed, sizeof typed, "%.17g", c->number);
        bad |= !content_check_answer(c, typed);
    } else if (c->type == CHECK_CHOICE) {
        bad |= !content_check_answer(c, c->options[c->answer]);
        snprintf(typed, sizeof typed, "%d", c->answer + 1);
        bad |= !content_check_answer(c, typed);
    } else {
        bad |= !content_check_answer(c, c->exact);
        for (size_t i = 0; i < c->n_accept; i++)
            bad |= !content_check_answer(c, c->accept[i]);
    }
    bad |= content_check_answer(c, wrong_answer(c));
    if (bad)
        print_error("%s: card %s: its check does not judge its own answer\n", file, card->id);
    return bad;
}

static void check_file(const char *path, int *bad, size_t *checked, int *long_answers)
{
    struct content_diag diag;
    content_diag_init(&diag);
    struct content_file *f = content_parse_file(path, &diag);
    content_diag_free(&diag);
    assert_non_null(f);
    if (f->kind == CONTENT_DECK) {
        const struct content_deck *d = &f->u.deck;
        int oral = content_section_from_name(d->section) <= SECTION_ML;
        for (size_t i = 0; i < d->n_cards; i++) {
            *bad |= check_card(path, &d->cards[i]);
            *checked += d->cards[i].check.type != CHECK_NONE;
            if (oral && words(d->cards[i].a) > 90) {
                print_error("%s: card %s: answer has %d words\n", path, d->cards[i].id,
                            words(d->cards[i].a));
                (*long_answers)++;
            }
        }
    } else if (f->kind == CONTENT_READING) {
        for (size_t i = 0; i < f->u.reading.n_papers; i++)
            for (size_t j = 0; j < f->u.reading.papers[i].n_questions; j++)
                *bad |= check_card(path, &f->u.reading.papers[i].questions[j]);
    }
    content_file_free(f);
}

static void test_every_check_judges_its_own_answer(void **state)
{
    (void)state;
    char **paths;
    size_t n, checked = 0;
    int bad = 0, long_answers = 0;
    assert_int_equal(content_list_files(dirs, 1, 0, &paths, &n, NULL), 0);
    for (size_t i = 0; i < n; i++)
        check_file(paths[i], &bad, &checked, &long_answers);
    content_paths_free(paths, n);
    assert_true(checked >= 80);
    assert_int_equal(bad, 0);
    assert_int_equal(long_answers, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bundled_content_has_no_problems),
        cmocka_unit_test(test_minimum_counts),
        cmocka_unit_test(test_every_check_judges_its_own_answer),
    };
    return cmocka_run_group_tests_name("bundled content", tests, NULL, NULL);
}
