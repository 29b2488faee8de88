/*
 * deadline: a "by when?" answer read as a date.
 *
 * Owns the words and forms of a deadline, in French and English
 * ("vendredi", "in 2 weeks", "fin du mois", 12/03/2027, 2027-03-12), and
 * how each resolves against the session's date (UTC, as clock.c counts).
 * What it cannot read is undated: the answer is never refused, and never
 * guessed at. Whether a day exists stays clock_is_date's rule (clock.h).
 * docs/reference.md lists the forms and the choices made.
 */
#ifndef TANDEM_DEADLINE_H
#define TANDEM_DEADLINE_H

#include <stdbool.h>
#include <time.h>

/*
 * Reads `typed` as a deadline in the language `lang` (a BCP 47 tag: fr,
 * fr-CA, en, ...; French words for French, English words for any other,
 * as i18n does) against `today`, of which only the UTC date counts. True
 * with the date written as 2026-11-27 into iso; false when the text is no
 * date it reads (iso is then ""). NULL typed or lang read as "".
 */
bool deadline_read(const char *typed, const char *lang, time_t today, char iso[11]);

#endif
