/*
 * transcript_write: the session's record on disk, written as the session
 * goes.
 *
 * Why append and fsync: sessions.md promises that once the next prompt is
 * shown every earlier answer is on disk, and that recording a turn costs
 * the same in the first minute as in the second hour. So each new turn is
 * formatted alone into a reused buffer, handed to one write() at the end
 * of the file, and fsync'd; nothing already written is read or rewritten.
 * A failed write is cut back off the file (ftruncate), so that what was on
 * disk before stays whole.
 *
 * Why the rewrite on /back: a turn taken back is already on disk, and an
 * append-only file cannot forget it. The file is then written anew, whole,
 * into a temporary file of the same folder, fsync'd, renamed over the old
 * one and the folder fsync'd: at every moment the path holds either the
 * old transcript or the new one, never a mix. /back is rare; its cost may
 * grow with the session.
 *
 * Layout: the header ends with `turns:` and each turn is appended as one
 * item of that block sequence, one line per key, its `at:` line last, so
 * that a reader can tell a whole turn from one a crash cut short
 * (transcript_read.c relies on it; transcript.h names the layout); the closing part (answers, commitments,
 * reviews, practice, status, ended) follows the last turn when the session
 * completes or pauses. A session paused before its first turn reads as
 * `turns: null`, which readers take for no turns; writing `turns: []`
 * instead would leave nowhere to append the first item. A file with no
 * closing part is a session interrupted (a crash, a kill, a runtime
 * error): `tandem resume` goes on from its last whole turn.
 *
 * Why pauses are items of the turns: the closing part is cut off when a
 * paused session is resumed, and written again only when it stops; a
 * crash in between would lose every pause, and the session's duration
 * would count days of pause as time it ran. So the resume appends one
 * item for each pause, fsync'd at once, and a /back rewrite puts each back
 * after the turns it followed (Transcript.pauses keeps where).
 *
 * While open, the file is held under flock(LOCK_EX), so that a second
 * tandem (a resume of the same transcript) can see it is in use.
 *
 * Sealed (when the coach has a key, vault.h): each write is one chunk of
 * the file's stream, so a turn is still one write and one fsync, and a
 * crash still loses at most the turn being written. The stream cannot be
 * cut back and appended to where a write failed (its state has moved on),
 * nor taken over by a resume (reading only checks it); both write the
 * file anew, whole, in a new stream, as a /back does.
 */
#include "transcript.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sodium.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "clock.h"
#include "fileio.h"
#include "i18n.h"
#include "util.h"
#include "vault.h"
#include "yamlout.h"

struct Transcript {
	char *path;
	char *dialogue_file; /* the dialogue's absolute path, for resume */
	int fd;
	off_t size;          /* bytes known whole on disk */
	size_t written;      /* turns on disk */
	size_t last_notes;   /* notes of the last turn on disk, when written */
	size_t notes_out;    /* pending notes of the session on disk, as note items */
	unsigned generation; /* session_generation when the turns were written */
	bool finished;       /* the closing part is on disk */
	bool foreign;        /* the file is not in our layout: write it anew */
	Buf buf;             /* the bytes of the next write, reused */
	bool seal;           /* written sealed (vault.h) */
	Sealed *stream;      /* the file's stream once sealed; NULL before */
	Buf out;             /* buf sealed, when seal */
	TrPause *pauses;     /* the pause items on disk, in order, each after */
	size_t npauses;      /* its `after` turns */
};

/* *err from what (a message naming a file '%s' and a reason %s) for
 * path, the reason errno's; keeps errno. */
static bool fail(char **err, const char *what, const char *path)
{
	int e = errno;
	*err = xasprintf(what, path, strerror(e));
	errno = e;
	return false;
}

/* A time after its key line's beginning, "started: " or TR_AT. */
static void put_time(Buf *b, const char *key_line, time_t t)
{
	char iso[32];
	clock_iso(t, iso);
	buf_printf(b, "%s%s\n", key_line, iso);
}

static void put_text(Buf *b, const char *indent, const char *key, const char *s)
{
	buf_printf(b, "%s%s: ", indent, key);
	yamlout_quote(b, s);
	buf_addc(b, '\n');
}

static void put_header(Buf *b, const Transcript *t, const Session *s)
{
	const Dialogue *d = session_dialogue(s);
	buf_adds(b, "tandem-transcript: 1\ndialogue: {id: ");
	yamlout_name(b, d->id);
	buf_adds(b, ", title: ");
	yamlout_quote(b, d->title);
	buf_adds(b, ", lang: ");
	yamlout_name(b, d->lang);
	buf_adds(b, ", file: ");
	yamlout_quote(b, t->dialogue_file);
	buf_adds(b, ", sha256: ");
	yamlout_quote(b, d->sha256);
	buf_adds(b, "}\nmode: ");
	yamlout_name(b, mode_name(session_mode(s)));
	buf_addc(b, '\n');
	if (session_client(s))
		put_text(b, "", "client", session_client(s));
	buf_printf(b, "seed: %llu\n", session_seed(s));
	put_time(b, "started: ", session_started(s));
	buf_adds(b, TR_TURNS);
}

/* A turn's list of texts, on one line: `    KEY: ["...", "..."]`. */
static void put_texts(Buf *b, const char *key, const char *const *texts, size_t n)
{
	buf_printf(b, "    %s: [", key);
	for (size_t i = 0; i < n; i++) {
		if (i)
			buf_adds(b, ", ");
		yamlout_quote(b, texts[i]);
	}
	buf_adds(b, "]\n");
}

static void put_notes(Buf *b, const char *const *notes, size_t n)
{
	put_texts(b, "notes", notes, n);
}

/*
 * Notes typed while a question waited, as an item of their own (`kind:
 * note`), written when typed like an answer: the question may never be
 * answered (a pause, a crash). Readers give these notes to the turn that
 * follows, or keep them as the waiting question's.
 */
static void put_note_item(Buf *b, const char *node, const char *const *notes, size_t n,
                          time_t at)
{
	buf_adds(b, TR_ITEM "node: ");
	yamlout_name(b, node);
	buf_adds(b, "\n    kind: note\n");
	put_notes(b, notes, n);
	put_time(b, TR_AT, at);
}

/* A pause, as an item of its own, written when the session is resumed. */
static void put_pause_item(Buf *b, const TrPause *p)
{
	buf_adds(b, TR_PAUSE_ITEM);
	put_time(b, "    paused: ", p->paused);
	put_time(b, "    resumed: ", p->resumed);
	put_time(b, TR_AT, p->resumed); /* last, as a turn's */
}

/* The note item of the notes typed while t's question waited, but for the
 * first `skip` (on disk already). */
static void put_waited(Buf *b, const Turn *t, size_t skip)
{
	if (t->waited > skip)
		put_note_item(b, t->node, (const char *const *)t->notes + skip, t->waited - skip,
		              t->noted_at);
}

/* One turn, without its waited notes (put_waited). Keys without a value
 * are left out. */
static void put_turn_item(Buf *b, const Turn *t)
{
	const char *const *notes = (const char *const *)t->notes;
	buf_adds(b, TR_ITEM "node: ");
	yamlout_name(b, t->node);
	buf_adds(b, "\n    kind: ");
	buf_adds(b, node_kind_name(t->kind));
	buf_addc(b, '\n');
	if (t->section)
		put_text(b, "    ", "section", t->section);
	if (t->prompt)
		put_text(b, "    ", "prompt", t->prompt);
	if (t->field) {
		buf_adds(b, "    field: ");
		yamlout_name(b, t->field);
		buf_addc(b, '\n');
	}
	if (t->answer.kind != VAL_UNSET) {
		buf_adds(b, "    answer: ");
		yamlout_value(b, &t->answer);
		buf_addc(b, '\n');
	}
	if (t->skipped)
		buf_adds(b, "    skipped: true\n");
	if (t->input)
		put_text(b, "    ", "input", t->input);
	if (t->asked > 0) {
		buf_printf(b, "    covered: %d\n    asked: %d\n", t->covered, t->asked);
		put_texts(b, "covered_points", (const char *const *)t->covered_points,
		          t->ncovered_points);
		put_texts(b, "missed_points", (const char *const *)t->missed_points,
		          t->nmissed_points);
	}
	if (t->attempt > 1)
		buf_printf(b, "    attempt: %d\n", t->attempt);
	if (t->nnotes > t->waited) /* added once the session had ended */
		put_notes(b, notes + t->waited, t->nnotes - t->waited);
	put_time(b, TR_AT, t->at); /* last: a turn is whole once its time is */
}

/* One turn, after the note item of the notes typed while its question
 * waited, but for the first `skip`. */
static void put_turn(Buf *b, const Turn *t, size_t skip)
{
	put_waited(b, t, skip);
	put_turn_item(b, t);
}

/* The notes typed for the waiting question past the first `from`. */
static void put_pending_notes(Buf *b, const Session *s, size_t from)
{
	size_t n;
	const char *node;
	const time_t *at;
	const char *const *notes = session_pending_notes(s, &n, &node, &at);
	if (n > from)
		put_note_item(b, node, notes + from, n - from, at[from]);
}

static void put_answer(void *ctx, const char *name, const Value *v)
{
	Buf *b = ctx;
	buf_adds(b, "  ");
	yamlout_name(b, name);
	buf_adds(b, ": ");
	yamlout_value(b, v);
	buf_addc(b, '\n');
}

static void put_answers(Buf *b, const Session *s)
{
	size_t mark = b->len;
	buf_adds(b, TR_CLOSING "\n");
	size_t items = b->len;
	session_answers(s, put_answer, b);
	if (b->len == items) { /* none: an empty mapping rather than null */
		b->len = mark;
		buf_adds(b, TR_CLOSING " {}\n");
	}
}

static void put_commitments(Buf *b, const Session *s)
{
	size_t n = session_ncommitments(s);
	buf_adds(b, n ? "commitments:\n" : "commitments: []\n");
	for (size_t i = 0; i < n; i++) {
		const Commitment *c = session_commitment(s, i);
		buf_adds(b, "  - {id: ");
		yamlout_quote(b, c->id);
		yamlout_field(b, "what", c->what);
		yamlout_field(b, "when", c->when);
		if (c->due)
			yamlout_field(b, "due", c->due);
		yamlout_field(b, "measure", c->measure);
		buf_adds(b, ", status: open");
		if (c->node) {
			buf_adds(b, ", node: ");
			yamlout_name(b, c->node);
		}
		buf_adds(b, "}\n");
	}
}

static void put_reviews(Buf *b, const Session *s)
{
	size_t n = session_nreviews(s);
	buf_adds(b, n ? "reviews:\n" : "reviews: []\n");
	for (size_t i = 0; i < n; i++) {
		const Review *r = session_review(s, i);
		buf_adds(b, "  - {commitment: ");
		yamlout_quote(b, r->commitment);
		yamlout_field(b, "what", r->what);
		buf_adds(b, ", status: ");
		yamlout_name(b, r->status);
		buf_adds(b, ", answers: ");
		yamlout_value(b, &r->answers);
		buf_adds(b, "}\n");
	}
}

/* The end time comes from the same clock as the session's (TANDEM_NOW). */
static void put_closing(Buf *b, const Session *s, bool paused)
{
	put_answers(b, s);
	put_commitments(b, s);
	put_reviews(b, s);
	if (session_mode(s) == MODE_PRACTICE) {
		int covered = 0, asked = 0;
		session_practice_score(s, &covered, &asked);
		buf_printf(b, "practice: {covered: %d, asked: %d}\n", covered, asked);
	}
	buf_printf(b, "status: %s\n", paused ? "paused" : "complete");
	put_time(b, TR_ENDED, clock_now());
}

/* The bytes to write for t->buf: itself, or the next chunk of the file's
 * stream (its beginning first when fresh, the stream then begun anew). */
static const Buf *to_write(Transcript *t, bool fresh, char **err)
{
	if (!t->seal)
		return &t->buf;
	buf_clear(&t->out);
	if (fresh) {
		sealed_free(t->stream);
		t->stream = NULL;
	}
	if (!t->stream && !(t->stream = vault_start(&t->out, err)))
		return NULL;
	sealed_push(t->stream, t->buf.data, t->buf.len, &t->out);
	return &t->out;
}

/*
 * Appends t->buf to the file and fsyncs it. On failure, cuts the file back
 * to its last whole size, so that a torn turn never follows the good ones.
 */
static bool append(Transcript *t, char **err)
{
	if (t->buf.len == 0)
		return true;
	const Buf *b = to_write(t, false, err);
	if (!b)
		return false;
	if (!file_write_all(t->fd, b->data, b->len) || fsync(t->fd) != 0) {
		fail(err, _("cannot write '%s': %s"), t->path);
		if (ftruncate(t->fd, t->size) == 0)
			(void)lseek(t->fd, t->size, SEEK_SET);
		t->foreign = t->foreign || t->seal; /* the stream is past the file's end */
		return false;
	}
	t->size += (off_t)b->len;
	return true;
}

static char *folder_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		return xstrdup(".");
	if (slash == path)
		return xstrdup("/");
	return xstrndup(path, (size_t)(slash - path));
}

/* Makes the rename itself durable: the folder's entry is data too. */
static bool sync_folder(const char *path, char **err)
{
	char *dir = folder_of(path);
	bool ok = file_sync_folder(dir);
	if (!ok)
		fail(err, _("cannot sync the folder '%s': %s"), dir);
	free(dir);
	return ok;
}

/*
 * A new temporary file beside t->path, made as the transcript itself is
 * (O_EXCL, no symlink, 0600). Its name is in *tmp; its fd, or -1.
 */
static int open_temp(Transcript *t, char **tmp, char **err)
{
	int fd = file_create_temp(t->path, tmp);
	if (fd < 0)
		fail(err, _("cannot create '%s': %s"), *tmp);
	return fd;
}

/* Writes b into a new temporary file beside t->path; its fd or -1. */
static int write_temp(Transcript *t, const Buf *b, char **tmp, char **err)
{
	int fd = open_temp(t, tmp, err);
	if (fd < 0)
		return -1;
	(void)flock(fd, LOCK_EX | LOCK_NB);
	if (fchmod(fd, 0600) != 0 || !file_write_all(fd, b->data, b->len) || fsync(fd) != 0) {
		fail(err, _("cannot write '%s': %s"), *tmp);
		close(fd);
		unlink(*tmp);
		return -1;
	}
	return fd;
}

/*
 * The turns, the pending notes and the pause items, whole: each pause
 * after the turns it followed and their notes, or after the last turn when
 * some it followed were taken back (it is then recorded there).
 */
static void put_items(Transcript *t, const Session *s)
{
	size_t n = session_nturns(s), p = 0;
	for (size_t i = 0; i < t->npauses; i++)
		if (t->pauses[i].after > n)
			t->pauses[i].after = n;
	for (size_t i = 0; i < n; i++) {
		const Turn *u = session_turn(s, i);
		put_waited(&t->buf, u, 0);
		for (; p < t->npauses && t->pauses[p].after <= i; p++)
			put_pause_item(&t->buf, &t->pauses[p]);
		put_turn_item(&t->buf, u);
	}
	put_pending_notes(&t->buf, s, 0);
	for (; p < t->npauses; p++)
		put_pause_item(&t->buf, &t->pauses[p]);
}

/*
 * Writes the whole transcript anew (with the closing part when closing)
 * and puts it in place of the old one. On failure the old file stays.
 */
static bool rewrite(Transcript *t, const Session *s, bool closing, bool paused, char **err)
{
	size_t n = session_nturns(s);
	buf_clear(&t->buf);
	put_header(&t->buf, t, s);
	put_items(t, s);
	if (closing)
		put_closing(&t->buf, s, paused);
	const Buf *b = to_write(t, true, err);
	if (!b)
		return false;
	char *tmp = NULL;
	int fd = write_temp(t, b, &tmp, err);
	if (fd < 0) {
		free(tmp);
		return false;
	}
	if (rename(tmp, t->path) != 0) {
		fail(err, _("cannot replace '%s': %s"), t->path);
		close(fd);
		unlink(tmp);
		free(tmp);
		return false;
	}
	free(tmp);
	close(t->fd);
	t->fd = fd;
	t->size = (off_t)b->len;
	t->written = n;
	t->last_notes = n ? session_turn(s, n - 1)->nnotes : 0;
	session_pending_notes(s, &t->notes_out, NULL, NULL);
	t->generation = session_generation(s);
	t->finished = closing;
	t->foreign = false;
	return sync_folder(t->path, err);
}

/* The message for a refused create, plainer for a symlink than EEXIST. */
static void create_failed(const char *path, char **err)
{
	struct stat st;
	int e = errno;
	if (e == EEXIST && lstat(path, &st) == 0 && S_ISLNK(st.st_mode))
		*err = xasprintf(_("cannot create '%s': it is a symbolic link, "
		                 "and a transcript is never written through one"), path);
	else
		*err = xasprintf(_("cannot create '%s': %s"), path, strerror(e));
}

/* The dialogue's path as the header records it: absolute, since resume
 * may run from another folder. */
static char *dialogue_file(const Session *s)
{
	const char *file = session_dialogue(s)->path;
	char abs[PATH_MAX];
	return xstrdup(realpath(file, abs) ? abs : file);
}

Transcript *transcript_create(const char *path, const Session *s, char **err)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd < 0) {
		create_failed(path, err);
		return NULL;
	}
	(void)flock(fd, LOCK_EX | LOCK_NB); /* fresh file: only fails where unsupported */
	Transcript *t = xcalloc(1, sizeof(*t));
	t->path = xstrdup(path);
	t->fd = fd;
	t->seal = vault_on();
	t->generation = session_generation(s);
	t->dialogue_file = dialogue_file(s);
	put_header(&t->buf, t, s);
	/* fchmod: 0600 whatever the umask, which open's mode is filtered by.
	 * The folder is synced too: the file's name is on disk only then. */
	bool ok = fchmod(fd, 0600) == 0 ? append(t, err) : fail(err, _("cannot write '%s': %s"), path);
	if (!ok || !sync_folder(path, err)) {
		unlink(path);
		transcript_close(t);
		return NULL;
	}
	return t;
}

/* Cuts the file back to keep bytes, durably, and writes on from there. */
static bool cut(int fd, size_t keep, const char *path, char **err)
{
	if (fchmod(fd, 0600) != 0 || ftruncate(fd, (off_t)keep) != 0 || fsync(fd) != 0 ||
	    lseek(fd, (off_t)keep, SEEK_SET) < 0)
		return fail(err, _("cannot write '%s': %s"), path);
	return true;
}

Transcript *transcript_reopen(const char *path, int fd, const Session *s, size_t keep,
                              const TrPause *pauses, size_t npauses, char **err)
{
	bool seal = vault_on();
	/* keep counts plain bytes: a sealed file is written anew (see above). */
	bool foreign = keep == SIZE_MAX || seal || vault_sealed_fd(fd);
	if (foreign && fchmod(fd, 0600) != 0) {
		fail(err, _("cannot write '%s': %s"), path);
		return NULL;
	}
	if (!foreign && !cut(fd, keep, path, err))
		return NULL;
	Transcript *t = xcalloc(1, sizeof(*t));
	t->path = xstrdup(path);
	t->fd = fd;
	t->dialogue_file = dialogue_file(s);
	t->size = foreign ? 0 : (off_t)keep;
	t->written = session_nturns(s);
	t->last_notes = t->written ? session_turn(s, t->written - 1)->nnotes : 0;
	/* The notes resume gave back to the waiting question are on disk. */
	session_pending_notes(s, &t->notes_out, NULL, NULL);
	t->generation = session_generation(s);
	t->foreign = foreign;
	t->seal = seal;
	if (npauses) {
		t->pauses = xmalloc(npauses * sizeof(*t->pauses));
		memcpy(t->pauses, pauses, npauses * sizeof(*t->pauses));
		t->npauses = npauses;
	}
	return t;
}

/* Whether the file no longer matches what the session has recorded. */
static bool stale(const Transcript *t, const Session *s)
{
	size_t n = session_nturns(s);
	if (t->finished || t->foreign || session_generation(s) != t->generation || n < t->written)
		return true;
	/* A note may reach the last turn after it was written. */
	return t->written > 0 && session_turn(s, t->written - 1)->nnotes != t->last_notes;
}

bool transcript_sync(Transcript *t, const Session *s, char **err)
{
	if (stale(t, s))
		return rewrite(t, s, false, false, err);
	size_t n = session_nturns(s), pending;
	session_pending_notes(s, &pending, NULL, NULL);
	if (n == t->written && pending == t->notes_out)
		return true;
	buf_clear(&t->buf);
	/* Notes written while the question waited went with its turn, the
	 * first recorded since. */
	for (size_t i = t->written; i < n; i++)
		put_turn(&t->buf, session_turn(s, i), i == t->written ? t->notes_out : 0);
	size_t out = n > t->written ? 0 : t->notes_out;
	put_pending_notes(&t->buf, s, out);
	if (!append(t, err))
		return false;
	if (n > t->written)
		t->last_notes = session_turn(s, n - 1)->nnotes;
	t->written = n;
	t->notes_out = pending;
	return true;
}

bool transcript_finish(Transcript *t, const Session *s, bool paused, char **err)
{
	if (stale(t, s))
		return rewrite(t, s, true, paused, err);
	if (!transcript_sync(t, s, err))
		return false;
	buf_clear(&t->buf);
	put_closing(&t->buf, s, paused);
	if (!append(t, err))
		return false;
	t->finished = true;
	return true;
}

bool transcript_add_pauses(Transcript *t, const Session *s, const TrPause *v, size_t n,
                           char **err)
{
	if (n == 0)
		return true;
	size_t had = t->npauses, turns = session_nturns(s);
	t->pauses = xrealloc(t->pauses, (had + n) * sizeof(*t->pauses));
	for (size_t i = 0; i < n; i++)
		t->pauses[had + i] = (TrPause){ v[i].paused, v[i].resumed, turns };
	t->npauses = had + n;
	bool ok;
	if (stale(t, s)) {
		ok = rewrite(t, s, false, false, err);
	} else if ((ok = transcript_sync(t, s, err))) {
		buf_clear(&t->buf);
		for (size_t i = had; i < had + n; i++)
			put_pause_item(&t->buf, &t->pauses[i]);
		ok = append(t, err);
	}
	if (!ok)
		t->npauses = had;
	return ok;
}

void transcript_close(Transcript *t)
{
	if (!t)
		return;
	free(t->pauses);
	if (t->fd >= 0)
		close(t->fd); /* releases the lock */
	sealed_free(t->stream);
	if (t->seal)
		sodium_memzero(t->buf.data, t->buf.cap);
	buf_free(&t->buf);
	buf_free(&t->out);
	free(t->dialogue_file);
	free(t->path);
	free(t);
}

const char *transcript_path(const Transcript *t)
{
	return t->path;
}
