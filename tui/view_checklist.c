/*
 * view_checklist.c - the readiness checklist: the items by category with their
 * checkboxes (or 1-5 ratings in the quick variant), the live score, its band and
 * advice, the weakest category, and beside each item what the study record says
 * about it, with a plain sentence when the tick and the record disagree.
 *
 * Every tick is saved at once (checklist_set) and the score is recomputed in
 * memory (checklist_rescore), so the numbers move as the user ticks.  `S` stores
 * a dated assessment, `H` shows the saved ones and their trend, `v` switches
 * between the full list and the quick twelve questions.
 */
#include <stdio.h>
#include <string.h>

#include "checklist.h"
#include "clock.h"
#include "ui.h"

#define EV_COLS 24     /* the short evidence column in the list */
#define DETAIL_ROWS 5  /* the current item's text, evidence and conflict */

struct checklist_screen {
    struct checklist_view v;
    int loaded;
    enum checklist_kind kind;
    size_t cur; /* the item under the cursor */
    int top;    /* first list line shown */
    struct checklist_history hist;
    int history, has_hist, hist_top;
};

static struct checklist_screen C;

/* Load the variant `kind`; on failure the screen keeps what it had. */
static int load(struct ui *ui, enum checklist_kind kind)
{
    struct lp_err err = {0};
    struct checklist_view v;
    if (checklist_load(ui->app->st, NULL, kind, ui->app->now, ui->app->cfg.rollover_hour, &v,
                       &err) != LP_OK) {
        ui_status(ui, ROLE_BAD, "%s", err.code == LP_ENOTFOUND && kind == CHECKLIST_QUICK
                                          ? "the checklist has no quick variant"
                                          : err.msg);
        return -1;
    }
    if (C.loaded)
        checklist_free(&C.v);
    C.v = v;
    C.loaded = 1;
    C.kind = kind;
    C.cur = 0;
    C.top = 0;
    return 0;
}

static void load_history(struct ui *ui)
{
    struct lp_err err = {0};
    if (C.has_hist)
        checklist_history_free(&C.hist);
    C.has_hist = checklist_history(ui->app->st, C.v.id, &C.hist, &err) == LP_OK;
    if (!C.has_hist)
        ui_status(ui, ROLE_BAD, "%s", err.msg);
}

static int checklist_open(struct view *v, struct ui *ui)
{
    memset(&C, 0, sizeof C);
    v->state = &C;
    ui_status(ui, ROLE_NORMAL, "%s", "");
    if (load(ui, CHECKLIST_FULL) != 0)
        return -1;
    if (C.v.n_items == 0) {
        checklist_free(&C.v);
        ui_status(ui, ROLE_BAD, "the checklist has no items");
        return -1;
    }
    return 0;
}

/* ---- the list: one line per category heading and per item ---- */

/* Line of item i: items are grouped by category, each group after its heading. */
static int line_of(size_t i)
{
    for (size_t c = 0; c < C.v.n_cats; c++)
        if (i < C.v.cats[c].first + C.v.cats[c].n)
            return (int)(i + c + 1);
    return (int)i;
}

static enum ui_role band_role(int percent)
{
    return percent >= 80 ? ROLE_GOOD : percent >= 60 ? ROLE_DUE : ROLE_BAD;
}

/* What the record says, in a few words, for the list column. */
static void ev_short(const struct checklist_evidence *e, char *buf, size_t size)
{
    switch (e->kind) {
    case CHECKLIST_EV_RETENTION:
    case CHECKLIST_EV_DECK:
        if (e->value < 0)
            snprintf(buf, size, "no reviews yet");
        else
            snprintf(buf, size, "%.0f%% of %d reviews", 100 * e->value, e->count);
        break;
    case CHECKLIST_EV_PAPERS:
        snprintf(buf, size, "%d of %d papers read", e->count, e->distinct);
        break;
    case CHECKLIST_EV_MOCKS:
        if (e->count)
            snprintf(buf, size, "%d mock%s, %.0f%%", e->count, e->count == 1 ? "" : "s",
                     100 * e->value);
        else
            snprintf(buf, size, "no mocks yet");
        break;
    case CHECKLIST_EV_PLAN:
        if (!e->plan_weeks)
            snprintf(buf, size, "no plan");
        else if (e->plan_week < 1)
            snprintf(buf, size, "plan not started");
        else if (e->plan_week > e->plan_weeks)
            snprintf(buf, size, "plan finished");
        else
            snprintf(buf, size, "plan wk %d, %d behind", e->plan_week, e->plan_behind);
        break;
    case CHECKLIST_EV_DRILLS:
        if (e->count)
            snprintf(buf, size, "%d drills, %.0f%% ok", e->count, 100 * e->value);
        else
            snprintf(buf, size, "no drills yet");
        break;
    default:
        buf[0] = '\0';
    }
}

static void item_evidence(const struct checklist_item *it, char *buf, size_t size)
{
    size_t len = 0;
    buf[0] = '\0';
    for (int e = 0; e < it->n_ev && len + 4 < size; e++) {
        char one[80];
        ev_short(&it->ev[e], one, sizeof one);
        if (one[0])
            len += (size_t)snprintf(buf + len, size - len, "%s%s", len ? " · " : "", one);
    }
}

static void draw_item(struct ui *ui, int y, size_t i)
{
    const struct checklist_item *it = &C.v.items[i];
    char box[8], ev[160];
    if (C.kind == CHECKLIST_QUICK)
        snprintf(box, sizeof box, "[%c]", it->value ? '0' + it->value : ' ');
    else
        snprintf(box, sizeof box, "[%c]", it->value ? 'x' : ' ');
    item_evidence(it, ev, sizeof ev);
    int evw = ev[0] ? EV_COLS : 0, tw = ui->cols - 8 - evw - 2;
    if (i == C.cur)
        attron(A_REVERSE);
    mvhline(y, 1, ' ', ui->cols - 2);
    ui_text(ui, y, 2, 3, it->value ? ROLE_GOOD : ROLE_NORMAL, box);
    ui_text(ui, y, 5, 1, ROLE_BAD, it->conflict[0] ? "!" : " ");
    ui_text(ui, y, 7, tw, ROLE_NORMAL, it->text);
    if (evw)
        ui_text(ui, y, ui->cols - evw - 2, evw, it->conflict[0] ? ROLE_BAD : ROLE_DIM, ev);
    attroff(A_REVERSE);
}

static void draw_category(struct ui *ui, int y, size_t c)
{
    char score[32];
    const struct checklist_category *cat = &C.v.cats[c];
    snprintf(score, sizeof score, "%d/%d", cat->score, cat->max);
    ui_text(ui, y, 2, ui->cols - 14, ROLE_TITLE, cat->title);
    ui_text(ui, y, ui->cols - 2 - (int)strlen(score), (int)strlen(score),
            (int)c == C.v.weakest ? ROLE_BAD : ROLE_TITLE, score);
}

/* Keep the cursor's line in view, with its heading when it is a category's first item. */
static void scroll_to_cursor(int room)
{
    int cl = line_of(C.cur), want = cl;
    for (size_t c = 0; c < C.v.n_cats; c++)
        if (C.cur == C.v.cats[c].first)
            want = cl - 1;
    if (want < C.top)
        C.top = want;
    if (cl >= C.top + room)
        C.top = cl - room + 1;
}

static void draw_list(struct ui *ui, int y, int room)
{
    scroll_to_cursor(room);
    for (int line = 0, c = 0; c < (int)C.v.n_cats; c++) {
        const struct checklist_category *cat = &C.v.cats[c];
        if (line >= C.top && line < C.top + room)
            draw_category(ui, y + line - C.top, (size_t)c);
        line++;
        for (size_t i = cat->first; i < cat->first + cat->n; i++, line++)
            if (line >= C.top && line < C.top + room)
                draw_item(ui, y + line - C.top, i);
    }
}

/* ---- the header and the current item's detail ---- */

static int draw_score(struct ui *ui)
{
    char line[400];
    const struct checklist_view *v = &C.v;
    const char *band = v->band >= 0 ? v->bands[v->band].label : "no band";
    if (v->kind == CHECKLIST_QUICK)
        snprintf(line, sizeof line, "Score %d/%d (%d%%) · %s · %d of %zu rated", v->score, v->max,
                 v->percent, band, v->rated, v->n_items);
    else
        snprintf(line, sizeof line, "Score %d/%d · %s", v->score, v->max, band);
    ui_text(ui, 1, 2, ui->cols - 4, band_role(v->percent), line);
    if (v->weakest >= 0) {
        const struct checklist_category *w = &v->cats[v->weakest];
        int n = snprintf(line, sizeof line, "Weakest category: %s (%d/%d)", w->title, w->score,
                         w->max);
        if (v->conflicts && n > 0 && (size_t)n < sizeof line)
            snprintf(line + n, sizeof line - (size_t)n, " · %d conflict%s with the record",
                     v->conflicts, v->conflicts == 1 ? "" : "s");
        ui_text(ui, 2, 2, ui->cols - 4, v->conflicts ? ROLE_DUE : ROLE_NORMAL, line);
    }
    const char *advice = v->band >= 0 ? v->bands[v->band].advice : "";
    return 3 + ui_wrap(ui, 3, 2, ui->cols - 4, 3, 0, ROLE_DIM, advice);
}

static void draw_detail(struct ui *ui, int y)
{
    const struct checklist_item *it = &C.v.items[C.cur];
    char line[600], conflict[400];
    int w = ui->cols - 4, room = DETAIL_ROWS, end = y + room;
    checklist_conflict_text(it, C.kind, conflict, sizeof conflict);
    snprintf(line, sizeof line, "The record disagrees: %s", conflict);
    int crow = conflict[0] ? (ui_wrap_rows(line, w) > 1 ? 2 : 1) : 0;
    int evrows = it->n_ev < room - crow - 1 ? it->n_ev : room - crow - 1;
    int trows = room - crow - (evrows > 0 ? evrows : 1);
    y += ui_wrap(ui, y, 2, w, trows > 0 ? trows : 1, 0, ROLE_NORMAL, it->text);
    for (int e = 0; e < evrows; e++) {
        char ev[260];
        snprintf(ev, sizeof ev, "Record: %s", it->ev[e].text);
        ui_text(ui, y++, 2, w, it->ev[e].verdict == CHECKLIST_AGAINST ? ROLE_DUE : ROLE_DIM, ev);
    }
    if (!it->n_ev && y < end - crow)
        ui_text(ui, y++, 2, w, ROLE_DIM,
                C.kind == CHECKLIST_QUICK
                    ? "Rate it with the keys 1 (not true of you) to 5 (fully true)."
                    : "No study record bears on this item: your tick stands.");
    if (crow)
        ui_wrap(ui, end - crow, 2, w, crow, 0, ROLE_BAD, line);
}

static void draw_main(struct ui *ui)
{
    char right[64];
    snprintf(right, sizeof right, "%s · %zu items", C.kind == CHECKLIST_QUICK ? "quick" : "full",
             C.v.n_items);
    ui_title(ui, "readiness checklist", right);
    int y = draw_score(ui) + 1;
    int bottom = ui->rows - 2 - DETAIL_ROWS; /* the rule above the detail */
    draw_list(ui, y, bottom - y);
    ui_hline(ui, bottom);
    ui_text(ui, bottom, 3, ui->cols - 6, ROLE_DIM,
            C.kind == CHECKLIST_QUICK ? " 1-5 rate · S save · H history · v full list "
                                      : " Space tick · S save · H history · v quick variant ");
    draw_detail(ui, bottom + 1);
}

/* ---- the history of assessments ---- */

static void sparkline(const struct checklist_history *h, enum checklist_kind k, char *buf,
                      size_t size)
{
    static const char *const bars[] = {"▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"};
    size_t len = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < h->n && len + 4 < size; i++)
        if (h->a[i].kind == k) {
            int p = h->a[i].percent < 0 ? 0 : h->a[i].percent > 100 ? 100 : h->a[i].percent;
            len += (size_t)snprintf(buf + len, size - len, "%s", bars[p * 7 / 100]);
        }
}

static int draw_trends(struct ui *ui, int y)
{
    for (int k = CHECKLIST_FULL; k <= CHECKLIST_QUICK; k++) {
        int n = 0, first = 0, last = 0;
        for (size_t i = 0; i < C.hist.n; i++)
            if (C.hist.a[i].kind == (enum checklist_kind)k) {
                if (n++ == 0)
                    first = C.hist.a[i].percent;
                last = C.hist.a[i].percent;
            }
        if (!n)
            continue;
        char line[300], spark[200];
        sparkline(&C.hist, (enum checklist_kind)k, spark, sizeof spark);
        snprintf(line, sizeof line, "Trend (%s): %d%% -> %d%% (%+d) over %d assessment%s  %s",
                 checklist_kind_name((enum checklist_kind)k), first, last, last - first, n,
                 n == 1 ? "" : "s", spark);
        ui_text(ui, y++, 2, ui->cols - 4, last >= first ? ROLE_GOOD : ROLE_BAD, line);
    }
    return y;
}

static void draw_history(struct ui *ui)
{
    char line[300];
    ui_title(ui, "readiness checklist: history", NULL);
    if (!C.has_hist || C.hist.n == 0) {
        ui_text(ui, 2, 2, ui->cols - 4, ROLE_NORMAL, "No assessment saved yet.");
        ui_text(ui, 3, 2, ui->cols - 4, ROLE_DIM,
                "Press q to go back, then S to save a dated assessment of your answers.");
        return;
    }
    int y = draw_trends(ui, 2) + 1;
    snprintf(line, sizeof line, "%-10s  %-5s  %7s  %7s  %6s  %s", "date", "kind", "score",
             "percent", "change", "band");
    ui_text(ui, y++, 2, ui->cols - 4, ROLE_TITLE, line);
    int room = ui->rows - 2 - y, n = (int)C.hist.n;
    if (C.hist_top > n - room)
        C.hist_top = n - room > 0 ? n - room : 0;
    for (int i = 0; i < room && C.hist_top + i < n; i++) {
        const struct checklist_assessment *a = &C.hist.a[n - 1 - C.hist_top - i]; /* newest first */
        char d[11], score[24], change[16] = "-";
        clock_day_str(a->day, d);
        snprintf(score, sizeof score, "%d/%d", a->score, a->max);
        if (a->has_prev)
            snprintf(change, sizeof change, "%+d", a->change);
        snprintf(line, sizeof line, "%-10s  %-5s  %7s  %6d%%  %6s  %s", d,
                 checklist_kind_name(a->kind), score, a->percent, change, a->band);
        ui_text(ui, y + i, 2, ui->cols - 4, ROLE_NORMAL, line);
    }
}

static void checklist_draw(struct view *v, struct ui *ui)
{
    (void)v;
    if (C.history)
        draw_history(ui);
    else
        draw_main(ui);
}

/* ---- actions ---- */

static int answer(struct ui *ui, int value)
{
    struct lp_err err = {0};
    struct checklist_item *it = &C.v.items[C.cur];
    if (checklist_set(ui->app->st, it->id, value, ui->app->now, NULL, &err) != LP_OK)
        return ui_status(ui, ROLE_BAD, "not saved: %s", err.msg), UI_REDRAW;
    it->value = value;
    it->updated = ui->app->now;
    checklist_rescore(&C.v);
    if (it->conflict[0])
        ui_status(ui, ROLE_BAD, "saved; the record disagrees (see below)");
    else
        ui_status(ui, ROLE_NORMAL, "saved: score %d/%d", C.v.score, C.v.max);
    return UI_REDRAW;
}

static int tick(struct ui *ui)
{
    if (C.kind == CHECKLIST_QUICK)
        return ui_status(ui, ROLE_DIM, "rate this item with 1-5"), UI_REDRAW;
    return answer(ui, !C.v.items[C.cur].value);
}

static int rate(struct ui *ui, int value)
{
    if (C.kind == CHECKLIST_FULL)
        return ui_status(ui, ROLE_DIM, "Space ticks; ratings 1-5 are for the quick variant (v)"),
               UI_REDRAW;
    return answer(ui, value);
}

static int save(struct ui *ui)
{
    struct lp_err err = {0};
    struct checklist_assessment a;
    if (checklist_save(ui->app->st, &C.v, ui->app->now, ui->app->cfg.rollover_hour, &a, &err) !=
        LP_OK)
        return ui_status(ui, ROLE_BAD, "%s", err.msg), UI_REDRAW;
    if (a.has_prev)
        ui_status(ui, ROLE_GOOD, "%s assessment saved: %d%% (%+d since the last)",
                  checklist_kind_name(a.kind), a.percent, a.change);
    else
        ui_status(ui, ROLE_GOOD, "%s assessment saved: %d%% (your first)",
                  checklist_kind_name(a.kind), a.percent);
    if (C.has_hist)
        load_history(ui);
    return UI_REDRAW;
}

static int switch_variant(struct ui *ui)
{
    enum checklist_kind k = C.kind == CHECKLIST_FULL ? CHECKLIST_QUICK : CHECKLIST_FULL;
    if (load(ui, k) == 0)
        ui_status(ui, ROLE_NORMAL, "%s", k == CHECKLIST_QUICK
                                             ? "quick variant: rate each statement 1-5"
                                             : "full checklist: tick what is true of you");
    return UI_REDRAW;
}

static int move_cursor(struct ui *ui, enum ui_action act)
{
    int n = (int)C.v.n_items, cur = (int)C.cur;
    int page = ui->rows - 14 > 1 ? ui->rows - 14 : 1;
    if (C.history) {
        C.hist_top += act == ACT_UP ? -1 : act == ACT_DOWN ? 1 : act == ACT_PAGE_UP ? -page : page;
        C.hist_top = C.hist_top < 0 ? 0 : C.hist_top; /* the upper bound is kept by draw */
        return UI_REDRAW;
    }
    cur += act == ACT_UP ? -1 : act == ACT_DOWN ? 1 : act == ACT_PAGE_UP ? -page : page;
    C.cur = (size_t)(cur < 0 ? 0 : cur >= n ? n - 1 : cur);
    return UI_REDRAW;
}

static int toggle_history(struct ui *ui)
{
    C.history = !C.history;
    C.hist_top = 0;
    if (C.history)
        load_history(ui);
    return UI_REDRAW;
}

static int checklist_handle(struct view *v, struct ui *ui, enum ui_action act)
{
    (void)v;
    switch (act) {
    case ACT_UP:
    case ACT_DOWN:
    case ACT_PAGE_UP:
    case ACT_PAGE_DOWN:
        return move_cursor(ui, act);
    case ACT_HISTORY:
        return toggle_history(ui);
    case ACT_BACK:
        return C.history ? toggle_history(ui) : UI_UNHANDLED;
    default:
        break;
    }
    if (C.history)
        return UI_UNHANDLED; /* the list's keys wait until the history is closed */
    switch (act) {
    case ACT_TICK:
        return tick(ui);
    case ACT_RATE_1:
    case ACT_RATE_2:
    case ACT_RATE_3:
    case ACT_RATE_4:
    case ACT_RATE_5:
        return rate(ui, act - ACT_RATE_1 + 1);
    case ACT_SAVE_ASSESSMENT:
        return save(ui);
    case ACT_VARIANT:
        return switch_variant(ui);
    default:
        return UI_UNHANDLED;
    }
}

static void checklist_close(struct view *v, struct ui *ui)
{
    (void)v;
    (void)ui;
    if (C.loaded)
        checklist_free(&C.v);
    if (C.has_hist)
        checklist_history_free(&C.hist);
    memset(&C, 0, sizeof C);
}

const struct view_ops view_checklist_ops = {
    .title = "readiness checklist",
    .scope = SC_CHECKLIST,
    .open = checklist_open,
    .draw = checklist_draw,
    .handle = checklist_handle,
    .close = checklist_close,
};
