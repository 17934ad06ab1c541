/*
 * seed.h - fixture content and seeded history for the checklist, plan, reading
 * and report tests (header-only, static).  Include after cmocka.h and testutil.h.
 *
 * The content: decks `deriv` (mathematics, topic calculus, 12 cards d0..d11
 * tagged derivation), `stats` (statistics, topic tests, 6 cards s0..s5) and
 * `other` (machine-learning, topic misc, 4 cards o0..o3); a reading list with
 * papers p1 (topic rlhf, questions p1-q1, p1-q2) and p2 (topic scaling, p2-q1);
 * a checklist `ready` (research: r1 [papers-read], r2 [plan]; technical:
 * t1 [retention:derivation, mocks], t2; 5 points each; bands 16/12/8/0; quick
 * items q1 research, q2 and q3 technical); roadmaps `rs` (4 weeks, milestones
 * a1 a2 | b1 b2 | c1 c2 | d1 d2, week 1 focus deck stats and tag derivation)
 * and `re` (2 weeks, milestones e1 | f1).
 */
#ifndef LP_SEED_H
#define LP_SEED_H

#include <stdint.h>
#include <time.h>

#include "clock.h"
#include "store.h"
#include "sync.h"

/* 2026-01-05 (a Monday) 09:00 UTC; tests run with TZ=UTC and rollover 4. */
#define SEED_T0 1767603600LL
#define SEED_DAY0 20458 /* clock_days_from_civil(2026, 1, 5) */
#define SEED_DAY 86400LL

static inline void seed_deck(const char *dir, const char *file, const char *id, const char *section,
                             const char *topic, const char *prefix, int n, const char *tags)
{
    char buf[8192];
    int len = snprintf(buf, sizeof buf,
                       "kind: deck\nid: %s\ntitle: %s deck\nsection: %s\ntopic: %s\n%s\ncards:\n",
                       id, id, section, topic, tags);
    for (int i = 0; i < n; i++)
        len += snprintf(buf + len, sizeof buf - (size_t)len,
                        "  - id: %s%d\n    q: question %d\n    a: answer %d\n", prefix, i, i, i);
    tu_write(dir, file, buf);
}

static inline void seed_content(const char *dir)
{
    seed_deck(dir, "deriv.yaml", "deriv", "mathematics", "calculus", "d", 12, "tags: [derivation]");
    seed_deck(dir, "stats.yaml", "stats", "statistics", "tests", "s", 6, "tags: [oral]");
    seed_deck(dir, "other.yaml", "other", "machine-learning", "misc", "o", 4, "tags: [oral]");
    tu_write(dir, "reading.yaml",
             "kind: reading\npapers:\n"
             "  - id: p1\n    title: Paper one\n    authors: A. Author\n    year: 2022\n"
             "    venue: NeurIPS 2022\n    topic: rlhf\n    why: It matters.\n"
             "    questions:\n"
             "      - id: p1-q1\n        q: First question?\n        a: First answer.\n"
             "      - id: p1-q2\n        q: Second question?\n        a: Second answer.\n"
             "  - id: p2\n    title: Paper two\n    authors: B. Author\n    year: 2020\n"
             "    venue: arXiv 2001.08361\n    arxiv: \"2001.08361\"\n    topic: scaling\n"
             "    why: It also matters.\n    questions:\n"
             "      - id: p2-q1\n        q: Third question?\n        a: Third answer.\n");
    tu_write(dir, "checklist.yaml",
             "kind: checklist\nid: ready\ntitle: Readiness\ncategories:\n"
             "  - id: research\n    title: Research\n    items:\n"
             "      - id: r1\n        text: Read papers.\n        points: 5\n"
             "        evidence: [papers-read]\n"
             "      - id: r2\n        text: A plan is under way.\n        points: 5\n"
             "        evidence: [plan]\n"
             "  - id: technical\n    title: Technical\n    items:\n"
             "      - id: t1\n        text: Derive gradients.\n        points: 5\n"
             "        evidence: [\"retention:derivation\", mocks]\n"
             "      - id: t2\n        text: Code fast.\n        points: 5\n"
             "bands:\n"
             "  - min: 16\n    label: Ready\n    advice: Apply now.\n"
             "  - min: 12\n    label: Strong\n    advice: Work on the weakest category.\n"
             "  - min: 8\n    label: Meaningful gaps\n    advice: Follow the plan.\n"
             "  - min: 0\n    label: Foundational\n    advice: Build foundations.\n"
             "quick:\n  title: Quick check\n  items:\n"
             "    - id: q1\n      category: research\n      text: Publications?\n"
             "    - id: q2\n      category: technical\n      text: Gradients?\n"
             "    - id: q3\n      category: technical\n      text: Attention?\n");
    tu_write(dir, "rs.yaml",
             "kind: roadmap\ntrack: rs\ntitle: RS, 4 weeks\nweeks:\n"
             "  - week: 1\n    theme: Foundations\n    focus:\n      decks: [stats]\n"
             "      tags: [derivation]\n    milestones:\n"
             "      - id: a1\n        text: Do a1.\n      - id: a2\n        text: Do a2.\n"
             "  - week: 2\n    theme: Theory\n    milestones:\n"
             "      - id: b1\n        text: Do b1.\n      - id: b2\n        text: Do b2.\n"
             "  - week: 3\n    theme: Coding\n    milestones:\n"
             "      - id: c1\n        text: Do c1.\n      - id: c2\n        text: Do c2.\n"
             "  - week: 4\n    theme: Mocks\n    milestones:\n"
             "      - id: d1\n        text: Do d1.\n      - id: d2\n        text: Do d2.\n");
    tu_write(dir, "re.yaml",
             "kind: roadmap\ntrack: re\ntitle: RE, 2 weeks\nweeks:\n"
             "  - week: 1\n    theme: Basics\n    milestones:\n"
             "      - id: e1\n        text: Do e1.\n"
             "  - week: 2\n    theme: More\n    milestones:\n"
             "      - id: f1\n        text: Do f1.\n");
}

/* Open a fresh store in a temp dir synced from seed_content(); dir gets the path. */
static inline struct store *seed_open(char *dir, size_t size)
{
    struct lp_err err = {0};
    char content[512], db[512];
    setenv("TZ", "UTC", 1);
    tzset();
    tu_tempdir(dir, size);
    snprintf(content, sizeof content, "%s/content", dir);
    snprintf(db, sizeof db, "%s/labprep.db", dir);
    mkdir(content, 0700);
    seed_content(content);
    struct store *st = store_open(db, STORE_CREATE, &err);
    assert_non_null(st);
    const char *dirs[] = {content};
    struct content_diag diag;
    content_diag_init(&diag);
    assert_int_equal(sync_content(st, dirs, 1, 1, SEED_T0, &diag, NULL, &err), LP_OK);
    for (size_t i = 0; i < diag.n; i++)
        fprintf(stderr, "fixture: %s\n", diag.msgs[i]);
    assert_int_equal(diag.n, 0);
    content_diag_free(&diag);
    return st;
}

static inline void seed_exec(struct store *st, const char *sql)
{
    char *msg = NULL;
    if (sqlite3_exec(store_db(st), sql, NULL, NULL, &msg) != SQLITE_OK)
        fprintf(stderr, "seed_exec: %s\n  in: %s\n", msg ? msg : "?", sql);
    assert_null(msg);
}

static inline long seed_int(struct store *st, const char *sql)
{
    sqlite3_stmt *q;
    assert_int_equal(sqlite3_prepare_v2(store_db(st), sql, -1, &q, NULL), SQLITE_OK);
    long v = sqlite3_step(q) == SQLITE_ROW ? (long)sqlite3_column_int64(q, 0) : -999;
    sqlite3_finalize(q);
    return v;
}

/* One review-log row as a study answer on `day` (09:00 that day) would leave it. */
static inline void seed_answer(struct store *st, const char *card, int32_t day, int grade,
                               int state_before, const char *mode, int answer_ms, int leech_before)
{
    char sql[1024];
    int64_t t = (int64_t)day * SEED_DAY + 9 * 3600;
    snprintf(sql, sizeof sql,
             "INSERT INTO revlog(card_id, time, day, grade, mode, elapsed_days, scheduled_days,"
             " state_before, state_after, s_before, d_before, s_after, d_after, due_before,"
             " due_after, last_before, step_before, step_after, reps_before, lapses_before,"
             " leech_before, suspended_before, answer_ms) VALUES('%s', %lld, %d, %d, '%s', 1, 1,"
             " %d, 2, 1, 5, 2, 5, %lld, %lld, %lld, 0, 0, 1, 0, %d, 0, %d)",
             card, (long long)t, (int)day, grade, mode, state_before, (long long)t,
             (long long)(t + SEED_DAY), (long long)(t - SEED_DAY), leech_before, answer_ms);
    seed_exec(st, sql);
}

#endif
