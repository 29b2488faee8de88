/* Unit tests for value: Value kinds, equality, text form, truth, Vars. */
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "util.h"
#include "value.h"

/* A list of texts, for brevity. */
static Value list_of(const char *const *items, size_t n)
{
	Value l = val_list();
	for (size_t i = 0; i < n; i++)
		val_push(&l, val_text(items[i]));
	return l;
}

static void assert_text_form(Value v, const char *want)
{
	char *s = val_to_text(&v);
	assert_string_equal(s, want);
	free(s);
	val_free(&v);
}

static void test_to_text(void **state)
{
	(void)state;
	assert_text_form(val_unset(), "");
	assert_text_form(val_text("bonjour"), "bonjour");
	assert_text_form(val_number(7), "7");
	assert_text_form(val_number(-3), "-3");
	assert_text_form(val_number(0), "0");
	assert_text_form(val_number(-0.0), "0");
	assert_text_form(val_number(2.5), "2.5");
	assert_text_form(val_number(0.1 + 0.2), "0.3");
	assert_text_form(val_number(1.0 / 3), "0.333333333333333");
	assert_text_form(val_number(123456789012345.0), "123456789012345");
	assert_text_form(val_number(1e20), "1e+20");
	assert_text_form(val_bool(true), "true");
	assert_text_form(val_bool(false), "false");
	assert_text_form(val_list(), "");

	static const char *const abc[] = { "a", "b", "c" };
	assert_text_form(list_of(abc, 3), "a, b, c");
	Value mixed = val_list();
	val_push(&mixed, val_number(1));
	val_push(&mixed, val_bool(false));
	val_push(&mixed, val_text("x"));
	assert_text_form(mixed, "1, false, x");
}

/* Numbers keep '.' even where the locale writes a decimal comma. */
static void test_to_text_ignores_locale(void **state)
{
	(void)state;
	static const char *const names[] = { "fr_FR.UTF-8", "de_DE.UTF-8", "fr_FR", "de_DE" };
	bool set = false;
	for (size_t i = 0; i < ARRAY_LEN(names) && !set; i++)
		set = setlocale(LC_NUMERIC, names[i]) != NULL;
	if (!set)
		skip();
	assert_text_form(val_number(2.5), "2.5");
	setlocale(LC_NUMERIC, "C");
}

static void test_text_take_and_copy(void **state)
{
	(void)state;
	Value t = val_text_take(xstrdup("owned"));
	assert_int_equal(t.kind, VAL_TEXT);
	assert_string_equal(t.u.text, "owned");

	static const char *const ab[] = { "a", "b" };
	Value l = list_of(ab, 2);
	val_push(&l, t);  /* l now owns t */
	Value c = val_copy(&l);
	assert_true(val_equal(&l, &c));
	/* The copy is deep: changing it leaves the original alone. */
	c.u.list.items[0].u.text[0] = 'z';
	assert_string_equal(l.u.list.items[0].u.text, "a");
	assert_false(val_equal(&l, &c));
	val_free(&l);
	val_free(&c);
	assert_int_equal(l.kind, VAL_UNSET);

	Value n = val_number(4);
	Value nc = val_copy(&n);
	assert_true(val_equal(&n, &nc));
}

static void test_equal(void **state)
{
	(void)state;
	static const char *const ab[] = { "a", "b" };
	static const char *const ba[] = { "b", "a" };
	Value unset = val_unset(), empty_text = val_text(""), empty_list = val_list();
	Value seven = val_number(7), seven_text = val_text("7"), yes = val_bool(true);
	Value l1 = list_of(ab, 2), l2 = list_of(ab, 2), l3 = list_of(ba, 2);
	Value a = val_text("a");

	assert_true(val_equal(&unset, &unset));
	assert_true(val_equal(&unset, &empty_text));
	assert_true(val_equal(&empty_text, &unset));
	assert_true(val_equal(&unset, &empty_list));
	assert_true(val_equal(&empty_list, &unset));
	/* Only unset bridges kinds: "" and [] are different kinds. */
	assert_false(val_equal(&empty_text, &empty_list));
	assert_false(val_equal(&unset, &a));
	assert_false(val_equal(&unset, &l1));
	Value zero = val_number(0), no = val_bool(false);
	assert_false(val_equal(&unset, &zero));
	assert_false(val_equal(&unset, &no));

	assert_false(val_equal(&seven, &seven_text));
	assert_false(val_equal(&yes, &seven));
	assert_true(val_equal(&l1, &l2));
	assert_false(val_equal(&l1, &l3));
	assert_false(val_equal(&l1, &a));

	val_free(&empty_text);
	val_free(&seven_text);
	val_free(&l1);
	val_free(&l2);
	val_free(&l3);
	val_free(&a);
}

static bool truthy(Value v)
{
	bool t = val_truthy(&v);
	val_free(&v);
	return t;
}

static void test_truthy(void **state)
{
	(void)state;
	static const char *const one[] = { "" };
	assert_false(truthy(val_unset()));
	assert_false(truthy(val_bool(false)));
	assert_false(truthy(val_number(0)));
	assert_false(truthy(val_text("")));
	assert_false(truthy(val_list()));
	assert_true(truthy(val_bool(true)));
	assert_true(truthy(val_number(-1)));
	assert_true(truthy(val_text("0")));
	assert_true(truthy(val_text("false")));
	assert_true(truthy(list_of(one, 1)));
}

static void test_vars_get_set(void **state)
{
	(void)state;
	Vars *vs = vars_new();
	assert_null(vars_get(vs, "x"));
	vars_set(vs, "x", val_number(1));
	vars_set(vs, "decouverte.attentes", val_text("clarté"));
	assert_int_equal(vars_get(vs, "x")->kind, VAL_NUMBER);
	assert_string_equal(vars_get(vs, "decouverte.attentes")->u.text, "clarté");
	assert_null(vars_get(vs, "X"));
	assert_null(vars_get(vs, "decouverte"));
	/* Replacing frees the old value (AddressSanitizer sees any leak). */
	vars_set(vs, "x", val_text("un"));
	assert_string_equal(vars_get(vs, "x")->u.text, "un");
	vars_free(vs);
	vars_free(NULL);
}

typedef struct Seen {
	Buf names;
	size_t n;
} Seen;

static void collect(void *ctx, const char *name, const Value *v)
{
	Seen *s = ctx;
	char *t = val_to_text(v);
	buf_printf(&s->names, "%s%s=%s", s->n++ ? " " : "", name, t);
	free(t);
}

static void test_vars_order(void **state)
{
	(void)state;
	Vars *vs = vars_new();
	vars_set(vs, "zeta", val_number(1));
	vars_set(vs, "alpha", val_number(2));
	vars_set(vs, "mid", val_number(3));
	vars_set(vs, "zeta", val_number(4));  /* keeps its first place */
	Seen s = { 0 };
	vars_each(vs, collect, &s);
	assert_string_equal(buf_str(&s.names), "zeta=4 alpha=2 mid=3");
	buf_free(&s.names);
	vars_free(vs);
}

/* Enough names to grow the table several times; all stay findable. */
static void test_vars_many(void **state)
{
	(void)state;
	enum { N = 5000 };
	Vars *vs = vars_new();
	char name[32];
	for (int i = 0; i < N; i++) {
		snprintf(name, sizeof(name), "v%d", i);
		vars_set(vs, name, val_number(i));
	}
	for (int i = 0; i < N; i += 7) {
		snprintf(name, sizeof(name), "v%d", i);
		vars_set(vs, name, val_number(-i));
	}
	for (int i = 0; i < N; i++) {
		snprintf(name, sizeof(name), "v%d", i);
		const Value *v = vars_get(vs, name);
		assert_non_null(v);
		assert_true(v->u.num == (i % 7 ? i : -i));
	}
	Seen s = { 0 };
	vars_each(vs, collect, &s);
	assert_int_equal(s.n, N);
	assert_true(str_starts(buf_str(&s.names), "v0=0 v1=1 v2=2 "));
	buf_free(&s.names);
	vars_free(vs);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_to_text),
		cmocka_unit_test(test_to_text_ignores_locale),
		cmocka_unit_test(test_text_take_and_copy),
		cmocka_unit_test(test_equal),
		cmocka_unit_test(test_truthy),
		cmocka_unit_test(test_vars_get_set),
		cmocka_unit_test(test_vars_order),
		cmocka_unit_test(test_vars_many),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
