/*
 * content_check.c - judge typed answers against a card's check, and check a whole
 * content tree for ids used in more than one file (see content.h).
 *
 * Answers are compared without the locale: the TUI runs under setlocale(LC_ALL, ""),
 * where strtod() may want a decimal comma and tolower() may touch UTF-8 bytes, so
 * numbers are rebuilt as "DIGITSeEXP" (no decimal point) and case folding is ASCII.
 */
#include "content.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_DIGITS 400 /* longer numbers are refused rather than truncated */

static int is_space(char ch)
{
    return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '\v' || ch == '\f';
}

static int is_digit(char ch)
{
    return ch >= '0' && ch <= '9';
}

/* ---- numbers --------------------------------------------------------------------- */

/* Digits of s[*i..n) appended to buf; returns how many. */
static size_t take_digits(const char *s, size_t n, size_t *i, char *buf, size_t *used)
{
    size_t k = 0;
    for (; *i < n && is_digit(s[*i]); ++*i, k++)
        if (*used < MAX_DIGITS)
            buf[(*used)++] = s[*i];
        else
            *used = MAX_DIGITS + 1; /* marks "too long" */
    return k;
}

/* Optional exponent "e[+-]digits" at s[*i..n); clamped, since 1e99999 is infinite anyway. */
static int take_exponent(const char *s, size_t n, size_t *i, long *exp)
{
    *exp = 0;
    if (*i >= n || (s[*i] != 'e' && s[*i] != 'E'))
        return 0;
    ++*i;
    int neg = *i < n && s[*i] == '-';
    if (*i < n && (s[*i] == '-' || s[*i] == '+'))
        ++*i;
    if (*i >= n || !is_digit(s[*i]))
        return -1;
    for (; *i < n && is_digit(s[*i]); ++*i)
        if (*exp < 100000)
            *exp = *exp * 10 + (s[*i] - '0');
    if (neg)
        *exp = -*exp;
    return 0;
}

int content_parse_decimal(const char *s, size_t len, double *out)
{
    size_t i = 0, used = 0;
    char digits[MAX_DIGITS + 2];
    while (len > 0 && is_space(s[len - 1]))
        len--;
    while (i < len && is_space(s[i]))
        i++;
    int neg = i < len && s[i] == '-';
    if (i < len && (s[i] == '-' || s[i] == '+'))
        i++;
    size_t whole = take_digits(s, len, &i, digits, &used), frac = 0;
    if (i < len && s[i] == '.') {
        i++;
        frac = take_digits(s, len, &i, digits, &used);
    }
    long exp;
    if (whole + frac == 0 || used > MAX_DIGITS || take_exponent(s, len, &i, &exp) != 0 ||
        i != len)
        return -1;
    char buf[MAX_DIGITS + 32];
    snprintf(buf, sizeof buf, "%s%.*se%ld", neg ? "-" : "", (int)used, digits,
             exp - (long)frac);
    double d = strtod(buf, NULL);
    if (!isfinite(d))
        return -1;
    *out = d;
    return 0;
}

/* Drop the commas of a whole part written in thousands ("1,048,576" or
 * "-38,597,376.5"): a run of 1-3 digits, then groups of ",ddd", ending the
 * number or followed by '.' or an exponent.  Anything else ("0,5", "1,00") is
 * left alone, so a decimal comma is never mistaken for grouping. */
static void drop_grouping(char *s)
{
    char *p = s + strspn(s, " \t");
    p += *p == '-' || *p == '+';
    size_t lead = strspn(p, "0123456789"), groups = 0;
    if (lead < 1 || lead > 3)
        return;
    const char *q = p + lead;
    while (q[0] == ',' && strspn(q + 1, "0123456789") == 3) {
        groups++;
        q += 4;
    }
    if (!groups || (*q && *q != '.' && *q != 'e' && *q != 'E' && *q != ' '))
        return;
    char *w = p;
    for (const char *r = p; *r; r++)
        if (r >= q || *r != ',')
            *w++ = *r;
    *w = '\0';
}

/* A typed number: decimal or "a/b"; U+2212 is a minus.  0 on success. */
static int parse_typed(const char *typed, double *out)
{
    char buf[256];
    size_t n = 0;
    for (const char *p = typed; *p; p++) {
        if (n + 1 >= sizeof buf)
            return -1;
        if (strncmp(p, "\xE2\x88\x92", 3) == 0) {
            buf[n++] = '-';
            p += 2;
        } else {
            buf[n++] = *p;
        }
    }
    buf[n] = '\0';
    const char *slash = strchr(buf, '/');
    if (!slash) {
        drop_grouping(buf);
        return content_parse_decimal(buf, strlen(buf), out);
    }
    double a, b;
    if (content_parse_decimal(buf, (size_t)(slash - buf), &a) != 0 ||
        content_parse_decimal(slash + 1, strlen(slash + 1), &b) != 0 || b == 0)
        return -1;
    *out = a / b;
    return isfinite(*out) ? 0 : -1;
}

static int close_enough(double x, double want, double tol)
{
    double diff = fabs(x - want);
    return diff <= tol || diff <= 1e-9 * fmax(fabs(x), fabs(want));
}

static int number_right(const struct content_check *c, const char *typed)
{
    char buf[256];
    size_t n = strlen(typed);
    while (n > 0 && is_space(typed[n - 1]))
        n--;
    int percent = n > 0 && typed[n - 1] == '%';
    if (n >= sizeof buf)
        return 0;
    memcpy(buf, typed, n - (size_t)percent);
    buf[n - (size_t)percent] = '\0';
    double x;
    if (parse_typed(buf, &x) != 0)
        return 0;
    return close_enough(x, c->number, c->tolerance) ||
           (percent && close_enough(x / 100, c->number, c->tolerance));
}

/* ---- text ------------------------------------------------------------------------ */

/* s trimmed, inner whitespace runs as one space, ASCII lower case; malloc'd. */
static char *normalise(const char *s)
{
    char *out = malloc(strlen(s) + 1), *o = out;
    if (!out)
        return NULL;
    while (is_space(*s))
        s++;
    while (*s) {
        if (is_space(*s)) {
            while (is_space(*s))
                s++;
            if (*s)
                *o++ = ' ';
            continue;
        }
        *o++ = (*s >= 'A' && *s <= 'Z') ? (char)(*s - 'A' + 'a') : *s;
        s++;
    }
    *o = '\0';
    return out;
}

int content_answer_equal(const char *a, const char *b)
{
    char *x = normalise(a), *y = normalise(b);
    int eq = x && y && strcmp(x, y) == 0;
    free(x);
    free(y);
    return eq;
}

static int choice_right(const struct content_check *c, const char *typed)
{
    for (size_t i = 0; i < c->n_options; i++)
        if (c->options[i] && content_answer_equal(typed, c->options[i]))
            return (int)i == c->answer;
    while (is_space(*typed))
        typed++;
    char *end;
    long k = strtol(typed, &end, 10);
    if (end == typed || !is_digit(*typed))
        return 0;
    while (is_space(*end))
        end++;
    return *end == '\0' && k >= 1 && (size_t)k <= c->n_options && k - 1 == c->answer;
}

static int exact_right(const struct content_check *c, const char *typed)
{
    if (c->exact && content_answer_equal(typed, c->exact))
        return 1;
    for (size_t i = 0; i < c->n_accept; i++)
        if (c->accept[i] && content_answer_equal(typed, c->accept[i]))
            return 1;
    return 0;
}

int content_check_answer(const struct content_check *c, const char *typed)
{
    if (!c || !typed)
        return 0;
    switch (c->type) {
    case CHECK_NUMBER:
        return number_right(c, typed);
    case CHECK_CHOICE:
        return choice_right(c, typed);
    case CHECK_EXACT:
        return exact_right(c, typed);
    case CHECK_NONE:
        break;
    }
    return 0;
}

/* ---- ids across files ------------------------------------------------------------ */

enum gns { G_CARD, G_DECK, G_PAPER, G_CHECKLIST, G_ITEM, G_TRACK, G_MILESTONE };
static const char *const gns_names[] = {"card id",           "deck id",       "paper id",
                                        "checklist id",      "checklist item id",
                                        "roadmap track",     "milestone id"};

struct ref {
    enum gns ns;
    const char *id;
    size_t file;
    int line, col;
};

struct refs {
    struct ref *v;
    size_t n, cap;
    int oom;
};

static void ref_add(struct refs *r, enum gns ns, const char *id, size_t file, int line, int col)
{
    if (!id)
        return;
    if (r->n == r->cap) {
        size_t cap = r->cap ? r->cap * 2 : 256;
        struct ref *v = realloc(r->v, cap * sizeof *v);
        if (!v) {
            r->oom = 1;
            return;
        }
        r->v = v;
        r->cap = cap;
    }
    r->v[r->n++] = (struct ref){ns, id, file, line, col};
}

static void cards_refs(struct refs *r, const struct content_card *cards, size_t n, size_t file)
{
    for (size_t i = 0; i < n; i++)
        ref_add(r, G_CARD, cards[i].id, file, cards[i].line, cards[i].col);
}

static void items_refs(struct refs *r, const struct content_item *items, size_t n, size_t file)
{
    for (size_t i = 0; i < n; i++)
        ref_add(r, G_ITEM, items[i].id, file, items[i].line, items[i].col);
}

static void file_refs(struct refs *r, const struct content_file *f, size_t file)
{
    switch (f->kind) {
    case CONTENT_DECK:
        ref_add(r, G_DECK, f->u.deck.id, file, f->id_line, f->id_col);
        cards_refs(r, f->u.deck.cards, f->u.deck.n_cards, file);
        break;
    case CONTENT_READING:
        for (size_t i = 0; i < f->u.reading.n_papers; i++) {
            const struct content_paper *p = &f->u.reading.papers[i];
            ref_add(r, G_PAPER, p->id, file, p->line, p->col);
            cards_refs(r, p->questions, p->n_questions, file);
        }
        break;
    case CONTENT_CHECKLIST:
        ref_add(r, G_CHECKLIST, f->u.checklist.id, file, f->id_line, f->id_col);
        for (size_t i = 0; i < f->u.checklist.n_categories; i++)
            items_refs(r, f->u.checklist.categories[i].items,
                       f->u.checklist.categories[i].n_items, file);
        items_refs(r, f->u.checklist.quick, f->u.checklist.n_quick, file);
        break;
    case CONTENT_ROADMAP:
        ref_add(r, G_TRACK, f->u.roadmap.track, file, f->id_line, f->id_col);
        for (size_t i = 0; i < f->u.roadmap.n_weeks; i++) {
            const struct content_week *w = &f->u.roadmap.weeks[i];
            for (size_t j = 0; j < w->n_milestones; j++)
                ref_add(r, G_MILESTONE, w->milestones[j].id, file, w->milestones[j].line,
                        w->milestones[j].col);
        }
        break;
    }
}

static int pos_cmp(const struct ref *x, const struct ref *y)
{
    if (x->file != y->file)
        return x->file < y->file ? -1 : 1;
    if (x->line != y->line)
        return x->line < y->line ? -1 : 1;
    return (x->col > y->col) - (x->col < y->col);
}

static int ref_cmp(const void *a, const void *b)
{
    const struct ref *x = a, *y = b;
    if (x->ns != y->ns)
        return x->ns < y->ns ? -1 : 1;
    int d = strcmp(x->id, y->id);
    return d ? d : pos_cmp(x, y);
}

/* Each later use of an id, paired with its first, in file and position order. */
struct dup {
    struct ref at;
    const struct ref *first;
};

static int dup_cmp(const void *a, const void *b)
{
    return pos_cmp(&((const struct dup *)a)->at, &((const struct dup *)b)->at);
}

static void report_dups(struct refs *r, struct content_file *const *files,
                        struct content_diag *diag)
{
    if (r->n > 1)
        qsort(r->v, r->n, sizeof *r->v, ref_cmp);
    struct dup *d = calloc(r->n ? r->n : 1, sizeof *d);
    size_t nd = 0;
    if (!d) {
        content_diag_add(diag, NULL, 0, 0, "out of memory checking ids across files");
        return;
    }
    for (size_t i = 1, first = 0; i < r->n; i++) {
        if (r->v[i].ns != r->v[first].ns || strcmp(r->v[i].id, r->v[first].id) != 0)
            first = i;
        else
            d[nd++] = (struct dup){r->v[i], &r->v[first]};
    }
    if (nd > 1)
        qsort(d, nd, sizeof *d, dup_cmp);
    for (size_t i = 0; i < nd; i++) {
        const struct ref *at = &d[i].at, *f = d[i].first;
        content_diag_add(diag, files[at->file]->path, at->line, at->col,
                         "duplicate %s '%s' (first defined at %s:%d:%d)", gns_names[at->ns],
                         at->id, files[f->file]->path, f->line, f->col);
    }
    free(d);
}

/* Parse every file under one directory, appending the good ones to *files. */
static void check_dir(const char *dir, struct content_file ***files, size_t *n_files,
                      size_t *cap, struct content_diag *diag)
{
    char **paths = NULL;
    size_t n = 0;
    struct lp_err err;
    const char *const one[] = {dir};
    if (content_list_files(one, 1, 0, &paths, &n, &err) != LP_OK) {
        content_diag_add(diag, NULL, 0, 0, "%s", err.msg);
        return;
    }
    for (size_t i = 0; i < n; i++) {
        struct content_file *f = content_parse_file(paths[i], diag);
        if (!f)
            continue;
        if (*n_files == *cap) {
            size_t ncap = *cap ? *cap * 2 : 64;
            struct content_file **v = realloc(*files, ncap * sizeof *v);
            if (!v) {
                content_diag_add(diag, paths[i], 0, 0, "out of memory");
                content_file_free(f);
                continue;
            }
            *files = v;
            *cap = ncap;
        }
        (*files)[(*n_files)++] = f;
    }
    content_paths_free(paths, n);
}

size_t content_check(const char *const *dirs, size_t n_dirs, struct content_diag *diag)
{
    size_t before = diag->n, n_files = 0, cap = 0;
    struct content_file **files = NULL;
    for (size_t i = 0; i < n_dirs; i++)
        check_dir(dirs[i], &files, &n_files, &cap, diag);
    struct refs r = {NULL, 0, 0, 0};
    for (size_t i = 0; i < n_files; i++)
        file_refs(&r, files[i], i);
    if (r.oom)
        content_diag_add(diag, NULL, 0, 0, "out of memory checking ids across files");
    else
        report_dups(&r, files, diag);
    free(r.v);
    for (size_t i = 0; i < n_files; i++)
        content_file_free(files[i]);
    free(files);
    return diag->n - before;
}
