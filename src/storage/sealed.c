/*
 * sealed: chunks under crypto_secretstream_xchacha20poly1305.
 *
 * Every stream begins with an empty chunk, sealed as the others: opening
 * it proves the key is the one the file was sealed with, before anything
 * is appended under a wrong one (a header alone would open under any).
 */
#include "sealed.h"

#include <sodium.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef crypto_secretstream_xchacha20poly1305_state State;

struct Sealed {
	State *st;           /* sodium_malloc'd: locked, wiped when freed */
};

enum {
	HEADER = crypto_secretstream_xchacha20poly1305_HEADERBYTES,
	ABYTES = crypto_secretstream_xchacha20poly1305_ABYTES,
	LENGTH = 4,          /* a chunk's length, big-endian */
	MAX_CHUNK = 64 << 20 /* a turn is bounded well below (a line is 1 MiB) */
};

bool sealed_is(const char *data, size_t len)
{
	size_t m = strlen(SEALED_MAGIC);
	return len >= m && memcmp(data, SEALED_MAGIC, m) == 0;
}

static Sealed *sealed_new(void)
{
	Sealed *s = xcalloc(1, sizeof(*s));
	s->st = sodium_malloc(sizeof(State));
	if (!s->st) {
		free(s);
		return NULL;
	}
	return s;
}

void sealed_free(Sealed *s)
{
	if (!s)
		return;
	sodium_free(s->st);
	free(s);
}

void sealed_push(Sealed *s, const void *plain, size_t n, Buf *out)
{
	size_t clen = n + ABYTES;
	unsigned char len[LENGTH] = { (unsigned char)(clen >> 24), (unsigned char)(clen >> 16),
		                      (unsigned char)(clen >> 8), (unsigned char)clen };
	buf_add(out, len, LENGTH);
	/* Sealed straight into out's room: a turn is sealed with no copy. */
	GROW(out->data, out->cap, out->len + clen + 1);
	unsigned char *c = (unsigned char *)out->data + out->len;
	crypto_secretstream_xchacha20poly1305_push(s->st, c, NULL, plain, n, NULL, 0,
	                                           crypto_secretstream_xchacha20poly1305_TAG_MESSAGE);
	out->len += clen;
	out->data[out->len] = '\0';
}

Sealed *sealed_start(const Key *k, Buf *out)
{
	Sealed *s = sealed_new();
	if (!s)
		return NULL;
	unsigned char header[HEADER];
	crypto_secretstream_xchacha20poly1305_init_push(s->st, header, key_bytes(k));
	buf_adds(out, SEALED_MAGIC);
	buf_add(out, header, HEADER);
	sealed_push(s, "", 0, out); /* the key check */
	return s;
}

/* The next chunk at data[*at..len) opened into u->plain; false when the
 * file ends inside it (torn) or it fails its tag (refused). */
static bool pull(Sealed *s, const unsigned char *data, size_t len, size_t *at, Unsealed *u)
{
	if (len - *at < LENGTH)
		return u->torn = len > *at, false;
	const unsigned char *p = data + *at;
	size_t clen = (size_t)p[0] << 24 | (size_t)p[1] << 16 | (size_t)p[2] << 8 | p[3];
	if (clen < ABYTES || clen > MAX_CHUNK)
		return u->refused = true, false;
	if (len - *at - LENGTH < clen)
		return u->torn = true, false;
	unsigned char *m = xmalloc(clen - ABYTES + 1);
	unsigned char tag;
	bool ok = crypto_secretstream_xchacha20poly1305_pull(s->st, m, NULL, &tag, p + LENGTH, clen,
	                                                     NULL, 0) == 0 &&
	          tag == crypto_secretstream_xchacha20poly1305_TAG_MESSAGE;
	if (ok) {
		buf_add(&u->plain, m, clen - ABYTES);
		*at += LENGTH + clen;
	} else {
		u->refused = true;
	}
	sodium_memzero(m, clen - ABYTES);
	free(m);
	return ok;
}

Sealed *sealed_open(const Key *k, const char *data, size_t len, Unsealed *u)
{
	memset(u, 0, sizeof(*u));
	size_t m = strlen(SEALED_MAGIC);
	if (!sealed_is(data, len) || len < m + HEADER)
		return NULL;
	Sealed *s = sealed_new();
	const unsigned char *bytes = (const unsigned char *)data;
	if (!s || crypto_secretstream_xchacha20poly1305_init_pull(s->st, bytes + m, key_bytes(k)) != 0) {
		sealed_free(s);
		return NULL;
	}
	size_t at = m + HEADER;
	if (!pull(s, bytes, len, &at, u)) { /* the key check: another key, or no chunk yet */
		sealed_free(s);
		return NULL;
	}
	while (pull(s, bytes, len, &at, u))
		u->chunks++;
	u->whole = at;
	return s;
}
