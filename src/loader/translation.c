/*
 * translation: texts out to CSV or PO, and a translation back into a copy.
 *
 * Applying reads the translation into a table of names (ID.FIELD, as a
 * PO msgctxt writes them), walks the dialogue's texts (texts.h), and
 * replaces the scalar of each text that differs, in file order, between
 * the untouched bytes around it. Then the copy is parsed again and walked:
 * the same names in the same order with the texts meant, or nothing is
 * handed out.
 */
#include "translation.h"

#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "csv.h"
#include "fileio.h"
#include "i18n.h"
#include "map.h"
#include "po.h"
#include "suggest.h"
#include "texts.h"
#include "utf8.h"
#include "yemit.h"

/* Reads the file at path whole (at most the format's 32 MiB). */
static bool read_all(const char *path, char **data, size_t *len, Diags *d)
{
	const char *why;
	size_t size;
	int fd = file_open(path, O_RDONLY, &why);
	if (fd < 0) {
		diag_error(d, path, loc_at(0, 0), "cannot open the file: %s", why);
		return false;
	}
	int err = file_read(fd, 0, ydoc_default_limits.max_file, data, len, &size);
	close(fd);
	if (err) {
		diag_error(d, path, loc_at(0, 0), "cannot read the file: %s", strerror(err));
		return false;
	}
	if (*len > ydoc_default_limits.max_file) {
		diag_error(d, path, loc_at(0, 0), "the file is larger than %zu bytes",
		           ydoc_default_limits.max_file);
		free(*data);
		return false;
	}
	return true;
}

/* ----- the texts of a file ---------------------------------------------------- */

typedef struct Entry {
	char *name;          /* ID.FIELD */
	const YNode *v;
	bool regex;
} Entry;

typedef struct Entries {
	Entry *v;
	size_t n, cap;
} Entries;

static void on_text(void *ctx, const char *id, const char *field, const YNode *v, bool regex)
{
	Entries *e = ctx;
	GROW(e->v, e->cap, e->n + 1);
	e->v[e->n++] = (Entry){ xasprintf("%s.%s", id, field), v, regex };
}

static void entries_free(Entries *e)
{
	for (size_t i = 0; i < e->n; i++)
		free(e->v[i].name);
	free(e->v);
	*e = (Entries){ 0 };
}

/* ----- out ------------------------------------------------------------------------ */

static void export_csv(const Entries *e, Buf *out)
{
	buf_adds(out, "id,field,text\n");
	for (size_t i = 0; i < e->n; i++) {
		const char *dot = strchr(e->v[i].name, '.');
		char *id = xstrndup(e->v[i].name, (size_t)(dot - e->v[i].name));
		csv_field(out, id);
		buf_addc(out, ',');
		csv_field(out, dot + 1);
		buf_addc(out, ',');
		csv_field(out, e->v[i].v->u.text);
		buf_addc(out, '\n');
		free(id);
	}
}

static void export_po(const YDoc *doc, const Entries *e, Buf *out)
{
	const YNode *id = ymap_get(doc->root, "id"), *lang = ymap_get(doc->root, "lang");
	buf_printf(out, "# The texts of %s, to translate (tandem strings): msgctxt names the\n"
	           "# node and the field of each, msgid is the text, msgstr its translation.\n",
	           doc->path);
	char *header = xasprintf("Project-Id-Version: %s\nMIME-Version: 1.0\n"
	                         "Content-Type: text/plain; charset=UTF-8\n"
	                         "Content-Transfer-Encoding: 8bit\nX-Source-Language: %s\n"
	                         "Language: \n",
	                         id && id->kind == Y_SCALAR ? id->u.text : "",
	                         lang && lang->kind == Y_SCALAR ? lang->u.text : "");
	po_string(out, "msgid", "");
	po_string(out, "msgstr", header);
	free(header);
	for (size_t i = 0; i < e->n; i++) {
		buf_addc(out, '\n');
		if (e->v[i].regex)
			buf_adds(out, "#. a regular expression (PCRE2), matched on what a person types\n");
		buf_printf(out, "#: %s:%u\n", doc->path, e->v[i].v->loc.line);
		po_string(out, "msgctxt", e->v[i].name);
		po_string(out, "msgid", e->v[i].v->u.text);
		po_string(out, "msgstr", "");
	}
}

bool translation_export(const char *path, TranslationFormat format, Buf *out, Diags *d)
{
	char *data;
	size_t len;
	if (!read_all(path, &data, &len, d))
		return false;
	size_t before = d->errors;
	YDoc *doc = ydoc_load_mem(path, data, len, NULL, d);
	free(data);
	if (!doc || d->errors > before) {
		ydoc_free(doc);
		return false;
	}
	Entries e = { 0 };
	texts_walk(doc, on_text, &e);
	if (format == TRANSLATION_CSV)
		export_csv(&e, out);
	else
		export_po(doc, &e, out);
	entries_free(&e);
	ydoc_free(doc);
	return true;
}

/* ----- a translation read --------------------------------------------------------- */

/*
 * The problems csv.c and po.c name, which know no catalogue (base/ comes
 * before lang/): their English is the key, as for libyaml's in ydoc.c.
 */
static const char *const reader_problems[] = {
	N_("a quoted field is never closed"),
	N_("text after the closing quote of a field"),
	N_("a string that is not closed or not well escaped"),
	N_("a string that follows no keyword"),
	N_("a line that is no PO keyword (msgctxt, msgid, msgstr) nor string"),
	N_("an entry without msgid"),
};

static const char *problem(const char *err)
{
	for (size_t i = 0; i < ARRAY_LEN(reader_problems); i++)
		if (str_eq(err, reader_problems[i]))
			return _(reader_problems[i]);
	return err;
}

typedef struct Translation {
	const char *path;
	Map names;           /* ID.FIELD, numbered */
	char **texts;        /* by number; NULL: left untranslated */
	size_t *lines;
	bool *used;
	size_t cap;
} Translation;

static void tr_free(Translation *t)
{
	for (size_t i = 0; i < map_count(&t->names); i++)
		free(t->texts[i]);
	free(t->texts);
	free(t->lines);
	free(t->used);
	map_free(&t->names);
}

/* Whether s can be a text of a dialogue: UTF-8, and no control character
 * but the line break and the tab (C0, DEL, C1: none reads back from YAML as
 * written, and none belongs on a coach's screen), nor U+FFFE or U+FFFF,
 * which YAML does not allow. A PO string's escapes (\x02, \221) can make
 * any byte. */
static bool text_ok(const char *s)
{
	size_t n = strlen(s), bad;
	if (!utf8_valid(s, n, &bad))
		return false;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		bool c0 = (*p < 0x20 && *p != '\n' && *p != '\t') || *p == 0x7f;
		bool c1 = *p == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f;
		bool nonchar = *p == 0xef && p[1] == 0xbf && (p[2] == 0xbe || p[2] == 0xbf);
		if (c0 || c1 || nonchar)
			return false;
	}
	return true;
}

/* Adds name = text (NULL: untranslated) read at line; a name given twice,
 * or a text no dialogue can hold, is an error. */
static void tr_add(Translation *t, const char *name, const char *text, size_t line, Diags *d)
{
	if (text && !text_ok(text)) {
		diag_error(d, t->path, loc_at((uint32_t)line, 1), "the translation of '%s' is not "
		           "text a dialogue can hold: a control character, U+FFFE or U+FFFF, or "
		           "bytes that are not UTF-8", name);
		return;
	}
	bool added;
	size_t i = map_add(&t->names, name, &added);
	if (!added) {
		diag_error(d, t->path, loc_at((uint32_t)line, 1), "'%s' is given twice (first at line "
		           "%zu)", name, t->lines[i]);
		return;
	}
	GROW(t->texts, t->cap, i + 1);
	t->lines = xrealloc(t->lines, t->cap * sizeof(*t->lines));
	t->used = xrealloc(t->used, t->cap * sizeof(*t->used));
	t->texts[i] = text && *text ? xstrdup(text) : NULL;
	t->lines[i] = line;
	t->used[i] = false;
}

static void read_csv(Translation *t, const char *s, size_t len, Diags *d)
{
	CsvReader rd;
	CsvRecord r = { 0 };
	const char *err;
	int got;
	csv_reader_init(&rd, s, len);
	for (bool header = true; (got = csv_next(&rd, &r, &err)) != 0; header = false) {
		Loc at = loc_at((uint32_t)r.line, 1);
		if (got < 0) {
			diag_error(d, t->path, at, "bad CSV: %s", problem(err));
			break;
		}
		if (r.n == 1 && !*r.fields[0])
			continue;  /* an empty line */
		if (header && !(r.n == 3 && str_eq(r.fields[0], "id") && str_eq(r.fields[1], "field") &&
		                str_eq(r.fields[2], "text")))
			diag_error(d, t->path, at, "the first line of a CSV translation must be its "
			           "header, id,field,text");
		else if (r.n != 3)
			diag_error(d, t->path, at, "a line of %zu fields: each line is id,field,text", r.n);
		else if (!header) {
			char *name = xasprintf("%s.%s", r.fields[0], r.fields[1]);
			tr_add(t, name, r.fields[2], r.line, d);
			free(name);
		}
	}
	csv_record_free(&r);
}

static void read_po(Translation *t, const char *s, size_t len, Diags *d)
{
	PoReader rd;
	PoEntry e = { 0 };
	const char *err;
	size_t line;
	int got;
	po_reader_init(&rd, s, len);
	while ((got = po_next(&rd, &e, &err, &line)) != 0) {
		if (got < 0) {
			diag_error(d, t->path, loc_at((uint32_t)line, 1), "bad PO file: %s", problem(err));
			break;
		}
		Loc at = loc_at((uint32_t)e.line, 1);
		if (!e.msgctxt && !*e.msgid)
			continue;  /* the header entry */
		if (!e.msgctxt)
			diag_error(d, t->path, at, "an entry without msgctxt: each text is named by "
			           "msgctxt \"NODE.FIELD\"");
		else if (e.plural)
			diag_error(d, t->path, at, "plural forms (msgid_plural, msgstr[N]) are not "
			           "texts of a dialogue");
		else
			tr_add(t, e.msgctxt, e.fuzzy ? NULL : e.msgstr, e.line, d);
	}
	po_entry_free(&e);
}

static bool tr_read(Translation *t, const char *path, Diags *d)
{
	char *data;
	size_t len;
	*t = (Translation){ .path = path };
	if (!read_all(path, &data, &len, d))
		return false;
	size_t before = d->errors, bad = 0;
	if (!utf8_valid(data, len, &bad))
		diag_error(d, path, loc_at(0, 0), "the file is not valid UTF-8 text (byte %zu)", bad);
	else if (len >= 3 && strncmp(data, "id,", 3) == 0)  /* a PO line never starts so */
		read_csv(t, data, len, d);
	else
		read_po(t, data, len, d);
	free(data);
	return d->errors == before;
}

/* ----- back in -------------------------------------------------------------------- */

/* The span of the scalar at loc (spans are in file order). */
static const YSpan *span_at(const YSpan *spans, size_t n, Loc loc)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		Loc m = spans[mid].loc;
		if (m.line < loc.line || (m.line == loc.line && m.col < loc.col))
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == n || spans[lo].loc.line != loc.line || spans[lo].loc.col != loc.col)
		BUG("no scalar starts at %u:%u", loc.line, loc.col);
	return &spans[lo];
}

/* The text each entry of e must have in the copy: its translation, else
 * its own; each translated name marked used, each one left out warned. */
static const char **meant_texts(const Entries *e, Translation *t, const char *path, Diags *d)
{
	const char **meant = xcalloc(e->n + 1, sizeof(char *));
	for (size_t i = 0; i < e->n; i++) {
		long k = map_find(&t->names, e->v[i].name);
		meant[i] = e->v[i].v->u.text;
		if (k != MAP_NONE)
			t->used[k] = true;
		if (k != MAP_NONE && t->texts[k])
			meant[i] = t->texts[k];
		else
			diag_warning(d, path, e->v[i].v->loc, "'%s' has no translation in %s: its text "
			             "is kept", e->v[i].name, t->path);
	}
	return meant;
}

/* A name of the translation that names no text of the file: an error at
 * its line, with the nearest name of the file. */
static void unknown_names(const Entries *e, const Translation *t, const char *path, Diags *d)
{
	const char **names = xcalloc(e->n + 1, sizeof(char *));
	for (size_t i = 0; i < e->n; i++)
		names[i] = e->v[i].name;
	for (size_t k = 0; k < map_count(&t->names); k++) {
		if (t->used[k])
			continue;
		const char *name = map_key(&t->names, k), *near = suggest(name, names, e->n);
		Loc at = loc_at((uint32_t)t->lines[k], 1);
		if (near)
			diag_error(d, t->path, at, "no text '%s' in %s; did you mean '%s'?", name, path,
			           near);
		else
			diag_error(d, t->path, at, "no text '%s' in %s", name, path);
	}
	free(names);
}

/* data with each text of e that differs from meant replaced. */
static void rewrite(const char *data, size_t len, const YSpan *spans, size_t nspans,
                    const Entries *e, const char **meant, Buf *out)
{
	size_t pos = 0;
	for (size_t i = 0; i < e->n; i++) {
		if (str_eq(e->v[i].v->u.text, meant[i]))
			continue;
		const YSpan *sp = span_at(spans, nspans, e->v[i].v->loc);
		if (sp->start < pos)
			BUG("texts out of order at %u:%u", sp->loc.line, sp->loc.col);
		buf_add(out, data + pos, sp->start - pos);
		pos = yemit_replace(out, data, len, sp, meant[i]);
	}
	buf_add(out, data + pos, len - pos);
}

/* Whether the copy reads back with the same names, in the same order,
 * and the texts meant. */
static bool reads_back(const char *path, const Buf *copy, const Entries *e, const char **meant,
                       Diags *d)
{
	Diags quiet = { 0 };
	YDoc *doc = ydoc_load_mem(path, copy->data ? copy->data : "", copy->len, NULL, &quiet);
	Entries again = { 0 };
	texts_walk(doc, on_text, &again);
	size_t i = 0;
	while (i < e->n && i < again.n && str_eq(e->v[i].name, again.v[i].name) &&
	       str_eq(again.v[i].v->u.text, meant[i]))
		i++;
	bool same = !quiet.errors && i == e->n && again.n == e->n;
	if (!same)
		diag_error(d, path, i < e->n ? e->v[i].v->loc : loc_at(0, 0), "the copy would not "
		           "read back with the text of '%s': nothing written (a fault of tandem's)",
		           i < e->n ? e->v[i].name : "?");
	entries_free(&again);
	ydoc_free(doc);
	diags_free(&quiet);
	return same;
}

bool translation_apply(const char *path, const char *tpath, Buf *out, Diags *d)
{
	Translation t;
	char *data = NULL;
	size_t len = 0, nspans = 0, before = d->errors;
	YSpan *spans = NULL;
	YDoc *doc = NULL;
	bool read = tr_read(&t, tpath, d) && read_all(path, &data, &len, d);
	if (read)
		doc = ydoc_load_spans(path, data, len, NULL, &spans, &nspans, d);
	Entries e = { 0 };
	const char **meant = NULL;
	if (doc && d->errors == before) {
		texts_walk(doc, on_text, &e);
		meant = meant_texts(&e, &t, path, d);
		unknown_names(&e, &t, path, d);
	}
	bool ok = meant && d->errors == before;
	if (ok) {
		Buf copy = { 0 };
		rewrite(data, len, spans, nspans, &e, meant, &copy);
		ok = reads_back(path, &copy, &e, meant, d);
		if (ok)
			buf_add(out, copy.data ? copy.data : "", copy.len);
		buf_free(&copy);
	}
	free(meant);
	entries_free(&e);
	ydoc_free(doc);
	free(spans);
	free(data);
	tr_free(&t);
	return ok;
}
