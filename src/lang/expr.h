/*
 * expr: the expression language of `if:` and `set:`.
 *
 * Grammar, lowest precedence first:
 *
 *   expr    := or
 *   or      := and ("or" and)*
 *   and     := not ("and" not)*
 *   not     := "not" not | cmp
 *   cmp     := match (("==" | "!=" | "<" | "<=" | ">" | ">=") match)?
 *   match   := sum ("~" REGEX)?             REGEX is /PATTERN/FLAGS
 *   sum     := primary (("+" | "-") primary)*
 *   primary := NUMBER | STRING | NAME | "answer" | "true" | "false"
 *            | FUNC "(" args ")" | "(" expr ")" | "-" primary
 *   FUNC    := count | empty | visited
 *
 * NAME is [A-Za-z_][A-Za-z0-9_]* optionally qualified by the id of a called
 * dialogue (`decouverte.attentes`; the id may contain '-'). Strings are in
 * "double" or 'single' quotes with backslash escapes \" \' \\ \n \t.
 *
 * Parsing happens once, at load; the tree lives in the dialogue's arena and
 * its regex literals in the dialogue's PatternSet. Checking types and names
 * is separate (expr_check), so that the checker can report every unknown
 * name with a suggestion. Evaluation reads variables through a callback and
 * performs no I/O.
 */
#ifndef TANDEM_EXPR_H
#define TANDEM_EXPR_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "pattern.h"
#include "value.h"

typedef struct Expr Expr;

/* Static types, as far as load time can know them. */
typedef enum Type { TYPE_ANY, TYPE_TEXT, TYPE_NUMBER, TYPE_BOOL, TYPE_LIST } Type;

const char *type_name(Type t);   /* "text", "number", ... */
/* How messages name a type, in the current language: "a number", "text". */
const char *type_phrase(Type t);

/*
 * Parses src. On success returns the tree. On failure returns NULL, *err is
 * a heap message the caller frees ("expected ')' near 'and'", "unknown
 * function 'cout'; did you mean 'count'?") and *pos the byte offset in src.
 */
Expr *expr_parse(Arena *arena, PatternSet *patterns, const char *src,
                 char **err, size_t *pos);

/* What an expression refers to, for the checker. */
typedef enum RefKind { REF_VAR, REF_NODE } RefKind;  /* NODE: visited(ID) */

/* Calls fn for every variable and visited() node the expression names,
 * with its byte offset in the source. `answer` is not reported. */
void expr_refs(const Expr *e,
               void (*fn)(void *ctx, RefKind kind, const char *name, size_t pos),
               void *ctx);

/*
 * What an expression compares a name with, for a tool that looks for the
 * answers that take each branch (tandem walk): `x == "yes"`, `5 > energy`,
 * `answer ~ /no idea/i`. Texts and patterns live as long as the tree.
 */
typedef struct ExprHint {
	const char *name;      /* the variable, or NULL for `answer` */
	const char *text;      /* a text it is compared with, or NULL */
	bool has_number;       /* a number it is compared with: */
	double number;
	const Pattern *re;     /* a pattern it is matched against, or NULL */
} ExprHint;

/* Calls fn for each comparison of a name with a literal, and each match of
 * a name against a pattern, in e. */
void expr_hints(const Expr *e, void (*fn)(void *ctx, const ExprHint *h), void *ctx);

/*
 * Checks types given each variable's type (var_type may return TYPE_ANY for
 * unknown). Comparing a number with text, arithmetic on text and the like
 * are errors: returns false with *err (heap) and *pos. On success *result is
 * the expression's type.
 */
bool expr_check(const Expr *e, Type (*var_type)(void *ctx, const char *name),
                void *ctx, Type answer_type, Type *result, char **err, size_t *pos);

/* Where evaluation reads the session, and how far it may go. */
typedef struct EvalEnv {
	/* The variable's value, or NULL when unset. */
	const Value *(*lookup)(void *ctx, const char *name);
	/* Whether the node with this id was visited in this session. */
	bool (*visited)(void *ctx, const char *node_id);
	const Value *answer;  /* `answer`; NULL reads as unset */
	void *ctx;
	/* The most bytes (val_bytes) a text or list built by '+' may hold;
	 * 0: no bound. A dialogue from anyone can double a text in a loop. */
	size_t max_bytes;
	/* Asked now and then during a long evaluation (many regexes on a long
	 * list, a huge expression); true stops it. NULL: never. */
	bool (*stop)(void *ctx);
} EvalEnv;

typedef enum EvalStatus {
	EVAL_OK,
	EVAL_ERROR,      /* a problem load time cannot rule out: a regex at its match limit */
	EVAL_TOO_BIG,    /* '+' would have built a value past env->max_bytes */
	EVAL_STOPPED,    /* env->stop said to stop */
} EvalStatus;

/*
 * Evaluates e. A runtime problem sets *status (when not NULL) and *err
 * (heap, what happened) and yields an unset value; after the first one
 * nothing more is computed.
 */
Value expr_eval(const Expr *e, const EvalEnv *env, EvalStatus *status, char **err);

/* The source text the expression was parsed from. */
const char *expr_source(const Expr *e);

#endif
