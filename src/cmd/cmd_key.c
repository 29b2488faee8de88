/*
 * cmd_key: `tandem key init` and `tandem key passphrase`, the coach's key
 * (key.h), `tandem key encrypt-all`, the journal sealed with it
 * (seal_all.h), and the one way tandem asks for a passphrase.
 *
 * A passphrase comes from TANDEM_PASSPHRASE when it is set (scripts and
 * tests: the README says what that risks), else from the terminal with
 * its echo turned off, never from the command line nor from readline
 * (whose history would keep it). `key passphrase` takes the new one from
 * TANDEM_NEW_PASSPHRASE the same way. Every copy is held in memory
 * libsodium locks and wipes.
 */
#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include "clients.h"
#include "cmd.h"
#include "i18n.h"
#include "journal.h"
#include "key.h"
#include "out.h"
#include "seal_all.h"
#include "util.h"
#include "vault.h"

#define ME "tandem key"

/* A passphrase is read up to this many bytes. */
enum { PASS_MAX = 1024, PASS_MIN = 8 };

/* A locked, wiped copy of s (NULL when memory is short). */
static char *secret_copy(const char *s, size_t n)
{
	char *p = sodium_malloc(n + 1);
	if (p) {
		memcpy(p, s, n);
		p[n] = '\0';
	}
	return p;
}

static void secret_free(char *p)
{
	sodium_free(p); /* NULL is allowed */
}

/* One line from the terminal, its echo off; NULL (said by who) when there
 * is no terminal to ask. */
static char *ask_tty(const char *who, const char *prompt)
{
	int fd = open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC);
	struct termios was, quiet;
	if (fd < 0 || tcgetattr(fd, &was) != 0) {
		if (fd >= 0)
			close(fd);
		cmd_error(who, _("no terminal to ask the passphrase on: set TANDEM_PASSPHRASE\n"));
		return NULL;
	}
	quiet = was;
	quiet.c_lflag &= ~(tcflag_t)ECHO;
	(void)tcsetattr(fd, TCSAFLUSH, &quiet);
	(void)!write(fd, prompt, strlen(prompt));
	char *buf = sodium_malloc(PASS_MAX + 1);
	size_t n = 0;
	char c;
	while (buf && n < PASS_MAX && read(fd, &c, 1) == 1 && c != '\n')
		buf[n++] = c;
	if (buf)
		buf[n] = '\0';
	(void)tcsetattr(fd, TCSAFLUSH, &was);
	(void)!write(fd, "\n", 1);
	close(fd);
	return buf;
}

/* The passphrase: from env when set, else asked at the terminal (twice
 * with confirm). NULL (said) when none could be had. */
static char *passphrase(const char *env, const char *prompt, const char *again)
{
	const char *given = getenv(env);
	if (given && *given)
		return secret_copy(given, strlen(given));
	char *first = ask_tty(ME, prompt);
	if (!first || !again)
		return first;
	char *second = ask_tty(ME, again);
	bool same = second && str_eq(first, second);
	secret_free(second);
	if (!same) {
		cmd_error(ME, _("the two passphrases differ; nothing was changed\n"));
		secret_free(first);
		return NULL;
	}
	return first;
}

/* A new passphrase worth its name. */
static bool strong_enough(const char *p)
{
	if (strlen(p) >= PASS_MIN)
		return true;
	cmd_error(ME, _("a passphrase of at least %d characters, please; nothing was changed\n"),
	          PASS_MIN);
	return false;
}

static int status_of(KeyError e)
{
	return e == KEY_IO ? EXIT_RUNTIME : EXIT_INVALID;
}

static int key_init(void)
{
	char *path = key_path();
	if (access(path, F_OK) == 0) {
		cmd_error(ME, _("a key already exists at '%s'; nothing was changed\n"), path);
		free(path);
		return EXIT_INVALID;
	}
	char *p = passphrase("TANDEM_PASSPHRASE", _("New passphrase: "), _("Once more: "));
	int status = EXIT_INVALID;
	char *err = NULL;
	if (p && strong_enough(p)) {
		KeyError e = key_create(p, &err);
		if (e == KEY_OK)
			out_printf(stdout, _("Key made at '%s'. Keep the passphrase safe: without it, "
			                     "what the key protects cannot be read by anyone.\n"), path);
		else
			cmd_error(ME, "%s\n", err);
		status = e == KEY_OK ? EXIT_OK : status_of(e);
	}
	free(err);
	secret_free(p);
	free(path);
	return status;
}

static int key_passphrase(void)
{
	char *old = passphrase("TANDEM_PASSPHRASE", _("Passphrase: "), NULL);
	if (!old)
		return EXIT_INVALID;
	KeyError e;
	char *err = NULL;
	Key *k = key_unlock(old, &e, &err);
	secret_free(old);
	if (!k) {
		cmd_error(ME, "%s\n", err);
		free(err);
		return status_of(e);
	}
	char *p = passphrase("TANDEM_NEW_PASSPHRASE", _("New passphrase: "), _("Once more: "));
	int status = EXIT_INVALID;
	if (p && strong_enough(p)) {
		e = key_reseal(k, p, &err);
		if (e == KEY_OK)
			out_puts(_("Passphrase changed; the key is the same.\n"), stdout);
		else
			cmd_error(ME, "%s\n", err);
		status = e == KEY_OK ? EXIT_OK : status_of(e);
	}
	free(err);
	secret_free(p);
	key_free(k);
	return status;
}

/* ---- encrypt-all ---- */

#define ME_ALL "tandem key encrypt-all"

/* What encrypt-all did so far, over the folders. */
typedef struct Tally {
	size_t sealed;      /* files sealed */
	size_t folders;     /* folders found */
	size_t busy;        /* folders skipped: a session runs there */
} Tally;

/* Seals one folder of the journal (name: how the coach calls it) and
 * says how it went; false when it failed (said), which ends the run. */
static bool encrypt_folder(const char *name, const char *folder, Tally *t)
{
	SealAllCount n;
	char *why = NULL;
	SealAllResult r = seal_all_folder(folder, &n, &why);
	t->folders++;
	t->sealed += n.sealed;
	if (n.temps)
		out_printf(stdout, ngettext("'%s': %zu temporary file a stopped run left, removed\n",
		                            "'%s': %zu temporary files a stopped run left, removed\n",
		                            n.temps),
		           name, n.temps);
	if (r == SEAL_ALL_DONE && n.sealed)
		out_printf(stdout, ngettext("'%s': %zu file encrypted\n", "'%s': %zu files encrypted\n",
		                            n.sealed),
		           name, n.sealed);
	else if (r == SEAL_ALL_DONE)
		out_printf(stdout, _("'%s': nothing to encrypt\n"), name);
	else if (r == SEAL_ALL_BUSY)
		cmd_error(ME_ALL, _("'%s' skipped: %s\n"), name, why);
	else
		cmd_error(ME_ALL, _("%s; the files encrypted before it stay encrypted, the others "
		                    "are as they were: run the command again\n"), why);
	t->busy += r == SEAL_ALL_BUSY;
	free(why);
	return r != SEAL_ALL_FAILED;
}

/* The journal's folder home/sub, sealed when it is a folder (not a link);
 * false when it failed. */
static bool encrypt_named(const char *home, const char *sub, const char *name, Tally *t)
{
	char *folder = xasprintf("%s/%s", home, sub);
	struct stat st;
	bool ok = lstat(folder, &st) != 0 || !S_ISDIR(st.st_mode) ||
	          encrypt_folder(name, folder, t);
	free(folder);
	return ok;
}

/* Every folder of the journal: each client's, the coach's own (self) and
 * the sessions filed under no client (.unfiled). False when one failed. */
static bool encrypt_journal(const Clients *all, Tally *t)
{
	char *home = journal_home();
	bool ok = true;
	for (size_t i = 0; ok && i < all->n; i++)
		ok = encrypt_named(home, all->v[i].folder, all->v[i].name, t);
	ok = ok && encrypt_named(home, "self", "self", t);
	ok = ok && encrypt_named(home, ".unfiled", _("sessions without a client"), t);
	free(home);
	return ok;
}

/*
 * `tandem key encrypt-all`: the journal's plain files sealed with the key,
 * in place, a folder at a time under its lock: a kill leaves each file
 * plain as it was or sealed, and running it again finishes (a sealed file
 * is left alone). Transcripts written outside the journal (run --out FILE)
 * are not touched: tandem keeps no list of them. Nothing is written when
 * the key is missing or does not open.
 */
static int key_encrypt_all(void)
{
	if (!vault_on()) {
		cmd_error(ME_ALL, _("no key: tandem key init makes one; nothing was changed\n"));
		return EXIT_INVALID;
	}
	KeyError e;
	char *err = NULL;
	if (!vault_key(&e, &err)) {
		cmd_error(ME_ALL, "%s\n", err);
		free(err);
		return status_of(e);
	}
	if (!cmd_journal_moved(ME_ALL))
		return EXIT_RUNTIME;
	Clients all;
	if (!clients_read(&all, &err)) {
		cmd_error(ME_ALL, "%s\n", err);
		free(err);
		return EXIT_RUNTIME;
	}
	Tally t = { 0 };
	bool ok = encrypt_journal(&all, &t);
	clients_free(&all);
	if (!ok)
		return EXIT_RUNTIME;
	if (t.sealed)
		out_printf(stdout, ngettext("%zu file encrypted in all.\n",
		                            "%zu files encrypted in all.\n", t.sealed), t.sealed);
	else if (t.folders)
		out_puts(_("Nothing was encrypted: the journal's files were encrypted already.\n"),
		         stdout);
	else
		out_puts(_("The journal holds nothing yet: nothing to encrypt.\n"), stdout);
	if (!t.busy)
		return EXIT_OK;
	cmd_error(ME_ALL, ngettext("%zu journal was skipped, a session running on it: run "
	                           "`tandem key encrypt-all` again once the session ends\n",
	                           "%zu journals were skipped, a session running on each: run "
	                           "`tandem key encrypt-all` again once the sessions end\n",
	                           t.busy),
	          t.busy);
	return EXIT_RUNTIME;
}

char *cmd_ask_passphrase(void)
{
	return ask_tty("tandem", _("Passphrase of the key: "));
}

int cmd_key(int argc, char **argv)
{
	if (!key_library_init()) {
		cmd_error(ME, _("the cryptography library cannot start\n"));
		return EXIT_RUNTIME;
	}
	if (argc == 1 && str_eq(argv[0], "init"))
		return key_init();
	if (argc == 1 && str_eq(argv[0], "passphrase"))
		return key_passphrase();
	if (argc == 1 && str_eq(argv[0], "encrypt-all"))
		return key_encrypt_all();
	cmd_usage(stderr, "key");
	return EXIT_USAGE;
}
