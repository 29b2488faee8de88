/*
 * test_key: the coach's key. Test plan:
 *   - made once, 0600 in a 0700 folder, never over an existing key;
 *   - opened with its passphrase, refused with another (KEY_WRONG), said
 *     missing when there is none (KEY_MISSING);
 *   - a file altered in any field (a flipped digit of the sealed key, of
 *     the salt or the nonce, limits out of bounds, another version, a
 *     truncated file, not YAML at all) is KEY_DAMAGED or KEY_WRONG, never
 *     opened to another key;
 *   - sealed anew under another passphrase, the key is the same bytes, and
 *     the old passphrase no longer opens it.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cmocka.h>

#include "testdir.h"

#include "key.h"
#include "util.h"

static char tmp[TESTDIR_MAX];

static int setup(void **state)
{
	(void)state;
	assert_true(testdir_make(tmp, "key"));
	char *config = xasprintf("%s/config", tmp);
	setenv("XDG_CONFIG_HOME", config, 1);
	free(config);
	assert_true(key_library_init());
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
	Buf b = { 0 };
	char chunk[512];
	size_t n;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_add(&b, chunk, n);
	fclose(f);
	return buf_take(&b);
}

static void spill(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static Key *open_with(const char *passphrase, KeyError want)
{
	KeyError why = KEY_OK;
	char *err = NULL;
	Key *k = key_unlock(passphrase, &why, &err);
	assert_int_equal(why, want);
	assert_true((k != NULL) == (want == KEY_OK));
	assert_true((err != NULL) == (want != KEY_OK));
	free(err);
	return k;
}

static void test_made_and_opened(void **state)
{
	(void)state;
	open_with("anything at all", KEY_MISSING);
	char *err = NULL;
	assert_int_equal(key_create("correct horse battery", &err), KEY_OK);
	char *path = key_path();
	struct stat st;
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	char *dir = xstrndup(path, (size_t)(strrchr(path, '/') - path));
	assert_int_equal(stat(dir, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0700);
	assert_int_equal(key_create("another one entirely", &err), KEY_IO); /* never over it */
	assert_non_null(strstr(err, "already exists"));
	free(err);
	key_free(open_with("correct horse battery", KEY_OK));
	open_with("correct horse batterY", KEY_WRONG);
	free(dir);
	free(path);
}

/* Replaces the first `from` of the key file by `to`, and tries it. */
static void altered(const char *original, const char *from, const char *to, KeyError want)
{
	char *path = key_path();
	const char *at = strstr(original, from);
	assert_non_null(at);
	char *text = xasprintf("%.*s%s%s", (int)(at - original), original, to, at + strlen(from));
	spill(path, text);
	open_with("correct horse battery", want);
	free(text);
	free(path);
}

static void test_damage_is_told(void **state)
{
	(void)state;
	char *path = key_path();
	char *good = slurp(path);
	char *sealed = strstr(good, "sealed: \"") + 9;
	char flipped[2] = { sealed[3] == '0' ? '1' : '0', 0 };
	char was[2] = { sealed[3], 0 };
	char *from = xasprintf("sealed: \"%.3s%s", sealed, was);
	char *to = xasprintf("sealed: \"%.3s%s", sealed, flipped);
	altered(good, from, to, KEY_WRONG);          /* the MAC refuses it */
	free(from);
	free(to);
	char *salt = strstr(good, "salt: \"") + 7;
	from = xasprintf("salt: \"%c", salt[0]);
	to = xasprintf("salt: \"%c", salt[0] == 'a' ? 'b' : 'a');
	altered(good, from, to, KEY_WRONG);          /* another sealing key */
	free(from);
	free(to);
	altered(good, "opslimit: 2", "opslimit: 1", KEY_DAMAGED);
	altered(good, "memlimit: ", "memlimit: 99", KEY_DAMAGED);
	altered(good, "tandem-key: 1", "tandem-key: 2", KEY_DAMAGED);
	altered(good, "kdf: argon2id13", "kdf: scrypt", KEY_DAMAGED);
	altered(good, "nonce: \"", "nonce: \"00", KEY_DAMAGED);
	spill(path, "tandem-key: 1\nkdf: argon2id13\n");
	open_with("correct horse battery", KEY_DAMAGED);
	spill(path, "\x01\x02 not yaml [");
	open_with("correct horse battery", KEY_DAMAGED);
	spill(path, good);
	key_free(open_with("correct horse battery", KEY_OK));
	free(good);
	free(path);
}

static void test_resealed_same_key(void **state)
{
	(void)state;
	Key *k = open_with("correct horse battery", KEY_OK);
	unsigned char before[KEY_BYTES];
	memcpy(before, key_bytes(k), KEY_BYTES);
	char *err = NULL;
	assert_int_equal(key_reseal(k, "a brand new passphrase", &err), KEY_OK);
	key_free(k);
	open_with("correct horse battery", KEY_WRONG);
	k = open_with("a brand new passphrase", KEY_OK);
	assert_memory_equal(key_bytes(k), before, KEY_BYTES);
	key_free(k);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_made_and_opened),
		cmocka_unit_test(test_damage_is_told),
		cmocka_unit_test(test_resealed_same_key),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
