/*
 * diag: load-time diagnostics, collected and printed like a compiler's.
 *
 * Loading and checking never stop at the first problem: each one is added
 * here with its place, and the whole list is printed at the end, sorted in
 * file order, as `FILE:LINE:COL: error: MESSAGE`. When standard error is a
 * terminal the offending source line and a caret follow, as gcc does; in a
 * pipe only the one line is printed, so scripts can rely on it.
 */
#ifndef TANDEM_DIAG_H
#define TANDEM_DIAG_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "util.h"

typedef enum DiagLevel { DIAG_ERROR, DIAG_WARNING } DiagLevel;

/* A place in a source file; line and col count from 1 (col in characters). */
typedef struct Loc {
	uint32_t line, col;
} Loc;

/* A Loc value; a function so it can stand inside macro arguments. */
static inline Loc loc_at(uint32_t line, uint32_t col)
{
	Loc l = { line, col };
	return l;
}

typedef struct Diag {
	DiagLevel level;
	char *file;  /* owned */
	Loc loc;
	char *msg;   /* owned */
	size_t seq;  /* insertion order, to keep the sort stable */
	size_t file_rank;
} Diag;

typedef struct Diags {
	Diag *v;
	size_t n, cap;
	size_t errors, warnings;
} Diags;

/* fmt is a msgid, translated here; or a text translated already, such as
 * ngettext's plural form, which the catalogue then leaves as it is. */
void diag_add(Diags *d, DiagLevel level, const char *file, Loc loc,
              const char *fmt, ...) PRINTF_LIKE(5, 6);
#define diag_error(d, file, loc, ...) diag_add((d), DIAG_ERROR, (file), (loc), __VA_ARGS__)
#define diag_warning(d, file, loc, ...) diag_add((d), DIAG_WARNING, (file), (loc), __VA_ARGS__)

/* Sorts by file (first appearance), then line and column. */
void diags_sort(Diags *d);
/* Prints every diagnostic; with show_source, the source line and a caret. */
void diags_print(const Diags *d, FILE *out, bool show_source);
void diags_free(Diags *d);
/* Adds copies of from's diagnostics to to, in order. */
void diags_add_all(Diags *to, const Diags *from);

/* Whose lines a file's diagnostics may quote: a dialogue's are the
 * author's; a transcript's are a client's words, never shown. */
typedef enum DiagQuote { DIAG_QUOTE, DIAG_NO_QUOTE } DiagQuote;

/*
 * Sorts d and prints it to standard error, each diagnostic with its source
 * line and a caret under it when quote allows and standard error is a
 * terminal: what every command does with the problems it collected.
 */
void diags_report(Diags *d, DiagQuote quote);

#endif
