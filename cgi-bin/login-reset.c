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
	return pf_render_page(r, "reset.cs", "reset", "Reset.Title");
}

int
page_reset(struct pf_req *r)
{
	return request_form(r, NULL, 0);
}

int
page_reset_post(struct pf_req *r)
{
	const char *in = pf_req_field(r, F_EMAIL), *email;
	int rc;

	if (in == NULL || (email = pf_email_normalise(pf_req_pool(r), in)) == NULL) {
		pf_resp_status(r, 400);
		pf_set(r, "Form.Errors.email", pf_tr(r, "Error.Field"));
		return request_form(r, in, 0);
	}
	if ((rc = pf_link_mail(r, PF_TOK_RESET, email, NULL)) != 0)
		return rc;
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
	return pf_render_page(r, "password.cs", "password", setup ? "Password.Title.setup" :
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
	    (e = pf_audit(r, setup ? "auth.account.activated" : "auth.password.reset", PF_AUDIT_OK, user,
	    *n->hash ? "password" : "magic-only")) !=
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
	/* An invitee may do without a password and sign in by magic link
	 * (the second factor is still required); a reset always sets one. */
	if (is_setup(r) && pf_req_field(r, F_NOPASSWORD) != NULL &&
	    strcmp(pf_req_field(r, F_NOPASSWORD), "1") == 0 && pw == NULL && pw2 == NULL)
		hash = pf_pstrdup(p, "");
	else if (pw == NULL || pw2 == NULL || strcmp(pw, pw2) != 0)
		return password_form(r, t, "Password.Error.mismatch");
	else if ((why = pf_pw_policy(pw, a.email, a.name)) != PF_PW_OK)
		return password_form(r, t, pf_pw_policy_key(why));
	else if (pf_pw_hash(p, pw, &hash) != 0)
		return pf_busy(r);
	n.token = t;
	n.hash = hash;
	n.email = a.email;
	if ((rc = pf_tx(r, set_password, &n)) == 410)
		return link_invalid(r);
	if (rc != 0)
		return rc;
	return pf_resp_redirect(r, 303, is_setup(r) ? "/login/enrol" : "/login?reset=1");
}
