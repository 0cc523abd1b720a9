/* What an application may register (lib/appreg.c): URIs, client_id,
 * scopes and grants, and a new secret as the token endpoint checks it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <cmocka.h>

#include <openssl/evp.h>

#include "pforte.h"

static void
t_uri_good(void **state)
{
	static const char *const good[] = {
		"https://app.example.com/cb",
		"https://app.example.com",
		"https://app.example.com:8443/oidc/callback?x=1&y=%2F",
		"https://10.0.0.1/cb",
		"https://[2001:db8::1]:443/cb",
		"http://127.0.0.1:51601/redirect_uri",
		"http://localhost/cb",
		"http://LOCALHOST:3000/cb",
		"http://[::1]:8080/cb",
		"https://a-b.example/c;d=e/~f'g(h)*+,!$",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		assert_int_equal(pf_uri_redirect_ok(good[i]), PF_APPERR_OK);
}

static void
t_uri_bad(void **state)
{
	static const struct {
		const char *uri;
		enum pf_apperr e;
	} bad[] = {
		{ "", PF_APPERR_URI_SCHEME },
		{ "/cb", PF_APPERR_URI_SCHEME },
		{ "app.example.com/cb", PF_APPERR_URI_SCHEME },
		{ "//app.example.com/cb", PF_APPERR_URI_SCHEME },
		{ "javascript:alert(1)", PF_APPERR_URI_SCHEME },
		{ "data:text/html,x", PF_APPERR_URI_SCHEME },
		{ "HTTPS://app.example.com/cb", PF_APPERR_URI_SCHEME },
		{ "ftp://app.example.com/cb", PF_APPERR_URI_SCHEME },
		{ "http://app.example.com/cb", PF_APPERR_URI_HTTP },
		{ "http://127.0.0.2/cb", PF_APPERR_URI_HTTP },
		{ "http://localhost.evil.com/cb", PF_APPERR_URI_HTTP },
		{ "http://127.0.0.1.evil.com/cb", PF_APPERR_URI_HTTP },
		{ "https://app.example.com/cb#x", PF_APPERR_URI_FRAGMENT },
		{ "https://app.example.com/cb#", PF_APPERR_URI_FRAGMENT },
		{ "https://user:pw@app.example.com/cb", PF_APPERR_URI_USERINFO },
		{ "https://evil.com@app.example.com/cb", PF_APPERR_URI_USERINFO },
		{ "http://localhost@evil.com/cb", PF_APPERR_URI_USERINFO },
		{ "https://app.example.com/c b", PF_APPERR_URI_CHARS },
		{ "https://app.example.com/cb\r\nSet-Cookie: x=1", PF_APPERR_URI_CHARS },
		{ "https://app.example.com/cb\n", PF_APPERR_URI_CHARS },
		{ "https://app.example.com/cb\t", PF_APPERR_URI_CHARS },
		{ "https://app.example.com/\"><script>", PF_APPERR_URI_CHARS },
		{ "https://app.example.com\\@evil.com/", PF_APPERR_URI_CHARS },
		{ "https://app.example.com/%zz", PF_APPERR_URI_CHARS },
		{ "https://app.example.com/%4", PF_APPERR_URI_CHARS },
		{ "https://b\xc3\xa4r.example/cb", PF_APPERR_URI_CHARS },
		{ "https:///cb", PF_APPERR_URI_HOST },
		{ "https://", PF_APPERR_URI_HOST },
		{ "https://.example.com/", PF_APPERR_URI_HOST },
		{ "https://app.example.com:/cb", PF_APPERR_URI_HOST },
		{ "https://app.example.com:0/cb", PF_APPERR_URI_HOST },
		{ "https://app.example.com:65536/cb", PF_APPERR_URI_HOST },
		{ "https://app.example.com:123456/cb", PF_APPERR_URI_HOST },
		{ "https://app.example.com:8x/cb", PF_APPERR_URI_HOST },
		{ "https://[::1/cb", PF_APPERR_URI_HOST },
		{ "https://[]/cb", PF_APPERR_URI_HOST },
		{ "https://a_b.example/cb", PF_APPERR_URI_HOST },
	};
	char longuri[PF_APP_URI_MAX + 2];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (pf_uri_redirect_ok(bad[i].uri) != bad[i].e)
			fail_msg("%s: %s, wanted %s", bad[i].uri,
			    pf_apperr_name(pf_uri_redirect_ok(bad[i].uri)),
			    pf_apperr_name(bad[i].e));
	}
	memcpy(longuri, "https://a.example/", 18);
	memset(longuri + 18, 'x', sizeof(longuri) - 19);
	longuri[sizeof(longuri) - 1] = '\0';
	assert_int_equal(pf_uri_redirect_ok(longuri), PF_APPERR_URI_LONG);
	longuri[PF_APP_URI_MAX] = '\0';
	assert_int_equal(pf_uri_redirect_ok(longuri), PF_APPERR_OK);
}

static void
t_client_id(void **state)
{
	char id[PF_CLIENT_ID_NEW_LEN + 1], id2[PF_CLIENT_ID_NEW_LEN + 1];

	(void)state;
	assert_true(pf_client_id_ok("my-app.01_X"));
	assert_true(pf_client_id_ok("12345678"));
	assert_false(pf_client_id_ok("short"));
	assert_false(pf_client_id_ok("has space"));
	assert_false(pf_client_id_ok("with/slash1"));
	assert_false(pf_client_id_ok("umlaut\xc3\xa4xxxx"));
	assert_true(pf_client_id_ok(
	    "0123456789012345678901234567890123456789012345678901234567890123"));
	assert_false(pf_client_id_ok(
	    "01234567890123456789012345678901234567890123456789012345678901234"));
	pf_client_id_new(id);
	pf_client_id_new(id2);
	assert_int_equal(strlen(id), 22);
	assert_true(pf_client_id_ok(id));
	assert_string_not_equal(id, id2);
}

/* The stored hash is SHA-256 of the secret's text: what client_auth in
 * cgi-bin/token-app.c computes from the presented client_secret. */
static void
t_secret(void **state)
{
	char text[PF_TOKEN_CHARS + 1];
	unsigned char hash[32], want[32];
	unsigned int n = 32;

	(void)state;
	pf_client_secret_new(text, hash);
	assert_int_equal(strlen(text), 43);
	assert_int_equal(EVP_Digest(text, strlen(text), want, &n, EVP_sha256(), NULL), 1);
	assert_memory_equal(hash, want, 32);
}

static struct pf_appdef
base(void)
{
	static const char *const redirect[] = { "https://app.example.com/cb" };
	struct pf_appdef d;

	memset(&d, 0, sizeof(d));
	d.name = "CMS";
	d.icon = d.initiate_login = d.frontchannel_logout = d.backchannel_logout = "";
	d.confidential = 1;
	d.grants = PF_GRANT_CODE | PF_GRANT_REFRESH;
	d.scopes = "openid profile email";
	d.redirect = redirect;
	d.nredirect = 1;
	return d;
}

static void
t_appdef(void **state)
{
	static const char *const twice[] = { "https://a.example/cb", "https://a.example/cb" };
	static const char *const second_bad[] = { "https://a.example/cb", "http://a.example/cb" };
	const char *many[PF_APP_URIS_MAX + 1];
	char buf[PF_APP_URIS_MAX + 1][40];
	enum pf_apperr err[PF_APPF__MAX];
	size_t at[PF_APPF__MAX], i;
	struct pf_appdef d = base();

	(void)state;
	assert_int_equal(pf_appdef_check(&d, err, at), 0);
	d.scopes = "openid profile email roles offline_access";
	assert_int_equal(pf_appdef_check(&d, err, at), 0);

	d = base();
	d.scopes = "profile email";
	assert_int_equal(pf_appdef_check(&d, err, at), 1);
	assert_int_equal(err[PF_APPF_SCOPES], PF_APPERR_NO_OPENID);
	d.scopes = "openid openid";
	pf_appdef_check(&d, err, at);
	assert_int_equal(err[PF_APPF_SCOPES], PF_APPERR_SCOPE);
	d.scopes = "openid admin";
	pf_appdef_check(&d, err, at);
	assert_int_equal(err[PF_APPF_SCOPES], PF_APPERR_SCOPE);

	/* machine clients: no openid, no redirect URI, but a secret */
	d = base();
	d.grants = PF_GRANT_CLIENT;
	d.scopes = "roles";
	d.nredirect = 0;
	assert_int_equal(pf_appdef_check(&d, err, at), 0);
	d.confidential = 0;
	pf_appdef_check(&d, err, at);
	assert_int_equal(err[PF_APPF_GRANTS], PF_APPERR_PUBLIC_CLIENT);
	d.grants = 0;
	pf_appdef_check(&d, err, at);
	assert_int_equal(err[PF_APPF_GRANTS], PF_APPERR_NO_GRANT);
	d.grants = PF_GRANT_REFRESH;
	pf_appdef_check(&d, err, at);
	assert_int_equal(err[PF_APPF_GRANTS], PF_APPERR_REFRESH_ALONE);

	d = base();
	d.nredirect = 0;
	pf_appdef_check(&d, err, at);
	assert_int_equal(err[PF_APPF_REDIRECT], PF_APPERR_NO_REDIRECT);
	d.redirect = twice;
	d.nredirect = 2;
	pf_appdef_check(&d, err, at);
	assert_int_equal(err[PF_APPF_REDIRECT], PF_APPERR_DUPLICATE);
	d.redirect = second_bad;
	pf_appdef_check(&d, err, at);
	assert_int_equal(err[PF_APPF_REDIRECT], PF_APPERR_URI_HTTP);
	assert_int_equal(at[PF_APPF_REDIRECT], 1);

	for (i = 0; i <= PF_APP_URIS_MAX; i++) {
		snprintf(buf[i], sizeof(buf[i]), "https://a.example/cb%zu", i);
		many[i] = buf[i];
	}
	d.redirect = many;
	d.nredirect = PF_APP_URIS_MAX;
	assert_int_equal(pf_appdef_check(&d, err, at), 0);
	d.nredirect = PF_APP_URIS_MAX + 1;
	pf_appdef_check(&d, err, at);
	assert_int_equal(err[PF_APPF_REDIRECT], PF_APPERR_TOO_MANY);
	d.post_logout = many;
	d.npost_logout = PF_APP_URIS_MAX + 1;
	pf_appdef_check(&d, err, NULL);
	assert_int_equal(err[PF_APPF_POST_LOGOUT], PF_APPERR_TOO_MANY);

	d = base();
	d.name = "";
	d.icon = "javascript:x";
	d.client_id = "no";
	d.initiate_login = "https://a.example/#x";
	d.frontchannel_logout = "http://a.example/fc";
	d.backchannel_logout = "https://u@a.example/bc";
	assert_int_equal(pf_appdef_check(&d, err, at), 6);
	assert_int_equal(err[PF_APPF_NAME], PF_APPERR_NAME);
	assert_int_equal(err[PF_APPF_ICON], PF_APPERR_URI_SCHEME);
	assert_int_equal(err[PF_APPF_CLIENT_ID], PF_APPERR_CLIENT_ID);
	assert_int_equal(err[PF_APPF_INITIATE], PF_APPERR_URI_FRAGMENT);
	assert_int_equal(err[PF_APPF_FRONTCHANNEL], PF_APPERR_URI_HTTP);
	assert_int_equal(err[PF_APPF_BACKCHANNEL], PF_APPERR_URI_USERINFO);
	d = base();
	d.name = "tab\there";
	pf_appdef_check(&d, err, at);
	assert_int_equal(err[PF_APPF_NAME], PF_APPERR_NAME);

	for (i = 0; i < PF_APPERR__MAX; i++) {
		assert_non_null(pf_apperr_name((enum pf_apperr)i));
		assert_non_null(pf_apperr_str((enum pf_apperr)i));
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(t_uri_good),
		cmocka_unit_test(t_uri_bad),
		cmocka_unit_test(t_client_id),
		cmocka_unit_test(t_secret),
		cmocka_unit_test(t_appdef),
	};

	return cmocka_run_group_tests_name("appreg", tests, NULL, NULL);
}
