/*
 * test_sync.c - content files into a real SQLite file: history survives text
 * edits, removed cards are retired, broken files change nothing.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "cards.h"
#include "store.h"
#include "sync.h"
#include "testutil.h"

static char dir[256], content[300], db[300];
static struct store *st;

static const char deck_a[] = "kind: deck\n"
                             "id: algebra\n"
                             "title: Algebra\n"
                             "section: mathematics\n"
                             "topic: linear-algebra\n"
                             "tags: [oral]\n"
                             "cards:\n"
                             "  - id: rank\n"
                             "    q: What is the rank of a matrix?\n"
                             "    a: The dimension of its column space.\n"
                             "  - id: trace\n"
                             "    q: What is the trace?\n"
                             "    a: The sum of the diagonal entries.\n"
                             "    tags: [definition]\n"
                             "    check:\n"
                             "      exact: sum of diagonal\n";

static const char reading[] = "kind: reading\n"
                              "papers:\n"
                              "  - id: dpo\n"
                              "    title: Direct Preference Optimization\n"
                              "    authors: Rafael Rafailov et al.\n"
                              "    year: 2023\n"
                              "    venue: NeurIPS 2023\n"
                              "    topic: preference-optimisation\n"
                              "    why: It removes the reward model.\n"
                              "    questions:\n"
                              "      - id: dpo-beta\n"
                              "        q: What does beta control?\n"
                              "        a: How far the policy may move from the reference.\n";

static int setup(void **state)
{
    (void)state;
    struct lp_err err = {0};
    tu_layout(dir, sizeof dir, content, sizeof content, db, sizeof db);
    tu_write(content, "algebra.yaml", deck_a);
    tu_write(content, "reading.yaml", reading);
    st = store_open(db, STORE_CREATE, &err);
    assert_non_null(st);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    store_close(st);
    tu_rmrf(dir);
    return 0;
}

static enum lp_code run_sync(struct content_diag *diag, struct sync_stats *stats)
{
    const char *dirs[] = {content};
    struct lp_err err = {0};
    content_diag_init(diag);
    return sync_content(st, dirs, 1, 1, 1767225600, diag, stats, &err);
}

static void sync_ok(struct sync_stats *stats)
{
    struct content_diag diag;
    assert_int_equal(run_sync(&diag, stats), LP_OK);
    for (size_t i = 0; i < diag.n; i++)
        print_error("unexpected: %s\n", diag.msgs[i]);
    assert_int_equal(diag.n, 0);
    content_diag_free(&diag);
}

static long qint(const char *sql)
{
    return tu_qint(st, sql);
}

static void qtext(const char *sql, char *buf, size_t size)
{
    sqlite3_stmt *q;
    assert_int_equal(sqlite3_prepare_v2(store_db(st), sql, -1, &q, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(q), SQLITE_ROW);
    snprintf(buf, size, "%s", (const char *)sqlite3_column_text(q, 0));
    sqlite3_finalize(q);
}

/* Pretend the learner has studied 'rank': a memory state and one log row. */
static void study_rank(void)
{
    struct lp_err err = {0};
    assert_int_equal(store_exec(st,
                                "UPDATE cards SET state=2, stability=12.5, difficulty=4.2,"
                                " reps=3, due=1768000000 WHERE id='rank';"
                                "INSERT INTO revlog(card_id, time, day, grade, mode,"
                                " elapsed_days, scheduled_days, state_before, state_after,"
                                " s_before, d_before, s_after, d_after, due_before, due_after,"
                                " last_before, step_before, step_after, reps_before,"
                                " lapses_before, leech_before, suspended_before) VALUES('rank',"
                                " 1767000000, 20450, 3, 'study', 0, 12, 0, 2, 0, 0, 12.5, 4.2,"
                                " 0, 1768000000, 0, 0, 0, 0, 0, 0, 0)",
                                &err),
                     LP_OK);
}

static void test_first_sync_adds_everything(void **state)
{
    (void)state;
    struct sync_stats s;
    sync_ok(&s);
    assert_int_equal(s.files, 2);
    assert_int_equal(s.parsed, 2);
    assert_int_equal(s.cards_added, 3);
    assert_int_equal(qint("SELECT count(*) FROM cards WHERE state = 0 AND retired = 0"), 3);
    char buf[200];
    qtext("SELECT tags FROM cards WHERE id = 'trace'", buf, sizeof buf);
    assert_string_equal(buf, " oral definition ");
    qtext("SELECT check_spec IS NOT NULL FROM cards WHERE id = 'trace'", buf, sizeof buf);
    assert_string_equal(buf, "1");
    qtext("SELECT gate || '|' || section FROM cards WHERE id = 'dpo-beta'", buf, sizeof buf);
    assert_string_equal(buf, "dpo|alignment");
    assert_int_equal(qint("SELECT count(*) FROM papers WHERE status = 'queued'"), 1);
}

static void test_unchanged_files_are_not_parsed(void **state)
{
    (void)state;
    struct sync_stats s;
    sync_ok(&s);
    sync_ok(&s);
    assert_int_equal(s.parsed, 0);
    assert_int_equal(s.skipped_unchanged, 2);
}

static void test_text_edit_keeps_history(void **state)
{
    (void)state;
    struct sync_stats s;
    sync_ok(&s);
    study_rank();
    char edited[sizeof deck_a + 64];
    snprintf(edited, sizeof edited, "%s", deck_a);
    char *q = strstr(edited, "What is the rank of a matrix?");
    memcpy(q, "Define the rank of a matrix.!", 29);
    tu_write(content, "algebra.yaml", edited);
    sync_ok(&s);
    assert_int_equal(s.parsed, 1);
    assert_int_equal(s.cards_updated, 2);
    assert_int_equal(s.cards_added, 0);
    char buf[200];
    qtext("SELECT q FROM cards WHERE id = 'rank'", buf, sizeof buf);
    assert_string_equal(buf, "Define the rank of a matrix.!");
    assert_int_equal(qint("SELECT state * 100 + reps FROM cards WHERE id = 'rank'"), 203);
    assert_int_equal(qint("SELECT stability * 10 FROM cards WHERE id = 'rank'"), 125);
    assert_int_equal(qint("SELECT count(*) FROM revlog WHERE card_id = 'rank'"), 1);
}

static void test_removed_card_is_retired_then_restored(void **state)
{
    (void)state;
    struct sync_stats s;
    sync_ok(&s);
    study_rank();
    /* Drop the 'rank' card (lines 8-10) from the file. */
    char without[sizeof deck_a];
    const char *start = strstr(deck_a, "  - id: rank");
    const char *end = strstr(deck_a, "  - id: trace");
    snprintf(without, sizeof without, "%.*s%s", (int)(start - deck_a), deck_a, end);
    tu_write(content, "algebra.yaml", without);
    sync_ok(&s);
    assert_int_equal(s.cards_retired, 1);
    assert_int_equal(qint("SELECT retired FROM cards WHERE id = 'rank'"), 1);
    assert_int_equal(qint("SELECT count(*) FROM revlog WHERE card_id = 'rank'"), 1);
    tu_write(content, "algebra.yaml", deck_a);
    sync_ok(&s);
    assert_int_equal(qint("SELECT retired * 1000 + state * 100 + reps FROM cards"
                          " WHERE id = 'rank'"),
                     203);
}

static void test_deleted_file_retires_its_cards(void **state)
{
    (void)state;
    struct sync_stats s;
    char path[400];
    sync_ok(&s);
    snprintf(path, sizeof path, "%s/reading.yaml", content);
    assert_int_equal(unlink(path), 0);
    sync_ok(&s);
    assert_int_equal(s.removed, 1);
    assert_int_equal(qint("SELECT retired FROM cards WHERE id = 'dpo-beta'"), 1);
    assert_int_equal(qint("SELECT retired FROM papers WHERE id = 'dpo'"), 1);
    assert_int_equal(qint("SELECT retired FROM cards WHERE id = 'rank'"), 0);
}

static void test_broken_file_changes_nothing(void **state)
{
    (void)state;
    struct sync_stats s;
    struct content_diag diag;
    sync_ok(&s);
    study_rank();
    /* Line 9 gets an unknown key: the whole file is skipped. */
    char broken[sizeof deck_a + 64];
    const char *at = strstr(deck_a, "    q: What is the rank");
    snprintf(broken, sizeof broken, "%.*s    qestion: typo\n%s", (int)(at - deck_a), deck_a, at);
    tu_write(content, "algebra.yaml", broken);
    assert_int_equal(run_sync(&diag, &s), LP_OK);
    assert_int_equal(s.failed, 1);
    assert_true(diag.n >= 1);
    char want[400];
    snprintf(want, sizeof want, "%s/algebra.yaml:9:5: ", content);
    assert_memory_equal(diag.msgs[0], want, strlen(want));
    assert_non_null(strstr(diag.msgs[0], "qestion"));
    content_diag_free(&diag);
    assert_int_equal(qint("SELECT count(*) FROM cards WHERE retired = 0"), 3);
    assert_int_equal(qint("SELECT state * 100 + reps FROM cards WHERE id = 'rank'"), 203);
}

static void test_duplicate_id_across_files_skips_newcomer(void **state)
{
    (void)state;
    struct sync_stats s;
    struct content_diag diag;
    sync_ok(&s);
    tu_write(content, "zz-copy.yaml",
             "kind: deck\nid: copy\ntitle: Copy\nsection: mathematics\ntopic: t\ncards:\n"
             "  - id: fresh\n    q: a new card\n    a: fine\n"
             "  - id: rank\n    q: stolen id\n    a: clash\n");
    assert_int_equal(run_sync(&diag, &s), LP_OK);
    assert_int_equal(s.failed, 1);
    int found = 0;
    for (size_t i = 0; i < diag.n; i++)
        found |= strstr(diag.msgs[i], "zz-copy.yaml:10:") && strstr(diag.msgs[i], "'rank'") &&
                 strstr(diag.msgs[i], "algebra.yaml");
    assert_true(found);
    content_diag_free(&diag);
    char buf[200];
    qtext("SELECT q FROM cards WHERE id = 'rank'", buf, sizeof buf);
    assert_string_equal(buf, "What is the rank of a matrix?");
    assert_int_equal(qint("SELECT count(*) FROM cards WHERE id = 'fresh'"), 0);
}

static void test_card_moved_between_files_keeps_history(void **state)
{
    (void)state;
    struct sync_stats s;
    sync_ok(&s);
    study_rank();
    const char *start = strstr(deck_a, "  - id: rank");
    const char *end = strstr(deck_a, "  - id: trace");
    char without[sizeof deck_a], moved[1024];
    snprintf(without, sizeof without, "%.*s%s", (int)(start - deck_a), deck_a, end);
    snprintf(moved, sizeof moved,
             "kind: deck\nid: other\ntitle: Other\nsection: mathematics\ntopic: t\ncards:\n%.*s",
             (int)(end - start), start);
    tu_write(content, "algebra.yaml", without);
    tu_write(content, "other.yaml", moved);
    sync_ok(&s);
    assert_int_equal(qint("SELECT retired FROM cards WHERE id = 'rank'"), 0);
    assert_int_equal(qint("SELECT state * 100 + reps FROM cards WHERE id = 'rank'"), 203);
    char buf[200];
    qtext("SELECT deck_id FROM cards WHERE id = 'rank'", buf, sizeof buf);
    assert_string_equal(buf, "other");
}

static void test_reading_questions_wait_for_their_paper(void **state)
{
    (void)state;
    struct sync_stats s;
    struct lp_err err = {0};
    struct answer_result r;
    struct config cfg;
    config_defaults(&cfg);
    sync_ok(&s);
    assert_int_equal(cards_answer(st, &cfg, "dpo-beta", 3, 1767225600, 0, "study", -1, &r, &err),
                     LP_ESTATE);
    assert_non_null(strstr(err.msg, "not read yet"));
    assert_int_equal(store_exec(st, "UPDATE papers SET status = 'read' WHERE id = 'dpo'", &err),
                     LP_OK);
    assert_int_equal(cards_answer(st, &cfg, "dpo-beta", 3, 1767225600, 0, "study", -1, &r, &err),
                     LP_OK);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(test_first_sync_adds_everything),
        T(test_unchanged_files_are_not_parsed),
        T(test_text_edit_keeps_history),
        T(test_removed_card_is_retired_then_restored),
        T(test_deleted_file_retires_its_cards),
        T(test_broken_file_changes_nothing),
        T(test_duplicate_id_across_files_skips_newcomer),
        T(test_card_moved_between_files_keeps_history),
        T(test_reading_questions_wait_for_their_paper),
    };
    return cmocka_run_group_tests_name("sync", tests, NULL, NULL);
}
