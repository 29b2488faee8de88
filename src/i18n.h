/*
 * i18n: the few words tandem itself says, in the dialogue's language.
 *
 * A French dialogue gets French prompts, hints and error messages in the
 * session; anything else gets English. Dialogue texts are never translated:
 * they are the coach's own words.
 */
#ifndef TANDEM_I18N_H
#define TANDEM_I18N_H

typedef enum MsgId {
	MSG_NEED_ANSWER,      /* an empty answer to a required question */
	MSG_SCALE_RANGE,      /* "a whole number from %ld to %ld" */
	MSG_CHOICE_UNKNOWN,   /* "choose one of the options: %s" */
	MSG_CHOICE_AMBIGUOUS, /* "'%s' could be %s: type more" */
	MSG_NOT_OPTIONAL,     /* /skip on a required question */
	MSG_NOTHING_TO_UNDO,
	MSG_STATUS_DONE,      /* review status labels */
	MSG_STATUS_PARTLY,
	MSG_STATUS_NOT_DONE,
	MSG_STATUS_DROPPED,
	MSG_PRACTICE_PROMPT,  /* asking the trainee for their phrasing */
	MSG_PRACTICE_SCORE,   /* "Score: %d/%d key points covered" */
	MSG_LOOP,             /* "ran %zu steps without asking anything (at %s)" */
	MSG_COUNT
} MsgId;

/* The message in the language tag's language (fr*, else en): a printf format. */
const char *msg(const char *lang, MsgId id);

#endif
