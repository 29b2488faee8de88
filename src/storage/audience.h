/*
 * audience: who may read each part of a session's report.
 *
 * A report is written for a Reader (`tandem show --for`): the coach, the
 * client, the sponsor, or peers. Each node of a dialogue says who may read
 * what it records (its `audience`, dialogue.h): private, client (the
 * default) or sponsor. The coach reads everything; the client and peers
 * everything but what is private; the sponsor only what is sponsor. Coach
 * notes are private whatever their node. Some things are the client's at
 * most: where the safety net stopped a session, the answer it stopped at
 * and what shows that answer again (a crisis is never the sponsor's to
 * know), and reviews, which name commitments made in earlier sessions
 * whose audience this session's dialogue cannot tell.
 *
 * A node's audience is read from the session's dialogue, which must be at
 * hand and unchanged since the session (the report's caller sees to it).
 * Without it, or for a turn whose node it lacks, the audience cannot be
 * told: a report for anyone but the coach then leaves the turn out, never
 * shows it, and says so.
 */
#ifndef TANDEM_AUDIENCE_H
#define TANDEM_AUDIENCE_H

#include <stdbool.h>

#include "commitment.h"
#include "dialogue.h"
#include "session.h"

typedef enum Reader {
	READER_COACH,        /* the coach's own report: everything */
	READER_CLIENT,
	READER_SPONSOR,
	READER_PEERS,        /* as the client's, then masked (redact.h) */
} Reader;

/* The name given to --for: "coach", "client", "sponsor" or "peers". */
const char *reader_name(Reader r);
/* Parses one of those names; false otherwise. */
bool reader_parse(const char *s, Reader *r);
/* The names, for a suggestion: *n set to how many. */
const char *const *reader_names(size_t *n);

/* What a reader may do with one part of a report. */
typedef enum Access {
	ACCESS_READ,         /* shown */
	ACCESS_WITHHELD,     /* left out: its audience does not reach the reader */
	ACCESS_UNKNOWN,      /* left out: its audience cannot be told */
} Access;

/* Whether r reads what a node with audience a records. */
bool reader_reads(Reader r, Audience a);

/* r's access to what node n recorded; n NULL: its audience is unknown. */
Access access_node(Reader r, const Node *n);

/*
 * What one reader may read of one session: made once for a report, over
 * the session's turns, which it borrows with the dialogue (NULL: not at
 * hand). It notes the answers the safety net stopped the flow at: such an
 * answer, and any question that shows it (a later `{name}`), are the
 * client's at most, whatever their node says.
 */
typedef struct Gate {
	Reader reader;
	const Dialogue *d;
	const Turn *turns;
	size_t nturns;
	const char **stopped;  /* the answers the safety net stopped at, borrowed */
	size_t nstopped;
} Gate;

void gate_init(Gate *g, Reader r, const Dialogue *d, const Turn *turns, size_t nturns);
void gate_free(Gate *g);

/* The reader's access to turn i. */
Access gate_turn(const Gate *g, size_t i);

/* The reader's access to a commitment the session made. */
Access gate_commitment(const Gate *g, const Commitment *c);

/* The reader's access to the session's reviews: the narrowest of its
 * review turns' (unknown when it has none), the client's at most. */
Access gate_reviews(const Gate *g);

#endif
