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
 * Retention (issue 9): what the portal keeps about people goes after its
 * period from the configuration (0 keeps it):
 *
 *   - sessions expired more than Retention.SessionDays ago (their e-mail
 *     and SMS codes with them), and one-time links used or expired as
 *     long ago;
 *   - login history last seen more than Retention.LoginHistoryDays ago:
 *     countries and browsers a user signed in from, the last sign-in's
 *     position, failure counters (never one whose lock is still on);
 *   - invitations not taken up within Retention.InvitationDays: the
 *     invited account (never signed in, no newer invitation, no legal
 *     hold) has its data key destroyed and its row deleted;
 *   - links confirming a new e-mail address older than
 *     Retention.UnverifiedDays (with the address they carry);
 *   - minimisation: client addresses in records older than Privacy.IPDays
 *     are cut to their network (IPv4 /24, IPv6 /48: the host part zeroed)
 *     and sealed again under the same owner's key and AAD: sessions, the
 *     legal texts' and the consents' ledgers, alerts; the last sign-in's
 *     position goes altogether.
 *
 * The audit trail is not purged here: its rows are a hash chain and go
 * only from its oldest end, through `pforte-admin audit purge`
 * (Audit.RetentionDays), which also takes their sealed addresses along
 * (a row's mac covers its ip_enc, so it is never rewritten).
 *
 * Everything goes in small batches, each its own short transaction: a
 * DELETE ... LIMIT 1000 repeated until nothing is left, never one
 * statement over a whole table.  Keycloak users report purge jobs that
 * locked the database at ~20 M rows (and a Galera cluster refuses a
 * write set that large); a batch holds its few locks only briefly, so
 * sign-ins go on while purge runs.
 *
 * Chunks go in small batches, each its own statement, so that purging a
 * large file is never one huge transaction (or Galera write set).
 *
 * One line per kind on stdout says what went.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
	/* retention */
	S_SESSIONS,
	S_CODES,
	S_LINKS,
	S_VERIFY,
	S_PLACES,
	S_DEVICES,
	S_LAST,
	S_THROTTLE,
	S_INVITED,
	S_INVITED_LOCK,
	S_INVITED_DROP,
	/* minimisation: (id, owner, sealed value) of rows older than ?, from
	 * id ? on; the row again, locked; its new value */
	S_IP_SESS,
	S_IP_SESS_LOCK,
	S_IP_SESS_SET,
	S_IP_LEGAL,
	S_IP_LEGAL_LOCK,
	S_IP_LEGAL_SET,
	S_IP_CONSENT,
	S_IP_CONSENT_LOCK,
	S_IP_CONSENT_SET,
	S_IP_ALERT,
	S_IP_ALERT_LOCK,
	S_IP_ALERT_SET,
	S_IP_LAST,
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
	/* retention: every DELETE takes at most BATCH rows (see the top) */
	[S_SESSIONS - PF_SQL_APP] =
	    "DELETE FROM sessions WHERE expires_at < UTC_TIMESTAMP(6) - INTERVAL ? DAY "
	    "ORDER BY expires_at LIMIT 1000",
	[S_CODES - PF_SQL_APP] =
	    "DELETE FROM auth_codes WHERE expires_at < UTC_TIMESTAMP(6) - INTERVAL ? DAY "
	    "ORDER BY id LIMIT 1000",
	/* verify links have their own period */
	[S_LINKS - PF_SQL_APP] =
	    "DELETE FROM auth_tokens WHERE kind <> 'verify' "
	    "AND (expires_at < UTC_TIMESTAMP(6) - INTERVAL ? DAY "
	    "OR used_at < UTC_TIMESTAMP(6) - INTERVAL ? DAY) ORDER BY id LIMIT 1000",
	[S_VERIFY - PF_SQL_APP] =
	    "DELETE FROM auth_tokens WHERE kind = 'verify' "
	    "AND created_at < UTC_TIMESTAMP(6) - INTERVAL ? DAY ORDER BY id LIMIT 1000",
	[S_PLACES - PF_SQL_APP] =
	    "DELETE FROM signin_places WHERE last_at < UTC_TIMESTAMP(6) - INTERVAL ? DAY "
	    "ORDER BY user_id, place LIMIT 1000",
	[S_DEVICES - PF_SQL_APP] =
	    "DELETE FROM known_devices WHERE last_at < UTC_TIMESTAMP(6) - INTERVAL ? DAY "
	    "ORDER BY user_id, device LIMIT 1000",
	[S_LAST - PF_SQL_APP] =
	    "DELETE FROM signin_last WHERE at < UTC_TIMESTAMP(6) - INTERVAL ? DAY "
	    "ORDER BY user_id LIMIT 1000",
	/* a lock still on stays, however old its last failure */
	[S_THROTTLE - PF_SQL_APP] =
	    "DELETE FROM auth_throttle WHERE last_at < UTC_TIMESTAMP(6) - INTERVAL ? DAY "
	    "AND (locked_until IS NULL OR locked_until < UTC_TIMESTAMP(6)) "
	    "ORDER BY last_at LIMIT 1000",
	/* invited before the period, never set up, not invited again since,
	 * not held (a plain read: each is locked and checked again below) */
	[S_INVITED - PF_SQL_APP] =
	    "SELECT u.id FROM users u WHERE u.status = 'invited' AND u.id > ? "
	    "AND u.created_at < UTC_TIMESTAMP(6) - INTERVAL ? DAY "
	    "AND NOT EXISTS (SELECT 1 FROM auth_tokens t WHERE t.user_id = u.id "
	    "AND t.kind = 'setup' AND t.created_at >= UTC_TIMESTAMP(6) - INTERVAL ? DAY) "
	    "AND NOT EXISTS (SELECT 1 FROM legal_holds h WHERE h.user_id = u.id "
	    "AND h.until_at > UTC_TIMESTAMP(6)) ORDER BY u.id LIMIT 1000",
	[S_INVITED_LOCK - PF_SQL_APP] =
	    "SELECT id FROM users WHERE id = ? AND status = 'invited' "
	    "AND created_at < UTC_TIMESTAMP(6) - INTERVAL ? DAY FOR UPDATE",
	[S_INVITED_DROP - PF_SQL_APP] =
	    "DELETE FROM users WHERE id = ? AND status = 'invited'",
	/* minimisation: plain reads find the rows, FOR UPDATE locks one */
	[S_IP_SESS - PF_SQL_APP] =
	    "SELECT id, user_id, ip_enc FROM sessions WHERE id > ? AND ip_enc IS NOT NULL "
	    "AND created_at < UTC_TIMESTAMP(6) - INTERVAL ? DAY ORDER BY id LIMIT 500",
	[S_IP_SESS_LOCK - PF_SQL_APP] =
	    "SELECT id, user_id, ip_enc FROM sessions WHERE id = ? FOR UPDATE",
	[S_IP_SESS_SET - PF_SQL_APP] =
	    "UPDATE sessions SET ip_enc = ? WHERE id = ?",
	[S_IP_LEGAL - PF_SQL_APP] =
	    "SELECT id, user_id, ip_enc FROM legal_acceptances WHERE id > ? "
	    "AND ip_enc IS NOT NULL AND accepted_at < UTC_TIMESTAMP(6) - INTERVAL ? DAY "
	    "ORDER BY id LIMIT 500",
	[S_IP_LEGAL_LOCK - PF_SQL_APP] =
	    "SELECT id, user_id, ip_enc FROM legal_acceptances WHERE id = ? FOR UPDATE",
	[S_IP_LEGAL_SET - PF_SQL_APP] =
	    "UPDATE legal_acceptances SET ip_enc = ? WHERE id = ?",
	[S_IP_CONSENT - PF_SQL_APP] =
	    "SELECT id, user_id, ip_enc FROM consent_log WHERE id > ? "
	    "AND ip_enc IS NOT NULL AND changed_at < UTC_TIMESTAMP(6) - INTERVAL ? DAY "
	    "ORDER BY id LIMIT 500",
	[S_IP_CONSENT_LOCK - PF_SQL_APP] =
	    "SELECT id, user_id, ip_enc FROM consent_log WHERE id = ? FOR UPDATE",
	[S_IP_CONSENT_SET - PF_SQL_APP] =
	    "UPDATE consent_log SET ip_enc = ? WHERE id = ?",
	/* alerts are sealed under the system key (owner 0) */
	[S_IP_ALERT - PF_SQL_APP] =
	    "SELECT id, 0, detail_enc FROM alerts WHERE id > ? AND detail_enc IS NOT NULL "
	    "AND created_at < UTC_TIMESTAMP(6) - INTERVAL ? DAY ORDER BY id LIMIT 500",
	[S_IP_ALERT_LOCK - PF_SQL_APP] =
	    "SELECT id, 0, detail_enc FROM alerts WHERE id = ? FOR UPDATE",
	[S_IP_ALERT_SET - PF_SQL_APP] =
	    "UPDATE alerts SET detail_enc = ? WHERE id = ?",
	[S_IP_LAST - PF_SQL_APP] =
	    "DELETE FROM signin_last WHERE at < UTC_TIMESTAMP(6) - INTERVAL ? DAY "
	    "ORDER BY user_id LIMIT 1000",
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

/* A DELETE ... LIMIT run until nothing is left: small transactions (each
 * statement commits on its own). */
static unsigned long long
drain_args(unsigned id, const struct pf_val *args, size_t nargs)
{
	unsigned long long n, all = 0;

	do {
		run(id, args, nargs, &n);
		all += n;
	} while (n > 0);
	return all;
}

static unsigned long long
drain(unsigned id)
{
	return drain_args(id, NULL, 0);
}

/* ---- retention ---------------------------------------------------------- */

#define FIND_BATCH	1000	/* S_INVITED's LIMIT */
#define TRIM_BATCH	500	/* S_IP_*'s LIMIT */

static unsigned long long
u64(const struct pf_val *v)
{
	return v->type == PF_V_INT ? (unsigned long long)v->i : 0;
}

static void
begin(void)
{
	if (pf_db_begin(db) != PF_DB_OK)
		die("purge: cannot begin a transaction; run it again");
}

static void
commit(void)
{
	if (pf_db_commit(db) != PF_DB_OK)
		die("purge: a transaction failed to commit (see the log above); run it again");
}

/* Invited accounts nobody took up: each in its own transaction, the row
 * locked and checked again (the invitation may be accepted meanwhile),
 * the data key destroyed first (what was sealed for the person is gone
 * in every backup too), then the row, which takes its tokens, roles and
 * the rest along (ON DELETE CASCADE). */
static unsigned long long
invitations(long long days)
{
	struct pf_pool *p = pf_pool_new();
	unsigned long long last = 0, gone = 0, id, n;
	struct pf_rows r, l;
	size_t i;

	do {
		pf_pool_reset(p);
		ids(p, S_INVITED, PF_ARGS(PF_INT((long long)last), PF_INT(days), PF_INT(days)), &r);
		for (i = 0; i < r.n; i++) {
			id = last = u64(PF_CELL(&r, i, 0));
			begin();
			ids(p, S_INVITED_LOCK, PF_ARGS(PF_INT((long long)id), PF_INT(days)), &l);
			if (l.n == 1) {
				if (pf_key_destroy(db, PF_KS_USER, id) != PF_C_OK)
					die("purge: destroying the key of invited user %llu failed; "
					    "run it again", id);
				run(S_INVITED_DROP, PF_ARGS(PF_INT((long long)id)), &n);
				gone += n;
			}
			commit();
		}
	} while (r.n == FIND_BATCH);
	pf_pool_free(p);
	return gone;
}

/* The network of an address: IPv4 /24, IPv6 /48 (an IPv4-mapped one as
 * IPv4), the host part zeroed.  -1 when ip (len bytes) is no address. */
static int
network(const char *ip, size_t len, char out[INET6_ADDRSTRLEN])
{
	char in[INET6_ADDRSTRLEN];
	struct in6_addr a6;
	unsigned char a4[4];

	if (len == 0 || len >= sizeof(in))
		return -1;
	memcpy(in, ip, len);
	in[len] = '\0';
	if (inet_pton(AF_INET, in, a4) == 1) {
		a4[3] = 0;
		return inet_ntop(AF_INET, a4, out, INET6_ADDRSTRLEN) ? 0 : -1;
	}
	if (inet_pton(AF_INET6, in, &a6) != 1)
		return -1;
	if (IN6_IS_ADDR_V4MAPPED(&a6))
		a6.s6_addr[15] = 0;
	else
		memset(a6.s6_addr + 6, 0, 10);
	return inet_ntop(AF_INET6, &a6, out, INET6_ADDRSTRLEN) ? 0 : -1;
}

/* A table whose client addresses are cut after Privacy.IPDays. */
struct trim {
	const char	*table, *column;
	unsigned	 find, lock, set;
	enum pf_kscope	 scope;
	int		 json;	/* the address is the "ip" member of a JSON object */
};

static const struct trim trims[] = {
	{ "sessions", "ip_enc", S_IP_SESS, S_IP_SESS_LOCK, S_IP_SESS_SET, PF_KS_USER, 0 },
	{ "legal_acceptances", "ip_enc", S_IP_LEGAL, S_IP_LEGAL_LOCK, S_IP_LEGAL_SET,
	  PF_KS_USER, 0 },
	{ "consent_log", "ip_enc", S_IP_CONSENT, S_IP_CONSENT_LOCK, S_IP_CONSENT_SET,
	  PF_KS_USER, 0 },
	{ "alerts", "detail_enc", S_IP_ALERT, S_IP_ALERT_LOCK, S_IP_ALERT_SET,
	  PF_KS_SYSTEM, 1 },
};

/* The value of row id with its address cut, in pool p; NULL when there is
 * nothing to cut (already cut, no address, or the key is gone: an erased
 * user's rows are unreadable anyway). */
static const char *
trimmed(struct pf_pool *p, const struct trim *t, unsigned long long id,
    const struct pf_val *sealed)
{
	char net[INET6_ADDRSTRLEN];
	const char *s, *a, *e;
	struct pf_val v;
	enum pf_cerr c;

	c = pf_open(db, p, PF_AT(t->table, t->column, id), sealed, &v);
	if (c == PF_C_NOKEY)
		return NULL;
	if (c != PF_C_OK) {
		fprintf(stderr, "purge: %s.%s of row %llu does not open (%s); left as it is\n",
		    t->table, t->column, id, pf_crypt_strerror(c));
		return NULL;
	}
	if (v.type != PF_V_STR)
		return NULL;
	s = v.s;
	if (!t->json)
		a = s, e = s + v.len;
	else {
		if ((a = strstr(s, "\"ip\":\"")) == NULL)
			return NULL;
		a += 6;
		if ((e = strchr(a, '"')) == NULL)
			return NULL;
	}
	if (network(a, (size_t)(e - a), net) < 0 ||
	    ((size_t)(e - a) == strlen(net) && memcmp(a, net, strlen(net)) == 0))
		return NULL;
	return pf_psprintf(p, "%.*s%s%s", (int)(a - s), s, net, e);
}

/* Cut the addresses of one table's rows older than days: a plain read
 * finds TRIM_BATCH rows at a time and opens them; those still holding a
 * whole address are locked one by one, read again, cut and sealed again
 * under the active key of the same owner with the same AAD, the batch in
 * one short transaction. */
static unsigned long long
trim_table(const struct trim *t, long long days)
{
	struct pf_pool *p = pf_pool_new();
	unsigned long long last = 0, done = 0, id;
	struct pf_rows r, l;
	struct pf_val sealed;
	const char *cut;
	enum pf_cerr c;
	size_t i;
	int open;

	do {
		pf_pool_reset(p);
		ids(p, t->find, PF_ARGS(PF_INT((long long)last), PF_INT(days)), &r);
		open = 0;
		for (i = 0; i < r.n; i++) {
			id = last = u64(PF_CELL(&r, i, 0));
			if (trimmed(p, t, id, PF_CELL(&r, i, 2)) == NULL)
				continue;
			if (!open) {
				begin();
				open = 1;
			}
			ids(p, t->lock, PF_ARGS(PF_INT((long long)id)), &l);
			if (l.n != 1 || (cut = trimmed(p, t, id, PF_CELL(&l, 0, 2))) == NULL)
				continue;
			if ((c = pf_seal(db, p, t->scope, u64(PF_CELL(&l, 0, 1)),
			    PF_AT(t->table, t->column, id), cut, strlen(cut), &sealed)) != PF_C_OK)
				die("purge: sealing %s.%s of row %llu failed (%s); run it again",
				    t->table, t->column, id, pf_crypt_strerror(c));
			run(t->set, PF_ARGS(sealed, PF_INT((long long)id)), NULL);
			done++;
		}
		if (open)
			commit();
	} while (r.n == TRIM_BATCH);
	pf_pool_free(p);
	return done;
}

/* "N what", or "kept (Key = 0)" when the period is 0. */
static void
report(const char *kind, long long days, const char *key, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void
report(const char *kind, long long days, const char *key, const char *fmt, ...)
{
	va_list ap;

	printf("%s: ", kind);
	if (days == 0)
		printf("kept (%s = 0)", key);
	else {
		va_start(ap, fmt);
		vprintf(fmt, ap);
		va_end(ap);
		printf(" (%s = %lld)", key, days);
	}
	putchar('\n');
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
	long long sd = pf_conf_int("Retention.SessionDays");
	long long hd = pf_conf_int("Retention.LoginHistoryDays");
	long long id_ = pf_conf_int("Retention.InvitationDays");
	long long ud = pf_conf_int("Retention.UnverifiedDays");
	long long ipd = pf_conf_int("Privacy.IPDays");
	unsigned long long id, docs, versions, stale, keys = 0, codes, tokens, parts;
	unsigned long long n[4] = { 0 }, cut[sizeof(trims) / sizeof(trims[0])] = { 0 }, pos = 0;
	struct pf_rows r;
	size_t i;

	(void)argv;
	if (argc != 0)
		die("usage: purge   (erases what is past its retention period: Documents.RetentionDays, "
		    "Retention.*, Privacy.IPDays)");
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
	/* Sessions first: the sign-in records of those it ends go below. */
	if (sd > 0) {
		n[0] = drain_args(S_SESSIONS, PF_ARGS(PF_INT(sd)));
		n[1] = drain_args(S_CODES, PF_ARGS(PF_INT(sd)));
		n[2] = drain_args(S_LINKS, PF_ARGS(PF_INT(sd), PF_INT(sd)));
	}
	codes = drain(S_SSO_CODES);
	tokens = drain(S_SSO_TOKENS);
	parts = drain(S_SSO_PARTICIPANTS);
	/* Documents.RetentionDays 0 erases at the next run: the users deleted
	 * them, soft deletion is only a grace period. */
	printf("documents: %llu documents and %llu versions deleted more than %lld days ago "
	    "(Documents.RetentionDays), %llu interrupted uploads, %llu orphaned document keys\n",
	    docs, versions, days, stale, keys);
	printf("single sign-on: %llu expired authorization codes, %llu expired tokens, "
	    "%llu sign-in records of ended sessions\n", codes, tokens, parts);

	report("sessions", sd, "Retention.SessionDays", "%llu sessions expired more than %lld "
	    "days ago, %llu second-factor codes, %llu one-time links used or expired as long ago",
	    n[0], sd, n[1], n[2]);
	memset(n, 0, sizeof(n));
	if (hd > 0) {
		n[0] = drain_args(S_PLACES, PF_ARGS(PF_INT(hd)));
		n[1] = drain_args(S_DEVICES, PF_ARGS(PF_INT(hd)));
		n[2] = drain_args(S_LAST, PF_ARGS(PF_INT(hd)));
		n[3] = drain_args(S_THROTTLE, PF_ARGS(PF_INT(hd)));
	}
	report("login history", hd, "Retention.LoginHistoryDays", "%llu sign-in countries, "
	    "%llu known browsers, %llu last sign-in positions, %llu failure counters last seen "
	    "more than %lld days ago", n[0], n[1], n[2], n[3], hd);
	report("invitations", id_, "Retention.InvitationDays", "%llu invited accounts not set up "
	    "within %lld days, their data keys destroyed", id_ > 0 ? invitations(id_) : 0, id_);
	report("address verifications", ud, "Retention.UnverifiedDays", "%llu links confirming a "
	    "new e-mail address older than %lld days", ud > 0 ?
	    drain_args(S_VERIFY, PF_ARGS(PF_INT(ud))) : 0, ud);
	if (ipd > 0) {
		for (i = 0; i < sizeof(trims) / sizeof(trims[0]); i++)
			cut[i] = trim_table(&trims[i], ipd);
		pos = drain_args(S_IP_LAST, PF_ARGS(PF_INT(ipd)));
	}
	report("client addresses", ipd, "Privacy.IPDays", "cut to their network in %llu sessions, "
	    "%llu legal text acceptances, %llu consent changes, %llu alerts older than %lld days; "
	    "%llu last sign-in positions dropped", cut[0], cut[1], cut[2], cut[3], ipd, pos);
	printf("audit: not purged here: its rows are a hash chain and go only from its oldest "
	    "end, addresses with them: pforte-admin audit purge (Audit.RetentionDays = %lld)\n",
	    pf_conf_int("Audit.RetentionDays"));
	pf_db_free(db);
	pf_pool_free(p);
	return 0;
}
