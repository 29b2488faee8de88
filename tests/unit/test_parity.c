/*
 * test_parity: the shipped library is the same dialogue in every language.
 *
 * A session run in French must be comparable, node for node, with one run
 * in English. The comparison is pair.h's, the one `tandem check --pair`
 * makes (its list of what must match is there). Test plan:
 *   - every file under dialogues/ checks with no diagnostic at all,
 *     warnings included (what `tandem check dialogues/` must print);
 *   - `tandem check --pair dialogues` finds nothing: every language folder
 *     holds the same dialogues and banks, each file's `id` is its name and
 *     its `lang` its folder, and each file has the structure of its version
 *     in the first language folder;
 *   - one test per dialogue and bank, the same comparison file by file, so
 *     that a failure names what to align.
 * Every difference is printed as `tandem check --pair` prints it, with the
 * place in each file.
 */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cmocka.h>

#include "dialogue.h"
#include "library.h"
#include "pair.h"

#ifndef LIBRARY_DIR
#define LIBRARY_DIR "dialogues"
#endif

typedef struct Names {
	char **v;
	size_t n, cap;
} Names;

static void names_add(Names *names, char *s)
{
	GROW(names->v, names->cap, names->n + 1);
	names->v[names->n++] = s;
}

static void names_free(Names *names)
{
	for (size_t i = 0; i < names->n; i++)
		free(names->v[i]);
	free(names->v);
	*names = (Names){ 0 };
}

static bool has_name(const Names *names, const char *name)
{
	for (size_t i = 0; i < names->n; i++)
		if (str_eq(names->v[i], name))
			return true;
	return false;
}

static int cmp_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool is_dir(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* The entries of dir, sorted: folders (want_dirs) or .yaml files. */
static Names list_dir(const char *dir, bool want_dirs)
{
	Names out = { 0 };
	DIR *dh = opendir(dir);
	if (!dh)
		return out;
	struct dirent *de;
	while ((de = readdir(dh))) {
		if (de->d_name[0] == '.')
			continue;
		char *path = xasprintf("%s/%s", dir, de->d_name);
		size_t len = strlen(de->d_name);
		bool folder = is_dir(path);
		free(path);
		if (want_dirs ? folder : !folder && len > 5 && str_eq(de->d_name + len - 5, ".yaml"))
			names_add(&out, xstrdup(de->d_name));
	}
	closedir(dh);
	if (out.n)
		qsort(out.v, out.n, sizeof(char *), cmp_name);
	return out;
}

/* Every .yaml file under dir, depth first. */
static void list_files(const char *dir, Names *out)
{
	Names sub = list_dir(dir, true), files = list_dir(dir, false);
	for (size_t i = 0; i < files.n; i++)
		names_add(out, xasprintf("%s/%s", dir, files.v[i]));
	for (size_t i = 0; i < sub.n; i++) {
		char *path = xasprintf("%s/%s", dir, sub.v[i]);
		list_files(path, out);
		free(path);
	}
	names_free(&sub);
	names_free(&files);
}

static Library *new_library(void)
{
	const char *dirs[] = { LIBRARY_DIR };
	return library_new(dirs, 1);
}

/* Fails with every diagnostic of d, if any; frees d. */
static void fail_with(Diags *d, const char *what)
{
	size_t n = d->n;
	diags_sort(d);
	if (n) {
		print_error("%s:\n", what);
		diags_print(d, stderr, false);
	}
	diags_free(d);
	assert_int_equal(n, 0);
}

static void test_checks_clean(void **state)
{
	(void)state;
	Names files = { 0 };
	list_files(LIBRARY_DIR, &files);
	Library *lib = new_library();
	Diags d = { 0 };
	for (size_t i = 0; i < files.n; i++)
		library_check_file(lib, files.v[i], &d);
	assert_true(files.n > 0);
	names_free(&files);
	library_free(lib);
	fail_with(&d, "`tandem check " LIBRARY_DIR "` must report nothing; it reports");
}

static void test_folder(void **state)
{
	(void)state;
	Library *lib = new_library();
	Diags d = { 0 };
	size_t files = 0;
	pair_folder(lib, LIBRARY_DIR, &d, &files);
	library_free(lib);
	assert_true(files > 0);
	fail_with(&d, "`tandem check --pair " LIBRARY_DIR "` must report nothing; it reports");
}

/* One file (state: "ID.yaml" or "banks/ID.yaml") against its version in
 * the first language folder that has it. */
static void test_file(void **state)
{
	const char *rel = *state;
	Names langs = list_dir(LIBRARY_DIR, true);
	Library *lib = new_library();
	Diags d = { 0 };
	char *ref = NULL;
	for (size_t i = 0; i < langs.n; i++) {
		char *path = xasprintf("%s/%s/%s", LIBRARY_DIR, langs.v[i], rel);
		struct stat st;
		if (stat(path, &st) != 0) {
			free(path);  /* missing: test_folder says so */
		} else if (!ref) {
			ref = path;
		} else {
			pair_files(lib, ref, path, &d);
			free(path);
		}
	}
	free(ref);
	library_free(lib);
	names_free(&langs);
	char *what = xasprintf("%s differs across %s/*/", rel, LIBRARY_DIR);
	fail_with(&d, what);
	free(what);
}

int main(void)
{
	if (!is_dir(LIBRARY_DIR)) {
		fprintf(stderr, "test_parity: no %s/ folder (run from the project's root)\n",
		        LIBRARY_DIR);
		return 1;
	}
	Names langs = list_dir(LIBRARY_DIR, true), rels = { 0 };
	for (size_t i = 0; i < langs.n; i++) {
		char *dir = xasprintf("%s/%s", LIBRARY_DIR, langs.v[i]);
		char *banks = xasprintf("%s/banks", dir);
		Names files = list_dir(dir, false), bank_files = list_dir(banks, false);
		for (size_t j = 0; j < files.n; j++)
			if (!has_name(&rels, files.v[j]))
				names_add(&rels, xstrdup(files.v[j]));
		for (size_t j = 0; j < bank_files.n; j++) {
			char *rel = xasprintf("banks/%s", bank_files.v[j]);
			if (has_name(&rels, rel))
				free(rel);
			else
				names_add(&rels, rel);
		}
		names_free(&files);
		names_free(&bank_files);
		free(banks);
		free(dir);
	}
	if (rels.n)
		qsort(rels.v, rels.n, sizeof(char *), cmp_name);
	size_t n = 2 + rels.n, k = 0;
	struct CMUnitTest *tests = xcalloc(n, sizeof(*tests));
	tests[k++] = (struct CMUnitTest){ "checks_clean", test_checks_clean, NULL, NULL, NULL };
	tests[k++] = (struct CMUnitTest){ "folder", test_folder, NULL, NULL, NULL };
	for (size_t i = 0; i < rels.n; i++, k++)
		tests[k] = (struct CMUnitTest){ rels.v[i], test_file, NULL, NULL, rels.v[i] };
	int failed = _cmocka_run_group_tests("parity of the library", tests, n, NULL, NULL);
	free(tests);
	names_free(&rels);
	names_free(&langs);
	return failed;
}
