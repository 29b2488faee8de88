/*
 * cmd_strings: `tandem strings DIALOGUE [--format csv|po]`, a dialogue's
 * texts for translators, and `tandem strings --apply FILE DIALOGUE [--out
 * COPY]`, a translation put into a copy of the dialogue (translation.h). The
 * dialogue itself is never written: the copy goes to standard output or
 * to COPY, a new file, never over one.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "fileio.h"
#include "i18n.h"
#include "library.h"
#include "options.h"
#include "out.h"
#include "translation.h"

#define ME "tandem strings"

typedef struct StringsOpts {
	const char *dialogue, *format, *apply, *out, *lang;
} StringsOpts;

static int usage(void)
{
	cmd_usage(stderr, "strings");
	return EXIT_USAGE;
}

static int parse(int argc, char **argv, StringsOpts *o)
{
	static const char *const names[] = { "--format", "--apply", "--out", "--lang" };
	for (int i = 0; i < argc; i++) {
		const char **const slots[] = { &o->format, &o->apply, &o->out, &o->lang };
		if (option_values(argc, argv, &i, names, slots, ARRAY_LEN(names)))
			continue;
		if (argv[i][0] == '-' && argv[i][1]) {
			cmd_unknown_option(ME, argv[i], names, ARRAY_LEN(names));
			return usage();
		}
		if (o->dialogue)
			return usage();
		o->dialogue = argv[i];
	}
	if (!o->dialogue)
		return usage();
	if (o->format && !str_eq(o->format, "csv") && !str_eq(o->format, "po")) {
		cmd_error(ME, "--format is csv or po, not '%s'\n", o->format);
		return usage();
	}
	if (o->format && o->apply) {
		cmd_error(ME, "--format is for the export: a translation's own first line says "
		              "whether it is CSV or PO\n");
		return usage();
	}
	return EXIT_OK;
}

/* Writes b to path, a new file (never over one, nor through a link). */
static bool write_new(const char *path, const Buf *b)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
	bool ok = fd >= 0 && file_write_all(fd, b->data ? b->data : "", b->len) && fsync(fd) == 0;
	int err = errno;
	if (fd >= 0 && close(fd) != 0 && ok) {
		ok = false;
		err = errno;
	}
	if (!ok) {
		cmd_error(ME, "cannot write '%s': %s\n", path, strerror(err));
		if (fd >= 0)
			unlink(path);
	}
	return ok;
}

int cmd_strings(int argc, char **argv)
{
	StringsOpts o = { 0 };
	int status = parse(argc, argv, &o);
	if (status != EXIT_OK)
		return status;
	Library *lib = library_open();
	char *path = cmd_dialogue_file(ME, lib, o.dialogue, o.lang);
	library_free(lib);
	if (!path)
		return EXIT_USAGE;
	Diags d = { 0 };
	Buf out = { 0 };
	TranslationFormat f = o.format && str_eq(o.format, "po") ? TRANSLATION_PO : TRANSLATION_CSV;
	bool ok = o.apply ? translation_apply(path, o.apply, &out, &d)
	                  : translation_export(path, f, &out, &d);
	diags_report(&d, DIAG_QUOTE);
	status = ok ? EXIT_OK : EXIT_INVALID;
	if (ok && o.out && !write_new(o.out, &out))
		status = EXIT_RUNTIME;
	else if (ok && !o.out)
		out_puts(buf_str(&out), stdout);
	buf_free(&out);
	diags_free(&d);
	free(path);
	return status;
}
