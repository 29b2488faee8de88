/*
 * redact: e-mails, phone numbers, the client's name and chosen words masked.
 *
 * Why hand-written scanners rather than regular expressions: a phone
 * number is defined by how many digits it has (9 to 15, so that a date is
 * never one), which a pattern says badly, and names must match in any case
 * and with or without accents whatever the locale, which utf8_fold does
 * on its own tables. Each text is folded once, code point by code point,
 * keeping where each code point starts in both the source and the folded
 * text: a name is searched in the folded text and masked in the source.
 */
#include "redact.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "utf8.h"
#include "util.h"

typedef struct Masked {
	char *folded;        /* the name or word, folded code point by code point */
	char *replacement;
} Masked;

struct Redactor {
	Masked *terms;         /* longest first */
	size_t n, cap;
	const char *email, *phone, *mark;
};

/* The source and its fold, code point by code point. */
typedef struct Folded {
	Buf text;            /* the folded text */
	size_t *src;         /* ncp + 1 source offsets */
	size_t *at;          /* ncp + 1 offsets in text */
	uint32_t *cp;        /* ncp code points (U+FFFD for a bad byte) */
	size_t ncp;
} Folded;

Redactor *redact_new(const char *lang)
{
	Redactor *r = xcalloc(1, sizeof(*r));
	r->email = msg(lang, MSG_MARK_EMAIL);
	r->phone = msg(lang, MSG_MARK_PHONE);
	r->mark = msg(lang, MSG_MARK_REDACTED);
	return r;
}

void redact_free(Redactor *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->n; i++) {
		free(r->terms[i].folded);
		free(r->terms[i].replacement);
	}
	free(r->terms);
	free(r);
}

/* The code point at s[0..n) and its length; a bad sequence is one byte. */
static size_t next_cp(const char *s, size_t n, uint32_t *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t len = utf8_seq_len(u[0]);
	size_t bad;
	if (len > n || !utf8_valid(s, len, &bad)) {
		*cp = 0xFFFD;
		return 1;
	}
	static const unsigned char lead_mask[] = { 0, 0x7F, 0x1F, 0x0F, 0x07 };
	uint32_t c = u[0] & lead_mask[len];
	for (size_t i = 1; i < len; i++)
		c = (c << 6) | (u[i] & 0x3F);
	*cp = c;
	return len;
}

static bool is_space_cp(uint32_t c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0xA0 || c == 0x202F ||
	       (c >= 0x2000 && c <= 0x200A) || c == 0x3000;
}

/* Part of a word: letters and digits of any script. Punctuation, spaces,
 * symbols and emoji are not, so "Dana’s" and «Dana» hold the word Dana. */
static bool is_word_cp(uint32_t c)
{
	if (c < 0x80)
		return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		       c == '_';
	if (c < 0xC0 || c == 0xD7 || c == 0xF7)
		return false;
	if ((c >= 0x2000 && c <= 0x2BFF) || (c >= 0x3000 && c <= 0x303F) ||
	    (c >= 0xFE10 && c <= 0xFE6F) || (c >= 0xFF00 && c <= 0xFF0F) || c >= 0x1F000)
		return false;
	return c != 0xFFFD;
}

/* Folds one code point (s[0..len)) the way names are compared. */
static void fold_cp(Buf *out, const char *s, size_t len, uint32_t cp)
{
	if (is_space_cp(cp)) {
		buf_addc(out, ' ');
		return;
	}
	char *one = xstrndup(s, len);
	char *f = utf8_fold(one);
	buf_adds(out, f);
	free(f);
	free(one);
}

static void fold(Folded *f, const char *s)
{
	size_t n = strlen(s), cap = 0;
	*f = (Folded){ 0 };
	for (size_t i = 0;;) {
		if (f->ncp + 1 > cap) {
			cap = cap ? 2 * cap : 16;
			f->src = xrealloc(f->src, cap * sizeof(*f->src));
			f->at = xrealloc(f->at, cap * sizeof(*f->at));
			f->cp = xrealloc(f->cp, cap * sizeof(*f->cp));
		}
		f->src[f->ncp] = i;
		f->at[f->ncp] = f->text.len;
		if (i >= n)
			break;
		uint32_t cp;
		size_t len = next_cp(s + i, n - i, &cp);
		f->cp[f->ncp++] = cp;
		fold_cp(&f->text, s + i, len, cp);
		i += len;
	}
}

static void folded_free(Folded *f)
{
	buf_free(&f->text);
	free(f->src);
	free(f->at);
	free(f->cp);
}

/* Adds a term, keeping the longest first so that "Marie Dupont" is tried
 * before "Marie". A term already there keeps its first replacement. */
static void add_term(Redactor *r, const char *text, const char *replacement)
{
	Folded f;
	fold(&f, text);
	char *key = buf_take(&f.text);
	folded_free(&f);
	size_t len = strlen(key);
	bool blank = strspn(key, " ") == len;
	for (size_t i = 0; i < r->n && !blank; i++)
		blank = str_eq(r->terms[i].folded, key);
	if (blank) {
		free(key);
		return;
	}
	size_t at = 0;
	while (at < r->n && strlen(r->terms[at].folded) >= len)
		at++;
	GROW(r->terms, r->cap, r->n + 1);
	memmove(&r->terms[at + 1], &r->terms[at], (r->n - at) * sizeof(*r->terms));
	r->terms[at] = (Masked){ key, xstrdup(replacement) };
	r->n++;
}

/* The whole text, then each of its words when there are several. */
static void add_words(Redactor *r, const char *text, const char *replacement)
{
	add_term(r, text, replacement);
	Folded f;
	fold(&f, text);
	for (size_t j = 0; j < f.ncp;) {
		size_t k = j;
		while (k < f.ncp && is_word_cp(f.cp[k]))
			k++;
		if (k > j && (j > 0 || k < f.ncp)) {
			char *word = xstrndup(text + f.src[j], f.src[k] - f.src[j]);
			add_term(r, word, replacement);
			free(word);
		}
		j = k > j ? k : j + 1;
	}
	folded_free(&f);
}

void redact_name(Redactor *r, const char *name, const char *alias)
{
	if (name && *name)
		add_words(r, name, alias);
}

void redact_word(Redactor *r, const char *word)
{
	if (word && *word)
		add_words(r, word, r->mark);
}

/* ---- scanners: each returns the length of what it found at s[i], or 0 ---- */

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool is_alnum(char c)
{
	return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool local_byte(char c)
{
	return is_alnum(c) || strchr("._%+-", c) || (unsigned char)c >= 0x80;
}

static bool domain_byte(char c)
{
	return is_alnum(c) || c == '-' || c == '.' || (unsigned char)c >= 0x80;
}

/* local@domain.tld starting at s[i]; the caller saw no local byte before. */
static size_t email_at(const char *s, size_t n, size_t i)
{
	size_t j = i;
	while (j < n && local_byte(s[j]))
		j++;
	if (j == i || j >= n || s[j] != '@')
		return 0;
	size_t k = j + 1;
	while (k < n && domain_byte(s[k]))
		k++;
	while (k > j + 1 && (s[k - 1] == '.' || s[k - 1] == '-')) /* the sentence's full stop */
		k--;
	const char *dot = NULL;
	for (size_t d = j + 2; d + 1 < k; d++)
		if (s[d] == '.' && s[d - 1] != '.')
			dot = s + d;
	return dot ? k - i : 0;
}

/* A run of digits at s[*j]; how many. */
static size_t digits_at(const char *s, size_t n, size_t *j)
{
	size_t start = *j;
	while (*j < n && is_digit(s[*j]))
		(*j)++;
	return *j - start;
}

/* A phone number starting at s[i]: groups of digits, "(digits)", single
 * separators between them, an optional leading +. 9 to 15 digits. */
static size_t phone_at(const char *s, size_t n, size_t i)
{
	size_t j = i, digits = 0, end = 0;
	if (s[j] == '+')
		j++;
	for (;;) {
		if (j < n && s[j] == '(') {
			size_t k = j + 1, d = digits_at(s, n, &k);
			if (d == 0 || d > 4 || k >= n || s[k] != ')')
				break;
			digits += d;
			j = end = k + 1;
		} else if (j < n && is_digit(s[j])) {
			digits += digits_at(s, n, &j);
			end = j;
		} else {
			break;
		}
		if (j + 1 < n && strchr(" .-/", s[j]) && s[j] != '\0' &&
		    (is_digit(s[j + 1]) || s[j + 1] == '('))
			j++;
		else if (!(j < n && (s[j] == '(' || (s[j - 1] == ')' && is_digit(s[j])))))
			break;
	}
	if (digits < 9 || digits > 15)
		return 0;
	if (end < n) {
		uint32_t cp;
		next_cp(s + end, n - end, &cp);
		if (is_word_cp(cp))
			return 0;
	}
	return end - i;
}

/* A term at code point j: its end code point, or 0. */
static size_t term_at(const Folded *f, size_t j, const Masked *t)
{
	size_t len = strlen(t->folded);
	if (f->text.len - f->at[j] < len || memcmp(f->text.data + f->at[j], t->folded, len) != 0)
		return 0;
	size_t k = j + 1;
	while (k < f->ncp && f->at[k] < f->at[j] + len)
		k++;
	if (f->at[k] != f->at[j] + len)
		return 0; /* ends inside a code point's fold (œ against "o") */
	if (k < f->ncp && is_word_cp(f->cp[k]))
		return 0;
	return k;
}

/* The code point index at source offset off (which starts one). */
static size_t cp_index(const Folded *f, size_t from, size_t off)
{
	while (from < f->ncp && f->src[from] < off)
		from++;
	return from;
}

/* What starts at code point j, if anything: its replacement, and *next. */
static const char *match_at(const Redactor *r, const Folded *f, const char *s, size_t j,
                            size_t *next)
{
	size_t n = f->src[f->ncp], i = f->src[j];
	bool word_start = j == 0 || !is_word_cp(f->cp[j - 1]);
	size_t len;
	if ((i == 0 || !local_byte(s[i - 1])) && (len = email_at(s, n, i))) {
		*next = cp_index(f, j, i + len);
		return r->email;
	}
	if (word_start && (j == 0 || f->cp[j - 1] != '+') && (len = phone_at(s, n, i))) {
		*next = cp_index(f, j, i + len);
		return r->phone;
	}
	for (size_t t = 0; word_start && t < r->n; t++) {
		size_t k = term_at(f, j, &r->terms[t]);
		if (k) {
			*next = k;
			return r->terms[t].replacement;
		}
	}
	return NULL;
}

char *redact_text(const Redactor *r, const char *text)
{
	Folded f;
	fold(&f, text);
	Buf out = { 0 };
	for (size_t j = 0; j < f.ncp;) {
		size_t next = j + 1;
		const char *mark = match_at(r, &f, text, j, &next);
		if (mark)
			buf_adds(&out, mark);
		else
			buf_add(&out, text + f.src[j], f.src[j + 1] - f.src[j]);
		j = next;
	}
	folded_free(&f);
	if (!out.data)
		return xstrdup("");
	return buf_take(&out);
}
