/*
 * check: what a dialogue means, checked once its call and pick targets are
 * linked: every variable named is declared, expressions are well typed,
 * texts interpolate only known names, every node can be reached and every
 * reachable node can lead to the end of the session.
 */
#ifndef TANDEM_CHECK_H
#define TANDEM_CHECK_H

#include "dialogue.h"

/* Adds the dialogue's problems to d (errors, then warnings). */
void check_dialogue(const Dialogue *dl, Diags *d);

#endif
