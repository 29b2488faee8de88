/*
 * cmd_forget: a client's journal erased (erase.h).
 *
 *   tandem forget CLIENT [--yes]      the client's right to erasure
 *   tandem forget --expired [--yes]   every client whose last session is
 *                                     older than TANDEM_RETENTION
 *
 * Nothing is erased without a confirmation: at a terminal, the client's
 * name typed again (for --expired, the number of clients listed); from a
 * pipe, --yes, else the command is refused. A client whose session is
 * running (the folder's lock held) is refused and left whole.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "clients.h"
#include "clock.h"
#include "cmd.h"
#include "erase.h"
#include "fileio.h"
#include "i18n.h"
#include "jindex.h"
#include "out.h"
#include "retention.h"
#include "utf8.h"
#include "util.h"

#define ME "tandem forget"

typedef struct Options {
	const char *client;
	bool yes, expired;
} Options;

static int usage(const char *why)
{
	if (why)
		cmd_error(ME, "%s\n", why);
	cmd_usage(stderr, "forget");
	return EXIT_USAGE;
}

/* 0, or the usage's exit status. */
static int parse(int argc, char **argv, Options *o)
{
	*o = (Options){ 0 };
	for (int i = 0; i < argc; i++) {
		if (str_eq(argv[i], "--yes") && !o->yes)
			o->yes = true;
		else if (str_eq(argv[i], "--expired") && !o->expired)
			o->expired = true;
		else if (argv[i][0] == '-' || o->client || !*argv[i])
			return usage(o->client && argv[i][0] != '-' ? _("give one client") : NULL);
		else
			o->client = argv[i];
	}
	if (o->expired && o->client)
		return usage(_("give a client, or --expired, not both"));
	return o->client || o->expired ? 0 : usage(_("whose journal? give the client's name"));
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

/* TANDEM_RETENTION, which --expired needs; false (said) when it is not
 * set or not a period. */
static bool retention(Retention *r)
{
	switch (retention_env(r)) {
	case RETENTION_SET: return true;
	case RETENTION_UNSET:
		cmd_error(ME, "--expired needs a retention period: set TANDEM_RETENTION (3y, 18m, "
		              "90d: years, months, days)\n");
		return false;
	case RETENTION_BAD: break;
	}
	cmd_error(ME, "TANDEM_RETENTION is no period: '%s' (write 3y, 18m or 90d: a whole "
	              "number of years, months or days)\n", getenv(RETENTION_ENV));
	return false;
}

/* Lists the clients due for deletion, each with the date of their last
 * session. */
static void put_due(const Expired *v, size_t n, const char *period)
{
	out_printf(stdout, ngettext("%zu client's last session is older than %s "
	                            "(TANDEM_RETENTION):\n",
	                            "%zu clients' last sessions are older than %s "
	                            "(TANDEM_RETENTION):\n", n),
	           n, period);
	for (size_t i = 0; i < n; i++) {
		char day[16];
		clock_date(v[i].last, day);
		out_printf(stdout, _("  %s  last session %s\n"), v[i].client->name, day);
	}
	fflush(stdout);
}

/* Erases each of v that is still due (a session may have run since it
 * was listed); the worst exit status. */
static int erase_due(const Expired *v, size_t n, const Retention *r)
{
	int status = EXIT_OK;
	for (size_t i = 0; i < n; i++) {
		int one = EXIT_OK;
		if (!retention_still_due(&v[i], r, clock_now()))
			cmd_error(ME, "'%s' changed since it was listed: left as it is\n", v[i].client->name);
		else
			one = erase(v[i].client->name, v[i].folder);
		if (one > status)
			status = one;
	}
	return status;
}

static int forget_expired(const Options *o)
{
	Retention r;
	if (!retention(&r) || !cmd_clock_ok(ME))
		return EXIT_USAGE;
	Clients all;
	char *err = NULL;
	if (!clients_read(&all, &err)) {
		cmd_error(ME, "%s\n", err);
		free(err);
		return EXIT_RUNTIME;
	}
	Diags warns = { 0 };
	Expired *v;
	size_t n = retention_due(&all, &r, clock_now(), &v, &warns);
	diags_report(&warns, DIAG_NO_QUOTE);
	diags_free(&warns);
	char period[16];
	retention_text(&r, period);
	int status = EXIT_OK;
	if (n == 0) {
		out_printf(stdout, _("No client's last session is older than %s (TANDEM_RETENTION): "
		                     "nothing to erase.\n"), period);
	} else {
		put_due(v, n, period);
		char *count = xasprintf("%zu", n);
		status = confirm(o->yes, _("This erases their journals for good.\n"),
		                 _("Type the number of clients listed to confirm: "), count);
		free(count);
		if (status == EXIT_OK)
			status = erase_due(v, n, &r);
	}
	retention_due_free(v, n);
	clients_free(&all);
	return status;
}

int cmd_forget(int argc, char **argv)
{
	Options o;
	int bad = parse(argc, argv, &o);
	if (bad)
		return bad;
	int status = EXIT_RUNTIME;
	if (!(o.expired ? cmd_journal_ready(ME, &status) : cmd_journal_moved(ME)))
		return status;
	return o.expired ? forget_expired(&o) : forget_client(&o);
}
