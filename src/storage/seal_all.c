/*
 * seal_all: a client's folder sealed file by file under its lock. Owns
 * nothing past a call; the plain bytes read are wiped before they are
 * freed.
 */
#include "seal_all.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "changes.h"
#include "fileio.h"
#include "i18n.h"
#include "jindex.h"
#include "jlock.h"
#include "util.h"
#include "vault.h"

/* The largest file sealed. vault_seal makes one chunk of it, and a chunk
 * is read back up to 64 MiB (sealed.c); a transcript is read up to 32 MiB
 * and the log up to 16, so a larger file is none that tandem could read. */
enum { SEAL_MAX = 32u << 20 };

/* ---- the names ---- */

static bool is_transcript_name(const char *name, size_t n)
{
	return n > 5 && name[0] != '.' && memcmp(name + n - 5, ".yaml", 5) == 0;
}

static bool is_name(const char *name, size_t n, const char *want)
{
	return n == strlen(want) && memcmp(name, want, n) == 0;
}

/* How many digits end name[0..end). */
static size_t digits_before(const char *name, size_t end)
{
	size_t k = 0;
	while (k < end && name[end - k - 1] >= '0' && name[end - k - 1] <= '9')
		k++;
	return k;
}

bool seal_all_is_temp(const char *name)
{
	/* file_create_temp's "%s.%ld-%u.tmp", read from the end: a
	 * transcript's rewrite left by a crash, or file_replace's. */
	size_t n = strlen(name);
	if (n < 4 || !str_eq(name + n - 4, ".tmp"))
		return false;
	n -= 4;
	size_t k = digits_before(name, n);
	if (k == 0 || k == n || name[n - k - 1] != '-')
		return false;
	n -= k + 1;
	k = digits_before(name, n);
	if (k == 0 || k == n || name[n - k - 1] != '.')
		return false;
	n -= k + 1;
	return is_transcript_name(name, n) || is_name(name, n, JINDEX_FILE) ||
	       is_name(name, n, CHANGES_FILE);
}

/* ---- leftovers ---- */

/* Removes the temporary files a stopped write left in folder, counted in
 * *removed. False with *why when one cannot be. */
static bool remove_temps(const char *folder, size_t *removed, char **why)
{
	DIR *dir = opendir(folder);
	if (!dir) {
		*why = xasprintf(_("cannot read the folder '%s': %s"), folder, strerror(errno));
		return false;
	}
	bool ok = true;
	struct dirent *de;
	struct stat st;
	while (ok && (de = readdir(dir)) != NULL) {
		if (!seal_all_is_temp(de->d_name) ||
		    fstatat(dirfd(dir), de->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0 ||
		    !S_ISREG(st.st_mode))
			continue;
		if (unlinkat(dirfd(dir), de->d_name, 0) == 0 || errno == ENOENT) {
			(*removed)++;
		} else {
			*why = xasprintf(_("cannot remove '%s/%s', a temporary file a stopped write "
			                   "left: %s"), folder, de->d_name, strerror(errno));
			ok = false;
		}
	}
	closedir(dir);
	return ok;
}

/* ---- one file ---- */

static void wipe_free(char *data, size_t len)
{
	if (data)
		sodium_memzero(data, len);
	free(data);
}

/* plain[0..len) sealed into *out, and the sealed bytes opened again to the
 * same: a file is never replaced by one that would not give its words
 * back. */
static bool seal_checked(const char *path, const char *plain, size_t len, Buf *out, char **why)
{
	if (!vault_seal(plain, len, out, why))
		return false;
	VaultFile f;
	bool same = vault_open(path, out->data, out->len, &f, NULL, why);
	if (same && (!f.sealed || f.torn || f.refused || f.len != len ||
	             (len && memcmp(f.data, plain, len) != 0))) {
		*why = xasprintf(_("the encrypted copy of '%s' did not open to the same bytes: the "
		                   "file was left as it was"), path);
		same = false;
	}
	vault_file_free(&f);
	return same;
}

/* Seals the plain file open at fd, the file at path, in its place. */
static SealAllResult seal_open(int fd, const char *path, SealAllCount *n, char **why)
{
	char *data = NULL;
	size_t len = 0, size = 0;
	int e = file_read(fd, 0, SEAL_MAX, &data, &len, &size);
	if (e) {
		*why = xasprintf(_("cannot read '%s': %s"), path, strerror(e));
		return SEAL_ALL_FAILED;
	}
	SealAllResult r = SEAL_ALL_DONE;
	Buf sealed = { 0 };
	if (len > SEAL_MAX) {
		*why = xasprintf(_("'%s' is larger than tandem reads (%u MiB): it was left as it "
		                   "was"), path, SEAL_MAX >> 20);
		r = SEAL_ALL_FAILED;
	} else if (sealed_is(data, len)) {
		n->already++;
	} else if (len == 0) {
		/* Nothing to protect; and in .unfiled, whose sessions take no
		 * folder lock, the new transcript of one starting now, not yet
		 * held: replaced, its turns would go to the file unlinked. */
	} else if (!seal_checked(path, data, len, &sealed, why)) {
		r = SEAL_ALL_FAILED;
	} else if (!file_replace(path, sealed.data, sealed.len, false)) {
		*why = xasprintf(_("cannot write '%s': %s"), path, strerror(errno));
		r = SEAL_ALL_FAILED;
	} else {
		n->sealed++;
	}
	buf_free(&sealed);
	wipe_free(data, size);
	return r;
}

/* Seals folder/name in its place unless it is sealed already; a file that
 * is not there (no index, no log yet) is nothing to do. */
static SealAllResult seal_file(const char *folder, const char *name, SealAllCount *n,
                               char **why)
{
	char *path = xasprintf("%s/%s", folder, name);
	const char *err;
	int fd = file_open(path, O_RDONLY | O_NOFOLLOW, &err);
	SealAllResult r = SEAL_ALL_DONE;
	if (fd < 0 && errno != ENOENT) {
		*why = xasprintf(_("cannot open '%s': %s"), path, err);
		r = SEAL_ALL_FAILED;
	} else if (fd >= 0 && flock(fd, LOCK_EX | LOCK_NB) != 0 && errno == EWOULDBLOCK) {
		/* A resume holds the transcript; held here, it is not taken
		 * from under the replacement either. */
		*why = xasprintf(_("'%s' is in use: a session is running on it; go on once that "
		                   "session ends or pauses"), path);
		r = SEAL_ALL_BUSY;
	} else if (fd >= 0) {
		r = seal_open(fd, path, n, why);
	}
	if (fd >= 0)
		close(fd);
	free(path);
	return r;
}

/* ---- the folder ---- */

/* Seals each transcript, then the log and the index, stopping at the
 * first that cannot be. */
static SealAllResult seal_files(const char *folder, SealAllCount *n, char **why)
{
	Listing l;
	if (!listing_read(&l, folder)) {
		*why = xasprintf(_("cannot read the folder '%s': %s"), folder, strerror(errno));
		return SEAL_ALL_FAILED;
	}
	SealAllResult r = SEAL_ALL_DONE;
	for (size_t i = 0; i < l.n && r == SEAL_ALL_DONE; i++)
		r = seal_file(folder, l.v[i].name, n, why);
	listing_free(&l);
	if (r == SEAL_ALL_DONE)
		r = seal_file(folder, CHANGES_FILE, n, why);
	if (r == SEAL_ALL_DONE)
		r = seal_file(folder, JINDEX_FILE, n, why);
	return r;
}

SealAllResult seal_all_folder(const char *folder, SealAllCount *n, char **why)
{
	*n = (SealAllCount){ 0 };
	*why = NULL;
	JournalLock *lock = jlock_take(folder, why);
	if (!lock)
		return errno == EWOULDBLOCK ? SEAL_ALL_BUSY : SEAL_ALL_FAILED;
	SealAllResult r = remove_temps(folder, &n->temps, why) ? seal_files(folder, n, why)
	                                                      : SEAL_ALL_FAILED;
	/* Once, for every rename and removal: one lost to a power cut leaves
	 * that file plain, and the next run seals it. */
	if ((n->sealed || n->temps) && !file_sync_folder(folder) && r == SEAL_ALL_DONE) {
		*why = xasprintf(_("cannot sync the folder '%s': %s"), folder, strerror(errno));
		r = SEAL_ALL_FAILED;
	}
	jlock_release(lock);
	return r;
}
