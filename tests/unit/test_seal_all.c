/*
 * test_seal_all: a client's folder sealed in place.
 *
 * Test plan:
 *   - the temporary names of fileio (file_create_temp: a transcript's
 *     rewrite and file_replace alike), and only they, beside a transcript,
 *     the index or the log, are leftovers (not another file's, not a name
 *     merely ending in .tmp);
 *   - a folder of two plain transcripts, the log, the index, one sealed
 *     transcript, an empty one, a file of another kind and a leftover:
 *     the four plain files sealed, each opening to its bytes, mode 0600;
 *     the sealed one, the empty one and the other file as they were; the
 *     leftover gone; sealing again seals nothing;
 *   - a folder whose lock a session holds: refused, naming the folder,
 *     every file as it was;
 *   - a transcript held open by a writer: refused, naming it, as it was.
 */
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "testdir.h"

#include "changes.h"
#include "jindex.h"
#include "jlock.h"
#include "key.h"
#include "seal_all.h"
#include "util.h"
#include "vault.h"

static char tmp[TESTDIR_MAX];
static char *folder;

static const char *const plain[][2] = {
	{ "2026-11-02T10-00-00Z-accountability.yaml", "tandem-transcript: 1\nclient: Dana\n" },
	{ "2026-11-09T10-00-00Z-basics.yaml", "tandem-transcript: 1\nanswers: {goal: A new job}\n" },
	{ CHANGES_FILE, "- {commitment: \"20261102T100000-1\", status: done}\n" },
	{ JINDEX_FILE, "tandem-index: 1\nsessions:\n" },
};

static int setup(void **state)
{
	(void)state;
	assert_true(testdir_make(tmp, "seal-all"));
	char *config = xasprintf("%s/config", tmp);
	setenv("XDG_CONFIG_HOME", config, 1);
	setenv("TANDEM_PASSPHRASE", "a passphrase for tests", 1);
	free(config);
	assert_true(key_library_init());
	char *err = NULL;
	assert_int_equal(key_create("a passphrase for tests", &err), KEY_OK);
	folder = xasprintf("%s/dana", tmp);
	assert_int_equal(mkdir(folder, 0700), 0);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	vault_close();
	free(folder);
	int rc = testdir_remove(tmp);
	return rc == 0 ? 0 : -1;
}

static void write_file(const char *name, const char *data, size_t len)
{
	char *path = xasprintf("%s/%s", folder, name);
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, len, f), len);
	fclose(f);
	free(path);
}

/* The file's bytes (heap, NUL-terminated), *len of them; NULL when it is
 * not there. */
static char *read_raw(const char *name, size_t *len)
{
	char *path = xasprintf("%s/%s", folder, name);
	FILE *f = fopen(path, "rb");
	free(path);
	if (!f)
		return NULL;
	Buf b = { 0 };
	char chunk[4096];
	size_t n;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_add(&b, chunk, n);
	fclose(f);
	*len = b.len;
	buf_addc(&b, '\0');
	return buf_take(&b);
}

static void assert_raw(const char *name, const char *want)
{
	size_t len;
	char *got = read_raw(name, &len);
	assert_non_null(got);
	assert_int_equal(len, strlen(want));
	assert_memory_equal(got, want, len);
	free(got);
}

/* name is sealed, opens to want, and is 0600. */
static void assert_sealed(const char *name, const char *want)
{
	char *path = xasprintf("%s/%s", folder, name);
	VaultFile f;
	char *err = NULL;
	assert_true(vault_read(path, 1 << 20, &f, &err));
	assert_true(f.sealed);
	assert_false(f.torn || f.refused);
	assert_int_equal(f.len, strlen(want));
	assert_memory_equal(f.data, want, f.len);
	vault_file_free(&f);
	struct stat st;
	assert_int_equal(lstat(path, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0600);
	free(path);
}

static void test_temp_names(void **state)
{
	(void)state;
	assert_true(seal_all_is_temp("2026-11-02T10-00-00Z-checkin.yaml.1234-0.tmp"));
	assert_true(seal_all_is_temp(".index.yaml.1-12.tmp"));
	assert_true(seal_all_is_temp("commitments.log.99999-0.tmp"));
	assert_false(seal_all_is_temp("keep.tmp"));
	assert_false(seal_all_is_temp(".tmp"));
	assert_false(seal_all_is_temp("a.yaml.1-.tmp"));
	assert_false(seal_all_is_temp("a.yaml.-0.tmp"));
	assert_false(seal_all_is_temp("a.yaml1-0.tmp"));
	assert_false(seal_all_is_temp("a.yaml.1-0.tmpx"));
	assert_false(seal_all_is_temp("a.yaml.tmp1234-0"));     /* no temporary name of fileio's */
	assert_false(seal_all_is_temp(".lock.1-1.tmp"));
	assert_false(seal_all_is_temp("notes.txt.1-0.tmp"));
	assert_false(seal_all_is_temp(".hidden.yaml.1-0.tmp"));
	assert_false(seal_all_is_temp(".yaml.1-0.tmp"));
	assert_false(seal_all_is_temp("a.yaml.1-0.1-0.tmp"));
}

static void test_seal_folder(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(plain) / sizeof(*plain); i++)
		write_file(plain[i][0], plain[i][1], strlen(plain[i][1]));
	Buf sealed = { 0 };
	char *err = NULL;
	assert_true(vault_seal("tandem-transcript: 1\n", 21, &sealed, &err));
	write_file("2026-11-16T10-00-00Z-basics.yaml", sealed.data, sealed.len);
	write_file("2026-11-23T10-00-00Z-basics.yaml", "", 0);
	write_file("notes.txt", "the coach's own\n", 16);
	write_file(".index.yaml.4194000-0.tmp", "tandem-index: 1\n", 16);

	SealAllCount n;
	char *why = NULL;
	assert_int_equal(seal_all_folder(folder, &n, &why), SEAL_ALL_DONE);
	assert_null(why);
	assert_int_equal(n.sealed, 4);
	assert_int_equal(n.already, 1);
	assert_int_equal(n.temps, 1);
	for (size_t i = 0; i < sizeof(plain) / sizeof(*plain); i++)
		assert_sealed(plain[i][0], plain[i][1]);
	size_t len;
	char *same = read_raw("2026-11-16T10-00-00Z-basics.yaml", &len);
	assert_int_equal(len, sealed.len);
	assert_memory_equal(same, sealed.data, len);
	free(same);
	assert_raw("2026-11-23T10-00-00Z-basics.yaml", "");
	assert_raw("notes.txt", "the coach's own\n");
	assert_null(read_raw(".index.yaml.4194000-0.tmp", &len));

	assert_int_equal(seal_all_folder(folder, &n, &why), SEAL_ALL_DONE);
	assert_int_equal(n.sealed, 0);
	assert_int_equal(n.already, 5);
	assert_int_equal(n.temps, 0);
	buf_free(&sealed);
}

static void test_folder_busy(void **state)
{
	(void)state;
	write_file("2026-11-02T10-00-00Z-accountability.yaml", plain[0][1], strlen(plain[0][1]));
	char *why = NULL;
	JournalLock *session = jlock_take(folder, &why);
	assert_non_null(session);
	SealAllCount n;
	assert_int_equal(seal_all_folder(folder, &n, &why), SEAL_ALL_BUSY);
	assert_non_null(strstr(why, folder));
	free(why);
	assert_int_equal(n.sealed, 0);
	assert_raw("2026-11-02T10-00-00Z-accountability.yaml", plain[0][1]);
	jlock_release(session);
}

static void test_transcript_held(void **state)
{
	(void)state;
	const char *name = "2026-11-02T10-00-00Z-accountability.yaml";
	write_file(name, plain[0][1], strlen(plain[0][1]));
	char *path = xasprintf("%s/%s", folder, name);
	int fd = open(path, O_RDWR);
	assert_true(fd >= 0);
	assert_int_equal(flock(fd, LOCK_EX | LOCK_NB), 0);
	SealAllCount n;
	char *why = NULL;
	assert_int_equal(seal_all_folder(folder, &n, &why), SEAL_ALL_BUSY);
	assert_non_null(strstr(why, path));
	free(why);
	assert_raw(name, plain[0][1]);
	close(fd);
	free(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_temp_names),
		cmocka_unit_test_setup_teardown(test_seal_folder, setup, teardown),
		cmocka_unit_test_setup_teardown(test_folder_busy, setup, teardown),
		cmocka_unit_test_setup_teardown(test_transcript_held, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
