/*
 * The REPL through a pseudo-terminal: the real binary ($TANDEM, set by
 * tests/run) runs on a pty as it would in a coach's terminal, keys are
 * typed into it and what it shows is read back, escape sequences aside.
 *
 * Test plan: answers typed; tab completion of a choice label and of a
 * command; Ctrl-C on a half-typed line; Ctrl-D, SIGTERM and SIGHUP pause;
 * a resumed session ends like an uninterrupted one (when the binary has
 * `resume`); a resize re-wraps; colour only where it belongs; no history
 * file in $HOME; with standard output not a terminal, no answer is echoed
 * into it; `tandem forget` erases only once the client's name is typed
 * again (case and accents aside), and `forget --expired` once the number
 * of clients listed is.
 *
 * Every wait has a deadline, so a stuck program fails its test instead of
 * hanging the suite; a child still alive at the end is killed. Without
 * $TANDEM, or where the system has no pseudo-terminal, they are skipped.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <poll.h>
#include <pty.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "utf8.h"
#include "util.h"

#define BASICS "tests/e2e/dialogues/basics.yaml"
#define WRAP "tests/pty/wrap.yaml"
#define NOW "2026-11-23T10:00:00Z"
#define CTRL_C "\x03"
#define CTRL_D "\x04"
#define TAB "\t"

enum { WAIT_MS = 8000 };

typedef struct Pty {
	pid_t pid;        /* 0: no child */
	int fd;
	Buf raw;          /* all the child wrote */
	size_t mark;      /* in the plain text: where the next expect looks */
	int status;
} Pty;

typedef struct Fixture {
	char dir[64];
	char *home, *journal, *out;
	Pty p;
} Fixture;

typedef struct Env {
	const char *term;
	bool no_color;
	unsigned short cols;
	const char *stdout_file;  /* NULL: the pty */
	bool background;          /* tandem in a process group of its own, ignoring
	                             SIGTTIN: its reads of the terminal fail (EIO) */
	const char *lang;         /* LANG; NULL: C.UTF-8 */
} Env;

static const Env plain_xterm = { "xterm", false, 80, NULL, false, NULL };

static long long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* ---- the child ---- */

static void child_env(const Fixture *f, const Env *e)
{
	setenv("HOME", f->home, 1);
	/* the key of whoever runs the tests is not the session's */
	char *config = xasprintf("%s/.config", f->home);
	setenv("XDG_CONFIG_HOME", config, 1);
	free(config);
	setenv("TANDEM_HOME", f->journal, 1);
	setenv("TANDEM_NOW", NOW, 1);
	setenv("LANG", e->lang ? e->lang : "C.UTF-8", 1);
	unsetenv("LANGUAGE");
	unsetenv("LC_MESSAGES");
	unsetenv("LC_ALL");
	unsetenv("TANDEM_PATH");
	unsetenv("TANDEM_PASSPHRASE");
	unsetenv("TANDEM_NEW_PASSPHRASE");
	unsetenv("INPUTRC");
	setenv("TERM", e->term, 1);
	if (e->no_color)
		setenv("NO_COLOR", "1", 1);
	else
		unsetenv("NO_COLOR");
	if (e->stdout_file) {
		int fd = open(e->stdout_file, O_WRONLY | O_CREAT | O_TRUNC, 0600);
		if (fd < 0 || dup2(fd, STDOUT_FILENO) < 0)
			_exit(126);
		close(fd);
	}
}

/* In the child of forkpty (a session leader, which cannot leave its process
 * group): forks again, the grandchild goes on in a group of its own in the
 * background, the child waits and exits with its status. */
static void background(void)
{
	pid_t g = fork();
	if (g == 0) {
		setpgid(0, 0);
		signal(SIGTTIN, SIG_IGN);
		signal(SIGTTOU, SIG_IGN);
		return;
	}
	int st;
	waitpid(g, &st, 0);
	_exit(g > 0 && WIFEXITED(st) ? WEXITSTATUS(st) : 126);
}

/* Starts $TANDEM with args (NULL-terminated) on a new pty. */
static void spawn(Fixture *f, const Env *e, const char *const *args)
{
	const char *tandem = getenv("TANDEM");
	const char *argv[16] = { tandem };
	size_t n = 1;
	while (args[n - 1] && n < ARRAY_LEN(argv) - 1) {
		argv[n] = args[n - 1];
		n++;
	}
	argv[n] = NULL;
	struct winsize ws = { .ws_row = 24, .ws_col = e->cols };
	Pty *p = &f->p;
	if (p->fd > 0) /* a test that spawns again, after finish */
		close(p->fd);
	buf_free(&p->raw);
	*p = (Pty){ 0 };
	p->pid = forkpty(&p->fd, NULL, NULL, &ws);
	assert_true(p->pid >= 0);
	if (p->pid == 0) {
		child_env(f, e);
		if (e->background)
			background();
		execv(tandem, (char *const *)argv);
		_exit(127);
	}
	fcntl(p->fd, F_SETFL, fcntl(p->fd, F_GETFL) | O_NONBLOCK);
}

/* Reads what the child wrote, waiting up to ms. False at end of output. */
static bool pump(Pty *p, int ms)
{
	struct pollfd pfd = { p->fd, POLLIN, 0 };
	if (poll(&pfd, 1, ms) <= 0)
		return true;
	char chunk[4096];
	ssize_t n = read(p->fd, chunk, sizeof(chunk));
	if (n > 0) {
		buf_add(&p->raw, chunk, (size_t)n);
		return true;
	}
	return n < 0 && (errno == EAGAIN || errno == EINTR);
}

/* The output as a person reads it: escape sequences, \r and readline's
 * invisible-text brackets removed. The caller frees it. */
static char *plain(const Pty *p)
{
	char *s = utf8_sanitize(buf_str(&p->raw), p->raw.len);
	size_t j = 0;
	for (size_t i = 0; s[i]; i++)
		if (s[i] != '\r')
			s[j++] = s[i];
	s[j] = '\0';
	return s;
}

/* Where want is in the plain output after the mark, or NULL; *text is
 * the plain output, which the caller frees. */
static const char *find(const Pty *p, const char *want, char **text)
{
	*text = plain(p);
	return strstr(*text + p->mark, want);
}

/* Waits until the plain output holds want after the mark; moves the mark
 * past it. Returns the plain text from the old mark to the end of want. */
static char *expect(Pty *p, const char *want)
{
	long long deadline = now_ms() + WAIT_MS;
	char *text;
	const char *hit;
	while (!(hit = find(p, want, &text))) {
		if (now_ms() > deadline || !pump(p, 50)) {
			free(text);
			if ((hit = find(p, want, &text)))
				break;
			fail_msg("waited for '%s'; the screen after the last match:\n%s", want,
			         text + p->mark);
		}
		free(text);
	}
	size_t end = (size_t)(hit - text) + strlen(want);
	char *seen = xstrndup(text + p->mark, end - p->mark);
	p->mark = end;
	free(text);
	return seen;
}

static void expect_drop(Pty *p, const char *want)
{
	free(expect(p, want));
}

static void type(Pty *p, const char *keys)
{
	size_t n = strlen(keys);
	while (n) {
		ssize_t w = write(p->fd, keys, n);
		if (w < 0 && (errno == EAGAIN || errno == EINTR))
			continue;
		assert_true(w > 0);
		keys += w, n -= (size_t)w;
	}
}

/* Waits for the child's exit (reading its output meanwhile); its status. */
static int finish(Pty *p)
{
	long long deadline = now_ms() + WAIT_MS;
	int st;
	while (waitpid(p->pid, &st, WNOHANG) == 0) {
		if (now_ms() > deadline) {
			kill(p->pid, SIGKILL);
			waitpid(p->pid, &st, 0);
			p->pid = 0;
			fail_msg("tandem did not exit in time");
		}
		pump(p, 20);
	}
	for (;;) { /* what it wrote last */
		struct pollfd pfd = { p->fd, POLLIN, 0 };
		if (poll(&pfd, 1, 0) <= 0 || !pump(p, 0))
			break;
	}
	p->pid = 0;
	assert_true(WIFEXITED(st));
	return WEXITSTATUS(st);
}

/* ---- fixtures ---- */

static int rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st, (void)flag, (void)ftw;
	return remove(path);
}

static int setup(void **state)
{
	Fixture *f = xcalloc(1, sizeof(*f));
	strcpy(f->dir, "/tmp/tandem-pty-XXXXXX");
	if (!mkdtemp(f->dir))
		return -1;
	f->home = xasprintf("%s/home", f->dir);
	f->journal = xasprintf("%s/journal", f->dir);
	f->out = xasprintf("%s/t.yaml", f->dir);
	mkdir(f->home, 0700);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	Fixture *f = *state;
	if (f->p.pid > 0) {
		kill(f->p.pid, SIGKILL);
		waitpid(f->p.pid, NULL, 0);
	}
	if (f->p.fd > 0)
		close(f->p.fd);
	buf_free(&f->p.raw);
	nftw(f->dir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
	free(f->home);
	free(f->journal);
	free(f->out);
	free(f);
	return 0;
}

/* A fresh Pty for a second program in the same test. */
static void next_program(Fixture *f)
{
	close(f->p.fd);
	buf_free(&f->p.raw);
	f->p = (Pty){ 0 };
}

static char *read_file(const char *path)
{
	FILE *in = fopen(path, "r");
	if (!in)
		fail_msg("no file '%s'", path);
	Buf b = { 0 };
	char chunk[4096];
	size_t n;
	while ((n = fread(chunk, 1, sizeof(chunk), in)) > 0)
		buf_add(&b, chunk, n);
	fclose(in);
	return buf_take(&b);
}

static void assert_contains(const char *text, const char *want)
{
	if (!strstr(text, want))
		fail_msg("'%s' not found in:\n%s", want, text);
}

static void assert_lacks(const char *text, const char *unwanted)
{
	if (strstr(text, unwanted))
		fail_msg("'%s' found in:\n%s", unwanted, text);
}

/* A binary to drive, and a system that has pseudo-terminals. */
static bool need_tandem(void)
{
	const char *t = getenv("TANDEM");
	if (!t || !*t || access(t, X_OK) != 0)
		return false;
	int fd = posix_openpt(O_RDWR | O_NOCTTY);
	if (fd < 0)
		return false;
	close(fd);
	return true;
}

#define NEED_TANDEM() \
	do { \
		if (!need_tandem()) \
			skip(); \
	} while (0)

static void run_basics(Fixture *f, const Env *e)
{
	const char *args[] = { "run", BASICS, "--client", "Alice", "--seed", "1",
	                       "--out", f->out, NULL };
	spawn(f, e, args);
}

/* From the start of basics to the tone question, answered by completion. */
static void answer_to_tone(Pty *p)
{
	expect_drop(p, "Welcome, Alice.");
	expect_drop(p, "(Enter)> ");
	type(p, "\r");
	expect_drop(p, "What should I call you?");
	expect_drop(p, "> ");
	type(p, "Ann\r");
	expect_drop(p, "(1-10)> ");
	type(p, "7\r");
	expect_drop(p, "3) Yes, whatever works");
	expect_drop(p, "(1-3)> ");
}

/* ---- the tests ---- */

static void typed_answers_complete_the_session(void **state)
{
	NEED_TANDEM();
	Fixture *f = *state;
	Pty *p = &f->p;
	run_basics(f, &plain_xterm);
	answer_to_tone(p);
	type(p, "2\r");
	expect_drop(p, "Where shall we start?");
	expect_drop(p, "(1-2)> ");
	type(p, "1\r");
	expect_drop(p, "What goal do you have in mind?");
	expect_drop(p, "> ");
	type(p, "Finish my thesis\r");
	expect_drop(p, "Which postcode");
	expect_drop(p, "> ");
	type(p, "750\r");
	expect_drop(p, "Five digits, please.");
	expect_drop(p, "> ");
	type(p, "75011\r");
	expect_drop(p, "(optional)> ");
	type(p, "\r");
	expect_drop(p, "Thank you, Ann. See you soon.");
	assert_int_equal(finish(p), 0);
	char *t = read_file(f->out);
	assert_contains(t, "status: complete");
	assert_contains(t, "  name: \"Ann\"\n  energy: 7\n  tone: \"direct\"\n  path: \"goal\"\n"
	                   "  goal: \"Finish my thesis\"\n  code: \"75011\"\n");
	free(t);
}

static void tab_completes_a_choice_label(void **state)
{
	NEED_TANDEM();
	Fixture *f = *state;
	Pty *p = &f->p;
	run_basics(f, &plain_xterm);
	answer_to_tone(p);
	type(p, "dir" TAB);
	expect_drop(p, "Direct and challenging");
	type(p, "\r");
	expect_drop(p, "Where shall we start?");
	expect_drop(p, "(1-2)> ");
	type(p, CTRL_D);
	expect_drop(p, "Session paused.");
	assert_int_equal(finish(p), 0);
	char *t = read_file(f->out);
	assert_contains(t, "    answer: \"direct\"\n    input: \"Direct and challenging\"\n");
	free(t);
}

static void tab_completes_a_command(void **state)
{
	NEED_TANDEM();
	Fixture *f = *state;
	Pty *p = &f->p;
	run_basics(f, &plain_xterm);
	expect_drop(p, "(Enter)> ");
	type(p, "/wh" TAB);
	expect_drop(p, "/where ");
	type(p, "\r");
	expect_drop(p, "section: Opening");
	expect_drop(p, "turn: 1");
	expect_drop(p, "(Enter)> ");
	type(p, CTRL_D);
	assert_int_equal(finish(p), 0);
}

/* Ctrl-C drops the line being typed; on an empty line it says how to
 * leave (Ctrl-D or /pause), and leaves nothing out. */
static void ctrl_c_drops_the_half_typed_line(void **state)
{
	NEED_TANDEM();
	Fixture *f = *state;
	Pty *p = &f->p;
	run_basics(f, &plain_xterm);
	expect_drop(p, "(Enter)> ");
	type(p, "\r");
	expect_drop(p, "What should I call you?");
	expect_drop(p, "> ");
	type(p, "Bobby");
	expect_drop(p, "Bobby");
	type(p, CTRL_C);
	expect_drop(p, "[Opening #2]> ");
	char *screen = plain(p);
	assert_lacks(screen, "To leave"); /* a line was typed: Ctrl-C only drops it */
	free(screen);
	type(p, CTRL_C); /* on the empty line: how to leave */
	expect_drop(p, "To leave, press Ctrl-D or type /pause");
	expect_drop(p, "[Opening #2]> ");
	type(p, "Ann\r");
	expect_drop(p, "How is your energy today?");
	expect_drop(p, "(1-10)> ");
	type(p, CTRL_D);
	expect_drop(p, "Session paused.");
	assert_int_equal(finish(p), 0);
	char *t = read_file(f->out);
	assert_contains(t, "    answer: \"Ann\"\n");
	assert_lacks(t, "Bobby");
	assert_contains(t, "status: paused");
	free(t);
}

/* A transcript with an error, resumed at a terminal: the diagnostic names
 * the place but never quotes the line, which holds a client's words (a
 * dialogue's lines are quoted under their errors, a transcript's not). */
static void transcript_errors_quote_nothing(void **state)
{
	NEED_TANDEM();
	Fixture *f = *state;
	FILE *t = fopen(f->out, "w");
	assert_non_null(t);
	fprintf(t, "tandem-transcript: 1\n"
	           "dialogue: {id: basics, title: \"Basics\", lang: en, file: \"%s\"}\n"
	           "mode: coach\nseed: 1\nstarted: 2026-11-23T10:00:00Z\nturns:\n"
	           "  - node: name\n    kind: ask\n    prompt: \"Name?\"\n"
	           "    answer: \"my secret words\"\n    answer: \"more secret words\"\n"
	           "    at: 2026-11-23T10:01:00Z\n", BASICS);
	fclose(t);
	const char *args[] = { "resume", f->out, NULL };
	spawn(f, &plain_xterm, args);
	expect_drop(&f->p, "error:");
	assert_int_not_equal(finish(&f->p), 0);
	char *screen = plain(&f->p);
	assert_lacks(screen, "secret");
	free(screen);
}

static void ctrl_d_pauses(void **state)
{
	NEED_TANDEM();
	Fixture *f = *state;
	Pty *p = &f->p;
	run_basics(f, &plain_xterm);
	answer_to_tone(p);
	type(p, CTRL_D);
	char *seen = expect(p, "Session paused.");
	free(seen);
	expect_drop(p, "tandem resume ");
	expect_drop(p, f->out);
	assert_int_equal(finish(p), 0);
	char *t = read_file(f->out);
	assert_contains(t, "  energy: 7\n");
	assert_lacks(t, "tone:");
	assert_contains(t, "status: paused");
	free(t);
}

/* Pauses at a prompt by signal sig. */
static void signal_pauses(Fixture *f, int sig)
{
	Pty *p = &f->p;
	run_basics(f, &plain_xterm);
	expect_drop(p, "(Enter)> ");
	type(p, "\r");
	expect_drop(p, "What should I call you?");
	expect_drop(p, "> ");
	type(p, "Ann\r");
	expect_drop(p, "(1-10)> ");
	type(p, "6");
	expect_drop(p, "6");
	kill(p->pid, sig);
	expect_drop(p, "Session paused.");
	assert_int_equal(finish(p), 0);
	char *t = read_file(f->out);
	assert_contains(t, "  name: \"Ann\"\n");
	assert_lacks(t, "energy:");
	assert_contains(t, "status: paused");
	free(t);
}

static void sigterm_pauses(void **state)
{
	NEED_TANDEM();
	signal_pauses(*state, SIGTERM);
}

static void sighup_pauses(void **state)
{
	NEED_TANDEM();
	signal_pauses(*state, SIGHUP);
}

/*
 * The terminal cannot be read (EIO): tandem is started in a process group
 * of its own, in the background of the pty, ignoring SIGTTIN, so that its
 * first read of the terminal fails as when the terminal is gone. The
 * session is saved paused, with the reason said, and exits 3: a broken
 * input is not the person's choice to stop.
 */
static void read_error_stops_with_3(void **state)
{
	NEED_TANDEM();
	Fixture *f = *state;
	Pty *p = &f->p;
	const Env behind = { "xterm", false, 80, NULL, true, NULL };
	run_basics(f, &behind);
	expect_drop(p, "(Enter)> ");
	type(p, "\r");
	expect_drop(p, "cannot read the input");
	assert_int_equal(finish(p), 3);
	char *t = read_file(f->out);
	assert_contains(t, "status: paused");
	free(t);
}

/* Whether this tandem has `resume` yet. */
static bool has_resume(Fixture *f)
{
	const char *args[] = { "resume", NULL };
	spawn(f, &plain_xterm, args);
	int status = finish(&f->p);
	char *text = plain(&f->p);
	bool yes = !strstr(text, "unknown command");
	free(text);
	next_program(f);
	return yes && status != 127;
}

/* The rest of basics after the tone question, down the goal branch. */
static void answer_from_tone(Pty *p)
{
	type(p, "2\r");
	expect_drop(p, "(1-2)> ");
	type(p, "1\r");
	expect_drop(p, "What goal");
	expect_drop(p, "> ");
	type(p, "Finish my thesis\r");
	expect_drop(p, "Which postcode");
	expect_drop(p, "> ");
	type(p, "75011\r");
	expect_drop(p, "(optional)> ");
	type(p, "\r");
	expect_drop(p, "See you soon.");
	assert_int_equal(finish(p), 0);
}

/* The transcript from its turns on: what a resume must reproduce. */
static char *turns_part(const char *path)
{
	char *t = read_file(path);
	char *from = strstr(t, "\nturns:");
	assert_non_null(from);
	char *part = xstrdup(from);
	free(t);
	return part;
}

static void resume_ends_like_an_uninterrupted_run(void **state)
{
	NEED_TANDEM();
	Fixture *f = *state;
	if (!has_resume(f))
		skip(); /* `tandem resume` is not in this build yet */
	Pty *p = &f->p;
	run_basics(f, &plain_xterm);
	answer_to_tone(p);
	answer_from_tone(p);
	char *whole = turns_part(f->out);
	unlink(f->out);
	next_program(f);

	run_basics(f, &plain_xterm);
	answer_to_tone(p);
	type(p, CTRL_D);
	expect_drop(p, "Session paused.");
	assert_int_equal(finish(p), 0);
	next_program(f);

	const char *args[] = { "resume", f->out, NULL };
	spawn(f, &plain_xterm, args);
	expect_drop(p, "(1-3)> ");
	answer_from_tone(p);
	char *resumed = turns_part(f->out);
	assert_string_equal(resumed, whole);
	free(resumed);
	free(whole);
}

/* The widest line of text, in columns. */
static size_t widest(const char *text)
{
	size_t most = 0;
	for (const char *p = text; *p;) {
		size_t n = strcspn(p, "\n");
		size_t w = utf8_width(p, n);
		if (w > most)
			most = w;
		p += n + (p[n] == '\n');
	}
	return most;
}

static void resize_rewraps(void **state)
{
	NEED_TANDEM();
	Fixture *f = *state;
	Pty *p = &f->p;
	const Env narrow = { "xterm", false, 40, NULL, false, NULL };
	const char *args[] = { "run", WRAP, "--out", f->out, NULL };
	spawn(f, &narrow, args);
	expect_drop(p, "ALPHA");
	char *first = expect(p, "OMEGA");
	assert_in_range(widest(first), 30, 40);
	free(first);
	expect_drop(p, "(Enter)> ");
	struct winsize ws = { .ws_row = 24, .ws_col = 100 };
	assert_int_equal(ioctl(p->fd, TIOCSWINSZ, &ws), 0);
	type(p, "\r");
	expect_drop(p, "BETA");
	char *second = expect(p, "GAMMA");
	assert_in_range(widest(second), 41, 100);
	free(second);
	expect_drop(p, "(Enter)> ");
	type(p, CTRL_D);
	assert_int_equal(finish(p), 0);
}

/* `tandem list` wraps the summaries at a terminal's width. */
static void list_wraps_at_the_terminal(void **state)
{
	NEED_TANDEM();
	Fixture *f = *state;
	const Env narrow = { "xterm", false, 60, NULL, false, NULL };
	const char *args[] = { "list", NULL };
	spawn(f, &narrow, args);
	assert_int_equal(finish(&f->p), 0);
	char *text = plain(&f->p);
	assert_contains(text, "discovery");
	assert_contains(text, "framing");
	assert_in_range(widest(text), 40, 60);
	free(text);
}

/* Whether raw output holds an SGR sequence (ESC [ digits ; m). */
static bool has_sgr(const Buf *raw)
{
	const char *s = buf_str(raw);
	for (const char *e = strchr(s, '\x1b'); e; e = strchr(e + 1, '\x1b')) {
		if (e[1] != '[')
			continue;
		size_t k = strspn(e + 2, "0123456789;");
		if (e[2 + k] == 'm')
			return true;
	}
	return false;
}

/* Runs basics to the tone question and pauses; whether it was coloured. */
static bool coloured(Fixture *f, const Env *e)
{
	run_basics(f, e);
	answer_to_tone(&f->p);
	type(&f->p, CTRL_D);
	assert_int_equal(finish(&f->p), 0);
	return has_sgr(&f->p.raw);
}

static void colour_on_a_terminal(void **state)
{
	NEED_TANDEM();
	assert_true(coloured(*state, &plain_xterm));
}

static void no_color_gives_plain_text(void **state)
{
	NEED_TANDEM();
	const Env e = { "xterm", true, 80, NULL, false, NULL };
	assert_false(coloured(*state, &e));
}

static void dumb_terminal_gives_plain_text(void **state)
{
	NEED_TANDEM();
	const Env e = { "dumb", false, 80, NULL, false, NULL };
	assert_false(coloured(*state, &e));
}

static void no_history_file(void **state)
{
	NEED_TANDEM();
	Fixture *f = *state;
	Pty *p = &f->p;
	run_basics(f, &plain_xterm);
	answer_to_tone(p);
	answer_from_tone(p);
	DIR *home = opendir(f->home);
	assert_non_null(home);
	for (struct dirent *e; (e = readdir(home)) != NULL;)
		if (!str_eq(e->d_name, ".") && !str_eq(e->d_name, ".."))
			fail_msg("'%s' was written in $HOME", e->d_name);
	closedir(home);
}

static void no_echo_into_redirected_output(void **state)
{
	NEED_TANDEM();
	Fixture *f = *state;
	Pty *p = &f->p;
	char *log = xasprintf("%s/stdout.txt", f->dir);
	const Env e = { "xterm", false, 80, log, false, NULL };
	run_basics(f, &e);
	type(p, "\r");
	type(p, "Zanzibar\r");
	type(p, CTRL_D);
	assert_int_equal(finish(p), 0);
	char *out = read_file(log);
	assert_contains(out, "What should I call you?");
	assert_contains(out, "Session paused.");
	assert_lacks(out, "Zanzibar");
	assert_false(strchr(out, '\x1b')); /* the line front end's plain text */
	free(out);
	free(log);
	char *t = read_file(f->out);
	assert_contains(t, "  name: \"Zanzibar\"\n");
	free(t);
}

/*
 * Under a French locale (which the machine need not have generated), a
 * French session speaks French from the first prompt to the pause: no
 * word of tandem's own English reaches the screen.
 */
static void french_locale_no_english_word(void **state)
{
	NEED_TANDEM();
	Fixture *f = *state;
	static const Env french = { "xterm", true, 80, NULL, false, "fr_FR.UTF-8" };
	const char *args[] = { "run", "discovery", "--client", "Ana", "--out", f->out, NULL };
	spawn(f, &french, args);
	expect_drop(&f->p, "(Entrée)> ");
	type(&f->p, "/help\r");
	expect_drop(&f->p, "Commandes");
	expect_drop(&f->p, "(Entrée)> ");
	type(&f->p, "/where\r");
	expect_drop(&f->p, "(Entrée)> ");
	type(&f->p, "/nope\r");
	expect_drop(&f->p, "(Entrée)> ");
	type(&f->p, CTRL_D);
	expect_drop(&f->p, "Séance en pause.");
	assert_int_equal(finish(&f->p), 0);
	char *screen = plain(&f->p);
	static const char *const english[] = {
		"Enter", "Session paused", "To go on", "Commands", "optional", "unknown command",
		"section:", "turns:", "elapsed", "the answers", "Transcript",
	};
	for (size_t i = 0; i < ARRAY_LEN(english); i++)
		if (strstr(screen, english[i]))
			fail_msg("English on a French screen: '%s' in:\n%s", english[i], screen);
	free(screen);
}

/* /back at a terminal asks the question again with the answer taken back
 * on the line, to be edited rather than typed again. */
static void back_offers_the_answer_to_edit(void **state)
{
	NEED_TANDEM();
	Fixture *f = *state;
	Pty *p = &f->p;
	run_basics(f, &plain_xterm);
	expect_drop(p, "(Enter)> ");
	type(p, "\r");
	expect_drop(p, "What should I call you?");
	expect_drop(p, "> ");
	type(p, "Ann\r");
	expect_drop(p, "(1-10)> ");
	type(p, "/back\r");
	expect_drop(p, "What should I call you?");
	expect_drop(p, "> Ann");
	type(p, "e\r");
	expect_drop(p, "(1-10)> ");
	type(p, CTRL_D);
	assert_int_equal(finish(p), 0);
	char *t = read_file(f->out);
	assert_contains(t, "    answer: \"Anne\"\n");
	free(t);
}

/* `tandem` alone at a terminal: Tab completes a dialogue's id, and a
 * misspelt one gets a suggestion. */
static void menu_completes_an_id(void **state)
{
	NEED_TANDEM();
	Fixture *f = *state;
	const char *args[] = { NULL };
	spawn(f, &plain_xterm, args);
	expect_drop(&f->p, "Which dialogue?");
	type(&f->p, "discovry\r");
	expect_drop(&f->p, "did you mean 'discovery'?");
	expect_drop(&f->p, "Which dialogue?");
	type(&f->p, "disc" TAB);
	expect_drop(&f->p, "discovery");
	type(&f->p, "\r");
	expect_drop(&f->p, "Mode:");
	type(&f->p, CTRL_D);
	assert_int_equal(finish(&f->p), 0);
}

/* `tandem key init` at a terminal asks the passphrase twice with the echo
 * off: what is typed never shows; two that differ change nothing; then
 * `tandem key passphrase` opens the key with it and seals it anew. */
static void passphrase_is_never_echoed(void **state)
{
	NEED_TANDEM();
	Fixture *f = *state;
	const char *init[] = { "key", "init", NULL };
	spawn(f, &plain_xterm, init);
	expect_drop(&f->p, "New passphrase: ");
	type(&f->p, "first secret words\r");
	expect_drop(&f->p, "Once more: ");
	type(&f->p, "other secret words\r");
	char *seen = expect(&f->p, "the two passphrases differ");
	assert_null(strstr(seen, "secret words"));
	free(seen);
	assert_int_equal(finish(&f->p), 1);

	spawn(f, &plain_xterm, init);
	expect_drop(&f->p, "New passphrase: ");
	type(&f->p, "first secret words\r");
	expect_drop(&f->p, "Once more: ");
	type(&f->p, "first secret words\r");
	seen = expect(&f->p, "Key made at");
	assert_null(strstr(seen, "secret words"));
	free(seen);
	assert_int_equal(finish(&f->p), 0);

	const char *change[] = { "key", "passphrase", NULL };
	spawn(f, &plain_xterm, change);
	expect_drop(&f->p, "Passphrase: ");
	type(&f->p, "first secret words\r");
	expect_drop(&f->p, "New passphrase: ");
	type(&f->p, "second secret words\r");
	expect_drop(&f->p, "Once more: ");
	type(&f->p, "second secret words\r");
	seen = expect(&f->p, "Passphrase changed");
	assert_null(strstr(seen, "secret words"));
	free(seen);
	assert_int_equal(finish(&f->p), 0);
}

/* At a terminal, history draws a sparkline beside each scale's trend. */
static void history_sparkline_at_a_terminal(void **state)
{
	NEED_TANDEM();
	Fixture *f = *state;
	static const char *const energies[] = { "2", "9", "5" };
	for (size_t i = 0; i < ARRAY_LEN(energies); i++) {
		/* Earlier sessions down a pipe, a week apart. */
		char *cmd = xasprintf("printf '\\nAnn\\n%s\\n' | TANDEM_HOME='%s' "
		                      "TANDEM_NOW=2026-11-%02zuT10:00:00Z '%s' run %s --client Alice "
		                      ">/dev/null 2>&1", energies[i], f->journal, 2 + 7 * i,
		                      getenv("TANDEM"), BASICS);
		assert_int_equal(system(cmd), 0);
		free(cmd);
	}
	const char *args[] = { "history", "Alice", NULL };
	spawn(f, &plain_xterm, args);
	expect_drop(&f->p, "How is your energy today?");
	expect_drop(&f->p, "2026-11-02 2 2026-11-09 9 2026-11-16 5   \u2581\u2588\u2584");
	assert_int_equal(finish(&f->p), 0);
}

/* A session of basics for client, down a pipe, started at `now`. */
static void piped_session(const Fixture *f, const char *client, const char *now)
{
	char *cmd = xasprintf("printf '\\n' | TANDEM_HOME='%s' TANDEM_NOW=%s '%s' run %s "
	                      "--client '%s' >/dev/null 2>&1", f->journal, now, getenv("TANDEM"),
	                      BASICS, client);
	assert_int_equal(system(cmd), 0);
	free(cmd);
}

static bool journal_has(const Fixture *f, const char *folder)
{
	char *path = xasprintf("%s/%s", f->journal, folder);
	struct stat st;
	bool there = lstat(path, &st) == 0;
	free(path);
	return there;
}

/* At a terminal, forget says what it erases and asks for the client's
 * name: another name erases nothing; the name typed in another case and
 * without its accent erases the folder. */
static void forget_asks_the_name(void **state)
{
	NEED_TANDEM();
	Fixture *f = *state;
	piped_session(f, "Élodie", NOW);
	const char *args[] = { "forget", "elodie", NULL };
	spawn(f, &plain_xterm, args);
	expect_drop(&f->p, "This erases the journal of 'Élodie' for good: 1 session,");
	expect_drop(&f->p, "Type the client's name to confirm: ");
	type(&f->p, "Chloé\r");
	expect_drop(&f->p, "that is not 'Élodie': nothing was erased");
	assert_int_equal(finish(&f->p), 1);
	assert_true(journal_has(f, "Élodie"));
	next_program(f);
	spawn(f, &plain_xterm, args);
	expect_drop(&f->p, "Type the client's name to confirm: ");
	type(&f->p, "ELODIE\r");
	expect_drop(&f->p, "'Élodie' is forgotten:");
	assert_int_equal(finish(&f->p), 0);
	assert_false(journal_has(f, "Élodie"));
}

/* At a terminal, forget --expired lists the clients past the retention
 * period and asks for their number. */
static void forget_expired_asks_the_count(void **state)
{
	NEED_TANDEM();
	Fixture *f = *state;
	piped_session(f, "Ann", "2022-01-10T10:00:00Z");
	piped_session(f, "Bob", "2022-02-10T10:00:00Z");
	piped_session(f, "Cy", NOW);
	setenv("TANDEM_RETENTION", "3y", 1);
	const char *args[] = { "forget", "--expired", NULL };
	spawn(f, &plain_xterm, args);
	unsetenv("TANDEM_RETENTION");
	expect_drop(&f->p, "2 clients' last sessions are older than 3y");
	expect_drop(&f->p, "Type the number of clients listed to confirm: ");
	type(&f->p, "2\r");
	expect_drop(&f->p, "'Ann' is forgotten:");
	expect_drop(&f->p, "'Bob' is forgotten:");
	assert_int_equal(finish(&f->p), 0);
	assert_false(journal_has(f, "Ann"));
	assert_false(journal_has(f, "Bob"));
	assert_true(journal_has(f, "Cy"));
}

int main(void)
{
	signal(SIGPIPE, SIG_IGN);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(history_sparkline_at_a_terminal, setup, teardown),
		cmocka_unit_test_setup_teardown(forget_asks_the_name, setup, teardown),
		cmocka_unit_test_setup_teardown(forget_expired_asks_the_count, setup, teardown),
		cmocka_unit_test_setup_teardown(menu_completes_an_id, setup, teardown),
		cmocka_unit_test_setup_teardown(passphrase_is_never_echoed, setup, teardown),
		cmocka_unit_test_setup_teardown(back_offers_the_answer_to_edit, setup, teardown),
		cmocka_unit_test_setup_teardown(french_locale_no_english_word, setup, teardown),
		cmocka_unit_test_setup_teardown(typed_answers_complete_the_session, setup, teardown),
		cmocka_unit_test_setup_teardown(tab_completes_a_choice_label, setup, teardown),
		cmocka_unit_test_setup_teardown(tab_completes_a_command, setup, teardown),
		cmocka_unit_test_setup_teardown(ctrl_c_drops_the_half_typed_line, setup, teardown),
		cmocka_unit_test_setup_teardown(ctrl_d_pauses, setup, teardown),
		cmocka_unit_test_setup_teardown(sigterm_pauses, setup, teardown),
		cmocka_unit_test_setup_teardown(sighup_pauses, setup, teardown),
		cmocka_unit_test_setup_teardown(read_error_stops_with_3, setup, teardown),
		cmocka_unit_test_setup_teardown(transcript_errors_quote_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(resume_ends_like_an_uninterrupted_run, setup,
		                                teardown),
		cmocka_unit_test_setup_teardown(resize_rewraps, setup, teardown),
		cmocka_unit_test_setup_teardown(list_wraps_at_the_terminal, setup, teardown),
		cmocka_unit_test_setup_teardown(colour_on_a_terminal, setup, teardown),
		cmocka_unit_test_setup_teardown(no_color_gives_plain_text, setup, teardown),
		cmocka_unit_test_setup_teardown(dumb_terminal_gives_plain_text, setup, teardown),
		cmocka_unit_test_setup_teardown(no_history_file, setup, teardown),
		cmocka_unit_test_setup_teardown(no_echo_into_redirected_output, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
