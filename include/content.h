/*
 * content.h - parse and validate labprep's YAML content (docs/content.md).
 *
 * The loader reads one file at a time into a `struct content_file`, all of whose
 * strings and arrays are owned by that struct and freed by content_file_free().
 * It never touches the database: db/sync.c turns parsed files into rows.
 * Every problem is appended to a `struct content_diag` as
 * "file:line:col: what is wrong" (line and column 1-based).
 */
#ifndef LP_CONTENT_H
#define LP_CONTENT_H

#include <stddef.h>
#include <stdint.h>

#include "err.h"

enum content_kind { CONTENT_DECK, CONTENT_READING, CONTENT_CHECKLIST, CONTENT_ROADMAP };
enum check_type { CHECK_NONE, CHECK_NUMBER, CHECK_CHOICE, CHECK_EXACT };
enum card_difficulty { DIFF_EASY = 1, DIFF_MEDIUM = 2, DIFF_HARD = 3 };

/* The oral quiz sections plus alignment and practice, in display order. */
#define CONTENT_SECTIONS(X)                                                    \
    X(SECTION_MATHS, "mathematics")                                            \
    X(SECTION_STATS, "statistics")                                             \
    X(SECTION_CS, "computer-science")                                          \
    X(SECTION_ML, "machine-learning")                                          \
    X(SECTION_ALIGNMENT, "alignment")                                          \
    X(SECTION_PRACTICE, "practice")

enum content_section {
#define LP_X(id, name) id,
    CONTENT_SECTIONS(LP_X)
#undef LP_X
    SECTION_COUNT
};

/* Name of a section ("mathematics", ...); index from its name or -1. */
const char *content_section_name(int section);
int content_section_from_name(const char *name);

struct content_check {
    enum check_type type;
    double number;       /* CHECK_NUMBER */
    double tolerance;    /* CHECK_NUMBER, absolute, default 1e-9 */
    char **options;      /* CHECK_CHOICE */
    size_t n_options;
    int answer;          /* CHECK_CHOICE: index into options */
    char *exact;         /* CHECK_EXACT: canonical answer */
    char **accept;       /* CHECK_EXACT: alternatives */
    size_t n_accept;
};

struct content_card {
    char *id;
    char *q, *a;                /* a may be NULL for debugging drills */
    char *code;                 /* optional snippet */
    char *bug, *symptom, *fix;  /* debugging drills */
    char **tags;
    size_t n_tags;
    enum card_difficulty difficulty;
    int seconds;                /* time limit, 0 = none */
    struct content_check check;
    int line, col;              /* where the card starts, for messages */
};

struct content_deck {
    char *id, *title, *section, *topic;
    char **tags;
    size_t n_tags;
    char *drill;                /* NULL, "debugging" or "talk" */
    struct content_card *cards;
    size_t n_cards;
};

struct content_paper {
    char *id, *title, *authors, *venue, *arxiv, *topic, *why;
    int year;
    struct content_card *questions;
    size_t n_questions;
    int line, col;
};

struct content_item {
    char *id, *text;
    int points;
    char **evidence;
    size_t n_evidence;
    char *category;             /* quick items: the category id */
    int line, col;
};

struct content_category {
    char *id, *title;
    struct content_item *items;
    size_t n_items;
};

struct content_band {
    int min;
    char *label, *advice;
};

struct content_checklist {
    char *id, *title;
    struct content_category *categories;
    size_t n_categories;
    struct content_band *bands;  /* sorted by min, highest first */
    size_t n_bands;
    char *quick_title;           /* NULL when there is no quick variant */
    struct content_item *quick;
    size_t n_quick;
};

struct content_milestone {
    char *id, *text;
    int line, col;
};

struct content_week {
    int week;
    char *theme;
    char **focus_decks, **focus_tags;
    size_t n_focus_decks, n_focus_tags;
    struct content_milestone *milestones;
    size_t n_milestones;
};

struct content_roadmap {
    char *track, *title;
    struct content_week *weeks;
    size_t n_weeks;
};

struct content_file {
    char *path;
    uint64_t hash;               /* content_hash() of the file's bytes */
    enum content_kind kind;
    union {
        struct content_deck deck;
        struct {
            struct content_paper *papers;
            size_t n_papers;
        } reading;
        struct content_checklist checklist;
        struct content_roadmap roadmap;
    } u;
};

/* Collected problems; each message is "file:line:col: text". */
struct content_diag {
    char **msgs;
    size_t n, cap;
};

void content_diag_init(struct content_diag *d);
/* Append a message (printf-style).  Out of memory drops the message. */
void content_diag_add(struct content_diag *d, const char *file, int line, int col,
                      const char *fmt, ...) __attribute__((format(printf, 5, 6)));
void content_diag_free(struct content_diag *d);

/* 64-bit FNV-1a of a byte buffer, used to skip unchanged files cheaply. */
uint64_t content_hash(const void *data, size_t len);

/*
 * Parse one file.  Returns a new content_file (caller frees with content_file_free)
 * or NULL when the file has any problem, in which case every problem found was
 * appended to diag.  Checks within the file only (types, required and unknown keys,
 * id syntax, duplicate ids inside the file, check specs); cross-file duplicates are
 * content_check()'s and the sync's job.
 */
struct content_file *content_parse_file(const char *path, struct content_diag *diag);
void content_file_free(struct content_file *f);

/*
 * List the *.yaml files under each directory (recursively, sorted by path, hidden
 * entries skipped).  A directory that does not exist is an error for content
 * check but silently empty when missing_ok is set (the user decks directory).
 * *paths is a malloc'd array of malloc'd strings; free with content_paths_free().
 */
int content_list_files(const char *const *dirs, size_t n_dirs, int missing_ok, char ***paths,
                       size_t *n_paths, struct lp_err *err);
void content_paths_free(char **paths, size_t n);

/*
 * Validate every file under dirs, including ids duplicated across files (reported
 * at the second occurrence, naming the first).  Returns the number of problems.
 */
size_t content_check(const char *const *dirs, size_t n_dirs, struct content_diag *diag);

/* Judge a typed answer against a check.  Returns 1 right, 0 wrong. */
int content_check_answer(const struct content_check *c, const char *typed);

#endif
