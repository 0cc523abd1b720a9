/*
 * token-info.c: what a token is worth after it was issued: userinfo
 * (OIDC Core 5.3), introspection (RFC 7662) and revocation (RFC 7009).
 *
 * An access token is a JWT, but its signature alone does not make it
 * good: its row (by the hash of its jti) must exist and be neither
 * revoked nor expired, so that revocation, a replayed code and a reused
 * refresh token end it at once, not when its exp passes.
 */
#include <stdlib.h>
#include <strings.h>
#include <time.h>

#include <jansson.h>

#include "token.h"

/* A token's row as SQL_TOK_BY_HASH reads it. */
struct tokrow {
	unsigned long long	 id, app, user, family;
	int			 refresh;
	const char		*scope;
	long long		 iat, exp;
	int			 usable;	/* unexpired, unrevoked, unused */
};

static int
row_by_hash(struct pf_req *r, const unsigned char h[32], struct tokrow *t, int *found)
{
	struct pf_rows rows;

	*found = 0;
	memset(t, 0, sizeof(*t));
	if (pf_db_query(pf_req_db(r), pf_req_pool(r), SQL_TOK_BY_HASH,
	    PF_ARGS(PF_BLOB((const char *)h, 32)), &rows) != PF_DB_OK)
		return 503;
	if (rows.n != 1)
		return 0;
	*found = 1;
	t->id = (unsigned long long)PF_CELL(&rows, 0, 0)->i;
	t->refresh = strcmp(pf_cell_str(&rows, 0, 1), "refresh") == 0;
	t->app = (unsigned long long)PF_CELL(&rows, 0, 2)->i;
	t->user = (unsigned long long)PF_CELL(&rows, 0, 3)->i;
	t->family = (unsigned long long)PF_CELL(&rows, 0, 4)->i;
	t->scope = pf_cell_str(&rows, 0, 5);
	t->iat = PF_CELL(&rows, 0, 6)->i;
	t->exp = PF_CELL(&rows, 0, 7)->i;
	t->usable = PF_CELL(&rows, 0, 8)->i == 1;
	return 0;
}

/*
 * Find the row of a presented token: a JWT is one of our access tokens
 * when its signature verifies (its claims then in *claims, caller
 * decrefs); anything else is taken as a refresh token's text.  0 with
 * *found, or an HTTP status.
 */
static int
token_row(struct pf_req *r, const char *token, struct tokrow *t, json_t **claims,
    int *found)
{
	const char *jti;
	unsigned char h[32];
	int rc;

	*found = 0;
	*claims = NULL;
	if (strchr(token, '.') == NULL) {
		if (pf_token_hash(token, h) != 0)
			return 0;
		if ((rc = row_by_hash(r, h, t, found)) != 0)
			return rc;
		*found = *found && t->refresh;
		return 0;
	}
	if ((*claims = access_token_verify(r, token)) == NULL)
		return 0;
	jti = json_string_value(json_object_get(*claims, "jti"));
	if (pf_token_hash(jti, h) != 0)
		return 0;
	if ((rc = row_by_hash(r, h, t, found)) != 0)
		return rc;
	*found = *found && !t->refresh;
	return 0;
}

/* 1 when an access token's claims name a as its client: aud and
 * client_id (RFC 9068 2.2), and it has not expired. */
static int
claims_fit(json_t *claims, const struct app *a)
{
	const char *cid = json_string_value(json_object_get(claims, "client_id"));

	return a->active && cid != NULL && strcmp(cid, a->client_id) == 0 &&
	    pf_jwt_check(claims, issuer(), a->client_id, (long long)time(NULL), 30) == PF_JWT_OK;
}

/* ---- userinfo ---- */

static int
bearer_refused(struct pf_req *r, const char *error)
{
	return oauth_error(r, strcmp(error, "insufficient_scope") == 0 ? 403 : 401, error, NULL,
	    "Bearer");
}

/* The user and scope of the bearer token of h: 0 with *ok set, or an
 * HTTP status. */
static int
bearer(struct pf_req *r, const char *h, struct subject *s, struct tokrow *t, int *ok)
{
	const char *sub;
	json_t *claims = NULL;
	struct app a;
	int found, rc;

	*ok = 0;
	/* RFC 6750 2.1 only: a token in the query would land in logs */
	if (h == NULL || strncasecmp(h, "Bearer ", 7) != 0)
		return 0;
	h += 7;
	h += strspn(h, " ");
	if ((rc = token_row(r, h, t, &claims, &found)) != 0)
		goto done;
	if (claims == NULL || !found || !t->usable || t->user == 0)
		goto done;
	/* the row's application, which the token must name */
	if ((rc = app_by_id(r, t->app, &a, &found)) != 0 || !found || !claims_fit(claims, &a))
		goto done;
	if ((rc = subject_load(r, &a, t->user, s, &found)) != 0 || !found || !s->active)
		goto done;
	/* the sub the token was issued for (pairwise or not) */
	sub = json_string_value(json_object_get(claims, "sub"));
	*ok = sub != NULL && strcmp(s->sub, sub) == 0;
done:
	json_decref(claims);
	return rc;
}

int
page_userinfo(struct pf_req *r)
{
	struct subject s;
	struct tokrow t;
	json_t *j;
	int ok, rc;

	if ((rc = bearer(r, pf_req_env(r, "HTTP_AUTHORIZATION"), &s, &t, &ok)) != 0)
		return rc;
	if (!ok)
		return bearer_refused(r, "invalid_token");
	if (!scope_has(t.scope, "openid"))
		return bearer_refused(r, "insufficient_scope");
	if ((j = json_pack("{s:s}", "sub", s.sub)) == NULL)
		return 500;
	if ((rc = claims_user(r, j, &s, t.scope)) != 0) {
		json_decref(j);
		return rc;
	}
	return json_reply(r, j);
}

/* ---- introspection ---- */

static int
inactive(struct pf_req *r, json_t *claims)
{
	json_decref(claims);
	return json_reply(r, json_pack("{s:b}", "active", 0));
}

int
page_introspect(struct pf_req *r)
{
	const char *token = pf_req_field(r, F_TOKEN);
	struct subject s;
	struct tokrow t;
	struct app a;
	json_t *claims, *j;
	int ok, found, rc;

	/* confidential clients only: a public one could ask about anything */
	memset(&a, 0, sizeof(a));
	if ((rc = client_auth(r, 0, &a, &ok)) != 0)
		return rc;
	if (!ok)
		return oauth_error(r, 401, "invalid_client", NULL, "Basic");
	if (token == NULL || *token == '\0')
		return oauth_error(r, 400, "invalid_request", "token is required", NULL);
	if ((rc = token_row(r, token, &t, &claims, &found)) != 0)
		return rc;
	/* another client's token is as unknown as none (RFC 7662 2.2) */
	if (!found || !t.usable || t.app != a.id)
		return inactive(r, claims);
	if (claims != NULL && !claims_fit(claims, &a))
		return inactive(r, claims);
	s.sub = a.client_id;
	if (t.user != 0) {
		if ((rc = subject_load(r, &a, t.user, &s, &found)) != 0) {
			json_decref(claims);
			return rc;
		}
		if (!found || !s.active)
			return inactive(r, claims);
	}
	json_decref(claims);
	j = json_pack("{s:b, s:s, s:s, s:s, s:I, s:I, s:s, s:s, s:s}", "active", 1,
	    "scope", t.scope, "client_id", a.client_id, "sub", s.sub,
	    "exp", (json_int_t)t.exp, "iat", (json_int_t)t.iat,
	    "token_type", t.refresh ? "refresh_token" : "Bearer", "iss", issuer(),
	    "aud", a.client_id);
	return json_reply(r, j);
}

/* ---- revocation ---- */

struct revoke {
	const struct app	*app;
	const struct tokrow	*t;
};

static int
revoke_tx(struct pf_req *r, void *arg)
{
	struct revoke *v = arg;
	unsigned long long n = 0;
	enum pf_dberr e;

	/* a refresh token takes its family (and the family's access
	 * tokens) with it: the grant ends, not only this token */
	if (v->t->refresh)
		e = pf_db_exec(pf_req_db(r), SQL_TOK_REVOKE_FAMILY,
		    PF_ARGS(PF_INT((long long)(v->t->family ? v->t->family : v->t->id))), &n, NULL);
	else
		e = pf_db_exec(pf_req_db(r), SQL_TOK_REVOKE_ONE,
		    PF_ARGS(PF_INT((long long)v->t->id)), &n, NULL);
	if (e != PF_DB_OK)
		return pf_tx_err(e);
	if (n == 0)
		return 0;	/* revoked before: nothing new to record */
	e = pf_audit_event(r, "sso.token.revoked", PF_AUDIT_OK, v->t->user, 0,
	    pf_psprintf(pf_req_pool(r), "app:%llu", v->app->id),
	    v->t->refresh ? "refresh" : "access", NULL, 0);
	return pf_tx_err(e);
}

int
page_revoke(struct pf_req *r)
{
	const char *token = pf_req_field(r, F_TOKEN);
	struct revoke v;
	struct tokrow t;
	struct app a;
	json_t *claims;
	int ok, found, rc;

	/* a public client may revoke its own tokens: it holds them */
	memset(&a, 0, sizeof(a));
	if ((rc = client_auth(r, 1, &a, &ok)) != 0)
		return rc;
	if (!ok)
		return oauth_error(r, 401, "invalid_client", NULL, "Basic");
	if (token == NULL || *token == '\0')
		return oauth_error(r, 400, "invalid_request", "token is required", NULL);
	if ((rc = token_row(r, token, &t, &claims, &found)) != 0)
		return rc;
	json_decref(claims);
	/* RFC 7009 2.2: an unknown token is answered 200 as well; so is
	 * another client's, which is left alone without telling that it
	 * exists */
	if (found && t.app == a.id) {
		v.app = &a;
		v.t = &t;
		if ((rc = pf_tx(r, revoke_tx, &v)) != 0)
			return rc;
	}
	return json_reply(r, json_object());
}
