/*
 * report: a session as a Markdown document, for the coach's files or, with
 * `share`, for peers.
 *
 * Layout: a title (the dialogue's), a short list (client, date, duration,
 * mode, status, dialogue id), then the turns in order under a `##` heading
 * for each section: every question as a bold line with its answer below
 * (a list answer as bullets, a choice by its label when the dialogue is
 * at hand, a skipped question marked so), practice
 * points after a phrasing, coach notes as quoted lines. Then the
 * commitments as a table, the reviews (each commitment reviewed, its
 * status, the learning questions and answers), and in practice mode the
 * score. Commitment and review turns appear only in those sections, not
 * twice. Labels are in the dialogue's language (fr or en).
 *
 * With share, coach notes are left out and every text goes through the
 * Redactor (redact.h) given: the client's name replaced, e-mail addresses,
 * phone numbers and chosen words masked. Texts are cleaned of terminal
 * escapes and Markdown's special characters are escaped, so an answer can
 * never turn into a heading, a link or a table row.
 */
#ifndef TANDEM_REPORT_H
#define TANDEM_REPORT_H

#include <stdbool.h>
#include <stdio.h>

#include "dialogue.h"
#include "redact.h"
#include "transcript.h"

typedef struct ReportOpts {
	const Redactor *redact;   /* NULL: the coach's own report, notes included */
	const char *client_alias; /* with redact: how the client is named */
	const Dialogue *dialogue; /* the session's dialogue, unchanged since, to show
	                             choices by their labels; NULL: by their keys */
} ReportOpts;

/* Writes the session t, whose commitments are c[0..nc), to out. */
void report_markdown(FILE *out, const Tread *t, const Commitment *c, size_t nc,
                     const ReportOpts *o);

#endif
