/*
 * revlog_io.h - a review log in memory, for fitting FSRS to it (optimize.h).
 *
 * A `struct revlog` is a flat list of reviews: which card (interned to a small
 * integer), when (unix seconds), on which study day, and the grade 1-4.  It is
 * filled either from a text file (revlog_read_file) or from the database
 * (fitlog_read_reviews in fitlog.h), through revlog_add.  The order of the
 * entries is kept as given; `seq` numbers them from 0 so that reviews at the same
 * second keep their order.
 *
 * File format, one review per line:   card_id TAB unix_seconds TAB rating
 * Lines end in LF (one CR before it is ignored).  Empty lines and lines starting
 * with '#' are skipped (they still count for line numbers).  A card id is 1-255
 * bytes without control characters; the time is a decimal integer (optional '-',
 * |t| <= 10^12); the rating is 1-4.  Unlike `labprep fsrs replay`, the lines need
 * not be in time order: the optimizer sorts each card's reviews by time.
 *
 * Study days.  By default a review's day is its UTC calendar day.  With a
 * rollover hour H (struct revlog_days.rollover_hour) a day starts at H:00
 * instead of midnight, and with `local` set the day is taken in the local time
 * zone (the TZ environment variable, as clock_day() does), so that a review at
 * 01:30 with H = 4 belongs to the day before, as in Anki.
 */
#ifndef LP_REVLOG_IO_H
#define LP_REVLOG_IO_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "err.h"

#define REVLOG_MAX_ID 255            /* bytes in a card id */
#define REVLOG_MAX_TIME 1000000000000LL

struct revlog_entry {
    uint32_t card;       /* index into the interned card ids */
    int32_t day;         /* study day (days since 1970-01-01) */
    int64_t time;        /* unix seconds */
    uint32_t seq;        /* position in the input, from 0 */
    uint8_t grade;       /* 1-4 */
};

struct revlog_days {
    int local;           /* 0: UTC; 1: local time (TZ) */
    int rollover_hour;   /* 0-23: the hour at which a study day starts */
};

struct revlog_idmap;

struct revlog {
    struct revlog_entry *e;
    size_t n, cap;
    size_t n_cards;
    struct revlog_idmap *ids;   /* private: card id interning */
};

/* An empty log (no allocation yet).  Free with revlog_free(). */
void revlog_init(struct revlog *log);
void revlog_free(struct revlog *log);

/* Study day of unix time t under d (NULL means UTC calendar days). */
int32_t revlog_day(const struct revlog_days *d, int64_t t);

/*
 * Append one review of card `id` (id_len bytes, need not be NUL-terminated).
 * grade must be 1-4 (LP_EINVAL otherwise).  LP_ENOMEM on allocation failure;
 * the log is unchanged on error.
 */
enum lp_code revlog_add(struct revlog *log, const char *id, size_t id_len, int64_t time,
                        int32_t day, int grade, struct lp_err *err);

/* The id of interned card `card` (NUL-terminated, owned by the log), or NULL. */
const char *revlog_card_id(const struct revlog *log, uint32_t card);

/*
 * Read every review line of f (see the format above) into log, computing days
 * with d (NULL: UTC).  `name` is used in messages.  On a bad line returns
 * LP_EPARSE with "NAME:LINE: what is wrong" and *bad_line (if not NULL) set;
 * LP_EIO if reading failed; LP_ENOMEM.  Reviews read before an error stay in log.
 */
enum lp_code revlog_read_file(FILE *f, const char *name, const struct revlog_days *d,
                              struct revlog *log, long *bad_line, struct lp_err *err);

#endif
