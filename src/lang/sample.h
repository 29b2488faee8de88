/*
 * sample: texts that a pattern matches, and texts that it does not, drawn
 * at random: the answers `tandem walk` gives a question whose `validate`
 * or whose route reads the answer with a regular expression.
 *
 * A text is drawn from the pattern as written (alternatives, groups,
 * classes, escapes and quantifiers of PCRE2's syntax), then matched with
 * the pattern itself, so that what is returned always holds: a construct
 * drawn wrong (a lookaround, a back reference) costs a few more draws, or
 * a NULL, never a false answer.
 */
#ifndef TANDEM_SAMPLE_H
#define TANDEM_SAMPLE_H

#include "pattern.h"
#include "rng.h"

/* A non-empty text p matches (an empty line is no answer: it skips or
 * ends a list), without surrounding white space (answers are trimmed
 * before they are checked), at most 4 KiB; heap string, or NULL when none
 * was found in a few draws. */
char *sample_match(const Pattern *p, Rng *rng);

/* A non-empty text p does not match (heap string), or NULL when p seems to
 * match anything. */
char *sample_miss(const Pattern *p, Rng *rng);

#endif
