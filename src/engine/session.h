/*
 * session: the interpreter. Steps one run of a dialogue, turn by turn.
 *
 * The session knows nothing of terminals, files or clocks beyond the
 * callback it is given: a front end (the line one, the readline REPL)
 * asks what the session waits for (session_request), shows what it has to
 * show (session_flush), and hands it each line the person typed
 * (session_input). The session validates the line, records a Turn, moves
 * through `set` and `next` to the next node that needs a person, and
 * queues what to show. Commands (/back, /again, /skip, /note) have verbs
 * of their own; parsing the command line is the front end's job.
 *
 * A Session borrows its Dialogue (which must outlive it) and owns its
 * variables, its turns and its output. It is deterministic: the same
 * dialogue, configuration, seed and inputs give the same turns, which is
 * what /back, /again and resume rely on (they replay the recorded inputs).
 */
#ifndef TANDEM_SESSION_H
#define TANDEM_SESSION_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "commitment.h"
#include "dialogue.h"
#include "routes.h"
#include "value.h"

/* What earlier sessions of this client left, for `review` and `recall`. */
typedef struct History {
	const Commitment *const *open;   /* the commitments still open, oldest first */
	size_t nopen;
	const Vars *recalled;         /* latest value of each recalled name */
} History;

/* The bounds of the work a session does between two lines typed: past
 * one, it stops with an error naming the node (reference.md). */
typedef struct SessionBounds {
	size_t steps;         /* nodes run */
	size_t value_bytes;   /* one text or list '+' builds */
	size_t bytes;         /* all values set and texts queued */
	long long ms;         /* wall time */
} SessionBounds;

/* 100,000 steps, 1 MiB, 64 MiB, 2 seconds. */
extern const SessionBounds session_default_bounds;

/*
 * An observer of the walk (tandem walk's coverage): told of each node
 * entered (not one passed over) and of each route taken, by its kind and
 * index as routes.h numbers them, in whichever dialogue the session runs
 * (a called one too: d tells them apart). A replay (/back, resume) tells
 * them again.
 */
typedef struct SessionTrace {
	void (*entered)(void *ctx, const Dialogue *d, int node);
	void (*routed)(void *ctx, const Dialogue *d, const Route *r);
	void *ctx;
} SessionTrace;

typedef struct SessionConfig {
	Mode mode;
	const char *client;           /* --client, or NULL: vars.client */
	unsigned long long seed;      /* for `pick` */
	time_t (*now)(void);          /* the clock; NULL: time(NULL) */
	const History *history;       /* NULL: a first session */
	/* Asked at every step of the work done without input (set, next,
	 * calls); true (a signal came) stops it: REQ_STOPPED. NULL: never. */
	bool (*stopping)(void);
	/* NULL: session_default_bounds; tighter ones make a fuzzer fast. */
	const SessionBounds *bounds;
	/* NULL: nobody watches the walk. */
	const SessionTrace *trace;
} SessionConfig;

/* What the session shows, in the order it is queued. */
typedef enum ShowKind {
	SHOW_SECTION,    /* a heading: on entering a node that has one, and in
	                    practice, at the end, before the points missed */
	SHOW_COACH,      /* guidance for the coach (never in self mode) */
	SHOW_SAY,        /* script text: read aloud, or read, in self mode */
	SHOW_QUESTION,   /* the question now asked */
	SHOW_INFO,       /* neutral text, e.g. a review with nothing to review */
	SHOW_INVALID,    /* why the last line was not taken */
	SHOW_COVERED,    /* practice: a key point the phrasing covered */
	SHOW_MISSED,     /* practice: a key point it missed (at the end too) */
	SHOW_REFERENCE,  /* practice: the reference text (at the end, after the
	                    points its step missed) */
	SHOW_SCORE,      /* practice: the score, at the end, before the points
	                    missed */
	SHOW_END,        /* closing text */
	SHOW_ERROR,      /* a runtime error that stopped the session */
} ShowKind;

typedef enum ReqKind {
	REQ_CONTINUE,    /* a `say`: any line (Enter) goes on */
	REQ_PHRASING,    /* practice: the trainee's own phrasing of a `say` */
	REQ_ANSWER,      /* a question: the line is the answer */
	REQ_DONE,        /* the session is complete; no more input */
	REQ_FAILED,      /* stopped by a runtime error (shown as SHOW_ERROR) */
	REQ_STOPPED,     /* cfg.stopping said to stop during work without input:
	                    the front end saves the session as paused */
} ReqKind;

/* What the session waits for. Valid until the next call that changes it. */
typedef struct Request {
	ReqKind kind;
	const char *node;           /* qualified id: "node" or "called.node" */
	const char *section;        /* the current section, or NULL */
	const char *prompt;         /* the question or say text as shown */
	const char *const *labels;  /* choice labels as shown (menus, completion) */
	const char *const *keys;    /* the choices' keys, aligned with labels */
	size_t nchoices;
	bool scale;
	long min, max;              /* with scale */
	bool optional;              /* an empty line or /skip passes */
	bool ends_on_empty;         /* repeat and commitments: empty ends the loop */
	int index;                  /* repeat, each, pick, review: 0-based round */
} Request;

typedef enum InputResult {
	INPUT_TAKEN,     /* recorded; the session moved on */
	INPUT_INVALID,   /* not taken; the reason is queued as SHOW_INVALID */
} InputResult;

/* One recorded turn: what was shown and what was answered. */
typedef struct Turn {
	char *node;          /* qualified node id */
	NodeKind kind;
	char *section;       /* NULL when none */
	char *prompt;        /* as shown, after interpolation */
	char *field;         /* part of a loop: "what", "when", "measure",
	                        "status", "question"; NULL otherwise */
	char *input;         /* the line as typed, replayed by /back and resume */
	Value answer;        /* VAL_UNSET for a `say` continued with Enter */
	bool skipped;        /* passed with /skip or an empty optional answer */
	time_t at;
	char **notes;
	size_t nnotes;
	/* The first `waited` notes were typed while the question waited, from
	 * noted_at on: on disk they come before the turn, as a note item. */
	size_t waited;
	time_t noted_at;
	int covered, asked;  /* practice points of this turn */
	/* Practice: the points this phrasing covered and those it missed, as
	 * shown (the dialogue's `point:` texts). Transcripts written before
	 * they were recorded have the counts alone: both lists empty. */
	char **covered_points;
	size_t ncovered_points;
	char **missed_points;
	size_t nmissed_points;
	/* Practice: 2, 3... for a step tried again with /again (its earlier
	 * attempt is the turn just before); 0 for a first attempt. */
	int attempt;
} Turn;

/* Frees what a Turn owns (not the Turn itself): for whoever builds them,
 * the session or a transcript read back. */
void turn_free(Turn *t);

/* Whether turns[i], of n, is an attempt tried again with /again: the turn
 * after it is the next attempt at the same step. Only the last attempt of
 * a step counts in the score and in the points missed. */
bool turn_superseded(const Turn *turns, size_t n, size_t i);

typedef enum SessionStatus { STATUS_RUNNING, STATUS_COMPLETE, STATUS_FAILED } SessionStatus;

typedef struct Session Session;

Session *session_new(const Dialogue *d, const SessionConfig *cfg);
/* The same for a session that began at `started` (resume: `today`, the
 * turns' dates and the journal's view all keep the first start). */
Session *session_new_at(const Dialogue *d, const SessionConfig *cfg, time_t started);
void session_free(Session *s);

/* Sets cfg.stopping: a front end's way to stop the work without input
 * when a signal comes (kept across /back). */
void session_set_stopping(Session *s, bool (*stopping)(void));

/* Moves on to the next node that needs a person and says what it waits for. */
const Request *session_request(Session *s);

/* Hands each queued item to fn, in order, and empties the queue. */
void session_flush(Session *s, void (*fn)(void *ctx, ShowKind kind, const char *text),
                   void *ctx);

/* The line typed for the current request (without its newline). */
InputResult session_input(Session *s, const char *line);

/* /skip: passes an optional question. False (reason queued) otherwise. */
bool session_skip(Session *s);

/* /back: undoes the last answer and asks that question again.
 * False (reason queued) when there is nothing to undo. */
bool session_back(Session *s);

/*
 * /again, in practice mode: the step whose phrasing was just marked is
 * asked again, before anything else is answered; the attempt stays
 * recorded, and the next one is recorded as a turn of its own (Turn.attempt
 * 2, 3...) which takes its place in the score. Like /back, it rebuilds the
 * session by replaying its turns, the last one as an attempt to try again;
 * the turns themselves are unchanged. False (reason queued, nothing
 * changed) outside practice mode, or when the last turn is not a marked
 * phrasing.
 */
bool session_again(Session *s);

/* /note: a private coach note, attached to the turn being answered. */
void session_note(Session *s, const char *text);

/*
 * Replays recorded turns (their inputs, skips, notes and times) into a new
 * session, to rebuild its state after a resume. A turn followed by another
 * attempt at its step (Turn.attempt > 1) is replayed as /again left it: the
 * session stays at that step. Returns how many turns were replayed; fewer
 * than n means turn [result] no longer fits the dialogue.
 */
size_t session_replay(Session *s, const Turn *turns, size_t n);
/* Gives back, after a replay, the notes a transcript kept for the question
 * left waiting, first typed at `at`. */
void session_replay_notes(Session *s, char *const *notes, size_t n, time_t at);

/* What the transcript records. */
const Dialogue *session_dialogue(const Session *s);
Mode session_mode(const Session *s);
const char *session_client(const Session *s);  /* NULL when none */
time_t session_started(const Session *s);
/* The seed `pick` draws with (SessionConfig.seed), for the transcript. */
unsigned long long session_seed(const Session *s);
SessionStatus session_status(const Session *s);
size_t session_nturns(const Session *s);
/* The notes typed while the question now waiting has no answer yet; they
 * go with its turn once it is answered. *n is their count; *node and *at
 * (when not NULL) the question's node (qualified id) and when each of them
 * was typed. */
const char *const *session_pending_notes(const Session *s, size_t *n, const char **node,
                                        const time_t **at);
const Turn *session_turn(const Session *s, size_t i);
/* Answers by save name, in the order first given; fn sees each. */
void session_answers(const Session *s, void (*fn)(void *ctx, const char *name, const Value *v),
                     void *ctx);
size_t session_ncommitments(const Session *s);
const Commitment *session_commitment(const Session *s, size_t i);
size_t session_nreviews(const Session *s);
const Review *session_review(const Session *s, size_t i);
/* Practice points covered and asked so far: the last attempt of each step. */
void session_practice_score(const Session *s, int *covered, int *asked);
/* Grows whenever recorded turns are taken back (/back), so that a writer
 * that appended them knows to rewrite. */
unsigned session_generation(const Session *s);

#endif
