/*
 * token: Pforte as OpenID Connect provider, the seed's "main gate".
 * Applications send their users here (the authorization endpoint); a user
 * with a portal session goes straight back with a code, others sign in
 * once (password or magic link, always a second factor); the application
 * exchanges the code for a signed ID token (the token endpoint) and opens
 * its own session.  The portal session is the single sign-on session:
 * signing out of Pforte tells every application it signed in to.
 *
 * The parts are listed in token.h.  Tokens are signed with our own JWS
 * (lib/jwt.c) and keys parsed once per process (lib/sigkeys.c), never
 * with libjwt, which trusts a token's alg header.
 */
#include <stdlib.h>

#include <jansson.h>

#include "token.h"

static const struct pf_field fields[F__MAX] = {
	[F_CLIENT_ID] = { "client_id", PF_F_LINE, 0, 256, 0, 0, NULL, NULL },
	[F_REDIRECT_URI] = { "redirect_uri", PF_F_LINE, 0, 2000, 0, 0, NULL, NULL },
	[F_RESPONSE_TYPE] = { "response_type", PF_F_LINE, 0, 256, 0, 0, NULL, NULL },
	[F_SCOPE] = { "scope", PF_F_LINE, 0, 1000, 0, 0, NULL, NULL },
	[F_STATE] = { "state", PF_F_LINE, 0, 1000, 0, 0, NULL, NULL },
	[F_NONCE] = { "nonce", PF_F_LINE, 0, 1000, 0, 0, NULL, NULL },
	[F_PROMPT] = { "prompt", PF_F_LINE, 0, 256, 0, 0, NULL, NULL },
	[F_MAX_AGE] = { "max_age", PF_F_LINE, 0, 32, 0, 0, NULL, NULL },
	[F_LOGIN_HINT] = { "login_hint", PF_F_LINE, 0, 1000, 0, 0, NULL, NULL },
	[F_RESPONSE_MODE] = { "response_mode", PF_F_LINE, 0, 256, 0, 0, NULL, NULL },
	[F_CODE_CHALLENGE] = { "code_challenge", PF_F_LINE, 0, 256, 0, 0, NULL, NULL },
	[F_CODE_CHALLENGE_METHOD] = { "code_challenge_method", PF_F_LINE, 0, 32, 0, 0, NULL,
	    NULL },
	[F_ACR_VALUES] = { "acr_values", PF_F_LINE, 0, 1000, 0, 0, NULL, NULL },
	[F_GRANT_TYPE] = { "grant_type", PF_F_LINE, 0, 256, 0, 0, NULL, NULL },
	[F_CODE] = { "code", PF_F_LINE, 0, 256, 0, 0, NULL, NULL },
	[F_CODE_VERIFIER] = { "code_verifier", PF_F_LINE, 0, 256, 0, 0, NULL, NULL },
	[F_REFRESH_TOKEN] = { "refresh_token", PF_F_LINE, 0, 256, 0, 0, NULL, NULL },
	[F_CLIENT_SECRET] = { "client_secret", PF_F_LINE, 0, 256, 0, 0, NULL, NULL },
	[F_TOKEN] = { "token", PF_F_LINE, 0, 8192, 0, 0, NULL, NULL },
	[F_TOKEN_TYPE_HINT] = { "token_type_hint", PF_F_LINE, 0, 64, 0, 0, NULL, NULL },
	[F_ID_TOKEN_HINT] = { "id_token_hint", PF_F_LINE, 0, 8192, 0, 0, NULL, NULL },
	[F_POST_LOGOUT_REDIRECT_URI] = { "post_logout_redirect_uri", PF_F_LINE, 0, 2000, 0, 0,
	    NULL, NULL },
	[F_DECISION] = { "decision", PF_F_LINE, 0, 16, 0, 0, NULL, NULL },
	[F_APP] = { "app", PF_F_INT, 1, 20, 1, 9007199254740991LL, NULL, NULL },
};

static const char *const sql[SQL__MAX - PF_SQL_APP] = {
	/* token-app.c */
#define APP_COLS "id, client_id, name, icon, secret_hash, status, trusted, pairwise, " \
	"audience, grant_types, scopes, initiate_login_uri, frontchannel_logout_uri, " \
	"backchannel_logout_uri"
	[SQL_APP_BY_CLIENT - PF_SQL_APP] =
	    "SELECT " APP_COLS " FROM apps WHERE client_id = ?",
	[SQL_APP_BY_ID - PF_SQL_APP] =
	    "SELECT " APP_COLS " FROM apps WHERE id = ?",
	[SQL_APP_URIS - PF_SQL_APP] =
	    "SELECT kind, uri FROM app_uris WHERE app_id = ? ORDER BY kind, uri",
	/* a role held by a live grant (as pf_may reads them), or the org */
	[SQL_APP_ACCESS - PF_SQL_APP] =
	    "SELECT 1 FROM app_access a WHERE a.app_id = ? AND (a.org_id = ? OR "
	    "EXISTS (SELECT 1 FROM user_roles ur JOIN roles r ON r.id = ur.role_id "
	    "WHERE ur.user_id = ? AND ur.role_id = a.role_id "
	    "AND (ur.expires_at IS NULL OR ur.expires_at > UTC_TIMESTAMP(6)) "
	    "AND (r.scope = 'global' OR ur.org_id <=> ?))) LIMIT 1",
	/* token-authorize.c */
	/* the session's sid towards applications: made once, kept */
	[SQL_AZ_SID - PF_SQL_APP] =
	    "UPDATE sessions SET sso_sid = ? WHERE id = ? AND sso_sid IS NULL",
	[SQL_AZ_SESSION - PF_SQL_APP] =
	    "SELECT first_method, IFNULL(second_method, ''), sso_sid FROM sessions "
	    "WHERE id = ?",
	/* auth_time, sid straight from the session row: no clock of ours */
	[SQL_AZ_CODE - PF_SQL_APP] =
	    "INSERT INTO oidc_codes (code_hash, app_id, user_id, session_id, redirect_uri, "
	    "scope, nonce, code_challenge, sid, auth_time, amr, acr, expires_at) "
	    "SELECT ?, ?, user_id, id, ?, ?, ?, ?, sso_sid, IFNULL(second_at, created_at), "
	    "?, ?, UTC_TIMESTAMP(6) + INTERVAL ? SECOND FROM sessions WHERE id = ?",
	[SQL_AZ_PARTICIPANT - PF_SQL_APP] =
	    "INSERT IGNORE INTO sso_participants (session_id, app_id, user_id, sid) "
	    "VALUES (?, ?, ?, ?)",
	[SQL_AZ_CONSENT_GET - PF_SQL_APP] =
	    "SELECT scopes FROM consents WHERE user_id = ? AND app_id = ?",
	[SQL_AZ_CONSENT_PUT - PF_SQL_APP] =
	    "INSERT INTO consents (user_id, app_id, scopes) VALUES (?, ?, ?) "
	    "ON DUPLICATE KEY UPDATE scopes = VALUES(scopes), granted_at = UTC_TIMESTAMP(6)",
	/* token-grant.c */
	/* The subject's columns (token-claims.c, subject_fill): the user,
	 * their organisation and the roles held by live grants (as pf_may
	 * reads them; names are [a-z0-9-]), read with the row that names
	 * the user: one round trip for both. */
#define SUBJECT_COLS "u.sub, u.sub_salt, u.status = 'active' AND (o.id IS NULL OR " \
	"o.status = 'active'), IFNULL(u.org_id, 0), IFNULL(o.name, ''), " \
	"(SELECT GROUP_CONCAT(r.name ORDER BY r.name SEPARATOR ' ') " \
	"FROM user_roles ur JOIN roles r ON r.id = ur.role_id WHERE ur.user_id = u.id " \
	"AND (ur.expires_at IS NULL OR ur.expires_at > UTC_TIMESTAMP(6)) " \
	"AND (r.scope = 'global' OR ur.org_id <=> u.org_id))"
	/* the code as authorize wrote it, its state compared in the
	 * database's clock, and its user */
	[SQL_CODE_GET - PF_SQL_APP] =
	    "SELECT c.id, c.app_id, c.user_id, IFNULL(c.session_id, 0), c.redirect_uri, c.scope, "
	    "c.nonce, c.code_challenge, c.sid, FLOOR(UNIX_TIMESTAMP(c.auth_time)), c.amr, c.acr, "
	    "c.expires_at > UTC_TIMESTAMP(6), c.used_at IS NOT NULL, " SUBJECT_COLS " "
	    "FROM oidc_codes c JOIN users u ON u.id = c.user_id "
	    "LEFT JOIN orgs o ON o.id = u.org_id WHERE c.code_hash = ?",
	/* single use: only one exchange changes the row */
	[SQL_CODE_USE - PF_SQL_APP] =
	    "UPDATE oidc_codes SET used_at = UTC_TIMESTAMP(6) WHERE id = ? AND used_at IS NULL",
	[SQL_TOK_INSERT - PF_SQL_APP] =
	    "INSERT INTO oidc_tokens (kind, token_hash, app_id, user_id, session_id, code_id, "
	    "family_id, scope, sid, auth_time, amr, acr, expires_at) VALUES (?, ?, ?, ?, ?, ?, "
	    "?, ?, ?, FROM_UNIXTIME(?), ?, ?, UTC_TIMESTAMP(6) + INTERVAL ? SECOND)",
	/* the first refresh token of a sign-in founds its family */
	[SQL_TOK_FAMILY_SELF - PF_SQL_APP] =
	    "UPDATE oidc_tokens SET family_id = id WHERE id = ?",
	[SQL_TOK_REVOKE_CODE - PF_SQL_APP] =
	    "UPDATE oidc_tokens SET revoked_at = UTC_TIMESTAMP(6) "
	    "WHERE code_id = ? AND revoked_at IS NULL",
	[SQL_TOK_REVOKE_FAMILY - PF_SQL_APP] =
	    "UPDATE oidc_tokens SET revoked_at = UTC_TIMESTAMP(6) "
	    "WHERE family_id = ? AND revoked_at IS NULL",
	/* a refresh token and its user */
	[SQL_REFRESH_GET - PF_SQL_APP] =
	    "SELECT t.id, t.app_id, t.user_id, IFNULL(t.session_id, 0), IFNULL(t.code_id, 0), "
	    "IFNULL(t.family_id, t.id), t.scope, t.sid, "
	    "IFNULL(FLOOR(UNIX_TIMESTAMP(t.auth_time)), 0), t.amr, t.acr, "
	    "t.expires_at > UTC_TIMESTAMP(6), t.used_at IS NOT NULL, t.revoked_at IS NOT NULL, "
	    "GREATEST(TIMESTAMPDIFF(SECOND, UTC_TIMESTAMP(6), t.expires_at), 1), "
	    SUBJECT_COLS " FROM oidc_tokens t JOIN users u ON u.id = t.user_id "
	    "LEFT JOIN orgs o ON o.id = u.org_id WHERE t.token_hash = ? AND t.kind = 'refresh'",
	/* rotation: only one request uses a refresh token */
	[SQL_REFRESH_USE - PF_SQL_APP] =
	    "UPDATE oidc_tokens SET used_at = UTC_TIMESTAMP(6) "
	    "WHERE id = ? AND used_at IS NULL AND revoked_at IS NULL",
	/* token-claims.c */
	[SQL_CLAIMS_USER - PF_SQL_APP] =
	    "SELECT " SUBJECT_COLS " FROM users u LEFT JOIN orgs o ON o.id = u.org_id "
	    "WHERE u.id = ?",
	/* token-info.c */
	[SQL_TOK_BY_HASH - PF_SQL_APP] =
	    "SELECT id, kind, app_id, IFNULL(user_id, 0), IFNULL(family_id, 0), scope, "
	    "FLOOR(UNIX_TIMESTAMP(created_at)), FLOOR(UNIX_TIMESTAMP(expires_at)), "
	    "expires_at > UTC_TIMESTAMP(6) AND revoked_at IS NULL AND used_at IS NULL "
	    "FROM oidc_tokens WHERE token_hash = ?",
	[SQL_TOK_REVOKE_ONE - PF_SQL_APP] =
	    "UPDATE oidc_tokens SET revoked_at = UTC_TIMESTAMP(6) "
	    "WHERE id = ? AND revoked_at IS NULL",
	/* token-logout.c */
	/* the session's identifier towards applications (an ID token's sid) */
	[SQL_LOGOUT_SID - PF_SQL_APP] =
	    "SELECT sso_sid FROM sessions WHERE id = ?",
	/* token-tray.c */
	[SQL_TRAY_APPS - PF_SQL_APP] =
	    "SELECT id FROM apps WHERE status = 'active' ORDER BY name, id",
	[SQL_CONSENTS - PF_SQL_APP] =
	    "SELECT c.app_id, a.name, c.scopes, c.granted_at FROM consents c "
	    "JOIN apps a ON a.id = c.app_id WHERE c.user_id = ? ORDER BY a.name, a.id",
	[SQL_CONSENT_DELETE - PF_SQL_APP] =
	    "DELETE FROM consents WHERE user_id = ? AND app_id = ?",
	/* every live token of the user for the application, any session */
	[SQL_CONSENT_TOKENS_END - PF_SQL_APP] =
	    "UPDATE oidc_tokens SET revoked_at = UTC_TIMESTAMP(6) WHERE user_id = ? "
	    "AND app_id = ? AND revoked_at IS NULL AND expires_at > UTC_TIMESTAMP(6)",
};

#define DB	PF_PAGE_DB
#define FORM	(PF_PAGE_DB | PF_PAGE_FORM)
/* a protocol endpoint called by applications, not browsers */
#define API	(PF_PAGE_DB | PF_PAGE_JSON | PF_PAGE_NOCSRF | PF_PAGE_OPEN)
#define F(k)	PF_FIELD(k)
#define AUTHZ	(F(F_CLIENT_ID) | F(F_REDIRECT_URI) | F(F_RESPONSE_TYPE) | F(F_SCOPE) | \
	F(F_STATE) | F(F_NONCE) | F(F_PROMPT) | F(F_MAX_AGE) | F(F_LOGIN_HINT) | \
	F(F_RESPONSE_MODE) | F(F_CODE_CHALLENGE) | F(F_CODE_CHALLENGE_METHOD) | \
	F(F_ACR_VALUES))
#define CLIENT	(F(F_CLIENT_ID) | F(F_CLIENT_SECRET))
#define LOGOUT	(F(F_ID_TOKEN_HINT) | F(F_POST_LOGOUT_REDIRECT_URI) | F(F_STATE) | \
	F(F_CLIENT_ID))

static const struct pf_page pages[] = {
	{ "/.well-known/openid-configuration", PF_GET, 0, PF_PAGE_JSON | PF_PAGE_OPEN,
	    page_discovery, 0 },
	{ "/sso/jwks", PF_GET, 0, API, page_jwks, 0 },
	/* A request by POST (OIDC Core 3.1.2.1) comes from the
	 * application's page: SameSite=Lax keeps the session cookie out of
	 * a cross-site POST, so such a request signs in anew. */
	{ "/sso/authorize", PF_GET | PF_POST, AUTHZ, FORM | PF_PAGE_OPEN | PF_PAGE_NOCSRF,
	    page_authorize, 0 },
	{ "/sso/consent", PF_POST, AUTHZ | F(F_DECISION), FORM | PF_PAGE_FULL,
	    page_consent_post, 0 },
	{ "/sso/token", PF_POST, F(F_GRANT_TYPE) | F(F_CODE) | F(F_REDIRECT_URI) |
	    F(F_CODE_VERIFIER) | F(F_REFRESH_TOKEN) | F(F_SCOPE) | CLIENT, API, page_token, 0 },
	{ "/sso/userinfo", PF_GET | PF_POST, 0, API, page_userinfo, 0 },
	{ "/sso/introspect", PF_POST, F(F_TOKEN) | F(F_TOKEN_TYPE_HINT) | CLIENT, API,
	    page_introspect, 0 },
	{ "/sso/revoke", PF_POST, F(F_TOKEN) | F(F_TOKEN_TYPE_HINT) | CLIENT, API,
	    page_revoke, 0 },
	{ "/sso/logout", PF_GET, LOGOUT, FORM | PF_PAGE_OPEN, page_logout, 0 },
	{ "/sso/logout", PF_POST, LOGOUT, FORM, page_logout_post, 0 },
	{ "/apps", PF_GET, 0, FORM | PF_PAGE_FULL, page_apps, 0 },
	{ "/sso/consents", PF_GET, 0, FORM | PF_PAGE_FULL, page_consents, 0 },
	{ "/sso/consents/revoke", PF_POST, F(F_APP), FORM | PF_PAGE_FULL, page_consent_revoke,
	    0 },
};

static const struct pf_app app = {
	"token", pages, sizeof(pages) / sizeof(pages[0]), fields, F__MAX,
	sql, SQL__MAX - PF_SQL_APP, NULL
};

const char *
issuer(void)
{
	static char buf[1024];
	const char *u = pf_conf_str("Portal.BaseURL");
	size_t n = strlen(u);

	if (*buf == '\0') {
		while (n > 0 && u[n - 1] == '/')
			n--;
		if (n >= sizeof(buf))
			n = sizeof(buf) - 1;
		memcpy(buf, u, n);
		buf[n] = '\0';
	}
	return buf;
}

char *
qenc(struct pf_pool *p, const char *s)
{
	struct pf_buf b = { 0 };
	char *out;

	pf_buf_pct(&b, s, strlen(s), "");
	out = pf_pstrdup(p, b.data != NULL ? b.data : "");
	pf_buf_free(&b);
	return out;
}

int
json_reply(struct pf_req *r, void *json)
{
	char *s = json != NULL ? json_dumps(json, JSON_COMPACT) : NULL;

	json_decref(json);
	if (s == NULL)
		return 500;
	pf_resp_type(r, "application/json");
	pf_resp_puts(r, s);
	pf_resp_puts(r, "\n");
	free(s);
	return 0;
}

int
oauth_error(struct pf_req *r, int status, const char *error, const char *description,
    const char *scheme)
{
	json_t *j = json_pack("{s:s}", "error", error);

	if (j != NULL && description != NULL)
		json_object_set_new(j, "error_description", json_string(description));
	pf_resp_status(r, status);
	if (status == 401 && scheme != NULL)
		pf_resp_header(r, "WWW-Authenticate", pf_psprintf(pf_req_pool(r),
		    strcmp(scheme, "Bearer") == 0 ? "Bearer error=\"%s\"" :
		    "%s realm=\"pforte\"", strcmp(scheme, "Bearer") == 0 ? error : scheme));
	return json_reply(r, j);
}

/* OpenID Connect Discovery 1.0, section 3: what an application needs to
 * configure itself from the issuer alone. */
int
page_discovery(struct pf_req *r)
{
	const char *iss = issuer();
	struct pf_pool *p = pf_req_pool(r);
	json_t *j;

#define AT(path) json_string(pf_psprintf(p, "%s%s", iss, path))
	j = json_pack("{s:s, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o}",
	    "issuer", iss,
	    "authorization_endpoint", AT("/sso/authorize"),
	    "token_endpoint", AT("/sso/token"),
	    "userinfo_endpoint", AT("/sso/userinfo"),
	    "jwks_uri", AT("/sso/jwks"),
	    "end_session_endpoint", AT("/sso/logout"),
	    "introspection_endpoint", AT("/sso/introspect"),
	    "revocation_endpoint", AT("/sso/revoke"),
	    "response_types_supported", json_pack("[s]", "code"),
	    "response_modes_supported", json_pack("[s, s]", "query", "form_post"));
#undef AT
	if (j == NULL)
		return 500;
	json_object_set_new(j, "grant_types_supported", json_pack("[s, s, s]",
	    "authorization_code", "refresh_token", "client_credentials"));
	json_object_set_new(j, "subject_types_supported", json_pack("[s, s]", "public",
	    "pairwise"));
	json_object_set_new(j, "id_token_signing_alg_values_supported", json_pack("[s]",
	    pf_conf_str("Sso.Alg")));
	json_object_set_new(j, "scopes_supported", json_pack("[s, s, s, s, s]", "openid",
	    "profile", "email", "roles", "offline_access"));
	json_object_set_new(j, "claims_supported", json_pack("[s, s, s, s, s, s, s, s, s, s, "
	    "s, s, s, s, s, s]", "iss", "sub", "aud", "exp", "iat", "auth_time", "nonce", "acr",
	    "amr", "sid", "email", "email_verified", "name", "locale", "org", "roles"));
	json_object_set_new(j, "token_endpoint_auth_methods_supported", json_pack("[s, s, s]",
	    "client_secret_basic", "client_secret_post", "none"));
	json_object_set_new(j, "introspection_endpoint_auth_methods_supported",
	    json_pack("[s, s]", "client_secret_basic", "client_secret_post"));
	json_object_set_new(j, "revocation_endpoint_auth_methods_supported",
	    json_pack("[s, s]", "client_secret_basic", "client_secret_post"));
	json_object_set_new(j, "code_challenge_methods_supported", json_pack("[s]", "S256"));
	json_object_set_new(j, "prompt_values_supported", json_pack("[s, s, s]", "none",
	    "login", "consent"));
	json_object_set_new(j, "claims_parameter_supported", json_false());
	json_object_set_new(j, "request_parameter_supported", json_false());
	json_object_set_new(j, "request_uri_parameter_supported", json_false());
	json_object_set_new(j, "frontchannel_logout_supported", json_true());
	json_object_set_new(j, "frontchannel_logout_session_supported", json_true());
	json_object_set_new(j, "backchannel_logout_supported", json_true());
	json_object_set_new(j, "backchannel_logout_session_supported", json_true());
	/* Fetched by servers, cached by them: a short public lifetime. */
	pf_resp_header(r, "Access-Control-Allow-Origin", "*");
	return json_reply(r, j);
}

/* The published keys: the active one and those retiring, whose tokens may
 * still be in use.  Applications cache this; a new key appears here the
 * moment it signs, so they fetch again on an unknown kid. */
int
page_jwks(struct pf_req *r)
{
	struct pf_sigkeys keys;
	char *s;

	if (pf_sigkeys_load(pf_req_db(r), pf_req_pool(r), &keys) != 0)
		return 503;
	if ((s = pf_jwks(keys.pub, keys.npub)) == NULL)
		return 500;
	pf_resp_type(r, "application/jwk-set+json");
	pf_resp_header(r, "Access-Control-Allow-Origin", "*");
	pf_resp_puts(r, s);
	pf_resp_puts(r, "\n");
	free(s);
	return 0;
}

int
main(int argc, char *argv[])
{
	return pf_main(&app, argc, argv);
}
