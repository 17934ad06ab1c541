/*
 * content.h - parse and validate labprep's YAML content (docs/content.md).
 *
 * The loader reads one file at a time into a `struct content_file`, all of whose
 * strings and arrays are owned by that struct and freed by content_file_free().
 * It never touches the database: db/sync.c turns parsed files into rows.
 * Every problem is appended to a `struct content_diag` as
 * "file:line:col: what is wrong" (line and column 1-based; columns count characters).
 *
 * Files are refused whole, never half-loaded: content_parse_file() returns NULL when a
 * file has any problem, after reporting all of them (in document order, at most
 * CONTENT_MAX_MESSAGES per file).  Besides docs/content.md's rules it refuses files
 * larger than CONTENT_MAX_BYTES, files that are not UTF-8, empty files, files with more
 * than one YAML document, YAML aliases (*name: they allow "billion laughs" blow-ups),
 * duplicate mapping keys and nesting deeper than 64 levels.  Anchors alone are ignored.
 * In a mapping, a key with an empty value (`key:` or `key: ~`) counts as absent when
 * the key is optional and as "'key' is empty" when it is required; an empty or blank
 * quoted string ("") is always an error.  Numbers and integers may be written plain or
 * quoted; text fields take any scalar as written (`a: 42` is the text "42").
 */
#ifndef LP_CONTENT_H
#define LP_CONTENT_H

#include <stddef.h>
#include <stdint.h>

#include "err.h"

/* Files larger than this are refused unread (real content files are < 1 MiB). */
#define CONTENT_MAX_BYTES (8u << 20)
/* Messages reported for one file; the rest are summed up in one last message. */
#define CONTENT_MAX_MESSAGES 100

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
    int line, col;              /* where the card's mapping starts (its first key) */
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
    int id_line, id_col;         /* where the deck id, checklist id or roadmap track
                                    is written (0 for reading lists) */
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

/* Collected problems; each message is "file:line:col: text".  msgs[i] are malloc'd
 * and owned by the diag. */
struct content_diag {
    char **msgs;
    size_t n, cap;
};

void content_diag_init(struct content_diag *d);
/* Append a message (printf-style) as "file:line:col: text", or "file: text" when
 * line <= 0 (a problem with no position, e.g. a missing directory), or just "text"
 * when file is NULL.  Out of memory drops the message. */
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
 * content_check()'s and the sync's job.  A file that cannot be read gets one
 * "path:1:1: cannot read file: <strerror>" message.  Bands come back sorted by min,
 * highest first; a debugging drill card without q gets the default question.
 * content_file_free(NULL) is a no-op; it also frees a content_file built by hand as
 * long as every pointer in it is malloc'd or NULL.
 */
struct content_file *content_parse_file(const char *path, struct content_diag *diag);
void content_file_free(struct content_file *f);

/*
 * List the *.yaml files under each directory (recursively, sorted by path, hidden
 * entries skipped).  A directory that does not exist is an error for content
 * check but silently empty when missing_ok is set (the user decks directory).
 * *paths is a malloc'd array of malloc'd strings; free with content_paths_free().
 *
 * Details: only names ending in ".yaml" are listed (".yml" and everything else is
 * ignored, as docs/content.md says).  Each directory's files are sorted by byte order
 * of their path (strcmp, not the locale) and directories keep the order given, so
 * bundled content can come before the user's.  Paths are "dir/sub/name.yaml", built
 * from dir as given.  A dirs[i] that is a regular file is listed as itself, whatever
 * its name.  Symbolic links are followed; a directory that is its own ancestor (a
 * symlink loop) is skipped, and nesting deeper than 32 directories is an error.
 * Entries that vanish or are dangling symlinks are skipped.  Returns LP_OK; or
 * LP_ENOTFOUND (missing directory, !missing_ok), LP_EIO (unreadable directory,
 * too deep) or LP_ENOMEM with err filled and *paths NULL, *n_paths 0.
 */
int content_list_files(const char *const *dirs, size_t n_dirs, int missing_ok, char ***paths,
                       size_t *n_paths, struct lp_err *err);
void content_paths_free(char **paths, size_t n);

/*
 * Validate every file under dirs, including ids duplicated across files (reported
 * at the second occurrence, naming the first).  Returns the number of problems.
 * Namespaces shared across files: card ids (deck cards and reading questions), deck
 * ids, paper ids, checklist ids, checklist item ids (quick items included), roadmap
 * tracks and milestone ids.  Messages look like
 *   "b.yaml:9:5: duplicate card id 'x' (first defined at a.yaml:12:5)"
 * at the position of the card, paper, item or milestone mapping, or of the id value
 * for deck ids, checklist ids and tracks.  A directory that cannot be listed gives a
 * message without position (content_list_files()'s error text); the others are
 * still checked.
 */
size_t content_check(const char *const *dirs, size_t n_dirs, struct content_diag *diag);

/*
 * Judge a typed answer against a check.  Returns 1 right, 0 wrong (also for a NULL
 * or CHECK_NONE check and a NULL typed).
 *   number: typed is a decimal ("12", "-0.5", ".5", "1e-3") or a fraction "a/b" of two
 *     decimals, with optional spaces around it and around '/', a leading '+' or '-'
 *     (U+2212 MINUS SIGN counts as '-'), and an optional trailing '%', which matches
 *     either the number as written or a hundredth of it (a card may say 50 or 0.5).
 *     A whole part may be grouped in thousands with commas ("1,048,576"); a comma
 *     anywhere else ("0,5") makes the answer wrong, never a decimal point.
 *     Right when |typed - number| <= tolerance, or within a relative 1e-9 of the
 *     larger magnitude (so large numbers survive rounding).
 *   choice: typed is an option's text (compared as for exact) or its 1-based number;
 *     when an option's text is itself a number, the text wins.
 *   exact:  typed equals exact or one of accept, compared by content_answer_equal().
 */
int content_check_answer(const struct content_check *c, const char *typed);

/*
 * 1 when a and b are the same answer: ASCII letters compared without case, leading
 * and trailing ASCII whitespace ignored, inner whitespace runs counted as one space.
 * Everything else is compared byte for byte: no Unicode case folding or
 * normalisation, so "Σ" != "σ" and "n²" != "n2" (write alternatives in accept).
 * 0 when they differ or memory runs out.
 */
int content_answer_equal(const char *a, const char *b);

/*
 * Parse the decimal number in s[0..len) independently of the locale: optional
 * surrounding ASCII spaces, optional sign, digits with an optional '.' fraction
 * (".5" and "5." are fine) and an optional exponent ("1e-3").  No hex, inf, nan,
 * '_' or ','.  Returns 0 and sets *out when the whole text is a finite number,
 * -1 otherwise.
 */
int content_parse_decimal(const char *s, size_t len, double *out);

#endif
