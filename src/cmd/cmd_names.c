/*
 * cmd_names: what a command line names that tandem does not know, said
 * with the nearest name it does know (suggest.h, as the checker does for
 * a dialogue): an option, and a dialogue of the library by id; and where
 * a named dialogue is, in the language `--lang` asks for, and it loaded.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cmd.h"
#include "i18n.h"
#include "langtag.h"
#include "library.h"
#include "out.h"
#include "suggest.h"

void cmd_unknown_option(const char *who, const char *arg, const char *const *known, size_t n)
{
	/* "--clinet=Bob" is the option --clinet. */
	const char *eq = strchr(arg, '=');
	char *name = eq ? xstrndup(arg, (size_t)(eq - arg)) : xstrdup(arg);
	const char *near = NULL;
	for (size_t i = 0; i < n && !near; i++)
		if (str_eq(name, known[i]))
			near = known[i];
	if (near)
		cmd_error(who, "option '%s' needs a value\n", name);
	else if ((near = suggest(name, known, n)))
		cmd_error(who, "unknown option '%s'; did you mean '%s'?\n", name, near);
	else
		cmd_error(who, "unknown option or missing value: '%s'\n", arg);
	free(name);
}

bool cmd_lang_folder(const char *who, const char *lang, char out[LANG_FOLDER_MAX])
{
	if (lang_folder(lang, out))
		return true;
	cmd_error(who, "--lang takes a language: fr, en, fr-CA, en_GB.UTF-8, ... (not '%s')\n",
	          lang);
	return false;
}

/* A name with a folder or a YAML extension means a file, never an id. */
static bool names_a_file(const char *name)
{
	size_t n = strlen(name);
	struct stat st;
	return strchr(name, '/') || (n > 5 && strcmp(name + n - 5, ".yaml") == 0) ||
	       (n > 4 && strcmp(name + n - 4, ".yml") == 0) || stat(name, &st) == 0;
}

/* The id of the library's dialogues nearest to id, those of lang first;
 * a heap string, or NULL. */
static char *near_id(const Library *lib, const char *id, const char *lang)
{
	size_t n;
	LibraryEntry *v = library_entries(lib, &n);
	const char **ids = xcalloc(n + 1, sizeof(char *));
	const char *near = NULL;
	for (int pass = 0; pass < 2 && !near; pass++) {
		size_t k = 0;
		for (size_t i = 0; i < n; i++) {
			char folder[LANG_FOLDER_MAX];
			bool mine = lang_folder(v[i].lang, folder) && str_eq(folder, lang);
			if (pass || mine)
				ids[k++] = v[i].id;
		}
		near = suggest(id, ids, k);
	}
	char *found = xstrdup_opt(near);
	free(ids);
	library_entries_free(v, n);
	return found;
}

const Dialogue *cmd_dialogue_load(const char *who, Library *lib, const char *name,
                                  const char *lang, int *status)
{
	char *file = cmd_dialogue_file(who, lib, name, lang);
	if (!file) {
		*status = EXIT_USAGE;
		return NULL;
	}
	Diags diags = { 0 };
	const Dialogue *d = library_load(lib, file, &diags);
	diags_report(&diags, DIAG_QUOTE);
	diags_free(&diags);
	free(file);
	*status = d ? EXIT_OK : EXIT_INVALID;
	return d;
}

char *cmd_dialogue_file(const char *who, const Library *lib, const char *name,
                        const char *lang)
{
	if (names_a_file(name))
		return xstrdup(name);
	char folder[LANG_FOLDER_MAX];
	if (lang && !cmd_lang_folder(who, lang, folder))
		return NULL;
	if (!lang)
		strcpy(folder, i18n_locale_lang());
	char *path = library_find(lib, name, folder);
	if (!path && !lang)
		path = library_find(lib, name, "en");
	if (path)
		return path;
	char *near = near_id(lib, name, folder);
	if (near)
		cmd_error(who, "no dialogue '%s' in the library (language %s); did you mean '%s'? "
		          "(see tandem list)\n", name, folder, near);
	else
		cmd_error(who, "no dialogue '%s' in the library (language %s); see tandem list\n",
		          name, folder);
	free(near);
	return NULL;
}
