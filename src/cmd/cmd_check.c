/* cmd_check: `tandem check FILE|DIR...`, the dialogue author's compiler, and
 * `tandem check --pair`, two translations of a dialogue compared. */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd.h"
#include "dialogue.h"
#include "i18n.h"
#include "library.h"
#include "out.h"
#include "pair.h"

static bool is_yaml(const char *name)
{
	size_t n = strlen(name);
	return (n > 5 && str_eq(name + n - 5, ".yaml")) || (n > 4 && str_eq(name + n - 4, ".yml"));
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

typedef struct Files {
	char **v;
	size_t n, cap;
} Files;

/* Collects the YAML files under dir, depth first, each folder sorted. */
static void collect(const char *dir, Files *out, int depth)
{
	DIR *dh = opendir(dir);
	if (!dh || depth > 16) {
		if (dh)
			closedir(dh);
		return;
	}
	Files here = { 0 };
	struct dirent *de;
	while ((de = readdir(dh))) {
		if (de->d_name[0] == '.')
			continue;
		GROW(here.v, here.cap, here.n + 1);
		here.v[here.n++] = xasprintf("%s%s%s", dir, dir[strlen(dir) - 1] == '/' ? "" : "/",
		                             de->d_name);
	}
	closedir(dh);
	qsort(here.v, here.n, sizeof(char *), cmp_str);
	for (size_t i = 0; i < here.n; i++) {
		struct stat st;
		if (stat(here.v[i], &st) == 0 && S_ISDIR(st.st_mode)) {
			collect(here.v[i], out, depth + 1);
		} else if (is_yaml(here.v[i])) {
			GROW(out->v, out->cap, out->n + 1);
			out->v[out->n++] = here.v[i];
			continue;
		}
		free(here.v[i]);
	}
	free(here.v);
}

static void summary(const Diags *d, size_t files)
{
	if (!d->errors && !d->warnings) {
		out_printf(stdout, ngettext("checked %zu file: no problems\n",
		                            "checked %zu files: no problems\n", files), files);
		return;
	}
	/* Three counts, each with its own plural: three pieces. */
	out_printf(stderr, ngettext("%zu error, ", "%zu errors, ", d->errors), d->errors);
	out_printf(stderr, ngettext("%zu warning ", "%zu warnings ", d->warnings), d->warnings);
	out_printf(stderr, ngettext("in %zu file checked\n", "in %zu files checked\n", files), files);
}

static int usage(void)
{
	cmd_usage(stderr, "check");
	return EXIT_USAGE;
}

/* The diagnostics, the summary, and the exit status they make. */
static int report(Diags *d, size_t files)
{
	diags_report(d, DIAG_QUOTE);
	summary(d, files);
	return d->errors ? EXIT_INVALID : EXIT_OK;
}

/* `--pair A B`: two translations of one dialogue; `--pair DIR`: a folder
 * of LANG/ folders, each file against the first language's (pair.h). */
static int check_pair(int argc, char **argv)
{
	struct stat st;
	if (argc < 1 || argc > 2)
		return usage();
	if (argc == 1 && (stat(argv[0], &st) != 0 || !S_ISDIR(st.st_mode))) {
		cmd_error("tandem check", "--pair takes two files, or one folder of LANG/ folders: "
		                          "'%s' is no folder\n", argv[0]);
		return EXIT_USAGE;
	}
	Library *lib = library_open();
	Diags d = { 0 };
	size_t files = 2;
	if (argc == 1)
		pair_folder(lib, argv[0], &d, &files);
	else
		pair_files(lib, argv[0], argv[1], &d);
	int status = report(&d, files);
	diags_free(&d);
	library_free(lib);
	return status;
}

int cmd_check(int argc, char **argv)
{
	static const char *const options[] = { "--pair" };
	if (argc < 1)
		return usage();
	if (str_eq(argv[0], "--pair"))
		return check_pair(argc - 1, argv + 1);
	for (int i = 0; i < argc; i++) {
		if (argv[i][0] == '-' && argv[i][1] == '-') {
			cmd_unknown_option("tandem check", argv[i], options, ARRAY_LEN(options));
			return usage();
		}
	}
	Files files = { 0 };
	Diags d = { 0 };
	for (int i = 0; i < argc; i++) {
		struct stat st;
		if (stat(argv[i], &st) != 0) {
			diag_error(&d, argv[i], loc_at(0, 0), "cannot open: %s", strerror(errno));
		} else if (S_ISDIR(st.st_mode)) {
			collect(argv[i], &files, 0);
		} else {
			GROW(files.v, files.cap, files.n + 1);
			files.v[files.n++] = xstrdup(argv[i]);
		}
	}
	Library *lib = library_open();
	for (size_t i = 0; i < files.n; i++)
		library_check_file(lib, files.v[i], &d);
	int status = report(&d, files.n);
	library_free(lib);
	diags_free(&d);
	for (size_t i = 0; i < files.n; i++)
		free(files.v[i]);
	free(files.v);
	return status;
}
