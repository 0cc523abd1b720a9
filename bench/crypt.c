/*
 * Encryption at rest in numbers (measure, never assert): a typical row of
 * five encrypted fields sealed and opened with pf_ct_seal()/pf_ct_open(),
 * blind indexes per second, and for comparison the pieces of one value:
 * pf_gcm() alone (a new cipher context per value), AES-256-GCM with the
 * context and cipher made once (what `openssl speed` times), RAND_bytes for
 * a nonce, HMAC with the MAC fetched once.  Rates are per CPU second of
 * this process, like `openssl speed`.
 *
 *   bench/run-crypt.sh [SECONDS]    (builds this against lib/libpforte.a)
 *   crypt [SECONDS]                 (default 2 per measurement)
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <openssl/evp.h>
#include <openssl/rand.h>

#include "pf-crypt.h"

static const struct {
	const char	*column;
	const char	*value;
} row[] = {
	{ "email", "max.mustermann@example.de" },	/* 25 */
	{ "name", "Max Mustermann-Huber" },		/* 20 */
	{ "phone", "+49 30 1234567" },			/* 14 */
	{ "street", "Hauptstrasse 123, Hinterhaus" },	/* 28 */
	{ "city", "Braunschweig" },			/* 12 */
};
#define NFIELDS	(sizeof(row) / sizeof(row[0]))

static double seconds = 2;
static unsigned long sink;

static double
now(clockid_t c)
{
	struct timespec ts;

	clock_gettime(c, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Run fn in batches for `seconds` of wall time: calls per CPU second. */
static double
rate(void (*fn)(unsigned long), unsigned long batch)
{
	double w0 = now(CLOCK_MONOTONIC), c0 = now(CLOCK_PROCESS_CPUTIME_ID);
	unsigned long n = 0, i;

	do {
		for (i = 0; i < batch; i++)
			fn(n++);
	} while (now(CLOCK_MONOTONIC) - w0 < seconds);
	return (double)n / (now(CLOCK_PROCESS_CPUTIME_ID) - c0);
}

static unsigned char key[PF_KEY_LEN];

/* One row: seal and open each of the five fields. */
static void
row_seal_open(unsigned long r)
{
	unsigned char ct[64 + PF_CT_OVERHEAD], pt[64 + PF_CT_OVERHEAD];
	size_t i, len, n;

	for (i = 0; i < NFIELDS; i++) {
		const struct pf_cell *at = PF_AT("users", row[i].column, r);

		len = strlen(row[i].value);
		if (pf_ct_seal(key, 1, at, row[i].value, len, ct) < 0 ||
		    pf_ct_open(key, at, ct, len + PF_CT_OVERHEAD, pt, &n) < 0 || n != len)
			abort();
		sink += pt[0];
	}
}

static void
field_seal(unsigned long r)
{
	unsigned char ct[64 + PF_CT_OVERHEAD];

	if (pf_ct_seal(key, 1, PF_AT("users", "name", r), row[1].value,
	    strlen(row[1].value), ct) < 0)
		abort();
	sink += ct[PF_CT_OVERHEAD];
}

/* pf_gcm() alone, as pf_ct_seal() calls it: a new context and an implicit
 * fetch of the cipher per value, but no nonce drawn and no additional data
 * built. */
static void
gcm_alone(unsigned long r)
{
	unsigned char nonce[PF_NONCE_LEN] = { 0 }, out[64], tag[PF_TAG_LEN], aad[32] = { 0 };

	memcpy(nonce, &r, sizeof(r));
	if (pf_gcm(1, key, nonce, aad, sizeof(aad), (const unsigned char *)row[1].value,
	    strlen(row[1].value), out, tag) < 0)
		abort();
	sink += tag[0];
}

/* The same with the cipher fetched and the context made once, key and
 * nonce set per value: the sequence `openssl speed -evp aes-256-gcm` times
 * (OpenSSL 3.0.16 and later). */
static EVP_CIPHER *gcm;
static EVP_CIPHER_CTX *ctx;

static void
gcm_reused(unsigned long r)
{
	unsigned char nonce[PF_NONCE_LEN] = { 0 }, out[64], tag[PF_TAG_LEN], aad[32] = { 0 };
	int n;

	memcpy(nonce, &r, sizeof(r));
	if (EVP_EncryptInit_ex2(ctx, NULL, key, nonce, NULL) != 1 ||
	    EVP_EncryptUpdate(ctx, NULL, &n, aad, sizeof(aad)) != 1 ||
	    EVP_EncryptUpdate(ctx, out, &n, (const unsigned char *)row[1].value,
	    (int)strlen(row[1].value)) != 1 ||
	    EVP_EncryptFinal_ex(ctx, out + n, &n) != 1 ||
	    EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_GET_TAG, PF_TAG_LEN, tag) != 1)
		abort();
	sink += tag[0];
}

static void
rand_nonce(unsigned long r)
{
	unsigned char b[PF_NONCE_LEN];

	if (RAND_bytes(b, sizeof(b)) != 1)
		abort();
	sink += b[0];
}

static void
bidx(unsigned long r)
{
	unsigned char out[PF_BIDX_LEN];

	pf_bidx_compute(key, "email", row[0].value, strlen(row[0].value), out);
	sink += out[0];
}

/* The same HMAC-SHA256 with the MAC fetched once. */
static EVP_MAC *mac;

static void
raw_hmac(unsigned long r)
{
	unsigned char out[PF_BIDX_LEN];
	EVP_MAC_CTX *c = EVP_MAC_CTX_new(mac);
	OSSL_PARAM params[] = {
		OSSL_PARAM_construct_utf8_string("digest", (char *)(uintptr_t)"SHA256", 0),
		OSSL_PARAM_construct_end(),
	};
	size_t n;

	if (c == NULL || EVP_MAC_init(c, key, PF_KEY_LEN, params) != 1 ||
	    EVP_MAC_update(c, (const unsigned char *)"email", 6) != 1 ||
	    EVP_MAC_update(c, (const unsigned char *)row[0].value, strlen(row[0].value)) != 1 ||
	    EVP_MAC_final(c, out, &n, sizeof(out)) != 1)
		abort();
	EVP_MAC_CTX_free(c);
	sink += out[0];
}

int
main(int argc, char **argv)
{
	size_t i, bytes = 0;
	double rows, seal, raw;

	if (argc > 1 && (seconds = atof(argv[1])) <= 0)
		seconds = 2;
	for (i = 0; i < NFIELDS; i++)
		bytes += strlen(row[i].value);
	if (RAND_bytes(key, sizeof(key)) != 1 ||
	    (gcm = EVP_CIPHER_fetch(NULL, "AES-256-GCM", NULL)) == NULL ||
	    (ctx = EVP_CIPHER_CTX_new()) == NULL ||
	    EVP_EncryptInit_ex2(ctx, gcm, key, NULL, NULL) != 1 ||
	    (mac = EVP_MAC_fetch(NULL, "HMAC", NULL)) == NULL)
		return 1;

	rows = rate(row_seal_open, 64);
	printf("row of %zu fields (%zu bytes) seal+open  %10.0f rows/s  "
	    "%10.0f fields/s  %6.2f us/field\n", NFIELDS, bytes, rows,
	    rows * NFIELDS, 1e6 / (rows * NFIELDS));
	seal = rate(field_seal, 256);
	printf("pf_ct_seal, 20-byte field               %10.0f values/s  %6.2f us\n",
	    seal, 1e6 / seal);
	raw = rate(gcm_alone, 256);
	printf("  pf_gcm alone (new context per value)   %10.0f values/s  %6.2f us\n",
	    raw, 1e6 / raw);
	raw = rate(gcm_reused, 256);
	printf("  GCM, context+cipher made once          %10.0f values/s  %6.2f us\n",
	    raw, 1e6 / raw);
	raw = rate(rand_nonce, 256);
	printf("  RAND_bytes(12) for the nonce           %10.0f /s        %6.2f us\n",
	    raw, 1e6 / raw);
	raw = rate(bidx, 256);
	printf("pf_bidx_compute, 25-byte e-mail         %10.0f /s        %6.2f us\n",
	    raw, 1e6 / raw);
	raw = rate(raw_hmac, 256);
	printf("  same HMAC, MAC fetched once            %10.0f /s        %6.2f us\n",
	    raw, 1e6 / raw);
	EVP_CIPHER_CTX_free(ctx);
	EVP_CIPHER_free(gcm);
	EVP_MAC_free(mac);
	return sink == 0x5eed ? 2 : 0;	/* keep the results alive */
}
