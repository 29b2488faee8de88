/* paths: the library's folders, the user's data folder, the locale's language. */
#include "paths.h"

#include <ctype.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util.h"

#ifndef TANDEM_LOCALEDIR
#define TANDEM_LOCALEDIR "/usr/local/share/locale"
#endif
#ifndef TANDEM_DATADIR
#define TANDEM_DATADIR "/usr/local/share/tandem"
#endif

static bool is_dir(const char *p)
{
	struct stat st;
	return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

static void add_dir(Paths *p, size_t *cap, char *dir)
{
	for (size_t i = 0; i < p->n; i++)
		if (str_eq(p->dirs[i], dir)) {
			free(dir);
			return;
		}
	if (!is_dir(dir)) {
		free(dir);
		return;
	}
	GROW(p->dirs, *cap, p->n + 1);
	p->dirs[p->n++] = dir;
}

char *paths_data_home(void)
{
	const char *xdg = getenv("XDG_DATA_HOME");
	if (xdg && *xdg == '/')
		return xasprintf("%s/tandem", xdg);
	const char *home = getenv("HOME");
	return xasprintf("%s/.local/share/tandem", home && *home ? home : ".");
}

char *paths_config_home(void)
{
	const char *xdg = getenv("XDG_CONFIG_HOME");
	if (xdg && *xdg == '/')
		return xasprintf("%s/tandem", xdg);
	const char *home = getenv("HOME");
	return xasprintf("%s/.config/tandem", home && *home ? home : ".");
}

/* dialogues/ of the build tree the running binary belongs to, if any:
 * build/tandem and build/san/tandem both find the tree's own. */
static void add_build_tree(Paths *p, size_t *cap)
{
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n <= 0)
		return;
	exe[n] = '\0';
	char *slash = strrchr(exe, '/');
	if (!slash)
		return;
	*slash = '\0';
	for (int up = 1; up <= 3; up++) {
		Buf b = { 0 };
		buf_adds(&b, exe);
		for (int i = 0; i < up; i++)
			buf_adds(&b, "/..");
		buf_adds(&b, "/dialogues");
		char real[PATH_MAX];
		if (realpath(buf_str(&b), real) && is_dir(real)) {
			buf_free(&b);
			add_dir(p, cap, xstrdup(real));
			return;
		}
		buf_free(&b);
	}
}

Paths paths_library(void)
{
	Paths p = { 0 };
	size_t cap = 0;
	const char *env = getenv("TANDEM_PATH");
	while (env && *env) {
		const char *colon = strchr(env, ':');
		size_t len = colon ? (size_t)(colon - env) : strlen(env);
		if (len)
			add_dir(&p, &cap, xstrndup(env, len));
		env = colon ? colon + 1 : NULL;
	}
	add_dir(&p, &cap, paths_data_home());
	add_dir(&p, &cap, xstrdup(TANDEM_DATADIR));
	add_build_tree(&p, &cap);
	return p;
}

void paths_free(Paths *p)
{
	for (size_t i = 0; i < p->n; i++)
		free(p->dirs[i]);
	free(p->dirs);
	p->dirs = NULL;
	p->n = 0;
}

char *paths_locale_lang(void)
{
	static const char *const vars[] = { "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG" };
	for (size_t i = 0; i < ARRAY_LEN(vars); i++) {
		const char *v = getenv(vars[i]);
		if (!v || !*v)
			continue;
		if (isalpha((unsigned char)v[0]) && isalpha((unsigned char)v[1]) &&
		    !isalpha((unsigned char)v[2]) && !str_starts(v, "C.") && !str_eq(v, "C"))
			return xasprintf("%c%c", tolower((unsigned char)v[0]), tolower((unsigned char)v[1]));
		if (i > 0) /* LANGUAGE is read only when it names a language */
			break;
	}
	return xstrdup("en");
}

/* The folder of the running binary (heap string), or NULL. */
static char *exe_dir(void)
{
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n <= 0)
		return NULL;
	exe[n] = '\0';
	char *slash = strrchr(exe, '/');
	if (!slash)
		return NULL;
	*slash = '\0';
	return xstrdup(exe);
}

char *paths_locale_dir(void)
{
	char *dir = exe_dir();
	/* build/tandem, build/tests/test_x, build/san/tests/test_x */
	for (int up = 0; dir && up <= 1; up++) {
		char *candidate = xasprintf("%s%s/locale", dir, up ? "/.." : "");
		if (is_dir(candidate)) {
			free(dir);
			return candidate;
		}
		free(candidate);
	}
	free(dir);
	return xstrdup(TANDEM_LOCALEDIR);
}
