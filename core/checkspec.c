/*
 * checkspec.c - encode and decode machine checks for the store (see checkspec.h).
 */
#include "checkspec.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define US '\x1f'

static size_t spec_len(const struct content_check *c)
{
    size_t n = 64;
    for (size_t i = 0; i < c->n_options; i++)
        n += strlen(c->options[i]) + 1;
    if (c->exact)
        n += strlen(c->exact) + 1;
    for (size_t i = 0; i < c->n_accept; i++)
        n += strlen(c->accept[i]) + 1;
    return n;
}

static char *append(char *p, const char *s)
{
    *p++ = US;
    size_t n = strlen(s);
    memcpy(p, s, n);
    return p + n;
}

char *checkspec_encode(const struct content_check *c)
{
    if (!c || c->type == CHECK_NONE)
        return NULL;
    char *buf = malloc(spec_len(c));
    if (!buf)
        return NULL;
    char *p = buf;
    if (c->type == CHECK_NUMBER) {
        sprintf(buf, "number%c%.17g%c%.17g", US, c->number, US, c->tolerance);
        return buf;
    }
    if (c->type == CHECK_CHOICE) {
        p += sprintf(buf, "choice%c%d", US, c->answer);
        for (size_t i = 0; i < c->n_options; i++)
            p = append(p, c->options[i]);
    } else {
        p += sprintf(buf, "exact");
        p = append(p, c->exact);
        for (size_t i = 0; i < c->n_accept; i++)
            p = append(p, c->accept[i]);
    }
    *p = '\0';
    return buf;
}

/* Split s in place at US; fills fields (up to max); returns the count. */
static size_t split(char *s, char **fields, size_t max)
{
    size_t n = 0;
    fields[n++] = s;
    for (char *p = s; *p && n < max; p++) {
        if (*p == US) {
            *p = '\0';
            fields[n++] = p + 1;
        }
    }
    return n;
}

static int decode_fields(char **f, size_t n, struct content_check *c)
{
    char *end;
    if (strcmp(f[0], "number") == 0 && n == 3) {
        c->number = strtod(f[1], &end);
        c->tolerance = strtod(f[2], &end);
        c->type = CHECK_NUMBER;
        return 0;
    }
    size_t first = strcmp(f[0], "choice") == 0 ? 2 : 1;
    if (n <= first || (first == 1 && strcmp(f[0], "exact") != 0))
        return -1;
    char **list = malloc(sizeof *list * (n - first));
    if (!list)
        return -1;
    memcpy(list, f + first, sizeof *list * (n - first));
    if (first == 2) {
        c->answer = (int)strtol(f[1], &end, 10);
        if (c->answer < 0 || (size_t)c->answer >= n - first) {
            free(list);
            return -1;
        }
        c->type = CHECK_CHOICE;
        c->options = list;
        c->n_options = n - first;
        return 0;
    }
    c->type = CHECK_EXACT;
    c->exact = list[0];
    c->accept = list;      /* accept = list + 1; keep the base pointer to free */
    c->n_accept = n - first;
    return 0;
}

int checkspec_decode(const char *spec, struct content_check *c, char **storage)
{
    memset(c, 0, sizeof *c);
    *storage = NULL;
    if (!spec || !*spec)
        return -1;
    char *copy = strdup(spec);
    char *fields[64];
    if (!copy)
        return -1;
    size_t n = split(copy, fields, 64);
    if (decode_fields(fields, n, c) != 0) {
        free(copy);
        memset(c, 0, sizeof *c);
        return -1;
    }
    if (c->type == CHECK_EXACT) {
        /* decode_fields stored the whole list; expose only the alternatives. */
        c->accept = c->accept + 1;
        c->n_accept -= 1;
    }
    *storage = copy;
    return 0;
}

void checkspec_free(struct content_check *c, char *storage)
{
    if (c->type == CHECK_CHOICE)
        free(c->options);
    else if (c->type == CHECK_EXACT)
        free(c->accept - 1);
    free(storage);
    memset(c, 0, sizeof *c);
}
