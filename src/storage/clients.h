/*
 * clients: the people a coach works with, one folder of the journal each,
 * found by name whatever its case, accents or Unicode form.
 *
 * A client's folder is named from the name as first typed, composed
 * (journal_folder_name of its NFC form); it is found again by the name's
 * key (utf8_name_key), so that "alice martin", "Alice Martin" and a
 * decomposed "Alice Martin" pasted from another system are one client,
 * and "Chloe" finds "Chloé". The folder `self` is the person's own
 * journal, not a client: `--client self` (any case) names it too.
 *
 * clients_migrate moves a journal kept by an earlier tandem, in the data
 * folder beside the dialogues, into the journal's home: one transcript at
 * a time, each by a rename that never replaces a file, so that a crash at
 * any point leaves each transcript in exactly one of the two places, and
 * the next start moves the rest.
 */
#ifndef TANDEM_CLIENTS_H
#define TANDEM_CLIENTS_H

#include <stdbool.h>
#include <stddef.h>

typedef struct Client {
	char *name;      /* as first typed (the folder's name, decoded) */
	char *folder;    /* the folder's name in the journal's home */
	char *key;       /* utf8_name_key of name */
} Client;

typedef struct Clients {
	Client *v;       /* sorted by key */
	size_t n;
} Clients;

/* The clients of the journal's home (not `self`). A home that does not
 * exist yet has none; false with *err (heap) when it cannot be read. */
bool clients_read(Clients *c, char **err);
void clients_free(Clients *c);

/* The client whose name has the same key as name, or NULL. */
const Client *clients_find(const Clients *c, const char *name);

/* A client whose name is close to name without being it (a typo, as
 * suggest.h measures it on the keys), or NULL. */
const Client *clients_near(const Clients *c, const char *name);

/* Whether name names the person's own journal (self, Self, SELF). */
bool clients_is_self(const char *name);

/*
 * Moves the transcripts of an earlier journal ($XDG_DATA_HOME/tandem/NAME/,
 * beside the dialogues' LANG/ folders) into the journal's home, when that
 * home is the default one. Returns how many transcripts were moved (0
 * when there was nothing to move), or -1 with *err naming what failed;
 * what was moved stays moved.
 */
long clients_migrate(char **err);

#endif
