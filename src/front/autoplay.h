/*
 * autoplay: sessions played to their end by a robot, in process, to find
 * the nodes and routes of a dialogue that no session reaches and the runs
 * that never end (tandem walk).
 *
 * Each run is a real session of the engine, with no client, no transcript
 * and nothing in the journal: the robot answers every question with a
 * valid answer of its kind, drawn with a seeded random source (the same
 * seed, the same runs). Choices and review statuses are taken in turn,
 * the least taken first; scales at their ends, their middle and the
 * numbers the dialogue compares them with; texts with the literals and
 * patterns the dialogue's conditions read them with (a text that matches,
 * one that does not), an empty line where a question is optional or a
 * list may end; a `validate` pattern first gets a text it refuses, which
 * the session must ask again. Each run gets an invented history: open
 * commitments for `review` (none, one or two) and, for every name the
 * dialogue recalls, nothing, a text, a list, or a value its conditions
 * look for.
 */
#ifndef TANDEM_AUTOPLAY_H
#define TANDEM_AUTOPLAY_H

#include <stddef.h>

#include "coverage.h"
#include "dialogue.h"

typedef struct AutoplayConfig {
	size_t runs;
	unsigned long long seed;     /* run i (from 0) plays with seed + i */
	Mode mode;                   /* 0: the runs take coach, self and practice in turn */
	size_t max_lines;            /* lines a run may take before it counts as endless */
} AutoplayConfig;

/* How a run that failed ended. */
typedef enum RunEnd {
	RUN_ENDLESS,      /* still going after max_lines lines */
	RUN_TRAPPED,      /* entered a node from which it can never complete */
	RUN_ERROR,        /* stopped by a runtime error (a bound met) */
	RUN_STOPPED,      /* stopped though the robot chose to go on */
	RUN_STUCK,        /* the session took none of the robot's answers */
	RUN_NOT_REASKED,  /* it took an answer its `validate` refuses */
} RunEnd;

typedef struct RunFailure {
	size_t run;                  /* from 1 */
	Mode mode;
	RunEnd end;
	char *node;                  /* qualified id where it happened, or NULL */
	char *detail;                /* the engine's message, or NULL */
	size_t lines;                /* lines the run took */
} RunFailure;

typedef struct AutoplayReport {
	size_t runs, complete;
	RunFailure *failures;
	size_t nfailures, cap;
} AutoplayReport;

/* Plays cfg->runs sessions of d, counting into cov (whose modes walked it
 * sets) and reporting each run that failed into rep. */
void autoplay(const Dialogue *d, const AutoplayConfig *cfg, Coverage *cov, AutoplayReport *rep);
void autoplay_report_free(AutoplayReport *rep);

#endif
