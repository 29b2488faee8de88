/*
 * dot: a dialogue drawn as a Graphviz graph (DOT), for `tandem graph`.
 *
 * Sections become clusters, node kinds shapes, routes (routes.h) edges
 * labelled with their choice key or condition; a `call` leads to a node
 * standing for the other dialogue, a `pick` to one naming its bank and
 * tags; the nodes never reached and those from which the session can
 * never complete are drawn red and dashed, and say so. The text is the
 * same for the same dialogue, byte for byte: nodes in file order, routes
 * in the order the interpreter tries them, no address, no time.
 * docs/authoring.md lists the shapes.
 */
#ifndef TANDEM_DOT_H
#define TANDEM_DOT_H

#include "dialogue.h"
#include "util.h"

/* Appends d as a DOT digraph to out. */
void dot_write(Buf *out, const Dialogue *d);

/* Appends s to out as a DOT quoted string, quotes included: control
 * characters and escapes removed (utf8_sanitize), `"` and `\` escaped,
 * a newline as \n, `&` as &amp; (Graphviz reads entities in labels). */
void dot_quote(Buf *out, const char *s);

#endif
