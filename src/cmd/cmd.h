/*
 * cmd: the subcommands of the command line, one file each. Each takes the
 * arguments after its name and returns the process's exit status:
 * 0 done, 1 invalid input, 2 usage error, 3 runtime error (sessions.md).
 */
#ifndef TANDEM_CMD_H
#define TANDEM_CMD_H

#include <stdbool.h>
#include <stdio.h>
#include <stddef.h>
#include <time.h>

#include "exitcode.h"
#include "journal.h"
#include "langtag.h"
#include "library.h"
#include "session.h"
#include "transcript.h"

/*
 * The command that resumes a session, to print: "tandem resume PATH" for
 * what = a transcript's path and nth 0, "tandem resume CLIENT N" for the
 * client's Nth session, each word quoted for the shell as needed; with the
 * path this tandem was started by when that names a file, so that
 * `./build/tandem` prints a command that works where tandem is not
 * installed. The caller frees it. (main.c)
 */
char *cmd_resume_hint(const char *what, size_t nth);

/*
 * A command of the command line (cmd_help.c, which lists them all): the
 * one home of its name, its function and its help. usage, summary and
 * options are msgids, translated when printed.
 */
typedef struct Command {
	const char *name;
	int (*run)(int argc, char **argv);  /* NULL: not in this build yet */
	const char *usage;    /* "usage: tandem NAME ...\n", a line a form */
	const char *summary;  /* one line, no newline */
	const char *options;  /* one a line, "  --name ARG   what it does\n"; NULL: none */
} Command;

/* The command called name, or NULL. */
const Command *cmd_find(const char *name);

/* The usage lines of the command called name (which must be one), to f:
 * what `tandem NAME --help` begins with and each usage error ends with. */
void cmd_usage(FILE *f, const char *name);

/* `tandem NAME --help`: c's usage, summary and options, to standard output. */
void cmd_help(const Command *c);

/* Whether one of argv is --help or -h: the command's help is asked for,
 * wherever it stands among its arguments. */
bool cmd_help_asked(int argc, char **argv);

/* The command whose name is nearest to name (suggest.h), or NULL. */
const char *cmd_nearest(const char *name);

/* `tandem --help`: what tandem is, then each command and its summary. */
void cmd_overview(FILE *f);

/* Prints "WHO: " and the message fmt, translated (a msgid: the Makefile's
 * XGETTEXT_KEYS find it), to standard error. */
void cmd_error(const char *who, const char *fmt, ...) PRINTF_LIKE(2, 3);

/* The passphrase of the coach's key, asked at the terminal with its echo
 * off: the vault's asker (vault.h). NULL, said, without a terminal. */
char *cmd_ask_passphrase(void);

/* Which client a command means (cmd_client.c). */

/* Moves the journal of an earlier tandem into the journal's home, once,
 * saying so on standard error (who: "tandem run"), then, when the coach
 * has a key, unlocks it (vault.h): asked once, before anything is read or
 * written. *status (if not NULL) is the exit status: EXIT_OK when ready;
 * when either failed (said, and false), EXIT_INVALID for a passphrase that does not open the
 * key or a key file damaged, else EXIT_RUNTIME. Every command that reads
 * or writes the journal calls it first. */
bool cmd_journal_ready(const char *who, int *status);

/* The key half of cmd_journal_ready, for a command that writes a file of
 * its own: a session given --out, a transcript resumed by its path. Asked
 * before the first question, a passphrase that does not open the key is
 * not found out at the first answer, which would be lost. */
bool cmd_key_ready(const char *who, int *status);

/* The same but for the key: for erasing, which reads nothing, so that a
 * coach who lost the passphrase can still erase. */
bool cmd_journal_moved(const char *who);

/* Whether name can name a client for a session: a valid name, and, when
 * close to an existing client's without being it, confirmed at a terminal
 * or given with new_client (--new-client). Says why not. */
bool cmd_client_ok(const char *who, const char *name, bool new_client);

/* Reads the journal folder into j (journal_read), its warnings reported
 * without quoting a transcript; false when it cannot be read (said, who:
 * "tandem history"). */
bool cmd_journal_read(const char *who, const char *folder, Journal *j);

/* The name of the journal's client that typed names (whatever its case or
 * accents), as first typed; NULL when there is none. Heap string. */
char *cmd_client_name(const char *typed);

/* Says that no client of the journal is named typed, and which one is
 * close to it when one is (clients_near). */
void cmd_no_client(const char *who, const char *typed);

/* The folder of the client typed names (heap path), or NULL, said: no
 * such client (cmd_no_client), or a folder tandem refuses (a link). */
char *cmd_client_folder(const char *who, const char *typed);

/* s as one shell word (heap string): as it is when that is safe, else in
 * single quotes, for the commands tandem prints for a coach to run. */
char *cmd_quote(const char *s);

/*
 * The transcript a `show` or `resume` argument names (heap path): arg
 * itself when it is a file or a path; else the session of the client arg
 * names, the nth (1-based, as `history` numbers them) or, nth NULL, the
 * latest. NULL when there is none (said, who: "tandem show").
 */
char *cmd_session_path(const char *who, const char *arg, const char *nth);

/* What `run` and `resume` share (cmd_session.c). */

/* The history a session of d started at `started` sees in the journal
 * folder (NULL: none; self: its own transcript, left out), unreadable
 * transcripts warned of without quoting them; the folder is held for the
 * session until the history is freed. NULL, said by `who`, when another
 * session holds the folder (*status EXIT_INVALID), a file of it is sealed
 * and this machine has no key (EXIT_INVALID), or it cannot be held or read
 * (EXIT_RUNTIME). */
JournalHistory *cmd_session_history(const char *who, const char *folder, const Dialogue *d,
                                    time_t started, const char *self, int *status);

/* Runs s with the front end that fits (a terminal or a pipe), recording
 * into t, the transcript at path, which it closes. The exit status. */
int cmd_session_run(Session *s, Transcript *t, const char *path);

/* What the command line names wrongly (cmd_names.c). */

/* Says that arg is no option of who's (known: its options), with the
 * nearest one when there is one, or that it lacks its value. */
void cmd_unknown_option(const char *who, const char *arg, const char *const *known, size_t n);

/* The library folder of the language --lang gives (langtag.h: `FR`,
 * `fr-CA`, `en_GB.UTF-8`...) into out; false, said, when it names none. */
bool cmd_lang_folder(const char *who, const char *lang, char out[LANG_FOLDER_MAX]);

/* The file a DIALOGUE argument names: itself when it is a path, else the
 * library's dialogue of that id in lang's language (NULL: the locale's,
 * then English). NULL, said with the nearest id, when there is none. */
char *cmd_dialogue_file(const char *who, const Library *lib, const char *name,
                        const char *lang);

/* The same dialogue loaded into lib (which owns it), its problems reported
 * with their lines; NULL with *status EXIT_USAGE when there is none (said),
 * EXIT_INVALID when it does not load. */
const Dialogue *cmd_dialogue_load(const char *who, Library *lib, const char *name,
                                  const char *lang, int *status);

/* `tandem graph DIALOGUE`: the dialogue as Graphviz DOT, SVG or PNG. */
int cmd_graph(int argc, char **argv);
/* `tandem walk DIALOGUE`: random sessions, or the author's cases, and the
 * nodes and routes they covered. */
int cmd_walk(int argc, char **argv);

int cmd_check(int argc, char **argv);
/* `tandem strings`: a dialogue's texts for translators, and a translation
 * put into a copy of it (cmd_strings.c). */
int cmd_strings(int argc, char **argv);
int cmd_run(int argc, char **argv);
int cmd_list(int argc, char **argv);
/* `tandem resume TRANSCRIPT`: a paused or interrupted session, on. */
int cmd_resume(int argc, char **argv);
/* `tandem show TRANSCRIPT`: the session as a report. */
int cmd_show(int argc, char **argv);
int cmd_history(int argc, char **argv);
int cmd_key(int argc, char **argv);
/* `tandem commitments CLIENT`, `done CLIENT ID`, `drop CLIENT ID`,
 * `renegotiate CLIENT ID --when DATE`: verb is the command's name
 * (cmd_commitments.c). */
int cmd_commitments(const char *verb, int argc, char **argv);
/* The scale answers of j's sessions as trends, for history: a line of
 * values by date per question asked in two sessions or more, with a
 * sparkline when out is a terminal (cmd_scales.c). */
void cmd_scales_print(FILE *out, const Journal *j);

/* `tandem clients`: one line per client of the journal. */
int cmd_clients(int argc, char **argv);
/* `tandem export CLIENT [--with-notes] [--out FILE]`: everything kept
 * about a client, as one JSON document (cmd_export.c). */
int cmd_export(int argc, char **argv);
/* `tandem forget CLIENT [--yes]`, `tandem forget --expired [--yes]`: a
 * client's journal erased, or every journal past the retention period
 * (cmd_forget.c). */
int cmd_forget(int argc, char **argv);
/* `tandem practice-log [--client NAME]`: the score of each practice
 * session over time (cmd_practice.c). */
int cmd_practice_log(int argc, char **argv);
/* `tandem` alone: list the library and ask which dialogue to run. */
int cmd_choose(void);

/* The library's dialogues (library_entries), saying on standard error
 * when there are none (cmd_list.c). */
LibraryEntry *cmd_library_entries(size_t *n);

/* Whether TANDEM_NOW, when set, is a time; says why not (main.c). */
bool cmd_clock_ok(const char *who);

/* Prints the library's dialogues as `tandem list` does, or numbered and
 * without their summaries for
 * cmd_choose (cmd_list.c). */
void cmd_list_print(const LibraryEntry *v, size_t n, bool numbered);

#endif
