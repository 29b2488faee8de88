/*
 * test_erase: a client's folder erased.
 *
 * Test plan: every file of the folder goes (transcripts, the index, the
 * changes' log, the lock, a temporary file a crash left, a symbolic link:
 * the link, never what it points to), then the folder, and the count says
 * how many; a folder whose lock a session holds is refused, naming the
 * process, with every file as it was, and erased once the session lets
 * go; a folder holding a folder is refused before anything is removed;
 * a folder that is not there is refused.
 */
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

#include "changes.h"
#include "erase.h"
#include "jindex.h"
#include "jlock.h"
#include "util.h"

static char tmp[TESTDIR_MAX];

static int setup(void **state)
{
	(void)state;
	assert_true(testdir_make(tmp, "erase"));
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	int rc = testdir_remove(tmp);
	return rc == 0 ? 0 : -1;
}

static void write_file(const char *folder, const char *name, const char *text)
{
	char *path = xasprintf("%s/%s", folder, name);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	free(path);
}

static bool exists(const char *folder, const char *name)
{
	struct stat st;
	char *path = name ? xasprintf("%s/%s", folder, name) : xstrdup(folder);
	bool there = lstat(path, &st) == 0;
	free(path);
	return there;
}

/* A client's folder as sessions leave it; heap path. */
static char *client_folder(const char *name)
{
	char *folder = xasprintf("%s/%s", tmp, name);
	assert_int_equal(mkdir(folder, 0700), 0);
	write_file(folder, "2026-11-02T10-00-00Z-checkin.yaml", "tandem-transcript: 1\n");
	write_file(folder, "2026-11-09T10-00-00Z-checkin.yaml", "tandem-transcript: 1\n");
	write_file(folder, JINDEX_FILE, "tandem-index: 1\n");
	write_file(folder, CHANGES_FILE, "- {commitment: \"c\", status: done}\n");
	write_file(folder, JLOCK_FILE, "pid: \"1\"\n");
	write_file(folder, "2026-11-09T10-00-00Z-checkin.yaml.42-0.tmp", "torn");
	return folder;
}

static void test_erased(void **state)
{
	(void)state;
	char *folder = client_folder("dana");
	write_file(tmp, "elsewhere.yaml", "keep me\n");
	char *target = xasprintf("%s/elsewhere.yaml", tmp);
	char *link = xasprintf("%s/link.yaml", folder);
	assert_int_equal(symlink(target, link), 0);
	size_t files = 99;
	char *why = NULL;
	assert_int_equal(erase_folder(folder, &files, &why), ERASE_DONE);
	assert_null(why);
	assert_int_equal(files, 7);
	assert_false(exists(folder, NULL));
	assert_true(exists(tmp, "elsewhere.yaml")); /* the link went, not its target */
	free(link);
	free(target);
	free(folder);
}

static void test_held(void **state)
{
	(void)state;
	char *folder = client_folder("bob");
	char *busy = NULL;
	JournalLock *session = jlock_take(folder, &busy);
	assert_non_null(session);
	size_t files = 99;
	char *why = NULL;
	assert_int_equal(erase_folder(folder, &files, &why), ERASE_BUSY);
	assert_int_equal(files, 0);
	assert_non_null(why);
	assert_non_null(strstr(why, "is in use by another session"));
	char *pid = xasprintf("(process %ld)", (long)getpid());
	assert_non_null(strstr(why, pid));
	free(pid);
	free(why);
	static const char *const all[] = {
		"2026-11-02T10-00-00Z-checkin.yaml", "2026-11-09T10-00-00Z-checkin.yaml",
		JINDEX_FILE, CHANGES_FILE, JLOCK_FILE, "2026-11-09T10-00-00Z-checkin.yaml.42-0.tmp",
	};
	for (size_t i = 0; i < ARRAY_LEN(all); i++)
		assert_true(exists(folder, all[i]));
	jlock_release(session);
	assert_int_equal(erase_folder(folder, &files, &why), ERASE_DONE);
	assert_false(exists(folder, NULL));
	free(folder);
}

static void test_folder_inside(void **state)
{
	(void)state;
	char *folder = client_folder("eve");
	char *inner = xasprintf("%s/notes", folder);
	assert_int_equal(mkdir(inner, 0700), 0);
	size_t files = 99;
	char *why = NULL;
	assert_int_equal(erase_folder(folder, &files, &why), ERASE_REFUSED);
	assert_int_equal(files, 0);
	assert_non_null(strstr(why, "'notes'"));
	assert_non_null(strstr(why, "nothing was erased"));
	free(why);
	assert_true(exists(folder, "2026-11-02T10-00-00Z-checkin.yaml"));
	assert_true(exists(folder, JINDEX_FILE));
	assert_true(exists(folder, CHANGES_FILE));
	free(inner);
	free(folder);
}

static void test_missing(void **state)
{
	(void)state;
	char *folder = xasprintf("%s/none", tmp);
	size_t files = 99;
	char *why = NULL;
	assert_int_equal(erase_folder(folder, &files, &why), ERASE_REFUSED);
	assert_int_equal(files, 0);
	assert_non_null(why);
	free(why);
	assert_false(exists(folder, NULL));
	free(folder);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_erased),
		cmocka_unit_test(test_held),
		cmocka_unit_test(test_folder_inside),
		cmocka_unit_test(test_missing),
	};
	return cmocka_run_group_tests_name("erase", tests, setup, teardown);
}
