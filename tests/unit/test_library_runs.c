/*
 * test_library_runs: every shipped dialogue run to its end, in process,
 * with answers that name nothing in particular, over many seeds. Test plan:
 *   - strict triggers: over 500 seeds of every dialogue that picks from a
 *     bank, no question whose `when` is strict is ever asked, since no
 *     answer matched it (a question that presumes a fear or an obligation
 *     the person never named would lead them);
 *   - the safety net: in every dialogue that asks an open question, in
 *     each language, a distressed answer to the first one stops the flow,
 *     shows where to get help and asks to stop or go on; stopping leaves
 *     the session to be saved as paused;
 *   - self mode: no text a person alone is shown (a say, a question, a
 *     bank question, the commitments' and review's questions, the end)
 *     addresses them as vous / votre / vos or you / your / yourself, over
 *     a few seeds, with one open commitment to review.
 * Answers: "1" to a menu, the lowest number to a scale, a plain phrase
 * to the rest (a date when `validate` wants one), Enter to end a list
 * after one item.
 */
#include <ctype.h>
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "library.h"
#include "session.h"
#include "util.h"

#ifndef LIBRARY_DIR
#define LIBRARY_DIR "dialogues"
#endif

enum { SEEDS = 500, SELF_SEEDS = 5, MAX_LINES = 400 };

static Library *lib;

static time_t fixed_now(void)
{
	return 1764842400; /* 2026-12-04T10:00:00Z */
}

/* The dialogue ids of one language folder (not its safety net). */
static size_t dialogue_ids(const char *lang, char ***out)
{
	char *dir = xasprintf("%s/%s", LIBRARY_DIR, lang);
	DIR *dh = opendir(dir);
	assert_non_null(dh);
	char **v = NULL;
	size_t n = 0, cap = 0;
	struct dirent *de;
	while ((de = readdir(dh))) {
		size_t len = strlen(de->d_name);
		if (len > 5 && str_eq(de->d_name + len - 5, ".yaml") && de->d_name[0] != '.' &&
		    !str_eq(de->d_name, "safety.yaml")) {
			GROW(v, cap, n + 1);
			v[n++] = xstrndup(de->d_name, len - 5);
		}
	}
	closedir(dh);
	free(dir);
	*out = v;
	return n;
}

static const Dialogue *load(const char *lang, const char *id)
{
	char *path = xasprintf("%s/%s/%s.yaml", LIBRARY_DIR, lang, id);
	Diags d = { 0 };
	const Dialogue *dl = library_load(lib, path, &d);
	if (!dl)
		diags_print(&d, stderr, false);
	diags_free(&d);
	free(path);
	assert_non_null(dl);
	return dl;
}

/* Lines tried in turn until one is taken. */
static const char *const plain[] = { "A project at work", "2026-12-31", "31/12/2026", "1",
	                             "yes", "oui", "" };

/* Answers r the plain way; false when no line was taken. */
static bool answer(Session *s, const Request *r)
{
	char number[32];
	if (r->kind == REQ_CONTINUE)
		return session_input(s, "") == INPUT_TAKEN;
	if (r->nchoices)
		return session_input(s, "1") == INPUT_TAKEN;
	if (r->scale) {
		snprintf(number, sizeof(number), "%ld", r->min);
		return session_input(s, number) == INPUT_TAKEN;
	}
	if (r->ends_on_empty && r->index > 0)
		return session_input(s, "") == INPUT_TAKEN;
	for (size_t i = 0; i < ARRAY_LEN(plain); i++)
		if (session_input(s, plain[i]) == INPUT_TAKEN)
			return true;
	return false;
}

typedef struct Shown {
	Buf text;        /* what the person was shown, a line each */
} Shown;

static void keep_shown(void *ctx, ShowKind kind, const char *text)
{
	Shown *sh = ctx;
	if (kind == SHOW_SAY || kind == SHOW_QUESTION || kind == SHOW_END)
		buf_printf(&sh->text, "%s\n", text);
}

/* Runs d to its end; the prompts of its pick turns, a line each, in
 * *picks, and what it showed in sh. */
static void run(const Dialogue *d, Mode mode, unsigned long long seed, const History *h,
                Buf *picks, Shown *sh)
{
	SessionConfig cfg = { .mode = mode, .seed = seed, .now = fixed_now, .history = h };
	Session *s = session_new(d, &cfg);
	for (int lines = 0; lines < MAX_LINES; lines++) {
		const Request *r = session_request(s);
		session_flush(s, keep_shown, sh);
		if (r->kind != REQ_CONTINUE && r->kind != REQ_ANSWER && r->kind != REQ_PHRASING)
			break;
		if (!answer(s, r))
			fail_msg("%s: no plain answer is taken at node '%s' (\"%s\")", d->id, r->node,
			         r->prompt);
	}
	session_flush(s, keep_shown, sh);
	for (size_t i = 0; picks && i < session_nturns(s); i++)
		if (session_turn(s, i)->kind == NODE_PICK)
			buf_printf(picks, "%s\n", session_turn(s, i)->prompt);
	session_free(s);
}

/* Whether a bank of d's picks holds a strict trigger, and the texts. */
static void strict_texts(const Dialogue *d, Buf *out)
{
	for (size_t i = 0; i < d->nnodes; i++) {
		const Node *n = &d->nodes[i];
		if (n->kind == NODE_CALL && n->u.call.dialogue)
			strict_texts(n->u.call.dialogue, out);
		if (n->kind != NODE_PICK || !n->u.pick.bank)
			continue;
		for (size_t q = 0; q < n->u.pick.bank->nquestions; q++) {
			const Question *qu = &n->u.pick.bank->questions[q];
			if (qu->when && !qu->loose)
				buf_printf(out, "%s\n", qu->text.s);
		}
	}
}

static void test_strict_triggers(void **state)
{
	(void)state;
	static const char *const langs[] = { "fr", "en" };
	for (size_t l = 0; l < ARRAY_LEN(langs); l++) {
		char **ids;
		size_t n = dialogue_ids(langs[l], &ids);
		for (size_t i = 0; i < n; i++) {
			const Dialogue *d = load(langs[l], ids[i]);
			Buf strict = { 0 };
			strict_texts(d, &strict);
			for (unsigned long long seed = 1; strict.len && seed <= SEEDS; seed++) {
				Buf picks = { 0 };
				Shown sh = { { 0 } };
				run(d, MODE_COACH, seed, NULL, &picks, &sh);
				for (char *q = strict.data, *nl; q && *q; q = nl + 1) {
					nl = strchr(q, '\n');
					*nl = '\0';
					if (strstr(buf_str(&picks), q))
						fail_msg("%s/%s, seed %llu: \"%s\" was asked, though no answer "
						         "matched its trigger", langs[l], ids[i], seed, q);
					*nl = '\n';
				}
				buf_free(&picks);
				buf_free(&sh.text);
			}
			buf_free(&strict);
			free(ids[i]);
		}
		free(ids);
	}
}

typedef struct Seen {
	Buf all;         /* everything shown */
} Seen;

static void keep_all(void *ctx, ShowKind kind, const char *text)
{
	(void)kind;
	buf_printf(&((Seen *)ctx)->all, "%s\n", text);
}

/* Runs d in coach mode until its first open question, answers it with
 * distress, and checks that the net holds. False when d asks none. */
static bool net_holds(const Dialogue *d, const char *distress)
{
	SessionConfig cfg = { .mode = MODE_COACH, .seed = 1, .now = fixed_now };
	Session *s = session_new(d, &cfg);
	Seen seen = { { 0 } };
	bool asked = false;
	for (int lines = 0; lines < MAX_LINES && !asked; lines++) {
		const Request *r = session_request(s);
		session_flush(s, keep_all, &seen);
		if (r->kind != REQ_CONTINUE && r->kind != REQ_ANSWER)
			break;
		if (r->kind == REQ_ANSWER && !r->nchoices && !r->scale) {
			assert_int_equal(session_input(s, distress), INPUT_TAKEN);
			asked = true;
		} else if (!answer(s, r)) {
			fail_msg("%s: no plain answer is taken at node '%s'", d->id, r->node);
		}
	}
	if (asked) {
		const Request *r = session_request(s);
		buf_clear(&seen.all);
		session_flush(s, keep_all, &seen);
		const Safety *net = d->library_safety;
		assert_non_null(net);
		if (r->kind != REQ_ANSWER || r->nchoices != 2 || !str_eq(r->keys[0], "stop"))
			fail_msg("%s/%s: \"%s\" did not stop the flow (next: '%s')", d->lang, d->id,
			         distress, r->prompt ? r->prompt : "");
		char *first = xstrndup(net->help.s, strcspn(net->help.s, "\n"));
		if (!strstr(buf_str(&seen.all), first))
			fail_msg("%s/%s: the net did not say where to get help", d->lang, d->id);
		free(first);
		assert_int_equal(session_input(s, "1"), INPUT_TAKEN);
		assert_int_equal(session_request(s)->kind, REQ_STOPPED);
	}
	buf_free(&seen.all);
	session_free(s);
	return asked;
}

static void test_safety_net_everywhere(void **state)
{
	(void)state;
	static const char *const langs[] = { "fr", "en" };
	static const char *const distress[] = { "Franchement, je n'en peux plus",
		                                "Honestly, I can't go on" };
	for (size_t l = 0; l < ARRAY_LEN(langs); l++) {
		char **ids;
		size_t n = dialogue_ids(langs[l], &ids), held = 0;
		for (size_t i = 0; i < n; i++) {
			held += net_holds(load(langs[l], ids[i]), distress[l]);
			free(ids[i]);
		}
		free(ids);
		assert_true(held > 0);
	}
}

/* The first word of text that addresses the reader, or NULL. */
static const char *addressing(const char *text)
{
	static const char *const words[] = { "vous", "votre", "vos", "you", "your", "yours",
		                             "yourself", "yourselves" };
	char word[32];
	for (const char *p = text; *p;) {
		while (*p && !isalpha((unsigned char)*p))
			p++;
		size_t n = 0;
		while (isalpha((unsigned char)p[n]))
			n++;
		if (n && n < sizeof(word)) {
			for (size_t i = 0; i < n; i++)
				word[i] = (char)tolower((unsigned char)p[i]);
			word[n] = '\0';
			for (size_t i = 0; i < ARRAY_LEN(words); i++)
				if (str_eq(word, words[i]))
					return words[i];
		}
		p += n;
	}
	return NULL;
}

static void test_self_mode_says_i(void **state)
{
	(void)state;
	static Commitment made[] = { { .id = "20261127T100000-1", .what = "Call Sam",
		                       .when = "Friday", .due = "2026-11-28", .measure = "Sam said yes",
		                       .status = "open" } };
	static const Commitment *const open[] = { &made[0] };
	History h = { open, 1, NULL };
	static const char *const langs[] = { "fr", "en" };
	Buf found = { 0 };
	for (size_t l = 0; l < ARRAY_LEN(langs); l++) {
		char **ids;
		size_t n = dialogue_ids(langs[l], &ids);
		for (size_t i = 0; i < n; i++) {
			const Dialogue *d = load(langs[l], ids[i]);
			for (unsigned long long seed = 1; seed <= SELF_SEEDS; seed++) {
				Shown sh = { { 0 } };
				run(d, MODE_SELF, seed, &h, NULL, &sh);
				for (char *line = sh.text.data, *nl; line && *line; line = nl + 1) {
					nl = strchr(line, '\n');
					*nl = '\0';
					const char *w = addressing(line);
					char *said = w ? xasprintf("  %s/%s says \"%s\": \"%s\"\n", langs[l],
					                           ids[i], w, line) : NULL;
					if (said && !strstr(buf_str(&found), said))
						buf_adds(&found, said);
					free(said);
					*nl = '\n';
				}
				buf_free(&sh.text);
			}
			free(ids[i]);
		}
		free(ids);
	}
	if (found.len) {
		fprintf(stderr, "in self mode, a person alone is addressed as another:\n%s",
		        buf_str(&found));
		fail_msg("self mode: see the texts above");
	}
	buf_free(&found);
}

static int setup(void **state)
{
	(void)state;
	const char *dirs[] = { LIBRARY_DIR };
	lib = library_new(dirs, 1);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	library_free(lib);
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_strict_triggers),
		cmocka_unit_test(test_safety_net_everywhere),
		cmocka_unit_test(test_self_mode_says_i),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
