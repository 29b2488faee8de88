/*
 * cmd_help: the commands of the command line, one entry each: the
 * function that runs it, its usage lines, its summary and its options.
 * `tandem --help` lists them, `tandem COMMAND --help` prints one, and a
 * usage error prints its usage lines: from here, so that they never
 * disagree. The man page (docs/man/tandem.1.scd) and the completion
 * scripts (completions/) repeat them for their readers; tests/man and
 * tests/completion hold them to this table through `--help`.
 */
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "i18n.h"
#include "out.h"
#include "suggest.h"
#include "util.h"

/* The four verbs of commitments share one function, which takes its name. */
static int commitments(int argc, char **argv)
{
	return cmd_commitments("commitments", argc, argv);
}

static int done(int argc, char **argv)
{
	return cmd_commitments("done", argc, argv);
}

static int drop(int argc, char **argv)
{
	return cmd_commitments("drop", argc, argv);
}

static int renegotiate(int argc, char **argv)
{
	return cmd_commitments("renegotiate", argc, argv);
}

/*
 * In the order `tandem --help` lists them: a session, the library, the
 * journal, the client's rights, the key, the author's tools. The options
 * are one a line, each starting with two spaces and its name, so that a
 * test can read them back.
 */
static const Command commands[] = {
	{ "run", cmd_run,
	  N_("usage: tandem run DIALOGUE [--client NAME] [--new-client]\n"
	     "                  [--mode coach|self|practice] [--lang LANG] [--out FILE]\n"
	     "                  [--seed N]\n"),
	  N_("run a session: a dialogue file, or an id from the library"),
	  N_("  --client NAME    the client the session is for: it is filed in their journal\n"
	     "  --new-client     a name close to an existing client's is a new client\n"
	     "  --mode MODE      coach (the default), self or practice\n"
	     "  --lang LANG      the library's language (default: the locale's)\n"
	     "  --out FILE       the transcript in FILE, a new file, not in the journal\n"
	     "  --seed N         the draws of pick, so that a session can be replayed\n") },
	{ "resume", cmd_resume,
	  N_("usage: tandem resume TRANSCRIPT\n"
	     "       tandem resume CLIENT [N]\n"),
	  N_("go on with a paused or interrupted session"),
	  N_("  TRANSCRIPT       a transcript's file\n"
	     "  CLIENT [N]       the client's latest session, or the Nth as history numbers them\n") },
	{ "check", cmd_check,
	  N_("usage: tandem check FILE|DIR...\n"
	     "       tandem check --pair A.yaml B.yaml | --pair DIR\n"),
	  N_("validate dialogues and banks; exit 1 on any error"),
	  N_("  --pair           the same dialogue in two languages: the same nodes,\n"
	     "                   kinds and routes\n") },
	{ "list", cmd_list,
	  N_("usage: tandem list [--ids]\n"),
	  N_("the library: id, language, title, summary"),
	  N_("  --ids            the ids alone, each once, one a line (for scripts)\n") },
	{ "show", cmd_show,
	  N_("usage: tandem show TRANSCRIPT|CLIENT [N] [--for client|sponsor|peers] [--share]\n"
	     "                   [--redact WORD]... [--client-name ALIAS]\n"
	     "       tandem show --yaml TRANSCRIPT|CLIENT [N]\n"),
	  N_("a session as a Markdown report, or its plain YAML"),
	  N_("  --for READER     the report for client, sponsor or peers: what each may read\n"
	     "  --share          --for peers\n"
	     "  --redact WORD    a word masked in a report for peers (again for more)\n"
	     "  --client-name ALIAS  the client's name in a report for peers\n"
	     "  --yaml           the transcript itself, as plain YAML, for other tools\n") },
	{ "history", cmd_history,
	  N_("usage: tandem history CLIENT [--rebuild]\n"),
	  N_("a client's sessions and open commitments"),
	  N_("  --rebuild        the journal's index made anew from the transcripts\n") },
	{ "clients", cmd_clients,
	  N_("usage: tandem clients [--names]\n"),
	  N_("every client: last session, commitments, stage"),
	  N_("  --names          the names alone, one a line (for scripts)\n") },
	{ "commitments", commitments,
	  N_("usage: tandem commitments CLIENT\n"),
	  N_("a client's commitments, with their ids"), NULL },
	{ "done", done,
	  N_("usage: tandem done CLIENT ID\n"),
	  N_("a commitment kept, between sessions"), NULL },
	{ "drop", drop,
	  N_("usage: tandem drop CLIENT ID\n"),
	  N_("a commitment let go, between sessions"), NULL },
	{ "renegotiate", renegotiate,
	  N_("usage: tandem renegotiate CLIENT ID --when DATE\n"),
	  N_("a new \"by when?\" for a commitment"),
	  N_("  --when DATE      the new date: 2026-12-20, a weekday, \"in 2 weeks\", ...\n") },
	{ "practice-log", cmd_practice_log,
	  N_("usage: tandem practice-log [--client NAME]\n"),
	  N_("the score of each practice session over time"),
	  N_("  --client NAME    the client's practice sessions (default: your own)\n") },
	{ "export", cmd_export,
	  N_("usage: tandem export CLIENT [--with-notes] [--out FILE]\n"),
	  N_("everything kept about a client, as one JSON document"),
	  N_("  --with-notes     the coach's private notes too\n"
	     "  --out FILE       to FILE, a new file, not to standard output\n") },
	{ "forget", cmd_forget,
	  N_("usage: tandem forget CLIENT [--yes]\n"
	     "       tandem forget --expired [--yes]\n"),
	  N_("erase a client's journal, or those past TANDEM_RETENTION"),
	  N_("  --expired        every client whose last session is older than TANDEM_RETENTION\n"
	     "  --yes            no confirmation asked (needed from a pipe)\n") },
	{ "key", cmd_key,
	  N_("usage: tandem key init | tandem key passphrase | tandem key encrypt-all\n"),
	  N_("the coach's key, and the journal encrypted with it"),
	  N_("  init             make the key, sealed under a passphrase\n"
	     "  passphrase       seal the same key under a new passphrase\n"
	     "  encrypt-all      encrypt the whole journal in place\n") },
	/* The author's tools. */
	{ "graph", cmd_graph,
	  N_("usage: tandem graph DIALOGUE [--lang LANG] [--format dot|svg|png] [--out FILE]\n"),
	  N_("a dialogue's nodes and routes, as a graph"),
	  N_("  --lang LANG      the library's language, for a dialogue named by its id\n"
	     "  --format FORMAT  dot (the default: Graphviz's text), or svg or png drawn by\n"
	     "                   Graphviz's dot\n"
	     "  --out FILE       to FILE, not to standard output (a PNG needs one)\n") },
	{ "walk", cmd_walk,
	  N_("usage: tandem walk DIALOGUE [--runs N] [--seed S] [--mode coach|self|practice]\n"
	     "                   [--lang LANG] [--cases DIR]\n"),
	  N_("a dialogue played by random sessions: the nodes and routes they reached"),
	  N_("  --runs N         how many sessions (default 200)\n"
	     "  --seed S         the first session's seed, so that a walk can be replayed\n"
	     "  --mode MODE      coach, self or practice (default: each in turn)\n"
	     "  --lang LANG      the library's language, for a dialogue named by its id\n"
	     "  --cases DIR      the author's scripted cases instead of random sessions\n") },
	{ "strings", cmd_strings,
	  N_("usage: tandem strings DIALOGUE [--format csv|po] [--lang LANG] [--out FILE]\n"
	     "       tandem strings --apply TRANSLATION DIALOGUE [--lang LANG] [--out COPY]\n"),
	  N_("a dialogue's texts for translators, or a translation put into a copy"),
	  N_("  --format FORMAT  csv (the default) or po\n"
	     "  --lang LANG      the library's language, for a dialogue named by its id\n"
	     "  --out FILE       to FILE, a new file, not to standard output\n"
	     "  --apply FILE     the translation (CSV or PO) put into a copy of the dialogue\n") },
};

const Command *cmd_find(const char *name)
{
	for (size_t i = 0; i < ARRAY_LEN(commands); i++)
		if (str_eq(commands[i].name, name))
			return &commands[i];
	return NULL;
}

void cmd_usage(FILE *f, const char *name)
{
	const Command *c = cmd_find(name);
	if (!c)
		BUG("no command '%s'", name);
	out_puts(_(c->usage), f);
}

void cmd_help(const Command *c)
{
	out_puts(_(c->usage), stdout);
	out_printf(stdout, "\n%s\n", _(c->summary));
	if (c->options)
		out_printf(stdout, "\n%s", _(c->options));
}

bool cmd_help_asked(int argc, char **argv)
{
	for (int i = 0; i < argc; i++)
		if (str_eq(argv[i], "--help") || str_eq(argv[i], "-h"))
			return true;
	return false;
}

const char *cmd_nearest(const char *name)
{
	const char *names[ARRAY_LEN(commands)];
	size_t n = 0;
	for (size_t i = 0; i < ARRAY_LEN(commands); i++)
		if (commands[i].run)
			names[n++] = commands[i].name;
	return suggest(name, names, n);
}

void cmd_overview(FILE *f)
{
	out_puts(_("tandem: guided coaching sessions from YAML dialogues\n"
	           "\n"
	           "usage: tandem [COMMAND [ARGUMENTS]]\n"
	           "With no command, tandem lists the dialogues and asks which one to run.\n"
	           "\n"
	           "Commands:\n"), f);
	for (size_t i = 0; i < ARRAY_LEN(commands); i++)
		out_printf(f, "  %-14s %s\n", commands[i].name, _(commands[i].summary));
	out_puts(_("\n"
	           "tandem COMMAND --help shows a command's usage and options, tandem --version\n"
	           "the version; man tandem tells more.\n"), f);
}
