/*
 * cmd: the subcommands of the command line, one file each. Each takes the
 * arguments after its name and returns the process's exit status:
 * 0 done, 1 invalid input, 2 usage error, 3 runtime error (sessions.md).
 */
#ifndef TANDEM_CMD_H
#define TANDEM_CMD_H

#include "exitcode.h"

/*
 * The command that resumes the session in path, to print on a pause:
 * "tandem resume PATH", or with the path this tandem was started by when
 * that names a file, so that `./build/tandem` prints a command that works
 * where tandem is not installed. The caller frees it. (main.c)
 */
char *cmd_resume_hint(const char *path);

int cmd_check(int argc, char **argv);
int cmd_run(int argc, char **argv);
int cmd_list(int argc, char **argv);
/* `tandem resume TRANSCRIPT`: a paused or interrupted session, on. */
int cmd_resume(int argc, char **argv);
/* `tandem show TRANSCRIPT`: the session as a report. */
int cmd_show(int argc, char **argv);
int cmd_history(int argc, char **argv);
/* `tandem` alone: list the library and ask which dialogue to run. */
int cmd_choose(void);

#endif
