/*
 * sigkeys.c: the SSO's signing keys (table sso_keys), parsed once per
 * process and looked at again at most every PF_SIGKEYS_TTL seconds.
 *
 * Parsing a key for every token is what made libjwt slow (issue 7), so a
 * key is parsed when its id is first seen and then kept: a reload only
 * reads the list of ids, takes a reference on the keys it already holds,
 * and parses the new ones.  pforte-admin makes a new key active and the
 * old one retiring in one transaction; a process that still signs with
 * the old key for up to a minute is harmless, because a retiring key stays
 * published for Sso.KeyOverlapMinutes.
 *
 * The public PEM is stored in the clear and so could be replaced by anyone
 * who can write the table.  A key is therefore taken only when its sealed
 * private half (AAD sso_keys.private_enc.<id>, under the system key) opens
 * and gives the same kid as the public half and the row: publishing a key
 * needs the system data key, not just the database.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <openssl/evp.h>

#include "pf-crypt.h"

struct ent {
	unsigned long long	 id;
	struct pf_sigkey	 pub;
	struct pf_sigkey	 priv;	/* pkey NULL unless it is the signing key */
};

static struct {
	struct ent		*e;
	size_t			 n;
	struct pf_sigkey	*pubv;	/* copies of e[].pub, for the callers' arrays */
	const struct pf_sigkey	*sign;
	time_t			 at;	/* monotonic seconds of the load; 0: none */
} cache;

static time_t
mono(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + 1;	/* never 0, which means "not loaded" */
}

/* A second owner of k's parsed key (EVP keys are reference counted). */
static void
share(struct pf_sigkey *dst, const struct pf_sigkey *k)
{
	*dst = *k;
	if (k->pkey != NULL && EVP_PKEY_up_ref(k->pkey) != 1)
		abort();
}

static void
ents_free_one(struct ent *e)
{
	if (e->pub.pkey != NULL)
		pf_sigkey_free(&e->pub);
	if (e->priv.pkey != NULL)
		pf_sigkey_free(&e->priv);
	memset(e, 0, sizeof(*e));
}

static void
ents_free(struct ent *e, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		ents_free_one(&e[i]);
	free(e);
}

static const struct ent *
cached(unsigned long long id)
{
	size_t i;

	for (i = 0; i < cache.n; i++)
		if (cache.e[i].id == id)
			return &cache.e[i];
	return NULL;
}

/* Open and parse the private half of key id; it must give kid.  0, -1
 * (the database or the key layer failed: try again later) or -2 (the row
 * is not a key of ours: leave it out). */
static int
load_private(struct pf_db *db, struct pf_pool *pool, unsigned long long id,
    enum pf_jwa alg, const char *kid, struct pf_sigkey *out)
{
	struct pf_rows r;
	struct pf_val pem;
	enum pf_cerr ce;
	int rc;

	memset(out, 0, sizeof(*out));
	if (pf_db_query(db, pool, PF_SQL_SSO_PRIVATE, PF_ARGS(PF_INT((long long)id)), &r) != PF_DB_OK)
		return -1;
	if (r.n != 1 || PF_CELL(&r, 0, 0)->type != PF_V_STR) {
		pf_log(NULL, PF_LOG_ERR, "SSO key %llu has no private half", id);
		return -2;
	}
	if ((ce = pf_open(db, pool, PF_AT("sso_keys", "private_enc", id), PF_CELL(&r, 0, 0),
	    &pem)) != PF_C_OK) {
		pf_log(NULL, PF_LOG_ERR, "SSO key %llu: private half: %s", id, pf_crypt_strerror(ce));
		return ce == PF_C_BAD || ce == PF_C_NOKEY ? -2 : -1;
	}
	rc = pf_sigkey_from_pem(out, alg, pem.s, pem.len);
	/* the pool wipes it too, but not before the request ends */
	pf_wipe((void *)(uintptr_t)pem.s, pem.len);
	if (rc < 0 || !out->private || strcmp(out->kid, kid) != 0) {
		pf_log(NULL, PF_LOG_ERR, "SSO key %llu: the private half is not the key %s", id, kid);
		if (rc == 0)
			pf_sigkey_free(out);
		memset(out, 0, sizeof(*out));
		return -2;
	}
	return 0;
}

/* A key seen for the first time: both halves, checked against the row;
 * returns as load_private. */
static int
load_new(struct pf_db *db, struct pf_pool *pool, const struct pf_rows *r, size_t i,
    enum pf_jwa alg, struct ent *e)
{
	const struct pf_val *pem = PF_CELL(r, i, 4);
	const char *kid = PF_CELL(r, i, 1)->s;

	if (pem->type != PF_V_STR || pf_sigkey_from_pem(&e->pub, alg, pem->s, pem->len) < 0) {
		pf_log(NULL, PF_LOG_ERR, "SSO key %llu: bad public PEM", e->id);
		memset(&e->pub, 0, sizeof(e->pub));
		return -2;
	}
	if (e->pub.private || strcmp(e->pub.kid, kid) != 0) {
		pf_log(NULL, PF_LOG_ERR, "SSO key %llu: public PEM is not the key %s", e->id, kid);
		return -2;
	}
	/* The private half proves the row is ours even when it never signs
	 * here (another algorithm, or retiring); it is kept only if it does. */
	return load_private(db, pool, e->id, alg, kid, &e->priv);
}

static int
reload(struct pf_db *db, struct pf_pool *pool)
{
	enum pf_jwa want = pf_jwa_byname(pf_conf_str("Sso.Alg"));
	struct pf_sigkey *pubv = NULL;
	const struct pf_sigkey *sign = NULL;
	struct ent *e = NULL;
	struct pf_rows r;
	size_t i, n = 0;

	if (pf_db_query(db, pool, PF_SQL_SSO_KEYS, NULL, 0, &r) != PF_DB_OK)
		return -1;
	e = pf_xcalloc(r.n ? r.n : 1, sizeof(*e));
	for (i = 0; i < r.n; i++) {
		enum pf_jwa alg = pf_jwa_byname(PF_CELL(&r, i, 2)->s);
		int signs = alg == want && strcmp(PF_CELL(&r, i, 3)->s, "active") == 0, rc = 0;
		const struct ent *old;

		e[n].id = (unsigned long long)PF_CELL(&r, i, 0)->i;
		if ((old = cached(e[n].id)) != NULL && old->pub.alg == alg &&
		    strcmp(old->pub.kid, PF_CELL(&r, i, 1)->s) == 0) {
			share(&e[n].pub, &old->pub);
			share(&e[n].priv, &old->priv);
		} else
			rc = alg == PF_JWA_NONE ? -2 : load_new(db, pool, &r, i, alg, &e[n]);
		if (rc == 0 && signs && e[n].priv.pkey == NULL)
			rc = load_private(db, pool, e[n].id, alg, e[n].pub.kid, &e[n].priv);
		if (rc == 0 && !signs && e[n].priv.pkey != NULL) {
			pf_sigkey_free(&e[n].priv);	/* retiring now, or not Sso.Alg */
			memset(&e[n].priv, 0, sizeof(e[n].priv));
		}
		if (rc == -1) {
			n++;	/* its halves, if any, are freed below */
			goto err;
		}
		if (rc == -2) {
			/* A row that is not one of our keys is left out (and
			 * logged again at every reload) rather than stopping
			 * the good ones. */
			ents_free_one(&e[n]);
			continue;
		}
		if (signs)
			sign = &e[n].priv;
		n++;
	}
	pubv = pf_xcalloc(n ? n : 1, sizeof(*pubv));
	for (i = 0; i < n; i++)
		pubv[i] = e[i].pub;	/* not owners: e[] frees them */
	ents_free(cache.e, cache.n);
	free(cache.pubv);
	cache.e = e;
	cache.n = n;
	cache.pubv = pubv;
	cache.sign = sign;
	cache.at = mono();
	return 0;
err:
	ents_free(e, n);
	return -1;
}

int
pf_sigkeys_load(struct pf_db *db, struct pf_pool *pool, struct pf_sigkeys *out)
{
	memset(out, 0, sizeof(*out));
	if (cache.at == 0 || mono() - cache.at >= PF_SIGKEYS_TTL) {
		if (reload(db, pool) < 0) {
			pf_log(NULL, PF_LOG_ERR, "the SSO signing keys cannot be loaded");
			return -1;
		}
	}
	out->sign = cache.sign;
	out->pub = cache.pubv;
	out->npub = cache.n;
	return 0;
}

void
pf_sigkeys_drop(void)
{
	ents_free(cache.e, cache.n);
	free(cache.pubv);
	memset(&cache, 0, sizeof(cache));
}
