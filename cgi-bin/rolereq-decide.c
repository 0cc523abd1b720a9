/*
 * rolereq-decide.c: the approver's side.  /roles/queue lists the pending
 * requests this session may decide, /roles/request?id=N shows one with
 * the decision form, POST /roles/decide approves (optionally until a
 * date) or rejects it with a comment.
 *
 * Who may decide is pf_may_grant()'s answer for each request, asked here
 * and again inside the decision's transaction; SQL only narrows the queue
 * to the session's organisation.  A request the session may not decide
 * answers exactly like one that does not exist (404), so ids of other
 * organisations cannot be probed.  Nobody decides their own request.
 */
#include <stdlib.h>

#include "rolereq.h"

/* A role request as the queue and the decision page see it. */
struct rreq {
	unsigned long long	 id;
	unsigned long long	 user;
	unsigned long long	 role_id;
	unsigned long long	 org;		/* the requester's org when asking */
	const char		*status;
	const char		*created;	/* SQL DATETIME */
	const char		*decided;	/* "" when not decided */
	const char		*expires;	/* "" when none */
	const char		*reason;	/* decrypted, NULL when unreadable */
	const char		*comment;	/* decrypted, NULL when none */
	struct pf_role		 role;
	struct pf_account	 acc;		/* the requester */
};

/* Roles looked up for this request, so a long queue asks once per role;
 * v has room for one per request of the queue (pool memory). */
struct roles {
	struct pf_role	*v;
	size_t		 n;
};

static void
from_row(const struct pf_rows *rows, size_t i, struct rreq *q)
{
	memset(q, 0, sizeof(*q));
	q->id = (unsigned long long)PF_CELL(rows, i, 0)->i;
	q->user = (unsigned long long)PF_CELL(rows, i, 1)->i;
	q->role_id = (unsigned long long)PF_CELL(rows, i, 2)->i;
	q->org = PF_CELL(rows, i, 3)->type == PF_V_INT ? (unsigned long long)PF_CELL(rows, i,
	    3)->i : 0;
	q->status = pf_cell_str(rows, i, 4);
	q->created = pf_cell_str(rows, i, 5);
	q->decided = pf_cell_str(rows, i, 6);
	q->expires = pf_cell_str(rows, i, 7);
}

/* 1 when this session may decide q (whose role and requester are loaded):
 * pf_may_grant's answer; an approver of an organisation decides only for
 * users who still belong to it. */
static int
decidable(struct pf_req *r, const struct rreq *q)
{
	if (!pf_may_grant(r, PF_PERM_ROLES_APPROVE, &q->role, q->user, q->org))
		return 0;
	return pf_may_global(r, PF_PERM_ROLES_APPROVE) || q->acc.org_id == q->org;
}

/* Load q's role (through the cache c, when given) and requester: 0, 404
 * when either is gone, or an HTTP status. */
static int
complete(struct pf_req *r, struct rreq *q, struct roles *c)
{
	size_t i;
	int found = 0;
	enum pf_acc ae;

	for (i = 0; c != NULL && i < c->n; i++)
		if (c->v[i].id == q->role_id) {
			q->role = c->v[i];
			found = 1;
			break;
		}
	if (!found) {
		if (pf_role_get(r, q->role_id, &q->role, &found) != PF_DB_OK)
			return 503;
		if (!found)
			return 404;
		if (c != NULL)
			c->v[c->n++] = q->role;
	}
	if ((ae = pf_account_load(pf_req_db(r), pf_req_pool(r), q->user, &q->acc)) ==
	    PF_ACC_NOTFOUND)
		return 404;
	return ae == PF_ACC_OK ? 0 : 500;
}

/* Decrypt what q says (justification, comment); NULL when unreadable. */
static void
open_texts(struct pf_req *r, const struct pf_rows *rows, size_t i, struct rreq *q)
{
	struct pf_val v;

	if (PF_CELL(rows, i, 8)->type == PF_V_NULL)
		;	/* none (not made through this program) */
	else if (pf_open(pf_req_db(r), pf_req_pool(r), PF_AT("role_requests", "reason_enc",
	    q->id), PF_CELL(rows, i, 8), &v) == PF_C_OK)
		q->reason = v.s;
	else
		pf_log(r, PF_LOG_ERR, "rolereq: justification of request %llu unreadable", q->id);
	if (PF_CELL(rows, i, 9)->type != PF_V_NULL &&
	    pf_open(pf_req_db(r), pf_req_pool(r), PF_AT("role_requests", "comment_enc", q->id),
	    PF_CELL(rows, i, 9), &v) == PF_C_OK)
		q->comment = v.s;
}

/* ---- the queue ---- */

int
page_queue(struct pf_req *r)
{
	struct pf_pool *p = pf_req_pool(r);
	const char *done = pf_req_field(r, F_DONE);
	int global = pf_may_global(r, PF_PERM_ROLES_APPROVE);
	unsigned long long me = pf_req_session(r)->user;
	struct roles cache = { NULL, 0 };
	struct pf_rows rows;
	struct rreq q;
	size_t i, k;
	int rc = 0;

	if (pf_db_query(pf_req_db(r), p, SQL_QUEUE, PF_ARGS(PF_INT(global),
	    PF_INT((long long)pf_req_org(r))), &rows) != PF_DB_OK)
		return 503;
	cache.v = pf_palloc(p, (rows.n + 1) * sizeof(*cache.v));
	for (i = k = 0; i < rows.n; i++) {
		from_row(&rows, i, &q);
		if (q.user == me)
			continue;
		if ((rc = complete(r, &q, &cache)) == 404)
			continue;
		if (rc != 0)
			break;
		if (!decidable(r, &q))
			continue;
		open_texts(r, &rows, i, &q);
		pf_setf(r, pf_psprintf(p, "%llu", q.id), "Roles.Queue.%zu.Id", k);
		pf_setf(r, q.acc.name, "Roles.Queue.%zu.Name", k);
		pf_setf(r, q.acc.email, "Roles.Queue.%zu.Email", k);
		pf_setf(r, q.role.label, "Roles.Queue.%zu.Role", k);
		pf_setf(r, q.reason, "Roles.Queue.%zu.Reason", k);
		pf_setf(r, pf_time_human(p, q.created), "Roles.Queue.%zu.Created", k);
		k++;
	}
	if (rc != 0)
		return rc;
	if (done != NULL)
		pf_set(r, "Form.Notice", pf_tr(r, pf_psprintf(p, "Roles.Done.%s", done)));
	return pf_render_page(r, "roles_queue.cs", "roles-queue", "Roles.Queue.Title");
}

/* ---- one request ---- */

/* Load request id for this session: 0, 404 when it is unknown or not the
 * session's to decide, 403 when it is the session's own (*self set), or
 * an HTTP status. */
static int
load(struct pf_req *r, unsigned long long id, struct rreq *q, int *self)
{
	struct pf_rows rows;
	int rc;

	*self = 0;
	if (pf_db_query(pf_req_db(r), pf_req_pool(r), SQL_ONE, PF_ARGS(PF_INT((long long)id)),
	    &rows) != PF_DB_OK)
		return 503;
	if (rows.n != 1)
		return 404;
	from_row(&rows, 0, q);
	if ((rc = complete(r, q, NULL)) != 0)
		return rc;
	if (q->user == pf_req_session(r)->user) {
		*self = 1;
		return 403;
	}
	if (!decidable(r, q))
		return 404;
	open_texts(r, &rows, 0, q);
	return 0;
}

/* One's own request: a clear no, not the anonymous 403 page. */
static int
refuse_self(struct pf_req *r)
{
	return pf_message(r, 403, "Roles.Self", "/roles", "Roles.Title");
}

/* The decision page of q, with the input of a refused decision and a
 * message, under the status set before. */
static int
render_one(struct pf_req *r, const struct rreq *q, const char *message)
{
	struct pf_pool *p = pf_req_pool(r);

	pf_set(r, "Roles.Req.Id", pf_psprintf(p, "%llu", q->id));
	pf_set(r, "Roles.Req.Name", q->acc.name);
	pf_set(r, "Roles.Req.Email", q->acc.email);
	pf_set(r, "Roles.Req.Role", q->role.label);
	pf_set(r, "Roles.Req.Scope", q->role.scope);
	pf_set(r, "Roles.Req.Reason", q->reason);
	pf_set(r, "Roles.Req.Status", q->status);
	pf_set(r, "Roles.Req.Created", pf_time_human(p, q->created));
	if (*q->decided)
		pf_set(r, "Roles.Req.Decided", pf_time_human(p, q->decided));
	if (*q->expires)
		pf_set(r, "Roles.Req.Expires", pf_time_human(p, q->expires));
	pf_set(r, "Roles.Req.Comment", q->comment);
	if (strcmp(q->status, "pending") == 0)
		pf_set(r, "Roles.Req.Pending", "1");
	pf_set_int(r, "Roles.CommentMax", COMMENT_MAX);
	pf_set(r, "Form.Decision", pf_req_field(r, F_DECISION));
	pf_set(r, "Form.Comment", pf_req_field(r, F_COMMENT));
	pf_set(r, "Form.Expires", pf_req_field(r, F_EXPIRES));
	pf_set(r, "Form.Message", message);
	return pf_render_page(r, "roles_request.cs", "roles-request", "Roles.Req.Title");
}

int
page_one(struct pf_req *r)
{
	const char *id = pf_req_field(r, F_ID);
	struct rreq q;
	int self, rc;

	if (id == NULL)
		return 404;
	if ((rc = load(r, strtoull(id, NULL, 10), &q, &self)) != 0)
		return self ? refuse_self(r) : rc;
	return render_one(r, &q, NULL);
}

/* ---- the decision ---- */

struct decide {
	struct rreq	*q;
	int		 approve;
	const char	*comment;	/* "" for none */
	const char	*expires;	/* SQL DATETIME, NULL for none */
};

static int
decide_tx(struct pf_req *r, void *arg)
{
	struct decide *d = arg;
	struct rreq *q = d->q;
	struct pf_db *db = pf_req_db(r);
	struct pf_pool *p = pf_req_pool(r);
	const char *status = d->approve ? "approved" : "rejected";
	struct pf_val comment = PF_NULL;
	struct pf_change ch[3];
	unsigned long long n = 0;
	enum pf_dberr e;
	enum pf_cerr ce;
	size_t nch = 2;

	/* the decision is checked again where it takes effect */
	if (q->user == pf_req_session(r)->user)
		return 403;
	if (!decidable(r, q))
		return 404;
	if (*d->comment && (ce = pf_seal(db, p, PF_KS_USER, q->user,
	    PF_AT("role_requests", "comment_enc", q->id), d->comment, strlen(d->comment),
	    &comment)) != PF_C_OK) {
		pf_log(r, PF_LOG_ERR, "rolereq: sealing a comment: %s", pf_crypt_strerror(ce));
		return ce == PF_C_DB ? 503 : 500;
	}
	if ((e = pf_db_exec(db, SQL_DECIDE, PF_ARGS(PF_STR(status),
	    PF_INT((long long)pf_req_session(r)->user), comment,
	    d->expires != NULL ? PF_STR(d->expires) : PF_NULL, PF_INT((long long)q->id)),
	    &n, NULL)) != PF_DB_OK)
		return pf_tx_err(e);
	if (n != 1)
		return 409;	/* decided (or withdrawn) meanwhile */
	if (d->approve && (e = pf_role_grant(r, q->user, &q->role, d->expires)) != PF_DB_OK)
		return pf_tx_err(e);
	ch[0] = (struct pf_change){ "status", "pending", status };
	ch[1] = (struct pf_change){ "role", q->role.name, q->role.name };
	if (d->approve && d->expires != NULL)
		ch[nch++] = (struct pf_change){ "grant_expires", NULL, d->expires };
	if ((e = pf_audit_change(r, d->approve ? "role.request.approved" : "role.request.rejected",
	    q->user, q->org, pf_psprintf(p, "role_request:%llu", q->id), ch, nch)) != PF_DB_OK)
		return pf_tx_err(e);
	return 0;
}

/* 1 when the approver consented to copies of their decisions (purpose
 * notify.decisions, /privacy/consents); read at each decision, so a
 * withdrawal counts at once.  Anything else, a failure too: no copy. */
static int
wants_copy(struct pf_req *r)
{
	struct pf_rows rows;

	if (pf_db_query(pf_req_db(r), pf_req_pool(r), SQL_CONSENT,
	    PF_ARGS(PF_INT((long long)pf_req_session(r)->user)), &rows) != PF_DB_OK) {
		pf_log(r, PF_LOG_WARN, "rolereq: the approver's consent cannot be read");
		return 0;
	}
	return rows.n == 1 && PF_CELL(&rows, 0, 0)->i == 1;
}

/* Both sides hear of the decision: the requester, and the approver as a
 * confirmation when they consented to it.  Failures are logged; the
 * decision stands. */
static void
notify(struct pf_req *r, const struct decide *d)
{
	const struct rreq *q = d->q;
	struct pf_pool *p = pf_req_pool(r);
	struct pf_account me;
	const char *until = d->approve && d->expires != NULL ?
	    pf_pstrndup(p, d->expires, 10) : NULL;
	struct pf_var v[7];
	size_t n = 0;

	v[n++] = (struct pf_var){ "Name", q->acc.name };
	v[n++] = (struct pf_var){ "Role", role_label(r, q->role_id, q->acc.lang) };
	v[n++] = (struct pf_var){ "Approved", d->approve ? "1" : "0" };
	v[n++] = (struct pf_var){ "Link", portal_link(r, "/roles") };
	if (*d->comment)
		v[n++] = (struct pf_var){ "Comment", d->comment };
	if (until != NULL)
		v[n++] = (struct pf_var){ "Until", until };
	if (pf_mail_send(q->acc.lang, q->acc.email, "roledecision", v, n) != 0)
		pf_log(r, PF_LOG_WARN, "rolereq: decision mail of request %llu failed", q->id);

	if (!wants_copy(r))
		return;
	if (pf_account_load(pf_req_db(r), p, pf_req_session(r)->user, &me) != PF_ACC_OK) {
		pf_log(r, PF_LOG_ERR, "rolereq: the approver's account cannot be loaded");
		return;
	}
	n = 0;
	v[n++] = (struct pf_var){ "Name", me.name };
	v[n++] = (struct pf_var){ "Requester", q->acc.name };
	v[n++] = (struct pf_var){ "Role", role_label(r, q->role_id, me.lang) };
	v[n++] = (struct pf_var){ "Approved", d->approve ? "1" : "0" };
	v[n++] = (struct pf_var){ "Link", portal_link(r, pf_psprintf(p,
	    "/roles/request?id=%llu", q->id)) };
	if (*d->comment)
		v[n++] = (struct pf_var){ "Comment", d->comment };
	if (until != NULL)
		v[n++] = (struct pf_var){ "Until", until };
	if (pf_mail_send(me.lang, me.email, "roledecided", v, n) != 0)
		pf_log(r, PF_LOG_WARN, "rolereq: confirmation mail of request %llu failed", q->id);
}

/* The decision form again with a message; nothing changed. */
static int
refuse(struct pf_req *r, const struct rreq *q, int status, const char *key,
    const char *field)
{
	pf_resp_status(r, status);
	if (field != NULL)
		pf_setf(r, pf_tr(r, key), "Form.Errors.%s", field);
	return render_one(r, q, pf_tr(r, key));
}

int
page_decide_post(struct pf_req *r)
{
	const char *id = pf_req_field(r, F_ID), *dec = pf_req_field(r, F_DECISION),
	    *comment = pf_req_field(r, F_COMMENT), *exp = pf_req_field(r, F_EXPIRES);
	struct pf_pool *p = pf_req_pool(r);
	struct decide d;
	struct rreq q;
	int self, rc;

	if (id == NULL)
		return 400;
	if ((rc = load(r, strtoull(id, NULL, 10), &q, &self)) != 0)
		return self ? refuse_self(r) : rc;
	memset(&d, 0, sizeof(d));
	d.q = &q;
	if (dec == NULL)
		return refuse(r, &q, 400, "Roles.Error.decision", "decision");
	d.approve = strcmp(dec, "approve") == 0;
	d.comment = pf_trim(p, comment != NULL ? comment : "");
	if (pf_utf8_chars(d.comment) > COMMENT_MAX || strlen(d.comment) > TEXT_BYTES)
		return refuse(r, &q, 422, "Roles.Error.comment", "comment");
	exp = pf_trim(p, exp != NULL ? exp : "");
	if (*exp) {
		switch (pf_date_future(p, exp, &d.expires)) {
		case 0:
			break;
		case -2:
			return refuse(r, &q, 422, "Roles.Error.past", "expires");
		default:
			return refuse(r, &q, 400, "Roles.Error.date", "expires");
		}
	}
	if (strcmp(q.status, "pending") != 0)
		return refuse(r, &q, 409, "Roles.Error.decided", NULL);
	if ((rc = pf_tx(r, decide_tx, &d)) == 409) {
		/* decided meanwhile: show how */
		if (load(r, q.id, &q, &self) != 0)
			q.status = "";
		return refuse(r, &q, 409, "Roles.Error.decided", NULL);
	}
	if (rc == 403)
		return refuse_self(r);
	if (rc != 0)
		return rc;
	notify(r, &d);
	return pf_resp_redirect(r, 303, d.approve ? "/roles/queue?done=approved" :
	    "/roles/queue?done=rejected");
}
