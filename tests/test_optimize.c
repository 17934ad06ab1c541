/*
 * test_optimize.c - the FSRS-6 optimizer: its analytic gradient, its evaluator
 * against the reference's, fits on a simulated learner's log, thin data, the
 * held-out split, review-log files and the fits table.
 *
 * Fixture (tests/fixtures/optimizer/, made by tests/tools/optimizer/make_fixture.js
 * with the reference, @open-spaced-repetition/binding 0.5 = fsrs-rs 6.5):
 *   learner_3000.tsv       3000 reviews of a simulated learner (gen_learner.js, seed 3)
 *   learner_3000.expected  the reference evaluator's log loss and RMSE(bins) of the
 *                          defaults, of fixed custom weights and of its own fit
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "fitlog.h"
#include "fsrs_grad.h"
#include "optimize.h"
#include "revlog_io.h"
#include "store.h"
#include "testutil.h"

static const double custom_w[OPT_NW] = {
    0.3, 1.1, 2.9, 10.5, 6.8, 0.6, 2.7, 0.02, 1.6, 0.2, 0.9,
    1.7, 0.08, 0.3, 1.4, 0.45, 2.1, 0.7, 0.2, 0.1, 0.25,
};

static FILE *open_fixture(const char *name)
{
    static const char *dirs[] = {"tests/fixtures/optimizer/", "../../tests/fixtures/optimizer/"};
    for (size_t i = 0; i < 2; i++) {
        char path[512];
        snprintf(path, sizeof path, "%s%s", dirs[i], name);
        FILE *f = fopen(path, "r");
        if (f)
            return f;
    }
    fail_msg("fixture %s not found", name);
    return NULL;
}

static void read_learner(struct revlog *log)
{
    struct lp_err err = {0};
    FILE *f = open_fixture("learner_3000.tsv");
    revlog_init(log);
    assert_int_equal(revlog_read_file(f, "learner_3000.tsv", NULL, log, NULL, &err), LP_OK);
    fclose(f);
    assert_int_equal(log->n, 3000);
}

/* The reference's figures for `name` in learner_3000.expected (weights if w). */
static void expected(const char *name, double *logloss, double *rmse, double *w)
{
    FILE *f = open_fixture("learner_3000.expected");
    char line[2048];
    while (fgets(line, sizeof line, f)) {
        char key[32];
        int used = 0;
        if (sscanf(line, "%31s %lf %lf %n", key, logloss, rmse, &used) < 3 || strcmp(key, name))
            continue;
        for (int i = 0; w && i < OPT_NW; i++)
            w[i] = strtod(line + used, NULL), used += (int)strcspn(line + used, ",") + 1;
        fclose(f);
        return;
    }
    fclose(f);
    fail_msg("no line %s in learner_3000.expected", name);
}

/* A deterministic mixed log: n_cards cards with same-day steps, lapses, all grades. */
static void make_log(struct revlog *log, int n_cards, int per_card, uint64_t seed)
{
    revlog_init(log);
    uint64_t s = seed;
    for (int c = 0; c < n_cards; c++) {
        char id[32];
        snprintf(id, sizeof id, "card%d", c);
        int64_t t = 1700000000 + (int64_t)c * 7200;
        for (int k = 0; k < per_card; k++) {
            s = s * 6364136223846793005ULL + 1442695040888963407ULL;
            unsigned x = (unsigned)(s >> 33);
            int grade = x % 10 < 2 ? 1 : x % 10 < 3 ? 2 : x % 10 < 9 ? 3 : 4;
            assert_int_equal(revlog_add(log, id, strlen(id), t, revlog_day(NULL, t), grade, NULL),
                             LP_OK);
            t += (x >> 8) % 5 == 0 ? 900 : (int64_t)(1 + (x >> 12) % 40) * 86400;
        }
    }
}

static int all_within_bounds(const double w[OPT_NW])
{
    double c[OPT_NW];
    memcpy(c, w, sizeof c);
    opt_clip(c);
    return memcmp(c, w, sizeof c) == 0;
}

/* fsrs-rs's own analytic-gradient test (analytical_gradients.rs): same loss, same gradient. */
static void test_reference_item_gradient(void **state)
{
    (void)state;
    static const double th[6][4] = {{0, 0, 0, 0}, {0, 0, 0, 0}, {0, 0, 0, 1},
                                    {0, 1, 1, 3}, {1, 3, 3, 5}, {3, 6, 6, 12}};
    static const int rh[6][4] = {{1, 2, 3, 4}, {3, 4, 2, 4}, {1, 4, 4, 3},
                                 {4, 3, 3, 3}, {3, 1, 3, 3}, {2, 3, 3, 4}};
    static const double final_dt[4] = {4, 11, 12, 23};
    static const int label[4] = {1, 1, 1, 0};
    static const double want[OPT_NW] = {
        -0.095688485, -0.0051607806, -0.0012249565, 0.007462064, 0.03650761, -0.082112335,
        0.0593964,    -2.1474836,    0.57626534,    -2.8751316,  0.7154875,  -0.028993709,
        0.0099172965, -0.2189217,    -0.0017800558, -0.089381434, 0.299141,  0.068104014,
        -0.011605468, -0.25398168,   0.27700496,
    };
    double w[OPT_NW], grad[OPT_NW] = {0}, loss = 0;
    opt_default_weights(w);
    for (int i = 0; i < 4; i++) {
        int g[6];
        double dt[6];
        for (int k = 0; k < 6; k++)
            g[k] = rh[k][i], dt[k] = th[k][i];
        loss += fsrs_grad_item(w, g, dt, 6, final_dt[i], label[i], 1.0, grad);
    }
    assert_true(fabs(loss - 4.0466027) < 1e-5);
    for (int i = 0; i < OPT_NW; i++)
        assert_true(fabs(grad[i] - want[i]) < 2e-6 + 1e-5 * fabs(want[i]));
}

/* Central differences of opt_loss for every weight, at a point inside the bounds. */
static void check_fd(const struct opt_data *d, const double w0[OPT_NW])
{
    double grad[OPT_NW], w[OPT_NW];
    opt_loss(d, w0, -1, grad);
    for (int i = 0; i < OPT_NW; i++) {
        double h = 1e-6 * (fabs(w0[i]) > 1 ? fabs(w0[i]) : 1);
        memcpy(w, w0, sizeof w);
        w[i] = w0[i] + h;
        double up = opt_loss(d, w, -1, NULL);
        w[i] = w0[i] - h;
        double down = opt_loss(d, w, -1, NULL);
        double fd = (up - down) / (2 * h);
        if (!(fabs(fd) > 1e-6))
            fail_msg("w%d does not move the loss (fd %g): its branch is not exercised", i, fd);
        if (fabs(grad[i] - fd) > 1e-5 * fabs(fd) + 1e-7)
            fail_msg("w%d: analytic %.10g, finite differences %.10g", i, grad[i], fd);
    }
}

static void test_gradient_matches_finite_differences(void **state)
{
    (void)state;
    struct revlog log;
    make_log(&log, 60, 12, 7);
    struct opt_data *d = opt_data_new(&log, NULL);
    assert_non_null(d);
    assert_true(opt_data_items(d) > 400);
    double w[OPT_NW];
    opt_default_weights(w);
    w[7] = 0.05;   /* away from its bound, so a step either way stays legal */
    check_fd(d, w);
    check_fd(d, custom_w);
    opt_data_free(d);
    revlog_free(&log);
}

/* One card: the shared-history sweep equals the items computed one by one. */
static void test_card_sweep_equals_items(void **state)
{
    (void)state;
    struct revlog log;
    make_log(&log, 1, 40, 11);
    struct opt_data *d = opt_data_new(&log, NULL);
    double got[OPT_NW], want[OPT_NW] = {0}, want_loss = 0;
    double got_loss = opt_loss(d, custom_w, -1, got);
    long n = opt_data_items(d), item = 0;
    int g[64];
    double dt[64];
    for (size_t k = 0; k < log.n; k++) {
        g[k] = log.e[k].grade;
        dt[k] = k ? log.e[k].day - log.e[k - 1].day : 0;
        if (k && dt[k] > 0) {
            double x = n > 1 ? (double)item / (double)(n - 1) : 0;
            want_loss += fsrs_grad_item(custom_w, g, dt, (int)k, dt[k], g[k] > 1,
                                        0.25 + 0.75 * x * x * x, want);
            item++;
        }
    }
    assert_int_equal(item, n);
    assert_true(fabs(got_loss - want_loss) < 1e-9 * want_loss);
    for (int i = 0; i < OPT_NW; i++)
        assert_true(fabs(got[i] - want[i]) < 1e-9 * (1 + fabs(want[i])));
    opt_data_free(d);
    revlog_free(&log);
}

static void test_evaluator_matches_reference(void **state)
{
    (void)state;
    struct revlog log;
    read_learner(&log);
    struct opt_data *d = opt_data_new(&log, NULL);
    double w[OPT_NW], ll, rmse;
    opt_default_weights(w);
    expected("defaults", &ll, &rmse, NULL);
    struct opt_metrics m = opt_evaluate(d, w, 0, opt_data_items(d));
    assert_true(fabs(m.logloss - ll) < 3e-6 && fabs(m.rmse - rmse) < 3e-6);
    expected("custom", &ll, &rmse, NULL);
    m = opt_evaluate(d, custom_w, 0, opt_data_items(d));
    assert_true(fabs(m.logloss - ll) < 3e-6 && fabs(m.rmse - rmse) < 3e-6);
    expected("reference", &ll, &rmse, w);
    m = opt_evaluate(d, w, 0, opt_data_items(d));
    assert_true(fabs(m.logloss - ll) < 3e-6 && fabs(m.rmse - rmse) < 3e-6);
    opt_data_free(d);
    revlog_free(&log);
}

static void test_fit_beats_defaults_and_reference(void **state)
{
    (void)state;
    struct revlog log;
    struct opt_config c;
    struct opt_result r;
    double ref_ll, ref_rmse, ref_w[OPT_NW], def[OPT_NW];
    read_learner(&log);
    opt_default_config(&c);
    assert_int_equal(opt_fit(&log, &c, &r, NULL), LP_OK);
    expected("reference", &ref_ll, &ref_rmse, ref_w);
    opt_default_weights(def);
    assert_int_equal(r.outcome, OPT_FITTED);
    assert_true(memcmp(r.w, def, sizeof def) != 0);
    assert_true(all_within_bounds(r.w) && all_within_bounds(r.w_split));
    assert_true(r.all_after.logloss < r.all_before.logloss - 0.01);
    assert_true(r.all_after.rmse < r.all_before.rmse);
    assert_true(r.all_after.logloss <= ref_ll + 0.0005);   /* issue 7's quality target */
    assert_true(r.hold_after.logloss < r.hold_before.logloss);  /* not just memorised */
    revlog_free(&log);
}

static void test_holdout_split(void **state)
{
    (void)state;
    struct revlog log;
    struct opt_config c;
    struct opt_result r;
    read_learner(&log);
    opt_default_config(&c);
    assert_int_equal(opt_fit(&log, &c, &r, NULL), LP_OK);
    assert_int_equal(r.train_items + r.holdout_items, r.items);
    assert_int_equal(r.holdout_items, (long)floor(0.2 * (double)r.items));
    /* The slices partition the scored list. */
    assert_int_equal(r.train_before.items + r.hold_before.items, r.all_before.items);
    assert_true(r.hold_before.items > 0 && r.train_before.items > r.hold_before.items);
    /* The held-out figures come from the first-part fit, which differs from the final. */
    assert_true(memcmp(r.w, r.w_split, sizeof r.w) != 0);
    /* No hold-out: the split is empty and the first part is everything. */
    c.holdout = 0;
    struct opt_result r0;
    assert_int_equal(opt_fit(&log, &c, &r0, NULL), LP_OK);
    assert_int_equal(r0.holdout_items, 0);
    assert_int_equal(r0.hold_before.items, 0);
    assert_true(isnan(r0.hold_after.logloss));
    assert_memory_equal(r0.w, r.w, sizeof r.w);
    assert_true(r0.train_after.logloss == r0.all_after.logloss);
    revlog_free(&log);
}

static void test_fit_is_deterministic_across_threads(void **state)
{
    (void)state;
    struct revlog log;
    struct opt_config c;
    struct opt_result a, b;
    read_learner(&log);
    opt_default_config(&c);
    c.threads = 1;
    assert_int_equal(opt_fit(&log, &c, &a, NULL), LP_OK);
    c.threads = 2;
    assert_int_equal(opt_fit(&log, &c, &b, NULL), LP_OK);
    assert_memory_equal(a.w, b.w, sizeof a.w);
    assert_memory_equal(a.w_split, b.w_split, sizeof a.w_split);
    assert_true(a.hold_after.logloss == b.hold_after.logloss);
    revlog_free(&log);
}

static void test_thin_data_keeps_defaults(void **state)
{
    (void)state;
    struct revlog log;
    struct opt_config c;
    struct opt_result r;
    double def[OPT_NW];
    read_learner(&log);
    log.n = 400;   /* the learner's first 400 reviews: about 250 items */
    opt_default_config(&c);
    opt_default_weights(def);
    assert_int_equal(opt_fit(&log, &c, &r, NULL), LP_OK);
    assert_true(r.items > 0 && r.usable_items < OPT_MIN_ITEMS);
    assert_int_equal(r.outcome, OPT_TOO_FEW);
    assert_memory_equal(r.w, def, sizeof def);
    assert_memory_equal(&r.all_after, &r.all_before, sizeof r.all_after);
    /* The same log with the threshold lowered is fitted: the rule, not the data, kept them. */
    c.min_items = 50;
    assert_int_equal(opt_fit(&log, &c, &r, NULL), LP_OK);
    assert_int_equal(r.outcome, OPT_FITTED);
    assert_true(memcmp(r.w, def, sizeof def) != 0);
    assert_true(all_within_bounds(r.w));
    /* With so little data the pull toward the starting weights matters: without it
     * (gamma 0) the fit wanders further from the defaults. */
    double near = 0, far = 0, w1[OPT_NW];
    memcpy(w1, r.w, sizeof w1);
    c.gamma = 0;
    assert_int_equal(opt_fit(&log, &c, &r, NULL), LP_OK);
    for (int i = 4; i < OPT_NW; i++) {
        near += (w1[i] - def[i]) * (w1[i] - def[i]) / (0.1 + def[i] * def[i]);
        far += (r.w[i] - def[i]) * (r.w[i] - def[i]) / (0.1 + def[i] * def[i]);
    }
    assert_true(near < 0.8 * far);
    revlog_free(&log);
}

static void test_initial_stability_follows_first_reviews(void **state)
{
    (void)state;
    struct revlog log;
    read_learner(&log);
    struct opt_data *d = opt_data_new(&log, NULL);
    double s0[4] = {-1, -1, -1, -1};
    int n = 0;
    opt_initial_stability(d, s0, &n);
    assert_true(n >= 3);
    for (int i = 0; i < 4; i++)
        assert_true(s0[i] >= 0.001 && s0[i] <= 100);
    assert_true(s0[0] <= s0[1] && s0[1] <= s0[2] && s0[2] <= s0[3]);
    opt_data_free(d);
    revlog_free(&log);
}

static enum lp_code read_text(const char *text, const struct revlog_days *days, struct revlog *log,
                              long *bad, struct lp_err *err)
{
    FILE *f = fmemopen((void *)text, strlen(text), "r");
    assert_non_null(f);
    revlog_init(log);
    enum lp_code rc = revlog_read_file(f, "x.tsv", days, log, bad, err);
    fclose(f);
    return rc;
}

static void test_revlog_file_rules(void **state)
{
    (void)state;
    struct revlog log;
    struct lp_err err = {0};
    long bad = 0;
    assert_int_equal(read_text("# a comment\n\nc1\t1700000000\t3\r\nc2\t1700000100\t1\n"
                               "c1\t1700086400\t4\n",
                               NULL, &log, &bad, &err),
                     LP_OK);
    assert_int_equal(log.n, 3);
    assert_int_equal(log.n_cards, 2);
    assert_int_equal(log.e[2].card, log.e[0].card);
    assert_string_equal(revlog_card_id(&log, log.e[1].card), "c2");
    assert_int_equal(log.e[2].day - log.e[0].day, 1);
    revlog_free(&log);
    static const struct {
        const char *text, *msg;
        long line;
    } bad_cases[] = {
        {"c1\t1700000000\t3\nc1\t1700000000\t5\n", "x.tsv:2: rating must be 1, 2, 3 or 4", 2},
        {"c1\t17000x0000\t3\n", "x.tsv:1: time must be", 1},
        {"\n\nc1 1700000000 3\n", "x.tsv:3: expected three tab-separated fields", 3},
        {"c1\t1\t3\textra\n", "x.tsv:1: too many fields", 1},
        {"\t1\t3\n", "x.tsv:1: card id must be 1-255 bytes", 1},
    };
    for (size_t i = 0; i < sizeof bad_cases / sizeof bad_cases[0]; i++) {
        assert_int_equal(read_text(bad_cases[i].text, NULL, &log, &bad, &err), LP_EPARSE);
        assert_int_equal(bad, bad_cases[i].line);
        assert_non_null(strstr(err.msg, bad_cases[i].msg));
        revlog_free(&log);
    }
}

static void test_revlog_days(void **state)
{
    (void)state;
    /* 2024-03-10 01:30 UTC: day 19792 in UTC, the day before with a 04:00 rollover. */
    const int64_t t = 1710034200;
    struct revlog_days utc4 = {0, 4}, ny = {1, 0};
    assert_int_equal(revlog_day(NULL, t), 19792);
    assert_int_equal(revlog_day(&utc4, t), 19791);
    char *old = getenv("TZ") ? strdup(getenv("TZ")) : NULL;
    setenv("TZ", "America/New_York", 1);
    tzset();
    assert_int_equal(revlog_day(&ny, t), 19791);   /* 2024-03-09 20:30 in New York */
    if (old)
        setenv("TZ", old, 1);
    else
        unsetenv("TZ");
    tzset();
    free(old);
}

static void add_review(struct store *st, const char *card, int64_t t, int grade, const char *mode)
{
    char sql[1024];
    snprintf(sql, sizeof sql,
             "INSERT INTO revlog(card_id, time, day, grade, mode, elapsed_days, scheduled_days,"
             " state_before, state_after, s_before, d_before, s_after, d_after, due_before,"
             " due_after, last_before, step_before, step_after, reps_before, lapses_before,"
             " leech_before, suspended_before) VALUES ('%s', %lld, %lld, %d, '%s', 0, 0, 0, 0,"
             " 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)",
             card, (long long)t, (long long)(t / 86400), grade, mode);
    assert_int_equal(store_exec(st, sql, NULL), LP_OK);
}

static void test_fitlog_roundtrip(void **state)
{
    (void)state;
    char dir[256], path[512];
    struct lp_err err = {0};
    tu_tempdir(dir, sizeof dir);
    snprintf(path, sizeof path, "%s/t.db", dir);
    struct store *st = store_open(path, STORE_CREATE, &err);
    assert_non_null(st);
    add_review(st, "a", 1700000000, 3, "study");
    add_review(st, "a", 1700172800, 1, "study");
    add_review(st, "a", 1700200000, 2, "cram");
    add_review(st, "b", 1700100000, 4, "mock");
    struct revlog log;
    revlog_init(&log);
    assert_int_equal(fitlog_read_reviews(st, NULL, &log, &err), LP_OK);
    assert_int_equal(log.n, 2);   /* study answers only */
    assert_int_equal(log.e[1].grade, 1);
    assert_int_equal(log.e[1].day - log.e[0].day, 2);
    revlog_free(&log);

    struct fitlog_fit f = {0}, got = {0};
    int found = 1;
    assert_int_equal(fitlog_active(st, &got, &found, &err), LP_OK);
    assert_int_equal(found, 0);
    memcpy(f.w, custom_w, sizeof f.w);
    f.time = 1700300000;
    f.reviews = 2;
    f.logloss_before = 0.3, f.logloss_after = 0.25, f.rmse_before = NAN, f.rmse_after = 0.02;
    assert_int_equal(fitlog_save(st, &f, &err), LP_OK);
    assert_int_equal(fitlog_active(st, &got, &found, &err), LP_OK);
    assert_int_equal(found, 0);   /* stored, not active */
    int64_t first = f.id;
    f.active = 1;
    assert_int_equal(fitlog_save(st, &f, &err), LP_OK);
    assert_int_equal(fitlog_active(st, &got, &found, &err), LP_OK);
    assert_int_equal(found, 1);
    assert_int_equal(got.id, f.id);
    for (int i = 0; i < OPT_NW; i++)
        assert_true(fabs(got.w[i] - custom_w[i]) < 1e-8);
    assert_true(isnan(got.rmse_before) && got.rmse_after == 0.02);
    assert_int_equal(fitlog_activate(st, first, &err), LP_OK);
    assert_int_equal(fitlog_active(st, &got, &found, &err), LP_OK);
    assert_int_equal(got.id, first);
    assert_int_equal(fitlog_activate(st, 999, &err), LP_ENOTFOUND);
    assert_int_equal(fitlog_activate(st, 0, &err), LP_OK);
    assert_int_equal(fitlog_active(st, &got, &found, &err), LP_OK);
    assert_int_equal(found, 0);
    store_close(st);
    tu_rmrf(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_reference_item_gradient),
        cmocka_unit_test(test_gradient_matches_finite_differences),
        cmocka_unit_test(test_card_sweep_equals_items),
        cmocka_unit_test(test_evaluator_matches_reference),
        cmocka_unit_test(test_fit_beats_defaults_and_reference),
        cmocka_unit_test(test_holdout_split),
        cmocka_unit_test(test_fit_is_deterministic_across_threads),
        cmocka_unit_test(test_thin_data_keeps_defaults),
        cmocka_unit_test(test_initial_stability_follows_first_reviews),
        cmocka_unit_test(test_revlog_file_rules),
        cmocka_unit_test(test_revlog_days),
        cmocka_unit_test(test_fitlog_roundtrip),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
