/*
 * cmd_optimize.c - `labprep fsrs optimize`: fit the 21 FSRS-6 weights to a review log.
 *
 *   labprep fsrs optimize [--revlog FILE] [--json] [--rollover-hour H] [--tz TZ]
 *                         [--apply] [--holdout F] [--threads N]
 *
 * With --revlog, FILE ("-" for stdin) holds card_id TAB unix_seconds TAB rating
 * lines (revlog_io.h) and the database is not touched.  Without it, the study
 * reviews in the database are fitted and the fit is stored in fsrs_fits, inactive
 * unless --apply is given (then it becomes the one active fit and every card's
 * memory is re-derived from its answers under it, in one transaction: refit.h).
 * Days are UTC calendar days for a file and the stored study days for the
 * database, unless --rollover-hour (day starts at H:00) or --tz (local time in
 * TZ, e.g. Europe/London) say otherwise.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cmd.h"
#include "fitlog.h"
#include "optimize.h"
#include "refit.h"

#define USAGE                                                                              \
    "usage: labprep fsrs optimize [--revlog FILE] [--json] [--rollover-hour H] [--tz TZ]\n" \
    "                             [--apply] [--holdout F] [--threads N]"

struct opt_args {
    const char *revlog;
    const char *tz;
    int json, apply, have_days;
    struct revlog_days days;
    struct opt_config cfg;
};

static int number_arg(const char *s, double lo, double hi, double *out)
{
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (errno || end == s || *end || !(v >= lo && v <= hi))
        return -1;
    *out = v;
    return 0;
}

/* One option with a value; returns 0, or prints the problem and returns 2. */
static int value_option(struct app *a, struct opt_args *o, const char *name, const char *v)
{
    double x;
    if (!strcmp(name, "--revlog")) {
        o->revlog = v;
    } else if (!strcmp(name, "--tz")) {
        o->tz = v;
        o->days.local = o->have_days = 1;
    } else if (!strcmp(name, "--rollover-hour")) {
        if (number_arg(v, 0, 23, &x) || x != (int)x)
            return app_fail(a, "fsrs optimize: --rollover-hour must be a whole hour 0-23"), 2;
        o->days.rollover_hour = (int)x;
        o->have_days = 1;
    } else if (!strcmp(name, "--holdout")) {
        if (number_arg(v, 0, 0.9, &x))
            return app_fail(a, "fsrs optimize: --holdout must be a fraction 0-0.9"), 2;
        o->cfg.holdout = x;
    } else if (!strcmp(name, "--threads")) {
        if (number_arg(v, 1, 2, &x) || x != (int)x)
            return app_fail(a, "fsrs optimize: --threads must be 1 or 2"), 2;
        o->cfg.threads = (int)x;
    } else {
        return app_fail(a, "fsrs optimize: unknown option '%s'\n%s", name, USAGE), 2;
    }
    return 0;
}

static int parse_args(struct app *a, int argc, char **argv, struct opt_args *o)
{
    memset(o, 0, sizeof *o);
    opt_default_config(&o->cfg);
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--json")) {
            o->json = 1;
        } else if (!strcmp(argv[i], "--apply")) {
            o->apply = 1;
        } else if (i + 1 >= argc || strncmp(argv[i], "--", 2) != 0) {
            return app_fail(a, "fsrs optimize: bad or incomplete option '%s'\n%s", argv[i],
                            USAGE), 2;
        } else if (value_option(a, o, argv[i], argv[i + 1]) != 0) {
            return 2;
        } else {
            i++;
        }
    }
    if (o->apply && o->revlog)
        return app_fail(a, "fsrs optimize: --apply stores the fit in the database; it "
                           "cannot be used with --revlog"), 2;
    if (o->tz) {
        if (setenv("TZ", o->tz, 1) != 0)
            return app_fail(a, "fsrs optimize: cannot set the time zone"), 2;
        tzset();
    }
    return 0;
}

static int read_file_log(struct app *a, const struct opt_args *o, struct revlog *log)
{
    struct lp_err err = {0};
    int std_in = !strcmp(o->revlog, "-");
    FILE *f = std_in ? stdin : fopen(o->revlog, "r");
    if (!f)
        return app_fail(a, "fsrs optimize: %s: %s", o->revlog, strerror(errno));
    enum lp_code rc = revlog_read_file(f, std_in ? "stdin" : o->revlog,
                                       o->have_days ? &o->days : NULL, log, NULL, &err);
    if (!std_in)
        fclose(f);
    if (rc != LP_OK)
        return app_fail(a, "fsrs optimize: %s", err.msg);
    return 0;
}

static void json_number(double v)
{
    if (isfinite(v))
        printf("%.10g", v);
    else
        fputs("null", stdout);
}

static void json_weights(const char *key, const double *w)
{
    printf("\"%s\":[", key);
    for (int i = 0; i < OPT_NW; i++) {
        printf(i ? "," : "");
        json_number(w[i]);
    }
    putchar(']');
}

static void json_metrics(const char *key, const struct opt_metrics *b, const struct opt_metrics *f)
{
    printf("\"%s\":{\"items\":%ld,\"logloss_before\":", key, b->items);
    json_number(b->logloss);
    fputs(",\"logloss_after\":", stdout);
    json_number(f->logloss);
    fputs(",\"rmse_before\":", stdout);
    json_number(b->rmse);
    fputs(",\"rmse_after\":", stdout);
    json_number(f->rmse);
    putchar('}');
}

static const char *outcome_name(enum opt_outcome o)
{
    return o == OPT_FITTED ? "fitted" : o == OPT_TOO_FEW ? "too_few_items" : "first_reviews_only";
}

static void print_json(const struct opt_result *r, long long stored, int active,
                       const struct refit_applied *ap)
{
    printf("{\"reviews\":%ld,\"cards\":%ld,\"items\":%ld,\"usable_items\":%ld,"
           "\"fit_items\":%ld,\"outcome\":\"%s\",",
           r->reviews, r->cards, r->items, r->usable_items, r->fit_items,
           outcome_name(r->outcome));
    json_weights("params", r->w);
    fputs(",\"metrics\":{", stdout);
    json_metrics("all", &r->all_before, &r->all_after);
    putchar(',');
    json_metrics("train", &r->train_before, &r->train_after);
    putchar(',');
    json_metrics("holdout", &r->hold_before, &r->hold_after);
    printf("},\"holdout_outcome\":\"%s\",", outcome_name(r->split_outcome));
    json_weights("holdout_params", r->w_split);
    if (stored > 0)
        printf(",\"stored_fit\":%lld,\"active\":%s", stored, active ? "true" : "false");
    else
        fputs(",\"stored_fit\":null,\"active\":false", stdout);
    if (ap->active)
        printf(",\"cards_rederived\":%ld,\"due_dates_moved\":%ld,\"config_params\":%s",
               ap->rd.cards, ap->rd.moved, ap->pinned ? "true" : "false");
    fputs("}\n", stdout);
}

static void metric_row(const char *label, const struct opt_metrics *b, const struct opt_metrics *f)
{
    if (!b->items) {
        printf("  %-26s %7ld        -        -        -        -\n", label, b->items);
        return;
    }
    printf("  %-26s %7ld %8.4f %8.4f %8.4f %8.4f\n", label, b->items, b->logloss, f->logloss,
           b->rmse, f->rmse);
}

static void print_stored(long long stored, int active, const struct refit_applied *ap)
{
    if (stored > 0)
        printf("\nstored as fit %lld%s\n", stored,
               active ? ", now active" : " (not active; run again with --apply to use it)");
    if (ap->active && ap->pinned)
        printf("config.yaml sets params, and those stay in use; ");
    if (ap->active)
        printf("re-derived the memory of %ld card%s from their reviews (%ld due date%s moved)\n",
               ap->rd.cards, ap->rd.cards == 1 ? "" : "s", ap->rd.moved,
               ap->rd.moved == 1 ? "" : "s");
}

static const char *plural(long n)
{
    return n == 1 ? "" : "s";
}

static void print_text(const struct opt_result *r, const struct opt_config *c, long long stored,
                       int active, const struct refit_applied *ap)
{
    printf("FSRS-6 fit: %ld review%s of %ld card%s, %ld item%s to predict\n", r->reviews,
           plural(r->reviews), r->cards, plural(r->cards), r->items, plural(r->items));
    if (r->outcome == OPT_TOO_FEW)
        printf("only %ld item%s usable after the outlier filter; at least %d are needed "
               "to fit, so the defaults stay\n",
               r->usable_items, plural(r->usable_items), c->min_items);
    else if (r->outcome == OPT_FIRST_ONLY)
        printf("every item is a card's first long-term review: only w0-w3 were fitted\n");
    else
        printf("trained on %ld items\n", r->fit_items);
    fputs("parameters:", stdout);
    for (int i = 0; i < OPT_NW; i++)
        printf("%s%.4f", i ? "," : " ", r->w[i]);
    printf("\n\n  %-26s %7s %17s %17s\n", "", "items", "log loss", "RMSE (bins)");
    printf("  %-26s %7s %8s %8s %8s %8s\n", "", "", "default", "fitted", "default", "fitted");
    metric_row("all reviews", &r->all_before, &r->all_after);
    if (r->holdout_items == 0) {
        print_stored(stored, active, ap);
        return;
    }
    char a_label[64], b_label[64];
    int pct = (int)lround(c->holdout * 100);
    snprintf(a_label, sizeof a_label, "first %d%% (fit on it)", 100 - pct);
    snprintf(b_label, sizeof b_label, "last %d%% (held out)", pct);
    metric_row(a_label, &r->train_before, &r->train_after);
    metric_row(b_label, &r->hold_before, &r->hold_after);
    print_stored(stored, active, ap);
}

/* Store the fit of the database's reviews (with --apply: make it active and
 * re-derive every card's memory, refit.h); returns its id or -1 (message printed). */
static long long store_fit(struct app *a, const struct opt_result *r, int apply,
                           struct refit_applied *ap)
{
    struct lp_err err = {0};
    if (refit_store(a, r, apply, ap, &err) != LP_OK)
        return app_fail(a, "fsrs optimize: %s%s", err.msg,
                        ap->fit_id ? " (the fit is stored, not active; no card was changed)"
                                   : ""), -1;
    return ap->fit_id;
}

static int load_log(struct app *a, const struct opt_args *o, struct revlog *log)
{
    if (o->revlog)
        return read_file_log(a, o, log);
    struct lp_err err = {0};
    if (app_open_store(a) != 0)
        return 1;
    if (fitlog_read_reviews(a->st, o->have_days ? &o->days : NULL, log, &err) != LP_OK)
        return app_fail(a, "fsrs optimize: %s", err.msg);
    return 0;
}

int cmd_fsrs_optimize(struct app *a, int argc, char **argv)
{
    struct opt_args o;
    struct revlog log;
    struct opt_result r;
    struct lp_err err = {0};
    struct refit_applied ap = {0};
    long long stored = 0;
    if (parse_args(a, argc, argv, &o) != 0)
        return 2;
    revlog_init(&log);
    int status = load_log(a, &o, &log);
    if (status == 0 && opt_fit(&log, &o.cfg, &r, &err) != LP_OK)
        status = app_fail(a, "fsrs optimize: %s", err.msg);
    if (status == 0 && !o.revlog && r.outcome != OPT_TOO_FEW &&
        (stored = store_fit(a, &r, o.apply, &ap)) < 0)
        status = 1;
    if (status == 0 && o.json)
        print_json(&r, stored, o.apply, &ap);
    else if (status == 0)
        print_text(&r, &o.cfg, stored, o.apply, &ap);
    revlog_free(&log);
    if (a->st)
        app_close(a);
    return status;
}
