/* cmd_walk: `tandem walk DIALOGUE`, the dialogue played at random by a
 * robot (autoplay.h), or through its author's scripted cases (cases.h),
 * and what those sessions covered of its nodes and routes. Exit 1 when a
 * run or a case failed; coverage below 100% alone is reported, exit 0. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "autoplay.h"
#include "cases.h"
#include "cmd.h"
#include "coverage.h"
#include "i18n.h"
#include "library.h"
#include "options.h"
#include "out.h"
#include "utf8.h"

/* Runs by default, and lines a run may take before it counts as endless. */
enum { DEFAULT_RUNS = 200, MAX_RUNS = 1000000, MAX_LINES = 10000 };

typedef struct WalkOpts {
	const char *dialogue;
	const char *runs, *seed, *mode, *lang, *cases;
} WalkOpts;

static int usage(const char *why)
{
	if (why)
		out_printf(stderr, "tandem walk: %s\n", why);
	cmd_usage(stderr, "walk");
	return EXIT_USAGE;
}

static int parse(int argc, char **argv, WalkOpts *o)
{
	static const char *const names[] = { "--runs", "--seed", "--mode", "--lang", "--cases" };
	for (int i = 0; i < argc; i++) {
		const char **const slots[] = { &o->runs, &o->seed, &o->mode, &o->lang, &o->cases };
		if (option_values(argc, argv, &i, names, slots, ARRAY_LEN(names)))
			continue;
		if (argv[i][0] == '-' && argv[i][1]) {
			cmd_unknown_option("tandem walk", argv[i], names, ARRAY_LEN(names));
			return usage(NULL);
		}
		if (o->dialogue)
			return usage(_("give one dialogue"));
		o->dialogue = argv[i];
	}
	return o->dialogue ? EXIT_OK : usage(_("which dialogue? (see tandem list)"));
}

static bool parse_number(const char *s, unsigned long long max, unsigned long long *n)
{
	char *end;
	errno = 0;
	*n = strtoull(s, &end, 10);
	return *s >= '0' && *s <= '9' && !*end && errno == 0 && *n <= max;
}

/* The walk's settings from the options; false (said) on a usage error. */
static bool settings(const WalkOpts *o, AutoplayConfig *cfg)
{
	unsigned long long n = DEFAULT_RUNS;
	*cfg = (AutoplayConfig){ .runs = DEFAULT_RUNS, .seed = 1, .max_lines = MAX_LINES };
	if (o->runs && (!parse_number(o->runs, MAX_RUNS, &n) || n == 0)) {
		usage(_("--runs takes a whole number from 1 to 1000000"));
		return false;
	}
	cfg->runs = (size_t)n;
	if (o->seed && !parse_number(o->seed, ~0ull, &cfg->seed)) {
		usage(_("--seed takes a whole number"));
		return false;
	}
	if (o->mode && !mode_parse(o->mode, &cfg->mode)) {
		usage(_("--mode is coach, self or practice"));
		return false;
	}
	if (o->cases && (o->runs || o->seed || o->mode)) {
		usage(_("--cases plays the cases as they are written: no --runs, --seed nor --mode"));
		return false;
	}
	return true;
}

/* ----- the report -------------------------------------------------------------- */

/* Whether two runs failed the same way, at the same node. */
static bool same_failure(const RunFailure *a, const RunFailure *b)
{
	return a->end == b->end && str_eq(a->node ? a->node : "", b->node ? b->node : "") &&
	       str_eq(a->detail ? a->detail : "", b->detail ? b->detail : "");
}

/* What happened to a run, after the runs it happened to. */
static void print_end(const RunFailure *f)
{
	const char *at = f->node ? f->node : "?";
	switch (f->end) {
	case RUN_ENDLESS:
		out_printf(stdout, _("did not end within %zu lines; it was at node '%s'\n"), f->lines, at);
		break;
	case RUN_TRAPPED:
		out_printf(stdout, _("entered node '%s', from which the session can never complete\n"), at);
		break;
	case RUN_ERROR:
		out_printf(stdout, _("stopped by a runtime error at node '%s': %s\n"), at,
		           f->detail ? f->detail : "");
		break;
	case RUN_STOPPED:
		out_printf(stdout, _("stopped at node '%s' though the walk chose to go on\n"), at);
		break;
	case RUN_STUCK:
		out_printf(stdout, _("no answer was taken at node '%s'\n"), at);
		break;
	case RUN_NOT_REASKED:
		out_printf(stdout, _("node '%s' took an answer its 'validate' pattern refuses\n"), at);
		break;
	}
}

/* The failed runs, those that failed the same way on one line: "run 3
 * (self mode): ...", "runs 1, 4, 5, 8, 10 and 95 more: ...". A run is
 * replayed by walking again with the same --seed and --runs. */
static void print_failures(const AutoplayReport *rep)
{
	enum { LISTED = 5 };
	char *done = xcalloc(rep->nfailures + 1, 1);
	for (size_t i = 0; i < rep->nfailures; i++) {
		if (done[i])
			continue;
		const RunFailure *f = &rep->failures[i];
		size_t same = 0;
		for (size_t j = i; j < rep->nfailures; j++)
			same += !done[j] && same_failure(f, &rep->failures[j]);
		if (same == 1) {
			out_printf(stdout, _("  run %zu (%s mode): "), f->run, mode_name(f->mode));
		} else {
			out_printf(stdout, _("  runs "));
			size_t listed = 0;
			for (size_t j = i; j < rep->nfailures && listed < LISTED; j++)
				if (!done[j] && same_failure(f, &rep->failures[j]))
					out_printf(stdout, "%s%zu", listed++ ? ", " : "", rep->failures[j].run);
			if (same > LISTED)
				out_printf(stdout, _(" and %zu more"), same - LISTED);
			out_puts(": ", stdout);
		}
		print_end(f);
		for (size_t j = i; j < rep->nfailures; j++)
			if (same_failure(f, &rep->failures[j]))
				done[j] = 1;
	}
	free(done);
}

/* A node as the report names it: FILE:LINE:COL: node 'ID'. */
static void print_node(const Dialogue *d, const Node *n)
{
	char *id = utf8_visible(n->id, strlen(n->id));
	out_printf(stdout, "  %s:%u:%u: '%s'", d->path, n->loc.line, n->loc.col, id);
	free(id);
}

static void print_unvisited(const Coverage *c)
{
	const Dialogue *d = c->d;
	bool any = false;
	for (size_t i = 0; i < d->nnodes; i++) {
		if (!coverage_counts_node(c, i) || c->node_hits[i])
			continue;
		if (!any)
			out_printf(stdout, _("nodes never visited:\n"));
		any = true;
		print_node(d, &d->nodes[i]);
		if (!c->reached[i])
			out_printf(stdout, _(" (unreachable: no route leads to it from the start)"));
		fputc('\n', stdout);
	}
}

/* Where a route leads, for the report. */
static void print_target(const Dialogue *d, const Route *r)
{
	const Node *from = &d->nodes[r->from];
	char *to = r->kind == ROUTE_CALL ? xstrdup(from->u.call.target)
	           : r->kind == ROUTE_PICK ? xstrdup(from->u.pick.bank_id)
	           : r->to == NO_NODE ? NULL
	                              : utf8_visible(d->nodes[r->to].id, strlen(d->nodes[r->to].id));
	if (r->kind == ROUTE_CALL)
		out_printf(stdout, _("dialogue '%s'"), to);
	else if (r->kind == ROUTE_PICK)
		out_printf(stdout, _("bank '%s'"), to);
	else if (!to)
		out_printf(stdout, _("the end of the session"));
	else
		out_printf(stdout, "'%s'", to);
	free(to);
}

static void print_untaken(const Coverage *c)
{
	const Dialogue *d = c->d;
	bool any = false;
	for (size_t j = 0; j < c->routes.n; j++) {
		if (!coverage_counts_route(c, j) || c->route_hits[j])
			continue;
		if (!any)
			out_printf(stdout, _("routes never taken:\n"));
		any = true;
		const Route *r = &c->routes.v[j];
		print_node(d, &d->nodes[r->from]);
		out_puts(" -> ", stdout);
		print_target(d, r);
		char *label = route_label(d, r);
		out_printf(stdout, " (%s)\n", label);
		free(label);
	}
}

static void print_dead_ends(const Coverage *c)
{
	const Dialogue *d = c->d;
	bool any = false;
	for (size_t i = 0; i < d->nnodes; i++) {
		if (!c->reached[i] || c->completes[i])
			continue;
		if (!any)
			out_printf(stdout, _("dead ends: no route leads from these nodes to an end\n"));
		any = true;
		print_node(d, &d->nodes[i]);
		fputc('\n', stdout);
	}
}

static double percent(size_t part, size_t whole)
{
	return whole ? 100.0 * (double)part / (double)whole : 100.0;
}

static void print_coverage(const Coverage *c)
{
	print_unvisited(c);
	print_untaken(c);
	print_dead_ends(c);
	CoverageTotals t = coverage_totals(c);
	if (t.left_out)
		out_printf(stdout, _("(%zu nodes of the modes not walked are not counted)\n"), t.left_out);
	out_printf(stdout, _("nodes: %zu/%zu visited (%.1f%%)\n"), t.nodes_hit, t.nodes,
	           percent(t.nodes_hit, t.nodes));
	out_printf(stdout, _("routes: %zu/%zu taken (%.1f%%)\n"), t.routes_hit, t.routes,
	           percent(t.routes_hit, t.routes));
}

/* ----- the two walks -------------------------------------------------------------- */

static int walk_runs(const Dialogue *d, const AutoplayConfig *cfg, Coverage *cov)
{
	AutoplayReport rep = { 0 };
	autoplay(d, cfg, cov, &rep);
	out_printf(stdout, _("walk: %s, %zu runs from seed %llu (%s): %zu complete, %zu failed\n"),
	           d->id, rep.runs, cfg->seed, cfg->mode ? mode_name(cfg->mode)
	                                                  : _("coach, self and practice in turn"),
	           rep.complete, rep.nfailures);
	if (rep.nfailures)
		out_printf(stdout, _("failed runs:\n"));
	print_failures(&rep);
	print_coverage(cov);
	int status = rep.nfailures ? EXIT_INVALID : EXIT_OK;
	autoplay_report_free(&rep);
	return status;
}

static int walk_cases(const Dialogue *d, const char *dir, Coverage *cov)
{
	CasesReport rep = { 0 };
	Diags diags = { 0 };
	char *err = NULL;
	bool read = cases_run(d, dir, cov, &rep, &diags, &err);
	diags_report(&diags, DIAG_QUOTE);
	diags_free(&diags);
	if (!read) {
		out_printf(stderr, "tandem walk: %s\n", err);
		free(err);
		return EXIT_USAGE;
	}
	out_printf(stdout, _("walk: %s, the cases of %s: %zu passed, %zu failed, %zu for other "
	                     "dialogues\n"), d->id, dir, rep.passed, rep.failed, rep.skipped);
	for (size_t i = 0; i < rep.n; i++)
		if (rep.v[i].why)
			out_printf(stdout, _("  case %s: %s\n"), rep.v[i].name, rep.v[i].why);
	if (rep.passed + rep.failed == 0) {
		/* Nothing played: every mode counts, and nothing was covered. */
		out_printf(stdout, _("no case of %s is for this dialogue\n"), dir);
		for (Mode m = MODE_COACH; m <= MODE_PRACTICE; m <<= 1)
			coverage_walked(cov, m);
	}
	print_coverage(cov);
	int status = rep.failed ? EXIT_INVALID : EXIT_OK;
	cases_report_free(&rep);
	return status;
}

int cmd_walk(int argc, char **argv)
{
	WalkOpts o = { 0 };
	AutoplayConfig cfg;
	int status = parse(argc, argv, &o);
	if (status != EXIT_OK)
		return status;
	if (!settings(&o, &cfg))
		return EXIT_USAGE;
	Library *lib = library_open();
	const Dialogue *d = cmd_dialogue_load("tandem walk", lib, o.dialogue, o.lang, &status);
	if (d) {
		Coverage cov;
		coverage_init(&cov, d);
		status = o.cases ? walk_cases(d, o.cases, &cov) : walk_runs(d, &cfg, &cov);
		coverage_free(&cov);
	}
	library_free(lib);
	return status;
}
