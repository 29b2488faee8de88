/*
 * test_session: the interpreter, driven as a front end drives it.
 *
 * Test plan: every dialogue here is YAML text, written to a fresh folder
 * and loaded by the real library, so each test reads like a small session.
 * For each node kind and modifier the tests assert the exact Show items
 * queued (as "KIND text" lines), the Request fields, the route (the turns'
 * node ids), the answers by save name with their types, and what the turns
 * record:
 *   - say: section, coach (hidden in self mode), self wording, {client}
 *     from the configuration or vars, {today}, {coach}, sanitized texts;
 *   - ask: required, trimmed answers; choices by number, key, folded label
 *     prefix, accent-folded label, exact label over prefixes, ambiguous and
 *     unknown; a choice's goto over next; scale bounds; validate with and
 *     without `invalid`; optional and /skip; repeat until empty (with
 *     `again`) and N times; each over a list, a single value and nothing;
 *   - set and next rules: order, `answer`, visited(), regex, a regex that
 *     hits its limit counting as false; `only` passing a node over without
 *     its rules;
 *   - call: qualified node ids, prefixed variables with their defaults,
 *     nesting, an `end` inside a call returning to the caller;
 *   - pick: `when` first, tags, never the same question twice (a {name}
 *     one as it reads now), fewer
 *     eligible questions than asked, the same draws for the same seed;
 *   - commitments and review (with a History); end; practice scoring;
 *   - /again: the step asked again with its cue, each attempt a turn, the
 *     last one counting in the score and the points missed; refused
 *     outside practice and with no step just marked; /back across it;
 *     replay across it (and an attempt that does not fit);
 *   - the loop guard; /back (across a pick and a repeat, notes kept),
 *     replay, notes.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "testdir.h"

#include "clock.h"
#include "dialogue.h"
#include "library.h"
#include "session.h"
#include "util.h"

/* ---- fixture ---- */

static char folder[64];
static Library *lib;
static Session *S;           /* the session under test; freed by teardown */
static SessionConfig cfg;
static time_t clock_value;   /* what the session's clock says */

static time_t fake_now(void)
{
	return clock_value;
}

static int setup(void **state)
{
	(void)state;
	snprintf(folder, sizeof(folder), "/tmp/tandem-session-XXXXXX");
	if (!mkdtemp(folder))
		return -1;
	lib = library_new(NULL, 0);
	if (!clock_parse("2026-11-23T10:00:00Z", &clock_value))
		return -1;
	cfg = (SessionConfig){ .mode = MODE_COACH, .seed = 1, .now = fake_now };
	S = NULL;
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	session_free(S);
	library_free(lib);
	int rc = testdir_remove(folder);
	return rc == 0 ? 0 : -1;
}

/* ---- helpers ---- */

/* Writes NAME.yaml into the folder and loads it; fails the test with the
 * diagnostics when it does not load. */
static const Dialogue *load(const char *name, const char *yaml)
{
	char *path = xasprintf("%s/%s.yaml", folder, name);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(yaml, f);
	assert_int_equal(fclose(f), 0);
	Diags d = { 0 };
	const Dialogue *dl = library_load(lib, path, &d);
	if (!dl) {
		diags_sort(&d);
		diags_print(&d, stderr, false);
	}
	diags_free(&d);
	free(path);
	assert_non_null(dl);
	return dl;
}

/* Writes a file the next load will find beside the dialogue. */
static void write_beside(const char *name, const char *yaml)
{
	char *path = xasprintf("%s/%s.yaml", folder, name);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(yaml, f);
	assert_int_equal(fclose(f), 0);
	free(path);
}

/* A session over the dialogue with the current cfg; it becomes S. */
static Session *start_on(const Dialogue *d)
{
	session_free(S);
	S = session_new(d, &cfg);
	assert_non_null(S);
	return S;
}

#define HEAD "tandem: 1\nid: main\ntitle: Test\nlang: en\n"

static Session *start(const char *yaml)
{
	return start_on(load("main", yaml));
}

static const char *kind_name(ShowKind k)
{
	static const char *const names[] = {
		[SHOW_SECTION] = "SECTION", [SHOW_COACH] = "COACH", [SHOW_SAY] = "SAY",
		[SHOW_QUESTION] = "QUESTION", [SHOW_INFO] = "INFO", [SHOW_INVALID] = "INVALID",
		[SHOW_COVERED] = "COVERED", [SHOW_MISSED] = "MISSED", [SHOW_REFERENCE] = "REFERENCE",
		[SHOW_SCORE] = "SCORE", [SHOW_END] = "END", [SHOW_ERROR] = "ERROR",
	};
	return names[k];
}

static void collect(void *ctx, ShowKind kind, const char *text)
{
	buf_printf(ctx, "%s %s\n", kind_name(kind), text);
}

/* What the session queued since the last flush, one "KIND text" a line. */
static char *flushed(Session *s)
{
	Buf b = { 0 };
	session_flush(s, collect, &b);
	return buf_take(&b);
}

#define expect_shows(s, want) do { \
		char *got_ = flushed(s); \
		assert_string_equal(got_, want); \
		free(got_); \
	} while (0)

static void take(Session *s, const char *line)
{
	assert_int_equal(session_input(s, line), INPUT_TAKEN);
}

static void refuse(Session *s, const char *line)
{
	assert_int_equal(session_input(s, line), INPUT_INVALID);
}

/* Checks what the session waits for: kind, node and prompt (NULL: none). */
static const Request *expect_req(Session *s, ReqKind kind, const char *node, const char *prompt)
{
	const Request *r = session_request(s);
	assert_int_equal(r->kind, kind);
	if (node)
		assert_string_equal(r->node, node);
	else
		assert_null(r->node);
	if (prompt)
		assert_string_equal(r->prompt, prompt);
	else
		assert_null(r->prompt);
	return r;
}

static void format_value(Buf *b, const Value *v)
{
	switch (v->kind) {
	case VAL_UNSET:
		buf_adds(b, "null");
		break;
	case VAL_TEXT:
		buf_printf(b, "\"%s\"", v->u.text);
		break;
	case VAL_LIST:
		buf_addc(b, '[');
		for (size_t i = 0; i < v->u.list.n; i++) {
			if (i)
				buf_adds(b, ", ");
			format_value(b, &v->u.list.items[i]);
		}
		buf_addc(b, ']');
		break;
	default: {
		char *t = val_to_text(v);
		buf_adds(b, t);
		free(t);
		break;
	}
	}
}

static void collect_answer(void *ctx, const char *name, const Value *v)
{
	Buf *b = ctx;
	if (b->len)
		buf_adds(b, "; ");
	buf_printf(b, "%s=", name);
	format_value(b, v);
}

/* The answers as "name=value; ...", texts quoted, in the session's order. */
#define expect_answers(s, want) do { \
		Buf b_ = { 0 }; \
		session_answers(s, collect_answer, &b_); \
		assert_string_equal(buf_str(&b_), want); \
		buf_free(&b_); \
	} while (0)

/* The turns' nodes, space separated. */
#define expect_route(s, want) do { \
		Buf b_ = { 0 }; \
		for (size_t i_ = 0; i_ < session_nturns(s); i_++) \
			buf_printf(&b_, "%s%s", i_ ? " " : "", session_turn(s, i_)->node); \
		assert_string_equal(buf_str(&b_), want); \
		buf_free(&b_); \
	} while (0)

#define expect_answer(t, want) do { \
		Buf b_ = { 0 }; \
		format_value(&b_, &(t)->answer); \
		assert_string_equal(buf_str(&b_), want); \
		buf_free(&b_); \
	} while (0)

/* ---- say ---- */

static const char say_yaml[] = HEAD
	"vars:\n"
	"  client: the client\n"
	"  coach: Sam\n"
	"nodes:\n"
	"  hello:\n"
	"    section: Opening\n"
	"    coach: Speak slowly, {coach}.\n"
	"    say: Welcome, {client}. Today is {today}.\n"
	"    self: Welcome to me.\n"
	"  name:\n"
	"    ask: What should I call you?\n"
	"    self: What do I call myself?\n"
	"  bye:\n"
	"    end: Bye {name}.\n";

static void say_section_coach_and_text(void **state)
{
	(void)state;
	Session *s = start(say_yaml);
	const Request *r = expect_req(s, REQ_CONTINUE, "hello",
	                              "Welcome, the client. Today is 2026-11-23.");
	assert_string_equal(r->section, "Opening");
	assert_int_equal(r->nchoices, 0);
	expect_shows(s, "SECTION Opening\n"
	                "COACH Speak slowly, Sam.\n"
	                "SAY Welcome, the client. Today is 2026-11-23.\n");
	assert_int_equal(session_status(s), STATUS_RUNNING);
	clock_value += 60;
	take(s, "anything");
	const Turn *t = session_turn(s, 0);
	assert_string_equal(t->node, "hello");
	assert_int_equal(t->kind, NODE_SAY);
	assert_string_equal(t->section, "Opening");
	assert_string_equal(t->prompt, "Welcome, the client. Today is 2026-11-23.");
	assert_string_equal(t->input, "anything");
	assert_int_equal(t->answer.kind, VAL_UNSET);
	assert_null(t->field);
	assert_int_equal(t->at, clock_value);
	assert_false(t->skipped);
	/* The section stays current for the nodes that follow. */
	r = expect_req(s, REQ_ANSWER, "name", "What should I call you?");
	assert_string_equal(r->section, "Opening");
	expect_shows(s, "QUESTION What should I call you?\n");
	take(s, "Ann");
	expect_req(s, REQ_DONE, NULL, NULL);
	expect_shows(s, "END Bye Ann.\n");
	assert_int_equal(session_status(s), STATUS_COMPLETE);
	assert_int_equal(session_nturns(s), 2);
	/* Nothing more is taken. */
	refuse(s, "more");
	expect_shows(s, "");
}

static void say_client_from_config(void **state)
{
	(void)state;
	cfg.client = "Alice";
	Session *s = start(say_yaml);
	expect_req(s, REQ_CONTINUE, "hello", "Welcome, Alice. Today is 2026-11-23.");
	assert_string_equal(session_client(s), "Alice");
	assert_int_equal(session_started(s), clock_value);
	assert_int_equal(session_mode(s), MODE_COACH);
}

static void self_mode_wording_and_no_coach(void **state)
{
	(void)state;
	cfg.mode = MODE_SELF;
	Session *s = start(say_yaml);
	expect_req(s, REQ_CONTINUE, "hello", "Welcome to me.");
	expect_shows(s, "SECTION Opening\nSAY Welcome to me.\n");
	take(s, "");
	expect_req(s, REQ_ANSWER, "name", "What do I call myself?");
	take(s, "Me");
	assert_string_equal(session_turn(s, 1)->prompt, "What do I call myself?");
}

static void texts_are_sanitized(void **state)
{
	(void)state;
	Session *s = start(say_yaml);
	take(s, "");
	take(s, "\x1b[31mRed\x1b[0m\a");
	expect_shows(s, "SECTION Opening\n"
	                "COACH Speak slowly, Sam.\n"
	                "SAY Welcome, the client. Today is 2026-11-23.\n"
	                "QUESTION What should I call you?\n"
	                "END Bye Red.\n");
	/* The line is kept as typed, for replay. */
	assert_string_equal(session_turn(s, 1)->input, "\x1b[31mRed\x1b[0m\a");
}

/* ---- ask ---- */

static void ask_required_and_trimmed(void **state)
{
	(void)state;
	Session *s = start(HEAD
		"nodes:\n"
		"  name:\n"
		"    ask: Name?\n"
		"  goal:\n"
		"    ask: Goal?\n");
	const Request *r = expect_req(s, REQ_ANSWER, "name", "Name?");
	assert_false(r->optional);
	assert_false(r->ends_on_empty);
	assert_false(r->scale);
	assert_int_equal(r->index, 0);
	expect_shows(s, "QUESTION Name?\n");
	refuse(s, "");
	refuse(s, "  \t ");
	expect_shows(s, "INVALID An answer is needed here.\n"
	                "INVALID An answer is needed here.\n");
	expect_req(s, REQ_ANSWER, "name", "Name?");
	expect_shows(s, "");  /* the question is not queued again */
	take(s, "  Ann  ");
	take(s, "yes");
	assert_string_equal(session_turn(s, 0)->input, "  Ann  ");
	expect_answers(s, "name=\"Ann\"; goal=\"yes\"");
	/* After the last node, the session is complete. */
	expect_req(s, REQ_DONE, NULL, NULL);
	assert_int_equal(session_status(s), STATUS_COMPLETE);
}

static const char choices_yaml[] = HEAD
	"nodes:\n"
	"  tone:\n"
	"    ask: Which tone?\n"
	"    choices:\n"
	"      gentle: Gentle\n"
	"      direct: Direct and challenging\n"
	"      dream: Dreamy\n"
	"      eleve: Élevé\n"
	"      yes: Yes\n"
	"      go: Go\n"
	"      good: Good\n"
	"  bye:\n"
	"    end: Bye.\n";

/* A fresh session over d answers the menu with line: the key chosen, or
 * "!" and the reason it was refused. */
static char *choose(const Dialogue *d, const char *line)
{
	Session *s = start_on(d);
	session_request(s);
	free(flushed(s));
	if (session_input(s, line) == INPUT_TAKEN)
		return xstrdup(session_turn(s, 0)->answer.u.text);
	char *why = flushed(s);
	char *out = xasprintf("!%s", why);
	free(why);
	return out;
}

#define expect_choice(d, line, want) do { \
		char *got_ = choose(d, line); \
		assert_string_equal(got_, want); \
		free(got_); \
	} while (0)

static void choices_matching(void **state)
{
	(void)state;
	const Dialogue *d = load("main", choices_yaml);
	Session *s = start_on(d);
	const Request *r = expect_req(s, REQ_ANSWER, "tone", "Which tone?");
	assert_int_equal(r->nchoices, 7);
	assert_string_equal(r->labels[3], "Élevé");
	assert_string_equal(r->keys[3], "eleve");
	assert_string_equal(r->keys[4], "yes");
	expect_choice(d, "2", "direct");
	expect_choice(d, " 7 ", "good");
	expect_choice(d, "direct", "direct");
	expect_choice(d, "yes", "yes");
	expect_choice(d, "DIR", "direct");
	expect_choice(d, "direct  and", "direct");
	expect_choice(d, "eleve", "eleve");
	expect_choice(d, "ÉLÉ", "eleve");
	expect_choice(d, "dre", "dream");
	expect_choice(d, "GO", "go");  /* an exact label wins over a prefix of Good */
	expect_choice(d, "goo", "good");
	expect_choice(d, "d", "!INVALID 'd' could be 2) Direct and challenging, 3) Dreamy: "
	                      "please type a little more.\n");
	expect_choice(d, "8", "!INVALID Please choose one of: 1) Gentle, 2) Direct and challenging, "
	                      "3) Dreamy, 4) Élevé, 5) Yes, 6) Go, 7) Good.\n");
	expect_choice(d, "0", "!INVALID Please choose one of: 1) Gentle, 2) Direct and challenging, "
	                      "3) Dreamy, 4) Élevé, 5) Yes, 6) Go, 7) Good.\n");
	expect_choice(d, "x", "!INVALID Please choose one of: 1) Gentle, 2) Direct and challenging, "
	                      "3) Dreamy, 4) Élevé, 5) Yes, 6) Go, 7) Good.\n");
	expect_choice(d, "", "!INVALID An answer is needed here.\n");
}

static void choice_goto_wins_over_next(void **state)
{
	(void)state;
	const Dialogue *d = load("main", HEAD
		"nodes:\n"
		"  path:\n"
		"    ask: Where?\n"
		"    choices:\n"
		"      goal: {label: A goal, goto: goal}\n"
		"      other: Something else\n"
		"    next:\n"
		"      - goto: after\n"
		"  goal:\n"
		"    ask: Which goal?\n"
		"  after:\n"
		"    ask: After?\n");
	Session *s = start_on(d);
	take(s, "a goal");
	expect_req(s, REQ_ANSWER, "goal", "Which goal?");
	s = start_on(d);
	take(s, "2");
	expect_req(s, REQ_ANSWER, "after", "After?");
	expect_answers(s, "path=\"other\"");
}

static void scale_bounds(void **state)
{
	(void)state;
	Session *s = start(HEAD
		"nodes:\n"
		"  energy:\n"
		"    ask: Energy?\n"
		"    scale: [-2, 10]\n"
		"  low:\n"
		"    ask: Lowest?\n"
		"    scale: [-2, 10]\n"
		"  say_it:\n"
		"    say: \"{energy} and {low}\"\n");
	const Request *r = expect_req(s, REQ_ANSWER, "energy", "Energy?");
	assert_true(r->scale);
	assert_int_equal(r->min, -2);
	assert_int_equal(r->max, 10);
	free(flushed(s));
	refuse(s, "11");
	refuse(s, "-3");
	refuse(s, "5.5");
	refuse(s, "five");
	refuse(s, "+");
	refuse(s, "99999999999999999999999");
	expect_shows(s, "INVALID Please give a whole number from -2 to 10.\n"
	                "INVALID Please give a whole number from -2 to 10.\n"
	                "INVALID Please give a whole number from -2 to 10.\n"
	                "INVALID Please give a whole number from -2 to 10.\n"
	                "INVALID Please give a whole number from -2 to 10.\n"
	                "INVALID Please give a whole number from -2 to 10.\n");
	refuse(s, "");
	expect_shows(s, "INVALID An answer is needed here.\n");
	take(s, " +7 ");
	take(s, "-2");
	expect_answers(s, "energy=7; low=-2");
	assert_int_equal(session_turn(s, 0)->answer.kind, VAL_NUMBER);
	expect_req(s, REQ_CONTINUE, "say_it", "7 and -2");
}

static void validate_with_and_without_invalid(void **state)
{
	(void)state;
	Session *s = start(HEAD
		"vars:\n"
		"  client: Bea\n"
		"nodes:\n"
		"  code:\n"
		"    ask: Postcode?\n"
		"    validate: /^\\d{5}$/\n"
		"    invalid: Five digits, {client}.\n"
		"    save: postcode\n"
		"  word:\n"
		"    ask: A word?\n"
		"    validate: ^[a-z]+$\n");
	expect_req(s, REQ_ANSWER, "code", "Postcode?");
	free(flushed(s));
	refuse(s, "123");
	refuse(s, "123456");
	expect_shows(s, "INVALID Five digits, Bea.\nINVALID Five digits, Bea.\n");
	take(s, " 75011 ");
	refuse(s, "ABC");
	expect_shows(s, "QUESTION A word?\nINVALID That answer is not in the form this question "
	                "expects; please type it again.\n");
	take(s, "abc");
	expect_answers(s, "postcode=\"75011\"; word=\"abc\"");
	assert_string_equal(session_turn(s, 0)->node, "code");
}

static void optional_and_skip(void **state)
{
	(void)state;
	Session *s = start(HEAD
		"nodes:\n"
		"  a:\n"
		"    ask: Required?\n"
		"  b:\n"
		"    ask: Optional?\n"
		"    optional: true\n"
		"  c:\n"
		"    ask: Also optional?\n"
		"    optional: true\n"
		"  d:\n"
		"    say: \"[{b}] [{c}]\"\n");
	expect_req(s, REQ_ANSWER, "a", "Required?");
	free(flushed(s));
	assert_false(session_skip(s));
	expect_shows(s, "INVALID This question cannot be skipped.\n");
	expect_req(s, REQ_ANSWER, "a", "Required?");
	take(s, "A");
	const Request *r = expect_req(s, REQ_ANSWER, "b", "Optional?");
	assert_true(r->optional);
	assert_true(session_skip(s));
	take(s, "   ");
	expect_route(s, "a b c");
	const Turn *t = session_turn(s, 1);
	assert_true(t->skipped);
	assert_null(t->input);
	assert_int_equal(t->answer.kind, VAL_UNSET);
	t = session_turn(s, 2);
	assert_true(t->skipped);
	assert_string_equal(t->input, "   ");
	expect_answers(s, "a=\"A\"");
	expect_req(s, REQ_CONTINUE, "d", "[] []");
	/* /skip where nothing is optional: a say. */
	assert_false(session_skip(s));
}

static const char repeat_yaml[] = HEAD
	"nodes:\n"
	"  wants:\n"
	"    section: Wishes\n"
	"    ask: What do you want?\n"
	"    again: What else?\n"
	"    repeat: true\n"
	"  more:\n"
	"    ask: Anything more?\n"
	"    repeat: true\n"
	"  strengths:\n"
	"    ask: Name a strength.\n"
	"    repeat: 2\n"
	"    save: strong\n"
	"  tally:\n"
	"    set:\n"
	"      n: count(wants)\n"
	"  summary:\n"
	"    say: \"{n} wishes: {wants}; strengths: {strong}; more: {more}.\"\n";

static void repeat_until_empty_and_n(void **state)
{
	(void)state;
	Session *s = start(repeat_yaml);
	const Request *r = expect_req(s, REQ_ANSWER, "wants", "What do you want?");
	assert_true(r->ends_on_empty);
	assert_false(r->optional);
	assert_int_equal(r->index, 0);
	expect_shows(s, "SECTION Wishes\nQUESTION What do you want?\n");
	take(s, "Clarity");
	r = expect_req(s, REQ_ANSWER, "wants", "What else?");
	assert_int_equal(r->index, 1);
	expect_shows(s, "QUESTION What else?\n");
	take(s, "Energy");
	take(s, "Time");
	take(s, "");
	/* An empty first answer ends the loop with nothing in it. */
	r = expect_req(s, REQ_ANSWER, "more", "Anything more?");
	take(s, "");
	r = expect_req(s, REQ_ANSWER, "strengths", "Name a strength.");
	assert_true(r->ends_on_empty);
	take(s, "Patience");
	r = expect_req(s, REQ_ANSWER, "strengths", "Name a strength.");
	assert_int_equal(r->index, 1);
	take(s, "Humour");
	expect_req(s, REQ_CONTINUE, "summary",
	           "3 wishes: Clarity, Energy, Time; strengths: Patience, Humour; more: .");
	expect_route(s, "wants wants wants wants more strengths strengths");
	expect_answers(s, "wants=[\"Clarity\", \"Energy\", \"Time\"]; "
	                  "strong=[\"Patience\", \"Humour\"]");
	const Turn *t = session_turn(s, 3);
	assert_int_equal(t->answer.kind, VAL_UNSET);
	assert_false(t->skipped);
	assert_string_equal(t->prompt, "What else?");
	expect_answer(session_turn(s, 1), "\"Energy\"");
}

static void each_over_lists_and_values(void **state)
{
	(void)state;
	Vars *recalled = vars_new();
	vars_set(recalled, "single", val_text("one thing"));
	History h = { NULL, 0, recalled };
	cfg.history = &h;
	Session *s = start(HEAD
		"recall: [single, nothing]\n"
		"nodes:\n"
		"  wants:\n"
		"    ask: Wants?\n"
		"    repeat: true\n"
		"  why:\n"
		"    ask: Why does \"{item}\" matter?\n"
		"    each: wants\n"
		"  how:\n"
		"    ask: How about {item}?\n"
		"    each: wants\n"
		"    optional: true\n"
		"  one:\n"
		"    ask: And {item}?\n"
		"    each: single\n"
		"  none:\n"
		"    ask: Never {item}\n"
		"    each: nothing\n"
		"  done:\n"
		"    say: \"{why} / {how} / {one} / {none} / [{item}]\"\n");
	take(s, "Clarity");
	take(s, "Time");
	take(s, "");
	const Request *r = expect_req(s, REQ_ANSWER, "why", "Why does \"Clarity\" matter?");
	assert_int_equal(r->index, 0);
	assert_false(r->ends_on_empty);
	refuse(s, "");
	take(s, "To decide");
	r = expect_req(s, REQ_ANSWER, "why", "Why does \"Time\" matter?");
	assert_int_equal(r->index, 1);
	take(s, "To rest");
	r = expect_req(s, REQ_ANSWER, "how", "How about Clarity?");
	assert_true(r->optional);
	assert_true(session_skip(s));
	take(s, "Slowly");
	expect_req(s, REQ_ANSWER, "one", "And one thing?");
	take(s, "Yes");
	expect_req(s, REQ_CONTINUE, "done", "To decide, To rest / , Slowly / Yes /  / []");
	expect_route(s, "wants wants wants why why how how one");
	expect_answers(s, "wants=[\"Clarity\", \"Time\"]; why=[\"To decide\", \"To rest\"]; "
	                  "how=[null, \"Slowly\"]; one=[\"Yes\"]");
	session_free(S);
	S = NULL;
	vars_free(recalled);
}

/* ---- set, next, only ---- */

static const char routing_yaml[] = HEAD
	"nodes:\n"
	"  energy:\n"
	"    ask: Energy?\n"
	"    scale: [1, 10]\n"
	"    next:\n"
	"      - if: answer >= 8\n"
	"        goto: high\n"
	"  compute:\n"
	"    set:\n"
	"      low: energy < 5\n"
	"      double: energy + energy\n"
	"      twice: double + 1\n"
	"    next:\n"
	"      - if: low and not visited(rest)\n"
	"        goto: rest\n"
	"      - goto: report\n"
	"  rest:\n"
	"    say: Rest a little.\n"
	"    next: compute\n"
	"  high:\n"
	"    say: High!\n"
	"    next: report\n"
	"  report:\n"
	"    say: \"low={low} double={double} twice={twice}\"\n"
	"  feel:\n"
	"    ask: How do you feel?\n"
	"    next:\n"
	"      - if: answer ~ /no idea|not sure/i\n"
	"        goto: explore\n"
	"      - if: answer ~ /(a+)+$/\n"
	"        goto: explore\n"
	"  bye:\n"
	"    end: Bye.\n"
	"  explore:\n"
	"    end: Let us explore.\n";

static void set_and_next_rules(void **state)
{
	(void)state;
	const Dialogue *d = load("main", routing_yaml);
	Session *s = start_on(d);
	take(s, "3");
	expect_req(s, REQ_CONTINUE, "rest", "Rest a little.");
	take(s, "");
	/* compute again: rest is visited now, so the last rule. */
	expect_req(s, REQ_CONTINUE, "report", "low=true double=6 twice=7");
	take(s, "");
	take(s, "I have NO IDEA");
	expect_req(s, REQ_DONE, NULL, NULL);
	expect_route(s, "energy rest report feel");
	char *shows = flushed(s);
	assert_non_null(strstr(shows, "END Let us explore.\n"));
	free(shows);

	s = start_on(d);
	take(s, "9");
	expect_req(s, REQ_CONTINUE, "high", "High!");
	take(s, "");
	expect_req(s, REQ_CONTINUE, "report", "low= double= twice=");
	take(s, "");
	/* A regex that hits PCRE2's limit counts as false: the default. */
	static const char slow[] = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab";
	PatternSet *set = pattern_set_new();
	char *err = NULL;
	size_t at = 0;
	const Pattern *p = pattern_compile(set, "/(a+)+$/", 8, &err, &at);
	assert_non_null(p);
	assert_int_equal(pattern_match(p, slow, strlen(slow)), PATTERN_LIMIT);
	pattern_set_free(set);
	take(s, slow);
	expect_req(s, REQ_DONE, NULL, NULL);
	char *end = flushed(s);
	assert_true(strlen(end) > 9 && str_eq(end + strlen(end) - 9, "END Bye.\n"));
	free(end);
	s = start_on(d);
	take(s, "9");
	take(s, "");
	take(s, "");
	take(s, "Fine");
	expect_shows(s, "QUESTION Energy?\nSAY High!\nSAY low= double= twice=\n"
	                "QUESTION How do you feel?\nEND Bye.\n");
}

static void only_passes_nodes_over(void **state)
{
	(void)state;
	const Dialogue *d = load("main", HEAD
		"nodes:\n"
		"  a:\n"
		"    say: Practice only.\n"
		"    only: practice\n"
		"    section: Hidden\n"
		"    next: c\n"
		"  b:\n"
		"    say: Real sessions.\n"
		"    only: [coach, self]\n"
		"  c:\n"
		"    say: Everyone.\n");
	Session *s = start_on(d);
	expect_req(s, REQ_CONTINUE, "b", "Real sessions.");
	take(s, "");
	take(s, "");
	expect_route(s, "b c");
	expect_shows(s, "SAY Real sessions.\nSAY Everyone.\n");
	cfg.mode = MODE_PRACTICE;
	s = start_on(d);
	expect_req(s, REQ_CONTINUE, "a", "Practice only.");
	take(s, "");
	expect_req(s, REQ_CONTINUE, "c", "Everyone.");
	expect_shows(s, "SECTION Hidden\nSAY Practice only.\nSAY Everyone.\n");
}

/* ---- call ---- */

static void call_qualifies_names(void **state)
{
	(void)state;
	write_beside("deep", "tandem: 1\nid: deep\ntitle: Deep\nlang: en\n"
		"nodes:\n"
		"  x:\n"
		"    ask: Deep?\n");
	write_beside("checkin", "tandem: 1\nid: checkin\ntitle: Check-in\nlang: en\n"
		"vars:\n"
		"  who: friend\n"
		"nodes:\n"
		"  feeling:\n"
		"    section: Check-in\n"
		"    ask: How do you feel, {who}?\n"
		"  inner:\n"
		"    call: deep\n"
		"    next:\n"
		"      - if: visited(feeling) and deep.x == \"down\"\n"
		"        goto: last\n"
		"      - goto: bye\n"
		"  last:\n"
		"    ask: Last, {deep.x}?\n"
		"  bye:\n"
		"    end: Checked in, {feeling}.\n");
	Session *s = start(HEAD
		"vars:\n"
		"  who: nobody\n"
		"nodes:\n"
		"  check:\n"
		"    call: checkin\n"
		"  after:\n"
		"    ask: You said \"{checkin.feeling}\", {checkin.who}; and {who}?\n"
		"    next:\n"
		"      - if: checkin.feeling == \"calm\"\n"
		"        goto: calm\n"
		"  other:\n"
		"    end: Other.\n"
		"  calm:\n"
		"    end: Calm.\n");
	const Request *r = expect_req(s, REQ_ANSWER, "checkin.feeling", "How do you feel, friend?");
	assert_string_equal(r->section, "Check-in");
	take(s, "calm");
	expect_req(s, REQ_ANSWER, "checkin.deep.x", "Deep?");
	take(s, "down");
	expect_req(s, REQ_ANSWER, "checkin.last", "Last, down?");
	take(s, "ok");
	expect_req(s, REQ_ANSWER, "after", "You said \"calm\", friend; and nobody?");
	take(s, "fine");
	expect_req(s, REQ_DONE, NULL, NULL);
	expect_shows(s, "SECTION Check-in\n"
	                "QUESTION How do you feel, friend?\n"
	                "QUESTION Deep?\n"
	                "QUESTION Last, down?\n"
	                "END Checked in, calm.\n"  /* an end inside a call returns */
	                "QUESTION You said \"calm\", friend; and nobody?\n"
	                "END Calm.\n");
	expect_route(s, "checkin.feeling checkin.deep.x checkin.last after");
	expect_answers(s, "checkin.feeling=\"calm\"; checkin.deep.x=\"down\"; "
	                  "checkin.last=\"ok\"; after=\"fine\"");
	assert_string_equal(session_turn(s, 0)->section, "Check-in");
}

/* ---- pick ---- */

static const char pick_yaml[] = HEAD
	"nodes:\n"
	"  topic:\n"
	"    ask: Topic?\n"
	"  dig:\n"
	"    pick: local\n"
	"    count: 2\n"
	"    about: topic\n"
	"  more:\n"
	"    pick: local\n"
	"    count: 9\n"
	"  bye:\n"
	"    end: Bye.\n"
	"banks:\n"
	"  local:\n"
	"    questions:\n"
	"      - text: Q1?\n"
	"        tags: [a]\n"
	"      - text: Q2?\n"
	"        tags: [b]\n"
	"      - text: Q3?\n"
	"      - text: Who says you must?\n"
	"        when: /\\bmust\\b/i\n"
	"      - text: Q5?\n"
	"      - text: What do you fear?\n"
	"        when: /afraid/\n"
	"        strict: false\n";

/* The prompts of the pick turns, space separated, after answering each
 * with "ok". */
static char *pick_prompts(const Dialogue *d, const char *topic)
{
	Session *s = start_on(d);
	take(s, topic);
	while (session_request(s)->kind == REQ_ANSWER)
		take(s, "ok");
	Buf b = { 0 };
	for (size_t i = 1; i < session_nturns(s); i++)
		buf_printf(&b, "%s%s", i > 1 ? " " : "", session_turn(s, i)->prompt);
	return buf_take(&b);
}

static void pick_when_first_and_no_repeats(void **state)
{
	(void)state;
	const Dialogue *d = load("main", pick_yaml);
	Session *s = start_on(d);
	take(s, "I must finish my thesis");
	const Request *r = expect_req(s, REQ_ANSWER, "dig", "Who says you must?");
	assert_int_equal(r->index, 0);
	assert_false(r->optional);
	refuse(s, "");
	take(s, "Nobody");
	r = session_request(s);
	assert_string_equal(r->node, "dig");
	assert_int_equal(r->index, 1);
	take(s, "Fine");
	/* `more`: the four left, none asked twice, then the end. */
	for (int i = 0; i < 4; i++) {
		r = session_request(s);
		assert_string_equal(r->node, "more");
		assert_int_equal(r->index, i);
		take(s, "ok");
	}
	expect_req(s, REQ_DONE, NULL, NULL);
	assert_int_equal(session_nturns(s), 7);
	for (size_t i = 1; i < 7; i++) {
		assert_int_equal(session_turn(s, i)->kind, NODE_PICK);
		for (size_t j = 1; j < i; j++)
			assert_string_not_equal(session_turn(s, i)->prompt, session_turn(s, j)->prompt);
	}
	expect_answer(session_turn(s, 1), "\"Nobody\"");
	Buf b = { 0 };
	session_answers(s, collect_answer, &b);
	assert_true(str_starts(buf_str(&b), "topic=\"I must finish my thesis\"; "
	                                     "dig=[\"Nobody\", \"Fine\"]; "
	                                     "more=[\"ok\", \"ok\", \"ok\", \"ok\"]"));
	buf_free(&b);
}

/* A strict trigger (the default) is drawn only when it matched, over many
 * seeds; in self mode, only questions with a self wording, in that wording. */
static const char strict_yaml[] = HEAD
	"nodes:\n"
	"  topic:\n"
	"    ask: Topic?\n"
	"  dig:\n"
	"    pick: local\n"
	"    count: 3\n"
	"  bye:\n"
	"    end: Bye.\n"
	"banks:\n"
	"  local:\n"
	"    questions:\n"
	"      - text: What do you fear?\n"
	"        self: What do I fear?\n"
	"        when: /afraid/\n"
	"      - text: What matters here?\n"
	"        self: What matters to me here?\n"
	"      - text: What else?\n";

static void pick_strict_triggers(void **state)
{
	(void)state;
	const Dialogue *d = load("main", strict_yaml);
	for (unsigned long long seed = 1; seed <= 500; seed++) {
		cfg.seed = seed;
		char *prompts = pick_prompts(d, "I want a new job");
		assert_null(strstr(prompts, "fear"));
		free(prompts);
	}
	char *prompts = pick_prompts(d, "I am afraid of the change");
	assert_true(str_starts(prompts, "What do you fear?"));
	free(prompts);

	cfg.mode = MODE_SELF;
	Session *s = start_on(d);
	take(s, "I am afraid of the change");
	expect_req(s, REQ_ANSWER, "dig", "What do I fear?");
	take(s, "Losing my footing");
	expect_req(s, REQ_ANSWER, "dig", "What matters to me here?");
	take(s, "Calm");
	expect_req(s, REQ_DONE, NULL, NULL); /* "What else?" has no self wording */
}

static void pick_same_seed_same_draws(void **state)
{
	(void)state;
	const Dialogue *d = load("main", pick_yaml);
	char *first = pick_prompts(d, "nothing special");
	char *again = pick_prompts(d, "nothing special");
	assert_string_equal(first, again);
	bool differs = false;
	for (cfg.seed = 2; cfg.seed < 30 && !differs; cfg.seed++) {
		char *other = pick_prompts(d, "nothing special");
		differs = !str_eq(other, first);
		free(other);
	}
	assert_true(differs);
	/* `when` comes first whatever the seed. */
	for (cfg.seed = 1; cfg.seed < 10; cfg.seed++) {
		char *p = pick_prompts(d, "I am afraid");
		assert_true(str_starts(p, "What do you fear? "));
		free(p);
	}
	free(first);
	free(again);
}

/* A question with a {name} is weighed as it reads now: asked once as
 * "What does Sam need?", it is not drawn again, though the bank holds
 * its text unrendered; rendered, it may differ from any asked before. */
static void pick_renders_what_it_keeps(void **state)
{
	(void)state;
	Session *s = start(HEAD
		"nodes:\n"
		"  who:\n"
		"    ask: Who?\n"
		"    save: person\n"
		"  need:\n"
		"    ask: What does Sam need?\n"
		"  dig:\n"
		"    pick: local\n"
		"    count: 3\n"
		"  bye:\n"
		"    end: Bye.\n"
		"banks:\n"
		"  local:\n"
		"    questions:\n"
		"      - text: What does {person} need?\n"
		"      - text: Plain one?\n");
	take(s, "Sam");
	take(s, "rest");
	expect_req(s, REQ_ANSWER, "dig", "Plain one?");
	take(s, "ok");
	expect_req(s, REQ_DONE, NULL, NULL);
}

static void pick_tags_and_default_about(void **state)
{
	(void)state;
	Session *s = start(HEAD
		"nodes:\n"
		"  topic:\n"
		"    ask: Topic?\n"
		"  dig:\n"
		"    pick: local\n"
		"    tags: [a, c]\n"
		"    count: 3\n"
		"  bye:\n"
		"    end: Bye.\n"
		"banks:\n"
		"  local:\n"
		"    questions:\n"
		"      - text: Only a?\n"
		"        tags: [a]\n"
		"      - text: Only b?\n"
		"        tags: [b]\n"
		"      - text: Must, but b?\n"
		"        tags: [b]\n"
		"        when: /must/\n"
		"      - text: Must, and c?\n"
		"        tags: [x, c]\n"
		"        when: /must/\n");
	take(s, "I must");   /* no `about`: the last answer */
	expect_req(s, REQ_ANSWER, "dig", "Must, and c?");
	take(s, "1");
	expect_req(s, REQ_ANSWER, "dig", "Only a?");
	take(s, "2");
	/* Fewer eligible questions than count: those only. */
	expect_req(s, REQ_DONE, NULL, NULL);
	expect_route(s, "topic dig dig");
}

/* ---- accountability ---- */

static void commitments_loop(void **state)
{
	(void)state;
	Session *s = start(HEAD
		"nodes:\n"
		"  actions:\n"
		"    section: Commitments\n"
		"    commitments:\n"
		"      what: What will you do?\n"
		"      when: By when?\n"
		"      measure: How will I know?\n"
		"    save: plan\n"
		"  bye:\n"
		"    end: \"Until next time: {plan}.\"\n");
	const Request *r = expect_req(s, REQ_ANSWER, "actions", "What will you do?");
	assert_true(r->ends_on_empty);
	assert_int_equal(r->index, 0);
	take(s, " Call Sam ");
	r = expect_req(s, REQ_ANSWER, "actions", "By when?");
	assert_false(r->ends_on_empty);
	refuse(s, "");
	take(s, "2026-12-01");
	refuse(s, " ");
	take(s, "Sam says yes");
	r = expect_req(s, REQ_ANSWER, "actions", "What will you do?");
	assert_int_equal(r->index, 1);
	take(s, "Write the plan");
	take(s, "2026-02-30");
	take(s, "A document");
	take(s, "");
	expect_req(s, REQ_DONE, NULL, NULL);
	expect_shows(s, "SECTION Commitments\n"
	                "QUESTION What will you do?\n"
	                "QUESTION By when?\n"
	                "INVALID An answer is needed here.\n"
	                "QUESTION How will I know?\n"
	                "INVALID An answer is needed here.\n"
	                "QUESTION What will you do?\n"
	                "QUESTION By when?\n"
	                "QUESTION How will I know?\n"
	                "QUESTION What will you do?\n"
	                "END Until next time: Call Sam, Write the plan.\n");
	assert_int_equal(session_ncommitments(s), 2);
	const Commitment *c = session_commitment(s, 0);
	assert_string_equal(c->id, "20261123T100000-1");
	assert_string_equal(c->what, "Call Sam");
	assert_string_equal(c->when, "2026-12-01");
	assert_string_equal(c->due, "2026-12-01");
	assert_string_equal(c->measure, "Sam says yes");
	assert_string_equal(c->node, "actions");
	c = session_commitment(s, 1);
	assert_string_equal(c->id, "20261123T100000-2");
	assert_null(c->due);  /* not a real date */
	assert_null(session_commitment(s, 2));
	assert_int_equal(session_nturns(s), 7);
	static const char *const fields[] = { "what", "when", "measure", "what", "when",
		                                  "measure", "what" };
	for (size_t i = 0; i < 7; i++) {
		assert_string_equal(session_turn(s, i)->field, fields[i]);
		assert_int_equal(session_turn(s, i)->kind, NODE_COMMITMENTS);
	}
	expect_answer(session_turn(s, 0), "\"Call Sam\"");
	assert_int_equal(session_turn(s, 6)->answer.kind, VAL_UNSET);
	expect_answers(s, "plan=[\"Call Sam\", \"Write the plan\"]");
}

static const char review_yaml[] = HEAD
	"nodes:\n"
	"  revue:\n"
	"    review:\n"
	"      status: Where are you with \"{item}\"?\n"
	"      questions:\n"
	"        - What worked with {item}?\n"
	"        - What next?\n"
	"      none: Nothing to review.\n"
	"  bye:\n"
	"    end: Bye.\n";

/* Self mode takes the self wordings of review and commitments, key by
 * key: a key left out keeps the coach-mode text. */
static const char self_words_yaml[] = HEAD
	"nodes:\n"
	"  revue:\n"
	"    review:\n"
	"      status: Where are you with \"{item}\"?\n"
	"      questions: [What worked for you?, What next?]\n"
	"      none: You have nothing open.\n"
	"      self:\n"
	"        status: Where am I with \"{item}\"?\n"
	"        questions: [What worked for me?, What do I do next?]\n"
	"  acts:\n"
	"    commitments:\n"
	"      what: What will you do?\n"
	"      when: By when?\n"
	"      measure: How will I know?\n"
	"      self: {what: What will I do?, measure: How will I know it is done?}\n"
	"  bye:\n"
	"    end: Bye.\n";

static void self_words_of_review_and_commitments(void **state)
{
	(void)state;
	static Commitment made[] = { { .id = "c1", .what = "Call Sam", .when = "soon" } };
	static const Commitment *const open[] = { &made[0] };
	History h = { open, 1, NULL };
	cfg.history = &h;
	cfg.mode = MODE_SELF;
	Session *s = start(self_words_yaml);
	expect_req(s, REQ_ANSWER, "revue", "Where am I with \"Call Sam\"?");
	take(s, "1");
	expect_req(s, REQ_ANSWER, "revue", "What worked for me?");
	take(s, "Calling early");
	expect_req(s, REQ_ANSWER, "revue", "What do I do next?");
	take(s, "Call again");
	expect_req(s, REQ_ANSWER, "acts", "What will I do?");
	take(s, "Write");
	expect_req(s, REQ_ANSWER, "acts", "By when?"); /* no self wording: as written */
	take(s, "Friday");
	expect_req(s, REQ_ANSWER, "acts", "How will I know it is done?");
	take(s, "A page");
	expect_req(s, REQ_ANSWER, "acts", "What will I do?");
	take(s, "");
	expect_req(s, REQ_DONE, NULL, NULL);

	cfg.mode = MODE_COACH;
	s = start(self_words_yaml);
	expect_req(s, REQ_ANSWER, "revue", "Where are you with \"Call Sam\"?");
}

/* ---- the safety net ---- */

static const char net_yaml[] = HEAD
	"safety:\n"
	"  patterns:\n"
	"    - {topic: crisis, pattern: '/\\bcan.t go on\\b/i'}\n"
	"  coach: Slow down and listen.\n"
	"nodes:\n"
	"  tone:\n"
	"    ask: Which tone?\n"
	"    choices: {soft: I can't go on, firm: Firm}\n"
	"  goal:\n"
	"    ask: Your goal?\n"
	"  more:\n"
	"    ask: What else?\n"
	"    repeat: true\n"
	"  bye:\n"
	"    end: Bye.\n";

static const char net_file[] =
	"tandem-safety: 1\nlang: en\n"
	"patterns:\n  - {topic: burnout, pattern: '/burn.?out/i'}\n"
	"message: It matters.\ncoach: Ask how they are.\nself: I am not alone.\n"
	"help: 'Call 112.'\nchoice: Stop or go on?\nstop: Stop\ncontinue: Go on\n";

/* A matching answer stops the flow: the message, the coach's guidance (the
 * dialogue's, then the library's), where to get help, then stop or go on;
 * going on asks what was next, and the transcript keeps the topic alone.
 * A menu's key and the stop-or-go-on answer itself are never checked. */
static void safety_net_stops_the_flow(void **state)
{
	(void)state;
	write_beside("safety", net_file);
	Session *s = start(net_yaml);
	take(s, "1"); /* a label that matches, chosen from a menu: not checked */
	expect_req(s, REQ_ANSWER, "goal", "Your goal?");
	free(flushed(s));
	take(s, "Honestly I can't go on like this");
	const Request *r = expect_req(s, REQ_ANSWER, "goal", "Stop or go on?");
	assert_int_equal(r->nchoices, 2);
	assert_string_equal(r->keys[0], "stop");
	expect_shows(s, "INFO It matters.\nCOACH Slow down and listen.\nCOACH Ask how they are.\n"
	                "INFO Call 112.\nQUESTION Stop or go on?\n");
	take(s, "2");
	expect_req(s, REQ_ANSWER, "more", "What else?");
	take(s, "burnout, I think"); /* in a list: checked too */
	expect_req(s, REQ_ANSWER, "more", "Stop or go on?");
	take(s, "stop");
	expect_req(s, REQ_STOPPED, NULL, NULL);
	const Turn *t = session_turn(s, 2);
	assert_string_equal(t->field, "safety");
	expect_answer(t, "[\"crisis\", \"continue\"]");
	expect_answer(session_turn(s, 4), "[\"burnout\", \"stop\"]");
	for (size_t i = 0; i < session_nturns(s); i++)
		assert_null(strstr(session_turn(s, i)->prompt, "can't go on"));

	/* Resumed: the turns replay to the stop, and the session goes on. */
	Session *again = session_new(session_dialogue(s), &cfg);
	assert_int_equal(session_replay(again, session_turn(s, 0), session_nturns(s)),
	                 session_nturns(s));
	const Request *ra = session_request(again);
	assert_int_equal(ra->kind, REQ_ANSWER);
	assert_string_equal(ra->node, "more");
	assert_string_equal(ra->prompt, "What else?");
	session_free(again);
}

/* Self mode says the self text, never the coach's; practice mode, where a
 * trainee rehearses the script, is never stopped. */
static void safety_net_by_mode(void **state)
{
	(void)state;
	write_beside("safety", net_file);
	cfg.mode = MODE_SELF;
	Session *s = start(net_yaml);
	take(s, "2");
	free(flushed(s));
	take(s, "A burn-out, I think");
	expect_req(s, REQ_ANSWER, "goal", "Stop or go on?");
	expect_shows(s, "INFO It matters.\nSAY I am not alone.\nINFO Call 112.\n"
	                "QUESTION Stop or go on?\n");
	cfg.mode = MODE_PRACTICE;
	s = start(net_yaml);
	take(s, "2");
	take(s, "A burn-out, I think");
	expect_req(s, REQ_ANSWER, "more", "What else?");
}

static void review_with_history(void **state)
{
	(void)state;
	static Commitment made[] = {
		{ .id = "c1", .what = "Call Sam", .when = "2026-11-01", .measure = "Sam says yes" },
		{ .id = "c2", .what = "Write", .when = "soon", .measure = "A page" },
	};
	static const Commitment *const open[] = { &made[0], &made[1] };
	History h = { open, 2, NULL };
	cfg.history = &h;
	Session *s = start(review_yaml);
	const Request *r = expect_req(s, REQ_ANSWER, "revue", "Where are you with \"Call Sam\"?");
	assert_int_equal(r->nchoices, 4);
	assert_string_equal(r->labels[2], "not done");
	assert_string_equal(r->keys[2], "not-done");
	assert_int_equal(r->index, 0);
	free(flushed(s));
	refuse(s, "d");
	expect_shows(s, "INVALID 'd' could be 1) done, 4) dropped: please type a little more.\n");
	take(s, "1");
	expect_req(s, REQ_ANSWER, "revue", "What worked with Call Sam?");
	refuse(s, "");
	take(s, "Calling early");
	expect_req(s, REQ_ANSWER, "revue", "What next?");
	take(s, "Call again");
	r = expect_req(s, REQ_ANSWER, "revue", "Where are you with \"Write\"?");
	assert_int_equal(r->index, 1);
	take(s, "NOT");
	take(s, "Nothing");
	take(s, "Start small");
	expect_req(s, REQ_DONE, NULL, NULL);
	assert_int_equal(session_nreviews(s), 2);
	const Review *rv = session_review(s, 0);
	assert_string_equal(rv->commitment, "c1");
	assert_string_equal(rv->what, "Call Sam");
	assert_string_equal(rv->status, "done");
	Buf b = { 0 };
	format_value(&b, &rv->answers);
	assert_string_equal(buf_str(&b), "[\"Calling early\", \"Call again\"]");
	buf_free(&b);
	assert_string_equal(session_review(s, 1)->status, "not-done");
	assert_string_equal(session_turn(s, 0)->field, "status");
	assert_string_equal(session_turn(s, 1)->field, "question");
	assert_int_equal(session_turn(s, 0)->kind, NODE_REVIEW);
	expect_answer(session_turn(s, 0), "\"done\"");
	expect_answers(s, "revue=[\"done\", \"not-done\"]");
}

static void review_without_history(void **state)
{
	(void)state;
	Session *s = start(review_yaml);
	expect_req(s, REQ_DONE, NULL, NULL);
	expect_shows(s, "INFO Nothing to review.\nEND Bye.\n");
	assert_int_equal(session_nturns(s), 0);
	assert_int_equal(session_nreviews(s), 0);
	expect_answers(s, "");
}

static void review_in_french(void **state)
{
	(void)state;
	static Commitment made = { .id = "c1", .what = "Appeler" };
	static const Commitment *const open[] = { &made };
	History h = { open, 1, NULL };
	cfg.history = &h;
	Session *s = start("tandem: 1\nid: main\ntitle: Test\nlang: fr\n"
		"nodes:\n"
		"  revue:\n"
		"    review:\n"
		"      status: Et « {item} » ?\n");
	const Request *r = expect_req(s, REQ_ANSWER, "revue", "Et « Appeler » ?");
	assert_string_equal(r->labels[3], "abandonné");
	take(s, "abandonne");
	assert_string_equal(session_review(s, 0)->status, "dropped");
	assert_int_equal(session_review(s, 0)->answers.u.list.n, 0);
	expect_req(s, REQ_DONE, NULL, NULL);
}

/* ---- practice and the end ---- */

static const char practice_yaml[] = HEAD
	"nodes:\n"
	"  opening:\n"
	"    coach: Keep it warm.\n"
	"    say: Everything here stays between us, and you set the agenda.\n"
	"    practice:\n"
	"      - point: confidentiality\n"
	"        pattern: /confiden|between us|private/i\n"
	"      - point: the client leads\n"
	"        pattern: /agenda|you (choose|decide|lead)/i\n"
	"  plain:\n"
	"    say: No points here.\n"
	"  contract:\n"
	"    say: We have one hour.\n"
	"    practice:\n"
	"      - point: duration\n"
	"        pattern: /hour|minutes/i\n";

static void practice_scoring(void **state)
{
	(void)state;
	cfg.mode = MODE_PRACTICE;
	Session *s = start(practice_yaml);
	expect_req(s, REQ_PHRASING, "opening", "Say it in your own words:");
	expect_shows(s, "COACH Keep it warm.\nQUESTION Say it in your own words:\n");
	take(s, "It is private here.");
	expect_shows(s, "COVERED confidentiality\n"
	                "MISSED the client leads\n"
	                "REFERENCE Everything here stays between us, and you set the agenda.\n"
	                "SAY No points here.\n");
	const Turn *t = session_turn(s, 0);
	assert_int_equal(t->kind, NODE_SAY);
	assert_int_equal(t->covered, 1);
	assert_int_equal(t->asked, 2);
	expect_answer(t, "\"It is private here.\"");
	assert_string_equal(t->prompt, "Everything here stays between us, and you set the agenda.");
	expect_req(s, REQ_CONTINUE, "plain", "No points here.");
	take(s, "");
	assert_int_equal(session_turn(s, 1)->asked, 0);
	take(s, "About an hour.");
	expect_req(s, REQ_DONE, NULL, NULL);
	/* The last node had no next: complete, with the score. */
	expect_shows(s, "QUESTION Say it in your own words:\n"
	                "COVERED duration\n"
	                "REFERENCE We have one hour.\n"
	                "SCORE Score: 2 of 3 key points covered.\n"
	                "SECTION Points to look at again\n"
	                "MISSED the client leads\n"
	                "REFERENCE Everything here stays between us, and you set the agenda.\n");
	/* Each phrasing keeps which points it covered and which it missed. */
	t = session_turn(s, 0);
	assert_int_equal(t->ncovered_points, 1);
	assert_string_equal(t->covered_points[0], "confidentiality");
	assert_int_equal(t->nmissed_points, 1);
	assert_string_equal(t->missed_points[0], "the client leads");
	t = session_turn(s, 2);
	assert_int_equal(t->ncovered_points, 1);
	assert_int_equal(t->nmissed_points, 0);
	int covered = 0, asked = 0;
	session_practice_score(s, &covered, &asked);
	assert_int_equal(covered, 2);
	assert_int_equal(asked, 3);
	expect_answers(s, "");
}

static void practice_points_ignored_in_coach_mode(void **state)
{
	(void)state;
	Session *s = start(practice_yaml);
	expect_req(s, REQ_CONTINUE, "opening",
	           "Everything here stays between us, and you set the agenda.");
	take(s, "");
	take(s, "");
	take(s, "");
	expect_req(s, REQ_DONE, NULL, NULL);
	int covered = -1, asked = -1;
	session_practice_score(s, &covered, &asked);
	assert_int_equal(asked, 0);
	char *shows = flushed(s);
	assert_null(strstr(shows, "SCORE"));
	free(shows);
}

static void end_in_practice_shows_score(void **state)
{
	(void)state;
	cfg.mode = MODE_PRACTICE;
	Session *s = start(HEAD
		"nodes:\n"
		"  a:\n"
		"    say: One hour.\n"
		"    practice:\n"
		"      - point: duration\n"
		"        pattern: hour\n"
		"  fin:\n"
		"    end: Well done.\n"
		"    self: Done, me.\n");
	take(s, "no idea");
	expect_req(s, REQ_DONE, NULL, NULL);
	expect_shows(s, "QUESTION Say it in your own words:\n"
	                "MISSED duration\n"
	                "REFERENCE One hour.\n"
	                "END Well done.\n"
	                "SCORE Score: 0 of 1 key points covered.\n"
	                "SECTION Points to look at again\n"
	                "MISSED duration\n"
	                "REFERENCE One hour.\n");
	assert_int_equal(session_status(s), STATUS_COMPLETE);
}

/* ---- /again ---- */

static void again_tries_the_step_again(void **state)
{
	(void)state;
	cfg.mode = MODE_PRACTICE;
	Session *s = start(practice_yaml);
	take(s, "It is private here.");
	expect_req(s, REQ_CONTINUE, "plain", "No points here.");
	free(flushed(s));
	assert_true(session_again(s));
	/* The step's cue again, and the same request; the attempt is kept. */
	expect_req(s, REQ_PHRASING, "opening", "Say it in your own words:");
	expect_shows(s, "INFO Attempt 2 at this step.\n"
	                "COACH Keep it warm.\n"
	                "QUESTION Say it in your own words:\n");
	assert_int_equal(session_nturns(s), 1);
	assert_int_equal(session_generation(s), 0); /* nothing to write again */
	int covered, asked;
	session_practice_score(s, &covered, &asked);
	assert_int_equal(covered, 1); /* the attempt made counts until the next */
	assert_int_equal(asked, 2);
	take(s, "It is private, and you set the agenda.");
	expect_shows(s, "COVERED confidentiality\n"
	                "COVERED the client leads\n"
	                "REFERENCE Everything here stays between us, and you set the agenda.\n"
	                "SAY No points here.\n");
	expect_route(s, "opening opening");
	const Turn *t = session_turn(s, 1);
	assert_int_equal(t->attempt, 2);
	assert_int_equal(t->covered, 2);
	assert_int_equal(session_turn(s, 0)->attempt, 0);
	assert_true(turn_superseded(session_turn(s, 0), session_nturns(s), 0));
	assert_false(turn_superseded(session_turn(s, 0), session_nturns(s), 1));
	session_practice_score(s, &covered, &asked);
	assert_int_equal(covered, 2); /* the last attempt counts, not both */
	assert_int_equal(asked, 2);
	/* A third attempt, worse: still the last one that counts. */
	assert_true(session_again(s));
	expect_shows(s, "INFO Attempt 3 at this step.\n"
	                "COACH Keep it warm.\n"
	                "QUESTION Say it in your own words:\n");
	take(s, "Hello.");
	assert_int_equal(session_turn(s, 2)->attempt, 3);
	take(s, "");
	free(flushed(s));
	take(s, "About an hour.");
	expect_req(s, REQ_DONE, NULL, NULL);
	/* The points missed are those of each step's last attempt. */
	expect_shows(s, "COVERED duration\n"
	                "REFERENCE We have one hour.\n"
	                "SCORE Score: 1 of 3 key points covered.\n"
	                "SECTION Points to look at again\n"
	                "MISSED confidentiality\n"
	                "MISSED the client leads\n"
	                "REFERENCE Everything here stays between us, and you set the agenda.\n");
	expect_route(s, "opening opening opening plain contract");
}

/* Outside practice, or with no step just marked: a reason, nothing changed. */
static void again_refused(void **state)
{
	(void)state;
	Session *s = start(practice_yaml);
	take(s, "");
	free(flushed(s));
	assert_false(session_again(s));
	expect_shows(s, "INVALID /again is for practice mode, to try a step again; "
	                "nothing was changed.\n");
	expect_req(s, REQ_CONTINUE, "plain", "No points here.");
	assert_int_equal(session_nturns(s), 1);

	cfg.mode = MODE_PRACTICE;
	s = start(practice_yaml);
	session_request(s);
	free(flushed(s));
	assert_false(session_again(s));
	expect_shows(s, "INVALID There is no step just marked to try again: /again comes right "
	                "after a step's key points and reference.\n");
	free(flushed(s));
	take(s, "It is private here.");
	take(s, "");  /* the plain say: the trainee has moved on */
	free(flushed(s));
	assert_false(session_again(s));
	expect_shows(s, "INVALID There is no step just marked to try again: /again comes right "
	                "after a step's key points and reference.\n");
	expect_req(s, REQ_PHRASING, "contract", "Say it in your own words:");
	expect_route(s, "opening plain");
	assert_int_equal(session_generation(s), 0);

	/* In French too. */
	cfg.mode = MODE_COACH;
	s = start_on(load("fr", "tandem: 1\nid: fr\ntitle: T\nlang: fr\nnodes:\n"
	                        "  a:\n    ask: A ?\n"));
	session_request(s);
	free(flushed(s));
	assert_false(session_again(s));
	expect_shows(s, "INVALID /again sert au mode practice, pour reprendre une étape\u00a0; "
	                "rien n'a changé.\n");
}

/* /back after /again: the attempt taken back is asked again, as /again
 * left it; once more, and the step is asked for its first attempt. */
static void back_across_again(void **state)
{
	(void)state;
	cfg.mode = MODE_PRACTICE;
	Session *s = start(practice_yaml);
	take(s, "It is private here.");
	assert_true(session_again(s));
	take(s, "Your agenda.");
	expect_req(s, REQ_CONTINUE, "plain", "No points here.");
	free(flushed(s));
	assert_true(session_back(s));
	expect_req(s, REQ_PHRASING, "opening", "Say it in your own words:");
	expect_shows(s, "INFO Attempt 2 at this step.\n"
	                "COACH Keep it warm.\n"
	                "QUESTION Say it in your own words:\n");
	expect_route(s, "opening");
	int covered, asked;
	session_practice_score(s, &covered, &asked);
	assert_int_equal(covered, 1);
	take(s, "Private, and your agenda.");
	assert_int_equal(session_turn(s, 1)->attempt, 2);
	session_practice_score(s, &covered, &asked);
	assert_int_equal(covered, 2);
	assert_true(session_back(s));
	assert_true(session_back(s));
	expect_req(s, REQ_PHRASING, "opening", "Say it in your own words:");
	expect_shows(s, "COACH Keep it warm.\nQUESTION Say it in your own words:\n");
	assert_int_equal(session_nturns(s), 0);
	session_practice_score(s, &covered, &asked);
	assert_int_equal(asked, 0);
}

/* Turns with attempts replay to the same state: the turns, the score,
 * the request; an attempt whose turn before it is no phrasing does not
 * fit, and the replay stops there. */
static void replay_across_again(void **state)
{
	(void)state;
	cfg.mode = MODE_PRACTICE;
	const Dialogue *d = load("main", practice_yaml);
	Session *s = start_on(d);
	take(s, "It is private here.");
	session_note(s, "hesitant");
	assert_true(session_again(s));
	take(s, "Your agenda.");
	assert_true(session_again(s));
	take(s, "Private, and your agenda.");
	take(s, "");
	take(s, "A day.");
	/* The last step: the session is complete, which a front end ends on;
	 * the verb still tries it again, as /back still goes back. */
	expect_req(s, REQ_DONE, NULL, NULL);
	assert_true(session_again(s));
	expect_req(s, REQ_PHRASING, "contract", "Say it in your own words:");
	size_t n = session_nturns(s);
	assert_int_equal(n, 5);
	assert_int_equal(session_turn(s, 1)->nnotes, 1); /* typed before /again */

	Session *copy = session_new(d, &cfg);
	assert_int_equal(session_replay(copy, session_turn(s, 0), n), n);
	for (size_t i = 0; i < n; i++) {
		const Turn *a = session_turn(s, i), *b = session_turn(copy, i);
		assert_string_equal(a->node, b->node);
		assert_int_equal(a->attempt, b->attempt);
		assert_int_equal(a->covered, b->covered);
		assert_int_equal(a->nmissed_points, b->nmissed_points);
		assert_int_equal(a->nnotes, b->nnotes);
	}
	/* The last turn is replayed as it was typed, not as tried again: a
	 * transcript does not know of an /again until its attempt. */
	expect_req(copy, REQ_DONE, NULL, NULL);
	int covered, asked;
	session_practice_score(copy, &covered, &asked);
	assert_int_equal(covered, 2);
	assert_int_equal(asked, 3);
	session_free(copy);

	/* ... and with the attempt typed, the same state as the session's. */
	take(s, "An hour.");
	n = session_nturns(s);
	copy = session_new(d, &cfg);
	assert_int_equal(session_replay(copy, session_turn(s, 0), n), n);
	assert_int_equal(session_turn(copy, 5)->attempt, 2);
	expect_req(copy, REQ_DONE, NULL, NULL);
	session_practice_score(copy, &covered, &asked);
	assert_int_equal(covered, 3);
	assert_int_equal(asked, 3);
	session_free(copy);

	/* An attempt after the plain say's turn: that say was no phrasing. */
	Turn turns[3] = { *session_turn(s, 2), *session_turn(s, 3), *session_turn(s, 3) };
	turns[0].attempt = 0;
	turns[2].attempt = 2;
	copy = session_new(d, &cfg);
	assert_int_equal(session_replay(copy, turns, 3), 1);
	session_free(copy);
}

/* ---- the loop guard ---- */

static void loop_without_input_fails(void **state)
{
	(void)state;
	/* The step bound is the subject: the time bound, which a loaded
	 * machine could meet first, is set out of the way. */
	SessionBounds steps_only = session_default_bounds;
	steps_only.ms = 600000;
	cfg.bounds = &steps_only;
	Session *s = start(HEAD
		"nodes:\n"
		"  a:\n"
		"    set:\n"
		"      x: 1\n"
		"    next: b\n"
		"  b:\n"
		"    set:\n"
		"      y: 2\n"
		"    next: a\n"
		"  c:\n"
		"    end: Never.\n");
	const Request *r = session_request(s);
	assert_int_equal(r->kind, REQ_FAILED);
	assert_int_equal(session_status(s), STATUS_FAILED);
	expect_shows(s, "ERROR the dialogue ran 100000 steps without asking anything "
	                "(last at node 'a'): a loop of set and next\n");
	refuse(s, "");
	assert_false(session_skip(s));
	cfg.bounds = NULL;
}

/* Each bound of the work without input, tightened in the configuration:
 * the session fails naming the node and the bound met. */
static void bounds_of_quiet_work(void **state)
{
	(void)state;
	static const char grow[] = HEAD
		"vars:\n"
		"  n: \"\"\n"
		"nodes:\n"
		"  q:\n"
		"    ask: Name?\n"
		"  grow:\n"
		"    set:\n"
		"      n: n + \"abcdefgh\"\n"
		"    next:\n"
		"      - if: count(n) >= 0\n"
		"        goto: grow\n"
		"  e:\n"
		"    end: Bye.\n";
	const Dialogue *d = load("main", grow);
	const struct {
		SessionBounds b;
		const char *error;
	} cases[] = {
		{ { 10, 1 << 20, 1 << 20, 60000 },
		  "ERROR the dialogue ran 10 steps without asking anything (last at node 'grow'): "
		  "a loop of set and next\n" },
		{ { 100000, 200, 1 << 20, 60000 },
		  "ERROR the dialogue built a text or list of more than 200 bytes at node 'grow': a "
		  "value that keeps growing in a set\n" },
		{ { 100000, 1 << 20, 2 << 20, 60000 },
		  "ERROR the dialogue built more than 2 MiB of values and texts without asking "
		  "anything (last at node 'grow')\n" },
		{ { 100000000, 1 << 30, 1 << 30, 0 },
		  "ERROR the dialogue worked for more than 0 seconds without asking anything (last "
		  "at node 'grow')\n" },
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		cfg.bounds = &cases[i].b;
		Session *s = start_on(d);
		expect_req(s, REQ_ANSWER, "q", "Name?");
		free(flushed(s));
		take(s, "Ann");
		assert_int_equal(session_request(s)->kind, REQ_FAILED);
		expect_shows(s, cases[i].error);
		assert_int_equal(session_nturns(s), 1);
	}
	cfg.bounds = NULL;
}

static bool stop_asked;

static bool stop_now(void)
{
	return stop_asked = true;
}

/* cfg.stopping (a signal) stops the work at once: the session waits to be
 * saved as paused, not failed. */
static void stopping_stops_quiet_work(void **state)
{
	(void)state;
	Session *s = start(HEAD
		"nodes:\n"
		"  q:\n"
		"    ask: Name?\n"
		"  spin:\n"
		"    set:\n"
		"      x: 1\n"
		"    next:\n"
		"      - if: count(q) > 0\n"
		"        goto: spin\n"
		"  e:\n"
		"    end: Bye.\n");
	expect_req(s, REQ_ANSWER, "q", "Name?");
	free(flushed(s));
	session_set_stopping(s, stop_now);
	take(s, "Ann");
	assert_true(stop_asked);
	assert_int_equal(session_request(s)->kind, REQ_STOPPED);
	assert_int_equal(session_status(s), STATUS_RUNNING);
	assert_int_equal(session_nturns(s), 1);
}

/* ---- /back, replay, notes ---- */

static const char back_yaml[] = HEAD
	"nodes:\n"
	"  hello:\n"
	"    say: Hello.\n"
	"  a:\n"
	"    section: Part A\n"
	"    ask: A?\n"
	"  b:\n"
	"    ask: B?\n"
	"    choices:\n"
	"      x: Ex\n"
	"      y: Why\n"
	"  c:\n"
	"    say: C.\n"
	"  d:\n"
	"    ask: D?\n";

static void back_undoes_answers(void **state)
{
	(void)state;
	Session *s = start(back_yaml);
	assert_false(session_back(s));
	expect_shows(s, "SAY Hello.\nINVALID There is no earlier answer to go back to.\n");
	take(s, "");
	assert_false(session_back(s));  /* a say holds no answer */
	free(flushed(s));
	take(s, "one");
	take(s, "2");
	take(s, "");
	expect_req(s, REQ_ANSWER, "d", "D?");
	free(flushed(s));
	assert_int_equal(session_generation(s), 0);
	assert_true(session_back(s));
	/* b again, the say after it dropped. */
	assert_int_equal(session_generation(s), 1);
	const Request *r = expect_req(s, REQ_ANSWER, "b", "B?");
	assert_int_equal(r->nchoices, 2);
	assert_string_equal(r->section, "Part A");
	expect_shows(s, "QUESTION B?\n");
	expect_route(s, "hello a");
	expect_answers(s, "a=\"one\"");
	assert_true(session_back(s));
	expect_req(s, REQ_ANSWER, "a", "A?");
	expect_shows(s, "SECTION Part A\nQUESTION A?\n");
	assert_int_equal(session_generation(s), 2);
	take(s, "uno");
	take(s, "ex");
	take(s, "");
	take(s, "dos");
	expect_req(s, REQ_DONE, NULL, NULL);
	expect_answers(s, "a=\"uno\"; b=\"x\"; d=\"dos\"");
	/* A completed session can still go back. */
	assert_true(session_back(s));
	assert_int_equal(session_status(s), STATUS_RUNNING);
	expect_req(s, REQ_ANSWER, "d", "D?");
	expect_route(s, "hello a b c");
}

static void back_keeps_times_and_notes(void **state)
{
	(void)state;
	Session *s = start(back_yaml);
	take(s, "");
	clock_value += 10;
	session_note(s, "hesitant");
	take(s, "one");
	clock_value += 10;
	session_note(s, "on b");
	take(s, "1");
	clock_value += 10;
	session_note(s, "pending");
	assert_true(session_back(s));
	/* The turns kept keep their times and notes; the notes of the turn
	 * taken back, and the pending ones, go with the next answer. */
	const Turn *t = session_turn(s, 1);
	assert_int_equal(t->at, clock_value - 20);
	assert_int_equal(t->nnotes, 1);
	assert_string_equal(t->notes[0], "hesitant");
	/* Each note keeps the time it was typed. */
	size_t n;
	const time_t *at;
	session_pending_notes(s, &n, NULL, &at);
	assert_int_equal(n, 2);
	assert_int_equal(at[0], clock_value - 10);
	assert_int_equal(at[1], clock_value);
	clock_value += 10;
	take(s, "y");
	t = session_turn(s, 2);
	assert_int_equal(t->at, clock_value);
	assert_int_equal(t->nnotes, 2);
	assert_int_equal(t->noted_at, clock_value - 20);
	assert_string_equal(t->notes[0], "on b");
	assert_string_equal(t->notes[1], "pending");
}

static int stops_left;

/* Says to stop once stops_left reaches 0. */
static bool stop_later(void)
{
	return stops_left-- <= 0;
}

/* A /back whose replay a signal stops short leaves the session as it was:
 * no answer dropped, the reason said. */
static void back_stopped_changes_nothing(void **state)
{
	(void)state;
	Session *s = start(back_yaml);
	take(s, "");
	take(s, "one");
	session_note(s, "on b");
	take(s, "1");
	size_t before = session_nturns(s);
	free(flushed(s));
	stops_left = 0;
	session_set_stopping(s, stop_later);
	assert_false(session_back(s));
	assert_int_equal(session_nturns(s), before);
	assert_string_equal(session_turn(s, 2)->notes[0], "on b");
	expect_shows(s, "INVALID Going back runs the dialogue again up to that answer, and that "
	                "run was stopped; nothing was undone.\n");
	session_set_stopping(s, NULL);
	assert_true(session_back(s));
	assert_int_equal(session_nturns(s), before - 1);
}

/* A bound met within a node names that node, even when the next one then
 * waits; a node that waits is never counted against the step bound (four
 * nodes run here: leaving q, a, b and c). */
static void bound_names_its_node(void **state)
{
	(void)state;
	SessionBounds tight = { 100000, 400, 1 << 20, 60000 };
	cfg.bounds = &tight;
	Session *s = start(HEAD
		"vars:\n"
		"  n: \"0123456789012345678901234567890123456789\"\n"
		"nodes:\n"
		"  q:\n"
		"    ask: Name?\n"
		"  big:\n"
		"    set:\n"
		"      m: n + n + n + n + n + n + n + n + n + n + n + n + n + n + n + n + n + n\n"
		"  q2:\n"
		"    ask: Again?\n");
	expect_req(s, REQ_ANSWER, "q", "Name?");
	free(flushed(s));
	take(s, "Ann");
	assert_int_equal(session_request(s)->kind, REQ_FAILED);
	expect_shows(s, "ERROR the dialogue built a text or list of more than 400 bytes at node "
	                "'big': a value that keeps growing in a set\n");
	SessionBounds steps = { 4, 1 << 20, 1 << 20, 60000 };
	cfg.bounds = &steps;
	s = start_on(load("steps", HEAD
		"nodes:\n"
		"  q:\n"
		"    ask: Name?\n"
		"  a:\n"
		"    set: {x: 1}\n"
		"  b:\n"
		"    set: {y: 2}\n"
		"  c:\n"
		"    set: {z: 3}\n"
		"  q2:\n"
		"    ask: Again?\n"));
	expect_req(s, REQ_ANSWER, "q", "Name?");
	take(s, "Ann");
	expect_req(s, REQ_ANSWER, "q2", "Again?");
	cfg.bounds = NULL;
}

/* The bytes bound is met within one `set` of many assignments, before
 * they are all built. */
static void bytes_bound_within_a_set(void **state)
{
	(void)state;
	SessionBounds b = { 100000, 1 << 20, 1 << 20, 60000 };
	cfg.bounds = &b;
	Buf y = { 0 };
	buf_adds(&y, HEAD "vars:\n  n: \"");
	for (int i = 0; i < 1000; i++)
		buf_adds(&y, "0123456789");
	buf_adds(&y, "\"\nnodes:\n  q:\n    ask: Name?\n  fat:\n    set:\n");
	for (int i = 0; i < 400; i++)
		buf_printf(&y, "      v%d: n\n", i);
	buf_adds(&y, "  q2:\n    ask: Again?\n");
	Session *s = start(buf_str(&y));
	expect_req(s, REQ_ANSWER, "q", "Name?");
	free(flushed(s));
	take(s, "Ann");
	expect_shows(s, "ERROR the dialogue built more than 1 MiB of values and texts without "
	                "asking anything (last at node 'fat')\n");
	buf_free(&y);
	cfg.bounds = NULL;
}

static void back_across_a_pick(void **state)
{
	(void)state;
	const Dialogue *d = load("main", pick_yaml);
	Session *s = start_on(d);
	take(s, "nothing");
	const char *q1 = session_request(s)->prompt;
	char *first = xstrdup(q1);
	take(s, "one");
	char *second = xstrdup(session_request(s)->prompt);
	assert_true(session_back(s));
	const Request *r = expect_req(s, REQ_ANSWER, "dig", first);
	assert_int_equal(r->index, 0);
	take(s, "uno");
	expect_req(s, REQ_ANSWER, "dig", second);
	take(s, "two");
	char *third = xstrdup(session_request(s)->prompt);
	assert_true(session_back(s));
	expect_req(s, REQ_ANSWER, "dig", second);
	take(s, "dos");
	expect_req(s, REQ_ANSWER, "more", third);
	expect_answers(s, "topic=\"nothing\"; dig=[\"uno\", \"dos\"]");
	free(first);
	free(second);
	free(third);
}

static void back_across_a_repeat(void **state)
{
	(void)state;
	Session *s = start(repeat_yaml);
	take(s, "A");
	take(s, "B");
	take(s, "");
	expect_req(s, REQ_ANSWER, "more", "Anything more?");
	assert_true(session_back(s));  /* the empty line that ended the loop */
	const Request *r = expect_req(s, REQ_ANSWER, "wants", "What else?");
	assert_int_equal(r->index, 2);
	assert_true(r->ends_on_empty);
	assert_true(session_back(s));
	r = expect_req(s, REQ_ANSWER, "wants", "What else?");
	assert_int_equal(r->index, 1);
	expect_answers(s, "wants=[\"A\"]");
	take(s, "C");
	take(s, "");
	expect_answers(s, "wants=[\"A\", \"C\"]");
	expect_route(s, "wants wants wants");
}

/* Runs a session over every kind, with skips and notes, and checks that a
 * replay of its turns rebuilds the same state. */
static void replay_rebuilds_the_state(void **state)
{
	(void)state;
	static Commitment made = { .id = "c1", .what = "Call Sam" };
	static const Commitment *const open[] = { &made };
	History h = { open, 1, NULL };
	cfg.history = &h;
	cfg.mode = MODE_PRACTICE;
	cfg.seed = 7;
	write_beside("sub", "tandem: 1\nid: sub\ntitle: Sub\nlang: en\n"
		"nodes:\n"
		"  q:\n"
		"    ask: Sub?\n"
		"    optional: true\n");
	const Dialogue *d = load("main", HEAD
		"nodes:\n"
		"  hello:\n"
		"    say: One hour together.\n"
		"    practice:\n"
		"      - point: time\n"
		"        pattern: hour\n"
		"  rv:\n"
		"    review:\n"
		"      status: \"{item}?\"\n"
		"      questions:\n"
		"        - Learned?\n"
		"  wants:\n"
		"    ask: Wants?\n"
		"    repeat: true\n"
		"  opt:\n"
		"    ask: Optional?\n"
		"    optional: true\n"
		"  sub:\n"
		"    call: sub\n"
		"  dig:\n"
		"    pick: bank\n"
		"    count: 2\n"
		"  act:\n"
		"    commitments:\n"
		"      what: What?\n"
		"      when: When?\n"
		"      measure: Measure?\n"
		"  fin:\n"
		"    end: Bye.\n"
		"banks:\n"
		"  bank:\n"
		"    questions:\n"
		"      - text: P1?\n"
		"      - text: P2?\n"
		"      - text: P3?\n");
	Session *s = start_on(d);
	static const char *const lines[] = { "an hour", "2", "much", "A", "B", "", NULL, "",
		                                 "p", "q", "w", "2026-12-24", "m", "" };
	for (size_t i = 0; i < ARRAY_LEN(lines); i++) {
		clock_value += 5;
		if (i == 3)
			session_note(s, "note on A");
		if (lines[i])
			take(s, lines[i]);
		else
			assert_true(session_skip(s));
	}
	expect_req(s, REQ_DONE, NULL, NULL);
	expect_route(s, "hello rv rv wants wants wants opt sub.q dig dig act act act act");

	Session *copy = session_new(d, &cfg);
	size_t n = session_nturns(s);
	assert_int_equal(session_replay(copy, session_turn(s, 0), n), n);
	assert_int_equal(session_status(copy), STATUS_COMPLETE);
	assert_int_equal(session_nturns(copy), n);
	for (size_t i = 0; i < n; i++) {
		const Turn *a = session_turn(s, i), *b = session_turn(copy, i);
		assert_string_equal(a->node, b->node);
		assert_string_equal(a->prompt, b->prompt);
		assert_true(val_equal(&a->answer, &b->answer));
		assert_int_equal(a->answer.kind, b->answer.kind);
		assert_int_equal(a->skipped, b->skipped);
		assert_int_equal(a->at, b->at);
		assert_int_equal(a->nnotes, b->nnotes);
		assert_int_equal(a->covered, b->covered);
	}
	assert_string_equal(session_turn(copy, 3)->notes[0], "note on A");
	Buf x = { 0 }, y = { 0 };
	session_answers(s, collect_answer, &x);
	session_answers(copy, collect_answer, &y);
	assert_string_equal(buf_str(&x), buf_str(&y));
	buf_free(&x);
	buf_free(&y);
	assert_int_equal(session_ncommitments(copy), 1);
	assert_string_equal(session_commitment(copy, 0)->due, "2026-12-24");
	assert_int_equal(session_nreviews(copy), 1);
	int covered, asked;
	session_practice_score(copy, &covered, &asked);
	assert_int_equal(covered, 1);
	assert_int_equal(asked, 1);
	/* Only the closing shows remain after a replay. */
	expect_shows(copy, "END Bye.\nSCORE Score: 1 of 1 key points covered.\n");
	session_free(copy);
}

static void replay_stops_where_the_dialogue_changed(void **state)
{
	(void)state;
	Session *s = start(back_yaml);
	take(s, "");
	take(s, "one");
	take(s, "x");
	take(s, "");
	/* Same ids up to b; then c is gone. */
	const Dialogue *changed = load("changed", "tandem: 1\nid: changed\ntitle: Test\nlang: en\n"
		"nodes:\n"
		"  hello:\n"
		"    say: Hello again.\n"
		"  a:\n"
		"    ask: A, changed?\n"
		"  b:\n"
		"    ask: B?\n"
		"    choices:\n"
		"      y: Why\n"
		"  d:\n"
		"    ask: D?\n");
	Session *other = session_new(changed, &cfg);
	/* b no longer has the choice x: the input does not fit. */
	assert_int_equal(session_replay(other, session_turn(s, 0), session_nturns(s)), 2);
	const Request *r = session_request(other);
	assert_string_equal(r->node, "b");
	expect_shows(other, "QUESTION B?\n");
	assert_int_equal(session_nturns(other), 2);
	session_free(other);

	other = session_new(changed, &cfg);
	Turn moved = *session_turn(s, 2);
	moved.input = "y";
	Turn turns[4] = { *session_turn(s, 0), *session_turn(s, 1), moved, *session_turn(s, 3) };
	/* c is not where the dialogue goes now. */
	assert_int_equal(session_replay(other, turns, 4), 3);
	expect_req(other, REQ_ANSWER, "d", "D?");
	session_free(other);
}

static void notes_go_with_the_answered_turn(void **state)
{
	(void)state;
	Session *s = start(back_yaml);
	session_note(s, "before hello");
	take(s, "");
	session_note(s, "speaks \x1b[2Jfast");
	session_note(s, "in a hurry");
	take(s, "one");
	const Turn *t = session_turn(s, 0);
	assert_int_equal(t->nnotes, 1);
	t = session_turn(s, 1);
	assert_int_equal(t->nnotes, 2);
	assert_string_equal(t->notes[0], "speaks fast");
	assert_string_equal(t->notes[1], "in a hurry");
	take(s, "x");
	take(s, "");
	take(s, "d");
	/* After the end: the last turn. */
	session_note(s, "closing");
	t = session_turn(s, session_nturns(s) - 1);
	assert_int_equal(t->nnotes, 1);
	assert_string_equal(t->notes[0], "closing");
	assert_int_equal(session_seed(s), 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
		T(say_section_coach_and_text),
		T(say_client_from_config),
		T(self_mode_wording_and_no_coach),
		T(texts_are_sanitized),
		T(ask_required_and_trimmed),
		T(choices_matching),
		T(choice_goto_wins_over_next),
		T(scale_bounds),
		T(validate_with_and_without_invalid),
		T(optional_and_skip),
		T(repeat_until_empty_and_n),
		T(each_over_lists_and_values),
		T(set_and_next_rules),
		T(only_passes_nodes_over),
		T(call_qualifies_names),
		T(pick_when_first_and_no_repeats),
		T(pick_strict_triggers),
		T(pick_same_seed_same_draws),
		T(pick_renders_what_it_keeps),
		T(pick_tags_and_default_about),
		T(commitments_loop),
		T(self_words_of_review_and_commitments),
		T(safety_net_stops_the_flow),
		T(safety_net_by_mode),
		T(review_with_history),
		T(review_without_history),
		T(review_in_french),
		T(practice_scoring),
		T(practice_points_ignored_in_coach_mode),
		T(end_in_practice_shows_score),
		T(again_tries_the_step_again),
		T(again_refused),
		T(back_across_again),
		T(replay_across_again),
		T(loop_without_input_fails),
		T(bounds_of_quiet_work),
		T(stopping_stops_quiet_work),
		T(back_stopped_changes_nothing),
		T(bound_names_its_node),
		T(bytes_bound_within_a_set),
		T(back_undoes_answers),
		T(back_keeps_times_and_notes),
		T(back_across_a_pick),
		T(back_across_a_repeat),
		T(replay_rebuilds_the_state),
		T(replay_stops_where_the_dialogue_changed),
		T(notes_go_with_the_answered_turn),
#undef T
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
