/*
 * queue.c - order today's cards: learning first when due, reviews most overdue
 * first, new cards round-robin across topics and spread among the reviews.
 */
#include "queue.h"

#include <stdlib.h>
#include <string.h>

static int by_due(const void *a, const void *b)
{
    const struct queue_card *x = a, *y = b;
    if (x->due != y->due)
        return x->due < y->due ? -1 : 1;
    return strcmp(x->id, y->id);
}

/* Focus first, then topic name, then position: groups new cards by topic. */
static int by_topic(const void *a, const void *b)
{
    const struct queue_card *x = *(struct queue_card *const *)a;
    const struct queue_card *y = *(struct queue_card *const *)b;
    if (x->focus != y->focus)
        return y->focus - x->focus;
    int c = strcmp(x->topic, y->topic);
    if (c)
        return c;
    c = strcmp(x->deck, y->deck);
    if (c)
        return c;
    if (x->position != y->position)
        return x->position - y->position;
    return strcmp(x->id, y->id);
}

/*
 * Round robin over topic groups in sorted[] (grouped by by_topic); focus topics
 * get their whole round before unfocused ones.  Writes up to limit picks to out.
 */
static size_t interleave(struct queue_card **sorted, size_t n, size_t limit,
                         struct queue_card **out)
{
    size_t starts[512], ends[512], groups = 0, picked = 0;
    for (size_t i = 0; i < n && groups < 512; i++) {
        if (i == 0 || strcmp(sorted[i]->topic, sorted[i - 1]->topic) != 0 ||
            sorted[i]->focus != sorted[i - 1]->focus) {
            starts[groups] = i;
            ends[groups++] = i;
        }
        ends[groups - 1] = i + 1;
    }
    for (int pass_focus = 1; pass_focus >= 0; pass_focus--) {
        int progress = 1;
        while (picked < limit && progress) {
            progress = 0;
            for (size_t g = 0; g < groups && picked < limit; g++) {
                if (starts[g] >= ends[g] || sorted[starts[g]]->focus != pass_focus)
                    continue;
                out[picked++] = sorted[starts[g]++];
                progress = 1;
            }
        }
    }
    return picked;
}

/* Spread nn new cards evenly among nr reviews into main. */
static void mix(struct queue_card **main, struct queue_card **rev, size_t nr,
                struct queue_card **fresh, size_t nn)
{
    size_t r = 0, f = 0, k = 0, total = nr + nn;
    while (k < total) {
        /* New card f belongs at position (f + 1/2) * total / nn. */
        int take_new = f < nn && (r >= nr || k * 2 * nn >= (2 * f + 1) * total);
        main[k++] = take_new ? fresh[f++] : rev[r++];
    }
}

static int split_candidates(struct queue *q, struct queue_card ***rev, size_t *nr,
                            struct queue_card ***fresh, size_t *nf)
{
    size_t nl = 0;
    *rev = malloc(sizeof **rev * (q->n_cards + 1));
    *fresh = malloc(sizeof **fresh * (q->n_cards + 1));
    q->learn = malloc(sizeof *q->learn * (q->n_cards + 1));
    if (!*rev || !*fresh || !q->learn)
        return -1;
    *nr = *nf = 0;
    for (size_t i = 0; i < q->n_cards; i++) {
        struct queue_card *c = &q->cards[i];
        if (c->state == 0)
            (*fresh)[(*nf)++] = c;
        else if (c->state == 2)
            (*rev)[(*nr)++] = c;
        else
            q->learn[nl++] = *c;
    }
    q->n_learn = nl;
    qsort(q->learn, nl, sizeof *q->learn, by_due);
    return 0;
}

static int cmp_ptr_due(const void *a, const void *b)
{
    return by_due(*(struct queue_card *const *)a, *(struct queue_card *const *)b);
}

int queue_build(struct queue *q, const struct queue_card *cands, size_t n, int reviews_left,
                int new_left)
{
    memset(q, 0, sizeof *q);
    q->cards = malloc(sizeof *q->cards * (n + 1));
    if (!q->cards)
        return -1;
    memcpy(q->cards, cands, sizeof *cands * n);
    q->n_cards = n;
    struct queue_card **rev = NULL, **fresh = NULL, **picked = NULL;
    size_t nr, nf;
    int rc = -1;
    if (split_candidates(q, &rev, &nr, &fresh, &nf) != 0)
        goto out;
    qsort(rev, nr, sizeof *rev, cmp_ptr_due);
    qsort(fresh, nf, sizeof *fresh, by_topic);
    nr = reviews_left < 0 ? 0 : nr < (size_t)reviews_left ? nr : (size_t)reviews_left;
    size_t limit = new_left < 0 ? 0 : (size_t)new_left;
    picked = malloc(sizeof *picked * (nf + 1));
    q->main = malloc(sizeof *q->main * (nr + nf + 1));
    if (!picked || !q->main)
        goto out;
    size_t np = interleave(fresh, nf, limit, picked);
    mix(q->main, rev, nr, picked, np);
    q->n_main = nr + np;
    q->n_review = nr;
    q->n_new = np;
    rc = 0;
out:
    free(rev);
    free(fresh);
    free(picked);
    if (rc != 0)
        queue_free(q);
    return rc;
}

void queue_free(struct queue *q)
{
    for (size_t i = 0; i < q->n_returned; i++)
        free(q->returned[i]);
    free(q->returned);
    free(q->learn);
    free(q->main);
    free(q->cards);
    memset(q, 0, sizeof *q);
}

static const struct queue_card *take_learning(struct queue *q, size_t i)
{
    static struct queue_card taken; /* valid until the next call, as documented */
    taken = q->learn[i];
    memmove(q->learn + i, q->learn + i + 1, sizeof *q->learn * (q->n_learn - i - 1));
    q->n_learn--;
    return &taken;
}

const struct queue_card *queue_next(struct queue *q, int64_t now, int64_t day_end,
                                    const char *skip)
{
    for (size_t i = 0; i < q->n_learn && q->learn[i].due <= now; i++)
        if (!skip || strcmp(q->learn[i].id, skip) != 0 || q->next_main >= q->n_main)
            return take_learning(q, i);
    if (q->next_main < q->n_main) {
        struct queue_card *c = q->main[q->next_main++];
        c->state == 0 ? q->n_new-- : q->n_review--;
        return c;
    }
    if (q->n_learn > 0 && q->learn[0].due < day_end)
        return take_learning(q, 0);
    return NULL;
}

int queue_return(struct queue *q, const struct queue_card *c)
{
    struct queue_card *copy = malloc(sizeof *copy);
    struct queue_card **grown = realloc(q->main, sizeof *grown * (q->n_main + 1));
    if (!copy || !grown) {
        free(copy);
        if (grown)
            q->main = grown;
        return -1;
    }
    q->main = grown;
    /* Returned cards are kept apart from q->cards: remember them for queue_free. */
    struct queue_card **extra = realloc(q->returned, sizeof *extra * (q->n_returned + 1));
    if (!extra) {
        free(copy);
        return -1;
    }
    q->returned = extra;
    q->returned[q->n_returned++] = copy;
    *copy = *c;
    memmove(q->main + q->next_main + 1, q->main + q->next_main,
            sizeof *q->main * (q->n_main - q->next_main));
    q->main[q->next_main] = copy;
    q->n_main++;
    c->state == 0 ? q->n_new++ : q->n_review++;
    return 0;
}

int queue_push_learning(struct queue *q, const struct queue_card *c)
{
    struct queue_card *grown = realloc(q->learn, sizeof *grown * (q->n_learn + 1));
    if (!grown)
        return -1;
    q->learn = grown;
    size_t i = q->n_learn;
    while (i > 0 && by_due(&q->learn[i - 1], c) > 0) {
        q->learn[i] = q->learn[i - 1];
        i--;
    }
    q->learn[i] = *c;
    q->n_learn++;
    return 0;
}

void queue_counts(const struct queue *q, size_t *learn, size_t *review, size_t *fresh)
{
    *learn = q->n_learn;
    *review = q->n_review;
    *fresh = q->n_new;
}
