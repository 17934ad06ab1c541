/*
 * cmd_mock.c - the oral mock quizzes' history for the shell:
 *   labprep mock [list] [--json]     every mock taken, newest first
 *   labprep mock show ID [--json]    one mock: score and median time per section, misses
 * Mocks are taken in the tutor (`m` on home); here they are only read.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "cmd.h"
#include "mock.h"

#define MOCK_USAGE                                                                                 \
    "usage: labprep mock [list] [--json]\n"                                                        \
    "       labprep mock show MOCK_ID [--json]"

static const char *day_of(const struct app *a, int64_t t, char d[11])
{
    clock_day_str(clock_day(t, a->cfg.rollover_hour), d);
    return d;
}

static const char *mark_name(enum mock_mark m)
{
    return m == MOCK_RIGHT ? "right" : m == MOCK_PARTLY ? "partly" : "wrong";
}

static double pct(const struct mock_tally *t)
{
    return t->asked ? 100.0 * t->score / t->asked : 0;
}

static void json_tally(const struct mock_tally *t)
{
    printf("{\"asked\":%d,\"right\":%d,\"partly\":%d,\"wrong\":%d,\"score\":%.1f,"
           "\"percent\":%.1f,\"median_ms\":%lld}",
           t->asked, t->right, t->partly, t->wrong, t->score, pct(t), (long long)t->median_ms);
}

static void json_mock(const struct app *a, const struct mock_results *r, int misses)
{
    char d[11];
    printf("{\"id\":%lld,\"date\":\"%s\",\"started\":%lld,\"finished\":", (long long)r->id,
           day_of(a, r->started, d), (long long)r->started);
    if (r->finished)
        printf("%lld", (long long)r->finished);
    else
        printf("null");
    printf(",\"minutes\":%d,\"total\":", r->minutes);
    json_tally(&r->total);
    printf(",\"sections\":{");
    for (int s = 0, k = 0; s < MOCK_N_SECTIONS; s++) {
        if (!(r->mask & (1u << s)))
            continue;
        printf("%s\"%s\":", k++ ? "," : "", mock_section_ids[s]);
        json_tally(&r->sec[s]);
    }
    printf("}");
    if (misses) {
        printf(",\"misses\":[");
        for (size_t i = 0; i < r->n_misses; i++) {
            const struct mock_miss *m = &r->misses[i];
            printf("%s{\"id\":", i ? "," : "");
            app_json_string(stdout, m->id);
            printf(",\"section\":\"%s\",\"mark\":\"%s\",\"answer_ms\":%d,\"question\":",
                   mock_section_ids[m->section], mark_name(m->mark), m->answer_ms);
            app_json_string(stdout, m->q);
            printf("}");
        }
        printf("]");
    }
    printf("}");
}

static void text_tally(const char *name, const struct mock_tally *t)
{
    printf("  %-18s %3d asked  %5.1f right  %3.0f%%  median %.0f s\n", name, t->asked, t->score,
           pct(t), (double)t->median_ms / 1000);
}

static void text_mock(const struct app *a, const struct mock_results *r)
{
    char d[11];
    printf("mock %lld on %s, %d minutes%s\n", (long long)r->id, day_of(a, r->started, d),
           r->minutes, r->finished ? "" : " (cut short)");
    for (int s = 0; s < MOCK_N_SECTIONS; s++)
        if (r->mask & (1u << s))
            text_tally(mock_section_titles[s], &r->sec[s]);
    text_tally("all", &r->total);
    printf("\nmisses (%zu):\n", r->n_misses);
    for (size_t i = 0; i < r->n_misses; i++)
        printf("  %-6s  %-32s  %s\n", mark_name(r->misses[i].mark), r->misses[i].id,
               r->misses[i].q);
}

static int list_mocks(struct app *a, int json)
{
    struct lp_err err = {0};
    int64_t *ids = NULL;
    size_t n = 0;
    char d[11];
    if (mock_list(a->st, &ids, &n, &err) != LP_OK)
        return app_fail(a, "mock: %s", err.msg);
    int rc = 0;
    if (json)
        printf("{\"count\":%zu,\"mocks\":[", n);
    else if (n == 0)
        printf("no mock quiz taken yet: press m on the tutor's home screen\n");
    else
        printf("%5s  %-10s  %7s  %6s  %6s  %s\n", "id", "date", "minutes", "asked", "score",
               "median");
    for (size_t i = 0; i < n && rc == 0; i++) {
        struct mock_results r;
        if (mock_results(a->st, ids[i], &r, &err) != LP_OK) {
            rc = app_fail(a, "mock %lld: %s", (long long)ids[i], err.msg);
            break;
        }
        if (json) {
            printf("%s", i ? "," : "");
            json_mock(a, &r, 0);
        } else {
            printf("%5lld  %-10s  %7d  %6d  %5.0f%%  %.0f s%s\n", (long long)r.id,
                   day_of(a, r.started, d), r.minutes, r.total.asked, pct(&r.total),
                   (double)r.total.median_ms / 1000, r.finished ? "" : "  (cut short)");
        }
        mock_results_free(&r);
    }
    if (json && rc == 0)
        printf("]}\n");
    free(ids);
    return rc;
}

static int show_mock(struct app *a, const char *arg, int json)
{
    struct lp_err err = {0};
    struct mock_results r;
    char *end;
    long long id = strtoll(arg, &end, 10);
    if (*arg == '\0' || *end != '\0' || id <= 0)
        return app_fail(a, "mock show: '%s' is not a mock id (see labprep mock)", arg);
    if (mock_results(a->st, id, &r, &err) != LP_OK)
        return app_fail(a, "mock show: %s", err.msg);
    if (json) {
        json_mock(a, &r, 1);
        printf("\n");
    } else {
        text_mock(a, &r);
    }
    mock_results_free(&r);
    return 0;
}

int cmd_mock(struct app *a, int argc, char **argv)
{
    int json = argc > 1 && !strcmp(argv[argc - 1], "--json");
    int n = json ? argc - 1 : argc; /* arguments before --json */
    int list = n == 1 || (n == 2 && !strcmp(argv[1], "list"));
    int show = n == 3 && !strcmp(argv[1], "show");
    if (!list && !show)
        return app_fail(a, "%s", MOCK_USAGE) + 1;
    if (app_open_store(a) != 0)
        return 1;
    int rc = list ? list_mocks(a, json) : show_mock(a, argv[2], json);
    app_close(a);
    return rc;
}
