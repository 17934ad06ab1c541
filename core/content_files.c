/*
 * content_files.c - find the content files under a list of directories (content.h).
 *
 * A plain recursive walk with readdir and stat.  stat follows symbolic links, so a
 * linked directory of decks works; the chain of (device, inode) pairs from the root
 * down stops a link back to an ancestor from looping, and a depth limit stops
 * anything else.
 */
#include "content.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define MAX_DEPTH 32

struct walk {
    char **v;
    size_t n, cap;
    dev_t dev[MAX_DEPTH + 1];
    ino_t ino[MAX_DEPTH + 1];
    struct lp_err *err;
};

static int walk_add(struct walk *w, char *path)
{
    if (w->n == w->cap) {
        size_t cap = w->cap ? w->cap * 2 : 64;
        char **v = realloc(w->v, cap * sizeof *v);
        if (!v) {
            free(path);
            return err_set(w->err, LP_ENOMEM, NULL);
        }
        w->v = v;
        w->cap = cap;
    }
    w->v[w->n++] = path;
    return LP_OK;
}

static char *join_path(const char *dir, const char *name)
{
    size_t d = strlen(dir), n = strlen(name);
    int slash = d > 0 && dir[d - 1] != '/';
    char *p = malloc(d + (size_t)slash + n + 1);
    if (!p)
        return NULL;
    memcpy(p, dir, d);
    if (slash)
        p[d] = '/';
    memcpy(p + d + (size_t)slash, name, n + 1);
    return p;
}

static int is_yaml(const char *name)
{
    size_t n = strlen(name);
    return n > 5 && strcmp(name + n - 5, ".yaml") == 0;
}

/* 1 when the directory is already on the path from the root (a symlink loop). */
static int on_chain(const struct walk *w, int depth, const struct stat *st)
{
    for (int i = 0; i < depth; i++)
        if (w->dev[i] == st->st_dev && w->ino[i] == st->st_ino)
            return 1;
    return 0;
}

static int walk_dir(struct walk *w, const char *dir, int depth);

/* One directory entry: recurse into directories, keep *.yaml files. */
static int walk_entry(struct walk *w, const char *dir, const char *name, int depth)
{
    struct stat st;
    char *path = join_path(dir, name);
    if (!path)
        return err_set(w->err, LP_ENOMEM, NULL);
    int rc = LP_OK;
    if (stat(path, &st) != 0) {
        free(path); /* vanished or a dangling symlink */
    } else if (S_ISDIR(st.st_mode)) {
        if (!on_chain(w, depth + 1, &st)) {
            w->dev[depth + 1] = st.st_dev;
            w->ino[depth + 1] = st.st_ino;
            rc = walk_dir(w, path, depth + 1);
        }
        free(path);
    } else if (S_ISREG(st.st_mode) && is_yaml(name)) {
        rc = walk_add(w, path);
    } else {
        free(path);
    }
    return rc;
}

static int walk_dir(struct walk *w, const char *dir, int depth)
{
    if (depth >= MAX_DEPTH)
        return err_set(w->err, LP_EIO, "directories nested deeper than %d levels at '%s'",
                       MAX_DEPTH, dir);
    DIR *d = opendir(dir);
    if (!d)
        return err_set(w->err, LP_EIO, "cannot read directory '%s': %s", dir, strerror(errno));
    int rc = LP_OK;
    struct dirent *e;
    while (rc == LP_OK && (e = readdir(d)) != NULL)
        if (e->d_name[0] != '.')
            rc = walk_entry(w, dir, e->d_name, depth);
    closedir(d);
    return rc;
}

static int path_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* All files of one dirs[] entry, sorted, appended to w. */
static int list_one(struct walk *w, const char *dir, int missing_ok)
{
    struct stat st;
    size_t start = w->n;
    int rc = LP_OK;
    if (stat(dir, &st) != 0) {
        if (errno == ENOENT && missing_ok)
            return LP_OK;
        if (errno == ENOENT)
            return err_set(w->err, LP_ENOTFOUND, "content directory '%s' does not exist", dir);
        return err_set(w->err, LP_EIO, "cannot read '%s': %s", dir, strerror(errno));
    }
    if (S_ISREG(st.st_mode)) {
        char *p = strdup(dir);
        if (!p)
            return err_set(w->err, LP_ENOMEM, NULL);
        return walk_add(w, p);
    }
    w->dev[0] = st.st_dev;
    w->ino[0] = st.st_ino;
    rc = walk_dir(w, dir, 0);
    if (rc == LP_OK && w->n - start > 1)
        qsort(w->v + start, w->n - start, sizeof *w->v, path_cmp);
    return rc;
}

int content_list_files(const char *const *dirs, size_t n_dirs, int missing_ok, char ***paths,
                       size_t *n_paths, struct lp_err *err)
{
    struct walk w;
    memset(&w, 0, sizeof w);
    w.err = err;
    int rc = LP_OK;
    *paths = NULL;
    *n_paths = 0;
    for (size_t i = 0; i < n_dirs && rc == LP_OK; i++)
        rc = list_one(&w, dirs[i], missing_ok);
    if (rc != LP_OK) {
        content_paths_free(w.v, w.n);
        return rc;
    }
    err_clear(err);
    *paths = w.v;
    *n_paths = w.n;
    return LP_OK;
}

void content_paths_free(char **paths, size_t n)
{
    for (size_t i = 0; paths && i < n; i++)
        free(paths[i]);
    free(paths);
}
