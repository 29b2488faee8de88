/*
 * key: the coach's key, the one secret that will protect a journal at rest.
 *
 * A random 256-bit key, made by libsodium, kept in the user's
 * configuration folder (`key`, 0600, in a 0700 folder) sealed under a
 * passphrase: Argon2id (crypto_pwhash, at libsodium's "interactive" limits)
 * turns the passphrase and a random salt into a sealing key, and
 * crypto_secretbox seals the key with it, so that a wrong passphrase or a
 * file altered in any byte is told apart from the key itself. Changing the
 * passphrase seals the same key anew: whatever the key protects stays
 * readable. Only the coach ever holds the passphrase; tandem never writes
 * it anywhere.
 *
 * An unlocked key lives in memory libsodium locks (no swap where it can be
 * helped) and wipes when freed; while one is unlocked, the process makes
 * no core dump and cannot be attached to (PR_SET_DUMPABLE 0).
 */
#ifndef TANDEM_KEY_H
#define TANDEM_KEY_H

#include <stdbool.h>
#include <stddef.h>

enum { KEY_BYTES = 32 };

typedef struct Key Key;

/* Why a key could not be had: as exit statuses tell them apart. */
typedef enum KeyError {
	KEY_OK,
	KEY_MISSING,     /* no key file: `tandem key init` makes one */
	KEY_WRONG,       /* the passphrase does not open it */
	KEY_DAMAGED,     /* the file is not a key tandem wrote, or was altered */
	KEY_IO,          /* the machine's reason: a folder or file unreadable or unwritable */
} KeyError;

/* Sets libsodium up; false when it cannot start (no entropy source). */
bool key_library_init(void);

/* The key file's path (heap string). */
char *key_path(void);

/* Makes a new key sealed under passphrase, in a new file (never over an
 * existing one: KEY_IO with errno EEXIST). *err (heap) says why otherwise. */
KeyError key_create(const char *passphrase, char **err);

/* The key, unlocked with passphrase; NULL with the reason in *why and
 * *err (heap, naming the file). */
Key *key_unlock(const char *passphrase, KeyError *why, char **err);

/* Seals k anew under passphrase, replacing the file atomically (a crash
 * leaves the old sealing or the new one). */
KeyError key_reseal(const Key *k, const char *passphrase, char **err);

/* The key's bytes, KEY_BYTES of them. */
const unsigned char *key_bytes(const Key *k);

/* Wipes and frees the key. NULL is allowed. */
void key_free(Key *k);

#endif
