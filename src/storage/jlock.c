/*
 * jlock: the client folder's lock, and who holds it.
 *
 * The holder is written into the file once the lock is held (truncated
 * first: the file outlives each holder), and fsync'd like every file a
 * session writes. It is read only by the one refused, to say whom to ask.
 */
#include "jlock.h"

#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <time.h>
#include <unistd.h>

#include "clock.h"
#include "fileio.h"
#include "i18n.h"
#include "util.h"
#include "yamlout.h"
#include "ydoc.h"

struct JournalLock {
	int fd;
};

static void put(Buf *b, const char *key, const char *value)
{
	buf_printf(b, "%s: ", key);
	yamlout_quote(b, value);
	buf_addc(b, '\n');
}

/* Who holds the lock: this process, its user and machine, and when. */
static void write_holder(int fd)
{
	char host[256] = "?", since[32], pid[32];
	if (gethostname(host, sizeof(host)) != 0)
		strcpy(host, "?");
	host[sizeof(host) - 1] = '\0';
	const struct passwd *pw = getpwuid(geteuid());
	clock_iso(clock_now(), since);
	snprintf(pid, sizeof(pid), "%ld", (long)getpid());
	Buf b = { 0 };
	put(&b, "pid", pid);
	put(&b, "user", pw && pw->pw_name ? pw->pw_name : "?");
	put(&b, "host", host);
	put(&b, "since", since);
	/* What it says is for the one refused; the lock is the flock. */
	if (ftruncate(fd, 0) == 0 && file_write_all(fd, b.data, b.len))
		(void)fsync(fd);
	buf_free(&b);
}

/* A scalar of the holder's file, or "?". */
static const char *field(const YDoc *doc, const char *key)
{
	const YNode *v = doc && doc->root ? ymap_get(doc->root, key) : NULL;
	return v && v->kind == Y_SCALAR ? v->u.text : "?";
}

/* Why the lock is refused: who holds it, as its file says. */
static char *busy(const char *folder, int fd)
{
	char *text = NULL;
	size_t len = 0, size = 0;
	YDoc *doc = NULL;
	Diags quiet = { 0 };
	if (lseek(fd, 0, SEEK_SET) == 0 && file_read(fd, 0, 4096, &text, &len, &size) == 0)
		doc = ydoc_load_mem(JLOCK_FILE, text, len < 4096 ? len : 0, &ydoc_default_limits,
		                    &quiet);
	diags_free(&quiet);
	char when[32] = "?";
	time_t since;
	if (clock_parse(field(doc, "since"), &since)) {
		struct tm tm;
		localtime_r(&since, &tm);
		strftime(when, sizeof(when), "%Y-%m-%d %H:%M", &tm);
	}
	char *why = xasprintf(_("the journal '%s' is in use by another session, begun %s by %s "
	                        "on %s (process %s): nothing was written; go on once that "
	                        "session ends or pauses"),
	                      folder, when, field(doc, "user"), field(doc, "host"),
	                      field(doc, "pid"));
	ydoc_free(doc);
	free(text);
	return why;
}

JournalLock *jlock_take(const char *folder, char **why)
{
	char *path = xasprintf("%s/%s", folder, JLOCK_FILE);
	int fd = open(path, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK, 0600);
	if (fd < 0 || flock(fd, LOCK_EX | LOCK_NB) != 0) {
		int e = errno;
		if (fd >= 0 && e == EWOULDBLOCK)
			*why = busy(folder, fd);
		else
			*why = xasprintf(_("cannot lock '%s': %s"), path, strerror(e));
		if (fd >= 0)
			close(fd);
		free(path);
		errno = e;
		return NULL;
	}
	free(path);
	write_holder(fd);
	JournalLock *l = xmalloc(sizeof(*l));
	l->fd = fd;
	return l;
}

void jlock_release(JournalLock *l)
{
	if (!l)
		return;
	close(l->fd); /* closing the last descriptor lets go of the flock */
	free(l);
}
