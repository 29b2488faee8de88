/*
 * suggest: "did you mean ...?" for misspelt keys, node ids and variables.
 */
#ifndef TANDEM_SUGGEST_H
#define TANDEM_SUGGEST_H

#include <stddef.h>

/*
 * The candidate nearest to name by edit distance (insertions, deletions,
 * substitutions, transpositions; case-insensitive), or NULL when none is
 * close enough to be a plausible typo (distance at most 1 for names of up
 * to 4 characters, 2 up to 8, else 3). When none is, a name of 4
 * characters or more that begins one candidate alone is taken for it cut
 * short ("begin" for "beginning").
 */
const char *suggest(const char *name, const char *const *cands, size_t n);

#endif
