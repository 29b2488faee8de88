/*
 * cmd_client: which client a command means. The journal of an earlier
 * tandem is moved into the journal's home first (once); a name is then
 * found whatever its case, accents or Unicode form (clients.h); a new name
 * close to an existing client's is asked about before anything is
 * written, at a terminal, and refused from a pipe unless --new-client.
 */
#include "cmd.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "clients.h"
#include "fileio.h"
#include "i18n.h"
#include "out.h"
#include "util.h"

bool cmd_journal_ready(const char *who)
{
	char *err = NULL;
	long moved = clients_migrate(&err);
	if (moved > 0) {
		char *home = journal_home();
		cmd_error(who, ngettext("moved %ld transcript of the journal into '%s'\n",
		                        "moved %ld transcripts of the journal into '%s'\n", moved),
		          moved, home);
		free(home);
	}
	if (moved < 0) {
		cmd_error(who, "%s; the journal was left where it was\n", err);
		free(err);
		return false;
	}
	return true;
}

/* Whether the person at the terminal says yes to question. */
static bool confirm(const char *question)
{
	if (!isatty(STDIN_FILENO) || !isatty(STDERR_FILENO))
		return false;
	out_puts(question, stderr);
	fflush(stderr);
	Buf line = { 0 };
	bool yes = file_read_line(stdin, &line, 64) > 0 &&
	           (buf_str(&line)[0] == 'y' || buf_str(&line)[0] == 'Y' ||
	            buf_str(&line)[0] == 'o' || buf_str(&line)[0] == 'O');
	buf_free(&line);
	return yes;
}

bool cmd_client_ok(const char *who, const char *name, bool new_client)
{
	char *err = NULL;
	char *folder = journal_folder_name(name, &err);
	if (!folder) {
		cmd_error(who, "--client: %s\n", err);
		free(err);
		return false;
	}
	free(folder);
	if (clients_is_self(name))
		return true;
	Clients all;
	if (!clients_read(&all, &err)) {
		free(err); /* the journal cannot be read: opening it says why */
		return true;
	}
	const Client *near = new_client ? NULL : clients_near(&all, name);
	bool ok = true;
	if (near) {
		cmd_error(who, "new client '%s'? did you mean '%s'?\n", name, near->name);
		ok = confirm(_("Start a journal for this new client? (y/N) "));
		if (!ok)
			cmd_error(who, "nothing was written; give --client '%s', or --new-client "
			               "for a new client\n", near->name);
	}
	clients_free(&all);
	return ok;
}

char *cmd_client_name(const char *typed)
{
	Clients all;
	char *err = NULL;
	char *name = NULL;
	if (clients_read(&all, &err)) {
		const Client *c = clients_find(&all, typed);
		name = c ? xstrdup(c->name) : NULL;
		clients_free(&all);
	}
	free(err);
	return name;
}
