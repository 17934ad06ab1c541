/*
 * testutil.h - small helpers shared by the unit tests (header-only, static).
 * Include after <stdarg.h>, <stddef.h>, <setjmp.h> and <cmocka.h>.
 */
#ifndef LP_TESTUTIL_H
#define LP_TESTUTIL_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* A fresh temporary directory; the path is written into buf. */
static inline void tu_tempdir(char *buf, size_t size)
{
    snprintf(buf, size, "/tmp/labprep-test-XXXXXX");
    assert_non_null(mkdtemp(buf));
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

static inline void tu_rmrf(const char *dir)
{
    char cmd[4200];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "warning: could not remove %s\n", dir);
}

#endif
