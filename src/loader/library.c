/*
 * library: finds, loads, links and checks dialogues and banks, and owns
 * them.
 *
 * Each file is loaded once (keyed by its real path) however many dialogues
 * call or pick from it, so its diagnostics are reported once. Linking walks
 * `call` targets depth first; meeting a dialogue that is still being linked
 * means a call cycle. A dialogue is runnable only when it and everything it
 * reaches is free of errors.
 */
#include "library.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "build.h"
#include "check.h"
#include "langtag.h"
#include "map.h"
#include "paths.h"
#include "suggest.h"
#include "utf8.h"
#include "ydoc.h"

typedef enum State { NEW, LINKING, LINKED } State;

typedef struct Entry {
	FileKind kind;
	Dialogue *dialogue;
	BankFile *bank;
	SafetyFile *safety;
	State state;
	bool errors;         /* this file, or anything it reaches, has errors */
} Entry;

struct Library {
	char **dirs;
	size_t ndirs;
	Map reals;           /* each file's realpath: the cache key */
	Entry **entries;     /* by the number of its realpath */
	size_t cap;
};

Library *library_new(const char *const *dirs, size_t ndirs)
{
	Library *lib = xcalloc(1, sizeof(*lib));
	lib->dirs = xcalloc(ndirs + 1, sizeof(char *));
	for (size_t i = 0; i < ndirs; i++)
		lib->dirs[i] = xstrdup(dirs[i]);
	lib->ndirs = ndirs;
	return lib;
}

Library *library_open(void)
{
	Paths paths = paths_library();
	Library *lib = library_new((const char *const *)paths.dirs, paths.n);
	paths_free(&paths);
	return lib;
}

void library_free(Library *lib)
{
	if (!lib)
		return;
	for (size_t i = 0; i < map_count(&lib->reals); i++) {
		dialogue_free(lib->entries[i]->dialogue);
		bank_file_free(lib->entries[i]->bank);
		safety_file_free(lib->entries[i]->safety);
		free(lib->entries[i]);
	}
	map_free(&lib->reals);
	for (size_t i = 0; i < lib->ndirs; i++)
		free(lib->dirs[i]);
	free(lib->dirs);
	free(lib->entries);
	free(lib);
}

static bool is_file(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* The folder part of path, with its slash ("" for a bare name). */
static char *dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? xstrndup(path, (size_t)(slash - path + 1)) : xstrdup("");
}

/* dir + rest, if that is a file; NULL otherwise. */
static char *file_in(const char *dir, const char *rest)
{
	char *p = xasprintf("%s%s%s", dir, (*dir && dir[strlen(dir) - 1] != '/') ? "/" : "", rest);
	if (is_file(p))
		return p;
	free(p);
	return NULL;
}

char *library_find(const Library *lib, const char *id, const char *lang)
{
	char folder[LANG_FOLDER_MAX];
	if (!lang_folder(lang, folder))
		return NULL;
	char *rest = xasprintf("%s/%s.yaml", folder, id);
	char *found = NULL;
	for (size_t i = 0; i < lib->ndirs && !found; i++)
		found = file_in(lib->dirs[i], rest);
	free(rest);
	return found;
}

static char *find_bank_file(const Library *lib, const char *beside, const char *id,
                            const char *lang)
{
	char *rest = xasprintf("banks/%s.yaml", id);
	char *dir = dir_of(beside);
	char *found = file_in(dir, rest);
	free(dir);
	free(rest);
	rest = xasprintf("%s/banks/%s.yaml", lang, id);
	for (size_t i = 0; i < lib->ndirs && !found; i++)
		found = file_in(lib->dirs[i], rest);
	free(rest);
	return found;
}

/* Reads and builds a file not seen before; digest: see build_file. */
static Entry *read_entry(Library *lib, const char *path, const char *real, bool digest,
                         Diags *d)
{
	Entry *e = xcalloc(1, sizeof(*e));
	size_t i = map_add(&lib->reals, real, NULL);
	GROW(lib->entries, lib->cap, i + 1);
	lib->entries[i] = e;
	size_t before = d->errors;
	Built built;
	e->kind = build_file(path, digest, d, &built);
	e->dialogue = built.dialogue;
	e->bank = built.bank;
	e->safety = built.safety;
	e->errors = e->kind == FILE_UNKNOWN || d->errors > before;
	return e;
}

static Entry *load_entry(Library *lib, const char *path, bool digest, Diags *d)
{
	char real[PATH_MAX];
	if (!realpath(path, real)) {
		diag_error(d, path, loc_at(0, 0), "cannot open: %s", strerror(errno));
		return NULL;
	}
	long i = map_find(&lib->reals, real);
	if (i != MAP_NONE)
		return lib->entries[i];
	return read_entry(lib, path, real, digest, d);
}

/* Adds the stems of the .yaml files of dir to *names. */
static void add_stems(const char *dir, char ***names, size_t *n, size_t *cap)
{
	DIR *dh = opendir(*dir ? dir : ".");
	if (!dh)
		return;
	struct dirent *de;
	while ((de = readdir(dh))) {
		size_t len = strlen(de->d_name);
		if (len > 5 && str_eq(de->d_name + len - 5, ".yaml")) {
			GROW(*names, *cap, *n + 1);
			(*names)[(*n)++] = xstrndup(de->d_name, len - 5);
		}
	}
	closedir(dh);
}

/*
 * The id nearest to a misspelt call or pick target (heap), or NULL: among
 * the files of `sub` ("" or "banks/") beside the dialogue dl and in the
 * library's folder of its language, and the names of extra (its inline
 * banks).
 */
static char *near_target(const Library *lib, const Dialogue *dl, const char *sub,
                         const char *id, const char *const *extra, size_t nextra)
{
	char **names = NULL;
	size_t n = 0, cap = 0;
	char *dir = dir_of(dl->path);
	char *beside = xasprintf("%s%s", dir, sub);
	add_stems(beside, &names, &n, &cap);
	char folder[LANG_FOLDER_MAX];
	for (size_t i = 0; i < lib->ndirs && lang_folder(dl->lang, folder); i++) {
		char *in_lib = xasprintf("%s/%s/%s", lib->dirs[i], folder, sub);
		add_stems(in_lib, &names, &n, &cap);
		free(in_lib);
	}
	for (size_t i = 0; i < nextra; i++) {
		GROW(names, cap, n + 1);
		names[n++] = xstrdup(extra[i]);
	}
	const char *near = suggest(id, (const char *const *)names, n);
	char *found = near ? xstrdup(near) : NULL;
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	free(beside);
	free(dir);
	return found;
}

static bool link_dialogue(Library *lib, Entry *e, Diags *d);

/*
 * The files one dialogue has found so far, by id: a dialogue that calls
 * the same dialogue or picks from the same bank at many nodes looks for
 * its file once, instead of once per node (each look costs a stat and a
 * realpath). Only found files are kept, so a missing one is still reported
 * at every node that names it.
 */
typedef struct Found {
	Map ids;
	Entry **entries;     /* by the number of the id in ids */
	size_t cap;
} Found;

static Entry *found_get(const Found *f, const char *id)
{
	long i = map_find(&f->ids, id);
	return i == MAP_NONE ? NULL : f->entries[i];
}

static void found_put(Found *f, const char *id, Entry *e)
{
	size_t i = map_add(&f->ids, id, NULL);
	GROW(f->entries, f->cap, i + 1);
	f->entries[i] = e;
}

static void found_free(Found *f)
{
	map_free(&f->ids);
	free(f->entries);
}

/* What link_dialogue has found for the dialogue it links. */
typedef struct Seen {
	Found calls, banks;
} Seen;

/* The entry of the dialogue target names, loaded if need be; NULL
 * (reported) when there is no such file or it cannot be read. */
static Entry *find_callee(Library *lib, Entry *e, Node *n, Found *seen, Diags *d)
{
	Dialogue *dl = e->dialogue;
	const char *target = n->u.call.target;
	Entry *known = found_get(seen, target);
	if (known)
		return known;
	char *dir = dir_of(dl->path);
	char *rest = xasprintf("%s.yaml", target);
	char *path = file_in(dir, rest);
	if (!path)
		path = library_find(lib, target, dl->lang);
	free(rest);
	if (!path) {
		char *near = near_target(lib, dl, "", target, NULL, 0);
		if (near)
			diag_error(d, dl->path, text_loc(n->text),
			           "no dialogue '%s' to call: looked for %s.yaml beside this file and "
			           "in the library; did you mean '%s'?", target, target, near);
		else
			diag_error(d, dl->path, text_loc(n->text),
			           "no dialogue '%s' to call: looked for %s.yaml beside this file and "
			           "in the library", target, target);
		free(near);
		free(dir);
		return NULL;
	}
	free(dir);
	Entry *callee = load_entry(lib, path, false, d);
	free(path);
	if (callee)
		found_put(seen, target, callee);
	return callee;
}

static void link_call(Library *lib, Entry *e, Node *n, Seen *seen, Diags *d)
{
	Dialogue *dl = e->dialogue;
	const char *target = n->u.call.target;
	Entry *callee = find_callee(lib, e, n, &seen->calls, d);
	if (!callee || callee->kind != FILE_DIALOGUE) {
		if (callee)
			diag_error(d, dl->path, text_loc(n->text), "'%s' is a question bank, not a dialogue to call", target);
		e->errors = true;
		return;
	}
	if (callee->state == LINKING) {
		diag_error(d, dl->path, text_loc(n->text),
		           "call cycle: '%s' calls '%s', which leads back to '%s'",
		           dl->id, target, dl->id);
		e->errors = true;
		return;
	}
	if (!link_dialogue(lib, callee, d))
		e->errors = true;
	n->u.call.dialogue = callee->dialogue;
}

static const Bank *inline_bank(const Dialogue *dl, const char *id)
{
	for (size_t i = 0; i < dl->nbanks; i++)
		if (str_eq(dl->banks[i].id, id))
			return &dl->banks[i];
	return NULL;
}

/* The entry of the bank file id names, loaded if need be; NULL (reported)
 * when there is no such file or it cannot be read. */
static Entry *find_bank(Library *lib, Entry *e, Node *n, Found *seen, Diags *d)
{
	Dialogue *dl = e->dialogue;
	const char *id = n->u.pick.bank_id;
	Entry *known = found_get(seen, id);
	if (known)
		return known;
	char *path = find_bank_file(lib, dl->path, id, dl->lang);
	if (!path) {
		const char **inline_ids = xcalloc(dl->nbanks + 1, sizeof(char *));
		for (size_t i = 0; i < dl->nbanks; i++)
			inline_ids[i] = dl->banks[i].id;
		char *near = near_target(lib, dl, "banks/", id, inline_ids, dl->nbanks);
		free(inline_ids);
		if (near)
			diag_error(d, dl->path, text_loc(n->text),
			           "no question bank '%s': looked in 'banks:', in banks/%s.yaml beside "
			           "this file and in the library; did you mean '%s'?", id, id, near);
		else
			diag_error(d, dl->path, text_loc(n->text),
			           "no question bank '%s': looked in 'banks:', in banks/%s.yaml beside "
			           "this file and in the library", id, id);
		free(near);
		return NULL;
	}
	Entry *be = load_entry(lib, path, false, d);
	free(path);
	if (be)
		found_put(seen, id, be);
	return be;
}

static void link_pick(Library *lib, Entry *e, Node *n, Seen *seen, Diags *d)
{
	const char *id = n->u.pick.bank_id;
	if ((n->u.pick.bank = inline_bank(e->dialogue, id)))
		return;
	Entry *be = find_bank(lib, e, n, &seen->banks, d);
	if (!be || be->kind != FILE_BANK) {
		if (be)
			diag_error(d, e->dialogue->path, text_loc(n->text), "'%s' is a dialogue, not a question bank", id);
		e->errors = true;
		return;
	}
	if (be->errors)
		e->errors = true;
	n->u.pick.bank = &be->bank->bank;
}

/* The safety file at path, when it is one for lang: NULL when it is of
 * another language; a file that is no safety net, or has errors, makes
 * the dialogue unrunnable (e->errors): a session must not start without
 * the net it was meant to have. */
static const Safety *safety_at(Library *lib, Entry *e, const char *path, const char *lang,
                               Diags *d)
{
	Entry *se = load_entry(lib, path, false, d);
	if (se && se->kind != FILE_SAFETY)
		diag_error(d, path, loc_at(1, 1), "this file is named safety.yaml but does not start "
		                                  "with 'tandem-safety: 1'");
	if (!se || se->kind != FILE_SAFETY || se->errors) {
		e->errors = true;
		return NULL;
	}
	return se->safety->lang && str_eq(se->safety->lang, lang) ? &se->safety->safety : NULL;
}

/* The safety net of dl's language: safety.yaml beside it, else in the
 * library's folder of its language. */
static void link_safety(Library *lib, Entry *e, Diags *d)
{
	Dialogue *dl = e->dialogue;
	char *dir = dir_of(dl->path);
	char *path = file_in(dir, "safety.yaml");
	free(dir);
	if (path)
		dl->library_safety = safety_at(lib, e, path, dl->lang, d);
	free(path);
	char *rest = xasprintf("%s/safety.yaml", dl->lang);
	for (size_t i = 0; i < lib->ndirs && !dl->library_safety && !e->errors; i++) {
		path = file_in(lib->dirs[i], rest);
		if (path)
			dl->library_safety = safety_at(lib, e, path, dl->lang, d);
		free(path);
	}
	free(rest);
}

/* Resolves call and pick targets, then checks meaning once all is known. */
static bool link_dialogue(Library *lib, Entry *e, Diags *d)
{
	if (e->state != NEW)
		return !e->errors;
	e->state = LINKING;
	Dialogue *dl = e->dialogue;
	Seen seen = { 0 };
	for (size_t i = 0; i < dl->nnodes; i++) {
		Node *n = &dl->nodes[i];
		if (n->kind == NODE_CALL && n->u.call.target)
			link_call(lib, e, n, &seen, d);
		else if (n->kind == NODE_PICK && n->u.pick.bank_id)
			link_pick(lib, e, n, &seen, d);
	}
	found_free(&seen.calls);
	found_free(&seen.banks);
	link_safety(lib, e, d);
	size_t before = d->errors;
	check_dialogue(dl, d);
	if (d->errors > before)
		e->errors = true;
	e->state = LINKED;
	return !e->errors;
}

const Dialogue *library_load(Library *lib, const char *path, Diags *d)
{
	/* Only a session needs the digest, so checking does not pay for it. */
	Entry *e = load_entry(lib, path, true, d);
	if (!e)
		return NULL;
	if (e->kind != FILE_DIALOGUE) {
		if (e->kind == FILE_BANK)
			diag_error(d, path, loc_at(1, 1), "this is a question bank, not a dialogue to run");
		else if (e->kind == FILE_SAFETY)
			diag_error(d, path, loc_at(1, 1), "this is the safety net of a library, not a "
			                                  "dialogue to run");
		return NULL;
	}
	if (!link_dialogue(lib, e, d))
		return NULL;
	/* A file first read for another purpose (as a callee) was not
	 * fingerprinted; a session must not record an empty one. */
	if (!e->dialogue->sha256[0]) {
		diag_error(d, path, loc_at(0, 0), "this dialogue was read before without its "
		           "fingerprint: run it on its own");
		return NULL;
	}
	return e->dialogue;
}

bool library_file(Library *lib, const char *path, Diags *d, LibraryFile *out)
{
	*out = (LibraryFile){ .errors = true };
	Entry *e = load_entry(lib, path, false, d);
	if (!e)
		return false;
	if (e->kind == FILE_DIALOGUE)
		link_dialogue(lib, e, d);
	out->dialogue = e->dialogue;
	out->bank = e->bank ? &e->bank->bank : NULL;
	out->safety = e->safety ? &e->safety->safety : NULL;
	out->lang = e->safety ? e->safety->lang : NULL;
	out->errors = e->errors;
	return !e->errors;
}

bool library_check_file(Library *lib, const char *path, Diags *d)
{
	LibraryFile f;
	return library_file(lib, path, d, &f);
}

/* ---- the entries of `tandem list` ---- */

typedef struct Listing {
	LibraryEntry *v;
	size_t n, cap;
} Listing;

static char *top_text(const YDoc *doc, const char *key)
{
	const YNode *v = doc->root ? ymap_get(doc->root, key) : NULL;
	if (!v || v->kind != Y_SCALAR)
		return NULL;
	return utf8_sanitize(v->u.text, v->len);
}

static bool listed(const Listing *l, const char *id, const char *lang)
{
	for (size_t i = 0; i < l->n; i++)
		if (str_eq(l->v[i].id, id) && str_eq(l->v[i].lang, lang))
			return true;
	return false;
}

/* A node, which listing has no use for: dropped as soon as it is read. */
static void skip_node(void *ctx, const YNode *key, const YNode *value)
{
	(void)ctx, (void)key, (void)value;
}

static bool is_dialogue_top(const YDoc *doc)
{
	return doc && doc->root && doc->root->kind == Y_MAP && ymap_get(doc->root, "tandem");
}

/* Whether doc lacks one of the keys every dialogue has. */
static bool lacks_header(const YDoc *doc)
{
	static const char *const keys[] = { "tandem", "id", "lang", "title" };
	if (!doc || !doc->root || doc->root->kind != Y_MAP)
		return false;
	for (size_t i = 0; i < ARRAY_LEN(keys); i++)
		if (!ymap_get(doc->root, keys[i]))
			return true;
	return false;
}

/* Reads just the top of a dialogue file, listing does not check it: up to
 * `nodes:`, where dialogues write it after their header (reference.md);
 * the whole file, its nodes dropped as read, when it has part of its
 * header further down. */
static void add_file(Listing *l, const char *path)
{
	Diags quiet = { 0 };
	YDoc *doc = ydoc_load_top(path, &ydoc_default_limits, "nodes", &quiet);
	if (lacks_header(doc)) {
		ydoc_free(doc);
		YStream nodes = { "nodes", skip_node, NULL, NULL };
		doc = ydoc_load_stream(path, &ydoc_default_limits, &nodes, &quiet);
	}
	diags_free(&quiet);
	if (!is_dialogue_top(doc)) {
		ydoc_free(doc);
		return;
	}
	LibraryEntry e = { top_text(doc, "id"), top_text(doc, "lang"), top_text(doc, "title"),
	            top_text(doc, "summary"), xstrdup(path) };
	ydoc_free(doc);
	if (e.id && e.lang && !listed(l, e.id, e.lang)) {
		GROW(l->v, l->cap, l->n + 1);
		l->v[l->n++] = e;
		return;
	}
	free(e.id), free(e.lang), free(e.title), free(e.summary), free(e.path);
}

static int cmp_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The sorted entries of a folder whose names end with suffix. */
static size_t sorted_names(const char *dir, const char *suffix, char ***out)
{
	DIR *dh = opendir(dir);
	char **v = NULL;
	size_t n = 0, cap = 0;
	struct dirent *de;
	while (dh && (de = readdir(dh))) {
		size_t len = strlen(de->d_name), sl = strlen(suffix);
		if (de->d_name[0] == '.' || len < sl || !str_eq(de->d_name + len - sl, suffix))
			continue;
		GROW(v, cap, n + 1);
		v[n++] = xstrdup(de->d_name);
	}
	if (dh)
		closedir(dh);
	if (n)
		qsort(v, n, sizeof(char *), cmp_name);
	*out = v;
	return n;
}

LibraryEntry *library_entries(const Library *lib, size_t *n)
{
	Listing l = { 0 };
	for (size_t i = 0; i < lib->ndirs; i++) {
		char **langs;
		size_t nl = sorted_names(lib->dirs[i], "", &langs);
		for (size_t j = 0; j < nl; j++) {
			char *dir = xasprintf("%s/%s", lib->dirs[i], langs[j]);
			char **files;
			size_t nf = sorted_names(dir, ".yaml", &files);
			for (size_t k = 0; k < nf; k++) {
				char *path = xasprintf("%s/%s", dir, files[k]);
				add_file(&l, path);
				free(path);
				free(files[k]);
			}
			free(files);
			free(dir);
			free(langs[j]);
		}
		free(langs);
	}
	*n = l.n;
	return l.v;
}

void library_entries_free(LibraryEntry *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		LibraryEntry *e = &v[i];
		free(e->id), free(e->lang), free(e->title), free(e->summary), free(e->path);
	}
	free(v);
}
