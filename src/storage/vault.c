/*
 * vault: one unlocked key a process, asked for once.
 *
 * Why the failure is kept: the journal reads many files, and a coach who
 * mistyped the passphrase is to be told once, not once a file, nor asked
 * again in the middle of a listing. Why TANDEM_PASSPHRASE is read here
 * rather than by the asker: scripts and tests have no terminal, and every
 * command that reads a sealed file must find the same passphrase.
 */
#include "vault.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fileio.h"
#include "i18n.h"

static struct {
	VaultAsk *ask;
	int on;              /* -1: not looked at yet */
	Key *key;
	bool tried;
	KeyError why;
	char *err;
} V = { .on = -1 };

void vault_set_ask(VaultAsk *ask)
{
	V.ask = ask;
}

bool vault_on(void)
{
	if (V.on < 0) {
		char *path = key_path();
		struct stat st;
		V.on = lstat(path, &st) == 0 || errno != ENOENT;
		free(path);
	}
	return V.on;
}

static char *passphrase(void)
{
	const char *given = getenv("TANDEM_PASSPHRASE");
	if (given && *given) {
		size_t n = strlen(given);
		char *p = sodium_malloc(n + 1);
		if (p)
			memcpy(p, given, n + 1);
		return p;
	}
	return V.ask ? V.ask() : NULL;
}

static void unlock(void)
{
	V.tried = true;
	if (!key_library_init()) {
		V.why = KEY_IO;
		V.err = xstrdup(_("the cryptography library cannot start"));
		return;
	}
	char *p = passphrase();
	if (!p) {
		V.why = KEY_WRONG;
		V.err = xstrdup(_("the journal is encrypted, and no passphrase was given to open "
		                  "it (at a terminal, or in TANDEM_PASSPHRASE)"));
		return;
	}
	V.key = key_unlock(p, &V.why, &V.err);
	sodium_free(p);
}

const Key *vault_key(KeyError *why, char **err)
{
	if (!V.tried)
		unlock();
	if (why)
		*why = V.key ? KEY_OK : V.why;
	if (!V.key)
		*err = xstrdup(V.err);
	return V.key;
}

static char *no_key(const char *name)
{
	return xasprintf(_("'%s' is encrypted, and there is no key on this machine to open it"),
	                 name);
}

bool vault_open(const char *name, const char *data, size_t len, VaultFile *f, Sealed **stream,
                char **err)
{
	memset(f, 0, sizeof(*f));
	if (stream)
		*stream = NULL;
	if (!sealed_is(data, len)) {
		f->data = xmalloc(len + 1);
		if (len)
			memcpy(f->data, data, len);
		f->data[len] = '\0';
		f->len = len;
		return true;
	}
	f->sealed = true;
	if (!vault_on()) {
		*err = no_key(name);
		return false;
	}
	char *why = NULL;
	const Key *k = vault_key(NULL, &why);
	if (!k) {
		*err = xasprintf(_("cannot open '%s': %s"), name, why);
		free(why);
		return false;
	}
	Unsealed u;
	Sealed *s = sealed_open(k, data, len, &u);
	if (!s) {
		sodium_memzero(u.plain.data, u.plain.len);
		buf_free(&u.plain);
		*err = u.refused ? xasprintf(_("'%s' was encrypted with another key than this "
		                               "machine's, or its beginning was altered"), name)
		                 : xasprintf(_("'%s' is cut short: its encrypted beginning is "
		                               "incomplete"), name);
		return false;
	}
	buf_addc(&u.plain, '\0');
	f->data = u.plain.data;
	f->len = u.plain.len - 1;
	f->torn = u.torn;
	f->refused = u.refused;
	f->chunks = u.chunks;
	f->whole = u.whole;
	if (stream)
		*stream = s;
	else
		sealed_free(s);
	return true;
}

void vault_file_free(VaultFile *f)
{
	if (f->sealed && f->data)
		sodium_memzero(f->data, f->len);
	free(f->data);
	memset(f, 0, sizeof(*f));
}

bool vault_sealed_fd(int fd)
{
	char head[sizeof(SEALED_MAGIC)];
	ssize_t n = pread(fd, head, sizeof(head) - 1, 0);
	return n > 0 && sealed_is(head, (size_t)n);
}

bool vault_sealed_path(const char *path)
{
	int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
	bool sealed = fd >= 0 && vault_sealed_fd(fd);
	if (fd >= 0)
		close(fd);
	return sealed;
}

bool vault_missing(const char *path, char **err)
{
	if (vault_on() || !vault_sealed_path(path))
		return false;
	*err = no_key(path);
	return true;
}

bool vault_read(const char *path, size_t limit, VaultFile *f, char **err)
{
	memset(f, 0, sizeof(*f));
	const char *why;
	int fd = file_open(path, O_RDONLY | O_NOFOLLOW, &why);
	if (fd < 0) {
		*err = xasprintf(_("cannot open '%s': %s"), path, why);
		return false;
	}
	char *data = NULL;
	size_t len = 0, size = 0;
	int e = file_read(fd, 0, limit, &data, &len, &size);
	close(fd);
	if (!e && len > limit)
		e = EFBIG;
	bool ok = !e && vault_open(path, data, len, f, NULL, err);
	if (e) {
		*err = xasprintf(_("cannot read '%s': %s"), path, strerror(e));
		errno = e;
	} else if (!ok) {
		errno = 0;
	}
	free(data);
	return ok;
}

Sealed *vault_start(Buf *out, char **err)
{
	char *why = NULL;
	const Key *k = vault_key(NULL, &why);
	if (!k) {
		*err = xasprintf(_("cannot encrypt: %s"), why);
		free(why);
		return NULL;
	}
	Sealed *s = sealed_start(k, out);
	if (!s)
		*err = xstrdup(_("not enough memory to encrypt"));
	return s;
}

bool vault_seal(const void *plain, size_t n, Buf *out, char **err)
{
	Sealed *s = vault_start(out, err);
	if (!s)
		return false;
	sealed_push(s, plain, n, out);
	sealed_free(s);
	return true;
}

void vault_close(void)
{
	key_free(V.key);
	free(V.err);
	VaultAsk *ask = V.ask;
	memset(&V, 0, sizeof(V));
	V.ask = ask;
	V.on = -1;
}
