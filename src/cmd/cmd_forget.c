/*
 * cmd_forget: a client's journal erased (erase.h).
 *
 *   tandem forget CLIENT [--yes]      the client's right to erasure
 *
 * Nothing is erased without a confirmation: at a terminal, the client's
 * name typed again; from a pipe, --yes, else the command is refused. A client whose session is
 * running (the folder's lock held) is refused and left whole.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "erase.h"
#include "fileio.h"
#include "i18n.h"
#include "jindex.h"
#include "out.h"
#include "utf8.h"
#include "util.h"

#define ME "tandem forget"

typedef struct Options {
	const char *client;
	bool yes;
} Options;

static int usage(const char *why)
{
	if (why)
		cmd_error(ME, "%s\n", why);
	out_puts(_("usage: tandem forget CLIENT [--yes]\n"), stderr);
	return EXIT_USAGE;
}

/* 0, or the usage's exit status. */
static int parse(int argc, char **argv, Options *o)
{
	*o = (Options){ 0 };
	for (int i = 0; i < argc; i++) {
		if (str_eq(argv[i], "--yes") && !o->yes)
			o->yes = true;
		else if (argv[i][0] == '-' || o->client || !*argv[i])
			return usage(o->client && argv[i][0] != '-' ? _("give one client") : NULL);
		else
			o->client = argv[i];
	}
	return o->client ? 0 : usage(_("whose journal? give the client's name"));
}

/* The line the person types after question, at a terminal (heap string);
 * NULL when there is no terminal to ask at, or nothing was typed. */
static char *ask(const char *question)
{
	if (!isatty(STDIN_FILENO) || !isatty(STDERR_FILENO))
		return NULL;
	out_puts(question, stderr);
	fflush(stderr);
	Buf line = { 0 };
	if (file_read_line(stdin, &line, 256) <= 0) {
		buf_free(&line);
		return NULL;
	}
	return buf_take(&line);
}

/* Whether the erasure may go on: 0 with --yes, or when the person at the
 * terminal, told what (notice), types want (matched as names are: case
 * and accents aside); else the exit status, said. */
static int confirm(bool yes, const char *notice, const char *question, const char *want)
{
	if (yes)
		return EXIT_OK;
	if (!isatty(STDIN_FILENO) || !isatty(STDERR_FILENO)) {
		cmd_error(ME, "erasing needs a confirmation: type it at a terminal, or give --yes; "
		              "nothing was erased\n");
		return EXIT_USAGE;
	}
	out_puts(notice, stderr);
	char *typed = ask(question);
	char *a = typed ? utf8_name_key(typed) : NULL, *b = utf8_name_key(want);
	bool same = a && *a && str_eq(a, b);
	if (!same)
		cmd_error(ME, "that is not '%s': nothing was erased\n", want);
	free(a);
	free(b);
	free(typed);
	return same ? EXIT_OK : EXIT_INVALID;
}

/* Erases one client's folder and says how it went; the exit status. */
static int erase(const char *name, const char *folder)
{
	size_t files;
	char *why = NULL;
	EraseResult r = erase_folder(folder, &files, &why);
	if (r == ERASE_DONE) {
		out_printf(stdout, ngettext("'%s' is forgotten: %zu file erased, and the folder.\n",
		                            "'%s' is forgotten: %zu files erased, and the folder.\n",
		                            files),
		           name, files);
		return EXIT_OK;
	}
	cmd_error(ME, "%s\n", why);
	free(why);
	return r == ERASE_BUSY ? EXIT_INVALID : EXIT_RUNTIME;
}

static int forget_client(const Options *o)
{
	char *folder = cmd_client_folder(ME, o->client);
	if (!folder)
		return EXIT_INVALID;
	const char *slash = strrchr(folder, '/');
	char *name = journal_client_name(slash ? slash + 1 : folder);
	Listing l;
	size_t sessions = listing_read(&l, folder) ? l.n : 0;
	listing_free(&l);
	char *notice = xasprintf(ngettext("This erases the journal of '%s' for good: %zu session, "
	                                  "the commitments and the folder '%s'.\n",
	                                  "This erases the journal of '%s' for good: %zu sessions, "
	                                  "the commitments and the folder '%s'.\n",
	                                  sessions),
	                         name, sessions, folder);
	int status = confirm(o->yes, notice, _("Type the client's name to confirm: "), name);
	if (status == EXIT_OK)
		status = erase(name, folder);
	free(notice);
	free(name);
	free(folder);
	return status;
}

int cmd_forget(int argc, char **argv)
{
	Options o;
	int bad = parse(argc, argv, &o);
	if (bad)
		return bad;
	if (!cmd_journal_ready(ME))
		return EXIT_RUNTIME;
	return forget_client(&o);
}
