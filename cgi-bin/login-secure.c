/*
 * login-secure.c: /login/secure, the link of a sign-in notice ("new
 * sign-in from ..., not you?", lib/alert.c).
 *
 * Opening the link only shows a page; the POST (with the form token of
 * the anonymous visitor, no sign-in needed: whoever reads the mail may
 * not be able to sign in any more) uses the link up and ends every
 * session of its user, wherever they are.  The answer says what happened
 * and offers a password reset; it never shows whose account it was.
 */
#include "login.h"

static int
secure_form(struct pf_req *r, const char *token)
{
	pf_set(r, "Secure.Token", token);
	return pf_render_page(r, "secure.cs", "secure", "Secure.Title");
}

int
page_secure(struct pf_req *r)
{
	const char *t = pf_req_field(r, F_TOKEN);
	unsigned long long user = 0;

	if (pf_token_peek(pf_req_db(r), pf_req_pool(r), PF_TOK_SECURE, t, &user) != PF_DB_OK)
		return 503;
	return user ? secure_form(r, t) : link_invalid(r);
}

struct revoke {
	const char		*token;
	unsigned long long	 user;
};

static int
revoke_all(struct pf_req *r, void *arg)
{
	struct revoke *v = arg;
	const struct pf_session *s = pf_req_session(r);
	const char *next;
	enum pf_dberr e;

	if ((e = pf_token_redeem(pf_req_db(r), pf_req_pool(r), PF_TOK_SECURE, v->token,
	    &v->user, &next)) != PF_DB_OK)
		return pf_tx_err(e);
	if (v->user == 0)
		return 410;
	if ((e = pf_session_end_user(pf_req_db(r), v->user, 0)) != PF_DB_OK ||
	    (e = pf_audit(r, "auth.sessions.revoked", PF_AUDIT_OK, v->user, "notice-link")) !=
	    PF_DB_OK)
		return pf_tx_err(e);
	/* This browser's session, if it was the user's, is gone with the
	 * rest: drop its cookie too. */
	if (s != NULL && s->user == v->user && (e = pf_session_end(r)) != PF_DB_OK)
		return pf_tx_err(e);
	return 0;
}

int
page_secure_post(struct pf_req *r)
{
	struct revoke v;
	int rc;

	v.token = pf_req_field(r, F_TOKEN);
	v.user = 0;
	if (v.token == NULL)
		return link_invalid(r);
	if ((rc = pf_tx(r, revoke_all, &v)) == 410)
		return link_invalid(r);
	if (rc != 0)
		return rc;
	pf_set(r, "Secure.Done", "1");
	return pf_render_page(r, "secure.cs", "secure", "Secure.Title");
}
