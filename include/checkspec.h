/*
 * checkspec.h - a card's machine check as one line of text in the database.
 *
 * The store keeps a card's check in cards.check_spec so the tutor can judge an
 * answer without the YAML files.  Fields are separated by the ASCII unit
 * separator (0x1f), which content text never needs:
 *   number<US>VALUE<US>TOLERANCE
 *   choice<US>ANSWER_INDEX<US>OPTION<US>OPTION...
 *   exact<US>ANSWER<US>ALTERNATIVE...
 */
#ifndef LP_CHECKSPEC_H
#define LP_CHECKSPEC_H

#include "content.h"

/* Encode c into a malloc'd string (caller frees); NULL for CHECK_NONE or no memory. */
char *checkspec_encode(const struct content_check *c);

/*
 * Decode spec into c.  Strings in c point into *storage, a malloc'd copy the caller
 * frees together with c's arrays using checkspec_free().  Returns 0, or -1 when
 * the spec is malformed (c is then CHECK_NONE).
 */
int checkspec_decode(const char *spec, struct content_check *c, char **storage);
void checkspec_free(struct content_check *c, char *storage);

#endif
