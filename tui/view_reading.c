/*
 * view_reading.c - the alignment reading list: papers with their status
 * (queued, reading, read, summarised), narrowed by topic (t) and status (f); the
 * pane below shows the paper under the cursor: authors, year, venue, why it
 * matters, its key questions and the learner's notes.  Enter shows the paper
 * full screen (j/k scroll).
 *
 * 1-4 set the status and Space moves it on; marking a paper read puts its key
 * questions into the study queue, and the status line says how many.  `e` edits
 * the notes in $EDITOR (then $VISUAL, then vi) on a temporary file: the screen is
 * handed back to the terminal while the editor runs, and the notes change only
 * when the editor exits 0.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "clock.h"
#include "editor.h"
#include "reading.h"
#include "ui.h"

#define MAX_TOPICS 64
#define MAX_BLOCKS 64
#define NOTES_MAX (1 << 20)

struct reading_screen {
    struct reading_list list;
    char topics[MAX_TOPICS][READING_ID_MAX];
    int n_topics, topic; /* topic: index into topics + 1; 0 = all */
    int status;          /* shown status, -1 = all */
    int cur, top;
    struct reading_question *q; /* the current paper's key questions */
    size_t n_q;
    char q_for[READING_ID_MAX];
    int full, full_top; /* the paper full screen, and its scroll */
};

static struct reading_screen R;

/* A run of text in the paper pane: wrapped at the pane's width. */
struct block {
    enum ui_role role;
    int indent;
    const char *bullet; /* drawn before the first row, or NULL */
    const char *text;
};

static int32_t today(const struct ui *ui)
{
    return clock_day(ui->app->now, ui->app->cfg.rollover_hour);
}

static const struct reading_paper *current(void)
{
    return R.list.n ? &R.list.papers[R.cur] : NULL;
}

/* ---- loading ---- */

static void load_topics(struct ui *ui)
{
    struct lp_err err = {0};
    struct reading_list all;
    if (reading_list(ui->app->st, NULL, -1, &all, &err) != LP_OK)
        return;
    for (size_t i = 0; i < all.n; i++) {
        int seen = 0;
        for (int t = 0; t < R.n_topics && !seen; t++)
            seen = !strcmp(R.topics[t], all.papers[i].topic);
        if (!seen && R.n_topics < MAX_TOPICS)
            snprintf(R.topics[R.n_topics++], READING_ID_MAX, "%s", all.papers[i].topic);
    }
    reading_list_free(&all);
}

static void load_questions(struct ui *ui)
{
    struct lp_err err = {0};
    const struct reading_paper *p = current();
    reading_questions_free(R.q, R.n_q);
    R.q = NULL;
    R.n_q = 0;
    R.q_for[0] = '\0';
    if (!p)
        return;
    if (reading_questions(ui->app->st, p->id, today(ui), &R.q, &R.n_q, &err) != LP_OK) {
        ui_status(ui, ROLE_BAD, "%s", err.msg);
        return;
    }
    snprintf(R.q_for, sizeof R.q_for, "%s", p->id);
}

/* Reload the list, keeping the cursor on paper `keep` when it is still shown. */
static int reload(struct ui *ui, const char *keep)
{
    struct lp_err err = {0};
    reading_list_free(&R.list);
    if (reading_list(ui->app->st, R.topic ? R.topics[R.topic - 1] : NULL, R.status, &R.list,
                     &err) != LP_OK) {
        ui_status(ui, ROLE_BAD, "%s", err.msg);
        return -1;
    }
    int at = -1;
    for (size_t i = 0; keep && i < R.list.n && at < 0; i++)
        if (!strcmp(R.list.papers[i].id, keep))
            at = (int)i;
    if (at >= 0)
        R.cur = at;
    else if (!keep)
        R.cur = R.top = 0;
    R.cur = R.cur >= (int)R.list.n ? (int)R.list.n - 1 : R.cur;
    R.cur = R.cur < 0 ? 0 : R.cur;
    load_questions(ui);
    return 0;
}

static int reading_open(struct view *v, struct ui *ui)
{
    memset(&R, 0, sizeof R);
    R.status = -1;
    v->state = &R;
    ui_status(ui, ROLE_NORMAL, "%s", "");
    load_topics(ui);
    return reload(ui, NULL);
}

/* ---- the paper pane ---- */

static enum ui_role status_role(int status)
{
    return status == READING_READING      ? ROLE_DUE
           : status == READING_READ       ? ROLE_GOOD
           : status == READING_SUMMARISED ? ROLE_ACCENT
                                          : ROLE_DIM;
}

/* The paper as blocks; the strings live in meta and qhead until the next call. */
static int paper_blocks(const struct ui *ui, const struct reading_paper *p, struct block *b,
                        char *meta, size_t msize, char *qhead, size_t qsize)
{
    int n = 0, avail = 0;
    char since[32] = "";
    if (p->status_time) {
        char d[11];
        clock_day_str(clock_day(p->status_time, ui->app->cfg.rollover_hour), d);
        snprintf(since, sizeof since, " since %s", d);
    }
    int arxiv = p->arxiv[0] && !strstr(p->venue, p->arxiv); /* the venue may be the arXiv id */
    snprintf(meta, msize, "%d · %s%s%s · topic %s · %s%s", p->year, p->venue,
             arxiv ? " · arXiv " : "", arxiv ? p->arxiv : "", p->topic,
             reading_status_name((int)p->status), since);
    for (size_t i = 0; i < R.n_q; i++)
        avail += R.q[i].available;
    snprintf(qhead, qsize, "Key questions (%zu)%s", R.n_q,
             !R.n_q    ? ""
             : avail   ? ": in your study queue"
                       : ": they join your study queue when you mark the paper read");
    b[n++] = (struct block){ROLE_TITLE, 0, NULL, p->title};
    b[n++] = (struct block){ROLE_NORMAL, 0, NULL, p->authors};
    b[n++] = (struct block){ROLE_DIM, 0, NULL, meta};
    b[n++] = (struct block){ROLE_ACCENT, 0, NULL, "Why it matters"};
    b[n++] = (struct block){ROLE_NORMAL, 2, NULL, p->why};
    b[n++] = (struct block){ROLE_ACCENT, 0, NULL, qhead};
    for (size_t i = 0; i < R.n_q && n < MAX_BLOCKS - 3; i++)
        b[n++] = (struct block){R.q[i].available ? ROLE_NORMAL : ROLE_DIM, 2, "•", R.q[i].q};
    b[n++] = (struct block){ROLE_ACCENT, 0, NULL, "Your notes"};
    b[n++] = p->notes ? (struct block){ROLE_NORMAL, 2, NULL, p->notes}
                      : (struct block){ROLE_DIM, 2, NULL, "none yet: e writes them in $EDITOR"};
    return n;
}

static int blocks_rows(const struct ui *ui, const struct block *b, int n)
{
    int rows = 0;
    for (int i = 0; i < n; i++)
        rows += ui_wrap_rows(b[i].text, ui->cols - 4 - b[i].indent);
    return rows;
}

/* Draw blocks into rows y .. y + room - 1, skipping the first `skip` rows. */
static void draw_blocks(struct ui *ui, const struct block *b, int n, int y, int room, int skip)
{
    int used = 0;
    for (int i = 0; i < n && used < room; i++) {
        int w = ui->cols - 4 - b[i].indent, rows = ui_wrap_rows(b[i].text, w);
        if (skip >= rows) {
            skip -= rows;
            continue;
        }
        if (b[i].bullet && skip == 0)
            ui_text(ui, y + used, 2 + b[i].indent - 2, 1, b[i].role, b[i].bullet);
        used += ui_wrap(ui, y + used, 2 + b[i].indent, w, room - used, skip, b[i].role, b[i].text);
        skip = 0;
    }
}

/* ---- drawing ---- */

static int list_rows(const struct ui *ui)
{
    return (ui->rows - 4) / 3; /* 6 on 80x24; the paper gets the rest */
}

static void draw_row(struct ui *ui, int y, int i)
{
    const struct reading_paper *p = &R.list.papers[i];
    char line[400];
    if (i == R.cur)
        attron(A_REVERSE);
    mvhline(y, 1, ' ', ui->cols - 2);
    ui_text(ui, y, 2, 10, status_role((int)p->status), reading_status_name((int)p->status));
    snprintf(line, sizeof line, "%4d  %s%s", p->year, p->title, p->notes ? "  [notes]" : "");
    ui_text(ui, y, 13, ui->cols - 15, ROLE_NORMAL, line);
    attroff(A_REVERSE);
}

static void draw_list(struct ui *ui, int y, int room)
{
    if (R.cur < R.top)
        R.top = R.cur;
    if (R.cur >= R.top + room)
        R.top = R.cur - room + 1;
    for (int i = 0; i < room && R.top + i < (int)R.list.n; i++)
        draw_row(ui, y + i, R.top + i);
    if (R.list.n == 0)
        ui_text(ui, y, 2, ui->cols - 4, ROLE_DIM,
                "No paper matches: t and f change the topic and status shown.");
}

static void draw_title(struct ui *ui)
{
    char right[200];
    snprintf(right, sizeof right, "%zu paper%s · %s · %s", R.list.n, R.list.n == 1 ? "" : "s",
             R.topic ? R.topics[R.topic - 1] : "all topics",
             R.status >= 0 ? reading_status_name(R.status) : "any status");
    ui_title(ui, R.full ? "reading list: paper" : "reading list", right);
}

static void draw_counts(struct ui *ui, int y)
{
    struct lp_err err = {0};
    int c[4];
    char line[200];
    if (reading_counts(ui->app->st, c, &err) != LP_OK)
        return;
    snprintf(line, sizeof line, "queued %d · reading %d · read %d · summarised %d", c[0], c[1],
             c[2], c[3]);
    ui_text(ui, y, 2, ui->cols - 4, ROLE_NORMAL, line);
}

static void reading_draw(struct view *v, struct ui *ui)
{
    (void)v;
    struct block b[MAX_BLOCKS];
    char meta[600], qhead[200];
    const struct reading_paper *p = current();
    draw_title(ui);
    int n = p ? paper_blocks(ui, p, b, meta, sizeof meta, qhead, sizeof qhead) : 0;
    if (R.full && p) {
        int room = ui->rows - 2, max = blocks_rows(ui, b, n) - room;
        R.full_top = R.full_top > max ? (max > 0 ? max : 0) : R.full_top;
        draw_blocks(ui, b, n, 1, room, R.full_top);
        return;
    }
    draw_counts(ui, 1);
    int rows = list_rows(ui), y = 2 + rows;
    draw_list(ui, 2, rows);
    ui_hline(ui, y);
    ui_text(ui, y, 3, ui->cols - 6, ROLE_DIM,
            " 1-4 status · Space next · t topic · f status · e notes · Enter full ");
    if (p)
        draw_blocks(ui, b, n, y + 1, ui->rows - 2 - y, 0);
}

/* ---- the status ---- */

static int set_status(struct ui *ui, int status)
{
    struct lp_err err = {0};
    const struct reading_paper *p = current();
    char id[READING_ID_MAX];
    int unlocked = 0;
    if (!p)
        return UI_HANDLED;
    snprintf(id, sizeof id, "%s", p->id);
    if (reading_set_status(ui->app->st, id, status, ui->app->now, &unlocked, &err) != LP_OK)
        return ui_status(ui, ROLE_BAD, "not saved: %s", err.msg), UI_REDRAW;
    if (unlocked)
        ui_status(ui, ROLE_GOOD, "marked %s: %d key question%s added to the study queue",
                  reading_status_name(status), unlocked, unlocked == 1 ? "" : "s");
    else
        ui_status(ui, ROLE_NORMAL, "%s: %s", id, reading_status_name(status));
    reload(ui, id);
    return UI_REDRAW;
}

static int next_status(struct ui *ui)
{
    const struct reading_paper *p = current();
    if (!p)
        return UI_HANDLED;
    if (p->status == READING_SUMMARISED)
        return ui_status(ui, ROLE_DIM, "already summarised; 1-4 set any status"), UI_REDRAW;
    return set_status(ui, (int)p->status + 1);
}

/* ---- notes in $EDITOR ---- */

static int write_file(const char *path, const char *text)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (fd < 0)
        return -1;
    size_t len = strlen(text);
    int bad = (len && write(fd, text, len) != (ssize_t)len) || (len && write(fd, "\n", 1) != 1);
    return close(fd) != 0 || bad ? -1 : 0;
}

static char *read_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *buf = malloc(NOTES_MAX + 1);
    size_t n = buf ? fread(buf, 1, NOTES_MAX + 1, f) : 0;
    int bad = !buf || ferror(f) || n > NOTES_MAX;
    fclose(f);
    if (bad) {
        free(buf);
        return NULL;
    }
    buf[n] = '\0';
    return buf;
}

static void save_notes(struct ui *ui, const char *id, const char *before, const char *path)
{
    struct lp_err err = {0};
    char *text = read_file(path);
    if (!text) {
        ui_status(ui, ROLE_BAD, "cannot read the notes back (over 1 MB?); notes unchanged");
        return;
    }
    if (reading_set_notes(ui->app->st, id, text, &err) != LP_OK)
        ui_status(ui, ROLE_BAD, "notes not saved: %s", err.msg);
    free(text);
    if (err.code != LP_OK)
        return;
    reload(ui, id);
    const struct reading_paper *p = current();
    const char *after = p && !strcmp(p->id, id) ? p->notes : NULL;
    int same = (!before && !after) || (before && after && !strcmp(before, after));
    ui_status(ui, ROLE_GOOD, "%s: notes %s", id, same ? "unchanged" : after ? "saved" : "cleared");
}

/* Write the notes to path, run the editor, store what it leaves. */
static void edit_file(struct ui *ui, const char *id, const char *before, const char *path)
{
    int rc;
    char why[32];
    if (write_file(path, before ? before : "") != 0)
        ui_status(ui, ROLE_BAD, "cannot write %s: %s", path, strerror(errno));
    else if ((rc = editor_run_in_terminal(path, 0)) != 0)
        ui_status(ui, ROLE_BAD, "the editor %s; notes unchanged",
                  editor_failure(rc, why, sizeof why));
    else
        save_notes(ui, id, before, path);
}

static int edit_notes(struct ui *ui)
{
    const struct reading_paper *p = current();
    char dir[4096], path[4200], id[READING_ID_MAX];
    if (!p)
        return UI_HANDLED;
    const char *tmpdir = getenv("TMPDIR");
    snprintf(dir, sizeof dir, "%s/labprep-notes-XXXXXX", tmpdir && *tmpdir ? tmpdir : "/tmp");
    if (!mkdtemp(dir))
        return ui_status(ui, ROLE_BAD, "cannot make a temporary directory: %s", strerror(errno)),
               UI_REDRAW;
    snprintf(id, sizeof id, "%s", p->id);
    snprintf(path, sizeof path, "%s/%s.md", dir, id);
    char *before = p->notes ? strdup(p->notes) : NULL;
    if (p->notes && !before)
        ui_status(ui, ROLE_BAD, "out of memory");
    else
        edit_file(ui, id, before, path);
    free(before);
    unlink(path);
    snprintf(path + strlen(path), sizeof path - strlen(path), "~");
    unlink(path); /* an editor's backup file */
    rmdir(dir);
    clearok(curscr, TRUE);
    return UI_REDRAW;
}

/* ---- moving and filtering ---- */

static int move_cursor(struct ui *ui, enum ui_action act)
{
    int page = R.full ? ui->rows - 3 : list_rows(ui);
    int d = act == ACT_UP ? -1 : act == ACT_DOWN ? 1 : act == ACT_PAGE_UP ? -page : page;
    if (R.full) {
        R.full_top = R.full_top + d < 0 ? 0 : R.full_top + d; /* the end is kept by draw */
        return UI_REDRAW;
    }
    int cur = R.cur + d;
    cur = cur >= (int)R.list.n ? (int)R.list.n - 1 : cur;
    R.cur = cur < 0 ? 0 : cur;
    if (!current() || strcmp(current()->id, R.q_for))
        load_questions(ui);
    return UI_REDRAW;
}

static int cycle(struct ui *ui, enum ui_action act)
{
    char keep[READING_ID_MAX];
    snprintf(keep, sizeof keep, "%s", current() ? current()->id : "");
    if (act == ACT_TOPIC)
        R.topic = (R.topic + 1) % (R.n_topics + 1);
    else
        R.status = R.status >= READING_SUMMARISED ? -1 : R.status + 1;
    reload(ui, keep);
    return UI_REDRAW;
}

static int reading_handle(struct view *v, struct ui *ui, enum ui_action act)
{
    (void)v;
    switch (act) {
    case ACT_UP:
    case ACT_DOWN:
    case ACT_PAGE_UP:
    case ACT_PAGE_DOWN:
        return move_cursor(ui, act);
    case ACT_OPEN:
        R.full = current() != NULL && !R.full;
        R.full_top = 0;
        return UI_REDRAW;
    case ACT_BACK:
        return R.full ? (R.full = 0, UI_REDRAW) : UI_UNHANDLED;
    case ACT_PAPER_QUEUED:
    case ACT_PAPER_READING:
    case ACT_PAPER_READ:
    case ACT_PAPER_SUMMARISED:
        return set_status(ui, READING_QUEUED + (int)(act - ACT_PAPER_QUEUED));
    case ACT_PAPER_NEXT:
        return next_status(ui);
    case ACT_TOPIC:
    case ACT_STATUS_FILTER:
        return cycle(ui, act);
    case ACT_EDIT_NOTES:
        return edit_notes(ui);
    default:
        return UI_UNHANDLED;
    }
}

static void reading_close(struct view *v, struct ui *ui)
{
    (void)v;
    (void)ui;
    reading_list_free(&R.list);
    reading_questions_free(R.q, R.n_q);
    memset(&R, 0, sizeof R);
}

const struct view_ops view_reading_ops = {
    .title = "reading list",
    .scope = SC_READING,
    .open = reading_open,
    .draw = reading_draw,
    .handle = reading_handle,
    .close = reading_close,
};
