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

static void help(FILE *out)
{
	out_puts(_("tandem: guided coaching sessions from YAML dialogues\n"
	      "\n"
	      "  tandem                         list the dialogues and ask which one to run\n"
	      "  tandem run DIALOGUE [options]  run a session (a file, or an id from the library)\n"
	      "      --client NAME  --new-client  --mode coach|self|practice  --lang LANG\n"
	      "      --out FILE  --seed N\n"
	      "  tandem resume TRANSCRIPT       go on with a paused or interrupted session\n"
	      "  tandem resume CLIENT [N]       the same, by the client's name (N: as history numbers)\n"
	      "  tandem check FILE|DIR...       validate dialogues and banks\n"
	      "  tandem graph|walk DIALOGUE     its graph (DOT, SVG, PNG); its coverage by random runs\n"
	      "  tandem list                    the library: id, language, title, summary\n"
	      "  tandem show TRANSCRIPT         the session as a Markdown report\n"
	      "  tandem show CLIENT [N]         the same, by the client's name\n"
	      "      --for client|sponsor|peers   (what each may read; --share: --for peers)\n"
	      "      --redact WORD  --client-name ALIAS   (masks in a report for peers)\n"
	      "  tandem history CLIENT [--rebuild]  the client's sessions and open commitments\n"
	      "  tandem clients                 every client: last session, commitments, stage\n"
	      "  tandem commitments CLIENT      the client's commitments, with their ids\n"
	      "  tandem done|drop CLIENT ID     a commitment kept, or let go, between sessions\n"
	      "  tandem renegotiate CLIENT ID --when DATE   a new \"by when?\"\n"
	      "  tandem practice-log [--client NAME]  the score of each practice session over\n"
	      "                                 time, and the points missed most often\n"
	      "  tandem export CLIENT [--with-notes] [--out FILE]  everything kept about a\n"
	      "                                 client, as one JSON document\n"
	      "  tandem forget CLIENT [--yes]   erase the client's journal, after a confirmation\n"
	      "  tandem forget --expired [--yes]  erase every journal whose last session is\n"
	      "                                 older than TANDEM_RETENTION (3y, 18m, 90d)\n"
	      "  tandem key init | passphrase   the coach's key, sealed under a passphrase\n"
	      "  tandem --help | --version\n"),
	      out);
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
	if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 || strcmp(cmd, "help") == 0) {
		help(stdout);
		return EXIT_OK;
	}
	if (strcmp(cmd, "--version") == 0) {
		out_printf(stdout, _("tandem %s\n"), TANDEM_VERSION);
		return EXIT_OK;
	}
	if (strcmp(cmd, "run") == 0)
		return cmd_run(argc - 2, argv + 2);
	if (strcmp(cmd, "resume") == 0)
		return cmd_resume(argc - 2, argv + 2);
	if (strcmp(cmd, "check") == 0)
		return cmd_check(argc - 2, argv + 2);
	if (strcmp(cmd, "graph") == 0 || strcmp(cmd, "walk") == 0)
		return (cmd[0] == 'g' ? cmd_graph : cmd_walk)(argc - 2, argv + 2);
	if (strcmp(cmd, "list") == 0)
		return cmd_list(argc - 2, argv + 2);
	if (strcmp(cmd, "show") == 0)
		return cmd_show(argc - 2, argv + 2);
	if (strcmp(cmd, "history") == 0)
		return cmd_history(argc - 2, argv + 2);
	if (strcmp(cmd, "clients") == 0)
		return cmd_clients(argc - 2, argv + 2);
	if (strcmp(cmd, "commitments") == 0 || strcmp(cmd, "done") == 0 ||
	    strcmp(cmd, "drop") == 0 || strcmp(cmd, "renegotiate") == 0)
		return cmd_commitments(cmd, argc - 2, argv + 2);
	if (strcmp(cmd, "practice-log") == 0)
		return cmd_practice_log(argc - 2, argv + 2);
	if (strcmp(cmd, "export") == 0)
		return cmd_export(argc - 2, argv + 2);
	if (strcmp(cmd, "forget") == 0)
		return cmd_forget(argc - 2, argv + 2);
	if (strcmp(cmd, "key") == 0)
		return cmd_key(argc - 2, argv + 2);
	out_printf(stderr, _("tandem: unknown command '%s'\n"), cmd);
	help(stderr);
	return EXIT_USAGE;
}
