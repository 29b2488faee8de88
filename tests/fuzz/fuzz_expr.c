/*
 * fuzz_expr: the expression language of `if:` and `set:`, from parsing to
 * evaluation.
 *
 * The bytes (up to a NUL) are parsed as an expression; one that parses has
 * its names listed (expr_refs), its types checked against a few declared
 * variables, and is evaluated with those variables set, `answer` as a
 * text, a number, a list and unset in turn. Evaluation is run whether or
 * not the types check: a variable recalled from an earlier session or an
 * `{item}` is of any type at run time, so the evaluator must take any
 * value anywhere.
 */
#include <stdlib.h>
#include <string.h>

#include "expr.h"
#include "fuzz.h"
#include "util.h"

static Vars *vars;

static void cleanup(void)
{
	vars_free(vars);
}

static Value list_of(const char *const *items, size_t n)
{
	Value l = val_list();
	for (size_t i = 0; i < n; i++)
		val_push(&l, val_text(items[i]));
	return l;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	static const char *const wants[] = { "a goal", "Élodie", "" };
	vars = vars_new();
	vars_set(vars, "name", val_text("Ana Élodie"));
	vars_set(vars, "blank", val_text(""));
	vars_set(vars, "n", val_number(5));
	vars_set(vars, "energy", val_number(-2.5));
	vars_set(vars, "wants", list_of(wants, 3));
	vars_set(vars, "none", val_list());
	vars_set(vars, "flag", val_bool(true));
	vars_set(vars, "checkin.goal", val_text("more time"));
	atexit(cleanup);
	return 0;
}

static Type var_type(void *ctx, const char *name)
{
	(void)ctx;
	if (str_eq(name, "name") || str_eq(name, "blank") || str_eq(name, "checkin.goal"))
		return TYPE_TEXT;
	if (str_eq(name, "n") || str_eq(name, "energy"))
		return TYPE_NUMBER;
	if (str_eq(name, "wants") || str_eq(name, "none"))
		return TYPE_LIST;
	if (str_eq(name, "flag"))
		return TYPE_BOOL;
	return TYPE_ANY;
}

static const Value *lookup(void *ctx, const char *name)
{
	(void)ctx;
	return vars_get(vars, name);
}

static bool visited(void *ctx, const char *node)
{
	(void)ctx;
	return str_eq(node, "intro") || str_eq(node, "checkin.review");
}

static void ref(void *ctx, RefKind kind, const char *name, size_t pos)
{
	size_t *sum = ctx;
	*sum += (size_t)kind + strlen(name) + pos;
}

static void eval_with(const Expr *e, const Value *answer)
{
	/* The session's bound on a value '+' builds, so that a doubling
	 * expression stays within the fuzzer's memory. */
	EvalEnv env = { .lookup = lookup, .visited = visited, .answer = answer,
	                .max_bytes = 1 << 20 };
	char *err = NULL;
	Value v = expr_eval(e, &env, NULL, &err);
	char *text = val_to_text(&v);
	(void)val_truthy(&v);
	free(text);
	val_free(&v);
	free(err);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *src = xstrndup((const char *)data, size);
	Arena arena = { 0 };
	PatternSet *patterns = pattern_set_new();
	char *err = NULL;
	size_t pos = 0;
	Expr *e = expr_parse(&arena, patterns, src, &err, &pos);
	if (!e) {
		if (pos > strlen(src))
			abort(); /* an error placed past the end of the source */
		free(err);
	} else {
		if (strcmp(expr_source(e), src) != 0)
			abort(); /* the source kept is not the one parsed */
		size_t sum = 0;
		expr_refs(e, ref, &sum);
		static const Type answers[] = { TYPE_ANY, TYPE_TEXT, TYPE_NUMBER, TYPE_LIST };
		for (size_t i = 0; i < sizeof(answers) / sizeof(answers[0]); i++) {
			Type t;
			err = NULL;
			if (!expr_check(e, var_type, NULL, answers[i], &t, &err, &pos))
				free(err);
		}
		static const char *const items[] = { "one", "two" };
		Value answer[4] = { val_text("I don't know"), val_number(3), list_of(items, 2),
		                    val_unset() };
		for (size_t i = 0; i < 4; i++) {
			eval_with(e, &answer[i]);
			val_free(&answer[i]);
		}
		eval_with(e, NULL);
	}
	pattern_set_free(patterns);
	arena_free(&arena);
	free(src);
	return 0;
}
