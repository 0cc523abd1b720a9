/*
 * time.c: formatting MariaDB DATETIME values (stored in UTC).
 */
#include <stdio.h>

#include "pf-int.h"

static int
parse(const char *s, int f[6])
{
	char tail;

	if (s == NULL)
		return -1;
	return sscanf(s, "%4d-%2d-%2d %2d:%2d:%2d%c", &f[0], &f[1], &f[2],
	    &f[3], &f[4], &f[5], &tail) == 6 ? 0 : -1;
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
