/*
 * test_sha256: SHA-256 against FIPS 180-4 examples. Test plan:
 *   - the empty message, "abc", the 448-bit and 896-bit NIST messages;
 *   - a million 'a's fed in uneven chunks, and byte by byte;
 *   - lengths at the padding edges (55, 56, 63, 64, 119, 120 bytes);
 *   - empty updates change nothing; a context reused after sha256_init.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "sha256.h"
#include "util.h"

#define MSG448 "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"
#define MSG896 "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmn" \
               "hijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu"
#define MILLION_A "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"

static void check_digest(const void *p, size_t n, const char *want)
{
	Sha256 c;
	char hex[65];
	sha256_init(&c);
	sha256_update(&c, p, n);
	sha256_hex(&c, hex);
	assert_string_equal(hex, want);
}

static void test_nist_examples(void **state)
{
	(void)state;
	check_digest("", 0, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	check_digest("abc", 3, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	check_digest(MSG448, strlen(MSG448),
	             "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
	check_digest(MSG896, strlen(MSG896),
	             "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1");
}

static void test_million_a_uneven_chunks(void **state)
{
	(void)state;
	static char a[1000000];
	memset(a, 'a', sizeof a);
	Sha256 c;
	char hex[65];
	sha256_init(&c);
	/* Chunks of 1, 2, 3, ... bytes cross every block boundary differently. */
	size_t at = 0;
	for (size_t step = 1; at < sizeof a; step = step % 150 + 1) {
		size_t n = step < sizeof a - at ? step : sizeof a - at;
		sha256_update(&c, a + at, n);
		at += n;
	}
	sha256_hex(&c, hex);
	assert_string_equal(hex, MILLION_A);
	check_digest(a, sizeof a, MILLION_A);
}

static void test_byte_by_byte(void **state)
{
	(void)state;
	Sha256 c;
	char hex[65];
	sha256_init(&c);
	for (const char *s = MSG896; *s; s++)
		sha256_update(&c, s, 1);
	sha256_hex(&c, hex);
	assert_string_equal(hex, "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1");
}

static void test_padding_edges(void **state)
{
	(void)state;
	static const struct {
		size_t n;
		const char *hex;
	} cases[] = {
		{ 55, "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318" },
		{ 56, "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a" },
		{ 63, "7d3e74a05d7db15bce4ad9ec0658ea98e3f06eeecf16b4c6fff2da457ddc2f34" },
		{ 64, "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb" },
		{ 119, "31eba51c313a5c08226adf18d4a359cfdfd8d2e816b13f4af952f7ea6584dcfb" },
		{ 120, "2f3d335432c70b580af0e8e1b3674a7c020d683aa5f73aaaedfdc55af904c21c" },
	};
	char a[120];
	memset(a, 'a', sizeof a);
	for (size_t i = 0; i < ARRAY_LEN(cases); i++)
		check_digest(a, cases[i].n, cases[i].hex);
}

static void test_empty_updates_and_reuse(void **state)
{
	(void)state;
	Sha256 c;
	char hex[65];
	sha256_init(&c);
	sha256_update(&c, "garbage", 7);
	sha256_hex(&c, hex);
	/* Starting over forgets everything. */
	sha256_init(&c);
	sha256_update(&c, "", 0);
	sha256_update(&c, "ab", 2);
	sha256_update(&c, NULL, 0);
	sha256_update(&c, "c", 1);
	sha256_hex(&c, hex);
	assert_string_equal(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_nist_examples),
		cmocka_unit_test(test_million_a_uneven_chunks),
		cmocka_unit_test(test_byte_by_byte),
		cmocka_unit_test(test_padding_edges),
		cmocka_unit_test(test_empty_updates_and_reuse),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
