/*
 * test_clock: the one rule for times and dates.
 *
 * Test plan: clock_parse takes ISO 8601 times and dates, with Z or an
 * offset, and refuses what does not exist (2026-02-30, 24:00) or is not
 * written with digits where digits go; clock_is_date is the same rule for
 * a date alone, and a commitment's due date and the journal both follow
 * it (2026-02-30 has no due date anywhere).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "clock.h"

static void times_and_offsets(void **state)
{
	(void)state;
	time_t t;
	assert_true(clock_parse("2026-11-23T10:00:00Z", &t));
	assert_int_equal(t, 1795428000);
	assert_true(clock_parse("2026-11-23T11:00:00+01:00", &t));
	assert_int_equal(t, 1795428000);
	assert_true(clock_parse("2026-11-23", &t));
	assert_int_equal(t, 1795392000);
	assert_true(clock_parse("2028-02-29", &t));
	assert_true(clock_parse("2000-02-29", &t));
}

static void what_does_not_exist(void **state)
{
	(void)state;
	const char *bad[] = {
		"2026-02-30", "2026-02-29", "1900-02-29", "2026-04-31", "2026-13-01",
		"2026-00-10", "2026-01-00", "2026-11-23T24:00:00Z", "2026-11-23T10:60:00Z",
		"2026-11-23T10:00:60Z", "2026-+1-01", "2026- 1-01", "+026-01-01",
		"2026-1-1", "2026-11-23T", "2026-11-23T10:00Z", "2026-11-23X", "",
		"2026-11-23T10:00:00+25:00",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		time_t t;
		if (clock_parse(bad[i], &t))
			fail_msg("'%s' was taken for a time", bad[i]);
		if (clock_is_date(bad[i]))
			fail_msg("'%s' was taken for a date", bad[i]);
	}
}

static void dates_alone(void **state)
{
	(void)state;
	assert_true(clock_is_date("2026-12-01"));
	assert_true(clock_is_date("2028-02-29"));
	assert_false(clock_is_date("2026-12-01T10:00:00Z"));
	assert_false(clock_is_date("next friday"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(times_and_offsets),
		cmocka_unit_test(what_does_not_exist),
		cmocka_unit_test(dates_alone),
	};
	return cmocka_run_group_tests_name("clock", tests, NULL, NULL);
}
