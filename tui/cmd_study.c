/*
 * cmd_study.c - today's summary, `status`, `due [--json]` and `answer`.
 */
#include <stdlib.h>
#include <string.h>

#include "cards.h"
#include "clock.h"
#include "cmd.h"
#include "plan.h"
#include "today.h"
#include "ui.h"

static int load_today(struct app *a, struct today *t)
{
    struct lp_err err = {0};
    if (today_load(a->st, &a->cfg, a->now, t, &err) != LP_OK)
        return app_fail(a, "%s", err.msg);
    return 0;
}

static void print_deck_table(const struct today *t)
{
    printf("\n%-28s %-17s %6s %6s %5s\n", "deck", "section", "learn", "review", "new");
    for (size_t i = 0; i < t->n; i++) {
        const struct deck_counts *d = &t->decks[i];
        printf("%-28.28s %-17.17s %6d %6d %5d\n", d->deck, d->section, d->learn, d->review,
               d->fresh);
    }
}

/* "plan: rs week 3 of 12, 2 milestones behind" when a plan is active. */
static void print_plan_line(const struct app *a, int32_t day)
{
    struct plan_status p;
    char line[160];
    if (plan_status(a->st, day, &p, NULL) != LP_OK || !p.active)
        return;
    plan_headline(&p, line, sizeof line);
    printf("%s\n", line);
    plan_status_free(&p);
}

static void print_headline(const struct app *a, const struct today *t)
{
    char date[11];
    clock_day_str(t->day, date);
    printf("%s: %d due now or later today (%d learning, %d review, %d new), about %.0f min\n",
           date, t->learn + t->review + t->fresh, t->learn, t->review, t->fresh,
           t->minutes + 0.49);
    if (t->review < t->review_raw)
        printf("  %d more reviews are due beyond today's limit of %d\n",
               t->review_raw - t->review, a->cfg.reviews_per_day);
    printf("done today: %d answers (%d new), streak %d day%s\n", t->done.answers,
           t->done.new_done, t->streak, t->streak == 1 ? "" : "s");
    print_plan_line(a, t->day);
}

static int open_and_load(struct app *a, struct today *t)
{
    if (app_open_store(a) != 0)
        return 1;
    if (load_today(a, t) != 0) {
        app_close(a);
        return 1;
    }
    return 0;
}

int cmd_summary(struct app *a, int argc, char **argv)
{
    (void)argc;
    (void)argv;
    struct today t;
    if (open_and_load(a, &t) != 0)
        return 1;
    printf("labprep - today's summary\n");
    print_headline(a, &t);
    if (t.learn + t.review + t.fresh == 0)
        printf("nothing left for today; come back tomorrow\n");
    today_free(&t);
    app_close(a);
    return 0;
}

int cmd_tutor(struct app *a)
{
    /* A year-old database takes most of a second to copy: show the screen first. */
    a->defer_backup = 1;
    if (app_open_store(a) != 0)
        return 1;
    int rc = ui_run(a);
    app_close(a);
    return rc;
}

int cmd_status(struct app *a, int argc, char **argv)
{
    (void)argv;
    if (argc != 1)
        return app_fail(a, "usage: labprep status");
    struct today t;
    if (open_and_load(a, &t) != 0)
        return 1;
    print_headline(a, &t);
    print_deck_table(&t);
    today_free(&t);
    app_close(a);
    return 0;
}

static void print_due_json(const struct today *t)
{
    char date[11];
    clock_day_str(t->day, date);
    printf("{\"date\":\"%s\",\"learn\":%d,\"review\":%d,\"new\":%d,\"total\":%d,"
           "\"review_due\":%d,\"new_available\":%d,\"minutes\":%.1f,"
           "\"new_left\":%d,\"reviews_left\":%d,\"streak\":%d,\"decks\":[",
           date, t->learn, t->review, t->fresh, t->learn + t->review + t->fresh, t->review_raw,
           t->fresh_raw, t->minutes, t->new_left, t->reviews_left, t->streak);
    for (size_t i = 0; i < t->n; i++) {
        const struct deck_counts *d = &t->decks[i];
        printf("%s{\"id\":", i ? "," : "");
        app_json_string(stdout, d->deck);
        printf(",\"title\":");
        app_json_string(stdout, d->title);
        printf(",\"section\":");
        app_json_string(stdout, d->section);
        printf(",\"learn\":%d,\"review\":%d,\"new\":%d}", d->learn, d->review, d->fresh);
    }
    printf("]}\n");
}

int cmd_due(struct app *a, int argc, char **argv)
{
    int json = argc == 2 && !strcmp(argv[1], "--json");
    if (argc > 2 || (argc == 2 && !json))
        return app_fail(a, "usage: labprep due [--json]");
    struct today t;
    if (open_and_load(a, &t) != 0)
        return 1;
    if (json) {
        print_due_json(&t);
    } else {
        print_headline(a, &t);
        print_deck_table(&t);
    }
    today_free(&t);
    app_close(a);
    return 0;
}

static int parse_grade(const char *s)
{
    static const char *const names[] = {"again", "hard", "good", "easy"};
    if (s[0] >= '1' && s[0] <= '4' && s[1] == '\0')
        return s[0] - '0';
    for (int i = 0; i < 4; i++)
        if (!strcmp(s, names[i]))
            return i + 1;
    return 0;
}

static void print_answer(const struct app *a, const char *id, int grade,
                         const struct answer_result *r)
{
    static const char *const names[] = {"Again", "Hard", "Good", "Easy"};
    char date[11], when[32];
    clock_day_str(clock_day(r->after.due, a->cfg.rollover_hour), date);
    sched_format_interval(r->after.due - a->now, when, sizeof when);
    printf("saved %s: %s; next due %s (in %s)\n", id, names[grade - 1], date, when);
    if (r->became_leech)
        printf("card %s has lapsed %d times: tagged 'leech' and suspended; rewrite it or "
               "unsuspend it in the browser\n",
               id, r->after.lapses);
}

static int answer_options(struct app *a, int argc, char **argv, int *ms)
{
    for (int i = 3; i < argc; i++) {
        char *end;
        if (!strcmp(argv[i], "--ms") && i + 1 < argc) {
            long v = strtol(argv[++i], &end, 10);
            if (*end || v < 0 || v > 86400000L)
                return app_fail(a, "answer: --ms must be milliseconds (0-86400000)");
            *ms = (int)v;
        } else {
            return app_fail(a, "usage: labprep answer CARD_ID GRADE [--ms N]");
        }
    }
    return 0;
}

int cmd_answer(struct app *a, int argc, char **argv)
{
    int ms = 0;
    if (argc < 3)
        return app_fail(a, "usage: labprep answer CARD_ID GRADE [--ms N]");
    int grade = parse_grade(argv[2]);
    if (!grade)
        return app_fail(a, "answer: grade must be 1-4 or again, hard, good, easy; not '%s'",
                        argv[2]);
    if (answer_options(a, argc, argv, &ms) != 0 || app_open_store(a) != 0)
        return 1;
    struct lp_err err = {0};
    struct answer_result r;
    enum lp_code rc = cards_answer(a->st, &a->cfg, argv[1], grade, a->now, ms, "study", -1, &r,
                                   &err);
    if (rc == LP_OK)
        print_answer(a, argv[1], grade, &r);
    else
        app_fail(a, "answer: %s", err.msg);
    app_close(a);
    return rc == LP_OK ? 0 : 1;
}
