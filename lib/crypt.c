/*
 * crypt.c: the format of an encrypted value, independent of where its key
 * comes from.
 *
 *   version (1) | key id (8, big-endian) | nonce (12) | ciphertext | tag (16)
 *
 * AES-256-GCM with a fresh random nonce per value.  The additional data
 * binds the value to where it lives, so a ciphertext copied into another
 * row, column or table does not decrypt:
 *
 *   "pforte/v1" 0 table 0 column 0 row (8, big-endian) version keyid
 *
 * The key id travels in clear so that a reader finds the key and rotation
 * finds the values still under an old key without decrypting them; it is
 * authenticated with the rest.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include "pf-crypt.h"

#define HDR	(1 + 8)
#define NONCE	12
#define TAG	16

/* The additional data; table and column are our own identifiers, never
 * user input, and NUL-separated so that ("ab","c") differs from ("a","bc"). */
static size_t
aad_build(unsigned char *out, size_t max, const struct pf_cell *at,
    const unsigned char hdr[HDR])
{
	static const char tag[] = "pforte/v1";
	size_t t = strlen(at->table), c = strlen(at->column);
	size_t n = sizeof(tag) + t + 1 + c + 1 + 8 + HDR;

	if (n > max)
		return 0;
	memcpy(out, tag, sizeof(tag));
	out += sizeof(tag);
	memcpy(out, at->table, t + 1);
	out += t + 1;
	memcpy(out, at->column, c + 1);
	out += c + 1;
	pf_put64(out, at->row);
	memcpy(out + 8, hdr, HDR);
	return n;
}

int
pf_gcm(int enc, const unsigned char key[PF_KEY_LEN], const unsigned char nonce[NONCE],
    const unsigned char *aad, size_t aadlen, const unsigned char *in, size_t len,
    unsigned char *out, unsigned char tag[TAG])
{
	EVP_CIPHER_CTX *ctx;
	int n, ok;

	if (len > INT32_MAX || aadlen > INT32_MAX || (ctx = EVP_CIPHER_CTX_new()) == NULL)
		return -1;
	ok = EVP_CipherInit_ex2(ctx, EVP_aes_256_gcm(), key, nonce, enc, NULL) == 1 &&
	    (aadlen == 0 || EVP_CipherUpdate(ctx, NULL, &n, aad, (int)aadlen) == 1) &&
	    (len == 0 || EVP_CipherUpdate(ctx, out, &n, in, (int)len) == 1);
	if (ok && enc)
		ok = EVP_CipherFinal_ex(ctx, out + len, &n) == 1 &&
		    EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_GET_TAG, TAG, tag) == 1;
	else if (ok)
		ok = EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_SET_TAG, TAG, tag) == 1 &&
		    EVP_CipherFinal_ex(ctx, out + len, &n) == 1;
	/* Frees the expanded key schedule with OPENSSL_cleanse. */
	EVP_CIPHER_CTX_free(ctx);
	return ok ? 0 : -1;
}

int
pf_ct_seal(const unsigned char key[PF_KEY_LEN], uint64_t keyid, const struct pf_cell *at,
    const void *pt, size_t len, unsigned char *out)
{
	unsigned char aad[512];
	size_t aadlen;

	out[0] = PF_CT_VERSION;
	pf_put64(out + 1, keyid);
	if ((aadlen = aad_build(aad, sizeof(aad), at, out)) == 0 ||
	    RAND_bytes(out + HDR, NONCE) != 1)
		return -1;
	return pf_gcm(1, key, out + HDR, aad, aadlen, pt, len,
	    out + HDR + NONCE, out + HDR + NONCE + len);
}

int
pf_ct_keyid(const unsigned char *ct, size_t len, uint64_t *keyid)
{
	if (len < PF_CT_OVERHEAD || ct[0] != PF_CT_VERSION)
		return -1;
	*keyid = pf_get64(ct + 1);
	return 0;
}

/* On failure nothing of the output is left behind: never garbage, never
 * a partly decrypted plaintext. */
int
pf_ct_open(const unsigned char key[PF_KEY_LEN], const struct pf_cell *at,
    const unsigned char *ct, size_t len, unsigned char *out, size_t *outlen)
{
	unsigned char aad[512], tag[TAG];
	size_t aadlen, n;
	uint64_t id;

	if (pf_ct_keyid(ct, len, &id) < 0 ||
	    (aadlen = aad_build(aad, sizeof(aad), at, ct)) == 0)
		return -1;
	n = len - PF_CT_OVERHEAD;
	memcpy(tag, ct + len - TAG, TAG);
	if (pf_gcm(0, key, ct + HDR, aad, aadlen, ct + HDR + NONCE, n, out, tag) < 0) {
		pf_wipe(out, n);
		return -1;
	}
	*outlen = n;
	return 0;
}

/* The blind index: equal inputs give equal indexes under one key, and
 * the domain keeps an e-mail index from ever matching a phone index. */
void
pf_bidx_compute(const unsigned char key[PF_KEY_LEN], const char *domain,
    const void *v, size_t len, unsigned char out[PF_BIDX_LEN])
{
	EVP_MAC *mac = EVP_MAC_fetch(NULL, "HMAC", NULL);
	EVP_MAC_CTX *ctx = mac ? EVP_MAC_CTX_new(mac) : NULL;
	OSSL_PARAM params[] = {
		OSSL_PARAM_construct_utf8_string("digest", (char *)(uintptr_t)"SHA256", 0),
		OSSL_PARAM_construct_end(),
	};
	size_t n = 0;

	if (ctx == NULL || EVP_MAC_init(ctx, key, PF_KEY_LEN, params) != 1 ||
	    EVP_MAC_update(ctx, (const unsigned char *)domain, strlen(domain) + 1) != 1 ||
	    EVP_MAC_update(ctx, v, len) != 1 ||
	    EVP_MAC_final(ctx, out, &n, PF_BIDX_LEN) != 1 || n != PF_BIDX_LEN)
		abort();	/* only on a broken OpenSSL: never return a weak index */
	EVP_MAC_CTX_free(ctx);
	EVP_MAC_free(mac);
}
