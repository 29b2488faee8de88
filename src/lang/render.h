/*
 * render: `{name}` interpolation in dialogue texts.
 *
 * `{name}` is replaced by the variable's value (a list joined with ", ",
 * an unset variable by nothing, the line breaks of an answer typed over
 * several lines by " / "); `{{` and `}}` stand for braces. Names may
 * be qualified by a called dialogue's id (`{decouverte.attentes}`). A lone
 * brace or an empty or malformed name is a load-time error, found by
 * render_scan, so that rendering at run time cannot fail.
 */
#ifndef TANDEM_RENDER_H
#define TANDEM_RENDER_H

#include <stdbool.h>
#include <stddef.h>

#include "value.h"

/*
 * Calls fn for each {name} in text, with the name's bytes and the byte
 * offset of its opening brace. Returns false at the first malformed brace,
 * with *err (heap, in the current language; the caller frees it) and *pos
 * (its byte offset).
 */
bool render_scan(const char *text,
                 void (*fn)(void *ctx, const char *name, size_t len, size_t pos),
                 void *ctx, char **err, size_t *pos);

/* A rendered text stops growing past this many bytes (a file's longest
 * text): a text that names a huge value many times stays bounded. */
enum { RENDER_MAX_BYTES = 1 << 20 };

/*
 * The text with every {name} replaced by lookup(ctx, name) (NULL: unset),
 * then sanitized for a terminal (utf8_sanitize); what passes
 * RENDER_MAX_BYTES is left out. The caller frees it. lookup receives a
 * NUL-terminated name.
 */
char *render(const char *text, const Value *(*lookup)(void *ctx, const char *name),
             void *ctx);

#endif
