/*
 * robot: the person `tandem walk` plays, one request at a time: which
 * valid answer to give, and what history a run begins with.
 *
 * The robot keeps, across runs, how often it gave each answer at each
 * node, and gives the least given first (ties broken at random, and one
 * time in four any answer at random): so that every choice of a menu is
 * taken in turn, while the runs still mix them in new ways.
 */
#ifndef TANDEM_ROBOT_H
#define TANDEM_ROBOT_H

#include <stddef.h>

#include "dialogue.h"
#include "session.h"

typedef struct Robot Robot;

/* A robot for sessions of top (and what it calls), drawing with seed. */
Robot *robot_new(const Dialogue *top, unsigned long long seed);
void robot_free(Robot *rb);

/* Starts a run: the history it begins with (none, one or two open
 * commitments, and for each name top and its callees recall nothing, a
 * text, a list or a value their conditions look for), valid until the
 * next call or robot_free; and, one run in four, a theme: one of the texts
 * top's conditions compare answers with, given wherever it is offered. */
const History *robot_start_run(Robot *rb);

typedef enum RobotResult {
	ROBOT_TAKEN,         /* an answer was taken */
	ROBOT_STUCK,         /* none of the robot's answers was taken */
	ROBOT_NOT_REASKED,   /* the session took an answer its `validate` refuses */
} RobotResult;

/* Answers r, what s waits for (REQ_CONTINUE, REQ_PHRASING or
 * REQ_ANSWER), with one line or more (a refused one first, for a
 * `validate`), each counted in *lines. */
RobotResult robot_answer(Robot *rb, Session *s, const Request *r, size_t *lines);

#endif
