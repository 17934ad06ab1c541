/*
 * gen_year.c - a heavy year of labprep use, generated deterministically.
 *
 *   gen_year OUTDIR [NOW]
 *
 * Writes OUTDIR/content/ (40 YAML decks of 500 cards: 20,000 cards) and
 * OUTDIR/labprep.db, built the way labprep itself builds it: store_open() creates
 * the schema, sync_content() loads the decks, and every one of the 1,000,000
 * review-log rows is written by cards_answer(), the function `labprep answer` and
 * the tutor call, in time order across cards (so revlog ids rise with time, as in
 * real use).  18,000 cards are introduced over the year (the rest stay new); each
 * gets a share of the reviews in proportion to how long it has been studied, and
 * is reviewed at its due time or earlier when its share needs it.  Leeches are
 * unsuspended, as a learner would.  Only durability is relaxed while generating
 * (synchronous=OFF); the file is then checkpointed and left in WAL mode.
 *
 * NOW (unix seconds, default 2026-11-23T09:00Z) is the end of the year; the
 * benchmark runs labprep with --now at that time.  Same NOW, same bytes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cards.h"
#include "config.h"
#include "store.h"
#include "sync.h"

#define N_DECKS 40
#define PER_DECK 500
#define N_CARDS (N_DECKS * PER_DECK)
#define N_STUDIED 18000
#define N_REVIEWS 1000000L
#define DAY 86400

static uint64_t rng_state = 0x9e3779b97f4a7c15ULL;

static uint64_t rng(void) /* splitmix64 */
{
    uint64_t z = (rng_state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

static double unif(void)
{
    return (double)(rng() >> 11) / 9007199254740992.0;
}

static const char *const sections[] = {"mathematics",      "statistics", "computer-science",
                                       "machine-learning", "alignment",  "practice"};

static void card_id(char *buf, size_t size, int i)
{
    snprintf(buf, size, "bench-d%02d-c%03d", i / PER_DECK, i % PER_DECK);
}

static void write_card(FILE *f, int d, int k)
{
    fprintf(f, "  - id: bench-d%02d-c%03d\n", d, k);
    fprintf(f,
            "    q: \"Question %d of deck %d: explain why the %d-th eigenvalue of a "
            "symmetric %dx%d matrix is real, and what that implies for its "
            "eigenvectors.\"\n",
            k, d, k % 7 + 1, k % 9 + 2, k % 9 + 2);
    fprintf(f,
            "    a: \"Because A equals its transpose, x*Ax is real for every x, so "
            "lambda = x*Ax / x*x is real; eigenvectors of distinct eigenvalues are "
            "orthogonal (card %d-%d).\"\n",
            d, k);
    fprintf(f, "    difficulty: %s\n", k % 3 == 0 ? "easy" : k % 3 == 1 ? "medium" : "hard");
    fprintf(f, "    tags: [t%d, bench]\n", k % 12);
    if (k % 10 == 0)
        fprintf(f, "    check:\n      number: %d\n      tolerance: 0.5\n", k);
}

static int write_content(const char *dir)
{
    char path[4400];
    mkdir(dir, 0755);
    for (int d = 0; d < N_DECKS; d++) {
        snprintf(path, sizeof path, "%s/deck-%02d.yaml", dir, d);
        FILE *f = fopen(path, "w");
        if (!f)
            return -1;
        fprintf(f,
                "kind: deck\nid: bench-d%02d\ntitle: Benchmark deck %d\nsection: %s\n"
                "topic: topic-%02d\ntags: [bench]\ncards:\n",
                d, d, sections[d % 6], d % 13);
        for (int k = 0; k < PER_DECK; k++)
            write_card(f, d, k);
        if (fclose(f) != 0)
            return -1;
    }
    return 0;
}

/* ---- the year of answers: a min-heap of cards by next review time ---- */

struct sim {
    int64_t next;
    int card;
    int left; /* reviews still to do */
};

static struct sim heap[N_STUDIED];
static size_t n_heap;

static int before(size_t a, size_t b)
{
    return heap[a].next < heap[b].next ||
           (heap[a].next == heap[b].next && heap[a].card < heap[b].card);
}

static void swap(size_t a, size_t b)
{
    struct sim t = heap[a];
    heap[a] = heap[b];
    heap[b] = t;
}

static void sift_down(size_t i)
{
    for (;;) {
        size_t l = 2 * i + 1, r = l + 1, m = i;
        if (l < n_heap && before(l, m))
            m = l;
        if (r < n_heap && before(r, m))
            m = r;
        if (m == i)
            return;
        swap(i, m);
        i = m;
    }
}

static void heap_build(void)
{
    for (size_t i = n_heap / 2; i-- > 0;)
        sift_down(i);
}

static int pick_grade(int state)
{
    double u = unif();
    if (state == CARD_NEW || state == CARD_LEARNING || state == CARD_RELEARNING)
        return u < 0.18 ? 1 : u < 0.30 ? 2 : u < 0.92 ? 3 : 4;
    return u < 0.08 ? 1 : u < 0.20 ? 2 : u < 0.92 ? 3 : 4;
}

/* Reviews per card in proportion to its studied span, summing to exactly N_REVIEWS. */
static void plan(int64_t start, int64_t end)
{
    double total = 0;
    int64_t intro[N_STUDIED];
    for (int i = 0; i < N_STUDIED; i++) {
        intro[i] = start + (int64_t)((double)i / N_STUDIED * (double)(end - start - 2 * DAY)) +
                   (int64_t)(unif() * 3600 * 10);
        total += (double)(end - intro[i]);
    }
    long given = 0;
    for (int i = 0; i < N_STUDIED; i++) {
        int k = 3 + (int)((N_REVIEWS - 3.0 * N_STUDIED) * (double)(end - intro[i]) / total);
        heap[i] = (struct sim){intro[i], (i * 7919) % N_STUDIED, k};
        given += k;
    }
    for (int i = 0; given < N_REVIEWS; i = (i + 1) % N_STUDIED, given++)
        heap[i].left++;
    n_heap = N_STUDIED;
    heap_build();
}

/* When to review next: at the due time, or earlier so the remaining reviews fit. */
static int64_t next_time(int64_t t, int64_t due, int left, int64_t end)
{
    int64_t room = (end - t) / (left + 1);
    int64_t gap = due - t;
    if (gap > room)
        gap = (int64_t)((double)room * (0.6 + 0.4 * unif()));
    return t + (gap < 60 ? 60 : gap) + (int64_t)(unif() * 30);
}

static int answer_one(struct store *st, const struct config *cfg, struct sim *s, int64_t end)
{
    char id[QUEUE_ID_MAX];
    struct card_row row;
    struct answer_result res;
    struct lp_err err = {0};
    card_id(id, sizeof id, s->card);
    if (cards_get(st, id, &row, &err) != LP_OK)
        return fprintf(stderr, "gen_year: %s\n", err.msg), -1;
    if (row.suspended && cards_set_suspended(st, id, 0, &err) != LP_OK)
        return fprintf(stderr, "gen_year: %s\n", err.msg), -1;
    int ms = 3000 + (int)(unif() * 37000);
    /* The last answer of the year is a pass, so most cards end in review. */
    int grade = s->left == 1 ? 3 + (unif() < 0.2) : pick_grade(row.m.state);
    if (cards_answer(st, cfg, id, grade, s->next, ms, "study", -1, &res, &err) != LP_OK)
        return fprintf(stderr, "gen_year: %s\n", err.msg), -1;
    s->left--;
    s->next = next_time(s->next, res.after.due, s->left, end);
    return 0;
}

static int simulate(struct store *st, int64_t start, int64_t end)
{
    struct config cfg;
    config_defaults(&cfg);
    plan(start, end);
    long done = 0;
    while (n_heap) {
        if (answer_one(st, &cfg, &heap[0], end) != 0)
            return -1;
        if (++done % 100000 == 0)
            fprintf(stderr, "gen_year: %ld answers\n", done);
        if (heap[0].left == 0)
            heap[0] = heap[--n_heap];
        sift_down(0);
    }
    return 0;
}

static int build_db(const char *out, const char *content, int64_t now)
{
    char db[4200];
    struct lp_err err = {0};
    snprintf(db, sizeof db, "%s/labprep.db", out);
    remove(db);
    struct store *st = store_open(db, STORE_CREATE, &err);
    if (!st)
        return fprintf(stderr, "gen_year: %s\n", err.msg), -1;
    const char *dirs[] = {content};
    struct content_diag diag;
    content_diag_init(&diag);
    int64_t start = now - 365 * (int64_t)DAY;
    int rc = store_exec(st, "PRAGMA synchronous=OFF", &err) != LP_OK ||
             sync_content(st, dirs, 1, 1, start, &diag, NULL, &err) != LP_OK || diag.n ||
             simulate(st, start, now - 3600) != 0 ||
             store_exec(st, "PRAGMA wal_checkpoint(TRUNCATE)", &err) != LP_OK;
    if (rc)
        fprintf(stderr, "gen_year: %s%s\n", err.msg, diag.n ? diag.msgs[0] : "");
    content_diag_free(&diag);
    store_close(st);
    return rc ? -1 : 0;
}

int main(int argc, char **argv)
{
    if (argc < 2 || argc > 3) {
        fprintf(stderr, "usage: gen_year OUTDIR [NOW]\n");
        return 2;
    }
    int64_t now = argc == 3 ? strtoll(argv[2], NULL, 10) : 1795424400; /* 2026-11-23T09:00Z */
    char content[4200];
    mkdir(argv[1], 0755);
    snprintf(content, sizeof content, "%s/content", argv[1]);
    if (write_content(content) != 0) {
        perror("gen_year: writing content");
        return 1;
    }
    return build_db(argv[1], content, now) == 0 ? 0 : 1;
}
