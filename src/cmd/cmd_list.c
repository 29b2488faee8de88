/* cmd_list: `tandem list`, and `tandem` alone which lists and asks. */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd.h"
#include "dialogue.h"
#include "out.h"
#include "paths.h"
#include "term.h"
#include "utf8.h"
#include "ydoc.h"

typedef struct Listed {
	char *id, *lang, *title, *summary, *path;
} Listed;

typedef struct Listing {
	Listed *v;
	size_t n, cap;
} Listing;

static char *top_text(const YDoc *doc, const char *key)
{
	const YNode *v = doc->root ? ymap_get(doc->root, key) : NULL;
	if (!v || v->kind != Y_SCALAR)
		return NULL;
	return utf8_sanitize(v->u.text, v->len);
}

static bool listed(const Listing *l, const char *id, const char *lang)
{
	for (size_t i = 0; i < l->n; i++)
		if (str_eq(l->v[i].id, id) && str_eq(l->v[i].lang, lang))
			return true;
	return false;
}

/* Reads just the top of a dialogue file: listing does not check it. */
static void add_file(Listing *l, const char *path)
{
	Diags quiet = { 0 };
	YDoc *doc = ydoc_load(path, &ydoc_default_limits, &quiet);
	diags_free(&quiet);
	if (!doc || !doc->root || doc->root->kind != Y_MAP || !ymap_get(doc->root, "tandem")) {
		ydoc_free(doc);
		return;
	}
	Listed e = { top_text(doc, "id"), top_text(doc, "lang"), top_text(doc, "title"),
	            top_text(doc, "summary"), xstrdup(path) };
	ydoc_free(doc);
	if (e.id && e.lang && !listed(l, e.id, e.lang)) {
		GROW(l->v, l->cap, l->n + 1);
		l->v[l->n++] = e;
		return;
	}
	free(e.id), free(e.lang), free(e.title), free(e.summary), free(e.path);
}

static int cmp_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The sorted entries of a folder whose names end with suffix. */
static size_t sorted_names(const char *dir, const char *suffix, char ***out)
{
	DIR *dh = opendir(dir);
	char **v = NULL;
	size_t n = 0, cap = 0;
	struct dirent *de;
	while (dh && (de = readdir(dh))) {
		size_t len = strlen(de->d_name), sl = strlen(suffix);
		if (de->d_name[0] == '.' || len < sl || !str_eq(de->d_name + len - sl, suffix))
			continue;
		GROW(v, cap, n + 1);
		v[n++] = xstrdup(de->d_name);
	}
	if (dh)
		closedir(dh);
	if (n)
		qsort(v, n, sizeof(char *), cmp_name);
	*out = v;
	return n;
}

static void scan_library(Listing *l)
{
	Paths paths = paths_library();
	for (size_t i = 0; i < paths.n; i++) {
		char **langs;
		size_t nl = sorted_names(paths.dirs[i], "", &langs);
		for (size_t j = 0; j < nl; j++) {
			char *dir = xasprintf("%s/%s", paths.dirs[i], langs[j]);
			char **files;
			size_t nf = sorted_names(dir, ".yaml", &files);
			for (size_t k = 0; k < nf; k++) {
				char *path = xasprintf("%s/%s", dir, files[k]);
				add_file(l, path);
				free(path);
				free(files[k]);
			}
			free(files);
			free(dir);
			free(langs[j]);
		}
		free(langs);
	}
	paths_free(&paths);
}

static void listing_free(Listing *l)
{
	for (size_t i = 0; i < l->n; i++) {
		Listed *e = &l->v[i];
		free(e->id), free(e->lang), free(e->title), free(e->summary), free(e->path);
	}
	free(l->v);
}

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

static void print_entry(const Listed *e, int number, size_t width)
{
	size_t indent = number ? 36 : 31;
	if (number)
		out_printf(stdout, "%3d. ", number);
	out_printf(stdout, "%-24s %-5s ", e->id, e->lang);
	print_hanging(e->title ? e->title : "", width, indent);
	if (!e->summary)
		return;
	out_printf(stdout, "%*s", (int)indent, "");
	print_hanging(e->summary, width, indent);
}

int cmd_list(int argc, char **argv)
{
	(void)argv;
	if (argc > 0) {
		out_printf(stderr, "usage: tandem list\n");
		return EXIT_USAGE;
	}
	Listing l = { 0 };
	scan_library(&l);
	if (!l.n)
		out_printf(stderr, "tandem: no dialogues found (set TANDEM_PATH to a folder of them)\n");
	size_t width = screen_width();
	for (size_t i = 0; i < l.n; i++)
		print_entry(&l.v[i], 0, width);
	listing_free(&l);
	return l.n ? EXIT_OK : EXIT_INVALID;
}

/* The entry a typed line names: its number in the list, or an id. */
static const Listed *chosen(const Listing *l, const char *line, const char *lang)
{
	char *end;
	long k = strtol(line, &end, 10);
	if (*line && !*end)
		return k >= 1 && (size_t)k <= l->n ? &l->v[k - 1] : NULL;
	const Listed *any = NULL;
	for (size_t i = 0; i < l->n; i++)
		if (str_eq(l->v[i].id, line)) {
			if (str_eq(l->v[i].lang, lang))
				return &l->v[i];
			any = any ? any : &l->v[i];
		}
	return any;
}

/* One line from standard input, without its end; NULL at end of input. */
static char *ask(const char *prompt, char **line, size_t *cap)
{
	out_puts(prompt, stdout);
	fflush(stdout);
	if (getline(line, cap, stdin) <= 0)
		return NULL;
	(*line)[strcspn(*line, "\r\n")] = '\0';
	return *line;
}

static const Listed *ask_dialogue(const Listing *l, const char *lang, char **line, size_t *cap)
{
	const char *got;
	while ((got = ask("Which dialogue? (number or id, empty to leave) > ", line, cap)) && *got) {
		const Listed *e = chosen(l, got, lang);
		if (e)
			return e;
		out_printf(stdout, "No dialogue '%s' here: type its number or its id.\n", got);
	}
	return NULL;
}

/* The mode and the client: the arguments of `run` after the dialogue. */
static bool ask_who(char **args, int *n, char **line, size_t *cap)
{
	const char *got;
	for (;;) {
		got = ask("Mode: 1) coach a client  2) coach yourself  3) practise the script  [1] > ",
		          line, cap);
		if (!got)
			return false;
		if (strchr("1 23", *got) && strlen(got) <= 1)
			break;
		out_printf(stdout, "Type 1, 2 or 3.\n");
	}
	static const char *const modes[] = { "coach", "self", "practice" };
	int m = *got ? *got - '1' : 0;
	args[(*n)++] = xstrdup("--mode");
	args[(*n)++] = xstrdup(modes[m]);
	if (m != 0)
		return true;
	got = ask("Client's name (empty: none) > ", line, cap);
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
	Listing l = { 0 };
	scan_library(&l);
	if (!l.n) {
		out_printf(stderr, "tandem: no dialogues found (set TANDEM_PATH to a folder of them)\n");
		listing_free(&l);
		return EXIT_INVALID;
	}
	size_t width = screen_width();
	for (size_t i = 0; i < l.n; i++)
		print_entry(&l.v[i], (int)i + 1, width);
	char *lang = paths_locale_lang();
	char *line = NULL;
	size_t cap = 0;
	int status = EXIT_OK;
	char *args[5] = { NULL };
	int n = 0;
	const Listed *e = ask_dialogue(&l, lang, &line, &cap);
	if (e)
		args[n++] = xstrdup(e->path);
	if (e && ask_who(args, &n, &line, &cap))
		status = cmd_run(n, args);
	else
		out_printf(stdout, "\n"); /* leaving: end the prompt's line */
	for (int i = 0; i < n; i++)
		free(args[i]);
	free(line);
	free(lang);
	listing_free(&l);
	return status;
}
