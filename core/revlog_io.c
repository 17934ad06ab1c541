/*
 * revlog_io.c - reading review logs into memory and interning card ids
 * (see revlog_io.h).
 */
#include "revlog_io.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"

/* Open-addressing hash table from card id to index; ids live in one arena. */
struct revlog_idmap {
    uint32_t *slot;      /* card index + 1, 0 = empty */
    size_t n_slots;      /* power of two */
    size_t *off;         /* card index -> offset of its id in arena */
    size_t n, cap;
    char *arena;
    size_t used, size;
};

void revlog_init(struct revlog *log)
{
    memset(log, 0, sizeof *log);
}

void revlog_free(struct revlog *log)
{
    if (log->ids) {
        free(log->ids->slot);
        free(log->ids->off);
        free(log->ids->arena);
        free(log->ids);
    }
    free(log->e);
    memset(log, 0, sizeof *log);
}

static int64_t floor_div(int64_t a, int64_t b)
{
    int64_t q = a / b;
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

int32_t revlog_day(const struct revlog_days *d, int64_t t)
{
    if (!d)
        return (int32_t)floor_div(t, 86400);
    if (d->local)
        return clock_day(t, d->rollover_hour);
    return (int32_t)floor_div(t - (int64_t)d->rollover_hour * 3600, 86400);
}

static uint64_t hash_id(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603ULL;   /* FNV-1a */
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
    return h;
}

static const char *id_at(const struct revlog_idmap *m, uint32_t card)
{
    return m->arena + m->off[card];
}

static int rehash(struct revlog_idmap *m, size_t n_slots)
{
    uint32_t *slot = calloc(n_slots, sizeof *slot);
    if (!slot)
        return -1;
    for (size_t c = 0; c < m->n; c++) {
        const char *s = id_at(m, (uint32_t)c);
        size_t i = hash_id(s, strlen(s)) & (n_slots - 1);
        while (slot[i])
            i = (i + 1) & (n_slots - 1);
        slot[i] = (uint32_t)c + 1;
    }
    free(m->slot);
    m->slot = slot;
    m->n_slots = n_slots;
    return 0;
}

/* Room for one more id of len bytes (and its slot); -1 when out of memory. */
static int idmap_reserve(struct revlog_idmap *m, size_t len)
{
    if ((m->n + 1) * 2 > m->n_slots && rehash(m, m->n_slots ? m->n_slots * 2 : 1024) != 0)
        return -1;
    if (m->n == m->cap) {
        size_t cap = m->cap ? m->cap * 2 : 256;
        size_t *off = realloc(m->off, cap * sizeof *off);
        if (!off)
            return -1;
        m->off = off;
        m->cap = cap;
    }
    if (m->used + len + 1 > m->size) {
        size_t size = m->size ? m->size * 2 : 4096;
        while (size < m->used + len + 1)
            size *= 2;
        char *arena = realloc(m->arena, size);
        if (!arena)
            return -1;
        m->arena = arena;
        m->size = size;
    }
    return 0;
}

/* Index of id, interning it if new; -1 when out of memory. */
static long intern(struct revlog *log, const char *id, size_t len)
{
    if (!log->ids && !(log->ids = calloc(1, sizeof *log->ids)))
        return -1;
    struct revlog_idmap *m = log->ids;
    if (idmap_reserve(m, len) != 0)
        return -1;
    size_t i = hash_id(id, len) & (m->n_slots - 1);
    for (; m->slot[i]; i = (i + 1) & (m->n_slots - 1)) {
        const char *s = id_at(m, m->slot[i] - 1);
        if (strncmp(s, id, len) == 0 && s[len] == '\0')
            return (long)m->slot[i] - 1;
    }
    memcpy(m->arena + m->used, id, len);
    m->arena[m->used + len] = '\0';
    m->off[m->n] = m->used;
    m->used += len + 1;
    m->slot[i] = (uint32_t)m->n + 1;
    log->n_cards = ++m->n;
    return (long)m->n - 1;
}

const char *revlog_card_id(const struct revlog *log, uint32_t card)
{
    if (!log->ids || card >= log->ids->n)
        return NULL;
    return id_at(log->ids, card);
}

enum lp_code revlog_add(struct revlog *log, const char *id, size_t id_len, int64_t time,
                        int32_t day, int grade, struct lp_err *err)
{
    if (grade < 1 || grade > 4)
        return err_set(err, LP_EINVAL, "grade %d is not 1-4", grade);
    if (id_len == 0 || id_len > REVLOG_MAX_ID)
        return err_set(err, LP_EINVAL, "card id must be 1-%d bytes", REVLOG_MAX_ID);
    if (log->n == log->cap) {
        size_t cap = log->cap ? log->cap * 2 : 1024;
        struct revlog_entry *e = realloc(log->e, cap * sizeof *e);
        if (!e)
            return err_set(err, LP_ENOMEM, NULL);
        log->e = e;
        log->cap = cap;
    }
    long card = intern(log, id, id_len);
    if (card < 0)
        return err_set(err, LP_ENOMEM, NULL);
    struct revlog_entry *e = &log->e[log->n];
    e->card = (uint32_t)card;
    e->day = day;
    e->time = time;
    e->seq = (uint32_t)log->n;
    e->grade = (uint8_t)grade;
    log->n++;
    return LP_OK;
}

/* Parse a decimal integer field [s, end) into *out; 0 on success. */
static int parse_time(const char *s, const char *end, int64_t *out)
{
    int neg = s < end && *s == '-';
    s += neg;
    if (s == end)
        return -1;
    int64_t v = 0;
    for (; s < end; s++) {
        if (*s < '0' || *s > '9' || v > REVLOG_MAX_TIME)
            return -1;
        v = v * 10 + (*s - '0');
    }
    if (v > REVLOG_MAX_TIME)
        return -1;
    *out = neg ? -v : v;
    return 0;
}

/* Check one line (without LF) and add it; returns NULL or what is wrong. */
static const char *take_line(struct revlog *log, const char *line, size_t len,
                             const struct revlog_days *d, enum lp_code *rc)
{
    const char *end = line + len;
    const char *t1 = memchr(line, '\t', len);
    const char *t2 = t1 ? memchr(t1 + 1, '\t', (size_t)(end - t1 - 1)) : NULL;
    if (!t1 || !t2)
        return "expected three tab-separated fields: card_id, unix_seconds, rating";
    if (memchr(t2 + 1, '\t', (size_t)(end - t2 - 1)))
        return "too many fields (expected card_id, unix_seconds, rating)";
    size_t id_len = (size_t)(t1 - line);
    if (id_len == 0 || id_len > REVLOG_MAX_ID)
        return "card id must be 1-255 bytes";
    for (const char *p = line; p < t1; p++)
        if ((unsigned char)*p < 0x20 || *p == 0x7f)
            return "card id contains a control character";
    int64_t t;
    if (parse_time(t1 + 1, t2, &t) != 0)
        return "time must be a whole number of unix seconds (|t| <= 10^12)";
    if (end - t2 != 2 || t2[1] < '1' || t2[1] > '4')
        return "rating must be 1, 2, 3 or 4";
    *rc = revlog_add(log, line, id_len, t, revlog_day(d, t), t2[1] - '0', NULL);
    return *rc == LP_OK ? NULL : "out of memory";
}

enum lp_code revlog_read_file(FILE *f, const char *name, const struct revlog_days *d,
                              struct revlog *log, long *bad_line, struct lp_err *err)
{
    char *line = NULL;
    size_t cap = 0;
    ssize_t got;
    long n = 0;
    enum lp_code rc = LP_OK;
    if (bad_line)
        *bad_line = 0;
    while ((got = getline(&line, &cap, f)) >= 0) {
        n++;
        size_t len = (size_t)got;
        if (len && line[len - 1] == '\n')
            len--;
        if (len && line[len - 1] == '\r')
            len--;
        if (len == 0 || line[0] == '#')
            continue;
        enum lp_code add_rc = LP_OK;
        const char *why = take_line(log, line, len, d, &add_rc);
        if (why) {
            rc = err_set(err, add_rc == LP_ENOMEM ? LP_ENOMEM : LP_EPARSE, "%s:%ld: %s", name,
                         n, why);
            if (bad_line)
                *bad_line = n;
            break;
        }
    }
    if (rc == LP_OK && ferror(f))
        rc = err_set(err, LP_EIO, "%s: %s", name, strerror(errno));
    free(line);
    return rc;
}
