/*
 * pair: two translations of one dialogue compared, for `tandem check
 * --pair` and the library's parity test (one home for the comparison).
 *
 * Translations of a dialogue must run the same session in each language:
 * the same node ids, kinds, choice keys in the same order, the same
 * routes (next targets and their conditions, choice gotos,
 * call targets, pick bank, tags, count and about), save names, variables
 * and recalled names, and the same optional parts where their presence
 * changes a session (a section, `validate`, `optional`, a self wording).
 * Texts are the translation: they are not compared, nor the texts and
 * patterns inside a condition or a `set` (its names, numbers and
 * operators are). A bank is compared
 * question by question (tags, trigger, strict, self wording), a safety
 * net topic by topic.
 *
 * Each difference is an error in the Diags, at the place in the file that
 * holds it (the second file's when both do), its message naming the place
 * in each file: "node 'x' is a scale in A.yaml:12:3 and a choice in
 * B.yaml:14:3".
 */
#ifndef TANDEM_PAIR_H
#define TANDEM_PAIR_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "library.h"

/*
 * Checks the files a and b (dialogues, banks or safety nets, both of one
 * kind), then, when neither has an error, compares them: a is the
 * reference, b its translation. Adds every problem and difference to d;
 * false when there was any error.
 */
bool pair_files(Library *lib, const char *a, const char *b, Diags *d);

/*
 * The same for a folder of language folders (dir/LANG/ID.yaml and
 * dir/LANG/banks/ID.yaml, as the library is laid out): every file is
 * checked, and each file present in several languages is compared with
 * its version in the first language folder, in name order, that has it.
 * A file missing from a language, a file whose `id` is not its name or
 * whose `lang` is not its folder's language, are errors too. *files is
 * the number of files checked. False when there was any error.
 */
bool pair_folder(Library *lib, const char *dir, Diags *d, size_t *files);

#endif
