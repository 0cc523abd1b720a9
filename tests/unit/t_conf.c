/* Unit tests: configuration loading and validation. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "pforte.h"
#include "testconf.h"

static int
load(const char *text, mode_t mode, char *err, size_t errsz)
{
	return testconf_load(text, mode, err, errsz);
}

static void
collect(const char *name, const char *value, void *arg)
{
	int *n = arg;

	(*n)++;
	assert_true(strcmp(name, "status") == 0 || strcmp(name, "login") == 0);
}

static void
t_valid(void **state)
{
	char err[256];
	int n = 0;

	assert_int_equal(load("Portal.BaseURL = https://p.example\n"
	    "DB.Account.status.Password = s3cret-s3cret-s3cret\n"
	    "Status.Probe.status = https://p.example/healthz\n"
	    "Status.Probe.login = https://p.example/login/healthz\n"
	    "Limits {\n  Body = 2048\n}\n", 0600, err, sizeof(err)), 0);
	assert_string_equal(pf_conf_str("Portal.BaseURL"), "https://p.example");
	assert_string_equal(pf_conf_str("Portal.Name"), "Pforte");	/* default */
	assert_int_equal(pf_conf_int("Limits.Body"), 2048);
	assert_int_equal(pf_conf_int("Limits.Fields"), 64);
	assert_int_equal(pf_conf_each("Status.Probe", collect, &n), 2);
	assert_int_equal(n, 2);
	pf_conf_free();
}

static void
t_refused(void **state)
{
	char err[256];

	assert_int_equal(load("Portal.BaseURL = https://p\nPortal.Colour = red\n", 0600,
	    err, sizeof(err)), -1);
	assert_non_null(strstr(err, "unknown configuration key Portal.Colour"));
	assert_int_equal(load("Portal.BaseURL = https://p\nLimits.Body = 99999999\n", 0600,
	    err, sizeof(err)), -1);
	assert_non_null(strstr(err, "Limits.Body"));
	assert_int_equal(load("Portal.BaseURL = https://p\nLog.Debug = yes\n", 0600,
	    err, sizeof(err)), -1);
	assert_int_equal(load("Portal.BaseURL = ftp://p\n", 0600, err, sizeof(err)), -1);
	assert_int_equal(load("Portal.Name = x\n", 0600, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "BaseURL is required"));
	assert_int_equal(load("Portal.BaseURL = https://p\nPortal.DefaultLang = fr\n", 0600,
	    err, sizeof(err)), -1);
	assert_int_equal(load("Portal.BaseURL = https://p\n", 0602, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "world-writable"));
	assert_int_equal(pf_conf_load("/nonexistent/pforte.hdf", err, sizeof(err)), -1);
}

static void
t_secret_not_in_error(void **state)
{
	char err[256];

	/* A bad value is named by its key, never echoed. */
	assert_int_equal(load("Portal.BaseURL = https://p\nDB.Port = hunter2secret\n", 0600,
	    err, sizeof(err)), -1);
	assert_null(strstr(err, "hunter2"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(t_valid),
		cmocka_unit_test(t_refused),
		cmocka_unit_test(t_secret_not_in_error),
	};
	return cmocka_run_group_tests_name("conf", tests, NULL, NULL);
}
