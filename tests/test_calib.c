/*
 * test_calib.c - calibration: bins, means, the error figure and the text bars
 * on known numbers; the observations read from seeded review-log rows whose
 * predicted recall and outcome are known (only study answers to cards in
 * review count); and the calibration section of the weekly report.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>

#include "calibload.h"
#include "cards.h"
#include "report.h"
#include "report_fmt.h"
#include "testutil.h"
#include "seed.h"

#define FULL7 "███████"
#define FULL21 FULL7 FULL7 FULL7
#define FULL23 FULL21 "██"
#define FULL30 FULL23 FULL7

/* ---- pure ---- */

static void test_bins(void **state)
{
    (void)state;
    assert_int_equal(calib_bin_of(0), 0);
    assert_int_equal(calib_bin_of(-1), 0);
    assert_int_equal(calib_bin_of(0.049), 0);
    assert_int_equal(calib_bin_of(0.05), 1);
    assert_int_equal(calib_bin_of(0.9499), 18);
    assert_int_equal(calib_bin_of(0.95), 19);
    assert_int_equal(calib_bin_of(1), 19);
    assert_int_equal(calib_bin_of(NAN), 0);
}

static void test_means_and_error(void **state)
{
    (void)state;
    struct calib c;
    calib_init(&c);
    assert_true(isnan(calib_error(&c)) && isnan(calib_mean_actual(&c)));
    /* bin 18: predicted 0.92, recalled 7 of 10 (0.22 short); bin 10: 0.5, 5 of 10 */
    for (int i = 0; i < 10; i++) {
        calib_add(&c, 0.92, i < 7);
        calib_add(&c, 0.5, i % 2);
    }
    assert_int_equal(c.n, 20);
    assert_int_equal(c.bin[18].n, 10);
    assert_int_equal(c.bin[18].passed, 7);
    assert_true(fabs(calib_predicted(&c.bin[18]) - 0.92) < 1e-12);
    assert_true(fabs(calib_actual(&c.bin[18]) - 0.7) < 1e-12);
    assert_true(fabs(calib_mean_predicted(&c) - 0.71) < 1e-12);
    assert_true(fabs(calib_mean_actual(&c) - 0.6) < 1e-12);
    assert_true(fabs(calib_error(&c) - sqrt(10 * 0.22 * 0.22 / 20)) < 1e-12);
    assert_true(isnan(calib_predicted(&c.bin[3])));
    /* predictions outside [0, 1] are clamped */
    calib_add(&c, 1.5, 1);
    assert_int_equal(c.bin[19].n, 1);
    assert_true(c.bin[19].pred_sum == 1);
}

static void test_bars_and_rows(void **state)
{
    (void)state;
    char buf[256];
    struct calib c;
    calib_bar(0.9, 0.7, 10, buf, sizeof buf);
    assert_string_equal(buf, "███████░░");
    calib_bar(0.5, 0.8, 10, buf, sizeof buf);
    assert_string_equal(buf, "█████▓▓▓");
    calib_bar(0.6, 0.6, 10, buf, sizeof buf);
    assert_string_equal(buf, "██████");
    calib_bar(1, 1, 4, buf, 7); /* a small buffer cuts whole cells */
    assert_string_equal(buf, "██");
    calib_init(&c);
    for (int i = 0; i < 4; i++)
        calib_add(&c, 0.9, i < 3);
    calib_row(&c, 18, buf, sizeof buf);
    assert_string_equal(buf, "90-95%         4      90.0%    75.0%  " FULL23 "░░░░");
    calib_row(&c, 17, buf, sizeof buf);
    assert_string_equal(buf, "");
}

/* ---- from the review log ---- */

static char dir[256];
static struct store *st;
static struct config cfg;

static void review(const char *card, int32_t day, int grade, int state_before, const char *mode,
                   double s_before, double elapsed)
{
    char sql[1024];
    int64_t t = (int64_t)day * SEED_DAY + 9 * 3600;
    snprintf(sql, sizeof sql,
             "INSERT INTO revlog(card_id, time, day, grade, mode, elapsed_days, scheduled_days,"
             " state_before, state_after, s_before, d_before, s_after, d_after, due_before,"
             " due_after, last_before, step_before, step_after, reps_before, lapses_before,"
             " leech_before, suspended_before) VALUES('%s', %lld, %d, %d, '%s', %g, 1, %d, 2,"
             " %.17g, 5, 9, 5, 0, 0, 0, 0, 0, 3, 0, 0, 0)",
             card, (long long)t, (int)day, grade, mode, elapsed, state_before, s_before);
    seed_exec(st, sql);
}

/* 10 answers at S = 10 after 5 days (R about 0.946), 7 recalled; 4 at R = 1 (same
 * day), all recalled; and rows that must not count, all forgotten. */
static int setup(void **state)
{
    (void)state;
    st = seed_open(dir, sizeof dir);
    config_defaults(&cfg);
    static const int grades[10] = {3, 3, 1, 3, 2, 4, 1, 3, 1, 3};
    for (int i = 0; i < 10; i++)
        review("d1", SEED_DAY0 + i, grades[i], 2, "study", 10, 5);
    for (int i = 0; i < 4; i++)
        review("d2", SEED_DAY0 + 20, 3, 2, "study", 10, 0);
    review("d3", SEED_DAY0 + 1, 1, 0, "study", 0, 0); /* a new card */
    review("d3", SEED_DAY0 + 2, 1, 1, "study", 2, 1); /* learning */
    review("d3", SEED_DAY0 + 3, 1, 3, "study", 2, 1); /* relearning */
    review("d4", SEED_DAY0 + 3, 1, 2, "cram", 10, 5); /* cram */
    review("d4", SEED_DAY0 + 4, 1, 2, "mock", 10, 5); /* mock (never stored so, but) */
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    store_close(st);
    tu_rmrf(dir);
    return 0;
}

static double r_default(double t, double s)
{
    struct sched_config sc;
    assert_int_equal(cards_sched_config(&cfg, &sc, NULL), LP_OK);
    return fsrs_retrievability(&sc.fsrs, t, s);
}

static void test_observations_from_the_log(void **state)
{
    (void)state;
    struct calib c;
    struct lp_err err = {0};
    double r5 = r_default(5, 10);
    assert_true(r5 > 0.9 && r5 < 0.95);
    assert_int_equal(calibload_study(st, &cfg, INT32_MAX, 0, &c, &err), LP_OK);
    assert_int_equal(c.n, 14);
    assert_int_equal(c.passed, 11);
    assert_int_equal(c.bin[18].n, 10);
    assert_int_equal(c.bin[18].passed, 7);
    assert_true(fabs(calib_predicted(&c.bin[18]) - r5) < 1e-12);
    assert_int_equal(c.bin[19].n, 4);
    assert_int_equal(c.bin[19].passed, 4);
    assert_true(calib_predicted(&c.bin[19]) == 1);
    /* up to a day: only the answers on days up to it */
    assert_int_equal(calibload_study(st, &cfg, SEED_DAY0 + 4, 0, &c, &err), LP_OK);
    assert_int_equal(c.n, 5);
    assert_int_equal(c.passed, 4); /* grades 3 3 1 3 2 */
    /* the latest 4 only: the same-day ones of day 20 */
    assert_int_equal(calibload_study(st, &cfg, INT32_MAX, 4, &c, &err), LP_OK);
    assert_int_equal(c.n, 4);
    assert_int_equal(c.bin[19].n, 4);
}

static void test_weights_in_use_set_the_prediction(void **state)
{
    (void)state;
    struct calib c;
    struct config other = cfg;
    struct sched_config sc;
    /* the same stored S with a stronger decay (w20) predicts a lower recall */
    static const double w[21] = {0.212,  1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194,
                                 0.001,  1.8722, 0.1666, 0.796,  1.4835, 0.0614, 0.2629,
                                 1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.6};
    memcpy(other.params, w, sizeof w);
    other.has_params = 1;
    assert_int_equal(cards_sched_config(&other, &sc, NULL), LP_OK);
    assert_int_equal(calibload_study(st, &other, INT32_MAX, 0, &c, NULL), LP_OK);
    double r = fsrs_retrievability(&sc.fsrs, 5, 10);
    assert_true(r != r_default(5, 10));
    assert_true(fabs(calib_predicted(&c.bin[calib_bin_of(r)]) - r) < 1e-12);
}

static void test_weekly_report_section(void **state)
{
    (void)state;
    struct report_week r;
    struct lp_err err = {0};
    char *md = NULL, *js = NULL;
    size_t len;
    assert_int_equal(report_week(st, &cfg, SEED_DAY0 + 20, &r, &err), LP_OK);
    assert_int_equal(r.calib.n, 14);
    FILE *f = open_memstream(&md, &len);
    report_fmt_markdown(&r, f);
    fclose(f);
    f = open_memstream(&js, &len);
    report_fmt_json(&r, f);
    fclose(f);
    assert_non_null(strstr(md, "## Calibration\n\nThe model's predicted recall against actual "
                               "recall, over the latest 14 answers"));
    assert_non_null(strstr(md, "R bin    reviews  predicted   actual\n90-95%        10"));
    assert_non_null(strstr(md, "    70.0%  " FULL21 "░░░░░░░\n"));
    assert_non_null(strstr(md, "95-100%        4     100.0%   100.0%  " FULL30 "\n"));
    assert_non_null(strstr(js, ",\"calibration\":{\"answers\":14,\"recalled\":11,"));
    assert_non_null(strstr(js, "{\"from\":0.95,\"to\":1.00,\"answers\":4,\"recalled\":4,"
                               "\"predicted\":1,\"actual\":1}]}}"));
    report_free(&r);
    /* a week before any review-state answer: the section says so */
    assert_int_equal(report_week(st, &cfg, SEED_DAY0 - 1, &r, &err), LP_OK);
    free(md);
    f = open_memstream(&md, &len);
    report_fmt_markdown(&r, f);
    fclose(f);
    assert_non_null(strstr(md, "## Calibration\n\nNo answers to cards in review yet"));
    report_free(&r);
    free(md);
    free(js);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bins),
        cmocka_unit_test(test_means_and_error),
        cmocka_unit_test(test_bars_and_rows),
        cmocka_unit_test_setup_teardown(test_observations_from_the_log, setup, teardown),
        cmocka_unit_test_setup_teardown(test_weights_in_use_set_the_prediction, setup, teardown),
        cmocka_unit_test_setup_teardown(test_weekly_report_section, setup, teardown),
    };
    return cmocka_run_group_tests_name("calibration", tests, NULL, NULL);
}
