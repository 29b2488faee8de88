/*
 * fuzz_dialogue: a dialogue file from anyone, as `tandem check` and then
 * `tandem run` take it.
 *
 * The bytes are written as one file in a private folder and checked by the
 * library (YAML, keys, types, targets, expressions, patterns, variables,
 * reachability), the diagnostics printed with their source lines. A file
 * that loads without errors is then run: as a short piped session (coach
 * and practice modes) on fixed lines that answer, skip, go back, try a
 * practice step again, take notes and pause, what a person at the
 * keyboard may type; and through the
 * session's API by a driver that gives each question an answer that fits
 * (coach and self modes), with two open commitments to review and a
 * recalled value, to go deeper. Beside the file stand the dialogue
 * `checkin` and the bank `powerful` of tests/e2e/dialogues, for a `call`
 * or a `pick` to find; any other finds nothing (there is no library
 * folder) and fails cleanly, and a file that calls itself (`fuzz`) is a
 * cycle.
 */
#include <stdlib.h>
#include <string.h>

#include "dialogue.h"
#include "fuzz.h"
#include "library.h"
#include "util.h"

/* Beside the file, as in tests/e2e/dialogues. */
static const char checkin[] =
	"tandem: 1\n"
	"id: checkin\n"
	"title: Check-in\n"
	"lang: en\n"
	"recall: [goal]\n"
	"nodes:\n"
	"  feeling:\n"
	"    ask: How do you feel right now, {goal}?\n"
	"  body:\n"
	"    ask: Where do you feel it?\n"
	"    optional: true\n";

static const char powerful[] =
	"tandem-bank: 1\n"
	"id: powerful\n"
	"lang: en\n"
	"questions:\n"
	"  - text: What is really important to you here?\n"
	"    tags: [values]\n"
	"  - text: What would you do differently next time?\n"
	"    tags: [options]\n"
	"  - text: Who says you must?\n"
	"    when: /\\b(must|have to)\\b/i\n";

static Vars *recalled;
static Commitment made[] = {
	{ .id = "20261116T100000-1", .what = "Call Sam", .when = "2026-11-20",
	  .measure = "Sam says yes" },
	{ .id = "20261116T100000-2", .what = "Write the plan", .when = "next week",
	  .measure = "A shared document" },
};
static const Commitment *const open_commitments[] = { &made[0], &made[1] };
static History history;

/* What is typed: 50 lines, about every kind of answer and command. */
static const char lines[] =
	"1\n"
	"yes\n"
	"\n"
	"some text\n"
	"2\n"
	"/back\n"
	"7\n"
	"/skip\n"
	"/note a private note\n"
	"2026-12-01\n"
	"done\n"
	"\n"
	"I don't know\n"
	"/where\n"
	"/show\n"
	"3\n"
	"next week\n"
	"It worked\n"
	"\n"
	"//slash\n"
	"0\n"
	"-1\n"
	"10\n"
	"partly\n"
	"/back\n"
	"/back\n"
	"Welcome, everything here stays between us and you set the agenda\n"
	"/again\n"
	"\n"
	"not-done\n"
	"dropped\n"
	"/help\n"
	"Oui\n"
	"\xc3\x89lev\xc3\xa9\n"
	"12345\n"
	"\n"
	"4\n"
	"no\n"
	"/skip\n"
	"\n"
	"1\n"
	"\n"
	"more\n"
	"\n"
	"2\n"
	"\n"
	"/frob\n"
	"5\n"
	"\n"
	"1\n";

/* A piped session on the fixed lines, through tandem's line front end. */
static void piped_session(const Dialogue *dl, Mode mode)
{
	SessionConfig cfg = { .mode = mode, .client = mode == MODE_SELF ? NULL : "Alice", .seed = 1,
	                      .now = fuzz_now, .bounds = &fuzz_bounds };
	Session *s = session_new(dl, &cfg);
	size_t used;
	fuzz_run_lines(s, lines, sizeof(lines) - 1, &used);
	session_free(s);
}

static void shown(void *ctx, ShowKind kind, const char *text)
{
	(void)ctx;
	fprintf(fuzz_null(), "%d| %s\n", (int)kind, text);
}

/*
 * A session that answers what each request asks for (a choice in turn, a
 * number in the range, a text, an empty line to end a list), with a /skip,
 * a note and a /back now and then: it goes deeper into a dialogue than
 * fixed lines do. At most 50 inputs.
 */
static void answering_session(const Dialogue *dl, Mode mode)
{
	static const char *const texts[] = { "an answer", "I don't know", "2026-12-01", "12345",
	                                     "yes" };
	SessionConfig cfg = { .mode = mode, .client = "Alice", .seed = 2, .now = fuzz_now,
	                      .history = &history, .bounds = &fuzz_bounds };
	Session *s = session_new(dl, &cfg);
	for (unsigned i = 0; i < 50; i++) {
		const Request *r = session_request(s);
		session_flush(s, shown, NULL);
		if (r->kind == REQ_DONE || r->kind == REQ_FAILED)
			break;
		char buf[32];
		const char *line = texts[i % 5];
		if (i % 17 == 16) {
			session_back(s);
			continue;
		}
		if (i % 13 == 12)
			session_note(s, "a note");
		if (r->optional && i % 4 == 3) {
			session_skip(s);
			continue;
		}
		if (r->nchoices) {
			line = r->keys[i % r->nchoices];
		} else if (r->scale) {
			unsigned long range = (unsigned long)r->max - (unsigned long)r->min + 1;
			unsigned long k = range ? i % range : 0;
			snprintf(buf, sizeof(buf), "%ld", (long)((unsigned long)r->min + k));
			line = buf;
		} else if (r->ends_on_empty && i % 3 == 2) {
			line = "";
		}
		session_input(s, line);
	}
	session_flush(s, shown, NULL);
	session_free(s);
}

static void cleanup(void)
{
	vars_free(recalled);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	fuzz_now();
	fuzz_null();
	free(fuzz_write_file("checkin.yaml", (const uint8_t *)checkin, sizeof(checkin) - 1));
	fuzz_make_folder("banks");
	free(fuzz_write_file("banks/powerful.yaml", (const uint8_t *)powerful, sizeof(powerful) - 1));
	recalled = vars_new();
	vars_set(recalled, "goal", val_text("Lead the team"));
	vars_set(recalled, "checkin.feeling", val_text("calm"));
	history = (History){ open_commitments, 2, recalled };
	atexit(cleanup);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *path = fuzz_write_file("fuzz.yaml", data, size);
	/* tandem check */
	Library *lib = library_new(NULL, 0);
	Diags d = { 0 };
	bool ok = library_check_file(lib, path, &d);
	diags_sort(&d);
	diags_print(&d, fuzz_null(), true);
	library_free(lib);
	/* tandem run, on a file that checks */
	if (ok && !d.errors) {
		Diags again = { 0 };
		lib = library_new(NULL, 0);
		const Dialogue *dl = library_load(lib, path, &again);
		if (dl) {
			piped_session(dl, MODE_COACH);
			piped_session(dl, MODE_PRACTICE);
			answering_session(dl, MODE_COACH);
			answering_session(dl, MODE_SELF);
		}
		diags_free(&again);
		library_free(lib);
	}
	diags_free(&d);
	free(path);
	return 0;
}
