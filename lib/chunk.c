/*
 * chunk.c: content too large for one value, sealed in chunks.
 *
 * A chunk is: format version (1), the data key's id (8), a random nonce
 * (12), the ciphertext, the GCM tag (16).  The additional data binds it
 * to its object, its position and whether it is the last one, so a chunk
 * cannot be changed, moved to another place or object, or dropped from
 * the end, without its tag failing.  A random 96-bit nonce is safe here:
 * one key seals the chunks of one document only, far fewer than the
 * 2^32 messages a key may take with random nonces.
 */
#include <openssl/rand.h>

#include "pf-crypt.h"

#define CHUNK_VERSION	1
#define AAD_LEN		(sizeof(domain) - 1 + 8 + 8 + 8 + 1)

static const char domain[] = "pforte-chunk-1";

/* The header's key id is bound too, as in a single value (crypt.c). */
static void
aad_of(unsigned char aad[AAD_LEN], uint64_t keyid, unsigned long long object,
    unsigned long long seq, int last)
{
	unsigned char *p = aad + sizeof(domain) - 1;

	memcpy(aad, domain, sizeof(domain) - 1);
	pf_put64(p, keyid);
	pf_put64(p + 8, object);
	pf_put64(p + 16, seq);
	aad[AAD_LEN - 1] = last ? 1 : 0;
}

enum pf_cerr
pf_chunk_seal(struct pf_db *db, enum pf_kscope scope, unsigned long long owner,
    unsigned long long object, unsigned long long seq, int last, const void *in,
    size_t n, unsigned char *out)
{
	unsigned char aad[AAD_LEN], *nonce = out + 1 + 8;
	const unsigned char *key;
	uint64_t id;
	enum pf_cerr e;

	if (n > PF_CHUNK_MAX)
		return PF_C_BAD;
	if ((e = pf_key_active(db, scope, owner, &id, &key)) != PF_C_OK)
		return e;
	out[0] = CHUNK_VERSION;
	pf_put64(out + 1, id);
	if (RAND_bytes(nonce, PF_NONCE_LEN) != 1)
		return PF_C_PROVIDER;
	aad_of(aad, id, object, seq, last);
	if (pf_gcm(1, key, nonce, aad, sizeof(aad), in, n, nonce + PF_NONCE_LEN,
	    nonce + PF_NONCE_LEN + n) < 0)
		return PF_C_PROVIDER;
	return PF_C_OK;
}

enum pf_cerr
pf_chunk_open(struct pf_db *db, unsigned long long object, unsigned long long seq,
    int last, const void *in, size_t n, unsigned char *out, size_t *outlen)
{
	const unsigned char *c = in, *key, *nonce = c + 1 + 8;
	unsigned char aad[AAD_LEN], tag[PF_TAG_LEN];
	size_t len;
	enum pf_cerr e;

	*outlen = 0;
	if (n < PF_CHUNK_OVERHEAD || n - PF_CHUNK_OVERHEAD > PF_CHUNK_MAX ||
	    c[0] != CHUNK_VERSION)
		return PF_C_BAD;
	if ((e = pf_key_get(db, pf_get64(c + 1), &key)) != PF_C_OK)
		return e;
	len = n - PF_CHUNK_OVERHEAD;
	/* pf_gcm checks the tag it is given on decryption */
	memcpy(tag, nonce + PF_NONCE_LEN + len, PF_TAG_LEN);
	aad_of(aad, pf_get64(c + 1), object, seq, last);
	if (pf_gcm(0, key, nonce, aad, sizeof(aad), nonce + PF_NONCE_LEN, len, out, tag) < 0) {
		pf_wipe(out, len);
		return PF_C_BAD;
	}
	*outlen = len;
	return PF_C_OK;
}
