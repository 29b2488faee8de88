/*
 * build: from a YAML tree to a Dialogue or a Bank.
 *
 * The builder reads shapes and keys: which keys a node may carry, what
 * type each value has, which node a `goto` names. It reports every problem
 * it meets and keeps going with what it could read, so that one `tandem
 * check` shows a coach all their mistakes at once. Meaning across the whole
 * dialogue (variables, expression types, reachability) is check.c's job,
 * done once call and pick targets are resolved.
 *
 * A dialogue file is read streaming (ydoc_load_stream): each node is built
 * as soon as its entry of `nodes:` is read, then its YAML tree is freed, so
 * a large dialogue never holds the tree of all its nodes at once. What a
 * node keeps of its texts is copied into the dialogue's arena, and so is
 * what the top of the file (id, vars, banks, ...) gives, so that the tree
 * of the top is freed too once the dialogue is built. A `goto` or `next` may name a node further down, not
 * read yet: targets are noted while building and resolved once every node
 * is known.
 */
#include "build.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "i18n.h"
#include "suggest.h"
#include "utf8.h"

enum { MAX_NODES = 200000 };
/* The nodes' array, reserved whole so that it never moves (pages_reserve). */
#define NODES_SPACE (MAX_NODES * sizeof(Node))

/* A node named by `goto` or `next`, resolved into *slot once all are read. */
typedef struct Ref {
	const char *name;    /* in Builder.names */
	const char *key;     /* "goto" or "next", for the message */
	Loc loc;
	int *slot;
} Ref;

typedef struct Builder {
	Dialogue *d;
	Arena *arena;
	PatternSet *patterns;
	const char *file;
	Diags *diags;
	Diags *yaml_diags;   /* for problems of the YAML itself */
	Ref *refs;
	size_t nrefs, refcap;
	Arena names;         /* of refs */
	size_t entries;      /* of `nodes:`, duplicates left out */
} Builder;

#define ERR(b, loc, ...) diag_error((b)->diags, (b)->file, (loc), __VA_ARGS__)

/* A scalar's text for the dialogue to keep: a copy, since the YAML tree
 * is freed once read. */
static const char *keep(Builder *b, const YNode *v)
{
	return arena_strndup(b->arena, v->u.text, v->len);
}

/* Reports a key that is not among the allowed ones, with the nearest. */
static void unknown_key(Builder *b, const YNode *key, const char *what,
                        const char *const *allowed, size_t n)
{
	const char *near = suggest(key->u.text, allowed, n);
	if (near)
		ERR(b, key->loc, "unknown key '%s' in %s; did you mean '%s'?",
		    key->u.text, what, near);
	else
		ERR(b, key->loc, "unknown key '%s' in %s", key->u.text, what);
}

static bool is_key(const char *s, const char *const *keys, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (str_eq(s, keys[i]))
			return true;
	return false;
}

static bool want_map(Builder *b, const YNode *v, const char *what)
{
	if (v->kind == Y_MAP)
		return true;
	ERR(b, v->loc, "%s must be a mapping (key: value lines), not %s", what, ykind_name(v));
	return false;
}

/* A Text of s[0..len) written at loc: its place, then its bytes. */
static Text make_text(Builder *b, const char *s, size_t len, Loc loc)
{
	char *p = arena_bytes(b->arena, sizeof(loc) + len + 1);
	memcpy(p, &loc, sizeof(loc));
	memcpy(p + sizeof(loc), s, len);
	p[sizeof(loc) + len] = '\0';
	return (Text){ p + sizeof(loc) };
}

static bool want_text(Builder *b, const YNode *v, const char *key, Text *out)
{
	if (v->kind != Y_SCALAR) {
		ERR(b, v->loc, "'%s' must be text, not %s", key, ykind_name(v));
		return false;
	}
	*out = make_text(b, v->u.text, v->len, v->loc);
	return true;
}

static bool want_bool(Builder *b, const YNode *v, const char *key, bool *out)
{
	static const char *const yes[] = { "true", "yes", "on" };
	static const char *const no[] = { "false", "no", "off" };
	if (v->kind == Y_SCALAR) {
		for (size_t i = 0; i < ARRAY_LEN(yes); i++) {
			if (strcasecmp(v->u.text, yes[i]) == 0)
				return *out = true;
			if (strcasecmp(v->u.text, no[i]) == 0)
				return !(*out = false);
		}
	}
	ERR(b, v->loc, "'%s' must be true or false", key);
	return false;
}

/* A whole number written as text (scalars stay text until a number is due). */
static bool parse_long(const char *s, long *out)
{
	char *end;
	if (!*s || isspace((unsigned char)*s))
		return false;
	long n = strtol(s, &end, 10);
	if (*end)
		return false;
	*out = n;
	return true;
}

static bool is_ident(const char *s)
{
	if (!(isalpha((unsigned char)*s) || *s == '_'))
		return false;
	for (s++; *s; s++)
		if (!(isalnum((unsigned char)*s) || *s == '_'))
			return false;
	return true;
}

static bool is_dialogue_id(const char *s)
{
	if (!(islower((unsigned char)*s) || isdigit((unsigned char)*s)))
		return false;
	for (s++; *s; s++)
		if (!(islower((unsigned char)*s) || isdigit((unsigned char)*s) || *s == '_' || *s == '-'))
			return false;
	return true;
}

/* BCP 47, loosely: a 2-3 letter language, then -subtags of 1-8 alphanumerics. */
static bool is_lang_tag(const char *s)
{
	size_t n = 0;
	while (isalpha((unsigned char)s[n]))
		n++;
	if (n < 2 || n > 3)
		return false;
	for (s += n; *s == '-'; s += n) {
		s++;
		for (n = 0; isalnum((unsigned char)s[n]); n++)
			;
		if (n < 1 || n > 8)
			return false;
	}
	return *s == '\0';
}

static const Pattern *want_regex(Builder *b, const YNode *v, const char *key)
{
	if (v->kind != Y_SCALAR) {
		ERR(b, v->loc, "'%s' must be a regular expression, not %s", key, ykind_name(v));
		return NULL;
	}
	char *err = NULL;
	size_t off = 0;
	const Pattern *p = pattern_compile(b->patterns, v->u.text, v->len, &err, &off);
	if (!p) {
		ERR(b, ydoc_loc_in(v->u.text, v->loc, v->plain, off), "bad regex in '%s': %s at offset %zu of '%s'",
		    key, err, off, v->u.text);
		free(err);
	}
	return p;
}

static const Expr *want_expr(Builder *b, const YNode *v, const char *key)
{
	if (v->kind != Y_SCALAR) {
		ERR(b, v->loc, "'%s' must be an expression, not %s", key, ykind_name(v));
		return NULL;
	}
	char *err = NULL;
	size_t pos = 0;
	Expr *e = expr_parse(b->arena, b->patterns, v->u.text, &err, &pos);
	if (!e) {
		ERR(b, ydoc_loc_in(v->u.text, v->loc, v->plain, pos), "bad expression: %s", err);
		free(err);
	}
	return e;
}

/* A list of texts, or a single text standing for a list of one; each kept
 * as a Text's bytes, so that text_loc tells where it was written. */
static const char **want_names(Builder *b, const YNode *v, const char *key, uint32_t *n)
{
	*n = 0;
	if (v->kind == Y_SCALAR) {
		const char **out = ARENA_ARRAY(b->arena, const char *, 1);
		out[0] = make_text(b, v->u.text, v->len, v->loc).s;
		*n = 1;
		return out;
	}
	if (v->kind != Y_SEQ) {
		ERR(b, v->loc, "'%s' must be a list", key);
		return NULL;
	}
	const char **out = ARENA_ARRAY(b->arena, const char *, v->len);
	for (const YNode *it = v->u.first; it; it = it->next) {
		if (it->kind != Y_SCALAR)
			ERR(b, it->loc, "items of '%s' must be text, not %s", key, ykind_name(it));
		else
			out[(*n)++] = make_text(b, it->u.text, it->len, it->loc).s;
	}
	return out;
}

/* ----- targets ----------------------------------------------------------- */

static const char **node_ids(const Dialogue *d)
{
	const char **ids = xmalloc((d->nnodes + 1) * sizeof(*ids));
	for (size_t i = 0; i < d->nnodes; i++)
		ids[i] = d->nodes[i].id;
	return ids;
}

/* The index of the node name names, or NO_NODE after reporting it unknown
 * with the nearest id. */
static int find_target(Builder *b, const char *name, Loc loc, const char *key)
{
	int i = dialogue_find(b->d, name);
	if (i != NO_NODE)
		return i;
	const char **ids = node_ids(b->d);
	const char *near = suggest(name, ids, b->d->nnodes);
	if (near)
		ERR(b, loc, "unknown node '%s' in '%s'; did you mean '%s'?", name, key, near);
	else
		ERR(b, loc, "unknown node '%s' in '%s'", name, key);
	free(ids);
	return NO_NODE;
}

static bool want_node_name(Builder *b, const YNode *v, const char *key)
{
	if (v->kind == Y_SCALAR)
		return true;
	ERR(b, v->loc, "'%s' must name a node, not %s", key, ykind_name(v));
	return false;
}

/* Notes the node a `goto` or `next` names: *slot is NO_NODE until
 * resolve_refs. False (reported) when v cannot name a node. */
static bool want_target(Builder *b, const YNode *v, const char *key, int *slot)
{
	*slot = NO_NODE;
	if (!want_node_name(b, v, key))
		return false;
	GROW(b->refs, b->refcap, b->nrefs + 1);
	b->refs[b->nrefs++] = (Ref){ arena_strndup(&b->names, v->u.text, v->len), key, v->loc, slot };
	return true;
}

/* Every target noted, now that all nodes are known. */
static void resolve_refs(Builder *b)
{
	for (size_t i = 0; i < b->nrefs; i++) {
		const Ref *r = &b->refs[i];
		*r->slot = find_target(b, r->name, r->loc, r->key);
	}
}

/* ----- node fields ------------------------------------------------------- */

/* Which kinds each node key applies to; 0 means every kind. */
#define K(kind) (1u << (kind))
typedef struct KeyRule {
	const char *key;
	size_t len;
	unsigned kinds;
} KeyRule;

/* The keys of a node: the kinds first, in NodeKind order, then NodeKey's. */
#define RULE(key, kinds) { key, sizeof(key) - 1, kinds }
static const KeyRule node_keys[] = {
	RULE("say", K(NODE_SAY)), RULE("ask", K(NODE_ASK)), RULE("set", K(NODE_SET)),
	RULE("pick", K(NODE_PICK)), RULE("commitments", K(NODE_COMMITMENTS)),
	RULE("review", K(NODE_REVIEW)), RULE("call", K(NODE_CALL)), RULE("end", K(NODE_END)),
	RULE("next", 0), RULE("section", 0), RULE("coach", 0), RULE("self", 0), RULE("only", 0),
	RULE("practice", K(NODE_SAY)),
	RULE("choices", K(NODE_ASK)), RULE("scale", K(NODE_ASK)), RULE("repeat", K(NODE_ASK)),
	RULE("again", K(NODE_ASK)), RULE("validate", K(NODE_ASK)), RULE("invalid", K(NODE_ASK)),
	RULE("optional", K(NODE_ASK)), RULE("each", K(NODE_ASK)),
	RULE("save", K(NODE_ASK) | K(NODE_PICK) | K(NODE_COMMITMENTS) | K(NODE_REVIEW)),
	RULE("tags", K(NODE_PICK)), RULE("count", K(NODE_PICK)), RULE("about", K(NODE_PICK)),
	RULE("audience", K(NODE_ASK) | K(NODE_PICK) | K(NODE_COMMITMENTS) | K(NODE_REVIEW)),
};
enum NodeKey {
	NKINDS = NODE_NKINDS,  /* a key below NKINDS is the NodeKind of that number */
	KEY_NEXT = NKINDS, KEY_SECTION, KEY_COACH, KEY_SELF, KEY_ONLY, KEY_PRACTICE,
	KEY_CHOICES, KEY_SCALE, KEY_REPEAT, KEY_AGAIN, KEY_VALIDATE, KEY_INVALID,
	KEY_OPTIONAL, KEY_EACH, KEY_SAVE, KEY_TAGS, KEY_COUNT, KEY_ABOUT, KEY_AUDIENCE, NKEYS,
};
_Static_assert(NKEYS == ARRAY_LEN(node_keys), "one NodeKey per node key");

/* The key's index in node_keys, or -1. */
static int key_rule(const YNode *k)
{
	for (size_t i = 0; i < ARRAY_LEN(node_keys); i++)
		if (node_keys[i].len == k->len && memcmp(node_keys[i].key, k->u.text, k->len) == 0)
			return (int)i;
	return -1;
}

static void build_choices(Builder *b, Node *n, const YNode *v)
{
	AskSpec *a = &n->u.ask;
	if (v->kind != Y_MAP) {
		ERR(b, v->loc, "'choices' must be a mapping of key: Label");
		return;
	}
	if (v->len == 0) {
		ERR(b, v->loc, "'choices' is empty: give at least one key: Label");
		return;
	}
	a->choices = ARENA_ARRAY(b->arena, Choice, v->len);
	for (const YNode *k = v->u.first; k && k->next; k = k->next->next) {
		const YNode *val = k->next;
		Choice *c = &a->choices[a->nchoices++];
		c->key = keep(b, k);
		c->loc = k->loc;
		c->target = NO_NODE;
		if (val->kind == Y_SCALAR) {
			want_text(b, val, "choices", &c->label);
			continue;
		}
		if (!want_map(b, val, _("a choice")))
			continue;
		for (const YNode *ck = val->u.first; ck && ck->next; ck = ck->next->next) {
			if (yscalar_is(ck, "label"))
				want_text(b, ck->next, "label", &c->label);
			else if (yscalar_is(ck, "goto"))
				want_target(b, ck->next, "goto", &c->target);
			else
				unknown_key(b, ck, _("a choice"), (const char *const[]){ "label", "goto" }, 2);
		}
		if (!c->label.s) {
			ERR(b, val->loc, "choice '%s' has no 'label'", c->key);
			c->label = make_text(b, k->u.text, k->len, k->loc);
		}
	}
}

static void build_scale(Builder *b, Node *n, const YNode *v)
{
	AskSpec *a = &n->u.ask;
	long lo, hi;
	if (v->kind != Y_SEQ || v->len != 2 || v->u.first->kind != Y_SCALAR ||
	    v->u.first->next->kind != Y_SCALAR || !parse_long(v->u.first->u.text, &lo) ||
	    !parse_long(v->u.first->next->u.text, &hi)) {
		ERR(b, v->loc, "'scale' must be two whole numbers [MIN, MAX]");
		return;
	}
	if (lo > hi) {
		ERR(b, v->loc, "'scale' minimum %ld is greater than its maximum %ld", lo, hi);
		return;
	}
	a->scale = true;
	a->min = lo;
	a->max = hi;
}

static void build_repeat(Builder *b, Node *n, const YNode *v)
{
	long count;
	bool on;
	if (v->kind == Y_SCALAR && parse_long(v->u.text, &count)) {
		if (count < 1 || count > 1000)
			ERR(b, v->loc, "'repeat' must be true or a number of answers from 1 to 1000");
		else
			n->u.ask.repeat = (int)count;
	} else if (want_bool(b, v, "repeat", &on)) {
		n->u.ask.repeat = on ? -1 : 0;
	}
}

static void build_mode(Builder *b, Node *n, const YNode *item)
{
	static const char *const modes[] = { "coach", "self", "practice" };
	if (item->kind != Y_SCALAR) {
		ERR(b, item->loc, "items of 'only' must be text, not %s", ykind_name(item));
		return;
	}
	const char *name = item->u.text;
	Mode m;
	if (mode_parse(name, &m)) {
		n->only |= (uint8_t)m;
		return;
	}
	const char *near = suggest(name, modes, ARRAY_LEN(modes));
	if (near)
		ERR(b, item->loc, "unknown mode '%s' in 'only'; did you mean '%s'?", name, near);
	else
		ERR(b, item->loc, "unknown mode '%s' in 'only' (modes: coach, self, practice)", name);
}

/* A list of modes, or a single mode. */
static void build_only(Builder *b, Node *n, const YNode *v)
{
	if (v->kind == Y_SCALAR) {
		build_mode(b, n, v);
		return;
	}
	if (v->kind != Y_SEQ) {
		ERR(b, v->loc, "'only' must be a list");
		return;
	}
	for (const YNode *it = v->u.first; it; it = it->next)
		build_mode(b, n, it);
}

/* Who may read what the node records: one of the three names. A
 * commitment is never the coach's alone: a later session's review reads
 * it back to the client, and reports show it with that review. */
static void build_audience(Builder *b, Node *n, const YNode *v)
{
	static const char *const names[] = { "private", "client", "sponsor" };
	Audience a;
	if (v->kind != Y_SCALAR) {
		ERR(b, v->loc, "'audience' must be private, client or sponsor, not %s", ykind_name(v));
	} else if (!audience_parse(v->u.text, &a)) {
		const char *near = suggest(v->u.text, names, ARRAY_LEN(names));
		if (near)
			ERR(b, v->loc, "unknown audience '%s'; did you mean '%s'?", v->u.text, near);
		else
			ERR(b, v->loc, "unknown audience '%s' (audiences: private, client, sponsor)",
			    v->u.text);
	} else if (a == AUDIENCE_PRIVATE && n->kind == NODE_COMMITMENTS) {
		ERR(b, v->loc, "commitments cannot be private: a later review reads them back to the "
		               "client (audience client or sponsor)");
	} else {
		n->audience = (uint8_t)a;
	}
}

static void build_practice(Builder *b, Node *n, const YNode *v)
{
	if (v->kind != Y_SEQ) {
		ERR(b, v->loc, "'practice' must be a list of {point: TEXT, pattern: REGEX}");
		return;
	}
	n->practice = ARENA_ARRAY(b->arena, PracticePoint, v->len);
	for (const YNode *it = v->u.first; it; it = it->next) {
		if (!want_map(b, it, _("a practice point")))
			continue;
		PracticePoint *p = &n->practice[n->npractice];
		for (const YNode *k = it->u.first; k && k->next; k = k->next->next) {
			if (yscalar_is(k, "point"))
				want_text(b, k->next, "point", &p->point);
			else if (yscalar_is(k, "pattern"))
				p->pattern = want_regex(b, k->next, "pattern");
			else
				unknown_key(b, k, _("a practice point"), (const char *const[]){ "point", "pattern" }, 2);
		}
		if (!p->point.s)
			ERR(b, it->loc, "practice point without 'point'");
		else if (!ymap_get(it, "pattern"))
			ERR(b, it->loc, "practice point without 'pattern'");
		else if (p->pattern)
			n->npractice++;
	}
}

static void build_rules(Builder *b, Node *n, const YNode *v)
{
	if (v->kind == Y_SCALAR) {
		/* Dropped again by drop_dead_rules if it names no node. */
		n->rules = ARENA_NEW(b->arena, Rule);
		want_target(b, v, "next", &n->rules->target);
		n->rules->loc = v->loc;
		n->nrules = 1;
		return;
	}
	if (v->kind != Y_SEQ) {
		ERR(b, v->loc, "'next' must name a node or be a list of rules {if: ..., goto: ...}");
		return;
	}
	n->rules = ARENA_ARRAY(b->arena, Rule, v->len);
	for (const YNode *it = v->u.first; it; it = it->next) {
		if (!want_map(b, it, _("a 'next' rule")))
			continue;
		/* A rule dropped as bad leaves its slot to the next one. */
		Rule *r = &n->rules[n->nrules];
		*r = (Rule){ .loc = it->loc, .target = NO_NODE };
		bool bad = false;
		for (const YNode *k = it->u.first; k && k->next; k = k->next->next) {
			if (yscalar_is(k, "if")) {
				r->src_loc = k->next->loc;
				r->src_plain = k->next->plain;
				bad |= !(r->cond = want_expr(b, k->next, "if"));
			}
			else if (yscalar_is(k, "goto"))
				bad |= !want_target(b, k->next, "goto", &r->target);
			else
				unknown_key(b, k, _("a 'next' rule"), (const char *const[]){ "if", "goto" }, 2);
		}
		if (!ymap_get(it, "goto")) {
			ERR(b, it->loc, "'next' rule without 'goto'");
			bad = true;
		}
		if (!bad)
			n->nrules++;
	}
}

static void build_set(Builder *b, Node *n, const YNode *v)
{
	if (!want_map(b, v, "'set'"))
		return;
	n->assigns = ARENA_ARRAY(b->arena, Assign, v->len);
	for (const YNode *k = v->u.first; k && k->next; k = k->next->next) {
		if (!is_ident(k->u.text)) {
			ERR(b, k->loc, "'%s' is not a variable name (letters, digits and _)", k->u.text);
			continue;
		}
		Assign *a = &n->assigns[n->nassigns];
		a->name = keep(b, k);
		a->loc = k->loc;
		a->src_loc = k->next->loc;
		a->src_plain = k->next->plain;
		if ((a->expr = want_expr(b, k->next, k->u.text)))
			n->nassigns++;
	}
}

/* Reads a mapping of texts with fixed keys into out[], reporting others. */
static void build_text_fields(Builder *b, const YNode *v, const char *what,
                              const char *const *keys, Text *out, size_t nkeys)
{
	if (!want_map(b, v, what))
		return;
	for (const YNode *k = v->u.first; k && k->next; k = k->next->next) {
		size_t i = 0;
		while (i < nkeys && !str_eq(k->u.text, keys[i]))
			i++;
		if (i < nkeys)
			want_text(b, k->next, keys[i], &out[i]);
		else
			unknown_key(b, k, what, keys, nkeys);
	}
}

/* The self-mode wordings of a `commitments`: its `self:` mapping, whose
 * keys are the same and each optional. */
static const CommitSpec *build_commit_self(Builder *b, const YNode *v)
{
	static const char *const keys[] = { "what", "when", "measure" };
	Text t[3] = { { 0 } };
	build_text_fields(b, v, _("'self' of 'commitments'"), keys, t, 3);
	CommitSpec *self = ARENA_NEW(b->arena, CommitSpec);
	*self = (CommitSpec){ t[0], t[1], t[2], NULL };
	return self;
}

static void build_commitments(Builder *b, Node *n, const YNode *v)
{
	static const char *const keys[] = { "what", "when", "measure", "self" };
	Text t[3] = { { 0 } };
	const CommitSpec *self = NULL;
	if (!want_map(b, v, "'commitments'"))
		return;
	for (const YNode *k = v->u.first; k && k->next; k = k->next->next) {
		size_t i = 0;
		while (i < ARRAY_LEN(keys) && !str_eq(k->u.text, keys[i]))
			i++;
		if (i < 3)
			want_text(b, k->next, keys[i], &t[i]);
		else if (i == 3)
			self = build_commit_self(b, k->next);
		else
			unknown_key(b, k, "'commitments'", keys, ARRAY_LEN(keys));
	}
	for (size_t i = 0; i < 3; i++)
		if (!t[i].s)
			ERR(b, v->loc, "'commitments' needs '%s' (the question to ask)", keys[i]);
	n->u.commit = (CommitSpec){ t[0], t[1], t[2], self };
}

/* The learning questions of a `review`: a list of texts. */
static void build_review_questions(Builder *b, ReviewSpec *r, const YNode *val)
{
	if (val->kind != Y_SEQ) {
		ERR(b, val->loc, "'questions' must be a list of texts");
		return;
	}
	r->questions = ARENA_ARRAY(b->arena, Text, val->len);
	for (const YNode *q = val->u.first; q; q = q->next)
		if (want_text(b, q, "questions", &r->questions[r->nquestions]))
			r->nquestions++;
}

/* The fields of a `review` mapping into r; its `self:` (itself a review's
 * fields, each optional) only where allowed. */
static void build_review_fields(Builder *b, ReviewSpec *r, const YNode *v, bool allow_self)
{
	static const char *const keys[] = { "status", "questions", "none", "self" };
	const char *what = allow_self ? "'review'" : _("'self' of 'review'");
	if (!want_map(b, v, what))
		return;
	for (const YNode *k = v->u.first; k && k->next; k = k->next->next) {
		const YNode *val = k->next;
		if (yscalar_is(k, "status")) {
			want_text(b, val, "status", &r->status);
		} else if (yscalar_is(k, "none")) {
			want_text(b, val, "none", &r->none);
		} else if (yscalar_is(k, "questions")) {
			build_review_questions(b, r, val);
		} else if (allow_self && yscalar_is(k, "self")) {
			ReviewSpec *self = ARENA_NEW(b->arena, ReviewSpec);
			build_review_fields(b, self, val, false);
			r->self = self;
		} else {
			unknown_key(b, k, what, keys, ARRAY_LEN(keys) - !allow_self);
		}
	}
}

static void build_review(Builder *b, Node *n, const YNode *v)
{
	ReviewSpec *r = &n->u.review;
	build_review_fields(b, r, v, true);
	if (v->kind == Y_MAP && !r->status.s)
		ERR(b, v->loc, "'review' needs 'status' (the question about each commitment)");
	if (r->self && r->self->nquestions && r->self->nquestions != r->nquestions)
		ERR(b, v->loc, "the 'self' questions of 'review' must be as many as its questions "
		               "(%u, not %u)", r->nquestions, r->self->nquestions);
}

static void build_pick_field(Builder *b, Node *n, int key, const YNode *v)
{
	PickSpec *p = &n->u.pick;
	long count;
	if (key == KEY_TAGS) {
		p->tags = want_names(b, v, "tags", &p->ntags);
	} else if (key == KEY_COUNT) {
		if (v->kind != Y_SCALAR || !parse_long(v->u.text, &count) || count < 1 || count > 1000)
			ERR(b, v->loc, "'count' must be a number of questions from 1 to 1000");
		else
			p->count = (int)count;
	} else if (key != KEY_ABOUT) {
		BUG("key %d is no field of a pick", key);
	} else if (v->kind == Y_SCALAR) {
		p->about = keep(b, v);
	} else {
		ERR(b, v->loc, "'about' must name a variable");
	}
}

static void build_ask_field(Builder *b, Node *n, int key, const YNode *v)
{
	AskSpec *a = &n->u.ask;
	const char *name = node_keys[key].key;
	switch (key) {
	case KEY_CHOICES: build_choices(b, n, v); break;
	case KEY_SCALE: build_scale(b, n, v); break;
	case KEY_REPEAT: build_repeat(b, n, v); break;
	case KEY_AGAIN: want_text(b, v, name, &a->again); break;
	case KEY_VALIDATE: a->validate = want_regex(b, v, name); break;
	case KEY_INVALID: want_text(b, v, name, &a->invalid); break;
	case KEY_OPTIONAL: want_bool(b, v, name, &a->optional); break;
	case KEY_EACH:
		if (v->kind == Y_SCALAR) {
			a->each = keep(b, v);
			a->each_loc = v->loc;
		} else {
			ERR(b, v->loc, "'each' must name a list variable");
		}
		break;
	default:
		BUG("key %d is no field of an ask", key);
	}
}

/* The kind key's own value. */
static void build_kind_value(Builder *b, Node *n, const YNode *v)
{
	const char *key = node_kind_name(n->kind);
	switch (n->kind) {
	case NODE_SAY:
	case NODE_ASK:
	case NODE_END:
		want_text(b, v, key, &n->text);
		break;
	case NODE_SET:
		build_set(b, n, v);
		break;
	case NODE_PICK:
		if (want_text(b, v, key, &n->text))
			n->u.pick.bank_id = n->text.s;
		n->u.pick.count = 1;
		break;
	case NODE_COMMITMENTS:
		build_commitments(b, n, v);
		break;
	case NODE_REVIEW:
		build_review(b, n, v);
		break;
	case NODE_CALL:
		if (want_text(b, v, key, &n->text)) {
			n->u.call.target = n->text.s;
			if (!is_dialogue_id(v->u.text))
				ERR(b, v->loc, "'%s' is not a dialogue id ([a-z0-9][a-z0-9_-]*)", v->u.text);
		}
		break;
	}
}

/*
 * A node without a kind key. A key that is none of a node's but near a
 * kind's name is that kind misspelt (`sya:`, `aks:`, `ned:`): said as such,
 * at the key, and nothing more, since the rest of the node reads as it
 * should once the kind is right. Otherwise each unknown key is said, with
 * the nearest key, and the missing kind.
 */
static void no_kind(Builder *b, const Node *n, const YNode *map)
{
	const char *kinds[NKINDS];
	for (size_t i = 0; i < NKINDS; i++)
		kinds[i] = node_keys[i].key;
	bool misspelt = false;
	for (const YNode *k = map->u.first; k && k->next; k = k->next->next) {
		const char *near = key_rule(k) < 0 ? suggest(k->u.text, kinds, NKINDS) : NULL;
		if (near)
			ERR(b, k->loc, "node '%s': unknown key '%s'; did you mean '%s'?", n->id,
			    k->u.text, near);
		misspelt |= near != NULL;
	}
	if (misspelt)
		return;
	const char *names[ARRAY_LEN(node_keys)];
	for (size_t i = 0; i < ARRAY_LEN(node_keys); i++)
		names[i] = node_keys[i].key;
	for (const YNode *k = map->u.first; k && k->next; k = k->next->next)
		if (key_rule(k) < 0)
			unknown_key(b, k, _("a node"), names, ARRAY_LEN(names));
	ERR(b, map->loc, "node '%s' has no kind: give it one of say, ask, set, pick, "
	    "commitments, review, call, end", n->id);
}

/*
 * The node's kind: exactly one kind key. The kind is set only when there is
 * one: a node refused here stays an empty `say`, which later passes never
 * expect to have a `save` name.
 */
static bool find_kind(Builder *b, Node *n, const YNode *map)
{
	const YNode *first = NULL;
	int kind = 0;
	for (const YNode *k = map->u.first; k && k->next; k = k->next->next) {
		int r = key_rule(k);
		if (r < 0 || r >= NKINDS)
			continue;
		if (first) {
			ERR(b, k->loc, "node '%s' has two kinds, '%s' and '%s': split it into two nodes",
			    n->id, first->u.text, k->u.text);
			return false;
		}
		first = k;
		kind = r;
	}
	if (!first) {
		no_kind(b, n, map);
		return false;
	}
	n->kind = (NodeKind)kind;
	return true;
}

static void build_field(Builder *b, Node *n, int key, const YNode *v)
{
	const char *name = node_keys[key].key;
	switch (key) {
	case KEY_NEXT: build_rules(b, n, v); break;
	case KEY_SECTION: want_text(b, v, name, &n->section); break;
	case KEY_COACH: want_text(b, v, name, &n->coach); break;
	case KEY_SELF: want_text(b, v, name, &n->self); break;
	case KEY_ONLY: build_only(b, n, v); break;
	case KEY_PRACTICE: build_practice(b, n, v); break;
	case KEY_AUDIENCE: build_audience(b, n, v); break;
	case KEY_SAVE:
		if (v->kind == Y_SCALAR && is_ident(v->u.text))
			n->save = keep(b, v);
		else
			ERR(b, v->loc, "'save' must be a variable name (letters, digits and _)");
		break;
	default: /* node_keys allows the rest on an ask or a pick only */
		if (n->kind == NODE_PICK)
			build_pick_field(b, n, key, v);
		else
			build_ask_field(b, n, key, v);
	}
}

static void build_node(Builder *b, Node *n, const YNode *map)
{
	if (map->kind != Y_MAP) {
		ERR(b, map->loc, "node '%s' must be a mapping of keys (say:, ask:, next:, ...)", n->id);
		return;
	}
	if (!find_kind(b, n, map))
		return;
	for (const YNode *k = map->u.first; k && k->next; k = k->next->next) {
		int r = key_rule(k);
		if (r < 0) {
			const char *names[ARRAY_LEN(node_keys)];
			for (size_t i = 0; i < ARRAY_LEN(node_keys); i++)
				names[i] = node_keys[i].key;
			unknown_key(b, k, _("a node"), names, ARRAY_LEN(names));
		} else if (r < NKINDS) {
			build_kind_value(b, n, k->next);  /* find_kind saw to one kind */
		} else if (node_keys[r].kinds && !(node_keys[r].kinds & K(n->kind))) {
			ERR(b, k->loc, "'%s' does not apply to a '%s' node", k->u.text,
			    node_kind_name(n->kind));
		} else {
			build_field(b, n, r, k->next);
		}
	}
	if (!n->save && n->kind != NODE_SAY && n->kind != NODE_SET &&
	    n->kind != NODE_CALL && n->kind != NODE_END)
		n->save = n->id;
}

/* One entry of `nodes:`, handed over by ydoc_load_stream as soon as read. */
static void on_node(void *ctx, const YNode *key, const YNode *map)
{
	Builder *b = ctx;
	Dialogue *d = b->d;
	if (d->nnodes == MAX_NODES) {
		b->entries++;  /* reported by finish_nodes, which drops them all */
		return;
	}
	if (!d->nodes)
		d->nodes = pages_reserve(d->nodes_space = NODES_SPACE);
	Node *n = &d->nodes[d->nnodes];  /* fresh pages: zeroed */
	bool added;
	size_t at = map_add(&d->ids, key->u.text, &added);
	if (!added) {
		ydoc_duplicate_key(b->yaml_diags, b->file, key, d->nodes[at].loc.line);
		return;
	}
	n->id = map_key(&d->ids, at);
	n->loc = key->loc;
	n->next = (int)d->nnodes + 1;  /* the last one's is NO_NODE, see finish_nodes */
	n->audience = AUDIENCE_CLIENT;   /* a node without `audience` */
	if (!is_ident(n->id))
		ERR(b, key->loc, "'%s' is not a node id (letters, digits and _, not first a digit)",
		    n->id);
	build_node(b, n, map);
	d->nnodes++;
	b->entries++;
}

/* Rules whose target named no node, kept until their targets were known. */
static void drop_dead_rules(Dialogue *d)
{
	for (size_t i = 0; i < d->nnodes; i++) {
		Node *n = &d->nodes[i];
		size_t kept = 0;
		for (size_t j = 0; j < n->nrules; j++)
			if (n->rules[j].target != NO_NODE)
				n->rules[kept++] = n->rules[j];
		n->nrules = kept;
	}
}

/* After the whole file: the checks of `nodes:` as a whole, and targets.
 * False when the nodes built are not to be kept (too many of them). */
static bool finish_nodes(Builder *b, const YNode *v)
{
	Dialogue *d = b->d;
	if (!want_map(b, v, "'nodes'"))
		return true;
	if (v->len == 0) {
		ERR(b, v->loc, "'nodes' is empty: a dialogue needs at least one node");
		return true;
	}
	if (b->entries > MAX_NODES) {
		ERR(b, v->loc, "too many nodes: %zu (the limit is %d)", b->entries, MAX_NODES);
		pages_release(d->nodes, NODES_SPACE);
		d->nodes = NULL;
		d->nnodes = 0;
		map_free(&d->ids);
		return false;
	}
	if (d->nnodes)
		d->nodes[d->nnodes - 1].next = NO_NODE;
	resolve_refs(b);
	drop_dead_rules(d);
	return true;
}

/* ----- banks --------------------------------------------------------------- */

static void build_questions(Builder *b, Bank *bank, const YNode *v)
{
	static const char *const keys[] = { "text", "self", "tags", "when", "strict" };
	if (v->kind != Y_SEQ) {
		ERR(b, v->loc, "'questions' must be a list of {text: ..., tags: [...], when: ...}");
		return;
	}
	bank->questions = ARENA_ARRAY(b->arena, Question, v->len);
	for (const YNode *it = v->u.first; it; it = it->next) {
		Question *q = &bank->questions[bank->nquestions];
		if (it->kind == Y_SCALAR) {
			want_text(b, it, "text", &q->text);
			bank->nquestions++;
			continue;
		}
		if (!want_map(b, it, _("a question")))
			continue;
		for (const YNode *k = it->u.first; k && k->next; k = k->next->next) {
			bool strict = true;
			if (yscalar_is(k, "text"))
				want_text(b, k->next, "text", &q->text);
			else if (yscalar_is(k, "self"))
				want_text(b, k->next, "self", &q->self);
			else if (yscalar_is(k, "strict") && want_bool(b, k->next, "strict", &strict))
				q->loose = !strict;
			else if (yscalar_is(k, "strict"))
				continue; /* said by want_bool */
			else if (yscalar_is(k, "tags"))
				q->tags = want_names(b, k->next, "tags", &q->ntags);
			else if (yscalar_is(k, "when"))
				q->when = want_regex(b, k->next, "when");
			else
				unknown_key(b, k, _("a question"), keys, ARRAY_LEN(keys));
		}
		if (q->text.s)
			bank->nquestions++;
		else
			ERR(b, it->loc, "question without 'text'");
	}
}

static void build_inline_banks(Builder *b, const YNode *v)
{
	Dialogue *d = b->d;
	if (!want_map(b, v, "'banks'"))
		return;
	d->banks = ARENA_ARRAY(b->arena, Bank, v->len);
	for (const YNode *k = v->u.first; k && k->next; k = k->next->next) {
		Bank *bank = &d->banks[d->nbanks++];
		bank->id = keep(b, k);
		bank->lang = d->lang;
		bank->path = d->path;
		if (!want_map(b, k->next, _("a bank")))
			continue;
		for (const YNode *bk = k->next->u.first; bk && bk->next; bk = bk->next->next) {
			if (yscalar_is(bk, "questions"))
				build_questions(b, bank, bk->next);
			else
				unknown_key(b, bk, _("a bank"), (const char *const[]){ "questions" }, 1);
		}
	}
}

/* ----- the top of a file ----------------------------------------------------- */

static void want_version(Builder *b, const YNode *v, const char *key)
{
	if (v->kind != Y_SCALAR || !str_eq(v->u.text, "1"))
		ERR(b, v->loc, "'%s' must be 1 (the only format version)", key);
}

static void build_vars(Builder *b, const YNode *v)
{
	Dialogue *d = b->d;
	if (!want_map(b, v, "'vars'"))
		return;
	d->vars = ARENA_ARRAY(b->arena, VarDecl, v->len);
	for (const YNode *k = v->u.first; k && k->next; k = k->next->next) {
		if (!is_ident(k->u.text)) {
			ERR(b, k->loc, "'%s' is not a variable name (letters, digits and _)", k->u.text);
			continue;
		}
		Text t = { 0 };
		if (!want_text(b, k->next, k->u.text, &t))
			continue;
		d->vars[d->nvars++] = (VarDecl){ keep(b, k), t.s, k->loc };
	}
}

/* ----- the safety net ----------------------------------------------------- */

static void build_safety_patterns(Builder *b, Safety *sf, const YNode *v)
{
	static const char *const keys[] = { "topic", "pattern" };
	if (v->kind != Y_SEQ) {
		ERR(b, v->loc, "'patterns' must be a list of {topic: ..., pattern: /.../}");
		return;
	}
	sf->patterns = ARENA_ARRAY(b->arena, SafetyPattern, v->len);
	for (const YNode *it = v->u.first; it; it = it->next) {
		SafetyPattern *p = &sf->patterns[sf->npatterns];
		if (!want_map(b, it, _("a safety pattern")))
			continue;
		for (const YNode *k = it->u.first; k && k->next; k = k->next->next) {
			Text t = { 0 };
			if (yscalar_is(k, "topic") && want_text(b, k->next, "topic", &t))
				p->topic = t.s;
			else if (yscalar_is(k, "pattern"))
				p->pattern = want_regex(b, k->next, "pattern");
			else if (!yscalar_is(k, "topic"))
				unknown_key(b, k, _("a safety pattern"), keys, ARRAY_LEN(keys));
		}
		if (!p->topic || !p->pattern)
			ERR(b, it->loc, "a safety pattern needs 'topic' and 'pattern'");
		else
			sf->npatterns++;
	}
}

/* A safety net's fields: a dialogue's own (`patterns`, `coach`), or a
 * safety file's (all of them, each text required). */
static void build_safety_fields(Builder *b, Safety *sf, const YNode *v, bool file)
{
	static const char *const keys[] = { "patterns", "coach", "message", "self", "help",
		                            "choice", "stop", "continue", "tandem-safety", "lang" };
	size_t nkeys = file ? ARRAY_LEN(keys) : 2;
	Text *texts[] = { NULL, &sf->coach, &sf->message, &sf->self, &sf->help, &sf->choice,
		          &sf->stop, &sf->go_on };
	if (!want_map(b, v, file ? _("a safety file") : "'safety'"))
		return;
	for (const YNode *k = v->u.first; k && k->next; k = k->next->next) {
		size_t i = 0;
		while (i < nkeys && !str_eq(k->u.text, keys[i]))
			i++;
		if (i == 0)
			build_safety_patterns(b, sf, k->next);
		else if (i < ARRAY_LEN(texts))
			want_text(b, k->next, keys[i], texts[i]);
		else if (i == nkeys)
			unknown_key(b, k, file ? _("a safety file") : "'safety'", keys, nkeys);
	}
	for (size_t i = 1; file && i < ARRAY_LEN(texts); i++)
		if (!texts[i]->s)
			ERR(b, v->loc, "missing key '%s'", keys[i]);
}

static const char *const top_keys[] = {
	"tandem", "id", "title", "lang", "summary", "vars", "start", "recall", "nodes", "banks",
	"safety",
};

static void build_top_field(Builder *b, const YNode *k, const YNode *v)
{
	Dialogue *d = b->d;
	Text t = { 0 };
	const char *key = k->u.text;
	if (str_eq(key, "tandem")) {
		want_version(b, v, key);
	} else if (str_eq(key, "id")) {
		if (want_text(b, v, key, &t) && !is_dialogue_id(t.s))
			ERR(b, v->loc, "'%s' is not a dialogue id ([a-z0-9][a-z0-9_-]*)", t.s);
		d->id = t.s;
	} else if (str_eq(key, "title")) {
		if (want_text(b, v, key, &t))
			d->title = t.s;
	} else if (str_eq(key, "lang")) {
		if (want_text(b, v, key, &t) && !is_lang_tag(t.s))
			ERR(b, v->loc, "'%s' is not a language tag (fr, en, fr-CA, ...)", t.s);
		d->lang = t.s;
	} else if (str_eq(key, "summary")) {
		if (want_text(b, v, key, &t))
			d->summary = t.s;
	} else if (str_eq(key, "vars")) {
		build_vars(b, v);
	} else if (str_eq(key, "recall")) {
		d->recall = want_names(b, v, key, &d->nrecall);
	} else if (str_eq(key, "safety")) {
		build_safety_fields(b, &d->safety, v, false);
	} else if (!str_eq(key, "start") && !str_eq(key, "nodes") && !str_eq(key, "banks")) {
		unknown_key(b, k, _("a dialogue"), top_keys, ARRAY_LEN(top_keys));
	}
}

/* Reports a missing key, unless a misspelling of it was already reported:
 * one mistake, one message. */
static void require(Builder *b, const YNode *root, const char *key)
{
	if (ymap_get(root, key))
		return;
	for (const YNode *k = root->u.first; k && k->next; k = k->next->next)
		if (!str_eq(k->u.text, key) && suggest(k->u.text, &key, 1))
			return;
	ERR(b, root->loc, "missing key '%s'", key);
}

FileKind build_file_kind(const YDoc *doc)
{
	if (!doc->root || doc->root->kind != Y_MAP)
		return FILE_UNKNOWN;
	if (ymap_get(doc->root, "tandem-bank"))
		return FILE_BANK;
	if (ymap_get(doc->root, "tandem-safety"))
		return FILE_SAFETY;
	if (ymap_get(doc->root, "tandem") || ymap_get(doc->root, "nodes"))
		return FILE_DIALOGUE;
	return FILE_UNKNOWN;
}

/* The top of the file, its nodes already built. False when those are not
 * to be kept (see finish_nodes). */
static bool build_top(Builder *b, const YNode *root)
{
	Dialogue *d = b->d;
	static const char *const required[] = { "tandem", "id", "title", "lang", "nodes" };
	for (size_t i = 0; i < ARRAY_LEN(required); i++)
		require(b, root, required[i]);
	for (const YNode *k = root->u.first; k && k->next; k = k->next->next)
		build_top_field(b, k, k->next);
	const YNode *nodes = ymap_get(root, "nodes");
	bool keep_nodes = !nodes || finish_nodes(b, nodes);
	const YNode *banks = ymap_get(root, "banks");
	if (banks)
		build_inline_banks(b, banks);
	const YNode *start = ymap_get(root, "start");
	d->start = d->nnodes ? 0 : NO_NODE;
	if (start && d->nnodes && want_node_name(b, start, "start")) {
		int i = find_target(b, start->u.text, start->loc, "start");
		if (i != NO_NODE)
			d->start = i;
	}
	return keep_nodes;
}

static void builder_free(Builder *b)
{
	free(b->refs);
	arena_free(&b->names);
}

/* The dialogue of doc, its nodes built by on_node while it was read. */
static void build_dialogue(Builder *b, const YDoc *doc, const Diags *node_diags, Diags *diags)
{
	Dialogue *d = b->d;
	d->path = arena_strdup(b->arena, doc->path);
	b->diags = diags;
	bool keep_nodes = true;
	if (!doc->root || doc->root->kind != Y_MAP)
		ERR(b, doc->root ? doc->root->loc : loc_at(1, 1),
		    "a dialogue must be a mapping starting with 'tandem: 1'");
	else
		keep_nodes = build_top(b, doc->root);
	/* Too many nodes is one problem, not one more per node built. */
	if (keep_nodes)
		diags_add_all(diags, node_diags);
	if (!d->id)
		d->id = "";
	if (!d->title)
		d->title = "";
	if (!d->lang)
		d->lang = "en";
}

FileKind build_file(const char *path, bool digest, Diags *diags, Built *out)
{
	*out = (Built){ 0 };
	Dialogue *d = xcalloc(1, sizeof(*d));
	d->patterns = pattern_set_new();
	d->start = NO_NODE;
	/* Problems of nodes wait until the file is known to be a dialogue. */
	Diags node_diags = { 0 };
	Builder b = { .d = d, .arena = &d->arena, .patterns = d->patterns, .file = path,
	              .diags = &node_diags, .yaml_diags = diags };
	YStream stream = { "nodes", on_node, &b, digest ? d->sha256 : NULL };
	YDoc *doc = ydoc_load_stream(path, &ydoc_default_limits, &stream, diags);
	FileKind kind = doc ? build_file_kind(doc) : FILE_UNKNOWN;
	bool other = kind == FILE_BANK || kind == FILE_SAFETY;
	if (kind == FILE_BANK)
		out->bank = build_bank(doc, diags);
	else if (kind == FILE_SAFETY)
		out->safety = build_safety(doc, diags);
	else if (doc)
		build_dialogue(&b, doc, &node_diags, diags);
	if (!other)
		ydoc_free(doc);
	builder_free(&b);
	diags_free(&node_diags);
	if (other || !doc) {
		dialogue_free(d);
		return kind;
	}
	out->dialogue = d;
	return FILE_DIALOGUE;
}

BankFile *build_bank(YDoc *doc, Diags *diags)
{
	static const char *const keys[] = { "tandem-bank", "id", "lang", "questions" };
	BankFile *bf = xcalloc(1, sizeof(*bf));
	bf->patterns = pattern_set_new();
	bf->bank.path = arena_strdup(&bf->arena, doc->path);
	Builder b = { .arena = &bf->arena, .patterns = bf->patterns, .file = bf->bank.path,
	              .diags = diags };
	const YNode *root = doc->root;
	if (!root || root->kind != Y_MAP) {
		ERR(&b, root ? root->loc : loc_at(1, 1), "a bank must be a mapping starting with 'tandem-bank: 1'");
		ydoc_free(doc);
		return bf;
	}
	for (size_t i = 0; i < ARRAY_LEN(keys); i++)
		require(&b, root, keys[i]);
	for (const YNode *k = root->u.first; k && k->next; k = k->next->next) {
		Text t = { 0 };
		if (yscalar_is(k, "tandem-bank"))
			want_version(&b, k->next, "tandem-bank");
		else if (yscalar_is(k, "id") && want_text(&b, k->next, "id", &t))
			bf->bank.id = t.s;
		else if (yscalar_is(k, "lang") && want_text(&b, k->next, "lang", &t))
			bf->bank.lang = t.s;
		else if (yscalar_is(k, "questions"))
			build_questions(&b, &bf->bank, k->next);
		else if (!is_key(k->u.text, keys, ARRAY_LEN(keys)))
			unknown_key(&b, k, _("a bank"), keys, ARRAY_LEN(keys));
	}
	ydoc_free(doc);
	return bf;
}

SafetyFile *build_safety(YDoc *doc, Diags *diags)
{
	SafetyFile *f = xcalloc(1, sizeof(*f));
	f->patterns = pattern_set_new();
	const char *path = arena_strdup(&f->arena, doc->path);
	Builder b = { .arena = &f->arena, .patterns = f->patterns, .file = path,
	              .diags = diags };
	const YNode *root = doc->root;
	if (!root || root->kind != Y_MAP) {
		ERR(&b, root ? root->loc : loc_at(1, 1),
		    "a safety file must be a mapping starting with 'tandem-safety: 1'");
		ydoc_free(doc);
		return f;
	}
	const YNode *lang = ymap_get(root, "lang");
	Text t = { 0 };
	if (lang && want_text(&b, lang, "lang", &t))
		f->lang = t.s;
	else
		ERR(&b, root->loc, "missing key '%s'", "lang");
	want_version(&b, ymap_get(root, "tandem-safety"), "tandem-safety");
	build_safety_fields(&b, &f->safety, root, true);
	if (!ymap_get(root, "patterns"))
		ERR(&b, root->loc, "missing key '%s'", "patterns");
	ydoc_free(doc);
	return f;
}

void safety_file_free(SafetyFile *f)
{
	if (!f)
		return;
	pattern_set_free(f->patterns);
	arena_free(&f->arena);
	free(f);
}

void bank_file_free(BankFile *bf)
{
	if (!bf)
		return;
	pattern_set_free(bf->patterns);
	arena_free(&bf->arena);
	free(bf);
}
