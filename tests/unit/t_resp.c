/* Unit tests: responses (headers, redirects, cookies, error bodies). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <cmocka.h>

#include "pf-int.h"
#include "testconf.h"

static struct pf_buf out;
static struct pf_pool *pool;

static const char *
fake_getenv(struct pf_io *io, const char *n)
{
	return NULL;
}

static size_t
fake_read(struct pf_io *io, void *b, size_t n)
{
	return 0;
}

static int
fake_write(struct pf_io *io, const void *p, size_t n)
{
	pf_buf_add(&out, p, n);
	return 0;
}

static struct pf_io io = { fake_getenv, fake_read, fake_write, NULL };

static void
req_init(struct pf_req *r)
{
	memset(r, 0, sizeof(*r));
	r->pool = pool;
	r->io = &io;
	r->status = 200;
	r->lang = "en";
	strcpy(r->id, "0123456789abcdef");
	pf_buf_reset(&out);
}

static void
req_done(struct pf_req *r)
{
	pf_buf_free(&r->body);
	pf_buf_free(&r->headers);
}

static void
t_security_headers(void **state)
{
	struct pf_req r;

	req_init(&r);
	pf_resp_puts(&r, "hello");
	pf_resp_finish(&r);
	assert_non_null(strstr(out.data, "Status: 200 OK\r\n"));
	assert_non_null(strstr(out.data, "Content-Length: 5\r\n"));
	assert_non_null(strstr(out.data, "Strict-Transport-Security: max-age=31536000; includeSubDomains\r\n"));
	assert_non_null(strstr(out.data, "frame-ancestors 'none'"));
	assert_non_null(strstr(out.data, "X-Content-Type-Options: nosniff\r\n"));
	assert_non_null(strstr(out.data, "Cache-Control: no-store\r\n"));
	assert_non_null(strstr(out.data, "X-Request-Id: 0123456789abcdef\r\n"));
	assert_non_null(strstr(out.data, "\r\n\r\nhello"));
	req_done(&r);
}

static void
t_head_has_no_body(void **state)
{
	struct pf_req r;

	req_init(&r);
	r.head_only = 1;
	pf_resp_puts(&r, "hello");
	pf_resp_finish(&r);
	assert_non_null(strstr(out.data, "Content-Length: 5\r\n"));
	assert_null(strstr(out.data, "hello"));
	req_done(&r);
}

static void
t_header_injection(void **state)
{
	struct pf_req r;

	req_init(&r);
	assert_int_equal(pf_resp_header(&r, "X-Test", "a\r\nSet-Cookie: evil=1"), -1);
	assert_int_equal(pf_resp_header(&r, "X-Bad:", "v"), -1);
	assert_int_equal(pf_resp_header(&r, "X-Ok", "v"), 0);
	pf_resp_finish(&r);
	assert_null(strstr(out.data, "evil"));
	assert_non_null(strstr(out.data, "X-Ok: v\r\n"));
	req_done(&r);
}

static void
t_redirects(void **state)
{
	static const char *const bad[] = {
		"//evil.example/", "/\\evil.example", "https://evil.example/",
		"evil", "", "/a\r\nSet-Cookie: x=1", "/a\\b",
	};
	static const char *const registered[] = { "https://app.example/cb", NULL };
	struct pf_req r;
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		req_init(&r);
		assert_int_equal(pf_resp_redirect(&r, 303, bad[i]), 500);
		assert_int_equal(r.headers.len, 0);
		req_done(&r);
	}
	req_init(&r);
	assert_int_equal(pf_resp_redirect(&r, 303, "/status?x=1"), 0);
	pf_resp_finish(&r);
	assert_non_null(strstr(out.data, "Status: 303 See Other\r\n"));
	assert_non_null(strstr(out.data, "Location: https://portal.example/base/status?x=1\r\n"));
	req_done(&r);

	req_init(&r);
	assert_int_equal(pf_resp_redirect_params(&r, 302, "https://app.example/cb2", registered, NULL), 400);
	assert_int_equal(pf_resp_redirect_params(&r, 302, "https://app.example/cb", registered, NULL), 0);
	pf_resp_finish(&r);
	assert_non_null(strstr(out.data, "Location: https://app.example/cb\r\n"));
	req_done(&r);
}

/* OAuth redirects: exact match first, then the parameters; an error page
 * drops a widened policy. */
static void
t_redirect_params(void **state)
{
	struct pf_req r;
	const char *const registered[] = { "https://app.example/cb", "https://app.example/q?x=1",
	    NULL };

	req_init(&r);
	assert_int_equal(pf_resp_redirect_params(&r, 302, "https://app.example/cb/", registered,
	    "code=a"), 400);
	assert_int_equal(pf_resp_redirect_params(&r, 302, "https://app.example/cb", registered,
	    "code=a\r\nSet-Cookie: x=1"), 400);
	assert_int_equal(pf_resp_redirect_params(&r, 302, "https://app.example/q?x=1", registered,
	    "code=a&state=b"), 0);
	assert_int_equal(pf_resp_csp_allow(&r, "https://app.example", NULL), 0);
	assert_int_equal(pf_resp_csp_allow(&r, "https://a.example; script-src *", NULL), -1);
	assert_int_equal(pf_resp_csp_allow(&r, NULL, "'unsafe-inline'"), -1);
	pf_resp_finish(&r);
	assert_non_null(strstr(out.data, "Location: https://app.example/q?x=1&code=a&state=b\r\n"));
	assert_non_null(strstr(out.data, "form-action 'self' https://app.example; frame-ancestors"));
	req_done(&r);

	req_init(&r);
	assert_int_equal(pf_resp_csp_allow(&r, "https://app.example", "https://app.example"), 0);
	pf_resp_error(&r, 400);
	pf_resp_finish(&r);
	assert_non_null(strstr(out.data, "form-action 'self'; frame-ancestors"));
	assert_null(strstr(out.data, "app.example"));
	req_done(&r);
}

static void
t_url_origin(void **state)
{
	struct pf_pool *p = pf_pool_new();

	assert_string_equal(pf_url_origin(p, "https://app.example:8443/cb?x#y"),
	    "https://app.example:8443");
	assert_string_equal(pf_url_origin(p, "http://127.0.0.1"), "http://127.0.0.1");
	assert_null(pf_url_origin(p, "https://user@evil.example/"));
	assert_null(pf_url_origin(p, "javascript:alert(1)"));
	assert_null(pf_url_origin(p, "https:///x"));
	assert_null(pf_url_origin(p, "https://a b/"));
	pf_pool_free(p);
}

static void
t_cookies(void **state)
{
	struct pf_req r;

	req_init(&r);
	assert_int_equal(pf_resp_cookie(&r, "pf_lang", "en", 60, 0), 0);
	assert_int_equal(pf_resp_cookie(&r, "s", "v;x=1", 60, 0), -1);
	assert_int_equal(pf_resp_cookie(&r, "bad name", "v", 60, 0), -1);
	assert_int_equal(pf_resp_cookie(&r, "gone", "x", -1, 0), 0);
	pf_resp_finish(&r);
	assert_non_null(strstr(out.data,
	    "Set-Cookie: __Host-pf_lang=en; Path=/; Secure; SameSite=Lax; HttpOnly; Max-Age=60\r\n"));
	assert_non_null(strstr(out.data, "Set-Cookie: __Host-gone=; Path=/; Secure; SameSite=Lax; HttpOnly; Max-Age=0\r\n"));
	assert_null(strstr(out.data, "x=1"));
	req_done(&r);
}

static void
t_error_bodies(void **state)
{
	static const struct pf_page json = { "/j", PF_GET, 0, PF_PAGE_JSON, NULL, 0 };
	static const struct pf_page post = { "/p", PF_POST, 0, 0, NULL, 0 };
	struct pf_req r;

	req_init(&r);
	r.page = &json;
	pf_resp_header(&r, "X-Dropped", "1");	/* an error replaces all */
	pf_resp_error(&r, 404);
	pf_resp_finish(&r);
	assert_non_null(strstr(out.data, "Status: 404 Not Found\r\n"));
	assert_non_null(strstr(out.data, "Content-Type: application/json\r\n"));
	assert_non_null(strstr(out.data, "{\"status\":404,\"error\":\"Not Found\",\"request_id\":\"0123456789abcdef\"}"));
	assert_null(strstr(out.data, "X-Dropped"));
	req_done(&r);

	/* Without template data the fallback page still names no internals. */
	req_init(&r);
	r.page = &post;
	r.allowed = post.methods;
	pf_resp_error(&r, 405);
	pf_resp_finish(&r);
	assert_non_null(strstr(out.data, "Allow: POST\r\n"));
	assert_non_null(strstr(out.data, "<html lang=\"en\">"));
	req_done(&r);

	req_init(&r);
	pf_resp_error(&r, 503);
	pf_resp_finish(&r);
	assert_non_null(strstr(out.data, "Retry-After: 30\r\n"));
	req_done(&r);
}

static int
setup(void **state)
{
	if (testconf_portal("Portal {\n BaseURL = https://portal.example/base/\n}\n") < 0)
		return -1;
	pool = pf_pool_new();
	return 0;
}

static int
teardown(void **state)
{
	pf_pool_free(pool);
	pf_buf_free(&out);
	pf_conf_free();
	return 0;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(t_security_headers),
		cmocka_unit_test(t_head_has_no_body),
		cmocka_unit_test(t_header_injection),
		cmocka_unit_test(t_redirects),
		cmocka_unit_test(t_redirect_params),
		cmocka_unit_test(t_url_origin),
		cmocka_unit_test(t_cookies),
		cmocka_unit_test(t_error_bodies),
	};
	return cmocka_run_group_tests_name("resp", tests, setup, teardown);
}
