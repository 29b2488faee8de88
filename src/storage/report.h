/*
 * report: a session as a Markdown document, for the coach's files or for
 * someone else: the client, the sponsor, peers (audience.h).
 *
 * Layout: a title (the dialogue's), a short list (client, date, duration,
 * mode, status, dialogue id, and whom the report is for), then the turns
 * in order under a `##` heading for each section: every question as a
 * bold line with its answer below (a list answer as bullets, a choice by
 * its label when the dialogue is at hand, a skipped question marked so),
 * practice points after a phrasing, coach notes as quoted lines. Then the
 * commitments as a table, the reviews (each commitment reviewed, its
 * status, the learning questions and answers), and in practice mode the
 * score. Commitment and review turns appear only in those sections, not
 * twice. Labels are in the dialogue's language (fr or en).
 *
 * For anyone but the coach, a part shows only when the reader may read it
 * (audience.h): coach notes never, each answer as its node's audience says,
 * and none whose audience cannot be told (the dialogue not at hand), which
 * a line of the report then says. For peers every text also goes through
 * the Redactor given: the client's name replaced, e-mail addresses, phone
 * numbers and chosen words masked. Texts are cleaned of terminal escapes
 * and Markdown's special characters are escaped, so an answer can never
 * turn into a heading, a link or a table row.
 */
#ifndef TANDEM_REPORT_H
#define TANDEM_REPORT_H

#include <stdbool.h>
#include <stdio.h>

#include "audience.h"
#include "dialogue.h"
#include "redact.h"
#include "transcript.h"

typedef struct ReportOpts {
	Reader reader;            /* whom it is for; READER_COACH: everything */
	const Redactor *redact;   /* NULL, or what masks every text (for peers) */
	const char *client_alias; /* with redact: how the client is named */
	const Dialogue *dialogue; /* the session's dialogue, unchanged since: its
	                             choices' labels and its nodes' audiences;
	                             NULL: choices by their keys, and for anyone
	                             but the coach, no answer */
} ReportOpts;

/* Writes the session t, whose commitments are c[0..nc), to out. */
void report_markdown(FILE *out, const Tread *t, const Commitment *c, size_t nc,
                     const ReportOpts *o);

#endif
