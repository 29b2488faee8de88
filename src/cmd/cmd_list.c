/* cmd_list: `tandem list [--ids]`, the library's dialogues, and how they are
 * shown (cmd_choose shows them too). */
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "cmd.h"
#include "i18n.h"
#include "library.h"
#include "out.h"
#include "term.h"

/* Columns to wrap summaries at: the terminal's width, 0 (none) off a terminal. */
static size_t screen_width(void)
{
	struct winsize ws;
	if (!isatty(STDOUT_FILENO) || ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) != 0)
		return 0;
	return ws.ws_col;
}

/* Prints text after a head of indent columns, wrapped to width (0: none),
 * further lines under the text. */
static void print_hanging(const char *text, size_t width, size_t indent)
{
	Buf b = { 0 };
	term_wrap(&b, text, width, indent);
	out_puts(buf_str(&b), stdout);
	buf_free(&b);
}

/* An entry: its id, language and title, then its summary under them;
 * numbered for the menu, which shows no summary, so that a library's
 * dialogues fit a 24-line terminal with the prompts. */
static void print_entry(const LibraryEntry *e, int number, size_t width)
{
	size_t indent = number ? 36 : 31;
	if (number)
		out_printf(stdout, "%3d. ", number);
	out_printf(stdout, "%-24s %-5s ", e->id, e->lang);
	print_hanging(e->title ? e->title : "", width, indent);
	if (number || !e->summary)
		return;
	out_printf(stdout, "%*s", (int)indent, "");
	print_hanging(e->summary, width, indent);
}

void cmd_list_print(const LibraryEntry *v, size_t n, bool numbered)
{
	size_t width = screen_width();
	for (size_t i = 0; i < n; i++)
		print_entry(&v[i], numbered ? (int)i + 1 : 0, width);
}

LibraryEntry *cmd_library_entries(size_t *n)
{
	Library *lib = library_open();
	LibraryEntry *v = library_entries(lib, n);
	library_free(lib);
	if (!*n)
		out_puts(_("tandem: no dialogues found (set TANDEM_PATH to a folder of them)\n"),
		         stderr);
	return v;
}

static int cmp_id(const void *a, const void *b)
{
	return strcmp((*(const LibraryEntry *const *)a)->id, (*(const LibraryEntry *const *)b)->id);
}

/* --ids: each id once (a dialogue is in several languages), sorted, one a
 * line: what the shell's completion offers after `tandem run`. */
static void print_ids(const LibraryEntry *v, size_t n)
{
	const LibraryEntry **by_id = xmalloc((n ? n : 1) * sizeof(*by_id));
	for (size_t i = 0; i < n; i++)
		by_id[i] = &v[i];
	qsort(by_id, n, sizeof(*by_id), cmp_id);
	for (size_t i = 0; i < n; i++)
		if (i == 0 || !str_eq(by_id[i]->id, by_id[i - 1]->id))
			out_printf(stdout, "%s\n", by_id[i]->id);
	free(by_id);
}

int cmd_list(int argc, char **argv)
{
	bool ids = argc == 1 && str_eq(argv[0], "--ids");
	if (argc > 0 && !ids) {
		cmd_usage(stderr, "list");
		return EXIT_USAGE;
	}
	size_t n;
	LibraryEntry *v = cmd_library_entries(&n);
	if (ids)
		print_ids(v, n);
	else
		cmd_list_print(v, n, false);
	library_entries_free(v, n);
	return n ? EXIT_OK : EXIT_INVALID;
}
