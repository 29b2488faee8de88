/*
 * translation: a dialogue's texts handed to translators, and their
 * translation put back into a copy of the dialogue (`tandem strings`).
 *
 * Each text is named by its node id and field path (texts.h). Out, as CSV
 * (header `id,field,text`) or as a PO file (msgctxt "ID.FIELD", msgid the
 * text, msgstr empty). Back, from either (told apart by the first line: a
 * CSV file starts with its header, `id,`): the copy is the dialogue's own bytes
 * with each translated text's scalar replaced where it stands, from the
 * YAML parser's marks (yemit.h), so that comments, layout, ids, keys and
 * routes stay as they were, byte for byte; only texts change. The copy is
 * read back before it is handed out, and must give every text as meant.
 */
#ifndef TANDEM_TRANSLATION_H
#define TANDEM_TRANSLATION_H

#include <stdbool.h>

#include "diag.h"
#include "util.h"

typedef enum TranslationFormat { TRANSLATION_CSV, TRANSLATION_PO } TranslationFormat;

/*
 * Appends the texts of the dialogue, bank or safety file at path to out,
 * in format, in file order. False (said in d) when it cannot be read.
 */
bool translation_export(const char *path, TranslationFormat format, Buf *out, Diags *d);

/*
 * Appends to out the file at path with the texts of the translation at
 * tpath put in. A name of tpath that names no text of the file is an
 * error at its line; a text the translation leaves out (or leaves empty,
 * or marks fuzzy) keeps its original and is a warning. False, out left
 * as it was, on any error.
 */
bool translation_apply(const char *path, const char *tpath, Buf *out, Diags *d);

#endif
