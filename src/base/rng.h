/*
 * rng: a small seeded random source (splitmix64) for what tandem draws
 * outside a session: the answers `tandem walk` gives. The same seed gives
 * the same sequence on every platform, which rand() does not promise, so
 * that a walk is replayed exactly with its --seed.
 */
#ifndef TANDEM_RNG_H
#define TANDEM_RNG_H

#include <stddef.h>
#include <stdint.h>

typedef struct Rng {
	uint64_t state;
} Rng;

static inline uint64_t rng_next(Rng *r)
{
	uint64_t z = (r->state += 0x9e3779b97f4a7c15ull);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

/* A number in [0, n); 0 when n is 0. */
static inline size_t rng_below(Rng *r, size_t n)
{
	return n ? (size_t)(rng_next(r) % n) : 0;
}

#endif
