/*
 * fuzz_answer.c - libFuzzer target for judging typed answers
 * (content_check_answer, content_answer_equal): what a learner types goes
 * straight into it, so it must never crash, and it must keep these promises:
 *  - any typed text is its own exact answer (after the same normalisation), and
 *    an option's text is right for that option, for the texts content may hold
 *    (the loader refuses blank ones and duplicate options);
 *  - content_answer_equal is symmetric;
 *  - a plain decimal ("-12.5", digits only around one optional point) is right for
 *    the number strtod reads from it, and so is the same number grouped in
 *    thousands with commas ("1,234,567.5").
 * The input is split at its first 0x00 byte into two texts a and b.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "content.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void must(int ok, const char *what, const char *a, const char *b)
{
    if (!ok) {
        fprintf(stderr, "%s: a='%s' b='%s'\n", what, a, b ? b : "");
        abort();
    }
}

/* "-?[0-9]+(\.[0-9]+)?" of at most 15 digits. */
static int plain_decimal(const char *s)
{
    const char *p = s + (*s == '-');
    size_t d = strspn(p, "0123456789");
    if (d == 0)
        return 0;
    p += d;
    if (*p == '.') {
        size_t f = strspn(p + 1, "0123456789");
        if (f == 0)
            return 0;
        d += f;
        p += 1 + f;
    }
    return *p == '\0' && d <= 15;
}

/* s's whole part grouped in thousands: "1234567.5" -> "1,234,567.5". */
static void grouped(const char *s, char *out)
{
    const char *p = s + (*s == '-'), *end = p + strspn(p, "0123456789");
    char *o = out;
    if (*s == '-')
        *o++ = '-';
    for (const char *q = p; q < end; q++) {
        *o++ = *q;
        if ((end - q - 1) % 3 == 0 && q + 1 < end)
            *o++ = ',';
    }
    strcpy(o, end);
}

static int blank(const char *s)
{
    return s[strspn(s, " \t\n\r\v\f")] == '\0';
}

static void numbers(const char *a)
{
    if (!plain_decimal(a))
        return;
    char buf[64];
    struct content_check c = {.type = CHECK_NUMBER, .number = strtod(a, NULL), .tolerance = 0};
    must(content_check_answer(&c, a) == 1, "a plain decimal is right for its own value", a, NULL);
    grouped(a, buf);
    must(content_check_answer(&c, buf) == 1, "grouping in thousands changes nothing", a, buf);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *a = malloc(size + 1), *b;
    if (!a)
        return 0;
    memcpy(a, data, size);
    a[size] = '\0';
    size_t la = strlen(a);
    b = la < size ? a + la + 1 : a + size;
    char *accept[] = {b};
    struct content_check ex = {.type = CHECK_EXACT, .exact = a, .accept = accept, .n_accept = 1};
    int r = content_check_answer(&ex, a);
    must(r == 0 || r == 1, "a verdict is 0 or 1", a, b);
    must(content_answer_equal(a, b) == content_answer_equal(b, a), "equality is symmetric", a, b);
    if (!blank(a) && !blank(b)) {
        must(r == 1, "an answer is its own exact answer", a, b);
        must(content_check_answer(&ex, b) == 1, "an accepted answer is right", a, b);
    }
    struct content_check num = {.type = CHECK_NUMBER, .number = 0.5, .tolerance = 1e-9};
    r = content_check_answer(&num, a);
    must(r == 0 || r == 1, "a verdict is 0 or 1", a, b);
    char *opts[] = {a, b};
    struct content_check ch = {.type = CHECK_CHOICE, .options = opts, .n_options = 2, .answer = 1};
    r = content_check_answer(&ch, b);
    must(r == 0 || r == 1, "a verdict is 0 or 1", a, b);
    if (!blank(a) && !blank(b) && !content_answer_equal(a, b))
        must(r == 1, "the right option's text is right", a, b);
    numbers(a);
    free(a);
    return 0;
}
