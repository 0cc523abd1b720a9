/* Unit tests: language negotiation and time formatting. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "pforte.h"

static void
t_negotiate(void **state)
{
	assert_string_equal(pf_lang_negotiate(NULL, "de"), "de");
	assert_string_equal(pf_lang_negotiate("", "de"), "de");
	assert_string_equal(pf_lang_negotiate("en", "de"), "en");
	assert_string_equal(pf_lang_negotiate("en-GB,en;q=0.9", "de"), "en");
	assert_string_equal(pf_lang_negotiate("fr-FR,fr;q=0.9,en;q=0.8,de;q=0.7", "de"), "en");
	assert_string_equal(pf_lang_negotiate("en;q=0.5, de-AT;q=0.8", "en"), "de");
	assert_string_equal(pf_lang_negotiate("fr, it", "de"), "de");
	assert_string_equal(pf_lang_negotiate("english", "de"), "de");
	assert_string_equal(pf_lang_negotiate("en;q=0", "de"), "de");
	assert_string_equal(pf_lang_negotiate("EN-us", "de"), "en");
	assert_string_equal(pf_lang_negotiate(";;;,,,=", "en"), "en");
	assert_string_equal(pf_lang_negotiate("*", "en"), "en");
}

static void
t_time(void **state)
{
	struct pf_pool *p = pf_pool_new();

	assert_string_equal(pf_time_human(p, "2026-11-22 18:05:09"), "2026-11-22 18:05 UTC");
	assert_string_equal(pf_time_rfc3339(p, "2026-11-22 18:05:09"), "2026-11-22T18:05:09Z");
	assert_null(pf_time_human(p, "yesterday"));
	assert_null(pf_time_human(p, NULL));
	assert_null(pf_time_rfc3339(p, "2026-11-22 18:05:09 trailing"));
	pf_pool_free(p);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(t_negotiate),
		cmocka_unit_test(t_time),
	};
	return cmocka_run_group_tests_name("i18n", tests, NULL, NULL);
}
