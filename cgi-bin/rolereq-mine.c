/*
 * rolereq-mine.c: the requester's side.  /roles lists the roles the user
 * holds, their requests, and offers the roles they may still ask for;
 * POST /roles/request asks for one, POST /roles/withdraw takes a pending
 * request back.
 *
 * The justification is about the requester and sealed under their key;
 * the row is inserted first so the ciphertext can be bound to its id.
 * At most one request per user and role is pending: the unique key
 * role_requests_one_pending decides races, not a look-up beforehand.
 */
#include <stdlib.h>

#include "rolereq.h"

/* The user's organisation as an SQL value: NULL for none. */
static struct pf_val
org_val(unsigned long long org)
{
	return org != 0 ? PF_INT((long long)org) : PF_NULL;
}

static const char *
date_human(struct pf_pool *p, const char *sqltime)
{
	return *sqltime ? pf_time_human(p, sqltime) : NULL;
}

static void
held_roles(struct pf_req *r, const struct pf_rows *held)
{
	struct pf_pool *p = pf_req_pool(r);
	const char *lang = pf_req_lang(r);
	size_t i;

	for (i = 0; i < held->n; i++) {
		pf_setf(r, label_of(lang, pf_cell_str(held, i, 2), pf_cell_str(held, i, 3)),
		    "Roles.Held.%zu.Label", i);
		pf_setf(r, pf_cell_str(held, i, 1), "Roles.Held.%zu.Scope", i);
		pf_setf(r, date_human(p, pf_cell_str(held, i, 4)), "Roles.Held.%zu.Expires", i);
	}
}

static void
my_requests(struct pf_req *r, const struct pf_rows *mine)
{
	struct pf_pool *p = pf_req_pool(r);
	const char *lang = pf_req_lang(r);
	unsigned long long id;
	struct pf_val comment;
	size_t i;

	for (i = 0; i < mine->n; i++) {
		id = (unsigned long long)PF_CELL(mine, i, 0)->i;
		pf_setf(r, pf_psprintf(p, "%llu", id), "Roles.Mine.%zu.Id", i);
		pf_setf(r, pf_cell_str(mine, i, 1), "Roles.Mine.%zu.Status", i);
		pf_setf(r, date_human(p, pf_cell_str(mine, i, 2)), "Roles.Mine.%zu.Created", i);
		pf_setf(r, date_human(p, pf_cell_str(mine, i, 3)), "Roles.Mine.%zu.Decided", i);
		pf_setf(r, date_human(p, pf_cell_str(mine, i, 4)), "Roles.Mine.%zu.Expires", i);
		pf_setf(r, label_of(lang, pf_cell_str(mine, i, 6), pf_cell_str(mine, i, 7)),
		    "Roles.Mine.%zu.Role", i);
		if (PF_CELL(mine, i, 5)->type == PF_V_NULL)
			continue;
		if (pf_open(pf_req_db(r), p, PF_AT("role_requests", "comment_enc", id),
		    PF_CELL(mine, i, 5), &comment) == PF_C_OK)
			pf_setf(r, comment.s, "Roles.Mine.%zu.Comment", i);
		else
			pf_log(r, PF_LOG_ERR, "rolereq: comment of request %llu unreadable", id);
	}
}

/*
 * The page /roles, also with a refused request's input (role, reason;
 * NULL for none) and a message, under the status set before.
 */
static int
render_mine(struct pf_req *r, const char *role, const char *reason, const char *message)
{
	struct pf_pool *p = pf_req_pool(r);
	struct pf_db *db = pf_req_db(r);
	const char *lang = pf_req_lang(r), *done = pf_req_field(r, F_DONE);
	long long user = (long long)pf_req_session(r)->user;
	unsigned long long org = pf_req_org(r);
	struct pf_rows held, mine, can;
	const char *id;
	size_t i, k;

	if (pf_db_query(db, p, SQL_HELD, PF_ARGS(PF_INT(user), org_val(org)), &held) != PF_DB_OK ||
	    pf_db_query(db, p, SQL_MINE, PF_ARGS(PF_INT(user)), &mine) != PF_DB_OK ||
	    pf_db_query(db, p, SQL_REQUESTABLE, PF_ARGS(PF_INT(user), org_val(org),
	    PF_INT(user)), &can) != PF_DB_OK)
		return 503;
	held_roles(r, &held);
	my_requests(r, &mine);
	/* Roles of an organisation mean nothing to a user without one. */
	for (i = k = 0; i < can.n; i++) {
		if (org == 0 && strcmp(pf_cell_str(&can, i, 1), "org") == 0)
			continue;
		id = pf_psprintf(p, "%lld", PF_CELL(&can, i, 0)->i);
		pf_setf(r, id, "Roles.Can.%zu.Id", k);
		pf_setf(r, label_of(lang, pf_cell_str(&can, i, 2), pf_cell_str(&can, i, 3)),
		    "Roles.Can.%zu.Label", k);
		if (role != NULL && strcmp(role, id) == 0)
			pf_setf(r, "1", "Roles.Can.%zu.Selected", k);
		k++;
	}
	pf_set_int(r, "Roles.ReasonMin", REASON_MIN);
	pf_set_int(r, "Roles.ReasonMax", REASON_MAX);
	pf_set(r, "Form.Reason", reason);
	pf_set(r, "Form.Message", message);
	if (done != NULL && message == NULL)
		pf_set(r, "Form.Notice", pf_tr(r, pf_psprintf(p, "Roles.Done.%s", done)));
	if (pf_may_some(r, PF_PERM_ROLES_APPROVE))
		pf_set(r, "Page.Can.Approve", "1");
	return pf_render_page(r, "roles_mine.cs", "roles", "Roles.Title");
}

int
page_mine(struct pf_req *r)
{
	return render_mine(r, NULL, NULL, NULL);
}

/* The form again with a message: nothing was stored. */
static int
refuse(struct pf_req *r, int status, const char *key, const char *field)
{
	pf_resp_status(r, status);
	if (field != NULL)
		pf_setf(r, pf_tr(r, key), "Form.Errors.%s", field);
	return render_mine(r, pf_req_field(r, F_ROLE), pf_req_field(r, F_REASON),
	    pf_tr(r, key));
}

struct ask {
	const struct pf_role	*role;
	const char		*reason;
	unsigned long long	 org;
	unsigned long long	 id;	/* out: the new request */
	const char		*why;	/* out: the message of a 409 */
};

static int
ask_tx(struct pf_req *r, void *arg)
{
	struct ask *a = arg;
	struct pf_db *db = pf_req_db(r);
	struct pf_pool *p = pf_req_pool(r);
	unsigned long long user = pf_req_session(r)->user, id = 0;
	struct pf_rows held;
	struct pf_val sealed;
	struct pf_change ch[2];
	enum pf_dberr e;
	enum pf_cerr ce;

	if ((e = pf_db_query(db, p, SQL_HOLDS, PF_ARGS(PF_INT((long long)user),
	    PF_INT((long long)a->role->id), org_val(a->org)), &held)) != PF_DB_OK)
		return pf_tx_err(e);
	if (held.n > 0) {
		a->why = "Roles.Error.held";
		return 409;
	}
	e = pf_db_exec(db, SQL_INSERT, PF_ARGS(PF_INT((long long)user),
	    PF_INT((long long)a->role->id), org_val(a->org)), NULL, &id);
	if (e == PF_DB_DUP) {
		a->why = "Roles.Error.pending";
		return 409;
	}
	if (e != PF_DB_OK)
		return pf_tx_err(e);
	if ((ce = pf_seal(db, p, PF_KS_USER, user, PF_AT("role_requests", "reason_enc", id),
	    a->reason, strlen(a->reason), &sealed)) != PF_C_OK) {
		pf_log(r, PF_LOG_ERR, "rolereq: sealing a justification: %s",
		    pf_crypt_strerror(ce));
		return ce == PF_C_DB ? 503 : 500;
	}
	if ((e = pf_db_exec(db, SQL_SEAL_REASON, PF_ARGS(sealed, PF_INT((long long)id)),
	    NULL, NULL)) != PF_DB_OK)
		return pf_tx_err(e);
	ch[0] = (struct pf_change){ "role", NULL, a->role->name };
	ch[1] = (struct pf_change){ "status", NULL, "pending" };
	if ((e = pf_audit_change(r, "role.requested", user, a->org,
	    pf_psprintf(p, "role_request:%llu", id), ch, 2)) != PF_DB_OK)
		return pf_tx_err(e);
	a->id = id;
	return 0;
}

/* Tell every approver about request id; a mail that fails is logged and
 * does not undo the request (the queue shows it anyway). */
static void
notify_approvers(struct pf_req *r, const struct ask *a)
{
	struct pf_pool *p = pf_req_pool(r);
	struct pf_db *db = pf_req_db(r);
	unsigned long long user = pf_req_session(r)->user, *ids;
	struct pf_account me, to;
	struct pf_var v[5];
	size_t i, n, sent = 0;

	if (pf_account_load(db, p, user, &me) != PF_ACC_OK ||
	    approvers(r, a->role, a->org, user, &ids, &n) != PF_DB_OK) {
		pf_log(r, PF_LOG_ERR, "rolereq: approvers of request %llu not found", a->id);
		return;
	}
	for (i = 0; i < n; i++) {
		if (pf_account_load(db, p, ids[i], &to) != PF_ACC_OK)
			continue;
		v[0] = (struct pf_var){ "Name", to.name };
		v[1] = (struct pf_var){ "Requester", me.name };
		v[2] = (struct pf_var){ "Email", me.email };
		v[3] = (struct pf_var){ "Role", role_label(r, a->role->id, to.lang) };
		v[4] = (struct pf_var){ "Link", portal_link(r, pf_psprintf(p,
		    "/roles/request?id=%llu", a->id)) };
		if (pf_mail_send(to.lang, to.email, "rolerequest", v, 5) == 0)
			sent++;
		else
			pf_log(r, PF_LOG_WARN, "rolereq: mail to approver %llu failed", ids[i]);
	}
	pf_log(r, PF_LOG_INFO, "rolereq: request %llu: %zu of %zu approvers mailed", a->id,
	    sent, n);
}

int
page_request_post(struct pf_req *r)
{
	const char *rs = pf_req_field(r, F_ROLE), *in = pf_req_field(r, F_REASON);
	struct pf_role role;
	struct ask a;
	size_t chars;
	int found = 0, rc;

	memset(&a, 0, sizeof(a));
	if (rs == NULL)
		return refuse(r, 400, "Roles.Error.role", "role");
	if (pf_role_get(r, strtoull(rs, NULL, 10), &role, &found) != PF_DB_OK)
		return 503;
	if (!found)
		return refuse(r, 404, "Roles.Error.unknown", "role");
	a.org = pf_req_org(r);
	if (!role.requestable || (a.org == 0 && strcmp(role.scope, "org") == 0))
		return refuse(r, 400, "Roles.Error.notrequestable", "role");
	a.reason = pf_trim(pf_req_pool(r), in != NULL ? in : "");
	chars = pf_utf8_chars(a.reason);
	if (chars < REASON_MIN || chars > REASON_MAX || strlen(a.reason) > TEXT_BYTES)
		return refuse(r, 422, "Roles.Error.reason", "reason");
	a.role = &role;
	if ((rc = pf_tx(r, ask_tx, &a)) == 409)
		return refuse(r, 409, a.why, "role");
	if (rc != 0)
		return rc;
	notify_approvers(r, &a);
	return pf_resp_redirect(r, 303, "/roles?done=requested");
}

struct withdraw {
	unsigned long long	 id;
};

static int
withdraw_tx(struct pf_req *r, void *arg)
{
	struct withdraw *w = arg;
	struct pf_db *db = pf_req_db(r);
	struct pf_pool *p = pf_req_pool(r);
	long long user = (long long)pf_req_session(r)->user;
	unsigned long long n = 0;
	struct pf_change ch[2];
	struct pf_rows row;
	enum pf_dberr e;

	if ((e = pf_db_query(db, p, SQL_MINE_ONE, PF_ARGS(PF_INT((long long)w->id),
	    PF_INT(user)), &row)) != PF_DB_OK)
		return pf_tx_err(e);
	if (row.n != 1)
		return 404;	/* unknown, or somebody else's */
	if (strcmp(pf_cell_str(&row, 0, 0), "pending") != 0)
		return 409;
	if ((e = pf_db_exec(db, SQL_WITHDRAW, PF_ARGS(PF_INT(user), PF_INT((long long)w->id),
	    PF_INT(user)), &n, NULL)) != PF_DB_OK)
		return pf_tx_err(e);
	if (n != 1)
		return 409;	/* decided meanwhile */
	ch[0] = (struct pf_change){ "status", "pending", "withdrawn" };
	ch[1] = (struct pf_change){ "role", pf_cell_str(&row, 0, 2), pf_cell_str(&row, 0, 2) };
	if ((e = pf_audit_change(r, "role.request.withdrawn", (unsigned long long)user,
	    (unsigned long long)PF_CELL(&row, 0, 1)->i, pf_psprintf(p, "role_request:%llu",
	    w->id), ch, 2)) != PF_DB_OK)
		return pf_tx_err(e);
	return 0;
}

int
page_withdraw_post(struct pf_req *r)
{
	const char *id = pf_req_field(r, F_ID);
	struct withdraw w;
	int rc;

	if (id == NULL)
		return 400;
	w.id = strtoull(id, NULL, 10);
	if ((rc = pf_tx(r, withdraw_tx, &w)) == 409) {
		pf_resp_status(r, 409);
		return render_mine(r, NULL, NULL, pf_tr(r, "Roles.Error.notpending"));
	}
	if (rc != 0)
		return rc;
	return pf_resp_redirect(r, 303, "/roles?done=withdrawn");
}
