/*
 * deadline: "vendredi", "in 2 weeks", 12/03/2027 read as a date.
 *
 * The answer is folded (case and accents, utf8_fold), cut into words, and
 * the words that only frame a date ("d'ici", "avant le", "by the", "at
 * the latest") are dropped. What is left must be one whole form: a written
 * date, a weekday, a phrase (demain, end of the month), or a count of days,
 * weeks or months. Anything else left over ("pas avant vendredi", "friday
 * or monday", "soon") makes the answer undated: a deadline read wrong
 * would mark a commitment overdue that is not, so doubt means no date.
 *
 * Arithmetic is glibc's on a struct tm in UTC (timegm normalises a day
 * past the month's end), as clock.c does; the date found is written out
 * and must pass clock_is_date, the one rule for a day that exists.
 */
#ifndef _XOPEN_SOURCE /* strptime; readline's pkg-config flags may set it already */
#define _XOPEN_SOURCE 700
#endif

#include "deadline.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "clock.h"
#include "utf8.h"
#include "util.h"

/* More words than this is a sentence, not a deadline. */
#define MAX_WORDS 16

typedef enum Rel {
	REL_DAYS,       /* today plus n days */
	REL_END_WEEK,   /* the Sunday of this week, plus n weeks */
	REL_END_MONTH,  /* the last day of this month */
} Rel;

typedef struct Number {
	const char *word;
	int n;
} Number;

typedef struct Unit {
	const char *word;
	int days, months; /* one of them */
} Unit;

typedef struct Phrase {
	const char *words; /* the words left once fillers are dropped */
	Rel rel;
	int n;
} Phrase;

/* The words of one language. Lists end with NULL. */
typedef struct Lexicon {
	const char *filler[24];   /* dropped wherever they are */
	const char *weekday[7];   /* Sunday first, as tm_wday */
	const char *next;         /* before or after a weekday: the same day */
	const char *in[3];        /* optional before a count */
	Number number[16];
	Unit unit[10];
	Phrase phrase[12];
} Lexicon;

static const Lexicon french = {
	.filler = { "d", "ici", "avant", "le", "la", "l", "du", "de", "au", "a", "pour", "jusqu",
	            "plus", "tard", "ce", "cette", NULL },
	.weekday = { "dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi" },
	.next = "prochain",
	.in = { "dans", NULL },
	/* "huit jours" and "quinze jours" are taken literally: a day later
	 * than the week and fortnight they often mean, never earlier. */
	.number = { { "un", 1 }, { "une", 1 }, { "deux", 2 }, { "trois", 3 }, { "quatre", 4 },
	            { "cinq", 5 }, { "six", 6 }, { "sept", 7 }, { "huit", 8 }, { "neuf", 9 },
	            { "dix", 10 }, { "quinze", 15 }, { NULL, 0 } },
	.unit = { { "jour", 1, 0 }, { "jours", 1, 0 }, { "semaine", 7, 0 }, { "semaines", 7, 0 },
	          { "mois", 0, 1 }, { NULL, 0, 0 } },
	.phrase = { { "aujourd hui", REL_DAYS, 0 }, { "demain", REL_DAYS, 1 },
	            { "apres demain", REL_DAYS, 2 }, { "fin mois", REL_END_MONTH, 0 },
	            { "fin semaine", REL_END_WEEK, 0 }, { "semaine prochaine", REL_END_WEEK, 1 },
	            { "prochaine semaine", REL_END_WEEK, 1 }, { NULL, REL_DAYS, 0 } },
};

static const Lexicon english = {
	.filler = { "by", "before", "on", "the", "this", "of", "at", "latest", "until", "till",
	            "from", "now", "time", NULL },
	.weekday = { "sunday", "monday", "tuesday", "wednesday", "thursday", "friday",
	             "saturday" },
	.next = "next",
	.in = { "in", "within", NULL },
	.number = { { "a", 1 }, { "an", 1 }, { "one", 1 }, { "two", 2 }, { "three", 3 },
	            { "four", 4 }, { "five", 5 }, { "six", 6 }, { "seven", 7 }, { "eight", 8 },
	            { "nine", 9 }, { "ten", 10 }, { NULL, 0 } },
	.unit = { { "day", 1, 0 }, { "days", 1, 0 }, { "week", 7, 0 }, { "weeks", 7, 0 },
	          { "fortnight", 14, 0 }, { "fortnights", 14, 0 }, { "month", 0, 1 },
	          { "months", 0, 1 }, { NULL, 0, 0 } },
	.phrase = { { "today", REL_DAYS, 0 }, { "tonight", REL_DAYS, 0 },
	            { "tomorrow", REL_DAYS, 1 }, { "day after tomorrow", REL_DAYS, 2 },
	            { "end month", REL_END_MONTH, 0 }, { "month end", REL_END_MONTH, 0 },
	            { "end week", REL_END_WEEK, 0 }, { "next week", REL_END_WEEK, 1 },
	            { NULL, REL_DAYS, 0 } },
};

/* Whether lang is `base` or one of its regions: fr, fr-CA, FR, fr_BE. */
static bool lang_is(const char *lang, const char *base)
{
	size_t n = strlen(base);
	return strncasecmp(lang, base, n) == 0 &&
	       (lang[n] == '\0' || lang[n] == '-' || lang[n] == '_');
}

static bool listed(const char *const *list, const char *w)
{
	for (; *list; list++)
		if (str_eq(*list, w))
			return true;
	return false;
}

/* A combining accent (U+0300..U+036F), as a decomposed é leaves after
 * folding: part of the word, and dropped. */
static size_t combining_len(const unsigned char *p)
{
	if ((p[0] == 0xCC && p[1] >= 0x80 && p[1] <= 0xBF) ||
	    (p[0] == 0xCD && p[1] >= 0x80 && p[1] <= 0xAF))
		return 2;
	return 0;
}

/*
 * Cuts folded text into buf as words (runs of a-z and 0-9, with / and -
 * kept between two digits), dropping the lexicon's fillers; words[] points
 * into buf, which holds strlen(folded) + 1 bytes. False when there are
 * more than MAX_WORDS words.
 */
static bool split(const Lexicon *lx, const char *folded, char *buf, const char **words,
                  size_t *n)
{
	const unsigned char *p = (const unsigned char *)folded;
	char *o = buf;
	size_t count = 0, seen = 0;
	while (*p) {
		while (*p && !isalnum(*p) && !combining_len(p))
			p++;
		if (!*p)
			break;
		char *start = o;
		for (;;) {
			size_t skip = combining_len(p);
			if (skip)
				p += skip;
			else if ((*p >= 'a' && *p <= 'z') || isdigit(*p))
				*o++ = (char)*p++;
			else if ((*p == '/' || *p == '-') && o > start && isdigit((unsigned char)o[-1]) &&
			         isdigit(p[1]))
				*o++ = (char)*p++;
			else
				break;
		}
		if (o == start)
			continue;
		*o++ = '\0';
		if (++seen > MAX_WORDS)
			return false;
		if (!listed(lx->filler, start))
			words[count++] = start;
	}
	*n = count;
	return true;
}

/* The words w[0..n) joined by single spaces equal `phrase`. */
static bool says(const char *const *w, size_t n, const char *phrase)
{
	for (size_t i = 0; i < n; i++) {
		size_t len = strlen(w[i]);
		if (strncmp(phrase, w[i], len) != 0)
			return false;
		phrase += len;
		if (i + 1 < n && *phrase++ != ' ')
			return false;
	}
	return *phrase == '\0';
}

/* Leading digits of s, at most 5 counted. */
static size_t digits(const char *s)
{
	size_t k = 0;
	while (k < 5 && isdigit((unsigned char)s[k]))
		k++;
	return k;
}

/*
 * A written date: 2027-03-12 (also 2027-3-12), or 12/03/2027 (also
 * 12/3/2027) when day_first. strptime takes the fields, not whether the
 * day exists; that is left to clock_is_date.
 */
static bool written(const char *w, bool day_first, struct tm *out)
{
	const char *form;
	size_t a = digits(w), b, c;
	if (a == 4 && w[a] == '-' && (b = digits(w + a + 1)) >= 1 && b <= 2 &&
	    w[a + 1 + b] == '-' && (c = digits(w + a + b + 2)) >= 1 && c <= 2 &&
	    w[a + b + c + 2] == '\0')
		form = "%Y-%m-%d";
	else if (day_first && a >= 1 && a <= 2 && w[a] == '/' && (b = digits(w + a + 1)) >= 1 &&
	         b <= 2 && w[a + 1 + b] == '/' && digits(w + a + b + 2) == 4 &&
	         w[a + b + 6] == '\0')
		form = "%d/%m/%Y";
	else
		return false;
	struct tm tm = { 0 };
	const char *end = strptime(w, form, &tm);
	if (!end || *end)
		return false;
	*out = tm;
	return true;
}

static int weekday_of(const Lexicon *lx, const char *w)
{
	for (int d = 0; d < 7; d++)
		if (str_eq(lx->weekday[d], w))
			return d;
	return -1;
}

/* A weekday, alone or with "next"/"prochain" before or after it. */
static int weekday(const Lexicon *lx, const char *const *w, size_t n)
{
	if (n == 1)
		return weekday_of(lx, w[0]);
	if (n == 2 && str_eq(w[0], lx->next))
		return weekday_of(lx, w[1]);
	if (n == 2 && str_eq(w[1], lx->next))
		return weekday_of(lx, w[0]);
	return -1;
}

/* A count: digits (at most 4) or a number word. */
static int number(const Lexicon *lx, const char *w)
{
	size_t k = digits(w);
	if (k >= 1 && k <= 4 && w[k] == '\0')
		return atoi(w);
	for (const Number *nb = lx->number; nb->word; nb++)
		if (str_eq(nb->word, w))
			return nb->n;
	return -1;
}

static const Unit *unit(const Lexicon *lx, const char *w)
{
	for (const Unit *u = lx->unit; u->word; u++)
		if (str_eq(u->word, w))
			return u;
	return NULL;
}

/* tm moved by days and months (a month later than 31 January is the last
 * day of February, not 3 March), normalised by timegm. */
static void move(struct tm *tm, int days, int months)
{
	if (months) {
		struct tm last = *tm;
		last.tm_mon += months + 1;
		last.tm_mday = 0; /* the day before the 1st: the target month's last */
		time_t t = timegm(&last);
		gmtime_r(&t, &last);
		tm->tm_mon += months;
		if (tm->tm_mday > last.tm_mday)
			tm->tm_mday = last.tm_mday;
	}
	tm->tm_mday += days;
	time_t t = timegm(tm);
	gmtime_r(&t, tm);
}

/* The date the words w[0..n) name, from today's; false when none. */
static bool resolve(const Lexicon *lx, bool day_first, const char *const *w, size_t n,
                    const struct tm *today, struct tm *out)
{
	struct tm tm = *today;
	if (n == 0)
		return false;
	if (n == 1 && written(w[0], day_first, out))
		return true;
	/* "vendredi 12/03/2027": the date, when it is that weekday. */
	if (n == 2 && weekday_of(lx, w[0]) >= 0 && written(w[1], day_first, out)) {
		struct tm check = *out;
		time_t t = timegm(&check);
		gmtime_r(&t, &check);
		return check.tm_wday == weekday_of(lx, w[0]);
	}
	int wd = weekday(lx, w, n);
	if (wd >= 0) {
		int ahead = (wd - tm.tm_wday + 7) % 7;
		move(&tm, ahead ? ahead : 7, 0);
		*out = tm;
		return true;
	}
	for (const Phrase *ph = lx->phrase; ph->words; ph++) {
		if (!says(w, n, ph->words))
			continue;
		switch (ph->rel) {
		case REL_DAYS:
			move(&tm, ph->n, 0);
			break;
		case REL_END_WEEK: /* weeks run Monday to Sunday */
			move(&tm, (7 - tm.tm_wday) % 7 + 7 * ph->n, 0);
			break;
		case REL_END_MONTH:
			tm.tm_mday = 1;
			move(&tm, -1, 1);
			break;
		}
		*out = tm;
		return true;
	}
	/* [dans|in] N unit */
	size_t i = n == 3 && listed(lx->in, w[0]) ? 1 : 0;
	if (n - i == 2) {
		int count = number(lx, w[i]);
		const Unit *u = unit(lx, w[i + 1]);
		if (count >= 0 && u) {
			move(&tm, count * u->days, count * u->months);
			*out = tm;
			return true;
		}
	}
	return false;
}

bool deadline_read(const char *typed, const char *lang, time_t today, char iso[11])
{
	iso[0] = '\0';
	if (!typed || !*typed)
		return false;
	if (!lang)
		lang = "";
	const Lexicon *lx = lang_is(lang, "fr") ? &french : &english;
	/* Slash dates are day first; where the month comes first (en-US),
	 * 03/12/2027 could be either, and is left undated. */
	bool day_first = !lang_is(lang, "en-us") && !lang_is(lang, "en_us");
	struct tm now, date;
	if (!gmtime_r(&today, &now))
		return false;
	char *folded = utf8_fold(typed);
	char *buf = xmalloc(strlen(folded) + 1);
	const char *words[MAX_WORDS];
	size_t n = 0;
	bool ok = split(lx, folded, buf, words, &n) && resolve(lx, day_first, words, n, &now, &date);
	if (ok) {
		char out[32];
		snprintf(out, sizeof(out), "%04d-%02d-%02d", date.tm_year + 1900, date.tm_mon + 1,
		         date.tm_mday);
		ok = clock_is_date(out);
		if (ok)
			memcpy(iso, out, 11);
	}
	free(buf);
	free(folded);
	return ok;
}
