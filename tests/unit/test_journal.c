/*
 * test_journal: the client journal. Test plan:
 *   - folder names: ASCII letters and accents kept, '/', a leading '.',
 *     spaces, '%', control characters (C0 and C1), invisible and
 *     bidirectional characters and invalid bytes escaped; every name comes back whole (journal_client_name), so
 *     distinct names never share a folder; empty and over-long names
 *     refused; no client is `self`;
 *   - folders: made 0700 whatever the umask; a missing folder without
 *     create is an error; a home or client folder that is a symbolic link
 *     is refused, as is a home under a regular file (ENOTDIR, which stops
 *     root too); a read-only home (skipped as root, whom modes do not
 *     stop);
 *   - new transcript paths: the start stamp and dialogue id, then -2 when
 *     the name is taken;
 *   - the history, from transcripts written as transcript_write.c writes them:
 *     commitments open until a review marks them done or dropped (partly
 *     and not-done stay open), oldest first; an interrupted session's
 *     commitments from its turns, due dates read against its start, its
 *     reviews not counted; only sessions
 *     that started before the one at hand (a resumed one leaves itself
 *     and later ones out); recalled values, latest first, top-level name
 *     before one inside a call; a file that is not a transcript skipped
 *     with a warning; a review counted at its own time (a resumed
 *     session's, after a change recorded while it was paused);
 *   - a practice session's answers and commitments left out of the history;
 *   - one session at a time: a second history of a held folder refused,
 *     naming the process that holds it, until the first is freed; a
 *     folder not made yet holds nothing;
 *   - the index: every entry as read from its transcript (NULL texts stay
 *     NULL), 0600; an entry used while its file shows the same stamp, read
 *     anew once it changed (and the index written anew); a damaged, empty
 *     or other-version index rebuilt; the summary trusted while the folder
 *     is unchanged, made anew when a session is added.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "testdir.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "clock.h"
#include "jindex.h"
#include "jlock.h"
#include "journal.h"
#include "util.h"

static char tmp[TESTDIR_MAX];

static int setup(void **state)
{
	(void)state;
	assert_true(testdir_make(tmp, "journal"));
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	int rc = testdir_remove(tmp);
	return rc == 0 ? 0 : -1;
}

/* A fresh TANDEM_HOME under tmp; heap path. */
static char *fresh_home(const char *name)
{
	char *home = xasprintf("%s/%s", tmp, name);
	setenv("TANDEM_HOME", home, 1);
	return home;
}

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static int mode_of(const char *path)
{
	struct stat st;
	assert_int_equal(lstat(path, &st), 0);
	return (int)(st.st_mode & 07777);
}

/* ---- folder names ---- */

static void check_name(const char *client, const char *want)
{
	char *err = NULL;
	char *got = journal_folder_name(client, &err);
	assert_non_null(got);
	assert_string_equal(got, want);
	char *back = journal_client_name(got);
	assert_string_equal(back, client);
	free(back);
	free(got);
}

static void test_folder_names(void **state)
{
	(void)state;
	check_name("dana", "dana");
	check_name("Dana Smith", "Dana%20Smith");
	check_name("Élodie Noël", "Élodie%20Noël");
	check_name("../etc/passwd", "%2E.%2Fetc%2Fpasswd");
	check_name(".hidden", "%2Ehidden");
	check_name("a.b-c_d@e+f", "a.b-c_d@e+f");
	check_name("50%", "50%25");
	check_name("%41", "%2541");
	check_name("tab\there", "tab%09here");
	check_name("c1\xc2\x85x", "c1%C2%85x");
	check_name("bad\xff", "bad%FF");
	check_name("rtl\xe2\x80\xae" "evil", "rtl%E2%80%AEevil");   /* U+202E */
	check_name("zw\xe2\x80\x8bj", "zw%E2%80%8Bj");           /* U+200B */
	check_name("\xef\xbb\xbf" "bom", "%EF%BB%BFbom");           /* U+FEFF */
	check_name("dash\xe2\x80\x94ok", "dash\xe2\x80\x94ok"); /* U+2014 stays */
	check_name("self", "self");

	char *err = NULL;
	char *self = journal_folder_name(NULL, &err);
	assert_string_equal(self, "self");
	free(self);
	assert_null(journal_folder_name("", &err));
	assert_non_null(strstr(err, "empty"));
	free(err);
	char long_name[300];
	memset(long_name, '/', sizeof(long_name) - 1);
	long_name[sizeof(long_name) - 1] = '\0';
	err = NULL;
	assert_null(journal_folder_name(long_name, &err));
	assert_non_null(strstr(err, "too long"));
	free(err);
}

/* ---- folders ---- */

static void test_folders_made_0700(void **state)
{
	(void)state;
	char *home = fresh_home("h1/deeper/home");
	char *err = NULL;
	assert_null(journal_folder("dana", false, &err));
	assert_non_null(strstr(err, "cannot find the journal folder"));
	free(err);
	mode_t old = umask(0277); /* would leave a folder unwritable */
	char *folder = journal_folder("dana", true, &err);
	umask(old);
	assert_non_null(folder);
	char *want = xasprintf("%s/dana", home);
	assert_string_equal(folder, want);
	assert_int_equal(mode_of(home), 0700);
	assert_int_equal(mode_of(folder), 0700);
	free(folder);
	folder = journal_folder("dana", false, &err); /* there now */
	assert_string_equal(folder, want);
	free(folder);
	free(want);
	free(home);
}

static void test_symlinks_refused(void **state)
{
	(void)state;
	char *home = fresh_home("h2");
	char *err = NULL;
	char *target = xasprintf("%s/target", tmp);
	assert_int_equal(mkdir(target, 0700), 0);
	assert_int_equal(mkdir(home, 0700), 0);
	char *link = xasprintf("%s/dana", home);
	assert_int_equal(symlink(target, link), 0);
	assert_null(journal_folder("dana", true, &err));
	assert_non_null(strstr(err, "is a symbolic link"));
	free(err);
	assert_null(journal_folder("dana", false, &err));
	assert_non_null(strstr(err, "is a symbolic link"));
	free(err);

	char *linked_home = fresh_home("h2-link");
	assert_int_equal(symlink(target, linked_home), 0);
	assert_null(journal_folder("eve", true, &err));
	assert_non_null(strstr(err, "is a symbolic link"));
	free(err);
	char *inside = xasprintf("%s/eve", target);
	struct stat st;
	assert_int_not_equal(lstat(inside, &st), 0); /* nothing made where it points */
	free(inside);
	free(linked_home);
	free(link);
	free(target);
	free(home);
}

static void test_unwritable_home(void **state)
{
	(void)state;
	char *blocker = xasprintf("%s/blocker", tmp);
	write_file(blocker, "a file\n");
	char *home = fresh_home("blocker/home");
	char *err = NULL;
	assert_null(journal_folder("dana", true, &err));
	assert_non_null(strstr(err, "cannot create the journal folder"));
	assert_non_null(strstr(err, "Not a directory"));
	free(err);
	free(home);
	free(blocker);
}

static void test_read_only_home(void **state)
{
	(void)state;
	if (geteuid() == 0)
		skip(); /* root writes through any mode; ENOTDIR above covers root */
	char *home = fresh_home("h3");
	assert_int_equal(mkdir(home, 0500), 0);
	char *err = NULL;
	assert_null(journal_folder("dana", true, &err));
	assert_non_null(strstr(err, "Permission denied"));
	free(err);
	chmod(home, 0700);
	free(home);
}

static void test_new_path(void **state)
{
	(void)state;
	char *folder = xasprintf("%s/paths", tmp);
	assert_int_equal(mkdir(folder, 0700), 0);
	time_t t;
	assert_true(clock_parse("2026-11-23T10:00:00Z", &t));
	char *a = journal_new_path(folder, "checkin", t);
	char *want = xasprintf("%s/2026-11-23T10-00-00Z-checkin.yaml", folder);
	assert_string_equal(a, want);
	write_file(a, "");
	char *b = journal_new_path(folder, "checkin", t);
	char *want2 = xasprintf("%s/2026-11-23T10-00-00Z-checkin-2.yaml", folder);
	assert_string_equal(b, want2);
	free(want2);
	free(want);
	free(b);
	free(a);
	free(folder);
}

/* ---- history ---- */

static const char header[] =
	"tandem-transcript: 1\n"
	"dialogue: {id: %s, title: \"T\", lang: en, file: \"/x.yaml\", sha256: \"00\"}\n"
	"mode: coach\nclient: \"dana\"\nseed: 1\nstarted: %s\nturns:\n";

/* A transcript in folder named NAME.yaml: header, turns text, closing text. */
static void transcript(const char *folder, const char *name, const char *id,
                       const char *started, const char *turns, const char *closing)
{
	char *path = xasprintf("%s/%s.yaml", folder, name);
	char *head = xasprintf(header, id, started);
	char *text = xasprintf("%s%s%s", head, turns, closing);
	write_file(path, text);
	free(text);
	free(head);
	free(path);
}

static const char commit_turns[] =
	"  - node: act\n    kind: commitments\n    prompt: \"What?\"\n    field: what\n"
	"    answer: \"%s\"\n    at: %s\n"
	"  - node: act\n    kind: commitments\n    prompt: \"When?\"\n    field: when\n"
	"    answer: \"%s\"\n    at: %s\n"
	"  - node: act\n    kind: commitments\n    prompt: \"How?\"\n    field: measure\n"
	"    answer: \"m\"\n    at: %s\n";

static char *folder_named(const char *name)
{
	char *folder = xasprintf("%s/%s", tmp, name);
	assert_int_equal(mkdir(folder, 0700), 0);
	/* 1st: two commitments and indicators. */
	transcript(folder, "a", "framing", "2026-11-01T10:00:00Z",
	           "  - node: energy\n    kind: ask\n    prompt: \"Energy?\"\n    answer: 7.5\n"
	           "    at: 2026-11-01T10:10:00Z\n",
	           "answers: {indicators: [\"sleep\"], checkin.feeling: \"tired\"}\n"
	           "commitments:\n"
	           "  - {id: \"c1\", what: \"Call Sam\", when: \"2026-12-01\", due: \"2026-12-01\", "
	           "measure: \"m\", status: open}\n"
	           "  - {id: \"c2\", what: \"Write\", when: \"soon\", measure: \"m\", status: open}\n"
	           "reviews: []\nstatus: complete\nended: 2026-11-01T11:00:00Z\n");
	/* 2nd: c1 partly, c2 done; a new c3; newer indicators. */
	transcript(folder, "b", "closing", "2026-11-08T10:00:00Z", "",
	           "answers: {indicators: [\"calm\"], feeling: \"ok\"}\n"
	           "commitments:\n"
	           "  - {id: \"c3\", what: \"Run\", when: \"daily\", measure: \"m\", status: open}\n"
	           "reviews:\n"
	           "  - {commitment: \"c1\", what: \"Call Sam\", status: partly, answers: []}\n"
	           "  - {commitment: \"c2\", what: \"Write\", status: done, answers: []}\n"
	           "status: paused\nended: 2026-11-08T11:00:00Z\n");
	/* 3rd, interrupted: drops c3 in a review that never reached its closing
	 * part, and makes one commitment in its turns, due ten days after the
	 * session began (its dialogue's language, its start: not today). */
	char *turns = xasprintf(commit_turns, "Read", "2026-11-20T10:00:00Z", "in 10 days",
	                        "2026-11-20T10:00:00Z", "2026-11-20T10:00:00Z");
	transcript(folder, "c", "closing", "2026-11-20T10:00:00Z", turns, "");
	free(turns);
	char *junk = xasprintf("%s/zz.yaml", folder);
	write_file(junk, "just: notes\n");
	free(junk);
	return folder;
}

static char *folder_with_sessions(void)
{
	return folder_named("sessions");
}

static Dialogue recalling(const char **names, size_t n)
{
	Dialogue d;
	memset(&d, 0, sizeof(d));
	d.id = "closing";
	d.recall = names;
	d.nrecall = n;
	return d;
}

static void test_history_of_new_session(void **state)
{
	(void)state;
	char *folder = folder_with_sessions();
	static const char *names[] = { "indicators", "feeling", "unknown" };
	Dialogue d = recalling(names, 3);
	Diags warns = { 0 };
	char *busy = NULL;
	time_t now;
	assert_true(clock_parse("2026-11-27T10:00:00Z", &now));
	JournalHistory *jh = journal_history(folder, &d, now, NULL, &warns, &busy);
	const History *h = journal_history_get(jh);
	assert_int_equal(warns.warnings, 1); /* zz.yaml */
	assert_non_null(strstr(warns.v[0].file, "zz.yaml"));
	assert_int_equal(h->nopen, 3);
	assert_string_equal(h->open[0]->id, "c1");
	assert_string_equal(h->open[1]->id, "c3");
	assert_string_equal(h->open[2]->what, "Read");
	assert_string_equal(h->open[2]->when, "in 10 days");
	assert_string_equal(h->open[2]->due, "2026-11-30");
	assert_string_equal(h->open[2]->id, "20261120T100000-1");
	assert_string_equal(h->open[2]->status, "open");
	const Value *ind = vars_get(h->recalled, "indicators");
	assert_non_null(ind);
	assert_int_equal(ind->kind, VAL_LIST);
	assert_string_equal(ind->u.list.items[0].u.text, "calm");
	const Value *feel = vars_get(h->recalled, "feeling");
	assert_string_equal(feel->u.text, "ok"); /* the later session's, top level */
	assert_null(vars_get(h->recalled, "unknown"));
	journal_history_free(jh);
	diags_free(&warns);
	free(folder);
}

static void test_history_of_resumed_session(void **state)
{
	(void)state;
	char *folder = xasprintf("%s/sessions", tmp);
	static const char *names[] = { "feeling" };
	Dialogue d = recalling(names, 1);
	time_t started;
	assert_true(clock_parse("2026-11-08T10:00:00Z", &started));
	char *self = xasprintf("%s/b.yaml", folder);
	char *busy = NULL;
	JournalHistory *jh = journal_history(folder, &d, started, self, NULL, &busy);
	const History *h = journal_history_get(jh);
	assert_int_equal(h->nopen, 2); /* as the session saw them when it began */
	assert_string_equal(h->open[0]->id, "c1");
	assert_string_equal(h->open[1]->id, "c2");
	const Value *feel = vars_get(h->recalled, "feeling");
	assert_string_equal(feel->u.text, "tired"); /* checkin.feeling, inside a call */
	journal_history_free(jh);
	free(self);

	jh = journal_history(NULL, &d, started, NULL, NULL, &busy); /* no folder yet */
	assert_int_equal(journal_history_get(jh)->nopen, 0);
	assert_null(vars_get(journal_history_get(jh)->recalled, "feeling"));
	journal_history_free(jh);
	free(folder);
}

static void test_commitment_states(void **state)
{
	(void)state;
	char *folder = xasprintf("%s/sessions", tmp);
	Journal j;
	char *err = NULL;
	assert_true(journal_read(&j, folder, NULL, &err));
	assert_int_equal(j.n, 3);
	char iso[32];
	clock_iso(j.v[0].started, iso);
	assert_string_equal(iso, "2026-11-01T10:00:00Z");
	clock_iso(j.v[2].started, iso);
	assert_string_equal(iso, "2026-11-20T10:00:00Z");
	Standing *st;
	size_t n = journal_commitments(&j, j.n, &st);
	assert_int_equal(n, 4);
	assert_string_equal(st[0].status, "partly");
	assert_ptr_equal(st[0].reviewed, &j.v[1]);
	assert_string_equal(st[1].status, "done");
	assert_false(commitment_is_open(st[1].status));
	assert_string_equal(st[2].status, "open");
	assert_null(st[2].reviewed);
	assert_ptr_equal(st[3].made, &j.v[2]);
	assert_string_equal(st[3].c->due, "2026-11-30");
	free(st);
	journal_free(&j);
	free(folder);
	assert_false(journal_read(&j, "/nonexistent/tandem", NULL, &err));
	assert_non_null(strstr(err, "cannot read the journal folder"));
	free(err);
}

/* A review counts at the time it was answered: in a session paused and
 * resumed, after a change recorded while it was paused; a change after
 * the review still outranks it. */
static void test_review_after_change(void **state)
{
	(void)state;
	char *folder = xasprintf("%s/resumed", tmp);
	assert_int_equal(mkdir(folder, 0700), 0);
	transcript(folder, "a", "checkin", "2026-11-01T10:00:00Z", "",
	           "answers: {}\ncommitments:\n"
	           "  - {id: \"c1\", what: \"Call Sam\", when: \"soon\", measure: \"m\", status: open}\n"
	           "  - {id: \"c2\", what: \"Write\", when: \"soon\", measure: \"m\", status: open}\n"
	           "reviews: []\nstatus: complete\nended: 2026-11-01T11:00:00Z\n");
	static const char review_turn[] =
		"  - node: rev\n    kind: review\n    prompt: \"Where?\"\n    field: status\n"
		"    answer: \"%s\"\n    at: %s\n";
	char *one = xasprintf(review_turn, "partly", "2026-11-10T09:00:00Z");
	char *two = xasprintf(review_turn, "partly", "2026-11-10T09:05:00Z");
	char *turns = xasprintf("%s%s", one, two);
	transcript(folder, "b", "checkin", "2026-11-08T10:00:00Z", turns,
	           "answers: {}\ncommitments: []\nreviews:\n"
	           "  - {commitment: \"c1\", what: \"Call Sam\", status: partly, answers: []}\n"
	           "  - {commitment: \"c2\", what: \"Write\", status: partly, answers: []}\n"
	           "pauses:\n  - {paused: 2026-11-08T10:30:00Z, resumed: 2026-11-10T09:00:00Z}\n"
	           "status: complete\nended: 2026-11-10T09:30:00Z\n");
	char *log = xasprintf("%s/commitments.log", folder);
	write_file(log, "- {commitment: \"c1\", status: done, at: \"2026-11-09T08:00:00Z\"}\n"
	                "- {commitment: \"c2\", status: done, at: \"2026-11-10T09:10:00Z\"}\n");
	for (int pass = 0; pass < 2; pass++) { /* from the transcripts, then the index */
		Journal j;
		char *err = NULL;
		assert_true(journal_read(&j, folder, NULL, &err));
		Standing *st;
		size_t n = journal_commitments(&j, j.n, &st);
		assert_int_equal(n, 2);
		assert_string_equal(st[0].status, "partly"); /* reviewed after the change */
		assert_ptr_equal(st[0].reviewed, &j.v[1]);
		assert_null(st[0].changed);
		assert_string_equal(st[1].status, "done"); /* changed after the review */
		assert_non_null(st[1].changed);
		free(st);
		journal_free(&j);
	}
	free(log);
	free(turns);
	free(two);
	free(one);
	free(folder);
}

/* A session holds its client's folder: a second is refused, told who
 * holds it, until the first lets go. */
static void test_one_session_at_a_time(void **state)
{
	(void)state;
	char *folder = xasprintf("%s/sessions", tmp);
	static const char *names[] = { "feeling" };
	Dialogue d = recalling(names, 1);
	char *busy = NULL;
	JournalHistory *first = journal_history(folder, &d, 0, NULL, NULL, &busy);
	assert_non_null(first);
	char *lock = xasprintf("%s/" JLOCK_FILE, folder);
	assert_int_equal(mode_of(lock), 0600);
	JournalHistory *second = journal_history(folder, &d, 0, NULL, NULL, &busy);
	assert_null(second);
	assert_int_equal(errno, EWOULDBLOCK);
	assert_non_null(strstr(busy, "is in use by another session"));
	char *pid = xasprintf("(process %ld)", (long)getpid());
	assert_non_null(strstr(busy, pid));
	free(pid);
	free(busy);
	busy = NULL;
	journal_history_free(first);
	second = journal_history(folder, &d, 0, NULL, NULL, &busy);
	assert_non_null(second);
	journal_history_free(second);
	char *none = xasprintf("%s/none", tmp); /* no folder yet: nothing to hold */
	JournalHistory *fresh = journal_history(none, &d, 0, NULL, NULL, &busy);
	assert_non_null(fresh);
	assert_null(busy);
	journal_history_free(fresh);
	free(none);
	free(lock);
	free(folder);
}

/* The engagement's stage from its sessions' dialogues: the first meeting
 * and the three-way meeting frame it; a work session puts it in progress;
 * a completed closing after the last framing closes it. */
static void test_stage(void **state)
{
	(void)state;
	JournalEntry v[4] = {
		{ .dialogue_id = "framing", .status = TR_COMPLETE },
		{ .dialogue_id = "tripartite", .status = TR_COMPLETE },
		{ .dialogue_id = "accompaniment", .status = TR_COMPLETE },
		{ .dialogue_id = "closing", .status = TR_PAUSED },
	};
	Journal j = { .v = v };
	assert_int_equal(journal_stage(&j), STAGE_NONE);
	j.n = 1;
	assert_int_equal(journal_stage(&j), STAGE_FRAMED);
	j.n = 2;
	assert_int_equal(journal_stage(&j), STAGE_FRAMED);
	j.n = 3;
	assert_int_equal(journal_stage(&j), STAGE_PROGRESS);
	j.n = 4;
	assert_int_equal(journal_stage(&j), STAGE_PROGRESS); /* closing only paused */
	v[3].status = TR_COMPLETE;
	assert_int_equal(journal_stage(&j), STAGE_CLOSED);
}

/* ---- the index ---- */

static void assert_text(const char *a, const char *b)
{
	if (!a || !b)
		assert_ptr_equal(a, b); /* NULL stays NULL, never "" */
	else
		assert_string_equal(a, b);
}

static void assert_same_entry(const JournalEntry *a, const JournalEntry *b)
{
	assert_string_equal(a->path, b->path);
	assert_memory_equal(&a->stamp, &b->stamp, sizeof(a->stamp));
	assert_text(a->dialogue_id, b->dialogue_id);
	assert_text(a->title, b->title);
	assert_text(a->lang, b->lang);
	assert_text(a->client, b->client);
	assert_int_equal(a->mode, b->mode);
	assert_int_equal(a->status, b->status);
	assert_int_equal(a->started, b->started);
	assert_int_equal(a->running, b->running);
	assert_int_equal(a->nmade, b->nmade);
	for (size_t i = 0; i < a->nmade; i++) {
		const Commitment *x = &a->made[i], *y = &b->made[i];
		assert_text(x->id, y->id);
		assert_text(x->what, y->what);
		assert_text(x->when, y->when);
		assert_text(x->due, y->due);
		assert_text(x->measure, y->measure);
		assert_text(x->status, y->status);
		assert_text(x->node, y->node);
	}
	assert_int_equal(a->nreviews, b->nreviews);
	for (size_t i = 0; i < a->nreviews; i++) {
		assert_text(a->reviews[i].commitment, b->reviews[i].commitment);
		assert_text(a->reviews[i].what, b->reviews[i].what);
		assert_text(a->reviews[i].status, b->reviews[i].status);
	}
	assert_int_equal(a->nsaved, b->nsaved);
	for (size_t i = 0; i < a->nsaved; i++)
		assert_string_equal(a->saved[i], b->saved[i]);
	assert_int_equal(a->nscales, b->nscales);
	for (size_t i = 0; i < a->nscales; i++) {
		assert_string_equal(a->scales[i].node, b->scales[i].node);
		assert_string_equal(a->scales[i].prompt, b->scales[i].prompt);
		assert_true(a->scales[i].value == b->scales[i].value);
	}
}

static char *read_text(const char *path)
{
	FILE *f = fopen(path, "r");
	assert_non_null(f);
	Buf b = { 0 };
	char chunk[4096];
	size_t n;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_add(&b, chunk, n);
	fclose(f);
	return buf_take(&b);
}

/* Replaces the first `from` after `after` in the file at path by `to`. */
static void edit(const char *path, const char *after, const char *from, const char *to)
{
	char *text = read_text(path);
	char *at = strstr(text, after);
	assert_non_null(at);
	char *hit = strstr(at, from);
	assert_non_null(hit);
	*hit = '\0';
	char *edited = xasprintf("%s%s%s", text, to, hit + strlen(from));
	write_file(path, edited);
	free(edited);
	free(text);
}

/* The index holds every entry as read from its transcript, NULL texts
 * included, and is written 0600. */
static void test_index_round_trip(void **state)
{
	(void)state;
	char *folder = folder_named("indexed");
	char *index = xasprintf("%s/" JINDEX_FILE, folder);
	Journal fresh, again;
	char *err = NULL;
	assert_true(journal_read(&fresh, folder, NULL, &err));
	assert_int_equal(mode_of(index), 0600);
	JIndex ix;
	assert_true(jindex_read(&ix, folder));
	assert_int_equal(ix.n, fresh.n);
	jindex_free(&ix);
	assert_true(journal_read(&again, folder, NULL, &err));
	assert_int_equal(again.n, 3);
	for (size_t i = 0; i < fresh.n; i++)
		assert_same_entry(&fresh.v[i], &again.v[i]);
	assert_null(again.v[0].made[1].due); /* "soon": undated */
	assert_int_equal(again.v[0].nscales, 1);
	assert_true(again.v[0].scales[0].value == 7.5);
	assert_int_equal(again.v[0].nsaved, 2);
	assert_int_equal(again.v[2].nreviews, 0); /* interrupted */
	assert_int_equal(again.v[2].nmade, 1);    /* from its turns */
	journal_free(&fresh);
	journal_free(&again);
	free(index);
	free(folder);
}

/* An entry is used while its transcript is unchanged, and read anew once
 * the file changed. */
static void test_index_used_while_fresh(void **state)
{
	(void)state;
	char *folder = xasprintf("%s/indexed", tmp);
	char *index = xasprintf("%s/" JINDEX_FILE, folder);
	edit(index, "\"a.yaml\"", "\"T\"", "\"Planted\"");
	Journal j;
	char *err = NULL;
	assert_true(journal_read(&j, folder, NULL, &err));
	assert_string_equal(j.v[0].title, "Planted"); /* the index's */
	assert_string_equal(j.v[1].title, "T");
	journal_free(&j);

	char *a = xasprintf("%s/a.yaml", folder);
	struct timespec later[2] = { { 0, UTIME_OMIT }, { 2000000000, 0 } };
	assert_int_equal(utimensat(AT_FDCWD, a, later, 0), 0);
	assert_true(journal_read(&j, folder, NULL, &err));
	assert_string_equal(j.v[0].title, "T"); /* read anew */
	journal_free(&j);
	char *text = read_text(index);
	assert_null(strstr(text, "Planted")); /* and the index written anew */
	free(text);
	free(a);
	free(index);
	free(folder);
}

/* A damaged index is rebuilt; a missing one too; --rebuild's removal. */
static void test_index_damaged(void **state)
{
	(void)state;
	char *folder = xasprintf("%s/indexed", tmp);
	char *index = xasprintf("%s/" JINDEX_FILE, folder);
	static const char *const damaged[] = {
		"tandem-index: 1\nsignature: [\n",
		"tandem-index: 2\nsignature: \"x\"\n",
		"",
		("tandem-index: 1\nsignature: \"0000000000000000\"\n"
		 "summary: {}\nsessions:\n  \"a.yaml\": [1, 2]\n"),
	};
	for (size_t k = 0; k < sizeof(damaged) / sizeof(*damaged); k++) {
		write_file(index, damaged[k]);
		JIndex ix;
		assert_false(jindex_read(&ix, folder));
		jindex_free(&ix);
		Journal j;
		char *err = NULL;
		assert_true(journal_read(&j, folder, NULL, &err));
		assert_int_equal(j.n, 3);
		assert_string_equal(j.v[1].dialogue_id, "closing");
		journal_free(&j);
		assert_true(jindex_read(&ix, folder));
		assert_int_equal(ix.n, 3);
		jindex_free(&ix);
	}
	assert_true(journal_forget_index(folder));
	assert_int_equal(access(index, F_OK), -1);
	assert_true(journal_forget_index(folder)); /* already gone */
	free(index);
	free(folder);
}

/* The summary at the index's top is trusted while the folder shows what
 * it showed, and made anew once a session is added. */
static void test_index_summary(void **state)
{
	(void)state;
	char *folder = xasprintf("%s/indexed", tmp);
	char *index = xasprintf("%s/" JINDEX_FILE, folder);
	JournalSummary s;
	char *err = NULL;
	assert_true(journal_summary(folder, &s, NULL, &err)); /* no index: rebuilt */
	assert_int_equal(s.sessions, 3);
	assert_string_equal(s.last_dialogue, "closing");
	assert_int_equal(s.stage, STAGE_PROGRESS); /* interrupted: not closed */
	assert_int_equal(s.nopen, 3);
	assert_string_equal(s.open_due[0], "2026-12-01");
	assert_string_equal(s.open_due[2], "2026-11-30");
	journal_summary_free(&s);

	edit(index, "summary:", "sessions: 3", "sessions: 99");
	assert_true(journal_summary(folder, &s, NULL, &err));
	assert_int_equal(s.sessions, 99); /* the index's */
	journal_summary_free(&s);

	transcript(folder, "d", "closing", "2026-11-25T10:00:00Z", "",
	           "answers: {}\ncommitments: []\nreviews: []\nstatus: complete\n"
	           "ended: 2026-11-25T11:00:00Z\n");
	assert_true(journal_summary(folder, &s, NULL, &err));
	assert_int_equal(s.sessions, 4);
	assert_int_equal(s.stage, STAGE_CLOSED);
	journal_summary_free(&s);
	free(index);
	free(folder);
}

/* A trainee's rehearsal filed in a journal leaves nothing to the client's
 * history: neither its answers to recall nor its commitments to review. */
static void test_practice_leaves_nothing(void **state)
{
	(void)state;
	char *folder = xasprintf("%s/rehearsed", tmp);
	assert_int_equal(mkdir(folder, 0700), 0);
	transcript(folder, "a", "checkin", "2026-11-01T10:00:00Z", "",
	           "answers: {feeling: \"calm\"}\ncommitments: []\nreviews: []\n"
	           "status: complete\nended: 2026-11-01T11:00:00Z\n");
	transcript(folder, "b", "checkin", "2026-11-02T10:00:00Z", "",
	           "answers: {feeling: \"rehearsed\"}\ncommitments:\n"
	           "  - {id: \"p1\", what: \"Pretend\", when: \"soon\", measure: \"m\", status: open}\n"
	           "reviews: []\nstatus: complete\nended: 2026-11-02T11:00:00Z\n");
	char *b = xasprintf("%s/b.yaml", folder);
	edit(b, "mode:", "mode: coach", "mode: practice");
	static const char *names[] = { "feeling" };
	Dialogue d = recalling(names, 1);
	char *busy = NULL;
	JournalHistory *jh = journal_history(folder, &d, 2000000000, NULL, NULL, &busy);
	const History *h = journal_history_get(jh);
	assert_int_equal(h->nopen, 0);
	assert_string_equal(vars_get(h->recalled, "feeling")->u.text, "calm");
	journal_history_free(jh);
	free(b);
	free(folder);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_folder_names),
		cmocka_unit_test(test_folders_made_0700),
		cmocka_unit_test(test_symlinks_refused),
		cmocka_unit_test(test_unwritable_home),
		cmocka_unit_test(test_read_only_home),
		cmocka_unit_test(test_new_path),
		cmocka_unit_test(test_history_of_new_session),
		cmocka_unit_test(test_history_of_resumed_session),
		cmocka_unit_test(test_commitment_states),
		cmocka_unit_test(test_review_after_change),
		cmocka_unit_test(test_practice_leaves_nothing),
		cmocka_unit_test(test_stage),
		cmocka_unit_test(test_one_session_at_a_time),
		cmocka_unit_test(test_index_round_trip),
		cmocka_unit_test(test_index_used_while_fresh),
		cmocka_unit_test(test_index_damaged),
		cmocka_unit_test(test_index_summary),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
