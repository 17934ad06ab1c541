/*
 * content.c - read one YAML content file into a struct content_file (see content.h).
 *
 * Three stages.  First the bytes: size limit and a UTF-8 check, so every later message
 * can point at a line and column.  Then libyaml's events become a small tree of nodes
 * with positions; working from events rather than yaml_parser_load() lets us see
 * aliases (refused) and a second document (refused) where they are written.  Last, the
 * tree is walked against a schema written as tables of fields, which fills the public
 * structs.  Problems are collected with their positions and handed to the caller's
 * diag only at the end, sorted, so a file's messages come out in document order.
 *
 * All tree nodes and message texts live in one arena freed with the parse; only the
 * content_file itself is made of ordinary malloc'd pieces, so content_file_free()
 * works on anything the caller holds.
 */
#include "content.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <yaml.h>

#define MAX_DEPTH 64      /* nesting; real content needs about 8 */
#define MAX_NODES 2000000 /* an 8 MiB file of "[a,a,a...]" stays within ~150 MB */
#define MAX_FIELDS 12     /* the longest field table (debugging drill cards) has 11 */
#define CLIP 60           /* bytes of a value quoted in a message */

static const char DEBUG_Q[] = "This runs but does not learn. What is wrong?";
static const char ID_RULE[] = "use 1-64 characters a-z 0-9 - _ . starting with a letter or digit";

/* ---- diagnostics, hash, sections ------------------------------------------------ */

void content_diag_init(struct content_diag *d)
{
    d->msgs = NULL;
    d->n = d->cap = 0;
}

static int diag_grow(struct content_diag *d)
{
    if (d->n < d->cap)
        return 0;
    size_t cap = d->cap ? d->cap * 2 : 16;
    char **m = realloc(d->msgs, cap * sizeof *m);
    if (!m)
        return -1;
    d->msgs = m;
    d->cap = cap;
    return 0;
}

void content_diag_add(struct content_diag *d, const char *file, int line, int col,
                      const char *fmt, ...)
{
    int pre = 0;
    if (file)
        pre = line > 0 ? snprintf(NULL, 0, "%s:%d:%d: ", file, line, col)
                       : snprintf(NULL, 0, "%s: ", file);
    va_list ap;
    va_start(ap, fmt);
    int len = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (pre < 0 || len < 0 || diag_grow(d) != 0)
        return;
    char *s = malloc((size_t)pre + (size_t)len + 1);
    if (!s)
        return;
    if (file && line > 0)
        snprintf(s, (size_t)pre + 1, "%s:%d:%d: ", file, line, col);
    else if (file)
        snprintf(s, (size_t)pre + 1, "%s: ", file);
    va_start(ap, fmt);
    vsnprintf(s + pre, (size_t)len + 1, fmt, ap);
    va_end(ap);
    d->msgs[d->n++] = s;
}

void content_diag_free(struct content_diag *d)
{
    for (size_t i = 0; i < d->n; i++)
        free(d->msgs[i]);
    free(d->msgs);
    content_diag_init(d);
}

uint64_t content_hash(const void *data, size_t len)
{
    const unsigned char *p = data;
    uint64_t h = 14695981039346656037u;
    for (size_t i = 0; i < len; i++) {
        h ^= p[i];
        h *= 1099511628211u;
    }
    return h;
}

static const char *const section_names[] = {
#define LP_X(id, name) name,
    CONTENT_SECTIONS(LP_X)
#undef LP_X
};

/* ", mathematics, statistics, ..." - used from its third character. */
static const char section_list[] = ""
#define LP_X(id, name) ", " name
    CONTENT_SECTIONS(LP_X)
#undef LP_X
    ;

const char *content_section_name(int section)
{
    if (section < 0 || section >= SECTION_COUNT)
        return NULL;
    return section_names[section];
}

int content_section_from_name(const char *name)
{
    for (int i = 0; name && i < SECTION_COUNT; i++)
        if (strcmp(name, section_names[i]) == 0)
            return i;
    return -1;
}

/* ---- the parse context: arena, messages, ids seen ------------------------------- */

struct chunk {
    struct chunk *next;
    size_t used, cap;
    max_align_t data[];
};

enum node_type { N_SCALAR, N_SEQ, N_MAP, N_BAD };

/* A YAML node.  Mappings hold key, value, key, value... as children.  N_BAD stands
 * for something already reported (an alias, a string with NUL): skipped silently. */
struct node {
    enum node_type type;
    int line, col;
    int plain;           /* scalar written without quotes */
    char *s;             /* scalar value, NUL-terminated */
    struct node *head, *tail, *next, *parent;
    size_t n;            /* children */
};

struct msg {
    int line, col;
    size_t seq;
    char *text;
};

/* Id namespaces checked inside one file. */
enum ns { NS_CARD, NS_PAPER, NS_CATEGORY, NS_ITEM, NS_MILESTONE };
static const char *const ns_names[] = {"card id", "paper id", "category id",
                                       "checklist item id", "milestone id"};

struct idref {
    enum ns ns;
    const char *id;
    int line, col;
};

struct ctx {
    const char *path;
    const unsigned char *buf;
    size_t len;
    struct chunk *arena;
    struct msg *msgs;
    size_t n_msgs, cap_msgs;
    struct idref *ids;
    size_t n_ids, cap_ids;
    size_t n_nodes;
    int oom;
};

static void *arena_alloc(struct ctx *c, size_t n)
{
    n = (n + sizeof(max_align_t) - 1) / sizeof(max_align_t) * sizeof(max_align_t);
    struct chunk *k = c->arena;
    if (!k || k->cap - k->used < n) {
        size_t cap = n > 65536 ? n : 65536;
        k = malloc(sizeof *k + cap);
        if (!k) {
            c->oom = 1;
            return NULL;
        }
        k->next = c->arena;
        k->used = 0;
        k->cap = cap;
        c->arena = k;
    }
    void *p = (char *)k->data + k->used;
    k->used += n;
    return p;
}

static void ctx_free(struct ctx *c)
{
    while (c->arena) {
        struct chunk *next = c->arena->next;
        free(c->arena);
        c->arena = next;
    }
    free(c->msgs);
    free(c->ids);
}

/* Make room for one more element in a realloc'd array; -1 (and oom) on failure. */
static int grow(struct ctx *c, void **arr, size_t *cap, size_t n, size_t size)
{
    if (n < *cap)
        return 0;
    size_t ncap = *cap ? *cap * 2 : 32;
    void *p = realloc(*arr, ncap * size);
    if (!p) {
        c->oom = 1;
        return -1;
    }
    *arr = p;
    *cap = ncap;
    return 0;
}

__attribute__((format(printf, 4, 0))) static void vreport(struct ctx *c, int line, int col,
                                                           const char *fmt, va_list ap)
{
    va_list ap2;
    va_copy(ap2, ap);
    int len = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (len < 0)
        return;
    char *text = arena_alloc(c, (size_t)len + 1);
    if (!text || grow(c, (void **)&c->msgs, &c->cap_msgs, c->n_msgs, sizeof *c->msgs) != 0)
        return;
    vsnprintf(text, (size_t)len + 1, fmt, ap);
    c->msgs[c->n_msgs] = (struct msg){line, col, c->n_msgs, text};
    c->n_msgs++;
}

__attribute__((format(printf, 4, 5))) static void report_at(struct ctx *c, int line, int col,
                                                             const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vreport(c, line, col, fmt, ap);
    va_end(ap);
}

__attribute__((format(printf, 3, 4))) static void report(struct ctx *c, const struct node *n,
                                                          const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vreport(c, n->line, n->col, fmt, ap);
    va_end(ap);
}

static char *xstrdup(struct ctx *c, const char *s)
{
    char *d = strdup(s);
    if (!d)
        c->oom = 1;
    return d;
}

static void *xcalloc(struct ctx *c, size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size);
    if (!p)
        c->oom = 1;
    return p;
}

static void id_add(struct ctx *c, enum ns ns, const char *id, const struct node *where)
{
    if (grow(c, (void **)&c->ids, &c->cap_ids, c->n_ids, sizeof *c->ids) != 0)
        return;
    c->ids[c->n_ids++] = (struct idref){ns, id, where->line, where->col};
}

/* ---- small text helpers ---------------------------------------------------------- */

static int is_blank(const char *s)
{
    while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
        s++;
    return *s == '\0';
}

static int is_null(const struct node *n)
{
    if (n->type != N_SCALAR || !n->plain)
        return 0;
    const char *s = n->s;
    return !*s || !strcmp(s, "~") || !strcmp(s, "null") || !strcmp(s, "Null") ||
           !strcmp(s, "NULL");
}

static int id_ok(const char *s)
{
    size_t n = 0;
    for (; s[n]; n++) {
        char ch = s[n];
        int alnum = (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9');
        if (!alnum && (n == 0 || (ch != '-' && ch != '_' && ch != '.')))
            return 0;
    }
    return n >= 1 && n <= 64;
}

struct clip {
    char s[CLIP + 8];
};

/* 'value' quoted for a message: up to the first line break and CLIP bytes. */
static const char *clip(struct clip *b, const char *v)
{
    size_t n = strcspn(v, "\r\n");
    int cut = v[n] != '\0';
    if (n > CLIP) {
        n = CLIP;
        while (n > 0 && ((unsigned char)v[n] & 0xC0) == 0x80)
            n--;
        cut = 1;
    }
    snprintf(b->s, sizeof b->s, "'%.*s%s'", (int)n, v, cut ? "..." : "");
    return b->s;
}

/* What a node is, for "got ..." in messages. */
static const char *got(struct clip *b, const struct node *n)
{
    switch (n->type) {
    case N_SEQ:
        return "a list";
    case N_MAP:
        return "a mapping";
    default:
        return is_null(n) ? "nothing" : clip(b, n->s);
    }
}

static void join(char *buf, size_t size, const char *const *names, size_t n)
{
    size_t used = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < n && used < size; i++) {
        int w = snprintf(buf + used, size - used, "%s%s", i ? ", " : "", names[i]);
        if (w < 0)
            break;
        used += (size_t)w;
    }
    if (used >= size && size > 4)
        strcpy(buf + size - 4, "...");
}

static int parse_long(const char *s, long *out)
{
    int neg = *s == '-';
    if (*s == '-' || *s == '+')
        s++;
    long v = 0;
    size_t n = 0;
    for (; s[n] >= '0' && s[n] <= '9'; n++) {
        if (n >= 10)
            return 0;
        v = v * 10 + (s[n] - '0');
    }
    if (n == 0 || s[n])
        return 0;
    *out = neg ? -v : v;
    return 1;
}

/* ---- bytes: reading, UTF-8 ------------------------------------------------------- */

/* Line and column (1-based, columns in characters) of byte offset off. */
static void offset_pos(const unsigned char *s, size_t len, size_t off, int *line, int *col)
{
    *line = *col = 1;
    size_t i = len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0; /* BOM */
    for (; i < off && i < len; i++) {
        if (s[i] == '\n') {
            ++*line;
            *col = 1;
        } else if ((s[i] & 0xC0) != 0x80) {
            ++*col;
        }
    }
}

/* Length of the valid UTF-8 sequence at s[0..n), or 0 when it is not one. */
static size_t utf8_seq(const unsigned char *s, size_t n)
{
    if (s[0] < 0x80)
        return 1;
    size_t len = s[0] >= 0xF0 ? 4 : s[0] >= 0xE0 ? 3 : 2;
    if (s[0] < 0xC2 || s[0] > 0xF4 || n < len)
        return 0;
    for (size_t i = 1; i < len; i++)
        if ((s[i] & 0xC0) != 0x80)
            return 0;
    if ((s[0] == 0xE0 && s[1] < 0xA0) || (s[0] == 0xED && s[1] > 0x9F) ||
        (s[0] == 0xF0 && s[1] < 0x90) || (s[0] == 0xF4 && s[1] > 0x8F))
        return 0; /* overlong, surrogate or past U+10FFFF */
    return len;
}

static int check_utf8(struct ctx *c)
{
    for (size_t i = 0; i < c->len;) {
        size_t n = utf8_seq(c->buf + i, c->len - i);
        if (n == 0) {
            int line, col;
            offset_pos(c->buf, c->len, i, &line, &col);
            report_at(c, line, col, "not valid UTF-8 (byte 0x%02X); save the file as UTF-8",
                      c->buf[i]);
            return -1;
        }
        i += n;
    }
    return 0;
}

static int read_file(struct ctx *c, unsigned char **out)
{
    FILE *fp = fopen(c->path, "rb");
    if (!fp) {
        report_at(c, 1, 1, "cannot read file: %s", strerror(errno));
        return -1;
    }
    struct stat st;
    int rc = -1;
    unsigned char *buf = NULL;
    if (fstat(fileno(fp), &st) != 0 || !S_ISREG(st.st_mode)) {
        report_at(c, 1, 1, "cannot read file: not a regular file");
    } else if (st.st_size > (off_t)CONTENT_MAX_BYTES) {
        report_at(c, 1, 1, "file is too large (%lld bytes; the limit is %u MiB)",
                  (long long)st.st_size, CONTENT_MAX_BYTES >> 20);
    } else if (!(buf = malloc((size_t)st.st_size + 1))) {
        c->oom = 1;
    } else {
        c->len = fread(buf, 1, (size_t)st.st_size, fp);
        if (ferror(fp))
            report_at(c, 1, 1, "cannot read file: %s", strerror(errno));
        else
            rc = 0;
    }
    fclose(fp);
    if (rc != 0) {
        free(buf);
        return rc;
    }
    buf[c->len] = '\0';
    *out = buf;
    return 0;
}

/* ---- YAML events to a tree ------------------------------------------------------- */

struct builder {
    struct node *root, *cur;
    int depth, docs;
};

static struct node *node_new(struct ctx *c, enum node_type t, const yaml_event_t *ev)
{
    if (++c->n_nodes > MAX_NODES) {
        report_at(c, (int)ev->start_mark.line + 1, (int)ev->start_mark.column + 1,
                  "too many YAML nodes (more than %d); split the file", MAX_NODES);
        return NULL;
    }
    struct node *n = arena_alloc(c, sizeof *n);
    if (!n)
        return NULL;
    memset(n, 0, sizeof *n);
    n->type = t;
    n->line = (int)ev->start_mark.line + 1;
    n->col = (int)ev->start_mark.column + 1;
    return n;
}

static int scalar_fill(struct ctx *c, struct node *n, const yaml_event_t *ev)
{
    size_t len = ev->data.scalar.length;
    n->s = arena_alloc(c, len + 1);
    if (!n->s)
        return -1;
    memcpy(n->s, ev->data.scalar.value, len);
    n->s[len] = '\0';
    n->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
    if (memchr(n->s, '\0', len)) {
        report(c, n, "strings must not contain NUL characters");
        n->type = N_BAD;
    }
    return 0;
}

/* Add the node an event starts; descend into collections. */
static int tree_add(struct ctx *c, struct builder *b, const yaml_event_t *ev)
{
    enum node_type t = ev->type == YAML_SCALAR_EVENT           ? N_SCALAR
                       : ev->type == YAML_SEQUENCE_START_EVENT ? N_SEQ
                       : ev->type == YAML_MAPPING_START_EVENT  ? N_MAP
                                                               : N_BAD;
    struct node *n = node_new(c, t, ev);
    if (!n)
        return -1;
    if (t == N_SCALAR && scalar_fill(c, n, ev) != 0)
        return -1;
    if (ev->type == YAML_ALIAS_EVENT)
        report(c, n, "aliases are not allowed (*%.40s); write the value out in full",
               (const char *)ev->data.alias.anchor);
    n->parent = b->cur;
    if (!b->cur)
        b->root = n;
    else if (b->cur->tail)
        b->cur->tail = b->cur->tail->next = n;
    else
        b->cur->head = b->cur->tail = n;
    if (b->cur)
        b->cur->n++;
    if (t == N_SEQ || t == N_MAP) {
        if (++b->depth > MAX_DEPTH) {
            report(c, n, "nesting is deeper than %d levels", MAX_DEPTH);
            return -1;
        }
        b->cur = n;
    }
    return 0;
}

/* Returns 1 to go on, 0 at the end of the first document, -1 on failure. */
static int tree_event(struct ctx *c, struct builder *b, const yaml_event_t *ev)
{
    switch (ev->type) {
    case YAML_DOCUMENT_START_EVENT:
        if (b->docs++ == 0)
            return 1;
        report_at(c, (int)ev->start_mark.line + 1, (int)ev->start_mark.column + 1,
                  "more than one YAML document; a content file holds exactly one "
                  "(remove the extra '---')");
        return 0;
    case YAML_STREAM_END_EVENT:
        return 0;
    case YAML_SEQUENCE_END_EVENT:
    case YAML_MAPPING_END_EVENT:
        b->cur = b->cur->parent;
        b->depth--;
        return 1;
    case YAML_SCALAR_EVENT:
    case YAML_ALIAS_EVENT:
    case YAML_SEQUENCE_START_EVENT:
    case YAML_MAPPING_START_EVENT:
        return tree_add(c, b, ev) == 0 ? 1 : -1;
    default:
        return 1;
    }
}

static void syntax_error(struct ctx *c, const yaml_parser_t *p)
{
    if (p->error == YAML_MEMORY_ERROR) {
        c->oom = 1;
        return;
    }
    int line = (int)p->problem_mark.line + 1, col = (int)p->problem_mark.column + 1;
    if (p->error == YAML_READER_ERROR)
        offset_pos(c->buf, c->len, p->problem_offset, &line, &col);
    const char *problem = p->problem ? p->problem : "unknown problem";
    if (p->context)
        report_at(c, line, col, "YAML syntax error: %s (%s that started at line %d)", problem,
                  p->context, (int)p->context_mark.line + 1);
    else
        report_at(c, line, col, "YAML syntax error: %s", problem);
}

/* Build the tree of the file's one document; *root is NULL for an empty stream. */
static int tree_load(struct ctx *c, struct node **root)
{
    yaml_parser_t p;
    if (!yaml_parser_initialize(&p)) {
        c->oom = 1;
        return -1;
    }
    /* No yaml_parser_set_encoding(): detection is what skips a byte order mark, and
     * check_utf8() has already refused anything that is not UTF-8. */
    yaml_parser_set_input_string(&p, c->buf, c->len);
    struct builder b = {NULL, NULL, 0, 0};
    int rc = 1;
    while (rc == 1) {
        yaml_event_t ev;
        if (!yaml_parser_parse(&p, &ev)) {
            syntax_error(c, &p);
            rc = -1;
            break;
        }
        rc = tree_event(c, &b, &ev);
        yaml_event_delete(&ev);
    }
    yaml_parser_delete(&p);
    *root = b.root;
    return rc;
}

/* ---- schema: tables of fields ---------------------------------------------------- */

enum ftype {
    F_TEXT,     /* char *, non-blank */
    F_ID,       /* char *, id syntax */
    F_IDS,      /* char ** + size_t, list of ids */
    F_TEXTS,    /* char ** + size_t, list of non-blank strings */
    F_EVIDENCE, /* char ** + size_t, list of evidence keys */
    F_POSINT,   /* int >= 1 */
    F_YEAR,     /* int 1900..2100 */
    F_MIN,      /* int >= 0 */
    F_SECTION,  /* char *, a section name */
    F_DIFF,     /* enum card_difficulty */
    F_DRILL,    /* char *, debugging | talk */
    F_NODE      /* handled by the caller */
};

struct field {
    const char *key;
    enum ftype type;
    int req;
    size_t off, off_n;
    const char *desc; /* F_NODE: what is expected, for messages */
};

#define FIELD(k, t, r, T, m) {k, t, r, offsetof(T, m), 0, NULL}
#define FLIST(k, t, r, T, m, n) {k, t, r, offsetof(T, m), offsetof(T, n), NULL}
#define FNODE(k, r, d) {k, F_NODE, r, 0, 0, d}
#define FIELDS(tbl) tbl, sizeof tbl / sizeof tbl[0]

/* A mapping matched against a table: key and value node of each field, or NULL. */
struct fieldset {
    const struct field *f;
    size_t n;
    const struct node *key[MAX_FIELDS], *val[MAX_FIELDS];
};

static const char *const diff_names[] = {"easy", "medium", "hard"};
static const char *const drill_names[] = {"debugging", "talk"};
static const char *const kind_names[] = {"deck", "reading", "checklist", "roadmap"};

static const char *field_expect(const struct field *f)
{
    switch (f->type) {
    case F_TEXT:
        return "a string";
    case F_ID:
        return "an id";
    case F_IDS:
        return "a list of ids";
    case F_TEXTS:
        return "a list of strings";
    case F_EVIDENCE:
        return "a list of evidence keys";
    case F_POSINT:
        return "a positive integer";
    case F_YEAR:
        return "a year between 1900 and 2100";
    case F_MIN:
        return "an integer >= 0";
    case F_SECTION:
        return "a section";
    case F_DIFF:
        return "one of easy, medium, hard";
    case F_DRILL:
        return "one of debugging, talk";
    case F_NODE:
        break;
    }
    return f->desc;
}

static void fs_init(struct fieldset *fs, const struct field *f, size_t n)
{
    memset(fs, 0, sizeof *fs);
    fs->f = f;
    fs->n = n < MAX_FIELDS ? n : MAX_FIELDS;
}

static size_t fs_find(const struct fieldset *fs, const char *key)
{
    size_t i = 0;
    while (i < fs->n && strcmp(fs->f[i].key, key) != 0)
        i++;
    return i;
}

/* The value of a field that is present and not empty, else NULL. */
static const struct node *fs_get(const struct fieldset *fs, const char *key)
{
    size_t i = fs_find(fs, key);
    return i < fs->n ? fs->val[i] : NULL;
}

static const struct node *fs_key(const struct fieldset *fs, const char *key)
{
    size_t i = fs_find(fs, key);
    return i < fs->n ? fs->key[i] : NULL;
}

static void unknown_key(struct ctx *c, const struct node *k, const char *what,
                        const struct fieldset *fs)
{
    const char *names[MAX_FIELDS];
    for (size_t i = 0; i < fs->n; i++)
        names[i] = fs->f[i].key;
    char list[256];
    join(list, sizeof list, names, fs->n);
    struct clip b;
    report(c, k, "unknown key %s in %s (allowed: %s)", clip(&b, k->s), what, list);
}

/* Match the keys of a mapping to the table: unknown, duplicate and non-string keys. */
static void fields_scan(struct ctx *c, const struct node *map, const char *what,
                        struct fieldset *fs)
{
    for (const struct node *k = map->head; k && k->next; k = k->next->next) {
        struct clip b;
        if (k->type != N_SCALAR) {
            if (k->type != N_BAD)
                report(c, k, "mapping keys must be strings, got %s", got(&b, k));
            continue;
        }
        size_t i = fs_find(fs, k->s);
        if (i == fs->n)
            unknown_key(c, k, what, fs);
        else if (fs->key[i])
            report(c, k, "duplicate key '%s' (first at line %d)", k->s, fs->key[i]->line);
        else {
            fs->key[i] = k;
            fs->val[i] = k->next;
        }
    }
}

/* The text of a scalar value, or NULL after reporting a wrong type or a blank. */
static const char *want_scalar(struct ctx *c, const struct node *k, const struct node *v,
                               const char *expect)
{
    struct clip b;
    if (v->type != N_SCALAR) {
        report(c, v, "expected %s for '%s', got %s", expect, k->s, got(&b, v));
        return NULL;
    }
    if (is_blank(v->s)) {
        report(c, k, "'%s' is empty (expected %s)", k->s, expect);
        return NULL;
    }
    return v->s;
}

static void *at(void *obj, size_t off)
{
    return (char *)obj + off;
}

/* One item of a list field; returns its copy or NULL (reported). */
static char *list_item(struct ctx *c, const struct field *f, const struct node *k,
                       const struct node *e, size_t i)
{
    static const char *const what[] = {[F_IDS] = "an id", [F_TEXTS] = "a string",
                                       [F_EVIDENCE] = "an evidence key"};
    struct clip b;
    if (e->type == N_BAD)
        return NULL;
    if (e->type != N_SCALAR) {
        report(c, e, "expected %s for item %zu of '%s', got %s", what[f->type], i + 1, k->s,
               got(&b, e));
        return NULL;
    }
    if (is_blank(e->s)) {
        report(c, e, "item %zu of '%s' is empty", i + 1, k->s);
        return NULL;
    }
    if (f->type == F_IDS && !id_ok(e->s)) {
        report(c, e, "invalid id %s in '%s' (%s)", clip(&b, e->s), k->s, ID_RULE);
        return NULL;
    }
    if (f->type == F_EVIDENCE) {
        static const char *const pre[] = {"retention:", "deck:", "drills:"};
        int ok = !strcmp(e->s, "papers-read") || !strcmp(e->s, "mocks") || !strcmp(e->s, "plan");
        for (size_t p = 0; p < 3 && !ok; p++)
            ok = !strncmp(e->s, pre[p], strlen(pre[p])) && id_ok(e->s + strlen(pre[p]));
        if (!ok) {
            report(c, e,
                   "invalid evidence %s (expected papers-read, mocks, plan, retention:TAG, "
                   "deck:DECK or drills:DECK, where TAG and DECK are ids)",
                   clip(&b, e->s));
            return NULL;
        }
    }
    return xstrdup(c, e->s);
}

static void store_list(struct ctx *c, const struct field *f, const struct node *k,
                       const struct node *v, void *obj)
{
    struct clip b;
    if (v->type != N_SEQ) {
        report(c, v, "expected %s for '%s', got %s", field_expect(f), k->s, got(&b, v));
        return;
    }
    if (v->n == 0)
        return;
    char **arr = xcalloc(c, v->n, sizeof *arr);
    if (!arr)
        return;
    *(char ***)at(obj, f->off) = arr;
    *(size_t *)at(obj, f->off_n) = v->n;
    size_t i = 0;
    for (const struct node *e = v->head; e; e = e->next, i++)
        arr[i] = list_item(c, f, k, e, i);
}

static void store_int(struct ctx *c, const struct field *f, const struct node *k,
                      const struct node *v, void *obj)
{
    long lo = f->type == F_MIN ? 0 : f->type == F_YEAR ? 1900 : 1;
    long hi = f->type == F_YEAR ? 2100 : INT_MAX;
    long val;
    struct clip b;
    if (!parse_long(v->s, &val) || val < lo || val > hi) {
        report(c, v, "expected %s for '%s', got %s", field_expect(f), k->s, clip(&b, v->s));
        return;
    }
    *(int *)at(obj, f->off) = (int)val;
}

/* A value from a fixed list of names; returns its index or -1 (reported). */
static int store_name(struct ctx *c, const struct node *k, const struct node *v,
                      const char *const *names, size_t n, const char *list)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(v->s, names[i]) == 0)
            return (int)i;
    struct clip b;
    report(c, v, "unknown %s %s (expected one of %s)", k->s, clip(&b, v->s), list);
    return -1;
}

static void convert(struct ctx *c, const struct field *f, const struct node *k,
                    const struct node *v, void *obj)
{
    if (f->type == F_IDS || f->type == F_TEXTS || f->type == F_EVIDENCE) {
        store_list(c, f, k, v, obj);
        return;
    }
    const char *s = f->type == F_NODE ? NULL : want_scalar(c, k, v, field_expect(f));
    struct clip b;
    int i;
    if (!s)
        return;
    switch (f->type) {
    case F_ID:
        if (!id_ok(s)) {
            report(c, v, "invalid id %s for '%s' (%s)", clip(&b, s), k->s, ID_RULE);
            return;
        }
        /* fall through */
    case F_TEXT:
        *(char **)at(obj, f->off) = xstrdup(c, s);
        return;
    case F_SECTION:
        if (store_name(c, k, v, section_names, SECTION_COUNT, section_list + 2) >= 0)
            *(char **)at(obj, f->off) = xstrdup(c, s);
        return;
    case F_DRILL:
        if (store_name(c, k, v, drill_names, 2, "debugging, talk") >= 0)
            *(char **)at(obj, f->off) = xstrdup(c, s);
        return;
    case F_DIFF:
        if ((i = store_name(c, k, v, diff_names, 3, "easy, medium, hard")) >= 0)
            *(enum card_difficulty *)at(obj, f->off) = (enum card_difficulty)(i + 1);
        return;
    default:
        store_int(c, f, k, v, obj);
        return;
    }
}

/*
 * Match a mapping against a table and store every field that is not F_NODE into obj.
 * Afterwards fs_get() gives each present, non-empty value (for the F_NODE fields).
 */
static void fields_parse(struct ctx *c, const struct node *map, const char *what,
                         struct fieldset *fs, void *obj)
{
    fields_scan(c, map, what, fs);
    for (size_t i = 0; i < fs->n; i++) {
        const struct field *f = &fs->f[i];
        const struct node *v = fs->val[i];
        if (!fs->key[i]) {
            if (f->req)
                report(c, map, "%s is missing required key '%s'", what, f->key);
            continue;
        }
        if (v->type == N_BAD || is_null(v)) {
            if (v->type != N_BAD && f->req)
                report(c, fs->key[i], "'%s' is empty (expected %s)", f->key, field_expect(f));
            fs->val[i] = NULL;
            continue;
        }
        convert(c, f, fs->key[i], v, obj);
    }
}

/* The value of an F_NODE field that must be a mapping, or NULL. */
static const struct node *want_map(struct ctx *c, const struct fieldset *fs, const char *key)
{
    const struct node *v = fs_get(fs, key);
    struct clip b;
    if (v && v->type != N_MAP) {
        report(c, v, "expected a mapping for '%s', got %s", key, got(&b, v));
        return NULL;
    }
    return v;
}

typedef void item_fn(struct ctx *c, const struct node *map, void *item, size_t i, void *arg);

/*
 * A required list of mappings: a calloc'd array of *n items of size bytes, each filled
 * by fn (items that are not mappings are reported and left zeroed), or NULL.
 */
static void *parse_maps(struct ctx *c, const struct fieldset *fs, const char *key,
                        const char *what, size_t size, size_t *n, item_fn *fn, void *arg)
{
    const struct node *v = fs_get(fs, key);
    struct clip b;
    if (!v)
        return NULL;
    if (v->type != N_SEQ) {
        report(c, v, "expected %s for '%s', got %s", fs->f[fs_find(fs, key)].desc, key,
               got(&b, v));
        return NULL;
    }
    if (v->n == 0) {
        report(c, fs_key(fs, key), "'%s' is empty (expected at least one %s)", key, what);
        return NULL;
    }
    char *arr = xcalloc(c, v->n, size);
    if (!arr)
        return NULL;
    *n = v->n;
    size_t i = 0;
    for (const struct node *e = v->head; e; e = e->next, i++) {
        if (e->type == N_MAP)
            fn(c, e, arr + i * size, i, arg);
        else if (e->type != N_BAD)
            report(c, e, "expected a mapping for each %s in '%s', got %s", what, key,
                   got(&b, e));
    }
    return arr;
}

/* The first key node named key in a mapping, or NULL; its value is ->next. */
static const struct node *map_key(const struct node *map, const char *key)
{
    for (const struct node *k = map->head; k && k->next; k = k->next->next)
        if (k->type == N_SCALAR && strcmp(k->s, key) == 0)
            return k;
    return NULL;
}

static const struct node *map_get(const struct node *map, const char *key)
{
    const struct node *k = map_key(map, key);
    return k ? k->next : NULL;
}

/* ---- checks ---------------------------------------------------------------------- */

static const struct field check_all[] = {
    FNODE("number", 0, "a finite number"), FNODE("tolerance", 0, "a finite number >= 0"),
    FNODE("choice", 0, "a list of strings"), FNODE("answer", 0, "one of the options"),
    FNODE("exact", 0, "a string"),           FNODE("accept", 0, "a list of strings"),
};
static const struct field check_number[] = {
    FNODE("number", 1, "a finite number"),
    FNODE("tolerance", 0, "a finite number >= 0"),
};
static const struct field check_choice[] = {
    FLIST("choice", F_TEXTS, 1, struct content_check, options, n_options),
    FNODE("answer", 1, "one of the options"),
};
static const struct field check_exact[] = {
    FIELD("exact", F_TEXT, 1, struct content_check, exact),
    FLIST("accept", F_TEXTS, 0, struct content_check, accept, n_accept),
};

static void check_number_value(struct ctx *c, const struct fieldset *fs, const char *key,
                               int nonneg, double *out)
{
    const struct node *v = fs_get(fs, key);
    const char *expect = fs->f[fs_find(fs, key)].desc;
    if (!v)
        return;
    const char *s = want_scalar(c, fs_key(fs, key), v, expect);
    double d;
    struct clip b;
    if (!s)
        return;
    if (content_parse_decimal(s, strlen(s), &d) != 0 || (nonneg && d < 0))
        report(c, v, "expected %s for '%s', got %s", expect, key, clip(&b, s));
    else
        *out = d;
}

static void check_number_parse(struct ctx *c, const struct node *map, struct content_check *k)
{
    struct fieldset fs;
    fs_init(&fs, FIELDS(check_number));
    fields_parse(c, map, "number check", &fs, k);
    k->tolerance = 1e-9;
    check_number_value(c, &fs, "number", 0, &k->number);
    check_number_value(c, &fs, "tolerance", 1, &k->tolerance);
}

static void check_choice_options(struct ctx *c, const struct node *v, struct content_check *k)
{
    struct clip b;
    if (k->n_options < 2 || k->n_options > 8)
        report(c, v, "'choice' needs 2 to 8 options, got %zu", k->n_options);
    size_t i = 0;
    for (const struct node *e = v->head; e && i < k->n_options; e = e->next, i++)
        for (size_t j = 0; j < i && k->options[i]; j++)
            if (k->options[j] && content_answer_equal(k->options[i], k->options[j])) {
                report(c, e, "duplicate option %s in 'choice' (same as option %zu)",
                       clip(&b, k->options[i]), j + 1);
                break;
            }
}

static void check_choice_parse(struct ctx *c, const struct node *map, struct content_check *k)
{
    struct fieldset fs;
    fs_init(&fs, FIELDS(check_choice));
    fields_parse(c, map, "choice check", &fs, k);
    const struct node *v = fs_get(&fs, "choice"), *av = fs_get(&fs, "answer");
    if (v && v->type == N_SEQ)
        check_choice_options(c, v, k);
    const char *s = av ? want_scalar(c, fs_key(&fs, "answer"), av, "one of the options") : NULL;
    if (!s || !k->options)
        return;
    int complete = 1;
    for (size_t i = 0; i < k->n_options; i++) {
        complete &= k->options[i] != NULL;
        if (k->options[i] && strcmp(k->options[i], s) == 0) {
            k->answer = (int)i;
            return;
        }
    }
    struct clip b;
    if (complete)
        report(c, av, "answer %s is not one of the options in 'choice'", clip(&b, s));
}

static void check_parse(struct ctx *c, const struct node *map, struct content_check *k)
{
    static const char *const types[] = {"number", "choice", "exact"};
    const char *found[3];
    size_t nf = 0;
    for (size_t i = 0; i < 3; i++)
        if (map_get(map, types[i])) {
            found[nf++] = types[i];
            k->type = (enum check_type)(CHECK_NUMBER + i);
        }
    if (nf != 1) {
        struct fieldset fs;
        fs_init(&fs, FIELDS(check_all));
        fields_scan(c, map, "check", &fs);
        k->type = CHECK_NONE;
        char list[64] = "none";
        if (nf == 2)
            snprintf(list, sizeof list, "'%s' and '%s'", found[0], found[1]);
        else if (nf == 3)
            snprintf(list, sizeof list, "'number', 'choice' and 'exact'");
        report(c, map, "check needs exactly one of 'number', 'choice' or 'exact' (found %s)",
               list);
        return;
    }
    if (k->type == CHECK_NUMBER)
        check_number_parse(c, map, k);
    else if (k->type == CHECK_CHOICE)
        check_choice_parse(c, map, k);
    else {
        struct fieldset fs;
        fs_init(&fs, FIELDS(check_exact));
        fields_parse(c, map, "exact check", &fs, k);
    }
}

/* ---- decks and reading lists ----------------------------------------------------- */

static const struct field deck_fields[] = {
    FNODE("kind", 0, "a kind"),
    FIELD("id", F_ID, 1, struct content_deck, id),
    FIELD("title", F_TEXT, 1, struct content_deck, title),
    FIELD("section", F_SECTION, 1, struct content_deck, section),
    FIELD("topic", F_ID, 1, struct content_deck, topic),
    FLIST("tags", F_IDS, 0, struct content_deck, tags, n_tags),
    FIELD("drill", F_DRILL, 0, struct content_deck, drill),
    FNODE("cards", 1, "a list of cards"),
};
static const struct field card_fields[] = {
    FIELD("id", F_ID, 1, struct content_card, id),
    FIELD("q", F_TEXT, 1, struct content_card, q),
    FIELD("a", F_TEXT, 1, struct content_card, a),
    FIELD("code", F_TEXT, 0, struct content_card, code),
    FIELD("difficulty", F_DIFF, 0, struct content_card, difficulty),
    FLIST("tags", F_IDS, 0, struct content_card, tags, n_tags),
    FIELD("seconds", F_POSINT, 0, struct content_card, seconds),
    FNODE("check", 0, "a mapping"),
};
static const struct field drill_card_fields[] = {
    FIELD("id", F_ID, 1, struct content_card, id),
    FIELD("q", F_TEXT, 0, struct content_card, q),
    FIELD("a", F_TEXT, 0, struct content_card, a),
    FIELD("code", F_TEXT, 1, struct content_card, code),
    FIELD("bug", F_TEXT, 1, struct content_card, bug),
    FIELD("symptom", F_TEXT, 1, struct content_card, symptom),
    FIELD("fix", F_TEXT, 1, struct content_card, fix),
    FIELD("difficulty", F_DIFF, 0, struct content_card, difficulty),
    FLIST("tags", F_IDS, 0, struct content_card, tags, n_tags),
    FIELD("seconds", F_POSINT, 0, struct content_card, seconds),
    FNODE("check", 0, "a mapping"),
};
static const struct field question_fields[] = {
    FIELD("id", F_ID, 1, struct content_card, id),
    FIELD("q", F_TEXT, 1, struct content_card, q),
    FIELD("a", F_TEXT, 1, struct content_card, a),
    FIELD("difficulty", F_DIFF, 0, struct content_card, difficulty),
    FNODE("check", 0, "a mapping"),
};

static void card_parse(struct ctx *c, const struct node *map, struct content_card *card,
                       struct fieldset *fs, const char *what)
{
    card->line = map->line;
    card->col = map->col;
    card->difficulty = DIFF_MEDIUM;
    fields_parse(c, map, what, fs, card);
    if (card->id)
        id_add(c, NS_CARD, card->id, map);
    const struct node *chk = want_map(c, fs, "check");
    if (chk)
        check_parse(c, chk, &card->check);
}

static void on_card(struct ctx *c, const struct node *map, void *item, size_t i, void *arg)
{
    const struct content_deck *deck = arg;
    struct content_card *card = item;
    struct fieldset fs;
    (void)i;
    if (deck->drill && strcmp(deck->drill, "debugging") == 0) {
        fs_init(&fs, FIELDS(drill_card_fields));
        card_parse(c, map, card, &fs, "debugging drill card");
        if (!card->q)
            card->q = xstrdup(c, DEBUG_Q);
    } else {
        fs_init(&fs, FIELDS(card_fields));
        card_parse(c, map, card, &fs, "card");
    }
}

static void deck_parse(struct ctx *c, const struct node *root, struct content_file *f)
{
    struct content_deck *d = &f->u.deck;
    struct fieldset fs;
    fs_init(&fs, FIELDS(deck_fields));
    fields_parse(c, root, "deck", &fs, d);
    if (d->id) {
        f->id_line = fs_get(&fs, "id")->line;
        f->id_col = fs_get(&fs, "id")->col;
    }
    d->cards = parse_maps(c, &fs, "cards", "card", sizeof *d->cards, &d->n_cards, on_card, d);
}

static const struct field reading_fields[] = {
    FNODE("kind", 0, "a kind"),
    FNODE("papers", 1, "a list of papers"),
};
static const struct field paper_fields[] = {
    FIELD("id", F_ID, 1, struct content_paper, id),
    FIELD("title", F_TEXT, 1, struct content_paper, title),
    FIELD("authors", F_TEXT, 1, struct content_paper, authors),
    FIELD("year", F_YEAR, 1, struct content_paper, year),
    FIELD("venue", F_TEXT, 1, struct content_paper, venue),
    FIELD("arxiv", F_TEXT, 0, struct content_paper, arxiv),
    FIELD("topic", F_ID, 1, struct content_paper, topic),
    FIELD("why", F_TEXT, 1, struct content_paper, why),
    FNODE("questions", 1, "a list of questions"),
};

static void on_question(struct ctx *c, const struct node *map, void *item, size_t i, void *arg)
{
    struct fieldset fs;
    (void)i;
    (void)arg;
    fs_init(&fs, FIELDS(question_fields));
    card_parse(c, map, item, &fs, "question");
}

static void on_paper(struct ctx *c, const struct node *map, void *item, size_t i, void *arg)
{
    struct content_paper *p = item;
    struct fieldset fs;
    (void)i;
    (void)arg;
    p->line = map->line;
    p->col = map->col;
    fs_init(&fs, FIELDS(paper_fields));
    fields_parse(c, map, "paper", &fs, p);
    if (p->id)
        id_add(c, NS_PAPER, p->id, map);
    p->questions = parse_maps(c, &fs, "questions", "question", sizeof *p->questions,
                              &p->n_questions, on_question, NULL);
}

static void reading_parse(struct ctx *c, const struct node *root, struct content_file *f)
{
    struct fieldset fs;
    fs_init(&fs, FIELDS(reading_fields));
    fields_parse(c, root, "reading list", &fs, NULL);
    f->u.reading.papers = parse_maps(c, &fs, "papers", "paper", sizeof *f->u.reading.papers,
                                     &f->u.reading.n_papers, on_paper, NULL);
}

/* ---- checklists ------------------------------------------------------------------ */

static const struct field checklist_fields[] = {
    FNODE("kind", 0, "a kind"),
    FIELD("id", F_ID, 1, struct content_checklist, id),
    FIELD("title", F_TEXT, 1, struct content_checklist, title),
    FNODE("categories", 1, "a list of categories"),
    FNODE("bands", 1, "a list of bands"),
    FNODE("quick", 0, "a mapping"),
};
static const struct field category_fields[] = {
    FIELD("id", F_ID, 1, struct content_category, id),
    FIELD("title", F_TEXT, 1, struct content_category, title),
    FNODE("items", 1, "a list of items"),
};
static const struct field item_fields[] = {
    FIELD("id", F_ID, 1, struct content_item, id),
    FIELD("text", F_TEXT, 1, struct content_item, text),
    FIELD("points", F_POSINT, 1, struct content_item, points),
    FLIST("evidence", F_EVIDENCE, 0, struct content_item, evidence, n_evidence),
};
static const struct field band_fields[] = {
    FIELD("min", F_MIN, 1, struct content_band, min),
    FIELD("label", F_TEXT, 1, struct content_band, label),
    FIELD("advice", F_TEXT, 0, struct content_band, advice),
};
static const struct field quick_fields[] = {
    FIELD("title", F_TEXT, 1, struct content_checklist, quick_title),
    FNODE("items", 1, "a list of quick items"),
};
static const struct field quick_item_fields[] = {
    FIELD("id", F_ID, 1, struct content_item, id),
    FIELD("category", F_ID, 1, struct content_item, category),
    FIELD("text", F_TEXT, 1, struct content_item, text),
};

static void on_item(struct ctx *c, const struct node *map, void *it, size_t i, void *arg)
{
    struct content_item *item = it;
    long long *total = arg;
    struct fieldset fs;
    (void)i;
    item->line = map->line;
    item->col = map->col;
    fs_init(&fs, FIELDS(item_fields));
    fields_parse(c, map, "item", &fs, item);
    if (item->id)
        id_add(c, NS_ITEM, item->id, map);
    *total += item->points;
}

static void on_category(struct ctx *c, const struct node *map, void *it, size_t i, void *arg)
{
    struct content_category *cat = it;
    struct fieldset fs;
    (void)i;
    fs_init(&fs, FIELDS(category_fields));
    fields_parse(c, map, "category", &fs, cat);
    if (cat->id)
        id_add(c, NS_CATEGORY, cat->id, map);
    cat->items = parse_maps(c, &fs, "items", "item", sizeof *cat->items, &cat->n_items, on_item, arg);
}

static void on_band(struct ctx *c, const struct node *map, void *it, size_t i, void *arg)
{
    struct content_band *b = it;
    struct fieldset fs;
    (void)i;
    (void)arg;
    b->min = -1; /* stays -1 unless min is valid */
    fs_init(&fs, FIELDS(band_fields));
    fields_parse(c, map, "band", &fs, b);
}

static void on_quick_item(struct ctx *c, const struct node *map, void *it, size_t i, void *arg)
{
    const struct content_checklist *cl = arg;
    struct content_item *item = it;
    struct fieldset fs;
    (void)i;
    item->line = map->line;
    item->col = map->col;
    fs_init(&fs, FIELDS(quick_item_fields));
    fields_parse(c, map, "quick item", &fs, item);
    if (item->id)
        id_add(c, NS_ITEM, item->id, map);
    if (!item->category || !cl->n_categories)
        return;
    const char *ids[64];
    size_t n = 0;
    for (size_t k = 0; k < cl->n_categories; k++) {
        if (cl->categories[k].id && strcmp(cl->categories[k].id, item->category) == 0)
            return;
        if (cl->categories[k].id && n < 64)
            ids[n++] = cl->categories[k].id;
    }
    char list[256];
    struct clip b;
    join(list, sizeof list, ids, n);
    report(c, fs_get(&fs, "category"), "unknown category %s (expected one of %s)",
           clip(&b, item->category), list);
}

static int band_cmp(const void *a, const void *b)
{
    int x = ((const struct content_band *)a)->min, y = ((const struct content_band *)b)->min;
    return (x < y) - (x > y);
}

/* Band minimums: distinct, the lowest 0, the highest reachable.  total < 0: unknown. */
static void bands_check(struct ctx *c, const struct node *v, struct content_checklist *cl,
                        long long total)
{
    const struct node *mins[64] = {NULL}, *lo = NULL, *hi = NULL;
    int all = 1, lo_v = 0, hi_v = 0;
    size_t i = 0;
    for (const struct node *e = v->head; e && i < cl->n_bands; e = e->next, i++) {
        int m = cl->bands[i].min;
        if (m < 0 || i >= 64 || !(mins[i] = map_get(e, "min"))) {
            all = 0;
            continue;
        }
        for (size_t j = 0; j < i; j++)
            if (mins[j] && cl->bands[j].min == m) {
                report(c, mins[i], "duplicate band min %d (first at line %d)", m, mins[j]->line);
                break;
            }
        if (!lo || m < lo_v)
            lo = mins[i], lo_v = m;
        if (!hi || m > hi_v)
            hi = mins[i], hi_v = m;
    }
    if (all && lo && lo_v != 0)
        report(c, lo, "the lowest band must have min 0 so that every score has a band "
                      "(lowest min is %d)", lo_v);
    if (all && hi && total >= 0 && hi_v > total)
        report(c, hi, "band min %d is above the checklist's total of %lld points", hi_v, total);
    if (cl->n_bands > 1)
        qsort(cl->bands, cl->n_bands, sizeof *cl->bands, band_cmp);
}

static void checklist_parse(struct ctx *c, const struct node *root, struct content_file *f)
{
    struct content_checklist *cl = &f->u.checklist;
    struct fieldset fs;
    fs_init(&fs, FIELDS(checklist_fields));
    fields_parse(c, root, "checklist", &fs, cl);
    if (cl->id) {
        f->id_line = fs_get(&fs, "id")->line;
        f->id_col = fs_get(&fs, "id")->col;
    }
    long long total = 0;
    size_t before = c->n_msgs;
    cl->categories = parse_maps(c, &fs, "categories", "category", sizeof *cl->categories,
                                &cl->n_categories, on_category, &total);
    if (c->n_msgs != before || !cl->categories)
        total = -1; /* some points unknown: do not judge the bands against it */
    cl->bands = parse_maps(c, &fs, "bands", "band", sizeof *cl->bands, &cl->n_bands, on_band, NULL);
    if (cl->bands)
        bands_check(c, fs_get(&fs, "bands"), cl, total);
    const struct node *q = want_map(c, &fs, "quick");
    if (!q)
        return;
    struct fieldset qfs;
    fs_init(&qfs, FIELDS(quick_fields));
    fields_parse(c, q, "quick", &qfs, cl);
    cl->quick = parse_maps(c, &qfs, "items", "quick item", sizeof *cl->quick, &cl->n_quick,
                           on_quick_item, cl);
}

/* ---- roadmaps -------------------------------------------------------------------- */

static const struct field roadmap_fields[] = {
    FNODE("kind", 0, "a kind"),
    FIELD("track", F_ID, 1, struct content_roadmap, track),
    FIELD("title", F_TEXT, 1, struct content_roadmap, title),
    FNODE("weeks", 1, "a list of weeks"),
};
static const struct field week_fields[] = {
    FIELD("week", F_POSINT, 1, struct content_week, week),
    FIELD("theme", F_TEXT, 1, struct content_week, theme),
    FNODE("focus", 0, "a mapping"),
    FNODE("milestones", 1, "a list of milestones"),
};
static const struct field focus_fields[] = {
    FLIST("decks", F_IDS, 0, struct content_week, focus_decks, n_focus_decks),
    FLIST("tags", F_IDS, 0, struct content_week, focus_tags, n_focus_tags),
};
static const struct field milestone_fields[] = {
    FIELD("id", F_ID, 1, struct content_milestone, id),
    FIELD("text", F_TEXT, 1, struct content_milestone, text),
};

static void on_milestone(struct ctx *c, const struct node *map, void *it, size_t i, void *arg)
{
    struct content_milestone *m = it;
    struct fieldset fs;
    (void)i;
    (void)arg;
    m->line = map->line;
    m->col = map->col;
    fs_init(&fs, FIELDS(milestone_fields));
    fields_parse(c, map, "milestone", &fs, m);
    if (m->id)
        id_add(c, NS_MILESTONE, m->id, map);
}

static void on_week(struct ctx *c, const struct node *map, void *it, size_t i, void *arg)
{
    struct content_week *w = it;
    int *misnumbered = arg;
    struct fieldset fs;
    fs_init(&fs, FIELDS(week_fields));
    fields_parse(c, map, "week", &fs, w);
    if (w->week > 0 && (size_t)w->week != i + 1 && !*misnumbered) {
        report(c, fs_get(&fs, "week"),
               "expected week %zu here (weeks are numbered 1..N in order), got %d", i + 1,
               w->week);
        *misnumbered = 1; /* one message, not one per following week */
    }
    const struct node *focus = want_map(c, &fs, "focus");
    if (focus) {
        struct fieldset ffs;
        fs_init(&ffs, FIELDS(focus_fields));
        fields_parse(c, focus, "focus", &ffs, w);
    }
    w->milestones = parse_maps(c, &fs, "milestones", "milestone", sizeof *w->milestones,
                               &w->n_milestones, on_milestone, NULL);
}

static void roadmap_parse(struct ctx *c, const struct node *root, struct content_file *f)
{
    struct content_roadmap *r = &f->u.roadmap;
    struct fieldset fs;
    int misnumbered = 0;
    fs_init(&fs, FIELDS(roadmap_fields));
    fields_parse(c, root, "roadmap", &fs, r);
    if (r->track) {
        f->id_line = fs_get(&fs, "track")->line;
        f->id_col = fs_get(&fs, "track")->col;
    }
    r->weeks = parse_maps(c, &fs, "weeks", "week", sizeof *r->weeks, &r->n_weeks, on_week,
                          &misnumbered);
}

/* ---- the file -------------------------------------------------------------------- */

static void top_parse(struct ctx *c, const struct node *root, struct content_file *f)
{
    struct clip b;
    if (!root || is_null(root)) {
        report_at(c, root ? root->line : 1, root ? root->col : 1,
                  "file is empty (expected a mapping starting with 'kind:')");
        return;
    }
    if (root->type == N_BAD)
        return;
    if (root->type != N_MAP) {
        report(c, root, "the top level must be a mapping starting with 'kind:', got %s",
               got(&b, root));
        return;
    }
    const struct node *kkey = map_key(root, "kind"), *kind = kkey ? kkey->next : NULL;
    if (!kind) {
        report(c, root, "file is missing required key 'kind' "
                        "(expected one of deck, reading, checklist, roadmap)");
        return;
    }
    if (kind->type == N_BAD)
        return;
    if (is_null(kind)) {
        report(c, kkey, "'kind' is empty (expected one of deck, reading, checklist, roadmap)");
        return;
    }
    int k = -1;
    for (int i = 0; i < 4 && kind->type == N_SCALAR; i++)
        if (strcmp(kind->s, kind_names[i]) == 0)
            k = i;
    if (kind->type != N_SCALAR) {
        report(c, kind, "expected one of deck, reading, checklist, roadmap for 'kind', got %s",
               got(&b, kind));
        return;
    }
    if (k < 0) {
        report(c, kind, "unknown kind %s (expected one of deck, reading, checklist, roadmap)",
               got(&b, kind));
        return;
    }
    f->kind = (enum content_kind)k;
    static void (*const parse[])(struct ctx *, const struct node *, struct content_file *) = {
        deck_parse, reading_parse, checklist_parse, roadmap_parse};
    parse[k](c, root, f);
}

static int idref_cmp(const void *a, const void *b)
{
    const struct idref *x = a, *y = b;
    if (x->ns != y->ns)
        return x->ns < y->ns ? -1 : 1;
    int d = strcmp(x->id, y->id);
    if (d)
        return d;
    return x->line != y->line ? (x->line < y->line ? -1 : 1) : (x->col > y->col) - (x->col < y->col);
}

/* Ids used twice in the file, reported at the later use. */
static void dup_ids(struct ctx *c)
{
    if (c->n_ids > 1)
        qsort(c->ids, c->n_ids, sizeof *c->ids, idref_cmp);
    for (size_t i = 1, first = 0; i < c->n_ids; i++) {
        const struct idref *r = &c->ids[i], *f = &c->ids[first];
        if (r->ns != f->ns || strcmp(r->id, f->id) != 0) {
            first = i;
            continue;
        }
        struct clip b;
        report_at(c, r->line, r->col, "duplicate %s %s (first defined at line %d)",
                  ns_names[r->ns], clip(&b, r->id), f->line);
    }
}

static int msg_cmp(const void *a, const void *b)
{
    const struct msg *x = a, *y = b;
    if (x->line != y->line)
        return x->line < y->line ? -1 : 1;
    if (x->col != y->col)
        return x->col < y->col ? -1 : 1;
    return (x->seq > y->seq) - (x->seq < y->seq);
}

static void flush(struct ctx *c, struct content_diag *diag)
{
    if (c->n_msgs > 1)
        qsort(c->msgs, c->n_msgs, sizeof *c->msgs, msg_cmp);
    size_t n = c->n_msgs < CONTENT_MAX_MESSAGES ? c->n_msgs : CONTENT_MAX_MESSAGES;
    for (size_t i = 0; i < n; i++)
        content_diag_add(diag, c->path, c->msgs[i].line, c->msgs[i].col, "%s", c->msgs[i].text);
    if (n < c->n_msgs)
        content_diag_add(diag, c->path, c->msgs[n].line, c->msgs[n].col,
                         "%zu more problems in this file not shown", c->n_msgs - n);
    if (c->oom)
        content_diag_add(diag, c->path, 1, 1, "out of memory");
}

/* Bytes to tree to struct; 0 when the file had no problem. */
static int parse_into(struct ctx *c, struct content_file *f)
{
    unsigned char *buf = NULL;
    if (read_file(c, &buf) != 0)
        return -1;
    c->buf = buf;
    f->hash = content_hash(buf, c->len);
    struct node *root = NULL;
    if (check_utf8(c) == 0 && tree_load(c, &root) >= 0 && !c->oom)
        top_parse(c, root, f);
    dup_ids(c);
    free(buf);
    c->buf = NULL;
    return c->n_msgs || c->oom ? -1 : 0;
}

struct content_file *content_parse_file(const char *path, struct content_diag *diag)
{
    struct ctx c;
    memset(&c, 0, sizeof c);
    c.path = path;
    struct content_file *f = calloc(1, sizeof *f);
    if (f)
        f->path = strdup(path);
    if (!f || !f->path) {
        content_diag_add(diag, path, 1, 1, "out of memory");
        content_file_free(f);
        return NULL;
    }
    if (parse_into(&c, f) != 0) {
        flush(&c, diag);
        content_file_free(f);
        f = NULL;
    }
    ctx_free(&c);
    return f;
}

/* ---- freeing --------------------------------------------------------------------- */

static void strv_free(char **v, size_t n)
{
    for (size_t i = 0; v && i < n; i++)
        free(v[i]);
    free(v);
}

static void card_free(struct content_card *c)
{
    free(c->id);
    free(c->q);
    free(c->a);
    free(c->code);
    free(c->bug);
    free(c->symptom);
    free(c->fix);
    strv_free(c->tags, c->n_tags);
    strv_free(c->check.options, c->check.n_options);
    free(c->check.exact);
    strv_free(c->check.accept, c->check.n_accept);
}

static void cards_free(struct content_card *cards, size_t n)
{
    for (size_t i = 0; cards && i < n; i++)
        card_free(&cards[i]);
    free(cards);
}

static void items_free(struct content_item *items, size_t n)
{
    for (size_t i = 0; items && i < n; i++) {
        free(items[i].id);
        free(items[i].text);
        free(items[i].category);
        strv_free(items[i].evidence, items[i].n_evidence);
    }
    free(items);
}

static void deck_free(struct content_deck *d)
{
    free(d->id);
    free(d->title);
    free(d->section);
    free(d->topic);
    free(d->drill);
    strv_free(d->tags, d->n_tags);
    cards_free(d->cards, d->n_cards);
}

static void papers_free(struct content_paper *p, size_t n)
{
    for (size_t i = 0; p && i < n; i++) {
        free(p[i].id);
        free(p[i].title);
        free(p[i].authors);
        free(p[i].venue);
        free(p[i].arxiv);
        free(p[i].topic);
        free(p[i].why);
        cards_free(p[i].questions, p[i].n_questions);
    }
    free(p);
}

static void checklist_free(struct content_checklist *cl)
{
    free(cl->id);
    free(cl->title);
    for (size_t i = 0; cl->categories && i < cl->n_categories; i++) {
        free(cl->categories[i].id);
        free(cl->categories[i].title);
        items_free(cl->categories[i].items, cl->categories[i].n_items);
    }
    free(cl->categories);
    for (size_t i = 0; cl->bands && i < cl->n_bands; i++) {
        free(cl->bands[i].label);
        free(cl->bands[i].advice);
    }
    free(cl->bands);
    free(cl->quick_title);
    items_free(cl->quick, cl->n_quick);
}

static void roadmap_free(struct content_roadmap *r)
{
    free(r->track);
    free(r->title);
    for (size_t i = 0; r->weeks && i < r->n_weeks; i++) {
        struct content_week *w = &r->weeks[i];
        free(w->theme);
        strv_free(w->focus_decks, w->n_focus_decks);
        strv_free(w->focus_tags, w->n_focus_tags);
        for (size_t j = 0; w->milestones && j < w->n_milestones; j++) {
            free(w->milestones[j].id);
            free(w->milestones[j].text);
        }
        free(w->milestones);
    }
    free(r->weeks);
}

void content_file_free(struct content_file *f)
{
    if (!f)
        return;
    switch (f->kind) {
    case CONTENT_DECK:
        deck_free(&f->u.deck);
        break;
    case CONTENT_READING:
        papers_free(f->u.reading.papers, f->u.reading.n_papers);
        break;
    case CONTENT_CHECKLIST:
        checklist_free(&f->u.checklist);
        break;
    case CONTENT_ROADMAP:
        roadmap_free(&f->u.roadmap);
        break;
    }
    free(f->path);
    free(f);
}
