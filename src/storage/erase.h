/*
 * erase: a client's folder erased, at the client's request (their right
 * to erasure) or once their retention period is past (retention.h).
 *
 * Everything the folder holds goes: the transcripts, the index, the
 * changes' log, the lock, whatever a crash left behind; then the folder.
 * The folder's lock (jlock.h) is taken first and held to the end, so that
 * a session running for the client is never erased from under it: the
 * erasure is refused, and nothing changes.
 *
 * Each file goes whole, by unlink(2), the derived index first and the lock
 * last; the folder is synced once they are gone, then removed, and its
 * parent synced. A crash part-way leaves some files gone and the others as
 * they were, never a transcript cut short, and erasing again finishes the
 * job. A folder found inside the client's folder is none of tandem's
 * making: it is refused before anything is removed.
 *
 * unlink frees the blocks without overwriting them. Overwriting would not
 * be erasure either, on an SSD (whose controller writes elsewhere) or a
 * copy-on-write filesystem: what erases for certain is encryption whose
 * key is destroyed.
 */
#ifndef TANDEM_ERASE_H
#define TANDEM_ERASE_H

#include <stddef.h>

typedef enum EraseResult {
	ERASE_DONE,      /* the folder and all it held are gone */
	ERASE_BUSY,      /* a session holds the folder: nothing was removed */
	ERASE_REFUSED,   /* it holds a folder, or cannot be read or locked:
	                    nothing was removed */
	ERASE_FAILED,    /* a removal failed part-way: some files may be gone */
} EraseResult;

/* Erases folder. *files: how many files were removed (the lock among
 * them). Unless ERASE_DONE, *why is a heap sentence for the coach, naming
 * the file and the reason (for ERASE_BUSY, who holds the folder). */
EraseResult erase_folder(const char *folder, size_t *files, char **why);

#endif
