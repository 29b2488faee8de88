/* cmd_run: `tandem run DIALOGUE [options]`, a session from a terminal or a pipe. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "clock.h"
#include "cmd.h"
#include "dialogue.h"
#include "journal.h"
#include "i18n.h"
#include "library.h"
#include "options.h"
#include "out.h"
#include "session.h"
#include "transcript.h"
#include "utf8.h"


typedef struct RunOpts {
	const char *dialogue;
	const char *client;
	const char *mode;
	const char *lang;
	const char *out;
	const char *seed;
	bool new_client;     /* --new-client: a name close to a client's is a new one */
} RunOpts;

static int usage(const char *why)
{
	if (why)
		out_printf(stderr, "tandem run: %s\n", why);
	cmd_usage(stderr, "run");
	return EXIT_USAGE;
}

static int parse(int argc, char **argv, RunOpts *o)
{
	static const char *const names[] = { "--client", "--mode", "--lang", "--out", "--seed" };
	for (int i = 0; i < argc; i++) {
		const char **const slots[] = { &o->client, &o->mode, &o->lang, &o->out, &o->seed };
		if (option_values(argc, argv, &i, names, slots, ARRAY_LEN(names)))
			continue;
		if (str_eq(argv[i], "--new-client")) {
			o->new_client = true;
			continue;
		}
		if (argv[i][0] == '-' && argv[i][1]) {
			static const char *const known[] = { "--client", "--mode", "--lang", "--out",
				                             "--seed", "--new-client" };
			cmd_unknown_option("tandem run", argv[i], known, ARRAY_LEN(known));
			return usage(NULL);
		}
		if (o->dialogue)
			return usage(_("give one dialogue"));
		o->dialogue = argv[i];
	}
	return o->dialogue ? EXIT_OK : usage(_("which dialogue? (see tandem list)"));
}

static bool parse_seed(const char *s, unsigned long long *seed)
{
	char *end;
	errno = 0;
	*seed = strtoull(s, &end, 10);
	return *s && !*end && errno == 0 && *s != '-';
}

/*
 * The client's folder of the journal: where the session is filed when no
 * --out is given (made if missing), and whose earlier sessions give its
 * history. With --out, the history of a named client is still read, from
 * their folder if there is one. False with *err when the journal cannot
 * be used, so that the coach hears it before the first question.
 */
static bool journal_setup(const RunOpts *o, Mode mode, char **folder, char **err)
{
	*folder = NULL;
	if (!o->out && !o->client && mode == MODE_COACH) {
		*folder = journal_unfiled(err);
		return *folder != NULL;
	}
	if (!o->out) {
		*folder = journal_folder(o->client, true, err);
		return *folder != NULL;
	}
	if (o->client) {
		char *none = NULL;
		*folder = journal_folder(o->client, false, &none);
		free(none); /* no folder: a first session */
	}
	return true;
}

static void journal_hint(const RunOpts *o)
{
	if (!o->out)
		out_printf(stderr, _("  (set TANDEM_HOME to a folder you can write, or give --out FILE)\n"));
}

/* The transcript, created before the first question: a journal that
 * cannot be written is said at once, not after the tenth answer. */
static Transcript *open_transcript(const RunOpts *o, const char *folder, Session *s,
                                   char **path)
{
	const Dialogue *d = session_dialogue(s);
	*path = o->out ? xstrdup(o->out) : journal_new_path(folder, d->id, session_started(s));
	char *err = NULL;
	Transcript *t = transcript_create(*path, s, &err);
	if (!t) {
		out_printf(stderr, "tandem run: %s\n", err);
		journal_hint(o);
		free(err);
	}
	return t;
}

static int run_session(const Dialogue *d, const RunOpts *o, Mode mode, unsigned long long seed)
{
	char *folder = NULL, *err = NULL;
	if (!journal_setup(o, mode, &folder, &err)) {
		out_printf(stderr, "tandem run: %s\n", err);
		journal_hint(o);
		free(err);
		return EXIT_RUNTIME;
	}
	/* A coach's session without a client reviews no one's commitments. */
	bool unfiled = !o->client && mode == MODE_COACH;
	if (unfiled && !o->out)
		cmd_error("tandem run", "no --client: this session is kept in '%s', in no "
		                        "client's journal\n", folder);
	int status;
	JournalHistory *history = cmd_session_history("tandem run", unfiled ? NULL : folder, d,
	                                              clock_now(), NULL, &status);
	if (!history) {
		free(folder);
		return status;
	}
	/* The client as first typed ("Lee" for --client lee), composed. */
	char *client = o->client ? cmd_client_name(o->client) : NULL;
	if (o->client && !client)
		client = utf8_nfc(o->client);
	SessionConfig cfg = { .mode = mode, .client = client, .seed = seed, .now = clock_now,
	                      .history = journal_history_get(history) };
	Session *s = session_new(d, &cfg);
	char *path = NULL;
	Transcript *t = open_transcript(o, folder, s, &path);
	free(folder);
	if (!t) {
		free(client);
		free(path);
		session_free(s);
		journal_history_free(history);
		return EXIT_RUNTIME;
	}
	status = cmd_session_run(s, t, path);
	free(client);
	free(path);
	session_free(s);
	journal_history_free(history);
	return status;
}

int cmd_run(int argc, char **argv)
{
	RunOpts o = { 0 };
	int status = parse(argc, argv, &o);
	if (status != EXIT_OK)
		return status;
	Mode mode = MODE_COACH;
	unsigned long long seed = (unsigned long long)clock_now() ^ (unsigned long long)getpid();
	if (o.mode && !mode_parse(o.mode, &mode))
		return usage(_("--mode is coach, self or practice"));
	if ((o.client || !o.out) ? !cmd_journal_ready("tandem run", &status)
	                         : !cmd_key_ready("tandem run", &status))
		return status;
	if (o.client && !cmd_client_ok("tandem run", o.client, o.new_client))
		return usage(NULL);
	if (o.seed && !parse_seed(o.seed, &seed))
		return usage(_("--seed takes a whole number"));
	if (!cmd_clock_ok("tandem run"))
		return EXIT_USAGE;
	Library *lib = library_open();
	char *file = cmd_dialogue_file("tandem run", lib, o.dialogue, o.lang);
	if (!file) {
		library_free(lib);
		return EXIT_USAGE;
	}
	Diags diags = { 0 };
	const Dialogue *d = library_load(lib, file, &diags);
	diags_report(&diags, DIAG_QUOTE);
	status = d ? run_session(d, &o, mode, seed) : EXIT_INVALID;
	diags_free(&diags);
	library_free(lib);
	free(file);
	return status;
}
