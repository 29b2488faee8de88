/*
 * pattern: PCRE2 behind a small door, with limits and shared compilations.
 *
 * A set keeps its patterns in a Map keyed by the source text as written: the same text always means the same pattern and flags, so a
 * dialogue repeating a pattern 10,000 times compiles it once, failures
 * included, and pattern_source stays exactly what the author wrote.
 * Patterns are interpreted, never JIT-compiled: loading a large dialogue
 * must stay cheap, and answers are short.
 *
 * Every match borrows the set's one match context (which carries the
 * match, depth and heap limits) and its one match data block, so matching
 * allocates nothing after the first call; a set is for one thread.
 */
#include "pattern.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "map.h"
#include "utf8.h"
#include "util.h"

/* Generous for any sane answer check, small enough to answer at once. */
#define MATCH_LIMIT 1000000
#define DEPTH_LIMIT 10000
#define HEAP_LIMIT_KIB (20 * 1024)

struct Pattern {
	PatternSet *set;     /* whose match context and data a match borrows */
	char *source;
	size_t len;
	pcre2_code *code;    /* NULL when compilation failed: */
	char *err;           /* then the message */
	size_t offset;       /* and its offset in source */
};

struct PatternSet {
	Map sources;
	Pattern **patterns;  /* by the number of their source */
	size_t cap;
	pcre2_general_context *gcx;
	pcre2_compile_context *ccx;
	pcre2_match_context *mcx;
	pcre2_match_data *md;
};

/* PCRE2 allocates through the project's funnel too. */
static void *pcre_alloc(size_t n, void *data)
{
	(void)data;
	return xmalloc(n);
}

static void pcre_free(void *p, void *data)
{
	(void)data;
	free(p);
}

PatternSet *pattern_set_new(void)
{
	PatternSet *set = xcalloc(1, sizeof *set);
	set->gcx = pcre2_general_context_create(pcre_alloc, pcre_free, NULL);
	set->ccx = pcre2_compile_context_create(set->gcx);
	set->mcx = pcre2_match_context_create(set->gcx);
	/* One pair: a match only answers whether, never where. */
	set->md = pcre2_match_data_create(1, set->gcx);
	pcre2_set_match_limit(set->mcx, MATCH_LIMIT);
	pcre2_set_depth_limit(set->mcx, DEPTH_LIMIT);
	pcre2_set_heap_limit(set->mcx, HEAP_LIMIT_KIB);
	return set;
}

static void pattern_free(Pattern *p)
{
	pcre2_code_free(p->code);
	free(p->source);
	free(p->err);
	free(p);
}

void pattern_set_free(PatternSet *set)
{
	if (!set)
		return;
	for (size_t i = 0; i < map_count(&set->sources); i++)
		pattern_free(set->patterns[i]);
	map_free(&set->sources);
	free(set->patterns);
	pcre2_match_data_free(set->md);
	pcre2_match_context_free(set->mcx);
	pcre2_compile_context_free(set->ccx);
	pcre2_general_context_free(set->gcx);
	free(set);
}

/* ---- compiling ---- */

/* The flag at f[0..n) quoted for a message: a whole UTF-8 character, or
 * the byte in hex when it is a control or cannot start one. */
static char *flag_error(const char *f, size_t n)
{
	unsigned char c = (unsigned char)f[0];
	size_t len = utf8_seq_len(c);
	size_t bad;
	if (c < 0x20 || c == 0x7F || len > n || !utf8_valid(f, len, &bad))
		return xasprintf("unknown regex flag '\\x%02X' (allowed: i m s x u)", c);
	return xasprintf("unknown regex flag '%.*s' (allowed: i m s x u)", (int)len, f);
}

/* Adds to *opts what the flags f[0..n) ask for; on an unknown flag sets *err and
 * *at (its offset in f) and returns false. */
static bool parse_flags(const char *f, size_t n, uint32_t *opts, char **err, size_t *at)
{
	for (size_t i = 0; i < n; i++) {
		switch (f[i]) {
		case 'i': *opts |= PCRE2_CASELESS; break;
		case 'm': *opts |= PCRE2_MULTILINE; break;
		case 's': *opts |= PCRE2_DOTALL; break;
		case 'x': *opts |= PCRE2_EXTENDED; break;
		case 'u': *opts |= PCRE2_UCP; break;
		default:
			*err = flag_error(f + i, n - i);
			*at = i;
			return false;
		}
	}
	return true;
}

/* The offset of the delimited form's closing slash: the last one after a
 * leading slash, so "/a/b/i" is "a/b" with flags "i". 0 for a bare pattern. */
static size_t closing_slash(const char *src, size_t len)
{
	if (len < 2 || src[0] != '/')
		return 0;
	for (size_t i = len - 1; i > 0; i--)
		if (src[i] == '/')
			return i;
	return 0;
}

/* Compiles p->source into p->code, or fills p->err and p->offset. */
static void compile(const PatternSet *set, Pattern *p)
{
	/* Typed answers need not be valid UTF-8; \C could split a character. */
	uint32_t opts = PCRE2_UTF | PCRE2_MATCH_INVALID_UTF | PCRE2_NEVER_BACKSLASH_C;
	const char *re = p->source;
	size_t relen = p->len, skip = 0;
	size_t end = closing_slash(p->source, p->len);
	if (end) {
		size_t bad;
		if (!parse_flags(re + end + 1, p->len - end - 1, &opts, &p->err, &bad)) {
			p->offset = end + 1 + bad;
			return;
		}
		re += 1, relen = end - 1, skip = 1;
	}
	int code;
	PCRE2_SIZE off;
	p->code = pcre2_compile((PCRE2_SPTR)re, relen, opts, &code, &off, set->ccx);
	if (!p->code) {
		PCRE2_UCHAR msg[256];
		pcre2_get_error_message(code, msg, sizeof msg);
		p->err = xstrdup((const char *)msg);
		p->offset = off + skip;
	}
}

const Pattern *pattern_compile(PatternSet *set, const char *src, size_t len,
                               char **err, size_t *offset)
{
	char *source = xstrndup(src, len);
	bool added;
	size_t i = map_add(&set->sources, source, &added);
	Pattern *p;
	if (added) {
		p = xcalloc(1, sizeof *p);
		p->set = set;
		p->source = source;
		p->len = strlen(source);  /* a text with a NUL is an error already */
		compile(set, p);
		GROW(set->patterns, set->cap, i + 1);
		set->patterns[i] = p;
	} else {
		free(source);
		p = set->patterns[i];
	}
	if (p->code)
		return p;
	*err = xstrdup(p->err);
	*offset = p->offset;
	return NULL;
}

/* ---- matching ---- */

int pattern_match(const Pattern *p, const char *text, size_t len)
{
	PatternSet *set = p->set;
	int rc = pcre2_match(p->code, (PCRE2_SPTR)(len ? text : ""), len, 0, 0,
	                     set->md, set->mcx);
	if (rc >= 0) /* 0: a match with more groups than the one pair holds */
		return PATTERN_MATCH;
	if (rc == PCRE2_ERROR_NOMATCH)
		return PATTERN_NOMATCH;
	/* The limits, or anything else that stopped PCRE2 short of an answer:
	 * the caller reports that the answer could not be checked. */
	return PATTERN_LIMIT;
}

const char *pattern_source(const Pattern *p)
{
	return p->source;
}
