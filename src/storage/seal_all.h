/*
 * seal_all: a client's folder of the journal sealed in place, for `tandem
 * key encrypt-all`: the journal kept before the coach had a key, brought
 * under it.
 *
 * The files sealed are those that hold the client's words: the
 * transcripts (the folder's *.yaml, as the listing counts them), the index
 * and the log of changes. Each is read, sealed whole (vault_seal), the
 * sealed bytes opened again and compared with the plain ones, then put in
 * place of the plain file by file_replace (a temporary file beside it,
 * fsync'd, renamed over it). So a kill at any point leaves each file
 * either plain, byte for byte as it was, or sealed and opening to those
 * same bytes; the folder is fsync'd once at the end. A file already sealed
 * is left alone, so that running it again only finishes what a stopped
 * run began; so is an empty one, which holds nothing.
 *
 * A stopped file_replace leaves its temporary file behind (FILE.PID-N.tmp),
 * which may hold plain words of the client (an index written before the
 * key existed): those beside the files above, and only names made exactly
 * so, are removed before anything is sealed.
 *
 * The folder's lock (jlock.h) is held throughout, so that no session runs
 * on a folder being sealed; a transcript held open by a writer (its flock:
 * a resume, or a session of .unfiled, which takes no folder lock) is
 * refused the same way.
 */
#ifndef TANDEM_SEAL_ALL_H
#define TANDEM_SEAL_ALL_H

#include <stdbool.h>
#include <stddef.h>

typedef enum SealAllResult {
	SEAL_ALL_DONE,    /* every file of the folder is sealed */
	SEAL_ALL_BUSY,    /* a session holds the folder or a transcript of it:
	                     what was sealed before stays so, the rest as it was */
	SEAL_ALL_FAILED,  /* a file could not be read, sealed or put in place:
	                     the same */
} SealAllResult;

typedef struct SealAllCount {
	size_t sealed;    /* files sealed by this call */
	size_t already;   /* files found sealed */
	size_t temps;     /* temporary files a stopped write left, removed */
} SealAllCount;

/* Seals folder's plain files (the key must be unlockable: vault.h).
 * Unless SEAL_ALL_DONE, *why is a heap sentence for the coach naming the
 * file and the reason (for SEAL_ALL_BUSY, who holds the folder). */
SealAllResult seal_all_folder(const char *folder, SealAllCount *n, char **why);

/* Whether name is a temporary file file_replace made for a transcript,
 * the index or the log of changes of a folder: NAME.PID-N.tmp. */
bool seal_all_is_temp(const char *name);

#endif
