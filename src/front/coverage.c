/*
 * coverage: counting what sessions went through.
 *
 * The session tells of each node it enters and each route it takes, by
 * the numbers routes.h gives them (SessionTrace); counting is an increment
 * in an array. The routes' own analysis (routes_reached, routes_completing)
 * is kept beside the counts, for a report to say why a node was never
 * entered, and for a walk to stop a run that entered a node from which it
 * can never end.
 */
#include "coverage.h"

#include <stdlib.h>

#include "util.h"

static void on_entered(void *ctx, const Dialogue *d, int node)
{
	Coverage *c = ctx;
	if (d != c->d || node < 0 || (size_t)node >= d->nnodes)
		return;
	c->node_hits[node]++;
	c->last = node;
}

static void on_routed(void *ctx, const Dialogue *d, const Route *r)
{
	Coverage *c = ctx;
	if (d != c->d)
		return;
	long j = routes_find(&c->routes, r->from, r->kind, r->index);
	if (j < 0)
		BUG("the session took a route the model lacks: node %d, kind %d, index %u",
		    r->from, (int)r->kind, (unsigned)r->index);
	c->route_hits[j]++;
}

void coverage_init(Coverage *c, const Dialogue *d)
{
	size_t n = d->nnodes;
	*c = (Coverage){ .d = d, .routes = routes_of(d), .last = NO_NODE };
	c->node_hits = xcalloc(n + 1, sizeof(unsigned));
	c->route_hits = xcalloc(c->routes.n + 1, sizeof(unsigned));
	c->reached = xcalloc(n + 1, 1);
	c->completes = xcalloc(n + 1, 1);
	routes_reached(d, &c->routes, c->reached);
	routes_completing(d, &c->routes, c->completes);
	c->trace = (SessionTrace){ on_entered, on_routed, c };
}

void coverage_free(Coverage *c)
{
	routes_free(&c->routes);
	free(c->node_hits);
	free(c->route_hits);
	free(c->reached);
	free(c->completes);
	*c = (Coverage){ 0 };
}

void coverage_walked(Coverage *c, Mode m)
{
	c->modes |= (unsigned)m;
}

bool coverage_counts_node(const Coverage *c, size_t i)
{
	for (Mode m = MODE_COACH; m <= MODE_PRACTICE; m <<= 1)
		if ((c->modes & (unsigned)m) && node_runs_in(&c->d->nodes[i], m))
			return true;
	return false;
}

bool coverage_counts_route(const Coverage *c, size_t j)
{
	for (Mode m = MODE_COACH; m <= MODE_PRACTICE; m <<= 1)
		if ((c->modes & (unsigned)m) && route_in_mode(c->d, &c->routes.v[j], m))
			return true;
	return false;
}

CoverageTotals coverage_totals(const Coverage *c)
{
	CoverageTotals t = { 0 };
	for (size_t i = 0; i < c->d->nnodes; i++) {
		if (!coverage_counts_node(c, i)) {
			t.left_out++;
			continue;
		}
		t.nodes++;
		t.nodes_hit += c->node_hits[i] > 0;
	}
	for (size_t j = 0; j < c->routes.n; j++) {
		if (!coverage_counts_route(c, j))
			continue;
		t.routes++;
		t.routes_hit += c->route_hits[j] > 0;
	}
	return t;
}
