/*
 * fuzz_transcript: a transcript read back, as `tandem show`, `history` and
 * `resume` read it: it may be torn by a crash or edited by hand.
 *
 * The bytes are read with tread_load_mem; a transcript that reads is then
 * written as the Markdown report (the coach's own; for peers, with the
 * client's name, e-mails, phones and chosen words masked; for the sponsor
 * without the dialogue, which must then show no answer) to /dev/null,
 * its commitments followed through the journal, and its turns replayed
 * into a session of a fixed dialogue (tests/e2e/dialogues/basics.yaml),
 * as resume does.
 */
#include <stdlib.h>
#include <string.h>

#include "dialogue.h"
#include "fuzz.h"
#include "journal.h"
#include "library.h"
#include "redact.h"
#include "report.h"
#include "transcript.h"
#include "util.h"

static const char basics[] =
	"tandem: 1\n"
	"id: basics\n"
	"title: \"Basics: say, ask and routing\"\n"
	"lang: en\n"
	"vars:\n"
	"  client: the client\n"
	"nodes:\n"
	"  welcome:\n"
	"    section: Opening\n"
	"    coach: Smile, and speak slowly.\n"
	"    say: Welcome, {client}. This session is yours.\n"
	"    self: Welcome. This session is mine.\n"
	"  name:\n"
	"    ask: What should I call you?\n"
	"  energy:\n"
	"    ask: How is your energy today?\n"
	"    scale: [1, 10]\n"
	"  tone:\n"
	"    ask: Which tone suits you today?\n"
	"    choices:\n"
	"      gentle: Gentle\n"
	"      direct: Direct and challenging\n"
	"      yes: Yes, whatever works\n"
	"  path:\n"
	"    section: Direction\n"
	"    ask: Where shall we start?\n"
	"    choices:\n"
	"      goal:\n"
	"        label: A goal\n"
	"        goto: goal\n"
	"      obstacle:\n"
	"        label: An obstacle\n"
	"        goto: obstacle\n"
	"  goal:\n"
	"    ask: What goal do you have in mind?\n"
	"    next: postcode\n"
	"  obstacle:\n"
	"    ask: What stands in your way?\n"
	"    next:\n"
	"      - if: answer ~ /not sure|no idea/i\n"
	"        goto: explore\n"
	"      - goto: postcode\n"
	"  explore:\n"
	"    say: Let us look at it from another side.\n"
	"  postcode:\n"
	"    ask: Which postcode do you work in?\n"
	"    validate: /^\\d{5}$/\n"
	"    invalid: Five digits, please.\n"
	"    save: code\n"
	"  extra:\n"
	"    ask: Anything you would like to add?\n"
	"    optional: true\n"
	"  wants:\n"
	"    ask: What do you want from coaching?\n"
	"    again: What else?\n"
	"    repeat: true\n"
	"  actions:\n"
	"    commitments:\n"
	"      what: What will you do?\n"
	"      when: By when?\n"
	"      measure: How will I know it is done?\n"
	"  close:\n"
	"    end: Thank you, {name}. See you soon.\n";

static Library *lib;
static const Dialogue *dialogue;

static void cleanup(void)
{
	library_free(lib);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	fuzz_now();
	fuzz_null();
	char *path = fuzz_write_file("basics.yaml", (const uint8_t *)basics, sizeof(basics) - 1);
	lib = library_new(NULL, 0);
	Diags d = { 0 };
	dialogue = library_load(lib, path, &d);
	if (!dialogue) {
		diags_print(&d, stderr, false);
		abort();
	}
	diags_free(&d);
	free(path);
	atexit(cleanup);
	return 0;
}

static void report(const Tread *t, const Commitment *c, size_t nc, Reader reader,
                   const Dialogue *d)
{
	Redactor *r = NULL;
	if (reader == READER_PEERS) {
		r = redact_new(t->dialogue.lang);
		if (t->client)
			redact_name(r, t->client, "[client]");
		redact_word(r, "Sam");
		redact_word(r, "the plan");
	}
	ReportOpts o = { reader, r, "[client]", d };
	report_markdown(fuzz_null(), t, c, nc, &o);
	redact_free(r);
}

static void replay(const Tread *t)
{
	SessionConfig cfg = { .mode = t->mode, .client = t->client, .seed = t->seed,
	                      .now = fuzz_now, .bounds = &fuzz_bounds };
	Session *s = session_new_at(dialogue, &cfg, t->started);
	session_replay(s, t->turns, t->nturns);
	session_free(s);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	Diags d = { 0 };
	/* The same bytes as a client's log of changes between sessions. */
	Changes log;
	changes_parse(&log, CHANGES_FILE, (const char *)data, size, &d);
	diags_free(&d);
	Tread *t = tread_load_mem("t.yaml", (const char *)data, size, &d);
	diags_sort(&d);
	diags_print(&d, fuzz_null(), false);
	diags_free(&d);
	if (!t) {
		changes_free(&log);
		return 0;
	}
	JournalEntry e = journal_entry(xstrdup("t.yaml"), t);
	report(t, e.made, e.nmade, READER_COACH, dialogue);
	report(t, e.made, e.nmade, READER_PEERS, dialogue);
	report(t, e.made, e.nmade, READER_SPONSOR, NULL);
	/* The same session twice in a journal: the second reviews the first. */
	JournalEntry two[2] = { e, e };
	Journal j = { .v = two, .n = 2, .changes = log };
	Standing *states = NULL;
	journal_commitments(&j, 2, &states);
	free(states);
	changes_free(&log);
	replay(t);
	journal_entry_free(&e);
	tread_free(t);
	return 0;
}
