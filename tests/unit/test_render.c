/* Unit tests for render: finding {name}s, their errors, and substitution. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "i18n.h"
#include "render.h"
#include "util.h"

static Vars *vars;

static int setup(void **state)
{
	(void)state;
	vars = vars_new();
	vars_set(vars, "client", val_text("Camille"));
	vars_set(vars, "n", val_number(3));
	vars_set(vars, "half", val_number(0.5));
	vars_set(vars, "ok", val_bool(true));
	vars_set(vars, "blank", val_text(""));
	vars_set(vars, "lines", val_text("first\nsecond\r\n\nthird\n"));
	vars_set(vars, "decouverte.attentes", val_text("de la clarté"));
	vars_set(vars, "questions-puissantes.x", val_text("q"));
	Value l = val_list();
	val_push(&l, val_text("courir"));
	val_push(&l, val_text("lire"));
	val_push(&l, val_number(2));
	vars_set(vars, "items", l);
	vars_set(vars, "evil", val_text("\x1b[2J\x1b]0;title\x07rouge\a\x01 ok\n"));
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	vars_free(vars);
	return 0;
}

static void collect(void *ctx, const char *name, size_t len, size_t pos)
{
	buf_printf(ctx, "%.*s@%zu ", (int)len, name, pos);
}

typedef struct ScanCase {
	const char *text;
	const char *names;  /* "name@pos " each, when err is NULL */
	const char *err;
	size_t pos;
} ScanCase;

static void test_scan(void **state)
{
	(void)state;
	static const ScanCase cases[] = {
		{ "", "", NULL, 0 },
		{ "no names here", "", NULL, 0 },
		{ "Bonjour {client} !", "client@8 ", NULL, 0 },
		{ "{a}{b} {c}", "a@0 b@3 c@7 ", NULL, 0 },
		{ "{ client }", "client@0 ", NULL, 0 },
		{ "{  n}", "n@0 ", NULL, 0 },
		{ "{decouverte.attentes}", "decouverte.attentes@0 ", NULL, 0 },
		{ "{questions-puissantes.x}", "questions-puissantes.x@0 ", NULL, 0 },
		{ "{a.b.c}", "a.b.c@0 ", NULL, 0 },
		{ "{_x9}", "_x9@0 ", NULL, 0 },
		{ "{{literal}}", "", NULL, 0 },
		{ "{{{x}}}", "x@2 ", NULL, 0 },
		{ "a } b }", "", NULL, 0 },        /* a lone '}' is kept */
		{ "é {n}", "n@3 ", NULL, 0 },      /* positions are bytes */
		/* errors, at the opening brace */
		{ "text {oops", NULL, "unclosed '{': write '{{' for a brace", 5 },
		{ "{", NULL, "unclosed '{': write '{{' for a brace", 0 },
		{ "{n} {", NULL, "unclosed '{': write '{{' for a brace", 4 },
		{ "{}", NULL, "'{…}' must hold a variable name", 0 },
		{ "x { }", NULL, "'{…}' must hold a variable name", 2 },
		{ "{1x}", NULL, "'{…}' must hold a variable name", 0 },
		{ "{a b}", NULL, "'{…}' must hold a variable name", 0 },
		{ "{a-b}", NULL, "'{…}' must hold a variable name", 0 },
		{ "{a.}", NULL, "'{…}' must hold a variable name", 0 },
		{ "{.a}", NULL, "'{…}' must hold a variable name", 0 },
		{ "{a.1}", NULL, "'{…}' must hold a variable name", 0 },
		{ "{a {b}", NULL, "'{…}' must hold a variable name", 0 },
		{ "{x\n}", NULL, "'{…}' must hold a variable name", 0 },
		{ "{é}", NULL, "'{…}' must hold a variable name", 0 },
		{ "{ok} {client!}", NULL, "'{…}' must hold a variable name", 5 },
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		const ScanCase *c = &cases[i];
		Buf names = { 0 };
		char *err = NULL;
		size_t pos = 999;
		bool ok = render_scan(c->text, collect, &names, &err, &pos);
		if (c->err && ok)
			fail_msg("'%s': wanted \"%s\", scan passed", c->text, c->err);
		if (c->err && (!str_eq(err, c->err) || pos != c->pos))
			fail_msg("'%s': wanted \"%s\" at %zu, got \"%s\" at %zu", c->text, c->err, c->pos,
			         err, pos);
		if (!c->err && !ok)
			fail_msg("'%s': unexpected \"%s\" at %zu", c->text, err, pos);
		if (!c->err && !str_eq(buf_str(&names), c->names))
			fail_msg("'%s': wanted names \"%s\", got \"%s\"", c->text, c->names,
			         buf_str(&names));
		free(err);
		buf_free(&names);
	}
}

static void test_scan_errors_in_french(void **state)
{
	(void)state;
	static const struct { const char *text, *err; } cases[] = {
		{ "texte {oups", "accolade '{' non fermée\u00a0: écrivez '{{' pour une accolade seule" },
		{ "{}", "'{…}' doit contenir un nom de variable" },
	};
	i18n_use("fr");
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		char *err = NULL;
		size_t pos;
		assert_false(render_scan(cases[i].text, NULL, NULL, &err, &pos));
		assert_string_equal(err, cases[i].err);
		free(err);
	}
	i18n_use("en");
}

static const Value *lookup(void *ctx, const char *name)
{
	/* The name arrives NUL-terminated and trimmed; record it when asked. */
	if (ctx)
		buf_printf(ctx, "[%s]", name);
	return vars_get(vars, name);
}

static void assert_render(const char *text, const char *want)
{
	char *got = render(text, lookup, NULL);
	if (!str_eq(got, want))
		fail_msg("'%s': wanted \"%s\", got \"%s\"", text, want, got);
	free(got);
}

/* A text that names a large value many times stays within its bound. */
static void test_render_bounded(void **state)
{
	(void)state;
	char *big = xmalloc(600 * 1024 + 1);
	memset(big, 'x', 600 * 1024);
	big[600 * 1024] = '\0';
	vars_set(vars, "big", val_text_take(big));
	char *got = render("{big}{big}{big}{big}{big}{big}{big}{big}", lookup, NULL);
	assert_int_equal(strlen(got), RENDER_MAX_BYTES);
	free(got);
}

static void test_render(void **state)
{
	(void)state;
	assert_render("", "");
	assert_render("Bonjour {client} !", "Bonjour Camille !");
	assert_render("{ client }", "Camille");
	assert_render("{n} séances, {half} heure, {ok}", "3 séances, 0.5 heure, true");
	assert_render("Vous voulez : {items}.", "Vous voulez : courir, lire, 2.");
	assert_render("[{missing}] [{blank}]", "[] []");
	assert_render("Vous attendez {decouverte.attentes}.", "Vous attendez de la clarté.");
	assert_render("{questions-puissantes.x}", "q");
	assert_render("{{client}} vaut {client}", "{client} vaut Camille");
	assert_render("{{{client}}}", "{Camille}");
	assert_render("a } b }}", "a } b }");
	assert_render("multi\nligne\tet tab", "multi\nligne\tet tab");
	/* An answer over several lines stays on the recap's line. */
	assert_render("impact: {lines}\nnext", "impact: first / second / third\nnext");
}

/* Values and dialogue text alike reach the terminal without escapes. */
static void test_sanitized(void **state)
{
	(void)state;
	assert_render("{evil}", "rouge ok");
	assert_render("\x1b[31mrouge\x1b[0m {client}\a", "rouge Camille");
	assert_render("bad \xff byte", "bad \xEF\xBF\xBD byte");
}

static void test_lookup_names(void **state)
{
	(void)state;
	Buf asked = { 0 };
	char *got = render("{ a }{b.c}{{d}}{e-f.g}", lookup, &asked);
	assert_string_equal(got, "{d}");
	assert_string_equal(buf_str(&asked), "[a][b.c][e-f.g]");
	free(got);
	buf_free(&asked);
}

/* render never fails: a brace render_scan would refuse shows as written. */
static void test_render_malformed(void **state)
{
	(void)state;
	assert_render("{client} {oops", "Camille {oops");
	assert_render("{client} {not a name} {client}", "Camille {not a name} Camille");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_scan),
		cmocka_unit_test(test_scan_errors_in_french),
		cmocka_unit_test(test_render),
		cmocka_unit_test(test_render_bounded),
		cmocka_unit_test(test_sanitized),
		cmocka_unit_test(test_lookup_names),
		cmocka_unit_test(test_render_malformed),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
