/* cmd_choose: `tandem` alone: the library listed, then which dialogue to
 * run, in which mode and for whom, asked; then `tandem run` with that. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "fileio.h"
#include "i18n.h"
#include "library.h"
#include "out.h"
#include "util.h"

/* The entry a typed line names: its number in the list, or an id. */
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

/* One line from standard input, without its end, read to a bound (a
 * longer one reads as no such dialogue); NULL at end of input. */
static char *ask(const char *prompt, Buf *line)
{
	out_puts(prompt, stdout);
	fflush(stdout);
	if (file_read_line(stdin, line, 4096) <= 0)
		return NULL;
	return (char *)buf_str(line);
}

static const LibraryEntry *ask_dialogue(const LibraryEntry *v, size_t n, const char *lang,
                                        Buf *line)
{
	const char *got;
	while ((got = ask(_("Which dialogue? (number or id, empty to leave) > "), line)) && *got) {
		const LibraryEntry *e = chosen(v, n, got, lang);
		if (e)
			return e;
		out_printf(stdout, _("No dialogue '%s' here: type its number or its id.\n"), got);
	}
	return NULL;
}

/* The mode and the client: the arguments of `run` after the dialogue. */
static bool ask_who(char **args, int *n, Buf *line)
{
	const char *got;
	for (;;) {
		got = ask(_("Mode: 1) coach a client  2) coach yourself  3) practise the script  [1] > "),
		          line);
		if (!got)
			return false;
		if (strchr("1 23", *got) && strlen(got) <= 1)
			break;
		out_printf(stdout, _("Type 1, 2 or 3.\n"));
	}
	static const char *const modes[] = { "coach", "self", "practice" };
	int m = *got ? *got - '1' : 0;
	args[(*n)++] = xstrdup("--mode");
	args[(*n)++] = xstrdup(modes[m]);
	if (m != 0)
		return true;
	got = ask(_("Client's name (empty: none) > "), line);
	if (!got)
		return false;
	if (*got) {
		args[(*n)++] = xstrdup("--client");
		args[(*n)++] = xstrdup(got);
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
	cmd_list_print(v, nv, true);
	char *lang = xstrdup(i18n_locale_lang());
	Buf line = { 0 };
	int status = EXIT_OK;
	char *args[5] = { NULL };
	int n = 0;
	const LibraryEntry *e = ask_dialogue(v, nv, lang, &line);
	if (e)
		args[n++] = xstrdup(e->path);
	if (e && ask_who(args, &n, &line))
		status = cmd_run(n, args);
	else
		out_printf(stdout, "\n"); /* leaving: end the prompt's line */
	for (int i = 0; i < n; i++)
		free(args[i]);
	buf_free(&line);
	free(lang);
	library_entries_free(v, nv);
	return status;
}
