/*
 * dot: writing a dialogue's graph.
 *
 * Node names in the DOT are the node ids, quoted; what tandem adds has a
 * ':' in its name (":start", "call:ID", "pick:NODE"), which no node id can
 * hold, so nothing a dialogue names can collide with it. A section is a
 * cluster from the node that opens it to the node before the next one, in
 * file order, as the sections read in the file.
 */
#include "dot.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "routes.h"
#include "utf8.h"

/* How much of a node's text its box shows, in columns. */
enum { EXCERPT_COLUMNS = 40 };

void dot_quote(Buf *out, const char *s)
{
	char *clean = utf8_sanitize(s, strlen(s));
	buf_addc(out, '"');
	for (const char *p = clean; *p; p++) {
		switch (*p) {
		case '"': buf_adds(out, "\\\""); break;
		case '\\': buf_adds(out, "\\\\"); break;
		case '\n': buf_adds(out, "\\n"); break;
		case '\t': buf_addc(out, ' '); break;
		case '&': buf_adds(out, "&amp;"); break;
		default: buf_addc(out, *p);
		}
	}
	buf_addc(out, '"');
	free(clean);
}

/* The shape each kind is drawn with (docs/authoring.md). */
static const char *shape_of(const Node *n)
{
	switch (n->kind) {
	case NODE_SAY: return "box";
	case NODE_ASK: return n->u.ask.nchoices ? "diamond" : "ellipse";
	case NODE_SET: return "parallelogram";
	case NODE_PICK: return "hexagon";
	case NODE_COMMITMENTS: return "folder";
	case NODE_REVIEW: return "box3d";
	case NODE_CALL: return "cds";
	case NODE_END: return "doubleoctagon";
	}
	return "box";
}

/* The first line of text, cut to EXCERPT_COLUMNS with an ellipsis. */
static void add_excerpt(Buf *b, const char *text)
{
	size_t line = strcspn(text, "\n");
	char *first = utf8_sanitize(text, line);
	size_t fit = utf8_fit(first, EXCERPT_COLUMNS);
	bool cut = first[fit] || text[line];
	while (cut && fit && first[fit - 1] == ' ')
		fit--;
	buf_printf(b, "\n%.*s%s", (int)fit, first, cut ? "…" : "");
	free(first);
}

/* What an `ask` takes, after its kind: "ask (scale 1-10, optional)". */
static void add_ask_kind(Buf *b, const AskSpec *a)
{
	size_t mark = b->len;
	buf_adds(b, "ask");
	if (a->scale)
		buf_printf(b, "%s%s %ld-%ld", b->len > mark + 3 ? ", " : " (", _("scale"), a->min, a->max);
	if (a->repeat)
		buf_printf(b, "%s%s", b->len > mark + 3 ? ", " : " (", _("list"));
	if (a->each)
		buf_printf(b, "%s%s %s", b->len > mark + 3 ? ", " : " (", _("each"), a->each);
	if (a->validate)
		buf_printf(b, "%s%s", b->len > mark + 3 ? ", " : " (", _("validated"));
	if (a->optional)
		buf_printf(b, "%s%s", b->len > mark + 3 ? ", " : " (", _("optional"));
	if (b->len > mark + 3)
		buf_addc(b, ')');
}

/* The second line of a node's box: its kind, and what it is about. */
static void add_kind(Buf *b, const Node *n)
{
	buf_addc(b, '\n');
	switch (n->kind) {
	case NODE_ASK:
		add_ask_kind(b, &n->u.ask);
		break;
	case NODE_SET:
		buf_adds(b, "set");
		for (size_t i = 0; i < n->nassigns; i++)
			buf_printf(b, "%s%s", i ? ", " : " ", n->assigns[i].name);
		break;
	case NODE_CALL:
		buf_printf(b, "call %s", n->u.call.target);
		break;
	default:
		buf_adds(b, node_kind_name(n->kind));
	}
	if (n->kind == NODE_SAY || n->kind == NODE_ASK || n->kind == NODE_END)
		if (n->text.s)
			add_excerpt(b, n->text.s);
}

/* "only: coach, practice" for a node some mode passes over. */
static void add_only(Buf *b, const Node *n)
{
	if (!n->only)
		return;
	buf_adds(b, "\nonly:");
	const char *sep = " ";
	for (Mode m = MODE_COACH; m <= MODE_PRACTICE; m <<= 1)
		if (n->only & (unsigned)m) {
			buf_printf(b, "%s%s", sep, mode_name(m));
			sep = ", ";
		}
}

/* A node's line, indented one tab more inside a cluster. */
static void write_node(Buf *out, const Node *n, bool clustered, bool reached, bool completes)
{
	Buf label = { 0 };
	buf_adds(&label, n->id);
	add_kind(&label, n);
	add_only(&label, n);
	const char *note = !reached ? _("never reached from the start")
	                   : !completes ? _("dead end: the session can never complete from here")
	                                : NULL;
	if (note)
		buf_printf(&label, "\n(%s)", note);
	buf_adds(out, clustered ? "\t\t" : "\t");
	dot_quote(out, n->id);
	buf_printf(out, " [shape=%s, label=", shape_of(n));
	dot_quote(out, buf_str(&label));
	if (note) {
		buf_adds(out, ", color=red, fontcolor=red, style=dashed, tooltip=");
		dot_quote(out, note);
	}
	buf_adds(out, "];\n");
	buf_free(&label);
}

/* The nodes, each section a cluster of the nodes from the one that opens
 * it to the next one's. */
static void write_nodes(Buf *out, const Dialogue *d, const char *reached, const char *completes)
{
	size_t clusters = 0;
	for (size_t i = 0; i < d->nnodes; i++) {
		const Node *n = &d->nodes[i];
		if (n->section.s) {
			if (clusters)
				buf_adds(out, "\t}\n");
			buf_printf(out, "\tsubgraph \"cluster_%zu\" {\n\t\tlabel=", ++clusters);
			dot_quote(out, n->section.s);
			buf_adds(out, ";\n\t\tstyle=rounded;\n\t\tcolor=grey;\n");
		}
		write_node(out, n, clusters > 0, reached[i], completes[i]);
	}
	if (clusters)
		buf_adds(out, "\t}\n");
}

/* Whether node n is the first of its dialogue to call target. */
static bool first_call_of(const Dialogue *d, const Node *n)
{
	for (const Node *m = d->nodes; m < n; m++)
		if (m->kind == NODE_CALL && str_eq(m->u.call.target, n->u.call.target))
			return false;
	return true;
}

/* The nodes standing for what lies outside: other dialogues, banks. */
static void write_outside(Buf *out, const Dialogue *d)
{
	for (size_t i = 0; i < d->nnodes; i++) {
		const Node *n = &d->nodes[i];
		Buf name = { 0 }, label = { 0 };
		if (n->kind == NODE_CALL && first_call_of(d, n)) {
			buf_printf(&name, "call:%s", n->u.call.target);
			buf_printf(&label, "%s\n(%s)", n->u.call.target, _("another dialogue"));
			buf_adds(out, "\t");
			dot_quote(out, buf_str(&name));
			buf_adds(out, " [shape=component, style=dashed, label=");
			dot_quote(out, buf_str(&label));
			buf_adds(out, "];\n");
		} else if (n->kind == NODE_PICK) {
			const PickSpec *p = &n->u.pick;
			buf_printf(&name, "pick:%s", n->id);
			buf_printf(&label, "%s %s", _("bank"), p->bank_id);
			if (p->ntags)
				buf_printf(&label, "\n%s:", _("tags"));
			for (size_t t = 0; t < p->ntags; t++)
				buf_printf(&label, "%s%s", t ? ", " : " ", p->tags[t]);
			if (p->count > 1)
				buf_printf(&label, "\n%s: %d", _("questions"), p->count);
			buf_adds(out, "\t");
			dot_quote(out, buf_str(&name));
			buf_adds(out, " [shape=cylinder, style=dashed, label=");
			dot_quote(out, buf_str(&label));
			buf_adds(out, "];\n");
		}
		buf_free(&name);
		buf_free(&label);
	}
}

/* The node a route leads to, quoted. */
static void add_target(Buf *out, const Dialogue *d, const Route *r)
{
	const Node *from = &d->nodes[r->from];
	char *name = r->kind == ROUTE_CALL ? xasprintf("call:%s", from->u.call.target)
	             : r->kind == ROUTE_PICK ? xasprintf("pick:%s", from->id)
	             : r->to == NO_NODE ? xstrdup(":complete")
	                                : xstrdup(d->nodes[r->to].id);
	dot_quote(out, name);
	free(name);
}

static void write_route(Buf *out, const Dialogue *d, const Route *r)
{
	buf_adds(out, "\t");
	dot_quote(out, d->nodes[r->from].id);
	buf_adds(out, " -> ");
	add_target(out, d, r);
	const char *sep = " [";
	/* A plain way on, the most common, goes unlabelled. */
	if (!route_is_plain(d, r)) {
		char *label = route_label(d, r);
		buf_adds(out, " [label=");
		dot_quote(out, label);
		free(label);
		sep = ", ";
	}
	if (r->kind == ROUTE_CHOICE) {
		const Choice *c = &d->nodes[r->from].u.ask.choices[r->index];
		buf_printf(out, "%stooltip=", sep);
		dot_quote(out, c->label.s ? c->label.s : c->key);
		sep = ", ";
	} else if (r->kind == ROUTE_PASS) {
		buf_printf(out, "%sstyle=dotted", sep);
		sep = ", ";
	} else if (r->kind == ROUTE_CALL || r->kind == ROUTE_PICK) {
		buf_printf(out, "%sstyle=dashed, arrowhead=empty", sep);
		sep = ", ";
	}
	buf_adds(out, sep[0] == ',' ? "];\n" : ";\n");
}

static bool ends_somewhere(const Routes *r)
{
	for (size_t j = 0; j < r->n; j++)
		if (route_moves(&r->v[j]) && r->v[j].to == NO_NODE)
			return true;
	return false;
}

void dot_write(Buf *out, const Dialogue *d)
{
	Routes rt = routes_of(d);
	char *reached = xcalloc(d->nnodes + 1, 1), *completes = xcalloc(d->nnodes + 1, 1);
	routes_reached(d, &rt, reached);
	routes_completing(d, &rt, completes);
	buf_adds(out, "digraph ");
	dot_quote(out, d->id);
	buf_adds(out, " {\n\tgraph [label=");
	char *title = xasprintf("%s (%s, %s)", d->title, d->id, d->lang);
	dot_quote(out, title);
	free(title);
	buf_adds(out, ", labelloc=t, fontname=\"Helvetica\", fontsize=12];\n"
	              "\tnode [fontname=\"Helvetica\", fontsize=10];\n"
	              "\tedge [fontname=\"Helvetica\", fontsize=9];\n"
	              "\t\":start\" [shape=circle, style=filled, fillcolor=black, label=\"\", "
	              "width=0.2, tooltip=");
	dot_quote(out, _("the session starts"));
	buf_adds(out, "];\n");
	if (ends_somewhere(&rt)) {
		buf_adds(out, "\t\":complete\" [shape=doublecircle, style=filled, fillcolor=black, "
		              "label=\"\", width=0.15, tooltip=");
		dot_quote(out, _("the session completes"));
		buf_adds(out, "];\n");
	}
	write_nodes(out, d, reached, completes);
	write_outside(out, d);
	if (d->start != NO_NODE) {
		buf_adds(out, "\t\":start\" -> ");
		dot_quote(out, d->nodes[d->start].id);
		buf_adds(out, ";\n");
	}
	for (size_t j = 0; j < rt.n; j++)
		write_route(out, d, &rt.v[j]);
	buf_adds(out, "}\n");
	free(reached);
	free(completes);
	routes_free(&rt);
}
