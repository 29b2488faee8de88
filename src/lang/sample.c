/*
 * sample: drawing a text from a regular expression as written.
 *
 * One recursive pass over the pattern's source that writes as it reads:
 * a sequence writes its atoms in turn, an alternation writes each branch
 * into a scratch buffer and keeps one at random, a quantifier has its atom
 * read again as many times as drawn (between its bounds, at most two past
 * the least). Anchors and word boundaries write nothing; a lookaround is
 * read and its text dropped; a class gives one of its characters, or, when
 * negated, a common character it leaves out. The result is then matched
 * with the compiled pattern: only a text that matches is returned.
 */
#include "sample.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "utf8.h"
#include "util.h"

enum {
	MAX_TEXT = 4096,     /* bytes drawn, past which a draw gives up */
	MAX_DEPTH = 64,      /* groups within groups */
	MAX_REPEAT = 256,    /* the least count of a quantifier honoured */
	DRAWS = 24,          /* draws tried before giving up */
};

typedef struct Gen {
	const char *re;      /* the pattern, without its slashes and flags */
	size_t len, at;
	bool extended;       /* the x flag: white space and # comments are not text */
	Rng *rng;
	int depth;
	bool failed;         /* too long, too deep: this draw is lost */
} Gen;

static void gen_alt(Gen *g, Buf *out);

static bool more(const Gen *g)
{
	return g->at < g->len && !g->failed;
}

static char peek(const Gen *g)
{
	return g->at < g->len ? g->re[g->at] : '\0';
}

/* Appends code point c as UTF-8 (a surrogate or past U+10FFFF as '?'). */
static void put_cp(Buf *out, uint32_t c)
{
	char b[4];
	if ((c >= 0xD800 && c <= 0xDFFF) || c > 0x10FFFF)
		c = '?';
	if (c < 0x80) {
		buf_addc(out, (char)c);
		return;
	}
	size_t n = c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
	static const unsigned char lead[] = { 0, 0, 0xC0, 0xE0, 0xF0 };
	for (size_t i = n - 1; i > 0; i--, c >>= 6)
		b[i] = (char)(0x80 | (c & 0x3F));
	b[0] = (char)(lead[n] | c);
	buf_add(out, b, n);
}

/* The code point at g->at, which it passes. */
static uint32_t read_cp(Gen *g)
{
	const unsigned char *s = (const unsigned char *)g->re + g->at;
	size_t n = utf8_seq_len(s[0]);
	if (g->at + n > g->len)
		n = 1;
	g->at += n;
	if (n == 1)
		return s[0];
	uint32_t c = s[0] & (0x7F >> n);
	for (size_t i = 1; i < n; i++)
		c = (c << 6) | (s[i] & 0x3F);
	return c;
}

static bool is_hex(char c)
{
	return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'f');
}

/* \xHH or \x{H...}, g->at past the x. */
static uint32_t read_hex(Gen *g)
{
	uint32_t c = 0;
	bool braced = peek(g) == '{';
	g->at += braced;
	for (int i = 0; (braced || i < 2) && is_hex(peek(g)) && i < 8; i++) {
		char h = g->re[g->at++];
		c = c * 16 + (uint32_t)(h <= '9' ? h - '0' : (h | 0x20) - 'a' + 10);
	}
	if (braced && peek(g) == '}')
		g->at++;
	return c;
}

/* Skips a {...} after \p, \P, \g, \k, or the one letter after \p. */
static void skip_braced(Gen *g)
{
	if (peek(g) == '{' || peek(g) == '<' || peek(g) == '\'') {
		char close = peek(g) == '{' ? '}' : peek(g) == '<' ? '>' : '\'';
		while (more(g) && g->re[g->at] != close)
			g->at++;
		g->at += more(g);
	} else if (more(g)) {
		g->at++;
	}
}

static char pick_char(Gen *g, const char *from)
{
	return from[rng_below(g->rng, strlen(from))];
}

/* An escape outside a class, g->at past the backslash. */
static void gen_escape(Gen *g, Buf *out)
{
	char e = peek(g);
	g->at++;
	switch (e) {
	case 'd': buf_addc(out, pick_char(g, "0123456789")); break;
	case 'w': buf_addc(out, pick_char(g, "abcdefghijklmnopqrstuvwxyz")); break;
	case 's': case 'h': buf_addc(out, ' '); break;
	case 'D': case 'W': case 'S': case 'H': case 'V': case 'N': case 'R':
		buf_addc(out, e == 'W' ? '-' : 'a');
		break;
	case 'b': case 'B': case 'A': case 'z': case 'Z': case 'G': case 'K':
		break;   /* places, not text */
	case 'n': buf_addc(out, '\n'); break;
	case 't': buf_addc(out, '\t'); break;
	case 'x': put_cp(out, read_hex(g)); break;
	case 'p': skip_braced(g); buf_addc(out, 'a'); break;
	case 'P': skip_braced(g); buf_addc(out, '1'); break;
	case 'g': case 'k': skip_braced(g); break;  /* back references: not drawn */
	case 'Q': {
		const char *end = strstr(g->re + g->at, "\\E");
		bool closed = end && (size_t)(end - g->re) + 2 <= g->len;
		size_t n = closed ? (size_t)(end - g->re) - g->at : g->len - g->at;
		buf_add(out, g->re + g->at, n);
		g->at += n + (closed ? 2 : 0);
		break;
	}
	default:
		if (e >= '1' && e <= '9')
			break;  /* a back reference */
		g->at--;
		put_cp(out, read_cp(g));
	}
}

/* ----- classes ----------------------------------------------------------------- */

typedef struct Range {
	uint32_t lo, hi;
} Range;

typedef struct Class {
	Range v[64];
	size_t n;
} Class;

static void class_add(Class *c, uint32_t lo, uint32_t hi)
{
	if (c->n < ARRAY_LEN(c->v) && lo <= hi)
		c->v[c->n++] = (Range){ lo, hi };
}

/* A class escape (\d \w \s ...) or a single character, g->at past the
 * backslash; *single when it was one character. */
static uint32_t class_escape(Gen *g, Class *c, bool *single)
{
	char e = g->re[g->at++];
	*single = false;
	switch (e) {
	case 'd': class_add(c, '0', '9'); return 0;
	case 'w':
		class_add(c, 'a', 'z');
		class_add(c, '0', '9');
		return 0;
	case 's': case 'h': class_add(c, ' ', ' '); return 0;
	case 'D': case 'W': case 'S': case 'H': class_add(c, 'a', 'a'); return 0;
	case 'p': case 'P': skip_braced(g); class_add(c, 'a', 'a'); return 0;
	case 'n': *single = true; return '\n';
	case 't': *single = true; return '\t';
	case 'x': *single = true; return read_hex(g);
	default:
		g->at--;
		*single = true;
		return read_cp(g);
	}
}

/* [:alpha:] and its kind, g->at at its '['. */
static bool posix_class(Gen *g, Class *c)
{
	if (g->at + 1 >= g->len || g->re[g->at + 1] != ':')
		return false;
	const char *end = strstr(g->re + g->at, ":]");
	if (!end || (size_t)(end - g->re) >= g->len)
		return false;
	bool digit = strncmp(g->re + g->at, "[:digit:]", 9) == 0;
	bool space = strncmp(g->re + g->at, "[:space:]", 9) == 0;
	class_add(c, digit ? '0' : space ? ' ' : 'a', digit ? '9' : space ? ' ' : 'z');
	g->at = (size_t)(end - g->re) + 2;
	return true;
}

/* Reads a class, g->at past its '['. */
static void read_class(Gen *g, Class *c, bool *negated)
{
	*negated = peek(g) == '^';
	g->at += *negated;
	bool first = true;
	while (more(g) && (first || g->re[g->at] != ']')) {
		first = false;
		if (g->re[g->at] == '[' && posix_class(g, c))
			continue;
		bool single = true;
		uint32_t lo;
		if (g->re[g->at] == '\\' && g->at + 1 < g->len) {
			g->at++;
			lo = class_escape(g, c, &single);
		} else {
			lo = read_cp(g);
		}
		if (!single)
			continue;
		uint32_t hi = lo;
		if (peek(g) == '-' && g->at + 1 < g->len && g->re[g->at + 1] != ']') {
			g->at++;
			if (g->re[g->at] == '\\' && g->at + 1 < g->len) {
				g->at++;
				hi = class_escape(g, c, &single);
				if (!single)
					hi = lo;
			} else {
				hi = read_cp(g);
			}
		}
		class_add(c, lo, hi);
	}
	g->at += more(g);   /* the closing ']' */
}

static bool class_has(const Class *c, uint32_t cp)
{
	for (size_t i = 0; i < c->n; i++)
		if (cp >= c->v[i].lo && cp <= c->v[i].hi)
			return true;
	return false;
}

static void gen_class(Gen *g, Buf *out)
{
	Class c = { .n = 0 };
	bool negated;
	read_class(g, &c, &negated);
	if (negated) {
		static const uint32_t common[] = { 'a', 'e', 'x', 'z', 'A', 'Q', '0', '7', ' ', '-',
			                           '_', '.', ',', 0xE9 };
		size_t start = rng_below(g->rng, ARRAY_LEN(common));
		for (size_t i = 0; i < ARRAY_LEN(common); i++) {
			uint32_t cp = common[(start + i) % ARRAY_LEN(common)];
			if (!class_has(&c, cp)) {
				put_cp(out, cp);
				return;
			}
		}
		return;
	}
	if (c.n == 0)
		return;
	const Range *r = &c.v[rng_below(g->rng, c.n)];
	put_cp(out, r->lo + (uint32_t)rng_below(g->rng, (size_t)(r->hi - r->lo) + 1));
}

/* ----- groups, atoms, quantifiers ------------------------------------------------ */

/* A group, g->at past its '('. What `(?` opens decides what is written:
 * a lookaround or a comment nothing, options nothing, the rest its text. */
static void gen_group(Gen *g, Buf *out)
{
	bool silent = false;
	if (peek(g) == '?') {
		g->at++;
		char k = peek(g);
		if (k == '#') {
			while (more(g) && g->re[g->at] != ')')
				g->at++;
			g->at += more(g);
			return;
		}
		/* What a lookbehind wants is written before what follows it; a
		 * lookahead's is what follows, and a negative one's is not there. */
		if (k == '<' && g->at + 1 < g->len && (g->re[g->at + 1] == '=' || g->re[g->at + 1] == '!'))
			silent = g->re[g->at + 1] == '!', g->at += 2;
		else if (k == '=' || k == '!')
			silent = true, g->at++;
		else if (k == ':' || k == '>' || k == '|')
			g->at++;
		else if (k == '<' || k == '\'' || (k == 'P' && g->at + 1 < g->len && g->re[g->at + 1] == '<'))
			g->at += k == 'P', skip_braced(g);   /* a name: (?<name>, (?'name', (?P<name> */
		else {
			/* Options, (?i) or (?i: ...). */
			while (more(g) && g->re[g->at] != ')' && g->re[g->at] != ':')
				g->at++;
			if (peek(g) == ')') {
				g->at++;
				return;
			}
			g->at += more(g);
		}
	}
	Buf inner = { 0 };
	g->depth++;
	if (g->depth > MAX_DEPTH)
		g->failed = true;
	else
		gen_alt(g, &inner);
	g->depth--;
	if (peek(g) == ')')
		g->at++;
	if (!silent && inner.len)
		buf_add(out, inner.data, inner.len);
	buf_free(&inner);
}

/* Skips white space and comments, in extended mode. */
static void skip_extended(Gen *g)
{
	while (g->extended && more(g)) {
		char c = g->re[g->at];
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
			g->at++;
		else if (c == '#')
			while (more(g) && g->re[g->at] != '\n')
				g->at++;
		else
			break;
	}
}

static void gen_atom(Gen *g, Buf *out)
{
	char c = g->re[g->at];
	switch (c) {
	case '(':
		g->at++;
		gen_group(g, out);
		break;
	case '[':
		g->at++;
		gen_class(g, out);
		break;
	case '\\':
		g->at++;
		if (more(g))
			gen_escape(g, out);
		break;
	case '.':
		g->at++;
		buf_addc(out, pick_char(g, "abcxyz"));
		break;
	case '^': case '$':
		g->at++;
		break;
	default:
		put_cp(out, read_cp(g));
	}
}

static size_t read_number(Gen *g, bool *got)
{
	size_t n = 0;
	*got = false;
	while (peek(g) >= '0' && peek(g) <= '9') {
		n = n < 100000 ? n * 10 + (size_t)(g->re[g->at] - '0') : n;
		g->at++;
		*got = true;
	}
	return n;
}

/* Reads a quantifier at g->at into *min, *max (SIZE_MAX: no bound); false,
 * g->at unmoved, when there is none ('{' that is not one is text). */
static bool read_quantifier(Gen *g, size_t *min, size_t *max)
{
	size_t at = g->at;
	switch (peek(g)) {
	case '?': *min = 0, *max = 1; g->at++; break;
	case '*': *min = 0, *max = SIZE_MAX; g->at++; break;
	case '+': *min = 1, *max = SIZE_MAX; g->at++; break;
	case '{': {
		bool lo_got, hi_got = false;
		g->at++;
		*min = read_number(g, &lo_got);
		*max = *min;
		if (peek(g) == ',') {
			g->at++;
			*max = read_number(g, &hi_got);
			if (!hi_got)
				*max = SIZE_MAX;
		}
		if (peek(g) != '}' || (!lo_got && !hi_got)) {
			g->at = at;
			return false;
		}
		g->at++;
		break;
	}
	default:
		return false;
	}
	if (peek(g) == '?' || peek(g) == '+')
		g->at++;  /* lazy or possessive: the same texts */
	return true;
}

/* A sequence of atoms, each with its quantifier, up to '|' or ')'. */
static void gen_seq(Gen *g, Buf *out)
{
	for (skip_extended(g); more(g) && peek(g) != '|' && peek(g) != ')'; skip_extended(g)) {
		size_t start = g->at, mark = out->len;
		gen_atom(g, out);
		size_t end = g->at, min, max;
		skip_extended(g);
		if (!read_quantifier(g, &min, &max)) {
			g->at = end;
			continue;
		}
		size_t after = g->at;
		if (min > MAX_REPEAT)
			min = MAX_REPEAT;
		size_t span = max - min < 2 ? max - min : 2;
		size_t times = min + rng_below(g->rng, span + 1);
		if (times == 0 && out->len > mark)
			out->len = mark, out->data[mark] = '\0';
		for (size_t k = 1; k < times && !g->failed; k++) {
			g->at = start;
			gen_atom(g, out);
			if (out->len > MAX_TEXT)
				g->failed = true;
		}
		g->at = after;
		if (out->len > MAX_TEXT)
			g->failed = true;
	}
}

static void gen_alt(Gen *g, Buf *out)
{
	Buf pick = { 0 };
	size_t n = 0;
	for (;;) {
		Buf branch = { 0 };
		gen_seq(g, &branch);
		/* Reservoir sampling: each branch kept with the same chance. */
		if (rng_below(g->rng, ++n) == 0) {
			buf_free(&pick);
			pick = branch;
		} else {
			buf_free(&branch);
		}
		if (peek(g) != '|' || g->failed)
			break;
		g->at++;
	}
	if (pick.len)
		buf_add(out, pick.data, pick.len);
	buf_free(&pick);
}

/* ----- the public verbs ---------------------------------------------------------- */

/* The pattern's body and its x flag, from its source as written. */
static Gen gen_of(const Pattern *p, Rng *rng)
{
	const char *src = pattern_source(p);
	size_t len = strlen(src);
	Gen g = { .re = src, .len = len, .rng = rng };
	if (len >= 2 && src[0] == '/') {
		const char *slash = strrchr(src, '/');
		if (slash > src) {
			g.re = src + 1;
			g.len = (size_t)(slash - src) - 1;
			g.extended = strchr(slash, 'x') != NULL;
		}
	}
	return g;
}

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
}

/* b without surrounding white space, as a heap string. */
static char *trimmed(const Buf *b)
{
	const char *s = buf_str(b);
	while (is_space(*s))
		s++;
	size_t n = strlen(s);
	while (n && is_space(s[n - 1]))
		n--;
	return xstrndup(s, n);
}

static bool matches(const Pattern *p, const char *s)
{
	return pattern_match(p, s, strlen(s)) == PATTERN_MATCH;
}

char *sample_match(const Pattern *p, Rng *rng)
{
	for (int i = 0; i < DRAWS; i++) {
		Gen g = gen_of(p, rng);
		Buf out = { 0 };
		while (more(&g)) {
			gen_alt(&g, &out);
			g.at += more(&g);   /* a stray ')' */
		}
		char *text = g.failed ? NULL : trimmed(&out);
		buf_free(&out);
		if (text && *text && matches(p, text))
			return text;
		free(text);
	}
	return NULL;
}

char *sample_miss(const Pattern *p, Rng *rng)
{
	static const char *const plain[] = { "A plain answer", "zq", "0", "-", "Yes", "x y z" };
	size_t start = rng_below(rng, ARRAY_LEN(plain));
	for (size_t i = 0; i < ARRAY_LEN(plain); i++) {
		const char *t = plain[(start + i) % ARRAY_LEN(plain)];
		if (!matches(p, t))
			return xstrdup(t);
	}
	/* A text it matches, cut or grown, may miss it. */
	char *hit = sample_match(p, rng);
	if (!hit)
		return NULL;
	size_t first = utf8_seq_len((unsigned char)hit[0]);
	char *miss = strlen(hit) > first ? xstrdup(hit + first) : xasprintf("%s!", hit);
	if (matches(p, miss)) {
		free(miss);
		miss = xasprintf("%s!", hit);
	}
	free(hit);
	if (*miss && !matches(p, miss))
		return miss;
	free(miss);
	return NULL;
}
