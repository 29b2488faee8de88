/* Unit tests for suggest: which misspellings find their name, which do not. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "suggest.h"
#include "util.h"

static const char *const keys[] = {
	"say", "ask", "set", "pick", "commitments", "review", "call", "end",
	"next", "section", "coach", "self", "only", "practice", "choices",
	"scale", "repeat", "validate", "invalid", "optional", "each", "save",
};

static const struct {
	const char *name;
	const char *want;  /* NULL: no suggestion */
} cases[] = {
	/* exact and case-insensitive */
	{ "say", "say" },
	{ "SAY", "say" },
	{ "Choices", "choices" },
	/* one edit of each kind */
	{ "sya", "say" },          /* transposition counts as one edit */
	{ "ak", "ask" },           /* deletion */
	{ "asks", "ask" },         /* insertion */
	{ "nxet", "next" },
	{ "chioces", "choices" },
	{ "sectoin", "section" },
	/* length limits: up to 4 characters, 1 edit */
	{ "xyz", NULL },
	{ "sy", "say" },
	{ "nexxt", "next" },       /* 5 characters: 2 edits allowed, 1 used */
	{ "rpeaet", "repeat" },    /* 2 transpositions, 6 characters */
	{ "opshunal", NULL },      /* 8 characters: 3 edits is too far */
	{ "comitmens", "commitments" },  /* 9 characters: 2 edits */
	{ "kommitmnt", "commitments" },  /* 9 characters: 3 edits */
	{ "commtmnt", NULL },            /* 8 characters: 3 edits is too far */
	{ "cmtmnts", NULL },
	{ "", NULL },
	{ "practise", "practice" },
	{ "validat", "validate" },
};

static void test_cases(void **state)
{
	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		const char *got = suggest(cases[i].name, keys, ARRAY_LEN(keys));
		if (!cases[i].want && got)
			fail_msg("'%s': wanted no suggestion, got '%s'", cases[i].name, got);
		if (cases[i].want && (!got || !str_eq(got, cases[i].want)))
			fail_msg("'%s': wanted '%s', got '%s'", cases[i].name, cases[i].want,
			         got ? got : "(none)");
	}
}

/* A name cut short finds the one name it begins, when it is long enough
 * and begins only that one. */
static void test_cut_short(void **state)
{
	(void)state;
	static const char *const nodes[] = { "beginning", "middle", "introduction", "introspection" };
	assert_string_equal(suggest("begin", nodes, ARRAY_LEN(nodes)), "beginning");
	assert_string_equal(suggest("BEGINN", nodes, ARRAY_LEN(nodes)), "beginning");
	assert_null(suggest("beg", nodes, ARRAY_LEN(nodes)));     /* too short to tell */
	assert_null(suggest("intro", nodes, ARRAY_LEN(nodes)));   /* begins two */
}

/* The nearest wins over an earlier, farther one; equals go to the first. */
static void test_nearest_and_ties(void **state)
{
	(void)state;
	static const char *const far_first[] = { "colour", "color" };
	assert_string_equal(suggest("colr", far_first, 2), "color");
	static const char *const tie[] = { "cat", "bat", "hat" };
	assert_string_equal(suggest("at", tie, 3), "cat");
	static const char *const tie2[] = { "bat", "cat" };
	assert_string_equal(suggest("at", tie2, 2), "bat");
	/* The result points into the candidates. */
	assert_ptr_equal(suggest("bat", tie2, 2), tie2[0]);
}

static void test_empty_candidates(void **state)
{
	(void)state;
	assert_null(suggest("name", NULL, 0));
	static const char *const one[] = { "name" };
	assert_null(suggest("totally", one, 1));
	/* Non-ASCII bytes compare as themselves. */
	static const char *const accented[] = { "clarté" };
	assert_string_equal(suggest("clarte", accented, 1), "clarté");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cases),
		cmocka_unit_test(test_cut_short),
		cmocka_unit_test(test_nearest_and_ties),
		cmocka_unit_test(test_empty_candidates),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
