/*
 * profile-email.c: a new e-mail address.  The address changes only when
 * a link sent to it comes back: the new address is bound (sealed) to a
 * one-time verify token, so nothing but that link can set it.  The old
 * address is told at once, so a stolen session cannot quietly move the
 * account away.
 *
 * An address that belongs to another account gets the same answer as any
 * other (and no mail): the form must not tell who has an account.  The
 * requests are a quota per user, or the form would mail anybody at will.
 * Opening the link only shows a button (mail scanners follow links);
 * the POST, by the same signed-in user, changes the address.
 */
#include <stdio.h>

#include "profile.h"

static long
verify_minutes(void)
{
	return (long)pf_conf_int("Auth.Verify.Minutes");
}

static const char *
quota_subject(struct pf_req *r)
{
	return pf_psprintf(pf_req_pool(r), "email:%s", user_subject(r));
}

static int
form(struct pf_req *r, const struct pf_account *a, const char *typed)
{
	pf_set(r, "Profile.Email", a->email);
	if (typed != NULL)
		pf_set(r, "Form.Email", typed);
	pf_set_int(r, "Profile.Minutes", verify_minutes());
	return profile_render(r, "profile_email.cs", "Email");
}

int
page_email(struct pf_req *r)
{
	struct pf_account *a = own_account(r);

	return a == NULL ? 500 : form(r, a, NULL);
}

struct request {
	const struct pf_account	*a;
	const char		*email;		/* normalised */
	int			 taken;
	char			*token;
};

static int
issue(struct pf_req *r, void *arg)
{
	struct request *q = arg;
	struct pf_db *db = pf_req_db(r);
	int ignored;
	enum pf_dberr e;

	q->token = NULL;
	if ((e = pf_throttle_fail(db, PF_THR_MAGIC, quota_subject(r), &ignored)) != PF_DB_OK)
		return pf_tx_err(e);
	if (!q->taken && (e = pf_token_issue_data(db, pf_req_pool(r), PF_TOK_VERIFY, q->a->id,
	    verify_minutes(), q->email, &q->token)) != PF_DB_OK)
		return pf_tx_err(e);
	if ((e = pf_audit(r, "profile.email.requested", PF_AUDIT_OK, q->a->id,
	    q->taken ? "taken" : "")) != PF_DB_OK)
		return pf_tx_err(e);
	return 0;
}

/* After the commit; a mail that fails changes nothing for the answer. */
static void
send_mails(struct pf_req *r, const struct request *q)
{
	struct pf_var v[3];
	char minutes[24];

	if (q->token != NULL) {
		snprintf(minutes, sizeof(minutes), "%ld", verify_minutes());
		v[0] = (struct pf_var){ "Name", q->a->name };
		v[1] = (struct pf_var){ "Link", pf_psprintf(pf_req_pool(r),
		    "%s/profile/email/confirm?t=%s", pf_conf_str("Portal.BaseURL"), q->token) };
		v[2] = (struct pf_var){ "Minutes", minutes };
		if (pf_mail_send(q->a->lang, q->email, "verify", v, 3) != 0)
			pf_log(r, PF_LOG_WARN, "profile: the verify mail could not be sent");
	}
	v[0] = (struct pf_var){ "Name", q->a->name };
	v[1] = (struct pf_var){ "New", q->email };
	if (pf_mail_send(q->a->lang, q->a->email, "emailchange", v, 2) != 0)
		pf_log(r, PF_LOG_WARN, "profile: the notice to the old address could not be sent");
}

int
page_email_post(struct pf_req *r)
{
	struct pf_pool *p = pf_req_pool(r);
	struct pf_db *db = pf_req_db(r);
	const char *in = pf_req_field(r, F_EMAIL);
	struct pf_account *a = own_account(r);
	struct request q;
	unsigned long long other = 0;
	enum pf_thr_state st;
	enum pf_acc ae;
	long wait;
	int rc;

	if (a == NULL)
		return 500;
	memset(&q, 0, sizeof(q));
	q.a = a;
	if (in == NULL || (q.email = pf_email_normalise(p, in)) == NULL) {
		pf_resp_status(r, 422);
		pf_set(r, "Form.Errors.email", pf_tr(r, "Profile.Error.Email"));
		return form(r, a, in);
	}
	if (strcmp(q.email, a->email) == 0) {
		pf_resp_status(r, 422);
		pf_set(r, "Form.Errors.email", pf_tr(r, "Profile.Error.EmailSame"));
		return form(r, a, in);
	}
	if (pf_throttle_check(db, PF_THR_MAGIC, quota_subject(r), &st, &wait) != PF_DB_OK)
		return 503;
	if (st != PF_THR_GO) {
		pf_resp_status(r, 429);
		pf_set(r, "Form.Message", pf_tr(r, "Profile.Error.EmailQuota"));
		return form(r, a, in);
	}
	ae = pf_account_find(db, p, q.email, &other);
	if (ae != PF_ACC_OK && ae != PF_ACC_NOTFOUND)
		return 503;
	q.taken = ae == PF_ACC_OK;
	if ((rc = pf_tx(r, issue, &q)) != 0)
		return rc;
	send_mails(r, &q);
	return pf_resp_redirect(r, 303, "/profile?n=mailsent");
}

/* ---- the link ---- */

int
page_email_confirm(struct pf_req *r)
{
	const char *t = pf_req_field(r, F_TOKEN);
	unsigned long long user = 0;

	if (pf_token_peek(pf_req_db(r), pf_req_pool(r), PF_TOK_VERIFY, t, &user) != PF_DB_OK)
		return 503;
	if (user == 0 || user != pf_req_session(r)->user)
		return link_invalid(r);
	pf_set(r, "Profile.Token", t);
	return profile_render(r, "profile_email_confirm.cs", "EmailConfirm");
}

struct change {
	const char		*token;
	const struct pf_account	*a;
};

static int
change(struct pf_req *r, void *arg)
{
	struct change *c = arg;
	struct pf_db *db = pf_req_db(r);
	struct pf_pool *p = pf_req_pool(r);
	unsigned long long user = 0;
	const char *email = NULL;
	struct pf_change ch;
	enum pf_acc ae;
	enum pf_dberr e;

	/* Another user's link is not used up: the rollback keeps it. */
	if ((e = pf_token_redeem_data(db, p, PF_TOK_VERIFY, c->token, &user, &email)) !=
	    PF_DB_OK)
		return pf_tx_err(e);
	if (user == 0 || user != c->a->id || email == NULL || *email == '\0')
		return 410;
	if ((ae = pf_account_set_email(db, p, user, email)) == PF_ACC_DUP)
		return 409;
	if (ae != PF_ACC_OK)
		return 500;
	ch = (struct pf_change){ "email", c->a->email, email };
	if ((e = pf_audit_change(r, "profile.email.changed", user, c->a->org_id,
	    user_subject(r), &ch, 1)) != PF_DB_OK)
		return pf_tx_err(e);
	return 0;
}

int
page_email_confirm_post(struct pf_req *r)
{
	struct change c;
	int rc;

	c.token = pf_req_field(r, F_TOKEN);
	if ((c.a = own_account(r)) == NULL)
		return 500;
	rc = pf_tx(r, change, &c);
	if (rc == 410)
		return link_invalid(r);
	if (rc == 409)
		return profile_message(r, 409, "EmailTaken", "/profile/email");
	if (rc != 0)
		return rc;
	return pf_resp_redirect(r, 303, "/profile?n=mailchanged");
}
