/* Tests of i18n: the locale's language (LANGUAGE, LC_ALL, LC_MESSAGES,
 * LANG; fr, fr_CA, FR, fr-BE), French from the catalogue even with no
 * French locale on the machine, every message in every language with the
 * same printf conversions (so that a translation can never crash a
 * session), and errno kept across a translation. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "i18n.h"

/* The conversions of a printf format, in order ("%ld%ld"), into out. */
static void conversions(const char *fmt, char *out, size_t cap)
{
	size_t n = 0;
	for (const char *p = fmt; *p; p++) {
		if (*p != '%')
			continue;
		p++;
		if (*p == '%')
			continue;
		while (*p && strchr("lzh", *p) && n + 1 < cap)
			out[n++] = *p++;
		if (*p && n + 1 < cap)
			out[n++] = *p;
		if (!*p)
			break;
	}
	out[n] = '\0';
}

/* First: the language is read from the environment once. LANGUAGE wins
 * over LANG, and names a language that has no locale here. */
static void locale_language(void **state)
{
	(void)state;
	setenv("LANG", "en_US.UTF-8", 1);
	setenv("LANGUAGE", "fr_CA", 1);
	assert_string_equal(i18n_locale_lang(), "fr");
	assert_string_equal(_("Session paused."), "Séance en pause.");
	i18n_use("en");
	assert_string_equal(_("Session paused."), "Session paused.");
	i18n_use("fr-BE");
	assert_string_equal(_("Session paused."), "Séance en pause.");
}

static void french_tags(void **state)
{
	(void)state;
	const char *fr[] = { "fr", "FR", "fr-CA", "fr_BE", "fr_FR.UTF-8", "Fr" };
	const char *not[] = { "en", "de", "fry", "f", "", "C.UTF-8" };
	for (size_t i = 0; i < sizeof(fr) / sizeof(fr[0]); i++)
		if (!i18n_is_fr(fr[i]))
			fail_msg("'%s' was not taken for French", fr[i]);
	for (size_t i = 0; i < sizeof(not) / sizeof(not[0]); i++)
		if (i18n_is_fr(not[i]))
			fail_msg("'%s' was taken for French", not[i]);
	assert_false(i18n_is_fr(NULL));
}

static void errno_is_kept(void **state)
{
	(void)state;
	errno = ENOSPC;
	(void)msg("fr", MSG_PAUSED);
	(void)_("Session paused.");
	assert_int_equal(errno, ENOSPC);
}

static void every_message_in_every_language(void **state)
{
	(void)state;
	for (int id = 0; id < MSG_COUNT; id++) {
		const char *en = msg("en", (MsgId)id);
		const char *fr = msg("fr", (MsgId)id);
		assert_non_null(en);
		assert_non_null(fr);
		assert_true(*en != '\0');
		assert_true(*fr != '\0');
		char ce[32], cf[32];
		conversions(en, ce, sizeof(ce));
		conversions(fr, cf, sizeof(cf));
		assert_string_equal(ce, cf);
	}
}

static void languages_by_tag(void **state)
{
	(void)state;
	assert_string_equal(msg("fr", MSG_PAUSED), "Séance en pause.");
	assert_string_equal(msg("fr-CA", MSG_PAUSED), "Séance en pause.");
	assert_string_equal(msg("en", MSG_PAUSED), "Session paused.");
	assert_string_equal(msg("de", MSG_PAUSED), "Session paused.");
	i18n_use("en");
	assert_string_equal(msg(NULL, MSG_PAUSED), "Session paused.");
	assert_string_equal(msg("fra", MSG_PAUSED), "Session paused.");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(locale_language),
		cmocka_unit_test(french_tags),
		cmocka_unit_test(errno_is_kept),
		cmocka_unit_test(every_message_in_every_language),
		cmocka_unit_test(languages_by_tag),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
