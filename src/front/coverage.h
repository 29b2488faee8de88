/*
 * coverage: which nodes and routes of one dialogue the sessions played on
 * it went through, as the sessions tell it (SessionTrace), against what
 * the dialogue holds (routes.h): what `tandem walk` counts and reports.
 *
 * Only the modes walked count: a node that runs in none of them, and a
 * route none of them can take (routes.h, route_in_mode), are left out of
 * the totals, since no session in those modes could go through them.
 * What a called dialogue goes through is not counted: it is a dialogue of
 * its own, walked on its own.
 */
#ifndef TANDEM_COVERAGE_H
#define TANDEM_COVERAGE_H

#include <stdbool.h>
#include <stddef.h>

#include "routes.h"
#include "session.h"

typedef struct Coverage {
	const Dialogue *d;
	Routes routes;
	unsigned *node_hits;     /* per node: times entered */
	unsigned *route_hits;    /* per route: times taken */
	char *reached;           /* per node: the routes lead to it from the start */
	char *completes;         /* per node: the session can complete from it */
	unsigned modes;          /* the Mode bits walked */
	int last;                /* the node last entered, or NO_NODE */
	SessionTrace trace;      /* for SessionConfig.trace */
} Coverage;

/* Coverage of d, nothing walked yet. Free with coverage_free. */
void coverage_init(Coverage *c, const Dialogue *d);
void coverage_free(Coverage *c);

/* Counts mode m among those walked. */
void coverage_walked(Coverage *c, Mode m);

/* Whether node i, and route j, count: some mode walked runs or takes it. */
bool coverage_counts_node(const Coverage *c, size_t i);
bool coverage_counts_route(const Coverage *c, size_t j);

typedef struct CoverageTotals {
	size_t nodes, nodes_hit;     /* counted nodes, and those entered */
	size_t routes, routes_hit;   /* counted routes, and those taken */
	size_t left_out;             /* nodes of modes not walked */
} CoverageTotals;

CoverageTotals coverage_totals(const Coverage *c);

#endif
