/*
 * test_retention: the retention period and the clients past it.
 *
 * Test plan: "3y", "18m", "90d" read, and every other shape refused (no
 * number, no unit, another unit, zero, spaces, signs, decimals, upper
 * case, past a century, a number that would overflow); TANDEM_RETENTION
 * unset or empty is no period, malformed is an error; the cutoff goes back
 * in calendar units (a month from 31 March is 28 or 29 February, a year
 * from 29 February is 28 February, days across a year's end); against a
 * fixed TANDEM_NOW, exactly the clients whose last session began before
 * the cutoff are due (a session at the very cutoff is not, a client with
 * no session is not, the latest session counts, not the first), and one
 * that has a session since it was listed is due no longer.
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

#include "testdir.h"

#include "clients.h"
#include "clock.h"
#include "retention.h"
#include "util.h"

static char tmp[TESTDIR_MAX];

static int setup(void **state)
{
	(void)state;
	assert_true(testdir_make(tmp, "retention"));
	setenv("TANDEM_HOME", tmp, 1);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	int rc = testdir_remove(tmp);
	unsetenv("TANDEM_NOW");
	unsetenv(RETENTION_ENV);
	return rc == 0 ? 0 : -1;
}

static time_t at(const char *iso)
{
	time_t t;
	assert_true(clock_parse(iso, &t));
	return t;
}

static void parse_ok(const char *s, unsigned n, char unit)
{
	Retention r = { 0, 0 };
	assert_true(retention_parse(s, &r));
	assert_int_equal(r.n, n);
	assert_int_equal(r.unit, unit);
	char back[16];
	retention_text(&r, back);
	assert_string_equal(back, s);
}

static void test_parse(void **state)
{
	(void)state;
	parse_ok("3y", 3, 'y');
	parse_ok("18m", 18, 'm');
	parse_ok("90d", 90, 'd');
	parse_ok("100y", 100, 'y');
	parse_ok("1200m", 1200, 'm');
	parse_ok("36500d", 36500, 'd');
	static const char *const bad[] = {
		"", "3", "y", "0d", "00y", "3w", "3h", "3Y", "3 y", " 3y", "3y ", "+3y", "-3y",
		"1.5y", "3yy", "y3", "101y", "1201m", "36501d", "99999999999999999999d", "3ÿ",
	};
	for (size_t i = 0; i < ARRAY_LEN(bad); i++) {
		Retention r = { 7, 'x' };
		if (retention_parse(bad[i], &r))
			fail_msg("'%s' read as a period", bad[i]);
		assert_int_equal(r.n, 7); /* untouched */
	}
}

static void test_env(void **state)
{
	(void)state;
	Retention r;
	unsetenv(RETENTION_ENV);
	assert_int_equal(retention_env(&r), RETENTION_UNSET);
	setenv(RETENTION_ENV, "", 1);
	assert_int_equal(retention_env(&r), RETENTION_UNSET);
	setenv(RETENTION_ENV, "3 years", 1);
	assert_int_equal(retention_env(&r), RETENTION_BAD);
	setenv(RETENTION_ENV, "18m", 1);
	assert_int_equal(retention_env(&r), RETENTION_SET);
	assert_int_equal(r.n, 18);
	unsetenv(RETENTION_ENV);
}

static void cutoff_is(const char *period, const char *now, const char *want)
{
	Retention r;
	assert_true(retention_parse(period, &r));
	char got[32];
	clock_iso(retention_cutoff(&r, at(now)), got);
	assert_string_equal(got, want);
}

static void test_cutoff(void **state)
{
	(void)state;
	cutoff_is("3y", "2026-12-04T10:00:00Z", "2023-12-04T10:00:00Z");
	cutoff_is("18m", "2026-12-04T10:00:00Z", "2025-06-04T10:00:00Z");
	cutoff_is("90d", "2026-12-04T10:00:00Z", "2026-09-05T10:00:00Z");
	cutoff_is("1m", "2026-03-31T08:00:00Z", "2026-02-28T08:00:00Z");
	cutoff_is("1m", "2028-03-31T08:00:00Z", "2028-02-29T08:00:00Z");
	cutoff_is("1y", "2028-02-29T08:00:00Z", "2027-02-28T08:00:00Z");
	cutoff_is("4y", "2028-02-29T08:00:00Z", "2024-02-29T08:00:00Z");
	cutoff_is("13m", "2027-01-15T00:00:00Z", "2025-12-15T00:00:00Z");
	cutoff_is("10d", "2027-01-05T00:00:00Z", "2026-12-26T00:00:00Z");
	cutoff_is("100y", "1990-06-30T12:00:00Z", "1890-06-30T12:00:00Z");
	cutoff_is("1200m", "1990-01-31T12:00:00Z", "1890-01-31T12:00:00Z");
}

/* A client's folder in the home with one transcript a start time. */
static void client(const char *name, const char *const *starts, size_t n)
{
	char *folder = xasprintf("%s/%s", tmp, name);
	assert_int_equal(mkdir(folder, 0700), 0);
	for (size_t i = 0; i < n; i++) {
		char *path = xasprintf("%s/s%zu.yaml", folder, i);
		FILE *f = fopen(path, "w");
		assert_non_null(f);
		fprintf(f,
		        "tandem-transcript: 1\n"
		        "dialogue: {id: checkin, title: \"T\", lang: en, file: \"/x.yaml\", "
		        "sha256: \"00\"}\n"
		        "mode: coach\nclient: \"%s\"\nseed: 1\nstarted: %s\nturns:\n"
		        "answers: {}\ncommitments: []\nreviews: []\nstatus: complete\nended: %s\n",
		        name, starts[i], starts[i]);
		fclose(f);
		free(path);
	}
	free(folder);
}

/* The names of the clients due at now, comma-separated (heap). */
static char *due_names(const char *period, const char *now)
{
	setenv("TANDEM_NOW", now, 1);
	Retention r;
	assert_true(retention_parse(period, &r));
	Clients c;
	char *err = NULL;
	assert_true(clients_read(&c, &err));
	Expired *v;
	Diags d = { 0 };
	size_t n = retention_due(&c, &r, clock_now(), &v, &d);
	assert_int_equal(d.n, 0);
	Buf b = { 0 };
	for (size_t i = 0; i < n; i++) {
		buf_printf(&b, "%s%s", i ? "," : "", v[i].client->name);
		char *want = xasprintf("%s/%s", tmp, v[i].client->folder);
		assert_string_equal(v[i].folder, want);
		free(want);
		assert_true(retention_still_due(&v[i], &r, clock_now()));
	}
	retention_due_free(v, n);
	clients_free(&c);
	diags_free(&d);
	return buf_take(&b);
}

static void test_due(void **state)
{
	(void)state;
	static const char *const old[] = { "2022-01-10T09:00:00Z", "2023-06-01T09:00:00Z" };
	static const char *const edge[] = { "2023-12-04T10:00:00Z" };
	static const char *const before_edge[] = { "2023-12-04T09:59:59Z" };
	static const char *const recent[] = { "2020-01-01T09:00:00Z", "2026-11-30T09:00:00Z" };
	client("Ann", old, 2);
	client("bob", edge, 1);
	client("Chloé", before_edge, 1);
	client("dana", recent, 2);
	client("Eve", NULL, 0); /* a folder and no session: no date to count from */
	char *names = due_names("3y", "2026-12-04T10:00:00Z");
	assert_string_equal(names, "Ann,Chloé");
	free(names);
	names = due_names("1y", "2026-12-04T10:00:00Z");
	assert_string_equal(names, "Ann,bob,Chloé");
	free(names);
	names = due_names("90d", "2027-06-01T00:00:00Z");
	assert_string_equal(names, "Ann,bob,Chloé,dana");
	free(names);
	names = due_names("10y", "2026-12-04T10:00:00Z");
	assert_string_equal(names, "");
	free(names);
}

static void test_due_no_longer(void **state)
{
	(void)state;
	static const char *const old[] = { "2022-01-10T09:00:00Z" };
	client("Fay", old, 1);
	setenv("TANDEM_NOW", "2026-12-04T10:00:00Z", 1);
	Retention r;
	assert_true(retention_parse("3y", &r));
	Clients c;
	char *err = NULL;
	assert_true(clients_read(&c, &err));
	const Client *fay = clients_find(&c, "fay");
	assert_non_null(fay);
	Expired e = { fay, xasprintf("%s/%s", tmp, fay->folder), at("2022-01-10T09:00:00Z") };
	assert_true(retention_still_due(&e, &r, clock_now()));
	static const char *const since[] = { "2022-01-10T09:00:00Z", "2026-12-04T09:00:00Z" };
	assert_int_equal(testdir_remove(e.folder), 0);
	client("Fay", since, 2); /* a session meanwhile */
	assert_false(retention_still_due(&e, &r, clock_now()));
	free(e.folder);
	clients_free(&c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_env),
		cmocka_unit_test(test_cutoff),
		cmocka_unit_test_setup_teardown(test_due, setup, teardown),
		cmocka_unit_test_setup_teardown(test_due_no_longer, setup, teardown),
	};
	return cmocka_run_group_tests_name("retention", tests, NULL, NULL);
}
