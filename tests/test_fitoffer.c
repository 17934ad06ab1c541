/*
 * test_fitoffer.c - when the tutor offers a refit: the rule on its own, and the
 * counts from seeded study answers and stored fits (only study answers after
 * the newest fit count, applied or not).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "fitlog.h"
#include "fitoffer.h"
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

/* n answers of `mode`, spread over cards and the days from `day` on, ten a day. */
static void answers(int n, int32_t day, const char *mode)
{
    seed_exec(st, "BEGIN");
    for (int i = 0; i < n; i++) {
        char card[8];
        snprintf(card, sizeof card, "d%d", i % 12);
        seed_answer(st, card, day + i / 10, 3, 2, mode, 1000, 0);
    }
    seed_exec(st, "COMMIT");
}

static struct fitoffer check_at(int32_t day)
{
    struct fitoffer o;
    struct lp_err err = {0};
    assert_int_equal(fitoffer_check(st, (int64_t)day * SEED_DAY + 12 * 3600, 4, &o, &err), LP_OK);
    return o;
}

static void test_rule(void **state)
{
    (void)state;
    assert_false(fitoffer_due(999, 0));
    assert_true(fitoffer_due(1000, 0));
    assert_true(fitoffer_due(300, 30));
    assert_false(fitoffer_due(299, 90));
    assert_false(fitoffer_due(300, 29));
    assert_false(fitoffer_due(0, -1));
}

static void test_without_a_fit(void **state)
{
    (void)state;
    struct fitoffer o = check_at(SEED_DAY0);
    assert_false(o.due || o.has_fit);
    assert_int_equal(o.reviews, 0);
    assert_int_equal(o.days, -1);
    answers(300, SEED_DAY0, "study");
    answers(900, SEED_DAY0, "cram"); /* cram answers are not fitted: they do not count */
    o = check_at(SEED_DAY0 + 29);
    assert_int_equal(o.reviews, 300);
    assert_int_equal(o.days, 29);
    assert_false(o.due);
    o = check_at(SEED_DAY0 + 30); /* a month after the first answer */
    assert_true(o.due);
    answers(1200, SEED_DAY0 + 31, "study");
    o = check_at(SEED_DAY0 + 31);
    assert_true(o.due);
    assert_int_equal(o.reviews, FITOFFER_REVIEWS); /* counted up to the threshold */
}

static void test_since_the_last_fit(void **state)
{
    (void)state;
    struct lp_err err = {0};
    struct fitlog_fit f = {0};
    answers(1500, SEED_DAY0, "study");
    /* a fit declined (stored inactive) at 12:00 on day 200 quiets the offer */
    for (int i = 0; i < FITLOG_NW; i++)
        f.w[i] = 1;
    f.time = (int64_t)(SEED_DAY0 + 200) * SEED_DAY + 12 * 3600;
    assert_int_equal(fitlog_save(st, &f, &err), LP_OK);
    struct fitoffer o = check_at(SEED_DAY0 + 200);
    assert_true(o.has_fit && !o.due);
    assert_int_equal(o.last_fit, f.time);
    assert_int_equal(o.reviews, 0);
    /* answers that day before the fit do not count; after it they do */
    seed_answer(st, "d1", SEED_DAY0 + 200, 3, 2, "study", 0, 0); /* 09:00 */
    seed_exec(st, "UPDATE revlog SET time = time + 4 * 3600 WHERE id = (SELECT max(id) FROM"
                  " revlog)"); /* 13:00 */
    seed_answer(st, "d2", SEED_DAY0 + 200, 3, 2, "study", 0, 0);
    o = check_at(SEED_DAY0 + 200);
    assert_int_equal(o.reviews, 1);
    assert_int_equal(o.days, 0);
    /* 300 more a month later: due; 999 the next day: not */
    answers(299, SEED_DAY0 + 201, "study");
    assert_false(check_at(SEED_DAY0 + 229).due);
    assert_true(check_at(SEED_DAY0 + 230).due);
    answers(699, SEED_DAY0 + 201, "study");
    o = check_at(SEED_DAY0 + 201);
    assert_int_equal(o.reviews, 999);
    assert_false(o.due);
    answers(1, SEED_DAY0 + 201, "study");
    assert_true(check_at(SEED_DAY0 + 201).due);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rule),
        cmocka_unit_test_setup_teardown(test_without_a_fit, setup, teardown),
        cmocka_unit_test_setup_teardown(test_since_the_last_fit, setup, teardown),
    };
    return cmocka_run_group_tests_name("refit offer", tests, NULL, NULL);
}
