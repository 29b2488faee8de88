/*
 * vault: the coach's key for this process, and the files sealed with it.
 *
 * Once a key exists (`tandem key init`), whatever tandem writes about a
 * client is sealed (sealed.h): a new transcript, a transcript written anew
 * (a /back, a resume), a client's index and log of changes. Plain files
 * still read as before. The key is unlocked once per process, on first
 * need, with the passphrase the front end asks for (vault_set_ask), and
 * held until the process ends; a failure is kept too, so that the coach is
 * asked once and told once.
 */
#ifndef TANDEM_VAULT_H
#define TANDEM_VAULT_H

#include <stdbool.h>
#include <stddef.h>

#include "key.h"
#include "sealed.h"
#include "util.h"

/* Asks for the passphrase: a string libsodium allocated (sodium_malloc),
 * which the vault wipes and frees, or NULL when none could be had (the
 * asker said why). */
typedef char *VaultAsk(void);

/* Who asks for the passphrase; without one, only TANDEM_PASSPHRASE. */
void vault_set_ask(VaultAsk *ask);

/* Whether a key exists, so that what is written is sealed. */
bool vault_on(void);

/* The key, unlocked at its first call; NULL with *err (heap) saying why,
 * the same at every call, and *why (if not NULL) as key.h's KeyError. */
const Key *vault_key(KeyError *why, char **err);

/* A file's bytes, opened: the plain bytes (data itself, copied, when the
 * file is plain), and what reading a sealed one found. */
typedef struct VaultFile {
	char *data;          /* heap, NUL-terminated past len */
	size_t len;
	bool sealed;         /* it was sealed */
	bool torn;           /* sealed, and ended inside a chunk: dropped */
	bool refused;        /* sealed, and a chunk failed its tag: it and all after dropped */
	size_t chunks;       /* sealed: the whole chunks read (the key check aside) */
	size_t whole;        /* sealed: bytes of the file they take */
} VaultFile;

/*
 * data[0..len), the bytes of the file name, opened into *f. False with
 * *err (heap, naming the file) when it is sealed and cannot be: no key,
 * the key locked, or another key's file. When stream is not NULL and the
 * file is sealed, *stream is left ready to append after its whole chunks.
 */
bool vault_open(const char *name, const char *data, size_t len, VaultFile *f, Sealed **stream,
                char **err);

void vault_file_free(VaultFile *f);

/* Whether the file open at fd, or at path, begins as a sealed one. */
bool vault_sealed_fd(int fd);
bool vault_sealed_path(const char *path);

/* Whether the file at path is sealed while this machine has no key to
 * open it; *err (heap, naming it) then says so. A journal holding one is
 * not to be read as if the file were not there: its sessions would be left
 * out, and what is written next would be plain beside sealed files. */
bool vault_missing(const char *path, char **err);

/* The file at path (no symlink; at most limit bytes) read and opened into
 * *f. False with *err (heap, naming the file) when it cannot be read, is
 * larger, or is sealed and cannot be opened; errno then 0 for the last. */
bool vault_read(const char *path, size_t limit, VaultFile *f, char **err);

/* A new stream under the key (its beginning appended to out); NULL with
 * *err (heap) when the key cannot be had. */
Sealed *vault_start(Buf *out, char **err);

/* plain[0..n) sealed whole, a stream of one chunk, appended to out. */
bool vault_seal(const void *plain, size_t n, Buf *out, char **err);

/* Wipes the key (at the end of the process; the next vault_key unlocks
 * anew). */
void vault_close(void);

#endif
