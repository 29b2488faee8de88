/* retention: the period read from TANDEM_RETENTION, counted back from now
 * in calendar units, and the clients whose last session is older. */
#include "retention.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "journal.h"
#include "util.h"

/* The largest count of each unit: a century, far past any law's period,
 * and small enough that the arithmetic below never overflows. */
static unsigned unit_max(char unit)
{
	switch (unit) {
	case 'y': return 100;
	case 'm': return 1200;
	case 'd': return 36500;
	default: return 0;
	}
}

bool retention_parse(const char *s, Retention *r)
{
	unsigned long n = 0;
	const char *p = s;
	while (*p >= '0' && *p <= '9' && n <= 100000)
		n = n * 10 + (unsigned long)(*p++ - '0');
	if (p == s || !p[0] || p[1] || n < 1 || n > unit_max(p[0]))
		return false;
	*r = (Retention){ (unsigned)n, p[0] };
	return true;
}

RetentionEnv retention_env(Retention *r)
{
	const char *s = getenv(RETENTION_ENV);
	if (!s || !*s)
		return RETENTION_UNSET;
	return retention_parse(s, r) ? RETENTION_SET : RETENTION_BAD;
}

void retention_text(const Retention *r, char out[16])
{
	snprintf(out, 16, "%u%c", r->n, r->unit);
}

static bool leap(int year)
{
	return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

static int month_days(int year, int mon)
{
	static const int days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	return mon == 1 && leap(year) ? 29 : days[mon];
}

time_t retention_cutoff(const Retention *r, time_t now)
{
	struct tm tm;
	gmtime_r(&now, &tm);
	if (r->unit == 'd') {
		tm.tm_mday -= (int)r->n; /* timegm carries it into earlier months */
		return timegm(&tm);
	}
	int months = tm.tm_year * 12 + tm.tm_mon - (int)(r->unit == 'y' ? r->n * 12 : r->n);
	tm.tm_year = months / 12;
	tm.tm_mon = months % 12;
	if (tm.tm_mon < 0) { /* before 1900: C's division rounds toward zero */
		tm.tm_mon += 12;
		tm.tm_year--;
	}
	/* The same day of that month, or its last when it is shorter: a month
	 * back from 31 March is 28 February, not 3 March. */
	int last = month_days(tm.tm_year + 1900, tm.tm_mon);
	if (tm.tm_mday > last)
		tm.tm_mday = last;
	return timegm(&tm);
}

size_t retention_due(const Clients *c, const Retention *r, time_t now, Expired **out, Diags *d)
{
	time_t cutoff = retention_cutoff(r, now);
	char *home = journal_home();
	size_t n = 0, cap = 0;
	*out = NULL;
	for (size_t i = 0; i < c->n; i++) {
		char *folder = xasprintf("%s/%s", home, c->v[i].folder);
		JournalSummary s;
		char *err = NULL;
		if (!journal_summary(folder, &s, d, &err)) {
			diag_warning(d, folder, loc_at(0, 0), "%s", err);
			free(err);
			free(folder);
			continue;
		}
		if (s.sessions && s.last_started < cutoff) {
			GROW(*out, cap, n + 1);
			(*out)[n++] = (Expired){ &c->v[i], folder, s.last_started };
		} else {
			free(folder);
		}
		journal_summary_free(&s);
	}
	free(home);
	return n;
}

void retention_due_free(Expired *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i].folder);
	free(v);
}

bool retention_still_due(const Expired *e, const Retention *r, time_t now)
{
	JournalSummary s;
	char *err = NULL;
	if (!journal_summary(e->folder, &s, NULL, &err)) {
		free(err);
		return false; /* unreadable now: not erased on the strength of before */
	}
	bool due = s.sessions && s.last_started == e->last && s.last_started < retention_cutoff(r, now);
	journal_summary_free(&s);
	return due;
}
