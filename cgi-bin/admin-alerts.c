/*
 * admin-alerts.c: the security alerts lib/alert.c raises, listed (open
 * or acknowledged, newest first) and acknowledged.
 *
 * The same permission as the audit viewer (audit.read): administrators
 * see every alert, key users those of their own organisation
 * (alerts.org_id); an alert of no organisation (e.g. a client address
 * trying many accounts) only global grants reach.  An alert the session
 * may not see is answered like one that does not exist (404).
 */
#include "admin.h"

#define PAGE_ROWS	50
#define USERS_MAX	PAGE_ROWS	/* addresses decrypted per page */

/* One alert's row for an acknowledgement. */
struct alert {
	unsigned long long	 id, org, user;
	const char		*state, *rule;
};

/* 0, 404 (none, or not the session's to see), 503. */
static int
load_alert(struct pf_req *r, unsigned long long id, struct alert *a)
{
	struct pf_rows rows;

	if (pf_db_query(pf_req_db(r), pf_req_pool(r), SQL_ALERT_GET,
	    PF_ARGS(PF_INT((long long)id)), &rows) != PF_DB_OK)
		return 503;
	if (rows.n == 0)
		return 404;
	a->id = id;
	a->org = (unsigned long long)PF_CELL(&rows, 0, 0)->i;
	a->state = pf_cell_str(&rows, 0, 1);
	a->rule = pf_cell_str(&rows, 0, 2);
	a->user = (unsigned long long)PF_CELL(&rows, 0, 3)->i;
	return pf_may(r, PF_PERM_AUDIT_READ, a->org) ? 0 : 404;
}

/* A user's address for the list, each decrypted once per page. */
struct users {
	unsigned long long	 id[USERS_MAX];
	const char		*email[USERS_MAX];
	size_t			 n;
};

static const char *
user_email(struct pf_req *r, struct users *u, unsigned long long id)
{
	struct pf_account acc;
	const char *e = "";
	size_t i;

	if (id == 0)
		return "";
	for (i = 0; i < u->n; i++)
		if (u->id[i] == id)
			return u->email[i];
	if (pf_account_load(pf_req_db(r), pf_req_pool(r), id, &acc) == PF_ACC_OK)
		e = acc.email;
	if (u->n < USERS_MAX) {
		u->id[u->n] = id;
		u->email[u->n++] = e;
	}
	return e;
}

/* The rule's name in the request's language ("" when the language
 * files do not know it): language keys cannot hold the rules' hyphens. */
static const char *
rule_label(struct pf_req *r, const char *rule)
{
	char *k = pf_psprintf(pf_req_pool(r), "Admin.Alerts.Rules.%s", rule), *c;
	const char *l;

	for (c = k; *c; c++)
		if (*c == '-')
			*c = '_';
	l = pf_tr(r, k);
	return strcmp(l, k) == 0 ? "" : l;
}

/* The list of alerts in state (open | acknowledged) below id before. */
static int
alerts_page(struct pf_req *r, const char *state)
{
	struct pf_db *db = pf_req_db(r);
	struct pf_pool *p = pf_req_pool(r);
	unsigned long long before = field_id(r, F_BEFORE), id, v;
	long long org = 0;
	struct pf_rows rows, orgs;
	struct users users;
	struct pf_val out;
	size_t i;

	users.n = 0;
	if (!pf_may_global(r, PF_PERM_AUDIT_READ)) {
		org = (long long)pf_req_org(r);
		if (org == 0 || !pf_may(r, PF_PERM_AUDIT_READ, (unsigned long long)org))
			return 403;
		pf_set(r, "Admin.Alerts.Scope", "1");
	}
	if (before == 0)
		before = UINT64_C(9007199254740992);
	else
		pf_set(r, "Admin.Alerts.Paged", "1");
	pf_set(r, "Admin.Alerts.State", state);
	if (pf_db_query(db, p, SQL_ORGS, NULL, 0, &orgs) != PF_DB_OK ||
	    pf_db_query(db, p, SQL_ALERT_LIST, PF_ARGS(PF_STR(state),
	    PF_INT((long long)before), PF_INT(org), PF_INT(org), PF_INT(PAGE_ROWS + 1)),
	    &rows) != PF_DB_OK)
		return 503;
	for (i = 0; i < rows.n && i < PAGE_ROWS; i++) {
		id = (unsigned long long)PF_CELL(&rows, i, 0)->i;
		pf_setf(r, ull(r, id), "Admin.Alerts.List.%zu.Id", i);
		pf_setf(r, pf_cell_str(&rows, i, 1), "Admin.Alerts.List.%zu.At", i);
		pf_setf(r, pf_cell_str(&rows, i, 2), "Admin.Alerts.List.%zu.Rule", i);
		pf_setf(r, rule_label(r, pf_cell_str(&rows, i, 2)), "Admin.Alerts.List.%zu.RuleLabel",
		    i);
		pf_setf(r, pf_cell_str(&rows, i, 3), "Admin.Alerts.List.%zu.Severity", i);
		if ((v = (unsigned long long)PF_CELL(&rows, i, 4)->i) != 0) {
			pf_setf(r, ull(r, v), "Admin.Alerts.List.%zu.User", i);
			pf_setf(r, user_email(r, &users, v), "Admin.Alerts.List.%zu.Email", i);
		}
		if ((v = (unsigned long long)PF_CELL(&rows, i, 5)->i) != 0)
			pf_setf(r, org_name(&orgs, v), "Admin.Alerts.List.%zu.Org", i);
		if ((v = (unsigned long long)PF_CELL(&rows, i, 6)->i) != 0) {
			pf_setf(r, ull(r, v), "Admin.Alerts.List.%zu.Event", i);
			/* the audit viewer's page that begins with this event */
			pf_setf(r, ull(r, v + 1), "Admin.Alerts.List.%zu.EventBefore", i);
		}
		if (PF_CELL(&rows, i, 7)->type != PF_V_NULL) {
			if (pf_open(db, p, PF_AT("alerts", "detail_enc", id), PF_CELL(&rows, i, 7),
			    &out) == PF_C_OK && out.type == PF_V_STR)
				pf_setf(r, out.s, "Admin.Alerts.List.%zu.Detail", i);
			else
				pf_setf(r, "1", "Admin.Alerts.List.%zu.Sealed", i);
		}
		pf_setf(r, pf_cell_str(&rows, i, 8), "Admin.Alerts.List.%zu.State", i);
		if ((v = (unsigned long long)PF_CELL(&rows, i, 9)->i) != 0) {
			pf_setf(r, ull(r, v), "Admin.Alerts.List.%zu.AckedBy", i);
			pf_setf(r, user_email(r, &users, v), "Admin.Alerts.List.%zu.AckedEmail", i);
		}
		pf_setf(r, pf_cell_str(&rows, i, 10), "Admin.Alerts.List.%zu.AckedAt", i);
		if (i + 1 == PAGE_ROWS && rows.n > PAGE_ROWS)
			pf_set(r, "Admin.Alerts.Next", ull(r, id));
	}
	return render(r, "admin_alerts.cs", "Admin.Alerts.Title");
}

/* GET /admin/alerts state=open|acknowledged before */
int
page_alerts(struct pf_req *r)
{
	const char *state = field_text(r, F_STATE);

	return alerts_page(r, *state ? state : "open");
}

static int
tx_ack(struct pf_req *r, void *arg)
{
	struct alert *a = arg;
	unsigned long long n = 0;
	enum pf_dberr e;

	if ((e = pf_db_exec(pf_req_db(r), SQL_ALERT_ACK, PF_ARGS(
	    PF_INT((long long)pf_req_session(r)->user), PF_INT((long long)a->id)), &n,
	    NULL)) != PF_DB_OK)
		return pf_tx_err(e);
	/* compare and set: someone else acknowledged it meanwhile */
	if (n == 0)
		return 409;
	return pf_tx_err(pf_audit_event(r, "alert.acknowledged", PF_AUDIT_OK, a->user, a->org,
	    pf_psprintf(pf_req_pool(r), "alert:%llu", a->id), a->rule, NULL, 0));
}

/* POST /admin/alerts/ack id: open -> acknowledged, 409 when it is not
 * open (any more). */
int
page_alert_ack(struct pf_req *r)
{
	struct alert a;
	int rc;

	if (field_id(r, F_ID) == 0)
		return 404;
	if ((rc = load_alert(r, field_id(r, F_ID), &a)) != 0)
		return rc;
	if (strcmp(a.state, "open") == 0 && (rc = pf_tx(r, tx_ack, &a)) == 0)
		return see_other(r, "/admin/alerts");
	if (rc != 0 && rc != 409)
		return rc;
	form_message(r, 409, "Admin.Alerts.Error.Acked");
	return alerts_page(r, "open");
}
