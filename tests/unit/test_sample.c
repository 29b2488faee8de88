/*
 * test_sample: texts drawn from a pattern (sample.h), the answers a walk
 * gives to a question read with a regex.
 *
 * Test plan:
 *   - every pattern the shipped dialogues route or validate with, in both
 *     languages, and the constructs of PCRE2 that dialogues use
 *     (alternation, groups of every kind, classes and their negations,
 *     ranges, escapes, quantifiers, \Q...\E, \x{...}, the x flag with
 *     comments, a lookbehind): over many seeds, a text it matches and a
 *     non-empty text it does not, each checked with the pattern;
 *   - a pattern that matches anything has no miss; one that matches
 *     nothing has no match; neither loops nor crashes;
 *   - the same seed gives the same texts.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "pattern.h"
#include "sample.h"
#include "util.h"

enum { SEEDS = 50 };

static const char *const patterns[] = {
	/* the shipped dialogues' */
	"/^(\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])|(0?[1-9]|[12]\\d|3[01])\\/(0?[1-9]|1[0-2])\\/\\d{4})$/",
	"/not sure|unsure|(don'?t|do not) (really )?(know|understand)|no idea|strange|\\bodd\\b|weird|confus|unclear|new to me/i",
	"/pas s[uû]r|sais pas|aucune id[ée]e|comprends? pas|bizarre|[ée]trange|flou|confus|nouveau pour moi/i",
	"/^(partly|not-done|dropped)$/",
	"/^\\s*(nothing|no|none|not much)\\b/i",
	"/^\\s*(rien|non|aucune?|pas grand-chose)\\b/i",
	/* constructs */
	"^[A-Z][a-z]{2,5}\\s\\d+$",
	"/^[^aeiou\\d\\s]{3}$/",
	"/^(?:ab|cd)+(?<tail>x|y)?$/",
	"/^(?i)caf[eé]$/",
	"/^\\Q1+1=2?\\E$/",
	"/^\\x{e9}t\\x41$/",
	"/^ a b # a comment\n c $/x",
	"/(?<=pre)fix$/",
	"/^[[:digit:]]{2}-[\\w.]+$/",
	"/^colou?r (?#a comment)is \\w+$/",
	"bare|pattern",
};

static const Pattern *compile(PatternSet *set, const char *src)
{
	char *err = NULL;
	size_t off = 0;
	const Pattern *p = pattern_compile(set, src, strlen(src), &err, &off);
	if (!p)
		fail_msg("%s does not compile: %s", src, err);
	return p;
}

static bool matches(const Pattern *p, const char *s)
{
	return pattern_match(p, s, strlen(s)) == PATTERN_MATCH;
}

static void test_match_and_miss(void **state)
{
	(void)state;
	PatternSet *set = pattern_set_new();
	for (size_t i = 0; i < ARRAY_LEN(patterns); i++) {
		const Pattern *p = compile(set, patterns[i]);
		for (uint64_t seed = 1; seed <= SEEDS; seed++) {
			Rng rng = { seed };
			char *hit = sample_match(p, &rng), *miss = sample_miss(p, &rng);
			if (!hit || !*hit || !matches(p, hit))
				fail_msg("%s, seed %llu: no text it matches (%s)", patterns[i],
				         (unsigned long long)seed, hit ? hit : "NULL");
			if (!miss || !*miss || matches(p, miss))
				fail_msg("%s, seed %llu: no text it misses (%s)", patterns[i],
				         (unsigned long long)seed, miss ? miss : "NULL");
			free(hit);
			free(miss);
		}
	}
	pattern_set_free(set);
}

static void test_all_or_nothing(void **state)
{
	(void)state;
	PatternSet *set = pattern_set_new();
	Rng rng = { 7 };
	char *miss = sample_miss(compile(set, "/.*/s"), &rng);
	assert_null(miss);
	char *hit = sample_match(compile(set, "/(?!)/"), &rng);
	assert_null(hit);
	hit = sample_match(compile(set, "/^a{60000}$/"), &rng);
	assert_null(hit);  /* longer than a draw may grow */
	pattern_set_free(set);
}

static void test_same_seed(void **state)
{
	(void)state;
	PatternSet *set = pattern_set_new();
	const Pattern *p = compile(set, patterns[0]);
	Rng a = { 42 }, b = { 42 };
	for (int i = 0; i < 10; i++) {
		char *x = sample_match(p, &a), *y = sample_match(p, &b);
		assert_string_equal(x, y);
		free(x);
		free(y);
	}
	pattern_set_free(set);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_match_and_miss),
		cmocka_unit_test(test_all_or_nothing),
		cmocka_unit_test(test_same_seed),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
