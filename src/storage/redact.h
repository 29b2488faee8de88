/*
 * redact: masks what identifies a client in a text shared with peers.
 *
 * `tandem show --share` passes every text of the report through a
 * Redactor: e-mail addresses become a mark such as [e-mail], phone numbers
 * [phone], the client's name its alias, and each word given with --redact
 * a mark such as [redacted]. The marks are in the report's language.
 *
 * What counts as what:
 *   - an e-mail address is local@domain.tld (letters of any script, digits,
 *     . _ % + - on the left; a domain with at least one dot);
 *   - a phone number is a run of 9 to 15 digits written with single spaces,
 *     dots, dashes or slashes between groups, an optional leading +, and
 *     parenthesised groups: +33 6 12 34 56 78, 06.12.34.56.78,
 *     (555) 123-4567, +33 (0)6 12 34 56 78. Fewer than 9 digits is not one,
 *     so dates (2026-12-01) and amounts stay;
 *   - a name or word matches whole words only, in any case and with or
 *     without accents (ÉLODIE, elodie and Élodie are one name), on UTF-8
 *     text; a name of several words is masked whole and also word by word
 *     (Marie Dupont: "Marie" alone is masked too).
 * When two rules could apply at one place, the longer name wins; e-mails
 * are masked before names, so a name inside an address never leaves the
 * rest of the address readable.
 */
#ifndef TANDEM_REDACT_H
#define TANDEM_REDACT_H

typedef struct Redactor Redactor;

/* A redactor whose marks are in lang's language (fr*, else English). */
Redactor *redact_new(const char *lang);
void redact_free(Redactor *r);

/* Every occurrence of name (and of each of its words) becomes alias. */
void redact_name(Redactor *r, const char *name, const char *alias);

/* Every occurrence of word (a whole word, or words) becomes the mark. */
void redact_word(Redactor *r, const char *word);

/* text with everything masked, as a heap string the caller frees. */
char *redact_text(const Redactor *r, const char *text);

#endif
