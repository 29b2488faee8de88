/*
 * fuzz_translation: a translation file, as a translator sends it back,
 * applied onto a dialogue (`tandem strings --apply`).
 *
 * The bytes are the translation, CSV or PO (told apart by their first
 * line, as tandem does); they are applied onto a small dialogue that holds
 * a text of every style the copy rewrites (plain, quoted, `|` and `>`
 * blocks, a flow mapping, list items) and every kind of name. Whatever the
 * bytes, the copy is handed out only when it reads back as meant
 * (translation.c checks it), so the target asserts nothing more than that
 * nothing crashes, leaks or hangs.
 */
#include <stdlib.h>

#include "fuzz.h"
#include "translation.h"
#include "util.h"

static const char dialogue[] =
	"# a comment\n"
	"tandem: 1\n"
	"id: fuzzed\n"
	"title: 'Fuzzed'\n"
	"lang: en\n"
	"vars: {client: the client}\n"
	"nodes:\n"
	"  hello:\n"
	"    section: \"Start\"\n"
	"    say: |\n"
	"      Hello.\n"
	"      Twice.\n"
	"\n"
	"    coach: >-\n"
	"      Take\n"
	"      your time.\n"
	"  mood:\n"
	"    ask: How are you?\n"
	"    choices: {good: Good, bad: {label: Bad}}\n"
	"  review:\n"
	"    review:\n"
	"      status: Where are you?\n"
	"      questions: [What worked?, What next?]\n"
	"  bye:\n"
	"    end: Bye.\n";

static char *dialogue_path;

static void cleanup(void)
{
	free(dialogue_path);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	dialogue_path = fuzz_write_file("fuzzed.yaml", (const uint8_t *)dialogue,
	                                sizeof(dialogue) - 1);
	atexit(cleanup);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!dialogue_path)
		LLVMFuzzerInitialize(NULL, NULL);
	char *tr = fuzz_write_file("translation", data, size);
	Diags d = { 0 };
	Buf out = { 0 };
	translation_apply(dialogue_path, tr, &out, &d);
	buf_free(&out);
	diags_free(&d);
	free(tr);
	return 0;
}
