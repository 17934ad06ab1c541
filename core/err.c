/*
 * err.c - the core's error table and helpers.
 */
#include "err.h"

#include <stdarg.h>
#include <stdio.h>

static const char *const texts[] = {
#define LP_X(code, text) text,
    LP_ERR_TABLE(LP_X)
#undef LP_X
};

const char *err_text(enum lp_code code)
{
    if ((int)code < 0 || code >= LP_CODE_COUNT)
        return "unknown error";
    return texts[code];
}

enum lp_code err_set(struct lp_err *e, enum lp_code code, const char *fmt, ...)
{
    if (!e)
        return code;
    e->code = code;
    if (!fmt) {
        snprintf(e->msg, sizeof e->msg, "%s", err_text(code));
        return code;
    }
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(e->msg, sizeof e->msg, fmt, ap);
    va_end(ap);
    return code;
}

void err_clear(struct lp_err *e)
{
    if (!e)
        return;
    e->code = LP_OK;
    e->msg[0] = '\0';
}
