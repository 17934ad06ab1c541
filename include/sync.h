/*
 * sync.h - bring the database in line with the content files.
 *
 * One transaction for the whole sync.  Unchanged files (same hash as last time)
 * are not parsed.  A changed file is parsed; if it has any problem it is skipped
 * whole and its rows are left exactly as they were.  Otherwise its decks, cards,
 * papers, checklist and roadmap rows are upserted by id: a card's memory state
 * and review history are never touched, only its text.  Cards (and other items)
 * that a successfully parsed file no longer holds, and everything from files that
 * are gone, are retired (hidden, history kept); they come back if they reappear.
 * Ids that a file shares with another live file are reported as duplicates and
 * that file is skipped.
 */
#ifndef LP_SYNC_H
#define LP_SYNC_H

#include <stddef.h>
#include <stdint.h>

#include "content.h"
#include "store.h"

struct sync_stats {
    size_t files, parsed, skipped_unchanged, failed, removed;
    size_t cards_added, cards_updated, cards_retired;
};

/*
 * Sync the content under dirs (n_dirs of them; a missing directory counts as empty
 * when its index is >= first_optional).  Problems with individual files go to diag
 * and do not fail the sync.  Returns LP_OK, or an error (database trouble, an
 * unreadable required directory) with nothing changed.
 */
enum lp_code sync_content(struct store *st, const char *const *dirs, size_t n_dirs,
                          size_t first_optional, int64_t now, struct content_diag *diag,
                          struct sync_stats *stats, struct lp_err *err);

#endif
