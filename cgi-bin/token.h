/*
 * token.h: the OpenID Connect provider's parts (program `token`).
 *
 *   token.c            the program table; discovery and JWKS
 *   token-app.c        applications: loading one, who may use it, scopes,
 *                      client authentication
 *   token-authorize.c  /sso/authorize, the consent page, form_post
 *   token-grant.c      /sso/token: authorization_code, refresh_token,
 *                      client_credentials
 *   token-claims.c     subject, claims, signing the tokens
 *   token-info.c       /sso/userinfo, /sso/introspect, /sso/revoke
 *   token-logout.c     /sso/logout (end_session), /sso/logout/done
 *   token-tray.c       /apps (the app tray), /sso/consents (the user's
 *                      consents and their revocation)
 *
 * Protocol endpoints are PF_PAGE_OPEN (unknown parameters are ignored,
 * RFC 6749 3.1) and declare every field as a line of text: the handlers
 * check values themselves, so that an error reaches the client in the
 * protocol's form (a redirect with error=, or a JSON body) instead of the
 * pipeline's 400 page.
 */
#ifndef TOKEN_H
#define TOKEN_H

#include "pforte.h"

enum field {
	/* authorization request (OIDC Core 3.1.2.1) */
	F_CLIENT_ID, F_REDIRECT_URI, F_RESPONSE_TYPE, F_SCOPE, F_STATE, F_NONCE,
	F_PROMPT, F_MAX_AGE, F_LOGIN_HINT, F_RESPONSE_MODE, F_CODE_CHALLENGE,
	F_CODE_CHALLENGE_METHOD, F_ACR_VALUES,
	/* token request (RFC 6749 4.1.3, 6, 4.4), client authentication */
	F_GRANT_TYPE, F_CODE, F_CODE_VERIFIER, F_REFRESH_TOKEN, F_CLIENT_SECRET,
	/* introspection and revocation (RFC 7662, RFC 7009) */
	F_TOKEN, F_TOKEN_TYPE_HINT,
	/* RP-initiated logout */
	F_ID_TOKEN_HINT, F_POST_LOGOUT_REDIRECT_URI,
	/* the consent form and the consent list */
	F_DECISION, F_APP,
	F__MAX
};

/* One section per file: add a file's statements to its own section, here
 * and in token.c's table, in the same order. */
enum sql {
	/* token-app.c */
	SQL_APP_BY_CLIENT = PF_SQL_APP,
	SQL_APP_BY_ID,
	SQL_APP_URIS,
	SQL_APP_ACCESS,
	/* token-authorize.c */
	SQL_AZ_SID,
	SQL_AZ_SESSION,
	SQL_AZ_CODE,
	SQL_AZ_PARTICIPANT,
	SQL_AZ_CONSENT_GET,
	SQL_AZ_CONSENT_PUT,
	/* token-grant.c */
	SQL_CODE_GET,
	SQL_CODE_USE,
	SQL_TOK_INSERT,
	SQL_TOK_FAMILY_SELF,
	SQL_TOK_REVOKE_CODE,
	SQL_TOK_REVOKE_FAMILY,
	SQL_REFRESH_GET,
	SQL_REFRESH_USE,
	/* token-claims.c */
	SQL_CLAIMS_USER,
	/* token-info.c */
	SQL_TOK_BY_HASH,
	SQL_TOK_REVOKE_ONE,
	/* token-logout.c */
	SQL_LOGOUT_SID,
	/* token-tray.c */
	SQL_TRAY_APPS,
	SQL_CONSENTS,
	SQL_CONSENT_DELETE,
	SQL_CONSENT_TOKENS_END,
	SQL__MAX
};

/* An authorization code lives 60 s (the issue, RFC 6749 4.1.2: short). */
#define CODE_SECONDS	60
/* The largest request we keep in a session's next_path (sessions.next_path). */
#define NEXT_MAX	2048

/* A registered application (sql/010_apps.sql), in pool memory. */
struct app {
	unsigned long long	 id;
	const char		*client_id;	/* the seed's application_key */
	const char		*name, *icon;
	int			 has_secret;	/* 0: a public client (PKCE required) */
	unsigned char		 secret_hash[32];
	int			 active;	/* status = 'active' */
	int			 trusted;	/* no consent screen */
	int			 pairwise;
	int			 restricted;	/* audience = 'restricted' */
	int			 grant_code, grant_refresh, grant_client;
	const char		*scopes;	/* space-separated, allowed */
	const char		*initiate_login_uri, *frontchannel_logout_uri,
				*backchannel_logout_uri;	/* "" when none */
	const char *const	*redirect_uris;		/* NULL-terminated */
	const char *const	*post_logout_uris;	/* NULL-terminated */
};

/* ---- token-app.c ---- */

/* Load the application of client_id (any status: callers check active):
 * 0 with *found set, or the HTTP status of a database failure. */
int	 app_by_client_id(struct pf_req *, const char *client_id, struct app *, int *found);
int	 app_by_id(struct pf_req *, unsigned long long id, struct app *, int *found);
/* 1 when uri equals one of list byte for byte. */
int	 uri_registered(const char *const *list, const char *uri);
/* May user (of organisation org, 0: none) use app?  'all': everyone
 * signed in; 'restricted': a live grant of a role app_access names, or
 * membership of an organisation it names.  0 with *yes set, or an HTTP
 * status. */
int	 app_may_use(struct pf_req *, const struct app *, unsigned long long user,
	    unsigned long long org, int *yes);
/* The scopes of requested (space-separated) that app may have, in
 * requested's order without duplicates, in pool; "" when none.  *unknown
 * is set when requested names a scope the application may not have. */
char	*scope_grant(struct pf_req *, const struct app *, const char *requested, int *unknown);
/* 1 when the space-separated list has word. */
int	 scope_has(const char *list, const char *word);
/*
 * Authenticate the client of a token, introspection or revocation
 * request: client_secret_basic (the Authorization header) or
 * client_secret_post (client_id and client_secret fields), never both;
 * a public client by client_id alone (when public_ok).  The secret is
 * compared as SHA-256 in constant time.  0 with *app filled and *ok set
 * (0: answer invalid_client, 401), or an HTTP status.
 */
int	 client_auth(struct pf_req *, int public_ok, struct app *, int *ok);

/* ---- token.c ---- */

/* The issuer: Portal.BaseURL without a trailing slash. */
const char *issuer(void);
/* An OAuth error as JSON ({"error", "error_description"}) with status;
 * 401 adds WWW-Authenticate (Basic for the token endpoint's clients,
 * Bearer for userinfo: scheme).  Returns 0 (the response is made). */
int	 oauth_error(struct pf_req *, int status, const char *error, const char *description,
	    const char *scheme);
/* A query value, percent-encoded, in pool. */
char	*qenc(struct pf_pool *, const char *);
/* A JSON response (200, no-store) from a jansson object it takes over. */
int	 json_reply(struct pf_req *, void *json);

/* ---- token-claims.c ---- */

/* The user a token speaks of, as an application sees them. */
struct subject {
	unsigned long long	 user;
	const char		*sub;		/* users.sub, or pairwise for the app */
	int			 active;	/* user active, organisation not suspended */
	unsigned long long	 org;		/* 0: none */
	const char		*org_name;	/* "" when none */
	const char		*roles;		/* held by live grants, space-separated */
};
/* What an ID token says about the sign-in (from the code, or the refresh
 * token that carries it on). */
struct signin {
	const char	*scope;		/* granted, space-separated */
	const char	*nonce;		/* NULL: none (never on refresh) */
	const char	*sid;		/* NULL: none */
	long long	 auth_time;	/* 0: unknown */
	const char	*amr;		/* space-separated RFC 8176 values */
	const char	*acr;
};
/* Load user's subject for app: 0 with *found set, or an HTTP status. */
int	 subject_load(struct pf_req *, const struct app *, unsigned long long user,
	    struct subject *, int *found);
/* The same from row 0 of a query that selected token.c's SUBJECT_COLS
 * from column col on (with the row that names the user). */
int	 subject_fill(struct pf_req *, const struct app *, const struct pf_rows *, size_t col,
	    unsigned long long user, struct subject *);
/* Add the user's claims that scope allows (email, profile, roles) to
 * claims (a json_t object): 0, or an HTTP status. */
int	 claims_user(struct pf_req *, void *claims, const struct subject *, const char *scope);
/* Sign claims (a json_t object, not taken over) with the active key of
 * Sso.Alg: the compact JWS in pool, or NULL with *status (503 when there
 * is no signing key, 500). */
char	*token_sign(struct pf_req *, const char *typ, void *claims, int *status);
/* An ID token (OIDC Core 2) for app about s, its user claims per scope:
 * in pool, or NULL with *status. */
char	*id_token(struct pf_req *, const struct app *, const struct subject *,
	    const struct signin *, long long now, int *status);
/* An access token (RFC 9068, typ at+jwt) with jti: in pool, or NULL with
 * *status.  sub is the client_id for client_credentials. */
char	*access_token(struct pf_req *, const struct app *, const char *sub, const char *scope,
	    const char *jti, long long now, int *status);
/* The verified claims (json_t *, caller decrefs) of one of our access
 * tokens: signature with a published key (alg pinned per key), typ
 * at+jwt, iss; aud and expiry are the caller's (it knows the client).
 * NULL when it is none. */
void	*access_token_verify(struct pf_req *, const char *token);

/* ---- handlers ---- */
int	page_discovery(struct pf_req *);	/* token.c */
int	page_jwks(struct pf_req *);		/* token.c */
int	page_authorize(struct pf_req *);	/* token-authorize.c */
int	page_consent_post(struct pf_req *);	/* token-authorize.c */
int	page_token(struct pf_req *);		/* token-grant.c */
int	page_userinfo(struct pf_req *);		/* token-info.c */
int	page_introspect(struct pf_req *);	/* token-info.c */
int	page_revoke(struct pf_req *);		/* token-info.c */
int	page_logout(struct pf_req *);		/* token-logout.c: end_session */
int	page_logout_post(struct pf_req *);	/* token-logout.c: the confirmation */
int	page_apps(struct pf_req *);		/* token-tray.c */
int	page_consents(struct pf_req *);		/* token-tray.c */
int	page_consent_revoke(struct pf_req *);	/* token-tray.c */

#endif /* TOKEN_H */
