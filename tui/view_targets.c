/*
 * view_targets.c - `t` on the plan screen: what each retention target costs until
 * the interview and what it buys on the day, simulated on the user's own cards
 * (simreport.h, the same table as `labprep fsrs simulate`), with the settings in
 * force and how to change them.  The question users ask most of Anki ("which
 * retention should I pick?"), answered before they pick.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "simreport.h"
#include "ui.h"

#define TARGETS_MAX_LINES 64

struct targets {
    char *text;                      /* the page, lines separated by '\n' */
    const char *line[TARGETS_MAX_LINES];
    enum ui_role role[TARGETS_MAX_LINES];
    int n, top;
};

static struct targets TG;

static void add_lines(char *text, enum ui_role role)
{
    for (char *p = text; p && *p && TG.n < TARGETS_MAX_LINES;) {
        char *nl = strchr(p, '\n');
        if (nl)
            *nl = '\0';
        TG.role[TG.n] = role;
        TG.line[TG.n++] = p;
        p = nl ? nl + 1 : NULL;
    }
}

/* The settings in force, and where to change them. */
static void settings(FILE *f, const struct config *c)
{
    fprintf(f, "\nYour settings: desired retention %.2f (config.yaml: retention).\n",
            c->retention);
    if (c->interview_mode)
        fprintf(f, "Date-aware mode is on: oral-quiz cards aim at %.2f on the day.\n",
                c->interview_retention);
    else
        fprintf(f, "Date-aware mode is off (config.yaml: interview_mode: true turns it on;\n"
                   "interview_retention sets the recall it aims at on the day).\n");
    fprintf(f, "Higher targets cost more reviews a day for higher recall on the day;\n"
               "the date-aware row keeps the usual load early and raises it near the date.\n");
}

static int targets_open(struct view *v, struct ui *ui)
{
    struct lp_err err = {0};
    struct simreport_args o;
    struct sim_report *s = malloc(sizeof *s);
    size_t len = 0;
    memset(&TG, 0, sizeof TG);
    v->state = &TG;
    FILE *f = s ? open_memstream(&TG.text, &len) : NULL;
    if (!f) {
        free(s);
        return ui_status(ui, ROLE_BAD, "out of memory"), -1;
    }
    simreport_defaults(&o);
    o.date_target = ui->app->cfg.interview_retention;
    ui_busy(ui, "simulating the weeks until the interview...");
    enum lp_code rc = simreport_run(ui->app, &o, s, &err);
    if (rc == LP_OK)
        simreport_text(s, f);
    else if (rc == LP_ENOTFOUND)
        fprintf(f, "No interview date yet, so there is nothing to aim at.\n"
                   "Set one on the running plan with: labprep plan interview YYYY-MM-DD\n");
    else
        fprintf(f, "The simulation failed: %s\n", err.msg);
    settings(f, &ui->app->cfg);
    free(s);
    if (fclose(f) != 0 || !TG.text)
        return ui_status(ui, ROLE_BAD, "out of memory"), -1;
    add_lines(TG.text, rc == LP_OK ? ROLE_NORMAL : ROLE_DUE);
    ui_status(ui, ROLE_DIM, "%s", "j/k scroll · q back to the plan");
    return 0;
}

static void targets_draw(struct view *v, struct ui *ui)
{
    (void)v;
    char right[48];
    int room = ui->rows - 2;
    if (TG.top > TG.n - room)
        TG.top = TG.n - room > 0 ? TG.n - room : 0;
    int last = TG.top + room < TG.n ? TG.top + room : TG.n;
    snprintf(right, sizeof right, "lines %d-%d of %d", TG.n ? TG.top + 1 : 0, last, TG.n);
    ui_title(ui, "retention targets until the interview", right);
    for (int i = TG.top; i < last; i++)
        ui_text(ui, 1 + i - TG.top, 1, ui->cols - 2,
                TG.line[i][0] == ' ' || TG.role[i] != ROLE_NORMAL ? TG.role[i] : ROLE_ACCENT,
                TG.line[i]);
}

static int targets_handle(struct view *v, struct ui *ui, enum ui_action act)
{
    (void)v;
    int page = ui->rows - 3;
    switch (act) {
    case ACT_UP:
    case ACT_DOWN:
    case ACT_PAGE_UP:
    case ACT_PAGE_DOWN:
        TG.top += act == ACT_UP ? -1 : act == ACT_DOWN ? 1 : act == ACT_PAGE_UP ? -page : page;
        if (TG.top < 0)
            TG.top = 0;
        return UI_REDRAW;
    default:
        return UI_UNHANDLED;
    }
}

static void targets_close(struct view *v, struct ui *ui)
{
    (void)v;
    (void)ui;
    free(TG.text);
    memset(&TG, 0, sizeof TG);
}

const struct view_ops view_targets_ops = {
    .title = "retention targets",
    .scope = SC_TARGETS,
    .open = targets_open,
    .draw = targets_draw,
    .handle = targets_handle,
    .close = targets_close,
};
