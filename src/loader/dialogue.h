/*
 * dialogue: a loaded, checked dialogue tree (library.h loads them).
 *
 * A Dialogue is immutable once loaded: the interpreter borrows it as
 * `const Dialogue *` and never changes it. What its nodes hold (texts,
 * rules, expression trees, the top of its file) lives in its arena and its
 * compiled patterns in its PatternSet: nothing points into the YAML it was
 * read from, which is freed once it is built. Freeing is one call
 * (dialogue_free), made by the Library that loaded it.
 */
#ifndef TANDEM_DIALOGUE_H
#define TANDEM_DIALOGUE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "arena.h"
#include "diag.h"
#include "expr.h"
#include "map.h"
#include "pattern.h"

typedef enum NodeKind {
	NODE_SAY, NODE_ASK, NODE_SET, NODE_PICK, NODE_COMMITMENTS,
	NODE_REVIEW, NODE_CALL, NODE_END,   /* NODE_END stays the last */
} NodeKind;

/* How many kinds there are (tables indexed by NodeKind are this long). */
enum { NODE_NKINDS = NODE_END + 1 };

/* The kind key as written in a dialogue ("say", "ask", ...). */
const char *node_kind_name(NodeKind k);

typedef enum Mode {
	MODE_COACH = 1u << 0,
	MODE_SELF = 1u << 1,
	MODE_PRACTICE = 1u << 2,
} Mode;

const char *mode_name(Mode m);
/* Parses "coach", "self" or "practice"; false otherwise. */
bool mode_parse(const char *s, Mode *m);

/*
 * Who may read a node's answers (dialogue-format.md, `audience`), from the
 * narrowest: a report for a reader shows an answer only when its audience
 * reaches that reader (audience.h). Coach notes are always private.
 */
typedef enum Audience {
	AUDIENCE_PRIVATE,    /* the coach alone */
	AUDIENCE_CLIENT,     /* the client too: a node's default */
	AUDIENCE_SPONSOR,    /* the organisation too, as agreed with the client */
} Audience;

/* The name written in a dialogue: "private", "client" or "sponsor". */
const char *audience_name(Audience a);
/* Parses one of those names; false otherwise. */
bool audience_parse(const char *s, Audience *a);

/*
 * A text of the dialogue; s is NULL when absent. Where it was written is
 * stored just before its bytes (text_loc): nodes have many optional texts,
 * and an absent one then costs a pointer alone. A speed trick kept for
 * memory: scripts/bench measured `tandem check` of 100,000 nodes at 4.72x
 * the file with it and 5.10x (over the 5x target) with the place beside
 * the pointer; the time was the same.
 */
typedef struct Text {
	const char *s;
} Text;

/* Where t was written; line 0 when absent. */
static inline Loc text_loc(Text t)
{
	Loc loc = { 0, 0 };
	if (t.s)
		memcpy(&loc, t.s - sizeof(loc), sizeof(loc));
	return loc;
}

typedef struct Dialogue Dialogue;

/* No node: the session completes (after the last node of a file). */
enum { NO_NODE = -1 };

typedef struct Choice {
	const char *key;
	Loc loc;             /* where the key is written */
	Text label;
	int target;          /* node index, or NO_NODE when it has no goto */
} Choice;

/* An expression's text is expr_source(); where it was written is kept
 * beside it, for diagnostics pointing into it (ydoc_loc_in). */
typedef struct Rule {
	const Expr *cond;    /* NULL: always matches */
	int target;          /* node index */
	bool src_plain;      /* the condition was a plain scalar */
	Loc loc;
	Loc src_loc;         /* where the condition starts */
} Rule;

typedef struct Assign {
	const char *name;
	const Expr *expr;
	Loc loc;
	Loc src_loc;         /* where the expression starts */
	bool src_plain;      /* it was a plain scalar */
} Assign;

typedef struct PracticePoint {
	Text point;
	const Pattern *pattern;
} PracticePoint;

typedef struct Question {
	Text text;
	Text self;           /* self-mode wording; absent: not drawn in self mode */
	const char **tags;   /* each a Text's bytes (text_loc: where it is written) */
	uint32_t ntags;
	const Pattern *when; /* NULL: no trigger */
	bool loose;          /* `strict: false`: drawn even when `when` did not match */
} Question;

typedef struct Bank {
	const char *id;
	const char *lang;
	const char *path;    /* file it came from */
	Question *questions;
	size_t nquestions;
} Bank;

/*
 * A large dialogue holds a hundred thousand nodes: fields are ordered so
 * that no padding falls between them, and counts are 32 bits (a file holds
 * at most 5,000,000 values).
 */
typedef struct AskSpec {
	Choice *choices;     /* menu, in file order */
	uint32_t nchoices;
	int repeat;          /* 0: asked once; -1: until an empty answer; N: at most N */
	long min, max;       /* with scale */
	Text again;          /* wording for the second and later asks of a repeat */
	Text invalid;        /* shown when validate fails */
	const Pattern *validate;
	const char *each;    /* list variable asked over, or NULL */
	Loc each_loc;        /* where `each` names it, for the checker */
	bool scale;
	bool optional;
} AskSpec;

typedef struct PickSpec {
	const char *bank_id;
	const Bank *bank;
	const char **tags;   /* filter; none: every question. Each a Text's
	                        bytes (text_loc: where it is written) */
	uint32_t ntags;
	int count;           /* questions asked in a row */
	const char *about;   /* variable whose text triggers `when`; NULL: last answer */
} PickSpec;

/* Whether the pick's tag filter lets question q through (no filter: all). */
bool pick_selects(const PickSpec *p, const Question *q);

typedef struct CommitSpec CommitSpec;
struct CommitSpec {
	Text what, when, measure;
	const CommitSpec *self;    /* self-mode wordings (absent ones: these), or NULL */
};

typedef struct ReviewSpec ReviewSpec;
struct ReviewSpec {
	Text status;
	Text *questions;
	uint32_t nquestions;
	Text none;
	const ReviewSpec *self;    /* self-mode wordings (absent ones: these), or NULL;
	                              its questions, when given, as many as these */
};

typedef struct CallSpec {
	const char *target;        /* dialogue id */
	const Dialogue *dialogue;  /* resolved by the library */
} CallSpec;

typedef struct Node {
	const char *id;
	Loc loc;
	NodeKind kind;
	uint8_t only;        /* Mode bits the node runs in; 0: every mode */
	uint8_t audience;    /* an Audience: who may read what it records */
	Text text;           /* say, ask and end text */
	Text self;           /* self-mode wording, or absent */
	Text coach;          /* guidance for the coach, or absent */
	Text section;        /* heading shown on entry, or absent */
	const char *save;    /* where ask, pick, commitments, review store: default the id */
	Rule *rules;         /* explicit `next` rules, tried in order */
	PracticePoint *practice;
	Assign *assigns;     /* set */
	uint32_t nrules;
	uint32_t npractice;
	uint32_t nassigns;
	int next;            /* the default: following node, or NO_NODE */
	union {
		AskSpec ask;
		PickSpec pick;
		CommitSpec commit;
		ReviewSpec review;
		CallSpec call;
	} u;
} Node;

/* One pattern of the safety net: what it is about, and the regex. */
typedef struct SafetyPattern {
	const char *topic;
	const Pattern *pattern;
} SafetyPattern;

/*
 * The safety net (dialogue-format.md, Safety): the patterns that stop the
 * flow and what is then said. The library's `safety.yaml` of a language
 * gives them all; a dialogue's own `safety:` adds patterns and coach
 * guidance (its other texts stay absent).
 */
typedef struct Safety {
	SafetyPattern *patterns;
	uint32_t npatterns;
	Text message;        /* shown in every mode */
	Text coach;          /* coach and practice modes: the coach's guidance */
	Text self;           /* self mode: said to the person */
	Text help;           /* where to get help */
	Text choice;         /* stop here or go on? */
	Text stop, go_on;    /* the two labels */
} Safety;

typedef struct VarDecl {
	const char *name;
	const char *value;   /* default, always text */
	Loc loc;
} VarDecl;

struct Dialogue {
	const char *path;
	const char *id, *title, *lang, *summary;
	char sha256[65];     /* of the file's bytes */
	VarDecl *vars;
	size_t nvars;
	const char **recall; /* each a Text's bytes, as tags */
	uint32_t nrecall;
	Node *nodes;         /* reserved whole (pages_reserve), never moved */
	size_t nnodes;
	size_t nodes_space;  /* bytes reserved for them */
	int start;           /* node index */
	Bank *banks;         /* inline `banks:` */
	size_t nbanks;
	Safety safety;       /* its own `safety:`: patterns and coach guidance */
	const Safety *library_safety; /* the library's, for its language (linked), or NULL */
	/* owned, with nodes */
	Arena arena;
	PatternSet *patterns;
	Map ids;             /* node ids: a node's number is its index in nodes */
};

/* The index of the node with this id, or NO_NODE. */
int dialogue_find(const Dialogue *d, const char *id);

/* The node a turn's qualified id names: "node" in d, "callee.node" in the
 * dialogue a call of d links to, and so on; NULL when there is none (d
 * NULL, an unknown id, a call not linked). */
const Node *dialogue_node(const Dialogue *d, const char *qualified);

/* Frees d and all it owns. */
void dialogue_free(Dialogue *d);

#endif
