/*
 * cmd_clients: `tandem clients`, one line per client of the journal: the
 * name as first typed, the last session (its date and dialogue), the open
 * commitments and how many are overdue (due before today), and where the
 * engagement stands: framed (a framing, nothing since), in progress, or
 * closed (a closing completed after the last framing).
 */
#include <stdlib.h>
#include <string.h>

#include "clients.h"
#include "clock.h"
#include "cmd.h"
#include "i18n.h"
#include "out.h"
#include "utf8.h"
#include "util.h"

/* s cleaned for the terminal, then spaces up to `width` columns (display
 * columns: an accented letter is one), then a space. */
static void cell(const char *s, size_t width)
{
	char *clean = utf8_sanitize(s, strlen(s));
	size_t w = utf8_width(clean, strlen(clean));
	out_printf(stdout, "%s%*s ", clean, (int)(w < width ? width - w : 0), "");
	free(clean);
}

/* Where an engagement stands, from its sessions in start order. */
static const char *stage(const Journal *j)
{
	size_t framed = SIZE_MAX;
	for (size_t i = 0; i < j->n; i++)
		if (str_eq(j->v[i].t->dialogue.id, "framing"))
			framed = i;
	for (size_t i = framed == SIZE_MAX ? 0 : framed; i < j->n; i++)
		if (str_eq(j->v[i].t->dialogue.id, "closing") && j->v[i].t->status == TR_COMPLETE)
			return _("closed");
	if (framed != SIZE_MAX && framed == j->n - 1)
		return _("framed");
	return j->n ? _("in progress") : _("no session yet");
}

/* Open commitments of j, and how many of them are due before today. */
static void count_open(const Journal *j, const char *today, size_t *open, size_t *overdue)
{
	Standing *v;
	size_t n = journal_commitments(j, j->n, &v);
	*open = *overdue = 0;
	for (size_t i = 0; i < n; i++) {
		if (!commitment_is_open(v[i].status))
			continue;
		(*open)++;
		*overdue += v[i].due && strcmp(v[i].due, today) < 0; /* as renegotiated */
	}
	free(v);
}

static void put_client(const Client *c, const char *today)
{
	char *home = journal_home();
	char *folder = xasprintf("%s/%s", home, c->folder);
	free(home);
	Journal j;
	char *err = NULL;
	cell(c->name, 24);
	if (!journal_read(&j, folder, NULL, &err)) {
		out_printf(stdout, "%s\n", err);
		free(err);
		free(folder);
		return;
	}
	if (j.n) {
		const Tread *last = j.v[j.n - 1].t;
		char day[16];
		clock_date(last->started, day);
		cell(day, 10);
		cell(last->dialogue.id, 14);
	} else {
		cell("-", 10);
		cell("-", 14);
	}
	size_t open, overdue;
	count_open(&j, today, &open, &overdue);
	char *counts = overdue ? xasprintf(_("%zu open, %zu overdue"), open, overdue)
	                       : xasprintf(_("%zu open"), open);
	cell(counts, 22);
	out_printf(stdout, "%s\n", stage(&j));
	free(counts);
	journal_free(&j);
	free(folder);
}

int cmd_clients(int argc, char **argv)
{
	(void)argv;
	if (argc > 0) {
		out_puts(_("usage: tandem clients\n"), stderr);
		return EXIT_USAGE;
	}
	if (!cmd_journal_ready("tandem clients"))
		return EXIT_RUNTIME;
	Clients all;
	char *err = NULL;
	if (!clients_read(&all, &err)) {
		cmd_error("tandem clients", "%s\n", err);
		free(err);
		return EXIT_RUNTIME;
	}
	if (all.n == 0)
		out_puts(_("No client yet: `tandem run DIALOGUE --client NAME` starts a journal.\n"),
		         stdout);
	else {
		cell(_("Client"), 24);
		cell(_("Last"), 10);
		cell(_("Dialogue"), 14);
		cell(_("Commitments"), 22);
		out_printf(stdout, "%s\n", _("Engagement"));
	}
	char today[16];
	clock_date(clock_now(), today);
	for (size_t i = 0; i < all.n; i++)
		put_client(&all.v[i], today);
	clients_free(&all);
	return EXIT_OK;
}
