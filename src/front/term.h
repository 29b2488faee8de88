/*
 * term: how what the session shows looks, for both front ends.
 *
 * Each kind of item the session shows (a section, coach guidance, script
 * text, a question and its menu, a reason, practice marks) has a prefix
 * ("== ==", "[coach] ", "! ") and a style. The REPL's Term wraps text to
 * the terminal's width in display columns, in colour when the output is a
 * terminal, NO_COLOR is unset or empty and TERM is set and not "dumb"; the
 * line front end's is a Term without colour nor wrapping, where every line of
 * a text carries its prefix. The REPL's prompt, which says where the
 * session is, is made here too. Knows nothing of readline beyond the two
 * bytes that bracket invisible characters in a prompt.
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
	size_t width;   /* columns to wrap at; 0: no wrapping, a prefix on every line */
	const char *lang;  /* of tandem's own words (i18n.h); NULL: English */
	bool prompted;     /* the prompt says what a line takes (term_prompt): a
	                      scale's range is not shown a second time above it */
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
