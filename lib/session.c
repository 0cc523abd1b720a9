/*
 * session.c: sessions and the form (CSRF) token bound to them.
 *
 * The browser holds a 256-bit random token in the __Host-pf_sess cookie;
 * the database holds only its SHA-256, so a copy of the database signs
 * nobody in.  A session is only ever created here with a fresh token, and
 * gets another one when it rises to the full level: a token the client
 * brought along is never promoted (no fixation).
 *
 * The form token is derived from the same secret (HMAC-SHA256 under the
 * session token), so it needs no storage and dies with the session.  A
 * visitor without a session gets a secret of its own in __Host-pf_pre
 * (double submit: a __Host- cookie cannot be planted from a sibling
 * domain, and a cross-site page cannot read it).
 */
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <stdlib.h>

#include "pf-int.h"

#define SESS_COOKIE	"pf_sess"
#define PRE_COOKIE	"pf_pre"
#define TOUCH_EVERY	60	/* seconds between last_seen updates */
#define UA_MAX		400

static void
derive_csrf(struct pf_req *r)
{
	unsigned char mac[32];
	unsigned int n = sizeof(mac);
	static const char label[] = "pforte/csrf/v1";

	if (HMAC(EVP_sha256(), r->secret, PF_TOKEN_BYTES, (const unsigned char *)label,
	    sizeof(label) - 1, mac, &n) == NULL)
		abort();
	pf_b64url(mac, sizeof(mac), r->csrf);
}

static void
use_secret(struct pf_req *r, const unsigned char raw[PF_TOKEN_BYTES])
{
	memcpy(r->secret, raw, PF_TOKEN_BYTES);
	r->has_secret = 1;
	derive_csrf(r);
	if (r->hdf != NULL)
		pf_set(r, "Page.CSRF", r->csrf);
}

static int
cookie_secret(const struct pf_req *r, const char *name, unsigned char raw[PF_TOKEN_BYTES],
    unsigned char hash[32])
{
	const char *c = pf_req_cookie(r, name);

	if (c == NULL || pf_b64url_decode(c, raw, PF_TOKEN_BYTES) != 0)
		return c == NULL ? 0 : -1;
	if (hash != NULL)
		pf_token_digest(raw, hash);
	return 1;
}

int
pf_session_load(struct pf_req *r)
{
	unsigned char raw[PF_TOKEN_BYTES], hash[32];
	struct pf_rows rows;
	struct pf_session *s;
	enum pf_dberr e;
	int have = cookie_secret(r, "__Host-" SESS_COOKIE, raw, hash);
	long long idle;

	if (have == 0)
		goto anonymous;
	if (have < 0) {
		pf_log(r, PF_LOG_INFO, "dropped a malformed session cookie");
		goto drop;
	}
	e = pf_db_query(r->db, r->pool, PF_SQL_SESS_LOAD, PF_ARGS(PF_BLOB((const char *)hash,
	    sizeof(hash))), &rows);
	if (e != PF_DB_OK)
		return 503;
	if (rows.n != 1)
		goto drop;
	idle = PF_CELL(&rows, 0, 7)->i;
	if (!PF_CELL(&rows, 0, 8)->i ||
	    idle > pf_conf_int("Auth.Session.IdleMinutes") * 60) {
		pf_db_exec(r->db, PF_SQL_SESS_DELETE, PF_ARGS(*PF_CELL(&rows, 0, 0)), NULL, NULL);
		goto drop;
	}
	s = pf_pcalloc(r->pool, sizeof(*s));
	s->id = (unsigned long long)PF_CELL(&rows, 0, 0)->i;
	s->user = (unsigned long long)PF_CELL(&rows, 0, 1)->i;
	s->level = PF_CELL(&rows, 0, 2)->i >= 2 ? PF_LEVEL_FULL : PF_LEVEL_FIRST;
	s->first = pf_cell_str(&rows, 0, 3);
	s->second = pf_cell_str(&rows, 0, 4);
	s->mailbox = PF_CELL(&rows, 0, 5)->i != 0;
	s->next = pf_cell_str(&rows, 0, 6);
	/* A second factor of the user's own: the app, or SMS to a phone
	 * on file when a gateway is configured. */
	s->enrolled = PF_CELL(&rows, 0, 9)->i != 0 ||
	    (PF_CELL(&rows, 0, 10)->i != 0 && *pf_conf_str("SMS.URL") != '\0');
	s->factor_age = PF_CELL(&rows, 0, 11)->i;
	s->org = (unsigned long long)PF_CELL(&rows, 0, 12)->i;
	r->session = s;
	use_secret(r, raw);
	pf_wipe(raw, sizeof(raw));
	if (idle >= TOUCH_EVERY)
		pf_db_exec(r->db, PF_SQL_SESS_TOUCH, PF_ARGS(PF_INT((long long)s->id)),
		    NULL, NULL);
	return 0;
drop:
	r->sess_dropped = 1;
	pf_resp_cookie(r, SESS_COOKIE, "", -1, 0);
anonymous:
	pf_wipe(raw, sizeof(raw));
	if (cookie_secret(r, "__Host-" PRE_COOKIE, raw, NULL) == 1)
		use_secret(r, raw);
	pf_wipe(raw, sizeof(raw));
	return 0;
}

void
pf_session_forget(struct pf_req *r)
{
	pf_wipe(r->secret, sizeof(r->secret));
	pf_wipe(r->csrf, sizeof(r->csrf));
	r->has_secret = 0;
	r->session = NULL;
}

const struct pf_session *
pf_req_session(const struct pf_req *r)
{
	return r->session;
}

const char *
pf_csrf_token(struct pf_req *r)
{
	unsigned char raw[PF_TOKEN_BYTES];
	char text[PF_TOKEN_CHARS + 1];

	if (!r->has_secret) {
		pf_token_new(raw, text);
		pf_resp_cookie(r, PRE_COOKIE, text, 0, PF_COOKIE_SESSION);
		use_secret(r, raw);
		pf_wipe(raw, sizeof(raw));
		pf_wipe(text, sizeof(text));
	}
	return r->csrf;
}

/* The form token must match what the session (or the anonymous visitor's
 * cookie) derives.  A form rendered before sign-in carries the anonymous
 * token; it stays valid beside the session's, as both are bound to
 * __Host- cookies only this origin sets. */
int
pf_csrf_check(struct pf_req *r)
{
	const char *got = r->libvalues[PF_KEY_CSRF];
	unsigned char raw[PF_TOKEN_BYTES];
	struct pf_req alt;
	int ok;

	if (got == NULL || strlen(got) != PF_TOKEN_CHARS || !r->has_secret)
		return 0;
	if (pf_memeq_ct(got, r->csrf, PF_TOKEN_CHARS) == 0)
		return 1;
	if (r->session == NULL || cookie_secret(r, "__Host-" PRE_COOKIE, raw, NULL) != 1)
		return 0;
	memset(&alt, 0, sizeof(alt));
	use_secret(&alt, raw);
	ok = pf_memeq_ct(got, alt.csrf, PF_TOKEN_CHARS) == 0;
	pf_wipe(raw, sizeof(raw));
	pf_wipe(&alt.secret, sizeof(alt.secret));
	return ok;
}

static void
set_cookie(struct pf_req *r, const unsigned char raw[PF_TOKEN_BYTES], const char *text)
{
	pf_resp_cookie(r, SESS_COOKIE, text, 0, PF_COOKIE_SESSION);
	use_secret(r, raw);
}

static enum pf_dberr
seal_client(struct pf_req *r, unsigned long long user, unsigned long long id)
{
	const char *ua = pf_req_env(r, "HTTP_USER_AGENT");
	struct pf_val ip, uav;
	size_t n;

	if (ua == NULL)
		ua = "";
	/* Cut to UA_MAX without splitting a character; keep nothing of a
	 * header that is not UTF-8. */
	n = strlen(ua);
	if (n > UA_MAX) {
		n = UA_MAX;
		while (n > UA_MAX - 3 && !pf_utf8_valid(ua, n))
			n--;
	}
	if (!pf_utf8_valid(ua, n))
		n = 0;
	if (pf_seal(r->db, r->pool, PF_KS_USER, user, PF_AT("sessions", "ip_enc", id),
	    r->ip, strlen(r->ip), &ip) != PF_C_OK ||
	    pf_seal(r->db, r->pool, PF_KS_USER, user, PF_AT("sessions", "ua_enc", id),
	    ua, n, &uav) != PF_C_OK)
		return PF_DB_ERROR;
	return pf_db_exec(r->db, PF_SQL_SESS_SEAL, PF_ARGS(ip, uav,
	    PF_INT((long long)id)), NULL, NULL);
}

enum pf_dberr
pf_session_start(struct pf_req *r, unsigned long long user, enum pf_level level,
    const char *first, int mailbox, const char *next)
{
	unsigned char raw[PF_TOKEN_BYTES], hash[32];
	char text[PF_TOKEN_CHARS + 1];
	unsigned long long id;
	long long minutes = level == PF_LEVEL_FULL ?
	    pf_conf_int("Auth.Session.MaxHours") * 60 :
	    pf_conf_int("Auth.Session.PendingMinutes");
	struct pf_session *s;
	enum pf_dberr e;

	/* A new session replaces the one this browser had. */
	if (r->session != NULL &&
	    (e = pf_db_exec(r->db, PF_SQL_SESS_DELETE, PF_ARGS(PF_INT((long long)r->session->id)),
	    NULL, NULL)) != PF_DB_OK)
		return e;
	pf_token_new(raw, text);
	pf_token_digest(raw, hash);
	if (next == NULL || !pf_local_path(next))
		next = "";
	e = pf_db_exec(r->db, PF_SQL_SESS_INSERT, PF_ARGS(PF_BLOB((const char *)hash,
	    sizeof(hash)), PF_INT((long long)user), PF_INT(level), PF_STR(first),
	    PF_INT(mailbox != 0), PF_STR(next), PF_INT(minutes)), NULL, &id);
	if (e == PF_DB_OK)
		e = seal_client(r, user, id);
	if (e == PF_DB_OK) {
		/* Opportunistic cleanup, so no job is needed for it. */
		if ((id & 31) == 0)
			pf_db_exec(r->db, PF_SQL_SESS_PURGE,
			    PF_ARGS(PF_INT(pf_conf_int("Auth.Session.IdleMinutes"))), NULL, NULL);
		s = pf_pcalloc(r->pool, sizeof(*s));
		s->id = id;
		s->user = user;
		s->level = level;
		s->first = pf_pstrdup(r->pool, first);
		s->second = "";
		s->mailbox = mailbox != 0;
		s->next = pf_pstrdup(r->pool, next);
		r->session = s;
		set_cookie(r, raw, text);
	}
	pf_wipe(raw, sizeof(raw));
	pf_wipe(text, sizeof(text));
	return e;
}

enum pf_dberr
pf_session_elevate(struct pf_req *r, const char *second)
{
	unsigned char raw[PF_TOKEN_BYTES], hash[32];
	char text[PF_TOKEN_CHARS + 1];
	enum pf_dberr e;

	if (r->session == NULL)
		return PF_DB_ERROR;
	pf_token_new(raw, text);
	pf_token_digest(raw, hash);
	e = pf_db_exec(r->db, PF_SQL_SESS_ELEVATE, PF_ARGS(PF_BLOB((const char *)hash,
	    sizeof(hash)), PF_STR(second), PF_INT(pf_conf_int("Auth.Session.MaxHours")),
	    PF_INT((long long)r->session->id)), NULL, NULL);
	if (e == PF_DB_OK) {
		r->session->level = PF_LEVEL_FULL;
		r->session->second = pf_pstrdup(r->pool, second);
		r->session->factor_age = 0;
		set_cookie(r, raw, text);
	}
	pf_wipe(raw, sizeof(raw));
	pf_wipe(text, sizeof(text));
	return e;
}

int
pf_session_fresh(const struct pf_session *s)
{
	return s != NULL && s->level == PF_LEVEL_FULL && s->factor_age >= 0 &&
	    s->factor_age <= pf_conf_int("Auth.StepUp.Minutes") * 60;
}

enum pf_dberr
pf_session_mailbox(struct pf_req *r)
{
	enum pf_dberr e;

	if (r->session == NULL)
		return PF_DB_ERROR;
	e = pf_db_exec(r->db, PF_SQL_SESS_MAILBOX, PF_ARGS(PF_INT((long long)r->session->id)),
	    NULL, NULL);
	if (e == PF_DB_OK)
		r->session->mailbox = 1;
	return e;
}

enum pf_dberr
pf_session_end(struct pf_req *r)
{
	enum pf_dberr e = PF_DB_OK;

	if (r->session != NULL)
		e = pf_db_exec(r->db, PF_SQL_SESS_DELETE,
		    PF_ARGS(PF_INT((long long)r->session->id)), NULL, NULL);
	if (e == PF_DB_OK) {
		pf_resp_cookie(r, SESS_COOKIE, "", -1, 0);
		pf_session_forget(r);
	}
	return e;
}

enum pf_dberr
pf_session_end_user(struct pf_db *db, unsigned long long user, unsigned long long except)
{
	return pf_db_exec(db, PF_SQL_SESS_DELETE_USER, PF_ARGS(PF_INT((long long)user),
	    PF_INT((long long)except)), NULL, NULL);
}

/* A query value that keeps its slashes readable ("return_to=/x/y"). */
static char *
query_escape(struct pf_pool *p, const char *s)
{
	struct pf_buf b = { 0 };
	char *out;

	pf_buf_pct(&b, s, strlen(s), "/");
	out = pf_pstrdup(p, b.data ? b.data : "");
	pf_buf_free(&b);
	return out;
}

/*
 * Pages that need a signed-in user send everybody else where they have to
 * go first: to the login (remembering where they wanted to be), to the
 * second factor, or to enrolment when they have no second factor yet.
 * Checked here for every program, not left to each handler.  Returns 0
 * to go on, -1 when it redirected, or an HTTP status.
 */
static int
go(struct pf_req *r, const char *path)
{
	return pf_resp_redirect(r, 303, path) == 0 ? -1 : 500;
}

/*
 * Where to come back to after signing in or a step-up: the path and its
 * query, but not a query that carries a one-time token (the parameter t
 * of every link we mail): that would be kept in sessions.next_path and in
 * the login page's URL.  The user opens the link from the mail again.
 */
static const char *
return_path(struct pf_req *r, const char *q)
{
	if (q == NULL || *q == '\0' || strncmp(q, "t=", 2) == 0 || strstr(q, "&t=") != NULL)
		return r->path;
	return pf_psprintf(r->pool, "%s?%s", r->path, q);
}

/* 403 with the reason: the action needs the second factor again. */
static int
stepup_refused(struct pf_req *r)
{
	pf_set(r, "Error.Detail", pf_tr(r, "Error.StepUp"));
	return 403;
}

int
pf_auth_gate(struct pf_req *r)
{
	const struct pf_session *s = r->session;
	const char *q = pf_req_env(r, "QUERY_STRING"), *here;
	int get = (r->method & (PF_GET | PF_HEAD)) != 0;

	if (!(r->page->flags & (PF_PAGE_FIRST | PF_PAGE_FULL | PF_PAGE_STEPUP)) &&
	    r->page->perm == PF_PERM_NONE)
		return 0;
	if (s == NULL) {
		if (!get)
			return 401;
		here = return_path(r, q);
		if (strcmp(here, "/") == 0 || !pf_local_path(here))
			return go(r, r->sess_dropped ? "/login?expired=1" : "/login");
		return go(r, pf_psprintf(r->pool, "/login?%sreturn_to=%s",
		    r->sess_dropped ? "expired=1&" : "", query_escape(r->pool, here)));
	}
	/* a page that needs a permission needs a full session */
	if (!(r->page->flags & (PF_PAGE_FULL | PF_PAGE_STEPUP)) &&
	    r->page->perm == PF_PERM_NONE)
		return 0;
	if (s->level != PF_LEVEL_FULL)
		return get ? go(r, "/login/factor") : 403;
	if (!s->enrolled)
		return get ? go(r, "/login/enrol") : 403;
	/* the legal texts in force, accepted (lib/legal.c) */
	switch (pf_legal_pending(r)) {
	case 0:
		break;
	case 1:
		if (!get) {
			pf_set(r, "Error.Detail", pf_tr(r, "Error.Legal"));
			return 403;
		}
		here = return_path(r, q);
		if (!pf_local_path(here))
			here = "/";
		return go(r, pf_psprintf(r->pool, "/privacy/accept?return_to=%s",
		    query_escape(r->pool, here)));
	default:
		return 503;
	}
	if ((r->page->flags & PF_PAGE_STEPUP) && !pf_session_fresh(s)) {
		/* A form posted now would be lost: refuse it; a page view
		 * asks for the factor and comes back. */
		if (!get)
			return stepup_refused(r);
		here = return_path(r, q);
		if (!pf_local_path(here))
			here = "/";
		if (pf_db_exec(r->db, PF_SQL_SESS_NEXT, PF_ARGS(PF_STR(here),
		    PF_INT((long long)s->id)), NULL, NULL) != PF_DB_OK)
			return 503;
		return go(r, "/login/factor");
	}
	if (r->page->perm != PF_PERM_NONE && !pf_may_some(r, r->page->perm))
		return 403;
	return 0;
}

/* The layout greets a signed-in user by name and offers to sign out. */
void
pf_session_present(struct pf_req *r)
{
	struct pf_account a;

	if (r->session == NULL || r->session->level != PF_LEVEL_FULL ||
	    (r->page->flags & (PF_PAGE_JSON | PF_PAGE_PLAIN)))
		return;
	if (pf_account_load(r->db, r->pool, r->session->user, &a) == PF_ACC_OK) {
		pf_set(r, "Session.Active", "1");
		pf_set(r, "Session.Name", a.name);
		pf_tmpl_nav(r, pf_may_admin(r) ? 2 : 1);
	}
}
