/*
 * token-logout.c: /sso/logout, the end_session_endpoint (OpenID Connect
 * RP-Initiated Logout 1.0).  An application sends the user here with
 * id_token_hint (the ID token it holds), client_id,
 * post_logout_redirect_uri and state.
 *
 * The hint must be ours: signature checked against the published keys
 * with the algorithm pinned per key (never none, never HMAC), iss ours.
 * Its exp may be past: an application often logs out long after its ID
 * token expired, and a logout is what the user wants anyway.  Only when
 * the hint's sid names the current session (or there is no session) does
 * the logout happen at once; otherwise the user confirms it (a page
 * posting back here with the form token), because anyone can send a
 * browser to this URL.  The way back goes only to a post_logout URI
 * registered for the hint's (or client_id's) application, byte for byte;
 * without one the user ends on Pforte's "signed out" page.
 */
#include <stdlib.h>
#include <time.h>

#include <jansson.h>

#include "token.h"

/* What a logout request asks, checked. */
struct lo {
	struct app	 app;
	int		 has_app;
	const char	*sid;		/* the hint's, NULL: no (valid) hint */
	const char	*back;		/* a registered post_logout URI, or NULL */
	const char	*state;
	unsigned long long session, user;	/* who is signed out */
};

/* parse() made the answer itself (a page saying why not, 400). */
#define MADE	(-2)

/*
 * Check the request's fields into lo: 0, MADE (a hint that is not ours,
 * or a redirect URI with no application to check it against: the user
 * stays signed in), or an HTTP status.
 */
static int
parse(struct pf_req *r, struct lo *lo)
{
	static const enum pf_jwa allowed[] = { PF_JWA_RS256, PF_JWA_ES256, PF_JWA_NONE };
	const char *hint = pf_req_field(r, F_ID_TOKEN_HINT);
	const char *client = pf_req_field(r, F_CLIENT_ID);
	const char *uri = pf_req_field(r, F_POST_LOGOUT_REDIRECT_URI);
	const char *aud = NULL, *s;
	struct pf_sigkeys keys;
	json_t *c = NULL, *v;
	enum pf_jwt_err e;
	int rc, found;

	memset(lo, 0, sizeof(*lo));
	lo->state = pf_req_field(r, F_STATE);
	if (hint != NULL && *hint) {
		if (pf_sigkeys_load(pf_req_db(r), pf_req_pool(r), &keys) != 0)
			return 503;
		e = pf_jwt_verify(hint, keys.pub, keys.npub, allowed, (void **)&c);
		/* exp is not checked (any past exp passes: leeway = now);
		 * iss must be ours, aud is taken from the token */
		if (e == PF_JWT_OK) {
			v = json_object_get(c, "aud");
			aud = json_is_array(v) ? json_string_value(json_array_get(v, 0)) :
			    json_string_value(v);
			e = aud == NULL ? PF_JWT_AUD :
			    pf_jwt_check(c, issuer(), aud, (long long)time(NULL), (long long)time(NULL));
		}
		/* a logout token carries events: it is no ID token */
		if (e == PF_JWT_OK && json_object_get(c, "events") != NULL)
			e = PF_JWT_MALFORMED;
		if (e != PF_JWT_OK || (client != NULL && *client && strcmp(client, aud) != 0)) {
			pf_log(r, PF_LOG_INFO, "sso logout: id_token_hint refused (%s)",
			    e != PF_JWT_OK ? pf_jwt_strerror(e) : "client_id differs");
			json_decref(c);
			return pf_message(r, 400, "SsoApps.Error.BadHint", "/", "Nav.Home") == 0 ?
			    MADE : 500;
		}
		aud = pf_pstrdup(pf_req_pool(r), aud);
		if ((s = json_string_value(json_object_get(c, "sid"))) != NULL)
			lo->sid = pf_pstrdup(pf_req_pool(r), s);
		json_decref(c);
		client = aud;
	}
	if (client != NULL && *client) {
		if ((rc = app_by_client_id(r, client, &lo->app, &found)) != 0)
			return rc;
		lo->has_app = found && lo->app.active;
	}
	if (uri != NULL && *uri) {
		if (!lo->has_app) {
			return pf_message(r, 400, "SsoApps.Error.NoApp", "/", "Nav.Home") == 0 ?
			    MADE : 500;
		}
		/* an unregistered URI is not followed: Pforte's own page */
		if (uri_registered(lo->app.post_logout_uris, uri) &&
		    (strncmp(uri, "https://", 8) == 0 || strncmp(uri, "http://", 7) == 0))
			lo->back = uri;
		else
			pf_log(r, PF_LOG_INFO, "sso logout: post_logout_redirect_uri not "
			    "registered for app %llu", lo->app.id);
	}
	return 0;
}

static int
end(struct pf_req *r, void *arg)
{
	struct lo *lo = arg;
	const struct pf_session *s = pf_req_session(r);
	enum pf_dberr e;

	if (s == NULL)
		return 0;
	lo->session = s->id;
	lo->user = s->user;
	if ((e = pf_audit_event(r, "sso.logout", PF_AUDIT_OK, s->user, 0, lo->has_app ?
	    pf_psprintf(pf_req_pool(r), "app:%llu", lo->app.id) : "", "", NULL, 0)) != PF_DB_OK ||
	    (e = pf_session_end(r)) != PF_DB_OK)
		return pf_tx_err(e);
	return 0;
}

/* End the session, tell the applications, and send the user on: back to
 * the application (303, or a link under the front-channel frames), or to
 * Pforte's "signed out" page. */
static int
logout(struct pf_req *r, struct lo *lo)
{
	struct pf_pool *p = pf_req_pool(r);
	const char *params = lo->state != NULL && *lo->state ?
	    pf_psprintf(p, "state=%s", qenc(p, lo->state)) : NULL;
	int rc, frames = 0;

	if ((rc = pf_tx(r, end, lo)) != 0)
		return rc;
	if (lo->user != 0)
		frames = pf_sso_logout(r, lo->session, lo->user);
	if (frames == 0)
		return lo->back != NULL ?
		    pf_resp_redirect_params(r, 303, lo->back, lo->app.post_logout_uris, params) :
		    pf_resp_redirect(r, 303, "/login?bye=1");
	pf_set(r, "SSO.Next", lo->back == NULL ?
	    pf_psprintf(p, "%s/login?bye=1", pf_base_path()) : params == NULL ? lo->back :
	    pf_psprintf(p, "%s%c%s", lo->back, strchr(lo->back, '?') ? '&' : '?', params));
	return pf_render_page(r, "sso_logout.cs", "sso-logout", "SsoApps.Logout.DoneTitle");
}

int
page_logout(struct pf_req *r)
{
	const struct pf_session *s = pf_req_session(r);
	struct pf_rows rows;
	struct lo lo;
	const char *sid;
	int rc;

	if ((rc = parse(r, &lo)) != 0)
		return rc == MADE ? 0 : rc;
	if (s != NULL) {
		if (pf_db_query(pf_req_db(r), pf_req_pool(r), SQL_LOGOUT_SID,
		    PF_ARGS(PF_INT((long long)s->id)), &rows) != PF_DB_OK)
			return 503;
		sid = rows.n == 1 ? pf_cell_str(&rows, 0, 0) : "";
		/* Not proved to be this session: ask (the session's sid is
		 * made at its first authorization; "" never matches). */
		if (lo.sid == NULL || *sid == '\0' || strcmp(lo.sid, sid) != 0) {
			pf_set(r, "SSO.Confirm", "1");
			pf_set(r, "SSO.Hint", pf_req_field(r, F_ID_TOKEN_HINT));
			pf_set(r, "SSO.ClientId", pf_req_field(r, F_CLIENT_ID));
			pf_set(r, "SSO.Redirect", pf_req_field(r, F_POST_LOGOUT_REDIRECT_URI));
			pf_set(r, "SSO.State", lo.state);
			if (lo.has_app)
				pf_set(r, "SSO.AppName", lo.app.name);
			return pf_render_page(r, "sso_logout.cs", "sso-logout",
			    "SsoApps.Logout.ConfirmTitle");
		}
	}
	return logout(r, &lo);
}

/* The confirmation: the pipeline has checked the form token. */
int
page_logout_post(struct pf_req *r)
{
	struct lo lo;
	int rc;

	if ((rc = parse(r, &lo)) != 0)
		return rc == MADE ? 0 : rc;
	return logout(r, &lo);
}
