/*
 * Unit tests for expr. Test plan:
 *   - evaluation tables: source, the fixture variables below, expected kind
 *     and text form (literals, names, arithmetic, comparison, regex,
 *     logic and precedence, functions, unset values);
 *   - every parse error with its message and byte position;
 *   - static type checking: result types and every type error;
 *   - expr_refs, short-circuit, run-time errors, expr_source, limits.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "expr.h"
#include "i18n.h"
#include "util.h"

static Arena arena;
static PatternSet *patterns;
static Vars *vars;

static Value texts(const char *const *items, size_t n)
{
	Value l = val_list();
	for (size_t i = 0; i < n; i++)
		val_push(&l, val_text(items[i]));
	return l;
}

static int setup(void **state)
{
	(void)state;
	static const char *const abc[] = { "a", "b", "c" };
	patterns = pattern_set_new();
	vars = vars_new();
	vars_set(vars, "n", val_number(5));
	vars_set(vars, "x", val_number(5));
	vars_set(vars, "zero", val_number(0));
	vars_set(vars, "name", val_text("Ana"));
	vars_set(vars, "blank", val_text(""));
	vars_set(vars, "prenom", val_text("Élodie"));
	vars_set(vars, "items", texts(abc, 3));
	vars_set(vars, "none", val_list());
	vars_set(vars, "flag", val_bool(true));
	vars_set(vars, "off", val_bool(false));
	vars_set(vars, "questions-puissantes.x", val_text("q"));
	vars_set(vars, "a.b.c", val_number(1));
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	vars_free(vars);
	pattern_set_free(patterns);
	arena_free(&arena);
	return 0;
}

static const Value *lookup(void *ctx, const char *name)
{
	(void)ctx;
	return vars_get(vars, name);
}

static bool visited(void *ctx, const char *id)
{
	(void)ctx;
	return str_eq(id, "intro");
}

static Expr *parse_ok(const char *src)
{
	char *err = NULL;
	size_t pos = 0;
	Expr *e = expr_parse(&arena, patterns, src, &err, &pos);
	if (!e)
		fail_msg("'%s' did not parse: %s at %zu", src, err, pos);
	return e;
}

/* Evaluates src with answer; fails the test on a run-time error. */
static Value eval_ok(const char *src, const Value *answer)
{
	EvalEnv env = { .lookup = lookup, .visited = visited, .answer = answer };
	char *err = NULL;
	Value v = expr_eval(parse_ok(src), &env, NULL, &err);
	if (err)
		fail_msg("'%s': unexpected run-time error: %s", src, err);
	return v;
}

typedef struct EvalCase {
	const char *src;
	ValKind kind;
	const char *text;  /* val_to_text of the result */
} EvalCase;

static void run_eval_cases(const EvalCase *cases, size_t n, const Value *answer)
{
	for (size_t i = 0; i < n; i++) {
		Value v = eval_ok(cases[i].src, answer);
		char *t = val_to_text(&v);
		if (v.kind != cases[i].kind || !str_eq(t, cases[i].text))
			fail_msg("'%s': wanted kind %d '%s', got kind %d '%s'", cases[i].src,
			         (int)cases[i].kind, cases[i].text, (int)v.kind, t);
		free(t);
		val_free(&v);
	}
}

#define U VAL_UNSET
#define T VAL_TEXT
#define N VAL_NUMBER
#define B VAL_BOOL
#define L VAL_LIST

static void test_literals_and_names(void **state)
{
	(void)state;
	static const EvalCase cases[] = {
		{ "42", N, "42" },
		{ "3.25", N, "3.25" },
		{ "007", N, "7" },
		{ "0.5", N, "0.5" },
		{ "'single'", T, "single" },
		{ "\"double\"", T, "double" },
		{ "'it\\'s'", T, "it's" },
		{ "\"say \\\"hi\\\"\"", T, "say \"hi\"" },
		{ "'back\\\\slash'", T, "back\\slash" },
		{ "'tab\\there'", T, "tab\there" },
		{ "\"l1\\nl2\"", T, "l1\nl2" },
		{ "\"it's\"", T, "it's" },
		{ "'é'", T, "é" },
		{ "''", T, "" },
		{ "true", B, "true" },
		{ "false", B, "false" },
		{ "answer", T, "Oui, je pense" },
		{ "n", N, "5" },
		{ "name", T, "Ana" },
		{ "missing", U, "" },
		{ "items", L, "a, b, c" },
		{ "( n )", N, "5" },
		/* qualified names; a '-' between plain names is minus */
		{ "questions-puissantes.x", T, "q" },
		{ "a.b.c + 1", N, "2" },
		{ "x-1", N, "4" },
		{ "n-x", N, "0" },
		{ "x - 1", N, "4" },
		{ " \t\nn\n", N, "5" },
	};
	Value answer = val_text("Oui, je pense");
	run_eval_cases(cases, ARRAY_LEN(cases), &answer);
	val_free(&answer);
}

static void test_arithmetic(void **state)
{
	(void)state;
	static const EvalCase cases[] = {
		{ "1 + 2", N, "3" },
		{ "10 - 2 - 3", N, "5" },         /* left to right */
		{ "-2 + 3", N, "1" },             /* unary minus binds tighter */
		{ "- -2", N, "2" },
		{ "--2", N, "2" },
		{ "-(2 + 3)", N, "-5" },
		{ "0.1 + 0.2", N, "0.3" },
		{ "7 - 10", N, "-3" },
		{ "1.5 + 1.5", N, "3" },
		{ "'a' + 'b' + name", T, "abAna" },
		{ "items + items", L, "a, b, c, a, b, c" },
		{ "items + none", L, "a, b, c" },
		{ "none + none", L, "" },
		/* unset adds nothing and subtracts as 0 */
		{ "missing + 1", N, "1" },
		{ "'x' + missing", T, "x" },
		{ "missing + items", L, "a, b, c" },
		{ "missing + missing", U, "" },
		{ "missing - 1", N, "-1" },
		{ "-missing", N, "0" },
	};
	run_eval_cases(cases, ARRAY_LEN(cases), NULL);
}

static void test_comparison(void **state)
{
	(void)state;
	static const EvalCase cases[] = {
		{ "1 + 2 == 3", B, "true" },      /* + before == */
		{ "n == 5", B, "true" },
		{ "n != 5", B, "false" },
		{ "n == 5.0", B, "true" },
		{ "name == 'Ana'", B, "true" },
		{ "name == 'ana'", B, "false" },
		{ "name < 'Bob'", B, "true" },
		{ "'b' > 'a'", B, "true" },
		{ "'a' >= 'a'", B, "true" },
		{ "n >= 5", B, "true" },
		{ "n > 5", B, "false" },
		{ "n <= 4", B, "false" },
		{ "n < 10", B, "true" },          /* numerically, not as text */
		/* different kinds: unequal, unordered */
		{ "answer == 5", B, "false" },
		{ "answer != 5", B, "true" },
		{ "answer < 5", B, "false" },
		{ "answer >= 5", B, "false" },
		{ "n == '5'", B, "false" },
		{ "flag == 1", B, "false" },
		{ "flag == true", B, "true" },
		{ "items == items", B, "true" },
		{ "items == items + none", B, "true" },
		{ "items != none", B, "true" },
		/* unset equals "" and the empty list, and reads as "" beside text */
		{ "missing == ''", B, "true" },
		{ "'' == missing", B, "true" },
		{ "missing == none", B, "true" },
		{ "missing == blank", B, "true" },
		{ "missing != ''", B, "false" },
		{ "blank == none", B, "false" },
		{ "missing == 0", B, "false" },
		{ "missing == false", B, "false" },
		{ "missing < 'a'", B, "true" },
		{ "missing < 1", B, "false" },
		{ "missing >= 0", B, "false" },
	};
	Value answer = val_text("5");
	run_eval_cases(cases, ARRAY_LEN(cases), &answer);
	val_free(&answer);
}

static void test_match(void **state)
{
	(void)state;
	static const EvalCase cases[] = {
		{ "answer ~ /oui/", B, "false" },
		{ "answer ~ /oui/i", B, "true" },
		{ "answer ~ /^Oui/", B, "true" },
		{ "answer ~ /je ne sais pas|aucune idée/i", B, "false" },
		{ "answer~/pense$/", B, "true" },
		{ "n ~ /^5$/", B, "true" },       /* a number matches its text */
		{ "items ~ /^b$/", B, "true" },   /* any item */
		{ "items ~ /^z$/", B, "false" },
		{ "none ~ /.*/", B, "false" },    /* no item to match */
		{ "missing ~ /^$/", B, "true" },  /* unset is "" */
		{ "blank ~ /^$/", B, "true" },
		/* \w is ASCII unless the u flag asks for Unicode */
		{ "prenom ~ /^\\w+$/", B, "false" },
		{ "prenom ~ /^\\w+$/u", B, "true" },
		{ "prenom ~ /^élodie$/i", B, "true" },
		{ "'a/b' ~ /a\\/b/", B, "true" },  /* an escaped slash */
		{ "'x' ~ /^x$/ix", B, "true" },
		{ "answer ~ /OUI/i == true", B, "true" },   /* ~ before == */
		{ "'a' + 'b' ~ /^ab$/", B, "true" },        /* + before ~ */
		{ "not answer ~ /non/", B, "true" },
		{ "flag ~ /^true$/", B, "true" },  /* booleans match their text */
	};
	Value answer = val_text("Oui, je pense");
	run_eval_cases(cases, ARRAY_LEN(cases), &answer);
	val_free(&answer);
}

static void test_logic_and_precedence(void **state)
{
	(void)state;
	static const EvalCase cases[] = {
		/* (not off) and off; not (off and off) would be true */
		{ "not off and off", B, "false" },
		/* flag or (off and off); (flag or off) and off would be false */
		{ "flag or off and off", B, "true" },
		{ "(flag or off) and off", B, "false" },
		{ "not 1 == 2", B, "true" },
		{ "not not flag", B, "true" },
		{ "not n", B, "false" },
		{ "not missing", B, "true" },
		{ "off or n", B, "true" },        /* a boolean, not 5 */
		{ "flag and blank", B, "false" },
		{ "missing or items", B, "true" },
		{ "n > 3 and n < 10", B, "true" },
		{ "n < 3 or name == 'Ana' and not off", B, "true" },
		{ "notflag", U, "" },             /* a name, not `not flag` */
		{ "order", U, "" },
		{ "android", U, "" },
	};
	run_eval_cases(cases, ARRAY_LEN(cases), NULL);
}

static void test_functions(void **state)
{
	(void)state;
	static const EvalCase cases[] = {
		{ "count(items)", N, "3" },
		{ "count (items)", N, "3" },
		{ "count(missing)", N, "0" },
		{ "count(name)", N, "1" },
		{ "count(blank)", N, "0" },
		{ "count(none)", N, "0" },
		{ "count(n)", N, "1" },
		{ "count(items + items) - 1", N, "5" },
		{ "count(count(items))", N, "1" },
		{ "empty(missing)", B, "true" },
		{ "empty(blank)", B, "true" },
		{ "empty(none)", B, "true" },
		{ "empty(items)", B, "false" },
		{ "empty(zero)", B, "false" },
		{ "empty(off)", B, "false" },
		{ "empty(answer)", B, "true" },
		{ "visited(intro)", B, "true" },
		{ "visited(other)", B, "false" },
		{ "visited( intro )", B, "true" },
		{ "n < 10 and not visited(ressources)", B, "true" },
		/* a function's name not followed by '(' is a variable */
		{ "count", U, "" },
	};
	run_eval_cases(cases, ARRAY_LEN(cases), NULL);
}

static void test_answer_kinds(void **state)
{
	(void)state;
	static const EvalCase cases[] = {
		{ "answer", N, "7" },
		{ "answer + 1", N, "8" },
		{ "answer == 7", B, "true" },
		{ "answer > 6.5", B, "true" },
		{ "answer ~ /^7$/", B, "true" },
		{ "count(answer)", N, "1" },
	};
	Value seven = val_number(7);
	run_eval_cases(cases, ARRAY_LEN(cases), &seven);

	static const char *const ab[] = { "un", "deux" };
	Value list = texts(ab, 2);
	static const EvalCase list_cases[] = {
		{ "count(answer)", N, "2" },
		{ "answer ~ /^deux$/", B, "true" },
		{ "answer + items", L, "un, deux, a, b, c" },
	};
	run_eval_cases(list_cases, ARRAY_LEN(list_cases), &list);
	val_free(&list);
}

/* Without callbacks, everything reads as unset and nothing as visited. */
static void test_empty_env(void **state)
{
	(void)state;
	EvalEnv env = { 0 };
	char *err = NULL;
	Value v = expr_eval(parse_ok("empty(n) and empty(answer) and not visited(intro)"), &env, NULL, &err);
	assert_null(err);
	assert_int_equal(v.kind, VAL_BOOL);
	assert_true(v.u.b);
}

typedef struct ErrCase {
	const char *src;
	const char *msg;
	size_t pos;
} ErrCase;

static void assert_parse_error(const char *src, const char *msg, size_t pos)
{
	char *err = NULL;
	size_t at = 12345;
	Expr *e = expr_parse(&arena, patterns, src, &err, &at);
	if (e)
		fail_msg("'%.60s' parsed; wanted \"%s\"", src, msg);
	if (!str_eq(err, msg) || at != pos)
		fail_msg("'%.60s': wanted \"%s\" at %zu, got \"%s\" at %zu", src, msg, pos, err, at);
	free(err);
}

static void test_parse_errors(void **state)
{
	(void)state;
	static const ErrCase cases[] = {
		{ "", "unexpected end of expression", 0 },
		{ "   ", "unexpected end of expression", 3 },
		{ "(n", "expected ')' at end of expression", 2 },
		{ "(n b", "expected ')' near 'b'", 3 },
		{ "(n and", "unexpected end of expression", 6 },
		{ "(n and)", "expected a value near ')'", 6 },
		{ "n ==", "unexpected end of expression", 4 },
		{ "1 +", "unexpected end of expression", 3 },
		{ "not", "unexpected end of expression", 3 },
		{ "n b", "expected 'and', 'or' or an operator near 'b'", 2 },
		{ "n and name or", "unexpected end of expression", 13 },
		{ "x and )", "expected a value near ')'", 6 },
		{ "n == == 1", "expected a value near '=='", 5 },
		{ "1e5", "expected 'and', 'or' or an operator near 'e5'", 1 },
		{ "n (1)", "unknown function 'n'; the functions are count, empty and visited", 0 },
		{ "a.b (1)", "expected 'and', 'or' or an operator near '('", 4 },
		{ "x 'abcdefghijklmnopqrstuvwxyz'",
		  "expected 'and', 'or' or an operator near ''abcdefghijklmnopqrstuvw...'", 2 },
		/* strings */
		{ "'abc", "unterminated string", 0 },
		{ "x == \"abc'", "unterminated string", 5 },
		{ "'abc\\'", "unterminated string", 0 },
		{ "'abc\\", "unterminated string", 0 },
		{ "'a\\qb'", "unknown escape '\\q' in string; write '\\\\' for a backslash", 2 },
		{ "'a\\éb'", "unknown escape '\\é' in string; write '\\\\' for a backslash", 2 },
		/* regex literals */
		{ "answer ~ /abc", "unterminated regex: missing closing '/'", 9 },
		{ "answer ~ /abc\\/", "unterminated regex: missing closing '/'", 9 },
		{ "answer ~ abc", "expected a regex like /yes/i after '~' near 'abc'", 9 },
		{ "answer ~", "expected a regex like /yes/i after '~' at end of expression", 8 },
		{ "answer ~ /a(b/", "bad regex: missing closing parenthesis at offset 3", 13 },
		{ "answer ~ /a)/", "bad regex: unmatched closing parenthesis at offset 1", 11 },
		{ "answer ~ /a/z", "bad regex: unknown regex flag 'z' (allowed: i m s x u)", 12 },
		{ "answer ~ /a/ ~ /b/", "expected 'and', 'or' or an operator near '~'", 13 },
		{ "answer / 2", "unexpected '/': a regex goes after '~', as in answer ~ /yes/i", 7 },
		/* functions */
		{ "cout(items)", "unknown function 'cout'; did you mean 'count'?", 0 },
		{ "n > 1 and emty(x)", "unknown function 'emty'; did you mean 'empty'?", 10 },
		{ "visted(intro)", "unknown function 'visted'; did you mean 'visited'?", 0 },
		{ "foo(x)", "unknown function 'foo'; the functions are count, empty and visited", 0 },
		{ "count(a, b)", "count() takes exactly one argument, not 2", 0 },
		{ "x + empty()", "empty() takes exactly one argument, not 0", 4 },
		{ "count(a,)", "expected a value near ')'", 8 },
		{ "count(a b)", "expected ',' or ')' near 'b'", 8 },
		{ "count(a", "expected ',' or ')' at end of expression", 7 },
		{ "visited(1)", "expected a node id in visited() near '1'", 8 },
		{ "visited('x')", "expected a node id in visited() near ''x''", 8 },
		{ "visited()", "expected a node id in visited() near ')'", 8 },
		{ "visited(a b)", "expected ')' after the node id near 'b'", 10 },
		{ "visited(a.b)", "expected a node id in visited() near 'a.b'", 8 },
		/* operators from other languages */
		{ "a < b < c", "comparisons cannot be chained; join them with 'and'", 6 },
		{ "a == b != c", "comparisons cannot be chained; join them with 'and'", 7 },
		{ "a = b", "unexpected '='; write '==' to compare", 2 },
		{ "a && b", "unexpected '&&'; write 'and'", 2 },
		{ "a || b", "unexpected '||'; write 'or'", 2 },
		{ "!a", "unexpected '!'; write 'not'", 0 },
		{ "a @ b", "unexpected character '@'", 2 },
		{ "a é b", "unexpected character 'é'", 2 },
		{ ".5", "unexpected character '.'", 0 },
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++)
		assert_parse_error(cases[i].src, cases[i].msg, cases[i].pos);
}

/* In French, what was expected is French too, whoever names it, and so
 * is PCRE2's complaint. */
static void test_parse_errors_in_french(void **state)
{
	(void)state;
	static const ErrCase cases[] = {
		{ "(n", "on attendait ')' à la fin de l'expression", 2 },
		{ "(n b", "on attendait ')' près de 'b'", 3 },
		{ "n b", "on attendait 'and', 'or' ou un opérateur près de 'b'", 2 },
		{ "answer ~ abc", "on attendait une regex comme /oui/i après '~' près de 'abc'", 9 },
		{ "count(a b)", "on attendait ',' ou ')' près de 'b'", 8 },
		{ "visited(1)", "on attendait un id de nœud dans visited() près de '1'", 8 },
		{ "visited(a b)", "on attendait ')' après l'id du nœud près de 'b'", 10 },
		{ "a = b", "'=' inattendu\u00a0; écrivez '==' pour comparer", 2 },
		/* met in English above: the set keeps the error, not its words */
		{ "answer ~ /a(b/", "regex incorrecte\u00a0: il manque une parenthèse fermante à la position 3", 13 },
		{ "answer ~ /a/z", "regex incorrecte\u00a0: option de regex inconnue 'z' (options permises\u00a0: i m s x u)", 12 },
	};
	i18n_use("fr");
	for (size_t i = 0; i < ARRAY_LEN(cases); i++)
		assert_parse_error(cases[i].src, cases[i].msg, cases[i].pos);
	i18n_use("en");
}

/* A leading '-' is never part of a qualified name: minus q.v. */
static void test_minus_qualified(void **state)
{
	(void)state;
	Value one = val_number(1);
	vars_set(vars, "q.v", val_copy(&one));
	Value v = eval_ok("-q.v", NULL);
	assert_int_equal(v.kind, VAL_NUMBER);
	assert_true(v.u.num == -1);
}

static char *repeat(const char *head, const char *unit, size_t n, const char *tail)
{
	Buf b = { 0 };
	buf_adds(&b, head);
	for (size_t i = 0; i < n; i++)
		buf_adds(&b, unit);
	buf_adds(&b, tail);
	return buf_take(&b);
}

/* Untrusted nesting stops with a message, never a crashed stack. */
static void test_limits(void **state)
{
	(void)state;
	char *s = repeat("", "(", 100, "1");
	char *ok = repeat(s, ")", 100, "");
	Value v = eval_ok(ok, NULL);
	assert_true(v.u.num == 1);
	free(s);
	free(ok);

	s = repeat("", "(", 200, "1");
	assert_parse_error(s, "expression nested too deeply", 100);
	free(s);
	s = repeat("", "not ", 200, "flag");
	assert_parse_error(s, "expression nested too deeply", 400);
	free(s);
	s = repeat("", "-", 200, "1");
	assert_parse_error(s, "expression nested too deeply", 100);
	free(s);
	s = repeat("", "count(", 200, "1");
	assert_parse_error(s, "expression nested too deeply", 600);
	free(s);
	s = repeat("", "(", 100000, "");
	assert_parse_error(s, "expression nested too deeply", 100);
	free(s);

	/* A long flat chain parses, evaluates, and has a bound. */
	s = repeat("1", " + 1", 998, "");
	v = eval_ok(s, NULL);
	assert_true(v.u.num == 999);
	free(s);
	s = repeat("1", "+1", 5000, "");
	assert_parse_error(s, "expression too long or nested too deeply", 1 + 2 * 999);
	free(s);
	s = repeat("flag", " or flag", 5000, "");
	assert_parse_error(s, "expression too long or nested too deeply", 4 + 8 * 999 + 1);
	free(s);

	s = repeat("1", "0", 400, "");
	assert_parse_error(s, "number too large", 0);
	free(s);
}

typedef struct CheckCase {
	const char *src;
	Type answer;
	Type want;       /* the result type, when msg is NULL */
	const char *msg; /* the type error */
	size_t pos;
} CheckCase;

static Type var_type(void *ctx, const char *name)
{
	(void)ctx;
	const Value *v = vars_get(vars, name);
	if (!v)
		return TYPE_ANY;
	static const Type types[] = { [VAL_UNSET] = TYPE_ANY, [VAL_TEXT] = TYPE_TEXT,
		[VAL_NUMBER] = TYPE_NUMBER, [VAL_BOOL] = TYPE_BOOL, [VAL_LIST] = TYPE_LIST };
	return types[v->kind];
}

#define ANY TYPE_ANY
#define TXT TYPE_TEXT
#define NUM TYPE_NUMBER
#define BOO TYPE_BOOL
#define LST TYPE_LIST

static void test_check(void **state)
{
	(void)state;
	static const CheckCase cases[] = {
		{ "n", ANY, NUM, NULL, 0 },
		{ "name", ANY, TXT, NULL, 0 },
		{ "unknown", ANY, ANY, NULL, 0 },
		{ "answer", NUM, NUM, NULL, 0 },
		{ "answer", ANY, ANY, NULL, 0 },
		{ "42", ANY, NUM, NULL, 0 },
		{ "'x'", ANY, TXT, NULL, 0 },
		{ "true", ANY, BOO, NULL, 0 },
		{ "n < 5", ANY, BOO, NULL, 0 },
		{ "name < 'b'", ANY, BOO, NULL, 0 },
		{ "items == 'a'", ANY, BOO, NULL, 0 },
		{ "flag == n", ANY, BOO, NULL, 0 },
		{ "unknown < 5", ANY, BOO, NULL, 0 },
		{ "answer ~ /x/", ANY, BOO, NULL, 0 },
		{ "items ~ /x/", ANY, BOO, NULL, 0 },
		{ "n ~ /5/", ANY, BOO, NULL, 0 },
		{ "not n", ANY, BOO, NULL, 0 },
		{ "n or name", ANY, BOO, NULL, 0 },
		{ "n + 1", ANY, NUM, NULL, 0 },
		{ "name + 'x'", ANY, TXT, NULL, 0 },
		{ "items + items", ANY, LST, NULL, 0 },
		{ "unknown + 1", ANY, ANY, NULL, 0 },
		{ "answer + name", ANY, ANY, NULL, 0 },
		{ "unknown - 1", ANY, NUM, NULL, 0 },
		{ "-n", ANY, NUM, NULL, 0 },
		{ "count(items)", ANY, NUM, NULL, 0 },
		{ "count(name)", ANY, NUM, NULL, 0 },
		{ "empty(n)", ANY, BOO, NULL, 0 },
		{ "visited(intro)", ANY, BOO, NULL, 0 },
		/* errors, at the operator */
		{ "name < 5", ANY, ANY, "cannot compare a number with text", 5 },
		{ "n == name", ANY, ANY, "cannot compare a number with text", 2 },
		{ "'5' != 5", ANY, ANY, "cannot compare a number with text", 4 },
		{ "answer == 'oui'", NUM, ANY, "cannot compare a number with text", 7 },
		{ "count(items) > 'deux'", ANY, ANY, "cannot compare a number with text", 13 },
		{ "items < 3", ANY, ANY, "'<' orders numbers or texts, not a list", 6 },
		{ "1 >= items", ANY, ANY, "'>=' orders numbers or texts, not a list", 2 },
		{ "flag > off", ANY, ANY, "'>' orders numbers or texts, not a boolean", 5 },
		{ "unknown <= flag", ANY, ANY, "'<=' orders numbers or texts, not a boolean", 8 },
		{ "n + name", ANY, ANY, "cannot add a number and text", 2 },
		{ "'x' + 1", ANY, ANY, "cannot add text and a number", 4 },
		{ "items + name", ANY, ANY, "cannot add a list and text", 6 },
		{ "flag + 1", ANY, ANY, "'+' does not work on booleans", 5 },
		{ "unknown + off", ANY, ANY, "'+' does not work on booleans", 8 },
		{ "name - 1", ANY, ANY, "'-' works on numbers, not text", 5 },
		{ "1 - items", ANY, ANY, "'-' works on numbers, not a list", 2 },
		{ "-name", ANY, ANY, "'-' works on numbers, not text", 0 },
		{ "-flag", ANY, ANY, "'-' works on numbers, not a boolean", 0 },
		{ "flag ~ /x/", ANY, ANY, "'~' matches text, not a boolean", 5 },
		{ "(n > 1) ~ /x/", ANY, ANY, "'~' matches text, not a boolean", 8 },
		/* the first error inside a larger expression */
		{ "n > 1 and name > 2", ANY, ANY, "cannot compare a number with text", 15 },
		{ "not (count(name + 1) > 0)", ANY, ANY, "cannot add text and a number", 16 },
		{ "(n + 1) + name", ANY, ANY, "cannot add a number and text", 8 },
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		const CheckCase *c = &cases[i];
		Expr *e = parse_ok(c->src);
		Type got = (Type)-1;
		char *err = NULL;
		size_t pos = 0;
		bool ok = expr_check(e, var_type, NULL, c->answer, &got, &err, &pos);
		if (!c->msg && !ok)
			fail_msg("'%s': unexpected type error \"%s\" at %zu", c->src, err, pos);
		if (!c->msg && got != c->want)
			fail_msg("'%s': wanted type %s, got %s", c->src, type_name(c->want), type_name(got));
		if (c->msg && ok)
			fail_msg("'%s': wanted \"%s\", got type %s", c->src, c->msg, type_name(got));
		if (c->msg && (!str_eq(err, c->msg) || pos != c->pos))
			fail_msg("'%s': wanted \"%s\" at %zu, got \"%s\" at %zu", c->src, c->msg, c->pos,
			         err, pos);
		free(err);
	}
}

static void test_type_names(void **state)
{
	(void)state;
	assert_string_equal(type_name(TYPE_ANY), "any");
	assert_string_equal(type_name(TYPE_TEXT), "text");
	assert_string_equal(type_name(TYPE_NUMBER), "number");
	assert_string_equal(type_name(TYPE_BOOL), "boolean");
	assert_string_equal(type_name(TYPE_LIST), "list");
}

static void collect_ref(void *ctx, RefKind kind, const char *name, size_t pos)
{
	buf_printf(ctx, "%s%s@%zu ", kind == REF_NODE ? "node:" : "", name, pos);
}

static void assert_refs(const char *src, const char *want)
{
	Buf b = { 0 };
	expr_refs(parse_ok(src), collect_ref, &b);
	if (!str_eq(buf_str(&b), want))
		fail_msg("'%s': wanted refs \"%s\", got \"%s\"", src, want, buf_str(&b));
	buf_free(&b);
}

static void test_refs(void **state)
{
	(void)state;
	assert_refs("a + b.c > count(items) and visited(intro) or answer ~ /x/",
	            "a@0 b.c@4 items@16 node:intro@35 ");
	assert_refs("questions-puissantes.x == answer", "questions-puissantes.x@0 ");
	assert_refs("a.b-c.d.e + 1", "a.b-c.d.e@0 ");
	assert_refs("x-1.y", "x-1.y@0 ");     /* a qualified name, by the rule */
	assert_refs("x-y.z", "x-y.z@0 ");
	assert_refs("x - y.z", "x@0 y.z@4 ");
	assert_refs("answer.x", "answer.x@0 "); /* a dialogue may be called answer */
	assert_refs("n-x", "n@0 x@2 ");
	assert_refs("count-1.5", "count@0 ");
	assert_refs("visited( end )", "node:end@9 ");
	assert_refs("'name' + \"{x}\" + true + answer", "");
	assert_refs("not not (empty(a) or b)", "a@15 b@21 ");
}

typedef struct Probe {
	size_t lookups;
} Probe;

static const Value *probe_lookup(void *ctx, const char *name)
{
	Probe *p = ctx;
	if (str_eq(name, "probe"))
		p->lookups++;
	return vars_get(vars, name);
}

static size_t lookups_of(const char *src)
{
	Probe probe = { 0 };
	EvalEnv env = { .lookup = probe_lookup, .ctx = &probe };
	char *err = NULL;
	Value v = expr_eval(parse_ok(src), &env, NULL, &err);
	assert_null(err);
	val_free(&v);
	return probe.lookups;
}

static void test_short_circuit(void **state)
{
	(void)state;
	assert_int_equal(lookups_of("off and probe"), 0);
	assert_int_equal(lookups_of("flag or probe"), 0);
	assert_int_equal(lookups_of("not flag and probe"), 0);
	assert_int_equal(lookups_of("flag and (off and probe)"), 0);
	assert_int_equal(lookups_of("flag and probe"), 1);
	assert_int_equal(lookups_of("off or probe"), 1);
	assert_int_equal(lookups_of("probe or probe"), 2);
	/* a regex that would hit its limit is never run when not needed */
	Probe probe = { 0 };
	EvalEnv env = { .lookup = probe_lookup, .ctx = &probe };
	Value slow = val_text("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!");
	env.answer = &slow;
	char *err = NULL;
	Value v = expr_eval(parse_ok("flag or answer ~ /^(a+)+$/"), &env, NULL, &err);
	assert_null(err);
	assert_true(v.u.b);
	val_free(&slow);
}

/* A pathological pattern on a long answer reports instead of hanging. */
static void test_pattern_limit(void **state)
{
	(void)state;
	Value slow = val_text("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!");
	EvalEnv env = { .lookup = lookup, .answer = &slow };
	char *err = NULL;
	Value v = expr_eval(parse_ok("answer ~ /^(a+)+$/"), &env, NULL, &err);
	assert_non_null(err);
	assert_string_equal(err, "the pattern /^(a+)+$/ took too long on this answer");
	assert_int_equal(v.kind, VAL_UNSET);  /* falsy, as the header promises */
	free(err);

	/* The failing match yields false inside; the error still stops it all. */
	err = NULL;
	v = expr_eval(parse_ok("not (answer ~ /^(a+)+$/i)"), &env, NULL, &err);
	assert_string_equal(err, "the pattern /^(a+)+$/i took too long on this answer");
	assert_false(val_truthy(&v));
	free(err);
	val_free(&slow);
}

/* '+' stops at max_bytes: a text doubled in a loop ends there, and the
 * terms after it are not computed (each would copy the large text again). */
static void test_value_bound(void **state)
{
	(void)state;
	char *text = xmalloc(400 * 1024 + 1);
	memset(text, 'a', 400 * 1024);
	text[400 * 1024] = '\0';
	Value big = val_text_take(text);
	EvalEnv env = { .lookup = lookup, .answer = &big, .max_bytes = 1 << 20 };
	EvalStatus status;
	char *err = NULL;
	Value v = expr_eval(parse_ok("answer + answer"), &env, &status, &err);
	assert_int_equal(status, EVAL_OK);
	assert_int_equal(strlen(v.u.text), 800 * 1024);
	val_free(&v);
	v = expr_eval(parse_ok("answer + answer + answer + answer + answer"), &env, &status, &err);
	assert_int_equal(status, EVAL_TOO_BIG);
	assert_string_equal(err, "'+' would build a text of more than 1048576 bytes");
	assert_int_equal(v.kind, VAL_UNSET);
	free(err);
	i18n_use("fr");
	v = expr_eval(parse_ok("answer + answer + answer + answer + answer"), &env, &status, &err);
	i18n_use("en");
	assert_string_equal(err, "'+' produirait un texte de plus de 1048576 octets");
	free(err);
	val_free(&big);
}

static int stop_calls;

static bool stop_now(void *ctx)
{
	(void)ctx;
	stop_calls++;
	return true;
}

/* env->stop is asked during a long evaluation, and stops it. */
static void test_stop(void **state)
{
	(void)state;
	Buf src = { 0 };
	buf_adds(&src, "1");
	for (int i = 0; i < 200; i++)
		buf_adds(&src, " + 1");
	EvalEnv env = { .lookup = lookup, .stop = stop_now };
	EvalStatus status;
	char *err = NULL;
	stop_calls = 0;
	Value v = expr_eval(parse_ok(buf_str(&src)), &env, &status, &err);
	assert_int_equal(status, EVAL_STOPPED);
	assert_int_equal(stop_calls, 1);
	assert_int_equal(v.kind, VAL_UNSET);
	free(err);
	buf_free(&src);
}

static void assert_runtime_error(const char *src, const Value *answer, const char *msg)
{
	EvalEnv env = { .lookup = lookup, .answer = answer };
	char *err = NULL;
	Value v = expr_eval(parse_ok(src), &env, NULL, &err);
	if (!err || !str_eq(err, msg))
		fail_msg("'%s': wanted run-time error \"%s\", got \"%s\"", src, msg, err ? err : "");
	assert_int_equal(v.kind, VAL_UNSET);
	free(err);
}

/* Kinds the checker could not know (TYPE_ANY) that do not go together. */
static void test_runtime_type_errors(void **state)
{
	(void)state;
	Value text = val_text("x");
	assert_runtime_error("answer + 1", &text, "cannot add text and a number");
	assert_runtime_error("items + answer", &text, "cannot add a list and text");
	assert_runtime_error("answer - 1", &text, "'-' works on numbers, not text");
	assert_runtime_error("-answer", &text, "'-' works on numbers, not text");
	assert_runtime_error("n + 1 > 0 and -items == 1", &text, "'-' works on numbers, not a list");
	Value yes = val_bool(true);
	assert_runtime_error("answer + 1", &yes, "'+' does not work on booleans");
	val_free(&text);
}

static void test_source(void **state)
{
	(void)state;
	char src[] = "  n  >  1 ";
	Expr *e = parse_ok(src);
	assert_string_equal(expr_source(e), "  n  >  1 ");
	assert_ptr_not_equal(expr_source(e), src);
	src[2] = 'X';  /* the expression keeps its own copy */
	assert_string_equal(expr_source(e), "  n  >  1 ");
}

/* Parsing the same regex twice shares one compiled pattern; both work. */
static void test_shared_patterns(void **state)
{
	(void)state;
	Value answer = val_text("OUI");
	static const EvalCase cases[] = {
		{ "answer ~ /oui/i", B, "true" },
		{ "answer ~ /oui/i and answer ~ /oui/i", B, "true" },
	};
	run_eval_cases(cases, ARRAY_LEN(cases), &answer);
	val_free(&answer);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_literals_and_names),
		cmocka_unit_test(test_arithmetic),
		cmocka_unit_test(test_comparison),
		cmocka_unit_test(test_match),
		cmocka_unit_test(test_logic_and_precedence),
		cmocka_unit_test(test_functions),
		cmocka_unit_test(test_answer_kinds),
		cmocka_unit_test(test_empty_env),
		cmocka_unit_test(test_parse_errors),
		cmocka_unit_test(test_parse_errors_in_french),
		cmocka_unit_test(test_minus_qualified),
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_check),
		cmocka_unit_test(test_type_names),
		cmocka_unit_test(test_refs),
		cmocka_unit_test(test_short_circuit),
		cmocka_unit_test(test_pattern_limit),
		cmocka_unit_test(test_value_bound),
		cmocka_unit_test(test_stop),
		cmocka_unit_test(test_runtime_type_errors),
		cmocka_unit_test(test_source),
		cmocka_unit_test(test_shared_patterns),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
