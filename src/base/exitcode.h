/*
 * exitcode: the process's exit statuses, sessions.md's contract: what the
 * commands return and the session loop they run returns.
 */
#ifndef TANDEM_EXITCODE_H
#define TANDEM_EXITCODE_H

enum {
	EXIT_OK = 0,       /* done: a session completed or cleanly paused */
	EXIT_INVALID = 1,  /* invalid input: a dialogue, bank or transcript with errors */
	EXIT_USAGE = 2,    /* a usage error */
	EXIT_RUNTIME = 3,  /* stopped by a runtime error: a bound, a failed write or read */
};

#endif
