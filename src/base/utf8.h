/*
 * utf8: what tandem needs to know about UTF-8 text, and nothing more.
 *
 * Validation of untrusted dialogue files, counting characters for columns
 * and wrapping, folding for forgiving choice matching (case and accents),
 * and sanitizing text before it reaches a terminal.
 */
#ifndef TANDEM_UTF8_H
#define TANDEM_UTF8_H

#include <stdbool.h>
#include <stddef.h>

/* Length of the sequence a lead byte starts (1 for a stray byte). */
size_t utf8_seq_len(unsigned char lead);

/*
 * True when s[0..n) is valid UTF-8 (no overlongs, no surrogates, nothing
 * above U+10FFFF) with no NUL byte. Otherwise false, and *bad is the byte
 * offset of the first offending byte.
 */
bool utf8_valid(const char *s, size_t n, size_t *bad);

/* Number of characters (code points) in s[0..n); stray bytes count one. */
size_t utf8_count(const char *s, size_t n);

/*
 * A heap copy of s[0..n) fit for a terminal: escape sequences (CSI, OSC,
 * and other ESC forms, 7-bit and C1), control characters and the bidi
 * embedding, override and isolate controls are removed, except newline
 * and tab; invalid bytes become U+FFFD. The caller frees it.
 */
char *utf8_sanitize(const char *s, size_t n);

/*
 * A heap copy of s[0..n) with every character utf8_sanitize would remove,
 * and newline and tab too, written out as an escape (\x1B, \n, \u202E)
 * and invalid bytes as \xNN: for naming a key or an id in a message, where
 * the reader must see what the file holds. The caller frees it.
 */
char *utf8_visible(const char *s, size_t n);

/*
 * A heap copy of s folded for comparison: lower case, Latin accents and
 * ligatures removed (é -> e, Ç -> c, œ -> oe, ß -> ss), surrounding spaces
 * trimmed and inner runs of spaces made one. The caller frees it.
 */
char *utf8_fold(const char *s);

/* A heap copy of s in Unicode's composed form (NFC, libunistring): a name
 * pasted decomposed (e + U+0301) is kept as typed elsewhere (é). Invalid
 * UTF-8 is copied as it is. */
char *utf8_nfc(const char *s);

/*
 * The key a person's name is matched by (heap string): composed, case
 * folded and stripped of accents (libunistring's NFD, case folding and the
 * Mn category), spaces as utf8_fold makes them. "Chloé", "chloe" and a
 * decomposed "CHLOÉ" have one key.
 */
char *utf8_name_key(const char *s);

/*
 * Columns s[0..n) takes on a terminal: combining marks and zero-width
 * characters take none, East Asian wide and fullwidth characters and
 * emoji take two, control characters none, anything else one (a stray
 * byte too, as the U+FFFD a terminal shows). For wrapping.
 */
size_t utf8_width(const char *s, size_t n);

/* How many bytes of s (whole characters) fit in cols columns, as
 * utf8_width counts them. */
size_t utf8_fit(const char *s, size_t cols);

#endif
