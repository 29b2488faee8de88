/* dialogue: names of kinds and modes, and finding a node by id. */
#include "dialogue.h"
#include "build.h"

#include <stdlib.h>
#include <string.h>

static const char *const kind_names[] = {
	[NODE_SAY] = "say", [NODE_ASK] = "ask", [NODE_SET] = "set",
	[NODE_PICK] = "pick", [NODE_COMMITMENTS] = "commitments",
	[NODE_REVIEW] = "review", [NODE_CALL] = "call", [NODE_END] = "end",
};

const char *node_kind_name(NodeKind k)
{
	return (unsigned)k < ARRAY_LEN(kind_names) ? kind_names[k] : "?";
}

const char *mode_name(Mode m)
{
	switch (m) {
	case MODE_COACH: return "coach";
	case MODE_SELF: return "self";
	case MODE_PRACTICE: return "practice";
	}
	return "?";
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

/* Open addressing over node indexes; sized at twice the node count. */
struct NodeIndex {
	size_t cap;
	int slots[];
};

static size_t slot_of(const char *id, size_t cap)
{
	return hash_bytes(id, strlen(id)) & (cap - 1);
}

void dialogue_index_build(Dialogue *d)
{
	size_t cap = 16;
	while (cap < d->nnodes * 2)
		cap *= 2;
	struct NodeIndex *ix = xmalloc(sizeof(*ix) + cap * sizeof(int));
	ix->cap = cap;
	for (size_t i = 0; i < cap; i++)
		ix->slots[i] = NO_NODE;
	for (size_t i = 0; i < d->nnodes; i++) {
		size_t s = slot_of(d->nodes[i].id, cap);
		while (ix->slots[s] != NO_NODE)
			s = (s + 1) & (cap - 1);
		ix->slots[s] = (int)i;
	}
	free(d->index);
	d->index = ix;
}

int dialogue_find(const Dialogue *d, const char *id)
{
	const struct NodeIndex *ix = d->index;
	if (!ix)
		return NO_NODE;
	for (size_t s = slot_of(id, ix->cap); ix->slots[s] != NO_NODE; s = (s + 1) & (ix->cap - 1))
		if (str_eq(d->nodes[ix->slots[s]].id, id))
			return ix->slots[s];
	return NO_NODE;
}
