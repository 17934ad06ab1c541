/*
 * testutil.h - small helpers shared by the unit tests (header-only, static).
 * Include after <stdarg.h>, <stddef.h>, <setjmp.h> and <cmocka.h>.
 */
#ifndef LP_TESTUTIL_H
#define LP_TESTUTIL_H

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store.h"
#include "sync.h"

/* A fresh temporary directory; the path is written into buf. */
static inline void tu_tempdir(char *buf, size_t size)
{
    snprintf(buf, size, "/tmp/labprep-test-XXXXXX");
    assert_non_null(mkdtemp(buf));
}

/* The usual test layout: a fresh temporary directory `dir` holding an empty
 * content directory `content` (dir/content) and the database path `db`
 * (dir/labprep.db, not created yet). */
static inline void tu_layout(char *dir, size_t dir_size, char *content, size_t content_size,
                             char *db, size_t db_size)
{
    tu_tempdir(dir, dir_size);
    snprintf(content, content_size, "%s/content", dir);
    snprintf(db, db_size, "%s/labprep.db", dir);
    assert_int_equal(mkdir(content, 0700), 0);
}

/* Write text to dir/name (creating one level of subdirectory if name has a '/'). */
static inline void tu_write(const char *dir, const char *name, const char *text)
{
    char path[4096];
    const char *slash = strchr(name, '/');
    if (slash) {
        snprintf(path, sizeof path, "%s/%.*s", dir, (int)(slash - name), name);
        mkdir(path, 0700);
    }
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

/* How many entries of directory d have names starting with prefix. */
static inline int tu_count_prefix(const char *d, const char *prefix)
{
    DIR *dh = opendir(d);
    assert_non_null(dh);
    int n = 0;
    struct dirent *e;
    while ((e = readdir(dh)))
        n += strncmp(e->d_name, prefix, strlen(prefix)) == 0;
    closedir(dh);
    return n;
}

/* A file of tests/fixtures/fsrs/, NUL-terminated and malloc'd (caller frees); the
 * tests run from the repository root or from build/tests.  *len (may be NULL)
 * gets its length. */
static inline char *tu_fixture(const char *name, size_t *len)
{
    static const char *const dirs[] = {"tests/fixtures/fsrs/", "../../tests/fixtures/fsrs/"};
    for (size_t i = 0; i < 2; i++) {
        char path[512];
        snprintf(path, sizeof path, "%s%s", dirs[i], name);
        FILE *f = fopen(path, "rb");
        if (!f)
            continue;
        fseek(f, 0, SEEK_END);
        long n = ftell(f);
        fseek(f, 0, SEEK_SET);
        char *buf = malloc((size_t)n + 1);
        assert_non_null(buf);
        assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
        fclose(f);
        buf[n] = '\0';
        if (len)
            *len = (size_t)n;
        return buf;
    }
    fail_msg("fixture %s not found", name);
    return NULL;
}

static inline void tu_rmrf(const char *dir)
{
    char cmd[4200];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "warning: could not remove %s\n", dir);
}

/* Sync one content directory into st at time now; any content problem fails. */
static inline void tu_sync(struct store *st, const char *content, int64_t now)
{
    struct lp_err err = {0};
    const char *dirs[] = {content};
    struct content_diag diag;
    content_diag_init(&diag);
    assert_int_equal(sync_content(st, dirs, 1, 1, now, &diag, NULL, &err), LP_OK);
    for (size_t i = 0; i < diag.n; i++)
        print_error("unexpected: %s\n", diag.msgs[i]);
    assert_int_equal(diag.n, 0);
    content_diag_free(&diag);
}

/* First column of the first row of sql as an integer (-999 when no row). */
static inline long tu_qint(struct store *st, const char *sql)
{
    sqlite3_stmt *q;
    assert_int_equal(sqlite3_prepare_v2(store_db(st), sql, -1, &q, NULL), SQLITE_OK);
    long v = sqlite3_step(q) == SQLITE_ROW ? sqlite3_column_int64(q, 0) : -999;
    sqlite3_finalize(q);
    return v;
}

#endif
