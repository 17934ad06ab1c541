/*
 * view_refit.c - refit the memory model: fit FSRS-6 to the study reviews (as
 * `labprep fsrs optimize` does), show log loss and RMSE before and after -- on
 * all reviews, on the first 80% it was fitted on and on the last 20% held out --
 * and let the learner choose: y stores the fit, makes it the one in use and
 * re-derives every card's memory (one transaction, refit.h); n stores it unused
 * (which also quiets the home screen's offer until the next threshold); q leaves
 * without storing anything.
 *
 * The fit runs when the screen opens, with a "fitting" line painted first: a
 * year of reviews takes a second or two.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "clock.h"
#include "fitoffer.h"
#include "refit.h"
#include "ui.h"

enum refit_phase { RF_CHOOSE, RF_DONE };

struct refit_screen {
    struct opt_config c;
    struct opt_result r;
    struct opt_metrics in_use; /* items 0: the defaults are in use */
    enum refit_phase phase;
    char outcome[300];
    enum ui_role outcome_role;
};

static struct refit_screen RF;

static const char *plural(long n)
{
    return n == 1 ? "" : "s";
}

static void paint_fitting(struct ui *ui)
{
    erase();
    ui_title(ui, "refit the memory model", "");
    ui_text(ui, 2, 2, ui->cols - 4, ROLE_ACCENT, "Fitting FSRS-6 to your study reviews...");
    refresh();
}

static int refit_open(struct view *v, struct ui *ui)
{
    struct lp_err err = {0};
    memset(&RF, 0, sizeof RF);
    v->state = &RF;
    opt_default_config(&RF.c);
    paint_fitting(ui);
    if (refit_run(ui->app, &RF.c, &RF.r, &RF.in_use, &err) != LP_OK) {
        ui_status(ui, ROLE_BAD, "refit: %s", err.msg);
        return -1;
    }
    ui_status(ui, ROLE_DIM, "%s",
              RF.r.outcome == OPT_TOO_FEW ? "n remember this and ask again later · q back"
                                          : "y use the new weights · n keep them unused · q back");
    return 0;
}

/* ---- drawing ---- */

static void metric_row(struct ui *ui, int y, const char *label, const struct opt_metrics *b,
                       const struct opt_metrics *f)
{
    char line[160];
    if (!b->items)
        snprintf(line, sizeof line, "%-24s %7ld %9s %9s %9s %9s", label, b->items, "-", "-", "-",
                 "-");
    else
        snprintf(line, sizeof line, "%-24s %7ld %9.4f %9.4f %9.4f %9.4f", label, b->items,
                 b->logloss, f->logloss, b->rmse, f->rmse);
    ui_text(ui, y, 2, ui->cols - 4, ROLE_NORMAL, line);
}

static int draw_summary(struct ui *ui, int y)
{
    const struct opt_result *r = &RF.r;
    char line[300];
    snprintf(line, sizeof line,
             "FSRS-6 fitted to %ld study review%s of %ld card%s: %ld item%s to "
             "predict.",
             r->reviews, plural(r->reviews), r->cards, plural(r->cards), r->items,
             plural(r->items));
    ui_text(ui, y++, 2, ui->cols - 4, ROLE_NORMAL, line);
    if (r->outcome == OPT_TOO_FEW)
        snprintf(line, sizeof line,
                 "Only %ld item%s usable: at least %d are needed to fit, so "
                 "the defaults stay.",
                 r->usable_items, plural(r->usable_items), RF.c.min_items);
    else if (r->outcome == OPT_FIRST_ONLY)
        snprintf(line, sizeof line, "%s",
                 "Every item is a card's first review: only w0-w3 were "
                 "fitted.");
    else
        snprintf(line, sizeof line, "Trained on %ld items; lower is better in every column.",
                 r->fit_items);
    ui_text(ui, y++, 2, ui->cols - 4, r->outcome == OPT_TOO_FEW ? ROLE_BAD : ROLE_DIM, line);
    return y + 1;
}

static int draw_table(struct ui *ui, int y)
{
    const struct opt_result *r = &RF.r;
    char line[160], a[40], b[40];
    snprintf(line, sizeof line, "%-24s %7s %19s %19s", "", "items", "log loss", "RMSE (bins)");
    ui_text(ui, y++, 2, ui->cols - 4, ROLE_TITLE, line);
    snprintf(line, sizeof line, "%-24s %7s %9s %9s %9s %9s", "", "", "default", "fitted", "default",
             "fitted");
    ui_text(ui, y++, 2, ui->cols - 4, ROLE_TITLE, line);
    metric_row(ui, y++, "all reviews", &r->all_before, &r->all_after);
    int pct = (int)lround(RF.c.holdout * 100);
    snprintf(a, sizeof a, "first %d%% (fitted on)", 100 - pct);
    snprintf(b, sizeof b, "last %d%% (held out)", pct);
    if (r->holdout_items) {
        metric_row(ui, y++, a, &r->train_before, &r->train_after);
        metric_row(ui, y++, b, &r->hold_before, &r->hold_after);
    }
    if (RF.in_use.items) {
        snprintf(line, sizeof line, "%-24s %7ld %9.4f %9s %9.4f", "weights in use now",
                 RF.in_use.items, RF.in_use.logloss, "", RF.in_use.rmse);
        ui_text(ui, y++, 2, ui->cols - 4, ROLE_DIM, line);
    }
    return y + 1;
}

static void draw_choice(struct ui *ui, int y)
{
    if (RF.phase == RF_DONE) {
        ui_wrap(ui, y, 2, ui->cols - 4, 3, 0, RF.outcome_role, RF.outcome);
        ui_text(ui, y + 4, 2, ui->cols - 4, ROLE_NORMAL, "q back");
        return;
    }
    ui_wrap(ui, y, 2, ui->cols - 4, 3, 0, ROLE_DIM,
            "The held-out row was fitted without its reviews: it shows how the fit does on "
            "reviews it has not seen.");
    if (RF.r.outcome == OPT_TOO_FEW) {
        ui_text(ui, y + 3, 2, ui->cols - 4, ROLE_NORMAL,
                "n  remember this, ask again after more reviews      q  back");
        return;
    }
    ui_text(ui, y + 3, 2, ui->cols - 4, ROLE_ACCENT,
            "y  use these weights: store, apply, re-derive every card's memory");
    ui_text(ui, y + 4, 2, ui->cols - 4, ROLE_NORMAL,
            "n  store them without using them              q  leave, store nothing");
}

static void refit_draw(struct view *v, struct ui *ui)
{
    (void)v;
    char d[11], right[40];
    clock_day_str(clock_day(ui->app->now, ui->app->cfg.rollover_hour), d);
    snprintf(right, sizeof right, "%s", d);
    ui_title(ui, "refit the memory model", right);
    int y = draw_summary(ui, 2);
    y = draw_table(ui, y);
    draw_choice(ui, y);
}

/* ---- actions ---- */

static int store(struct ui *ui, int apply)
{
    struct lp_err err = {0};
    struct refit_applied ap;
    if (apply)
        ui_busy(ui, "re-deriving every card's memory from its reviews...");
    if (refit_store(ui->app, &RF.r, apply, &ap, &err) != LP_OK) {
        ui_status(ui, ROLE_BAD, "refit: %s", err.msg);
        if (!ap.fit_id)
            return UI_REDRAW; /* nothing stored: the choice stays open */
        snprintf(RF.outcome, sizeof RF.outcome,
                 "Stored as fit %lld, not in use: applying it "
                 "failed (see below), and no card was changed.",
                 ap.fit_id);
        RF.outcome_role = ROLE_BAD;
    } else if (apply) {
        snprintf(RF.outcome, sizeof RF.outcome,
                 "Fit %lld is in use%s. Re-derived the memory of "
                 "%ld card%s from their reviews; %ld due date%s moved.",
                 ap.fit_id,
                 ap.pinned ? " (but config.yaml sets params, and those stay in use)" : "",
                 ap.rd.cards, plural(ap.rd.cards), ap.rd.moved, plural(ap.rd.moved));
        RF.outcome_role = ROLE_GOOD;
        ui_status(ui, ROLE_GOOD, "the new weights are in use");
    } else {
        snprintf(RF.outcome, sizeof RF.outcome,
                 "Stored as fit %lld, not in use: the weights "
                 "in use stay, and the offer waits for the next %d reviews (or a month).",
                 ap.fit_id, FITOFFER_REVIEWS);
        RF.outcome_role = ROLE_NORMAL;
        ui_status(ui, ROLE_NORMAL, "the fit is stored, not in use");
    }
    RF.phase = RF_DONE;
    return UI_REDRAW;
}

static int refit_handle(struct view *v, struct ui *ui, enum ui_action act)
{
    (void)v;
    if (RF.phase == RF_DONE || (act != ACT_REFIT_APPLY && act != ACT_REFIT_KEEP))
        return UI_UNHANDLED;
    if (act == ACT_REFIT_APPLY && RF.r.outcome == OPT_TOO_FEW) {
        ui_status(ui, ROLE_BAD, "%s", "too few reviews to fit: the defaults stay (n or q)");
        return UI_REDRAW;
    }
    return store(ui, act == ACT_REFIT_APPLY);
}

static void refit_close(struct view *v, struct ui *ui)
{
    (void)v;
    (void)ui;
    memset(&RF, 0, sizeof RF);
}

const struct view_ops view_refit_ops = {
    .title = "refit",
    .scope = SC_REFIT,
    .open = refit_open,
    .draw = refit_draw,
    .handle = refit_handle,
    .close = refit_close,
};
