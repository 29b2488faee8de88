/*
 * front: which front end runs a session. The readline REPL for a person at
 * a terminal, the line front end for everything else (a pipe, a file, a
 * terminal the REPL cannot start on).
 */
#ifndef TANDEM_FRONT_H
#define TANDEM_FRONT_H

#include "loop.h"

/*
 * Runs s with the front end that fits io: the REPL when io->in and io->out
 * are terminals (repl_fits), the line front end otherwise. What `tandem
 * run` and `tandem resume` call. Returns loop_run's status.
 */
int front_end_run(Session *s, const RunIO *io);

#endif
