/*
 * utf8: strict decoding, terminal-safe copies and folding for comparison.
 *
 * One decoder serves every function. It follows the Unicode "maximal
 * subpart" practice: an ill-formed sequence is consumed up to the first
 * byte that cannot continue it, so "E2 82 41" is one bad character then
 * 'A', and a sanitized copy shows one U+FFFD where a terminal shows one.
 */
#include "utf8.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unicase.h>
#include <unictype.h>
#include <uninorm.h>
#include <unistr.h>

#include "util.h"

#define BAD_CP UINT32_MAX
#define ESC 0x1B
#define BEL 0x07
#define DEL 0x7F
#define C1_ST 0x9C
#define C1_CSI 0x9B
#define REPLACEMENT "\xEF\xBF\xBD" /* U+FFFD */

/* How many continuation bytes a lead byte needs, and the range of the
 * first one: the narrowed ranges exclude overlongs (E0, F0), surrogates
 * (ED) and code points above U+10FFFF (F4). */
static int lead_info(unsigned char b, unsigned char *lo, unsigned char *hi)
{
	*lo = 0x80, *hi = 0xBF;
	if (b >= 0xC2 && b <= 0xDF)
		return 1;
	if (b >= 0xE0 && b <= 0xEF) {
		if (b == 0xE0)
			*lo = 0xA0;
		else if (b == 0xED)
			*hi = 0x9F;
		return 2;
	}
	if (b >= 0xF0 && b <= 0xF4) {
		if (b == 0xF0)
			*lo = 0x90;
		else if (b == 0xF4)
			*hi = 0x8F;
		return 3;
	}
	return -1;
}

/* Decodes the character at s[0..n), n > 0. Returns the bytes it spans and
 * sets *cp, or BAD_CP for an ill-formed sequence (its maximal subpart). */
static size_t decode(const unsigned char *s, size_t n, uint32_t *cp)
{
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	unsigned char lo, hi;
	int need = lead_info(s[0], &lo, &hi);
	*cp = BAD_CP;
	if (need < 0)
		return 1;
	uint32_t v = s[0] & (0x3F >> need);
	for (size_t k = 1; k <= (size_t)need; k++) {
		if (k >= n || s[k] < lo || s[k] > hi)
			return k;
		v = v << 6 | (s[k] & 0x3F);
		lo = 0x80, hi = 0xBF;
	}
	*cp = v;
	return (size_t)need + 1;
}

size_t utf8_seq_len(unsigned char lead)
{
	unsigned char lo, hi;
	int need = lead_info(lead, &lo, &hi);
	return need < 0 ? 1 : (size_t)need + 1;
}

bool utf8_valid(const char *s, size_t n, size_t *bad)
{
	const unsigned char *u = (const unsigned char *)s;
	for (size_t i = 0; i < n;) {
		if (u[i] && u[i] < 0x80) {
			i++;
			continue;
		}
		uint32_t cp;
		size_t len = decode(u + i, n - i, &cp);
		if (cp == BAD_CP || cp == 0) {
			*bad = i; /* the start of the offending character */
			return false;
		}
		i += len;
	}
	return true;
}

size_t utf8_count(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t count = 0;
	for (size_t i = 0; i < n; count++) {
		uint32_t cp;
		i += decode(u + i, n - i, &cp);
	}
	return count;
}

/* ---- sanitize ---- */

/* A cursor over the text being sanitized, one character at a time. */
typedef struct Scan {
	const unsigned char *s;
	size_t n, i;
} Scan;

/* The character at the cursor without moving (BAD_CP at the end too). */
static uint32_t peek(const Scan *r, size_t *len)
{
	uint32_t cp = BAD_CP;
	*len = r->i < r->n ? decode(r->s + r->i, r->n - r->i, &cp) : 0;
	return cp;
}

/* Skips a CSI body: parameter and intermediate bytes, then a final byte.
 * A byte outside the grammar ends the sequence unconsumed, so a stray
 * newline after a broken sequence survives. */
static void skip_csi(Scan *r)
{
	size_t len;
	uint32_t cp;
	while ((cp = peek(r, &len)) >= 0x20 && cp <= 0x3F)
		r->i += len;
	if (cp >= 0x40 && cp <= 0x7E)
		r->i += len;
}

/* Skips an OSC, DCS, SOS, PM or APC body up to its terminator: BEL, ST
 * (ESC \ or U+009C) or any other ESC, which starts a new sequence as it
 * does in a terminal. Unterminated, only its introducer goes: what follows
 * is kept as text (its controls removed all the same), so that a stray
 * "ESC ]" in a file name cannot swallow the rest of the message naming it,
 * and with the ESC gone no terminal reads a string there. */
static void skip_string(Scan *r)
{
	size_t start = r->i;
	while (r->i < r->n) {
		size_t len;
		uint32_t cp = peek(r, &len);
		if (cp == ESC) {
			if (r->i + 1 < r->n && r->s[r->i + 1] == '\\')
				r->i += 2;
			return;
		}
		r->i += len;
		if (cp == BEL || cp == C1_ST)
			return;
	}
	r->i = start;
}

static bool starts_string(uint32_t cp)
{
	return cp == ']' || cp == 'P' || cp == 'X' || cp == '^' || cp == '_';
}

/* After ESC: CSI, a control string, or an nF/Fp/Fe/Fs form (intermediates
 * 0x20-0x2F then a final 0x30-0x7E). Anything else drops the ESC alone. */
static void skip_escape(Scan *r)
{
	size_t len;
	uint32_t cp = peek(r, &len);
	if (cp == '[') {
		r->i += len;
		skip_csi(r);
	} else if (starts_string(cp)) {
		r->i += len;
		skip_string(r);
	} else {
		size_t start = r->i;
		while ((cp = peek(r, &len)) >= 0x20 && cp <= 0x2F)
			r->i += len;
		if (cp >= 0x30 && cp <= 0x7E)
			r->i += len;
		else
			r->i = start;
	}
}

/* C1 controls are the 8-bit forms of ESC x, with x = cp - 0x40. */
static void skip_c1(Scan *r, uint32_t cp)
{
	if (cp == C1_CSI)
		skip_csi(r);
	else if (starts_string(cp - 0x40))
		skip_string(r);
}

/* C0 controls and DEL, except the newline and tab that layout needs. */
static bool is_c0_control(uint32_t cp)
{
	return (cp < 0x20 && cp != '\n' && cp != '\t') || cp == DEL;
}

/* The bidirectional embeddings, overrides and isolates (U+202A-U+202E,
 * U+2066-U+2069): they reorder what follows them on the screen, so a text
 * could show other words than it holds. The marks U+200E, U+200F stay:
 * they change nothing beyond one character's direction. */
static bool is_bidi_control(uint32_t cp)
{
	return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

char *utf8_sanitize(const char *s, size_t n)
{
	Scan r = { (const unsigned char *)s, n, 0 };
	Buf out = {0};
	while (r.i < r.n) {
		size_t len;
		uint32_t cp = peek(&r, &len);
		size_t at = r.i;
		r.i += len;
		if (cp == BAD_CP)
			buf_adds(&out, REPLACEMENT);
		else if (cp == ESC)
			skip_escape(&r);
		else if (cp >= 0x80 && cp <= 0x9F)
			skip_c1(&r, cp);
		else if (!is_c0_control(cp) && !is_bidi_control(cp))
			buf_add(&out, s + at, len);
	}
	return buf_take(&out);
}

char *utf8_visible(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	Buf out = {0};
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		size_t len = decode(u + i, n - i, &cp);
		if (cp == BAD_CP) {
			for (size_t k = 0; k < len; k++)
				buf_printf(&out, "\\x%02X", u[i + k]);
		} else if (cp == '\n') {
			buf_adds(&out, "\\n");
		} else if (cp == '\t') {
			buf_adds(&out, "\\t");
		} else if (is_c0_control(cp) || cp == ESC) {
			buf_printf(&out, "\\x%02X", (unsigned)cp);
		} else if ((cp >= 0x80 && cp <= 0x9F) || is_bidi_control(cp)) {
			buf_printf(&out, "\\u%04X", (unsigned)cp);
		} else {
			buf_add(&out, s + i, len);
		}
		i += len;
	}
	return buf_take(&out);
}

/* ---- fold ---- */

/* What Latin-1 and Latin Extended-A letters fold to; absent ones stay. */
static const struct Fold {
	uint16_t first, last;
	const char *to;
} folds[] = {
	{ 0x00C0, 0x00C5, "a" }, { 0x00C6, 0x00C6, "ae" }, { 0x00C7, 0x00C7, "c" },
	{ 0x00C8, 0x00CB, "e" }, { 0x00CC, 0x00CF, "i" }, { 0x00D0, 0x00D0, "d" },
	{ 0x00D1, 0x00D1, "n" }, { 0x00D2, 0x00D6, "o" }, { 0x00D8, 0x00D8, "o" },
	{ 0x00D9, 0x00DC, "u" }, { 0x00DD, 0x00DD, "y" }, { 0x00DE, 0x00DE, "\xC3\xBE" },
	{ 0x00DF, 0x00DF, "ss" },
	{ 0x00E0, 0x00E5, "a" }, { 0x00E6, 0x00E6, "ae" }, { 0x00E7, 0x00E7, "c" },
	{ 0x00E8, 0x00EB, "e" }, { 0x00EC, 0x00EF, "i" }, { 0x00F0, 0x00F0, "d" },
	{ 0x00F1, 0x00F1, "n" }, { 0x00F2, 0x00F6, "o" }, { 0x00F8, 0x00F8, "o" },
	{ 0x00F9, 0x00FC, "u" }, { 0x00FD, 0x00FD, "y" }, { 0x00FF, 0x00FF, "y" },
	{ 0x0100, 0x0105, "a" }, { 0x0106, 0x010D, "c" }, { 0x010E, 0x0111, "d" },
	{ 0x0112, 0x011B, "e" }, { 0x011C, 0x0123, "g" }, { 0x0124, 0x0127, "h" },
	{ 0x0128, 0x0131, "i" }, { 0x0132, 0x0133, "ij" }, { 0x0134, 0x0135, "j" },
	{ 0x0136, 0x0137, "k" }, { 0x0139, 0x0142, "l" }, { 0x0143, 0x0148, "n" },
	{ 0x014A, 0x014A, "\xC5\x8B" }, { 0x014C, 0x0151, "o" }, { 0x0152, 0x0153, "oe" },
	{ 0x0154, 0x0159, "r" }, { 0x015A, 0x0161, "s" }, { 0x0162, 0x0167, "t" },
	{ 0x0168, 0x0173, "u" }, { 0x0174, 0x0175, "w" }, { 0x0176, 0x0178, "y" },
	{ 0x0179, 0x017E, "z" }, { 0x017F, 0x017F, "s" },
};

static const char *fold_of(uint32_t cp)
{
	if (cp < 0xC0 || cp > 0x17F)
		return NULL;
	for (size_t k = 0; k < ARRAY_LEN(folds); k++)
		if (cp >= folds[k].first && cp <= folds[k].last)
			return folds[k].to;
	return NULL;
}

static bool is_space(uint32_t cp)
{
	return cp == ' ' || (cp >= '\t' && cp <= '\r');
}

char *utf8_fold(const char *s)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t n = strlen(s);
	Buf out = {0};
	bool gap = false; /* a run of spaces waits for the next word */
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		size_t len = decode(u + i, n - i, &cp);
		const char *to = fold_of(cp);
		if (is_space(cp)) {
			gap = out.len > 0;
		} else {
			if (gap)
				buf_addc(&out, ' ');
			gap = false;
			if (cp >= 'A' && cp <= 'Z')
				buf_addc(&out, (char)(cp - 'A' + 'a'));
			else if (to)
				buf_adds(&out, to);
			else
				buf_add(&out, s + i, len); /* bad bytes too: kept as they are */
		}
		i += len;
	}
	return buf_take(&out);
}

/* ---- normal forms (libunistring) ---- */

char *utf8_nfc(const char *s)
{
	size_t n = 0;
	uint8_t *nfc = u8_normalize(UNINORM_NFC, (const uint8_t *)s, strlen(s), NULL, &n);
	if (!nfc)
		return xstrdup(s);
	char *out = xstrndup((const char *)nfc, n);
	free(nfc);
	return out;
}

char *utf8_name_key(const char *s)
{
	size_t n = 0;
	uint8_t *folded = u8_casefold((const uint8_t *)s, strlen(s), NULL, UNINORM_NFD, NULL, &n);
	if (!folded)
		return utf8_fold(s);
	Buf bare = { 0 };
	for (size_t i = 0; i < n;) {
		ucs4_t cp;
		int len = u8_mbtouc(&cp, folded + i, n - i);
		if (!uc_is_general_category(cp, UC_CATEGORY_Mn))
			buf_add(&bare, (const char *)folded + i, (size_t)len);
		i += (size_t)len;
	}
	free(folded);
	/* What is left is lower case without marks; utf8_fold makes one of
	 * each run of spaces and folds ligatures (œ, æ) as choices do. */
	char *key = utf8_fold(buf_str(&bare));
	buf_free(&bare);
	return key;
}

/* ---- display width ---- */

typedef struct Range {
	uint32_t lo, hi;
} Range;

/* Zero-width: combining marks of the common scripts, joiners, variation
 * selectors. Not the whole of Unicode's list, which tandem's texts (Latin
 * script, a few symbols) do not need. */
static const Range zero_width[] = {
	{ 0x0300, 0x036F }, { 0x0483, 0x0489 }, { 0x0591, 0x05BD }, { 0x0610, 0x061A },
	{ 0x064B, 0x065F }, { 0x0E31, 0x0E31 }, { 0x0E34, 0x0E3A }, { 0x1AB0, 0x1AFF },
	{ 0x1DC0, 0x1DFF }, { 0x200B, 0x200F }, { 0x2028, 0x202E }, { 0x2060, 0x2064 },
	{ 0x20D0, 0x20FF }, { 0xFE00, 0xFE0F }, { 0xFE20, 0xFE2F }, { 0xFEFF, 0xFEFF },
	{ 0xE0100, 0xE01EF },
};

/* Two columns: East Asian wide and fullwidth blocks, and emoji. */
static const Range wide[] = {
	{ 0x1100, 0x115F }, { 0x231A, 0x231B }, { 0x2329, 0x232A }, { 0x23E9, 0x23EC },
	{ 0x23F0, 0x23F0 }, { 0x23F3, 0x23F3 }, { 0x25FD, 0x25FE }, { 0x2614, 0x2615 },
	{ 0x2648, 0x2653 }, { 0x267F, 0x267F }, { 0x2693, 0x2693 }, { 0x26A1, 0x26A1 },
	{ 0x26AA, 0x26AB }, { 0x26BD, 0x26BE }, { 0x26C4, 0x26C5 }, { 0x26CE, 0x26CE },
	{ 0x26D4, 0x26D4 }, { 0x26EA, 0x26EA }, { 0x26F2, 0x26F5 }, { 0x26FA, 0x26FD },
	{ 0x2705, 0x2705 }, { 0x270A, 0x270B }, { 0x2728, 0x2728 }, { 0x274C, 0x274C },
	{ 0x2753, 0x2755 }, { 0x2757, 0x2757 }, { 0x2795, 0x2797 }, { 0x27B0, 0x27B0 },
	{ 0x27BF, 0x27BF }, { 0x2B1B, 0x2B1C }, { 0x2B50, 0x2B50 }, { 0x2B55, 0x2B55 },
	{ 0x2E80, 0x303E }, { 0x3041, 0x33FF }, { 0x3400, 0x4DBF }, { 0x4E00, 0x9FFF },
	{ 0xA000, 0xA4CF }, { 0xA960, 0xA97F }, { 0xAC00, 0xD7A3 }, { 0xF900, 0xFAFF },
	{ 0xFE10, 0xFE19 }, { 0xFE30, 0xFE6F }, { 0xFF00, 0xFF60 }, { 0xFFE0, 0xFFE6 },
	{ 0x16FE0, 0x16FE4 }, { 0x17000, 0x18CFF }, { 0x1B000, 0x1B2FF }, { 0x1F004, 0x1F004 },
	{ 0x1F0CF, 0x1F0CF }, { 0x1F18E, 0x1F18E }, { 0x1F191, 0x1F19A }, { 0x1F200, 0x1F251 },
	{ 0x1F300, 0x1F64F }, { 0x1F680, 0x1F6FF }, { 0x1F7E0, 0x1F7EB }, { 0x1F90C, 0x1F9FF },
	{ 0x1FA70, 0x1FAFF }, { 0x20000, 0x2FFFD }, { 0x30000, 0x3FFFD },
};

static bool in_ranges(uint32_t cp, const Range *r, size_t n)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (cp < r[mid].lo)
			hi = mid;
		else if (cp > r[mid].hi)
			lo = mid + 1;
		else
			return true;
	}
	return false;
}

static size_t cp_width(uint32_t cp)
{
	if (cp == BAD_CP)
		return 1;
	if (cp < 0x20 || (cp >= DEL && cp < 0xA0))
		return 0;
	if (in_ranges(cp, zero_width, ARRAY_LEN(zero_width)))
		return 0;
	return in_ranges(cp, wide, ARRAY_LEN(wide)) ? 2 : 1;
}

size_t utf8_width(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t w = 0;
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		i += decode(u + i, n - i, &cp);
		w += cp_width(cp);
	}
	return w;
}

size_t utf8_fit(const char *s, size_t cols)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t n = strlen(s), w = 0, i = 0;
	while (i < n) {
		uint32_t cp;
		size_t len = decode(u + i, n - i, &cp);
		if (w + cp_width(cp) > cols)
			break;
		w += cp_width(cp);
		i += len;
	}
	return i;
}
