/*
 * cases: reading a case file and playing it.
 *
 * The lines of a case go through loop_run with a front end that reads
 * them from the case and shows nothing, so that a /back, a /skip or a
 * /note in a case does what it does in a piped session. The route is the
 * session's turns, as a transcript would list them.
 */
#include "cases.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "loop.h"
#include "util.h"
#include "ydoc.h"

/* The clock of every case: the e2e suite's TANDEM_NOW. */
static time_t case_now(void)
{
	return 1795428000; /* 2026-11-23T10:00:00Z */
}

/* A case as read from its file. */
typedef struct Case {
	const YNode *input, *route, *status;
	const char *client;
	Mode mode;
	unsigned long long seed;
} Case;

static void add_result(CasesReport *rep, const char *name, bool skipped, char *why)
{
	GROW(rep->v, rep->cap, rep->n + 1);
	rep->v[rep->n++] = (CaseResult){ xstrdup(name), skipped, why };
	if (skipped)
		rep->skipped++;
	else if (why)
		rep->failed++;
	else
		rep->passed++;
}

/* Whether path, from folder dir, is a file: *same when it is real. */
static bool found_from(const char *dir, const char *path, const char *real, bool *same)
{
	char *joined = xasprintf("%s/%s", dir, path);
	char here[PATH_MAX];
	bool found = realpath(joined, here) != NULL;
	*same |= found && str_eq(here, real);
	free(joined);
	return found;
}

/* Whether the case's `dialogue:` names d's file (or is absent): the file
 * it leads to from the cases' folder or from the folder `dialogues`
 * beside it (the end-to-end suite's layout); a file name found in
 * neither names any file of that name. */
static bool for_dialogue(const YNode *root, const Dialogue *d, const char *dir)
{
	const YNode *name = ymap_get(root, "dialogue");
	if (!name)
		return true;
	char real[PATH_MAX];
	if (name->kind != Y_SCALAR || !realpath(d->path, real))
		return false;
	char *beside = xasprintf("%s/../dialogues", dir);
	bool same = false;
	bool found = found_from(dir, name->u.text, real, &same);
	found = found_from(beside, name->u.text, real, &same) || found;
	free(beside);
	if (found || strchr(name->u.text, '/'))
		return same;
	const char *base = strrchr(d->path, '/');
	return str_eq(name->u.text, base ? base + 1 : d->path);
}

/* Whether the case is about tandem's surroundings rather than the
 * dialogue: another command, a client's journal, a full disk or memory,
 * files made around it, an --out tandem refuses. */
static bool about_surroundings(const YNode *root)
{
	static const char *const keys[] = { "command", "sessions", "file_size_limit",
		                            "memory_limit", "setup" };
	for (size_t i = 0; i < ARRAY_LEN(keys); i++)
		if (ymap_get(root, keys[i]))
			return true;
	const YNode *out = ymap_get(root, "out");
	return out && !yscalar_is(out, "new") && !yscalar_is(out, "journal");
}

/* A line written {repeat: TEXT, times: N, end: TEXT} (a very long line):
 * whether it is one, and, into line when not NULL, the line it makes. */
static bool repeated_line(const YNode *it, Buf *line)
{
	enum { MAX_BYTES = 64 << 20 };
	const YNode *rep = ymap_get(it, "repeat"), *times = ymap_get(it, "times");
	const YNode *end = ymap_get(it, "end");
	unsigned long n = 0;
	if (it->kind != Y_MAP || !rep || rep->kind != Y_SCALAR || !times ||
	    times->kind != Y_SCALAR || sscanf(times->u.text, "%lu", &n) != 1 ||
	    (end && end->kind != Y_SCALAR) || (rep->len && n > MAX_BYTES / rep->len))
		return false;
	for (unsigned long i = 0; line && i < n; i++)
		buf_add(line, rep->u.text, rep->len);
	if (line && end)
		buf_adds(line, end->u.text);
	return true;
}

/* Reads the keys a case run takes; the reason it cannot be run, or NULL. */
static char *read_case(const YNode *root, Case *c)
{
	*c = (Case){ .mode = MODE_COACH, .seed = 1 };
	c->input = ymap_get(root, "input");
	if (c->input && c->input->kind != Y_SEQ)
		return xstrdup("'input' is not a list of lines");
	for (const YNode *it = c->input ? c->input->u.first : NULL; it; it = it->next)
		if (it->kind != Y_SCALAR && !repeated_line(it, NULL))
			return xasprintf("an input line that is neither a text nor {repeat: TEXT, times: "
			                 "N, end: TEXT} (line %u)", it->loc.line);
	const YNode *seed = ymap_get(root, "seed");
	if (seed && (seed->kind != Y_SCALAR || sscanf(seed->u.text, "%llu", &c->seed) != 1))
		return xstrdup("'seed' is not a number");
	const YNode *args = ymap_get(root, "args");
	for (const YNode *a = args && args->kind == Y_SEQ ? args->u.first : NULL; a; a = a->next) {
		if (a->kind != Y_SCALAR || !a->next || a->next->kind != Y_SCALAR)
			continue;
		if (str_eq(a->u.text, "--mode") && !mode_parse(a->next->u.text, &c->mode))
			return xasprintf("unknown mode '%s'", a->next->u.text);
		if (str_eq(a->u.text, "--client"))
			c->client = a->next->u.text;
	}
	const YNode *expect = ymap_get(root, "expect");
	c->route = expect ? ymap_get(expect, "route") : NULL;
	c->status = expect ? ymap_get(expect, "status") : NULL;
	if (c->route && c->route->kind != Y_SEQ)
		return xstrdup("'expect: route' is not a list of node ids");
	return NULL;
}

/* The front end of a case: its lines, then the end of input. */
typedef struct Script {
	const YNode *next;
} Script;

static LineRead script_read(void *ctx, const Request *r, Buf *line)
{
	(void)r;
	Script *sc = ctx;
	buf_clear(line);
	if (!sc->next)
		return LINE_END;
	if (sc->next->kind == Y_SCALAR)
		buf_adds(line, sc->next->u.text);
	else
		repeated_line(sc->next, line);
	sc->next = sc->next->next;
	return LINE_OK;
}

static void script_show(void *ctx, ShowKind kind, const char *text, const Request *r)
{
	(void)ctx, (void)kind, (void)text, (void)r;
}

/* What the route expected and the turns taken differ in, or NULL. */
static char *route_differs(const Session *s, const YNode *route)
{
	size_t i = 0;
	const YNode *want = route->u.first;
	for (; want && i < session_nturns(s); want = want->next, i++) {
		const char *got = session_turn(s, i)->node;
		if (want->kind != Y_SCALAR || !str_eq(want->u.text, got))
			return xasprintf("turn %zu: expected '%s', got '%s'", i + 1,
			                 want->kind == Y_SCALAR ? want->u.text : "?", got);
	}
	if (want || i < session_nturns(s))
		return xasprintf("expected %u turns, got %zu", (unsigned)route->len, session_nturns(s));
	return NULL;
}

static const char *status_name(SessionStatus st)
{
	return st == STATUS_COMPLETE ? "complete" : st == STATUS_FAILED ? "none" : "paused";
}

/* Plays a case already read; what did not hold, or NULL. */
static char *play(const Dialogue *d, const Case *c, Coverage *cov)
{
	SessionConfig sc = { .mode = c->mode, .client = c->client, .seed = c->seed,
	                     .now = case_now, .trace = &cov->trace };
	Session *s = session_new(d, &sc);
	char *errors = NULL;
	size_t nerrors = 0;
	FILE *out = fopen("/dev/null", "w"), *err = open_memstream(&errors, &nerrors);
	char *why = NULL;
	if (!out || !err) {
		why = xasprintf("cannot play it: %s", strerror(errno));
	} else {
		Script script = { c->input ? c->input->u.first : NULL };
		RunIO io = { NULL, out, err, NULL, NULL };
		FrontEnd fe = { script_show, script_read, &script };
		coverage_walked(cov, c->mode);
		loop_run(s, &io, &fe);
		fflush(err);
		const char *st = status_name(session_status(s));
		if (c->route)
			why = route_differs(s, c->route);
		if (!why && c->status && !yscalar_is(c->status, st))
			why = xasprintf("expected status '%s', got '%s'%s%.*s",
			                c->status->kind == Y_SCALAR ? c->status->u.text : "?", st,
			                nerrors ? ": " : "", (int)strcspn(errors, "\n"), errors);
	}
	if (out)
		fclose(out);
	if (err)
		fclose(err);
	free(errors);
	session_free(s);
	return why;
}

static bool is_case(const char *name)
{
	size_t n = strlen(name);
	return name[0] != '.' && n > 5 && str_eq(name + n - 5, ".case");
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The case files of dir, sorted; NULL with *err when it cannot be read. */
static char **case_files(const char *dir, size_t *n, char **err)
{
	DIR *dh = opendir(dir);
	if (!dh) {
		*err = xasprintf("cannot read the folder '%s': %s", dir, strerror(errno));
		return NULL;
	}
	char **v = NULL;
	size_t cap = 0;
	*n = 0;
	struct dirent *de;
	while ((de = readdir(dh)))
		if (is_case(de->d_name)) {
			GROW(v, cap, *n + 1);
			v[(*n)++] = xstrdup(de->d_name);
		}
	closedir(dh);
	if (*n)
		qsort(v, *n, sizeof(char *), by_name);
	return v ? v : xcalloc(1, sizeof(char *));
}

/* Reads and plays one case file. */
static void one_case(const Dialogue *d, const char *dir, const char *name, Coverage *cov,
                     CasesReport *rep, Diags *diags)
{
	char *path = xasprintf("%s/%s", dir, name);
	size_t before = diags->errors;
	YDoc *doc = ydoc_load(path, &ydoc_default_limits, diags);
	const YNode *root = doc ? doc->root : NULL;
	Case c;
	char *why = NULL;
	if (diags->errors > before || !root || root->kind != Y_MAP)
		add_result(rep, name, false, xstrdup("not a YAML mapping that can be read"));
	else if (!for_dialogue(root, d, dir) || about_surroundings(root))
		add_result(rep, name, true, NULL);
	else if ((why = read_case(root, &c)))
		add_result(rep, name, false, why);
	else
		add_result(rep, name, false, play(d, &c, cov));
	ydoc_free(doc);
	free(path);
}

bool cases_run(const Dialogue *d, const char *dir, Coverage *cov, CasesReport *rep,
               Diags *diags, char **err)
{
	size_t n;
	char **names = case_files(dir, &n, err);
	if (!names)
		return false;
	for (size_t i = 0; i < n; i++) {
		one_case(d, dir, names[i], cov, rep, diags);
		free(names[i]);
	}
	free(names);
	return true;
}

void cases_report_free(CasesReport *rep)
{
	for (size_t i = 0; i < rep->n; i++) {
		free(rep->v[i].name);
		free(rep->v[i].why);
	}
	free(rep->v);
	*rep = (CasesReport){ 0 };
}
