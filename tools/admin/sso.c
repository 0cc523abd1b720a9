/*
 * sso.c: `pforte-admin sso key`, the signing keys of the single sign-on
 * provider (table sso_keys, sql/009_sso.sql; lib/sigkeys.c reads them).
 *
 *   key new [--alg RS256|ES256]  a new key pair (default alg: Sso.Alg),
 *                    active at once; the active key of that alg becomes
 *                    'retiring' and stays published for
 *                    Sso.KeyOverlapMinutes, until its tokens have expired
 *   key list         every key: id, kid, alg, state, created, retire after
 *   key retire       retiring keys past their retire_after become
 *                    'retired': their private half is erased
 *   key jwks         the JWKS document of the published keys, as the
 *                    programs build it
 *   key check        load the keys as a program does, sign a token with
 *                    the signing key and verify it against the published
 *                    set (a self-test, like `keys status`)
 *
 * The private PEM exists in the clear only in this process, between
 * generating and sealing it (under the system data key, AAD
 * sso_keys.private_enc.<id>), and is wiped after.  Run `sso key retire`
 * from cron, next to `purge`.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include <jansson.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include "admin.h"

enum {
	S_MARK = PF_SQL_APP,
	S_INSERT,
	S_SEAL,
	S_RETIRING,
	S_DUE,
	S_RETIRE,
	S__MAX
};

static const char *const sql[S__MAX - PF_SQL_APP] = {
	/* The unique key (alg, active) allows the new key only after this. */
	[S_MARK - PF_SQL_APP] =
	    "UPDATE sso_keys SET state = 'retiring', "
	    "retire_after = UTC_TIMESTAMP(6) + INTERVAL ? MINUTE "
	    "WHERE alg = ? AND state = 'active'",
	[S_INSERT - PF_SQL_APP] =
	    "INSERT INTO sso_keys (kid, alg, public_pem) VALUES (?, ?, ?)",
	[S_SEAL - PF_SQL_APP] =
	    "UPDATE sso_keys SET private_enc = ? WHERE id = ? AND private_enc IS NULL",
	[S_RETIRING - PF_SQL_APP] =
	    "SELECT id, kid, retire_after FROM sso_keys WHERE alg = ? AND state = 'retiring' "
	    "ORDER BY id",
	[S_DUE - PF_SQL_APP] =
	    "SELECT id, kid, alg FROM sso_keys WHERE state = 'retiring' "
	    "AND retire_after <= UTC_TIMESTAMP(6) ORDER BY id",
	/* the time is checked again: the row may have changed since S_DUE */
	[S_RETIRE - PF_SQL_APP] =
	    "UPDATE sso_keys SET state = 'retired', private_enc = NULL, "
	    "retired_at = UTC_TIMESTAMP(6) WHERE id = ? AND state = 'retiring' "
	    "AND retire_after <= UTC_TIMESTAMP(6)",
};

static struct pf_db *db;

static void
check(enum pf_dberr e, const char *what)
{
	if (e != PF_DB_OK)
		die("%s: %s", what, pf_db_strerror(e));
}

/* The public half of k as PEM (SubjectPublicKeyInfo), malloc'd. */
static char *
public_pem(const struct pf_sigkey *k)
{
	BIO *b = BIO_new(BIO_s_mem());
	char *data, *out;
	long len;

	if (b == NULL || PEM_write_bio_PUBKEY(b, k->pkey) != 1)
		die("cannot write the public key");
	len = BIO_get_mem_data(b, &data);
	out = pf_xmalloc((size_t)len + 1);
	memcpy(out, data, (size_t)len);
	out[len] = '\0';
	BIO_free(b);
	return out;
}

static int
key_new(int argc, char **argv)
{
	static const char *const optkeys[] = { "alg" };
	const char *v[1] = { pf_conf_str("Sso.Alg") };
	struct pf_pool *p = pf_pool_new();
	struct pf_sigkey k;
	struct pf_rows r;
	struct pf_val ct;
	enum pf_jwa alg;
	unsigned long long id, retiring;
	enum pf_cerr ce;
	char *pem, *pub;
	size_t len, i;

	options(argc, argv, optkeys, v, 1);
	if ((alg = pf_jwa_byname(v[0])) == PF_JWA_NONE)
		die("--alg must be RS256 or ES256");
	if ((pem = pf_sigkey_generate(alg, &len)) == NULL)
		die("cannot generate a %s key pair", v[0]);
	if (pf_sigkey_from_pem(&k, alg, pem, len) < 0) {
		pf_wipe(pem, len);
		die("the new %s key does not parse", v[0]);
	}
	pub = public_pem(&k);
	check(pf_db_begin(db), "begin");
	check(pf_db_exec(db, S_MARK, PF_ARGS(PF_INT(pf_conf_int("Sso.KeyOverlapMinutes")),
	    PF_STR(pf_jwa_name(alg))), &retiring, NULL), "retiring the active key");
	check(pf_db_exec(db, S_INSERT, PF_ARGS(PF_STR(k.kid), PF_STR(pf_jwa_name(alg)),
	    PF_STR(pub)), NULL, &id), "adding the key");
	/* Sealed after the INSERT: the ciphertext binds the row id. */
	if ((ce = pf_seal(db, p, PF_KS_SYSTEM, 0, PF_AT("sso_keys", "private_enc", id), pem,
	    len, &ct)) != PF_C_OK) {
		pf_wipe(pem, len);
		die("sealing the private key: %s (did `keys init` run?)", pf_crypt_strerror(ce));
	}
	pf_wipe(pem, len);
	free(pem);
	check(pf_db_exec(db, S_SEAL, PF_ARGS(ct, PF_INT((long long)id)), NULL, NULL),
	    "storing the private key");
	check(pf_db_query(db, p, S_RETIRING, PF_ARGS(PF_STR(pf_jwa_name(alg))), &r),
	    "listing retiring keys");
	check(pf_db_commit(db), "commit");
	printf("sso key %llu %s (%s) is active\n", id, k.kid, pf_jwa_name(alg));
	for (i = 0; retiring > 0 && i < r.n; i++)
		printf("sso key %lld %s is retiring: published until %s UTC\n",
		    PF_CELL(&r, i, 0)->i, PF_CELL(&r, i, 1)->s, PF_CELL(&r, i, 2)->s);
	if (strcmp(pf_conf_str("Sso.Alg"), pf_jwa_name(alg)) != 0)
		printf("note: the programs sign with Sso.Alg = %s; this key is published "
		    "but signs only once Sso.Alg says %s\n", pf_conf_str("Sso.Alg"),
		    pf_jwa_name(alg));
	pf_sigkey_free(&k);
	free(pub);
	pf_pool_free(p);
	return 0;
}

static int
key_retire(void)
{
	struct pf_pool *p = pf_pool_new();
	unsigned long long affected, n = 0;
	struct pf_rows r;
	size_t i;

	check(pf_db_query(db, p, S_DUE, NULL, 0, &r), "listing keys past their time");
	for (i = 0; i < r.n; i++) {
		check(pf_db_exec(db, S_RETIRE, PF_ARGS(*PF_CELL(&r, i, 0)), &affected, NULL),
		    "retiring a key");
		if (affected == 1) {
			printf("sso key %lld %s (%s) retired, its private key erased\n",
			    PF_CELL(&r, i, 0)->i, PF_CELL(&r, i, 1)->s, PF_CELL(&r, i, 2)->s);
			n++;
		}
	}
	printf("%llu sso keys retired\n", n);
	pf_pool_free(p);
	return 0;
}

/* The keys as a program loads them (lib/sigkeys.c). */
static void
load(struct pf_pool *p, struct pf_sigkeys *ks)
{
	if (pf_sigkeys_load(db, p, ks) < 0)
		die("the sso keys do not load (see the log above)");
}

static int
key_jwks(void)
{
	struct pf_pool *p = pf_pool_new();
	struct pf_sigkeys ks;
	char *doc;

	load(p, &ks);
	if ((doc = pf_jwks(ks.pub, ks.npub)) == NULL)
		die("cannot build the JWKS");
	printf("%s\n", doc);
	free(doc);
	pf_sigkeys_drop();
	pf_pool_free(p);
	return 0;
}

static int
key_check(void)
{
	static const enum pf_jwa allowed[] = { PF_JWA_RS256, PF_JWA_ES256, PF_JWA_NONE };
	struct pf_pool *p = pf_pool_new();
	struct pf_sigkeys ks;
	enum pf_jwt_err e;
	void *claims = NULL;
	char *tok, body[128];
	long long now = (long long)time(NULL);

	load(p, &ks);
	printf("%zu sso keys published\n", ks.npub);
	if (ks.sign == NULL) {
		printf("no active %s key signs: run `pforte-admin sso key new --alg %s`\n",
		    pf_conf_str("Sso.Alg"), pf_conf_str("Sso.Alg"));
		pf_sigkeys_drop();
		pf_pool_free(p);
		return 1;
	}
	snprintf(body, sizeof(body), "{\"iss\":\"pforte-admin\",\"aud\":\"self-test\","
	    "\"iat\":%lld,\"exp\":%lld}", now, now + 60);
	if ((tok = pf_jwt_sign(ks.sign, NULL, body)) == NULL)
		die("the signing key %s does not sign", ks.sign->kid);
	e = pf_jwt_verify(tok, ks.pub, ks.npub, allowed, &claims);
	if (e == PF_JWT_OK)
		e = pf_jwt_check(claims, "pforte-admin", "self-test", now, 0);
	printf("signing key %s (%s): a test token %s\n", ks.sign->kid,
	    pf_jwa_name(ks.sign->alg), e == PF_JWT_OK ? "verifies against the published keys" :
	    "does NOT verify against the published keys");
	if (claims != NULL)
		json_decref(claims);
	free(tok);
	pf_sigkeys_drop();
	pf_pool_free(p);
	return e == PF_JWT_OK ? 0 : 1;
}

int
cmd_sso(int argc, char **argv)
{
	int rc;

	if (argc < 2 || strcmp(argv[0], "key") != 0)
		die("usage: sso key new [--alg RS256|ES256] | list | retire | jwks | check");
	if (strcmp(argv[1], "list") == 0 && argc == 2)
		return cmd_list("SELECT id, kid, alg, state, created_at, retire_after, "
		    "IF(private_enc IS NULL, 'erased', 'sealed') FROM sso_keys ORDER BY id");
	db = pf_db_new("admin", sql, S__MAX - PF_SQL_APP);
	if (pf_db_ensure(db) != PF_DB_OK)
		die("cannot connect to the database as DB.Account.admin");
	if (strcmp(argv[1], "new") == 0)
		rc = key_new(argc - 2, argv + 2);
	else if (strcmp(argv[1], "retire") == 0 && argc == 2)
		rc = key_retire();
	else if (strcmp(argv[1], "jwks") == 0 && argc == 2)
		rc = key_jwks();
	else if (strcmp(argv[1], "check") == 0 && argc == 2)
		rc = key_check();
	else
		die("usage: sso key new [--alg RS256|ES256] | list | retire | jwks | check");
	pf_db_free(db);
	return rc;
}
