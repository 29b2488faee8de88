/* i18n: tandem's own words, through GNU gettext, in French and English. */
#include "i18n.h"

#include <errno.h>
#include <libintl.h>
#include <locale.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "paths.h"
#include "util.h"

/* The messages as their ids name them: English, and the msgids of
 * po/tandem.pot (N_ marks them for xgettext). */
static const char *const en[MSG_COUNT] = {
	[MSG_NEED_ANSWER] = N_("An answer is needed here."),
	[MSG_WRONG_FORM] = N_("That answer is not in the form this question expects; please type it again."),
	[MSG_SCALE_RANGE] = N_("Please give a whole number from %ld to %ld."),
	[MSG_CHOICE_UNKNOWN] = N_("Please choose one of: %s."),
	[MSG_CHOICE_AMBIGUOUS] = N_("'%s' could be %s: please type a little more."),
	[MSG_NOT_OPTIONAL] = N_("This question cannot be skipped."),
	[MSG_SKIP_LIST] = N_("To end this list, press Enter on an empty line."),
	[MSG_NOTHING_TO_UNDO] = N_("There is no earlier answer to go back to."),
	[MSG_BACK_STOPPED] = N_("Going back runs the dialogue again up to that answer, and that run was stopped; nothing was undone."),
	[MSG_STATUS_DONE] = N_("done"),
	[MSG_STATUS_PARTLY] = N_("partly"),
	[MSG_STATUS_NOT_DONE] = N_("not done"),
	[MSG_STATUS_DROPPED] = N_("dropped"),
	[MSG_STATUS_RENEGOTIATED] = N_("renegotiated"),
	[MSG_REVIEW_DUE] = N_("Due %s."),
	[MSG_REVIEW_OVERDUE] = N_("Due %s, now past."),
	[MSG_REVIEW_WHEN] = N_("By when: %s (no date)."),
	[MSG_REVIEW_MEASURE] = N_("How we would know: %s"),
	[MSG_SAFETY_MESSAGE] = N_("What was just said matters, and coaching is not the place to carry it alone: the session pauses here for a moment."),
	[MSG_SAFETY_CHOICE] = N_("Stop here, or go on?"),
	[MSG_SAFETY_STOP] = N_("Stop here (the session is paused)"),
	[MSG_SAFETY_GO_ON] = N_("Go on with the session"),
	[MSG_PRACTICE_PROMPT] = N_("Say it in your own words:"),
	[MSG_PRACTICE_SCORE] = N_("Score: %d of %d key points covered."),
	[MSG_LOOP] = N_("the dialogue ran %zu steps without asking anything (last at node '%s'): a loop of set and next"),
	[MSG_BOUND_VALUE] = N_("the dialogue built a text or list of more than %zu bytes at node '%s': a value that keeps growing in a set"),
	[MSG_BOUND_BYTES] = N_("the dialogue built more than %zu MiB of values and texts without asking anything (last at node '%s')"),
	[MSG_BOUND_TIME] = N_("the dialogue worked for more than %d seconds without asking anything (last at node '%s')"),
	[MSG_PAUSED] = N_("Session paused."),
	[MSG_TO_GO_ON] = N_(" To go on: %s"),
	[MSG_TRANSCRIPT_AT] = N_("Transcript: %s"),
	[MSG_REFERENCE] = N_("reference: "),
	[MSG_NOTE_KEPT] = N_("(note kept with this turn)"),
	[MSG_HOW_TO_LEAVE] = N_("To leave, press Ctrl-D or type /pause: the session is saved and can be resumed."),
	[MSG_NOTE_USAGE] = N_("usage: /note TEXT"),
	[MSG_NO_ANSWERS] = N_("(no answers yet)"),
	[MSG_WHERE_SECTION] = N_("section: %s"),
	[MSG_WHERE_NODE] = N_("question: %s"),
	[MSG_WHERE_TURNS] = N_("turn: %zu"),
	[MSG_WHERE_ELAPSED] = N_("elapsed: %lld min"),
	[MSG_COMMANDS] = N_("Commands:"),
	[MSG_HELP_HELP] = N_("the commands, and what this question accepts"),
	[MSG_HELP_BACK] = N_("undo the last answer and ask that question again"),
	[MSG_HELP_SKIP] = N_("pass an optional question"),
	[MSG_HELP_NOTE] = N_("a private coach note on this turn"),
	[MSG_HELP_WHERE] = N_("section, turn count, elapsed time"),
	[MSG_HELP_SHOW] = N_("the answers so far"),
	[MSG_HELP_PAUSE] = N_("save and leave; prints the command that resumes"),
	[MSG_HELP_SLASH] = N_("an answer that begins with a slash"),
	[MSG_HERE_CHOICES] = N_("Here: one of"),
	[MSG_HERE_CHOICE_HOW] = N_("(its number, its key, or the start of its label)"),
	[MSG_HERE_ENTER] = N_("Here: press Enter to go on."),
	[MSG_HERE_PHRASING] = N_("Here: say it in your own words; the key points are checked."),
	[MSG_HERE_SCALE] = N_("Here: a whole number from %ld to %ld."),
	[MSG_HERE_TEXT] = N_("Here: type the answer, then Enter."),
	[MSG_HERE_OPTIONAL] = N_("Optional: an empty line or /skip passes it."),
	[MSG_HERE_LIST_ENDS] = N_("An empty line ends the list."),
	[MSG_UNKNOWN_COMMAND] = N_("unknown command '%s'; type /help"),
	[MSG_LINE_NOT_UTF8] = N_("that line is not UTF-8 text (byte %zu); please type it again"),
	[MSG_LINE_TOO_LONG] = N_("that line is longer than %d bytes; please type it again"),
	[MSG_LINE_NUL] = N_("that line holds a NUL byte; please type it again"),
	[MSG_UNKNOWN_NEAR] = N_("unknown command '%s' (did you mean %s?); type /help"),
	[MSG_NO_ARGUMENT] = N_("%s takes nothing after it; type /help"),
	[MSG_PROMPT_ENTER] = N_("Enter"),
	[MSG_PROMPT_WORDS] = N_("your words"),
	[MSG_PROMPT_OPTIONAL] = N_("optional"),
	[MSG_PROMPT_LIST_ENDS] = N_("empty line ends"),
	[MSG_REPORT_CLIENT] = N_("Client"),
	[MSG_REPORT_DATE] = N_("Date"),
	[MSG_REPORT_DURATION] = N_("Duration"),
	[MSG_REPORT_MODE] = N_("Mode"),
	[MSG_REPORT_STATUS] = N_("Status"),
	[MSG_REPORT_DIALOGUE] = N_("Dialogue"),
	[MSG_REPORT_SKIPPED] = N_("(skipped)"),
	[MSG_REPORT_NOTE] = N_("Note"),
	[MSG_REPORT_COMMITMENTS] = N_("Commitments"),
	[MSG_REPORT_WHAT] = N_("What"),
	[MSG_REPORT_WHEN] = N_("By when"),
	[MSG_REPORT_MEASURE] = N_("How we will know"),
	[MSG_REPORT_OPEN] = N_("open"),
	[MSG_REPORT_REVIEWS] = N_("Reviews"),
	[MSG_REPORT_PRACTICE] = N_("Practice"),
	[MSG_REPORT_POINTS] = N_("Key points covered: %d of %d"),
	[MSG_REPORT_SCORE] = N_("Key points covered in the session: %d of %d."),
	[MSG_REPORT_QUESTION] = N_("Question"),
	[MSG_REPORT_SCORE_COLUMN] = N_("Score"),
	[MSG_REPORT_SCORES] = N_("Scores"),
	[MSG_REPORT_MINUTES] = N_("%ld min"),
	[MSG_REPORT_COMPLETE] = N_("complete"),
	[MSG_REPORT_PAUSED] = N_("paused"),
	[MSG_REPORT_INTERRUPTED] = N_("interrupted (it can be resumed)"),
	[MSG_REPORT_FOR] = N_("For"),
	[MSG_REPORT_FOR_CLIENT] = N_("the client"),
	[MSG_REPORT_FOR_SPONSOR] = N_("the sponsor"),
	[MSG_REPORT_FOR_PEERS] = N_("peers (names, e-mail addresses and phone numbers masked)"),
	[MSG_REPORT_UNKNOWN] = N_("Some answers are left out: who may read them cannot be told without the session's dialogue as it was then."),
	[MSG_MARK_EMAIL] = N_("[email]"),
	[MSG_MARK_PHONE] = N_("[phone]"),
	[MSG_MARK_REDACTED] = N_("[redacted]"),
	[MSG_REPORT_MISSED] = N_("Points missed:"),
	[MSG_PRACTICE_MISSED] = N_("Points to look at again"),
	[MSG_REPORT_ATTEMPT] = N_("attempt %d"),
	[MSG_REPORT_SAFETY] = N_("The safety net stopped the session here (%s); chosen: %s."),
	[MSG_REPORT_SAFETY_SHARED] = N_("The safety net stopped the session here; chosen: %s."),
	[MSG_REPORT_LAST_COUNTS] = N_("Where a step was tried again, its last attempt counts."),
	[MSG_HELP_AGAIN] = N_("practice: try the step just marked again (the last attempt counts)"),
	[MSG_AGAIN_NOT_PRACTICE] = N_("/again is for practice mode, to try a step again; nothing was changed."),
	[MSG_AGAIN_NOTHING] = N_("There is no step just marked to try again: /again comes right after a step's key points and reference."),
	[MSG_AGAIN_STOPPED] = N_("Trying the step again runs the dialogue again up to it, and that run was stopped; nothing was changed."),
	[MSG_AGAIN_ATTEMPT] = N_("Attempt %d at this step."),
	[MSG_PLOG_BAD_OPTION] = N_("unknown option or missing value: '%s'"),
	[MSG_PLOG_NO_ARGUMENT] = N_("'%s': practice-log takes no argument but --client NAME"),
	[MSG_PLOG_OWN_JOURNAL] = N_("(practice sessions run without --client are kept in your own journal; give --client NAME for a client's)"),
	[MSG_PLOG_NONE] = N_("No practice session in %s."),
	[MSG_PLOG_HEADING] = N_("Practice sessions (%zu) in %s"),
	[MSG_PLOG_MISSED] = N_("missed:"),
	[MSG_PLOG_NOT_RECORDED] = N_("(not recorded)"),
	[MSG_PLOG_NOTHING_MISSED] = N_("nothing"),
	[MSG_PLOG_MORE] = N_("(+%zu more)"),
	[MSG_PLOG_INTERRUPTED] = N_("interrupted"),
	[MSG_PLOG_MOST_OFTEN] = N_("Missed most often:"),
	[MSG_PLOG_SESSIONS] = N_("%zu of %zu sessions"),
};


/* gettext's cache stamp: bumping it makes gettext look again after
 * LANGUAGE changed (the gettext manual, "Being a gettext grok"). */
extern int _nl_msg_cat_cntr;

static bool ready;
static char locale_lang[3] = "en";   /* the user's, from the environment */
static char current[3] = "en";       /* the words' language now */

bool i18n_is_fr(const char *lang)
{
	return lang && (lang[0] == 'f' || lang[0] == 'F') && (lang[1] == 'r' || lang[1] == 'R') &&
	       (lang[2] == '\0' || lang[2] == '-' || lang[2] == '_' || lang[2] == '.');
}

/* Makes gettext answer in lang ("fr" or "en") from now on. */
static void switch_to(const char *lang)
{
	if (str_eq(current, lang))
		return;
	strcpy(current, lang);
	setenv("LANGUAGE", lang, 1);
	++_nl_msg_cat_cntr;
}

/*
 * gettext reads LANGUAGE only when LC_MESSAGES is not "C", and a machine
 * may have no French locale generated: then the built-in C.UTF-8 stands
 * in, so that the catalogues still answer in the language LANGUAGE names.
 */
void i18n_init(void)
{
	if (ready)
		return;
	ready = true;
	const char *loc = setlocale(LC_MESSAGES, "");
	if (!loc || str_eq(loc, "C") || str_eq(loc, "POSIX"))
		setlocale(LC_MESSAGES, "C.UTF-8");
	char *dir = paths_locale_dir();
	bindtextdomain("tandem", dir);
	free(dir);
	bind_textdomain_codeset("tandem", "UTF-8");
	textdomain("tandem");
	char *lang = paths_locale_lang();
	strcpy(locale_lang, i18n_is_fr(lang) ? "fr" : "en");
	free(lang);
	strcpy(current, "");
	switch_to(locale_lang);
}

const char *i18n_locale_lang(void)
{
	i18n_init();
	return locale_lang;
}

void i18n_use(const char *lang)
{
	i18n_init();
	switch_to(i18n_is_fr(lang) ? "fr" : "en");
}

/* Keeps errno: a message is often built around strerror(errno), which an
 * argument list may read after the message was translated. */
const char *i18n_text(const char *lang, const char *msgid)
{
	int e = errno;
	i18n_init();
	const char *text;
	if (!lang) {
		text = gettext(msgid);
	} else {
		char was[3];
		strcpy(was, current);
		switch_to(i18n_is_fr(lang) ? "fr" : "en");
		text = gettext(msgid);
		switch_to(was);
	}
	errno = e;
	return text;
}

const char *msg(const char *lang, MsgId id)
{
	if (id < 0 || id >= MSG_COUNT)
		BUG("no message %d", (int)id);
	return i18n_text(lang, en[id]);
}
