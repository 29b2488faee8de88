/*
 * cmd_show: `tandem show TRANSCRIPT [--for client|sponsor|peers] [--share]
 * [--redact WORD]... [--client-name ALIAS]`, the session as a Markdown
 * report on standard output.
 *
 * Without --for it is the coach's own report, whole. --for makes it for
 * someone else, each answer shown as its node's audience allows
 * (audience.h). --share is --for peers; --redact and --client-name mask a
 * report for peers, and imply it: a coach who names a word to mask wants
 * a report fit for sharing. The default alias is "[client]".
 * A transcript whose end was cut by a crash is shown up to its last whole
 * turn, with a warning that says so. When the session's dialogue file is
 * still there, unchanged (same sha256), choices are shown by their labels
 * and each answer's audience can be told; otherwise a report --for anyone
 * leaves every answer out, and says why.
 *
 * `tandem show --yaml TRANSCRIPT` prints the transcript itself, as YAML,
 * opened with the coach's key when it is sealed: for any other tool.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "audience.h"
#include "cmd.h"
#include "dialogue.h"
#include "i18n.h"
#include "journal.h"
#include "library.h"
#include "out.h"
#include "redact.h"
#include "options.h"
#include "report.h"
#include "suggest.h"
#include "transcript.h"
#include "util.h"
#include "vault.h"
#include "ydoc.h"

typedef struct ShowOpts {
	const char *file;
	const char *nth;     /* CLIENT N: the client's Nth session */
	Reader reader;
	bool reader_given;   /* by --for or --share */
	bool masks;          /* --redact or --client-name: a report for peers */
	bool yaml;           /* --yaml: the transcript itself, opened */
	const char *alias;
	const char **words;
	size_t nwords;
} ShowOpts;

static int usage(const char *why)
{
	if (why)
		out_printf(stderr, "tandem show: %s\n", why);
	cmd_usage(stderr, "show");
	return EXIT_USAGE;
}

/* Takes the reader --for or --share names; one report is for one reader. */
static int set_reader(ShowOpts *o, const char *name)
{
	Reader r;
	if (!reader_parse(name, &r)) {
		size_t n;
		const char *const *names = reader_names(&n);
		const char *near = suggest(name, names, n);
		if (near)
			out_printf(stderr, _("tandem show: no reader '%s' for --for; did you mean '%s'?\n"),
			           name, near);
		else
			out_printf(stderr, _("tandem show: no reader '%s' for --for (readers: client, "
			                     "sponsor, peers)\n"), name);
		return usage(NULL);
	}
	if (o->reader_given && o->reader != r)
		return usage(_("a report is for one reader: give --for once (--share is --for peers)"));
	o->reader = r;
	o->reader_given = true;
	return EXIT_OK;
}

/* --redact and --client-name mask a report for peers: alone, they make one. */
static int check_masks(ShowOpts *o)
{
	if (!o->masks)
		return EXIT_OK;
	if (!o->reader_given)
		o->reader = READER_PEERS;
	if (o->reader != READER_PEERS)
		return usage(_("--redact and --client-name mask a report for peers (--for peers)"));
	return EXIT_OK;
}

static int parse(int argc, char **argv, ShowOpts *o)
{
	size_t cap = 0;
	int status = EXIT_OK;
	for (int i = 0; i < argc && status == EXIT_OK; i++) {
		const char *v;
		if (str_eq(argv[i], "--yaml")) {
			o->yaml = true;
		} else if (str_eq(argv[i], "--share")) {
			status = set_reader(o, "peers");
		} else if ((v = option_value(argc, argv, &i, "--for")) != NULL) {
			status = set_reader(o, v);
		} else if ((v = option_value(argc, argv, &i, "--redact")) != NULL) {
			GROW(o->words, cap, o->nwords + 1);
			o->words[o->nwords++] = v;
			o->masks = true;
		} else if ((v = option_value(argc, argv, &i, "--client-name")) != NULL) {
			o->alias = v;
			o->masks = true;
		} else if (argv[i][0] == '-' && argv[i][1]) {
			out_printf(stderr, _("tandem show: unknown option or missing value: '%s'\n"), argv[i]);
			return usage(NULL);
		} else if (o->file && !o->nth) {
			o->nth = argv[i];
		} else if (o->file) {
			return usage(_("give one transcript"));
		} else {
			o->file = argv[i];
		}
	}
	if (status == EXIT_OK && o->yaml && (o->reader_given || o->masks))
		status = usage(_("--yaml prints the transcript itself, for the coach: it takes no "
		                 "--for, --share, --redact nor --client-name"));
	if (status == EXIT_OK)
		status = check_masks(o);
	if (status == EXIT_OK && !o->file)
		status = usage(_("which transcript? (see tandem history CLIENT)"));
	return status;
}

static Redactor *redactor(const ShowOpts *o, const Tread *t)
{
	Redactor *r = redact_new(t->dialogue.lang);
	if (t->client)
		redact_name(r, t->client, o->alias);
	for (size_t i = 0; i < o->nwords; i++)
		redact_word(r, o->words[i]);
	return r;
}

/* The session's dialogue, if its file is still there and unchanged: the
 * labels of its choices then read better than the keys recorded, and its
 * nodes tell who may read each answer. A changed file could tell wrong
 * (a node made wider since), so it tells nothing. Its problems, if any,
 * are not this command's to report. */
static const Dialogue *same_dialogue(Library *lib, const Tread *t)
{
	Diags quiet = { 0 };
	const Dialogue *d = t->dialogue.file ? library_load(lib, t->dialogue.file, &quiet) : NULL;
	diags_free(&quiet);
	if (d && t->dialogue.sha256 && str_eq(d->sha256, t->dialogue.sha256))
		return d;
	return NULL;
}

static void torn_warning(const Tread *t)
{
	if (t->torn.torn)
		out_printf(stderr, _("tandem show: warning: the end of '%s' was cut off (%zu bytes from "
		                "line %u); the report stops at the last whole turn\n"),
		        t->path, t->torn.dropped, t->torn.line);
}

/* What reading a sealed file dropped from its end, if anything. */
static void sealed_warning(const char *path, bool torn, bool refused)
{
	if (refused)
		out_printf(stderr, _("tandem show: warning: a part of '%s' does not open with the key: "
		                     "it was altered, moved, or taken from another file; what comes "
		                     "before it is shown, it and what follows are left out\n"), path);
	else if (torn)
		out_printf(stderr, _("tandem show: warning: the end of '%s' was cut off while it was "
		                     "written; what comes before it is shown\n"), path);
}

static int show_yaml(const ShowOpts *o)
{
	VaultFile f;
	char *err = NULL;
	if (!vault_read(o->file, ydoc_default_limits.max_file, &f, &err)) {
		out_printf(stderr, "tandem show: %s\n", err);
		free(err);
		return errno ? EXIT_RUNTIME : EXIT_INVALID;
	}
	sealed_warning(o->file, f.torn, f.refused);
	out_puts(f.data, stdout);
	vault_file_free(&f);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		out_printf(stderr, _("tandem show: cannot write the transcript to standard output\n"));
		return EXIT_RUNTIME;
	}
	return EXIT_OK;
}

static int show(const ShowOpts *o)
{
	if (o->yaml)
		return show_yaml(o);
	Diags diags = { 0 };
	Tread *t = tread_load(o->file, &diags);
	diags_report(&diags, DIAG_NO_QUOTE);
	diags_free(&diags);
	if (!t)
		return EXIT_INVALID;
	torn_warning(t);
	sealed_warning(o->file, t->sealed_torn, t->sealed_refused);
	JournalEntry e = journal_entry(xstrdup(o->file), t);
	Redactor *r = o->reader == READER_PEERS ? redactor(o, t) : NULL;
	Library *lib = library_open();
	ReportOpts ro = { o->reader, r, o->alias, same_dialogue(lib, t) };
	report_markdown(stdout, t, e.made, e.nmade, &ro);
	library_free(lib);
	redact_free(r);
	journal_entry_free(&e);
	tread_free(t);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		out_printf(stderr, _("tandem show: cannot write the report to standard output\n"));
		return EXIT_RUNTIME;
	}
	return EXIT_OK;
}

int cmd_show(int argc, char **argv)
{
	ShowOpts o = { .reader = READER_COACH, .alias = "[client]" };
	int status = parse(argc, argv, &o);
	char *path = status == EXIT_OK ? cmd_session_path("tandem show", o.file, o.nth) : NULL;
	if (status == EXIT_OK && !path)
		status = EXIT_INVALID;
	if (path) {
		o.file = path;
		status = show(&o);
	}
	free(path);
	free(o.words);
	return status;
}
