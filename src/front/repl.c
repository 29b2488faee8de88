/*
 * repl: the readline front end of loop_run.
 *
 * Lines are read with readline's callback interface: reading waits in
 * poll() on the terminal and on a self-pipe, so that a signal wakes it at
 * once. Signal handlers only set a flag and write a byte to the pipe; the
 * loop does the work: SIGINT clears the line, SIGWINCH tells readline and
 * the wrapping the new width, SIGTERM and SIGHUP pause the session as
 * Ctrl-D does, SIGTSTP gives the terminal back before stopping.
 * rl_catch_signals and rl_catch_sigwinch are off, so readline installs no
 * handler of its own.
 *
 * Privacy: add_history is never called and history.h is not included, so
 * no line is kept, let alone written to a file; readline only reads
 * ~/.inputrc. Readline echoes to io->out, which repl_fits requires to be
 * the terminal.
 *
 * Readline's state is global, so is this file's: one REPL at a time.
 */
#include "repl.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <readline/readline.h>

#include "i18n.h"
#include "out.h"
#include "term.h"
#include "utf8.h"
#include "util.h"

enum { DEFAULT_WIDTH = 80 };

static volatile sig_atomic_t got_int, got_winch, got_tstp, got_leave;
static int wake[2] = { -1, -1 };

/* What the line handler got: a line, or end of input (NULL). */
static bool got_line;
static char *typed;

/* The request being answered, for completion. */
static const Request *current;

/* Why the terminal could not be read (EIO), 0 when it could: readline
 * reports a failed read as the end of input, which would pause quietly. */
static int read_error;

static const int caught[] = { SIGINT, SIGWINCH, SIGTSTP, SIGTERM, SIGHUP };

typedef struct Repl {
	Session *s;
	const RunIO *io;
	Term term;
	struct sigaction old[ARRAY_LEN(caught)];
} Repl;

/* ---- signals ---- */

static void on_signal(int sig)
{
	int saved = errno;
	if (sig == SIGINT)
		got_int = 1;
	else if (sig == SIGWINCH)
		got_winch = 1;
	else if (sig == SIGTSTP)
		got_tstp = 1;
	else
		got_leave = 1;
	ssize_t n = write(wake[1], "", 1); /* a full pipe already wakes the loop */
	(void)n;
	errno = saved;
}

static void catch_signal(int sig, struct sigaction *old)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = 0; /* no SA_RESTART: poll returns at once */
	sigaction(sig, &sa, old);
}

static bool open_wake_pipe(void)
{
	if (pipe(wake) != 0)
		return false;
	for (int i = 0; i < 2; i++) {
		fcntl(wake[i], F_SETFL, fcntl(wake[i], F_GETFL) | O_NONBLOCK);
		fcntl(wake[i], F_SETFD, FD_CLOEXEC);
	}
	return true;
}

static void drain_wake_pipe(void)
{
	char sink[64];
	while (read(wake[0], sink, sizeof(sink)) > 0)
		;
}

static void catch_signals(Repl *R)
{
	got_int = got_winch = got_tstp = got_leave = 0;
	for (size_t i = 0; i < ARRAY_LEN(caught); i++)
		catch_signal(caught[i], &R->old[i]);
}

static void restore_signals(Repl *R)
{
	for (size_t i = 0; i < ARRAY_LEN(caught); i++)
		sigaction(caught[i], &R->old[i], NULL);
	close(wake[0]);
	close(wake[1]);
	wake[0] = wake[1] = -1;
}

/* The session's cfg.stopping: Ctrl-C, SIGTERM or SIGHUP while the session
 * works without input stops the work, and the session is saved paused. */
static bool stopping(void)
{
	return got_int || got_leave;
}

/* readline's rl_getc, keeping the error of a failed read. */
static int checked_getc(FILE *in)
{
	errno = 0;
	int c = rl_getc(in);
	if (c < 0 && errno != 0 && errno != EINTR && errno != EAGAIN)
		read_error = errno;
	return c;
}

/* ---- completion ---- */

/* Yields the names that start with text, one per call (state 0: anew). */
static char *next_command(const char *text, int state)
{
	static size_t i;
	if (state == 0)
		i = 0;
	for (const char *name; (name = loop_command_name(i)) != NULL;) {
		i++;
		if (str_starts(name, text))
			return xstrdup(name);
	}
	return NULL;
}

/* Whether label begins with text, case and accents aside. */
static bool label_starts(const char *label, const char *text)
{
	char *l = utf8_fold(label), *t = utf8_fold(text);
	bool yes = str_starts(l, t);
	free(t);
	free(l);
	return yes;
}

static char *next_label(const char *text, int state)
{
	static size_t i;
	if (state == 0)
		i = 0;
	while (i < current->nchoices) {
		const char *label = current->labels[i++];
		if (label_starts(label, text))
			return utf8_sanitize(label, strlen(label));
	}
	return NULL;
}

/*
 * The whole line is the word to complete (the word breaks are empty), as a
 * label holds spaces: "/" starts a command, anything else a choice label of
 * the question asked now. Never file names.
 */
static char **complete(const char *text, int start, int end)
{
	(void)end;
	rl_attempted_completion_over = 1;
	if (start == 0 && text[0] == '/') {
		rl_completion_append_character = ' ';
		return rl_completion_matches(text, next_command);
	}
	if (!current || current->kind != REQ_ANSWER || current->nchoices == 0)
		return NULL;
	rl_completion_append_character = '\0';
	return rl_completion_matches(text, next_label);
}

/* ---- one line asked before a session (the menu) ---- */

static const char *const *ask_words;
static size_t ask_nwords;

static char *next_word(const char *text, int state)
{
	static size_t i;
	if (state == 0)
		i = 0;
	while (i < ask_nwords) {
		const char *w = ask_words[i++];
		if (label_starts(w, text))
			return utf8_sanitize(w, strlen(w));
	}
	return NULL;
}

static char **complete_word(const char *text, int start, int end)
{
	(void)start, (void)end;
	rl_attempted_completion_over = 1;
	rl_completion_append_character = '\0';
	return rl_completion_matches(text, next_word);
}

char *repl_ask(const char *prompt, const char *const *words, size_t n)
{
	ask_words = words;
	ask_nwords = n;
	rl_readline_name = "tandem";
	rl_change_environment = 0; /* LINES and COLUMNS are not ours to set */
	rl_attempted_completion_function = complete_word;
	rl_completer_word_break_characters = "";
	rl_variable_bind("completion-ignore-case", "on");
	char *line = readline(prompt); /* no add_history: nothing typed is kept */
	rl_attempted_completion_function = NULL;
	ask_words = NULL;
	ask_nwords = 0;
	return line;
}

/* ---- reading a line ---- */

static void on_line(char *line)
{
	typed = line;
	got_line = true;
	rl_callback_handler_remove(); /* else readline shows the prompt again */
}

static void set_width(Repl *R)
{
	int rows = 0, cols = 0;
	rl_get_screen_size(&rows, &cols);
	term_set_width(&R->term, cols > 0 ? (size_t)cols : DEFAULT_WIDTH);
}

/* Ctrl-C: what was typed is dropped, a fresh prompt is shown. */
/* Ctrl-C: the line typed is dropped; on a line with nothing typed, where
 * a person reaches for Ctrl-C to leave, how to leave is said. */
static void clear_line(Repl *R)
{
	bool empty = rl_end == 0;
	rl_free_line_state();
	rl_callback_sigcleanup();
	rl_echo_signal_char(SIGINT);
	rl_replace_line("", 0);
	rl_point = rl_end = rl_mark = 0;
	rl_crlf();
	if (empty)
		term_show(&R->term, SHOW_INFO, msg(R->term.lang, MSG_HOW_TO_LEAVE), NULL);
	rl_on_new_line();
	rl_redisplay();
}

/* Ctrl-Z: the terminal as the shell expects it, then stop; back again,
 * readline's settings and the line as it was. */
static void suspend(void)
{
	rl_deprep_terminal();
	signal(SIGTSTP, SIG_DFL);
	raise(SIGTSTP);
	catch_signal(SIGTSTP, NULL);
	rl_prep_terminal(1);
	rl_forced_update_display();
}

/* Acts on the signals caught since the last look. False: leave. */
static bool handle_signals(Repl *R)
{
	if (got_leave)
		return false;
	if (got_winch) {
		got_winch = 0;
		rl_resize_terminal();
		set_width(R);
	}
	if (got_int) {
		got_int = 0;
		clear_line(R);
	}
	if (got_tstp) {
		got_tstp = 0;
		suspend();
	}
	return true;
}

/* Feeds readline until it has a line or end of input. False when a signal
 * or a failing terminal says to leave. */
static bool wait_line(Repl *R)
{
	int fd = fileno(R->io->in);
	while (!got_line) {
		if (!handle_signals(R))
			return false;
		struct pollfd p[2] = { { fd, POLLIN, 0 }, { wake[0], POLLIN, 0 } };
		if (poll(p, 2, -1) < 0) {
			if (errno == EINTR)
				continue;
			return false;
		}
		if (p[1].revents)
			drain_wake_pipe();
		/* A signal that came with the keys goes first: a resize before the
		 * Enter that prints at the new width. */
		if (!handle_signals(R))
			return false;
		if (p[0].revents & POLLNVAL)
			return false;
		if (p[0].revents & (POLLIN | POLLHUP | POLLERR))
			rl_callback_read_char();
	}
	return true;
}

/* The REPL's reading: the prompt for r, then a line edited with readline,
 * into *line. LINE_END at end of input, SIGTERM or SIGHUP; LINE_ERROR
 * (errno set) when the terminal could not be read. */
static LineRead repl_read(void *ctx, const Request *r, Buf *line)
{
	Repl *R = ctx;
	char *prompt = term_prompt(&R->term, r, session_nturns(R->s) + 1);
	current = r;
	got_line = false;
	typed = NULL;
	got_int = 0; /* a Ctrl-C between two prompts has no line to clear */
	rl_callback_handler_install(prompt, on_line);
	if (line->len) { /* the answer /back took back, ready to edit */
		rl_insert_text(buf_str(line));
		rl_redisplay();
	}
	bool ok = wait_line(R);
	rl_callback_handler_remove();
	current = NULL;
	free(prompt);
	buf_clear(line);
	if (ok && typed) {
		buf_adds(line, typed);
		free(typed);
		return LINE_OK;
	}
	free(typed);
	if (read_error) {
		errno = read_error;
		return LINE_ERROR;
	}
	return LINE_END;
}

/* The REPL's presentation: styled and wrapped (term.h). */
static void repl_show(void *ctx, ShowKind kind, const char *text, const Request *r)
{
	Repl *R = ctx;
	term_show(&R->term, kind, text, r);
}

static void setup_readline(Repl *R)
{
	rl_readline_name = "tandem";
	rl_instream = R->io->in;
	rl_outstream = R->io->out;
	rl_getc_function = checked_getc;
	rl_catch_signals = 0;
	rl_catch_sigwinch = 0;
	rl_change_environment = 0;
	rl_attempted_completion_function = complete;
	rl_completer_word_break_characters = "";
	rl_completer_quote_characters = NULL;
	rl_initialize();
	rl_variable_bind("completion-ignore-case", "on");
	set_width(R);
}

bool repl_fits(const RunIO *io)
{
	return isatty(fileno(io->in)) && isatty(fileno(io->out));
}

int repl_run(Session *s, const RunIO *io)
{
	Repl R = { .s = s, .io = io, .term = term_new(io->out) };
	R.term.prompted = true; /* term_prompt shows a scale's range */
	R.term.lang = session_dialogue(s)->lang;
	if (!open_wake_pipe()) {
		out_printf(io->err, _("tandem: cannot start the terminal front end (%s); "
		                 "reading plain lines\n"), strerror(errno));
		return REPL_UNAVAILABLE;
	}
	setup_readline(&R);
	read_error = 0;
	catch_signals(&R);
	session_set_stopping(s, stopping);
	FrontEnd fe = { repl_show, repl_read, &R };
	int status = loop_run(s, io, &fe);
	session_set_stopping(s, NULL);
	restore_signals(&R);
	return status;
}
