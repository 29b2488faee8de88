/*
 * transcript: the session's record on disk, written as the session goes
 * (transcript_write.c) and read back (transcript_read.c), one contract:
 * the layout below is what both sides rely on.
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
 *
 * Pauses: a session's duration leaves out the time it spent paused, so the
 * pauses must outlive a crash after the resume. Each is an item of the
 * turns (`kind: pause`), appended and fsync'd when the session is resumed,
 * before anything else happens; the closing part no longer lists them.
 * Pause items are not turns: turn numbers, the replay and the notes do not
 * see them. A /back rewrite keeps them, in order, each after the turns it
 * followed (or after the last one left, when those were taken back). A
 * transcript of an older tandem has them in the closing part's `pauses:`
 * instead; those are still read, and written as items when it is resumed.
 */
#ifndef TANDEM_TRANSCRIPT_H
#define TANDEM_TRANSCRIPT_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "diag.h"
#include "session.h"
#include "value.h"

/*
 * The layout. Every scalar is on one line (texts double-quoted, their line
 * breaks escaped); the header ends with the line TR_TURNS; each turn is an
 * item beginning with TR_ITEM, one key a line, its TR_AT line last, so that
 * a turn is whole once that line has its newline; the closing part begins
 * with TR_CLOSING in column 0 right after the last turn, and is whole once
 * the file ends with a whole TR_ENDED line. Items that are not turns follow
 * the same rule: a note (`kind: note`: node, notes, at) and a pause
 * (TR_PAUSE_ITEM, then `paused:`, `resumed:` and TR_AT, the time it was
 * written: that of the resume).
 */
#define TR_TURNS "turns:\n"
#define TR_ITEM "  - "
#define TR_AT "    at: "
#define TR_CLOSING "answers:"
#define TR_ENDED "ended: "
#define TR_PAUSE_ITEM TR_ITEM "kind: pause\n"

/* A time the session was paused and not running: from `paused` (when it
 * stopped) to `resumed`. `after`: how many turns precede its item in the
 * turns list (the pauses of an older closing part: every turn). */
typedef struct TrPause {
	time_t paused, resumed;
	size_t after;
} TrPause;

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
 * the reader reports as turns_end), dropping a torn tail or the closing part of
 * a pause, and the next turns are appended after them. keep == SIZE_MAX (a
 * file not in the writer's layout) has the file written anew, whole, at the
 * first sync. `pauses` are the pause items among the kept turns (the
 * reader's first npause_items), copied, so that a rewrite keeps them.
 * NULL with *err (heap) on failure; fd is then still the caller's, and the
 * file unchanged.
 */
Transcript *transcript_reopen(const char *path, int fd, const Session *s, size_t keep,
                              const TrPause *pauses, size_t npauses, char **err);

/* Appends the turns recorded since the last call (rewrites after a /back). */
bool transcript_sync(Transcript *t, const Session *s, char **err);

/*
 * Records pauses the file does not hold as items yet (the one a session was
 * resumed from, and those of an older closing part): the turns recorded so
 * far, then an item for each of v (their `after` is set to the number of
 * turns), appended and fsync'd (the whole file rewritten when it must be,
 * as transcript_sync does). On failure *err (heap): they may not be on
 * disk, and the session is not to go on.
 */
bool transcript_add_pauses(Transcript *t, const Session *s, const TrPause *v, size_t n,
                           char **err);

/* Writes the closing part: complete or paused, with the end time. */
bool transcript_finish(Transcript *t, const Session *s, bool paused, char **err);

/* Closes the file (it stays on disk). NULL is allowed. */
void transcript_close(Transcript *t);

const char *transcript_path(const Transcript *t);


/* ---- reading ---- */

/*
 * Reading a transcript back (transcript_read.c).
 *
 * Used by `tandem resume` (to rebuild the session and go on appending),
 * `tandem show`, `tandem history` and the client journal. The file is
 * parsed with ydoc (bounded, every value with its file:line:col) into a
 * Tread: the header, the turns (as session.h's Turn, ready for
 * session_replay), and the closing part when there is one.
 *
 * A crash can cut the file in the middle of a write. The reader then keeps
 * every whole turn, drops the torn tail, and says so in Tread.torn: where
 * the whole part ends (byte offset and line), so that resume can truncate
 * the file there and append. A closing part cut short is dropped the same
 * way, and the session reads as interrupted.
 *
 * Bad input (not a transcript, another version, a field of the wrong type)
 * is reported to the Diags as FILE:LINE:COL and tread_load returns NULL.
 * Nothing in a transcript is ever printed by this module: its texts are a
 * client's confidential words.
 */

/* How the session stood when the file was last written. */
typedef enum TrStatus {
	TR_INTERRUPTED,  /* no closing part: a crash, a kill, a runtime error */
	TR_PAUSED,       /* status: paused */
	TR_COMPLETE,     /* status: complete */
} TrStatus;

/* The `dialogue:` block of the header. */
typedef struct TrDialogue {
	char *id;
	char *title;
	char *lang;
	char *file;      /* the dialogue's absolute path when the session began */
	char *sha256;    /* of the dialogue file then, hex */
} TrDialogue;

/* What was dropped from the end of the file, if anything. */
typedef struct TrTorn {
	bool torn;           /* bytes were dropped past the whole part */
	size_t keep;         /* bytes of the file that are whole (the rest is dropped) */
	unsigned line;       /* 1-based line where the dropped part begins */
	size_t dropped;      /* bytes dropped (file size - keep) */
	bool in_closing;     /* the dropped part was a closing part cut short */
} TrTorn;

typedef struct Tread {
	char *path;              /* as given */
	int version;             /* tandem-transcript: 1 */
	TrDialogue dialogue;
	Mode mode;
	char *client;            /* NULL when none */
	unsigned long long seed;
	time_t started;
	char started_iso[32];    /* in UTC, e.g. 2026-11-23T10:00:00Z */

	Turn *turns;             /* nturns whole turns, in order; owned */
	size_t nturns;
	Loc *turn_locs;          /* where each turn begins in the file */
	/* Notes written while a question waited (items of `kind: note`) go
	 * with the turn that follows them; those after the last turn belong
	 * to the question left waiting, and are here. Owned. */
	char **notes;
	size_t nnotes;
	time_t noted_at;         /* when the first of those was typed */

	/* Where the turns end in the file: truncating it here leaves the header
	 * and the whole turns, ready for more turns to be appended. SIZE_MAX
	 * when the file was not laid out by tandem's writer (edited by hand):
	 * the caller must then write it anew rather than append. */
	size_t turns_end;

	TrTorn torn;

	/* The file was sealed with the coach's key (vault.h); its end was cut
	 * short inside a chunk (a crash while writing), or a chunk failed its
	 * tag (altered, moved, another file's): that chunk and all after it
	 * are dropped, the turns before kept. */
	bool sealed, sealed_torn, sealed_refused;

	/* The closing part: present when status is TR_PAUSED or TR_COMPLETE. */
	TrStatus status;
	Vars *answers;           /* by save name, in file order; empty when none */
	Commitment *commitments;
	size_t ncommitments;
	Review *reviews;
	size_t nreviews;
	/* When the session was paused: its pause items (`kind: pause`), in
	 * file order, then the pauses of an older tandem's closing `pauses:`
	 * but for those an item already has (the same `paused` time: one pause
	 * is counted once). Owned. */
	TrPause *pauses;
	size_t npauses;
	size_t npause_items;     /* the first of them, items of the turns */
	time_t last_at;          /* the latest `at:` of the whole items (turns,
	                          * notes, pauses); 0 when there is none */
	bool has_practice;       /* practice: {covered, asked} was written */
	int practice_covered, practice_asked;
	time_t ended;            /* 0 when interrupted */
	char ended_iso[32];      /* in UTC; "" when interrupted */
} Tread;

/*
 * Reads the transcript at path. NULL (with the reasons in d, each with
 * file:line:col) when it is not a transcript tandem can read. A torn tail
 * is not an error: it is described in ->torn.
 */
Tread *tread_load(const char *path, Diags *d);

/* The same from an open file (read from its start; resume reads the file
 * it holds locked). path names it in diagnostics. When the file could not
 * be read at all (an I/O error, not what it holds), *io_error (if not
 * NULL) is the errno, else 0. */
Tread *tread_load_fd(int fd, const char *path, Diags *d, int *io_error);

/* The same from memory (tests, or a file already read); name is used in
 * diagnostics. */
Tread *tread_load_mem(const char *name, const char *data, size_t len, Diags *d);

void tread_free(Tread *t);

/* When the session last ran: its end, else the latest time of its items
 * (turns, notes, pauses: when it was interrupted), else its start. */
time_t tread_stopped(const Tread *t);

/* How long the session ran: from its start to when it stopped
 * (tread_stopped), less the time it spent paused. */
long tread_running_seconds(const Tread *t);

/* "interrupted", "paused", "complete": msgids, English until translated. */
const char *tread_status_name(TrStatus s);

#endif
