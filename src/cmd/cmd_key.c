/*
 * cmd_key: `tandem key init` and `tandem key passphrase`, the coach's key
 * (key.h), and the one way tandem asks for a passphrase.
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
#include <termios.h>
#include <unistd.h>

#include "cmd.h"
#include "i18n.h"
#include "key.h"
#include "out.h"
#include "util.h"

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
	cmd_usage(stderr, "key");
	return EXIT_USAGE;
}
