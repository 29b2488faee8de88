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

/* Open addressing over node indexes, at most half full. Each slot keeps
 * its id's hash, so that probing and growing rarely touch the nodes. */
typedef struct IndexSlot {
	int node;            /* NO_NODE: empty */
	unsigned hash;
} IndexSlot;

struct NodeIndex {
	size_t cap, n;
	IndexSlot slots[];
};

static unsigned id_hash(const char *id)
{
	return (unsigned)hash_bytes(id, strlen(id));
}

static struct NodeIndex *index_new(size_t cap)
{
	size_t bytes = sizeof(struct NodeIndex) + cap * sizeof(IndexSlot);
	struct NodeIndex *ix = xmalloc(bytes);
	pages_populate(ix, bytes);  /* every page is written next */
	ix->cap = cap;
	ix->n = 0;
	for (size_t i = 0; i < cap; i++)
		ix->slots[i] = (IndexSlot){ NO_NODE, 0 };
	return ix;
}

/* The slot of id: where it is, or the empty one where it goes. */
static IndexSlot *index_slot(const Dialogue *d, const struct NodeIndex *ix, const char *id,
                             unsigned h)
{
	size_t s = h & (ix->cap - 1);
	const IndexSlot *slot;
	while ((slot = &ix->slots[s])->node != NO_NODE &&
	       (slot->hash != h || !str_eq(d->nodes[slot->node].id, id)))
		s = (s + 1) & (ix->cap - 1);
	return (IndexSlot *)slot;
}

static void index_grow(struct NodeIndex **ixp)
{
	struct NodeIndex *old = *ixp;
	struct NodeIndex *ix = index_new(old ? old->cap * 2 : 64);
	for (size_t i = 0; old && i < old->cap; i++) {
		IndexSlot slot = old->slots[i];
		if (slot.node == NO_NODE)
			continue;
		size_t s = slot.hash & (ix->cap - 1);
		while (ix->slots[s].node != NO_NODE)
			s = (s + 1) & (ix->cap - 1);
		ix->slots[s] = slot;
		ix->n++;
	}
	free(old);
	*ixp = ix;
}

int dialogue_index_add(Dialogue *d, int node)
{
	if (!d->index || (d->index->n + 1) * 2 > d->index->cap)
		index_grow(&d->index);
	const char *id = d->nodes[node].id;
	unsigned h = id_hash(id);
	IndexSlot *slot = index_slot(d, d->index, id, h);
	if (slot->node != NO_NODE)
		return slot->node;
	*slot = (IndexSlot){ node, h };
	d->index->n++;
	return NO_NODE;
}

int dialogue_find(const Dialogue *d, const char *id)
{
	if (!d->index)
		return NO_NODE;
	return index_slot(d, d->index, id, id_hash(id))->node;
}
