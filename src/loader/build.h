/*
 * build: reads a dialogue or bank file into a Dialogue or a Bank, reporting
 * every key, type and shape problem on the way. Internal to the loader: the
 * library resolves targets across files afterwards, and check.c looks at
 * meaning (variables, types, reachability) once all is resolved.
 */
#ifndef TANDEM_BUILD_H
#define TANDEM_BUILD_H

#include "dialogue.h"
#include "ydoc.h"

/* Keys the builder understands at the top of a file. */
typedef enum FileKind { FILE_DIALOGUE, FILE_BANK, FILE_UNKNOWN } FileKind;
FileKind build_file_kind(const YDoc *doc);

typedef struct BankFile BankFile;

/*
 * Reads and builds the file at path: a dialogue (any file that is not a
 * bank: what it lacks is reported) or a bank file, told apart by its
 * `tandem-bank:` key. Sets *dialogue or *bank, the other NULL, and returns
 * FILE_DIALOGUE or FILE_BANK; or sets neither and returns FILE_UNKNOWN
 * when nothing could be read. Problems go to diags, and what could be built
 * is returned all the same, so the checker can go on. With digest, the
 * dialogue's sha256 is that of the bytes read; else it is left empty
 * (checking does not need it, and hashing a large file is not free).
 */
FileKind build_file(const char *path, bool digest, Diags *diags, Dialogue **dialogue,
                    BankFile **bank);

/* Builds a bank file (`tandem-bank: 1`) from doc, which it frees: the
 * bank's texts are copied into its own arena. */
struct BankFile {
	Bank bank;
	Arena arena;
	PatternSet *patterns;
};
BankFile *build_bank(YDoc *doc, Diags *diags);
void bank_file_free(BankFile *b);

#endif
