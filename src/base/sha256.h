/*
 * sha256: the digest a transcript records of the dialogue it ran, so that a
 * resumed session can tell whether the dialogue changed in between.
 */
#ifndef TANDEM_SHA256_H
#define TANDEM_SHA256_H

#include <stddef.h>
#include <stdint.h>

typedef struct Sha256 {
	uint32_t h[8];
	uint64_t len;
	unsigned char block[64];
	size_t fill;
} Sha256;

void sha256_init(Sha256 *c);
void sha256_update(Sha256 *c, const void *p, size_t n);
/* Writes 64 lowercase hex digits and a NUL into hex. */
void sha256_hex(Sha256 *c, char hex[65]);

#endif
