/* dialogue: names of kinds and modes, and finding a node by id. */
#include "dialogue.h"
#include "build.h"

#include <stdint.h>
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

/*
 * Open addressing over node indexes, at most half full. A slot is 32 bits:
 * the node's index + 1 (0: empty) and, above it, the top bits of its id's
 * hash, so that probing rarely touches the nodes themselves; and a large
 * dialogue's table stays small enough to be mostly in cache, where every
 * insertion lands at random.
 */
enum { INDEX_BITS = 18, INDEX_MASK = (1u << INDEX_BITS) - 1 };
_Static_assert((unsigned)INDEX_MAX_NODES <= (unsigned)INDEX_MASK, "a node index + 1 fits in a slot");

struct NodeIndex {
	size_t cap, n;
	uint32_t slots[];
};

static unsigned id_hash(const char *id)
{
	return (unsigned)hash_bytes(id, strlen(id));
}

static uint32_t tag_of(unsigned h)
{
	return (uint32_t)(h >> INDEX_BITS);
}

/* The slot of id (hash h): where it is, or the empty one where it goes. */
static uint32_t *index_slot(const Dialogue *d, struct NodeIndex *ix, const char *id,
                            unsigned h)
{
	size_t s = h & (ix->cap - 1);
	uint32_t *slot;
	while (*(slot = &ix->slots[s]) &&
	       ((*slot >> INDEX_BITS) != tag_of(h) ||
	        !str_eq(d->nodes[(*slot & INDEX_MASK) - 1].id, id)))
		s = (s + 1) & (ix->cap - 1);
	return slot;
}

static void index_put(struct NodeIndex *ix, uint32_t *slot, int node, unsigned h)
{
	*slot = tag_of(h) << INDEX_BITS | (uint32_t)(node + 1);
	ix->n++;
}

/* A new table of cap slots holding every node indexed so far: the nodes
 * are read in order, which is cheaper than the old table at random, and
 * the slot of each fetched a few nodes ahead. */
static void index_grow(Dialogue *d, size_t cap)
{
	enum { AHEAD = 8 };
	struct NodeIndex *old = d->index;
	size_t bytes = sizeof(struct NodeIndex) + cap * sizeof(uint32_t);
	struct NodeIndex *ix = xmalloc(bytes);
	pages_populate(ix, bytes);  /* every page is written next */
	ix->cap = cap;
	ix->n = 0;
	memset(ix->slots, 0, cap * sizeof(uint32_t));
	d->index = ix;
	unsigned ahead[AHEAD];
	size_t n = old ? d->nnodes : 0;
	for (size_t i = 0; i < n + AHEAD; i++) {
		if (i >= AHEAD) {
			size_t k = i - AHEAD;
			unsigned h = ahead[k % AHEAD];
			uint32_t *slot = index_slot(d, ix, d->nodes[k].id, h);
			if (!*slot)
				index_put(ix, slot, (int)k, h);
		}
		if (i < n) {
			ahead[i % AHEAD] = id_hash(d->nodes[i].id);
			__builtin_prefetch(&ix->slots[ahead[i % AHEAD] & (cap - 1)], 1);
		}
	}
	free(old);
}

unsigned dialogue_index_prepare(Dialogue *d, const char *id)
{
	if (!d->index || (d->index->n + 1) * 2 > d->index->cap)
		index_grow(d, d->index ? d->index->cap * 2 : 64);
	unsigned h = id_hash(id);
	__builtin_prefetch(&d->index->slots[h & (d->index->cap - 1)], 1);
	return h;
}

int dialogue_index_add(Dialogue *d, int node, unsigned h)
{
	uint32_t *slot = index_slot(d, d->index, d->nodes[node].id, h);
	if (*slot)
		return (int)(*slot & INDEX_MASK) - 1;
	index_put(d->index, slot, node, h);
	return NO_NODE;
}

unsigned dialogue_find_prepare(const Dialogue *d, const char *id)
{
	unsigned h = id_hash(id);
	if (d->index)
		__builtin_prefetch(&d->index->slots[h & (d->index->cap - 1)]);
	return h;
}

int dialogue_find_hashed(const Dialogue *d, const char *id, unsigned h)
{
	if (!d->index)
		return NO_NODE;
	uint32_t slot = *index_slot(d, d->index, id, h);
	return slot ? (int)(slot & INDEX_MASK) - 1 : NO_NODE;
}

int dialogue_find(const Dialogue *d, const char *id)
{
	return dialogue_find_hashed(d, id, id_hash(id));
}
