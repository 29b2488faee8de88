/*
 * cmd_session: what `tandem run` and `tandem resume` share, written once:
 * reading the history a session sees, and running it on its transcript.
 */
#include "cmd.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "diag.h"
#include "front.h"
#include "i18n.h"
#include "util.h"

JournalHistory *cmd_session_history(const char *who, const char *folder, const Dialogue *d,
                                    time_t started, const char *self, int *status)
{
	Diags warns = { 0 };
	char *busy = NULL;
	JournalHistory *h = journal_history(folder, d, started, self, &warns, &busy);
	int e = errno;
	diags_report(&warns, DIAG_NO_QUOTE);  /* transcripts: a client's words */
	diags_free(&warns);
	if (!h) {
		/* Held by another session, or sealed with no key here: not the
		 * machine's failure. */
		*status = e == EWOULDBLOCK || e == 0 ? EXIT_INVALID : EXIT_RUNTIME;
		cmd_error(who, "%s\n", busy);
		free(busy);
	}
	return h;
}

int cmd_session_run(Session *s, Transcript *t, const char *path)
{
	i18n_use(session_dialogue(s)->lang);  /* from here on, the session's language */
	char *hint = cmd_resume_hint(path, 0);
	RunIO io = { stdin, stdout, stderr, t, hint };
	int status = front_end_run(s, &io);
	transcript_close(t);
	free(hint);
	return status;
}
