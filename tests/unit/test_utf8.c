/*
 * test_utf8: UTF-8 validation, counting, sanitizing and folding. Test plan:
 *   - utf8_valid on the edges of every range (U+0080, U+07FF, U+0800,
 *     U+D7FF, U+E000, U+10000, U+10FFFF) and on every way to be wrong:
 *     overlongs, surrogates, above U+10FFFF, bad lead bytes, stray
 *     continuations, truncation (mid-text and at the end), NUL; the bad
 *     offset is the start of the offending character; the same at every
 *     offset of a long ASCII run (validated a word at a time);
 *   - utf8_seq_len for each kind of lead byte; utf8_count with stray bytes;
 *   - utf8_sanitize: CSI colour codes, OSC titles (BEL and ST), DCS and
 *     APC strings, unterminated strings, two-byte ESC forms, bare ESC, a
 *     broken CSI, CR, other C0 controls, DEL, C1 controls with the 8-bit CSI
 *     and OSC, invalid bytes as U+FFFD, the length argument;
 *   - utf8_fold: French words, capitals, ligatures, Latin Extended-A,
 *     whitespace trimmed and collapsed, other scripts unchanged.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "utf8.h"
#include "util.h"

/* A byte string with its length, NULs and all. */
#define BYTES(s) s, sizeof(s) - 1

#define REPLACEMENT "\xEF\xBF\xBD"

/* ---- utf8_valid ---- */

static const struct {
	const char *s;
	size_t n;
} valid_cases[] = {
	{ BYTES("") },
	{ BYTES("plain ASCII, with\ttab and\nnewline") },
	{ BYTES("\xC2\x80") },            /* U+0080, the first two-byte */
	{ BYTES("\xDF\xBF") },            /* U+07FF */
	{ BYTES("\xE0\xA0\x80") },        /* U+0800, the first three-byte */
	{ BYTES("\xED\x9F\xBF") },        /* U+D7FF, just below the surrogates */
	{ BYTES("\xEE\x80\x80") },        /* U+E000, just above them */
	{ BYTES("\xEF\xBF\xBF") },        /* U+FFFF */
	{ BYTES("\xF0\x90\x80\x80") },    /* U+10000, the first four-byte */
	{ BYTES("\xF4\x8F\xBF\xBF") },    /* U+10FFFF, the last */
	{ BYTES("Équipe, cœur, 😀, 日本") },
};

static void test_valid(void **state)
{
	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(valid_cases); i++) {
		size_t bad = 12345;
		assert_true(utf8_valid(valid_cases[i].s, valid_cases[i].n, &bad));
	}
}

static const struct {
	const char *what;
	const char *s;
	size_t n;
	size_t bad;
} invalid_cases[] = {
	{ "overlong NUL", BYTES("\xC0\x80"), 0 },
	{ "overlong two-byte", BYTES("ab\xC1\xBF"), 2 },
	{ "overlong three-byte", BYTES("\xE0\x80\x80"), 0 },
	{ "overlong U+07FF", BYTES("x\xE0\x9F\xBF"), 1 },
	{ "overlong four-byte", BYTES("\xF0\x8F\xBF\xBF"), 0 },
	{ "high surrogate", BYTES("\xED\xA0\x80"), 0 },
	{ "low surrogate", BYTES("ok \xED\xBF\xBF"), 3 },
	{ "above U+10FFFF", BYTES("\xF4\x90\x80\x80"), 0 },
	{ "lead F5", BYTES("\xF5\x80\x80\x80"), 0 },
	{ "byte FF", BYTES("a\xFF"), 1 },
	{ "stray continuation", BYTES("ab\x80"), 2 },
	{ "truncated at end", BYTES("caf\xC3"), 3 },
	{ "truncated three-byte", BYTES("\xE2\x82"), 0 },
	{ "truncated four-byte", BYTES("\xF0\x9F\x98"), 0 },
	{ "broken by ASCII", BYTES("\xE2\x82" "A"), 0 },
	{ "bad after good", BYTES("\xC3\xA9\xC3\xA9\xE9t\xC3\xA9"), 4 },
	{ "NUL", BYTES("ab\0c"), 2 },
	{ "NUL first", BYTES("\0"), 0 },
};

static void test_invalid(void **state)
{
	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(invalid_cases); i++) {
		size_t bad = 12345;
		bool ok = utf8_valid(invalid_cases[i].s, invalid_cases[i].n, &bad);
		if (ok || bad != invalid_cases[i].bad)
			fail_msg("%s: valid=%d bad=%zu, expected bad=%zu", invalid_cases[i].what,
			         ok, bad, invalid_cases[i].bad);
	}
}

static void test_valid_respects_length(void **state)
{
	(void)state;
	size_t bad = 0;
	/* The bad byte lies past n: not looked at. */
	assert_true(utf8_valid("ab\xFF", 2, &bad));
	/* n cuts a character in two: truncated. */
	assert_false(utf8_valid("a\xC3\xA9", 2, &bad));
	assert_int_equal(bad, 1);
}

/* Long ASCII runs are taken 32 then 8 bytes at a time: a NUL, a bad byte
 * or a valid character at every offset of such a run, in a block or in the
 * tail after the last whole one, is still found. */
static void test_valid_long_ascii(void **state)
{
	(void)state;
	char text[100];
	for (size_t at = 0; at + 2 <= sizeof(text); at++) {
		size_t bad = 99;
		memset(text, 'a', sizeof(text));
		assert_true(utf8_valid(text, sizeof(text), &bad));
		text[at] = '\0';
		assert_false(utf8_valid(text, sizeof(text), &bad));
		assert_int_equal(bad, at);
		text[at] = (char)0xFF;
		assert_false(utf8_valid(text, sizeof(text), &bad));
		assert_int_equal(bad, at);
		memcpy(text + at, "\xC3\xA9", 2);
		assert_true(utf8_valid(text, sizeof(text), &bad));
		assert_false(utf8_valid(text, at + 1, &bad));
		assert_int_equal(bad, at);
	}
}

/* ---- utf8_seq_len, utf8_count ---- */

static void test_seq_len(void **state)
{
	(void)state;
	assert_int_equal(utf8_seq_len('a'), 1);
	assert_int_equal(utf8_seq_len(0x00), 1);
	assert_int_equal(utf8_seq_len(0xC3), 2);
	assert_int_equal(utf8_seq_len(0xE2), 3);
	assert_int_equal(utf8_seq_len(0xF0), 4);
	assert_int_equal(utf8_seq_len(0xF4), 4);
	/* Stray bytes: continuations, overlong-only leads, beyond U+10FFFF. */
	assert_int_equal(utf8_seq_len(0x80), 1);
	assert_int_equal(utf8_seq_len(0xBF), 1);
	assert_int_equal(utf8_seq_len(0xC0), 1);
	assert_int_equal(utf8_seq_len(0xC1), 1);
	assert_int_equal(utf8_seq_len(0xF5), 1);
	assert_int_equal(utf8_seq_len(0xFF), 1);
}

static void test_count(void **state)
{
	(void)state;
	assert_int_equal(utf8_count(BYTES("")), 0);
	assert_int_equal(utf8_count(BYTES("héllo")), 5);
	assert_int_equal(utf8_count(BYTES("日本語")), 3);
	assert_int_equal(utf8_count(BYTES("😀!")), 2);
	assert_int_equal(utf8_count(BYTES("a\x80\x80" "b")), 4);
	/* A truncated sequence is one bad character, then what broke it. */
	assert_int_equal(utf8_count(BYTES("\xE2\x82" "A")), 2);
	assert_int_equal(utf8_count("héllo", 3), 2);
}

/* ---- utf8_sanitize ---- */

static void check_sanitize(const char *in, size_t n, const char *want)
{
	char *got = utf8_sanitize(in, n);
	assert_string_equal(got, want);
	free(got);
}

static void test_sanitize_keeps_text(void **state)
{
	(void)state;
	check_sanitize(BYTES(""), "");
	check_sanitize(BYTES("Bonjour, ça va ? 😀 日本"), "Bonjour, ça va ? 😀 日本");
	check_sanitize(BYTES("a\tb\nc\n"), "a\tb\nc\n");
	check_sanitize(BYTES("[31m is not a sequence without ESC"),
	               "[31m is not a sequence without ESC");
}

/* Bidi overrides, embeddings and isolates could make a text read as other
 * words than it holds; the plain direction marks stay. */
static void test_sanitize_bidi(void **state)
{
	(void)state;
	check_sanitize(BYTES("a\u202Eevil\u202Cb"), "aevilb");
	check_sanitize(BYTES("\u202A\u202B\u202Dx\u2066\u2067\u2068\u2069"), "x");
	check_sanitize(BYTES("\u200Eok\u200F"), "\u200Eok\u200F");
	check_sanitize(BYTES("\u2065\u206A"), "\u2065\u206A");
}

/* A name in a message: what sanitize would drop is shown, escaped. */
static void test_visible(void **state)
{
	(void)state;
	char *got = utf8_visible(BYTES("sa\x1B[2Jy\a\t\n\u202E\xC2\x9B\xFFé"));
	assert_string_equal(got, "sa\\x1B[2Jy\\x07\\t\\n\\u202E\\u009B\\xFFé");
	free(got);
	got = utf8_visible(BYTES("plain text, ça va"));
	assert_string_equal(got, "plain text, ça va");
	free(got);
}

static void test_sanitize_csi(void **state)
{
	(void)state;
	check_sanitize(BYTES("\x1B[31mred\x1B[0m"), "red");
	check_sanitize(BYTES("\x1B[1;38;5;208mbold orange\x1B[m!"), "bold orange!");
	check_sanitize(BYTES("\x1B[2J\x1B[Hcleared"), "cleared");
	check_sanitize(BYTES("\x1B[?1049hscreen"), "screen");
	/* Intermediate bytes before the final one. */
	check_sanitize(BYTES("a\x1B[2 qb"), "ab");
	/* Broken by a newline: the newline stays, the rest is text. */
	check_sanitize(BYTES("a\x1B[12\nb"), "a\nb");
	/* Unfinished at the end. */
	check_sanitize(BYTES("a\x1B[12;"), "a");
}

static void test_sanitize_strings(void **state)
{
	(void)state;
	check_sanitize(BYTES("\x1B]0;evil title\x07" "after"), "after");
	check_sanitize(BYTES("\x1B]2;title\x1B\\after"), "after");
	check_sanitize(BYTES("\x1B]8;;http://x.example\x1B\\link\x1B]8;;\x1B\\"), "link");
	check_sanitize(BYTES("\x1BPdevice control\x1B\\ok"), "ok");
	check_sanitize(BYTES("\x1B_application\x07" "ok"), "ok");
	check_sanitize(BYTES("\x1B^privacy\x1B\\ok"), "ok");
	check_sanitize(BYTES("\x1BXstart of string\x1B\\ok"), "ok");
	/* Unterminated: the introducer goes, the rest stays as text, so that
	 * it cannot swallow the words after it. */
	check_sanitize(BYTES("before\x1B]0;never ends\nstill title"),
	               "before0;never ends\nstill title");
	/* An ESC other than ST ends the string and starts its own sequence. */
	check_sanitize(BYTES("\x1B]0;t\x1B[31mred"), "red");
}

static void test_sanitize_other_escapes(void **state)
{
	(void)state;
	check_sanitize(BYTES("a\x1B" "7b\x1B" "8c"), "abc");    /* save, restore cursor */
	check_sanitize(BYTES("a\x1B(Bb"), "ab");               /* character set */
	check_sanitize(BYTES("a\x1B#8b"), "ab");               /* screen alignment */
	check_sanitize(BYTES("a\x1B" "cb"), "ab");             /* reset */
	check_sanitize(BYTES("end\x1B"), "end");               /* bare ESC at the end */
	check_sanitize(BYTES("a\x1B\nb"), "a\nb");             /* bare ESC before newline */
	check_sanitize(BYTES("a\x1B\x1B[1mb"), "ab");
	check_sanitize(BYTES("a\x1B" "éb"), "aéb");            /* ESC alone is dropped */
}

static void test_sanitize_controls(void **state)
{
	(void)state;
	check_sanitize(BYTES("line\r\n"), "line\n");
	check_sanitize(BYTES("over\rwrite"), "overwrite");
	check_sanitize(BYTES("bell\x07 back\x08space\x0B\x0C"), "bell backspace");
	check_sanitize(BYTES("\x01\x02\x1F\x7F"), "");
	check_sanitize(BYTES("nul\0inside"), "nulinside");
}

static void test_sanitize_c1(void **state)
{
	(void)state;
	check_sanitize(BYTES("a\xC2\x85" "b"), "ab");            /* NEL */
	check_sanitize(BYTES("a\xC2\x80\xC2\x81\xC2\x9A" "b"), "ab");
	check_sanitize(BYTES("a\xC2\x9F" "apc\xC2\x9C" "b"), "ab"); /* 8-bit APC: U+009F */
	check_sanitize(BYTES("a\xC2\x9B" "31mb"), "ab");         /* 8-bit CSI */
	check_sanitize(BYTES("a\xC2\x9D" "0;t\xC2\x9C" "b"), "ab"); /* 8-bit OSC, ST */
	check_sanitize(BYTES("a\xC2\x90" "dcs\x1B\\b"), "ab");   /* 8-bit DCS */
	/* U+00A0 is past C1: kept. */
	check_sanitize(BYTES("a\xC2\xA0" "b"), "a\xC2\xA0" "b");
}

static void test_sanitize_invalid(void **state)
{
	(void)state;
	check_sanitize(BYTES("a\xFF" "b"), "a" REPLACEMENT "b");
	check_sanitize(BYTES("caf\xC3"), "caf" REPLACEMENT);
	check_sanitize(BYTES("\xE2\x82" "A"), REPLACEMENT "A");
	check_sanitize(BYTES("\xC0\x80"), REPLACEMENT REPLACEMENT);
	check_sanitize(BYTES("\xED\xA0\x80"), REPLACEMENT REPLACEMENT REPLACEMENT);
	/* A raw 0x9B byte is not UTF-8 for U+009B: replaced, not a CSI. */
	check_sanitize(BYTES("\x9B" "31m"), REPLACEMENT "31m");
}

static void test_sanitize_length(void **state)
{
	(void)state;
	check_sanitize("abcdef", 3, "abc");
	check_sanitize("\x1B[31mred", 3, "");
	check_sanitize("é", 1, REPLACEMENT);
}

/* ---- utf8_fold ---- */

static void check_fold(const char *in, const char *want)
{
	char *got = utf8_fold(in);
	assert_string_equal(got, want);
	free(got);
}

static void test_fold_french(void **state)
{
	(void)state;
	check_fold("Équipe", "equipe");
	check_fold("équipe", "equipe");
	check_fold("ÉQUIPE", "equipe");
	check_fold("Noël", "noel");
	check_fold("Garçon", "garcon");
	check_fold("Ça va ?", "ca va ?");
	check_fold("À côté", "a cote");
	check_fold("Où ça", "ou ca");
	check_fold("Maïs, naïf, île, Île", "mais, naif, ile, ile");
	check_fold("ÀÂÄ àâä ÈÉÊË èéêë ÎÏ îï ÔÖ ôö ÙÛÜ ùûü Ÿ ÿ Ç ç Ñ ñ",
	           "aaa aaa eeee eeee ii ii oo oo uuu uuu y y c c n n");
	check_fold("Ã Å Ø ø Ý", "a a o o y");
}

static void test_fold_ligatures(void **state)
{
	(void)state;
	check_fold("Cœur", "coeur");
	check_fold("CŒUR", "coeur");
	check_fold("Œuvre", "oeuvre");
	check_fold("Æsir, ex æquo", "aesir, ex aequo");
	check_fold("Straße", "strasse");
	check_fold("Ĳssel", "ijssel");
}

static void test_fold_latin_extended_a(void **state)
{
	(void)state;
	check_fold("Łódź", "lodz");
	check_fold("ŠČŘŽ ščřž", "scrz scrz");
	check_fold("Ğİı", "gii");
	check_fold("Āă Ęę Őő Űű Ŵŵ Ŷŷ Ÿ", "aa ee oo uu ww yy y");
	check_fold("ſ", "s");
}

static void test_fold_spaces(void **state)
{
	(void)state;
	check_fold("", "");
	check_fold("   ", "");
	check_fold("  Être   là  ", "etre la");
	check_fold("\tun\n\r deux \v trois\f", "un deux trois");
	/* U+00A0 is not ASCII whitespace: kept as it is. */
	check_fold("a\xC2\xA0" "b", "a\xC2\xA0" "b");
}

static void test_fold_others_unchanged(void **state)
{
	(void)state;
	check_fold("日本語", "日本語");
	check_fold("ΩMEGA", "Ωmega");     /* Greek untouched, ASCII lowered */
	check_fold("× ÷ 😀", "× ÷ 😀");
	check_fold("Þorn", "þorn");       /* a Latin-1 letter without accent */
	check_fold("a\xFF" "B", "a\xFF" "b");
}

static void test_fold_matches_typed_choice(void **state)
{
	(void)state;
	char *label = utf8_fold("  Mon Équipe  ");
	char *typed = utf8_fold("mon   equipe");
	assert_string_equal(label, typed);
	free(label);
	free(typed);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid),
		cmocka_unit_test(test_invalid),
		cmocka_unit_test(test_valid_respects_length),
		cmocka_unit_test(test_valid_long_ascii),
		cmocka_unit_test(test_seq_len),
		cmocka_unit_test(test_count),
		cmocka_unit_test(test_sanitize_keeps_text),
		cmocka_unit_test(test_sanitize_csi),
		cmocka_unit_test(test_sanitize_bidi),
		cmocka_unit_test(test_visible),
		cmocka_unit_test(test_sanitize_strings),
		cmocka_unit_test(test_sanitize_other_escapes),
		cmocka_unit_test(test_sanitize_controls),
		cmocka_unit_test(test_sanitize_c1),
		cmocka_unit_test(test_sanitize_invalid),
		cmocka_unit_test(test_sanitize_length),
		cmocka_unit_test(test_fold_french),
		cmocka_unit_test(test_fold_ligatures),
		cmocka_unit_test(test_fold_latin_extended_a),
		cmocka_unit_test(test_fold_spaces),
		cmocka_unit_test(test_fold_others_unchanged),
		cmocka_unit_test(test_fold_matches_typed_choice),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
