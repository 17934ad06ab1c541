/*
 * replay.h - replay a review-event log through FSRS-6, as `labprep fsrs replay` does.
 *
 * Input, one event per line:   card_id TAB unix_seconds TAB rating
 * Output, one line per event:  card_id TAB unix_seconds TAB rating TAB stability
 *                              TAB difficulty TAB interval_days TAB due_unix
 * with stability and difficulty printed as by printf("%.17g").
 *
 * The results are those of ts-fsrs 5.x's long-term scheduler (enable_short_term
 * false, enable_fuzz false) fed the same events:
 *  - a card's first event is its first review: S = max(w[G-1], 0.1), D = D0(G)
 *    clamped to [1, 10];
 *  - later events use the long-term formulas after t = the number of UTC calendar
 *    days between this event and the card's previous one (0 on the same day, and
 *    then R = 1);
 *  - each grade's interval is round(S * modifier) clamped to [1, max_interval],
 *    then, over the four candidate grades, again = min(again, hard),
 *    hard = max(hard, again + 1), good = max(good, hard + 1),
 *    easy = max(easy, good + 1), for first and later reviews alike (so Good
 *    and Easy can pass max_interval by a day or two, as in ts-fsrs);
 *  - due = unix_seconds + interval * 86400.
 *
 * Line rules.  Lines end in LF; one CR before the LF is ignored.  An empty line
 * is skipped (it still counts for line numbers).  Anything else must be exactly
 * three fields: a card id of 1-255 bytes of valid UTF-8 without control
 * characters, a decimal integer time (optional '-', |t| <= 10^12; leading zeros
 * allowed, printed back without them) and a rating 1-4.  A card's events must
 * not go back in time (equal times are allowed).  Events of different cards may
 * interleave freely.  Any other line is an error that stops the replay.
 */
#ifndef LP_REPLAY_H
#define LP_REPLAY_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "err.h"
#include "fsrs.h"

#define REPLAY_MAX_ID 255     /* bytes in a card id */
#define REPLAY_MAX_TIME 1000000000000LL
#define REPLAY_OUT_MAX 512    /* room replay_format needs for any event */
#define REPLAY_G17_MAX 32     /* room replay_g17 needs for any double */

struct replay;

/* One replayed event.  `id` points into the line passed to replay_line(). */
struct replay_event {
    const char *id;
    size_t id_len;
    int64_t t;           /* unix seconds */
    int grade;           /* 1-4 */
    double s, d;         /* memory after the review */
    int interval;        /* days */
    int64_t due;         /* unix seconds */
};

/*
 * A new replay with a copy of p's weights, retention and maximum interval
 * (short_term is forced off; p itself is not changed).  NULL on failure (out of
 * memory, or p invalid: see fsrs_params_prepare), with err filled.
 * Free with replay_free().
 */
struct replay *replay_new(const struct fsrs_params *p, struct lp_err *err);
void replay_free(struct replay *r);

/*
 * Feed the next line (len bytes, without its LF; a trailing CR is ignored).
 * Each call counts as one line for error messages.  Returns 1 and fills *out
 * for an event, 0 for an empty line (out untouched), -1 on error with err set
 * to LP_EPARSE and a message starting "line N: " (or LP_ENOMEM); the card's
 * state is then unchanged, but the replay is meant to stop.
 */
int replay_line(struct replay *r, const char *line, size_t len, struct replay_event *out,
                struct lp_err *err);

/* Lines fed so far, and distinct cards seen. */
long replay_line_count(const struct replay *r);
size_t replay_card_count(const struct replay *r);

/*
 * Write ev as one output line ending in '\n' into buf, which must have at least
 * REPLAY_OUT_MAX bytes.  Returns the length; no terminating NUL is written.
 */
size_t replay_format(const struct replay_event *ev, char *buf);

/*
 * Write x exactly as printf("%.17g", x) would, into buf (at least REPLAY_G17_MAX
 * bytes), NUL-terminated; returns the length.  Fast for 1e-4 <= |x| < 2^52,
 * snprintf for the rest.
 */
size_t replay_g17(double x, char *buf);

/*
 * Replay all of `in` to `out` with large buffered reads and writes.  Output for
 * the events before an error is written.  Returns LP_OK; LP_EPARSE with
 * *bad_line (if not NULL) set to the 1-based line number of the bad line; LP_EIO
 * if reading or writing failed (*bad_line 0); LP_ENOMEM; or LP_EINVAL for bad p.
 * The streams are not closed; `out` is flushed.
 */
enum lp_code replay_run(FILE *in, FILE *out, const struct fsrs_params *p, long *bad_line,
                        struct lp_err *err);

#endif
