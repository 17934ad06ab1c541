/*
 * view_help.c - `?` on any screen: that screen's keys, generated from the action
 * table (actions.h), so the help always matches the bindings.
 */
#include <stdio.h>

#include "ui.h"

struct help_state {
    const struct view *under;
    int top;
};

static struct help_state hs;

static int help_open(struct view *v, struct ui *ui)
{
    (void)ui;
    hs.under = v->arg;
    hs.top = 0;
    v->state = &hs;
    return 0;
}

static int count_rows(unsigned scope)
{
    const char *l, *h;
    int n = 0;
    while (actions_help_row(scope, n, &l, &h))
        n++;
    return n;
}

static void help_draw(struct view *v, struct ui *ui)
{
    struct help_state *s = v->state;
    char title[96];
    snprintf(title, sizeof title, "help: %s", s->under->ops->title);
    ui_title(ui, title, NULL);
    unsigned scope = s->under->ops->scope;
    int room = ui->rows - 4, n = count_rows(scope);
    const char *label, *help;
    for (int i = 0; i < room && actions_help_row(scope, s->top + i, &label, &help); i++) {
        ui_text(ui, 2 + i, 2, 16, ROLE_ACCENT, label);
        ui_text(ui, 2 + i, 20, ui->cols - 22, ROLE_NORMAL, help);
    }
    if (n > room)
        ui_status(ui, ROLE_DIM, "Up/Down to scroll (%d keys)", n);
    else
        ui_status(ui, ROLE_DIM, "press q to go back");
}

static int help_handle(struct view *v, struct ui *ui, enum ui_action act)
{
    struct help_state *s = v->state;
    int max = count_rows(s->under->ops->scope) - (ui->rows - 4);
    if (act == ACT_DOWN && s->top < max)
        s->top++;
    else if (act == ACT_UP && s->top > 0)
        s->top--;
    else if (act == ACT_HELP)
        return UI_POP;
    else
        return UI_UNHANDLED;
    return UI_REDRAW;
}

static void help_close(struct view *v, struct ui *ui)
{
    (void)v;
    ui_status(ui, ROLE_NORMAL, "%s", "");
}

const struct view_ops view_help_ops = {
    .title = "help",
    .scope = SC_HELP,
    .open = help_open,
    .draw = help_draw,
    .handle = help_handle,
    .close = help_close,
};
