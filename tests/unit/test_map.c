/*
 * test_map: the one string-keyed table.
 *
 * Test plan: keys are numbered in first-added order and found again; a key
 * added twice keeps its number; a Map holds its own copies of the keys;
 * clearing empties it for reuse (small and after growing large); a large
 * Map finds each of 100,000 keys and no other.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "map.h"
#include "util.h"

static void numbers_in_order(void **state)
{
	(void)state;
	Map m = { 0 };
	assert_int_equal(map_find(&m, "a"), MAP_NONE);
	bool added;
	assert_int_equal(map_add(&m, "b", &added), 0);
	assert_true(added);
	assert_int_equal(map_add(&m, "a", &added), 1);
	assert_int_equal(map_add(&m, "b", &added), 0);
	assert_false(added);
	assert_int_equal(map_count(&m), 2);
	assert_string_equal(map_key(&m, 0), "b");
	assert_int_equal(map_find(&m, "a"), 1);
	assert_int_equal(map_find(&m, ""), MAP_NONE);
	assert_int_equal(map_add(&m, "", NULL), 2);
	assert_int_equal(map_find(&m, ""), 2);
	map_free(&m);
}

static void keys_are_copied(void **state)
{
	(void)state;
	Map m = { 0 };
	char key[] = "name";
	map_add(&m, key, NULL);
	key[0] = 'g';
	assert_string_equal(map_key(&m, 0), "name");
	assert_int_equal(map_find(&m, "name"), 0);
	assert_int_equal(map_find(&m, "game"), MAP_NONE);
	map_free(&m);
}

static void clear_for_reuse(void **state)
{
	(void)state;
	Map m = { 0 };
	for (int round = 0; round < 3; round++) {
		int n = round == 1 ? 1000 : 5;
		for (int i = 0; i < n; i++) {
			char key[16];
			snprintf(key, sizeof(key), "k%d", i);
			assert_int_equal(map_add(&m, key, NULL), i);
		}
		assert_int_equal(map_count(&m), n);
		map_clear(&m);
		assert_int_equal(map_count(&m), 0);
		assert_int_equal(map_find(&m, "k0"), MAP_NONE);
	}
	map_free(&m);
}

static void many_keys(void **state)
{
	(void)state;
	Map m = { 0 };
	enum { N = 100000 };
	char key[32];
	for (int i = 0; i < N; i++) {
		snprintf(key, sizeof(key), "node_%d", i);
		assert_int_equal(map_add(&m, key, NULL), i);
	}
	for (int i = 0; i < N; i++) {
		snprintf(key, sizeof(key), "node_%d", i);
		assert_int_equal(map_find(&m, key), i);
	}
	assert_int_equal(map_find(&m, "node_100000"), MAP_NONE);
	map_free(&m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(numbers_in_order),
		cmocka_unit_test(keys_are_copied),
		cmocka_unit_test(clear_for_reuse),
		cmocka_unit_test(many_keys),
	};
	return cmocka_run_group_tests_name("map", tests, NULL, NULL);
}
