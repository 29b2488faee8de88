/*
 * jindex: the journal's index: what each session of a client's folder left
 * (its JournalEntry, journal.h), kept in one file of the folder,
 * `.index.yaml`, so that a journal of thousands of sessions is not read
 * whole at every start.
 *
 * The index is derived and never the only copy of anything: each entry
 * comes from its transcript, and stands for it while the file shows the
 * size, modification time and inode it showed when it was read. The
 * signature, a digest of what the folder showed (each transcript's name
 * and stamp, and the changes' log's), tells at once whether the whole
 * index still matches, which is all `tandem clients` needs to trust the
 * summary at its top without reading the sessions under it. Missing,
 * stale or damaged, the index is rebuilt from the transcripts and written
 * anew (a temporary file, fsync'd, then renamed: a crash leaves the old
 * index or the new one, and either is checked before use).
 *
 * The index holds the client's words (commitments, scale questions), so
 * it is written 0600 in the client's folder, like the transcripts.
 */
#ifndef TANDEM_JINDEX_H
#define TANDEM_JINDEX_H

#include <stdbool.h>
#include <stddef.h>

#include "journal.h"
#include "map.h"

/* The index's file name in a client's folder: a leading dot, so that no
 * transcript listing counts it. */
#define JINDEX_FILE ".index.yaml"

/* A signature's size: 16 hex digits and the NUL. */
enum { JINDEX_SIGNATURE = 17 };

/* One transcript of a folder as the folder shows it. */
typedef struct Listed {
	char *name;
	FileStamp stamp;
} Listed;

/* A folder's transcripts, by name, and the signature of what it shows. */
typedef struct Listing {
	const char *folder;     /* as given, not owned */
	Listed *v;
	size_t n;
	char signature[JINDEX_SIGNATURE];
} Listing;

/* Lists folder's transcripts (regular files named *.yaml, not hidden;
 * links are not followed). False with errno set when it cannot be read. */
bool listing_read(Listing *l, const char *folder);
void listing_free(Listing *l);

/* An index as read: its entries, found by file name. */
typedef struct JIndex {
	char signature[JINDEX_SIGNATURE];  /* "" when there was no usable index */
	JournalEntry *v;
	size_t n;
	Map names;              /* file name: position in v */
} JIndex;

/* Reads folder's index into ix. False when it is missing or damaged (ix is
 * then empty, and may be freed). */
bool jindex_read(JIndex *ix, const char *folder);

/* Moves the entry of the file `name` into *out when the index has one for
 * the file as stamped. */
bool jindex_take(JIndex *ix, const char *name, const FileStamp *stamp, JournalEntry *out);
void jindex_free(JIndex *ix);

/* Writes folder's index for journal j and the folder's signature. An index
 * that cannot be written is left as it was (the next read tries again):
 * false with errno set. */
bool jindex_write(const char *folder, const char *signature, const Journal *j);

/* The summary at the top of folder's index, when the index has the given
 * signature; false (s untouched) otherwise. */
bool jindex_summary(const char *folder, const char *signature, JournalSummary *s);

/* Removes folder's index; true when it is gone (or never was). */
bool jindex_remove(const char *folder);

#endif
