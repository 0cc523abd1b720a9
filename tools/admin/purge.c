/*
 * purge.c: `pforte-admin purge`, the erasure that soft deletion promises,
 * run daily from cron.
 *
 *   - documents deleted more than Documents.RetentionDays ago: their data
 *     key is destroyed first, which makes every copy of their content and
 *     metadata unreadable, backups included; then the rows go;
 *   - versions deleted as long ago: their chunks and rows;
 *   - versions left 'uploading' for a day by a process that died;
 *   - data keys of documents that no longer exist (a first upload that
 *     failed after its key was made);
 *   - single sign-on state a day past its use: authorization codes and
 *     tokens expired a day ago (a replayed code or a reused refresh token
 *     is still recognised until then), and the record of which
 *     applications a session signed in to once the session is gone.
 *
 * Chunks go in small batches, each its own statement, so that purging a
 * large file is never one huge transaction (or Galera write set).
 */
#include <stdio.h>
#include <stdlib.h>

#include "admin.h"

enum {
	S_DOCS = PF_SQL_APP,
	S_VERSIONS,
	S_STALE,
	S_DOC_VERSIONS,
	S_CHUNKS_DROP,
	S_VERSION_DROP,
	S_DOC_DROP,
	S_ORPHAN_KEYS,
	S_SSO_CODES,
	S_SSO_TOKENS,
	S_SSO_PARTICIPANTS,
	S__MAX
};

static const char *const sql[S__MAX - PF_SQL_APP] = {
	[S_DOCS - PF_SQL_APP] =
	    "SELECT id FROM documents WHERE deleted_at IS NOT NULL "
	    "AND deleted_at < UTC_TIMESTAMP(6) - INTERVAL ? DAY ORDER BY id",
	[S_VERSIONS - PF_SQL_APP] =
	    "SELECT id FROM document_versions WHERE state = 'deleted' "
	    "AND deleted_at < UTC_TIMESTAMP(6) - INTERVAL ? DAY ORDER BY id",
	[S_STALE - PF_SQL_APP] =
	    "SELECT id FROM document_versions WHERE state = 'uploading' "
	    "AND created_at < UTC_TIMESTAMP(6) - INTERVAL 1 DAY ORDER BY id",
	[S_DOC_VERSIONS - PF_SQL_APP] =
	    "SELECT id FROM document_versions WHERE document_id = ? ORDER BY id",
	[S_CHUNKS_DROP - PF_SQL_APP] =
	    "DELETE FROM document_chunks WHERE version_id = ? LIMIT 16",
	[S_VERSION_DROP - PF_SQL_APP] =
	    "DELETE FROM document_versions WHERE id = ?",
	[S_DOC_DROP - PF_SQL_APP] =
	    "DELETE FROM documents WHERE id = ?",
	[S_ORPHAN_KEYS - PF_SQL_APP] =
	    "SELECT DISTINCT k.owner FROM data_keys k WHERE k.scope = 'document' "
	    "AND k.state <> 'retired' AND NOT EXISTS (SELECT 1 FROM documents d "
	    "WHERE d.id = k.owner) ORDER BY k.owner",
	[S_SSO_CODES - PF_SQL_APP] =
	    "DELETE FROM oidc_codes WHERE expires_at < UTC_TIMESTAMP(6) - INTERVAL 1 DAY "
	    "LIMIT 1000",
	[S_SSO_TOKENS - PF_SQL_APP] =
	    "DELETE FROM oidc_tokens WHERE expires_at < UTC_TIMESTAMP(6) - INTERVAL 1 DAY "
	    "LIMIT 1000",
	[S_SSO_PARTICIPANTS - PF_SQL_APP] =
	    "DELETE FROM sso_participants WHERE created_at < UTC_TIMESTAMP(6) - INTERVAL 1 DAY "
	    "AND NOT EXISTS (SELECT 1 FROM sessions s WHERE s.id = session_id) LIMIT 1000",
};

static struct pf_db *db;

static void
run(unsigned id, const struct pf_val *args, size_t n, unsigned long long *affected)
{
	if (pf_db_exec(db, id, args, n, affected, NULL) != PF_DB_OK)
		die("purge: a statement failed (see the log above); run it again");
}

static void
ids(struct pf_pool *p, unsigned id, const struct pf_val *args, size_t n, struct pf_rows *r)
{
	if (pf_db_query(db, p, id, args, n, r) != PF_DB_OK)
		die("purge: a query failed (see the log above)");
}

static void
destroy_key(unsigned long long doc)
{
	if (pf_key_destroy(db, PF_KS_DOCUMENT, doc) != PF_C_OK)
		die("purge: destroying the key of document %llu failed; run it again", doc);
}

static void
drop_version(unsigned long long v)
{
	unsigned long long n;

	do
		run(S_CHUNKS_DROP, PF_ARGS(PF_INT((long long)v)), &n);
	while (n > 0);
	run(S_VERSION_DROP, PF_ARGS(PF_INT((long long)v)), NULL);
}

/* A DELETE ... LIMIT run until nothing is left: small transactions. */
static unsigned long long
drain(unsigned id)
{
	unsigned long long n, all = 0;

	do {
		run(id, NULL, 0, &n);
		all += n;
	} while (n > 0);
	return all;
}

static unsigned long long
drop_versions(struct pf_pool *p, unsigned query, const struct pf_val *args, size_t n)
{
	struct pf_rows r;
	size_t i;

	ids(p, query, args, n, &r);
	for (i = 0; i < r.n; i++)
		drop_version((unsigned long long)PF_CELL(&r, i, 0)->i);
	return r.n;
}

int
cmd_purge(int argc, char **argv)
{
	struct pf_pool *p = pf_pool_new();
	long long days = pf_conf_int("Documents.RetentionDays");
	unsigned long long id, docs, versions, stale, keys = 0, codes, tokens, parts;
	struct pf_rows r;
	size_t i;

	(void)argv;
	if (argc != 0)
		die("usage: purge   (erases what was deleted Documents.RetentionDays ago)");
	db = pf_db_new("admin", sql, S__MAX - PF_SQL_APP);
	if (pf_db_ensure(db) != PF_DB_OK)
		die("cannot connect to the database as DB.Account.admin");
	ids(p, S_DOCS, PF_ARGS(PF_INT(days)), &r);
	docs = r.n;
	for (i = 0; i < r.n; i++) {
		id = (unsigned long long)PF_CELL(&r, i, 0)->i;
		/* The key first: from here on nothing of it can be read, even
		 * if the rest is interrupted. */
		destroy_key(id);
		drop_versions(p, S_DOC_VERSIONS, PF_ARGS(PF_INT((long long)id)));
		run(S_DOC_DROP, PF_ARGS(PF_INT((long long)id)), NULL);
	}
	versions = drop_versions(p, S_VERSIONS, PF_ARGS(PF_INT(days)));
	stale = drop_versions(p, S_STALE, NULL, 0);
	ids(p, S_ORPHAN_KEYS, NULL, 0, &r);
	for (i = 0; i < r.n; i++, keys++)
		destroy_key((unsigned long long)PF_CELL(&r, i, 0)->i);
	codes = drain(S_SSO_CODES);
	tokens = drain(S_SSO_TOKENS);
	parts = drain(S_SSO_PARTICIPANTS);
	printf("purged: %llu documents, %llu deleted versions, %llu interrupted uploads, "
	    "%llu orphaned document keys, %llu expired authorization codes, %llu expired "
	    "tokens, %llu sign-in records of ended sessions\n", docs, versions, stale, keys,
	    codes, tokens, parts);
	pf_db_free(db);
	pf_pool_free(p);
	return 0;
}
