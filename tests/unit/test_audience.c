/*
 * test_audience: who reads what (audience.h), and the reports that follow it.
 *
 * Test plan:
 *   - names: each audience and each reader reads back from its name; a
 *     name in another case, misspelt or empty is refused;
 *   - the loader: `audience` is kept on each kind that records answers, a
 *     node without one is `client`, and the nodes of a called dialogue are
 *     found by their qualified ids (an unknown one by none);
 *   - the rule: every reader against every audience (the coach reads all;
 *     the client and peers all but private; the sponsor only sponsor);
 *   - failing safe: without the dialogue, for a node it lacks, for a
 *     commitment with no node and for reviews with no turn, every reader
 *     but the coach gets ACCESS_UNKNOWN; a safety stop, the answer it
 *     stopped at, a later question and a commitment that show that answer,
 *     and a review are the client's at most, whatever their node says;
 *   - reports: a session over a dialogue with nodes of each audience, of
 *     each kind that records (an ask, a list, scores, a pick, commitments,
 *     a review, a called dialogue's asks) and a safety stop, each answer
 *     marked with the audience it must have and every note marked NOTE;
 *     for each reader the report holds every mark that reader may read
 *     and no other, and notes in the coach's alone; without the
 *     dialogue, a report for anyone but the coach holds no answer at all,
 *     and says why.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "audience.h"
#include "dialogue.h"
#include "library.h"
#include "redact.h"
#include "report.h"
#include "transcript.h"
#include "util.h"

/* A dialogue with a node of each audience on each kind that records. */
static const char aud_yaml[] =
	"tandem: 1\nid: aud\ntitle: Audiences\nlang: en\nnodes:\n"
	"  mine: {section: Alone, ask: 'What do you see, coach?', audience: private}\n"
	"  theirs: {ask: What do you want?}\n"
	"  shared: {section: Agreed, ask: What will you present?, repeat: true, audience: sponsor}\n"
	"  score: {ask: 'Where is {item}?', each: shared, scale: [0, 10], audience: sponsor}\n"
	"  drawn: {pick: local, audience: private}\n"
	"  plans:\n"
	"    commitments: {what: What will you do?, when: By when?, measure: How will I know?}\n"
	"    audience: sponsor\n"
	"  looked_back:\n"
	"    review: {status: 'Where are you with {item}?', questions: [What did you learn?]}\n"
	"    audience: sponsor\n"
	"  called: {call: callee}\n"
	"  bye: {end: Bye.}\n"
	"banks: {local: {questions: [What else comes to mind?]}}\n";

static const char callee_yaml[] =
	"tandem: 1\nid: callee\ntitle: Callee\nlang: en\nnodes:\n"
	"  inner_private: {ask: 'Inside, for the coach?', audience: private}\n"
	"  inner_sponsor: {ask: 'Inside, for the sponsor?', audience: sponsor}\n";

/* A session of it, as tandem wrote it: the safety net stopped the flow at
 * the second item of the sponsor's list, which the scores then show. That
 * item, its score and the review's answer are marked CLIENT: they are the
 * client's at most. */
static const char transcript[] =
	"tandem-transcript: 1\n"
	"dialogue: {id: aud, title: \"Audiences\", lang: en, file: \"aud.yaml\", sha256: \"00\"}\n"
	"mode: coach\nclient: \"Ann\"\nseed: 1\nstarted: 2026-11-23T10:00:00Z\nturns:\n"
	"  - {node: mine, kind: note, notes: [\"NOTE-waited\"], at: 2026-11-23T10:00:00Z}\n"
	"  - {node: mine, kind: ask, section: \"Alone\", prompt: \"What do you see, coach?\", "
	"answer: \"PRIVATE-mine\", input: \"PRIVATE-mine\", at: 2026-11-23T10:00:00Z}\n"
	"  - {node: theirs, kind: ask, section: \"Alone\", prompt: \"What do you want?\", "
	"answer: \"CLIENT-theirs\", input: \"CLIENT-theirs\", notes: [\"NOTE-on-client\"], "
	"at: 2026-11-23T10:00:00Z}\n"
	"  - {node: shared, kind: ask, section: \"Agreed\", prompt: \"What will you present?\", "
	"answer: \"SPONSOR-shared-1\", input: \"SPONSOR-shared-1\", notes: [\"NOTE-on-sponsor\"], "
	"at: 2026-11-23T10:00:00Z}\n"
	"  - {node: shared, kind: ask, section: \"Agreed\", prompt: \"What will you present?\", "
	"answer: \"CLIENT-stopped\", input: \"CLIENT-stopped\", at: 2026-11-23T10:00:00Z}\n"
	"  - {node: shared, kind: ask, section: \"Agreed\", prompt: \"Stop here, or go on?\", "
	"field: safety, answer: [\"crisis\", \"continue\"], input: \"2\", at: 2026-11-23T10:00:00Z}\n"
	"  - {node: shared, kind: ask, section: \"Agreed\", prompt: \"What will you present?\", "
	"answer: \"SPONSOR-shared-2\", input: \"SPONSOR-shared-2\", at: 2026-11-23T10:00:00Z}\n"
	"  - {node: shared, kind: ask, section: \"Agreed\", prompt: \"What will you present?\", "
	"input: \"\", at: 2026-11-23T10:00:00Z}\n"
	"  - {node: score, kind: ask, section: \"Agreed\", prompt: \"Where is SPONSOR-shared-1?\", "
	"answer: 7, input: \"7\", at: 2026-11-23T10:00:00Z}\n"
	"  - {node: score, kind: ask, section: \"Agreed\", prompt: \"Where is CLIENT-stopped?\", "
	"answer: 5, input: \"5\", at: 2026-11-23T10:00:00Z}\n"
	"  - {node: score, kind: ask, section: \"Agreed\", prompt: \"Where is SPONSOR-shared-2?\", "
	"answer: 8, input: \"8\", at: 2026-11-23T10:00:00Z}\n"
	"  - {node: drawn, kind: pick, section: \"Agreed\", prompt: \"What else comes to mind?\", "
	"answer: \"PRIVATE-drawn\", input: \"PRIVATE-drawn\", at: 2026-11-23T10:00:00Z}\n"
	"  - {node: plans, kind: commitments, section: \"Agreed\", prompt: \"What will you do?\", "
	"field: what, answer: \"SPONSOR-plan\", input: \"SPONSOR-plan\", at: 2026-11-23T10:00:00Z}\n"
	"  - {node: plans, kind: commitments, section: \"Agreed\", prompt: \"By when?\", "
	"field: when, answer: \"monday\", input: \"monday\", at: 2026-11-23T10:00:00Z}\n"
	"  - {node: plans, kind: commitments, section: \"Agreed\", prompt: \"How will I know?\", "
	"field: measure, answer: \"SPONSOR-measure\", input: \"SPONSOR-measure\", "
	"at: 2026-11-23T10:00:00Z}\n"
	"  - {node: plans, kind: commitments, section: \"Agreed\", prompt: \"What will you do?\", "
	"field: what, input: \"\", at: 2026-11-23T10:00:00Z}\n"
	"  - {node: looked_back, kind: review, section: \"Agreed\", "
	"prompt: \"Where are you with CLIENT-old-plan?\", field: status, answer: \"done\", "
	"input: \"done\", at: 2026-11-23T10:00:00Z}\n"
	"  - {node: looked_back, kind: review, section: \"Agreed\", prompt: \"What did you learn?\", "
	"field: question, answer: \"CLIENT-learned\", input: \"CLIENT-learned\", "
	"at: 2026-11-23T10:00:00Z}\n"
	"  - {node: callee.inner_private, kind: ask, section: \"Agreed\", "
	"prompt: \"Inside, for the coach?\", answer: \"PRIVATE-inner\", input: \"PRIVATE-inner\", "
	"at: 2026-11-23T10:00:00Z}\n"
	"  - {node: callee.inner_sponsor, kind: ask, section: \"Agreed\", "
	"prompt: \"Inside, for the sponsor?\", answer: \"SPONSOR-inner\", input: \"SPONSOR-inner\", "
	"at: 2026-11-23T10:00:00Z}\n"
	"  - {node: bye, kind: note, notes: [\"NOTE-last\"], at: 2026-11-23T10:00:00Z}\n"
	"answers: {theirs: \"CLIENT-theirs\"}\n"
	"commitments:\n"
	"  - {id: \"20261123T100000-1\", what: \"SPONSOR-plan\", when: \"monday\", "
	"measure: \"SPONSOR-measure\", status: open, node: plans}\n"
	"reviews:\n"
	"  - {commitment: \"20261120T100000-1\", what: \"CLIENT-old-plan\", status: done, "
	"answers: [\"CLIENT-learned\"]}\n"
	"status: complete\nended: 2026-11-23T10:00:00Z\n";

typedef struct Fixture {
	char dir[64];
	Library *lib;
	const Dialogue *d;
	Tread *t;
} Fixture;

static void write_file(const char *dir, const char *name, const char *text)
{
	char *path = xasprintf("%s/%s", dir, name);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
	free(path);
}

static int setup(void **state)
{
	Fixture *fx = xcalloc(1, sizeof(*fx));
	strcpy(fx->dir, "/tmp/tandem-test-audience-XXXXXX");
	assert_non_null(mkdtemp(fx->dir));
	write_file(fx->dir, "aud.yaml", aud_yaml);
	write_file(fx->dir, "callee.yaml", callee_yaml);
	fx->lib = library_new(NULL, 0);
	Diags d = { 0 };
	char *path = xasprintf("%s/aud.yaml", fx->dir);
	fx->d = library_load(fx->lib, path, &d);
	if (!fx->d)
		diags_print(&d, stderr, false);
	assert_non_null(fx->d);
	free(path);
	fx->t = tread_load_mem("t.yaml", transcript, sizeof(transcript) - 1, &d);
	if (!fx->t)
		diags_print(&d, stderr, false);
	assert_non_null(fx->t);
	diags_free(&d);
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	Fixture *fx = *state;
	tread_free(fx->t);
	library_free(fx->lib);
	const char *names[] = { "aud.yaml", "callee.yaml" };
	for (size_t i = 0; i < ARRAY_LEN(names); i++) {
		char *path = xasprintf("%s/%s", fx->dir, names[i]);
		unlink(path);
		free(path);
	}
	rmdir(fx->dir);
	free(fx);
	return 0;
}

/* ----- names ------------------------------------------------------------------ */

static void names_read_back(void **state)
{
	(void)state;
	for (Audience a = AUDIENCE_PRIVATE; a <= AUDIENCE_SPONSOR; a++) {
		Audience back = AUDIENCE_CLIENT;
		assert_true(audience_parse(audience_name(a), &back));
		assert_int_equal(back, a);
	}
	for (Reader r = READER_COACH; r <= READER_PEERS; r++) {
		Reader back = READER_COACH;
		assert_true(reader_parse(reader_name(r), &back));
		assert_int_equal(back, r);
	}
	const char *bad[] = { "Private", "sponsors", "", "everyone", "coach " };
	for (size_t i = 0; i < ARRAY_LEN(bad); i++) {
		Audience a;
		assert_false(audience_parse(bad[i], &a));
	}
	Reader r;
	assert_false(reader_parse("Sponsor", &r));
	assert_false(reader_parse("", &r));
}

/* ----- the loader ------------------------------------------------------------- */

static Audience node_audience(const Dialogue *d, const char *qualified)
{
	const Node *n = dialogue_node(d, qualified);
	assert_non_null(n);
	return (Audience)n->audience;
}

static void loader_keeps_audiences(void **state)
{
	const Fixture *fx = *state;
	assert_int_equal(node_audience(fx->d, "mine"), AUDIENCE_PRIVATE);
	assert_int_equal(node_audience(fx->d, "theirs"), AUDIENCE_CLIENT);
	assert_int_equal(node_audience(fx->d, "shared"), AUDIENCE_SPONSOR);
	assert_int_equal(node_audience(fx->d, "drawn"), AUDIENCE_PRIVATE);
	assert_int_equal(node_audience(fx->d, "plans"), AUDIENCE_SPONSOR);
	assert_int_equal(node_audience(fx->d, "looked_back"), AUDIENCE_SPONSOR);
	assert_int_equal(node_audience(fx->d, "bye"), AUDIENCE_CLIENT);
	assert_int_equal(node_audience(fx->d, "callee.inner_private"), AUDIENCE_PRIVATE);
	assert_int_equal(node_audience(fx->d, "callee.inner_sponsor"), AUDIENCE_SPONSOR);
	assert_null(dialogue_node(fx->d, "callee.nothing"));
	assert_null(dialogue_node(fx->d, "nocall.mine"));
	assert_null(dialogue_node(fx->d, "nothing"));
	assert_null(dialogue_node(NULL, "mine"));
}

/* ----- the rule ----------------------------------------------------------------- */

/* Who reads what, written out rather than computed: [reader][audience]. */
static const bool reads[4][3] = {
	[READER_COACH] = { [AUDIENCE_PRIVATE] = true, [AUDIENCE_CLIENT] = true,
	                   [AUDIENCE_SPONSOR] = true },
	[READER_CLIENT] = { [AUDIENCE_CLIENT] = true, [AUDIENCE_SPONSOR] = true },
	[READER_SPONSOR] = { [AUDIENCE_SPONSOR] = true },
	[READER_PEERS] = { [AUDIENCE_CLIENT] = true, [AUDIENCE_SPONSOR] = true },
};

static void every_reader_every_audience(void **state)
{
	(void)state;
	for (Reader r = READER_COACH; r <= READER_PEERS; r++)
		for (Audience a = AUDIENCE_PRIVATE; a <= AUDIENCE_SPONSOR; a++) {
			if (reader_reads(r, a) != reads[r][a])
				print_error("%s reading %s\n", reader_name(r), audience_name(a));
			assert_int_equal(reader_reads(r, a), reads[r][a]);
		}
}

/* ----- failing safe --------------------------------------------------------------- */

/* The index of the first turn of node with that field (NULL: none). */
static size_t turn_of(const Tread *t, const char *node, const char *field)
{
	for (size_t i = 0; i < t->nturns; i++)
		if (str_eq(t->turns[i].node, node) &&
		    (field ? t->turns[i].field && str_eq(t->turns[i].field, field) : !t->turns[i].field))
			return i;
	fail_msg("no turn of %s", node);
	return 0;
}

static void unknown_without_the_dialogue(void **state)
{
	const Fixture *fx = *state;
	const Tread *t = fx->t;
	size_t shared = turn_of(t, "shared", NULL);
	Commitment orphan = { .what = "x" };
	Turn stray[] = { { .node = "gone", .kind = NODE_ASK } };
	for (Reader r = READER_COACH; r <= READER_PEERS; r++) {
		Access want = r == READER_COACH ? ACCESS_READ : ACCESS_UNKNOWN;
		Gate none, with, lost;
		gate_init(&none, r, NULL, t->turns, t->nturns);
		gate_init(&with, r, fx->d, t->turns, t->nturns);
		gate_init(&lost, r, fx->d, stray, 1);
		assert_int_equal(gate_turn(&none, shared), want);
		assert_int_equal(gate_turn(&lost, 0), want);
		assert_int_equal(access_node(r, NULL), want);
		assert_int_equal(gate_commitment(&with, &orphan), want);
		assert_int_equal(gate_commitment(&none, &t->commitments[0]), want);
		assert_int_equal(gate_reviews(&lost), want);
		assert_int_equal(gate_reviews(&none), want);
		gate_free(&none);
		gate_free(&with);
		gate_free(&lost);
	}
}

static void client_at_most(void **state)
{
	const Fixture *fx = *state;
	const Tread *t = fx->t;
	size_t answer = turn_of(t, "shared", NULL);
	size_t stop = turn_of(t, "shared", "safety");
	Commitment again = { .what = "Tell CLIENT-stopped to someone", .node = "plans" };
	Access sponsor[] = { ACCESS_READ, ACCESS_WITHHELD, ACCESS_WITHHELD, ACCESS_WITHHELD,
	                     ACCESS_WITHHELD, ACCESS_READ, ACCESS_WITHHELD };
	for (Reader r = READER_CLIENT; r <= READER_SPONSOR; r++) {
		Gate g;
		gate_init(&g, r, fx->d, t->turns, t->nturns);
		Access got[] = {
			gate_turn(&g, answer),
			gate_turn(&g, stop - 1),   /* the answer the net stopped at */
			gate_turn(&g, stop),
			gate_turn(&g, turn_of(t, "score", NULL) + 1),  /* its score */
			gate_reviews(&g),
			gate_commitment(&g, &t->commitments[0]),
			gate_commitment(&g, &again),
		};
		for (size_t i = 0; i < ARRAY_LEN(got); i++) {
			Access want = r == READER_SPONSOR ? sponsor[i] : ACCESS_READ;
			if (got[i] != want)
				print_error("%s, check %zu: %d, not %d\n", reader_name(r), i, got[i], want);
			assert_int_equal(got[i], want);
		}
		gate_free(&g);
	}
}

/* ----- reports ---------------------------------------------------------------------- */

static char *report_for(const Fixture *fx, Reader reader, const Dialogue *d)
{
	char *text = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&text, &len);
	assert_non_null(out);
	Redactor *r = NULL;
	if (reader == READER_PEERS) {
		r = redact_new("en");
		redact_name(r, "Ann", "[client]");
	}
	ReportOpts o = { reader, r, "[client]", d };
	report_markdown(out, fx->t, fx->t->commitments, fx->t->ncommitments, &o);
	assert_int_equal(fclose(out), 0);
	redact_free(r);
	return text;
}

/* Every mark of the transcript, by the audience it must have. */
static const char *const marks[][7] = {
	[AUDIENCE_PRIVATE] = { "PRIVATE-mine", "PRIVATE-drawn", "PRIVATE-inner", NULL },
	[AUDIENCE_CLIENT] = { "CLIENT-theirs", "CLIENT-old-plan", "CLIENT-learned", "CLIENT-stopped",
	                      "The safety net stopped the session here", "## Alone" },
	[AUDIENCE_SPONSOR] = { "SPONSOR-shared-1", "SPONSOR-shared-2", "SPONSOR-inner",
	                       "Where is SPONSOR-shared-2? | 8 |", "| SPONSOR-plan | monday |" },
};

static void expect(const char *report, const char *mark, bool present, Reader r)
{
	if ((strstr(report, mark) != NULL) != present) {
		print_error("report for %s: '%s' %s\n%s\n", reader_name(r), mark,
		            present ? "missing" : "shown", report);
		fail();
	}
}

static void each_reader_reads_its_own(void **state)
{
	const Fixture *fx = *state;
	for (Reader r = READER_COACH; r <= READER_PEERS; r++) {
		char *report = report_for(fx, r, fx->d);
		for (Audience a = AUDIENCE_PRIVATE; a <= AUDIENCE_SPONSOR; a++)
			for (size_t i = 0; marks[a][i]; i++)
				expect(report, marks[a][i], reads[r][a], r);
		expect(report, "NOTE-", r == READER_COACH, r);
		expect(report, "crisis", r == READER_COACH, r);
		expect(report, "Some answers are left out", false, r);
		expect(report, "Ann", r != READER_PEERS, r);
		free(report);
	}
}

static void nothing_without_the_dialogue(void **state)
{
	const Fixture *fx = *state;
	for (Reader r = READER_CLIENT; r <= READER_PEERS; r++) {
		char *report = report_for(fx, r, NULL);
		const char *any[] = { "PRIVATE-", "CLIENT-", "SPONSOR-", "NOTE-", "safety net", "##" };
		for (size_t i = 0; i < ARRAY_LEN(any); i++)
			expect(report, any[i], false, r);
		expect(report, "Some answers are left out", true, r);
		free(report);
	}
	char *whole = report_for(fx, READER_COACH, NULL);
	expect(whole, "PRIVATE-mine", true, READER_COACH);
	expect(whole, "NOTE-last", true, READER_COACH);
	expect(whole, "Some answers are left out", false, READER_COACH);
	free(whole);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(names_read_back),
		cmocka_unit_test(every_reader_every_audience),
		cmocka_unit_test_setup_teardown(loader_keeps_audiences, setup, teardown),
		cmocka_unit_test_setup_teardown(unknown_without_the_dialogue, setup, teardown),
		cmocka_unit_test_setup_teardown(client_at_most, setup, teardown),
		cmocka_unit_test_setup_teardown(each_reader_reads_its_own, setup, teardown),
		cmocka_unit_test_setup_teardown(nothing_without_the_dialogue, setup, teardown),
	};
	return cmocka_run_group_tests_name("audience", tests, NULL, NULL);
}
