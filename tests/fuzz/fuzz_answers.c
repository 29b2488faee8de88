/*
 * fuzz_answers: the parsers of what a person types, through the line
 * runner as `tandem run` reads a pipe.
 *
 * Two fixed dialogues (English and French, with a menu in short and long
 * form, scales, a pattern to validate, an optional question, a repeat
 * list, an `each`, a review of two open commitments and a commitments
 * loop with its dates) are run in turn on the lines of the input, a new
 * session whenever one completes, until the lines run out. Every line is
 * also read as a date and time (clock_parse), as TANDEM_NOW is, and as a
 * deadline in each language (deadline_read), as "by when?" answers are.
 */
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "deadline.h"
#include "dialogue.h"
#include "fuzz.h"
#include "library.h"
#include "util.h"

static const char en[] =
	"tandem: 1\n"
	"id: answers-en\n"
	"title: Typed answers\n"
	"lang: en\n"
	"vars:\n"
	"  client: the client\n"
	"recall: [goal]\n"
	"nodes:\n"
	"  review:\n"
	"    review:\n"
	"      status: Where are you with \"{item}\"?\n"
	"      questions:\n"
	"        - What worked?\n"
	"        - What next?\n"
	"      none: Nothing to review.\n"
	"  tone:\n"
	"    ask: Which tone suits you today, {client}?\n"
	"    choices:\n"
	"      gentle: Gentle\n"
	"      direct: Direct and challenging\n"
	"      yes: Yes, whatever works\n"
	"      high: \xc3\x89lev\xc3\xa9 et direct\n"
	"  path:\n"
	"    ask: Where shall we start?\n"
	"    choices:\n"
	"      goal: {label: A goal, goto: energy}\n"
	"      obstacle: {label: An obstacle, goto: wide}\n"
	"  energy:\n"
	"    ask: How is your energy today?\n"
	"    scale: [0, 10]\n"
	"  wide:\n"
	"    ask: And on a wide scale?\n"
	"    scale: [-1000000, 1000000]\n"
	"  code:\n"
	"    ask: Which postcode?\n"
	"    validate: /^\\d{5}$/\n"
	"    invalid: Five digits, please.\n"
	"  extra:\n"
	"    ask: Anything to add?\n"
	"    optional: true\n"
	"  wants:\n"
	"    ask: What do you want?\n"
	"    again: What else?\n"
	"    repeat: true\n"
	"  two:\n"
	"    ask: Name a strength.\n"
	"    repeat: 2\n"
	"  why:\n"
	"    ask: Why does \"{item}\" matter?\n"
	"    each: wants\n"
	"  actions:\n"
	"    commitments:\n"
	"      what: What will you do?\n"
	"      when: By when?\n"
	"      measure: How will I know it is done?\n"
	"  close:\n"
	"    end: \"Done: {tone}, {energy}, {wants}, {goal}.\"\n";

static const char fr[] =
	"tandem: 1\n"
	"id: answers-fr\n"
	"title: R\xc3\xa9ponses tap\xc3\xa9""es\n"
	"lang: fr\n"
	"recall: [goal]\n"
	"nodes:\n"
	"  revue:\n"
	"    review:\n"
	"      status: O\xc3\xb9 en \xc3\xaates-vous avec \xc2\xab {item} \xc2\xbb ?\n"
	"      questions: [Qu'est-ce qui a march\xc3\xa9 ?]\n"
	"  ton:\n"
	"    ask: Quel ton ?\n"
	"    choices:\n"
	"      doux: Doux\n"
	"      direct: Direct\n"
	"      eleve: \xc3\x89lev\xc3\xa9\n"
	"      elegant: \xc3\x89l\xc3\xa9gant\n"
	"      oui: Oui\n"
	"  energie:\n"
	"    ask: Votre \xc3\xa9nergie ?\n"
	"    scale: [1, 5]\n"
	"    optional: true\n"
	"  idees:\n"
	"    ask: Quoi d'autre ?\n"
	"    repeat: 3\n"
	"  engagements:\n"
	"    commitments:\n"
	"      what: Qu'allez-vous faire ?\n"
	"      when: Pour quand ?\n"
	"      measure: Comment saurai-je que c'est fait ?\n"
	"  fin:\n"
	"    end: Merci.\n";

static Library *lib;
static const Dialogue *dialogues[2];
static Vars *recalled;
static Commitment made[] = {
	{ .id = "20261116T100000-1", .what = "Call Sam", .when = "2026-11-20",
	  .measure = "Sam says yes" },
	{ .id = "20261116T100000-2", .what = "Write the plan", .when = "next week",
	  .measure = "A shared document" },
};
static const Commitment *const open_commitments[] = { &made[0], &made[1] };
static History history;

static void cleanup(void)
{
	library_free(lib);
	vars_free(recalled);
}

static const Dialogue *load(const char *name, const char *yaml, size_t len)
{
	char *path = fuzz_write_file(name, (const uint8_t *)yaml, len);
	Diags d = { 0 };
	const Dialogue *dl = library_load(lib, path, &d);
	if (!dl) {
		diags_print(&d, stderr, false);
		abort();
	}
	diags_free(&d);
	free(path);
	return dl;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	fuzz_now();
	fuzz_null();
	lib = library_new(NULL, 0);
	dialogues[0] = load("answers-en.yaml", en, sizeof(en) - 1);
	dialogues[1] = load("answers-fr.yaml", fr, sizeof(fr) - 1);
	recalled = vars_new();
	vars_set(recalled, "goal", val_text("Lead the team"));
	history = (History){ open_commitments, 2, recalled };
	atexit(cleanup);
	return 0;
}

/* Each line, to its end or its first NUL, as a time and as a deadline. */
static void parse_times(const char *data, size_t size)
{
	const char *p = data, *end = data + size;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
		char *line = xstrndup(p, n);
		time_t t;
		if (clock_parse(line, &t)) {
			char iso[32], date[16];
			clock_iso(t, iso);
			clock_date(t, date);
		}
		char due[11];
		deadline_read(line, "fr", fuzz_now(), due);
		deadline_read(line, "en-US", fuzz_now(), due);
		free(line);
		p += n + 1;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *in = (const char *)data;
	parse_times(in, size);
	/* A session per round, while lines are left: at most 16. */
	size_t at = 0;
	for (unsigned round = 0; round < 16 && (at < size || round == 0); round++) {
		SessionConfig cfg = { .mode = round % 4 == 3 ? MODE_SELF : MODE_COACH,
		                      .client = round % 2 ? "\xc3\x89lodie" : NULL, .seed = round,
		                      .now = fuzz_now, .history = &history, .bounds = &fuzz_bounds };
		Session *s = session_new(dialogues[round % 2], &cfg);
		size_t used = 0;
		fuzz_run_lines(s, in + at, size - at, &used);
		session_free(s);
		if (used == 0)
			break;
		at += used;
	}
	return 0;
}
