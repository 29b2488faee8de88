/*
 * journal: the client journal: where a client's sessions live and what
 * they left.
 *
 * The journal's home is $TANDEM_HOME, else $XDG_DATA_HOME/tandem/clients,
 * else ~/.local/share/tandem/clients: apart from the dialogues. Each client
 * has one folder in it, named from the client's name (journal_folder_name)
 * and found again whatever the case or accents (clients.h); a person
 * coaching themselves has the folder `self`, which is also `--client
 * self`. A session's transcript is FOLDER/2026-11-23T10-00-00Z-ID.yaml
 * (its start time and dialogue id; -2, -3... when that name is taken).
 *
 * Folders are created 0700 and a home or client folder that is a symbolic
 * link is refused: transcripts hold a client's confidential words, and a
 * link would send them wherever it points.
 *
 * What the sessions left, as the interpreter's History (session.h):
 *   - the open commitments: made in an earlier session and not closed by a
 *     later review marking them `done` or `dropped` (`partly` and
 *     `not-done` stay open, to be reviewed again), oldest first;
 *   - the recalled values: for each name in the `recall:` list of the
 *     dialogue (and of the dialogues it calls), the latest value saved
 *     under that name in an earlier session, whatever its dialogue. A name
 *     matches an answer saved under the same name at the top of a session
 *     (`indicators` from framing recalled in closing), else one saved
 *     under it inside a call (`checkin.indicators`).
 * Earlier means started before the session at hand: for a new session,
 * every transcript already in the folder; for a resumed one, those that
 * started before it (ties by file name), so that a resume sees the history
 * its first run saw. A paused or complete session counts through its
 * closing part; an interrupted one (no closing part) through the
 * commitments its turns show, its reviews and answers counting once it is
 * resumed and closed: a review lost to a crash leaves its commitment open,
 * to be asked again rather than forgotten.
 */
#ifndef TANDEM_JOURNAL_H
#define TANDEM_JOURNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "changes.h"
#include "dialogue.h"
#include "diag.h"
#include "session.h"
#include "transcript.h"

/* The journal's home folder (heap string), whether it exists or not. */
char *journal_home(void);

/*
 * The folder name for a client (heap string); NULL (with *err, heap) for a
 * name that is empty or too long. NULL client: "self". The mapping keeps
 * ASCII letters, digits, - _ . @ + and every valid, visible non-ASCII
 * UTF-8 character (Élodie stays Élodie), and writes any other byte as %XX
 * (so a '/' is %2F, a space %20, a '%' %25, a bidirectional control or a
 * zero-width space each of its bytes), and a leading '.' as %2E. It is
 * reversible (journal_client_name), so two names never share a folder.
 */
char *journal_folder_name(const char *client, char **err);

/* The client's name back from a folder name (heap string). */
char *journal_client_name(const char *folder_name);

/*
 * The client's folder, as a heap path: the folder of the client whose name
 * has the same key (clients_find), else a new one; NULL client or `self`:
 * the person's own. With create, the home and the folder are made (0700)
 * when missing; without, a missing folder is an error. A home or client folder that is a symbolic link, or not a folder,
 * is refused. NULL with *err (heap, naming the folder) on failure.
 */
char *journal_folder(const char *client, bool create, char **err);

/* The folder of sessions in no one's journal (a coach's session run
 * without a client), made when missing: `.unfiled` in the home, which no
 * client's name can give. Heap path, or NULL with *err. */
char *journal_unfiled(char **err);

/* A path for a new transcript in folder, not yet taken (heap string). */
char *journal_new_path(const char *folder, const char *dialogue_id, time_t started);

/* One session of the journal. */
typedef struct JournalEntry {
	char *path;
	Tread *t;
	Commitment *derived;   /* an interrupted session's commitments, from its turns */
	size_t nderived;
} JournalEntry;

/* A client's sessions, in start order. */
typedef struct Journal {
	JournalEntry *v;
	size_t n;
	Changes changes;         /* made between sessions (changes.h) */
	bool changes_read;       /* false: the log exists but could not be read */
} Journal;

/*
 * Reads every transcript (*.yaml) of folder into j, in start order. A file
 * that is not a readable transcript is left out, with its reasons added
 * to d as they are (they name the file, never its contents). False with
 * *err when the folder cannot be read.
 */
bool journal_read(Journal *j, const char *folder, Diags *d, char **err);
void journal_free(Journal *j);

/* An entry for one transcript read alone (tandem show); takes path and t. */
JournalEntry journal_entry(char *path, Tread *t);
void journal_entry_free(JournalEntry *e);

/* The commitments a session made: its closing part's, else its turns'. */
const Commitment *journal_made(const JournalEntry *e, size_t *n);

/* Where a commitment stands after some sessions of a journal: not a copy
 * of it, but the sessions that made and last reviewed it. */
typedef struct Standing {
	const Commitment *c;
	const JournalEntry *made;      /* the session that made it */
	const char *status;            /* "open", or the latest review's or change's */
	const JournalEntry *reviewed;  /* the session of the latest review, or NULL */
	const Change *changed;         /* the latest change between sessions, when it
	                                  came after that review; else NULL */
	const char *when, *due;        /* as made, or as last renegotiated */
} Standing;

/* Every commitment made in sessions [0, upto) of j, oldest first, with
 * its status after them and after the changes recorded between sessions
 * before session upto began (all of them when upto is j->n), each change
 * or review taking effect in time order. *out is a heap array the caller
 * frees. */
size_t journal_commitments(const Journal *j, size_t upto, Standing **out);

/* What earlier sessions left for one session; owns what it points to. */
typedef struct JournalHistory JournalHistory;

/*
 * The history of the session of dialogue d that started at `started` in
 * the client's folder: self_path is its own transcript when it is being
 * resumed (left out, and ties broken by name), NULL for a new session.
 * Unreadable transcripts are reported to d as warnings and skipped.
 * A NULL folder gives an empty history (a first session).
 */
JournalHistory *journal_history(const char *folder, const Dialogue *d, time_t started,
                                const char *self_path, Diags *diags);
const History *journal_history_get(const JournalHistory *h);
void journal_history_free(JournalHistory *h);

#endif
