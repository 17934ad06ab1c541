/*
 * cmd_plan.c - `labprep plan start|show|done|undo`: the roadmap planner from
 * the shell.  The rules live in plan.h; this file parses arguments and prints.
 */
#include <stdio.h>
#include <string.h>

#include "clock.h"
#include "cmd.h"
#include "plan.h"

#define PLAN_USAGE                                                                                 \
    "usage: labprep plan start --track TRACK [--start DATE] [--interview DATE]\n"                  \
    "       labprep plan [show] [--json]\n"                                                        \
    "       labprep plan done|undo MILESTONE_ID\n"                                          \
    "       labprep plan interview DATE|none"

static int32_t today_of(const struct app *a)
{
    return clock_day(a->now, a->cfg.rollover_hour);
}

struct start_opts {
    const char *track, *start, *interview;
};

static int parse_start(struct app *a, int argc, char **argv, struct start_opts *o)
{
    for (int i = 2; i < argc; i++) {
        const char **slot = !strcmp(argv[i], "--track")       ? &o->track
                            : !strcmp(argv[i], "--start")     ? &o->start
                            : !strcmp(argv[i], "--interview") ? &o->interview
                                                              : NULL;
        if (!slot || i + 1 >= argc)
            return app_fail(a, "%s", PLAN_USAGE);
        *slot = argv[++i];
    }
    return 0;
}

static int plan_start_cmd(struct app *a, int argc, char **argv)
{
    struct start_opts o = {NULL, "today", NULL};
    struct lp_err err = {0};
    int32_t today = today_of(a), start, interview = PLAN_NO_DAY;
    if (parse_start(a, argc, argv, &o) != 0)
        return 2;
    if (plan_parse_day(o.start, today, &start, &err) != LP_OK ||
        (o.interview && plan_parse_day(o.interview, today, &interview, &err) != LP_OK))
        return app_fail(a, "plan start: %s", err.msg);
    if (app_open_store(a) != 0)
        return 1;
    char tracks[512];
    if (!o.track) {
        if (plan_tracks(a->st, tracks, sizeof tracks, &err) < 0)
            tracks[0] = '\0';
        app_close(a);
        return app_fail(a, "plan start: --track is required (known tracks: %s)", tracks);
    }
    int64_t id, ended;
    if (plan_start(a->st, o.track, start, interview, a->now, today, &id, &ended, &err) != LP_OK) {
        app_close(a);
        return app_fail(a, "plan start: %s", err.msg);
    }
    struct plan_status s;
    if (plan_status(a->st, today, &s, &err) != LP_OK) {
        app_close(a);
        return app_fail(a, "%s", err.msg);
    }
    char d1[11], d2[11], line[256];
    clock_day_str(s.start_day, d1);
    clock_day_str(s.start_day + 7 * s.weeks - 1, d2);
    if (ended)
        printf("ended the previous plan (kept in the history)\n");
    printf("started the %s plan (%s): %s to %s, %d milestones\n", s.track, s.title, d1, d2,
           s.total);
    plan_headline(&s, line, sizeof line);
    printf("%s\n", line);
    plan_status_free(&s);
    app_close(a);
    return 0;
}

/* ---- show ---- */

static void print_week(const struct plan_status *s, const struct plan_week *w)
{
    int current = w->week == s->week;
    printf("%s week %2d  %s  (%d/%zu done)%s\n", current ? ">" : " ", w->week, w->theme, w->done,
           w->n, current ? "  <- this week" : "");
    for (size_t i = w->first; i < w->first + w->n; i++)
        printf("      [%c] %s  %s\n", s->ms[i].done ? 'x' : ' ', s->ms[i].id, s->ms[i].text);
}

static void print_behind(const struct plan_status *s)
{
    if (!s->behind)
        return;
    int n = 0;
    printf("behind:");
    for (size_t i = 0; i < s->n_ms; i++)
        if (!s->ms[i].done && s->ms[i].week < s->week)
            printf("%s %s (week %d)", n++ ? "," : "", s->ms[i].id, s->ms[i].week);
    printf("\n");
}

static void print_show(const struct plan_status *s)
{
    char d[11], line[256];
    clock_day_str(s->start_day, d);
    printf("plan: %s - %s, started %s\n", s->track, s->title, d);
    plan_headline(s, line, sizeof line);
    printf("%s\n", line);
    if (s->interview_day != PLAN_NO_DAY) {
        clock_day_str(s->interview_day, d);
        printf("interview: %s (%s%d day%s%s)\n", d, s->countdown < 0 ? "" : "in ",
               s->countdown < 0 ? -s->countdown : s->countdown,
               s->countdown == 1 || s->countdown == -1 ? "" : "s", s->countdown < 0 ? " ago" : "");
    }
    printf("milestones: %d of %d done, %d due so far, %d behind, %d ahead\n", s->done, s->total,
           s->due, s->behind, s->ahead);
    print_behind(s);
    printf("today: %s\n\n", s->today_line);
    for (size_t w = 0; w < s->n_weeks; w++)
        print_week(s, &s->wk[w]);
}

static void json_words(const char *words)
{
    char w[PLAN_ID_MAX];
    int n = 0;
    putchar('[');
    for (const char *p = words; *p;) {
        while (*p == ' ')
            p++;
        size_t len = strcspn(p, " ");
        if (len && len < sizeof w) {
            memcpy(w, p, len);
            w[len] = '\0';
            printf("%s", n++ ? "," : "");
            app_json_string(stdout, w);
        }
        p += len;
    }
    putchar(']');
}

static void json_day(int32_t day)
{
    char d[11];
    clock_day_str(day, d);
    app_json_string(stdout, d);
}

static void json_milestone(const struct plan_status *s, const struct plan_milestone *m,
                           int32_t done_day)
{
    (void)s;
    printf("{\"id\":");
    app_json_string(stdout, m->id);
    printf(",\"week\":%d,\"text\":", m->week);
    app_json_string(stdout, m->text);
    printf(",\"done\":%s,\"done_date\":", m->done ? "true" : "false");
    if (m->done)
        json_day(done_day);
    else
        printf("null");
    printf("}");
}

static void json_weeks(const struct app *a, const struct plan_status *s)
{
    printf(",\"schedule\":[");
    for (size_t w = 0; w < s->n_weeks; w++) {
        const struct plan_week *k = &s->wk[w];
        printf("%s{\"week\":%d,\"theme\":", w ? "," : "", k->week);
        app_json_string(stdout, k->theme);
        printf(",\"current\":%s,\"focus\":{\"decks\":", k->week == s->week ? "true" : "false");
        json_words(k->focus_decks);
        printf(",\"tags\":");
        json_words(k->focus_tags);
        printf("},\"done\":%d,\"milestones\":[", k->done);
        for (size_t i = k->first; i < k->first + k->n; i++) {
            printf("%s", i > k->first ? "," : "");
            json_milestone(s, &s->ms[i], clock_day(s->ms[i].done_time, a->cfg.rollover_hour));
        }
        printf("]}");
    }
    printf("]");
}

static void json_behind(const struct app *a, const struct plan_status *s)
{
    int n = 0;
    printf(",\"behind_milestones\":[");
    for (size_t i = 0; i < s->n_ms; i++)
        if (!s->ms[i].done && s->ms[i].week < s->week) {
            printf("%s", n++ ? "," : "");
            json_milestone(s, &s->ms[i], clock_day(s->ms[i].done_time, a->cfg.rollover_hour));
        }
    printf("]");
}

static void print_json(const struct app *a, const struct plan_status *s)
{
    char line[256];
    printf("{\"active\":true,\"id\":%lld,\"track\":", (long long)s->id);
    app_json_string(stdout, s->track);
    printf(",\"title\":");
    app_json_string(stdout, s->title);
    printf(",\"start\":");
    json_day(s->start_day);
    printf(",\"end\":");
    json_day(s->start_day + 7 * s->weeks - 1);
    printf(",\"today\":");
    json_day(s->today);
    printf(",\"week\":%d,\"weeks\":%d,\"day_of_week\":%d,\"started\":%s,\"finished\":%s,"
           "\"interview\":",
           s->week, s->weeks, s->day_of_week, s->week > 0 ? "true" : "false",
           s->week > s->weeks ? "true" : "false");
    if (s->interview_day != PLAN_NO_DAY) {
        json_day(s->interview_day);
        printf(",\"countdown\":%d", s->countdown);
    } else {
        printf("null,\"countdown\":null");
    }
    printf(",\"milestones\":{\"total\":%d,\"done\":%d,\"due\":%d,\"behind\":%d,\"ahead\":%d}",
           s->total, s->done, s->due, s->behind, s->ahead);
    json_behind(a, s);
    plan_headline(s, line, sizeof line);
    printf(",\"headline\":");
    app_json_string(stdout, line);
    printf(",\"today_line\":");
    app_json_string(stdout, s->today_line);
    json_weeks(a, s);
    printf("}\n");
}

static int plan_show_cmd(struct app *a, int json)
{
    struct lp_err err = {0};
    struct plan_status s;
    if (app_open_store(a) != 0)
        return 1;
    if (plan_status(a->st, today_of(a), &s, &err) != LP_OK) {
        app_close(a);
        return app_fail(a, "plan: %s", err.msg);
    }
    if (!s.active && json) {
        printf("{\"active\":false}\n");
    } else if (!s.active) {
        char tracks[512];
        if (plan_tracks(a->st, tracks, sizeof tracks, &err) < 0)
            tracks[0] = '\0';
        printf("no plan is active; start one with: labprep plan start --track TRACK "
               "--start YYYY-MM-DD [--interview YYYY-MM-DD]\ntracks: %s\n",
               tracks);
    } else if (json) {
        print_json(a, &s);
    } else {
        print_show(&s);
    }
    plan_status_free(&s);
    app_close(a);
    return 0;
}

static int plan_mark_cmd(struct app *a, const char *id, int done)
{
    struct lp_err err = {0};
    int changed = 0;
    if (app_open_store(a) != 0)
        return 1;
    if (plan_mark(a->st, id, done, a->now, &changed, &err) != LP_OK) {
        app_close(a);
        return app_fail(a, "plan %s: %s", done ? "done" : "undo", err.msg);
    }
    struct plan_status s;
    char line[256];
    if (plan_status(a->st, today_of(a), &s, &err) != LP_OK) {
        app_close(a);
        return app_fail(a, "%s", err.msg);
    }
    const struct plan_milestone *m = plan_find(&s, id);
    const char *what = done ? (changed ? "done" : "already done")
                            : (changed ? "not done any more" : "was not done");
    printf("%s: %s (week %d); %d of %d milestones done\n", id, what, m ? m->week : 0, s.done,
           s.total);
    plan_headline(&s, line, sizeof line);
    printf("%s\n", line);
    plan_status_free(&s);
    app_close(a);
    return 0;
}

static int plan_interview_cmd(struct app *a, const char *when)
{
    struct lp_err err = {0};
    int32_t day = PLAN_NO_DAY;
    if (strcmp(when, "none") != 0 && plan_parse_day(when, today_of(a), &day, &err) != LP_OK)
        return app_fail(a, "plan interview: %s", err.msg);
    if (app_open_store(a) != 0)
        return 1;
    enum lp_code rc = plan_set_interview(a->st, day, today_of(a), &err);
    struct plan_status s;
    char line[256];
    if (rc == LP_OK && (rc = plan_status(a->st, today_of(a), &s, &err)) == LP_OK) {
        plan_headline(&s, line, sizeof line);
        printf("%s\n", line);
        plan_status_free(&s);
    }
    app_close(a);
    return rc == LP_OK ? 0 : app_fail(a, "plan interview: %s", err.msg);
}

int cmd_plan(struct app *a, int argc, char **argv)
{
    const char *sub = argc >= 2 ? argv[1] : "show";
    if (!strcmp(sub, "start"))
        return plan_start_cmd(a, argc, argv);
    if (!strcmp(sub, "--json") && argc == 2)
        return plan_show_cmd(a, 1);
    if (!strcmp(sub, "show") && argc <= 3) {
        int json = argc == 3 && !strcmp(argv[2], "--json");
        if (argc == 3 && !json)
            return app_fail(a, "%s", PLAN_USAGE) + 1;
        return plan_show_cmd(a, json);
    }
    if (!strcmp(sub, "interview") && argc == 3)
        return plan_interview_cmd(a, argv[2]);
    if ((!strcmp(sub, "done") || !strcmp(sub, "undo")) && argc == 3)
        return plan_mark_cmd(a, argv[2], !strcmp(sub, "done"));
    app_fail(a, "%s", PLAN_USAGE);
    return 2;
}
