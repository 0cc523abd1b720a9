/*
 * b64.c: 256-bit tokens as base64url text (sessions, one-time links), and
 * the SHA-256 under which the database knows them.  A database reader
 * learns hashes only, which open nothing.
 */
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <stdlib.h>

#include "pforte.h"

static const char alphabet[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

void
pf_b64url(const unsigned char *in, size_t n, char *out)
{
	size_t i;
	unsigned long v;

	for (i = 0; i + 2 < n; i += 3) {
		v = (unsigned long)in[i] << 16 | (unsigned long)in[i + 1] << 8 | in[i + 2];
		*out++ = alphabet[v >> 18 & 63];
		*out++ = alphabet[v >> 12 & 63];
		*out++ = alphabet[v >> 6 & 63];
		*out++ = alphabet[v & 63];
	}
	if (n - i == 1) {
		v = (unsigned long)in[i] << 16;
		*out++ = alphabet[v >> 18 & 63];
		*out++ = alphabet[v >> 12 & 63];
	} else if (n - i == 2) {
		v = (unsigned long)in[i] << 16 | (unsigned long)in[i + 1] << 8;
		*out++ = alphabet[v >> 18 & 63];
		*out++ = alphabet[v >> 12 & 63];
		*out++ = alphabet[v >> 6 & 63];
	}
	*out = '\0';
}

static int
sextet(char c)
{
	const char *p = c ? strchr(alphabet, c) : NULL;

	return p ? (int)(p - alphabet) : -1;
}

/* Strict: exactly the length n bytes encode to, no padding, and unused
 * low bits zero, so every value has one spelling only. */
int
pf_b64url_decode(const char *s, unsigned char *out, size_t n)
{
	size_t want = (n * 4 + 2) / 3, i, o = 0;
	unsigned long v = 0;
	int bits = 0, x;

	if (strlen(s) != want)
		return -1;
	for (i = 0; i < want; i++) {
		if ((x = sextet(s[i])) < 0)
			return -1;
		v = (v << 6 | (unsigned long)x) & 0xffffff;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			out[o++] = (unsigned char)(v >> bits);
		}
	}
	return (v & ((1UL << bits) - 1)) == 0 ? 0 : -1;
}

void
pf_token_new(unsigned char raw[PF_TOKEN_BYTES], char text[PF_TOKEN_CHARS + 1])
{
	if (RAND_bytes(raw, PF_TOKEN_BYTES) != 1)
		abort();	/* no randomness: nothing here may go on */
	pf_b64url(raw, PF_TOKEN_BYTES, text);
}

void
pf_token_digest(const unsigned char raw[PF_TOKEN_BYTES], unsigned char out[32])
{
	unsigned int n = 32;

	if (EVP_Digest(raw, PF_TOKEN_BYTES, out, &n, EVP_sha256(), NULL) != 1)
		abort();
}

int
pf_token_hash(const char *text, unsigned char out[32])
{
	unsigned char raw[PF_TOKEN_BYTES];

	if (pf_b64url_decode(text, raw, sizeof(raw)) != 0)
		return -1;
	pf_token_digest(raw, out);
	pf_wipe(raw, sizeof(raw));
	return 0;
}
