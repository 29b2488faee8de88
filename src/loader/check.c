/*
 * check: the meaning of a linked dialogue.
 *
 * Names first: a symbol table of every variable the dialogue declares
 * (vars, recall, the answers its nodes save, the variables `set` assigns)
 * with the type load time can know. Then every expression and every text
 * is checked against it, with the nearest name suggested for a misspelt
 * one. Last, the route, along the dialogue's routes (routes.h, the model
 * `tandem graph` draws and `tandem walk` counts): which nodes can be
 * reached from the start, and from which the session can still complete. Those two are warnings, given once
 * per cause: at the first node of a dead or looping stretch, not at every
 * node in it. A question that shows an answer of a narrower audience than
 * its own (a `sponsor` question naming a `client` answer) is warned about
 * too: a report for its audience would carry that answer further.
 */
#include "check.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "map.h"
#include "render.h"
#include "routes.h"
#include "suggest.h"
#include "ydoc.h"

/* The names a dialogue declares, each with its type: a Map of the names
 * beside their types. */
typedef struct Symtab {
	Map names;
	Type *types;
	size_t cap;
} Symtab;

typedef struct Checker {
	const Dialogue *dl;
	Diags *d;
	Symtab syms;
	const char *src;     /* the expression being checked, for columns */
	Loc src_loc;         /* where it starts */
	bool src_plain;      /* columns inside it can be counted */
	Loc loc;             /* the place when there is no expression */
} Checker;

static const char *const builtins[] = { "client", "coach", "today", "item" };

/* Declares name; a name saved with two different types is of any type. */
static void declare(Symtab *t, const char *name, Type type)
{
	bool added;
	size_t i = map_add(&t->names, name, &added);
	if (added) {
		GROW(t->types, t->cap, i + 1);
		t->types[i] = type;
	} else if (t->types[i] != type) {
		t->types[i] = TYPE_ANY;
	}
}

/* The type of name, or NULL when it is not declared. */
static Type *lookup(const Symtab *t, const char *name)
{
	long i = map_find(&t->names, name);
	return i == MAP_NONE ? NULL : &t->types[i];
}

static void symtab_free(Symtab *t)
{
	map_free(&t->names);
	free(t->types);
}

static Type ask_type(const Node *n)
{
	if (n->u.ask.repeat || n->u.ask.each)
		return TYPE_LIST;
	return n->u.ask.scale ? TYPE_NUMBER : TYPE_TEXT;
}

/* The type of what a node records as `answer`. */
static Type answer_type(const Node *n)
{
	switch (n->kind) {
	case NODE_ASK: return ask_type(n);
	case NODE_PICK: return TYPE_TEXT;
	default: return TYPE_ANY;
	}
}

static void declare_node(Symtab *t, const Node *n)
{
	switch (n->kind) {
	case NODE_ASK:
		declare(t, n->save, ask_type(n));
		break;
	case NODE_PICK:
	case NODE_COMMITMENTS:
	case NODE_REVIEW:
		declare(t, n->save, TYPE_LIST);
		break;
	case NODE_SET:
		for (size_t i = 0; i < n->nassigns; i++)
			declare(t, n->assigns[i].name, TYPE_ANY);
		break;
	default:
		break;
	}
}

static void declare_all(Symtab *t, const Dialogue *dl)
{
	for (size_t i = 0; i < ARRAY_LEN(builtins); i++)
		declare(t, builtins[i], str_eq(builtins[i], "item") ? TYPE_ANY : TYPE_TEXT);
	for (size_t i = 0; i < dl->nvars; i++)
		declare(t, dl->vars[i].name, TYPE_TEXT);
	for (size_t i = 0; i < dl->nrecall; i++)
		declare(t, dl->recall[i], TYPE_ANY);
	for (size_t i = 0; i < dl->nnodes; i++)
		declare_node(t, &dl->nodes[i]);
}

/* Whether a dialogue declares name, following `callee.name` into calls. */
static bool declares(const Dialogue *dl, const char *name, int depth)
{
	const char *dot = strchr(name, '.');
	if (depth > 32)
		return false;
	if (!dot) {
		Symtab t = { 0 };
		declare_all(&t, dl);
		bool found = lookup(&t, name) != NULL;
		symtab_free(&t);
		return found;
	}
	size_t plen = (size_t)(dot - name);
	for (size_t i = 0; i < dl->nnodes; i++) {
		const CallSpec *c = &dl->nodes[i].u.call;
		if (dl->nodes[i].kind == NODE_CALL && c->dialogue && strlen(c->target) == plen &&
		    strncmp(c->target, name, plen) == 0)
			return declares(c->dialogue, dot + 1, depth + 1);
	}
	return false;
}

static Type var_type(void *ctx, const char *name)
{
	const Type *t = lookup(&((Checker *)ctx)->syms, name);
	return t ? *t : TYPE_ANY;
}

/* ----- reporting into a scalar ----------------------------------------------- */

static Loc at(const Checker *c, size_t pos)
{
	return c->src ? ydoc_loc_in(c->src, c->src_loc, c->src_plain, pos) : c->loc;
}

/* What a name that is not declared was taken for: its two messages,
 * without and with the nearest known name. */
typedef struct NameKind {
	const char *unknown, *unknown_near;
} NameKind;

static const NameKind VARIABLE = {
	N_("unknown variable '%s'"), N_("unknown variable '%s'; did you mean '%s'?")
};
static const NameKind NODE = {
	N_("unknown node '%s'"), N_("unknown node '%s'; did you mean '%s'?")
};

static void unknown_name(Checker *c, const NameKind *kind, const char *name, size_t pos,
                         const char **cands, size_t n)
{
	const char *near = strchr(name, '.') ? NULL : suggest(name, cands, n);
	if (near)
		diag_error(c->d, c->dl->path, at(c, pos), kind->unknown_near, name, near);
	else
		diag_error(c->d, c->dl->path, at(c, pos), kind->unknown, name);
}

static void check_var(Checker *c, const char *name, size_t pos)
{
	if (lookup(&c->syms, name) || (strchr(name, '.') && declares(c->dl, name, 0)))
		return;
	unknown_name(c, &VARIABLE, name, pos, c->syms.names.keys, map_count(&c->syms.names));
}

static void on_ref(void *ctx, RefKind kind, const char *name, size_t pos)
{
	Checker *c = ctx;
	if (kind == REF_VAR) {
		check_var(c, name, pos);
	} else if (dialogue_find(c->dl, name) == NO_NODE) {
		const char **ids = xmalloc((c->dl->nnodes + 1) * sizeof(char *));
		for (size_t i = 0; i < c->dl->nnodes; i++)
			ids[i] = c->dl->nodes[i].id;
		unknown_name(c, &NODE, name, pos, ids, c->dl->nnodes);
		free(ids);
	}
}

static void check_expr(Checker *c, const Expr *e, Loc src_loc, bool src_plain,
                       Type answer, Type *result)
{
	if (!e)
		return;
	c->src = expr_source(e);
	c->src_loc = src_loc;
	c->src_plain = src_plain;
	size_t before = c->d->errors;
	expr_refs(e, on_ref, c);
	char *err = NULL;
	size_t pos = 0;
	Type t = TYPE_ANY;
	if (c->d->errors == before && !expr_check(e, var_type, c, answer, &t, &err, &pos)) {
		diag_error(c->d, c->dl->path, at(c, pos), "bad expression: %s", err);
		free(err);
	}
	if (result)
		*result = t;
	c->src = NULL;
}

static void on_text_name(void *ctx, const char *name, size_t len, size_t pos)
{
	/* Names are short: most need no heap copy to be NUL-terminated. */
	char small[64];
	char *n = len < sizeof(small) ? small : xmalloc(len + 1);
	memcpy(n, name, len);
	n[len] = '\0';
	check_var(ctx, n, pos);
	if (n != small)
		free(n);
}

static void check_text(Checker *c, Text t)
{
	if (!t.s)
		return;
	char *err = NULL;
	size_t pos = 0;
	c->loc = text_loc(t);
	if (!render_scan(t.s, on_text_name, c, &err, &pos)) {
		diag_error(c->d, c->dl->path, c->loc, "bad text: %s", err);
		free(err);
	}
}

/* ----- nodes ----------------------------------------------------------------- */

static void check_ask(Checker *c, const Node *n)
{
	const AskSpec *a = &n->u.ask;
	for (size_t i = 0; i < a->nchoices; i++)
		check_text(c, a->choices[i].label);
	check_text(c, a->again);
	check_text(c, a->invalid);
	if (!a->each)
		return;
	c->loc = a->each_loc;
	check_var(c, a->each, 0);
	const Type *t = lookup(&c->syms, a->each);
	if (t && *t != TYPE_LIST && *t != TYPE_ANY)
		diag_error(c->d, c->dl->path, a->each_loc, "'each' needs a list, but '%s' is %s",
		           a->each, type_phrase(*t));
}

/* Whether some question of bank is tagged tag. */
static bool bank_has_tag(const Bank *bank, const char *tag)
{
	for (size_t i = 0; i < bank->nquestions; i++)
		for (size_t j = 0; j < bank->questions[i].ntags; j++)
			if (str_eq(bank->questions[i].tags[j], tag))
				return true;
	return false;
}

/* The tag of bank nearest to tag, or NULL. */
static const char *near_tag(const Bank *bank, const char *tag)
{
	const char **tags = NULL;
	size_t n = 0, cap = 0;
	for (size_t i = 0; i < bank->nquestions; i++) {
		const Question *q = &bank->questions[i];
		GROW(tags, cap, n + q->ntags + 1);
		for (size_t j = 0; j < q->ntags; j++)
			tags[n++] = q->tags[j];
	}
	const char *near = suggest(tag, tags, n);
	free(tags);
	return near;
}

/*
 * Each tag of a pick that no question of its bank has: a misspelt tag,
 * most often, said at the tag with the bank's nearest one. When none of
 * the tags is the bank's, the pick would ask nothing, every time: the
 * message says so.
 */
static void check_pick_tags(Checker *c, const Node *n)
{
	const PickSpec *p = &n->u.pick;
	if (!p->bank || p->ntags == 0)
		return;
	bool none = true;
	for (size_t i = 0; i < p->bank->nquestions && none; i++)
		none = !pick_selects(p, &p->bank->questions[i]);
	for (size_t i = 0; i < p->ntags; i++) {
		const char *tag = p->tags[i], *near = near_tag(p->bank, tag);
		Loc loc = text_loc((Text){ tag });
		if (bank_has_tag(p->bank, tag))
			continue;
		if (none && near)
			diag_error(c->d, c->dl->path, loc, "the tags of this 'pick' select no question of "
			           "the bank '%s': none is tagged '%s'; did you mean '%s'?", p->bank->id,
			           tag, near);
		else if (none)
			diag_error(c->d, c->dl->path, loc, "the tags of this 'pick' select no question of "
			           "the bank '%s': none is tagged '%s'", p->bank->id, tag);
		else if (near)
			diag_error(c->d, c->dl->path, loc, "no question of the bank '%s' is tagged '%s'; "
			           "did you mean '%s'?", p->bank->id, tag, near);
		else
			diag_error(c->d, c->dl->path, loc, "no question of the bank '%s' is tagged '%s'",
			           p->bank->id, tag);
	}
}

static void check_kind(Checker *c, const Node *n)
{
	switch (n->kind) {
	case NODE_ASK:
		check_ask(c, n);
		break;
	case NODE_SET:
		for (size_t i = 0; i < n->nassigns; i++)
			check_expr(c, n->assigns[i].expr, n->assigns[i].src_loc,
			           n->assigns[i].src_plain, TYPE_ANY, NULL);
		break;
	case NODE_PICK:
		if (n->u.pick.about) {
			c->loc = n->loc;
			check_var(c, n->u.pick.about, 0);
		}
		check_pick_tags(c, n);
		break;
	case NODE_COMMITMENTS:
		for (const CommitSpec *w = &n->u.commit; w; w = w->self) {
			check_text(c, w->what);
			check_text(c, w->when);
			check_text(c, w->measure);
		}
		break;
	case NODE_REVIEW:
		for (const ReviewSpec *w = &n->u.review; w; w = w->self) {
			check_text(c, w->status);
			check_text(c, w->none);
			for (size_t i = 0; i < w->nquestions; i++)
				check_text(c, w->questions[i]);
		}
		break;
	default:
		break;
	}
}

static void check_node(Checker *c, const Node *n)
{
	if (n->kind == NODE_SAY || n->kind == NODE_ASK || n->kind == NODE_END)
		check_text(c, n->text);
	check_text(c, n->self);
	check_text(c, n->coach);
	check_text(c, n->section);
	check_kind(c, n);
	for (size_t i = 0; i < n->nrules; i++)
		check_expr(c, n->rules[i].cond, n->rules[i].src_loc, n->rules[i].src_plain,
		           answer_type(n), NULL);
}

/* Gives `set` variables the type of what they are set to; a variable set to
 * one type here and another there is of any type. */
static void type_assignments(Checker *c)
{
	Diags quiet = { 0 };
	Diags *real = c->d;
	c->d = &quiet;
	for (size_t i = 0; i < c->dl->nnodes; i++) {
		const Node *n = &c->dl->nodes[i];
		for (size_t j = 0; n->kind == NODE_SET && j < n->nassigns; j++) {
			Type t = TYPE_ANY;
			check_expr(c, n->assigns[j].expr, n->assigns[j].src_loc,
			           n->assigns[j].src_plain, TYPE_ANY, &t);
			Type *declared = lookup(&c->syms, n->assigns[j].name);
			if (declared && t != TYPE_ANY)
				*declared = t;
		}
	}
	diags_free(&quiet);
	c->d = real;
}

static void check_banks(Checker *c)
{
	for (size_t i = 0; i < c->dl->nbanks; i++)
		for (size_t j = 0; j < c->dl->banks[i].nquestions; j++) {
			check_text(c, c->dl->banks[i].questions[j].text);
			check_text(c, c->dl->banks[i].questions[j].self);
		}
}

/* ----- the route --------------------------------------------------------------- */

/*
 * Every route between nodes of the dialogue (routes.h), as two arrays:
 * node i leads to to[start[i]] .. to[start[i + 1] - 1]. The walks below run
 * over these arrays rather than over the nodes (whose rules and choices lie
 * all over the arena), several times each.
 */
typedef struct Edges {
	int *start;          /* n + 1 offsets */
	int *to;             /* node indexes, NO_NODE: the dialogue ends */
	size_t count, cap;
} Edges;

static void add_edge(void *ctx, int to)
{
	Edges *e = ctx;
	GROW(e->to, e->cap, e->count + 1);
	e->to[e->count++] = to;
}

static Edges edges_of(const Routes *rt)
{
	Edges e = { xmalloc((rt->nnodes + 1) * sizeof(int)), NULL, 0, 0 };
	for (size_t i = 0; i < rt->nnodes; i++) {
		e.start[i] = (int)e.count;
		for (size_t j = rt->start[i]; j < rt->start[i + 1]; j++)
			if (route_moves(&rt->v[j]))
				add_edge(&e, rt->v[j].to);
	}
	e.start[rt->nnodes] = (int)e.count;
	return e;
}

static void edges_free(Edges *e)
{
	free(e->start);
	free(e->to);
}

typedef struct Walk {
	const Edges *e;
	char *mark;
	int *stack;
	size_t top;
} Walk;

static void push_node(Walk *w, int to)
{
	if (to != NO_NODE && !w->mark[to]) {
		w->mark[to] = 1;
		w->stack[w->top++] = to;
	}
}

/* Marks in w->mark every node reachable from `from` (included). */
static void flood(Walk *w, int from)
{
	push_node(w, from);
	while (w->top) {
		int k = w->stack[--w->top];
		for (int j = w->e->start[k]; j < w->e->start[k + 1]; j++)
			push_node(w, w->e->to[j]);
	}
}

/* The edges of e (over n nodes) turned around, one for each edge between
 * two nodes: node k is led to from to[start[k]] .. to[start[k + 1] - 1]. */
static Edges reversed(const Edges *e, size_t n)
{
	int *start = xcalloc(n + 2, sizeof(int));
	for (int j = 0; j < e->start[n]; j++)
		if (e->to[j] != NO_NODE)
			start[e->to[j] + 1]++;
	for (size_t i = 1; i <= n; i++)
		start[i] += start[i - 1];
	int *from = xmalloc(((size_t)start[n] + 1) * sizeof(int));
	for (size_t i = 0; i < n; i++)
		for (int j = e->start[i]; j < e->start[i + 1]; j++)
			if (e->to[j] != NO_NODE)
				from[start[e->to[j]]++] = (int)i;
	/* The filling advanced start[k] to the end of k's run: shift back. */
	for (size_t i = n; i > 0; i--)
		start[i] = start[i - 1];
	start[0] = 0;
	return (Edges){ start, from, (size_t)start[n], (size_t)start[n] + 1 };
}

/* Whether n is passed over in mode m: an `only` that leaves m out. */
static bool passed_over(const Node *n, Mode m)
{
	return n->only && !(n->only & (unsigned)m);
}

/* Whether the session can go through n in mode m without waiting for a
 * line: a `set`, a node passed over, and the nodes that ask only when
 * there is something to ask about: a `pick` whose bank is spent, a
 * `review` with nothing open, an `each` over an empty list. A `call`
 * counts as waiting: its dialogue is checked on its own. */
static bool quiet_in(const Node *n, Mode m)
{
	return n->kind == NODE_SET || n->kind == NODE_PICK || n->kind == NODE_REVIEW ||
	       (n->kind == NODE_ASK && n->u.ask.each) || passed_over(n, m);
}

/* The edges among the candidate nodes quiet in mode m: a `set` leads where
 * its rules and next lead, a node passed over to the node after it. */
static Edges quiet_edges(const Dialogue *dl, const Edges *e, const char *cand, Mode m)
{
	size_t n = dl->nnodes;
	Edges q = { xmalloc((n + 1) * sizeof(int)), NULL, 0, 0 };
	for (size_t i = 0; i < n; i++) {
		q.start[i] = (int)q.count;
		const Node *node = &dl->nodes[i];
		if (!cand[i] || !quiet_in(node, m))
			continue;
		if (passed_over(node, m)) {
			if (node->next != NO_NODE && cand[node->next] && quiet_in(&dl->nodes[node->next], m))
				add_edge(&q, node->next);
			continue;
		}
		for (int j = e->start[i]; j < e->start[i + 1]; j++) {
			int to = e->to[j];
			if (to != NO_NODE && cand[to] && quiet_in(&dl->nodes[to], m))
				add_edge(&q, to);
		}
	}
	q.start[n] = (int)q.count;
	return q;
}

/*
 * Adds to loop the candidate nodes that lie on, or lead only into, a cycle
 * of nodes none of which waits for a line in mode m: what is left once the
 * nodes whose every quiet way on ends are peeled off, as in a topological
 * sort (linear in the edges).
 */
static void mark_quiet_loops(const Dialogue *dl, const Edges *e, const char *cand, Mode m,
                             char *loop)
{
	size_t n = dl->nnodes;
	Edges q = quiet_edges(dl, e, cand, m), back = reversed(&q, n);
	int *out = xmalloc(n * sizeof(int));
	char *left = xmalloc(n);
	int *stack = xmalloc((n + 1) * sizeof(int));
	size_t top = 0;
	for (size_t i = 0; i < n; i++) {
		out[i] = q.start[i + 1] - q.start[i];
		left[i] = cand[i] && quiet_in(&dl->nodes[i], m);
		if (left[i] && out[i] == 0)
			stack[top++] = (int)i;
	}
	while (top) {
		int k = stack[--top];
		left[k] = 0;
		for (int j = back.start[k]; j < back.start[k + 1]; j++)
			if (left[back.to[j]] && --out[back.to[j]] == 0)
				stack[top++] = back.to[j];
	}
	for (size_t i = 0; i < n; i++)
		loop[i] |= left[i];
	free(stack);
	free(left);
	free(out);
	edges_free(&back);
	edges_free(&q);
}

/* Warns at the first node, in file order, of each stretch of nodes that
 * `bad` marks, then covers everything that node leads to, so that one dead
 * or looping stretch gives one warning. fmt: a msgid (N_), which
 * diag_warning translates. */
static void warn_stretches(const Checker *c, const Edges *e, const char *bad, const char *fmt)
{
	size_t n = c->dl->nnodes;
	Walk w = { e, xcalloc(n, 1), xmalloc((n + 1) * sizeof(int)), 0 };
	for (size_t i = 0; i < n; i++) {
		if (!bad[i] || w.mark[i])
			continue;
		const Node *node = &c->dl->nodes[i];
		diag_warning(c->d, c->dl->path, node->loc, fmt, node->id);
		flood(&w, (int)i);
	}
	free(w.mark);
	free(w.stack);
}

static void check_route(const Checker *c)
{
	const Dialogue *dl = c->dl;
	size_t n = dl->nnodes;
	if (!n || dl->start == NO_NODE)
		return;
	Routes rt = routes_of(dl);
	Edges e = edges_of(&rt);
	char *reached = xcalloc(n, 1), *done = xcalloc(n, 1);
	routes_reached(dl, &rt, reached);
	routes_completing(dl, &rt, done);
	routes_free(&rt);
	char *unreached = xmalloc(n);
	for (size_t i = 0; i < n; i++)
		unreached[i] = !reached[i];
	warn_stretches(c, &e, unreached, N_("node '%s' is never reached"));
	char *stuck = xmalloc(n);
	for (size_t i = 0; i < n; i++)
		stuck[i] = reached[i] && !done[i];
	warn_stretches(c, &e, stuck, N_("from node '%s' the session can never complete: every way on loops back"));
	/* Loops with a way out, that may still never ask anything. */
	char *open = xmalloc(n), *quiet = xmalloc(n);
	for (size_t i = 0; i < n; i++)
		open[i] = reached[i] && done[i];
	memset(quiet, 0, n);
	for (Mode m = MODE_COACH; m <= MODE_PRACTICE; m <<= 1)
		mark_quiet_loops(dl, &e, open, m, quiet);
	warn_stretches(c, &e, quiet, N_("from node '%s' the session can loop without asking "
	                                "anything: while the loop's conditions hold, it runs until a bound "
	                                "stops it with an error; make the loop ask something or end"));
	free(quiet);
	free(open);
	free(stuck);
	free(done);
	free(unreached);
	free(reached);
	edges_free(&e);
}

/* The first node that asks for words of the person's own (not a menu nor
 * a number), or NULL. */
static const Node *first_open_question(const Dialogue *dl)
{
	for (size_t i = 0; i < dl->nnodes; i++) {
		const Node *n = &dl->nodes[i];
		bool open = n->kind == NODE_PICK || n->kind == NODE_COMMITMENTS ||
		            (n->kind == NODE_REVIEW && n->u.review.nquestions) ||
		            (n->kind == NODE_ASK && !n->u.ask.nchoices && !n->u.ask.scale);
		if (open && n->only != MODE_PRACTICE)
			return n;
	}
	return NULL;
}

/* Words a person types may speak of distress: a dialogue that asks for
 * them without the safety net would go on as if nothing were said. */
static void check_safety(const Checker *c)
{
	const Dialogue *dl = c->dl;
	if (dl->safety.npatterns || (dl->library_safety && dl->library_safety->npatterns))
		return;
	const Node *n = first_open_question(dl);
	if (n)
		diag_warning(c->d, dl->path, n->loc,
		             "node '%s' asks open questions, but no safety pattern applies to this "
		             "dialogue: add a 'safety:' block, or a safety.yaml beside it or in the "
		             "library's '%s' folder", n->id, dl->lang);
}

/* ----- audiences ------------------------------------------------------------- */

/* The narrowest audience of the nodes that save each name: a Map of the
 * names beside their audiences, built in one pass so that checking a
 * large dialogue stays linear. */
typedef struct Saved {
	Map names;
	uint8_t *least;
	size_t cap;
} Saved;

static void saved_build(Saved *sv, const Dialogue *dl)
{
	for (size_t i = 0; i < dl->nnodes; i++) {
		const Node *n = &dl->nodes[i];
		if (!n->save)
			continue;
		bool added;
		size_t at = map_add(&sv->names, n->save, &added);
		GROW(sv->least, sv->cap, at + 1);
		if (added || n->audience < sv->least[at])
			sv->least[at] = n->audience;
	}
}

/* A question being checked for the answers its text shows. */
typedef struct Shown {
	const Checker *c;
	const Saved *saved;
	const Node *n;
	Loc loc;             /* of the text */
} Shown;

/* Warns when name is an answer saved only for a narrower audience than
 * the question's. Names no node saves (recalled, set, builtins) are let
 * through: where their values come from cannot be told here. */
static void shown_name(const Shown *sh, const char *name, Loc loc, bool each)
{
	long at = map_find(&sh->saved->names, name);
	if (at == MAP_NONE || sh->saved->least[at] >= sh->n->audience)
		return;
	const char *mine = audience_name((Audience)sh->n->audience);
	const char *theirs = audience_name((Audience)sh->saved->least[at]);
	if (each)
		diag_warning(sh->c->d, sh->c->dl->path, loc, "a '%s' question is asked over '%s', "
		             "an answer whose audience is '%s'", mine, name, theirs);
	else
		diag_warning(sh->c->d, sh->c->dl->path, loc, "a '%s' question shows '{%s}', an "
		             "answer whose audience is '%s'", mine, name, theirs);
}

static void on_shown_name(void *ctx, const char *name, size_t len, size_t pos)
{
	(void)pos;
	const Shown *sh = ctx;
	char *n = xstrndup(name, len);
	shown_name(sh, n, sh->loc, false);
	free(n);
}

static void shown_text(Shown *sh, Text t)
{
	char *err = NULL;
	size_t pos = 0;
	if (!t.s)
		return;
	sh->loc = text_loc(t);
	if (!render_scan(t.s, on_shown_name, sh, &err, &pos))
		free(err);  /* reported by check_text */
}

/* The questions whose text a report shows to a wider audience than that
 * of an answer they name. */
static void check_audiences(const Checker *c)
{
	Saved sv = { 0 };
	saved_build(&sv, c->dl);
	for (size_t i = 0; i < c->dl->nnodes; i++) {
		const Node *n = &c->dl->nodes[i];
		if (n->kind != NODE_ASK || n->audience == AUDIENCE_PRIVATE)
			continue;
		Shown sh = { c, &sv, n, n->loc };
		shown_text(&sh, n->text);
		shown_text(&sh, n->self);
		shown_text(&sh, n->u.ask.again);
		if (n->u.ask.each)
			shown_name(&sh, n->u.ask.each, n->u.ask.each_loc, true);
	}
	map_free(&sv.names);
	free(sv.least);
}

void check_dialogue(const Dialogue *dl, Diags *d)
{
	Checker c = { .dl = dl, .d = d };
	declare_all(&c.syms, dl);
	type_assignments(&c);
	for (size_t i = 0; i < dl->nnodes; i++)
		check_node(&c, &dl->nodes[i]);
	check_banks(&c);
	check_route(&c);
	check_safety(&c);
	check_audiences(&c);
	symtab_free(&c.syms);
}
