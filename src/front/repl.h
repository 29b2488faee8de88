/*
 * repl: the readline front end, for a person at a terminal.
 *
 * Drives a Session like the line front end does (the same commands, the
 * same syncing of the transcript, through loop.h), with line editing, tab
 * completion of commands and of the current question's choice labels,
 * styled and wrapped output (term.h) and a prompt that says where the
 * session is. Ctrl-C clears the line being typed; Ctrl-D, SIGTERM and
 * SIGHUP save and leave (paused). Nothing typed is kept in a history,
 * in memory or on disk.
 */
#ifndef TANDEM_REPL_H
#define TANDEM_REPL_H

#include <stdbool.h>

#include "loop.h"
#include "session.h"

/*
 * Whether io is a person at a terminal: both io->in and io->out are
 * terminals. With output redirected, readline would copy each answer
 * typed into that file; the line front end leaves echoing to the terminal.
 */
bool repl_fits(const RunIO *io);

/*
 * One line asked at a terminal before any session (the menu of `tandem`
 * alone), read with readline: line editing, and Tab completing one of the
 * n words (case and accents ignored). Nothing typed is kept in a history.
 * Heap string, NULL at end of input.
 */
char *repl_ask(const char *prompt, const char *const *words, size_t n);

/* repl_run could not set the terminal up: use another front end. */
enum { REPL_UNAVAILABLE = -1 };

/*
 * Runs s until it completes, pauses (/pause, Ctrl-D, SIGTERM, SIGHUP) or
 * fails, reading io->in through readline. Same contract as loop_run:
 * returns 0 complete or paused, 3 stopped by a runtime error or a failed
 * write; or REPL_UNAVAILABLE, having said why on io->err, when the
 * terminal front end cannot start (nothing was read or shown). Leaves the
 * terminal and the signal dispositions as it found them.
 */
int repl_run(Session *s, const RunIO *io);

#endif
