/*
 * changes: what a coach records of a commitment between two sessions
 * (`tandem done`, `drop`, `renegotiate`), kept in the client's folder.
 *
 * A client's folder holds one log of them, `commitments.log`: one line a
 * change, each a YAML flow item (`- {commitment: "...", status: done, at:
 * "..."}`), so any YAML tool reads the whole file as a list. A change is
 * appended and fsync'd before the command says it is done, the folder too
 * when the log is new: a crash loses at most the line being written, and
 * a line cut short at the end of the log is ignored as never written.
 * The journal (journal.h) orders the changes with the sessions' reviews
 * by time.
 */
#ifndef TANDEM_CHANGES_H
#define TANDEM_CHANGES_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "diag.h"

typedef struct Change {
	char *commitment;    /* the commitment's id */
	char *status;        /* done, dropped or renegotiated */
	char *when;          /* renegotiated: the new "by when?" as typed, else NULL */
	char *due;           /* ... and the date it names, or NULL */
	time_t at;           /* when the change was recorded */
	unsigned line;       /* its line in the log, from 0: the order within a second */
} Change;

typedef struct Changes {
	Change *v;           /* in time order */
	size_t n;
} Changes;

/* The log's file name in a client's folder. */
#define CHANGES_FILE "commitments.log"

/* Reads folder's log into c (none when it does not exist). A line that is
 * not a change is added to d as a warning, naming the line only, and left
 * out. False (with a warning in d) when the log exists but cannot be read:
 * c is then empty, and nothing should be appended on the strength of it. */
bool changes_read(Changes *c, const char *folder, Diags *d);
/* The same from data[0..len), the log's bytes; name is for diagnostics. */
void changes_parse(Changes *c, const char *name, const char *data, size_t len, Diags *d);
void changes_free(Changes *c);

/* Appends c to folder's log, made 0600 when missing, and syncs it. False
 * with *err (heap, naming the file) when it could not be written. */
bool changes_append(const char *folder, const Change *c, char **err);

#endif
