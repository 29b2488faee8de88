/* cmd_choose: `tandem` alone: the library listed, then which dialogue to
 * run, in which mode and for whom, asked; then `tandem run` with that. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "fileio.h"
#include "repl.h"
#include "suggest.h"
#include "i18n.h"
#include "library.h"
#include "out.h"
#include "utf8.h"
#include "util.h"

/* The entry a typed line names: its number in the menu, or an id (in
 * lang when the library has it in several languages). */
static const LibraryEntry *chosen(const LibraryEntry *v, size_t n, const char *line,
                                  const char *lang)
{
	char *end;
	long k = strtol(line, &end, 10);
	if (*line && !*end)
		return k >= 1 && (size_t)k <= n ? &v[k - 1] : NULL;
	const LibraryEntry *any = NULL;
	for (size_t i = 0; i < n; i++)
		if (str_eq(v[i].id, line)) {
			if (str_eq(v[i].lang, lang))
				return &v[i];
			any = any ? any : &v[i];
		}
	return any;
}

/* One line, without its end: through readline at a terminal (Tab
 * completes one of the words), else read to a bound from standard input.
 * Heap string; NULL at end of input. */
static char *ask(const char *prompt, const char *const *words, size_t n)
{
	if (isatty(STDIN_FILENO) && isatty(STDOUT_FILENO))
		return repl_ask(prompt, words, n);
	out_puts(prompt, stdout);
	fflush(stdout);
	Buf line = { 0 };
	if (file_read_line(stdin, &line, 4096) <= 0) {
		buf_free(&line);
		return NULL;
	}
	return buf_take(&line);
}

static const LibraryEntry *ask_dialogue(const LibraryEntry *v, size_t n, const char *lang)
{
	const char **ids = xcalloc(n, sizeof(*ids));
	for (size_t i = 0; i < n; i++)
		ids[i] = v[i].id;
	const LibraryEntry *e = NULL;
	char *got;
	while (!e && (got = ask(_("Which dialogue? (number or id, Tab completes; empty to leave) > "),
	                        ids, n)) && *got) {
		e = chosen(v, n, got, lang);
		const char *near = e ? NULL : suggest(got, ids, n);
		if (near)
			out_printf(stdout, _("No dialogue '%s' here; did you mean '%s'?\n"), got, near);
		else if (!e)
			out_printf(stdout, _("No dialogue '%s' here: type its number or its id.\n"), got);
		free(got);
	}
	if (!e)
		free(got);
	free(ids);
	return e;
}

/* Dialogues of the user's language listed one a line, with their titles;
 * past that, two columns of ids (`tandem list` gives the titles), so that
 * the menu and its prompts fit a 24-line terminal however the library
 * grows. */
enum { MENU_ONE_A_LINE = 16, MENU_COLUMN = 38 };

/* "NNN. id", cleaned; padded to the column's width when another follows. */
static void print_cell(const LibraryEntry *e, size_t number, bool pad)
{
	char *clean = utf8_sanitize(e->id, strlen(e->id));
	size_t fit = utf8_fit(clean, MENU_COLUMN - 5);
	size_t w = utf8_width(clean, fit);
	out_printf(stdout, "%3zu. %.*s%*s", number, (int)fit, clean,
	           pad ? (int)(MENU_COLUMN - 5 - w) : 0, "");
	free(clean);
}

static void print_columns(const LibraryEntry *v, size_t n)
{
	size_t rows = (n + 1) / 2;
	for (size_t r = 0; r < rows; r++) {
		print_cell(&v[r], r + 1, r + rows < n);
		if (r + rows < n)
			print_cell(&v[r + rows], r + rows + 1, false);
		fputc('\n', stdout);
	}
}

/*
 * The menu: the dialogues of lang first, numbered; then one line saying
 * how those of other languages are numbered on (`tandem list` shows them,
 * and their ids are taken too).
 */
static void print_menu(const LibraryEntry *v, size_t n, const char *lang)
{
	size_t mine = 0;
	while (mine < n && str_eq(v[mine].lang, lang))
		mine++;
	if (mine > MENU_ONE_A_LINE)
		print_columns(v, mine);
	else
		cmd_list_print(v, mine, true);
	if (mine == n)
		return;
	Buf langs = { 0 };
	for (size_t i = mine; i < n; i++)
		if (!strstr(buf_str(&langs), v[i].lang))
			buf_printf(&langs, "%s%s", langs.len ? ", " : "", v[i].lang);
	out_printf(stdout, _("\nOther languages (%s): %zu to %zu; `tandem list` shows them.\n\n"),
	           buf_str(&langs), mine + 1, n);
	buf_free(&langs);
}

/* v with the dialogues of lang first, each part in the library's order. */
static void languages_first(LibraryEntry *v, size_t n, const char *lang)
{
	LibraryEntry *sorted = xcalloc(n ? n : 1, sizeof(*sorted));
	size_t k = 0;
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < n; i++)
			if (str_eq(v[i].lang, lang) == (pass == 0))
				sorted[k++] = v[i];
	memcpy(v, sorted, n * sizeof(*v));
	free(sorted);
}

/* The mode and the client: the arguments of `run` after the dialogue. */
static bool ask_who(char **args, int *n)
{
	char *got;
	for (;;) {
		got = ask(_("Mode: 1) coach a client  2) coach yourself  3) practise the script  [1] > "),
		          NULL, 0);
		if (!got)
			return false;
		if (strchr("1 23", *got) && strlen(got) <= 1)
			break;
		out_printf(stdout, _("Type 1, 2 or 3.\n"));
		free(got);
	}
	static const char *const modes[] = { "coach", "self", "practice" };
	int m = *got ? *got - '1' : 0;
	free(got);
	args[(*n)++] = xstrdup("--mode");
	args[(*n)++] = xstrdup(modes[m]);
	if (m != 0)
		return true;
	got = ask(_("Client's name (empty: none) > "), NULL, 0);
	if (!got)
		return false;
	if (*got) {
		args[(*n)++] = xstrdup("--client");
		args[(*n)++] = got;
	} else {
		free(got);
	}
	return true;
}

int cmd_choose(void)
{
	size_t nv;
	LibraryEntry *v = cmd_library_entries(&nv);
	if (!nv) {
		library_entries_free(v, nv);
		return EXIT_INVALID;
	}
	char *lang = xstrdup(i18n_locale_lang());
	languages_first(v, nv, lang);
	print_menu(v, nv, lang);
	int status = EXIT_OK;
	char *args[5] = { NULL };
	int n = 0;
	const LibraryEntry *e = ask_dialogue(v, nv, lang);
	if (e)
		args[n++] = xstrdup(e->path);
	if (e && ask_who(args, &n))
		status = cmd_run(n, args);
	else
		out_printf(stdout, "\n"); /* leaving: end the prompt's line */
	for (int i = 0; i < n; i++)
		free(args[i]);
	free(lang);
	library_entries_free(v, nv);
	return status;
}
