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
 *     with a warning.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "clock.h"
#include "journal.h"
#include "util.h"

static char tmp[64];

static int setup(void **state)
{
	(void)state;
	strcpy(tmp, "/tmp/tandem-journal-XXXXXX");
	assert_non_null(mkdtemp(tmp));
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	char *cmd = xasprintf("rm -rf '%s'", tmp);
	int rc = system(cmd);
	free(cmd);
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

static char *folder_with_sessions(void)
{
	char *folder = xasprintf("%s/sessions", tmp);
	assert_int_equal(mkdir(folder, 0700), 0);
	/* 1st: two commitments and indicators. */
	transcript(folder, "a", "framing", "2026-11-01T10:00:00Z", "",
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
	time_t now;
	assert_true(clock_parse("2026-11-27T10:00:00Z", &now));
	JournalHistory *jh = journal_history(folder, &d, now, NULL, &warns);
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
	JournalHistory *jh = journal_history(folder, &d, started, self, NULL);
	const History *h = journal_history_get(jh);
	assert_int_equal(h->nopen, 2); /* as the session saw them when it began */
	assert_string_equal(h->open[0]->id, "c1");
	assert_string_equal(h->open[1]->id, "c2");
	const Value *feel = vars_get(h->recalled, "feeling");
	assert_string_equal(feel->u.text, "tired"); /* checkin.feeling, inside a call */
	journal_history_free(jh);
	free(self);

	jh = journal_history(NULL, &d, started, NULL, NULL); /* no folder yet */
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
	assert_string_equal(j.v[0].t->started_iso, "2026-11-01T10:00:00Z");
	assert_string_equal(j.v[2].t->started_iso, "2026-11-20T10:00:00Z");
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
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
