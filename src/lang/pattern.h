/*
 * pattern: the only door to PCRE2.
 *
 * Dialogues write regular expressions as `/PATTERN/FLAGS` (flags i m s x u)
 * or as a bare pattern. Patterns always match UTF-8 text; `u` adds Unicode
 * properties to \w, \b and friends. Because a dialogue may come from anyone,
 * every match runs under PCRE2 match and depth limits: a pattern that would
 * backtrack for ever reports PATTERN_LIMIT instead of hanging the session.
 *
 * A PatternSet owns compiled patterns and shares identical ones, so a large
 * dialogue that repeats a pattern compiles it once.
 */
#ifndef TANDEM_PATTERN_H
#define TANDEM_PATTERN_H

#include <stdbool.h>
#include <stddef.h>

typedef struct Pattern Pattern;
typedef struct PatternSet PatternSet;

PatternSet *pattern_set_new(void);
/* Frees the set and every pattern compiled in it. NULL is allowed. */
void pattern_set_free(PatternSet *set);

/*
 * Compiles src[0..len) as written in a dialogue. On success returns a
 * pattern owned by the set. On failure returns NULL, sets *err to a heap
 * message in the current language, which the caller frees (e.g. "missing
 * closing parenthesis"), and *offset to the byte offset in src where PCRE2
 * stopped.
 */
const Pattern *pattern_compile(PatternSet *set, const char *src, size_t len,
                               char **err, size_t *offset);

enum { PATTERN_NOMATCH = 0, PATTERN_MATCH = 1, PATTERN_LIMIT = -1 };

/* Matches text[0..len); one of the PATTERN_ values. */
int pattern_match(const Pattern *p, const char *text, size_t len);

/* The pattern as written, for messages. */
const char *pattern_source(const Pattern *p);

#endif
