/* cmd_dialogue: which file a DIALOGUE argument names, for every command
 * that takes one (run, graph, walk): a path as given, or an id of the
 * library, in a language. */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cmd.h"
#include "i18n.h"
#include "library.h"
#include "suggest.h"
#include "util.h"

/* A name with a folder or a YAML extension means a file, never an id. */
static bool names_a_file(const char *name)
{
	size_t n = strlen(name);
	struct stat st;
	return strchr(name, '/') || (n > 5 && strcmp(name + n - 5, ".yaml") == 0) ||
	       (n > 4 && strcmp(name + n - 4, ".yml") == 0) || stat(name, &st) == 0;
}

/* Says that the library has no dialogue name, with the id nearest to it
 * when one is near enough to be a slip. */
static void no_such_dialogue(const char *who, const Library *lib, const char *name,
                             const char *lang)
{
	size_t n = 0;
	LibraryEntry *v = library_entries(lib, &n);
	const char **ids = xcalloc(n + 1, sizeof(*ids));
	for (size_t i = 0; i < n; i++)
		ids[i] = v[i].id;
	const char *near = suggest(name, ids, n);
	if (near)
		cmd_error(who, "no dialogue '%s' in the library (language %s); did you mean '%s'? "
		               "(see tandem list)\n", name, lang, near);
	else
		cmd_error(who, "no dialogue '%s' in the library (language %s); see tandem list\n",
		          name, lang);
	free(ids);
	library_entries_free(v, n);
}

char *cmd_dialogue_file(const char *who, const Library *lib, const char *name, const char *lang)
{
	if (names_a_file(name))
		return xstrdup(name);
	const char *want = lang ? lang : i18n_locale_lang();
	char *path = library_find(lib, name, want);
	if (!path && !lang)
		path = library_find(lib, name, "en");
	if (!path)
		no_such_dialogue(who, lib, name, want);
	return path;
}
