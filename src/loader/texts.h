/*
 * texts: the words of a dialogue file that a translator translates, each
 * named by its node id and its field path, read from the file's YAML tree.
 *
 * A name is what `tandem strings` exports and reads back, so it depends
 * on nothing a translation changes: a node's text is `ID` and `say` (or
 * `ask`, `end`, `section`, `coach`, `self`, `again`, `invalid`); a
 * choice's label is `ID` and `choices.KEY` whether the choice is written
 * `KEY: Label` or `KEY: {label: Label}`; list items are numbered from 1
 * (`review.questions.2`, `practice.1.point`). The file's own texts take
 * an id no node can have: `@dialogue` (title, summary, vars.NAME,
 * safety.coach), `@banks` for the inline banks (`BANK.questions.N.text`),
 * `@bank` in a bank file and `@safety` in a safety file. Regular
 * expressions matched on what a person types (`validate`, practice and
 * safety patterns, a question's `when`) are language too: they come
 * marked as such.
 */
#ifndef TANDEM_TEXTS_H
#define TANDEM_TEXTS_H

#include <stdbool.h>

#include "ydoc.h"

/* One text: its names and its scalar in the tree; regex when it is a
 * regular expression. */
typedef void TextFn(void *ctx, const char *id, const char *field, const YNode *v, bool regex);

/* Calls fn for every text of doc (a dialogue, a bank or a safety file),
 * in file order. A value of the wrong shape (a list where a text is
 * expected) is passed over: `tandem check` says what is wrong with it. */
void texts_walk(const YDoc *doc, TextFn *fn, void *ctx);

#endif
