/*
 * view_plan.c - the twelve-week roadmap: the weeks with their themes, the
 * current week highlighted and open with its milestones to tick, how far behind
 * the learner is (which milestones, from which weeks), the countdown to the
 * interview, and one line saying what to do today.
 *
 * Without a plan the screen lists the roadmap tracks: j/k choose one and Enter
 * starts it today.  The interview date is set from the shell (plan start
 * --interview), which the screen says.
 *
 * The list is one line per week plus one per milestone of each open week.  Past
 * weeks with open milestones start open too, so what is behind can be ticked.
 * Every tick is saved at once (plan_mark) and the plan re-read.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "plan.h"
#include "ui.h"

#define MAX_TRACKS 16
#define MAX_WEEKS 64
#define FOOT_ROWS 2 /* the selected milestone's text, or the week's focus */

struct plan_line {
    int week; /* index into s.wk */
    int ms;   /* index into s.ms, -1 for the week's own line */
};

struct plan_screen {
    struct plan_status s;
    int loaded;
    char tracks[MAX_TRACKS][PLAN_ID_MAX]; /* when there is no plan */
    int n_tracks;
    unsigned char open[MAX_WEEKS]; /* weeks shown with their milestones */
    struct plan_line *lines;
    int n_lines, cur, top;
};

static struct plan_screen P;

/* What each bundled track is, for choosing one; other tracks show their id only. */
static const struct {
    const char *track, *about;
} track_about[] = {
    {"rs", "research scientist, 12 weeks: research, theory, coding, mocks"},
    {"post-training", "12 weeks: fine-tuning, RLHF, DPO, GRPO, a portfolio"},
    {"re", "research engineer, 8 weeks: coding, systems, ML at scale"},
};

static int32_t today(const struct ui *ui)
{
    return clock_day(ui->app->now, ui->app->cfg.rollover_hour);
}

/* ---- loading ---- */

static void load_tracks(struct ui *ui)
{
    struct lp_err err = {0};
    char buf[MAX_TRACKS * (PLAN_ID_MAX + 2)];
    P.n_tracks = 0;
    if (plan_tracks(ui->app->st, buf, sizeof buf, &err) < 0) {
        ui_status(ui, ROLE_BAD, "%s", err.msg);
        return;
    }
    for (char *save = NULL, *t = strtok_r(buf, ", ", &save); t && P.n_tracks < MAX_TRACKS;
         t = strtok_r(NULL, ", ", &save))
        snprintf(P.tracks[P.n_tracks++], PLAN_ID_MAX, "%s", t);
}

/* Lay out the list from the open weeks. */
static void build_lines(void)
{
    free(P.lines);
    P.n_lines = 0;
    P.lines = malloc((P.s.n_weeks + P.s.n_ms + 1) * sizeof *P.lines);
    if (!P.lines)
        return;
    for (size_t w = 0; w < P.s.n_weeks; w++) {
        const struct plan_week *wk = &P.s.wk[w];
        P.lines[P.n_lines++] = (struct plan_line){(int)w, -1};
        for (size_t i = wk->first; w < MAX_WEEKS && P.open[w] && i < wk->first + wk->n; i++)
            P.lines[P.n_lines++] = (struct plan_line){(int)w, (int)i};
    }
}

/* Open the current week, and past weeks that still have open milestones. */
static void default_open(void)
{
    memset(P.open, 0, sizeof P.open);
    for (size_t w = 0; w < P.s.n_weeks && w < MAX_WEEKS; w++) {
        const struct plan_week *wk = &P.s.wk[w];
        P.open[w] = wk->week == P.s.week || (wk->week < P.s.week && wk->done < (int)wk->n) ||
                    (P.s.week == 0 && wk->week == 1);
    }
}

/* The line of the current week's first open milestone (or its week line). */
static int first_line(void)
{
    int at = 0;
    for (int i = 0; i < P.n_lines; i++) {
        const struct plan_line *l = &P.lines[i];
        if (P.s.wk[l->week].week != P.s.week)
            continue;
        if (l->ms < 0)
            at = i;
        else if (!P.s.ms[l->ms].done)
            return i;
    }
    return at;
}

static int reload(struct ui *ui)
{
    struct lp_err err = {0};
    if (P.loaded)
        plan_status_free(&P.s);
    P.loaded = 0;
    if (plan_status(ui->app->st, today(ui), &P.s, &err) != LP_OK) {
        ui_status(ui, ROLE_BAD, "%s", err.msg);
        return -1;
    }
    P.loaded = 1;
    if (!P.s.active)
        load_tracks(ui);
    build_lines();
    return 0;
}

static int plan_open(struct view *v, struct ui *ui)
{
    memset(&P, 0, sizeof P);
    v->state = &P;
    ui_status(ui, ROLE_NORMAL, "%s", "");
    if (reload(ui) != 0)
        return -1;
    default_open();
    build_lines();
    P.cur = first_line();
    P.top = -1;
    return 0;
}

/* ---- drawing: no plan yet ---- */

static const char *about(const char *track)
{
    for (size_t i = 0; i < sizeof track_about / sizeof track_about[0]; i++)
        if (!strcmp(track_about[i].track, track))
            return track_about[i].about;
    return "";
}

static void draw_no_plan(struct ui *ui)
{
    char line[400], d[11];
    int w = ui->cols - 4, y = 2;
    ui_title(ui, "plan", "no plan yet");
    ui_text(ui, y++, 2, w, ROLE_TITLE, "No plan yet.");
    y += ui_wrap(ui, y, 2, w, 3, 0, ROLE_NORMAL,
                 "A plan follows a roadmap week by week from its start date, with milestones to "
                 "tick; the current week's decks and topics get the new-card budget first.") +
         1;
    clock_day_str(today(ui), d);
    snprintf(line, sizeof line, "Choose a track with j/k and press Enter to start it today (%s):",
             d);
    ui_text(ui, y++, 2, w, ROLE_ACCENT, line);
    for (int i = 0; i < P.n_tracks && y < ui->rows - 5; i++, y++) {
        snprintf(line, sizeof line, "%-14s %s", P.tracks[i], about(P.tracks[i]));
        if (i == P.cur)
            attron(A_REVERSE);
        mvhline(y, 3, ' ', w - 2);
        ui_text(ui, y, 4, w - 4, ROLE_NORMAL, line);
        attroff(A_REVERSE);
    }
    if (P.n_tracks == 0)
        ui_text(ui, y++, 4, w - 2, ROLE_BAD, "No roadmap in the content: add one to start a plan.");
    ui_wrap(ui, y + 1, 2, w, 3, 0, ROLE_DIM,
            "Another start date or an interview date (for a countdown) are set from the shell: "
            "labprep plan start --track TRACK --start YYYY-MM-DD --interview YYYY-MM-DD");
}

/* ---- drawing: the plan ---- */

static void countdown_line(char *buf, size_t size)
{
    char d[11];
    int c = P.s.countdown;
    if (P.s.interview_day == PLAN_NO_DAY) {
        snprintf(buf, size, "No interview date (shell: labprep plan start --track %s --interview DATE)",
                 P.s.track);
        return;
    }
    clock_day_str(P.s.interview_day, d);
    if (c > 0)
        snprintf(buf, size, "Interview on %s: %d day%s to go", d, c, c == 1 ? "" : "s");
    else if (c == 0)
        snprintf(buf, size, "Interview today (%s): good luck", d);
    else
        snprintf(buf, size, "Interview was on %s, %d day%s ago", d, -c, c == -1 ? "" : "s");
}

/* "Behind: 3 milestones: week 1 rs-w1-a, rs-w1-b; week 2 rs-w2-c" */
static void behind_line(char *buf, size_t size)
{
    int len = snprintf(buf, size, "Behind: %d milestone%s:", P.s.behind, P.s.behind == 1 ? "" : "s");
    int week = 0;
    for (size_t i = 0; i < P.s.n_ms && len > 0 && (size_t)len + 8 < size; i++) {
        const struct plan_milestone *m = &P.s.ms[i];
        if (m->done || m->week >= P.s.week)
            continue;
        if (m->week != week)
            len += snprintf(buf + len, size - (size_t)len, "%s week %d %s", week ? ";" : "",
                            m->week, m->id);
        else
            len += snprintf(buf + len, size - (size_t)len, ", %s", m->id);
        week = m->week;
    }
}

static int draw_header(struct ui *ui)
{
    char line[800], d1[11], d2[11];
    int w = ui->cols - 4, y = 1;
    plan_headline(&P.s, line, sizeof line);
    ui_text(ui, y++, 2, w, ROLE_TITLE, line);
    clock_day_str(P.s.start_day, d1);
    clock_day_str(P.s.start_day + 7 * P.s.weeks - 1, d2);
    snprintf(line, sizeof line, "%s · %s to %s · %d/%d done", P.s.title, d1, d2,
             P.s.done, P.s.total);
    ui_text(ui, y++, 2, w, ROLE_DIM, line);
    countdown_line(line, sizeof line);
    ui_text(ui, y++, 2, w,
            P.s.interview_day == PLAN_NO_DAY ? ROLE_DIM
            : P.s.countdown < 0              ? ROLE_BAD
                                             : ROLE_DUE,
            line);
    snprintf(line, sizeof line, "Today: %s", P.s.today_line);
    y += ui_wrap(ui, y, 2, w, 3, 0, ROLE_ACCENT, line);
    if (P.s.behind) {
        behind_line(line, sizeof line);
        y += ui_wrap(ui, y, 2, w, 2, 0, ROLE_BAD, line);
    } else if (P.s.week >= 1 && P.s.week <= P.s.weeks) {
        ui_text(ui, y++, 2, w, ROLE_GOOD, "On schedule: no milestone from an earlier week is open.");
    }
    return y;
}

static enum ui_role week_role(const struct plan_week *wk)
{
    if (wk->week == P.s.week)
        return ROLE_ACCENT;
    if (wk->week > P.s.week)
        return ROLE_DIM;
    return wk->done < (int)wk->n ? ROLE_BAD : ROLE_GOOD;
}

static void draw_line(struct ui *ui, int y, const struct plan_line *l, int selected)
{
    const struct plan_week *wk = &P.s.wk[l->week];
    char line[800];
    if (selected)
        attron(A_REVERSE);
    mvhline(y, 1, ' ', ui->cols - 2);
    if (l->ms < 0) {
        char count[24];
        snprintf(count, sizeof count, "%d/%zu", wk->done, wk->n);
        snprintf(line, sizeof line, "%s %s Week %2d  %s", wk->week == P.s.week ? "▶" : " ",
                 l->week < MAX_WEEKS && P.open[l->week] ? "▾" : "▸", wk->week, wk->theme);
        ui_text(ui, y, 1, ui->cols - 10, week_role(wk), line);
        ui_text(ui, y, ui->cols - 2 - (int)strlen(count), (int)strlen(count), week_role(wk),
                count);
    } else {
        const struct plan_milestone *m = &P.s.ms[l->ms];
        enum ui_role role = m->done             ? ROLE_GOOD
                            : m->week < P.s.week ? ROLE_BAD
                            : m->week > P.s.week ? ROLE_DIM
                                                 : ROLE_NORMAL;
        snprintf(line, sizeof line, "[%c] %s", m->done ? 'x' : ' ', m->text);
        ui_text(ui, y, 8, ui->cols - 10, role, line);
    }
    attroff(A_REVERSE);
}

static void draw_list(struct ui *ui, int y, int room)
{
    if (P.top < 0) /* just opened: the cursor low, so the weeks behind show above it */
        P.top = P.cur - room + 3 > 0 ? P.cur - room + 3 : 0;
    if (P.cur < P.top)
        P.top = P.cur;
    if (P.cur >= P.top + room)
        P.top = P.cur - room + 1;
    for (int i = 0; i < room && P.top + i < P.n_lines; i++)
        draw_line(ui, y + i, &P.lines[P.top + i], P.top + i == P.cur);
}

/* Below the list: the selected milestone in full, or the week's focus. */
static void draw_foot(struct ui *ui, int y)
{
    char line[1200];
    if (P.n_lines == 0)
        return;
    const struct plan_line *l = &P.lines[P.cur];
    const struct plan_week *wk = &P.s.wk[l->week];
    if (l->ms >= 0) {
        const struct plan_milestone *m = &P.s.ms[l->ms];
        snprintf(line, sizeof line, "%s (week %d): %s", m->id, m->week, m->text);
    } else {
        snprintf(line, sizeof line, "Week %d focus: decks%s, tags%s%s", wk->week,
                 strcmp(wk->focus_decks, " ") && wk->focus_decks[0] ? wk->focus_decks : " none",
                 strcmp(wk->focus_tags, " ") && wk->focus_tags[0] ? wk->focus_tags : " none",
                 wk->week == P.s.week ? " (these get the new-card budget first)" : "");
    }
    ui_wrap(ui, y, 2, ui->cols - 4, FOOT_ROWS, 0, ROLE_DIM, line);
}

static void plan_draw(struct view *v, struct ui *ui)
{
    (void)v;
    char right[128];
    if (!P.loaded || !P.s.active) {
        if (P.loaded)
            draw_no_plan(ui);
        else
            ui_title(ui, "plan", NULL);
        return;
    }
    if (P.s.week < 1)
        snprintf(right, sizeof right, "%s · starts soon", P.s.track);
    else if (P.s.week > P.s.weeks)
        snprintf(right, sizeof right, "%s · finished", P.s.track);
    else
        snprintf(right, sizeof right, "%s · week %d of %d", P.s.track, P.s.week, P.s.weeks);
    ui_title(ui, "plan", right);
    int y = draw_header(ui);
    ui_hline(ui, y);
    ui_text(ui, y, 3, ui->cols - 6, ROLE_DIM, " Space tick · Enter open or close a week ");
    int foot = ui->rows - 1 - FOOT_ROWS;
    draw_list(ui, y + 1, foot - y - 1);
    draw_foot(ui, foot);
}

/* ---- actions ---- */

static int start_plan(struct ui *ui)
{
    struct lp_err err = {0};
    int64_t id, ended;
    char track[PLAN_ID_MAX];
    if (P.cur < 0 || P.cur >= P.n_tracks)
        return UI_HANDLED;
    snprintf(track, sizeof track, "%s", P.tracks[P.cur]);
    if (plan_start(ui->app->st, track, today(ui), PLAN_NO_DAY, ui->app->now, today(ui), &id, &ended,
                   &err) != LP_OK)
        return ui_status(ui, ROLE_BAD, "not started: %s", err.msg), UI_REDRAW;
    if (reload(ui) != 0)
        return UI_REDRAW;
    default_open();
    build_lines();
    P.cur = first_line();
    P.top = -1;
    ui_status(ui, ROLE_GOOD, "started the %s plan today: week 1 of %d, %d milestones", track,
              P.s.weeks, P.s.total);
    return UI_REDRAW;
}

static int toggle_week(int w)
{
    if (w >= 0 && w < MAX_WEEKS)
        P.open[w] = !P.open[w];
    build_lines();
    for (int i = 0; i < P.n_lines; i++)
        if (P.lines[i].week == w && P.lines[i].ms < 0)
            P.cur = i;
    return UI_REDRAW;
}

static int tick(struct ui *ui)
{
    struct lp_err err = {0};
    char id[PLAN_ID_MAX];
    int changed, cur = P.cur;
    const struct plan_line *l = &P.lines[P.cur];
    if (l->ms < 0)
        return toggle_week(l->week);
    int done = !P.s.ms[l->ms].done;
    snprintf(id, sizeof id, "%s", P.s.ms[l->ms].id);
    if (plan_mark(ui->app->st, id, done, ui->app->now, &changed, &err) != LP_OK)
        return ui_status(ui, ROLE_BAD, "not saved: %s", err.msg), UI_REDRAW;
    if (reload(ui) != 0)
        return UI_REDRAW;
    P.cur = cur < P.n_lines ? cur : P.n_lines - 1; /* the same milestones are open */
    ui_status(ui, done ? ROLE_GOOD : ROLE_NORMAL, "%s %s · %d behind", id,
              done ? "done" : "not done", P.s.behind);
    return UI_REDRAW;
}

static int move_cursor(struct ui *ui, enum ui_action act)
{
    int n = P.s.active ? P.n_lines : P.n_tracks, page = ui->rows / 2;
    int cur = P.cur + (act == ACT_UP ? -1 : act == ACT_DOWN ? 1 : act == ACT_PAGE_UP ? -page : page);
    P.cur = cur >= n ? n - 1 : cur;
    P.cur = P.cur < 0 ? 0 : P.cur;
    return UI_REDRAW;
}

static int plan_handle(struct view *v, struct ui *ui, enum ui_action act)
{
    (void)v;
    if (!P.loaded)
        return UI_UNHANDLED;
    switch (act) {
    case ACT_UP:
    case ACT_DOWN:
    case ACT_PAGE_UP:
    case ACT_PAGE_DOWN:
        return move_cursor(ui, act);
    case ACT_PLAN_OPEN:
        if (!P.s.active)
            return start_plan(ui);
        return P.n_lines ? toggle_week(P.lines[P.cur].week) : UI_HANDLED;
    case ACT_TARGETS:
        ui_push(ui, &view_targets_ops, NULL);
        return UI_REDRAW;
    case ACT_PLAN_TICK:
        if (!P.s.active)
            return ui_status(ui, ROLE_DIM, "press Enter to start the chosen track"), UI_REDRAW;
        return P.n_lines ? tick(ui) : UI_HANDLED;
    default:
        return UI_UNHANDLED;
    }
}

static void plan_close(struct view *v, struct ui *ui)
{
    (void)v;
    (void)ui;
    if (P.loaded)
        plan_status_free(&P.s);
    free(P.lines);
    memset(&P, 0, sizeof P);
}

const struct view_ops view_plan_ops = {
    .title = "plan",
    .scope = SC_PLAN,
    .open = plan_open,
    .draw = plan_draw,
    .handle = plan_handle,
    .close = plan_close,
};
