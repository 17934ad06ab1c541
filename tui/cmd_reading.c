/*
 * cmd_reading.c - `labprep reading [--json] [--topic T] [--status S]`,
 * `reading show PAPER_ID`, `reading set PAPER_ID STATUS` and
 * `reading note PAPER_ID` (notes edited in $EDITOR).
 *
 * Notes go through a private temporary directory: the current notes are written
 * to NOTES.tmp, fsync'd and renamed to PAPER_ID.md, the editor is run on that
 * file, and only when it exits with status 0 is the file read back and stored.
 * The directory is removed afterwards.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "clock.h"
#include "cmd.h"
#include "editor.h"
#include "reading.h"

#define READING_USAGE                                                                              \
    "usage: labprep reading [--json] [--topic TOPIC] [--status STATUS]\n"                          \
    "       labprep reading show PAPER_ID [--json]\n"                                              \
    "       labprep reading set PAPER_ID queued|reading|read|summarised\n"                         \
    "       labprep reading note PAPER_ID"

#define NOTES_MAX (1 << 20)

static int32_t today_of(const struct app *a)
{
    return clock_day(a->now, a->cfg.rollover_hour);
}

/* ---- list ---- */

struct list_opts {
    int json;
    const char *topic;
    int status;
};

static int parse_list(int argc, char **argv, struct list_opts *o)
{
    o->json = 0;
    o->topic = NULL;
    o->status = -1;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--json"))
            o->json = 1;
        else if (!strcmp(argv[i], "--topic") && i + 1 < argc)
            o->topic = argv[++i];
        else if (!strcmp(argv[i], "--status") && i + 1 < argc &&
                 (o->status = reading_status_parse(argv[++i])) >= 0)
            continue;
        else
            return -1;
    }
    return 0;
}

static void json_paper(const struct app *a, const struct reading_paper *p)
{
    char d[11] = "";
    printf("{\"id\":");
    app_json_string(stdout, p->id);
    printf(",\"title\":");
    app_json_string(stdout, p->title);
    printf(",\"authors\":");
    app_json_string(stdout, p->authors);
    printf(",\"year\":%d,\"venue\":", p->year);
    app_json_string(stdout, p->venue);
    printf(",\"arxiv\":");
    if (p->arxiv[0])
        app_json_string(stdout, p->arxiv);
    else
        printf("null");
    printf(",\"topic\":");
    app_json_string(stdout, p->topic);
    printf(",\"status\":\"%s\",\"status_date\":", reading_status_name(p->status));
    if (p->status_time) {
        clock_day_str(clock_day(p->status_time, a->cfg.rollover_hour), d);
        app_json_string(stdout, d);
    } else {
        printf("null");
    }
    printf(",\"questions\":%d,\"why\":", p->questions);
    app_json_string(stdout, p->why);
    printf(",\"notes\":");
    if (p->notes)
        app_json_string(stdout, p->notes);
    else
        printf("null");
    printf("}");
}

static void print_list(const struct reading_list *l, const int counts[4])
{
    printf("%-10s  %4s  %-26s  %-22s  %s\n", "status", "year", "id", "topic", "title");
    for (size_t i = 0; i < l->n; i++) {
        const struct reading_paper *p = &l->papers[i];
        printf("%-10s  %4d  %-26s  %-22s  %s%s\n", reading_status_name(p->status), p->year, p->id,
               p->topic, p->title, p->notes ? "  [notes]" : "");
    }
    printf("\n%zu shown; the whole list: %d queued, %d reading, %d read, %d summarised\n", l->n,
           counts[0], counts[1], counts[2], counts[3]);
}

static int list_cmd(struct app *a, int argc, char **argv)
{
    struct list_opts o;
    struct lp_err err = {0};
    struct reading_list l;
    int counts[4];
    if (parse_list(argc, argv, &o) != 0)
        return app_fail(a, "%s", READING_USAGE) + 1;
    if (app_open_store(a) != 0)
        return 1;
    if (reading_list(a->st, o.topic, o.status, &l, &err) != LP_OK ||
        reading_counts(a->st, counts, &err) != LP_OK) {
        app_close(a);
        return app_fail(a, "reading: %s", err.msg);
    }
    if (o.json) {
        printf("{\"counts\":{\"queued\":%d,\"reading\":%d,\"read\":%d,\"summarised\":%d},"
               "\"papers\":[",
               counts[0], counts[1], counts[2], counts[3]);
        for (size_t i = 0; i < l.n; i++) {
            printf("%s", i ? "," : "");
            json_paper(a, &l.papers[i]);
        }
        printf("]}\n");
    } else {
        print_list(&l, counts);
    }
    reading_list_free(&l);
    app_close(a);
    return 0;
}

/* ---- show and set ---- */

static void print_paper(const struct reading_paper *p, const struct reading_question *q, size_t n)
{
    printf("%s (%d)\n%s\n%s", p->title, p->year, p->authors, p->venue);
    if (p->arxiv[0])
        printf(", arXiv %s", p->arxiv);
    printf("\ntopic: %s; status: %s\n\nwhy it matters: %s\n\nkey questions:\n", p->topic,
           reading_status_name(p->status), p->why);
    for (size_t i = 0; i < n; i++)
        printf("  - %s%s\n", q[i].q ? q[i].q : "", q[i].available ? "" : "  (after reading)");
    if (p->notes)
        printf("\nnotes:\n%s\n", p->notes);
    else
        printf("\nnotes: none (labprep reading note %s)\n", p->id);
}

static int show_cmd(struct app *a, const char *id, int json)
{
    struct lp_err err = {0};
    struct reading_paper p;
    struct reading_question *q = NULL;
    size_t n = 0;
    if (app_open_store(a) != 0)
        return 1;
    if (reading_get(a->st, id, &p, &err) != LP_OK) {
        app_close(a);
        return app_fail(a, "reading show: %s", err.msg);
    }
    int rc = reading_questions(a->st, id, today_of(a), &q, &n, &err) == LP_OK
                 ? 0
                 : app_fail(a, "reading show: %s", err.msg);
    if (rc == 0 && json) {
        json_paper(a, &p);
        printf("\n");
    } else if (rc == 0) {
        print_paper(&p, q, n);
    }
    reading_questions_free(q, n);
    reading_paper_free(&p);
    app_close(a);
    return rc;
}

static int set_cmd(struct app *a, const char *id, const char *status_word)
{
    struct lp_err err = {0};
    int status = reading_status_parse(status_word), unlocked = 0;
    if (status < 0)
        return app_fail(a,
                        "reading set: status must be queued, reading, read or summarised, "
                        "not '%s'",
                        status_word);
    if (app_open_store(a) != 0)
        return 1;
    if (reading_set_status(a->st, id, status, a->now, &unlocked, &err) != LP_OK) {
        app_close(a);
        return app_fail(a, "reading set: %s", err.msg);
    }
    printf("%s: %s\n", id, status_word);
    if (unlocked)
        printf("%d key question%s now in your study queue as new card%s\n", unlocked,
               unlocked == 1 ? " is" : "s are", unlocked == 1 ? "" : "s");
    app_close(a);
    return 0;
}

/* ---- notes in $EDITOR ---- */

static int write_whole(const char *dir, const char *path, const char *text)
{
    char tmp[4200];
    snprintf(tmp, sizeof tmp, "%s/NOTES.tmp", dir);
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (fd < 0)
        return -1;
    size_t len = strlen(text);
    int bad = (len && write(fd, text, len) != (ssize_t)len) || (len && write(fd, "\n", 1) != 1) ||
              fsync(fd) != 0;
    bad |= close(fd) != 0;
    if (bad || rename(tmp, path) != 0) {
        unlink(tmp);
        return -1;
    }
    return 0;
}

static char *read_notes(const char *path)
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

static void clean_dir(const char *dir, const char *path)
{
    char extra[4300];
    unlink(path);
    snprintf(extra, sizeof extra, "%s~", path);
    unlink(extra);
    rmdir(dir);
}

/* Edit the text in a temporary file; *out gets the result (malloc'd). */
static int edit_text(struct app *a, const char *id, const char *text, char **out)
{
    char dir[4096], path[4200];
    const char *tmpdir = getenv("TMPDIR");
    snprintf(dir, sizeof dir, "%s/labprep-notes-XXXXXX", tmpdir && *tmpdir ? tmpdir : "/tmp");
    if (!mkdtemp(dir))
        return app_fail(a, "reading note: cannot make a temporary directory: %s", strerror(errno));
    snprintf(path, sizeof path, "%s/%s.md", dir, id);
    int rc = 0, status;
    char why[32];
    if (write_whole(dir, path, text) != 0)
        rc = app_fail(a, "reading note: cannot write %s: %s", path, strerror(errno));
    else if ((status = editor_run(path, 0)) != 0)
        rc = app_fail(a, "reading note: the editor %s; notes unchanged",
                      editor_failure(status, why, sizeof why));
    else if (!(*out = read_notes(path)))
        rc = app_fail(a, "reading note: cannot read back %s (over 1 MB?); notes unchanged", path);
    clean_dir(dir, path);
    return rc;
}

static int note_cmd(struct app *a, const char *id)
{
    struct lp_err err = {0};
    struct reading_paper p;
    char *text = NULL;
    if (app_open_store(a) != 0)
        return 1;
    if (reading_get(a->st, id, &p, &err) != LP_OK) {
        app_close(a);
        return app_fail(a, "reading note: %s", err.msg);
    }
    int rc = edit_text(a, id, p.notes ? p.notes : "", &text);
    if (rc == 0 && reading_set_notes(a->st, id, text, &err) != LP_OK)
        rc = app_fail(a, "reading note: %s", err.msg);
    if (rc == 0) {
        struct reading_paper after;
        if (reading_get(a->st, id, &after, &err) == LP_OK) {
            int same = (!p.notes && !after.notes) ||
                       (p.notes && after.notes && !strcmp(p.notes, after.notes));
            printf("%s: notes %s\n", id, same ? "unchanged" : after.notes ? "saved" : "cleared");
            reading_paper_free(&after);
        }
    }
    free(text);
    reading_paper_free(&p);
    app_close(a);
    return rc;
}

int cmd_reading(struct app *a, int argc, char **argv)
{
    const char *sub = argc >= 2 ? argv[1] : "";
    if (!strcmp(sub, "set") && argc == 4)
        return set_cmd(a, argv[2], argv[3]);
    if (!strcmp(sub, "note") && argc == 3)
        return note_cmd(a, argv[2]);
    if (!strcmp(sub, "show") && (argc == 3 || (argc == 4 && !strcmp(argv[3], "--json"))))
        return show_cmd(a, argv[2], argc == 4);
    if (!strcmp(sub, "list"))
        return list_cmd(a, argc - 1, argv + 1);
    if (argc < 2 || sub[0] == '-')
        return list_cmd(a, argc, argv);
    app_fail(a, "%s", READING_USAGE);
    return 2;
}
