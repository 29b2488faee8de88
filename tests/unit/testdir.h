/*
 * testdir: a fresh folder under /tmp for a unit test that writes files,
 * and its removal with everything in it: one home for what each such test
 * had a copy of.
 */
#ifndef TANDEM_TESTDIR_H
#define TANDEM_TESTDIR_H

#include <ftw.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

enum { TESTDIR_MAX = 64 };

/* dir made anew as "/tmp/tandem-NAME-XXXXXX"; false when it cannot be. */
static inline bool testdir_make(char dir[TESTDIR_MAX], const char *name)
{
	int n = snprintf(dir, TESTDIR_MAX, "/tmp/tandem-%s-XXXXXX", name);
	return n > 0 && n < TESTDIR_MAX && mkdtemp(dir) != NULL;
}

/* A test may leave a folder read-only (a write refused on purpose): made
 * writable again before what it holds is removed. */
static inline int testdir_writable(const char *path, const struct stat *st, int type,
                                   struct FTW *at)
{
	(void)at;
	if (type == FTW_D)
		(void)chmod(path, (st->st_mode & 07777) | S_IRWXU);
	return 0;
}

static inline int testdir_unlink(const char *path, const struct stat *st, int type,
                                 struct FTW *at)
{
	(void)st, (void)type, (void)at;
	return remove(path);
}

/* Removes dir and all it holds; 0, or -1 when something stayed. */
static inline int testdir_remove(const char *dir)
{
	(void)nftw(dir, testdir_writable, 16, FTW_PHYS);
	return nftw(dir, testdir_unlink, 16, FTW_DEPTH | FTW_PHYS) == 0 ? 0 : -1;
}

#endif
