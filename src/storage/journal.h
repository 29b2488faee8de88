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
 * What each session left is a JournalEntry, read from the folder's index
 * (jindex.h) while it matches the transcripts, else from them.
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
 * A practice session (a trainee's rehearsal) leaves neither: its answers
 * and commitments are not the client's.
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

/* A number answered to a question in one session: a scale, whose values
 * across sessions make a trend (same node, same words). */
typedef struct ScalePoint {
	char *node;
	char *prompt;
	double value;
} ScalePoint;

/* A file as the folder last showed it: an index entry stands for its
 * transcript only while the file still shows the same. */
typedef struct FileStamp {
	long long size, mtime_ns;
	unsigned long long ino;
} FileStamp;

/*
 * One session of the journal: what the journal's readers use of its
 * transcript, no more, so that the index (jindex.h) can keep it and the
 * transcript need not be read again. Its texts are the client's words, as
 * the transcript's are.
 */
typedef struct JournalEntry {
	char *path;
	FileStamp stamp;
	char *dialogue_id, *title, *lang;   /* title and lang may be NULL */
	Mode mode;
	TrStatus status;
	time_t started;
	char *client;                 /* as the transcript names it, or NULL */
	long running;                 /* seconds it ran (tread_running_seconds) */
	Commitment *made;             /* its closing part's, else those its turns show */
	size_t nmade;
	Review *reviews;              /* none when interrupted; no answers kept */
	time_t *reviewed_at;          /* when each was answered (its status turn) */
	size_t nreviews;
	char **saved;                 /* the names its answers were saved under;
	                                 none when interrupted */
	size_t nsaved;
	ScalePoint *scales;           /* its numbers answered, in turn order */
	size_t nscales;
} JournalEntry;

/* A client's sessions, in start order. */
typedef struct Journal {
	JournalEntry *v;
	size_t n;
	Changes changes;         /* made between sessions (changes.h) */
	bool changes_read;       /* false: the log exists but could not be read */
} Journal;

/*
 * Reads the sessions of folder into j, in start order: from the index for
 * the transcripts it holds as they are, else from the transcripts, and
 * writes the index anew when it did not match the folder (missing, stale
 * or damaged). A file that is not a readable transcript is left out, with
 * its reasons added to d as they are (they name the file, never its
 * contents). False with *err when the folder cannot be read (errno says
 * why), or when a file to read is sealed and this machine has no key
 * (vault_missing; errno 0): left out, every session would seem gone.
 */
bool journal_read(Journal *j, const char *folder, Diags *d, char **err);
void journal_free(Journal *j);

/* Removes folder's index, so that the next read rebuilds it from the
 * transcripts (`tandem history --rebuild`). False with errno set when it
 * existed and could not be removed. */
bool journal_forget_index(const char *folder);

/* The entry of one transcript (tandem show, and the index's rebuild);
 * takes path, copies what it keeps of t. */
JournalEntry journal_entry(char *path, const Tread *t);
void journal_entry_free(JournalEntry *e);

/* Start order, as a journal lists its sessions: by start time, then by
 * file name (X-checkin.yaml before X-checkin-2.yaml). <0, 0 or >0. */
int journal_entry_order(const JournalEntry *a, const JournalEntry *b);

/* Where an engagement stands, from its sessions: framed (a framing or a
 * three-way meeting, nothing since), in progress, or closed (a closing
 * completed after the last of those). */
typedef enum Stage { STAGE_NONE, STAGE_FRAMED, STAGE_PROGRESS, STAGE_CLOSED } Stage;
Stage journal_stage(const Journal *j);

/* What `tandem clients` shows of a journal, kept at the top of its index
 * so that a list of many clients reads none of their sessions. */
typedef struct JournalSummary {
	size_t sessions;
	time_t last_started;          /* of the last session, when there is one */
	char *last_dialogue;          /* its dialogue's id; NULL when no session */
	Stage stage;
	char **open_due;              /* the due date of each open commitment, as
	                                 last renegotiated; NULL when undated */
	size_t nopen;
} JournalSummary;

/* The summary of folder's journal: from its index when that matches the
 * folder, else from its sessions read anew (journal_read, which writes the
 * index). As journal_read for d and *err. */
bool journal_summary(const char *folder, JournalSummary *s, Diags *d, char **err);
void journal_summary_make(const Journal *j, JournalSummary *s);
void journal_summary_free(JournalSummary *s);

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
 * A NULL or missing folder gives an empty history (a first session).
 * The folder is held for the session until the history is freed
 * (jlock.h): NULL with *busy (heap, a sentence for the coach) when another
 * session holds it, errno EWOULDBLOCK, or it cannot be held, or it is there
 * but cannot be read (journal_read's errno).
 */
JournalHistory *journal_history(const char *folder, const Dialogue *d, time_t started,
                                const char *self_path, Diags *diags, char **busy);
const History *journal_history_get(const JournalHistory *h);
void journal_history_free(JournalHistory *h);

#endif
