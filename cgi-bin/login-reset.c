/*
 * reset.c: passwords set through a link sent to the mailbox: a reset, or
 * the setup of an invited account.
 *
 * The request page answers the same whether an account exists or not;
 * requests are a quota per address and per IP address.  Setting the
 * password ends every session of the user; a setup continues straight to
 * enrolling the second factor, the link having proved the mailbox.
 */
#include <stdio.h>

#include "login.h"

static int
request_form(struct pf_req *r, const char *email, int sent)
{
	char m[24];

	if (email != NULL)
		pf_set(r, "Form.Email", email);
	if (sent) {
		snprintf(m, sizeof(m), "%lld", pf_conf_int("Auth.Reset.Minutes"));
		pf_set(r, "Form.Sent", "1");
		pf_set(r, "Form.Minutes", m);
	}
	return show(r, "reset.cs", "reset", "Reset.Title");
}

int
page_reset(struct pf_req *r)
{
	return request_form(r, NULL, 0);
}

struct request {
	const char		*email;
	unsigned long long	 user;
	char			*token;
	struct pf_account	 acc;
};

static int
issue(struct pf_req *r, void *arg)
{
	struct request *q = arg;
	struct pf_db *db = pf_req_db(r);
	struct pf_pool *p = pf_req_pool(r);
	const char *hash, *status;
	int locked;
	enum pf_dberr e;

	q->token = NULL;
	if ((e = pf_throttle_fail(db, PF_THR_MAGIC, pf_psprintf(p, "reset:%s", q->email),
	    &locked)) != PF_DB_OK ||
	    (e = pf_throttle_fail(db, PF_THR_MAGIC_IP, pf_psprintf(p, "reset:%s", pf_req_ip(r)),
	    &locked)) != PF_DB_OK)
		return pf_tx_err(e);
	if (pf_account_find(db, p, q->email, &q->user) != PF_ACC_OK ||
	    pf_account_password(db, p, q->user, &hash, &status) != PF_ACC_OK ||
	    strcmp(status, "active") != 0 ||
	    pf_account_load(db, p, q->user, &q->acc) != PF_ACC_OK) {
		q->user = 0;
		return pf_tx_err(pf_audit(r, "reset.request", PF_AUDIT_INFO, 0, "no account"));
	}
	if ((e = pf_token_issue(db, p, PF_TOK_RESET, q->user, pf_conf_int("Auth.Reset.Minutes"),
	    NULL, &q->token)) != PF_DB_OK ||
	    (e = pf_audit(r, "reset.request", PF_AUDIT_OK, q->user, "")) != PF_DB_OK)
		return pf_tx_err(e);
	return 0;
}

static int
over_quota(struct pf_req *r, const char *email)
{
	struct pf_pool *p = pf_req_pool(r);
	enum pf_thr_state a, b;
	long wait;

	if (pf_throttle_check(pf_req_db(r), PF_THR_MAGIC, pf_psprintf(p, "reset:%s", email),
	    &a, &wait) != PF_DB_OK ||
	    pf_throttle_check(pf_req_db(r), PF_THR_MAGIC_IP, pf_psprintf(p, "reset:%s",
	    pf_req_ip(r)), &b, &wait) != PF_DB_OK)
		return -1;
	return a != PF_THR_GO || b != PF_THR_GO;
}

int
page_reset_post(struct pf_req *r)
{
	const char *in = pf_req_field(r, F_EMAIL);
	struct request q;
	char minutes[24];
	struct pf_var v[3];
	int rc;

	memset(&q, 0, sizeof(q));
	if (in == NULL || (q.email = pf_email_normalise(pf_req_pool(r), in)) == NULL) {
		pf_set(r, "Form.Errors.email", pf_tr(r, "Error.Field"));
		return request_form(r, in, 0);
	}
	if ((rc = over_quota(r, q.email)) < 0)
		return 503;
	/* Over the quota the answer is the same; only no mail goes out. */
	if (rc == 0 && (rc = pf_tx(r, issue, &q)) != 0)
		return rc;
	if (q.token != NULL) {
		snprintf(minutes, sizeof(minutes), "%lld", pf_conf_int("Auth.Reset.Minutes"));
		v[0] = (struct pf_var){ "Name", q.acc.name };
		v[1] = (struct pf_var){ "Link", pf_psprintf(pf_req_pool(r), "%s/reset/confirm?t=%s",
		    pf_conf_str("Portal.BaseURL"), q.token) };
		v[2] = (struct pf_var){ "Minutes", minutes };
		if (pf_mail_send(q.acc.lang, q.acc.email, "reset", v, 3) != 0)
			pf_log(r, PF_LOG_ERR, "reset: the mail could not be sent");
	}
	return request_form(r, in, 1);
}

/* ---- the link: a new password ---- */

static int
is_setup(struct pf_req *r)
{
	return strcmp(pf_req_path(r), "/setup") == 0;
}

static int
password_form(struct pf_req *r, const char *token, const char *error)
{
	char m[24];
	int setup = is_setup(r);

	snprintf(m, sizeof(m), "%lld", pf_conf_int("Auth.Password.MinLength"));
	pf_set(r, "Password.Token", token);
	pf_set(r, "Password.Action", setup ? "/setup" : "/reset/confirm");
	pf_set(r, "Password.Kind", setup ? "setup" : "reset");
	pf_set(r, "Password.MinLength", m);
	if (error != NULL)
		pf_set(r, "Form.Errors.password", pf_tr(r, error));
	return show(r, "password.cs", "password", setup ? "Password.Title.setup" :
	    "Password.Title.reset");
}

int
page_password(struct pf_req *r)
{
	const char *t = pf_req_field(r, F_TOKEN);
	unsigned long long user = 0;

	if (pf_token_peek(pf_req_db(r), pf_req_pool(r), is_setup(r) ? PF_TOK_SETUP :
	    PF_TOK_RESET, t, &user) != PF_DB_OK)
		return 503;
	return user ? password_form(r, t, NULL) : link_invalid(r);
}

struct newpw {
	const char		*token;
	const char		*hash;
	const char		*email;
	unsigned long long	 user;
};

static int
set_password(struct pf_req *r, void *arg)
{
	struct newpw *n = arg;
	struct pf_db *db = pf_req_db(r);
	unsigned long long user;
	const char *next;
	int setup = is_setup(r);
	enum pf_dberr e;

	if ((e = pf_token_redeem(db, pf_req_pool(r), setup ? PF_TOK_SETUP : PF_TOK_RESET,
	    n->token, &user, &next)) != PF_DB_OK)
		return pf_tx_err(e);
	if (user != n->user)
		return 410;
	if (pf_account_set_password(db, pf_req_pool(r), user, n->hash, 1) != PF_ACC_OK)
		return 500;
	if ((e = pf_session_end_user(db, user, 0)) != PF_DB_OK ||
	    (e = pf_throttle_clear(db, PF_THR_ACCOUNT, n->email)) != PF_DB_OK ||
	    (e = pf_audit(r, setup ? "setup.done" : "reset.done", PF_AUDIT_OK, user, "")) !=
	    PF_DB_OK)
		return pf_tx_err(e);
	if (setup && (e = pf_session_start(r, user, PF_LEVEL_FIRST, "setup", 1, next)) !=
	    PF_DB_OK)
		return pf_tx_err(e);
	if (!setup && pf_req_session(r) != NULL)
		pf_session_end(r);
	return 0;
}

int
page_password_post(struct pf_req *r)
{
	const char *t = pf_req_field(r, F_TOKEN), *pw = pf_req_field(r, F_PASSWORD),
	    *pw2 = pf_req_field(r, F_PASSWORD2);
	struct pf_pool *p = pf_req_pool(r);
	struct pf_account a;
	struct newpw n;
	enum pf_pw why;
	char *hash;
	int rc;

	memset(&n, 0, sizeof(n));
	if (pf_token_peek(pf_req_db(r), p, is_setup(r) ? PF_TOK_SETUP : PF_TOK_RESET, t,
	    &n.user) != PF_DB_OK)
		return 503;
	if (n.user == 0 || pf_account_load(pf_req_db(r), p, n.user, &a) != PF_ACC_OK)
		return link_invalid(r);
	if (pw == NULL || pw2 == NULL || strcmp(pw, pw2) != 0)
		return password_form(r, t, "Password.Error.mismatch");
	if ((why = pf_pw_policy(pw, a.email, a.name)) != PF_PW_OK)
		return password_form(r, t, pf_pw_policy_key(why));
	if (pf_pw_hash(p, pw, &hash) != 0)
		return busy(r);
	n.token = t;
	n.hash = hash;
	n.email = a.email;
	if ((rc = pf_tx(r, set_password, &n)) == 410)
		return link_invalid(r);
	if (rc != 0)
		return rc;
	return pf_resp_redirect(r, 303, is_setup(r) ? "/login/enrol" : "/login?reset=1");
}
