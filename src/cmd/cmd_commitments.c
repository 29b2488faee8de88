/*
 * cmd_commitments: a client's commitments between sessions.
 *
 *   tandem commitments CLIENT                  each with its id and status
 *   tandem done CLIENT ID                      kept
 *   tandem drop CLIENT ID                      let go
 *   tandem renegotiate CLIENT ID --when DATE   a new "by when?"
 *
 * A change is recorded in the client's folder (changes.h) with today's
 * date, and the next session's review starts from it. Nothing is written
 * when the client, the id or the date is not found, or when the
 * commitment is closed already; a renegotiated date already past is
 * taken, with a warning.
 */
#include <stdlib.h>
#include <string.h>

#include "changes.h"
#include "clock.h"
#include "cmd.h"
#include "deadline.h"
#include "i18n.h"
#include "options.h"
#include "out.h"
#include "jlock.h"
#include "suggest.h"
#include "utf8.h"
#include "util.h"

/*
 * The client's journal, read; NULL folder (said) when there is none. With
 * lock (a change to record), the folder is held first, as a session holds
 * it: a change is not made while a session reviews the same commitments,
 * nor while the journal is sealed in place (tandem key encrypt-all).
 */
static char *open_client(const char *who, const char *client, Journal *j, JournalLock **lock)
{
	*j = (Journal){ 0 };
	if (!cmd_journal_ready(who, NULL))
		return NULL;
	char *err = NULL;
	char *folder = journal_folder(client, false, &err);
	if (!folder) {
		cmd_error(who, "no client '%s' in the journal\n", client);
		free(err);
		return NULL;
	}
	if (lock && !(*lock = jlock_take(folder, &err))) {
		cmd_error(who, "%s; nothing was changed\n", err);
		free(err);
		free(folder);
		return NULL;
	}
	if (!cmd_journal_read(who, folder, j)) {
		if (lock)
			jlock_release(*lock);
		free(folder);
		return NULL;
	}
	return folder;
}

static void put(const char *s)
{
	char *clean = utf8_sanitize(s ? s : "", s ? strlen(s) : 0);
	out_puts(clean, stdout);
	free(clean);
}

static void put_one(const Standing *st, const char *today)
{
	out_printf(stdout, "%s  ", st->c->id);
	const char *label = review_status_label(st->status, NULL);
	out_printf(stdout, "%-12s ", label ? label : st->status);
	put(st->c->what);
	out_puts(_("\n    by when: "), stdout);
	put(st->when);
	if (commitment_is_open(st->status) && st->due && strcmp(st->due, today) < 0)
		out_printf(stdout, _(" (overdue since %s)"), st->due);
	else if (!st->due)
		out_puts(_(" (undated)"), stdout);
	if (st->c->measure && *st->c->measure) {
		out_puts(_("; how we will know: "), stdout);
		put(st->c->measure);
	}
	fputc('\n', stdout);
}

static int list(const char *client)
{
	Journal j;
	char *folder = open_client("tandem commitments", client, &j, NULL);
	if (!folder)
		return EXIT_INVALID;
	Standing *v;
	size_t n = journal_commitments(&j, j.n, &v);
	char today[16];
	clock_date(clock_now(), today);
	if (n == 0)
		out_puts(_("No commitment yet.\n"), stdout);
	for (int open = 1; open >= 0; open--)
		for (size_t i = 0; i < n; i++)
			if (commitment_is_open(v[i].status) == open)
				put_one(&v[i], today);
	free(v);
	journal_free(&j);
	free(folder);
	return EXIT_OK;
}

/* The standing of the commitment `id` among v, or NULL (said, with the
 * nearest id when one is close). */
static const Standing *find(const char *who, const Standing *v, size_t n, const char *id,
                            const char *client)
{
	const char **ids = xcalloc(n ? n : 1, sizeof(*ids));
	const Standing *found = NULL;
	for (size_t i = 0; i < n; i++) {
		ids[i] = v[i].c->id;
		if (str_eq(ids[i], id))
			found = &v[i];
	}
	const char *near = found ? NULL : suggest(id, ids, n);
	if (!found && near)
		cmd_error(who, "no commitment '%s' for '%s'; did you mean '%s'?\n", id, client, near);
	else if (!found)
		cmd_error(who, "no commitment '%s' for '%s' (tandem commitments '%s' lists them)\n",
		          id, client, client);
	free(ids);
	return found;
}

/* Records status for the commitment id of client; when and due for a
 * renegotiation. */
static int change(const char *who, const char *client, const char *id, const char *to,
                  const char *when, const char *due)
{
	Journal j;
	JournalLock *lock = NULL;
	char *folder = open_client(who, client, &j, &lock);
	if (!folder)
		return EXIT_INVALID;
	Standing *v;
	size_t n = journal_commitments(&j, j.n, &v);
	const Standing *st = j.changes_read ? find(who, v, n, id, client) : NULL;
	int status = EXIT_INVALID;
	char *err = NULL;
	if (!j.changes_read) {
		cmd_error(who, "the changes already recorded for '%s' cannot be read (%s); nothing "
		               "was changed\n", client, CHANGES_FILE);
		status = EXIT_RUNTIME;
	} else if (st && !commitment_is_open(st->status)) {
		const char *label = review_status_label(st->status, NULL);
		cmd_error(who, "'%s' is closed already (%s); nothing was changed\n", id,
		          label ? label : st->status);
	} else if (st) {
		Change c = { .commitment = (char *)id, .status = (char *)to, .when = (char *)when,
		             .due = (char *)due, .at = clock_now() };
		if (changes_append(folder, &c, &err)) {
			const char *label = review_status_label(to, NULL);
			out_printf(stdout, _("'%s': %s, recorded for the next session.\n"), st->c->what,
			           label ? label : to);
			status = EXIT_OK;
		} else {
			cmd_error(who, "%s; nothing was changed\n", err);
			free(err);
			status = EXIT_RUNTIME;
		}
	}
	free(v);
	journal_free(&j);
	jlock_release(lock);
	free(folder);
	return status;
}

static int usage(const char *who)
{
	cmd_usage(stderr, who);
	return EXIT_USAGE;
}

int cmd_commitments(const char *verb, int argc, char **argv)
{
	if (str_eq(verb, "commitments"))
		return argc == 1 && argv[0][0] != '-' ? list(argv[0]) : usage(verb);
	const char *when = NULL, *pos[2] = { NULL, NULL };
	size_t npos = 0;
	for (int i = 0; i < argc; i++) {
		const char *v = option_value(argc, argv, &i, "--when");
		if (v && str_eq(verb, "renegotiate"))
			when = v;
		else if (v || argv[i][0] == '-' || npos == 2)
			return usage(verb);
		else
			pos[npos++] = argv[i];
	}
	if (npos != 2 || (str_eq(verb, "renegotiate") && (!when || !*when)))
		return usage(verb);
	char *who = xasprintf("tandem %s", verb);
	int status;
	if (str_eq(verb, "done")) {
		status = change(who, pos[0], pos[1], "done", NULL, NULL);
	} else if (str_eq(verb, "drop")) {
		status = change(who, pos[0], pos[1], "dropped", NULL, NULL);
	} else {
		char due[11], today[16];
		clock_date(clock_now(), today);
		if (!deadline_read(when, i18n_locale_lang(), clock_now(), due)) {
			cmd_error(who, "'%s' is no date tandem can read (write 2026-12-20, or "
			               "a weekday, or \"in 2 weeks\"); nothing was changed\n", when);
			status = EXIT_USAGE;
		} else {
			if (strcmp(due, today) < 0)
				cmd_error(who, "warning: %s is already past\n", due);
			status = change(who, pos[0], pos[1], "renegotiated", when, due);
		}
	}
	free(who);
	return status;
}
