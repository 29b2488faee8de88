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
		*overdue += v[i].c->due && strcmp(v[i].c->due, today) < 0;
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
	char *name = utf8_sanitize(c->name, strlen(c->name));
	out_printf(stdout, "%-24s ", name);
	free(name);
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
		char *title = utf8_sanitize(last->dialogue.id, strlen(last->dialogue.id));
		out_printf(stdout, "%s  %-12s ", day, title);
		free(title);
	} else {
		out_printf(stdout, "%-10s  %-12s ", "-", "-");
	}
	size_t open, overdue;
	count_open(&j, today, &open, &overdue);
	char *counts = overdue ? xasprintf(_("%zu open, %zu overdue"), open, overdue)
	                       : xasprintf(_("%zu open"), open);
	out_printf(stdout, "%-22s %s\n", counts, stage(&j));
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
	else
		out_printf(stdout, "%-24s %-10s  %-12s %-22s %s\n", _("Client"), _("Last"),
		           _("Dialogue"), _("Commitments"), _("Engagement"));
	char today[16];
	clock_date(clock_now(), today);
	for (size_t i = 0; i < all.n; i++)
		put_client(&all.v[i], today);
	clients_free(&all);
	return EXIT_OK;
}
