/*
 * alert.c: security alerts, evaluated as events are written.
 *
 * pf_tx hands every committed batch of events to pf_alerts_check().  The
 * rules (thresholds from Alerts.*) are:
 *
 *   user-failures      auth.login.failure for one account >= N in M minutes
 *   ip-failures        ... from one client address, whatever the account
 *   net-failures       ... from one network (/24, /48): credential stuffing
 *   new-country        auth.login.success from a country the user never
 *                      signed in from (geo)
 *   impossible-travel  two sign-ins further apart than a plane flies (geo)
 *   new-device         auth.login.success with a browser the user never
 *                      signed in with (the __Host-pf_dev cookie)
 *   admin-role         role.granted of a role with administrative rights
 *   mfa-removed        profile.mfa.removed, admin.user.mfa_reset
 *   email-changed      profile.email.changed
 *   mass-download      document.downloaded by one actor >= N in M minutes
 *
 * A user's very first sign-in only records the country and the device:
 * everything is new then, and nothing is suspicious.  The counts are read
 * from the audit log itself (the event that reaches a threshold is already
 * in it), so no counter of our own can drift from what happened.
 *
 * An alert with the same dedup (keyed hash of rule and subject) within
 * Alerts.SuppressMinutes is not raised again.  Raising is one transaction:
 * the alerts row and its alert.raised event, so the audit trail names
 * every alert.  Delivery follows the commit and never fails the request:
 * a mail to Alerts.Contacts, a syslog line (LOG_AUTHPRIV | LOG_CRIT, ids
 * only), and for the sign-in rules a notice to the user with a one-time
 * link (/login/secure) that ends all of their sessions.
 *
 * The geo rules need Alerts.GeoIP; without a readable database they are
 * off (geo.c says so once in the log) and the other rules go on.
 */
#include <stdio.h>
#include <stdlib.h>
#include <syslog.h>

#include "pf-int.h"

#define DEV_COOKIE	"pf_dev"
#define DEV_MAXAGE	(400L * 86400)	/* what browsers allow at most */
#define MAX_RAISED	16

enum rule {
	R_USER_FAILURES, R_IP_FAILURES, R_NET_FAILURES, R_NEW_COUNTRY, R_TRAVEL,
	R_NEW_DEVICE, R_ADMIN_ROLE, R_MFA_REMOVED, R_EMAIL_CHANGED, R_DOWNLOADS, R__MAX
};

static const struct {
	const char	*name;
	const char	*severity;	/* alerts.severity */
	int		 signin;	/* the user gets a notice */
} rules[R__MAX] = {
	[R_USER_FAILURES] = { "user-failures", "medium", 0 },
	[R_IP_FAILURES] = { "ip-failures", "high", 0 },
	[R_NET_FAILURES] = { "net-failures", "high", 0 },
	[R_NEW_COUNTRY] = { "new-country", "medium", 1 },
	[R_TRAVEL] = { "impossible-travel", "high", 1 },
	[R_NEW_DEVICE] = { "new-device", "medium", 1 },
	[R_ADMIN_ROLE] = { "admin-role", "high", 0 },
	[R_MFA_REMOVED] = { "mfa-removed", "high", 0 },
	[R_EMAIL_CHANGED] = { "email-changed", "medium", 0 },
	[R_DOWNLOADS] = { "mass-download", "high", 0 },
};

/* An alert raised in this run, for delivery after the commit. */
struct raised {
	unsigned long long	 id;
	enum rule		 rule;
	const char		*severity;
	unsigned long long	 user, org, audit;
	const char		*at;
	const char		*detail;	/* JSON */
};

struct run {
	const struct pf_event	*events;
	/* the sign-in of this batch, looked at before the transaction */
	const struct pf_event	*signin;
	const char		*device;	/* the browser's id (cookie) */
	int			 new_cookie;	/* set it after the commit */
	struct pf_geo		 geo;
	int			 located;	/* geo filled */
	/* filled by the transaction (again on a retry) */
	struct raised		 raised[MAX_RAISED];
	size_t			 nraised;
	char			*notice_token;	/* the "not you?" link */
	unsigned long long	 notice_user;
};

/* ---- small helpers ---------------------------------------------------- */

/* The address as it may go into JSON and mails: only the characters an
 * IPv4 or IPv6 address has (the web server gives us the address, but
 * nothing from outside goes anywhere unchecked). */
static const char *
safe_ip(struct pf_req *r)
{
	const char *ip = pf_req_ip(r);

	if (ip == NULL || *ip == '\0' || strlen(ip) > 45 ||
	    strspn(ip, "0123456789abcdefABCDEF:.") != strlen(ip))
		return "";
	return ip;
}

static int
country_ok(const char *cc)
{
	return strlen(cc) == 2 && strspn(cc, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") == 2;
}

/* A count over the event's window, up to limit: SQL id with (subject, at,
 * minutes, at, limit). */
static enum pf_dberr
count(struct pf_req *r, unsigned id, struct pf_val subject, const struct pf_event *e,
    long long minutes, long long limit, long long *n, long long *distinct)
{
	struct pf_rows rows;
	enum pf_dberr err;

	*n = 0;
	err = pf_db_query(r->db, r->pool, id, PF_ARGS(subject, PF_STR(e->at),
	    PF_INT(minutes), PF_STR(e->at), PF_INT(limit)), &rows);
	if (err == PF_DB_OK && rows.n == 1) {
		*n = PF_CELL(&rows, 0, 0)->i;
		if (distinct != NULL)
			*distinct = PF_CELL(&rows, 0, 1)->i;
	}
	return err;
}

static enum pf_dberr
cerr_db(enum pf_cerr c)
{
	return c == PF_C_OK ? PF_DB_OK : c == PF_C_DB ? PF_DB_UNAVAILABLE : PF_DB_ERROR;
}

/* Whether (user, value) is among a user's remembered places or devices,
 * and whether the user has any: both in one locked read, then the value
 * recorded.  *first: the user had none (a first sign-in). */
static enum pf_dberr
remember(struct pf_req *r, unsigned get, unsigned add, const char *domain,
    unsigned long long user, const char *value, int *known, int *first)
{
	unsigned char look[2][PF_BIDX_LEN], w[PF_BIDX_LEN];
	const char *v = pf_psprintf(r->pool, "%llu:%s", user, value);
	struct pf_rows rows;
	size_t n = 0;
	enum pf_dberr e;

	*known = *first = 0;
	if ((e = cerr_db(pf_bidx_lookup(r->db, domain, v, strlen(v), look, &n))) != PF_DB_OK)
		return e;
	if (n == 0)
		return PF_DB_ERROR;
	e = pf_db_query(r->db, r->pool, get, PF_ARGS(PF_BLOB((const char *)look[0],
	    PF_BIDX_LEN), PF_BLOB((const char *)look[n - 1], PF_BIDX_LEN),
	    PF_INT((long long)user)), &rows);
	if (e != PF_DB_OK || rows.n != 1)
		return e != PF_DB_OK ? e : PF_DB_ERROR;
	*first = PF_CELL(&rows, 0, 0)->i == 0;
	*known = PF_CELL(&rows, 0, 1)->i > 0;
	if ((e = cerr_db(pf_bidx_write(r->db, domain, v, strlen(v), w))) != PF_DB_OK)
		return e;
	return pf_db_exec(r->db, add, PF_ARGS(PF_INT((long long)user),
	    PF_BLOB((const char *)w, PF_BIDX_LEN)), NULL, NULL);
}

/* ---- raising ---------------------------------------------------------- */

/*
 * Raise rule about subject (what dedup is computed over), unless the same
 * was raised within Alerts.SuppressMinutes: the row, its sealed detail
 * and the alert.raised event, all in the caller's transaction.
 */
static enum pf_dberr
raise(struct pf_req *r, struct run *run, enum rule rule, const char *severity,
    const void *subject, size_t sublen, unsigned long long user, unsigned long long org,
    const struct pf_event *e, const char *detail)
{
	unsigned char look[2][PF_BIDX_LEN], w[PF_BIDX_LEN];
	struct pf_buf key = { NULL, 0, 0 };
	unsigned long long id = 0;
	struct pf_rows rows;
	struct raised *a;
	struct pf_val sealed;
	size_t n = 0;
	enum pf_dberr err;
	enum pf_cerr c;

	if (run->nraised == MAX_RAISED)
		return PF_DB_OK;
	pf_buf_adds(&key, rules[rule].name);
	pf_buf_add(&key, ":", 1);
	pf_buf_add(&key, subject, sublen);
	c = pf_bidx_lookup(r->db, "alert", key.data, key.len, look, &n);
	if (c == PF_C_OK && n > 0)
		c = pf_bidx_write(r->db, "alert", key.data, key.len, w);
	pf_buf_free(&key);
	if (c != PF_C_OK || n == 0)
		return c == PF_C_OK ? PF_DB_ERROR : cerr_db(c);
	err = pf_db_query(r->db, r->pool, PF_SQL_ALERT_DEDUP, PF_ARGS(
	    PF_BLOB((const char *)look[0], PF_BIDX_LEN),
	    PF_BLOB((const char *)look[n - 1], PF_BIDX_LEN),
	    PF_INT(pf_conf_int("Alerts.SuppressMinutes"))), &rows);
	if (err != PF_DB_OK)
		return err;
	if (rows.n > 0) {
		pf_log(r, PF_LOG_INFO, "alert %s suppressed (raised as %lld within the window)",
		    rules[rule].name, PF_CELL(&rows, 0, 0)->i);
		return PF_DB_OK;
	}
	err = pf_db_exec(r->db, PF_SQL_ALERT_INSERT, PF_ARGS(PF_STR(rules[rule].name),
	    PF_STR(severity), user ? PF_INT((long long)user) : PF_NULL,
	    org ? PF_INT((long long)org) : PF_NULL, PF_INT((long long)e->id),
	    PF_BLOB((const char *)w, PF_BIDX_LEN)), NULL, &id);
	if (err != PF_DB_OK)
		return err;
	if ((c = pf_seal(r->db, r->pool, PF_KS_SYSTEM, 0, PF_AT("alerts", "detail_enc", id),
	    detail, strlen(detail), &sealed)) != PF_C_OK)
		return cerr_db(c);
	if ((err = pf_db_exec(r->db, PF_SQL_ALERT_SEAL, PF_ARGS(sealed,
	    PF_INT((long long)id)), NULL, NULL)) != PF_DB_OK)
		return err;
	if ((err = pf_audit_event(r, "alert.raised", PF_AUDIT_INFO, user, org,
	    pf_psprintf(r->pool, "alert:%llu", id), rules[rule].name, NULL, 0)) != PF_DB_OK)
		return err;
	a = &run->raised[run->nraised++];
	a->id = id;
	a->rule = rule;
	a->severity = severity;
	a->user = user;
	a->org = org;
	a->audit = e->id;
	a->at = e->at;
	a->detail = detail;
	/* One notice per sign-in, whichever sign-in rules fired. */
	if (rules[rule].signin && user != 0 && run->notice_token == NULL) {
		if ((err = pf_token_issue(r->db, r->pool, PF_TOK_SECURE, user,
		    pf_conf_int("Alerts.Notice.Days") * 1440, NULL, &run->notice_token)) !=
		    PF_DB_OK)
			return err;
		run->notice_user = user;
	}
	return PF_DB_OK;
}

/* ---- the rules ---------------------------------------------------------- */

static enum pf_dberr
failures(struct pf_req *r, struct run *run, const struct pf_event *e)
{
	long long n, who, limit, minutes;
	const char *ip = safe_ip(r), *subj;
	enum pf_dberr err;

	limit = pf_conf_int("Alerts.UserFailures.Count");
	minutes = pf_conf_int("Alerts.UserFailures.Minutes");
	if (e->user != 0) {
		if ((err = count(r, PF_SQL_ALERT_FAIL_USER, PF_INT((long long)e->user), e,
		    minutes, limit, &n, NULL)) != PF_DB_OK)
			return err;
		if (n >= limit) {
			subj = pf_psprintf(r->pool, "%llu", e->user);
			if ((err = raise(r, run, R_USER_FAILURES, rules[R_USER_FAILURES].severity,
			    subj, strlen(subj), e->user, e->org, e, pf_psprintf(r->pool,
			    "{\"rule\":\"user-failures\",\"count\":%lld,\"minutes\":%lld,"
			    "\"ip\":\"%s\"}", n, minutes, ip))) != PF_DB_OK)
				return err;
		}
	}
	if (*ip == '\0' || !e->has_ip_idx)
		return PF_DB_OK;
	limit = pf_conf_int("Alerts.IPFailures.Count");
	minutes = pf_conf_int("Alerts.IPFailures.Minutes");
	if ((err = count(r, PF_SQL_ALERT_FAIL_IP, PF_BLOB((const char *)e->ip_idx, PF_BIDX_LEN),
	    e, minutes, limit, &n, &who)) != PF_DB_OK)
		return err;
	if (n >= limit && (err = raise(r, run, R_IP_FAILURES, rules[R_IP_FAILURES].severity,
	    e->ip_idx, PF_BIDX_LEN, 0, 0, e, pf_psprintf(r->pool,
	    "{\"rule\":\"ip-failures\",\"count\":%lld,\"accounts\":%lld,\"minutes\":%lld,"
	    "\"ip\":\"%s\"}", n, who, minutes, ip))) != PF_DB_OK)
		return err;
	limit = pf_conf_int("Alerts.NetFailures.Count");
	minutes = pf_conf_int("Alerts.NetFailures.Minutes");
	if ((err = count(r, PF_SQL_ALERT_FAIL_NET, PF_BLOB((const char *)e->net_idx, PF_BIDX_LEN),
	    e, minutes, limit, &n, &who)) != PF_DB_OK)
		return err;
	if (n >= limit && (err = raise(r, run, R_NET_FAILURES, rules[R_NET_FAILURES].severity,
	    e->net_idx, PF_BIDX_LEN, 0, 0, e, pf_psprintf(r->pool,
	    "{\"rule\":\"net-failures\",\"count\":%lld,\"accounts\":%lld,\"minutes\":%lld,"
	    "\"ip\":\"%s\"}", n, who, minutes, ip))) != PF_DB_OK)
		return err;
	return PF_DB_OK;
}

/* The previous located sign-in: where and how many seconds ago.  0 when
 * there is one. */
static int
last_place(struct pf_req *r, const struct pf_event *e, struct pf_geo *prev, double *secs)
{
	struct pf_rows rows;
	struct pf_val v;
	char cc[3] = "";

	memset(prev, 0, sizeof(*prev));
	if (pf_db_query(r->db, r->pool, PF_SQL_ALERT_LAST_GET, PF_ARGS(PF_STR(e->at),
	    PF_INT((long long)e->user)), &rows) != PF_DB_OK || rows.n != 1)
		return -1;
	if (pf_open(r->db, r->pool, PF_AT("signin_last", "loc_enc", e->user),
	    PF_CELL(&rows, 0, 0), &v) != PF_C_OK || v.type != PF_V_STR ||
	    sscanf(v.s, "%lf %lf %2[A-Z]", &prev->lat, &prev->lon, cc) < 2)
		return -1;
	memcpy(prev->country, cc, sizeof(cc));
	prev->has_loc = 1;
	*secs = PF_CELL(&rows, 0, 1)->type == PF_V_INT ? PF_CELL(&rows, 0, 1)->i / 1e6 : 0;
	return 0;
}

static enum pf_dberr
signin(struct pf_req *r, struct run *run, const struct pf_event *e)
{
	const char *ip = safe_ip(r), *subj, *loc;
	struct pf_geo prev;
	struct pf_val sealed;
	double km, secs, kmh;
	int known, first;
	enum pf_dberr err;
	enum pf_cerr c;

	if (run->device != NULL) {
		if ((err = remember(r, PF_SQL_ALERT_DEVICES, PF_SQL_ALERT_DEVICE_ADD, "device",
		    e->user, run->device, &known, &first)) != PF_DB_OK)
			return err;
		subj = pf_psprintf(r->pool, "%llu:%s", e->user, run->device);
		if (!known && !first && (err = raise(r, run, R_NEW_DEVICE,
		    rules[R_NEW_DEVICE].severity, subj, strlen(subj), e->user, e->org, e,
		    pf_psprintf(r->pool, "{\"rule\":\"new-device\",\"ip\":\"%s\"%s%s%s}", ip,
		    run->located && *run->geo.country ? ",\"country\":\"" : "",
		    run->located ? run->geo.country : "",
		    run->located && *run->geo.country ? "\"" : ""))) != PF_DB_OK)
			return err;
	}
	if (!run->located)
		return PF_DB_OK;
	if (country_ok(run->geo.country)) {
		if ((err = remember(r, PF_SQL_ALERT_PLACES, PF_SQL_ALERT_PLACE_ADD, "place",
		    e->user, run->geo.country, &known, &first)) != PF_DB_OK)
			return err;
		subj = pf_psprintf(r->pool, "%llu:%s", e->user, run->geo.country);
		if (!known && !first && (err = raise(r, run, R_NEW_COUNTRY,
		    rules[R_NEW_COUNTRY].severity, subj, strlen(subj), e->user, e->org, e,
		    pf_psprintf(r->pool, "{\"rule\":\"new-country\",\"country\":\"%s\","
		    "\"ip\":\"%s\"}", run->geo.country, ip))) != PF_DB_OK)
			return err;
	}
	if (!run->geo.has_loc)
		return PF_DB_OK;
	if (last_place(r, e, &prev, &secs) == 0 &&
	    (km = pf_geo_km(&prev, &run->geo)) >= 0 &&
	    km >= (double)pf_conf_int("Alerts.Travel.MinKm")) {
		/* Sign-ins in the same second are infinitely fast. */
		kmh = secs > 0 ? km / (secs / 3600) : 1e9;
		subj = pf_psprintf(r->pool, "%llu", e->user);
		if (kmh > (double)pf_conf_int("Alerts.Travel.KmH") &&
		    (err = raise(r, run, R_TRAVEL, rules[R_TRAVEL].severity, subj, strlen(subj),
		    e->user, e->org, e, pf_psprintf(r->pool, "{\"rule\":\"impossible-travel\","
		    "\"km\":%.0f,\"kmh\":%.0f,\"seconds\":%.0f,\"from\":\"%s\",\"to\":\"%s\","
		    "\"ip\":\"%s\"}", km, kmh, secs, country_ok(prev.country) ? prev.country : "",
		    country_ok(run->geo.country) ? run->geo.country : "", ip))) != PF_DB_OK)
			return err;
	}
	loc = pf_psprintf(r->pool, "%.4f %.4f %s", run->geo.lat, run->geo.lon,
	    country_ok(run->geo.country) ? run->geo.country : "");
	if ((c = pf_seal(r->db, r->pool, PF_KS_USER, e->user, PF_AT("signin_last", "loc_enc",
	    e->user), loc, strlen(loc), &sealed)) != PF_C_OK)
		return cerr_db(c);
	return pf_db_exec(r->db, PF_SQL_ALERT_LAST_SET, PF_ARGS(PF_INT((long long)e->user),
	    PF_STR(e->at), sealed), NULL, NULL);
}

/* role.granted on object "role:<id>": does the role hold any of
 * Alerts.AdminRole.Permissions?  Global roles are critical. */
static enum pf_dberr
admin_role(struct pf_req *r, struct run *run, const struct pf_event *e)
{
	char *list, *p;
	unsigned long long role;
	struct pf_rows rows;
	const char *subj;
	enum pf_dberr err;
	int global;

	if (e->object == NULL || strncmp(e->object, "role:", 5) != 0 ||
	    (role = strtoull(e->object + 5, &p, 10)) == 0 || *p != '\0')
		return PF_DB_OK;
	list = pf_pstrdup(r->pool, pf_conf_str("Alerts.AdminRole.Permissions"));
	for (p = list; *p; p++)
		if (*p == ' ' || *p == '\t')
			*p = ',';
	if ((err = pf_db_query(r->db, r->pool, PF_SQL_ALERT_ROLE_ADMIN, PF_ARGS(PF_STR(list),
	    PF_INT((long long)role)), &rows)) != PF_DB_OK)
		return err;
	if (rows.n != 1 || PF_CELL(&rows, 0, 2)->i == 0)
		return PF_DB_OK;
	global = strcmp(pf_cell_str(&rows, 0, 0), "global") == 0;
	subj = pf_psprintf(r->pool, "%llu:%llu:%s", e->user, role, e->at);
	/* Every grant counts: the subject includes the time, so only a replay
	 * of the very same event is suppressed. */
	return raise(r, run, R_ADMIN_ROLE, global ? "critical" : "high", subj, strlen(subj),
	    e->user, e->org, e, pf_psprintf(r->pool, "{\"rule\":\"admin-role\",\"role\":%llu,"
	    "\"scope\":\"%s\",\"by\":%llu}", role, global ? "global" : "org", e->actor));
}

static enum pf_dberr
downloads(struct pf_req *r, struct run *run, const struct pf_event *e)
{
	long long n, limit = pf_conf_int("Alerts.Downloads.Count"),
	    minutes = pf_conf_int("Alerts.Downloads.Minutes");
	const char *subj;
	enum pf_dberr err;

	if (e->actor == 0)
		return PF_DB_OK;
	if ((err = count(r, PF_SQL_ALERT_DOWNLOADS, PF_INT((long long)e->actor), e, minutes,
	    limit, &n, NULL)) != PF_DB_OK || n < limit)
		return err;
	subj = pf_psprintf(r->pool, "%llu", e->actor);
	return raise(r, run, R_DOWNLOADS, rules[R_DOWNLOADS].severity, subj, strlen(subj), e->actor,
	    e->actor_org, e, pf_psprintf(r->pool, "{\"rule\":\"mass-download\",\"count\":%lld,"
	    "\"minutes\":%lld,\"ip\":\"%s\"}", n, minutes, safe_ip(r)));
}

/* A change that is an alert by itself; the subject is the user and the
 * event, so each one is raised (its own dedup only stops a replay). */
static enum pf_dberr
sensitive(struct pf_req *r, struct run *run, enum rule rule, const struct pf_event *e)
{
	const char *subj = pf_psprintf(r->pool, "%llu:%llu", e->user, e->id);

	return raise(r, run, rule, rules[rule].severity, subj, strlen(subj), e->user, e->org, e,
	    pf_psprintf(r->pool, "{\"rule\":\"%s\",\"action\":\"%s\",\"by\":%llu,"
	    "\"ip\":\"%s\"}", rules[rule].name, e->action, e->actor, safe_ip(r)));
}

static int
evaluate(struct pf_req *r, void *arg)
{
	struct run *run = arg;
	const struct pf_event *e;
	int failed = 0;
	enum pf_dberr err = PF_DB_OK;

	run->nraised = 0;
	run->notice_token = NULL;
	run->notice_user = 0;
	for (e = run->events; e != NULL && err == PF_DB_OK; e = e->next) {
		if (strncmp(e->action, "alert.", 6) == 0)
			continue;
		if (strcmp(e->action, "auth.login.failure") == 0) {
			/* One request counts once, however many failures it wrote. */
			if (!failed++)
				err = failures(r, run, e);
		} else if (strcmp(e->action, "auth.login.success") == 0 && e == run->signin)
			err = signin(r, run, e);
		else if (strcmp(e->action, "role.granted") == 0)
			err = admin_role(r, run, e);
		else if (strcmp(e->action, "profile.mfa.removed") == 0 ||
		    strcmp(e->action, "admin.user.mfa_reset") == 0)
			err = sensitive(r, run, R_MFA_REMOVED, e);
		else if (strcmp(e->action, "profile.email.changed") == 0)
			err = sensitive(r, run, R_EMAIL_CHANGED, e);
		else if (strcmp(e->action, "document.downloaded") == 0)
			err = downloads(r, run, e);
	}
	return pf_tx_err(err);
}

/* ---- delivery ----------------------------------------------------------- */

static void
mail_contacts(struct pf_req *r, const struct raised *a)
{
	char *list = pf_pstrdup(r->pool, pf_conf_str("Alerts.Contacts")), *to, *save = NULL;
	struct pf_var v[10];

	v[0] = (struct pf_var){ "Rule", rules[a->rule].name };
	v[1] = (struct pf_var){ "Severity", a->severity };
	v[2] = (struct pf_var){ "Id", pf_psprintf(r->pool, "%llu", a->id) };
	v[3] = (struct pf_var){ "User", a->user ? pf_psprintf(r->pool, "%llu", a->user) : "" };
	v[4] = (struct pf_var){ "Org", a->org ? pf_psprintf(r->pool, "%llu", a->org) : "" };
	v[5] = (struct pf_var){ "Audit", pf_psprintf(r->pool, "%llu", a->audit) };
	v[6] = (struct pf_var){ "When", pf_time_human(r->pool, pf_pstrndup(r->pool, a->at, 19)) };
	v[7] = (struct pf_var){ "Detail", a->detail };
	v[8] = (struct pf_var){ "Link", pf_psprintf(r->pool, "%s/admin/alerts",
	    pf_conf_str("Portal.BaseURL")) };
	v[9] = (struct pf_var){ "Request", pf_req_id(r) };
	if (v[6].value == NULL)
		v[6].value = a->at;
	for (to = strtok_r(list, " \t", &save); to != NULL; to = strtok_r(NULL, " \t", &save))
		if (pf_mail_send(pf_conf_str("Portal.DefaultLang"), to, "alert", v, 10) != 0)
			pf_log(r, PF_LOG_ERR, "alert %llu: the mail to a contact could not be sent",
			    a->id);
}

/* The notice to the user: what was new about the sign-in, and the link. */
static void
mail_user(struct pf_req *r, const struct run *run)
{
	struct pf_account acc;
	struct pf_var v[10];
	const char *when, *country = "";
	size_t i, nv = 0;

	if (pf_account_load(r->db, r->pool, run->notice_user, &acc) != PF_ACC_OK) {
		pf_log(r, PF_LOG_ERR, "alert: the user of a sign-in notice cannot be loaded");
		return;
	}
	/* what was unusual, as flags the template words in the language */
	for (i = 0; i < run->nraised && nv < 3; i++)
		switch (run->raised[i].rule) {
		case R_NEW_DEVICE:
			v[nv++] = (struct pf_var){ "NewDevice", "1" };
			break;
		case R_NEW_COUNTRY:
			v[nv++] = (struct pf_var){ "NewCountry", "1" };
			break;
		case R_TRAVEL:
			v[nv++] = (struct pf_var){ "Travel", "1" };
			break;
		default:
			break;
		}
	if (run->located && country_ok(run->geo.country))
		country = run->geo.country;
	when = run->signin != NULL ? pf_time_human(r->pool,
	    pf_pstrndup(r->pool, run->signin->at, 19)) : NULL;
	v[nv++] = (struct pf_var){ "Name", acc.name };
	v[nv++] = (struct pf_var){ "When", when != NULL ? when : "" };
	v[nv++] = (struct pf_var){ "IP", safe_ip(r) };
	v[nv++] = (struct pf_var){ "Country", country };
	v[nv++] = (struct pf_var){ "Link", pf_psprintf(r->pool, "%s/login/secure?t=%s",
	    pf_conf_str("Portal.BaseURL"), run->notice_token) };
	v[nv++] = (struct pf_var){ "Days", pf_psprintf(r->pool, "%lld",
	    pf_conf_int("Alerts.Notice.Days")) };
	if (pf_mail_send(acc.lang, acc.email, "signin", v, nv) != 0)
		pf_log(r, PF_LOG_ERR, "alert: the sign-in notice could not be sent");
}

static void
deliver(struct pf_req *r, const struct run *run)
{
	const struct raised *a;
	size_t i;

	for (i = 0; i < run->nraised; i++) {
		a = &run->raised[i];
		/* ids only: the log leaves the machine, personal data does not */
		syslog(LOG_AUTHPRIV | LOG_CRIT, "pforte alert id=%llu rule=%s severity=%s "
		    "user=%llu org=%llu audit=%llu request=%s", a->id, rules[a->rule].name,
		    a->severity, a->user, a->org, a->audit, pf_req_id(r));
		pf_log(r, PF_LOG_WARN, "alert %llu raised: %s (%s) user %llu audit %llu", a->id,
		    rules[a->rule].name, a->severity, a->user, a->audit);
		mail_contacts(r, a);
	}
	if (run->notice_token != NULL)
		mail_user(r, run);
}

/* ---- the entry -------------------------------------------------------- */

/* 1 when a rule looks at action: most events concern none, and those
 * cost no transaction. */
static int
watched(const char *action)
{
	static const char *const names[] = { "auth.login.failure", "auth.login.success",
	    "role.granted", "profile.mfa.removed", "admin.user.mfa_reset",
	    "profile.email.changed", "document.downloaded", NULL };
	size_t i;

	for (i = 0; names[i] != NULL; i++)
		if (strcmp(action, names[i]) == 0)
			return 1;
	return 0;
}

void
pf_alerts_check(struct pf_req *r, const struct pf_event *events)
{
	unsigned char raw[PF_TOKEN_BYTES], h[32];
	char text[PF_TOKEN_CHARS + 1];
	const struct pf_event *e;
	const char *dev;
	struct run run;
	int rc, watch = 0;

	if (events == NULL || r->db == NULL)
		return;
	memset(&run, 0, sizeof(run));
	run.events = events;
	for (e = events; e != NULL; e = e->next) {
		if (watched(e->action))
			watch = 1;
		if (strcmp(e->action, "auth.login.success") == 0 && e->user != 0)
			run.signin = e;
	}
	if (!watch)
		return;
	if (run.signin != NULL) {
		/* The browser's id: the cookie when it holds one, else a new
		 * one, given to the browser once this sign-in is recorded. */
		dev = pf_req_cookie(r, "__Host-" DEV_COOKIE);
		if (dev != NULL && pf_token_hash(dev, h) == 0)
			run.device = dev;
		else {
			pf_token_new(raw, text);
			pf_wipe(raw, sizeof(raw));
			run.device = pf_pstrdup(r->pool, text);
			run.new_cookie = 1;
		}
		run.located = pf_geo_lookup(safe_ip(r), &run.geo) == 0;
	}
	if ((rc = pf_tx(r, evaluate, &run)) != 0) {
		pf_log(r, PF_LOG_ERR, "alerts: the rules could not be evaluated (%d)", rc);
		return;
	}
	if (run.new_cookie && !r->streamed)
		pf_resp_cookie(r, DEV_COOKIE, run.device, DEV_MAXAGE, 0);
	deliver(r, &run);
}
