/*
 * cmd_export.c - moving the record and the content in and out:
 *   labprep export revlog|cards [--json] [--out FILE]
 *   labprep import [--replace] FILE.yaml...
 *
 * Export writes to stdout, or whole-or-nothing to FILE (fileio.h).  Import
 * copies content files into the user's decks directory after checking them
 * together with everything else labprep loads, so an import can never bring in
 * a broken file or an id that clashes with another file; then it syncs.  A card's
 * identity is its id, so re-importing an edited deck (--replace) keeps history.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cmd.h"
#include "content.h"
#include "export.h"
#include "fileio.h"

#define EXPORT_USAGE "usage: labprep export revlog|cards [--json] [--out FILE]"
#define IMPORT_USAGE "usage: labprep import [--replace] FILE.yaml..."
#define IMPORT_MAX 64

/* ---- export ---- */

struct export_job {
    struct app *a;
    int cards;
    enum export_format fmt;
    long rows;
    struct lp_err err;
};

static int run_export(FILE *f, void *ctx)
{
    struct export_job *j = ctx;
    enum lp_code rc = j->cards ? export_cards(j->a->st, f, j->fmt, j->a->cfg.rollover_hour,
                                              &j->rows, &j->err)
                               : export_revlog(j->a->st, f, j->fmt, j->a->cfg.rollover_hour,
                                               &j->rows, &j->err);
    return rc == LP_OK ? 0 : -1;
}

int cmd_export(struct app *a, int argc, char **argv)
{
    struct export_job j = {.a = a, .fmt = EXPORT_TSV};
    const char *out = NULL;
    if (argc < 2 || (strcmp(argv[1], "revlog") && strcmp(argv[1], "cards")))
        return app_fail(a, "%s", EXPORT_USAGE) + 1;
    j.cards = !strcmp(argv[1], "cards");
    for (int i = 2; i < argc; i++) {
        if (!strcmp(argv[i], "--json"))
            j.fmt = EXPORT_JSON;
        else if (!strcmp(argv[i], "--out") && i + 1 < argc)
            out = argv[++i];
        else
            return app_fail(a, "%s", EXPORT_USAGE) + 1;
    }
    if (app_open_store(a) != 0)
        return 1;
    struct lp_err err = {0};
    int rc = 0;
    if (!out && run_export(stdout, &j) != 0)
        rc = app_fail(a, "export: %s", j.err.msg);
    else if (out && fileio_write_atomic(out, run_export, &j, &err) != LP_OK)
        rc = app_fail(a, "export: %s", j.err.code ? j.err.msg : err.msg);
    else if (out)
        printf("%ld %s written to %s\n", j.rows, j.cards ? "cards" : "reviews", out);
    app_close(a);
    return rc;
}

/* ---- import ---- */

struct import_file {
    const char *src;
    char dest[PATHS_MAX + 256];
    int same; /* dest already holds exactly these bytes */
};

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *buf = NULL;
    size_t cap = 0;
    *len = 0;
    for (;;) {
        if (*len == cap) {
            char *p = cap < CONTENT_MAX_BYTES + 1 ? realloc(buf, cap = cap ? 2 * cap : 65536) : NULL;
            if (!p)
                break;
            buf = p;
        }
        size_t k = fread(buf + *len, 1, cap - *len, f);
        *len += k;
        if (k == 0)
            break;
    }
    int bad = ferror(f) || *len > CONTENT_MAX_BYTES;
    fclose(f);
    if (bad) {
        free(buf);
        return NULL;
    }
    return buf ? buf : calloc(1, 1);
}

static int same_bytes(const char *a, const char *b)
{
    size_t la, lb;
    char *x = slurp(a, &la), *y = x ? slurp(b, &lb) : NULL;
    int same = x && y && la == lb && memcmp(x, y, la) == 0;
    free(x);
    free(y);
    return same;
}

/* Where src goes, and whether it may go there. */
static int plan_file(struct app *a, const char *src, int replace, struct import_file *f)
{
    struct stat sb;
    const char *base = strrchr(src, '/') ? strrchr(src, '/') + 1 : src;
    size_t n = strlen(base);
    f->src = src;
    f->same = 0;
    if (stat(src, &sb) != 0)
        return app_fail(a, "import: %s: %s", src, strerror(errno));
    if (!S_ISREG(sb.st_mode) || n < 6 || strcmp(base + n - 5, ".yaml") != 0)
        return app_fail(a, "import: %s: expected a content file whose name ends in .yaml", src);
    snprintf(f->dest, sizeof f->dest, "%s/%s", a->paths.user_decks, base);
    if (stat(f->dest, &sb) != 0)
        return 0;
    if ((f->same = same_bytes(src, f->dest)))
        return 0;
    if (!replace)
        return app_fail(a,
                        "import: %s already exists; add --replace to overwrite it (cards keep "
                        "their history: identity is the id)",
                        f->dest);
    return 0;
}

static int is_dest(const char *path, const struct import_file *fs, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!strcmp(path, fs[i].dest))
            return 1;
    return 0;
}

/* Check the files together with all other content, as the next sync will see it. */
static int check_all(struct app *a, const struct import_file *fs, size_t n)
{
    char **decks = NULL;
    size_t n_decks = 0, k = 0, problems = 0;
    struct lp_err err = {0};
    const char *ud = a->paths.user_decks;
    if (content_list_files(&ud, 1, 1, &decks, &n_decks, &err) != 0)
        return app_fail(a, "import: %s", err.msg);
    const char **dirs = malloc(sizeof *dirs * ((size_t)a->n_content_dirs + n_decks + n));
    if (!dirs) {
        content_paths_free(decks, n_decks);
        return app_fail(a, "import: out of memory");
    }
    for (int i = 0; i < a->n_content_dirs; i++)
        if (i != 1) /* the user decks directory: its files one by one, below */
            dirs[k++] = a->content_dirs[i];
    for (size_t i = 0; i < n_decks; i++)
        if (!is_dest(decks[i], fs, n))
            dirs[k++] = decks[i];
    for (size_t i = 0; i < n; i++)
        dirs[k++] = fs[i].src;
    struct content_diag diag;
    content_diag_init(&diag);
    problems = content_check(dirs, k, &diag);
    for (size_t i = 0; i < diag.n; i++)
        fprintf(stderr, "%s\n", diag.msgs[i]);
    content_diag_free(&diag);
    free(dirs);
    content_paths_free(decks, n_decks);
    if (problems)
        return app_fail(a, "import: %zu problem%s found; nothing imported", problems,
                        problems == 1 ? "" : "s");
    return 0;
}

struct bytes {
    const char *p;
    size_t n;
};

static int put_bytes(FILE *f, void *ctx)
{
    const struct bytes *b = ctx;
    return b->n && fwrite(b->p, 1, b->n, f) != b->n ? -1 : 0;
}

static int copy_file(struct app *a, const struct import_file *f)
{
    struct lp_err err = {0};
    struct bytes b;
    size_t n;
    char *buf = slurp(f->src, &n);
    if (!buf)
        return app_fail(a, "import: cannot read %s", f->src);
    b.p = buf;
    b.n = n;
    enum lp_code rc = fileio_write_atomic(f->dest, put_bytes, &b, &err);
    free(buf);
    return rc == LP_OK ? 0 : app_fail(a, "import: %s", err.msg);
}

static int parse_import(int argc, char **argv, int *replace, const char **files, size_t *n)
{
    *replace = 0;
    *n = 0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--replace"))
            *replace = 1;
        else if (argv[i][0] == '-' || *n == IMPORT_MAX)
            return -1;
        else
            files[(*n)++] = argv[i];
    }
    return *n ? 0 : -1;
}

int cmd_import(struct app *a, int argc, char **argv)
{
    const char *files[IMPORT_MAX];
    struct import_file fs[IMPORT_MAX];
    size_t n;
    int replace;
    if (parse_import(argc, argv, &replace, files, &n) != 0)
        return app_fail(a, "%s", IMPORT_USAGE) + 1;
    for (size_t i = 0; i < n; i++)
        if (plan_file(a, files[i], replace, &fs[i]) != 0)
            return 1;
    if (check_all(a, fs, n) != 0)
        return 1;
    if (fileio_mkdirs(a->paths.user_decks) != 0)
        return app_fail(a, "import: cannot make %s: %s", a->paths.user_decks, strerror(errno));
    for (size_t i = 0; i < n; i++) {
        if (fs[i].same)
            printf("%s: already in %s, unchanged\n", fs[i].src, fs[i].dest);
        else if (copy_file(a, &fs[i]) != 0)
            return 1;
        else
            printf("%s: imported as %s\n", fs[i].src, fs[i].dest);
    }
    /* Opening the store syncs the content: the new cards are there from now on. */
    if (app_open_store(a) != 0)
        return 1;
    printf("content synced: %zu card%s added, %zu updated\n", a->synced.cards_added,
           a->synced.cards_added == 1 ? "" : "s", a->synced.cards_updated);
    app_close(a);
    return 0;
}
