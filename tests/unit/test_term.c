/* term: wrapping in display columns, styles and prefixes per kind, wrapped
 * (the REPL) and not (the line front end), the prompt. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "term.h"
#include "utf8.h"

static char *wrapped(const char *text, size_t width, size_t indent)
{
	Buf b = { 0 };
	term_wrap(&b, text, width, indent);
	return buf_take(&b);
}

static void check_wrap(const char *text, size_t width, size_t indent, const char *want)
{
	char *got = wrapped(text, width, indent);
	assert_string_equal(got, want);
	free(got);
}

static void wraps_at_spaces(void **state)
{
	(void)state;
	check_wrap("one two three four", 9, 0, "one two\nthree\nfour\n");
	check_wrap("one two three four", 0, 0, "one two three four\n");
	check_wrap("fits", 80, 0, "fits\n");
}

static void counts_characters_not_bytes(void **state)
{
	(void)state;
	/* "été à la" is 8 columns and 11 bytes: it fits in 8. */
	check_wrap("\xC3\xA9t\xC3\xA9 \xC3\xA0 la mer", 8, 0, "\xC3\xA9t\xC3\xA9 \xC3\xA0 la\nmer\n");
	/* A CJK character takes two columns: "你好 你好" is 9. */
	check_wrap("\xE4\xBD\xA0\xE5\xA5\xBD \xE4\xBD\xA0\xE5\xA5\xBD ok", 8, 0,
	           "\xE4\xBD\xA0\xE5\xA5\xBD\n\xE4\xBD\xA0\xE5\xA5\xBD ok\n");
	assert_int_equal(utf8_width("e\xCC\x81", 3), 1); /* e + combining acute */
	assert_int_equal(utf8_width("\xF0\x9F\x98\x80", 4), 2); /* an emoji */
}

static void keeps_newlines_and_leading_spaces(void **state)
{
	(void)state;
	check_wrap("a\n\nb", 10, 0, "a\n\nb\n");
	/* An indented line's next lines keep its indent. */
	check_wrap("list:\n  - one two three", 10, 0, "list:\n  - one\n  two\n  three\n");
	check_wrap("ends\n", 10, 0, "ends\n");
}

static void hangs_after_a_prefix(void **state)
{
	(void)state;
	/* After "[coach] " (8 columns), the next lines line up under the text. */
	check_wrap("speak slowly and clearly", 20, 8, "speak slowly\n        and clearly\n");
	/* A second paragraph lines up too, also when nothing wraps. */
	check_wrap("one\n\ntwo", 20, 8, "one\n\n        two\n");
	check_wrap("one\ntwo", 0, 8, "one\n        two\n");
}

static void cuts_a_word_wider_than_the_line(void **state)
{
	(void)state;
	check_wrap("see https://example.org/a/long/path now", 12, 0,
	           "see\nhttps://exam\nple.org/a/lo\nng/path now\n");
}

/* French punctuation written after a plain space stays on its word's
 * line: no line starts with ? ! : ; or », none ends with «. */
static void french_punctuation_never_starts_a_line(void **state)
{
	(void)state;
	const char *text = "Où en êtes-vous avec « ce projet de longue haleine » ? Dites-le : "
	                   "qu'est-ce qui compte ; et pourquoi ! Voilà.";
	for (size_t width = 12; width <= 40; width++) {
		char *got = wrapped(text, width, 0);
		for (char *line = got; *line;) {
			char *nl = strchr(line, '\n');
			size_t n = (size_t)(nl - line);
			if (strchr("?!:;", line[0]) || strncmp(line, "\xC2\xBB", 2) == 0)
				fail_msg("at %zu columns a line starts with punctuation: '%.*s'", width,
				         (int)n, line);
			if (n >= 2 && strncmp(nl - 2, "\xC2\xAB", 2) == 0)
				fail_msg("at %zu columns a line ends with an opening quote: '%.*s'", width,
				         (int)n, line);
			line = nl + 1;
		}
		free(got);
	}
	check_wrap("Pour quand ?", 8, 0, "Pour\nquand ?\n");
}

static void narrow_terminal_still_ends(void **state)
{
	(void)state;
	/* Narrower than the indent: wrapped a little wider rather than not at all. */
	char *got = wrapped("a b c d e f g h i j", 2, 4);
	assert_non_null(strstr(got, "a b c d"));
	free(got);
}

/* What term_show prints, through a memory stream. */
static char *shown(bool color, size_t width, ShowKind kind, const char *text, const Request *r)
{
	char *data = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&data, &len);
	Term t = { f, color, width, NULL, false };
	term_show(&t, kind, text, r);
	fclose(f);
	return data;
}

static void plain_styles_are_the_runners_prefixes(void **state)
{
	(void)state;
	char *s = shown(false, 80, SHOW_SECTION, "Opening", NULL);
	assert_string_equal(s, "\n== Opening ==\n");
	free(s);
	s = shown(false, 30, SHOW_COACH, "Smile, and speak slowly to the client.", NULL);
	assert_string_equal(s, "[coach] Smile, and speak\n        slowly to the client.\n");
	free(s);
	s = shown(false, 80, SHOW_INVALID, "Five digits, please.", NULL);
	assert_string_equal(s, "! Five digits, please.\n");
	free(s);
}

/* Unwrapped (the line front end's Term), every line says what it is. */
static void unwrapped_every_line_has_its_prefix(void **state)
{
	(void)state;
	char *s = shown(false, 0, SHOW_COACH, "Line one\nLine two\n", NULL);
	assert_string_equal(s, "[coach] Line one\n[coach] Line two\n");
	free(s);
	s = shown(false, 0, SHOW_COACH, "", NULL);
	assert_string_equal(s, "[coach] \n");
	free(s);
	s = shown(false, 0, SHOW_SECTION, "Opening", NULL);
	assert_string_equal(s, "\n== Opening ==\n");
	free(s);
	const char *labels[] = { "A goal that runs well past any terminal's width, unwrapped" };
	const char *keys[] = { "goal" };
	Request r = { .kind = REQ_ANSWER, .labels = labels, .keys = keys, .nchoices = 1 };
	s = shown(false, 0, SHOW_QUESTION, "Where?\nTell me.", &r);
	assert_string_equal(s, "Where?\nTell me.\n  1) A goal that runs well past any terminal's "
	                       "width, unwrapped\n");
	free(s);
}

static void colour_is_switched_off_on_each_line(void **state)
{
	(void)state;
	char *s = shown(true, 12, SHOW_QUESTION, "Where shall we start?", NULL);
	assert_string_equal(s, "\x1b[1mWhere shall\x1b[0m\n\x1b[1mwe start?\x1b[0m\n");
	free(s);
}

static void question_shows_its_menu(void **state)
{
	(void)state;
	const char *labels[] = { "A goal", "An obstacle" };
	const char *keys[] = { "goal", "obstacle" };
	Request r = { .kind = REQ_ANSWER, .labels = labels, .keys = keys, .nchoices = 2 };
	char *s = shown(false, 80, SHOW_QUESTION, "Where?", &r);
	assert_string_equal(s, "Where?\n  1) A goal\n  2) An obstacle\n");
	free(s);
	Request scale = { .kind = REQ_ANSWER, .scale = true, .min = 1, .max = 10 };
	s = shown(false, 80, SHOW_QUESTION, "Energy?", &scale);
	assert_string_equal(s, "Energy?\n(1-10)\n");
	free(s);
	/* The REPL's prompt says it: the range is shown once, there. */
	char *data = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&data, &len);
	Term repl = { f, false, 80, NULL, true };
	term_show(&repl, SHOW_QUESTION, "Energy?", &scale);
	fclose(f);
	assert_string_equal(data, "Energy?\n");
	free(data);
}

static void escapes_in_text_never_reach_the_terminal(void **state)
{
	(void)state;
	char *s = shown(false, 80, SHOW_SAY, "hello \x1b]0;title\x07world\x1b[2J", NULL);
	assert_string_equal(s, "hello world\n");
	free(s);
}

/* At 40 columns the prompt leaves room to type and never wraps: the
 * section is cut first, then left out. */
static void prompt_fits_a_narrow_terminal(void **state)
{
	(void)state;
	Request r = { .kind = REQ_ANSWER, .section = "Le premier rendez-vous avec le coaché",
	              .optional = true, .ends_on_empty = true };
	for (size_t cols = 30; cols <= 60; cols += 10) {
		Term t = { stdout, false, cols, "fr", false };
		char *p = term_prompt(&t, &r, 12);
		size_t w = utf8_width(p, strlen(p));
		if (w + 10 > cols && strncmp(p, "[#12]", 5) != 0)
			fail_msg("at %zu columns the prompt '%s' takes %zu", cols, p, w);
		free(p);
	}
	Term wide = { stdout, false, 120, "fr", false };
	char *p = term_prompt(&wide, &r, 12);
	assert_non_null(strstr(p, "[Le premier rendez"));
	free(p);
}

static void prompt_says_where_and_what(void **state)
{
	(void)state;
	Term plain = { stdout, false, 80, NULL, false };
	Request say = { .kind = REQ_CONTINUE, .section = "Opening" };
	char *p = term_prompt(&plain, &say, 1);
	assert_string_equal(p, "[Opening #1] (Enter)> ");
	free(p);
	Request opt = { .kind = REQ_ANSWER, .scale = true, .min = 0, .max = 5, .optional = true };
	p = term_prompt(&plain, &opt, 12);
	assert_string_equal(p, "[#12] (0-5, optional)> ");
	free(p);
	Request text = { .kind = REQ_ANSWER, .section = "2. Les premiers pas de l'alliance" };
	p = term_prompt(&plain, &text, 3);
	assert_string_equal(p, "[2. Les premiers pas d... #3]> ");
	free(p);
	Term colour = { stdout, true, 80, NULL, false };
	p = term_prompt(&colour, &text, 3);
	/* Readline must be told which bytes take no column. */
	assert_non_null(strstr(p, "\001\x1b[2m\002"));
	free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(wraps_at_spaces),
		cmocka_unit_test(counts_characters_not_bytes),
		cmocka_unit_test(keeps_newlines_and_leading_spaces),
		cmocka_unit_test(hangs_after_a_prefix),
		cmocka_unit_test(cuts_a_word_wider_than_the_line),
		cmocka_unit_test(narrow_terminal_still_ends),
		cmocka_unit_test(french_punctuation_never_starts_a_line),
		cmocka_unit_test(plain_styles_are_the_runners_prefixes),
		cmocka_unit_test(unwrapped_every_line_has_its_prefix),
		cmocka_unit_test(colour_is_switched_off_on_each_line),
		cmocka_unit_test(question_shows_its_menu),
		cmocka_unit_test(escapes_in_text_never_reach_the_terminal),
		cmocka_unit_test(prompt_says_where_and_what),
		cmocka_unit_test(prompt_fits_a_narrow_terminal),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
