/* Unit tests: TOTP codes, secrets and key URIs (totp.c) and QR images
 * (qr.c).  Codes come from RFC 6238's SHA-1 test vectors, cut to the
 * last six of their eight digits (the code is the truncated value modulo
 * 10^digits). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <qrencode.h>

#include "pforte.h"
#include "testconf.h"

static const unsigned char rfc[] = "12345678901234567890";
#define RFCLEN	20

/* RFC 6238, appendix B: time, SHA-1 code (last six digits), time step. */
static const struct {
	long long	 t;
	const char	*code;
	long long	 step;
} vec[] = {
	{ 59, "287082", 1 },
	{ 1111111109, "081804", 37037036 },
	{ 1111111111, "050471", 37037037 },
	{ 1234567890, "005924", 41152263 },
	{ 2000000000, "279037", 66666666 },
	{ 20000000000LL, "353130", 666666666 },
};

static void
t_rfc6238(void **state)
{
	long long step;
	size_t i;

	for (i = 0; i < sizeof(vec) / sizeof(vec[0]); i++) {
		step = 0;
		assert_int_equal(pf_totp_check(rfc, RFCLEN, vec[i].t, vec[i].code, 0, &step), 1);
		assert_int_equal(step, vec[i].step);
	}
}

/* One step either way is accepted (and reports the code's own step),
 * two are not. */
static void
t_window(void **state)
{
	const long long t = 1111111109, s = 37037036;
	long long step;

	assert_int_equal(pf_totp_check(rfc, RFCLEN, t + 30, "081804", 0, &step), 1);
	assert_int_equal(step, s);
	assert_int_equal(pf_totp_check(rfc, RFCLEN, t - 30, "081804", 0, &step), 1);
	assert_int_equal(step, s);
	assert_int_equal(pf_totp_check(rfc, RFCLEN, t + 60, "081804", 0, &step), 0);
	assert_int_equal(step, -1);
	assert_int_equal(pf_totp_check(rfc, RFCLEN, t - 60, "081804", 0, &step), 0);
	assert_int_equal(pf_totp_check(rfc, RFCLEN, t, "081805", 0, &step), 0);
	assert_int_equal(pf_totp_check(rfc, RFCLEN, t, "081804", 0, NULL), 1);
	/* another secret */
	assert_int_equal(pf_totp_check((const unsigned char *)"12345678901234567891", RFCLEN,
	    t, "081804", 0, &step), 0);
}

/* A code is accepted once: its step must be later than the last one. */
static void
t_replay(void **state)
{
	const long long t = 1111111109, s = 37037036;
	long long step;

	assert_int_equal(pf_totp_check(rfc, RFCLEN, t, "081804", s - 1, &step), 1);
	assert_int_equal(step, s);
	assert_int_equal(pf_totp_check(rfc, RFCLEN, t, "081804", s, &step), 0);
	assert_int_equal(step, -1);
	assert_int_equal(pf_totp_check(rfc, RFCLEN, t, "081804", s + 1, &step), 0);
	/* the previous step's code, after the current one was used */
	assert_int_equal(pf_totp_check(rfc, RFCLEN, t + 30, "081804", s + 1, &step), 0);
}

static void
t_bad_codes(void **state)
{
	static const char *const bad[] = {
		"", "28708", "2870820", "28708200000000000000", "12345678901234567890",
		"28708a", " 287082", "287082 ", "+87082", "-87082", "2870 2", "0x1234",
		"\xef\xbc\x92\xef\xbc\x98\xef\xbc\x97\xef\xbc\x90\xef\xbc\x98\xef\xbc\x92",
		"94287082",	/* the whole 8-digit value */
	};
	long long step;
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (pf_totp_check(rfc, RFCLEN, 59, bad[i], 0, &step) != 0)
			fail_msg("accepted: \"%s\"", bad[i]);
	assert_int_equal(pf_totp_check(rfc, RFCLEN, -1, "287082", 0, &step), 0);
}

static void
t_base32(void **state)
{
	static const unsigned char zero[16];
	struct pf_pool *p = pf_pool_new();

	assert_string_equal(pf_totp_base32(p, rfc, RFCLEN), "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
	assert_string_equal(pf_totp_base32(p, zero, 16), "AAAAAAAAAAAAAAAAAAAAAAAAAA");
	/* RFC 4648's examples, without padding */
	assert_string_equal(pf_totp_base32(p, (const unsigned char *)"f", 1), "MY");
	assert_string_equal(pf_totp_base32(p, (const unsigned char *)"foobar", 6), "MZXW6YTBOI");
	pf_pool_free(p);
}

static void
t_secret_new(void **state)
{
	static const unsigned char zero[PF_TOTP_SECRET_LEN];
	unsigned char a[PF_TOTP_SECRET_LEN], b[PF_TOTP_SECRET_LEN];

	pf_totp_secret_new(a);
	pf_totp_secret_new(b);
	assert_memory_not_equal(a, b, PF_TOTP_SECRET_LEN);
	assert_memory_not_equal(a, zero, PF_TOTP_SECRET_LEN);
}

static void
t_uri(void **state)
{
	struct pf_pool *p = pf_pool_new();
	char err[256];

	assert_string_equal(pf_totp_uri(p, "Pforte & Co", "a b@x.de", rfc, RFCLEN),
	    "otpauth://totp/Pforte%20%26%20Co:a%20b%40x.de?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
	    "&issuer=Pforte%20%26%20Co&algorithm=SHA1&digits=6&period=30");
	assert_string_equal(pf_totp_uri(p, "A:b/c?d", "\xc3\xa4-_.~", rfc, RFCLEN),
	    "otpauth://totp/A%3Ab%2Fc%3Fd:%C3%A4-_.~?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
	    "&issuer=A%3Ab%2Fc%3Fd&algorithm=SHA1&digits=6&period=30");

	/* no issuer: Auth.Issuer, else Portal.Name */
	assert_int_equal(testconf_load("Portal.BaseURL = https://p.example\n"
	    "Portal.Name = Mein Portal\n", 0600, err, sizeof(err)), 0);
	assert_non_null(strstr(pf_totp_uri(p, NULL, "u@x.de", rfc, RFCLEN),
	    "totp/Mein%20Portal:u%40x.de?"));
	assert_int_equal(testconf_load("Portal.BaseURL = https://p.example\n"
	    "Portal.Name = Mein Portal\nAuth.Issuer = Firma\n", 0600, err, sizeof(err)), 0);
	assert_non_null(strstr(pf_totp_uri(p, "", "u@x.de", rfc, RFCLEN),
	    "totp/Firma:u%40x.de?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Firma&"));
	pf_conf_free();
	pf_pool_free(p);
}

/* ---- QR ----------------------------------------------------------------- */

/* Paint the path's runs ("Mx yhNv1h-Nz") into a matrix of side w (which
 * includes the quiet zone); the number of dark modules. */
static size_t
paint(const char *svg, unsigned char *m, int w)
{
	const char *d = strstr(svg, " d=\"");
	int x, y, n, n2, len;
	size_t dark = 0;

	assert_non_null(d);
	for (d += 4; *d == 'M'; d += len) {
		assert_int_equal(sscanf(d, "M%d %dh%dv1h-%dz%n", &x, &y, &n, &n2, &len), 4);
		assert_int_equal(n, n2);
		assert_true(n > 0 && x >= 4 && y >= 4 && x + n <= w - 4 && y < w - 4);
		while (n-- > 0) {
			assert_int_equal(m[y * w + x], 0);	/* no overlap */
			m[y * w + x++] = 1;
			dark++;
		}
	}
	assert_true(strncmp(d, "\"/>", 3) == 0);
	return dark;
}

static void
t_qr(void **state)
{
	const char *text = "otpauth://totp/Pforte:alice%40example.com?secret="
	    "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Pforte&algorithm=SHA1&digits=6&period=30";
	struct pf_pool *p = pf_pool_new();
	QRcode *q = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
	unsigned char *m;
	char *svg, vb[64];
	size_t dark = 0;
	int i, w, x, y;

	assert_non_null(q);
	w = q->width + 8;
	svg = pf_qr_svg(p, text);
	assert_non_null(svg);
	assert_true(strncmp(svg, "<svg ", 5) == 0);
	assert_non_null(strstr(svg, "xmlns=\"http://www.w3.org/2000/svg\""));
	snprintf(vb, sizeof(vb), "viewBox=\"0 0 %d %d\"", w, w);
	assert_non_null(strstr(svg, vb));
	assert_non_null(strstr(svg, "shape-rendering=\"crispEdges\""));
	assert_non_null(strstr(svg, "fill=\"#fff\""));
	assert_non_null(strstr(svg, "</svg>"));

	/* the same modules as libqrencode's matrix, each exactly once */
	for (i = 0; i < q->width * q->width; i++)
		dark += q->data[i] & 1;
	assert_non_null(m = calloc((size_t)w * (size_t)w, 1));
	assert_int_equal(paint(svg, m, w), dark);
	for (y = 0; y < q->width; y++)
		for (x = 0; x < q->width; x++)
			assert_int_equal(m[(y + 4) * w + x + 4], q->data[y * q->width + x] & 1);
	free(m);
	QRcode_free(q);
	pf_pool_free(p);
}

static void
t_qr_too_long(void **state)
{
	struct pf_pool *p = pf_pool_new();
	char *big = malloc(5000);

	assert_non_null(big);
	memset(big, 'x', 4999);
	big[4999] = '\0';
	assert_null(pf_qr_svg(p, big));
	assert_non_null(pf_qr_svg(p, "x"));
	free(big);
	pf_pool_free(p);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(t_rfc6238),
		cmocka_unit_test(t_window),
		cmocka_unit_test(t_replay),
		cmocka_unit_test(t_bad_codes),
		cmocka_unit_test(t_base32),
		cmocka_unit_test(t_secret_new),
		cmocka_unit_test(t_uri),
		cmocka_unit_test(t_qr),
		cmocka_unit_test(t_qr_too_long),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
