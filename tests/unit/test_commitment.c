/*
 * test_commitment: the one rule for a commitment's id and due date.
 *
 * Test plan: commitment_make gives the id the session writes (its start in
 * UTC, then the rank), a due date only for a day that exists (2026-02-30
 * has none, 2028-02-29 has one), the status "open", and copies of its
 * texts; `when` is read in the session's language against the start's date
 * ("vendredi" in French, "next friday" in English; not each other's
 * words), and kept as typed beside its due date; done and dropped close a
 * commitment, any other status leaves it to review.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "clock.h"
#include "commitment.h"

static time_t at(const char *iso)
{
	time_t t;
	assert_true(clock_parse(iso, &t));
	return t;
}

static void id_and_due(void **state)
{
	(void)state;
	char when[] = "2028-02-29";
	Commitment c = commitment_make(at("2026-11-23T11:05:09+01:00"), "en", 2, "Call Sam", when,
	                               "Sam says yes", "checkin.commit");
	when[0] = 'x';
	assert_string_equal(c.id, "20261123T100509-2");
	assert_string_equal(c.when, "2028-02-29");
	assert_string_equal(c.due, "2028-02-29");
	assert_string_equal(c.status, "open");
	assert_string_equal(c.node, "checkin.commit");
	commitment_free(&c);
	assert_null(c.id);
}

static void no_due_date_for_a_day_that_does_not_exist(void **state)
{
	(void)state;
	const char *whens[] = { "2026-02-30", "2026-04-31", "31/04/2026", "vendredi", "soon",
		                    "2026-12-01T10:00:00Z" };
	for (size_t i = 0; i < sizeof(whens) / sizeof(whens[0]); i++) {
		Commitment c = commitment_make(at("2026-11-23"), "en", 1, "Write", whens[i], "A page",
		                               NULL);
		if (c.due)
			fail_msg("'%s' was given the due date '%s'", whens[i], c.due);
		assert_string_equal(c.when, whens[i]);
		assert_null(c.node);
		commitment_free(&c);
	}
}

/* Monday 2026-11-23, late in the evening in UTC: the day is still the 23rd. */
static void words_read_in_the_session_language(void **state)
{
	(void)state;
	const struct {
		const char *lang, *when, *due;
	} read[] = {
		{ "fr", "vendredi", "2026-11-27" },
		{ "fr", "dans 2 semaines", "2026-12-07" },
		{ "fr", "30/11/2026", "2026-11-30" },
		{ "en", "next friday", "2026-11-27" },
		{ "en", "tomorrow", "2026-11-24" },
		{ "en", "end of the month", "2026-11-30" },
		{ "en", "vendredi", NULL },
		{ "fr", "next friday", NULL },
	};
	for (size_t i = 0; i < sizeof(read) / sizeof(read[0]); i++) {
		Commitment c = commitment_make(at("2026-11-23T23:30:00Z"), read[i].lang, 1, "Write",
		                               read[i].when, "A page", NULL);
		assert_string_equal(c.when, read[i].when);
		if (read[i].due)
			assert_string_equal(c.due, read[i].due);
		else if (c.due)
			fail_msg("'%s' in %s was given the due date '%s'", read[i].when, read[i].lang,
			         c.due);
		commitment_free(&c);
	}
}

static void open_or_closed(void **state)
{
	(void)state;
	assert_true(commitment_is_open("open"));
	assert_true(commitment_is_open("partly"));
	assert_true(commitment_is_open("not-done"));
	assert_false(commitment_is_open("done"));
	assert_false(commitment_is_open("dropped"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(id_and_due),
		cmocka_unit_test(no_due_date_for_a_day_that_does_not_exist),
		cmocka_unit_test(words_read_in_the_session_language),
		cmocka_unit_test(open_or_closed),
	};
	return cmocka_run_group_tests_name("commitment", tests, NULL, NULL);
}
