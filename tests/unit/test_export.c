/*
 * test_export: everything a client's folder keeps, as one JSON document.
 *
 * Test plan, on transcripts written as transcript_write.c writes them and
 * the document read back with jansson: the client's name and the format's
 * version; the sessions in start order (not the order of their names),
 * each with its dialogue, mode, status, start, end and duration, every
 * turn's question and answer, the answers keeping their type (a scale's
 * whole number stays one), the commitments made, the reviews; an
 * interrupted session with no end, its commitments from its turns; the
 * changes between sessions and where each commitment stands after them;
 * the scale answers; the coach notes (on a turn, and typed while the last
 * question waited) nowhere without notes, all there with them; a file that
 * is not a readable transcript named in `unreadable`, with a warning that
 * names it; texts UTF-8 as typed, DEL, C1 and bidi controls written as \u
 * escapes that read back as the same text; a folder that cannot be read
 * is an error.
 */
#include <jansson.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "testdir.h"

#include "changes.h"
#include "export.h"
#include "util.h"

static char tmp[TESTDIR_MAX];

static void write_file(const char *name, const char *text)
{
	char *path = xasprintf("%s/%s", tmp, name);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	free(path);
}

static const char head[] =
	"tandem-transcript: 1\n"
	"dialogue: {id: %s, title: \"%s\", lang: fr, file: \"/x.yaml\", sha256: \"00\"}\n"
	"mode: coach\nclient: \"Chloé\"\nseed: 1\nstarted: %s\nturns:\n";

static void transcript(const char *name, const char *id, const char *title, const char *started,
                       const char *rest)
{
	char *h = xasprintf(head, id, title, started);
	char *text = xasprintf("%s%s", h, rest);
	write_file(name, text);
	free(text);
	free(h);
}

/* The folder: a complete session named to sort after an interrupted one
 * that started later, a change between them, and a file that is not a
 * transcript. */
static int setup(void **state)
{
	(void)state;
	assert_true(testdir_make(tmp, "export"));
	transcript("b-first.yaml", "cadrage", "Cadrage « 1 »", "2026-11-02T10:00:00Z",
	           "  - node: energie\n    kind: ask\n    prompt: \"Énergie ?\"\n    answer: 7\n"
	           "    input: \"7\"\n    notes: [\"semble fatiguée\"]\n"
	           "    at: 2026-11-02T10:05:00Z\n"
	           "  - node: but\n    kind: ask\n    prompt: \"But ?\"\n"
	           "    answer: \"Oser \\u202Edire\\x7F non\"\n    at: 2026-11-02T10:10:00Z\n"
	           "answers: {energie: 7, but: \"Oser \\u202Edire\\x7F non\", liste: [\"a\", 2]}\n"
	           "commitments:\n"
	           "  - {id: \"c1\", what: \"Appeler Sam\", when: \"vendredi\", due: \"2026-11-06\", "
	           "measure: \"Sam dit oui\", status: open}\n"
	           "reviews: []\nstatus: complete\nended: 2026-11-02T11:00:00Z\n");
	transcript("a-second.yaml", "seance", "Séance", "2026-11-20T10:00:00Z",
	           "  - node: act\n    kind: commitments\n    prompt: \"Quoi ?\"\n    field: what\n"
	           "    answer: \"Lire\"\n    at: 2026-11-20T10:01:00Z\n"
	           "  - node: act\n    kind: commitments\n    prompt: \"Quand ?\"\n    field: when\n"
	           "    answer: \"demain\"\n    at: 2026-11-20T10:02:00Z\n"
	           "  - node: act\n    kind: commitments\n    prompt: \"Comment ?\"\n"
	           "    field: measure\n    answer: \"fini\"\n    at: 2026-11-20T10:03:00Z\n"
	           "  - node: act\n    kind: note\n    notes: [\"hésite\"]\n"
	           "    at: 2026-11-20T10:04:00Z\n");
	write_file(CHANGES_FILE, "- {commitment: \"c1\", status: done, at: \"2026-11-10T09:00:00Z\"}\n");
	write_file("zz.yaml", "just: notes\n");
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	int rc = testdir_remove(tmp);
	return rc == 0 ? 0 : -1;
}

/* The document, with or without notes; its text in *text when asked. */
static json_t *exported(bool notes, char **text)
{
	Diags d = { 0 };
	char *err = NULL;
	char *doc = export_journal(tmp, "Chloé", notes, &d, &err);
	assert_non_null(doc);
	assert_int_equal(d.warnings, 1);
	assert_non_null(strstr(d.v[0].file, "zz.yaml"));
	diags_free(&d);
	json_error_t e;
	json_t *j = json_loads(doc, 0, &e);
	if (!j)
		fail_msg("not JSON: %s at line %d", e.text, e.line);
	if (text)
		*text = doc;
	else
		free(doc);
	return j;
}

static const char *str(const json_t *o, const char *key)
{
	const json_t *v = json_object_get(o, key);
	return json_is_string(v) ? json_string_value(v) : NULL;
}

static void test_document(void **state)
{
	(void)state;
	json_t *j = exported(false, NULL);
	assert_int_equal(json_integer_value(json_object_get(j, "tandem-export")), 1);
	assert_string_equal(str(j, "client"), "Chloé");
	assert_true(json_is_false(json_object_get(j, "notes")));
	json_t *sessions = json_object_get(j, "sessions");
	assert_int_equal(json_array_size(sessions), 2);
	json_t *first = json_array_get(sessions, 0), *second = json_array_get(sessions, 1);
	assert_string_equal(str(first, "file"), "b-first.yaml");
	assert_string_equal(str(json_object_get(first, "dialogue"), "title"), "Cadrage « 1 »");
	assert_string_equal(str(first, "status"), "complete");
	assert_string_equal(str(first, "ended"), "2026-11-02T11:00:00Z");
	assert_int_equal(json_integer_value(json_object_get(first, "duration_seconds")), 3600);
	json_t *turn = json_array_get(json_object_get(first, "turns"), 0);
	assert_string_equal(str(turn, "question"), "Énergie ?");
	assert_true(json_is_integer(json_object_get(turn, "answer")));
	json_t *answers = json_object_get(first, "answers");
	assert_int_equal(json_integer_value(json_object_get(answers, "energie")), 7);
	assert_int_equal(json_array_size(json_object_get(answers, "liste")), 2);
	assert_string_equal(str(json_array_get(json_object_get(first, "commitments"), 0), "what"),
	                    "Appeler Sam");
	assert_string_equal(str(second, "status"), "interrupted");
	assert_true(json_is_null(json_object_get(second, "ended")));
	assert_string_equal(str(json_array_get(json_object_get(second, "commitments"), 0), "what"),
	                    "Lire");
	json_t *standing = json_object_get(j, "commitments");
	assert_int_equal(json_array_size(standing), 2);
	assert_string_equal(str(json_array_get(standing, 0), "status"), "done");
	assert_string_equal(str(json_array_get(standing, 1), "status"), "open");
	assert_int_equal(json_array_size(json_object_get(j, "changes")), 1);
	json_t *scale = json_array_get(json_object_get(j, "scales"), 0);
	assert_int_equal(json_integer_value(json_object_get(scale, "value")), 7);
	json_t *unreadable = json_object_get(j, "unreadable");
	assert_int_equal(json_array_size(unreadable), 1);
	assert_string_equal(json_string_value(json_array_get(unreadable, 0)), "zz.yaml");
	json_decref(j);
}

/* Whether s holds needle anywhere, as bytes. */
static bool has(const char *s, const char *needle)
{
	return strstr(s, needle) != NULL;
}

static void test_notes(void **state)
{
	(void)state;
	char *text;
	json_t *j = exported(false, &text);
	assert_false(has(text, "fatiguée"));
	assert_false(has(text, "hésite"));
	assert_false(has(text, "\"notes\": ["));
	free(text);
	json_decref(j);
	j = exported(true, &text);
	assert_true(json_is_true(json_object_get(j, "notes")));
	json_t *sessions = json_object_get(j, "sessions");
	json_t *turn = json_array_get(json_object_get(json_array_get(sessions, 0), "turns"), 0);
	assert_string_equal(json_string_value(json_array_get(json_object_get(turn, "notes"), 0)),
	                    "semble fatiguée");
	json_t *waiting = json_object_get(json_array_get(sessions, 1), "waiting_notes");
	assert_string_equal(json_string_value(json_array_get(waiting, 0)), "hésite");
	free(text);
	json_decref(j);
}

static void test_invisible_escaped(void **state)
{
	(void)state;
	char *text;
	json_t *j = exported(false, &text);
	assert_false(has(text, "\xE2\x80\xAE"));
	assert_false(has(text, "\x7F"));
	assert_true(has(text, "Oser \\u202edire\\u007f non"));
	assert_true(has(text, "Cadrage « 1 »")); /* UTF-8 as typed */
	json_t *turn = json_array_get(
		json_object_get(json_array_get(json_object_get(j, "sessions"), 0), "turns"), 1);
	assert_string_equal(str(turn, "answer"), "Oser \xE2\x80\xAE" "dire\x7F non");
	free(text);
	json_decref(j);
}

static void test_no_folder(void **state)
{
	(void)state;
	char *folder = xasprintf("%s/none", tmp);
	Diags d = { 0 };
	char *err = NULL;
	assert_null(export_journal(folder, "x", false, &d, &err));
	assert_non_null(strstr(err, "none"));
	free(err);
	diags_free(&d);
	free(folder);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_document),
		cmocka_unit_test(test_notes),
		cmocka_unit_test(test_invisible_escaped),
		cmocka_unit_test(test_no_folder),
	};
	return cmocka_run_group_tests_name("export", tests, setup, teardown);
}
