/*
 * paths: where tandem looks for dialogues and keeps its data.
 *
 * The library is searched in $TANDEM_PATH (colon-separated), then the
 * user's data folder ($XDG_DATA_HOME/tandem, else ~/.local/share/tandem),
 * then the installed share folder; a binary run from its build tree also
 * finds the tree's own dialogues/.
 */
#ifndef TANDEM_PATHS_H
#define TANDEM_PATHS_H

#include <stddef.h>

typedef struct Paths {
	char **dirs;
	size_t n;
} Paths;

/* The library's folders, in search order, existing ones only. */
Paths paths_library(void);
void paths_free(Paths *p);

/* The user's tandem data folder (heap string): $XDG_DATA_HOME/tandem or
 * ~/.local/share/tandem. */
char *paths_data_home(void);

/* The user's tandem configuration folder (heap string):
 * $XDG_CONFIG_HOME/tandem or ~/.config/tandem. */
char *paths_config_home(void);

/* The language of the user's locale, "fr" or "en" style (heap string),
 * from LANGUAGE, LC_ALL, LC_MESSAGES or LANG, the first set; "en" when
 * the locale says nothing useful. */
char *paths_locale_lang(void);

/* Where the message catalogues are (heap string): the build tree's
 * locale/ beside the running binary, else the installed one. */
char *paths_locale_dir(void);

#endif
