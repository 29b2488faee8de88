/* main: reads the command line and hands it to the subcommand. */
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "out.h"
#include "util.h"

#define TANDEM_VERSION "0.1.0"

/* How this tandem was started, when by a path: set once, below. */
static const char *program = "tandem";

char *cmd_resume_hint(const char *path)
{
	return xasprintf("%s resume %s", program, path);
}

static void help(FILE *out)
{
	out_puts("tandem: guided coaching sessions from YAML dialogues\n"
	      "\n"
	      "  tandem                         list the dialogues and ask which one to run\n"
	      "  tandem run DIALOGUE [options]  run a session (a file, or an id from the library)\n"
	      "      --client NAME  --mode coach|self|practice  --lang LANG  --out FILE  --seed N\n"
	      "  tandem resume TRANSCRIPT       go on with a paused or interrupted session\n"
	      "  tandem check FILE|DIR...       validate dialogues and banks\n"
	      "  tandem list                    the library: id, language, title, summary\n"
	      "  tandem show TRANSCRIPT         the session as a Markdown report\n"
	      "      --share  --redact WORD  --client-name ALIAS   (a report to share with peers)\n"
	      "  tandem history CLIENT          the client's sessions and open commitments\n"
	      "  tandem practice-log [--client NAME]  the score of each practice session over\n"
	      "                                 time, and the points missed most often\n"
	      "  tandem --help | --version\n",
	      out);
}

int main(int argc, char **argv)
{
	setlocale(LC_CTYPE, "");
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
		out_printf(stdout, "tandem %s\n", TANDEM_VERSION);
		return EXIT_OK;
	}
	if (strcmp(cmd, "run") == 0)
		return cmd_run(argc - 2, argv + 2);
	if (strcmp(cmd, "resume") == 0)
		return cmd_resume(argc - 2, argv + 2);
	if (strcmp(cmd, "check") == 0)
		return cmd_check(argc - 2, argv + 2);
	if (strcmp(cmd, "list") == 0)
		return cmd_list(argc - 2, argv + 2);
	if (strcmp(cmd, "show") == 0)
		return cmd_show(argc - 2, argv + 2);
	if (strcmp(cmd, "history") == 0)
		return cmd_history(argc - 2, argv + 2);
	if (strcmp(cmd, "practice-log") == 0)
		return cmd_practice_log(argc - 2, argv + 2);
	out_printf(stderr, "tandem: unknown command '%s'\n", cmd);
	help(stderr);
	return EXIT_USAGE;
}
