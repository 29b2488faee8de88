/*
 * map: the one string-keyed table of tandem.
 *
 * A Map numbers the distinct keys it is given, 0, 1, 2... in the order
 * they first came, and finds a key's number again. A set of names is a Map
 * alone; a table of values is a Map beside an array indexed by those
 * numbers (a session's variables, a dialogue's node index, the checker's
 * types, the patterns a dialogue compiled). So one implementation serves
 * them all, and iterating is walking 0..n-1 in first-added order.
 *
 * The Map keeps its own copy of each key, in an arena, so its keys live as
 * long as it does. A zeroed Map is empty and ready.
 */
#ifndef TANDEM_MAP_H
#define TANDEM_MAP_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"

typedef struct Map {
	Arena text;          /* the keys' bytes */
	const char **keys;   /* n keys, in first-added order */
	unsigned *hashes;
	size_t n, cap;
	size_t *slots;       /* open addressing: a key's number + 1, 0 when free */
	size_t nslots;       /* a power of two, at least twice n; 0 before any key */
} Map;

/* Returned by map_find for a key that is not there. */
enum { MAP_NONE = -1 };

/* The number of key, or MAP_NONE. */
long map_find(const Map *m, const char *key);

/* The number of key, added if it was not there; *added (if not NULL) says
 * whether it was. */
size_t map_add(Map *m, const char *key, bool *added);

/* Empties m but keeps its memory, for a table filled over and over. */
void map_clear(Map *m);

void map_free(Map *m);

static inline size_t map_count(const Map *m)
{
	return m->n;
}

static inline const char *map_key(const Map *m, size_t i)
{
	return m->keys[i];
}

#endif
