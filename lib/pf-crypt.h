/*
 * pf-crypt.h: the layers under pf_seal()/pf_open(), for libpforte,
 * pforte-admin (rotation, backups), the unit tests and the benchmarks.
 * Programs use only the pforte.h API.
 *
 *   crypt.c      the format of one encrypted value, the blind index
 *   keycache.c   unwrapped data keys in locked memory
 *   secmem.c     locked, wiped memory
 *   kek.c        wrapping data keys with the key-encryption key
 *   kek-file.c   ... held in a root-only file
 *   kek-pkcs11.c ... held in a PKCS#11 token (HSM, SoftHSM2, cloud KMS)
 *   keys.c       data keys in MariaDB: create, find, destroy
 */
#ifndef PF_CRYPT_H
#define PF_CRYPT_H

#include <stdint.h>

#include "pforte.h"

#define PF_KEY_LEN	32
#define PF_NONCE_LEN	12
#define PF_TAG_LEN	16
#define PF_CT_VERSION	1
#define PF_CT_OVERHEAD	(1 + 8 + PF_NONCE_LEN + PF_TAG_LEN)
#define PF_WRAPPED_LEN	(PF_NONCE_LEN + PF_KEY_LEN + PF_TAG_LEN)
#define PF_LABEL_MAX	32

/* Big-endian integers, as every one of our formats stores them. */
static inline void
pf_put64(unsigned char *p, uint64_t v)
{
	int i;

	for (i = 7; i >= 0; i--, v >>= 8)
		p[i] = (unsigned char)v;
}

static inline uint64_t
pf_get64(const unsigned char *p)
{
	uint64_t v = 0;
	int i;

	for (i = 0; i < 8; i++)
		v = v << 8 | p[i];
	return v;
}

/* crypt.c; all return 0 or -1.  out of pf_ct_seal holds len + PF_CT_OVERHEAD. */
int	pf_gcm(int enc, const unsigned char key[PF_KEY_LEN],
	    const unsigned char nonce[PF_NONCE_LEN], const unsigned char *aad,
	    size_t aadlen, const unsigned char *in, size_t len, unsigned char *out,
	    unsigned char tag[PF_TAG_LEN]);
int	pf_ct_seal(const unsigned char key[PF_KEY_LEN], uint64_t keyid,
	    const struct pf_cell *, const void *, size_t, unsigned char *out);
int	pf_ct_open(const unsigned char key[PF_KEY_LEN], const struct pf_cell *,
	    const unsigned char *, size_t, unsigned char *out, size_t *outlen);
int	pf_ct_keyid(const unsigned char *, size_t, uint64_t *keyid);
void	pf_bidx_compute(const unsigned char key[PF_KEY_LEN], const char *domain,
	    const void *, size_t, unsigned char out[PF_BIDX_LEN]);

/* secmem.c */
void	*pf_secmem_alloc(size_t);
void	 pf_secmem_free(void *, size_t);

/* keycache.c: pointers stay valid until the next put, drop or wipe. */
const unsigned char *pf_kc_find(uint64_t id, const unsigned char *wrapped);
const unsigned char *pf_kc_put(uint64_t id, const unsigned char key[PF_KEY_LEN],
	    const unsigned char wrapped[PF_WRAPPED_LEN]);
void	pf_kc_drop(uint64_t id);
void	pf_kc_wipe(void);

/* kek.c: the configured provider (Keys.Provider), opened on first use. */
struct pf_kek_ops {
	const char *name;
	int	(*open)(char *err, size_t errsz);
	/* AES-256-GCM under the named key-encryption key; out has len bytes */
	int	(*gcm)(int enc, const char *label, const unsigned char nonce[PF_NONCE_LEN],
		    const unsigned char *aad, size_t aadlen, const unsigned char *in,
		    size_t len, unsigned char *out, unsigned char tag[PF_TAG_LEN]);
	int	(*generate)(const char *label, char *err, size_t errsz);
	/* one line about the key, e.g. its token attributes */
	int	(*describe)(const char *label, char *out, size_t outsz);
	void	(*close)(void);
};
extern const struct pf_kek_ops pf_kek_file, pf_kek_pkcs11;

int	pf_kek_open(char *err, size_t errsz);
int	pf_kek_label_ok(const char *);
const char *pf_kek_current(void);
int	pf_kek_wrap(const char *label, const char *scope, uint64_t owner,
	    const unsigned char dek[PF_KEY_LEN], unsigned char out[PF_WRAPPED_LEN]);
int	pf_kek_unwrap(const char *label, const char *scope, uint64_t owner,
	    const unsigned char in[PF_WRAPPED_LEN], unsigned char dek[PF_KEY_LEN]);
int	pf_kek_generate(const char *label, char *err, size_t errsz);
int	pf_kek_describe(const char *label, char *out, size_t outsz);
void	pf_kek_close(void);

/* keys.c */
const char *pf_kscope_name(enum pf_kscope);
/* The key with this id, unwrapped (from the cache when it is there). */
enum pf_cerr pf_key_get(struct pf_db *, uint64_t id, const unsigned char **key);
/* The active key of (scope, owner), share-locked until the transaction
 * ends, so that rotation cannot retire it under a writer. */
enum pf_cerr pf_key_active(struct pf_db *, enum pf_kscope, uint64_t owner,
	    uint64_t *id, const unsigned char **key);

#endif /* PF_CRYPT_H */
