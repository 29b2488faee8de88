/*
 * pipe: the line front end, for lines from a pipe or a file.
 *
 * Its output is text, one item per line, each line prefixed by its kind
 * (term.h, without colour nor wrapping), because the same lines drive a
 * session from a pipe, a file or a terminal. SIGTERM, SIGHUP and SIGINT
 * pause the session, as the end of input does.
 */
#include "pipe.h"

#include <signal.h>
#include <string.h>

#include "fileio.h"
#include "out.h"
#include "term.h"
#include "util.h"

/* The plain front end: its input, and its output as a Term without
 * colour or wrapping (term.h). */
typedef struct Plain {
	const RunIO *io;
	Term term;
} Plain;

static void plain_show(void *ctx, ShowKind kind, const char *text, const Request *r)
{
	const Plain *p = ctx;
	term_show(&p->term, kind, text, r);
}

/* Set by SIGTERM, SIGHUP or SIGINT: the session is paused, as at end of
 * input. */
static volatile sig_atomic_t stop_signal;

static const int stops[] = { SIGTERM, SIGHUP, SIGINT };

static void on_stop(int sig)
{
	stop_signal = sig;
}

/* The session's cfg.stopping: a busy session stops at its next step. */
static bool stopping(void)
{
	return stop_signal != 0;
}

/*
 * Catches SIGTERM, SIGHUP and SIGINT without SA_RESTART, so that a read
 * waiting on a quiet pipe returns, and work without input stops, and the
 * session is saved as paused, not killed with its closing part missing.
 * Keeps the previous actions in old.
 */
static void catch_stops(struct sigaction old[ARRAY_LEN(stops)])
{
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_stop;
	sigemptyset(&sa.sa_mask);
	stop_signal = 0;
	for (size_t i = 0; i < ARRAY_LEN(stops); i++)
		sigaction(stops[i], &sa, &old[i]);
}

static void release_stops(const struct sigaction old[ARRAY_LEN(stops)])
{
	for (size_t i = 0; i < ARRAY_LEN(stops); i++)
		sigaction(stops[i], &old[i], NULL);
}

/*
 * Reads one line into *line without its "\n" or "\r\n". Keeps at most
 * LOOP_MAX_LINE + 1 bytes of it, reading and dropping the rest, so that a line
 * without end never fills the memory: the loop then refuses it as
 * too long.
 */
static LineRead read_line(FILE *in, Buf *line)
{
	buf_clear(line);
	if (stop_signal)
		return LINE_END;
	int got = file_read_line(in, line, LOOP_MAX_LINE);
	if (stop_signal || got == 0)
		return LINE_END;
	return got < 0 ? LINE_ERROR : LINE_OK;
}

/* The plain front end's reading: "> ", then a line. */
static LineRead plain_read(void *ctx, const Request *r, Buf *line)
{
	const Plain *p = ctx;
	(void)r;
	out_puts("> ", p->io->out);
	fflush(p->io->out);
	return read_line(p->io->in, line);
}

int pipe_run(Session *s, const RunIO *io)
{
	Plain p = { io, { io->out, false, 0, session_dialogue(s)->lang, false } };
	FrontEnd plain = { plain_show, plain_read, &p };
	struct sigaction old[ARRAY_LEN(stops)];
	catch_stops(old);
	session_set_stopping(s, stopping);
	int status = loop_run(s, io, &plain);
	session_set_stopping(s, NULL);
	release_stops(old);
	return status;
}
