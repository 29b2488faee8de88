/*
 * pair: what two translations of a dialogue must share, compared.
 *
 * Nodes are matched by id, not by position, so that a node missing or
 * moved in one file gives one message about it rather than a difference at
 * every node after it; the order of the nodes matters where it shapes a
 * session, through each node's default next (the node that follows it).
 * Choice keys are compared in order: a client types a choice's number.
 *
 * Places are carried into messages as "FILE:LINE:COL" strings, made in a
 * small ring of buffers (Pair.ring): a message names at most four.
 */
#include "pair.h"

#include <dirent.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "i18n.h"
#include "langtag.h"

typedef struct Pair {
	const char *fa, *fb;     /* the two files: a the reference */
	Diags *d;
	char *ring[8];           /* strings handed to messages */
	size_t next;
} Pair;

/* Where a difference is reported: a place in one of the two files. */
typedef struct Where {
	const char *file;
	Loc loc;
} Where;

static Where at_a(const Pair *p, Loc loc)
{
	return (Where){ p->fa, loc };
}

static Where at_b(const Pair *p, Loc loc)
{
	return (Where){ p->fb, loc };
}

/* s, a heap string, kept until the ring comes round to it. */
static const char *kept(Pair *p, char *s)
{
	char **slot = &p->ring[p->next++ % ARRAY_LEN(p->ring)];
	free(*slot);
	*slot = s;
	return s;
}

/* "FILE:LINE:COL", or the file alone when the place is not known. */
static const char *in(Pair *p, Where w)
{
	if (!w.loc.line)
		return kept(p, xstrdup(w.file));
	return kept(p, xasprintf("%s:%u:%u", w.file, w.loc.line, w.loc.col));
}

/* Reports a difference at w; fmt is a msgid (the Makefile's XGETTEXT_KEYS
 * knows bad:3), translated here. */
static void bad(Pair *p, Where w, const char *fmt, ...) PRINTF_LIKE(3, 4);
static void bad(Pair *p, Where w, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *msg = xvasprintf(_(fmt), ap);
	va_end(ap);
	diag_error(p->d, w.file, w.loc, "%s", msg);
	free(msg);
}

static void pair_done(Pair *p)
{
	for (size_t i = 0; i < ARRAY_LEN(p->ring); i++)
		free(p->ring[i]);
}

/* Names joined with ", ", kept in the ring. */
static const char *joined(Pair *p, const char *const *v, size_t n)
{
	Buf b = { 0 };
	for (size_t i = 0; i < n; i++)
		buf_printf(&b, "%s%s", i ? ", " : "", v[i]);
	return kept(p, buf_take(&b));
}

static bool same_names(const char *const *a, size_t na, const char *const *b, size_t nb)
{
	if (na != nb)
		return false;
	for (size_t i = 0; i < na; i++)
		if (!str_eq(a[i], b[i]))
			return false;
	return true;
}

/* Where the first of a list of names (each a Text's bytes) is written. */
static Loc names_loc(const char *const *v, size_t n, Loc or)
{
	return n ? text_loc((Text){ v[0] }) : or;
}

/* ----- nodes --------------------------------------------------------------- */

/* What a node is, as a coach names it: a question, a choice, a scale... */
static const char *shape(const Node *n)
{
	static const char *const kinds[NODE_NKINDS] = {
		N_("a 'say'"), N_("a question"), N_("a 'set'"), N_("a 'pick'"),
		N_("a 'commitments'"), N_("a 'review'"), N_("a 'call'"), N_("an 'end'"),
	};
	if (n->kind == NODE_ASK && n->u.ask.nchoices)
		return _("a choice");
	if (n->kind == NODE_ASK && n->u.ask.scale)
		return _("a scale");
	return _(kinds[n->kind]);
}

/* The id of node i of d, "" for the end of the dialogue. */
static const char *target_id(const Dialogue *d, int i)
{
	return i == NO_NODE ? "" : d->nodes[i].id;
}

/* A target as messages name it: 'id', or the end of the dialogue. */
static const char *target_name(Pair *p, const Dialogue *d, int i)
{
	if (i == NO_NODE)
		return kept(p, xstrdup(_("the end of the dialogue")));
	return kept(p, xasprintf("'%s'", d->nodes[i].id));
}

static void add_ref(void *ctx, RefKind kind, const char *name, size_t pos)
{
	(void)pos;
	Buf *b = ctx;
	buf_printf(b, "%s%s%s%s", b->len ? ", " : "", kind == REF_NODE ? "visited(" : "", name,
	           kind == REF_NODE ? ")" : "");
}

/* What an expression reads, in order. */
static const char *refs_of(Pair *p, const Expr *e)
{
	Buf b = { 0 };
	if (e)
		expr_refs(e, add_ref, &b);
	return kept(p, buf_take(&b));
}

/*
 * An expression's shape: its source without blanks, each "text" or
 * 'text' written "…" and each /regex/flags written /…/, since those are
 * translated; names, numbers and operators kept. The grammar has no
 * division: a '/' always opens a regex (expr.h).
 */
static const char *shape_of(Pair *p, const Expr *e)
{
	Buf b = { 0 };
	const char *s = e ? expr_source(e) : "";
	while (*s) {
		char c = *s++;
		if (c == '"' || c == '\'' || c == '/') {
			while (*s && *s != c)
				s += (*s == '\\' && s[1]) ? 2 : 1;
			if (*s)
				s++;
			if (c == '/')
				s += strspn(s, "imsxu");
			buf_adds(&b, c == '/' ? "/…/" : "\"…\"");
		} else if (c != ' ' && c != '\t' && c != '\n') {
			buf_addc(&b, c);
		}
	}
	return kept(p, buf_take(&b));
}

/* Two nodes of the same id, being compared. */
typedef struct Nodes {
	Pair *p;
	const Dialogue *da, *db;
	const Node *a, *b;
} Nodes;

/* A part given in one node and not in the other: reported where it is. */
static void same_given(Nodes *n, const char *key, bool a, Loc la, bool b, Loc lb)
{
	Pair *p = n->p;
	if (a && !b)
		bad(p, at_a(p, la), "node '%s' has '%s' in %s but not in %s", n->a->id, key,
		    in(p, at_a(p, la)), p->fb);
	else if (b && !a)
		bad(p, at_b(p, lb), "node '%s' has '%s' in %s but not in %s", n->a->id, key,
		    in(p, at_b(p, lb)), p->fa);
}

static Loc text_or(Text t, Loc or)
{
	return t.s ? text_loc(t) : or;
}

static void same_target(Nodes *n, int ta, int tb)
{
	Pair *p = n->p;
	if (str_eq(target_id(n->da, ta), target_id(n->db, tb)))
		return;
	bad(p, at_b(p, n->b->loc), "node '%s' is followed by %s in %s and by %s in %s", n->a->id,
	    target_name(p, n->da, ta), in(p, at_a(p, n->a->loc)), target_name(p, n->db, tb),
	    in(p, at_b(p, n->b->loc)));
}

static void same_rules(Nodes *n)
{
	Pair *p = n->p;
	const Node *a = n->a, *b = n->b;
	if (a->nrules != b->nrules) {
		bad(p, at_b(p, b->loc), "the number of 'next' rules of node '%s' is %u in %s and %u "
		    "in %s", a->id, a->nrules, in(p, at_a(p, a->loc)), b->nrules, in(p, at_b(p, b->loc)));
		return;
	}
	for (size_t i = 0; i < a->nrules; i++) {
		const Rule *ra = &a->rules[i], *rb = &b->rules[i];
		Where wa = at_a(p, ra->loc), wb = at_b(p, rb->loc);
		if (!ra->cond != !rb->cond) {
			bool in_a = ra->cond != NULL;
			bad(p, in_a ? wa : wb, "node '%s': 'next' rule %zu has a condition in %s but "
			    "none in %s", a->id, i + 1, in(p, in_a ? wa : wb), in_a ? p->fb : p->fa);
		} else if (!str_eq(refs_of(p, ra->cond), refs_of(p, rb->cond))) {
			bad(p, wb, "node '%s': the condition of 'next' rule %zu reads [%s] in %s and "
			    "[%s] in %s", a->id, i + 1, refs_of(p, ra->cond), in(p, wa),
			    refs_of(p, rb->cond), in(p, wb));
		} else if (!str_eq(shape_of(p, ra->cond), shape_of(p, rb->cond))) {
			bad(p, wb, "node '%s': the condition of 'next' rule %zu is '%s' in %s and '%s' in "
			    "%s (texts and patterns aside)", a->id, i + 1, shape_of(p, ra->cond),
			    in(p, wa), shape_of(p, rb->cond), in(p, wb));
		}
		if (!str_eq(target_id(n->da, ra->target), target_id(n->db, rb->target)))
			bad(p, wb, "node '%s': 'next' rule %zu goes to %s in %s and to %s in %s", a->id,
			    i + 1, target_name(p, n->da, ra->target), in(p, wa),
			    target_name(p, n->db, rb->target), in(p, wb));
	}
}

static void same_choices(Nodes *n)
{
	Pair *p = n->p;
	const AskSpec *a = &n->a->u.ask, *b = &n->b->u.ask;
	const char **ka = xcalloc(a->nchoices + 1, sizeof(char *));
	const char **kb = xcalloc(b->nchoices + 1, sizeof(char *));
	for (size_t i = 0; i < a->nchoices; i++)
		ka[i] = a->choices[i].key;
	for (size_t i = 0; i < b->nchoices; i++)
		kb[i] = b->choices[i].key;
	bool same = same_names(ka, a->nchoices, kb, b->nchoices);
	if (!same) {
		Where wa = at_a(p, a->nchoices ? a->choices[0].loc : n->a->loc);
		Where wb = at_b(p, b->nchoices ? b->choices[0].loc : n->b->loc);
		bad(p, wb, "node '%s' has the choices [%s] in %s and [%s] in %s", n->a->id,
		    joined(p, ka, a->nchoices), in(p, wa), joined(p, kb, b->nchoices), in(p, wb));
	}
	for (size_t i = 0; same && i < a->nchoices; i++) {
		const Choice *ca = &a->choices[i], *cb = &b->choices[i];
		if (str_eq(target_id(n->da, ca->target), target_id(n->db, cb->target)))
			continue;
		/* A choice without goto goes on as the node does. */
		const char *ta = ca->target == NO_NODE ? kept(p, xstrdup(_("no goto")))
		                                       : target_name(p, n->da, ca->target);
		const char *tb = cb->target == NO_NODE ? kept(p, xstrdup(_("no goto")))
		                                       : target_name(p, n->db, cb->target);
		bad(p, at_b(p, cb->loc), "node '%s': choice '%s' goes to %s in %s and to %s in %s",
		    n->a->id, ca->key, ta, in(p, at_a(p, ca->loc)), tb, in(p, at_b(p, cb->loc)));
	}
	free(ka);
	free(kb);
}

static void same_ask(Nodes *n)
{
	Pair *p = n->p;
	const AskSpec *a = &n->a->u.ask, *b = &n->b->u.ask;
	Where wa = at_a(p, n->a->loc), wb = at_b(p, n->b->loc);
	same_choices(n);
	if (a->scale && b->scale && (a->min != b->min || a->max != b->max))
		bad(p, wb, "node '%s' has the scale [%ld, %ld] in %s and [%ld, %ld] in %s", n->a->id,
		    a->min, a->max, in(p, wa), b->min, b->max, in(p, wb));
	if (a->repeat != b->repeat)
		bad(p, wb, "node '%s' has 'repeat: %s' in %s and 'repeat: %s' in %s", n->a->id,
		    a->repeat < 0 ? "true" : kept(p, xasprintf("%d", a->repeat)), in(p, wa),
		    b->repeat < 0 ? "true" : kept(p, xasprintf("%d", b->repeat)), in(p, wb));
	same_given(n, "validate", a->validate, n->a->loc, b->validate, n->b->loc);
	same_given(n, "optional", a->optional, n->a->loc, b->optional, n->b->loc);
	same_given(n, "each", a->each, a->each_loc, b->each, b->each_loc);
	if (a->each && b->each && !str_eq(a->each, b->each))
		bad(p, at_b(p, b->each_loc), "node '%s' is asked over each of '%s' in %s and of "
		    "'%s' in %s", n->a->id, a->each, in(p, at_a(p, a->each_loc)), b->each,
		    in(p, at_b(p, b->each_loc)));
}

static void same_pick(Nodes *n)
{
	Pair *p = n->p;
	const PickSpec *a = &n->a->u.pick, *b = &n->b->u.pick;
	Where wa = at_a(p, text_or(n->a->text, n->a->loc));
	Where wb = at_b(p, text_or(n->b->text, n->b->loc));
	if (!str_eq(a->bank_id, b->bank_id))
		bad(p, wb, "node '%s' picks from the bank '%s' in %s and from '%s' in %s", n->a->id,
		    a->bank_id, in(p, wa), b->bank_id, in(p, wb));
	if (!same_names(a->tags, a->ntags, b->tags, b->ntags)) {
		Where ta = at_a(p, names_loc(a->tags, a->ntags, n->a->loc));
		Where tb = at_b(p, names_loc(b->tags, b->ntags, n->b->loc));
		bad(p, tb, "node '%s' picks the tags [%s] in %s and [%s] in %s", n->a->id,
		    joined(p, a->tags, a->ntags), in(p, ta), joined(p, b->tags, b->ntags), in(p, tb));
	}
	if (a->count != b->count)
		bad(p, wb, "the 'count' of node '%s' is %d in %s and %d in %s", n->a->id, a->count,
		    in(p, wa), b->count, in(p, wb));
	const char *la = a->about ? a->about : "", *lb = b->about ? b->about : "";
	if (!str_eq(la, lb))
		bad(p, wb, "node '%s' picks about '%s' in %s and about '%s' in %s", n->a->id, la,
		    in(p, wa), lb, in(p, wb));
}

static void same_set(Nodes *n)
{
	Pair *p = n->p;
	const Node *a = n->a, *b = n->b;
	bool same = a->nassigns == b->nassigns;
	for (size_t i = 0; same && i < a->nassigns; i++)
		same = str_eq(a->assigns[i].name, b->assigns[i].name);
	if (!same) {
		Buf sa = { 0 }, sb = { 0 };
		for (size_t i = 0; i < a->nassigns; i++)
			buf_printf(&sa, "%s%s", i ? ", " : "", a->assigns[i].name);
		for (size_t i = 0; i < b->nassigns; i++)
			buf_printf(&sb, "%s%s", i ? ", " : "", b->assigns[i].name);
		bad(p, at_b(p, b->loc), "node '%s' sets [%s] in %s and [%s] in %s", a->id,
		    kept(p, buf_take(&sa)), in(p, at_a(p, a->loc)), kept(p, buf_take(&sb)),
		    in(p, at_b(p, b->loc)));
		return;
	}
	for (size_t i = 0; i < a->nassigns; i++) {
		const Assign *x = &a->assigns[i], *y = &b->assigns[i];
		if (!str_eq(shape_of(p, x->expr), shape_of(p, y->expr)))
			bad(p, at_b(p, y->loc), "node '%s': the value set to '%s' is '%s' in %s and '%s' in "
			    "%s (texts and patterns aside)", a->id, x->name, shape_of(p, x->expr),
			    in(p, at_a(p, x->loc)), shape_of(p, y->expr), in(p, at_b(p, y->loc)));
	}
}

static void same_kind_parts(Nodes *n)
{
	Pair *p = n->p;
	const Node *a = n->a, *b = n->b;
	Where wa = at_a(p, text_or(a->text, a->loc)), wb = at_b(p, text_or(b->text, b->loc));
	switch (a->kind) {
	case NODE_ASK: same_ask(n); break;
	case NODE_PICK: same_pick(n); break;
	case NODE_SET: same_set(n); break;
	case NODE_CALL:
		if (!str_eq(a->u.call.target, b->u.call.target))
			bad(p, wb, "node '%s' calls '%s' in %s and '%s' in %s", a->id,
			    a->u.call.target, in(p, wa), b->u.call.target, in(p, wb));
		break;
	case NODE_REVIEW:
		if (a->u.review.nquestions != b->u.review.nquestions)
			bad(p, at_b(p, b->loc), "the number of review questions of node '%s' is %u in "
			    "%s and %u in %s", a->id, a->u.review.nquestions, in(p, at_a(p, a->loc)),
			    b->u.review.nquestions, in(p, at_b(p, b->loc)));
		same_given(n, "none", a->u.review.none.s, text_or(a->u.review.none, a->loc),
		           b->u.review.none.s, text_or(b->u.review.none, b->loc));
		same_given(n, "self", a->u.review.self, a->loc, b->u.review.self, b->loc);
		break;
	case NODE_COMMITMENTS:
		same_given(n, "self", a->u.commit.self, a->loc, b->u.commit.self, b->loc);
		break;
	case NODE_SAY:
	case NODE_END:
		break;
	}
}

/* Modes as a list, "every mode" for none. */
static const char *modes(Pair *p, unsigned only)
{
	if (!only)
		return kept(p, xstrdup(_("every mode")));
	Buf b = { 0 };
	for (Mode m = MODE_COACH; m <= MODE_PRACTICE; m <<= 1)
		if (only & m)
			buf_printf(&b, "%s%s", b.len ? ", " : "", mode_name(m));
	return kept(p, buf_take(&b));
}

static void same_node(Pair *p, const Dialogue *da, const Dialogue *db, const Node *a,
                      const Node *b)
{
	Nodes n = { p, da, db, a, b };
	Where wa = at_a(p, a->loc), wb = at_b(p, b->loc);
	if (a->kind != b->kind || !str_eq(shape(a), shape(b))) {
		bad(p, wb, "node '%s' is %s in %s and %s in %s", a->id, shape(a), in(p, wa), shape(b),
		    in(p, wb));
		return;
	}
	same_given(&n, "section", a->section.s, text_or(a->section, a->loc), b->section.s,
	           text_or(b->section, b->loc));
	same_given(&n, "self", a->self.s, text_or(a->self, a->loc), b->self.s,
	           text_or(b->self, b->loc));
	if (a->save && b->save && !str_eq(a->save, b->save))
		bad(p, wb, "node '%s' saves its answer as '%s' in %s and as '%s' in %s", a->id,
		    a->save, in(p, wa), b->save, in(p, wb));
	if (a->only != b->only)
		bad(p, wb, "node '%s' runs in %s in %s and in %s in %s", a->id, modes(p, a->only),
		    in(p, wa), modes(p, b->only), in(p, wb));
	if (a->audience != b->audience)
		bad(p, wb, "node '%s' is for the audience '%s' in %s and '%s' in %s", a->id,
		    audience_name((Audience)a->audience), in(p, wa),
		    audience_name((Audience)b->audience), in(p, wb));
	if (a->npractice != b->npractice)
		bad(p, wb, "the number of practice points of node '%s' is %u in %s and %u in %s",
		    a->id, a->npractice, in(p, wa), b->npractice, in(p, wb));
	if (a->kind != NODE_END)  /* an end goes nowhere after it */
		same_target(&n, a->next, b->next);
	same_rules(&n);
	same_kind_parts(&n);
}

/* Nodes of one dialogue that the other lacks, reported where they are. */
static void missing_nodes(Pair *p, const Dialogue *have, const char *file,
                          const Dialogue *other, const char *other_file)
{
	for (size_t i = 0; i < have->nnodes; i++) {
		const Node *n = &have->nodes[i];
		if (dialogue_find(other, n->id) == NO_NODE)
			bad(p, (Where){ file, n->loc }, "node '%s' is in %s but not in %s", n->id,
			    in(p, (Where){ file, n->loc }), other_file);
	}
}

/* ----- the top of a dialogue ------------------------------------------------- */

static void same_vars(Pair *p, const Dialogue *a, const Dialogue *b)
{
	for (int pass = 0; pass < 2; pass++) {
		const Dialogue *x = pass ? b : a, *y = pass ? a : b;
		const char *fx = pass ? p->fb : p->fa, *fy = pass ? p->fa : p->fb;
		for (size_t i = 0; i < x->nvars; i++) {
			bool found = false;
			for (size_t j = 0; j < y->nvars && !found; j++)
				found = str_eq(x->vars[i].name, y->vars[j].name);
			Where w = { fx, x->vars[i].loc };
			if (!found)
				bad(p, w, "variable '%s' is declared in %s but not in %s", x->vars[i].name,
				    in(p, w), fy);
		}
		for (size_t i = 0; i < x->nrecall; i++) {
			bool found = false;
			for (size_t j = 0; j < y->nrecall && !found; j++)
				found = str_eq(x->recall[i], y->recall[j]);
			Where w = { fx, text_loc((Text){ x->recall[i] }) };
			if (!found)
				bad(p, w, "'%s' is recalled in %s but not in %s", x->recall[i], in(p, w), fy);
		}
	}
}

static const char **topics(const Safety *s)
{
	const char **v = xcalloc(s->npatterns + 1, sizeof(char *));
	for (size_t i = 0; i < s->npatterns; i++)
		v[i] = s->patterns[i].topic;
	return v;
}

/* Two safety nets: the same topics in the same order, coach guidance in
 * both or neither. what: whose net, as messages say it. */
static void same_safety(Pair *p, const char *what, const Safety *a, const Safety *b)
{
	const char **ta = topics(a), **tb = topics(b);
	if (!same_names(ta, a->npatterns, tb, b->npatterns)) {
		Where wa = at_a(p, names_loc(ta, a->npatterns, loc_at(0, 0)));
		Where wb = at_b(p, names_loc(tb, b->npatterns, loc_at(0, 0)));
		bad(p, wb, "%s has the topics [%s] in %s and [%s] in %s", _(what),
		    joined(p, ta, a->npatterns), in(p, wa), joined(p, tb, b->npatterns), in(p, wb));
	}
	if (!a->coach.s != !b->coach.s) {
		Where w = a->coach.s ? at_a(p, text_loc(a->coach)) : at_b(p, text_loc(b->coach));
		bad(p, w, "%s has 'coach' guidance in %s but not in %s", _(what), in(p, w),
		    a->coach.s ? p->fb : p->fa);
	}
	free(ta);
	free(tb);
}

static const Safety none_safety;

static const Bank *bank_named(const Dialogue *d, const char *id)
{
	for (size_t i = 0; i < d->nbanks; i++)
		if (str_eq(d->banks[i].id, id))
			return &d->banks[i];
	return NULL;
}

static void same_bank(Pair *p, const char *id, const Bank *a, const Bank *b);

static void same_inline_banks(Pair *p, const Dialogue *a, const Dialogue *b)
{
	for (size_t i = 0; i < a->nbanks; i++) {
		const Bank *other = bank_named(b, a->banks[i].id);
		if (other)
			same_bank(p, a->banks[i].id, &a->banks[i], other);
		else
			bad(p, at_a(p, loc_at(0, 0)), "the bank '%s' is in %s but not in %s",
			    a->banks[i].id, p->fa, p->fb);
	}
	for (size_t i = 0; i < b->nbanks; i++)
		if (!bank_named(a, b->banks[i].id))
			bad(p, at_b(p, loc_at(0, 0)), "the bank '%s' is in %s but not in %s",
			    b->banks[i].id, p->fb, p->fa);
}

/* with_library: compare the safety nets of the two libraries too (two
 * files compared alone; a folder compares its safety.yaml files apart). */
static void same_dialogue(Pair *p, const Dialogue *a, const Dialogue *b, bool with_library)
{
	if (!str_eq(a->id, b->id))
		bad(p, at_b(p, text_loc((Text){ b->id })), "the dialogue's id is '%s' in %s and "
		    "'%s' in %s", a->id, in(p, at_a(p, text_loc((Text){ a->id }))), b->id,
		    in(p, at_b(p, text_loc((Text){ b->id }))));
	same_vars(p, a, b);
	if (a->nnodes && b->nnodes && !str_eq(target_id(a, a->start), target_id(b, b->start)))
		bad(p, at_b(p, b->nodes[b->start].loc), "the session starts at node '%s' in %s and "
		    "at '%s' in %s", a->nodes[a->start].id, in(p, at_a(p, a->nodes[a->start].loc)),
		    b->nodes[b->start].id, in(p, at_b(p, b->nodes[b->start].loc)));
	same_safety(p, N_("the dialogue's own safety net"), &a->safety, &b->safety);
	if (with_library && a->library_safety != b->library_safety)
		same_safety(p, N_("the library's safety net"),
		            a->library_safety ? a->library_safety : &none_safety,
		            b->library_safety ? b->library_safety : &none_safety);
	missing_nodes(p, a, p->fa, b, p->fb);
	missing_nodes(p, b, p->fb, a, p->fa);
	for (size_t i = 0; i < a->nnodes; i++) {
		int j = dialogue_find(b, a->nodes[i].id);
		if (j != NO_NODE)
			same_node(p, a, b, &a->nodes[i], &b->nodes[j]);
	}
	same_inline_banks(p, a, b);
}

/* ----- banks ----------------------------------------------------------------- */

/* Questions position by position: how many, and each one's tags, trigger,
 * strictness and self wording. id: an inline bank's, NULL for a file. */
static void same_bank(Pair *p, const char *id, const Bank *a, const Bank *b)
{
	const char *bank = id ? kept(p, xasprintf(_("the bank '%s'"), id)) : _("the bank");
	if (a->nquestions != b->nquestions)
		bad(p, at_b(p, b->nquestions ? text_loc(b->questions[0].text) : loc_at(0, 0)),
		    "the number of questions of %s is %zu in %s and %zu in %s", bank, a->nquestions, p->fa,
		    b->nquestions, p->fb);
	size_t n = a->nquestions < b->nquestions ? a->nquestions : b->nquestions;
	for (size_t i = 0; i < n; i++) {
		const Question *qa = &a->questions[i], *qb = &b->questions[i];
		Where wa = at_a(p, text_loc(qa->text)), wb = at_b(p, text_loc(qb->text));
		if (!same_names(qa->tags, qa->ntags, qb->tags, qb->ntags))
			bad(p, wb, "question %zu of %s is tagged [%s] in %s and [%s] in %s", i + 1, bank,
			    joined(p, qa->tags, qa->ntags), in(p, wa), joined(p, qb->tags, qb->ntags),
			    in(p, wb));
		const char *part = !qa->when != !qb->when ? "when"
		                 : qa->loose != qb->loose ? "strict: false"
		                 : !qa->self.s != !qb->self.s ? "self" : NULL;
		bool in_a = part && (str_eq(part, "when") ? qa->when != NULL
		                   : str_eq(part, "self") ? qa->self.s != NULL : qa->loose);
		if (part)
			bad(p, in_a ? wa : wb, "question %zu of %s has '%s' in %s but not in %s", i + 1,
			    bank, part, in(p, in_a ? wa : wb), in_a ? p->fb : p->fa);
	}
}

/* ----- files ----------------------------------------------------------------- */

static const char *file_kind(const LibraryFile *f)
{
	return f->dialogue ? _("a dialogue") : f->bank ? _("a question bank")
	     : f->safety ? _("a safety net") : _("no dialogue");
}

bool pair_files(Library *lib, const char *a, const char *b, Diags *d)
{
	size_t before = d->errors;
	LibraryFile fa, fb;
	library_file(lib, a, d, &fa);
	library_file(lib, b, d, &fb);
	/* A file with errors is not compared: its problems come first, and
	 * differences read from a half-built file would only add noise. */
	if (fa.errors || fb.errors)
		return false;
	Pair p = { .fa = a, .fb = b, .d = d };
	if (fa.dialogue && fb.dialogue)
		same_dialogue(&p, fa.dialogue, fb.dialogue, true);
	else if (fa.bank && fb.bank)
		same_bank(&p, NULL, fa.bank, fb.bank);
	else if (fa.safety && fb.safety)
		same_safety(&p, N_("the safety net"), fa.safety, fb.safety);
	else
		bad(&p, at_b(&p, loc_at(0, 0)), "%s is %s and %s is %s: only two files of one kind "
		    "compare", a, file_kind(&fa), b, file_kind(&fb));
	pair_done(&p);
	return d->errors == before;
}

/* ----- a folder of languages ---------------------------------------------------- */

typedef struct Names {
	char **v;
	size_t n, cap;
} Names;

static void names_add(Names *n, char *s)
{
	GROW(n->v, n->cap, n->n + 1);
	n->v[n->n++] = s;
}

static void names_free(Names *n)
{
	for (size_t i = 0; i < n->n; i++)
		free(n->v[i]);
	free(n->v);
}

static bool names_has(const Names *n, const char *s)
{
	for (size_t i = 0; i < n->n; i++)
		if (str_eq(n->v[i], s))
			return true;
	return false;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool is_dir(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* The entries of dir, sorted: its folders (dirs), or its .yaml files,
 * prefixed by prefix ("banks/"). */
static void list(const char *dir, bool dirs, const char *prefix, Names *out)
{
	DIR *dh = opendir(dir);
	struct dirent *de;
	size_t from = out->n;
	while (dh && (de = readdir(dh))) {
		size_t len = strlen(de->d_name);
		if (de->d_name[0] == '.')
			continue;
		char *path = xasprintf("%s/%s", dir, de->d_name);
		bool folder = is_dir(path);
		free(path);
		if (dirs && folder)
			names_add(out, xstrdup(de->d_name));
		else if (!dirs && !folder && len > 5 && str_eq(de->d_name + len - 5, ".yaml"))
			names_add(out, xasprintf("%s%s", prefix, de->d_name));
	}
	if (dh)
		closedir(dh);
	if (out->n > from)
		qsort(out->v + from, out->n - from, sizeof(char *), cmp_str);
}

/* The library's conventions for a file of lang/: its id is its name, and
 * its lang that folder's language (so that `run ID --lang LANG` finds it). */
static void conventions(Library *lib, const char *path, const char *rel, const char *lang,
                        Diags *d)
{
	LibraryFile f;
	/* A file with errors may lack its id or lang: those say so already. */
	if (!library_file(lib, path, d, &f))
		return;
	const char *id = f.dialogue ? f.dialogue->id : f.bank ? f.bank->id : NULL;
	const char *flang = f.dialogue ? f.dialogue->lang : f.bank ? f.bank->lang : f.lang;
	const char *base = strrchr(rel, '/') ? strrchr(rel, '/') + 1 : rel;
	size_t stem = strlen(base) - 5;
	char folder[LANG_FOLDER_MAX];
	if (id && *id && f.safety == NULL && (strlen(id) != stem || strncmp(id, base, stem) != 0))
		diag_error(d, path, text_loc((Text){ id }), "the id '%s' is not the file's name: "
		           "name the file %s.yaml", id, id);
	if (flang && *flang && !(lang_folder(flang, folder) && str_eq(folder, lang)))
		diag_error(d, path, text_loc((Text){ flang }),
		           "the language '%s' is not that of the folder '%s' it is in", flang, lang);
}

/* One file (rel: "x.yaml" or "banks/x.yaml") in every language. */
static void pair_rel(Library *lib, const char *dir, const Names *langs, const Names *has,
                     const char *rel, Diags *d, size_t *files)
{
	const char *first = NULL;
	char *ref = NULL;
	for (size_t i = 0; i < langs->n; i++) {
		if (!names_has(&has[i], rel))
			continue;
		char *path = xasprintf("%s/%s/%s", dir, langs->v[i], rel);
		(*files)++;
		conventions(lib, path, rel, langs->v[i], d);
		if (!first) {
			first = langs->v[i];
			ref = path;
			continue;
		}
		pair_files(lib, ref, path, d);
		free(path);
	}
	for (size_t i = 0; i < langs->n; i++)
		if (!names_has(&has[i], rel))
			diag_error(d, ref, loc_at(0, 0), "%s is in %s/ but not in %s/", rel, first,
			           langs->v[i]);
	free(ref);
}

bool pair_folder(Library *lib, const char *dir, Diags *d, size_t *files)
{
	size_t before = d->errors;
	*files = 0;
	Names langs = { 0 }, all = { 0 };
	list(dir, true, "", &langs);
	if (!langs.n)
		diag_error(d, dir, loc_at(0, 0), "no language folder in %s: --pair takes a folder "
		           "of LANG/ folders (en/, fr/) or two files", dir);
	Names *has = xcalloc(langs.n + 1, sizeof(Names));
	for (size_t i = 0; i < langs.n; i++) {
		char *sub = xasprintf("%s/%s", dir, langs.v[i]);
		char *banks = xasprintf("%s/banks", sub);
		list(sub, false, "", &has[i]);
		list(banks, false, "banks/", &has[i]);
		for (size_t j = 0; j < has[i].n; j++)
			if (!names_has(&all, has[i].v[j]))
				names_add(&all, xstrdup(has[i].v[j]));
		free(banks);
		free(sub);
	}
	if (all.n)
		qsort(all.v, all.n, sizeof(char *), cmp_str);
	for (size_t i = 0; i < all.n; i++)
		pair_rel(lib, dir, &langs, has, all.v[i], d, files);
	for (size_t i = 0; i < langs.n; i++)
		names_free(&has[i]);
	free(has);
	names_free(&all);
	names_free(&langs);
	return d->errors == before;
}
