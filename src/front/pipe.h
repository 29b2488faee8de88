/*
 * pipe: the line front end. Reads one line per input from a stream (a
 * pipe, a file), and shows each item as plain lines (term.h without colour
 * nor wrapping); SIGTERM, SIGHUP and SIGINT pause the session.
 */
#ifndef TANDEM_PIPE_H
#define TANDEM_PIPE_H

#include "loop.h"

/* loop_run with the line front end, io->in read line by line. */
int pipe_run(Session *s, const RunIO *io);

#endif
