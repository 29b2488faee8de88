/*
 * test_fileio: a file put in place whole (file_replace). Test plan:
 *   - made when missing, 0600, with the bytes given;
 *   - an existing file replaced whole, by a new file (another inode), so
 *     that a reader holding the old one still reads the old bytes;
 *   - a leftover temporary file of a crash does not stop it;
 *   - a folder that cannot be written: false, errno set, the old file as
 *     it was and no temporary file left (skipped as root, whom modes do
 *     not stop).
 */
#include <dirent.h>
#include <errno.h>
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

#include "fileio.h"
#include "util.h"

static char tmp[TESTDIR_MAX];

static int setup(void **state)
{
	(void)state;
	assert_true(testdir_make(tmp, "fileio"));
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	int rc = testdir_remove(tmp);
	return rc == 0 ? 0 : -1;
}

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "r");
	assert_non_null(f);
	char buf[256] = "";
	size_t n = fread(buf, 1, sizeof(buf) - 1, f);
	buf[n] = '\0';
	fclose(f);
	return xstrdup(buf);
}

static size_t entries(const char *dir)
{
	DIR *d = opendir(dir);
	size_t n = 0;
	for (struct dirent *e; (e = readdir(d));)
		n += e->d_name[0] != '.';
	closedir(d);
	return n;
}

static void test_replace(void **state)
{
	(void)state;
	char *path = xasprintf("%s/index.yaml", tmp);
	assert_true(file_replace(path, "first", 5, true));
	struct stat st, was;
	assert_int_equal(stat(path, &was), 0);
	assert_int_equal(was.st_mode & 0777, 0600);
	char *text = slurp(path);
	assert_string_equal(text, "first");
	free(text);
	FILE *held = fopen(path, "r");
	char *leftover = xasprintf("%s.%ld-0.tmp", path, (long)getpid());
	FILE *f = fopen(leftover, "w");
	fclose(f);
	assert_true(file_replace(path, "second", 6, false));
	assert_int_equal(stat(path, &st), 0);
	assert_true(st.st_ino != was.st_ino);
	text = slurp(path);
	assert_string_equal(text, "second");
	free(text);
	char old[8] = "";
	assert_int_equal(fread(old, 1, 5, held), 5);
	assert_string_equal(old, "first");
	fclose(held);
	unlink(leftover);
	assert_int_equal(entries(tmp), 1);
	free(leftover);
	free(path);
}

static void test_replace_fails_whole(void **state)
{
	(void)state;
	if (geteuid() == 0)
		skip();
	char *dir = xasprintf("%s/locked", tmp);
	assert_int_equal(mkdir(dir, 0700), 0);
	char *path = xasprintf("%s/index.yaml", dir);
	assert_true(file_replace(path, "kept", 4, false));
	assert_int_equal(chmod(dir, 0500), 0);
	errno = 0;
	assert_false(file_replace(path, "lost", 4, false));
	assert_int_equal(errno, EACCES);
	char *text = slurp(path);
	assert_string_equal(text, "kept");
	free(text);
	assert_int_equal(entries(dir), 1);
	free(path);
	free(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_replace),
		cmocka_unit_test(test_replace_fails_whole),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
