/*
 * cmd_simulate.c - `labprep fsrs simulate`: reviews per day until the interview and
 * predicted recall on the day, for a few retention targets (simulate.h).
 *
 *   labprep fsrs simulate [--interview DATE] [--targets R,R,...] [--date-aware R|off]
 *                         [--new-per-day N] [--deck DECK] [--runs N] [--json]
 *
 * The interview day is --interview or the active plan's.  The cards are the
 * database's (not retired, not suspended; one deck with --deck).  The weights are
 * the active fitted set (`fsrs optimize --apply`), else the config's params, else
 * the defaults; grade frequencies come from the study log.  Default targets 0.80,
 * 0.85, 0.90 and 0.95, plus the date-aware policy: the configured retention,
 * shortened to reach 0.95 on the day.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "cmd.h"
#include "simreport.h"

#define USAGE                                                                                  \
    "usage: labprep fsrs simulate [--interview DATE] [--targets R,R,...] [--date-aware R|off]\n" \
    "                             [--new-per-day N] [--deck DECK] [--runs N] [--json]"
#define MAX_POLICIES SIMREPORT_MAX_POLICIES

struct sim_args {
    struct simreport_args r;
    int json;
};

static int parse_number(const char *s, double lo, double hi, double *out)
{
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (errno || end == s || *end || !(v >= lo && v <= hi))
        return -1;
    *out = v;
    return 0;
}

static int parse_targets(const char *s, struct simreport_args *o)
{
    char buf[256];
    snprintf(buf, sizeof buf, "%s", s);
    o->n_targets = 0;
    for (char *save = NULL, *t = strtok_r(buf, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
        if (o->n_targets == MAX_POLICIES - 1 ||
            parse_number(t, 0.5, 0.99, &o->targets[o->n_targets]) != 0)
            return -1;
        o->n_targets++;
    }
    return o->n_targets ? 0 : -1;
}

static int value_option(struct app *a, struct simreport_args *o, const char *name, const char *v)
{
    double x;
    if (!strcmp(name, "--interview")) {
        o->interview = v;
    } else if (!strcmp(name, "--deck")) {
        o->deck = v;
    } else if (!strcmp(name, "--targets")) {
        if (parse_targets(v, o) != 0)
            return app_fail(a, "fsrs simulate: --targets takes 1-8 retentions 0.5-0.99, "
                               "e.g. 0.85,0.9"), 2;
    } else if (!strcmp(name, "--date-aware")) {
        if (!strcmp(v, "off"))
            o->date_target = 0;
        else if (parse_number(v, 0.5, 0.99, &o->date_target) != 0)
            return app_fail(a, "fsrs simulate: --date-aware takes a retention 0.5-0.99 or off"),
                   2;
    } else if (!strcmp(name, "--new-per-day")) {
        if (parse_number(v, 0, 1000, &x) != 0 || x != (int)x)
            return app_fail(a, "fsrs simulate: --new-per-day must be a whole number 0-1000"), 2;
        o->new_per_day = (int)x;
    } else if (!strcmp(name, "--runs")) {
        if (parse_number(v, 1, 10000, &x) != 0 || x != (int)x)
            return app_fail(a, "fsrs simulate: --runs must be a whole number 1-10000"), 2;
        o->runs = (int)x;
    } else {
        return app_fail(a, "fsrs simulate: unknown option '%s'\n%s", name, USAGE), 2;
    }
    return 0;
}

static int parse_args(struct app *a, int argc, char **argv, struct sim_args *o)
{
    memset(o, 0, sizeof *o);
    simreport_defaults(&o->r);
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--json"))
            o->json = 1;
        else if (i + 1 >= argc || strncmp(argv[i], "--", 2) != 0)
            return app_fail(a, "fsrs simulate: bad or incomplete option '%s'\n%s", argv[i],
                            USAGE), 2;
        else if (value_option(a, &o->r, argv[i], argv[i + 1]) != 0)
            return 2;
        else
            i++;
    }
    return 0;
}

static void json_num(double v)
{
    if (isfinite(v))
        printf("%.6g", v);
    else
        fputs("null", stdout);
}

static void print_json(const struct sim_report *s)
{
    char today[16], date[16];
    clock_day_str(s->today, today);
    clock_day_str(s->interview, date);
    printf("{\"today\":\"%s\",\"interview\":\"%s\",\"days\":%d,\"cards\":%zu,\"studied\":%zu,"
           "\"new_per_day\":%d,\"runs\":%d,\"weights\":",
           today, date, s->interview - s->today, s->cards, s->studied, s->new_per_day, s->runs);
    app_json_string(stdout, s->weights);
    fputs(",\"policies\":[", stdout);
    for (int i = 0; i < s->n; i++) {
        const struct sim_result *r = &s->r[i];
        printf("%s{\"retention\":%.4g,\"target_on_day\":", i ? "," : "", s->p[i].retention);
        s->p[i].target > 0 ? json_num(s->p[i].target) : (void)fputs("null", stdout);
        fputs(",\"reviews_total\":", stdout);
        json_num(r->total);
        fputs(",\"studied\":", stdout);
        json_num(r->learned);
        fputs(",\"recall_on_day\":", stdout);
        json_num(r->recall);
        fputs(",\"expected_known\":", stdout);
        json_num(r->known);
        fputs(",\"reviews_per_day\":[", stdout);
        for (int d = 0; d < r->days; d++) {
            fputs(d ? "," : "", stdout);
            json_num(r->reviews[d]);
        }
        fputs("]}", stdout);
    }
    fputs("]}\n", stdout);
}

int cmd_fsrs_simulate(struct app *a, int argc, char **argv)
{
    struct sim_args o;
    struct sim_report *s = malloc(sizeof *s);
    int status = s ? parse_args(a, argc, argv, &o) : app_fail(a, "out of memory");
    if (status == 0)
        status = app_open_store(a);
    struct lp_err err = {0};
    if (status == 0 && simreport_run(a, &o.r, s, &err) != LP_OK)
        status = app_fail(a, "fsrs simulate: %s", err.msg);
    if (status == 0 && o.json)
        print_json(s);
    else if (status == 0)
        simreport_text(s, stdout);
    if (a->st)
        app_close(a);
    free(s);
    return status;
}
