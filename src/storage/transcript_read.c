/*
 * transcript_read: a transcript read back, torn tail and all.
 *
 * Why a line scan before the YAML parse: a crash can cut the file anywhere
 * in the last write, and a cut turn is often still valid YAML (`answer: 12`
 * cut to `answer: 1`, or a turn without its time). The writer's layout
 * makes the whole part easy to see: every scalar is on one line (texts are
 * double-quoted with their line breaks escaped), each item of the turns
 * (a turn, a note, a pause) begins with `  - ` and ends with its `    at:`
 * line, and the closing part begins
 * at the first line in column 0 past `turns:` and ends with `ended:`. So an
 * item is whole once its `at:` line has its newline, and a closing part is
 * whole once the file ends with a whole `ended:` line. Only the whole part
 * is handed to the YAML parser; the rest is reported as dropped.
 *
 * A file that does not have that layout (edited by hand, reformatted by
 * another tool) is parsed whole, and any problem in it is an error at its
 * place: only tandem's own writes can be torn.
 *
 * Everything read is copied to the heap and owned by the Tread, so that a
 * caller can keep it (the turns go to session_replay) after the YAML tree
 * is gone.
 */
#include "transcript.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "clock.h"
#include "fileio.h"
#include "i18n.h"
#include "util.h"
#include "vault.h"
#include "ydoc.h"

/* ---- the layout scan ---- */

typedef struct Layout {
	bool tandem;         /* the writer's layout was found */
	size_t turns_end;    /* past the last whole turn (or past `turns:`) */
	size_t closing;      /* where the closing part begins, or SIZE_MAX */
	bool closing_whole;  /* it ends with a whole `ended:` line */
} Layout;

/* The end of the line beginning at p (past its '\n'), or 0 when the file
 * ends before the newline: a line cut short. */
static size_t line_end(const char *s, size_t len, size_t p)
{
	const char *nl = memchr(s + p, '\n', len - p);
	return nl ? (size_t)(nl - s) + 1 : 0;
}

static bool line_is(const char *s, size_t p, size_t end, const char *text)
{
	size_t n = strlen(text);
	return end - p >= n && memcmp(s + p, text, n) == 0;
}

/* The offset past the header's `turns:` line, or 0 when there is none. */
static size_t find_turns(const char *s, size_t len)
{
	for (size_t p = 0; p < len;) {
		size_t end = line_end(s, len, p);
		if (!end)
			return 0;
		if (end - p == strlen(TR_TURNS) && memcmp(s + p, TR_TURNS, strlen(TR_TURNS)) == 0)
			return end;
		p = end;
	}
	return 0;
}

/* Whether the closing part from p ends with a whole `ended:` line. */
static bool closing_whole(const char *s, size_t len, size_t p)
{
	if (len == 0 || s[len - 1] != '\n')
		return false;
	size_t last = len - 1;
	while (last > p && s[last - 1] != '\n')
		last--;
	return line_is(s, last, len, TR_ENDED);
}

static Layout scan(const char *s, size_t len)
{
	Layout L = { .closing = SIZE_MAX };
	size_t p = find_turns(s, len);
	if (!p)
		return L;
	L.tandem = true;
	L.turns_end = p;
	bool timed = false; /* the current turn's `at:` line was seen */
	while (p < len) {
		size_t end = line_end(s, len, p);
		if (s[p] != ' ') {
			L.closing = p;
			break;
		}
		if (!end)
			break;
		if (line_is(s, p, end, TR_ITEM))
			timed = false;
		else if (line_is(s, p, end, TR_AT))
			timed = true;
		/* Lines after `at:` (notes, in files of older versions) still
		 * belong to the turn once whole. */
		if (timed && line_is(s, p, end, "    "))
			L.turns_end = end;
		p = end;
	}
	if (L.closing != SIZE_MAX) {
		L.closing_whole = closing_whole(s, len, L.closing);
		/* Ours begins with `answers:` (perhaps cut short) right after a
		 * whole turn; anything else was laid out by another hand. */
		size_t n = len - L.closing < 8 ? len - L.closing : 8;
		if (L.closing != L.turns_end || memcmp(s + L.closing, TR_CLOSING, n) != 0)
			L.tandem = false;
	}
	return L;
}

/* ---- reading values, with a message at the place of each problem ---- */

typedef struct Reader {
	Diags *d;
	const char *file;
	bool ok;
} Reader;

static Loc where(const YNode *n)
{
	return n ? n->loc : loc_at(0, 0);
}

/* Reports a problem at node `at` (NULL: the whole file). */
#define bad(R, at, ...) (diag_error((R)->d, (R)->file, where(at), __VA_ARGS__), (R)->ok = false)

/* The value under key, reported missing from `what` ("this turn"). */
static const YNode *need(Reader *R, const YNode *map, const char *key, const char *what)
{
	const YNode *v = ymap_get(map, key);
	if (!v)
		bad(R, map, "%s has no `%s:`", what, key);
	return v;
}

static bool is_scalar(Reader *R, const YNode *v, const char *key)
{
	if (v->kind == Y_SCALAR)
		return true;
	bad(R, v, "`%s` should be a text, not %s", key, ykind_name(v));
	return false;
}

/* A copy of the text under key; NULL when absent (or wrong, reported). */
static char *opt_text(Reader *R, const YNode *map, const char *key)
{
	const YNode *v = ymap_get(map, key);
	if (!v || !is_scalar(R, v, key))
		return NULL;
	if (v->plain && (v->len == 0 || strcmp(v->u.text, "null") == 0 || strcmp(v->u.text, "~") == 0))
		return NULL;
	return xstrdup(v->u.text);
}

static char *req_text(Reader *R, const YNode *map, const char *key, const char *what)
{
	const YNode *v = need(R, map, key, what);
	return v && is_scalar(R, v, key) ? xstrdup(v->u.text) : NULL;
}

/* A whole number in [0, max] under key; absent: *out stays. */
static bool get_count(Reader *R, const YNode *map, const char *key, unsigned long long max,
                      unsigned long long *out, const char *what)
{
	const YNode *v = what ? need(R, map, key, what) : ymap_get(map, key);
	if (!v)
		return !what;
	char *end = NULL;
	errno = 0;
	unsigned long long n = v->kind == Y_SCALAR ? strtoull(v->u.text, &end, 10) : 0;
	if (v->kind != Y_SCALAR || !v->plain || end == v->u.text || *end || errno ||
	    v->u.text[0] == '-' || n > max) {
		bad(R, v, "`%s` should be a whole number, not %s", key,
		    v->kind == Y_SCALAR ? _("this text") : ykind_name(v));
		return false;
	}
	*out = n;
	return true;
}

static bool get_int(Reader *R, const YNode *map, const char *key, int *out)
{
	unsigned long long n = 0;
	bool ok = get_count(R, map, key, INT32_MAX, &n, NULL);
	*out = (int)n;
	return ok;
}

static bool get_time(Reader *R, const YNode *map, const char *key, const char *what,
                     time_t *out, char iso[32])
{
	const YNode *v = need(R, map, key, what);
	if (!v)
		return false;
	if (v->kind != Y_SCALAR || !clock_parse(v->u.text, out)) {
		bad(R, v, "`%s` should be a time such as 2026-11-23T10:00:00Z, not %s", key,
		    v->kind == Y_SCALAR ? _("this text") : ykind_name(v));
		return false;
	}
	if (iso)
		clock_iso(*out, iso);
	return true;
}

static bool get_bool(Reader *R, const YNode *map, const char *key, bool *out)
{
	const YNode *v = ymap_get(map, key);
	if (!v)
		return true;
	if (v->kind == Y_SCALAR && v->plain && (yscalar_is(v, "true") || yscalar_is(v, "false"))) {
		*out = yscalar_is(v, "true");
		return true;
	}
	bad(R, v, "`%s` should be true or false, not %s", key,
	    v->kind == Y_SCALAR ? _("this text") : ykind_name(v));
	return false;
}

/* A plain scalar as YAML reads a number: 12, -3, 4.5, 1.0e+20. */
static bool number_text(const char *s)
{
	const char *p = s + (*s == '-' || *s == '+');
	size_t digits = strspn(p, "0123456789");
	p += digits;
	if (*p == '.') {
		size_t frac = strspn(p + 1, "0123456789");
		digits += frac;
		p += 1 + frac;
	}
	if (digits == 0)
		return false;
	if (*p == 'e' || *p == 'E') {
		p++;
		p += *p == '-' || *p == '+';
		size_t exp = strspn(p, "0123456789");
		if (exp == 0)
			return false;
		p += exp;
	}
	return *p == '\0';
}

/* An answer as the writer's yamlout_value wrote it: texts quoted, numbers
 * and booleans plain, lists in brackets, null for nothing. */
static Value read_value(Reader *R, const YNode *v, const char *key)
{
	if (v->kind == Y_MAP) {
		bad(R, v, "`%s` should be a text, a number or a list, not %s", key, ykind_name(v));
		return val_unset();
	}
	if (v->kind == Y_SEQ) {
		Value list = val_list();
		for (const YNode *i = v->u.first; i; i = i->next)
			val_push(&list, read_value(R, i, key));
		return list;
	}
	const char *s = v->u.text;
	if (!v->plain)
		return val_text(s);
	if (!*s || strcmp(s, "null") == 0 || strcmp(s, "~") == 0)
		return val_unset();
	if (strcmp(s, "true") == 0 || strcmp(s, "false") == 0)
		return val_bool(s[0] == 't');
	if (number_text(s))
		return val_number(strtod(s, NULL));
	if (strcmp(s, ".inf") == 0 || strcmp(s, "-.inf") == 0)
		return val_number(s[0] == '-' ? -HUGE_VAL : HUGE_VAL);
	if (strcmp(s, ".nan") == 0)
		return val_number(strtod("nan", NULL));
	return val_text(s); /* a plain word, written by hand */
}

/* A list of texts (notes, review answers); NULL when absent. */
static char **read_texts(Reader *R, const YNode *v, const char *key, size_t *n)
{
	*n = 0;
	if (!v || (v->kind == Y_SCALAR && v->plain && yscalar_is(v, "null")))
		return NULL;
	if (v->kind != Y_SEQ) {
		bad(R, v, "`%s` should be a list, not %s", key, ykind_name(v));
		return NULL;
	}
	char **out = xcalloc(v->len ? v->len : 1, sizeof(*out));
	for (const YNode *i = v->u.first; i; i = i->next)
		if (is_scalar(R, i, key))
			out[(*n)++] = xstrdup(i->u.text);
	return out;
}

/* ---- the header ---- */

static void read_version(Reader *R, Tread *t, const YNode *root)
{
	const YNode *v = ymap_get(root, "tandem-transcript");
	if (!v) {
		bad(R, root, "this is not a tandem transcript (it has no `tandem-transcript:` line)");
		return;
	}
	if (v->kind == Y_SCALAR && yscalar_is(v, "1")) {
		t->version = 1;
		return;
	}
	bad(R, v, "this transcript is of version %s; this tandem reads version 1",
	    v->kind == Y_SCALAR ? v->u.text : ykind_name(v));
}

static void read_dialogue(Reader *R, Tread *t, const YNode *root)
{
	const YNode *m = need(R, root, "dialogue", _("the transcript"));
	if (!m)
		return;
	if (m->kind != Y_MAP) {
		bad(R, m, "`%s` should be a mapping, not %s", "dialogue", ykind_name(m));
		return;
	}
	TrDialogue *d = &t->dialogue;
	d->id = req_text(R, m, "id", "the dialogue block");
	d->title = opt_text(R, m, "title");
	d->lang = opt_text(R, m, "lang");
	d->file = req_text(R, m, "file", "the dialogue block");
	d->sha256 = opt_text(R, m, "sha256");
}

static void read_header(Reader *R, Tread *t, const YNode *root)
{
	read_version(R, t, root);
	if (!R->ok)
		return; /* not a transcript: its other keys mean nothing */
	read_dialogue(R, t, root);
	const YNode *mode = need(R, root, "mode", _("the transcript"));
	if (mode && (mode->kind != Y_SCALAR || !mode_parse(mode->u.text, &t->mode)))
		bad(R, mode, "`%s` should be coach, self or practice, not %s", "mode",
		    mode->kind == Y_SCALAR ? _("this text") : ykind_name(mode));
	t->client = opt_text(R, root, "client");
	get_count(R, root, "seed", ULLONG_MAX, &t->seed, _("the transcript"));
	get_time(R, root, "started", _("the transcript"), &t->started, t->started_iso);
}

/* ---- the turns ---- */

static bool read_kind(Reader *R, const YNode *map, NodeKind *out)
{
	const YNode *v = need(R, map, "kind", _("this turn"));
	if (!v)
		return false;
	for (NodeKind k = NODE_SAY; k <= NODE_END; k++)
		if (v->kind == Y_SCALAR && yscalar_is(v, node_kind_name(k))) {
			*out = k;
			return true;
		}
	bad(R, v, "`%s` should be a node kind (say, ask, ...), not %s", "kind",
	    v->kind == Y_SCALAR ? _("this text") : ykind_name(v));
	return false;
}

static void read_turn(Reader *R, const YNode *m, Turn *t)
{
	if (m->kind != Y_MAP) {
		bad(R, m, "a turn should be a mapping, not %s", ykind_name(m));
		return;
	}
	t->node = req_text(R, m, "node", _("this turn"));
	read_kind(R, m, &t->kind);
	t->section = opt_text(R, m, "section");
	t->prompt = opt_text(R, m, "prompt");
	t->field = opt_text(R, m, "field");
	t->input = opt_text(R, m, "input");
	const YNode *a = ymap_get(m, "answer");
	t->answer = a ? read_value(R, a, "answer") : val_unset();
	get_bool(R, m, "skipped", &t->skipped);
	get_int(R, m, "covered", &t->covered);
	get_int(R, m, "asked", &t->asked);
	/* Absent from transcripts written before the points were recorded:
	 * the counts alone. */
	t->covered_points = read_texts(R, ymap_get(m, "covered_points"), "covered_points",
	                               &t->ncovered_points);
	t->missed_points = read_texts(R, ymap_get(m, "missed_points"), "missed_points",
	                              &t->nmissed_points);
	get_int(R, m, "attempt", &t->attempt);
	get_time(R, m, "at", _("this turn"), &t->at, NULL);
	t->notes = read_texts(R, ymap_get(m, "notes"), "notes", &t->nnotes);
}

/* Whether the item m is of the kind `what` rather than a turn: a note
 * written while its question waited, or a pause. */
static bool is_item(const YNode *m, const char *what)
{
	const YNode *kind = m->kind == Y_MAP ? ymap_get(m, "kind") : NULL;
	return kind && kind->kind == Y_SCALAR && yscalar_is(kind, what);
}

/* Keeps in t->last_at the latest time an item was written at. */
static void later(Tread *t, time_t at)
{
	if (at > t->last_at)
		t->last_at = at;
}

/* A note item's notes, added to t->notes until a turn takes them; *at is
 * when the first of them was typed. */
static void read_note_item(Reader *R, Tread *t, const YNode *m, time_t *at)
{
	char *node = req_text(R, m, "node", _("this note"));
	free(node);
	time_t when = 0;
	get_time(R, m, "at", _("this note"), &when, NULL);
	if (!t->nnotes)
		*at = when;
	later(t, when);
	size_t n = 0;
	char **notes = read_texts(R, need(R, m, "notes", _("this note")), "notes", &n);
	t->notes = xrealloc(t->notes, (t->nnotes + n + 1) * sizeof(char *));
	for (size_t i = 0; i < n; i++)
		t->notes[t->nnotes++] = notes[i];
	free(notes);
}

/* Adds p to t->pauses (a few per session: grown one at a time). */
static void add_pause(Tread *t, TrPause p)
{
	t->pauses = xrealloc(t->pauses, (t->npauses + 1) * sizeof(*t->pauses));
	t->pauses[t->npauses++] = p;
}

/* A pause item: when the session stopped and when it was resumed, after
 * the turns read so far. */
static void read_pause_item(Reader *R, Tread *t, const YNode *m)
{
	TrPause p = { .after = t->nturns };
	time_t at = 0;
	if (get_time(R, m, "paused", _("this pause"), &p.paused, NULL) &&
	    get_time(R, m, "resumed", _("this pause"), &p.resumed, NULL) &&
	    get_time(R, m, "at", _("this pause"), &at, NULL)) {
		add_pause(t, p);
		t->npause_items++;
		later(t, at);
	}
}

/* Gives the notes waiting in t->notes, first typed at `at`, to turn u,
 * before its own. */
static void give_notes(Tread *t, Turn *u, time_t at)
{
	if (!t->nnotes)
		return;
	u->waited = t->nnotes;
	u->noted_at = at;
	char **all = xmalloc((t->nnotes + u->nnotes + 1) * sizeof(char *));
	memcpy(all, t->notes, t->nnotes * sizeof(char *));
	if (u->nnotes)
		memcpy(all + t->nnotes, u->notes, u->nnotes * sizeof(char *));
	free(u->notes);
	u->notes = all;
	u->nnotes += t->nnotes;
	t->nnotes = 0;
}

static void read_turns(Reader *R, Tread *t, const YNode *root)
{
	const YNode *v = need(R, root, "turns", _("the transcript"));
	if (!v || (v->kind == Y_SCALAR && v->plain && (v->len == 0 || yscalar_is(v, "null"))))
		return; /* `turns:` with nothing under it: none yet */
	if (v->kind != Y_SEQ) {
		bad(R, v, "`%s` should be a list, not %s", "turns", ykind_name(v));
		return;
	}
	t->turns = xcalloc(v->len ? v->len : 1, sizeof(*t->turns));
	t->turn_locs = xcalloc(v->len ? v->len : 1, sizeof(*t->turn_locs));
	time_t noted_at = 0;
	for (const YNode *i = v->u.first; i; i = i->next) {
		if (is_item(i, "note")) {
			read_note_item(R, t, i, &noted_at);
			continue;
		}
		if (is_item(i, "pause")) {
			read_pause_item(R, t, i);
			continue;
		}
		t->turn_locs[t->nturns] = i->loc;
		read_turn(R, i, &t->turns[t->nturns]);
		later(t, t->turns[t->nturns].at);
		give_notes(t, &t->turns[t->nturns++], noted_at);
	}
	t->noted_at = noted_at;
}

/* ---- the closing part ---- */

static void read_answers(Reader *R, Tread *t, const YNode *root)
{
	const YNode *m = ymap_get(root, "answers");
	if (!m || (m->kind == Y_SCALAR && m->plain && yscalar_is(m, "null")))
		return;
	if (m->kind != Y_MAP) {
		bad(R, m, "`%s` should be a mapping, not %s", "answers", ykind_name(m));
		return;
	}
	for (const YNode *k = m->u.first; k && k->next; k = k->next->next)
		vars_set(t->answers, k->u.text, read_value(R, k->next, k->u.text));
}

/* The items of a list of mappings under key; NULL when absent or wrong. */
static const YNode *items(Reader *R, const YNode *root, const char *key, size_t *n)
{
	const YNode *v = ymap_get(root, key);
	*n = 0;
	if (!v || (v->kind == Y_SCALAR && v->plain && yscalar_is(v, "null")))
		return NULL;
	if (v->kind != Y_SEQ) {
		bad(R, v, "`%s` should be a list, not %s", key, ykind_name(v));
		return NULL;
	}
	for (const YNode *i = v->u.first; i; i = i->next)
		if (i->kind != Y_MAP)
			bad(R, i, "each item of `%s` should be a mapping, not %s", key, ykind_name(i));
	*n = v->len;
	return R->ok ? v->u.first : NULL;
}

static void read_commitments(Reader *R, Tread *t, const YNode *root)
{
	size_t n;
	const YNode *i = items(R, root, "commitments", &n);
	if (!i)
		return;
	t->commitments = xcalloc(n, sizeof(*t->commitments));
	for (; i; i = i->next) {
		Commitment *c = &t->commitments[t->ncommitments++];
		c->id = req_text(R, i, "id", _("this commitment"));
		c->what = opt_text(R, i, "what");
		c->when = opt_text(R, i, "when");
		c->due = opt_text(R, i, "due");
		c->measure = opt_text(R, i, "measure");
		c->status = opt_text(R, i, "status");
		c->node = opt_text(R, i, "node");
		if (!c->status)
			c->status = xstrdup("open");
	}
}

static void read_reviews(Reader *R, Tread *t, const YNode *root)
{
	size_t n;
	const YNode *i = items(R, root, "reviews", &n);
	if (!i)
		return;
	t->reviews = xcalloc(n, sizeof(*t->reviews));
	for (; i; i = i->next) {
		Review *r = &t->reviews[t->nreviews++];
		r->commitment = req_text(R, i, "commitment", _("this review"));
		r->what = opt_text(R, i, "what");
		r->status = req_text(R, i, "status", _("this review"));
		const YNode *a = ymap_get(i, "answers");
		r->answers = a ? read_value(R, a, "answers") : val_list();
		if (r->answers.kind != VAL_LIST) {
			bad(R, a, "`answers` of a review should be a list, not a single value");
			val_free(&r->answers);
			r->answers = val_list();
		}
	}
}

static void read_practice(Reader *R, Tread *t, const YNode *root)
{
	const YNode *m = ymap_get(root, "practice");
	if (!m)
		return;
	if (m->kind != Y_MAP) {
		bad(R, m, "`%s` should be a mapping, not %s", "practice", ykind_name(m));
		return;
	}
	t->has_practice = true;
	get_int(R, m, "covered", &t->practice_covered);
	get_int(R, m, "asked", &t->practice_asked);
}

/* Whether a pause item of t began when p did: the same pause. */
static bool has_item(const Tread *t, const TrPause *p)
{
	for (size_t i = 0; i < t->npause_items; i++)
		if (t->pauses[i].paused == p->paused)
			return true;
	return false;
}

/* The `pauses:` of an older tandem's closing part (this one writes pause
 * items instead): each not already an item, after every turn. */
static void read_pauses(Reader *R, Tread *t, const YNode *root)
{
	size_t n;
	const YNode *i = items(R, root, "pauses", &n);
	for (; i; i = i->next) {
		TrPause p = { .after = t->nturns };
		if (get_time(R, i, "paused", _("this pause"), &p.paused, NULL) &&
		    get_time(R, i, "resumed", _("this pause"), &p.resumed, NULL) && !has_item(t, &p))
			add_pause(t, p);
	}
}

static void read_closing(Reader *R, Tread *t, const YNode *root)
{
	read_answers(R, t, root);
	read_commitments(R, t, root);
	read_reviews(R, t, root);
	read_practice(R, t, root);
	read_pauses(R, t, root);
	const YNode *st = ymap_get(root, "status");
	if (!st)
		return; /* interrupted */
	if (yscalar_is(st, "complete"))
		t->status = TR_COMPLETE;
	else if (yscalar_is(st, "paused"))
		t->status = TR_PAUSED;
	else
		bad(R, st, "`%s` should be complete or paused, not %s", "status",
		    st->kind == Y_SCALAR ? _("this text") : ykind_name(st));
	get_time(R, root, "ended", _("the transcript"), &t->ended, t->ended_iso);
}

/* ---- loading ---- */

static unsigned line_of(const char *s, size_t off)
{
	unsigned line = 1;
	for (const char *p = s; (p = memchr(p, '\n', (size_t)(s + off - p))) != NULL; p++)
		line++;
	return line;
}

/* How much of the file to parse, and what is dropped past it. */
static size_t whole_part(Tread *t, const char *data, size_t len)
{
	Layout L = scan(data, len);
	t->turns_end = L.tandem ? L.turns_end : SIZE_MAX;
	size_t keep = len;
	if (L.tandem && !(L.closing != SIZE_MAX && L.closing_whole))
		keep = L.turns_end;
	t->torn.keep = keep;
	t->torn.torn = keep < len;
	t->torn.dropped = len - keep;
	t->torn.line = line_of(data, keep);
	t->torn.in_closing = t->torn.torn && L.closing != SIZE_MAX;
	return keep;
}

static void read_doc(Reader *R, Tread *t, const YNode *root)
{
	if (!root || root->kind != Y_MAP) {
		bad(R, root, "this is not a tandem transcript (%s)",
		    root ? "not a mapping" : "the file is empty");
		return;
	}
	read_header(R, t, root);
	if (!R->ok)
		return;
	read_turns(R, t, root);
	read_closing(R, t, root);
}

Tread *tread_load_mem(const char *name, const char *data, size_t len, Diags *d)
{
	Tread *t = xcalloc(1, sizeof(*t));
	t->path = xstrdup(name);
	t->answers = vars_new();
	size_t keep = whole_part(t, data, len);
	size_t errors = d->errors;
	YDoc *doc = ydoc_load_mem(name, data, keep, NULL, d);
	Reader R = { d, name, doc && d->errors == errors };
	if (R.ok)
		read_doc(&R, t, doc->root);
	ydoc_free(doc);
	if (!R.ok) {
		tread_free(t);
		return NULL;
	}
	return t;
}

/* Reads fd from its start, up to the transcript size limit; *io_error is
 * the errno of a failed read. */
static char *read_all(int fd, const char *path, size_t *len, Diags *d, int *io_error)
{
	size_t limit = ydoc_default_limits.max_file, size;
	char *buf;
	int err = lseek(fd, 0, SEEK_SET) < 0 ? errno : file_read(fd, 0, limit, &buf, len, &size);
	if (err) {
		diag_error(d, path, loc_at(0, 0), "cannot read the file: %s", strerror(err));
		*io_error = err;
		return NULL;
	}
	if (*len > limit) {
		diag_error(d, path, loc_at(0, 0), "the file is larger than a transcript "
		           "may be (%zu MiB)", limit >> 20);
		free(buf);
		return NULL;
	}
	return buf;
}

Tread *tread_load_fd(int fd, const char *path, Diags *d, int *io_error)
{
	size_t len = 0;
	int ignored;
	io_error = io_error ? io_error : &ignored;
	*io_error = 0;
	char *data = read_all(fd, path, &len, d, io_error);
	if (!data)
		return NULL;
	VaultFile f;
	char *err = NULL;
	bool opened = vault_open(path, data, len, &f, NULL, &err);
	free(data);
	if (!opened) {
		diag_error(d, path, loc_at(0, 0), "%s", err);
		free(err);
		return NULL;
	}
	Tread *t = tread_load_mem(path, f.data, f.len, d);
	if (t) {
		t->sealed = f.sealed;
		t->sealed_torn = f.torn;
		t->sealed_refused = f.refused;
	}
	vault_file_free(&f);
	return t;
}

Tread *tread_load(const char *path, Diags *d)
{
	const char *why;
	int fd = file_open(path, O_RDONLY, &why);
	if (fd < 0) {
		diag_error(d, path, loc_at(0, 0), "cannot open the file: %s", why);
		return NULL;
	}
	Tread *t = tread_load_fd(fd, path, d, NULL);
	close(fd);
	return t;
}

void tread_free(Tread *t)
{
	if (!t)
		return;
	free(t->path);
	free(t->dialogue.id);
	free(t->dialogue.title);
	free(t->dialogue.lang);
	free(t->dialogue.file);
	free(t->dialogue.sha256);
	free(t->client);
	for (size_t i = 0; i < t->nturns; i++)
		turn_free(&t->turns[i]);
	free(t->turns);
	free(t->turn_locs);
	for (size_t i = 0; i < t->nnotes; i++)
		free(t->notes[i]);
	free(t->notes);
	vars_free(t->answers);
	for (size_t i = 0; i < t->ncommitments; i++)
		commitment_free(&t->commitments[i]);
	free(t->commitments);
	free(t->pauses);
	for (size_t i = 0; i < t->nreviews; i++)
		review_free(&t->reviews[i]);
	free(t->reviews);
	free(t);
}

time_t tread_stopped(const Tread *t)
{
	if (t->ended)
		return t->ended;
	return t->last_at > t->started ? t->last_at : t->started;
}

long tread_running_seconds(const Tread *t)
{
	time_t end = tread_stopped(t);
	long run = end > t->started ? (long)(end - t->started) : 0;
	for (size_t i = 0; i < t->npauses; i++)
		if (t->pauses[i].resumed > t->pauses[i].paused)
			run -= (long)(t->pauses[i].resumed - t->pauses[i].paused);
	return run > 0 ? run : 0;
}

const char *tread_status_name(TrStatus s)
{
	switch (s) {
	case TR_INTERRUPTED: return N_("interrupted");
	case TR_PAUSED: return N_("paused");
	case TR_COMPLETE: return N_("complete");
	}
	return "?";
}
