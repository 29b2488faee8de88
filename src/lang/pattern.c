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

#include "i18n.h"
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
	int error;           /* then PCRE2's error code, or BAD_FLAG */
	size_t offset;       /* and its offset in source */
};

/* An unknown flag, ours to find: no PCRE2 error code is 0. */
enum { BAD_FLAG = 0 };

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

/* Adds to *opts what the flags f[0..n) ask for; false at an unknown
 * flag, *at its offset in f. */
static bool parse_flags(const char *f, size_t n, uint32_t *opts, size_t *at)
{
	for (size_t i = 0; i < n; i++) {
		switch (f[i]) {
		case 'i': *opts |= PCRE2_CASELESS; break;
		case 'm': *opts |= PCRE2_MULTILINE; break;
		case 's': *opts |= PCRE2_DOTALL; break;
		case 'x': *opts |= PCRE2_EXTENDED; break;
		case 'u': *opts |= PCRE2_UCP; break;
		default:
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

/* Compiles p->source into p->code, or fills p->error and p->offset. */
static void compile(const PatternSet *set, Pattern *p)
{
	/* Typed answers need not be valid UTF-8; \C could split a character. */
	uint32_t opts = PCRE2_UTF | PCRE2_MATCH_INVALID_UTF | PCRE2_NEVER_BACKSLASH_C;
	const char *re = p->source;
	size_t relen = p->len, skip = 0;
	size_t end = closing_slash(p->source, p->len);
	if (end) {
		size_t bad;
		if (!parse_flags(re + end + 1, p->len - end - 1, &opts, &bad)) {
			p->error = BAD_FLAG;
			p->offset = end + 1 + bad;
			return;
		}
		re += 1, relen = end - 1, skip = 1;
	}
	int code;
	PCRE2_SIZE off;
	p->code = pcre2_compile((PCRE2_SPTR)re, relen, opts, &code, &off, set->ccx);
	if (!p->code) {
		p->error = code;
		p->offset = off + skip;
	}
}

/* ---- messages ---- */

/* The flag at f[0..n) quoted for a message: a whole UTF-8 character, or
 * the byte in hex when it is a control or cannot start one. */
static char *flag_error(const char *f, size_t n)
{
	unsigned char c = (unsigned char)f[0];
	size_t len = utf8_seq_len(c);
	size_t bad;
	char *flag = c < 0x20 || c == 0x7F || len > n || !utf8_valid(f, len, &bad)
	           ? xasprintf("\\x%02X", c) : xstrndup(f, len);
	char *msg = xasprintf(_("unknown regex flag '%s' (allowed: i m s x u)"), flag);
	free(flag);
	return msg;
}

/*
 * PCRE2 speaks English only. The errors a dialogue's author is likely to
 * meet have their words here, in PCRE2's English (so English reads as
 * PCRE2's documentation does) and in the catalogue's languages.
 */
static const struct {
	int code;
	const char *msgid;
} pcre_words[] = {
	{ PCRE2_ERROR_END_BACKSLASH, N_("\\ at end of pattern") },
	{ PCRE2_ERROR_UNKNOWN_ESCAPE, N_("unrecognized character follows \\") },
	{ PCRE2_ERROR_QUANTIFIER_OUT_OF_ORDER, N_("numbers out of order in {} quantifier") },
	{ PCRE2_ERROR_QUANTIFIER_TOO_BIG, N_("number too big in {} quantifier") },
	{ PCRE2_ERROR_MISSING_SQUARE_BRACKET, N_("missing terminating ] for character class") },
	{ PCRE2_ERROR_CLASS_RANGE_ORDER, N_("range out of order in character class") },
	{ PCRE2_ERROR_CLASS_INVALID_RANGE, N_("invalid range in character class") },
	{ PCRE2_ERROR_QUANTIFIER_INVALID, N_("quantifier does not follow a repeatable item") },
	{ PCRE2_ERROR_INVALID_AFTER_PARENS_QUERY, N_("unrecognized character after (? or (?-") },
	{ PCRE2_ERROR_MISSING_CLOSING_PARENTHESIS, N_("missing closing parenthesis") },
	{ PCRE2_ERROR_UNMATCHED_CLOSING_PARENTHESIS, N_("unmatched closing parenthesis") },
	{ PCRE2_ERROR_BAD_SUBPATTERN_REFERENCE, N_("reference to non-existent subpattern") },
	{ PCRE2_ERROR_LOOKBEHIND_NOT_FIXED_LENGTH, N_("lookbehind assertion is not fixed length") },
	{ PCRE2_ERROR_UNSUPPORTED_ESCAPE_SEQUENCE,
	  N_("PCRE2 does not support \\F, \\L, \\l, \\N{name}, \\U, or \\u") },
};

/* PCRE2's error code in the current language; PCRE2's own English, said
 * to be theirs, for the rarer ones. */
static char *pcre_error(int code)
{
	for (size_t i = 0; i < ARRAY_LEN(pcre_words); i++)
		if (pcre_words[i].code == code)
			return xstrdup(_(pcre_words[i].msgid));
	PCRE2_UCHAR msg[256];
	pcre2_get_error_message(code, msg, sizeof msg);
	return xasprintf(_("%s (PCRE2's wording)"), (const char *)msg);
}

/* The message of p's failure. Made at each report, not kept: the language
 * may have changed since the set compiled p (a session's, after the
 * locale's at load). */
static char *error_message(const Pattern *p)
{
	if (p->error == BAD_FLAG)
		return flag_error(p->source + p->offset, p->len - p->offset);
	return pcre_error(p->error);
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
	*err = error_message(p);
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
