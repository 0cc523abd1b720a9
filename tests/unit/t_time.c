/* Dates typed by users (expiry of a role) and times read from MariaDB. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>
#include <cmocka.h>

#include "pforte.h"

static struct pf_pool *pool;

static const char *
ymd(int days)
{
	time_t t = time(NULL) + (time_t)days * 86400;
	struct tm tm;
	static char buf[16];

	gmtime_r(&t, &tm);
	strftime(buf, sizeof(buf), "%Y-%m-%d", &tm);
	return buf;
}

static void
t_future(void **state)
{
	const char *sql;

	(void)state;
	assert_int_equal(pf_date_future(pool, ymd(2), &sql), 0);
	assert_int_equal(strlen(sql), 19);
	assert_memory_equal(sql, ymd(2), 10);
	assert_string_equal(sql + 10, " 00:00:00");
	assert_int_equal(pf_date_future(pool, "9999-12-31", &sql), 0);
}

static void
t_past_and_today(void **state)
{
	const char *sql;

	(void)state;
	assert_int_equal(pf_date_future(pool, ymd(0), &sql), -2);
	assert_null(sql);
	assert_int_equal(pf_date_future(pool, ymd(-1), &sql), -2);
	assert_int_equal(pf_date_future(pool, "1970-01-01", &sql), -2);
}

static void
t_malformed(void **state)
{
	static const char *const bad[] = {
		"", "2027-02-30", "2027-13-01", "2027-00-10", "2027-1-01", "27-01-01",
		"2027-01-01 ", " 2027-01-01", "2027-01-01x", "2027/01/01", "+027-01-01",
		"2027-01--1", "0000-01-01", "2027-01-1a", "<b>2027</b>",
	};
	const char *sql;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(pf_date_future(pool, bad[i], &sql), -1);
		assert_null(sql);
	}
	assert_int_equal(pf_date_future(pool, NULL, &sql), -1);
}

/* MariaDB hands DATETIME(6) with a fraction; it used not to parse. */
static void
t_human(void **state)
{
	(void)state;
	assert_string_equal(pf_time_human(pool, "2026-11-22 18:05:09.123456"),
	    "2026-11-22 18:05 UTC");
	assert_string_equal(pf_time_rfc3339(pool, "2026-11-22 18:05:09"),
	    "2026-11-22T18:05:09Z");
	assert_null(pf_time_human(pool, "2026-11-22 18:05:09x"));
	assert_null(pf_time_human(pool, "yesterday"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(t_future),
		cmocka_unit_test(t_past_and_today),
		cmocka_unit_test(t_malformed),
		cmocka_unit_test(t_human),
	};
	int rc;

	pool = pf_pool_new();
	rc = cmocka_run_group_tests_name("time", tests, NULL, NULL);
	pf_pool_free(pool);
	return rc;
}
