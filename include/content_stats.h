/*
 * content_stats.h - counts over content files, for `labprep content stats` and the
 * tests that hold the bundled content to its minimums.  Reads files only.
 */
#ifndef LP_CONTENT_STATS_H
#define LP_CONTENT_STATS_H

#include <stddef.h>

#include "content.h"

#define STATS_MAX_NAMES 64
#define STATS_MAX_TRACKS 16

struct stats_count {
    char name[65];
    size_t n;
};

struct content_stats {
    size_t cards;              /* deck cards, drills included (not reading questions) */
    size_t checkable;          /* deck cards with a machine check */
    struct stats_count sections[STATS_MAX_NAMES];
    size_t n_sections;
    struct stats_count topics[STATS_MAX_NAMES];
    size_t n_topics;
    size_t reading, reading_questions;
    size_t drills_debugging, drills_talk;
    size_t checklist_items, checklist_points, quick_items;
    struct {
        char track[65];
        size_t weeks, milestones;
    } roadmaps[STATS_MAX_TRACKS];
    size_t n_roadmaps;
    size_t files, bad_files;
};

/*
 * Count everything under dirs.  Files with problems are counted in bad_files and
 * their problems appended to diag; they contribute nothing else.  Returns 0, or
 * -1 when a directory cannot be listed (message in diag).
 */
int content_stats_collect(const char *const *dirs, size_t n_dirs, struct content_stats *out,
                          struct content_diag *diag);

/* Count of `name` in a list (0 when absent). */
size_t content_stats_get(const struct stats_count *list, size_t n, const char *name);

#endif
