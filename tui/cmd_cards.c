/*
 * cmd_cards.c - the card browser for the shell:
 *   labprep cards [WORDS...] [--filter F] [--section S] [--json]
 *   labprep card CARD_ID [--json]
 *   labprep card CARD_ID suspend|unsuspend|reset|edit
 * The same queries as the tutor's browser and card detail (browse.h, cards.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "browse.h"
#include "cards.h"
#include "checkspec.h"
#include "clock.h"
#include "cmd.h"
#include "editor.h"

#define CARDS_USAGE                                                                                \
    "usage: labprep cards [WORDS...] [--filter all|due|new|suspended|leech] [--section S] "       \
    "[--json]"
#define CARD_USAGE                                                                                 \
    "usage: labprep card CARD_ID [--json]\n"                                                       \
    "       labprep card CARD_ID suspend|unsuspend|reset|edit"

static const char *state_name(int s)
{
    static const char *const names[] = {"new", "learning", "review", "relearning"};
    return s >= 0 && s <= 3 ? names[s] : "?";
}

static const char *day_of(const struct app *a, int64_t t, char d[11])
{
    clock_day_str(clock_day(t, a->cfg.rollover_hour), d);
    return d;
}

/* ---- the list ---- */

struct list_opts {
    char words[1024];
    struct browse_query q;
    int json;
};

static int parse_filter(const char *s)
{
    for (int f = 0; f < BROWSE_N_FILTERS; f++)
        if (!strcmp(s, browse_filter_name((enum browse_filter)f)))
            return f;
    return -1;
}

static int parse_list(struct app *a, int argc, char **argv, struct list_opts *o)
{
    memset(o, 0, sizeof *o);
    for (int i = 1; i < argc; i++) {
        int f;
        if (!strcmp(argv[i], "--json"))
            o->json = 1;
        else if (!strcmp(argv[i], "--filter"))
            if (i + 1 < argc && (f = parse_filter(argv[++i])) >= 0)
                o->q.filter = (enum browse_filter)f;
            else
                return -1;
        else if (!strcmp(argv[i], "--section") && i + 1 < argc)
            o->q.section = argv[++i];
        else if (argv[i][0] == '-')
            return -1;
        else if (strlen(o->words) + strlen(argv[i]) + 2 < sizeof o->words)
            strcat(strcat(o->words, o->words[0] ? " " : ""), argv[i]);
    }
    o->q.text = o->words;
    o->q.now = a->now;
    o->q.rollover_hour = a->cfg.rollover_hour;
    return 0;
}

static void list_json(const struct app *a, const struct browse_row *r, size_t n)
{
    char d[11];
    printf("{\"count\":%zu,\"cards\":[", n);
    for (size_t i = 0; i < n; i++) {
        printf("%s{\"id\":", i ? "," : "");
        app_json_string(stdout, r[i].id);
        printf(",\"deck\":");
        app_json_string(stdout, r[i].deck);
        printf(",\"section\":");
        app_json_string(stdout, r[i].section);
        printf(",\"state\":\"%s\",\"due\":", state_name(r[i].state));
        if (r[i].state)
            app_json_string(stdout, day_of(a, r[i].due, d));
        else
            printf("null");
        printf(",\"suspended\":%s,\"leech\":%s,\"question\":", r[i].suspended ? "true" : "false",
               r[i].leech ? "true" : "false");
        app_json_string(stdout, r[i].q);
        printf("}");
    }
    printf("]}\n");
}

static void list_text(const struct app *a, const struct browse_row *r, size_t n)
{
    char d[11];
    for (size_t i = 0; i < n; i++)
        printf("%-10s  %-10s  %-32s  %s%s\n", state_name(r[i].state),
               r[i].state ? day_of(a, r[i].due, d) : "-", r[i].id,
               r[i].suspended ? "[suspended] " : r[i].leech ? "[leech] " : "", r[i].q);
    printf("%zu card%s\n", n, n == 1 ? "" : "s");
}

int cmd_cards(struct app *a, int argc, char **argv)
{
    struct list_opts o;
    struct lp_err err = {0};
    struct browse_row *rows = NULL;
    size_t n = 0;
    if (parse_list(a, argc, argv, &o) != 0)
        return app_fail(a, "%s", CARDS_USAGE) + 1;
    if (app_open_store(a) != 0)
        return 1;
    int rc = 0;
    if (browse_search(a->st, &o.q, &rows, &n, &err) != LP_OK)
        rc = app_fail(a, "cards: %s", err.msg);
    else if (o.json)
        list_json(a, rows, n);
    else
        list_text(a, rows, n);
    free(rows);
    app_close(a);
    return rc;
}

/* ---- one card ---- */

struct detail {
    struct card_text t;
    struct card_row row;
    struct browse_review *hist;
    size_t n_hist;
    double recall;
};

static enum lp_code load_detail(struct app *a, const char *id, struct detail *d, struct lp_err *err)
{
    struct sched_config sc;
    memset(d, 0, sizeof *d);
    if (cards_text(a->st, id, &d->t, err) != LP_OK || cards_get(a->st, id, &d->row, err) != LP_OK ||
        browse_history(a->st, id, &d->hist, &d->n_hist, err) != LP_OK ||
        cards_sched_config(&a->cfg, &sc, err) != LP_OK)
        return err->code;
    d->recall = d->row.m.state ? sched_retrievability(&sc, &d->row.m, a->now) : 0;
    return LP_OK;
}

static void free_detail(struct detail *d)
{
    cards_text_free(&d->t);
    free(d->hist);
}

/* The check as JSON: {"type":"number","value":V,"tolerance":T}, {"type":"choice",
 * "options":[...],"answer":"..."} or {"type":"exact","answer":"...","accept":[...]}. */
static void json_check(const char *spec)
{
    struct content_check c = {0};
    char *storage = NULL;
    printf(",\"check\":");
    if (!spec || checkspec_decode(spec, &c, &storage) != 0 || c.type == CHECK_NONE) {
        printf("null");
    } else if (c.type == CHECK_NUMBER) {
        printf("{\"type\":\"number\",\"value\":%.17g,\"tolerance\":%.17g}", c.number,
               c.tolerance);
    } else {
        char **list = c.type == CHECK_CHOICE ? c.options : c.accept;
        size_t n = c.type == CHECK_CHOICE ? c.n_options : c.n_accept;
        printf("{\"type\":\"%s\",\"answer\":", c.type == CHECK_CHOICE ? "choice" : "exact");
        app_json_string(stdout, c.type == CHECK_CHOICE ? c.options[c.answer] : c.exact);
        printf(",\"%s\":[", c.type == CHECK_CHOICE ? "options" : "accept");
        for (size_t i = 0; i < n; i++) {
            printf("%s", i ? "," : "");
            app_json_string(stdout, list[i]);
        }
        printf("]}");
    }
    checkspec_free(&c, storage);
}

/* The check in words: "a number, 2 (within 1e-09)", "choice: ...", "exact: ...". */
static void print_check(const char *spec)
{
    struct content_check c = {0};
    char *storage = NULL;
    if (!spec || checkspec_decode(spec, &c, &storage) != 0 || c.type == CHECK_NONE) {
        checkspec_free(&c, storage);
        return;
    }
    if (c.type == CHECK_NUMBER) {
        printf("check: a number, %.12g (within %g)\n\n", c.number, c.tolerance);
    } else if (c.type == CHECK_CHOICE) {
        printf("check: one of");
        for (size_t i = 0; i < c.n_options; i++)
            printf("%s %c) %s", i ? ";" : "", (int)('a' + i % 26), c.options[i]);
        printf("\n       answer %c) %s\n\n", (int)('a' + c.answer % 26), c.options[c.answer]);
    } else {
        printf("check: the text \"%s\"", c.exact);
        for (size_t i = 0; i < c.n_accept; i++)
            printf("%s\"%s\"", i ? ", " : "; also accepted: ", c.accept[i]);
        printf("\n\n");
    }
    checkspec_free(&c, storage);
}

static void json_field(const char *key, const char *v)
{
    printf(",\"%s\":", key);
    if (v)
        app_json_string(stdout, v);
    else
        printf("null");
}

static void detail_json(const struct app *a, const struct detail *d)
{
    char day[11];
    const struct sched_card *m = &d->row.m;
    printf("{\"id\":");
    app_json_string(stdout, d->t.id);
    json_field("deck", d->t.deck);
    json_field("section", d->t.section);
    json_field("topic", d->t.topic);
    json_field("question", d->t.q);
    json_field("answer", d->t.a);
    json_field("code", d->t.code);
    json_field("bug", d->t.bug);
    json_field("symptom", d->t.symptom);
    json_field("fix", d->t.fix);
    json_check(d->t.check_spec);
    printf(",\"tags\":[");
    const char *p = d->t.tags ? d->t.tags : "";
    for (int k = 0; *p;) {
        size_t n = strcspn(p += strspn(p, " "), " ");
        if (n)
            printf("%s\"%.*s\"", k++ ? "," : "", (int)n, p);
        p += n;
    }
    printf("]");
    printf(",\"state\":\"%s\"", state_name(m->state));
    json_field("due", m->state ? day_of(a, m->due, day) : NULL);
    printf(",\"stability\":%.17g,\"difficulty\":%.17g,\"recall_now\":%.6f,\"reps\":%d,"
           "\"lapses\":%d,\"suspended\":%s,\"leech\":%s,\"history\":[",
           m->s, m->d, d->recall, m->reps, m->lapses, d->row.suspended ? "true" : "false",
           d->row.leech ? "true" : "false");
    for (size_t i = 0; i < d->n_hist; i++) {
        const struct browse_review *h = &d->hist[i];
        clock_day_str(h->day, day);
        printf("%s{\"time\":%lld,\"day\":\"%s\",\"grade\":%d,\"mode\":", i ? "," : "",
               (long long)h->time, day, h->grade);
        app_json_string(stdout, h->mode);
        printf(",\"state_before\":\"%s\",\"state_after\":\"%s\",\"interval_seconds\":%lld,"
               "\"answer_ms\":%d}",
               state_name(h->state_before), state_name(h->state_after), (long long)h->interval,
               h->answer_ms);
    }
    printf("]}\n");
}

static void print_text_field(const char *label, const char *v)
{
    if (v && *v)
        printf("%s:\n%s\n\n", label, v);
}

static void detail_memory(const struct app *a, const struct detail *d)
{
    char day[11], ivl[16];
    const struct sched_card *m = &d->row.m;
    if (m->state == 0)
        printf("state: new (%s)\n", d->n_hist ? "reset; history below" : "never studied");
    else
        printf("state: %s, due %s; stability %.1f days, difficulty %.2f (1-10), chance of "
               "recall now %.0f%%; reps %d, lapses %d\n",
               state_name(m->state), day_of(a, m->due, day), m->s, m->d, 100 * d->recall, m->reps,
               m->lapses);
    if (d->row.suspended || d->row.leech)
        printf("%s%s\n", d->row.suspended ? "suspended" : "",
               d->row.leech ? (d->row.suspended ? ", leech" : "leech") : "");
    printf("\nhistory (%zu answer%s):\n", d->n_hist, d->n_hist == 1 ? "" : "s");
    static const char *const grades[] = {"?", "Again", "Hard", "Good", "Easy"};
    for (size_t i = 0; i < d->n_hist; i++) {
        const struct browse_review *h = &d->hist[i];
        clock_day_str(h->day, day);
        sched_format_interval(h->interval, ivl, sizeof ivl);
        printf("  %s  %-5s  %-5s  %-10s -> %-10s  next in %s\n", day,
               grades[h->grade >= 1 && h->grade <= 4 ? h->grade : 0], h->mode,
               state_name(h->state_before), state_name(h->state_after), ivl);
    }
}

static void detail_text(const struct app *a, const struct detail *d)
{
    printf("%s  (deck %s, %s, topic %s)\ntags: %s\n\n", d->t.id, d->t.deck, d->t.section,
           d->t.topic, d->t.tags ? d->t.tags + strspn(d->t.tags, " ") : "");
    print_text_field("question", d->t.q);
    print_text_field("code", d->t.code);
    print_text_field("answer", d->t.a);
    print_text_field("bug", d->t.bug);
    print_text_field("symptom", d->t.symptom);
    print_text_field("fix", d->t.fix);
    print_check(d->t.check_spec);
    detail_memory(a, d);
}

static int show_card(struct app *a, const char *id, int json)
{
    struct detail d;
    struct lp_err err = {0};
    int rc = 0;
    if (load_detail(a, id, &d, &err) != LP_OK)
        rc = app_fail(a, "card: %s", err.msg);
    else if (json)
        detail_json(a, &d);
    else
        detail_text(a, &d);
    free_detail(&d);
    return rc;
}

static int change_card(struct app *a, const char *id, const char *what)
{
    struct lp_err err = {0};
    struct card_row row;
    enum lp_code rc = cards_get(a->st, id, &row, &err);
    if (rc == LP_OK && row.retired)
        rc = err_set(&err, LP_ENOTFOUND, "card '%s' was removed from the content", id);
    if (rc == LP_OK && !strcmp(what, "reset"))
        rc = browse_reset(a->st, id, &err);
    else if (rc == LP_OK)
        rc = cards_set_suspended(a->st, id, !strcmp(what, "suspend"), &err);
    if (rc != LP_OK)
        return app_fail(a, "card %s: %s", what, err.msg);
    printf("%s: %s\n", id,
           !strcmp(what, "reset")       ? "reset to new (its history is kept)"
           : !strcmp(what, "suspend")   ? "suspended"
                                        : "unsuspended");
    return 0;
}

/* $EDITOR on the card's content file at the card, then sync (history is kept:
 * identity is the id).  A file left broken is reported and skipped whole. */
static int edit_card(struct app *a, const char *id)
{
    struct lp_err err = {0};
    struct card_text t;
    struct content_diag diag;
    if (cards_text(a->st, id, &t, &err) != LP_OK || !t.source) {
        cards_text_free(&t);
        return app_fail(a, "card edit: %s", err.code ? err.msg : "no content file");
    }
    int rc = editor_run(t.source, editor_id_line(t.source, id));
    cards_text_free(&t);
    char why[32];
    if (rc != 0)
        return app_fail(a, "card edit: the editor %s; nothing synced",
                        editor_failure(rc, why, sizeof why));
    content_diag_init(&diag);
    enum lp_code sc = app_sync(a, &diag, &err);
    for (size_t i = 0; i < diag.n; i++)
        fprintf(stderr, "%s\n", diag.msgs[i]);
    rc = sc != LP_OK ? app_fail(a, "card edit: %s", err.msg)
         : diag.n    ? app_fail(a, "card edit: the file has problems; the card keeps its old "
                                   "text until they are fixed")
                     : (printf("%s: edited and synced; its history is kept\n", id), 0);
    content_diag_free(&diag);
    return rc;
}

int cmd_card(struct app *a, int argc, char **argv)
{
    const char *what = argc == 3 ? argv[2] : NULL;
    int json = what && !strcmp(what, "--json");
    if (argc < 2 || argc > 3 || argv[1][0] == '-' ||
        (what && !json && strcmp(what, "suspend") && strcmp(what, "unsuspend") &&
         strcmp(what, "reset") && strcmp(what, "edit")))
        return app_fail(a, "%s", CARD_USAGE) + 1;
    if (app_open_store(a) != 0)
        return 1;
    int rc = what && !strcmp(what, "edit") ? edit_card(a, argv[1])
             : what && !json               ? change_card(a, argv[1], what)
                                           : show_card(a, argv[1], json);
    app_close(a);
    return rc;
}
