/*
 * fuzz_replay.c - libFuzzer target for the `fsrs replay` input parser.
 *
 * The input is split into lines and fed to replay_line() one by one, as
 * replay_run() does, continuing after errors (a stricter test than the command,
 * which stops at the first one).  Each event is formatted with replay_format(),
 * and replay_g17() is compared with printf("%.17g") on the event's S and D.
 * An input starting with 0xFF is instead read as raw doubles for replay_g17(),
 * so the hand-written converter meets NaNs, subnormals and huge values too.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "replay.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void same_as_printf(double x)
{
    char mine[REPLAY_G17_MAX], ref[64];
    size_t n = replay_g17(x, mine);
    int m = snprintf(ref, sizeof ref, "%.17g", x);
    if (n != (size_t)m || n >= REPLAY_G17_MAX || strcmp(mine, ref) != 0) {
        fprintf(stderr, "replay_g17(%a) = '%s', printf gives '%s'\n", x, mine, ref);
        abort();
    }
}

static void doubles(const uint8_t *data, size_t size)
{
    for (size_t i = 0; i + sizeof(double) <= size; i += sizeof(double)) {
        double x;
        memcpy(&x, data + i, sizeof x);
        same_as_printf(x);
    }
}

static void check_event(const struct replay_event *ev, const char *line, size_t len)
{
    char out[REPLAY_OUT_MAX + 1];
    if (ev->grade < 1 || ev->grade > 4 || ev->id < line || ev->id + ev->id_len > line + len ||
        ev->interval < 1 || !(ev->s > 0) || !(ev->d >= 1 && ev->d <= 10))
        abort();
    size_t n = replay_format(ev, out);
    if (n == 0 || n > REPLAY_OUT_MAX || out[n - 1] != '\n')
        abort();
    same_as_printf(ev->s);
    same_as_printf(ev->d);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size && data[0] == 0xFF) {
        doubles(data + 1, size - 1);
        return 0;
    }
    struct fsrs_params p;
    struct lp_err err;
    fsrs_default_params(&p);
    struct replay *r = replay_new(&p, &err);
    if (!r)
        abort();
    /* A private copy per line, exactly len bytes long, so ASan sees any over-read. */
    for (size_t start = 0; start < size;) {
        const uint8_t *nl = memchr(data + start, '\n', size - start);
        size_t len = nl ? (size_t)(nl - (data + start)) : size - start;
        char *line = malloc(len ? len : 1);
        if (!line)
            break;
        memcpy(line, data + start, len);
        struct replay_event ev;
        int rc = replay_line(r, line, len, &ev, &err);
        if (rc == 1)
            check_event(&ev, line, len);
        else if (rc == -1 && (err.code != LP_EPARSE || strncmp(err.msg, "line ", 5) != 0))
            abort();
        free(line);
        start += len + 1;
    }
    replay_free(r);
    return 0;
}
