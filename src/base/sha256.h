/*
 * sha256: the digest a transcript records of the dialogue it ran, so that a
 * resumed session can tell whether the dialogue changed in between.
 * libsodium's SHA-256 (crypto_hash_sha256), with its digest as hex.
 */
#ifndef TANDEM_SHA256_H
#define TANDEM_SHA256_H

#include <sodium.h>
#include <stddef.h>

typedef struct Sha256 {
	crypto_hash_sha256_state st;
} Sha256;

void sha256_init(Sha256 *c);
void sha256_update(Sha256 *c, const void *p, size_t n);
/* Writes 64 lowercase hex digits and a NUL into hex. */
void sha256_hex(Sha256 *c, char hex[65]);

#endif
