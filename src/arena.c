/* arena: bump allocation in chunks, freed all at once. */
#include "arena.h"

#include <stdalign.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

struct ArenaChunk {
	ArenaChunk *next;
	size_t size, used;
	alignas(max_align_t) unsigned char data[];
};

enum { CHUNK_MIN = 64 * 1024 };

static void *bump(Arena *a, size_t n, size_t align)
{
	ArenaChunk *c = a->head;
	if (c)
		c->used = (c->used + align - 1) & ~(align - 1);
	if (!c || c->used > c->size || c->size - c->used < n) {
		/* Chunks grow with the arena so that large dialogues need few. */
		size_t size = CHUNK_MIN;
		if (c && c->size < 16 * 1024 * 1024)
			size = c->size * 2;
		else if (c)
			size = c->size;
		if (size < n)
			size = n;
		ArenaChunk *fresh = xmalloc(sizeof(*fresh) + size);
		fresh->size = size;
		fresh->used = 0;
		fresh->next = c;
		a->head = c = fresh;
	}
	void *p = c->data + c->used;
	c->used += n;
	a->used += n;
	return p;
}

void *arena_alloc(Arena *a, size_t n)
{
	return bump(a, n, alignof(max_align_t));
}

void *arena_zalloc(Arena *a, size_t n)
{
	void *p = arena_alloc(a, n);
	memset(p, 0, n);
	return p;
}

char *arena_strndup(Arena *a, const char *s, size_t n)
{
	/* Texts need no alignment; packing them keeps large dialogues small. */
	char *p = bump(a, n + 1, 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *arena_strdup(Arena *a, const char *s)
{
	return arena_strndup(a, s, strlen(s));
}

void arena_free(Arena *a)
{
	ArenaChunk *c = a->head;
	while (c) {
		ArenaChunk *next = c->next;
		free(c);
		c = next;
	}
	a->head = NULL;
	a->used = 0;
}
