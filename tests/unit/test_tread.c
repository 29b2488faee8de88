/*
 * test_tread: transcripts read back, whole or torn, and resumed.
 *
 * Test plan:
 *   - round trip: a real session over a dialogue with a section, a note, a
 *     number (scale), a skipped optional question, a list (repeat) and
 *     commitments is written by transcript_write.c and read back: the
 *     header, every turn field, the answers with their types, the
 *     commitments (node included), status and end time are what the
 *     session held. The same for a pause before the first turn
 *     (`turns:` with nothing under it) and for an interrupted file.
 *   - torn tails: that transcript, cut at every byte. A cut inside the
 *     header is refused with a message (no crash); past it, the reader
 *     keeps exactly the turns the writer had completed by that byte (their
 *     ends are the file sizes after each sync), reports the rest as dropped
 *     from that offset, and calls the session interrupted unless the file
 *     is whole.
 *   - resume: the session written up to each of its actions and left there
 *     (as by a kill), or paused, then rebuilt from the file (session_new_at
 *     with the recorded start, session_replay) and continued with
 *     transcript_reopen, ends byte for byte as the uninterrupted run; also
 *     with a /back of a replayed answer after the resume.
 *   - practice: the points each phrasing covered and missed written beside
 *     the counts and read back; a step tried again (/again), each attempt
 *     with its number, read back and resumed after every line to the same
 *     bytes; a transcript with the counts alone (written before the points
 *     were) still reads, with no points.
 *   - pauses: pause items (`kind: pause`) among the turns are read with
 *     the turns they follow, are no turns (nor notes), and leave the
 *     duration, as do the pauses of an older closing `pauses:`, one pause
 *     counted once; one cut short is dropped like a torn turn. A resume
 *     appends its pause at once, so that a session interrupted after it
 *     keeps it; a second resume keeps both; a /back rewrite keeps them in
 *     order; the closing part no longer lists them; an older closing
 *     part's are written as items when resumed, a file not in the
 *     writer's layout is written anew with its pause.
 *   - bad input: not a mapping, no version, another version, and fields of
 *     the wrong type each give one error at the right line and column, and
 *     no Tread.
 */
#include <fcntl.h>
#include <math.h>
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

#include "dialogue.h"
#include "library.h"
#include "session.h"
#include "transcript.h"
#include "util.h"

/* ---- a session to write ---- */

static const char dialogue_yaml[] =
	"tandem: 1\n"
	"id: rt\n"
	"title: \"Round \\\"trip\\\"\"\n"
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

/* One thing the person does: a line, or /skip; a note first. */
typedef struct Action {
	const char *line;    /* NULL: /skip */
	const char *note;
} Action;

static const Action actions[] = {
	{ "", NULL },
	{ "Ann", "quiet, \"careful\"" },
	{ "7", NULL },
	{ NULL, NULL },
	{ "yes", NULL },
	{ "1.0", NULL },
	{ "", NULL },
	{ "Call Sam", NULL },
	{ "2026-12-01", NULL },
	{ "Sam says yes", NULL },
	{ "", NULL },
};
enum { NACTIONS = sizeof(actions) / sizeof(actions[0]) };

typedef struct Fixture {
	char dir[64];
	char *path;          /* the transcript */
	Library *lib;
	const Dialogue *d;
	SessionConfig cfg;
} Fixture;

/* The session's clock: set by the test, a minute further for each action,
 * so that every `at` differs and a rerun reads the same times. */
enum { BASE = 1795428000 }; /* 2026-11-23T10:00:00Z */
static time_t clock_at, clock_shift;
static time_t test_now(void)
{
	return clock_at + clock_shift; /* shift: a session resumed days later */
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

static int setup(void **state)
{
	Fixture *f = xcalloc(1, sizeof(*f));
	strcpy(f->dir, "/tmp/tandem-tread-XXXXXX");
	if (!mkdtemp(f->dir))
		return -1;
	char *dpath = xasprintf("%s/rt.yaml", f->dir);
	write_file(dpath, dialogue_yaml, strlen(dialogue_yaml));
	f->lib = library_new(NULL, 0);
	Diags diags = { 0 };
	f->d = library_load(f->lib, dpath, &diags);
	diags_print(&diags, stderr, false);
	diags_free(&diags);
	free(dpath);
	if (!f->d)
		return -1;
	f->cfg = (SessionConfig){ .mode = MODE_COACH, .client = "alice", .seed = 7, .now = test_now };
	f->path = xasprintf("%s/t.yaml", f->dir);
	clock_at = BASE;
	clock_shift = 0;
	setenv("TANDEM_NOW", "2026-11-23T12:00:00Z", 1); /* the end time */
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	Fixture *f = *state;
	assert_int_equal(testdir_remove(f->dir), 0);
	library_free(f->lib);
	free(f->path);
	free(f);
	return 0;
}

/* Does a as the i-th action, at its minute. */
static void redo(Session *s, size_t i, const Action *a)
{
	clock_at = BASE + 60 * (time_t)(i + 1);
	const Request *r = session_request(s);
	assert_true(r->kind == REQ_ANSWER || r->kind == REQ_CONTINUE);
	if (a->note)
		session_note(s, a->note);
	if (!a->line)
		assert_true(session_skip(s));
	else
		assert_int_equal(session_input(s, a->line), INPUT_TAKEN);
	session_request(s);
}

static void act(Session *s, size_t i)
{
	redo(s, i, &actions[i]);
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

static void finish_ok(Transcript *t, const Session *s, bool paused)
{
	char *err = NULL;
	bool ok = transcript_finish(t, s, paused, &err);
	if (!ok)
		print_error("%s\n", err);
	free(err);
	assert_true(ok);
}

static Transcript *create_ok(const char *path, const Session *s)
{
	char *err = NULL;
	Transcript *t = transcript_create(path, s, &err);
	if (!t)
		print_error("%s\n", err);
	free(err);
	assert_non_null(t);
	return t;
}

/*
 * Runs actions [0, upto) of a new session into f->path, syncing after each;
 * with `finish`, closes it (paused unless every action was done). ends[k]
 * gets the file's size after the k-th sync (ends[0]: the header alone).
 */
static void write_session(Fixture *f, size_t upto, bool finish, size_t *ends)
{
	unlink(f->path);
	clock_at = BASE;
	clock_shift = 0;
	Session *s = session_new(f->d, &f->cfg);
	Transcript *t = create_ok(f->path, s);
	struct stat st;
	if (ends) {
		assert_int_equal(stat(f->path, &st), 0);
		ends[0] = (size_t)st.st_size;
	}
	for (size_t i = 0; i < upto; i++) {
		act(s, i);
		sync_ok(t, s);
		if (ends) {
			assert_int_equal(stat(f->path, &st), 0);
			ends[session_nturns(s)] = (size_t)st.st_size;
		}
	}
	if (finish)
		finish_ok(t, s, session_status(s) != STATUS_COMPLETE);
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

/* ---- round trip ---- */

static void same_turn(const Turn *a, const Turn *b)
{
	assert_string_equal(a->node, b->node);
	assert_int_equal(a->kind, b->kind);
	assert_true((a->section == NULL) == (b->section == NULL));
	if (a->section)
		assert_string_equal(a->section, b->section);
	assert_true((a->prompt == NULL) == (b->prompt == NULL));
	if (a->prompt)
		assert_string_equal(a->prompt, b->prompt);
	assert_true((a->field == NULL) == (b->field == NULL));
	if (a->field)
		assert_string_equal(a->field, b->field);
	assert_true((a->input == NULL) == (b->input == NULL));
	if (a->input)
		assert_string_equal(a->input, b->input);
	assert_int_equal(a->answer.kind, b->answer.kind);
	assert_true(val_equal(&a->answer, &b->answer));
	assert_int_equal(a->skipped, b->skipped);
	assert_int_equal(a->at, b->at);
	assert_int_equal(a->nnotes, b->nnotes);
	for (size_t i = 0; i < a->nnotes; i++)
		assert_string_equal(a->notes[i], b->notes[i]);
	assert_int_equal(a->covered, b->covered);
	assert_int_equal(a->asked, b->asked);
	assert_int_equal(a->ncovered_points, b->ncovered_points);
	for (size_t i = 0; i < a->ncovered_points; i++)
		assert_string_equal(a->covered_points[i], b->covered_points[i]);
	assert_int_equal(a->nmissed_points, b->nmissed_points);
	for (size_t i = 0; i < a->nmissed_points; i++)
		assert_string_equal(a->missed_points[i], b->missed_points[i]);
	assert_int_equal(a->attempt, b->attempt);
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
	assert_int_equal(got->kind, v->kind);
	assert_true(val_equal(got, v));
	c->n++;
}

static void round_trip(void **state)
{
	Fixture *f = *state;
	unlink(f->path);
	clock_at = BASE;
	Session *s = session_new(f->d, &f->cfg);
	Transcript *w = create_ok(f->path, s);
	for (size_t i = 0; i < NACTIONS; i++) {
		act(s, i);
		sync_ok(w, s);
	}
	assert_int_equal(session_status(s), STATUS_COMPLETE);
	finish_ok(w, s, false);
	transcript_close(w);

	Tread *t = load_ok(f->path);
	assert_int_equal(t->version, 1);
	assert_string_equal(t->dialogue.id, "rt");
	assert_string_equal(t->dialogue.title, "Round \"trip\"");
	assert_string_equal(t->dialogue.lang, "en");
	assert_string_equal(t->dialogue.sha256, f->d->sha256);
	assert_non_null(strstr(t->dialogue.file, "/rt.yaml"));
	assert_int_equal(t->dialogue.file[0], '/');
	assert_int_equal(t->mode, MODE_COACH);
	assert_string_equal(t->client, "alice");
	assert_int_equal(t->seed, 7);
	assert_int_equal(t->started, session_started(s));
	assert_string_equal(t->started_iso, "2026-11-23T10:00:00Z");
	assert_int_equal(t->nturns, session_nturns(s));
	for (size_t i = 0; i < t->nturns; i++)
		same_turn(&t->turns[i], session_turn(s, i));
	assert_int_equal(t->turn_locs[0].line, 8);
	assert_int_equal(t->turn_locs[0].col, 5);

	/* Types: a number, a skipped answer, a list of texts that look like
	 * other things. */
	assert_int_equal(t->turns[2].answer.kind, VAL_NUMBER);
	assert_true(t->turns[3].skipped);
	const Value *wants = vars_get(t->answers, "wants");
	assert_non_null(wants);
	assert_int_equal(wants->kind, VAL_LIST);
	assert_int_equal(wants->u.list.n, 2);
	assert_string_equal(wants->u.list.items[0].u.text, "yes");
	assert_string_equal(wants->u.list.items[1].u.text, "1.0");
	AnswerCheck c = { t, 0 };
	session_answers(s, check_answer, &c);
	assert_true(c.n >= 4);

	assert_int_equal(t->ncommitments, 1);
	const Commitment *cm = &t->commitments[0];
	const Commitment *sc = session_commitment(s, 0);
	assert_string_equal(cm->id, sc->id);
	assert_string_equal(cm->what, "Call Sam");
	assert_string_equal(cm->when, "2026-12-01");
	assert_string_equal(cm->due, "2026-12-01");
	assert_string_equal(cm->measure, "Sam says yes");
	assert_string_equal(cm->status, "open");
	assert_string_equal(cm->node, "actions");
	assert_int_equal(t->nreviews, 0);
	assert_false(t->has_practice);

	assert_int_equal(t->status, TR_COMPLETE);
	assert_string_equal(tread_status_name(t->status), "complete");
	assert_true(t->ended > t->started);
	assert_false(t->torn.torn);
	size_t len;
	free(read_file(f->path, &len));
	assert_int_equal(t->torn.keep, len);
	assert_true(t->turns_end < len);
	tread_free(t);
	session_free(s);
}

/* Paused before the first turn: `turns:` holds nothing. */
static void paused_empty(void **state)
{
	Fixture *f = *state;
	write_session(f, 0, true, NULL);
	Tread *t = load_ok(f->path);
	assert_int_equal(t->status, TR_PAUSED);
	assert_int_equal(t->nturns, 0);
	assert_int_equal(t->ncommitments, 0);
	assert_false(t->torn.torn);
	char *bytes = read_file(f->path, NULL);
	assert_memory_equal(bytes + t->turns_end, "answers: {}\n", 12);
	assert_memory_equal(bytes + t->turns_end - 7, "turns:\n", 7);
	free(bytes);
	tread_free(t);
}

static void interrupted(void **state)
{
	Fixture *f = *state;
	write_session(f, 3, false, NULL);
	Tread *t = load_ok(f->path);
	assert_int_equal(t->status, TR_INTERRUPTED);
	assert_string_equal(tread_status_name(t->status), "interrupted");
	assert_int_equal(t->nturns, 3);
	assert_string_equal(t->turns[1].notes[0], "quiet, \"careful\"");
	assert_false(t->torn.torn);
	size_t len;
	free(read_file(f->path, &len));
	assert_int_equal(t->turns_end, len);
	assert_int_equal(t->ended, 0);
	assert_string_equal(t->ended_iso, "");
	tread_free(t);
}

/* ---- torn tails ---- */

/*
 * Where the whole part of a file cut at `cut` ends, the k-th turn ending
 * at `from` and the next at `to`: after the k-th turn, or after the note
 * item written with the next one (notes typed while it waited), when the
 * cut spares that item.
 */
static size_t whole_end(const char *bytes, size_t from, size_t to, size_t cut)
{
	const char *note = strstr(bytes + from, "    kind: note\n");
	if (!note || (size_t)(note - bytes) >= to)
		return from;
	const char *nl = strchr(strstr(note, "    at: "), '\n');
	size_t end = (size_t)(nl - bytes) + 1;
	return cut >= end ? end : from;
}

static void torn_everywhere(void **state)
{
	Fixture *f = *state;
	size_t ends[64] = { 0 };
	write_session(f, NACTIONS, true, ends);
	size_t len;
	char *bytes = read_file(f->path, &len);
	Tread *whole = load_ok(f->path);
	size_t nturns = whole->nturns;
	assert_true(nturns > 5);
	for (size_t cut = 0; cut <= len; cut++) {
		Diags d = { 0 };
		Tread *t = tread_load_mem("cut.yaml", bytes, cut, &d);
		if (cut + 1 < ends[0]) {
			/* The header is written at once; cut inside it is not a transcript. */
			assert_null(t);
			assert_true(d.errors > 0);
			diags_free(&d);
			continue;
		}
		if (!t)
			diags_print(&d, stderr, false), print_error("cut at %zu\n", cut);
		assert_non_null(t);
		assert_int_equal(d.errors, 0);
		diags_free(&d);
		if (cut < ends[0]) { /* `turns:` without its newline: nothing to keep */
			assert_int_equal(t->nturns, 0);
			tread_free(t);
			continue;
		}
		size_t k = 0;
		while (k < nturns && ends[k + 1] <= cut)
			k++;
		assert_int_equal(t->nturns, k);
		for (size_t i = 0; i < k; i++)
			same_turn(&t->turns[i], &whole->turns[i]);
		if (cut == len) {
			assert_int_equal(t->status, TR_COMPLETE);
			assert_false(t->torn.torn);
		} else {
			size_t keep = k < nturns ? whole_end(bytes, ends[k], ends[k + 1], cut) : ends[k];
			assert_int_equal(t->status, TR_INTERRUPTED);
			assert_int_equal(t->torn.keep, keep);
			assert_int_equal(t->turns_end, keep);
			assert_int_equal(t->torn.dropped, cut - keep);
			assert_int_equal(t->torn.torn, cut > keep);
			assert_int_equal(t->torn.in_closing, cut > ends[nturns]);
			assert_int_equal(t->nnotes > 0, keep > ends[k]);
			unsigned line = 1;
			for (size_t i = 0; i < keep; i++)
				line += bytes[i] == '\n';
			assert_int_equal(t->torn.line, line);
		}
		tread_free(t);
	}
	tread_free(whole);
	free(bytes);
}

/*
 * Whether two transcripts read back the same: the same turns, notes in
 * place, and the same closing. After a /back, the note of the answer taken
 * back waits for the question again and is written at once as a note item
 * (`kind: note`), so the bytes differ from a session that never went back
 * while what they say does not.
 */
static void same_reading(const char *got, const char *want)
{
	Diags d = { 0 };
	Tread *a = tread_load_mem("got", got, strlen(got), &d);
	Tread *b = tread_load_mem("want", want, strlen(want), &d);
	assert_int_equal(d.errors, 0);
	diags_free(&d);
	assert_int_equal(a->nturns, b->nturns);
	for (size_t i = 0; i < a->nturns; i++)
		same_turn(&a->turns[i], &b->turns[i]);
	assert_int_equal(a->nnotes, b->nnotes);
	assert_int_equal(a->status, b->status);
	assert_int_equal(a->ncommitments, b->ncommitments);
	assert_int_equal(a->nreviews, b->nreviews);
	tread_free(a);
	tread_free(b);
}

/* ---- resume ---- */

/* Rebuilds the session from f->path and takes the file over, as
 * `tandem resume` does, but for the pause: pause() records it. keep:
 * the reader's turns_end, else SIZE_MAX (the file is written anew). */
static Session *resume_keep(Fixture *f, Transcript **out, bool anew, Tread **read)
{
	int fd = open(f->path, O_RDWR | O_NOFOLLOW | O_CLOEXEC);
	assert_true(fd >= 0);
	assert_int_equal(flock(fd, LOCK_EX | LOCK_NB), 0);
	Diags d = { 0 };
	Tread *t = tread_load_fd(fd, f->path, &d, NULL);
	assert_int_equal(d.errors, 0);
	diags_free(&d);
	assert_non_null(t);
	assert_int_not_equal(t->status, TR_COMPLETE);
	SessionConfig cfg = f->cfg;
	cfg.seed = t->seed;
	Session *s = session_new_at(f->d, &cfg, t->started);
	assert_int_equal(session_replay(s, t->turns, t->nturns), t->nturns);
	char *err = NULL;
	*out = transcript_reopen(f->path, fd, s, anew ? SIZE_MAX : t->turns_end, t->pauses,
	                         t->npause_items, &err);
	if (!*out)
		print_error("%s\n", err);
	free(err);
	assert_non_null(*out);
	if (read)
		*read = t;
	else
		tread_free(t);
	return s;
}

static Session *resume(Fixture *f, Transcript **out)
{
	return resume_keep(f, out, false, NULL);
}

static void resume_each(void **state, bool paused, bool back)
{
	Fixture *f = *state;
	write_session(f, NACTIONS, true, NULL);
	char *want = read_file(f->path, NULL);
	for (size_t k = back ? 2 : 0; k < NACTIONS; k++) {
		write_session(f, k, paused, NULL);
		clock_at = BASE + 99999; /* resumed much later: the start must stay */
		Transcript *w;
		Session *s = resume(f, &w);
		assert_int_equal(session_started(s), BASE);
		if (back) { /* take back the last answer given before the break */
			assert_true(session_back(s));
			sync_ok(w, s);
			Action again = { actions[k - 1].line, NULL }; /* its note stays */
			redo(s, k - 1, &again);
			sync_ok(w, s);
		}
		for (size_t i = k; i < NACTIONS; i++) {
			act(s, i);
			sync_ok(w, s);
		}
		finish_ok(w, s, false);
		transcript_close(w);
		session_free(s);
		char *got = read_file(f->path, NULL);
		if (back)
			same_reading(got, want);
		else if (strcmp(got, want) != 0)
			print_error("resumed after %zu actions:\n%s\n--- want:\n%s\n", k, got, want);
		if (!back)
			assert_string_equal(got, want);
		free(got);
	}
	free(want);
}

static void resume_interrupted(void **state)
{
	resume_each(state, false, false);
}

static void resume_paused(void **state)
{
	resume_each(state, true, false);
}

static void resume_then_back(void **state)
{
	resume_each(state, false, true);
}

/* A torn tail is cut off by the reopen, and the turns go on after it. */
static void resume_torn(void **state)
{
	Fixture *f = *state;
	write_session(f, NACTIONS, true, NULL);
	char *want = read_file(f->path, NULL);
	size_t ends[64] = { 0 };
	write_session(f, 4, false, ends);
	int fd = open(f->path, O_WRONLY | O_APPEND);
	assert_true(fd >= 0);
	const char tail[] = "  - node: wants\n    kind: ask\n    answer: \"ye";
	assert_int_equal(write(fd, tail, sizeof(tail) - 1), (ssize_t)(sizeof(tail) - 1));
	close(fd);
	Tread *t = load_ok(f->path);
	assert_true(t->torn.torn);
	assert_int_equal(t->torn.dropped, sizeof(tail) - 1);
	assert_int_equal(t->torn.keep, ends[4]);
	assert_int_equal(t->nturns, 4);
	tread_free(t);
	Transcript *w;
	Session *s = resume(f, &w);
	for (size_t i = 4; i < NACTIONS; i++) {
		act(s, i);
		sync_ok(w, s);
	}
	finish_ok(w, s, false);
	transcript_close(w);
	session_free(s);
	char *got = read_file(f->path, NULL);
	assert_string_equal(got, want);
	free(got);
	free(want);
}

/* ---- practice ---- */

static const char practice_yaml[] =
	"tandem: 1\n"
	"id: pr\n"
	"title: Practice\n"
	"lang: en\n"
	"nodes:\n"
	"  open:\n"
	"    section: Opening\n"
	"    say: Everything here stays between us, and you set the agenda.\n"
	"    practice:\n"
	"      - point: confidentiality\n"
	"        pattern: /between us|private/i\n"
	"      - point: \"the client leads: \\\"agenda\\\"\"\n"
	"        pattern: /agenda/i\n"
	"  hour:\n"
	"    say: We have one hour.\n"
	"    practice:\n"
	"      - point: duration\n"
	"        pattern: /hour/i\n"
	"  bye:\n"
	"    end: Bye.\n";

static const Dialogue *load_practice(Fixture *f)
{
	char *path = xasprintf("%s/pr.yaml", f->dir);
	write_file(path, practice_yaml, strlen(practice_yaml));
	Diags diags = { 0 };
	const Dialogue *d = library_load(f->lib, path, &diags);
	diags_print(&diags, stderr, false);
	diags_free(&diags);
	free(path);
	assert_non_null(d);
	return d;
}

/* Runs the practice dialogue into f->path: each line a minute apart,
 * NULL for /again; closed unless `open`. The session, for comparison. */
static Session *write_practice(Fixture *f, const Dialogue *d, const char *const *lines,
                               size_t n, bool open)
{
	unlink(f->path);
	clock_at = BASE;
	SessionConfig cfg = f->cfg;
	cfg.mode = MODE_PRACTICE;
	Session *s = session_new(d, &cfg);
	Transcript *w = create_ok(f->path, s);
	for (size_t i = 0; i < n; i++) {
		clock_at += 60;
		if (lines[i])
			assert_int_equal(session_input(s, lines[i]), INPUT_TAKEN);
		else
			assert_true(session_again(s));
		session_request(s);
		sync_ok(w, s);
	}
	if (!open)
		finish_ok(w, s, session_status(s) != STATUS_COMPLETE);
	transcript_close(w);
	return s;
}

/* The points each phrasing covered and missed are written beside the
 * counts, one line each, and read back. */
static void practice_round_trip(void **state)
{
	Fixture *f = *state;
	const Dialogue *d = load_practice(f);
	static const char *const lines[] = { "It stays private.", "About an hour." };
	Session *s = write_practice(f, d, lines, 2, false);
	char *bytes = read_file(f->path, NULL);
	assert_non_null(strstr(bytes, "    covered: 1\n    asked: 2\n"
	                              "    covered_points: [\"confidentiality\"]\n"
	                              "    missed_points: [\"the client leads: \\\"agenda\\\"\"]\n"));
	assert_non_null(strstr(bytes, "    covered_points: [\"duration\"]\n"
	                              "    missed_points: []\n"));
	assert_null(strstr(bytes, "attempt:"));
	free(bytes);
	Tread *t = load_ok(f->path);
	assert_int_equal(t->nturns, 2);
	for (size_t i = 0; i < t->nturns; i++)
		same_turn(&t->turns[i], session_turn(s, i));
	assert_string_equal(t->turns[0].covered_points[0], "confidentiality");
	assert_string_equal(t->turns[0].missed_points[0], "the client leads: \"agenda\"");
	assert_int_equal(t->turns[1].ncovered_points, 1);
	assert_int_equal(t->turns[1].nmissed_points, 0);
	assert_true(t->has_practice);
	assert_int_equal(t->practice_covered, 2);
	assert_int_equal(t->practice_asked, 3);
	tread_free(t);
	session_free(s);
}

/* A step tried again: each attempt a turn, the next one with its number;
 * the score is the last attempt's; resumed after any line (and after an
 * /again not yet followed by its attempt, which the file does not know of,
 * with /again typed again), the file ends byte for byte the same. */
static const char *const again_lines[] = {
	"It stays private.", NULL, "Your agenda.", NULL, "Private, your agenda.", "About an hour.",
};
enum { NAGAIN = sizeof(again_lines) / sizeof(again_lines[0]) };

static void practice_again_round_trip(void **state)
{
	Fixture *f = *state;
	const Dialogue *d = load_practice(f);
	Session *s = write_practice(f, d, again_lines, NAGAIN, false);
	char *want = read_file(f->path, NULL);
	assert_non_null(strstr(want, "    missed_points: []\n    attempt: 3\n    at: "));
	Tread *t = load_ok(f->path);
	assert_int_equal(t->nturns, 4);
	for (size_t i = 0; i < t->nturns; i++)
		same_turn(&t->turns[i], session_turn(s, i));
	assert_int_equal(t->turns[0].attempt, 0);
	assert_int_equal(t->turns[1].attempt, 2);
	assert_int_equal(t->turns[2].attempt, 3);
	assert_true(turn_superseded(t->turns, t->nturns, 1));
	assert_false(turn_superseded(t->turns, t->nturns, 2));
	assert_int_equal(t->practice_covered, 3);
	assert_int_equal(t->practice_asked, 3);
	tread_free(t);
	session_free(s);

	f->d = d;
	f->cfg.mode = MODE_PRACTICE;
	for (size_t k = 0; k < NAGAIN; k++) {
		session_free(write_practice(f, d, again_lines, k, true));
		Transcript *w;
		Session *r = resume(f, &w);
		if (k > 0 && !again_lines[k - 1])
			assert_true(session_again(r));
		clock_at = BASE + 60 * (time_t)k;
		for (size_t i = k; i < NAGAIN; i++) {
			clock_at += 60;
			if (again_lines[i])
				assert_int_equal(session_input(r, again_lines[i]), INPUT_TAKEN);
			else
				assert_true(session_again(r));
			session_request(r);
			sync_ok(w, r);
		}
		finish_ok(w, r, false);
		transcript_close(w);
		session_free(r);
		char *got = read_file(f->path, NULL);
		if (strcmp(got, want) != 0)
			print_error("resumed after %zu lines:\n%s\n--- want:\n%s\n", k, got, want);
		assert_string_equal(got, want);
		free(got);
	}
	free(want);
}

/* A transcript written before the points were recorded: the counts alone,
 * which still read, with no points. */
static void practice_counts_alone(void **state)
{
	(void)state;
	static const char yaml[] =
		"tandem-transcript: 1\n"
		"dialogue: {id: pr, title: \"P\", lang: en, file: \"/pr.yaml\", sha256: \"ab\"}\n"
		"mode: practice\n"
		"seed: 1\n"
		"started: 2026-11-23T10:00:00Z\n"
		"turns:\n"
		"  - node: open\n"
		"    kind: say\n"
		"    prompt: \"Everything here stays between us.\"\n"
		"    answer: \"It stays private.\"\n"
		"    input: \"It stays private.\"\n"
		"    covered: 1\n"
		"    asked: 2\n"
		"    at: 2026-11-23T10:01:00Z\n"
		"answers: {}\n"
		"commitments: []\n"
		"reviews: []\n"
		"practice: {covered: 1, asked: 2}\n"
		"status: complete\n"
		"ended: 2026-11-23T10:02:00Z\n";
	Diags d = { 0 };
	Tread *t = tread_load_mem("old.yaml", yaml, strlen(yaml), &d);
	diags_print(&d, stderr, false);
	assert_int_equal(d.errors, 0);
	diags_free(&d);
	assert_non_null(t);
	assert_int_equal(t->nturns, 1);
	assert_int_equal(t->turns[0].covered, 1);
	assert_int_equal(t->turns[0].asked, 2);
	assert_int_equal(t->turns[0].ncovered_points, 0);
	assert_int_equal(t->turns[0].nmissed_points, 0);
	assert_int_equal(t->turns_end, strstr(yaml, "answers:") - yaml);
	tread_free(t);
}

/* ---- bad input ---- */

typedef struct BadCase {
	const char *yaml;
	unsigned line, col;
	const char *msg;     /* a part of the message */
} BadCase;

#define HEAD "tandem-transcript: 1\n" \
	"dialogue: {id: x, title: \"X\", lang: en, file: \"/x.yaml\", sha256: \"ab\"}\n"
#define REST "mode: coach\nseed: 1\nstarted: 2026-11-23T10:00:00Z\n"
#define TURN "  - node: a\n    kind: ask\n"
#define END "status: paused\nended: 2026-11-23T10:00:00Z\n"

static const BadCase bad_cases[] = {
	{ "- just\n- a list\n", 1, 1, "not a tandem transcript (not a mapping)" },
	{ "", 0, 0, "not a tandem transcript (the file is empty)" },
	{ "title: hello\n", 1, 1, "no `tandem-transcript:` line" },
	{ "tandem-transcript: 2\n", 1, 20, "of version 2; this tandem reads version 1" },
	{ "tandem-transcript: [1]\n", 1, 20, "of version a list" },
	{ HEAD "seed: 1\nstarted: 2026-11-23T10:00:00Z\nturns:\n", 1, 1,
	  "the transcript has no `mode:`" },
	{ "tandem-transcript: 1\ndialogue: x\n" REST "turns:\n", 2, 11,
	  "`dialogue` should be a mapping, not a text" },
	{ "tandem-transcript: 1\ndialogue: {id: x}\n" REST "turns:\n", 2, 11,
	  "the dialogue block has no `file:`" },
	{ HEAD "mode: boss\nseed: 1\nstarted: 2026-11-23T10:00:00Z\nturns:\n", 3, 7,
	  "`mode` should be coach, self or practice" },
	{ HEAD "mode: coach\nseed: -1\nstarted: 2026-11-23T10:00:00Z\nturns:\n", 4, 7,
	  "`seed` should be a whole number" },
	{ HEAD "mode: coach\nseed: 1\nstarted: soon\nturns:\n", 5, 10,
	  "`started` should be a time" },
	{ HEAD REST "turns: {a: 1}\n", 6, 8, "`turns` should be a list, not a mapping" },
	/* A turn cut short is a torn tail only at the end. */
	{ HEAD REST "turns:\n  - just text\n" TURN "    at: 2026-11-23T10:00:00Z\n", 7, 5,
	  "a turn should be a mapping, not a text" },
	{ HEAD REST "turns:\n" TURN TURN "    at: 2026-11-23T10:00:00Z\n", 7, 5,
	  "this turn has no `at:`" },
	{ HEAD REST "turns:\n  - node: a\n    kind: shout\n    at: 2026-11-23T10:00:00Z\n", 8, 11,
	  "`kind` should be a node kind" },
	{ HEAD REST "turns:\n" TURN "    answer: {a: 1}\n    at: 2026-11-23T10:00:00Z\n", 9, 13,
	  "`answer` should be a text, a number or a list, not a mapping" },
	{ HEAD REST "turns:\n" TURN "    skipped: \"yes\"\n    at: 2026-11-23T10:00:00Z\n", 9, 14,
	  "`skipped` should be true or false" },
	{ HEAD REST "turns:\n" TURN "    notes: \"one\"\n    at: 2026-11-23T10:00:00Z\n", 9, 12,
	  "`notes` should be a list, not a text" },
	{ HEAD REST "turns:\n" TURN "    prompt: [a]\n    at: 2026-11-23T10:00:00Z\n", 9, 13,
	  "`prompt` should be a text, not a list" },
	{ HEAD REST "turns:\n" TURN "    at: 2026-11-23T10:00:00Z\n    covered: x\n", 10, 14,
	  "`covered` should be a whole number" },
	{ HEAD REST "turns:\n" TURN "    covered_points: \"one\"\n    at: 2026-11-23T10:00:00Z\n", 9, 21,
	  "`covered_points` should be a list, not a text" },
	{ HEAD REST "turns:\n" TURN "    missed_points: [[a]]\n    at: 2026-11-23T10:00:00Z\n", 9, 21,
	  "`missed_points` should be a text, not a list" },
	{ HEAD REST "turns:\n" TURN "    attempt: second\n    at: 2026-11-23T10:00:00Z\n", 9, 14,
	  "`attempt` should be a whole number" },
	{ HEAD REST "turns:\n  - kind: pause\n    paused: 2026-11-23T10:00:00Z\n"
	  "    at: 2026-11-23T10:00:00Z\n", 7, 5, "this pause has no `resumed:`" },
	{ HEAD REST "turns:\n  - kind: pause\n    paused: soon\n    resumed: 2026-11-23T10:00:00Z\n"
	  "    at: 2026-11-23T10:00:00Z\n", 8, 13, "`paused` should be a time" },
	{ HEAD REST "turns:\nanswers: []\n" END, 7, 10, "`answers` should be a mapping, not a list" },
	{ HEAD REST "turns:\nanswers: {}\ncommitments:\n  - text\n" END, 9, 5,
	  "each item of `commitments` should be a mapping, not a text" },
	{ HEAD REST "turns:\nanswers: {}\nreviews:\n  - {commitment: c, status: done, answers: \"a\"}\n"
	  END, 9, 44, "`answers` of a review should be a list" },
	{ HEAD REST "turns:\nanswers: {}\nstatus: done\nended: 2026-11-23T10:00:00Z\n", 8, 9,
	  "`status` should be complete or paused" },
	{ HEAD REST "turns:\nanswers: {}\nstatus: paused\nended: soon\n", 9, 8,
	  "`ended` should be a time" },
	/* Not cut short but written by hand: parsed whole. */
	{ HEAD REST "turns:\nstatus: paused\n", 1, 1, "the transcript has no `ended:`" },
	{ HEAD REST "turns: [{node: a\n", 0, 0, "" }, /* not YAML: ydoc's message */
};

static void bad_input(void **state)
{
	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(bad_cases); i++) {
		const BadCase *c = &bad_cases[i];
		Diags d = { 0 };
		Tread *t = tread_load_mem("bad.yaml", c->yaml, strlen(c->yaml), &d);
		if (t || d.errors != 1 || !strstr(d.v[0].msg, c->msg) ||
		    (c->line && (d.v[0].loc.line != c->line || d.v[0].loc.col != c->col))) {
			print_error("case %zu:\n%s", i, c->yaml);
			diags_print(&d, stderr, false);
		}
		assert_null(t);
		assert_int_equal(d.errors, 1);
		assert_string_equal(d.v[0].file, "bad.yaml");
		assert_non_null(strstr(d.v[0].msg, c->msg));
		if (c->line) {
			assert_int_equal(d.v[0].loc.line, c->line);
			assert_int_equal(d.v[0].loc.col, c->col);
		}
		diags_free(&d);
	}
}

/* Values keep their type; a file not in tandem's layout is read whole. */
static void values_and_hand_edits(void **state)
{
	(void)state;
	static const char yaml[] =
		HEAD REST
		"turns:\n"
		"- node: a\n"
		"  kind: ask\n"
		"  at: 2026-11-23T11:00:00+01:00\n"
		"  answer: 5\n"
		"- {node: b, kind: ask, answer: \"5\", at: 2026-11-23T10:00:00Z}\n"
		"- {node: c, kind: ask, answer: [1.5, \"x\", true], at: 2026-11-23T10:00:00Z}\n"
		"- {node: d, kind: say, answer: null, at: 2026-11-23T10:00:00Z, notes: []}\n"
		"answers: {a: 5, b: \"5\", c: -.inf}\n"
		"practice: {covered: 2, asked: 3}\n"
		"status: paused\n"
		"ended: 2026-11-23T10:30:00Z\n";
	Diags d = { 0 };
	Tread *t = tread_load_mem("hand.yaml", yaml, strlen(yaml), &d);
	diags_print(&d, stderr, false);
	assert_non_null(t);
	diags_free(&d);
	assert_int_equal(t->nturns, 4);
	assert_int_equal(t->turns_end, SIZE_MAX);
	assert_false(t->torn.torn);
	assert_int_equal(t->turns[0].at, 1795428000);
	assert_int_equal(t->turns[0].answer.kind, VAL_NUMBER);
	assert_true(t->turns[0].answer.u.num == 5);
	assert_int_equal(t->turns[1].answer.kind, VAL_TEXT);
	assert_string_equal(t->turns[1].answer.u.text, "5");
	const Value *l = &t->turns[2].answer;
	assert_int_equal(l->kind, VAL_LIST);
	assert_int_equal(l->u.list.n, 3);
	assert_true(l->u.list.items[0].kind == VAL_NUMBER && l->u.list.items[0].u.num == 1.5);
	assert_int_equal(l->u.list.items[1].kind, VAL_TEXT);
	assert_int_equal(l->u.list.items[2].kind, VAL_BOOL);
	assert_int_equal(t->turns[3].answer.kind, VAL_UNSET);
	assert_int_equal(t->turns[3].kind, NODE_SAY);
	assert_int_equal(t->turns[3].nnotes, 0);
	const Value *c = vars_get(t->answers, "c");
	assert_true(c && c->kind == VAL_NUMBER && isinf(c->u.num) && c->u.num < 0);
	assert_true(t->has_practice);
	assert_int_equal(t->practice_covered, 2);
	assert_int_equal(t->practice_asked, 3);
	assert_int_equal(t->status, TR_PAUSED);
	assert_string_equal(t->ended_iso, "2026-11-23T10:30:00Z");
	assert_null(t->client);
	tread_free(t);
}

static void missing_file(void **state)
{
	(void)state;
	Diags d = { 0 };
	assert_null(tread_load("/nonexistent/t.yaml", &d));
	assert_int_equal(d.errors, 1);
	assert_non_null(strstr(d.v[0].msg, "cannot open the file"));
	diags_free(&d);
}

/* The pauses of an older tandem's closing part are read, and the time they
 * took is not time the session ran; a transcript without them ran from
 * start to end. */
static void pauses_leave_the_duration(void **state)
{
	(void)state;
	const char *yaml =
		"tandem-transcript: 1\n"
		"dialogue: {id: d, title: D, lang: en, file: /x.yaml, sha256: \"0\"}\n"
		"mode: coach\n"
		"seed: 1\n"
		"started: 2026-03-02T10:00:00Z\n"
		"turns: []\n"
		"answers: {}\n"
		"commitments: []\n"
		"reviews: []\n"
		"pauses:\n"
		"  - {paused: 2026-03-02T10:20:00Z, resumed: 2026-03-05T09:00:00Z}\n"
		"  - {paused: 2026-03-05T09:10:00Z, resumed: 2026-03-06T09:00:00Z}\n"
		"status: complete\n"
		"ended: 2026-03-06T09:15:00Z\n";
	Diags d = { 0 };
	Tread *t = tread_load_mem("paused.yaml", yaml, strlen(yaml), &d);
	assert_int_equal(d.errors, 0);
	assert_non_null(t);
	assert_int_equal(t->npauses, 2);
	assert_int_equal(tread_running_seconds(t), (20 + 10 + 15) * 60);
	tread_free(t);
	const char *plain = strstr(yaml, "pauses:");
	char *without = xasprintf("%.*sstatus: complete\nended: 2026-03-02T10:45:00Z\n",
	                          (int)(plain - yaml), yaml);
	t = tread_load_mem("plain.yaml", without, strlen(without), &d);
	assert_int_equal(t->npauses, 0);
	assert_int_equal(tread_running_seconds(t), 45 * 60);
	tread_free(t);
	free(without);
	diags_free(&d);
}

/* ---- pauses ---- */

#define PAUSE(from, to) TR_PAUSE_ITEM "    paused: " from "\n    resumed: " to "\n    at: " to "\n"
#define D25 (BASE + 2 * 86400 - 3600) /* 2026-11-25T09:00:00Z */
#define D26 (BASE + 3 * 86400 - 3600) /* 2026-11-26T09:00:00Z */

/* Pause items among the turns, a note across one, and the closing part
 * of an older tandem listing one of them again and one of its own. */
static const char paused_yaml[] =
	HEAD REST
	"turns:\n"
	"  - node: a\n    kind: ask\n    answer: \"x\"\n    at: 2026-11-23T10:05:00Z\n"
	PAUSE("2026-11-23T10:05:00Z", "2026-11-25T09:00:00Z")
	"  - node: b\n    kind: note\n    notes: [\"hm\"]\n    at: 2026-11-25T09:01:00Z\n"
	PAUSE("2026-11-25T09:02:00Z", "2026-11-26T09:00:00Z")
	"  - node: b\n    kind: ask\n    answer: \"y\"\n    at: 2026-11-26T09:10:00Z\n"
	"answers: {a: \"x\", b: \"y\"}\n"
	"commitments: []\n"
	"reviews: []\n"
	"pauses:\n"
	"  - {paused: 2026-11-23T10:05:00Z, resumed: 2026-11-25T09:00:00Z}\n"
	"  - {paused: 2026-11-23T10:01:00Z, resumed: 2026-11-23T10:03:00Z}\n"
	"status: complete\n"
	"ended: 2026-11-26T09:15:00Z\n";

static Tread *load_mem_ok(const char *yaml, size_t len)
{
	Diags d = { 0 };
	Tread *t = tread_load_mem("p.yaml", yaml, len, &d);
	diags_print(&d, stderr, false);
	assert_int_equal(d.errors, 0);
	diags_free(&d);
	assert_non_null(t);
	return t;
}

/* Pause items are not turns: the note across one goes with the turn that
 * follows; each pause is counted once, and none is running time. */
static void pause_items_read(void **state)
{
	(void)state;
	const char *yaml = paused_yaml;
	Tread *t = load_mem_ok(yaml, strlen(yaml));
	assert_int_equal(t->status, TR_COMPLETE);
	assert_int_equal(t->nturns, 2);
	assert_string_equal(t->turns[1].node, "b");
	assert_int_equal(t->turns[1].nnotes, 1);
	assert_string_equal(t->turns[1].notes[0], "hm");
	assert_int_equal(t->turn_locs[1].line, 23);
	assert_int_equal(t->npauses, 3);
	assert_int_equal(t->npause_items, 2);
	assert_int_equal(t->pauses[0].paused, BASE + 5 * 60);
	assert_int_equal(t->pauses[0].resumed, D25);
	assert_int_equal(t->pauses[0].after, 1);
	assert_int_equal(t->pauses[1].paused, D25 + 2 * 60);
	assert_int_equal(t->pauses[1].resumed, D26);
	assert_int_equal(t->pauses[1].after, 1);
	assert_int_equal(t->pauses[2].paused, BASE + 60); /* the closing part's own */
	assert_int_equal(t->pauses[2].after, 2);
	/* Ran 10:00-10:05 less 2 minutes, 09:00-09:02, 09:00-09:15. */
	assert_int_equal(tread_running_seconds(t), 20 * 60);
	tread_free(t);

	/* Interrupted (no closing part): it stopped at its last turn. */
	size_t closing = (size_t)(strstr(yaml, "answers:") - yaml);
	t = load_mem_ok(yaml, closing);
	assert_int_equal(t->status, TR_INTERRUPTED);
	assert_int_equal(t->npauses, 2);
	assert_int_equal(t->npause_items, 2);
	assert_int_equal(t->turns_end, closing);
	assert_int_equal(tread_stopped(t), D26 + 10 * 60);
	assert_int_equal(tread_running_seconds(t), 17 * 60);
	tread_free(t);

	/* Interrupted once resumed, before a turn: it stopped when resumed. */
	size_t resumed = (size_t)(strstr(yaml, "  - node: b\n    kind: ask") - yaml);
	t = load_mem_ok(yaml, resumed);
	assert_int_equal(t->nturns, 1);
	assert_int_equal(t->nnotes, 1);
	assert_int_equal(t->npauses, 2);
	assert_int_equal(tread_stopped(t), D26);
	assert_int_equal(tread_running_seconds(t), 7 * 60);
	tread_free(t);
}

/* A pause item cut short is dropped like a torn turn. */
static void pause_item_torn(void **state)
{
	(void)state;
	const char *yaml = paused_yaml;
	const char *second = strstr(yaml, "    paused: 2026-11-25T09:02:00Z") - strlen(TR_PAUSE_ITEM);
	size_t from = (size_t)(second - yaml);
	size_t to = (size_t)(strstr(second, "  - node: b\n") - yaml);
	for (size_t cut = from; cut <= to; cut++) {
		Tread *t = load_mem_ok(yaml, cut);
		bool whole = cut == to;
		assert_int_equal(t->npauses, whole ? 2 : 1);
		assert_int_equal(t->npause_items, whole ? 2 : 1);
		assert_int_equal(t->turns_end, whole ? to : from);
		assert_int_equal(t->torn.keep, whole ? to : from);
		assert_int_equal(t->torn.torn, !whole && cut > from);
		assert_false(t->torn.in_closing);
		assert_int_equal(t->nturns, 1);
		assert_int_equal(t->nnotes, 1);
		tread_free(t);
	}
}

/* What `tandem resume` at `now` records once the file is taken over: the
 * pauses of an older closing part, then this one, from when the session
 * stopped; none at the very moment it stopped. */
static Session *resume_at(Fixture *f, Transcript **w, time_t now, bool anew)
{
	Tread *t;
	Session *s = resume_keep(f, w, anew, &t);
	TrPause v[8];
	size_t n = 0;
	for (size_t i = t->npause_items; i < t->npauses && n < 7; i++)
		v[n++] = t->pauses[i];
	if (now > tread_stopped(t))
		v[n++] = (TrPause){ .paused = tread_stopped(t), .resumed = now };
	tread_free(t);
	char *err = NULL;
	bool ok = transcript_add_pauses(*w, s, v, n, &err);
	if (!ok)
		print_error("%s\n", err);
	free(err);
	assert_true(ok);
	clock_shift = now - BASE; /* the next turns are typed from now on */
	return s;
}

static size_t count_of(const char *hay, const char *needle)
{
	size_t n = 0;
	for (const char *p = hay; (p = strstr(p, needle)) != NULL; p++)
		n++;
	return n;
}

/*
 * Paused, resumed two days later, killed after a turn: the pause is on
 * disk, and the duration leaves it out. Resumed again: both pauses kept;
 * two turns taken back, past the first pause: the rewrite keeps both, in
 * order, after the turns left; the session ends with its pauses as items
 * and a closing part that does not list them, and replays whole.
 */
static void pauses_outlive_a_crash(void **state)
{
	Fixture *f = *state;
	write_session(f, 3, true, NULL); /* turns at 10:01-10:03, paused at 12:00 */
	const time_t r1 = BASE + 2 * 86400, r2 = BASE + 4 * 86400;
	Transcript *w;
	Session *s = resume_at(f, &w, r1, false);
	char *bytes = read_file(f->path, NULL);
	assert_null(strstr(bytes, TR_CLOSING));
	const char *item = strstr(bytes, TR_PAUSE_ITEM);
	assert_non_null(item);
	assert_string_equal(item, PAUSE("2026-11-23T12:00:00Z", "2026-11-25T10:00:00Z"));
	free(bytes);
	act(s, 3);
	sync_ok(w, s);
	transcript_close(w); /* killed: no closing part */
	session_free(s);

	Tread *t = load_ok(f->path);
	assert_int_equal(t->status, TR_INTERRUPTED);
	assert_int_equal(t->nturns, 4);
	assert_int_equal(t->npauses, 1);
	assert_int_equal(t->pauses[0].after, 3);
	assert_int_equal(tread_stopped(t), r1 + 4 * 60);
	assert_int_equal(tread_running_seconds(t), 2 * 3600 + 4 * 60);
	tread_free(t);

	s = resume_at(f, &w, r2, false);
	t = load_ok(f->path);
	assert_int_equal(t->nturns, 4);
	assert_int_equal(t->npauses, 2);
	assert_int_equal(t->pauses[0].paused, BASE + 2 * 3600);
	assert_int_equal(t->pauses[1].paused, r1 + 4 * 60);
	assert_int_equal(t->pauses[1].resumed, r2);
	assert_int_equal(t->pauses[1].after, 4);
	tread_free(t);

	assert_true(session_back(s));
	assert_true(session_back(s));
	session_request(s);
	size_t left = session_nturns(s);
	assert_true(left < 3);
	sync_ok(w, s);
	t = load_ok(f->path);
	assert_int_equal(t->nturns, left);
	assert_int_equal(t->npauses, 2);
	assert_int_equal(t->pauses[0].paused, BASE + 2 * 3600);
	assert_int_equal(t->pauses[0].after, left);
	assert_int_equal(t->pauses[1].resumed, r2);
	assert_int_equal(t->pauses[1].after, left);
	tread_free(t);

	for (size_t i = left; i < NACTIONS; i++) {
		Action a = { actions[i].line, i == 1 ? NULL : actions[i].note }; /* the note stays */
		redo(s, i, &a);
		sync_ok(w, s);
	}
	setenv("TANDEM_NOW", "2026-11-27T11:00:00Z", 1);
	finish_ok(w, s, false);
	transcript_close(w);
	bytes = read_file(f->path, NULL);
	assert_int_equal(count_of(bytes, TR_PAUSE_ITEM), 2);
	assert_null(strstr(bytes, "pauses:"));
	free(bytes);
	t = load_ok(f->path);
	assert_int_equal(t->status, TR_COMPLETE);
	assert_int_equal(t->nturns, session_nturns(s));
	for (size_t i = 0; i < t->nturns; i++)
		same_turn(&t->turns[i], session_turn(s, i));
	assert_int_equal(t->npauses, 2);
	/* 10:00-12:00, r1 to r1 + 4 minutes, r2 to r2 + 1 hour. */
	assert_int_equal(tread_running_seconds(t), 3 * 3600 + 4 * 60);
	Session *again = session_new_at(f->d, &f->cfg, t->started);
	assert_int_equal(session_replay(again, t->turns, t->nturns), t->nturns);
	assert_int_equal(session_status(again), STATUS_COMPLETE);
	session_free(again);
	tread_free(t);
	session_free(s);
}

/* An older tandem's closing `pauses:`, cut off by the resume, is written as
 * items with the new pause, appended or, for a file written anew, in the
 * same bytes. */
static void older_pauses_become_items(void **state)
{
	Fixture *f = *state;
	char *files[2];
	for (int anew = 0; anew < 2; anew++) {
		write_session(f, 3, true, NULL);
		char *bytes = read_file(f->path, NULL);
		char *status = strstr(bytes, "status: paused\n");
		assert_non_null(status);
		char *old = xasprintf("%.*spauses:\n  - {paused: 2026-11-23T10:03:00Z, "
		                      "resumed: 2026-11-23T11:00:00Z}\n%s",
		                      (int)(status - bytes), bytes, status);
		write_file(f->path, old, strlen(old));
		free(old);
		free(bytes);
		Tread *t = load_ok(f->path);
		assert_int_equal(t->npauses, 1);
		assert_int_equal(t->npause_items, 0);
		assert_int_equal(tread_running_seconds(t), 63 * 60);
		tread_free(t);

		Transcript *w;
		Session *s = resume_at(f, &w, BASE + 2 * 86400, anew);
		transcript_close(w);
		session_free(s);
		files[anew] = read_file(f->path, NULL);
		assert_null(strstr(files[anew], "pauses:"));
		const char *items = strstr(files[anew], TR_PAUSE_ITEM);
		assert_non_null(items);
		assert_string_equal(items, PAUSE("2026-11-23T10:03:00Z", "2026-11-23T11:00:00Z")
		                           PAUSE("2026-11-23T12:00:00Z", "2026-11-25T10:00:00Z"));
		t = load_ok(f->path);
		assert_int_equal(t->status, TR_INTERRUPTED);
		assert_int_equal(t->npauses, 2);
		assert_int_equal(t->npause_items, 2);
		assert_int_equal(tread_running_seconds(t), 63 * 60);
		tread_free(t);
	}
	assert_string_equal(files[0], files[1]);
	free(files[0]);
	free(files[1]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(round_trip, setup, teardown),
		cmocka_unit_test_setup_teardown(paused_empty, setup, teardown),
		cmocka_unit_test_setup_teardown(interrupted, setup, teardown),
		cmocka_unit_test_setup_teardown(torn_everywhere, setup, teardown),
		cmocka_unit_test_setup_teardown(resume_interrupted, setup, teardown),
		cmocka_unit_test_setup_teardown(resume_paused, setup, teardown),
		cmocka_unit_test_setup_teardown(resume_then_back, setup, teardown),
		cmocka_unit_test_setup_teardown(resume_torn, setup, teardown),
		cmocka_unit_test_setup_teardown(practice_round_trip, setup, teardown),
		cmocka_unit_test_setup_teardown(practice_again_round_trip, setup, teardown),
		cmocka_unit_test(practice_counts_alone),
		cmocka_unit_test(pauses_leave_the_duration),
		cmocka_unit_test(pause_items_read),
		cmocka_unit_test(pause_item_torn),
		cmocka_unit_test_setup_teardown(pauses_outlive_a_crash, setup, teardown),
		cmocka_unit_test_setup_teardown(older_pauses_become_items, setup, teardown),
		cmocka_unit_test(bad_input),
		cmocka_unit_test(values_and_hand_edits),
		cmocka_unit_test(missing_file),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
