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

#include <stdbool.h>
#include <stddef.h>
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
 * by a runtime error or a failed write. A session stopped by a runtime
 * error keeps its turns on disk without a closing part (interrupted, so
 * resumable once the dialogue is fixed).
 */
int runner_run(Session *s, const RunIO *io);

/*
 * Runs s with the front end that fits io: the readline REPL when io->in
 * and io->out are terminals (repl_fits), runner_run otherwise. Same
 * contract as runner_run; what `tandem run` and `tandem resume` call.
 */
int front_end_run(Session *s, const RunIO *io);

/*
 * The pieces runner_run is made of, for another front end (readline) to
 * run the same loop: request, flush, sync, prompt, read, line; finish at
 * REQ_DONE, at /pause and at end of input.
 */

/* What a line leaves the front end to do. */
typedef enum RunnerStep {
	RUNNER_NEXT,    /* show what is queued, sync, ask for the next line */
	RUNNER_PAUSE,   /* /pause: save and leave */
} RunnerStep;

/* The i-th command's name ("/help", "/back", ...), NULL past the last:
 * for completion. */
const char *runner_command_name(size_t i);

/*
 * Prints what the session has queued to io->out (a SHOW_ERROR to io->err),
 * plainly: headings, [coach] guidance, texts, and after the question the
 * menu or scale range of r, the request it was queued for.
 */
void runner_flush(Session *s, const RunIO *io, const Request *r);

/*
 * Handles one line typed for request r (without its newline): a command
 * when it begins with one '/', else the input for the session ("//" stands
 * for a '/'). What it has to say is queued in s or printed to io->out.
 */
RunnerStep runner_line(Session *s, const RunIO *io, const Request *r, const char *line);

/* Handles a command line ("/back", "/note TEXT", ...) for request r. */
RunnerStep runner_command(Session *s, const RunIO *io, const Request *r, const char *line);

/* Whether a line of n bytes read can be an input at all (not too long, no
 * NUL byte); when not, says why on io->out. */
bool runner_acceptable(const RunIO *io, const char *line, size_t n);

/* The input broke (EIO: the terminal is gone, or the process was put in
 * the background): what was answered is saved, the session paused, and
 * the reason said. Returns 3, since the person did not choose to stop. */
int runner_input_failed(Session *s, const RunIO *io, int err);

/* Stops a session the engine could not go on with (REQ_FAILED): says where
 * the answers are. Returns the exit status, 3. */
int runner_stopped(const RunIO *io);

/* Records the new turns in io->transcript (if any). False when the write
 * failed: the message, naming the file, is on io->err. */
bool runner_sync(Session *s, const RunIO *io);

/*
 * Writes the transcript's closing part (complete, or paused with the
 * resume command printed). Returns the exit status: 0, or 3 when the
 * write failed.
 */
int runner_finish(Session *s, const RunIO *io, bool paused);

#endif
