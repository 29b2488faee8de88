/* fileio: regular files only, read to a bound. See fileio.h. */
#include "fileio.h"

#include <errno.h>
#include <fcntl.h>
#include <libintl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util.h"

/* Closes fd keeping errno, for the caller's message. */
static int fail_closed(int fd, const char **why)
{
	int e = errno;
	close(fd);
	*why = strerror(e);
	errno = e;
	return -1;
}

int file_open(const char *path, int flags, const char **why)
{
	int fd = open(path, flags | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	if (fd < 0) {
		*why = strerror(errno);
		return -1;
	}
	struct stat st;
	if (fstat(fd, &st) != 0)
		return fail_closed(fd, why);
	if (!S_ISREG(st.st_mode)) {
		close(fd);
		/* Said with strerror's reasons: in the user's language. base
		 * comes before i18n.h, so the catalogue is named as diag.c does. */
		*why = dgettext("tandem", "it is not a regular file");
		errno = EINVAL;
		return -1;
	}
	int fl = fcntl(fd, F_GETFL);
	if (fl < 0 || fcntl(fd, F_SETFL, fl & ~O_NONBLOCK) < 0)
		return fail_closed(fd, why);
	return fd;
}

int file_read(int fd, size_t hint, size_t limit, char **out, size_t *len, size_t *size)
{
	size_t bound = limit < SIZE_MAX ? limit + 1 : SIZE_MAX;
	if (hint == 0)
		hint = 64 * 1024;
	size_t cap = hint < bound ? hint + 1 : bound;  /* + 1: the end seen without growing */
	char *buf = xmalloc(cap);
	size_t n = 0;
	for (;;) {
		if (n == cap) {
			if (cap == bound)
				break;
			cap = cap > bound / 2 ? bound : cap * 2;
			buf = xrealloc(buf, cap);
		}
		ssize_t r = read(fd, buf + n, cap - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			int err = errno;
			free(buf);
			return err;
		}
		if (r == 0)
			break;
		n += (size_t)r;
	}
	*out = buf;
	*len = n;
	*size = cap;
	return 0;
}

int file_read_line(FILE *in, Buf *line, size_t max)
{
	buf_clear(line);
	int c;
	bool any = false, dropped = false;
	while ((c = getc_unlocked(in)) != EOF) {
		any = true;
		if (c == '\n')
			break;
		if (line->len <= max)
			buf_addc(line, (char)c);
		else
			dropped = true;
	}
	if (c == EOF && ferror(in))
		return -1;
	if (!any)
		return 0;
	/* A "\r" kept last ends the line only when nothing was dropped after
	 * it; else the line stays too long. */
	if (!dropped && line->len > 0 && line->data[line->len - 1] == '\r')
		line->data[--line->len] = '\0';
	return 1;
}

bool file_write_all(int fd, const void *p, size_t n)
{
	const char *at = p;
	while (n > 0) {
		ssize_t w = write(fd, at, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			if (w == 0)
				errno = EIO;
			return false;
		}
		at += w;
		n -= (size_t)w;
	}
	return true;
}

bool file_sync_folder(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	bool ok = fd >= 0 && fsync(fd) == 0;
	int e = errno;
	if (fd >= 0)
		close(fd);
	errno = e;
	return ok;
}

int file_create_temp(const char *path, char **tmp)
{
	int fd = -1;
	*tmp = NULL;
	for (unsigned i = 0; fd < 0 && i < 100; i++) { /* a crash may leave one behind */
		free(*tmp);
		*tmp = xasprintf("%s.%ld-%u.tmp", path, (long)getpid(), i);
		fd = open(*tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
		if (fd < 0 && errno != EEXIST)
			break;
	}
	return fd;
}

bool file_replace(const char *path, const void *p, size_t n, bool sync_folder)
{
	char *tmp;
	int fd = file_create_temp(path, &tmp);
	bool ok = fd >= 0 && file_write_all(fd, p, n) && fsync(fd) == 0;
	int e = errno;
	if (fd >= 0 && close(fd) != 0 && ok)
		ok = false, e = errno;
	if (ok && rename(tmp, path) != 0)
		ok = false, e = errno;
	if (!ok && fd >= 0)
		unlink(tmp);
	free(tmp);
	if (ok && sync_folder) {
		char *dir = xstrdup(path);
		char *slash = strrchr(dir, '/');
		if (slash)
			*slash = '\0';
		ok = file_sync_folder(slash ? dir : ".");
		e = errno;
		free(dir);
	}
	errno = ok ? 0 : e;
	return ok;
}

/* fsyncs the folder that holds path (a path with at least one slash). */
static bool sync_holder(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *parent = xstrndup(path, slash == path ? 1 : (size_t)(slash - path));
	bool ok = file_sync_folder(parent);
	int e = errno;
	free(parent);
	errno = e;
	return ok;
}

bool file_make_parents(const char *path)
{
	char *p = xstrdup(path);
	bool ok = true;
	for (char *slash = strchr(p + 1, '/'); ok && slash; slash = strchr(slash + 1, '/')) {
		*slash = '\0';
		if (mkdir(p, 0700) == 0)
			ok = sync_holder(p);
		*slash = '/';
	}
	free(p);
	return ok;
}
