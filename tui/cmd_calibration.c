/*
 * cmd_calibration.c - `labprep fsrs calibration [--json]`: the memory model's
 * predicted recall against the learner's actual recall, in bins, over every
 * study answer to a card in review (calibload.h), as text bars or JSON.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "calibload.h"
#include "cmd.h"

static void print_text(const struct calib *c)
{
    if (!c->n) {
        printf("No study answers to cards in review yet: nothing to check the model against.\n");
        return;
    }
    printf("Calibration of the memory model over %ld study answers to cards in review\n"
           "predicted %.1f%%, recalled %.1f%%; calibration error %.1f points "
           "(RMSE over the bins, weighted by answers)\n\n",
           c->n, 100 * calib_mean_predicted(c), 100 * calib_mean_actual(c), 100 * calib_error(c));
    calib_write_text(c, "  ", stdout);
}

int cmd_fsrs_calibration(struct app *a, int argc, char **argv)
{
    struct lp_err err = {0};
    struct calib c;
    int json = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--json") != 0)
            return app_fail(a, "usage: labprep fsrs calibration [--json]"), 2;
        json = 1;
    }
    if (app_open_store(a) != 0)
        return 1;
    enum lp_code rc = calibload_study(a->st, &a->cfg, INT32_MAX, 0, &c, &err);
    app_close(a);
    if (rc != LP_OK)
        return app_fail(a, "fsrs calibration: %s", err.msg);
    if (json) {
        calib_write_json(&c, stdout);
        putchar('\n');
    } else {
        print_text(&c);
    }
    return 0;
}
