/*
 * cmd_clients: `tandem clients [--names]`, one line per client of the journal: the
 * name as first typed, the last session (its date and dialogue), the open
 * commitments and how many are overdue (due before today), and where the
 * engagement stands (journal_stage): framed, in progress, or closed. With
 * a retention period (TANDEM_RETENTION, retention.h), the clients whose
 * last session is older are marked due for deletion, and counted last.
 */
#include <stdlib.h>
#include <string.h>

#include "clients.h"
#include "clock.h"
#include "cmd.h"
#include "i18n.h"
#include "journal.h"
#include "out.h"
#include "retention.h"
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

static const char *stage_label(Stage s)
{
	switch (s) {
	case STAGE_FRAMED: return _("framed");
	case STAGE_PROGRESS: return _("in progress");
	case STAGE_CLOSED: return _("closed");
	case STAGE_NONE: break;
	}
	return _("no session yet");
}

/* What the list is measured against: today, and the retention cutoff
 * when a period is set. */
typedef struct Now {
	char today[16];
	bool retention;
	time_t cutoff;
} Now;

/* Prints one client's line; whether they are due for deletion. */
static bool put_client(const Client *c, const Now *now)
{
	char *home = journal_home();
	char *folder = xasprintf("%s/%s", home, c->folder);
	free(home);
	JournalSummary s;
	char *err = NULL;
	cell(c->name, 24);
	if (!journal_summary(folder, &s, NULL, &err)) {
		out_printf(stdout, "%s\n", err);
		free(err);
		free(folder);
		return false;
	}
	char day[16] = "-";
	if (s.sessions)
		clock_date(s.last_started, day);
	cell(day, 10);
	cell(s.last_dialogue ? s.last_dialogue : "-", 14);
	size_t overdue = 0;
	for (size_t i = 0; i < s.nopen; i++) /* due as last renegotiated */
		overdue += s.open_due[i] && strcmp(s.open_due[i], now->today) < 0;
	char *counts = overdue ? xasprintf(_("%zu open, %zu overdue"), s.nopen, overdue)
	                       : xasprintf(_("%zu open"), s.nopen);
	cell(counts, 22);
	bool due = now->retention && s.sessions && s.last_started < now->cutoff;
	if (due)
		out_printf(stdout, "%s  %s\n", stage_label(s.stage), _("due for deletion"));
	else
		out_printf(stdout, "%s\n", stage_label(s.stage));
	free(counts);
	journal_summary_free(&s);
	free(folder);
	return due;
}

/* Today, and the retention cutoff; false (said) when TANDEM_RETENTION is
 * set but no period. */
static bool measure(Now *now)
{
	Retention r;
	clock_date(clock_now(), now->today);
	RetentionEnv env = retention_env(&r);
	if (env == RETENTION_BAD) {
		cmd_error("tandem clients", "TANDEM_RETENTION is no period: '%s' (write 3y, 18m or "
		          "90d: a whole number of years, months or days)\n", getenv(RETENTION_ENV));
		return false;
	}
	now->retention = env == RETENTION_SET;
	if (now->retention)
		now->cutoff = retention_cutoff(&r, clock_now());
	return true;
}

static void put_due_count(size_t due)
{
	char period[16];
	Retention r;
	if (retention_env(&r) != RETENTION_SET || due == 0)
		return;
	retention_text(&r, period);
	out_printf(stdout, ngettext("\n%zu client is due for deletion: their last session is "
	                            "older than %s (TANDEM_RETENTION); tandem forget --expired "
	                            "erases their journal.\n",
	                            "\n%zu clients are due for deletion: their last session is "
	                            "older than %s (TANDEM_RETENTION); tandem forget --expired "
	                            "erases their journals.\n", due),
	           due, period);
}

/*
 * --names: the names alone, one a line, for the shell's completion. It
 * reads the folders' names only, so it neither moves an earlier journal
 * nor asks for the key's passphrase: a Tab must not write, nor wait for
 * a line. A name that a terminal would not show as it is (a line break, a
 * tab, another control character, a bidi control) is left out: it could
 * not be one line, nor be typed back.
 */
static int print_names(void)
{
	Clients all;
	char *err = NULL;
	if (!clients_read(&all, &err)) {
		cmd_error("tandem clients", "%s\n", err);
		free(err);
		return EXIT_RUNTIME;
	}
	for (size_t i = 0; i < all.n; i++) {
		const char *name = all.v[i].name;
		char *clean = utf8_sanitize(name, strlen(name));
		if (str_eq(clean, name) && !strchr(name, '\n') && !strchr(name, '\t'))
			out_printf(stdout, "%s\n", name);
		free(clean);
	}
	clients_free(&all);
	return EXIT_OK;
}

int cmd_clients(int argc, char **argv)
{
	if (argc == 1 && str_eq(argv[0], "--names"))
		return print_names();
	if (argc > 0) {
		cmd_usage(stderr, "clients");
		return EXIT_USAGE;
	}
	Now now;
	if (!measure(&now))
		return EXIT_USAGE;
	int status;
	if (!cmd_journal_ready("tandem clients", &status))
		return status;
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
	size_t due = 0;
	for (size_t i = 0; i < all.n; i++)
		due += put_client(&all.v[i], &now);
	put_due_count(due);
	clients_free(&all);
	return EXIT_OK;
}
