/*
 * cmd.h - the subcommands.  Each takes the app and its own arguments (argv[0] is
 * the command name) and returns the process exit status.
 */
#ifndef LP_CMD_H
#define LP_CMD_H

#include "app.h"

int cmd_summary(struct app *a, int argc, char **argv);
int cmd_tutor(struct app *a);
int cmd_status(struct app *a, int argc, char **argv);
int cmd_due(struct app *a, int argc, char **argv);
int cmd_answer(struct app *a, int argc, char **argv);
int cmd_content(struct app *a, int argc, char **argv);
int cmd_fsrs(struct app *a, int argc, char **argv);
int cmd_fsrs_optimize(struct app *a, int argc, char **argv);  /* cmd_optimize.c */
int cmd_fsrs_simulate(struct app *a, int argc, char **argv);  /* cmd_simulate.c */
int cmd_fsrs_calibration(struct app *a, int argc, char **argv); /* cmd_calibration.c */
int cmd_backup(struct app *a, int argc, char **argv);
int cmd_doctor(struct app *a, int argc, char **argv);
int cmd_checklist(struct app *a, int argc, char **argv);
int cmd_plan(struct app *a, int argc, char **argv);
int cmd_reading(struct app *a, int argc, char **argv);
int cmd_report(struct app *a, int argc, char **argv);
int cmd_cards(struct app *a, int argc, char **argv);  /* cmd_cards.c */
int cmd_card(struct app *a, int argc, char **argv);   /* cmd_cards.c */
int cmd_mock(struct app *a, int argc, char **argv);   /* cmd_mock.c */
int cmd_export(struct app *a, int argc, char **argv); /* cmd_export.c */
int cmd_import(struct app *a, int argc, char **argv); /* cmd_export.c */

#endif
