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
typedef enum FileKind { FILE_DIALOGUE, FILE_BANK, FILE_SAFETY, FILE_UNKNOWN } FileKind;
FileKind build_file_kind(const YDoc *doc);

typedef struct BankFile BankFile;
typedef struct SafetyFile SafetyFile;

/* What build_file builds: one of them, the others NULL. */
typedef struct Built {
	Dialogue *dialogue;
	BankFile *bank;
	SafetyFile *safety;
} Built;

/*
 * Reads and builds the file at path: a dialogue (any file that is not a
 * bank nor a safety net: what it lacks is reported), a bank file or a
 * safety file, told apart by their `tandem-bank:` and `tandem-safety:`
 * keys. Sets the one built in *out and returns its kind; or sets none and
 * returns FILE_UNKNOWN when nothing could be read. Problems go to diags, and what could be built
 * is returned all the same, so the checker can go on. With digest, the
 * dialogue's sha256 is that of the bytes read; else it is left empty
 * (checking does not need it, and hashing a large file is not free).
 */
FileKind build_file(const char *path, bool digest, Diags *diags, Built *out);

/* Builds a bank file (`tandem-bank: 1`) from doc, which it frees: the
 * bank's texts are copied into its own arena. */
struct BankFile {
	Bank bank;
	Arena arena;
	PatternSet *patterns;
};
BankFile *build_bank(YDoc *doc, Diags *diags);
void bank_file_free(BankFile *b);

/* A safety file (`tandem-safety: 1`), built from doc, which it frees. */
struct SafetyFile {
	Safety safety;
	const char *lang;
	Arena arena;
	PatternSet *patterns;
};
SafetyFile *build_safety(YDoc *doc, Diags *diags);
void safety_file_free(SafetyFile *f);

#endif
