/*
 * commitment: what a person commits to in a session, and what a later
 * session made of it.
 *
 * One type for each idea, whoever holds it: the session that makes a
 * commitment, the transcript that keeps it and the journal that follows
 * it between sessions all use Commitment; the session that reviews one and
 * the transcript that keeps the review use Review. The id and due-date
 * rule is commitment_make's alone, so that a commitment rebuilt from an
 * interrupted session's turns has the id and due date the session would
 * have written.
 */
#ifndef TANDEM_COMMITMENT_H
#define TANDEM_COMMITMENT_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "value.h"

typedef struct Commitment {
	char *id;        /* the making session's start (UTC) and rank: 20261123T100000-1 */
	char *what;
	char *when;      /* as typed */
	char *due;       /* `when` read as a date (deadline_read), 2026-11-27, else NULL */
	char *measure;
	char *status;    /* "open", or what a later review made of it */
	char *node;      /* qualified id of the node that made it, or NULL */
} Commitment;

typedef struct Review {
	char *commitment;    /* id of the commitment reviewed */
	char *what;          /* NULL when a transcript has none */
	char *status;        /* done, partly, not-done, dropped */
	Value answers;       /* the learning answers: a list of texts */
} Review;

/* The rank-th (from 1) commitment of the session that started at
 * `started`, open; its texts are copied. Its due date is `when` read by
 * deadline_read in the session's language `lang` against the start's
 * date, none when it reads none. node may be NULL. */
Commitment commitment_make(time_t started, const char *lang, size_t rank, const char *what,
                           const char *when, const char *measure, const char *node);

/* The statuses a review gives, as transcripts write them: done, partly,
 * not-done, dropped. */
enum { REVIEW_NSTATUS = 4 };
extern const char *const review_status_keys[REVIEW_NSTATUS];

/* A status as a person reads it, in lang's language ("not-done": "not
 * done"), these four, "renegotiated" (between sessions) and "open"; NULL
 * for any other. */
const char *review_status_label(const char *status, const char *lang);

/* Whether a commitment of that status is still to be reviewed. */
bool commitment_is_open(const char *status);

/* A copy of c that owns its texts, but for when, due and status, taken
 * from the arguments (a commitment as a later change left it). */
Commitment commitment_copy(const Commitment *c, const char *when, const char *due,
                           const char *status);

/* Free what they own, not the structs. */
void commitment_free(Commitment *c);
void review_free(Review *r);

#endif
