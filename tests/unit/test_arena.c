/*
 * test_arena: the bump allocator. Test plan:
 *   - alignment of arena_alloc, zeroing of arena_zalloc, texts packed and
 *     NUL-terminated by arena_strndup, `used` counting what was asked;
 *   - many allocations across chunk boundaries stay distinct and intact;
 *   - blocks past 8 MiB (mapped chunks) are whole and writable;
 *   - a block too big for the head, while the head has room, leaves the
 *     head serving the next small allocation;
 *   - arena_free releases everything (the sanitizer build sees any leak
 *     or bad free);
 *   - arena_reset: after a reset, allocation starts over in the newest
 *     chunk (the same memory), the older ones are freed, and an empty
 *     arena may be reset.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdalign.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "util.h"

static void test_alloc_aligned_and_zeroed(void **state)
{
	(void)state;
	Arena a = { 0 };
	char *t = arena_strndup(&a, "abc", 2);
	assert_string_equal(t, "ab");
	for (size_t n = 1; n < 100; n += 7) {
		unsigned char *p = arena_zalloc(&a, n);
		assert_int_equal((uintptr_t)p % alignof(max_align_t), 0);
		for (size_t i = 0; i < n; i++)
			assert_int_equal(p[i], 0);
		memset(p, 0xAB, n);
	}
	assert_string_equal(t, "ab");
	assert_string_equal(arena_strdup(&a, "dialogue"), "dialogue");
	arena_free(&a);
	assert_null(a.head);
	assert_int_equal(a.used, 0);
}

static void test_used_counts_requests(void **state)
{
	(void)state;
	Arena a = { 0 };
	arena_alloc(&a, 10);
	arena_strndup(&a, "xyz", 3);
	assert_int_equal(a.used, 10 + 4);
	arena_free(&a);
}

/* Each block keeps its own bytes, across many chunks. */
static void test_many_blocks_intact(void **state)
{
	(void)state;
	Arena a = { 0 };
	enum { N = 20000 };
	uint32_t **blocks = xmalloc(N * sizeof(*blocks));
	for (uint32_t i = 0; i < N; i++) {
		size_t words = 1 + i % 37;
		blocks[i] = arena_alloc(&a, words * sizeof(uint32_t));
		for (size_t w = 0; w < words; w++)
			blocks[i][w] = i;
	}
	for (uint32_t i = 0; i < N; i++)
		for (size_t w = 0; w < 1 + i % 37; w++)
			assert_int_equal(blocks[i][w], i);
	free(blocks);
	arena_free(&a);
}

static void test_large_blocks(void **state)
{
	(void)state;
	Arena a = { 0 };
	size_t sizes[] = { 3u << 20, 9u << 20, 1u << 20, 17u << 20 };
	unsigned char *p[4];
	for (size_t i = 0; i < 4; i++) {
		p[i] = arena_alloc(&a, sizes[i]);
		memset(p[i], (int)i + 1, sizes[i]);
	}
	for (size_t i = 0; i < 4; i++) {
		assert_int_equal(p[i][0], i + 1);
		assert_int_equal(p[i][sizes[i] - 1], i + 1);
	}
	arena_free(&a);
}

static void test_big_block_keeps_head(void **state)
{
	(void)state;
	Arena a = { 0 };
	char *first = arena_alloc(&a, 16);
	char *big = arena_alloc(&a, 1u << 20);
	memset(big, 1, 1u << 20);
	char *next = arena_alloc(&a, 16);
	/* The small blocks share the first chunk: the big one went aside. */
	assert_true(next > first && next - first < 64 * 1024);
	arena_free(&a);
}

static void test_reset_reuses_newest_chunk(void **state)
{
	(void)state;
	Arena a = { 0 };
	arena_reset(&a);
	assert_null(a.head);
	char *first = NULL;
	for (int round = 0; round < 3; round++) {
		/* Enough to need several chunks the first time, and to fit
		 * in the newest one alone afterwards. */
		for (int i = 0; i < 5000; i++)
			memset(arena_alloc(&a, 96), round, 96);
		char *p = arena_strdup(&a, "node");
		assert_string_equal(p, "node");
		arena_reset(&a);
		assert_non_null(a.head);
		assert_int_equal(a.used, 0);
		char *q = arena_alloc(&a, 16);
		if (round == 0)
			first = q;
		else
			assert_ptr_equal(q, first);
		arena_reset(&a);
	}
	arena_free(&a);
	assert_null(a.head);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_alloc_aligned_and_zeroed),
		cmocka_unit_test(test_used_counts_requests),
		cmocka_unit_test(test_many_blocks_intact),
		cmocka_unit_test(test_large_blocks),
		cmocka_unit_test(test_big_block_keeps_head),
		cmocka_unit_test(test_reset_reuses_newest_chunk),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
