/* front: the REPL at a terminal, the line front end elsewhere. */
#include "front.h"

#include "pipe.h"
#include "repl.h"

int front_end_run(Session *s, const RunIO *io)
{
	int status = repl_fits(io) ? repl_run(s, io) : REPL_UNAVAILABLE;
	return status == REPL_UNAVAILABLE ? pipe_run(s, io) : status;
}
