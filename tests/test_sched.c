/*
 * test_sched.c - the card scheduler: ts-fsrs golden answers, learning and
 * relearning steps, fuzz, retention, maximum interval, leeches, preview, study-day
 * rollover, interval labels and configuration.
 *
 * Fixtures (tests/fixtures/fsrs/, made by tests/tools/fsrs/make_fixtures.sh with
 * ts-fsrs's default scheduler, enable_short_term true, fuzz off, UTC days):
 *   sched_default.tsv  default weights, retention 0.9, steps 1m 10m / 10m
 *   sched_custom.tsv   retention 0.85, max 365, steps 5m 30m 1d / 10m 1h and
 *                      weights whose w17, w18 exceed the two-relearning-step ceiling
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

#include "clock.h"
#include "fsrs.h"
#include "sched.h"
#include "testutil.h"

#define DAY 86400
#define T0 1735732800   /* 2025-01-01 12:00 UTC */

static struct sched_config plain(void)
{
    struct sched_config c;
    sched_default_config(&c);
    c.days = SCHED_DAYS_UTC;
    c.rollover_hour = 0;
    c.fuzz = 0;
    assert_int_equal(sched_config_prepare(&c, NULL), LP_OK);
    return c;
}

static struct sched_result answer(const struct sched_config *c, const struct sched_card *card,
                                  int64_t now, int grade)
{
    struct sched_result r;
    struct lp_err err = {0};
    if (sched_answer(c, card, now, grade, &r, &err) != LP_OK)
        fail_msg("sched_answer: %s", err.msg);
    return r;
}

static struct sched_card review_card(int64_t id, double s, double d, int64_t last, int64_t due)
{
    struct sched_card card;
    sched_card_new(&card, id, last);
    card.state = SCHED_REVIEW;
    card.s = s;
    card.d = d;
    card.last_review = last;
    card.due = due;
    card.reps = 5;
    return card;
}

/* ---- golden answers from ts-fsrs ---------------------------------------------- */

struct golden {
    long long id, t, due;
    int grade, state, sched_days, step, reps, lapses, elapsed;
    double s, d;
};

static int rel_ok(double got, double want)
{
    return fabs(got - want) <= 1e-9 * fabs(want);
}

static void check_golden(const struct sched_result *r, const struct golden *g, int line)
{
    const struct sched_card *c = &r->card;
    if ((int)c->state != g->state || !rel_ok(c->s, g->s) || !rel_ok(c->d, g->d) ||
        r->scheduled_days != g->sched_days || c->due != g->due || c->step != g->step ||
        c->reps != g->reps || c->lapses != g->lapses || r->elapsed_days != g->elapsed) {
        print_error("line %d (card %lld, t %lld, grade %d):\n"
                    "  got  state %d S %.17g D %.17g ivl %d due %lld step %d reps %d lapses %d elapsed %d\n"
                    "  want state %d S %.17g D %.17g ivl %d due %lld step %d reps %d lapses %d elapsed %d\n",
                    line, g->id, g->t, g->grade, (int)c->state, c->s, c->d, r->scheduled_days,
                    (long long)c->due, c->step, c->reps, c->lapses, r->elapsed_days, g->state,
                    g->s, g->d, g->sched_days, g->due, g->step, g->reps, g->lapses, g->elapsed);
        fail();
    }
}

static void run_golden(const struct sched_config *c, const char *name, int min_lines)
{
    char *text = tu_fixture(name, NULL), *save = NULL;
    struct sched_card cards[64];
    int known[64] = {0}, lines = 0, seen_state[4] = {0};
    for (char *line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        if (line[0] == '#')
            continue;
        struct golden g;
        int n = sscanf(line, "%lld %lld %d %d %lf %lf %d %lld %d %d %d %d", &g.id, &g.t, &g.grade,
                       &g.state, &g.s, &g.d, &g.sched_days, &g.due, &g.step, &g.reps, &g.lapses,
                       &g.elapsed);
        assert_int_equal(n, 12);
        assert_true(g.id > 0 && g.id < 64);
        if (!known[g.id]) {
            sched_card_new(&cards[g.id], g.id, g.t);
            known[g.id] = 1;
        }
        struct sched_result r = answer(c, &cards[g.id], g.t, g.grade);
        check_golden(&r, &g, ++lines);
        seen_state[r.state_before]++;
        cards[g.id] = r.card;
    }
    free(text);
    assert_true(lines >= min_lines);
    for (int s = 0; s < 4; s++)   /* the fixture exercised every state */
        assert_true(seen_state[s] > 0);
}

static void test_golden_default(void **state)
{
    (void)state;
    struct sched_config c = plain();
    run_golden(&c, "sched_default.tsv", 1200);
}

static void test_golden_custom(void **state)
{
    (void)state;
    struct sched_config c = plain();
    c.fsrs.retention = 0.85;
    c.fsrs.max_interval = 365;
    assert_int_equal(fsrs_params_parse("0.25,1.0,3.0,12.0,6.0,0.9,2.5,0.01,1.7,0.15,0.85,1.6,0.07,"
                                       "0.28,1.5,0.5,2.0,1.2,0.9,0.12,0.3", &c.fsrs, NULL), LP_OK);
    assert_int_equal(sched_parse_steps("5m 30m 1d", c.learn_steps, &c.n_learn, NULL), LP_OK);
    assert_int_equal(sched_parse_steps("10m,1h", c.relearn_steps, &c.n_relearn, NULL), LP_OK);
    assert_int_equal(sched_config_prepare(&c, NULL), LP_OK);
    assert_true(c.fsrs.cw[17] < 0.56);   /* the ceiling for two relearning steps applied */
    run_golden(&c, "sched_custom.tsv", 750);
}

/* ---- steps -------------------------------------------------------------------- */

static void test_learning_steps(void **state)
{
    (void)state;
    struct sched_config c = plain();
    struct sched_card card;
    sched_card_new(&card, 1, T0);

    struct sched_result again = answer(&c, &card, T0, 1);
    assert_int_equal(again.card.state, SCHED_LEARNING);
    assert_int_equal(again.card.step, 0);
    assert_int_equal(again.delay, 60);
    assert_int_equal(again.scheduled_days, 0);

    struct sched_result hard = answer(&c, &card, T0, 2);   /* (1m + 10m) / 2 = 5.5m -> 6m */
    assert_int_equal(hard.card.state, SCHED_LEARNING);
    assert_int_equal(hard.card.step, 0);
    assert_int_equal(hard.delay, 360);

    struct sched_result good = answer(&c, &card, T0, 3);
    assert_int_equal(good.card.state, SCHED_LEARNING);
    assert_int_equal(good.card.step, 1);
    assert_int_equal(good.delay, 600);
    assert_true(good.card.s == 2.3065);   /* S0(Good) */

    struct sched_result easy = answer(&c, &card, T0, 4);   /* straight to Review: S0 = 8.2956 */
    assert_int_equal(easy.card.state, SCHED_REVIEW);
    assert_int_equal(easy.scheduled_days, 8);
    assert_int_equal(easy.due, T0 + 8 * DAY);
    assert_int_equal(easy.card.reps, 1);

    /* Second step: Hard repeats (still 6m), Good graduates with an FSRS interval. */
    int64_t t1 = T0 + 600;
    struct sched_result hard2 = answer(&c, &good.card, t1, 2);
    assert_int_equal(hard2.card.state, SCHED_LEARNING);
    assert_int_equal(hard2.card.step, 1);
    assert_int_equal(hard2.delay, 360);
    struct sched_result again2 = answer(&c, &good.card, t1, 1);
    assert_int_equal(again2.card.step, 0);
    assert_int_equal(again2.delay, 60);
    struct sched_result grad = answer(&c, &good.card, t1, 3);
    assert_int_equal(grad.card.state, SCHED_REVIEW);
    assert_int_equal(grad.card.step, 0);
    assert_true(grad.card.s == fsrs_short_term_stability(&c.fsrs, 2.3065, 3));   /* same day */
    assert_int_equal(grad.scheduled_days, fsrs_interval(&c.fsrs, grad.card.s));
    assert_int_equal(grad.due, t1 + (int64_t)grad.scheduled_days * DAY);
    assert_int_equal(grad.card.reps, 2);
    assert_int_equal(grad.state_before, SCHED_LEARNING);
    assert_int_equal(grad.state_after, SCHED_REVIEW);
    assert_true(grad.s_before == 2.3065 && grad.s_after == grad.card.s);
}

static void test_relearning(void **state)
{
    (void)state;
    struct sched_config c = plain();
    struct sched_card card = review_card(2, 20, 5, T0, T0 + 20 * DAY);
    int64_t now = T0 + 20 * DAY;
    struct sched_result lapse = answer(&c, &card, now, 1);
    assert_int_equal(lapse.card.state, SCHED_RELEARNING);
    assert_int_equal(lapse.card.lapses, 1);
    assert_int_equal(lapse.delay, 600);
    assert_int_equal(lapse.scheduled_days, 0);
    assert_int_equal(lapse.elapsed_days, 20);
    assert_true(lapse.card.s < 20);
    assert_true(lapse.card.d > 5);
    assert_true(lapse.r_before > 0.89 && lapse.r_before < 0.91);   /* reviewed at S days */

    struct sched_result hard = answer(&c, &lapse.card, now + 600, 2);   /* one step: 1.5 x 10m */
    assert_int_equal(hard.card.state, SCHED_RELEARNING);
    assert_int_equal(hard.delay, 900);
    struct sched_result good = answer(&c, &lapse.card, now + 600, 3);
    assert_int_equal(good.card.state, SCHED_REVIEW);
    assert_int_equal(good.card.lapses, 1);
    assert_true(good.scheduled_days >= 1);

    /* Without relearning steps a lapse goes straight back to Review. */
    c.n_relearn = 0;
    assert_int_equal(sched_config_prepare(&c, NULL), LP_OK);
    struct sched_result direct = answer(&c, &card, now, 1);
    assert_int_equal(direct.card.state, SCHED_REVIEW);
    assert_int_equal(direct.card.lapses, 1);
    assert_int_equal(direct.scheduled_days, fsrs_interval(&c.fsrs, direct.card.s));
}

static void test_review_order_and_same_day(void **state)
{
    (void)state;
    struct sched_config c = plain();
    struct sched_card card = review_card(3, 30, 6, T0, T0 + 30 * DAY);
    struct sched_result out[4];
    assert_int_equal(sched_preview(&c, &card, T0 + 35 * DAY, out, NULL), LP_OK);
    assert_true(out[1].scheduled_days < out[2].scheduled_days);
    assert_true(out[2].scheduled_days < out[3].scheduled_days);
    for (int g = 1; g < 4; g++)
        assert_int_equal(out[g].card.state, SCHED_REVIEW);
    /* A second look the same day uses the short-term formula. */
    struct sched_result same = answer(&c, &card, T0 + 3600, 3);
    assert_int_equal(same.elapsed_days, 0);
    assert_true(same.card.s == fsrs_short_term_stability(&c.fsrs, 30, 3));
    /* A clock that went backwards counts as the same day, not an error. */
    struct sched_result back = answer(&c, &card, T0 - 3 * DAY, 3);
    assert_int_equal(back.elapsed_days, 0);
}

/* ---- fuzz ------------------------------------------------------------------------ */

/* ts-fsrs's get_fuzz_range, written out again for the test. */
static void fuzz_bounds(int ivl, int elapsed, int max, int *lo, int *hi)
{
    double delta = 1.0 + 0.15 * fmax(fmin(ivl, 7.0) - 2.5, 0) + 0.1 * fmax(fmin(ivl, 20.0) - 7.0, 0) +
                   0.05 * fmax(ivl - 20.0, 0);
    double x = ivl < max ? ivl : max;
    int a = (int)floor(x - delta + 0.5), b = (int)floor(x + delta + 0.5);
    if (a < 2)
        a = 2;
    if (b > max)
        b = max;
    if (x > elapsed && a < elapsed + 1)
        a = elapsed + 1;
    *lo = a < b ? a : b;
    *hi = b;
}

static void test_fuzz(void **state)
{
    (void)state;
    struct sched_config off = plain(), on = plain();
    on.fuzz = 1;
    on.fuzz_seed = 42;
    assert_int_equal(sched_config_prepare(&on, NULL), LP_OK);
    int64_t now = T0 + 40 * DAY;
    int distinct[4000] = {0}, n_distinct = 0, changed_by_seed = 0, changed_by_reps = 0;
    for (int64_t id = 1; id <= 300; id++) {
        struct sched_card card = review_card(id, 40, 5, T0, now);
        struct sched_result plain_out[4], a[4], b[4];
        assert_int_equal(sched_preview(&off, &card, now, plain_out, NULL), LP_OK);
        assert_int_equal(sched_preview(&on, &card, now, a, NULL), LP_OK);
        assert_int_equal(sched_preview(&on, &card, now, b, NULL), LP_OK);
        for (int g = 2; g <= 4; g++) {
            int lo, hi;
            fuzz_bounds(fsrs_interval(&on.fsrs, plain_out[g - 1].card.s), 40, 36500, &lo, &hi);
            int got = a[g - 1].scheduled_days;
            if (g == 3 && (got < lo || got > hi))
                fail_msg("card %lld: good %d outside [%d, %d]", (long long)id, got, lo, hi);
            assert_int_equal(got, b[g - 1].scheduled_days);   /* reproducible */
            assert_true(a[g - 1].card.s == plain_out[g - 1].card.s);   /* memory unchanged */
        }
        assert_true(a[1].scheduled_days < a[2].scheduled_days);   /* order survives fuzz */
        assert_true(a[2].scheduled_days < a[3].scheduled_days);
        int good = a[2].scheduled_days;
        if (good < 4000 && !distinct[good]++)
            n_distinct++;
        struct sched_config other = on;
        other.fuzz_seed = 43;
        struct sched_result o[4];
        assert_int_equal(sched_preview(&other, &card, now, o, NULL), LP_OK);
        changed_by_seed += o[2].scheduled_days != good;
        /* reps feed the hash: the next repetition draws again */
        card.reps++;
        struct sched_result r2[4];
        assert_int_equal(sched_preview(&on, &card, now, r2, NULL), LP_OK);
        changed_by_reps += r2[2].scheduled_days != good;
    }
    assert_true(n_distinct >= 8);         /* spread over the range, not one value */
    assert_true(changed_by_seed > 100);   /* the seed matters */
    assert_true(changed_by_reps > 100);   /* and so do the card's reps */

    /* Short intervals (< 2.5 days) are never fuzzed. */
    struct sched_card young = review_card(7, 1.2, 5, T0, T0 + DAY);
    struct sched_result y_on[4], y_off[4];
    assert_int_equal(sched_preview(&on, &young, T0 + DAY, y_on, NULL), LP_OK);
    assert_int_equal(sched_preview(&off, &young, T0 + DAY, y_off, NULL), LP_OK);
    assert_int_equal(y_on[0].scheduled_days, y_off[0].scheduled_days);
    if (y_off[1].scheduled_days <= 2)
        assert_int_equal(y_on[1].scheduled_days, y_off[1].scheduled_days);
}

/* ---- retention, maximum interval ------------------------------------------------- */

static void review_intervals(double retention, int max_interval, int out[4])
{
    struct sched_config c = plain();
    c.fsrs.retention = retention;
    c.fsrs.max_interval = max_interval;
    assert_int_equal(sched_config_prepare(&c, NULL), LP_OK);
    struct sched_card card = review_card(9, 50, 5, T0, T0 + 50 * DAY);
    struct sched_result r[4];
    assert_int_equal(sched_preview(&c, &card, T0 + 50 * DAY, r, NULL), LP_OK);
    for (int g = 0; g < 4; g++)
        out[g] = r[g].scheduled_days;
}

static void test_retention_and_max(void **state)
{
    (void)state;
    int r80[4], r90[4], r95[4], capped[4];
    review_intervals(0.80, 36500, r80);
    review_intervals(0.90, 36500, r90);
    review_intervals(0.95, 36500, r95);
    assert_true(r80[2] > r90[2] && r90[2] > r95[2]);
    assert_true(r80[2] > 2 * r95[2]);
    assert_true(r80[1] > r95[1] && r80[3] > r95[3]);

    /* A cap between Hard and Good: Good gets the cap, Easy one more day (ts-fsrs
     * keeps Easy above Good), Hard is untouched. */
    int cap = (r90[1] + r90[2]) / 2;
    assert_true(cap > r90[1] && cap < r90[2]);
    review_intervals(0.90, cap, capped);
    assert_int_equal(capped[1], r90[1]);
    assert_int_equal(capped[2], cap);
    assert_int_equal(capped[3], cap + 1);

    /* A cap below Hard: Hard is capped and ts-fsrs still orders Good and Easy
     * above it (cap + 1, cap + 2), a quirk kept for identical results. */
    review_intervals(0.90, 30, capped);
    assert_true(r90[1] > 30);
    assert_int_equal(capped[1], 30);
    assert_int_equal(capped[2], 31);
    assert_int_equal(capped[3], 32);
}

/* ---- leeches ---------------------------------------------------------------------- */

static void test_leech(void **state)
{
    (void)state;
    struct sched_config c = plain();
    struct sched_card card = review_card(11, 10, 5, T0, T0 + 10 * DAY);
    int64_t now = T0 + 10 * DAY;
    for (int lapse = 1; lapse <= 13; lapse++) {
        struct sched_result r = answer(&c, &card, now, 1);
        assert_int_equal(r.card.lapses, lapse);
        int want = lapse == 8 || lapse == 12;   /* at 8, then every 8/2 lapses */
        if (r.leech != want)
            fail_msg("lapse %d: leech %d", lapse, r.leech);
        now += 600;
        struct sched_result back = answer(&c, &r.card, now, 3);   /* relearn -> review */
        assert_int_equal(back.leech, 0);
        card = back.card;
        now = card.due;
    }
    c.leech_threshold = 0;
    assert_int_equal(sched_config_prepare(&c, NULL), LP_OK);
    card.lapses = 7;
    assert_int_equal(answer(&c, &card, now, 1).leech, 0);
}

/* ---- preview ---------------------------------------------------------------------- */

static void same_result(const struct sched_result *a, const struct sched_result *b)
{
    assert_int_equal(a->card.state, b->card.state);
    assert_true(a->card.s == b->card.s && a->card.d == b->card.d);
    assert_int_equal(a->card.due, b->card.due);
    assert_int_equal(a->card.step, b->card.step);
    assert_int_equal(a->card.reps, b->card.reps);
    assert_int_equal(a->card.lapses, b->card.lapses);
    assert_int_equal(a->scheduled_days, b->scheduled_days);
    assert_int_equal(a->elapsed_days, b->elapsed_days);
    assert_int_equal(a->delay, b->delay);
    assert_int_equal(a->leech, b->leech);
    assert_int_equal(a->grade, b->grade);
}

static void test_preview_matches_answer(void **state)
{
    (void)state;
    struct sched_config c;
    sched_default_config(&c);   /* fuzz on, local days */
    struct sched_card cards[4];
    sched_card_new(&cards[0], 21, T0);
    cards[1] = answer(&c, &cards[0], T0, 3).card;                      /* learning */
    cards[2] = review_card(22, 33, 7, T0, T0 + 33 * DAY);              /* review */
    cards[3] = answer(&c, &cards[2], T0 + 40 * DAY, 1).card;           /* relearning */
    assert_int_equal(cards[1].state, SCHED_LEARNING);
    assert_int_equal(cards[3].state, SCHED_RELEARNING);
    for (int i = 0; i < 4; i++) {
        int64_t now = cards[i].due + 120;
        struct sched_result pv[4];
        assert_int_equal(sched_preview(&c, &cards[i], now, pv, NULL), LP_OK);
        for (int g = 1; g <= 4; g++) {
            struct sched_result one = answer(&c, &cards[i], now, g);
            same_result(&pv[g - 1], &one);
            assert_int_equal(pv[g - 1].state_before, cards[i].state);
        }
    }
}

/* ---- study days ------------------------------------------------------------------- */

static void test_rollover(void **state)
{
    (void)state;
    const char *old = getenv("TZ");
    char *saved = old ? strdup(old) : NULL;
    setenv("TZ", "LPT-2", 1);   /* a fixed zone two hours east of UTC */
    tzset();
    struct sched_config c;
    sched_default_config(&c);
    c.fuzz = 0;
    assert_int_equal(c.rollover_hour, 4);
    assert_int_equal(c.days, SCHED_DAYS_LOCAL);
    int64_t evening = 1741629600;   /* 2025-03-10 20:00 local = 18:00Z */
    int64_t night = 1741649400;     /* 2025-03-11 01:30 local = 23:30Z */
    int64_t morning = 1741658400;   /* 2025-03-11 04:00 local */
    assert_int_equal(sched_day(&c, night), sched_day(&c, evening));
    assert_int_equal(sched_day(&c, morning - 1), sched_day(&c, evening));
    assert_int_equal(sched_day(&c, morning), sched_day(&c, evening) + 1);
    assert_int_equal(sched_day(&c, evening), clock_days_from_civil(2025, 3, 10));

    struct sched_card card = review_card(31, 10, 5, evening, evening + DAY);
    struct sched_result late = answer(&c, &card, night, 3);
    assert_int_equal(late.elapsed_days, 0);                        /* the evening before */
    assert_true(late.card.s == fsrs_short_term_stability(&c.fsrs, 10, 3));

    c.rollover_hour = 0;
    assert_int_equal(sched_config_prepare(&c, NULL), LP_OK);
    struct sched_result next_day = answer(&c, &card, night, 3);
    assert_int_equal(next_day.elapsed_days, 1);                    /* local midnight passed */
    assert_true(next_day.card.s > late.card.s);

    c.days = SCHED_DAYS_UTC;                                       /* same UTC date */
    assert_int_equal(sched_config_prepare(&c, NULL), LP_OK);
    assert_int_equal(answer(&c, &card, night, 3).elapsed_days, 0);

    if (saved) {
        setenv("TZ", saved, 1);
        free(saved);
    } else {
        unsetenv("TZ");
    }
    tzset();
}

/* ---- labels and configuration ----------------------------------------------------- */

static void test_format_interval(void **state)
{
    (void)state;
    static const struct { int64_t secs; const char *want; } cases[] = {
        {-5, "0s"},        {0, "0s"},           {45, "45s"},          {60, "1m"},
        {600, "10m"},      {3599, "60m"},       {3600, "1h"},         {5400, "1.5h"},
        {86399, "24h"},    {DAY, "1d"},         {2 * DAY, "2d"},      {29 * DAY, "29d"},
        {30 * DAY, "1mo"}, {106 * DAY, "3.5mo"}, {364 * DAY, "12mo"}, {365 * DAY, "1y"},
        {438 * DAY, "1.2y"}, {36500LL * DAY, "100y"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char buf[16];
        int n = sched_format_interval(cases[i].secs, buf, sizeof buf);
        if (strcmp(buf, cases[i].want) != 0 || n != (int)strlen(buf))
            fail_msg("%lld s: got '%s', want '%s'", (long long)cases[i].secs, buf, cases[i].want);
    }
    char tiny[3];
    assert_int_equal(sched_format_interval(600, tiny, sizeof tiny), 3);
    assert_string_equal(tiny, "10");   /* truncated like snprintf */
}

static void test_config(void **state)
{
    (void)state;
    struct lp_err err = {0};
    struct sched_config c;
    sched_default_config(&c);
    assert_int_equal(c.n_learn, 2);
    assert_int_equal(c.learn_steps[0], 60);
    assert_int_equal(c.learn_steps[1], 600);
    assert_int_equal(c.n_relearn, 1);
    assert_int_equal(c.relearn_steps[0], 600);
    assert_int_equal(c.leech_threshold, 8);
    assert_int_equal(c.fuzz, 1);
    assert_int_equal(c.fsrs.max_interval, 36500);
    assert_int_equal(c.fsrs.short_term, 1);

    static const double bad_r[] = {0.69, 0.995, 1.0, 0.0};
    for (size_t i = 0; i < 4; i++) {
        c.fsrs.retention = bad_r[i];
        assert_int_equal(sched_config_prepare(&c, &err), LP_EINVAL);
        assert_non_null(strstr(err.msg, "retention"));
    }
    c.fsrs.retention = 0.70;
    assert_int_equal(sched_config_prepare(&c, NULL), LP_OK);
    c.fsrs.retention = 0.99;
    assert_int_equal(sched_config_prepare(&c, NULL), LP_OK);
    c.rollover_hour = 24;
    assert_int_equal(sched_config_prepare(&c, &err), LP_EINVAL);
    assert_non_null(strstr(err.msg, "rollover"));
    c.rollover_hour = 4;
    c.learn_steps[0] = 0;
    assert_int_equal(sched_config_prepare(&c, &err), LP_EINVAL);
    assert_non_null(strstr(err.msg, "learning steps"));
    c.learn_steps[0] = 60;
    c.n_relearn = SCHED_MAX_STEPS + 1;
    assert_int_equal(sched_config_prepare(&c, &err), LP_EINVAL);

    int steps[SCHED_MAX_STEPS], n = -1;
    assert_int_equal(sched_parse_steps("1m 10m", steps, &n, NULL), LP_OK);
    assert_int_equal(n, 2);
    assert_true(steps[0] == 60 && steps[1] == 600);
    assert_int_equal(sched_parse_steps(" 30s,5m, 1h 1d ", steps, &n, NULL), LP_OK);
    assert_int_equal(n, 4);
    assert_true(steps[0] == 30 && steps[1] == 300 && steps[2] == 3600 && steps[3] == DAY);
    assert_int_equal(sched_parse_steps("", steps, &n, NULL), LP_OK);
    assert_int_equal(n, 0);
    static const char *bad[] = {"10x", "0m", "m", "1m10m", "366d", "-1m", "1m 2m 3m 4m 5m 6m 7m 8m 9m 10m 11m"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        n = -1;
        err.msg[0] = '\0';
        assert_int_equal(sched_parse_steps(bad[i], steps, &n, &err), LP_EINVAL);
        assert_int_equal(n, -1);
        assert_true(err.msg[0] != '\0');
    }
}

/* Fuzz for deadlines: downwards only, spread, repeatable. */
static void test_fuzz_down(void **state)
{
    (void)state;
    struct sched_config c;
    struct sched_card card = {0};
    sched_default_config(&c); /* fuzz on */
    card.reps = 4;
    int seen[21] = {0}, distinct = 0;
    for (int64_t id = 1; id <= 1000; id++) {
        card.id = id;
        int d = sched_fuzz_down(&c, &card, 20);
        assert_true(d >= 17 && d <= 20); /* 20's fuzz range is 17-23: the lower part */
        assert_int_equal(sched_fuzz_down(&c, &card, 20), d);
        distinct += !seen[d]++;
    }
    assert_int_equal(distinct, 4); /* every day of 17..20 is used */
    for (int d = 17; d <= 20; d++)
        assert_true(seen[d] > 150); /* roughly evenly: about 250 each */
    card.id = 7;
    assert_int_equal(sched_fuzz_down(&c, &card, 2), 2); /* too short to spread */
    assert_int_equal(sched_fuzz_down(&c, &card, 1), 1);
    c.fuzz = 0;
    assert_int_equal(sched_fuzz_down(&c, &card, 20), 20);
}

static void test_bad_answers(void **state)
{
    (void)state;
    struct sched_config c = plain();
    struct sched_card card;
    struct sched_result r;
    memset(&r, 0x5a, sizeof r);
    sched_card_new(&card, 1, T0);
    struct lp_err err = {0};
    assert_int_equal(sched_answer(&c, &card, T0, 0, &r, &err), LP_EINVAL);
    assert_int_equal(sched_answer(&c, &card, T0, 5, &r, &err), LP_EINVAL);
    assert_non_null(strstr(err.msg, "grade"));
    card = review_card(1, 0, 5, T0, T0);   /* S = 0 is no memory */
    assert_int_equal(sched_answer(&c, &card, T0 + DAY, 3, &r, &err), LP_EINVAL);
    assert_int_equal(r.grade, 0x5a5a5a5a);   /* untouched */
    card = review_card(1, 3, 11, T0, T0);
    assert_int_equal(sched_answer(&c, &card, T0 + DAY, 3, &r, &err), LP_EINVAL);
    /* A New card's retrievability is 1, a review card's follows the curve. */
    sched_card_new(&card, 1, T0);
    assert_true(sched_retrievability(&c, &card, T0 + 9 * DAY) == 1);
    card = review_card(1, 10, 5, T0, T0 + 10 * DAY);
    assert_true(fabs(sched_retrievability(&c, &card, T0 + 10 * DAY) - 0.9) < 1e-8);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_golden_default),
        cmocka_unit_test(test_golden_custom),
        cmocka_unit_test(test_learning_steps),
        cmocka_unit_test(test_relearning),
        cmocka_unit_test(test_review_order_and_same_day),
        cmocka_unit_test(test_fuzz),
        cmocka_unit_test(test_retention_and_max),
        cmocka_unit_test(test_leech),
        cmocka_unit_test(test_preview_matches_answer),
        cmocka_unit_test(test_rollover),
        cmocka_unit_test(test_format_interval),
        cmocka_unit_test(test_config),
        cmocka_unit_test(test_fuzz_down),
        cmocka_unit_test(test_bad_answers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
