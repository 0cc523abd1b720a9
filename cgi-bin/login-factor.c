/*
 * factor.c: the second factor, after a password or a magic link.
 *
 * Which factors a user may use: the authenticator app when enrolled, an
 * SMS code when a phone number is on file, an e-mail code when the first
 * factor was the password (after a magic link the mailbox is already the
 * first factor), a recovery code when any are left.  Guesses are counted
 * per user; the code throttle locks after Auth.Code.LockAfter.
 */
#include <stdio.h>

#include "login.h"

struct choice {
	int	totp, email, sms, recovery;
};

struct check {
	const char		*method;
	const char		*code;
	int			 ok;
	int			 locked;
};

static int
choices(struct pf_req *r, const struct pf_account *a, struct choice *c)
{
	const struct pf_session *s = pf_req_session(r);
	struct pf_db *db = pf_req_db(r);
	long long left = 0;

	memset(c, 0, sizeof(*c));
	if (pf_totp_enrolled(db, s->user, &c->totp) != PF_DB_OK ||
	    pf_recovery_left(db, s->user, &left) != PF_DB_OK)
		return -1;
	c->sms = *a->phone != '\0' && *pf_conf_str("SMS.URL") != '\0';
	c->email = strcmp(s->first, "password") == 0 && pf_conf_int("Auth.EmailCode");
	c->recovery = left > 0;
	return 0;
}

static int
allowed(const struct choice *c, const char *m)
{
	return (strcmp(m, "totp") == 0 && c->totp) || (strcmp(m, "email") == 0 && c->email) ||
	    (strcmp(m, "sms") == 0 && c->sms) || (strcmp(m, "recovery") == 0 && c->recovery);
}

static int
render(struct pf_req *r, const struct choice *c, const char *sent, const char *message)
{
	static const char *const order[] = { "totp", "sms", "email", "recovery" };
	size_t i, n = 0;

	for (i = 0; i < 4; i++)
		if (allowed(c, order[i]))
			pf_setf(r, order[i], "Factor.Methods.%zu", n++);
	if (sent != NULL) {
		pf_set(r, "Factor.Sent", sent);
		pf_set(r, "Factor.Method", sent);
		if (message == NULL)
			pf_set(r, "Form.Notice", pf_tr(r, "Factor.Notice.Sent"));
	}
	if (message != NULL)
		pf_set(r, "Form.Message", pf_tr(r, message));
	return pf_render_page(r, "factor.cs", "factor", "Factor.Title");
}

/* Full sessions go on, unless their factor is too old for the page they
 * came from (step-up: the same form renews it) or renew is set (an
 * application asked for a fresh authentication: prompt=login, max_age;
 * a posted code is always checked, never skipped); users without any factor
 * of their own enrol one first, once their mailbox is proved (a password
 * alone must not be enough to bind an attacker's authenticator to the
 * account). */
static int
elsewhere(struct pf_req *r, const struct choice *c, int renew)
{
	const struct pf_session *s = pf_req_session(r);

	if (s->level == PF_LEVEL_FULL && !s->enrolled)
		return pf_resp_redirect(r, 303, "/login/enrol");
	if (s->level == PF_LEVEL_FULL && pf_session_fresh(s) && !renew)
		return pf_resp_redirect(r, 303, next_path(s));
	if (s->level == PF_LEVEL_FULL)
		pf_set(r, "Factor.StepUp", "1");
	if (!c->totp && !c->sms && s->mailbox)
		return pf_resp_redirect(r, 303, "/login/enrol");
	return -1;
}

int
page_factor(struct pf_req *r)
{
	struct pf_account *a = session_account(r);
	struct choice c;
	int rc;

	if (a == NULL || choices(r, a, &c) != 0)
		return 500;
	if ((rc = elsewhere(r, &c, pf_req_field(r, F_RENEW) != NULL &&
	    strcmp(pf_req_field(r, F_RENEW), "1") == 0)) >= 0)
		return rc;
	return render(r, &c, NULL, NULL);
}

static int
send_code(struct pf_req *r, void *arg)
{
	struct check *k = arg;
	char *code = pf_palloc(pf_req_pool(r), 7);
	enum pf_dberr e;

	if ((e = pf_throttle_fail(pf_req_db(r), PF_THR_CODE, code_subject(r), &k->locked)) !=
	    PF_DB_OK ||
	    (e = pf_code_issue(pf_req_db(r), pf_req_session(r)->id, k->method, code)) !=
	    PF_DB_OK ||
	    (e = pf_audit(r, "auth.code.sent", PF_AUDIT_INFO, pf_req_session(r)->user,
	    k->method)) != PF_DB_OK)
		return pf_tx_err(e);
	k->code = code;
	return 0;
}

static int
deliver(struct pf_req *r, const struct pf_account *a, const char *method, const char *code)
{
	char minutes[24];
	struct pf_var v[3];

	if (strcmp(method, "sms") == 0)
		return pf_sms_send(a->phone, pf_psprintf(pf_req_pool(r), "%s %s",
		    pf_tr(r, "SMS.Code"), code));
	snprintf(minutes, sizeof(minutes), "%lld", pf_conf_int("Auth.Code.Minutes"));
	v[0] = (struct pf_var){ "Name", a->name };
	v[1] = (struct pf_var){ "Code", code };
	v[2] = (struct pf_var){ "Minutes", minutes };
	return pf_mail_send(pf_req_lang(r), a->email, "code", v, 3);
}

static int
use_factor(struct pf_req *r, void *arg)
{
	struct check *k = arg;
	const struct pf_session *s = pf_req_session(r);
	struct pf_db *db = pf_req_db(r);
	enum pf_dberr e;

	if (strcmp(k->method, "totp") == 0)
		e = pf_totp_use(db, pf_req_pool(r), s->user, 0, k->code, &k->ok);
	else if (strcmp(k->method, "recovery") == 0)
		e = pf_recovery_use(db, s->user, k->code, &k->ok);
	else
		e = pf_code_use(db, s->id, k->method, k->code, &k->ok);
	if (e != PF_DB_OK)
		return pf_tx_err(e);
	if (!k->ok) {
		if ((e = pf_throttle_fail(db, PF_THR_CODE, code_subject(r), &k->locked)) != PF_DB_OK ||
		    (e = pf_audit(r, "auth.login.failure", PF_AUDIT_FAIL, s->user, k->method)) !=
		    PF_DB_OK ||
		    (k->locked && (e = pf_audit(r, "auth.account.locked", PF_AUDIT_INFO, s->user,
		    k->method)) != PF_DB_OK))
			return pf_tx_err(e);
		return 0;
	}
	if ((e = pf_throttle_clear(db, PF_THR_CODE, code_subject(r))) != PF_DB_OK ||
	    (strcmp(k->method, "email") == 0 && (e = pf_session_mailbox(r)) != PF_DB_OK) ||
	    (e = pf_session_elevate(r, k->method)) != PF_DB_OK ||
	    (e = pf_audit(r, "auth.login.success", PF_AUDIT_OK, s->user, k->method)) != PF_DB_OK)
		return pf_tx_err(e);
	return 0;
}

int
page_factor_post(struct pf_req *r)
{
	struct pf_account *a = session_account(r);
	const char *method = pf_req_field(r, F_METHOD), *action = pf_req_field(r, F_ACTION);
	struct check k;
	struct choice c;
	enum pf_thr_state st;
	long wait;
	int rc;

	if (a == NULL || choices(r, a, &c) != 0)
		return 500;
	if ((rc = elsewhere(r, &c, 1)) >= 0)
		return rc;
	if (method == NULL || action == NULL || !allowed(&c, method))
		return render(r, &c, NULL, "Factor.Error.Code");
	if (pf_throttle_check(pf_req_db(r), PF_THR_CODE, code_subject(r), &st, &wait) != PF_DB_OK)
		return 503;
	if (st != PF_THR_GO) {
		pf_resp_status(r, 429);
		return render(r, &c, NULL, "Factor.Error.Wait");
	}
	memset(&k, 0, sizeof(k));
	k.method = method;
	if (strcmp(action, "send") == 0) {
		if (strcmp(method, "email") != 0 && strcmp(method, "sms") != 0)
			return render(r, &c, NULL, "Factor.Error.Code");
		if ((rc = pf_tx(r, send_code, &k)) != 0)
			return rc;
		if (deliver(r, a, method, k.code) != 0)
			return render(r, &c, NULL, "Factor.Error.Send");
		return render(r, &c, method, NULL);
	}
	k.code = pf_req_field(r, F_CODE);
	if (k.code == NULL || !code_wellformed(method, k.code)) {
		pf_resp_status(r, 400);
		return render(r, &c, NULL, "Factor.Error.Code");
	}
	if ((rc = pf_tx(r, use_factor, &k)) != 0)
		return rc;
	if (!k.ok) {
		pf_resp_status(r, k.locked ? 429 : 200);
		/* A code sent by mail or SMS stays valid: keep its field open. */
		return render(r, &c, strcmp(method, "email") == 0 || strcmp(method, "sms") == 0 ?
		    method : NULL, k.locked ? "Factor.Error.Wait" : "Factor.Error.Code");
	}
	return pf_resp_redirect(r, 303, pf_req_session(r)->enrolled || c.totp || c.sms ?
	    next_path(pf_req_session(r)) : "/login/enrol");
}
