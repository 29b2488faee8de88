/*
 * out: the one way tandem's own messages and reports reach a terminal or
 * a pipe.
 *
 * What tandem prints often carries bytes from outside: a dialogue's ids,
 * keys and texts, a transcript's answers, a file name, an argument. Any of
 * them could hold an escape sequence that retitles the terminal, hides or
 * rewrites what is on screen, or a bidi override that makes a line read
 * as other words than it holds. So every message is formatted whole, then
 * cleaned once here (utf8_sanitize: newline and tab are all the control
 * characters that pass), and only then written. The styling term.c adds
 * around a text already cleaned is the only escape tandem writes itself.
 */
#ifndef TANDEM_OUT_H
#define TANDEM_OUT_H

#include <stdarg.h>
#include <stdio.h>

#include "util.h"

/* fprintf, cleaned. */
void out_printf(FILE *f, const char *fmt, ...) PRINTF_LIKE(2, 3);
void out_vprintf(FILE *f, const char *fmt, va_list ap);
/* fputs, cleaned (its argument order): no newline added. */
void out_puts(const char *s, FILE *f);

#endif
