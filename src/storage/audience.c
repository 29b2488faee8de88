/*
 * audience: who reads what, node by node (audience.h).
 *
 * One rule, reader_reads, orders the audiences from the narrowest: a
 * reader who may read an audience may read every wider one. The rest
 * finds the node each part of a report came from and fails safe: no node,
 * no reader but the coach. What the safety net stopped at is found by its
 * words, the one link a transcript keeps between that answer and a later
 * question that shows it.
 */
#include "audience.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

static const char *const names[] = {
	[READER_COACH] = "coach", [READER_CLIENT] = "client",
	[READER_SPONSOR] = "sponsor", [READER_PEERS] = "peers",
};

const char *reader_name(Reader r)
{
	if ((unsigned)r >= ARRAY_LEN(names))
		BUG("no reader %d", (int)r);
	return names[r];
}

bool reader_parse(const char *s, Reader *r)
{
	for (size_t i = 0; i < ARRAY_LEN(names); i++)
		if (str_eq(s, names[i])) {
			*r = (Reader)i;
			return true;
		}
	return false;
}

const char *const *reader_names(size_t *n)
{
	*n = ARRAY_LEN(names);
	return names;
}

/* The narrowest audience r reads. */
static Audience least(Reader r)
{
	switch (r) {
	case READER_COACH: return AUDIENCE_PRIVATE;
	case READER_CLIENT:
	case READER_PEERS: return AUDIENCE_CLIENT;
	case READER_SPONSOR: return AUDIENCE_SPONSOR;
	}
	BUG("no reader %d", (int)r);
}

bool reader_reads(Reader r, Audience a)
{
	return a >= least(r);
}

Access access_node(Reader r, const Node *n)
{
	if (r == READER_COACH)
		return ACCESS_READ;
	if (!n)
		return ACCESS_UNKNOWN;
	return reader_reads(r, (Audience)n->audience) ? ACCESS_READ : ACCESS_WITHHELD;
}

/* Whether u records where the safety net stopped the flow. */
static bool safety_stop(const Turn *u)
{
	return u->field && str_eq(u->field, "safety");
}

void gate_init(Gate *g, Reader r, const Dialogue *d, const Turn *turns, size_t nturns)
{
	*g = (Gate){ .reader = r, .d = d, .turns = turns, .nturns = nturns };
	size_t cap = 0;
	for (size_t i = 0; i + 1 < nturns; i++) {
		const Turn *u = &turns[i];
		if (!safety_stop(&turns[i + 1]) || !str_eq(turns[i + 1].node, u->node) ||
		    u->answer.kind != VAL_TEXT || !*u->answer.u.text)
			continue;
		GROW(g->stopped, cap, g->nstopped + 1);
		g->stopped[g->nstopped++] = u->answer.u.text;
	}
}

void gate_free(Gate *g)
{
	free(g->stopped);
	*g = (Gate){ 0 };
}

/* Whether text holds an answer the safety net stopped at. */
static bool shows_stop(const Gate *g, const char *text)
{
	for (size_t i = 0; text && i < g->nstopped; i++)
		if (strstr(text, g->stopped[i]))
			return true;
	return false;
}

/*
 * Whether turn u is the client's at most, whatever its node says: where
 * the safety net stopped the flow, the answer it stopped at and a question
 * that shows it (a crisis is never the organisation's); and a review,
 * which names commitments made in earlier sessions, by nodes whose
 * audience this session's dialogue cannot tell.
 */
static bool client_at_most(const Gate *g, const Turn *u)
{
	return safety_stop(u) || u->kind == NODE_REVIEW || shows_stop(g, u->prompt) ||
	       (u->answer.kind == VAL_TEXT && shows_stop(g, u->answer.u.text));
}

/* access, narrowed to the client's when the part is the client's at most. */
static Access capped(const Gate *g, Access a, bool client_only)
{
	if (a == ACCESS_READ && client_only && !reader_reads(g->reader, AUDIENCE_CLIENT))
		return ACCESS_WITHHELD;
	return a;
}

Access gate_turn(const Gate *g, size_t i)
{
	const Turn *u = &g->turns[i];
	Access a = access_node(g->reader, dialogue_node(g->d, u->node));
	return capped(g, a, client_at_most(g, u));
}

Access gate_commitment(const Gate *g, const Commitment *c)
{
	Access a = access_node(g->reader, c->node ? dialogue_node(g->d, c->node) : NULL);
	return capped(g, a, shows_stop(g, c->what) || shows_stop(g, c->when) ||
	                    shows_stop(g, c->measure));
}

Access gate_reviews(const Gate *g)
{
	Access worst = ACCESS_UNKNOWN;
	bool any = false;
	for (size_t i = 0; i < g->nturns; i++) {
		if (g->turns[i].kind != NODE_REVIEW)
			continue;
		Access a = gate_turn(g, i);
		worst = !any || a > worst ? a : worst;
		any = true;
	}
	return g->reader == READER_COACH ? ACCESS_READ : worst;
}
