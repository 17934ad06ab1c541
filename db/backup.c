/*
 * backup.c - daily, weekly and on-demand copies of the database (see backup.h).
 */
#include "backup.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "clock.h"

static int fsync_path(const char *path)
{
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        return -1;
    int rc = fsync(fd);
    close(fd);
    return rc;
}

enum lp_code backup_copy(struct store *st, const char *path, struct lp_err *err)
{
    char tmp[4200];
    /* One temporary name per process: two labprep processes making the same daily
     * backup at once must not unlink each other's half-written copy. */
    snprintf(tmp, sizeof tmp, "%s.tmp%ld", path, (long)getpid());
    unlink(tmp);
    sqlite3 *dst;
    int rc = sqlite3_open_v2(tmp, &dst, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_backup *b = sqlite3_backup_init(dst, "main", store_db(st), "main");
        if (!b) {
            rc = sqlite3_errcode(dst);
        } else {
            rc = sqlite3_backup_step(b, -1);
            sqlite3_backup_finish(b);
            rc = rc == SQLITE_DONE ? SQLITE_OK : rc;
        }
    }
    sqlite3_close(dst);
    if (rc != SQLITE_OK) {
        unlink(tmp);
        return err_set(err, rc == SQLITE_FULL ? LP_EFULL : LP_EIO,
                       "%s: backup failed: %s", path, sqlite3_errstr(rc));
    }
    if (fsync_path(tmp) != 0 || rename(tmp, path) != 0) {
        int e = errno;
        unlink(tmp);
        return err_set(err, LP_EIO, "%s: backup failed: %s", path, strerror(e));
    }
    return LP_OK;
}

static int name_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)b, *(char *const *)a); /* newest first */
}

/* Delete all but the newest `keep` files named PREFIX-YYYY-MM-DD.db in dir. */
static void prune(const char *dir, const char *prefix, size_t keep)
{
    DIR *d = opendir(dir);
    if (!d)
        return;
    char *names[512];
    size_t n = 0, plen = strlen(prefix);
    struct dirent *e;
    while ((e = readdir(d)) && n < 512) {
        size_t len = strlen(e->d_name);
        if (strncmp(e->d_name, prefix, plen) == 0 && len == plen + 13 &&
            strcmp(e->d_name + len - 3, ".db") == 0)
            names[n++] = strdup(e->d_name);
    }
    closedir(d);
    qsort(names, n, sizeof names[0], name_cmp);
    char path[4400];
    for (size_t i = 0; i < n; i++) {
        if (i >= keep && names[i]) {
            snprintf(path, sizeof path, "%s/%s", dir, names[i]);
            unlink(path);
        }
        free(names[i]);
    }
}

/* Remove NAME.db.tmpPID files left by a backup whose process died (killed, or
 * the machine went down) before it could rename or remove them. */
static void sweep_tmp(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return;
    struct dirent *e;
    char path[4400];
    while ((e = readdir(d))) {
        const char *t = strstr(e->d_name, ".db.tmp");
        char *end;
        long pid = t ? strtol(t + 7, &end, 10) : 0;
        if (pid <= 0 || *end || pid == (long)getpid() || kill((pid_t)pid, 0) == 0 ||
            errno != ESRCH)
            continue;
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        unlink(path);
    }
    closedir(d);
}

static enum lp_code ensure_dir(const char *dir, struct lp_err *err)
{
    if (mkdir(dir, 0700) == 0)
        return LP_OK;
    if (errno == EEXIST) {
        sweep_tmp(dir);
        return LP_OK;
    }
    return err_set(err, LP_EIO, "%s: cannot create the backup directory: %s", dir,
                   strerror(errno));
}

static int exists(const char *path)
{
    struct stat sb;
    return stat(path, &sb) == 0;
}

enum lp_code backup_daily(struct store *st, const char *dir, int32_t day, int *made,
                          struct lp_err *err)
{
    char daily[4400], path[4400], date[11];
    *made = 0;
    if (ensure_dir(dir, err) != LP_OK)
        return err->code;
    clock_day_str(day, date);
    snprintf(daily, sizeof daily, "%s/daily-%s.db", dir, date);
    if (exists(daily))
        return LP_OK;
    enum lp_code rc = backup_copy(st, daily, err);
    if (rc != LP_OK)
        return rc;
    *made = 1;
    /* Day 0 (1970-01-01) was a Thursday: Monday of this week is day - (day+3)%7. */
    int32_t monday = day - ((day % 7 + 7 + 3) % 7);
    clock_day_str(monday, date);
    snprintf(path, sizeof path, "%s/weekly-%s.db", dir, date);
    /* Backups are never modified, so the week's copy can share the day's file
     * (pruning the daily one later only removes a name). */
    if (!exists(path) && link(daily, path) != 0 && (rc = backup_copy(st, path, err)) != LP_OK)
        return rc;
    prune(dir, "daily-", 7);
    prune(dir, "weekly-", 4);
    return LP_OK;
}

enum lp_code backup_now(struct store *st, const char *dir, int64_t now, char *out, size_t size,
                        struct lp_err *err)
{
    if (ensure_dir(dir, err) != LP_OK)
        return err->code;
    time_t t = (time_t)now;
    struct tm tm;
    char stamp[32];
    localtime_r(&t, &tm);
    strftime(stamp, sizeof stamp, "%Y-%m-%dT%H%M%S", &tm);
    snprintf(out, size, "%s/manual-%s.db", dir, stamp);
    return backup_copy(st, out, err);
}
