/*
 * mock_pick.c - which questions a mock asks, in what order, and the median
 * answer time: the pure part of the mock quiz (mock.h), tested without a store.
 *
 * The order alternates between the chosen sections so that a short mock still
 * covers all of them; within a section it is a seeded shuffle, so the same start
 * time gives the same session (tests run with a fixed --now).
 */
#include "mock.h"

#include <stdlib.h>
#include <string.h>

const char *const mock_section_ids[MOCK_N_SECTIONS] = {"mathematics", "statistics",
                                                       "computer-science", "machine-learning"};
const char *const mock_section_titles[MOCK_N_SECTIONS] = {
    "Mathematics", "Statistics and probability", "Computer science", "Machine learning"};

int mock_section_index(const char *id)
{
    for (int i = 0; id && i < MOCK_N_SECTIONS; i++)
        if (strcmp(id, mock_section_ids[i]) == 0)
            return i;
    return -1;
}

/* splitmix64: small, good enough for a shuffle, identical everywhere. */
static uint64_t next_random(uint64_t *s)
{
    uint64_t z = (*s += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

uint64_t mock_pick_seed(int64_t started)
{
    uint64_t s = (uint64_t)started;
    return next_random(&s);
}

/* Fisher-Yates over a[0..n). */
static void shuffle(struct mock_question *a, size_t n, uint64_t *seed)
{
    for (size_t i = n; i > 1; i--) {
        size_t j = (size_t)(next_random(seed) % i);
        struct mock_question t = a[i - 1];
        a[i - 1] = a[j];
        a[j] = t;
    }
}

/* Gather section s's candidates into dst; returns how many. */
static size_t gather(const struct mock_question *cands, size_t n, int s, struct mock_question *dst)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (cands[i].section == s)
            dst[k++] = cands[i];
    return k;
}

size_t mock_pick(const struct mock_question *cands, size_t n, unsigned mask, uint64_t seed,
                 struct mock_question *out)
{
    /* Bucket the chosen sections one after another in out, shuffled, then deal
     * them round robin through a scratch copy. */
    struct mock_question *tmp = n ? malloc(n * sizeof *tmp) : NULL;
    size_t start[MOCK_N_SECTIONS] = {0}, len[MOCK_N_SECTIONS] = {0}, used = 0;
    if (n && !tmp)
        return 0;
    for (int s = 0; s < MOCK_N_SECTIONS; s++) {
        start[s] = used;
        if (mask & (1u << s))
            len[s] = gather(cands, n, s, tmp + used);
        shuffle(tmp + used, len[s], &seed);
        used += len[s];
    }
    size_t k = 0, taken[MOCK_N_SECTIONS] = {0};
    while (k < used) {
        for (int s = 0; s < MOCK_N_SECTIONS; s++)
            if (taken[s] < len[s])
                out[k++] = tmp[start[s] + taken[s]++];
    }
    free(tmp);
    return k;
}

static int cmp_i64(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

int64_t mock_median(int64_t *ms, size_t n)
{
    if (n == 0)
        return 0;
    qsort(ms, n, sizeof *ms, cmp_i64);
    if (n % 2)
        return ms[n / 2];
    int64_t a = ms[n / 2 - 1], b = ms[n / 2];
    return a + (b - a) / 2; /* no overflow; rounds toward a (down, as a <= b) */
}
