/*
 * ui.h - the full-screen tutor: a stack of views over one curses event loop.
 *
 * Each screen is a view with a small vtable (tig's view_ops): open, draw,
 * handle(action), tick, close.  handle() returns UI_* flags and the loop, not the
 * view, decides what happens next (redraw, push, pop, quit).  Keys are turned
 * into actions through the table in actions.h, so help always matches the keys.
 * The loop owns resizing (a plain "terminal too small" screen below 80x24),
 * Ctrl-C, Ctrl-Z (curses' own SIGTSTP handling) and restoring the terminal.
 */
#ifndef LP_UI_H
#define LP_UI_H

#include <curses.h>
#include <stdint.h>
#include <wchar.h>

#include "actions.h"
#include "app.h"
#include "browse.h"

#define UI_MIN_COLS 80
#define UI_MIN_ROWS 24
#define UI_MAX_DEPTH 8

enum ui_flag {
    UI_UNHANDLED = 0,
    UI_HANDLED = 1 << 0,
    UI_REDRAW = 1 << 1,
    UI_POP = 1 << 2,
    UI_QUIT = 1 << 3,
};

/* Colours by meaning; each has a monochrome fallback of attributes only. */
enum ui_role { ROLE_NORMAL, ROLE_TITLE, ROLE_DUE, ROLE_GOOD, ROLE_BAD, ROLE_DIM, ROLE_ACCENT };

struct ui;
struct view;

struct view_ops {
    const char *title;
    unsigned scope;                                   /* for key lookup and help */
    int (*open)(struct view *v, struct ui *ui);       /* 0, or -1 with ui status set */
    void (*draw)(struct view *v, struct ui *ui);
    int (*handle)(struct view *v, struct ui *ui, enum ui_action act);
    /* Raw key for views with a text field; return UI_UNHANDLED to fall back to the
     * action table.  May be NULL. */
    int (*key)(struct view *v, struct ui *ui, wint_t key, int is_code);
    int (*tick)(struct view *v, struct ui *ui);       /* once a second; may be NULL */
    void (*close)(struct view *v, struct ui *ui);
    void (*resume)(struct view *v, struct ui *ui);    /* back on top; may be NULL */
};

struct view {
    const struct view_ops *ops;
    void *state;   /* owned by the view: set in open, freed in close */
    void *arg;     /* what the pusher passed */
};

struct ui {
    struct app *app;
    struct view stack[UI_MAX_DEPTH];
    int depth;
    struct view pending;      /* pushed after the current handler returns */
    int has_pending;
    int rows, cols;
    int color;
    char status[256];
    int status_role;
    int first_frame_exit;     /* LABPREP_EXIT_AFTER_FIRST_FRAME: benchmarks, tests */
};

/* Run the tutor on an opened app (store open, content synced).  Returns the exit
 * status; the terminal is restored whatever happens. */
int ui_run(struct app *app);

/* Ask the loop to push a view (opened after the current handler returns). */
void ui_push(struct ui *ui, const struct view_ops *ops, void *arg);

/* Status line message; role ROLE_BAD for errors. */
void ui_status(struct ui *ui, int role, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* What a key did to a one-line text field (ui_field_key). */
enum ui_field { FIELD_CHANGED, FIELD_ENTER, FIELD_ESC, FIELD_IGNORED };

/*
 * Edit a one-line UTF-8 field of `size` bytes with one key, as readline would:
 * a printable character is appended (if it fits), Backspace drops the last
 * character, Ctrl-U clears the field, Ctrl-W drops the last word.  Enter and Esc
 * are only reported.  Other control keys and curses codes are ignored.
 */
enum ui_field ui_field_key(char *buf, size_t size, wint_t key, int is_code);

/* Show msg on the status line and redraw the screen now, before a blocking piece
 * of work (the loop redraws as usual afterwards). */
void ui_busy(struct ui *ui, const char *msg);

/* Drawing helpers (stdscr). */
attr_t ui_attr(const struct ui *ui, enum ui_role role);
void ui_text(struct ui *ui, int y, int x, int width, enum ui_role role, const char *s);
/* Word-wrapped text in a box; returns the number of rows used (at most max_rows);
 * `skip` rows of the wrapped text are skipped first (scrolling). */
int ui_wrap(struct ui *ui, int y, int x, int width, int max_rows, int skip, enum ui_role role,
            const char *s);
/* Rows that s needs when wrapped to width. */
int ui_wrap_rows(const char *s, int width);
void ui_title(struct ui *ui, const char *title, const char *right);
void ui_hline(struct ui *ui, int y);

/* The other views. */
extern const struct view_ops view_home_ops;
extern const struct view_ops view_study_ops;

/* The study view's arg: NULL for today's queue, or a custom study of these cards
 * (the browser's list; suspended ones are left out), answered in mode "cram". */
struct study_custom {
    const struct browse_row *rows;
    size_t n;
};
extern const struct view_ops view_help_ops;
extern const struct view_ops view_mock_ops;
extern const struct view_ops view_browse_ops;
extern const struct view_ops view_detail_ops; /* arg: the card id (const char *) */
extern const struct view_ops view_plan_ops;
extern const struct view_ops view_checklist_ops;
extern const struct view_ops view_reading_ops;
extern const struct view_ops view_review_ops;
extern const struct view_ops view_refit_ops;
extern const struct view_ops view_targets_ops;

#endif
