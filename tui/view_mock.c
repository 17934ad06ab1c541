/*
 * view_mock.c - the oral mock quiz: a setup step (length, sections), then a
 * timed session of questions drawn round robin across the chosen sections, each
 * with its own clock; the user answers aloud, reveals, and marks it right, partly
 * right or wrong.  When time is up (or on q) a results screen gives the score and
 * median answer time per section and lists the misses, which `a` sends to study.
 *
 * Every mark is committed (mock_record) before the next question shows.  The
 * cards table and the review log are never written, except by that explicit `a`.
 * A question's answer time runs from showing it to revealing the answer.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cards.h"
#include "checkspec.h"
#include "mock.h"
#include "ui.h"

enum mock_phase { MP_SETUP, MP_QUESTION, MP_ANSWER, MP_RESULTS };

struct mock_view {
    enum mock_phase phase;
    int minutes;
    unsigned mask;
    int avail[MOCK_N_SECTIONS];  /* questions each section could ask */
    int64_t id;                  /* the running or finished mock */
    struct mock_question *order; /* the session's questions, in order */
    size_t n, next;
    struct mock_question cur;
    struct card_text text;
    struct content_check check;
    char *check_storage;
    int has_card;
    struct timespec started, shown;
    int answer_ms; /* frozen when the answer is revealed */
    int marks[3];  /* so far: wrong, partly, right */
    struct mock_results res;
    int has_res, kept, top, sent;
    int page; /* misses shown at once, set when drawn */
    const char *why_ended;
};

static struct mock_view M;
static struct timespec t_open;

/* ---- time ---- */

static double since(const struct timespec *a)
{
    struct timespec b;
    clock_gettime(CLOCK_MONOTONIC, &b);
    return (double)(b.tv_sec - a->tv_sec) + (double)(b.tv_nsec - a->tv_nsec) / 1e9;
}

/* The app's time (fixed by --now in tests) plus the real time since the screen
 * opened, as in view_study.c. */
static int64_t mock_now(const struct ui *ui)
{
    return ui->app->now + (int64_t)since(&t_open);
}

static int seconds_left(void)
{
    int left = M.minutes * 60 - (int)since(&M.started);
    return left > 0 ? left : 0;
}

static void fmt_clock(int secs, char *buf, size_t size)
{
    snprintf(buf, size, "%d:%02d", secs / 60, secs % 60);
}

/* An answer time: "8.5s" under a minute, else "1:05". */
static void fmt_answer(int64_t ms, char *buf, size_t size)
{
    if (ms < 60000)
        snprintf(buf, size, "%.1fs", (double)ms / 1000.0);
    else
        fmt_clock((int)(ms / 1000), buf, size);
}

/* ---- the session ---- */

static void drop_card(void)
{
    if (M.has_card) {
        cards_text_free(&M.text);
        checkspec_free(&M.check, M.check_storage);
        M.check_storage = NULL;
    }
    M.has_card = 0;
}

/* Show the next question that can be read; 0, or -1 when none is left. */
static int next_question(struct ui *ui)
{
    struct lp_err err = {0};
    drop_card();
    while (M.next < M.n) {
        M.cur = M.order[M.next++];
        if (cards_text(ui->app->st, M.cur.id, &M.text, &err) != LP_OK) {
            cards_text_free(&M.text);
            ui_status(ui, ROLE_BAD, "%s", err.msg);
            continue;
        }
        M.has_card = 1;
        checkspec_decode(M.text.check_spec, &M.check, &M.check_storage);
        M.phase = MP_QUESTION;
        clock_gettime(CLOCK_MONOTONIC, &M.shown);
        return 0;
    }
    return -1;
}

static void load_results(struct ui *ui)
{
    struct lp_err err = {0};
    if (M.has_res)
        mock_results_free(&M.res);
    M.has_res = mock_results(ui->app->st, M.id, &M.res, &err) == LP_OK;
    if (!M.has_res)
        ui_status(ui, ROLE_BAD, "%s", err.msg);
}

/* End the session (time up, questions exhausted, or q) and show the results. */
static void end_session(struct ui *ui, const char *why)
{
    struct lp_err err = {0};
    drop_card();
    M.phase = MP_RESULTS;
    M.why_ended = why;
    M.top = 0;
    if (mock_finish(ui->app->st, M.id, mock_now(ui), &M.kept, &err) != LP_OK) {
        ui_status(ui, ROLE_BAD, "%s", err.msg);
        M.kept = 1;
    }
    if (M.kept)
        load_results(ui);
}

static int start_session(struct ui *ui)
{
    struct lp_err err = {0};
    struct mock_question *cands;
    size_t n;
    if (mock_candidates(ui->app->st, M.mask, &cands, &n, &err) != LP_OK)
        return ui_status(ui, ROLE_BAD, "%s", err.msg), UI_REDRAW;
    if (n == 0) {
        free(cands);
        ui_status(ui, ROLE_BAD, "no questions in the chosen sections");
        return UI_REDRAW;
    }
    int64_t now = mock_now(ui);
    free(M.order);
    M.order = malloc(n * sizeof *M.order);
    M.n = M.order ? mock_pick(cands, n, M.mask, mock_pick_seed(now), M.order) : 0;
    free(cands);
    if (M.n == 0 || mock_start(ui->app->st, now, M.minutes, M.mask, &M.id, &err) != LP_OK) {
        ui_status(ui, ROLE_BAD, "%s", M.n ? err.msg : "out of memory");
        return UI_REDRAW;
    }
    M.next = 0;
    memset(M.marks, 0, sizeof M.marks);
    clock_gettime(CLOCK_MONOTONIC, &M.started);
    ui_status(ui, ROLE_NORMAL, "mock started: %d minutes, %zu questions available", M.minutes, M.n);
    if (next_question(ui) != 0)
        end_session(ui, "no question could be read");
    return UI_REDRAW;
}

static int mock_open(struct view *v, struct ui *ui)
{
    struct lp_err err = {0};
    struct mock_question *cands;
    size_t n;
    memset(&M, 0, sizeof M);
    v->state = &M;
    clock_gettime(CLOCK_MONOTONIC, &t_open);
    M.minutes = ui->app->cfg.mock_minutes;
    if (M.minutes < MOCK_MIN_MINUTES || M.minutes > MOCK_MAX_MINUTES)
        M.minutes = 45;
    M.mask = MOCK_ALL_SECTIONS;
    if (mock_candidates(ui->app->st, MOCK_ALL_SECTIONS, &cands, &n, &err) != LP_OK) {
        ui_status(ui, ROLE_BAD, "%s", err.msg);
        return -1;
    }
    for (size_t i = 0; i < n; i++)
        M.avail[cands[i].section]++;
    free(cands);
    ui_status(ui, ROLE_NORMAL, "%s", "");
    return 0;
}

/* ---- drawing: setup ---- */

static int chosen_questions(void)
{
    int n = 0;
    for (int s = 0; s < MOCK_N_SECTIONS; s++)
        n += M.mask & (1u << s) ? M.avail[s] : 0;
    return n;
}

static void draw_setup(struct ui *ui)
{
    static const char keys[MOCK_N_SECTIONS] = {'M', 'S', 'C', 'L'};
    char line[200];
    int w = ui->cols - 4;
    ui_title(ui, "mock quiz: setup", NULL);
    int y = 2 + ui_wrap(ui, 2, 2, w, 3, 0, ROLE_NORMAL,
                        "A timed oral quiz, as in a research interview: questions come "
                        "in turn from each chosen section. Answer each one aloud, then "
                        "reveal the answer and mark yourself honestly.");
    snprintf(line, sizeof line, "Length   ‹ %d min ›   Left/Right or h/l: 5-minute steps",
             M.minutes);
    ui_text(ui, ++y, 2, w, ROLE_ACCENT, line);
    ui_text(ui, y += 2, 2, w, ROLE_TITLE, "Sections (press the letter to include or leave out)");
    for (int s = 0; s < MOCK_N_SECTIONS; s++) {
        int on = (M.mask >> s) & 1;
        snprintf(line, sizeof line, "[%s] %c  %-30s %4d question%s", on ? "x" : " ", keys[s],
                 mock_section_titles[s], M.avail[s], M.avail[s] == 1 ? "" : "s");
        ui_text(ui, ++y, 4, w - 2, on ? ROLE_NORMAL : ROLE_DIM, line);
    }
    snprintf(line, sizeof line, "%d questions to draw from.", chosen_questions());
    ui_text(ui, y += 2, 2, w, chosen_questions() ? ROLE_NORMAL : ROLE_BAD, line);
    ui_text(ui, y += 2, 2, w, ROLE_ACCENT, "Enter starts the clock.");
    ui_wrap(ui, y + 2, 2, w, 2, 0, ROLE_DIM,
            "Mocks are kept as their own history and never change your study schedule.");
}

/* ---- drawing: a question ---- */

static void draw_header(struct ui *ui)
{
    char right[64], q[16], left[16], line[200];
    int qs = M.phase == MP_ANSWER ? M.answer_ms / 1000 : (int)since(&M.shown);
    fmt_clock(qs, q, sizeof q);
    fmt_clock(seconds_left(), left, sizeof left);
    snprintf(right, sizeof right, "question %s   time left %s", q, left);
    ui_title(ui, "mock quiz", right);
    snprintf(line, sizeof line, "%s · question %zu of %zu · %d right, %d partly, %d wrong",
             mock_section_titles[M.cur.section], M.next, M.n, M.marks[MOCK_RIGHT],
             M.marks[MOCK_PARTLY], M.marks[MOCK_WRONG]);
    ui_text(ui, 1, 2, ui->cols - 4, ROLE_DIM, line);
}

static int draw_question(struct ui *ui, int y)
{
    char line[300];
    int w = ui->cols - 4;
    y += ui_wrap(ui, y, 2, w, ui->rows - 8, 0, ROLE_TITLE, M.text.q);
    if (M.text.code && y < ui->rows - 7)
        y += 1 + ui_wrap(ui, y + 1, 4, w - 2, ui->rows - 7 - y, 0, ROLE_ACCENT, M.text.code);
    if (M.check.type == CHECK_CHOICE)
        y++;
    for (size_t i = 0; M.check.type == CHECK_CHOICE && i < M.check.n_options; i++) {
        if (y >= ui->rows - 6)
            break;
        snprintf(line, sizeof line, "%zu) %s", i + 1, M.check.options[i]);
        ui_text(ui, y++, 4, w - 2, ROLE_NORMAL, line);
    }
    return y + 1;
}

static void draw_answer(struct ui *ui, int y)
{
    int w = ui->cols - 4;
    ui_hline(ui, y++);
    ui_wrap(ui, y, 2, w, ui->rows - 4 - y, 0, ROLE_NORMAL, M.text.a ? M.text.a : "");
    ui_text(ui, ui->rows - 3, 2, w, ROLE_ACCENT,
            "y 3  right        p 2  partly right        n 1  wrong");
    ui_text(ui, ui->rows - 2, 2, w, ROLE_DIM, "q ends the mock and shows the results");
}

static void draw_session(struct ui *ui)
{
    draw_header(ui);
    int y = draw_question(ui, 3);
    if (M.phase == MP_ANSWER) {
        draw_answer(ui, y);
        return;
    }
    ui_text(ui, y, 2, ui->cols - 4, ROLE_DIM, "Answer aloud, then Space to reveal");
    ui_text(ui, ui->rows - 2, 2, ui->cols - 4, ROLE_DIM, "q ends the mock and shows the results");
}

/* ---- drawing: results ---- */

static void tally_line(char *buf, size_t size, const char *name, const struct mock_tally *t)
{
    char med[16];
    fmt_answer(t->median_ms, med, sizeof med);
    snprintf(buf, size, "%-28s %5d %6d %6d %6d %6.1f %7s", name, t->asked, t->right, t->partly,
             t->wrong, t->score, t->asked ? med : "-");
}

static int draw_tallies(struct ui *ui, int y)
{
    char line[200];
    const struct mock_results *r = &M.res;
    attrset(ui_attr(ui, ROLE_TITLE));
    mvprintw(y++, 2, "%-28s %5s %6s %6s %6s %6s %7s", "Section", "asked", "right", "partly",
             "wrong", "score", "median");
    attrset(A_NORMAL);
    for (int s = 0; s < MOCK_N_SECTIONS; s++) {
        if (!(r->mask & (1u << s)) && !r->sec[s].asked)
            continue;
        tally_line(line, sizeof line, mock_section_titles[s], &r->sec[s]);
        ui_text(ui, y++, 2, ui->cols - 4, ROLE_NORMAL, line);
    }
    tally_line(line, sizeof line, "All", &r->total);
    ui_text(ui, y++, 2, ui->cols - 4, ROLE_TITLE, line);
    return y;
}

static void draw_misses(struct ui *ui, int y)
{
    static const char *const short_names[MOCK_N_SECTIONS] = {"maths", "stats", "CS", "ML"};
    char line[400];
    const struct mock_results *r = &M.res;
    M.page = ui->rows - 4 - y;
    snprintf(line, sizeof line, "Misses: %zu (✗ wrong, ½ partly right)%s", r->n_misses,
             r->n_misses > (size_t)M.page ? "   j/k to scroll" : "");
    ui_text(ui, y++, 2, ui->cols - 4, ROLE_TITLE, line);
    for (int i = 0; i < M.page && (size_t)(M.top + i) < r->n_misses; i++) {
        const struct mock_miss *m = &r->misses[M.top + i];
        snprintf(line, sizeof line, "%s %-5s %s", m->mark == MOCK_WRONG ? "✗" : "½",
                 short_names[m->section], m->q);
        ui_text(ui, y + i, 2, ui->cols - 4, m->mark == MOCK_WRONG ? ROLE_BAD : ROLE_DUE, line);
    }
}

static void draw_results(struct ui *ui)
{
    char right[64], used[16], line[200];
    if (!M.kept || !M.has_res) {
        ui_title(ui, "mock quiz: results", NULL);
        ui_text(ui, 2, 2, ui->cols - 4, ROLE_TITLE,
                M.kept ? "The results could not be read." : "No question was answered.");
        ui_text(ui, 3, 2, ui->cols - 4, ROLE_DIM, "Nothing was kept. q goes back home.");
        return;
    }
    const struct mock_results *r = &M.res;
    fmt_clock((int)(r->finished - r->started), used, sizeof used);
    snprintf(right, sizeof right, "%d-minute mock, %s used", r->minutes, used);
    ui_title(ui, "mock quiz: results", right);
    double pct = r->total.asked ? 100.0 * r->total.score / r->total.asked : 0;
    snprintf(line, sizeof line, "Score %.1f of %d (%.0f%%) · %s", r->total.score, r->total.asked,
             pct, M.why_ended ? M.why_ended : "ended");
    ui_text(ui, 2, 2, ui->cols - 4, pct >= 70 ? ROLE_GOOD : ROLE_DUE, line);
    int y = draw_tallies(ui, 4);
    draw_misses(ui, y + 1);
    ui_text(ui, ui->rows - 2, 2, ui->cols - 4, ROLE_DIM,
            M.sent ? "misses sent to study · q home"
            : r->n_misses
                ? "a send the misses to study (reviews due now, new cards stay new) · q home"
                : "q home");
}

static void mock_draw(struct view *v, struct ui *ui)
{
    (void)v;
    if (M.phase == MP_SETUP)
        draw_setup(ui);
    else if (M.phase == MP_RESULTS)
        draw_results(ui);
    else if (M.has_card)
        draw_session(ui);
}

/* ---- actions ---- */

static int setup_handle(struct ui *ui, enum ui_action act)
{
    switch (act) {
    case ACT_LEFT:
    case ACT_RIGHT: {
        int m = M.minutes + (act == ACT_LEFT ? -5 : 5);
        if (m >= MOCK_MIN_MINUTES && m <= MOCK_MAX_MINUTES)
            M.minutes = m;
        return UI_REDRAW;
    }
    case ACT_MOCK_MATHS:
    case ACT_MOCK_STATS:
    case ACT_MOCK_CS:
    case ACT_MOCK_ML:
        M.mask ^= 1u << (act - ACT_MOCK_MATHS);
        return UI_REDRAW;
    case ACT_MOCK_NEXT:
        if (!M.mask)
            return ui_status(ui, ROLE_BAD, "choose at least one section"), UI_REDRAW;
        return start_session(ui);
    default:
        return UI_UNHANDLED;
    }
}

static int mark(struct ui *ui, enum mock_mark mk)
{
    struct lp_err err = {0};
    if (M.phase != MP_ANSWER)
        return ui_status(ui, ROLE_DIM, "reveal the answer first (Space)"), UI_REDRAW;
    if (mock_record(ui->app->st, M.id, M.cur.id, M.cur.section, mk, M.answer_ms, mock_now(ui),
                    &err) != LP_OK)
        return ui_status(ui, ROLE_BAD, "not saved: %s", err.msg), UI_REDRAW;
    M.marks[mk]++;
    ui_status(ui, ROLE_NORMAL, "saved %s", M.cur.id);
    if (seconds_left() == 0)
        end_session(ui, "time is up");
    else if (next_question(ui) != 0)
        end_session(ui, "every question was asked");
    return UI_REDRAW;
}

static int session_handle(struct ui *ui, enum ui_action act)
{
    switch (act) {
    case ACT_MOCK_NEXT:
        if (M.phase == MP_QUESTION) {
            double ms = since(&M.shown) * 1000;
            M.answer_ms = ms > 3600000 ? 3600000 : (int)ms;
            M.phase = MP_ANSWER;
        }
        return UI_REDRAW;
    case ACT_MARK_RIGHT:
        return mark(ui, MOCK_RIGHT);
    case ACT_MARK_PARTLY:
        return mark(ui, MOCK_PARTLY);
    case ACT_MARK_WRONG:
        return mark(ui, MOCK_WRONG);
    case ACT_BACK:
        end_session(ui, "ended early");
        if (!M.kept)
            return ui_status(ui, ROLE_DIM, "mock ended before any answer: nothing kept"), UI_POP;
        return UI_REDRAW;
    default:
        return UI_UNHANDLED;
    }
}

static int send_misses(struct ui *ui)
{
    struct lp_err err = {0};
    int moved = 0, left_new = 0;
    if (M.sent)
        return ui_status(ui, ROLE_DIM, "the misses were already sent to study"), UI_REDRAW;
    if (mock_send_misses(ui->app->st, M.id, mock_now(ui), &moved, &left_new, &err) != LP_OK)
        return ui_status(ui, ROLE_BAD, "%s", err.msg), UI_REDRAW;
    M.sent = 1;
    ui_status(ui, ROLE_GOOD, "%d miss%s now due in study; %d new card%s left as new", moved,
              moved == 1 ? "" : "es", left_new, left_new == 1 ? "" : "s");
    return UI_REDRAW;
}

static int results_handle(struct ui *ui, enum ui_action act)
{
    int page = M.page > 1 ? M.page : 1, max = M.has_res ? (int)M.res.n_misses - page : 0;
    int top = M.top;
    switch (act) {
    case ACT_SEND_MISSES:
        return M.has_res && M.res.n_misses ? send_misses(ui) : UI_HANDLED;
    case ACT_UP:
        top--;
        break;
    case ACT_DOWN:
        top++;
        break;
    case ACT_PAGE_UP:
        top -= page;
        break;
    case ACT_PAGE_DOWN:
        top += page;
        break;
    default:
        return UI_UNHANDLED;
    }
    M.top = top > max ? max : top;
    M.top = M.top < 0 ? 0 : M.top;
    return UI_REDRAW;
}

static int mock_handle(struct view *v, struct ui *ui, enum ui_action act)
{
    (void)v;
    switch (M.phase) {
    case MP_SETUP:
        return setup_handle(ui, act);
    case MP_QUESTION:
    case MP_ANSWER:
        return session_handle(ui, act);
    default:
        return results_handle(ui, act);
    }
}

/* The clocks move every second; time up ends the session. */
static int mock_tick(struct view *v, struct ui *ui)
{
    (void)v;
    if (M.phase != MP_QUESTION && M.phase != MP_ANSWER)
        return 0;
    if (seconds_left() == 0)
        end_session(ui, "time is up");
    return UI_REDRAW;
}

static void mock_close(struct view *v, struct ui *ui)
{
    (void)v;
    if (M.phase == MP_QUESTION || M.phase == MP_ANSWER) {
        struct lp_err err = {0};
        mock_finish(ui->app->st, M.id, mock_now(ui), NULL, &err); /* quitting mid-mock */
    }
    drop_card();
    if (M.has_res)
        mock_results_free(&M.res);
    free(M.order);
    memset(&M, 0, sizeof M);
}

const struct view_ops view_mock_ops = {
    .title = "mock quiz",
    .scope = SC_MOCK,
    .open = mock_open,
    .draw = mock_draw,
    .handle = mock_handle,
    .tick = mock_tick,
    .close = mock_close,
};
