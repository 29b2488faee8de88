/*
 * test_redact: what `tandem show --share` masks. Test plan:
 *   - e-mail addresses: plain, with + and dots, non-ASCII local part, at the
 *     end of a sentence (the full stop stays), not a lone @ nor a domain
 *     without a dot;
 *   - phone numbers: French (06 12 34 56 78, 06.12.34.56.78, 0612345678),
 *     international (+33 6 12 34 56 78, +33 (0)6 12 34 56 78,
 *     +1 555-123-4567), North American ((555) 123-4567); not dates, short
 *     numbers, or digits glued to letters;
 *   - the client's name: any case, with or without accents, whole words
 *     only (Dana in Danae stays), word by word for a full name, UTF-8
 *     neighbours (’s, «», é after the name);
 *   - --redact words: whole words, several words, the marks in French;
 *   - texts left as they were: nothing to mask, empty text, invalid UTF-8.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "redact.h"
#include "util.h"

static void check(const Redactor *r, const char *in, const char *want)
{
	char *got = redact_text(r, in);
	if (!str_eq(got, want))
		print_error("in:   %s\nwant: %s\ngot:  %s\n", in, want, got);
	assert_string_equal(got, want);
	free(got);
}

static void test_emails(void **state)
{
	(void)state;
	Redactor *r = redact_new("en");
	check(r, "write to dana@example.com today", "write to [email] today");
	check(r, "a.b+coach@mail.example.org", "[email]");
	check(r, "Mail: élodie.durand@exemple.fr.", "Mail: [email].");
	check(r, "<x_y@a-b.co.uk>", "<[email]>");
	check(r, "meet @ noon", "meet @ noon");
	check(r, "user@localhost", "user@localhost");
	check(r, "two: a@b.io, c@d.io", "two: [email], [email]");
	redact_free(r);
}

static void test_phones(void **state)
{
	(void)state;
	Redactor *r = redact_new("en");
	check(r, "call 06 12 34 56 78 now", "call [phone] now");
	check(r, "06.12.34.56.78", "[phone]");
	check(r, "0612345678", "[phone]");
	check(r, "06-12-34-56-78.", "[phone].");
	check(r, "+33 6 12 34 56 78", "[phone]");
	check(r, "+33 (0)6 12 34 56 78", "[phone]");
	check(r, "tel:+33612345678", "tel:[phone]");
	check(r, "(555) 123-4567", "[phone]");
	check(r, "+1 555-123-4567 or (555) 123-4567", "[phone] or [phone]");
	check(r, "by 2026-12-01", "by 2026-12-01");
	check(r, "from 10 to 12, 3 times", "from 10 to 12, 3 times");
	check(r, "code AB0612345678", "code AB0612345678");
	check(r, "0612345678x", "0612345678x");
	check(r, "1234567890123456", "1234567890123456");
	redact_free(r);
}

static void test_names(void **state)
{
	(void)state;
	Redactor *r = redact_new("en");
	redact_name(r, "Élodie Martin", "the client");
	check(r, "Élodie said", "the client said");
	check(r, "ELODIE and elodie and ÉLODIE", "the client and the client and the client");
	check(r, "Élodie Martin, again", "the client, again");
	check(r, "Mme MARTIN", "Mme the client");
	check(r, "Élodies", "Élodies");
	check(r, "Martine", "Martine");
	check(r, "«Élodie» and Élodie’s plan", "«the client» and the client’s plan");
	check(r, "l'Élodie-du-matin", "l'the client-du-matin");
	redact_free(r);

	r = redact_new("en");
	redact_name(r, "dana", "[client]");
	check(r, "Dana, Danae and DANA.", "[client], Danae and [client].");
	check(r, "Danaé", "Danaé");
	redact_free(r);
}

static void test_words(void **state)
{
	(void)state;
	Redactor *r = redact_new("fr");
	redact_word(r, "Acme");
	redact_word(r, "Saint-Étienne");
	redact_word(r, "Paul");
	check(r, "chez ACME à Saint-Étienne avec Paul",
	      "chez [masqué] à [masqué] avec [masqué]");
	check(r, "Acmeology, Pauline", "Acmeology, Pauline");
	check(r, "écrire à paul@acme.fr ou au 06 12 34 56 78",
	      "écrire à [e-mail] ou au [téléphone]");
	check(r, "saint etienne", "[masqué] [masqué]");
	redact_free(r);
}

static void test_untouched(void **state)
{
	(void)state;
	Redactor *r = redact_new("en");
	redact_name(r, "Sam", "[client]");
	check(r, "", "");
	check(r, "nothing to hide here", "nothing to hide here");
	check(r, "bad \xff byte Sam \xc3", "bad \xff byte [client] \xc3");
	check(r, "Sam", "[client]");
	redact_name(r, "   ", "[client]");
	check(r, "a   b", "a   b");
	redact_free(r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_emails),
		cmocka_unit_test(test_phones),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_words),
		cmocka_unit_test(test_untouched),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
