/*
 * jwt.c: JSON Web Tokens (RFC 7519) as compact JWS (RFC 7515) with RS256
 * and ES256 (RFC 7518), and the JWKS that publishes their keys (RFC 7517).
 *
 * Not libjwt: libjwt 1.10 takes the algorithm from the token it verifies
 * (an HS256 token keyed with our RSA public key PEM passes, a NULL key
 * passes alg "none"), never checks exp/nbf, and parses the PEM again for
 * every token.  Here a key is parsed once into an EVP_PKEY, the caller
 * names the algorithms it accepts, and a token is only checked against a
 * key of the very algorithm its header names, so no header can turn a
 * public key into an HMAC secret.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <jansson.h>
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include "pforte.h"

/* Larger tokens are refused before any decoding: ours are a few hundred
 * bytes, and a verifier should not spend memory on what an attacker sends. */
#define JWT_MAX		16384
#define ES256_HALF	32

const char *
pf_jwa_name(enum pf_jwa a)
{
	switch (a) {
	case PF_JWA_RS256:
		return "RS256";
	case PF_JWA_ES256:
		return "ES256";
	case PF_JWA_NONE:
		break;
	}
	return NULL;
}

/* Case-sensitive, as RFC 7515 says alg values are: "rs256" is unknown. */
enum pf_jwa
pf_jwa_byname(const char *s)
{
	if (s == NULL)
		return PF_JWA_NONE;
	if (strcmp(s, "RS256") == 0)
		return PF_JWA_RS256;
	if (strcmp(s, "ES256") == 0)
		return PF_JWA_ES256;
	return PF_JWA_NONE;
}

const char *
pf_jwt_strerror(enum pf_jwt_err e)
{
	static const char *const str[] = {
		[PF_JWT_OK] = "ok", [PF_JWT_MALFORMED] = "malformed token",
		[PF_JWT_ALG] = "algorithm not accepted",
		[PF_JWT_KID] = "unknown key id", [PF_JWT_SIG] = "bad signature",
		[PF_JWT_EXPIRED] = "expired or without expiry",
		[PF_JWT_EARLY] = "not yet valid", [PF_JWT_ISS] = "wrong issuer",
		[PF_JWT_AUD] = "wrong audience",
	};

	return (unsigned)e < sizeof(str) / sizeof(str[0]) ? str[e] : "unknown error";
}

/* ---- JWK members ---------------------------------------------------------- */

static char *
b64_bn(const EVP_PKEY *pk, const char *param, size_t pad)
{
	BIGNUM *bn = NULL;
	unsigned char *raw;
	char *out;
	int n;

	if (EVP_PKEY_get_bn_param(pk, param, &bn) != 1)
		return NULL;
	/* RFC 7518 6.2.1.2/6.3.1.1: EC coordinates keep their full width,
	 * RSA n and e are the shortest big-endian form. */
	n = pad ? (int)pad : BN_num_bytes(bn);
	if (n == 0 || (pad && BN_num_bytes(bn) > (int)pad)) {
		BN_free(bn);
		return NULL;
	}
	raw = pf_xmalloc((size_t)n);
	if (BN_bn2binpad(bn, raw, n) != n) {
		BN_free(bn);
		free(raw);
		return NULL;
	}
	BN_free(bn);
	out = pf_xmalloc(((size_t)n + 2) / 3 * 4 + 1);
	pf_b64url(raw, (size_t)n, out);
	free(raw);
	return out;
}

/* The public JWK members of k's key, exactly the required ones RFC 7638
 * hashes (lexicographic member order there, so JSON_SORT_KEYS). */
static json_t *
jwk_public(const EVP_PKEY *pk, enum pf_jwa alg)
{
	char *a = NULL, *b = NULL;
	json_t *o = NULL;

	if (alg == PF_JWA_RS256) {
		if ((a = b64_bn(pk, OSSL_PKEY_PARAM_RSA_N, 0)) != NULL &&
		    (b = b64_bn(pk, OSSL_PKEY_PARAM_RSA_E, 0)) != NULL)
			o = json_pack("{s:s, s:s, s:s}", "e", b, "kty", "RSA", "n", a);
	} else if (alg == PF_JWA_ES256) {
		if ((a = b64_bn(pk, OSSL_PKEY_PARAM_EC_PUB_X, ES256_HALF)) != NULL &&
		    (b = b64_bn(pk, OSSL_PKEY_PARAM_EC_PUB_Y, ES256_HALF)) != NULL)
			o = json_pack("{s:s, s:s, s:s, s:s}", "crv", "P-256", "kty", "EC",
			    "x", a, "y", b);
	}
	free(a);
	free(b);
	return o;
}

static int
thumbprint(const EVP_PKEY *pk, enum pf_jwa alg, char kid[44])
{
	unsigned char md[32];
	unsigned int mdlen = sizeof(md);
	json_t *o;
	char *s;
	int rc = -1;

	if ((o = jwk_public(pk, alg)) == NULL)
		return -1;
	s = json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS);
	json_decref(o);
	if (s == NULL)
		return -1;
	if (EVP_Digest(s, strlen(s), md, &mdlen, EVP_sha256(), NULL) == 1) {
		pf_b64url(md, sizeof(md), kid);
		rc = 0;
	}
	free(s);
	return rc;
}

/* ---- keys ------------------------------------------------------------------ */

/* An encrypted PEM must fail, not ask the terminal for a pass phrase. */
static int
no_password(char *buf, int size, int rw, void *u)
{
	(void)buf;
	(void)size;
	(void)rw;
	(void)u;
	return -1;
}

/* Only the key types the algorithm defines: RSA (not RSA-PSS) of at least
 * 2048 bits (RFC 7518 3.3) for RS256, P-256 and nothing else for ES256. */
static int
fits(const EVP_PKEY *pk, enum pf_jwa alg)
{
	char group[32];

	switch (alg) {
	case PF_JWA_RS256:
		return EVP_PKEY_is_a(pk, "RSA") && EVP_PKEY_get_bits(pk) >= 2048;
	case PF_JWA_ES256:
		return EVP_PKEY_is_a(pk, "EC") &&
		    EVP_PKEY_get_utf8_string_param(pk, OSSL_PKEY_PARAM_GROUP_NAME,
		    group, sizeof(group), NULL) == 1 && strcmp(group, "prime256v1") == 0;
	case PF_JWA_NONE:
		break;
	}
	return 0;
}

int
pf_sigkey_from_pem(struct pf_sigkey *k, enum pf_jwa alg, const char *pem, size_t len)
{
	EVP_PKEY *pk = NULL;
	BIO *bio;
	int private = 1;

	memset(k, 0, sizeof(*k));
	if (pem == NULL || len == 0 || len > INT32_MAX)
		return -1;
	if ((bio = BIO_new_mem_buf(pem, (int)len)) == NULL)
		return -1;
	pk = PEM_read_bio_PrivateKey(bio, NULL, no_password, NULL);
	if (pk == NULL) {
		private = 0;
		if (BIO_reset(bio) == 1)
			pk = PEM_read_bio_PUBKEY(bio, NULL, no_password, NULL);
	}
	BIO_free(bio);
	/* The failed attempt leaves errors on this thread's queue, where a
	 * later unrelated ERR_get_error would find them. */
	ERR_clear_error();
	if (pk == NULL)
		return -1;
	if (!fits(pk, alg) || thumbprint(pk, alg, k->kid) != 0) {
		EVP_PKEY_free(pk);
		memset(k, 0, sizeof(*k));
		return -1;
	}
	k->alg = alg;
	k->pkey = pk;
	k->private = private;
	return 0;
}

void
pf_sigkey_free(struct pf_sigkey *k)
{
	if (k == NULL)
		return;
	EVP_PKEY_free(k->pkey);
	memset(k, 0, sizeof(*k));
}

char *
pf_sigkey_generate(enum pf_jwa alg, size_t *len)
{
	EVP_PKEY *pk = NULL;
	BIO *bio = NULL;
	char *data, *out = NULL;
	long n;

	if (alg == PF_JWA_RS256)
		pk = EVP_RSA_gen(2048);
	else if (alg == PF_JWA_ES256)
		pk = EVP_EC_gen("P-256");
	if (pk == NULL)
		goto err;
	/* secmem: the BIO's buffer holding the private key is cleared when
	 * it is freed. */
	if ((bio = BIO_new(BIO_s_secmem())) == NULL ||
	    PEM_write_bio_PrivateKey(bio, pk, NULL, NULL, 0, NULL, NULL) != 1)
		goto err;
	if ((n = BIO_get_mem_data(bio, &data)) <= 0)
		goto err;
	out = pf_xmalloc((size_t)n + 1);
	memcpy(out, data, (size_t)n);
	out[n] = '\0';
	if (len != NULL)
		*len = (size_t)n;
err:
	BIO_free(bio);
	EVP_PKEY_free(pk);
	return out;
}

/* ---- signing --------------------------------------------------------------- */

static char *
b64_text(const char *s, size_t n)
{
	char *out = pf_xmalloc((n + 2) / 3 * 4 + 1);

	pf_b64url((const unsigned char *)s, n, out);
	return out;
}

/* JWS wants ES256 as r||s, 32 bytes each (RFC 7518 3.4); OpenSSL speaks
 * DER ECDSA-Sig-Value. */
static int
der_to_rs(const unsigned char *der, size_t n, unsigned char rs[2 * ES256_HALF])
{
	const unsigned char *p = der;
	const BIGNUM *r, *s;
	ECDSA_SIG *sig;
	int rc = -1;

	if ((sig = d2i_ECDSA_SIG(NULL, &p, (long)n)) == NULL)
		return -1;
	ECDSA_SIG_get0(sig, &r, &s);
	if (BN_bn2binpad(r, rs, ES256_HALF) == ES256_HALF &&
	    BN_bn2binpad(s, rs + ES256_HALF, ES256_HALF) == ES256_HALF)
		rc = 0;
	ECDSA_SIG_free(sig);
	return rc;
}

static unsigned char *
rs_to_der(const unsigned char rs[2 * ES256_HALF], size_t *n)
{
	ECDSA_SIG *sig;
	BIGNUM *r, *s;
	unsigned char *der = NULL;
	int len;

	if ((sig = ECDSA_SIG_new()) == NULL)
		return NULL;
	r = BN_bin2bn(rs, ES256_HALF, NULL);
	s = BN_bin2bn(rs + ES256_HALF, ES256_HALF, NULL);
	if (r == NULL || s == NULL || ECDSA_SIG_set0(sig, r, s) != 1) {
		BN_free(r);
		BN_free(s);
		ECDSA_SIG_free(sig);
		return NULL;
	}
	len = i2d_ECDSA_SIG(sig, &der);
	ECDSA_SIG_free(sig);
	if (len <= 0)
		return NULL;
	*n = (size_t)len;
	return der;
}

/* b64url(header).b64url(claims), malloc'd; NULL when claims_json is not
 * one JSON object.  The JSON values are released here, before any string
 * is, so there is one owner per cleanup. */
static char *
signing_input(const struct pf_sigkey *k, const char *typ, const char *claims_json)
{
	json_t *hdr, *claims;
	char *hs, *cs, *h64, *c64, *input;
	size_t n;

	/* Re-serialised, so the payload is one compact object whatever the
	 * caller's spacing, and never something other than an object. */
	claims = json_loads(claims_json, JSON_REJECT_DUPLICATES, NULL);
	if (!json_is_object(claims)) {
		json_decref(claims);
		return NULL;
	}
	hdr = json_pack("{s:s, s:s, s:s}", "alg", pf_jwa_name(k->alg), "kid", k->kid,
	    "typ", typ != NULL ? typ : "JWT");
	hs = hdr != NULL ? json_dumps(hdr, JSON_COMPACT) : NULL;
	cs = json_dumps(claims, JSON_COMPACT);
	json_decref(hdr);
	json_decref(claims);
	if (hs == NULL || cs == NULL) {
		free(hs);
		free(cs);
		return NULL;
	}
	h64 = b64_text(hs, strlen(hs));
	c64 = b64_text(cs, strlen(cs));
	free(hs);
	free(cs);
	n = strlen(h64) + 1 + strlen(c64) + 1;
	input = pf_xmalloc(n);
	snprintf(input, n, "%s.%s", h64, c64);
	free(h64);
	free(c64);
	return input;
}

char *
pf_jwt_sign(const struct pf_sigkey *k, const char *typ, const char *claims_json)
{
	EVP_MD_CTX *ctx = NULL;
	char *input, *out = NULL;
	unsigned char *sig = NULL, rs[2 * ES256_HALF];
	const unsigned char *raw;
	size_t siglen, rawlen, inlen, olen;

	if (k == NULL || !k->private || k->pkey == NULL || pf_jwa_name(k->alg) == NULL ||
	    claims_json == NULL)
		return NULL;
	if ((input = signing_input(k, typ, claims_json)) == NULL)
		return NULL;
	inlen = strlen(input);
	if ((ctx = EVP_MD_CTX_new()) == NULL ||
	    EVP_DigestSignInit(ctx, NULL, EVP_sha256(), NULL, k->pkey) != 1 ||
	    EVP_DigestSign(ctx, NULL, &siglen, (unsigned char *)input, inlen) != 1)
		goto err;
	sig = pf_xmalloc(siglen);
	if (EVP_DigestSign(ctx, sig, &siglen, (unsigned char *)input, inlen) != 1)
		goto err;
	raw = sig;
	rawlen = siglen;
	if (k->alg == PF_JWA_ES256) {
		if (der_to_rs(sig, siglen, rs) != 0)
			goto err;
		raw = rs;
		rawlen = sizeof(rs);
	}
	olen = inlen + 1 + (rawlen + 2) / 3 * 4;
	out = pf_xmalloc(olen + 1);
	memcpy(out, input, inlen);
	out[inlen] = '.';
	pf_b64url(raw, rawlen, out + inlen + 1);
err:
	ERR_clear_error();
	EVP_MD_CTX_free(ctx);
	free(input);
	free(sig);
	return out;
}

/* ---- verifying ------------------------------------------------------------- */

/* Decode one base64url segment of n characters (no padding, one
 * spelling only, as pf_b64url_decode insists); NULL when it is not one. */
static unsigned char *
seg_decode(const char *s, size_t n, size_t *outlen)
{
	unsigned char *out;
	char *tmp;
	size_t m;

	if (n % 4 == 1)
		return NULL;
	m = n / 4 * 3 + (n % 4 ? n % 4 - 1 : 0);
	tmp = pf_xmalloc(n + 1);
	memcpy(tmp, s, n);
	tmp[n] = '\0';
	out = pf_xmalloc(m + 1);
	if (pf_b64url_decode(tmp, out, m) != 0) {
		free(tmp);
		free(out);
		return NULL;
	}
	free(tmp);
	out[m] = '\0';
	*outlen = m;
	return out;
}

static json_t *
seg_object(const char *s, size_t n)
{
	unsigned char *raw;
	size_t len;
	json_t *o;

	if ((raw = seg_decode(s, n, &len)) == NULL)
		return NULL;
	/* Duplicate members are refused: two "alg" or two "aud" members
	 * would let different readers see different tokens. */
	o = json_loadb((const char *)raw, len, JSON_REJECT_DUPLICATES, NULL);
	free(raw);
	if (!json_is_object(o)) {
		json_decref(o);
		return NULL;
	}
	return o;
}

static int
allowed_alg(const enum pf_jwa *allowed, enum pf_jwa a)
{
	if (a == PF_JWA_NONE || allowed == NULL)
		return 0;
	for (; *allowed != PF_JWA_NONE; allowed++)
		if (*allowed == a)
			return 1;
	return 0;
}

static enum pf_jwt_err
check_sig(const struct pf_sigkey *k, const char *input, size_t inlen,
    const char *s64, size_t slen)
{
	EVP_MD_CTX *ctx = NULL;
	unsigned char *sig, *der = NULL;
	const unsigned char *vsig;
	size_t siglen, vlen;
	enum pf_jwt_err rc = PF_JWT_SIG;

	if ((sig = seg_decode(s64, slen, &siglen)) == NULL)
		return PF_JWT_MALFORMED;
	vsig = sig;
	vlen = siglen;
	if (k->alg == PF_JWA_ES256) {
		/* Exactly 64 bytes: a DER signature or a short one is not
		 * JWS, whatever OpenSSL would make of it. */
		if (siglen != 2 * ES256_HALF || (der = rs_to_der(sig, &vlen)) == NULL)
			goto done;
		vsig = der;
	} else if (siglen != (size_t)EVP_PKEY_get_size(k->pkey))
		goto done;
	if ((ctx = EVP_MD_CTX_new()) != NULL &&
	    EVP_DigestVerifyInit(ctx, NULL, EVP_sha256(), NULL, k->pkey) == 1 &&
	    EVP_DigestVerify(ctx, vsig, vlen, (const unsigned char *)input, inlen) == 1)
		rc = PF_JWT_OK;
done:
	ERR_clear_error();
	EVP_MD_CTX_free(ctx);
	OPENSSL_free(der);
	free(sig);
	return rc;
}

enum pf_jwt_err
pf_jwt_verify(const char *token, const struct pf_sigkey *keys, size_t n,
    const enum pf_jwa *allowed, void **claims)
{
	const char *d1, *d2;
	const struct pf_sigkey *k = NULL;
	json_t *hdr = NULL, *pl = NULL, *v;
	enum pf_jwa alg;
	const char *kid;
	size_t len, i;
	enum pf_jwt_err rc;

	if (claims != NULL)
		*claims = NULL;
	if (token == NULL || claims == NULL || (len = strnlen(token, JWT_MAX + 1)) > JWT_MAX)
		return PF_JWT_MALFORMED;
	/* Compact serialisation: exactly three segments (a JWE has five). */
	if ((d1 = strchr(token, '.')) == NULL || (d2 = strchr(d1 + 1, '.')) == NULL ||
	    strchr(d2 + 1, '.') != NULL)
		return PF_JWT_MALFORMED;
	if ((hdr = seg_object(token, (size_t)(d1 - token))) == NULL)
		return PF_JWT_MALFORMED;

	/* The header only selects; what is acceptable is the caller's list
	 * and the key's own algorithm. */
	v = json_object_get(hdr, "alg");
	if (!json_is_string(v)) {
		rc = PF_JWT_MALFORMED;
		goto done;
	}
	alg = pf_jwa_byname(json_string_value(v));
	if (!allowed_alg(allowed, alg)) {
		rc = PF_JWT_ALG;
		goto done;
	}
	/* RFC 7515 4.1.11: extensions we do not implement must be refused,
	 * and we implement none. */
	if (json_object_get(hdr, "crit") != NULL) {
		rc = PF_JWT_MALFORMED;
		goto done;
	}
	if ((kid = json_string_value(json_object_get(hdr, "kid"))) == NULL) {
		rc = PF_JWT_KID;
		goto done;
	}
	for (i = 0; i < n; i++)
		if (keys[i].pkey != NULL && strcmp(keys[i].kid, kid) == 0) {
			k = &keys[i];
			break;
		}
	if (k == NULL) {
		rc = PF_JWT_KID;
		goto done;
	}
	if (k->alg != alg) {
		rc = PF_JWT_ALG;
		goto done;
	}
	if ((rc = check_sig(k, token, (size_t)(d2 - token), d2 + 1, strlen(d2 + 1))) != PF_JWT_OK)
		goto done;
	if ((pl = seg_object(d1 + 1, (size_t)(d2 - d1 - 1))) == NULL) {
		rc = PF_JWT_MALFORMED;
		goto done;
	}
	*claims = pl;
	rc = PF_JWT_OK;
done:
	json_decref(hdr);
	return rc;
}

/* A NumericDate (RFC 7519 2): a JSON number, fractions allowed. */
static int
numdate(const json_t *o, const char *name, double *out)
{
	json_t *v = json_object_get(o, name);

	if (v == NULL)
		return 0;
	if (!json_is_number(v))
		return -1;
	*out = json_number_value(v);
	return 1;
}

enum pf_jwt_err
pf_jwt_check(const void *claims, const char *iss, const char *aud,
    long long now, long long leeway)
{
	const json_t *c = claims, *v;
	const char *s;
	double exp, nbf;
	size_t i;
	int r;

	if (!json_is_object(c) || leeway < 0)
		return PF_JWT_MALFORMED;
	if (iss != NULL && ((s = json_string_value(json_object_get(c, "iss"))) == NULL ||
	    strcmp(s, iss) != 0))
		return PF_JWT_ISS;
	if (aud != NULL) {
		v = json_object_get(c, "aud");
		if (json_is_string(v)) {
			if (strcmp(json_string_value(v), aud) != 0)
				return PF_JWT_AUD;
		} else if (json_is_array(v)) {
			for (i = 0; i < json_array_size(v); i++)
				if ((s = json_string_value(json_array_get(v, i))) != NULL &&
				    strcmp(s, aud) == 0)
					break;
			if (i == json_array_size(v))
				return PF_JWT_AUD;
		} else
			return PF_JWT_AUD;
	}
	/* A token without exp would be good for ever: refused as expired. */
	if ((r = numdate(c, "exp", &exp)) < 0)
		return PF_JWT_MALFORMED;
	if (r == 0 || !(exp > (double)(now - leeway)))
		return PF_JWT_EXPIRED;
	if ((r = numdate(c, "nbf", &nbf)) < 0)
		return PF_JWT_MALFORMED;
	if (r > 0 && !(nbf <= (double)(now + leeway)))
		return PF_JWT_EARLY;
	return PF_JWT_OK;
}

/* ---- JWKS ------------------------------------------------------------------ */

char *
pf_jwks(const struct pf_sigkey *keys, size_t n)
{
	json_t *doc, *arr, *jwk;
	char *out = NULL;
	size_t i;

	if ((arr = json_array()) == NULL)
		return NULL;
	doc = json_pack("{s:o}", "keys", arr);
	if (doc == NULL)
		return NULL;
	for (i = 0; i < n; i++) {
		/* Public members only: jwk_public never reads a private
		 * parameter, so a private key's JWK is its public one. */
		if (keys[i].pkey == NULL ||
		    (jwk = jwk_public(keys[i].pkey, keys[i].alg)) == NULL)
			goto err;
		if (json_object_set_new(jwk, "kid", json_string(keys[i].kid)) != 0 ||
		    json_object_set_new(jwk, "use", json_string("sig")) != 0 ||
		    json_object_set_new(jwk, "alg", json_string(pf_jwa_name(keys[i].alg))) != 0) {
			json_decref(jwk);
			goto err;
		}
		/* Takes jwk even when it fails. */
		if (json_array_append_new(arr, jwk) != 0)
			goto err;
	}
	out = json_dumps(doc, JSON_COMPACT);
err:
	json_decref(doc);
	return out;
}
