/*
 * report_fmt.h - writing a weekly review (report.h) as Markdown or JSON.
 *
 * The writers take a FILE * so the same code feeds stdout, a file or a memory
 * stream (open_memstream) for a screen.  They never fail on their own: the caller
 * checks ferror(f).  report_fmt_save() writes a file that appears whole or not at
 * all: PATH.tmp is written, flushed and fsync'd, then renamed over PATH; on any
 * error the temporary file is removed and PATH is left as it was.
 *
 * The Markdown has one `##` section per part of the review, tables for numbers,
 * and the 16-week calendar heatmap inside a fenced code block, one row per
 * weekday (Mon..Sun) and one column per week, drawn with ' ' (no answers) and
 * '░', '▒', '▓', '█' for the four quartiles of the study days.
 */
#ifndef LP_REPORT_FMT_H
#define LP_REPORT_FMT_H

#include <stdio.h>

#include "report.h"

void report_fmt_markdown(const struct report_week *r, FILE *f);
void report_fmt_json(const struct report_week *r, FILE *f);

/* The glyph (UTF-8) for a heat level: -1 and 0 are " ". */
const char *report_fmt_glyph(int level);

/* Write r (json 1: JSON, 0: Markdown) to path atomically.  LP_EIO with the
 * path and the reason on failure. */
enum lp_code report_fmt_save(const struct report_week *r, int json, const char *path,
                             struct lp_err *err);

#endif
