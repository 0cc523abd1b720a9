/*
 * JWT/JWKS (lib/jwt.c): our tokens against libjwt 1.10 in both
 * directions, every trap LIBNOTES lists for libjwt refused by ours, the
 * claim checks libjwt never makes, and the JWKS members re-imported into
 * OpenSSL as the same key.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>

#include <jansson.h>
#include <jwt.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <openssl/pem.h>

#include "pforte.h"

static struct pf_sigkey rsa, ec;
static char *rsa_pem, *ec_pem;			/* private PEMs */
static size_t rsa_len, ec_len;
static char *rsa_pub, *ec_pub;			/* public (SPKI) PEMs */
static const enum pf_jwa both[] = { PF_JWA_RS256, PF_JWA_ES256, PF_JWA_NONE };
static const enum pf_jwa only_es[] = { PF_JWA_ES256, PF_JWA_NONE };

#define NOW	1800000000LL
#define CLAIMS	"{\"iss\":\"https://portal.test\",\"sub\":\"u1\",\"aud\":\"cms\"," \
		"\"exp\":1800000600,\"nbf\":1799999990,\"iat\":1799999990}"

static char *
pub_pem(const struct pf_sigkey *k)
{
	BIO *b = BIO_new(BIO_s_mem());
	char *data, *out;
	long n;

	assert_non_null(b);
	assert_int_equal(PEM_write_bio_PUBKEY(b, k->pkey), 1);
	n = BIO_get_mem_data(b, &data);
	out = pf_xmalloc((size_t)n + 1);
	memcpy(out, data, (size_t)n);
	out[n] = '\0';
	BIO_free(b);
	return out;
}

static char *
b64s(const void *p, size_t n)
{
	char *out = pf_xmalloc((n + 2) / 3 * 4 + 1);

	pf_b64url(p, n, out);
	return out;
}

/* Variable-length base64url decode for the tests (the library's is
 * strict about the exact length, which we compute). */
static unsigned char *
unb64(const char *s, size_t n, size_t *outlen)
{
	size_t m = n / 4 * 3 + (n % 4 ? n % 4 - 1 : 0);
	unsigned char *out = pf_xmalloc(m + 1);
	char *tmp = pf_xmalloc(n + 1);

	memcpy(tmp, s, n);
	tmp[n] = '\0';
	assert_int_equal(pf_b64url_decode(tmp, out, m), 0);
	free(tmp);
	out[m] = '\0';
	*outlen = m;
	return out;
}

/* header.payload.sig from raw JSON texts and an already encoded sig. */
static char *
mk(const char *hdr, const char *payload, const char *sig64)
{
	char *h = b64s(hdr, strlen(hdr)), *p = b64s(payload, strlen(payload));
	size_t n = strlen(h) + strlen(p) + strlen(sig64) + 3;
	char *t = pf_xmalloc(n);

	snprintf(t, n, "%s.%s.%s", h, p, sig64);
	free(h);
	free(p);
	return t;
}

static const char *
sig_of(const char *tok)
{
	return strrchr(tok, '.') + 1;
}

static enum pf_jwt_err
verify(const char *tok, const enum pf_jwa *allowed)
{
	struct pf_sigkey keys[2] = { rsa, ec };
	void *claims = (void *)1;
	enum pf_jwt_err rc = pf_jwt_verify(tok, keys, 2, allowed, &claims);

	if (rc == PF_JWT_OK)
		assert_non_null(claims);
	else
		assert_null(claims);
	json_decref(claims);
	return rc;
}

static int
setup(void **state)
{
	(void)state;
	rsa_pem = pf_sigkey_generate(PF_JWA_RS256, &rsa_len);
	ec_pem = pf_sigkey_generate(PF_JWA_ES256, &ec_len);
	if (rsa_pem == NULL || ec_pem == NULL ||
	    pf_sigkey_from_pem(&rsa, PF_JWA_RS256, rsa_pem, rsa_len) != 0 ||
	    pf_sigkey_from_pem(&ec, PF_JWA_ES256, ec_pem, ec_len) != 0)
		return -1;
	rsa_pub = pub_pem(&rsa);
	ec_pub = pub_pem(&ec);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	pf_sigkey_free(&rsa);
	pf_sigkey_free(&ec);
	pf_wipe(rsa_pem, rsa_len);
	pf_wipe(ec_pem, ec_len);
	free(rsa_pem);
	free(ec_pem);
	free(rsa_pub);
	free(ec_pub);
	return 0;
}

static void
t_keys(void **state)
{
	struct pf_sigkey k;

	(void)state;
	assert_string_equal(pf_jwa_name(PF_JWA_RS256), "RS256");
	assert_int_equal(pf_jwa_byname("ES256"), PF_JWA_ES256);
	assert_int_equal(pf_jwa_byname("es256"), PF_JWA_NONE);
	assert_int_equal(pf_jwa_byname("none"), PF_JWA_NONE);
	assert_int_equal(pf_jwa_byname("HS256"), PF_JWA_NONE);
	assert_non_null(strstr(rsa_pem, "-----BEGIN PRIVATE KEY-----"));
	assert_int_equal(strlen(rsa_pem), rsa_len);
	assert_int_equal(rsa.private, 1);
	assert_int_equal(strlen(rsa.kid), 43);
	assert_int_equal(strlen(ec.kid), 43);
	assert_string_not_equal(rsa.kid, ec.kid);

	/* The public PEM gives the same kid and cannot sign. */
	assert_int_equal(pf_sigkey_from_pem(&k, PF_JWA_RS256, rsa_pub, strlen(rsa_pub)), 0);
	assert_string_equal(k.kid, rsa.kid);
	assert_int_equal(k.private, 0);
	assert_null(pf_jwt_sign(&k, NULL, "{}"));
	pf_sigkey_free(&k);
	assert_null(k.pkey);

	/* Wrong type for the algorithm, garbage, an RSA key too small. */
	assert_int_equal(pf_sigkey_from_pem(&k, PF_JWA_ES256, rsa_pem, rsa_len), -1);
	assert_null(k.pkey);
	assert_int_equal(pf_sigkey_from_pem(&k, PF_JWA_RS256, ec_pub, strlen(ec_pub)), -1);
	assert_int_equal(pf_sigkey_from_pem(&k, PF_JWA_RS256, "junk", 4), -1);
	assert_int_equal(pf_sigkey_from_pem(&k, PF_JWA_NONE, rsa_pem, rsa_len), -1);
	{
		EVP_PKEY *small = EVP_RSA_gen(1024);
		BIO *b = BIO_new(BIO_s_mem());
		char *d;
		long n;

		assert_int_equal(PEM_write_bio_PUBKEY(b, small), 1);
		n = BIO_get_mem_data(b, &d);
		assert_int_equal(pf_sigkey_from_pem(&k, PF_JWA_RS256, d, (size_t)n), -1);
		BIO_free(b);
		EVP_PKEY_free(small);
	}
	/* P-384 is not ES256. */
	{
		EVP_PKEY *p384 = EVP_EC_gen("P-384");
		BIO *b = BIO_new(BIO_s_mem());
		char *d;
		long n;

		assert_int_equal(PEM_write_bio_PUBKEY(b, p384), 1);
		n = BIO_get_mem_data(b, &d);
		assert_int_equal(pf_sigkey_from_pem(&k, PF_JWA_ES256, d, (size_t)n), -1);
		BIO_free(b);
		EVP_PKEY_free(p384);
	}
	/* An encrypted PEM fails at once instead of asking a terminal for
	 * its pass phrase (OpenSSL's default when no callback is given). */
	{
		BIO *b = BIO_new(BIO_s_mem());
		char *d;
		long n;

		assert_int_equal(PEM_write_bio_PrivateKey(b, ec.pkey, EVP_aes_256_cbc(),
		    (const unsigned char *)"secret", 6, NULL, NULL), 1);
		n = BIO_get_mem_data(b, &d);
		assert_non_null(strstr(d, "ENCRYPTED"));
		assert_int_equal(pf_sigkey_from_pem(&k, PF_JWA_ES256, d, (size_t)n), -1);
		BIO_free(b);
	}
	assert_null(pf_sigkey_generate(PF_JWA_NONE, NULL));
}

static void
t_roundtrip(void **state)
{
	const struct pf_sigkey *k[] = { &rsa, &ec };
	void *c;
	char *t, *hdr;
	size_t i, n, hlen;
	json_t *h;

	(void)state;
	for (i = 0; i < 2; i++) {
		t = pf_jwt_sign(k[i], NULL, CLAIMS);
		assert_non_null(t);
		assert_int_equal(pf_jwt_verify(t, k[i], 1, both, &c), PF_JWT_OK);
		assert_string_equal(json_string_value(json_object_get(c, "sub")), "u1");
		assert_int_equal(pf_jwt_check(c, "https://portal.test", "cms", NOW, 0), PF_JWT_OK);
		json_decref(c);
		/* The header says what the contract says. */
		hlen = (size_t)(strchr(t, '.') - t);
		hdr = (char *)unb64(t, hlen, &n);
		h = json_loads(hdr, 0, NULL);
		assert_non_null(h);
		assert_string_equal(json_string_value(json_object_get(h, "alg")),
		    pf_jwa_name(k[i]->alg));
		assert_string_equal(json_string_value(json_object_get(h, "kid")), k[i]->kid);
		assert_string_equal(json_string_value(json_object_get(h, "typ")), "JWT");
		json_decref(h);
		free(hdr);
		/* ES256: raw r||s, 64 bytes, 86 characters. */
		if (k[i]->alg == PF_JWA_ES256)
			assert_int_equal(strlen(sig_of(t)), 86);
		else
			assert_int_equal(strlen(sig_of(t)), 342);
		free(t);
	}
	t = pf_jwt_sign(&ec, "logout+jwt", "{\"sid\":\"s\"}");
	hdr = (char *)unb64(t, (size_t)(strchr(t, '.') - t), &n);
	assert_non_null(strstr(hdr, "\"typ\":\"logout+jwt\""));
	free(hdr);
	free(t);
	/* Claims must be one JSON object. */
	assert_null(pf_jwt_sign(&ec, NULL, "[1]"));
	assert_null(pf_jwt_sign(&ec, NULL, "{\"a\":1,\"a\":2}"));
	assert_null(pf_jwt_sign(&ec, NULL, "{"));
}

/* Our tokens decode in libjwt with the public PEM, and libjwt's in ours. */
static void
t_libjwt(void **state)
{
	const struct pf_sigkey *k[] = { &rsa, &ec };
	const char *pub[] = { rsa_pub, ec_pub }, *priv[] = { rsa_pem, ec_pem };
	const size_t privlen[] = { rsa_len, ec_len };
	const jwt_alg_t la[] = { JWT_ALG_RS256, JWT_ALG_ES256 };
	jwt_t *j;
	void *c;
	char *t;
	size_t i;

	(void)state;
	for (i = 0; i < 2; i++) {
		t = pf_jwt_sign(k[i], NULL, CLAIMS);
		assert_int_equal(jwt_decode(&j, t, (const unsigned char *)pub[i],
		    (int)strlen(pub[i])), 0);
		/* libjwt follows the token's alg: pin it. */
		assert_int_equal(jwt_get_alg(j), la[i]);
		assert_string_equal(jwt_get_grant(j, "sub"), "u1");
		assert_string_equal(jwt_get_header(j, "kid"), k[i]->kid);
		jwt_free(j);
		free(t);

		assert_int_equal(jwt_new(&j), 0);
		assert_int_equal(jwt_add_grant(j, "sub", "from-libjwt"), 0);
		assert_int_equal(jwt_add_header(j, "kid", k[i]->kid), 0);
		assert_int_equal(jwt_set_alg(j, la[i], (const unsigned char *)priv[i],
		    (int)privlen[i]), 0);
		t = jwt_encode_str(j);
		assert_non_null(t);
		jwt_free(j);
		assert_int_equal(pf_jwt_verify(t, k[i], 1, both, &c), PF_JWT_OK);
		assert_string_equal(json_string_value(json_object_get(c, "sub")), "from-libjwt");
		json_decref(c);
		free(t);	/* libjwt 1.10 has no jwt_free_str */
	}
}

/* The LIBNOTES traps. */
static void
t_traps(void **state)
{
	jwt_t *j;
	char *t, *hs, hdr[160];
	int libjwt_took;

	(void)state;
	/* alg none, by hand and from libjwt, with and without a kid. */
	snprintf(hdr, sizeof(hdr), "{\"alg\":\"none\",\"kid\":\"%s\"}", rsa.kid);
	t = mk(hdr, CLAIMS, "");
	assert_int_equal(verify(t, both), PF_JWT_ALG);
	free(t);
	assert_int_equal(jwt_new(&j), 0);
	assert_int_equal(jwt_add_grant(j, "sub", "u1"), 0);
	assert_int_equal(jwt_add_header(j, "kid", rsa.kid), 0);
	assert_int_equal(jwt_set_alg(j, JWT_ALG_NONE, NULL, 0), 0);
	t = jwt_encode_str(j);
	jwt_free(j);
	assert_int_equal(verify(t, both), PF_JWT_ALG);
	free(t);	/* libjwt 1.10 has no jwt_free_str */

	/* HS256 keyed with our RSA public key PEM, made by libjwt. */
	assert_int_equal(jwt_new(&j), 0);
	assert_int_equal(jwt_add_grant(j, "sub", "admin"), 0);
	assert_int_equal(jwt_add_grant_int(j, "exp", (long)NOW + 600), 0);
	assert_int_equal(jwt_add_header(j, "kid", rsa.kid), 0);
	assert_int_equal(jwt_set_alg(j, JWT_ALG_HS256, (const unsigned char *)rsa_pub,
	    (int)strlen(rsa_pub)), 0);
	hs = jwt_encode_str(j);
	jwt_free(j);
	assert_non_null(hs);
	/* Shows the trap is real here (not asserted: a fixed libjwt may
	 * refuse it, which would not make ours wrong). */
	libjwt_took = jwt_decode(&j, hs, (const unsigned char *)rsa_pub, (int)strlen(rsa_pub)) == 0;
	if (libjwt_took)
		jwt_free(j);
	print_message("libjwt jwt_decode(HS256 keyed with the RSA public PEM): %s\n",
	    libjwt_took ? "ACCEPTED (the trap)" : "refused");
	assert_int_equal(verify(hs, both), PF_JWT_ALG);
	free(hs);	/* libjwt 1.10 has no jwt_free_str */

	/* HS256 header over a genuine RS256 signature: still the alg. */
	t = pf_jwt_sign(&rsa, NULL, CLAIMS);
	snprintf(hdr, sizeof(hdr), "{\"alg\":\"HS256\",\"kid\":\"%s\",\"typ\":\"JWT\"}", rsa.kid);
	hs = mk(hdr, CLAIMS, sig_of(t));
	assert_int_equal(verify(hs, both), PF_JWT_ALG);
	free(hs);

	/* RS256 <-> ES256 swapped against the key's own algorithm. */
	snprintf(hdr, sizeof(hdr), "{\"alg\":\"ES256\",\"kid\":\"%s\",\"typ\":\"JWT\"}", rsa.kid);
	hs = mk(hdr, CLAIMS, sig_of(t));
	assert_int_equal(verify(hs, both), PF_JWT_ALG);
	free(hs);
	free(t);
	t = pf_jwt_sign(&ec, NULL, CLAIMS);
	snprintf(hdr, sizeof(hdr), "{\"alg\":\"RS256\",\"kid\":\"%s\",\"typ\":\"JWT\"}", ec.kid);
	hs = mk(hdr, CLAIMS, sig_of(t));
	assert_int_equal(verify(hs, both), PF_JWT_ALG);
	free(hs);
	free(t);
	/* A genuine RS256 token where the caller accepts ES256 only. */
	t = pf_jwt_sign(&rsa, NULL, CLAIMS);
	assert_int_equal(verify(t, both), PF_JWT_OK);
	assert_int_equal(verify(t, only_es), PF_JWT_ALG);
	{
		const enum pf_jwa nothing[] = { PF_JWA_NONE };

		assert_int_equal(verify(t, nothing), PF_JWT_ALG);
		assert_int_equal(verify(t, NULL), PF_JWT_ALG);
	}
	free(t);
}

/* Flip bit 'bit' of byte 'at' of the decoded segment seg (0..2). */
static char *
flip(const char *tok, int seg, size_t at)
{
	const char *s = tok, *e;
	unsigned char *raw;
	size_t n, len;
	char *enc, *out;
	int i;

	for (i = 0; i < seg; i++)
		s = strchr(s, '.') + 1;
	e = strchr(s, '.');
	len = e != NULL ? (size_t)(e - s) : strlen(s);
	raw = unb64(s, len, &n);
	raw[at % n] ^= 1;
	enc = b64s(raw, n);
	out = pf_xmalloc(strlen(tok) + 8);
	memcpy(out, tok, (size_t)(s - tok));
	strcpy(out + (s - tok), enc);
	if (e != NULL)
		strcat(out, e);
	free(raw);
	free(enc);
	return out;
}

static void
t_tamper(void **state)
{
	const struct pf_sigkey *k[] = { &rsa, &ec };
	char *t, *bad, hdr[160];
	size_t i;

	(void)state;
	for (i = 0; i < 2; i++) {
		t = pf_jwt_sign(k[i], NULL, CLAIMS);
		bad = flip(t, 2, 0);
		assert_int_equal(verify(bad, both), PF_JWT_SIG);
		free(bad);
		bad = flip(t, 2, 63);
		assert_int_equal(verify(bad, both), PF_JWT_SIG);
		free(bad);
		bad = flip(t, 1, 5);		/* payload changed */
		assert_int_equal(verify(bad, both), PF_JWT_SIG);
		free(bad);
		/* The same header and claims rebuilt byte for byte verify;
		 * one space more does not: the signature covers bytes. */
		snprintf(hdr, sizeof(hdr), "{\"alg\":\"%s\",\"kid\":\"%s\",\"typ\":\"JWT\"}",
		    pf_jwa_name(k[i]->alg), k[i]->kid);
		bad = mk(hdr, CLAIMS, sig_of(t));
		assert_int_equal(verify(bad, both), PF_JWT_OK);
		free(bad);
		bad = mk(hdr, " " CLAIMS, sig_of(t));
		assert_int_equal(verify(bad, both), PF_JWT_SIG);
		free(bad);
		/* Unknown kid. */
		snprintf(hdr, sizeof(hdr), "{\"alg\":\"%s\",\"kid\":\"nope\"}", pf_jwa_name(k[i]->alg));
		bad = mk(hdr, CLAIMS, sig_of(t));
		assert_int_equal(verify(bad, both), PF_JWT_KID);
		free(bad);
		snprintf(hdr, sizeof(hdr), "{\"alg\":\"%s\"}", pf_jwa_name(k[i]->alg));
		bad = mk(hdr, CLAIMS, sig_of(t));
		assert_int_equal(verify(bad, both), PF_JWT_KID);
		free(bad);
		/* Signature truncated or missing. */
		bad = pf_xstrdup(t);
		bad[strlen(bad) - 2] = '\0';
		assert_int_not_equal(verify(bad, both), PF_JWT_OK);
		strrchr(bad, '.')[1] = '\0';
		assert_int_not_equal(verify(bad, both), PF_JWT_OK);
		free(bad);
		/* A verifier that has only the other key. */
		{
			void *c = (void *)1;

			assert_int_equal(pf_jwt_verify(t, k[1 - i], 1, both, &c), PF_JWT_KID);
			assert_null(c);
		}
		free(t);
	}
	/* ES256 with a DER signature instead of r||s. */
	{
		EVP_MD_CTX *ctx = EVP_MD_CTX_new();
		unsigned char der[80];
		size_t dl = sizeof(der);
		char *sig64, *in;

		snprintf(hdr, sizeof(hdr), "{\"alg\":\"ES256\",\"kid\":\"%s\"}", ec.kid);
		t = mk(hdr, CLAIMS, "");
		in = pf_xstrdup(t);
		in[strlen(in) - 1] = '\0';
		assert_int_equal(EVP_DigestSignInit(ctx, NULL, EVP_sha256(), NULL, ec.pkey), 1);
		assert_int_equal(EVP_DigestSign(ctx, der, &dl, (unsigned char *)in, strlen(in)), 1);
		EVP_MD_CTX_free(ctx);
		sig64 = b64s(der, dl);
		bad = mk(hdr, CLAIMS, sig64);
		assert_int_equal(verify(bad, both), PF_JWT_SIG);
		free(bad);
		free(sig64);
		free(in);
		free(t);
	}
}

static void
t_malformed(void **state)
{
	char *t, *bad, hdr[200];
	const char *cases[] = {
		"", ".", "..", "a.b", "a.b.c.d", "a.b.c.d.e", "!!.e30.", "e30.e30.",
		"eyJhbGciOiJSUzI1NiJ9=.e30.AA", "x.y.z",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		assert_int_equal(verify(cases[i], both), PF_JWT_MALFORMED);
	assert_int_equal(pf_jwt_verify(NULL, &rsa, 1, both, NULL), PF_JWT_MALFORMED);

	t = pf_jwt_sign(&ec, NULL, CLAIMS);
	/* Header that is not an object, no alg, duplicate alg, crit. */
	bad = mk("[]", CLAIMS, sig_of(t));
	assert_int_equal(verify(bad, both), PF_JWT_MALFORMED);
	free(bad);
	bad = mk("{\"kid\":\"x\"}", CLAIMS, sig_of(t));
	assert_int_equal(verify(bad, both), PF_JWT_MALFORMED);
	free(bad);
	snprintf(hdr, sizeof(hdr), "{\"alg\":\"none\",\"alg\":\"ES256\",\"kid\":\"%s\"}", ec.kid);
	bad = mk(hdr, CLAIMS, sig_of(t));
	assert_int_equal(verify(bad, both), PF_JWT_MALFORMED);
	free(bad);
	snprintf(hdr, sizeof(hdr), "{\"alg\":\"ES256\",\"kid\":\"%s\",\"crit\":[\"b64\"],\"b64\":false}",
	    ec.kid);
	bad = mk(hdr, CLAIMS, sig_of(t));
	assert_int_equal(verify(bad, both), PF_JWT_MALFORMED);
	free(bad);
	/* Padding on the signature: one spelling only. */
	bad = pf_xmalloc(strlen(t) + 3);
	snprintf(bad, strlen(t) + 3, "%s==", t);
	assert_int_equal(verify(bad, both), PF_JWT_MALFORMED);
	free(bad);
	free(t);
	/* Oversized. */
	bad = pf_xmalloc(70000);
	memset(bad, 'A', 69999);
	bad[69999] = '\0';
	bad[10] = '.';
	bad[20] = '.';
	assert_int_equal(verify(bad, both), PF_JWT_MALFORMED);
	free(bad);
}

static json_t *
parse(const char *s)
{
	json_t *o = json_loads(s, 0, NULL);

	assert_non_null(o);
	return o;
}

static void
t_claims(void **state)
{
	json_t *c = parse(CLAIMS), *o;

	(void)state;
	assert_int_equal(pf_jwt_check(c, "https://portal.test", "cms", NOW, 0), PF_JWT_OK);
	assert_int_equal(pf_jwt_check(c, NULL, NULL, NOW, 0), PF_JWT_OK);
	assert_int_equal(pf_jwt_check(c, "https://portal.test/", "cms", NOW, 0), PF_JWT_ISS);
	assert_int_equal(pf_jwt_check(c, "https://evil.test", "cms", NOW, 0), PF_JWT_ISS);
	assert_int_equal(pf_jwt_check(c, "https://portal.test", "shop", NOW, 0), PF_JWT_AUD);
	/* exp: strictly after now - leeway. */
	assert_int_equal(pf_jwt_check(c, NULL, NULL, 1800000600LL, 0), PF_JWT_EXPIRED);
	assert_int_equal(pf_jwt_check(c, NULL, NULL, 1800000599LL, 0), PF_JWT_OK);
	assert_int_equal(pf_jwt_check(c, NULL, NULL, 1800000630LL, 60), PF_JWT_OK);
	assert_int_equal(pf_jwt_check(c, NULL, NULL, 1800000660LL, 60), PF_JWT_EXPIRED);
	/* nbf: at most now + leeway. */
	assert_int_equal(pf_jwt_check(c, NULL, NULL, 1799999990LL, 0), PF_JWT_OK);
	assert_int_equal(pf_jwt_check(c, NULL, NULL, 1799999989LL, 0), PF_JWT_EARLY);
	assert_int_equal(pf_jwt_check(c, NULL, NULL, 1799999930LL, 60), PF_JWT_OK);
	assert_int_equal(pf_jwt_check(c, NULL, NULL, 1799999929LL, 60), PF_JWT_EARLY);
	json_decref(c);

	/* aud as an array: contained or not. */
	o = parse("{\"aud\":[\"shop\",\"cms\"],\"exp\":1800000600}");
	assert_int_equal(pf_jwt_check(o, NULL, "cms", NOW, 0), PF_JWT_OK);
	assert_int_equal(pf_jwt_check(o, NULL, "blog", NOW, 0), PF_JWT_AUD);
	json_decref(o);
	o = parse("{\"aud\":[],\"exp\":1800000600}");
	assert_int_equal(pf_jwt_check(o, NULL, "cms", NOW, 0), PF_JWT_AUD);
	json_decref(o);
	o = parse("{\"aud\":[1,{\"cms\":1}],\"exp\":1800000600}");
	assert_int_equal(pf_jwt_check(o, NULL, "cms", NOW, 0), PF_JWT_AUD);
	json_decref(o);
	/* No aud, no iss, but asked for. */
	o = parse("{\"exp\":1800000600}");
	assert_int_equal(pf_jwt_check(o, NULL, "cms", NOW, 0), PF_JWT_AUD);
	assert_int_equal(pf_jwt_check(o, "https://portal.test", NULL, NOW, 0), PF_JWT_ISS);
	json_decref(o);
	o = parse("{\"iss\":1,\"exp\":1800000600}");
	assert_int_equal(pf_jwt_check(o, "1", NULL, NOW, 0), PF_JWT_ISS);
	json_decref(o);
	/* exp missing or not a number; fractional NumericDate. */
	o = parse("{\"sub\":\"x\"}");
	assert_int_equal(pf_jwt_check(o, NULL, NULL, NOW, 0), PF_JWT_EXPIRED);
	json_decref(o);
	o = parse("{\"exp\":\"1900000000\"}");
	assert_int_equal(pf_jwt_check(o, NULL, NULL, NOW, 0), PF_JWT_MALFORMED);
	json_decref(o);
	o = parse("{\"exp\":1800000000.5}");
	assert_int_equal(pf_jwt_check(o, NULL, NULL, NOW, 0), PF_JWT_OK);
	json_decref(o);
	o = parse("{\"exp\":1900000000,\"nbf\":null}");
	assert_int_equal(pf_jwt_check(o, NULL, NULL, NOW, 0), PF_JWT_MALFORMED);
	json_decref(o);
	o = parse("[1]");
	assert_int_equal(pf_jwt_check(o, NULL, NULL, NOW, 0), PF_JWT_MALFORMED);
	json_decref(o);
	assert_int_equal(pf_jwt_check(NULL, NULL, NULL, NOW, 0), PF_JWT_MALFORMED);

	/* Through verify: an expired genuine token still verifies, the
	 * check refuses it. */
	{
		void *cl;
		char *t = pf_jwt_sign(&ec, NULL, "{\"exp\":1000}");

		assert_int_equal(pf_jwt_verify(t, &ec, 1, both, &cl), PF_JWT_OK);
		assert_int_equal(pf_jwt_check(cl, NULL, NULL, (long long)time(NULL), 60),
		    PF_JWT_EXPIRED);
		json_decref(cl);
		free(t);
	}
	assert_string_equal(pf_jwt_strerror(PF_JWT_SIG), "bad signature");
}

static BIGNUM *
bn64(json_t *jwk, const char *name, size_t *len)
{
	const char *s = json_string_value(json_object_get(jwk, name));
	unsigned char *raw;
	BIGNUM *bn;
	size_t n;

	assert_non_null(s);
	raw = unb64(s, strlen(s), &n);
	assert_true(n > 0);
	assert_int_not_equal(raw[0], 0);	/* no leading zero octets for n/e */
	bn = BN_bin2bn(raw, (int)n, NULL);
	free(raw);
	if (len != NULL)
		*len = n;
	return bn;
}

/* A public EVP_PKEY from JWK members, built as LIBNOTES 6 says. */
static EVP_PKEY *
jwk_import(json_t *jwk)
{
	OSSL_PARAM_BLD *bld = OSSL_PARAM_BLD_new();
	OSSL_PARAM *params;
	EVP_PKEY_CTX *ctx;
	EVP_PKEY *pk = NULL;
	const char *kty = json_string_value(json_object_get(jwk, "kty"));
	BIGNUM *a = NULL, *b = NULL;
	unsigned char pt[65], *x, *y;
	size_t xl, yl;
	const char *xs, *ys;

	assert_non_null(kty);
	if (strcmp(kty, "RSA") == 0) {
		a = bn64(jwk, "n", NULL);
		b = bn64(jwk, "e", NULL);
		assert_int_equal(OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_RSA_N, a), 1);
		assert_int_equal(OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_RSA_E, b), 1);
		ctx = EVP_PKEY_CTX_new_from_name(NULL, "RSA", NULL);
	} else {
		assert_string_equal(kty, "EC");
		assert_string_equal(json_string_value(json_object_get(jwk, "crv")), "P-256");
		xs = json_string_value(json_object_get(jwk, "x"));
		ys = json_string_value(json_object_get(jwk, "y"));
		x = unb64(xs, strlen(xs), &xl);
		y = unb64(ys, strlen(ys), &yl);
		assert_int_equal(xl, 32);	/* full width, RFC 7518 6.2.1.2 */
		assert_int_equal(yl, 32);
		pt[0] = 4;
		memcpy(pt + 1, x, 32);
		memcpy(pt + 33, y, 32);
		free(x);
		free(y);
		assert_int_equal(OSSL_PARAM_BLD_push_utf8_string(bld,
		    OSSL_PKEY_PARAM_GROUP_NAME, "prime256v1", 0), 1);
		assert_int_equal(OSSL_PARAM_BLD_push_octet_string(bld,
		    OSSL_PKEY_PARAM_PUB_KEY, pt, sizeof(pt)), 1);
		ctx = EVP_PKEY_CTX_new_from_name(NULL, "EC", NULL);
	}
	params = OSSL_PARAM_BLD_to_param(bld);
	assert_non_null(ctx);
	assert_int_equal(EVP_PKEY_fromdata_init(ctx), 1);
	assert_int_equal(EVP_PKEY_fromdata(ctx, &pk, EVP_PKEY_PUBLIC_KEY, params), 1);
	EVP_PKEY_CTX_free(ctx);
	OSSL_PARAM_free(params);
	OSSL_PARAM_BLD_free(bld);
	BN_free(a);
	BN_free(b);
	return pk;
}

static struct pf_sigkey
as_sigkey(EVP_PKEY *pk, enum pf_jwa alg)
{
	struct pf_sigkey k;
	BIO *bio = BIO_new(BIO_s_mem());
	char *d;
	long n;

	assert_int_equal(PEM_write_bio_PUBKEY(bio, pk), 1);
	n = BIO_get_mem_data(bio, &d);
	assert_int_equal(pf_sigkey_from_pem(&k, alg, d, (size_t)n), 0);
	BIO_free(bio);
	return k;
}

static void
t_jwks(void **state)
{
	struct pf_sigkey keys[2] = { rsa, ec }, re;
	json_t *doc, *arr, *jwk;
	EVP_PKEY *pk;
	char *s, *t;
	void *c;
	size_t i;

	(void)state;
	s = pf_jwks(keys, 2);
	assert_non_null(s);
	/* Nothing private leaks: no d, p, q, dp, dq, qi members. */
	doc = json_loads(s, JSON_REJECT_DUPLICATES, NULL);
	assert_non_null(doc);
	arr = json_object_get(doc, "keys");
	assert_int_equal(json_array_size(arr), 2);
	for (i = 0; i < 2; i++) {
		jwk = json_array_get(arr, i);
		assert_null(json_object_get(jwk, "d"));
		assert_null(json_object_get(jwk, "p"));
		assert_string_equal(json_string_value(json_object_get(jwk, "use")), "sig");
		assert_string_equal(json_string_value(json_object_get(jwk, "kid")), keys[i].kid);
		assert_string_equal(json_string_value(json_object_get(jwk, "alg")),
		    pf_jwa_name(keys[i].alg));
		/* Re-imported from its members, it is the same public key ... */
		pk = jwk_import(jwk);
		assert_int_equal(EVP_PKEY_eq(pk, keys[i].pkey), 1);
		/* ... with the same thumbprint, and it verifies our tokens. */
		re = as_sigkey(pk, keys[i].alg);
		assert_string_equal(re.kid, keys[i].kid);
		t = pf_jwt_sign(&keys[i], NULL, CLAIMS);
		assert_int_equal(pf_jwt_verify(t, &re, 1, both, &c), PF_JWT_OK);
		json_decref(c);
		free(t);
		pf_sigkey_free(&re);
		EVP_PKEY_free(pk);
	}
	json_decref(doc);
	free(s);
	s = pf_jwks(NULL, 0);
	assert_string_equal(s, "{\"keys\":[]}");
	free(s);
}

static void
put(const char *path, const void *p, size_t n)
{
	FILE *f = fopen(path, "wb");

	assert_non_null(f);
	assert_int_equal(fwrite(p, 1, n, f), n);
	assert_int_equal(fclose(f), 0);
}

/* A third implementation: `openssl dgst` verifies our signatures over the
 * signing input (ES256 handed over as DER, which is what it speaks). */
static void
t_openssl_cli(void **state)
{
	const struct pf_sigkey *k[] = { &rsa, &ec };
	const char *pub[] = { rsa_pub, ec_pub };
	char dir[] = "/tmp/t_jwt.XXXXXX", path[3][64], cmd[400], *t, *dot;
	unsigned char *sig, *der = NULL;
	size_t i, n;
	int len;

	(void)state;
	if (system("openssl version >/dev/null 2>&1") != 0)
		skip();
	assert_non_null(mkdtemp(dir));
	snprintf(path[0], sizeof(path[0]), "%s/in", dir);
	snprintf(path[1], sizeof(path[1]), "%s/sig", dir);
	snprintf(path[2], sizeof(path[2]), "%s/pub", dir);
	for (i = 0; i < 2; i++) {
		t = pf_jwt_sign(k[i], NULL, CLAIMS);
		dot = strrchr(t, '.');
		put(path[0], t, (size_t)(dot - t));
		sig = unb64(dot + 1, strlen(dot + 1), &n);
		if (k[i]->alg == PF_JWA_ES256) {
			ECDSA_SIG *es = ECDSA_SIG_new();

			assert_int_equal(n, 64);
			assert_int_equal(ECDSA_SIG_set0(es, BN_bin2bn(sig, 32, NULL),
			    BN_bin2bn(sig + 32, 32, NULL)), 1);
			der = NULL;
			len = i2d_ECDSA_SIG(es, &der);
			assert_true(len > 0);
			put(path[1], der, (size_t)len);
			OPENSSL_free(der);
			ECDSA_SIG_free(es);
		} else
			put(path[1], sig, n);
		put(path[2], pub[i], strlen(pub[i]));
		snprintf(cmd, sizeof(cmd), "openssl dgst -sha256 -verify %s -signature %s %s >/dev/null",
		    path[2], path[1], path[0]);
		assert_int_equal(system(cmd), 0);
		/* and it can fail: a changed signing input */
		put(path[0], t, (size_t)(dot - t) - 1);
		assert_int_not_equal(system(cmd), 0);
		free(sig);
		free(t);
	}
	for (i = 0; i < 3; i++)
		unlink(path[i]);
	rmdir(dir);
}

/* RFC 7638 3.1: the RFC's own key and thumbprint. */
static void
t_rfc7638(void **state)
{
	json_t *jwk = json_pack("{s:s, s:s, s:s}", "kty", "RSA", "e", "AQAB", "n",
	    "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJEC"
	    "PebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2Qv"
	    "zqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6We"
	    "Zu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw");
	EVP_PKEY *pk = jwk_import(jwk);
	struct pf_sigkey k = as_sigkey(pk, PF_JWA_RS256);
	char *s;

	(void)state;
	assert_string_equal(k.kid, "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs");
	/* And the JWKS gives back the RFC's n and e. */
	s = pf_jwks(&k, 1);
	assert_non_null(strstr(s, json_string_value(json_object_get(jwk, "n"))));
	assert_non_null(strstr(s, "\"e\":\"AQAB\""));
	free(s);
	pf_sigkey_free(&k);
	EVP_PKEY_free(pk);
	json_decref(jwk);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(t_keys),
		cmocka_unit_test(t_roundtrip),
		cmocka_unit_test(t_libjwt),
		cmocka_unit_test(t_openssl_cli),
		cmocka_unit_test(t_traps),
		cmocka_unit_test(t_tamper),
		cmocka_unit_test(t_malformed),
		cmocka_unit_test(t_claims),
		cmocka_unit_test(t_jwks),
		cmocka_unit_test(t_rfc7638),
	};

	return cmocka_run_group_tests_name("jwt", tests, setup, teardown);
}
