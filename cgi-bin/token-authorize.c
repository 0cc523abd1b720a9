/*
 * token-authorize.c: the authorization endpoint (OIDC Core 3.1.2, code
 * flow only), the consent page and its answer, and the form_post page.
 *
 * Trust comes in two steps.  Until client_id names an active application
 * and redirect_uri is one of its registered URIs byte for byte, nothing
 * goes back to any URI: the user sees a page (400).  After that every
 * error goes to the application in the protocol's form (error, state,
 * iss: RFC 6749 4.1.2.1, RFC 9207), by redirect or by form_post.
 *
 * The portal session is the single sign-on session.  Without a full one
 * the user signs in (password or magic link, then the second factor) and
 * comes back here through return_to; prompt=login and an exceeded max_age
 * renew the second factor through /login/factor?renew=1 and come back
 * (see reauth() for how a renewal is told from a user who just reloads).
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "token.h"

/* The authorization request's parameters in the order a consent form and
 * a kept request (return_to) carry them: F_CLIENT_ID .. F_ACR_VALUES. */
static const char *const names[] = {
	[F_CLIENT_ID] = "client_id", [F_REDIRECT_URI] = "redirect_uri",
	[F_RESPONSE_TYPE] = "response_type", [F_SCOPE] = "scope", [F_STATE] = "state",
	[F_NONCE] = "nonce", [F_PROMPT] = "prompt", [F_MAX_AGE] = "max_age",
	[F_LOGIN_HINT] = "login_hint", [F_RESPONSE_MODE] = "response_mode",
	[F_CODE_CHALLENGE] = "code_challenge",
	[F_CODE_CHALLENGE_METHOD] = "code_challenge_method", [F_ACR_VALUES] = "acr_values",
};
#define NPARAMS	(F_ACR_VALUES + 1)

/* The scopes the consent page explains (L.Sso.Scope.<name>). */
static const char *const explained[] = { "openid", "email", "profile", "roles",
	"offline_access", NULL };

/* A checked authorization request. */
struct authz {
	struct app	 app;
	const char	*redirect_uri;
	const char	*scope;		/* granted: requested and allowed */
	const char	*state, *nonce, *challenge, *hint;
	long long	 max_age;	/* -1: none */
	int		 form_post;
	int		 none, login, consent;	/* prompt values */
	/* set by parse(): show the user this page (key of L.<key>.Title) */
	const char	*untrusted;
	/* set by parse(): send this error to the application */
	const char	*error, *error_description;
};

/* A parameter of the response. */
struct kv {
	const char	*name, *value;
};

static const char *
field(struct pf_req *r, int k)
{
	return pf_req_field(r, k);
}

/* 1 when s is n characters of the base64url alphabet. */
static int
b64url(const char *s, size_t n)
{
	return strlen(s) == n && strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	    "0123456789-_") == n;
}

/* 1 when every byte is printable ASCII (what the code row's columns hold). */
static int
ascii(const char *s)
{
	for (; *s; s++)
		if (*s < 0x20 || *s > 0x7e)
			return 0;
	return 1;
}

static void
bad(struct authz *a, const char *error, const char *description)
{
	if (a->error == NULL) {
		a->error = error;
		a->error_description = description;
	}
}

/*
 * Check the request as OIDC Core 3.1.2.2 asks, for the authorization
 * endpoint and the consent form alike (the form carries the same
 * parameters and is checked again: it is the user's browser that sends
 * it).  Returns 0 with a filled, a->untrusted or a->error set; or the
 * HTTP status of a database failure.
 */
static int
parse(struct pf_req *r, struct authz *a)
{
	const char *client = field(r, F_CLIENT_ID), *rt = field(r, F_RESPONSE_TYPE),
	    *mode = field(r, F_RESPONSE_MODE), *scope = field(r, F_SCOPE),
	    *method = field(r, F_CODE_CHALLENGE_METHOD), *prompt = field(r, F_PROMPT),
	    *age = field(r, F_MAX_AGE), *p;
	char *end;
	size_t k;
	int found, unknown, rc;

	memset(a, 0, sizeof(*a));
	a->max_age = -1;
	if ((rc = app_by_client_id(r, client, &a->app, &found)) != 0)
		return rc;
	if (!found || !a->app.active) {
		a->untrusted = "Sso.Error.Client";
		return 0;
	}
	a->redirect_uri = field(r, F_REDIRECT_URI);
	if (!uri_registered(a->app.redirect_uris, a->redirect_uri)) {
		a->untrusted = "Sso.Error.Redirect";
		return 0;
	}
	/* From here on the application hears of every problem. */
	a->state = field(r, F_STATE);
	if (mode != NULL && strcmp(mode, "form_post") == 0)
		a->form_post = 1;
	else if (mode != NULL && strcmp(mode, "query") != 0)
		bad(a, "invalid_request", "response_mode must be query or form_post");
	if (rt == NULL)
		bad(a, "invalid_request", "response_type is missing");
	else if (strcmp(rt, "code") != 0)
		bad(a, "unsupported_response_type", "only the code flow is supported");
	if (!a->app.grant_code)
		bad(a, "unauthorized_client", "the client may not use the code flow");
	if (scope == NULL || !scope_has(scope, "openid"))
		bad(a, "invalid_request", "scope must contain openid");
	else {
		a->scope = scope_grant(r, &a->app, scope, &unknown);
		if (unknown)
			bad(a, "invalid_scope", "a requested scope is not allowed for this client");
	}
	/* PKCE (RFC 7636): S256 only; a public client proves itself by it. */
	a->challenge = field(r, F_CODE_CHALLENGE);
	if (method != NULL && strcmp(method, "S256") != 0)
		bad(a, "invalid_request", "code_challenge_method must be S256");
	else if (method != NULL && a->challenge == NULL)
		bad(a, "invalid_request", "code_challenge is missing");
	if (a->challenge != NULL && (method == NULL || !b64url(a->challenge, 43)))
		bad(a, "invalid_request", "code_challenge must be 43 characters of base64url "
		    "with code_challenge_method S256");
	if (a->challenge == NULL && !a->app.has_secret)
		bad(a, "invalid_request", "a public client must use PKCE");
	a->nonce = field(r, F_NONCE);
	if (a->nonce != NULL && (strlen(a->nonce) > 255 || !ascii(a->nonce)))
		bad(a, "invalid_request", "nonce too long or not ASCII");
	for (p = prompt; p != NULL && *p; p += k) {
		p += strspn(p, " ");
		k = strcspn(p, " ");
		if (k == 4 && strncmp(p, "none", 4) == 0)
			a->none = 1;
		else if (k == 5 && strncmp(p, "login", 5) == 0)
			a->login = 1;
		else if (k == 7 && strncmp(p, "consent", 7) == 0)
			a->consent = 1;
		else if (!(k == 14 && strncmp(p, "select_account", 14) == 0) && k > 0)
			bad(a, "invalid_request", "unknown prompt value");
	}
	if (a->none && (a->login || a->consent))
		bad(a, "invalid_request", "prompt none cannot be combined");
	if (age != NULL) {
		a->max_age = strtoll(age, &end, 10);
		if (*age < '0' || *age > '9' || *end != '\0' || strlen(age) > 10)
			bad(a, "invalid_request", "max_age must be a number of seconds");
	}
	a->hint = field(r, F_LOGIN_HINT);
	return 0;
}

/* The request as a local path ("/sso/authorize?client_id=..."), from the
 * checked fields, so that a POSTed request can wait in return_to too.
 * extra (NULL: none) is appended as it is. */
static char *
here(struct pf_req *r, const char *extra)
{
	struct pf_buf b = { 0 };
	const char *v;
	char *out;
	int k;

	pf_buf_adds(&b, "/sso/authorize?");
	for (k = 0; k < NPARAMS; k++) {
		if ((v = field(r, k)) == NULL)
			continue;
		pf_buf_addf(&b, "%s%s=", b.data[b.len - 1] == '?' ? "" : "&", names[k]);
		pf_buf_pct(&b, v, strlen(v), "");
	}
	if (extra != NULL)
		pf_buf_adds(&b, extra);
	out = pf_pstrdup(pf_req_pool(r), b.data);
	pf_buf_free(&b);
	return out;
}

/* Append &name=value, percent-encoded (NULL value: nothing). */
static void
param(struct pf_buf *b, const char *name, const char *value)
{
	if (value == NULL)
		return;
	pf_buf_addf(b, "%s%s=", b->len ? "&" : "", name);
	pf_buf_pct(b, value, strlen(value), "");
}

/* The response's parameters as a query (in pool). */
static char *
query(struct pf_req *r, const struct kv *kv, size_t n)
{
	struct pf_buf b = { 0 };
	char *out;
	size_t i;

	for (i = 0; i < n; i++)
		param(&b, kv[i].name, kv[i].value);
	out = pf_pstrdup(pf_req_pool(r), b.data ? b.data : "");
	pf_buf_free(&b);
	return out;
}

/*
 * Answer the application: a 303 to its redirect URI with the parameters
 * in the query, or (form_post) a page whose form posts them there, sent
 * by formpost.js and, without JavaScript, by its button.  The page's CSP
 * lets that one form leave for the application's origin.
 */
static int
respond(struct pf_req *r, const struct authz *a, const struct kv *kv, size_t n)
{
	const char *origin;
	size_t i;

	if (!a->form_post)
		return pf_resp_redirect_params(r, 303, a->redirect_uri, a->app.redirect_uris,
		    query(r, kv, n));
	if ((origin = pf_url_origin(pf_req_pool(r), a->redirect_uri)) == NULL ||
	    pf_resp_csp_allow(r, origin, NULL) != 0)
		return 400;
	pf_set(r, "Sso.Action", a->redirect_uri);
	pf_set(r, "Sso.App", a->app.name);
	for (i = 0; i < n; i++) {
		if (kv[i].value == NULL)
			continue;
		pf_setf(r, kv[i].name, "Sso.Post.%zu.Name", i);
		pf_setf(r, kv[i].value, "Sso.Post.%zu.Value", i);
	}
	pf_resp_header(r, "Cache-Control", "no-store");
	return pf_render_page(r, "sso_formpost.cs", "sso", "Sso.FormPost.Title");
}

static const char *
object(struct pf_req *r, const struct authz *a)
{
	return pf_psprintf(pf_req_pool(r), "app:%llu", a->app.id);
}

static unsigned long long
user_of(struct pf_req *r)
{
	const struct pf_session *s = pf_req_session(r);

	return s != NULL && s->level == PF_LEVEL_FULL ? s->user : 0;
}

/* An error for the application, audited as sso.authorize.refused with
 * the error code (written at once: there is no transaction to join). */
static int
fail(struct pf_req *r, const struct authz *a, const char *error, const char *description)
{
	const struct kv kv[] = { { "error", error }, { "error_description", description },
		{ "state", a->state }, { "iss", issuer() } };

	if (pf_audit_event(r, "sso.authorize.refused", PF_AUDIT_FAIL, user_of(r), 0,
	    object(r, a), error, NULL, 0) != PF_DB_OK)
		return 503;
	return respond(r, a, kv, sizeof(kv) / sizeof(kv[0]));
}

/* ---- issuing a code ------------------------------------------------------ */

/* RFC 8176 values for how the session was signed in: the first factor
 * (password: pwd; a magic or setup link: email), the second (totp,
 * enrolment and recovery codes: otp; sms; email, named only once), and
 * "mfa": every full session has two. */
static const char *
amr(struct pf_req *r, const char *first, const char *second)
{
	const char *f = strcmp(first, "password") == 0 ? "pwd" : "email";
	const char *s = strcmp(second, "sms") == 0 ? "sms" :
	    strcmp(second, "email") == 0 ? "email" : "otp";

	if (strcmp(f, s) == 0)
		return pf_psprintf(pf_req_pool(r), "%s mfa", f);
	return pf_psprintf(pf_req_pool(r), "%s %s mfa", f, s);
}

struct issue {
	struct authz	*a;
	int		 consent;	/* 1: record consent (the form's allow) */
	char		 code[PF_TOKEN_CHARS + 1];
};

/* The union of two space-separated scope lists, in pool. */
static const char *
scope_union(struct pf_req *r, const char *had, const char *more)
{
	struct pf_buf b = { 0 };
	const char *s = more, *out;
	size_t k;

	pf_buf_adds(&b, had);
	while (*s) {
		s += strspn(s, " ");
		if ((k = strcspn(s, " ")) == 0)
			break;
		if (!scope_has(b.data, pf_pstrndup(pf_req_pool(r), s, k))) {
			if (b.len)
				pf_buf_adds(&b, " ");
			pf_buf_add(&b, s, k);
		}
		s += k;
	}
	out = pf_pstrdup(pf_req_pool(r), b.data);
	pf_buf_free(&b);
	return out;
}

/*
 * In one transaction: the consent (when given now), the session's sid
 * (made at its first authorization), the code row (hash only), the
 * participant for logout, the audit events.
 */
static int
issue_tx(struct pf_req *r, void *arg)
{
	struct issue *is = arg;
	const struct authz *a = is->a;
	const struct pf_session *s = pf_req_session(r);
	struct pf_db *db = pf_req_db(r);
	struct pf_pool *p = pf_req_pool(r);
	unsigned char raw[PF_TOKEN_BYTES], hash[32];
	char sid[25], text[PF_TOKEN_CHARS + 1];
	struct pf_rows rows;
	enum pf_dberr e;

	if (is->consent) {
		if ((e = pf_db_query(db, p, SQL_AZ_CONSENT_GET, PF_ARGS(PF_INT((long long)s->user),
		    PF_INT((long long)a->app.id)), &rows)) != PF_DB_OK ||
		    (e = pf_db_exec(db, SQL_AZ_CONSENT_PUT, PF_ARGS(PF_INT((long long)s->user),
		    PF_INT((long long)a->app.id), PF_STR(scope_union(r, rows.n ?
		    pf_cell_str(&rows, 0, 0) : "", a->scope))), NULL, NULL)) != PF_DB_OK ||
		    (e = pf_audit_event(r, "sso.consent.granted", PF_AUDIT_OK, s->user, s->org,
		    object(r, a), a->scope, NULL, 0)) != PF_DB_OK)
			return pf_tx_err(e);
	}
	pf_token_new(raw, is->code);
	pf_token_digest(raw, hash);
	/* a candidate sid: 16 of 32 fresh random bytes, kept only when
	 * the session has none yet */
	pf_token_new(raw, text);
	pf_b64url(raw, 16, sid);
	pf_wipe(raw, sizeof(raw));
	pf_wipe(text, sizeof(text));
	if ((e = pf_db_exec(db, SQL_AZ_SID, PF_ARGS(PF_STR(sid), PF_INT((long long)s->id)),
	    NULL, NULL)) != PF_DB_OK ||
	    (e = pf_db_query(db, p, SQL_AZ_SESSION, PF_ARGS(PF_INT((long long)s->id)), &rows)) !=
	    PF_DB_OK)
		return pf_tx_err(e);
	if (rows.n != 1)
		return 500;
	if ((e = pf_db_exec(db, SQL_AZ_CODE, PF_ARGS(PF_BLOB((const char *)hash, sizeof(hash)),
	    PF_INT((long long)a->app.id), PF_STR(a->redirect_uri), PF_STR(a->scope),
	    a->nonce ? PF_STR(a->nonce) : PF_NULL, a->challenge ? PF_STR(a->challenge) : PF_NULL,
	    PF_STR(amr(r, pf_cell_str(&rows, 0, 0), pf_cell_str(&rows, 0, 1))),
	    PF_STR("https://refeds.org/profile/mfa"), PF_INT(CODE_SECONDS),
	    PF_INT((long long)s->id)), NULL, NULL)) != PF_DB_OK ||
	    (e = pf_db_exec(db, SQL_AZ_PARTICIPANT, PF_ARGS(PF_INT((long long)s->id),
	    PF_INT((long long)a->app.id), PF_INT((long long)s->user),
	    PF_STR(pf_cell_str(&rows, 0, 2))), NULL, NULL)) != PF_DB_OK ||
	    (e = pf_audit_event(r, "sso.authorize.granted", PF_AUDIT_OK, s->user, s->org,
	    object(r, a), a->scope, NULL, 0)) != PF_DB_OK)
		return pf_tx_err(e);
	return 0;
}

static int
grant(struct pf_req *r, struct authz *a, int consent)
{
	struct issue is;
	int rc;

	memset(&is, 0, sizeof(is));
	is.a = a;
	is.consent = consent;
	if ((rc = pf_tx(r, issue_tx, &is)) != 0)
		return rc;
	{
		const struct kv kv[] = { { "code", is.code }, { "state", a->state },
			{ "iss", issuer() } };

		rc = respond(r, a, kv, sizeof(kv) / sizeof(kv[0]));
	}
	pf_wipe(is.code, sizeof(is.code));
	return rc;
}

/* ---- the pages around it --------------------------------------------------- */

/* The user may not use the application: a page in their language (403),
 * with a way back that tells the application access_denied. */
static int
refuse(struct pf_req *r, const struct authz *a)
{
	const struct kv kv[] = { { "error", "access_denied" },
		{ "error_description", "the user may not use this application" },
		{ "state", a->state }, { "iss", issuer() } };
	const size_t n = sizeof(kv) / sizeof(kv[0]);
	size_t i;

	if (pf_audit_event(r, "sso.authorize.refused", PF_AUDIT_FAIL, user_of(r), 0,
	    object(r, a), "access_denied", NULL, 0) != PF_DB_OK)
		return 503;
	pf_set(r, "Sso.App", a->app.name);
	if (a->form_post) {
		/* the way back posts, as the application asked */
		const char *origin = pf_url_origin(pf_req_pool(r), a->redirect_uri);

		if (origin == NULL || pf_resp_csp_allow(r, origin, NULL) != 0)
			return 400;
		pf_set(r, "Sso.Action", a->redirect_uri);
		for (i = 0; i < n; i++) {
			pf_setf(r, kv[i].name, "Sso.Post.%zu.Name", i);
			pf_setf(r, kv[i].value, "Sso.Post.%zu.Value", i);
		}
	} else
		/* the registered URI with our parameters added, as
		 * pf_resp_redirect_params would build it */
		pf_set(r, "Sso.Back", pf_psprintf(pf_req_pool(r), "%s%s%s", a->redirect_uri,
		    strchr(a->redirect_uri, '?') ? "&" : "?", query(r, kv, n)));
	pf_resp_status(r, 403);
	return pf_render_page(r, "sso_refused.cs", "sso", "Sso.Refused.Title");
}

/* The consent page: the application, what each scope gives it, and the
 * request again as hidden fields for /sso/consent. */
static int
ask(struct pf_req *r, const struct authz *a)
{
	const char *s = a->scope, *v;
	size_t k, n = 0, i;
	char *w;

	pf_set(r, "Sso.App", a->app.name);
	while (*s) {
		s += strspn(s, " ");
		if ((k = strcspn(s, " ")) == 0)
			break;
		w = pf_pstrndup(pf_req_pool(r), s, k);
		s += k;
		for (i = 0; explained[i] != NULL && strcmp(explained[i], w) != 0; i++)
			;
		pf_setf(r, w, "Sso.Scope.%zu.Name", n);
		if (explained[i] != NULL)
			pf_setf(r, pf_tr(r, pf_psprintf(pf_req_pool(r), "Sso.Scope.%s",
			    explained[i])), "Sso.Scope.%zu.Text", n);
		n++;
	}
	for (i = 0, n = 0; i < NPARAMS; i++) {
		if ((v = field(r, (int)i)) == NULL)
			continue;
		pf_setf(r, names[i], "Sso.Hidden.%zu.Name", n);
		pf_setf(r, v, "Sso.Hidden.%zu.Value", n);
		n++;
	}
	pf_resp_header(r, "Cache-Control", "no-store");
	return pf_render_page(r, "sso_consent.cs", "sso", "Sso.Consent.Title");
}

/* 1 when the user has consented to every scope granted now. */
static int
consented(struct pf_req *r, const struct authz *a, int *yes)
{
	const struct pf_session *s = pf_req_session(r);
	struct pf_rows rows;
	const char *had, *p = a->scope;
	size_t k;

	*yes = 0;
	if (pf_db_query(pf_req_db(r), pf_req_pool(r), SQL_AZ_CONSENT_GET,
	    PF_ARGS(PF_INT((long long)s->user), PF_INT((long long)a->app.id)), &rows) != PF_DB_OK)
		return 503;
	if (rows.n != 1)
		return 0;
	had = pf_cell_str(&rows, 0, 0);
	while (*p) {
		p += strspn(p, " ");
		if ((k = strcspn(p, " ")) == 0)
			break;
		if (!scope_has(had, pf_pstrndup(pf_req_pool(r), p, k)))
			return 0;
		p += k;
	}
	*yes = 1;
	return 0;
}

/*
 * prompt=login and max_age: the second factor must be renewed after this
 * request.  We send the user to /login/factor?renew=1 with the request
 * kept in the session's next_path plus "&pf_reauth=<time we sent them>";
 * the factor page returns to exactly that path.  A request counts as
 * re-authenticated only when it is that path (kept server-side: a user
 * cannot forge the time) and the factor is no older than that time.
 * 1 when that is so.
 */
static int
reauthed(struct pf_req *r, const struct pf_session *s)
{
	const char *q = pf_req_env(r, "QUERY_STRING"), *m;
	long long t;
	char *end;

	if (!(pf_req_method(r) & (PF_GET | PF_HEAD)) || q == NULL ||
	    (m = strstr(q, "&pf_reauth=")) == NULL)
		return 0;
	t = strtoll(m + 11, &end, 10);
	if (*end != '\0' || t <= 0)
		return 0;
	/* the kept path, rebuilt from this request: the web server may
	 * have normalised the query's escapes on the way */
	if (strcmp(s->next, here(r, pf_psprintf(pf_req_pool(r), "&pf_reauth=%lld", t))) != 0)
		return 0;
	return s->factor_age >= 0 && (long long)time(NULL) - s->factor_age >= t;
}

/* Keep next (a local path) in the session and send the user to the
 * second factor (path), which returns there: -1 when next is too long. */
static int
via_factor(struct pf_req *r, const struct pf_session *s, const char *next, const char *path)
{
	if (strlen(next) > NEXT_MAX)
		return -1;
	if (pf_db_exec(pf_req_db(r), PF_SQL_SESS_NEXT, PF_ARGS(PF_STR(next),
	    PF_INT((long long)s->id)), NULL, NULL) != PF_DB_OK)
		return 503;
	return pf_resp_redirect(r, 303, path);
}

/* The marker of a request kept while the user authenticates anew. */
static const char *
marker(struct pf_req *r)
{
	return pf_psprintf(pf_req_pool(r), "&pf_reauth=%lld", (long long)time(NULL));
}

static int
reauth(struct pf_req *r, const struct pf_session *s)
{
	return via_factor(r, s, here(r, marker(r)), "/login/factor?renew=1");
}

/* No full session: to the login, which brings the user back here; the
 * login_hint pre-fills the address (the seed's application_key + e-mail). */
static int
to_login(struct pf_req *r, const struct authz *a)
{
	struct pf_buf b = { 0 };
	/* the sign-in that follows is newer than this request: it counts
	 * for prompt=login and max_age (see reauthed()) */
	const char *next = here(r, a->login || a->max_age >= 0 ? marker(r) : NULL), *email;
	int rc;

	if (strlen(next) > NEXT_MAX)
		return fail(r, a, "invalid_request", "the request is too long");
	param(&b, "return_to", next);
	email = a->hint != NULL ? pf_email_normalise(pf_req_pool(r), a->hint) : NULL;
	param(&b, "email", email);
	rc = pf_resp_redirect(r, 303, pf_psprintf(pf_req_pool(r), "/login?%s", b.data));
	pf_buf_free(&b);
	return rc;
}

int
page_authorize(struct pf_req *r)
{
	const struct pf_session *s = pf_req_session(r);
	struct authz a;
	int rc, yes, fresh;

	/* HEAD (a link checker, a prefetch) changes nothing: no code, no
	 * audit event, no kept request */
	if (pf_req_method(r) == PF_HEAD)
		return 0;
	if ((rc = parse(r, &a)) != 0)
		return rc;
	if (a.untrusted != NULL)
		return pf_message(r, 400, a.untrusted, NULL, NULL);
	if (a.error != NULL)
		return fail(r, &a, a.error, a.error_description);
	if ((s == NULL || s->level != PF_LEVEL_FULL || !s->enrolled) && a.none)
		return fail(r, &a, "login_required", "no session");
	if (s == NULL)
		return to_login(r, &a);
	/* half signed in (the first factor only, or no factor enrolled
	 * yet): the factor page goes on from there and returns */
	if (s->level != PF_LEVEL_FULL || !s->enrolled) {
		if ((rc = via_factor(r, s, here(r, a.login || a.max_age >= 0 ? marker(r) : NULL),
		    "/login/factor")) >= 0)
			return rc;
		return fail(r, &a, "invalid_request", "the request is too long");
	}
	/* a kept request is used once: reloading it later is no renewal */
	if ((fresh = reauthed(r, s)) && pf_db_exec(pf_req_db(r), PF_SQL_SESS_NEXT,
	    PF_ARGS(PF_STR(""), PF_INT((long long)s->id)), NULL, NULL) != PF_DB_OK)
		return 503;
	if ((a.login || (a.max_age >= 0 && (s->factor_age < 0 || s->factor_age > a.max_age))) &&
	    !fresh) {
		if (a.none)
			return fail(r, &a, "login_required", "the authentication is too old");
		if ((rc = reauth(r, s)) >= 0)
			return rc;
		return fail(r, &a, "invalid_request", "the request is too long");
	}
	if ((rc = app_may_use(r, &a.app, s->user, s->org, &yes)) != 0)
		return rc;
	if (!yes)
		return a.none ? fail(r, &a, "access_denied", "no access") : refuse(r, &a);
	if (!a.app.trusted) {
		if ((rc = consented(r, &a, &yes)) != 0)
			return rc;
		if (!yes || a.consent)
			return a.none ? fail(r, &a, "consent_required", "consent needed") :
			    ask(r, &a);
	}
	return grant(r, &a, 0);
}

/*
 * The consent form's answer (a full session and the form token are
 * checked by the pipeline).  The request is checked again as at the
 * authorization endpoint, and so is access: the form may be old.
 */
int
page_consent_post(struct pf_req *r)
{
	const struct pf_session *s = pf_req_session(r);
	const char *decision = pf_req_field(r, F_DECISION);
	struct authz a;
	int rc, yes;

	if ((rc = parse(r, &a)) != 0)
		return rc;
	if (a.untrusted != NULL)
		return pf_message(r, 400, a.untrusted, NULL, NULL);
	if (a.error != NULL)
		return fail(r, &a, a.error, a.error_description);
	if ((rc = app_may_use(r, &a.app, s->user, s->org, &yes)) != 0)
		return rc;
	if (!yes)
		return refuse(r, &a);
	if (decision != NULL && strcmp(decision, "allow") == 0)
		return grant(r, &a, !a.app.trusted);
	if (decision == NULL || strcmp(decision, "deny") != 0)
		return 400;
	if (pf_audit_event(r, "sso.consent.refused", PF_AUDIT_FAIL, s->user, s->org,
	    object(r, &a), a.scope, NULL, 0) != PF_DB_OK)
		return 503;
	{
		const struct kv kv[] = { { "error", "access_denied" },
			{ "error_description", "the user did not consent" },
			{ "state", a.state }, { "iss", issuer() } };

		return respond(r, &a, kv, sizeof(kv) / sizeof(kv[0]));
	}
}
