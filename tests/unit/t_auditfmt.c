/* The SIEM formats of audit rows: ECS JSON, CEF and RFC 5424 framing,
 * above all that nothing a client sent can break a line or a frame. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <unistd.h>
#include <cmocka.h>
#include <jansson.h>

#include "config.h"
#include "pforte.h"

/* A user agent with everything a log injection tries: CR/LF and a forged
 * second line, ANSI colour and cursor escapes, DEL, an 8-bit CSI, a NUL's
 * neighbours, invalid UTF-8 (a stray byte, an overlong '/', a surrogate),
 * a line separator and a right-to-left override. */
static const char evil_ua[] =
    "Mozilla/5.0\r\n2026-01-01 root login ok\x1b[31mRED\x1b[2J\x7f\x01\x1f"
    "\xc2\x9b" "6n\xff\xc0\xaf\xed\xa0\x80 sep\xe2\x80\xa8 rlo\xe2\x80\xae "
    "back\\slash pipe| eq= \"quote\" ok:\xc3\xa4\xf0\x9f\x98\x80";

static void
row_init(struct pf_audit_row *r)
{
	memset(r, 0, sizeof(*r));
	r->id = 4711;
	strcpy(r->at, "2026-11-22 13:47:38.123456");
	r->program = "login";
	r->action = "auth.login.failure";
	r->outcome = "fail";
	r->object = "user:42";
	r->request_id = "0123456789abcdef";
	r->detail = "factor:password";
	r->ip = "127.0.0.1";
	r->ua = "curl/7.88.1";
	r->user = 42;
	r->session = 9;
	r->opened = 1;
}

/* No byte an output may not hold: controls (incl. CR, LF, ESC), DEL, and
 * the text is valid UTF-8 without C1 controls. */
static void
assert_clean(const char *s)
{
	const unsigned char *p;

	for (p = (const unsigned char *)s; *p; p++) {
		assert_true(*p >= 0x20);
		assert_true(*p != 0x7f);
		if (p[0] == 0xc2)
			assert_false(p[1] >= 0x80 && p[1] <= 0x9f);
		if (p[0] == 0xe2 && p[1] == 0x80)
			assert_false(p[2] == 0xa8 || p[2] == 0xa9 || (p[2] >= 0xaa && p[2] <= 0xae));
	}
	assert_true(pf_utf8_valid(s, strlen(s)));
}

static json_t *
parse(const char *s)
{
	json_error_t e;
	json_t *j = json_loads(s, JSON_REJECT_DUPLICATES, &e);

	if (j == NULL)
		fail_msg("not JSON: %s: %s", e.text, s);
	return j;
}

static const char *
jstr(json_t *j, const char *path)
{
	char buf[128], *p, *save = NULL;
	json_t *v = j;

	snprintf(buf, sizeof(buf), "%s", path);
	for (p = strtok_r(buf, ".", &save); p && v; p = strtok_r(NULL, ".", &save))
		v = json_object_get(v, p);
	return v && json_is_string(v) ? json_string_value(v) : NULL;
}

static void
t_ecs_fields(void **state)
{
	struct pf_audit_row r;
	char *s;
	json_t *j;

	(void)state;
	row_init(&r);
	s = pf_audit_ecs(&r);
	assert_null(strchr(s, '\n'));
	j = parse(s);
	assert_string_equal(jstr(j, "@timestamp"), "2026-11-22T13:47:38.123456Z");
	assert_string_equal(jstr(j, "event.action"), "auth.login.failure");
	assert_string_equal(jstr(j, "event.outcome"), "failure");
	assert_string_equal(jstr(j, "event.id"), "4711");
	assert_string_equal(jstr(j, "event.kind"), "event");
	assert_string_equal(json_string_value(json_array_get(json_object_get(
	    json_object_get(j, "event"), "category"), 0)), "authentication");
	assert_string_equal(json_string_value(json_array_get(json_object_get(
	    json_object_get(j, "event"), "type"), 0)), "start");
	/* nobody signed in: the account concerned is the user */
	assert_string_equal(jstr(j, "user.id"), "42");
	assert_null(json_object_get(json_object_get(j, "user"), "target"));
	assert_string_equal(jstr(j, "source.ip"), "127.0.0.1");
	assert_string_equal(jstr(j, "user_agent.original"), "curl/7.88.1");
	assert_string_equal(jstr(j, "trace.id"), "0123456789abcdef");
	assert_string_equal(jstr(j, "service.name"), "login");
	assert_string_equal(jstr(j, "labels.object"), "user:42");
	assert_string_equal(jstr(j, "labels.detail"), "factor:password");
	assert_string_equal(jstr(j, "labels.session_id"), "9");
	assert_null(jstr(j, "labels.sealed"));
	assert_non_null(strstr(jstr(j, "message"), "auth.login.failure failure"));
	json_decref(j);
	free(s);

	/* an administrator acting on another user, with organisations */
	r.action = "role.granted";
	r.outcome = "ok";
	r.actor = 1;
	r.actor_org = 5;
	r.org = 6;
	r.ip = "::1";
	r.opened = 0;
	r.ua = "";
	s = pf_audit_ecs(&r);
	j = parse(s);
	assert_string_equal(jstr(j, "event.outcome"), "success");
	assert_string_equal(jstr(j, "user.id"), "1");
	assert_string_equal(jstr(j, "user.target.id"), "42");
	assert_string_equal(jstr(j, "organization.id"), "5");
	assert_string_equal(jstr(j, "labels.org_id"), "6");
	assert_string_equal(jstr(j, "source.ip"), "::1");
	assert_string_equal(jstr(j, "labels.sealed"), "unopened");
	assert_null(json_object_get(j, "user_agent"));
	json_decref(j);
	free(s);

	/* alerts are ECS alerts; info is unknown; unlisted actions have no
	 * category; an address that is none is left out */
	r.action = "alert.raised";
	r.outcome = "info";
	r.ip = "not-an-ip";
	s = pf_audit_ecs(&r);
	j = parse(s);
	assert_string_equal(jstr(j, "event.kind"), "alert");
	assert_string_equal(jstr(j, "event.outcome"), "unknown");
	assert_null(json_object_get(j, "source"));
	json_decref(j);
	free(s);
	r.action = "login.password";
	s = pf_audit_ecs(&r);
	j = parse(s);
	assert_null(json_object_get(json_object_get(j, "event"), "category"));
	json_decref(j);
	free(s);
}

static void
t_ecs_injection(void **state)
{
	struct pf_audit_row r;
	char *s;
	const char *ua;
	json_t *j;

	(void)state;
	row_init(&r);
	r.ua = evil_ua;
	r.detail = "a\nb";
	r.object = "x\x1b]0;title\x07";
	s = pf_audit_ecs(&r);
	assert_clean(s);
	j = parse(s);
	/* decoded, the values hold no control either: the SIEM's own
	 * display is safe, not just the line */
	ua = jstr(j, "user_agent.original");
	assert_non_null(ua);
	assert_clean(ua);
	assert_non_null(strstr(ua, "Mozilla/5.0\\x0d\\x0a2026-01-01 root login ok\\x1b[31mRED"));
	assert_non_null(strstr(ua, "\\x7f\\x01\\x1f\\xc2\\x9b6n\\xff\\xc0\\xaf\\xed\\xa0\\x80"));
	assert_non_null(strstr(ua, "sep\\xe2\\x80\\xa8 rlo\\xe2\\x80\\xae"));
	/* a backslash of the client cannot forge an escape */
	assert_non_null(strstr(ua, "back\\x5cslash"));
	assert_non_null(strstr(ua, "\"quote\" ok:\xc3\xa4\xf0\x9f\x98\x80"));
	assert_string_equal(jstr(j, "labels.detail"), "a\\x0ab");
	assert_string_equal(jstr(j, "labels.object"), "x\\x1b]0;title\\x07");
	json_decref(j);
	free(s);
}

static void
t_long_ua(void **state)
{
	struct pf_audit_row r;
	char *big = malloc(10001), *s, *c;
	const char *ua;
	json_t *j;

	(void)state;
	memset(big, 'A', 10000);
	big[10000] = '\0';
	memcpy(big + 511, "\xc3\xa4", 2);	/* a character across the cut */
	row_init(&r);
	r.ua = big;
	s = pf_audit_ecs(&r);
	assert_true(strlen(s) < 2000);
	j = parse(s);
	ua = jstr(j, "user_agent.original");
	assert_true(strlen(ua) <= 512 + 3);
	assert_string_equal(ua + strlen(ua) - 3, "...");
	assert_true(pf_utf8_valid(ua, strlen(ua)));
	json_decref(j);
	c = pf_audit_cef(&r);
	assert_true(strlen(c) < 2000);
	assert_non_null(strstr(c, "AAA..."));
	free(c);
	free(s);
	free(big);
}

/* CEF: split the header at unescaped '|' and find an extension value. */
static int
cef_split(const char *s, char fields[8][2048])
{
	int n = 0;
	size_t k = 0;

	for (; *s && n < 7; s++) {
		if (*s == '\\' && s[1]) {
			fields[n][k++] = *++s;
		} else if (*s == '|') {
			fields[n++][k] = '\0';
			k = 0;
		} else
			fields[n][k++] = *s;
		if (k >= 255)
			return -1;
	}
	fields[n][k] = '\0';
	snprintf(fields[7], 2048, "%s", s);
	return n;
}

/* The unescaped value of key in the extension (keys are followed by '='
 * that is not escaped; a value ends where the next " key=" begins). */
static int
cef_value(const char *ext, const char *key, char *out, size_t outsz)
{
	char pat[64];
	const char *p = ext, *q;
	size_t k = 0;

	snprintf(pat, sizeof(pat), "%s=", key);
	for (;;) {
		if ((p = strstr(p, pat)) == NULL)
			return -1;
		if ((p == ext || p[-1] == ' ') && (p == ext || p[-2] != '\\'))
			break;
		p++;
	}
	for (q = p + strlen(pat); *q && k + 1 < outsz; q++) {
		if (*q == '\\' && q[1]) {
			q++;
			out[k++] = *q == 'n' ? '\n' : *q == 'r' ? '\r' : *q;
			continue;
		}
		if (*q == ' ') {
			/* the next key: word chars then an unescaped '=' */
			const char *w = q + 1;

			while ((*w >= 'a' && *w <= 'z') || (*w >= 'A' && *w <= 'Z') ||
			    (*w >= '0' && *w <= '9'))
				w++;
			if (*w == '=' && w > q + 1)
				break;
		}
		out[k++] = *q;
	}
	out[k] = '\0';
	return 0;
}

static void
t_cef(void **state)
{
	struct pf_audit_row r;
	static char f[8][2048];
	char v[2048], *s;

	(void)state;
	row_init(&r);
	s = pf_audit_cef(&r);
	assert_clean(s);
	assert_int_equal(cef_split(s, f), 7);
	assert_string_equal(f[0], "CEF:0");
	assert_string_equal(f[1], "Pforte");
	assert_string_equal(f[3], PACKAGE_VERSION);
	assert_string_equal(f[4], "auth.login.failure");
	assert_string_equal(f[6], "5");
	assert_int_equal(cef_value(f[7], "rt", v, sizeof(v)), 0);
	assert_string_equal(v, "1795355258123");	/* 2026-11-22 13:47:38.123 UTC */
	assert_int_equal(cef_value(f[7], "externalId", v, sizeof(v)), 0);
	assert_string_equal(v, "4711");
	assert_int_equal(cef_value(f[7], "outcome", v, sizeof(v)), 0);
	assert_string_equal(v, "failure");
	assert_int_equal(cef_value(f[7], "src", v, sizeof(v)), 0);
	assert_string_equal(v, "127.0.0.1");
	assert_int_equal(cef_value(f[7], "duid", v, sizeof(v)), 0);
	assert_string_equal(v, "42");
	assert_int_equal(cef_value(f[7], "cs3", v, sizeof(v)), 0);
	assert_string_equal(v, "factor:password");
	free(s);

	/* escaping: | and \ in the header, = and \ in values */
	r.action = "odd|act\\ion";
	r.ua = evil_ua;
	r.detail = "k=v a=b";
	s = pf_audit_cef(&r);
	assert_clean(s);
	assert_int_equal(cef_split(s, f), 7);
	assert_string_equal(f[4], "odd|act\\x5cion");
	assert_string_equal(f[6], "3");
	assert_int_equal(cef_value(f[7], "cs3", v, sizeof(v)), 0);
	assert_string_equal(v, "k=v a=b");
	assert_int_equal(cef_value(f[7], "requestClientApplication", v, sizeof(v)), 0);
	assert_non_null(strstr(v, "Mozilla/5.0\\x0d\\x0a2026-01-01 root login ok\\x1b[31mRED"));
	assert_non_null(strstr(v, "pipe| eq= \"quote\""));
	assert_non_null(strstr(v, "back\\x5cslash"));
	free(s);
}

static void
t_syslog(void **state)
{
	char *s, pre[64];

	(void)state;
	s = pf_syslog_5424(LOG_AUTHPRIV | LOG_CRIT, "host.example", "pforte-siem",
	    "auth.login.failure", "{\"a\":1}");
	assert_memory_equal(s, "<82>1 20", 8);
	/* <PRI>1 TIMESTAMP(27) HOST APP PROCID MSGID - MSG */
	assert_int_equal(s[6 + 4], '-');
	assert_int_equal(s[6 + 26], 'Z');
	assert_int_equal(s[6 + 19], '.');
	snprintf(pre, sizeof(pre), " host.example pforte-siem %ld auth.login.failure - {", (long)getpid());
	assert_non_null(strstr(s, pre));
	free(s);

	/* header fields: printable ASCII without spaces, NILVALUE when empty,
	 * cut to RFC 5424's lengths; the message neutralised; bad PRI */
	s = pf_syslog_5424(999, "a b\nc", "", "0123456789012345678901234567890123456789",
	    "line1\r\nline2 \x1b[0m back\\slash \xff");
	assert_clean(s);
	assert_memory_equal(s, "<13>1 ", 6);
	assert_non_null(strstr(s, " a_b_c - "));
	assert_non_null(strstr(s, " 01234567890123456789012345678901 - line1\\x0d\\x0aline2 \\x1b[0m back\\slash \\xff"));
	free(s);
	s = pf_syslog_5424(LOG_USER | LOG_INFO, NULL, NULL, NULL, NULL);
	assert_non_null(strstr(s, " - - "));
	assert_string_equal(s + strlen(s) - 2, " -");
	free(s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(t_ecs_fields),
		cmocka_unit_test(t_ecs_injection),
		cmocka_unit_test(t_long_ua),
		cmocka_unit_test(t_cef),
		cmocka_unit_test(t_syslog),
	};

	return cmocka_run_group_tests_name("auditfmt", tests, NULL, NULL);
}
