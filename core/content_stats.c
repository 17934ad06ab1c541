/*
 * content_stats.c - count cards, checks, papers, checklist items and roadmap
 * milestones across content files (see content_stats.h).
 */
#include "content_stats.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void bump(struct stats_count *list, size_t *n, const char *name, size_t by)
{
    for (size_t i = 0; i < *n; i++) {
        if (strcmp(list[i].name, name) == 0) {
            list[i].n += by;
            return;
        }
    }
    if (*n >= STATS_MAX_NAMES)
        return;
    snprintf(list[*n].name, sizeof list[*n].name, "%s", name);
    list[(*n)++].n = by;
}

size_t content_stats_get(const struct stats_count *list, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(list[i].name, name) == 0)
            return list[i].n;
    return 0;
}

static void add_deck(struct content_stats *s, const struct content_deck *d)
{
    s->cards += d->n_cards;
    for (size_t i = 0; i < d->n_cards; i++)
        s->checkable += d->cards[i].check.type != CHECK_NONE;
    bump(s->sections, &s->n_sections, d->section, d->n_cards);
    bump(s->topics, &s->n_topics, d->topic, d->n_cards);
    if (d->drill && strcmp(d->drill, "debugging") == 0)
        s->drills_debugging += d->n_cards;
    else if (d->drill && strcmp(d->drill, "talk") == 0)
        s->drills_talk += d->n_cards;
}

static void add_checklist(struct content_stats *s, const struct content_checklist *c)
{
    for (size_t i = 0; i < c->n_categories; i++) {
        s->checklist_items += c->categories[i].n_items;
        for (size_t j = 0; j < c->categories[i].n_items; j++)
            s->checklist_points += (size_t)c->categories[i].items[j].points;
    }
    s->quick_items += c->n_quick;
}

static void add_roadmap(struct content_stats *s, const struct content_roadmap *r)
{
    if (s->n_roadmaps >= STATS_MAX_TRACKS)
        return;
    size_t k = s->n_roadmaps++;
    snprintf(s->roadmaps[k].track, sizeof s->roadmaps[k].track, "%s", r->track);
    s->roadmaps[k].weeks = r->n_weeks;
    s->roadmaps[k].milestones = 0;
    for (size_t w = 0; w < r->n_weeks; w++)
        s->roadmaps[k].milestones += r->weeks[w].n_milestones;
}

static void add_file(struct content_stats *s, const struct content_file *f)
{
    switch (f->kind) {
    case CONTENT_DECK:
        add_deck(s, &f->u.deck);
        break;
    case CONTENT_READING:
        s->reading += f->u.reading.n_papers;
        for (size_t i = 0; i < f->u.reading.n_papers; i++)
            s->reading_questions += f->u.reading.papers[i].n_questions;
        break;
    case CONTENT_CHECKLIST:
        add_checklist(s, &f->u.checklist);
        break;
    case CONTENT_ROADMAP:
        add_roadmap(s, &f->u.roadmap);
        break;
    }
}

int content_stats_collect(const char *const *dirs, size_t n_dirs, struct content_stats *out,
                          struct content_diag *diag)
{
    memset(out, 0, sizeof *out);
    char **paths;
    size_t n;
    struct lp_err err = {0};
    if (content_list_files(dirs, n_dirs, 0, &paths, &n, &err) != 0) {
        content_diag_add(diag, NULL, 0, 0, "%s", err.msg);
        return -1;
    }
    for (size_t i = 0; i < n; i++) {
        struct content_file *f = content_parse_file(paths[i], diag);
        out->files++;
        if (!f) {
            out->bad_files++;
            continue;
        }
        add_file(out, f);
        content_file_free(f);
    }
    content_paths_free(paths, n);
    return 0;
}
