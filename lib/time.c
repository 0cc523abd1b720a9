/*
 * time.c: formatting MariaDB DATETIME values (stored in UTC).
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "pf-int.h"

static int
parse(const char *s, int f[6])
{
	char tail;
	int n;

	if (s == NULL)
		return -1;
	/* DATETIME(6) values carry a fraction of a second */
	n = sscanf(s, "%4d-%2d-%2d %2d:%2d:%2d%c", &f[0], &f[1], &f[2],
	    &f[3], &f[4], &f[5], &tail);
	return n == 6 || (n == 7 && tail == '.') ? 0 : -1;
}

int
pf_date_future(struct pf_pool *p, const char *ymd, const char **sqltime)
{
	struct tm tm, back, now;
	time_t t, today;
	int y, m, d;
	char tail;

	*sqltime = NULL;
	if (ymd == NULL || strlen(ymd) != 10 || ymd[4] != '-' || ymd[7] != '-' ||
	    strspn(ymd, "0123456789-") != 10 ||
	    sscanf(ymd, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 || y < 1970 || y > 9999)
		return -1;
	/* a real date: timegm() normalises 2026-02-30 to March */
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = y - 1900;
	tm.tm_mon = m - 1;
	tm.tm_mday = d;
	if ((t = timegm(&tm)) == (time_t)-1 || gmtime_r(&t, &back) == NULL ||
	    back.tm_year != y - 1900 || back.tm_mon != m - 1 || back.tm_mday != d)
		return -1;
	today = time(NULL);
	if (gmtime_r(&today, &now) == NULL)
		return -1;
	now.tm_hour = now.tm_min = now.tm_sec = 0;
	if (t <= timegm(&now))
		return -2;
	*sqltime = pf_psprintf(p, "%04d-%02d-%02d 00:00:00", y, m, d);
	return 0;
}

char *
pf_time_human(struct pf_pool *p, const char *sqltime)
{
	int f[6];

	if (parse(sqltime, f) < 0)
		return NULL;
	return pf_psprintf(p, "%04d-%02d-%02d %02d:%02d UTC", f[0], f[1], f[2], f[3], f[4]);
}

char *
pf_time_rfc3339(struct pf_pool *p, const char *sqltime)
{
	int f[6];

	if (parse(sqltime, f) < 0)
		return NULL;
	return pf_psprintf(p, "%04d-%02d-%02dT%02d:%02d:%02dZ", f[0], f[1], f[2],
	    f[3], f[4], f[5]);
}

static const char *const states[] = { "ok", "degraded", "down" };

const char *
pf_state_str(enum pf_state s)
{
	return (unsigned)s <= PF_STATE_DOWN ? states[s] : "down";
}
