/*
 * keys.c: data keys in MariaDB, wrapped by the key-encryption key, and
 * the pf_seal()/pf_open() API on top of them.
 *
 * A data_keys row holds one AES-256 key wrapped (AES-256-GCM) by the
 * provider's key-encryption key, with (scope, owner) as additional data:
 * a user's wrapped key copied into another user's row does not unwrap.
 * Each (scope, owner) has exactly one active key (a unique index says
 * so); rotation marks it retiring and adds a new one, and a writer holds
 * a share lock on the key it seals under until its transaction ends, so
 * a key is never retired while a value under it is being written.
 */
#include <stdint.h>
#include <stdlib.h>

#include <openssl/rand.h>

#include "pf-crypt.h"

static const char *const scopes[] = {
	[PF_KS_SYSTEM] = "system", [PF_KS_INDEX] = "index", [PF_KS_ORG] = "org",
	[PF_KS_USER] = "user", [PF_KS_BACKUP] = "backup", [PF_KS_DOCUMENT] = "document",
	[PF_KS_AUDIT] = "audit",
};

static const char *const cerr_str[PF_C__MAX] = {
	"ok", "key missing or destroyed", "authentication failed (tampered, moved or wrong key)",
	"key provider unavailable", "database error while looking up a key",
};

const char *
pf_crypt_strerror(enum pf_cerr e)
{
	return (unsigned)e < PF_C__MAX ? cerr_str[e] : "unknown";
}

const char *
pf_kscope_name(enum pf_kscope s)
{
	return (unsigned)s < sizeof(scopes) / sizeof(scopes[0]) && scopes[s] ? scopes[s] : "";
}

static enum pf_cerr
dberr(enum pf_dberr e)
{
	return e == PF_DB_OK ? PF_C_OK : PF_C_DB;
}

static uint64_t
cell_u64(const struct pf_val *v)
{
	return v->type == PF_V_INT ? (uint64_t)v->i : 0;
}

/* Unwrap a key row's (kek, wrapped) and cache it under id. */
static enum pf_cerr
unwrap_row(uint64_t id, const char *scope, uint64_t owner, const struct pf_val *kek,
    const struct pf_val *wrapped, const unsigned char **key)
{
	unsigned char dek[PF_KEY_LEN];
	char err[256];

	if (wrapped->type != PF_V_STR)
		return PF_C_NOKEY;	/* destroyed */
	if (wrapped->len != PF_WRAPPED_LEN || kek->type != PF_V_STR)
		return PF_C_BAD;
	if (pf_kek_open(err, sizeof(err)) < 0) {
		pf_log(NULL, PF_LOG_ERR, "key provider: %s", err);
		return PF_C_PROVIDER;
	}
	if (pf_kek_unwrap(kek->s, scope, owner, (const unsigned char *)wrapped->s, dek) < 0) {
		pf_log(NULL, PF_LOG_ERR, "data key %llu does not unwrap under %s",
		    (unsigned long long)id, kek->s);
		return PF_C_BAD;
	}
	*key = pf_kc_put(id, dek, (const unsigned char *)wrapped->s);
	pf_wipe(dek, sizeof(dek));
	return *key ? PF_C_OK : PF_C_PROVIDER;
}

enum pf_cerr
pf_key_get(struct pf_db *db, uint64_t id, const unsigned char **key)
{
	struct pf_pool *p;
	struct pf_rows r;
	enum pf_cerr e;

	if ((*key = pf_kc_find(id, NULL)) != NULL)
		return PF_C_OK;
	p = pf_pool_new();
	if ((e = dberr(pf_db_query(db, p, PF_SQL_KEY_BY_ID, PF_ARGS(PF_INT((long long)id)), &r))) == PF_C_OK)
		e = r.n == 0 ? PF_C_NOKEY : unwrap_row(id, PF_CELL(&r, 0, 0)->s,
		    cell_u64(PF_CELL(&r, 0, 1)), PF_CELL(&r, 0, 2), PF_CELL(&r, 0, 3), key);
	pf_pool_free(p);
	return e;
}

enum pf_cerr
pf_key_active(struct pf_db *db, enum pf_kscope scope, uint64_t owner, uint64_t *id,
    const unsigned char **key)
{
	struct pf_pool *p;
	struct pf_rows r;
	enum pf_cerr e;

	if (!pf_db_in_tx(db)) {
		pf_log(NULL, PF_LOG_ERR, "sealing outside a transaction");
		return PF_C_DB;
	}
	p = pf_pool_new();
	/* The locking read runs every time, even when the key is cached:
	 * the lock is what keeps rotation from retiring it under us. */
	e = dberr(pf_db_query(db, p, PF_SQL_KEY_ACTIVE, PF_ARGS(PF_STR(pf_kscope_name(scope)),
	    PF_INT((long long)owner)), &r));
	if (e == PF_C_OK && r.n != 1)
		e = PF_C_NOKEY;
	if (e == PF_C_OK) {
		*id = cell_u64(PF_CELL(&r, 0, 0));
		if (PF_CELL(&r, 0, 2)->type != PF_V_STR || PF_CELL(&r, 0, 2)->len != PF_WRAPPED_LEN ||
		    (*key = pf_kc_find(*id, (const unsigned char *)PF_CELL(&r, 0, 2)->s)) == NULL)
			e = unwrap_row(*id, pf_kscope_name(scope), owner, PF_CELL(&r, 0, 1),
			    PF_CELL(&r, 0, 2), key);
	}
	pf_pool_free(p);
	return e;
}

enum pf_cerr
pf_key_create(struct pf_db *db, enum pf_kscope scope, unsigned long long owner)
{
	unsigned char dek[PF_KEY_LEN], wrapped[PF_WRAPPED_LEN];
	const char *kek = pf_kek_current();
	char err[256];
	unsigned long long id;
	enum pf_cerr e = PF_C_OK;

	if (!pf_db_in_tx(db))
		return PF_C_DB;
	if (pf_kek_open(err, sizeof(err)) < 0) {
		pf_log(NULL, PF_LOG_ERR, "key provider: %s", err);
		return PF_C_PROVIDER;
	}
	if (RAND_priv_bytes(dek, sizeof(dek)) != 1 ||
	    pf_kek_wrap(kek, pf_kscope_name(scope), owner, dek, wrapped) < 0)
		e = PF_C_PROVIDER;
	else if (pf_db_exec(db, PF_SQL_KEY_INSERT, PF_ARGS(PF_STR(pf_kscope_name(scope)),
	    PF_INT((long long)owner), PF_STR(kek), PF_BLOB((const char *)wrapped,
	    sizeof(wrapped))), NULL, &id) != PF_DB_OK)
		e = PF_C_DB;
	else if (pf_kc_put(id, dek, wrapped) == NULL)
		e = PF_C_PROVIDER;
	pf_wipe(dek, sizeof(dek));
	return e;
}

enum pf_cerr
pf_key_destroy(struct pf_db *db, enum pf_kscope scope, unsigned long long owner)
{
	return dberr(pf_db_exec(db, PF_SQL_KEY_DESTROY, PF_ARGS(PF_STR(pf_kscope_name(scope)),
	    PF_INT((long long)owner)), NULL, NULL));
}

enum pf_cerr
pf_seal(struct pf_db *db, struct pf_pool *pool, enum pf_kscope scope,
    unsigned long long owner, const struct pf_cell *at, const void *pt, size_t len,
    struct pf_val *out)
{
	const unsigned char *key;
	unsigned char *ct;
	uint64_t id;
	enum pf_cerr e;

	*out = PF_NULL;
	if ((e = pf_key_active(db, scope, owner, &id, &key)) != PF_C_OK)
		return e;
	ct = pf_palloc(pool, len + PF_CT_OVERHEAD);
	if (pf_ct_seal(key, id, at, pt, len, ct) < 0)
		return PF_C_PROVIDER;
	*out = PF_BLOB((const char *)ct, len + PF_CT_OVERHEAD);
	return PF_C_OK;
}

enum pf_cerr
pf_open(struct pf_db *db, struct pf_pool *pool, const struct pf_cell *at,
    const struct pf_val *in, struct pf_val *out)
{
	const unsigned char *key;
	unsigned char *pt;
	uint64_t id;
	size_t n;
	enum pf_cerr e;

	*out = PF_NULL;
	if (in->type == PF_V_NULL)
		return PF_C_OK;
	if (in->type != PF_V_STR || pf_ct_keyid((const unsigned char *)in->s, in->len, &id) < 0)
		return PF_C_BAD;
	if ((e = pf_key_get(db, id, &key)) != PF_C_OK)
		return e;
	pt = pf_palloc(pool, in->len - PF_CT_OVERHEAD + 1);
	if (pf_ct_open(key, at, (const unsigned char *)in->s, in->len, pt, &n) < 0) {
		/* A cached key is stale after a restore brought back its id
		 * with other material: unwrap afresh, once. */
		pf_kc_drop(id);
		if ((e = pf_key_get(db, id, &key)) != PF_C_OK)
			return e;
		if (pf_ct_open(key, at, (const unsigned char *)in->s, in->len, pt, &n) < 0) {
			pf_log(NULL, PF_LOG_ERR, "%s.%s of row %llu does not decrypt",
			    at->table, at->column, at->row);
			return PF_C_BAD;
		}
	}
	pt[n] = '\0';
	*out = PF_BLOB((const char *)pt, n);
	return PF_C_OK;
}

enum pf_cerr
pf_bidx_write(struct pf_db *db, const char *domain, const void *v, size_t len,
    unsigned char out[PF_BIDX_LEN])
{
	const unsigned char *key;
	uint64_t id;
	enum pf_cerr e;

	if ((e = pf_key_active(db, PF_KS_INDEX, 0, &id, &key)) == PF_C_OK)
		pf_bidx_compute(key, domain, v, len, out);
	return e;
}

enum pf_cerr
pf_bidx_lookup(struct pf_db *db, const char *domain, const void *v, size_t len,
    unsigned char out[2][PF_BIDX_LEN], size_t *n)
{
	struct pf_pool *p = pf_pool_new();
	const unsigned char *key;
	struct pf_rows r;
	enum pf_cerr e;
	size_t i;

	*n = 0;
	e = dberr(pf_db_query(db, p, PF_SQL_KEY_INDEX, NULL, 0, &r));
	for (i = 0; e == PF_C_OK && i < r.n && i < 2; i++)
		if ((e = pf_key_get(db, cell_u64(PF_CELL(&r, i, 0)), &key)) == PF_C_OK)
			pf_bidx_compute(key, domain, v, len, out[(*n)++]);
	if (e == PF_C_OK && *n == 0)
		e = PF_C_NOKEY;
	pf_pool_free(p);
	return e;
}
