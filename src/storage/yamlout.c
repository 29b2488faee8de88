/*
 * yamlout: YAML scalars written to be read back exactly.
 *
 * Why always double quotes for text: a plain scalar's type depends on the
 * reader (YAML 1.1 reads `yes` as true, `1.0` as a float, `~` as null) and
 * on its first characters (`- x`, `a: b`, `#`); a double-quoted scalar is
 * text for every reader, and its escapes can carry any character.
 */
#include "yamlout.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* U+FFFD, what a byte that is not UTF-8 becomes. */
static const char REPLACEMENT[] = "\xEF\xBF\xBD";

/* A continuation byte within [lo, hi] (the second byte's range is narrower
 * for some lead bytes, which is how overlongs and surrogates are refused). */
static bool cont(unsigned char c, unsigned char lo, unsigned char hi)
{
	return c >= lo && c <= hi;
}

/*
 * Decodes the UTF-8 sequence at s into *cp and returns its length, or 0
 * when it is not valid UTF-8 (overlong, surrogate, above U+10FFFF, cut).
 */
static size_t decode(const unsigned char *s, unsigned long *cp)
{
	unsigned char c = s[0];
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xC2 && c <= 0xDF && cont(s[1], 0x80, 0xBF)) {
		*cp = (c & 0x1Fu) << 6 | (s[1] & 0x3Fu);
		return 2;
	}
	unsigned char lo = c == 0xE0 ? 0xA0 : 0x80, hi = c == 0xED ? 0x9F : 0xBF;
	if (c >= 0xE0 && c <= 0xEF && cont(s[1], lo, hi) && cont(s[2], 0x80, 0xBF)) {
		*cp = (c & 0x0Fu) << 12 | (s[1] & 0x3Fu) << 6 | (s[2] & 0x3Fu);
		return 3;
	}
	lo = c == 0xF0 ? 0x90 : 0x80;
	hi = c == 0xF4 ? 0x8F : 0xBF;
	if (c >= 0xF0 && c <= 0xF4 && cont(s[1], lo, hi) && cont(s[2], 0x80, 0xBF) &&
	    cont(s[3], 0x80, 0xBF)) {
		*cp = (c & 0x07ul) << 18 | (s[1] & 0x3Ful) << 12 | (s[2] & 0x3Fu) << 6 |
		      (s[3] & 0x3Fu);
		return 4;
	}
	return 0;
}

/*
 * Whether cp may stand as is inside double quotes: YAML's printable set,
 * minus the line breaks (which a double-quoted scalar folds), the quote,
 * the backslash and the byte order mark.
 */
static bool verbatim(unsigned long cp)
{
	if (cp == '"' || cp == '\\')
		return false;
	if (cp == 0x2028 || cp == 0x2029 || cp == 0xFEFF)
		return false;
	/* Bidi embeddings, overrides and isolates are escaped too, so that a
	 * transcript shown by cat or an editor reads as what it holds. */
	if ((cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069))
		return false;
	return (cp >= 0x20 && cp <= 0x7E) || (cp >= 0xA0 && cp <= 0xD7FF) ||
	       (cp >= 0xE000 && cp <= 0xFFFD) || cp >= 0x10000;
}

static void escape(Buf *b, unsigned long cp)
{
	switch (cp) {
	case '"': buf_adds(b, "\\\""); return;
	case '\\': buf_adds(b, "\\\\"); return;
	case '\n': buf_adds(b, "\\n"); return;
	case '\t': buf_adds(b, "\\t"); return;
	case '\r': buf_adds(b, "\\r"); return;
	default: break;
	}
	if (cp < 0x100)
		buf_printf(b, "\\x%02lX", cp);
	else if (cp < 0x10000)
		buf_printf(b, "\\u%04lX", cp);
	else
		buf_printf(b, "\\U%08lX", cp);
}

void yamlout_quote(Buf *b, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	buf_addc(b, '"');
	while (*p) {
		unsigned long cp;
		size_t n = decode(p, &cp);
		if (n == 0) {
			buf_adds(b, REPLACEMENT);
			p++;
		} else if (verbatim(cp)) {
			buf_add(b, p, n);
			p += n;
		} else {
			escape(b, cp);
			p += n;
		}
	}
	buf_addc(b, '"');
}

/* Plain words some YAML reader takes for a boolean or null. */
static bool reserved(const char *s)
{
	static const char *const words[] = { "y", "n", "yes", "no", "true", "false",
		                             "on", "off", "null" };
	for (size_t i = 0; i < ARRAY_LEN(words); i++)
		if (strcasecmp(s, words[i]) == 0)
			return true;
	return false;
}

static bool plain_name(const char *s)
{
	if (!((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') || *s == '_'))
		return false;
	for (const char *p = s; *p; p++) {
		char c = *p;
		if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		      c == '_' || c == '.' || c == '-'))
			return false;
	}
	return !reserved(s);
}

void yamlout_name(Buf *b, const char *s)
{
	if (plain_name(s))
		buf_adds(b, s);
	else
		yamlout_quote(b, s);
}

/*
 * The shortest %g form that reads back as n, with a decimal point added
 * when %g left none: YAML 1.1 readers (PyYAML) need one to see a float.
 */
static void add_float(Buf *b, double n)
{
	char s[40];
	for (int prec = 15; prec <= 17; prec++) {
		snprintf(s, sizeof(s), "%.*g", prec, n);
		if (strtod(s, NULL) == n)
			break;
	}
	if (strchr(s, '.')) {
		buf_adds(b, s);
		return;
	}
	char *e = strpbrk(s, "eE");
	if (!e) {
		buf_printf(b, "%s.0", s);
		return;
	}
	buf_add(b, s, (size_t)(e - s));
	buf_printf(b, ".0%s", e);
}

void yamlout_number(Buf *b, double n)
{
	if (isnan(n))
		buf_adds(b, ".nan");
	else if (isinf(n))
		buf_adds(b, n < 0 ? "-.inf" : ".inf");
	else if (n > -1e15 && n < 1e15 && n == (double)(long long)n)
		buf_printf(b, "%lld", (long long)n); /* no "-0", no libm */
	else
		add_float(b, n);
}

void yamlout_value(Buf *b, const Value *v)
{
	switch (v->kind) {
	case VAL_UNSET:
		buf_adds(b, "null");
		return;
	case VAL_TEXT:
		yamlout_quote(b, v->u.text);
		return;
	case VAL_NUMBER:
		yamlout_number(b, v->u.num);
		return;
	case VAL_BOOL:
		buf_adds(b, v->u.b ? "true" : "false");
		return;
	case VAL_LIST:
		buf_addc(b, '[');
		for (size_t i = 0; i < v->u.list.n; i++) {
			if (i)
				buf_adds(b, ", ");
			yamlout_value(b, &v->u.list.items[i]);
		}
		buf_addc(b, ']');
		return;
	}
}

void yamlout_field(Buf *b, const char *key, const char *s)
{
	buf_printf(b, ", %s: ", key);
	yamlout_quote(b, s ? s : "");
}
