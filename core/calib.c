/*
 * calib.c - predicted against actual recall in bins (see calib.h).
 */
#include "calib.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define FULL "\xe2\x96\x88"  /* █ */
#define SHORT "\xe2\x96\x91" /* ░ fewer recalled than predicted */
#define MORE "\xe2\x96\x93"  /* ▓ more recalled than predicted */

void calib_init(struct calib *c)
{
    memset(c, 0, sizeof *c);
}

int calib_bin_of(double predicted)
{
    if (!(predicted > 0))
        return 0;
    int i = (int)floor(predicted * CALIB_BINS);
    return i >= CALIB_BINS ? CALIB_BINS - 1 : i;
}

void calib_add(struct calib *c, double predicted, int recalled)
{
    double p = predicted > 1 ? 1 : predicted > 0 ? predicted : 0;
    struct calib_bin *b = &c->bin[calib_bin_of(p)];
    b->n++;
    b->passed += recalled != 0;
    b->pred_sum += p;
    c->n++;
    c->passed += recalled != 0;
    c->pred_sum += p;
}

double calib_predicted(const struct calib_bin *b)
{
    return b->n ? b->pred_sum / (double)b->n : NAN;
}

double calib_actual(const struct calib_bin *b)
{
    return b->n ? (double)b->passed / (double)b->n : NAN;
}

double calib_mean_predicted(const struct calib *c)
{
    return c->n ? c->pred_sum / (double)c->n : NAN;
}

double calib_mean_actual(const struct calib *c)
{
    return c->n ? (double)c->passed / (double)c->n : NAN;
}

double calib_error(const struct calib *c)
{
    double sum = 0;
    if (!c->n)
        return NAN;
    for (int i = 0; i < CALIB_BINS; i++) {
        const struct calib_bin *b = &c->bin[i];
        if (b->n) {
            double d = calib_predicted(b) - calib_actual(b);
            sum += (double)b->n * d * d;
        }
    }
    return sqrt(sum / (double)c->n);
}

static int cells(double x, int width)
{
    int k = (int)floor(x * width + 0.5);
    return k < 0 ? 0 : k > width ? width : k;
}

void calib_bar(double p, double a, int width, char *buf, size_t size)
{
    int lo = cells(p < a ? p : a, width), hi = cells(p < a ? a : p, width);
    const char *gap = a < p ? SHORT : MORE;
    size_t len = 0;
    buf[0] = '\0';
    for (int i = 0; i < hi && len + 4 <= size; i++) {
        memcpy(buf + len, i < lo ? FULL : gap, 3);
        len += 3;
        buf[len] = '\0';
    }
}

void calib_row(const struct calib *c, int i, char *buf, size_t size)
{
    const struct calib_bin *b = &c->bin[i];
    char bar[CALIB_BAR * 3 + 1], label[32];
    buf[0] = '\0';
    if (!b->n)
        return;
    double p = calib_predicted(b), a = calib_actual(b);
    calib_bar(p, a, CALIB_BAR, bar, sizeof bar);
    snprintf(label, sizeof label, "%d-%d%%", i * 100 / CALIB_BINS, (i + 1) * 100 / CALIB_BINS);
    snprintf(buf, size, "%-8s %7ld %9.1f%% %7.1f%%  %s", label, b->n, 100 * p, 100 * a, bar);
}

const char *calib_header(void)
{
    return "R bin    reviews  predicted   actual";
}

const char *calib_legend(void)
{
    return FULL " as predicted  " SHORT " recalled less  " MORE " recalled more than predicted";
}

void calib_write_text(const struct calib *c, const char *indent, FILE *f)
{
    char line[CALIB_BAR * 3 + 80];
    if (!c->n)
        return;
    fprintf(f, "%s%s\n", indent, calib_header());
    for (int i = 0; i < CALIB_BINS; i++) {
        calib_row(c, i, line, sizeof line);
        if (line[0])
            fprintf(f, "%s%s\n", indent, line);
    }
    fprintf(f, "%s%s\n", indent, calib_legend());
}

static void json_num(FILE *f, double v)
{
    if (isfinite(v))
        fprintf(f, "%.6g", v);
    else
        fputs("null", f);
}

void calib_write_json(const struct calib *c, FILE *f)
{
    fprintf(f, "{\"answers\":%ld,\"recalled\":%ld,\"predicted\":", c->n, c->passed);
    json_num(f, calib_mean_predicted(c));
    fputs(",\"actual\":", f);
    json_num(f, calib_mean_actual(c));
    fputs(",\"error\":", f);
    json_num(f, calib_error(c));
    fputs(",\"bins\":[", f);
    for (int i = 0, first = 1; i < CALIB_BINS; i++) {
        const struct calib_bin *b = &c->bin[i];
        if (!b->n)
            continue;
        fprintf(f,
                "%s{\"from\":%.2f,\"to\":%.2f,\"answers\":%ld,\"recalled\":%ld,"
                "\"predicted\":",
                first ? "" : ",", (double)i / CALIB_BINS, (double)(i + 1) / CALIB_BINS, b->n,
                b->passed);
        json_num(f, calib_predicted(b));
        fputs(",\"actual\":", f);
        json_num(f, calib_actual(b));
        fputc('}', f);
        first = 0;
    }
    fputs("]}", f);
}
