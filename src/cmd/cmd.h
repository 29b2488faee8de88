/*
 * cmd: the subcommands of the command line, one file each. Each takes the
 * arguments after its name and returns the process's exit status:
 * 0 done, 1 invalid input, 2 usage error, 3 runtime error (sessions.md).
 */
#ifndef TANDEM_CMD_H
#define TANDEM_CMD_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "exitcode.h"
#include "journal.h"
#include "library.h"
#include "session.h"
#include "transcript.h"

/*
 * The command that resumes the session in path, to print on a pause:
 * "tandem resume PATH", or with the path this tandem was started by when
 * that names a file, so that `./build/tandem` prints a command that works
 * where tandem is not installed. The caller frees it. (main.c)
 */
char *cmd_resume_hint(const char *path);

/* What `run` and `resume` share (cmd_session.c). */

/* The history a session of d started at `started` sees in the journal
 * folder (NULL: none; self: its own transcript, left out), unreadable
 * transcripts warned of without quoting them. */
JournalHistory *cmd_session_history(const char *folder, const Dialogue *d, time_t started,
                                    const char *self);

/* Runs s with the front end that fits (a terminal or a pipe), recording
 * into t, the transcript at path, which it closes. The exit status. */
int cmd_session_run(Session *s, Transcript *t, const char *path);

int cmd_check(int argc, char **argv);
int cmd_run(int argc, char **argv);
int cmd_list(int argc, char **argv);
/* `tandem resume TRANSCRIPT`: a paused or interrupted session, on. */
int cmd_resume(int argc, char **argv);
/* `tandem show TRANSCRIPT`: the session as a report. */
int cmd_show(int argc, char **argv);
int cmd_history(int argc, char **argv);
/* `tandem practice-log [--client NAME]`: the score of each practice
 * session over time (cmd_practice.c). */
int cmd_practice_log(int argc, char **argv);
/* `tandem` alone: list the library and ask which dialogue to run. */
int cmd_choose(void);

/* Prints the library's dialogues as `tandem list` does, numbered for
 * cmd_choose (cmd_list.c). */
void cmd_list_print(const LibraryEntry *v, size_t n, bool numbered);

#endif
