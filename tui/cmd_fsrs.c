/*
 * cmd_fsrs.c - `labprep fsrs replay`: the FSRS-6 conformance command.
 *
 * Reads card_id TAB unix_seconds TAB rating lines on stdin and writes the memory
 * state after each event (see replay.h).  Needs no database.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "replay.h"

static int parse_double(const char *s, double *out)
{
    char *end;
    errno = 0;
    *out = strtod(s, &end);
    return errno || end == s || *end ? -1 : 0;
}

static int replay_options(struct app *a, int argc, char **argv, struct fsrs_params *p)
{
    struct lp_err err = {0};
    for (int i = 2; i < argc; i++) {
        const char *o = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        double x;
        if (!v)
            return app_fail(a, "fsrs replay: option '%s' needs a value", o);
        i++;
        if (!strcmp(o, "--retention")) {
            if (parse_double(v, &x) || !(x > 0 && x < 1))
                return app_fail(a, "fsrs replay: --retention must be a number in (0, 1)");
            p->retention = x;
        } else if (!strcmp(o, "--max-interval")) {
            if (parse_double(v, &x) || x < 1 || x > FSRS_MAX_INTERVAL || x != (int)x)
                return app_fail(a, "fsrs replay: --max-interval must be a whole number 1-%d",
                                FSRS_MAX_INTERVAL);
            p->max_interval = (int)x;
        } else if (!strcmp(o, "--params")) {
            if (fsrs_params_parse(v, p, &err) != LP_OK)
                return app_fail(a, "fsrs replay: --params: %s", err.msg);
        } else {
            return app_fail(a, "fsrs replay: unknown option '%s'", o);
        }
    }
    if (fsrs_params_prepare(p, &err) != LP_OK)
        return app_fail(a, "fsrs replay: %s", err.msg);
    return 0;
}

int cmd_fsrs(struct app *a, int argc, char **argv)
{
    if (argc >= 2 && strcmp(argv[1], "optimize") == 0)
        return cmd_fsrs_optimize(a, argc - 1, argv + 1);
    if (argc >= 2 && strcmp(argv[1], "simulate") == 0)
        return cmd_fsrs_simulate(a, argc - 1, argv + 1);
    if (argc >= 2 && strcmp(argv[1], "calibration") == 0)
        return cmd_fsrs_calibration(a, argc - 1, argv + 1);
    if (argc < 2 || strcmp(argv[1], "replay") != 0)
        return app_fail(a, "usage: labprep fsrs replay [--retention R] [--max-interval N] "
                           "[--params w0,...,w20] < events.tsv");
    struct fsrs_params p;
    fsrs_default_params(&p);
    if (replay_options(a, argc, argv, &p) != 0)
        return 2;
    struct lp_err err = {0};
    long bad = 0;
    enum lp_code rc = replay_run(stdin, stdout, &p, &bad, &err);
    if (rc != LP_OK)
        return app_fail(a, "fsrs replay: %s", err.msg);
    return 0;
}
