/*
 * cmd_export: `tandem export CLIENT [--with-notes] [--out FILE]`,
 * everything kept about a client as one JSON document (export.h): the
 * client's right to see it and take it away.
 *
 * The document goes to standard output, or with --out to a new file,
 * created 0600 (it holds the client's words, as the journal does) and
 * never over a file that exists nor through a symbolic link. It is built
 * whole before anything is written: an unknown client, or a journal that
 * cannot be read, writes nothing, and a write that fails removes the file
 * it began.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd.h"
#include "export.h"
#include "fileio.h"
#include "i18n.h"
#include "options.h"
#include "out.h"
#include "util.h"

#define ME "tandem export"

typedef struct Options {
	const char *client;
	const char *out;
	bool notes;
} Options;

static int usage(const char *why)
{
	if (why)
		cmd_error(ME, "%s\n", why);
	cmd_usage(stderr, "export");
	return EXIT_USAGE;
}

/* 0, or the usage's exit status. */
static int parse(int argc, char **argv, Options *o)
{
	*o = (Options){ 0 };
	for (int i = 0; i < argc; i++) {
		const char *out = option_value(argc, argv, &i, "--out");
		if (out && !o->out && *out)
			o->out = out;
		else if (str_eq(argv[i], "--with-notes") && !o->notes)
			o->notes = true;
		else if (out || argv[i][0] == '-' || o->client || !*argv[i])
			return usage(o->client && argv[i][0] != '-' ? _("give one client") : NULL);
		else
			o->client = argv[i];
	}
	return o->client ? 0 : usage(_("whose journal? give the client's name"));
}

/* Writes text into a new file at path, 0600; false (said) when it cannot,
 * with nothing left at path. */
static bool write_new(const char *path, const char *text)
{
	struct stat st;
	if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode)) {
		cmd_error(ME, "'%s' is a symbolic link: the export is never written through one; "
		              "nothing was written\n", path);
		return false;
	}
	if (lstat(path, &st) == 0) {
		cmd_error(ME, "'%s' exists already: the export never writes over a file; nothing "
		              "was written\n", path);
		return false;
	}
	/* O_EXCL: a file made meanwhile, or a link, is refused all the same. */
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd < 0) {
		cmd_error(ME, "cannot create '%s': %s\n", path, strerror(errno));
		return false;
	}
	bool ok = file_write_all(fd, text, strlen(text)) && fsync(fd) == 0;
	int e = errno;
	if (close(fd) != 0 && ok) {
		ok = false;
		e = errno;
	}
	if (!ok) {
		unlink(path); /* ours, and cut short */
		cmd_error(ME, "cannot write '%s': %s; nothing was kept\n", path, strerror(e));
	}
	return ok;
}

static bool write_stdout(const char *text)
{
	/* JSON, not a message: out.c's cleaning is not for it (export.h says
	 * what the document escapes itself). */
	if (fputs(text, stdout) >= 0 && fflush(stdout) == 0)
		return true;
	cmd_error(ME, "cannot write to standard output: %s\n", strerror(errno));
	return false;
}

/* The document of the journal in folder (heap), or NULL (said) with
 * *status the exit status. */
static char *build(const char *folder, bool notes, int *status)
{
	const char *slash = strrchr(folder, '/');
	char *name = journal_client_name(slash ? slash + 1 : folder);
	Diags warns = { 0 };
	char *err = NULL;
	char *doc = export_journal(folder, name, notes, &warns, &err);
	/* errno 0: sealed, and no key here to open it; not the machine's failure */
	*status = !doc && errno == 0 ? EXIT_INVALID : EXIT_RUNTIME;
	diags_report(&warns, DIAG_NO_QUOTE); /* transcripts hold a client's words */
	diags_free(&warns);
	if (!doc) {
		cmd_error(ME, "%s; nothing was written\n", err);
		free(err);
	}
	free(name);
	return doc;
}

int cmd_export(int argc, char **argv)
{
	Options o;
	int bad = parse(argc, argv, &o);
	if (bad)
		return bad;
	if (!cmd_clock_ok(ME))
		return EXIT_USAGE;
	int status;
	if (!cmd_journal_ready(ME, &status))
		return status;
	char *folder = cmd_client_folder(ME, o.client);
	if (!folder)
		return EXIT_INVALID;
	int failed;
	char *doc = build(folder, o.notes, &failed);
	bool ok = doc && (o.out ? write_new(o.out, doc) : write_stdout(doc));
	if (ok && o.out)
		cmd_error(ME, "exported to '%s'\n", o.out);
	free(doc);
	free(folder);
	return ok ? EXIT_OK : doc ? EXIT_RUNTIME : failed;
}
