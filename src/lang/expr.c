/*
 * expr: parsing, checking and evaluating `if:` and `set:` expressions.
 *
 * A hand-written recursive-descent parser over an on-demand lexer: the
 * lexer produces one token at a time, because what follows `~` is a regex
 * literal, not tokens. The first error stops parsing (one mistake, one
 * message). Dialogues are untrusted, so both the parser's recursion and the
 * height of the tree (which evaluation walks recursively) are bounded.
 */
#include "expr.h"

#include <assert.h>
#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "suggest.h"
#include "util.h"

/* Parentheses, `not` and unary minus nested deeper than this are refused. */
enum { MAX_DEPTH = 100 };
/* Longer chains of operators than this are refused (tree height). */
enum { MAX_HEIGHT = 1000 };

typedef enum Op {
	OP_NUM, OP_STR, OP_BOOL, OP_VAR, OP_ANSWER,
	OP_NOT, OP_AND, OP_OR,
	OP_EQ, OP_NE, OP_LT, OP_LE, OP_GT, OP_GE,
	OP_MATCH, OP_ADD, OP_SUB, OP_NEG,
	OP_COUNT, OP_EMPTY, OP_VISITED,
} Op;

/* 32 bytes: a large dialogue holds hundreds of thousands of these. */
typedef struct ExprNode ExprNode;
struct ExprNode {
	uint8_t op;        /* Op */
	uint16_t height;   /* at most MAX_HEIGHT */
	uint32_t pos;      /* byte offset of the operator, or of the operand */
	const ExprNode *a, *b; /* operands; a alone for unary operators and calls */
	union {
		double num;
		bool truth;
		const char *text;  /* OP_STR value, OP_VAR name, OP_VISITED node id */
		const Pattern *re; /* OP_MATCH, its source the regex as written */
	} u;
};

struct Expr {
	const ExprNode *root;
	const char *src;
};

const char *type_name(Type t)
{
	switch (t) {
	case TYPE_ANY:
		return "any";
	case TYPE_TEXT:
		return "text";
	case TYPE_NUMBER:
		return "number";
	case TYPE_BOOL:
		return "boolean";
	case TYPE_LIST:
		return "list";
	}
	return "?";
}

/* ---- Lexer ---- */

typedef enum Tok {
	T_EOF, T_NUM, T_STR, T_NAME, T_QNAME,
	T_AND, T_OR, T_NOT, T_TRUE, T_FALSE, T_ANSWER,
	T_EQ, T_NE, T_LT, T_LE, T_GT, T_GE,
	T_TILDE, T_PLUS, T_MINUS, T_LPAREN, T_RPAREN, T_COMMA,
} Tok;

typedef struct Token {
	Tok kind;
	size_t start, len;  /* the token's bytes in the source */
	double num;         /* T_NUM */
	const char *text;   /* T_STR decoded (arena); names are copied only
	                       when they become a node */
} Token;

typedef struct Parser {
	Arena *arena;
	PatternSet *patterns;
	const char *src;
	size_t at;          /* where the next token starts to be looked for */
	Token tok;          /* the current token */
	int depth;
	char *err;          /* the first error, heap */
	size_t errpos;
} Parser;

static bool fail(Parser *p, size_t pos, const char *fmt, ...) PRINTF_LIKE(3, 4);

/* Records the first error only; returns false for `return fail(...)`. */
static bool fail(Parser *p, size_t pos, const char *fmt, ...)
{
	if (p->err)
		return false;
	va_list ap;
	va_start(ap, fmt);
	p->err = xvasprintf(_(fmt), ap);
	va_end(ap);
	p->errpos = pos;
	return false;
}

static bool is_ident_start(char c)
{
	return isalpha((unsigned char)c) || c == '_';
}

static bool is_ident_char(char c)
{
	return isalnum((unsigned char)c) || c == '_';
}

/* A dialogue id may hold '-', so a qualifier is a run of these. */
static bool is_qual_char(char c)
{
	return is_ident_char(c) || c == '-';
}

/*
 * The length of the qualified name starting at s (`id.name`, `a.b.c`), or 0
 * when s does not start one. A run of [A-Za-z0-9_-] directly followed by '.'
 * and an identifier start is a qualifier; the last part is an identifier.
 */
static size_t qualified_len(const char *s)
{
	size_t i = 0, last = 0;
	for (;;) {
		size_t j = i;
		while (is_qual_char(s[j]))
			j++;
		if (j == i || s[j] != '.' || !is_ident_start(s[j + 1]))
			break;
		i = last = j + 1;
	}
	if (last == 0)
		return 0;
	while (is_ident_char(s[i]))
		i++;
	return i;
}

static const struct {
	const char *word;
	Tok kind;
} keywords[] = {
	{ "and", T_AND }, { "or", T_OR }, { "not", T_NOT },
	{ "true", T_TRUE }, { "false", T_FALSE }, { "answer", T_ANSWER },
};

/* Whether the token's bytes are the word w. */
static bool tok_is(const Parser *p, const Token *t, const char *w)
{
	return strlen(w) == t->len && memcmp(p->src + t->start, w, t->len) == 0;
}

static void lex_name(Parser *p, Token *t)
{
	const char *s = p->src + t->start;
	size_t q = qualified_len(s);
	t->kind = q ? T_QNAME : T_NAME;
	t->len = q;
	if (!q)
		while (is_ident_char(s[t->len]))
			t->len++;
	if (q)
		return;
	for (size_t i = 0; i < ARRAY_LEN(keywords); i++)
		if (tok_is(p, t, keywords[i].word))
			t->kind = keywords[i].kind;
}

/* digits ('.' digits)?, read by hand: strtod would follow LC_NUMERIC. */
static bool lex_number(Parser *p, Token *t)
{
	const char *s = p->src + t->start;
	double v = 0, scale = 1;
	size_t i = 0;
	for (; isdigit((unsigned char)s[i]); i++)
		v = v * 10 + (s[i] - '0');
	if (s[i] == '.' && isdigit((unsigned char)s[i + 1])) {
		double frac = 0;
		for (i++; isdigit((unsigned char)s[i]); i++) {
			frac = frac * 10 + (s[i] - '0');
			scale *= 10;
		}
		/* One division keeps short decimals like 0.1 correctly rounded. */
		v += frac / scale;
	}
	t->kind = T_NUM;
	t->len = i;
	t->num = v;
	if (!isfinite(v))
		return fail(p, t->start, "number too large");
	return true;
}

/* Bytes of the UTF-8 character at s, so that messages never cut one. */
static size_t char_len(const char *s)
{
	size_t n = 1;
	while (n < 4 && ((unsigned char)s[n] & 0xC0) == 0x80)
		n++;
	return n;
}

/* The decoded character for the escape \c, or 0 when there is none. */
static char unescape(char c)
{
	switch (c) {
	case '"':
	case '\'':
	case '\\':
		return c;
	case 'n':
		return '\n';
	case 't':
		return '\t';
	default:
		return 0;
	}
}

/* Bytes up to the closing quote (or the end), the most a string decodes to. */
static size_t string_span(const char *s, char quote)
{
	size_t i = 1;
	while (s[i] && s[i] != quote)
		i += s[i] == '\\' && s[i + 1] ? 2 : 1;
	return i;
}

static bool lex_string(Parser *p, Token *t)
{
	const char *s = p->src + t->start;
	char quote = s[0];
	char *out = arena_alloc(p->arena, string_span(s, quote));
	size_t n = 0, i = 1;
	for (; s[i] && s[i] != quote; i++) {
		if (s[i] != '\\') {
			out[n++] = s[i];
			continue;
		}
		char c = unescape(s[i + 1]);
		if (!c) {
			if (!s[i + 1])
				break;
			return fail(p, t->start + i, "unknown escape '\\%.*s' in string; write '\\\\' for a backslash",
			            (int)char_len(s + i + 1), s + i + 1);
		}
		out[n++] = c;
		i++;
	}
	if (s[i] != quote)
		return fail(p, t->start, "unterminated string");
	out[n] = '\0';
	t->kind = T_STR;
	t->len = i + 1;
	t->text = out;
	return true;
}

static bool lex_bad_char(Parser *p, size_t at)
{
	const char *s = p->src + at;
	if (s[0] == '=')
		return fail(p, at, "unexpected '='; write '==' to compare");
	if (s[0] == '!')
		return fail(p, at, "unexpected '!'; write 'not'");
	if (s[0] == '&' && s[1] == '&')
		return fail(p, at, "unexpected '&&'; write 'and'");
	if (s[0] == '|' && s[1] == '|')
		return fail(p, at, "unexpected '||'; write 'or'");
	if (s[0] == '/')
		return fail(p, at, "unexpected '/': a regex goes after '~', as in answer ~ /yes/i");
	return fail(p, at, "unexpected character '%.*s'", (int)char_len(s), s);
}

static const struct {
	const char *text;
	Tok kind;
} operators[] = {
	/* Two-character operators first, so that "<=" is not read as "<". */
	{ "==", T_EQ }, { "!=", T_NE }, { "<=", T_LE }, { ">=", T_GE },
	{ "<", T_LT }, { ">", T_GT }, { "~", T_TILDE }, { "+", T_PLUS },
	{ "-", T_MINUS }, { "(", T_LPAREN }, { ")", T_RPAREN }, { ",", T_COMMA },
};

static bool lex_operator(Parser *p, Token *t)
{
	const char *s = p->src + t->start;
	for (size_t i = 0; i < ARRAY_LEN(operators); i++) {
		/* One or two characters: compared as such, not as strings. */
		const char *op = operators[i].text;
		if (s[0] == op[0] && (!op[1] || s[1] == op[1])) {
			t->kind = operators[i].kind;
			t->len = op[1] ? 2 : 1;
			return true;
		}
	}
	return lex_bad_char(p, t->start);
}

static size_t skip_space(const char *src, size_t at)
{
	while (src[at] == ' ' || src[at] == '\t' || src[at] == '\n' || src[at] == '\r')
		at++;
	return at;
}

/* Reads the next token into p->tok; false (with p->err) on a bad one. */
static bool advance(Parser *p)
{
	Token t = { .start = skip_space(p->src, p->at) };
	char c = p->src[t.start];
	bool ok = true;
	if (c == '\0')
		t.kind = T_EOF;
	else if (is_ident_start(c) || (isdigit((unsigned char)c) && qualified_len(p->src + t.start)))
		lex_name(p, &t);
	else if (isdigit((unsigned char)c))
		ok = lex_number(p, &t);
	else if (c == '"' || c == '\'')
		ok = lex_string(p, &t);
	else
		ok = lex_operator(p, &t);
	p->tok = t;
	p->at = t.start + t.len;
	return ok;
}

/* How messages name the current token: 'and', 'x', end of expression. */
static char *tok_desc(const Parser *p)
{
	if (p->tok.kind == T_EOF)
		return xstrdup(_("end of expression"));
	const char *s = p->src + p->tok.start;
	size_t n = p->tok.len;
	if (n > 24) {
		n = 24;
		while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
			n--;
		return xasprintf("'%.*s...'", (int)n, s);
	}
	return xasprintf("'%.*s'", (int)n, s);
}

/* Fails with "expected WHAT near TOKEN", or the end-of-input form; what
 * is a message too, marked with N_ by the caller. */
static bool fail_expected(Parser *p, const char *what)
{
	if (p->tok.kind == T_EOF)
		return fail(p, p->tok.start, "expected %s at end of expression", _(what));
	char *d = tok_desc(p);
	fail(p, p->tok.start, "expected %s near %s", _(what), d);
	free(d);
	return false;
}

/* ---- Parser ---- */

static const ExprNode *parse_expr(Parser *p);
static const ExprNode *parse_primary(Parser *p);

static unsigned height_of(const ExprNode *n)
{
	return n ? n->height : 0;
}

/* A leaf node: a literal, a name. */
static ExprNode *leaf(Parser *p, Op op, size_t pos)
{
	ExprNode *n = ARENA_NEW(p->arena, ExprNode);
	n->op = (uint8_t)op;
	n->pos = (uint32_t)pos;
	n->height = 1;
	return n;
}

/* An operator node; NULL (with an error) when the tree grows too tall. */
static ExprNode *make(Parser *p, Op op, size_t pos, const ExprNode *a, const ExprNode *b)
{
	unsigned ha = height_of(a), hb = height_of(b);
	unsigned height = 1 + (ha > hb ? ha : hb);
	if (height > MAX_HEIGHT) {
		fail(p, pos, "expression too long or nested too deeply");
		return NULL;
	}
	ExprNode *n = leaf(p, op, pos);
	n->a = a;
	n->b = b;
	n->height = (uint16_t)height;
	return n;
}

/* Counts a level of nesting; false (with an error) past MAX_DEPTH. */
static bool enter(Parser *p)
{
	if (++p->depth > MAX_DEPTH)
		return fail(p, p->tok.start, "expression nested too deeply");
	return true;
}

static const char *const functions[] = { "count", "empty", "visited" };

static bool next_is_paren(const Parser *p)
{
	return p->src[skip_space(p->src, p->at)] == '(';
}

/* visited(NODE_ID): the argument names a node, it is not evaluated. */
static const ExprNode *parse_visited_arg(Parser *p)
{
	const Token *t = &p->tok;
	/* ExprNode ids are plain identifiers, so a keyword spelling one is accepted. */
	bool word = t->kind == T_NAME || (t->kind >= T_AND && t->kind <= T_ANSWER);
	if (!word) {
		fail_expected(p, N_("a node id in visited()"));
		return NULL;
	}
	/* Its position is the argument's: that is what an unknown id points at. */
	ExprNode *n = leaf(p, OP_VISITED, t->start);
	n->u.text = arena_strndup(p->arena, p->src + t->start, t->len);
	if (!advance(p))
		return NULL;
	if (p->tok.kind != T_RPAREN) {
		fail_expected(p, N_("')' after the node id"));
		return NULL;
	}
	return n;
}

/* The arguments of count() or empty(), which take exactly one. */
static const ExprNode *parse_one_arg(Parser *p, const char *name, size_t fpos)
{
	size_t nargs = 0;
	const ExprNode *arg = NULL;
	while (p->tok.kind != T_RPAREN) {
		if (nargs && p->tok.kind == T_COMMA && !advance(p))
			return NULL;
		if (!(arg = parse_expr(p)))
			return NULL;
		nargs++;
		if (p->tok.kind != T_COMMA && p->tok.kind != T_RPAREN) {
			fail_expected(p, N_("',' or ')'"));
			return NULL;
		}
	}
	if (nargs != 1) {
		fail(p, fpos, "%s() takes exactly one argument, not %zu", name, nargs);
		return NULL;
	}
	return arg;
}

/* FUNC "(" args ")", the current token being FUNC. */
static const ExprNode *parse_call(Parser *p, Op op, const char *name, size_t fpos)
{
	if (!enter(p) || !advance(p) || !advance(p))  /* the name, then '(' */
		return NULL;
	const ExprNode *n;
	if (op == OP_VISITED) {
		n = parse_visited_arg(p);
	} else {
		const ExprNode *arg = parse_one_arg(p, name, fpos);
		n = arg ? make(p, op, fpos, arg, NULL) : NULL;
	}
	p->depth--;
	if (!n || !advance(p))  /* ')' */
		return NULL;
	return n;
}

static const ExprNode *parse_name(Parser *p)
{
	const Token t = p->tok;
	if (t.kind == T_NAME && next_is_paren(p)) {
		static const Op ops[] = { OP_COUNT, OP_EMPTY, OP_VISITED };
		for (size_t i = 0; i < ARRAY_LEN(functions); i++)
			if (tok_is(p, &t, functions[i]))
				return parse_call(p, ops[i], functions[i], t.start);
		char *name = xstrndup(p->src + t.start, t.len);
		const char *near = suggest(name, functions, ARRAY_LEN(functions));
		if (near)
			fail(p, t.start, "unknown function '%s'; did you mean '%s'?", name, near);
		else
			fail(p, t.start, "unknown function '%s'; the functions are count, empty and visited",
			     name);
		free(name);
		return NULL;
	}
	ExprNode *n = leaf(p, OP_VAR, t.start);
	n->u.text = arena_strndup(p->arena, p->src + t.start, t.len);
	return advance(p) ? n : NULL;
}

static const ExprNode *parse_group(Parser *p)
{
	if (!enter(p) || !advance(p))
		return NULL;
	const ExprNode *n = parse_expr(p);
	if (!n)
		return NULL;
	if (p->tok.kind != T_RPAREN) {
		fail_expected(p, N_("')'"));
		return NULL;
	}
	p->depth--;
	return advance(p) ? n : NULL;
}

static const ExprNode *parse_negation(Parser *p)
{
	size_t pos = p->tok.start;
	if (!enter(p) || !advance(p))
		return NULL;
	const ExprNode *a = parse_primary(p);
	p->depth--;
	return a ? make(p, OP_NEG, pos, a, NULL) : NULL;
}

static const ExprNode *parse_literal(Parser *p)
{
	const Token t = p->tok;
	ExprNode *n;
	if (t.kind == T_NUM) {
		n = leaf(p, OP_NUM, t.start);
		n->u.num = t.num;
	} else if (t.kind == T_STR) {
		n = leaf(p, OP_STR, t.start);
		n->u.text = t.text;
	} else if (t.kind == T_ANSWER) {
		n = leaf(p, OP_ANSWER, t.start);
	} else {
		n = leaf(p, OP_BOOL, t.start);
		n->u.truth = t.kind == T_TRUE;
	}
	return advance(p) ? n : NULL;
}

static const ExprNode *parse_primary(Parser *p)
{
	switch (p->tok.kind) {
	case T_NUM:
	case T_STR:
	case T_TRUE:
	case T_FALSE:
	case T_ANSWER:
		return parse_literal(p);
	case T_NAME:
	case T_QNAME:
		return parse_name(p);
	case T_LPAREN:
		return parse_group(p);
	case T_MINUS:
		return parse_negation(p);
	case T_EOF:
		fail(p, p->tok.start, "unexpected end of expression");
		return NULL;
	default: {
		char *d = tok_desc(p);
		fail(p, p->tok.start, "expected a value near %s", d);
		free(d);
		return NULL;
	}
	}
}

static const ExprNode *parse_sum(Parser *p)
{
	const ExprNode *n = parse_primary(p);
	while (n && (p->tok.kind == T_PLUS || p->tok.kind == T_MINUS)) {
		Op op = p->tok.kind == T_PLUS ? OP_ADD : OP_SUB;
		size_t pos = p->tok.start;
		if (!advance(p))
			return NULL;
		const ExprNode *b = parse_primary(p);
		n = b ? make(p, op, pos, n, b) : NULL;
	}
	return n;
}

/* The offset of the '/' closing the regex opened at s[0], or 0 if none. */
static size_t regex_close(const char *s)
{
	size_t i = 1;
	while (s[i] && s[i] != '/')
		i += s[i] == '\\' && s[i + 1] ? 2 : 1;
	return s[i] ? i : 0;
}

/* The regex literal after '~' at p->at: /PATTERN/FLAGS, compiled now. */
static const ExprNode *parse_regex(Parser *p, const ExprNode *lhs, size_t oppos)
{
	size_t start = skip_space(p->src, p->at);
	const char *s = p->src + start;
	if (s[0] != '/') {
		p->at = start;
		if (advance(p))
			fail_expected(p, N_("a regex like /yes/i after '~'"));
		return NULL;
	}
	size_t close = regex_close(s);
	if (!close) {
		fail(p, start, "unterminated regex: missing closing '/'");
		return NULL;
	}
	size_t i = close + 1;
	while (isalpha((unsigned char)s[i]))
		i++;
	char *err = NULL;
	size_t off = 0;
	const Pattern *re = pattern_compile(p->patterns, s, i, &err, &off);
	if (!re) {
		/* off counts from the opening '/', the author counts in the pattern;
		 * a bad flag's message says enough without an offset. */
		if (off > close)
			fail(p, start + off, "bad regex: %s", err);
		else
			fail(p, start + off, "bad regex: %s at offset %zu", err, off ? off - 1 : 0);
		free(err);
		return NULL;
	}
	ExprNode *n = make(p, OP_MATCH, oppos, lhs, NULL);
	if (!n)
		return NULL;
	n->u.re = re;
	p->at = start + i;
	return advance(p) ? n : NULL;
}

static const ExprNode *parse_match(Parser *p)
{
	const ExprNode *n = parse_sum(p);
	if (n && p->tok.kind == T_TILDE)
		return parse_regex(p, n, p->tok.start);
	return n;
}

static bool is_comparison(Tok k)
{
	return k >= T_EQ && k <= T_GE;
}

static const ExprNode *parse_cmp(Parser *p)
{
	const ExprNode *n = parse_match(p);
	if (!n || !is_comparison(p->tok.kind))
		return n;
	static const Op ops[] = { [T_EQ] = OP_EQ, [T_NE] = OP_NE, [T_LT] = OP_LT,
		[T_LE] = OP_LE, [T_GT] = OP_GT, [T_GE] = OP_GE };
	Op op = ops[p->tok.kind];
	size_t pos = p->tok.start;
	if (!advance(p))
		return NULL;
	const ExprNode *b = parse_match(p);
	if (!b)
		return NULL;
	if (is_comparison(p->tok.kind)) {
		fail(p, p->tok.start, "comparisons cannot be chained; join them with 'and'");
		return NULL;
	}
	return make(p, op, pos, n, b);
}

static const ExprNode *parse_not(Parser *p)
{
	if (p->tok.kind != T_NOT)
		return parse_cmp(p);
	size_t pos = p->tok.start;
	if (!enter(p) || !advance(p))
		return NULL;
	const ExprNode *a = parse_not(p);
	p->depth--;
	return a ? make(p, OP_NOT, pos, a, NULL) : NULL;
}

static const ExprNode *parse_and(Parser *p)
{
	const ExprNode *n = parse_not(p);
	while (n && p->tok.kind == T_AND) {
		size_t pos = p->tok.start;
		const ExprNode *b = advance(p) ? parse_not(p) : NULL;
		n = b ? make(p, OP_AND, pos, n, b) : NULL;
	}
	return n;
}

static const ExprNode *parse_expr(Parser *p)
{
	const ExprNode *n = parse_and(p);
	while (n && p->tok.kind == T_OR) {
		size_t pos = p->tok.start;
		const ExprNode *b = advance(p) ? parse_and(p) : NULL;
		n = b ? make(p, OP_OR, pos, n, b) : NULL;
	}
	return n;
}

Expr *expr_parse(Arena *arena, PatternSet *patterns, const char *src,
                 char **err, size_t *pos)
{
	Parser p = { .arena = arena, .patterns = patterns, .src = src };
	const ExprNode *root = advance(&p) ? parse_expr(&p) : NULL;
	if (root && p.tok.kind != T_EOF)
		fail_expected(&p, N_("'and', 'or' or an operator"));
	assert(root || p.err);
	if (p.err) {
		*err = p.err;
		*pos = p.errpos;
		return NULL;
	}
	Expr *e = ARENA_NEW(arena, Expr);
	e->root = root;
	e->src = arena_strdup(arena, src);
	return e;
}

const char *expr_source(const Expr *e)
{
	return e->src;
}

/* ---- References ---- */

typedef void RefFn(void *ctx, RefKind kind, const char *name, size_t pos);

static void refs(const ExprNode *n, RefFn *fn, void *ctx)
{
	if (!n)
		return;
	if (n->op == OP_VAR)
		fn(ctx, REF_VAR, n->u.text, n->pos);
	else if (n->op == OP_VISITED)
		fn(ctx, REF_NODE, n->u.text, n->pos);
	else {
		refs(n->a, fn, ctx);
		refs(n->b, fn, ctx);
	}
}

void expr_refs(const Expr *e, RefFn *fn, void *ctx)
{
	refs(e->root, fn, ctx);
}

/* ---- Hints ---- */

typedef void HintFn(void *ctx, const ExprHint *h);

static bool names_value(const ExprNode *n)
{
	return n && (n->op == OP_VAR || n->op == OP_ANSWER);
}

static bool is_literal(const ExprNode *n)
{
	return n && (n->op == OP_STR || n->op == OP_NUM);
}

/* The hint of name (a VAR or `answer`) compared with lit. */
static ExprHint hint_of(const ExprNode *name, const ExprNode *lit)
{
	ExprHint h = { .name = name->op == OP_VAR ? name->u.text : NULL };
	if (lit->op == OP_STR)
		h.text = lit->u.text;
	else
		h.has_number = true, h.number = lit->u.num;
	return h;
}

static void hints(const ExprNode *n, HintFn *fn, void *ctx)
{
	if (!n)
		return;
	if (n->op == OP_MATCH && names_value(n->a)) {
		ExprHint h = { .name = n->a->op == OP_VAR ? n->a->u.text : NULL, .re = n->u.re };
		fn(ctx, &h);
	} else if (n->op >= OP_EQ && n->op <= OP_GE && names_value(n->a) && is_literal(n->b)) {
		ExprHint h = hint_of(n->a, n->b);
		fn(ctx, &h);
	} else if (n->op >= OP_EQ && n->op <= OP_GE && names_value(n->b) && is_literal(n->a)) {
		ExprHint h = hint_of(n->b, n->a);
		fn(ctx, &h);
	}
	hints(n->a, fn, ctx);
	hints(n->b, fn, ctx);
}

void expr_hints(const Expr *e, HintFn *fn, void *ctx)
{
	hints(e->root, fn, ctx);
}

/* ---- Static types ---- */

typedef struct TypeCheck {
	Type (*var_type)(void *ctx, const char *name);
	void *ctx;
	Type answer_type;
	char *err;
	size_t pos;
} TypeCheck;

static bool type_fail(TypeCheck *c, size_t pos, const char *fmt, ...) PRINTF_LIKE(3, 4);

static bool type_fail(TypeCheck *c, size_t pos, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	c->err = xvasprintf(_(fmt), ap);
	va_end(ap);
	c->pos = pos;
	return false;
}

const char *type_phrase(Type t)
{
	switch (t) {
	case TYPE_TEXT:
		return _("text");
	case TYPE_NUMBER:
		return _("a number");
	case TYPE_BOOL:
		return _("a boolean");
	case TYPE_LIST:
		return _("a list");
	default:
		return _("a value");
	}
}

static const char *op_text(Op op)
{
	static const char *const texts[] = {
		[OP_EQ] = "==", [OP_NE] = "!=", [OP_LT] = "<", [OP_LE] = "<=",
		[OP_GT] = ">", [OP_GE] = ">=", [OP_ADD] = "+", [OP_SUB] = "-",
		[OP_NEG] = "-", [OP_MATCH] = "~",
	};
	return op < ARRAY_LEN(texts) && texts[op] ? texts[op] : "?";
}

static bool known(Type t)
{
	return t != TYPE_ANY;
}

static bool check_compare(TypeCheck *c, const ExprNode *n, Type a, Type b)
{
	if ((a == TYPE_NUMBER && b == TYPE_TEXT) || (a == TYPE_TEXT && b == TYPE_NUMBER))
		return type_fail(c, n->pos, "cannot compare a number with text");
	if (n->op == OP_EQ || n->op == OP_NE)
		return true;
	Type bad = (a == TYPE_LIST || a == TYPE_BOOL) ? a : b;
	if (bad == TYPE_LIST || bad == TYPE_BOOL)
		return type_fail(c, n->pos, "'%s' orders numbers or texts, not %s",
		                 op_text(n->op), type_phrase(bad));
	return true;
}

static bool check_add(TypeCheck *c, const ExprNode *n, Type a, Type b, Type *out)
{
	if (a == TYPE_BOOL || b == TYPE_BOOL)
		return type_fail(c, n->pos, "'+' does not work on booleans");
	if (known(a) && known(b) && a != b)
		return type_fail(c, n->pos, "cannot add %s and %s", type_phrase(a), type_phrase(b));
	*out = known(a) && known(b) ? a : TYPE_ANY;
	return true;
}

static bool check_minus(TypeCheck *c, const ExprNode *n, Type a, Type b)
{
	Type bad = known(a) && a != TYPE_NUMBER ? a : b;
	if (known(bad) && bad != TYPE_NUMBER)
		return type_fail(c, n->pos, "'-' works on numbers, not %s", type_phrase(bad));
	return true;
}

static bool check(TypeCheck *c, const ExprNode *n, Type *out);

static bool check_binary(TypeCheck *c, const ExprNode *n, Type a, Type b, Type *out)
{
	switch ((Op)n->op) {
	case OP_EQ:
	case OP_NE:
	case OP_LT:
	case OP_LE:
	case OP_GT:
	case OP_GE:
		*out = TYPE_BOOL;
		return check_compare(c, n, a, b);
	case OP_ADD:
		return check_add(c, n, a, b, out);
	case OP_SUB:
	case OP_NEG:
		*out = TYPE_NUMBER;
		return check_minus(c, n, a, b);
	case OP_MATCH:
		*out = TYPE_BOOL;
		if (a == TYPE_BOOL)
			return type_fail(c, n->pos, "'~' matches text, not a boolean");
		return true;
	default:
		*out = TYPE_BOOL;  /* not, and, or, empty */
		return true;
	}
}

static bool check(TypeCheck *c, const ExprNode *n, Type *out)
{
	switch ((Op)n->op) {
	case OP_NUM:
		*out = TYPE_NUMBER;
		return true;
	case OP_STR:
		*out = TYPE_TEXT;
		return true;
	case OP_BOOL:
	case OP_VISITED:
		*out = TYPE_BOOL;
		return true;
	case OP_VAR:
		*out = c->var_type ? c->var_type(c->ctx, n->u.text) : TYPE_ANY;
		return true;
	case OP_ANSWER:
		*out = c->answer_type;
		return true;
	default:
		break;
	}
	Type a = TYPE_ANY, b = TYPE_ANY;
	if (!check(c, n->a, &a) || (n->b && !check(c, n->b, &b)))
		return false;
	if (n->op == OP_COUNT) {
		*out = TYPE_NUMBER;
		return true;
	}
	return check_binary(c, n, a, b, out);
}

bool expr_check(const Expr *e, Type (*var_type)(void *ctx, const char *name),
                void *ctx, Type answer_type, Type *result, char **err, size_t *pos)
{
	TypeCheck c = { .var_type = var_type, .ctx = ctx, .answer_type = answer_type };
	Type t = TYPE_ANY;
	if (!check(&c, e->root, &t)) {
		*err = c.err;
		*pos = c.pos;
		return false;
	}
	*result = t;
	return true;
}

/* ---- Evaluation ---- */

typedef struct Eval {
	const EvalEnv *env;
	char **err;
	EvalStatus status;
	unsigned ticks;      /* nodes evaluated since env->stop was last asked */
} Eval;

static Value eval(Eval *ev, const ExprNode *n);

static bool eval_truth(Eval *ev, const ExprNode *n)
{
	Value v = eval(ev, n);
	bool t = val_truthy(&v);
	val_free(&v);
	return t;
}

static Value eval_read(const Eval *ev, const ExprNode *n)
{
	const Value *v = NULL;
	if (n->op == OP_ANSWER)
		v = ev->env->answer;
	else if (ev->env->lookup)
		v = ev->env->lookup(ev->env->ctx, n->u.text);
	return v ? val_copy(v) : val_unset();
}

/* Ordering for <, <=, >, >=: -2 when the operands cannot be ordered. */
static int order(const Value *a, const Value *b)
{
	if (a->kind == VAL_NUMBER && b->kind == VAL_NUMBER) {
		if (isnan(a->u.num) || isnan(b->u.num))
			return -2;  /* NaN orders with nothing */
		return (a->u.num > b->u.num) - (a->u.num < b->u.num);
	}
	/* An unset value reads as "" beside text. */
	bool ta = a->kind == VAL_TEXT || (a->kind == VAL_UNSET && b->kind == VAL_TEXT);
	bool tb = b->kind == VAL_TEXT || (b->kind == VAL_UNSET && a->kind == VAL_TEXT);
	if (!ta || !tb)
		return -2;
	int r = strcmp(a->kind == VAL_TEXT ? a->u.text : "", b->kind == VAL_TEXT ? b->u.text : "");
	return (r > 0) - (r < 0);
}

static bool compare(Op op, const Value *a, const Value *b)
{
	if (op == OP_EQ)
		return val_equal(a, b);
	if (op == OP_NE)
		return !val_equal(a, b);
	int r = order(a, b);
	if (r == -2)
		return false;
	switch (op) {
	case OP_LT:
		return r < 0;
	case OP_LE:
		return r <= 0;
	case OP_GT:
		return r > 0;
	default:
		return r >= 0;
	}
}

static bool eval_halted(Eval *ev);

/* PATTERN_ value: whether v (any item, for a list) matches. */
static int match_value(Eval *ev, const Pattern *re, const Value *v)
{
	if (v->kind == VAL_LIST) {
		for (size_t i = 0; i < v->u.list.n && !eval_halted(ev); i++) {
			int r = match_value(ev, re, &v->u.list.items[i]);
			if (r != PATTERN_NOMATCH)
				return r;
		}
		return PATTERN_NOMATCH;
	}
	char *text = val_to_text(v);
	int r = pattern_match(re, text, strlen(text));
	free(text);
	return r;
}

static void eval_fail(Eval *ev, EvalStatus status, const char *fmt, ...) PRINTF_LIKE(3, 4);

/* Keeps the first runtime error. fmt: a msgid, or a text translated
 * already (ngettext's), which _ leaves as it is. */
static void eval_fail(Eval *ev, EvalStatus status, const char *fmt, ...)
{
	if (ev->status != EVAL_OK)
		return;
	ev->status = status;
	va_list ap;
	va_start(ap, fmt);
	*ev->err = xvasprintf(_(fmt), ap);
	va_end(ap);
}

/* Whether evaluation must stop now: an error or a bound was met (the value
 * is unset whatever follows), or env->stop says so (asked every 64 nodes:
 * often enough to stop within a second, rarely enough to cost nothing). */
static bool eval_halted(Eval *ev)
{
	if (ev->status != EVAL_OK)
		return true;
	if (ev->env->stop && ++ev->ticks % 64 == 0 && ev->env->stop(ev->env->ctx))
		eval_fail(ev, EVAL_STOPPED, "stopped");
	return ev->status != EVAL_OK;
}

static Value eval_match(Eval *ev, const ExprNode *n)
{
	Value v = eval(ev, n->a);
	int r = match_value(ev, n->u.re, &v);
	val_free(&v);
	if (r == PATTERN_LIMIT) {
		eval_fail(ev, EVAL_ERROR, "the pattern %s took too long on this answer",
		          pattern_source(n->u.re));
		return val_bool(false);
	}
	return val_bool(r == PATTERN_MATCH);
}

static Type kind_type(ValKind k)
{
	static const Type types[] = {
		[VAL_UNSET] = TYPE_ANY, [VAL_TEXT] = TYPE_TEXT, [VAL_NUMBER] = TYPE_NUMBER,
		[VAL_BOOL] = TYPE_BOOL, [VAL_LIST] = TYPE_LIST,
	};
	return types[k];
}

/* Appends b's items (or text) to a, taking ownership of both; unset when
 * the result would pass env->max_bytes. */
static Value concat(Eval *ev, Value a, Value b)
{
	size_t max = ev->env->max_bytes;
	if (max && val_bytes(&a) + val_bytes(&b) > max) {
		const char *fmt = a.kind == VAL_TEXT
			? ngettext("'+' would build a text of more than %zu byte",
			           "'+' would build a text of more than %zu bytes", max)
			: ngettext("'+' would build a list of more than %zu byte",
			           "'+' would build a list of more than %zu bytes", max);
		eval_fail(ev, EVAL_TOO_BIG, fmt, max);
		val_free(&a);
		val_free(&b);
		return val_unset();
	}
	if (a.kind == VAL_TEXT) {
		char *s = xasprintf("%s%s", a.u.text, b.u.text);
		val_free(&a);
		val_free(&b);
		return val_text_take(s);
	}
	for (size_t i = 0; i < b.u.list.n; i++)
		val_push(&a, b.u.list.items[i]);
	free(b.u.list.items);
	return a;
}

/*
 * +: numbers add, texts and lists concatenate. Unset is left out (an
 * optional question skipped adds nothing). Kinds the checker could not see
 * (an answer of unknown type) and that do not go together are an error.
 */
static Value add(Eval *ev, Value a, Value b)
{
	if (a.kind == VAL_UNSET)
		return b;
	if (b.kind == VAL_UNSET)
		return a;
	if (a.kind == b.kind && a.kind == VAL_NUMBER)
		return val_number(a.u.num + b.u.num);
	if (a.kind == b.kind && (a.kind == VAL_TEXT || a.kind == VAL_LIST))
		return concat(ev, a, b);
	if (a.kind == VAL_BOOL || b.kind == VAL_BOOL)
		eval_fail(ev, EVAL_ERROR, "'+' does not work on booleans");
	else
		eval_fail(ev, EVAL_ERROR, "cannot add %s and %s", type_phrase(kind_type(a.kind)),
		          type_phrase(kind_type(b.kind)));
	val_free(&a);
	val_free(&b);
	return val_unset();
}

/* A number for '-'; unset counts as 0. False when v is not a number. */
static bool as_number(Eval *ev, const Value *v, double *out)
{
	if (v->kind == VAL_NUMBER || v->kind == VAL_UNSET) {
		*out = v->kind == VAL_NUMBER ? v->u.num : 0;
		return true;
	}
	eval_fail(ev, EVAL_ERROR, "'-' works on numbers, not %s", type_phrase(kind_type(v->kind)));
	return false;
}

static Value eval_minus(Eval *ev, const ExprNode *n)
{
	Value a = eval(ev, n->a);
	Value b = n->b ? eval(ev, n->b) : val_unset();
	double x = 0, y = 0;
	bool ok = as_number(ev, &a, &x) && as_number(ev, &b, &y);
	val_free(&a);
	val_free(&b);
	if (!ok)
		return val_unset();
	return val_number(n->op == OP_NEG ? -x : x - y);
}

static Value eval_count(Eval *ev, const ExprNode *n)
{
	Value v = eval(ev, n->a);
	double c = 1;
	if (v.kind == VAL_LIST)
		c = (double)v.u.list.n;
	else if (v.kind == VAL_UNSET || (v.kind == VAL_TEXT && v.u.text[0] == '\0'))
		c = 0;
	val_free(&v);
	return val_number(c);
}

static Value eval_empty(Eval *ev, const ExprNode *n)
{
	Value v = eval(ev, n->a);
	Value none = val_unset();
	bool e = val_equal(&v, &none);
	val_free(&v);
	return val_bool(e);
}

static Value eval_binary(Eval *ev, const ExprNode *n)
{
	Value a = eval(ev, n->a);
	Value b = eval(ev, n->b);
	if (n->op == OP_ADD)
		return add(ev, a, b);
	bool r = compare(n->op, &a, &b);
	val_free(&a);
	val_free(&b);
	return val_bool(r);
}

static Value eval(Eval *ev, const ExprNode *n)
{
	if (eval_halted(ev))
		return val_unset();
	switch ((Op)n->op) {
	case OP_NUM:
		return val_number(n->u.num);
	case OP_STR:
		return val_text(n->u.text);
	case OP_BOOL:
		return val_bool(n->u.truth);
	case OP_VAR:
	case OP_ANSWER:
		return eval_read(ev, n);
	case OP_NOT:
		return val_bool(!eval_truth(ev, n->a));
	case OP_AND:
		return val_bool(eval_truth(ev, n->a) && eval_truth(ev, n->b));
	case OP_OR:
		return val_bool(eval_truth(ev, n->a) || eval_truth(ev, n->b));
	case OP_MATCH:
		return eval_match(ev, n);
	case OP_SUB:
	case OP_NEG:
		return eval_minus(ev, n);
	case OP_COUNT:
		return eval_count(ev, n);
	case OP_EMPTY:
		return eval_empty(ev, n);
	case OP_VISITED:
		return val_bool(ev->env->visited && ev->env->visited(ev->env->ctx, n->u.text));
	default:
		return eval_binary(ev, n);
	}
}

Value expr_eval(const Expr *e, const EvalEnv *env, EvalStatus *status, char **err)
{
	Eval ev = { .env = env, .err = err, .status = EVAL_OK };
	*err = NULL;
	Value v = eval(&ev, e->root);
	if (ev.status != EVAL_OK)
		val_free(&v);
	if (status)
		*status = ev.status;
	return v;
}
