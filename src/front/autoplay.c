/*
 * autoplay: the runs of `tandem walk`.
 *
 * A run is a session of the engine as `tandem run` makes one, but with no
 * client, no transcript and a fixed clock, driven by the robot (robot.h)
 * until it completes or fails. A run fails when the engine stops it (a
 * bound met: a runtime error), when it takes max_lines lines without
 * ending, or, at once, when it enters a node from which the routes lead
 * to no end (coverage.h's completes: a run there can only go on for ever,
 * so it is not played to the bound).
 */
#include "autoplay.h"

#include <stdlib.h>
#include <string.h>

#include "robot.h"
#include "util.h"

/* The clock of every run: a Monday, 2026-01-05T10:00:00Z, so that a walk
 * (its `today`, its commitments' dates) is the same whenever it runs. */
static time_t walk_now(void)
{
	return 1767607200;
}

/* The engine's message, when it stops a session. */
static void keep_error(void *ctx, ShowKind kind, const char *text)
{
	Buf *err = ctx;
	if (kind == SHOW_ERROR && !err->len)
		buf_adds(err, text);
}

static void add_failure(AutoplayReport *rep, RunFailure f)
{
	GROW(rep->failures, rep->cap, rep->nfailures + 1);
	rep->failures[rep->nfailures++] = f;
}

/* Plays one session to its end; how it failed in *f, false when it
 * completed. */
static bool play(Robot *rb, Session *s, Coverage *cov, size_t max_lines, RunFailure *f)
{
	Buf err = { 0 };
	bool failed = true;
	for (;;) {
		const Request *r = session_request(s);
		session_flush(s, keep_error, &err);
		if (cov->last != NO_NODE && !cov->completes[cov->last]) {
			f->end = RUN_TRAPPED;
			f->node = xstrdup(cov->d->nodes[cov->last].id);
			break;
		}
		if (r->kind == REQ_DONE) {
			failed = false;
			break;
		}
		if (r->kind == REQ_FAILED || r->kind == REQ_STOPPED) {
			f->end = r->kind == REQ_FAILED ? RUN_ERROR : RUN_STOPPED;
			f->node = r->node ? xstrdup(r->node) : NULL;
			f->detail = err.len ? buf_take(&err) : NULL;
			break;
		}
		if (f->lines >= max_lines) {
			f->end = RUN_ENDLESS;
			f->node = r->node ? xstrdup(r->node) : NULL;
			break;
		}
		char *node = r->node ? xstrdup(r->node) : NULL;
		RobotResult res = robot_answer(rb, s, r, &f->lines);
		if (res != ROBOT_TAKEN) {
			f->end = res == ROBOT_STUCK ? RUN_STUCK : RUN_NOT_REASKED;
			f->node = node;
			break;
		}
		free(node);
	}
	buf_free(&err);
	return failed;
}

void autoplay(const Dialogue *d, const AutoplayConfig *cfg, Coverage *cov, AutoplayReport *rep)
{
	static const Mode modes[] = { MODE_COACH, MODE_SELF, MODE_PRACTICE };
	Robot *rb = robot_new(d, cfg->seed);
	for (size_t i = 0; i < (cfg->mode ? 1 : ARRAY_LEN(modes)); i++)
		coverage_walked(cov, cfg->mode ? cfg->mode : modes[i]);
	for (size_t i = 0; i < cfg->runs; i++) {
		Mode mode = cfg->mode ? cfg->mode : modes[i % ARRAY_LEN(modes)];
		SessionConfig sc = { .mode = mode, .seed = cfg->seed + i, .now = walk_now,
		                     .history = robot_start_run(rb), .trace = &cov->trace };
		Session *s = session_new(d, &sc);
		RunFailure f = { .run = i + 1, .mode = mode };
		cov->last = NO_NODE;
		if (play(rb, s, cov, cfg->max_lines, &f))
			add_failure(rep, f);
		else
			rep->complete++;
		rep->runs++;
		session_free(s);
	}
	robot_free(rb);
}

void autoplay_report_free(AutoplayReport *rep)
{
	for (size_t i = 0; i < rep->nfailures; i++) {
		free(rep->failures[i].node);
		free(rep->failures[i].detail);
	}
	free(rep->failures);
	*rep = (AutoplayReport){ 0 };
}
