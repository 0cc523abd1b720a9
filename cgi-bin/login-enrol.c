/*
 * enrol.c: binding an authenticator app to the account, and recovery
 * codes.  Only a session that proved the mailbox (magic link, setup link,
 * e-mail code) or is fully signed in may enrol: a password alone must not
 * let somebody bind their own app to another person's account.
 *
 * The secret is kept sealed (pending) until a code from the app confirms
 * it; the page and its QR image show the same pending secret.
 */
#include "login.h"

static int
may_enrol(struct pf_req *r, int *already)
{
	const struct pf_session *s = pf_req_session(r);

	if (pf_totp_enrolled(pf_req_db(r), s->user, already) != PF_DB_OK)
		return -1;
	return s->level == PF_LEVEL_FULL || s->mailbox;
}

struct pending {
	unsigned char	secret[PF_TOTP_SECRET_LEN];
};

static int
make_pending(struct pf_req *r, void *arg)
{
	struct pending *pd = arg;

	return pf_tx_err(pf_totp_pending(pf_req_db(r), pf_req_pool(r), pf_req_session(r)->user,
	    pd->secret));
}

/* The pending secret, made on first sight: 0, -1 when it sent the visitor
 * elsewhere (nothing more to do), or an HTTP status. */
static int
pending(struct pf_req *r, struct pending *pd, const struct pf_account **acc)
{
	int already = 0, ok;

	if ((ok = may_enrol(r, &already)) < 0)
		return 500;
	if (already || !ok)
		return pf_resp_redirect(r, 303, already ? next_path(pf_req_session(r)) :
		    "/login/factor") == 0 ? -1 : 500;
	if ((*acc = session_account(r)) == NULL)
		return 500;
	return pf_tx(r, make_pending, pd);
}

static const char *
issuer(void)
{
	const char *i = pf_conf_str("Auth.Issuer");

	return *i ? i : pf_conf_str("Portal.Name");
}

static int
render(struct pf_req *r, const struct pending *pd, const struct pf_account *a,
    const char *message)
{
	struct pf_pool *p = pf_req_pool(r);
	const char *b32;
	struct pf_buf grouped = { 0 };
	size_t i;

	b32 = pf_totp_base32(p, pd->secret, sizeof(pd->secret));
	for (i = 0; b32[i]; i++) {
		if (i > 0 && i % 4 == 0)
			pf_buf_add(&grouped, " ", 1);
		pf_buf_add(&grouped, &b32[i], 1);
	}
	pf_set(r, "Enrol.Secret", grouped.data);
	pf_buf_free(&grouped);
	pf_set(r, "Enrol.URI", pf_totp_uri(p, issuer(), a->email, pd->secret,
	    sizeof(pd->secret)));
	pf_set(r, "Enrol.QR", pf_psprintf(p, "%s/login/enrol/qr.svg", pf_base_path()));
	if (message != NULL)
		pf_set(r, "Form.Message", pf_tr(r, message));
	return pf_render_page(r, "enrol.cs", "enrol", "Enrol.Title");
}

int
page_enrol(struct pf_req *r)
{
	const struct pf_account *a;
	struct pending pd;
	int rc = pending(r, &pd, &a);

	if (rc == 0)
		rc = render(r, &pd, a, NULL);
	pf_wipe(&pd, sizeof(pd));
	return rc < 0 ? 0 : rc;
}

int
page_enrol_qr(struct pf_req *r)
{
	const struct pf_account *a;
	struct pending pd;
	char *svg;
	int rc = pending(r, &pd, &a);

	if (rc != 0) {
		pf_wipe(&pd, sizeof(pd));
		return rc < 0 ? 0 : rc;
	}
	svg = pf_qr_svg(pf_req_pool(r), pf_totp_uri(pf_req_pool(r), issuer(), a->email,
	    pd.secret, sizeof(pd.secret)));
	pf_wipe(&pd, sizeof(pd));
	if (svg == NULL)
		return 500;
	pf_resp_type(r, "image/svg+xml");
	pf_resp_puts(r, svg);
	return 0;
}

static int
show_codes(struct pf_req *r, char *const *codes, const char *next)
{
	size_t i;

	for (i = 0; i < PF_RECOVERY_CODES; i++)
		pf_setf(r, codes[i], "Recovery.Codes.%zu", i);
	pf_set(r, "Recovery.Next", next);
	return pf_render_page(r, "recovery.cs", "recovery", "Recovery.Title");
}

struct confirm {
	const char	*code;
	int		 ok;
	int		 locked;
	char		*codes[PF_RECOVERY_CODES];
};

static int
confirm(struct pf_req *r, void *arg)
{
	struct confirm *c = arg;
	const struct pf_session *s = pf_req_session(r);
	struct pf_db *db = pf_req_db(r);
	const char *subj = code_subject(r);
	enum pf_dberr e;

	if ((e = pf_totp_use(db, pf_req_pool(r), s->user, 1, c->code, &c->ok)) != PF_DB_OK)
		return pf_tx_err(e);
	if (!c->ok) {
		if ((e = pf_throttle_fail(db, PF_THR_CODE, subj, &c->locked)) != PF_DB_OK ||
		    (e = pf_audit(r, "auth.mfa.enrolled", PF_AUDIT_FAIL, s->user, "totp")) != PF_DB_OK)
			return pf_tx_err(e);
		return 0;
	}
	/* A new factor is a change of privilege: a new session token. */
	if ((e = pf_recovery_new(db, pf_req_pool(r), s->user, c->codes)) != PF_DB_OK ||
	    (e = pf_throttle_clear(db, PF_THR_CODE, subj)) != PF_DB_OK ||
	    (e = pf_session_elevate(r, s->level == PF_LEVEL_FULL && *s->second ?
	    s->second : "enrol")) != PF_DB_OK ||
	    (e = pf_audit(r, "auth.mfa.enrolled", PF_AUDIT_OK, s->user, "totp")) != PF_DB_OK)
		return pf_tx_err(e);
	return 0;
}

int
page_enrol_post(struct pf_req *r)
{
	const struct pf_account *a;
	struct pending pd;
	struct confirm c;
	enum pf_thr_state st;
	long wait;
	int rc;

	if ((rc = pending(r, &pd, &a)) != 0) {
		pf_wipe(&pd, sizeof(pd));
		return rc < 0 ? 0 : rc;
	}
	if (pf_req_field(r, F_CODE) == NULL || !code_wellformed("totp", pf_req_field(r, F_CODE))) {
		pf_resp_status(r, 400);
		rc = render(r, &pd, a, "Enrol.Error.Code");
	} else if (pf_throttle_check(pf_req_db(r), PF_THR_CODE, code_subject(r), &st, &wait) !=
	    PF_DB_OK)
		rc = 503;
	else if (st != PF_THR_GO) {
		pf_resp_status(r, 429);
		rc = render(r, &pd, a, "Factor.Error.Wait");
	} else {
		memset(&c, 0, sizeof(c));
		c.code = pf_req_field(r, F_CODE);
		if ((rc = pf_tx(r, confirm, &c)) == 0)
			rc = c.ok ? show_codes(r, c.codes, next_path(pf_req_session(r))) :
			    render(r, &pd, a, c.locked ? "Factor.Error.Wait" : "Enrol.Error.Code");
	}
	pf_wipe(&pd, sizeof(pd));
	return rc;
}

struct regen {
	char	*codes[PF_RECOVERY_CODES];
};

static int
regenerate(struct pf_req *r, void *arg)
{
	struct regen *g = arg;
	const struct pf_session *s = pf_req_session(r);
	enum pf_dberr e;

	if ((e = pf_recovery_new(pf_req_db(r), pf_req_pool(r), s->user, g->codes)) != PF_DB_OK ||
	    (e = pf_audit(r, "auth.recovery.renewed", PF_AUDIT_OK, s->user, "")) != PF_DB_OK)
		return pf_tx_err(e);
	return 0;
}

int
page_recovery_post(struct pf_req *r)
{
	struct regen g;
	int rc = pf_tx(r, regenerate, &g);

	return rc != 0 ? rc : show_codes(r, g.codes, "/");
}
