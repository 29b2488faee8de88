/*
 * routes: a dialogue's edges, for graph, walk and checks.
 *
 * One model of where each node can lead and why, read from the nodes as
 * the interpreter reads them (session.c's leave, route and enter): a
 * choice's own goto, then the `next` rules up to the first that always
 * holds, then the default (the following node, or the end of the session
 * after the last one); a node that `only:` leaves out of some mode is
 * passed over to its following node, when a session in that mode can come
 * to it (a session keeps its mode from start to end). A `call` and a `pick` also lead out
 * of the dialogue, to another dialogue or to a bank: those routes name
 * no node of this one. `tandem graph` draws these routes, `tandem walk`
 * counts those the engine took (it reports them by the same kind and
 * index), and the checker follows them to find the nodes never reached
 * and those from which the session can never complete.
 */
#ifndef TANDEM_ROUTES_H
#define TANDEM_ROUTES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "dialogue.h"

typedef enum RouteKind {
	ROUTE_CHOICE,    /* a choice's goto; index: the choice's */
	ROUTE_RULE,      /* a `next` rule; index: the rule's (no `if`: it always holds) */
	ROUTE_NEXT,      /* the default: the following node, or the session completes */
	ROUTE_PASS,      /* `only:` passes the node over, in the other modes, to the following one */
	ROUTE_CALL,      /* `call`: the called dialogue, run to its end, then back here */
	ROUTE_PICK,      /* `pick`: the questions drawn from its bank */
} RouteKind;

typedef struct Route {
	int from;            /* node index */
	int to;              /* node index; NO_NODE: the session completes (CALL, PICK: always) */
	RouteKind kind;
	uint32_t index;      /* CHOICE and RULE: which one of the node's; else 0 */
} Route;

/* The routes of every node, in file order, each node's in the order the
 * interpreter tries them: node i's are v[start[i]] .. v[start[i + 1] - 1]. */
typedef struct Routes {
	Route *v;
	size_t n, cap;
	size_t *start;       /* nnodes + 1 offsets */
	size_t nnodes;
	size_t passes;       /* PASS routes built (before those never met are dropped) */
	char *reached;       /* per node: REACHED, MET_PASSING bits (routes.c) */
} Routes;

/* The routes of d. The caller frees them with routes_free. */
Routes routes_of(const Dialogue *d);
void routes_free(Routes *r);

/* Whether r moves within the dialogue (to a node or to its end), as CALL
 * and PICK, which lead out of it and come back, do not. */
bool route_moves(const Route *r);

/* The number of node from's route of this kind and index, or -1: how an
 * observer of the interpreter (SessionTrace) finds the route it took. */
long routes_find(const Routes *r, int from, RouteKind kind, uint32_t index);

/* Whether node n runs in mode m: no `only:`, or one that names m. */
bool node_runs_in(const Node *n, Mode m);

/* Whether route r can be taken in mode m: PASS where its node is passed
 * over, every other route where its node runs. */
bool route_in_mode(const Dialogue *d, const Route *r, Mode m);

/* Sets mark[i] (d->nnodes bytes, zeroed by the caller) for every node the
 * routes reach from d's start in some mode, each path in one mode (a
 * session keeps its mode). */
void routes_reached(const Dialogue *d, const Routes *r, char *mark);

/* Sets done[i] (zeroed by the caller) for every node from which the session
 * can complete: an `end`, a node with a route to the end of the file, and
 * a node with a route to one of those. Linear in the routes. */
void routes_completing(const Dialogue *d, const Routes *r, char *done);

/* Whether r is a plain way on, with nothing to tell it from others: the
 * default of a node that has no choice nor rule, or `next: ID`. */
bool route_is_plain(const Dialogue *d, const Route *r);

/* What a route is, in a few words (heap string, in the current language):
 * "choice 'yes'", "if: energy < 5", "else", "next", "passed over in self
 * mode", "call accountability", "pick from powerful-questions". */
char *route_label(const Dialogue *d, const Route *r);

#endif
