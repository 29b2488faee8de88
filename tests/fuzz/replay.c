/*
 * replay.c: the plain driver of a fuzz target, without libFuzzer.
 *
 *   fuzz-TARGET FILE|DIR...
 *
 * Runs every file given, and every file under each folder given (depth
 * first, sorted by name, hidden files left out), through the target's
 * LLVMFuzzerTestOneInput once, then prints `fuzz-replay TARGET: N inputs`.
 * Exit status 1 when a path cannot be read; a crash is the sanitizers' to
 * report (they abort). Used by tests/run to replay the seed corpora and
 * every crash ever found (tests/fuzz/finds/TARGET/).
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"
#include "util.h"

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static size_t inputs;
static int failures;

static void fail(const char *path)
{
	fprintf(stderr, "fuzz-replay: %s: %s\n", path, strerror(errno));
	failures++;
}

static void run_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		fail(path);
		return;
	}
	Buf b = { 0 };
	char chunk[65536];
	size_t got;
	while ((got = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_add(&b, chunk, got);
	bool bad = ferror(f);
	fclose(f);
	if (bad) {
		fail(path);
	} else {
		/* An exact copy, so that ASan sees a read one byte past the input. */
		uint8_t *data = xmalloc(b.len ? b.len : 1);
		memcpy(data, b.len ? buf_str(&b) : "", b.len);
		LLVMFuzzerTestOneInput(data, b.len);
		free(data);
		inputs++;
	}
	buf_free(&b);
}

static void run_path(const char *path, int depth)
{
	struct stat st;
	if (stat(path, &st) != 0) {
		fail(path);
		return;
	}
	if (!S_ISDIR(st.st_mode)) {
		run_file(path);
		return;
	}
	DIR *dh = depth < 16 ? opendir(path) : NULL;
	if (!dh) {
		fail(path);
		return;
	}
	char **names = NULL;
	size_t n = 0, cap = 0;
	struct dirent *de;
	while ((de = readdir(dh))) {
		if (de->d_name[0] == '.')
			continue;
		GROW(names, cap, n + 1);
		names[n++] = xasprintf("%s/%s", path, de->d_name);
	}
	closedir(dh);
	qsort(names, n, sizeof(*names), cmp_str);
	for (size_t i = 0; i < n; i++) {
		run_path(names[i], depth + 1);
		free(names[i]);
	}
	free(names);
}

int main(int argc, char **argv)
{
	const char *name = strrchr(argv[0], '/');
	name = name ? name + 1 : argv[0];
	if (str_starts(name, "fuzz-"))
		name += strlen("fuzz-");
	if (argc < 2) {
		fprintf(stderr, "usage: fuzz-%s FILE|DIR...\n", name);
		return 2;
	}
	if (LLVMFuzzerInitialize)
		LLVMFuzzerInitialize(&argc, &argv);
	for (int i = 1; i < argc; i++)
		run_path(argv[i], 0);
	printf("fuzz-replay %s: %zu inputs\n", name, inputs);
	return failures ? 1 : 0;
}
