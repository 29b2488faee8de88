/*
 * test_translation: the pieces of `tandem strings` and `--lang`, alone.
 *
 * Test plan:
 *   - csv: fields quoted only where needed, and read back whole (commas,
 *     quotes, line breaks, CR LF, empty fields); malformed records refused
 *     at their line;
 *   - po: strings written as msgcat writes them (one line, or "" then a
 *     line each) and read back through every escape; entries split with
 *     and without blank lines, fuzzy flags, plural forms marked, a string
 *     never closed refused at its line;
 *   - yemit: a text put in place of a scalar of every style reads back as
 *     the text, keeps the style where it can (blocks keep their
 *     indentation and header comment, and the blank lines after them);
 *   - langtag: FR, fr-CA, fr_BE, en_GB.UTF-8 and fr@euro give their
 *     folder; what is no language gives none.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "csv.h"
#include "langtag.h"
#include "po.h"
#include "yemit.h"

/* ----- csv ----------------------------------------------------------------- */

static void test_csv_round_trip(void **state)
{
	(void)state;
	const char *fields[] = { "plain", "a, comma", "a \"quote\"", "two\nlines", "" };
	Buf b = { 0 };
	for (size_t i = 0; i < ARRAY_LEN(fields); i++) {
		if (i)
			buf_addc(&b, ',');
		csv_field(&b, fields[i]);
	}
	buf_adds(&b, "\r\nlast,\"cr\r\nlf\"\n");
	assert_string_equal(buf_str(&b), "plain,\"a, comma\",\"a \"\"quote\"\"\",\"two\nlines\","
	                                 "\r\nlast,\"cr\r\nlf\"\n");
	CsvReader rd;
	CsvRecord r = { 0 };
	const char *err = NULL;
	csv_reader_init(&rd, buf_str(&b), b.len);
	assert_int_equal(csv_next(&rd, &r, &err), 1);
	assert_int_equal(r.n, ARRAY_LEN(fields));
	for (size_t i = 0; i < ARRAY_LEN(fields); i++)
		assert_string_equal(r.fields[i], fields[i]);
	assert_int_equal(r.line, 1);
	assert_int_equal(csv_next(&rd, &r, &err), 1);
	assert_int_equal(r.line, 3);
	assert_string_equal(r.fields[0], "last");
	assert_string_equal(r.fields[1], "cr\nlf");
	assert_int_equal(csv_next(&rd, &r, &err), 0);
	csv_record_free(&r);
	buf_free(&b);
}

static void test_csv_malformed(void **state)
{
	(void)state;
	const char *bad[] = { "a,b\nc,\"never closed\n", "a,b\nc,\"closed\"x\n" };
	for (size_t i = 0; i < ARRAY_LEN(bad); i++) {
		CsvReader rd;
		CsvRecord r = { 0 };
		const char *err = NULL;
		csv_reader_init(&rd, bad[i], strlen(bad[i]));
		assert_int_equal(csv_next(&rd, &r, &err), 1);
		assert_int_equal(csv_next(&rd, &r, &err), -1);
		assert_non_null(err);
		assert_int_equal(r.line, 2);
		csv_record_free(&r);
	}
}

/* ----- po ------------------------------------------------------------------- */

static void test_po_write(void **state)
{
	(void)state;
	Buf b = { 0 };
	po_string(&b, "msgid", "one \"line\"\\ \t\x01");
	po_string(&b, "msgstr", "first\nsecond\n");
	po_string(&b, "msgctxt", "end.end");
	assert_string_equal(buf_str(&b), "msgid \"one \\\"line\\\"\\\\ \\t\\001\"\n"
	                                 "msgstr \"\"\n\"first\\n\"\n\"second\\n\"\n"
	                                 "msgctxt \"end.end\"\n");
	buf_free(&b);
}

static void test_po_read(void **state)
{
	(void)state;
	const char *po =
		"# a comment\n"
		"msgid \"\"\n"
		"msgstr \"\"\n"
		"\"Content-Type: text/plain; charset=UTF-8\\n\"\n"
		"\n"
		"#: a.yaml:3\n"
		"msgctxt \"hello.say\"\n"
		"msgid \"\"\n"
		"\"Hello\\n\"\n"
		"\"there\"\n"
		"msgstr \"Bonjour\\x21 \\101\\t\\\"\"\n"
		"#, fuzzy\n"
		"msgctxt \"bye.end\"\n"
		"msgid \"Bye.\"\n"
		"msgstr \"Salut.\"\n"
		"\n"
		"#~ msgid \"old\"\n"
		"#~ msgstr \"vieux\"\n"
		"\n"
		"msgid \"apple\"\n"
		"msgid_plural \"apples\"\n"
		"msgstr[0] \"pomme\"\n";
	PoReader rd;
	PoEntry e = { 0 };
	const char *err = NULL;
	size_t line = 0;
	po_reader_init(&rd, po, strlen(po));
	assert_int_equal(po_next(&rd, &e, &err, &line), 1);
	assert_null(e.msgctxt);
	assert_string_equal(e.msgid, "");
	assert_int_equal(e.line, 2);
	assert_int_equal(po_next(&rd, &e, &err, &line), 1);
	assert_string_equal(e.msgctxt, "hello.say");
	assert_string_equal(e.msgid, "Hello\nthere");
	assert_string_equal(e.msgstr, "Bonjour! A\t\"");
	assert_int_equal(e.line, 7);
	assert_false(e.fuzzy);
	assert_int_equal(po_next(&rd, &e, &err, &line), 1);
	assert_string_equal(e.msgctxt, "bye.end");
	assert_true(e.fuzzy);
	assert_int_equal(e.line, 13);
	assert_int_equal(po_next(&rd, &e, &err, &line), 1);
	assert_true(e.plural);
	assert_int_equal(po_next(&rd, &e, &err, &line), 0);
	po_entry_free(&e);
}

static void test_po_malformed(void **state)
{
	(void)state;
	const char *bad[] = { "msgctxt \"a.b\"\nmsgid \"never closed\nmsgstr \"\"\n",
		              "msgctxt \"a.b\"\nmsgid \"x\"\nbogus \"y\"\n",
		              "msgctxt \"a.b\"\nmsgid \"bad \\q escape\"\n" };
	for (size_t i = 0; i < ARRAY_LEN(bad); i++) {
		PoReader rd;
		PoEntry e = { 0 };
		const char *err = NULL;
		size_t line = 0;
		po_reader_init(&rd, bad[i], strlen(bad[i]));
		assert_int_equal(po_next(&rd, &e, &err, &line), -1);
		assert_non_null(err);
		assert_in_range(line, 2, 3);
		po_entry_free(&e);
	}
}

/* ----- yemit ------------------------------------------------------------------- */

/* doc with the scalar value of key `k` replaced by text: the whole file. */
static char *replaced(const char *doc, const char *text)
{
	Diags d = { 0 };
	YSpan *spans = NULL;
	size_t n = 0;
	YDoc *y = ydoc_load_spans("t.yaml", doc, strlen(doc), NULL, &spans, &n, &d);
	assert_non_null(y);
	assert_int_equal(d.errors, 0);
	const YNode *v = ymap_get(y->root, "k");
	assert_non_null(v);
	size_t i = 0;
	while (i < n && (spans[i].loc.line != v->loc.line || spans[i].loc.col != v->loc.col))
		i++;
	assert_true(i < n);
	Buf out = { 0 };
	buf_add(&out, doc, spans[i].start);
	size_t end = yemit_replace(&out, doc, strlen(doc), &spans[i], text);
	buf_adds(&out, doc + end);
	ydoc_free(y);
	free(spans);
	diags_free(&d);
	/* What was written reads back as the text. */
	Diags d2 = { 0 };
	YDoc *back = ydoc_load_mem("t.yaml", buf_str(&out), out.len, NULL, &d2);
	assert_non_null(back);
	assert_int_equal(d2.errors, 0);
	assert_string_equal(ymap_get(back->root, "k")->u.text, text);
	ydoc_free(back);
	diags_free(&d2);
	return buf_take(&out);
}

static void expect_replaced(const char *doc, const char *text, const char *want)
{
	char *got = replaced(doc, text);
	assert_string_equal(got, want);
	free(got);
}

static void test_yemit_styles(void **state)
{
	(void)state;
	expect_replaced("k: Hello  # hi\nz: 1\n", "Bonjour", "k: Bonjour  # hi\nz: 1\n");
	expect_replaced("k: Hello\n", "Oui: non", "k: \"Oui: non\"\n");
	expect_replaced("k: Hello\n", "yes", "k: \"yes\"\n");
	expect_replaced("k: 'Hello'\n", "C'est", "k: 'C''est'\n");
	expect_replaced("k: \"Hello\"\n", "Ça", "k: \"Ça\"\n");
	expect_replaced("k: |  # note\n    one\n    two\n\n\nz: 1\n", "un\ndeux\n",
	                "k: |  # note\n    un\n    deux\n\n\nz: 1\n");
	expect_replaced("k: |-\n  one\nz: 1\n", "un\n\ntrois\n\n", "k: |+\n  un\n\n  trois\n\nz: 1\n");
	expect_replaced("k: >-\n  one\n  two\nz: 1\n", "un deux\ntrois",
	                "k: >-\n  un deux\n\n  trois\nz: 1\n");
	/* A text a block cannot hold (a first line that starts with a space)
	 * is double-quoted, the header's comment kept. */
	expect_replaced("k: | # c\n  one\nz: 1\n", " un\n", "k: \" un\\n\" # c\nz: 1\n");
}

static void test_yemit_folds(void **state)
{
	(void)state;
	const char *text = "Un texte assez long pour que la ligne soit coupée au moins une fois, "
	                   "à une espace seule,  pas à deux espaces, et relue telle quelle.";
	char *got = replaced("k: >-\n    short\n", text);
	assert_non_null(strstr(got, "\n    "));
	for (const char *line = got; line; line = strchr(line + 1, '\n'))
		assert_true(strcspn(line + 1, "\n") <= 80);
	free(got);
}

/* ----- langtag ------------------------------------------------------------------ */

static void test_lang_folder(void **state)
{
	(void)state;
	const char *fr[] = { "fr", "FR", "fr-CA", "fr_BE", "fr_FR.UTF-8", "Fr@euro" };
	char out[LANG_FOLDER_MAX];
	for (size_t i = 0; i < ARRAY_LEN(fr); i++) {
		assert_true(lang_folder(fr[i], out));
		assert_string_equal(out, "fr");
	}
	assert_true(lang_folder("en_GB.UTF-8", out));
	assert_string_equal(out, "en");
	const char *none[] = { "", "f", "french", "12", "C", "-fr", NULL };
	for (size_t i = 0; i < ARRAY_LEN(none); i++) {
		assert_false(lang_folder(none[i], out));
		assert_string_equal(out, "");
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_csv_round_trip),
		cmocka_unit_test(test_csv_malformed),
		cmocka_unit_test(test_po_write),
		cmocka_unit_test(test_po_read),
		cmocka_unit_test(test_po_malformed),
		cmocka_unit_test(test_yemit_styles),
		cmocka_unit_test(test_yemit_folds),
		cmocka_unit_test(test_lang_folder),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
