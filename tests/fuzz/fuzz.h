/*
 * fuzz.h: what every fuzz target defines, and the helpers they share.
 *
 * Each target (tests/fuzz/fuzz_*.c) defines LLVMFuzzerTestOneInput, and
 * may define LLVMFuzzerInitialize. Built with clang -fsanitize=fuzzer it is
 * a libFuzzer binary (`make fuzz`); built with replay.c instead it is a
 * plain program that runs the files it is given through the target once
 * each (`make test`, replayed by tests/run over the seeds and the finds).
 *
 * A target is deterministic, frees all it allocates, and writes nothing
 * outside the private folder that fuzz_folder() makes (removed at exit).
 */
#ifndef TANDEM_FUZZ_H
#define TANDEM_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>

#include "pipe.h"
#include "session.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
/* Weak: a target need not define it (libFuzzer declares it so too). */
int LLVMFuzzerInitialize(int *argc, char ***argv) __attribute__((weak));

/* A private folder, made once per process and removed at exit with the
 * files written through fuzz_write_file. */
const char *fuzz_folder(void);

/* Makes the folder NAME in the private folder (removed at exit). */
void fuzz_make_folder(const char *name);

/* Writes data as NAME in the private folder; returns the heap path. */
char *fuzz_write_file(const char *name, const uint8_t *data, size_t size);

/* /dev/null, opened once for writing: where output goes (standard error
 * when FUZZ_SHOW is set, to see what an input does). */
FILE *fuzz_null(void);

/* The fixed clock of sessions: 2026-11-23T10:00:00Z. TANDEM_NOW is set to
 * it too (the loop's /where reads the clock itself). */
time_t fuzz_now(void);

/* The bounds of a fuzzed session's work without input: tighter than a
 * real session's, so that a dialogue made to loop costs milliseconds, not
 * seconds, and the fuzzer keeps its pace. */
extern const SessionBounds fuzz_bounds;

/*
 * A piped session of s on the lines in[0..n): tandem's line front end with
 * no transcript, its output thrown away, as `tandem run` with standard
 * input from a file. Returns its status. The input may be
 * consumed in part (the session completes first): *used says how much.
 */
int fuzz_run_lines(Session *s, const char *in, size_t n, size_t *used);

#endif
