/*
 * runner: the line-driven front end. Reads one line per input from a
 * stream (a pipe, a file), prints what the session shows to another, handles
 * the commands (/help /back /skip /note /where /show /pause) and keeps the
 * transcript in step, turn by turn.
 *
 * The readline REPL is a second front end over the same loop (FrontEnd):
 * a command behaves the same whichever way the lines arrive.
 */
#ifndef TANDEM_RUNNER_H
#define TANDEM_RUNNER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "session.h"
#include "transcript.h"
#include "util.h"

typedef struct RunIO {
	FILE *in;            /* lines typed */
	FILE *out;           /* what the session shows, prompts included */
	FILE *err;           /* messages about tandem itself */
	Transcript *transcript;  /* NULL: nothing recorded on disk */
	const char *resume_hint; /* command that resumes, shown on pause */
} RunIO;

/* What reading a line gave. */
typedef enum LineRead {
	LINE_OK,      /* a line (perhaps the last, without its newline) */
	LINE_END,     /* end of input, or a stop signal */
	LINE_ERROR,   /* the input could not be read: errno says why */
} LineRead;

/*
 * A front end: how what the session shows is presented, and how a line is
 * read (after a prompt for r). Both present through term.h: the line
 * runner's Term has no colour nor wrapping, the readline REPL's styles and
 * wraps, and edits the line (repl.h). Everything else, the loop and the
 * commands, is the same for both.
 */
typedef struct FrontEnd {
	void (*show)(void *ctx, ShowKind kind, const char *text, const Request *r);
	LineRead (*read)(void *ctx, const Request *r, Buf *line);
	void *ctx;
} FrontEnd;

/*
 * Runs s with front end fe until it completes, pauses (/pause, end of
 * input, a stop signal) or fails: ask the session what it waits for, show
 * what it has to show (errors to io->err), put the new turns on disk, and
 * only then read the next line. Returns the exit status of sessions.md:
 * 0 complete or paused, 3 stopped by a runtime error, a failed write or an
 * input that cannot be read. A session stopped by a runtime error keeps
 * its turns on disk without a closing part (interrupted, so resumable once
 * the dialogue is fixed).
 */
int runner_loop(Session *s, const RunIO *io, const FrontEnd *fe);

/* runner_loop with the plain front end: lines from a pipe or a file,
 * SIGTERM, SIGHUP and SIGINT pausing the session. */
int runner_run(Session *s, const RunIO *io);

/* The i-th command's name ("/help", "/back", ...), NULL past the last:
 * for completion. */
const char *runner_command_name(size_t i);

#endif
