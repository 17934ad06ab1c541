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
#include "fitlog.h"
#include "plan.h"
#include "simload.h"
#include "simulate.h"

#define USAGE                                                                                  \
    "usage: labprep fsrs simulate [--interview DATE] [--targets R,R,...] [--date-aware R|off]\n" \
    "                             [--new-per-day N] [--deck DECK] [--runs N] [--json]"
#define MAX_POLICIES 9
#define MAX_COLUMNS 12

struct sim_args {
    const char *interview, *deck;
    double targets[MAX_POLICIES];
    int n_targets;
    double date_target;   /* 0: no date-aware policy */
    int new_per_day;      /* -1: the config's */
    int runs, json;
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

static int parse_targets(const char *s, struct sim_args *o)
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

static int value_option(struct app *a, struct sim_args *o, const char *name, const char *v)
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
    static const double def[] = {0.80, 0.85, 0.90, 0.95};
    memset(o, 0, sizeof *o);
    memcpy(o->targets, def, sizeof def);
    o->n_targets = 4;
    o->date_target = 0.95;
    o->new_per_day = -1;
    o->runs = 32;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--json"))
            o->json = 1;
        else if (i + 1 >= argc || strncmp(argv[i], "--", 2) != 0)
            return app_fail(a, "fsrs simulate: bad or incomplete option '%s'\n%s", argv[i],
                            USAGE), 2;
        else if (value_option(a, o, argv[i], argv[i + 1]) != 0)
            return 2;
        else
            i++;
    }
    return 0;
}

/* The interview day from --interview or the active plan; 0 or an exit status. */
static int interview_day(struct app *a, const struct sim_args *o, int32_t today, int32_t *day)
{
    struct lp_err err = {0};
    if (o->interview) {
        if (plan_parse_day(o->interview, today, day, &err) != LP_OK)
            return app_fail(a, "fsrs simulate: --interview: %s", err.msg);
    } else {
        struct plan_status ps;
        if (plan_status(a->st, today, &ps, &err) != LP_OK)
            return app_fail(a, "fsrs simulate: %s", err.msg);
        *day = ps.active ? ps.interview_day : PLAN_NO_DAY;
        plan_status_free(&ps);
        if (*day == PLAN_NO_DAY)
            return app_fail(a, "fsrs simulate: no interview date: give --interview DATE or "
                               "start a plan with one (labprep plan start --interview DATE)");
    }
    if (*day <= today || *day - today > SIM_MAX_DAYS)
        return app_fail(a, "fsrs simulate: the interview must be 1 to %d days after today",
                        SIM_MAX_DAYS);
    return 0;
}

/* Weights: the active fit, else the config's, else the defaults; *source describes them. */
static int pick_weights(struct app *a, double w[SIM_NW], char *source, size_t size)
{
    static const double def[SIM_NW] = {
        0.212,  1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001,  1.8722, 0.1666, 0.796,
        1.4835, 0.0614, 0.2629, 1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.1542,
    };
    struct lp_err err = {0};
    struct fitlog_fit f;
    int found = 0;
    if (fitlog_active(a->st, &f, &found, &err) != LP_OK)
        return app_fail(a, "fsrs simulate: %s", err.msg);
    if (found) {
        char date[16];
        clock_day_str(clock_utc_day(f.time), date);
        snprintf(source, size, "fitted on %s (fit %lld)", date, (long long)f.id);
        memcpy(w, f.w, sizeof f.w);
    } else if (a->cfg.has_params) {
        snprintf(source, size, "from the config file");
        memcpy(w, a->cfg.params, sizeof a->cfg.params);
    } else {
        snprintf(source, size, "the FSRS-6 defaults");
        memcpy(w, def, sizeof def);
    }
    return 0;
}

struct sim_report {
    int32_t today, interview;
    size_t cards, studied;
    int new_per_day, runs;
    char weights[96];
    int n;                                  /* policies */
    struct sim_policy p[MAX_POLICIES];
    struct sim_result r[MAX_POLICIES];
};

static void policy_name(const struct sim_policy *p, char *buf, size_t size)
{
    if (p->target > 0)
        snprintf(buf, size, "%.2f + %.2f on day", p->retention, p->target);
    else
        snprintf(buf, size, "%.2f", p->retention);
}

/* Mean reviews per day over days [a, b) of r. */
static double mean_days(const struct sim_result *r, int a, int b)
{
    double s = 0;
    for (int i = a; i < b && i < r->days; i++)
        s += r->reviews[i];
    return b > a ? s / (b - a) : 0;
}

static double peak_week(const struct sim_result *r)
{
    double peak = 0;
    for (int a = 0; a < r->days; a += 7) {
        double m = mean_days(r, a, a + 7 < r->days ? a + 7 : r->days);
        peak = m > peak ? m : peak;
    }
    return peak;
}

static void print_weeks(const struct sim_report *s)
{
    int days = s->interview - s->today, weeks = (days + 6) / 7;
    int per = (weeks + MAX_COLUMNS - 1) / MAX_COLUMNS, cols = (weeks + per - 1) / per;
    if (per == 1)
        printf("\n  reviews per day, by week (week 1 starts today)\n");
    else
        printf("\n  reviews per day, by blocks of %d weeks (week 1 starts today)\n", per);
    printf("  %-18s", "target  /  week");
    for (int k = 0; k < cols; k++)
        printf("%5d", k * per + 1);
    putchar('\n');
    for (int i = 0; i < s->n; i++) {
        char name[48];
        policy_name(&s->p[i], name, sizeof name);
        printf("  %-18s", name);
        for (int k = 0; k < cols; k++) {
            int a = k * per * 7, b = (k + 1) * per * 7;
            printf("%5.1f", mean_days(&s->r[i], a, b < days ? b : days));
        }
        putchar('\n');
    }
}

static void print_text(const struct sim_report *s)
{
    char date[16];
    int days = s->interview - s->today;
    clock_day_str(s->interview, date);
    printf("until the interview on %s: %d day%s (%d week%s)\n", date, days, days == 1 ? "" : "s",
           (days + 6) / 7, (days + 6) / 7 == 1 ? "" : "s");
    printf("%zu cards: %zu studied, %zu new at %d a day; weights %s\n", s->cards, s->studied,
           s->cards - s->studied, s->new_per_day, s->weights);
    printf("(means of %d simulated runs; no daily review limit)\n\n", s->runs);
    printf("  %-18s %7s %6s %7s %7s %9s\n", "target", "per day", "peak", "total", "studied",
           "recall on");
    printf("  %-18s %7s %6s %7s %7s %9s\n", "", "", "week", "", "", "the day");
    for (int i = 0; i < s->n; i++) {
        const struct sim_result *r = &s->r[i];
        char name[48];
        policy_name(&s->p[i], name, sizeof name);
        printf("  %-18s %7.1f %6.1f %7.0f %7.0f %9.3f\n", name, r->total / days, peak_week(r),
               r->total, r->learned, r->recall);
    }
    print_weeks(s);
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

/* Build the config from the database and run every policy into s. */
static int simulate(struct app *a, const struct sim_args *o, struct sim_report *s)
{
    struct lp_err err = {0};
    struct sim_config c = {0};
    struct sim_card *cards = NULL;
    struct revlog log;
    memset(s, 0, sizeof *s);
    s->today = c.today = clock_day(a->now, a->cfg.rollover_hour);
    if (interview_day(a, o, c.today, &c.interview) != 0 ||
        pick_weights(a, c.w, s->weights, sizeof s->weights) != 0)
        return 1;
    s->interview = c.interview;
    c.new_per_day = s->new_per_day = o->new_per_day >= 0 ? o->new_per_day : a->cfg.new_per_day;
    c.runs = s->runs = o->runs;
    c.seed = 2023;
    revlog_init(&log);
    enum lp_code rc = fitlog_read_reviews(a->st, NULL, &log, &err);
    if (rc == LP_OK)
        sim_grades_from_log(&log, &c.grades);
    revlog_free(&log);
    if (rc == LP_OK)
        rc = simload_cards(a->st, o->deck, a->cfg.rollover_hour, &cards, &s->cards, &err);
    for (size_t i = 0; rc == LP_OK && i < s->cards; i++)
        s->studied += !cards[i].is_new;
    for (int i = 0; rc == LP_OK && i < o->n_targets + (o->date_target > 0); i++) {
        s->p[i] = i < o->n_targets ? (struct sim_policy){o->targets[i], 0}
                                   : (struct sim_policy){a->cfg.retention, o->date_target};
        rc = sim_run(cards, s->cards, &c, &s->p[i], &s->r[i], &err);
        s->n = i + 1;
    }
    free(cards);
    if (rc != LP_OK)
        return app_fail(a, "fsrs simulate: %s", err.msg);
    return 0;
}

int cmd_fsrs_simulate(struct app *a, int argc, char **argv)
{
    struct sim_args o;
    struct sim_report *s = malloc(sizeof *s);
    int status = s ? parse_args(a, argc, argv, &o) : app_fail(a, "out of memory");
    if (status == 0)
        status = app_open_store(a);
    if (status == 0)
        status = simulate(a, &o, s);
    if (status == 0 && o.json)
        print_json(s);
    else if (status == 0)
        print_text(s);
    if (a->st)
        app_close(a);
    free(s);
    return status;
}
