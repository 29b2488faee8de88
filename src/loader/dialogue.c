/* dialogue: names of kinds, modes and audiences, and finding a node by id. */
#include "dialogue.h"

#include <stdlib.h>
#include <string.h>

static const char *const kind_names[] = {
	[NODE_SAY] = "say", [NODE_ASK] = "ask", [NODE_SET] = "set",
	[NODE_PICK] = "pick", [NODE_COMMITMENTS] = "commitments",
	[NODE_REVIEW] = "review", [NODE_CALL] = "call", [NODE_END] = "end",
};

const char *node_kind_name(NodeKind k)
{
	if ((unsigned)k >= ARRAY_LEN(kind_names))
		BUG("no node kind %d", (int)k);
	return kind_names[k];
}

const char *mode_name(Mode m)
{
	switch (m) {
	case MODE_COACH: return "coach";
	case MODE_SELF: return "self";
	case MODE_PRACTICE: return "practice";
	}
	BUG("no mode %d", (int)m);
}

bool mode_parse(const char *s, Mode *m)
{
	static const Mode all[] = { MODE_COACH, MODE_SELF, MODE_PRACTICE };
	for (size_t i = 0; i < ARRAY_LEN(all); i++)
		if (str_eq(s, mode_name(all[i]))) {
			*m = all[i];
			return true;
		}
	return false;
}

const char *audience_name(Audience a)
{
	switch (a) {
	case AUDIENCE_PRIVATE: return "private";
	case AUDIENCE_CLIENT: return "client";
	case AUDIENCE_SPONSOR: return "sponsor";
	}
	BUG("no audience %d", (int)a);
}

bool audience_parse(const char *s, Audience *a)
{
	static const Audience all[] = { AUDIENCE_PRIVATE, AUDIENCE_CLIENT, AUDIENCE_SPONSOR };
	for (size_t i = 0; i < ARRAY_LEN(all); i++)
		if (str_eq(s, audience_name(all[i]))) {
			*a = all[i];
			return true;
		}
	return false;
}

bool pick_selects(const PickSpec *p, const Question *q)
{
	if (p->ntags == 0)
		return true;
	for (size_t i = 0; i < q->ntags; i++)
		for (size_t j = 0; j < p->ntags; j++)
			if (str_eq(q->tags[i], p->tags[j]))
				return true;
	return false;
}

int dialogue_find(const Dialogue *d, const char *id)
{
	long i = map_find(&d->ids, id);
	return i == MAP_NONE ? NO_NODE : (int)i;
}

/* The dialogue that d's call of id target[0..len) links to, or NULL. */
static const Dialogue *callee(const Dialogue *d, const char *target, size_t len)
{
	for (size_t i = 0; i < d->nnodes; i++) {
		const Node *n = &d->nodes[i];
		if (n->kind == NODE_CALL && strlen(n->u.call.target) == len &&
		    strncmp(n->u.call.target, target, len) == 0)
			return n->u.call.dialogue;
	}
	return NULL;
}

const Node *dialogue_node(const Dialogue *d, const char *qualified)
{
	const char *dot;
	while (d && (dot = strchr(qualified, '.')) != NULL) {
		d = callee(d, qualified, (size_t)(dot - qualified));
		qualified = dot + 1;
	}
	int at = d ? dialogue_find(d, qualified) : NO_NODE;
	return at == NO_NODE ? NULL : &d->nodes[at];
}

void dialogue_free(Dialogue *d)
{
	if (!d)
		return;
	pattern_set_free(d->patterns);
	map_free(&d->ids);
	pages_release(d->nodes, d->nodes_space);
	arena_free(&d->arena);
	free(d);
}
