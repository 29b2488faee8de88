/* cmd_graph: `tandem graph DIALOGUE`, the dialogue as a Graphviz graph:
 * DOT written by tandem (dot.h), or SVG and PNG drawn by Graphviz's own
 * `dot`, found in PATH. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cmd.h"
#include "dot.h"
#include "fileio.h"
#include "i18n.h"
#include "library.h"
#include "options.h"
#include "out.h"

typedef struct GraphOpts {
	const char *dialogue;
	const char *lang;
	const char *format;      /* dot (default), svg, png */
	const char *out;
} GraphOpts;

static int usage(const char *why)
{
	if (why)
		out_printf(stderr, "tandem graph: %s\n", why);
	cmd_usage(stderr, "graph");
	return EXIT_USAGE;
}

static int parse(int argc, char **argv, GraphOpts *o)
{
	static const char *const names[] = { "--lang", "--format", "--out" };
	for (int i = 0; i < argc; i++) {
		const char **const slots[] = { &o->lang, &o->format, &o->out };
		if (option_values(argc, argv, &i, names, slots, ARRAY_LEN(names)))
			continue;
		if (argv[i][0] == '-' && argv[i][1]) {
			cmd_unknown_option("tandem graph", argv[i], names, ARRAY_LEN(names));
			return usage(NULL);
		}
		if (o->dialogue)
			return usage(_("give one dialogue"));
		o->dialogue = argv[i];
	}
	if (!o->format)
		o->format = "dot";
	if (!str_eq(o->format, "dot") && !str_eq(o->format, "svg") && !str_eq(o->format, "png"))
		return usage(_("--format is dot, svg or png"));
	return o->dialogue ? EXIT_OK : usage(_("which dialogue? (see tandem list)"));
}

/* The output: --out FILE, made or emptied, or standard output; -1 said. */
static int open_out(const GraphOpts *o)
{
	if (!o->out)
		return STDOUT_FILENO;
	int fd = open(o->out, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0)
		cmd_error("tandem graph", "cannot write '%s': %s\n", o->out, strerror(errno));
	return fd;
}

static int write_dot(const GraphOpts *o, const Buf *dot)
{
	if (!o->out) {
		out_puts(buf_str(dot), stdout);
		return fflush(stdout) == 0 ? EXIT_OK : EXIT_RUNTIME;
	}
	int fd = open_out(o);
	if (fd < 0)
		return EXIT_RUNTIME;
	bool ok = file_write_all(fd, dot->data, dot->len);
	int err = errno;
	if (close(fd) != 0 && ok)
		ok = false, err = errno;
	if (!ok)
		cmd_error("tandem graph", "cannot write '%s': %s\n", o->out, strerror(err));
	return ok ? EXIT_OK : EXIT_RUNTIME;
}

/* Graphviz's `dot` in PATH (heap path), or NULL. */
static char *find_dot(void)
{
	const char *path = getenv("PATH");
	if (!path || !*path)
		path = "/usr/bin:/bin";
	for (const char *p = path; *p;) {
		size_t len = strcspn(p, ":");
		char *cand = xasprintf("%.*s/dot", (int)len, len ? p : ".");
		if (access(cand, X_OK) == 0)
			return cand;
		free(cand);
		p += len + (p[len] == ':');
	}
	return NULL;
}

/* Runs `dot -TFORMAT` with the DOT on its input and out (a descriptor) as
 * its output; its exit status, or -1 when it could not be run (said). */
static int run_dot(const char *dot, const char *format, const Buf *text, int out)
{
	int fds[2];
	if (pipe(fds) != 0) {
		cmd_error("tandem graph", "cannot run '%s': %s\n", dot, strerror(errno));
		return -1;
	}
	char *type = xasprintf("-T%s", format);
	fflush(NULL);
	pid_t pid = fork();
	if (pid == 0) {
		dup2(fds[0], STDIN_FILENO);
		dup2(out, STDOUT_FILENO);
		close(fds[0]);
		close(fds[1]);
		execl(dot, "dot", type, (char *)NULL);
		_exit(127);
	}
	free(type);
	close(fds[0]);
	if (pid < 0) {
		close(fds[1]);
		cmd_error("tandem graph", "cannot run '%s': %s\n", dot, strerror(errno));
		return -1;
	}
	/* A `dot` that stops reading must not kill tandem: its status says why. */
	struct sigaction ignore = { .sa_handler = SIG_IGN }, old;
	sigaction(SIGPIPE, &ignore, &old);
	file_write_all(fds[1], text->data, text->len);
	close(fds[1]);
	sigaction(SIGPIPE, &old, NULL);
	int status;
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

static int draw(const GraphOpts *o, const Buf *text)
{
	char *dot = find_dot();
	if (!dot) {
		cmd_error("tandem graph", "Graphviz's 'dot' is not in PATH: install it (on Debian: "
		                          "apt install graphviz), or write DOT with --format dot\n");
		return EXIT_RUNTIME;
	}
	if (!o->out && str_eq(o->format, "png") && isatty(STDOUT_FILENO)) {
		free(dot);
		return usage(_("a PNG is not for a terminal: give --out FILE"));
	}
	int out = open_out(o);
	int status = out < 0 ? -1 : run_dot(dot, o->format, text, out);
	if (out >= 0 && out != STDOUT_FILENO)
		close(out);
	if (status > 0)
		cmd_error("tandem graph", "'%s' failed (status %d)\n", dot, status);
	if (status != 0 && o->out && out >= 0)
		unlink(o->out);
	free(dot);
	return status == 0 ? EXIT_OK : EXIT_RUNTIME;
}

int cmd_graph(int argc, char **argv)
{
	GraphOpts o = { 0 };
	int status = parse(argc, argv, &o);
	if (status != EXIT_OK)
		return status;
	Library *lib = library_open();
	const Dialogue *d = cmd_dialogue_load("tandem graph", lib, o.dialogue, o.lang, &status);
	if (d) {
		Buf text = { 0 };
		dot_write(&text, d);
		status = str_eq(o.format, "dot") ? write_dot(&o, &text) : draw(&o, &text);
		buf_free(&text);
	}
	library_free(lib);
	return status;
}
