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
	if (io->transcript && io->resume_hint)
		out_printf(io->err, _("tandem: the answers given so far are in '%s'; to go on: %s\n"),
		           transcript_path(io->transcript), io->resume_hint);
	else if (io->transcript)
		out_printf(io->err, _("tandem: the answers given so far are in '%s'\n"),
		           transcript_path(io->transcript));
}

static bool sync_turns(Session *s, const RunIO *io)
{
	char *err = NULL;
	if (!io->transcript || transcript_sync(io->transcript, s, &err))
		return true;
	out_printf(io->err, _("tandem: %s; the session stops here\n"), err);
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

/* A line typed, and what it is handled with. */
typedef struct Line {
	Session *s;
	const RunIO *io;
	const FrontEnd *fe;
	const Request *r;
	const char *lang;    /* of tandem's words: the dialogue's */
	Buf *offer;          /* what the next prompt offers for editing: the
	                        answer /back took back */
} Line;

/* Shows one of tandem's own messages through the front end, as an item of
 * kind: SHOW_INVALID for what was refused, SHOW_INFO for the rest. */
static void say(const Line *l, ShowKind kind, const char *fmt, ...) PRINTF_LIKE(3, 4);

static void say(const Line *l, ShowKind kind, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *text = xvasprintf(fmt, ap);
	va_end(ap);
	l->fe->show(l->fe->ctx, kind, text, NULL);
	free(text);
}

typedef struct Command {
	const char *name;
	const char *args;    /* what follows the name, in /help; NULL: nothing */
	MsgId help;
	LineStep (*run)(const Line *l, const char *arg);
} Command;

static LineStep command_help(const Line *l, const char *arg);

static LineStep command_back(const Line *l, const char *arg)
{
	(void)arg;
	size_t n = session_nturns(l->s);
	char *input = n && session_turn(l->s, n - 1)->input
	            ? xstrdup(session_turn(l->s, n - 1)->input) : NULL;
	/* When there is nothing to undo, the reason is queued; else the answer
	 * taken back is offered on the line, to be edited rather than typed. */
	if (session_back(l->s) && input && session_nturns(l->s) == n - 1) {
		buf_clear(l->offer);
		buf_adds(l->offer, input);
	}
	free(input);
	return STEP_NEXT;
}

static LineStep command_again(const Line *l, const char *arg)
{
	(void)arg;
	session_again(l->s); /* outside practice, or nothing to try again: the reason is queued */
	return STEP_NEXT;
}

static LineStep command_skip(const Line *l, const char *arg)
{
	(void)arg;
	session_skip(l->s); /* a required question: the reason is queued */
	return STEP_NEXT;
}

static LineStep command_note(const Line *l, const char *arg)
{
	if (!*arg) {
		say(l, SHOW_INVALID, "%s", msg(l->lang, MSG_NOTE_USAGE));
		return STEP_NEXT;
	}
	session_note(l->s, arg);
	say(l, SHOW_INFO, "%s", msg(l->lang, MSG_NOTE_KEPT));
	return STEP_NEXT;
}

static LineStep command_where(const Line *l, const char *arg)
{
	(void)arg;
	time_t elapsed = clock_now() - session_started(l->s);
	Buf b = { 0 };
	if (l->r->section) {
		buf_printf(&b, msg(l->lang, MSG_WHERE_SECTION), l->r->section);
		buf_addc(&b, '\n');
	}
	if (l->r->kind == REQ_ANSWER && l->r->prompt && *l->r->prompt) {
		/* the question as asked, not its node's id */
		buf_printf(&b, msg(l->lang, MSG_WHERE_NODE), l->r->prompt);
		buf_addc(&b, '\n');
	}
	buf_printf(&b, msg(l->lang, MSG_WHERE_TURNS), session_nturns(l->s) + 1);
	buf_addc(&b, '\n');
	buf_printf(&b, msg(l->lang, MSG_WHERE_ELAPSED),
	           (long long)(elapsed > 0 ? elapsed / 60 : 0));
	say(l, SHOW_INFO, "%s", buf_str(&b));
	buf_free(&b);
	return STEP_NEXT;
}

/* /show: each answer so far under the question as it was asked, in the
 * order given (an answer taken back with /back is gone). */
static LineStep command_show(const Line *l, const char *arg)
{
	(void)arg;
	Buf b = { 0 };
	for (size_t i = 0; i < session_nturns(l->s); i++) {
		const Turn *t = session_turn(l->s, i);
		if (t->answer.kind == VAL_UNSET || !t->prompt)
			continue;
		char *text = val_to_text(&t->answer);
		buf_printf(&b, "%s%s\n  %s", b.len ? "\n" : "", t->prompt, text);
		free(text);
	}
	say(l, SHOW_INFO, "%s", b.len ? buf_str(&b) : msg(l->lang, MSG_NO_ANSWERS));
	buf_free(&b);
	return STEP_NEXT;
}

static LineStep command_pause(const Line *l, const char *arg)
{
	(void)l, (void)arg;
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

/* What the current request accepts, line after line into b. */
static void help_request(Buf *b, const Request *r, const char *lang)
{
	if (r->kind == REQ_CONTINUE)
		buf_printf(b, "%s\n", msg(lang, MSG_HERE_ENTER));
	else if (r->kind == REQ_PHRASING)
		buf_printf(b, "%s\n", msg(lang, MSG_HERE_PHRASING));
	if (r->kind != REQ_ANSWER)
		return;
	if (r->nchoices) {
		buf_printf(b, "%s\n", msg(lang, MSG_HERE_CHOICES));
		for (size_t i = 0; i < r->nchoices; i++)
			buf_printf(b, "  %zu) %s  [%s]\n", i + 1, r->labels[i], r->keys[i]);
		buf_printf(b, "%s\n", msg(lang, MSG_HERE_CHOICE_HOW));
	} else if (r->scale) {
		buf_printf(b, msg(lang, MSG_HERE_SCALE), r->min, r->max);
		buf_addc(b, '\n');
	} else {
		buf_printf(b, "%s\n", msg(lang, MSG_HERE_TEXT));
	}
	if (r->optional)
		buf_printf(b, "%s\n", msg(lang, MSG_HERE_OPTIONAL));
	if (r->ends_on_empty)
		buf_printf(b, "%s\n", msg(lang, MSG_HERE_LIST_ENDS));
}

static LineStep command_help(const Line *l, const char *arg)
{
	(void)arg;
	Buf b = { 0 };
	buf_printf(&b, "%s\n", msg(l->lang, MSG_COMMANDS));
	for (size_t i = 0; i < ARRAY_LEN(commands); i++) {
		const Command *c = &commands[i];
		char head[32];
		snprintf(head, sizeof(head), "%s %s", c->name, c->args ? c->args : "");
		buf_printf(&b, "  %-12s %s\n", head, msg(l->lang, c->help));
	}
	buf_printf(&b, "  %-12s %s\n", "//TEXT", msg(l->lang, MSG_HELP_SLASH));
	help_request(&b, l->r, l->lang);
	b.len--; /* the last newline: an item's end is the front end's */
	say(l, SHOW_INFO, "%s", buf_str(&b));
	buf_free(&b);
	return STEP_NEXT;
}

static void unknown_command(const Line *l, const char *name)
{
	const char *names[ARRAY_LEN(commands)];
	for (size_t i = 0; i < ARRAY_LEN(commands); i++)
		names[i] = commands[i].name;
	const char *near = suggest(name, names, ARRAY_LEN(names));
	if (near)
		say(l, SHOW_INVALID, msg(l->lang, MSG_UNKNOWN_NEAR), name, near);
	else
		say(l, SHOW_INVALID, msg(l->lang, MSG_UNKNOWN_COMMAND), name);
}

static LineStep run_command(const Line *l, const char *line)
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
		unknown_command(l, name);
	else if (!c->args && *trimmed)
		say(l, SHOW_INVALID, msg(l->lang, MSG_NO_ARGUMENT), c->name);
	else
		step = c->run(l, trimmed);
	fflush(l->io->out);
	free(trimmed);
	free(name);
	return step;
}

/* ---- lines ---- */

static LineStep take_line(const Line *l, const char *line)
{
	/* A command typed after a few spaces is still a command. */
	const char *lead = line + strspn(line, " \t");
	if (lead[0] == '/' && lead[1] != '/')
		return run_command(l, lead);
	const char *input = line[0] == '/' ? line + 1 : line;
	size_t bad;
	if (!utf8_valid(input, strlen(input), &bad)) {
		say(l, SHOW_INVALID, msg(l->lang, MSG_LINE_NOT_UTF8), bad + 1);
		return STEP_NEXT;
	}
	session_input(l->s, input); /* when not taken, the reason is queued */
	return STEP_NEXT;
}

static bool acceptable(const Line *l, const char *text, size_t n)
{
	if (n <= LOOP_MAX_LINE && strlen(text) == n)
		return true;
	if (n > LOOP_MAX_LINE)
		say(l, SHOW_INVALID, msg(l->lang, MSG_LINE_TOO_LONG), LOOP_MAX_LINE);
	else
		say(l, SHOW_INVALID, "%s", msg(l->lang, MSG_LINE_NUL));
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
	out_printf(io->err, _("tandem: cannot read the input: %s; the session is paused\n"),
	           strerror(err));
	finish(s, io, true);
	return EXIT_RUNTIME;
}

/*
 * One turn of the loop: show, save, then prompt and read. Returns the exit
 * status when the session is over, -1 to go on.
 */
static int turn(Session *s, const RunIO *io, const FrontEnd *fe, Buf *line, Buf *offer)
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
	buf_clear(line);
	buf_adds(line, buf_str(offer));
	buf_clear(offer);
	LineRead got = fe->read(fe->ctx, r, line);
	if (got != LINE_OK)
		fputc('\n', io->out);
	if (got == LINE_ERROR)
		return input_failed(s, io, errno);
	if (got == LINE_END)
		return finish(s, io, true);
	Line l = { s, io, fe, r, lang_of(s), offer };
	if (!acceptable(&l, buf_str(line), line->len))
		return -1;
	if (take_line(&l, buf_str(line)) == STEP_PAUSE)
		return finish(s, io, true);
	return -1;
}

int loop_run(Session *s, const RunIO *io, const FrontEnd *fe)
{
	Buf line = { 0 }, offer = { 0 };
	int status;
	while ((status = turn(s, io, fe, &line, &offer)) < 0)
		;
	buf_free(&line);
	buf_free(&offer);
	return status;
}
