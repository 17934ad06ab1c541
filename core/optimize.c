/*
 * optimize.c - fitting FSRS-6 to a review log the way fsrs-rs does (see optimize.h).
 *
 * The log becomes cards (each card's reviews in time order with their delta_t) and
 * items (review j >= 1 of a card with delta_t > 0, numbered by time: the "rank").
 * A fit picks its training items by rank, filters outliers, initialises w0-w3 from
 * first-review outcomes and runs Adam over batches of whole cards, so that each
 * card's history is swept once per step for all of its items (fsrs_grad.h).
 */
#include "optimize.h"

#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "fsrs_grad.h"

#define S_MIN 0.001
#define INIT_S_MAX 100.0

static const double default_w[OPT_NW] = {
    0.212,  1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001,  1.8722, 0.1666, 0.796,
    1.4835, 0.0614, 0.2629, 1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.1542,
};

/* fsrs-rs's clip bounds (parameter_clipper.rs, one relearning step). */
static const double w_lo[OPT_NW] = {
    S_MIN, S_MIN, S_MIN, S_MIN, 1.0, 0.001, 0.001, 0.001, 0.0, 0.0, 0.001,
    0.001, 0.001, 0.001, 0.0,   0.0, 1.0,   0.0,   0.0,   0.0, 0.1,
};
static const double w_hi[OPT_NW] = {
    INIT_S_MAX, INIT_S_MAX, INIT_S_MAX, INIT_S_MAX, 10.0, 4.0, 4.0, 0.75, 4.5, 0.8, 3.5,
    5.0,        0.25,       0.9,        4.0,        1.0,  6.0, 2.0, 2.0,  0.8, 0.8,
};

/* fsrs-rs's PARAMS_STDDEV: the scale of the pull toward the starting weights. */
static const double w_sd[OPT_NW] = {
    6.43, 9.66, 17.58, 27.85, 0.57, 0.28, 0.6,  0.12, 0.39, 0.18, 0.33,
    0.3,  0.09, 0.16,  0.57,  0.25, 1.03, 0.31, 0.32, 0.14, 0.27,
};

struct opt_data {
    long n_reviews, n_cards, n_items;
    int32_t *card_start;  /* [n_cards + 1]: the card's reviews in the arrays below */
    uint8_t *grade;       /* [n_reviews] */
    double *dt;           /* [n_reviews]: days since the card's previous review */
    int32_t *first_lt;    /* [n_cards]: review index of the first delta_t > 0, or -1 */
    int32_t *item_rev;    /* [n_items]: review index of the item with this rank */
    uint32_t *item_card;  /* [n_items] */
    uint64_t *item_bin;   /* [n_items]: fsrs-rs's r_matrix_index, packed */
    int max_len;          /* reviews in the longest card */
};

void opt_default_config(struct opt_config *c)
{
    c->epochs = 5;
    c->batch_size = 512;
    c->learning_rate = 4e-2;
    c->gamma = 1.0;
    c->max_seq_len = 256;
    c->seed = 2023;
    c->holdout = 0.2;
    c->min_items = OPT_MIN_ITEMS;
    c->threads = 2;
}

void opt_default_weights(double w[OPT_NW])
{
    memcpy(w, default_w, sizeof default_w);
}

void opt_clip(double w[OPT_NW])
{
    for (int i = 0; i < OPT_NW; i++)
        w[i] = w[i] < w_lo[i] ? w_lo[i] : w[i] > w_hi[i] ? w_hi[i] : w[i];
}

/* ---- Building the data ---------------------------------------------------- */

/* Time order of two entries of the log (ties by input order). */
static int later(const struct revlog_entry *x, const struct revlog_entry *y)
{
    return x->time != y->time ? x->time > y->time : x->seq > y->seq;
}

/* For sorting one card's entry indices by time: qsort has no context argument. */
struct entry_ref {
    int64_t time;
    uint32_t seq;
    int32_t at;
};

static int ref_cmp(const void *a, const void *b)
{
    const struct entry_ref *x = a, *y = b;
    if (x->time != y->time)
        return x->time < y->time ? -1 : 1;
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* round(m * base^floor(log_base(x))), as fsrs-rs computes its bin edges. */
static uint64_t log_bin(double x, double m, double base)
{
    return (uint64_t)llround(m * pow(base, floor(log(x) / log(base))));
}

/* fsrs-rs's r_matrix_index of an item, packed into one key. */
static uint64_t item_bin(double dt, long long_term, long lapses)
{
    uint64_t t_bin = log_bin(dt, 2.48 * 100, 3.62);
    uint64_t len_bin = log_bin((double)long_term + 1, 1.99, 1.89);
    uint64_t lapse_bin = lapses ? log_bin((double)lapses, 1.65, 1.73) : 0;
    return t_bin << 32 | (len_bin & 0xffff) << 16 | (lapse_bin & 0xffff);
}

static int alloc_data(struct opt_data *d)
{
    size_t n = (size_t)d->n_reviews + 1, nc = (size_t)d->n_cards + 1;
    d->card_start = calloc(nc, sizeof *d->card_start);
    d->first_lt = calloc(nc, sizeof *d->first_lt);
    d->grade = calloc(n, 1);
    d->dt = calloc(n, sizeof *d->dt);
    d->item_rev = calloc(n, sizeof *d->item_rev);
    d->item_card = calloc(n, sizeof *d->item_card);
    d->item_bin = calloc(n, sizeof *d->item_bin);
    return d->card_start && d->first_lt && d->grade && d->dt && d->item_rev && d->item_card &&
                   d->item_bin
               ? 0
               : -1;
}

/* Sort one card's entry indices at[0..k) by time, if they are not in order already. */
static int sort_card(const struct revlog *log, int32_t *at, size_t k)
{
    size_t i = 1;
    while (i < k && !later(&log->e[at[i - 1]], &log->e[at[i]]))
        i++;
    if (i >= k)
        return 0;
    struct entry_ref *r = malloc(k * sizeof *r);
    if (!r)
        return -1;
    for (i = 0; i < k; i++)
        r[i] = (struct entry_ref){log->e[at[i]].time, log->e[at[i]].seq, at[i]};
    qsort(r, k, sizeof *r, ref_cmp);
    for (i = 0; i < k; i++)
        at[i] = r[i].at;
    free(r);
    return 0;
}

/* Whether the log's entries are in time order (then items are ranked without sorting). */
static int log_in_time_order(const struct revlog *log)
{
    for (size_t i = 1; i < log->n; i++)
        if (log->e[i - 1].time > log->e[i].time)
            return 0;
    return 1;
}

/*
 * map[card] = the card's number in order of first review (time, then input
 * order), so that a fit does not depend on the order of the lines.  Cards are
 * interned in input order, so for a log in time order the map is the identity.
 */
static int number_cards(const struct revlog *log, long n_cards, uint32_t *map)
{
    if (log_in_time_order(log)) {
        for (long c = 0; c < n_cards; c++)
            map[c] = (uint32_t)c;
        return 0;
    }
    struct entry_ref *first = malloc(((size_t)n_cards + 1) * sizeof *first);
    if (!first)
        return -1;
    for (long c = 0; c < n_cards; c++)
        first[c] = (struct entry_ref){INT64_MAX, UINT32_MAX, (int32_t)c};
    for (size_t i = 0; i < log->n; i++) {
        struct entry_ref *f = &first[log->e[i].card];
        if (ref_cmp(&(struct entry_ref){log->e[i].time, log->e[i].seq, 0}, f) < 0) {
            f->time = log->e[i].time;
            f->seq = log->e[i].seq;
        }
    }
    qsort(first, (size_t)n_cards, sizeof *first, ref_cmp);
    for (long c = 0; c < n_cards; c++)
        map[first[c].at] = (uint32_t)c;
    free(first);
    return 0;
}

/* perm: the log's entry indices grouped by card (counting sort), each card's by time. */
static int group_by_card(const struct revlog *log, struct opt_data *d, int32_t *perm)
{
    int32_t *start = d->card_start;
    size_t nc = (size_t)d->n_cards + 1;
    uint32_t *map = malloc(nc * sizeof *map);
    int32_t *fill = malloc(nc * sizeof *fill);
    if (!map || !fill || number_cards(log, d->n_cards, map) != 0) {
        free(map);
        free(fill);
        return -1;
    }
    for (size_t i = 0; i < log->n; i++)
        start[map[log->e[i].card] + 1]++;
    for (long c = 0; c < d->n_cards; c++)
        start[c + 1] += start[c];
    memcpy(fill, start, nc * sizeof *fill);
    for (size_t i = 0; i < log->n; i++)
        perm[fill[map[log->e[i].card]]++] = (int32_t)i;
    free(map);
    free(fill);
    for (long c = 0; c < d->n_cards; c++)
        if (sort_card(log, perm + start[c], (size_t)(start[c + 1] - start[c])) != 0)
            return -1;
    return 0;
}

/* Histories from the grouped entries; is_item[i] says whether review i is an item. */
static void fill_cards(struct opt_data *d, const struct revlog *log, const int32_t *perm,
                       uint8_t *is_item)
{
    d->n_items = 0;
    for (long c = 0; c < d->n_cards; c++) {
        int32_t s = d->card_start[c], end = d->card_start[c + 1];
        d->first_lt[c] = -1;
        if (end - s > d->max_len)
            d->max_len = end - s;
        for (int32_t i = s; i < end; i++) {
            int32_t day = log->e[perm[i]].day, prev = i > s ? log->e[perm[i - 1]].day : day;
            d->grade[i] = log->e[perm[i]].grade;
            d->dt[i] = day > prev ? (double)(day - prev) : 0;
            is_item[i] = i > s && d->dt[i] > 0;
            if (is_item[i] && d->first_lt[c] < 0)
                d->first_lt[c] = i;
            d->n_items += is_item[i];
        }
    }
}

/* Number the items by time (ties by input order): item_rev and item_card. */
static int rank_items(struct opt_data *d, const struct revlog *log, const int32_t *perm,
                      const uint8_t *is_item, const uint32_t *card_of)
{
    int32_t *where = malloc((log->n + 1) * sizeof *where);   /* entry -> review index */
    if (!where)
        return -1;
    for (long i = 0; i < d->n_reviews; i++)
        where[perm[i]] = (int32_t)i;
    long r = 0;
    if (log_in_time_order(log)) {
        for (size_t e = 0; e < log->n; e++)
            if (is_item[where[e]])
                d->item_rev[r++] = where[e];
    } else {
        struct entry_ref *k = malloc(((size_t)d->n_items + 1) * sizeof *k);
        if (!k) {
            free(where);
            return -1;
        }
        for (size_t e = 0; e < log->n; e++)
            if (is_item[where[e]])
                k[r++] = (struct entry_ref){log->e[e].time, log->e[e].seq, where[e]};
        qsort(k, (size_t)r, sizeof *k, ref_cmp);
        for (long x = 0; x < r; x++)
            d->item_rev[x] = k[x].at;
        free(k);
    }
    for (long x = 0; x < r; x++)
        d->item_card[x] = card_of[d->item_rev[x]];
    free(where);
    return 0;
}

/* fsrs-rs's bin of every item, from a running count along each card. */
static void bin_items(struct opt_data *d, uint64_t *bin_of)
{
    for (long c = 0; c < d->n_cards; c++) {
        long long_term = 0, lapses = 0;
        for (int32_t i = d->card_start[c] + 1; i < d->card_start[c + 1]; i++) {
            if (d->dt[i] == 0)
                continue;
            bin_of[i] = item_bin(d->dt[i], ++long_term, lapses);
            lapses += d->grade[i] == 1;
        }
    }
    for (long r = 0; r < d->n_items; r++)
        d->item_bin[r] = bin_of[d->item_rev[r]];
}

/* The steps of opt_data_new after allocation; -1 when out of memory. */
static int build_data(struct opt_data *d, const struct revlog *log)
{
    size_t n = log->n + 1;
    int32_t *perm = malloc(n * sizeof *perm);
    uint8_t *is_item = malloc(n);
    uint32_t *card_of = malloc(n * sizeof *card_of);
    uint64_t *bin_of = malloc(n * sizeof *bin_of);
    int rc = -1;
    if (perm && is_item && card_of && bin_of && group_by_card(log, d, perm) == 0) {
        fill_cards(d, log, perm, is_item);
        for (long c = 0; c < d->n_cards; c++)
            for (int32_t i = d->card_start[c]; i < d->card_start[c + 1]; i++)
                card_of[i] = (uint32_t)c;
        rc = rank_items(d, log, perm, is_item, card_of);
        if (rc == 0)
            bin_items(d, bin_of);
    }
    free(perm);
    free(is_item);
    free(card_of);
    free(bin_of);
    return rc;
}

struct opt_data *opt_data_new(const struct revlog *log, struct lp_err *err)
{
    struct opt_data *d = calloc(1, sizeof *d);
    if (d && log->n > INT32_MAX - 1) {
        free(d);
        err_set(err, LP_EINVAL, "review log too large (%zu reviews)", log->n);
        return NULL;
    }
    if (d) {
        d->n_reviews = (long)log->n;
        d->n_cards = (long)log->n_cards;
    }
    if (!d || alloc_data(d) != 0 || build_data(d, log) != 0) {
        opt_data_free(d);
        err_set(err, LP_ENOMEM, NULL);
        return NULL;
    }
    return d;
}

void opt_data_free(struct opt_data *d)
{
    if (!d)
        return;
    free(d->card_start);
    free(d->first_lt);
    free(d->grade);
    free(d->dt);
    free(d->item_rev);
    free(d->item_card);
    free(d->item_bin);
    free(d);
}

long opt_data_items(const struct opt_data *d)
{
    return d->n_items;
}

/* fsrs-rs's recency weight of the i-th of n items in time order. */
static double recency(long i, long n)
{
    double len = n > 1 ? (double)(n - 1) : 1.0, x = (double)i / len;
    return 0.25 + 0.75 * x * x * x;
}

/* ---- Loss and evaluation ---------------------------------------------------- */

/* Loss over cards with per-review weights wt (0: not a target), gradient into grad. */
static double weighted_loss(const struct opt_data *d, const struct fsrs_grad_w *k,
                            const double *wt, const long *last, const uint32_t *cards,
                            long n_cards, struct fsrs_grad_step *ws, double grad[OPT_NW])
{
    double loss = 0;
    for (long i = 0; i < n_cards; i++) {
        uint32_t c = cards[i];
        long s = d->card_start[c];
        int n = (int)(last[c] - s + 1);
        loss += fsrs_grad_card(k, d->grade + s, d->dt + s, wt + s, n, ws, NULL, grad);
    }
    return loss;
}

/* Per-review target weights for ranks < n (all items with recency weights). */
static double *rank_weights(const struct opt_data *d, long n)
{
    double *wt = calloc((size_t)d->n_reviews + 1, sizeof *wt);
    if (!wt)
        return NULL;
    for (long r = 0; r < n; r++)
        wt[d->item_rev[r]] = recency(r, n);
    return wt;
}

/* The cards that hold targets (wt > 0) and each one's last target review. */
static long target_cards(const struct opt_data *d, const double *wt, uint32_t *cards,
                         long *last)
{
    long n = 0;
    for (long c = 0; c < d->n_cards; c++) {
        last[c] = -1;
        for (long i = d->card_start[c]; i < d->card_start[c + 1]; i++)
            if (wt[i] > 0)
                last[c] = i;
        if (last[c] >= 0)
            cards[n++] = (uint32_t)c;
    }
    return n;
}

double opt_loss(const struct opt_data *d, const double w[OPT_NW], long n_items,
                double grad[OPT_NW])
{
    if (n_items < 0 || n_items > d->n_items)
        n_items = d->n_items;
    double *wt = rank_weights(d, n_items);
    uint32_t *cards = malloc(((size_t)d->n_cards + 1) * sizeof *cards);
    long *last = malloc(((size_t)d->n_cards + 1) * sizeof *last);
    struct fsrs_grad_step *ws = malloc(((size_t)d->max_len + 1) * sizeof *ws);
    double loss = NAN;
    if (grad)
        memset(grad, 0, OPT_NW * sizeof *grad);
    if (wt && cards && last && ws) {
        struct fsrs_grad_w k;
        fsrs_grad_prepare(&k, w);
        long nc = target_cards(d, wt, cards, last);
        loss = weighted_loss(d, &k, wt, last, cards, nc, ws, grad);
    }
    free(wt);
    free(cards);
    free(last);
    free(ws);
    return loss;
}

/* R of every review of every card under w (pred[i] for reviews after the first). */
static int predict_all(const struct opt_data *d, const double w[OPT_NW], double *pred)
{
    struct fsrs_grad_step *ws = malloc(((size_t)d->max_len + 1) * sizeof *ws);
    if (!ws)
        return -1;
    struct fsrs_grad_w k;
    fsrs_grad_prepare(&k, w);
    for (long c = 0; c < d->n_cards; c++) {
        long s = d->card_start[c];
        int n = (int)(d->card_start[c + 1] - s);
        fsrs_grad_card(&k, d->grade + s, d->dt + s, NULL, n, ws, pred + s, NULL);
    }
    free(ws);
    return 0;
}

/* ---- fsrs-rs's item list: outlier filter and order ----------------------------- */

/*
 * Cards' first long-term reviews grouped by (first grade, delta_t).  fsrs-rs drops
 * the smallest groups of each first grade (at least 20 items or 5% of them), and
 * those of fewer than 6 items or with delta_t over 100 days (365 for Easy); the
 * items of a card whose group is dropped all go.
 */
struct group {
    int g0;
    double dt;
    long count, pass;
    int removed;
    long fill;          /* next slot of this group's items in the ordered list */
};

struct order {
    struct group *g;     /* the groups, sorted by (g0, dt); room for 2 * (n_cards + 1) */
    struct group **gp;   /* scratch */
    long n_groups;
    long *ranks;         /* the kept items, in fsrs-rs's order */
    long n, n_pre;       /* kept items; of which first long-term reviews (at the front) */
    long rating_count[5];/* kept first long-term reviews per first grade */
};

static int group_cmp(const void *a, const void *b)
{
    const struct group *x = a, *y = b;
    if (x->g0 != y->g0)
        return x->g0 - y->g0;
    return x->dt < y->dt ? -1 : x->dt > y->dt;
}

/* Removal order within one first grade: size descending, then delta_t descending. */
static int size_cmp(const void *a, const void *b)
{
    const struct group *x = *(const struct group *const *)a, *y = *(const struct group *const *)b;
    if (x->count != y->count)
        return x->count > y->count ? -1 : 1;
    return x->dt > y->dt ? -1 : x->dt < y->dt;
}

/* Output order of kept groups: first grade, then size and delta_t ascending. */
static int output_cmp(const void *a, const void *b)
{
    const struct group *x = *(const struct group *const *)a, *y = *(const struct group *const *)b;
    if (x->g0 != y->g0)
        return x->g0 - y->g0;
    if (x->count != y->count)
        return x->count < y->count ? -1 : 1;
    return x->dt < y->dt ? -1 : x->dt > y->dt;
}

static int is_first_lt(const struct opt_data *d, long r)
{
    return d->item_rev[r] == d->first_lt[d->item_card[r]];
}

/* Groups of the first long-term reviews with rank in [from, to). */
static void make_groups(const struct opt_data *d, long from, long to, struct order *o)
{
    struct group *g = o->g;
    long k = 0, m = 0;
    for (long r = from; r < to; r++) {
        if (!is_first_lt(d, r))
            continue;
        long i = d->item_rev[r];
        int g0 = d->grade[d->card_start[d->item_card[r]]];
        g[k++] = (struct group){g0, d->dt[i], 1, d->grade[i] > 1, 0, 0};
    }
    qsort(g, (size_t)k, sizeof *g, group_cmp);
    for (long i = 0; i < k; i++) {
        if (m && g[m - 1].g0 == g[i].g0 && g[m - 1].dt == g[i].dt) {
            g[m - 1].count++;
            g[m - 1].pass += g[i].pass;
        } else {
            g[m++] = g[i];
        }
    }
    o->n_groups = m;
}

/* fsrs-rs's filter_outlier over the groups of one first grade, [a, b). */
static void mark_outliers(struct order *o, long a, long b)
{
    struct group **v = o->gp;
    long total = 0, removed = 0;
    for (long i = a; i < b; i++) {
        v[i - a] = &o->g[i];
        total += o->g[i].count;
    }
    qsort(v, (size_t)(b - a), sizeof *v, size_cmp);
    long limit = total / 20 > 20 ? total / 20 : 20;
    for (long i = b - a - 1; i >= 0; i--) {
        struct group *x = v[i];
        if (removed + x->count >= limit) {
            x->removed = !(x->count >= 6 && x->dt <= (x->g0 != 4 ? 100 : 365));
        } else {
            removed += x->count;
            x->removed = 1;
        }
    }
}

static struct group *group_of(const struct order *o, int g0, double dt)
{
    struct group key = {g0, dt, 0, 0, 0, 0};
    return bsearch(&key, o->g, (size_t)o->n_groups, sizeof key, group_cmp);
}

/* Slots for the kept first long-term reviews, grouped as fsrs-rs lists them. */
static void place_groups(struct order *o)
{
    long k = 0, at = 0;
    memset(o->rating_count, 0, sizeof o->rating_count);
    for (long i = 0; i < o->n_groups; i++)
        if (!o->g[i].removed)
            o->gp[k++] = &o->g[i];
    qsort(o->gp, (size_t)k, sizeof *o->gp, output_cmp);
    for (long i = 0; i < k; i++) {
        o->gp[i]->fill = at;
        at += o->gp[i]->count;
        o->rating_count[o->gp[i]->g0] += o->gp[i]->count;
    }
    o->n_pre = at;
}

/*
 * The items of ranks [from, to) as fsrs-rs prepares them: outliers dropped, the
 * kept first long-term reviews first (by first grade and group), then the other
 * kept items in time order.  fsrs-rs's recency weights follow this order.
 */
static void order_items(struct order *o, const struct opt_data *d, long from, long to)
{
    make_groups(d, from, to, o);
    for (long a = 0, b; a < o->n_groups; a = b) {
        for (b = a; b < o->n_groups && o->g[b].g0 == o->g[a].g0;)
            b++;
        mark_outliers(o, a, b);
    }
    place_groups(o);
    o->n = o->n_pre;
    for (long r = from; r < to; r++) {
        uint32_t c = d->item_card[r];
        struct group *x = group_of(o, d->grade[d->card_start[c]], d->dt[d->first_lt[c]]);
        if (x && x->removed)
            continue;
        if (is_first_lt(d, r))
            o->ranks[x->fill++] = r;
        else
            o->ranks[o->n++] = r;
    }
}

static int order_alloc(struct order *o, const struct opt_data *d)
{
    memset(o, 0, sizeof *o);
    o->g = malloc(2 * ((size_t)d->n_cards + 1) * sizeof *o->g);
    o->gp = malloc(((size_t)d->n_cards + 1) * sizeof *o->gp);
    o->ranks = malloc(((size_t)d->n_items + 1) * sizeof *o->ranks);
    return o->g && o->gp && o->ranks ? 0 : -1;
}

static void order_free(struct order *o)
{
    free(o->g);
    free(o->gp);
    free(o->ranks);
}

/* ---- Evaluation ----------------------------------------------------------------- */

/* RMSE(bins): per fsrs-rs bin, sums of predictions, outcomes, counts and weights. */
struct bin {
    uint64_t key;
    double pred, real, count, weight;
    int used;
};

struct bins {
    struct bin *t;
    size_t size, used;   /* size: a power of two */
};

static int bins_grow(struct bins *b)
{
    size_t size = b->size ? b->size * 2 : 1024;
    struct bin *t = calloc(size, sizeof *t);
    if (!t)
        return -1;
    for (size_t i = 0; i < b->size; i++) {
        if (!b->t[i].used)
            continue;
        size_t k = (size_t)((b->t[i].key * 0x9e3779b97f4a7c15ULL) >> 40) & (size - 1);
        while (t[k].used)
            k = (k + 1) & (size - 1);
        t[k] = b->t[i];
    }
    free(b->t);
    b->t = t;
    b->size = size;
    return 0;
}

static struct bin *bins_find(struct bins *b, uint64_t key)
{
    if (2 * (b->used + 1) > b->size && bins_grow(b) != 0)
        return NULL;
    size_t mask = b->size - 1, i = (size_t)((key * 0x9e3779b97f4a7c15ULL) >> 40) & mask;
    while (b->t[i].used && b->t[i].key != key)
        i = (i + 1) & mask;
    if (!b->t[i].used) {
        b->t[i].used = 1;
        b->t[i].key = key;
        b->used++;
    }
    return &b->t[i];
}

/* Weighted log loss and RMSE(bins) of predictions pred on the listed items. */
static struct opt_metrics score(const struct opt_data *d, const double *pred, const long *ranks,
                                long n)
{
    struct opt_metrics m = {NAN, NAN, n};
    struct bins b = {NULL, 0, 0};
    double loss = 0, wsum = 0, se = 0;
    for (long i = 0; i < n; i++) {
        long r = ranks[i];
        double p = pred[d->item_rev[r]], y = d->grade[d->item_rev[r]] > 1, wt = recency(i, n);
        double pc = p < 1e-15 ? 1e-15 : p > 1 - 1e-15 ? 1 - 1e-15 : p;
        struct bin *x = bins_find(&b, d->item_bin[r]);
        if (!x) {
            free(b.t);
            return m;
        }
        loss -= wt * (y ? log(pc) : log1p(-pc));
        wsum += wt;
        x->pred += p;
        x->real += y;
        x->count += 1;
        x->weight += wt;
    }
    for (size_t i = 0; i < b.size; i++)
        if (b.t[i].used) {
            double diff = (b.t[i].pred - b.t[i].real) / b.t[i].count;
            se += diff * diff * b.t[i].weight;
        }
    free(b.t);
    if (n) {
        m.logloss = loss / wsum;
        m.rmse = sqrt(se / wsum);
    }
    return m;
}

/* Metrics of predictions pred (by review) on the items of ranks [from, to). */
static struct opt_metrics metrics_of(const struct opt_data *d, const double *pred, long from,
                                     long to)
{
    struct opt_metrics m = {NAN, NAN, 0};
    struct order o;
    if (order_alloc(&o, d) == 0) {
        order_items(&o, d, from, to < from ? from : to);
        m = score(d, pred, o.ranks, o.n);
    }
    order_free(&o);
    return m;
}

struct opt_metrics opt_evaluate(const struct opt_data *d, const double w[OPT_NW], long from,
                                long to)
{
    struct opt_metrics m = {NAN, NAN, 0};
    from = from < 0 ? 0 : from;
    to = to > d->n_items ? d->n_items : to;
    double *pred = calloc((size_t)d->n_reviews + 1, sizeof *pred);
    if (pred && predict_all(d, w, pred) == 0)
        m = metrics_of(d, pred, from, to);
    free(pred);
    return m;
}

/* ---- The first-review stabilities -------------------------------------------------- */

/* Log loss of first-review outcomes under stability s (fsrs-rs pre-training). */
static double init_loss(const struct group *g, long n, double avg, double s, double s_default)
{
    const double decay = -default_w[20], factor = pow(0.9, 1 / decay) - 1;
    double loss = 0;
    for (long i = 0; i < n; i++) {
        double recall = ((double)g[i].pass + avg) / ((double)g[i].count + 1);
        double y = pow(g[i].dt / s * factor + 1, decay);
        loss -= (recall * log(y) + (1 - recall) * log(1 - y)) * (double)g[i].count;
    }
    return loss + fabs(s - s_default) / 16;
}

/* Ternary search of the stability that best explains one first grade's groups. */
static double search_stability(const struct group *g, long n, double avg, double s_default)
{
    double lo = S_MIN, hi = INIT_S_MAX, best = s_default;
    for (int it = 0; hi - lo > 2.220446049250313e-16 && it < 1000; it++) {
        double m1 = lo + (hi - lo) / 3, m2 = hi - (hi - lo) / 3;
        if (init_loss(g, n, avg, m1, s_default) < init_loss(g, n, avg, m2, s_default))
            hi = m2;
        else
            lo = m1;
        best = (hi + lo) / 2;
    }
    return best;
}

/* Fill the missing grades of r[1..4] from the two present ones (fsrs-rs). */
static void fill_two(double r[5], const int has[5])
{
    const double w1 = 0.41, w2 = 0.54, q = w1 + w2 - w1 * w2;
    if (!has[1] && !has[2]) {
        r[2] = pow(r[3], 1 / (1 - w2)) * pow(r[4], 1 - 1 / (1 - w2));
        r[1] = pow(r[2], 1 / w1) * pow(r[3], 1 - 1 / w1);
    } else if (!has[1] && !has[3]) {
        r[3] = pow(r[2], 1 - w2) * pow(r[4], w2);
        r[1] = pow(r[2], 1 / w1) * pow(r[3], 1 - 1 / w1);
    } else if (!has[1] && !has[4]) {
        r[4] = pow(r[2], 1 - 1 / w2) * pow(r[3], 1 / w2);
        r[1] = pow(r[2], 1 / w1) * pow(r[3], 1 - 1 / w1);
    } else if (!has[2] && !has[3]) {
        r[2] = pow(r[1], w1 / q) * pow(r[4], 1 - w1 / q);
        r[3] = pow(r[1], 1 - w2 / q) * pow(r[4], w2 / q);
    } else if (!has[2] && !has[4]) {
        r[2] = pow(r[1], w1) * pow(r[3], 1 - w1);
        r[4] = pow(r[2], 1 - 1 / w2) * pow(r[3], 1 / w2);
    } else {
        r[3] = pow(r[1], 1 - 1 / (1 - w1)) * pow(r[2], 1 / (1 - w1));
        r[4] = pow(r[2], 1 - 1 / w2) * pow(r[3], 1 / w2);
    }
}

static void fill_three(double r[5], const int has[5])
{
    const double w1 = 0.41, w2 = 0.54;
    if (!has[1])
        r[1] = pow(r[2], 1 / w1) * pow(r[3], 1 - 1 / w1);
    else if (!has[2])
        r[2] = pow(r[1], w1) * pow(r[3], 1 - w1);
    else if (!has[3])
        r[3] = pow(r[2], 1 - w2) * pow(r[4], w2);
    else
        r[4] = pow(r[2], 1 - 1 / w2) * pow(r[3], 1 / w2);
}

/*
 * fsrs-rs's smooth_and_fill: make r[1..4] (present where count[g] > 0) increase
 * with the grade, fill the missing ones, clamp to [S_MIN, 100] into out[0..3].
 * Returns the number of grades present (0: out untouched).
 */
static int smooth_and_fill(double r[5], const long count[5], double out[4])
{
    static const int pairs[6][2] = {{1, 2}, {2, 3}, {3, 4}, {1, 3}, {2, 4}, {1, 4}};
    int has[5] = {0}, n = 0;
    for (int g = 1; g <= 4; g++)
        n += has[g] = count[g] > 0;
    for (int p = 0; p < 6; p++) {
        int a = pairs[p][0], b = pairs[p][1];
        if (has[a] && has[b] && r[a] > r[b]) {
            if (count[a] > count[b])
                r[b] = r[a];
            else
                r[a] = r[b];
        }
    }
    if (n == 0)
        return 0;
    if (n == 1) {
        int g = has[1] ? 1 : has[2] ? 2 : has[3] ? 3 : 4;
        double f = r[g] / default_w[g - 1];
        for (int i = 1; i <= 4; i++)
            r[i] = default_w[i - 1] * f;
    } else if (n == 2) {
        fill_two(r, has);
    } else if (n == 3) {
        fill_three(r, has);
    }
    for (int g = 1; g <= 4; g++)
        out[g - 1] = r[g] < S_MIN ? S_MIN : r[g] > INIT_S_MAX ? INIT_S_MAX : r[g];
    return n;
}

/* ---- One fit ------------------------------------------------------------------- */

struct fit_job {
    const struct opt_data *d;
    const struct opt_config *c;
    long n_cand;                /* candidates: the items with rank < n_cand */
    double w[OPT_NW];
    enum opt_outcome outcome;
    long usable_items, fit_items;
    double *pred;               /* if not NULL: R of every review under w, after the fit */
    double *pred_default;       /* if not NULL: R of every review under the defaults */
    enum lp_code rc;
    /* working state */
    struct order o;             /* the training items in fsrs-rs's order */
    double *wt;                 /* per review: training weight, 0 when not a target */
    uint32_t *cards;            /* cards with targets */
    long n_fit_cards;
    long *last, *targets;       /* per card: last target review, number of targets */
    struct fsrs_grad_step *ws;
    double init_w[OPT_NW];
};

/* w0-w3 from the kept first long-term reviews (initialize_stability_parameters). */
static int initial_stability(struct order *o, double avg, double s0[4])
{
    double r[5] = {0};
    struct group *tmp = o->g + o->n_groups;     /* scratch room after the groups */
    for (int g0 = 1; g0 <= 4; g0++) {
        long k = 0;
        for (long i = 0; i < o->n_groups; i++)
            if (o->g[i].g0 == g0 && !o->g[i].removed)
                tmp[k++] = o->g[i];
        if (k)
            r[g0] = search_stability(tmp, k, avg, default_w[g0 - 1]);
    }
    return smooth_and_fill(r, o->rating_count, s0);
}

/* Share of recalls among the candidates (fsrs-rs's average_recall). */
static double average_recall(const struct opt_data *d, long n)
{
    long pass = 0;
    for (long r = 0; r < n; r++)
        pass += d->grade[d->item_rev[r]] > 1;
    return n ? (double)pass / (double)n : 0;
}

/* Recency weights along the training list, dropping items longer than max_seq_len. */
static void weigh_items(struct fit_job *j)
{
    const struct opt_data *d = j->d;
    j->fit_items = 0;
    for (long i = 0; i < j->o.n; i++) {
        long r = j->o.ranks[i], rev = d->item_rev[r];
        long len = rev - d->card_start[d->item_card[r]] + 1;
        if (len <= j->c->max_seq_len) {
            j->wt[rev] = recency(i, j->o.n);
            j->fit_items++;
        }
    }
    j->n_fit_cards = target_cards(d, j->wt, j->cards, j->last);
    for (long k = 0; k < j->n_fit_cards; k++) {
        uint32_t c = j->cards[k];
        j->targets[c] = 0;
        for (long x = d->card_start[c]; x <= j->last[c]; x++)
            j->targets[c] += j->wt[x] > 0;
    }
}

static uint64_t splitmix64(uint64_t *s)
{
    uint64_t z = (*s += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

static void shuffle(uint32_t *v, long n, uint64_t *rng)
{
    for (long i = n - 1; i > 0; i--) {
        long k = (long)(splitmix64(rng) % (uint64_t)(i + 1));
        uint32_t t = v[i];
        v[i] = v[k];
        v[k] = t;
    }
}

/* The penalty gamma * scale * sum(((w - w_init) / sd)^2); its gradient into grad. */
static double penalty(const struct fit_job *j, const double w[OPT_NW], double scale,
                      double grad[OPT_NW])
{
    double p = 0, f = j->c->gamma * scale;
    for (int i = 0; i < OPT_NW; i++) {
        double z = (w[i] - j->init_w[i]) / w_sd[i];
        p += z * z;
        if (grad)
            grad[i] += 2 * f * z / w_sd[i];
    }
    return p * f;
}

struct adam {
    double m[OPT_NW], v[OPT_NW];
    long t;
};

static void adam_step(struct adam *a, double lr, double w[OPT_NW], const double g[OPT_NW])
{
    const double b1 = 0.9, b2 = 0.999, eps = 1e-8;
    a->t++;
    double c1 = 1 - pow(b1, (double)a->t), c2 = 1 - pow(b2, (double)a->t);
    for (int i = 0; i < OPT_NW; i++) {
        a->m[i] = a->m[i] * b1 + g[i] * (1 - b1);
        a->v[i] = a->v[i] * b2 + g[i] * g[i] * (1 - b2);
        w[i] -= lr * (a->m[i] / c1) / (sqrt(a->v[i] / c2) + eps);
    }
    opt_clip(w);
}

/* One epoch of Adam steps over shuffled batches of whole cards. */
static void train_epoch(struct fit_job *j, double w[OPT_NW], struct adam *a, uint64_t *rng,
                        double t_max)
{
    const struct opt_data *d = j->d;
    long total = j->fit_items, i = 0;
    shuffle(j->cards, j->n_fit_cards, rng);
    while (i < j->n_fit_cards) {
        long first = i, items = 0;
        while (i < j->n_fit_cards && items < j->c->batch_size)
            items += j->targets[j->cards[i++]];
        double grad[OPT_NW] = {0};
        struct fsrs_grad_w k;
        fsrs_grad_prepare(&k, w);
        weighted_loss(d, &k, j->wt, j->last, j->cards + first, i - first, j->ws, grad);
        penalty(j, w, (double)items / (double)total, grad);
        double lr = j->c->learning_rate * (1 + cos(M_PI * (double)(a->t + 1) / t_max)) / 2;
        adam_step(a, lr, w, grad);
    }
}

/* The whole objective per item: the loss over all targets plus the full penalty. */
static double objective(struct fit_job *j, const double w[OPT_NW])
{
    struct fsrs_grad_w k;
    fsrs_grad_prepare(&k, w);
    double loss = weighted_loss(j->d, &k, j->wt, j->last, j->cards, j->n_fit_cards, j->ws, NULL);
    return (loss + penalty(j, w, 1.0, NULL)) / (double)j->fit_items;
}

static void train(struct fit_job *j)
{
    const struct opt_config *c = j->c;
    double w[OPT_NW], best = INFINITY;
    struct adam a;
    uint64_t rng = c->seed;
    memset(&a, 0, sizeof a);
    memcpy(w, j->init_w, sizeof w);
    memcpy(j->w, w, sizeof w);
    double t_max = (double)((j->fit_items / c->batch_size + 1) * c->epochs);
    for (int e = 0; e < c->epochs; e++) {
        train_epoch(j, w, &a, &rng, t_max);
        double loss = objective(j, w);
        if (loss < best) {
            best = loss;
            memcpy(j->w, w, sizeof w);
        }
    }
}

static int job_alloc(struct fit_job *j)
{
    const struct opt_data *d = j->d;
    size_t nc = (size_t)d->n_cards + 1;
    int rc = order_alloc(&j->o, d);
    j->wt = calloc((size_t)d->n_reviews + 1, sizeof *j->wt);
    j->cards = malloc(nc * sizeof *j->cards);
    j->last = malloc(nc * sizeof *j->last);
    j->targets = calloc(nc, sizeof *j->targets);
    j->ws = malloc(((size_t)d->max_len + 1) * sizeof *j->ws);
    return rc == 0 && j->wt && j->cards && j->last && j->targets && j->ws ? 0 : -1;
}

static void job_free(struct fit_job *j)
{
    order_free(&j->o);
    free(j->wt);
    free(j->cards);
    free(j->last);
    free(j->targets);
    free(j->ws);
}

/* The fit itself, on allocated working state. */
static void fit_items(struct fit_job *j)
{
    double s0[4];
    opt_default_weights(j->w);
    j->outcome = OPT_TOO_FEW;
    j->fit_items = 0;
    order_items(&j->o, j->d, 0, j->n_cand);
    j->usable_items = j->o.n;
    if (j->o.n < j->c->min_items || j->o.n == 0)
        return;
    if (!initial_stability(&j->o, average_recall(j->d, j->n_cand), s0))
        return;
    memcpy(j->init_w, default_w, sizeof j->init_w);
    memcpy(j->init_w, s0, sizeof s0);
    memcpy(j->w, j->init_w, sizeof j->w);
    j->outcome = OPT_FIRST_ONLY;
    weigh_items(j);
    if (j->o.n == j->o.n_pre || j->fit_items == 0)
        return;
    train(j);
    double r[5] = {0, j->w[0], j->w[1], j->w[2], j->w[3]};
    smooth_and_fill(r, j->o.rating_count, j->w);
    j->outcome = OPT_FITTED;
}

static void *run_job(void *arg)
{
    struct fit_job *j = arg;
    j->rc = LP_ENOMEM;
    if (job_alloc(j) == 0) {
        fit_items(j);
        j->rc = LP_OK;
    }
    if (j->rc == LP_OK && j->pred && predict_all(j->d, j->w, j->pred) != 0)
        j->rc = LP_ENOMEM;
    if (j->rc == LP_OK && j->pred_default && predict_all(j->d, default_w, j->pred_default) != 0)
        j->rc = LP_ENOMEM;
    job_free(j);
    return NULL;
}

void opt_initial_stability(const struct opt_data *d, double w[4], int *n_ratings)
{
    struct order o;
    double s0[4];
    *n_ratings = 0;
    if (order_alloc(&o, d) == 0) {
        order_items(&o, d, 0, d->n_items);
        *n_ratings = initial_stability(&o, average_recall(d, d->n_items), s0);
        if (*n_ratings)
            memcpy(w, s0, sizeof s0);
    }
    order_free(&o);
}

/* ---- The driver ------------------------------------------------------------------ */

static enum lp_code check_config(const struct opt_config *c, struct lp_err *err)
{
    if (c->epochs < 1 || c->batch_size < 1 || !(c->learning_rate > 0) || !(c->gamma >= 0) ||
        c->max_seq_len < 2 || !(c->holdout >= 0 && c->holdout < 1) || c->min_items < 0)
        return err_set(err, LP_EINVAL, "optimizer: invalid configuration");
    return LP_OK;
}

/* Run the main and (if any) the held-out fit, in parallel when allowed. */
static enum lp_code run_fits(struct fit_job *main_job, struct fit_job *split, int threads)
{
    pthread_t th;
    int started = split && threads >= 2 && pthread_create(&th, NULL, run_job, split) == 0;
    run_job(main_job);
    if (started)
        pthread_join(th, NULL);
    else if (split)
        run_job(split);
    if (main_job->rc != LP_OK)
        return main_job->rc;
    return split ? split->rc : LP_OK;
}

/* The entries of list[0..n) with rank in [from, to), in order, into out; returns count. */
static long slice_ranks(const long *list, long n, long from, long to, long *out)
{
    long k = 0;
    for (long i = 0; i < n; i++)
        if (list[i] >= from && list[i] < to)
            out[k++] = list[i];
    return k;
}

/*
 * The items of the whole log as the reference's evaluator lists them; each time
 * slice is scored on its share of that list (so the outlier filter is decided once,
 * on all the data, rather than again on each slice).
 */
static enum lp_code fill_metrics(const struct opt_data *d, struct opt_result *r, const double *p0,
                                 const double *p1, const double *p2)
{
    long n = d->n_items, cut = n - r->holdout_items, k;
    struct order o;
    long *part = calloc((size_t)n + 1, sizeof *part);
    if (order_alloc(&o, d) != 0 || !part) {
        order_free(&o);
        free(part);
        return LP_ENOMEM;
    }
    order_items(&o, d, 0, n);
    r->all_before = score(d, p0, o.ranks, o.n);
    r->all_after = score(d, p1, o.ranks, o.n);
    k = slice_ranks(o.ranks, o.n, 0, cut, part);
    r->train_before = score(d, p0, part, k);
    r->train_after = score(d, p2, part, k);
    k = slice_ranks(o.ranks, o.n, cut, n, part);
    r->hold_before = score(d, p0, part, k);
    r->hold_after = score(d, p2, part, k);
    order_free(&o);
    free(part);
    return LP_OK;
}

enum lp_code opt_fit(const struct revlog *log, const struct opt_config *c,
                     struct opt_result *r, struct lp_err *err)
{
    memset(r, 0, sizeof *r);
    if (check_config(c, err) != LP_OK)
        return LP_EINVAL;
    struct opt_data *d = opt_data_new(log, err);
    if (!d)
        return LP_ENOMEM;
    size_t n = (size_t)d->n_reviews + 1;
    double *p0 = calloc(n, sizeof *p0), *p1 = calloc(n, sizeof *p1), *p2 = calloc(n, sizeof *p2);
    r->reviews = d->n_reviews;
    r->cards = d->n_cards;
    r->items = d->n_items;
    r->holdout_items = (long)floor((double)d->n_items * c->holdout);
    r->train_items = d->n_items - r->holdout_items;
    /* The held-out fit sees less data, so it also predicts under the defaults. */
    int split = r->holdout_items > 0;
    struct fit_job jm = {.d = d, .c = c, .n_cand = d->n_items, .pred = p1};
    struct fit_job js = {.d = d, .c = c, .n_cand = r->train_items, .pred = p2, .pred_default = p0};
    if (!split)
        jm.pred_default = p0;
    enum lp_code rc = LP_ENOMEM;
    if (p0 && p1 && p2)
        rc = run_fits(&jm, split ? &js : NULL, c->threads);
    if (rc == LP_OK) {
        if (!split) {
            memcpy(js.w, jm.w, sizeof js.w);
            js.outcome = jm.outcome;
            memcpy(p2, p1, n * sizeof *p2);
        }
        memcpy(r->w, jm.w, sizeof r->w);
        r->outcome = jm.outcome;
        r->fit_items = jm.fit_items;
        r->usable_items = jm.usable_items;
        memcpy(r->w_split, js.w, sizeof r->w_split);
        r->split_outcome = js.outcome;
        rc = fill_metrics(d, r, p0, p1, p2);
    }
    if (rc != LP_OK)
        err_set(err, rc, NULL);
    free(p0);
    free(p1);
    free(p2);
    opt_data_free(d);
    return rc;
}
