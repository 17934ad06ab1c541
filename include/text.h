/*
 * text.h - UTF-8 text measured in terminal columns, for wrapping and cropping.
 *
 * Widths come from wcwidth() under the current locale (the program calls
 * setlocale(LC_ALL, "") first), so maths symbols (σ, ∑, ‖x‖₂) take one column and
 * wide characters two.  Invalid bytes count as one column each and are never
 * split across lines.  No curses here: the tests link it without a terminal.
 */
#ifndef LP_TEXT_H
#define LP_TEXT_H

#include <stddef.h>
#include <stdio.h>

/* One wrapped line: bytes [start, start+len) of the text, `width` columns wide. */
struct text_line {
    size_t start, len;
    int width;
};

/* Display width of the first len bytes of s. */
int text_width(const char *s, size_t len);

/*
 * Wrap s (NUL-terminated) into lines of at most `cols` columns, breaking at
 * spaces where possible and hard-breaking words longer than a line.  Newlines in
 * s end lines; a blank line is kept.  Fills up to max lines and returns the number
 * of lines the whole text needs (which may exceed max).
 */
size_t text_wrap(const char *s, int cols, struct text_line *lines, size_t max);

/*
 * Copy the longest prefix of s that fits in cols columns into out (size bytes,
 * NUL-terminated, never splitting a character); returns its width.  When s does
 * not fit and ellipsis is set, the result ends in "…".
 */
int text_crop(const char *s, int cols, int ellipsis, char *out, size_t size);

/* Write s (NULL: "") to f as a JSON string literal, quotes included: '"', '\\',
 * newline and tab escaped by name, other control bytes as \u00XX, the rest
 * (UTF-8 included) as it is. */
void text_json(FILE *f, const char *s);

#endif
