/*
 * test_routes: the one model of a dialogue's edges (routes.h), and the
 * session telling which of them it takes (SessionTrace).
 *
 * Test plan: dialogues written as YAML text to a fresh folder and loaded
 * by the real library; for each, the routes of each node in the order the
 * interpreter tries them (kind, index, target) and their labels:
 *   - a choice's goto first, then the rules up to the first that always
 *     holds (none after it, no default), a choice without goto falling
 *     through to them;
 *   - the default alone, plain; after branches, "else";
 *   - `only:` passing a node over in the other modes, dropped where no
 *     session in those modes comes to the node;
 *   - `call` and `pick` leading out of the dialogue;
 *   - the nodes reached from the start and those from which the session
 *     can complete (a trap, a node no route leads to);
 *   - a session's trace naming, for each move, a route of the model: the
 *     choice, the rule or the default taken, a node passed over.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "testdir.h"

#include "library.h"
#include "routes.h"
#include "session.h"
#include "util.h"

static char folder[64];
static Library *lib;

static int setup(void **state)
{
	(void)state;
	snprintf(folder, sizeof(folder), "/tmp/tandem-routes-XXXXXX");
	if (!mkdtemp(folder))
		return -1;
	lib = library_new(NULL, 0);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	library_free(lib);
	int rc = testdir_remove(folder);
	return rc == 0 ? 0 : -1;
}

static void write_file(const char *name, const char *yaml)
{
	char *path = xasprintf("%s/%s.yaml", folder, name);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(yaml, f);
	assert_int_equal(fclose(f), 0);
	free(path);
}

/* Writes NAME.yaml (a dialogue whose nodes are `nodes`) and loads it. */
static const Dialogue *load(const char *name, const char *nodes)
{
	char *yaml = xasprintf("tandem: 1\nid: %s\ntitle: T\nlang: en\nnodes:\n%s", name, nodes);
	write_file(name, yaml);
	free(yaml);
	char *path = xasprintf("%s/%s.yaml", folder, name);
	Diags d = { 0 };
	const Dialogue *dl = library_load(lib, path, &d);
	if (!dl)
		diags_print(&d, stderr, false);
	diags_free(&d);
	free(path);
	assert_non_null(dl);
	return dl;
}

static const char *const kind_names[] = { "choice", "rule", "next", "pass", "call", "pick" };

/* Node id's routes, one a line: "KIND INDEX -> TARGET [LABEL]". */
static char *routes_text(const Dialogue *d, const Routes *r, const char *id)
{
	int i = dialogue_find(d, id);
	assert_int_not_equal(i, NO_NODE);
	Buf b = { 0 };
	for (size_t j = r->start[i]; j < r->start[i + 1]; j++) {
		const Route *x = &r->v[j];
		char *label = route_label(d, x);
		buf_printf(&b, "%s %u -> %s [%s]%s\n", kind_names[x->kind], (unsigned)x->index,
		           x->to == NO_NODE ? "END" : d->nodes[x->to].id, label,
		           route_is_plain(d, x) ? " plain" : "");
		free(label);
	}
	return buf_take(&b);
}

static void expect_routes(const Dialogue *d, const Routes *r, const char *id, const char *want)
{
	char *got = routes_text(d, r, id);
	assert_string_equal(got, want);
	free(got);
}

static void test_choices_then_rules(void **state)
{
	(void)state;
	const Dialogue *d = load("menu",
		"  menu:\n"
		"    ask: Which?\n"
		"    choices:\n"
		"      a: {label: A, goto: end_a}\n"
		"      b: B\n"
		"    next:\n"
		"      - if: answer == \"b\"\n"
		"        goto: end_b\n"
		"      - goto: end_c\n"
		"      - goto: end_a\n"
		"  end_a: {end: A}\n"
		"  end_b: {end: B}\n"
		"  end_c: {end: C}\n"
		"  last:\n"
		"    say: After the last end.\n");
	Routes r = routes_of(d);
	expect_routes(d, &r, "menu", "choice 0 -> end_a [a]\n"
	                             "rule 0 -> end_b [if: answer == \"b\"]\n"
	                             "rule 1 -> end_c [else]\n");
	expect_routes(d, &r, "end_a", "");
	expect_routes(d, &r, "last", "next 0 -> END [next] plain\n");
	routes_free(&r);
}

static void test_default_and_next(void **state)
{
	(void)state;
	const Dialogue *d = load("plain",
		"  one:\n"
		"    say: One.\n"
		"  two:\n"
		"    ask: Two?\n"
		"    next: four\n"
		"  three:\n"
		"    set: {x: 1}\n"
		"    next:\n"
		"      - if: x > 0\n"
		"        goto: four\n"
		"  four:\n"
		"    ask: All goto?\n"
		"    choices:\n"
		"      a: {label: A, goto: one}\n"
		"      b: {label: B, goto: three}\n"
		"  five:\n"
		"    ask: No goto?\n"
		"    choices: {a: A, b: B}\n");
	Routes r = routes_of(d);
	expect_routes(d, &r, "one", "next 0 -> two [next] plain\n");
	expect_routes(d, &r, "two", "rule 0 -> four [next] plain\n");
	expect_routes(d, &r, "three", "rule 0 -> four [if: x > 0]\nnext 0 -> four [else]\n");
	expect_routes(d, &r, "four", "choice 0 -> one [a]\nchoice 1 -> three [b]\n");
	expect_routes(d, &r, "five", "next 0 -> END [next] plain\n");
	routes_free(&r);
}

static void test_passed_over(void **state)
{
	(void)state;
	const Dialogue *d = load("modes",
		"  first:\n"
		"    ask: Ready?\n"
		"    choices: {y: Yes}\n"
		"  coach_only:\n"
		"    only: coach\n"
		"    say: Coach.\n"
		"  self_only:\n"
		"    only: self\n"
		"    say: Self.\n"
		"  bye: {end: Bye}\n");
	Routes r = routes_of(d);
	expect_routes(d, &r, "coach_only", "next 0 -> self_only [next] plain\n"
	                                   "pass 0 -> self_only [passed over in self, practice]\n");
	expect_routes(d, &r, "self_only", "next 0 -> bye [next] plain\n"
	                                  "pass 0 -> bye [passed over in coach, practice]\n");
	const Route *pass = &r.v[r.start[1] + 1];
	assert_true(route_in_mode(d, pass, MODE_SELF));
	assert_false(route_in_mode(d, pass, MODE_COACH));
	routes_free(&r);
}

/* A coach-only node on the path only coach mode takes is never passed
 * over: no session in another mode comes to it. */
static void test_pass_never_met(void **state)
{
	(void)state;
	const Dialogue *d = load("paths",
		"  gate:\n"
		"    only: [self, practice]\n"
		"    say: Not for coaches.\n"
		"    next: away\n"
		"  coach_path:\n"
		"    only: coach\n"
		"    say: Coaches only.\n"
		"  away: {end: Bye}\n");
	Routes r = routes_of(d);
	expect_routes(d, &r, "gate", "rule 0 -> away [next] plain\n"
	                             "pass 0 -> coach_path [passed over in coach]\n");
	expect_routes(d, &r, "coach_path", "next 0 -> away [next] plain\n");
	routes_free(&r);
}

static void test_call_and_pick(void **state)
{
	(void)state;
	write_file("callee", "tandem: 1\nid: callee\ntitle: C\nlang: en\nnodes:\n  hi: {say: Hi.}\n");
	const Dialogue *d = load("outside",
		"  inner:\n"
		"    call: callee\n"
		"  draw:\n"
		"    pick: own\n"
		"  bye: {end: Bye}\n"
		"banks:\n"
		"  own:\n"
		"    questions:\n"
		"      - text: Why?\n");
	Routes r = routes_of(d);
	expect_routes(d, &r, "inner", "call 0 -> END [call callee]\nnext 0 -> draw [next] plain\n");
	expect_routes(d, &r, "draw", "pick 0 -> END [pick from own]\nnext 0 -> bye [next] plain\n");
	assert_false(route_moves(&r.v[r.start[0]]));
	routes_free(&r);
}

static void test_reached_and_completing(void **state)
{
	(void)state;
	const Dialogue *d = load("trap",
		"  way:\n"
		"    ask: Which way?\n"
		"    choices:\n"
		"      out: Out\n"
		"      in: {label: In, goto: trap}\n"
		"  bye: {end: Bye}\n"
		"  trap:\n"
		"    ask: Still here?\n"
		"    next: trap_too\n"
		"  trap_too:\n"
		"    say: No way out.\n"
		"    next: trap\n"
		"  forgotten:\n"
		"    say: Nobody.\n"
		"    next: bye\n");
	Routes r = routes_of(d);
	char reached[5] = { 0 }, done[5] = { 0 };
	routes_reached(d, &r, reached);
	routes_completing(d, &r, done);
	assert_memory_equal(reached, "\1\1\1\1\0", 5);
	assert_memory_equal(done, "\1\1\0\0\1", 5);
	assert_int_equal(routes_find(&r, 0, ROUTE_CHOICE, 1), (long)r.start[0] + 0);
	assert_int_equal(routes_find(&r, 0, ROUTE_CHOICE, 0), -1);
	routes_free(&r);
}

/* ----- the trace --------------------------------------------------------------- */

typedef struct Seen {
	const Routes *r;
	Buf moves;
} Seen;

static void on_entered(void *ctx, const Dialogue *d, int node)
{
	buf_printf(&((Seen *)ctx)->moves, "enter %s\n", d->nodes[node].id);
}

static void on_routed(void *ctx, const Dialogue *d, const Route *r)
{
	Seen *s = ctx;
	long j = routes_find(s->r, r->from, r->kind, r->index);
	assert_true(j >= 0);
	assert_int_equal(s->r->v[j].to, r->to);
	buf_printf(&s->moves, "%s %u %s\n", kind_names[r->kind], (unsigned)r->index,
	           d->nodes[r->from].id);
}

/* The moves of a session of d in mode m given lines. */
static char *moves(const Dialogue *d, Mode m, const char *const *lines, size_t n)
{
	Routes r = routes_of(d);
	Seen seen = { &r, { 0 } };
	SessionTrace trace = { on_entered, on_routed, &seen };
	SessionConfig cfg = { .mode = m, .seed = 1, .trace = &trace };
	Session *s = session_new(d, &cfg);
	for (size_t i = 0; i < n; i++) {
		session_request(s);
		assert_int_equal(session_input(s, lines[i]), INPUT_TAKEN);
	}
	session_request(s);
	session_free(s);
	routes_free(&r);
	return buf_take(&seen.moves);
}

static void test_trace(void **state)
{
	(void)state;
	const Dialogue *d = load("traced",
		"  menu:\n"
		"    ask: Which?\n"
		"    choices:\n"
		"      a: {label: A, goto: coach_only}\n"
		"      b: B\n"
		"    next:\n"
		"      - if: answer == \"b\"\n"
		"        goto: coach_only\n"
		"  coach_only:\n"
		"    only: coach\n"
		"    say: Coach.\n"
		"  bye: {end: Bye}\n");
	char *a = moves(d, MODE_COACH, (const char *[]){ "a", "" }, 2);
	assert_string_equal(a, "enter menu\nchoice 0 menu\nenter coach_only\nnext 0 coach_only\n"
	                       "enter bye\n");
	free(a);
	char *b = moves(d, MODE_SELF, (const char *[]){ "b" }, 1);
	assert_string_equal(b, "enter menu\nrule 0 menu\npass 0 coach_only\nenter bye\n");
	free(b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_choices_then_rules, setup, teardown),
		cmocka_unit_test_setup_teardown(test_default_and_next, setup, teardown),
		cmocka_unit_test_setup_teardown(test_passed_over, setup, teardown),
		cmocka_unit_test_setup_teardown(test_pass_never_met, setup, teardown),
		cmocka_unit_test_setup_teardown(test_call_and_pick, setup, teardown),
		cmocka_unit_test_setup_teardown(test_reached_and_completing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_trace, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
