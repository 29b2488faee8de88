/* erase: a client's folder removed file by file under its lock. */
#include "erase.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "changes.h"
#include "fileio.h"
#include "i18n.h"
#include "jindex.h"
#include "jlock.h"
#include "util.h"

/* The order of removal: the index (derived, and read first by every
 * command) before the transcripts it stands for, the changes' log after
 * the sessions it changes, and the lock last, since it is held. */
static int rank(const char *name)
{
	if (str_eq(name, JINDEX_FILE))
		return 0;
	if (str_eq(name, CHANGES_FILE))
		return 2;
	if (str_eq(name, JLOCK_FILE))
		return 3;
	return 1;
}

static int cmp_names(const void *pa, const void *pb)
{
	const char *a = *(const char *const *)pa, *b = *(const char *const *)pb;
	int ra = rank(a), rb = rank(b);
	return ra != rb ? ra - rb : strcmp(a, b);
}

static void free_names(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

/* The names in folder, in the order of removal; false with *why when it
 * cannot be read or holds a folder (links are not followed: a link to a
 * folder is a file here, and only the link goes). */
static bool list_names(const char *folder, char ***out, size_t *n, char **why)
{
	DIR *dir = opendir(folder);
	if (!dir) {
		*why = xasprintf(_("cannot read the folder '%s': %s"), folder, strerror(errno));
		return false;
	}
	char **v = NULL;
	size_t cap = 0;
	*n = 0;
	struct dirent *de;
	struct stat st;
	while ((de = readdir(dir)) != NULL) {
		if (str_eq(de->d_name, ".") || str_eq(de->d_name, ".."))
			continue;
		if (fstatat(dirfd(dir), de->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
		    S_ISDIR(st.st_mode)) {
			*why = xasprintf(_("'%s' holds a folder, '%s', that tandem did not make: nothing "
			                   "was erased; move it out of the client's folder first"),
			                 folder, de->d_name);
			closedir(dir);
			free_names(v, *n);
			*n = 0;
			return false;
		}
		GROW(v, cap, *n + 1);
		v[(*n)++] = xstrdup(de->d_name);
	}
	closedir(dir);
	if (*n > 1)
		qsort(v, *n, sizeof(*v), cmp_names);
	*out = v;
	return true;
}

/* The folder that holds path (heap string). */
static char *parent_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash && slash != path ? xstrndup(path, (size_t)(slash - path))
	                              : xstrdup(slash ? "/" : ".");
}

/* Removes each file of names, then the folder, syncing what holds their
 * names; ERASE_DONE or ERASE_FAILED (with *why). */
static EraseResult remove_all(const char *folder, char **names, size_t n, size_t *files,
                              char **why)
{
	for (size_t i = 0; i < n; i++) {
		char *path = xasprintf("%s/%s", folder, names[i]);
		bool gone = unlink(path) == 0 || errno == ENOENT;
		if (!gone)
			*why = xasprintf(_("cannot remove '%s': %s; what was removed before it stays "
			                   "removed, and the rest is whole: run the command again"),
			                 path, strerror(errno));
		free(path);
		if (!gone)
			return ERASE_FAILED;
		(*files)++;
	}
	char *parent = parent_of(folder);
	/* The removals reach the disk before the folder goes: a crash then
	 * leaves an empty folder, never one that seems whole. */
	bool ok = file_sync_folder(folder) && rmdir(folder) == 0;
	if (!ok)
		*why = xasprintf(_("cannot remove the folder '%s': %s"), folder, strerror(errno));
	else /* the folder is gone: a crash before its name reaches the disk
	      * could bring back an empty folder, which holds nothing */
		(void)file_sync_folder(parent);
	free(parent);
	return ok ? ERASE_DONE : ERASE_FAILED;
}

EraseResult erase_folder(const char *folder, size_t *files, char **why)
{
	*files = 0;
	*why = NULL;
	JournalLock *lock = jlock_take(folder, why);
	if (!lock)
		return errno == EWOULDBLOCK ? ERASE_BUSY : ERASE_REFUSED;
	char **names = NULL;
	size_t n = 0;
	EraseResult r = ERASE_REFUSED;
	if (list_names(folder, &names, &n, why))
		r = remove_all(folder, names, n, files, why);
	free_names(names, n);
	jlock_release(lock);
	return r;
}
