/*
 * clock: the session's notion of now, and ISO 8601 text for times.
 *
 * TANDEM_NOW (an ISO 8601 time) fixes the clock so that tests and examples
 * are repeatable; otherwise it is the system's time.
 */
#ifndef TANDEM_CLOCK_H
#define TANDEM_CLOCK_H

#include <stdbool.h>
#include <time.h>

/* TANDEM_NOW when set and valid, else time(NULL). */
time_t clock_now(void);

/* Milliseconds of a clock that only goes forward (not TANDEM_NOW): for
 * bounding how long work may take. */
long long clock_ms(void);

/* Whether TANDEM_NOW is set but not a valid time (for a clear message). */
bool clock_env_invalid(void);

/* Parses 2026-11-23T10:00:00Z, with an optional offset (+01:00) instead of
 * Z, or a date alone (midnight UTC). A day or time that does not exist
 * (2026-02-30, 24:00:00) is refused. */
bool clock_parse(const char *s, time_t *out);

/* Whether s is a date alone, written 2026-11-23, that exists: the one rule
 * for a commitment's due date. */
bool clock_is_date(const char *s);

/* Writes t as 2026-11-23T10:00:00Z (UTC). */
void clock_iso(time_t t, char out[32]);

/* Writes the date of t as 2026-11-23 (UTC). */
void clock_date(time_t t, char out[16]);

#endif
