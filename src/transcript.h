/*
 * transcript: the session's record on disk, written as the session goes.
 *
 * One YAML file per session (sessions.md, "The transcript"): a header, the
 * turns, and, when the session completes or pauses, the answers,
 * commitments, reviews, practice score, status and end time. Each turn is
 * appended and fsync'd before the next prompt is shown, so the cost of a
 * turn does not grow with the session and a crash loses at most the line
 * being typed. Only a /back (turns taken back) rewrites the whole file,
 * atomically (temporary file, fsync, rename, fsync of the folder).
 *
 * Files are created 0600 with O_EXCL and O_NOFOLLOW: never through a
 * symlink, never over an existing file. Every text is written double-quoted,
 * so any YAML parser reads `yes` or `1.0` back as text. While a Transcript
 * is open its file is held under flock(LOCK_EX), so that another tandem can
 * tell it is in use (flock(LOCK_EX | LOCK_NB) fails).
 *
 * A file without the closing part (no `status:`) is a session that was
 * interrupted: a crash, a kill, or a runtime error that stopped it.
 */
#ifndef TANDEM_TRANSCRIPT_H
#define TANDEM_TRANSCRIPT_H

#include <stdbool.h>

#include "session.h"

typedef struct Transcript Transcript;

/* Creates the file and writes the header, both fsync'd with the folder that
 * holds the file's name. NULL with *err (heap) on failure. */
Transcript *transcript_create(const char *path, const Session *s, char **err);

/*
 * Takes over the transcript of a resumed session. fd is the file, open for
 * reading and writing (O_NOFOLLOW) and held under flock(LOCK_EX) by the
 * caller; the Transcript owns it from here, lock included. s is the session
 * rebuilt from the file's turns (session_replay), every one of them. The
 * file is cut back to `keep` bytes, its header and whole turns (what
 * tread reports as turns_end), dropping a torn tail or the closing part of
 * a pause, and the next turns are appended after them. keep == SIZE_MAX (a
 * file not in the writer's layout) has the file written anew, whole, at the
 * first sync. NULL with *err (heap) on failure; fd is then still the
 * caller's, and the file unchanged.
 */
Transcript *transcript_reopen(const char *path, int fd, const Session *s, size_t keep,
                              char **err);

/* Appends the turns recorded since the last call (rewrites after a /back). */
bool transcript_sync(Transcript *t, const Session *s, char **err);

/* Writes the closing part: complete or paused, with the end time. */
bool transcript_finish(Transcript *t, const Session *s, bool paused, char **err);

/* Closes the file (it stays on disk). NULL is allowed. */
void transcript_close(Transcript *t);

const char *transcript_path(const Transcript *t);

#endif
