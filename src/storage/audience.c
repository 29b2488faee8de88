/*
 * audience: who reads what, node by node (audience.h).
 *
 * One rule, reader_reads, orders the audiences from the narrowest: a
 * reader who may read an audience may read every wider one. The rest
 * finds the node each part of a report came from and fails safe: no node,
 * no reader but the coach.
 */
#include "audience.h"

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

/*
 * Whether u is the client's at most, whatever its node says: where the
 * safety net stopped the flow (a crisis is never the organisation's), and
 * a review, which names commitments made in earlier sessions, by nodes
 * whose audience this session's dialogue cannot tell.
 */
static bool client_at_most(const Turn *u)
{
	return (u->field && str_eq(u->field, "safety")) || u->kind == NODE_REVIEW;
}

Access access_turn(Reader r, const Dialogue *d, const Turn *u)
{
	const Node *n = dialogue_node(d, u->node);
	Access a = access_node(r, n);
	if (a == ACCESS_READ && client_at_most(u) && !reader_reads(r, AUDIENCE_CLIENT))
		return ACCESS_WITHHELD;
	return a;
}

Access access_commitment(Reader r, const Dialogue *d, const Commitment *c)
{
	return access_node(r, c->node ? dialogue_node(d, c->node) : NULL);
}

Access access_reviews(Reader r, const Dialogue *d, const Turn *u, size_t n)
{
	Access worst = ACCESS_UNKNOWN;
	bool any = false;
	for (size_t i = 0; i < n; i++) {
		if (u[i].kind != NODE_REVIEW)
			continue;
		Access a = access_turn(r, d, &u[i]);
		worst = !any || a > worst ? a : worst;
		any = true;
	}
	return r == READER_COACH ? ACCESS_READ : worst;
}
