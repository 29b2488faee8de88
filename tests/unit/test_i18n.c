/* Tests of i18n: every message exists in every language, with the same
 * printf conversions, so that a translation can never crash a session. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
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
	assert_string_equal(msg(NULL, MSG_PAUSED), "Session paused.");
	assert_string_equal(msg("fra", MSG_PAUSED), "Session paused.");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_message_in_every_language),
		cmocka_unit_test(languages_by_tag),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
