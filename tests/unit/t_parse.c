/* Unit tests: form, cookie and UTF-8 parsing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "pforte.h"

static struct pf_pool *pool;

static enum pf_perr
parse(const char *s, size_t max, struct pf_pair **pv, size_t *n)
{
	*pv = NULL;
	*n = 0;
	return pf_form_parse(pool, s, strlen(s), max, pv, n);
}

static void
t_form_ok(void **state)
{
	struct pf_pair *pv;
	size_t n;

	assert_int_equal(parse("a=1&b=x+y%20z&flag&e=", 10, &pv, &n), PF_PARSE_OK);
	assert_int_equal(n, 4);
	assert_string_equal(pv[0].name, "a");
	assert_string_equal(pv[0].val, "1");
	assert_string_equal(pv[1].val, "x y z");
	assert_string_equal(pv[2].name, "flag");
	assert_string_equal(pv[2].val, "");
	assert_int_equal(pv[3].vlen, 0);
	assert_int_equal(parse("n=%C3%BC%F0%9F%98%80", 10, &pv, &n), PF_PARSE_OK);
	assert_string_equal(pv[0].val, "\xc3\xbc\xf0\x9f\x98\x80");
	assert_int_equal(parse("", 10, &pv, &n), PF_PARSE_OK);
	assert_int_equal(n, 0);
}

static void
t_form_appends(void **state)
{
	struct pf_pair *pv = NULL;
	size_t n = 0;

	assert_int_equal(pf_form_parse(pool, "a=1", 3, 3, &pv, &n), PF_PARSE_OK);
	assert_int_equal(pf_form_parse(pool, "b=2&c=3", 7, 3, &pv, &n), PF_PARSE_OK);
	assert_int_equal(n, 3);
	assert_string_equal(pv[0].name, "a");
	assert_string_equal(pv[2].name, "c");
	/* The limit counts query and body together. */
	assert_int_equal(pf_form_parse(pool, "d=4", 3, 3, &pv, &n), PF_PARSE_TOO_MANY);
}

static void
t_form_malformed(void **state)
{
	static const char *const bad[] = {
		"a=%zz", "a=%2", "a=%", "=1", "a=1&", "&a=1", "a=1&&b=2", "%=1", "a=%g0",
	};
	struct pf_pair *pv;
	size_t n, i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_int_equal(parse(bad[i], 10, &pv, &n), PF_PARSE_MALFORMED);
}

static void
t_form_utf8(void **state)
{
	static const char *const bad[] = {
		"a=%C3%28", "a=%00", "a=%C0%AF", "a=%ED%A0%80", "a=%F4%90%80%80",
		"a=%FF", "%C3=1", "a=%E2%82", "a=%80",
	};
	struct pf_pair *pv;
	size_t n, i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_int_equal(parse(bad[i], 10, &pv, &n), PF_PARSE_UTF8);
}

static void
t_form_too_many(void **state)
{
	struct pf_pair *pv;
	size_t n;

	assert_int_equal(parse("a=1&b=2&c=3", 2, &pv, &n), PF_PARSE_TOO_MANY);
	assert_int_equal(parse("a=1&b=2", 2, &pv, &n), PF_PARSE_OK);
}

static void
t_utf8(void **state)
{
	assert_true(pf_utf8_valid("plain", 5));
	assert_true(pf_utf8_valid("\xe2\x82\xac", 3));		/* euro */
	assert_true(pf_utf8_valid("\xf4\x8f\xbf\xbf", 4));	/* U+10FFFF */
	assert_false(pf_utf8_valid("\xe0\x80\xaf", 3));		/* overlong */
	assert_false(pf_utf8_valid("\xf0\x80\x80\xaf", 4));	/* overlong */
	assert_false(pf_utf8_valid("a\0b", 3));
	assert_false(pf_utf8_valid("\xe2\x82", 2));
}

static void
t_cookie(void **state)
{
	struct pf_pair *pv;
	size_t n;

	assert_int_equal(pf_cookie_parse(pool, "a=1; __Host-pf_lang=en;b=\"q v\"; c=\"quoted\"; bad; =x; d=ok",
	    10, &pv, &n), PF_PARSE_OK);
	/* "q v" has a space and "bad" and "=x" are malformed: skipped. */
	assert_int_equal(n, 4);
	assert_string_equal(pv[0].name, "a");
	assert_string_equal(pv[1].name, "__Host-pf_lang");
	assert_string_equal(pv[1].val, "en");
	assert_string_equal(pv[2].val, "quoted");
	assert_string_equal(pv[3].name, "d");
	assert_int_equal(pf_cookie_parse(pool, "a=1; b=2; c=3", 2, &pv, &n), PF_PARSE_TOO_MANY);
	assert_int_equal(pf_cookie_parse(pool, "", 2, &pv, &n), PF_PARSE_OK);
	assert_int_equal(n, 0);
}

static int
setup(void **state)
{
	pool = pf_pool_new();
	return 0;
}

static int
teardown(void **state)
{
	pf_pool_free(pool);
	return 0;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(t_form_ok),
		cmocka_unit_test(t_form_appends),
		cmocka_unit_test(t_form_malformed),
		cmocka_unit_test(t_form_utf8),
		cmocka_unit_test(t_form_too_many),
		cmocka_unit_test(t_utf8),
		cmocka_unit_test(t_cookie),
	};
	return cmocka_run_group_tests_name("parse", tests, setup, teardown);
}
