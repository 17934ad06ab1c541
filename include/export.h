/*
 * export.h - the study record as text for other tools: the review log and the
 * cards' memory states, as tab-separated lines or JSON, written to a stream.
 *
 * Review log, TSV: one line per study-mode answer, oldest first,
 *   card_id TAB unix_seconds TAB rating
 * which is exactly what `labprep fsrs optimize --revlog FILE` and
 * `labprep fsrs replay` read (so a log can be refitted or replayed elsewhere).
 * Review log, JSON: an array with every row of every mode and all its columns
 * (state and memory before and after, elapsed and scheduled days, answer time).
 *
 * Cards, TSV: a header line, then one line per live card in content order:
 *   id deck section state due stability difficulty reps lapses suspended leech
 * (due as YYYY-MM-DD of the study day, empty for new cards).  Cards, JSON: an
 * array of objects with the same fields (due as the date and unix seconds).
 *
 * Reads happen in one read transaction, so an export is a consistent snapshot.
 * The stream's write errors are reported as LP_EIO (LP_EFULL for ENOSPC/EFBIG).
 */
#ifndef LP_EXPORT_H
#define LP_EXPORT_H

#include <stdio.h>

#include "err.h"
#include "store.h"

enum export_format { EXPORT_TSV, EXPORT_JSON };

/* Write the review log to f.  *rows (may be NULL) gets the number written. */
enum lp_code export_revlog(struct store *st, FILE *f, enum export_format fmt, int rollover_hour,
                           long *rows, struct lp_err *err);

/* Write the live cards' states to f.  *rows (may be NULL) gets the number written. */
enum lp_code export_cards(struct store *st, FILE *f, enum export_format fmt, int rollover_hour,
                          long *rows, struct lp_err *err);

#endif
