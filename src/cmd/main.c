/* main: reads the command line and hands it to the subcommand. */
#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "cmd.h"
#include "i18n.h"
#include "out.h"
#include "suggest.h"
#include "util.h"
#include "vault.h"

#define TANDEM_VERSION "0.1.0"

/* How this tandem was started, when by a path: set once, below. */
static const char *program = "tandem";

char *cmd_resume_hint(const char *what, size_t nth)
{
	char *word = cmd_quote(what);
	char *hint = nth ? xasprintf("%s resume %s %zu", program, word, nth)
	                 : xasprintf("%s resume %s", program, word);
	free(word);
	return hint;
}

void cmd_error(const char *who, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	out_printf(stderr, "%s: ", who);
	out_vprintf(stderr, _(fmt), ap);
	va_end(ap);
}

bool cmd_clock_ok(const char *who)
{
	if (!clock_env_invalid())
		return true;
	cmd_error(who, "TANDEM_NOW is not an ISO 8601 time: '%s'\n", getenv("TANDEM_NOW"));
	return false;
}

int main(int argc, char **argv)
{
	setlocale(LC_CTYPE, "");
	i18n_init();
	vault_set_ask(cmd_ask_passphrase);
	atexit(vault_close);
	if (argc > 0 && strchr(argv[0], '/'))
		program = argv[0];
	if (argc < 2)
		return cmd_choose();
	const char *cmd = argv[1];
	bool help = str_eq(cmd, "--help") || str_eq(cmd, "-h") || str_eq(cmd, "help");
	if (help && argc == 2) {
		cmd_overview(stdout);
		return EXIT_OK;
	}
	if (str_eq(cmd, "--version")) {
		out_printf(stdout, _("tandem %s\n"), TANDEM_VERSION);
		return EXIT_OK;
	}
	/* `tandem help run` is `tandem run --help`. */
	const char *name = help ? argv[2] : cmd;
	const Command *c = cmd_find(name);
	if (c && (help || cmd_help_asked(argc - 2, argv + 2))) {
		cmd_help(c);
		return EXIT_OK;
	}
	if (!c || !c->run) {
		const char *near = name ? cmd_nearest(name) : NULL;
		if (near)
			out_printf(stderr, _("tandem: unknown command '%s'; did you mean '%s'?\n"), name,
			           near);
		else
			out_printf(stderr, _("tandem: unknown command '%s'\n"), name ? name : "");
		cmd_overview(stderr);
		return EXIT_USAGE;
	}
	return c->run(argc - 2, argv + 2);
}
