/*
 * test_pattern: regular expressions as dialogues write them. Test plan:
 *   - bare and delimited forms, which is which (a lone or unclosed slash
 *     is bare), the last slash closing, escaped and inner slashes, empty
 *     patterns;
 *   - each flag (i m s x u, \w and \b on accented letters under u), several
 *     at once, an unknown flag with its message and offset (ASCII, non-ASCII
 *     and control);
 *   - compile errors with the offset inside the source, bare and delimited,
 *     invalid UTF-8 in a pattern, \C refused, the same error twice; in
 *     French, PCRE2's common errors and an unknown flag translated, the
 *     others in PCRE2's English said to be so, and an error met first in
 *     English said in French when asked again in French;
 *   - limits: catastrophic backtracking and deep recursion give
 *     PATTERN_LIMIT quickly; invalid UTF-8 and NUL bytes in the subject;
 *   - sharing: the same source gives the same pattern, 10,000 times and
 *     across table growth; different sources stay apart; pattern_source.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "i18n.h"
#include "pattern.h"
#include "util.h"

/* ---- helpers ---- */

static int setup(void **state)
{
	*state = pattern_set_new();
	return 0;
}

static int teardown(void **state)
{
	pattern_set_free(*state);
	return 0;
}

static const Pattern *ok(PatternSet *set, const char *src)
{
	char *err = NULL;
	size_t off = 9999;
	const Pattern *p = pattern_compile(set, src, strlen(src), &err, &off);
	if (!p)
		fail_msg("'%s' did not compile: %s at %zu", src, err, off);
	return p;
}

static void check_error(PatternSet *set, const char *src, const char *want, size_t want_off)
{
	char *err = NULL;
	size_t off = 9999;
	const Pattern *p = pattern_compile(set, src, strlen(src), &err, &off);
	assert_null(p);
	assert_non_null(err);
	assert_string_equal(err, want);
	assert_int_equal(off, want_off);
	free(err);
}

static int match(const Pattern *p, const char *text)
{
	return pattern_match(p, text, strlen(text));
}

/* Whether src matches text, in a fresh set. */
static int matches(const char *src, const char *text)
{
	PatternSet *set = pattern_set_new();
	int r = match(ok(set, src), text);
	pattern_set_free(set);
	return r;
}

static double seconds_since(const struct timespec *t0)
{
	struct timespec t1;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (double)(t1.tv_sec - t0->tv_sec) + (double)(t1.tv_nsec - t0->tv_nsec) / 1e9;
}

/* ---- forms ---- */

static void test_bare(void **state)
{
	(void)state;
	assert_int_equal(matches("^ab+c$", "abbbc"), PATTERN_MATCH);
	assert_int_equal(matches("^ab+c$", "ac"), PATTERN_NOMATCH);
	assert_int_equal(matches("oui|non", "bon, oui"), PATTERN_MATCH);
	/* Not starting with a slash: "/i" is part of the pattern. */
	assert_int_equal(matches("abc/i", "abc/i"), PATTERN_MATCH);
	assert_int_equal(matches("abc/i", "ABC"), PATTERN_NOMATCH);
}

static void test_delimited(void **state)
{
	(void)state;
	assert_int_equal(matches("/^abc$/", "abc"), PATTERN_MATCH);
	assert_int_equal(matches("/^abc$/", "/abc/"), PATTERN_NOMATCH);
	/* The LAST slash closes: inner slashes belong to the pattern. */
	assert_int_equal(matches("/^a/b$/", "a/b"), PATTERN_MATCH);
	assert_int_equal(matches("/^a/b$/i", "A/B"), PATTERN_MATCH);
	assert_int_equal(matches("/^a\\/b$/", "a/b"), PATTERN_MATCH);
	assert_int_equal(matches("/^\\d+\\/\\d+$/", "3/4"), PATTERN_MATCH);
}

static void test_lone_slash_is_bare(void **state)
{
	(void)state;
	assert_int_equal(matches("/", "a/b"), PATTERN_MATCH);
	assert_int_equal(matches("/", "ab"), PATTERN_NOMATCH);
	/* No closing slash: a bare pattern starting with one. */
	assert_int_equal(matches("/abc", "x/abc"), PATTERN_MATCH);
	assert_int_equal(matches("/abc", "abc"), PATTERN_NOMATCH);
}

static void test_empty(void **state)
{
	(void)state;
	assert_int_equal(matches("", ""), PATTERN_MATCH);
	assert_int_equal(matches("", "anything"), PATTERN_MATCH);
	assert_int_equal(matches("//", "anything"), PATTERN_MATCH);
	assert_int_equal(matches("//i", ""), PATTERN_MATCH);
	assert_int_equal(matches("/^$/", ""), PATTERN_MATCH);
	assert_int_equal(matches("/^$/", "x"), PATTERN_NOMATCH);
}

/* ---- flags ---- */

static void test_flag_i(void **state)
{
	(void)state;
	assert_int_equal(matches("/^oui$/i", "OUI"), PATTERN_MATCH);
	assert_int_equal(matches("/^oui$/", "OUI"), PATTERN_NOMATCH);
	/* UTF mode folds beyond ASCII. */
	assert_int_equal(matches("/^équipe$/i", "ÉQUIPE"), PATTERN_MATCH);
}

static void test_flag_m(void **state)
{
	(void)state;
	assert_int_equal(matches("/^b$/m", "a\nb\nc"), PATTERN_MATCH);
	assert_int_equal(matches("/^b$/", "a\nb\nc"), PATTERN_NOMATCH);
}

static void test_flag_s(void **state)
{
	(void)state;
	assert_int_equal(matches("/^a.b$/s", "a\nb"), PATTERN_MATCH);
	assert_int_equal(matches("/^a.b$/", "a\nb"), PATTERN_NOMATCH);
}

static void test_flag_x(void **state)
{
	(void)state;
	assert_int_equal(matches("/^a b c # comment\n$/x", "abc"), PATTERN_MATCH);
	assert_int_equal(matches("/^a b c$/", "abc"), PATTERN_NOMATCH);
	assert_int_equal(matches("/^a b c$/", "a b c"), PATTERN_MATCH);
}

static void test_flag_u(void **state)
{
	(void)state;
	/* Without u, \w is ASCII only; with it, letters of every script. */
	assert_int_equal(matches("/^\\w$/", "é"), PATTERN_NOMATCH);
	assert_int_equal(matches("/^\\w$/u", "é"), PATTERN_MATCH);
	assert_int_equal(matches("/^\\w+$/u", "Ωμέγα"), PATTERN_MATCH);
	/* \b: without u, "é" is not a word character, so "t" in "été" is a word. */
	assert_int_equal(matches("/\\bt\\b/", "été"), PATTERN_MATCH);
	assert_int_equal(matches("/\\bt\\b/u", "été"), PATTERN_NOMATCH);
	assert_int_equal(matches("/\\bété\\b/u", "un été chaud"), PATTERN_MATCH);
	assert_int_equal(matches("/\\bét\\b/u", "un été chaud"), PATTERN_NOMATCH);
}

static void test_flags_together(void **state)
{
	(void)state;
	assert_int_equal(matches("/^ B . \\w $/imsxu", "a\nb\né"), PATTERN_MATCH);
	assert_int_equal(matches("/^x$/ii", "X"), PATTERN_MATCH);
}

static void test_unknown_flag(void **state)
{
	PatternSet *set = *state;
	check_error(set, "/abc/q", "unknown regex flag 'q' (allowed: i m s x u)", 5);
	check_error(set, "/abc/iq", "unknown regex flag 'q' (allowed: i m s x u)", 6);
	check_error(set, "/a/b/g", "unknown regex flag 'g' (allowed: i m s x u)", 5);
	check_error(set, "/abc/I", "unknown regex flag 'I' (allowed: i m s x u)", 5);
	check_error(set, "/abc/ é", "unknown regex flag ' ' (allowed: i m s x u)", 5);
	check_error(set, "/abc/é", "unknown regex flag 'é' (allowed: i m s x u)", 5);
	check_error(set, "/abc/\x01", "unknown regex flag '\\x01' (allowed: i m s x u)", 5);
	check_error(set, "/abc/\xC3", "unknown regex flag '\\xC3' (allowed: i m s x u)", 5);
}

/* ---- compile errors ---- */

static void test_compile_error_offset(void **state)
{
	PatternSet *set = *state;
	/* PCRE2 stops at the end of "(abc": offset 4 in it, 5 in the source. */
	check_error(set, "/(abc/", "missing closing parenthesis", 5);
	check_error(set, "(abc", "missing closing parenthesis", 4);
	/* The offset points at the culprit, the slash counted. */
	const char *src = "/ab)cd/i";
	char *err = NULL;
	size_t off = 0;
	assert_null(pattern_compile(set, src, strlen(src), &err, &off));
	assert_string_equal(err, "unmatched closing parenthesis");
	assert_int_equal(off, 3);
	assert_int_equal(src[off], ')');
	free(err);
	check_error(set, "ab)cd", "unmatched closing parenthesis", 2);
	check_error(set, "/x{3,2}/", "numbers out of order in {} quantifier", 6);
}

static void test_compile_error_twice(void **state)
{
	PatternSet *set = *state;
	/* The second answer comes from the table: a fresh message all the same. */
	check_error(set, "/[abc/", "missing terminating ] for character class", 5);
	check_error(set, "/[abc/", "missing terminating ] for character class", 5);
	check_error(set, "/abc/z", "unknown regex flag 'z' (allowed: i m s x u)", 5);
	check_error(set, "/abc/z", "unknown regex flag 'z' (allowed: i m s x u)", 5);
}

static void test_errors_in_french(void **state)
{
	PatternSet *set = *state;
	check_error(set, "/(abc/", "missing closing parenthesis", 5);
	i18n_use("fr");
	check_error(set, "/(abc/", "il manque une parenthèse fermante", 5);
	check_error(set, "/[abc/", "il manque le ] qui ferme la classe de caractères", 5);
	check_error(set, "/*oops/", "le quantificateur ne suit pas un élément répétable", 1);
	check_error(set, "/x{3,2}/", "nombres dans le désordre dans le quantificateur {}", 6);
	check_error(set, "ab\\", "\\ à la fin du motif", 3);
	check_error(set, "/caf\\u00e9/", "PCRE2 ne connaît pas \\F, \\L, \\l, \\N{nom}, \\U ni \\u", 6);
	check_error(set, "/abc/z", "option de regex inconnue 'z' (options permises\u00a0: i m s x u)", 5);
	check_error(set, "a\\Cb", "using \\C is disabled by the application (message de PCRE2, en anglais)", 3);
	i18n_use("en");
	check_error(set, "a\\Cb", "using \\C is disabled by the application (PCRE2's wording)", 3);
}

static void test_invalid_utf8_pattern(void **state)
{
	PatternSet *set = *state;
	char *err = NULL;
	size_t off = 0;
	assert_null(pattern_compile(set, "/ab\xFF/", 5, &err, &off));
	assert_non_null(strstr(err, "UTF-8"));
	assert_int_equal(off, 3);
	free(err);
}

static void test_backslash_c_refused(void **state)
{
	PatternSet *set = *state;
	char *err = NULL;
	size_t off = 0;
	/* \C could stop a match in the middle of a character. */
	assert_null(pattern_compile(set, "a\\Cb", 4, &err, &off));
	assert_non_null(err);
	free(err);
}

/* ---- limits and subjects ---- */

static void test_catastrophic_backtracking(void **state)
{
	PatternSet *set = *state;
	char subject[4002];
	memset(subject, 'a', 4000);
	subject[4000] = 'b';
	subject[4001] = '\0';
	const Pattern *nested = ok(set, "(a+)+$");
	const Pattern *alt = ok(set, "/^(a|a)*$/");
	struct timespec t0;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	assert_int_equal(match(nested, subject), PATTERN_LIMIT);
	assert_int_equal(match(alt, subject), PATTERN_LIMIT);
	assert_true(seconds_since(&t0) < 2.0);
	/* The set still works after a limit. */
	assert_int_equal(match(nested, "aaa"), PATTERN_MATCH);
	assert_int_equal(match(nested, "aab"), PATTERN_NOMATCH);
}

static void test_deep_recursion(void **state)
{
	PatternSet *set = *state;
	size_t n = 200000;
	char *subject = xmalloc(n + 1);
	memset(subject, 'a', n);
	subject[n] = '\0';
	struct timespec t0;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	/* Each character nests one more recursion: the depth or heap limit. */
	assert_int_equal(match(ok(set, "^(a(?1)?)$"), subject), PATTERN_LIMIT);
	assert_true(seconds_since(&t0) < 2.0);
	free(subject);
}

static void test_invalid_utf8_subject(void **state)
{
	PatternSet *set = *state;
	/* Invalid bytes match nothing, but the valid text around them does. */
	assert_int_equal(match(ok(set, "/\\w+/"), "ab\xFF" "cd"), PATTERN_MATCH);
	assert_int_equal(match(ok(set, "/^cd$/m"), "ab\xFF\ncd"), PATTERN_MATCH);
	assert_int_equal(match(ok(set, "/^a.c$/"), "a\xFF" "c"), PATTERN_NOMATCH);
	assert_int_equal(match(ok(set, "/./"), "\xC3"), PATTERN_NOMATCH);
	assert_int_equal(match(ok(set, "/./"), "\xED\xA0\x80"), PATTERN_NOMATCH);
	assert_int_equal(match(ok(set, "/^\\w$/u"), "\xE9"), PATTERN_NOMATCH);
}

static void test_subject_length(void **state)
{
	PatternSet *set = *state;
	/* The length rules, not the NUL: bytes past it and NULs inside count. */
	const Pattern *p = ok(set, "/^a\\x00b$/");
	assert_int_equal(pattern_match(p, "a\0b", 3), PATTERN_MATCH);
	assert_int_equal(pattern_match(ok(set, "/^abc$/"), "abcdef", 3), PATTERN_MATCH);
	assert_int_equal(pattern_match(ok(set, "/^$/"), NULL, 0), PATTERN_MATCH);
}

/* ---- sharing ---- */

static void test_same_source_same_pattern(void **state)
{
	PatternSet *set = *state;
	const Pattern *first = ok(set, "/^(oui|non)$/i");
	for (int i = 0; i < 10000; i++)
		assert_ptr_equal(ok(set, "/^(oui|non)$/i"), first);
	/* Compared by length and bytes, not as C strings. */
	assert_ptr_equal(pattern_compile(set, "/^(oui|non)$/ixyz", 14, NULL, NULL), first);
}

static void test_different_sources_stay_apart(void **state)
{
	PatternSet *set = *state;
	const Pattern *bare = ok(set, "abc");
	const Pattern *slashed = ok(set, "/abc/");
	const Pattern *caseless = ok(set, "/abc/i");
	assert_ptr_not_equal(bare, slashed);
	assert_ptr_not_equal(slashed, caseless);
	assert_string_equal(pattern_source(bare), "abc");
	assert_string_equal(pattern_source(slashed), "/abc/");
	assert_string_equal(pattern_source(caseless), "/abc/i");
	assert_int_equal(match(slashed, "ABC"), PATTERN_NOMATCH);
	assert_int_equal(match(caseless, "ABC"), PATTERN_MATCH);
}

static void test_many_patterns(void **state)
{
	PatternSet *set = *state;
	enum { N = 3000 };
	const Pattern **v = xcalloc(N, sizeof *v);
	char src[32], text[32];
	for (int i = 0; i < N; i++) {
		snprintf(src, sizeof src, "/^w%d$/", i);
		v[i] = ok(set, src);
	}
	for (int i = 0; i < N; i++) {
		snprintf(src, sizeof src, "/^w%d$/", i);
		snprintf(text, sizeof text, "w%d", i);
		assert_ptr_equal(ok(set, src), v[i]);
		assert_string_equal(pattern_source(v[i]), src);
		assert_int_equal(match(v[i], text), PATTERN_MATCH);
		assert_int_equal(match(v[i], "w"), PATTERN_NOMATCH);
	}
	free(v);
}

static void test_source_as_written(void **state)
{
	PatternSet *set = *state;
	assert_string_equal(pattern_source(ok(set, "/a\\/b/imx")), "/a\\/b/imx");
	assert_string_equal(pattern_source(ok(set, "")), "");
	/* Only len bytes are the source. */
	const Pattern *p = pattern_compile(set, "abcdef", 3, NULL, NULL);
	assert_non_null(p);
	assert_string_equal(pattern_source(p), "abc");
}

static void test_free_null(void **state)
{
	(void)state;
	pattern_set_free(NULL);
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_bare),
		T(test_delimited),
		T(test_lone_slash_is_bare),
		T(test_empty),
		T(test_flag_i),
		T(test_flag_m),
		T(test_flag_s),
		T(test_flag_x),
		T(test_flag_u),
		T(test_flags_together),
		T(test_unknown_flag),
		T(test_compile_error_offset),
		T(test_compile_error_twice),
		T(test_errors_in_french),
		T(test_invalid_utf8_pattern),
		T(test_backslash_c_refused),
		T(test_catastrophic_backtracking),
		T(test_deep_recursion),
		T(test_invalid_utf8_subject),
		T(test_subject_length),
		T(test_same_source_same_pattern),
		T(test_different_sources_stay_apart),
		T(test_many_patterns),
		T(test_source_as_written),
		T(test_free_null),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
