/*
 * sealed: a file of authenticated chunks under the coach's key, the form
 * an encrypted transcript will take (one chunk per turn, appended and
 * fsync'd as the plain file is today). Not yet used by the transcripts:
 * this is the format and its reader and writer, tested on their own.
 *
 * Layout: the line "tandem-sealed: 1\n" (so that a person or a tool that
 * meets the file knows what it is), libsodium's secretstream header, then
 * chunks, each a 4-byte big-endian length and that many bytes of
 * crypto_secretstream_xchacha20poly1305 ciphertext. The stream's state
 * moves on with every chunk, so a chunk altered, cut short, moved, or
 * taken from another file fails its tag, and everything before it is
 * still read. Reading a file leaves the state where the last whole chunk
 * left it, so that a resumed session goes on appending to the same stream.
 */
#ifndef TANDEM_SEALED_H
#define TANDEM_SEALED_H

#include <stdbool.h>
#include <stddef.h>

#include "key.h"
#include "util.h"

#define SEALED_MAGIC "tandem-sealed: 1\n"

typedef struct Sealed Sealed;

/* Whether the bytes begin as a sealed file does. */
bool sealed_is(const char *data, size_t len);

/* A new stream under k: its magic line and header appended to out. NULL
 * when memory is short. */
Sealed *sealed_start(const Key *k, Buf *out);

/* Appends plain[0..n) to out as the next chunk. */
void sealed_push(Sealed *s, const void *plain, size_t n, Buf *out);

/* What reading a sealed file found. */
typedef struct Unsealed {
	Buf plain;        /* the whole chunks' bytes, in order */
	size_t chunks;    /* how many */
	size_t whole;     /* bytes of the file they take: the rest is dropped */
	bool torn;        /* the file ends inside a chunk (a crash while writing) */
	bool refused;     /* a chunk failed its tag: altered, moved, or another
	                     file's; it and all after it are dropped */
} Unsealed;

/*
 * Reads data[0..len) under k into *u. NULL when it is no sealed file or
 * its header is cut short, or when the key is not the one it was sealed
 * with and not even its first chunk opens (u->refused then); else the
 * stream, ready to append after its whole chunks. u->plain is the
 * caller's to free (buf_free) either way.
 */
Sealed *sealed_open(const Key *k, const char *data, size_t len, Unsealed *u);

/* Wipes and frees the stream's state. NULL is allowed. */
void sealed_free(Sealed *s);

#endif
