/*
 * ssologout.c: global logout.  The portal session is the single sign-on
 * session; when it ends, every application it signed in to is told:
 *
 *   back-channel (OpenID Connect Back-Channel Logout 1.0): a logout token,
 *     a JWT of typ "logout+jwt" signed with the portal's key, POSTed by the
 *     server to the application's backchannel_logout_uri;
 *   front-channel (OpenID Connect Front-Channel Logout 1.0): the "signed
 *     out" page frames the application's frontchannel_logout_uri with iss
 *     and sid, so the browser carries the application's own cookies.
 *
 * Both login (/logout, /logout/all) and the token program (end_session)
 * call pf_sso_logout after their session ended.  Nothing here may fail
 * the user's logout: an application that cannot be reached is audited
 * (sso.logout.failed) and logged, and the user is signed out all the same.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <curl/curl.h>
#include <jansson.h>
#include <openssl/evp.h>

#include "pforte.h"
#include "pf-int.h"

#define BC_EVENT	"http://schemas.openid.net/event/backchannel-logout"
/* A logout token is for immediate delivery: two minutes cover clock skew
 * (the spec recommends a short lifetime). */
#define LOGOUT_TOKEN_SECONDS	120

/* One application a session signed in to. */
struct part {
	unsigned long long	 app;
	const char		*sid, *client_id, *front, *back;
	const char		*sub;		/* as the application knows the user */
	char			*body;		/* "logout_token=...", malloc'd */
	CURL			*h;
	const char		*fail;		/* why it failed, NULL: not yet known */
	long			 http;
};

/* The issuer as token.c's issuer(): Portal.BaseURL without trailing '/'. */
static const char *
iss(struct pf_pool *p)
{
	const char *u = pf_conf_str("Portal.BaseURL");
	size_t n = strlen(u);

	while (n > 0 && u[n - 1] == '/')
		n--;
	return pf_pstrndup(p, u, n);
}

char *
pf_url_host(struct pf_pool *p, const char *url)
{
	CURLU *u = curl_url();
	char *host = NULL, *out = NULL;

	if (u != NULL && curl_url_set(u, CURLUPART_URL, url, 0) == CURLUE_OK &&
	    curl_url_get(u, CURLUPART_HOST, &host, 0) == CURLUE_OK)
		out = pf_pstrdup(p, host);
	curl_free(host);
	curl_url_cleanup(u);
	return out;
}

char *
pf_sso_subject(struct pf_pool *p, const char *sub, const unsigned char *salt, size_t saltlen,
    const char *sector)
{
	unsigned char md[32];
	char *out;
	EVP_MD_CTX *ctx;
	unsigned int n = 0;

	if (sector == NULL)
		return pf_pstrdup(p, sub);
	/* sector "|" sub salt: the separator keeps ("a.b", "c") and ("a",
	 * "b.c")-like pairs apart; the salt, never published, keeps anyone
	 * who knows sub from computing another application's subject. */
	if ((ctx = EVP_MD_CTX_new()) == NULL ||
	    EVP_DigestInit_ex(ctx, EVP_sha256(), NULL) != 1 ||
	    EVP_DigestUpdate(ctx, sector, strlen(sector)) != 1 ||
	    EVP_DigestUpdate(ctx, "|", 1) != 1 ||
	    EVP_DigestUpdate(ctx, sub, strlen(sub)) != 1 ||
	    EVP_DigestUpdate(ctx, salt, saltlen) != 1 ||
	    EVP_DigestFinal_ex(ctx, md, &n) != 1 || n != sizeof(md))
		abort();	/* SHA-256 does not fail but for memory */
	EVP_MD_CTX_free(ctx);
	out = pf_palloc(p, PF_TOKEN_CHARS + 1);
	pf_b64url(md, sizeof(md), out);
	return out;
}

/* A URL-encoded value (RFC 3986 unreserved kept), in pool. */
static char *
urlenc(struct pf_pool *p, const char *s)
{
	char *e = curl_easy_escape(NULL, s, 0), *out;

	if (e == NULL)
		abort();
	out = pf_pstrdup(p, e);
	curl_free(e);
	return out;
}

/* 1 when an application's logout URI may be used: https, or http to this
 * machine (a test, a development setup).  Anything else would send the
 * logout token, or frame the page, in the clear. */
static int
uri_ok(const char *uri)
{
	return strncmp(uri, "https://", 8) == 0 ||
	    (strncmp(uri, "http://", 7) == 0 && pf_url_loopback(uri));
}

/* The signed logout token for one application (Back-Channel Logout 2.4):
 * iss, aud, iat, exp, jti, sub, sid, events; never a nonce.  malloc'd,
 * NULL on failure. */
static char *
logout_token(const struct pf_sigkey *k, const char *issuer, const struct part *pt)
{
	unsigned char raw[PF_TOKEN_BYTES];
	char jti[PF_TOKEN_CHARS + 1], *claims, *tok;
	long long now = (long long)time(NULL);
	json_t *j;

	pf_token_new(raw, jti);
	j = json_pack("{s:s, s:s, s:I, s:I, s:s, s:s, s:s, s:{s:{}}}", "iss", issuer,
	    "aud", pt->client_id, "iat", (json_int_t)now,
	    "exp", (json_int_t)(now + LOGOUT_TOKEN_SECONDS), "jti", jti, "sub", pt->sub,
	    "sid", pt->sid, "events", BC_EVENT);
	if (j == NULL)
		return NULL;
	claims = json_dumps(j, JSON_COMPACT);
	json_decref(j);
	if (claims == NULL)
		return NULL;
	tok = pf_jwt_sign(k, "logout+jwt", claims);
	free(claims);
	return tok;
}

/* The answer's body is of no interest: drop it. */
static size_t
discard(char *p, size_t size, size_t n, void *arg)
{
	(void)p;
	(void)arg;
	return size * n;
}

/* POST every prepared token at once; stop waiting at the time limit,
 * which bounds how long the user's logout page waits in the worst case. */
static void
notify(struct part *pv, size_t n)
{
	long limit = (long)pf_conf_int("Sso.LogoutTimeoutMs");
	const char *cafile = pf_conf_str("Sso.LogoutCAFile");
	struct timespec t0, t;
	CURLM *m = curl_multi_init();
	CURLMsg *msg;
	int running = 0, left;
	long waited;
	size_t i;

	if (m == NULL) {
		for (i = 0; i < n; i++)
			if (pv[i].body != NULL)
				pv[i].fail = "error";
		return;
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (i = 0; i < n; i++) {
		CURL *h;

		if (pv[i].body == NULL || (h = curl_easy_init()) == NULL) {
			if (pv[i].body != NULL)
				pv[i].fail = "error";
			continue;
		}
		pv[i].h = h;
		curl_easy_setopt(h, CURLOPT_URL, pv[i].back);
		/* only what uri_ok allowed; no redirects: an application
		 * that moved must register its new URI */
		curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "https,http");
		curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
		curl_easy_setopt(h, CURLOPT_POSTFIELDS, pv[i].body);
		curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 1L);
		curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 2L);
		if (cafile != NULL && *cafile)
			curl_easy_setopt(h, CURLOPT_CAINFO, cafile);
		curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, limit);
		curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
		curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, discard);
		curl_easy_setopt(h, CURLOPT_USERAGENT, "Pforte-Logout/1");
		curl_easy_setopt(h, CURLOPT_PRIVATE, &pv[i]);
		curl_multi_add_handle(m, h);
	}
	do {
		if (curl_multi_perform(m, &running) != CURLM_OK)
			break;
		while ((msg = curl_multi_info_read(m, &left)) != NULL) {
			struct part *pt;

			if (msg->msg != CURLMSG_DONE ||
			    curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, &pt) != CURLE_OK)
				continue;
			curl_easy_getinfo(msg->easy_handle, CURLINFO_RESPONSE_CODE, &pt->http);
			switch (msg->data.result) {
			case CURLE_OK:
				pt->fail = pt->http >= 200 && pt->http < 300 ? "" :
				    "http";
				break;
			case CURLE_OPERATION_TIMEDOUT:
				pt->fail = "timeout";
				break;
			case CURLE_SSL_CONNECT_ERROR:
			case CURLE_PEER_FAILED_VERIFICATION:
			case CURLE_SSL_CACERT_BADFILE:
			case CURLE_SSL_CERTPROBLEM:
				pt->fail = "tls";
				break;
			default:
				pt->fail = "connect";
			}
		}
		clock_gettime(CLOCK_MONOTONIC, &t);
		waited = (t.tv_sec - t0.tv_sec) * 1000 + (t.tv_nsec - t0.tv_nsec) / 1000000;
		if (running && waited < limit)
			curl_multi_poll(m, NULL, 0, (int)(limit - waited < 100 ? limit - waited : 100),
			    NULL);
	} while (running && waited < limit);
	for (i = 0; i < n; i++) {
		if (pv[i].h == NULL)
			continue;
		if (pv[i].fail == NULL)
			pv[i].fail = "timeout";	/* still running at the limit */
		curl_multi_remove_handle(m, pv[i].h);
		curl_easy_cleanup(pv[i].h);
		pv[i].h = NULL;
	}
	curl_multi_cleanup(m);
}

struct ending {
	unsigned long long	 session, user;
	struct part		*pv;
	size_t			 n;
};

/* The session's tokens end and its participants are forgotten, in one
 * transaction: nothing the session signed in to can be refreshed now. */
static int
end_rows(struct pf_req *r, void *arg)
{
	struct ending *e = arg;
	struct pf_db *db = pf_req_db(r);
	enum pf_dberr x;

	if ((x = pf_db_exec(db, PF_SQL_SSO_TOKENS_END, PF_ARGS(PF_INT((long long)e->user),
	    PF_INT((long long)e->session), PF_INT((long long)e->session)), NULL, NULL)) != PF_DB_OK ||
	    (x = pf_db_exec(db, PF_SQL_SSO_PARTS_DELETE, PF_ARGS(PF_INT((long long)e->user),
	    PF_INT((long long)e->session), PF_INT((long long)e->session)), NULL, NULL)) != PF_DB_OK)
		return pf_tx_err(x);
	return 0;
}

/* One audit event per application told (or not) by back-channel. */
static int
audit_rows(struct pf_req *r, void *arg)
{
	struct ending *e = arg;
	struct pf_pool *p = pf_req_pool(r);
	enum pf_dberr x;
	size_t i;

	for (i = 0; i < e->n; i++) {
		const struct part *pt = &e->pv[i];
		const char *detail;

		if (*pt->back == '\0')
			continue;
		if (pt->fail != NULL && *pt->fail == '\0')
			x = pf_audit_event(r, "sso.logout.notified", PF_AUDIT_OK, e->user, 0,
			    pf_psprintf(p, "app:%llu", pt->app), pf_psprintf(p, "%ld", pt->http),
			    NULL, 0);
		else {
			detail = pt->fail == NULL ? "error" : strcmp(pt->fail, "http") == 0 ?
			    pf_psprintf(p, "%ld", pt->http) : pt->fail;
			x = pf_audit_event(r, "sso.logout.failed", PF_AUDIT_FAIL, e->user, 0,
			    pf_psprintf(p, "app:%llu", pt->app), detail, NULL, 0);
		}
		if (x != PF_DB_OK)
			return pf_tx_err(x);
	}
	return 0;
}

/* Front-channel: the frames for the page and the origins CSP must allow. */
static size_t
frames(struct pf_req *r, const char *issuer, const struct part *pv, size_t n)
{
	struct pf_pool *p = pf_req_pool(r);
	struct pf_buf origins = { 0 };
	const char **url = pf_pcalloc(p, (n ? n : 1) * sizeof(*url)), *o;
	const char *enc_iss = urlenc(p, issuer);
	size_t i, k = 0;

	for (i = 0; i < n; i++) {
		if (*pv[i].front == '\0')
			continue;
		if (!uri_ok(pv[i].front) || (o = pf_url_origin(p, pv[i].front)) == NULL) {
			pf_log(r, PF_LOG_WARN, "sso logout: app %llu's front-channel URI is "
			    "refused (https, or http to loopback only)", pv[i].app);
			continue;
		}
		url[k++] = pf_psprintf(p, "%s%ciss=%s&sid=%s", pv[i].front,
		    strchr(pv[i].front, '?') != NULL ? '&' : '?', enc_iss, urlenc(p, pv[i].sid));
		if (origins.len == 0 || strstr(origins.data, o) == NULL) {
			if (origins.len)
				pf_buf_adds(&origins, " ");
			pf_buf_adds(&origins, o);
		}
	}
	/* A frame the policy would block is no use: none when refused. */
	if (k > 0 && pf_resp_csp_allow(r, NULL, origins.data) != 0)
		k = 0;
	pf_buf_free(&origins);
	for (i = 0; i < k; i++)
		pf_setf(r, url[i], "SSO.Frontchannel.%zu.URL", i);
	return k;
}

int
pf_sso_logout(struct pf_req *r, unsigned long long session, unsigned long long user)
{
	struct pf_pool *p = pf_req_pool(r);
	struct pf_db *db = pf_req_db(r);
	struct pf_sigkeys keys;
	struct pf_rows rows;
	struct ending e = { session, user, NULL, 0 };
	const char *issuer = iss(p), *sector;
	size_t i, nback = 0, nframes;
	int rc;

	if (user == 0)
		return 0;
	if (pf_db_query(db, p, PF_SQL_SSO_PARTS, PF_ARGS(PF_INT((long long)user),
	    PF_INT((long long)session), PF_INT((long long)session)), &rows) != PF_DB_OK) {
		pf_log(r, PF_LOG_ERR, "sso logout: the session's applications cannot be read");
		return 0;
	}
	e.n = rows.n;
	e.pv = pf_pcalloc(p, (rows.n ? rows.n : 1) * sizeof(*e.pv));
	for (i = 0; i < rows.n; i++) {
		struct part *pt = &e.pv[i];
		const struct pf_val *salt = PF_CELL(&rows, i, 7);
		struct pf_rows su;

		pt->app = (unsigned long long)PF_CELL(&rows, i, 0)->i;
		pt->sid = pf_cell_str(&rows, i, 1);
		pt->client_id = pf_cell_str(&rows, i, 2);
		pt->front = pf_cell_str(&rows, i, 4);
		pt->back = pf_cell_str(&rows, i, 5);
		sector = NULL;
		if (PF_CELL(&rows, i, 3)->i && (pf_db_query(db, p, PF_SQL_SSO_SECTOR,
		    PF_ARGS(PF_INT((long long)pt->app)), &su) != PF_DB_OK || su.n != 1 ||
		    (sector = pf_url_host(p, pf_cell_str(&su, 0, 0))) == NULL)) {
			pf_log(r, PF_LOG_ERR, "sso logout: app %llu's pairwise sector cannot be "
			    "read", pt->app);
			pt->sub = NULL;
		} else
			pt->sub = pf_sso_subject(p, pf_cell_str(&rows, i, 6),
			    (const unsigned char *)salt->s, salt->len, sector);
		if (*pt->back == '\0')
			continue;
		nback++;
		if (!uri_ok(pt->back)) {
			pt->fail = "scheme";
			pf_log(r, PF_LOG_WARN, "sso logout: app %llu's back-channel URI is refused "
			    "(https, or http to loopback only)", pt->app);
		} else if (pt->sub == NULL)
			pt->fail = "subject";
	}
	/* End first: whatever the applications answer, the tokens are dead. */
	if ((rc = pf_tx(r, end_rows, &e)) != 0)
		pf_log(r, PF_LOG_ERR, "sso logout: tokens not revoked (%d)", rc);
	if (nback > 0) {
		if (pf_sigkeys_load(db, p, &keys) != 0 || keys.sign == NULL) {
			pf_log(r, PF_LOG_ERR, "sso logout: no signing key, no logout tokens");
			keys.sign = NULL;
		}
		for (i = 0; i < e.n; i++) {
			struct part *pt = &e.pv[i];
			char *tok;

			if (*pt->back == '\0' || pt->fail != NULL)
				continue;
			if (keys.sign == NULL || (tok = logout_token(keys.sign, issuer, pt)) == NULL) {
				pt->fail = "nokey";
				continue;
			}
			/* base64url and dots need no form encoding */
			pt->body = pf_xcalloc(1, strlen(tok) + sizeof("logout_token="));
			strcpy(pt->body, "logout_token=");
			strcat(pt->body, tok);
			free(tok);
		}
		notify(e.pv, e.n);
		for (i = 0; i < e.n; i++)
			free(e.pv[i].body);
		if ((rc = pf_tx(r, audit_rows, &e)) != 0)
			pf_log(r, PF_LOG_ERR, "sso logout: not audited (%d)", rc);
	}
	nframes = frames(r, issuer, e.pv, e.n);
	/* The page that shows the frames is rendered for someone signed out:
	 * no greeting, no sign-out button, the navigation of a visitor. */
	pf_set(r, "Session.Active", "0");
	pf_tmpl_nav(r, 0);
	return (int)nframes;
}
