/*
 * replay.c - FSRS-6 replay of an event log (see replay.h).
 *
 * Built for a million events in well under a second: lines are parsed in place,
 * card state lives in one open-addressing hash table keyed by the id bytes (one
 * cache line per card, short ids inside it, longer ones in an arena), and output
 * is formatted by hand into a large buffer.  printf("%.17g") alone would cost more than everything else, so
 * replay_g17() converts doubles exactly with 128-bit integer arithmetic and falls
 * back to snprintf only outside the range where that is simple.
 */
#include "replay.h"

#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "clock.h"

__extension__ typedef unsigned __int128 u128;

/* ---- number formatting ------------------------------------------------- */

static const char digit_pairs[201] =
    "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
    "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
    "8081828384858687888990919293949596979899";

static const uint64_t pow10_u64[20] = {
    UINT64_C(1), UINT64_C(10), UINT64_C(100), UINT64_C(1000), UINT64_C(10000),
    UINT64_C(100000), UINT64_C(1000000), UINT64_C(10000000), UINT64_C(100000000),
    UINT64_C(1000000000), UINT64_C(10000000000), UINT64_C(100000000000),
    UINT64_C(1000000000000), UINT64_C(10000000000000), UINT64_C(100000000000000),
    UINT64_C(1000000000000000), UINT64_C(10000000000000000),
    UINT64_C(100000000000000000), UINT64_C(1000000000000000000),
    UINT64_C(10000000000000000000),
};

static int count_digits(uint64_t v)
{
    int n = 1;
    while (n < 20 && v >= pow10_u64[n])
        n++;
    return n;
}

/* Exactly n <= 8 decimal digits of v < 10^8 into buf, in 32-bit arithmetic. */
static void put_digits8(uint32_t v, int n, char *buf)
{
    while (n >= 2) {
        uint32_t r = v % 100;
        v /= 100;
        n -= 2;
        buf[n] = digit_pairs[2 * r];
        buf[n + 1] = digit_pairs[2 * r + 1];
    }
    if (n == 1)
        buf[0] = (char)('0' + v);
}

/* Exactly n decimal digits of v (leading zeros included) into buf. */
static void put_digits(uint64_t v, int n, char *buf)
{
    while (n > 8) {
        n -= 8;
        put_digits8((uint32_t)(v % 100000000), 8, buf + n);
        v /= 100000000;
    }
    put_digits8((uint32_t)v, n, buf);
}

static size_t fmt_u64(uint64_t v, char *buf)
{
    int n = count_digits(v);
    put_digits(v, n, buf);
    return (size_t)n;
}

static size_t fmt_i64(int64_t v, char *buf)
{
    if (v >= 0)
        return fmt_u64((uint64_t)v, buf);
    buf[0] = '-';
    return 1 + fmt_u64(-(uint64_t)v, buf + 1);
}

/* m * 10^k for 0 <= k <= 21 (m < 2^53, so the product fits in 123 bits). */
static u128 mul_pow10(uint64_t m, int k)
{
    if (k <= 19)
        return (u128)m * pow10_u64[k];
    return (u128)m * pow10_u64[19] * pow10_u64[k - 19];
}

/*
 * The 17 significant digits of x (0 < x < 2^52, normal), rounded to nearest
 * with ties to even on the exact binary value as glibc does, and the decimal
 * exponent of the first digit.  Returns 0 if x is outside what this handles.
 *
 * x = m / 2^s exactly.  With p = floor(log2 x * log10 2), the true exponent is p
 * or p + 1; q = floor(m * 10^(16-p) / 2^s) has 17 digits in the first case and
 * 18 in the second, where one more digit is divided off, remainder kept exact.
 */
static int g17_digits(double x, uint64_t *digits, int *exp10)
{
    uint64_t bits;
    memcpy(&bits, &x, sizeof bits);
    int be = (int)(bits >> 52);
    if (be == 0 || be >= 1023 + 52)
        return 0;
    uint64_t m = (bits & ((UINT64_C(1) << 52) - 1)) | (UINT64_C(1) << 52);
    int s = 1075 - be;                              /* >= 1 */
    int e2 = be - 1023;
    int p = (e2 * 78913 - (e2 < 0 ? (1 << 18) - 1 : 0)) / (1 << 18);   /* floor(e2*log10 2) */
    int k = 16 - p;
    if (k < 0 || k > 21 || s + 4 > 127)
        return 0;
    u128 n = mul_pow10(m, k);
    u128 q = n >> s, rem = n - (q << s), half = (u128)1 << (s - 1);
    const uint64_t lo = pow10_u64[16], hi = pow10_u64[17];
    if (q >= hi) {                                  /* 18 digits: drop one */
        p++;
        rem += (u128)(q % 10) << s;
        q /= 10;
        half = (u128)5 << s;
    }
    uint64_t d = (uint64_t)q;
    if (d < lo)
        return 0;                                   /* cannot happen; be safe */
    if (rem > half || (rem == half && (d & 1)))
        d++;
    if (d == hi) {
        d = lo;
        p++;
    }
    *digits = d;
    *exp10 = p;
    return 1;
}

size_t replay_g17(double x, char *buf)
{
    uint64_t dg;
    int e;
    int neg = x < 0;
    double a = neg ? -x : x;
    if (!(a >= 1e-4 && g17_digits(a, &dg, &e) && e >= -4 && e < 17))
        return (size_t)snprintf(buf, REPLAY_G17_MAX, "%.17g", x);
    char d[17];
    put_digits(dg, 17, d);
    int last = 16;
    while (last > 0 && d[last] == '0')
        last--;
    size_t n = 0;
    if (neg)
        buf[n++] = '-';
    if (e >= 0) {
        for (int i = 0; i <= e; i++)
            buf[n++] = d[i];
        if (last > e) {
            buf[n++] = '.';
            for (int i = e + 1; i <= last; i++)
                buf[n++] = d[i];
        }
    } else {
        buf[n++] = '0';
        buf[n++] = '.';
        for (int i = -1; i > e; i--)
            buf[n++] = '0';
        for (int i = 0; i <= last; i++)
            buf[n++] = d[i];
    }
    buf[n] = '\0';
    return n;
}

size_t replay_format(const struct replay_event *ev, char *buf)
{
    char *p = buf;
    memcpy(p, ev->id, ev->id_len);
    p += ev->id_len;
    *p++ = '\t';
    p += fmt_i64(ev->t, p);
    *p++ = '\t';
    *p++ = (char)('0' + ev->grade);
    *p++ = '\t';
    p += replay_g17(ev->s, p);
    *p++ = '\t';
    p += replay_g17(ev->d, p);
    *p++ = '\t';
    p += fmt_i64(ev->interval, p);
    *p++ = '\t';
    p += fmt_i64(ev->due, p);
    *p++ = '\n';
    return (size_t)(p - buf);
}

/* ---- card table ---------------------------------------------------------- */

#define INLINE_ID 24

/* One card, one cache line: ids up to INLINE_ID bytes are kept in the slot. */
struct slot {
    uint64_t hash;
    int64_t t;            /* time of the card's last event */
    double s, d;          /* memory after it */
    uint32_t key_len;     /* 0 = empty slot */
    uint32_t key_off;     /* where a longer id is in the arena */
    char key[INLINE_ID];
};

struct replay {
    struct fsrs_params p;
    struct slot *slots;
    size_t cap, used;     /* cap is a power of two, used <= 0.7 cap */
    char *arena;          /* ids longer than INLINE_ID */
    size_t arena_len, arena_cap;
    long line;
};

static uint64_t hash_bytes(const char *s, size_t n)
{
    uint64_t h = UINT64_C(0xcbf29ce484222325);
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * UINT64_C(0x100000001b3);
    return h ^ (h >> 31);
}

static const char *slot_key(const struct replay *r, const struct slot *s)
{
    return s->key_len <= INLINE_ID ? s->key : r->arena + s->key_off;
}

/*
 * Zeroed room for cap slots.  Big tables ask for huge pages where the system has
 * them: a fault per 4 KiB page costs more than the replay's arithmetic.
 */
static struct slot *table_alloc(size_t cap)
{
    size_t bytes = cap * sizeof(struct slot), huge = (size_t)2 << 20;
    int big = bytes >= huge;
    struct slot *ns = aligned_alloc(big ? huge : 64, bytes);
    if (!ns)
        return NULL;
#ifdef MADV_HUGEPAGE
    if (big)
        madvise(ns, bytes, MADV_HUGEPAGE);
#endif
    memset(ns, 0, bytes);
    return ns;
}

static int table_grow(struct replay *r)
{
    size_t cap = r->cap ? r->cap * 2 : 4096;
    struct slot *ns = table_alloc(cap);
    if (!ns)
        return -1;
    for (size_t i = 0; i < r->cap; i++) {
        const struct slot *o = &r->slots[i];
        if (!o->key_len)
            continue;
        size_t j = (size_t)o->hash & (cap - 1);
        while (ns[j].key_len)
            j = (j + 1) & (cap - 1);
        ns[j] = *o;
    }
    free(r->slots);
    r->slots = ns;
    r->cap = cap;
    return 0;
}

static int set_key(struct replay *r, struct slot *s, const char *id, size_t n)
{
    if (n <= INLINE_ID) {
        memcpy(s->key, id, n);
    } else {
        if (r->arena_len + n > r->arena_cap) {
            size_t cap = r->arena_cap ? r->arena_cap * 2 : 65536;
            while (cap < r->arena_len + n)
                cap *= 2;
            if (cap > UINT32_MAX)
                return -1;
            char *na = realloc(r->arena, cap);
            if (!na)
                return -1;
            r->arena = na;
            r->arena_cap = cap;
        }
        memcpy(r->arena + r->arena_len, id, n);
        s->key_off = (uint32_t)r->arena_len;
        r->arena_len += n;
    }
    s->key_len = (uint32_t)n;
    return 0;
}

/* The card's slot, or the empty slot where it would go (key_len 0). */
static struct slot *table_find(struct replay *r, const char *id, size_t n, uint64_t h)
{
    size_t j = (size_t)h & (r->cap - 1);
    for (;;) {
        struct slot *s = &r->slots[j];
        if (!s->key_len)
            return s;
        if (s->hash == h && s->key_len == n && memcmp(slot_key(r, s), id, n) == 0)
            return s;
        j = (j + 1) & (r->cap - 1);
    }
}

struct replay *replay_new(const struct fsrs_params *p, struct lp_err *err)
{
    struct replay *r = calloc(1, sizeof *r);
    if (!r) {
        err_set(err, LP_ENOMEM, NULL);
        return NULL;
    }
    r->p = *p;
    r->p.short_term = 0;
    if (fsrs_params_prepare(&r->p, err) != LP_OK) {
        replay_free(r);
        return NULL;
    }
    if (table_grow(r) != 0) {
        err_set(err, LP_ENOMEM, NULL);
        replay_free(r);
        return NULL;
    }
    return r;
}

void replay_free(struct replay *r)
{
    if (!r)
        return;
    free(r->slots);
    free(r->arena);
    free(r);
}

long replay_line_count(const struct replay *r)
{
    return r->line;
}

size_t replay_card_count(const struct replay *r)
{
    return r->used;
}

/* ---- line parsing -------------------------------------------------------- */

/* Length of the valid UTF-8 sequence at s (n bytes left), 0 if invalid. */
static size_t utf8_seq(const unsigned char *s, size_t n)
{
    unsigned c = s[0];
    size_t len;
    unsigned min;
    if (c < 0xc2 || c > 0xf4)
        return 0;
    if (c < 0xe0) {
        len = 2;
        min = 0x80;
    } else if (c < 0xf0) {
        len = 3;
        min = 0x800;
    } else {
        len = 4;
        min = 0x10000;
    }
    if (len > n)
        return 0;
    unsigned cp = c & (0x3f >> (len - 1));
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xc0) != 0x80)
            return 0;
        cp = (cp << 6) | (s[i] & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
        return 0;
    return len;
}

static const char *check_id(const char *id, size_t n)
{
    if (n == 0)
        return "empty card id";
    if (n > REPLAY_MAX_ID)
        return "card id longer than 255 bytes";
    const unsigned char *s = (const unsigned char *)id;
    for (size_t i = 0; i < n;) {
        if (s[i] < 0x80) {
            if (s[i] < 0x20 || s[i] == 0x7f)
                return "control character in card id";
            i++;
            continue;
        }
        size_t k = utf8_seq(s + i, n - i);
        if (!k)
            return "card id is not valid UTF-8";
        i += k;
    }
    return NULL;
}

static const char *parse_time(const char *s, size_t n, int64_t *out)
{
    size_t i = 0;
    int neg = 0;
    if (n > 0 && s[0] == '-') {
        neg = 1;
        i = 1;
    }
    if (i == n)
        return "missing time";
    int64_t v = 0;
    for (; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return "time is not a whole number of unix seconds";
        v = v * 10 + (s[i] - '0');
        if (v > REPLAY_MAX_TIME)
            return "time out of range (|t| <= 10^12)";
    }
    *out = neg ? -v : v;
    return NULL;
}

struct fields {
    const char *id;
    size_t id_len;
    int64_t t;
    int grade;
};

static const char *parse_fields(const char *line, size_t len, struct fields *f)
{
    const char *tab1 = memchr(line, '\t', len);
    if (!tab1)
        return "expected card_id<TAB>unix_seconds<TAB>rating";
    f->id = line;
    f->id_len = (size_t)(tab1 - line);
    const char *ts = tab1 + 1, *end = line + len;
    const char *tab2 = memchr(ts, '\t', (size_t)(end - ts));
    if (!tab2)
        return "missing rating (expected card_id<TAB>unix_seconds<TAB>rating)";
    const char *why = check_id(f->id, f->id_len);
    if (!why)
        why = parse_time(ts, (size_t)(tab2 - ts), &f->t);
    if (why)
        return why;
    const char *g = tab2 + 1;
    if (end - g != 1 || *g < '1' || *g > '4')
        return memchr(g, '\t', (size_t)(end - g)) ? "more than three fields"
                                                   : "rating is not 1, 2, 3 or 4";
    f->grade = *g - '0';
    return NULL;
}

/* ---- scheduling ---------------------------------------------------------- */

/* ts-fsrs's long-term scheduler: each grade's interval, then keep them ordered. */
static int chosen_interval(const struct fsrs_params *p, const double s[4], int grade)
{
    int again = fsrs_interval(p, s[0]), hard = fsrs_interval(p, s[1]);
    again = again < hard ? again : hard;
    hard = hard > again + 1 ? hard : again + 1;
    if (grade <= 2)
        return grade == 1 ? again : hard;
    int good = fsrs_interval(p, s[2]);
    good = good > hard + 1 ? good : hard + 1;
    if (grade == 3)
        return good;
    int easy = fsrs_interval(p, s[3]);
    return easy > good + 1 ? easy : good + 1;
}

static int parse_error(struct lp_err *err, long no, const char *why)
{
    err_set(err, LP_EPARSE, "line %ld: %s", no, why);
    return -1;
}

/* The card's slot, added (with no memory yet) if new; NULL when out of memory. */
static struct slot *card_slot(struct replay *r, const struct fields *f, int *is_new)
{
    uint64_t h = hash_bytes(f->id, f->id_len);
    struct slot *s = table_find(r, f->id, f->id_len, h);
    *is_new = s->key_len == 0;
    if (!*is_new)
        return s;
    if ((r->used + 1) * 10 > r->cap * 7) {
        if (table_grow(r) != 0)
            return NULL;
        s = table_find(r, f->id, f->id_len, h);
    }
    if (set_key(r, s, f->id, f->id_len) != 0)
        return NULL;
    s->hash = h;
    r->used++;
    return s;
}

int replay_line(struct replay *r, const char *line, size_t len, struct replay_event *out,
                struct lp_err *err)
{
    long no = ++r->line;
    if (len > 0 && line[len - 1] == '\r')
        len--;
    if (len == 0)
        return 0;
    struct fields f;
    const char *why = parse_fields(line, len, &f);
    if (why)
        return parse_error(err, no, why);
    int is_new;
    struct slot *s = card_slot(r, &f, &is_new);
    if (!s) {
        err_set(err, LP_ENOMEM, "line %ld: out of memory", no);
        return -1;
    }
    const struct fsrs_params *p = &r->p;
    double st[4], d;
    if (is_new) {
        for (int g = 1; g <= 4; g++)
            st[g - 1] = p->first[g].s;
        d = p->first[f.grade].d;
    } else {
        if (f.t < s->t) {
            err_set(err, LP_EPARSE, "line %ld: time %lld is before this card's previous event (%lld)",
                    no, (long long)f.t, (long long)s->t);
            return -1;
        }
        struct fsrs_memory cur = {s->s, s->d};
        int32_t days = clock_utc_day(f.t) - clock_utc_day(s->t);
        fsrs_next_stabilities(p, cur, (double)days, st);
        d = fsrs_next_difficulty(p, cur.d, f.grade);
    }
    s->t = f.t;
    s->s = st[f.grade - 1];
    s->d = d;
    out->id = f.id;
    out->id_len = f.id_len;
    out->t = f.t;
    out->grade = f.grade;
    out->s = s->s;
    out->d = d;
    out->interval = chosen_interval(p, st, f.grade);
    out->due = f.t + (int64_t)out->interval * 86400;
    return 1;
}

/* ---- streaming ----------------------------------------------------------- */

#define IN_CHUNK (1 << 20)
#define OUT_CHUNK (1 << 20)

struct stream {
    FILE *out;
    char *obuf;
    size_t olen;
};

static int flush_out(struct stream *st)
{
    if (st->olen && fwrite(st->obuf, 1, st->olen, st->out) != st->olen)
        return -1;
    st->olen = 0;
    return 0;
}

/*
 * Replay the complete lines in buf[0..n); returns the bytes consumed, or
 * (size_t)-1 on error.  With `final`, a last line without LF counts too.
 */
static size_t run_lines(struct replay *r, struct stream *st, const char *buf, size_t n,
                        int final, struct lp_err *err)
{
    size_t pos = 0;
    while (pos < n) {
        const char *nl = memchr(buf + pos, '\n', n - pos);
        if (!nl && !final)
            break;
        size_t len = nl ? (size_t)(nl - (buf + pos)) : n - pos;
        struct replay_event ev;
        int rc = replay_line(r, buf + pos, len, &ev, err);
        if (rc < 0)
            return (size_t)-1;
        if (rc > 0) {
            if (OUT_CHUNK - st->olen < REPLAY_OUT_MAX && flush_out(st) != 0) {
                err_set(err, LP_EIO, "cannot write the replay output");
                return (size_t)-1;
            }
            st->olen += replay_format(&ev, st->obuf + st->olen);
        }
        pos += len + (nl != NULL);
    }
    return pos;
}

/* Read `in` chunk by chunk; a line longer than a whole chunk is an error. */
static enum lp_code run_stream(struct replay *r, FILE *in, struct stream *st, char *ibuf,
                               struct lp_err *err)
{
    size_t have = 0;
    for (;;) {
        have += fread(ibuf + have, 1, IN_CHUNK - have, in);
        if (ferror(in))
            return err_set(err, LP_EIO, "cannot read the event log");
        int at_end = feof(in) != 0;   /* fread fills the buffer unless at EOF */
        size_t used = run_lines(r, st, ibuf, have, at_end, err);
        if (used == (size_t)-1)
            return err->code;
        if (at_end)
            return LP_OK;
        if (used == 0 && have == IN_CHUNK) {
            r->line++;
            return err_set(err, LP_EPARSE, "line %ld: line longer than %d bytes", r->line,
                           IN_CHUNK);
        }
        memmove(ibuf, ibuf + used, have - used);
        have -= used;
    }
}

enum lp_code replay_run(FILE *in, FILE *out, const struct fsrs_params *p, long *bad_line,
                        struct lp_err *err)
{
    struct lp_err local;
    if (!err)
        err = &local;
    err_clear(err);
    if (bad_line)
        *bad_line = 0;
    struct replay *r = replay_new(p, err);
    if (!r)
        return err->code;
    char *ibuf = malloc(IN_CHUNK);
    struct stream st = {out, malloc(OUT_CHUNK), 0};
    enum lp_code rc;
    if (!ibuf || !st.obuf)
        rc = err_set(err, LP_ENOMEM, NULL);
    else
        rc = run_stream(r, in, &st, ibuf, err);
    if (rc == LP_EPARSE && bad_line)
        *bad_line = replay_line_count(r);
    if (st.obuf && (flush_out(&st) != 0 || fflush(out) != 0) && rc == LP_OK)
        rc = err_set(err, LP_EIO, "cannot write the replay output");
    free(ibuf);
    free(st.obuf);
    replay_free(r);
    return rc;
}
