/*
 * test_build: the builder's shape rules over every combination a table
 * makes easy to miss.
 *
 * Test plan: a node given two kind keys, for each of the 56 ordered pairs
 * of the eight kinds, is refused with the two-kinds error and nothing
 * else, and checking it does not crash (a refused node once kept the first
 * kind without the `save` name every later pass relies on).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "dialogue.h"
#include "library.h"

static const char *const kinds[] = {
	"say", "ask", "set", "pick", "commitments", "review", "call", "end",
};

/* A value each kind's key could plausibly take. */
static const char *value_of(const char *kind)
{
	if (str_eq(kind, "set"))
		return "{x: 1}";
	if (str_eq(kind, "call") || str_eq(kind, "pick"))
		return "other";
	return "\"Text?\"";
}

static void two_kinds_every_pair(void **state)
{
	(void)state;
	char path[] = "/tmp/tandem-test-build-XXXXXX.yaml";
	int fd = mkstemps(path, 5);
	assert_true(fd >= 0);
	close(fd);
	for (size_t i = 0; i < ARRAY_LEN(kinds); i++) {
		for (size_t j = 0; j < ARRAY_LEN(kinds); j++) {
			if (i == j)
				continue;
			FILE *f = fopen(path, "w");
			assert_non_null(f);
			fprintf(f, "tandem: 1\nid: w\ntitle: W\nlang: en\n"
			        "nodes: {w: {%s: %s, %s: %s}, e: {end: Bye.}}\n",
			        kinds[i], value_of(kinds[i]), kinds[j], value_of(kinds[j]));
			fclose(f);
			Library *lib = library_new(NULL, 0);
			Diags d = { 0 };
			assert_false(library_check_file(lib, path, &d));
			char *want = xasprintf("node 'w' has two kinds, '%s' and '%s': split it into two nodes",
			                       kinds[i], kinds[j]);
			bool found = false;
			for (size_t k = 0; k < d.n; k++)
				found = found || str_eq(d.v[k].msg, want);
			if (!found)
				print_error("%s + %s: no two-kinds error\n", kinds[i], kinds[j]);
			assert_true(found);
			free(want);
			diags_free(&d);
			library_free(lib);
		}
	}
	unlink(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(two_kinds_every_pair),
	};
	return cmocka_run_group_tests_name("build", tests, NULL, NULL);
}
