/*
 * test_report.c - the weekly review: every number computed from seeded review-log
 * rows, mocks, assessments and a plan, with fixed days; a week with no study; the
 * Markdown and JSON writers; and the atomic file writer.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <signal.h>
#include <sys/resource.h>

#include "plan.h"
#include "report.h"
#include "report_fmt.h"
#include "testutil.h"
#include "seed.h"

#define E (SEED_DAY0 + 6) /* Sunday 2026-01-11: the week is Mon 5 .. Sun 11 */

static char dir[256];
static struct store *st;
static struct config cfg;
static struct report_week r;

static int setup(void **state)
{
    (void)state;
    st = seed_open(dir, sizeof dir);
    config_defaults(&cfg);
    memset(&r, 0, sizeof r);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    report_free(&r);
    store_close(st);
    tu_rmrf(dir);
    return 0;
}

static void compute(int32_t end)
{
    struct lp_err err = {0};
    report_free(&r);
    assert_int_equal(report_week(st, &cfg, end, &r, &err), LP_OK);
}

/* The report rendered into a malloc'd string. */
static char *render(int json)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_non_null(f);
    if (json)
        report_fmt_json(&r, f);
    else
        report_fmt_markdown(&r, f);
    assert_int_equal(fclose(f), 0);
    return buf;
}

static void seed_week(void)
{
    seed_answer(st, "d0", SEED_DAY0, 3, 2, "study", 60000, 0);
    seed_answer(st, "d1", SEED_DAY0, 1, 2, "study", 60000, 0);
    seed_answer(st, "d2", SEED_DAY0, 3, 0, "study", 60000, 0);
    for (int i = 0; i < 4; i++) {
        char id[4] = {'s', (char)('0' + i), 0, 0};
        seed_answer(st, id, SEED_DAY0 + 2, 3, 2, "study", 30000, 0);
    }
    seed_answer(st, "s4", SEED_DAY0 + 2, 3, 2, "cram", 200000, 0); /* capped at 2 minutes */
    seed_answer(st, "s5", SEED_DAY0 + 4, 3, 0, "study", 60000, 0);
    seed_answer(st, "o0", SEED_DAY0 + 4, 3, 0, "study", 60000, 0);
    seed_answer(st, "o1", SEED_DAY0 + 4, 4, 0, "study", 60000, 0);
    seed_answer(st, "o1", SEED_DAY0 + 4, 1, 1, "study", 0, 0); /* a learning step */
    /* Outside the week: the Sunday before, and the Monday after. */
    seed_answer(st, "d3", SEED_DAY0 - 1, 3, 2, "study", 1000, 0);
    seed_answer(st, "d3", SEED_DAY0 - 1, 3, 2, "study", 1000, 0);
    seed_answer(st, "d4", SEED_DAY0 + 7, 1, 2, "study", 1000, 0);
}

static void test_no_study(void **state)
{
    (void)state;
    compute(E);
    assert_int_equal(r.start_day, SEED_DAY0);
    assert_int_equal(r.end_day, E);
    assert_int_equal(r.answers, 0);
    assert_int_equal(r.study_days, 0);
    assert_true(r.minutes == 0.0);
    for (int i = 0; i < REPORT_DAYS; i++) {
        assert_int_equal(r.days[i].day, SEED_DAY0 + i);
        assert_int_equal(r.days[i].answers, 0);
    }
    assert_int_equal(r.n_retention, 1);
    assert_true(r.retention[0].retention < 0);
    assert_int_equal(r.n_topics, 0);
    assert_int_equal(r.n_leeches, 0);
    assert_int_equal(r.n_mocks, 0);
    assert_int_equal(r.has_assessment, 0);
    assert_int_equal(r.has_plan, 0);
    assert_int_equal(r.has_next_week, 0);
    assert_int_equal(r.forecast_total, 0);
    for (int d = 0; d < 7; d++)
        assert_int_equal(r.heat_level[d][REPORT_HEAT_WEEKS - 1], 0);
    char *md = render(0);
    assert_non_null(strstr(md, "# Weekly review: 2026-01-05 to 2026-01-11\n"));
    assert_non_null(strstr(md, "No study this week."));
    assert_non_null(strstr(md, "No reviews of cards in review this week."));
    assert_non_null(strstr(md, "No new cards this week."));
    assert_non_null(strstr(md, "No leeches."));
    assert_non_null(strstr(md, "No mock quiz taken yet."));
    assert_non_null(strstr(md, "No assessment saved yet."));
    assert_non_null(strstr(md, "No plan is active."));
    free(md);
    char *js = render(1);
    assert_non_null(strstr(js, "\"overall\":{\"reviews\":0,\"passed\":0,\"retention\":null"));
    assert_non_null(strstr(js, "\"checklist\":null,\"plan\":null,\"next_week\":null"));
    free(js);
}

static void test_week_numbers(void **state)
{
    (void)state;
    seed_week();
    compute(E);
    assert_int_equal(r.days[0].answers, 3);
    assert_int_equal(r.days[0].reviews, 2);
    assert_int_equal(r.days[0].fresh, 1);
    assert_true(r.days[0].minutes > 2.999 && r.days[0].minutes < 3.001);
    assert_int_equal(r.days[1].answers, 0);
    assert_int_equal(r.days[2].answers, 5);
    assert_true(r.days[2].minutes > 3.999 && r.days[2].minutes < 4.001);
    assert_int_equal(r.days[4].fresh, 3);
    assert_int_equal(r.days[4].answers, 4);
    assert_int_equal(r.days[4].reviews, 0);
    assert_int_equal(r.answers, 12);
    assert_int_equal(r.reviews, 7);
    assert_int_equal(r.fresh, 4);
    assert_int_equal(r.study_days, 3);
    assert_true(r.minutes > 9.999 && r.minutes < 10.001);
    /* Retention: study answers on review cards only (the cram one is left out). */
    assert_int_equal(r.n_retention, 3);
    assert_string_equal(r.retention[0].section, "mathematics");
    assert_int_equal(r.retention[0].reviews, 2);
    assert_int_equal(r.retention[0].passed, 1);
    assert_string_equal(r.retention[1].section, "statistics");
    assert_int_equal(r.retention[1].reviews, 4);
    assert_true(r.retention[1].retention == 1.0);
    assert_string_equal(r.retention[2].section, "");
    assert_int_equal(r.retention[2].reviews, 6);
    assert_int_equal(r.retention[2].passed, 5);
    /* New cards per topic, most first. */
    assert_int_equal(r.n_topics, 3);
    assert_string_equal(r.topics[0].topic, "misc");
    assert_int_equal(r.topics[0].learned, 2);
    assert_string_equal(r.topics[1].topic, "calculus");
    assert_string_equal(r.topics[2].topic, "tests");
    /* Heatmap: Monday-first rows, the last column is this week. */
    assert_int_equal(r.heat_first_day, SEED_DAY0 - 105);
    assert_int_equal(r.heat[0][15], 3);
    assert_int_equal(r.heat[2][15], 5);
    assert_int_equal(r.heat[4][15], 4);
    assert_int_equal(r.heat[6][14], 2);
    assert_int_equal(r.heat[1][15], 0);
    assert_int_equal(r.heat_q[0], 2);
    assert_int_equal(r.heat_q[1], 3);
    assert_int_equal(r.heat_q[2], 4);
    assert_int_equal(r.heat_level[4][15], 3);
    assert_int_equal(r.heat_level[6][14], 1);
    assert_int_equal(r.heat_level[0][15], 2);
    assert_int_equal(r.heat_level[2][15], 4);

    char *md = render(0);
    assert_non_null(strstr(md, "| Mon 2026-01-05 | 3 | 2 | 1 | 3.0 |\n"));
    assert_non_null(strstr(md, "| **total** | 12 | 7 | 4 | 10.0 |\n"));
    assert_non_null(strstr(md, "Studied on 3 of 7 days."));
    assert_non_null(strstr(md, "## True retention (target 90%)"));
    assert_non_null(strstr(md, "| mathematics | 2 | 1 | 50.0% | -40.0 |\n"));
    assert_non_null(strstr(md, "| **all** | 6 | 5 | 83.3% | -6.7 |\n"));
    assert_non_null(strstr(md, "| misc | 2 |\n"));
    /* The heatmap in a code block: Monday's row ends with this week's glyph. */
    assert_non_null(strstr(md, "```\n    2025-09-22 .. 2026-01-11"));
    assert_non_null(strstr(md, "\nMon                \xe2\x96\x92\n"));
    assert_non_null(strstr(md, "\nWed                \xe2\x96\x88\n"));
    assert_non_null(strstr(md, "\nSun               \xe2\x96\x91 \n"));
    assert_non_null(strstr(md, "    ' ' none  \xe2\x96\x91 1-2  \xe2\x96\x92 3  \xe2\x96\x93 4  "
                               "\xe2\x96\x88 5+ (answers a day)\n```\n"));
    free(md);
    char *js = render(1);
    assert_non_null(strstr(js, "\"totals\":{\"answers\":12,\"reviews\":7,\"new\":4,"
                               "\"minutes\":10.0,\"study_days\":3}"));
    assert_non_null(strstr(js, "{\"section\":\"statistics\",\"reviews\":4,\"passed\":4,"
                               "\"retention\":1.0000,\"vs_target\":0.1000}"));
    assert_non_null(strstr(js, "\"quartiles\":[2,3,4]"));
    free(js);
}

static void test_week_ending_midweek(void **state)
{
    (void)state;
    seed_week();
    compute(SEED_DAY0 + 2); /* Wednesday: Thu 1 .. Wed 7 */
    assert_int_equal(r.start_day, SEED_DAY0 - 4);
    assert_int_equal(r.answers, 3 + 5 + 2);
    assert_int_equal(r.days[3].day, SEED_DAY0 - 1);
    assert_int_equal(r.days[3].answers, 2);
    /* Days after the end are blank in the heatmap. */
    for (int d = 3; d < 7; d++)
        assert_int_equal(r.heat_level[d][15], -1);
    assert_int_equal(r.heat[2][15], 5);
}

static void test_heat_level(void **state)
{
    (void)state;
    const int q[3] = {2, 4, 8};
    assert_int_equal(report_heat_level(-1, q), -1);
    assert_int_equal(report_heat_level(0, q), 0);
    assert_int_equal(report_heat_level(1, q), 1);
    assert_int_equal(report_heat_level(2, q), 1);
    assert_int_equal(report_heat_level(3, q), 2);
    assert_int_equal(report_heat_level(8, q), 3);
    assert_int_equal(report_heat_level(9, q), 4);
    assert_int_equal(report_weekday(SEED_DAY0), 0);
    assert_int_equal(report_weekday(0), 3); /* 1970-01-01 was a Thursday */
    assert_int_equal(report_weekday(E), 6);
    assert_string_equal(report_fmt_glyph(0), " ");
    assert_string_equal(report_fmt_glyph(4), "\xe2\x96\x88");
}

static void test_leeches(void **state)
{
    (void)state;
    /* o2 became a leech this week (its last answer); d5 this week (answered again
     * since); o3 before the week; d6 answered without becoming one. */
    seed_exec(st, "UPDATE cards SET leech = 1, lapses = 8 WHERE id IN ('o2','d5');"
                  "UPDATE cards SET leech = 1, lapses = 12 WHERE id = 'o3'");
    seed_answer(st, "o2", SEED_DAY0, 1, 2, "study", 1000, 0); /* the week's first day */
    seed_answer(st, "d5", SEED_DAY0 + 1, 1, 2, "study", 1000, 0);
    seed_answer(st, "d5", SEED_DAY0 + 5, 3, 3, "study", 1000, 1);
    seed_answer(st, "o3", SEED_DAY0 - 3, 1, 2, "study", 1000, 0);
    seed_answer(st, "o3", SEED_DAY0 + 1, 3, 3, "study", 1000, 1);
    seed_answer(st, "d6", SEED_DAY0 + 1, 1, 2, "study", 1000, 0);
    /* d8 was answered this week but became a leech only the week after. */
    seed_exec(st, "UPDATE cards SET leech = 1, lapses = 9 WHERE id = 'd8'");
    seed_answer(st, "d8", SEED_DAY0 + 2, 3, 2, "study", 1000, 0);
    seed_answer(st, "d8", SEED_DAY0 + 8, 1, 2, "study", 1000, 0);
    compute(E);
    assert_int_equal(r.n_leeches, 4);
    assert_int_equal(r.new_leeches, 2);
    assert_string_equal(r.leeches[0].id, "d5");
    assert_int_equal(r.leeches[0].this_week, 1);
    assert_string_equal(r.leeches[1].id, "o2");
    assert_int_equal(r.leeches[1].this_week, 1);
    assert_string_equal(r.leeches[2].id, "o3");
    assert_int_equal(r.leeches[2].this_week, 0);
    assert_int_equal(r.leeches[2].lapses, 12);
    assert_string_equal(r.leeches[3].id, "d8");
    assert_int_equal(r.leeches[3].this_week, 0);
    char *md = render(0);
    assert_non_null(strstr(md, "4 leeches, 2 new this week:"));
    assert_non_null(strstr(md, "- `o2` (other, 8 lapses) - new this week\n"));
    assert_non_null(strstr(md, "- `o3` (other, 12 lapses)\n"));
    free(md);
    /* The week before: o3 only (o2 and d5 became leeches later). */
    compute(SEED_DAY0 - 1);
    assert_int_equal(r.new_leeches, 1);
    assert_string_equal(r.leeches[0].id, "o3");
}

static void test_mocks_and_checklist(void **state)
{
    (void)state;
    char sql[2048];
    int64_t d0 = (int64_t)SEED_DAY0 * SEED_DAY + 10 * 3600;
    snprintf(sql, sizeof sql,
             "INSERT INTO mocks(id, started, finished, minutes, sections) VALUES"
             " (1, %lld, %lld, 45, 'all'), (2, %lld, %lld, 45, 'all'),"
             " (3, %lld, NULL, 45, 'all'), (4, %lld, NULL, 45, 'all');"
             "INSERT INTO mock_answers VALUES (1,'d0','mathematics',1,1,1),"
             " (1,'d1','mathematics',0,1,1), (1,'d2','mathematics',0,1,1),"
             " (2,'d0','mathematics',2,1,1), (2,'d1','mathematics',2,1,1),"
             " (2,'d2','mathematics',2,1,1), (3,'d0','mathematics',0,1,1);"
             "INSERT INTO assessments(checklist_id, kind, time, day, score, max, band) VALUES"
             " ('ready','full',%lld,%d,40,100,'Meaningful gaps'),"
             " ('ready','quick',%lld,%d,30,60,'Meaningful gaps'),"
             " ('ready','full',%lld,%d,55,100,'Meaningful gaps'),"
             " ('ready','full',%lld,%d,90,100,'Ready');",
             (long long)(d0 - 4 * SEED_DAY), (long long)(d0 - 4 * SEED_DAY + 900),
             (long long)(d0 + 3 * SEED_DAY), (long long)(d0 + 3 * SEED_DAY + 900),
             (long long)(d0 + 8 * SEED_DAY), (long long)(d0 + SEED_DAY),
             (long long)(d0 - 2 * SEED_DAY), SEED_DAY0 - 2, (long long)(d0 + SEED_DAY),
             SEED_DAY0 + 1, (long long)(d0 + 5 * SEED_DAY), SEED_DAY0 + 5,
             (long long)(d0 + 9 * SEED_DAY), SEED_DAY0 + 9);
    seed_exec(st, sql);
    compute(E);
    /* Mock 3 is after the week, mock 4 has no answers. */
    assert_int_equal(r.n_mocks, 2);
    assert_int_equal(r.mocks[0].id, 2);
    assert_int_equal(r.mocks[0].in_week, 1);
    assert_true(r.mocks[0].score == 1.0);
    assert_int_equal(r.mocks[1].id, 1);
    assert_int_equal(r.mocks[1].day, SEED_DAY0 - 4);
    assert_int_equal(r.mocks[1].points, 1);
    assert_int_equal(r.mocks_in_week, 1);
    assert_true(r.has_mock_trend);
    assert_true(r.mock_trend > 83.33 && r.mock_trend < 83.34);
    /* Latest assessment up to Sunday, against the previous full one. */
    assert_true(r.has_assessment);
    assert_int_equal(r.assessment.score, 55);
    assert_int_equal(r.assessment.kind, CHECKLIST_FULL);
    assert_true(r.has_prev_assessment);
    assert_int_equal(r.prev.score, 40);
    char *md = render(0);
    assert_non_null(strstr(md, "| 2026-01-08 (this week) | 3 | 100% |\n"));
    assert_non_null(strstr(md, "| 2026-01-01 | 3 | 17% |\n"));
    assert_non_null(strstr(md, "Trend: +83 points since the mock before."));
    assert_non_null(strstr(md, "Latest (full, 2026-01-10): 55/100 (55%), Meaningful gaps. "
                               "Change: +15 points since 2026-01-03 (40%)."));
    free(md);
    char *js = render(1);
    assert_non_null(strstr(js, "\"change\":15}"));
    assert_non_null(strstr(js, "\"mocks\":{\"in_week\":1,\"trend\":83.3,"));
    free(js);
    /* A week with only one mock and one assessment: no trend, no change. */
    compute(SEED_DAY0 - 1);
    assert_int_equal(r.n_mocks, 1);
    assert_false(r.has_mock_trend);
    assert_true(r.has_assessment);
    assert_false(r.has_prev_assessment);
}

static void test_plan_started_mid_week(void **state)
{
    (void)state;
    struct lp_err err = {0};
    int32_t wed = SEED_DAY0 + 2;
    assert_int_equal(plan_start(st, "rs", wed, PLAN_NO_DAY, SEED_T0, SEED_DAY0, NULL, NULL, &err),
                     LP_OK);
    assert_int_equal(plan_mark(st, "a1", 1, SEED_T0 + 3 * SEED_DAY, NULL, &err), LP_OK);
    assert_int_equal(plan_mark(st, "b1", 1, SEED_T0 + 15 * SEED_DAY, NULL, &err), LP_OK);
    /* Monday, before the start: nothing planned yet, next week is week 1. */
    compute(SEED_DAY0 + 1);
    assert_true(r.has_plan);
    assert_int_equal(r.plan_week, 0);
    assert_int_equal(r.n_planned, 0);
    assert_true(r.has_next_week);
    assert_int_equal(r.next_week, 1);
    /* Sunday: week 1 of the plan (Wed..Tue). */
    compute(E);
    assert_int_equal(r.plan_week, 1);
    assert_string_equal(r.theme, "Foundations");
    assert_int_equal(r.n_planned, 2);
    assert_int_equal(r.planned_done, 1);
    assert_int_equal(r.done_in_week, 1);
    assert_true(r.planned[0].done_in_week);
    assert_false(r.planned[1].done);
    assert_true(r.has_next_week);
    assert_int_equal(r.next_week, 2);
    assert_string_equal(r.next_theme, "Theory");
    assert_int_equal(r.n_next, 2);
    assert_true(r.next[0].done); /* ticked ahead, after this week */
    assert_false(r.next[0].done_in_week);
    char *md = render(0);
    assert_non_null(strstr(md, "rs week 1 of 4: Foundations. 1 of 2 milestones of this week "
                               "done. Milestones ticked these 7 days: 1. Behind: 0."));
    assert_non_null(strstr(md, "- [x] Do a1. (`a1`) - done this week\n- [ ] Do a2. (`a2`)\n"));
    assert_non_null(strstr(md, "## Next week\n\nWeek 2: Theory\n"));
    free(md);
    /* The last week has no next one. */
    compute(wed + 21);
    assert_int_equal(r.plan_week, 4);
    assert_false(r.has_next_week);
}

static void set_card(const char *id, int state, int64_t due, int suspended)
{
    char sql[256];
    snprintf(sql, sizeof sql,
             "UPDATE cards SET state = %d, due = %lld, suspended = %d WHERE id ="
             " '%s'",
             state, (long long)due, suspended, id);
    seed_exec(st, sql);
}

static void test_forecast(void **state)
{
    (void)state;
    int64_t mon = (int64_t)(E + 1) * SEED_DAY; /* midnight UTC starting Monday 12th */
    set_card("d0", 2, mon + 10 * 3600, 0);
    set_card("d1", 2, (int64_t)SEED_DAY0 * SEED_DAY, 0);  /* overdue: counts on the 12th */
    set_card("d7", 2, mon + SEED_DAY + 2 * 3600, 0);      /* 02:00 on the 13th is still the 12th */
    set_card("d2", 1, mon + SEED_DAY + 10 * 3600, 0);     /* learning, the 13th */
    set_card("d3", 2, mon + 6 * SEED_DAY + 10 * 3600, 0); /* the 18th, last day */
    set_card("d4", 2, mon + 7 * SEED_DAY + 10 * 3600, 0); /* the 19th: beyond */
    set_card("d5", 2, mon + 10 * 3600, 1);                /* suspended */
    set_card("p1-q1", 2, mon + 10 * 3600, 0);             /* paper not read yet */
    compute(E);
    assert_int_equal(r.forecast[0], 3);
    assert_int_equal(r.forecast[1], 1);
    assert_int_equal(r.forecast[2], 0);
    assert_int_equal(r.forecast[6], 1);
    assert_int_equal(r.forecast_total, 5);
    seed_exec(st, "UPDATE papers SET status = 'read' WHERE id = 'p1'");
    compute(E);
    assert_int_equal(r.forecast[0], 4);
    char *md = render(0);
    assert_non_null(strstr(md, "| Mon 2026-01-12 | 4 |\n| Tue 2026-01-13 | 1 |\n"));
    assert_non_null(strstr(md, "| **total** | 6 |\n"));
    free(md);
}

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *buf = calloc(1, 1 << 16);
    assert_non_null(buf);
    size_t n = fread(buf, 1, (1 << 16) - 1, f);
    buf[n] = '\0';
    fclose(f);
    return buf;
}

static int exists(const char *path)
{
    struct stat sb;
    return stat(path, &sb) == 0;
}

static void test_save_atomic(void **state)
{
    (void)state;
    struct lp_err err = {0};
    char path[512];
    seed_week();
    compute(E);
    /* Success: the whole file, no temporary left. */
    snprintf(path, sizeof path, "%s/week.md", dir);
    assert_int_equal(report_fmt_save(&r, 0, path, &err), LP_OK);
    char *text = slurp(path), *expect = render(0);
    assert_string_equal(text, expect);
    free(text);
    free(expect);
    assert_int_equal(tu_count_prefix(dir, "week.md."), 0);
    /* A directory that does not exist: an error and nothing written. */
    snprintf(path, sizeof path, "%s/missing/week.md", dir);
    assert_int_equal(report_fmt_save(&r, 0, path, &err), LP_EIO);
    assert_non_null(strstr(err.msg, "missing/week.md"));
    snprintf(path, sizeof path, "%s/missing", dir);
    assert_false(exists(path));
    /* The rename fails (the target is a directory): the temporary is removed. */
    snprintf(path, sizeof path, "%s/adir", dir);
    assert_int_equal(mkdir(path, 0700), 0);
    assert_int_equal(report_fmt_save(&r, 1, path, &err), LP_EIO);
    assert_int_equal(tu_count_prefix(dir, "adir."), 0);
}

static void test_save_failure_keeps_old_file(void **state)
{
    (void)state;
    struct lp_err err = {0};
    char path[512];
    struct rlimit old, small;
    seed_week();
    compute(E);
    snprintf(path, sizeof path, "%s/keep.md", dir);
    tu_write(dir, "keep.md", "old report\n");
    /* The file system fills up (a file size limit, which even root cannot pass). */
    signal(SIGXFSZ, SIG_IGN);
    assert_int_equal(getrlimit(RLIMIT_FSIZE, &old), 0);
    small = old;
    small.rlim_cur = 100;
    assert_int_equal(setrlimit(RLIMIT_FSIZE, &small), 0);
    enum lp_code rc = report_fmt_save(&r, 0, path, &err);
    assert_int_equal(setrlimit(RLIMIT_FSIZE, &old), 0);
    assert_int_not_equal(rc, LP_OK);
    char *text = slurp(path);
    assert_string_equal(text, "old report\n");
    free(text);
    assert_int_equal(tu_count_prefix(dir, "keep.md."), 0);
    /* A read-only directory (only meaningful when not root). */
    if (geteuid() != 0) {
        snprintf(path, sizeof path, "%s/ro", dir);
        assert_int_equal(mkdir(path, 0500), 0);
        snprintf(path, sizeof path, "%s/ro/week.md", dir);
        assert_int_equal(report_fmt_save(&r, 0, path, &err), LP_EIO);
        assert_false(exists(path));
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_no_study, setup, teardown),
        cmocka_unit_test_setup_teardown(test_week_numbers, setup, teardown),
        cmocka_unit_test_setup_teardown(test_week_ending_midweek, setup, teardown),
        cmocka_unit_test(test_heat_level),
        cmocka_unit_test_setup_teardown(test_leeches, setup, teardown),
        cmocka_unit_test_setup_teardown(test_mocks_and_checklist, setup, teardown),
        cmocka_unit_test_setup_teardown(test_plan_started_mid_week, setup, teardown),
        cmocka_unit_test_setup_teardown(test_forecast, setup, teardown),
        cmocka_unit_test_setup_teardown(test_save_atomic, setup, teardown),
        cmocka_unit_test_setup_teardown(test_save_failure_keeps_old_file, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
