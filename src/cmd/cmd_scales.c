/*
 * cmd_scales: the answers a client gave to scale questions, as a trend
 * across sessions, for `tandem history`.
 *
 * A scale is a question answered with a number (`scale:`); the same
 * question asked again in later sessions (the same node and the same
 * words, so that each indicator of an `each` loop has its own line) makes
 * one trend: its values by date, oldest first, and at a terminal a small
 * sparkline of them. Questions answered once only are left out: there is
 * no trend yet.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "clock.h"
#include "cmd.h"
#include "i18n.h"
#include "map.h"
#include "out.h"
#include "utf8.h"
#include "util.h"

typedef struct Point {
	time_t at;
	double value;
} Point;

typedef struct Trend {
	Point *v;
	size_t n, cap;
} Trend;

/* Each scale question's answers, keyed by node and prompt. */
typedef struct Trends {
	Map keys;           /* "node\nprompt" */
	Trend *v;
	size_t cap;
} Trends;

static void add_point(Trends *t, const ScalePoint *p, time_t at)
{
	char *key = xasprintf("%s\n%s", p->node, p->prompt);
	bool added;
	size_t i = map_add(&t->keys, key, &added);
	free(key);
	if (added) {
		GROW(t->v, t->cap, i + 1);
		t->v[i] = (Trend){ 0 };
	}
	Trend *tr = &t->v[i];
	GROW(tr->v, tr->cap, tr->n + 1);
	tr->v[tr->n++] = (Point){ at, p->value };
}

/* A bar of eight heights for v within [lo, hi]. */
static const char *bar(double v, double lo, double hi)
{
	static const char *const bars[] = { "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█" };
	int k = hi > lo ? (int)((v - lo) / (hi - lo) * 7 + 0.5) : 3;
	return bars[k < 0 ? 0 : k > 7 ? 7 : k];
}

static void put_trend(FILE *out, const char *key, const Trend *tr, bool spark)
{
	const char *prompt = strchr(key, '\n') + 1;
	char *clean = utf8_sanitize(prompt, strlen(prompt));
	out_printf(out, "  %s\n   ", clean);
	free(clean);
	double lo = tr->v[0].value, hi = lo;
	for (size_t i = 0; i < tr->n; i++) {
		char day[16];
		clock_date(tr->v[i].at, day);
		out_printf(out, " %s %g", day, tr->v[i].value);
		lo = tr->v[i].value < lo ? tr->v[i].value : lo;
		hi = tr->v[i].value > hi ? tr->v[i].value : hi;
	}
	if (spark) {
		out_puts("   ", out);
		for (size_t i = 0; i < tr->n; i++)
			out_puts(bar(tr->v[i].value, lo, hi), out);
	}
	fputc('\n', out);
}

void cmd_scales_print(FILE *out, const Journal *j)
{
	Trends t = { 0 };
	for (size_t s = 0; s < j->n; s++)
		for (size_t i = 0; i < j->v[s].nscales; i++)
			add_point(&t, &j->v[s].scales[i], j->v[s].started);
	size_t shown = 0;
	bool spark = isatty(fileno(out));
	for (size_t i = 0; i < map_count(&t.keys); i++) {
		if (t.v[i].n < 2)
			continue;
		if (!shown++)
			out_puts(_("\nScales over time\n"), out);
		put_trend(out, map_key(&t.keys, i), &t.v[i], spark);
	}
	for (size_t i = 0; i < map_count(&t.keys); i++)
		free(t.v[i].v);
	free(t.v);
	map_free(&t.keys);
}
