/* Unit tests: field validators. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "pforte.h"

static int
ok(const struct pf_field *f, const char *v)
{
	return pf_field_valid(f, v, strlen(v));
}

static void
t_line_text(void **state)
{
	const struct pf_field line = { "n", PF_F_LINE, 1, 10, 0, 0, NULL, NULL };
	const struct pf_field text = { "t", PF_F_TEXT, 0, 0, 0, 0, NULL, NULL };

	assert_true(ok(&line, "Zoë"));
	assert_false(ok(&line, ""));			/* below minlen */
	assert_false(ok(&line, "12345678901"));		/* above maxlen */
	assert_false(ok(&line, "a\nb"));
	assert_false(ok(&line, "a\x7f"));
	assert_false(ok(&line, "\xc3\x28"));		/* invalid UTF-8 */
	assert_true(ok(&text, "line one\r\nline two\tend"));
	assert_false(ok(&text, "bell\x07"));
	/* An embedded NUL makes the C string shorter than its length. */
	assert_false(pf_field_valid(&line, "a\0b", 3));
}

static void
t_int(void **state)
{
	const struct pf_field f = { "i", PF_F_INT, 0, 0, -5, 100, NULL, NULL };

	assert_true(ok(&f, "0"));
	assert_true(ok(&f, "-5"));
	assert_true(ok(&f, "100"));
	assert_false(ok(&f, "101"));
	assert_false(ok(&f, "-6"));
	assert_false(ok(&f, "1e2"));
	assert_false(ok(&f, " 1"));
	assert_false(ok(&f, "-"));
	assert_false(ok(&f, "99999999999999999999"));
}

static void
t_enum_bool_token(void **state)
{
	static const char *const c[] = { "de", "en", NULL };
	const struct pf_field e = { "l", PF_F_ENUM, 0, 0, 0, 0, c, NULL };
	const struct pf_field b = { "b", PF_F_BOOL, 0, 0, 0, 0, NULL, NULL };
	const struct pf_field t = { "t", PF_F_TOKEN, 4, 64, 0, 0, NULL, NULL };

	assert_true(ok(&e, "en"));
	assert_false(ok(&e, "fr"));
	assert_false(ok(&e, "EN"));
	assert_true(ok(&b, "1"));
	assert_true(ok(&b, "0"));
	assert_false(ok(&b, "true"));
	assert_true(ok(&t, "aZ09-_"));
	assert_false(ok(&t, "abc="));
	assert_false(ok(&t, "abc"));
}

static void
t_email(void **state)
{
	const struct pf_field f = { "e", PF_F_EMAIL, 3, 254, 0, 0, NULL, NULL };

	assert_true(ok(&f, "anna.schmidt@example.com"));
	assert_true(ok(&f, "jürgen@müller.de"));
	assert_false(ok(&f, "no-at.example.com"));
	assert_false(ok(&f, "a@b@c.de"));
	assert_false(ok(&f, "@example.com"));
	assert_false(ok(&f, "a@example"));
	assert_false(ok(&f, "a@example."));
	assert_false(ok(&f, "a@x.de\r\nRCPT TO:<evil@x.de>"));
	assert_false(ok(&f, "a b@x.de"));
	assert_false(ok(&f, "<a@x.de>"));
}

static int
only_even(const char *v, size_t n)
{
	return n % 2 == 0;
}

static void
t_custom_check(void **state)
{
	const struct pf_field f = { "c", PF_F_LINE, 0, 0, 0, 0, NULL, only_even };

	assert_true(ok(&f, "ab"));
	assert_false(ok(&f, "abc"));
}

/* PF_F_IDS checks each value like an integer field (the request joins
 * repeated ones); pf_buf_csv neutralises formula cells. */
static void
t_ids_csv(void **state)
{
	const struct pf_field f = { "p", PF_F_IDS, 0, 100, 1, 99, NULL, NULL };
	struct pf_buf b = { NULL, 0, 0 };

	assert_true(ok(&f, "1"));
	assert_true(ok(&f, "99"));
	assert_false(ok(&f, "0"));
	assert_false(ok(&f, "1,2"));		/* one value at a time */
	assert_false(ok(&f, "x"));
	pf_buf_csv(&b, "=HYPERLINK(\"x\")", 0);
	pf_buf_csv(&b, "-1", 0);
	pf_buf_csv(&b, "a\"b", 0);
	pf_buf_csv(&b, "", 1);
	assert_string_equal(b.data, "\"'=HYPERLINK(\"\"x\"\")\",\"'-1\",\"a\"\"b\",\"\"\r\n");
	pf_buf_free(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(t_line_text),
		cmocka_unit_test(t_int),
		cmocka_unit_test(t_enum_bool_token),
		cmocka_unit_test(t_email),
		cmocka_unit_test(t_custom_check),
		cmocka_unit_test(t_ids_csv),
	};
	return cmocka_run_group_tests_name("field", tests, NULL, NULL);
}
