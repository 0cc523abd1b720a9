/* Unit tests: pools, buffers, secret helpers. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "pforte.h"

static void
t_pool(void **state)
{
	struct pf_pool *p = pf_pool_new();
	char *a, *big;
	int i;

	for (i = 0; i < 2000; i++) {
		a = pf_palloc(p, 24);
		assert_int_equal((uintptr_t)a % 16, 0);
		memset(a, 'x', 24);
	}
	big = pf_palloc(p, 1 << 20);		/* larger than a block */
	memset(big, 'y', 1 << 20);
	assert_string_equal(pf_psprintf(p, "%s-%d", "n", 42), "n-42");
	assert_string_equal(pf_pstrndup(p, "abcdef", 3), "abc");
	assert_int_equal(*(char *)pf_pcalloc(p, 8), 0);
	pf_pool_reset(p);
	/* After a reset the pool is usable again and nothing leaked
	 * (LeakSanitizer checks the latter in CI). */
	assert_string_equal(pf_pstrdup(p, "again"), "again");
	pf_pool_free(p);
}

static void
t_buf(void **state)
{
	struct pf_buf b = { 0 };
	int i;

	pf_buf_adds(&b, "a");
	pf_buf_addf(&b, "%d", 12);
	pf_buf_add(&b, "zz", 1);
	assert_string_equal(b.data, "a12z");
	assert_int_equal(b.len, 4);
	for (i = 0; i < 10000; i++)
		pf_buf_adds(&b, "0123456789");
	assert_int_equal(b.len, 100004);
	pf_buf_reset(&b);
	assert_int_equal(b.len, 0);
	assert_string_equal(b.data, "");
	pf_buf_free(&b);
	assert_null(b.data);
}

static void
t_secrets(void **state)
{
	char s[8] = "secret!";

	assert_int_equal(pf_memeq_ct("abcd", "abcd", 4), 0);
	assert_int_not_equal(pf_memeq_ct("abcd", "abce", 4), 0);
	pf_wipe(s, sizeof(s));
	assert_memory_equal(s, "\0\0\0\0\0\0\0\0", 8);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(t_pool),
		cmocka_unit_test(t_buf),
		cmocka_unit_test(t_secrets),
	};
	return cmocka_run_group_tests_name("mem", tests, NULL, NULL);
}
