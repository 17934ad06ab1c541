/*
 * fileio.c - whole-or-nothing files and mkdir -p (see fileio.h).
 */
#include "fileio.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define FILEIO_PATH_MAX 4096

int fileio_mkdirs(const char *dir)
{
    char buf[FILEIO_PATH_MAX];
    if (strlen(dir) >= sizeof buf)
        return errno = ENAMETOOLONG, -1;
    strcpy(buf, dir);
    for (char *p = buf + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (mkdir(buf, 0700) != 0 && errno != EEXIST)
            return -1;
        *p = '/';
    }
    return mkdir(buf, 0700) != 0 && errno != EEXIST ? -1 : 0;
}

int fileio_mkdirs_for(const char *path)
{
    char buf[FILEIO_PATH_MAX];
    if (strlen(path) >= sizeof buf)
        return errno = ENAMETOOLONG, -1;
    strcpy(buf, path);
    char *slash = strrchr(buf, '/');
    if (!slash || slash == buf)
        return 0;
    *slash = '\0';
    return fileio_mkdirs(buf);
}

static void sync_dir_of(const char *path)
{
    char copy[FILEIO_PATH_MAX];
    snprintf(copy, sizeof copy, "%s", path);
    int fd = open(dirname(copy), O_RDONLY);
    if (fd >= 0) {
        (void)fsync(fd);
        close(fd);
    }
}

/* Fill the open temporary file fd; closes it.  0 or -1 (errno kept). */
static int fill_tmp(int fd, mode_t mode, fileio_fill_fn fill, void *ctx)
{
    FILE *f = fdopen(fd, "w");
    if (!f) {
        close(fd);
        return -1;
    }
    errno = 0;
    int bad = fchmod(fd, mode) != 0 || fill(f, ctx) != 0;
    bad = bad || fflush(f) != 0 || ferror(f) || fsync(fileno(f)) != 0;
    int saved = errno;
    bad |= fclose(f) != 0;
    if (bad && saved)
        errno = saved;
    return bad ? -1 : 0;
}

enum lp_code fileio_write_atomic(const char *path, fileio_fill_fn fill, void *ctx,
                                 struct lp_err *err)
{
    char tmp[FILEIO_PATH_MAX + 16];
    struct stat sb;
    if ((size_t)snprintf(tmp, sizeof tmp, "%s.XXXXXX", path) >= sizeof tmp)
        return err_set(err, LP_EINVAL, "%s: path too long", path);
    mode_t mode = stat(path, &sb) == 0 ? sb.st_mode & 07777 : 0644;
    int fd = mkstemp(tmp);
    if (fd < 0) {
        int e = errno;
        return err_set(err, e == ENOSPC ? LP_EFULL : LP_EIO, "cannot write %s: %s", path,
                       strerror(e));
    }
    if (fill_tmp(fd, mode, fill, ctx) != 0 || rename(tmp, path) != 0) {
        int e = errno ? errno : EIO;
        unlink(tmp);
        return err_set(err, e == ENOSPC || e == EFBIG ? LP_EFULL : LP_EIO, "cannot write %s: %s",
                       path, strerror(e));
    }
    sync_dir_of(path);
    return LP_OK;
}
