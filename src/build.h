/*
 * build: turns a YAML document into a Dialogue or a Bank, reporting every
 * key, type and shape problem on the way. Internal to the loader: the
 * library resolves targets across files afterwards, and check.c looks at
 * meaning (variables, types, reachability) once all is resolved.
 */
#ifndef TANDEM_BUILD_H
#define TANDEM_BUILD_H

#include "dialogue.h"

/* Keys the builder understands at the top of a file. */
typedef enum FileKind { FILE_DIALOGUE, FILE_BANK, FILE_UNKNOWN } FileKind;
FileKind build_file_kind(const YDoc *doc);

/*
 * Builds a dialogue from doc, taking ownership of doc (freed with the
 * dialogue). Returns NULL only when nothing could be built; problems go to
 * diags and the dialogue built so far is returned so the checker can go on.
 * sha256 is the digest of the file's bytes.
 */
Dialogue *build_dialogue(YDoc *doc, const char *sha256, Diags *diags);
void dialogue_free(Dialogue *d);

/* Builds a bank file (`tandem-bank: 1`); owns doc like build_dialogue. */
typedef struct BankFile {
	Bank bank;
	YDoc *doc;
	PatternSet *patterns;
} BankFile;
BankFile *build_bank(YDoc *doc, Diags *diags);
void bank_file_free(BankFile *b);

/* Builds the id -> node table behind dialogue_find (dialogue.c). */
void dialogue_index_build(Dialogue *d);

/* Column of byte `pos` inside a scalar, for errors pointing into a text. */
Loc build_loc_in(const YNode *scalar, size_t pos);

#endif
