/*
 * cmd_client: which client a command means. The journal of an earlier
 * tandem is moved into the journal's home first (once); a name is then
 * found whatever its case, accents or Unicode form (clients.h); a new name
 * close to an existing client's is asked about before anything is
 * written, at a terminal, and refused from a pipe unless --new-client.
 */
#include "cmd.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "clients.h"
#include "fileio.h"
#include "i18n.h"
#include "out.h"
#include "util.h"
#include "vault.h"

bool cmd_journal_moved(const char *who)
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

bool cmd_key_ready(const char *who, int *status)
{
	int ignored;
	status = status ? status : &ignored;
	char *err = NULL;
	KeyError why;
	*status = EXIT_OK;
	if (!vault_on() || vault_key(&why, &err))
		return true;
	cmd_error(who, "%s\n", err);
	free(err);
	/* A wrong passphrase or a damaged key file is the coach's to mend, as
	 * for `tandem key`; a key that cannot be read is the machine's. */
	*status = why == KEY_IO ? EXIT_RUNTIME : EXIT_INVALID;
	return false;
}

bool cmd_journal_ready(const char *who, int *status)
{
	if (!cmd_journal_moved(who)) {
		if (status)
			*status = EXIT_RUNTIME;
		return false;
	}
	return cmd_key_ready(who, status);
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

bool cmd_journal_read(const char *who, const char *folder, Journal *j)
{
	Diags warns = { 0 };
	char *err = NULL;
	bool ok = journal_read(j, folder, &warns, &err);
	diags_report(&warns, DIAG_NO_QUOTE); /* transcripts hold a client's words */
	diags_free(&warns);
	if (!ok) {
		cmd_error(who, "%s\n", err);
		free(err);
	}
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

void cmd_no_client(const char *who, const char *typed)
{
	Clients all;
	char *err = NULL;
	const Client *near = NULL;
	bool read = clients_read(&all, &err);
	if (read)
		near = clients_near(&all, typed);
	if (near)
		cmd_error(who, "no client '%s' in the journal; did you mean '%s'?\n", typed, near->name);
	else
		cmd_error(who, "no client '%s' in the journal\n", typed);
	if (read)
		clients_free(&all);
	free(err);
}

char *cmd_client_folder(const char *who, const char *typed)
{
	char *err = NULL;
	char *folder = journal_folder(typed, false, &err);
	if (folder)
		return folder;
	if (errno == ENOENT)
		cmd_no_client(who, typed);
	else /* there, but not a folder tandem may use: a link, a folder it cannot open */
		cmd_error(who, "%s\n", err);
	free(err);
	return NULL;
}

char *cmd_quote(const char *s)
{
	bool plain = *s != '\0';
	for (const char *p = s; *p && plain; p++)
		plain = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		        (*p >= '0' && *p <= '9') || strchr("-_./@+:", *p) || (unsigned char)*p >= 0x80;
	if (plain)
		return xstrdup(s);
	Buf b = { 0 };
	buf_addc(&b, '\'');
	for (const char *p = s; *p; p++)
		buf_adds(&b, *p == '\'' ? "'\\''" : (char[]){ *p, '\0' });
	buf_addc(&b, '\'');
	return buf_take(&b);
}

/* The number of a session as typed after the client's name: 1 to n. */
static bool session_number(const char *s, size_t n, size_t *k)
{
	char *end;
	long v = strtol(s, &end, 10);
	if (!*s || *end || v < 1 || (size_t)v > n)
		return false;
	*k = (size_t)v;
	return true;
}

char *cmd_session_path(const char *who, const char *arg, const char *nth)
{
	struct stat st;
	if (!nth && stat(arg, &st) == 0)
		return xstrdup(arg); /* a transcript's path, as ever */
	char *name = nth || !strchr(arg, '/') ? NULL : cmd_client_name(arg);
	if (!nth && strchr(arg, '/') && !name)
		return xstrdup(arg); /* a path that is not there: its opening says so */
	free(name); /* a client whose name holds a '/' ("AC/DC") */
	if (!cmd_journal_ready(who, NULL))
		return NULL;
	char *err = NULL;
	char *folder = journal_folder(arg, false, &err);
	if (!folder) {
		cmd_error(who, "no transcript '%s' and no client of that name in the journal\n", arg);
		free(err);
		return NULL;
	}
	Journal j; /* journal_read empties it first, even when it fails */
	char *path = NULL;
	size_t k = 0;
	if (!cmd_journal_read(who, folder, &j)) {
		/* said */
	} else if (j.n == 0) {
		cmd_error(who, "the journal of '%s' holds no session yet\n", arg);
	} else if (nth && !session_number(nth, j.n, &k)) {
		cmd_error(who, "'%s' is no session of '%s': give a number from 1 to %zu\n", nth, arg,
		          j.n);
	} else {
		path = xstrdup(j.v[(k ? k : j.n) - 1].path);
	}
	journal_free(&j);
	free(folder);
	return path;
}
