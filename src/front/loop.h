/*
 * loop: the one turn loop and the command table (/help /back /again /skip
 * /note /where /show /pause) that every front end shares, and what a front end
 * is: how a line is read and how an item looks (FrontEnd). The loop keeps
 * the transcript in step, turn by turn.
 */
#ifndef TANDEM_LOOP_H
#define TANDEM_LOOP_H

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
 * read (after a prompt for r). Both present through term.h: the line front
 * end's Term has no colour nor wrapping (pipe.h), the readline REPL's
 * styles and wraps, and edits the line (repl.h). Everything else, the loop
 * and the commands, is the same for both.
 */
typedef struct FrontEnd {
	void (*show)(void *ctx, ShowKind kind, const char *text, const Request *r);
	/* line holds, on entry, text to offer for editing (the answer /back
	 * took back; a front end may ignore it), and the line read on return */
	LineRead (*read)(void *ctx, const Request *r, Buf *line);
	void *ctx;
} FrontEnd;

/* A line longer than a dialogue's longest text is not an answer. */
enum { LOOP_MAX_LINE = 1 << 20 };

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
int loop_run(Session *s, const RunIO *io, const FrontEnd *fe);

/* The i-th command's name ("/help", "/back", ...), NULL past the last:
 * for completion. */
const char *loop_command_name(size_t i);

#endif
