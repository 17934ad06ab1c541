/*
 * text.c - UTF-8 display width, wrapping and cropping (see text.h).
 */
#include "text.h"

#include <stdlib.h>
#include <string.h>
#include <wchar.h>

/* Decode one character at s (at most n bytes); *w gets its column width. */
static size_t next_char(const char *s, size_t n, int *w)
{
    wchar_t wc;
    mbstate_t st;
    memset(&st, 0, sizeof st);
    size_t k = mbrtowc(&wc, s, n, &st);
    if (k == (size_t)-1 || k == (size_t)-2 || k == 0) {
        *w = 1; /* an invalid byte: show it as one cell */
        return 1;
    }
    int cw = wcwidth(wc);
    *w = cw < 0 ? (wc == L'\t' ? 1 : 0) : cw;
    return k;
}

int text_width(const char *s, size_t len)
{
    int total = 0, w;
    for (size_t i = 0; i < len;) {
        i += next_char(s + i, len - i, &w);
        total += w;
    }
    return total;
}

static void emit(struct text_line *lines, size_t max, size_t *n, size_t start, size_t len,
                 int width)
{
    if (*n < max) {
        lines[*n].start = start;
        lines[*n].len = len;
        lines[*n].width = width;
    }
    (*n)++;
}

/* Wrap one paragraph (no newlines) of len bytes starting at s + off. */
static void wrap_para(const char *s, size_t off, size_t len, int cols, struct text_line *lines,
                      size_t max, size_t *n)
{
    size_t start = off, end = off + len, i = off;
    size_t brk = 0; /* byte index just after the last space on this line */
    int width = 0, brk_width = 0, w;
    if (len == 0) {
        emit(lines, max, n, off, 0, 0);
        return;
    }
    while (i < end) {
        size_t k = next_char(s + i, end - i, &w);
        if (width + w > cols && i > start) {
            /* A space that overflows is the natural break: cut right before it. */
            int at_space = s[i] == ' ';
            size_t cut = at_space ? i : brk > start ? brk : i;
            int cw = at_space ? width : brk > start ? brk_width : width;
            size_t trim = cut;
            while (trim > start && s[trim - 1] == ' ')
                trim--;
            emit(lines, max, n, start, trim - start, cw - (int)(cut - trim));
            start = cut;
            while (start < end && s[start] == ' ')
                start++;
            i = start;
            width = 0;
            brk = 0;
            continue;
        }
        width += w;
        i += k;
        if (s[i - k] == ' ') {
            brk = i;
            brk_width = width;
        }
    }
    if (start < end || *n == 0)
        emit(lines, max, n, start, end - start, text_width(s + start, end - start));
}

size_t text_wrap(const char *s, int cols, struct text_line *lines, size_t max)
{
    size_t n = 0, off = 0, total = strlen(s);
    if (cols < 1)
        cols = 1;
    while (off <= total) {
        const char *nl = memchr(s + off, '\n', total - off);
        size_t len = nl ? (size_t)(nl - (s + off)) : total - off;
        if (!nl && len == 0 && off > 0)
            break; /* trailing newline: no extra empty line */
        wrap_para(s, off, len, cols, lines, max, &n);
        off += len + 1;
    }
    return n;
}

int text_crop(const char *s, int cols, int ellipsis, char *out, size_t size)
{
    size_t len = strlen(s), i = 0;
    int width = 0, w;
    if (size == 0)
        return 0;
    int full = text_width(s, len) <= cols;
    int room = full || !ellipsis ? cols : cols - 1;
    while (i < len) {
        size_t k = next_char(s + i, len - i, &w);
        if (width + w > room || i + k >= size)
            break;
        width += w;
        i += k;
    }
    memcpy(out, s, i);
    out[i] = '\0';
    if (!full && ellipsis && i + 4 <= size && cols >= 1) {
        strcpy(out + i, "…");
        width++;
    }
    return width;
}

void text_json(FILE *f, const char *s)
{
    fputc('"', f);
    for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
        if (*p == '"' || *p == '\\')
            fprintf(f, "\\%c", *p);
        else if (*p == '\n')
            fputs("\\n", f);
        else if (*p == '\t')
            fputs("\\t", f);
        else if (*p < 0x20)
            fprintf(f, "\\u%04x", *p);
        else
            fputc(*p, f);
    }
    fputc('"', f);
}
