/*
 * pickprobe: the benchmark's probe of a `pick` draw. Loads a dialogue
 * whose every answer leads to a new draw (scripts/bench writes it), runs
 * a session in this process, and times each answer: a turn and the draw
 * that follows it, without the process start and the loading that would
 * drown a few milliseconds in a whole run.
 *
 *   pickprobe DIALOGUE N    answers N times, then prints the mean time in
 *                           nanoseconds of answers 1-10 and of answers
 *                           N-9 to N, on one line
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "library.h"
#include "session.h"

static long long now_ns(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (long long)t.tv_sec * 1000000000LL + t.tv_nsec;
}

static void drop(void *ctx, ShowKind kind, const char *text)
{
	(void)ctx, (void)kind, (void)text;
}

int main(int argc, char **argv)
{
	long n = argc == 3 ? strtol(argv[2], NULL, 10) : 0;
	if (n < 20) {
		fprintf(stderr, "usage: pickprobe DIALOGUE N (N at least 20)\n");
		return 2;
	}
	Library *lib = library_new(NULL, 0);
	Diags d = { 0 };
	const Dialogue *dlg = library_load(lib, argv[1], &d);
	if (!dlg) {
		diags_print(&d, stderr, false);
		return 1;
	}
	SessionConfig cfg = { .mode = MODE_COACH, .seed = 1 };
	Session *s = session_new(dlg, &cfg);
	long long first = 0, last = 0;
	for (long i = 0; i < n; i++) {
		if (session_request(s)->kind != REQ_ANSWER) {
			fprintf(stderr, "pickprobe: the session stopped asking at answer %ld\n", i + 1);
			return 1;
		}
		session_flush(s, drop, NULL);
		long long t0 = now_ns();
		session_input(s, "An answer of a few words");
		session_request(s);  /* moves on to the next draw */
		long long t = now_ns() - t0;
		if (i < 10)
			first += t;
		else if (i >= n - 10)
			last += t;
	}
	printf("%lld %lld\n", first / 10, last / 10);
	session_free(s);
	diags_free(&d);
	library_free(lib);
	return 0;
}
