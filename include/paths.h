/*
 * paths.h - where labprep keeps its files (XDG base directories).
 *
 *   data dir      $XDG_DATA_HOME/labprep      (default ~/.local/share/labprep)
 *   database      <data dir>/labprep.db       (LABPREP_DB or --db overrides)
 *   backups       <data dir>/backups/         (next to the database when --db is given)
 *   user decks    <data dir>/decks/
 *   config        $XDG_CONFIG_HOME/labprep/config.yaml (default ~/.config/...;
 *                 LABPREP_CONFIG overrides)
 *   bundled       LABPREP_CONTENT_DIR, else the content/ directory of the build
 */
#ifndef LP_PATHS_H
#define LP_PATHS_H

#include <stddef.h>

#define PATHS_MAX 4096

struct paths {
    char data_dir[PATHS_MAX];
    char db[PATHS_MAX];
    char backups[PATHS_MAX];
    char user_decks[PATHS_MAX];
    char config[PATHS_MAX];
    char bundled[PATHS_MAX];
};

/*
 * Resolve every path from the environment; db_override (may be NULL) is --db.
 * Returns 0, or -1 when a path would not fit or no home directory is known.
 */
int paths_resolve(struct paths *p, const char *db_override, const char *bundled_default);

#endif
