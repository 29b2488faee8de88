/*
 * test_vault: the coach's key for a process, and transcripts written and
 * read through it.
 *
 * Test plan:
 *   - round trip: one session (a note, a scale, a /skip, a list, a
 *     commitment, and a /back whose rewrite starts the stream anew) written
 *     without a key and again with one. The first file is plain, the second
 *     sealed (it begins "tandem-sealed: 1", holds none of the words typed
 *     in clear); tread_load reads both back to the same header, turns,
 *     answers, commitments and status as the session held, the second as
 *     sealed, nothing dropped.
 *   - resume: the sealed session interrupted after each of its actions,
 *     read back (tread_load_fd), taken over (transcript_reopen) and ended:
 *     still sealed, and read back as the uninterrupted plain one.
 *   - vault_open of plain bytes: a copy (not the same memory), NUL-ended,
 *     not sealed, with or without a key, and without unlocking it: a
 *     passphrase given later still opens it. vault_seal's bytes open back.
 *   - a wrong passphrase: vault_key gives NULL, KEY_WRONG and a message, the
 *     same at every call, even once the right passphrase is set (the coach
 *     is asked once and told once); a Transcript created then fails with a
 *     message and leaves no file; a sealed file does not open. No
 *     passphrase at all says so.
 *   - no key on this machine: a sealed file does not open, the message
 *     names it (vault_open, vault_missing, tread_load); a plain file is not
 *     missing anything.
 *   - another key: a file sealed under one key does not open under
 *     another: the message says so, naming it.
 *   - the log of changes with a key: a plain log is sealed whole with the
 *     change added; later changes are chunks of its stream; a chunk torn by
 *     a crash is dropped on reading and cut off before the next change; a
 *     log altered in its middle is refused, nothing added, said.
 *
 * Each test has its own folder as XDG_CONFIG_HOME (a key made there or
 * none) and starts with vault_close(), so that no unlocked key nor failure
 * is carried from one test to the next.
 */
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "testdir.h"

#include "changes.h"
#include "dialogue.h"
#include "key.h"
#include "library.h"
#include "session.h"
#include "transcript.h"
#include "util.h"
#include "vault.h"

#define PASSPHRASE "a passphrase for the vault's tests"

static const char dialogue_yaml[] =
	"tandem: 1\n"
	"id: vt\n"
	"title: Vault\n"
	"lang: en\n"
	"nodes:\n"
	"  hello:\n"
	"    section: Opening\n"
	"    say: \"Hello {client}.\"\n"
	"  name:\n"
	"    ask: Your name?\n"
	"  mood:\n"
	"    ask: How are you, from 1 to 10?\n"
	"    scale: [1, 10]\n"
	"  extra:\n"
	"    ask: Anything else?\n"
	"    optional: true\n"
	"  wants:\n"
	"    ask: What do you want?\n"
	"    repeat: true\n"
	"  actions:\n"
	"    section: Commitments\n"
	"    commitments:\n"
	"      what: What will you do?\n"
	"      when: By when?\n"
	"      measure: How will I know?\n"
	"  bye:\n"
	"    end: Bye.\n";

/* What the person does: a line (NULL: /skip; BACK: /back), a note first. */
typedef struct Action {
	const char *line;
	const char *note;
} Action;

static const char BACK[] = "/back";

static const Action actions[] = {
	{ "", NULL },
	{ "Annunziata", "speaks softly" },
	{ "7", NULL },
	{ NULL, NULL },
	{ "A quieter morning", NULL },
	{ "Time with Benedetta", NULL },
	{ BACK, NULL },
	{ "Time with Ottavia", NULL },
	{ "", NULL },
	{ "Telephone Sandrine", NULL },
	{ "2026-12-01", NULL },
	{ "Sandrine answers yes", NULL },
	{ "", NULL },
};
enum { NACTIONS = sizeof(actions) / sizeof(actions[0]) };

/* Words typed that a sealed file must not hold in clear. */
static const char *const secrets[] = { "Annunziata", "speaks softly", "quieter morning",
	                               "Benedetta", "Ottavia", "Telephone Sandrine",
	                               "answers yes" };

typedef struct Fixture {
	char dir[64];
	char *config;        /* XDG_CONFIG_HOME, holding the key when made */
	Library *lib;
	const Dialogue *d;
	SessionConfig cfg;
} Fixture;

enum { BASE = 1795428000 }; /* 2026-11-23T10:00:00Z */
static time_t clock_at;
static time_t test_now(void)
{
	return clock_at;
}

static void write_file(const char *path, const char *bytes, size_t n)
{
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(bytes, 1, n, f), n);
	assert_int_equal(fclose(f), 0);
}

static char *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	Buf b = { 0 };
	char chunk[4096];
	size_t n;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_add(&b, chunk, n);
	fclose(f);
	if (len)
		*len = b.len;
	return buf_take(&b);
}

static char *in_dir(const Fixture *f, const char *name)
{
	return xasprintf("%s/%s", f->dir, name);
}

/* XDG_CONFIG_HOME is f's folder `name`; the vault forgets what it held. */
static void use_config(Fixture *f, const char *name)
{
	free(f->config);
	f->config = in_dir(f, name);
	setenv("XDG_CONFIG_HOME", f->config, 1);
	vault_close();
}

/* A key made in f's folder `name`, which becomes XDG_CONFIG_HOME. */
static void make_key(Fixture *f, const char *name)
{
	use_config(f, name);
	char *err = NULL;
	KeyError e = key_create(PASSPHRASE, &err);
	if (e != KEY_OK)
		print_error("%s\n", err);
	free(err);
	assert_int_equal(e, KEY_OK);
	vault_close();
}

static int setup(void **state)
{
	Fixture *f = xcalloc(1, sizeof(*f));
	strcpy(f->dir, "/tmp/tandem-vault-XXXXXX");
	if (!mkdtemp(f->dir) || !key_library_init())
		return -1;
	char *dpath = in_dir(f, "vt.yaml");
	write_file(dpath, dialogue_yaml, strlen(dialogue_yaml));
	f->lib = library_new(NULL, 0);
	Diags diags = { 0 };
	f->d = library_load(f->lib, dpath, &diags);
	if (diags.errors) /* its warnings (no safety patterns) are not this test's */
		diags_print(&diags, stderr, false);
	diags_free(&diags);
	free(dpath);
	if (!f->d)
		return -1;
	f->cfg = (SessionConfig){ .mode = MODE_COACH, .client = "alice", .seed = 7, .now = test_now };
	clock_at = BASE;
	setenv("TANDEM_NOW", "2026-11-23T12:00:00Z", 1); /* the end time */
	setenv("TANDEM_PASSPHRASE", PASSPHRASE, 1);
	use_config(f, "none"); /* no key until a test makes one */
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	Fixture *f = *state;
	vault_close();
	assert_int_equal(testdir_remove(f->dir), 0);
	library_free(f->lib);
	free(f->config);
	free(f);
	return 0;
}

/* ---- sessions written ---- */

static void act(Session *s, size_t i)
{
	const Action *a = &actions[i];
	clock_at = BASE + 60 * (time_t)(i + 1);
	const Request *r = session_request(s);
	assert_true(r->kind == REQ_ANSWER || r->kind == REQ_CONTINUE);
	if (a->note)
		session_note(s, a->note);
	if (!a->line)
		assert_true(session_skip(s));
	else if (a->line == BACK)
		assert_true(session_back(s));
	else
		assert_int_equal(session_input(s, a->line), INPUT_TAKEN);
	session_request(s);
}

static void sync_ok(Transcript *t, const Session *s)
{
	char *err = NULL;
	bool ok = transcript_sync(t, s, &err);
	if (!ok)
		print_error("%s\n", err);
	free(err);
	assert_true(ok);
}

static void finish_ok(Transcript *t, const Session *s)
{
	char *err = NULL;
	bool ok = transcript_finish(t, s, session_status(s) != STATUS_COMPLETE, &err);
	if (!ok)
		print_error("%s\n", err);
	free(err);
	assert_true(ok);
}

/* Actions [0, upto) of a new session written into path, synced after
 * each; ended when finish. */
static void write_session(Fixture *f, const char *path, size_t upto, bool finish)
{
	unlink(path);
	clock_at = BASE;
	Session *s = session_new(f->d, &f->cfg);
	char *err = NULL;
	Transcript *t = transcript_create(path, s, &err);
	if (!t)
		print_error("%s\n", err);
	free(err);
	assert_non_null(t);
	for (size_t i = 0; i < upto; i++) {
		act(s, i);
		sync_ok(t, s);
	}
	if (finish)
		finish_ok(t, s);
	transcript_close(t);
	session_free(s);
}

static Tread *load_ok(const char *path)
{
	Diags d = { 0 };
	Tread *t = tread_load(path, &d);
	diags_print(&d, stderr, false);
	assert_int_equal(d.errors, 0);
	diags_free(&d);
	assert_non_null(t);
	return t;
}

static bool is_sealed(const char *path)
{
	size_t len;
	char *data = read_file(path, &len);
	bool sealed = sealed_is(data, len);
	free(data);
	return sealed;
}

static bool holds(const char *data, size_t len, const char *word)
{
	size_t n = strlen(word);
	for (size_t i = 0; i + n <= len; i++)
		if (memcmp(data + i, word, n) == 0)
			return true;
	return false;
}

/* How many of the words typed the file at path holds as they are. */
static size_t in_clear(const char *path)
{
	size_t len, n = 0;
	char *data = read_file(path, &len);
	for (size_t i = 0; i < ARRAY_LEN(secrets); i++)
		n += holds(data, len, secrets[i]);
	free(data);
	return n;
}

static void same_text(const char *a, const char *b)
{
	assert_true((a == NULL) == (b == NULL));
	if (a)
		assert_string_equal(a, b);
}

static void same_turn(const Turn *a, const Turn *b)
{
	assert_string_equal(a->node, b->node);
	assert_int_equal(a->kind, b->kind);
	same_text(a->section, b->section);
	same_text(a->prompt, b->prompt);
	same_text(a->field, b->field);
	same_text(a->input, b->input);
	assert_int_equal(a->answer.kind, b->answer.kind);
	assert_true(val_equal(&a->answer, &b->answer));
	assert_int_equal(a->skipped, b->skipped);
	assert_int_equal(a->at, b->at);
	assert_int_equal(a->nnotes, b->nnotes);
	for (size_t i = 0; i < a->nnotes; i++)
		assert_string_equal(a->notes[i], b->notes[i]);
}

typedef struct AnswerCheck {
	const Tread *t;
	size_t n;
} AnswerCheck;

static void check_answer(void *ctx, const char *name, const Value *v)
{
	AnswerCheck *c = ctx;
	const Value *got = vars_get(c->t->answers, name);
	assert_non_null(got);
	assert_true(val_equal(got, v));
	c->n++;
}

/* Two readings of the same session agree: header, turns, closing part. */
static void same_reading(const Tread *a, const Tread *b)
{
	assert_string_equal(a->dialogue.id, b->dialogue.id);
	assert_string_equal(a->dialogue.sha256, b->dialogue.sha256);
	same_text(a->client, b->client);
	assert_int_equal(a->seed, b->seed);
	assert_int_equal(a->started, b->started);
	assert_int_equal(a->nturns, b->nturns);
	for (size_t i = 0; i < a->nturns; i++)
		same_turn(&a->turns[i], &b->turns[i]);
	assert_int_equal(a->status, b->status);
	assert_int_equal(a->ended, b->ended);
	AnswerCheck c = { b, 0 }, back = { a, 0 };
	vars_each(a->answers, check_answer, &c);
	vars_each(b->answers, check_answer, &back); /* none more in b */
	assert_int_equal(c.n, back.n);
	assert_int_equal(a->ncommitments, b->ncommitments);
	for (size_t i = 0; i < a->ncommitments; i++) {
		assert_string_equal(a->commitments[i].id, b->commitments[i].id);
		assert_string_equal(a->commitments[i].what, b->commitments[i].what);
		assert_string_equal(a->commitments[i].measure, b->commitments[i].measure);
	}
}

/* The turns and answers the session itself holds after every action. */
static void as_the_session_held(Fixture *f, const Tread *t)
{
	clock_at = BASE;
	Session *s = session_new(f->d, &f->cfg);
	for (size_t i = 0; i < NACTIONS; i++)
		act(s, i);
	assert_int_equal(session_status(s), STATUS_COMPLETE);
	assert_int_equal(t->status, TR_COMPLETE);
	assert_int_equal(t->nturns, session_nturns(s));
	for (size_t i = 0; i < t->nturns; i++)
		same_turn(&t->turns[i], session_turn(s, i));
	AnswerCheck c = { t, 0 };
	session_answers(s, check_answer, &c);
	assert_true(c.n > 0);
	assert_int_equal(t->ncommitments, session_ncommitments(s));
	assert_int_equal(t->ncommitments, 1);
	assert_string_equal(t->commitments[0].what, "Telephone Sandrine");
	session_free(s);
}

/* ---- round trip ---- */

static void round_trip(void **state)
{
	Fixture *f = *state;
	char *plain = in_dir(f, "plain.yaml"), *sealed = in_dir(f, "sealed.yaml");
	write_session(f, plain, NACTIONS, true);
	assert_false(is_sealed(plain));
	assert_int_equal(in_clear(plain), ARRAY_LEN(secrets) - 1); /* Benedetta: taken back */

	make_key(f, "keyed");
	assert_true(vault_on());
	write_session(f, sealed, NACTIONS, true);
	assert_true(is_sealed(sealed));
	assert_int_equal(in_clear(sealed), 0);
	struct stat st;
	assert_int_equal(stat(sealed, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0600);

	Tread *p = load_ok(plain), *s = load_ok(sealed);
	assert_false(p->sealed);
	assert_true(s->sealed);
	assert_false(s->sealed_torn);
	assert_false(s->sealed_refused);
	assert_false(s->torn.torn);
	as_the_session_held(f, p);
	as_the_session_held(f, s);
	same_reading(p, s);
	tread_free(p);
	tread_free(s);
	free(plain);
	free(sealed);
}

/* ---- resume ---- */

/* Takes the file over after what it holds, as `tandem resume` does, and
 * does the actions from `from` on to the end. */
static void resume_to_end(Fixture *f, const char *path, size_t from)
{
	int fd = open(path, O_RDWR | O_NOFOLLOW | O_CLOEXEC);
	assert_true(fd >= 0);
	assert_int_equal(flock(fd, LOCK_EX | LOCK_NB), 0);
	Diags d = { 0 };
	Tread *t = tread_load_fd(fd, path, &d, NULL);
	assert_int_equal(d.errors, 0);
	diags_free(&d);
	assert_non_null(t);
	assert_true(t->sealed);
	assert_false(t->sealed_torn || t->sealed_refused);
	Session *s = session_new_at(f->d, &f->cfg, t->started);
	assert_int_equal(session_replay(s, t->turns, t->nturns), t->nturns);
	char *err = NULL;
	Transcript *w = transcript_reopen(path, fd, s, t->turns_end, t->pauses, t->npause_items,
	                                  &err);
	if (!w)
		print_error("%s\n", err);
	free(err);
	assert_non_null(w);
	for (size_t i = from; i < NACTIONS; i++) {
		act(s, i);
		sync_ok(w, s);
	}
	finish_ok(w, s);
	transcript_close(w);
	session_free(s);
	tread_free(t);
}

static void resume_sealed(void **state)
{
	Fixture *f = *state;
	char *plain = in_dir(f, "plain.yaml"), *path = in_dir(f, "sealed.yaml");
	write_session(f, plain, NACTIONS, true);
	Tread *want = load_ok(plain);
	make_key(f, "keyed");
	for (size_t k = 0; k < NACTIONS; k++) {
		write_session(f, path, k, false);
		resume_to_end(f, path, k);
		assert_true(is_sealed(path));
		assert_int_equal(in_clear(path), 0);
		Tread *got = load_ok(path);
		assert_false(got->sealed_torn || got->sealed_refused);
		same_reading(want, got);
		tread_free(got);
	}
	tread_free(want);
	free(plain);
	free(path);
}

/* ---- vault_open, vault_seal ---- */

static void open_plain(const char *data, size_t len)
{
	VaultFile v;
	char *err = NULL;
	assert_true(vault_open("plain.yaml", data, len, &v, NULL, &err));
	assert_null(err);
	assert_false(v.sealed);
	assert_int_equal(v.len, len);
	assert_true(v.data != data);
	assert_memory_equal(v.data, data, len);
	assert_int_equal(v.data[len], '\0');
	vault_file_free(&v);
}

static void plain_bytes_copied(void **state)
{
	Fixture *f = *state;
	static const char data[] = "tandem-transcript: 1\nturns:\n  - x: \"\\0\"\n";
	static const char zero[] = { 'a', '\0', 'b' };
	open_plain(data, strlen(data));
	open_plain(zero, sizeof(zero));
	open_plain("", 0);
	open_plain("tandem-sealed: ", 15); /* the magic line's beginning only */
	make_key(f, "keyed");
	unsetenv("TANDEM_PASSPHRASE");
	open_plain(data, strlen(data)); /* a key, but no passphrase asked for plain bytes */
	setenv("TANDEM_PASSPHRASE", PASSPHRASE, 1);
	char *err = NULL;
	KeyError why;
	assert_non_null(vault_key(&why, &err)); /* nor a failure kept */
	assert_int_equal(why, KEY_OK);
}

static void seal_opens_back(void **state)
{
	Fixture *f = *state;
	make_key(f, "keyed");
	static const char plain[] = "- {commitment: \"20261123T100000-1\", status: done}\n";
	Buf out = { 0 };
	char *err = NULL;
	assert_true(vault_seal(plain, strlen(plain), &out, &err));
	assert_true(sealed_is(out.data, out.len));
	assert_false(holds(out.data, out.len, "commitment"));
	VaultFile v;
	assert_true(vault_open("log", out.data, out.len, &v, NULL, &err));
	assert_true(v.sealed);
	assert_false(v.torn || v.refused);
	assert_int_equal(v.chunks, 1);
	assert_int_equal(v.whole, out.len);
	assert_int_equal(v.len, strlen(plain));
	assert_string_equal(v.data, plain);
	vault_file_free(&v);
	char *path = in_dir(f, "log");
	write_file(path, out.data, out.len);
	assert_false(vault_missing(path, &err)); /* the key is here */
	assert_true(vault_read(path, 1 << 20, &v, &err));
	assert_string_equal(v.data, plain);
	vault_file_free(&v);
	free(path);
	buf_free(&out);
}

/* ---- the log of changes ---- */

static Change change_of(const char *id, const char *status, time_t at)
{
	return (Change){ .commitment = (char *)id, .status = (char *)status, .at = at };
}

/* The ids of the changes folder's log holds, in order, joined by spaces. */
static char *logged(const Fixture *f)
{
	Changes c;
	Diags d = { 0 };
	assert_true(changes_read(&c, f->dir, &d));
	diags_free(&d);
	Buf ids = { 0 };
	for (size_t i = 0; i < c.n; i++)
		buf_printf(&ids, "%s%s", i ? " " : "", c.v[i].commitment);
	changes_free(&c);
	return buf_take(&ids);
}

static void sealed_changes(void **state)
{
	Fixture *f = *state;
	char *err = NULL, *path = in_dir(f, CHANGES_FILE), *ids;
	Change a = change_of("c-plain", "done", BASE), b = change_of("c-two", "dropped", BASE + 60);
	assert_true(changes_append(f->dir, &a, &err)); /* no key yet: plain */
	size_t len;
	char *data = read_file(path, &len);
	assert_false(sealed_is(data, len));
	free(data);
	make_key(f, "keyed");
	assert_true(changes_append(f->dir, &b, &err)); /* the plain log sealed whole */
	data = read_file(path, &len);
	assert_true(sealed_is(data, len));
	assert_false(holds(data, len, "c-plain") || holds(data, len, "c-two"));
	free(data);
	assert_string_equal(ids = logged(f), "c-plain c-two");
	free(ids);
	/* A crash in the middle of the next change: its chunk cut short. */
	Change c = change_of("c-torn", "done", BASE + 120);
	assert_true(changes_append(f->dir, &c, &err));
	data = read_file(path, &len);
	write_file(path, data, len - 5);
	assert_string_equal(ids = logged(f), "c-plain c-two");
	free(ids);
	Change d = change_of("c-after", "done", BASE + 180);
	assert_true(changes_append(f->dir, &d, &err));
	assert_string_equal(ids = logged(f), "c-plain c-two c-after");
	free(ids);
	/* A byte altered in the first chunk after the key check. */
	free(data);
	data = read_file(path, &len);
	data[strlen(SEALED_MAGIC) + 24 + 4 + 17 + 4 + 2] ^= 1;
	write_file(path, data, len);
	Change e = change_of("c-refused", "done", BASE + 240);
	assert_false(changes_append(f->dir, &e, &err));
	assert_non_null(strstr(err, "was altered"));
	free(err);
	size_t after;
	char *now = read_file(path, &after);
	assert_true(after == len && memcmp(now, data, len) == 0); /* nothing added */
	free(now);
	free(data);
	free(path);
}

/* ---- the key that cannot be had ---- */

/* A sealed file made under the key in f's folder `name`: its path. */
static char *sealed_file(Fixture *f, const char *name)
{
	make_key(f, name);
	char *path = in_dir(f, "sealed.yaml");
	write_session(f, path, 4, true);
	assert_true(is_sealed(path));
	vault_close();
	return path;
}

/* Nothing in f's folder but the dialogue, and what keep names. */
static void only_files(const Fixture *f, const char *keep)
{
	char *cmd = xasprintf("test \"$(ls -A '%s' | grep -v -x -e vt.yaml -e none -e keyed%s%s)\" = \"\"",
	                      f->dir, keep ? " -e " : "", keep ? keep : "");
	assert_int_equal(system(cmd), 0);
	free(cmd);
}

static void wrong_passphrase(void **state)
{
	Fixture *f = *state;
	char *sealed = sealed_file(f, "keyed");
	size_t len;
	char *data = read_file(sealed, &len);
	setenv("TANDEM_PASSPHRASE", "not the passphrase", 1);
	char *err = NULL;
	KeyError why = KEY_OK;
	assert_null(vault_key(&why, &err));
	assert_int_equal(why, KEY_WRONG);
	assert_non_null(strstr(err, "passphrase does not open the key"));
	free(err);

	/* Told once: the right passphrase set now changes nothing. */
	setenv("TANDEM_PASSPHRASE", PASSPHRASE, 1);
	err = NULL;
	why = KEY_OK;
	assert_null(vault_key(&why, &err));
	assert_int_equal(why, KEY_WRONG);
	free(err);

	/* A transcript made now is refused, and leaves nothing. */
	char *path = in_dir(f, "new.yaml");
	Session *s = session_new(f->d, &f->cfg);
	err = NULL;
	assert_null(transcript_create(path, s, &err));
	assert_non_null(err);
	assert_non_null(strstr(err, "passphrase does not open the key"));
	free(err);
	assert_int_equal(access(path, F_OK), -1);
	assert_int_equal(errno, ENOENT);
	only_files(f, "sealed.yaml");
	session_free(s);

	/* Nor does a sealed file open. */
	VaultFile v;
	err = NULL;
	assert_false(vault_open(sealed, data, len, &v, NULL, &err));
	assert_non_null(strstr(err, sealed));
	assert_non_null(strstr(err, "passphrase does not open the key"));
	free(err);

	/* With no passphrase at all, it says so. */
	vault_close();
	unsetenv("TANDEM_PASSPHRASE");
	err = NULL;
	assert_null(vault_key(&why, &err));
	assert_int_equal(why, KEY_WRONG);
	assert_non_null(strstr(err, "no passphrase was given"));
	free(err);
	setenv("TANDEM_PASSPHRASE", PASSPHRASE, 1);
	free(data);
	free(path);
	free(sealed);
}

static void no_key_here(void **state)
{
	Fixture *f = *state;
	char *sealed = sealed_file(f, "keyed");
	use_config(f, "none");
	assert_false(vault_on());
	size_t len;
	char *data = read_file(sealed, &len);
	VaultFile v;
	char *err = NULL;
	assert_false(vault_open(sealed, data, len, &v, NULL, &err));
	assert_non_null(strstr(err, sealed));
	assert_non_null(strstr(err, "no key on this machine"));
	free(err);
	err = NULL;
	assert_true(vault_missing(sealed, &err));
	assert_non_null(strstr(err, sealed));
	free(err);
	Diags d = { 0 };
	assert_null(tread_load(sealed, &d));
	assert_int_equal(d.errors, 1);
	assert_non_null(strstr(d.v[0].msg, "no key on this machine"));
	diags_free(&d);

	char *plain = in_dir(f, "plain.yaml");
	write_session(f, plain, 2, true);
	err = NULL;
	assert_false(vault_missing(plain, &err));
	assert_null(err);
	free(plain);
	free(data);
	free(sealed);
}

static void another_key(void **state)
{
	Fixture *f = *state;
	char *sealed = sealed_file(f, "keyed");
	make_key(f, "other"); /* the same passphrase: only the key differs */
	Diags d = { 0 };
	assert_null(tread_load(sealed, &d));
	assert_int_equal(d.errors, 1);
	assert_non_null(strstr(d.v[0].msg, "encrypted with another key"));
	assert_non_null(strstr(d.v[0].msg, sealed));
	diags_free(&d);
	VaultFile v;
	char *err = NULL;
	assert_false(vault_read(sealed, 1 << 20, &v, &err));
	assert_non_null(strstr(err, "another key"));
	assert_int_equal(errno, 0); /* the file's fault, not the machine's */
	free(err);
	free(sealed);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(round_trip, setup, teardown),
		cmocka_unit_test_setup_teardown(resume_sealed, setup, teardown),
		cmocka_unit_test_setup_teardown(plain_bytes_copied, setup, teardown),
		cmocka_unit_test_setup_teardown(seal_opens_back, setup, teardown),
		cmocka_unit_test_setup_teardown(wrong_passphrase, setup, teardown),
		cmocka_unit_test_setup_teardown(no_key_here, setup, teardown),
		cmocka_unit_test_setup_teardown(another_key, setup, teardown),
		cmocka_unit_test_setup_teardown(sealed_changes, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
