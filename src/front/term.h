/*
 * term: how text looks on a terminal.
 *
 * The REPL's presentation: each kind of item the session shows (a
 * section, coach guidance, script text, a question and its menu, a
 * reason, practice marks) gets a style of its own, text is wrapped to the
 * terminal's width in display columns, and the prompt says where the
 * session is. Colour only when the output is a terminal, NO_COLOR is
 * unset or empty and TERM is set and not "dumb"; without colour the
 * prefixes alone ("== ==", "[coach] ", "! ") keep the kinds apart, as in
 * the line runner. Knows nothing of readline beyond the two bytes that
 * bracket invisible characters in a prompt.
 */
#ifndef TANDEM_TERM_H
#define TANDEM_TERM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "session.h"
#include "util.h"

typedef struct Term {
	FILE *out;
	bool color;
	size_t width;   /* columns to wrap at; 0: no wrapping */
	const char *lang;  /* of tandem's own words (i18n.h); NULL: English */
} Term;

/* A Term for out, colour decided from out and the environment. */
Term term_new(FILE *out);

/* The width to wrap at from now on (after a resize); 0 turns wrapping off. */
void term_set_width(Term *t, size_t columns);

/*
 * Prints one item the session shows, styled and wrapped, sanitized of
 * escape sequences. r is the request it is shown for: a question gets its
 * menu or scale range from it. SHOW_ERROR is not for the terminal: the
 * front end sends it to its error stream.
 */
void term_show(const Term *t, ShowKind kind, const char *text, const Request *r);

/*
 * Appends text to b wrapped to width display columns (0: as it is):
 * lines break at spaces, a word wider than the line is cut between
 * characters, the text's own newlines and a line's leading spaces are
 * kept. The first line is meant to follow a prefix of `indent` columns,
 * which every further line gets as spaces. Each line ends with '\n'.
 */
void term_wrap(Buf *b, const char *text, size_t width, size_t indent);

/*
 * The prompt for request r at turn `turn` (1-based): where the session is
 * (section, turn) and what the line takes ((1-3), (1-10), (Enter)), then
 * "> ". Colour sequences are bracketed with \001 and \002 as readline
 * wants. The caller frees it.
 */
char *term_prompt(const Term *t, const Request *r, size_t turn);

#endif
