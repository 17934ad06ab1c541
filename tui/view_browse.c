/*
 * view_browse.c - the card browser: every live card in a list (id, deck, state,
 * due date) with `/` search over question, answer and tags, filters by state
 * (f) and section (S), and from the list: open a card's detail (Enter), suspend
 * or unsuspend (s), reset to new after a y/n question (R), and study the cards
 * listed, due or not (c: custom study, the study view in mode "cram").
 *
 * The search field sits at the bottom while typing: Enter applies, Esc cancels.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "browse.h"
#include "cards.h"
#include "clock.h"
#include "text.h"
#include "ui.h"

static const char *const sections[] = {
    NULL,        "mathematics", "statistics", "computer-science", "machine-learning",
    "alignment", "practice"};
#define N_SECTIONS ((int)(sizeof sections / sizeof sections[0]))

struct browser {
    struct browse_row *rows;
    size_t n;
    int cur, top;
    enum browse_filter filter;
    int section;      /* index into sections; 0 = all */
    char search[160]; /* the applied search */
    char edit[160];   /* the field while typing */
    int editing, confirm;
    char open_id[QUEUE_ID_MAX]; /* what the detail view shows (its arg) */
    struct study_custom custom; /* what a custom study studies (its arg) */
};

static struct browser B;

/* Reload the list, keeping the cursor on the card `keep` when it is still there. */
static void reload(struct ui *ui, const char *keep)
{
    struct lp_err err = {0};
    struct browse_query q = {B.search, B.filter, sections[B.section], ui->app->now,
                             ui->app->cfg.rollover_hour};
    free(B.rows);
    B.rows = NULL;
    B.n = 0;
    if (browse_search(ui->app->st, &q, &B.rows, &B.n, &err) != LP_OK)
        ui_status(ui, ROLE_BAD, "%s", err.msg);
    int at = 0;
    for (size_t i = 0; keep && i < B.n; i++)
        if (strcmp(B.rows[i].id, keep) == 0)
            at = (int)i;
    B.cur = keep ? at : 0;
    if (!keep)
        B.top = 0;
}

static int browse_open(struct view *v, struct ui *ui)
{
    memset(&B, 0, sizeof B);
    v->state = &B;
    ui_status(ui, ROLE_NORMAL, "%s", "");
    reload(ui, NULL);
    return 0;
}

/* ---- drawing ---- */

static int list_rows(const struct ui *ui)
{
    return ui->rows - 5; /* title, header, and three lines at the bottom */
}

static const char *state_name(int state)
{
    static const char *const names[] = {"new", "learning", "review", "relearning"};
    return state >= 0 && state <= 3 ? names[state] : "?";
}

/* The id column takes what the fixed columns leave, up to the longest ids; a
 * question column appears only on a wide terminal (the bottom line shows the
 * current card's question anyway). */
static int id_width(const struct ui *ui)
{
    int rest = ui->cols - 2 - (17 + 11 + 6 + 11);
    return rest >= 60 ? 34 : rest - 1 > 34 ? 34 : rest - 1;
}

static void format_row(const struct ui *ui, const struct browse_row *r, char *buf, size_t size)
{
    char due[16];
    int idw = id_width(ui);
    if (r->state == CARD_NEW)
        snprintf(due, sizeof due, "-");
    else
        clock_day_str(clock_day(r->due, ui->app->cfg.rollover_hour), due);
    snprintf(buf, size, "%-*.*s %-16.16s %-10s %-5s %-10s %s", idw, idw, r->id, r->deck,
             state_name(r->state),
             r->suspended ? "susp"
             : r->leech   ? "leech"
                          : "",
             due, ui->cols - 2 - (idw + 1 + 17 + 11 + 6 + 11) >= 20 ? r->q : "");
}

static enum ui_role row_role(const struct ui *ui, const struct browse_row *r)
{
    int64_t end = clock_day_start(clock_day(ui->app->now, ui->app->cfg.rollover_hour) + 1,
                                  ui->app->cfg.rollover_hour);
    if (r->suspended)
        return ROLE_DIM;
    if (r->leech)
        return ROLE_BAD;
    return r->state != CARD_NEW && r->due < end ? ROLE_DUE : ROLE_NORMAL;
}

static void draw_list(struct ui *ui)
{
    char line[512];
    int room = list_rows(ui);
    if (B.cur < B.top)
        B.top = B.cur;
    if (B.cur >= B.top + room)
        B.top = B.cur - room + 1;
    snprintf(line, sizeof line, "%-*s %-16s %-10s %-5s %-10s %s", id_width(ui), "id", "deck",
             "state", "", "due", ui->cols - 2 - (id_width(ui) + 46) >= 20 ? "question" : "");
    ui_text(ui, 1, 1, ui->cols - 2, ROLE_TITLE, line);
    for (int i = 0; i < room && (size_t)(B.top + i) < B.n; i++) {
        const struct browse_row *r = &B.rows[B.top + i];
        format_row(ui, r, line, sizeof line);
        if (B.top + i == B.cur)
            attron(A_REVERSE);
        ui_text(ui, 2 + i, 1, ui->cols - 2, row_role(ui, r), line);
        attroff(A_REVERSE);
    }
    if (B.n == 0)
        ui_text(ui, 3, 2, ui->cols - 4, ROLE_DIM,
                "No card matches. / to search again, f and S to"
                " change the filters.");
}

static void draw_bottom(struct ui *ui)
{
    char line[300];
    int y = ui->rows - 3, w = ui->cols - 4;
    if (B.editing) {
        snprintf(line, sizeof line, "/ %s_", B.edit);
        ui_text(ui, y, 2, w, ROLE_ACCENT, line);
        ui_text(ui, y + 1, 2, w, ROLE_DIM,
                "Enter search · Esc cancel · all words, any case: question, answer, tags");
        return;
    }
    if (B.confirm && B.n) {
        snprintf(line, sizeof line, "Reset %s to new? Its review history is kept.  y/n",
                 B.rows[B.cur].id);
        ui_text(ui, y, 2, w, ROLE_BAD, line);
    } else if (B.n) {
        ui_text(ui, y, 2, w, ROLE_NORMAL, B.rows[B.cur].q);
    }
    ui_text(ui, y + 1, 2, w, ROLE_DIM,
            "Enter open · / search · f filter · S section · s suspend · R reset");
}

static void browse_draw(struct view *v, struct ui *ui)
{
    (void)v;
    char right[160], fit[200], found[80] = "";
    if (B.search[0])
        snprintf(found, sizeof found, " · “%.40s”", B.search);
    snprintf(right, sizeof right, "%zu card%s · %s · %s%s", B.n, B.n == 1 ? "" : "s",
             browse_filter_name(B.filter),
             sections[B.section] ? sections[B.section] : "all sections", found);
    text_crop(right, ui->cols - 22, 1, fit, sizeof fit); /* ui_title drops what does not fit */
    ui_title(ui, "browse", fit);
    draw_list(ui);
    draw_bottom(ui);
}

/* ---- the search field ---- */

static int edit_key(struct ui *ui, wint_t key, int is_code)
{
    switch (ui_field_key(B.edit, sizeof B.edit, key, is_code)) {
    case FIELD_ENTER:
        B.editing = 0;
        snprintf(B.search, sizeof B.search, "%s", B.edit);
        reload(ui, NULL);
        ui_status(ui, ROLE_NORMAL, "%zu card%s found", B.n, B.n == 1 ? "" : "s");
        return UI_REDRAW;
    case FIELD_ESC:
        B.editing = 0;
        return UI_REDRAW;
    case FIELD_CHANGED:
        return UI_REDRAW;
    default:
        return UI_HANDLED;
    }
}

static int browse_key(struct view *v, struct ui *ui, wint_t key, int is_code)
{
    (void)v;
    return B.editing ? edit_key(ui, key, is_code) : UI_UNHANDLED;
}

/* ---- actions ---- */

static int move_cursor(struct ui *ui, enum ui_action act)
{
    int page = list_rows(ui), cur = B.cur;
    cur += act == ACT_UP ? -1 : act == ACT_DOWN ? 1 : act == ACT_PAGE_UP ? -page : page;
    if (cur >= (int)B.n)
        cur = (int)B.n - 1;
    B.cur = cur < 0 ? 0 : cur;
    return UI_REDRAW;
}

static int toggle_suspend(struct ui *ui)
{
    struct lp_err err = {0};
    struct browse_row *r = &B.rows[B.cur];
    char id[QUEUE_ID_MAX];
    int on = !r->suspended;
    snprintf(id, sizeof id, "%s", r->id);
    if (cards_set_suspended(ui->app->st, id, on, &err) != LP_OK)
        return ui_status(ui, ROLE_BAD, "%s", err.msg), UI_REDRAW;
    ui_status(ui, ROLE_NORMAL, "%s %s", id, on ? "suspended" : "unsuspended");
    reload(ui, id);
    return UI_REDRAW;
}

/* The answer to "Reset ... to new?": y resets, anything else cancels. */
static int confirm_reset(struct ui *ui, enum ui_action act)
{
    struct lp_err err = {0};
    char id[QUEUE_ID_MAX];
    B.confirm = 0;
    if (act != ACT_YES)
        return ui_status(ui, ROLE_DIM, "not reset"), UI_REDRAW;
    snprintf(id, sizeof id, "%s", B.rows[B.cur].id);
    if (browse_reset(ui->app->st, id, &err) != LP_OK)
        return ui_status(ui, ROLE_BAD, "%s", err.msg), UI_REDRAW;
    ui_status(ui, ROLE_GOOD, "%s reset to new; its review history is kept", id);
    reload(ui, id);
    return UI_REDRAW;
}

static int cycle(struct ui *ui, enum ui_action act)
{
    if (act == ACT_FILTER)
        B.filter = (enum browse_filter)((B.filter + 1) % BROWSE_N_FILTERS);
    else
        B.section = (B.section + 1) % N_SECTIONS;
    reload(ui, NULL);
    return UI_REDRAW;
}

static int card_action(struct ui *ui, enum ui_action act)
{
    if (B.n == 0)
        return UI_HANDLED;
    switch (act) {
    case ACT_OPEN:
        snprintf(B.open_id, sizeof B.open_id, "%s", B.rows[B.cur].id);
        ui_push(ui, &view_detail_ops, B.open_id);
        return UI_REDRAW;
    case ACT_SUSPEND:
        return toggle_suspend(ui);
    default: /* ACT_RESET */
        B.confirm = 1;
        return UI_REDRAW;
    }
}

/* Study the cards listed; the rows stay put while the study view runs (the
 * browser reloads only when it is back on top). */
static int custom_study(struct ui *ui)
{
    size_t live = 0;
    for (size_t i = 0; i < B.n; i++)
        live += !B.rows[i].suspended;
    if (live == 0)
        return ui_status(ui, ROLE_DIM, "no card to study here (suspended cards are left out)"),
               UI_REDRAW;
    B.custom.rows = B.rows;
    B.custom.n = B.n;
    ui_push(ui, &view_study_ops, &B.custom);
    return UI_REDRAW;
}

static int browse_handle(struct view *v, struct ui *ui, enum ui_action act)
{
    (void)v;
    if (B.confirm && act != ACT_QUIT)
        return confirm_reset(ui, act);
    switch (act) {
    case ACT_UP:
    case ACT_DOWN:
    case ACT_PAGE_UP:
    case ACT_PAGE_DOWN:
        return move_cursor(ui, act);
    case ACT_SEARCH:
        B.editing = 1;
        snprintf(B.edit, sizeof B.edit, "%s", B.search);
        return UI_REDRAW;
    case ACT_FILTER:
    case ACT_SECTION:
        return cycle(ui, act);
    case ACT_CRAM:
        return custom_study(ui);
    case ACT_OPEN:
    case ACT_SUSPEND:
    case ACT_RESET:
        return card_action(ui, act);
    default:
        return UI_UNHANDLED;
    }
}

/* Back from a card's detail, which may have changed it. */
static void browse_resume(struct view *v, struct ui *ui)
{
    (void)v;
    char keep[QUEUE_ID_MAX];
    snprintf(keep, sizeof keep, "%s", B.n ? B.rows[B.cur].id : "");
    reload(ui, keep);
}

static void browse_close(struct view *v, struct ui *ui)
{
    (void)v;
    (void)ui;
    free(B.rows);
    memset(&B, 0, sizeof B);
}

const struct view_ops view_browse_ops = {
    .title = "browse",
    .scope = SC_BROWSE,
    .open = browse_open,
    .draw = browse_draw,
    .handle = browse_handle,
    .key = browse_key,
    .close = browse_close,
    .resume = browse_resume,
};
