/*
 * arena: bump allocation in chunks, freed all at once.
 *
 * Chunks double in size, so that a large dialogue needs few. Small chunks
 * come from malloc; from MAPPED_CHUNK on, a chunk is mapped on its own,
 * aligned to and sized in 2 MiB pages, and the kernel is asked to back it
 * with huge pages: building a large dialogue touches tens of megabytes
 * once, and one fault per 2 MiB instead of one per 4 KiB is most of what
 * allocating it costs. Smaller chunks stay in small pages: a huge page is
 * resident whole as soon as it is touched, which a dialogue of a few
 * megabytes would pay for in memory more than it gains in time.
 *
 * Small pages are still faulted in one at a time, and a fault costs more
 * than filling the page it brings: so the pages of a chunk of POPULATE_MIN
 * bytes or more are asked for ahead of use, POPULATE_STEP bytes in one
 * madvise call (MADV_POPULATE_WRITE, Linux 5.14; elsewhere the advice
 * fails and faults do the work as ever). At most one step of the newest
 * chunk is populated and not used; smaller chunks, which a small dialogue
 * may leave half empty, are not populated at all.
 *
 * Both are speed tricks, kept because scripts/bench shows them worth it:
 * `tandem check` of 100,000 nodes measured 1.83x libyaml's bare parse with
 * them and 2.20x with plain malloc'd chunks (20% more time) on this
 * project's paravirtualised machines. Without them this file would be a
 * third of its length.
 */
#include "arena.h"

#include <stdalign.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "util.h"

struct ArenaChunk {
	ArenaChunk *next;
	size_t size, used;
	size_t ready;        /* bytes of data populated ahead of use */
	size_t mapped;       /* bytes of the mapping holding the chunk; 0: malloc'd */
	alignas(max_align_t) unsigned char data[];
};

enum {
	POPULATE_STEP = 64 * 1024,
	POPULATE_MIN = 256 * 1024,
	PAGE = 4096,
	CHUNK_MIN = 64 * 1024,
	HUGE_CHUNK = 2 * 1024 * 1024,
	MAPPED_CHUNK = 8 * 1024 * 1024,
	CHUNK_MAX = 32 * 1024 * 1024,
};

/* A mapping of `total` bytes (a multiple of HUGE_CHUNK) aligned on
 * HUGE_CHUNK, huge pages asked for from byte `small` on (a multiple of
 * HUGE_CHUNK), or NULL. */
static void *map_aligned(size_t total, size_t small)
{
	size_t span = total + HUGE_CHUNK;
	unsigned char *p = mmap(NULL, span, PROT_READ | PROT_WRITE,
	                        MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		return NULL;
	size_t head = (HUGE_CHUNK - (uintptr_t)p % HUGE_CHUNK) % HUGE_CHUNK;
	if (head)
		munmap(p, head);
	if (span - head > total)
		munmap(p + head + total, span - head - total);
	p += head;
#ifdef MADV_HUGEPAGE
	if (small < total)  /* advice only: ignored if unsupported */
		madvise(p + small, total - small, MADV_HUGEPAGE);
#endif
	return p;
}

static void pages_populate(void *p, size_t n);

/* A chunk able to hold at least `need` bytes, `want` if it is larger. */
static ArenaChunk *chunk_new(size_t want, size_t need)
{
	size_t size = want > need ? want : need;
	size_t head = offsetof(ArenaChunk, data);
	ArenaChunk *c = NULL;
	size_t total = 0;
	if (size >= MAPPED_CHUNK && size <= SIZE_MAX - head - HUGE_CHUNK) {
		total = (size + head + HUGE_CHUNK - 1) / HUGE_CHUNK * HUGE_CHUNK;
		c = map_aligned(total, 0);
	}
	if (c) {
		c->size = total - head;
		c->mapped = total;
	} else {
		c = xmalloc(head + size);
		c->size = size;
		c->mapped = 0;
	}
	c->used = 0;
	c->ready = c->size < POPULATE_MIN ? c->size : 0;
	return c;
}

static void chunk_free(ArenaChunk *c)
{
	if (c->mapped)
		munmap(c, c->mapped);
	else
		free(c);
}

/* Room in chunk c for n bytes aligned on align, its alignment made. */
static bool fits(ArenaChunk *c, size_t n, size_t align)
{
	if (!c)
		return false;
	c->used = (c->used + align - 1) & ~(align - 1);
	return c->used <= c->size && c->size - c->used >= n;
}

/* bump when the head chunk has no populated room left: a new chunk, or
 * more pages. Kept out of line, so that bump itself stays a few
 * instructions, with no registers to save. */
static void *bump_slow(Arena *a, size_t n, size_t align)
{
	ArenaChunk *c = a->head;
	if (!fits(c, n, align)) {
		size_t want = CHUNK_MIN;
		if (c)
			want = c->size < CHUNK_MAX / 2 ? c->size * 2 : CHUNK_MAX;
		ArenaChunk *fresh = chunk_new(want, n);
		if (c && c->size - c->used >= CHUNK_MIN / 4 && n > want / 2) {
			/* A block too big for the head while the head still has
			 * room: it gets a chunk of its own, behind the head, which
			 * goes on serving smaller requests. */
			fresh->next = c->next;
			c->next = fresh;
			c = fresh;
		} else {
			fresh->next = c;
			a->head = c = fresh;
		}
	}
	void *p = c->data + c->used;
	c->used += n;
	a->used += n;
	if (c->used > c->ready) {
		size_t end = c->used + POPULATE_STEP;
		end = end < c->size ? end : c->size;
		pages_populate(c->data + c->ready, end - c->ready);
		c->ready = end;
	}
	return p;
}

static inline void *bump(Arena *a, size_t n, size_t align)
{
	ArenaChunk *c = a->head;
	if (c) {
		size_t at = (c->used + align - 1) & ~(align - 1);
		if (at <= c->ready && c->ready - at >= n) {
			c->used = at + n;
			a->used += n;
			return c->data + at;
		}
	}
	return bump_slow(a, n, align);
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

char *arena_bytes(Arena *a, size_t n)
{
	return bump(a, n, 1);
}

char *arena_strdup(Arena *a, const char *s)
{
	return arena_strndup(a, s, strlen(s));
}

/* Frees c and every chunk after it. */
static void free_chain(ArenaChunk *c)
{
	while (c) {
		ArenaChunk *next = c->next;
		chunk_free(c);
		c = next;
	}
}

void arena_free(Arena *a)
{
	free_chain(a->head);
	a->head = NULL;
	a->used = 0;
}

static size_t huge_multiple(size_t size)
{
	return (size + HUGE_CHUNK - 1) / HUGE_CHUNK * HUGE_CHUNK;
}

/* Asks the kernel to back the pages of [p, p + n) now, in one call, rather
 * than with a fault at each first write. Where the headers do not know the
 * advice (before Linux 5.14), the faults do the work as ever. */
static void pages_populate(void *p, size_t n)
{
#ifdef MADV_POPULATE_WRITE
	uintptr_t start = (uintptr_t)p & ~(uintptr_t)(PAGE - 1);
	uintptr_t end = ((uintptr_t)p + n + PAGE - 1) & ~(uintptr_t)(PAGE - 1);
	if (n)
		madvise((void *)start, end - start, MADV_POPULATE_WRITE);  /* advice only */
#else
	(void)p, (void)n;
#endif
}

void *pages_reserve(size_t size)
{
	if (size > SIZE_MAX - 2 * HUGE_CHUNK)
		out_of_memory(size);
	void *p = map_aligned(huge_multiple(size), huge_multiple(PAGES_SMALL));
	if (!p)
		out_of_memory(size);
	return p;
}

void pages_release(void *p, size_t size)
{
	if (p)
		munmap(p, huge_multiple(size));
}

void arena_reset(Arena *a)
{
	ArenaChunk *keep = a->head;
	if (!keep)
		return;
	free_chain(keep->next);
	keep->next = NULL;
	keep->used = 0;
	a->used = 0;
}
