/*
 * magic: passwordless sign-in by a link sent to the mailbox.
 *
 *   /magic            ask for a link (the same answer whether or not an
 *                     account exists; a quota per address and per IP)
 *   /magic/callback   the link: GET shows a button, POST signs in at
 *                     the first-factor level and goes on to the second
 *
 * The link is not used up by GET: mail scanners and link previews fetch
 * links, and must not sign anybody in nor burn the link.
 */
#include <stdio.h>

#include "pforte.h"

enum field { F_EMAIL, F_RETURN_TO, F_TOKEN, F__MAX };

static const struct pf_field fields[F__MAX] = {
	[F_EMAIL] = { "email", PF_F_LINE, 0, 1024, 0, 0, NULL, NULL },
	/* room for a waiting authorization request (auth_tokens.next_path) */
	[F_RETURN_TO] = { "return_to", PF_F_LINE, 0, 2048, 0, 0, NULL, NULL },
	[F_TOKEN] = { "t", PF_F_LINE, 0, 128, 0, 0, NULL, NULL },
};

static int
request_form(struct pf_req *r, const char *email, int sent)
{
	const char *rt = pf_req_field(r, F_RETURN_TO);
	char m[24];

	if (email != NULL)
		pf_set(r, "Form.Email", email);
	if (rt != NULL && pf_local_path(rt))
		pf_set(r, "Form.ReturnTo", rt);
	if (sent) {
		snprintf(m, sizeof(m), "%lld", pf_conf_int("Auth.Magic.Minutes"));
		pf_set(r, "Form.Sent", "1");
		pf_set(r, "Form.Minutes", m);
	}
	return pf_render_page(r, "magic.cs", "magic", "Magic.Title");
}

static int
page_request(struct pf_req *r)
{
	/* email: pre-filled from the login page (an application's login_hint) */
	return request_form(r, pf_req_field(r, F_EMAIL), 0);
}

static int
page_request_post(struct pf_req *r)
{
	const char *in = pf_req_field(r, F_EMAIL), *rt = pf_req_field(r, F_RETURN_TO), *email;
	int rc;

	if (in == NULL || (email = pf_email_normalise(pf_req_pool(r), in)) == NULL) {
		pf_resp_status(r, 400);
		pf_set(r, "Form.Errors.email", pf_tr(r, "Error.Field"));
		return request_form(r, in, 0);
	}
	if ((rc = pf_link_mail(r, PF_TOK_MAGIC, email, rt)) != 0)
		return rc;
	return request_form(r, in, 1);
}

static int
invalid(struct pf_req *r)
{
	pf_resp_status(r, 410);
	pf_set(r, "Magic.Invalid", "1");
	return pf_render_page(r, "magic_confirm.cs", "magic", "Magic.Confirm.Title");
}

static int
page_callback(struct pf_req *r)
{
	const char *t = pf_req_field(r, F_TOKEN);
	unsigned long long user = 0;

	if (pf_token_peek(pf_req_db(r), pf_req_pool(r), PF_TOK_MAGIC, t, &user) != PF_DB_OK)
		return 503;
	if (user == 0)
		return invalid(r);
	pf_set(r, "Magic.Token", t);
	return pf_render_page(r, "magic_confirm.cs", "magic", "Magic.Confirm.Title");
}

/* *ok: 1 signed in, 0 the link did not work, -1 the organisation is
 * suspended. */
static int
sign_in(struct pf_req *r, void *arg)
{
	int *ok = arg;
	struct pf_account a;
	unsigned long long user;
	const char *next;
	enum pf_dberr e;

	*ok = 0;
	if ((e = pf_token_redeem(pf_req_db(r), pf_req_pool(r), PF_TOK_MAGIC,
	    pf_req_field(r, F_TOKEN), &user, &next)) != PF_DB_OK)
		return pf_tx_err(e);
	if (user == 0 || pf_account_load(pf_req_db(r), pf_req_pool(r), user, &a) != PF_ACC_OK ||
	    strcmp(a.status, "active") != 0)
		return pf_tx_err(pf_audit(r, "auth.login.failure", PF_AUDIT_FAIL, user, "magiclink"));
	/* The link proved the mailbox: the member may hear why. */
	switch (pf_org_suspended(pf_req_db(r), a.org_id)) {
	case -1:
		return 503;
	case 1:
		*ok = -1;
		return pf_tx_err(pf_audit(r, "auth.login.refused", PF_AUDIT_FAIL, user, "org-suspended"));
	}
	if ((e = pf_session_start(r, user, PF_LEVEL_FIRST, "magic", 1, next)) != PF_DB_OK ||
	    (e = pf_audit(r, "auth.magiclink.verified", PF_AUDIT_OK, user, "")) != PF_DB_OK)
		return pf_tx_err(e);
	*ok = 1;
	return 0;
}

static int
page_callback_post(struct pf_req *r)
{
	int ok, rc = pf_tx(r, sign_in, &ok);

	if (rc != 0)
		return rc;
	if (ok < 0)
		return pf_message(r, 403, "Message.OrgSuspended", NULL, NULL);
	return ok ? pf_resp_redirect(r, 303, "/login/factor") : invalid(r);
}

#define FORM	(PF_PAGE_DB | PF_PAGE_FORM)

static const struct pf_page pages[] = {
	{ "/magic", PF_GET, PF_FIELD(F_RETURN_TO) | PF_FIELD(F_EMAIL), FORM, page_request, 0 },
	{ "/magic", PF_POST, PF_FIELD(F_EMAIL) | PF_FIELD(F_RETURN_TO), FORM, page_request_post, 0 },
	{ "/magic/callback", PF_GET, PF_FIELD(F_TOKEN), FORM, page_callback, 0 },
	{ "/magic/callback", PF_POST, PF_FIELD(F_TOKEN), FORM, page_callback_post, 0 },
};

static const struct pf_app app = {
	"magic", pages, sizeof(pages) / sizeof(pages[0]), fields, F__MAX, NULL, 0, NULL,
};

int
main(int argc, char *argv[])
{
	return pf_main(&app, argc, argv);
}
