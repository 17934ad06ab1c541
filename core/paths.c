/*
 * paths.c - resolve labprep's XDG paths (see paths.h).
 */
#include "paths.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int fmt(char *dst, const char *a, const char *b)
{
    int n = snprintf(dst, PATHS_MAX, "%s%s", a, b);
    return n < 0 || n >= PATHS_MAX ? -1 : 0;
}

static int base_dir(char *out, const char *xdg_var, const char *home_suffix)
{
    const char *x = getenv(xdg_var);
    if (x && x[0] == '/')
        return fmt(out, x, "");
    const char *home = getenv("HOME");
    if (!home || !*home)
        return -1;
    return fmt(out, home, home_suffix);
}

/* Directory part of a file path ("." when there is none). */
static int dir_of(char *out, const char *file)
{
    const char *slash = strrchr(file, '/');
    if (!slash)
        return fmt(out, ".", "");
    if (slash == file)
        return fmt(out, "/", "");
    if ((size_t)(slash - file) >= PATHS_MAX)
        return -1;
    memcpy(out, file, (size_t)(slash - file));
    out[slash - file] = '\0';
    return 0;
}

int paths_resolve(struct paths *p, const char *db_override, const char *bundled_default)
{
    char base[PATHS_MAX], cfg[PATHS_MAX];
    memset(p, 0, sizeof *p);
    if (base_dir(base, "XDG_DATA_HOME", "/.local/share") != 0 ||
        base_dir(cfg, "XDG_CONFIG_HOME", "/.config") != 0)
        return -1;
    if (fmt(p->data_dir, base, "/labprep") || fmt(p->user_decks, p->data_dir, "/decks"))
        return -1;
    const char *db = db_override ? db_override : getenv("LABPREP_DB");
    if (db && *db) {
        char dir[PATHS_MAX];
        if (fmt(p->db, db, "") || dir_of(dir, db) || fmt(p->backups, dir, "/backups"))
            return -1;
    } else if (fmt(p->db, p->data_dir, "/labprep.db") || fmt(p->backups, p->data_dir, "/backups")) {
        return -1;
    }
    const char *c = getenv("LABPREP_CONFIG");
    if (c && *c ? fmt(p->config, c, "") : fmt(p->config, cfg, "/labprep/config.yaml"))
        return -1;
    const char *b = getenv("LABPREP_CONTENT_DIR");
    return fmt(p->bundled, b && *b ? b : bundled_default, "");
}
