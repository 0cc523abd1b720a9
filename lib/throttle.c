/*
 * throttle.c: failure counters against guessing, kept in MariaDB so that
 * every process and every web node counts together.
 *
 * A subject (an address, an IP address, a session) is counted under its
 * blind index, never in clear, and whether or not an account exists for
 * it: the answers after N failures are the same for every address, so a
 * lock reveals nothing.  After the free attempts each failure doubles the
 * wait before the next try (up to a minute); at the threshold the subject
 * is locked for a while.  Waiting is the client's job: no worker sleeps.
 */
#include "pforte.h"

#define MAX_DELAY	60
#define DAY		86400

struct rule {
	const char	*kind;		/* auth_throttle.kind */
	const char	*free;		/* config keys; NULL: fixed below */
	const char	*lock_after;
	const char	*lock_minutes;
	long		 window;	/* seconds of quiet that reset the count */
};

static const struct rule rules[] = {
	[PF_THR_ACCOUNT] = { "account", "Auth.Account.FreeAttempts",
	    "Auth.Account.LockAfter", "Auth.Account.LockMinutes", DAY },
	[PF_THR_IP] = { "ip", NULL, "Auth.IP.LockAfter", "Auth.IP.LockMinutes", DAY },
	[PF_THR_CODE] = { "code", NULL, "Auth.Code.LockAfter", "Auth.Code.Minutes", DAY },
	/* Magic-link requests are counted, not failures: a quota per hour. */
	[PF_THR_MAGIC] = { "magic", NULL, "Auth.Magic.PerHour", NULL, 3600 },
	[PF_THR_MAGIC_IP] = { "magic_ip", NULL, "Auth.Magic.PerHour", NULL, 3600 },
};

static long long
lock_after(enum pf_thr k)
{
	long long n = pf_conf_int(rules[k].lock_after);

	/* Several people may share one address (an office behind NAT). */
	return k == PF_THR_MAGIC_IP ? n * 10 : n;
}

static long long
free_attempts(enum pf_thr k)
{
	return rules[k].free ? pf_conf_int(rules[k].free) : lock_after(k);
}

static long long
lock_seconds(enum pf_thr k)
{
	return rules[k].lock_minutes ? pf_conf_int(rules[k].lock_minutes) * 60 : 3600;
}

static char *
domain(struct pf_pool *p, enum pf_thr k)
{
	return pf_psprintf(p, "throttle.%s", rules[k].kind);
}

enum pf_dberr
pf_throttle_check(struct pf_db *db, enum pf_thr k, const char *subject,
    enum pf_thr_state *st, long *wait)
{
	unsigned char ix[2][PF_BIDX_LEN];
	struct pf_pool *p = pf_pool_new();
	struct pf_rows rows;
	long long failures, since, locked, delay;
	size_t n;
	enum pf_dberr e = PF_DB_ERROR;

	*st = PF_THR_GO;
	*wait = 0;
	if (pf_bidx_lookup(db, domain(p, k), subject, strlen(subject), ix, &n) != PF_C_OK)
		goto out;
	e = pf_db_query(db, p, PF_SQL_THR_GET, PF_ARGS(PF_STR(rules[k].kind),
	    PF_BLOB((const char *)ix[0], PF_BIDX_LEN),
	    PF_BLOB((const char *)ix[n - 1], PF_BIDX_LEN)), &rows);
	if (e != PF_DB_OK || rows.n == 0)
		goto out;
	failures = PF_CELL(&rows, 0, 0)->i;
	since = PF_CELL(&rows, 0, 1)->i;
	locked = PF_CELL(&rows, 0, 2)->i;
	if (since > rules[k].window)
		goto out;
	if (locked > 0) {
		*st = PF_THR_LOCKED;
		*wait = (long)locked;
	} else if (failures > free_attempts(k)) {
		delay = failures - free_attempts(k) >= 7 ? MAX_DELAY :
		    1LL << (failures - free_attempts(k) - 1);
		if (delay > MAX_DELAY)
			delay = MAX_DELAY;
		if (since < delay) {
			*st = PF_THR_WAIT;
			*wait = (long)(delay - since);
		}
	}
out:
	pf_pool_free(p);
	return e;
}

enum pf_dberr
pf_throttle_fail(struct pf_db *db, enum pf_thr k, const char *subject, int *locked)
{
	unsigned char ix[PF_BIDX_LEN];
	struct pf_pool *p = pf_pool_new();
	unsigned long long n = 0;
	enum pf_dberr e = PF_DB_ERROR;

	*locked = 0;
	if (pf_bidx_write(db, domain(p, k), subject, strlen(subject), ix) != PF_C_OK)
		goto out;
	e = pf_db_exec(db, PF_SQL_THR_FAIL, PF_ARGS(PF_STR(rules[k].kind),
	    PF_BLOB((const char *)ix, sizeof(ix)), PF_INT(rules[k].window),
	    PF_INT(free_attempts(k) + 1)), NULL, NULL);
	if (e == PF_DB_OK)
		e = pf_db_exec(db, PF_SQL_THR_LOCK, PF_ARGS(PF_INT(lock_seconds(k)),
		    PF_STR(rules[k].kind), PF_BLOB((const char *)ix, sizeof(ix)),
		    PF_INT(lock_after(k))), &n, NULL);
	*locked = e == PF_DB_OK && n == 1;
out:
	pf_pool_free(p);
	return e;
}

enum pf_dberr
pf_throttle_clear(struct pf_db *db, enum pf_thr k, const char *subject)
{
	unsigned char ix[2][PF_BIDX_LEN];
	struct pf_pool *p = pf_pool_new();
	size_t n;
	enum pf_dberr e = PF_DB_ERROR;

	if (pf_bidx_lookup(db, domain(p, k), subject, strlen(subject), ix, &n) == PF_C_OK)
		e = pf_db_exec(db, PF_SQL_THR_CLEAR, PF_ARGS(PF_STR(rules[k].kind),
		    PF_BLOB((const char *)ix[0], PF_BIDX_LEN),
		    PF_BLOB((const char *)ix[n - 1], PF_BIDX_LEN)), NULL, NULL);
	pf_pool_free(p);
	return e;
}
