/*
 * yamlout: YAML scalars and values written so that any parser reads them
 * back as they were meant.
 *
 * Texts are always double-quoted, with escapes for what a double-quoted
 * scalar cannot hold as is: `yes`, `off`, `1.0`, `~` or `- x` stay text,
 * and control characters, line separators and invalid UTF-8 cannot break
 * the file. Only the transcript and the changes' log write YAML; reading it is
 * libyaml's job.
 */
#ifndef TANDEM_YAMLOUT_H
#define TANDEM_YAMLOUT_H

#include "util.h"
#include "value.h"

/*
 * Appends s as a double-quoted scalar. Escaped: `"` `\` newline, tab,
 * carriage return, the other control characters (\xNN), the characters
 * YAML takes for line breaks (U+0085, U+2028, U+2029) and those it does
 * not allow in a stream (\uNNNN). A byte that is not part of valid UTF-8
 * cannot be told apart in YAML, so it becomes U+FFFD.
 */
void yamlout_quote(Buf *b, const char *s);

/*
 * Appends s plain when it is a name that every YAML parser reads back as
 * the same text (letters, digits, `_ . -`, beginning with a letter or `_`,
 * and not a word such as `yes`, `off` or `null`); double-quoted otherwise.
 * For node ids, kinds, modes and keys, which read best unquoted.
 */
void yamlout_name(Buf *b, const char *s);

/* Appends ", key: " and s quoted (NULL as ""): one more field of a flow
 * mapping, such as a commitment's in the transcript or the changes' log. */
void yamlout_field(Buf *b, const char *key, const char *s);

/* Appends a number that reads back as a number (an integer when whole,
 * else a float with a decimal point; .inf and .nan as YAML spells them). */
void yamlout_number(Buf *b, double n);

/* Appends v in flow style: texts quoted, numbers and booleans plain,
 * lists as [a, b], unset as null. */
void yamlout_value(Buf *b, const Value *v);

#endif
