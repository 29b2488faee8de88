/*
 * po: GNU gettext's PO files, the few parts a translation of a dialogue
 * uses: a header entry, then entries of a context (msgctxt), an original
 * (msgid) and a translation (msgstr), with `#.` comments for translators
 * and `#:` references.
 *
 * Written and read here rather than with libgettextpo (Debian's
 * libgettextpo-dev): its reader does not tell on which line of the PO file
 * each message stands, and an unknown context must be reported at its
 * line; its writer writes to a named file, not to tandem's output. What is
 * written follows msgcat's conventions (a string holding line breaks is
 * split after each, its first line ""), and the reader takes what the
 * gettext tools write: continued strings, every escape of C, `#,
 * fuzzy` (a fuzzy translation is no translation, as for msgfmt), obsolete
 * `#~` entries (ignored).
 */
#ifndef TANDEM_PO_H
#define TANDEM_PO_H

#include <stdbool.h>
#include <stddef.h>

#include "util.h"

/* Appends `keyword "s"` (split as msgcat does) and a line feed. */
void po_string(Buf *out, const char *keyword, const char *s);

/* One entry read, its strings unescaped (heap, NULL when absent). */
typedef struct PoEntry {
	char *msgctxt, *msgid, *msgstr;
	size_t line;         /* of its first keyword */
	bool fuzzy;
	bool plural;         /* msgid_plural or msgstr[N]: not a form tandem writes */
} PoEntry;

void po_entry_free(PoEntry *e);

/*
 * A reader over s[0..len), which must outlive it. po_next reads the next
 * entry (the header entry too) into *e, freed and refilled each call: 1
 * for an entry, 0 at the end, -1 for a malformed line with *err a static
 * message and *line its number.
 */
typedef struct PoReader {
	const char *s;
	size_t len, pos, line;
} PoReader;

void po_reader_init(PoReader *rd, const char *s, size_t len);
int po_next(PoReader *rd, PoEntry *e, const char **err, size_t *line);

#endif
