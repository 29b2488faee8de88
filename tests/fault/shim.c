/*
 * tests/fault/shim.c: fails one call of a session's file I/O, for the
 * fault-injection suite (tests/fault/run). Built as BUILD/tests/fault-shim.so
 * and preloaded (LD_PRELOAD) into a plain build of tandem; a sanitizer
 * build intercepts the same functions and wants its runtime first in the
 * list of libraries, so the suite does not run against one.
 *
 * Only calls on files under $TANDEM_FAULT_DIR count: the opens, renames
 * and folder entries there, and the reads, writes and fsyncs of the file
 * descriptors such opens returned (openat relative to one of them too).
 * Standard input counts apart, as `stdin`, one point per line: glibc's
 * stdio reads through an internal read() that no preloaded library sees,
 * so the shim reads standard input itself (see stdin_byte below). The
 * transcript is written with write(2), fsync(2) and rename(2) and read
 * with read(2), never through stdio, so every call that touches it is seen
 * here. glibc only: the shim sets a stdio stream's flags itself.
 *
 * $TANDEM_FAULT says what to do:
 *
 *   count           fail nothing; append each call that counts to
 *                   $TANDEM_FAULT_OUT as it is made, one line `OP<TAB>PATH`
 *                   (`OP<TAB>PATH<TAB>creat` for an open that may create
 *                   the file), in order, with `mkdir<TAB>PATH` lines for the
 *                   folders made there: the number of points of each OP,
 *                   and the order in which things reached the disk
 *   OP:N[:ERRNO]    fail the Nth call of OP with ERRNO (default EIO)
 *
 * OP is write (write, writev, pwrite), fsync (fsync, fdatasync), rename
 * (rename, renameat, renameat2), open (open, openat, with O_CREAT or not),
 * read (read, pread), stdin (a line of standard input), link, unlink, or
 * full: the disk fills up at the Nth write, which writes half its bytes,
 * and every later write fails with ENOSPC. full counts as write does.
 * ERRNO KILL does not fail the call but kills the process with SIGKILL
 * just before it (a crash there). When the fault is made, a line `fired OP
 * N ERRNO PATH` is appended to $TANDEM_FAULT_OUT.
 */
#define _GNU_SOURCE
#define __NO_INLINE__ 1 /* no inline getc_unlocked & co. to clash with ours */
#undef _FORTIFY_SOURCE

#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <unistd.h>

enum { OP_WRITE, OP_FSYNC, OP_RENAME, OP_OPEN, OP_READ, OP_STDIN, OP_LINK, OP_UNLINK, NOPS };
static const char *const op_names[NOPS] = { "write", "fsync", "rename", "open", "read",
	                                    "stdin", "link", "unlink" };

enum { MAX_FDS = 4096 };

static struct {
	bool ready;
	bool counting;
	int op;            /* the operation to fail, or -1 */
	bool full;         /* op is write: the disk fills up */
	bool filled;       /* ... and it has */
	unsigned long at;  /* its call to fail, from 1 */
	int err;
	bool kill;         /* ERRNO KILL: SIGKILL instead of failing */
	char dir[PATH_MAX];
	size_t dirlen;
	const char *out;
	unsigned long count[NOPS];
	char *paths[MAX_FDS]; /* the tracked descriptors: their file's path */
	dev_t devs[MAX_FDS];  /* ... and the file itself, since a descriptor */
	ino_t inos[MAX_FDS];  /* closed inside the C library (closedir) is not seen */
} S;

/* The next definition of a function: the C library's. */
#define REAL(name) real_##name
#define DECLARE_REAL(ret, name, ...)                                    \
	static ret (*real_##name)(__VA_ARGS__);                           \
	static void load_##name(void)                                     \
	{                                                                 \
		if (!real_##name)                                         \
			*(void **)&real_##name = dlsym(RTLD_NEXT, #name); \
	}

DECLARE_REAL(int, open, const char *, int, ...)
DECLARE_REAL(int, open64, const char *, int, ...)
DECLARE_REAL(int, openat, int, const char *, int, ...)
DECLARE_REAL(int, openat64, int, const char *, int, ...)
DECLARE_REAL(int, close, int)
DECLARE_REAL(ssize_t, read, int, void *, size_t)
DECLARE_REAL(ssize_t, __read_chk, int, void *, size_t, size_t)
DECLARE_REAL(ssize_t, pread, int, void *, size_t, off_t)
DECLARE_REAL(ssize_t, pread64, int, void *, size_t, off_t)
DECLARE_REAL(ssize_t, __pread_chk, int, void *, size_t, off_t, size_t)
DECLARE_REAL(ssize_t, __pread64_chk, int, void *, size_t, off_t, size_t)
DECLARE_REAL(ssize_t, write, int, const void *, size_t)
DECLARE_REAL(ssize_t, writev, int, const struct iovec *, int)
DECLARE_REAL(ssize_t, pwrite, int, const void *, size_t, off_t)
DECLARE_REAL(ssize_t, pwrite64, int, const void *, size_t, off_t)
DECLARE_REAL(int, fsync, int)
DECLARE_REAL(int, fdatasync, int)
DECLARE_REAL(int, rename, const char *, const char *)
DECLARE_REAL(int, renameat, int, const char *, int, const char *)
DECLARE_REAL(int, renameat2, int, const char *, int, const char *, unsigned)
DECLARE_REAL(int, link, const char *, const char *)
DECLARE_REAL(int, unlink, const char *)
DECLARE_REAL(ssize_t, getline, char **, size_t *, FILE *)
DECLARE_REAL(ssize_t, getdelim, char **, size_t *, int, FILE *)

/* Not in the headers without _FORTIFY_SOURCE; defined here all the same. */
int __open_2(const char *path, int flags);
int __open64_2(const char *path, int flags);
int __openat_2(int dirfd, const char *path, int flags);
int __openat64_2(int dirfd, const char *path, int flags);
ssize_t __read_chk(int fd, void *buf, size_t n, size_t buflen);
ssize_t __pread_chk(int fd, void *buf, size_t n, off_t off, size_t buflen);
ssize_t __pread64_chk(int fd, void *buf, size_t n, off_t off, size_t buflen);

static const struct {
	const char *name;
	int value;
} errnos[] = {
	{ "EIO", EIO }, { "ENOSPC", ENOSPC }, { "EDQUOT", EDQUOT }, { "EROFS", EROFS },
	{ "EACCES", EACCES }, { "EFBIG", EFBIG }, { "EINTR", EINTR }, { "EMFILE", EMFILE },
};

static const char *errno_name(int e)
{
	for (size_t i = 0; i < sizeof(errnos) / sizeof(errnos[0]); i++)
		if (errnos[i].value == e)
			return errnos[i].name;
	return "E?";
}

static void setup(void)
{
	if (S.ready)
		return;
	S.ready = true;
	S.op = -1;
	S.err = EIO;
	S.out = getenv("TANDEM_FAULT_OUT");
	const char *dir = getenv("TANDEM_FAULT_DIR");
	if (dir && realpath(dir, S.dir))
		S.dirlen = strlen(S.dir);
	const char *spec = getenv("TANDEM_FAULT");
	if (!spec || !S.dirlen)
		return;
	if (strcmp(spec, "count") == 0) {
		S.counting = true;
		return;
	}
	char name[16] = "", err[16] = "";
	unsigned long at = 0;
	if (sscanf(spec, "%15[a-z]:%lu:%15[A-Z]", name, &at, err) < 2 || at == 0)
		return;
	S.full = strcmp(name, "full") == 0;
	for (int i = 0; i < NOPS; i++)
		if (strcmp(name, op_names[i]) == 0 || (S.full && i == OP_WRITE))
			S.op = i;
	if (S.full)
		S.err = ENOSPC;
	for (size_t i = 0; i < sizeof(errnos) / sizeof(errnos[0]); i++)
		if (strcmp(err, errnos[i].name) == 0)
			S.err = errnos[i].value;
	S.kill = strcmp(err, "KILL") == 0;
	S.at = at;
}

/* Appends one line to $TANDEM_FAULT_OUT, through the real calls. */
static void report(const char *fmt, ...)
{
	if (!S.out)
		return;
	load_open();
	load_write();
	load_close();
	char line[PATH_MAX + 128];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n >= sizeof(line))
		n = sizeof(line) - 1;
	int saved = errno;
	int fd = REAL(open)(S.out, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
	if (fd >= 0) {
		(void)!REAL(write)(fd, line, (size_t)n);
		REAL(close)(fd);
	}
	errno = saved;
}

/* a/b into out; false when it would not fit. */
static bool join(char out[PATH_MAX], const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	if (la + 1 + lb >= PATH_MAX)
		return false;
	memcpy(out, a, la);
	out[la] = '/';
	memcpy(out + la + 1, b, lb + 1);
	return true;
}

static const char *path_of(int fd)
{
	return fd >= 0 && fd < MAX_FDS && S.paths[fd] ? S.paths[fd] : NULL;
}

/* path made absolute against dirfd (not resolved); false when unknown. */
static bool absolute(int dirfd, const char *path, char out[PATH_MAX])
{
	char cwd[PATH_MAX];
	if (path[0] == '/') {
		size_t n = strlen(path);
		if (n >= PATH_MAX)
			return false;
		memcpy(out, path, n + 1);
		return true;
	}
	if (dirfd == AT_FDCWD)
		return getcwd(cwd, sizeof(cwd)) && join(out, cwd, path);
	return path_of(dirfd) && join(out, path_of(dirfd), path);
}

/* Whether path (made absolute against dirfd) lies under the folder. */
static bool under(int dirfd, const char *path)
{
	char abs[PATH_MAX];
	if (!path || !S.dirlen || !absolute(dirfd, path, abs))
		return false;
	return strncmp(abs, S.dir, S.dirlen) == 0 && (abs[S.dirlen] == '\0' || abs[S.dirlen] == '/');
}

static void untrack(int fd)
{
	if (fd >= 0 && fd < MAX_FDS && S.paths[fd]) {
		free(S.paths[fd]);
		S.paths[fd] = NULL;
	}
}

/* Whether fd is one of the folder's files, still. */
static bool tracked(int fd)
{
	setup();
	if (!path_of(fd))
		return false;
	struct stat st;
	if (fstat(fd, &st) == 0 && st.st_dev == S.devs[fd] && st.st_ino == S.inos[fd])
		return true;
	untrack(fd); /* closed unseen, and the number given to another file */
	return false;
}

static void track(int fd, int dirfd, const char *path)
{
	char abs[PATH_MAX];
	struct stat st;
	if (fd < 0 || fd >= MAX_FDS)
		return;
	untrack(fd);
	if (fstat(fd, &st) != 0 || !absolute(dirfd, path, abs))
		return;
	S.paths[fd] = strdup(abs);
	S.devs[fd] = st.st_dev;
	S.inos[fd] = st.st_ino;
}

/*
 * Counts one call of op on what (a path, for the report) and says whether
 * it is the one to fail; errno is then set.
 */
static bool fault_as(int op, const char *what, const char *extra)
{
	setup();
	unsigned long n = ++S.count[op];
	if (S.counting)
		report("%s\t%s%s\n", op_names[op], what ? what : "?", extra);
	if (op != S.op || n != S.at)
		return false;
	report("fired %s %lu %s %s\n", S.full ? "full" : op_names[op], n,
	       S.kill ? "KILL" : errno_name(S.err), what ? what : "?");
	if (S.kill)
		raise(SIGKILL);
	errno = S.err;
	return true;
}

static bool fault(int op, const char *what)
{
	return fault_as(op, what, "");
}

/* ---- open ---- */

static bool wants_mode(int flags)
{
	return (flags & O_CREAT) || (flags & O_TMPFILE) == O_TMPFILE;
}

/* An open to fail, reported under its absolute path. */
static bool open_fault(int dirfd, const char *path, int flags)
{
	char abs[PATH_MAX];
	return fault_as(OP_OPEN, absolute(dirfd, path, abs) ? abs : path,
	                flags & O_CREAT ? "\tcreat" : "");
}

static int opened(int fd, int dirfd, const char *path)
{
	if (fd >= 0)
		track(fd, dirfd, path);
	return fd;
}

static mode_t mode_arg(int flags, va_list ap)
{
	return wants_mode(flags) ? (mode_t)va_arg(ap, int) : 0;
}

static int do_open(int (*real)(const char *, int, ...), const char *path, int flags, mode_t mode)
{
	setup();
	bool mine = under(AT_FDCWD, path);
	if (mine && open_fault(AT_FDCWD, path, flags))
		return -1;
	int fd = real(path, flags, mode);
	return mine ? opened(fd, AT_FDCWD, path) : fd;
}

static int do_openat(int (*real)(int, const char *, int, ...), int dirfd, const char *path,
                     int flags, mode_t mode)
{
	setup();
	bool mine = under(dirfd, path);
	if (mine && open_fault(dirfd, path, flags))
		return -1;
	int fd = real(dirfd, path, flags, mode);
	return mine ? opened(fd, dirfd, path) : fd;
}

int open(const char *path, int flags, ...)
{
	va_list ap;
	va_start(ap, flags);
	mode_t mode = mode_arg(flags, ap);
	va_end(ap);
	load_open();
	return do_open(REAL(open), path, flags, mode);
}

int open64(const char *path, int flags, ...)
{
	va_list ap;
	va_start(ap, flags);
	mode_t mode = mode_arg(flags, ap);
	va_end(ap);
	load_open64();
	return do_open(REAL(open64), path, flags, mode);
}

int openat(int dirfd, const char *path, int flags, ...)
{
	va_list ap;
	va_start(ap, flags);
	mode_t mode = mode_arg(flags, ap);
	va_end(ap);
	load_openat();
	return do_openat(REAL(openat), dirfd, path, flags, mode);
}

int openat64(int dirfd, const char *path, int flags, ...)
{
	va_list ap;
	va_start(ap, flags);
	mode_t mode = mode_arg(flags, ap);
	va_end(ap);
	load_openat64();
	return do_openat(REAL(openat64), dirfd, path, flags, mode);
}

/* The checked forms (_FORTIFY_SOURCE), called without a mode. */
int __open_2(const char *path, int flags)
{
	load_open();
	return do_open(REAL(open), path, flags, 0);
}

int __open64_2(const char *path, int flags)
{
	load_open64();
	return do_open(REAL(open64), path, flags, 0);
}

int __openat_2(int dirfd, const char *path, int flags)
{
	load_openat();
	return do_openat(REAL(openat), dirfd, path, flags, 0);
}

int __openat64_2(int dirfd, const char *path, int flags)
{
	load_openat64();
	return do_openat(REAL(openat64), dirfd, path, flags, 0);
}

int close(int fd)
{
	load_close();
	untrack(fd);
	return REAL(close)(fd);
}

/* ---- mkdir: never failed, but traced ---- */

DECLARE_REAL(int, mkdir, const char *, mode_t)
DECLARE_REAL(int, mkdirat, int, const char *, mode_t)

static int made(int r, int dirfd, const char *path)
{
	char abs[PATH_MAX];
	if (r == 0 && S.counting && under(dirfd, path) && absolute(dirfd, path, abs))
		report("mkdir\t%s\n", abs);
	return r;
}

int mkdir(const char *path, mode_t mode)
{
	load_mkdir();
	setup();
	return made(REAL(mkdir)(path, mode), AT_FDCWD, path);
}

int mkdirat(int dirfd, const char *path, mode_t mode)
{
	load_mkdirat();
	setup();
	return made(REAL(mkdirat)(dirfd, path, mode), dirfd, path);
}

/* ---- read ---- */

ssize_t read(int fd, void *buf, size_t n)
{
	load_read();
	if (tracked(fd) && fault(OP_READ, path_of(fd)))
		return -1;
	return REAL(read)(fd, buf, n);
}

ssize_t __read_chk(int fd, void *buf, size_t n, size_t buflen)
{
	load___read_chk();
	if (tracked(fd) && fault(OP_READ, path_of(fd)))
		return -1;
	return REAL(__read_chk)(fd, buf, n, buflen);
}

ssize_t pread(int fd, void *buf, size_t n, off_t off)
{
	load_pread();
	if (tracked(fd) && fault(OP_READ, path_of(fd)))
		return -1;
	return REAL(pread)(fd, buf, n, off);
}

ssize_t pread64(int fd, void *buf, size_t n, off_t off)
{
	load_pread64();
	if (tracked(fd) && fault(OP_READ, path_of(fd)))
		return -1;
	return REAL(pread64)(fd, buf, n, off);
}

ssize_t __pread_chk(int fd, void *buf, size_t n, off_t off, size_t buflen)
{
	load___pread_chk();
	if (tracked(fd) && fault(OP_READ, path_of(fd)))
		return -1;
	return REAL(__pread_chk)(fd, buf, n, off, buflen);
}

ssize_t __pread64_chk(int fd, void *buf, size_t n, off_t off, size_t buflen)
{
	load___pread64_chk();
	if (tracked(fd) && fault(OP_READ, path_of(fd)))
		return -1;
	return REAL(__pread64_chk)(fd, buf, n, off, buflen);
}

/*
 * Standard input, read by the shim itself a byte at a time, so that lines
 * can be counted whichever stdio call reads them: glibc's own functions
 * read through an internal read(), but every one that a program calls for
 * a byte or a line of stdin is caught here, and __uflow as well, which the
 * inline getc_unlocked() calls when the stream's buffer is empty. The
 * buffer is never filled, so it stays empty and every byte comes here. A
 * failure is made as a failing read(2) of fd 0 makes it: EOF (or -1, or
 * NULL), errno set, and the stream's error flag set, which ferror() reads.
 */
#define ERR_SEEN 0x20 /* glibc's _IO_ERR_SEEN and _IO_EOF_SEEN */
#define EOF_SEEN 0x10

static bool line_begun; /* the bytes read so far end inside a line */

static bool mine_stdin(FILE *stream)
{
	setup();
	return stream == stdin && (S.counting || S.op >= 0);
}

static int stdin_byte(FILE *stream)
{
	load_read();
	if (!line_begun && fault(OP_STDIN, "<stdin>")) {
		stream->_flags |= ERR_SEEN;
		return EOF;
	}
	unsigned char c;
	ssize_t r = REAL(read)(STDIN_FILENO, &c, 1);
	if (r <= 0) {
		stream->_flags |= r < 0 ? ERR_SEEN : EOF_SEEN;
		return EOF;
	}
	line_begun = c != '\n';
	return c;
}

#undef getc
#undef fgetc
#undef getc_unlocked
#undef fgetc_unlocked
#undef getchar
#undef getchar_unlocked

DECLARE_REAL(int, __uflow, FILE *)
DECLARE_REAL(int, getc, FILE *)
DECLARE_REAL(int, fgetc, FILE *)
DECLARE_REAL(int, getc_unlocked, FILE *)
DECLARE_REAL(int, fgetc_unlocked, FILE *)
DECLARE_REAL(int, getchar, void)
DECLARE_REAL(int, getchar_unlocked, void)
DECLARE_REAL(char *, fgets, char *, int, FILE *)

#define BYTE_READER(name)                                                \
	int name(FILE *stream)                                           \
	{                                                                \
		load_##name();                                           \
		return mine_stdin(stream) ? stdin_byte(stream) : REAL(name)(stream); \
	}

BYTE_READER(__uflow)
BYTE_READER(getc)
BYTE_READER(fgetc)
BYTE_READER(getc_unlocked)
BYTE_READER(fgetc_unlocked)

int getchar(void)
{
	load_getchar();
	return mine_stdin(stdin) ? stdin_byte(stdin) : REAL(getchar)();
}

int getchar_unlocked(void)
{
	load_getchar_unlocked();
	return mine_stdin(stdin) ? stdin_byte(stdin) : REAL(getchar_unlocked)();
}

ssize_t getdelim(char **line, size_t *cap, int delim, FILE *stream)
{
	load_getdelim();
	if (!mine_stdin(stream))
		return REAL(getdelim)(line, cap, delim, stream);
	if (!line || !cap) {
		errno = EINVAL;
		return -1;
	}
	size_t n = 0;
	for (;;) {
		if (!*line || n + 2 > *cap) {
			size_t want = *cap < 120 ? 120 : *cap * 2;
			char *p = realloc(*line, want);
			if (!p)
				return -1;
			*line = p;
			*cap = want;
		}
		int c = stdin_byte(stream);
		if (c == EOF) {
			if (n == 0 || (stream->_flags & ERR_SEEN))
				return -1;
			break;
		}
		(*line)[n++] = (char)c;
		if (c == delim)
			break;
	}
	(*line)[n] = '\0';
	return (ssize_t)n;
}

ssize_t getline(char **line, size_t *cap, FILE *stream)
{
	load_getline();
	return mine_stdin(stream) ? getdelim(line, cap, '\n', stream)
	                          : REAL(getline)(line, cap, stream);
}

char *fgets(char *buf, int size, FILE *stream)
{
	load_fgets();
	if (!mine_stdin(stream))
		return REAL(fgets)(buf, size, stream);
	int n = 0;
	while (n + 1 < size) {
		int c = stdin_byte(stream);
		if (c == EOF) {
			if (n == 0 || (stream->_flags & ERR_SEEN))
				return NULL;
			break;
		}
		buf[n++] = (char)c;
		if (c == '\n')
			break;
	}
	buf[n] = '\0';
	return buf;
}

/* ---- write ---- */

/*
 * The write of n bytes on fd, if it is to fail or be cut short: -1 (errno
 * set) for a failure, the bytes to write for a short write, n otherwise.
 */
static ssize_t write_fault(int fd, size_t n)
{
	if (!tracked(fd))
		return (ssize_t)n;
	if (S.filled) {
		errno = ENOSPC;
		return -1;
	}
	if (!fault(OP_WRITE, path_of(fd)))
		return (ssize_t)n;
	if (!S.full)
		return -1;
	S.filled = true; /* from now on, the disk is full */
	if (n < 2)
		return -1;
	return (ssize_t)(n / 2);
}

ssize_t write(int fd, const void *buf, size_t n)
{
	load_write();
	ssize_t w = write_fault(fd, n);
	return w < 0 ? -1 : REAL(write)(fd, buf, (size_t)w);
}

ssize_t pwrite(int fd, const void *buf, size_t n, off_t off)
{
	load_pwrite();
	ssize_t w = write_fault(fd, n);
	return w < 0 ? -1 : REAL(pwrite)(fd, buf, (size_t)w, off);
}

ssize_t pwrite64(int fd, const void *buf, size_t n, off_t off)
{
	load_pwrite64();
	ssize_t w = write_fault(fd, n);
	return w < 0 ? -1 : REAL(pwrite64)(fd, buf, (size_t)w, off);
}

ssize_t writev(int fd, const struct iovec *iov, int cnt)
{
	load_writev();
	size_t n = 0;
	for (int i = 0; i < cnt; i++)
		n += iov[i].iov_len;
	ssize_t w = write_fault(fd, n);
	if (w < 0)
		return -1;
	if ((size_t)w == n)
		return REAL(writev)(fd, iov, cnt);
	/* Short: the first w bytes of the vector. */
	int k = 0;
	size_t left = (size_t)w;
	struct iovec cut[64];
	while (k < cnt && k < 64 && left > 0) {
		cut[k] = iov[k];
		if (cut[k].iov_len > left)
			cut[k].iov_len = left;
		left -= cut[k].iov_len;
		k++;
	}
	return REAL(writev)(fd, cut, k);
}

/* ---- fsync ---- */

int fsync(int fd)
{
	load_fsync();
	if (tracked(fd) && fault(OP_FSYNC, path_of(fd)))
		return -1;
	return REAL(fsync)(fd);
}

int fdatasync(int fd)
{
	load_fdatasync();
	if (tracked(fd) && fault(OP_FSYNC, path_of(fd)))
		return -1;
	return REAL(fdatasync)(fd);
}

/* ---- rename ---- */

/* After a rename, the descriptors of the file go by its new name. */
static void renamed(int fromfd, const char *from, int tofd, const char *to)
{
	char a[PATH_MAX], b[PATH_MAX];
	if (!absolute(fromfd, from, a) || !absolute(tofd, to, b))
		return;
	for (int fd = 0; fd < MAX_FDS; fd++)
		if (S.paths[fd] && strcmp(S.paths[fd], a) == 0) {
			free(S.paths[fd]);
			S.paths[fd] = strdup(b);
		}
}

static int moved(int r, int fromfd, const char *from, int tofd, const char *to)
{
	if (r == 0)
		renamed(fromfd, from, tofd, to);
	return r;
}

int rename(const char *from, const char *to)
{
	load_rename();
	setup();
	if ((under(AT_FDCWD, from) || under(AT_FDCWD, to)) && fault(OP_RENAME, to))
		return -1;
	return moved(REAL(rename)(from, to), AT_FDCWD, from, AT_FDCWD, to);
}

int renameat(int fromfd, const char *from, int tofd, const char *to)
{
	load_renameat();
	setup();
	if ((under(fromfd, from) || under(tofd, to)) && fault(OP_RENAME, to))
		return -1;
	return moved(REAL(renameat)(fromfd, from, tofd, to), fromfd, from, tofd, to);
}

/* ---- link, unlink (the journal's move) ---- */

int link(const char *from, const char *to)
{
	load_link();
	setup();
	if ((under(AT_FDCWD, from) || under(AT_FDCWD, to)) && fault(OP_LINK, to))
		return -1;
	return REAL(link)(from, to);
}

int unlink(const char *path)
{
	load_unlink();
	setup();
	if (under(AT_FDCWD, path) && fault(OP_UNLINK, path))
		return -1;
	return REAL(unlink)(path);
}

int renameat2(int fromfd, const char *from, int tofd, const char *to, unsigned flags)
{
	load_renameat2();
	setup();
	if ((under(fromfd, from) || under(tofd, to)) && fault(OP_RENAME, to))
		return -1;
	return moved(REAL(renameat2)(fromfd, from, tofd, to, flags), fromfd, from, tofd, to);
}
