/*
 * langtag: a language as a person gives it, reduced to the name of a
 * library folder.
 *
 * `--lang` takes what people type or what a locale says: `fr`, `FR`,
 * `fr-CA`, `fr_BE`, `en_GB.UTF-8`. The library holds one folder per
 * language (dialogues/fr/, dialogues/en/), so every one of those means
 * the folder of its language: the first subtag, in lower case. One
 * function, used wherever a language picks a folder.
 */
#ifndef TANDEM_LANGTAG_H
#define TANDEM_LANGTAG_H

#include <stdbool.h>
#include <stddef.h>

enum { LANG_FOLDER_MAX = 4 };  /* 2 or 3 letters and the NUL */

/*
 * The folder of tag's language into out: its first subtag (up to '-',
 * '_', '.' or '@'), 2 or 3 ASCII letters, in lower case. False, out
 * empty, when tag does not start with one.
 */
bool lang_folder(const char *tag, char out[LANG_FOLDER_MAX]);

#endif
