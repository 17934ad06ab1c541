/*
 * ui.c - the event loop, the view stack, colours and drawing helpers.
 */
#include "ui.h"

#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

static volatile sig_atomic_t got_signal;

static void on_signal(int sig)
{
    got_signal = sig;
}

static void catch_signals(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    /* No SA_RESTART: a signal must wake wget_wch so the loop sees the flag. */
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
}

/* ---- colours ---- */

static const struct {
    short fg;
    attr_t mono, extra;
} roles[] = {
    [ROLE_NORMAL] = {-1, A_NORMAL, A_NORMAL},
    [ROLE_TITLE] = {COLOR_CYAN, A_BOLD, A_BOLD},
    [ROLE_DUE] = {COLOR_YELLOW, A_BOLD, A_NORMAL},
    [ROLE_GOOD] = {COLOR_GREEN, A_BOLD, A_NORMAL},
    [ROLE_BAD] = {COLOR_RED, A_BOLD | A_UNDERLINE, A_BOLD},
    [ROLE_DIM] = {COLOR_BLUE, A_DIM, A_NORMAL},
    [ROLE_ACCENT] = {COLOR_MAGENTA, A_UNDERLINE, A_BOLD},
};

static int want_color(void)
{
    const char *nc = getenv("NO_COLOR");
    return has_colors() && !(nc && *nc);
}

static void setup_colors(struct ui *ui)
{
    ui->color = want_color();
    if (!ui->color)
        return;
    start_color();
    use_default_colors();
    for (short i = 1; i < (short)(sizeof roles / sizeof roles[0]); i++)
        init_pair(i, roles[i].fg, -1);
}

attr_t ui_attr(const struct ui *ui, enum ui_role role)
{
    if (role == ROLE_NORMAL)
        return A_NORMAL;
    if (!ui->color)
        return roles[role].mono;
    return COLOR_PAIR(role) | roles[role].extra;
}

/* ---- drawing ---- */

void ui_text(struct ui *ui, int y, int x, int width, enum ui_role role, const char *s)
{
    char buf[1024];
    if (width <= 0 || y < 0 || y >= ui->rows)
        return;
    text_crop(s, width, 1, buf, sizeof buf);
    attrset(ui_attr(ui, role));
    mvaddstr(y, x, buf);
    attrset(A_NORMAL);
}

int ui_wrap_rows(const char *s, int width)
{
    return (int)text_wrap(s ? s : "", width, NULL, 0);
}

int ui_wrap(struct ui *ui, int y, int x, int width, int max_rows, int skip, enum ui_role role,
            const char *s)
{
    struct text_line lines[256];
    char buf[1024];
    size_t n = text_wrap(s ? s : "", width, lines, 256);
    int used = 0;
    if (n > 256)
        n = 256;
    attrset(ui_attr(ui, role));
    for (size_t i = (size_t)(skip > 0 ? skip : 0); i < n && used < max_rows; i++, used++) {
        size_t len = lines[i].len < sizeof buf - 1 ? lines[i].len : sizeof buf - 1;
        memcpy(buf, s + lines[i].start, len);
        buf[len] = '\0';
        mvaddstr(y + used, x, buf);
    }
    attrset(A_NORMAL);
    return used;
}

void ui_title(struct ui *ui, const char *title, const char *right)
{
    attrset(A_REVERSE);
    mvhline(0, 0, ' ', ui->cols);
    char left[256];
    snprintf(left, sizeof left, " labprep · %s", title);
    ui_text(ui, 0, 0, ui->cols - 1, ROLE_NORMAL, "");
    attrset(A_REVERSE | A_BOLD);
    char buf[512];
    text_crop(left, ui->cols / 2 + 10, 1, buf, sizeof buf);
    mvaddstr(0, 0, buf);
    if (right) {
        int w = text_width(right, strlen(right));
        int lw = text_width(buf, strlen(buf));
        if (w + lw + 2 < ui->cols)
            mvaddstr(0, ui->cols - w - 1, right);
    }
    attrset(A_NORMAL);
}

void ui_hline(struct ui *ui, int y)
{
    /* U+2500 rather than ACS_HLINE: the text is UTF-8 anyway, and ACS depends on
     * the terminal description being right. */
    attrset(ui_attr(ui, ROLE_DIM));
    move(y, 0);
    for (int x = 0; x < ui->cols; x++)
        addstr("─");
    attrset(A_NORMAL);
}

void ui_status(struct ui *ui, int role, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(ui->status, sizeof ui->status, fmt, ap);
    va_end(ap);
    ui->status_role = role;
}

/* Bottom line: the message on the left, the main keys on the right. */
static void draw_status(struct ui *ui)
{
    const char *keys = "? help  q back  Q quit";
    int kw = (int)strlen(keys);
    move(ui->rows - 1, 0);
    clrtoeol();
    ui_text(ui, ui->rows - 1, 1, ui->cols - kw - 3, (enum ui_role)ui->status_role, ui->status);
    ui_text(ui, ui->rows - 1, ui->cols - kw - 1, kw, ROLE_DIM, keys);
}

static void draw_all(struct ui *ui);

/* Drop the last UTF-8 character of buf. */
static void drop_char(char *buf)
{
    size_t len = strlen(buf);
    while (len > 0 && (buf[len - 1] & 0xC0) == 0x80)
        len--;
    buf[len > 0 ? len - 1 : 0] = '\0';
}

enum ui_field ui_field_key(char *buf, size_t size, wint_t key, int is_code)
{
    size_t len = strlen(buf);
    if ((is_code && key == KEY_ENTER) || (!is_code && (key == '\n' || key == '\r')))
        return FIELD_ENTER;
    if (!is_code && key == KEY_ESC)
        return FIELD_ESC;
    if ((is_code && key == KEY_BACKSPACE) || (!is_code && (key == 127 || key == 8))) {
        drop_char(buf);
        return FIELD_CHANGED;
    }
    if (!is_code && key == KEY_CTRL('u')) {
        buf[0] = '\0';
        return FIELD_CHANGED;
    }
    if (!is_code && key == KEY_CTRL('w')) {
        while (len > 0 && buf[len - 1] == ' ')
            buf[--len] = '\0';
        while (len > 0 && buf[len - 1] != ' ')
            buf[--len] = '\0';
        return FIELD_CHANGED;
    }
    if (is_code || key < 0x20 || key == 0x7f)
        return FIELD_IGNORED;
    char mb[8];
    int n = wctomb(mb, (wchar_t)key);
    if (n > 0 && len + (size_t)n < size - 1) {
        memcpy(buf + len, mb, (size_t)n);
        buf[len + (size_t)n] = '\0';
    }
    return FIELD_CHANGED;
}

void ui_busy(struct ui *ui, const char *msg)
{
    ui_status(ui, ROLE_ACCENT, "%s", msg);
    draw_all(ui);
}

static void draw_too_small(struct ui *ui)
{
    char msg[96];
    erase();
    snprintf(msg, sizeof msg, "terminal too small (need %dx%d, have %dx%d)", UI_MIN_COLS,
             UI_MIN_ROWS, ui->cols, ui->rows);
    mvaddnstr(0, 0, msg, ui->cols > 0 ? ui->cols : 0);
    if (ui->rows > 1)
        mvaddnstr(1, 0, "resize the window, or press Q to quit", ui->cols);
}

static int too_small(const struct ui *ui)
{
    return ui->cols < UI_MIN_COLS || ui->rows < UI_MIN_ROWS;
}

static void draw_all(struct ui *ui)
{
    getmaxyx(stdscr, ui->rows, ui->cols);
    if (too_small(ui)) {
        draw_too_small(ui);
    } else {
        erase();
        struct view *top = &ui->stack[ui->depth - 1];
        top->ops->draw(top, ui);
        draw_status(ui);
    }
    refresh();
}

/* ---- the stack ---- */

void ui_push(struct ui *ui, const struct view_ops *ops, void *arg)
{
    ui->pending.ops = ops;
    ui->pending.state = NULL;
    ui->pending.arg = arg;
    ui->has_pending = 1;
}

static void open_pending(struct ui *ui)
{
    if (!ui->has_pending)
        return;
    ui->has_pending = 0;
    if (ui->depth >= UI_MAX_DEPTH) {
        ui_status(ui, ROLE_BAD, "too many screens open; press q to go back");
        return;
    }
    struct view *v = &ui->stack[ui->depth];
    *v = ui->pending;
    if (v->ops->open && v->ops->open(v, ui) != 0)
        return; /* the view set the status line */
    ui->depth++;
}

static void pop_view(struct ui *ui)
{
    struct view *v = &ui->stack[--ui->depth];
    if (v->ops->close)
        v->ops->close(v, ui);
    memset(v, 0, sizeof *v);
    struct view *top = ui->depth > 0 ? &ui->stack[ui->depth - 1] : NULL;
    if (top && top->ops->resume)
        top->ops->resume(top, ui);
}

/* ---- the loop ---- */

static int dispatch(struct ui *ui, wint_t key, int is_code)
{
    struct view *top = &ui->stack[ui->depth - 1];
    if (too_small(ui))
        return key == 'Q' ? UI_QUIT : UI_HANDLED;
    if (top->ops->key) {
        int f = top->ops->key(top, ui, key, is_code);
        if (f != UI_UNHANDLED)
            return f;
    }
    enum ui_action act = actions_lookup(top->ops->scope, key, is_code);
    int f = act != ACT_NONE ? top->ops->handle(top, ui, act) : UI_UNHANDLED;
    if (f != UI_UNHANDLED)
        return f;
    switch (act) {
    case ACT_QUIT:
        return UI_QUIT;
    case ACT_HELP:
        ui_push(ui, &view_help_ops, top);
        return UI_REDRAW;
    case ACT_BACK:
        return UI_POP;
    case ACT_REDRAW:
        clearok(curscr, TRUE);
        return UI_REDRAW;
    default:
        return UI_HANDLED;
    }
}

static int apply_flags(struct ui *ui, int f)
{
    if (f & UI_QUIT)
        return 1;
    if (f & UI_POP)
        pop_view(ui);
    open_pending(ui);
    return ui->depth == 0;
}

static int tick(struct ui *ui)
{
    struct view *top = &ui->stack[ui->depth - 1];
    return top->ops->tick && !too_small(ui) ? top->ops->tick(top, ui) : 0;
}

/* The daily backup, once the first frame is up; a failure goes to the status line
 * (stderr would scribble over the screen). */
static void quiet_backup(struct ui *ui)
{
    struct lp_err err = {0};
    if (app_daily_backup(ui->app, &err) != LP_OK)
        ui_status(ui, ROLE_BAD, "backup failed: %s", err.msg);
}

static void loop(struct ui *ui)
{
    int redraw = 1;
    while (!got_signal) {
        if (redraw) {
            draw_all(ui);
            redraw = 0;
            if (ui->first_frame_exit)
                return;
            if (ui->app->defer_backup) {
                ui->app->defer_backup = 0;
                quiet_backup(ui);
            }
        }
        wint_t key;
        int rc = wget_wch(stdscr, &key);
        if (rc == ERR) {
            redraw = tick(ui) & UI_REDRAW;
            continue;
        }
        if (rc == KEY_CODE_YES && key == KEY_RESIZE) {
            redraw = 1;
            continue;
        }
        int f = dispatch(ui, key, rc == KEY_CODE_YES);
        if (apply_flags(ui, f))
            return;
        redraw = 1;
    }
}

static void start_curses(struct ui *ui)
{
    initscr();
    cbreak(); /* not raw: Ctrl-C and Ctrl-Z stay signals */
    noecho();
    nonl();
    keypad(stdscr, TRUE);
    set_escdelay(25);
    curs_set(0);
    timeout(1000);
    setup_colors(ui);
    getmaxyx(stdscr, ui->rows, ui->cols);
}

int ui_run(struct app *app)
{
    static struct ui ui;
    memset(&ui, 0, sizeof ui);
    ui.app = app;
    const char *ffe = getenv("LABPREP_EXIT_AFTER_FIRST_FRAME");
    ui.first_frame_exit = ffe && *ffe && *ffe != '0';
    catch_signals();
    start_curses(&ui);
    ui_push(&ui, &view_home_ops, NULL);
    open_pending(&ui);
    int failed = ui.depth == 0;
    if (!failed)
        loop(&ui);
    while (ui.depth > 0)
        pop_view(&ui);
    endwin();
    if (failed)
        fprintf(stderr, "labprep: %s\n", ui.status);
    if (failed)
        return 1;
    return got_signal == SIGINT || got_signal == 0 ? 0 : 128 + got_signal;
}
