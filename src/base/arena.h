/*
 * arena: a bump allocator for data that lives and dies together.
 *
 * A loaded dialogue (its texts, rules, expressions) or a YAML tree is built once,
 * never changed, and freed at once; allocating it from one arena makes the
 * single owner obvious and freeing it one call. Memory is never returned
 * piecemeal.
 */
#ifndef TANDEM_ARENA_H
#define TANDEM_ARENA_H

#include <stddef.h>

typedef struct ArenaChunk ArenaChunk;

typedef struct Arena {
	ArenaChunk *head;
	size_t used;  /* bytes handed out, for reports */
} Arena;

/* A zeroed Arena is empty and ready; arena_free returns it to that state. */
void *arena_alloc(Arena *a, size_t n);        /* aligned, uninitialised */
void *arena_zalloc(Arena *a, size_t n);       /* aligned, zeroed */
char *arena_strndup(Arena *a, const char *s, size_t n);
char *arena_strdup(Arena *a, const char *s);
/* n bytes without alignment, packed like texts. */
char *arena_bytes(Arena *a, size_t n);
void arena_free(Arena *a);

/*
 * Empties the arena but keeps its newest chunk for what comes next: a
 * scratch arena filled and emptied over and over (one dialogue node at a
 * time) stays in the same few pages, already touched and in cache.
 */
void arena_reset(Arena *a);


/*
 * Room for an array that grows in place, such as the nodes of a large
 * dialogue: `size` bytes of address space, zeroed, none of it memory until
 * written, so the array never moves nor copies as it grows. Past its first
 * PAGES_SMALL bytes the kernel is asked for huge pages, as for large
 * chunks: an array that reaches them is large enough that a partly used
 * last page costs little. A speed trick that pays: scripts/bench measured
 * `tandem check` of 100,000 nodes at 1.80-1.86x libyaml with the huge
 * pages and 2.07-2.14x without (13% more time). Exits like xmalloc when no
 * room is left.
 */
enum { PAGES_SMALL = 4 * 1024 * 1024 };
void *pages_reserve(size_t size);
void pages_release(void *p, size_t size);

#define ARENA_NEW(a, T) ((T *)arena_zalloc((a), sizeof(T)))
#define ARENA_ARRAY(a, T, n) ((T *)arena_zalloc((a), sizeof(T) * (n)))

#endif
