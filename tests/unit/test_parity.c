/*
 * test_parity: the shipped library is the same dialogue in every language.
 *
 * A session run in French must be comparable, node for node, with one run
 * in English. Test plan:
 *   - every file under dialogues/ checks with no diagnostic at all,
 *     warnings included (what `tandem check dialogues/` must print);
 *   - every language folder holds the same dialogue ids and the same bank
 *     ids, each file's `id` is its name and its `lang` its folder;
 *   - for each dialogue, its version in the first language folder (by name)
 *     and each other one have the same structure: vars, recall, start, and
 *     node by node the id, kind, section, save name, `only`, `audience`
 *     (an answer shared with the sponsor in one language is shared in all),
 *     default next,
 *     `next` rules (condition or not, the names it reads, target), choice keys
 *     and targets, scale bounds, repeat, optional, each, validate, practice
 *     points, set names, call and pick targets, pick tags, count and about;
 *     texts are translated, so only their presence is compared where it
 *     shapes a session;
 *   - the same safety net: the dialogue's own and its library's, the same
 *     topics in the same order;
 *   - for each bank, the same number of questions, and at each position
 *     the same tags, a trigger or none, strict or not, and a self wording
 *     or none.
 * Every difference is reported, naming the dialogue, the node and both
 * values, so that a translator sees at once what to align.
 */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cmocka.h>

#include "build.h"
#include "dialogue.h"
#include "library.h"

#ifndef LIBRARY_DIR
#define LIBRARY_DIR "dialogues"
#endif

typedef struct Names {
	char **v;
	size_t n, cap;
} Names;

static void names_free(Names *names)
{
	for (size_t i = 0; i < names->n; i++)
		free(names->v[i]);
	free(names->v);
	*names = (Names){ 0 };
}

static int cmp_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool is_dir(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* The entries of dir, sorted: folders (want_dirs) or the stems of .yaml files. */
static Names list_dir(const char *dir, bool want_dirs)
{
	Names out = { 0 };
	DIR *dh = opendir(dir);
	if (!dh)
		return out;
	struct dirent *de;
	while ((de = readdir(dh))) {
		if (de->d_name[0] == '.')
			continue;
		char *path = xasprintf("%s/%s", dir, de->d_name);
		size_t len = strlen(de->d_name);
		bool folder = is_dir(path);
		free(path);
		if (want_dirs && folder) {
			GROW(out.v, out.cap, out.n + 1);
			out.v[out.n++] = xstrdup(de->d_name);
		} else if (!want_dirs && !folder && len > 5 && str_eq(de->d_name + len - 5, ".yaml")) {
			GROW(out.v, out.cap, out.n + 1);
			out.v[out.n++] = xstrndup(de->d_name, len - 5);
		}
	}
	closedir(dh);
	if (out.n)
		qsort(out.v, out.n, sizeof(char *), cmp_name);
	return out;
}

/* Every .yaml file under dir, depth first. */
static void list_files(const char *dir, Names *out)
{
	Names sub = list_dir(dir, true), files = list_dir(dir, false);
	for (size_t i = 0; i < files.n; i++) {
		GROW(out->v, out->cap, out->n + 1);
		out->v[out->n++] = xasprintf("%s/%s.yaml", dir, files.v[i]);
	}
	for (size_t i = 0; i < sub.n; i++) {
		char *path = xasprintf("%s/%s", dir, sub.v[i]);
		list_files(path, out);
		free(path);
	}
	names_free(&sub);
	names_free(&files);
}

static Library *new_library(void)
{
	const char *dirs[] = { LIBRARY_DIR };
	return library_new(dirs, 1);
}

/* Fails with every difference found, if any; frees diffs and what. */
static void fail_with(Buf *diffs, char *what)
{
	bool differs = diffs->len > 0;
	if (differs)
		print_error("%s differ:\n%s", what, buf_str(diffs));
	buf_free(diffs);
	free(what);
	if (differs)
		fail();
}

/* ----- the library checks clean ---------------------------------------------- */

static void test_checks_clean(void **state)
{
	(void)state;
	Names files = { 0 };
	list_files(LIBRARY_DIR, &files);
	Library *lib = new_library();
	Diags d = { 0 };
	for (size_t i = 0; i < files.n; i++)
		library_check_file(lib, files.v[i], &d);
	diags_sort(&d);
	if (d.n) {
		print_error("`tandem check %s` must report nothing; it reports:\n", LIBRARY_DIR);
		diags_print(&d, stderr, false);
	}
	size_t n = d.n, checked = files.n;
	diags_free(&d);
	library_free(lib);
	names_free(&files);
	assert_true(checked > 0);
	assert_int_equal(n, 0);
}

/* ----- the same ids in every language ------------------------------------------ */

typedef struct Langs {
	Names langs;
	Names *ids;      /* per language: dialogue ids */
	Names *banks;    /* per language: bank ids */
} Langs;

static void drop_name(Names *n, const char *name)
{
	for (size_t i = 0; i < n->n; i++)
		if (str_eq(n->v[i], name)) {
			free(n->v[i]);
			memmove(&n->v[i], &n->v[i + 1], (n->n - i - 1) * sizeof(char *));
			n->n--;
			return;
		}
}

static Langs langs_read(void)
{
	Langs l = { .langs = list_dir(LIBRARY_DIR, true) };
	l.ids = xcalloc(l.langs.n + 1, sizeof(Names));
	l.banks = xcalloc(l.langs.n + 1, sizeof(Names));
	for (size_t i = 0; i < l.langs.n; i++) {
		char *dir = xasprintf("%s/%s", LIBRARY_DIR, l.langs.v[i]);
		char *banks = xasprintf("%s/banks", dir);
		l.ids[i] = list_dir(dir, false);
		drop_name(&l.ids[i], "safety"); /* the library's net, compared with each dialogue */
		l.banks[i] = list_dir(banks, false);
		free(banks);
		free(dir);
	}
	return l;
}

static void langs_free(Langs *l)
{
	for (size_t i = 0; i < l->langs.n; i++) {
		names_free(&l->ids[i]);
		names_free(&l->banks[i]);
	}
	free(l->ids);
	free(l->banks);
	names_free(&l->langs);
}

static bool has_name(const Names *names, const char *name)
{
	for (size_t i = 0; i < names->n; i++)
		if (str_eq(names->v[i], name))
			return true;
	return false;
}

/* Names in a but not in b, as "what 'x' is in A but not in B" lines. */
static void missing(Buf *out, const char *what, const Names *a, const char *la,
                    const Names *b, const char *lb)
{
	for (size_t i = 0; i < a->n; i++)
		if (!has_name(b, a->v[i]))
			buf_printf(out, "  %s '%s' is in %s/ but not in %s/\n", what, a->v[i], la, lb);
}

static void test_same_ids(void **state)
{
	(void)state;
	Langs l = langs_read();
	Buf diffs = { 0 };
	if (l.langs.n < 2)
		buf_printf(&diffs, "  %s/ must hold a folder per language (fr, en), found %zu\n",
		           LIBRARY_DIR, l.langs.n);
	for (size_t i = 1; i < l.langs.n; i++) {
		const char *a = l.langs.v[0], *b = l.langs.v[i];
		missing(&diffs, "dialogue", &l.ids[0], a, &l.ids[i], b);
		missing(&diffs, "dialogue", &l.ids[i], b, &l.ids[0], a);
		missing(&diffs, "bank", &l.banks[0], a, &l.banks[i], b);
		missing(&diffs, "bank", &l.banks[i], b, &l.banks[0], a);
	}
	langs_free(&l);
	fail_with(&diffs, xstrdup("the ids of the language folders"));
}

/* ----- dialogue structure -------------------------------------------------------- */

/* One dialogue compared in two languages. */
typedef struct Pair {
	const char *id;
	const char *la, *lb;        /* language folders */
	const Dialogue *a, *b;
	Buf *out;
	const Node *na, *nb;        /* the node being compared, for messages */
} Pair;

static void differ(Pair *p, const char *fmt, ...) PRINTF_LIKE(2, 3);
static void differ(Pair *p, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *msg = xvasprintf(fmt, ap);
	va_end(ap);
	if (p->na)
		buf_printf(p->out, "  %s: node '%s': %s\n", p->id, p->na->id, msg);
	else
		buf_printf(p->out, "  %s: %s\n", p->id, msg);
	free(msg);
}

static const char *or_none(const char *s)
{
	return s ? s : "(none)";
}

static bool same_str(const char *a, const char *b)
{
	return (!a && !b) || (a && b && str_eq(a, b));
}

static void same_text(Pair *p, const char *what, const char *a, const char *b)
{
	if (!same_str(a, b))
		differ(p, "%s is '%s' in %s, '%s' in %s", what, or_none(a), p->la, or_none(b), p->lb);
}

static void same_num(Pair *p, const char *what, long a, long b)
{
	if (a != b)
		differ(p, "%s is %ld in %s, %ld in %s", what, a, p->la, b, p->lb);
}

static void same_presence(Pair *p, const char *what, bool a, bool b)
{
	if (a != b)
		differ(p, "%s is %s in %s but %s in %s", what, a ? "given" : "absent", p->la,
		       b ? "given" : "absent", p->lb);
}

static const char *node_id(const Dialogue *d, int index)
{
	return index == NO_NODE ? "(end of file)" : d->nodes[index].id;
}

static void same_target(Pair *p, const char *what, int a, int b)
{
	same_text(p, what, node_id(p->a, a), node_id(p->b, b));
}

static void add_ref(void *ctx, RefKind kind, const char *name, size_t pos)
{
	(void)pos;
	Buf *b = ctx;
	buf_printf(b, "%s%s%s%s", b->len ? ", " : "", kind == REF_NODE ? "visited(" : "", name,
	           kind == REF_NODE ? ")" : "");
}

/* The names an expression reads, in order: its shape, whatever its regexes. */
static char *refs_of(const Expr *e)
{
	Buf b = { 0 };
	if (e)
		expr_refs(e, add_ref, &b);
	return buf_take(&b);
}

static void same_refs(Pair *p, const char *what, const Expr *a, const Expr *b)
{
	char *ra = refs_of(a), *rb = refs_of(b);
	if (!str_eq(ra, rb))
		differ(p, "%s reads [%s] in %s, [%s] in %s", what, ra, p->la, rb, p->lb);
	free(ra);
	free(rb);
}

static void same_names(Pair *p, const char *what, const char *const *a, size_t na,
                       const char *const *b, size_t nb)
{
	Buf sa = { 0 }, sb = { 0 };
	for (size_t i = 0; i < na; i++)
		buf_printf(&sa, "%s%s", i ? ", " : "", a[i]);
	for (size_t i = 0; i < nb; i++)
		buf_printf(&sb, "%s%s", i ? ", " : "", b[i]);
	if (!str_eq(buf_str(&sa), buf_str(&sb)))
		differ(p, "%s are [%s] in %s, [%s] in %s", what, buf_str(&sa), p->la, buf_str(&sb),
		       p->lb);
	buf_free(&sa);
	buf_free(&sb);
}

static void same_rules(Pair *p, const Node *a, const Node *b)
{
	same_target(p, "the default next", a->next, b->next);
	if (a->nrules != b->nrules) {
		same_num(p, "the number of next rules", (long)a->nrules, (long)b->nrules);
		return;
	}
	for (size_t i = 0; i < a->nrules; i++) {
		char *what = xasprintf("next rule %zu", i + 1);
		same_presence(p, what, a->rules[i].cond, b->rules[i].cond);
		same_refs(p, what, a->rules[i].cond, b->rules[i].cond);
		char *where = xasprintf("the target of %s", what);
		same_target(p, where, a->rules[i].target, b->rules[i].target);
		free(where);
		free(what);
	}
}

static void same_ask(Pair *p, const AskSpec *a, const AskSpec *b)
{
	if (a->nchoices != b->nchoices) {
		same_num(p, "the number of choices", (long)a->nchoices, (long)b->nchoices);
	} else {
		for (size_t i = 0; i < a->nchoices; i++) {
			char *what = xasprintf("choice %zu", i + 1);
			same_text(p, what, a->choices[i].key, b->choices[i].key);
			char *go = xasprintf("the goto of %s", what);
			same_target(p, go, a->choices[i].target, b->choices[i].target);
			free(go);
			free(what);
		}
	}
	same_presence(p, "scale", a->scale, b->scale);
	if (a->scale && b->scale) {
		same_num(p, "the scale's minimum", a->min, b->min);
		same_num(p, "the scale's maximum", a->max, b->max);
	}
	same_num(p, "repeat", a->repeat, b->repeat);
	same_presence(p, "validate", a->validate, b->validate);
	same_presence(p, "optional", a->optional, b->optional);
	same_text(p, "each", a->each, b->each);
}

static void same_pick(Pair *p, const PickSpec *a, const PickSpec *b)
{
	same_text(p, "the bank", a->bank_id, b->bank_id);
	same_names(p, "the tags", a->tags, a->ntags, b->tags, b->ntags);
	same_num(p, "count", a->count, b->count);
	same_text(p, "about", a->about, b->about);
}

static void same_set(Pair *p, const Node *a, const Node *b)
{
	if (a->nassigns != b->nassigns) {
		same_num(p, "the number of variables set", (long)a->nassigns, (long)b->nassigns);
		return;
	}
	for (size_t i = 0; i < a->nassigns; i++) {
		char *what = xasprintf("set %zu", i + 1);
		same_text(p, what, a->assigns[i].name, b->assigns[i].name);
		same_refs(p, what, a->assigns[i].expr, b->assigns[i].expr);
		free(what);
	}
}

static void same_node(Pair *p, const Node *a, const Node *b)
{
	p->na = a;
	p->nb = b;
	same_text(p, "the kind", node_kind_name(a->kind), node_kind_name(b->kind));
	if (a->kind != b->kind)
		return;
	same_presence(p, "section", a->section.s, b->section.s);
	same_text(p, "save", a->save, b->save);
	same_num(p, "only", (long)a->only, (long)b->only);
	same_text(p, "audience", audience_name((Audience)a->audience),
	          audience_name((Audience)b->audience));
	same_num(p, "the number of practice points", (long)a->npractice, (long)b->npractice);
	same_rules(p, a, b);
	switch (a->kind) {
	case NODE_ASK: same_ask(p, &a->u.ask, &b->u.ask); break;
	case NODE_PICK: same_pick(p, &a->u.pick, &b->u.pick); break;
	case NODE_SET: same_set(p, a, b); break;
	case NODE_CALL: same_text(p, "the call", a->u.call.target, b->u.call.target); break;
	case NODE_REVIEW:
		same_num(p, "the number of review questions", (long)a->u.review.nquestions,
		         (long)b->u.review.nquestions);
		same_presence(p, "none", a->u.review.none.s, b->u.review.none.s);
		same_presence(p, "the review's self wordings", a->u.review.self, b->u.review.self);
		break;
	case NODE_COMMITMENTS:
		same_presence(p, "measure", a->u.commit.measure.s, b->u.commit.measure.s);
		same_presence(p, "the commitments' self wordings", a->u.commit.self,
		              b->u.commit.self);
		break;
	case NODE_SAY: case NODE_END: break;
	}
	p->na = p->nb = NULL;
}

static void same_vars(Pair *p)
{
	const char **va = xcalloc(p->a->nvars + 1, sizeof(char *));
	const char **vb = xcalloc(p->b->nvars + 1, sizeof(char *));
	for (size_t i = 0; i < p->a->nvars; i++)
		va[i] = p->a->vars[i].name;
	for (size_t i = 0; i < p->b->nvars; i++)
		vb[i] = p->b->vars[i].name;
	same_names(p, "the vars", va, p->a->nvars, vb, p->b->nvars);
	same_names(p, "the recall names", p->a->recall, p->a->nrecall, p->b->recall,
	           p->b->nrecall);
	free(va);
	free(vb);
}

/*
 * Question positions: how many, and each one's tags and trigger. bank names
 * an inline bank, NULL for a bank file (whose id p->id already says).
 */
static void same_questions(Pair *p, const char *bank, const Bank *a, const Bank *b)
{
	char *in = bank ? xasprintf("inline bank '%s': ", bank) : xstrdup("");
	if (a->nquestions != b->nquestions)
		differ(p, "%s%zu questions in %s, %zu in %s", in, a->nquestions, p->la,
		       b->nquestions, p->lb);
	size_t n = a->nquestions < b->nquestions ? a->nquestions : b->nquestions;
	for (size_t i = 0; i < n; i++) {
		const Question *qa = &a->questions[i], *qb = &b->questions[i];
		char *what = xasprintf("%squestion %zu (\"%s\")", in, i + 1, qa->text.s);
		char *tags = xasprintf("the tags of %s", what);
		same_names(p, tags, qa->tags, qa->ntags, qb->tags, qb->ntags);
		char *when = xasprintf("the trigger (when) of %s", what);
		same_presence(p, when, qa->when, qb->when);
		free(when);
		char *loose = xasprintf("'strict: false' on %s", what);
		same_presence(p, loose, qa->loose, qb->loose);
		free(loose);
		char *self = xasprintf("the self wording of %s", what);
		same_presence(p, self, qa->self.s, qb->self.s);
		free(self);
		free(tags);
		free(what);
	}
	free(in);
}

/* The safety nets a dialogue runs with, its own and its library's: the
 * same topics in the same order. */
static void same_safety(Pair *p, const char *what, const Safety *a, const Safety *b)
{
	same_presence(p, what, a && a->npatterns, b && b->npatterns);
	if (!a || !b)
		return;
	same_num(p, what, (long)a->npatterns, (long)b->npatterns);
	for (size_t i = 0; i < a->npatterns && i < b->npatterns; i++)
		same_text(p, what, a->patterns[i].topic, b->patterns[i].topic);
	same_presence(p, what, a->coach.s, b->coach.s);
}

static void same_dialogue(Pair *p)
{
	same_text(p, "the id", p->a->id, p->b->id);
	same_safety(p, "the dialogue's safety net", &p->a->safety, &p->b->safety);
	same_safety(p, "the library's safety net", p->a->library_safety, p->b->library_safety);
	same_vars(p);
	same_text(p, "the start node", node_id(p->a, p->a->start), node_id(p->b, p->b->start));
	if (p->a->nnodes != p->b->nnodes)
		differ(p, "%zu nodes in %s, %zu in %s", p->a->nnodes, p->la, p->b->nnodes, p->lb);
	size_t n = p->a->nnodes < p->b->nnodes ? p->a->nnodes : p->b->nnodes;
	for (size_t i = 0; i < n; i++) {
		const Node *a = &p->a->nodes[i], *b = &p->b->nodes[i];
		if (!str_eq(a->id, b->id)) {
			/* Past a missing or moved node, every pair would differ. */
			differ(p, "node %zu is '%s' in %s, '%s' in %s; the nodes after it are not "
			       "compared", i + 1, a->id, p->la, b->id, p->lb);
			break;
		}
		same_node(p, a, b);
	}
	if (p->a->nbanks != p->b->nbanks) {
		same_num(p, "the number of inline banks", (long)p->a->nbanks, (long)p->b->nbanks);
		return;
	}
	for (size_t i = 0; i < p->a->nbanks; i++) {
		same_text(p, "an inline bank's id", p->a->banks[i].id, p->b->banks[i].id);
		same_questions(p, p->a->banks[i].id, &p->a->banks[i], &p->b->banks[i]);
	}
}

/* Loads LANG/ID.yaml, adding any problem to out. */
static const Dialogue *load(Library *lib, const char *lang, const char *id, Buf *out)
{
	char *path = xasprintf("%s/%s/%s.yaml", LIBRARY_DIR, lang, id);
	Diags d = { 0 };
	const Dialogue *dl = library_load(lib, path, &d);
	if (!dl)
		buf_printf(out, "  %s: does not load (%zu errors; see test_checks_clean)\n", path,
		           d.errors);
	else if (!str_eq(dl->id, id) || !str_eq(dl->lang, lang))
		buf_printf(out, "  %s: says id '%s', lang '%s': a library file is LANG/ID.yaml\n",
		           path, dl->id, dl->lang);
	diags_free(&d);
	free(path);
	return dl;
}

static void test_dialogue(void **state)
{
	const char *id = *state;
	Langs l = langs_read();
	Library *lib = new_library();
	Buf diffs = { 0 };
	/* A language without this id is reported by test_same_ids. */
	size_t ref = 0;
	while (ref < l.langs.n && !has_name(&l.ids[ref], id))
		ref++;
	const Dialogue *first = ref < l.langs.n ? load(lib, l.langs.v[ref], id, &diffs) : NULL;
	for (size_t i = ref + 1; first && i < l.langs.n; i++) {
		if (!has_name(&l.ids[i], id))
			continue;
		const Dialogue *other = load(lib, l.langs.v[i], id, &diffs);
		if (!other)
			continue;
		Pair p = { id, l.langs.v[ref], l.langs.v[i], first, other, &diffs, NULL, NULL };
		same_dialogue(&p);
	}
	char *what = xasprintf("dialogue '%s' in %s/*/", id, LIBRARY_DIR);
	library_free(lib);
	langs_free(&l);
	fail_with(&diffs, what);
}

/* ----- banks --------------------------------------------------------------------- */

static BankFile *load_bank(const char *lang, const char *id, Buf *out)
{
	char *path = xasprintf("%s/%s/banks/%s.yaml", LIBRARY_DIR, lang, id);
	Diags d = { 0 };
	YDoc *doc = ydoc_load(path, &ydoc_default_limits, &d);
	BankFile *bank = NULL;
	if (doc && build_file_kind(doc) == FILE_BANK)
		bank = build_bank(doc, &d);
	else
		ydoc_free(doc);
	if (!bank || d.errors) {
		buf_printf(out, "  %s: not a bank that loads (see test_checks_clean)\n", path);
		bank_file_free(bank);
		bank = NULL;
	} else if (!str_eq(bank->bank.id, id) || !str_eq(bank->bank.lang, lang)) {
		buf_printf(out, "  %s: says id '%s', lang '%s': a bank file is LANG/banks/ID.yaml\n",
		           path, bank->bank.id, bank->bank.lang);
	}
	diags_free(&d);
	free(path);
	return bank;
}

static void test_bank(void **state)
{
	const char *id = *state;
	Langs l = langs_read();
	Buf diffs = { 0 };
	size_t ref = 0;
	while (ref < l.langs.n && !has_name(&l.banks[ref], id))
		ref++;
	BankFile *first = ref < l.langs.n ? load_bank(l.langs.v[ref], id, &diffs) : NULL;
	for (size_t i = ref + 1; first && i < l.langs.n; i++) {
		if (!has_name(&l.banks[i], id))
			continue;
		BankFile *other = load_bank(l.langs.v[i], id, &diffs);
		if (!other)
			continue;
		Pair p = { id, l.langs.v[ref], l.langs.v[i], NULL, NULL, &diffs, NULL, NULL };
		same_questions(&p, NULL, &first->bank, &other->bank);
		bank_file_free(other);
	}
	bank_file_free(first);
	char *what = xasprintf("bank '%s' in %s/*/banks/", id, LIBRARY_DIR);
	langs_free(&l);
	fail_with(&diffs, what);
}

/* ----- the test list: one test per dialogue id and bank id --------------------- */

int main(void)
{
	if (!is_dir(LIBRARY_DIR)) {
		fprintf(stderr, "test_parity: no %s/ folder (run from the project's root)\n",
		        LIBRARY_DIR);
		return 1;
	}
	Langs l = langs_read();
	Names ids = { 0 }, banks = { 0 };
	for (size_t i = 0; i < l.langs.n; i++) {
		for (size_t j = 0; j < l.ids[i].n; j++)
			if (!has_name(&ids, l.ids[i].v[j])) {
				GROW(ids.v, ids.cap, ids.n + 1);
				ids.v[ids.n++] = xstrdup(l.ids[i].v[j]);
			}
		for (size_t j = 0; j < l.banks[i].n; j++)
			if (!has_name(&banks, l.banks[i].v[j])) {
				GROW(banks.v, banks.cap, banks.n + 1);
				banks.v[banks.n++] = xstrdup(l.banks[i].v[j]);
			}
	}
	if (ids.n)
		qsort(ids.v, ids.n, sizeof(char *), cmp_name);
	if (banks.n)
		qsort(banks.v, banks.n, sizeof(char *), cmp_name);
	size_t n = 2 + ids.n + banks.n, k = 0;
	struct CMUnitTest *tests = xcalloc(n, sizeof(*tests));
	char **names = xcalloc(n, sizeof(char *));
	tests[k++] = (struct CMUnitTest){ "checks_clean", test_checks_clean, NULL, NULL, NULL };
	tests[k++] = (struct CMUnitTest){ "same_ids", test_same_ids, NULL, NULL, NULL };
	for (size_t i = 0; i < ids.n; i++, k++) {
		names[k] = xasprintf("dialogue %s", ids.v[i]);
		tests[k] = (struct CMUnitTest){ names[k], test_dialogue, NULL, NULL, ids.v[i] };
	}
	for (size_t i = 0; i < banks.n; i++, k++) {
		names[k] = xasprintf("bank %s", banks.v[i]);
		tests[k] = (struct CMUnitTest){ names[k], test_bank, NULL, NULL, banks.v[i] };
	}
	int failed = _cmocka_run_group_tests("parity of the library", tests, n, NULL, NULL);
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	free(tests);
	names_free(&ids);
	names_free(&banks);
	langs_free(&l);
	return failed;
}
