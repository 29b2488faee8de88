/*
 * texts: which scalars of a dialogue file are texts, and their names.
 *
 * The walk follows the format's shapes (dialogue-format.md) over the YAML
 * tree rather than the built Dialogue: it needs each text's scalar, where
 * its bytes are, and a file need not check clean to be translated.
 */
#include "texts.h"

#include <stdlib.h>
#include <string.h>

#include "build.h"
#include "util.h"

typedef struct Walk {
	TextFn *fn;
	void *ctx;
	const char *id;
} Walk;

/* The scalar v under the field path of the walk's id: one text. */
static void text(Walk *w, const char *field, const YNode *v, bool regex)
{
	if (v && v->kind == Y_SCALAR)
		w->fn(w->ctx, w->id, field, v, regex);
}

/* Each pair of a mapping: its key's text and its value. */
#define EACH_PAIR(k, map) for (const YNode *k = (map)->u.first; k && k->next; k = k->next->next)

static bool is_map(const YNode *v)
{
	return v && v->kind == Y_MAP;
}

static bool is_seq(const YNode *v)
{
	return v && v->kind == Y_SEQ;
}

/* The texts among keys[] of map, as prefix + key; regex[i] marks the
 * regular expressions. */
static void fields(Walk *w, const char *prefix, const YNode *map, const char *const *keys,
                   size_t n, const bool *regex)
{
	if (!is_map(map))
		return;
	EACH_PAIR(k, map) {
		for (size_t i = 0; i < n; i++) {
			if (!yscalar_is(k, keys[i]))
				continue;
			char *field = xasprintf("%s%s", prefix, keys[i]);
			text(w, field, k->next, regex && regex[i]);
			free(field);
		}
	}
}

/* A list of mappings (practice points, questions, safety patterns): each
 * item's keys as prefix.N.key; an item written as a bare text is its
 * `bare` key (a bank question's text). */
static void items(Walk *w, const char *prefix, const YNode *seq, const char *const *keys,
                  size_t n, const bool *regex, const char *bare)
{
	if (!is_seq(seq))
		return;
	size_t i = 1;
	for (const YNode *it = seq->u.first; it; it = it->next, i++) {
		char *at = xasprintf("%s.%zu.", prefix, i);
		if (it->kind == Y_SCALAR && bare) {
			char *field = xasprintf("%s%s", at, bare);
			text(w, field, it, false);
			free(field);
		} else {
			fields(w, at, it, keys, n, regex);
		}
		free(at);
	}
}

static void questions(Walk *w, const char *prefix, const YNode *seq)
{
	static const char *const keys[] = { "text", "self", "when" };
	static const bool regex[] = { false, false, true };
	items(w, prefix, seq, keys, ARRAY_LEN(keys), regex, "text");
}

static void choices(Walk *w, const YNode *map)
{
	if (!is_map(map))
		return;
	EACH_PAIR(k, map) {
		char *field = xasprintf("choices.%s", k->u.text);
		text(w, field, is_map(k->next) ? ymap_get(k->next, "label") : k->next, false);
		free(field);
	}
}

/* The status, questions and none of a review, or of its self: mapping,
 * in the order written. */
static void review(Walk *w, const char *prefix, const YNode *map)
{
	if (!is_map(map))
		return;
	EACH_PAIR(k, map) {
		if (yscalar_is(k, "status") || yscalar_is(k, "none")) {
			char *field = xasprintf("%s%s", prefix, k->u.text);
			text(w, field, k->next, false);
			free(field);
		} else if (yscalar_is(k, "questions") && is_seq(k->next)) {
			size_t i = 1;
			for (const YNode *q = k->next->u.first; q; q = q->next, i++) {
				char *field = xasprintf("%squestions.%zu", prefix, i);
				text(w, field, q, false);
				free(field);
			}
		} else if (yscalar_is(k, "self") && !strstr(prefix, "self")) {
			char *self = xasprintf("%sself.", prefix);
			review(w, self, k->next);
			free(self);
		}
	}
}

/* The three questions of a commitments node, then of its self: mapping. */
static void commitments(Walk *w, const char *prefix, const YNode *map)
{
	static const char *const keys[] = { "what", "when", "measure" };
	if (!is_map(map))
		return;
	EACH_PAIR(k, map) {
		if (yscalar_is(k, "self") && !strstr(prefix, "self")) {
			char *self = xasprintf("%sself.", prefix);
			commitments(w, self, k->next);
			free(self);
			continue;
		}
		for (size_t i = 0; i < ARRAY_LEN(keys); i++) {
			if (!yscalar_is(k, keys[i]))
				continue;
			char *field = xasprintf("%s%s", prefix, keys[i]);
			text(w, field, k->next, false);
			free(field);
		}
	}
}

static void node(Walk *w, const YNode *map)
{
	static const char *const plain[] = { "say", "ask", "end", "section", "coach", "self",
		                             "again", "invalid", "validate" };
	static const bool regex[] = { false, false, false, false, false, false, false, false,
		                      true };
	static const char *const point[] = { "point", "pattern" };
	static const bool point_regex[] = { false, true };
	if (!is_map(map))
		return;
	EACH_PAIR(k, map) {
		const YNode *v = k->next;
		for (size_t i = 0; i < ARRAY_LEN(plain); i++)
			if (yscalar_is(k, plain[i]))
				text(w, plain[i], v, regex[i]);
		if (yscalar_is(k, "choices"))
			choices(w, v);
		else if (yscalar_is(k, "practice"))
			items(w, "practice", v, point, 2, point_regex, NULL);
		else if (yscalar_is(k, "commitments"))
			commitments(w, "commitments.", v);
		else if (yscalar_is(k, "review"))
			review(w, "review.", v);
	}
}

/* A safety net's texts and patterns, in the order written. */
static void safety(Walk *w, const char *prefix, const YNode *map)
{
	static const char *const keys[] = { "message", "coach", "self", "help", "choice", "stop",
		                            "continue" };
	static const char *const pattern[] = { "pattern" };
	static const bool regex[] = { true };
	if (!is_map(map))
		return;
	EACH_PAIR(k, map) {
		for (size_t i = 0; i < ARRAY_LEN(keys); i++) {
			if (!yscalar_is(k, keys[i]))
				continue;
			char *field = xasprintf("%s%s", prefix, keys[i]);
			text(w, field, k->next, false);
			free(field);
		}
		if (yscalar_is(k, "patterns")) {
			char *patterns = xasprintf("%spatterns", prefix);
			items(w, patterns, k->next, pattern, 1, regex, NULL);
			free(patterns);
		}
	}
}

static void dialogue(Walk *w, const YNode *root)
{
	EACH_PAIR(k, root) {
		const YNode *v = k->next;
		w->id = "@dialogue";
		if (yscalar_is(k, "title") || yscalar_is(k, "summary")) {
			text(w, k->u.text, v, false);
		} else if (yscalar_is(k, "vars") && is_map(v)) {
			EACH_PAIR(var, v) {
				char *field = xasprintf("vars.%s", var->u.text);
				text(w, field, var->next, false);
				free(field);
			}
		} else if (yscalar_is(k, "safety")) {
			safety(w, "safety.", v);
		} else if (yscalar_is(k, "nodes") && is_map(v)) {
			EACH_PAIR(id, v) {
				w->id = id->u.text;
				node(w, id->next);
			}
		} else if (yscalar_is(k, "banks") && is_map(v)) {
			w->id = "@banks";
			EACH_PAIR(bank, v) {
				char *prefix = xasprintf("%s.questions", bank->u.text);
				if (is_map(bank->next))
					questions(w, prefix, ymap_get(bank->next, "questions"));
				free(prefix);
			}
		}
	}
}

void texts_walk(const YDoc *doc, TextFn *fn, void *ctx)
{
	Walk w = { fn, ctx, NULL };
	if (!doc || !is_map(doc->root))
		return;
	switch (build_file_kind(doc)) {
	case FILE_BANK:
		w.id = "@bank";
		questions(&w, "questions", ymap_get(doc->root, "questions"));
		break;
	case FILE_SAFETY:
		w.id = "@safety";
		safety(&w, "", doc->root);
		break;
	case FILE_DIALOGUE:
	case FILE_UNKNOWN:
		dialogue(&w, doc->root);
		break;
	}
}
