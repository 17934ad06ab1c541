/*
 * cmd_content.c - `labprep content check [DIR...]` and `labprep content stats`.
 */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "cmd.h"
#include "content.h"
#include "content_stats.h"

static int content_check_cmd(struct app *a, int argc, char **argv)
{
    const char *dirs[APP_MAX_DIRS + 64];
    size_t n = 0;
    struct stat sb;
    for (int i = 2; i < argc && n < sizeof dirs / sizeof dirs[0]; i++)
        dirs[n++] = argv[i];
    /* No arguments: everything labprep would load; the user decks dir only if present. */
    for (int i = 0; argc <= 2 && i < a->n_content_dirs; i++)
        if (i != 1 || stat(a->content_dirs[i], &sb) == 0)
            dirs[n++] = a->content_dirs[i];
    struct content_diag diag;
    content_diag_init(&diag);
    size_t problems = content_check(dirs, n, &diag);
    for (size_t i = 0; i < diag.n; i++)
        fprintf(stderr, "%s\n", diag.msgs[i]);
    content_diag_free(&diag);
    if (problems) {
        fprintf(stderr, "%zu problem%s found\n", problems, problems == 1 ? "" : "s");
        return 1;
    }
    printf("content ok\n");
    return 0;
}

static void print_counts(const char *key, const struct stats_count *c, size_t n)
{
    printf("\"%s\":{", key);
    for (size_t i = 0; i < n; i++) {
        printf("%s", i ? "," : "");
        app_json_string(stdout, c[i].name);
        printf(":%zu", c[i].n);
    }
    printf("}");
}

static void print_stats_json(const struct content_stats *s)
{
    printf("{\"cards\":%zu,\"checkable\":%zu,", s->cards, s->checkable);
    print_counts("sections", s->sections, s->n_sections);
    printf(",");
    print_counts("topics", s->topics, s->n_topics);
    printf(",\"reading\":%zu,\"reading_questions\":%zu,"
           "\"drills\":{\"debugging\":%zu,\"talk\":%zu},"
           "\"checklist_items\":%zu,\"checklist_points\":%zu,\"quick_items\":%zu,"
           "\"roadmaps\":[",
           s->reading, s->reading_questions, s->drills_debugging, s->drills_talk,
           s->checklist_items, s->checklist_points, s->quick_items);
    for (size_t i = 0; i < s->n_roadmaps; i++) {
        printf("%s{\"track\":", i ? "," : "");
        app_json_string(stdout, s->roadmaps[i].track);
        printf(",\"weeks\":%zu,\"milestones\":%zu}", s->roadmaps[i].weeks,
               s->roadmaps[i].milestones);
    }
    printf("]}\n");
}

static void print_stats_text(const struct content_stats *s)
{
    printf("cards: %zu (%zu with a machine check)\n", s->cards, s->checkable);
    for (size_t i = 0; i < s->n_sections; i++)
        printf("  section %-22s %4zu\n", s->sections[i].name, s->sections[i].n);
    for (size_t i = 0; i < s->n_topics; i++)
        printf("  topic   %-22s %4zu\n", s->topics[i].name, s->topics[i].n);
    printf("reading list: %zu papers, %zu key questions\n", s->reading, s->reading_questions);
    printf("drills: %zu debugging, %zu talk\n", s->drills_debugging, s->drills_talk);
    printf("checklist: %zu items, %zu points; quick variant %zu items\n", s->checklist_items,
           s->checklist_points, s->quick_items);
    for (size_t i = 0; i < s->n_roadmaps; i++)
        printf("roadmap %s: %zu weeks, %zu milestones\n", s->roadmaps[i].track,
               s->roadmaps[i].weeks, s->roadmaps[i].milestones);
}

static int content_stats_cmd(struct app *a, int argc, char **argv)
{
    int json = argc == 3 && !strcmp(argv[2], "--json");
    if (argc > 3 || (argc == 3 && !json))
        return app_fail(a, "usage: labprep content stats [--json]");
    const char *dirs[APP_MAX_DIRS];
    size_t n = 0;
    struct stat sb;
    for (int i = 0; i < a->n_content_dirs; i++)
        if (i != 1 || stat(a->content_dirs[i], &sb) == 0)
            dirs[n++] = a->content_dirs[i];
    struct content_stats s;
    struct content_diag diag;
    content_diag_init(&diag);
    int rc = content_stats_collect(dirs, n, &s, &diag);
    for (size_t i = 0; i < diag.n; i++)
        fprintf(stderr, "%s: warning: %s\n", a->prog, diag.msgs[i]);
    content_diag_free(&diag);
    if (rc != 0)
        return 1;
    json ? print_stats_json(&s) : print_stats_text(&s);
    return s.bad_files ? 1 : 0;
}

int cmd_content(struct app *a, int argc, char **argv)
{
    if (argc >= 2 && !strcmp(argv[1], "check"))
        return content_check_cmd(a, argc, argv);
    if (argc >= 2 && !strcmp(argv[1], "stats"))
        return content_stats_cmd(a, argc, argv);
    return app_fail(a, "usage: labprep content check [DIR...] | content stats [--json]");
}
