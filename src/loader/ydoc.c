/*
 * ydoc: reads a YAML file into a YNode tree with libyaml's event API.
 *
 * The whole file is read into memory (bounded by max_file), checked to be
 * UTF-8 without NUL, then parsed from that buffer. Events are turned into
 * nodes on the fly: a stack of open collections, each with a tail pointer so
 * appending is O(1), and for mappings a way to spot duplicate keys in O(1)
 * (a linear scan for small mappings, a Map past SMALL_MAP keys).
 *
 * Nodes and texts live in the document's arena; the only heap memory of our
 * own is the file buffer, the stack and the key sets, all freed before
 * returning. Every scalar is copied exactly once, from libyaml's event into
 * the arena.
 *
 * Streaming (ydoc_load_stream): the entries of one top-level mapping are
 * built in a scratch arena instead, one at a time, handed to the caller
 * when complete, and the scratch arena emptied for the next. So a dialogue
 * of 100,000 nodes never holds more than one node's tree, and that one in
 * a few pages kept warm. The caller, which indexes those keys anyway,
 * finds their duplicates: a key set here would be a second index of them.
 *
 * Locations: libyaml 0.2.5 counts mark.column (and mark.index) in
 * characters, not bytes, which is what a Loc wants, so its marks are used
 * as they are. But libyaml also starts a new line at a lone CR, NEL, U+2028
 * and U+2029, where editors, and diag.c when it prints the source line, see
 * none; and at the end of a file whose last line has no LF it places the
 * end on a line of its own that does not exist. A file holding one of those
 * line breaks (found by a quick memchr pass) has its places computed by a
 * cursor instead, which maps libyaml's character index back onto the buffer
 * and counts LF-separated lines itself; so has a mark at such an end.
 */
#include "ydoc.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <yaml.h>

#include "fileio.h"
#include "i18n.h"
#include "map.h"
#include "sha256.h"
#include "utf8.h"
#include "util.h"

const YLimits ydoc_default_limits = {
	.max_file = 32u * 1024 * 1024,
	.max_depth = 64,
	.max_text = 1024 * 1024,
	.max_values = 5000000,
};

/* For problems of the whole file: printed without line and column. */
static const Loc NOWHERE = { 0, 0 };

/*
 * Mappings up to SMALL_MAP keys are searched linearly for duplicates.
 * Nodes are taken from the arena NODE_BATCH at a time: one aligned block
 * instead of an aligned node between every two packed texts saves the
 * padding, about a seventh of a large tree.
 */
enum { SMALL_MAP = 8, NODE_BATCH = 128 };

/* An open sequence or mapping. */
typedef struct OpenCollection {
	YNode *node;
	YNode *tail;        /* last child, for O(1) append */
	YNode *key;         /* mapping: key waiting for its value */
	bool want_key;      /* mapping: the next value read is a key */
	bool streamed;      /* the streamed mapping: no children kept */
	Map keys;           /* past SMALL_MAP keys: those seen, kept per depth */
	const YNode **key_nodes;  /* the node of each of them */
	size_t key_cap;
} OpenCollection;

/* Nodes ready for use, taken from an arena NODE_BATCH at a time. */
typedef struct Pool {
	YNode *next;
	size_t left;
} Pool;

/* Where libyaml's character index stands in the buffer. */
typedef struct Cursor {
	const unsigned char *s;
	size_t len;
	size_t pos, chars;  /* byte offset of character number `chars` */
	uint32_t line;
	size_t line_chars;  /* character index where the line begins */
} Cursor;

typedef struct Loader {
	YDoc *doc;
	const YLimits *lim;
	Diags *d;
	bool odd_breaks;    /* places from the cursor, not libyaml's marks */
	size_t end_chars;   /* marks from here on too; SIZE_MAX after a final LF */
	Cursor cur;
	Pool pool;          /* from the document's arena */
	OpenCollection *frames;
	size_t depth, cap;
	size_t docs;
	/* streaming */
	const YStream *stream;
	Arena scratch;      /* the entry being read, emptied after each */
	Pool spool;         /* from scratch */
	size_t sdepth;      /* depth inside the streamed mapping; 0: not in it */
	bool in_entry;      /* reading an entry's value, into scratch */
	const YNode *entry_key;  /* its key; NULL when the key was refused */
	const YNode *entry_value;
	/* ydoc_load_top: the top-level key to stop at, and whether it was met */
	const char *stop;
	bool stopped;
	/* ydoc_load_spans: each scalar's bytes, found by their own cursor */
	YSpan *spans;
	size_t nspans, spancap;
	bool want_spans;
	Cursor bytes;
} Loader;

/* ---- locations ---- */

static size_t bom_len(const char *s, size_t n)
{
	return n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
}

static void cursor_init(Cursor *c, const char *s, size_t len)
{
	c->s = (const unsigned char *)s;
	c->len = len;
	c->pos = bom_len(s, len);  /* libyaml counts from after a BOM */
	c->chars = 0;
	c->line = 1;
	c->line_chars = 0;
}

/*
 * The location of character number `index` (libyaml counts from after a
 * byte order mark, as we do). Node marks come in file order, so the cursor
 * walks the buffer once in all; only an error mark could point back, and
 * then we start over, once.
 */
static Loc cursor_loc(Cursor *c, size_t index)
{
	if (index < c->chars)
		cursor_init(c, (const char *)c->s, c->len);
	const unsigned char *s = c->s;
	size_t pos = c->pos, chars = c->chars, end = c->len;
	while (chars < index && pos < end) {
		if (s[pos++] == '\n') {
			c->line++;
			c->line_chars = chars + 1;
		}
		while (pos < end && (s[pos] & 0xC0) == 0x80)
			pos++;
		chars++;
	}
	c->pos = pos;
	c->chars = chars;
	return (Loc){ c->line, (uint32_t)(chars - c->line_chars + 1) };
}

/*
 * Whether s[0..len) holds a line break that libyaml counts and editors do
 * not: a lone CR, NEL (U+0085), LS (U+2028) or PS (U+2029).
 */
static bool odd_line_breaks(const char *s, size_t len)
{
	const char *end = s + len, *p;
	for (p = s; (p = memchr(p, '\r', (size_t)(end - p))); p++)
		if (end - p < 2 || p[1] != '\n')
			return true;
	for (p = s; (p = memchr(p, 0xC2, (size_t)(end - p))); p++)
		if (end - p >= 2 && (unsigned char)p[1] == 0x85)
			return true;
	for (p = s; (p = memchr(p, 0xE2, (size_t)(end - p))); p++)
		if (end - p >= 3 && (unsigned char)p[1] == 0x80 && ((unsigned char)p[2] & 0xFE) == 0xA8)
			return true;
	return false;
}

/* The place of a libyaml mark. */
static inline Loc mark_loc(Loader *L, const yaml_mark_t *m)
{
	if (L->odd_breaks || m->index >= L->end_chars)
		return cursor_loc(&L->cur, m->index);
	return (Loc){ (uint32_t)m->line + 1, (uint32_t)m->column + 1 };
}

/* The location of byte offset `off`, for errors found before parsing. */
static Loc loc_of_byte(const char *s, size_t len, size_t off)
{
	size_t line_start = bom_len(s, len);
	uint32_t line = 1;
	if (off < line_start)
		return (Loc){ 1, 1 };
	for (size_t i = line_start; i < off; i++) {
		if (s[i] == '\n') {
			line++;
			line_start = i + 1;
		}
	}
	return (Loc){ line, (uint32_t)utf8_count(s + line_start, off - line_start) + 1 };
}

/* ---- messages ---- */

/* A limit as a coach reads it: "1 MiB", "64 KiB", "100 bytes" ("1 Mio",
 * "64 Kio", "100 octets" in French). */
static const char *human_size(size_t n, char *buf, size_t cap)
{
	const size_t kib = 1024, mib = 1024 * 1024;
	if (n >= mib && n % mib == 0)
		snprintf(buf, cap, _("%zu MiB"), n / mib);
	else if (n >= kib && n % kib == 0)
		snprintf(buf, cap, _("%zu KiB"), n / kib);
	else
		snprintf(buf, cap, ngettext("%zu byte", "%zu bytes", n), n);
	return buf;
}

/* what: a kind of thing, translated ("the file", "a text"). The size is
 * in bytes: "1 MiB" for 1 MiB + 1 byte would puzzle. */
static void too_large(Diags *d, const char *file, Loc loc, const char *what,
                      size_t size, bool exact, size_t limit)
{
	char lim[64];
	const char *fmt = exact
		? ngettext("%s is too large: %zu byte, the limit is %s",
		           "%s is too large: %zu bytes, the limit is %s", size)
		: ngettext("%s is too large: more than %zu byte, the limit is %s",
		           "%s is too large: more than %zu bytes, the limit is %s", size);
	diag_error(d, file, loc, fmt, what, size, human_size(limit, lim, sizeof(lim)));
}

/* Bytes of a key to quote in a message: at most ~60, on a character boundary. */
static int quote_len(const YNode *key)
{
	size_t n = key->len;
	if (n <= 60)
		return (int)n;
	n = 60;
	while (n > 0 && ((unsigned char)key->u.text[n] & 0xC0) == 0x80)
		n--;
	return (int)n;
}

/* ---- duplicate keys ---- */

static bool same_key(const YNode *a, const YNode *b)
{
	return a->len == b->len && memcmp(a->u.text, b->u.text, a->len) == 0;
}

/* The key equal to k already in f's Map, else NULL after adding k. */
static const YNode *remember_key(OpenCollection *f, const YNode *k)
{
	bool added;
	size_t i = map_add(&f->keys, k->u.text, &added);
	if (!added)
		return f->key_nodes[i];
	GROW(f->key_nodes, f->key_cap, i + 1);
	f->key_nodes[i] = k;
	return NULL;
}

/* The key of f's mapping equal to k, or NULL (and k is now known). */
static const YNode *find_key(OpenCollection *f, const YNode *k)
{
	const YNode *first = f->node->u.first;
	if (f->node->len < SMALL_MAP) {
		for (const YNode *p = first; p; p = p->next->next)
			if (same_key(p, k))
				return p;
		return NULL;
	}
	if (!map_count(&f->keys))
		for (const YNode *p = first; p; p = p->next->next)
			remember_key(f, p);
	return remember_key(f, k);
}

/* ---- building the tree ---- */

static void append(OpenCollection *f, YNode *n)
{
	if (f->tail)
		f->tail->next = n;
	else
		f->node->u.first = n;
	f->tail = n;
}

void ydoc_duplicate_key(Diags *d, const char *file, const YNode *key, uint32_t first_line)
{
	diag_error(d, file, key->loc, "duplicate key '%.*s%s' (first at line %u)",
	           quote_len(key), key->u.text, quote_len(key) < (int)key->len ? "..." : "",
	           first_line);
}

/* k if it may be a key of f's mapping; NULL (reported) otherwise. */
static YNode *accept_key(Loader *L, OpenCollection *f, YNode *k)
{
	if (k->kind != Y_SCALAR) {
		diag_error(L->d, L->doc->path, k->loc, "a key must be plain text");
		return NULL;
	}
	const YNode *first = f->streamed ? NULL : find_key(f, k);
	if (first) {
		ydoc_duplicate_key(L->d, L->doc->path, k, first->loc.line);
		return NULL;
	}
	return k;
}

/*
 * Puts a new node in its place: the root, an item, a key or a value. A
 * refused key (reported) and its value stay out of the tree, so a mapping
 * always holds whole pairs and the first of two duplicates wins.
 */
static inline void place(Loader *L, YNode *n)
{
	if (!L->depth) {
		L->doc->root = n;
		return;
	}
	OpenCollection *f = &L->frames[L->depth - 1];
	if (f->node->kind == Y_SEQ) {
		append(f, n);
		f->node->len++;
	} else if (f->want_key) {
		f->want_key = false;
		f->key = accept_key(L, f, n);
	} else if (f->streamed) {
		/* An entry's value: counted, handed over once read, not kept. */
		f->want_key = true;
		L->entry_key = f->key;
		L->entry_value = n;
		f->node->len += f->key != NULL;
		f->key = NULL;
	} else {
		f->want_key = true;
		if (f->key) {
			append(f, f->key);
			append(f, n);
			f->node->len++;
			f->key = NULL;
		}
	}
}

/* A new node at mark, counted against max_values; NULL past the limit. */
static inline YNode *new_node(Loader *L, YKind kind, const yaml_event_t *e)
{
	Loc loc = mark_loc(L, &e->start_mark);
	if (L->doc->values >= L->lim->max_values) {
		diag_error(L->d, L->doc->path, loc,
		           "too many values: a file may hold at most %zu", L->lim->max_values);
		return NULL;
	}
	L->doc->values++;
	Pool *pool = L->in_entry ? &L->spool : &L->pool;
	if (!pool->left) {
		pool->next = arena_alloc(L->in_entry ? &L->scratch : &L->doc->arena,
		                         NODE_BATCH * sizeof(YNode));
		pool->left = NODE_BATCH;
	}
	YNode *n = pool->next++;
	pool->left--;
	n->kind = (uint8_t)kind;
	n->plain = 0;
	n->loc = loc;
	n->len = 0;
	n->u.first = NULL;
	n->next = NULL;
	return n;
}

/* ---- streaming ---- */

/* Whether the value about to be read is a key or value of the streamed
 * mapping: an entry starts with its key. */
static bool at_entry(const Loader *L)
{
	return L->sdepth && L->depth == L->sdepth;
}

/* Whether the value just read completed an entry of the streamed mapping
 * (its value, not its key). */
static bool entry_done(const Loader *L)
{
	return L->in_entry && L->depth == L->sdepth && L->frames[L->depth - 1].want_key;
}

/* Whether a mapping about to be read is the one to stream: the value of
 * the top-level key the stream names. */
static bool starts_stream(const Loader *L, YKind kind)
{
	const OpenCollection *top = L->frames;
	return L->stream && !L->sdepth && kind == Y_MAP && L->depth == 1 &&
	       top->node->kind == Y_MAP && !top->want_key && top->key &&
	       yscalar_is(top->key, L->stream->key);
}

/* An entry was read whole, or as far as parsing went: hands it over and
 * empties the scratch arena. */
static void end_entry(Loader *L)
{
	if (L->entry_key && L->entry_value)
		L->stream->fn(L->stream->ctx, L->entry_key, L->entry_value);
	arena_reset(&L->scratch);
	L->spool.left = 0;
	L->in_entry = false;
	L->entry_key = NULL;
	L->entry_value = NULL;
}

static Arena *text_arena(Loader *L)
{
	return L->in_entry ? &L->scratch : &L->doc->arena;
}

/* Whether e is the top-level key ydoc_load_top stops at. */
static bool is_stop(const Loader *L, const yaml_event_t *e)
{
	return L->stop && L->depth == 1 && L->frames[0].node->kind == Y_MAP &&
	       L->frames[0].want_key && e->data.scalar.length == strlen(L->stop) &&
	       memcmp(e->data.scalar.value, L->stop, e->data.scalar.length) == 0;
}

/* The scalar's bytes: libyaml's marks count characters, which a cursor
 * of its own turns into byte offsets (marks come in file order). */
static void add_span(Loader *L, Loc loc, const yaml_event_t *e)
{
	static const uint8_t styles[] = {
		[YAML_ANY_SCALAR_STYLE] = YS_PLAIN, [YAML_PLAIN_SCALAR_STYLE] = YS_PLAIN,
		[YAML_SINGLE_QUOTED_SCALAR_STYLE] = YS_SINGLE,
		[YAML_DOUBLE_QUOTED_SCALAR_STYLE] = YS_DOUBLE,
		[YAML_LITERAL_SCALAR_STYLE] = YS_LITERAL, [YAML_FOLDED_SCALAR_STYLE] = YS_FOLDED,
	};
	GROW(L->spans, L->spancap, L->nspans + 1);
	YSpan *sp = &L->spans[L->nspans++];
	sp->loc = loc;
	cursor_loc(&L->bytes, e->start_mark.index);
	sp->start = L->bytes.pos;
	cursor_loc(&L->bytes, e->end_mark.index);
	sp->end = L->bytes.pos;
	sp->style = (size_t)e->data.scalar.style < ARRAY_LEN(styles) ? styles[e->data.scalar.style]
	                                                            : YS_PLAIN;
}

static bool add_scalar(Loader *L, const yaml_event_t *e)
{
	if (is_stop(L, e))
		return !(L->stopped = true);
	L->in_entry |= at_entry(L);
	YNode *n = new_node(L, Y_SCALAR, e);
	if (!n)
		return false;
	size_t len = e->data.scalar.length;
	if (len > L->lim->max_text || len > UINT32_MAX) {
		too_large(L->d, L->doc->path, n->loc, _("a text"), len, true, L->lim->max_text);
		return false;
	}
	/* The file holds no NUL byte, but a "\0" escape makes one, and every
	 * text is used as a C string: it would be cut there without a word. */
	if (memchr(e->data.scalar.value, '\0', len))
		diag_error(L->d, L->doc->path, n->loc, "a text may not hold a NUL character "
		           "(the escape \\0)");
	n->plain = e->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
	if (L->want_spans)
		add_span(L, n->loc, e);
	n->len = (uint32_t)len;
	n->u.text = arena_strndup(text_arena(L), (const char *)e->data.scalar.value, len);
	place(L, n);
	if (entry_done(L))
		end_entry(L);
	return true;
}

static bool open_collection(Loader *L, YKind kind, const yaml_event_t *e)
{
	bool streamed = starts_stream(L, kind);
	L->in_entry |= at_entry(L);
	YNode *n = new_node(L, kind, e);
	if (!n)
		return false;
	if (L->depth >= L->lim->max_depth) {
		diag_error(L->d, L->doc->path, n->loc,
		           "nested too deeply: the limit is %zu levels", L->lim->max_depth);
		return false;
	}
	place(L, n);
	if (L->depth == L->cap) {
		size_t old = L->cap;
		GROW(L->frames, L->cap, L->depth + 1);
		memset(L->frames + old, 0, (L->cap - old) * sizeof(OpenCollection));
	}
	OpenCollection *f = &L->frames[L->depth++];
	f->node = n;
	f->tail = NULL;
	f->key = NULL;
	f->want_key = true;
	f->streamed = streamed;
	if (streamed)
		L->sdepth = L->depth;
	return true;
}

static void close_collection(Loader *L)
{
	if (!L->depth)
		return;
	OpenCollection *f = &L->frames[--L->depth];
	map_clear(&f->keys);
	if (f->streamed) {
		f->streamed = false;
		L->sdepth = 0;
	} else if (entry_done(L)) {
		end_entry(L);
	}
}

/* Handles one event; false when parsing must stop (reported). */
static bool on_event(Loader *L, const yaml_event_t *e)
{
	switch (e->type) {
	case YAML_DOCUMENT_START_EVENT:
		if (L->docs++) {
			diag_error(L->d, L->doc->path, mark_loc(L, &e->start_mark),
			           "a dialogue file holds one YAML document");
			return false;
		}
		return true;
	case YAML_ALIAS_EVENT:
		diag_error(L->d, L->doc->path, mark_loc(L, &e->start_mark),
		           "YAML aliases (*name) are not allowed in dialogues: write the value out");
		return false;
	case YAML_SCALAR_EVENT:
		return add_scalar(L, e);
	case YAML_SEQUENCE_START_EVENT:
		return open_collection(L, Y_SEQ, e);
	case YAML_MAPPING_START_EVENT:
		return open_collection(L, Y_MAP, e);
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT:
		close_collection(L);
		return true;
	case YAML_NO_EVENT:
	case YAML_STREAM_START_EVENT:
	case YAML_STREAM_END_EVENT:
	case YAML_DOCUMENT_END_EVENT:
		return true;
	}
	return true;
}

/*
 * libyaml speaks English only, and names its problems by their text alone.
 * Those a dialogue's author is likely to meet have their words here: in
 * libyaml's English, which is the key, and in the catalogue's languages.
 */
static const char *const yaml_problems[] = {
	N_("mapping values are not allowed in this context"),
	N_("block sequence entries are not allowed in this context"),
	N_("did not find expected key"),
	N_("could not find expected ':'"),
	N_("did not find expected '-' indicator"),
	N_("did not find expected ',' or ']'"),
	N_("did not find expected ',' or '}'"),
	N_("did not find expected node content"),
	N_("did not find expected <document start>"),
	N_("found character that cannot start any token"),
	N_("found a tab character that violates indentation"),
	N_("found a tab character where an indentation space is expected"),
	N_("found unexpected end of stream"),
	N_("found unknown escape character"),
	N_("control characters are not allowed"),
};

static void syntax_error(Loader *L, const yaml_parser_t *p, const char *s, size_t len)
{
	/* The reader reports a byte offset; the scanner and parser a mark. */
	Loc loc = p->error == YAML_READER_ERROR
	        ? loc_of_byte(s, len, p->problem_offset < len ? p->problem_offset : len)
	        : mark_loc(L, &p->problem_mark);
	if (!p->problem) {
		diag_error(L->d, L->doc->path, loc, "bad YAML: the parser ran out of memory");
		return;
	}
	for (size_t i = 0; i < ARRAY_LEN(yaml_problems); i++) {
		if (str_eq(p->problem, yaml_problems[i])) {
			diag_error(L->d, L->doc->path, loc, "bad YAML: %s", _(yaml_problems[i]));
			return;
		}
	}
	diag_error(L->d, L->doc->path, loc, "bad YAML: %s (libyaml's wording)", p->problem);
}

/* Parses s[0..len) into L->doc; stops at the first error or limit.
 * odd_breaks: whether s holds odd line breaks (see scan_text). */
static void parse(Loader *L, const char *s, size_t len, bool odd_breaks)
{
	yaml_parser_t p;
	if (!yaml_parser_initialize(&p)) {
		diag_error(L->d, L->doc->path, NOWHERE, "out of memory starting the YAML parser");
		return;
	}
	yaml_parser_set_input_string(&p, (const unsigned char *)s, len);
	L->odd_breaks = odd_breaks;
	L->end_chars = SIZE_MAX;
	if (len && s[len - 1] != '\n')
		L->end_chars = utf8_count(s + bom_len(s, len), len - bom_len(s, len));
	cursor_init(&L->cur, s, len);
	cursor_init(&L->bytes, s, len);
	for (;;) {
		yaml_event_t e;
		if (!yaml_parser_parse(&p, &e)) {
			syntax_error(L, &p, s, len);
			break;
		}
		bool go = on_event(L, &e) && e.type != YAML_STREAM_END_EVENT;
		yaml_event_delete(&e);
		if (!go)
			break;
	}
	yaml_parser_delete(&p);
	/* Stopped inside an entry: what was read of it is still worth
	 * building, as it would be in a whole tree. */
	if (L->in_entry)
		end_entry(L);
}

/* ---- loading ---- */

/*
 * Whether s[0..len) is UTF-8 without NUL (else *bad is the offset of the
 * first offending character), and whether it holds odd line breaks.
 */
static bool scan_text(const char *s, size_t len, size_t *bad, bool *odd)
{
	*odd = false;
	if (!utf8_valid(s, len, bad))
		return false;
	*odd = odd_line_breaks(s, len);
	return true;
}

/* Reports invalid UTF-8 or a NUL byte; true when the text is clean. */
static bool check_text(const char *name, const char *s, size_t len, bool *odd, Diags *d)
{
	size_t bad = 0;
	if (scan_text(s, len, &bad, odd))
		return true;
	Loc loc = loc_of_byte(s, len, bad);
	if (bad < len && s[bad] == '\0')
		diag_error(d, name, loc, "the file contains a NUL byte: a dialogue must be plain text");
	else
		diag_error(d, name, loc,
		           "the file is not valid UTF-8 text (byte 0x%02X): save it as UTF-8",
		           bad < len ? (unsigned)(unsigned char)s[bad] : 0u);
	return false;
}

/* Parses data into a new document. With stop, parsing ends at that
 * top-level key, and *stopped says whether it was met. With spans, each
 * scalar's span is given too (ydoc_load_spans). */
static YDoc *load_mem(const char *name, const char *data, size_t len, const YLimits *limits,
                      const YStream *stream, const char *stop, bool *stopped, Diags *d,
                      YSpan **spans, size_t *nspans)
{
	const YLimits *lim = limits ? limits : &ydoc_default_limits;
	if (!data)
		data = "";  /* libyaml asserts on a NULL input, even an empty one */
	if (len > lim->max_file) {
		too_large(d, name, NOWHERE, _("the file"), len, true, lim->max_file);
		return NULL;
	}
	bool odd;
	if (!check_text(name, data, len, &odd, d))
		return NULL;
	YDoc *doc = xcalloc(1, sizeof(*doc));
	doc->path = xstrdup(name);
	doc->bytes = len;
	Loader L = { .doc = doc, .lim = lim, .d = d, .stream = stream, .stop = stop,
	             .want_spans = spans != NULL };
	size_t errors = d->errors;
	parse(&L, data, len, odd);
	if (spans) {
		*spans = L.spans;
		*nspans = L.nspans;
	}
	if (stopped)
		*stopped = L.stopped;
	for (size_t i = 0; i < L.cap; i++) {
		map_free(&L.frames[i].keys);
		free(L.frames[i].key_nodes);
	}
	free(L.frames);
	arena_free(&L.scratch);
	if (!doc->root && d->errors > errors) {
		ydoc_free(doc);
		return NULL;
	}
	return doc;
}

YDoc *ydoc_load_mem(const char *name, const char *data, size_t len,
                    const YLimits *limits, Diags *d)
{
	return load_mem(name, data, len, limits, NULL, NULL, NULL, d, NULL, NULL);
}

YDoc *ydoc_load_spans(const char *name, const char *data, size_t len, const YLimits *limits,
                      YSpan **spans, size_t *nspans, Diags *d)
{
	*spans = NULL;
	*nspans = 0;
	return load_mem(name, data, len, limits, NULL, NULL, NULL, d, spans, nspans);
}

/*
 * Reads the file at path, refusing one larger than limit or not a regular
 * file (fileio.h). Returns 0 and the bytes, or reports and returns -1.
 */
static int read_file(const char *path, size_t limit, Diags *d, char **out, size_t *len,
                     size_t *size)
{
	const char *why;
	int fd = file_open(path, O_RDONLY, &why);
	if (fd < 0) {
		diag_error(d, path, NOWHERE, "cannot open the file: %s", why);
		return -1;
	}
	struct stat st;
	size_t hint = 0;
	if (fstat(fd, &st) == 0) {
		if ((uintmax_t)st.st_size > limit) {
			too_large(d, path, NOWHERE, _("the file"), (size_t)st.st_size, true, limit);
			close(fd);
			return -1;
		}
		hint = (size_t)st.st_size;
	}
	int err = file_read(fd, hint, limit, out, len, size);
	close(fd);
	if (err) {
		diag_error(d, path, NOWHERE, "cannot read the file: %s", strerror(err));
		return -1;
	}
	if (*len > limit) {
		too_large(d, path, NOWHERE, _("the file"), limit, false, limit);
		free(*out);
		return -1;
	}
	return 0;
}

YDoc *ydoc_load(const char *path, const YLimits *limits, Diags *d)
{
	const YLimits *lim = limits ? limits : &ydoc_default_limits;
	char *buf = NULL;
	size_t len = 0, size = 0;
	if (read_file(path, lim->max_file, d, &buf, &len, &size) < 0)
		return NULL;
	YDoc *doc = ydoc_load_mem(path, buf, len, lim, d);
	free(buf);
	return doc;
}

YDoc *ydoc_load_stream(const char *path, const YLimits *limits, const YStream *stream,
                       Diags *d)
{
	const YLimits *lim = limits ? limits : &ydoc_default_limits;
	char *buf = NULL;
	size_t len = 0, size = 0;
	if (read_file(path, lim->max_file, d, &buf, &len, &size) < 0)
		return NULL;
	YDoc *doc = ydoc_load_stream_mem(path, buf, len, lim, stream, d);
	/* Unlike ydoc_load's, this document is small: the bytes are given back
	 * rather than kept in its arena. */
	free(buf);
	return doc;
}

YDoc *ydoc_load_stream_mem(const char *name, const char *data, size_t len,
                           const YLimits *limits, const YStream *stream, Diags *d)
{
	if (stream->digest) {
		Sha256 c;
		sha256_init(&c);
		sha256_update(&c, data, len);
		sha256_hex(&c, stream->digest);
	}
	return load_mem(name, data, len, limits, stream, NULL, NULL, d, NULL, NULL);
}

/* Reads more of fd into *buf (*len bytes so far) until it holds `want`
 * bytes or the file ends (*eof). Returns 0 or an errno value. */
static int read_more(int fd, char **buf, size_t *len, size_t *cap, size_t want, bool *eof)
{
	GROW(*buf, *cap, want);
	while (*len < want) {
		ssize_t got = read(fd, *buf + *len, want - *len);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0)
			return errno;
		if (got == 0) {
			*eof = true;
			break;
		}
		*len += (size_t)got;
	}
	return 0;
}

YDoc *ydoc_load_top(const char *path, const YLimits *limits, const char *stop, Diags *d)
{
	/* A dialogue's top and a journal index's are a few hundred bytes: a
	 * first piece of 4 KiB rather than 64 takes `tandem clients` from 88
	 * to 79 ms at 200 clients (each piece is checked and parsed whole). */
	enum { PIECE = 4 * 1024 };
	const YLimits *lim = limits ? limits : &ydoc_default_limits;
	const char *why;
	int fd = file_open(path, O_RDONLY, &why);
	if (fd < 0) {
		diag_error(d, path, NOWHERE, "cannot open the file: %s", why);
		return NULL;
	}
	char *buf = NULL;
	size_t len = 0, cap = 0;
	bool eof = false;
	YDoc *doc = NULL;
	for (size_t want = PIECE; !doc; want *= 2) {
		int err = read_more(fd, &buf, &len, &cap, want, &eof);
		if (err) {
			diag_error(d, path, NOWHERE, "cannot read the file: %s", strerror(err));
			break;
		}
		if (len > lim->max_file) {
			too_large(d, path, NOWHERE, _("the file"), len, false, lim->max_file);
			break;
		}
		/* Whole lines only: a piece may end inside a character. Each
		 * piece is parsed from the start, and pieces double: a file
		 * without the key is parsed at most twice over. */
		size_t upto = len;
		while (!eof && upto && buf[upto - 1] != '\n')
			upto--;
		if (!upto)
			continue;
		Diags mine = { 0 };
		bool stopped = false;
		doc = load_mem(path, buf, upto, lim, NULL, stop, &stopped, &mine, NULL, NULL);
		if (stopped || eof) {
			diags_add_all(d, &mine);
		} else { /* the piece ended before the key: read on */
			ydoc_free(doc);
			doc = NULL;
		}
		diags_free(&mine);
		if (eof && !doc)
			break;
	}
	free(buf);
	close(fd);
	return doc;
}

void ydoc_free(YDoc *doc)
{
	if (!doc)
		return;
	arena_free(&doc->arena);
	free(doc->path);
	free(doc);
}

/* ---- queries ---- */

Loc ydoc_loc_in(const char *text, Loc loc, bool plain, size_t pos)
{
	if (!plain || memchr(text, '\n', pos))
		return loc;
	loc.col += (uint32_t)utf8_count(text, pos);
	return loc;
}

const YNode *ymap_get(const YNode *map, const char *key)
{
	if (!map || map->kind != Y_MAP)
		return NULL;
	for (const YNode *k = map->u.first; k && k->next; k = k->next->next)
		if (yscalar_is(k, key))
			return k->next;
	return NULL;
}

const char *ykind_name(const YNode *n)
{
	if (!n)
		return _("no value");
	switch ((YKind)n->kind) {
	case Y_SCALAR:
		return _("a text");
	case Y_SEQ:
		return _("a list");
	case Y_MAP:
		return _("a mapping");
	}
	return _("a value");
}
