/*
 * robot: the answers of `tandem walk`.
 *
 * For each request the robot lists the answers worth giving (AnswerKind),
 * each under a label, and gives the one given least often at that node so
 * far. What is worth giving is read from the dialogue: the conditions
 * that read a question's answer (its own `next` rules with
 * `answer`, and any expression naming its save name) say which texts,
 * patterns and numbers lead somewhere else (expr_hints); a pattern gives
 * a text drawn from it (sample.h). Nothing here knows routes: the session
 * decides where an answer leads, and the coverage counts it.
 */
#include "robot.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "commitment.h"
#include "expr.h"
#include "map.h"
#include "rng.h"
#include "sample.h"
#include "util.h"

/* Items a robot gives a list ("what else?") before it ends it. */
enum { MAX_ITEMS = 3 };

/* Plain answers: texts that no shipped condition nor safety pattern
 * looks for, a date for "by when?", and the forms a `validate` most
 * often wants; tried in turn when an answer is refused. */
static const char *const plain[] = { "A project at work", "Talk to my manager",
	                             "Something I noticed this week", "2026-12-31",
	                             "31/12/2026", "1", "yes", "oui" };

typedef enum AnswerKind {
	ANSWER_EMPTY,    /* an empty line: skip an optional question, end a list */
	ANSWER_PLAIN,    /* a plain text */
	ANSWER_TEXT,     /* a text a condition compares the answer with */
	ANSWER_MATCH,    /* a text drawn from a pattern a condition matches it with */
	ANSWER_NUMBER,   /* a number a condition compares it with */
	ANSWER_MISS,     /* a text `validate` refuses, then a valid one */
	ANSWER_LIST,     /* recalled values only: a list of two texts */
	ANSWER_UNSET,    /* recalled values only: nothing recalled */
} AnswerKind;

typedef struct Answer {
	AnswerKind kind;
	const char *text;        /* TEXT */
	const Pattern *re;       /* MATCH, MISS */
	double number;           /* NUMBER */
	char *label;             /* what the robot counts it under (heap) */
} Answer;

typedef struct Answers {
	Answer *v;
	size_t n, cap;
} Answers;

struct Robot {
	const Dialogue *top;
	Rng rng;
	Map given;               /* "NODE\x1fLABEL": how often each answer was given */
	unsigned *counts;
	size_t cap;
	Buf key;
	/* the current run's history */
	Commitment made[2];
	const Commitment *open[2];
	size_t nopen;
	Vars *recalled;
	History history;
	const char *theme;       /* the run's theme (a literal of d's), or NULL */
};

Robot *robot_new(const Dialogue *top, unsigned long long seed)
{
	Robot *rb = xcalloc(1, sizeof(*rb));
	rb->top = top;
	rb->rng.state = seed;
	return rb;
}

static void history_clear(Robot *rb)
{
	for (size_t i = 0; i < rb->nopen; i++)
		commitment_free(&rb->made[i]);
	rb->nopen = 0;
	vars_free(rb->recalled);
	rb->recalled = NULL;
}

void robot_free(Robot *rb)
{
	if (!rb)
		return;
	history_clear(rb);
	map_free(&rb->given);
	free(rb->counts);
	buf_free(&rb->key);
	free(rb);
}

/* ----- which answer ---------------------------------------------------------- */

static unsigned *count_of(Robot *rb, const char *node, const char *label)
{
	buf_clear(&rb->key);
	buf_printf(&rb->key, "%s\x1f%s", node, label);
	bool added;
	size_t i = map_add(&rb->given, buf_str(&rb->key), &added);
	GROW(rb->counts, rb->cap, i + 1);
	if (added)
		rb->counts[i] = 0;
	return &rb->counts[i];
}

/* Index of the answer of a whose text is the run's theme, or a->n. */
static size_t themed(const Robot *rb, const Answers *a)
{
	size_t k = 0;
	while (rb->theme && k < a->n && !(a->v[k].text && str_eq(a->v[k].text, rb->theme)))
		k++;
	return rb->theme ? k : a->n;
}

/* Index of the answer of a given least often at node, ties drawn. */
static size_t least_given(Robot *rb, const char *node, const Answers *a)
{
	unsigned least = UINT_MAX;
	size_t k = 0, ties = 0;
	for (size_t i = 0; i < a->n; i++) {
		unsigned c = *count_of(rb, node, a->v[i].label);
		if (c < least)
			least = c, k = i, ties = 1;
		else if (c == least && rng_below(&rb->rng, ++ties) == 0)
			k = i;
	}
	return k;
}

/* The answer to give at node among a: the run's theme where a has it,
 * else the least given there, or, one time in four, any. */
static const Answer *choose(Robot *rb, const char *node, const Answers *a)
{
	size_t k = themed(rb, a);
	if (k == a->n)
		k = rng_below(&rb->rng, 4) == 0 ? rng_below(&rb->rng, a->n) : least_given(rb, node, a);
	(*count_of(rb, node, a->v[k].label))++;
	return &a->v[k];
}

/* Adds an answer, unless one of the same label is there; label is taken. */
static void add(Answers *a, Answer x, char *label)
{
	for (size_t i = 0; i < a->n; i++)
		if (str_eq(a->v[i].label, label)) {
			free(label);
			return;
		}
	x.label = label;
	GROW(a->v, a->cap, a->n + 1);
	a->v[a->n++] = x;
}

static void answers_free(Answers *a)
{
	for (size_t i = 0; i < a->n; i++)
		free(a->v[i].label);
	free(a->v);
}

/* ----- what the conditions look for ------------------------------------------- */

typedef struct Look {
	Answers *out;
	const char *name;        /* the save name, or recalled name, looked for */
	bool answer;             /* `answer` names it too (its node's own rules) */
} Look;

static void on_hint(void *ctx, const ExprHint *h)
{
	const Look *lk = ctx;
	if (h->name ? !str_eq(h->name, lk->name) : !lk->answer)
		return;
	if (h->re)
		add(lk->out, (Answer){ .kind = ANSWER_MATCH, .re = h->re },
		    xasprintf("~%s", pattern_source(h->re)));
	else if (h->text && *h->text)
		add(lk->out, (Answer){ .kind = ANSWER_TEXT, .text = h->text }, xasprintf("=%s", h->text));
	else if (h->has_number)
		add(lk->out, (Answer){ .kind = ANSWER_NUMBER, .number = h->number },
		    xasprintf("#%g", h->number));
}

/* The answers d's conditions look for in `name`, and in `answer` within
 * the rules of node `own` (NULL: none). */
static void looked_for(const Dialogue *d, const char *name, const Node *own, Answers *out)
{
	for (size_t i = 0; i < d->nnodes; i++) {
		const Node *n = &d->nodes[i];
		Look lk = { out, name, n == own };
		for (size_t k = 0; k < n->nrules; k++)
			if (n->rules[k].cond)
				expr_hints(n->rules[k].cond, on_hint, &lk);
		lk.answer = false;
		for (size_t k = 0; n->kind == NODE_SET && k < n->nassigns; k++)
			expr_hints(n->assigns[k].expr, on_hint, &lk);
	}
}

/* ----- texts ------------------------------------------------------------------- */

static bool matches(const Pattern *p, const char *s)
{
	return pattern_match(p, s, strlen(s)) == PATTERN_MATCH;
}

static bool net_catches(const Safety *net, const char *s)
{
	for (size_t i = 0; net && i < net->npatterns; i++)
		if (matches(net->patterns[i].pattern, s))
			return true;
	return false;
}

/* Whether s would stop the flow: the robot speaks of no distress. */
static bool unsafe(const Dialogue *d, const char *s)
{
	return net_catches(&d->safety, s) || net_catches(d->library_safety, s);
}

static char *plain_text(Robot *rb)
{
	return xstrdup(plain[rng_below(&rb->rng, 3)]);
}

/* The text answer a gives, fit for validate (when not NULL) and safe. */
static char *text_of(Robot *rb, const Dialogue *d, const Answer *a, const Pattern *validate)
{
	char *t = NULL;
	switch (a->kind) {
	case ANSWER_EMPTY: return xstrdup("");
	case ANSWER_TEXT: t = xstrdup(a->text); break;
	case ANSWER_MATCH: t = sample_match(a->re, &rb->rng); break;
	case ANSWER_NUMBER: t = xasprintf("%g", a->number); break;
	default: break;
	}
	if (!t || unsafe(d, t)) {
		free(t);
		t = plain_text(rb);
	}
	if (validate && !matches(validate, t)) {
		char *fit = sample_match(validate, &rb->rng);
		if (fit) {
			free(t);
			t = fit;
		}
	}
	return t;
}

/* ----- feeding the session ------------------------------------------------------ */

static bool feed(Session *s, const char *line, size_t *lines)
{
	(*lines)++;
	return session_input(s, line) == INPUT_TAKEN;
}

/* Tries the plain answers, then a text validate takes, until one is taken. */
static RobotResult fall_back(Robot *rb, Session *s, const Pattern *validate, size_t *lines)
{
	for (size_t i = 0; i < ARRAY_LEN(plain); i++)
		if (feed(s, plain[i], lines))
			return ROBOT_TAKEN;
	char *fit = validate ? sample_match(validate, &rb->rng) : NULL;
	bool taken = fit && feed(s, fit, lines);
	free(fit);
	return taken ? ROBOT_TAKEN : ROBOT_STUCK;
}

/* Gives text, or, refused, falls back. */
static RobotResult give(Robot *rb, Session *s, char *text, const Pattern *validate, size_t *lines)
{
	bool taken = feed(s, text, lines);
	free(text);
	return taken ? ROBOT_TAKEN : fall_back(rb, s, validate, lines);
}

/*
 * A text validate refuses, which the session must refuse and ask again,
 * as the same question of the same round; then a valid answer. The node
 * and round are copied: a request lasts until the next input.
 */
static RobotResult miss_then_hit(Robot *rb, Session *s, const Dialogue *d, const Request *r,
                                 const Pattern *validate, size_t *lines)
{
	char *node = xstrdup(r->node);
	int round = r->index;
	char *miss = sample_miss(validate, &rb->rng);
	RobotResult res = ROBOT_TAKEN;
	if (miss && feed(s, miss, lines)) {
		res = ROBOT_NOT_REASKED;
	} else if (miss) {
		const Request *again = session_request(s);
		if (again->kind != REQ_ANSWER || !again->node || !str_eq(again->node, node) ||
		    again->index != round)
			res = ROBOT_NOT_REASKED;
	}
	free(miss);
	free(node);
	if (res != ROBOT_TAKEN)
		return res;
	Answer plain_one = { .kind = ANSWER_PLAIN };
	return give(rb, s, text_of(rb, d, &plain_one, validate), validate, lines);
}

/* ----- one request ----------------------------------------------------------------- */

/* The node a qualified id names ("node", "callee.node"), and its dialogue;
 * NULL when there is none. */
static const Node *node_of(const Dialogue *d, const char *qualified, const Dialogue **owner)
{
	const char *dot;
	for (int depth = 0; d && (dot = strchr(qualified, '.')) && depth < 64; depth++) {
		size_t len = (size_t)(dot - qualified);
		const Dialogue *callee = NULL;
		for (size_t i = 0; i < d->nnodes && !callee; i++) {
			const Node *n = &d->nodes[i];
			if (n->kind == NODE_CALL && strlen(n->u.call.target) == len &&
			    strncmp(n->u.call.target, qualified, len) == 0)
				callee = n->u.call.dialogue;
		}
		d = callee;
		qualified = dot + 1;
	}
	int i = d ? dialogue_find(d, qualified) : NO_NODE;
	*owner = d;
	return i == NO_NODE ? NULL : &d->nodes[i];
}

/* The safety net's question (stop here or go on?): the robot goes on. */
static bool is_safety_question(const Request *r, const Node *n)
{
	return r->nchoices == 2 && str_eq(r->keys[0], "stop") && str_eq(r->keys[1], "continue") &&
	       !(n && n->kind == NODE_ASK && n->u.ask.nchoices == 2);
}

static RobotResult answer_choice(Robot *rb, Session *s, const Request *r, size_t *lines)
{
	Answers a = { 0 };
	for (size_t i = 0; i < r->nchoices; i++)
		add(&a, (Answer){ .kind = ANSWER_NUMBER, .text = r->keys[i], .number = (double)i },
		    xstrdup(r->keys[i]));
	const Answer *x = choose(rb, r->node, &a);
	char *line = xasprintf("%zu", (size_t)x->number + 1);
	answers_free(&a);
	return give(rb, s, line, NULL, lines);
}

static void add_number(Answers *a, long v, long min, long max)
{
	if (v >= min && v <= max)
		add(a, (Answer){ .kind = ANSWER_NUMBER, .number = (double)v }, xasprintf("%ld", v));
}

static RobotResult answer_scale(Robot *rb, Session *s, const Request *r, const Node *n,
                                const Dialogue *d, size_t *lines)
{
	Answers a = { 0 }, looked = { 0 };
	add_number(&a, r->min, r->min, r->max);
	add_number(&a, r->max, r->min, r->max);
	add_number(&a, r->min + (r->max - r->min) / 2, r->min, r->max);
	if (n)
		looked_for(d, n->save ? n->save : n->id, n, &looked);
	for (size_t i = 0; i < looked.n; i++)
		if (looked.v[i].kind == ANSWER_NUMBER && looked.v[i].number > -1e9 &&
		    looked.v[i].number < 1e9)
			for (long v = (long)looked.v[i].number - 1; v <= (long)looked.v[i].number + 1; v++)
				add_number(&a, v, r->min, r->max);
	answers_free(&looked);
	const Answer *x = choose(rb, r->node, &a);
	char *line = xasprintf("%ld", (long)x->number);
	answers_free(&a);
	return give(rb, s, line, NULL, lines);
}

/* What a commitment's question asks for, told by the turn before it:
 * what, then by when, then how it will be known. */
static const char *commitment_answer(const Session *s, const Request *r)
{
	size_t n = session_nturns(s);
	const Turn *t = n ? session_turn(s, n - 1) : NULL;
	if (r->ends_on_empty || !t || !t->field || !str_eq(t->node, r->node))
		return "Call Sam about the project";
	return str_eq(t->field, "what") ? "by next Friday" : "I will send you a note";
}

/* The answers worth giving to a text question. */
static void text_answers(const Session *s, const Request *r, const Node *n, const Dialogue *d,
                         Answers *a)
{
	bool later = r->ends_on_empty && r->index > 0;
	if (r->optional || r->ends_on_empty)
		add(a, (Answer){ .kind = ANSWER_EMPTY }, xstrdup(""));
	if (later && r->index >= MAX_ITEMS)
		return;
	if (n && n->kind == NODE_COMMITMENTS) {
		const char *text = commitment_answer(s, r);
		add(a, (Answer){ .kind = ANSWER_TEXT, .text = text }, xstrdup(text));
		return;
	}
	add(a, (Answer){ .kind = ANSWER_PLAIN }, xstrdup("plain"));
	if (!n)
		return;
	if (n->kind == NODE_ASK || n->kind == NODE_PICK)
		looked_for(d, n->save ? n->save : n->id, n, a);
	if (n->kind == NODE_ASK && n->u.ask.validate)
		add(a, (Answer){ .kind = ANSWER_MISS, .re = n->u.ask.validate }, xstrdup("miss"));
}

static RobotResult answer_text(Robot *rb, Session *s, const Request *r, const Node *n,
                               const Dialogue *d, size_t *lines)
{
	Answers a = { 0 };
	text_answers(s, r, n, d, &a);
	/* The end of a list is counted apart from its start. */
	char *where = xasprintf("%s%s", r->node, r->ends_on_empty && r->index > 0 ? "+" : "");
	const Answer *x = choose(rb, where, &a);
	free(where);
	const Pattern *validate = n && n->kind == NODE_ASK ? n->u.ask.validate : NULL;
	RobotResult res = x->kind == ANSWER_MISS
	                  ? miss_then_hit(rb, s, d, r, validate, lines)
	                  : give(rb, s, text_of(rb, d, x, x->kind == ANSWER_EMPTY ? NULL : validate),
	                         validate, lines);
	answers_free(&a);
	return res;
}

RobotResult robot_answer(Robot *rb, Session *s, const Request *r, size_t *lines)
{
	if (r->kind == REQ_CONTINUE)
		return give(rb, s, xstrdup(""), NULL, lines);
	if (r->kind == REQ_PHRASING)
		return give(rb, s, xstrdup("In my own words, here is what I would say"), NULL, lines);
	const Dialogue *d = NULL;
	const Node *n = r->node ? node_of(rb->top, r->node, &d) : NULL;
	if (!d)
		d = rb->top;
	if (r->nchoices && is_safety_question(r, n))
		return give(rb, s, xstrdup("continue"), NULL, lines);
	if (r->nchoices)
		return answer_choice(rb, s, r, lines);
	if (r->scale)
		return answer_scale(rb, s, r, n, d, lines);
	return answer_text(rb, s, r, n, d, lines);
}

/* ----- a run's history -------------------------------------------------------------- */

/* The value a recalled answer is given. */
static Value recalled_value(Robot *rb, const Answer *a)
{
	switch (a->kind) {
	case ANSWER_UNSET:
		return val_unset();
	case ANSWER_TEXT:
		return val_text(a->text);
	case ANSWER_NUMBER:
		return val_number(a->number);
	case ANSWER_MATCH: {
		char *t = sample_match(a->re, &rb->rng);
		return t ? val_text_take(t) : val_text("Something said before");
	}
	case ANSWER_LIST: {
		Value v = val_list();
		val_push(&v, val_text("A first thing said before"));
		val_push(&v, val_text("A second thing"));
		return v;
	}
	default:
		return val_text("Something said before");
	}
}

/* Gives each name d (and what it calls) recalls a value, or none. */
static void recall_all(Robot *rb, const Dialogue *d, int depth)
{
	for (size_t i = 0; i < d->nrecall; i++) {
		const char *name = d->recall[i];
		if (vars_get(rb->recalled, name))
			continue;
		Answers a = { 0 };
		add(&a, (Answer){ .kind = ANSWER_UNSET }, xstrdup("unset"));
		add(&a, (Answer){ .kind = ANSWER_PLAIN }, xstrdup("text"));
		add(&a, (Answer){ .kind = ANSWER_LIST }, xstrdup("list"));
		looked_for(d, name, NULL, &a);
		char *where = xasprintf("#recall %s", name);
		const Answer *x = choose(rb, where, &a);
		free(where);
		Value v = recalled_value(rb, x);
		if (v.kind != VAL_UNSET)
			vars_set(rb->recalled, name, v);
		answers_free(&a);
	}
	for (size_t i = 0; i < d->nnodes && depth < 16; i++)
		if (d->nodes[i].kind == NODE_CALL && d->nodes[i].u.call.dialogue)
			recall_all(rb, d->nodes[i].u.call.dialogue, depth + 1);
}

static void on_literal(void *ctx, const ExprHint *h)
{
	if (h->text && *h->text)
		add(ctx, (Answer){ .kind = ANSWER_TEXT, .text = h->text }, xstrdup(h->text));
}

/*
 * One run in four has a theme: one of the texts top's conditions compare
 * answers with, given wherever a menu or a question offers it. A route
 * that wants the same answer at many questions (every criterion met:
 * seven "yes" in a row) is then taken, which answers drawn apart would
 * take once in thousands of runs.
 */
static const char *draw_theme(Robot *rb)
{
	if (rng_below(&rb->rng, 4) != 0)
		return NULL;
	Answers a = { 0 };
	const Dialogue *d = rb->top;
	for (size_t i = 0; i < d->nnodes; i++) {
		const Node *n = &d->nodes[i];
		for (size_t k = 0; k < n->nrules; k++)
			if (n->rules[k].cond)
				expr_hints(n->rules[k].cond, on_literal, &a);
		for (size_t k = 0; n->kind == NODE_SET && k < n->nassigns; k++)
			expr_hints(n->assigns[k].expr, on_literal, &a);
	}
	const char *theme = NULL;
	if (a.n) {
		rb->theme = NULL;
		theme = choose(rb, "#theme", &a)->text;
	}
	answers_free(&a);
	return theme;
}

/* Two commitments of an earlier session: one overdue, one not yet due. */
static Commitment made_before(size_t i)
{
	static const char *const what[] = { "Call Sam about the project", "Write the plan" };
	static const char *const due[] = { "2025-12-19", "2026-01-30" };
	return (Commitment){
		.id = xasprintf("20251215T100000-%zu", i + 1),
		.what = xstrdup(what[i]),
		.when = xstrdup(due[i]),
		.due = xstrdup(due[i]),
		.measure = xstrdup("I will tell you"),
		.status = xstrdup("open"),
	};
}

const History *robot_start_run(Robot *rb)
{
	history_clear(rb);
	rb->theme = NULL;
	Answers a = { 0 };
	for (size_t k = 0; k <= ARRAY_LEN(rb->made); k++)
		add(&a, (Answer){ .kind = ANSWER_NUMBER, .number = (double)k }, xasprintf("%zu", k));
	rb->nopen = (size_t)choose(rb, "#open", &a)->number;
	answers_free(&a);
	for (size_t i = 0; i < rb->nopen; i++) {
		rb->made[i] = made_before(i);
		rb->open[i] = &rb->made[i];
	}
	rb->recalled = vars_new();
	recall_all(rb, rb->top, 0);
	rb->history = (History){ rb->open, rb->nopen, rb->recalled };
	rb->theme = draw_theme(rb);
	return &rb->history;
}
