/*
 * schema.c - the database schema as a list of migrations.
 *
 * Migration N brings a database from user_version N-1 to N.  Never edit a
 * migration that has shipped: add a new one and bump STORE_VERSION in store.h.
 */
#include "schema.h"

#include <stddef.h>

/* 1: the first schema. */
static const char *const v1[] = {
    "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID",

    /* Content files seen by the last sync, with the hash that lets it skip them. */
    "CREATE TABLE content_files("
    "  path TEXT PRIMARY KEY, hash TEXT NOT NULL, kind TEXT NOT NULL,"
    "  synced INTEGER NOT NULL) WITHOUT ROWID",

    "CREATE TABLE decks("
    "  id TEXT PRIMARY KEY, title TEXT NOT NULL, section TEXT NOT NULL,"
    "  topic TEXT NOT NULL, drill TEXT, source TEXT NOT NULL,"
    "  retired INTEGER NOT NULL DEFAULT 0)",

    /* A card: its content (rewritten by every sync) and its memory state (never
     * touched by a sync).  Identity is the id, never the text. */
    "CREATE TABLE cards("
    "  id TEXT PRIMARY KEY, deck_id TEXT NOT NULL, section TEXT NOT NULL,"
    "  topic TEXT NOT NULL, q TEXT NOT NULL, a TEXT, code TEXT, bug TEXT,"
    "  symptom TEXT, fix TEXT, tags TEXT NOT NULL DEFAULT ' ',"
    "  level INTEGER NOT NULL DEFAULT 2, seconds INTEGER NOT NULL DEFAULT 0,"
    "  check_spec TEXT, gate TEXT, source TEXT NOT NULL, position INTEGER NOT NULL,"
    "  retired INTEGER NOT NULL DEFAULT 0, added INTEGER NOT NULL,"
    "  state INTEGER NOT NULL DEFAULT 0, stability REAL NOT NULL DEFAULT 0,"
    "  difficulty REAL NOT NULL DEFAULT 0, due INTEGER NOT NULL DEFAULT 0,"
    "  last_review INTEGER NOT NULL DEFAULT 0, reps INTEGER NOT NULL DEFAULT 0,"
    "  lapses INTEGER NOT NULL DEFAULT 0, step INTEGER NOT NULL DEFAULT 0,"
    "  suspended INTEGER NOT NULL DEFAULT 0, buried_day INTEGER NOT NULL DEFAULT 0,"
    "  leech INTEGER NOT NULL DEFAULT 0)",
    "CREATE INDEX cards_by_due ON cards(state, due) WHERE retired = 0 AND suspended = 0",
    "CREATE INDEX cards_by_deck ON cards(deck_id)",

    /* One row per answer, with everything needed to replay, refit or undo it. */
    "CREATE TABLE revlog("
    "  id INTEGER PRIMARY KEY, card_id TEXT NOT NULL, time INTEGER NOT NULL,"
    "  day INTEGER NOT NULL, grade INTEGER NOT NULL CHECK(grade BETWEEN 1 AND 4),"
    "  mode TEXT NOT NULL CHECK(mode IN ('study','mock','cram')),"
    "  elapsed_days REAL NOT NULL, scheduled_days REAL NOT NULL,"
    "  state_before INTEGER NOT NULL, state_after INTEGER NOT NULL,"
    "  s_before REAL NOT NULL, d_before REAL NOT NULL,"
    "  s_after REAL NOT NULL, d_after REAL NOT NULL,"
    "  due_before INTEGER NOT NULL, due_after INTEGER NOT NULL,"
    "  last_before INTEGER NOT NULL, step_before INTEGER NOT NULL,"
    "  step_after INTEGER NOT NULL, reps_before INTEGER NOT NULL,"
    "  lapses_before INTEGER NOT NULL, leech_before INTEGER NOT NULL,"
    "  suspended_before INTEGER NOT NULL, answer_ms INTEGER NOT NULL DEFAULT 0,"
    "  correct INTEGER)",
    "CREATE INDEX revlog_by_card ON revlog(card_id, time)",
    "CREATE INDEX revlog_by_day ON revlog(day)",

    "CREATE TABLE papers("
    "  id TEXT PRIMARY KEY, title TEXT NOT NULL, authors TEXT NOT NULL,"
    "  year INTEGER NOT NULL, venue TEXT NOT NULL, arxiv TEXT, topic TEXT NOT NULL,"
    "  why TEXT NOT NULL, source TEXT NOT NULL, position INTEGER NOT NULL,"
    "  retired INTEGER NOT NULL DEFAULT 0,"
    "  status TEXT NOT NULL DEFAULT 'queued'"
    "    CHECK(status IN ('queued','reading','read','summarised')),"
    "  status_time INTEGER NOT NULL DEFAULT 0, notes TEXT)",

    "CREATE TABLE checklists(id TEXT PRIMARY KEY, title TEXT NOT NULL,"
    "  quick_title TEXT, source TEXT NOT NULL, retired INTEGER NOT NULL DEFAULT 0)",
    "CREATE TABLE checklist_items("
    "  id TEXT PRIMARY KEY, checklist_id TEXT NOT NULL, quick INTEGER NOT NULL,"
    "  category TEXT NOT NULL, category_title TEXT NOT NULL, text TEXT NOT NULL,"
    "  points INTEGER NOT NULL, evidence TEXT NOT NULL DEFAULT '',"
    "  position INTEGER NOT NULL, source TEXT NOT NULL DEFAULT '',"
    "  retired INTEGER NOT NULL DEFAULT 0)",
    "CREATE TABLE checklist_bands(checklist_id TEXT NOT NULL, min INTEGER NOT NULL,"
    "  label TEXT NOT NULL, advice TEXT NOT NULL, PRIMARY KEY(checklist_id, min))",

    "CREATE TABLE roadmaps(track TEXT PRIMARY KEY, title TEXT NOT NULL,"
    "  weeks INTEGER NOT NULL, source TEXT NOT NULL, retired INTEGER NOT NULL DEFAULT 0)",
    "CREATE TABLE roadmap_weeks(track TEXT NOT NULL, week INTEGER NOT NULL,"
    "  theme TEXT NOT NULL, focus_decks TEXT NOT NULL DEFAULT ' ',"
    "  focus_tags TEXT NOT NULL DEFAULT ' ', PRIMARY KEY(track, week))",
    "CREATE TABLE milestones(id TEXT PRIMARY KEY, track TEXT NOT NULL,"
    "  week INTEGER NOT NULL, text TEXT NOT NULL, position INTEGER NOT NULL,"
    "  source TEXT NOT NULL DEFAULT '', retired INTEGER NOT NULL DEFAULT 0)",

    /* Oral mock quizzes: their own history, never the schedule's. */
    "CREATE TABLE mocks(id INTEGER PRIMARY KEY, started INTEGER NOT NULL,"
    "  finished INTEGER, minutes INTEGER NOT NULL, sections TEXT NOT NULL)",
    "CREATE TABLE mock_answers(mock_id INTEGER NOT NULL REFERENCES mocks(id),"
    "  card_id TEXT NOT NULL, section TEXT NOT NULL,"
    "  result INTEGER NOT NULL CHECK(result IN (0,1,2)), answer_ms INTEGER NOT NULL,"
    "  time INTEGER NOT NULL)",
    NULL,
};

/* 2: the learner's own records beyond reviews: checklist answers and dated
 * assessments, roadmap plans and their milestones, and fitted FSRS parameters. */
static const char *const v2[] = {
    /* Current answer per checklist item: 0/1 for the full list, 1-5 for quick items. */
    "CREATE TABLE checklist_answers(item_id TEXT PRIMARY KEY, value INTEGER NOT NULL,"
    "  updated INTEGER NOT NULL) WITHOUT ROWID",
    "CREATE TABLE assessments(id INTEGER PRIMARY KEY, checklist_id TEXT NOT NULL,"
    "  kind TEXT NOT NULL CHECK(kind IN ('full','quick')), time INTEGER NOT NULL,"
    "  day INTEGER NOT NULL, score INTEGER NOT NULL, max INTEGER NOT NULL,"
    "  band TEXT NOT NULL DEFAULT '')",
    "CREATE TABLE assessment_items(assessment_id INTEGER NOT NULL REFERENCES assessments(id),"
    "  item_id TEXT NOT NULL, category TEXT NOT NULL, value INTEGER NOT NULL,"
    "  PRIMARY KEY(assessment_id, item_id))",
    "CREATE TABLE plans(id INTEGER PRIMARY KEY, track TEXT NOT NULL,"
    "  start_day INTEGER NOT NULL, interview_day INTEGER, created INTEGER NOT NULL,"
    "  active INTEGER NOT NULL DEFAULT 1, ended INTEGER)",
    "CREATE UNIQUE INDEX plans_one_active ON plans(active) WHERE active = 1",
    "CREATE TABLE plan_milestones(plan_id INTEGER NOT NULL REFERENCES plans(id),"
    "  milestone_id TEXT NOT NULL, done_time INTEGER NOT NULL,"
    "  PRIMARY KEY(plan_id, milestone_id))",
    "CREATE TABLE fsrs_fits(id INTEGER PRIMARY KEY, time INTEGER NOT NULL,"
    "  params TEXT NOT NULL, reviews INTEGER NOT NULL, logloss_before REAL,"
    "  logloss_after REAL, rmse_before REAL, rmse_after REAL,"
    "  active INTEGER NOT NULL DEFAULT 0)",
    NULL,
};

/* 3: indexes for a year of heavy use (see bench/): today's numbers come from
 * indexes alone (the day index now covers mode, state, grade and time; a partial
 * index covers the live cards' counts), and a stat stamp lets a sync skip reading
 * content files that have not been touched. */
static const char *const v3[] = {
    "DROP INDEX revlog_by_day",
    "CREATE INDEX revlog_by_day ON revlog(day, mode, state_before, grade, answer_ms)",
    "CREATE INDEX cards_live ON cards(deck_id, state, due, buried_day, gate, section)"
    "  WHERE retired = 0 AND suspended = 0",
    /* size:mtime:inode of the file when its hash was taken, or NULL. */
    "ALTER TABLE content_files ADD COLUMN stamp TEXT",
    NULL,
};

/* Per-row contribution of a revlog row to its day's totals (X is NEW or OLD). */
#define DAY_TOTALS(X)                                                                          \
    X ".day, " X ".mode, 1, " X ".state_before = 0, " X ".state_before = 2, " X                \
    ".state_before = 2 AND " X ".grade > 1, " X ".answer_ms, " X ".answer_ms > 0, CASE WHEN " X \
    ".answer_ms > 0 THEN MIN(" X ".answer_ms, 120000) ELSE 0 END"
#define DAY_ADD                                                                                \
    " ON CONFLICT(day, mode) DO UPDATE SET answers = answers + 1, fresh = fresh + excluded.fresh," \
    " reviews = reviews + excluded.reviews, passed = passed + excluded.passed,"                  \
    " ms = ms + excluded.ms, timed = timed + excluded.timed,"                                    \
    " ms_capped = ms_capped + excluded.ms_capped;"
#define DAY_SUB                                                                                \
    " UPDATE revlog_days SET answers = answers - 1, fresh = fresh - (OLD.state_before = 0),"     \
    " reviews = reviews - (OLD.state_before = 2),"                                               \
    " passed = passed - (OLD.state_before = 2 AND OLD.grade > 1), ms = ms - OLD.answer_ms,"      \
    " timed = timed - (OLD.answer_ms > 0), ms_capped = ms_capped - CASE WHEN OLD.answer_ms > 0"  \
    " THEN MIN(OLD.answer_ms, 120000) ELSE 0 END WHERE day = OLD.day AND mode = OLD.mode;"

/* 4: the review log's totals per study day and mode, kept by triggers, so that
 * today's counts, the streak, true retention and the time per answer read a row
 * per day instead of every review (a heavy year has a million; see bench/). */
static const char *const v4[] = {
    "CREATE TABLE revlog_days(day INTEGER NOT NULL, mode TEXT NOT NULL,"
    "  answers INTEGER NOT NULL,"  /* rows */
    "  fresh INTEGER NOT NULL,"    /* answers to new cards (state_before 0) */
    "  reviews INTEGER NOT NULL,"  /* answers to review cards (state_before 2) */
    "  passed INTEGER NOT NULL,"   /* ...of which graded Hard or better */
    "  ms INTEGER NOT NULL,"       /* sum of answer_ms */
    "  timed INTEGER NOT NULL,"    /* answers with answer_ms > 0 */
    "  ms_capped INTEGER NOT NULL," /* sum of those, each capped at two minutes */
    "  PRIMARY KEY(day, mode)) WITHOUT ROWID",
    "INSERT INTO revlog_days SELECT day, mode, count(*), sum(state_before = 0),"
    "  sum(state_before = 2), sum(state_before = 2 AND grade > 1), sum(answer_ms),"
    "  sum(answer_ms > 0), sum(CASE WHEN answer_ms > 0 THEN MIN(answer_ms, 120000) ELSE 0 END)"
    "  FROM revlog GROUP BY day, mode",
    "CREATE TRIGGER revlog_days_insert AFTER INSERT ON revlog BEGIN"
    "  INSERT INTO revlog_days VALUES(" DAY_TOTALS("NEW") ")" DAY_ADD " END",
    "CREATE TRIGGER revlog_days_delete AFTER DELETE ON revlog BEGIN" DAY_SUB " END",
    "CREATE TRIGGER revlog_days_update AFTER UPDATE OF day, mode, state_before, grade, answer_ms"
    "  ON revlog BEGIN" DAY_SUB " INSERT INTO revlog_days VALUES(" DAY_TOTALS("NEW") ")" DAY_ADD
    " END",
    NULL,
};

static const char *const *const migrations[] = {v1, v2, v3, v4};

int schema_count(void)
{
    return (int)(sizeof migrations / sizeof migrations[0]);
}

const char *const *schema_migration(int version)
{
    if (version < 1 || version > schema_count())
        return NULL;
    return migrations[version - 1];
}
