/*
 * test_sealed: chunks under the coach's key. Test plan:
 *   - a round trip: three chunks read back whole, in order, and more
 *     appended to the same stream after reading it;
 *   - a file cut inside its last chunk, at every byte: the chunks before
 *     it kept, the cut said torn, `whole` where a writer goes on;
 *   - a flipped bit, two chunks swapped, a chunk taken from another file
 *     sealed with the same key: refused there, the chunks before it kept;
 *   - another key, a file that is not sealed, a header cut short: NULL.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "testdir.h"

#include "key.h"
#include "sealed.h"
#include "util.h"

static char tmp[TESTDIR_MAX];
static Key *key, *other;

static Key *new_key(const char *folder)
{
	char *config = xasprintf("%s/%s", tmp, folder);
	setenv("XDG_CONFIG_HOME", config, 1);
	free(config);
	char *err = NULL;
	assert_int_equal(key_create("a passphrase for tests", &err), KEY_OK);
	KeyError why;
	Key *k = key_unlock("a passphrase for tests", &why, &err);
	assert_non_null(k);
	return k;
}

static int setup(void **state)
{
	(void)state;
	assert_true(testdir_make(tmp, "sealed"));
	assert_true(key_library_init());
	key = new_key("one");
	other = new_key("two");
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	key_free(key);
	key_free(other);
	int rc = testdir_remove(tmp);
	return rc == 0 ? 0 : -1;
}

static const char *const turns[] = { "  - node: goal\n    answer: \"A new job\"\n",
	                             "  - node: why\n    answer: \"Time with my children\"\n",
	                             "  - node: next\n    answer: \"Call Sam\"\n" };

/* A file of the three turns; the chunks' ends in ends[] (after the key
 * check, then each turn). */
static Buf sealed_file(const Key *k, size_t ends[3])
{
	Buf out = { 0 };
	Sealed *s = sealed_start(k, &out);
	assert_non_null(s);
	for (size_t i = 0; i < 3; i++) {
		sealed_push(s, turns[i], strlen(turns[i]), &out);
		ends[i] = out.len;
	}
	sealed_free(s);
	return out;
}

static char *joined(size_t n)
{
	Buf b = { 0 };
	for (size_t i = 0; i < n; i++)
		buf_adds(&b, turns[i]);
	return buf_take(&b);
}

static void expect_kept(const Buf *file, size_t n, bool torn, bool refused)
{
	Unsealed u;
	Sealed *s = sealed_open(key, file->data, file->len, &u);
	assert_non_null(s);
	assert_int_equal(u.chunks, n);
	assert_int_equal(u.torn, torn);
	assert_int_equal(u.refused, refused);
	char *want = joined(n);
	assert_string_equal(buf_str(&u.plain), want);
	free(want);
	sealed_free(s);
	buf_free(&u.plain);
}

static void test_round_trip(void **state)
{
	(void)state;
	size_t ends[3];
	Buf file = sealed_file(key, ends);
	assert_true(sealed_is(file.data, file.len));
	for (size_t i = 0; i + 8 <= file.len; i++) /* nothing in clear */
		assert_false(memcmp(file.data + i, "Call Sam", 8) == 0);
	Unsealed u;
	Sealed *s = sealed_open(key, file.data, file.len, &u);
	assert_non_null(s);
	assert_int_equal(u.chunks, 3);
	assert_int_equal(u.whole, file.len);
	char *want = joined(3);
	assert_string_equal(buf_str(&u.plain), want);
	free(want);
	buf_free(&u.plain);
	sealed_push(s, "more", 4, &file); /* a resumed session goes on */
	sealed_free(s);
	s = sealed_open(key, file.data, file.len, &u);
	assert_int_equal(u.chunks, 4);
	assert_true(str_starts(buf_str(&u.plain) + u.plain.len - 4, "more"));
	sealed_free(s);
	buf_free(&u.plain);
	buf_free(&file);
}

static void test_torn(void **state)
{
	(void)state;
	size_t ends[3];
	Buf file = sealed_file(key, ends);
	for (size_t cut = ends[1] + 1; cut < ends[2]; cut++) {
		Buf part = { 0 };
		buf_add(&part, file.data, cut);
		expect_kept(&part, 2, true, false);
		Unsealed u;
		Sealed *s = sealed_open(key, part.data, part.len, &u);
		assert_int_equal(u.whole, ends[1]);
		sealed_free(s);
		buf_free(&u.plain);
		buf_free(&part);
	}
	buf_free(&file);
}

static void test_refused(void **state)
{
	(void)state;
	size_t ends[3];
	Buf file = sealed_file(key, ends);
	Buf bad = { 0 };
	buf_add(&bad, file.data, file.len);
	bad.data[ends[0] + 10] ^= 0x01; /* inside the second turn's chunk */
	expect_kept(&bad, 1, false, true);
	buf_clear(&bad); /* the second and third turns swapped */
	buf_add(&bad, file.data, ends[0]);
	buf_add(&bad, file.data + ends[1], ends[2] - ends[1]);
	buf_add(&bad, file.data + ends[0], ends[1] - ends[0]);
	expect_kept(&bad, 1, false, true);
	size_t elsewhere[3];
	Buf another = sealed_file(key, elsewhere); /* same key, another stream */
	buf_clear(&bad);
	buf_add(&bad, file.data, ends[1]);
	buf_add(&bad, another.data + elsewhere[1], elsewhere[2] - elsewhere[1]);
	expect_kept(&bad, 2, false, true);
	buf_free(&another);
	buf_free(&bad);
	buf_free(&file);
}

static void test_not_opened(void **state)
{
	(void)state;
	size_t ends[3];
	Buf file = sealed_file(key, ends);
	Unsealed u;
	assert_null(sealed_open(other, file.data, file.len, &u));
	assert_true(u.refused);
	buf_free(&u.plain);
	assert_null(sealed_open(key, "tandem-transcript: 1\n", 21, &u));
	buf_free(&u.plain);
	assert_null(sealed_open(key, file.data, strlen(SEALED_MAGIC) + 5, &u));
	buf_free(&u.plain);
	buf_free(&file);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_torn),
		cmocka_unit_test(test_refused),
		cmocka_unit_test(test_not_opened),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
