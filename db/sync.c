/*
 * sync.c - content files into the database, keeping every card's history.
 *
 * Three passes inside one transaction: parse the files whose hash changed; find
 * ids that clash with another file (parsed now, or unchanged and therefore only
 * known from the database); then upsert each clean file's rows and retire what it
 * no longer holds.  Rows are never deleted: retired rows keep their history.
 */
#include "sync.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "checkspec.h"

enum file_status { F_UNCHANGED, F_CHANGED, F_FAILED };

struct sfile {
    char *path;
    char hash[17];
    char stamp[96]; /* size:mtime:ctime:inode, "" when the file is too fresh */
    int restamp;    /* unchanged, but its recorded stamp is missing or stale */
    enum file_status status;
    struct content_file *parsed;
};

struct sync {
    struct store *st;
    int64_t now;
    struct content_diag *diag;
    struct sync_stats *stats;
    struct lp_err *err;
    struct sfile *files;
    size_t n_files;
};

/* Tables whose rows carry a source file and a retired flag. */
static const char *const sourced_tables[] = {"cards",           "decks",      "papers",
                                             "checklists",      "roadmaps",   "milestones",
                                             "checklist_items", NULL};

static int hash_file(const char *path, char out[17])
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return -1;
    uint64_t h = 1469598103934665603ULL;
    unsigned char buf[65536];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0)
        for (size_t i = 0; i < n; i++)
            h = (h ^ buf[i]) * 1099511628211ULL;
    int bad = ferror(f);
    fclose(f);
    snprintf(out, 17, "%016" PRIx64, h);
    return bad ? -1 : 0;
}

static int step_done(struct sync *s, sqlite3_stmt *q, const char *what)
{
    int rc = sqlite3_step(q);
    sqlite3_reset(q);
    if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
        store_fail(s->st, rc, what, s->err);
        return -1;
    }
    return 0;
}

static void bind_text(sqlite3_stmt *q, int i, const char *t)
{
    if (t)
        sqlite3_bind_text(q, i, t, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(q, i);
}

/* ---- pass 0: which files changed ---- */

/* The hash and stamp recorded by the last sync; 0 when the file is new. */
static int known_file(struct sync *s, const char *path, char *hash, char *stamp, size_t size)
{
    sqlite3_stmt *q =
        store_stmt(s->st, "SELECT hash, stamp FROM content_files WHERE path = ?", NULL);
    if (!q)
        return 0;
    sqlite3_bind_text(q, 1, path, -1, SQLITE_STATIC);
    int found = sqlite3_step(q) == SQLITE_ROW;
    if (found) {
        const unsigned char *st = sqlite3_column_text(q, 1);
        snprintf(hash, 17, "%s", (const char *)sqlite3_column_text(q, 0));
        snprintf(stamp, size, "%s", st ? (const char *)st : "");
    }
    sqlite3_reset(q);
    return found;
}

/*
 * What stat says about the file, so an untouched file need not be read again (as
 * git and make do).  Left empty while the file changed in the last two seconds:
 * a write within the same clock tick could otherwise keep the stamp (git's "racy
 * clean" problem).  The ctime, which no program can set back, catches a file
 * replaced with one of the same size and mtime.
 */
static void file_stamp(const char *path, char *out, size_t size)
{
    struct stat sb;
    out[0] = '\0';
    if (stat(path, &sb) != 0 || sb.st_ctim.tv_sec > time(NULL) - 2 ||
        sb.st_mtim.tv_sec > time(NULL) - 2)
        return;
    snprintf(out, size, "%lld:%lld.%09ld:%lld.%09ld:%llu", (long long)sb.st_size,
             (long long)sb.st_mtim.tv_sec, sb.st_mtim.tv_nsec, (long long)sb.st_ctim.tv_sec,
             sb.st_ctim.tv_nsec, (unsigned long long)sb.st_ino);
}

static enum lp_code list_all(struct sync *s, const char *const *dirs, size_t n_dirs,
                             size_t first_optional)
{
    for (size_t d = 0; d < n_dirs; d++) {
        char **paths;
        size_t n;
        if (content_list_files(&dirs[d], 1, d >= first_optional, &paths, &n, s->err) != 0)
            return s->err ? s->err->code : LP_EIO;
        struct sfile *grown = realloc(s->files, sizeof *grown * (s->n_files + n + 1));
        if (!grown) {
            content_paths_free(paths, n);
            return err_set(s->err, LP_ENOMEM, NULL);
        }
        s->files = grown;
        for (size_t i = 0; i < n; i++)
            s->files[s->n_files++] = (struct sfile){.path = paths[i]};
        free(paths); /* the strings now belong to s->files */
    }
    return LP_OK;
}

static size_t classify(struct sync *s)
{
    size_t changed = 0;
    for (size_t i = 0; i < s->n_files; i++) {
        struct sfile *f = &s->files[i];
        char old[17], old_stamp[96];
        int known = known_file(s, f->path, old, old_stamp, sizeof old_stamp);
        file_stamp(f->path, f->stamp, sizeof f->stamp);
        if (known && f->stamp[0] && strcmp(f->stamp, old_stamp) == 0) {
            memcpy(f->hash, old, sizeof f->hash);
            f->status = F_UNCHANGED;
            continue;
        }
        if (hash_file(f->path, f->hash) != 0) {
            content_diag_add(s->diag, f->path, 0, 0, "cannot read: %s", strerror(errno));
            f->status = F_FAILED;
            continue;
        }
        int same = known && strcmp(old, f->hash) == 0;
        f->status = same ? F_UNCHANGED : F_CHANGED;
        f->restamp = same && f->stamp[0];
        changed += !same;
    }
    return changed;
}

static int is_listed(struct sync *s, const char *path)
{
    for (size_t i = 0; i < s->n_files; i++)
        if (strcmp(s->files[i].path, path) == 0)
            return 1;
    return 0;
}

/* Paths in content_files that are no longer on disk; returns a malloc'd list. */
static char **gone_files(struct sync *s, size_t *n_out)
{
    sqlite3_stmt *q = store_stmt(s->st, "SELECT path FROM content_files ORDER BY path", NULL);
    char **out = NULL;
    size_t n = 0;
    while (q && sqlite3_step(q) == SQLITE_ROW) {
        const char *p = (const char *)sqlite3_column_text(q, 0);
        if (is_listed(s, p))
            continue;
        char **grown = realloc(out, sizeof *out * (n + 1));
        if (!grown)
            break;
        out = grown;
        out[n++] = strdup(p);
    }
    if (q)
        sqlite3_reset(q);
    *n_out = n;
    return out;
}

/* ---- pass 2: clashes ---- */

struct id_ref {
    const char *ns, *id;
    int line, col;
};

/* Names the file (other than path) that holds this id, or NULL. */
static const char *clash_in_db(struct sync *s, const struct id_ref *r, const char *path,
                               char *buf, size_t size)
{
    static const char *const sql[] = {
        "SELECT source FROM cards WHERE id = ?1 AND retired = 0 AND source <> ?2 "
        "AND source IN (SELECT path FROM temp.sync_frozen)",
        "SELECT source FROM decks WHERE id = ?1 AND retired = 0 AND source <> ?2 "
        "AND source IN (SELECT path FROM temp.sync_frozen)",
        "SELECT source FROM papers WHERE id = ?1 AND retired = 0 AND source <> ?2 "
        "AND source IN (SELECT path FROM temp.sync_frozen)",
        "SELECT source FROM checklist_items WHERE id = ?1 AND retired = 0 AND source <> ?2 "
        "AND source IN (SELECT path FROM temp.sync_frozen)",
        "SELECT source FROM milestones WHERE id = ?1 AND retired = 0 AND source <> ?2 "
        "AND source IN (SELECT path FROM temp.sync_frozen)",
        "SELECT source FROM roadmaps WHERE track = ?1 AND retired = 0 AND source <> ?2 "
        "AND source IN (SELECT path FROM temp.sync_frozen)",
        "SELECT source FROM checklists WHERE id = ?1 AND retired = 0 AND source <> ?2 "
        "AND source IN (SELECT path FROM temp.sync_frozen)",
    };
    static const char *const names[] = {"card",      "deck",    "paper",    "checklist item",
                                        "milestone", "roadmap", "checklist"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        if (strcmp(names[i], r->ns) != 0)
            continue;
        sqlite3_stmt *q = store_stmt(s->st, sql[i], NULL);
        if (!q)
            return NULL;
        sqlite3_bind_text(q, 1, r->id, -1, SQLITE_STATIC);
        sqlite3_bind_text(q, 2, path, -1, SQLITE_STATIC);
        const char *found = NULL;
        if (sqlite3_step(q) == SQLITE_ROW) {
            snprintf(buf, size, "%s", (const char *)sqlite3_column_text(q, 0));
            found = buf;
        }
        sqlite3_reset(q);
        return found;
    }
    return NULL;
}

/* Register an id for this sync; reports and returns 1 on a clash. */
static int claim(struct sync *s, struct sfile *f, const struct id_ref *r)
{
    char other[4096];
    const char *db_file = clash_in_db(s, r, f->path, other, sizeof other);
    if (db_file) {
        content_diag_add(s->diag, f->path, r->line, r->col,
                         "duplicate %s id '%s' (also defined in %s)", r->ns, r->id, db_file);
        return 1;
    }
    sqlite3_stmt *q = store_stmt(s->st,
                                 "SELECT path, line, col FROM temp.sync_ids WHERE ns = ? AND id = ?",
                                 NULL);
    if (!q)
        return 1;
    sqlite3_bind_text(q, 1, r->ns, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 2, r->id, -1, SQLITE_STATIC);
    int clash = 0;
    if (sqlite3_step(q) == SQLITE_ROW) {
        content_diag_add(s->diag, f->path, r->line, r->col,
                         "duplicate %s id '%s' (first defined at %s:%d:%d)", r->ns, r->id,
                         (const char *)sqlite3_column_text(q, 0), sqlite3_column_int(q, 1),
                         sqlite3_column_int(q, 2));
        clash = 1;
    }
    sqlite3_reset(q);
    if (clash)
        return 1;
    q = store_stmt(s->st, "INSERT INTO temp.sync_ids VALUES(?, ?, ?, ?, ?)", NULL);
    if (!q)
        return 1;
    sqlite3_bind_text(q, 1, r->ns, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 2, r->id, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 3, f->path, -1, SQLITE_STATIC);
    sqlite3_bind_int(q, 4, r->line);
    sqlite3_bind_int(q, 5, r->col);
    sqlite3_step(q);
    sqlite3_reset(q);
    return 0;
}

static int claim_cards(struct sync *s, struct sfile *f, const struct content_card *c, size_t n)
{
    int bad = 0;
    for (size_t i = 0; i < n; i++)
        bad |= claim(s, f, &(struct id_ref){"card", c[i].id, c[i].line, c[i].col});
    return bad;
}

static int claim_checklist(struct sync *s, struct sfile *f, const struct content_checklist *c)
{
    int bad = claim(s, f, &(struct id_ref){"checklist", c->id, 1, 1});
    for (size_t i = 0; i < c->n_categories; i++)
        for (size_t j = 0; j < c->categories[i].n_items; j++) {
            const struct content_item *it = &c->categories[i].items[j];
            bad |= claim(s, f, &(struct id_ref){"checklist item", it->id, it->line, it->col});
        }
    for (size_t i = 0; i < c->n_quick; i++)
        bad |= claim(s, f,
                     &(struct id_ref){"checklist item", c->quick[i].id, c->quick[i].line,
                                      c->quick[i].col});
    return bad;
}

static int claim_file(struct sync *s, struct sfile *f)
{
    const struct content_file *c = f->parsed;
    int bad = 0;
    switch (c->kind) {
    case CONTENT_DECK:
        bad = claim(s, f, &(struct id_ref){"deck", c->u.deck.id, 1, 1});
        bad |= claim_cards(s, f, c->u.deck.cards, c->u.deck.n_cards);
        break;
    case CONTENT_READING:
        for (size_t i = 0; i < c->u.reading.n_papers; i++) {
            const struct content_paper *p = &c->u.reading.papers[i];
            bad |= claim(s, f, &(struct id_ref){"paper", p->id, p->line, p->col});
            bad |= claim_cards(s, f, p->questions, p->n_questions);
        }
        break;
    case CONTENT_CHECKLIST:
        bad = claim_checklist(s, f, &c->u.checklist);
        break;
    case CONTENT_ROADMAP:
        bad = claim(s, f, &(struct id_ref){"roadmap", c->u.roadmap.track, 1, 1});
        for (size_t w = 0; w < c->u.roadmap.n_weeks; w++)
            for (size_t m = 0; m < c->u.roadmap.weeks[w].n_milestones; m++) {
                const struct content_milestone *ms = &c->u.roadmap.weeks[w].milestones[m];
                bad |= claim(s, f, &(struct id_ref){"milestone", ms->id, ms->line, ms->col});
            }
        break;
    }
    return bad;
}

/* ---- pass 3: upserts ---- */

static char *join_words(char **a, size_t na, char **b, size_t nb, const char *extra)
{
    size_t len = 3 + (extra ? strlen(extra) + 1 : 0);
    for (size_t i = 0; i < na; i++)
        len += strlen(a[i]) + 1;
    for (size_t i = 0; i < nb; i++)
        len += strlen(b[i]) + 1;
    char *out = malloc(len);
    if (!out)
        return NULL;
    strcpy(out, " ");
    char probe[80];
    for (size_t k = 0; k < na + nb + 1; k++) {
        const char *w = k < na ? a[k] : k < na + nb ? b[k - na] : extra;
        if (!w || !*w)
            continue;
        snprintf(probe, sizeof probe, " %s ", w);
        if (!strstr(out, probe))
            strcat(strcat(out, w), " ");
    }
    return out;
}

struct card_ctx {
    const char *deck, *section, *topic, *gate;
    char **deck_tags;
    size_t n_deck_tags;
    const char *extra_tag;
};

static int card_exists(struct sync *s, const char *id)
{
    sqlite3_stmt *q = store_stmt(s->st, "SELECT 1 FROM cards WHERE id = ?", NULL);
    if (!q)
        return 0;
    sqlite3_bind_text(q, 1, id, -1, SQLITE_STATIC);
    int found = sqlite3_step(q) == SQLITE_ROW;
    sqlite3_reset(q);
    return found;
}

static int upsert_card(struct sync *s, const char *path, const struct card_ctx *x,
                       const struct content_card *c, int position)
{
    static const char sql[] =
        "INSERT INTO cards(id, deck_id, section, topic, q, a, code, bug, symptom, fix, tags,"
        " level, seconds, check_spec, gate, source, position, retired, added)"
        " VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,0,?18)"
        " ON CONFLICT(id) DO UPDATE SET deck_id=?2, section=?3, topic=?4, q=?5, a=?6,"
        " code=?7, bug=?8, symptom=?9, fix=?10, tags=?11 || CASE WHEN leech THEN 'leech ' "
        " ELSE '' END, level=?12, seconds=?13, check_spec=?14, gate=?15, source=?16,"
        " position=?17, retired=0";
    int existed = card_exists(s, c->id);
    sqlite3_stmt *q = store_stmt(s->st, sql, s->err);
    char *tags = join_words(x->deck_tags, x->n_deck_tags, c->tags, c->n_tags, x->extra_tag);
    char *spec = checkspec_encode(&c->check);
    if (!q || !tags || (c->check.type != CHECK_NONE && !spec)) {
        free(tags);
        free(spec);
        if (q)
            err_set(s->err, LP_ENOMEM, NULL);
        return -1;
    }
    const char *text[] = {c->id, x->deck, x->section, x->topic, c->q, c->a, c->code, c->bug,
                          c->symptom, c->fix, tags};
    for (int i = 0; i < 11; i++)
        bind_text(q, i + 1, text[i]);
    sqlite3_bind_int(q, 12, (int)c->difficulty);
    sqlite3_bind_int(q, 13, c->seconds);
    bind_text(q, 14, spec);
    bind_text(q, 15, x->gate);
    bind_text(q, 16, path);
    sqlite3_bind_int(q, 17, position);
    sqlite3_bind_int64(q, 18, s->now);
    int rc = step_done(s, q, "saving a card");
    free(tags);
    free(spec);
    if (rc == 0 && existed)
        s->stats->cards_updated++;
    else if (rc == 0)
        s->stats->cards_added++;
    return rc;
}

static int upsert_deck(struct sync *s, const char *path, const struct content_deck *d)
{
    sqlite3_stmt *q = store_stmt(
        s->st,
        "INSERT INTO decks(id, title, section, topic, drill, source) VALUES(?1,?2,?3,?4,?5,?6)"
        " ON CONFLICT(id) DO UPDATE SET title=?2, section=?3, topic=?4, drill=?5, source=?6,"
        " retired=0",
        s->err);
    if (!q)
        return -1;
    const char *text[] = {d->id, d->title, d->section, d->topic, d->drill, path};
    for (int i = 0; i < 6; i++)
        bind_text(q, i + 1, text[i]);
    if (step_done(s, q, "saving a deck") != 0)
        return -1;
    struct card_ctx x = {d->id, d->section, d->topic, NULL, d->tags, d->n_tags, NULL};
    for (size_t i = 0; i < d->n_cards; i++)
        if (upsert_card(s, path, &x, &d->cards[i], (int)i) != 0)
            return -1;
    return 0;
}

static int upsert_paper(struct sync *s, const char *path, const struct content_paper *p, int pos)
{
    sqlite3_stmt *q = store_stmt(
        s->st,
        "INSERT INTO papers(id, title, authors, year, venue, arxiv, topic, why, source, position)"
        " VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10) ON CONFLICT(id) DO UPDATE SET title=?2,"
        " authors=?3, year=?4, venue=?5, arxiv=?6, topic=?7, why=?8, source=?9, position=?10,"
        " retired=0",
        s->err);
    if (!q)
        return -1;
    const char *text[] = {p->id, p->title, p->authors, NULL, p->venue, p->arxiv, p->topic, p->why,
                          path};
    for (int i = 0; i < 9; i++)
        bind_text(q, i + 1, text[i]);
    sqlite3_bind_int(q, 4, p->year);
    sqlite3_bind_int(q, 10, pos);
    if (step_done(s, q, "saving a paper") != 0)
        return -1;
    char *tag[] = {(char *)"reading"};
    struct card_ctx x = {"reading", "alignment", p->topic, p->id, tag, 1, p->id};
    for (size_t i = 0; i < p->n_questions; i++)
        if (upsert_card(s, path, &x, &p->questions[i], pos * 100 + (int)i) != 0)
            return -1;
    return 0;
}

static int upsert_reading(struct sync *s, const char *path, const struct content_file *c)
{
    sqlite3_stmt *q = store_stmt(
        s->st,
        "INSERT INTO decks(id, title, section, topic, drill, source) VALUES('reading',"
        " 'Reading list questions', 'alignment', 'reading', NULL, '') ON CONFLICT(id) DO NOTHING",
        s->err);
    if (!q || step_done(s, q, "saving a deck") != 0)
        return -1;
    for (size_t i = 0; i < c->u.reading.n_papers; i++)
        if (upsert_paper(s, path, &c->u.reading.papers[i], (int)i) != 0)
            return -1;
    return 0;
}

static int upsert_item(struct sync *s, const char *path, const char *list,
                       const struct content_item *it, const char *cat, const char *cat_title,
                       int quick, int pos)
{
    sqlite3_stmt *q = store_stmt(
        s->st,
        "INSERT INTO checklist_items(id, checklist_id, quick, category, category_title, text,"
        " points, evidence, position, source) VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10)"
        " ON CONFLICT(id) DO UPDATE SET checklist_id=?2, quick=?3, category=?4,"
        " category_title=?5, text=?6, points=?7, evidence=?8, position=?9, source=?10,"
        " retired=0",
        s->err);
    char *ev = join_words(it->evidence, it->n_evidence, NULL, 0, NULL);
    if (!q || !ev) {
        free(ev);
        return -1;
    }
    const char *text[] = {it->id, list, NULL, cat, cat_title, it->text};
    for (int i = 0; i < 6; i++)
        bind_text(q, i + 1, text[i]);
    sqlite3_bind_int(q, 3, quick);
    sqlite3_bind_int(q, 7, it->points);
    bind_text(q, 8, ev);
    sqlite3_bind_int(q, 9, pos);
    bind_text(q, 10, path);
    int rc = step_done(s, q, "saving a checklist item");
    free(ev);
    return rc;
}

static const char *category_title(const struct content_checklist *c, const char *id)
{
    for (size_t i = 0; i < c->n_categories; i++)
        if (strcmp(c->categories[i].id, id) == 0)
            return c->categories[i].title;
    return id;
}

static int upsert_bands(struct sync *s, const struct content_checklist *c)
{
    sqlite3_stmt *del = store_stmt(s->st, "DELETE FROM checklist_bands WHERE checklist_id = ?",
                                   s->err);
    if (!del)
        return -1;
    sqlite3_bind_text(del, 1, c->id, -1, SQLITE_STATIC);
    if (step_done(s, del, "saving score bands") != 0)
        return -1;
    for (size_t i = 0; i < c->n_bands; i++) {
        sqlite3_stmt *q = store_stmt(s->st, "INSERT INTO checklist_bands VALUES(?, ?, ?, ?)",
                                     s->err);
        if (!q)
            return -1;
        sqlite3_bind_text(q, 1, c->id, -1, SQLITE_STATIC);
        sqlite3_bind_int(q, 2, c->bands[i].min);
        bind_text(q, 3, c->bands[i].label);
        bind_text(q, 4, c->bands[i].advice);
        if (step_done(s, q, "saving score bands") != 0)
            return -1;
    }
    return 0;
}

static int upsert_checklist(struct sync *s, const char *path, const struct content_checklist *c)
{
    sqlite3_stmt *q = store_stmt(
        s->st,
        "INSERT INTO checklists(id, title, quick_title, source) VALUES(?1,?2,?3,?4)"
        " ON CONFLICT(id) DO UPDATE SET title=?2, quick_title=?3, source=?4, retired=0",
        s->err);
    if (!q)
        return -1;
    const char *text[] = {c->id, c->title, c->quick_title, path};
    for (int i = 0; i < 4; i++)
        bind_text(q, i + 1, text[i]);
    if (step_done(s, q, "saving the checklist") != 0 || upsert_bands(s, c) != 0)
        return -1;
    int pos = 0;
    for (size_t i = 0; i < c->n_categories; i++)
        for (size_t j = 0; j < c->categories[i].n_items; j++)
            if (upsert_item(s, path, c->id, &c->categories[i].items[j], c->categories[i].id,
                            c->categories[i].title, 0, pos++) != 0)
                return -1;
    for (size_t i = 0; i < c->n_quick; i++)
        if (upsert_item(s, path, c->id, &c->quick[i], c->quick[i].category,
                        category_title(c, c->quick[i].category), 1, pos++) != 0)
            return -1;
    return 0;
}

static int upsert_week(struct sync *s, const char *path, const char *track,
                       const struct content_week *w)
{
    sqlite3_stmt *q = store_stmt(s->st, "INSERT INTO roadmap_weeks VALUES(?, ?, ?, ?, ?)", s->err);
    char *decks = join_words(w->focus_decks, w->n_focus_decks, NULL, 0, NULL);
    char *tags = join_words(w->focus_tags, w->n_focus_tags, NULL, 0, NULL);
    int rc = -1;
    if (q && decks && tags) {
        sqlite3_bind_text(q, 1, track, -1, SQLITE_STATIC);
        sqlite3_bind_int(q, 2, w->week);
        bind_text(q, 3, w->theme);
        bind_text(q, 4, decks);
        bind_text(q, 5, tags);
        rc = step_done(s, q, "saving a roadmap week");
    }
    free(decks);
    free(tags);
    for (size_t m = 0; rc == 0 && m < w->n_milestones; m++) {
        q = store_stmt(s->st,
                       "INSERT INTO milestones(id, track, week, text, position, source)"
                       " VALUES(?1,?2,?3,?4,?5,?6) ON CONFLICT(id) DO UPDATE SET track=?2,"
                       " week=?3, text=?4, position=?5, source=?6, retired=0",
                       s->err);
        if (!q)
            return -1;
        bind_text(q, 1, w->milestones[m].id);
        bind_text(q, 2, track);
        sqlite3_bind_int(q, 3, w->week);
        bind_text(q, 4, w->milestones[m].text);
        sqlite3_bind_int(q, 5, (int)m);
        bind_text(q, 6, path);
        rc = step_done(s, q, "saving a milestone");
    }
    return rc;
}

static int upsert_roadmap(struct sync *s, const char *path, const struct content_roadmap *r)
{
    sqlite3_stmt *q = store_stmt(
        s->st,
        "INSERT INTO roadmaps(track, title, weeks, source) VALUES(?1,?2,?3,?4)"
        " ON CONFLICT(track) DO UPDATE SET title=?2, weeks=?3, source=?4, retired=0",
        s->err);
    if (!q)
        return -1;
    bind_text(q, 1, r->track);
    bind_text(q, 2, r->title);
    sqlite3_bind_int(q, 3, (int)r->n_weeks);
    bind_text(q, 4, path);
    if (step_done(s, q, "saving a roadmap") != 0)
        return -1;
    q = store_stmt(s->st, "DELETE FROM roadmap_weeks WHERE track = ?", s->err);
    if (!q)
        return -1;
    bind_text(q, 1, r->track);
    if (step_done(s, q, "saving a roadmap") != 0)
        return -1;
    for (size_t w = 0; w < r->n_weeks; w++)
        if (upsert_week(s, path, r->track, &r->weeks[w]) != 0)
            return -1;
    return 0;
}

/* Mark (2) every row from path, so what the upsert does not touch can be retired. */
static int mark_rows(struct sync *s, const char *path, int from, int to)
{
    char sql[160];
    for (const char *const *t = sourced_tables; *t; t++) {
        snprintf(sql, sizeof sql, "UPDATE %s SET retired = %d WHERE source = ?%s", *t, to,
                 from < 0 ? "" : from == 2 ? " AND retired = 2" : " AND retired = 0");
        sqlite3_stmt *q;
        if (sqlite3_prepare_v2(store_db(s->st), sql, -1, &q, NULL) != SQLITE_OK)
            return store_fail(s->st, SQLITE_ERROR, "retiring content", s->err), -1;
        sqlite3_bind_text(q, 1, path, -1, SQLITE_STATIC);
        int rc = sqlite3_step(q);
        if (**t == 'c' && strcmp(*t, "cards") == 0 && to == 1)
            s->stats->cards_retired += (size_t)sqlite3_changes(store_db(s->st));
        sqlite3_finalize(q);
        if (rc != SQLITE_DONE)
            return store_fail(s->st, rc, "retiring content", s->err), -1;
    }
    return 0;
}

static int record_file(struct sync *s, const struct sfile *f)
{
    sqlite3_stmt *q = store_stmt(
        s->st, "INSERT OR REPLACE INTO content_files(path, hash, kind, synced, stamp)"
               " VALUES(?, ?, ?, ?, NULLIF(?, ''))",
        s->err);
    static const char *const kinds[] = {"deck", "reading", "checklist", "roadmap"};
    if (!q)
        return -1;
    bind_text(q, 1, f->path);
    bind_text(q, 2, f->hash);
    bind_text(q, 3, kinds[f->parsed->kind]);
    sqlite3_bind_int64(q, 4, s->now);
    bind_text(q, 5, f->stamp);
    return step_done(s, q, "recording a content file");
}

static int apply_file(struct sync *s, struct sfile *f)
{
    const struct content_file *c = f->parsed;
    if (mark_rows(s, f->path, 0, 2) != 0)
        return -1;
    int rc = 0;
    switch (c->kind) {
    case CONTENT_DECK:
        rc = upsert_deck(s, f->path, &c->u.deck);
        break;
    case CONTENT_READING:
        rc = upsert_reading(s, f->path, c);
        break;
    case CONTENT_CHECKLIST:
        rc = upsert_checklist(s, f->path, &c->u.checklist);
        break;
    case CONTENT_ROADMAP:
        rc = upsert_roadmap(s, f->path, &c->u.roadmap);
        break;
    }
    if (rc != 0 || mark_rows(s, f->path, 2, 1) != 0)
        return -1;
    return record_file(s, f);
}

static int retire_gone(struct sync *s)
{
    size_t n;
    char **gone = gone_files(s, &n);
    int rc = 0;
    for (size_t i = 0; i < n; i++) {
        if (rc == 0 && gone[i]) {
            rc = mark_rows(s, gone[i], 0, 1);
            sqlite3_stmt *q = store_stmt(s->st, "DELETE FROM content_files WHERE path = ?", s->err);
            if (rc == 0 && q) {
                bind_text(q, 1, gone[i]);
                rc = step_done(s, q, "forgetting a content file");
            }
            s->stats->removed++;
        }
        free(gone[i]);
    }
    free(gone);
    return rc;
}

static int make_temp_tables(struct sync *s)
{
    const char *sql = "CREATE TEMP TABLE IF NOT EXISTS sync_frozen(path TEXT PRIMARY KEY);"
                      "CREATE TEMP TABLE IF NOT EXISTS sync_ids(ns TEXT, id TEXT, path TEXT,"
                      " line INTEGER, col INTEGER, PRIMARY KEY(ns, id));"
                      "DELETE FROM temp.sync_frozen; DELETE FROM temp.sync_ids;";
    if (store_exec(s->st, sql, s->err) != LP_OK)
        return -1;
    for (size_t i = 0; i < s->n_files; i++) {
        if (s->files[i].status == F_CHANGED)
            continue;
        sqlite3_stmt *q = store_stmt(s->st, "INSERT OR IGNORE INTO temp.sync_frozen VALUES(?)",
                                     s->err);
        if (!q)
            return -1;
        bind_text(q, 1, s->files[i].path);
        if (step_done(s, q, "syncing content") != 0)
            return -1;
    }
    return 0;
}

static void parse_changed(struct sync *s)
{
    for (size_t i = 0; i < s->n_files; i++) {
        struct sfile *f = &s->files[i];
        if (f->status != F_CHANGED)
            continue;
        f->parsed = content_parse_file(f->path, s->diag);
        s->stats->parsed++;
        if (!f->parsed)
            f->status = F_FAILED;
    }
}

/* Record the stamps of files found unchanged by their hash; returns how many. */
static int restamp(struct sync *s)
{
    int n = 0;
    for (size_t i = 0; i < s->n_files; i++) {
        const struct sfile *f = &s->files[i];
        if (!f->restamp || f->status != F_UNCHANGED)
            continue;
        sqlite3_stmt *q =
            store_stmt(s->st, "UPDATE content_files SET stamp = ? WHERE path = ?", s->err);
        if (!q)
            return -1;
        bind_text(q, 1, f->stamp);
        bind_text(q, 2, f->path);
        if (step_done(s, q, "recording a content file") != 0)
            return -1;
        n++;
    }
    return n;
}

/* Nothing changed, but some stamps are new: save them if the database lets us
 * (they only save work next time, so a failure here is not an error). */
static void restamp_only(struct sync *s)
{
    size_t want = 0;
    for (size_t i = 0; i < s->n_files; i++)
        want += s->files[i].restamp;
    struct lp_err ignored, *saved = s->err;
    if (!want || store_begin(s->st, NULL) != LP_OK)
        return;
    s->err = &ignored;
    if (restamp(s) < 0 || store_commit(s->st, NULL) != LP_OK)
        store_rollback(s->st);
    s->err = saved;
}

static int run_passes(struct sync *s)
{
    parse_changed(s);
    if (make_temp_tables(s) != 0)
        return -1;
    for (size_t i = 0; i < s->n_files; i++) {
        struct sfile *f = &s->files[i];
        if (f->status == F_CHANGED && claim_file(s, f)) {
            f->status = F_FAILED;
        }
    }
    for (size_t i = 0; i < s->n_files; i++) {
        if (s->files[i].status == F_CHANGED && apply_file(s, &s->files[i]) != 0)
            return -1;
        s->stats->failed += s->files[i].status == F_FAILED;
    }
    if (restamp(s) < 0)
        return -1;
    return retire_gone(s);
}

static void free_files(struct sync *s)
{
    for (size_t i = 0; i < s->n_files; i++) {
        free(s->files[i].path);
        content_file_free(s->files[i].parsed);
    }
    free(s->files);
}

enum lp_code sync_content(struct store *st, const char *const *dirs, size_t n_dirs,
                          size_t first_optional, int64_t now, struct content_diag *diag,
                          struct sync_stats *stats, struct lp_err *err)
{
    struct lp_err local;
    struct sync_stats local_stats;
    struct sync s = {st, now, diag, stats ? stats : &local_stats, err ? err : &local, NULL, 0};
    memset(s.stats, 0, sizeof *s.stats);
    enum lp_code rc = list_all(&s, dirs, n_dirs, first_optional);
    size_t n_gone = 0;
    if (rc == LP_OK) {
        s.stats->files = s.n_files;
        size_t changed = classify(&s);
        s.stats->skipped_unchanged = s.n_files - changed;
        char **gone = gone_files(&s, &n_gone);
        for (size_t i = 0; i < n_gone; i++)
            free(gone[i]);
        free(gone);
        if (changed == 0 && n_gone == 0) {
            restamp_only(&s);
            for (size_t i = 0; i < s.n_files; i++)
                s.stats->failed += s.files[i].status == F_FAILED;
            free_files(&s);
            return LP_OK;
        }
        rc = store_begin(st, s.err);
    }
    if (rc == LP_OK) {
        if (run_passes(&s) == 0) {
            rc = store_commit(st, s.err);
        } else {
            rc = s.err->code ? s.err->code : LP_EDB;
            store_rollback(st);
        }
    }
    free_files(&s);
    return rc;
}
