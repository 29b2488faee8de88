/* clock: now, fixed by TANDEM_NOW for repeatable runs, and ISO 8601 text. */
#include "clock.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* "Z", "+hh:mm" or "-hh:mm" as seconds east of UTC. */
static bool parse_offset(const char *s, long *secs)
{
	if (strcmp(s, "Z") == 0 || *s == '\0') {
		*secs = 0;
		return true;
	}
	int h, m, used = 0;
	if ((s[0] != '+' && s[0] != '-') || sscanf(s + 1, "%2d:%2d%n", &h, &m, &used) != 2 ||
	    s[1 + used] != '\0' || h > 23 || m > 59)
		return false;
	*secs = (s[0] == '-' ? -1 : 1) * (h * 3600L + m * 60L);
	return true;
}

/* Whether s begins with the shape of `form`: each '9' a digit, any other
 * character itself. sscanf alone would take signs and spaces for digits. */
static bool shaped(const char *s, const char *form)
{
	for (; *form; s++, form++)
		if (*form == '9' ? !isdigit((unsigned char)*s) : *s != *form)
			return false;
	return true;
}

bool clock_parse(const char *s, time_t *out)
{
	struct tm tm = { 0 };
	long offset = 0;
	if (!shaped(s, "9999-99-99"))
		return false;
	sscanf(s, "%4d-%2d-%2d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday);
	const char *rest = s + 10;
	if ((*rest == 'T' || *rest == ' ') && shaped(rest + 1, "99:99:99")) {
		sscanf(rest + 1, "%2d:%2d:%2d", &tm.tm_hour, &tm.tm_min, &tm.tm_sec);
		rest += 9;
	}
	if (!parse_offset(rest, &offset))
		return false;
	struct tm want = tm;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	time_t t = timegm(&tm);
	/* timegm carries 2026-02-30 over to March 2nd: a date that does not
	 * come back as written does not exist. */
	if (tm.tm_year + 1900 != want.tm_year || tm.tm_mon + 1 != want.tm_mon ||
	    tm.tm_mday != want.tm_mday || tm.tm_hour != want.tm_hour ||
	    tm.tm_min != want.tm_min || tm.tm_sec != want.tm_sec)
		return false;
	*out = t - offset;
	return true;
}

bool clock_is_date(const char *s)
{
	time_t t;
	return strlen(s) == 10 && clock_parse(s, &t);
}

time_t clock_now(void)
{
	const char *env = getenv("TANDEM_NOW");
	time_t t;
	if (env && *env && clock_parse(env, &t))
		return t;
	return time(NULL);
}

bool clock_env_invalid(void)
{
	const char *env = getenv("TANDEM_NOW");
	time_t t;
	return env && *env && !clock_parse(env, &t);
}

void clock_iso(time_t t, char out[32])
{
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

void clock_date(time_t t, char out[16])
{
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(out, 16, "%Y-%m-%d", &tm);
}

long long clock_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}
