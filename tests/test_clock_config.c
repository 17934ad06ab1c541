/*
 * test_clock_config.c - --now parsing, study days with a rollover hour, and the
 * strict config file.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <time.h>

#include "clock.h"
#include "config.h"
#include "testutil.h"

static void test_parse_unix_and_iso(void **state)
{
    (void)state;
    int64_t t;
    assert_int_equal(clock_parse("1767225600", &t, NULL), LP_OK);
    assert_int_equal(t, 1767225600);
    assert_int_equal(clock_parse("2026-01-01T00:00:00Z", &t, NULL), LP_OK);
    assert_int_equal(t, 1767225600);
    assert_int_equal(clock_parse("2026-01-01T01:30+01:30", &t, NULL), LP_OK);
    assert_int_equal(t, 1767225600);
    setenv("TZ", "UTC", 1);
    tzset();
    assert_int_equal(clock_parse("2026-01-01", &t, NULL), LP_OK);
    assert_int_equal(t, 1767225600);
    struct lp_err err = {0};
    assert_int_equal(clock_parse("2026-02-30", &t, &err), LP_EINVAL);
    assert_non_null(strstr(err.msg, "2026-02-30"));
    assert_int_equal(clock_parse("yesterday", &t, NULL), LP_EINVAL);
    assert_int_equal(clock_parse("2026-01-01T25:00", &t, NULL), LP_EINVAL);
}

static void test_study_day_rollover_local(void **state)
{
    (void)state;
    setenv("TZ", "America/New_York", 1);
    tzset();
    int64_t t;
    /* 01:30 local on 2 Jan counts for 1 Jan with a 04:00 rollover. */
    assert_int_equal(clock_parse("2026-01-02T01:30", &t, NULL), LP_OK);
    assert_int_equal(clock_day(t, 4), clock_days_from_civil(2026, 1, 1));
    assert_int_equal(clock_day(t, 0), clock_days_from_civil(2026, 1, 2));
    /* ...while in UTC it is already 06:30 on 2 Jan. */
    assert_int_equal(clock_utc_day(t), clock_days_from_civil(2026, 1, 2));
    int64_t start = clock_day_start(clock_days_from_civil(2026, 1, 2), 4);
    assert_int_equal(clock_parse("2026-01-02T04:00", &t, NULL), LP_OK);
    assert_int_equal(start, t);
    char buf[11];
    clock_day_str(clock_days_from_civil(2026, 11, 23), buf);
    assert_string_equal(buf, "2026-11-23");
    setenv("TZ", "UTC", 1);
    tzset();
}

static char dir[256];

static void test_config_defaults_and_file(void **state)
{
    (void)state;
    struct config c;
    struct lp_err err = {0};
    tu_tempdir(dir, sizeof dir);
    config_defaults(&c);
    assert_int_equal(config_load("/nonexistent/config.yaml", &c, &err), LP_OK);
    assert_int_equal(c.new_per_day, 10);
    assert_int_equal(c.n_learn, 2);
    tu_write(dir, "config.yaml",
             "retention: 0.85\nlearning_steps: 30s 5m 1h\nrelearning_steps: []\n"
             "new_per_day: 25\nfuzz: false\nrollover_hour: 2\n");
    char path[400];
    snprintf(path, sizeof path, "%s/config.yaml", dir);
    assert_int_equal(config_load(path, &c, &err), LP_OK);
    assert_true(c.retention == 0.85);
    assert_int_equal(c.n_learn, 3);
    assert_int_equal(c.learn_steps[0], 30);
    assert_int_equal(c.learn_steps[2], 3600);
    assert_int_equal(c.n_relearn, 0);
    assert_int_equal(c.new_per_day, 25);
    assert_int_equal(c.fuzz, 0);
    assert_int_equal(c.rollover_hour, 2);
    tu_rmrf(dir);
}

static void test_config_errors_name_place(void **state)
{
    (void)state;
    struct config c;
    struct lp_err err = {0};
    char path[400];
    tu_tempdir(dir, sizeof dir);
    snprintf(path, sizeof path, "%s/config.yaml", dir);
    config_defaults(&c);
    tu_write(dir, "config.yaml", "retention: 0.9\nnew_per_dya: 20\n");
    assert_int_equal(config_load(path, &c, &err), LP_EPARSE);
    char want[600];
    snprintf(want, sizeof want, "%s:2:1: unknown setting 'new_per_dya'", path);
    assert_memory_equal(err.msg, want, strlen(want));
    tu_write(dir, "config.yaml", "new_per_day: 5\nretention: 1.5\n");
    assert_int_equal(config_load(path, &c, &err), LP_EPARSE);
    snprintf(want, sizeof want, "%s:2:12: retention must be between 0.70 and 0.99", path);
    assert_string_equal(err.msg, want);
    assert_int_equal(c.new_per_day, 10); /* nothing from a bad file is applied */
    tu_write(dir, "config.yaml", "learning_steps: 1m 10x\n");
    assert_int_equal(config_load(path, &c, &err), LP_EPARSE);
    tu_write(dir, "config.yaml", "retention: [0.9\n");
    assert_int_equal(config_load(path, &c, &err), LP_EPARSE);
    assert_non_null(strstr(err.msg, "YAML syntax error"));
    tu_rmrf(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_unix_and_iso),
        cmocka_unit_test(test_study_day_rollover_local),
        cmocka_unit_test(test_config_defaults_and_file),
        cmocka_unit_test(test_config_errors_name_place),
    };
    return cmocka_run_group_tests_name("clock and config", tests, NULL, NULL);
}
