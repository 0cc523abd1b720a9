/* Unit tests: the format of an encrypted value, the blind index (crypt.c)
 * and the file key provider (kek.c, kek-file.c).  No database. */
#define _GNU_SOURCE		/* memmem */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "pf-crypt.h"
#include "testconf.h"

#define CELL		PF_AT("users", "email", 42)
#define MARK		0xa5

static const unsigned char key1[PF_KEY_LEN] = {
	0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0a, 0x0b,
	0x0c, 0x0d, 0x0e, 0x0f, 0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17,
	0x18, 0x19, 0x1a, 0x1b, 0x1c, 0x1d, 0x1e, 0x1f,
};
static const unsigned char key2[PF_KEY_LEN] = { 0x01 };	/* differs from key1 */

/* ---- helpers ------------------------------------------------------------ */

static void
unhex(const char *h, unsigned char *out, size_t n)
{
	size_t i;
	unsigned int v;

	assert_int_equal(strlen(h), 2 * n);
	for (i = 0; i < n; i++) {
		assert_int_equal(sscanf(h + 2 * i, "%2x", &v), 1);
		out[i] = (unsigned char)v;
	}
}

/* Seal a value into a new buffer of exactly len + PF_CT_OVERHEAD bytes. */
static unsigned char *
seal(const unsigned char *key, uint64_t id, const struct pf_cell *at,
    const void *pt, size_t len)
{
	unsigned char *ct = malloc(len + PF_CT_OVERHEAD);

	assert_non_null(ct);
	assert_int_equal(pf_ct_seal(key, id, at, pt, len, ct), 0);
	return ct;
}

/* pf_ct_open into a marker-filled buffer of ctlen bytes (at least 1): 0/-1. */
static int
open_ct(const unsigned char *key, const struct pf_cell *at, const unsigned char *ct,
    size_t ctlen, unsigned char **out, size_t *outlen)
{
	*out = malloc(ctlen + 1);
	assert_non_null(*out);
	memset(*out, MARK, ctlen + 1);
	*outlen = (size_t)-1;
	return pf_ct_open(key, at, ct, ctlen, *out, outlen);
}

static int
opens(const unsigned char *key, const struct pf_cell *at, const unsigned char *ct,
    size_t ctlen)
{
	unsigned char *out;
	size_t n;
	int rc = open_ct(key, at, ct, ctlen, &out, &n);

	free(out);
	return rc;
}

static void
roundtrip(size_t len)
{
	unsigned char *pt = malloc(len + 1), *ct, *out;
	size_t i, n;

	assert_non_null(pt);
	for (i = 0; i < len; i++)
		pt[i] = (unsigned char)(i * 7 + 1);
	ct = seal(key1, 7, CELL, pt, len);	/* ASan: writes exactly the overhead */
	assert_int_equal(open_ct(key1, CELL, ct, len + PF_CT_OVERHEAD, &out, &n), 0);
	assert_int_equal(n, len);
	assert_memory_equal(out, pt, len);
	assert_int_equal(out[len], MARK);	/* nothing written past the plaintext */
	free(out);
	free(ct);
	free(pt);
}

/* A key file of the given text and mode and a configuration that uses it;
 * the provider is closed so that the next pf_kek_open loads the file. */
static char keypath[64];

static void
kek_config(const char *kek)
{
	char conf[256], err[256];

	snprintf(conf, sizeof(conf), "Portal.BaseURL = https://p.example\n"
	    "Keys.Provider = file\nKeys.File = %s\nKeys.KEK = %s\n", keypath, kek);
	assert_int_equal(testconf_load(conf, 0600, err, sizeof(err)), 0);
	pf_kek_close();
}

static void
kek_file(const char *text, mode_t mode)
{
	FILE *f;

	assert_non_null(f = fopen(keypath, "w"));
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
	assert_int_equal(chmod(keypath, mode), 0);
}

static int
kek_setup(void **state)
{
	static int n;

	(void)state;
	snprintf(keypath, sizeof(keypath), "/tmp/pforte-t_crypt-%ld-%d", (long)getpid(), ++n);
	unlink(keypath);
	kek_config("kek-1");
	return 0;
}

static int
kek_teardown(void **state)
{
	(void)state;
	pf_kek_close();
	unlink(keypath);
	pf_conf_free();
	return 0;
}

#define KEK1 "kek-1 000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f\n"
#define KEK2 "kek-2 ffeeddccbbaa99887766554433221100ffeeddccbbaa99887766554433221100\n"

static int
kek_open(void)
{
	char err[256] = "";
	int rc = pf_kek_open(err, sizeof(err));

	if (rc < 0)
		print_message("pf_kek_open: %s\n", err);
	return rc;
}

/* ---- pf_gcm: the standard's vectors -------------------------------------- */

static void
t_gcm_vectors(void **state)
{
	unsigned char key[32] = { 0 }, nonce[12] = { 0 }, tag[16], want[16];
	unsigned char pt[16] = { 0 }, ct[16], wantct[16];

	/* McGrew & Viega, test cases 13 and 14 (AES-256, zero key and IV) */
	assert_int_equal(pf_gcm(1, key, nonce, NULL, 0, NULL, 0, ct, tag), 0);
	unhex("530f8afbc74536b9a963b4f1c4cb738b", want, 16);
	assert_memory_equal(tag, want, 16);
	assert_int_equal(pf_gcm(1, key, nonce, NULL, 0, pt, 16, ct, tag), 0);
	unhex("cea7403d4d606b6e074ec5d3baf39d18", wantct, 16);
	unhex("d0d1c8a799996bf0265b98b5d48ab919", want, 16);
	assert_memory_equal(ct, wantct, 16);
	assert_memory_equal(tag, want, 16);
}

static void
t_gcm_vector_aad(void **state)
{
	unsigned char key[32], nonce[12], aad[20], pt[60], ct[60], want[60], tag[16],
	    wanttag[16], back[60];

	/* Test case 16: AES-256 with additional data */
	unhex("feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308", key, 32);
	unhex("cafebabefacedbaddecaf888", nonce, 12);
	unhex("feedfacedeadbeeffeedfacedeadbeefabaddad2", aad, 20);
	unhex("d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
	    "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39", pt, 60);
	unhex("522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa"
	    "8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662", want, 60);
	unhex("76fc6ece0f4e1768cddf8853bb2d551b", wanttag, 16);
	assert_int_equal(pf_gcm(1, key, nonce, aad, 20, pt, 60, ct, tag), 0);
	assert_memory_equal(ct, want, 60);
	assert_memory_equal(tag, wanttag, 16);
	assert_int_equal(pf_gcm(0, key, nonce, aad, 20, ct, 60, back, tag), 0);
	assert_memory_equal(back, pt, 60);
	tag[0] ^= 1;
	assert_int_equal(pf_gcm(0, key, nonce, aad, 20, ct, 60, back, tag), -1);
}

/* ---- the value format ---------------------------------------------------- */

static void
t_roundtrip_empty(void **state)
{
	roundtrip(0);
}

static void
t_roundtrip_1(void **state)
{
	roundtrip(1);
}

static void
t_roundtrip_1000(void **state)
{
	roundtrip(1000);
}

static void
t_overhead(void **state)
{
	unsigned char buf[10 + PF_CT_OVERHEAD + 8];
	size_t i;

	assert_int_equal(PF_CT_OVERHEAD, 1 + 8 + 12 + 16);
	memset(buf, MARK, sizeof(buf));
	assert_int_equal(pf_ct_seal(key1, 7, CELL, "0123456789", 10, buf), 0);
	for (i = 10 + PF_CT_OVERHEAD; i < sizeof(buf); i++)
		assert_int_equal(buf[i], MARK);
	assert_int_equal(buf[0], PF_CT_VERSION);
	/* the plaintext is not in the output */
	assert_null(memmem(buf, sizeof(buf), "0123456789", 10));
}

static void
t_fresh_nonce(void **state)
{
	unsigned char *a = seal(key1, 7, CELL, "same", 4), *b = seal(key1, 7, CELL, "same", 4);

	assert_memory_not_equal(a, b, 4 + PF_CT_OVERHEAD);
	assert_memory_not_equal(a + 9, b + 9, PF_NONCE_LEN);	/* the nonce itself */
	assert_int_equal(opens(key1, CELL, a, 4 + PF_CT_OVERHEAD), 0);
	assert_int_equal(opens(key1, CELL, b, 4 + PF_CT_OVERHEAD), 0);
	free(a);
	free(b);
}

static void
t_other_row(void **state)
{
	unsigned char *ct = seal(key1, 7, CELL, "a@b.de", 6);

	assert_int_equal(opens(key1, CELL, ct, 6 + PF_CT_OVERHEAD), 0);
	assert_int_equal(opens(key1, PF_AT("users", "email", 43), ct, 6 + PF_CT_OVERHEAD), -1);
	assert_int_equal(opens(key1, PF_AT("users", "email", 42ULL | 1ULL << 40), ct,
	    6 + PF_CT_OVERHEAD), -1);
	free(ct);
}

static void
t_other_column(void **state)
{
	unsigned char *ct = seal(key1, 7, CELL, "a@b.de", 6);

	assert_int_equal(opens(key1, PF_AT("users", "phone", 42), ct, 6 + PF_CT_OVERHEAD), -1);
	assert_int_equal(opens(key1, PF_AT("users", "emai", 42), ct, 6 + PF_CT_OVERHEAD), -1);
	free(ct);
}

static void
t_other_table(void **state)
{
	unsigned char *ct = seal(key1, 7, CELL, "a@b.de", 6);

	assert_int_equal(opens(key1, PF_AT("partners", "email", 42), ct, 6 + PF_CT_OVERHEAD), -1);
	free(ct);
}

/* Table and column are NUL-separated in the additional data. */
static void
t_cell_boundary(void **state)
{
	unsigned char *ct = seal(key1, 7, PF_AT("ab", "c", 1), "x", 1);

	assert_int_equal(opens(key1, PF_AT("ab", "c", 1), ct, 1 + PF_CT_OVERHEAD), 0);
	assert_int_equal(opens(key1, PF_AT("a", "bc", 1), ct, 1 + PF_CT_OVERHEAD), -1);
	free(ct);
}

static void
t_bitflip(void **state)
{
	const size_t len = 5 + PF_CT_OVERHEAD;
	unsigned char *ct = seal(key1, 7, CELL, "hello", 5);
	size_t bit;

	for (bit = 0; bit < 8 * len; bit++) {
		ct[bit / 8] ^= (unsigned char)(1u << bit % 8);
		if (opens(key1, CELL, ct, len) == 0)
			fail_msg("opened with bit %zu flipped", bit);
		ct[bit / 8] ^= (unsigned char)(1u << bit % 8);
	}
	assert_int_equal(opens(key1, CELL, ct, len), 0);
	free(ct);
}

static void
t_wrong_key(void **state)
{
	unsigned char *ct = seal(key1, 7, CELL, "hello", 5);

	assert_int_equal(opens(key2, CELL, ct, 5 + PF_CT_OVERHEAD), -1);
	free(ct);
}

static void
t_truncated(void **state)
{
	const size_t len = 5 + PF_CT_OVERHEAD;
	unsigned char *ct = seal(key1, 7, CELL, "hello", 5), *cut, *longer;
	size_t n;

	for (n = 0; n < len; n++) {
		/* a copy of exactly n bytes, so ASan sees any read past it */
		cut = malloc(n ? n : 1);
		memcpy(cut, ct, n);
		if (opens(key1, CELL, cut, n) == 0)
			fail_msg("opened truncated to %zu of %zu bytes", n, len);
		free(cut);
	}
	longer = malloc(len + 1);
	memcpy(longer, ct, len);
	longer[len] = 0;
	assert_int_equal(opens(key1, CELL, longer, len + 1), -1);
	free(longer);
	free(ct);
}

static void
t_unknown_version(void **state)
{
	const size_t len = 5 + PF_CT_OVERHEAD;
	unsigned char *ct = seal(key1, 7, CELL, "hello", 5);
	static const unsigned char versions[] = { 0, 2, 0x81, 0xff };
	uint64_t id;
	size_t i;

	for (i = 0; i < sizeof(versions); i++) {
		ct[0] = versions[i];
		assert_int_equal(opens(key1, CELL, ct, len), -1);
		assert_int_equal(pf_ct_keyid(ct, len, &id), -1);
	}
	free(ct);
}

/* A failed open leaves nothing of the plaintext in the output. */
static void
no_plaintext_after(const unsigned char *ct, size_t len, const unsigned char *key,
    const struct pf_cell *at)
{
	static const char pt[] = "Max Mustermann, Hauptstrasse 1";
	unsigned char *out;
	size_t n, i;

	assert_int_equal(open_ct(key, at, ct, len, &out, &n), -1);
	assert_int_equal(n, (size_t)-1);	/* outlen untouched */
	for (i = 0; i < sizeof(pt) - 1; i++)
		if (out[i] == (unsigned char)pt[i])
			fail_msg("plaintext byte %zu left in the output", i);
	for (i = 0; i + 4 <= sizeof(pt) - 1; i++)
		assert_null(memmem(out, len, pt + i, 4));
	free(out);
}

static void
t_failure_leaves_no_plaintext(void **state)
{
	static const char pt[] = "Max Mustermann, Hauptstrasse 1";
	const size_t len = sizeof(pt) - 1 + PF_CT_OVERHEAD;
	unsigned char *ct = seal(key1, 7, CELL, pt, sizeof(pt) - 1);

	/* each of these decrypts the whole body before the tag check fails */
	no_plaintext_after(ct, len, key1, PF_AT("users", "email", 41));
	ct[len - 1] ^= 0x80;
	no_plaintext_after(ct, len, key1, CELL);
	ct[len - 1] ^= 0x80;
	no_plaintext_after(ct, len, key2, CELL);
	free(ct);
}

static void
t_keyid(void **state)
{
	unsigned char *ct = seal(key1, 0x0102030405060708ULL, CELL, "v", 1);
	static const unsigned char be[8] = { 1, 2, 3, 4, 5, 6, 7, 8 };
	uint64_t id = 0;

	assert_int_equal(pf_ct_keyid(ct, 1 + PF_CT_OVERHEAD, &id), 0);
	assert_true(id == 0x0102030405060708ULL);
	assert_memory_equal(ct + 1, be, 8);	/* in clear, big-endian */
	assert_int_equal(pf_ct_keyid(ct, PF_CT_OVERHEAD - 1, &id), -1);
	free(ct);
	ct = seal(key1, UINT64_MAX, CELL, "", 0);
	assert_int_equal(pf_ct_keyid(ct, PF_CT_OVERHEAD, &id), 0);
	assert_true(id == UINT64_MAX);
	free(ct);
}

/* The documented format: version | key id | nonce | ciphertext | tag, under
 * "pforte/v1" 0 table 0 column 0 row version keyid as additional data. */
static void
t_format(void **state)
{
	static const unsigned char aad[] = "pforte/v1\0users\0email\0"
	    "\0\0\0\0\0\0\0\x2a" "\x01" "\0\0\0\0\0\0\0\x07";
	unsigned char *ct = seal(key1, 7, CELL, "a@b.de", 6), out[6];

	assert_int_equal(ct[0], 1);
	assert_int_equal(pf_gcm(0, key1, ct + 9, aad, sizeof(aad) - 1, ct + 21, 6, out,
	    ct + 27), 0);
	assert_memory_equal(out, "a@b.de", 6);
	free(ct);
}

/* The key id is authenticated: another id in the header does not open. */
static void
t_keyid_bound(void **state)
{
	unsigned char *ct = seal(key1, 7, CELL, "hello", 5);

	ct[8] = 8;
	assert_int_equal(opens(key1, CELL, ct, 5 + PF_CT_OVERHEAD), -1);
	free(ct);
}

/* ---- the blind index ----------------------------------------------------- */

static void
t_bidx_deterministic(void **state)
{
	unsigned char a[PF_BIDX_LEN], b[PF_BIDX_LEN], zero[PF_BIDX_LEN] = { 0 };

	pf_bidx_compute(key1, "email", "a@b.de", 6, a);
	pf_bidx_compute(key1, "email", "a@b.de", 6, b);
	assert_memory_equal(a, b, PF_BIDX_LEN);
	assert_memory_not_equal(a, zero, PF_BIDX_LEN);
	pf_bidx_compute(key1, "email", "a@b.df", 6, b);
	assert_memory_not_equal(a, b, PF_BIDX_LEN);
}

static void
t_bidx_domains(void **state)
{
	unsigned char a[PF_BIDX_LEN], b[PF_BIDX_LEN];

	pf_bidx_compute(key1, "email", "12345", 5, a);
	pf_bidx_compute(key1, "phone", "12345", 5, b);
	assert_memory_not_equal(a, b, PF_BIDX_LEN);
}

static void
t_bidx_keys(void **state)
{
	unsigned char a[PF_BIDX_LEN], b[PF_BIDX_LEN];

	pf_bidx_compute(key1, "email", "a@b.de", 6, a);
	pf_bidx_compute(key2, "email", "a@b.de", 6, b);
	assert_memory_not_equal(a, b, PF_BIDX_LEN);
}

static void
t_bidx_boundary(void **state)
{
	unsigned char a[PF_BIDX_LEN], b[PF_BIDX_LEN];

	pf_bidx_compute(key1, "ab", "c", 1, a);
	pf_bidx_compute(key1, "a", "bc", 2, b);
	assert_memory_not_equal(a, b, PF_BIDX_LEN);
	pf_bidx_compute(key1, "a", "", 0, a);
	pf_bidx_compute(key1, "a", "", 1, b);	/* the value "\0" */
	assert_memory_not_equal(a, b, PF_BIDX_LEN);
}

/* ---- the file key provider ----------------------------------------------- */

static void
t_kek_roundtrip(void **state)
{
	unsigned char dek[PF_KEY_LEN], w[PF_WRAPPED_LEN], back[PF_KEY_LEN];

	memcpy(dek, key1, sizeof(dek));
	kek_file("# test\n" KEK1, 0600);
	assert_int_equal(kek_open(), 0);
	assert_int_equal(pf_kek_wrap("kek-1", "user", 5, dek, w), 0);
	assert_null(memmem(w, sizeof(w), dek, 8));
	assert_int_equal(pf_kek_unwrap("kek-1", "user", 5, w, back), 0);
	assert_memory_equal(back, dek, PF_KEY_LEN);
}

static void
t_kek_other_scope(void **state)
{
	unsigned char w[PF_WRAPPED_LEN], back[PF_KEY_LEN];

	kek_file(KEK1, 0600);
	assert_int_equal(kek_open(), 0);
	assert_int_equal(pf_kek_wrap("kek-1", "user", 5, key1, w), 0);
	memset(back, MARK, sizeof(back));
	assert_int_equal(pf_kek_unwrap("kek-1", "org", 5, w, back), -1);
	assert_memory_not_equal(back, key1, 8);
	assert_int_equal(pf_kek_unwrap("kek-1", "use", 5, w, back), -1);
	assert_int_equal(pf_kek_unwrap("kek-1", "usEr", 5, w, back), -1);	/* same length */
}

static void
t_kek_other_owner(void **state)
{
	unsigned char w[PF_WRAPPED_LEN], back[PF_KEY_LEN];

	kek_file(KEK1, 0600);
	assert_int_equal(kek_open(), 0);
	assert_int_equal(pf_kek_wrap("kek-1", "user", 5, key1, w), 0);
	assert_int_equal(pf_kek_unwrap("kek-1", "user", 6, w, back), -1);
	assert_int_equal(pf_kek_unwrap("kek-1", "user", 5ULL | 1ULL << 56, w, back), -1);
	assert_int_equal(pf_kek_unwrap("kek-1", "user", 5, w, back), 0);
}

static void
t_kek_wrong_kek(void **state)
{
	unsigned char w[PF_WRAPPED_LEN], back[PF_KEY_LEN];

	kek_file(KEK1 KEK2, 0600);
	assert_int_equal(kek_open(), 0);
	assert_int_equal(pf_kek_wrap("kek-1", "user", 5, key1, w), 0);
	assert_int_equal(pf_kek_unwrap("kek-2", "user", 5, w, back), -1);
	assert_int_equal(pf_kek_unwrap("kek-3", "user", 5, w, back), -1);	/* no such */
	w[PF_WRAPPED_LEN - 1] ^= 1;
	assert_int_equal(pf_kek_unwrap("kek-1", "user", 5, w, back), -1);
}

/* The documented format: nonce | GCM(KEK, dek) | tag under
 * "pforte/dek/v1" 0 scope 0 owner, with the KEK as written in the file. */
static void
t_kek_format(void **state)
{
	static const unsigned char aad[] = "pforte/dek/v1\0user\0\0\0\0\0\0\0\0\x05";
	unsigned char w[PF_WRAPPED_LEN], back[PF_KEY_LEN];

	kek_file(KEK1, 0600);			/* KEK1 holds the bytes of key1 */
	assert_int_equal(kek_open(), 0);
	assert_int_equal(pf_kek_wrap("kek-1", "user", 5, key2, w), 0);
	assert_int_equal(pf_gcm(0, key1, w, aad, sizeof(aad) - 1, w + PF_NONCE_LEN,
	    PF_KEY_LEN, back, w + PF_NONCE_LEN + PF_KEY_LEN), 0);
	assert_memory_equal(back, key2, PF_KEY_LEN);
}

static void
t_kek_mode_refused(void **state)
{
	static const mode_t modes[] = { 0644, 0640, 0604, 0660 };
	char err[256];
	size_t i;

	for (i = 0; i < sizeof(modes) / sizeof(modes[0]); i++) {
		kek_file(KEK1, modes[i]);
		pf_kek_close();
		err[0] = '\0';
		assert_int_equal(pf_kek_open(err, sizeof(err)), -1);
		assert_non_null(strstr(err, keypath));
		assert_non_null(strstr(err, "mode 0600"));
	}
	kek_file(KEK1, 0400);	/* read-only for the owner is fine */
	assert_int_equal(kek_open(), 0);
}

static void
t_kek_malformed(void **state)
{
	static const char *const bad[] = {
		"kek-1\n",					/* no key */
		"kek-1 000102030405060708090a0b0c0d0e0f\n",	/* short key */
		"kek-1 000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f00\n",
		"kek-1 g00102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f\n",
		"kek-1  000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f\n",
		"kek/1 000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f\n",
		"kek-1-123456789012345678901234567 "		/* 33-character label */
		    "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f\n",
		" 000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f\n",
	};
	char text[512], err[256];
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		snprintf(text, sizeof(text), "# comment\n%s", bad[i]);
		kek_file(text, 0600);
		pf_kek_close();
		err[0] = '\0';
		if (pf_kek_open(err, sizeof(err)) != -1)
			fail_msg("accepted key file line: %s", bad[i]);
		assert_non_null(strstr(err, "line 2"));
	}
}

static void
t_kek_generate_creates_0600(void **state)
{
	unsigned char w[PF_WRAPPED_LEN], back[PF_KEY_LEN];
	char err[256] = "";
	struct stat st;

	assert_int_equal(kek_open(), 0);		/* no file yet: nothing usable */
	assert_int_equal(pf_kek_wrap("kek-1", "user", 5, key1, w), -1);
	assert_int_equal(pf_kek_generate("kek-1", err, sizeof(err)), 0);
	assert_int_equal(stat(keypath, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0600);
	assert_int_equal(pf_kek_wrap("kek-1", "user", 5, key1, w), 0);
	assert_int_equal(pf_kek_unwrap("kek-1", "user", 5, w, back), 0);
	assert_memory_equal(back, key1, PF_KEY_LEN);
}

static void
t_kek_generate_second(void **state)
{
	unsigned char w1[PF_WRAPPED_LEN], w2[PF_WRAPPED_LEN], back[PF_KEY_LEN];
	char err[256] = "", text[512];
	FILE *f;
	size_t n;

	kek_file(KEK1, 0600);
	assert_int_equal(kek_open(), 0);
	assert_int_equal(pf_kek_wrap("kek-1", "org", 9, key1, w1), 0);
	assert_int_equal(pf_kek_generate("kek-2", err, sizeof(err)), 0);
	assert_int_equal(pf_kek_generate("kek-2", err, sizeof(err)), -1);	/* taken */
	/* the file now holds the old line and a new labelled one */
	assert_non_null(f = fopen(keypath, "r"));
	n = fread(text, 1, sizeof(text) - 1, f);
	fclose(f);
	text[n] = '\0';
	assert_int_equal(strncmp(text, KEK1, strlen(KEK1)), 0);
	assert_int_equal(strncmp(text + strlen(KEK1), "kek-2 ", 6), 0);
	assert_int_equal(n, strlen(KEK1) + 6 + 2 * PF_KEY_LEN + 1);
	/* keys wrapped under the first still unwrap, also after a fresh load */
	assert_int_equal(pf_kek_unwrap("kek-1", "org", 9, w1, back), 0);
	assert_int_equal(pf_kek_wrap("kek-2", "org", 9, key2, w2), 0);
	kek_config("kek-2");
	assert_int_equal(kek_open(), 0);
	assert_int_equal(pf_kek_unwrap("kek-1", "org", 9, w1, back), 0);
	assert_memory_equal(back, key1, PF_KEY_LEN);
	assert_int_equal(pf_kek_unwrap("kek-2", "org", 9, w2, back), 0);
	assert_memory_equal(back, key2, PF_KEY_LEN);
	assert_int_equal(pf_kek_unwrap("kek-1", "org", 9, w2, back), -1);
}

/* Regressions: each broke the whole key file before the fix. */
static void
t_kek_generate_no_newline(void **state)
{
	unsigned char w[PF_WRAPPED_LEN], back[PF_KEY_LEN];
	char text[512], err[256] = "";

	snprintf(text, sizeof(text), "%.*s", (int)strlen(KEK1) - 1, KEK1);
	kek_file(text, 0600);			/* the last line lacks its newline */
	assert_int_equal(kek_open(), 0);
	assert_int_equal(pf_kek_wrap("kek-1", "org", 9, key1, w), 0);
	assert_int_equal(pf_kek_generate("kek-2", err, sizeof(err)), 0);
	pf_kek_close();
	assert_int_equal(kek_open(), 0);	/* both lines load */
	assert_int_equal(pf_kek_unwrap("kek-1", "org", 9, w, back), 0);
	assert_int_equal(pf_kek_wrap("kek-2", "org", 9, key1, w), 0);
}

static void
t_kek_generate_full(void **state)
{
	unsigned char w[PF_WRAPPED_LEN];
	char label[16], err[256] = "";
	int i;

	kek_file(KEK1, 0600);
	assert_int_equal(kek_open(), 0);
	for (i = 2; i <= 16; i++) {
		snprintf(label, sizeof(label), "kek-%d", i);
		assert_int_equal(pf_kek_generate(label, err, sizeof(err)), 0);
	}
	assert_int_equal(pf_kek_generate("kek-17", err, sizeof(err)), -1);
	assert_non_null(strstr(err, "16 keys"));
	pf_kek_close();
	assert_int_equal(kek_open(), 0);	/* the file still loads */
	assert_int_equal(pf_kek_wrap("kek-1", "org", 9, key1, w), 0);
	assert_int_equal(pf_kek_wrap("kek-16", "org", 9, key1, w), 0);
}

static void
t_kek_duplicate_label(void **state)
{
	char text[512], err[256] = "";

	snprintf(text, sizeof(text), "%s%s", KEK1, KEK1);
	kek_file(text, 0600);
	pf_kek_close();
	assert_int_equal(pf_kek_open(err, sizeof(err)), -1);
	assert_non_null(strstr(err, "appears twice"));
}

#define KT(f)	cmocka_unit_test_setup_teardown(f, kek_setup, kek_teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(t_gcm_vectors),
		cmocka_unit_test(t_gcm_vector_aad),
		cmocka_unit_test(t_roundtrip_empty),
		cmocka_unit_test(t_roundtrip_1),
		cmocka_unit_test(t_roundtrip_1000),
		cmocka_unit_test(t_overhead),
		cmocka_unit_test(t_fresh_nonce),
		cmocka_unit_test(t_other_row),
		cmocka_unit_test(t_other_column),
		cmocka_unit_test(t_other_table),
		cmocka_unit_test(t_cell_boundary),
		cmocka_unit_test(t_bitflip),
		cmocka_unit_test(t_wrong_key),
		cmocka_unit_test(t_truncated),
		cmocka_unit_test(t_unknown_version),
		cmocka_unit_test(t_failure_leaves_no_plaintext),
		cmocka_unit_test(t_keyid),
		cmocka_unit_test(t_keyid_bound),
		cmocka_unit_test(t_format),
		cmocka_unit_test(t_bidx_deterministic),
		cmocka_unit_test(t_bidx_domains),
		cmocka_unit_test(t_bidx_keys),
		cmocka_unit_test(t_bidx_boundary),
		KT(t_kek_roundtrip),
		KT(t_kek_other_scope),
		KT(t_kek_other_owner),
		KT(t_kek_wrong_kek),
		KT(t_kek_format),
		KT(t_kek_mode_refused),
		KT(t_kek_malformed),
		KT(t_kek_generate_creates_0600),
		KT(t_kek_generate_second),
		KT(t_kek_generate_no_newline),
		KT(t_kek_generate_full),
		KT(t_kek_duplicate_label),
	};
	return cmocka_run_group_tests_name("crypt", tests, NULL, NULL);
}
