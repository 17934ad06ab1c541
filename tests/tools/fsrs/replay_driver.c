/*
 * replay_driver.c - a stand-alone `labprep fsrs replay` for conformance.sh, built from
 * the core sources alone so the check does not depend on the rest of the program.
 *
 *   replay_driver [--retention R] [--max-interval N] [--params w0,...,w20] < log > out
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "fsrs.h"
#include "replay.h"

static int usage(void)
{
    fprintf(stderr, "usage: replay_driver [--retention R] [--max-interval N] [--params w0,...,w20]\n");
    return 2;
}

int main(int argc, char **argv)
{
    struct fsrs_params p;
    struct lp_err err = {0};
    fsrs_default_params(&p);
    for (int i = 1; i < argc; i++) {
        if (i + 1 >= argc)
            return usage();
        const char *v = argv[++i];
        if (strcmp(argv[i - 1], "--retention") == 0)
            p.retention = strtod(v, NULL);
        else if (strcmp(argv[i - 1], "--max-interval") == 0)
            p.max_interval = atoi(v);
        else if (strcmp(argv[i - 1], "--params") == 0) {
            if (fsrs_params_parse(v, &p, &err) != LP_OK) {
                fprintf(stderr, "replay_driver: %s\n", err.msg);
                return 2;
            }
        } else
            return usage();
    }
    long bad = 0;
    if (replay_run(stdin, stdout, &p, &bad, &err) != LP_OK) {
        fprintf(stderr, "replay_driver: %s\n", err.msg);
        return 1;
    }
    return 0;
}
