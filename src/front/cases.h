/*
 * cases: a dialogue author's own scripted sessions, played in process
 * through the turn loop (loop.h) exactly as `tandem run` plays lines from
 * a pipe, with no transcript, each checked against the route it expects
 * (tandem walk --cases DIR; docs/authoring.md).
 *
 * A case is a file NAME.case of DIR in the format of the end-to-end suite
 * (tests/e2e/run): a YAML mapping of which these keys are read:
 *
 *   dialogue: grow.yaml     the file it is for, from DIR or from
 *                           DIR/../dialogues; a name found in neither,
 *                           any file of that name; absent: any
 *   input: ["Ann", ""]      the lines typed, "" for Enter, /commands too;
 *                           {repeat: a, times: 3000, end: "!"}: a long line
 *   args: [--mode, self]    --mode and --client are honoured
 *   seed: 1                 for `pick` (default 1)
 *   expect:
 *     route: [node, ...]    the turns' nodes, in order (qualified in calls)
 *     status: complete      complete | paused | none (a runtime error)
 *
 * A case for another dialogue is skipped, and so is one about tandem's
 * surroundings rather than the dialogue: one that runs another command
 * (`command:`), needs a client's journal (`sessions:`), a full disk or a
 * memory limit, files made around it (`setup:`), an --out tandem refuses.
 */
#ifndef TANDEM_CASES_H
#define TANDEM_CASES_H

#include <stdbool.h>
#include <stddef.h>

#include "coverage.h"
#include "diag.h"

typedef struct CaseResult {
	char *name;          /* the file's name */
	bool skipped;
	char *why;           /* what did not hold (heap), NULL when it passed */
} CaseResult;

typedef struct CasesReport {
	CaseResult *v;
	size_t n, cap;
	size_t passed, failed, skipped;
} CasesReport;

/* Plays the cases of dir that are for d, counting into cov; a case file
 * that cannot be read adds its problems to diags and fails. False with
 * *err (heap) when dir itself cannot be read. */
bool cases_run(const Dialogue *d, const char *dir, Coverage *cov, CasesReport *rep,
               Diags *diags, char **err);
void cases_report_free(CasesReport *rep);

#endif
