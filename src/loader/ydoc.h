/*
 * ydoc: a YAML file read into a small tree that remembers where each value
 * stood. The only module that includes <yaml.h>.
 *
 * Dialogue files may come from another coach, so they are untrusted: the
 * reader enforces the limits of the format (file size, nesting depth, text
 * length, number of values), requires valid UTF-8 without NUL bytes, and
 * refuses YAML aliases outright (an alias can multiply a small file into a
 * huge tree; dialogues have no need of them). Every scalar stays text:
 * `yes`, `off` or `1.0` are never turned into booleans or numbers here.
 * A duplicate key in any mapping is an error.
 *
 * Problems go to the Diags with file, line and column. A document with
 * problems is still returned when a tree could be built, so that the checker
 * can report more; ydoc_load returns NULL only when nothing usable was read.
 */
#ifndef TANDEM_YDOC_H
#define TANDEM_YDOC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "arena.h"
#include "diag.h"

typedef enum YKind { Y_SCALAR, Y_SEQ, Y_MAP } YKind;

typedef struct YNode YNode;

/*
 * One value of the tree. Children of a sequence are linked through `next`
 * from `first`; a mapping's children are its keys and values alternating
 * (key, value, key, value, ...), so a mapping of n pairs has 2n children.
 * Keys are always scalars (a complex key is reported and dropped).
 */
struct YNode {
	uint8_t kind;       /* YKind */
	uint8_t plain;      /* scalar written without quotes or block style */
	Loc loc;            /* where the value starts */
	uint32_t len;       /* scalar: bytes of text; seq: items; map: pairs */
	union {
		const char *text;   /* scalar, NUL-terminated */
		YNode *first;       /* seq and map */
	} u;
	YNode *next;
};

typedef struct YLimits {
	size_t max_file;    /* bytes */
	size_t max_depth;   /* nesting of mappings and sequences */
	size_t max_text;    /* bytes of one scalar */
	size_t max_values;  /* YAML values in the document */
} YLimits;

/* The limits of dialogue-format.md: 32 MiB, depth 64, 1 MiB text, ... */
extern const YLimits ydoc_default_limits;

typedef struct YDoc {
	Arena arena;        /* owns every node and text */
	char *path;         /* owned; as given, used in diagnostics */
	YNode *root;        /* NULL for an empty document */
	size_t values;      /* YAML values read */
	size_t bytes;       /* size of the file */
} YDoc;

/* Reads the file at path. NULL only if nothing usable was read. */
YDoc *ydoc_load(const char *path, const YLimits *limits, Diags *d);
/* The same from memory; name is used in diagnostics. */
YDoc *ydoc_load_mem(const char *name, const char *data, size_t len,
                    const YLimits *limits, Diags *d);
void ydoc_free(YDoc *doc);

/*
 * Streaming, for files too large to hold as a whole tree: the entries of
 * the mapping under the top-level key `key` are handed to fn one at a time,
 * in file order, as soon as each is read. The key and the value, and every
 * node and text under it, are freed when fn returns, so fn copies what it
 * keeps. In the document that mapping is left without children, its len
 * counting the entries handed over. Its keys are checked to be text but
 * not for duplicates: fn, which indexes them anyway, finds those (and
 * reports them with ydoc_duplicate_key). An entry cut short by an error is
 * still handed over, as far as it was read. All else is as ydoc_load.
 */
typedef void YEntryFn(void *ctx, const YNode *key, const YNode *value);
typedef struct YStream {
	const char *key;
	YEntryFn *fn;
	void *ctx;
	/* When not NULL, receives the hex SHA-256 of the very bytes parsed (a
	 * second read of the path could meet another file, or fail). */
	char *digest;   /* [65] */
} YStream;
YDoc *ydoc_load_stream(const char *path, const YLimits *limits, const YStream *stream,
                       Diags *d);
/* The same from memory; name is used in diagnostics. */
YDoc *ydoc_load_stream_mem(const char *name, const char *data, size_t len,
                           const YLimits *limits, const YStream *stream, Diags *d);

/*
 * Where each scalar is written, for tools that change a file's texts and
 * keep everything else of it (translation.h): its bytes, from its first
 * character (a quote, the `|` of a block) to just past its last, as
 * libyaml's marks give them, and how it is written.
 */
typedef enum YStyle { YS_PLAIN, YS_SINGLE, YS_DOUBLE, YS_LITERAL, YS_FOLDED } YStyle;
typedef struct YSpan {
	Loc loc;            /* where it starts, as YNode.loc */
	size_t start, end;  /* byte offsets in the data */
	uint8_t style;      /* YStyle */
} YSpan;

/* ydoc_load_mem, also setting *spans to the span of every scalar, keys
 * included, in file order (*nspans of them; the caller frees *spans). */
YDoc *ydoc_load_spans(const char *name, const char *data, size_t len, const YLimits *limits,
                      YSpan **spans, size_t *nspans, Diags *d);

/*
 * The top of the file at path: the top-level keys before `stop` and their
 * values, as ydoc_load reads them; `stop`, its value and what follows are
 * not read. The file is read in pieces until that key is met, so a large
 * file costs what its top costs; without the key, it is read whole.
 */
YDoc *ydoc_load_top(const char *path, const YLimits *limits, const char *stop, Diags *d);

/* The place of byte `pos` of a scalar's text that starts at loc, for errors
 * pointing into it: only a plain scalar's columns can be counted. */
Loc ydoc_loc_in(const char *text, Loc loc, bool plain, size_t pos);

/* Reports key as a duplicate of the key at first_line, as ydoc does. */
void ydoc_duplicate_key(Diags *d, const char *file, const YNode *key, uint32_t first_line);

/* The value under key in a mapping, or NULL. */
const YNode *ymap_get(const YNode *map, const char *key);
/* Whether a scalar's text equals s. Inline: s is most often a literal,
 * whose length is then known when compiling. */
static inline bool yscalar_is(const YNode *n, const char *s)
{
	size_t len = strlen(s);
	return n && n->kind == Y_SCALAR && len == n->len && memcmp(n->u.text, s, len) == 0;
}
/* "a text", "a list", "a mapping": for messages. */
const char *ykind_name(const YNode *n);

#endif
