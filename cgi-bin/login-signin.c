/*
 * signin.c: the password, and the end of sessions.
 *
 * Every answer to a failed attempt is the same whether the address has
 * an account or not: the same message, the same work (a dummy hash when
 * there is no account), the same counters (kept per address, account or
 * not).  The counters are read before any hashing, so a flood of guesses
 * costs us a query each, not 19 MiB and 15 ms.
 */
#include <stdio.h>
#include <stdlib.h>

#include "login.h"

struct attempt {
	const char		*email;		/* normalised, or the input as typed */
	const char		*password;
	const char		*next;
	unsigned long long	 user;		/* 0: no usable account */
	int			 ok;
	int			 rehash;
	char			*newhash;
	int			 locked;	/* this failure started a lock */
	int			 suspended;	/* right, but the organisation is suspended */
	struct pf_account	 acc;
};

static int
form(struct pf_req *r, const char *email, const char *message, const char *notice)
{
	const char *rt = pf_req_field(r, F_RETURN_TO);

	if (email != NULL)
		pf_set(r, "Form.Email", email);
	if (rt != NULL && pf_local_path(rt))
		pf_set(r, "Form.ReturnTo", rt);
	if (message != NULL)
		pf_set(r, "Form.Message", pf_tr(r, message));
	if (notice != NULL)
		pf_set(r, "Form.Notice", pf_tr(r, notice));
	return pf_render_page(r, "login.cs", "login", "Login.Title");
}

int
page_login(struct pf_req *r)
{
	const struct pf_session *s = pf_req_session(r);
	const char *rt = pf_req_field(r, F_RETURN_TO);

	if (s != NULL && s->level == PF_LEVEL_FULL)
		return pf_resp_redirect(r, 303, rt != NULL && pf_local_path(rt) ? rt : "/");
	/* email: pre-filled by an application's login_hint (/sso/authorize),
	 * and passed on to the magic-link page (Form.Hint: only this given
	 * address, never one typed into a failed attempt) */
	if (pf_req_field(r, F_EMAIL) != NULL)
		pf_set(r, "Form.Hint", pf_req_field(r, F_EMAIL));
	return form(r, pf_req_field(r, F_EMAIL), NULL,
	    pf_req_field(r, F_BYE) ? "Login.Notice.Bye" :
	    pf_req_field(r, F_RESET) ? "Login.Notice.Reset" :
	    pf_req_field(r, F_EXPIRED) ? "Login.Notice.Expired" : NULL);
}

static int
record_failure(struct pf_req *r, void *arg)
{
	struct attempt *a = arg;
	struct pf_db *db = pf_req_db(r);
	int ignored;
	enum pf_dberr e;

	if ((e = pf_throttle_fail(db, PF_THR_ACCOUNT, a->email, &a->locked)) != PF_DB_OK ||
	    (e = pf_throttle_fail(db, PF_THR_IP, pf_req_ip(r), &ignored)) != PF_DB_OK ||
	    (e = pf_audit(r, "auth.login.failure", PF_AUDIT_FAIL, a->user, "password")) != PF_DB_OK)
		return pf_tx_err(e);
	if (a->locked && (e = pf_audit(r, "auth.account.locked", PF_AUDIT_INFO, a->user, "")) != PF_DB_OK)
		return pf_tx_err(e);
	return 0;
}

static int
record_success(struct pf_req *r, void *arg)
{
	struct attempt *a = arg;
	struct pf_db *db = pf_req_db(r);
	enum pf_dberr e;

	if ((e = pf_throttle_clear(db, PF_THR_ACCOUNT, a->email)) != PF_DB_OK)
		return pf_tx_err(e);
	/* The password was right, so saying why reveals nothing new. */
	if ((a->suspended = pf_org_suspended(db, a->acc.org_id)) != 0)
		return a->suspended < 0 ? 503 : pf_tx_err(pf_audit(r, "auth.login.refused",
		    PF_AUDIT_FAIL, a->user, "org-suspended"));
	if ((e = pf_session_start(r, a->user, PF_LEVEL_FIRST, "password", 0, a->next)) !=
	    PF_DB_OK ||
	    (e = pf_audit(r, "auth.password.verified", PF_AUDIT_OK, a->user, a->newhash ?
	    "rehashed" : "")) != PF_DB_OK)
		return pf_tx_err(e);
	if (a->newhash != NULL &&
	    pf_account_set_password(db, pf_req_pool(r), a->user, a->newhash, 0) != PF_ACC_OK)
		return 500;
	return 0;
}

/* Tell the owner, after the lock is committed; a failed mail changes
 * nothing for the answer. */
static void
mail_locked(struct pf_req *r, struct attempt *a)
{
	long long minutes = pf_conf_int("Auth.Account.LockMinutes");
	char m[32];
	struct pf_var v[2];

	if (a->user == 0)
		return;
	snprintf(m, sizeof(m), "%lld", minutes);
	v[0] = (struct pf_var){ "Name", a->acc.name };
	v[1] = (struct pf_var){ "Minutes", m };
	if (pf_mail_send(a->acc.lang, a->acc.email, "locked", v, 2) != 0)
		pf_log(r, PF_LOG_WARN, "login: the lock notice could not be sent");
}

static int
verify(struct pf_req *r, struct attempt *a)
{
	struct pf_pool *p = pf_req_pool(r);
	struct pf_db *db = pf_req_db(r);
	const char *hash = "", *status = "";
	unsigned long long id = 0;
	int rc;

	if (pf_account_find(db, p, a->email, &id) == PF_ACC_OK &&
	    pf_account_password(db, p, id, &hash, &status) == PF_ACC_OK &&
	    strcmp(status, "active") == 0 && *hash &&
	    pf_account_load(db, p, id, &a->acc) == PF_ACC_OK) {
		a->user = id;
		rc = pf_pw_verify(hash, a->password, &a->rehash);
	} else {
		/* Busy (-1) or "no" (0), like a real verification. */
		rc = pf_pw_dummy(a->password) < 0 ? -1 : 0;
	}
	a->ok = rc == 1;
	return rc;
}

int
page_login_post(struct pf_req *r)
{
	const char *in = pf_req_field(r, F_EMAIL), *rt = pf_req_field(r, F_RETURN_TO);
	struct pf_pool *p = pf_req_pool(r);
	struct pf_db *db = pf_req_db(r);
	struct attempt a;
	enum pf_thr_state st;
	long wait;
	int rc;

	memset(&a, 0, sizeof(a));
	a.password = pf_req_field(r, F_PASSWORD);
	a.next = rt != NULL && pf_local_path(rt) ? rt : "";
	if (in == NULL || a.password == NULL || *a.password == '\0')
		return form(r, in, "Login.Error.Generic", NULL);
	/* Not an address at all: nobody's account, nothing counted. */
	a.email = pf_email_normalise(p, in);
	if (a.email == NULL) {
		pf_resp_status(r, 400);
		pf_set(r, "Form.Errors.email", pf_tr(r, "Error.Field"));
		return form(r, in, "Login.Error.Generic", NULL);
	}

	if (pf_throttle_check(db, PF_THR_IP, pf_req_ip(r), &st, &wait) != PF_DB_OK)
		return 503;
	if (st != PF_THR_GO) {
		pf_resp_status(r, 429);
		return form(r, in, "Login.Error.Wait", NULL);
	}
	if (pf_throttle_check(db, PF_THR_ACCOUNT, a.email, &st, &wait) != PF_DB_OK)
		return 503;
	if (st != PF_THR_GO) {
		pf_resp_status(r, 429);
		return form(r, in, st == PF_THR_LOCKED ? "Login.Error.Locked" :
		    "Login.Error.Wait", NULL);
	}

	if ((rc = verify(r, &a)) < 0)
		return pf_busy(r);
	if (!a.ok) {
		if ((rc = pf_tx(r, record_failure, &a)) != 0)
			return rc;
		if (a.locked)
			mail_locked(r, &a);
		return form(r, in, a.locked ? "Login.Error.Locked" : "Login.Error.Generic", NULL);
	}
	/* Parameters changed since this hash was made: store a new one now
	 * that we have the password (and a slot, or we skip it this time). */
	if (a.rehash && pf_pw_hash(p, a.password, &a.newhash) != 0)
		a.newhash = NULL;
	if ((rc = pf_tx(r, record_success, &a)) != 0)
		return rc;
	if (a.suspended) {
		pf_resp_status(r, 403);
		return form(r, in, "Login.Error.OrgSuspended", NULL);
	}
	return pf_resp_redirect(r, 303, "/login/factor");
}

/* Who signed out: kept before the session is forgotten, for the
 * applications it signed in to (pf_sso_logout). */
struct ended {
	unsigned long long	 session, user;
};

static int
end_one(struct pf_req *r, void *arg)
{
	const struct pf_session *s = pf_req_session(r);
	struct ended *x = arg;
	enum pf_dberr e;

	if (s == NULL)
		return 0;
	x->session = s->id;
	x->user = s->user;
	if ((e = pf_audit(r, "auth.logout", PF_AUDIT_OK, s->user, "")) != PF_DB_OK ||
	    (e = pf_session_end(r)) != PF_DB_OK)
		return pf_tx_err(e);
	return 0;
}

/* After the session ended: tell the applications (back-channel now,
 * front-channel through frames on the "signed out" page when any has a
 * front-channel URI), else the usual redirect. */
static int
signed_out(struct pf_req *r, const struct ended *x)
{
	if (x->user == 0 || pf_sso_logout(r, x->session, x->user) == 0)
		return pf_resp_redirect(r, 303, "/login?bye=1");
	pf_set(r, "SSO.Next", pf_psprintf(pf_req_pool(r), "%s/login?bye=1", pf_base_path()));
	return pf_render_page(r, "sso_logout.cs", "sso-logout", "SsoApps.Logout.DoneTitle");
}

int
page_logout(struct pf_req *r)
{
	struct ended x = { 0, 0 };
	int rc = pf_tx(r, end_one, &x);

	return rc != 0 ? rc : signed_out(r, &x);
}

static int
end_all(struct pf_req *r, void *arg)
{
	const struct pf_session *s = pf_req_session(r);
	struct ended *x = arg;
	enum pf_dberr e;

	/* session 0: every session of the user, this one included */
	x->session = 0;
	x->user = s->user;
	if ((e = pf_audit(r, "auth.logout.all", PF_AUDIT_OK, s->user, "")) != PF_DB_OK ||
	    (e = pf_session_end_user(pf_req_db(r), s->user, 0)) != PF_DB_OK ||
	    (e = pf_session_end(r)) != PF_DB_OK)
		return pf_tx_err(e);
	return 0;
}

int
page_logout_all(struct pf_req *r)
{
	struct ended x = { 0, 0 };
	int rc = pf_tx(r, end_all, &x);

	return rc != 0 ? rc : signed_out(r, &x);
}
