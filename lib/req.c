/*
 * req.c: turning the CGI environment and body into a validated request.
 *
 * Order matters: method, path and route are checked before any body is
 * read, so an unknown page or method costs nothing; every input field must
 * be declared by the page and pass its validator, else the request fails
 * with 400 before a handler runs.
 */
#include <errno.h>
#include <stdlib.h>
#include <strings.h>

#include "pf-int.h"

static const struct { const char *name; enum pf_method m; } methods[] = {
	{ "GET", PF_GET }, { "HEAD", PF_HEAD }, { "POST", PF_POST },
	{ "PUT", PF_PUT }, { "DELETE", PF_DELETE }, { "OPTIONS", PF_OPTIONS },
};

static const char *const langchoices[] = { "de", "en", NULL };
static const struct pf_field libfields[PF_KEY__MAX] = {
	[PF_KEY_LANG] = { "lang", PF_F_ENUM, 2, 2, 0, 0, langchoices, NULL },
	/* Checked against the session by the pipeline: a wrong token is a
	 * 403, not a malformed request. */
	[PF_KEY_CSRF] = { "csrf", PF_F_LINE, 1, 128, 0, 0, NULL, NULL },
};

static const char *
env(struct pf_req *r, const char *name)
{
	return r->io->getenv(r->io, name);
}

const char *
pf_req_env(const struct pf_req *r, const char *name)
{
	return r->io->getenv(r->io, name);
}

static int
parse_method(struct pf_req *r)
{
	const char *m = env(r, "REQUEST_METHOD");
	size_t i;

	for (i = 0; m != NULL && i < sizeof(methods) / sizeof(methods[0]); i++)
		if (strcmp(m, methods[i].name) == 0) {
			r->method = methods[i].m;
			return 0;
		}
	return 405;
}

/* The path is taken from REQUEST_URI (what the user asked for, unchanged
 * by rewrites), falling back to SCRIPT_NAME + PATH_INFO for servers that
 * do not pass it; then the configured base path is removed. */
static int
parse_path(struct pf_req *r)
{
	const char *uri = env(r, "REQUEST_URI"), *q, *base = pf_base_path();
	size_t n, blen = strlen(base), i;
	char *path;

	if (uri != NULL && *uri) {
		q = strchr(uri, '?');
		n = q ? (size_t)(q - uri) : strlen(uri);
		path = pf_pstrndup(r->pool, uri, n);
	} else {
		const char *sn = env(r, "SCRIPT_NAME"), *pi = env(r, "PATH_INFO");

		path = pf_psprintf(r->pool, "%s%s", sn ? sn : "", pi ? pi : "");
		n = strlen(path);
	}
	if (n == 0 || n > PF_PATH_MAX || path[0] != '/')
		return 400;
	for (i = 0; i < n; i++)
		if ((unsigned char)path[i] <= 0x20 || (unsigned char)path[i] >= 0x7f)
			return 400;
	if (blen) {
		if (strncmp(path, base, blen) != 0 || (path[blen] != '/' && path[blen] != '\0'))
			return 404;
		path += blen;
		if (*path == '\0')
			path = pf_pstrdup(r->pool, "/");
	}
	r->path = path;
	return 0;
}

static int
route(struct pf_req *r)
{
	const struct pf_page *pg;
	size_t i;
	unsigned allowed;

	/* A path may have one entry per method (GET shows a form, POST
	 * takes it, each with its own fields and flags). */
	for (i = 0; i < r->app->npages; i++) {
		pg = &r->app->pages[i];
		if (strcmp(pg->path, r->path) != 0)
			continue;
		allowed = pg->methods;
		if (allowed & PF_GET)
			allowed |= PF_HEAD;
		r->allowed |= allowed;
		if (r->page == NULL)
			r->page = pg;
		if ((allowed & r->method) != 0) {
			r->page = pg;
			r->head_only = r->method == PF_HEAD;
			return 0;
		}
	}
	return r->page != NULL ? 405 : 404;
}

int
pf_req_length(struct pf_req *r, long long *n)
{
	const char *cl = env(r, "CONTENT_LENGTH");
	char *end;

	*n = -1;
	if (cl == NULL || *cl == '\0')
		return r->method == PF_POST || r->method == PF_PUT ? 411 : 0;
	errno = 0;
	*n = strtoll(cl, &end, 10);
	if (errno != 0 || *end != '\0' || *n < 0)
		return 400;
	return 0;
}

static int
read_body(struct pf_req *r, char **body, size_t *len)
{
	const char *ct = env(r, "CONTENT_TYPE");
	long long max = pf_conf_int("Limits.Body"), n;
	char *buf;
	size_t got;
	int rc;

	*body = NULL;
	*len = 0;
	/* An upload's body is the handler's to read (pf_upload), in pieces. */
	if (r->page->flags & PF_PAGE_UPLOAD)
		return 0;
	if ((rc = pf_req_length(r, &n)) != 0 || n < 0)
		return rc;
	if (n > max)
		return 413;
	if (n == 0)
		return 0;
	if (ct == NULL || (strcasecmp(ct, "application/x-www-form-urlencoded") != 0 &&
	    strncasecmp(ct, "application/x-www-form-urlencoded;", 34) != 0))
		return 415;
	buf = pf_palloc(r->pool, (size_t)n + 1);
	got = r->io->read(r->io, buf, (size_t)n);
	if (got != (size_t)n)
		return 400;
	buf[n] = '\0';
	*body = buf;
	*len = (size_t)n;
	return 0;
}

/* Attach each pair to its declared field; anything else is an error. */
int
pf_req_bind(struct pf_req *r, const struct pf_pair *pv, size_t n)
{
	const struct pf_app *a = r->app;
	size_t i, k;

	for (i = 0; i < n; i++) {
		const struct pf_field *f = NULL;
		const char **slot = NULL;

		for (k = 0; k < a->nfields && k < 64; k++)
			if ((r->page->fields & PF_FIELD(k)) &&
			    strcmp(a->fields[k].name, pv[i].name) == 0) {
				f = &a->fields[k];
				slot = &r->values[k];
				break;
			}
		for (k = 0; f == NULL && k < PF_KEY__MAX; k++)
			if (strcmp(libfields[k].name, pv[i].name) == 0) {
				f = &libfields[k];
				slot = &r->libvalues[k];
			}
		/* OAuth 2.0 (RFC 6749 3.1) and OpenID Connect make servers
		 * ignore parameters they do not know. */
		if (f == NULL && (r->page->flags & PF_PAGE_OPEN))
			continue;
		if (f == NULL) {
			pf_log(r, PF_LOG_INFO, "rejected undeclared field");
			return 400;
		}
		if (*slot != NULL && f->type != PF_F_IDS) {
			pf_log(r, PF_LOG_INFO, "rejected duplicate field %s", f->name);
			return 400;
		}
		if (!pf_field_valid(f, pv[i].val, pv[i].vlen)) {
			pf_log(r, PF_LOG_INFO, "rejected invalid value for field %s", f->name);
			return 400;
		}
		if (*slot == NULL)
			*slot = pv[i].val;
		else if (strlen(*slot) + 1 + pv[i].vlen > (f->maxlen ? f->maxlen : 256)) {
			pf_log(r, PF_LOG_INFO, "rejected too many values for field %s", f->name);
			return 400;
		} else
			*slot = pf_psprintf(r->pool, "%s,%s", *slot, pv[i].val);
	}
	return 0;
}

static void
choose_lang(struct pf_req *r)
{
	const char *c = pf_req_cookie(r, "__Host-pf_lang"), *al;
	size_t i;

	for (i = 0; c != NULL && pf_langs[i]; i++)
		if (strcmp(c, pf_langs[i]) == 0) {
			r->lang = pf_langs[i];
			return;
		}
	al = env(r, "HTTP_ACCEPT_LANGUAGE");
	if (al != NULL && strlen(al) > PF_HEADER_MAX)
		al = NULL;
	r->lang = pf_lang_negotiate(al, pf_conf_str("Portal.DefaultLang"));
}

int
pf_req_parse(struct pf_req *r)
{
	const char *q = env(r, "QUERY_STRING"), *cookie = env(r, "HTTP_COOKIE"),
	    *host = env(r, "HTTP_HOST");
	struct pf_pair *pairs = NULL;
	size_t npairs = 0, blen, max = (size_t)pf_conf_int("Limits.Fields"), i;
	enum pf_perr pe;
	char *body;
	int rc;

	r->ip = env(r, "REMOTE_ADDR");
	if (r->ip == NULL)
		r->ip = "-";
	/* Language first, so that every error page is in the user's language. */
	if (cookie != NULL && strlen(cookie) <= PF_HEADER_MAX &&
	    pf_cookie_parse(r->pool, cookie, PF_COOKIES_MAX, &r->cookies,
	    &r->ncookies) != PF_PARSE_OK)
		r->ncookies = 0;
	choose_lang(r);
	if ((rc = parse_method(r)) != 0)
		return rc;
	if (host == NULL || *host == '\0' || strlen(host) > 255)
		return 400;
	if (cookie != NULL && strlen(cookie) > PF_HEADER_MAX)
		return 431;
	if ((rc = parse_path(r)) != 0 || (rc = route(r)) != 0)
		return rc;
	if (q != NULL && strlen(q) > PF_QUERY_MAX)
		return 414;
	if (q != NULL && (pe = pf_form_parse(r->pool, q, strlen(q), max, &pairs,
	    &npairs)) != PF_PARSE_OK) {
		pf_log(r, PF_LOG_INFO, "rejected query: %s", pf_perr_str(pe));
		return 400;
	}
	if ((rc = read_body(r, &body, &blen)) != 0)
		return rc;
	if (body != NULL && (pe = pf_form_parse(r->pool, body, blen, max, &pairs,
	    &npairs)) != PF_PARSE_OK) {
		pf_log(r, PF_LOG_INFO, "rejected body: %s", pf_perr_str(pe));
		return pe == PF_PARSE_TOO_MANY ? 413 : 400;
	}
	if ((rc = pf_req_bind(r, pairs, npairs)) != 0)
		return rc;
	if (r->libvalues[PF_KEY_LANG] != NULL) {
		for (i = 0; pf_langs[i]; i++)
			if (strcmp(pf_langs[i], r->libvalues[PF_KEY_LANG]) == 0)
				r->lang = pf_langs[i];
		pf_resp_cookie(r, "pf_lang", r->lang, 365L * 86400, 0);
	}
	return 0;
}

enum pf_method
pf_req_method(const struct pf_req *r)
{
	return r->method;
}

const char *
pf_req_path(const struct pf_req *r)
{
	return r->path;
}

const char *
pf_req_id(const struct pf_req *r)
{
	return r->id;
}

const char *
pf_req_lang(const struct pf_req *r)
{
	return r->lang;
}

const char *
pf_req_ip(const struct pf_req *r)
{
	return r->ip;
}

const char *
pf_req_cookie(const struct pf_req *r, const char *name)
{
	size_t i;

	for (i = 0; i < r->ncookies; i++)
		if (strcmp(r->cookies[i].name, name) == 0)
			return r->cookies[i].val;
	return NULL;
}

const char *
pf_req_field(const struct pf_req *r, int key)
{
	return key >= 0 && key < 64 ? r->values[key] : NULL;
}

struct pf_pool *
pf_req_pool(struct pf_req *r)
{
	return r->pool;
}

struct pf_db *
pf_req_db(struct pf_req *r)
{
	return r->db;
}
