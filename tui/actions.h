/*
 * actions.h - the one action table: it generates the action enum, the default key
 * bindings and every help screen, so help can never drift from the keys.
 *
 * Each row: action, scopes (which screens bind it), two keys (0 = none; curses
 * KEY_* codes or characters), the label shown in help, and what it does.
 * A key is looked up in the table order among the rows whose scope includes the
 * current screen's, so a screen-specific binding must come before a global one
 * that uses the same key.
 */
#ifndef LP_ACTIONS_H
#define LP_ACTIONS_H

#include <curses.h>
#include <wchar.h>

enum ui_scope {
    SC_HOME = 1 << 0,
    SC_STUDY = 1 << 1,
    SC_MOCK = 1 << 2,
    SC_BROWSE = 1 << 3,
    SC_HELP = 1 << 4,
    SC_DETAIL = 1 << 5,
    SC_PLAN = 1 << 6,
    SC_CHECKLIST = 1 << 7,
    SC_READING = 1 << 8,
    SC_REVIEW = 1 << 9,
    SC_REFIT = 1 << 10,
    SC_TARGETS = 1 << 11,
    SC_ALL = 0xffff,
    /* The planning screens (plan, checklist, reading list, weekly review). */
    SC_PLANNING = SC_PLAN | SC_CHECKLIST | SC_READING | SC_REVIEW,
    /* Screens with something to move through. */
    SC_NAV = SC_BROWSE | SC_HELP | SC_DETAIL | SC_MOCK | SC_PLANNING | SC_TARGETS,
};

#define KEY_ESC 27
#define KEY_CTRL(c) ((c) & 0x1f)

#define UI_ACTIONS(X)                                                                          \
    X(ACT_GO_STUDY, SC_HOME, 's', 0, "s", "study today's cards")                               \
    X(ACT_GO_MOCK, SC_HOME, 'm', 0, "m", "oral mock quiz (timed, does not touch the schedule)") \
    X(ACT_GO_BROWSE, SC_HOME, 'b', 0, "b", "browse and search all cards")                      \
    X(ACT_GO_PLAN, SC_HOME, 'p', 0, "p", "the twelve-week plan: weeks, milestones, what to do") \
    X(ACT_GO_CHECKLIST, SC_HOME, 'c', 0, "c", "the readiness checklist and its score")         \
    X(ACT_GO_READING, SC_HOME, 'r', 0, "r", "the alignment reading list")                      \
    X(ACT_GO_REVIEW, SC_HOME, 'w', 0, "w", "the weekly review")                                \
    X(ACT_REFIT, SC_HOME, 'f', 0, "f",                                                             \
      "refit the memory model to your reviews: before/after, then apply or keep")                  \
    X(ACT_REVEAL, SC_STUDY, ' ', '\n', "Space Enter", "reveal the answer")                     \
    X(ACT_MOCK_NEXT, SC_MOCK, ' ', '\n', "Space Enter",                                        \
      "start the mock (on its setup); reveal the answer")                                      \
    X(ACT_MOCK_MATHS, SC_MOCK, 'M', 0, "M", "setup: include or leave out mathematics")         \
    X(ACT_MOCK_STATS, SC_MOCK, 'S', 0, "S", "setup: include or leave out statistics")          \
    X(ACT_MOCK_CS, SC_MOCK, 'C', 0, "C", "setup: include or leave out computer science")       \
    X(ACT_MOCK_ML, SC_MOCK, 'L', 0, "L", "setup: include or leave out machine learning")       \
    X(ACT_GRADE_1, SC_STUDY, '1', 0, "1", "Again: forgot it")                                  \
    X(ACT_GRADE_2, SC_STUDY, '2', 0, "2", "Hard: recalled with real effort")                   \
    X(ACT_GRADE_3, SC_STUDY, '3', 0, "3", "Good: recalled")                                    \
    X(ACT_GRADE_4, SC_STUDY, '4', 0, "4", "Easy: recalled at once")                            \
    X(ACT_UNDO, SC_STUDY, 'u', 0, "u", "undo the last answer")                                 \
    X(ACT_SUSPEND, SC_STUDY | SC_BROWSE | SC_DETAIL, 's', 0, "s",                              \
      "suspend (or unsuspend) the card")                                                       \
    X(ACT_BURY, SC_STUDY, 'b', 0, "b", "bury the card until tomorrow")                         \
    X(ACT_MARK_RIGHT, SC_MOCK, 'y', '3', "y 3", "mark right")                                  \
    X(ACT_MARK_PARTLY, SC_MOCK, 'p', '2', "p 2", "mark partly right")                          \
    X(ACT_MARK_WRONG, SC_MOCK, 'n', '1', "n 1", "mark wrong")                                  \
    X(ACT_SEND_MISSES, SC_MOCK, 'a', 0, "a", "on the results: send the misses to study")       \
    X(ACT_RESET, SC_BROWSE | SC_DETAIL, 'R', 0, "R", "reset the card to new (asks first)")     \
    X(ACT_EDIT_CARD, SC_DETAIL, 'e', 0, "e",                                                   \
      "edit the card in $EDITOR (its content file), then sync; history is kept")               \
    X(ACT_YES, SC_BROWSE | SC_DETAIL, 'y', 0, "y", "yes, when asked to confirm")               \
    X(ACT_NO, SC_BROWSE | SC_DETAIL, 'n', 0, "n", "no, when asked to confirm")                 \
    X(ACT_REFIT_APPLY, SC_REFIT, 'y', 0, "y",                                                      \
      "use the new weights: store and apply them, re-derive every card's memory")                  \
    X(ACT_REFIT_KEEP, SC_REFIT, 'n', 0, "n", "store the fit without using it")                     \
    X(ACT_FILTER, SC_BROWSE, 'f', 0, "f", "cycle the filter: all, due, new, suspended, leech") \
    X(ACT_SECTION, SC_BROWSE, 'S', 0, "S", "cycle the section shown")                          \
    X(ACT_SEARCH, SC_BROWSE, '/', 0, "/", "search question, answer and tags")                  \
    X(ACT_CRAM, SC_BROWSE, 'c', 0, "c",                                                        \
      "custom study: the cards listed, due or not (answers still reschedule them)")            \
    X(ACT_TICK, SC_CHECKLIST, ' ', 0, "Space", "tick or untick the item (saved at once)")      \
    X(ACT_RATE_1, SC_CHECKLIST, '1', 0, "1", "quick variant: rate the item 1 (not true of you)") \
    X(ACT_RATE_2, SC_CHECKLIST, '2', 0, "2", "quick variant: rate the item 2")                 \
    X(ACT_RATE_3, SC_CHECKLIST, '3', 0, "3", "quick variant: rate the item 3")                 \
    X(ACT_RATE_4, SC_CHECKLIST, '4', 0, "4", "quick variant: rate the item 4")                 \
    X(ACT_RATE_5, SC_CHECKLIST, '5', 0, "5", "quick variant: rate the item 5 (fully true)")    \
    X(ACT_SAVE_ASSESSMENT, SC_CHECKLIST, 'S', 0, "S", "save a dated assessment of this variant") \
    X(ACT_HISTORY, SC_CHECKLIST, 'H', 0, "H", "show or hide the saved assessments and trend")  \
    X(ACT_VARIANT, SC_CHECKLIST, 'v', 0, "v",                                                  \
      "switch: the full checklist or the quick twelve questions")                              \
    X(ACT_PLAN_TICK, SC_PLAN, ' ', 0, "Space",                                                 \
      "tick or untick a milestone; on a week, show or hide it")                                \
    X(ACT_PLAN_OPEN, SC_PLAN, '\n', KEY_ENTER, "Enter",                                        \
      "start the chosen track today; on a week, show or hide it")                              \
    X(ACT_TARGETS, SC_PLAN, 't', 0, "t",                                                       \
      "what each retention target costs until the interview (simulated)")                      \
    X(ACT_PAPER_QUEUED, SC_READING, '1', 0, "1", "set the paper's status: queued")             \
    X(ACT_PAPER_READING, SC_READING, '2', 0, "2", "set the paper's status: reading")           \
    X(ACT_PAPER_READ, SC_READING, '3', 0, "3",                                                 \
      "status read: its key questions join the study queue")                                   \
    X(ACT_PAPER_SUMMARISED, SC_READING, '4', 0, "4", "set the paper's status: summarised")     \
    X(ACT_PAPER_NEXT, SC_READING, ' ', 0, "Space", "move the paper on to its next status")     \
    X(ACT_TOPIC, SC_READING, 't', 0, "t", "cycle the topic shown")                             \
    X(ACT_STATUS_FILTER, SC_READING, 'f', 0, "f",                                              \
      "show all, queued, reading, read or summarised papers")                                  \
    X(ACT_EDIT_NOTES, SC_READING, 'e', 0, "e", "edit your notes on the paper in $EDITOR")      \
    X(ACT_WRITE_REVIEW, SC_REVIEW, 'w', 0, "w",                                                \
      "write it as Markdown to a file in the data directory")                                  \
    X(ACT_UP, SC_NAV, KEY_UP, 'k', "Up k", "move up")                                          \
    X(ACT_DOWN, SC_NAV, KEY_DOWN, 'j', "Down j", "move down")                                  \
    X(ACT_LEFT, SC_NAV & ~SC_PLANNING, KEY_LEFT, 'h', "Left h", "move left / previous")        \
    X(ACT_RIGHT, SC_NAV & ~SC_PLANNING, KEY_RIGHT, 'l', "Right l", "move right / next")        \
    X(ACT_PAGE_UP, SC_NAV, KEY_PPAGE, 0, "PgUp", "page up")                                    \
    X(ACT_PAGE_DOWN, SC_NAV, KEY_NPAGE, 0, "PgDn", "page down")                                \
    X(ACT_OPEN, SC_NAV & ~(SC_MOCK | SC_PLAN | SC_CHECKLIST | SC_REVIEW), '\n', KEY_ENTER,     \
      "Enter", "open")                                                                         \
    X(ACT_HELP, SC_ALL, '?', 0, "?", "help for this screen")                                   \
    X(ACT_BACK, SC_ALL, 'q', KEY_ESC, "q Esc", "back")                                         \
    X(ACT_QUIT, SC_ALL, 'Q', 0, "Q", "quit labprep")                                           \
    X(ACT_REDRAW, SC_ALL, KEY_CTRL('l'), 0, "Ctrl-L", "redraw the screen")

enum ui_action {
    ACT_NONE = 0,
#define LP_X(act, scope, k1, k2, label, help) act,
    UI_ACTIONS(LP_X)
#undef LP_X
    ACT_COUNT
};

/* The action bound to a key on a screen of the given scope, or ACT_NONE.
 * is_code: the key is a curses KEY_* code rather than a character. */
enum ui_action actions_lookup(unsigned scope, wint_t key, int is_code);

/* For help: the n-th row (from 0) bound in scope; returns 0 past the end. */
int actions_help_row(unsigned scope, int n, const char **label, const char **help);

#endif
