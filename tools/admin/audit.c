/*
 * audit.c: `pforte-admin audit verify | purge`.
 *
 *   verify  recomputes every row's mac from its columns and the previous
 *           row's mac (lib/audit.c says how), in one consistent snapshot,
 *           and names the first row that does not fit: changed, missing,
 *           or cut off after the last one the head knows.
 *   purge   deletes rows older than Audit.RetentionDays (or --days N)
 *           with the retention account, which may do nothing else, and
 *           moves the chain's floor to the first row kept, so verify
 *           still checks what is left from its first row on.
 *
 * verify reads with the migration account; the macs are checked under the
 * audit key, so it needs the key provider like the programs do.
 */
#include <openssl/crypto.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "admin.h"
#include "pf-crypt.h"

#define BATCH	1000

enum {
	S_HEAD = PF_SQL_APP,
	S_ROWS,
	S_BELOW,
	S_HEAD_LOCK,
	S_CUT,
	S_DROP,
	S_DROP_OLD,
	S_FLOOR,
	S__MAX
};

static const char *const sql[S__MAX - PF_SQL_APP] = {
	[S_HEAD - PF_SQL_APP] =
	    "SELECT last_id, last_mac, floor_id, floor_mac FROM audit_head WHERE id = 1",
	[S_ROWS - PF_SQL_APP] =
	    "SELECT " PF_AUDIT_MAC_COLS ", mac FROM audit_log WHERE id >= ? AND id <= ? "
	    "ORDER BY id LIMIT 1000",
	[S_BELOW - PF_SQL_APP] =
	    "SELECT COUNT(*) FROM audit_log WHERE id < ?",
	[S_HEAD_LOCK - PF_SQL_APP] =
	    "SELECT last_id, floor_id FROM audit_head WHERE id = 1 FOR UPDATE",
	/* the newest row old enough to go, never past the head */
	[S_CUT - PF_SQL_APP] =
	    "SELECT id, mac FROM audit_log WHERE id <= ? "
	    "AND created_at < UTC_TIMESTAMP(6) - INTERVAL ? DAY ORDER BY id DESC LIMIT 1",
	[S_DROP - PF_SQL_APP] =
	    "DELETE FROM audit_log WHERE id <= ? ORDER BY id LIMIT 1000",
	/* rows from before the chain (no mac), by age alone */
	[S_DROP_OLD - PF_SQL_APP] =
	    "DELETE FROM audit_log WHERE id < ? AND created_at < UTC_TIMESTAMP(6) - INTERVAL ? DAY",
	[S_FLOOR - PF_SQL_APP] =
	    "UPDATE audit_head SET floor_id = ?, floor_mac = ? WHERE id = 1 AND floor_id <= ?",
};

static struct pf_db *db;

static unsigned long long
u64(const struct pf_val *v)
{
	return v->type == PF_V_INT ? (unsigned long long)v->i : 0;
}

static int
mac_of(const struct pf_val *v, unsigned char out[PF_BIDX_LEN])
{
	if (v->type != PF_V_STR || v->len != PF_BIDX_LEN)
		return 0;
	memcpy(out, v->s, PF_BIDX_LEN);
	return 1;
}

static int
broken(unsigned long long id, const char *why)
{
	printf("audit chain broken at row %llu: %s\n", id, why);
	return 1;
}

static int
verify(void)
{
	struct pf_pool *p = pf_pool_new();
	unsigned char prev[PF_BIDX_LEN] = { 0 }, want[PF_BIDX_LEN], mac[PF_BIDX_LEN],
	    head[PF_BIDX_LEN];
	unsigned long long last, floor, next, id, n = 0;
	const unsigned char *key;
	struct pf_rows h, r;
	size_t i;
	int rc = 0, has_head;

	check_db(pf_db_begin(db), "begin");
	check_db(pf_db_query(db, p, S_HEAD, NULL, 0, &h), "reading audit_head");
	if (h.n != 1)
		die("audit_head has no row: run pforte-admin migrate");
	last = u64(PF_CELL(&h, 0, 0));
	floor = u64(PF_CELL(&h, 0, 2));
	mac_of(PF_CELL(&h, 0, 3), prev);
	has_head = mac_of(PF_CELL(&h, 0, 1), head);	/* h goes with the pool below */
	check_db(pf_db_query(db, p, S_BELOW, PF_ARGS(PF_INT((long long)floor)), &r),
	    "counting older rows");
	if (u64(PF_CELL(&r, 0, 0)) > 0)
		printf("%llu rows before row %llu are not covered (written before the chain "
		    "began)\n", u64(PF_CELL(&r, 0, 0)), floor);
	for (next = floor; rc == 0 && next <= last; ) {
		check_db(pf_db_query(db, p, S_ROWS, PF_ARGS(PF_INT((long long)next),
		    PF_INT((long long)last)), &r), "reading audit rows");
		if (r.n == 0) {
			rc = broken(next, "the row is missing (the head says the chain goes on to "
			    "this row and further)");
			break;
		}
		for (i = 0; rc == 0 && i < r.n; i++, next++, n++) {
			const struct pf_val *c = PF_CELL(&r, i, 0);

			id = u64(&c[0]);
			if (id != next)
				rc = broken(next, "the row is missing");
			else if (!mac_of(&c[PF_AUDIT_MAC_NCOLS], mac))
				rc = broken(id, "the row has no mac");
			else if (pf_key_get(db, u64(&c[PF_AUDIT_MAC_NCOLS - 1]), &key) != PF_C_OK)
				rc = broken(id, "its audit key is missing or does not unwrap");
			else {
				pf_audit_mac(key, c, prev, want);
				if (CRYPTO_memcmp(want, mac, PF_BIDX_LEN) != 0)
					rc = broken(id, "its content or mac was changed, or a row "
					    "before it was replaced");
				memcpy(prev, mac, PF_BIDX_LEN);
			}
		}
		pf_pool_free(p);
		p = pf_pool_new();
	}
	if (rc == 0 && last >= floor) {
		if (!has_head || CRYPTO_memcmp(head, prev, PF_BIDX_LEN) != 0)
			rc = broken(last, "it is not the row the head names as the last");
	}
	pf_db_rollback(db);
	if (rc == 0)
		printf("audit chain verified: %llu rows (%llu to %llu)\n", n, floor,
		    last >= floor ? last : floor);
	pf_pool_free(p);
	return rc;
}

static int
purge(long long days)
{
	struct pf_pool *p = pf_pool_new();
	unsigned long long last, floor, cut, gone = 0, affected;
	struct pf_rows h, c;

	if (days <= 0) {
		printf("Audit.RetentionDays is 0: audit rows are kept\n");
		return 0;
	}
	/* The head's lock keeps writers from the chain while its floor moves;
	 * the rows below the new floor are then no longer the chain's and go
	 * in batches without it. */
	check_db(pf_db_begin(db), "begin");
	check_db(pf_db_query(db, p, S_HEAD_LOCK, NULL, 0, &h), "locking audit_head");
	if (h.n != 1)
		die("audit_head has no row: run pforte-admin migrate");
	last = u64(PF_CELL(&h, 0, 0));
	floor = u64(PF_CELL(&h, 0, 1));
	check_db(pf_db_query(db, p, S_CUT, PF_ARGS(PF_INT((long long)last), PF_INT(days)), &c),
	    "finding old rows");
	if (c.n == 1 && (cut = u64(PF_CELL(&c, 0, 0))) >= floor) {
		check_db(pf_db_exec(db, S_FLOOR, PF_ARGS(PF_INT((long long)cut + 1),
		    *PF_CELL(&c, 0, 1), PF_INT((long long)cut + 1)), NULL, NULL), "moving the floor");
		floor = cut + 1;
	}
	check_db(pf_db_commit(db), "commit");
	check_db(pf_db_exec(db, S_DROP_OLD, PF_ARGS(PF_INT((long long)floor), PF_INT(days)),
	    &affected, NULL), "deleting rows from before the chain");
	gone += affected;
	do {
		check_db(pf_db_exec(db, S_DROP, PF_ARGS(PF_INT((long long)floor - 1)), &affected,
		    NULL), "deleting old rows");
		gone += affected;
	} while (affected > 0);
	printf("audit purge: %llu rows older than %lld days deleted\n", gone, days);
	pf_pool_free(p);
	return 0;
}

int
cmd_audit(int argc, char **argv)
{
	long long days = pf_conf_int("Audit.RetentionDays");
	int rc;

	if (argc == 1 && strcmp(argv[0], "verify") == 0) {
		db = pf_db_new("admin", sql, S__MAX - PF_SQL_APP);
		if (pf_db_ensure(db) != PF_DB_OK)
			die("cannot connect to the database as DB.Account.admin");
		rc = verify();
	} else if (argc >= 1 && strcmp(argv[0], "purge") == 0 &&
	    (argc == 1 || (argc == 3 && strcmp(argv[1], "--days") == 0))) {
		if (argc == 3 && ((days = atoll(argv[2])) < 1 || days > 36500))
			die("--days must be 1..36500");
		db = pf_db_new("retention", sql, S__MAX - PF_SQL_APP);
		if (pf_db_ensure(db) != PF_DB_OK)
			die("cannot connect to the database as DB.Account.retention");
		rc = purge(days);
	} else
		die("usage: audit verify | audit purge [--days N]");
	pf_db_free(db);
	return rc;
}
