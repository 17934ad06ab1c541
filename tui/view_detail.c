/*
 * view_detail.c - one card in full, opened from the browser: its question and
 * answer, deck and tags, its memory state (due date, stability, difficulty,
 * chance of recall now, reps, lapses) and its review history.  `s` suspends or
 * unsuspends it, `R` resets it to new after a y/n question (history kept), `e`
 * opens its content file in $EDITOR at the card and syncs when the editor exits 0
 * (identity is the id, so the history stays; a file left broken is skipped whole
 * by the sync, and the card keeps its old text until it is fixed).
 *
 * The whole page scrolls as one: it is laid out on virtual lines and only the
 * ones in the window are drawn.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "browse.h"
#include "cards.h"
#include "clock.h"
#include "editor.h"
#include "ui.h"

struct detail {
    char id[QUEUE_ID_MAX];
    struct card_text text;
    struct card_row row;
    struct browse_review *hist;
    size_t n_hist;
    double recall; /* retrievability now */
    int loaded, top, lines, confirm;
};

static struct detail D;

static void unload(void)
{
    if (D.loaded) {
        cards_text_free(&D.text);
        free(D.hist);
    }
    D.hist = NULL;
    D.n_hist = 0;
    D.loaded = 0;
}

static int load(struct ui *ui)
{
    struct lp_err err = {0};
    struct sched_config sc;
    unload();
    if (cards_text(ui->app->st, D.id, &D.text, &err) != LP_OK) {
        cards_text_free(&D.text);
        return ui_status(ui, ROLE_BAD, "%s", err.msg), -1;
    }
    D.loaded = 1;
    if (cards_get(ui->app->st, D.id, &D.row, &err) != LP_OK ||
        browse_history(ui->app->st, D.id, &D.hist, &D.n_hist, &err) != LP_OK ||
        cards_sched_config(&ui->app->cfg, &sc, &err) != LP_OK) {
        unload();
        return ui_status(ui, ROLE_BAD, "%s", err.msg), -1;
    }
    D.recall = sched_retrievability(&sc, &D.row.m, ui->app->now);
    return 0;
}

static int detail_open(struct view *v, struct ui *ui)
{
    memset(&D, 0, sizeof D);
    v->state = &D;
    snprintf(D.id, sizeof D.id, "%s", (const char *)v->arg);
    return load(ui);
}

/* ---- drawing on virtual lines ---- */

struct page {
    struct ui *ui;
    int vy;     /* the next virtual line */
    int y0, y1; /* the window: screen rows [y0, y1) */
};

static void put_line(struct page *p, int x, enum ui_role role, const char *s)
{
    int y = p->y0 + p->vy++ - D.top;
    if (y >= p->y0 && y < p->y1)
        ui_text(p->ui, y, x, p->ui->cols - x - 2, role, s);
}

static void put_wrap(struct page *p, int x, enum ui_role role, const char *s)
{
    int w = p->ui->cols - x - 2, n = ui_wrap_rows(s, w);
    int skip = D.top > p->vy ? D.top - p->vy : 0;
    int y = p->y0 + (p->vy > D.top ? p->vy - D.top : 0);
    if (skip < n && y < p->y1)
        ui_wrap(p->ui, y, x, w, p->y1 - y, skip, role, s);
    p->vy += n;
}

static const char *state_name(int state)
{
    static const char *const names[] = {"new", "learning", "review", "relearning"};
    return state >= 0 && state <= 3 ? names[state] : "?";
}

static void put_memory(struct page *p)
{
    char line[300], due[16], rel[16];
    const struct sched_card *m = &D.row.m;
    if (m->state == SCHED_NEW) {
        snprintf(line, sizeof line, "State new: %s",
                 D.n_hist ? "reset, so studied afresh (its history is below)" : "never studied");
    } else {
        int64_t d = m->due - p->ui->app->now;
        clock_day_str(clock_day(m->due, p->ui->app->cfg.rollover_hour), due);
        sched_format_interval(d < 0 ? -d : d, rel, sizeof rel);
        snprintf(line, sizeof line, "State %s · due %s (%s %s) · reps %d · lapses %d",
                 state_name(m->state), due, d < 0 ? "overdue" : "in", rel, m->reps, m->lapses);
        put_wrap(p, 2, d <= 0 ? ROLE_DUE : ROLE_NORMAL, line);
        snprintf(line, sizeof line,
                 "Stability %.1f days · difficulty %.2f (1-10) · chance of recall now %.0f%%", m->s,
                 m->d, 100 * D.recall);
    }
    put_wrap(p, 2, ROLE_NORMAL, line);
    if (D.row.suspended || D.row.leech) {
        snprintf(line, sizeof line, "%s%s", D.row.suspended ? "Suspended: not studied. " : "",
                 D.row.leech ? "Leech: forgotten many times; rewrite or split it." : "");
        put_line(p, 2, ROLE_BAD, line);
    }
}

static void put_texts(struct page *p)
{
    p->vy++;
    put_line(p, 2, ROLE_TITLE, "Question");
    put_wrap(p, 4, ROLE_NORMAL, D.text.q);
    if (D.text.code)
        put_wrap(p, 6, ROLE_ACCENT, D.text.code);
    p->vy++;
    put_line(p, 2, ROLE_TITLE, "Answer");
    if (D.text.a)
        put_wrap(p, 4, ROLE_NORMAL, D.text.a);
    const char *parts[][2] = {
        {"Bug: ", D.text.bug}, {"Symptom: ", D.text.symptom}, {"Fix: ", D.text.fix}};
    for (int i = 0; i < 3; i++) {
        char line[1024];
        if (!parts[i][1])
            continue;
        snprintf(line, sizeof line, "%s%s", parts[i][0], parts[i][1]);
        put_wrap(p, 4, ROLE_NORMAL, line);
    }
}

static void put_history(struct page *p)
{
    static const char *const grades[] = {"?", "Again", "Hard", "Good", "Easy"};
    char line[200], day[16], ivl[16];
    p->vy++;
    snprintf(line, sizeof line, "Review history: %zu answer%s", D.n_hist, D.n_hist == 1 ? "" : "s");
    put_line(p, 2, ROLE_TITLE, line);
    if (D.n_hist)
        put_line(p, 4, ROLE_DIM, "date        grade  interval  state after  time    mode");
    for (size_t i = 0; i < D.n_hist; i++) {
        const struct browse_review *r = &D.hist[i];
        clock_day_str(r->day, day);
        sched_format_interval(r->interval, ivl, sizeof ivl);
        snprintf(line, sizeof line, "%-11s %-6s %-9s %-12s %5.1fs  %s", day,
                 grades[r->grade >= 1 && r->grade <= 4 ? r->grade : 0], ivl,
                 state_name(r->state_after), r->answer_ms / 1000.0, r->mode);
        put_line(p, 4, r->grade == 1 ? ROLE_BAD : ROLE_NORMAL, line);
    }
}

static void draw_bottom(struct ui *ui)
{
    char line[200];
    int y = ui->rows - 2, w = ui->cols - 4;
    if (D.confirm) {
        snprintf(line, sizeof line, "Reset %s to new? Its review history is kept.  y/n", D.id);
        ui_text(ui, y, 2, w, ROLE_BAD, line);
        return;
    }
    ui_text(ui, y, 2, w, ROLE_DIM,
            D.lines > y - 2 ? "j/k scroll · e edit · s suspend/unsuspend · R reset · q back"
                            : "e edit · s suspend/unsuspend · R reset to new · q back");
}

static void detail_draw(struct view *v, struct ui *ui)
{
    (void)v;
    char title[120], line[300];
    snprintf(title, sizeof title, "card %s", D.id);
    ui_title(ui, title, D.loaded ? D.text.section : NULL);
    if (!D.loaded)
        return;
    struct page p = {ui, 0, 2, ui->rows - 3};
    snprintf(line, sizeof line, "Deck %s (%s) · topic %s · tags%s", D.text.deck_title, D.text.deck,
             D.text.topic, D.text.tags && D.text.tags[1] ? D.text.tags : " none");
    put_wrap(&p, 2, ROLE_DIM, line);
    put_memory(&p);
    put_texts(&p);
    put_history(&p);
    D.lines = p.vy;
    draw_bottom(ui);
}

/* ---- actions ---- */

static int scroll_page(struct ui *ui, enum ui_action act)
{
    int page = ui->rows - 5, max = D.lines - page;
    int top = D.top + (act == ACT_UP        ? -1
                       : act == ACT_DOWN    ? 1
                       : act == ACT_PAGE_UP ? -page
                                            : page);
    D.top = top > max ? max : top;
    D.top = D.top < 0 ? 0 : D.top;
    return UI_REDRAW;
}

static int suspend(struct ui *ui)
{
    struct lp_err err = {0};
    int on = !D.row.suspended;
    if (cards_set_suspended(ui->app->st, D.id, on, &err) != LP_OK)
        return ui_status(ui, ROLE_BAD, "%s", err.msg), UI_REDRAW;
    ui_status(ui, ROLE_NORMAL, "%s %s", D.id, on ? "suspended" : "unsuspended");
    load(ui);
    return UI_REDRAW;
}

static int confirm_reset(struct ui *ui, enum ui_action act)
{
    struct lp_err err = {0};
    D.confirm = 0;
    if (act != ACT_YES)
        return ui_status(ui, ROLE_DIM, "not reset"), UI_REDRAW;
    if (browse_reset(ui->app->st, D.id, &err) != LP_OK)
        return ui_status(ui, ROLE_BAD, "%s", err.msg), UI_REDRAW;
    ui_status(ui, ROLE_GOOD, "%s reset to new; its review history is kept", D.id);
    load(ui);
    return UI_REDRAW;
}

/* "dir/deck.yaml:3:1: what" as "deck.yaml:3:1: what", to fit the status line. */
static const char *file_only(const char *msg)
{
    const char *colon = strchr(msg, ':'), *slash = msg;
    for (const char *p = msg; colon && p < colon; p++)
        if (*p == '/')
            slash = p + 1;
    return slash;
}

static int edit_card(struct ui *ui)
{
    struct lp_err err = {0};
    struct content_diag diag;
    char id[QUEUE_ID_MAX];
    snprintf(id, sizeof id, "%s", D.id);
    if (!D.text.source || !*D.text.source)
        return ui_status(ui, ROLE_BAD, "%s has no content file to edit", id), UI_REDRAW;
    char why[32];
    int rc = editor_run_in_terminal(D.text.source, editor_id_line(D.text.source, id));
    if (rc != 0)
        return ui_status(ui, ROLE_BAD, "the editor %s; nothing synced",
                         editor_failure(rc, why, sizeof why)),
               UI_REDRAW;
    content_diag_init(&diag);
    if (app_sync(ui->app, &diag, &err) != LP_OK)
        ui_status(ui, ROLE_BAD, "sync failed: %s", err.msg);
    else if (diag.n)
        ui_status(ui, ROLE_BAD, "%s (old text kept until fixed: e)", file_only(diag.msgs[0]));
    else
        ui_status(ui, ROLE_GOOD, "%s: content synced; its history is kept", id);
    content_diag_free(&diag);
    load(ui);
    return UI_REDRAW;
}

static int detail_handle(struct view *v, struct ui *ui, enum ui_action act)
{
    (void)v;
    if (D.confirm && act != ACT_QUIT)
        return confirm_reset(ui, act);
    if (!D.loaded)
        return UI_UNHANDLED;
    switch (act) {
    case ACT_UP:
    case ACT_DOWN:
    case ACT_PAGE_UP:
    case ACT_PAGE_DOWN:
        return scroll_page(ui, act);
    case ACT_SUSPEND:
        return suspend(ui);
    case ACT_RESET:
        D.confirm = 1;
        return UI_REDRAW;
    case ACT_EDIT_CARD:
        return edit_card(ui);
    default:
        return UI_UNHANDLED;
    }
}

static void detail_close(struct view *v, struct ui *ui)
{
    (void)v;
    (void)ui;
    unload();
}

const struct view_ops view_detail_ops = {
    .title = "card",
    .scope = SC_DETAIL,
    .open = detail_open,
    .draw = detail_draw,
    .handle = detail_handle,
    .close = detail_close,
};
