/*
 * yemit: a text written as a YAML scalar in place of another in a file,
 * so that the file reads back with that text and is otherwise unchanged
 * (`tandem strings --apply`).
 *
 * The new scalar keeps the old one's style where the text allows it: a
 * `|` or `>` block stays a block at the same indentation (a `>` block
 * wrapped at 80 columns), with its header's comment; a plain or
 * single-quoted text stays so when the new text can be written that way;
 * anything else is double-quoted, which can write any text on one line.
 * Every scalar made is read back by the YAML reader before it is used,
 * and double-quoted when it would not read as the text.
 */
#ifndef TANDEM_YEMIT_H
#define TANDEM_YEMIT_H

#include <stddef.h>

#include "util.h"
#include "ydoc.h"

/*
 * Appends to out what replaces the scalar sp of data[0..len) so that it
 * reads as text, and returns the end of what it replaces: sp->end, or less
 * for a block whose trailing blank lines are kept (they part it from what
 * follows). The replacement covers data[sp->start .. returned end).
 */
size_t yemit_replace(Buf *out, const char *data, size_t len, const YSpan *sp, const char *text);

#endif
