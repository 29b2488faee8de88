/*
 * util: the allocation funnel, growable byte buffers and small string helpers.
 *
 * Every heap allocation in tandem goes through xmalloc/xcalloc/xrealloc.
 * Running out of memory is not something a coaching session can recover
 * from meaningfully, so these print a message and exit(3) instead of
 * returning NULL; callers never test their result.
 */
#ifndef TANDEM_UTIL_H
#define TANDEM_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

#if defined(__GNUC__)
#define PRINTF_LIKE(f, a) __attribute__((format(printf, f, a)))
#else
#define PRINTF_LIKE(f, a)
#endif

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/*
 * A broken invariant: a bug in tandem, never a problem of the input (those
 * get a message and an exit status). Says where, and aborts, so that the
 * developer gets a core rather than a session that goes on wrong; as git's
 * BUG().
 */
_Noreturn void bug(const char *file, int line, const char *fmt, ...) PRINTF_LIKE(3, 4);
#define BUG(...) bug(__FILE__, __LINE__, __VA_ARGS__)

void *xmalloc(size_t n);
/* What the x* functions do when memory runs out: report n, exit(3). */
_Noreturn void out_of_memory(size_t n);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
/* The same, NULL for NULL: a field that may be missing. */
char *xstrdup_opt(const char *s);
char *xstrndup(const char *s, size_t n);
/* A new string formatted as by printf; the caller frees it. */
char *xasprintf(const char *fmt, ...) PRINTF_LIKE(1, 2);
char *xvasprintf(const char *fmt, va_list ap);

/* Grows *v (of *cap elements of size elem) so that it holds at least need. */
void grow_array(void **v, size_t *cap, size_t need, size_t elem);
#define GROW(v, cap, need) grow_array((void **)&(v), &(cap), (need), sizeof(*(v)))

/*
 * A growable, always NUL-terminated byte buffer. A zeroed Buf is empty and
 * valid; buf_free releases it, buf_take hands its bytes to the caller.
 */
typedef struct Buf {
	char *data;
	size_t len, cap;
} Buf;

void buf_add(Buf *b, const void *p, size_t n);
void buf_adds(Buf *b, const char *s);
void buf_addc(Buf *b, char c);
void buf_printf(Buf *b, const char *fmt, ...) PRINTF_LIKE(2, 3);
void buf_clear(Buf *b);
/* The contents as a string ("" when empty); the buffer stays valid. */
const char *buf_str(const Buf *b);
/* The contents as a heap string the caller frees; the buffer is emptied. */
char *buf_take(Buf *b);
void buf_free(Buf *b);

bool str_eq(const char *a, const char *b);
bool str_starts(const char *s, const char *prefix);

/* FNV-1a: the hash used by every table in tandem. */
unsigned long hash_bytes(const void *p, size_t n);

#endif
