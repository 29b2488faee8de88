/*
 * i18n: every word tandem itself says, in French or English.
 *
 * The words are English in the code and translated through GNU gettext
 * (po/fr.po, compiled by the build into LOCALE/fr/LC_MESSAGES/tandem.mo):
 * a translator adds a language with the usual tools. The language is the
 * locale's (LANGUAGE, LC_ALL, LC_MESSAGES, LANG: fr, fr_CA, fr-BE, FR all
 * mean French, anything else English) until a session starts, and the
 * session's dialogue language from then on (i18n_use). Dialogue texts are
 * never translated: they are the coach's own words.
 */
#ifndef TANDEM_I18N_H
#define TANDEM_I18N_H

#include <libintl.h>
#include <stdbool.h>

/* A message in the current language; N_ marks one for xgettext alone. */
#define _(msgid) i18n_text(NULL, (msgid))
#define N_(msgid) msgid

/* Binds the catalogues and takes the locale's language. Every function
 * below calls it first; main calls it before anything is said. */
void i18n_init(void);

/* "fr" or "en": the language of the user's locale. */
const char *i18n_locale_lang(void);

/* From now on, tandem's words are in lang's language (a session's). */
void i18n_use(const char *lang);

/* Whether a language tag or locale name is French: the one test. */
bool i18n_is_fr(const char *lang);

/* msgid translated into lang's language (NULL: the current language). */
const char *i18n_text(const char *lang, const char *msgid) __attribute__((format_arg(2)));

typedef enum MsgId {
	MSG_NEED_ANSWER,      /* an empty answer to a required question */
	MSG_WRONG_FORM,       /* an answer `validate` refuses, without `invalid` */
	MSG_SCALE_RANGE,      /* "a whole number from %ld to %ld" */
	MSG_CHOICE_UNKNOWN,   /* "choose one of the options: %s" */
	MSG_CHOICE_AMBIGUOUS, /* "'%s' could be %s: type more" */
	MSG_NOT_OPTIONAL,     /* /skip on a required question */
	MSG_SKIP_LIST,        /* /skip in a list that an empty line ends */
	MSG_NOTHING_TO_UNDO,
	MSG_BACK_STOPPED,     /* /back's replay stopped short: nothing undone */
	MSG_STATUS_DONE,      /* review status labels */
	MSG_STATUS_PARTLY,
	MSG_STATUS_NOT_DONE,
	MSG_STATUS_DROPPED,
	MSG_STATUS_RENEGOTIATED,  /* a new "by when?" given between sessions */
	MSG_REVIEW_DUE,       /* before a review's status: "Due %s." */
	MSG_REVIEW_OVERDUE,   /* "Due %s: past." */
	MSG_REVIEW_WHEN,      /* an undated commitment: "By when: %s (no date)." */
	MSG_REVIEW_MEASURE,   /* "How we would know: %s" */
	MSG_SAFETY_MESSAGE,   /* the safety net without a library file's words */
	MSG_SAFETY_CHOICE,
	MSG_SAFETY_STOP,
	MSG_SAFETY_GO_ON,
	MSG_PRACTICE_PROMPT,  /* asking the trainee for their phrasing */
	MSG_PRACTICE_SCORE,   /* "Score: %d/%d key points covered" */
	MSG_LOOP,             /* "ran %zu steps without asking anything (at %s)" */
	MSG_BOUND_VALUE,      /* "built a value of more than %zu bytes at %s" */
	MSG_BOUND_BYTES,      /* "built %zu MiB without asking anything (at %s)" */
	MSG_BOUND_TIME,       /* "worked %d seconds without asking anything (at %s)" */
	/* the front ends: what surrounds the dialogue's own words */
	MSG_PAUSED,           /* "Session paused." */
	MSG_TO_GO_ON,         /* " To go on: %s" */
	MSG_TRANSCRIPT_AT,    /* "Transcript: %s" */
	MSG_REFERENCE,        /* prefix of a practice reference text */
	MSG_NOTE_KEPT,
	MSG_HOW_TO_LEAVE,     /* Ctrl-C on an empty line */
	MSG_NOTE_USAGE,
	MSG_NO_ANSWERS,
	MSG_WHERE_SECTION,    /* /where: "section: %s" */
	MSG_WHERE_NODE,
	MSG_WHERE_TURNS,      /* "turn: %zu", the number the prompt shows */
	MSG_WHERE_ELAPSED,    /* "elapsed: %lld min" */
	MSG_COMMANDS,
	MSG_HELP_HELP,        /* one per command, in the table's order */
	MSG_HELP_BACK,
	MSG_HELP_SKIP,
	MSG_HELP_NOTE,
	MSG_HELP_WHERE,
	MSG_HELP_SHOW,
	MSG_HELP_PAUSE,
	MSG_HELP_SLASH,       /* "//TEXT" */
	MSG_HERE_CHOICES,
	MSG_HERE_CHOICE_HOW,
	MSG_HERE_ENTER,
	MSG_HERE_PHRASING,
	MSG_HERE_SCALE,       /* "a whole number from %ld to %ld" */
	MSG_HERE_TEXT,
	MSG_HERE_OPTIONAL,
	MSG_HERE_LIST_ENDS,
	MSG_LINE_NOT_UTF8,    /* "that line is not UTF-8 text (byte %zu)..." */
	MSG_LINE_TOO_LONG,    /* "that line is longer than %d bytes..." */
	MSG_LINE_NUL,         /* "that line holds a NUL byte..." */
	MSG_UNKNOWN_COMMAND,  /* "unknown command '%s'; type /help" */
	MSG_UNKNOWN_NEAR,     /* "unknown command '%s' (did you mean %s?); type /help" */
	MSG_NO_ARGUMENT,      /* "%s takes nothing after it; type /help" */
	MSG_PROMPT_ENTER,     /* what a line takes, in the REPL's prompt */
	MSG_PROMPT_WORDS,
	MSG_PROMPT_OPTIONAL,
	MSG_PROMPT_LIST_ENDS,
	/* report: the labels of `tandem show` */
	MSG_REPORT_CLIENT,
	MSG_REPORT_DATE,
	MSG_REPORT_DURATION,
	MSG_REPORT_MODE,
	MSG_REPORT_STATUS,
	MSG_REPORT_DIALOGUE,
	MSG_REPORT_SKIPPED,
	MSG_REPORT_NOTE,
	MSG_REPORT_COMMITMENTS,
	MSG_REPORT_WHAT,
	MSG_REPORT_WHEN,
	MSG_REPORT_MEASURE,
	MSG_REPORT_OPEN,
	MSG_REPORT_REVIEWS,
	MSG_REPORT_PRACTICE,
	MSG_REPORT_POINTS,
	MSG_REPORT_SCORE,
	MSG_REPORT_QUESTION,      /* the column of a table of scores */
	MSG_REPORT_SCORE_COLUMN,
	MSG_REPORT_SCORES,        /* the heading of the scores gathered at the end */
	MSG_REPORT_MINUTES,
	MSG_REPORT_COMPLETE,
	MSG_REPORT_PAUSED,
	MSG_REPORT_INTERRUPTED,
	MSG_REPORT_FOR,           /* whom a report is for (tandem show --for) */
	MSG_REPORT_FOR_CLIENT,
	MSG_REPORT_FOR_SPONSOR,
	MSG_REPORT_FOR_PEERS,
	MSG_REPORT_UNKNOWN,       /* parts left out: who may read them is unknown */
	/* redact: the marks that replace what is masked */
	MSG_MARK_EMAIL,
	MSG_MARK_PHONE,
	MSG_MARK_REDACTED,
	/* practice feedback: the points of each phrasing, the points missed,
	 * /again, tandem practice-log */
	MSG_REPORT_MISSED,      /* before the list of the points missed */
	MSG_PRACTICE_MISSED,    /* the heading of the points missed, at the end */
	MSG_REPORT_ATTEMPT,     /* "attempt %d", after a step's marks */
	MSG_REPORT_SAFETY,      /* the safety net stopped the flow: topic, choice */
	MSG_REPORT_SAFETY_SHARED, /* the same in a shared report: the choice alone */
	MSG_REPORT_LAST_COUNTS, /* how the score counts steps tried again */
	MSG_HELP_AGAIN,
	MSG_AGAIN_NOT_PRACTICE, /* /again outside practice mode */
	MSG_AGAIN_NOTHING,      /* /again with no step just marked */
	MSG_AGAIN_STOPPED,      /* /again's replay stopped short: nothing changed */
	MSG_AGAIN_ATTEMPT,      /* "Attempt %d at this step." */
	MSG_PLOG_BAD_OPTION,    /* "unknown option or missing value: '%s'" */
	MSG_PLOG_NO_ARGUMENT,   /* "'%s': ... takes no argument but --client NAME" */
	MSG_PLOG_OWN_JOURNAL,   /* where practice without --client is kept */
	MSG_PLOG_NONE,          /* "No practice session in %s." */
	MSG_PLOG_HEADING,       /* "Practice sessions (%zu) in %s" */
	MSG_PLOG_MISSED,
	MSG_PLOG_NOT_RECORDED,  /* a transcript that kept the counts alone */
	MSG_PLOG_NOTHING_MISSED,
	MSG_PLOG_MORE,          /* "(+%zu more)" */
	MSG_PLOG_INTERRUPTED,
	MSG_PLOG_MOST_OFTEN,
	MSG_PLOG_SESSIONS,      /* "%zu of %zu sessions" */
	MSG_COUNT
} MsgId;

/* The message in lang's language (NULL: the current one): a printf format. */
const char *msg(const char *lang, MsgId id);


#endif
