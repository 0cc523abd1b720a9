/*
 * token-grant.c: the token endpoint (RFC 6749 3.2): authorization_code
 * (4.1.3, OIDC Core 3.1.3, PKCE RFC 7636), refresh_token with rotation
 * and reuse detection (6, OAuth 2.0 Security BCP 4.14), client_credentials
 * (4.4).
 *
 * Each grant reads what it needs, signs its tokens, and then writes in
 * one transaction: the compare-and-set that spends the code or refresh
 * token, the new token rows and the audit event.  Signing comes before
 * the transaction so that no row stays locked for it; a request that
 * loses the compare-and-set throws its tokens away.
 *
 * Audit: every refusal to a client that authenticated (or, public,
 * named itself) is written as sso.token.refused with the error code; a
 * failed authentication of a registered client as well.  Requests that
 * name no registered client are only logged: garbage from the Internet
 * must not be able to fill the audit trail.
 */
#include <stdlib.h>
#include <time.h>

#include <jansson.h>
#include <openssl/evp.h>

#include "token.h"

/* What a grant found, what it issues, and what it answers. */
struct grant {
	struct app		 app;
	const char		*type;		/* grant_type, for the audit */
	/* the code or refresh token presented, spent by statement spend
	 * (SQL_CODE_USE, SQL_REFRESH_USE; 0: nothing to spend) */
	unsigned long long	 from_id;
	unsigned		 spend;
	unsigned long long	 code_id;	/* the code the tokens descend from */
	unsigned long long	 family;	/* refresh: the family; 0 for a code */
	unsigned long long	 session;
	struct subject		 subj;		/* subj.user 0: client_credentials */
	struct signin		 in;
	int			 refresh;	/* issue a refresh token */
	long long		 rt_seconds;	/* its lifetime */
	/* issued */
	char			 jti[PF_TOKEN_CHARS + 1];
	char			 rt[PF_TOKEN_CHARS + 1];
	char			*at, *idt;
	/* set by the transaction when the code or token was spent meanwhile */
	int			 reused;
};

/* The refusal: audited (for a client we know), then the JSON error. */
static int
refuse(struct pf_req *r, const struct app *a, unsigned long long user, const char *error,
    const char *description)
{
	int status = strcmp(error, "invalid_client") == 0 ? 401 : 400;
	enum pf_dberr e;

	if (a->id != 0 && (e = pf_audit_event(r, "sso.token.refused", PF_AUDIT_FAIL, user, 0,
	    pf_psprintf(pf_req_pool(r), "app:%llu", a->id), error, NULL, 0)) != PF_DB_OK)
		return pf_tx_err(e) == PF_TX_RETRY ? 503 : pf_tx_err(e);
	return oauth_error(r, status, error, description, status == 401 ? "Basic" : NULL);
}

/* RFC 7636 4.1: 43 to 128 characters of [A-Za-z0-9-._~]. */
static int
verifier_valid(const char *v)
{
	size_t n = strlen(v);

	return n >= 43 && n <= 128 && strspn(v, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "abcdefghijklmnopqrstuvwxyz0123456789-._~") == n;
}

/*
 * PKCE (RFC 7636 4.6, S256): 1 when BASE64URL(SHA256(verifier)) is the
 * code's challenge, compared in constant time.  A code without challenge
 * takes no verifier (the Security BCP's downgrade check), and a public
 * client's code always has one.  verifier, challenge: NULL when absent.
 */
static int
pkce_ok(const char *verifier, const char *challenge, int public)
{
	unsigned char md[32];
	unsigned int mdlen = 0;
	char b64[PF_TOKEN_CHARS + 1];

	if (challenge == NULL)
		return verifier == NULL && !public;
	if (verifier == NULL || !verifier_valid(verifier) ||
	    strlen(challenge) != PF_TOKEN_CHARS ||
	    EVP_Digest(verifier, strlen(verifier), md, &mdlen, EVP_sha256(), NULL) != 1)
		return 0;
	pf_b64url(md, sizeof(md), b64);
	return pf_memeq_ct(b64, challenge, PF_TOKEN_CHARS) == 0;
}

/* ---- issuing ---- */

/* Sign what g issues (before the transaction): access token, ID token
 * when the scope has openid, and a fresh refresh token's text. */
static int
sign_all(struct pf_req *r, struct grant *g, long long now)
{
	unsigned char raw[PF_TOKEN_BYTES];
	int status = 500;

	pf_token_new(raw, g->jti);
	if ((g->at = access_token(r, &g->app, g->subj.user ? g->subj.sub : g->app.client_id,
	    g->in.scope, g->jti, now, &status)) == NULL)
		return status;
	if (g->subj.user && scope_has(g->in.scope, "openid") &&
	    (g->idt = id_token(r, &g->app, &g->subj, &g->in, now, &status)) == NULL)
		return status;
	if (g->refresh)
		pf_token_new(raw, g->rt);
	pf_wipe(raw, sizeof(raw));
	return 0;
}

/* One oidc_tokens row; *id its id. */
static int
insert(struct pf_req *r, const struct grant *g, const char *kind, const char *text,
    unsigned long long family, long long seconds, unsigned long long *id)
{
	unsigned char h[32];
	enum pf_dberr e;

	if (pf_token_hash(text, h) != 0)
		return 500;
#define ID_OR_NULL(x)	((x) ? PF_INT((long long)(x)) : PF_NULL)
	e = pf_db_exec(pf_req_db(r), SQL_TOK_INSERT, PF_ARGS(PF_STR(kind),
	    PF_BLOB((const char *)h, sizeof(h)), PF_INT((long long)g->app.id),
	    ID_OR_NULL(g->subj.user), ID_OR_NULL(g->session), ID_OR_NULL(g->code_id),
	    ID_OR_NULL(family), PF_STR(g->in.scope),
	    g->in.sid != NULL && *g->in.sid ? PF_STR(g->in.sid) : PF_NULL,
	    g->in.auth_time > 0 ? PF_INT(g->in.auth_time) : PF_NULL,
	    PF_STR(g->in.amr != NULL ? g->in.amr : ""), PF_STR(g->in.acr != NULL ? g->in.acr : ""),
	    PF_INT(seconds)), NULL, id);
#undef ID_OR_NULL
	return pf_tx_err(e);
}

/* Spent meanwhile: what it issued is revoked (RFC 6749 4.1.2, 10.4). */
static int
revoke_reused(struct pf_req *r, struct grant *g)
{
	enum pf_dberr e;

	g->reused = 1;
	if (g->family != 0)
		e = pf_db_exec(pf_req_db(r), SQL_TOK_REVOKE_FAMILY,
		    PF_ARGS(PF_INT((long long)g->family)), NULL, NULL);
	else
		e = pf_db_exec(pf_req_db(r), SQL_TOK_REVOKE_CODE,
		    PF_ARGS(PF_INT((long long)g->code_id)), NULL, NULL);
	if (e == PF_DB_OK)
		e = pf_audit_event(r, "sso.token.reused", PF_AUDIT_FAIL, g->subj.user, 0,
		    pf_psprintf(pf_req_pool(r), "app:%llu", g->app.id), g->type, NULL, 0);
	return pf_tx_err(e);
}

static int
reused_tx(struct pf_req *r, void *arg)
{
	return revoke_reused(r, arg);
}

/* The transaction of a grant: spend the code or refresh token (a lost
 * race is a reuse), write the new rows, audit. */
static int
issue_tx(struct pf_req *r, void *arg)
{
	struct grant *g = arg;
	struct pf_db *db = pf_req_db(r);
	unsigned long long n = 0, rid = 0, family = g->family;
	long long at_s = pf_conf_int("Sso.AccessTokenMinutes") * 60;
	enum pf_dberr e;
	int rc;

	g->reused = 0;
	if (g->spend != 0) {
		e = pf_db_exec(db, g->spend, PF_ARGS(PF_INT((long long)g->from_id)), &n, NULL);
		if (e != PF_DB_OK)
			return pf_tx_err(e);
		if (n != 1)
			return revoke_reused(r, g);
	}
	if (g->refresh) {
		if ((rc = insert(r, g, "refresh", g->rt, family, g->rt_seconds, &rid)) != 0)
			return rc;
		/* the first refresh token of a sign-in founds the family */
		if (family == 0) {
			family = rid;
			if ((e = pf_db_exec(db, SQL_TOK_FAMILY_SELF,
			    PF_ARGS(PF_INT((long long)rid)), NULL, NULL)) != PF_DB_OK)
				return pf_tx_err(e);
		}
	}
	/* the access token joins the family, so that revoking the family
	 * ends it too */
	if ((rc = insert(r, g, "access", g->jti, family, at_s, NULL)) != 0)
		return rc;
	e = pf_audit_event(r, "sso.token.issued", PF_AUDIT_OK, g->subj.user, g->subj.org,
	    pf_psprintf(pf_req_pool(r), "app:%llu", g->app.id), g->type, NULL, 0);
	return pf_tx_err(e);
}

/* Sign, write, answer. */
static int
issue(struct pf_req *r, struct grant *g)
{
	long long now = (long long)time(NULL);
	json_t *j;
	int rc;

	if ((rc = sign_all(r, g, now)) != 0)
		return rc == 503 ? oauth_error(r, 503, "server_error", NULL, NULL) : rc;
	if ((rc = pf_tx(r, issue_tx, g)) != 0)
		return rc;
	if (g->reused)
		return oauth_error(r, 400, "invalid_grant", "already used", NULL);
	j = json_pack("{s:s, s:s, s:I, s:s}", "access_token", g->at, "token_type", "Bearer",
	    "expires_in", (json_int_t)(pf_conf_int("Sso.AccessTokenMinutes") * 60),
	    "scope", g->in.scope);
	if (j == NULL)
		return 500;
	if (g->idt != NULL)
		json_object_set_new(j, "id_token", json_string(g->idt));
	if (g->refresh)
		json_object_set_new(j, "refresh_token", json_string(g->rt));
	pf_wipe(g->rt, sizeof(g->rt));
	pf_resp_header(r, "Pragma", "no-cache");
	return json_reply(r, j);
}

/* ---- the grants ---- */

static int
grant_code(struct pf_req *r, struct grant *g)
{
	const char *code = pf_req_field(r, F_CODE), *uri = pf_req_field(r, F_REDIRECT_URI),
	    *verifier = pf_req_field(r, F_CODE_VERIFIER), *challenge;
	const struct app *a = &g->app;
	struct pf_rows rows;
	unsigned char h[32];
	int rc;

	if (!a->grant_code)
		return refuse(r, a, 0, "unauthorized_client", NULL);
	if (code == NULL || uri == NULL)
		return refuse(r, a, 0, "invalid_request", "code and redirect_uri are required");
	if (pf_token_hash(code, h) != 0)
		return refuse(r, a, 0, "invalid_grant", NULL);
	if (pf_db_query(pf_req_db(r), pf_req_pool(r), SQL_CODE_GET,
	    PF_ARGS(PF_BLOB((const char *)h, sizeof(h))), &rows) != PF_DB_OK)
		return 503;
	/* another client's code is as unknown as none (RFC 6749 4.1.3) */
	if (rows.n != 1 || (unsigned long long)PF_CELL(&rows, 0, 1)->i != a->id)
		return refuse(r, a, 0, "invalid_grant", NULL);
	g->from_id = g->code_id = (unsigned long long)PF_CELL(&rows, 0, 0)->i;
	g->spend = SQL_CODE_USE;
	g->subj.user = (unsigned long long)PF_CELL(&rows, 0, 2)->i;
	g->session = (unsigned long long)PF_CELL(&rows, 0, 3)->i;
	g->in.scope = pf_cell_str(&rows, 0, 5);
	g->in.nonce = PF_CELL(&rows, 0, 6)->type == PF_V_NULL ? NULL : pf_cell_str(&rows, 0, 6);
	challenge = PF_CELL(&rows, 0, 7)->type == PF_V_NULL ? NULL : pf_cell_str(&rows, 0, 7);
	g->in.sid = pf_cell_str(&rows, 0, 8);
	g->in.auth_time = PF_CELL(&rows, 0, 9)->i;
	g->in.amr = pf_cell_str(&rows, 0, 10);
	g->in.acr = pf_cell_str(&rows, 0, 11);
	/* a second presentation revokes what the first one got */
	if (PF_CELL(&rows, 0, 13)->i) {
		if ((rc = pf_tx(r, reused_tx, g)) != 0)
			return rc;
		return oauth_error(r, 400, "invalid_grant", "already used", NULL);
	}
	if (strcmp(uri, pf_cell_str(&rows, 0, 4)) != 0)
		return refuse(r, a, g->subj.user, "invalid_grant", "redirect_uri differs");
	if (!PF_CELL(&rows, 0, 12)->i)
		return refuse(r, a, g->subj.user, "invalid_grant", "expired");
	if (!pkce_ok(verifier, challenge, !a->has_secret))
		return refuse(r, a, g->subj.user, "invalid_grant", "code_verifier");
	if ((rc = subject_fill(r, a, &rows, 14, g->subj.user, &g->subj)) != 0)
		return rc;
	if (!g->subj.active)
		return refuse(r, a, g->subj.user, "invalid_grant", "user inactive");
	g->refresh = a->grant_refresh;
	g->rt_seconds = pf_conf_int("Sso.RefreshDays") * 86400;
	return issue(r, g);
}

static int
grant_refresh(struct pf_req *r, struct grant *g)
{
	const char *text = pf_req_field(r, F_REFRESH_TOKEN), *want = pf_req_field(r, F_SCOPE);
	const struct app *a = &g->app;
	struct pf_rows rows;
	unsigned char h[32];
	int yes, rc, unknown;

	if (!a->grant_refresh)
		return refuse(r, a, 0, "unauthorized_client", NULL);
	if (text == NULL)
		return refuse(r, a, 0, "invalid_request", "refresh_token is required");
	if (pf_token_hash(text, h) != 0)
		return refuse(r, a, 0, "invalid_grant", NULL);
	if (pf_db_query(pf_req_db(r), pf_req_pool(r), SQL_REFRESH_GET,
	    PF_ARGS(PF_BLOB((const char *)h, sizeof(h))), &rows) != PF_DB_OK)
		return 503;
	if (rows.n != 1 || (unsigned long long)PF_CELL(&rows, 0, 1)->i != a->id)
		return refuse(r, a, 0, "invalid_grant", NULL);
	g->from_id = (unsigned long long)PF_CELL(&rows, 0, 0)->i;
	g->spend = SQL_REFRESH_USE;
	g->subj.user = (unsigned long long)PF_CELL(&rows, 0, 2)->i;
	g->session = (unsigned long long)PF_CELL(&rows, 0, 3)->i;
	g->code_id = (unsigned long long)PF_CELL(&rows, 0, 4)->i;
	g->family = (unsigned long long)PF_CELL(&rows, 0, 5)->i;
	g->in.scope = pf_cell_str(&rows, 0, 6);
	g->in.sid = pf_cell_str(&rows, 0, 7);
	g->in.auth_time = PF_CELL(&rows, 0, 8)->i;
	g->in.amr = pf_cell_str(&rows, 0, 9);
	g->in.acr = pf_cell_str(&rows, 0, 10);
	if (PF_CELL(&rows, 0, 13)->i)
		return refuse(r, a, g->subj.user, "invalid_grant", "revoked");
	/* a used refresh token again: one of the two holders is a thief,
	 * and we cannot tell which; the family ends */
	if (PF_CELL(&rows, 0, 12)->i) {
		if ((rc = pf_tx(r, reused_tx, g)) != 0)
			return rc;
		return oauth_error(r, 400, "invalid_grant", "already used", NULL);
	}
	if (!PF_CELL(&rows, 0, 11)->i)
		return refuse(r, a, g->subj.user, "invalid_grant", "expired");
	/* narrowed, never widened (RFC 6749 6) */
	if (want != NULL && *want) {
		struct app granted = *a;

		granted.scopes = g->in.scope;
		g->in.scope = scope_grant(r, &granted, want, &unknown);
		if (unknown || !*g->in.scope)
			return refuse(r, a, g->subj.user, "invalid_scope", NULL);
	}
	/* the user may have left, or lost the application, since */
	if ((rc = subject_fill(r, a, &rows, 15, g->subj.user, &g->subj)) != 0)
		return rc;
	if (!g->subj.active)
		return refuse(r, a, g->subj.user, "invalid_grant", "user inactive");
	if ((rc = app_may_use(r, a, g->subj.user, g->subj.org, &yes)) != 0)
		return rc;
	if (!yes)
		return refuse(r, a, g->subj.user, "invalid_grant", "access withdrawn");
	/* rotation keeps the family's end: Sso.RefreshDays after the
	 * sign-in, not after the last refresh, so that a stolen family
	 * does not live for ever */
	g->refresh = 1;
	g->rt_seconds = PF_CELL(&rows, 0, 14)->i;
	return issue(r, g);
}

/* The words of list that do not speak of a user (openid, profile, ...:
 * meaningless without one), in pool; *dropped is set when it had any. */
static char *
machine_scopes(struct pf_req *r, const char *list, int *dropped)
{
	static const char *const user[] = { "openid", "offline_access", "profile", "email",
	    "roles", NULL };
	struct pf_buf b = { 0 };
	const char *w;
	char *out;
	size_t i, k;

	*dropped = 0;
	for (w = list; *w; w += k) {
		w += strspn(w, " ");
		if ((k = strcspn(w, " ")) == 0)
			break;
		for (i = 0; user[i] != NULL; i++)
			if (strlen(user[i]) == k && strncmp(user[i], w, k) == 0)
				break;
		if (user[i] != NULL) {
			*dropped = 1;
			continue;
		}
		if (b.len)
			pf_buf_adds(&b, " ");
		pf_buf_add(&b, w, k);
	}
	out = pf_pstrdup(pf_req_pool(r), b.data != NULL ? b.data : "");
	pf_buf_free(&b);
	return out;
}

static int
grant_client(struct pf_req *r, struct grant *g)
{
	const char *want = pf_req_field(r, F_SCOPE);
	const struct app *a = &g->app;
	int unknown = 0, user = 0;

	if (!a->grant_client || !a->has_secret)
		return refuse(r, a, 0, "unauthorized_client", NULL);
	/* default: every scope of the application that needs no user */
	if (want == NULL || *want == '\0')
		g->in.scope = machine_scopes(r, a->scopes, &user);
	else {
		g->in.scope = machine_scopes(r, scope_grant(r, a, want, &unknown), &user);
		if (unknown || user)
			return refuse(r, a, 0, "invalid_scope", NULL);
	}
	g->in.amr = g->in.acr = "";
	return issue(r, g);
}

int
page_token(struct pf_req *r)
{
	const char *type = pf_req_field(r, F_GRANT_TYPE);
	struct grant g;
	int ok, rc;

	memset(&g, 0, sizeof(g));
	if ((rc = client_auth(r, 1, &g.app, &ok)) != 0)
		return rc;
	if (!ok) {
		if (g.app.id == 0)
			pf_log(r, PF_LOG_INFO, "token: a request of no registered client");
		return refuse(r, &g.app, 0, "invalid_client", NULL);
	}
	g.type = type != NULL ? type : "";
	if (type == NULL)
		return refuse(r, &g.app, 0, "invalid_request", "grant_type is required");
	if (strcmp(type, "authorization_code") == 0)
		return grant_code(r, &g);
	if (strcmp(type, "refresh_token") == 0)
		return grant_refresh(r, &g);
	if (strcmp(type, "client_credentials") == 0)
		return grant_client(r, &g);
	g.type = "unsupported";
	return refuse(r, &g.app, 0, "unsupported_grant_type", NULL);
}
