/*
 * keys.c: `pforte-admin keys`, the life cycle of encryption keys.
 *
 *   init            create the key-encryption key (KEK) if the provider has
 *                   none named Keys.KEK, and the system and index data keys
 *   status          keys by scope, state and KEK; what the provider says
 *                   about the KEK; a decryption self-test
 *   rotate          new data keys, re-encryption in batches while the portal
 *                   serves, then the old keys are retired (their material
 *                   erased); an interrupted rotation resumes
 *   new-kek LABEL   generate another KEK in the provider
 *   rewrap          wrap every data key under Keys.KEK (after new-kek)
 *   columns         the encrypted columns, as table.column
 *
 * Rotation is safe against concurrent writers: a writer share-locks the
 * active key it seals under (lib/keys.c), so marking a key 'retiring'
 * waits for every open write under it, and every later write uses the new
 * key.  Rows are then rewritten compare-and-swap (a row the portal changed
 * meanwhile is left alone: it is already under the new key), and a key is
 * retired only after a full pass finds nothing left under it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "admin.h"
#include "pf-crypt.h"

/* Every encrypted column: the README lists the same, and the tests check
 * that the schema has no *_enc column missing here. */
#define ENC(t, c) ENCK(t, c, "id")
/* ... for a table whose row id (the one sealing binds to) is column k */
#define ENCK(t, c, k) { t, c, \
	"SELECT " k ", " c " FROM " t " WHERE " k " > ? AND " c " IS NOT NULL ORDER BY " k \
	" LIMIT ?", \
	"UPDATE " t " SET " c " = ? WHERE " k " = ? AND " c " = ?" }
static const struct enccol {
	const char *table, *column, *select, *update;
} enccols[] = {
	ENC("users", "email_enc"),
	ENC("users", "name_enc"),
	ENC("users", "phone_enc"),
	ENC("users", "pw_enc"),
	ENC("sessions", "ip_enc"),
	ENC("sessions", "ua_enc"),
	ENC("auth_tokens", "data_enc"),
	ENC("totp", "secret_enc"),
	ENC("role_requests", "reason_enc"),
	ENC("role_requests", "comment_enc"),
	ENC("alerts", "detail_enc"),
	ENCK("signin_last", "loc_enc", "user_id"),
	/* the ledgers of legal texts accepted and consents (011_gdpr) */
	ENC("legal_acceptances", "ip_enc"),
	ENC("consent_log", "ip_enc"),
	/* SSO signing keys (sso.c): under the system key; a retired one is NULL */
	ENC("sso_keys", "private_enc"),
	/* under the document's own key, which rotation leaves alone: these
	 * are scanned, and never found under a retiring key */
	ENC("documents", "title_enc"),
	ENC("documents", "description_enc"),
	ENC("document_versions", "filename_enc"),
};
#define NENC (sizeof(enccols) / sizeof(enccols[0]))

/* Encrypted columns rotation never rewrites: the audit trail's, whose
 * macs cover the sealed bytes.  Their keys (scope audit; a user's key for
 * change_enc) are kept for reading instead of retired (audit_uses). */
static const char *const fixedcols[] = {
	"audit_log.ip_enc", "audit_log.ua_enc", "audit_log.change_enc",
};

/* Every blind index, recomputed from its encrypted source when the index
 * key rotates. */
#define BIDX(t, src, col, dom) { t, src, dom, \
	"SELECT id, " src ", " col " FROM " t " WHERE id > ? AND " src " IS NOT NULL " \
	"ORDER BY id LIMIT ?", \
	"UPDATE " t " SET " col " = ? WHERE id = ? AND " col " = ?" }
static const struct bidxcol {
	const char *table, *source, *domain, *select, *update;
} bidxcols[] = {
	BIDX("users", "email_enc", "email_bidx", "users.email"),
};
#define NBIDX (sizeof(bidxcols) / sizeof(bidxcols[0]))

/* Statement ids; the table below is indexed from PF_SQL_APP on. */
enum {
	S_ACTIVE = PF_SQL_APP, S_RETIRING, S_MARK, S_RETIRE, S_COUNTS, S_FOREIGN, S_REWRAP,
	S_AUDIT_USES, S_KEEP, S__FIXED
};
#define S_ENC(i)	(S__FIXED + 2 * (i))
#define S_BIDX(i)	(S__FIXED + 2 * NENC + 2 * (i))
#define NSQL		(S__FIXED - PF_SQL_APP + 2 * NENC + 2 * NBIDX)
#define Q(id)		sql[(id) - PF_SQL_APP]

static const char *sql[NSQL] = {
	[S_ACTIVE - PF_SQL_APP] = "SELECT id, scope, owner FROM data_keys WHERE state = 'active' "
	    "AND scope = ? ORDER BY id",
	[S_RETIRING - PF_SQL_APP] = "SELECT id, scope, owner FROM data_keys WHERE state = 'retiring' ORDER BY id",
	[S_MARK - PF_SQL_APP] = "UPDATE data_keys SET state = 'retiring' WHERE id = ? AND state = 'active'",
	[S_RETIRE - PF_SQL_APP] = "UPDATE data_keys SET state = 'retired', wrapped = NULL, "
	    "retired_at = UTC_TIMESTAMP(6) WHERE id = ? AND state = 'retiring'",
	[S_COUNTS - PF_SQL_APP] = "SELECT scope, state, kek, COUNT(*) FROM data_keys "
	    "GROUP BY scope, state, kek ORDER BY scope, state, kek",
	[S_FOREIGN - PF_SQL_APP] = "SELECT id, scope, owner, kek, wrapped FROM data_keys "
	    "WHERE kek <> ? AND wrapped IS NOT NULL AND id > ? ORDER BY id LIMIT ?",
	[S_REWRAP - PF_SQL_APP] = "UPDATE data_keys SET kek = ?, wrapped = ? WHERE id = ? AND wrapped = ?",
	/* the key id is bytes 2..9 of a sealed value (crypt.c) */
	[S_AUDIT_USES - PF_SQL_APP] = "SELECT 1 FROM audit_log WHERE change_enc IS NOT NULL "
	    "AND SUBSTRING(change_enc, 2, 8) = ? LIMIT 1",
	[S_KEEP - PF_SQL_APP] = "UPDATE data_keys SET state = 'kept' WHERE id = ? AND state = 'retiring'",
};

static struct pf_db *db;

struct key {
	unsigned long long	id, owner;
	enum pf_kscope		scope;
};

/* Whether audit rows hold values under key id (which they keep for good). */
static int
audit_uses(unsigned long long id)
{
	struct pf_pool *p = pf_pool_new();
	unsigned char be[8];
	struct pf_rows r;
	int i, uses;

	for (i = 0; i < 8; i++)
		be[i] = (unsigned char)(id >> (56 - 8 * i));
	check_db(pf_db_query(db, p, S_AUDIT_USES, PF_ARGS(PF_BLOB((const char *)be, 8)), &r),
	    "looking for audit rows under a key");
	uses = r.n > 0;
	pf_pool_free(p);
	return uses;
}

static enum pf_kscope
scope_of(const char *s)
{
	enum pf_kscope k;

	for (k = PF_KS_SYSTEM; k <= PF_KS_AUDIT; k++)
		if (strcmp(pf_kscope_name(k), s) == 0)
			return k;
	return 0;
}

static void
open_db(void)
{
	size_t i;

	for (i = 0; i < NENC; i++) {
		Q(S_ENC(i)) = enccols[i].select;
		Q(S_ENC(i) + 1) = enccols[i].update;
	}
	for (i = 0; i < NBIDX; i++) {
		Q(S_BIDX(i)) = bidxcols[i].select;
		Q(S_BIDX(i) + 1) = bidxcols[i].update;
	}
	db = pf_db_new("admin", sql, NSQL);
	if (pf_db_ensure(db) != PF_DB_OK)
		die("cannot connect to the database as DB.Account.admin");
}

static void
provider_open(void)
{
	char err[512];

	if (pf_kek_open(err, sizeof(err)) < 0)
		die("key provider %s: %s", pf_conf_str("Keys.Provider"), err);
}

static void
check_c(enum pf_cerr e, const char *what)
{
	if (e != PF_C_OK)
		die("%s: %s", what, pf_crypt_strerror(e));
}

/* Keys listed by a statement into an array (freed by the caller). */
static struct key *
keys_list(unsigned id, const struct pf_val *args, size_t nargs, size_t *n)
{
	struct pf_pool *p = pf_pool_new();
	struct pf_rows r;
	struct key *k;
	size_t i;

	check_db(pf_db_query(db, p, id, args, nargs, &r), "listing keys");
	k = pf_xcalloc(r.n, sizeof(*k));
	for (i = 0; i < r.n; i++) {
		k[i].id = (unsigned long long)PF_CELL(&r, i, 0)->i;
		k[i].scope = scope_of(PF_CELL(&r, i, 1)->s);
		k[i].owner = (unsigned long long)PF_CELL(&r, i, 2)->i;
	}
	*n = r.n;
	pf_pool_free(p);
	return k;
}

static int
has_active(enum pf_kscope s, unsigned long long owner)
{
	uint64_t id;
	const unsigned char *key;
	enum pf_cerr e;

	check_db(pf_db_begin(db), "begin");
	e = pf_key_active(db, s, owner, &id, &key);
	pf_db_rollback(db);
	if (e != PF_C_OK && e != PF_C_NOKEY)
		check_c(e, "reading the active key");
	return e == PF_C_OK;
}

static int
keys_init(void)
{
	const char *kek = pf_kek_current();
	char err[512], desc[256];
	static const struct { enum pf_kscope scope; unsigned long long owner; } s[] = {
		{ PF_KS_SYSTEM, 0 }, { PF_KS_INDEX, 0 },
		{ PF_KS_AUDIT, PF_AUDIT_SEAL }, { PF_KS_AUDIT, PF_AUDIT_MAC },
	};
	size_t i;

	provider_open();
	if (pf_kek_describe(kek, desc, sizeof(desc)) < 0) {
		if (pf_kek_generate(kek, err, sizeof(err)) < 0)
			die("cannot create the key-encryption key %s: %s", kek, err);
		printf("key-encryption key %s created\n", kek);
		if (pf_kek_describe(kek, desc, sizeof(desc)) < 0)
			die("the new key-encryption key %s cannot be found", kek);
	}
	printf("key-encryption key %s: %s\n", kek, desc);
	for (i = 0; i < sizeof(s) / sizeof(s[0]); i++) {
		if (has_active(s[i].scope, s[i].owner))
			continue;
		check_db(pf_db_begin(db), "begin");
		check_c(pf_key_create(db, s[i].scope, s[i].owner), "creating a data key");
		check_db(pf_db_commit(db), "commit");
		printf("%s data key created%s\n", pf_kscope_name(s[i].scope),
		    s[i].scope != PF_KS_AUDIT ? "" : s[i].owner == PF_AUDIT_MAC ? " (macs)" :
		    " (sealing)");
	}
	return 0;
}

static int
keys_status(void)
{
	struct pf_pool *p = pf_pool_new();
	const char *kek = pf_kek_current();
	struct pf_rows r;
	char desc[256];
	struct pf_val ct, pt;
	size_t i;
	int bad = 0;

	provider_open();
	if (pf_kek_describe(kek, desc, sizeof(desc)) < 0) {
		printf("key-encryption key %s: MISSING in the %s provider\n", kek,
		    pf_conf_str("Keys.Provider"));
		bad = 1;
	} else
		printf("key-encryption key %s: %s\n", kek, desc);
	check_db(pf_db_query(db, p, S_COUNTS, NULL, 0, &r), "counting keys");
	printf("data keys (scope, state, wrapped by, count):\n");
	for (i = 0; i < r.n; i++)
		printf("  %-7s %-9s %-20s %lld\n", PF_CELL(&r, i, 0)->s, PF_CELL(&r, i, 1)->s,
		    PF_CELL(&r, i, 2)->s, PF_CELL(&r, i, 3)->i);
	/* Self-test: seal and open under the system key, then roll back. */
	check_db(pf_db_begin(db), "begin");
	if (!bad && pf_seal(db, p, PF_KS_SYSTEM, 0, PF_AT("selftest", "value", 1), "ok", 2, &ct) == PF_C_OK &&
	    pf_open(db, p, PF_AT("selftest", "value", 1), &ct, &pt) == PF_C_OK &&
	    strcmp(pt.s, "ok") == 0)
		printf("self-test: the system key seals and opens\n");
	else {
		printf("self-test: FAILED (see the log above)\n");
		bad = 1;
	}
	pf_db_rollback(db);
	pf_pool_free(p);
	return bad;
}

/* Step 1: a new key for every active key in scope; the old one retires. */
static void
rotate_mark(const char *scope)
{
	struct key *k;
	size_t n, i;
	unsigned long long affected;

	k = keys_list(S_ACTIVE, PF_ARGS(PF_STR(scope)), &n);
	for (i = 0; i < n; i++) {
		check_db(pf_db_begin(db), "begin");
		/* Waits for writers that hold the key share-locked. */
		check_db(pf_db_exec(db, S_MARK, PF_ARGS(PF_INT((long long)k[i].id)), &affected, NULL),
		    "marking a key");
		if (affected == 1)
			check_c(pf_key_create(db, k[i].scope, k[i].owner), "creating a data key");
		check_db(pf_db_commit(db), "commit");
		if ((i + 1) % 1000 == 0 || i + 1 == n)
			printf("%s: %zu/%zu new keys\n", scope, i + 1, n);
	}
	free(k);
}

static const struct key *
retiring(const struct key *k, size_t n, uint64_t id)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {	/* k is sorted by id */
		size_t mid = (lo + hi) / 2;

		if (k[mid].id == id)
			return &k[mid];
		if (k[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/*
 * Step 2: rewrite every value of column c that is under a retiring key,
 * one transaction per batch.  With write == 0 only count them.  Returns
 * the number of values still under a retiring key afterwards.
 */
static unsigned long long
rotate_column(size_t c, const struct key *k, size_t nk, long batch, int write)
{
	const struct enccol *col = &enccols[c];
	unsigned long long last = 0, seen = 0, moved = 0, left = 0, affected;
	struct pf_pool *p = pf_pool_new();
	struct pf_rows r;
	size_t i;

	do {
		pf_pool_reset(p);
		check_db(pf_db_begin(db), "begin");
		check_db(pf_db_query(db, p, S_ENC(c), PF_ARGS(PF_INT((long long)last),
		    PF_INT(batch)), &r), col->table);
		for (i = 0; i < r.n; i++) {
			const struct pf_val *v = PF_CELL(&r, i, 1);
			unsigned long long id = (unsigned long long)PF_CELL(&r, i, 0)->i;
			const struct pf_cell *at = PF_AT(col->table, col->column, id);
			const struct key *old;
			struct pf_val pt, ct;
			uint64_t kid;

			last = id;
			if (pf_ct_keyid((const unsigned char *)v->s, v->len, &kid) < 0)
				die("%s.%s of row %llu is not a ciphertext", col->table,
				    col->column, id);
			if ((old = retiring(k, nk, kid)) == NULL)
				continue;
			if (!write) {
				left++;
				continue;
			}
			check_c(pf_open(db, p, at, v, &pt), col->column);
			check_c(pf_seal(db, p, old->scope, old->owner, at, pt.s, pt.len, &ct),
			    col->column);
			/* Compare-and-swap: a value the portal rewrote meanwhile
			 * is already under the new key. */
			check_db(pf_db_exec(db, S_ENC(c) + 1, PF_ARGS(ct, PF_INT((long long)id), *v),
			    &affected, NULL), col->table);
			if (affected == 1)
				moved++;
			else
				left++;
		}
		check_db(pf_db_commit(db), "commit");
		seen += r.n;
		if (write)
			printf("%s.%s: %llu rows read, %llu re-encrypted\n", col->table,
			    col->column, seen, moved);
	} while (r.n == (size_t)batch);
	pf_pool_free(p);
	return left;
}

/* Step 2 for blind indexes, when the index key retires: recompute each
 * from its source under the active index key. */
static void
rotate_bidx(size_t c, long batch)
{
	const struct bidxcol *col = &bidxcols[c];
	unsigned long long last = 0, seen = 0, affected;
	struct pf_pool *p = pf_pool_new();
	unsigned char bidx[PF_BIDX_LEN];
	struct pf_rows r;
	size_t i;

	do {
		pf_pool_reset(p);
		check_db(pf_db_begin(db), "begin");
		check_db(pf_db_query(db, p, S_BIDX(c), PF_ARGS(PF_INT((long long)last),
		    PF_INT(batch)), &r), col->table);
		for (i = 0; i < r.n; i++) {
			unsigned long long id = (unsigned long long)PF_CELL(&r, i, 0)->i;
			struct pf_val pt;

			last = id;
			check_c(pf_open(db, p, PF_AT(col->table, col->source, id),
			    PF_CELL(&r, i, 1), &pt), col->source);
			check_c(pf_bidx_write(db, col->domain, pt.s, pt.len, bidx), col->domain);
			check_db(pf_db_exec(db, S_BIDX(c) + 1, PF_ARGS(PF_BLOB((const char *)bidx,
			    sizeof(bidx)), PF_INT((long long)id), *PF_CELL(&r, i, 2)), &affected,
			    NULL), col->table);
		}
		check_db(pf_db_commit(db), "commit");
		seen += r.n;
		printf("%s: %llu indexes recomputed\n", col->domain, seen);
	} while (r.n == (size_t)batch);
	pf_wipe(bidx, sizeof(bidx));
	pf_pool_free(p);
}

static int
keys_rotate(int argc, char **argv)
{
	static const char *const optkeys[] = { "scope", "batch" };
	const char *v[2] = { "all", "500" };
	struct key *k;
	size_t nk, i, c;
	enum pf_kscope s;
	long batch;
	unsigned long long left;
	int pass, index = 0;
	size_t kept;

	options(argc, argv, optkeys, v, 2);
	batch = atol(v[1]);
	if (batch < 1 || batch > 100000)
		die("--batch must be 1..100000");
	/* A document's content would have to be re-encrypted chunk by chunk
	 * for nothing a new KEK (keys new-kek, rewrap) does not give. */
	if (strcmp(v[0], "document") == 0)
		die("document keys are not rotated: `keys new-kek` and `keys rewrap` re-wrap them");
	/* The audit chain's macs cover the sealed bytes: a row never changes. */
	if (strcmp(v[0], "audit") == 0)
		die("audit keys are not rotated: `keys new-kek` and `keys rewrap` re-wrap them");
	if (strcmp(v[0], "all") != 0 && (scope_of(v[0]) == 0 || scope_of(v[0]) == PF_KS_BACKUP))
		die("--scope must be system, index, org, user or all");
	provider_open();
	k = keys_list(S_RETIRING, NULL, 0, &nk);
	if (nk > 0)
		printf("resuming: %zu keys are still retiring\n", nk);
	else {
		for (s = PF_KS_SYSTEM; s <= PF_KS_USER; s++)	/* backup keys live in backups */
			if (strcmp(v[0], "all") == 0 || strcmp(v[0], pf_kscope_name(s)) == 0)
				rotate_mark(pf_kscope_name(s));
		free(k);
		k = keys_list(S_RETIRING, NULL, 0, &nk);
	}
	for (i = 0; i < nk; i++)
		index |= k[i].scope == PF_KS_INDEX;
	for (c = 0; index && c < NBIDX; c++)
		rotate_bidx(c, batch);
	/* Rewrite, then make sure by a counting pass: a value written
	 * concurrently is retried, never lost. */
	for (pass = 0; pass < 5; pass++) {
		for (c = 0; c < NENC; c++)
			rotate_column(c, k, nk, batch, 1);
		for (c = 0, left = 0; c < NENC; c++)
			left += rotate_column(c, k, nk, batch, 0);
		if (left == 0)
			break;
		printf("%llu values still under old keys, another pass\n", left);
	}
	if (left != 0)
		die("%llu values are still under old keys; run `keys rotate` again", left);
	for (i = 0, kept = 0; i < nk; i++) {
		if (audit_uses(k[i].id)) {
			/* audit rows are never rewritten (their macs cover these
			 * bytes): the key stays, for reading only */
			check_db(pf_db_exec(db, S_KEEP, PF_ARGS(PF_INT((long long)k[i].id)), NULL,
			    NULL), "keeping a key");
			kept++;
			continue;
		}
		check_db(pf_db_exec(db, S_RETIRE, PF_ARGS(PF_INT((long long)k[i].id)), NULL, NULL),
		    "retiring a key");
		pf_kc_drop(k[i].id);
	}
	printf("rotation done: %zu old keys retired and erased", nk - kept);
	if (kept)
		printf(", %zu kept for reading the audit trail", kept);
	printf("\n");
	free(k);
	return 0;
}

static int
keys_new_kek(int argc, char **argv)
{
	char err[512], desc[256];

	if (argc != 1)
		die("usage: keys new-kek LABEL");
	provider_open();
	if (pf_kek_generate(argv[0], err, sizeof(err)) < 0)
		die("%s", err);
	if (pf_kek_describe(argv[0], desc, sizeof(desc)) < 0)
		die("the new key-encryption key %s cannot be found", argv[0]);
	printf("key-encryption key %s created: %s\n"
	    "Set Keys.KEK = %s in the configuration, restart the programs, then run "
	    "`pforte-admin keys rewrap`.\n", argv[0], desc, argv[0]);
	return 0;
}

/* Unwrap under the old KEK, wrap under Keys.KEK, compare-and-swap. */
static int
keys_rewrap(void)
{
	const char *kek = pf_kek_current();
	struct pf_pool *p = pf_pool_new();
	unsigned long long last = 0, done = 0, affected;
	unsigned char dek[PF_KEY_LEN], wrapped[PF_WRAPPED_LEN];
	struct pf_rows r;
	size_t i;

	provider_open();
	do {
		pf_pool_reset(p);
		check_db(pf_db_query(db, p, S_FOREIGN, PF_ARGS(PF_STR(kek), PF_INT((long long)last),
		    PF_INT(500)), &r), "listing keys");
		for (i = 0; i < r.n; i++) {
			const struct pf_val *w = PF_CELL(&r, i, 4);
			const char *scope = PF_CELL(&r, i, 1)->s;
			uint64_t owner = (uint64_t)PF_CELL(&r, i, 2)->i;

			last = (unsigned long long)PF_CELL(&r, i, 0)->i;
			if (w->len != PF_WRAPPED_LEN || pf_kek_unwrap(PF_CELL(&r, i, 3)->s, scope,
			    owner, (const unsigned char *)w->s, dek) < 0)
				die("data key %llu does not unwrap under %s", last, PF_CELL(&r, i, 3)->s);
			if (pf_kek_wrap(kek, scope, owner, dek, wrapped) < 0)
				die("cannot wrap under %s", kek);
			pf_wipe(dek, sizeof(dek));
			check_db(pf_db_exec(db, S_REWRAP, PF_ARGS(PF_STR(kek), PF_BLOB((const char *)wrapped,
			    sizeof(wrapped)), PF_INT((long long)last), *w), &affected, NULL), "rewrap");
			done += affected;
		}
		printf("%llu data keys rewrapped under %s\n", done, kek);
	} while (r.n == 500);
	pf_pool_free(p);
	return 0;
}

int
cmd_keys(int argc, char **argv)
{
	if (argc < 1)
		die("usage: keys init | status | rotate [--scope S] [--batch N] | "
		    "new-kek LABEL | rewrap | columns");
	open_db();
	if (strcmp(argv[0], "init") == 0)
		return keys_init();
	if (strcmp(argv[0], "status") == 0)
		return keys_status();
	if (strcmp(argv[0], "rotate") == 0)
		return keys_rotate(argc - 1, argv + 1);
	if (strcmp(argv[0], "new-kek") == 0)
		return keys_new_kek(argc - 1, argv + 1);
	if (strcmp(argv[0], "rewrap") == 0)
		return keys_rewrap();
	if (strcmp(argv[0], "columns") == 0) {
		size_t i;

		for (i = 0; i < NENC; i++)
			printf("%s.%s\n", enccols[i].table, enccols[i].column);
		for (i = 0; i < sizeof(fixedcols) / sizeof(fixedcols[0]); i++)
			printf("%s\n", fixedcols[i]);
		return 0;
	}
	die("unknown keys command %s", argv[0]);
}
