/*
 * export: everything a client's folder keeps, as one JSON document: the
 * client's right to see what is kept about them and to take it away
 * (`tandem export`). The one module that knows jansson.
 *
 * The document (docs/export.schema.json, JSON Schema 2020-12, is its
 * contract) holds the client's name, each session in start order (its
 * dialogue, mode, status, start, end, duration and pauses, every turn's
 * question and answer, the answers map, the commitments made, the
 * reviews), the changes recorded between sessions (commitments.log) and
 * the scale answers. Coach notes are the coach's, not the client's: they
 * are in it only when asked for. A file of the folder tandem cannot read is
 * named in `unreadable`, so that the document never passes for whole when
 * it is not.
 *
 * Texts are UTF-8 as typed. JSON escapes the control characters below
 * U+0020; the document also writes DEL, the C1 controls and the bidi
 * embeddings, overrides and isolates as \u escapes, so that showing it on
 * a terminal shows what it holds: the texts a parser reads are the same.
 *
 * It reads and never writes: not even the index is rebuilt.
 */
#ifndef TANDEM_EXPORT_H
#define TANDEM_EXPORT_H

#include <stdbool.h>

#include "diag.h"

/* The export's format version, `tandem-export` in the document. */
enum { EXPORT_VERSION = 1 };

/*
 * The document of folder's journal, whose client is named client, with
 * the coach notes when notes is true, ending with a newline (heap string).
 * A transcript or log that cannot be read is named in the document and
 * warned of in d (naming the file, never quoting it). NULL with *err (heap)
 * when the folder cannot be read (errno says why), or a file of it is
 * sealed and this machine has no key (vault_missing; errno 0).
 */
char *export_journal(const char *folder, const char *client, bool notes, Diags *d,
                     char **err);

#endif
