/*
 * kek.c: wrapping data keys with the key-encryption key (KEK).
 *
 * The provider (Keys.Provider) only has to do AES-256-GCM under a key
 * it names by label; the format is the same for every provider:
 *
 *   wrapped = nonce (12) | GCM(KEK, dek) (32) | tag (16)
 *   AAD     = "pforte/dek/v1" 0 scope 0 owner (8, big-endian)
 *
 * so a wrapped key only unwraps for the scope and owner it was made for.
 * Keys.KEK names the KEK that wraps new keys; older KEKs stay usable for
 * unwrapping until `pforte-admin keys rewrap` has moved every key.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/rand.h>

#include "pf-crypt.h"

static const struct pf_kek_ops *ops;

int
pf_kek_label_ok(const char *l)
{
	size_t n = strlen(l);

	return n > 0 && n <= PF_LABEL_MAX && strspn(l, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "abcdefghijklmnopqrstuvwxyz0123456789-_.") == n;
}

const char *
pf_kek_current(void)
{
	return pf_conf_str("Keys.KEK");
}

int
pf_kek_open(char *err, size_t errsz)
{
	const char *name = pf_conf_str("Keys.Provider");
	const struct pf_kek_ops *o;

	if (ops != NULL)
		return 0;
	o = strcmp(name, "pkcs11") == 0 ? &pf_kek_pkcs11 : &pf_kek_file;
	if (!pf_kek_label_ok(pf_kek_current())) {
		snprintf(err, errsz, "Keys.KEK must be 1-%d letters, digits, '-', '_' or '.'",
		    PF_LABEL_MAX);
		return -1;
	}
	if (o->open(err, errsz) < 0)
		return -1;
	if (ops == NULL)
		atexit(pf_kek_close);
	ops = o;
	return 0;
}

void
pf_kek_close(void)
{
	if (ops != NULL)
		ops->close();
	ops = NULL;
}

static size_t
aad_build(unsigned char *out, const char *scope, uint64_t owner)
{
	static const char tag[] = "pforte/dek/v1";
	size_t s = strlen(scope), n = sizeof(tag) + s + 1;

	memcpy(out, tag, sizeof(tag));
	memcpy(out + sizeof(tag), scope, s + 1);
	pf_put64(out + n, owner);
	return n + 8;
}

int
pf_kek_wrap(const char *label, const char *scope, uint64_t owner,
    const unsigned char dek[PF_KEY_LEN], unsigned char out[PF_WRAPPED_LEN])
{
	unsigned char aad[64];
	size_t n;

	if (ops == NULL || !pf_kek_label_ok(label) || strlen(scope) > 16)
		return -1;
	n = aad_build(aad, scope, owner);
	if (RAND_bytes(out, PF_NONCE_LEN) != 1)
		return -1;
	return ops->gcm(1, label, out, aad, n, dek, PF_KEY_LEN, out + PF_NONCE_LEN,
	    out + PF_NONCE_LEN + PF_KEY_LEN);
}

int
pf_kek_unwrap(const char *label, const char *scope, uint64_t owner,
    const unsigned char in[PF_WRAPPED_LEN], unsigned char dek[PF_KEY_LEN])
{
	unsigned char aad[64], tag[PF_TAG_LEN];
	size_t n;

	if (ops == NULL || !pf_kek_label_ok(label) || strlen(scope) > 16)
		return -1;
	n = aad_build(aad, scope, owner);
	memcpy(tag, in + PF_NONCE_LEN + PF_KEY_LEN, PF_TAG_LEN);
	if (ops->gcm(0, label, in, aad, n, in + PF_NONCE_LEN, PF_KEY_LEN, dek, tag) < 0) {
		pf_wipe(dek, PF_KEY_LEN);
		return -1;
	}
	return 0;
}

int
pf_kek_generate(const char *label, char *err, size_t errsz)
{
	if (!pf_kek_label_ok(label)) {
		snprintf(err, errsz, "a key label is 1-%d letters, digits, '-', '_' or '.'",
		    PF_LABEL_MAX);
		return -1;
	}
	if (ops == NULL && pf_kek_open(err, errsz) < 0)
		return -1;
	return ops->generate(label, err, errsz);
}

int
pf_kek_describe(const char *label, char *out, size_t outsz)
{
	if (ops == NULL || !pf_kek_label_ok(label))
		return -1;
	return ops->describe(label, out, outsz);
}
