/*
 * main.c - labprep's command line: global options, then one subcommand.
 *
 *   labprep [--db PATH] [--content DIR]... [--now TIME] [COMMAND [ARGS]]
 */
#include <langinfo.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app.h"
#include "clock.h"
#include "cmd.h"

#ifndef LP_VERSION
#define LP_VERSION "0.1.0"
#endif
#ifndef LP_CONTENT_DIR
#define LP_CONTENT_DIR "content"
#endif

struct command {
    const char *name;
    int (*run)(struct app *, int, char **);
    const char *usage;
};

static const struct command commands[] = {
    {"status", cmd_status, "status                 due and new cards per deck, streak"},
    {"due", cmd_due, "due [--json]           what is due today, after daily limits"},
    {"answer", cmd_answer, "answer CARD GRADE [--ms N]  record one review (grade 1-4)"},
    {"content", cmd_content, "content check [DIR...] validate content files\n"
                             "  content stats [--json] count the content"},
    {"fsrs", cmd_fsrs, "fsrs replay [--retention R] [--max-interval N] [--params W0,...,W20]\n"
                       "                         replay a review log (stdin) with FSRS-6\n"
                       "  fsrs optimize [--revlog FILE] [--json] [--apply] [--rollover-hour H] [--tz TZ]\n"
                       "                         fit the FSRS-6 weights to your reviews (or FILE)\n"
                       "  fsrs simulate [--interview DATE] [--targets R,R,...] [--json]\n"
                       "                         reviews per day and recall on interview day by target\n"
                       "  fsrs calibration [--json]\n"
                       "                         the model's predicted against your actual recall"},
    {"backup", cmd_backup, "backup                 copy the database to the backups folder now"},
    {"doctor", cmd_doctor, "doctor                 check the database for damage"},
    {"checklist", cmd_checklist,
     "checklist [--json] [--quick]  the readiness checklist: score, band, evidence\n"
     "  checklist set ITEM yes|no|1-5  answer an item\n"
     "  checklist save [--quick]  store a dated assessment\n"
     "  checklist history [--json]  every assessment and the trend"},
    {"plan", cmd_plan,
     "plan start --track TRACK [--start DATE] [--interview DATE]  start a roadmap plan\n"
     "  plan [show] [--json]   the plan: week, milestones, behind, what to do today\n"
     "  plan done|undo MILESTONE  tick or untick a milestone\n"
     "  plan interview DATE|none  set or clear the interview date"},
    {"reading", cmd_reading,
     "reading [--json] [--topic T] [--status S]  the reading list\n"
     "  reading show PAPER [--json]  one paper: why it matters, questions, notes\n"
     "  reading set PAPER queued|reading|read|summarised\n"
     "  reading note PAPER     edit the paper's notes in $EDITOR"},
    {"report", cmd_report,
     "report [--week] [--date DATE] [--out FILE] [--json]  the weekly review (Markdown)"},
    {"cards", cmd_cards,
     "cards [WORDS...] [--filter all|due|new|suspended|leech] [--section S] [--json]\n"
     "                         find cards, as the browser does"},
    {"card", cmd_card,
     "card CARD [--json]     one card: text, memory state, review history\n"
     "  card CARD suspend|unsuspend|reset|edit"},
    {"mock", cmd_mock,
     "mock [list] [--json]   the oral mock quizzes taken, newest first\n"
     "  mock show ID [--json]  one mock: score and median time per section, misses"},
    {"export", cmd_export,
     "export revlog|cards [--json] [--out FILE]  the review log or the cards' states"},
    {"import", cmd_import,
     "import [--replace] FILE.yaml...  check content files and add them to your decks"},
};

static void usage(FILE *f)
{
    fputs("usage: labprep [--db PATH] [--content DIR]... [--now TIME] [COMMAND [ARGS]]\n\n"
          "With no command, opens the full-screen tutor (or, when not on a terminal,\n"
          "prints today's summary).\n\ncommands:\n",
          f);
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        fprintf(f, "  %s\n", commands[i].usage);
    fputs("\noptions:\n"
          "  --db PATH        database file (default $XDG_DATA_HOME/labprep/labprep.db;\n"
          "                   LABPREP_DB also sets it)\n"
          "  --content DIR    also load content from DIR (repeatable)\n"
          "  --now TIME       fix the clock: unix seconds or ISO 8601 (also LABPREP_NOW)\n"
          "  --help, --version\n",
          f);
}

static int set_now(struct app *a, const char *s)
{
    struct lp_err err = {0};
    int64_t t;
    if (clock_parse(s, &t, &err) != LP_OK)
        return app_fail(a, "--now: %s", err.msg);
    clock_fix(t);
    a->now = t;
    return 0;
}

/* Parse global options; returns the index of the command, or -1 with *status set. */
static int global_options(struct app *a, int argc, char **argv, const char **db, int *status)
{
    int i = 1;
    for (; i < argc && argv[i][0] == '-'; i++) {
        const char *o = argv[i];
        if (!strcmp(o, "--help") || !strcmp(o, "-h")) {
            usage(stdout);
            return *status = 0, -1;
        } else if (!strcmp(o, "--version")) {
            printf("labprep %s\n", LP_VERSION);
            return *status = 0, -1;
        } else if (i + 1 >= argc) {
            break;
        } else if (!strcmp(o, "--db")) {
            *db = argv[++i];
        } else if (!strcmp(o, "--content")) {
            if (a->n_content_dirs >= APP_MAX_DIRS)
                return *status = app_fail(a, "too many --content directories"), -1;
            a->content_dirs[a->n_content_dirs++] = argv[++i];
        } else if (!strcmp(o, "--now")) {
            if ((*status = set_now(a, argv[++i])) != 0)
                return -1;
        } else {
            break;
        }
    }
    if (i < argc && argv[i][0] == '-') {
        app_fail(a, "unknown or incomplete option '%s' (try --help)", argv[i]);
        return *status = 2, -1;
    }
    return i;
}

/* Bundled dir first, user decks second (may be missing), then --content dirs. */
static void order_dirs(struct app *a, const char **extra, int n_extra)
{
    a->content_dirs[0] = a->paths.bundled;
    a->content_dirs[1] = a->paths.user_decks;
    for (int k = 0; k < n_extra; k++)
        a->content_dirs[2 + k] = extra[k];
    a->n_content_dirs = 2 + n_extra;
    a->first_optional_dir = 1;
}

int main(int argc, char **argv)
{
    setlocale(LC_ALL, "");
    /* Past a file-size limit (ulimit -f) a write must fail with EFBIG, which SQLite
     * reports and we turn into a message; the default SIGXFSZ would kill us instead. */
    signal(SIGXFSZ, SIG_IGN);
    /* Content is UTF-8 (σ, ∑, ‖x‖₂): under a non-UTF-8 locale, ask for C.UTF-8. */
    if (strcmp(nl_langinfo(CODESET), "UTF-8") != 0)
        setlocale(LC_CTYPE, "C.UTF-8");
    struct app a;
    memset(&a, 0, sizeof a);
    a.prog = "labprep";
    config_defaults(&a.cfg);
    a.now = clock_now();
    const char *env_now = getenv("LABPREP_NOW");
    if (env_now && *env_now && set_now(&a, env_now) != 0)
        return 2;
    const char *db = NULL;
    int status = 0;
    int i = global_options(&a, argc, argv, &db, &status);
    if (i < 0)
        return status;
    const char *extra[APP_MAX_DIRS];
    int n_extra = a.n_content_dirs > APP_MAX_DIRS - 2 ? APP_MAX_DIRS - 2 : a.n_content_dirs;
    memcpy(extra, a.content_dirs, sizeof extra[0] * (size_t)n_extra);
    if (paths_resolve(&a.paths, db, LP_CONTENT_DIR) != 0)
        return app_fail(&a, "cannot work out the data directory: set HOME or XDG_DATA_HOME");
    order_dirs(&a, extra, n_extra);
    if (i >= argc)
        return isatty(STDIN_FILENO) && isatty(STDOUT_FILENO) ? cmd_tutor(&a)
                                                             : cmd_summary(&a, 0, NULL);
    for (size_t k = 0; k < sizeof commands / sizeof commands[0]; k++)
        if (!strcmp(argv[i], commands[k].name))
            return commands[k].run(&a, argc - i, argv + i);
    app_fail(&a, "unknown command '%s' (try --help)", argv[i]);
    return 2;
}
