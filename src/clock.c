/* clock: now, fixed by TANDEM_NOW for repeatable runs, and ISO 8601 text. */
#include "clock.h"

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

bool clock_parse(const char *s, time_t *out)
{
	struct tm tm = { 0 };
	int used = 0;
	long offset = 0;
	if (sscanf(s, "%4d-%2d-%2d%n", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &used) != 3 ||
	    used != 10)
		return false;
	const char *rest = s + used;
	if (*rest == 'T' || *rest == ' ') {
		int more = 0;
		if (sscanf(rest + 1, "%2d:%2d:%2d%n", &tm.tm_hour, &tm.tm_min, &tm.tm_sec, &more) != 3 ||
		    more != 8)
			return false;
		rest += 1 + more;
	}
	if (!parse_offset(rest, &offset) || tm.tm_mon < 1 || tm.tm_mon > 12 || tm.tm_mday < 1 ||
	    tm.tm_mday > 31 || tm.tm_hour > 23 || tm.tm_min > 59 || tm.tm_sec > 60)
		return false;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	*out = timegm(&tm) - offset;
	return true;
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
