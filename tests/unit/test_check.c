/*
 * test_check: the broken-dialogue corpus of tests/check/.
 *
 * Test plan: each YAML file there is checked alone, with a fresh library,
 * and the diagnostics printed must be exactly its `# expect:` lines, in
 * order. A diagnostic in the file itself is written LINE:COL: ...; one in
 * another file is prefixed by that file's name. A file without
 * expectations must check clean.
 */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "dialogue.h"
#include "library.h"

#ifndef CORPUS
#define CORPUS "tests/check"
#endif

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? slash + 1 : path;
}

/* The `# expect:` lines of a file, joined with newlines. */
static char *expectations(const char *path)
{
	FILE *f = fopen(path, "r");
	assert_non_null(f);
	Buf want = { 0 };
	char line[4096];
	while (fgets(line, sizeof(line), f)) {
		const char *tag = "# expect: ";
		if (strncmp(line, tag, strlen(tag)) == 0)
			buf_adds(&want, line + strlen(tag));
	}
	fclose(f);
	return buf_take(&want);
}

/* What checking the file prints, with the files' folders left out. */
static char *diagnostics(const char *path)
{
	Library *lib = library_new(NULL, 0);
	Diags d = { 0 };
	library_check_file(lib, path, &d);
	diags_sort(&d);
	Buf got = { 0 };
	for (size_t i = 0; i < d.n; i++) {
		const Diag *g = &d.v[i];
		if (!str_eq(base_name(g->file), base_name(path)))
			buf_printf(&got, "%s:", base_name(g->file));
		buf_printf(&got, "%u:%u: %s: %s\n", g->loc.line, g->loc.col,
		           g->level == DIAG_ERROR ? "error" : "warning", g->msg);
	}
	diags_free(&d);
	library_free(lib);
	return buf_take(&got);
}

static void check_one(void **state)
{
	const char *path = *state;
	char *want = expectations(path);
	char *got = diagnostics(path);
	if (!str_eq(want, got))
		print_error("%s\n--- expected\n%s--- got\n%s", path, want, got);
	assert_string_equal(want, got);
	free(want);
	free(got);
}

static int cmp_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(void)
{
	DIR *dh = opendir(CORPUS);
	if (!dh) {
		fprintf(stderr, "test_check: cannot open %s (run from the project's root)\n", CORPUS);
		return 1;
	}
	char **paths = NULL;
	size_t n = 0, cap = 0;
	struct dirent *de;
	while ((de = readdir(dh))) {
		size_t len = strlen(de->d_name);
		if (len > 5 && str_eq(de->d_name + len - 5, ".yaml")) {
			GROW(paths, cap, n + 1);
			paths[n++] = xasprintf("%s/%s", CORPUS, de->d_name);
		}
	}
	closedir(dh);
	qsort(paths, n, sizeof(char *), cmp_name);
	struct CMUnitTest *tests = xcalloc(n, sizeof(*tests));
	for (size_t i = 0; i < n; i++)
		tests[i] = (struct CMUnitTest){ base_name(paths[i]), check_one, NULL, NULL, paths[i] };
	int failed = _cmocka_run_group_tests("check corpus", tests, n, NULL, NULL);
	for (size_t i = 0; i < n; i++)
		free(paths[i]);
	free(paths);
	free(tests);
	return failed;
}
