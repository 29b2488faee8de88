/*
 * cmd_resume: `tandem resume TRANSCRIPT`, a paused or interrupted session
 * taken up where it stopped.
 *
 * Why replay rather than a saved state: the session is a function of its
 * dialogue, configuration, start time and inputs (session.h), all of which
 * the transcript records. Replaying the recorded turns into a fresh
 * session rebuilds every variable, draw, commitment and score exactly, and
 * goes on by node id when the dialogue was edited in between. The file is
 * then taken over as it is: cut back to its whole turns (dropping a torn
 * tail, or the closing part of a pause) and appended to, so that the
 * finished file is the one an uninterrupted run would have written, but
 * for an item recording the pause (written at once, so that a crash from
 * here on does not count the pause as time the session ran).
 *
 * Nothing is changed on disk until every check has passed: a transcript in
 * use, complete, unreadable, or whose turns no longer fit the dialogue is
 * left exactly as it was. The file is held under flock from the first
 * read to the last write, so that two resumes cannot interleave.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "clock.h"
#include "cmd.h"
#include "dialogue.h"
#include "fileio.h"
#include "i18n.h"
#include "journal.h"
#include "library.h"
#include "out.h"
#include "session.h"
#include "transcript.h"

#define ME "tandem resume"

static int usage(const char *why)
{
	if (why)
		cmd_error(ME, "%s\n", why);
	cmd_usage(stderr, "resume");
	return EXIT_USAGE;
}

/* Whether a failed open says something of the path given (1: a wrong
 * argument) rather than of the machine (3: a runtime error). */
static bool path_error(int e)
{
	return e == ENOENT || e == ENOTDIR || e == ELOOP || e == EINVAL || e == EISDIR ||
	       e == ENAMETOOLONG;
}

/* The transcript, opened for reading and writing and locked; -1 (said)
 * when it cannot be, or is in use, with *status the exit status. */
static int open_locked(const char *path, int *status)
{
	const char *why;
	*status = EXIT_INVALID;
	int fd = file_open(path, O_RDWR | O_NOFOLLOW, &why);
	if (fd < 0) {
		if (!path_error(errno))
			*status = EXIT_RUNTIME;
		if (errno == ELOOP)
			cmd_error(ME, "'%s' is a symbolic link, and a transcript is never "
			                "written through one\n", path);
		else
			cmd_error(ME, "cannot open '%s': %s\n", path, why);
		return -1;
	}
	if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
		if (errno == EWOULDBLOCK) {
			cmd_error(ME, "'%s' is in use: a session is running on it "
			                "(another tandem holds it)\n", path);
		} else {  /* the machine's reason (ENOLCK), not the file's */
			cmd_error(ME, "cannot lock '%s': %s\n", path, strerror(errno));
			*status = EXIT_RUNTIME;
		}
		close(fd);
		return -1;
	}
	return fd;
}

/* The transcript, read back; NULL (said) when it cannot be resumed, with
 * *status the exit status: 3 when it could not be read, else 1. */
static Tread *read_transcript(int fd, const char *path, int *status)
{
	*status = EXIT_INVALID;
	struct stat st;
	if (fstat(fd, &st) == 0 && st.st_size == 0) { /* killed as it was made */
		cmd_error(ME, "'%s' is empty: the session stopped before anything was "
		                "recorded; start it again with tandem run\n", path);
		return NULL;
	}
	Diags diags = { 0 };
	int io_error;
	Tread *t = tread_load_fd(fd, path, &diags, &io_error);
	if (io_error)
		*status = EXIT_RUNTIME;
	diags_report(&diags, DIAG_NO_QUOTE);  /* a transcript: a client's words */
	diags_free(&diags);
	if (t && t->status == TR_COMPLETE) {
		cmd_error(ME, "the session in '%s' is complete (ended %s): nothing to "
		                "resume\n", path, t->ended_iso);
		tread_free(t);
		return NULL;
	}
	return t;
}

/*
 * The dialogue's file: where it was when the session began, else the
 * dialogue of that id in the library (it moved). Heap path, or NULL (said).
 */
static char *find_dialogue(const Tread *t, const Library *lib)
{
	struct stat st;
	if (stat(t->dialogue.file, &st) == 0)
		return xstrdup(t->dialogue.file);
	char *path = library_find(lib, t->dialogue.id, t->dialogue.lang ? t->dialogue.lang : "en");
	if (path)
		cmd_error(ME, "the dialogue is no longer at '%s'; using '%s', dialogue "
		                "'%s' of the library\n", t->dialogue.file, path, t->dialogue.id);
	else
		cmd_error(ME, "the dialogue of this session is gone: '%s' does not exist, "
		                "and the library has no dialogue '%s'\n",
		        t->dialogue.file, t->dialogue.id);
	return path;
}

/* Whether the node of qualified id `qid` is in d (or, for a node inside
 * a call, whether the call is: its callee is checked by the replay). */
static bool node_exists(const Dialogue *d, const char *qid)
{
	if (dialogue_find(d, qid) != NO_NODE)
		return true;
	const char *dot = strchr(qid, '.');
	if (!dot)
		return false;
	char *top = xstrndup(qid, (size_t)(dot - qid));
	bool found = dialogue_find(d, top) != NO_NODE;
	free(top);
	return found;
}

/* Says why turn i no longer fits the dialogue d; nothing was changed. */
static void misfit(const Tread *t, size_t i, const Dialogue *d)
{
	const char *node = t->turns[i].node;
	if (!node_exists(d, node) && i + 1 == t->nturns)
		cmd_error(ME, "the node '%s', where this session stopped, no longer exists "
		                "in the dialogue '%s'\n", node, d->path);
	else if (!node_exists(d, node))
		cmd_error(ME, "the node '%s' (turn %zu of %zu) no longer exists in the "
		                "dialogue '%s'\n", node, i + 1, t->nturns, d->path);
	else
		cmd_error(ME, "turn %zu of %zu (node '%s') no longer fits the dialogue '%s' "
		                "as it is now: its route or what it accepts has changed\n",
		        i + 1, t->nturns, node, d->path);
	cmd_error(ME, "nothing was changed; put the dialogue back as it was to resume "
	                "this session\n");
}

/*
 * The warning for a dialogue changed since the session began: which
 * recorded questions now read differently. Prompts are the dialogue's
 * words, not the client's, so naming their nodes is safe.
 */
static void warn_changed(const Tread *t, const Session *s, const char *file)
{
	cmd_error(ME, "warning: the dialogue '%s' has changed since this session "
	                "began; going on by node id\n", file);
	Buf b = { 0 };
	size_t n = 0;
	const char *last = NULL; /* a loop's rounds name their node once */
	for (size_t i = 0; i < t->nturns; i++) {
		const char *was = t->turns[i].prompt, *now = session_turn(s, i)->prompt;
		bool same = (was == NULL) == (now == NULL) && (!was || strcmp(was, now) == 0);
		if (same || (last && strcmp(last, t->turns[i].node) == 0))
			continue;
		last = t->turns[i].node;
		if (n++ < 8)
			buf_printf(&b, "%s%s", n > 1 ? ", " : "", last);
	}
	if (n)
		cmd_error(ME, ngettext("warning: %zu question already answered now reads "
		                       "differently: %s%s\n",
		                       "warning: %zu questions already answered now read "
		                       "differently: %s%s\n", n),
		          n, buf_str(&b), n > 8 ? ", ..." : "");
	buf_free(&b);
}

/*
 * Says which turns hold an `answer:` edited by hand, one that differs from
 * what replaying their `input:` gives. The input wins: it is what the
 * session replays, and the file is written anew from it. Only turn numbers
 * and node ids are named: the answers are the client's words.
 */
static bool warn_edited(const Tread *t, const Session *s)
{
	Buf b = { 0 };
	size_t n = 0;
	for (size_t i = 0; i < t->nturns; i++) {
		const Turn *was = &t->turns[i], *now = session_turn(s, i);
		if (was->answer.kind == VAL_UNSET || val_equal(&was->answer, &now->answer))
			continue;
		if (n++ < 8)
			buf_printf(&b, "%sturn %zu (%s)", n > 1 ? ", " : "", i + 1, was->node);
	}
	if (n)
		cmd_error(ME, "warning: the answer of %s%s differs from what was typed "
		           "(its input): edited by hand? The session goes on from what was typed, "
		           "and the transcript is written anew with it; to change an answer, use "
		           "/back or edit its input\n", buf_str(&b), n > 8 ? ", ..." : "");
	buf_free(&b);
	return n > 0;
}

/* Whether path is a file of folder (both resolved). */
static bool in_folder(const char *path, const char *folder)
{
	char dir[PATH_MAX], abs[PATH_MAX];
	const char *slash = strrchr(path, '/');
	char *parent = slash ? xstrndup(path, (size_t)(slash - path) + (slash == path)) : xstrdup(".");
	bool same = realpath(parent, dir) && realpath(folder, abs) && strcmp(dir, abs) == 0;
	free(parent);
	return same;
}

/*
 * What earlier sessions left, as the first run saw it: the sessions of the
 * client's journal that started before this one. `tandem run` reads the
 * journal of a named client, and that of `self` for a session filed there;
 * so does resume.
 */
static JournalHistory *history_of(const Tread *t, const char *path, const Dialogue *d,
                                  int *status)
{
	char *err = NULL;
	char *folder = journal_folder(t->client, false, &err);
	free(err); /* no folder: no earlier session */
	if (folder && !t->client && !in_folder(path, folder)) {
		free(folder);
		folder = NULL;
	}
	JournalHistory *h = cmd_session_history(ME, folder, d, t->started, path, status);
	free(folder);
	return h;
}

/* Says what the reader dropped from the end of the file, now that it is gone. */
static void say_dropped(const Tread *t, const char *path)
{
	/* Sealed, what was dropped is whole encrypted parts: no line to name. */
	if (t->sealed_refused)
		cmd_error(ME, "a part of '%s' does not open with the key: it was altered, moved, or "
		              "taken from another file; it and all that follows were dropped; whole "
		              "turns kept: %zu\n", path, t->nturns);
	else if (t->sealed_torn)
		cmd_error(ME, "the end of '%s' was cut short (a crash while it was written): its last "
		              "encrypted part was dropped; whole turns kept: %zu\n", path, t->nturns);
	if (!t->torn.torn)
		return;
	cmd_error(ME, "the end of '%s' was cut short (a crash while it was written): "
	              "dropped %zu bytes from line %u on, %s; whole turns kept: %zu\n",
	          path, t->torn.dropped, t->torn.line,
	          t->torn.in_closing ? _("an unfinished closing part") : _("a turn not fully written"),
	          t->nturns);
}

/*
 * Records on disk the pauses the file does not hold as items: those of an
 * older tandem's closing part, cut off with it, and this one, from when the
 * session stopped (its end, else its last item) to now. A resume at the
 * very moment it stopped (a fixed clock) was no pause.
 */
static bool add_pauses(Transcript *tr, const Tread *t, const Session *s)
{
	size_t old = t->npauses - t->npause_items, n = old;
	TrPause *v = xcalloc(old + 1, sizeof(*v));
	if (old)
		memcpy(v, t->pauses + t->npause_items, old * sizeof(*v));
	time_t stopped = tread_stopped(t), now = clock_now();
	if (now > stopped)
		v[n++] = (TrPause){ .paused = stopped, .resumed = now };
	char *err = NULL;
	bool ok = transcript_add_pauses(tr, s, v, n, &err);
	if (!ok)
		cmd_error(ME, "%s\n", err);
	free(err);
	free(v);
	return ok;
}

/* Takes the file over (fd: *fd, -1 once taken) and runs the session on. */
static int take_over(const char *path, int *fd, const Tread *t, Session *s)
{
	const Dialogue *d = session_dialogue(s);
	if (t->dialogue.sha256 && strcmp(t->dialogue.sha256, d->sha256) != 0)
		warn_changed(t, s, d->path);
	/* SIZE_MAX: write the file anew rather than append to edited turns. */
	size_t keep = warn_edited(t, s) ? SIZE_MAX : t->turns_end;
	char *err = NULL;
	Transcript *tr = transcript_reopen(path, *fd, s, keep, t->pauses, t->npause_items, &err);
	if (!tr) {
		cmd_error(ME, "%s\n", err);
		free(err);
		return EXIT_RUNTIME;
	}
	*fd = -1;
	if (!add_pauses(tr, t, s)) {
		transcript_close(tr);
		return EXIT_RUNTIME;
	}
	i18n_use(d->lang);  /* the banner already speaks the session's language */
	say_dropped(t, path);
	char date[16];
	clock_date(t->started, date);
	if (t->client)
		out_printf(stdout, ngettext("Resuming \"%s\" with %s, begun %s: %zu turn so far.\n\n",
		                            "Resuming \"%s\" with %s, begun %s: %zu turns so far.\n\n",
		                            t->nturns),
		           d->title, t->client, date, t->nturns);
	else
		out_printf(stdout, ngettext("Resuming \"%s\", begun %s: %zu turn so far.\n\n",
		                            "Resuming \"%s\", begun %s: %zu turns so far.\n\n",
		                            t->nturns),
		           d->title, date, t->nturns);
	return cmd_session_run(s, tr, path);
}

static void say_error(void *ctx, ShowKind kind, const char *text)
{
	(void)ctx;
	if (kind == SHOW_ERROR)
		cmd_error(ME, "%s\n", text);
}

/* Says why replaying the turns stopped before turn n + 1 of total: the
 * dialogue's work between two answers met a bound (it loops, or the
 * machine is too busy for it); nothing was changed. */
static void rebuild_stopped(Session *s, size_t n, size_t total)
{
	cmd_error(ME, "rebuilding the session stopped at turn %zu of %zu:\n", n + 1,
	           total);
	session_flush(s, say_error, NULL);
	cmd_error(ME, "nothing was changed\n");
}

/* Rebuilds the session of t over d and goes on with it. */
static int go_on(const char *path, int *fd, const Tread *t, const Dialogue *d)
{
	int status = EXIT_INVALID;
	JournalHistory *h = history_of(t, path, d, &status);
	if (!h)
		return status;
	SessionConfig cfg = { .mode = t->mode, .client = t->client, .seed = t->seed,
	                      .now = clock_now, .history = journal_history_get(h) };
	Session *s = session_new_at(d, &cfg, t->started);
	size_t n = session_replay(s, t->turns, t->nturns);
	if (n < t->nturns && session_status(s) == STATUS_FAILED) {
		rebuild_stopped(s, n, t->nturns);
		status = EXIT_RUNTIME;
	} else if (n < t->nturns) {
		misfit(t, n, d);
	} else {
		/* Notes typed for the question left waiting wait with it again. */
		session_replay_notes(s, t->notes, t->nnotes, t->noted_at);
		status = take_over(path, fd, t, s);
	}
	session_free(s);
	journal_history_free(h);
	return status;
}

static int resume(const char *path, int *fd, const Tread *t)
{
	Library *lib = library_open();
	char *file = find_dialogue(t, lib);
	int status = EXIT_INVALID;
	if (file) {
		Diags diags = { 0 };
		const Dialogue *d = library_load(lib, file, &diags);
		diags_report(&diags, DIAG_QUOTE);
		diags_free(&diags);
		if (d)
			status = go_on(path, fd, t, d);
	}
	library_free(lib);
	free(file);
	return status;
}

int cmd_resume(int argc, char **argv)
{
	if (argc < 1 || argc > 2)
		return usage(argc ? _("give one transcript, or a client and a session number")
		                  : _("which transcript? (tandem history CLIENT lists them)"));
	if (argv[0][0] == '-' && argv[0][1]) {
		cmd_error(ME, "unknown option '%s'\n", argv[0]);
		return usage(NULL);
	}
	if (!cmd_clock_ok(ME))
		return EXIT_USAGE;
	int status;
	if (!cmd_key_ready(ME, &status))
		return status;
	char *path = cmd_session_path(ME, argv[0], argc > 1 ? argv[1] : NULL);
	if (!path)
		return EXIT_INVALID;
	int fd = open_locked(path, &status);
	if (fd < 0) {
		free(path);
		return status;
	}
	Tread *t = read_transcript(fd, path, &status);
	if (t)
		status = resume(path, &fd, t);
	tread_free(t);
	if (fd >= 0)
		close(fd);
	free(path);
	return status;
}
