/*
 * simreport.c - the simulator on the database's cards, and its table (see
 * simreport.h).
 */
#include "simreport.h"

#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "fitlog.h"
#include "plan.h"
#include "simload.h"

#define MAX_COLUMNS 12

void simreport_defaults(struct simreport_args *o)
{
    static const double def[] = {0.80, 0.85, 0.90, 0.95};
    memset(o, 0, sizeof *o);
    memcpy(o->targets, def, sizeof def);
    o->n_targets = 4;
    o->date_target = 0.95;
    o->new_per_day = -1;
    o->runs = 32;
}

/* The interview day from o->interview or the active plan. */
static enum lp_code interview_day(struct app *a, const struct simreport_args *o, int32_t today,
                                  int32_t *day, struct lp_err *err)
{
    if (o->interview) {
        if (plan_parse_day(o->interview, today, day, err) != LP_OK)
            return err_set(err, LP_EINVAL, "--interview: %s", err->msg);
    } else {
        struct plan_status ps;
        if (plan_status(a->st, today, &ps, err) != LP_OK)
            return err->code;
        *day = ps.active ? ps.interview_day : PLAN_NO_DAY;
        plan_status_free(&ps);
        if (*day == PLAN_NO_DAY)
            return err_set(err, LP_ENOTFOUND,
                           "no interview date: give --interview DATE or start a plan with one "
                           "(labprep plan start --interview DATE, or plan interview DATE)");
    }
    if (*day <= today || *day - today > SIM_MAX_DAYS)
        return err_set(err, LP_EINVAL, "the interview must be 1 to %d days after today",
                       SIM_MAX_DAYS);
    return LP_OK;
}

/* Weights: the active fit, else the config's, else the defaults; *source describes them. */
static enum lp_code pick_weights(struct app *a, double w[SIM_NW], char *source, size_t size,
                                 struct lp_err *err)
{
    static const double def[SIM_NW] = {
        0.212,  1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001,  1.8722, 0.1666, 0.796,
        1.4835, 0.0614, 0.2629, 1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.1542,
    };
    struct fitlog_fit f;
    int found = 0;
    if (fitlog_active(a->st, &f, &found, err) != LP_OK)
        return err->code;
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
    return LP_OK;
}

enum lp_code simreport_run(struct app *a, const struct simreport_args *o, struct sim_report *s,
                           struct lp_err *err)
{
    struct sim_config c = {0};
    struct sim_card *cards = NULL;
    struct revlog log;
    memset(s, 0, sizeof *s);
    s->today = c.today = clock_day(a->now, a->cfg.rollover_hour);
    enum lp_code rc = interview_day(a, o, c.today, &c.interview, err);
    if (rc == LP_OK)
        rc = pick_weights(a, c.w, s->weights, sizeof s->weights, err);
    if (rc != LP_OK)
        return rc;
    s->interview = c.interview;
    c.new_per_day = s->new_per_day = o->new_per_day >= 0 ? o->new_per_day : a->cfg.new_per_day;
    c.runs = s->runs = o->runs;
    c.seed = 2023;
    revlog_init(&log);
    rc = fitlog_read_reviews(a->st, NULL, &log, err);
    if (rc == LP_OK)
        sim_grades_from_log(&log, &c.grades);
    revlog_free(&log);
    if (rc == LP_OK)
        rc = simload_cards(a->st, o->deck, a->cfg.rollover_hour, &cards, &s->cards, err);
    for (size_t i = 0; rc == LP_OK && i < s->cards; i++)
        s->studied += !cards[i].is_new;
    for (int i = 0; rc == LP_OK && i < o->n_targets + (o->date_target > 0); i++) {
        s->p[i] = i < o->n_targets ? (struct sim_policy){o->targets[i], 0}
                                   : (struct sim_policy){a->cfg.retention, o->date_target};
        rc = sim_run(cards, s->cards, &c, &s->p[i], &s->r[i], err);
        s->n = i + 1;
    }
    free(cards);
    return rc;
}

/* ---- the table ---- */

void simreport_policy_name(const struct sim_policy *p, char *buf, size_t size)
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

static void print_weeks(const struct sim_report *s, FILE *f)
{
    int days = s->interview - s->today, weeks = (days + 6) / 7;
    int per = (weeks + MAX_COLUMNS - 1) / MAX_COLUMNS, cols = (weeks + per - 1) / per;
    if (per == 1)
        fprintf(f, "\n  reviews per day, by week (week 1 starts today)\n");
    else
        fprintf(f, "\n  reviews per day, by blocks of %d weeks (week 1 starts today)\n", per);
    fprintf(f, "  %-18s", "target  /  week");
    for (int k = 0; k < cols; k++)
        fprintf(f, "%5d", k * per + 1);
    fputc('\n', f);
    for (int i = 0; i < s->n; i++) {
        char name[48];
        simreport_policy_name(&s->p[i], name, sizeof name);
        fprintf(f, "  %-18s", name);
        for (int k = 0; k < cols; k++) {
            int a = k * per * 7, b = (k + 1) * per * 7;
            fprintf(f, "%5.1f", mean_days(&s->r[i], a, b < days ? b : days));
        }
        fputc('\n', f);
    }
}

void simreport_text(const struct sim_report *s, FILE *f)
{
    char date[16];
    int days = s->interview - s->today;
    clock_day_str(s->interview, date);
    fprintf(f, "until the interview on %s: %d day%s (%d week%s)\n", date, days,
            days == 1 ? "" : "s", (days + 6) / 7, (days + 6) / 7 == 1 ? "" : "s");
    fprintf(f, "%zu cards: %zu studied, %zu new at %d a day; weights %s\n", s->cards, s->studied,
            s->cards - s->studied, s->new_per_day, s->weights);
    fprintf(f, "(means of %d simulated runs; no daily review limit)\n\n", s->runs);
    fprintf(f, "  %-18s %7s %6s %7s %7s %9s\n", "target", "per day", "peak", "total", "studied",
            "recall on");
    fprintf(f, "  %-18s %7s %6s %7s %7s %9s\n", "", "", "week", "", "", "the day");
    for (int i = 0; i < s->n; i++) {
        const struct sim_result *r = &s->r[i];
        char name[48];
        simreport_policy_name(&s->p[i], name, sizeof name);
        fprintf(f, "  %-18s %7.1f %6.1f %7.0f %7.0f %9.3f\n", name, r->total / days,
                peak_week(r), r->total, r->learned, r->recall);
    }
    print_weeks(s, f);
}
