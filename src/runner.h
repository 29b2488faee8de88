/*
 * runner: the line-driven front end. Reads one line per input from a
 * stream (a pipe, a file), prints what the session shows to another, handles
 * the commands (/help /back /skip /note /where /show /pause) and keeps the
 * transcript in step, turn by turn.
 *
 * The readline REPL is a second front end over the same Session; both share
 * the command handling here (runner_command) so that a command behaves the
 * same whichever way the lines arrive.
 */
#ifndef TANDEM_RUNNER_H
#define TANDEM_RUNNER_H

#include <stdio.h>

#include "session.h"
#include "transcript.h"

typedef struct RunIO {
	FILE *in;            /* lines typed */
	FILE *out;           /* what the session shows, prompts included */
	FILE *err;           /* messages about tandem itself */
	Transcript *transcript;  /* NULL: nothing recorded on disk */
	const char *resume_hint; /* command that resumes, shown on pause */
} RunIO;

/*
 * Runs s until it completes, pauses (/pause, end of input) or fails.
 * Returns the exit status of sessions.md: 0 complete or paused, 3 stopped
 * by a runtime error or a failed write.
 */
int runner_run(Session *s, const RunIO *io);

#endif
