/*
 * routes: a dialogue's edges, read from its nodes once.
 *
 * The order of a node's routes is the interpreter's: a choice's goto wins
 * over `next`; rules are tried in order and the first without `if` always
 * holds, so none after it is ever tried (nor is the default); the default
 * applies when no rule did, or when the node has none. Kept in one place,
 * so that what `tandem graph` draws, what `tandem walk` counts and what
 * `tandem check` warns about cannot drift apart.
 */
#include "routes.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "util.h"

static void add(Routes *r, int from, int to, RouteKind kind, uint32_t index)
{
	GROW(r->v, r->cap, r->n + 1);
	r->v[r->n++] = (Route){ from, to, kind, index };
}

/* The modes a node runs in, as bits; 0 in `only` means every mode. */
enum { ALL_MODES = MODE_COACH | MODE_SELF | MODE_PRACTICE };

bool node_runs_in(const Node *n, Mode m)
{
	return !n->only || (n->only & (unsigned)m);
}

/* Whether some mode passes n over. */
static bool passed_somewhere(const Node *n)
{
	return n->only && (n->only & ALL_MODES) != ALL_MODES;
}

/* The routes of node i that the interpreter takes once it is done. */
static void add_node(Routes *r, const Node *n, int i)
{
	if (n->kind == NODE_CALL)
		add(r, i, NO_NODE, ROUTE_CALL, 0);
	if (n->kind == NODE_PICK)
		add(r, i, NO_NODE, ROUTE_PICK, 0);
	bool falls = true;
	if (n->kind == NODE_ASK && n->u.ask.nchoices) {
		falls = false;
		for (uint32_t k = 0; k < n->u.ask.nchoices; k++) {
			if (n->u.ask.choices[k].target != NO_NODE)
				add(r, i, n->u.ask.choices[k].target, ROUTE_CHOICE, k);
			else
				falls = true;
		}
	}
	bool always = false;
	for (uint32_t k = 0; falls && !always && k < n->nrules; k++) {
		add(r, i, n->rules[k].target, ROUTE_RULE, k);
		always = n->rules[k].cond == NULL;
	}
	if (falls && !always)
		add(r, i, n->next, ROUTE_NEXT, 0);
}

static void find_reached(const Dialogue *d, Routes *r);

Routes routes_of(const Dialogue *d)
{
	Routes r = { .start = xmalloc((d->nnodes + 1) * sizeof(size_t)), .nnodes = d->nnodes };
	for (size_t i = 0; i < d->nnodes; i++) {
		const Node *n = &d->nodes[i];
		r.start[i] = r.n;
		/* An `end` leads nowhere, but is passed over where it does not run. */
		if (n->kind != NODE_END)
			add_node(&r, n, (int)i);
		if (passed_somewhere(n)) {
			add(&r, (int)i, n->next, ROUTE_PASS, 0);
			r.passes++;
		}
	}
	r.start[d->nnodes] = r.n;
	find_reached(d, &r);
	return r;
}

void routes_free(Routes *r)
{
	free(r->v);
	free(r->start);
	free(r->reached);
	*r = (Routes){ 0 };
}

bool route_moves(const Route *r)
{
	return r->kind != ROUTE_CALL && r->kind != ROUTE_PICK;
}

long routes_find(const Routes *r, int from, RouteKind kind, uint32_t index)
{
	if (from < 0 || (size_t)from >= r->nnodes)
		return -1;
	for (size_t j = r->start[from]; j < r->start[from + 1]; j++)
		if (r->v[j].kind == kind && r->v[j].index == index)
			return (long)j;
	return -1;
}

bool route_in_mode(const Dialogue *d, const Route *r, Mode m)
{
	bool runs = node_runs_in(&d->nodes[r->from], m);
	return r->kind == ROUTE_PASS ? !runs : runs;
}

/* Sets mark[i] (zeroed by the caller) for every node reached from the
 * start by the routes that mode m takes (0: every route). */
static void reach_in(const Dialogue *d, const Routes *r, unsigned m, char *mark)
{
	if (!d->nnodes || d->start == NO_NODE)
		return;
	int *stack = xmalloc(d->nnodes * sizeof(int));
	size_t top = 0;
	mark[d->start] = 1;
	stack[top++] = d->start;
	while (top) {
		int k = stack[--top];
		for (size_t j = r->start[k]; j < r->start[k + 1]; j++) {
			int to = r->v[j].to;
			if (route_moves(&r->v[j]) && (!m || route_in_mode(d, &r->v[j], (Mode)m)) &&
			    to != NO_NODE && !mark[to]) {
				mark[to] = 1;
				stack[top++] = to;
			}
		}
	}
	free(stack);
}

enum { REACHED = 1, MET_PASSING = 2 };

/* Keeps node i's PASS route only when r->reached[i] says a session in a
 * mode that passes i over comes to it. */
static void drop_passes_never_met(Routes *r)
{
	size_t kept = 0;
	for (size_t i = 0; i < r->nnodes; i++) {
		size_t from = r->start[i];
		r->start[i] = kept;
		for (size_t j = from; j < r->start[i + 1]; j++)
			if (r->v[j].kind != ROUTE_PASS || (r->reached[i] & MET_PASSING))
				r->v[kept++] = r->v[j];
	}
	r->start[r->nnodes] = kept;
	r->n = kept;
}

/*
 * Which nodes a session can come to. A session keeps its mode from start
 * to end, so each mode is followed on its own: a coach-only node on a path
 * that self mode never takes has no way on in self mode, and its route
 * "passed over in self" is dropped, so that neither a graph nor a walk's
 * coverage counts a route no session can take. A dialogue without `only:`
 * is the same in every mode: one walk of its routes.
 */
static void find_reached(const Dialogue *d, Routes *r)
{
	size_t n = d->nnodes;
	r->reached = xcalloc(n + 1, 1);
	if (!r->passes) {
		reach_in(d, r, 0, r->reached);
		return;
	}
	char *in = xmalloc(n + 1);
	for (Mode m = MODE_COACH; m <= MODE_PRACTICE; m <<= 1) {
		memset(in, 0, n + 1);
		reach_in(d, r, (unsigned)m, in);
		for (size_t i = 0; i < n; i++)
			if (in[i])
				r->reached[i] |= REACHED | (node_runs_in(&d->nodes[i], m) ? 0 : MET_PASSING);
	}
	free(in);
	drop_passes_never_met(r);
}

void routes_reached(const Dialogue *d, const Routes *r, char *mark)
{
	for (size_t i = 0; i < d->nnodes; i++)
		mark[i] = (char)(r->reached[i] & REACHED);
}

/* The routes turned around, between nodes only: node k is led to from
 * from[start[k]] .. from[start[k + 1] - 1]. */
typedef struct Back {
	size_t *start;
	int *from;
} Back;

static Back back_of(const Routes *r)
{
	size_t n = r->nnodes;
	Back b = { xcalloc(n + 2, sizeof(size_t)), NULL };
	for (size_t j = 0; j < r->n; j++)
		if (route_moves(&r->v[j]) && r->v[j].to != NO_NODE)
			b.start[r->v[j].to + 1]++;
	for (size_t i = 1; i <= n; i++)
		b.start[i] += b.start[i - 1];
	b.from = xmalloc((b.start[n] + 1) * sizeof(int));
	for (size_t j = 0; j < r->n; j++)
		if (route_moves(&r->v[j]) && r->v[j].to != NO_NODE)
			b.from[b.start[r->v[j].to]++] = r->v[j].from;
	/* The filling advanced start[k] to the end of k's run: shift back. */
	for (size_t i = n; i > 0; i--)
		b.start[i] = b.start[i - 1];
	b.start[0] = 0;
	return b;
}

void routes_completing(const Dialogue *d, const Routes *r, char *done)
{
	size_t n = d->nnodes;
	Back back = back_of(r);
	int *stack = xmalloc((n + 1) * sizeof(int));
	size_t top = 0;
	for (size_t i = 0; i < n; i++) {
		bool ends = d->nodes[i].kind == NODE_END;
		for (size_t j = r->start[i]; !ends && j < r->start[i + 1]; j++)
			ends = route_moves(&r->v[j]) && r->v[j].to == NO_NODE;
		if (ends) {
			done[i] = 1;
			stack[top++] = (int)i;
		}
	}
	while (top) {
		int k = stack[--top];
		for (size_t j = back.start[k]; j < back.start[k + 1]; j++)
			if (!done[back.from[j]]) {
				done[back.from[j]] = 1;
				stack[top++] = back.from[j];
			}
	}
	free(stack);
	free(back.start);
	free(back.from);
}

/* "self", "coach, practice": the modes that pass n over. */
static void passed_modes(const Node *n, Buf *b)
{
	for (Mode m = MODE_COACH; m <= MODE_PRACTICE; m <<= 1)
		if (!node_runs_in(n, m))
			buf_printf(b, "%s%s", b->len ? ", " : "", mode_name(m));
}

/* Whether node n has routes that a condition or a choice's goto picks, so
 * that its default is what is left: "else". */
static bool has_branches(const Node *n)
{
	for (size_t k = 0; n->kind == NODE_ASK && k < n->u.ask.nchoices; k++)
		if (n->u.ask.choices[k].target != NO_NODE)
			return true;
	return n->nrules > 0;
}

bool route_is_plain(const Dialogue *d, const Route *r)
{
	const Node *n = &d->nodes[r->from];
	return (r->kind == ROUTE_NEXT && !has_branches(n)) ||
	       (r->kind == ROUTE_RULE && r->index == 0 && !n->rules[0].cond);
}

char *route_label(const Dialogue *d, const Route *r)
{
	const Node *n = &d->nodes[r->from];
	switch (r->kind) {
	case ROUTE_CHOICE:
		return xstrdup(n->u.ask.choices[r->index].key);
	case ROUTE_RULE:
		if (n->rules[r->index].cond)
			return xasprintf("if: %s", expr_source(n->rules[r->index].cond));
		return xstrdup(r->index ? _("else") : _("next"));
	case ROUTE_NEXT:
		return xstrdup(has_branches(n) ? _("else") : _("next"));
	case ROUTE_PASS: {
		Buf modes = { 0 };
		passed_modes(n, &modes);
		char *label = xasprintf(_("passed over in %s"), buf_str(&modes));
		buf_free(&modes);
		return label;
	}
	case ROUTE_CALL:
		return xasprintf(_("call %s"), n->u.call.target);
	case ROUTE_PICK:
		return xasprintf(_("pick from %s"), n->u.pick.bank_id);
	}
	BUG("no route kind %d", (int)r->kind);
}
