/*
 * fileio.h - files labprep writes whole or not at all (reports, exports,
 * imported decks), and the directories they go in.
 *
 * fileio_write_atomic() writes through a temporary file next to the target
 * (a unique name per call, so two processes never share it), flushes and
 * fsyncs it, renames it over the target and fsyncs the directory.  A reader
 * therefore sees the old file or the new one, never a half-written one, and on
 * any failure the target is left as it was and the temporary file is removed.
 */
#ifndef LP_FILEIO_H
#define LP_FILEIO_H

#include <stdio.h>

#include "err.h"

/* Writes the whole content to f; returns 0, or -1 when it could not (errno may say
 * why; ferror(f) is also checked afterwards). */
typedef int (*fileio_fill_fn)(FILE *f, void *ctx);

/*
 * Create `path` (mode 0644, or keep the mode of the file it replaces) with what
 * fill writes.  LP_OK; LP_EFULL when the disk or a file-size limit ran out;
 * LP_EIO otherwise (message "cannot write PATH: reason"); LP_EINVAL for a path
 * too long.  The directory must exist (see fileio_mkdirs).
 */
enum lp_code fileio_write_atomic(const char *path, fileio_fill_fn fill, void *ctx,
                                 struct lp_err *err);

/* mkdir -p dir (mode 0700 for what it creates).  0, or -1 with errno set. */
int fileio_mkdirs(const char *dir);

/* mkdir -p for the directory part of path ("a/b/c.db" makes a/b).  0 or -1. */
int fileio_mkdirs_for(const char *path);

#endif
