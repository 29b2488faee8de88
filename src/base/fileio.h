/*
 * fileio: opening and reading the files tandem is given, and the two
 * writing chores every writer shares (a write done whole, a folder synced).
 *
 * A path named on the command line or recorded in a transcript may be
 * anything: a FIFO, whose open waits for a writer and whose read never
 * ends, a device, a folder. tandem reads regular files only. Every file it
 * reads is opened here with O_NONBLOCK, so that opening a FIFO returns at
 * once, checked with fstat and refused unless it is a regular file; the
 * flag is then cleared. Reading stops one byte past a limit whatever size
 * the file claimed, since a file may grow while it is read.
 */
#ifndef TANDEM_FILEIO_H
#define TANDEM_FILEIO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "util.h"

/*
 * Opens path as a regular file, with flags (O_RDONLY or O_RDWR, and
 * O_NOFOLLOW where wanted; O_CLOEXEC is added). Returns the descriptor, or
 * -1 with *why set to what a person reads after "cannot open 'PATH': ":
 * strerror's text, or "it is not a regular file" (errno then EINVAL).
 */
int file_open(const char *path, int flags, const char **why);

/*
 * Reads fd from where it stands to its end into a new buffer of *size
 * bytes, stopping once more than limit bytes were read: *len > limit then
 * tells the caller the file is too large. hint is the size expected
 * (fstat's), 0 when unknown.
 * Returns 0, or an errno value with nothing allocated.
 */
int file_read(int fd, size_t hint, size_t limit, char **out, size_t *len, size_t *size);

/*
 * Reads one line from in into *line, without its "\n" or "\r\n", keeping
 * at most max + 1 bytes of it and reading and dropping the rest, so that a
 * line without end never fills the memory: line->len > max then says the
 * line was too long. Returns 1 for a line (the last may lack its newline),
 * 0 at the end of input, -1 when in could not be read (errno says why).
 */
int file_read_line(FILE *in, Buf *line, size_t max);

/* Writes all n bytes of p to fd, going on after a short write or a signal.
 * False with errno set (EIO for a write that wrote nothing). */
bool file_write_all(int fd, const void *p, size_t n);

/* A new temporary file beside path, for a file written whole then renamed
 * over it: PATH.PID-N.tmp (the one name a leftover of a crash can have),
 * made 0600 with O_EXCL, never through a symlink. Its descriptor, open for
 * writing, and its name in *tmp (heap, the caller's even on failure); -1
 * with errno when none could be made. */
int file_create_temp(const char *path, char **tmp);

/* Puts n bytes of p in place of the file at path, whole or not at all: a
 * new temporary file beside it (0600, never through a symlink), written
 * and fsync'd, then renamed over path; with sync_folder, the folder too,
 * so that the new name survives a power cut. False with errno set, the
 * temporary file removed and path as it was. */
bool file_replace(const char *path, const void *p, size_t n, bool sync_folder);

/* Makes the missing folders above path (0700), each made one fsync'd into
 * its own parent, so that it is on disk before anything put in it. Other
 * errors are left to show where path itself is used. False with errno
 * when a sync failed. */
bool file_make_parents(const char *path);

/* fsyncs the folder dir, so that the names made or removed in it are on
 * disk. False with errno set. */
bool file_sync_folder(const char *dir);

#endif
