/*
 * test_text.c - wrapping and cropping by display width, not bytes.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <locale.h>
#include <string.h>

#include "text.h"

static int setup(void **state)
{
    (void)state;
    if (!setlocale(LC_ALL, "C.UTF-8"))
        setlocale(LC_ALL, "en_US.UTF-8");
    return 0;
}

static void test_width_counts_columns(void **state)
{
    (void)state;
    const char *s = "‖x‖₂ = √∑xᵢ²";
    assert_true(strlen(s) > 12);          /* many bytes... */
    assert_int_equal(text_width(s, strlen(s)), 12); /* ...12 columns */
    assert_int_equal(text_width("日本", 6), 4); /* wide characters take two */
}

static void test_wrap_at_spaces_by_width(void **state)
{
    (void)state;
    const char *s = "σ(x) ∈ (0, 1) for every real x";
    struct text_line l[8];
    size_t n = text_wrap(s, 12, l, 8);
    assert_int_equal(n, 3);
    assert_int_equal(l[0].width, 10); /* "σ(x) ∈ (0, 1)" is 13 columns: break before "1)" */
    assert_int_equal(l[1].width, 12); /* "1) for every" */
    char buf[64];
    memcpy(buf, s + l[0].start, l[0].len);
    buf[l[0].len] = '\0';
    assert_string_equal(buf, "σ(x) ∈ (0,");
    for (size_t i = 0; i < n; i++)
        assert_true(l[i].width <= 12);
}

static void test_wrap_keeps_newlines_and_breaks_long_words(void **state)
{
    (void)state;
    struct text_line l[16];
    size_t n = text_wrap("ab\n\ncdefghijklmnop", 5, l, 16);
    assert_int_equal(n, 5); /* "ab", "", "cdefg", "hijkl", "mnop" */
    assert_int_equal(l[1].len, 0);
    assert_int_equal(l[2].len, 5);
    assert_int_equal(l[4].width, 4);
    /* A long run of multi-byte characters is never split inside a character. */
    n = text_wrap("∑∑∑∑∑∑∑", 3, l, 16);
    assert_int_equal(n, 3);
    assert_int_equal(l[0].len, 9);
}

static void test_crop_with_ellipsis(void **state)
{
    (void)state;
    char out[64];
    assert_int_equal(text_crop("λ-regularised loss", 8, 1, out, sizeof out), 8);
    assert_string_equal(out, "λ-regul…");
    assert_int_equal(text_crop("short", 8, 1, out, sizeof out), 5);
    assert_string_equal(out, "short");
    assert_int_equal(text_crop("日本語", 5, 0, out, sizeof out), 4);
    assert_string_equal(out, "日本");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_width_counts_columns),
        cmocka_unit_test(test_wrap_at_spaces_by_width),
        cmocka_unit_test(test_wrap_keeps_newlines_and_breaks_long_words),
        cmocka_unit_test(test_crop_with_ellipsis),
    };
    return cmocka_run_group_tests_name("text", tests, setup, NULL);
}
