/* suggest: the nearest candidate name by Damerau-Levenshtein distance. */
#include "suggest.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util.h"

/* How far a name of this length may be from the one meant. */
static size_t max_distance(size_t len)
{
	if (len <= 4)
		return 1;
	if (len <= 8)
		return 2;
	return 3;
}

static size_t min3(size_t a, size_t b, size_t c)
{
	size_t m = a < b ? a : b;
	return m < c ? m : c;
}

static bool same(char a, char b)
{
	return tolower((unsigned char)a) == tolower((unsigned char)b);
}

/*
 * Optimal string alignment distance (Damerau-Levenshtein where a swapped
 * pair is one edit), case-insensitive on ASCII. Names are identifiers and
 * keys, so bytes are characters. rows holds 3 * (lb + 1) entries.
 */
static size_t distance(const char *a, size_t la, const char *b, size_t lb, size_t *rows)
{
	size_t *prev2 = rows, *prev = rows + lb + 1, *cur = rows + 2 * (lb + 1);
	for (size_t j = 0; j <= lb; j++)
		prev[j] = j;
	for (size_t i = 1; i <= la; i++) {
		cur[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t cost = same(a[i - 1], b[j - 1]) ? 0 : 1;
			cur[j] = min3(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
			if (i > 1 && j > 1 && same(a[i - 1], b[j - 2]) && same(a[i - 2], b[j - 1]) &&
			    prev2[j - 2] + 1 < cur[j])
				cur[j] = prev2[j - 2] + 1;
		}
		size_t *t = prev2;
		prev2 = prev;
		prev = cur;
		cur = t;
	}
	return prev[lb];
}

/* The one candidate that name begins, case aside; NULL when none or
 * several do, or name is too short to tell one from the others. */
static const char *only_extension(const char *name, size_t la, const char *const *cands,
                                  size_t n)
{
	const char *found = NULL;
	if (la < 4)
		return NULL;
	for (size_t i = 0; i < n; i++) {
		if (!cands[i] || strncasecmp(cands[i], name, la) != 0)
			continue;
		if (found)
			return NULL;
		found = cands[i];
	}
	return found;
}

const char *suggest(const char *name, const char *const *cands, size_t n)
{
	size_t la = strlen(name);
	size_t limit = max_distance(la);
	const char *best = NULL;
	size_t best_d = limit + 1;
	size_t *rows = NULL, cap = 0;
	for (size_t i = 0; i < n; i++) {
		if (!cands[i])
			continue;
		size_t lb = strlen(cands[i]);
		/* The length difference alone is a lower bound on the distance. */
		if ((la > lb ? la - lb : lb - la) >= best_d)
			continue;
		GROW(rows, cap, 3 * (lb + 1));
		size_t d = distance(name, la, cands[i], lb, rows);
		if (d < best_d) {
			best_d = d;
			best = cands[i];
		}
	}
	free(rows);
	return best ? best : only_extension(name, la, cands, n);
}
