/*
 * view_study.c - daily study: question and timer, reveal, grade Again/Hard/Good/
 * Easy with each button showing the interval it would give, a typed answer for
 * cards with a machine check (judged by the program, which proposes the grade),
 * undo, suspend, bury, and a summary at the end.
 *
 * Custom study (from the browser, `c`): the same screen over the cards the browser
 * lists, due or not, as Anki's filtered decks.  Its answers are logged in mode
 * "cram" and reschedule the cards (FSRS-6 handles early reviews), but the
 * optimizer and the calibration leave them out, as they are not the schedule's.
 *
 * Every answer is committed (cards_answer) before the next card is drawn.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "browse.h"
#include "cards.h"
#include "checkspec.h"
#include "clock.h"
#include "plan.h"
#include "today.h"
#include "ui.h"

enum phase { PH_QUESTION, PH_TYPING, PH_ANSWER, PH_DONE };

struct study {
    struct queue q;
    struct queue_card cur;
    struct card_text text;
    struct card_row row;
    struct sched_result preview[4];
    struct content_check check;
    char *check_storage;
    enum phase phase;
    struct timespec shown;
    char input[160];
    int judged, correct, proposed;
    int answered, passed, new_seen;
    int undoable;       /* answers of this session that u may still take back */
    double seconds;
    char last_id[QUEUE_ID_MAX];
    int has_card;
    int custom; /* a custom study (mode "cram") rather than today's queue */
};

static struct study S;
static struct timespec t_start;

/* The tutor's clock: the app's time (fixed by --now in tests) plus real time since
 * the tutor started, so learning steps come due while studying. */
static int64_t study_now(const struct ui *ui)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ui->app->now + (int64_t)(ts.tv_sec - t_start.tv_sec);
}

static double since(const struct timespec *a)
{
    struct timespec b;
    clock_gettime(CLOCK_MONOTONIC, &b);
    return (double)(b.tv_sec - a->tv_sec) + (double)(b.tv_nsec - a->tv_nsec) / 1e9;
}

static void drop_card(void)
{
    if (S.has_card) {
        cards_text_free(&S.text);
        checkspec_free(&S.check, S.check_storage);
        S.check_storage = NULL;
    }
    S.has_card = 0;
}

static int load_card(struct ui *ui, const struct queue_card *c)
{
    struct lp_err err = {0};
    S.cur = *c;
    if (cards_text(ui->app->st, c->id, &S.text, &err) != LP_OK)
        return ui_status(ui, ROLE_BAD, "%s", err.msg), -1;
    S.has_card = 1;
    /* cards_preview: the buttons show what the answer will do (date mode too). */
    if (cards_get(ui->app->st, c->id, &S.row, &err) != LP_OK ||
        cards_preview(ui->app->st, &ui->app->cfg, &S.row, study_now(ui), S.preview, &err) != LP_OK)
        return ui_status(ui, ROLE_BAD, "%s", err.msg), -1;
    checkspec_decode(S.text.check_spec, &S.check, &S.check_storage);
    S.phase = S.check.type != CHECK_NONE ? PH_TYPING : PH_QUESTION;
    S.input[0] = '\0';
    S.judged = S.correct = S.proposed = 0;
    clock_gettime(CLOCK_MONOTONIC, &S.shown);
    return 0;
}

static void next_card(struct ui *ui)
{
    drop_card();
    int64_t now = study_now(ui);
    int64_t end = clock_day_start(clock_day(now, ui->app->cfg.rollover_hour) + 1,
                                  ui->app->cfg.rollover_hour);
    for (;;) {
        const struct queue_card *c = queue_next(&S.q, now, end, S.last_id);
        if (!c) {
            S.phase = PH_DONE;
            return;
        }
        if (load_card(ui, c) == 0)
            return;
        drop_card(); /* unreadable card: say so on the status line, skip it */
    }
}

/* The queue of a custom study: every listed card that can be answered (not
 * suspended, and not a key question of a paper still unread), in the browser's
 * order; no daily limits (the user chose these cards). */
static int custom_queue(struct ui *ui, const struct study_custom *c, struct queue *q)
{
    struct queue_card *cands = calloc(c->n + 1, sizeof *cands);
    size_t n = 0;
    if (!cands)
        return -1;
    for (size_t i = 0; i < c->n; i++) {
        const struct browse_row *r = &c->rows[i];
        struct card_row row;
        if (r->suspended || cards_get(ui->app->st, r->id, &row, NULL) != LP_OK || row.gated)
            continue;
        struct queue_card *k = &cands[n++];
        snprintf(k->id, sizeof k->id, "%s", r->id);
        snprintf(k->deck, sizeof k->deck, "%s", r->deck);
        snprintf(k->topic, sizeof k->topic, "%s", r->deck);
        k->state = r->state;
        k->due = r->due;
        k->position = (int)i;
    }
    int rc = queue_build(q, cands, n, (int)n, (int)n);
    free(cands);
    return rc;
}

static int study_open(struct view *v, struct ui *ui)
{
    struct lp_err err = {0};
    char decks[PLAN_WORDS_MAX] = "", tags[PLAN_WORDS_MAX] = "";
    memset(&S, 0, sizeof S);
    clock_gettime(CLOCK_MONOTONIC, &t_start);
    v->state = &S;
    if (v->arg) {
        S.custom = 1;
        if (custom_queue(ui, v->arg, &S.q) != 0)
            return ui_status(ui, ROLE_BAD, "out of memory"), -1;
        ui_status(ui, ROLE_NORMAL, "%s", "custom study: answers are logged as cram");
        next_card(ui);
        return 0;
    }
    /* The plan's current week gets the new-card budget first ("" = no focus). */
    if (plan_focus(ui->app->st, clock_day(ui->app->now, ui->app->cfg.rollover_hour), decks,
                   sizeof decks, tags, sizeof tags, &err) != LP_OK)
        decks[0] = tags[0] = '\0';
    if (cards_queue(ui->app->st, &ui->app->cfg, ui->app->now, decks, tags, &S.q, &err) != LP_OK) {
        ui_status(ui, ROLE_BAD, "%s", err.msg);
        return -1;
    }
    ui_status(ui, ROLE_NORMAL, "%s", "");
    next_card(ui);
    return 0;
}

/* ---- drawing ---- */

static void draw_header(struct ui *ui)
{
    char right[64], line[200];
    size_t l, r, n;
    queue_counts(&S.q, &l, &r, &n);
    int secs = S.phase == PH_DONE ? 0 : (int)since(&S.shown);
    snprintf(right, sizeof right, "%d:%02d   learn %zu  review %zu  new %zu", secs / 60, secs % 60,
             l, r, n);
    ui_title(ui, S.custom ? "custom study" : "study", right);
    snprintf(line, sizeof line, "%s · %s · %s", S.text.deck_title, S.text.section,
             S.text.level == 1 ? "easy" : S.text.level == 3 ? "hard" : "medium");
    ui_text(ui, 1, 2, ui->cols - 4, ROLE_DIM, line);
}

static int draw_choices(struct ui *ui, int y)
{
    char line[300];
    for (size_t i = 0; i < S.check.n_options && y < ui->rows - 6; i++, y++) {
        snprintf(line, sizeof line, "%zu) %s", i + 1, S.check.options[i]);
        ui_text(ui, y, 4, ui->cols - 6, ROLE_NORMAL, line);
    }
    return y;
}

static int draw_question(struct ui *ui, int y)
{
    int w = ui->cols - 4, room = ui->rows - 8;
    y += ui_wrap(ui, y, 2, w, room, 0, ROLE_TITLE, S.text.q);
    if (S.text.code && y < ui->rows - 7)
        y += 1 + ui_wrap(ui, y + 1, 4, w - 2, ui->rows - 7 - y, 0, ROLE_ACCENT, S.text.code);
    if (S.check.type == CHECK_CHOICE)
        y = draw_choices(ui, y + 1);
    return y + 1;
}

static void draw_typing(struct ui *ui, int y)
{
    char line[256];
    const char *how = S.check.type == CHECK_NUMBER   ? "a number"
                      : S.check.type == CHECK_CHOICE ? "an option number or its text"
                                                     : "a short answer";
    snprintf(line, sizeof line, "Your answer (%s): %s_", how, S.input);
    ui_text(ui, y, 2, ui->cols - 4, ROLE_ACCENT, line);
    ui_text(ui, y + 1, 2, ui->cols - 4, ROLE_DIM,
            "Enter to check (empty: just reveal) · Esc to stop studying · F1 help");
}

static void draw_answer(struct ui *ui, int y)
{
    char line[400];
    int w = ui->cols - 4, room = ui->rows - 4 - y;
    ui_hline(ui, y++);
    if (S.judged) {
        snprintf(line, sizeof line, "%s  you answered: %s", S.correct ? "✓ right" : "✗ wrong",
                 S.input);
        ui_text(ui, y++, 2, w, S.correct ? ROLE_GOOD : ROLE_BAD, line);
    }
    if (S.text.bug) {
        const char *parts[][2] = {{"Bug: ", S.text.bug}, {"Symptom: ", S.text.symptom},
                                  {"Fix: ", S.text.fix}};
        for (int i = 0; i < 3 && parts[i][1]; i++) {
            snprintf(line, sizeof line, "%s%s", parts[i][0], parts[i][1]);
            y += ui_wrap(ui, y, 2, w, ui->rows - 4 - y, 0, ROLE_NORMAL, line);
        }
        return;
    }
    ui_wrap(ui, y, 2, w, room - 1, 0, ROLE_NORMAL, S.text.a ? S.text.a : "");
}

static void draw_buttons(struct ui *ui)
{
    static const char *const names[] = {"Again", "Hard", "Good", "Easy"};
    int x = 2, y = ui->rows - 3;
    for (int g = 0; g < 4; g++) {
        char ivl[16], label[48];
        sched_format_interval(S.preview[g].delay, ivl, sizeof ivl);
        snprintf(label, sizeof label, "%d %s %s", g + 1, names[g], ivl);
        enum ui_role role = S.proposed == g + 1 ? ROLE_GOOD : g == 0 ? ROLE_BAD : ROLE_NORMAL;
        if (S.proposed == g + 1)
            attron(A_REVERSE);
        ui_text(ui, y, x, 18, role, label);
        attroff(A_REVERSE);
        x += (int)strlen(label) + 4;
    }
    ui_text(ui, ui->rows - 2, 2, ui->cols - 4, ROLE_DIM,
            S.proposed ? "Enter accepts the proposed grade · 1-4 to choose · u undo · s suspend"
                       : "1-4 grade · u undo · s suspend · b bury · q back");
}

static void draw_done(struct ui *ui)
{
    char line[200];
    ui_title(ui, S.custom ? "custom study: done" : "study: done", NULL);
    ui_text(ui, 2, 2, ui->cols - 4, ROLE_TITLE,
            S.custom ? "Every card of this custom study is done." : "Nothing left to study today.");
    snprintf(line, sizeof line, "This session: %d answer%s (%d new) in %.0f min, %d%% recalled",
             S.answered, S.answered == 1 ? "" : "s", S.new_seen, S.seconds / 60.0,
             S.answered ? 100 * S.passed / S.answered : 0);
    ui_text(ui, 4, 2, ui->cols - 4, ROLE_NORMAL, line);
    struct today t;
    struct lp_err err = {0};
    int64_t tomorrow = ui->app->now + 86400;
    if (today_load(ui->app->st, &ui->app->cfg, tomorrow, &t, &err) == LP_OK) {
        snprintf(line, sizeof line, "Tomorrow: %d review%s and %d new card%s, about %.0f min",
                 t.learn + t.review, t.learn + t.review == 1 ? "" : "s", t.fresh,
                 t.fresh == 1 ? "" : "s", t.minutes + 0.49);
        ui_text(ui, 5, 2, ui->cols - 4, ROLE_DUE, line);
        today_free(&t);
    }
    ui_text(ui, 7, 2, ui->cols - 4, ROLE_DIM, "u undo the last answer · q back to home");
}

static void study_draw(struct view *v, struct ui *ui)
{
    (void)v;
    if (S.phase == PH_DONE || !S.has_card) {
        draw_done(ui);
        return;
    }
    draw_header(ui);
    int y = draw_question(ui, 3);
    if (S.phase == PH_TYPING)
        draw_typing(ui, y);
    else if (S.phase == PH_QUESTION)
        ui_text(ui, y, 2, ui->cols - 4, ROLE_DIM, "Say it aloud, then Space to reveal");
    else {
        draw_answer(ui, y);
        draw_buttons(ui);
    }
}

/* ---- actions ---- */

static int answer(struct ui *ui, int grade)
{
    struct lp_err err = {0};
    struct answer_result r;
    double secs = since(&S.shown);
    int ms = secs > 3600 ? 3600000 : (int)(secs * 1000);
    int64_t now = study_now(ui);
    if (cards_answer(ui->app->st, &ui->app->cfg, S.cur.id, grade, now, ms,
                     S.custom ? "cram" : "study",
                     S.judged ? S.correct : -1, &r, &err) != LP_OK) {
        ui_status(ui, ROLE_BAD, "not saved: %s", err.msg);
        return UI_REDRAW;
    }
    S.answered++;
    S.undoable++;
    S.passed += grade > 1;
    S.new_seen += r.before.state == SCHED_NEW;
    S.seconds += secs;
    snprintf(S.last_id, sizeof S.last_id, "%s", S.cur.id);
    if (r.became_leech)
        ui_status(ui, ROLE_BAD, "%s is a leech (%d lapses): tagged and suspended", S.cur.id,
                  r.after.lapses);
    else
        ui_status(ui, ROLE_NORMAL, "saved %s", S.cur.id);
    if (!r.became_leech && (r.after.state == SCHED_LEARNING || r.after.state == SCHED_RELEARNING)) {
        struct queue_card again = S.cur;
        again.state = r.after.state;
        again.due = r.after.due;
        queue_push_learning(&S.q, &again);
    }
    next_card(ui);
    return UI_REDRAW;
}

static int undo(struct ui *ui)
{
    struct lp_err err = {0};
    char id[QUEUE_ID_MAX];
    /* Undo is this session's: never reach back into an earlier day's answers. */
    if (S.undoable == 0) {
        ui_status(ui, ROLE_DIM, "nothing to undo in this session");
        return UI_REDRAW;
    }
    if (cards_undo(ui->app->st, id, sizeof id, &err) != LP_OK) {
        ui_status(ui, ROLE_BAD, "%s", err.msg);
        return UI_REDRAW;
    }
    /* Drop the card's pending learning step, if the undone answer made one. */
    for (size_t i = 0; i < S.q.n_learn; i++) {
        if (strcmp(S.q.learn[i].id, id) == 0) {
            memmove(S.q.learn + i, S.q.learn + i + 1, sizeof *S.q.learn * (S.q.n_learn - i - 1));
            S.q.n_learn--;
            break;
        }
    }
    if (S.has_card)
        queue_return(&S.q, &S.cur);
    struct queue_card back = {0};
    snprintf(back.id, sizeof back.id, "%s", id);
    S.answered -= S.answered > 0;
    S.undoable--;
    S.last_id[0] = '\0';
    drop_card();
    if (load_card(ui, &back) != 0)
        next_card(ui);
    ui_status(ui, ROLE_NORMAL, "undone: %s is back as it was", id);
    return UI_REDRAW;
}

static int set_aside(struct ui *ui, int bury)
{
    struct lp_err err = {0};
    enum lp_code rc = bury ? cards_bury(ui->app->st, S.cur.id,
                                        clock_day(study_now(ui), ui->app->cfg.rollover_hour), &err)
                           : cards_set_suspended(ui->app->st, S.cur.id, 1, &err);
    if (rc != LP_OK)
        ui_status(ui, ROLE_BAD, "%s", err.msg);
    else
        ui_status(ui, ROLE_NORMAL, "%s %s", S.cur.id, bury ? "buried until tomorrow" : "suspended");
    if (rc == LP_OK)
        next_card(ui);
    return UI_REDRAW;
}

static void judge(void)
{
    if (!S.input[0])
        return; /* empty: reveal without a verdict */
    S.judged = 1;
    S.correct = content_check_answer(&S.check, S.input);
    S.proposed = S.correct ? 3 : 1;
}

static int study_key(struct view *v, struct ui *ui, wint_t key, int is_code)
{
    (void)v;
    (void)ui;
    if (S.phase != PH_TYPING || !S.has_card)
        return UI_UNHANDLED;
    if (is_code && key == KEY_F(1))
        return ui_push(ui, &view_help_ops, v), UI_REDRAW;
    switch (ui_field_key(S.input, sizeof S.input, key, is_code)) {
    case FIELD_ENTER:
        judge();
        S.phase = PH_ANSWER;
        return UI_REDRAW;
    case FIELD_ESC:
        return UI_POP;
    case FIELD_CHANGED:
        return UI_REDRAW;
    default:
        return UI_HANDLED;
    }
}

static int grade_action(struct ui *ui, enum ui_action act)
{
    int g = act - ACT_GRADE_1 + 1;
    if (S.phase != PH_ANSWER) {
        ui_status(ui, ROLE_DIM, "reveal the answer first (Space)");
        return UI_REDRAW;
    }
    return answer(ui, g);
}

static int study_handle(struct view *v, struct ui *ui, enum ui_action act)
{
    (void)v;
    if (act == ACT_UNDO)
        return undo(ui);
    if (!S.has_card)
        return UI_UNHANDLED;
    switch (act) {
    case ACT_REVEAL:
        if (S.phase == PH_ANSWER && S.proposed)
            return answer(ui, S.proposed);
        S.phase = PH_ANSWER;
        return UI_REDRAW;
    case ACT_GRADE_1:
    case ACT_GRADE_2:
    case ACT_GRADE_3:
    case ACT_GRADE_4:
        return grade_action(ui, act);
    case ACT_SUSPEND:
        return set_aside(ui, 0);
    case ACT_BURY:
        return set_aside(ui, 1);
    default:
        return UI_UNHANDLED;
    }
}

static int study_tick(struct view *v, struct ui *ui)
{
    (void)v;
    (void)ui;
    /* Only the running timer changes on its own. */
    return S.has_card && S.phase != PH_ANSWER ? UI_REDRAW : 0;
}

static void study_close(struct view *v, struct ui *ui)
{
    (void)v;
    (void)ui;
    drop_card();
    queue_free(&S.q);
}

const struct view_ops view_study_ops = {
    .title = "study",
    .scope = SC_STUDY,
    .open = study_open,
    .draw = study_draw,
    .handle = study_handle,
    .key = study_key,
    .tick = study_tick,
    .close = study_close,
};
