/*
 * gdpr.c: `pforte-admin gdpr`, erasure (GDPR Art. 17) carried out.
 *
 *   gdpr erase [--user ID]   every pending erasure request that is due
 *                            (cron, e.g. every 10 minutes); --user erases
 *                            one user now, request or not
 *   gdpr journal             the erasure journal, one line per erased user
 *
 * A due request is claimed first (a held one becomes pending again; a
 * pending request that is due can no longer be cancelled), so that a
 * cancellation never races an erasure.  A user with a legal hold in
 * force is not erased: the request becomes 'held' (and is looked at
 * again on every run: once the hold has ended, the user is erased); a
 * user who asked themselves is told by mail (once).
 * Otherwise, in this order:
 *
 *   1. access ends: the applications the user signed in to are told
 *      (back-channel logout, pf_sso_logout, audited sso.logout.*), then
 *      sessions (and their codes), SSO codes and tokens, consents to
 *      applications and the record of SSO sign-ins are deleted;
 *   2. the documents the user created: each document's key is destroyed
 *      first (its content and metadata are unreadable from then on, in
 *      every backup), then its chunks in small batches and its rows, as
 *      `pforte-admin purge` does;
 *   3. the journal line is appended and fsync'd, before anything else is
 *      committed: a crash after it only means the erasure is replayed
 *      once more, one before it that the request is still pending;
 *   4. one transaction: every row of the user (second factors, tokens,
 *      throttle counters of their address, roles, role requests, legal
 *      acceptances, consents and their ledger, known devices and places,
 *      alerts about them), their number taken out of what others did
 *      (decided_by, acked_by, ... set NULL), the user's data keys
 *      destroyed (crypto-shredding: whatever was sealed under them, in
 *      the audit trail and in every backup, cannot be read again), the
 *      users row deleted, the request marked done, and the event
 *      privacy.erasure.done written to the chained audit trail as a
 *      system event (no actor).
 *
 * Audit rows are never changed (the chain covers them).  What stays in
 * them is the user's number, which then points nowhere, the before/after
 * values sealed under the user's key (unreadable now) and the client
 * address and user agent under the audit seal key until
 * Audit.RetentionDays.
 *
 * The journal (Gdpr.Journal): text lines "USER_ID TIME REQUEST_ID"
 * (REQUEST_ID 0: --user or a replay), mode 0600, appended with O_APPEND
 * and fsync'd.  It holds numbers only, no HMAC: it lives next to the
 * backups under the operator's control, and a line removed or a forged
 * one would not be caught by a per-line MAC anyway (forging erases a
 * user: the operator can do that directly).  `pforte-admin restore`
 * replays it (gdpr_replay): every journaled user is erased again in the
 * restored database (their rows if the backup has them, and always their
 * keys, which the backup brings back as rows), and the users table's
 * AUTO_INCREMENT is moved past the highest journaled number so that no
 * new account ever gets an erased person's number.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "admin.h"

enum {
	S_DUE = PF_SQL_APP,
	S_HOLD,
	S_HELD,
	S_CLAIM,
	S_STATUS,
	S_OPEN_OF,
	S_USER,
	S_DOCS,
	S_DOC_VERSIONS,
	S_CHUNKS_DROP,
	S_VERSION_DROP,
	S_DOC_DROP,
	S_DONE,
	S_USER_DROP,
	/* the rows that end access (step 1), then the others (step 4) */
	S_ACCESS_FIRST,
	S_SESSIONS = S_ACCESS_FIRST,
	S_OIDC_CODES,
	S_OIDC_TOKENS,
	S_CONSENTS,
	S_SSO_PARTS,
	S_ACCESS_END,
	S_ROWS_FIRST = S_ACCESS_END,
	S_TOTP = S_ROWS_FIRST,
	S_RECOVERY,
	S_TOKENS,
	S_USER_ROLES,
	S_ROLE_REQUESTS,
	S_DECIDED_BY,
	S_GRANTED_BY,
	S_LEGAL_ACC,
	S_USER_CONSENTS,
	S_CONSENT_LOG,
	S_DEVICES,
	S_PLACES,
	S_LAST,
	S_ALERTS,
	S_ACKED_BY,
	S_DOC_DELETED_BY,
	S_VERSION_BY,
	S_SHARE_BY,
	S_HOLDS,
	S_HOLD_BY,
	S_TEXT_BY,
	S_ACTIVITY_BY,
	S_ROWS_END,
	S__MAX = S_ROWS_END
};

static const char *const sql[S__MAX - PF_SQL_APP] = {
	[S_DUE - PF_SQL_APP] =
	    "SELECT id, user_id, IFNULL(requested_by, 0), status FROM erasure_requests "
	    "WHERE status IN ('pending','held') AND due_at <= UTC_TIMESTAMP(6) ORDER BY id",
	[S_HOLD - PF_SQL_APP] =
	    "SELECT reason_de, reason_en, DATE_FORMAT(until_at, '%Y-%m-%d %H:%i:%s') "
	    "FROM legal_holds WHERE user_id = ? AND until_at > UTC_TIMESTAMP(6) "
	    "ORDER BY until_at DESC LIMIT 1",
	[S_HELD - PF_SQL_APP] =
	    "UPDATE erasure_requests SET status = 'held' WHERE id = ? AND status = 'pending'",
	/* a held request that is due again is pending once more: from here on
	 * the user cannot cancel it (cancelling needs a pending request that
	 * is not yet due, or a held one: privacy-erase.c) */
	[S_CLAIM - PF_SQL_APP] =
	    "UPDATE erasure_requests SET status = 'pending' WHERE id = ? AND status = 'held'",
	[S_STATUS - PF_SQL_APP] =
	    "SELECT status = 'pending' AND due_at <= UTC_TIMESTAMP(6) FROM erasure_requests "
	    "WHERE id = ?",
	[S_OPEN_OF - PF_SQL_APP] =
	    "SELECT id FROM erasure_requests WHERE user_id = ? AND status IN ('pending','held')",
	[S_USER - PF_SQL_APP] =
	    "SELECT id, IFNULL(org_id, 0) FROM users WHERE id = ?",
	[S_DOCS - PF_SQL_APP] =
	    "SELECT id FROM documents WHERE created_by = ? ORDER BY id",
	[S_DOC_VERSIONS - PF_SQL_APP] =
	    "SELECT id FROM document_versions WHERE document_id = ? ORDER BY id",
	[S_CHUNKS_DROP - PF_SQL_APP] =
	    "DELETE FROM document_chunks WHERE version_id = ? LIMIT 16",
	[S_VERSION_DROP - PF_SQL_APP] = "DELETE FROM document_versions WHERE id = ?",
	[S_DOC_DROP - PF_SQL_APP] = "DELETE FROM documents WHERE id = ?",
	[S_DONE - PF_SQL_APP] =
	    "UPDATE erasure_requests SET status = 'done', decided_at = UTC_TIMESTAMP(6) "
	    "WHERE user_id = ? AND status IN ('pending','held')",
	[S_USER_DROP - PF_SQL_APP] = "DELETE FROM users WHERE id = ?",
	[S_SESSIONS - PF_SQL_APP] = "DELETE FROM sessions WHERE user_id = ?",
	[S_OIDC_CODES - PF_SQL_APP] = "DELETE FROM oidc_codes WHERE user_id = ?",
	[S_OIDC_TOKENS - PF_SQL_APP] = "DELETE FROM oidc_tokens WHERE user_id = ?",
	[S_CONSENTS - PF_SQL_APP] = "DELETE FROM consents WHERE user_id = ?",
	[S_SSO_PARTS - PF_SQL_APP] = "DELETE FROM sso_participants WHERE user_id = ?",
	[S_TOTP - PF_SQL_APP] = "DELETE FROM totp WHERE user_id = ?",
	[S_RECOVERY - PF_SQL_APP] = "DELETE FROM recovery_codes WHERE user_id = ?",
	[S_TOKENS - PF_SQL_APP] = "DELETE FROM auth_tokens WHERE user_id = ?",
	[S_USER_ROLES - PF_SQL_APP] = "DELETE FROM user_roles WHERE user_id = ?",
	[S_ROLE_REQUESTS - PF_SQL_APP] = "DELETE FROM role_requests WHERE user_id = ?",
	[S_DECIDED_BY - PF_SQL_APP] =
	    "UPDATE role_requests SET decided_by = NULL WHERE decided_by = ?",
	[S_GRANTED_BY - PF_SQL_APP] =
	    "UPDATE user_roles SET granted_by = NULL WHERE granted_by = ?",
	[S_LEGAL_ACC - PF_SQL_APP] = "DELETE FROM legal_acceptances WHERE user_id = ?",
	[S_USER_CONSENTS - PF_SQL_APP] = "DELETE FROM user_consents WHERE user_id = ?",
	[S_CONSENT_LOG - PF_SQL_APP] = "DELETE FROM consent_log WHERE user_id = ?",
	[S_DEVICES - PF_SQL_APP] = "DELETE FROM known_devices WHERE user_id = ?",
	[S_PLACES - PF_SQL_APP] = "DELETE FROM signin_places WHERE user_id = ?",
	[S_LAST - PF_SQL_APP] = "DELETE FROM signin_last WHERE user_id = ?",
	[S_ALERTS - PF_SQL_APP] = "DELETE FROM alerts WHERE user_id = ?",
	[S_ACKED_BY - PF_SQL_APP] = "UPDATE alerts SET acked_by = NULL WHERE acked_by = ?",
	[S_DOC_DELETED_BY - PF_SQL_APP] =
	    "UPDATE documents SET deleted_by = NULL WHERE deleted_by = ?",
	[S_VERSION_BY - PF_SQL_APP] =
	    "UPDATE document_versions SET uploaded_by = NULL WHERE uploaded_by = ?",
	[S_SHARE_BY - PF_SQL_APP] =
	    "UPDATE document_shares SET created_by = NULL WHERE created_by = ?",
	[S_HOLDS - PF_SQL_APP] = "DELETE FROM legal_holds WHERE user_id = ?",
	[S_HOLD_BY - PF_SQL_APP] =
	    "UPDATE legal_holds SET created_by = NULL WHERE created_by = ?",
	[S_TEXT_BY - PF_SQL_APP] =
	    "UPDATE legal_texts SET created_by = NULL WHERE created_by = ?",
	[S_ACTIVITY_BY - PF_SQL_APP] =
	    "UPDATE processing_activities SET updated_by = NULL WHERE updated_by = ?",
};

static struct pf_db *db;
static struct pf_req *rq;	/* pf_req_batch: pf_tx and the audit trail */

static struct pf_db *
gdpr_db(void)
{
	if (db == NULL) {
		db = pf_db_new("admin", sql, S__MAX - PF_SQL_APP);
		if (pf_db_ensure(db) != PF_DB_OK)
			die("cannot connect to the database as DB.Account.admin");
		rq = pf_req_batch(db, "pforte-admin");
	}
	return db;
}

static void
gdpr_close(void)
{
	pf_req_batch_free(rq);
	rq = NULL;
	pf_db_free(db);
	db = NULL;
}

static void
run(unsigned id, unsigned long long arg, unsigned long long *affected)
{
	if (pf_db_exec(db, id, PF_ARGS(PF_INT((long long)arg)), affected, NULL) != PF_DB_OK)
		die("gdpr: a statement failed (see the log above); run it again");
}

static void
rows(struct pf_pool *p, unsigned id, unsigned long long arg, struct pf_rows *r)
{
	if (pf_db_query(db, p, id, PF_ARGS(PF_INT((long long)arg)), r) != PF_DB_OK)
		die("gdpr: a query failed (see the log above)");
}

/* ---- the journal ---------------------------------------------------------------------- */

static void
journal_append(unsigned long long user, unsigned long long request)
{
	const char *path = pf_conf_str("Gdpr.Journal");
	char line[128], at[32];
	struct tm tm;
	time_t now = time(NULL);
	int fd, n;

	gmtime_r(&now, &tm);
	strftime(at, sizeof(at), "%Y-%m-%dT%H:%M:%SZ", &tm);
	n = snprintf(line, sizeof(line), "%llu %s %llu\n", user, at, request);
	if ((fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600)) < 0)
		die("gdpr: journal %s: %s (nothing erased)", path, strerror(errno));
	if (write(fd, line, (size_t)n) != n || fsync(fd) != 0)
		die("gdpr: journal %s: %s (nothing erased)", path, strerror(errno));
	close(fd);
}

/* The journaled user numbers, in order (duplicates possible); n out. */
static unsigned long long *
journal_read(size_t *n, int must)
{
	const char *path = pf_conf_str("Gdpr.Journal");
	unsigned long long *ids = NULL, u, req;
	size_t cap = 0, lineno = 0;
	char line[256], at[64];
	FILE *f;

	*n = 0;
	if ((f = fopen(path, "re")) == NULL) {
		if (errno == ENOENT && !must)
			return NULL;
		die("gdpr: journal %s: %s", path, strerror(errno));
	}
	while (fgets(line, sizeof(line), f) != NULL) {
		lineno++;
		if (sscanf(line, "%llu %63s %llu", &u, at, &req) != 3 || u == 0)
			die("gdpr: journal %s line %zu is malformed: stopped", path, lineno);
		if (*n == cap) {
			cap = cap ? cap * 2 : 64;
			ids = pf_xrealloc(ids, cap * sizeof(*ids));
		}
		ids[(*n)++] = u;
	}
	if (ferror(f))
		die("gdpr: journal %s: read error", path);
	fclose(f);
	return ids;
}

/* ---- erasing one user ----------------------------------------------------------------- */

struct erase {
	unsigned long long	 user, org, request;
	const char		*email;		/* NULL: unreadable or gone */
	const char		*how;		/* the event's detail */
};

static int
erase_tx(struct pf_req *r, void *arg)
{
	struct erase *e = arg;
	unsigned id;
	enum pf_dberr de;
	enum pf_cerr ce;

	for (id = S_ROWS_FIRST; id < S_ROWS_END; id++)
		if ((de = pf_db_exec(db, id, PF_ARGS(PF_INT((long long)e->user)), NULL,
		    NULL)) != PF_DB_OK)
			return pf_tx_err(de);
	/* counters kept under a keyed hash of the address */
	if (e->email != NULL &&
	    ((de = pf_throttle_clear(db, PF_THR_ACCOUNT, e->email)) != PF_DB_OK ||
	    (de = pf_throttle_clear(db, PF_THR_MAGIC, e->email)) != PF_DB_OK))
		return pf_tx_err(de);
	if ((ce = pf_key_destroy(db, PF_KS_USER, e->user)) != PF_C_OK) {
		fprintf(stderr, "pforte-admin: destroying the keys of user %llu: %s\n",
		    e->user, pf_crypt_strerror(ce));
		return 500;
	}
	if ((de = pf_db_exec(db, S_USER_DROP, PF_ARGS(PF_INT((long long)e->user)), NULL,
	    NULL)) != PF_DB_OK ||
	    (de = pf_db_exec(db, S_DONE, PF_ARGS(PF_INT((long long)e->user)), NULL,
	    NULL)) != PF_DB_OK)
		return pf_tx_err(de);
	if ((de = pf_audit_event(r, "privacy.erasure.done", PF_AUDIT_OK, e->user, e->org,
	    pf_psprintf(pf_req_pool(r), "user:%llu", e->user), e->how, NULL, 0)) != PF_DB_OK)
		return pf_tx_err(de);
	return 0;
}

static void
drop_document(struct pf_pool *p, unsigned long long doc)
{
	struct pf_rows v;
	unsigned long long n;
	size_t i;

	/* The key first: from here on nothing of it can be read, even if
	 * the rest is interrupted. */
	if (pf_key_destroy(db, PF_KS_DOCUMENT, doc) != PF_C_OK)
		die("gdpr: destroying the key of document %llu failed; run it again", doc);
	rows(p, S_DOC_VERSIONS, doc, &v);
	for (i = 0; i < v.n; i++) {
		do
			run(S_CHUNKS_DROP, (unsigned long long)PF_CELL(&v, i, 0)->i, &n);
		while (n > 0);
		run(S_VERSION_DROP, (unsigned long long)PF_CELL(&v, i, 0)->i, NULL);
	}
	run(S_DOC_DROP, doc, NULL);
}

/*
 * Erase user (request: the request carried out, 0 for none).  journal:
 * append the line (not when replaying it).  Returns the number of
 * documents dropped; a user not in the database has their keys destroyed
 * all the same (a restored backup brings the key rows back).
 */
static size_t
erase_user(unsigned long long user, unsigned long long request, int journal, const char *how)
{
	struct pf_pool *p = pf_pool_new();
	struct pf_account acc;
	struct erase e = { user, 0, request, NULL, how };
	struct pf_rows u, docs;
	size_t i;
	unsigned id;
	int rc;

	rows(p, S_USER, user, &u);
	if (u.n == 1) {
		e.org = (unsigned long long)PF_CELL(&u, 0, 1)->i;
		if (pf_account_load(db, p, user, &acc) == PF_ACC_OK)
			e.email = acc.email;
	}
	/* 1: access ends; the applications the user signed in to are told
	 * by back-channel logout (and their tokens revoked) first */
	if (u.n == 1)
		pf_sso_logout(rq, 0, user);
	for (id = S_ACCESS_FIRST; id < S_ACCESS_END; id++)
		run(id, user, NULL);
	/* 2: the documents they created */
	rows(p, S_DOCS, user, &docs);
	for (i = 0; i < docs.n; i++)
		drop_document(p, (unsigned long long)PF_CELL(&docs, i, 0)->i);
	/* 3: the journal, before the rest commits */
	if (journal)
		journal_append(user, request);
	/* 4: everything else, one transaction */
	if ((rc = pf_tx(rq, erase_tx, &e)) != 0)
		die("gdpr: erasing user %llu failed (%d); it is journaled: run it again", user,
		    rc);
	pf_pool_free(p);
	return docs.n;
}

/* The hold in force for user (*found 0: none), its reason in lang and
 * its end as a human time. */
static void
hold_of(struct pf_pool *p, unsigned long long user, const char *lang, int *found,
    const char **reason, const char **until)
{
	struct pf_rows h;

	rows(p, S_HOLD, user, &h);
	*found = h.n > 0;
	if (!*found)
		return;
	*reason = pf_cell_str(&h, 0, lang != NULL && strcmp(lang, "en") == 0 ? 1 : 0);
	*until = pf_time_human(p, pf_cell_str(&h, 0, 2));
	if (*until == NULL)
		*until = pf_cell_str(&h, 0, 2);
}

struct held {
	unsigned long long	 request, user, org;
};

static int
held_tx(struct pf_req *r, void *arg)
{
	struct held *h = arg;
	unsigned long long n = 0;
	enum pf_dberr e;

	if ((e = pf_db_exec(db, S_HELD, PF_ARGS(PF_INT((long long)h->request)), &n,
	    NULL)) != PF_DB_OK)
		return pf_tx_err(e);
	if (n == 0)
		return 0;	/* held already: said once */
	if ((e = pf_audit_event(r, "privacy.erasure.held", PF_AUDIT_INFO, h->user, h->org,
	    pf_psprintf(pf_req_pool(r), "erasure_request:%llu", h->request), NULL, NULL,
	    0)) != PF_DB_OK)
		return pf_tx_err(e);
	return 1000;	/* a marker: the row changed (committed below) */
}

static int changed;

static int
held_commit(struct pf_req *r, void *arg)
{
	int rc = held_tx(r, arg);

	if (rc == 1000) {
		changed = 1;
		return 0;
	}
	return rc;
}

static void
tell_held(struct pf_pool *p, unsigned long long user)
{
	struct pf_account acc;
	const char *reason, *until;
	struct pf_var v[4];
	int found;

	if (pf_account_load(db, p, user, &acc) != PF_ACC_OK)
		return;
	hold_of(p, user, acc.lang, &found, &reason, &until);
	if (!found)
		return;
	v[0] = (struct pf_var){ "Name", acc.name };
	v[1] = (struct pf_var){ "Reason", reason };
	v[2] = (struct pf_var){ "Until", until };
	v[3] = (struct pf_var){ "Link", pf_psprintf(p, "%s/privacy/erase",
	    pf_conf_str("Portal.BaseURL")) };
	if (pf_mail_send(acc.lang, acc.email, "erasureheld", v, 4) != 0)
		fprintf(stderr, "pforte-admin: the mail to user %llu about the hold failed\n",
		    user);
}

static int
erase_due(void)
{
	struct pf_pool *p = pf_pool_new();
	struct pf_rows due, u;
	unsigned long long req, user, by;
	size_t i, erased = 0, held = 0, docs = 0;
	const char *reason, *until;
	int found, rc;

	if (pf_db_query(db, p, S_DUE, NULL, 0, &due) != PF_DB_OK)
		die("gdpr: a query failed (see the log above)");
	for (i = 0; i < due.n; i++) {
		req = (unsigned long long)PF_CELL(&due, i, 0)->i;
		user = (unsigned long long)PF_CELL(&due, i, 1)->i;
		by = (unsigned long long)PF_CELL(&due, i, 2)->i;
		/* held, and the hold still in force: nothing new to say */
		if (strcmp(pf_cell_str(&due, i, 3), "held") == 0) {
			hold_of(p, user, "en", &found, &reason, &until);
			if (found) {
				held++;
				continue;
			}
		}
		/* claim it; a request cancelled meanwhile is left alone */
		run(S_CLAIM, req, NULL);
		rows(p, S_STATUS, req, &u);
		if (u.n != 1 || PF_CELL(&u, 0, 0)->i != 1)
			continue;
		hold_of(p, user, "en", &found, &reason, &until);
		if (found) {
			rows(p, S_USER, user, &u);
			changed = 0;
			if ((rc = pf_tx(rq, held_commit, &(struct held){ req, user,
			    u.n ? (unsigned long long)PF_CELL(&u, 0, 1)->i : 0 })) != 0)
				die("gdpr: marking request %llu held failed (%d)", req, rc);
			if (changed && by == user)
				tell_held(p, user);
			held++;
			continue;
		}
		docs += erase_user(user, req, 1, pf_psprintf(p, "request %llu", req));
		erased++;
	}
	printf("gdpr erase: %zu users erased (%zu documents they created), %zu held by a "
	    "legal hold\n", erased, docs, held);
	pf_pool_free(p);
	return 0;
}

static int
erase_one(unsigned long long user)
{
	struct pf_pool *p = pf_pool_new();
	struct pf_rows u, open;
	const char *reason, *until;
	unsigned long long req = 0;
	size_t docs;
	int found;

	rows(p, S_USER, user, &u);
	if (u.n == 0)
		die("gdpr erase: no user %llu", user);
	hold_of(p, user, "en", &found, &reason, &until);
	if (found) {
		fprintf(stderr, "pforte-admin: user %llu is under a legal hold until %s: %s\n"
		    "Nothing erased.  Remove the hold in the administration "
		    "(/privacy/admin/erasures) when it no longer applies.\n", user, until,
		    reason);
		pf_pool_free(p);
		return 1;
	}
	rows(p, S_OPEN_OF, user, &open);
	if (open.n > 0)
		req = (unsigned long long)PF_CELL(&open, 0, 0)->i;
	docs = erase_user(user, req, 1, "pforte-admin gdpr erase --user");
	printf("gdpr erase: user %llu erased (%zu documents they created)\n", user, docs);
	pf_pool_free(p);
	return 0;
}

static int
cmd_journal(void)
{
	const char *path = pf_conf_str("Gdpr.Journal");
	char line[256];
	FILE *f;

	if ((f = fopen(path, "re")) == NULL) {
		if (errno == ENOENT) {
			printf("# %s: no erasures yet\n", path);
			return 0;
		}
		die("gdpr: journal %s: %s", path, strerror(errno));
	}
	printf("# %s: user, erased at (UTC), request (0: none)\n", path);
	while (fgets(line, sizeof(line), f) != NULL)
		fputs(line, stdout);
	fclose(f);
	return 0;
}

/*
 * After a restore: erase again everyone the journal names.  Called by
 * cmd_restore (backup.c) once the database is loaded; reports on stdout.
 */
void
gdpr_replay(void)
{
	struct pf_pool *p;
	unsigned long long *ids, max = 0;
	struct pf_rows u;
	size_t i, n, back = 0;
	char stmt[96];

	ids = journal_read(&n, 0);
	if (n == 0) {
		printf("erasure journal %s: nothing to replay\n", pf_conf_str("Gdpr.Journal"));
		free(ids);
		return;
	}
	p = pf_pool_new();
	gdpr_db();
	for (i = 0; i < n; i++) {
		if (ids[i] > max)
			max = ids[i];
		rows(p, S_USER, ids[i], &u);
		if (u.n > 0) {
			printf("erasure journal: user %llu was in the backup: erased again\n",
			    ids[i]);
			back++;
		}
		/* rows (if any) and, always, the keys the backup brought back */
		erase_user(ids[i], 0, 0, "replay after restore");
		pf_pool_reset(p);
	}
	gdpr_close();
	/* no new account may get an erased person's number (m: main.c's
	 * connection of the migration account) */
	snprintf(stmt, sizeof(stmt), "ALTER TABLE users AUTO_INCREMENT = %llu", max + 1);
	query(stmt);
	printf("erasure journal replayed: %zu entries, %zu users erased again, keys of all "
	    "destroyed again\n", n, back);
	pf_pool_free(p);
	free(ids);
}

int
cmd_gdpr(int argc, char **argv)
{
	unsigned long long user = 0;
	int rc;

	if (argc >= 1 && strcmp(argv[0], "journal") == 0 && argc == 1)
		return cmd_journal();
	if (argc < 1 || strcmp(argv[0], "erase") != 0)
		die("usage: gdpr erase [--user ID] | gdpr journal");
	if (argc == 3 && strcmp(argv[1], "--user") == 0) {
		if ((user = parse_id(argv[2])) == 0)
			die("gdpr erase: --user needs a user number");
	} else if (argc != 1)
		die("usage: gdpr erase [--user ID]");
	gdpr_db();
	rc = user ? erase_one(user) : erase_due();
	gdpr_close();
	return rc;
}
