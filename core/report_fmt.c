/*
 * report_fmt.c - the weekly review as Markdown (for people) and JSON (for
 * scripts), and the atomic file writer for `labprep report --out`.
 */
#include "report_fmt.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "clock.h"
#include "fileio.h"
#include "text.h"

static const char *const weekday_names[7] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};

const char *report_fmt_glyph(int level)
{
    static const char *const glyphs[5] = {" ", "\xe2\x96\x91", "\xe2\x96\x92", "\xe2\x96\x93",
                                          "\xe2\x96\x88"};
    return level >= 1 && level <= 4 ? glyphs[level] : glyphs[0];
}

static const char *date_of(int32_t day, char buf[11])
{
    clock_day_str(day, buf);
    return buf;
}

/* ---- Markdown ---- */

static void md_study(const struct report_week *r, FILE *f)
{
    char d[11];
    fputs("## Study\n\n| day | answers | reviews | new | minutes |\n"
          "| --- | ---: | ---: | ---: | ---: |\n",
          f);
    for (int i = 0; i < REPORT_DAYS; i++) {
        const struct report_day *x = &r->days[i];
        fprintf(f, "| %s %s | %d | %d | %d | %.1f |\n", weekday_names[report_weekday(x->day)],
                date_of(x->day, d), x->answers, x->reviews, x->fresh, x->minutes);
    }
    fprintf(f, "| **total** | %d | %d | %d | %.1f |\n\n", r->answers, r->reviews, r->fresh,
            r->minutes);
    if (r->study_days)
        fprintf(f, "Studied on %d of 7 days.\n\n", r->study_days);
    else
        fputs("No study this week.\n\n", f);
}

static void md_retention_row(const struct report_retention *x, double target, FILE *f)
{
    fprintf(f, "| %s | %d | %d | ", x->section[0] ? x->section : "**all**", x->reviews, x->passed);
    if (x->retention < 0)
        fputs("- | - |\n", f);
    else
        fprintf(f, "%.1f%% | %+.1f |\n", 100 * x->retention, 100 * (x->retention - target));
}

static void md_retention(const struct report_week *r, FILE *f)
{
    fprintf(f, "## True retention (target %.0f%%)\n\n", 100 * r->target);
    const struct report_retention *all = &r->retention[r->n_retention - 1];
    if (all->reviews == 0) {
        fputs("No reviews of cards in review this week.\n\n", f);
        return;
    }
    fputs("| section | reviews | passed | retention | vs target (points) |\n"
          "| --- | ---: | ---: | ---: | ---: |\n",
          f);
    for (size_t i = 0; i < r->n_retention; i++)
        md_retention_row(&r->retention[i], r->target, f);
    fputs("\n", f);
}

static void md_calibration(const struct report_week *r, FILE *f)
{
    const struct calib *c = &r->calib;
    fputs("\n## Calibration\n\n", f); /* the last section: after a list */
    if (!c->n) {
        fputs("No answers to cards in review yet: nothing to check the model against.\n", f);
        return;
    }
    fprintf(f, "The model's predicted recall against actual recall, over the latest %ld "
               "answers to cards in review: predicted %.1f%%, recalled %.1f%%, calibration "
               "error %.1f points.\n\n```\n",
            c->n, 100 * calib_mean_predicted(c), 100 * calib_mean_actual(c),
            100 * calib_error(c));
    calib_write_text(c, "", f);
    fputs("```\n", f);
}

static void md_topics(const struct report_week *r, FILE *f)
{
    fputs("## New cards by topic\n\n", f);
    if (!r->n_topics) {
        fputs("No new cards this week.\n\n", f);
        return;
    }
    fputs("| topic | learned |\n| --- | ---: |\n", f);
    for (size_t i = 0; i < r->n_topics; i++)
        fprintf(f, "| %s | %d |\n", r->topics[i].topic, r->topics[i].learned);
    fprintf(f, "| **total** | %d |\n\n", r->fresh);
}

static void md_leeches(const struct report_week *r, FILE *f)
{
    fputs("## Leeches\n\n", f);
    if (!r->n_leeches) {
        fputs("No leeches.\n\n", f);
        return;
    }
    fprintf(f, "%zu leech%s, %d new this week:\n\n", r->n_leeches, r->n_leeches == 1 ? "" : "es",
            r->new_leeches);
    for (size_t i = 0; i < r->n_leeches; i++) {
        const struct report_leech *l = &r->leeches[i];
        fprintf(f, "- `%s` (%s, %d lapses)%s\n", l->id, l->deck, l->lapses,
                l->this_week ? " - new this week" : "");
    }
    fputs("\n", f);
}

static void md_mocks(const struct report_week *r, FILE *f)
{
    char d[11];
    fputs("## Mock quizzes\n\n", f);
    if (!r->n_mocks) {
        fputs("No mock quiz taken yet.\n\n", f);
        return;
    }
    fprintf(f,
            "%d this week. Most recent first:\n\n| date | questions | score |\n"
            "| --- | ---: | ---: |\n",
            r->mocks_in_week);
    for (size_t i = 0; i < r->n_mocks; i++)
        fprintf(f, "| %s%s | %d | %.0f%% |\n", date_of(r->mocks[i].day, d),
                r->mocks[i].in_week ? " (this week)" : "", r->mocks[i].answers,
                100 * r->mocks[i].score);
    if (r->has_mock_trend)
        fprintf(f, "\nTrend: %+.0f points since the mock before.\n", r->mock_trend);
    fputs("\n", f);
}

static void md_checklist(const struct report_week *r, FILE *f)
{
    char d[11];
    const struct checklist_assessment *a = &r->assessment;
    fputs("## Readiness checklist\n\n", f);
    if (!r->has_assessment) {
        fputs("No assessment saved yet.\n\n", f);
        return;
    }
    fprintf(f, "Latest (%s, %s): %d/%d (%d%%), %s.", checklist_kind_name(a->kind),
            date_of(a->day, d), a->score, a->max, a->percent, a->band[0] ? a->band : "no band");
    if (r->has_prev_assessment)
        fprintf(f, " Change: %+d points since %s (%d%%).\n\n", a->percent - r->prev.percent,
                date_of(r->prev.day, d), r->prev.percent);
    else
        fputs(" No earlier assessment to compare with.\n\n", f);
}

static void md_milestones(const struct report_milestone *m, size_t n, FILE *f)
{
    for (size_t i = 0; i < n; i++)
        fprintf(f, "- [%c] %s (`%s`)%s\n", m[i].done ? 'x' : ' ', m[i].text, m[i].id,
                m[i].done_in_week ? " - done this week" : "");
}

static void md_plan(const struct report_week *r, FILE *f)
{
    fputs("## Plan\n\n", f);
    if (!r->has_plan) {
        fputs("No plan is active.\n\n", f);
        return;
    }
    if (r->plan_week == 0)
        fprintf(f, "The %s plan has not started yet.", r->track);
    else if (r->plan_week > r->plan_weeks)
        fprintf(f, "The %s plan is finished.", r->track);
    else
        fprintf(f, "%s week %d of %d: %s. %d of %d milestones of this week done.", r->track,
                r->plan_week, r->plan_weeks, r->theme, r->planned_done, (int)r->n_planned);
    fprintf(f, " Milestones ticked these 7 days: %d. Behind: %d.\n\n", r->done_in_week,
            r->plan_behind);
    md_milestones(r->planned, r->n_planned, f);
    if (r->n_planned)
        fputs("\n", f);
}

/* "' ' none  ░ 1-2  ▒ 3  █ 4+": each level's range of answers a day, empty ones left out. */
static void md_heat_legend(const struct report_week *r, FILE *f)
{
    int lo = 1;
    fputs("    ' ' none", f);
    for (int k = 0; k < 3; k++) {
        int hi = r->heat_q[k];
        if (hi < lo)
            continue;
        if (hi == lo)
            fprintf(f, "  %s %d", report_fmt_glyph(k + 1), lo);
        else
            fprintf(f, "  %s %d-%d", report_fmt_glyph(k + 1), lo, hi);
        lo = hi + 1;
    }
    fprintf(f, "  %s %d+ (answers a day)\n```\n\n", report_fmt_glyph(4), lo);
}

static void md_heatmap(const struct report_week *r, FILE *f)
{
    char a[11], b[11];
    fprintf(f, "## Last %d weeks\n\n```\n    %s .. %s, one column per week\n", REPORT_HEAT_WEEKS,
            date_of(r->heat_first_day, a), date_of(r->end_day, b));
    for (int d = 0; d < 7; d++) {
        fprintf(f, "%s ", weekday_names[d]);
        for (int w = 0; w < REPORT_HEAT_WEEKS; w++)
            fputs(report_fmt_glyph(r->heat_level[d][w]), f);
        fputs("\n", f);
    }
    md_heat_legend(r, f);
}

static void md_forecast(const struct report_week *r, FILE *f)
{
    char d[11];
    fputs("## The next 7 days\n\n| day | due |\n| --- | ---: |\n", f);
    for (int i = 0; i < REPORT_DAYS; i++) {
        int32_t day = r->end_day + 1 + i;
        fprintf(f, "| %s %s | %d |\n", weekday_names[report_weekday(day)], date_of(day, d),
                r->forecast[i]);
    }
    fprintf(f, "| **total** | %d |\n\n", r->forecast_total);
}

static void md_next_week(const struct report_week *r, FILE *f)
{
    fputs("## Next week\n\n", f);
    if (!r->has_next_week) {
        fputs(r->has_plan ? "The plan has no further week.\n" : "No plan is active.\n", f);
        return;
    }
    fprintf(f, "Week %d: %s\n\n", r->next_week, r->next_theme);
    md_milestones(r->next, r->n_next, f);
}

void report_fmt_markdown(const struct report_week *r, FILE *f)
{
    char a[11], b[11];
    fprintf(f, "# Weekly review: %s to %s\n\n", date_of(r->start_day, a), date_of(r->end_day, b));
    md_study(r, f);
    md_retention(r, f);
    md_topics(r, f);
    md_leeches(r, f);
    md_mocks(r, f);
    md_checklist(r, f);
    md_plan(r, f);
    md_heatmap(r, f);
    md_forecast(r, f);
    md_next_week(r, f);
    md_calibration(r, f);
}

/* ---- JSON ---- */

static void js(FILE *f, const char *s)
{
    text_json(f, s);
}

static void jdate(FILE *f, int32_t day)
{
    char d[11];
    js(f, date_of(day, d));
}

static void jnum_or_null(FILE *f, int has, double v, int decimals)
{
    if (has)
        fprintf(f, "%.*f", decimals, v);
    else
        fputs("null", f);
}

static void json_days(const struct report_week *r, FILE *f)
{
    fprintf(f,
            "\"totals\":{\"answers\":%d,\"reviews\":%d,\"new\":%d,\"minutes\":%.1f,"
            "\"study_days\":%d},\"days\":[",
            r->answers, r->reviews, r->fresh, r->minutes, r->study_days);
    for (int i = 0; i < REPORT_DAYS; i++) {
        const struct report_day *x = &r->days[i];
        fputs(i ? ",{\"date\":" : "{\"date\":", f);
        jdate(f, x->day);
        fprintf(f, ",\"answers\":%d,\"reviews\":%d,\"new\":%d,\"minutes\":%.1f}", x->answers,
                x->reviews, x->fresh, x->minutes);
    }
    fputs("]", f);
}

static void json_retention_row(const struct report_retention *x, double target, FILE *f)
{
    fprintf(f, "\"reviews\":%d,\"passed\":%d,\"retention\":", x->reviews, x->passed);
    jnum_or_null(f, x->retention >= 0, x->retention, 4);
    fputs(",\"vs_target\":", f);
    jnum_or_null(f, x->retention >= 0, x->retention - target, 4);
}

static void json_retention(const struct report_week *r, FILE *f)
{
    fprintf(f, ",\"retention\":{\"target\":%.2f,\"overall\":{", r->target);
    json_retention_row(&r->retention[r->n_retention - 1], r->target, f);
    fputs("},\"sections\":[", f);
    for (size_t i = 0; i + 1 < r->n_retention; i++) {
        fputs(i ? ",{\"section\":" : "{\"section\":", f);
        js(f, r->retention[i].section);
        fputc(',', f);
        json_retention_row(&r->retention[i], r->target, f);
        fputc('}', f);
    }
    fputs("]},\"new_by_topic\":[", f);
    for (size_t i = 0; i < r->n_topics; i++) {
        fputs(i ? ",{\"topic\":" : "{\"topic\":", f);
        js(f, r->topics[i].topic);
        fprintf(f, ",\"learned\":%d}", r->topics[i].learned);
    }
    fputs("]", f);
}

static void json_leeches_mocks(const struct report_week *r, FILE *f)
{
    fprintf(f, ",\"leeches\":{\"count\":%zu,\"new_this_week\":%d,\"cards\":[", r->n_leeches,
            r->new_leeches);
    for (size_t i = 0; i < r->n_leeches; i++) {
        fputs(i ? ",{\"id\":" : "{\"id\":", f);
        js(f, r->leeches[i].id);
        fputs(",\"deck\":", f);
        js(f, r->leeches[i].deck);
        fprintf(f, ",\"lapses\":%d,\"this_week\":%s}", r->leeches[i].lapses,
                r->leeches[i].this_week ? "true" : "false");
    }
    fprintf(f, "]},\"mocks\":{\"in_week\":%d,\"trend\":", r->mocks_in_week);
    jnum_or_null(f, r->has_mock_trend, r->mock_trend, 1);
    fputs(",\"recent\":[", f);
    for (size_t i = 0; i < r->n_mocks; i++) {
        fprintf(f, "%s{\"id\":%lld,\"date\":", i ? "," : "", (long long)r->mocks[i].id);
        jdate(f, r->mocks[i].day);
        fprintf(f, ",\"answers\":%d,\"score\":%.4f,\"in_week\":%s}", r->mocks[i].answers,
                r->mocks[i].score, r->mocks[i].in_week ? "true" : "false");
    }
    fputs("]}", f);
}

static void json_assessment(const struct checklist_assessment *a, FILE *f)
{
    fputs("{\"checklist\":", f);
    js(f, a->checklist);
    fprintf(f, ",\"kind\":\"%s\",\"date\":", checklist_kind_name(a->kind));
    jdate(f, a->day);
    fprintf(f, ",\"score\":%d,\"max\":%d,\"percent\":%d,\"band\":", a->score, a->max, a->percent);
    js(f, a->band);
    fputc('}', f);
}

static void json_checklist(const struct report_week *r, FILE *f)
{
    fputs(",\"checklist\":", f);
    if (!r->has_assessment) {
        fputs("null", f);
        return;
    }
    fputs("{\"latest\":", f);
    json_assessment(&r->assessment, f);
    fputs(",\"previous\":", f);
    if (r->has_prev_assessment)
        json_assessment(&r->prev, f);
    else
        fputs("null", f);
    fputs(",\"change\":", f);
    jnum_or_null(f, r->has_prev_assessment, r->assessment.percent - r->prev.percent, 0);
    fputc('}', f);
}

static void json_milestones(const struct report_milestone *m, size_t n, FILE *f)
{
    fputc('[', f);
    for (size_t i = 0; i < n; i++) {
        fputs(i ? ",{\"id\":" : "{\"id\":", f);
        js(f, m[i].id);
        fprintf(f, ",\"week\":%d,\"text\":", m[i].week);
        js(f, m[i].text);
        fprintf(f, ",\"done\":%s,\"done_this_week\":%s}", m[i].done ? "true" : "false",
                m[i].done_in_week ? "true" : "false");
    }
    fputc(']', f);
}

static void json_plan(const struct report_week *r, FILE *f)
{
    fputs(",\"plan\":", f);
    if (!r->has_plan) {
        fputs("null,\"next_week\":null", f);
        return;
    }
    fputs("{\"track\":", f);
    js(f, r->track);
    fprintf(f, ",\"week\":%d,\"weeks\":%d,\"behind\":%d,\"theme\":", r->plan_week, r->plan_weeks,
            r->plan_behind);
    js(f, r->theme);
    fprintf(f, ",\"planned\":%zu,\"planned_done\":%d,\"done_this_week\":%d,\"milestones\":",
            r->n_planned, r->planned_done, r->done_in_week);
    json_milestones(r->planned, r->n_planned, f);
    fputs("},\"next_week\":", f);
    if (!r->has_next_week) {
        fputs("null", f);
        return;
    }
    fprintf(f, "{\"week\":%d,\"theme\":", r->next_week);
    js(f, r->next_theme);
    fputs(",\"milestones\":", f);
    json_milestones(r->next, r->n_next, f);
    fputc('}', f);
}

static void json_heat_forecast(const struct report_week *r, FILE *f)
{
    fputs(",\"heatmap\":{\"first_monday\":", f);
    jdate(f, r->heat_first_day);
    fprintf(f, ",\"quartiles\":[%d,%d,%d],\"rows\":[", r->heat_q[0], r->heat_q[1], r->heat_q[2]);
    for (int d = 0; d < 7; d++) {
        fputs(d ? ",\"" : "\"", f);
        for (int w = 0; w < REPORT_HEAT_WEEKS; w++)
            fputs(report_fmt_glyph(r->heat_level[d][w]), f);
        fputc('"', f);
    }
    fputs("],\"counts\":[", f);
    for (int d = 0; d < 7; d++) {
        fputs(d ? ",[" : "[", f);
        for (int w = 0; w < REPORT_HEAT_WEEKS; w++)
            fprintf(f, "%s%d", w ? "," : "", r->heat[d][w]);
        fputc(']', f);
    }
    fprintf(f, "]},\"forecast\":{\"total\":%d,\"days\":[", r->forecast_total);
    for (int i = 0; i < REPORT_DAYS; i++) {
        fputs(i ? ",{\"date\":" : "{\"date\":", f);
        jdate(f, r->end_day + 1 + i);
        fprintf(f, ",\"due\":%d}", r->forecast[i]);
    }
    fputs("]}", f);
}

void report_fmt_json(const struct report_week *r, FILE *f)
{
    fputs("{\"start\":", f);
    jdate(f, r->start_day);
    fputs(",\"end\":", f);
    jdate(f, r->end_day);
    fputc(',', f);
    json_days(r, f);
    json_retention(r, f);
    json_leeches_mocks(r, f);
    json_checklist(r, f);
    json_plan(r, f);
    json_heat_forecast(r, f);
    fputs(",\"calibration\":", f);
    calib_write_json(&r->calib, f);
    fputs("}\n", f);
}

/* ---- atomic file ---- */

struct fill_ctx {
    const struct report_week *r;
    int json;
};

static int fill(FILE *f, void *ctx)
{
    const struct fill_ctx *c = ctx;
    if (c->json)
        report_fmt_json(c->r, f);
    else
        report_fmt_markdown(c->r, f);
    return 0;
}

enum lp_code report_fmt_save(const struct report_week *r, int json, const char *path,
                             struct lp_err *err)
{
    struct fill_ctx c = {r, json};
    return fileio_write_atomic(path, fill, &c, err);
}
