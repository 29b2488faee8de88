/*
 * cmd_history: `tandem history CLIENT`, the client's sessions and where
 * their commitments stand.
 *
 * Sessions are listed in start order with their date (local time), status
 * (complete, paused, interrupted), duration, dialogue and file; then the open
 * commitments, oldest first, with when, how it will be known, the session
 * that made each and its last review if any; then the closed ones (done or
 * dropped) with the review that closed them. Every text comes from a
 * transcript, so it is cleaned of terminal escapes before it is printed.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "clock.h"
#include "clients.h"
#include "cmd.h"
#include "i18n.h"
#include "journal.h"
#include "out.h"
#include "utf8.h"
#include "util.h"

static int usage(const char *why)
{
	if (why)
		out_printf(stderr, "tandem history: %s\n", why);
	cmd_usage(stderr, "history");
	return EXIT_USAGE;
}

/* Prints s cleaned for a terminal. */
static void put(FILE *out, const char *s)
{
	char *clean = utf8_sanitize(s ? s : "", s ? strlen(s) : 0);
	out_puts(clean, out);
	free(clean);
}

static void local_time(time_t t, const char *fmt, char *out, size_t n)
{
	struct tm tm;
	localtime_r(&t, &tm);
	strftime(out, n, fmt, &tm);
}

/* Each session on two lines, numbered as `show CLIENT N` and `resume
 * CLIENT N` take them: what it was, then its file, under the folder named
 * once; a session left paused or interrupted, the command that goes on
 * with it. */
static void put_sessions(FILE *out, const Journal *j, const char *client, const char *folder)
{
	out_printf(out, _("Sessions (%zu) in "), j->n);
	put(out, folder);
	fputc('\n', out);
	for (size_t i = 0; i < j->n; i++) {
		const JournalEntry *e = &j->v[i];
		char when[32];
		local_time(e->started, "%Y-%m-%d %H:%M", when, sizeof(when));
		out_printf(out, "%3zu ", i + 1);
		out_printf(out, _("%s  %-11s %4ld min  "), when, _(tread_status_name(e->status)),
		           (e->running + 30) / 60);
		put(out, e->title);
		const char *slash = strrchr(j->v[i].path, '/');
		out_printf(out, "\n  %18s  ", "");
		put(out, slash ? slash + 1 : j->v[i].path);
		fputc('\n', out);
		if (e->status != TR_COMPLETE) {
			char *hint = cmd_resume_hint(client, i + 1);
			out_printf(out, "  %18s  ", "");
			out_printf(out, _("to go on: %s\n"), hint);
			free(hint);
		}
	}
}

static void put_date(FILE *out, const JournalEntry *e)
{
	char day[16];
	local_time(e->started, "%Y-%m-%d", day, sizeof(day));
	out_puts(day, out);
}

/* A review's status as a coach reads it: not-done is "not done". */
static void put_status(FILE *out, const char *status)
{
	const char *label = review_status_label(status, NULL);
	if (label)
		out_puts(label, out);
	else
		put(out, status);
}

static void put_day(FILE *out, time_t t)
{
	char day[16];
	local_time(t, "%Y-%m-%d", day, sizeof(day));
	out_puts(day, out);
}

/* What last happened to c: a review in a session, or a change recorded
 * between sessions (" ; last review: partly on 2026-11-20"). */
static void put_latest(FILE *out, const Standing *c)
{
	if (c->changed) {
		out_puts(_("; recorded between sessions: "), out);
		put_status(out, c->status);
		out_puts(_(" on "), out);
		put_day(out, c->changed->at);
	} else if (c->reviewed) {
		out_puts(_("; last review: "), out);
		put_status(out, c->status);
		out_puts(_(" on "), out);
		put_date(out, c->reviewed);
	}
}

static void put_open(FILE *out, const Standing *c, const char *today)
{
	out_printf(out, "  - [%s] ", c->c->id);
	put(out, c->c->what);
	out_puts(_("\n    when: "), out);
	put(out, c->when);
	if (c->due && strcmp(c->due, today) < 0)
		out_printf(out, _(" (overdue since %s)"), c->due);
	else if (!c->due)
		out_puts(_(" (undated)"), out);
	if (c->c->measure && *c->c->measure) {
		out_puts(_("; how we will know: "), out);
		put(out, c->c->measure);
	}
	out_puts(_("\n    from the session of "), out);
	put_date(out, c->made);
	out_puts(" (", out);
	put(out, c->made->title);
	fputc(')', out);
	put_latest(out, c);
	fputc('\n', out);
}

static void put_closed(FILE *out, const Standing *c)
{
	out_printf(out, "  - [%s] ", c->c->id);
	put(out, c->c->what);
	out_puts(": ", out);
	put_status(out, c->status);
	out_puts(_(" on "), out);
	if (c->changed)
		put_day(out, c->changed->at);
	else
		put_date(out, c->reviewed);
	out_puts(_(" (made "), out);
	put_date(out, c->made);
	out_puts(")\n", out);
}

static void put_commitments(FILE *out, const Journal *j)
{
	Standing *v;
	size_t n = journal_commitments(j, j->n, &v), nopen = 0;
	char today[16];
	clock_date(clock_now(), today);
	for (size_t i = 0; i < n; i++)
		nopen += commitment_is_open(v[i].status);
	out_printf(out, _("\nOpen commitments (%zu)\n"), nopen);
	for (size_t i = 0; i < n; i++)
		if (commitment_is_open(v[i].status))
			put_open(out, &v[i], today);
	if (nopen < n) {
		out_printf(out, _("\nClosed commitments (%zu)\n"), n - nopen);
		for (size_t i = 0; i < n; i++)
			if (!commitment_is_open(v[i].status))
				put_closed(out, &v[i]);
	}
	free(v);
}

/* "Did you mean": the client of the journal whose name is close. */
static void suggest_client(const char *client)
{
	Clients all;
	char *err = NULL;
	if (!clients_read(&all, &err)) {
		free(err);
		return;
	}
	const Client *near = clients_near(&all, client);
	if (near) {
		out_puts(_("  did you mean '"), stderr);
		put(stderr, near->name);
		out_puts("'?\n", stderr);
	}
	clients_free(&all);
}

static int show_history(const char *client, const char *folder, bool rebuilt)
{
	Journal j;
	if (!cmd_journal_read("tandem history", folder, &j))
		return EXIT_INVALID;
	if (rebuilt)
		out_printf(stderr, ngettext("tandem history: index rebuilt from %zu transcript\n",
		                            "tandem history: index rebuilt from %zu transcripts\n", j.n),
		           j.n);
	put(stdout, client);
	out_puts("\n\n", stdout);
	put_sessions(stdout, &j, client, folder);
	put_commitments(stdout, &j);
	cmd_scales_print(stdout, &j);
	journal_free(&j);
	return EXIT_OK;
}

/* The client's name, and whether --rebuild was given; 0, or the usage's
 * exit status. */
static int parse(int argc, char **argv, const char **client, bool *rebuild)
{
	*client = NULL;
	*rebuild = false;
	for (int i = 0; i < argc; i++) {
		if (str_eq(argv[i], "--rebuild") && !*rebuild)
			*rebuild = true;
		else if (argv[i][0] == '-' && argv[i][1])
			return usage(NULL);
		else if (*client || !*argv[i])
			return usage(*client ? _("give one client") : NULL);
		else
			*client = argv[i];
	}
	return *client ? 0 : usage(_("whose history? give the client's name"));
}

/* Drops the client's index, so that the reading that follows rebuilds it
 * from the transcripts. */
static bool forget_index(const char *folder)
{
	if (journal_forget_index(folder))
		return true;
	cmd_error("tandem history", _("cannot remove the index of '%s': %s\n"), folder,
	          strerror(errno));
	return false;
}

int cmd_history(int argc, char **argv)
{
	const char *client;
	bool rebuild;
	int bad = parse(argc, argv, &client, &rebuild);
	if (bad)
		return bad;
	int status;
	if (!cmd_journal_ready("tandem history", &status))
		return status;
	char *err = NULL;
	char *folder = journal_folder(client, false, &err);
	if (!folder) {
		out_puts("tandem history: ", stderr);
		put(stderr, err);
		fputc('\n', stderr);
		suggest_client(client);
		free(err);
		return EXIT_INVALID;
	}
	if (rebuild && !forget_index(folder)) {
		free(folder);
		return EXIT_RUNTIME;
	}
	/* The client's name as first typed, whatever the case typed now. */
	const char *slash = strrchr(folder, '/');
	char *name = journal_client_name(slash ? slash + 1 : folder);
	status = show_history(name, folder, rebuild);
	free(name);
	free(folder);
	return status;
}
