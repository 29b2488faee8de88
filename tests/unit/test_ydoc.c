/*
 * test_ydoc: the YAML reader. Test plan:
 *   - tree shape: mappings hold key, value, key, value; lengths count pairs
 *     and items; locations of keys and values, after multi-byte characters,
 *     with CRLF line ends and a byte order mark;
 *   - every scalar stays text (`yes`, `1.0`, `~`), the plain flag, `key:`;
 *   - duplicate keys, at the top, nested, at the end of a 1,000-key mapping;
 *     complex keys; aliases refused, anchors accepted;
 *   - limits: depth, text, value count, file size (also a device that never
 *     ends), invalid UTF-8 and NUL with line:col, syntax errors (libyaml's
 *     common ones in French too), two documents, an empty file, a missing
 *     file; the limits' wording in French;
 *   - ymap_get, yscalar_is, ykind_name;
 *   - streaming: the entries of the named top-level mapping reach the
 *     callback in order with their texts and places, keys of any kind of
 *     value; that mapping is left childless with its count, the rest of the
 *     top is a whole tree whatever the order of keys; duplicates among its
 *     keys are left to the callback; a `nodes` that is not a mapping, or
 *     not at the top, is not streamed; an entry cut short by a syntax
 *     error is still handed over, and one whose value never started is
 *     not;
 *   - the top alone (ydoc_load_top): the keys before `nodes`, read in
 *     pieces (a header longer than a piece, with multi-byte characters
 *     across a piece's end), nothing after it read (a syntax error there
 *     is never met); `nodes` first gives an empty top; a file without it is
 *     read whole, its errors reported.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fileio.h"
#include "i18n.h"
#include "util.h"
#include "ydoc.h"

/* ---- helpers ---- */

static YDoc *load_n(const char *text, size_t len, const YLimits *lim, Diags *d)
{
	return ydoc_load_mem("t.yaml", text, len, lim, d);
}

static YDoc *load(const char *text, Diags *d)
{
	return load_n(text, strlen(text), NULL, d);
}

/* The n-th child (from 0) of a sequence or mapping. */
static const YNode *child(const YNode *n, size_t i)
{
	assert_non_null(n);
	assert_true(n->kind == Y_SEQ || n->kind == Y_MAP);
	const YNode *c = n->u.first;
	while (c && i--)
		c = c->next;
	assert_non_null(c);
	return c;
}

static void assert_loc(const YNode *n, uint32_t line, uint32_t col)
{
	assert_non_null(n);
	assert_int_equal(n->loc.line, line);
	assert_int_equal(n->loc.col, col);
}

static void assert_text(const YNode *n, const char *text, bool plain)
{
	assert_non_null(n);
	assert_int_equal(n->kind, Y_SCALAR);
	assert_string_equal(n->u.text, text);
	assert_int_equal(n->len, strlen(text));
	assert_int_equal(n->plain, plain);
}

/* Exactly one diagnostic, an error with this place and message. */
static void assert_one_error(const Diags *d, uint32_t line, uint32_t col, const char *msg)
{
	if (d->n != 1)
		for (size_t i = 0; i < d->n; i++)
			print_error("diag %zu: %u:%u: %s\n", i, d->v[i].loc.line,
			            d->v[i].loc.col, d->v[i].msg);
	assert_int_equal(d->n, 1);
	assert_int_equal(d->v[0].level, DIAG_ERROR);
	assert_string_equal(d->v[0].msg, msg);
	assert_int_equal(d->v[0].loc.line, line);
	assert_int_equal(d->v[0].loc.col, col);
}

/* A heap string of n copies of s; the caller frees it. */
static char *repeat(const char *s, size_t n)
{
	Buf b = {0};
	for (size_t i = 0; i < n; i++)
		buf_adds(&b, s);
	return buf_take(&b);
}

/* A temporary file holding len bytes of data; the caller unlinks it. */
static char *temp_file(const char *data, size_t len)
{
	const char *dir = getenv("TMPDIR");
	char *path = xasprintf("%s/test_ydoc.XXXXXX", dir && *dir ? dir : "/tmp");
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, data, len), (ssize_t)len);
	close(fd);
	return path;
}

/* ---- tree shape and locations ---- */

static void test_tree_shape(void **state)
{
	(void)state;
	Diags d = {0};
	YDoc *doc = load("id: decouverte\n"
	                 "nodes:\n"
	                 "  intro:\n"
	                 "    say: Bonjour\n"
	                 "    next: [a, b]\n"
	                 "  fin:\n"
	                 "    - x\n"
	                 "    - y: z\n", &d);
	assert_non_null(doc);
	assert_int_equal(d.n, 0);
	const YNode *root = doc->root;
	assert_int_equal(root->kind, Y_MAP);
	assert_int_equal(root->len, 2);
	assert_loc(root, 1, 1);
	assert_text(child(root, 0), "id", true);
	assert_text(child(root, 1), "decouverte", true);
	assert_loc(child(root, 1), 1, 5);
	assert_null(child(root, 3)->next);

	const YNode *nodes = ymap_get(root, "nodes");
	assert_ptr_equal(nodes, child(root, 3));
	assert_int_equal(nodes->kind, Y_MAP);
	assert_int_equal(nodes->len, 2);
	assert_loc(nodes, 3, 3);
	const YNode *intro = ymap_get(nodes, "intro");
	assert_int_equal(intro->len, 2);
	assert_loc(child(intro, 0), 4, 5);
	assert_loc(child(intro, 1), 4, 10);
	const YNode *next = ymap_get(intro, "next");
	assert_int_equal(next->kind, Y_SEQ);
	assert_int_equal(next->len, 2);
	assert_loc(next, 5, 11);
	assert_text(child(next, 0), "a", true);
	assert_loc(child(next, 0), 5, 12);
	assert_loc(child(next, 1), 5, 15);
	assert_null(child(next, 1)->next);

	const YNode *fin = ymap_get(nodes, "fin");
	assert_int_equal(fin->kind, Y_SEQ);
	assert_int_equal(fin->len, 2);
	assert_loc(fin, 7, 5);
	assert_loc(child(fin, 0), 7, 7);
	assert_int_equal(child(fin, 1)->kind, Y_MAP);
	assert_loc(child(fin, 1), 8, 7);
	assert_loc(ymap_get(child(fin, 1), "y"), 8, 10);
	assert_int_equal(doc->values, 19);
	assert_int_equal(doc->bytes, strlen("id: decouverte\nnodes:\n  intro:\n    say: Bonjour\n"
	                                    "    next: [a, b]\n  fin:\n    - x\n    - y: z\n"));
	ydoc_free(doc);
	diags_free(&d);
}

static void test_columns_count_characters(void **state)
{
	(void)state;
	Diags d = {0};
	/* é, « and » are two bytes each, 🙂 four: columns count characters. */
	YDoc *doc = load("titre: \"Séance « 1 »\"\n"
	                 "é🙂: [«a», b]\n"
	                 "  # commentaire été\n"
	                 "ü: c\n", &d);
	assert_non_null(doc);
	assert_int_equal(d.n, 0);
	const YNode *root = doc->root;
	assert_loc(child(root, 1), 1, 8);
	assert_text(child(root, 1), "Séance « 1 »", false);
	assert_loc(child(root, 2), 2, 1);
	const YNode *list = child(root, 3);
	assert_loc(list, 2, 5);
	assert_loc(child(list, 0), 2, 6);
	assert_text(child(list, 0), "«a»", true);
	assert_loc(child(list, 1), 2, 11);
	assert_loc(child(root, 4), 4, 1);
	assert_loc(child(root, 5), 4, 4);
	ydoc_free(doc);
	diags_free(&d);
}

static void test_crlf_and_bom(void **state)
{
	(void)state;
	Diags d = {0};
	YDoc *doc = load("\xEF\xBB\xBF" "a: b\r\nc: \xC3\xA9t\xC3\xA9\r\nd: e\r\n", &d);
	assert_non_null(doc);
	assert_int_equal(d.n, 0);
	assert_loc(child(doc->root, 0), 1, 1);
	assert_loc(child(doc->root, 1), 1, 4);
	assert_loc(child(doc->root, 3), 2, 4);
	assert_text(child(doc->root, 3), "été", true);
	assert_loc(child(doc->root, 5), 3, 4);
	ydoc_free(doc);
	diags_free(&d);
}

/* libyaml also breaks lines at U+2028; editors and diag.c count LF only. */
static void test_lines_count_newlines_only(void **state)
{
	(void)state;
	Diags d = {0};
	YDoc *doc = load("a: \"x\xE2\x80\xA8y\"\nb: c\n", &d);
	assert_non_null(doc);
	assert_int_equal(d.n, 0);
	assert_loc(child(doc->root, 2), 2, 1);
	assert_loc(child(doc->root, 3), 2, 4);
	ydoc_free(doc);
	diags_free(&d);
}

/* The same for NEL and a lone CR; columns still count characters. */
static void test_odd_line_breaks(void **state)
{
	(void)state;
	Diags d = {0};
	YDoc *doc = load("a: \"x\xC2\x85y\"\n\xC3\xA9t\xC3\xA9: [\xC2\xAB" "1\xC2\xBB, 2]\nc: d\n", &d);
	assert_non_null(doc);
	assert_int_equal(d.n, 0);
	assert_loc(child(doc->root, 2), 2, 1);
	assert_loc(child(child(doc->root, 3), 0), 2, 7);
	assert_loc(child(child(doc->root, 3), 1), 2, 12);
	assert_loc(child(doc->root, 5), 3, 4);
	ydoc_free(doc);

	doc = load("a: \"x\ry\"\nb: c\nd: e: f\n", &d);
	assert_one_error(&d, 3, 5, "bad YAML: mapping values are not allowed in this context");
	assert_loc(child(doc->root, 2), 2, 1);
	ydoc_free(doc);
	diags_free(&d);
}

/* The text is checked 64 KiB at a time: a lone CR past the first block is
 * still found, and so are a bad byte and a character cut by a block's edge. */
static void test_text_past_first_block(void **state)
{
	(void)state;
	enum { PAD = 70000 };
	const char *tail = "b: \"x\ry\"\nc: d\n";
	char *text = malloc(PAD + 64);
	assert_non_null(text);
	memcpy(text, "a: ", 3);
	memset(text + 3, 'x', PAD - 4);
	text[PAD - 1] = '\n';
	strcpy(text + PAD, tail);
	Diags d = {0};
	YDoc *doc = load(text, &d);
	assert_non_null(doc);
	assert_int_equal(d.n, 0);
	assert_loc(child(doc->root, 4), 3, 1);
	ydoc_free(doc);

	/* é across the edge of the first block, then a bad byte after it. */
	memset(text + 3, 'x', PAD - 4);
	memcpy(text + 65535, "\xC3\xA9", 2);
	strcpy(text + PAD, "b: \xFF\n");
	assert_null(load(text, &d));
	assert_one_error(&d, 2, 4, "the file is not valid UTF-8 text (byte 0xFF): save it as UTF-8");
	diags_free(&d);
	free(text);
}

/* Without a final LF, the end of the file is still on its last line. */
static void test_no_final_newline(void **state)
{
	(void)state;
	Diags d = {0};
	YDoc *doc = load("a: b\n\xC3\xA9: {c", &d);
	assert_one_error(&d, 2, 6, "bad YAML: did not find expected ',' or '}'");
	ydoc_free(doc);
	diags_free(&d);

	doc = load("a: b\nc:", &d);
	assert_non_null(doc);
	assert_int_equal(d.n, 0);
	assert_text(child(doc->root, 3), "", true);
	assert_loc(child(doc->root, 3), 2, 3);
	ydoc_free(doc);
}

/* ---- scalars ---- */

static void test_scalars_stay_text(void **state)
{
	(void)state;
	Diags d = {0};
	YDoc *doc = load("a: yes\nb: 1.0\nc: ~\nd: off\ne: null\nf: !!int 12\n", &d);
	assert_non_null(doc);
	assert_int_equal(d.n, 0);
	assert_text(ymap_get(doc->root, "a"), "yes", true);
	assert_text(ymap_get(doc->root, "b"), "1.0", true);
	assert_text(ymap_get(doc->root, "c"), "~", true);
	assert_text(ymap_get(doc->root, "d"), "off", true);
	assert_text(ymap_get(doc->root, "e"), "null", true);
	assert_text(ymap_get(doc->root, "f"), "12", true);
	ydoc_free(doc);
	diags_free(&d);
}

static void test_plain_flag(void **state)
{
	(void)state;
	Diags d = {0};
	YDoc *doc = load("p: plain text\n"
	                 "dq: \"double\"\n"
	                 "sq: 'single'\n"
	                 "lit: |\n  line 1\n  line 2\n"
	                 "fold: >\n  one\n  two\n"
	                 "\"quoted key\": v\n", &d);
	assert_non_null(doc);
	assert_int_equal(d.n, 0);
	assert_text(ymap_get(doc->root, "p"), "plain text", true);
	assert_text(ymap_get(doc->root, "dq"), "double", false);
	assert_loc(ymap_get(doc->root, "dq"), 2, 5);
	assert_text(ymap_get(doc->root, "sq"), "single", false);
	assert_text(ymap_get(doc->root, "lit"), "line 1\nline 2\n", false);
	assert_text(ymap_get(doc->root, "fold"), "one two\n", false);
	assert_text(child(doc->root, 10), "quoted key", false);
	assert_text(ymap_get(doc->root, "quoted key"), "v", true);
	ydoc_free(doc);
	diags_free(&d);
}

static void test_empty_value(void **state)
{
	(void)state;
	Diags d = {0};
	YDoc *doc = load("a:\nb: x\nc: ''\n", &d);
	assert_non_null(doc);
	assert_int_equal(d.n, 0);
	const YNode *a = ymap_get(doc->root, "a");
	assert_text(a, "", true);
	assert_int_equal(a->len, 0);
	assert_int_equal(a->loc.line, 1);
	assert_text(ymap_get(doc->root, "c"), "", false);
	ydoc_free(doc);
	diags_free(&d);
}

static void test_scalar_root(void **state)
{
	(void)state;
	Diags d = {0};
	YDoc *doc = load("just a line\n", &d);
	assert_non_null(doc);
	assert_int_equal(d.n, 0);
	assert_text(doc->root, "just a line", true);
	assert_null(ymap_get(doc->root, "just"));
	ydoc_free(doc);
	diags_free(&d);
}

/* ---- keys ---- */

static void test_duplicate_key_top(void **state)
{
	(void)state;
	Diags d = {0};
	YDoc *doc = load("id: a\n"
	                 "title: T\n"
	                 "lang: fr\n"
	                 "id: b\n"
	                 "start: x\n", &d);
	assert_non_null(doc);
	assert_one_error(&d, 4, 1, "duplicate key 'id' (first at line 1)");
	/* The first wins; the pair of the second is left out. */
	assert_int_equal(doc->root->len, 4);
	assert_text(ymap_get(doc->root, "id"), "a", true);
	assert_text(ymap_get(doc->root, "start"), "x", true);
	ydoc_free(doc);
	diags_free(&d);
}

static void test_duplicate_key_nested(void **state)
{
	(void)state;
	Diags d = {0};
	YDoc *doc = load("nodes:\n"
	                 "  intro:\n"
	                 "    say: a\n"
	                 "    ask: b\n"
	                 "    next: x\n"
	                 "    ask:\n"
	                 "      - dropped\n"
	                 "    self: c\n"
	                 "  other: {ask: 1, ask: 2}\n", &d);
	assert_non_null(doc);
	assert_int_equal(d.n, 2);
	assert_string_equal(d.v[0].msg, "duplicate key 'ask' (first at line 4)");
	assert_int_equal(d.v[0].loc.line, 6);
	assert_int_equal(d.v[0].loc.col, 5);
	assert_string_equal(d.v[1].msg, "duplicate key 'ask' (first at line 9)");
	assert_int_equal(d.v[1].loc.line, 9);
	assert_int_equal(d.v[1].loc.col, 19);
	const YNode *intro = ymap_get(ymap_get(doc->root, "nodes"), "intro");
	assert_int_equal(intro->len, 4);
	assert_text(ymap_get(intro, "ask"), "b", true);
	assert_text(ymap_get(intro, "self"), "c", true);
	ydoc_free(doc);
	diags_free(&d);
}

/* A 1,000-key mapping (the hash set path) with a duplicate as its last key. */
static void test_duplicate_in_large_map(void **state)
{
	(void)state;
	Buf b = {0};
	buf_adds(&b, "nodes:\n");
	for (int i = 0; i < 1000; i++)
		buf_printf(&b, "  n%d: {say: x}\n", i);
	buf_adds(&b, "  n17: {say: y}\n");
	Diags d = {0};
	YDoc *doc = load(buf_str(&b), &d);
	assert_non_null(doc);
	assert_one_error(&d, 1002, 3, "duplicate key 'n17' (first at line 19)");
	const YNode *nodes = ymap_get(doc->root, "nodes");
	assert_int_equal(nodes->len, 1000);
	assert_text(ymap_get(ymap_get(nodes, "n17"), "say"), "x", true);
	assert_non_null(ymap_get(nodes, "n999"));
	ydoc_free(doc);
	diags_free(&d);
	buf_free(&b);
}

/* 200,000 keys, the most nodes a dialogue may hold: quadratic duplicate
 * detection would take minutes here, a hash set takes milliseconds. */
static void test_huge_map(void **state)
{
	(void)state;
	Buf b = {0};
	for (int i = 0; i < 200000; i++)
		buf_printf(&b, "node_%d: x\n", i);
	buf_adds(&b, "node_123456: y\n");
	Diags d = {0};
	YDoc *doc = load(buf_str(&b), &d);
	assert_non_null(doc);
	assert_one_error(&d, 200001, 1, "duplicate key 'node_123456' (first at line 123457)");
	assert_int_equal(doc->root->len, 200000);
	ydoc_free(doc);
	diags_free(&d);
	buf_free(&b);
}

/* Key sets are reused from one mapping to the next at the same depth. */
static void test_many_mid_sized_maps(void **state)
{
	(void)state;
	Buf b = {0};
	unsigned line = 1, m3_line = 0;
	for (int m = 0; m < 50; m++) {
		if (m == 3)
			m3_line = line;
		buf_printf(&b, "m%d:\n", m);
		line++;
		for (int k = 0; k < 12 + m % 40; k++, line++)
			buf_printf(&b, "  k%d: v\n", k);
	}
	/* A duplicate whose own value holds a duplicate: both are reported. */
	buf_adds(&b, "m3:\n  k0: v\n  k11: v\n  k0: w\n");
	Diags d = {0};
	YDoc *doc = load(buf_str(&b), &d);
	assert_non_null(doc);
	assert_int_equal(d.n, 2);
	char *want = xasprintf("duplicate key 'm3' (first at line %u)", m3_line);
	assert_string_equal(d.v[0].msg, want);
	assert_int_equal(d.v[0].loc.line, line);
	free(want);
	want = xasprintf("duplicate key 'k0' (first at line %u)", line + 1);
	assert_string_equal(d.v[1].msg, want);
	assert_int_equal(d.v[1].loc.line, line + 3);
	free(want);
	assert_int_equal(doc->root->len, 50);
	for (int m = 0; m < 50; m++) {
		char key[8];
		snprintf(key, sizeof(key), "m%d", m);
		const YNode *map = ymap_get(doc->root, key);
		assert_non_null(map);
		assert_int_equal(map->len, 12 + m % 40);
	}
	ydoc_free(doc);
	diags_free(&d);
	buf_free(&b);
}

static void test_long_duplicate_key_is_shortened(void **state)
{
	(void)state;
	char *key = repeat("é", 100);
	char *text = xasprintf("%s: 1\n%s: 2\n", key, key);
	Diags d = {0};
	YDoc *doc = load(text, &d);
	assert_non_null(doc);
	assert_int_equal(d.n, 1);
	char *want = xasprintf("duplicate key '%.60s...' (first at line 1)", key);
	assert_string_equal(d.v[0].msg, want);
	free(want);
	ydoc_free(doc);
	diags_free(&d);
	free(text);
	free(key);
}

static void test_complex_key(void **state)
{
	(void)state;
	Diags d = {0};
	YDoc *doc = load("a: 1\n[x, y]: 2\n? {k: v}\n: 3\nb: 4\n", &d);
	assert_non_null(doc);
	assert_int_equal(d.n, 2);
	assert_string_equal(d.v[0].msg, "a key must be plain text");
	assert_int_equal(d.v[0].loc.line, 2);
	assert_int_equal(d.v[0].loc.col, 1);
	assert_string_equal(d.v[1].msg, "a key must be plain text");
	assert_int_equal(d.v[1].loc.line, 3);
	assert_int_equal(d.v[1].loc.col, 3);
	assert_int_equal(doc->root->len, 2);
	assert_text(ymap_get(doc->root, "b"), "4", true);
	ydoc_free(doc);
	diags_free(&d);
}

/* ---- aliases and anchors ---- */

static void test_alias_refused(void **state)
{
	(void)state;
	Diags d = {0};
	YDoc *doc = load("base: &b\n  say: x\nother: *b\n", &d);
	assert_non_null(doc);
	assert_one_error(&d, 3, 8,
	                 "YAML aliases (*name) are not allowed in dialogues: write the value out");
	/* The pair whose value was an alias is not in the tree. */
	assert_int_equal(doc->root->len, 1);
	ydoc_free(doc);
	diags_free(&d);
}

static void test_alias_bomb_refused(void **state)
{
	(void)state;
	Diags d = {0};
	YDoc *doc = load("a: &a [x, x, x, x, x, x, x, x, x]\n"
	                 "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
	                 "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n", &d);
	assert_non_null(doc);
	assert_int_equal(d.n, 1);
	assert_int_equal(d.v[0].loc.line, 2);
	assert_int_equal(d.v[0].loc.col, 8);
	assert_true(doc->values < 20);
	ydoc_free(doc);
	diags_free(&d);
}

static void test_anchor_alone_is_fine(void **state)
{
	(void)state;
	Diags d = {0};
	YDoc *doc = load("a: &x text\nb: &y [1, 2]\nc: &z {k: v}\n", &d);
	assert_non_null(doc);
	assert_int_equal(d.n, 0);
	assert_text(ymap_get(doc->root, "a"), "text", true);
	assert_int_equal(ymap_get(doc->root, "b")->len, 2);
	assert_text(ymap_get(ymap_get(doc->root, "c"), "k"), "v", true);
	ydoc_free(doc);
	diags_free(&d);
}

/* ---- limits ---- */

static void test_depth_limit(void **state)
{
	(void)state;
	char *open64 = repeat("[", 64), *close64 = repeat("]", 64);
	char *ok = xasprintf("%s%s\n", open64, close64);
	char *deep = xasprintf("[%s%s]\n", open64, close64);
	Diags d = {0};
	YDoc *doc = load(ok, &d);
	assert_non_null(doc);
	assert_int_equal(d.n, 0);
	ydoc_free(doc);

	doc = load(deep, &d);
	assert_non_null(doc);
	assert_one_error(&d, 1, 65, "nested too deeply: the limit is 64 levels");
	ydoc_free(doc);
	diags_free(&d);

	/* Block style, mappings: the 3rd level is refused with max_depth 2. */
	YLimits lim = ydoc_default_limits;
	lim.max_depth = 2;
	const char *block = "a:\n  b:\n    c: d\n";
	doc = load_n(block, strlen(block), &lim, &d);
	assert_non_null(doc);
	assert_one_error(&d, 3, 5, "nested too deeply: the limit is 2 levels");
	ydoc_free(doc);
	diags_free(&d);
	free(open64);
	free(close64);
	free(ok);
	free(deep);
}

static void test_text_limit(void **state)
{
	(void)state;
	YLimits lim = ydoc_default_limits;
	lim.max_text = 10;
	Diags d = {0};
	const char *ok = "a: '0123456789'\n";
	YDoc *doc = load_n(ok, strlen(ok), &lim, &d);
	assert_non_null(doc);
	assert_int_equal(d.n, 0);
	ydoc_free(doc);

	const char *big = "a: x\nb: '0123456789A'\nc: y\n";
	doc = load_n(big, strlen(big), &lim, &d);
	assert_non_null(doc);
	assert_one_error(&d, 2, 4, "a text is too large: 11 bytes, the limit is 10 bytes");
	assert_null(ymap_get(doc->root, "c"));
	ydoc_free(doc);
	diags_free(&d);

	/* The default: 1 MiB. */
	char *huge = repeat("x", 1024 * 1024 + 1);
	char *text = xasprintf("key: %s\n", huge);
	doc = load(text, &d);
	assert_non_null(doc);
	assert_one_error(&d, 1, 6, "a text is too large: 1048577 bytes, the limit is 1 MiB");
	ydoc_free(doc);
	diags_free(&d);
	free(text);
	free(huge);
}

static void test_value_limit(void **state)
{
	(void)state;
	YLimits lim = ydoc_default_limits;
	lim.max_values = 5;
	Diags d = {0};
	const char *ok = "a: [b, c]\n";   /* map, a, seq, b, c */
	YDoc *doc = load_n(ok, strlen(ok), &lim, &d);
	assert_non_null(doc);
	assert_int_equal(d.n, 0);
	assert_int_equal(doc->values, 5);
	ydoc_free(doc);

	const char *over = "a: [b, c]\nd: e\n";
	doc = load_n(over, strlen(over), &lim, &d);
	assert_non_null(doc);
	assert_one_error(&d, 2, 1, "too many values: a file may hold at most 5");
	assert_int_equal(doc->values, 5);
	assert_int_equal(doc->root->len, 1);
	ydoc_free(doc);
	diags_free(&d);
}

static void test_file_limit(void **state)
{
	(void)state;
	YLimits lim = ydoc_default_limits;
	lim.max_file = 10;
	Diags d = {0};
	char *path = temp_file("a: 0123456", 10);
	YDoc *doc = ydoc_load(path, &lim, &d);
	assert_non_null(doc);
	assert_int_equal(d.n, 0);
	assert_string_equal(doc->path, path);
	assert_int_equal(doc->bytes, 10);
	assert_text(ymap_get(doc->root, "a"), "0123456", true);
	ydoc_free(doc);
	unlink(path);
	free(path);

	path = temp_file("a: 01234567", 11);
	assert_null(ydoc_load(path, &lim, &d));
	assert_one_error(&d, 0, 0, "the file is too large: 11 bytes, the limit is 10 bytes");
	assert_string_equal(d.v[0].file, path);
	diags_free(&d);
	unlink(path);
	free(path);

	assert_null(load_n("a: 01234567", 11, &lim, &d));
	assert_one_error(&d, 0, 0, "the file is too large: 11 bytes, the limit is 10 bytes");
	diags_free(&d);
}

/* The limits in French: whole sentences, the units as French writes them
 * (octets, Kio, Mio), the plural from the count; "more than" when the
 * reading stopped at the limit. */
static void test_limits_in_french(void **state)
{
	(void)state;
	i18n_use("fr");
	YLimits lim = ydoc_default_limits;
	lim.max_text = 64 * 1024;
	Diags d = {0};
	char *big = repeat("x", 64 * 1024 + 1);
	char *text = xasprintf("a: %s\n", big);
	ydoc_free(load_n(text, strlen(text), &lim, &d));
	assert_one_error(&d, 1, 4, "un texte est trop volumineux\u00a0: 65537 octets, la limite est 64 Kio");
	diags_free(&d);
	free(text);
	free(big);

	lim.max_file = 1;
	assert_null(load_n("a: b", 4, &lim, &d));
	assert_one_error(&d, 0, 0, "le fichier est trop volumineux\u00a0: 4 octets, la limite est 1 octet");
	diags_free(&d);

	lim.max_file = 1024 * 1024;
	char *huge = repeat("x", 1024 * 1024 + 10);
	char *path = temp_file(huge, strlen(huge));
	assert_null(ydoc_load_top(path, &lim, "nodes", &d));
	assert_int_equal(d.n, 1);
	assert_true(str_starts(d.v[0].msg, "le fichier est trop volumineux\u00a0: plus de "));
	assert_non_null(strstr(d.v[0].msg, " octets, la limite est 1 Mio"));
	diags_free(&d);
	unlink(path);
	free(path);
	free(huge);
	i18n_use("en");
}

/* A file whose size fstat does not know is still read with a bound. */
/* A device (or a FIFO) is not a file to read: refused at once, before a
 * read that would never end. */
static void test_device_refused(void **state)
{
	(void)state;
	if (access("/dev/zero", R_OK) != 0)
		skip();
	Diags d = {0};
	assert_null(ydoc_load("/dev/zero", NULL, &d));
	assert_one_error(&d, 0, 0, "cannot open the file: it is not a regular file");
	diags_free(&d);
}

/* Reading stops one byte past the limit whatever the size said: a file
 * without end (here /dev/zero) is read no further. */
static void test_read_bound_without_size(void **state)
{
	(void)state;
	int fd = open("/dev/zero", O_RDONLY);
	if (fd < 0)
		skip();
	char *buf;
	size_t len, size;
	assert_int_equal(file_read(fd, 0, 100000, &buf, &len, &size), 0);
	close(fd);
	assert_int_equal(len, 100001);
	free(buf);
}

static void test_missing_file(void **state)
{
	(void)state;
	Diags d = {0};
	assert_null(ydoc_load("/nonexistent/dir/x.yaml", NULL, &d));
	assert_one_error(&d, 0, 0, "cannot open the file: No such file or directory");
	assert_string_equal(d.v[0].file, "/nonexistent/dir/x.yaml");
	diags_free(&d);
}

/* ---- bad bytes and bad YAML ---- */

static void test_invalid_utf8(void **state)
{
	(void)state;
	Diags d = {0};
	/* A Latin-1 é (0xE9) on line 2, after "c: d". */
	assert_null(load("a: b\nc: d\xE9t\xE9\n", &d));
	assert_one_error(&d, 2, 5, "the file is not valid UTF-8 text (byte 0xE9): save it as UTF-8");
	diags_free(&d);

	/* After multi-byte characters, the column still counts characters. */
	assert_null(load("x: 1\ny: 2\n\xC3\xA9t\xC3\xA9: \xFF\n", &d));
	assert_one_error(&d, 3, 6, "the file is not valid UTF-8 text (byte 0xFF): save it as UTF-8");
	diags_free(&d);

	/* Overlong encodings and surrogates are refused too. */
	assert_null(load("a: \xC0\xAF\n", &d));
	assert_int_equal(d.v[0].loc.col, 4);
	diags_free(&d);
	assert_null(load("a: \xED\xA0\x80\n", &d));
	assert_int_equal(d.v[0].loc.col, 4);
	diags_free(&d);
}

static void test_nul_byte(void **state)
{
	(void)state;
	Diags d = {0};
	const char text[] = "a: b\nc: d\n\xC3\xA9\0x\n";
	assert_null(load_n(text, sizeof(text) - 1, NULL, &d));
	assert_one_error(&d, 3, 2, "the file contains a NUL byte: a dialogue must be plain text");
	diags_free(&d);
}

static void test_syntax_error(void **state)
{
	(void)state;
	Diags d = {0};
	YDoc *doc = load("title: ok\nask: a: b\n", &d);
	assert_non_null(doc);
	assert_one_error(&d, 2, 7, "bad YAML: mapping values are not allowed in this context");
	ydoc_free(doc);
	diags_free(&d);

	/* Nothing read before the error: no tree at all. */
	assert_null(load("]\n", &d));
	assert_int_equal(d.n, 1);
	assert_true(str_starts(d.v[0].msg, "bad YAML: "));
	assert_int_equal(d.v[0].loc.line, 1);
	assert_int_equal(d.v[0].loc.col, 1);
	diags_free(&d);

	/* After multi-byte characters. */
	doc = load("été: \"non fermé\n", &d);
	assert_int_equal(d.n, 1);
	assert_true(str_starts(d.v[0].msg, "bad YAML: "));
	ydoc_free(doc);
	diags_free(&d);

	/* A tab where indentation is expected. */
	doc = load("a:\n\tb: c\n", &d);
	assert_int_equal(d.n, 1);
	assert_true(str_starts(d.v[0].msg, "bad YAML: "));
	assert_int_equal(d.v[0].loc.line, 2);
	ydoc_free(doc);
	diags_free(&d);
}

/* libyaml's common problems in French; a rarer one in libyaml's English,
 * said to be its wording, in either language. */
static void test_syntax_error_in_french(void **state)
{
	(void)state;
	Diags d = {0};
	i18n_use("fr");
	ydoc_free(load("title: ok\nask: a: b\n", &d));
	assert_one_error(&d, 2, 7, "YAML incorrect\u00a0: une valeur de table (clé: valeur) n'est pas permise à cet endroit");
	diags_free(&d);
	ydoc_free(load("été: \"non fermé\n", &d));
	assert_one_error(&d, 2, 1, "YAML incorrect\u00a0: fin de fichier inattendue");
	diags_free(&d);
	ydoc_free(load("a: \"\\x4\"\n", &d));
	assert_one_error(&d, 1, 7, "YAML incorrect\u00a0: did not find expected hexdecimal number "
	                 "(message de libyaml, en anglais)");
	diags_free(&d);
	i18n_use("en");
	ydoc_free(load("a: \"\\x4\"\n", &d));
	assert_one_error(&d, 1, 7, "bad YAML: did not find expected hexdecimal number (libyaml's wording)");
	diags_free(&d);
}

/* Characters libyaml refuses are reported at their place (a byte offset). */
static void test_control_character(void **state)
{
	(void)state;
	Diags d = {0};
	YDoc *doc = load("a: b\n\xC3\xA9: x\x01y\n", &d);
	assert_one_error(&d, 2, 5, "bad YAML: control characters are not allowed");
	ydoc_free(doc);
	diags_free(&d);
}

static void test_two_documents(void **state)
{
	(void)state;
	Diags d = {0};
	YDoc *doc = load("a: 1\n---\nb: 2\n", &d);
	assert_non_null(doc);
	assert_one_error(&d, 2, 1, "a dialogue file holds one YAML document");
	assert_text(ymap_get(doc->root, "a"), "1", true);
	assert_null(ymap_get(doc->root, "b"));
	ydoc_free(doc);
	diags_free(&d);

	/* One document with explicit markers is fine. */
	doc = load("---\na: 1\n...\n", &d);
	assert_non_null(doc);
	assert_int_equal(d.n, 0);
	ydoc_free(doc);
	diags_free(&d);
}

static void test_empty_file(void **state)
{
	(void)state;
	Diags d = {0};
	YDoc *doc = load("", &d);
	assert_non_null(doc);
	assert_null(doc->root);
	assert_int_equal(d.n, 0);
	assert_int_equal(doc->values, 0);
	ydoc_free(doc);

	doc = load("# only a comment\n\n", &d);
	assert_non_null(doc);
	assert_null(doc->root);
	assert_int_equal(d.n, 0);
	ydoc_free(doc);

	char *path = temp_file("", 0);
	doc = ydoc_load(path, NULL, &d);
	assert_non_null(doc);
	assert_null(doc->root);
	assert_int_equal(d.n, 0);
	ydoc_free(doc);
	unlink(path);
	free(path);
	ydoc_free(NULL);
}

/* ---- queries ---- */

static void test_queries(void **state)
{
	(void)state;
	Diags d = {0};
	YDoc *doc = load("a: x\nlist: [1]\nmap: {k: v}\nab: y\n", &d);
	assert_non_null(doc);
	const YNode *root = doc->root;
	assert_text(ymap_get(root, "a"), "x", true);
	assert_text(ymap_get(root, "ab"), "y", true);
	assert_null(ymap_get(root, "b"));
	assert_null(ymap_get(root, "x"));       /* values are not keys */
	assert_null(ymap_get(NULL, "a"));
	assert_null(ymap_get(ymap_get(root, "list"), "1"));
	assert_true(yscalar_is(ymap_get(root, "a"), "x"));
	assert_false(yscalar_is(ymap_get(root, "a"), "xx"));
	assert_false(yscalar_is(ymap_get(root, "a"), ""));
	assert_false(yscalar_is(ymap_get(root, "list"), "x"));
	assert_false(yscalar_is(NULL, "x"));
	assert_string_equal(ykind_name(ymap_get(root, "a")), "a text");
	assert_string_equal(ykind_name(ymap_get(root, "list")), "a list");
	assert_string_equal(ykind_name(ymap_get(root, "map")), "a mapping");
	assert_int_equal(ydoc_default_limits.max_file, 32u * 1024 * 1024);
	assert_int_equal(ydoc_default_limits.max_depth, 64);
	assert_int_equal(ydoc_default_limits.max_text, 1024 * 1024);
	assert_int_equal(ydoc_default_limits.max_values, 5000000);
	ydoc_free(doc);
	diags_free(&d);
}

/* ---- streaming ---- */

/* What a streaming callback saw: "key=summary@line:col" lines. */
typedef struct Seen {
	Buf log;
} Seen;

static void on_entry(void *ctx, const YNode *key, const YNode *value)
{
	Seen *seen = ctx;
	buf_printf(&seen->log, "%s@%u:%u=", key->u.text, key->loc.line, key->loc.col);
	if (value->kind == Y_SCALAR) {
		buf_printf(&seen->log, "'%s'", value->u.text);
	} else {
		buf_printf(&seen->log, "%s of %u", ykind_name(value), value->len);
		if (value->kind == Y_MAP && value->u.first)
			buf_printf(&seen->log, " first %s", value->u.first->u.text);
	}
	buf_printf(&seen->log, "@%u:%u\n", value->loc.line, value->loc.col);
}

/* Streams text's `nodes:`; the log of entries in *log (heap). */
static YDoc *stream_text(const char *text, Diags *d, char **log)
{
	char *path = temp_file(text, strlen(text));
	Seen seen = { { 0 } };
	YStream stream = { "nodes", on_entry, &seen, NULL };
	YDoc *doc = ydoc_load_stream(path, NULL, &stream, d);
	unlink(path);
	free(path);
	*log = buf_take(&seen.log);
	return doc;
}

static void test_stream_entries(void **state)
{
	(void)state;
	Diags d = {0};
	char *log;
	YDoc *doc = stream_text("nodes:\n"
	                        "  a:\n"
	                        "    say: hello\n"
	                        "    next: [x, y]\n"
	                        "  b: plain\n"
	                        "  c: [1, 2, 3]\n"
	                        "  a: again\n"
	                        "start: b\n"
	                        "vars: {v: 1}\n", &d, &log);
	assert_non_null(doc);
	assert_int_equal(d.n, 0);
	assert_string_equal(log, "a@2:3=a mapping of 2 first say@3:5\n"
	                         "b@5:3='plain'@5:6\n"
	                         "c@6:3=a list of 3@6:6\n"
	                         "a@7:3='again'@7:6\n");
	const YNode *nodes = ymap_get(doc->root, "nodes");
	assert_int_equal(nodes->kind, Y_MAP);
	assert_int_equal(nodes->len, 4);
	assert_null(nodes->u.first);
	assert_text(ymap_get(doc->root, "start"), "b", true);
	assert_text(ymap_get(ymap_get(doc->root, "vars"), "v"), "1", true);
	assert_int_equal(doc->root->len, 3);
	free(log);
	ydoc_free(doc);
	diags_free(&d);
}

static void test_stream_only_top_nodes_mapping(void **state)
{
	(void)state;
	Diags d = {0};
	char *log;
	YDoc *doc = stream_text("other:\n  nodes:\n    a: 1\nnodes: [a, b]\n", &d, &log);
	assert_non_null(doc);
	assert_int_equal(d.n, 0);
	assert_string_equal(log, "");
	assert_int_equal(ymap_get(doc->root, "nodes")->len, 2);
	assert_text(ymap_get(ymap_get(ymap_get(doc->root, "other"), "nodes"), "a"), "1", true);
	free(log);
	ydoc_free(doc);

	/* A second `nodes:` is a duplicate key of the top, as ever. */
	doc = stream_text("nodes:\n  a: 1\nnodes:\n  b: 2\n", &d, &log);
	assert_non_null(doc);
	assert_one_error(&d, 3, 1, "duplicate key 'nodes' (first at line 1)");
	assert_string_equal(log, "a@2:3='1'@2:6\n");
	free(log);
	ydoc_free(doc);
	diags_free(&d);
}

static void test_stream_cut_short(void **state)
{
	(void)state;
	Diags d = {0};
	char *log;
	YDoc *doc = stream_text("nodes:\n"
	                        "  a: 1\n"
	                        "  b:\n"
	                        "    say: x\n"
	                        "    ask: [unclosed\n"
	                        "  c: 3\n", &d, &log);
	assert_non_null(doc);
	assert_int_equal(d.n, 1);
	/* The flow list runs on to the end of the file: `ask` got one. */
	assert_string_equal(log, "a@2:3='1'@2:6\nb@3:3=a mapping of 2 first say@4:5\n");
	free(log);
	ydoc_free(doc);
	diags_free(&d);

	/* A key whose value never started is not an entry. */
	YLimits lim = ydoc_default_limits;
	lim.max_values = 6;  /* the root, nodes twice, a, 1, b: not 2 */
	char *path = temp_file("nodes:\n  a: 1\n  b: 2\n", 20);
	Seen seen = { { 0 } };
	YStream stream = { "nodes", on_entry, &seen, NULL };
	doc = ydoc_load_stream(path, &lim, &stream, &d);
	assert_non_null(doc);
	assert_one_error(&d, 3, 6, "too many values: a file may hold at most 6");
	log = buf_take(&seen.log);
	assert_string_equal(log, "a@2:3='1'@2:6\n");
	free(log);
	ydoc_free(doc);
	diags_free(&d);
	unlink(path);
	free(path);
}

static void test_stream_leaves_duplicates_to_caller(void **state)
{
	(void)state;
	Diags d = {0};
	char *log;
	YDoc *doc = stream_text("nodes:\n  a: 1\n  a: 2\n  ? [x]\n  : 3\n", &d, &log);
	assert_non_null(doc);
	assert_one_error(&d, 4, 5, "a key must be plain text");
	assert_string_equal(log, "a@2:3='1'@2:6\na@3:3='2'@3:6\n");
	assert_int_equal(ymap_get(doc->root, "nodes")->len, 2);
	free(log);
	ydoc_free(doc);
	diags_free(&d);
}

/* Loads the top of a file holding text, up to `nodes`. */
static YDoc *top_of(const char *text, Diags *d)
{
	char *path = temp_file(text, strlen(text));
	YDoc *doc = ydoc_load_top(path, NULL, "nodes", d);
	unlink(path);
	free(path);
	return doc;
}

static void test_load_top(void **state)
{
	(void)state;
	Diags d = {0};
	/* A summary of 150 KiB of "é": longer than a piece, cut anywhere. */
	char *summary = repeat("\xC3\xA9", 75 * 1024);
	char *nodes = repeat("  n:\n    say: Hello there, a line of a node.\n", 8000);
	char *text = xasprintf("tandem: 1\nid: big\ntitle: Grand\nsummary: %s\nnodes:\n%s"
	                       "  bad: [unclosed\n", summary, nodes);
	YDoc *doc = top_of(text, &d);
	assert_non_null(doc);
	assert_int_equal(d.n, 0); /* the error below `nodes` is never read */
	assert_text(ymap_get(doc->root, "id"), "big", true);
	assert_text(ymap_get(doc->root, "summary"), summary, true);
	assert_int_equal(doc->root->len, 4);
	assert_null(ymap_get(doc->root, "nodes"));
	ydoc_free(doc);
	free(text), free(nodes), free(summary);

	doc = top_of("nodes:\n  a:\n    say: x\nid: late\n", &d);
	assert_non_null(doc);
	assert_int_equal(d.n, 0);
	assert_int_equal(doc->root->kind, Y_MAP);
	assert_int_equal(doc->root->len, 0);
	ydoc_free(doc);

	doc = top_of("id: whole\ntitle: No nodes\n", &d);
	assert_non_null(doc);
	assert_text(ymap_get(doc->root, "title"), "No nodes", true);
	ydoc_free(doc);

	doc = top_of("id: [open\ntitle: x\n", &d);
	assert_int_equal(d.errors, 1);
	ydoc_free(doc);
	diags_free(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tree_shape),
		cmocka_unit_test(test_columns_count_characters),
		cmocka_unit_test(test_crlf_and_bom),
		cmocka_unit_test(test_lines_count_newlines_only),
		cmocka_unit_test(test_odd_line_breaks),
		cmocka_unit_test(test_text_past_first_block),
		cmocka_unit_test(test_no_final_newline),
		cmocka_unit_test(test_scalars_stay_text),
		cmocka_unit_test(test_plain_flag),
		cmocka_unit_test(test_empty_value),
		cmocka_unit_test(test_scalar_root),
		cmocka_unit_test(test_duplicate_key_top),
		cmocka_unit_test(test_duplicate_key_nested),
		cmocka_unit_test(test_duplicate_in_large_map),
		cmocka_unit_test(test_huge_map),
		cmocka_unit_test(test_many_mid_sized_maps),
		cmocka_unit_test(test_long_duplicate_key_is_shortened),
		cmocka_unit_test(test_complex_key),
		cmocka_unit_test(test_alias_refused),
		cmocka_unit_test(test_alias_bomb_refused),
		cmocka_unit_test(test_anchor_alone_is_fine),
		cmocka_unit_test(test_depth_limit),
		cmocka_unit_test(test_text_limit),
		cmocka_unit_test(test_value_limit),
		cmocka_unit_test(test_file_limit),
		cmocka_unit_test(test_limits_in_french),
		cmocka_unit_test(test_device_refused),
		cmocka_unit_test(test_read_bound_without_size),
		cmocka_unit_test(test_missing_file),
		cmocka_unit_test(test_invalid_utf8),
		cmocka_unit_test(test_nul_byte),
		cmocka_unit_test(test_syntax_error),
		cmocka_unit_test(test_syntax_error_in_french),
		cmocka_unit_test(test_control_character),
		cmocka_unit_test(test_two_documents),
		cmocka_unit_test(test_empty_file),
		cmocka_unit_test(test_queries),
		cmocka_unit_test(test_stream_entries),
		cmocka_unit_test(test_stream_only_top_nodes_mapping),
		cmocka_unit_test(test_stream_cut_short),
		cmocka_unit_test(test_stream_leaves_duplicates_to_caller),
		cmocka_unit_test(test_load_top),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
