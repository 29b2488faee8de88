/* common.c: the helpers of fuzz.h, linked into every fuzz target. */
#include "fuzz.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "clock.h"
#include "util.h"

static char folder[256];
static char **written;       /* files, then folders, removed last first */
static size_t nwritten, capwritten;
static FILE *null_out;

static void remove_folder(void)
{
	for (size_t i = nwritten; i-- > 0;) {
		if (unlink(written[i]) != 0)
			rmdir(written[i]);
		free(written[i]);
	}
	free(written);
	written = NULL;
	nwritten = capwritten = 0;
	if (folder[0])
		rmdir(folder);
	folder[0] = '\0';
	if (null_out)
		fclose(null_out);
	null_out = NULL;
}

const char *fuzz_folder(void)
{
	if (folder[0])
		return folder;
	const char *tmp = getenv("TMPDIR");
	if (!tmp || !*tmp || strlen(tmp) > sizeof(folder) - 32)
		tmp = "/tmp";
	snprintf(folder, sizeof(folder), "%s/tandem-fuzz-XXXXXX", tmp);
	if (!mkdtemp(folder)) {
		perror("fuzz: mkdtemp");
		abort();
	}
	atexit(remove_folder);
	return folder;
}

char *fuzz_write_file(const char *name, const uint8_t *data, size_t size)
{
	char *path = xasprintf("%s/%s", fuzz_folder(), name);
	bool known = false;
	for (size_t i = 0; i < nwritten && !known; i++)
		known = str_eq(written[i], path);
	if (!known) {
		GROW(written, capwritten, nwritten + 1);
		written[nwritten++] = xstrdup(path);
	}
	FILE *f = fopen(path, "wb");
	if (!f || (size && fwrite(data, 1, size, f) != size) || fclose(f) != 0) {
		perror("fuzz: writing the input");
		abort();
	}
	return path;
}

void fuzz_make_folder(const char *name)
{
	char *path = xasprintf("%s/%s", fuzz_folder(), name);
	if (mkdir(path, 0700) != 0) {
		perror("fuzz: mkdir");
		abort();
	}
	GROW(written, capwritten, nwritten + 1);
	written[nwritten++] = path;
}

FILE *fuzz_null(void)
{
	if (!null_out) {
		/* FUZZ_SHOW=1: to standard error instead, to see what an input does. */
		const char *show = getenv("FUZZ_SHOW");
		null_out = fopen(show && *show ? "/dev/stderr" : "/dev/null", "w");
		if (!null_out) {
			perror("fuzz: /dev/null");
			abort();
		}
		fuzz_folder(); /* registers the cleanup that closes it */
	}
	return null_out;
}

#define FUZZ_NOW "2026-11-23T10:00:00Z"

const SessionBounds fuzz_bounds = {
	.steps = 2000, .value_bytes = 64 << 10, .bytes = 1 << 20, .ms = 200,
};

time_t fuzz_now(void)
{
	static time_t now;
	if (!now) {
		setenv("TANDEM_NOW", FUZZ_NOW, 1);
		if (!clock_parse(FUZZ_NOW, &now))
			abort();
	}
	return now;
}

int fuzz_run_lines(Session *s, const char *in, size_t n, size_t *used)
{
	/* fmemopen refuses an empty buffer: /dev/null reads as no line. */
	FILE *f = n ? fmemopen((void *)in, n, "r") : fopen("/dev/null", "r");
	if (!f) {
		perror("fuzz: fmemopen");
		abort();
	}
	RunIO io = { .in = f, .out = fuzz_null(), .err = fuzz_null() };
	int status = pipe_run(s, &io);
	long at = ftell(f);
	*used = feof(f) ? n : at > 0 ? (size_t)at : 0;
	fclose(f);
	return status;
}
