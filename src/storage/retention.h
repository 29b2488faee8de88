/*
 * retention: how long a client's journal is kept after their last
 * session, and which clients are past it.
 *
 * Codes of ethics and data-protection law ask that what is kept about a
 * client be kept no longer than it is needed. The coach sets a period in
 * TANDEM_RETENTION (3y, 18m, 90d); `tandem clients` marks the clients
 * whose last session began before the period, counted back from now, and
 * `tandem forget --expired` erases exactly those. A client with no session
 * has no date to count from and is never due.
 *
 * Periods are calendar ones, in UTC: a month back from 31 March is the
 * last day of February, a year back from 29 February is 28 February.
 */
#ifndef TANDEM_RETENTION_H
#define TANDEM_RETENTION_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "clients.h"
#include "diag.h"

/* The environment variable that holds the period. */
#define RETENTION_ENV "TANDEM_RETENTION"

typedef struct Retention {
	unsigned n;      /* how many units: 1 or more */
	char unit;       /* 'y' years, 'm' months, 'd' days */
} Retention;

/* Reads a period written as a whole number and its unit, nothing else:
 * "3y" (1 to 100 years), "18m" (1 to 1200 months), "90d" (1 to 36500
 * days). False for anything else (" 3y", "3 y", "0d", "3w", "1.5y"). */
bool retention_parse(const char *s, Retention *r);

typedef enum RetentionEnv {
	RETENTION_UNSET,   /* not set, or set empty: no period */
	RETENTION_SET,     /* a period, in *r */
	RETENTION_BAD,     /* set, but not a period: a clear error for the caller */
} RetentionEnv;

/* TANDEM_RETENTION, read. */
RetentionEnv retention_env(Retention *r);

/* The period written back ("3y"), into out. */
void retention_text(const Retention *r, char out[16]);

/* now less the period: a journal whose last session began before it is
 * due for deletion. */
time_t retention_cutoff(const Retention *r, time_t now);

/* One client due for deletion. */
typedef struct Expired {
	const Client *client;   /* one of the Clients given, not owned */
	char *folder;           /* the client's folder (heap path) */
	time_t last;            /* when their last session began */
} Expired;

/*
 * The clients of c whose last session began before the period counted
 * back from now, in c's order, as a heap array in *out (n of them, the
 * return value; free with retention_due_free). A journal that cannot be
 * read is left out, its reason added to d as a warning.
 */
size_t retention_due(const Clients *c, const Retention *r, time_t now, Expired **out, Diags *d);
void retention_due_free(Expired *v, size_t n);

/* Whether e is due still: its journal read again shows no session begun
 * since it was listed, and none after the cutoff. */
bool retention_still_due(const Expired *e, const Retention *r, time_t now);

#endif
