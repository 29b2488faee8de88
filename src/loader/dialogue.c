/* dialogue: names of kinds and modes, and finding a node by id. */
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
