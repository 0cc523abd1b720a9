/*
 * token-claims.c: who a token speaks of and what it says: the subject
 * (public or pairwise), the user's claims per scope, and the ID and
 * access tokens as signed JWTs.  The token endpoint and userinfo both
 * build their claims here, so an application reads the same values from
 * either.
 */
#include <stdlib.h>
#include <time.h>

#include <jansson.h>

#include "token.h"

int
subject_fill(struct pf_req *r, const struct app *a, const struct pf_rows *rows, size_t col,
    unsigned long long user, struct subject *s)
{
	struct pf_pool *p = pf_req_pool(r);
	const struct pf_val *salt;
	const char *sector;

	memset(s, 0, sizeof(*s));
	s->user = user;
	s->sub = pf_cell_str(rows, 0, col);
	s->active = PF_CELL(rows, 0, col + 2)->i == 1;
	s->org = (unsigned long long)PF_CELL(rows, 0, col + 3)->i;
	s->org_name = pf_cell_str(rows, 0, col + 4);
	s->roles = pf_cell_str(rows, 0, col + 5);
	if (!a->pairwise)
		return 0;
	/* The same subject the logout token names (lib/ssologout.c). */
	salt = PF_CELL(rows, 0, col + 1);
	if (a->redirect_uris == NULL || a->redirect_uris[0] == NULL ||
	    (sector = pf_url_host(p, a->redirect_uris[0])) == NULL)
		return 500;
	s->sub = pf_sso_subject(p, s->sub, (const unsigned char *)salt->s, salt->len, sector);
	return 0;
}

int
subject_load(struct pf_req *r, const struct app *a, unsigned long long user,
    struct subject *s, int *found)
{
	struct pf_rows rows;

	*found = 0;
	memset(s, 0, sizeof(*s));
	if (pf_db_query(pf_req_db(r), pf_req_pool(r), SQL_CLAIMS_USER,
	    PF_ARGS(PF_INT((long long)user)), &rows) != PF_DB_OK)
		return 503;
	if (rows.n != 1)
		return 0;
	*found = 1;
	return subject_fill(r, a, &rows, 0, user, s);
}

/* A space-separated list as a JSON array (amr, roles). */
static json_t *
words(const char *list)
{
	json_t *a = json_array();
	size_t k;

	while (list != NULL && *list) {
		list += strspn(list, " ");
		if ((k = strcspn(list, " ")) == 0)
			break;
		json_array_append_new(a, json_stringn(list, k));
		list += k;
	}
	return a;
}

int
claims_user(struct pf_req *r, void *claims, const struct subject *s, const char *scope)
{
	struct pf_pool *p = pf_req_pool(r);
	json_t *c = claims;
	struct pf_account acc;
	int email = scope_has(scope, "email"), profile = scope_has(scope, "profile");

	/* the account is decrypted only when a claim needs it */
	if (email || profile) {
		if (pf_account_load(pf_req_db(r), p, s->user, &acc) != PF_ACC_OK)
			return 503;
		if (email) {
			json_object_set_new(c, "email", json_string(acc.email));
			/* a portal account's address is proved by the link
			 * that set it up */
			json_object_set_new(c, "email_verified", json_true());
		}
		if (profile) {
			json_object_set_new(c, "name", json_string(acc.name));
			json_object_set_new(c, "locale", json_string(acc.lang));
		}
	}
	if (!profile && !scope_has(scope, "roles"))
		return 0;
	if (*s->org_name)
		json_object_set_new(c, "org", json_string(s->org_name));
	json_object_set_new(c, "roles", words(s->roles));
	return 0;
}

char *
token_sign(struct pf_req *r, const char *typ, void *claims, int *status)
{
	struct pf_sigkeys keys;
	char *json, *jws, *out;

	/* parsed once per process; this only looks at the table now and
	 * then (PF_SIGKEYS_TTL) */
	if (pf_sigkeys_load(pf_req_db(r), pf_req_pool(r), &keys) != 0 || keys.sign == NULL) {
		pf_log(r, PF_LOG_ERR, "token: no signing key of Sso.Alg %s",
		    pf_conf_str("Sso.Alg"));
		*status = 503;
		return NULL;
	}
	if ((json = json_dumps(claims, JSON_COMPACT)) == NULL) {
		*status = 500;
		return NULL;
	}
	jws = pf_jwt_sign(keys.sign, typ, json);
	free(json);
	if (jws == NULL) {
		*status = 500;
		return NULL;
	}
	out = pf_pstrdup(pf_req_pool(r), jws);
	free(jws);
	return out;
}

char *
id_token(struct pf_req *r, const struct app *a, const struct subject *s,
    const struct signin *in, long long now, int *status)
{
	json_t *c;
	char *t;
	int rc;

	c = json_pack("{s:s, s:s, s:s, s:s, s:I, s:I}", "iss", issuer(), "sub", s->sub,
	    "aud", a->client_id, "azp", a->client_id,
	    "exp", (json_int_t)(now + pf_conf_int("Sso.IdTokenMinutes") * 60),
	    "iat", (json_int_t)now);
	if (c == NULL) {
		*status = 500;
		return NULL;
	}
	if (in->auth_time > 0)
		json_object_set_new(c, "auth_time", json_integer(in->auth_time));
	if (in->nonce != NULL && *in->nonce)
		json_object_set_new(c, "nonce", json_string(in->nonce));
	if (in->acr != NULL && *in->acr)
		json_object_set_new(c, "acr", json_string(in->acr));
	if (in->amr != NULL && *in->amr)
		json_object_set_new(c, "amr", words(in->amr));
	if (in->sid != NULL && *in->sid)
		json_object_set_new(c, "sid", json_string(in->sid));
	/* the seed's "signed JWT with the user's profile": the claims are
	 * in the ID token too, not only at userinfo */
	if ((rc = claims_user(r, c, s, in->scope)) != 0) {
		json_decref(c);
		*status = rc;
		return NULL;
	}
	t = token_sign(r, "JWT", c, status);
	json_decref(c);
	return t;
}

char *
access_token(struct pf_req *r, const struct app *a, const char *sub, const char *scope,
    const char *jti, long long now, int *status)
{
	json_t *c;
	char *t;

	c = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:I, s:I}", "iss", issuer(), "sub", sub,
	    "aud", a->client_id, "client_id", a->client_id, "scope", scope, "jti", jti,
	    "exp", (json_int_t)(now + pf_conf_int("Sso.AccessTokenMinutes") * 60),
	    "iat", (json_int_t)now);
	if (c == NULL) {
		*status = 500;
		return NULL;
	}
	t = token_sign(r, "at+jwt", c, status);
	json_decref(c);
	return t;
}

/* The typ of a token's header.  Only read after the signature verified,
 * so the header is ours; pf_jwt_verify does not hand it out. */
static int
typ_is(struct pf_pool *p, const char *token, const char *want)
{
	size_t n = strcspn(token, "."), m;
	unsigned char *raw;
	json_t *h;
	const char *typ;
	int yes;

	if (n % 4 == 1)
		return 0;
	m = n / 4 * 3 + (n % 4 ? n % 4 - 1 : 0);
	raw = pf_palloc(p, m + 1);
	if (pf_b64url_decode(pf_pstrndup(p, token, n), raw, m) != 0)
		return 0;
	if ((h = json_loadb((const char *)raw, m, JSON_REJECT_DUPLICATES, NULL)) == NULL)
		return 0;
	typ = json_string_value(json_object_get(h, "typ"));
	yes = typ != NULL && strcmp(typ, want) == 0;
	json_decref(h);
	return yes;
}

void *
access_token_verify(struct pf_req *r, const char *token)
{
	static const enum pf_jwa allowed[] = { PF_JWA_RS256, PF_JWA_ES256, PF_JWA_NONE };
	struct pf_sigkeys keys;
	void *claims = NULL;

	if (token == NULL || pf_sigkeys_load(pf_req_db(r), pf_req_pool(r), &keys) != 0)
		return NULL;
	/* alg none, HMAC and a key of the other algorithm never pass here */
	if (pf_jwt_verify(token, keys.pub, keys.npub, allowed, &claims) != PF_JWT_OK)
		return NULL;
	/* an ID token is no access token (RFC 9068 4: typ at+jwt) */
	if (!typ_is(pf_req_pool(r), token, "at+jwt") ||
	    pf_jwt_check(claims, issuer(), NULL, (long long)time(NULL), 30) != PF_JWT_OK ||
	    !json_is_string(json_object_get(claims, "jti")) ||
	    !json_is_string(json_object_get(claims, "client_id"))) {
		json_decref(claims);
		return NULL;
	}
	return claims;
}
