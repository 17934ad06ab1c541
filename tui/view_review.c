/*
 * view_review.c - the weekly review of the seven study days ending today: reviews
 * and minutes per day, true retention against the target per section, new cards
 * per topic, leeches, mock scores and their trend, the checklist change,
 * milestones done against planned, the 16-week heatmap, the coming week's load,
 * the plan for next week and the model's calibration (predicted against actual
 * recall, as text bars).  All of it comes from report_week(); this file only
 * lays it out as one page of lines that scrolls (j/k, PgUp/PgDn).
 *
 * `w` writes the same review as Markdown into the data directory with the writer
 * that `labprep report --week --out` uses (whole file or nothing).
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "clock.h"
#include "fileio.h"
#include "report.h"
#include "report_fmt.h"
#include "text.h"
#include "ui.h"

#define LINE_MAX_BYTES 400
#define MAX_LEECH_LINES 12
#define BAR_COLS 20

struct review_line {
    enum ui_role role;
    char text[LINE_MAX_BYTES];
};

struct review_screen {
    struct report_week r;
    int loaded;
    struct review_line *lines;
    int n, cap, top;
    char written[PATHS_MAX + 40]; /* the Markdown file, once written */
};

static struct review_screen W;

static const char *const weekday[7] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};

/* ---- building the page ---- */

static void add(enum ui_role role, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void add(enum ui_role role, const char *fmt, ...)
{
    if (W.n == W.cap) {
        int cap = W.cap ? 2 * W.cap : 128;
        struct review_line *l = realloc(W.lines, (size_t)cap * sizeof *l);
        if (!l)
            return; /* the page is cut short rather than lost */
        W.lines = l;
        W.cap = cap;
    }
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(W.lines[W.n].text, LINE_MAX_BYTES, fmt, ap);
    va_end(ap);
    W.lines[W.n++].role = role;
}

static void heading(const char *title)
{
    if (W.n)
        add(ROLE_NORMAL, "%s", "");
    add(ROLE_TITLE, "%s", title);
}

static const char *date(int32_t day, char buf[11])
{
    clock_day_str(day, buf);
    return buf;
}

static void bar(int value, int max, char *buf, size_t size)
{
    int cols = max > 0 ? (value * BAR_COLS + max - 1) / max : 0;
    size_t len = 0;
    buf[0] = '\0';
    for (int i = 0; i < cols && len + 4 < size; i++)
        len += (size_t)snprintf(buf + len, size - len, "█");
}

static void build_days(const struct report_week *r)
{
    char d[11], b[80];
    int max = 0;
    for (int i = 0; i < REPORT_DAYS; i++)
        max = r->days[i].answers > max ? r->days[i].answers : max;
    heading("Study per day");
    if (r->study_days)
        add(ROLE_NORMAL, "Studied on %d of 7 days: %d answers (%d reviews, %d new), %.0f min",
            r->study_days, r->answers, r->reviews, r->fresh, r->minutes);
    else
        add(ROLE_BAD, "%s", "No study this week.");
    add(ROLE_DIM, "%-14s %7s %7s %5s %7s", "day", "answers", "reviews", "new", "minutes");
    for (int i = 0; i < REPORT_DAYS; i++) {
        const struct report_day *x = &r->days[i];
        bar(x->answers, max, b, sizeof b);
        add(x->answers ? ROLE_NORMAL : ROLE_DIM, "%s %s %7d %7d %5d %7.1f  %s",
            weekday[report_weekday(x->day)], date(x->day, d), x->answers, x->reviews, x->fresh,
            x->minutes, b);
    }
}

static void build_retention(const struct report_week *r)
{
    char title[80];
    snprintf(title, sizeof title, "True retention (target %.0f%%)", 100 * r->target);
    heading(title);
    if (r->retention[r->n_retention - 1].reviews == 0) {
        add(ROLE_DIM, "%s", "No reviews of cards in review this week.");
        return;
    }
    for (size_t i = 0; i < r->n_retention; i++) {
        const struct report_retention *x = &r->retention[i];
        const char *name = x->section[0] ? x->section : "all sections";
        if (x->retention < 0)
            add(ROLE_DIM, "%-20s      -  no reviews", name);
        else
            add(x->retention >= r->target ? ROLE_GOOD : ROLE_BAD,
                "%-20s %5.1f%% of %d review%s  (%+.1f points)", name, 100 * x->retention,
                x->reviews, x->reviews == 1 ? "" : "s", 100 * (x->retention - r->target));
    }
}

/* Predicted against actual recall, as the same text bars `fsrs calibration` prints. */
static void build_calibration(const struct report_week *r)
{
    const struct calib *c = &r->calib;
    char line[LINE_MAX_BYTES];
    heading("Calibration: predicted against actual recall");
    if (!c->n) {
        add(ROLE_DIM, "%s", "No answers to cards in review yet.");
        return;
    }
    double err = calib_error(c);
    add(err <= 0.05 ? ROLE_GOOD : ROLE_BAD,
        "Latest %ld review answers: predicted %.1f%%, recalled %.1f%%, error %.1f points",
        c->n, 100 * calib_mean_predicted(c), 100 * calib_mean_actual(c),
        100 * err);
    add(ROLE_DIM, "%s", calib_header());
    for (int i = 0; i < CALIB_BINS; i++) {
        calib_row(c, i, line, sizeof line);
        if (line[0])
            add(ROLE_NORMAL, "%s", line);
    }
    add(ROLE_DIM, "%s", calib_legend());
}

static void build_topics_leeches(const struct report_week *r)
{
    heading("New cards by topic");
    if (!r->n_topics)
        add(ROLE_DIM, "%s", "No new cards this week.");
    for (size_t i = 0; i < r->n_topics; i++)
        add(ROLE_NORMAL, "%-30s %4d", r->topics[i].topic, r->topics[i].learned);
    heading("Leeches");
    if (!r->n_leeches)
        add(ROLE_DIM, "%s", "No leeches.");
    else
        add(r->new_leeches ? ROLE_BAD : ROLE_NORMAL, "%zu leech%s, %d new this week",
            r->n_leeches, r->n_leeches == 1 ? "" : "es", r->new_leeches);
    for (size_t i = 0; i < r->n_leeches && i < MAX_LEECH_LINES; i++)
        add(r->leeches[i].this_week ? ROLE_BAD : ROLE_NORMAL, "  %s (%s, %d lapses)%s",
            r->leeches[i].id, r->leeches[i].deck, r->leeches[i].lapses,
            r->leeches[i].this_week ? " - new this week" : "");
    if (r->n_leeches > MAX_LEECH_LINES)
        add(ROLE_DIM, "  and %zu more (browse, filter leech)", r->n_leeches - MAX_LEECH_LINES);
}

static void build_mocks_checklist(const struct report_week *r)
{
    char d[11], d2[11];
    heading("Mock quizzes");
    if (!r->n_mocks)
        add(ROLE_DIM, "%s", "No mock quiz taken yet.");
    else if (r->has_mock_trend)
        add(r->mock_trend >= 0 ? ROLE_GOOD : ROLE_BAD, "%d this week; trend %+.0f points",
            r->mocks_in_week, r->mock_trend);
    else
        add(ROLE_NORMAL, "%d this week", r->mocks_in_week);
    for (size_t i = 0; i < r->n_mocks; i++)
        add(ROLE_NORMAL, "  %s  %3d questions  %3.0f%%%s", date(r->mocks[i].day, d),
            r->mocks[i].answers, 100 * r->mocks[i].score, r->mocks[i].in_week ? "  this week" : "");
    heading("Readiness checklist");
    const struct checklist_assessment *a = &r->assessment;
    if (!r->has_assessment)
        add(ROLE_DIM, "%s", "No assessment saved yet (c, then S).");
    else
        add(ROLE_NORMAL, "Latest (%s, %s): %d/%d (%d%%), %s", checklist_kind_name(a->kind),
            date(a->day, d), a->score, a->max, a->percent, a->band[0] ? a->band : "no band");
    if (r->has_assessment && r->has_prev_assessment)
        add(a->percent >= r->prev.percent ? ROLE_GOOD : ROLE_BAD,
            "Change: %+d points since %s (%d%%)", a->percent - r->prev.percent,
            date(r->prev.day, d2), r->prev.percent);
}

static void build_milestones(const struct report_milestone *m, size_t n)
{
    for (size_t i = 0; i < n; i++)
        add(m[i].done ? ROLE_GOOD : ROLE_NORMAL, "  [%c] %s%s", m[i].done ? 'x' : ' ', m[i].text,
            m[i].done_in_week ? " (done this week)" : "");
}

static void build_plan(const struct report_week *r)
{
    heading("Plan");
    if (!r->has_plan) {
        add(ROLE_DIM, "%s", "No plan is active (p to start one).");
        return;
    }
    if (r->plan_week == 0)
        add(ROLE_NORMAL, "The %s plan has not started yet.", r->track);
    else if (r->plan_week > r->plan_weeks)
        add(ROLE_NORMAL, "The %s plan is finished.", r->track);
    else
        add(ROLE_NORMAL, "%s week %d of %d: %s", r->track, r->plan_week, r->plan_weeks, r->theme);
    add(r->plan_behind ? ROLE_BAD : ROLE_GOOD,
        "Milestones: %d of %zu of this week done; %d ticked these 7 days; %d behind",
        r->planned_done, r->n_planned, r->done_in_week, r->plan_behind);
    build_milestones(r->planned, r->n_planned);
}

/* Two columns a week; a day without answers is a dot, days after the week blank. */
static const char *heat_cell(int level)
{
    return level < 0 ? "  " : level == 0 ? "· " : NULL;
}

/* "' ' none  ░ 1-2  ▒ 3  █ 4+", as the Markdown writer's legend, empty ranges left out. */
static void heat_legend(const struct report_week *r)
{
    char buf[200];
    int lo = 1, len = snprintf(buf, sizeof buf, "    · none");
    for (int k = 0; k < 3 && len > 0 && (size_t)len < sizeof buf; k++) {
        int hi = r->heat_q[k];
        if (hi < lo)
            continue;
        if (hi == lo)
            len += snprintf(buf + len, sizeof buf - (size_t)len, "  %s %d", report_fmt_glyph(k + 1),
                            lo);
        else
            len += snprintf(buf + len, sizeof buf - (size_t)len, "  %s %d-%d",
                            report_fmt_glyph(k + 1), lo, hi);
        lo = hi + 1;
    }
    add(ROLE_DIM, "%s  %s %d+ (answers a day)", buf, report_fmt_glyph(4), lo);
}

static void build_heatmap(const struct report_week *r)
{
    char a[11], b[11], row[200];
    heading("Last 16 weeks");
    add(ROLE_DIM, "    %s .. %s, one column per week", date(r->heat_first_day, a),
        date(r->end_day, b));
    for (int d = 0; d < 7; d++) {
        size_t len = 0;
        row[0] = '\0';
        for (int w = 0; w < REPORT_HEAT_WEEKS && len + 8 < sizeof row; w++) {
            const char *g = report_fmt_glyph(r->heat_level[d][w]), *c = heat_cell(r->heat_level[d][w]);
            len += (size_t)(c ? snprintf(row + len, sizeof row - len, "%s", c)
                              : snprintf(row + len, sizeof row - len, "%s%s", g, g));
        }
        add(ROLE_GOOD, "%s %s", weekday[d], row);
    }
    heat_legend(r);
}

static void build_forecast_next(const struct report_week *r)
{
    char d[11], b[80], title[80];
    int max = 0;
    for (int i = 0; i < REPORT_DAYS; i++)
        max = r->forecast[i] > max ? r->forecast[i] : max;
    snprintf(title, sizeof title, "The next 7 days: %d due", r->forecast_total);
    heading(title);
    for (int i = 0; i < REPORT_DAYS; i++) {
        int32_t day = r->end_day + 1 + i;
        bar(r->forecast[i], max, b, sizeof b);
        add(ROLE_NORMAL, "%s %s %5d  %s", weekday[report_weekday(day)], date(day, d),
            r->forecast[i], b);
    }
    heading("Next week");
    if (!r->has_next_week) {
        add(ROLE_DIM, "%s", r->has_plan ? "The plan has no further week." : "No plan is active.");
        return;
    }
    add(ROLE_NORMAL, "Week %d: %s", r->next_week, r->next_theme);
    build_milestones(r->next, r->n_next);
}

static void build(void)
{
    W.n = 0;
    build_days(&W.r);
    build_retention(&W.r);
    build_topics_leeches(&W.r);
    build_mocks_checklist(&W.r);
    build_plan(&W.r);
    build_heatmap(&W.r);
    build_forecast_next(&W.r);
    build_calibration(&W.r);
}

static int review_open(struct view *v, struct ui *ui)
{
    struct lp_err err = {0};
    memset(&W, 0, sizeof W);
    v->state = &W;
    int32_t today = clock_day(ui->app->now, ui->app->cfg.rollover_hour);
    if (report_week(ui->app->st, &ui->app->cfg, today, &W.r, &err) != LP_OK) {
        ui_status(ui, ROLE_BAD, "%s", err.msg);
        return -1;
    }
    W.loaded = 1;
    build();
    ui_status(ui, ROLE_DIM, "%s", "j/k PgUp/PgDn scroll · w writes it out as Markdown");
    return 0;
}

/* ---- drawing ---- */

/* Rows for the page: below the title, and below the written file's line. */
static int page_top(void)
{
    return W.written[0] ? 2 : 1;
}

static int page_rows(const struct ui *ui)
{
    return ui->rows - 1 - page_top();
}

static void review_draw(struct view *v, struct ui *ui)
{
    (void)v;
    char a[11], b[11], right[120];
    int room = page_rows(ui);
    if (W.top > W.n - room)
        W.top = W.n - room > 0 ? W.n - room : 0;
    int last = W.top + room < W.n ? W.top + room : W.n;
    snprintf(right, sizeof right, "%s to %s · lines %d-%d of %d", date(W.r.start_day, a),
             date(W.r.end_day, b), W.top + 1, last, W.n);
    ui_title(ui, "weekly review", right);
    if (W.written[0]) {
        char line[sizeof W.written + 16];
        snprintf(line, sizeof line, "Written to %s", W.written);
        ui_text(ui, 1, 2, ui->cols - 4, ROLE_GOOD, line);
    }
    for (int i = W.top; i < last; i++)
        ui_text(ui, page_top() + i - W.top, 2, ui->cols - 4, W.lines[i].role, W.lines[i].text);
}

/* ---- writing it out ---- */

/* The end of path that fits in cols columns, "…" first when cut. */
static const char *tail(const char *path, int cols, char *buf, size_t size)
{
    const char *p = path;
    while (*p && text_width(p, strlen(p)) > cols - 1)
        for (p++; (*p & 0xC0) == 0x80; p++)
            ; /* to the next character */
    snprintf(buf, size, "%s%s", p == path ? "" : "…", p);
    return buf;
}

static int write_markdown(struct ui *ui)
{
    struct lp_err err = {0};
    char d[11], path[PATHS_MAX + 40];
    const char *dir = ui->app->paths.data_dir;
    snprintf(path, sizeof path, "%s/review-%s.md", dir, date(W.r.end_day, d));
    if (fileio_mkdirs(dir) /* --db may point elsewhere */ != 0)
        ui_status(ui, ROLE_BAD, "cannot make %s: %s", dir, strerror(errno));
    else if (report_fmt_save(&W.r, 0, path, &err) != LP_OK)
        ui_status(ui, ROLE_BAD, "not written: %s", err.msg);
    else {
        char shown[sizeof path + 4];
        /* The status line keeps about cols - 25 columns for the message. */
        ui_status(ui, ROLE_GOOD, "written to %s", tail(path, ui->cols - 36, shown, sizeof shown));
        snprintf(W.written, sizeof W.written, "%s", path);
    }
    return UI_REDRAW;
}

/* ---- actions ---- */

static int review_handle(struct view *v, struct ui *ui, enum ui_action act)
{
    (void)v;
    int page = page_rows(ui) - 1;
    switch (act) {
    case ACT_UP:
    case ACT_DOWN:
    case ACT_PAGE_UP:
    case ACT_PAGE_DOWN:
        W.top += act == ACT_UP ? -1 : act == ACT_DOWN ? 1 : act == ACT_PAGE_UP ? -page : page;
        W.top = W.top < 0 ? 0 : W.top; /* the end is kept by draw */
        return UI_REDRAW;
    case ACT_WRITE_REVIEW:
        return write_markdown(ui);
    default:
        return UI_UNHANDLED;
    }
}

static void review_close(struct view *v, struct ui *ui)
{
    (void)v;
    (void)ui;
    if (W.loaded)
        report_free(&W.r);
    free(W.lines);
    memset(&W, 0, sizeof W);
}

const struct view_ops view_review_ops = {
    .title = "weekly review",
    .scope = SC_REVIEW,
    .open = review_open,
    .draw = review_draw,
    .handle = review_handle,
    .close = review_close,
};
