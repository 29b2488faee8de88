/*
 * library: finds, loads, links and checks dialogues and banks, and owns
 * them.
 *
 * The Library loads a dialogue together with everything it reaches: the
 * dialogues it `call`s and the question banks it `pick`s from, looked up
 * first beside the calling file, then in the library's folders. All
 * problems found on the way (YAML, keys, types, targets, expressions,
 * patterns, variables, call cycles, reachability) are collected in a Diags;
 * a dialogue with errors is never handed out for running.
 */
#ifndef TANDEM_LIBRARY_H
#define TANDEM_LIBRARY_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "dialogue.h"

/* The library: where dialogues and banks are found, and their owner. */
typedef struct Library Library;

/*
 * A library searching dirs in order (each holding LANG/ folders of
 * dialogues and LANG/banks/). The strings are copied.
 */
Library *library_new(const char *const *dirs, size_t ndirs);
void library_free(Library *lib);

/* The library of the folders paths.h names ($TANDEM_PATH, the data
 * folder, the installed share folder): what every command opens. */
Library *library_open(void);

/*
 * Loads the dialogue at path and everything it calls and picks, checks it
 * all, and adds every problem to d. Returns the dialogue when it has no
 * error (warnings allowed), NULL otherwise. The library owns the result.
 */
const Dialogue *library_load(Library *lib, const char *path, Diags *d);

/*
 * Checks one file, dialogue or bank alike (told apart by its `tandem:` or
 * `tandem-bank:` key), adding its problems to d. Returns false on error.
 */
bool library_check_file(Library *lib, const char *path, Diags *d);

/* What one file built, as library_file gives it: one of dialogue, bank
 * or safety set, or none when the file could not be read as any. */
typedef struct LibraryFile {
	const Dialogue *dialogue;
	const Bank *bank;
	const Safety *safety;
	const char *lang;    /* the safety file's `lang` (NULL when absent) */
	bool errors;         /* the file, or anything it reaches, has errors */
} LibraryFile;

/*
 * Checks the file at path as library_check_file does, and sets *out to
 * what it built, owned by the library (even when it has errors, so that
 * a caller can still tell its kind). Returns false on error.
 */
bool library_file(Library *lib, const char *path, Diags *d, LibraryFile *out);

/*
 * Finds a dialogue of the library by id and language: LANG/ID.yaml in each
 * folder, LANG the folder of lang's language (langtag.h: `fr-CA`, `FR`
 * and `fr_BE.UTF-8` are all fr/). Returns a heap path, or NULL.
 */
char *library_find(const Library *lib, const char *id, const char *lang);

/* One dialogue of the library, as the top of its file gives it. */
typedef struct LibraryEntry {
	char *id, *lang, *title, *summary, *path;  /* title, summary: NULL when absent */
} LibraryEntry;

/*
 * The library's dialogues, folder by folder, LANG/ by LANG/, file by file
 * in name order, each id and language once (the first found): read from
 * the top of each file, not checked. *n entries; the caller frees them
 * with library_entries_free.
 */
LibraryEntry *library_entries(const Library *lib, size_t *n);
void library_entries_free(LibraryEntry *v, size_t n);

#endif
