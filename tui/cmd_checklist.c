/*
 * cmd_checklist.c - `labprep checklist [show] [--json] [--quick]`, `checklist set`,
 * `checklist save [--quick]` and `checklist history [--json]`: the readiness
 * checklist from the shell.  Scoring and evidence live in checklist.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "checklist.h"
#include "clock.h"
#include "cmd.h"

#define CHECKLIST_USAGE                                                                            \
    "usage: labprep checklist [show] [--json] [--quick]\n"                                         \
    "       labprep checklist set ITEM_ID yes|no   (quick items: 1-5)\n"                           \
    "       labprep checklist save [--quick]\n"                                                    \
    "       labprep checklist history [--json]"

static int load_view(struct app *a, enum checklist_kind kind, struct checklist_view *v)
{
    struct lp_err err = {0};
    if (checklist_load(a->st, NULL, kind, a->now, a->cfg.rollover_hour, v, &err) != LP_OK)
        return app_fail(a, "checklist: %s", err.msg);
    return 0;
}

static const char *band_label(const struct checklist_view *v)
{
    return v->band >= 0 ? v->bands[v->band].label : "no band";
}

/* ---- show ---- */

static void print_item(const struct checklist_view *v, const struct checklist_item *it)
{
    if (v->kind == CHECKLIST_QUICK && it->value)
        printf("  [%d] %s  %s\n", it->value, it->id, it->text);
    else
        printf("  [%c] %s  %s\n", it->value ? 'x' : ' ', it->id, it->text);
    for (int e = 0; e < it->n_ev; e++)
        printf("      evidence: %s\n", it->ev[e].text);
    if (it->conflict[0])
        printf("      conflict: %s\n", it->conflict);
}

static void print_view(const struct checklist_view *v)
{
    printf("%s: %d/%d (%d%%) - %s\n", v->title, v->score, v->max, v->percent, band_label(v));
    if (v->band >= 0 && v->bands[v->band].advice[0])
        printf("%s\n", v->bands[v->band].advice);
    if (v->weakest >= 0)
        printf("weakest category: %s (%d/%d)\n", v->cats[v->weakest].title,
               v->cats[v->weakest].score, v->cats[v->weakest].max);
    if (v->kind == CHECKLIST_QUICK && (size_t)v->rated < v->n_items)
        printf("%zu of %zu items not rated yet\n", v->n_items - (size_t)v->rated, v->n_items);
    if (v->conflicts)
        printf("%d item%s where your answer and the study record disagree\n", v->conflicts,
               v->conflicts == 1 ? "" : "s");
    for (size_t c = 0; c < v->n_cats; c++) {
        const struct checklist_category *cat = &v->cats[c];
        printf("\n%s  %d/%d\n", cat->title, cat->score, cat->max);
        for (size_t i = cat->first; i < cat->first + cat->n; i++)
            print_item(v, &v->items[i]);
    }
}

static const char *verdict_name(enum checklist_verdict x)
{
    return x == CHECKLIST_AGAINST ? "against" : x == CHECKLIST_SUPPORTS ? "supports" : "neutral";
}

static void json_evidence(const struct checklist_evidence *e)
{
    printf("{\"key\":");
    app_json_string(stdout, e->key);
    printf(",\"count\":%d,\"value\":", e->count);
    if (e->value >= 0)
        printf("%.4f", e->value);
    else
        printf("null");
    printf(",\"verdict\":\"%s\",\"text\":", verdict_name(e->verdict));
    app_json_string(stdout, e->text);
    printf("}");
}

static void json_item(const struct checklist_view *v, const struct checklist_item *it)
{
    printf("{\"id\":");
    app_json_string(stdout, it->id);
    printf(",\"category\":");
    app_json_string(stdout, it->category);
    printf(",\"text\":");
    app_json_string(stdout, it->text);
    printf(",\"points\":%d,\"value\":%d,\"ticked\":%s,\"evidence\":[", it->points, it->value,
           (v->kind == CHECKLIST_QUICK ? it->value >= 4 : it->value == 1) ? "true" : "false");
    for (int e = 0; e < it->n_ev; e++) {
        printf("%s", e ? "," : "");
        json_evidence(&it->ev[e]);
    }
    printf("],\"conflict\":");
    if (it->conflict[0])
        app_json_string(stdout, it->conflict);
    else
        printf("null");
    printf("}");
}

static void json_categories(const struct checklist_view *v)
{
    printf(",\"weakest\":");
    if (v->weakest >= 0)
        app_json_string(stdout, v->cats[v->weakest].id);
    else
        printf("null");
    printf(",\"categories\":[");
    for (size_t c = 0; c < v->n_cats; c++) {
        printf("%s{\"id\":", c ? "," : "");
        app_json_string(stdout, v->cats[c].id);
        printf(",\"title\":");
        app_json_string(stdout, v->cats[c].title);
        printf(",\"score\":%d,\"max\":%d}", v->cats[c].score, v->cats[c].max);
    }
    printf("]");
}

static void print_json(const struct checklist_view *v)
{
    printf("{\"checklist\":");
    app_json_string(stdout, v->id);
    printf(",\"title\":");
    app_json_string(stdout, v->title);
    printf(",\"kind\":\"%s\",\"score\":%d,\"max\":%d,\"percent\":%d,\"rated\":%d,\"band\":",
           checklist_kind_name(v->kind), v->score, v->max, v->percent, v->rated);
    if (v->band >= 0) {
        app_json_string(stdout, v->bands[v->band].label);
        printf(",\"advice\":");
        app_json_string(stdout, v->bands[v->band].advice);
    } else {
        printf("null,\"advice\":null");
    }
    json_categories(v);
    printf(",\"conflicts\":%d,\"items\":[", v->conflicts);
    for (size_t i = 0; i < v->n_items; i++) {
        printf("%s", i ? "," : "");
        json_item(v, &v->items[i]);
    }
    printf("]}\n");
}

static int show_cmd(struct app *a, int json, enum checklist_kind kind)
{
    struct checklist_view v;
    if (app_open_store(a) != 0)
        return 1;
    int rc = load_view(a, kind, &v);
    if (rc == 0) {
        if (json)
            print_json(&v);
        else
            print_view(&v);
        checklist_free(&v);
    }
    app_close(a);
    return rc;
}

/* ---- set ---- */

/* yes/no (1/0) for full items, 1-5 for quick ones; -1 when the word does not fit. */
static int parse_value(const char *s, int kind)
{
    if (kind == CHECKLIST_FULL) {
        if (!strcmp(s, "yes") || !strcmp(s, "y") || !strcmp(s, "1"))
            return 1;
        if (!strcmp(s, "no") || !strcmp(s, "n") || !strcmp(s, "0"))
            return 0;
        return -1;
    }
    return s[0] >= '1' && s[0] <= '5' && s[1] == '\0' ? s[0] - '0' : -1;
}

static int set_cmd(struct app *a, const char *id, const char *word)
{
    struct lp_err err = {0};
    if (app_open_store(a) != 0)
        return 1;
    int kind = checklist_item_kind(a->st, id, &err), value = -1;
    if (kind >= 0 && (value = parse_value(word, kind)) < 0)
        err_set(&err, LP_EINVAL, "%s is a %s item: answer it %s, not '%s'", id,
                kind == CHECKLIST_QUICK ? "quick" : "full",
                kind == CHECKLIST_QUICK ? "1-5" : "yes or no", word);
    if (kind < 0 || value < 0 || checklist_set(a->st, id, value, a->now, NULL, &err) != LP_OK) {
        app_close(a);
        return app_fail(a, "checklist set: %s", err.msg);
    }
    struct checklist_view v;
    int rc = load_view(a, (enum checklist_kind)kind, &v);
    if (rc == 0) {
        const struct checklist_item *it = checklist_find(&v, id);
        if (kind == CHECKLIST_QUICK)
            printf("%s: rated %d\n", id, value);
        else
            printf("%s: %s\n", id, value ? "yes" : "no");
        printf("score now %d/%d (%d%%) - %s\n", v.score, v.max, v.percent, band_label(&v));
        if (it && it->conflict[0])
            printf("conflict: %s\n", it->conflict);
        checklist_free(&v);
    }
    app_close(a);
    return rc;
}

/* ---- save and history ---- */

static int save_cmd(struct app *a, enum checklist_kind kind)
{
    struct lp_err err = {0};
    struct checklist_view v;
    struct checklist_assessment s;
    if (app_open_store(a) != 0)
        return 1;
    int rc = load_view(a, kind, &v);
    if (rc == 0 && checklist_save(a->st, &v, a->now, a->cfg.rollover_hour, &s, &err) != LP_OK)
        rc = app_fail(a, "checklist save: %s", err.msg);
    if (rc == 0) {
        char d[11];
        clock_day_str(s.day, d);
        printf("saved %s assessment %lld on %s: %d/%d (%d%%) - %s\n", checklist_kind_name(kind),
               (long long)s.id, d, s.score, s.max, s.percent, s.band[0] ? s.band : "no band");
        if (s.has_prev)
            printf("change since the previous %s assessment: %+d points\n",
                   checklist_kind_name(kind), s.change);
        else
            printf("this is your first %s assessment\n", checklist_kind_name(kind));
    }
    checklist_free(&v); /* zeroed by checklist_load on failure */
    app_close(a);
    return rc;
}

/* First and last percent of one kind, and how many. */
static int trend_of(const struct checklist_history *h, enum checklist_kind k, int *first, int *last)
{
    int n = 0;
    for (size_t i = 0; i < h->n; i++)
        if (h->a[i].kind == k) {
            if (!n++)
                *first = h->a[i].percent;
            *last = h->a[i].percent;
        }
    return n;
}

static void print_history(const struct checklist_history *h)
{
    if (!h->n) {
        printf("no assessment saved yet: labprep checklist save [--quick]\n");
        return;
    }
    printf("%-10s  %-5s  %7s  %7s  %6s  %s\n", "date", "kind", "score", "percent", "change",
           "band");
    for (size_t i = 0; i < h->n; i++) {
        const struct checklist_assessment *x = &h->a[i];
        char d[11], score[24], change[16] = "-";
        clock_day_str(x->day, d);
        snprintf(score, sizeof score, "%d/%d", x->score, x->max);
        if (x->has_prev)
            snprintf(change, sizeof change, "%+d", x->change);
        printf("%-10s  %-5s  %7s  %6d%%  %6s  %s\n", d, checklist_kind_name(x->kind), score,
               x->percent, change, x->band);
    }
    for (int k = CHECKLIST_FULL; k <= CHECKLIST_QUICK; k++) {
        int first = 0, last = 0, n = trend_of(h, (enum checklist_kind)k, &first, &last);
        if (n)
            printf("trend (%s): %d%% -> %d%% (%+d) over %d assessment%s\n",
                   checklist_kind_name((enum checklist_kind)k), first, last, last - first, n,
                   n == 1 ? "" : "s");
    }
}

static void json_history(const struct checklist_history *h)
{
    printf("{\"assessments\":[");
    for (size_t i = 0; i < h->n; i++) {
        const struct checklist_assessment *x = &h->a[i];
        char d[11];
        clock_day_str(x->day, d);
        printf("%s{\"id\":%lld,\"checklist\":", i ? "," : "", (long long)x->id);
        app_json_string(stdout, x->checklist);
        printf(",\"kind\":\"%s\",\"date\":\"%s\",\"time\":%lld,\"score\":%d,\"max\":%d,"
               "\"percent\":%d,\"band\":",
               checklist_kind_name(x->kind), d, (long long)x->time, x->score, x->max, x->percent);
        app_json_string(stdout, x->band);
        if (x->has_prev)
            printf(",\"change\":%d}", x->change);
        else
            printf(",\"change\":null}");
    }
    printf("],\"trend\":{");
    for (int k = CHECKLIST_FULL; k <= CHECKLIST_QUICK; k++) {
        int first = 0, last = 0, n = trend_of(h, (enum checklist_kind)k, &first, &last);
        printf("%s\"%s\":", k ? "," : "", checklist_kind_name((enum checklist_kind)k));
        if (n)
            printf("{\"count\":%d,\"first\":%d,\"last\":%d,\"change\":%d}", n, first, last,
                   last - first);
        else
            printf("null");
    }
    printf("}}\n");
}

static int history_cmd(struct app *a, int json)
{
    struct lp_err err = {0};
    struct checklist_history h;
    if (app_open_store(a) != 0)
        return 1;
    if (checklist_history(a->st, NULL, &h, &err) != LP_OK) {
        app_close(a);
        return app_fail(a, "checklist history: %s", err.msg);
    }
    if (json)
        json_history(&h);
    else
        print_history(&h);
    checklist_history_free(&h);
    app_close(a);
    return 0;
}

/* Flags after the subcommand: --json and --quick, each allowed or not. */
static int flags(int argc, char **argv, int from, int allow_quick, int allow_json, int *json,
                 int *quick)
{
    for (int i = from; i < argc; i++) {
        if (allow_json && !strcmp(argv[i], "--json"))
            *json = 1;
        else if (allow_quick && !strcmp(argv[i], "--quick"))
            *quick = 1;
        else
            return -1;
    }
    return 0;
}

int cmd_checklist(struct app *a, int argc, char **argv)
{
    int json = 0, quick = 0;
    const char *sub = argc >= 2 ? argv[1] : "show";
    int from = argc >= 2 && argv[1][0] != '-' ? 2 : 1;
    if (from == 1)
        sub = "show";
    if (!strcmp(sub, "show") && flags(argc, argv, from, 1, 1, &json, &quick) == 0)
        return show_cmd(a, json, quick ? CHECKLIST_QUICK : CHECKLIST_FULL);
    if (!strcmp(sub, "set") && argc == 4)
        return set_cmd(a, argv[2], argv[3]);
    if (!strcmp(sub, "save") && flags(argc, argv, 2, 1, 0, &json, &quick) == 0)
        return save_cmd(a, quick ? CHECKLIST_QUICK : CHECKLIST_FULL);
    if (!strcmp(sub, "history") && flags(argc, argv, 2, 0, 1, &json, &quick) == 0)
        return history_cmd(a, json);
    app_fail(a, "%s", CHECKLIST_USAGE);
    return 2;
}
