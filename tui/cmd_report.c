/*
 * cmd_report.c - `labprep report [--week] [--date DATE] [--out FILE] [--json]`:
 * the weekly review as Markdown (or JSON) on stdout or, atomically, in FILE.
 */
#include <stdio.h>
#include <string.h>

#include "clock.h"
#include "cmd.h"
#include "plan.h"
#include "report.h"
#include "report_fmt.h"

#define REPORT_USAGE "usage: labprep report [--week] [--date YYYY-MM-DD] [--out FILE] [--json]"

struct report_opts {
    int json;
    const char *date, *out;
};

static int parse_opts(int argc, char **argv, struct report_opts *o)
{
    memset(o, 0, sizeof *o);
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--week"))
            continue;
        if (!strcmp(argv[i], "--json"))
            o->json = 1;
        else if (!strcmp(argv[i], "--date") && i + 1 < argc)
            o->date = argv[++i];
        else if (!strcmp(argv[i], "--out") && i + 1 < argc)
            o->out = argv[++i];
        else
            return -1;
    }
    return 0;
}

int cmd_report(struct app *a, int argc, char **argv)
{
    struct report_opts o;
    struct lp_err err = {0};
    int32_t today = clock_day(a->now, a->cfg.rollover_hour), end = today;
    if (parse_opts(argc, argv, &o) != 0)
        return app_fail(a, "%s", REPORT_USAGE) + 1;
    if (o.date && plan_parse_day(o.date, today, &end, &err) != LP_OK)
        return app_fail(a, "report: %s", err.msg);
    if (app_open_store(a) != 0)
        return 1;
    struct report_week r;
    if (report_week(a->st, &a->cfg, end, &r, &err) != LP_OK) {
        app_close(a);
        return app_fail(a, "report: %s", err.msg);
    }
    int rc = 0;
    if (o.out && report_fmt_save(&r, o.json, o.out, &err) != LP_OK)
        rc = app_fail(a, "report: %s", err.msg);
    else if (o.out)
        printf("weekly review written to %s\n", o.out);
    else if (o.json)
        report_fmt_json(&r, stdout);
    else
        report_fmt_markdown(&r, stdout);
    report_free(&r);
    app_close(a);
    if (!o.out && fflush(stdout) != 0)
        rc = app_fail(a, "report: cannot write to standard output");
    return rc;
}
