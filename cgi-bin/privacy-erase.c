/*
 * privacy-erase.c: erasure (GDPR Art. 17), asked for and administered.
 * `pforte-admin gdpr erase` (tools/admin/gdpr.c) carries it out.
 *
 *   GET  /privacy/erase                 what erasure removes and what it
 *                                       keeps (legal holds, the audit
 *                                       trail, the organisation's documents
 *                                       uploaded by others) and why; the
 *                                       open request, if any
 *   POST /privacy/erase/request         ask: due after Gdpr.ErasureGraceDays
 *   POST /privacy/erase/cancel          cancel an open request (id) while it
 *                                       is not yet due, or held: once due,
 *                                       only `gdpr erase` changes it, so a
 *                                       cancellation never races an erasure
 *   GET  /privacy/admin/erasures        open requests: key users (users.manage
 *                                       in their organisation) those of their
 *                                       members, administrators all; ?id=
 *                                       one request (its user's page)
 *   GET  /privacy/admin/user            a user's request and holds (id: user)
 *   GET  /privacy/admin/erasures/confirm   administrators: the confirmation
 *   POST /privacy/admin/erasures/schedule  ... erasure due at once (id: user)
 *   POST /privacy/admin/holds/set       privacy.manage: a legal hold (id: user)
 *   POST /privacy/admin/holds/remove    privacy.manage: end one (id: hold)
 *
 * One open request per user: the unique key erasure_requests_open decides
 * (a second is 409).  Objects other people may not see are 404, like
 * unknown ones.
 */
#include <stdlib.h>

#include "privacy.h"

#define TIMEFMT	"'%Y-%m-%d %H:%i:%s'"

static struct pf_val
org_val(unsigned long long org)
{
	return org != 0 ? PF_INT((long long)org) : PF_NULL;
}

static const char *
human(struct pf_req *r, const char *sqltime)
{
	const char *h = *sqltime ? pf_time_human(pf_req_pool(r), sqltime) : NULL;

	return h != NULL ? h : sqltime;
}

static unsigned long long
field_id(struct pf_req *r)
{
	const char *id = pf_req_field(r, F_ID);

	return id != NULL ? strtoull(id, NULL, 10) : 0;
}

/* The legal holds in force for user as <node>.N.Reason (in the request's
 * language), Until, Id.  -1 when the database failed. */
static int
set_holds(struct pf_req *r, const char *node, unsigned long long user)
{
	int en = strcmp(pf_req_lang(r), "en") == 0;
	struct pf_rows h;
	size_t i;

	if (pf_db_query(pf_req_db(r), pf_req_pool(r), SQL_ER_HOLDS,
	    PF_ARGS(PF_INT((long long)user)), &h) != PF_DB_OK)
		return -1;
	for (i = 0; i < h.n; i++) {
		pf_setf(r, pf_psprintf(pf_req_pool(r), "%lld", PF_CELL(&h, i, 0)->i), "%s.%zu.Id",
		    node, i);
		pf_setf(r, pf_cell_str(&h, i, en ? 2 : 1), "%s.%zu.Reason", node, i);
		pf_setf(r, human(r, pf_cell_str(&h, i, 3)), "%s.%zu.Until", node, i);
	}
	return (int)h.n;
}

/* The open request of user as <node>.Id, Status, Requested, Due, ByOther. */
static int
set_open(struct pf_req *r, const char *node, unsigned long long user)
{
	struct pf_rows q;

	if (pf_db_query(pf_req_db(r), pf_req_pool(r), SQL_ER_OPEN_OF,
	    PF_ARGS(PF_INT((long long)user)), &q) != PF_DB_OK)
		return -1;
	if (q.n == 0)
		return 0;
	pf_setf(r, pf_psprintf(pf_req_pool(r), "%lld", PF_CELL(&q, 0, 0)->i), "%s.Id", node);
	pf_setf(r, pf_cell_str(&q, 0, 1), "%s.Status", node);
	pf_setf(r, human(r, pf_cell_str(&q, 0, 2)), "%s.Requested", node);
	pf_setf(r, human(r, pf_cell_str(&q, 0, 3)), "%s.Due", node);
	if ((unsigned long long)PF_CELL(&q, 0, 4)->i != user)
		pf_setf(r, "1", "%s.ByOther", node);
	/* due: pforte-admin gdpr erase may be at it, no cancelling now */
	if (PF_CELL(&q, 0, 5)->i != 0)
		pf_setf(r, "1", "%s.Running", node);
	return 1;
}

/* ---- the user's side ------------------------------------------------------------------ */

static int
render_erase(struct pf_req *r, const char *message, const char *notice)
{
	struct pf_pool *p = pf_req_pool(r);
	unsigned long long user = pf_req_session(r)->user, org = pf_req_org(r);
	struct pf_rows c;

	if (set_holds(r, "Erase.Holds", user) < 0 || set_open(r, "Erase.Open", user) < 0 ||
	    pf_db_query(pf_req_db(r), p, SQL_ER_COUNTS, PF_ARGS(PF_INT((long long)user),
	    PF_INT((long long)user), PF_INT((long long)user), PF_INT((long long)user),
	    org_val(org)), &c) != PF_DB_OK || c.n != 1)
		return 503;
	pf_set(r, "Erase.Audit", pf_psprintf(p, "%lld", PF_CELL(&c, 0, 0)->i));
	pf_set(r, "Erase.DocsMine", pf_psprintf(p, "%lld", PF_CELL(&c, 0, 1)->i));
	pf_set(r, "Erase.DocsOthers", pf_psprintf(p, "%lld", PF_CELL(&c, 0, 2)->i));
	pf_set_int(r, "Erase.GraceDays", pf_conf_int("Gdpr.ErasureGraceDays"));
	if (pf_may_some(r, PF_PERM_USERS_MANAGE) || pf_may_some(r, PF_PERM_PRIVACY_MANAGE))
		pf_set(r, "Erase.CanAdmin", "1");
	pf_set(r, "Form.Message", message);
	pf_set(r, "Form.Notice", notice);
	return pf_render_page(r, "privacy_erase.cs", "privacy", "Privacy.Erase.Title");
}

int
page_erase(struct pf_req *r)
{
	return render_erase(r, NULL, NULL);
}

struct ask {
	unsigned long long	 user, org, by, id;
	long long		 days;
	const char		*action;
};

static int
ask_tx(struct pf_req *r, void *arg)
{
	struct ask *a = arg;
	struct pf_db *db = pf_req_db(r);
	struct pf_change ch[2];
	enum pf_dberr e;

	e = pf_db_exec(db, SQL_ER_INSERT, PF_ARGS(PF_INT((long long)a->user), org_val(a->org),
	    PF_INT((long long)a->by), PF_INT(a->days)), NULL, &a->id);
	if (e == PF_DB_DUP)
		return 409;
	if (e != PF_DB_OK)
		return pf_tx_err(e);
	ch[0] = (struct pf_change){ "status", NULL, "pending" };
	ch[1] = (struct pf_change){ "grace_days", NULL,
	    pf_psprintf(pf_req_pool(r), "%lld", a->days) };
	if ((e = pf_audit_change(r, a->action, a->user, a->org,
	    pf_psprintf(pf_req_pool(r), "erasure_request:%llu", a->id), ch, 2)) != PF_DB_OK)
		return pf_tx_err(e);
	return 0;
}

/* Tell the user their request is in; a failed mail is logged only. */
static void
confirm_mail(struct pf_req *r, unsigned long long user)
{
	struct pf_pool *p = pf_req_pool(r);
	struct pf_account acc;
	struct pf_rows q;
	struct pf_var v[3];

	if (pf_account_load(pf_req_db(r), p, user, &acc) != PF_ACC_OK ||
	    pf_db_query(pf_req_db(r), p, SQL_ER_OPEN_OF, PF_ARGS(PF_INT((long long)user)),
	    &q) != PF_DB_OK || q.n == 0) {
		pf_log(r, PF_LOG_ERR, "privacy: no confirmation mail (account or request)");
		return;
	}
	v[0] = (struct pf_var){ "Name", acc.name };
	v[1] = (struct pf_var){ "Due", human(r, pf_cell_str(&q, 0, 3)) };
	v[2] = (struct pf_var){ "Link", pf_psprintf(p, "%s/privacy/erase",
	    pf_conf_str("Portal.BaseURL")) };
	if (pf_mail_send(acc.lang, acc.email, "erasurerequested", v, 3) != 0)
		pf_log(r, PF_LOG_WARN, "privacy: the erasure confirmation mail failed");
}

int
page_erase_request(struct pf_req *r)
{
	unsigned long long user = pf_req_session(r)->user;
	struct ask a = { user, pf_req_org(r), user, 0,
	    pf_conf_int("Gdpr.ErasureGraceDays"), "privacy.erasure.requested" };
	int rc;

	if ((rc = pf_tx(r, ask_tx, &a)) == 409) {
		pf_resp_status(r, 409);
		return render_erase(r, pf_tr(r, "Privacy.Erase.Error.Open"), NULL);
	}
	if (rc != 0)
		return rc;
	confirm_mail(r, user);
	return pf_resp_redirect(r, 303, "/privacy/erase");
}

struct cancel {
	unsigned long long	 id, user, org;
};

static int
cancel_tx(struct pf_req *r, void *arg)
{
	struct cancel *c = arg;
	struct pf_db *db = pf_req_db(r);
	struct pf_change ch = { "status", NULL, "cancelled" };
	unsigned long long n = 0;
	struct pf_rows own;
	enum pf_dberr e;

	if ((e = pf_db_query(db, pf_req_pool(r), SQL_ER_OWN, PF_ARGS(PF_INT((long long)c->id),
	    PF_INT((long long)c->user)), &own)) != PF_DB_OK)
		return pf_tx_err(e);
	if (own.n == 0)
		return 404;	/* unknown, or someone else's */
	ch.before = pf_cell_str(&own, 0, 0);
	if ((e = pf_db_exec(db, SQL_ER_CANCEL, PF_ARGS(PF_INT((long long)c->id),
	    PF_INT((long long)c->user)), &n, NULL)) != PF_DB_OK)
		return pf_tx_err(e);
	if (n == 0)
		return 409;	/* cancelled already, or carried out */
	if ((e = pf_audit_change(r, "privacy.erasure.cancelled", c->user, c->org,
	    pf_psprintf(pf_req_pool(r), "erasure_request:%llu", c->id), &ch, 1)) != PF_DB_OK)
		return pf_tx_err(e);
	return 0;
}

int
page_erase_cancel(struct pf_req *r)
{
	struct cancel c = { field_id(r), pf_req_session(r)->user, pf_req_org(r) };
	int rc;

	if (c.id == 0)
		return 400;
	if ((rc = pf_tx(r, cancel_tx, &c)) == 409) {
		pf_resp_status(r, 409);
		return render_erase(r, pf_tr(r, "Privacy.Erase.Error.NotOpen"), NULL);
	}
	if (rc != 0)
		return rc;
	return pf_resp_redirect(r, 303, "/privacy/erase");
}

/* ---- the administration --------------------------------------------------------------- */

/* Administrators: privacy.manage or users.manage globally. */
static int
is_admin(struct pf_req *r)
{
	return pf_may_global(r, PF_PERM_PRIVACY_MANAGE) || pf_may_global(r, PF_PERM_USERS_MANAGE);
}

/* 1 when the session may see user (*org: their organisation), 0 when not
 * (or no such user), -1 when the database failed. */
static int
visible(struct pf_req *r, unsigned long long user, unsigned long long *org)
{
	struct pf_rows u;

	if (pf_db_query(pf_req_db(r), pf_req_pool(r), SQL_ER_USER,
	    PF_ARGS(PF_INT((long long)user)), &u) != PF_DB_OK)
		return -1;
	if (u.n == 0)
		return 0;
	*org = (unsigned long long)PF_CELL(&u, 0, 1)->i;
	return pf_may(r, PF_PERM_USERS_MANAGE, *org) || pf_may(r, PF_PERM_PRIVACY_MANAGE, *org);
}

static int
may_administer(struct pf_req *r)
{
	return pf_may_some(r, PF_PERM_USERS_MANAGE) || pf_may_some(r, PF_PERM_PRIVACY_MANAGE);
}

/* The page of one user: view "user" or "confirm". */
static int
render_user(struct pf_req *r, unsigned long long user, const char *view, const char *message)
{
	struct pf_pool *p = pf_req_pool(r);
	struct pf_account acc;
	unsigned long long org = 0;
	int v;

	if ((v = visible(r, user, &org)) < 0)
		return 503;
	if (v == 0)
		return 404;
	if (pf_account_load(pf_req_db(r), p, user, &acc) != PF_ACC_OK)
		return 503;
	pf_set(r, "Admin.View", view);
	pf_set(r, "Admin.User.Id", pf_psprintf(p, "%llu", user));
	pf_set(r, "Admin.User.Name", acc.name);
	pf_set(r, "Admin.User.Email", acc.email);
	if (set_open(r, "Admin.User.Open", user) < 0 || set_holds(r, "Admin.User.Holds", user) < 0)
		return 503;
	if (is_admin(r))
		pf_set(r, "Admin.Can.Schedule", "1");
	if (pf_may(r, PF_PERM_PRIVACY_MANAGE, org))
		pf_set(r, "Admin.Can.Hold", "1");
	pf_set(r, "Form.Message", message);
	if (message != NULL) {
		pf_set(r, "Form.ReasonDe", pf_req_field(r, F_REASON_DE));
		pf_set(r, "Form.ReasonEn", pf_req_field(r, F_REASON_EN));
		pf_set(r, "Form.Until", pf_req_field(r, F_UNTIL));
	}
	return pf_render_page(r, "privacy_erasures_admin.cs", "privacy",
	    "Privacy.Erasures.Title");
}

int
page_erasures_admin(struct pf_req *r)
{
	struct pf_pool *p = pf_req_pool(r);
	unsigned long long org = 0, req = field_id(r), user;
	struct pf_account acc;
	struct pf_rows q;
	size_t i, k;

	if (!may_administer(r))
		return 403;
	if (req != 0) {		/* one request: its user's page */
		if (pf_db_query(pf_req_db(r), p, SQL_ER_GET, PF_ARGS(PF_INT((long long)req)),
		    &q) != PF_DB_OK)
			return 503;
		if (q.n == 0)
			return 404;
		return render_user(r, (unsigned long long)PF_CELL(&q, 0, 0)->i, "user", NULL);
	}
	if (!pf_may_global(r, PF_PERM_USERS_MANAGE) && !pf_may_global(r, PF_PERM_PRIVACY_MANAGE)) {
		org = pf_req_org(r);
		if (org == 0 || !pf_may(r, PF_PERM_USERS_MANAGE, org))
			return 403;
	}
	if (pf_db_query(pf_req_db(r), p, SQL_ER_LIST, PF_ARGS(PF_INT((long long)org),
	    PF_INT((long long)org)), &q) != PF_DB_OK)
		return 503;
	for (i = k = 0; i < q.n; i++) {
		user = (unsigned long long)PF_CELL(&q, i, 1)->i;
		pf_setf(r, pf_psprintf(p, "%lld", PF_CELL(&q, i, 0)->i), "Admin.List.%zu.Id", k);
		pf_setf(r, pf_psprintf(p, "%llu", user), "Admin.List.%zu.User", k);
		pf_setf(r, pf_cell_str(&q, i, 2), "Admin.List.%zu.Status", k);
		pf_setf(r, human(r, pf_cell_str(&q, i, 3)), "Admin.List.%zu.Requested", k);
		pf_setf(r, human(r, pf_cell_str(&q, i, 4)), "Admin.List.%zu.Due", k);
		if (pf_account_load(pf_req_db(r), p, user, &acc) == PF_ACC_OK) {
			pf_setf(r, acc.name, "Admin.List.%zu.Name", k);
			pf_setf(r, acc.email, "Admin.List.%zu.Email", k);
		}
		k++;
	}
	pf_set(r, "Admin.View", "list");
	if (is_admin(r))
		pf_set(r, "Admin.Can.Schedule", "1");
	return pf_render_page(r, "privacy_erasures_admin.cs", "privacy",
	    "Privacy.Erasures.Title");
}

int
page_erasure_user(struct pf_req *r)
{
	if (!may_administer(r))
		return 403;
	if (field_id(r) == 0)
		return 404;
	return render_user(r, field_id(r), "user", NULL);
}

int
page_erasure_confirm(struct pf_req *r)
{
	if (!may_administer(r))
		return 403;
	if (field_id(r) == 0)
		return 404;
	if (!is_admin(r))
		return 403;
	return render_user(r, field_id(r), "confirm", NULL);
}

static int
schedule_tx(struct pf_req *r, void *arg)
{
	struct ask *a = arg;
	struct pf_change ch = { "due_at", NULL, "now" };
	enum pf_dberr e;
	unsigned long long n = 0;
	int rc;

	if ((rc = ask_tx(r, a)) != 409)
		return rc;
	/* an open request: due now instead of later */
	if ((e = pf_db_exec(pf_req_db(r), SQL_ER_DUE_NOW, PF_ARGS(PF_INT((long long)a->user)),
	    &n, NULL)) != PF_DB_OK)
		return pf_tx_err(e);
	if ((e = pf_audit_change(r, a->action, a->user, a->org, pf_psprintf(pf_req_pool(r),
	    "user:%llu", a->user), &ch, 1)) != PF_DB_OK)
		return pf_tx_err(e);
	return 0;
}

int
page_erasure_schedule(struct pf_req *r)
{
	unsigned long long user = field_id(r), org = 0;
	struct ask a;
	int v, rc;

	if (user == 0)
		return 400;
	if ((v = visible(r, user, &org)) < 0)
		return 503;
	if (v == 0)
		return 404;
	if (!is_admin(r))
		return 403;
	a = (struct ask){ user, org, pf_req_session(r)->user, 0, 0, "privacy.erasure.scheduled" };
	if ((rc = pf_tx(r, schedule_tx, &a)) != 0)
		return rc;
	return pf_resp_redirect(r, 303, pf_psprintf(pf_req_pool(r), "/privacy/admin/user?id=%llu",
	    user));
}

struct hold {
	unsigned long long	 user, org, id;
	const char		*de, *en, *until;
};

static int
hold_set_tx(struct pf_req *r, void *arg)
{
	struct hold *h = arg;
	struct pf_change ch[3];
	enum pf_dberr e;

	if ((e = pf_db_exec(pf_req_db(r), SQL_ER_HOLD_INSERT, PF_ARGS(PF_INT((long long)h->user),
	    PF_STR(h->de), PF_STR(h->en), PF_STR(h->until),
	    PF_INT((long long)pf_req_session(r)->user)), NULL, &h->id)) != PF_DB_OK)
		return pf_tx_err(e);
	ch[0] = (struct pf_change){ "reason_de", NULL, h->de };
	ch[1] = (struct pf_change){ "reason_en", NULL, h->en };
	ch[2] = (struct pf_change){ "until", NULL, h->until };
	if ((e = pf_audit_change(r, "privacy.hold.set", h->user, h->org,
	    pf_psprintf(pf_req_pool(r), "legal_hold:%llu", h->id), ch, 3)) != PF_DB_OK)
		return pf_tx_err(e);
	return 0;
}

int
page_hold_set(struct pf_req *r)
{
	struct pf_pool *p = pf_req_pool(r);
	unsigned long long user = field_id(r), org = 0;
	const char *de = pf_req_field(r, F_REASON_DE), *en = pf_req_field(r, F_REASON_EN);
	const char *until = pf_req_field(r, F_UNTIL);
	struct hold h;
	int v, rc;

	if (user == 0)
		return 400;
	if ((v = visible(r, user, &org)) < 0)
		return 503;
	if (v == 0)
		return 404;
	if (!pf_may(r, PF_PERM_PRIVACY_MANAGE, org))
		return 403;
	de = pf_trim(p, de ? de : "");
	en = pf_trim(p, en ? en : "");
	if (*de == '\0' || *en == '\0' || pf_utf8_chars(de) > 500 || pf_utf8_chars(en) > 500) {
		pf_resp_status(r, 400);
		return render_user(r, user, "user", pf_tr(r, "Privacy.Erasures.Error.Reason"));
	}
	h = (struct hold){ user, org, 0, de, en, NULL };
	switch (pf_date_future(p, pf_trim(p, until ? until : ""), &h.until)) {
	case 0:
		break;
	case -2:
		pf_resp_status(r, 422);
		return render_user(r, user, "user", pf_tr(r, "Privacy.Erasures.Error.Past"));
	default:
		pf_resp_status(r, 400);
		return render_user(r, user, "user", pf_tr(r, "Privacy.Erasures.Error.Date"));
	}
	if ((rc = pf_tx(r, hold_set_tx, &h)) != 0)
		return rc;
	return pf_resp_redirect(r, 303, pf_psprintf(p, "/privacy/admin/user?id=%llu", user));
}

static int
hold_remove_tx(struct pf_req *r, void *arg)
{
	struct hold *h = arg;
	struct pf_change ch = { "hold", "in force", NULL };
	unsigned long long n = 0;
	enum pf_dberr e;

	if ((e = pf_db_exec(pf_req_db(r), SQL_ER_HOLD_DELETE, PF_ARGS(PF_INT((long long)h->id)),
	    &n, NULL)) != PF_DB_OK)
		return pf_tx_err(e);
	if (n == 0)
		return 404;
	if ((e = pf_audit_change(r, "privacy.hold.removed", h->user, h->org,
	    pf_psprintf(pf_req_pool(r), "legal_hold:%llu", h->id), &ch, 1)) != PF_DB_OK)
		return pf_tx_err(e);
	return 0;
}

int
page_hold_remove(struct pf_req *r)
{
	struct hold h = { 0, 0, field_id(r), NULL, NULL, NULL };
	struct pf_rows q;
	int v, rc;

	if (h.id == 0)
		return 400;
	if (pf_db_query(pf_req_db(r), pf_req_pool(r), SQL_ER_HOLD_GET,
	    PF_ARGS(PF_INT((long long)h.id)), &q) != PF_DB_OK)
		return 503;
	if (q.n == 0)
		return 404;
	h.user = (unsigned long long)PF_CELL(&q, 0, 0)->i;
	if ((v = visible(r, h.user, &h.org)) < 0)
		return 503;
	if (v == 0)
		return 404;
	if (!pf_may(r, PF_PERM_PRIVACY_MANAGE, h.org))
		return 403;
	if ((rc = pf_tx(r, hold_remove_tx, &h)) != 0)
		return rc;
	return pf_resp_redirect(r, 303, pf_psprintf(pf_req_pool(r), "/privacy/admin/user?id=%llu",
	    h.user));
}
