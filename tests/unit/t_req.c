/*
 * Unit tests: the request parser end to end, from a CGI environment to a
 * validated request or the status of the error page.
 */
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

struct fake {
	const char	*env[16][2];
	const char	*body;
	size_t		 bodylen;
	size_t		 off;
};

static const char *
fake_getenv(struct pf_io *io, const char *n)
{
	struct fake *f = io->ctx;
	size_t i;

	for (i = 0; i < 16 && f->env[i][0]; i++)
		if (strcmp(f->env[i][0], n) == 0)
			return f->env[i][1];
	return NULL;
}

static size_t
fake_read(struct pf_io *io, void *b, size_t n)
{
	struct fake *f = io->ctx;
	size_t k = f->bodylen - f->off < n ? f->bodylen - f->off : n;

	memcpy(b, f->body + f->off, k);
	f->off += k;
	return k;
}

static int
fake_write(struct pf_io *io, const void *p, size_t n)
{
	return 0;
}

enum key { KEY_EMAIL, KEY_NAME, KEY_IDS, KEY__MAX };
static const struct pf_field fields[KEY__MAX] = {
	[KEY_EMAIL] = { "email", PF_F_EMAIL, 3, 254, 0, 0, NULL, NULL },
	[KEY_NAME] = { "name", PF_F_LINE, 1, 100, 0, 0, NULL, NULL },
	[KEY_IDS] = { "ids", PF_F_IDS, 0, 10, 1, 999, NULL, NULL },
};
static int handler(struct pf_req *r) { return 0; }
static const struct pf_page pages[] = {
	{ "/form", PF_GET | PF_POST, PF_FIELD(KEY_EMAIL) | PF_FIELD(KEY_NAME) | PF_FIELD(KEY_IDS),
	    0, handler, 0 },
	{ "/plain", PF_GET, 0, 0, handler, 0 },
	/* One path, one entry per method, each with its own fields. */
	{ "/split", PF_GET, 0, 0, handler, 0 },
	{ "/split", PF_POST, PF_FIELD(KEY_NAME), PF_PAGE_FORM, handler, 0 },
};
static const struct pf_app app = { "test", pages, 4, fields, KEY__MAX, NULL, 0, NULL };
static struct pf_pool *pool;
static struct pf_req req;

/* Parse a request given as alternating env names and values. */
static int
parse(const char *body, ...)
{
	static struct fake f;
	static struct pf_io io = { fake_getenv, fake_read, fake_write, &f };
	va_list ap;
	const char *n;
	size_t i = 0;

	memset(&f, 0, sizeof(f));
	va_start(ap, body);
	while ((n = va_arg(ap, const char *)) != NULL && i < 15) {
		f.env[i][0] = n;
		f.env[i++][1] = va_arg(ap, const char *);
	}
	va_end(ap);
	f.body = body;
	f.bodylen = body ? strlen(body) : 0;
	pf_buf_free(&req.headers);
	pf_pool_reset(pool);
	memset(&req, 0, sizeof(req));
	req.pool = pool;
	req.app = &app;
	req.io = &io;
	return pf_req_parse(&req);
}

#define GET(uri, q) parse(NULL, "REQUEST_METHOD", "GET", "HTTP_HOST", "p", \
    "REQUEST_URI", uri, "QUERY_STRING", q, (char *)NULL)
#define POST(body, ct, len) parse(body, "REQUEST_METHOD", "POST", "HTTP_HOST", "p", \
    "REQUEST_URI", "/base/form", "CONTENT_TYPE", ct, "CONTENT_LENGTH", len, \
    "HTTP_ORIGIN", "https://p.example", (char *)NULL)

static void
t_valid(void **state)
{
	assert_int_equal(GET("/base/form?email=a%40b.de&name=Zo%C3%AB", "email=a%40b.de&name=Zo%C3%AB"), 0);
	assert_string_equal(pf_req_field(&req, KEY_EMAIL), "a@b.de");
	assert_string_equal(pf_req_field(&req, KEY_NAME), "Zoë");
	assert_string_equal(pf_req_path(&req), "/form");
	assert_int_equal(POST("name=Anna", "application/x-www-form-urlencoded; charset=UTF-8", "9"), 0);
	assert_string_equal(pf_req_field(&req, KEY_NAME), "Anna");
	assert_null(pf_req_field(&req, KEY_EMAIL));
	/* The language field is accepted everywhere and wins. */
	assert_int_equal(GET("/base/plain?lang=en", "lang=en"), 0);
	assert_string_equal(pf_req_lang(&req), "en");
	/* Checkboxes of one name: each value checked, all of them joined. */
	assert_int_equal(GET("/base/form?ids=1&ids=22", "ids=1&ids=22"), 0);
	assert_string_equal(pf_req_field(&req, KEY_IDS), "1,22");
}

static void
t_routing(void **state)
{
	assert_int_equal(GET("/base/nope", ""), 404);
	assert_int_equal(GET("/other/form", ""), 404);
	assert_int_equal(GET("/base/formx", ""), 404);
	assert_int_equal(parse(NULL, "REQUEST_METHOD", "DELETE", "HTTP_HOST", "p",
	    "REQUEST_URI", "/base/plain", (char *)NULL), 405);
	assert_int_equal(parse(NULL, "REQUEST_METHOD", "BREW", "HTTP_HOST", "p",
	    "REQUEST_URI", "/base/plain", (char *)NULL), 405);
	assert_int_equal(parse(NULL, "REQUEST_METHOD", "HEAD", "HTTP_HOST", "p",
	    "REQUEST_URI", "/base/plain", (char *)NULL), 0);
	assert_true(req.head_only);
	assert_int_equal(GET("/base/pl\x01in", ""), 400);

	assert_int_equal(GET("/base/split", ""), 0);
	assert_ptr_equal(req.page, &pages[2]);
	assert_int_equal(GET("/base/split?name=x", "name=x"), 400);	/* a POST-only field */
	assert_int_equal(parse("name=x", "REQUEST_METHOD", "POST", "HTTP_HOST", "p",
	    "REQUEST_URI", "/base/split", "CONTENT_TYPE", "application/x-www-form-urlencoded",
	    "CONTENT_LENGTH", "6", (char *)NULL), 0);
	assert_ptr_equal(req.page, &pages[3]);
	assert_string_equal(pf_req_field(&req, KEY_NAME), "x");
	assert_int_equal(parse(NULL, "REQUEST_METHOD", "DELETE", "HTTP_HOST", "p",
	    "REQUEST_URI", "/base/split", (char *)NULL), 405);
	assert_int_equal(req.allowed, PF_GET | PF_HEAD | PF_POST);
}

static void
t_bad_input(void **state)
{
	char *big, *many, *cookie;
	size_t i;

	assert_int_equal(GET("/base/form?email=%zz", "email=%zz"), 400);
	assert_int_equal(GET("/base/form?unknown=1", "unknown=1"), 400);
	assert_int_equal(GET("/base/plain?email=a%40b.de", "email=a%40b.de"), 400);
	assert_int_equal(GET("/base/form?name=a&name=b", "name=a&name=b"), 400);
	assert_int_equal(GET("/base/form?ids=1&ids=x", "ids=1&ids=x"), 400);
	assert_int_equal(GET("/base/form?ids=1&ids=1000", "ids=1&ids=1000"), 400);
	/* joined, longer than the field's 10 bytes */
	assert_int_equal(GET("/base/form?ids=1&ids=2&ids=3&ids=4&ids=5&ids=6",
	    "ids=1&ids=2&ids=3&ids=4&ids=5&ids=6"), 400);
	assert_int_equal(GET("/base/form?name=%C3%28", "name=%C3%28"), 400);
	assert_int_equal(GET("/base/form?name=a%0Ab", "name=a%0Ab"), 400);
	assert_int_equal(GET("/base/plain?lang=fr", "lang=fr"), 400);
	/* No Host header. */
	assert_int_equal(parse(NULL, "REQUEST_METHOD", "GET", "REQUEST_URI", "/base/plain",
	    (char *)NULL), 400);
	/* Bodies: too large, no length, wrong type, short, too many fields. */
	big = calloc(1, 70000);
	memset(big, 'a', 69999);
	memcpy(big, "name=", 5);
	assert_int_equal(POST(big, "application/x-www-form-urlencoded", "69999"), 413);
	assert_int_equal(POST("name=x", "application/x-www-form-urlencoded", NULL), 411);
	assert_int_equal(POST("name=x", "multipart/form-data; boundary=x", "6"), 415);
	assert_int_equal(POST("name=x", "application/x-www-form-urlencoded", "60"), 400);
	assert_int_equal(POST("name=x", "application/x-www-form-urlencoded", "-1"), 400);
	assert_int_equal(POST("name=x", "application/x-www-form-urlencoded", "6x"), 400);
	many = calloc(1, 1000);
	for (i = 0; i < 100; i++)
		strcat(many, i ? "&a=1" : "a=1");
	assert_int_equal(POST(many, "application/x-www-form-urlencoded", "399"), 413);
	/* A 64 KiB cookie header. */
	cookie = calloc(1, 65537);
	memset(cookie, 'c', 65536);
	cookie[0] = 'x';
	cookie[1] = '=';
	assert_int_equal(parse(NULL, "REQUEST_METHOD", "GET", "HTTP_HOST", "p",
	    "REQUEST_URI", "/base/plain", "HTTP_COOKIE", cookie, (char *)NULL), 431);
	free(cookie);
	free(many);
	free(big);
}

static void
t_lang_choice(void **state)
{
	assert_int_equal(parse(NULL, "REQUEST_METHOD", "GET", "HTTP_HOST", "p",
	    "REQUEST_URI", "/base/plain", "HTTP_ACCEPT_LANGUAGE", "en-US,en;q=0.9",
	    (char *)NULL), 0);
	assert_string_equal(pf_req_lang(&req), "en");
	/* The stored choice beats Accept-Language. */
	assert_int_equal(parse(NULL, "REQUEST_METHOD", "GET", "HTTP_HOST", "p",
	    "REQUEST_URI", "/base/plain", "HTTP_ACCEPT_LANGUAGE", "en",
	    "HTTP_COOKIE", "a=b; __Host-pf_lang=de", (char *)NULL), 0);
	assert_string_equal(pf_req_lang(&req), "de");
	/* Even a request that fails knows its language for the error page. */
	assert_int_equal(parse(NULL, "REQUEST_METHOD", "GET", "HTTP_HOST", "p",
	    "REQUEST_URI", "/base/nope", "HTTP_ACCEPT_LANGUAGE", "en", (char *)NULL), 404);
	assert_string_equal(pf_req_lang(&req), "en");
	assert_int_equal(parse(NULL, "REQUEST_METHOD", "GET", "HTTP_HOST", "p",
	    "REQUEST_URI", "/base/plain", (char *)NULL), 0);
	assert_string_equal(pf_req_lang(&req), "de");
}

static void
t_csrf_origin(void **state)
{
	assert_int_equal(POST("name=x", "application/x-www-form-urlencoded", "6"), 0);
	assert_true(pf_csrf_origin_ok(&req));
	parse("name=x", "REQUEST_METHOD", "POST", "HTTP_HOST", "p", "REQUEST_URI", "/base/form",
	    "CONTENT_TYPE", "application/x-www-form-urlencoded", "CONTENT_LENGTH", "6",
	    "HTTP_ORIGIN", "https://evil.example", (char *)NULL);
	assert_false(pf_csrf_origin_ok(&req));
	parse("name=x", "REQUEST_METHOD", "POST", "HTTP_HOST", "p", "REQUEST_URI", "/base/form",
	    "CONTENT_TYPE", "application/x-www-form-urlencoded", "CONTENT_LENGTH", "6",
	    "HTTP_SEC_FETCH_SITE", "cross-site", "HTTP_ORIGIN", "https://p.example", (char *)NULL);
	assert_false(pf_csrf_origin_ok(&req));
	/* Without any origin header the form token alone decides. */
	parse("name=x", "REQUEST_METHOD", "POST", "HTTP_HOST", "p", "REQUEST_URI", "/base/form",
	    "CONTENT_TYPE", "application/x-www-form-urlencoded", "CONTENT_LENGTH", "6", (char *)NULL);
	assert_true(pf_csrf_origin_ok(&req));
	parse("name=x", "REQUEST_METHOD", "POST", "HTTP_HOST", "p", "REQUEST_URI", "/base/form",
	    "CONTENT_TYPE", "application/x-www-form-urlencoded", "CONTENT_LENGTH", "6",
	    "HTTP_REFERER", "https://p.example/base/login", (char *)NULL);
	assert_true(pf_csrf_origin_ok(&req));
	/* A prefix of our origin is not our origin. */
	parse("name=x", "REQUEST_METHOD", "POST", "HTTP_HOST", "p", "REQUEST_URI", "/base/form",
	    "CONTENT_TYPE", "application/x-www-form-urlencoded", "CONTENT_LENGTH", "6",
	    "HTTP_REFERER", "https://p.example.evil.test/x", (char *)NULL);
	assert_false(pf_csrf_origin_ok(&req));
	parse("name=x", "REQUEST_METHOD", "POST", "HTTP_HOST", "p", "REQUEST_URI", "/base/form",
	    "CONTENT_TYPE", "application/x-www-form-urlencoded", "CONTENT_LENGTH", "6",
	    "HTTP_SEC_FETCH_SITE", "same-site", (char *)NULL);
	assert_false(pf_csrf_origin_ok(&req));
}

static int
setup(void **state)
{
	if (testconf_portal("Portal.BaseURL = https://p.example/base\nLimits.Fields = 50\n") < 0)
		return -1;
	pool = pf_pool_new();
	return 0;
}

static int
teardown(void **state)
{
	pf_buf_free(&req.headers);
	pf_pool_free(pool);
	pf_conf_free();
	return 0;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(t_valid),
		cmocka_unit_test(t_routing),
		cmocka_unit_test(t_bad_input),
		cmocka_unit_test(t_lang_choice),
		cmocka_unit_test(t_csrf_origin),
	};
	return cmocka_run_group_tests_name("req", tests, setup, teardown);
}
