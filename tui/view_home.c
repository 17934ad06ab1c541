/*
 * view_home.c - where the learner stands today: due and new cards per section
 * with an estimate of the time, the streak, retention against the target, the
 * plan week, the latest readiness score and the last mock quiz's.  Its keys lead to every other screen.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "checklist.h"
#include "clock.h"
#include "fitoffer.h"
#include "mock.h"
#include "plan.h"
#include "today.h"
#include "ui.h"

struct home_state {
    struct today t;
    int loaded;
    char plan[320];  /* plan_headline(), "" without a plan */
    char ready[320]; /* the latest readiness assessment, "" without one */
    enum ui_role ready_role;
    char refit[200]; /* the offer to refit the memory model, "" when not due */
    char mock[64];   /* " · last mock 62% (2026-01-05)", "" before the first */
};

static struct home_state home;

static const struct {
    const char *id, *label;
} sections[] = {
    {"mathematics", "Mathematics"},
    {"statistics", "Statistics and probability"},
    {"computer-science", "Computer science"},
    {"machine-learning", "Machine learning"},
    {"alignment", "Alignment reading questions"},
    {"practice", "Practice drills"},
};

/* The latest saved assessment, with its band and change. */
static void load_readiness(struct ui *ui)
{
    struct lp_err err = {0};
    struct checklist_history h;
    home.ready[0] = '\0';
    if (checklist_history(ui->app->st, NULL, &h, &err) != LP_OK)
        return;
    if (h.n) {
        const struct checklist_assessment *a = &h.a[h.n - 1];
        char d[11], change[48] = "";
        clock_day_str(a->day, d);
        if (a->has_prev)
            snprintf(change, sizeof change, ", %+d since the one before", a->change);
        snprintf(home.ready, sizeof home.ready, "Readiness %d/100 (%s, %s), %s%s", a->percent,
                 a->band[0] ? a->band : "no band", checklist_kind_name(a->kind), d, change);
        home.ready_role = a->percent >= 80 ? ROLE_GOOD : a->percent >= 60 ? ROLE_DUE : ROLE_BAD;
    }
    checklist_history_free(&h);
}

static void load_plan(struct ui *ui)
{
    struct lp_err err = {0};
    struct plan_status s;
    home.plan[0] = '\0';
    if (plan_status(ui->app->st, home.t.day, &s, &err) != LP_OK)
        return;
    plan_headline(&s, home.plan, sizeof home.plan);
    plan_status_free(&s);
}

/* The newest mock quiz's score, for the line under the streak. */
static void load_last_mock(struct ui *ui)
{
    struct lp_err err = {0};
    struct mock_results r;
    int64_t *ids = NULL;
    size_t n = 0;
    home.mock[0] = '\0';
    if (mock_list(ui->app->st, &ids, &n, &err) == LP_OK && n &&
        mock_results(ui->app->st, ids[0], &r, &err) == LP_OK) {
        char d[11];
        clock_day_str(clock_day(r.started, ui->app->cfg.rollover_hour), d);
        snprintf(home.mock, sizeof home.mock, " · last mock %.0f%% (%s)",
                 r.total.asked ? 100.0 * r.total.score / r.total.asked : 0.0, d);
        mock_results_free(&r);
    }
    free(ids);
}

/* Enough new reviews since the last fit (fitoffer.h): offer a refit. */
static void load_refit_offer(struct ui *ui)
{
    struct lp_err err = {0};
    struct fitoffer o;
    home.refit[0] = '\0';
    if (fitoffer_check(ui->app->st, ui->app->now, ui->app->cfg.rollover_hour, &o, &err) != LP_OK ||
        !o.due)
        return;
    char ago[32];
    snprintf(ago, sizeof ago, o.days == 0 ? "today" : o.days == 1 ? "yesterday" : "%d days ago",
             o.days);
    const char *more = o.reviews >= FITOFFER_REVIEWS ? "+" : ""; /* counted up to that */
    if (o.has_fit)
        snprintf(home.refit, sizeof home.refit,
                 "%ld%s reviews since the memory model was last fitted (%s): f to refit",
                 o.reviews, more, ago);
    else
        snprintf(home.refit, sizeof home.refit,
                 "%ld%s reviews so far on the default memory model: f to fit it to you",
                 o.reviews, more);
}

static int home_reload(struct ui *ui)
{
    struct lp_err err = {0};
    if (home.loaded)
        today_free(&home.t);
    home.loaded = 0;
    if (today_load(ui->app->st, &ui->app->cfg, ui->app->now, &home.t, &err) != LP_OK) {
        ui_status(ui, ROLE_BAD, "%s", err.msg);
        return -1;
    }
    home.loaded = 1;
    load_plan(ui);
    load_readiness(ui);
    load_refit_offer(ui);
    load_last_mock(ui);
    return 0;
}

static int home_open(struct view *v, struct ui *ui)
{
    v->state = &home;
    memset(&home, 0, sizeof home);
    return home_reload(ui);
}

static void draw_sections(struct ui *ui, int y)
{
    char line[160];
    attrset(ui_attr(ui, ROLE_TITLE));
    mvprintw(y, 2, "%-34s %8s %8s %8s", "Today", "learning", "review", "new");
    attrset(A_NORMAL);
    for (size_t i = 0; i < sizeof sections / sizeof sections[0]; i++) {
        int l, r, f;
        today_section(&home.t, sections[i].id, &l, &r, &f);
        snprintf(line, sizeof line, "%-34s %8d %8d %8d", sections[i].label, l, r, f);
        ui_text(ui, y + 1 + (int)i, 2, ui->cols - 4, l + r ? ROLE_DUE : ROLE_NORMAL, line);
    }
}

static void draw_totals(struct ui *ui, int y)
{
    const struct today *t = &home.t;
    char line[200];
    ui_hline(ui, y);
    snprintf(line, sizeof line, "%-34s %8d %8d %8d   about %.0f min",
             "Today, after the daily limits", t->learn, t->review, t->fresh, t->minutes + 0.49);
    ui_text(ui, y + 1, 2, ui->cols - 4, ROLE_TITLE, line);
    if (t->review < t->review_raw) {
        snprintf(line, sizeof line, "%d more reviews are due beyond today's limit",
                 t->review_raw - t->review);
        ui_text(ui, y + 2, 2, ui->cols - 4, ROLE_BAD, line);
    }
}

static void draw_record(struct ui *ui, int y)
{
    const struct today *t = &home.t;
    char line[200];
    double target = ui->app->cfg.retention * 100;
    if (t->ret_total > 0)
        snprintf(line, sizeof line,
                 "Streak %d day%s   Retention (30 days) %.0f%% of %d reviews, target %.0f%%",
                 t->streak, t->streak == 1 ? "" : "s", 100.0 * t->ret_passed / t->ret_total,
                 t->ret_total, target);
    else
        snprintf(line, sizeof line,
                 "Streak %d day%s   Retention: no reviews in the last 30 days (target %.0f%%)",
                 t->streak, t->streak == 1 ? "" : "s", target);
    ui_text(ui, y, 2, ui->cols - 4, ROLE_NORMAL, line);
    snprintf(line, sizeof line, "Done today: %d answer%s, %d new card%s%s", t->done.answers,
             t->done.answers == 1 ? "" : "s", t->done.new_done, t->done.new_done == 1 ? "" : "s",
             home.mock);
    ui_text(ui, y + 1, 2, ui->cols - 4, ROLE_DIM, line);
}

static void draw_planning(struct ui *ui, int y)
{
    if (home.plan[0])
        ui_text(ui, y, 2, ui->cols - 4, ROLE_NORMAL, home.plan);
    else
        ui_text(ui, y, 2, ui->cols - 4, ROLE_DIM, "No plan yet: p to start a twelve-week plan");
    if (home.ready[0])
        ui_text(ui, y + 1, 2, ui->cols - 4, home.ready_role, home.ready);
    else
        ui_text(ui, y + 1, 2, ui->cols - 4, ROLE_DIM,
                "No readiness assessment yet: c to take the checklist");
    if (home.refit[0])
        ui_text(ui, y + 2, 2, ui->cols - 4, ROLE_ACCENT, home.refit);
}

static void draw_keys(struct ui *ui, int y)
{
    const struct today *t = &home.t;
    const char *hint = t->learn + t->review + t->fresh > 0
                           ? "Press s to study today's cards."
                           : "Nothing left for today: take a mock quiz or browse.";
    ui_text(ui, y, 2, ui->cols - 4, ROLE_ACCENT, hint);
    ui_text(ui, y + 2, 2, ui->cols - 4, ROLE_NORMAL,
            "s study    m mock quiz    b browse cards    ? help    Q quit");
    ui_text(ui, y + 3, 2, ui->cols - 4, ROLE_NORMAL,
            "p plan     c checklist    r reading list    w weekly review");
}

static void home_draw(struct view *v, struct ui *ui)
{
    (void)v;
    char date[40];
    time_t now = (time_t)ui->app->now;
    struct tm tm;
    localtime_r(&now, &tm);
    strftime(date, sizeof date, "%a %d %b %Y", &tm);
    ui_title(ui, "home", date);
    if (!home.loaded)
        return;
    draw_sections(ui, 2);
    draw_totals(ui, 9);
    draw_record(ui, 13);
    draw_planning(ui, 15);
    draw_keys(ui, 18);
}

static int home_handle(struct view *v, struct ui *ui, enum ui_action act)
{
    (void)v;
    switch (act) {
    case ACT_GO_STUDY:
        ui_push(ui, &view_study_ops, NULL);
        return UI_REDRAW;
    case ACT_GO_MOCK:
        ui_push(ui, &view_mock_ops, NULL);
        return UI_REDRAW;
    case ACT_GO_BROWSE:
        ui_push(ui, &view_browse_ops, NULL);
        return UI_REDRAW;
    case ACT_GO_PLAN:
        ui_push(ui, &view_plan_ops, NULL);
        return UI_REDRAW;
    case ACT_GO_CHECKLIST:
        ui_push(ui, &view_checklist_ops, NULL);
        return UI_REDRAW;
    case ACT_GO_READING:
        ui_push(ui, &view_reading_ops, NULL);
        return UI_REDRAW;
    case ACT_GO_REVIEW:
        ui_push(ui, &view_review_ops, NULL);
        return UI_REDRAW;
    case ACT_REFIT:
        ui_push(ui, &view_refit_ops, NULL);
        return UI_REDRAW;
    case ACT_BACK:
        return UI_QUIT; /* q on the home screen leaves, as in tig */
    case ACT_REDRAW:
        home_reload(ui);
        return UI_UNHANDLED; /* and let the loop repaint everything */
    default:
        return UI_UNHANDLED;
    }
}

/* Coming back from another screen: the numbers have changed. */
static void home_resume(struct view *v, struct ui *ui)
{
    (void)v;
    home_reload(ui);
}

static void home_close(struct view *v, struct ui *ui)
{
    (void)v;
    (void)ui;
    if (home.loaded)
        today_free(&home.t);
    home.loaded = 0;
}

const struct view_ops view_home_ops = {
    .title = "home",
    .scope = SC_HOME,
    .open = home_open,
    .draw = home_draw,
    .handle = home_handle,
    .close = home_close,
    .resume = home_resume,
};
