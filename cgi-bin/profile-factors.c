/*
 * profile-factors.c: the second factors: the authenticator app (TOTP),
 * the recovery codes, and SMS codes to the phone on file.
 *
 * Adding a first authenticator follows the enrolment of the login: a
 * pending secret in the totp table, confirmed by a code from the app.
 * The table holds one authenticator per user, so a replacement cannot
 * wait there beside the old one: its secret travels sealed (under the
 * user's key, bound to the user and valid for a while) in the form, and
 * the old authenticator keeps working until a code from the new one
 * replaces it in one statement.  Removing one needs a confirmation and is
 * refused while it is the user's last second factor.  All of these need a
 * recent second factor (the pages are PF_PAGE_STEPUP).
 */
#include <stdio.h>
#include <time.h>

#include "profile.h"

#define PENDING_SECONDS	(15 * 60)	/* how long a replacement may take */
#define PENDING_LEN	(8 + PF_TOTP_SECRET_LEN)	/* expiry, secret */

/* SMS codes count as a factor when a phone is on file and a gateway is
 * configured (as in lib/session.c). */
static int
sms_factor(const struct pf_account *a)
{
	return *a->phone != '\0' && *pf_conf_str("SMS.URL") != '\0';
}

int
page_security(struct pf_req *r)
{
	struct pf_db *db = pf_req_db(r);
	struct pf_account *a = own_account(r);
	long long left = 0;
	int totp = 0;

	if (a == NULL)
		return 500;
	if (pf_totp_enrolled(db, a->id, &totp) != PF_DB_OK ||
	    pf_recovery_left(db, a->id, &left) != PF_DB_OK)
		return 503;
	pf_set(r, "Profile.Totp", totp ? "1" : "0");
	pf_set_int(r, "Profile.RecoveryLeft", left);
	if (*a->phone)
		pf_set(r, "Profile.Phone", a->phone);
	pf_set(r, "Profile.SmsGateway", *pf_conf_str("SMS.URL") ? "1" : "0");
	pf_set(r, "Profile.Sms", sms_factor(a) ? "1" : "0");
	/* What the form offers; the handlers decide again. */
	pf_set(r, "Profile.CanRemove", totp && sms_factor(a) ? "1" : "0");
	return profile_render(r, "profile_security.cs", "Security");
}

/* ---- the authenticator: showing a secret ---- */

static const char *
issuer(void)
{
	const char *i = pf_conf_str("Auth.Issuer");

	return *i ? i : pf_conf_str("Portal.Name");
}

/* The page with the secret as QR code (an SVG image inline, as data:
 * URL), as text in groups of four and as otpauth:// URI.  pending: the
 * sealed replacement, NULL when adding a first one. */
static int
show_secret(struct pf_req *r, const struct pf_account *a,
    const unsigned char secret[PF_TOTP_SECRET_LEN], const char *pending, const char *error)
{
	struct pf_pool *p = pf_req_pool(r);
	struct pf_buf b = { 0 };
	const char *b32, *uri, *svg;
	size_t i;

	b32 = pf_totp_base32(p, secret, PF_TOTP_SECRET_LEN);
	for (i = 0; b32[i]; i++) {
		if (i > 0 && i % 4 == 0)
			pf_buf_add(&b, " ", 1);
		pf_buf_add(&b, &b32[i], 1);
	}
	pf_set(r, "Totp.Secret", b.data);
	pf_buf_reset(&b);
	uri = pf_totp_uri(p, issuer(), a->email, secret, PF_TOTP_SECRET_LEN);
	pf_set(r, "Totp.URI", uri);
	if ((svg = pf_qr_svg(p, uri)) != NULL) {
		pf_buf_adds(&b, "data:image/svg+xml,");
		pf_buf_pct(&b, svg, strlen(svg), "");
		pf_set(r, "Totp.QR", b.data);
	}
	pf_buf_free(&b);
	if (pending != NULL) {
		pf_set(r, "Totp.Replace", "1");
		pf_set(r, "Totp.Pending", pending);
	}
	if (error != NULL) {
		pf_set(r, "Form.Errors.code", pf_tr(r, error));
		pf_set(r, "Form.Message", pf_tr(r, "Profile.Error.Form"));
	}
	return profile_render(r, "profile_totp.cs", pending ? "TotpReplace" : "Totp");
}

struct secret {
	unsigned char	 secret[PF_TOTP_SECRET_LEN];
	const char	*pending;	/* sealed replacement, base64url */
};

/* A first authenticator: the pending one of the totp table. */
static int
make_pending(struct pf_req *r, void *arg)
{
	struct secret *k = arg;

	return pf_tx_err(pf_totp_pending(pf_req_db(r), pf_req_pool(r), pf_req_session(r)->user,
	    k->secret));
}

/* A replacement: a new secret with its expiry, sealed for the form. */
static int
seal_pending(struct pf_req *r, void *arg)
{
	struct secret *k = arg;
	struct pf_pool *p = pf_req_pool(r);
	unsigned long long user = pf_req_session(r)->user;
	unsigned char plain[PENDING_LEN];
	uint64_t expiry = (uint64_t)time(NULL) + PENDING_SECONDS;
	struct pf_val ct;
	char *text;
	int i;

	pf_totp_secret_new(k->secret);
	for (i = 0; i < 8; i++)
		plain[i] = (unsigned char)(expiry >> (56 - 8 * i));
	memcpy(plain + 8, k->secret, PF_TOTP_SECRET_LEN);
	if (pf_seal(pf_req_db(r), p, PF_KS_USER, user, PF_AT("totp", "pending", user), plain,
	    sizeof(plain), &ct) != PF_C_OK) {
		pf_wipe(plain, sizeof(plain));
		return 500;
	}
	pf_wipe(plain, sizeof(plain));
	text = pf_palloc(p, 4 * ((ct.len + 2) / 3) + 1);
	pf_b64url((const unsigned char *)ct.s, ct.len, text);
	k->pending = text;
	return 0;
}

/* The secret of a sealed replacement: 0, or -1 when it is not one of
 * this user's or has expired. */
static int
open_pending(struct pf_req *r, const char *text, unsigned char secret[PF_TOTP_SECRET_LEN])
{
	struct pf_pool *p = pf_req_pool(r);
	unsigned long long user = pf_req_session(r)->user;
	size_t tlen = strlen(text), n = tlen * 3 / 4;
	struct pf_val in, out;
	uint64_t expiry = 0;
	unsigned char *raw;
	int i;

	if (tlen % 4 == 1)
		return -1;
	raw = pf_palloc(p, n + 1);
	if (pf_b64url_decode(text, raw, n) != 0)
		return -1;
	in = PF_BLOB((const char *)raw, n);
	if (pf_open(pf_req_db(r), p, PF_AT("totp", "pending", user), &in, &out) != PF_C_OK ||
	    out.type != PF_V_STR || out.len != PENDING_LEN)
		return -1;
	for (i = 0; i < 8; i++)
		expiry = expiry << 8 | (unsigned char)out.s[i];
	if (expiry < (uint64_t)time(NULL))
		return -1;
	memcpy(secret, out.s + 8, PF_TOTP_SECRET_LEN);
	return 0;
}

int
page_totp(struct pf_req *r)
{
	struct pf_account *a = own_account(r);
	struct secret k;
	int enrolled = 0, rc;

	if (a == NULL)
		return 500;
	memset(&k, 0, sizeof(k));
	if (pf_totp_enrolled(pf_req_db(r), a->id, &enrolled) != PF_DB_OK)
		return 503;
	rc = pf_tx(r, enrolled ? seal_pending : make_pending, &k);
	if (rc == 0)
		rc = show_secret(r, a, k.secret, k.pending, NULL);
	pf_wipe(&k, sizeof(k));
	return rc;
}

/* ---- the authenticator: confirming a code ---- */

struct confirm {
	const struct pf_account	*a;
	const unsigned char	*secret;	/* replacement, or NULL */
	const char		*code;
	long long		 step;
	int			 ok;
	int			 locked;
	int			 make_codes;	/* a first factor without codes */
	char			*codes[PF_RECOVERY_CODES];
};

static int
record_failure(struct pf_req *r, void *arg)
{
	struct confirm *c = arg;
	enum pf_dberr e;

	if ((e = pf_throttle_fail(pf_req_db(r), PF_THR_CODE, user_subject(r), &c->locked)) !=
	    PF_DB_OK ||
	    (e = pf_audit(r, "profile.mfa.added", PF_AUDIT_FAIL, c->a->id, c->secret ?
	    "replace" : "add")) != PF_DB_OK)
		return pf_tx_err(e);
	return 0;
}

/* The replacement takes the confirmed authenticator's row. */
static int
replace(struct pf_req *r, struct confirm *c)
{
	struct pf_db *db = pf_req_db(r);
	struct pf_rows row;
	struct pf_val ct;
	unsigned long long id, n = 0;
	enum pf_dberr e;

	if ((e = pf_db_query(db, pf_req_pool(r), SQL_TOTP_ROW, PF_ARGS(PF_INT((long long)c->a->id)),
	    &row)) != PF_DB_OK)
		return pf_tx_err(e);
	if (row.n != 1 || PF_CELL(&row, 0, 1)->i != 1)
		return 409;	/* removed meanwhile: add one instead */
	id = (unsigned long long)PF_CELL(&row, 0, 0)->i;
	if (pf_seal(db, pf_req_pool(r), PF_KS_USER, c->a->id, PF_AT("totp", "secret_enc", id),
	    c->secret, PF_TOTP_SECRET_LEN, &ct) != PF_C_OK)
		return 500;
	if ((e = pf_db_exec(db, SQL_TOTP_REPLACE, PF_ARGS(ct, PF_INT(c->step),
	    PF_INT((long long)c->a->id), PF_INT((long long)id)), &n, NULL)) != PF_DB_OK)
		return pf_tx_err(e);
	return n == 1 ? 0 : 409;
}

static int
confirm(struct pf_req *r, void *arg)
{
	struct confirm *c = arg;
	struct pf_db *db = pf_req_db(r);
	long long left = 0;
	enum pf_dberr e;
	int rc;

	if (c->secret != NULL) {
		if ((rc = replace(r, c)) != 0)
			return rc;
	} else {
		if ((e = pf_totp_use(db, pf_req_pool(r), c->a->id, 1, c->code, &c->ok)) != PF_DB_OK)
			return pf_tx_err(e);
		if (!c->ok)
			return 0;
		if ((e = pf_recovery_left(db, c->a->id, &left)) != PF_DB_OK)
			return pf_tx_err(e);
		c->make_codes = left == 0;
		if (c->make_codes && (e = pf_recovery_new(db, pf_req_pool(r), c->a->id, c->codes)) !=
		    PF_DB_OK)
			return pf_tx_err(e);
	}
	if ((e = pf_throttle_clear(db, PF_THR_CODE, user_subject(r))) != PF_DB_OK ||
	    (e = pf_audit(r, "profile.mfa.added", PF_AUDIT_OK, c->a->id, c->secret ?
	    "replace" : "add")) != PF_DB_OK)
		return pf_tx_err(e);
	return 0;
}

static int
code_wellformed(const char *code)
{
	return code != NULL && strlen(code) == 6 && strspn(code, "0123456789") == 6;
}

int
page_totp_post(struct pf_req *r)
{
	struct pf_account *a = own_account(r);
	const char *pending = pf_req_field(r, F_PENDING);
	struct secret k;
	struct confirm c;
	enum pf_thr_state st;
	long wait;
	int enrolled = 0, rc;
	size_t i;

	if (a == NULL)
		return 500;
	memset(&k, 0, sizeof(k));
	memset(&c, 0, sizeof(c));
	c.a = a;
	c.code = pf_req_field(r, F_CODE);
	if (pf_totp_enrolled(pf_req_db(r), a->id, &enrolled) != PF_DB_OK)
		return 503;
	/* The page to come back to: the same secret again. */
	if (pending != NULL) {
		if (!enrolled)
			return pf_resp_redirect(r, 303, "/profile/totp");
		if (open_pending(r, pending, k.secret) != 0) {
			/* expired or not this user's: a new one */
			pf_resp_status(r, 422);
			if ((rc = pf_tx(r, seal_pending, &k)) == 0)
				rc = show_secret(r, a, k.secret, k.pending, "Profile.Error.TotpExpired");
			goto out;
		}
		k.pending = pending;
		c.secret = k.secret;
	} else if (enrolled) {
		rc = pf_resp_redirect(r, 303, "/profile/totp");
		goto out;
	} else if ((rc = pf_tx(r, make_pending, &k)) != 0)
		goto out;

	if (!code_wellformed(c.code)) {
		pf_resp_status(r, 422);
		rc = show_secret(r, a, k.secret, k.pending, "Profile.Error.Code");
		goto out;
	}
	if (pf_throttle_check(pf_req_db(r), PF_THR_CODE, user_subject(r), &st, &wait) !=
	    PF_DB_OK) {
		rc = 503;
		goto out;
	}
	if (st != PF_THR_GO) {
		pf_resp_status(r, 429);
		rc = show_secret(r, a, k.secret, k.pending, "Profile.Error.CodeWait");
		goto out;
	}
	if (c.secret != NULL)
		c.ok = pf_totp_check(c.secret, PF_TOTP_SECRET_LEN, (long long)time(NULL), c.code,
		    0, &c.step) == 1;
	if (c.secret != NULL && !c.ok)
		rc = 0;
	else
		rc = pf_tx(r, confirm, &c);
	if (rc == 409) {
		rc = pf_resp_redirect(r, 303, "/profile/security");
		goto out;
	}
	if (rc != 0)
		goto out;
	if (!c.ok) {
		if ((rc = pf_tx(r, record_failure, &c)) != 0)
			goto out;
		pf_resp_status(r, c.locked ? 429 : 422);
		rc = show_secret(r, a, k.secret, k.pending, c.locked ? "Profile.Error.CodeWait" :
		    "Profile.Error.Code");
		goto out;
	}
	if (c.make_codes) {
		/* A first authenticator without recovery codes: shown once. */
		for (i = 0; i < PF_RECOVERY_CODES; i++)
			pf_setf(r, c.codes[i], "Recovery.Codes.%zu", i);
		pf_set(r, "Recovery.Next", "/profile/security?n=totpadded");
		rc = pf_render_page(r, "recovery.cs", "recovery", "Recovery.Title");
		goto out;
	}
	rc = pf_resp_redirect(r, 303, c.secret ? "/profile/security?n=totpreplaced" :
	    "/profile/security?n=totpadded");
out:
	pf_wipe(&k, sizeof(k));
	return rc;
}

/* ---- removing the authenticator ---- */

static int
remove_totp(struct pf_req *r, void *arg)
{
	const struct pf_account *a = arg;
	unsigned long long n = 0;
	enum pf_dberr e;

	if ((e = pf_db_exec(pf_req_db(r), SQL_TOTP_DELETE, PF_ARGS(PF_INT((long long)a->id)),
	    &n, NULL)) != PF_DB_OK)
		return pf_tx_err(e);
	if (n == 0)
		return 409;
	if ((e = pf_audit(r, "profile.mfa.removed", PF_AUDIT_OK, a->id, "")) != PF_DB_OK)
		return pf_tx_err(e);
	return 0;
}

int
page_totp_remove(struct pf_req *r)
{
	struct pf_account *a = own_account(r);
	int enrolled = 0, rc;

	if (a == NULL)
		return 500;
	if (pf_totp_enrolled(pf_req_db(r), a->id, &enrolled) != PF_DB_OK)
		return 503;
	if (!enrolled)
		return pf_resp_redirect(r, 303, "/profile/security");
	/* Policy: a second factor always; the app may go only when SMS
	 * codes remain. */
	if (!sms_factor(a))
		return profile_message(r, 409, "LastFactor", "/profile/security");
	if (pf_req_field(r, F_CONFIRM) == NULL || strcmp(pf_req_field(r, F_CONFIRM), "1") != 0)
		return profile_render(r, "profile_remove.cs", "TotpRemove");
	if ((rc = pf_tx(r, remove_totp, a)) == 409)
		return pf_resp_redirect(r, 303, "/profile/security");
	if (rc != 0)
		return rc;
	return pf_resp_redirect(r, 303, "/profile/security?n=totpremoved");
}

/* ---- recovery codes ---- */

struct regen {
	char	*codes[PF_RECOVERY_CODES];
};

static int
regenerate(struct pf_req *r, void *arg)
{
	struct regen *g = arg;
	unsigned long long user = pf_req_session(r)->user;
	enum pf_dberr e;

	if ((e = pf_recovery_new(pf_req_db(r), pf_req_pool(r), user, g->codes)) != PF_DB_OK ||
	    (e = pf_audit(r, "auth.recovery.renewed", PF_AUDIT_OK, user, "")) != PF_DB_OK)
		return pf_tx_err(e);
	return 0;
}

int
page_recovery_post(struct pf_req *r)
{
	struct regen g;
	size_t i;
	int rc = pf_tx(r, regenerate, &g);

	if (rc != 0)
		return rc;
	for (i = 0; i < PF_RECOVERY_CODES; i++)
		pf_setf(r, g.codes[i], "Recovery.Codes.%zu", i);
	pf_set(r, "Recovery.Next", "/profile/security");
	return pf_render_page(r, "recovery.cs", "recovery", "Recovery.Title");
}
