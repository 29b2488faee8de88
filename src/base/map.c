/*
 * map: insertion-ordered keys, found through an open-addressing index of
 * key numbers plus one. Keys are never removed one by one, so no
 * tombstones are needed; the index is kept at most half full so that
 * probes stay short.
 */
#include "map.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

/* The slot holding key (hash h), or the free slot where it would go. */
static size_t slot_of(const Map *m, const char *key, unsigned h)
{
	size_t mask = m->nslots - 1;
	for (size_t i = h & mask;; i = (i + 1) & mask) {
		size_t e = m->slots[i];
		if (e == 0 || (m->hashes[e - 1] == h && str_eq(m->keys[e - 1], key)))
			return i;
	}
}

static unsigned hash_of(const char *key)
{
	return (unsigned)hash_bytes(key, strlen(key));
}

long map_find(const Map *m, const char *key)
{
	if (m->nslots == 0)
		return MAP_NONE;
	size_t e = m->slots[slot_of(m, key, hash_of(key))];
	return e ? (long)e - 1 : MAP_NONE;
}

static void rehash(Map *m)
{
	free(m->slots);
	m->nslots = m->nslots ? m->nslots * 2 : 16;
	m->slots = xcalloc(m->nslots, sizeof(size_t));
	for (size_t i = 0; i < m->n; i++)
		m->slots[slot_of(m, m->keys[i], m->hashes[i])] = i + 1;
}

size_t map_add(Map *m, const char *key, bool *added)
{
	if ((m->n + 1) * 2 > m->nslots)
		rehash(m);
	unsigned h = hash_of(key);
	size_t slot = slot_of(m, key, h);
	if (added)
		*added = m->slots[slot] == 0;
	if (m->slots[slot])
		return m->slots[slot] - 1;
	if (m->n == m->cap) {
		m->cap = m->cap ? m->cap * 2 : 16;
		m->keys = xrealloc(m->keys, m->cap * sizeof(*m->keys));
		m->hashes = xrealloc(m->hashes, m->cap * sizeof(*m->hashes));
	}
	m->keys[m->n] = arena_strdup(&m->text, key);
	m->hashes[m->n] = h;
	m->slots[slot] = ++m->n;
	return m->n - 1;
}

void map_clear(Map *m)
{
	if (m->n == 0)
		return;
	/* A table that grew large once is given back rather than cleared
	 * whole for every few keys after. */
	if (m->nslots > 64) {
		free(m->slots);
		m->slots = NULL;
		m->nslots = 0;
	} else {
		memset(m->slots, 0, m->nslots * sizeof(size_t));
	}
	arena_reset(&m->text);
	m->n = 0;
}

void map_free(Map *m)
{
	arena_free(&m->text);
	free(m->keys);
	free(m->hashes);
	free(m->slots);
	memset(m, 0, sizeof(*m));
}
