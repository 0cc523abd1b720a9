/*
 * token-app.c: the registered applications as the protocol sees them:
 * loading one, whether a user may use it, which scopes it may have, and
 * the authentication of its requests.
 */
#include <stdlib.h>
#include <strings.h>

#include <openssl/evp.h>

#include "token.h"

static int
fill(struct pf_req *r, const struct pf_rows *rows, struct app *a)
{
	struct pf_pool *p = pf_req_pool(r);
	struct pf_rows u;
	const char **redir, **post;
	const char *grants = pf_cell_str(rows, 0, 9);
	const struct pf_val *secret = PF_CELL(rows, 0, 4);
	size_t i, nr = 0, np = 0;

	memset(a, 0, sizeof(*a));
	a->id = (unsigned long long)PF_CELL(rows, 0, 0)->i;
	a->client_id = pf_cell_str(rows, 0, 1);
	a->name = pf_cell_str(rows, 0, 2);
	a->icon = pf_cell_str(rows, 0, 3);
	if (secret->type == PF_V_STR && secret->len == sizeof(a->secret_hash)) {
		a->has_secret = 1;
		memcpy(a->secret_hash, secret->s, sizeof(a->secret_hash));
	}
	a->active = strcmp(pf_cell_str(rows, 0, 5), "active") == 0;
	a->trusted = PF_CELL(rows, 0, 6)->i != 0;
	a->pairwise = PF_CELL(rows, 0, 7)->i != 0;
	a->restricted = strcmp(pf_cell_str(rows, 0, 8), "restricted") == 0;
	/* a SET column reads as "a,b,c" */
	a->grant_code = strstr(grants, "authorization_code") != NULL;
	a->grant_refresh = strstr(grants, "refresh_token") != NULL;
	a->grant_client = strstr(grants, "client_credentials") != NULL;
	a->scopes = pf_cell_str(rows, 0, 10);
	a->initiate_login_uri = pf_cell_str(rows, 0, 11);
	a->frontchannel_logout_uri = pf_cell_str(rows, 0, 12);
	a->backchannel_logout_uri = pf_cell_str(rows, 0, 13);

	if (pf_db_query(pf_req_db(r), p, SQL_APP_URIS, PF_ARGS(PF_INT((long long)a->id)), &u) !=
	    PF_DB_OK)
		return 503;
	redir = pf_pcalloc(p, (u.n + 1) * sizeof(*redir));
	post = pf_pcalloc(p, (u.n + 1) * sizeof(*post));
	for (i = 0; i < u.n; i++) {
		if (strcmp(pf_cell_str(&u, i, 0), "redirect") == 0)
			redir[nr++] = pf_cell_str(&u, i, 1);
		else
			post[np++] = pf_cell_str(&u, i, 1);
	}
	a->redirect_uris = redir;
	a->post_logout_uris = post;
	return 0;
}

static int
load(struct pf_req *r, unsigned id, struct pf_val key, struct app *a, int *found)
{
	struct pf_rows rows;

	*found = 0;
	if (pf_db_query(pf_req_db(r), pf_req_pool(r), id, &key, 1, &rows) != PF_DB_OK)
		return 503;
	if (rows.n != 1)
		return 0;
	*found = 1;
	return fill(r, &rows, a);
}

int
app_by_client_id(struct pf_req *r, const char *client_id, struct app *a, int *found)
{
	*found = 0;
	if (client_id == NULL || *client_id == '\0' || strlen(client_id) > 64)
		return 0;
	return load(r, SQL_APP_BY_CLIENT, PF_STR(client_id), a, found);
}

int
app_by_id(struct pf_req *r, unsigned long long id, struct app *a, int *found)
{
	return load(r, SQL_APP_BY_ID, PF_INT((long long)id), a, found);
}

int
uri_registered(const char *const *list, const char *uri)
{
	size_t i;

	for (i = 0; uri != NULL && list != NULL && list[i] != NULL; i++)
		if (strcmp(list[i], uri) == 0)
			return 1;
	return 0;
}

int
app_may_use(struct pf_req *r, const struct app *a, unsigned long long user,
    unsigned long long org, int *yes)
{
	struct pf_rows rows;

	*yes = 0;
	if (!a->active)
		return 0;
	if (!a->restricted) {
		*yes = 1;
		return 0;
	}
	if (pf_db_query(pf_req_db(r), pf_req_pool(r), SQL_APP_ACCESS,
	    PF_ARGS(PF_INT((long long)a->id), org ? PF_INT((long long)org) : PF_NULL,
	    PF_INT((long long)user), org ? PF_INT((long long)org) : PF_NULL), &rows) != PF_DB_OK)
		return 503;
	*yes = rows.n > 0;
	return 0;
}

int
scope_has(const char *list, const char *word)
{
	size_t n = strlen(word), k;

	while (list != NULL && *list) {
		list += strspn(list, " ");
		k = strcspn(list, " ");
		if (k == n && k > 0 && strncmp(list, word, n) == 0)
			return 1;
		list += k;
	}
	return 0;
}

char *
scope_grant(struct pf_req *r, const struct app *a, const char *requested, int *unknown)
{
	struct pf_buf b = { 0 };
	const char *s = requested ? requested : "";
	char *w, *out;
	size_t k;

	*unknown = 0;
	while (*s) {
		s += strspn(s, " ");
		if ((k = strcspn(s, " ")) == 0)
			break;
		w = pf_pstrndup(pf_req_pool(r), s, k);
		s += k;
		if (!scope_has(a->scopes, w)) {
			*unknown = 1;
			continue;
		}
		if (b.data != NULL && scope_has(b.data, w))
			continue;
		if (b.len)
			pf_buf_adds(&b, " ");
		pf_buf_adds(&b, w);
	}
	out = pf_pstrdup(pf_req_pool(r), b.data ? b.data : "");
	pf_buf_free(&b);
	return out;
}

/* RFC 6749 2.3.1: client id and secret are form-encoded before they go
 * into the Basic credentials.  -1 on a bad escape or a NUL. */
static int
form_decode(char *s)
{
	char *o = s;
	unsigned v;

	for (; *s; s++) {
		if (*s == '+')
			*o++ = ' ';
		else if (*s == '%') {
			if (sscanf(s + 1, "%2x", &v) != 1 || v == 0 || !s[1] || !s[2])
				return -1;
			*o++ = (char)v;
			s += 2;
		} else
			*o++ = *s;
	}
	*o = '\0';
	return 0;
}

/* The client id and secret of an Authorization: Basic header, in pool;
 * -1 when the header is there but malformed. 0 with *id NULL: none. */
static int
basic_credentials(struct pf_req *r, char **id, char **secret)
{
	const char *h = pf_req_env(r, "HTTP_AUTHORIZATION");
	unsigned char *raw;
	size_t n;
	int len;
	char *colon;

	*id = *secret = NULL;
	if (h == NULL || *h == '\0')
		return 0;
	if (strncasecmp(h, "Basic ", 6) != 0)
		return -1;
	h += 6;
	n = strlen(h);
	if (n == 0 || n > 1024 || n % 4 != 0)
		return -1;
	raw = pf_palloc(pf_req_pool(r), n + 1);
	if ((len = EVP_DecodeBlock(raw, (const unsigned char *)h, (int)n)) < 0)
		return -1;
	/* EVP_DecodeBlock counts padding as zero bytes */
	if (n >= 1 && h[n - 1] == '=')
		len--;
	if (n >= 2 && h[n - 2] == '=')
		len--;
	raw[len] = '\0';
	if (memchr(raw, '\0', (size_t)len) != NULL || (colon = strchr((char *)raw, ':')) == NULL)
		return -1;
	*colon = '\0';
	*id = (char *)raw;
	*secret = colon + 1;
	if (form_decode(*id) < 0 || form_decode(*secret) < 0)
		return -1;
	return 0;
}

int
client_auth(struct pf_req *r, int public_ok, struct app *a, int *ok)
{
	const char *fid = pf_req_field(r, F_CLIENT_ID), *fsecret = pf_req_field(r, F_CLIENT_SECRET);
	char *bid, *bsecret;
	const char *id, *secret;
	unsigned char digest[32];
	unsigned int dlen = 0;
	int found, rc;

	*ok = 0;
	if (basic_credentials(r, &bid, &bsecret) < 0)
		return 0;
	/* One method per request (RFC 6749 2.3). */
	if (bid != NULL && fsecret != NULL)
		return 0;
	if (bid != NULL && fid != NULL && strcmp(fid, bid) != 0)
		return 0;
	id = bid != NULL ? bid : fid;
	secret = bid != NULL ? bsecret : fsecret;
	if ((rc = app_by_client_id(r, id, a, &found)) != 0)
		return rc;
	if (!found || !a->active)
		return 0;
	if (!a->has_secret) {
		/* A public client proves nothing; it may only do what PKCE
		 * or its own tokens allow. */
		*ok = public_ok && secret == NULL;
		return 0;
	}
	if (secret == NULL || strlen(secret) > 256 ||
	    EVP_Digest(secret, strlen(secret), digest, &dlen, EVP_sha256(), NULL) != 1)
		return 0;
	*ok = pf_memeq_ct(digest, a->secret_hash, sizeof(digest)) == 0;
	pf_wipe(digest, sizeof(digest));
	return 0;
}
