/*
 * editor.h - running the user's editor on a file: paper notes (the reading list,
 * on screen and from the shell) and a card's content file (the card detail).
 */
#ifndef LP_EDITOR_H
#define LP_EDITOR_H

#include <stddef.h>

/*
 * Run $EDITOR (else $VISUAL, else vi) on path through sh, so that an editor with
 * arguments ("code -w") works; the command comes in through the environment,
 * never pasted into the shell text.  With line > 0 the editor gets "+LINE" before
 * the path, which vi, vim, nano, emacs, micro and most terminal editors read as
 * "start at that line".  Ctrl-C and Ctrl-\ are ignored by labprep meanwhile (as
 * system() does); the editor gets them.  Returns the editor's exit status
 * (128 + signal if it was killed), or -1 if it could not be run.
 */
int editor_run(const char *path, int line);

/* What went wrong, for a message: "could not be run" (-1), "was not found (set
 * $EDITOR)" (127, the shell's "command not found"), else "failed (exit N)". */
const char *editor_failure(int rc, char *buf, size_t size);

/* The same inside curses: hand the terminal to the editor and take it back. */
int editor_run_in_terminal(const char *path, int line);

/* The line (from 1) of a content file where a mapping says `id: ID` (quoted or
 * not, after indentation and a list dash), for editor_run's line; 0 if none. */
int editor_id_line(const char *path, const char *id);

#endif
