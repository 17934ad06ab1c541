/*
 * test_fsrs.c - the FSRS-6 formulas against values printed by ts-fsrs 5.4.2.
 *
 * Expected numbers come from calling the same ts-fsrs method in node, e.g.
 *   node -e 'const f=require("ts-fsrs").fsrs({}); console.log(f.next_difficulty(5.5,1))'
 * (the call is named next to each value), or from a hand computation shown inline.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "fsrs.h"

/* ts-fsrs prints the shortest text that round-trips, so equality is exact; the
 * 1e-12 slack only forgives a last-ulp libm difference. */
static void close_to(double got, double want, const char *what)
{
    double tol = 1e-12 * fmax(fabs(want), 1e-300);
    if (!(fabs(got - want) <= tol)) {
        print_error("%s: got %.17g, want %.17g\n", what, got, want);
        fail();
    }
}

static struct fsrs_params defaults(int short_term)
{
    struct fsrs_params p;
    fsrs_default_params(&p);
    p.short_term = short_term;
    assert_int_equal(fsrs_params_prepare(&p, NULL), LP_OK);
    return p;
}

static void test_defaults(void **state)
{
    (void)state;
    static const double published[FSRS_NW] = {
        0.212,  1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001,  1.8722, 0.1666, 0.796,
        1.4835, 0.0614, 0.2629, 1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.1542,
    };
    struct fsrs_params p;
    fsrs_default_params(&p);
    for (int i = 0; i < FSRS_NW; i++) {
        assert_true(p.w[i] == published[i]);
        assert_true(p.cw[i] == published[i]);   /* all inside their ranges */
    }
    assert_true(p.retention == 0.9);
    assert_int_equal(p.max_interval, 36500);
    close_to(p.decay, -0.1542, "decay");
    close_to(p.factor, 0.98034649, "factor");         /* computeDecayFactor(default_w) */
    close_to(p.modifier, 1, "modifier at 0.9");       /* fsrs({}).interval_modifier */
}

static void test_interval_modifier(void **state)
{
    (void)state;
    struct fsrs_params p = defaults(1);
    p.retention = 0.85;
    assert_int_equal(fsrs_params_prepare(&p, NULL), LP_OK);
    close_to(p.modifier, 1.90642614, "modifier 0.85");   /* fsrs({request_retention:0.85}) */
    p.retention = 0.97;
    assert_int_equal(fsrs_params_prepare(&p, NULL), LP_OK);
    close_to(p.modifier, 0.22276844, "modifier 0.97");
}

static void test_init(void **state)
{
    (void)state;
    struct fsrs_params p = defaults(1);
    /* init_difficulty(G); by hand D0(3) = 6.4133 - e^(2*0.8334) + 1
     * = 6.4133 - 5.29519603 + 1 = 2.11810397 */
    close_to(fsrs_init_difficulty(&p, 1), 6.4133, "D0(1)");
    close_to(fsrs_init_difficulty(&p, 2), 5.11217071, "D0(2)");
    close_to(fsrs_init_difficulty(&p, 3), 2.11810397, "D0(3)");
    close_to(fsrs_init_difficulty(&p, 4), -4.7716307, "D0(4) unclamped");
    close_to(p.d0_easy, -4.7716307, "mean reversion target");
    static const double s0[4] = {0.212, 1.2931, 2.3065, 8.2956};
    static const double d0[4] = {6.4133, 5.11217071, 2.11810397, 1};   /* clamped to >= 1 */
    for (int g = 1; g <= 4; g++) {
        struct fsrs_memory m = fsrs_init(&p, g);
        close_to(m.s, s0[g - 1], "S0");
        close_to(m.d, d0[g - 1], "D0 clamped");
    }
    p.w[0] = 0.05;   /* below the 0.1 floor of the initial stability */
    assert_int_equal(fsrs_params_prepare(&p, NULL), LP_OK);
    close_to(fsrs_init(&p, 1).s, 0.1, "S0 floor");
}

static void test_retrievability(void **state)
{
    (void)state;
    struct fsrs_params p = defaults(1);
    close_to(fsrs_retrievability(&p, 10, 5), 0.84588465, "R(10,5)");     /* forgetting_curve */
    close_to(fsrs_retrievability(&p, 0, 5), 1, "R(0,5)");
    close_to(fsrs_retrievability(&p, 100, 3.7), 0.59988086, "R(100,3.7)");
    /* By definition R = 0.9 after S days, to the 8 decimals kept. */
    close_to(fsrs_retrievability(&p, 42, 42), 0.9, "R(S,S)");
}

static void test_next_difficulty(void **state)
{
    (void)state;
    struct fsrs_params p = defaults(1);
    close_to(fsrs_next_difficulty(&p, 5.5, 1), 8.50610897, "nextD(5.5,1)");
    close_to(fsrs_next_difficulty(&p, 5.5, 2), 6.99791867, "nextD(5.5,2)");
    close_to(fsrs_next_difficulty(&p, 5.5, 3), 5.48972837, "nextD(5.5,3)");
    close_to(fsrs_next_difficulty(&p, 5.5, 4), 3.98153807, "nextD(5.5,4)");
    close_to(fsrs_next_difficulty(&p, 9.99, 1), 9.98194144, "nextD(9.99,1) damped");
    close_to(fsrs_next_difficulty(&p, 1, 4), 1, "nextD(1,4) clamped");
}

static void test_stability_formulas(void **state)
{
    (void)state;
    struct fsrs_params p = defaults(1);
    /* next_recall_stability(6, 12, 0.85, G) */
    close_to(fsrs_recall_stability(&p, 6, 12, 0.85, 2), 31.66975098, "recall hard");
    close_to(fsrs_recall_stability(&p, 6, 12, 0.85, 3), 44.70660289, "recall good");
    close_to(fsrs_recall_stability(&p, 6, 12, 0.85, 4), 73.25619655, "recall easy");
    close_to(fsrs_forget_stability(&p, 6, 12, 0.85), 1.6382524, "forget");
    /* next_short_term_stability(3, G): Hard and Good never lower S */
    close_to(fsrs_short_term_stability(&p, 3, 1), 0.99084179, "short again");
    close_to(fsrs_short_term_stability(&p, 3, 2), 3, "short hard");
    close_to(fsrs_short_term_stability(&p, 3, 3), 3, "short good");
    close_to(fsrs_short_term_stability(&p, 3, 4), 5.04450534, "short easy");
    close_to(fsrs_short_term_stability(&p, 200, 2), 200, "short hard large S");
}

static void test_next_dispatch(void **state)
{
    (void)state;
    struct fsrs_params on = defaults(1), off = defaults(0);
    struct fsrs_memory m = {12, 6}, r;
    /* next_state({difficulty:6, stability:12}, t, G) */
    r = fsrs_next(&on, m, 5, 1);
    close_to(r.s, 1.39261184, "again t=5 short on");
    close_to(r.d, 8.67045557, "again D");
    r = fsrs_next(&off, m, 5, 1);
    close_to(r.s, 1.39261184, "again t=5 short off");
    r = fsrs_next(&off, m, 0, 1);   /* long-term formula at R = 1 */
    close_to(r.s, 1.27939213, "again t=0 short off");
    r = fsrs_next(&off, m, 0, 3);
    close_to(r.s, 12, "good t=0 short off");
    close_to(r.d, 5.98922837, "good D");
    r = fsrs_next(&on, m, 0, 4);    /* short-term formula: S * S^-w19 * e^(w17*(1+w18)) */
    close_to(r.s, fsrs_short_term_stability(&on, 12, 4), "easy t=0 short on");
    assert_true(r.s > 12);
}

static void test_next_all_matches_next(void **state)
{
    (void)state;
    struct fsrs_params ps[2] = {defaults(1), defaults(0)};
    uint64_t x = 12345;
    for (int i = 0; i < 20000; i++) {
        x = x * 6364136223846793005u + 1442695040888963407u;
        struct fsrs_memory m = {0.01 + (double)(x >> 40) / (1 << 24) * 500,
                                1 + (double)((x >> 8) & 0xffff) / 65536 * 9};
        double t = (double)((x >> 20) % 400) * ((x >> 30) % 3 != 0);
        const struct fsrs_params *p = &ps[i & 1];
        struct fsrs_memory all[4];
        double s4[4];
        fsrs_next_all(p, m, t, all);
        fsrs_next_stabilities(p, m, t, s4);
        for (int g = 1; g <= 4; g++) {
            struct fsrs_memory one = fsrs_next(p, m, t, g);
            assert_true(all[g - 1].s == one.s);
            assert_true(all[g - 1].d == one.d);
            assert_true(s4[g - 1] == one.s);
        }
    }
}

static void test_interval(void **state)
{
    (void)state;
    struct fsrs_params p = defaults(1);
    assert_int_equal(fsrs_interval(&p, 12.3), 12);     /* next_interval(12.3) */
    assert_int_equal(fsrs_interval(&p, 0.3), 1);       /* at least a day */
    assert_int_equal(fsrs_interval(&p, 2.5), 3);       /* halves go up */
    assert_int_equal(fsrs_interval(&p, 2.4999), 2);
    assert_int_equal(fsrs_interval(&p, 50000), 36500);
    p.retention = 0.85;
    assert_int_equal(fsrs_params_prepare(&p, NULL), LP_OK);
    assert_int_equal(fsrs_interval(&p, 10), 19);
    assert_int_equal(fsrs_interval(&p, 3.3), 6);
    p.max_interval = 365;
    assert_int_equal(fsrs_params_prepare(&p, NULL), LP_OK);
    assert_int_equal(fsrs_interval(&p, 1000), 365);
}

static void test_js_rounding(void **state)
{
    (void)state;
    /* Math.round and roundTo(x, 8) as node prints them */
    assert_true(fsrs_js_round(2.5) == 3);
    assert_true(fsrs_js_round(-2.5) == -2);
    assert_true(fsrs_js_round(0.49999999999999994) == 0);
    assert_true(fsrs_js_round(-0.4) == 0 && signbit(fsrs_js_round(-0.4)));
    assert_true(fsrs_js_round(4503599627370495.5) == 4503599627370496.0);
    assert_true(fsrs_js_round(2251799813685248.5) == 2251799813685249.0);
    assert_true(fsrs_js_round(-3.5) == -3);
    assert_true(fsrs_js_round(1e300) == 1e300);
    assert_true(fsrs_round8(1.234567895) == 1.2345679);
    assert_true(fsrs_round8(0.000000005) == 1e-8);
    assert_true(fsrs_round8(2.000000015) == 2.00000002);
}

static void test_clamping(void **state)
{
    (void)state;
    static const double wild[FSRS_NW] = {200, 0, -1, 1, 0, 0, 9, 1, 9, 9, 9,
                                         9,   9, 9,  9, 9, 0, 9, 9, 0, 0.01};
    /* fsrs({w: wild}).parameters.w, with and without enable_short_term */
    static const double on[FSRS_NW] = {100, 0.001, 0.001, 1, 1, 0.001, 4, 0.75, 4.5, 0.8, 3.5,
                                       5,   0.25,  0.9,   4, 1, 1,     2, 2,    0.01, 0.1};
    struct fsrs_params p = defaults(1);
    memcpy(p.w, wild, sizeof wild);
    assert_int_equal(fsrs_params_prepare(&p, NULL), LP_OK);
    for (int i = 0; i < FSRS_NW; i++)
        close_to(p.cw[i], on[i], "clamped weight");
    p.short_term = 0;
    assert_int_equal(fsrs_params_prepare(&p, NULL), LP_OK);
    close_to(p.cw[19], 0, "w19 floor without short-term");
    /* Two relearning steps: fsrs({relearning_steps:['10m','1h'], w}) bounds w17, w18 */
    static const double w2[FSRS_NW] = {0.25, 1.0, 3.0, 12.0, 6.0, 0.9, 2.5, 0.01, 1.7, 0.15, 0.85,
                                       1.6,  0.07, 0.28, 1.5, 0.5, 2.0, 1.2, 0.9, 0.12, 0.3};
    p = defaults(1);
    memcpy(p.w, w2, sizeof w2);
    p.relearning_steps = 2;
    assert_int_equal(fsrs_params_prepare(&p, NULL), LP_OK);
    close_to(p.cw[17], 0.55716487, "w17 ceiling");
    close_to(p.cw[18], 0.55716487, "w18 ceiling");
    p.relearning_steps = 1;
    assert_int_equal(fsrs_params_prepare(&p, NULL), LP_OK);
    close_to(p.cw[17], 1.2, "w17 with one relearning step");
}

static void test_prepare_validation(void **state)
{
    (void)state;
    struct lp_err err = {0};
    struct fsrs_params p = defaults(1);
    p.retention = 0;
    assert_int_equal(fsrs_params_prepare(&p, &err), LP_EINVAL);
    assert_non_null(strstr(err.msg, "retention"));
    p.retention = 1.01;
    assert_int_equal(fsrs_params_prepare(&p, NULL), LP_EINVAL);
    p.retention = NAN;
    assert_int_equal(fsrs_params_prepare(&p, NULL), LP_EINVAL);
    p.retention = 1;   /* ts-fsrs accepts 1 */
    assert_int_equal(fsrs_params_prepare(&p, NULL), LP_OK);
    p.max_interval = 0;
    assert_int_equal(fsrs_params_prepare(&p, &err), LP_EINVAL);
    assert_non_null(strstr(err.msg, "interval"));
    p.max_interval = 36501;
    assert_int_equal(fsrs_params_prepare(&p, NULL), LP_EINVAL);
    p.max_interval = 100;
    p.w[3] = INFINITY;
    assert_int_equal(fsrs_params_prepare(&p, &err), LP_EINVAL);
    assert_non_null(strstr(err.msg, "w3"));
}

static void test_parse(void **state)
{
    (void)state;
    struct lp_err err = {0};
    struct fsrs_params p = defaults(1);
    const char *csv = "0.3,1.1, 2.9 ,10.5,6.8,0.6,2.7,0.02,1.6,0.2,0.9,1.7,0.08,0.3,1.4,0.45,2.1,"
                      "0.7,0.2,0.1,0.25";
    assert_int_equal(fsrs_params_parse(csv, &p, &err), LP_OK);
    assert_true(p.w[2] == 2.9 && p.w[20] == 0.25 && p.cw[20] == 0.25);
    close_to(p.decay, -0.25, "decay follows w20");
    assert_true(p.retention == 0.9);   /* other fields kept */

    /* FSRS-5's 19 weights: fsrs({w: 19 numbers}) fills w19 = 0 (clamped to 0.01), w20 = 0.5 */
    const char *w5 = "0.40255,1.18385,3.173,15.69105,7.1949,0.5345,1.4604,0.0046,1.54575,0.1192,"
                     "1.01925,1.9395,0.11,0.29605,2.2698,0.2315,2.9898,0.51655,0.6621";
    assert_int_equal(fsrs_params_parse(w5, &p, &err), LP_OK);
    assert_true(p.w[19] == 0 && p.w[20] == 0.5);
    close_to(p.cw[19], 0.01, "w19");
    close_to(p.cw[18], 0.6621, "w18");

    static const char *bad[] = {
        "",  "1,2,3",  "0.3,1.1,2.9,10.5,6.8,0.6,2.7,0.02,1.6,0.2,0.9,1.7,0.08,0.3,1.4,0.45,2.1,0.7,0.2,0.1",
        "0.3,1.1,2.9,10.5,6.8,0.6,2.7,0.02,1.6,0.2,0.9,1.7,0.08,0.3,1.4,0.45,2.1,0.7,0.2,0.1,0.25,1",
        "0.3,x,2.9,10.5,6.8,0.6,2.7,0.02,1.6,0.2,0.9,1.7,0.08,0.3,1.4,0.45,2.1,0.7,0.2,0.1,0.25",
        "0.3,nan,2.9,10.5,6.8,0.6,2.7,0.02,1.6,0.2,0.9,1.7,0.08,0.3,1.4,0.45,2.1,0.7,0.2,0.1,0.25",
        "0.3,1.1,2.9,10.5,6.8,0.6,2.7,0.02,1.6,0.2,0.9,1.7,0.08,0.3,1.4,0.45,2.1,0.7,0.2,0.1,0.25,",
        "0.3;1.1;2.9",
    };
    struct fsrs_params before = p;
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        err.msg[0] = '\0';
        assert_int_equal(fsrs_params_parse(bad[i], &p, &err), LP_EINVAL);
        assert_true(err.msg[0] != '\0');
        assert_memory_equal(p.w, before.w, sizeof p.w);   /* untouched on error */
    }
    assert_int_equal(fsrs_params_parse("0.3,x,2.9", &p, &err), LP_EINVAL);
    assert_non_null(strstr(err.msg, "field 2"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_defaults),
        cmocka_unit_test(test_interval_modifier),
        cmocka_unit_test(test_init),
        cmocka_unit_test(test_retrievability),
        cmocka_unit_test(test_next_difficulty),
        cmocka_unit_test(test_stability_formulas),
        cmocka_unit_test(test_next_dispatch),
        cmocka_unit_test(test_next_all_matches_next),
        cmocka_unit_test(test_interval),
        cmocka_unit_test(test_js_rounding),
        cmocka_unit_test(test_clamping),
        cmocka_unit_test(test_prepare_validation),
        cmocka_unit_test(test_parse),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
