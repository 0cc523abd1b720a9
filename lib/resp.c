/*
 * resp.c: status, headers and body of a response.
 *
 * The body is buffered until pf_resp_finish(), so an error found late can
 * still replace the page with a clean error page.  The security headers
 * are written here for every response of every program; handlers cannot
 * forget them.
 */
#include <stdio.h>
#include <stdlib.h>

#include <jansson.h>

#include "pf-int.h"

static const char *const security_headers =
    "Strict-Transport-Security: max-age=31536000; includeSubDomains\r\n"
    "X-Content-Type-Options: nosniff\r\n"
    "X-Frame-Options: DENY\r\n"
    "Referrer-Policy: same-origin\r\n"
    "Cross-Origin-Opener-Policy: same-origin\r\n"
    "Cross-Origin-Resource-Policy: same-origin\r\n"
    "Permissions-Policy: camera=(), microphone=(), geolocation=(), payment=()\r\n"
    "Cache-Control: no-store\r\n";

static const struct { int code; const char *text; } reasons[] = {
	{ 200, "OK" }, { 301, "Moved Permanently" }, { 302, "Found" },
	{ 303, "See Other" }, { 304, "Not Modified" }, { 307, "Temporary Redirect" },
	{ 400, "Bad Request" }, { 401, "Unauthorized" }, { 403, "Forbidden" },
	{ 404, "Not Found" }, { 405, "Method Not Allowed" }, { 408, "Request Timeout" },
	{ 409, "Conflict" }, { 410, "Gone" },
	{ 411, "Length Required" }, { 413, "Content Too Large" },
	{ 414, "URI Too Long" }, { 415, "Unsupported Media Type" },
	{ 422, "Unprocessable Content" },
	{ 429, "Too Many Requests" }, { 431, "Request Header Fields Too Large" },
	{ 500, "Internal Server Error" }, { 503, "Service Unavailable" },
};

const char *
pf_status_text(int code)
{
	size_t i;

	for (i = 0; i < sizeof(reasons) / sizeof(reasons[0]); i++)
		if (reasons[i].code == code)
			return reasons[i].text;
	return "Error";
}

void
pf_resp_status(struct pf_req *r, int code)
{
	r->status = code;
}

static int
header_safe(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return 0;
	return 1;
}

int
pf_resp_header(struct pf_req *r, const char *name, const char *value)
{
	if (!header_safe(name) || !header_safe(value) || strchr(name, ':') != NULL) {
		pf_log(r, PF_LOG_ERR, "refused unsafe response header");
		return -1;
	}
	pf_buf_addf(&r->headers, "%s: %s\r\n", name, value);
	return 0;
}

void
pf_resp_type(struct pf_req *r, const char *ctype)
{
	r->ctype = ctype;
}

void
pf_resp_write(struct pf_req *r, const void *p, size_t n)
{
	pf_buf_add(&r->body, p, n);
}

void
pf_resp_puts(struct pf_req *r, const char *s)
{
	pf_buf_adds(&r->body, s);
}

int
pf_resp_redirect(struct pf_req *r, int status, const char *path)
{
	if (!pf_local_path(path)) {
		pf_log(r, PF_LOG_ERR, "refused redirect to a non-local target");
		return 500;
	}
	pf_buf_reset(&r->body);
	r->status = status;
	pf_buf_addf(&r->headers, "Location: %s%s%s\r\n", pf_base_origin(),
	    pf_base_path(), path);
	return 0;
}

int
pf_resp_redirect_params(struct pf_req *r, int status, const char *uri,
    const char *const *registered, const char *params)
{
	size_t i;

	for (i = 0; registered != NULL && registered[i] != NULL; i++)
		if (strcmp(registered[i], uri) == 0 && header_safe(uri) &&
		    (params == NULL || header_safe(params))) {
			pf_buf_reset(&r->body);
			r->status = status;
			pf_buf_addf(&r->headers, "Location: %s%s%s\r\n", uri,
			    params == NULL ? "" : strchr(uri, '?') ? "&" : "?",
			    params == NULL ? "" : params);
			return 0;
		}
	pf_log(r, PF_LOG_INFO, "refused redirect to an unregistered URL");
	return 400;
}

/* Origins for a CSP source list: scheme, host, port, separated by
 * spaces; nothing that could end the directive or add a keyword. */
static int
csp_origins(const char *s)
{
	if (*s == '\0')
		return 0;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		    (*s >= '0' && *s <= '9') || *s == '.' || *s == ':' || *s == '/' ||
		    *s == '-' || *s == ' '))
			return 0;
	return 1;
}

int
pf_resp_csp_allow(struct pf_req *r, const char *form_action, const char *frame_src)
{
	if ((form_action != NULL && !csp_origins(form_action)) ||
	    (frame_src != NULL && !csp_origins(frame_src))) {
		pf_log(r, PF_LOG_ERR, "refused a Content-Security-Policy source");
		return -1;
	}
	if (form_action != NULL)
		r->csp_form = pf_pstrdup(r->pool, form_action);
	if (frame_src != NULL)
		r->csp_frame = pf_pstrdup(r->pool, frame_src);
	return 0;
}

char *
pf_url_origin(struct pf_pool *p, const char *url)
{
	size_t n;
	const char *host;

	if (strncmp(url, "https://", 8) == 0)
		host = url + 8;
	else if (strncmp(url, "http://", 7) == 0)
		host = url + 7;
	else
		return NULL;
	n = strcspn(host, "/?#");
	if (n == 0 || memchr(host, '@', n) != NULL || strspn(host, "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-:[]") < n)
		return NULL;
	return pf_pstrndup(p, url, (size_t)(host - url) + n);
}

static int
cookie_token(const char *s)
{
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		    (*s >= '0' && *s <= '9') || *s == '-' || *s == '_' || *s == '.'))
			return 0;
	return 1;
}

int
pf_resp_cookie(struct pf_req *r, const char *name, const char *value,
    long max_age, unsigned flags)
{
	if (!cookie_token(name) || !cookie_token(value)) {
		pf_log(r, PF_LOG_ERR, "refused unsafe cookie");
		return -1;
	}
	pf_buf_addf(&r->headers, "Set-Cookie: __Host-%s=%s; Path=/; Secure; SameSite=Lax%s",
	    name, max_age < 0 ? "" : value, (flags & PF_COOKIE_JS) ? "" : "; HttpOnly");
	if (max_age < 0)
		pf_buf_adds(&r->headers, "; Max-Age=0");
	else if (!(flags & PF_COOKIE_SESSION))
		pf_buf_addf(&r->headers, "; Max-Age=%ld", max_age);
	pf_buf_adds(&r->headers, "\r\n");
	return 0;
}

void
pf_resp_reset(struct pf_req *r)
{
	pf_buf_reset(&r->headers);
	pf_buf_reset(&r->body);
	r->ctype = NULL;
	r->csp_form = r->csp_frame = NULL;
	r->status = 200;
}

/* Error pages never show internals: the code, a localized explanation and
 * the request id the user can quote. */
int
pf_resp_error(struct pf_req *r, int status)
{
	char key[64];
	const char *lang = r->lang ? r->lang : "de";
	json_t *j;
	char *s;

	pf_resp_reset(r);
	r->status = status;
	if (status == 405 && r->page != NULL)
		pf_resp_header(r, "Allow", (r->allowed & PF_POST) ?
		    ((r->allowed & PF_GET) ? "GET, HEAD, POST" : "POST") :
		    "GET, HEAD");
	if (status == 503)
		pf_resp_header(r, "Retry-After", "30");
	if (r->page != NULL && (r->page->flags & PF_PAGE_JSON)) {
		j = json_pack("{s:i, s:s, s:s}", "status", status, "error",
		    pf_status_text(status), "request_id", r->id);
		s = j ? json_dumps(j, JSON_COMPACT) : NULL;
		pf_resp_type(r, "application/json");
		pf_resp_puts(r, s ? s : "{}");
		pf_resp_puts(r, "\n");
		free(s);
		json_decref(j);
		return 0;
	}
	if (r->page != NULL && (r->page->flags & PF_PAGE_PLAIN)) {
		pf_resp_type(r, "text/plain; charset=utf-8");
		pf_buf_addf(&r->body, "%d %s\n", status, pf_status_text(status));
		return 0;
	}
	if (r->hdf != NULL) {
		pf_set_int(r, "Error.Code", status);
		snprintf(key, sizeof(key), "Error.%d.Title", status);
		pf_set(r, "Error.Title", pf_tr(r, key));
		pf_set(r, "Page.Title", pf_tr(r, key));
		snprintf(key, sizeof(key), "Error.%d.Text", status);
		pf_set(r, "Error.Text", pf_tr(r, key));
		pf_set(r, "Page.Name", "error");
		if (pf_render(r, "error.cs") == 0) {
			r->status = status;
			return 0;
		}
	}
	/* The template itself failed: a minimal page, still no internals
	 * (Allow and Retry-After stay). */
	pf_buf_reset(&r->body);
	r->status = status;
	pf_resp_type(r, "text/html; charset=utf-8");
	pf_buf_addf(&r->body, "<!DOCTYPE html>\n<html lang=\"%s\"><head><meta charset=\"utf-8\">"
	    "<title>%d</title></head><body><h1>%d %s</h1><p>Ref. %s</p></body></html>\n",
	    lang, status, status, pf_status_text(status), r->id);
	return 0;
}

/* The head: status, type, length, the security headers, the rest. */
static void
write_head(struct pf_req *r, unsigned long long length)
{
	struct pf_buf h = { 0 };

	pf_buf_addf(&h, "Status: %d %s\r\n", r->status, pf_status_text(r->status));
	if (length || r->status < 300 || r->status >= 400)
		pf_buf_addf(&h, "Content-Type: %s\r\n",
		    r->ctype ? r->ctype : "text/html; charset=utf-8");
	pf_buf_addf(&h, "Content-Length: %llu\r\n", length);
	/* form-action and frame-src name other origins only where a handler
	 * said so (pf_resp_csp_allow): a form_post to an application, its
	 * logout page in a frame. */
	pf_buf_addf(&h, "Content-Security-Policy: default-src 'self'; script-src 'self'; "
	    "style-src 'self'; img-src 'self' data:; object-src 'none'; "
	    "base-uri 'none'; form-action 'self'%s%s; %s%s%sframe-ancestors 'none'\r\n",
	    r->csp_form ? " " : "", r->csp_form ? r->csp_form : "",
	    r->csp_frame ? "frame-src " : "", r->csp_frame ? r->csp_frame : "",
	    r->csp_frame ? "; " : "");
	pf_buf_adds(&h, security_headers);
	pf_buf_addf(&h, "Content-Language: %s\r\nVary: Accept-Language, Cookie\r\n"
	    "X-Request-Id: %s\r\n", r->lang ? r->lang : "de", r->id);
	if (r->headers.len)
		pf_buf_add(&h, r->headers.data, r->headers.len);
	pf_buf_adds(&h, "\r\n");
	r->io->write(r->io, h.data, h.len);
	pf_buf_free(&h);
}

void
pf_resp_finish(struct pf_req *r)
{
	if (r->streamed)
		return;
	write_head(r, r->body.len);
	if (!r->head_only && r->body.len)
		r->io->write(r->io, r->body.data, r->body.len);
}

int
pf_resp_stream_begin(struct pf_req *r, const char *ctype, unsigned long long length)
{
	if (r->streamed)
		return -1;
	pf_resp_type(r, ctype);
	write_head(r, length);
	r->streamed = 1;
	return 0;
}

int
pf_resp_stream(struct pf_req *r, const void *p, size_t n)
{
	if (!r->streamed || r->client_gone)
		return -1;
	if (r->head_only || n == 0)
		return 0;
	if (r->io->write(r->io, p, n) < 0) {
		r->client_gone = 1;
		return -1;
	}
	return 0;
}
