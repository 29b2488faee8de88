/*
 * jindex: the journal's index, written with yamlout and read with ydoc.
 *
 * The layout, one file per client folder:
 *
 *   tandem-index: 1
 *   signature: "3f2a9c01d4e5b6a7"
 *   summary: {sessions: 12, last: 1764842400, dialogue: "checkin", stage: progress,
 *             open: ["2026-12-11", null]}
 *   sessions:
 *     "2026-11-23T10-00-00Z-checkin.yaml": [1534, 1764842400123456789, 91234,
 *       "checkin", "Check-in", "en", "Alice Martin", coach, complete, 1764842400, 1800,
 *       [["20261123T100000-1", "Call two colleagues", "Friday", "2026-11-27",
 *         "Two names in my notes", "open", "actions"]],
 *       [["20261116T100000-2", "Read the book", "done", 1764843000]],
 *       ["energy"], [["energy", "Your energy, from 0 to 10?", 7]]]
 *
 * Each session is one row (on one line), its columns in the order of enum
 * Column; a commitment made is a row of enum MadeColumn, a review
 * [commitment, what, status, when it was answered], a scale [node, prompt, value]. Rows rather
 * than mappings, and the sessions a mapping read streaming
 * (ydoc_load_stream, each row made an entry as soon as it is read and its
 * tree freed), because the cost of reading is the count of YAML values:
 * at 2,000 sessions this takes `tandem history` from 104 ms (a mapping
 * per session, read whole) to 60 ms.
 *
 * Times are seconds since the epoch: the index is read by tandem alone.
 * Anything out of place makes the whole index damaged, to be rebuilt: it
 * is never worth a diagnostic, since the transcripts hold it all.
 */
#include "jindex.h"

#include <errno.h>
#include <fcntl.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fileio.h"
#include "util.h"
#include "yamlout.h"
#include "vault.h"
#include "ydoc.h"

/* Bump when what an entry holds changes: an older index is then rebuilt. */
#define VERSION "1"

enum Column {
	C_SIZE, C_MTIME, C_INO,           /* the transcript's FileStamp */
	C_DIALOGUE, C_TITLE, C_LANG, C_CLIENT, C_MODE, C_STATUS, C_STARTED, C_RUNNING,
	C_MADE, C_REVIEWS, C_SAVED, C_SCALES,
	COLUMNS
};

enum MadeColumn { M_ID, M_WHAT, M_WHEN, M_DUE, M_MEASURE, M_STATUS, M_NODE, M_COLUMNS };

/* ---- what the folder shows ---- */

static FileStamp stamp_of(const struct stat *st)
{
	return (FileStamp){ (long long)st->st_size,
		            (long long)st->st_mtim.tv_sec * 1000000000LL + st->st_mtim.tv_nsec,
		            (unsigned long long)st->st_ino };
}

static bool is_transcript_name(const char *name)
{
	size_t n = strlen(name);
	return name[0] != '.' && n > 5 && str_eq(name + n - 5, ".yaml");
}

static int cmp_listed(const void *a, const void *b)
{
	return strcmp(((const Listed *)a)->name, ((const Listed *)b)->name);
}

static void sign(Buf *b, const char *name, const FileStamp *s)
{
	buf_printf(b, "%s/%lld %lld %llu\n", name, s->size, s->mtime_ns, s->ino);
}

/* The signature: every transcript's name and stamp, in name order, then
 * the changes' log's (whose changes the summary counts), hashed. Not a
 * cryptographic digest: whoever can write the folder can write the index
 * too; the hash only has to tell two listings apart, and FNV-1a does it
 * for a tenth of SHA-256's time over 20,000 files. */
static void signature(Listing *l, int dirfd)
{
	Buf b = { 0 };
	buf_adds(&b, VERSION "\n");
	for (size_t i = 0; i < l->n; i++)
		sign(&b, l->v[i].name, &l->v[i].stamp);
	struct stat st;
	FileStamp log = { -1, 0, 0 };
	if (fstatat(dirfd, CHANGES_FILE, &st, AT_SYMLINK_NOFOLLOW) == 0)
		log = stamp_of(&st);
	sign(&b, CHANGES_FILE, &log);
	snprintf(l->signature, sizeof(l->signature), "%016lx", hash_bytes(b.data, b.len));
	buf_free(&b);
}

bool listing_read(Listing *l, const char *folder)
{
	*l = (Listing){ .folder = folder };
	DIR *dir = opendir(folder);
	if (!dir)
		return false;
	size_t cap = 0;
	struct dirent *de;
	while ((de = readdir(dir)) != NULL) {
		struct stat st;
		if (!is_transcript_name(de->d_name) ||
		    fstatat(dirfd(dir), de->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0 ||
		    !S_ISREG(st.st_mode))
			continue;
		GROW(l->v, cap, l->n + 1);
		l->v[l->n++] = (Listed){ xstrdup(de->d_name), stamp_of(&st) };
	}
	if (l->n > 1) /* qsort takes no NULL, even for nothing */
		qsort(l->v, l->n, sizeof(*l->v), cmp_listed);
	signature(l, dirfd(dir));
	closedir(dir);
	return true;
}

void listing_free(Listing *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i].name);
	free(l->v);
	*l = (Listing){ 0 };
}

/* ---- writing ---- */

/* s quoted, or null: NULL and "" differ here (an undated commitment has
 * no due date, not an empty one). */
static void text_or_null(Buf *b, const char *s)
{
	if (s)
		yamlout_quote(b, s);
	else
		buf_adds(b, "null");
}

/* ", " and s: one more column of a row. */
static void field(Buf *b, const char *s)
{
	buf_adds(b, ", ");
	text_or_null(b, s);
}

static const char *const stage_names[] = { "none", "framed", "progress", "closed" };

static void put_summary(Buf *b, const JournalSummary *s)
{
	buf_printf(b, "summary: {sessions: %zu, last: %lld, dialogue: ", s->sessions,
	           (long long)s->last_started);
	text_or_null(b, s->last_dialogue);
	buf_printf(b, ", stage: %s, open: [", stage_names[s->stage]);
	for (size_t i = 0; i < s->nopen; i++) {
		if (i)
			buf_adds(b, ", ");
		text_or_null(b, s->open_due[i]);
	}
	buf_adds(b, "]}\n");
}

/* ", " before every item of a flow sequence but the first. */
static void item(Buf *b, size_t i)
{
	if (i)
		buf_adds(b, ", ");
}

static void put_made(Buf *b, const JournalEntry *e)
{
	buf_adds(b, ", [");
	for (size_t i = 0; i < e->nmade; i++) {
		const Commitment *c = &e->made[i];
		const char *col[M_COLUMNS] = { c->id, c->what, c->when, c->due, c->measure, c->status,
			                       c->node };
		item(b, i);
		buf_addc(b, '[');
		for (size_t k = 0; k < M_COLUMNS; k++) {
			item(b, k);
			text_or_null(b, col[k]);
		}
		buf_addc(b, ']');
	}
	buf_adds(b, "], [");
	for (size_t i = 0; i < e->nreviews; i++) {
		const Review *r = &e->reviews[i];
		item(b, i);
		buf_addc(b, '[');
		text_or_null(b, r->commitment);
		field(b, r->what);
		field(b, r->status);
		buf_printf(b, ", %lld]", (long long)e->reviewed_at[i]);
	}
	buf_addc(b, ']');
}

static void put_answers(Buf *b, const JournalEntry *e)
{
	buf_adds(b, ", [");
	for (size_t i = 0; i < e->nsaved; i++) {
		item(b, i);
		yamlout_quote(b, e->saved[i]);
	}
	buf_adds(b, "], [");
	for (size_t i = 0; i < e->nscales; i++) {
		item(b, i);
		buf_addc(b, '[');
		yamlout_quote(b, e->scales[i].node);
		field(b, e->scales[i].prompt);
		buf_adds(b, ", ");
		yamlout_number(b, e->scales[i].value);
		buf_addc(b, ']');
	}
	buf_addc(b, ']');
}

/* A session's row, its columns in the order of enum Column. */
static void put_entry(Buf *b, const JournalEntry *e)
{
	const char *slash = strrchr(e->path, '/');
	buf_adds(b, "  ");
	yamlout_quote(b, slash ? slash + 1 : e->path);
	buf_printf(b, ": [%lld, %lld, %llu, ", e->stamp.size, e->stamp.mtime_ns, e->stamp.ino);
	yamlout_quote(b, e->dialogue_id);
	field(b, e->title);
	field(b, e->lang);
	field(b, e->client);
	buf_printf(b, ", %s, %s, %lld, %ld", mode_name(e->mode), tread_status_name(e->status),
	           (long long)e->started, e->running);
	put_made(b, e);
	put_answers(b, e);
	buf_adds(b, "]\n");
}

/* The index is put in place whole (file_replace), fsync'd first so that
 * its name never holds a part of it. The folder is not fsync'd: a rename
 * lost to a power cut leaves the older index, which the signature tells
 * is stale. */
static bool replace(const char *folder, const Buf *b)
{
	char *path = xasprintf("%s/%s", folder, JINDEX_FILE);
	Buf sealed = { 0 };
	char *err = NULL;
	bool ok;
	if (!vault_on())
		ok = file_replace(path, b->data, b->len, false);
	else if ((ok = vault_seal(b->data, b->len, &sealed, &err)))
		ok = file_replace(path, sealed.data, sealed.len, false);
	free(err); /* the key's failure was said when it was asked for */
	buf_free(&sealed);
	free(path);
	return ok;
}

bool jindex_write(const char *folder, const char *signature, const Journal *j)
{
	Buf b = { 0 };
	buf_adds(&b, "tandem-index: " VERSION "\nsignature: ");
	yamlout_quote(&b, signature);
	buf_addc(&b, '\n');
	JournalSummary s;
	journal_summary_make(j, &s);
	put_summary(&b, &s);
	journal_summary_free(&s);
	buf_adds(&b, "sessions:\n");
	for (size_t i = 0; i < j->n; i++)
		put_entry(&b, &j->v[i]);
	bool ok = replace(folder, &b);
	buf_free(&b);
	return ok;
}

bool jindex_remove(const char *folder)
{
	char *path = xasprintf("%s/%s", folder, JINDEX_FILE);
	bool ok = unlink(path) == 0 || errno == ENOENT;
	free(path);
	return ok;
}

/* ---- reading ---- */

/* The index is tandem's own and small beside what it saves reading, but a
 * damaged or planted one must not cost more than a rebuild. */
static const YLimits limits = {
	.max_file = 512u << 20,
	.max_depth = 8,
	.max_text = 1u << 20,
	.max_values = 1u << 27,
};

/* Reading stops at the first thing out of place: ok turns false. */
typedef struct In {
	bool ok;
} In;

static const YNode *get(In *in, const YNode *map, const char *key, YKind kind)
{
	const YNode *v = map && map->kind == Y_MAP ? ymap_get(map, key) : NULL;
	if (!v || v->kind != kind)
		in->ok = false;
	return in->ok ? v : NULL;
}

static bool is_null(const YNode *v)
{
	return v->plain && (str_eq(v->u.text, "null") || str_eq(v->u.text, "~"));
}

/* A text that may be null. */
static char *text_opt(In *in, const YNode *map, const char *key)
{
	const YNode *v = get(in, map, key, Y_SCALAR);
	return v && !is_null(v) ? xstrdup(v->u.text) : NULL;
}

static long long number_of(In *in, const YNode *v)
{
	char *end;
	errno = 0;
	long long n = v && v->kind == Y_SCALAR ? strtoll(v->u.text, &end, 10) : 0;
	if (!v || v->kind != Y_SCALAR || errno || end == v->u.text || *end)
		in->ok = false;
	return n;
}

static long long number(In *in, const YNode *map, const char *key)
{
	return number_of(in, get(in, map, key, Y_SCALAR));
}

/* The items of a sequence of n items into v; false (and in->ok) unless it
 * is one. */
static bool row(In *in, const YNode *seq, const YNode **v, size_t n)
{
	if (!in->ok || !seq || seq->kind != Y_SEQ || seq->len != n)
		return in->ok = false;
	const YNode *i = seq->u.first;
	for (size_t k = 0; k < n; k++, i = i->next)
		v[k] = i;
	return true;
}

/* The first item of the sequence v, its length in *n. */
static const YNode *list(In *in, const YNode *v, size_t *n)
{
	if (!in->ok || v->kind != Y_SEQ)
		return in->ok = false, NULL;
	*n = v->len;
	return v->u.first;
}

static char *opt(In *in, const YNode *v)
{
	if (!in->ok || v->kind != Y_SCALAR)
		return in->ok = false, NULL;
	return is_null(v) ? NULL : xstrdup(v->u.text);
}

static char *req(In *in, const YNode *v)
{
	char *s = opt(in, v);
	in->ok = in->ok && s;
	return s;
}

static void read_made(In *in, JournalEntry *e, const YNode *made, const YNode *reviews)
{
	size_t n = 0;
	const YNode *i = list(in, made, &n);
	e->made = xcalloc(n + 1, sizeof(*e->made));
	for (const YNode *c[M_COLUMNS]; i && row(in, i, c, M_COLUMNS); i = i->next)
		e->made[e->nmade++] = (Commitment){ opt(in, c[M_ID]), opt(in, c[M_WHAT]),
			                            opt(in, c[M_WHEN]), opt(in, c[M_DUE]),
			                            opt(in, c[M_MEASURE]), req(in, c[M_STATUS]),
			                            opt(in, c[M_NODE]) };
	i = list(in, reviews, &n);
	e->reviews = xcalloc(n + 1, sizeof(*e->reviews));
	e->reviewed_at = xcalloc(n + 1, sizeof(*e->reviewed_at));
	for (const YNode *r[4]; i && row(in, i, r, 4); i = i->next) {
		e->reviewed_at[e->nreviews] = (time_t)number_of(in, r[3]);
		e->reviews[e->nreviews++] = (Review){ opt(in, r[0]), opt(in, r[1]), opt(in, r[2]),
			                              val_list() };
	}
}

static void read_answers(In *in, JournalEntry *e, const YNode *saved, const YNode *scales)
{
	size_t n = 0;
	const YNode *i = list(in, saved, &n);
	e->saved = xcalloc(n + 1, sizeof(*e->saved));
	for (; i && in->ok; i = i->next)
		e->saved[e->nsaved++] = req(in, i);
	i = list(in, scales, &n);
	e->scales = xcalloc(n + 1, sizeof(*e->scales));
	for (const YNode *p[3]; i && row(in, i, p, 3); i = i->next) {
		char *end = NULL;
		double value = p[2]->kind == Y_SCALAR ? strtod(p[2]->u.text, &end) : 0;
		e->scales[e->nscales++] = (ScalePoint){ req(in, p[0]), req(in, p[1]), value };
		in->ok = in->ok && end && end != p[2]->u.text && !*end;
	}
}

static bool status_of(const char *s, TrStatus *out)
{
	for (TrStatus st = TR_INTERRUPTED; st <= TR_COMPLETE; st++)
		if (str_eq(s, tread_status_name(st)))
			return *out = st, true;
	return false;
}

static JournalEntry read_entry(In *in, const char *folder, const char *file, const YNode *v)
{
	JournalEntry e = { .path = xasprintf("%s/%s", folder, file) };
	const YNode *c[COLUMNS];
	if (!row(in, v, c, COLUMNS))
		return e;
	e.stamp = (FileStamp){ number_of(in, c[C_SIZE]), number_of(in, c[C_MTIME]),
		               (unsigned long long)number_of(in, c[C_INO]) };
	e.dialogue_id = req(in, c[C_DIALOGUE]);
	e.title = opt(in, c[C_TITLE]);
	e.lang = opt(in, c[C_LANG]);
	e.client = opt(in, c[C_CLIENT]);
	in->ok = in->ok && c[C_MODE]->kind == Y_SCALAR && mode_parse(c[C_MODE]->u.text, &e.mode) &&
	         c[C_STATUS]->kind == Y_SCALAR && status_of(c[C_STATUS]->u.text, &e.status);
	e.started = (time_t)number_of(in, c[C_STARTED]);
	e.running = (long)number_of(in, c[C_RUNNING]);
	read_made(in, &e, c[C_MADE], c[C_REVIEWS]);
	read_answers(in, &e, c[C_SAVED], c[C_SCALES]);
	return e;
}

/* The index's top, when it is an index of this version. */
static bool read_top(In *in, const YNode *root, char sig[JINDEX_SIGNATURE])
{
	const YNode *v = get(in, root, "tandem-index", Y_SCALAR);
	const YNode *s = get(in, root, "signature", Y_SCALAR);
	if (!in->ok || !str_eq(v->u.text, VERSION) || s->len != JINDEX_SIGNATURE - 1)
		return false;
	memcpy(sig, s->u.text, JINDEX_SIGNATURE);
	return true;
}

/* What reading the sessions needs, handed to each entry. */
typedef struct Reading {
	In in;
	JIndex *ix;
	const char *folder;
	size_t cap;
} Reading;

/* One entry of `sessions:`, as soon as ydoc has read it. */
static void on_session(void *ctx, const YNode *key, const YNode *value)
{
	Reading *r = ctx;
	if (!r->in.ok)
		return;
	bool added = false;
	map_add(&r->ix->names, key->u.text, &added);
	r->in.ok = added && !strchr(key->u.text, '/'); /* a file twice is no folder's */
	GROW(r->ix->v, r->cap, r->ix->n + 1);
	r->ix->v[r->ix->n++] = read_entry(&r->in, r->folder, key->u.text, value);
}

/*
 * The index at path, as ydoc reads it: with stream, its sessions handed
 * over one at a time, else only its top. Sealed, it is read whole and
 * opened first (its top alone cannot be). NULL when it cannot be read.
 */
static YDoc *load(const char *path, const YStream *stream, Diags *d)
{
	if (!vault_sealed_path(path))
		return stream ? ydoc_load_stream(path, &limits, stream, d)
		              : ydoc_load_top(path, &limits, "sessions", d);
	VaultFile f;
	char *err = NULL;
	YDoc *doc = NULL;
	if (!vault_read(path, limits.max_file, &f, &err))
		free(err); /* a cache: read anew from the sessions */
	else if (f.torn || f.refused)
		; /* the same */
	else if (stream)
		doc = ydoc_load_stream_mem(path, f.data, f.len, &limits, stream, d);
	else
		doc = ydoc_load_mem(path, f.data, f.len, &limits, d);
	vault_file_free(&f);
	return doc;
}

bool jindex_read(JIndex *ix, const char *folder)
{
	*ix = (JIndex){ 0 };
	char *path = xasprintf("%s/%s", folder, JINDEX_FILE);
	Reading r = { { true }, ix, folder, 0 };
	YStream stream = { .key = "sessions", .fn = on_session, .ctx = &r };
	Diags quiet = { 0 };
	YDoc *doc = load(path, &stream, &quiet);
	bool ok = doc && quiet.n == 0 && r.in.ok && read_top(&r.in, doc->root, ix->signature) &&
	          get(&r.in, doc->root, "sessions", Y_MAP);
	diags_free(&quiet);
	free(path);
	ydoc_free(doc);
	if (!ok) {
		jindex_free(ix);
		return false;
	}
	return true;
}

bool jindex_take(JIndex *ix, const char *name, const FileStamp *stamp, JournalEntry *out)
{
	long i = map_find(&ix->names, name);
	if (i == MAP_NONE || !ix->v[i].path)
		return false;
	const FileStamp *was = &ix->v[i].stamp;
	if (was->size != stamp->size || was->mtime_ns != stamp->mtime_ns || was->ino != stamp->ino)
		return false;
	*out = ix->v[i];
	ix->v[i] = (JournalEntry){ 0 };
	return true;
}

void jindex_free(JIndex *ix)
{
	for (size_t i = 0; i < ix->n; i++)
		journal_entry_free(&ix->v[i]);
	free(ix->v);
	map_free(&ix->names);
	*ix = (JIndex){ 0 };
}

/* ---- the summary alone ---- */

static bool read_summary(In *in, const YNode *root, JournalSummary *s)
{
	const YNode *m = get(in, root, "summary", Y_MAP);
	s->sessions = (size_t)number(in, m, "sessions");
	s->last_started = (time_t)number(in, m, "last");
	s->last_dialogue = text_opt(in, m, "dialogue");
	const YNode *stage = get(in, m, "stage", Y_SCALAR);
	bool known = false;
	for (Stage k = STAGE_NONE; stage && k <= STAGE_CLOSED && !known; k++)
		if (str_eq(stage->u.text, stage_names[k]))
			s->stage = k, known = true;
	in->ok = in->ok && known;
	const YNode *open = get(in, m, "open", Y_SEQ);
	s->open_due = xcalloc(open ? open->len + 1 : 1, sizeof(*s->open_due));
	for (const YNode *i = open ? open->u.first : NULL; i && in->ok; i = i->next) {
		in->ok = i->kind == Y_SCALAR;
		if (in->ok)
			s->open_due[s->nopen++] = is_null(i) ? NULL : xstrdup(i->u.text);
	}
	return in->ok;
}

bool jindex_summary(const char *folder, const char *signature, JournalSummary *s)
{
	char *path = xasprintf("%s/%s", folder, JINDEX_FILE);
	Diags quiet = { 0 };
	YDoc *doc = load(path, NULL, &quiet);
	diags_free(&quiet);
	free(path);
	In in = { doc != NULL };
	char sig[JINDEX_SIGNATURE] = "";
	JournalSummary got = { 0 };
	bool ok = in.ok && read_top(&in, doc->root, sig) && str_eq(sig, signature) &&
	          read_summary(&in, doc->root, &got);
	ydoc_free(doc);
	if (ok)
		*s = got;
	else
		journal_summary_free(&got);
	return ok;
}
