/* sha256: libsodium's, its digest written as hex. */
#include "sha256.h"

#include <stdlib.h>

void sha256_init(Sha256 *c)
{
	/* Idempotent; libsodium asks for it before any of its functions. */
	if (sodium_init() < 0)
		abort(); /* no libsodium, no digest: nothing sensible to go on with */
	crypto_hash_sha256_init(&c->st);
}

void sha256_update(Sha256 *c, const void *p, size_t n)
{
	crypto_hash_sha256_update(&c->st, p, n);
}

void sha256_hex(Sha256 *c, char hex[65])
{
	unsigned char digest[crypto_hash_sha256_BYTES];
	crypto_hash_sha256_final(&c->st, digest);
	sodium_bin2hex(hex, 65, digest, sizeof(digest));
}
