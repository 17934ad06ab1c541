/*
 * err.h - the one error type of the labprep core.
 *
 * Every core function that can fail takes a `struct lp_err *` (which may be
 * NULL when the caller does not care), fills it on failure and returns a
 * non-zero enum lp_code (or NULL for pointer-returning functions).  The core
 * never prints and never exits: the caller decides how to show the message.
 */
#ifndef LP_ERR_H
#define LP_ERR_H

#include <stddef.h>

/* X-macro table: code, default text.  Add new codes here only. */
#define LP_ERR_TABLE(X)                                                        \
    X(LP_OK, "ok")                                                             \
    X(LP_ENOMEM, "out of memory")                                              \
    X(LP_EIO, "input/output error")                                            \
    X(LP_EINVAL, "invalid argument")                                           \
    X(LP_ENOTFOUND, "not found")                                               \
    X(LP_EPARSE, "parse error")                                                \
    X(LP_ECONTENT, "invalid content")                                          \
    X(LP_EDB, "database error")                                                \
    X(LP_EBUSY, "database is busy")                                            \
    X(LP_ECORRUPT, "database is damaged")                                      \
    X(LP_ENOTDB, "file is not a labprep database")                             \
    X(LP_ENEWER, "database was written by a newer labprep")                    \
    X(LP_EREADONLY, "database is read-only")                                   \
    X(LP_EFULL, "disk is full")                                                \
    X(LP_ESTATE, "operation not allowed in this state")

enum lp_code {
#define LP_X(code, text) code,
    LP_ERR_TABLE(LP_X)
#undef LP_X
    LP_CODE_COUNT
};

struct lp_err {
    enum lp_code code;
    char msg[512];
};

/* Default text of a code; never NULL. */
const char *err_text(enum lp_code code);

/* Fill e (if not NULL) with code and a printf-style message; returns code.
 * With fmt == NULL the default text is used. */
enum lp_code err_set(struct lp_err *e, enum lp_code code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Reset e to LP_OK with an empty message. */
void err_clear(struct lp_err *e);

#endif
