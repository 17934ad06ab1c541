/*
 * test_content.c - the content loader (core/content*.c): good fixtures parsed field by
 * field, one bad fixture per kind of error with its exact messages, cross-file ids,
 * answer checking and file listing.  Run from the repository root (make unit does).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <ftw.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "content.h"

#define FIX "tests/fixtures/content/"
#define B FIX "bad/"
#define C FIX "cross/"

/* ---- helpers --------------------------------------------------------------------- */

static struct content_file *parse_good(const char *name)
{
    char path[256];
    struct content_diag d;
    content_diag_init(&d);
    snprintf(path, sizeof path, FIX "good/%s", name);
    struct content_file *f = content_parse_file(path, &d);
    if (d.n)
        print_error("unexpected: %s\n", d.msgs[0]);
    assert_int_equal(d.n, 0);
    assert_non_null(f);
    assert_string_equal(f->path, path);
    content_diag_free(&d);
    return f;
}

/* Parse path, which must fail with exactly the n messages want[] in order. */
static void expect_msgs(const char *path, const char *const *want, size_t n)
{
    struct content_diag d;
    content_diag_init(&d);
    struct content_file *f = content_parse_file(path, &d);
    for (size_t i = 0; i < d.n; i++)
        if (i >= n || strcmp(d.msgs[i], want[i]) != 0)
            print_error("got:  %s\n", d.msgs[i]);
    assert_null(f);
    for (size_t i = 0; i < d.n && i < n; i++)
        assert_string_equal(d.msgs[i], want[i]);
    assert_int_equal(d.n, n);
    content_diag_free(&d);
}

#define EXPECT(path, ...)                                                                  \
    do {                                                                                   \
        static const char *const want_[] = {__VA_ARGS__};                                  \
        expect_msgs(path, want_, sizeof want_ / sizeof want_[0]);                          \
    } while (0)

static char tmpdir[64];

static int rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)flag;
    (void)ftw;
    return remove(path);
}

static int tmp_setup(void **state)
{
    (void)state;
    snprintf(tmpdir, sizeof tmpdir, "/tmp/lp-content-XXXXXX");
    return mkdtemp(tmpdir) ? 0 : -1;
}

static int tmp_teardown(void **state)
{
    (void)state;
    return nftw(tmpdir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

static void write_file(const char *path, const char *text, size_t len)
{
    FILE *fp = fopen(path, "wb");
    assert_non_null(fp);
    assert_int_equal(fwrite(text, 1, len, fp), len);
    fclose(fp);
}

/* ---- good files ------------------------------------------------------------------ */

static void test_good_deck(void **state)
{
    (void)state;
    struct content_file *f = parse_good("deck.yaml");
    const struct content_deck *d = &f->u.deck;
    assert_int_equal(f->kind, CONTENT_DECK);
    assert_int_equal(f->id_line, 3);
    assert_int_equal(f->id_col, 5);
    assert_string_equal(d->id, "linear-algebra");
    assert_string_equal(d->title, "Linear algebra");
    assert_string_equal(d->section, "mathematics");
    assert_string_equal(d->topic, "linear-algebra");
    assert_int_equal(d->n_tags, 2);
    assert_string_equal(d->tags[0], "oral");
    assert_string_equal(d->tags[1], "core");
    assert_null(d->drill);
    assert_int_equal(d->n_cards, 5);

    const struct content_card *c = &d->cards[0];
    assert_string_equal(c->id, "la-rank-definition");
    assert_string_equal(c->q, "What is the rank of a matrix?");
    assert_string_equal(c->a, "The dimension of its column space, which equals the dimension "
                              "of its row space.");
    assert_int_equal(c->difficulty, DIFF_EASY);
    assert_int_equal(c->n_tags, 1);
    assert_string_equal(c->tags[0], "definition");
    assert_int_equal(c->check.type, CHECK_NONE);
    assert_null(c->code);
    assert_int_equal(c->seconds, 0);
    assert_int_equal(c->line, 9);
    assert_int_equal(c->col, 5);

    c = &d->cards[1];
    assert_string_equal(c->a, "1");
    assert_string_equal(c->code, "A = [[1, 2],\n     [2, 4]]\n");
    assert_int_equal(c->difficulty, DIFF_MEDIUM);
    assert_int_equal(c->check.type, CHECK_NUMBER);
    assert_true(c->check.number == 1.0);
    assert_true(c->check.tolerance == 1e-9);

    c = &d->cards[2];
    assert_string_equal(c->a, "0.5");
    assert_int_equal(c->difficulty, DIFF_HARD);
    assert_true(c->check.number == 0.5);
    assert_true(c->check.tolerance == 0.01);

    c = &d->cards[3];
    assert_int_equal(c->check.type, CHECK_CHOICE);
    assert_int_equal(c->check.n_options, 3);
    assert_string_equal(c->check.options[1], "O(n²)");
    assert_int_equal(c->check.answer, 2);

    c = &d->cards[4];
    assert_int_equal(c->seconds, 30);
    assert_int_equal(c->check.type, CHECK_EXACT);
    assert_string_equal(c->check.exact, "positive semidefinite");
    assert_int_equal(c->check.n_accept, 2);
    assert_string_equal(c->check.accept[0], "PSD");
    assert_string_equal(c->check.accept[1], "positive semi-definite");
    content_file_free(f);
}

static void test_good_hash(void **state)
{
    (void)state;
    assert_true(content_hash("", 0) == 0xcbf29ce484222325u);
    assert_true(content_hash("a", 1) == 0xaf63dc4c8601ec8cu);
    FILE *fp = fopen(FIX "good/talk.yaml", "rb");
    assert_non_null(fp);
    char buf[4096];
    size_t n = fread(buf, 1, sizeof buf, fp);
    fclose(fp);
    struct content_file *f = parse_good("talk.yaml");
    assert_true(f->hash == content_hash(buf, n));
    content_file_free(f);
}

static void test_good_debugging(void **state)
{
    (void)state;
    struct content_file *f = parse_good("debugging.yaml");
    const struct content_deck *d = &f->u.deck;
    assert_string_equal(d->drill, "debugging");
    assert_string_equal(d->section, "practice");
    assert_int_equal(d->n_cards, 2);
    const struct content_card *c = &d->cards[0];
    assert_string_equal(c->q, "This runs but does not learn. What is wrong?");
    assert_null(c->a);
    assert_string_equal(c->code, "for x, y in loader:\n    loss = model(x, y)\n"
                                 "    loss.backward()\n    opt.step()\n");
    assert_string_equal(c->bug, "optimizer.zero_grad() is never called.");
    assert_string_equal(c->symptom, "The loss explodes after a few steps.");
    assert_string_equal(c->fix, "Call opt.zero_grad() before loss.backward().");
    c = &d->cards[1];
    assert_string_equal(c->q, "Validation accuracy jumps around. Why?");
    assert_string_equal(c->a, "Dropout is still on.");
    assert_string_equal(c->code, "acc = evaluate(model, val)");
    content_file_free(f);
}

static void test_good_talk(void **state)
{
    (void)state;
    struct content_file *f = parse_good("talk.yaml");
    const struct content_deck *d = &f->u.deck;
    assert_string_equal(d->drill, "talk");
    assert_int_equal(d->n_tags, 1);
    assert_string_equal(d->tags[0], "talk");
    assert_int_equal(d->n_cards, 1);
    assert_string_equal(d->cards[0].id, "talk-elevator");
    assert_int_equal(d->cards[0].seconds, 60);
    assert_null(d->cards[0].bug);
    content_file_free(f);
}

static void test_good_reading(void **state)
{
    (void)state;
    struct content_file *f = parse_good("reading.yaml");
    assert_int_equal(f->kind, CONTENT_READING);
    assert_int_equal(f->u.reading.n_papers, 2);
    const struct content_paper *p = &f->u.reading.papers[0];
    assert_string_equal(p->id, "instructgpt");
    assert_string_equal(p->title,
                        "Training language models to follow instructions with human feedback");
    assert_string_equal(p->authors, "Long Ouyang, Jeff Wu, Xu Jiang, et al.");
    assert_int_equal(p->year, 2022);
    assert_string_equal(p->venue, "NeurIPS 2022");
    assert_string_equal(p->arxiv, "2203.02155");
    assert_string_equal(p->topic, "rlhf");
    assert_string_equal(p->why, "The recipe behind instruction-following models.");
    assert_int_equal(p->line, 3);
    assert_int_equal(p->col, 5);
    assert_int_equal(p->n_questions, 2);
    assert_string_equal(p->questions[0].id, "instructgpt-three-stages");
    assert_string_equal(p->questions[0].a, "SFT, reward model, PPO.");
    assert_int_equal(p->questions[1].check.type, CHECK_EXACT);
    assert_string_equal(p->questions[1].check.accept[1], "sft policy");
    p = &f->u.reading.papers[1];
    assert_null(p->arxiv);
    assert_int_equal(p->year, 2023);
    assert_int_equal(p->n_questions, 1);
    assert_int_equal(p->questions[0].difficulty, DIFF_MEDIUM);
    content_file_free(f);
}

static void test_good_checklist(void **state)
{
    (void)state;
    struct content_file *f = parse_good("checklist.yaml");
    const struct content_checklist *cl = &f->u.checklist;
    assert_int_equal(f->kind, CONTENT_CHECKLIST);
    assert_string_equal(cl->id, "rs-readiness");
    assert_string_equal(cl->title, "Research scientist readiness");
    assert_int_equal(cl->n_categories, 2);
    assert_string_equal(cl->categories[0].id, "research");
    assert_string_equal(cl->categories[0].title, "Research foundation");
    assert_int_equal(cl->categories[0].n_items, 2);
    const struct content_item *it = &cl->categories[0].items[0];
    assert_string_equal(it->id, "first-author-papers");
    assert_int_equal(it->points, 5);
    assert_int_equal(it->n_evidence, 3);
    assert_string_equal(it->evidence[0], "papers-read");
    assert_string_equal(it->evidence[1], "retention:derivation");
    assert_string_equal(it->evidence[2], "deck:ml-fundamentals");
    assert_null(it->category);
    assert_string_equal(cl->categories[0].items[1].evidence[1], "drills:talk-drills");
    assert_int_equal(cl->categories[1].items[0].n_evidence, 0);
    assert_int_equal(cl->categories[1].items[0].points, 2);
    /* bands come back highest first */
    assert_int_equal(cl->n_bands, 3);
    assert_int_equal(cl->bands[0].min, 8);
    assert_string_equal(cl->bands[0].label, "Ready to apply");
    assert_string_equal(cl->bands[0].advice, "Apply now.");
    assert_int_equal(cl->bands[1].min, 5);
    assert_null(cl->bands[1].advice);
    assert_int_equal(cl->bands[2].min, 0);
    assert_string_equal(cl->quick_title, "Quick self-assessment");
    assert_int_equal(cl->n_quick, 2);
    assert_string_equal(cl->quick[1].id, "quick-debug");
    assert_string_equal(cl->quick[1].category, "engineering");
    assert_string_equal(cl->quick[1].text, "How confident are you debugging training?");
    assert_int_equal(cl->quick[1].points, 0);
    content_file_free(f);
}

static void test_good_roadmap(void **state)
{
    (void)state;
    struct content_file *f = parse_good("roadmap.yaml");
    const struct content_roadmap *r = &f->u.roadmap;
    assert_int_equal(f->kind, CONTENT_ROADMAP);
    assert_string_equal(r->track, "rs");
    assert_int_equal(f->id_line, 2);
    assert_int_equal(f->id_col, 8);
    assert_string_equal(r->title, "Research scientist, 2 weeks");
    assert_int_equal(r->n_weeks, 2);
    const struct content_week *w = &r->weeks[0];
    assert_int_equal(w->week, 1);
    assert_string_equal(w->theme, "Research foundation - your narrative");
    assert_int_equal(w->n_focus_decks, 1);
    assert_string_equal(w->focus_decks[0], "linear-algebra");
    assert_int_equal(w->n_focus_tags, 2);
    assert_string_equal(w->focus_tags[1], "oral");
    assert_int_equal(w->n_milestones, 2);
    assert_string_equal(w->milestones[1].id, "rs-w1-deck");
    assert_string_equal(w->milestones[1].text, "Finish the linear algebra deck.");
    assert_int_equal(w->milestones[1].line, 13);
    w = &r->weeks[1];
    assert_int_equal(w->week, 2);
    assert_int_equal(w->n_focus_decks, 0);
    assert_null(w->focus_decks);
    assert_int_equal(w->n_milestones, 1);
    content_file_free(f);
}

static void test_sections(void **state)
{
    (void)state;
    assert_string_equal(content_section_name(SECTION_MATHS), "mathematics");
    assert_string_equal(content_section_name(SECTION_PRACTICE), "practice");
    assert_null(content_section_name(SECTION_COUNT));
    assert_null(content_section_name(-1));
    assert_int_equal(content_section_from_name("computer-science"), SECTION_CS);
    assert_int_equal(content_section_from_name("alignment"), SECTION_ALIGNMENT);
    assert_int_equal(content_section_from_name("maths"), -1);
    assert_int_equal(content_section_from_name(NULL), -1);
}

static void test_diag_format(void **state)
{
    (void)state;
    struct content_diag d;
    content_diag_init(&d);
    for (int i = 0; i < 40; i++) /* past the first growth */
        content_diag_add(&d, "f.yaml", i + 1, 2, "problem %d", i);
    content_diag_add(&d, "dir", 0, 0, "no position");
    content_diag_add(&d, NULL, 0, 0, "just text");
    assert_int_equal(d.n, 42);
    assert_string_equal(d.msgs[0], "f.yaml:1:2: problem 0");
    assert_string_equal(d.msgs[39], "f.yaml:40:2: problem 39");
    assert_string_equal(d.msgs[40], "dir: no position");
    assert_string_equal(d.msgs[41], "just text");
    content_diag_free(&d);
    assert_int_equal(d.n, 0);
    assert_null(d.msgs);
}

/* ---- bad files: one per kind of error -------------------------------------------- */

static void test_bad_syntax(void **state)
{
    (void)state;
    EXPECT(B "syntax.yaml", B "syntax.yaml:4:3: YAML syntax error: did not find expected key "
                             "(while parsing a block mapping that started at line 3)");
    EXPECT(B "syntax_flow.yaml",
           B "syntax_flow.yaml:4:6: YAML syntax error: did not find expected ',' or ']' "
             "(while parsing a flow sequence that started at line 3)");
    EXPECT(B "control_char.yaml",
           B "control_char.yaml:2:7: YAML syntax error: control characters are not allowed");
}

static void test_bad_unknown_key(void **state)
{
    (void)state;
    EXPECT(B "unknown_key.yaml",
           B "unknown_key.yaml:6:1: unknown key 'colour' in deck (allowed: kind, id, title, "
             "section, topic, tags, drill, cards)",
           B "unknown_key.yaml:11:5: unknown key 'answer' in card (allowed: id, q, a, code, "
             "difficulty, tags, seconds, check)");
    EXPECT(B "bad_keys.yaml", B "bad_keys.yaml:6:1: mapping keys must be strings, got a list");
}

static void test_bad_wrong_type(void **state)
{
    (void)state;
    EXPECT(B "wrong_type.yaml", B "wrong_type.yaml:3:8: expected a string for 'title', got a list",
           B "wrong_type.yaml:6:7: expected a list of ids for 'tags', got a mapping",
           B "wrong_type.yaml:10:8: expected a string for 'a', got a mapping",
           B "wrong_type.yaml:11:17: expected one of easy, medium, hard for 'difficulty', got a "
             "list",
           B "wrong_type.yaml:12:14: expected a positive integer for 'seconds', got 'soon'",
           B "wrong_type.yaml:13:12: expected a mapping for 'check', got a list",
           B "wrong_type.yaml:14:5: expected a mapping for each card in 'cards', got 'just a "
             "string'");
}

static void test_bad_missing_field(void **state)
{
    (void)state;
    EXPECT(B "missing_field.yaml", B "missing_field.yaml:1:1: deck is missing required key 'topic'",
           B "missing_field.yaml:6:5: card is missing required key 'a'");
    EXPECT(B "debugging.yaml",
           B "debugging.yaml:8:5: debugging drill card is missing required key 'symptom'",
           B "debugging.yaml:8:5: debugging drill card is missing required key 'fix'");
    EXPECT(B "no_kind.yaml", B "no_kind.yaml:1:1: file is missing required key 'kind' (expected "
                              "one of deck, reading, checklist, roadmap)");
}

static void test_bad_empty_value(void **state)
{
    (void)state;
    EXPECT(B "empty_value.yaml", B "empty_value.yaml:3:1: 'title' is empty (expected a string)",
           B "empty_value.yaml:8:5: 'q' is empty (expected a string)",
           B "empty_value.yaml:9:5: 'a' is empty (expected a string)",
           B "empty_value.yaml:10:16: item 2 of 'tags' is empty");
}

static void test_bad_dup_id_in_file(void **state)
{
    (void)state;
    EXPECT(B "dup_id.yaml", B "dup_id.yaml:13:5: duplicate card id 'la-a' (first defined at line 7)");
    EXPECT(B "dup_key.yaml", B "dup_key.yaml:4:1: duplicate key 'title' (first at line 3)");
}

static void test_bad_id(void **state)
{
    (void)state;
    EXPECT(B "bad_id.yaml",
           B "bad_id.yaml:2:5: invalid id 'Linear Algebra' for 'id' (use 1-64 characters a-z 0-9 "
             "- _ . starting with a letter or digit)",
           B "bad_id.yaml:5:8: invalid id '-la' for 'topic' (use 1-64 characters a-z 0-9 - _ . "
             "starting with a letter or digit)",
           B "bad_id.yaml:6:12: invalid id 'Bad_Tag' in 'tags' (use 1-64 characters a-z 0-9 - _ "
             ". starting with a letter or digit)",
           B "bad_id.yaml:8:9: invalid id "
             "'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa...' for 'id' (use "
             "1-64 characters a-z 0-9 - _ . starting with a letter or digit)");
}

static void test_bad_section(void **state)
{
    (void)state;
    EXPECT(B "bad_section.yaml",
           B "bad_section.yaml:4:10: unknown section 'maths' (expected one of mathematics, "
             "statistics, computer-science, machine-learning, alignment, practice)",
           B "bad_section.yaml:6:8: unknown drill 'lecture' (expected one of debugging, talk)",
           B "bad_section.yaml:11:17: unknown difficulty 'trivial' (expected one of easy, "
             "medium, hard)");
    EXPECT(B "bad_kind.yaml", B "bad_kind.yaml:1:7: unknown kind 'quiz' (expected one of deck, "
                               "reading, checklist, roadmap)");
}

static void test_bad_checks(void **state)
{
    (void)state;
    EXPECT(B "bad_checks.yaml",
           B "bad_checks.yaml:11:7: check needs exactly one of 'number', 'choice' or 'exact' "
             "(found none)",
           B "bad_checks.yaml:16:7: check needs exactly one of 'number', 'choice' or 'exact' "
             "(found 'number' and 'exact')",
           B "bad_checks.yaml:22:15: expected a finite number for 'number', got '1/2'",
           B "bad_checks.yaml:23:18: expected a finite number >= 0 for 'tolerance', got '-0.5'",
           B "bad_checks.yaml:28:15: expected a finite number for 'number', got '.inf'",
           B "bad_checks.yaml:33:15: 'choice' needs 2 to 8 options, got 1",
           B "bad_checks.yaml:39:24: duplicate option 'o(N)' in 'choice' (same as option 1)",
           B "bad_checks.yaml:46:15: answer 'blue' is not one of the options in 'choice'",
           B "bad_checks.yaml:51:7: choice check is missing required key 'answer'",
           B "bad_checks.yaml:56:7: 'exact' is empty (expected a string)",
           B "bad_checks.yaml:57:15: expected a list of strings for 'accept', got 'nlogn'",
           B "bad_checks.yaml:63:7: unknown key 'answer' in exact check (allowed: exact, "
             "accept)");
}

static void test_bad_numbers(void **state)
{
    (void)state;
    EXPECT(B "bad_numbers.yaml",
           B "bad_numbers.yaml:6:11: expected a year between 1900 and 2100 for 'year', got "
             "'1850'",
           B "bad_numbers.yaml:17:11: expected a year between 1900 and 2100 for 'year', got '22'",
           B "bad_numbers.yaml:21:5: 'questions' is empty (expected at least one question)");
}

static void test_bad_bands(void **state)
{
    (void)state;
    EXPECT(B "bands_low.yaml",
           B "bands_low.yaml:12:10: the lowest band must have min 0 so that every score has a "
             "band (lowest min is 10)",
           B "bands_low.yaml:14:10: band min 20 is above the checklist's total of 5 points");
    EXPECT(B "bands_high.yaml", B "bands_high.yaml:19:10: duplicate band min 5 (first at line 17)",
           B "bands_high.yaml:21:10: band min 10 is above the checklist's total of 9 points");
}

static void test_bad_checklist_items(void **state)
{
    (void)state;
    const char *ev = " (expected papers-read, mocks, plan, retention:TAG, deck:DECK or "
                     "drills:DECK, where TAG and DECK are ids)";
    char w1[256], w2[256], w3[256];
    snprintf(w1, sizeof w1, B "checklist_items.yaml:11:33: invalid evidence 'deck:'%s", ev);
    snprintf(w2, sizeof w2, B "checklist_items.yaml:11:42: invalid evidence 'reading'%s", ev);
    snprintf(w3, sizeof w3, B "checklist_items.yaml:11:51: invalid evidence 'retention:Oral'%s",
             ev);
    const char *const want[] = {
        B "checklist_items.yaml:10:17: expected a positive integer for 'points', got '0'",
        w1,
        w2,
        w3,
        B "checklist_items.yaml:12:5: duplicate category id 'one' (first defined at line 5)",
        B "checklist_items.yaml:15:9: duplicate checklist item id 'one-a' (first defined at "
          "line 8)",
        B "checklist_items.yaml:24:7: duplicate checklist item id 'one-a' (first defined at "
          "line 8)",
        B "checklist_items.yaml:25:17: unknown category 'two' (expected one of one, one)",
        B "checklist_items.yaml:30:7: unknown key 'points' in quick item (allowed: id, "
          "category, text)",
    };
    expect_msgs(B "checklist_items.yaml", want, sizeof want / sizeof want[0]);
}

static void test_bad_weeks(void **state)
{
    (void)state;
    EXPECT(B "weeks.yaml",
           B "weeks.yaml:10:11: expected week 2 here (weeks are numbered 1..N in order), got 3",
           B "weeks.yaml:14:7: unknown key 'papers' in focus (allowed: decks, tags)",
           B "weeks.yaml:16:9: duplicate milestone id 'm1' (first defined at line 8)",
           B "weeks.yaml:20:12: expected a mapping for 'focus', got 'la'",
           B "weeks.yaml:21:5: 'milestones' is empty (expected at least one milestone)");
}

static void test_bad_alias(void **state)
{
    (void)state;
    EXPECT(B "alias.yaml",
           B "alias.yaml:8:8: aliases are not allowed (*t); write the value out in full");
}

static void test_bad_shape(void **state)
{
    (void)state;
    EXPECT(B "not_mapping.yaml", B "not_mapping.yaml:1:1: the top level must be a mapping "
                                  "starting with 'kind:', got a list");
    EXPECT(B "empty.yaml",
           B "empty.yaml:1:1: file is empty (expected a mapping starting with 'kind:')");
    EXPECT(B "comments_only.yaml",
           B "comments_only.yaml:1:1: file is empty (expected a mapping starting with 'kind:')");
    EXPECT(B "two_docs.yaml", B "two_docs.yaml:10:1: more than one YAML document; a content file "
                               "holds exactly one (remove the extra '---')");
    EXPECT(B "invalid_utf8.yaml",
           B "invalid_utf8.yaml:3:11: not valid UTF-8 (byte 0xE9); save the file as UTF-8");
}

static void test_bad_unreadable(void **state)
{
    (void)state;
    EXPECT(FIX "no-such-file.yaml",
           FIX "no-such-file.yaml:1:1: cannot read file: No such file or directory");
    EXPECT(FIX "good", FIX "good:1:1: cannot read file: not a regular file");
}

static void test_bad_too_large(void **state)
{
    (void)state;
    char path[128], want[256];
    snprintf(path, sizeof path, "%s/big.yaml", tmpdir);
    size_t n = CONTENT_MAX_BYTES + 1;
    char *text = malloc(n);
    assert_non_null(text);
    memset(text, '#', n);
    write_file(path, text, n);
    free(text);
    snprintf(want, sizeof want, "%s:1:1: file is too large (8388609 bytes; the limit is 8 MiB)",
             path);
    const char *const w[] = {want};
    expect_msgs(path, w, 1);
    /* exactly at the limit is read (and here rejected only for being empty of content) */
    assert_int_equal(truncate(path, CONTENT_MAX_BYTES), 0);
    snprintf(want, sizeof want,
             "%s:1:1: file is empty (expected a mapping starting with 'kind:')", path);
    expect_msgs(path, w, 1);
}

static void test_bad_deep_nesting(void **state)
{
    (void)state;
    char path[128], want[256], text[256];
    snprintf(path, sizeof path, "%s/deep.yaml", tmpdir);
    int n = snprintf(text, sizeof text, "kind: deck\nid: ");
    for (int i = 0; i < 70; i++)
        text[n++] = '[';
    write_file(path, text, (size_t)n);
    snprintf(want, sizeof want, "%s:2:68: nesting is deeper than 64 levels", path);
    const char *const w[] = {want};
    expect_msgs(path, w, 1);
}

/* A file with more problems than CONTENT_MAX_MESSAGES reports the first ones, in order. */
static void test_bad_many_problems(void **state)
{
    (void)state;
    char path[128];
    snprintf(path, sizeof path, "%s/many.yaml", tmpdir);
    FILE *fp = fopen(path, "w");
    assert_non_null(fp);
    fputs("kind: deck\nid: d\ntitle: T\nsection: statistics\ntopic: t\ncards:\n", fp);
    for (int i = 0; i < 150; i++)
        fprintf(fp, "  - id: c%d\n    q: Q\n", i);
    fclose(fp);
    struct content_diag d;
    content_diag_init(&d);
    assert_null(content_parse_file(path, &d));
    assert_int_equal(d.n, CONTENT_MAX_MESSAGES + 1);
    char want[256];
    snprintf(want, sizeof want, "%s:7:5: card is missing required key 'a'", path);
    assert_string_equal(d.msgs[0], want);
    snprintf(want, sizeof want, "%s:205:5: card is missing required key 'a'", path);
    assert_string_equal(d.msgs[99], want);
    snprintf(want, sizeof want, "%s:207:5: 50 more problems in this file not shown", path);
    assert_string_equal(d.msgs[100], want);
    content_diag_free(&d);
}

/* ---- across files ---------------------------------------------------------------- */

static void test_check_cross_file(void **state)
{
    (void)state;
    const char *const dirs[] = {FIX "cross"};
    static const char *const want[] = {
        C "b.yaml:2:5: duplicate deck id 'shared-deck' (first defined at " C "a.yaml:2:5)",
        C "b.yaml:10:5: duplicate card id 'shared-card' (first defined at " C "a.yaml:7:5)",
        C "c.yaml:11:9: duplicate card id 'shared-card' (first defined at " C "a.yaml:7:5)",
        C "e.yaml:2:8: duplicate roadmap track 'rs' (first defined at " C "d.yaml:2:8)",
        C "e.yaml:8:9: duplicate milestone id 'm' (first defined at " C "d.yaml:8:9)",
        C "g.yaml:2:5: duplicate checklist id 'cl' (first defined at " C "f.yaml:2:5)",
        C "g.yaml:17:7: duplicate checklist item id 'item-x' (first defined at " C "f.yaml:8:9)",
    };
    struct content_diag d;
    content_diag_init(&d);
    size_t n = content_check(dirs, 1, &d);
    for (size_t i = 0; i < d.n; i++)
        if (i >= 7 || strcmp(d.msgs[i], want[i]) != 0)
            print_error("got:  %s\n", d.msgs[i]);
    assert_int_equal(n, 7);
    assert_int_equal(d.n, 7);
    for (size_t i = 0; i < 7; i++)
        assert_string_equal(d.msgs[i], want[i]);
    content_diag_free(&d);
}

static void test_check_good_and_missing(void **state)
{
    (void)state;
    struct content_diag d;
    content_diag_init(&d);
    const char *const good[] = {FIX "good"};
    assert_int_equal(content_check(good, 1, &d), 0);
    assert_int_equal(d.n, 0);
    /* a missing directory is one problem; the directories after it are still checked */
    const char *const dirs[] = {FIX "nope", FIX "bad"};
    size_t n = content_check(dirs, 2, &d);
    assert_true(n > 27);
    assert_int_equal(n, d.n);
    assert_string_equal(d.msgs[0], "content directory '" FIX "nope' does not exist");
    assert_string_equal(d.msgs[1], B "alias.yaml:8:8: aliases are not allowed (*t); write the "
                                     "value out in full");
    content_diag_free(&d);
}

/* ---- answers --------------------------------------------------------------------- */

static void test_answer_number(void **state)
{
    (void)state;
    struct content_check c = {.type = CHECK_NUMBER, .number = 0.5, .tolerance = 1e-9};
    const char *right[] = {"0.5",  " 0.50 ", "1/2", "1 / 2", "+0.5", "5e-1",
                           ".5",   "50%",    "2/4", "0.5%",  "5E-1", "50 %"};
    const char *wrong[] = {"0.6", "abc", "", "1/0", "0.5x", "0,5", "1/2/3", "0x1p-1", "-0.5",
                           "%",   "/2",  "1/", "inf", "nan", "half"};
    for (size_t i = 0; i < sizeof right / sizeof *right; i++)
        if (!content_check_answer(&c, right[i]))
            fail_msg("'%s' should be right", right[i]);
    for (size_t i = 0; i < sizeof wrong / sizeof *wrong; i++)
        if (content_check_answer(&c, wrong[i]))
            fail_msg("'%s' should be wrong", wrong[i]);

    c.number = -0.25;
    assert_true(content_check_answer(&c, "-1/4"));
    assert_true(content_check_answer(&c, "\xE2\x88\x92" "0.25")); /* U+2212 MINUS SIGN */
    assert_true(content_check_answer(&c, "1/-4"));
    assert_false(content_check_answer(&c, "0.25"));

    c.number = 3.14159;
    c.tolerance = 0.01;
    assert_true(content_check_answer(&c, "3.14"));
    assert_true(content_check_answer(&c, "22/7"));
    assert_false(content_check_answer(&c, "3.16"));

    c.number = 50; /* percent may also match the number as written */
    c.tolerance = 1e-9;
    assert_true(content_check_answer(&c, "50%"));
    assert_true(content_check_answer(&c, "50"));
    assert_false(content_check_answer(&c, "0.5"));

    c.number = 1048576; /* thousands grouped with commas, as the answers print them */
    assert_true(content_check_answer(&c, "1,048,576"));
    assert_true(content_check_answer(&c, " 1,048,576 "));
    assert_true(content_check_answer(&c, "1048576"));
    assert_false(content_check_answer(&c, "1,048,57"));
    assert_false(content_check_answer(&c, "10,48,576"));
    assert_false(content_check_answer(&c, "1,048,576,"));
    assert_false(content_check_answer(&c, ",048,576"));
    c.number = -38597376.5;
    assert_true(content_check_answer(&c, "-38,597,376.5"));
    assert_true(content_check_answer(&c, "\xE2\x88\x92" "38,597,376.5"));
    c.number = 1000;
    assert_true(content_check_answer(&c, "1,000"));
    assert_true(content_check_answer(&c, "1,000e0"));
    assert_false(content_check_answer(&c, "1,00"));

    c.number = 6.02214076e23; /* relative tolerance for large numbers */
    assert_true(content_check_answer(&c, "6.02214076e23"));
    assert_true(content_check_answer(&c, "602214076000000000000000"));
    assert_false(content_check_answer(&c, "6.0221408e23"));
}

static void test_answer_number_locale(void **state)
{
    (void)state;
    const char *names[] = {"de_DE.UTF-8", "de_DE.utf8", "fr_FR.UTF-8", "fr_FR.utf8"};
    const char *set = NULL;
    for (size_t i = 0; i < 4 && !set; i++)
        set = setlocale(LC_NUMERIC, names[i]);
    if (!set)
        skip(); /* no comma-decimal locale installed here */
    struct content_check c = {.type = CHECK_NUMBER, .number = 0.5, .tolerance = 1e-9};
    int ok = content_check_answer(&c, "0.5");
    double d = 0;
    int rc = content_parse_decimal("2.25", 4, &d);
    setlocale(LC_NUMERIC, "C");
    assert_true(ok);
    assert_int_equal(rc, 0);
    assert_true(d == 2.25);
}

static void test_answer_choice(void **state)
{
    (void)state;
    char o1[] = "O(n)", o2[] = "O(n log n)", o3[] = "O(n²)";
    char *opts[] = {o1, o2, o3};
    struct content_check c = {.type = CHECK_CHOICE, .options = opts, .n_options = 3, .answer = 1};
    assert_true(content_check_answer(&c, "2"));
    assert_true(content_check_answer(&c, " 2 "));
    assert_true(content_check_answer(&c, "O(n log n)"));
    assert_true(content_check_answer(&c, "o(N LOG n)"));
    assert_true(content_check_answer(&c, "  O(n   log\tn) "));
    assert_false(content_check_answer(&c, "1"));
    assert_false(content_check_answer(&c, "3"));
    assert_false(content_check_answer(&c, "O(n)"));
    assert_false(content_check_answer(&c, "O(n²)"));
    assert_false(content_check_answer(&c, "4"));
    assert_false(content_check_answer(&c, "0"));
    assert_false(content_check_answer(&c, "-2"));
    assert_false(content_check_answer(&c, "2x"));
    assert_false(content_check_answer(&c, ""));
    assert_false(content_check_answer(&c, "O(nlogn)"));

    /* when an option's text is a number, the text wins over the option number */
    char n1[] = "2", n2[] = "4", n3[] = "8";
    char *nums[] = {n1, n2, n3};
    struct content_check k = {.type = CHECK_CHOICE, .options = nums, .n_options = 3, .answer = 0};
    assert_true(content_check_answer(&k, "2"));
    assert_true(content_check_answer(&k, "1"));
    assert_false(content_check_answer(&k, "3"));
    assert_false(content_check_answer(&k, "4"));
}

static void test_answer_exact(void **state)
{
    (void)state;
    char a1[] = "n log n", a2[] = "nlogn", exact[] = "O(n log n)", sigma[] = "σ²";
    char *acc[] = {a1, a2};
    struct content_check c = {.type = CHECK_EXACT, .exact = exact, .accept = acc, .n_accept = 2};
    assert_true(content_check_answer(&c, "O(n log n)"));
    assert_true(content_check_answer(&c, "o(N Log N)"));
    assert_true(content_check_answer(&c, "   O(n \t log  n)\n"));
    assert_true(content_check_answer(&c, "NLOGN"));
    assert_true(content_check_answer(&c, "n  log n"));
    assert_false(content_check_answer(&c, "n logn"));
    assert_false(content_check_answer(&c, "O(n)"));
    assert_false(content_check_answer(&c, "O(nlog n)"));
    assert_false(content_check_answer(&c, ""));

    c.exact = sigma;
    c.n_accept = 0;
    assert_true(content_check_answer(&c, " σ² "));
    assert_false(content_check_answer(&c, "Σ²")); /* no Unicode case folding */
    assert_false(content_check_answer(&c, "σ2"));  /* no superscript folding */

    struct content_check none = {.type = CHECK_NONE};
    assert_false(content_check_answer(&none, "anything"));
    assert_false(content_check_answer(NULL, "x"));
    assert_false(content_check_answer(&c, NULL));
}

static void test_answer_equal(void **state)
{
    (void)state;
    assert_true(content_answer_equal("Hello World", "  hello   world "));
    assert_true(content_answer_equal("a\tb", "A B"));
    assert_true(content_answer_equal("", "   "));
    assert_false(content_answer_equal("ab", "a b"));
    assert_false(content_answer_equal("É", "é"));
}

static void test_parse_decimal(void **state)
{
    (void)state;
    struct {
        const char *s;
        double v;
    } ok[] = {{"1e3", 1000}, {"-.5", -0.5}, {"5.", 5}, {" 2 ", 2}, {"+7", 7},
              {"0.1", 0.1},  {"1E-2", 0.01}, {"123.456e1", 1234.56}};
    for (size_t i = 0; i < sizeof ok / sizeof *ok; i++) {
        double d = -1;
        assert_int_equal(content_parse_decimal(ok[i].s, strlen(ok[i].s), &d), 0);
        assert_true(d == ok[i].v);
    }
    const char *bad[] = {"", ".", "+", "-", "1e", "1e+", "0x10", "inf", "nan", "1e400",
                         "1_000", "1,5", "1 2", "e5", "1.2.3", "--1"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        double d;
        if (content_parse_decimal(bad[i], strlen(bad[i]), &d) == 0)
            fail_msg("'%s' should not parse", bad[i]);
    }
    double d;
    assert_int_equal(content_parse_decimal("12abc", 2, &d), 0); /* only len bytes are read */
    assert_true(d == 12);
}

/* ---- listing files --------------------------------------------------------------- */

static void expect_list(const char *const *dirs, size_t n_dirs, int missing_ok,
                        const char *const *want, size_t n_want)
{
    char **paths = NULL;
    size_t n = 99;
    struct lp_err err;
    assert_int_equal(content_list_files(dirs, n_dirs, missing_ok, &paths, &n, &err), LP_OK);
    for (size_t i = 0; i < n; i++)
        if (i >= n_want || strcmp(paths[i], want[i]) != 0)
            print_error("got:  %s\n", paths[i]);
    assert_int_equal(n, n_want);
    for (size_t i = 0; i < n; i++)
        assert_string_equal(paths[i], want[i]);
    content_paths_free(paths, n);
}

static void test_list_sorted_recursive(void **state)
{
    (void)state;
    const char *const dirs[] = {FIX "tree"};
    const char *const want[] = {FIX "tree/a.yaml", FIX "tree/b.yaml", FIX "tree/sub/c.yaml",
                                FIX "tree/sub/deeper/d.yaml", FIX "tree/z.yaml"};
    expect_list(dirs, 1, 0, want, 5);
    const char *const slash[] = {FIX "tree/sub/"};
    const char *const want_slash[] = {FIX "tree/sub/c.yaml", FIX "tree/sub/deeper/d.yaml"};
    expect_list(slash, 1, 0, want_slash, 2);
    /* directories keep their order; each one's files are sorted; a file is itself */
    const char *const two[] = {FIX "tree/sub", FIX "good/talk.yaml", FIX "tree/sub/deeper"};
    const char *const want_two[] = {FIX "tree/sub/c.yaml", FIX "tree/sub/deeper/d.yaml",
                                    FIX "good/talk.yaml", FIX "tree/sub/deeper/d.yaml"};
    expect_list(two, 3, 0, want_two, 4);
}

static void test_list_missing(void **state)
{
    (void)state;
    const char *const dirs[] = {FIX "tree/sub/deeper", FIX "missing-dir"};
    char **paths = (char **)1;
    size_t n = 99;
    struct lp_err err;
    assert_int_equal(content_list_files(dirs, 2, 0, &paths, &n, &err), LP_ENOTFOUND);
    assert_null(paths);
    assert_int_equal(n, 0);
    assert_int_equal(err.code, LP_ENOTFOUND);
    assert_string_equal(err.msg, "content directory '" FIX "missing-dir' does not exist");
    assert_int_equal(content_list_files(dirs, 2, 0, &paths, &n, NULL), LP_ENOTFOUND);
    const char *const want[] = {FIX "tree/sub/deeper/d.yaml"};
    expect_list(dirs, 2, 1, want, 1);
    expect_list(dirs + 1, 1, 1, NULL, 0);
}

/* Under tmpdir: loop/{a.yaml, dangling.yaml -> nowhere, inner/{b.yaml, self -> .,
 * up -> .., link -> ../../linked}} and linked/c.yaml. */
static void test_list_symlink_loop(void **state)
{
    (void)state;
    static const char *const dirs_made[] = {"loop", "loop/inner", "linked"};
    static const char *const files[] = {"loop/a.yaml", "loop/inner/b.yaml", "linked/c.yaml"};
    static const char *const links[][2] = {{"loop/dangling.yaml", "nowhere.yaml"},
                                           {"loop/inner/self", "."},
                                           {"loop/inner/up", ".."},
                                           {"loop/inner/link", "../../linked"}};
    char path[160], dir[128], w[3][160];
    for (size_t i = 0; i < 3; i++) {
        snprintf(path, sizeof path, "%s/%s", tmpdir, dirs_made[i]);
        assert_int_equal(mkdir(path, 0700), 0);
    }
    for (size_t i = 0; i < 3; i++) {
        snprintf(path, sizeof path, "%s/%s", tmpdir, files[i]);
        write_file(path, "x", 1);
    }
    for (size_t i = 0; i < 4; i++) {
        snprintf(path, sizeof path, "%s/%s", tmpdir, links[i][0]);
        assert_int_equal(symlink(links[i][1], path), 0);
    }
    snprintf(dir, sizeof dir, "%s/loop", tmpdir);
    snprintf(w[0], sizeof w[0], "%s/a.yaml", dir);
    snprintf(w[1], sizeof w[1], "%s/inner/b.yaml", dir);
    snprintf(w[2], sizeof w[2], "%s/inner/link/c.yaml", dir);
    const char *const dirs[] = {dir};
    const char *const want[] = {w[0], w[1], w[2]};
    expect_list(dirs, 1, 0, want, 3);
}

static void test_list_too_deep(void **state)
{
    (void)state;
    char path[1024];
    size_t n = (size_t)snprintf(path, sizeof path, "%s/deep", tmpdir);
    assert_int_equal(mkdir(path, 0700), 0);
    for (int i = 0; i < 40; i++) {
        n += (size_t)snprintf(path + n, sizeof path - n, "/d");
        assert_int_equal(mkdir(path, 0700), 0);
    }
    char top[128];
    snprintf(top, sizeof top, "%s/deep", tmpdir);
    const char *const dirs[] = {top};
    char **paths;
    size_t np;
    struct lp_err err;
    assert_int_equal(content_list_files(dirs, 1, 0, &paths, &np, &err), LP_EIO);
    assert_non_null(strstr(err.msg, "directories nested deeper than 32 levels at '"));
    assert_null(paths);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_good_deck),
        cmocka_unit_test(test_good_hash),
        cmocka_unit_test(test_good_debugging),
        cmocka_unit_test(test_good_talk),
        cmocka_unit_test(test_good_reading),
        cmocka_unit_test(test_good_checklist),
        cmocka_unit_test(test_good_roadmap),
        cmocka_unit_test(test_sections),
        cmocka_unit_test(test_diag_format),
        cmocka_unit_test(test_bad_syntax),
        cmocka_unit_test(test_bad_unknown_key),
        cmocka_unit_test(test_bad_wrong_type),
        cmocka_unit_test(test_bad_missing_field),
        cmocka_unit_test(test_bad_empty_value),
        cmocka_unit_test(test_bad_dup_id_in_file),
        cmocka_unit_test(test_bad_id),
        cmocka_unit_test(test_bad_section),
        cmocka_unit_test(test_bad_checks),
        cmocka_unit_test(test_bad_numbers),
        cmocka_unit_test(test_bad_bands),
        cmocka_unit_test(test_bad_checklist_items),
        cmocka_unit_test(test_bad_weeks),
        cmocka_unit_test(test_bad_alias),
        cmocka_unit_test(test_bad_shape),
        cmocka_unit_test(test_bad_unreadable),
        cmocka_unit_test(test_bad_too_large),
        cmocka_unit_test(test_bad_deep_nesting),
        cmocka_unit_test(test_bad_many_problems),
        cmocka_unit_test(test_check_cross_file),
        cmocka_unit_test(test_check_good_and_missing),
        cmocka_unit_test(test_answer_number),
        cmocka_unit_test(test_answer_number_locale),
        cmocka_unit_test(test_answer_choice),
        cmocka_unit_test(test_answer_exact),
        cmocka_unit_test(test_answer_equal),
        cmocka_unit_test(test_parse_decimal),
        cmocka_unit_test(test_list_sorted_recursive),
        cmocka_unit_test(test_list_missing),
        cmocka_unit_test(test_list_symlink_loop),
        cmocka_unit_test(test_list_too_deep),
    };
    return cmocka_run_group_tests(tests, tmp_setup, tmp_teardown);
}
