/*
 * export: a client's folder read whole (every transcript, the changes'
 * log) and built as one jansson document, then written out as text.
 *
 * jansson allocates through tandem's funnel (json_set_alloc_funcs), so
 * running out of memory ends tandem as everywhere else and no builder call
 * below can fail for memory. What it can refuse is a text that is not
 * UTF-8: the transcript reader lets none through, but should one come, the
 * export fails rather than leave the text out.
 */
#include "export.h"

#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "changes.h"
#include "clock.h"
#include "i18n.h"
#include "jindex.h"
#include "journal.h"
#include "transcript.h"
#include "util.h"
#include "vault.h"

typedef struct Ex {
	bool notes;      /* the coach notes are asked for */
	bool bad;        /* jansson refused a text */
} Ex;

/* ---- values ---- */

static json_t *text(Ex *x, const char *s)
{
	if (!s)
		return json_null();
	json_t *j = json_string(s);
	if (!j) {
		x->bad = true;
		return json_null();
	}
	return j;
}

static json_t *texts(Ex *x, char *const *v, size_t n)
{
	json_t *a = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, text(x, v[i]));
	return a;
}

static json_t *when(time_t t)
{
	char iso[32];
	clock_iso(t, iso);
	return json_string(iso);
}

/* A whole number stays one (a scale's 7, not 7.0), as in the transcript;
 * beyond 2^53 a double no longer counts every integer, so it stays real. */
static json_t *number(double n)
{
	if (!isfinite(n))
		return json_null();
	if (n == floor(n) && fabs(n) < 9007199254740992.0)
		return json_integer((json_int_t)n);
	return json_real(n);
}

static json_t *value(Ex *x, const Value *v)
{
	switch (v->kind) {
	case VAL_TEXT: return text(x, v->u.text);
	case VAL_NUMBER: return number(v->u.num);
	case VAL_BOOL: return json_boolean(v->u.b);
	case VAL_LIST: {
		json_t *a = json_array();
		for (size_t i = 0; i < v->u.list.n; i++)
			json_array_append_new(a, value(x, &v->u.list.items[i]));
		return a;
	}
	case VAL_UNSET: break;
	}
	return json_null();
}

typedef struct Named {
	Ex *x;
	json_t *object;
} Named;

static void add_named(void *ctx, const char *name, const Value *v)
{
	Named *n = ctx;
	if (json_object_set_new(n->object, name, value(n->x, v)) != 0)
		n->x->bad = true;
}

static json_t *answers(Ex *x, const Vars *vars)
{
	Named n = { x, json_object() };
	if (vars)
		vars_each(vars, add_named, &n);
	return n.object;
}

/* ---- a session ---- */

static json_t *practice_turn(Ex *x, const Turn *u)
{
	json_t *p = json_object();
	json_object_set_new(p, "covered", json_integer(u->covered));
	json_object_set_new(p, "asked", json_integer(u->asked));
	json_object_set_new(p, "covered_points", texts(x, u->covered_points, u->ncovered_points));
	json_object_set_new(p, "missed_points", texts(x, u->missed_points, u->nmissed_points));
	json_object_set_new(p, "attempt", json_integer(u->attempt > 1 ? u->attempt : 1));
	return p;
}

static json_t *turn(Ex *x, const Turn *u)
{
	json_t *o = json_object();
	json_object_set_new(o, "node", text(x, u->node));
	json_object_set_new(o, "kind", text(x, node_kind_name(u->kind)));
	json_object_set_new(o, "section", text(x, u->section));
	json_object_set_new(o, "question", text(x, u->prompt));
	json_object_set_new(o, "field", text(x, u->field));
	json_object_set_new(o, "answer", value(x, &u->answer));
	json_object_set_new(o, "skipped", json_boolean(u->skipped));
	json_object_set_new(o, "at", when(u->at));
	if (u->asked > 0)
		json_object_set_new(o, "practice", practice_turn(x, u));
	if (x->notes)
		json_object_set_new(o, "notes", texts(x, u->notes, u->nnotes));
	return o;
}

static json_t *commitment(Ex *x, const Commitment *c)
{
	json_t *o = json_object();
	json_object_set_new(o, "id", text(x, c->id));
	json_object_set_new(o, "what", text(x, c->what));
	json_object_set_new(o, "when", text(x, c->when));
	json_object_set_new(o, "due", text(x, c->due));
	json_object_set_new(o, "measure", text(x, c->measure));
	return o;
}

static json_t *review(Ex *x, const Review *r)
{
	json_t *o = json_object();
	json_object_set_new(o, "commitment", text(x, r->commitment));
	json_object_set_new(o, "what", text(x, r->what));
	json_object_set_new(o, "status", text(x, r->status));
	json_object_set_new(o, "answers", value(x, &r->answers));
	return o;
}

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? slash + 1 : path;
}

static json_t *dialogue(Ex *x, const TrDialogue *d)
{
	json_t *o = json_object();
	json_object_set_new(o, "id", text(x, d->id));
	json_object_set_new(o, "title", text(x, d->title));
	json_object_set_new(o, "lang", text(x, d->lang));
	return o;
}

static json_t *pauses(const Tread *t)
{
	json_t *a = json_array();
	for (size_t i = 0; i < t->npauses; i++) {
		json_t *p = json_object();
		json_object_set_new(p, "paused", when(t->pauses[i].paused));
		json_object_set_new(p, "resumed", when(t->pauses[i].resumed));
		json_array_append_new(a, p);
	}
	return a;
}

/* What the session's closing part holds (none when it was interrupted);
 * the commitments are those the journal counts: the closing part's, else
 * those its turns show. */
static void closing(Ex *x, json_t *o, const Tread *t, const JournalEntry *e)
{
	json_object_set_new(o, "answers", answers(x, t->answers));
	json_t *made = json_array();
	for (size_t i = 0; i < e->nmade; i++)
		json_array_append_new(made, commitment(x, &e->made[i]));
	json_object_set_new(o, "commitments", made);
	json_t *reviews = json_array();
	for (size_t i = 0; i < t->nreviews; i++)
		json_array_append_new(reviews, review(x, &t->reviews[i]));
	json_object_set_new(o, "reviews", reviews);
	json_t *score = json_null();
	if (t->has_practice) {
		score = json_object();
		json_object_set_new(score, "covered", json_integer(t->practice_covered));
		json_object_set_new(score, "asked", json_integer(t->practice_asked));
	}
	json_object_set_new(o, "practice", score);
}

static json_t *session(Ex *x, const Tread *t, const JournalEntry *e)
{
	json_t *o = json_object();
	json_object_set_new(o, "file", text(x, base_name(e->path)));
	json_object_set_new(o, "dialogue", dialogue(x, &t->dialogue));
	json_object_set_new(o, "mode", text(x, mode_name(t->mode)));
	json_object_set_new(o, "status", text(x, tread_status_name(t->status)));
	json_object_set_new(o, "started", when(t->started));
	json_object_set_new(o, "ended", t->ended ? when(t->ended) : json_null());
	json_object_set_new(o, "duration_seconds", json_integer(e->running));
	json_object_set_new(o, "pauses", pauses(t));
	json_t *turns = json_array();
	for (size_t i = 0; i < t->nturns; i++)
		json_array_append_new(turns, turn(x, &t->turns[i]));
	json_object_set_new(o, "turns", turns);
	closing(x, o, t, e);
	/* Notes typed while the last question waited, with no answer after. */
	if (x->notes)
		json_object_set_new(o, "waiting_notes", texts(x, t->notes, t->nnotes));
	return o;
}

/* ---- the folder ---- */

/* A transcript read, with the entry the journal makes of it. */
typedef struct Kept {
	Tread *t;
	JournalEntry e;
} Kept;

static int cmp_kept(const void *pa, const void *pb)
{
	return journal_entry_order(&((const Kept *)pa)->e, &((const Kept *)pb)->e);
}

/* What a folder holds, read: the transcripts in start order, their
 * entries as a Journal (for where each commitment stands), the changes. */
typedef struct Folder {
	Tread **t;           /* t[i] is the transcript of j.v[i] */
	Journal j;
	json_t *unreadable;  /* the names of the files that could not be read */
} Folder;

/* Warns of a file left out: the reader's reasons, which name places in
 * the file, never its words. */
static void unreadable(Folder *f, Diags *d, const Diags *why, const char *path)
{
	json_array_append_new(f->unreadable, json_string(base_name(path)));
	for (size_t i = 0; i < why->n; i++)
		diag_warning(d, why->v[i].file, why->v[i].loc, "%s (not in the export but named in it)",
		             why->v[i].msg);
	if (why->n == 0)
		diag_warning(d, path, loc_at(0, 0), "cannot be read (not in the export but named in it)");
}

static void read_transcripts(Folder *f, const Listing *l, Diags *d)
{
	Kept *v = xcalloc(l->n + 1, sizeof(*v));
	size_t n = 0;
	for (size_t i = 0; i < l->n; i++) {
		char *path = xasprintf("%s/%s", l->folder, l->v[i].name);
		Diags why = { 0 };
		Tread *t = tread_load(path, &why);
		if (t) {
			v[n++] = (Kept){ t, journal_entry(path, t) };
		} else {
			unreadable(f, d, &why, path);
			free(path);
		}
		diags_free(&why);
	}
	if (n > 1)
		qsort(v, n, sizeof(*v), cmp_kept);
	f->t = xcalloc(n + 1, sizeof(*f->t));
	f->j.v = xcalloc(n + 1, sizeof(*f->j.v));
	for (size_t i = 0; i < n; i++) {
		f->t[i] = v[i].t;
		f->j.v[i] = v[i].e;
	}
	f->j.n = n;
	free(v);
}

/* Whether a file of the folder is sealed and this machine has no key: the
 * export would then name every session and hold none (*err says which). */
static bool locked_out(const Listing *l, char **err)
{
	bool out = false;
	for (size_t i = 0; i <= l->n && !out; i++) {
		char *path = xasprintf("%s/%s", l->folder, i < l->n ? l->v[i].name : CHANGES_FILE);
		out = vault_missing(path, err);
		free(path);
	}
	return out;
}

static bool read_folder(Folder *f, const char *folder, Diags *d, char **err)
{
	*f = (Folder){ 0 };
	Listing l;
	if (!listing_read(&l, folder)) {
		int e = errno;
		*err = xasprintf(_("cannot read the journal folder '%s': %s"), folder, strerror(e));
		errno = e;
		return false;
	}
	if (locked_out(&l, err)) {
		listing_free(&l);
		errno = 0;
		return false;
	}
	f->unreadable = json_array();
	read_transcripts(f, &l, d);
	listing_free(&l);
	f->j.changes_read = changes_read(&f->j.changes, folder, d);
	if (!f->j.changes_read)
		json_array_append_new(f->unreadable, json_string(CHANGES_FILE));
	return true;
}

static void folder_free(Folder *f)
{
	for (size_t i = 0; i < f->j.n; i++)
		tread_free(f->t[i]);
	free(f->t);
	journal_free(&f->j);
	json_decref(f->unreadable);
}

/* Where each commitment stands after every session and change: what the
 * next review would ask about. */
static json_t *standings(Ex *x, const Journal *j)
{
	Standing *v;
	size_t n = journal_commitments(j, j->n, &v);
	json_t *a = json_array();
	for (size_t i = 0; i < n; i++) {
		json_t *o = commitment(x, v[i].c);
		json_object_set_new(o, "when", text(x, v[i].when)); /* as last renegotiated */
		json_object_set_new(o, "due", text(x, v[i].due));
		json_object_set_new(o, "status", text(x, v[i].status));
		json_object_set_new(o, "session", text(x, base_name(v[i].made->path)));
		json_array_append_new(a, o);
	}
	free(v);
	return a;
}

static json_t *changes(Ex *x, const Changes *c)
{
	json_t *a = json_array();
	for (size_t i = 0; i < c->n; i++) {
		json_t *o = json_object();
		json_object_set_new(o, "commitment", text(x, c->v[i].commitment));
		json_object_set_new(o, "status", text(x, c->v[i].status));
		json_object_set_new(o, "when", text(x, c->v[i].when));
		json_object_set_new(o, "due", text(x, c->v[i].due));
		json_object_set_new(o, "at", when(c->v[i].at));
		json_array_append_new(a, o);
	}
	return a;
}

/* Every number answered, session by session: the trends history draws. */
static json_t *scales(Ex *x, const Journal *j)
{
	json_t *a = json_array();
	for (size_t i = 0; i < j->n; i++)
		for (size_t k = 0; k < j->v[i].nscales; k++) {
			const ScalePoint *p = &j->v[i].scales[k];
			json_t *o = json_object();
			json_object_set_new(o, "session", text(x, base_name(j->v[i].path)));
			json_object_set_new(o, "started", when(j->v[i].started));
			json_object_set_new(o, "node", text(x, p->node));
			json_object_set_new(o, "question", text(x, p->prompt));
			json_object_set_new(o, "value", number(p->value));
			json_array_append_new(a, o);
		}
	return a;
}

static json_t *document(Ex *x, const Folder *f, const char *client)
{
	json_t *o = json_object();
	json_object_set_new(o, "tandem-export", json_integer(EXPORT_VERSION));
	json_object_set_new(o, "client", text(x, client));
	json_object_set_new(o, "exported", when(clock_now()));
	json_object_set_new(o, "notes", json_boolean(x->notes));
	json_t *sessions = json_array();
	for (size_t i = 0; i < f->j.n; i++)
		json_array_append_new(sessions, session(x, f->t[i], &f->j.v[i]));
	json_object_set_new(o, "sessions", sessions);
	json_object_set_new(o, "commitments", standings(x, &f->j));
	json_object_set_new(o, "changes", changes(x, &f->j.changes));
	json_object_set_new(o, "scales", scales(x, &f->j));
	json_object_set_new(o, "unreadable", json_incref(f->unreadable));
	return o;
}

/* ---- the text ---- */

/*
 * s with DEL, the C1 controls and the bidi embeddings, overrides and
 * isolates written as \u escapes, and a newline at the end (heap string).
 * Outside its strings a JSON
 * text is ASCII, so each of them stands inside a string, where the escape
 * means the very same character.
 */
static char *escape_invisible(const char *s)
{
	Buf b = { 0 };
	for (const unsigned char *p = (const unsigned char *)s; *p;) {
		if (p[0] == 0x7F) {
			buf_adds(&b, "\\u007f");
			p += 1;
		} else if (p[0] == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F) {
			buf_printf(&b, "\\u%04x", p[1]);
			p += 2;
		} else if (p[0] == 0xE2 && ((p[1] == 0x80 && p[2] >= 0xAA && p[2] <= 0xAE) ||
		                            (p[1] == 0x81 && p[2] >= 0xA6 && p[2] <= 0xA9))) {
			buf_printf(&b, "\\u%04x", 0x2000u | ((p[1] & 0x3Fu) << 6) | (p[2] & 0x3Fu));
			p += 3;
		} else {
			buf_addc(&b, (char)*p++);
		}
	}
	buf_addc(&b, '\n');
	return buf_take(&b);
}

char *export_journal(const char *folder, const char *client, bool notes, Diags *d,
                     char **err)
{
	json_set_alloc_funcs(xmalloc, free);
	Folder f;
	if (!read_folder(&f, folder, d, err))
		return NULL;
	Ex x = { .notes = notes };
	json_t *doc = document(&x, &f, client);
	folder_free(&f);
	char *dumped = x.bad ? NULL : json_dumps(doc, JSON_INDENT(2));
	json_decref(doc);
	if (!dumped) {
		*err = xasprintf(_("cannot export '%s': a text in it is not UTF-8"), folder);
		return NULL;
	}
	char *out = escape_invisible(dumped);
	free(dumped);
	return out;
}
