/*
 * profile-sessions.c: where the user is signed in (device, IP address,
 * since when, last seen), ending any of those sessions, and the recent
 * sign-in history from the audit trail.
 *
 * A session's IP address and user agent are sealed under the user's key,
 * an audit row's IP address under the system key; they are opened here
 * for their owner only.  Ending a session that is not the user's (or does
 * not exist) is one answer, 404, and changes nothing.
 */
#include <stdio.h>
#include <stdlib.h>

#include "profile.h"

#define HISTORY_MAX	20

/* A sealed column, opened; "" when it is empty or does not open. */
static const char *
opened(struct pf_req *r, const char *table, const char *column, unsigned long long row,
    const struct pf_val *v)
{
	struct pf_val out;

	if (pf_open(pf_req_db(r), pf_req_pool(r), PF_AT(table, column, row), v, &out) !=
	    PF_C_OK || out.type != PF_V_STR)
		return "";
	return out.s;
}

int
page_sessions(struct pf_req *r)
{
	struct pf_pool *p = pf_req_pool(r);
	const struct pf_session *s = pf_req_session(r);
	struct pf_rows rows;
	unsigned long long id;
	size_t i;

	if (pf_db_query(pf_req_db(r), p, SQL_SESSIONS, PF_ARGS(PF_INT((long long)s->user),
	    PF_INT(pf_conf_int("Auth.Session.IdleMinutes"))), &rows) != PF_DB_OK)
		return 503;
	for (i = 0; i < rows.n; i++) {
		id = (unsigned long long)PF_CELL(&rows, i, 0)->i;
		pf_setf(r, pf_psprintf(p, "%llu", id), "Profile.Sessions.%zu.Id", i);
		if (id == s->id)
			pf_setf(r, "1", "Profile.Sessions.%zu.Current", i);
		if (PF_CELL(&rows, i, 1)->i < 2)
			pf_setf(r, "1", "Profile.Sessions.%zu.Pending", i);
		pf_setf(r, opened(r, "sessions", "ip_enc", id, PF_CELL(&rows, i, 2)),
		    "Profile.Sessions.%zu.IP", i);
		pf_setf(r, opened(r, "sessions", "ua_enc", id, PF_CELL(&rows, i, 3)),
		    "Profile.Sessions.%zu.Device", i);
		pf_setf(r, pf_time_human(p, pf_cell_str(&rows, i, 4)),
		    "Profile.Sessions.%zu.Created", i);
		pf_setf(r, pf_time_human(p, pf_cell_str(&rows, i, 5)),
		    "Profile.Sessions.%zu.LastSeen", i);
	}
	return profile_render(r, "profile_sessions.cs", "Sessions");
}

struct end {
	unsigned long long	 id;
	int			 own;
};

static int
end_one(struct pf_req *r, void *arg)
{
	struct end *x = arg;
	const struct pf_session *s = pf_req_session(r);
	unsigned long long n = 0;
	enum pf_dberr e;

	/* Recorded first: ending the own session forgets the session. */
	if ((e = pf_audit_change(r, "profile.session.ended", s->user, pf_req_org(r),
	    pf_psprintf(pf_req_pool(r), "session:%llu", x->id), NULL, 0)) != PF_DB_OK)
		return pf_tx_err(e);
	if (x->own)
		return pf_tx_err(pf_session_end(r));
	if ((e = pf_db_exec(pf_req_db(r), SQL_SESSION_DELETE, PF_ARGS(PF_INT((long long)x->id),
	    PF_INT((long long)s->user)), &n, NULL)) != PF_DB_OK)
		return pf_tx_err(e);
	return n == 1 ? 0 : 404;
}

int
page_session_end(struct pf_req *r)
{
	struct end x;
	int rc;

	x.id = strtoull(pf_req_field(r, F_ID) ? pf_req_field(r, F_ID) : "0", NULL, 10);
	if (x.id == 0)
		return 400;
	x.own = x.id == pf_req_session(r)->id;
	if ((rc = pf_tx(r, end_one, &x)) != 0)
		return rc;
	return pf_resp_redirect(r, 303, x.own ? "/login?bye=1" :
	    "/profile/sessions?n=ended");
}

/* The language key of an event: Profile.Event.<event, dots as _>. */
static const char *
event_label(struct pf_req *r, const char *event)
{
	char *key = pf_psprintf(pf_req_pool(r), "Profile.Event.%s", event), *c;
	const char *label;

	for (c = key + strlen("Profile.Event."); *c; c++)
		if (*c == '.' || *c == '-')
			*c = '_';
	label = pf_tr(r, key);
	return label == key || strcmp(label, key) == 0 ? event : label;
}

int
page_history(struct pf_req *r)
{
	struct pf_pool *p = pf_req_pool(r);
	struct pf_rows rows;
	unsigned long long id;
	const char *ip;
	size_t i;

	if (pf_db_query(pf_req_db(r), p, SQL_HISTORY,
	    PF_ARGS(PF_INT((long long)pf_req_session(r)->user)), &rows) != PF_DB_OK)
		return 503;
	for (i = 0; i < rows.n && i < HISTORY_MAX; i++) {
		id = (unsigned long long)PF_CELL(&rows, i, 0)->i;
		pf_setf(r, pf_time_human(p, pf_cell_str(&rows, i, 1)), "Profile.History.%zu.Time", i);
		pf_setf(r, event_label(r, pf_cell_str(&rows, i, 2)), "Profile.History.%zu.Event", i);
		pf_setf(r, pf_cell_str(&rows, i, 3), "Profile.History.%zu.Outcome", i);
		ip = opened(r, "audit_log", "ip_enc", id, PF_CELL(&rows, i, 4));
		pf_setf(r, ip, "Profile.History.%zu.IP", i);
	}
	return profile_render(r, "profile_history.cs", "History");
}
