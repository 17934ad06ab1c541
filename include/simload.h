/*
 * simload.h - what the simulator (simulate.h) needs from the database: every card
 * in study with its memory now.
 */
#ifndef LP_SIMLOAD_H
#define LP_SIMLOAD_H

#include <stddef.h>

#include "err.h"
#include "simulate.h"
#include "store.h"

/*
 * The cards that are neither retired nor suspended (only deck `deck` if not NULL):
 * studied ones first, then the new ones in content order (the order they would be
 * introduced in).  Days are study days with the given rollover hour.  A card whose
 * stored stability is not positive counts as new.  *out is malloc'd (caller frees);
 * LP_EDB/LP_ENOMEM on failure.
 */
enum lp_code simload_cards(struct store *st, const char *deck, int rollover_hour,
                           struct sim_card **out, size_t *n, struct lp_err *err);

#endif
