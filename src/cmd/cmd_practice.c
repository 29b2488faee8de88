/*
 * cmd_practice: `tandem practice-log [--client NAME]`, a trainee's
 * practice sessions over time.
 *
 * The sessions are those of one journal folder: the client's with
 * --client, else the person's own (where `tandem run` files a session run
 * without a client). Sessions of the other modes are left out. One line
 * per practice session, in start order: its date and time (local), its
 * dialogue, the score as the session counts it (the key points covered
 * and asked at the last attempt of each step), a mark when it was paused
 * or interrupted, and the points it missed: those missed in the most
 * sessions first, a few of them, then how many more. A session of a
 * transcript that kept the counts alone says its points were not
 * recorded. Then the points missed most often over all the sessions.
 *
 * Words are in the locale's language (i18n.h); every text that comes from
 * a transcript is cleaned by out.c on its way out.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cmd.h"
#include "i18n.h"
#include "journal.h"
#include "map.h"
#include "options.h"
#include "out.h"
#include "util.h"

/* How many points a session's line names; how many the summary lists. */
enum { NAMED_PER_SESSION = 3, NAMED_MOST_OFTEN = 5 };

/* One practice session, as the log counts it. */
typedef struct Practised {
	const JournalEntry *e;
	int covered, asked;
	size_t *missed;      /* the points missed, as numbers of Log.points */
	size_t nmissed;
	bool named;          /* the transcript names its points */
} Practised;

typedef struct Log {
	const char *lang;
	Practised *v;
	size_t n, cap;
	Map points;          /* every point missed, in the order first met */
	size_t *sessions;    /* for each point: how many sessions missed it */
	size_t cap_sessions;
} Log;

static int usage(const char *why, const char *arg)
{
	if (why) {
		out_puts("tandem practice-log: ", stderr);
		out_printf(stderr, why, arg);
		fputc('\n', stderr);
	}
	cmd_usage(stderr, "practice-log");
	return EXIT_USAGE;
}

/* Adds point to s's missed points, once, and counts the session for it. */
static void add_missed(Log *log, Practised *p, const char *point)
{
	size_t k = map_add(&log->points, point, NULL);
	if (k >= log->cap_sessions) {
		size_t was = log->cap_sessions;
		GROW(log->sessions, log->cap_sessions, k + 1);
		memset(log->sessions + was, 0, (log->cap_sessions - was) * sizeof(size_t));
	}
	for (size_t i = 0; i < p->nmissed; i++)
		if (p->missed[i] == k)
			return;
	p->missed = xrealloc(p->missed, (p->nmissed + 1) * sizeof(size_t));
	p->missed[p->nmissed++] = k;
	log->sessions[k]++;
}

/* A practice session's score and points: each step's last attempt. The
 * journal keeps no turns, so the transcript is read for them. */
static void count(Log *log, const JournalEntry *e)
{
	Diags quiet = { 0 }; /* the journal reported it when it was read */
	Tread *t = tread_load(e->path, &quiet);
	diags_free(&quiet);
	if (!t)
		return;
	GROW(log->v, log->cap, log->n + 1);
	Practised *p = &log->v[log->n++];
	*p = (Practised){ .e = e, .named = true };
	for (size_t i = 0; i < t->nturns; i++) {
		const Turn *u = &t->turns[i];
		if (u->asked == 0 || turn_superseded(t->turns, t->nturns, i))
			continue;
		p->covered += u->covered;
		p->asked += u->asked;
		if (u->covered < u->asked && !u->nmissed_points)
			p->named = false; /* written before the points were recorded */
		for (size_t k = 0; k < u->nmissed_points; k++)
			add_missed(log, p, u->missed_points[k]);
	}
	tread_free(t);
}

/* Sorts points (numbers of log->points) by how many sessions missed them,
 * most first, then in the order first met. Lists are short. */
static void sort_by_sessions(const Log *log, size_t *v, size_t n)
{
	for (size_t i = 1; i < n; i++) {
		size_t k = v[i], j = i;
		for (; j > 0 && (log->sessions[v[j - 1]] < log->sessions[k] ||
		                 (log->sessions[v[j - 1]] == log->sessions[k] && v[j - 1] > k));
		     j--)
			v[j] = v[j - 1];
		v[j] = k;
	}
}

static void put_missed(const Log *log, const Practised *p)
{
	out_printf(stdout, "  %s ", msg(log->lang, MSG_PLOG_MISSED));
	if (!p->named) {
		out_puts(msg(log->lang, MSG_PLOG_NOT_RECORDED), stdout);
		return;
	}
	if (!p->nmissed) {
		out_puts(msg(log->lang, MSG_PLOG_NOTHING_MISSED), stdout);
		return;
	}
	sort_by_sessions(log, p->missed, p->nmissed);
	for (size_t i = 0; i < p->nmissed && i < NAMED_PER_SESSION; i++)
		out_printf(stdout, "%s%s", i ? "; " : "", map_key(&log->points, p->missed[i]));
	if (p->nmissed > NAMED_PER_SESSION) {
		fputc(' ', stdout);
		out_printf(stdout, msg(log->lang, MSG_PLOG_MORE), p->nmissed - NAMED_PER_SESSION);
	}
}

static void put_session(const Log *log, const Practised *p, int width)
{
	char when[32];
	struct tm tm;
	localtime_r(&p->e->started, &tm);
	strftime(when, sizeof(when), "%Y-%m-%d %H:%M", &tm);
	char score[32], percent[8] = "";
	snprintf(score, sizeof(score), "%d/%d", p->covered, p->asked);
	if (p->asked > 0)
		snprintf(percent, sizeof(percent), "%d%%", (p->covered * 100 + p->asked / 2) / p->asked);
	out_printf(stdout, "  %s  %-*s  %7s %4s", when, width, p->e->dialogue_id, score, percent);
	if (p->e->status != TR_COMPLETE)
		out_printf(stdout, "  (%s)", msg(log->lang, p->e->status == TR_PAUSED
		                                            ? MSG_REPORT_PAUSED
		                                            : MSG_PLOG_INTERRUPTED));
	if (p->asked > 0) /* no step phrased yet: nothing to miss */
		put_missed(log, p);
	fputc('\n', stdout);
}

/* The points missed in the most sessions, over all of them. */
static void put_most_often(const Log *log)
{
	size_t n = map_count(&log->points);
	if (n == 0)
		return;
	size_t *v = xcalloc(n, sizeof(size_t));
	for (size_t i = 0; i < n; i++)
		v[i] = i;
	sort_by_sessions(log, v, n);
	out_printf(stdout, "\n%s\n", msg(log->lang, MSG_PLOG_MOST_OFTEN));
	for (size_t i = 0; i < n && i < NAMED_MOST_OFTEN; i++) {
		out_puts("  ", stdout);
		out_printf(stdout, msg(log->lang, MSG_PLOG_SESSIONS), log->sessions[v[i]], log->n);
		out_printf(stdout, "  %s\n", map_key(&log->points, v[i]));
	}
	free(v);
}

static void log_free(Log *log)
{
	for (size_t i = 0; i < log->n; i++)
		free(log->v[i].missed);
	free(log->v);
	free(log->sessions);
	map_free(&log->points);
}

static int show_log(const char *lang, const char *folder)
{
	Journal j;
	if (!cmd_journal_read("tandem practice-log", folder, &j))
		return EXIT_INVALID;
	Log log = { .lang = lang };
	int width = 0;
	for (size_t i = 0; i < j.n; i++) {
		const JournalEntry *e = &j.v[i];
		if (e->mode != MODE_PRACTICE)
			continue;
		count(&log, e);
		int w = (int)strlen(e->dialogue_id);
		width = w > width ? w : width;
	}
	if (log.n == 0) {
		out_printf(stdout, msg(lang, MSG_PLOG_NONE), folder);
		fputc('\n', stdout);
	} else {
		out_printf(stdout, msg(lang, MSG_PLOG_HEADING), log.n, folder);
		fputc('\n', stdout);
		for (size_t i = 0; i < log.n; i++)
			put_session(&log, &log.v[i], width);
		put_most_often(&log);
	}
	log_free(&log);
	journal_free(&j);
	return EXIT_OK;
}

int cmd_practice_log(int argc, char **argv)
{
	char *lang = xstrdup(i18n_locale_lang());
	const char *client = NULL;
	int status = EXIT_OK;
	for (int i = 0; i < argc && status == EXIT_OK; i++) {
		const char *v = option_value(argc, argv, &i, "--client");
		if (v && *v)
			client = v;
		else if (v || (argv[i][0] == '-' && argv[i][1]))
			status = usage(msg(lang, MSG_PLOG_BAD_OPTION), argv[i]);
		else
			status = usage(msg(lang, MSG_PLOG_NO_ARGUMENT), argv[i]);
	}
	char *err = NULL, *folder = NULL;
	if (status == EXIT_OK)
		(void)cmd_journal_ready("tandem practice-log", &status);
	if (status == EXIT_OK && !(folder = journal_folder(client, false, &err))) {
		out_printf(stderr, "tandem practice-log: %s\n", err);
		if (!client)
			out_printf(stderr, "  %s\n", msg(lang, MSG_PLOG_OWN_JOURNAL));
		free(err);
		status = EXIT_INVALID;
	}
	if (folder)
		status = show_log(lang, folder);
	free(folder);
	free(lang);
	return status;
}
