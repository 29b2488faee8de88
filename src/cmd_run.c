/* cmd_run: `tandem run DIALOGUE [options]`, a session from a terminal or a pipe. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "clock.h"
#include "cmd.h"
#include "dialogue.h"
#include "paths.h"
#include "runner.h"
#include "session.h"
#include "transcript.h"

typedef struct RunOpts {
	const char *dialogue;
	const char *client;
	const char *mode;
	const char *lang;
	const char *out;
	const char *seed;
} RunOpts;

static int usage(const char *why)
{
	if (why)
		fprintf(stderr, "tandem run: %s\n", why);
	fprintf(stderr, "usage: tandem run DIALOGUE [--client NAME] [--mode coach|self|practice]\n"
	                "                  [--lang LANG] [--out FILE] [--seed N]\n");
	return EXIT_USAGE;
}

/* Takes `--name value` or `--name=value`; advances *i past what it used. */
static bool take_opt(int argc, char **argv, int *i, const char *name, const char **val)
{
	size_t n = strlen(name);
	if (strncmp(argv[*i], name, n) != 0)
		return false;
	if (argv[*i][n] == '=') {
		*val = argv[*i] + n + 1;
		return true;
	}
	if (argv[*i][n] != '\0' || *i + 1 >= argc)
		return false;
	*val = argv[++*i];
	return true;
}

static int parse(int argc, char **argv, RunOpts *o)
{
	static const char *const names[] = { "--client", "--mode", "--lang", "--out", "--seed" };
	for (int i = 0; i < argc; i++) {
		const char **slots[] = { &o->client, &o->mode, &o->lang, &o->out, &o->seed };
		bool taken = false;
		for (size_t k = 0; k < ARRAY_LEN(names) && !taken; k++)
			taken = take_opt(argc, argv, &i, names[k], slots[k]);
		if (taken)
			continue;
		if (argv[i][0] == '-' && argv[i][1]) {
			fprintf(stderr, "tandem run: unknown option or missing value: '%s'\n", argv[i]);
			return usage(NULL);
		}
		if (o->dialogue)
			return usage("give one dialogue");
		o->dialogue = argv[i];
	}
	return o->dialogue ? EXIT_OK : usage("which dialogue? (see tandem list)");
}

/* A file path as given, or an id looked up in the library. Heap string. */
static char *resolve_dialogue(const RunOpts *o, const Paths *paths)
{
	struct stat st;
	if (strchr(o->dialogue, '/') || stat(o->dialogue, &st) == 0)
		return xstrdup(o->dialogue);
	Library *lib = library_new((const char *const *)paths->dirs, paths->n);
	char *lang = o->lang ? xstrdup(o->lang) : paths_locale_lang();
	char *path = library_find(lib, o->dialogue, lang);
	if (!path && !o->lang)
		path = library_find(lib, o->dialogue, "en");
	if (!path)
		fprintf(stderr, "tandem run: no dialogue '%s' in the library (language %s); "
		                "see tandem list\n", o->dialogue, lang);
	free(lang);
	library_free(lib);
	return path;
}

static bool parse_seed(const char *s, unsigned long long *seed)
{
	char *end;
	errno = 0;
	*seed = strtoull(s, &end, 10);
	return *s && !*end && errno == 0 && *s != '-';
}

/* The journal's file for this session when no --out is given. */
static char *journal_path(const Dialogue *d, const char *client, time_t started)
{
	char *home = getenv("TANDEM_HOME") && *getenv("TANDEM_HOME")
	                     ? xstrdup(getenv("TANDEM_HOME")) : paths_data_home();
	Buf b = { 0 };
	for (const char *c = client && *client ? client : "self"; *c; c++)
		buf_addc(&b, (*c == '/' || *c == '.' || (unsigned char)*c < 0x20) ? '_' : *c);
	char stamp[32];
	clock_iso(started, stamp);
	for (char *p = stamp; *p; p++)
		if (*p == ':')
			*p = '-';
	char *dir = xasprintf("%s/%s", home, buf_str(&b));
	mkdir(home, 0700);
	mkdir(dir, 0700);
	char *path = xasprintf("%s/%s-%s.yaml", dir, stamp, d->id);
	free(dir);
	free(home);
	buf_free(&b);
	return path;
}

static int run_session(const Dialogue *d, const RunOpts *o, Mode mode, unsigned long long seed)
{
	SessionConfig cfg = { mode, o->client, seed, clock_now, NULL };
	Session *s = session_new(d, &cfg);
	char *path = o->out ? xstrdup(o->out) : journal_path(d, o->client, session_started(s));
	char *err = NULL;
	Transcript *t = transcript_create(path, s, &err);
	if (!t) {
		fprintf(stderr, "tandem run: %s\n", err);
		free(err);
		free(path);
		session_free(s);
		return EXIT_RUNTIME;
	}
	char *hint = xasprintf("tandem resume %s", path);
	RunIO io = { stdin, stdout, stderr, t, hint };
	int status = front_end_run(s, &io);
	transcript_close(t);
	free(hint);
	free(path);
	session_free(s);
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
		return usage("--mode is coach, self or practice");
	if (o.seed && !parse_seed(o.seed, &seed))
		return usage("--seed takes a whole number");
	if (clock_env_invalid()) {
		fprintf(stderr, "tandem run: TANDEM_NOW is not an ISO 8601 time: '%s'\n",
		        getenv("TANDEM_NOW"));
		return EXIT_USAGE;
	}
	Paths paths = paths_library();
	char *file = resolve_dialogue(&o, &paths);
	if (!file) {
		paths_free(&paths);
		return EXIT_USAGE;
	}
	Library *lib = library_new((const char *const *)paths.dirs, paths.n);
	Diags diags = { 0 };
	const Dialogue *d = library_load(lib, file, &diags);
	diags_sort(&diags);
	diags_print(&diags, stderr, isatty(STDERR_FILENO));
	status = d ? run_session(d, &o, mode, seed) : EXIT_INVALID;
	diags_free(&diags);
	library_free(lib);
	free(file);
	paths_free(&paths);
	return status;
}
