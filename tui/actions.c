/*
 * actions.c - key lookup and help rows, both read from the table in actions.h.
 */
#include "actions.h"

struct action_row {
    enum ui_action act;
    unsigned scope;
    int k1, k2;
    const char *label, *help;
};

static const struct action_row rows[] = {
#define LP_X(act, scope, k1, k2, label, help) {act, scope, k1, k2, label, help},
    UI_ACTIONS(LP_X)
#undef LP_X
};

#define N_ROWS (sizeof rows / sizeof rows[0])

/* Characters and KEY_* codes share the int space only where they differ: curses
 * codes are >= KEY_MIN (0401), characters we bind are below it. */
static int key_matches(int bound, wint_t key, int is_code)
{
    if (bound == 0)
        return 0;
    if (bound >= KEY_MIN)
        return is_code && (int)key == bound;
    if (is_code)
        return bound == '\n' && (int)key == KEY_ENTER;
    return (int)key == bound || (bound == '\n' && key == '\r');
}

enum ui_action actions_lookup(unsigned scope, wint_t key, int is_code)
{
    for (size_t i = 0; i < N_ROWS; i++) {
        if (!(rows[i].scope & scope))
            continue;
        if (key_matches(rows[i].k1, key, is_code) || key_matches(rows[i].k2, key, is_code))
            return rows[i].act;
    }
    return ACT_NONE;
}

int actions_help_row(unsigned scope, int n, const char **label, const char **help)
{
    for (size_t i = 0; i < N_ROWS; i++) {
        if (!(rows[i].scope & scope))
            continue;
        if (n-- == 0) {
            *label = rows[i].label;
            *help = rows[i].help;
            return 1;
        }
    }
    return 0;
}
