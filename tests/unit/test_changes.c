/*
 * test_changes: the log of changes made to commitments between sessions.
 *
 * Test plan: what changes_append writes, changes_read reads back, with
 * its texts quoted whatever they hold, in time order whatever the order
 * of the lines; a last line cut short (a crash while it was written) is
 * left out as never written; a line that is not a change is warned of by
 * its number and left out; a folder without a log has no changes; the log
 * is made 0600.
 */
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

#include "changes.h"
#include "clock.h"
#include "util.h"

static char *folder(void)
{
	const char *tmp = getenv("TMPDIR");
	char *dir = xasprintf("%s/test_changes.XXXXXX", tmp && *tmp ? tmp : "/tmp");
	assert_non_null(mkdtemp(dir));
	return dir;
}

static void remove_all(char *dir)
{
	char *log = xasprintf("%s/%s", dir, CHANGES_FILE);
	unlink(log);
	free(log);
	rmdir(dir);
	free(dir);
}

static time_t at(const char *iso)
{
	time_t t;
	assert_true(clock_parse(iso, &t));
	return t;
}

static void round_trip_in_time_order(void **state)
{
	(void)state;
	char *dir = folder();
	char *err = NULL;
	Change later = { .commitment = "c-2", .status = "renegotiated",
	                 .when = "vendredi \"prochain\"\n", .due = "2026-12-11",
	                 .at = at("2026-12-04T10:00:00Z") };
	Change sooner = { .commitment = "c-1", .status = "done", .at = at("2026-12-01T09:00:00Z") };
	assert_true(changes_append(dir, &later, &err));
	assert_true(changes_append(dir, &sooner, &err));
	char *log = xasprintf("%s/%s", dir, CHANGES_FILE);
	struct stat st;
	assert_int_equal(stat(log, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	free(log);
	Changes c;
	Diags d = { 0 };
	changes_read(&c, dir, &d);
	assert_int_equal(d.n, 0);
	assert_int_equal(c.n, 2);
	assert_string_equal(c.v[0].commitment, "c-1");
	assert_null(c.v[0].when);
	assert_string_equal(c.v[1].status, "renegotiated");
	assert_string_equal(c.v[1].when, "vendredi \"prochain\"\n");
	assert_string_equal(c.v[1].due, "2026-12-11");
	assert_int_equal(c.v[1].at, at("2026-12-04T10:00:00Z"));
	changes_free(&c);
	diags_free(&d);
	remove_all(dir);
}

static void torn_and_foreign_lines(void **state)
{
	(void)state;
	char *dir = folder();
	char *log = xasprintf("%s/%s", dir, CHANGES_FILE);
	FILE *f = fopen(log, "w");
	assert_non_null(f);
	fputs("- {commitment: \"a\", status: done, at: \"2026-12-01T09:00:00Z\"}\n"
	      "not a change at all\n"
	      "- {commitment: \"b\", status: dropped}\n"
	      "- {commitment: \"c\", status: done, at: \"2026-12-0", f);
	fclose(f);
	Changes c;
	Diags d = { 0 };
	changes_read(&c, dir, &d);
	assert_int_equal(c.n, 1);
	assert_string_equal(c.v[0].commitment, "a");
	assert_int_equal(d.warnings, 2);
	assert_int_equal(d.v[0].loc.line, 2);
	assert_int_equal(d.v[1].loc.line, 3);
	changes_free(&c);
	diags_free(&d);
	free(log);
	remove_all(dir);
}

/* A line a crash cut short at the end of the log is ended before the next
 * change is appended, which then reads whole; changes of one second keep
 * the order they were written in. */
static void append_after_a_torn_line(void **state)
{
	(void)state;
	char *dir = folder();
	char *log = xasprintf("%s/%s", dir, CHANGES_FILE);
	FILE *f = fopen(log, "w");
	assert_non_null(f);
	fputs("- {commitment: \"a\", status: do", f);
	fclose(f);
	char *err = NULL;
	Change first = { .commitment = "c", .status = "renegotiated", .when = "friday",
	                 .due = "2026-12-11", .at = at("2026-12-04T10:00:00Z") };
	Change second = { .commitment = "c", .status = "done", .at = at("2026-12-04T10:00:00Z") };
	assert_true(changes_append(dir, &first, &err));
	assert_true(changes_append(dir, &second, &err));
	Changes c;
	Diags d = { 0 };
	assert_true(changes_read(&c, dir, &d));
	assert_int_equal(c.n, 2);
	assert_string_equal(c.v[0].status, "renegotiated");
	assert_string_equal(c.v[1].status, "done");
	assert_int_equal(d.warnings, 1); /* the torn line, named by its number */
	changes_free(&c);
	diags_free(&d);
	free(log);
	remove_all(dir);
}

/* A log that exists but cannot be read is said, not taken for empty. */
static void unreadable_log(void **state)
{
	(void)state;
	char *dir = folder();
	char *log = xasprintf("%s/%s", dir, CHANGES_FILE);
	assert_int_equal(mkdir(log, 0700), 0); /* not a regular file */
	Changes c;
	Diags d = { 0 };
	assert_false(changes_read(&c, dir, &d));
	assert_int_equal(c.n, 0);
	assert_int_equal(d.warnings, 1);
	changes_free(&c);
	diags_free(&d);
	rmdir(log);
	free(log);
	remove_all(dir);
}

static void no_log_no_changes(void **state)
{
	(void)state;
	char *dir = folder();
	Changes c;
	changes_read(&c, dir, NULL);
	assert_int_equal(c.n, 0);
	changes_free(&c);
	remove_all(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(round_trip_in_time_order),
		cmocka_unit_test(torn_and_foreign_lines),
		cmocka_unit_test(append_after_a_torn_line),
		cmocka_unit_test(unreadable_log),
		cmocka_unit_test(no_log_no_changes),
	};
	return cmocka_run_group_tests_name("changes", tests, NULL, NULL);
}
