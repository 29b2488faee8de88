/*
 * key: the sealed key file, written and read.
 *
 * The file is YAML any tool reads, and says what it takes to open it:
 *
 *   tandem-key: 1
 *   kdf: argon2id13
 *   opslimit: 3
 *   memlimit: 268435456
 *   salt: "hex"      crypto_pwhash's salt
 *   nonce: "hex"     crypto_secretbox's nonce
 *   sealed: "hex"    the key, sealed (crypto_secretbox_easy: key + MAC)
 *
 * The limits are read back from the file, so that stronger ones chosen
 * later still open a key sealed today; limits below libsodium's
 * interactive ones, or absurdly high, mark the file as damaged.
 */
#include "key.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fileio.h"
#include "i18n.h"
#include "paths.h"
#include "util.h"
#include "ydoc.h"

struct Key {
	unsigned char *bytes;    /* KEY_BYTES, sodium_malloc'd: locked, wiped when freed */
};

bool key_library_init(void)
{
	return sodium_init() >= 0;
}

char *key_path(void)
{
	char *dir = paths_config_home();
	char *path = xasprintf("%s/key", dir);
	free(dir);
	return path;
}

/* No core dump and no attaching while a key is in memory. */
static void guard_process(void)
{
	(void)prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
	struct rlimit none = { 0, 0 };
	(void)setrlimit(RLIMIT_CORE, &none);
}

static Key *key_new(void)
{
	Key *k = xcalloc(1, sizeof(*k));
	k->bytes = sodium_malloc(KEY_BYTES);
	if (!k->bytes) {
		free(k);
		return NULL;
	}
	guard_process();
	return k;
}

void key_free(Key *k)
{
	if (!k)
		return;
	sodium_free(k->bytes); /* zeroes it first */
	free(k);
}

const unsigned char *key_bytes(const Key *k)
{
	return k->bytes;
}

/* The sealing key from passphrase and salt; false when memory is short. */
static bool derive(unsigned char out[crypto_secretbox_KEYBYTES], const char *passphrase,
                   const unsigned char *salt, unsigned long long ops, size_t mem)
{
	return crypto_pwhash(out, crypto_secretbox_KEYBYTES, passphrase, strlen(passphrase), salt,
	                     ops, mem, crypto_pwhash_ALG_ARGON2ID13) == 0;
}

static void put_hex(Buf *b, const char *name, const unsigned char *bin, size_t n)
{
	char *hex = xmalloc(n * 2 + 1);
	sodium_bin2hex(hex, n * 2 + 1, bin, n);
	buf_printf(b, "%s: \"%s\"\n", name, hex);
	free(hex);
}

/* The file's text for k sealed under passphrase; false (and *err) when
 * the passphrase could not be hashed. */
static bool seal(Buf *b, const Key *k, const char *passphrase, char **err)
{
	unsigned long long ops = crypto_pwhash_OPSLIMIT_INTERACTIVE;
	size_t mem = crypto_pwhash_MEMLIMIT_INTERACTIVE;
	unsigned char salt[crypto_pwhash_SALTBYTES], nonce[crypto_secretbox_NONCEBYTES];
	unsigned char sealed[crypto_secretbox_MACBYTES + KEY_BYTES];
	unsigned char *box = sodium_malloc(crypto_secretbox_KEYBYTES);
	randombytes_buf(salt, sizeof(salt));
	randombytes_buf(nonce, sizeof(nonce));
	bool ok = box && derive(box, passphrase, salt, ops, mem);
	if (ok) {
		crypto_secretbox_easy(sealed, k->bytes, KEY_BYTES, nonce, box);
		buf_printf(b, "tandem-key: 1\nkdf: argon2id13\nopslimit: %llu\nmemlimit: %zu\n", ops,
		           mem);
		put_hex(b, "salt", salt, sizeof(salt));
		put_hex(b, "nonce", nonce, sizeof(nonce));
		put_hex(b, "sealed", sealed, sizeof(sealed));
	} else {
		*err = xstrdup(_("not enough memory to protect the passphrase"));
	}
	sodium_free(box);
	return ok;
}

/* Writes text as a new file at path, never over an existing one, fsync'd
 * with its folder. */
static bool create_key_file(const char *path, const Buf *text)
{
	int fd = file_make_parents(path)
	                 ? open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600)
	                 : -1;
	bool ok = fd >= 0 && file_write_all(fd, text->data, text->len) && fsync(fd) == 0;
	int e = errno;
	if (fd >= 0 && close(fd) != 0 && ok)
		ok = false, e = errno;
	if (!ok && fd >= 0)
		unlink(path);
	char *dir = xstrdup(path);
	*strrchr(dir, '/') = '\0';
	ok = ok && file_sync_folder(dir);
	free(dir);
	errno = ok ? 0 : e;
	return ok;
}

KeyError key_create(const char *passphrase, char **err)
{
	Key *k = key_new();
	if (!k) {
		*err = xstrdup(_("not enough memory to hold the key"));
		return KEY_IO;
	}
	randombytes_buf(k->bytes, KEY_BYTES);
	Buf text = { 0 };
	KeyError r = KEY_OK;
	char *path = key_path();
	if (!seal(&text, k, passphrase, err))
		r = KEY_IO;
	else if (!create_key_file(path, &text)) {
		r = KEY_IO;
		*err = errno == EEXIST ? xasprintf(_("a key already exists at '%s'"), path)
		                       : xasprintf(_("cannot write '%s': %s"), path, strerror(errno));
	}
	sodium_memzero(text.data, text.len);
	buf_free(&text);
	free(path);
	key_free(k);
	return r;
}

KeyError key_reseal(const Key *k, const char *passphrase, char **err)
{
	Buf text = { 0 };
	KeyError r = KEY_OK;
	char *path = key_path();
	if (!seal(&text, k, passphrase, err))
		r = KEY_IO;
	else if (!file_replace(path, text.data, text.len, true)) {
		r = KEY_IO;
		*err = xasprintf(_("cannot write '%s': %s"), path, strerror(errno));
	}
	buf_free(&text);
	free(path);
	return r;
}

/* ---- reading ---- */

/* The hex text under key, exactly n bytes once decoded, into out. */
static bool get_hex(const YNode *root, const char *key, unsigned char *out, size_t n)
{
	const YNode *v = ymap_get(root, key);
	size_t got = 0;
	return v && v->kind == Y_SCALAR && v->len == n * 2 &&
	       sodium_hex2bin(out, n, v->u.text, v->len, NULL, &got, NULL) == 0 && got == n;
}

static bool get_count(const YNode *root, const char *key, unsigned long long lo,
                      unsigned long long hi, unsigned long long *out)
{
	const YNode *v = ymap_get(root, key);
	char *end;
	errno = 0;
	if (!v || v->kind != Y_SCALAR)
		return false;
	*out = strtoull(v->u.text, &end, 10);
	return !errno && end != v->u.text && !*end && *out >= lo && *out <= hi;
}

/* What the file says: its limits, salt, nonce and sealed key. */
typedef struct Sealed {
	unsigned long long ops, mem;
	unsigned char salt[crypto_pwhash_SALTBYTES];
	unsigned char nonce[crypto_secretbox_NONCEBYTES];
	unsigned char box[crypto_secretbox_MACBYTES + KEY_BYTES];
} Sealed;

static bool read_sealed(const YDoc *doc, Sealed *s)
{
	const YNode *root = doc ? doc->root : NULL;
	const YNode *version = root && root->kind == Y_MAP ? ymap_get(root, "tandem-key") : NULL;
	const YNode *kdf = version ? ymap_get(root, "kdf") : NULL;
	return kdf && version->kind == Y_SCALAR && str_eq(version->u.text, "1") &&
	       kdf->kind == Y_SCALAR && str_eq(kdf->u.text, "argon2id13") &&
	       get_count(root, "opslimit", crypto_pwhash_OPSLIMIT_INTERACTIVE, 64, &s->ops) &&
	       get_count(root, "memlimit", crypto_pwhash_MEMLIMIT_INTERACTIVE, 1ull << 32,
	                 &s->mem) &&
	       get_hex(root, "salt", s->salt, sizeof(s->salt)) &&
	       get_hex(root, "nonce", s->nonce, sizeof(s->nonce)) &&
	       get_hex(root, "sealed", s->box, sizeof(s->box));
}

Key *key_unlock(const char *passphrase, KeyError *why, char **err)
{
	char *path = key_path();
	Diags quiet = { 0 };
	struct stat st;
	bool missing = lstat(path, &st) != 0 && errno == ENOENT;
	YDoc *doc = missing ? NULL : ydoc_load(path, NULL, &quiet);
	diags_free(&quiet);
	Sealed s;
	Key *k = NULL;
	unsigned char *box = sodium_malloc(crypto_secretbox_KEYBYTES);
	if (missing) {
		*why = KEY_MISSING;
		*err = xasprintf(_("no key at '%s': `tandem key init` makes one"), path);
	} else if (access(path, R_OK) != 0) {
		*why = KEY_IO;
		*err = xasprintf(_("cannot read '%s': %s"), path, strerror(errno));
	} else if (!read_sealed(doc, &s)) {
		*why = KEY_DAMAGED;
		*err = xasprintf(_("'%s' is not a key tandem wrote, or it was damaged"), path);
	} else if (!box || !(k = key_new()) || !derive(box, passphrase, s.salt, s.ops, s.mem)) {
		*why = KEY_IO;
		*err = xstrdup(_("not enough memory to open the key"));
	} else if (crypto_secretbox_open_easy(k->bytes, s.box, sizeof(s.box), s.nonce, box) != 0) {
		*why = KEY_WRONG;
		*err = xasprintf(_("the passphrase does not open the key at '%s'"), path);
	} else {
		*why = KEY_OK;
	}
	if (*why != KEY_OK) {
		key_free(k);
		k = NULL;
	}
	sodium_free(box);
	ydoc_free(doc);
	free(path);
	return k;
}
