/*
 * loop: the one turn loop and the commands, which every front end shares.
 *
 * The loop is the one sessions.md describes: ask the session what it waits
 * for, show what it has to show, put the new turns on disk, and only then
 * read the next line, so that whatever was answered before a prompt
 * survives a crash. How a line is read and how an item looks is the front
 * end's (FrontEnd): the line front end (pipe.c) and the readline one
 * (repl.c) differ in nothing else, so a command behaves the same whichever
 * way the lines arrive.
 *
 * A session the engine stops (REQ_FAILED: a loop of set and next) keeps
 * every turn on disk but gets no closing part: it reads as interrupted,
 * like a crash, and `tandem resume` goes on with it once the dialogue is
 * fixed; marking it paused or complete would misstate what happened. The
 * status is 3. A failed write also stops the session with 3, after which
 * nothing more is written: what is on disk stays as it was.
 *
 * Privacy: answers are confidential. They go to the transcript and, on
 * request (/show), to io->out, which is the session's own screen; never to
 * io->err, which may be a log.
 */
#include "loop.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "exitcode.h"
#include "i18n.h"
#include "out.h"
#include "suggest.h"
#include "utf8.h"
#include "util.h"

/* ---- showing ---- */

/* One line from one of tandem's own messages, a printf format. */
static void out_line(FILE *f, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	out_vprintf(f, fmt, ap);
	va_end(ap);
	fputc('\n', f);
}

typedef struct ShowCtx {
	const RunIO *io;
	const Request *r;
	const FrontEnd *fe;
} ShowCtx;

/* The language of tandem's own words in this session: the dialogue's. */
static const char *lang_of(const Session *s)
{
	return session_dialogue(s)->lang;
}

/* An error goes to io->err whatever the front end; the rest to it. */
static void show_one(void *ctx, ShowKind kind, const char *text)
{
	const ShowCtx *c = ctx;
	if (kind == SHOW_ERROR)
		out_printf(c->io->err, "tandem: %s\n", text);
	else
		c->fe->show(c->fe->ctx, kind, text, c->r);
}

/* ---- the transcript ---- */

/* Says where the answers are, for a session that cannot go on. */
static void print_saved(const RunIO *io)
{
	if (io->transcript)
		out_printf(io->err, "tandem: the answers given so far are in '%s'%s%s\n",
		        transcript_path(io->transcript), io->resume_hint ? "; to go on: " : "",
		        io->resume_hint ? io->resume_hint : "");
}

static bool sync_turns(Session *s, const RunIO *io)
{
	char *err = NULL;
	if (!io->transcript || transcript_sync(io->transcript, s, &err))
		return true;
	out_printf(io->err, "tandem: %s; the session stops here\n", err);
	free(err);
	print_saved(io);
	return false;
}

static int finish(Session *s, const RunIO *io, bool paused)
{
	char *err = NULL;
	if (io->transcript && !transcript_finish(io->transcript, s, paused, &err)) {
		out_printf(io->err, "tandem: %s\n", err);
		free(err);
		print_saved(io);
		return EXIT_RUNTIME;
	}
	const char *lang = lang_of(s);
	if (paused) {
		out_puts(msg(lang, MSG_PAUSED), io->out);
		if (io->resume_hint)
			out_printf(io->out, msg(lang, MSG_TO_GO_ON), io->resume_hint);
		fputc('\n', io->out);
	} else if (io->transcript) {
		fputc('\n', io->out);
		out_printf(io->out, msg(lang, MSG_TRANSCRIPT_AT), transcript_path(io->transcript));
		fputc('\n', io->out);
	}
	fflush(io->out);
	return EXIT_OK;
}

/* ---- commands ---- */

/* What a line leaves the loop to do. */
typedef enum LineStep {
	STEP_NEXT,    /* show what is queued, sync, ask for the next line */
	STEP_PAUSE,   /* /pause: save and leave */
} LineStep;

typedef struct Command {
	const char *name;
	const char *args;    /* what follows the name, in /help; NULL: nothing */
	MsgId help;
	LineStep (*run)(Session *s, const RunIO *io, const Request *r, const char *arg);
} Command;

static LineStep command_help(Session *s, const RunIO *io, const Request *r, const char *arg);

static LineStep command_back(Session *s, const RunIO *io, const Request *r, const char *arg)
{
	(void)io, (void)r, (void)arg;
	session_back(s); /* when there is nothing to undo, the reason is queued */
	return STEP_NEXT;
}

static LineStep command_again(Session *s, const RunIO *io, const Request *r, const char *arg)
{
	(void)io, (void)r, (void)arg;
	session_again(s); /* outside practice, or nothing to try again: the reason is queued */
	return STEP_NEXT;
}

static LineStep command_skip(Session *s, const RunIO *io, const Request *r, const char *arg)
{
	(void)io, (void)r, (void)arg;
	session_skip(s); /* a required question: the reason is queued */
	return STEP_NEXT;
}

static LineStep command_note(Session *s, const RunIO *io, const Request *r, const char *arg)
{
	(void)r;
	if (!*arg) {
		out_printf(io->out, "! %s\n", msg(lang_of(s), MSG_NOTE_USAGE));
		return STEP_NEXT;
	}
	session_note(s, arg);
	out_printf(io->out, "%s\n", msg(lang_of(s), MSG_NOTE_KEPT));
	return STEP_NEXT;
}

static LineStep command_where(Session *s, const RunIO *io, const Request *r, const char *arg)
{
	(void)arg;
	const char *lang = lang_of(s);
	time_t elapsed = clock_now() - session_started(s);
	if (r->section)
		out_line(io->out, msg(lang, MSG_WHERE_SECTION), r->section);
	if (r->node)
		out_line(io->out, msg(lang, MSG_WHERE_NODE), r->node);
	out_line(io->out, msg(lang, MSG_WHERE_TURNS), session_nturns(s));
	out_line(io->out, msg(lang, MSG_WHERE_ELAPSED), (long long)(elapsed > 0 ? elapsed / 60 : 0));
	return STEP_NEXT;
}

typedef struct ShowAnswers {
	FILE *out;
	size_t count;
} ShowAnswers;

static void show_answer(void *ctx, const char *name, const Value *v)
{
	ShowAnswers *sa = ctx;
	char *text = val_to_text(v);
	char *clean = utf8_sanitize(text, strlen(text)); /* typed text may hold escapes */
	out_printf(sa->out, "%s: %s\n", name, clean);
	free(clean);
	free(text);
	sa->count++;
}

static LineStep command_show(Session *s, const RunIO *io, const Request *r, const char *arg)
{
	(void)r, (void)arg;
	ShowAnswers sa = { io->out, 0 };
	session_answers(s, show_answer, &sa);
	if (sa.count == 0)
		out_printf(io->out, "%s\n", msg(lang_of(s), MSG_NO_ANSWERS));
	return STEP_NEXT;
}

static LineStep command_pause(Session *s, const RunIO *io, const Request *r, const char *arg)
{
	(void)s, (void)io, (void)r, (void)arg;
	return STEP_PAUSE;
}

/* The one table of commands: /help lists it, completion reads it. */
static const Command commands[] = {
	{ "/help", NULL, MSG_HELP_HELP, command_help },
	{ "/back", NULL, MSG_HELP_BACK, command_back },
	{ "/again", NULL, MSG_HELP_AGAIN, command_again },
	{ "/skip", NULL, MSG_HELP_SKIP, command_skip },
	{ "/note", "TEXT", MSG_HELP_NOTE, command_note },
	{ "/where", NULL, MSG_HELP_WHERE, command_where },
	{ "/show", NULL, MSG_HELP_SHOW, command_show },
	{ "/pause", NULL, MSG_HELP_PAUSE, command_pause },
};

const char *loop_command_name(size_t i)
{
	return i < ARRAY_LEN(commands) ? commands[i].name : NULL;
}

static void help_choices(FILE *out, const Request *r, const char *lang)
{
	out_printf(out, "%s\n", msg(lang, MSG_HERE_CHOICES));
	for (size_t i = 0; i < r->nchoices; i++)
		out_printf(out, "  %zu) %s  [%s]\n", i + 1, r->labels[i], r->keys[i]);
	out_printf(out, "%s\n", msg(lang, MSG_HERE_CHOICE_HOW));
}

/* What the current request accepts. */
static void help_request(FILE *out, const Request *r, const char *lang)
{
	if (r->kind == REQ_CONTINUE)
		out_printf(out, "%s\n", msg(lang, MSG_HERE_ENTER));
	else if (r->kind == REQ_PHRASING)
		out_printf(out, "%s\n", msg(lang, MSG_HERE_PHRASING));
	if (r->kind != REQ_ANSWER)
		return;
	if (r->nchoices)
		help_choices(out, r, lang);
	else if (r->scale)
		out_line(out, msg(lang, MSG_HERE_SCALE), r->min, r->max);
	else
		out_printf(out, "%s\n", msg(lang, MSG_HERE_TEXT));
	if (r->optional)
		out_printf(out, "%s\n", msg(lang, MSG_HERE_OPTIONAL));
	if (r->ends_on_empty)
		out_printf(out, "%s\n", msg(lang, MSG_HERE_LIST_ENDS));
}

static LineStep command_help(Session *s, const RunIO *io, const Request *r, const char *arg)
{
	(void)arg;
	const char *lang = lang_of(s);
	out_printf(io->out, "%s\n", msg(lang, MSG_COMMANDS));
	for (size_t i = 0; i < ARRAY_LEN(commands); i++) {
		const Command *c = &commands[i];
		char head[32];
		snprintf(head, sizeof(head), "%s %s", c->name, c->args ? c->args : "");
		out_printf(io->out, "  %-12s %s\n", head, msg(lang, c->help));
	}
	out_printf(io->out, "  %-12s %s\n", "//TEXT", msg(lang, MSG_HELP_SLASH));
	help_request(io->out, r, lang);
	return STEP_NEXT;
}

static void unknown_command(FILE *out, const char *name, const char *lang)
{
	const char *names[ARRAY_LEN(commands)];
	for (size_t i = 0; i < ARRAY_LEN(commands); i++)
		names[i] = commands[i].name;
	const char *near = suggest(name, names, ARRAY_LEN(names));
	out_puts("! ", out);
	if (near)
		out_line(out, msg(lang, MSG_UNKNOWN_NEAR), name, near);
	else
		out_line(out, msg(lang, MSG_UNKNOWN_COMMAND), name);
}

static LineStep run_command(Session *s, const RunIO *io, const Request *r, const char *line)
{
	size_t n = strcspn(line, " \t");
	const char *arg = line + n + strspn(line + n, " \t");
	char *name = xstrndup(line, n);
	char *trimmed = xstrdup(arg);
	for (size_t len = strlen(trimmed); len && strchr(" \t", trimmed[len - 1]); len--)
		trimmed[len - 1] = '\0';
	LineStep step = STEP_NEXT;
	const Command *c = NULL;
	for (size_t i = 0; i < ARRAY_LEN(commands) && !c; i++)
		if (str_eq(name, commands[i].name))
			c = &commands[i];
	if (!c)
		unknown_command(io->out, name, lang_of(s));
	else if (!c->args && *trimmed) {
		out_puts("! ", io->out);
		out_line(io->out, msg(lang_of(s), MSG_NO_ARGUMENT), c->name);
	} else
		step = c->run(s, io, r, trimmed);
	fflush(io->out);
	free(trimmed);
	free(name);
	return step;
}

/* ---- lines ---- */

static LineStep take_line(Session *s, const RunIO *io, const Request *r, const char *line)
{
	if (line[0] == '/' && line[1] != '/')
		return run_command(s, io, r, line);
	const char *input = line[0] == '/' ? line + 1 : line;
	size_t bad;
	if (!utf8_valid(input, strlen(input), &bad)) {
		out_puts("! ", io->out);
		out_line(io->out, msg(lang_of(s), MSG_LINE_NOT_UTF8), bad + 1);
		return STEP_NEXT;
	}
	session_input(s, input); /* when not taken, the reason is queued */
	return STEP_NEXT;
}

static bool acceptable(const RunIO *io, const char *lang, const char *line, size_t n)
{
	if (n <= LOOP_MAX_LINE && strlen(line) == n)
		return true;
	out_puts("! ", io->out);
	if (n > LOOP_MAX_LINE)
		out_line(io->out, msg(lang, MSG_LINE_TOO_LONG), LOOP_MAX_LINE);
	else
		out_line(io->out, msg(lang, MSG_LINE_NUL));
	return false;
}

static int stopped_by_error(const RunIO *io)
{
	print_saved(io);
	return EXIT_RUNTIME;
}

/* The input broke (EIO: the terminal is gone, or the process was put in
 * the background): what was answered is saved, the session paused, and
 * the reason said; 3, since the person did not choose to stop. */
static int input_failed(Session *s, const RunIO *io, int err)
{
	out_printf(io->err, "tandem: cannot read the input: %s; the session is paused\n",
	           strerror(err));
	finish(s, io, true);
	return EXIT_RUNTIME;
}

/*
 * One turn of the loop: show, save, then prompt and read. Returns the exit
 * status when the session is over, -1 to go on.
 */
static int turn(Session *s, const RunIO *io, const FrontEnd *fe, Buf *line)
{
	const Request *r = session_request(s);
	ShowCtx c = { io, r, fe };
	session_flush(s, show_one, &c);
	fflush(io->out);
	fflush(io->err);
	if (!sync_turns(s, io))
		return EXIT_RUNTIME;
	if (r->kind == REQ_DONE)
		return finish(s, io, false);
	if (r->kind == REQ_FAILED)
		return stopped_by_error(io);
	if (r->kind == REQ_STOPPED)
		return finish(s, io, true);
	LineRead got = fe->read(fe->ctx, r, line);
	if (got != LINE_OK)
		fputc('\n', io->out);
	if (got == LINE_ERROR)
		return input_failed(s, io, errno);
	if (got == LINE_END)
		return finish(s, io, true);
	if (!acceptable(io, lang_of(s), buf_str(line), line->len))
		return -1;
	if (take_line(s, io, r, buf_str(line)) == STEP_PAUSE)
		return finish(s, io, true);
	return -1;
}

int loop_run(Session *s, const RunIO *io, const FrontEnd *fe)
{
	Buf line = { 0 };
	int status;
	while ((status = turn(s, io, fe, &line)) < 0)
		;
	buf_free(&line);
	return status;
}
