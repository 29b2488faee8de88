/*
 * test_deadline: "by when?" answers read as dates.
 *
 * Test plan: a table of phrases, French and English, each read against a
 * fixed day: Friday 2026-11-27 for most, Wednesday 2026-12-30 across the
 * year's end, Sunday 2027-01-31 and Monday 2028-01-31 for month ends (a
 * month after 31 January is the last day of February, 29 in a leap year)
 * and for weeks that end on the day itself. It covers written dates (ISO,
 * day first with slashes, one-digit day and month), weekdays (any case,
 * with "prochain"/"next", always strictly after today), today, tomorrow
 * and the day after, counts of days, weeks, fortnights and months in
 * digits and words, the end of the week and of the month, next week,
 * accents written, decomposed or left out, curly apostrophes, and the
 * framing words tolerated around a date ("d'ici", "avant le", "by the").
 * The undated half: vague phrases, days that do not exist, a weekday
 * that contradicts its date, a slash date where the month may come first
 * (en-US), the other language's words, leftovers that change the meaning
 * ("pas avant vendredi", "friday or monday"), the empty line, NULL and a
 * sentence too long to be a deadline; an undated answer leaves iso "".
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "clock.h"
#include "deadline.h"

#define FRIDAY "2026-11-27T10:00:00Z"
#define YEAR_END "2026-12-30T23:59:59Z"  /* a Wednesday */
#define SUNDAY "2027-01-31T00:00:00Z"
#define LEAP "2028-01-31T12:00:00Z"      /* a Monday */

typedef struct Case {
	const char *lang, *today, *typed;
	const char *want; /* NULL: undated */
} Case;

static const Case cases[] = {
	/* French, on Friday 2026-11-27 */
	{ "fr", FRIDAY, "2026-12-04", "2026-12-04" },
	{ "fr", FRIDAY, "04/12/2026", "2026-12-04" },
	{ "fr", FRIDAY, "4/12/2026", "2026-12-04" },
	{ "fr", FRIDAY, "vendredi", "2026-12-04" },
	{ "fr", FRIDAY, "Vendredi prochain", "2026-12-04" },
	{ "fr", FRIDAY, "le prochain vendredi", "2026-12-04" },
	{ "fr", FRIDAY, "lundi", "2026-11-30" },
	{ "fr", FRIDAY, "d'ici mardi", "2026-12-01" },
	{ "fr", FRIDAY, "MERCREDI", "2026-12-02" },
	{ "fr", FRIDAY, "samedi !", "2026-11-28" },
	{ "fr", FRIDAY, "jeudi au plus tard", "2026-12-03" },
	{ "fr", FRIDAY, "aujourd'hui", "2026-11-27" },
	{ "fr", FRIDAY, "Aujourd\xe2\x80\x99hui", "2026-11-27" },
	{ "fr", FRIDAY, "demain", "2026-11-28" },
	{ "fr", FRIDAY, "après-demain", "2026-11-29" },
	{ "fr", FRIDAY, "apres demain", "2026-11-29" },
	{ "fr", FRIDAY, "APRÈS-DEMAIN", "2026-11-29" },
	{ "fr", FRIDAY, "apre\xcc\x80s-demain", "2026-11-29" }, /* decomposed è */
	{ "fr", FRIDAY, "dans 2 semaines", "2026-12-11" },
	{ "fr", FRIDAY, "dans deux semaines", "2026-12-11" },
	{ "fr", FRIDAY, "d'ici deux semaines", "2026-12-11" },
	{ "fr", FRIDAY, "dans 3 jours", "2026-11-30" },
	{ "fr", FRIDAY, "dans une semaine", "2026-12-04" },
	{ "fr", FRIDAY, "dans un mois", "2026-12-27" },
	{ "fr", FRIDAY, "dans dix jours", "2026-12-07" },
	{ "fr", FRIDAY, "dans quinze jours", "2026-12-12" },
	{ "fr", FRIDAY, "fin du mois", "2026-11-30" },
	{ "fr", FRIDAY, "d'ici la fin du mois", "2026-11-30" },
	{ "fr", FRIDAY, "fin de la semaine", "2026-11-29" },
	{ "fr", FRIDAY, "la semaine prochaine", "2026-12-06" },
	{ "fr", FRIDAY, "avant le 12/03/2027", "2027-03-12" },
	{ "fr", FRIDAY, "au plus tard le 12/03/2027.", "2027-03-12" },
	{ "fr", FRIDAY, "vendredi 04/12/2026", "2026-12-04" },
	{ "fr-CA", FRIDAY, "vendredi", "2026-12-04" },
	/* English, on Friday 2026-11-27 */
	{ "en", FRIDAY, "2026-12-04", "2026-12-04" },
	{ "en", FRIDAY, "04/12/2026", "2026-12-04" },
	{ "en", FRIDAY, "2027-3-12", "2027-03-12" },
	{ "en", FRIDAY, "Friday", "2026-12-04" },
	{ "en", FRIDAY, "next friday", "2026-12-04" },
	{ "en", FRIDAY, "by Friday", "2026-12-04" },
	{ "en", FRIDAY, "on Monday", "2026-11-30" },
	{ "en", FRIDAY, "today", "2026-11-27" },
	{ "en", FRIDAY, "Tomorrow", "2026-11-28" },
	{ "en", FRIDAY, "the day after tomorrow", "2026-11-29" },
	{ "en", FRIDAY, "in 2 weeks", "2026-12-11" },
	{ "en", FRIDAY, "in two weeks' time", "2026-12-11" },
	{ "en", FRIDAY, "two weeks from now", "2026-12-11" },
	{ "en", FRIDAY, "within a fortnight", "2026-12-11" },
	{ "en", FRIDAY, "in a month", "2026-12-27" },
	{ "en", FRIDAY, "in 10 days", "2026-12-07" },
	{ "en", FRIDAY, "end of the month", "2026-11-30" },
	{ "en", FRIDAY, "by the end of the week", "2026-11-29" },
	{ "en", FRIDAY, "next week", "2026-12-06" },
	{ "en", FRIDAY, "before 12/03/2027", "2027-03-12" },
	{ "en-GB", FRIDAY, "04/12/2026", "2026-12-04" },
	{ "de", FRIDAY, "tomorrow", "2026-11-28" },  /* English words for any other language */
	{ "de", FRIDAY, "2026-12-04", "2026-12-04" },
	/* Across the year's end, on Wednesday 2026-12-30 */
	{ "fr", YEAR_END, "fin du mois", "2026-12-31" },
	{ "fr", YEAR_END, "dans 2 jours", "2027-01-01" },
	{ "fr", YEAR_END, "vendredi", "2027-01-01" },
	{ "fr", YEAR_END, "mercredi", "2027-01-06" },
	{ "fr", YEAR_END, "dans 2 mois", "2027-02-28" },
	{ "en", YEAR_END, "in 1 month", "2027-01-30" },
	{ "en", YEAR_END, "end of the week", "2027-01-03" },
	{ "en", YEAR_END, "next week", "2027-01-10" },
	{ "en", YEAR_END, "tomorrow", "2026-12-31" },
	/* Month ends, weeks ending on the day itself */
	{ "fr", SUNDAY, "dans un mois", "2027-02-28" },
	{ "fr", SUNDAY, "fin du mois", "2027-01-31" },
	{ "fr", SUNDAY, "fin de la semaine", "2027-01-31" },
	{ "fr", SUNDAY, "dimanche", "2027-02-07" },
	{ "en", SUNDAY, "next week", "2027-02-07" },
	{ "en", LEAP, "in a month", "2028-02-29" },
	{ "en", LEAP, "end of the month", "2028-01-31" },
	/* Undated */
	{ "fr", FRIDAY, "quand je pourrai", NULL },
	{ "en", FRIDAY, "soon", NULL },
	{ "en", FRIDAY, "next blue moon", NULL },
	{ "en", FRIDAY, "", NULL },
	{ "fr", FRIDAY, "   ", NULL },
	{ "en", FRIDAY, "2026-02-30", NULL },
	{ "fr", FRIDAY, "2026-02-30", NULL },
	{ "fr", FRIDAY, "31/04/2027", NULL },
	{ "en", FRIDAY, "12/13/2027", NULL },
	{ "en-US", FRIDAY, "04/12/2026", NULL },
	{ "en", FRIDAY, "12/3", NULL },
	{ "en", FRIDAY, "2026-12-01T10:00:00Z", NULL },
	{ "fr", FRIDAY, "vendredi 05/12/2026", NULL },  /* a Saturday */
	{ "fr", FRIDAY, "pas avant vendredi", NULL },
	{ "fr", FRIDAY, "plus tard", NULL },
	{ "fr", FRIDAY, "dans 2 semaines ou 3", NULL },
	{ "fr", FRIDAY, "fin du mois prochain", NULL },
	{ "en", FRIDAY, "friday or monday", NULL },
	{ "en", FRIDAY, "sometime next week", NULL },
	{ "en", FRIDAY, "in weeks", NULL },
	{ "en", FRIDAY, "vendredi", NULL },
	{ "fr", FRIDAY, "friday", NULL },
	{ "en", FRIDAY, "by", NULL },
	{ "en", FRIDAY, "tomorrow tomorrow tomorrow tomorrow tomorrow tomorrow tomorrow "
	                "tomorrow tomorrow tomorrow tomorrow tomorrow tomorrow tomorrow "
	                "tomorrow tomorrow tomorrow", NULL },
};

static time_t at(const char *iso)
{
	time_t t;
	assert_true(clock_parse(iso, &t));
	return t;
}

static void the_table(void **state)
{
	(void)state;
	size_t wrong = 0, dated = 0, undated = 0;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const Case *c = &cases[i];
		char iso[11] = "x";
		bool ok = deadline_read(c->typed, c->lang, at(c->today), iso);
		if (c->want && (!ok || strcmp(iso, c->want) != 0)) {
			print_error("%s '%s' on %s: want %s, got %s\n", c->lang, c->typed, c->today,
			            c->want, ok ? iso : "undated");
			wrong++;
		} else if (!c->want && (ok || iso[0])) {
			print_error("%s '%s' on %s: want undated, got '%s'\n", c->lang, c->typed,
			            c->today, iso);
			wrong++;
		}
		c->want ? dated++ : undated++;
	}
	assert_int_equal(wrong, 0);
	assert_true(dated >= 40);
	assert_true(undated >= 8);
}

static void null_text_and_language(void **state)
{
	(void)state;
	char iso[11] = "x";
	assert_false(deadline_read(NULL, "fr", at(FRIDAY), iso));
	assert_string_equal(iso, "");
	assert_true(deadline_read("tomorrow", NULL, at(FRIDAY), iso));
	assert_string_equal(iso, "2026-11-28");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(the_table),
		cmocka_unit_test(null_text_and_language),
	};
	return cmocka_run_group_tests_name("deadline", tests, NULL, NULL);
}
