/*
 * db.c: one MariaDB connection per process, prepared statements only.
 *
 * Statements come from two fixed tables (libpforte's and the program's)
 * and are prepared on first use.  Connector/C's own auto-reconnect is off:
 * it silently drops session settings and prepared statements.  Instead a
 * lost connection is noticed here, the statements are discarded, and the
 * next use reconnects; a statement outside a transaction is retried once
 * on a fresh connection, inside a transaction the caller gets
 * PF_DB_UNAVAILABLE and the whole request fails (nothing half-applied).
 *
 * Errors are logged with the statement id and error number only: server
 * messages can quote row data (e.g. a duplicate e-mail address).
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include <errmsg.h>
#include <mysql.h>
#include <mysqld_error.h>

#include "pf-int.h"

#define MAX_PARAMS	32
#define IO_TIMEOUT	10
#define RETRY_AFTER	1	/* seconds between connection attempts */

static const char *const libsql[PF_SQL_APP] = {
	[PF_SQL_MAINT_BANNER] =
	    "SELECT title_de, title_en, starts_at, ends_at, starts_at <= UTC_TIMESTAMP() "
	    "FROM maintenance_windows WHERE ends_at > UTC_TIMESTAMP() "
	    "AND starts_at <= UTC_TIMESTAMP() + INTERVAL 1 DAY "
	    "ORDER BY starts_at LIMIT 1",
	/* keys.c */
	[PF_SQL_KEY_ACTIVE] =
	    "SELECT id, kek, wrapped FROM data_keys "
	    "WHERE scope = ? AND owner = ? AND state = 'active' LOCK IN SHARE MODE",
	[PF_SQL_KEY_BY_ID] =
	    "SELECT scope, owner, kek, wrapped FROM data_keys WHERE id = ?",
	[PF_SQL_KEY_INSERT] =
	    "INSERT INTO data_keys (scope, owner, kek, wrapped) VALUES (?, ?, ?, ?)",
	[PF_SQL_KEY_DESTROY] =
	    "UPDATE data_keys SET wrapped = NULL, state = 'retired', "
	    "retired_at = UTC_TIMESTAMP(6) WHERE scope = ? AND owner = ?",
	[PF_SQL_KEY_INDEX] =
	    "SELECT id FROM data_keys WHERE scope = 'index' AND owner = 0 "
	    "AND state IN ('active', 'retiring') ORDER BY state = 'active' DESC, id DESC",
	/* account.c */
	[PF_SQL_USER_INSERT] =
	    "INSERT INTO users (lang) VALUES (?)",
	[PF_SQL_USER_SEAL] =
	    "UPDATE users SET email_bidx = ?, email_enc = ?, name_enc = ?, phone_enc = ?, "
	    "updated_at = UTC_TIMESTAMP(6) WHERE id = ?",
	[PF_SQL_USER_BY_BIDX] =
	    "SELECT id FROM users WHERE email_bidx IN (?, ?)",
	[PF_SQL_USER_BY_ID] =
	    "SELECT email_enc, name_enc, phone_enc, lang, status, org_id "
	    "FROM users WHERE id = ?",
	[PF_SQL_USER_UPDATE] =
	    "UPDATE users SET name_enc = ?, phone_enc = ?, updated_at = UTC_TIMESTAMP(6) "
	    "WHERE id = ?",
	[PF_SQL_USER_PW] =
	    "SELECT pw_enc, status FROM users WHERE id = ?",
	[PF_SQL_USER_SET_PW] =
	    "UPDATE users SET pw_enc = ?, pw_changed_at = UTC_TIMESTAMP(6), "
	    "status = IF(? AND status = 'invited', 'active', status), "
	    "email_verified_at = IF(?, IFNULL(email_verified_at, UTC_TIMESTAMP(6)), "
	    "email_verified_at), updated_at = UTC_TIMESTAMP(6) WHERE id = ?",
	/* session.c */
	[PF_SQL_SESS_INSERT] =
	    "INSERT INTO sessions (token_hash, user_id, level, first_method, mailbox, "
	    "next_path, expires_at) VALUES (?, ?, ?, ?, ?, ?, "
	    "UTC_TIMESTAMP(6) + INTERVAL ? MINUTE)",
	[PF_SQL_SESS_SEAL] =
	    "UPDATE sessions SET ip_enc = ?, ua_enc = ? WHERE id = ?",
	/* Only sessions of usable accounts count: disabling a user ends
	 * them.  Also: a confirmed authenticator, a phone on file. */
	[PF_SQL_SESS_LOAD] =
	    "SELECT s.id, s.user_id, s.level, s.first_method, "
	    "IFNULL(s.second_method, ''), s.mailbox, s.next_path, "
	    "TIMESTAMPDIFF(SECOND, s.last_seen, UTC_TIMESTAMP(6)), "
	    "s.expires_at > UTC_TIMESTAMP(6), "
	    "t.confirmed <=> 1, u.phone_enc IS NOT NULL, "
	    "IFNULL(TIMESTAMPDIFF(SECOND, s.second_at, UTC_TIMESTAMP(6)), -1), "
	    "IFNULL(u.org_id, 0) "
	    "FROM sessions s JOIN users u ON u.id = s.user_id "
	    "LEFT JOIN totp t ON t.user_id = s.user_id "
	    "LEFT JOIN orgs o ON o.id = u.org_id "
	    "WHERE s.token_hash = ? AND u.status = 'active' "
	    "AND (o.id IS NULL OR o.status = 'active')",
	[PF_SQL_SESS_TOUCH] =
	    "UPDATE sessions SET last_seen = UTC_TIMESTAMP(6) WHERE id = ?",
	[PF_SQL_SESS_ELEVATE] =
	    "UPDATE sessions SET token_hash = ?, level = 2, second_method = ?, "
	    "second_at = UTC_TIMESTAMP(6), "
	    "last_seen = UTC_TIMESTAMP(6), expires_at = created_at + INTERVAL ? HOUR "
	    "WHERE id = ?",
	[PF_SQL_SESS_MAILBOX] =
	    "UPDATE sessions SET mailbox = 1 WHERE id = ?",
	[PF_SQL_SESS_DELETE] =
	    "DELETE FROM sessions WHERE id = ?",
	[PF_SQL_SESS_DELETE_USER] =
	    "DELETE FROM sessions WHERE user_id = ? AND id <> ?",
	[PF_SQL_SESS_PURGE] =
	    "DELETE FROM sessions WHERE expires_at < UTC_TIMESTAMP(6) "
	    "OR last_seen < UTC_TIMESTAMP(6) - INTERVAL ? MINUTE LIMIT 200",
	/* token.c */
	[PF_SQL_TOK_INVALIDATE] =
	    "UPDATE auth_tokens SET used_at = UTC_TIMESTAMP(6) "
	    "WHERE user_id = ? AND kind = ? AND used_at IS NULL",
	[PF_SQL_TOK_INSERT] =
	    "INSERT INTO auth_tokens (kind, token_hash, user_id, next_path, expires_at) "
	    "VALUES (?, ?, ?, ?, UTC_TIMESTAMP(6) + INTERVAL ? MINUTE)",
	[PF_SQL_TOK_PEEK] =
	    "SELECT user_id, next_path FROM auth_tokens WHERE token_hash = ? AND kind = ? "
	    "AND used_at IS NULL AND expires_at > UTC_TIMESTAMP(6)",
	[PF_SQL_TOK_USE] =
	    "UPDATE auth_tokens SET used_at = UTC_TIMESTAMP(6) WHERE token_hash = ? "
	    "AND kind = ? AND used_at IS NULL AND expires_at > UTC_TIMESTAMP(6)",
	[PF_SQL_TOK_GET] =
	    "SELECT user_id, next_path FROM auth_tokens WHERE token_hash = ? AND kind = ?",
	/* throttle.c */
	[PF_SQL_THR_GET] =
	    "SELECT failures, TIMESTAMPDIFF(SECOND, last_at, UTC_TIMESTAMP(6)), "
	    "IFNULL(TIMESTAMPDIFF(SECOND, UTC_TIMESTAMP(6), locked_until), -1) "
	    "FROM auth_throttle WHERE kind = ? AND subject IN (?, ?) "
	    "ORDER BY failures DESC LIMIT 1",
	/* Failures are forgotten after a quiet window; after a lock has run
	 * out the count restarts just above the free attempts, so delays go
	 * on but a new lock needs a few more failures. */
	[PF_SQL_THR_FAIL] =
	    "INSERT INTO auth_throttle (kind, subject, failures) VALUES (?, ?, 1) "
	    "ON DUPLICATE KEY UPDATE "
	    "failures = IF(last_at < UTC_TIMESTAMP(6) - INTERVAL ? SECOND, 1, "
	    "IF(locked_until IS NOT NULL AND locked_until <= UTC_TIMESTAMP(6), ?, failures + 1)), "
	    "locked_until = IF(locked_until <= UTC_TIMESTAMP(6), NULL, locked_until), "
	    "last_at = UTC_TIMESTAMP(6)",
	[PF_SQL_THR_LOCK] =
	    "UPDATE auth_throttle SET locked_until = UTC_TIMESTAMP(6) + INTERVAL ? SECOND "
	    "WHERE kind = ? AND subject = ? AND failures >= ? AND locked_until IS NULL",
	[PF_SQL_THR_CLEAR] =
	    "DELETE FROM auth_throttle WHERE kind = ? AND subject IN (?, ?)",
	/* code.c */
	[PF_SQL_CODE_CLEAR] =
	    "UPDATE auth_codes SET used_at = UTC_TIMESTAMP(6) "
	    "WHERE session_id = ? AND channel = ? AND used_at IS NULL",
	[PF_SQL_CODE_INSERT] =
	    "INSERT INTO auth_codes (session_id, channel, code_hash, expires_at) "
	    "VALUES (?, ?, ?, UTC_TIMESTAMP(6) + INTERVAL ? MINUTE)",
	[PF_SQL_CODE_USE] =
	    "UPDATE auth_codes SET used_at = UTC_TIMESTAMP(6) WHERE session_id = ? "
	    "AND channel = ? AND code_hash = ? AND used_at IS NULL "
	    "AND expires_at > UTC_TIMESTAMP(6)",
	/* mfa.c */
	[PF_SQL_TOTP_GET] =
	    "SELECT id, secret_enc, confirmed, last_step FROM totp WHERE user_id = ?",
	[PF_SQL_TOTP_INSERT] =
	    "INSERT INTO totp (user_id, secret_enc) VALUES (?, '')",
	[PF_SQL_TOTP_SEAL] =
	    "UPDATE totp SET secret_enc = ? WHERE id = ?",
	/* The compare-and-set on last_step is what refuses a replayed code,
	 * also when two requests race with the same one. */
	[PF_SQL_TOTP_STEP] =
	    "UPDATE totp SET last_step = ?, confirmed = 1 "
	    "WHERE user_id = ? AND confirmed = ? AND last_step < ?",
	[PF_SQL_REC_DELETE] =
	    "DELETE FROM recovery_codes WHERE user_id = ?",
	[PF_SQL_REC_INSERT] =
	    "INSERT INTO recovery_codes (user_id, code_hash) VALUES (?, ?)",
	[PF_SQL_REC_USE] =
	    "UPDATE recovery_codes SET used_at = UTC_TIMESTAMP(6) "
	    "WHERE user_id = ? AND code_hash = ? AND used_at IS NULL",
	[PF_SQL_REC_LEFT] =
	    "SELECT COUNT(*) FROM recovery_codes WHERE user_id = ? AND used_at IS NULL",
	/* audit.c */
	[PF_SQL_AUDIT_HEAD] =
	    "SELECT last_id, last_mac FROM audit_head WHERE id = 1 FOR UPDATE",
	[PF_SQL_AUDIT_INSERT] =
	    "INSERT INTO audit_log (id, created_at, program, event, outcome, actor_id, "
	    "actor_org_id, user_id, org_id, object, session_id, request_id, detail, ip_enc, "
	    "ip_idx, net_idx, ua_enc, change_enc, mac_key, mac) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
	[PF_SQL_AUDIT_MOVE] =
	    "UPDATE audit_head SET last_id = ?, last_mac = ? WHERE id = 1",
	[PF_SQL_AUDIT_USER_ORG] =
	    "SELECT org_id FROM users WHERE id = ?",
	[PF_SQL_TOK_DATA] =
	    "UPDATE auth_tokens SET data_enc = ? WHERE id = ?",
	[PF_SQL_TOK_DATA_GET] =
	    "SELECT id, data_enc FROM auth_tokens WHERE token_hash = ? AND kind = ?",
	[PF_SQL_SESS_NEXT] =
	    "UPDATE sessions SET next_path = ? WHERE id = ?",
	/* The grants in force: unexpired, of an active user, org-scoped
	 * ones only in the organisation they were given in, and only
	 * while it is active. */
	[PF_SQL_PERM_LOAD] =
	    "SELECT rp.permission, r.scope "
	    "FROM users u JOIN user_roles ur ON ur.user_id = u.id "
	    "JOIN roles r ON r.id = ur.role_id "
	    "JOIN role_permissions rp ON rp.role_id = r.id "
	    "LEFT JOIN orgs o ON o.id = u.org_id "
	    "WHERE u.id = ? AND u.status = 'active' "
	    "AND (ur.expires_at IS NULL OR ur.expires_at > UTC_TIMESTAMP(6)) "
	    "AND (o.id IS NULL OR o.status = 'active') "
	    "AND (r.scope = 'global' OR (ur.org_id = u.org_id AND o.id IS NOT NULL))",
	[PF_SQL_ROLE_GET] =
	    "SELECT name, scope, approval, label_de, label_en, requestable, builtin "
	    "FROM roles WHERE id = ?",
	[PF_SQL_ROLE_GRANT] =
	    "INSERT INTO user_roles (user_id, role_id, org_id, granted_by, expires_at) "
	    "SELECT u.id, r.id, IF(r.scope = 'org', u.org_id, NULL), ?, ? "
	    "FROM users u JOIN roles r WHERE u.id = ? AND r.id = ? "
	    "ON DUPLICATE KEY UPDATE org_id = VALUES(org_id), granted_by = VALUES(granted_by), "
	    "granted_at = UTC_TIMESTAMP(6), expires_at = VALUES(expires_at)",
	[PF_SQL_ROLE_REVOKE] =
	    "DELETE FROM user_roles WHERE user_id = ? AND role_id = ?",
	[PF_SQL_ROLE_HELD] =
	    "SELECT IFNULL(expires_at, '') FROM user_roles WHERE user_id = ? AND role_id = ?",
	[PF_SQL_USER_SET_EMAIL] =
	    "UPDATE users SET email_bidx = ?, email_enc = ?, "
	    "email_verified_at = UTC_TIMESTAMP(6), updated_at = UTC_TIMESTAMP(6) WHERE id = ?",
	[PF_SQL_ORG_STATUS] =
	    "SELECT status FROM orgs WHERE id = ?",
	/* the security notices in force, newest first (pf_notices_set) */
	[PF_SQL_NOTICES] =
	    "SELECT title_de, title_en, body_de, body_en, published_at, severity "
	    "FROM security_notices WHERE published_at <= UTC_TIMESTAMP() "
	    "AND (expires_at IS NULL OR expires_at > UTC_TIMESTAMP()) "
	    "ORDER BY published_at DESC LIMIT 10",
	/* alert.c.  Counts cover (at - minutes, at] of the event that is
	 * checked, so a rule fires on the event that reaches its threshold. */
	/* Counts stop at the threshold (the last ?): an address that fails
	 * all day costs each new failure a look at a few rows, not its day. */
	[PF_SQL_ALERT_FAIL_USER] =
	    "SELECT COUNT(*) FROM (SELECT 1 FROM audit_log WHERE user_id = ? "
	    "AND event = 'auth.login.failure' "
	    "AND created_at > CAST(? AS DATETIME(6)) - INTERVAL ? MINUTE "
	    "AND created_at <= CAST(? AS DATETIME(6)) LIMIT ?) t",
	[PF_SQL_ALERT_FAIL_IP] =
	    "SELECT COUNT(*), COUNT(DISTINCT user_id) FROM (SELECT user_id FROM audit_log "
	    "WHERE ip_idx = ? AND event = 'auth.login.failure' "
	    "AND created_at > CAST(? AS DATETIME(6)) - INTERVAL ? MINUTE "
	    "AND created_at <= CAST(? AS DATETIME(6)) LIMIT ?) t",
	[PF_SQL_ALERT_FAIL_NET] =
	    "SELECT COUNT(*), COUNT(DISTINCT user_id) FROM (SELECT user_id FROM audit_log "
	    "WHERE net_idx = ? AND event = 'auth.login.failure' "
	    "AND created_at > CAST(? AS DATETIME(6)) - INTERVAL ? MINUTE "
	    "AND created_at <= CAST(? AS DATETIME(6)) LIMIT ?) t",
	[PF_SQL_ALERT_DOWNLOADS] =
	    "SELECT COUNT(*) FROM (SELECT 1 FROM audit_log WHERE actor_id = ? "
	    "AND event = 'document.downloaded' "
	    "AND created_at > CAST(? AS DATETIME(6)) - INTERVAL ? MINUTE "
	    "AND created_at <= CAST(? AS DATETIME(6)) LIMIT ?) t",
	/* the role's scope and how many of the listed permissions it has */
	[PF_SQL_ALERT_ROLE_ADMIN] =
	    "SELECT r.scope, r.name, COUNT(p.permission) FROM roles r "
	    "LEFT JOIN role_permissions p ON p.role_id = r.id AND FIND_IN_SET(p.permission, ?) "
	    "WHERE r.id = ? GROUP BY r.id, r.scope, r.name",
	/* locks the range, so two requests cannot both raise the same alert */
	[PF_SQL_ALERT_DEDUP] =
	    "SELECT id FROM alerts WHERE dedup IN (?, ?) "
	    "AND created_at > UTC_TIMESTAMP(6) - INTERVAL ? MINUTE LIMIT 1 FOR UPDATE",
	[PF_SQL_ALERT_INSERT] =
	    "INSERT INTO alerts (rule, severity, user_id, org_id, audit_id, dedup) "
	    "VALUES (?, ?, ?, ?, ?, ?)",
	[PF_SQL_ALERT_SEAL] =
	    "UPDATE alerts SET detail_enc = ? WHERE id = ?",
	[PF_SQL_ALERT_PLACES] =
	    "SELECT COUNT(*), CAST(IFNULL(SUM(place IN (?, ?)), 0) AS SIGNED) FROM signin_places "
	    "WHERE user_id = ? FOR UPDATE",
	[PF_SQL_ALERT_PLACE_ADD] =
	    "INSERT INTO signin_places (user_id, place, first_at, last_at) "
	    "VALUES (?, ?, UTC_TIMESTAMP(6), UTC_TIMESTAMP(6)) "
	    "ON DUPLICATE KEY UPDATE last_at = UTC_TIMESTAMP(6)",
	[PF_SQL_ALERT_DEVICES] =
	    "SELECT COUNT(*), CAST(IFNULL(SUM(device IN (?, ?)), 0) AS SIGNED) FROM known_devices "
	    "WHERE user_id = ? FOR UPDATE",
	[PF_SQL_ALERT_DEVICE_ADD] =
	    "INSERT INTO known_devices (user_id, device, first_at, last_at) "
	    "VALUES (?, ?, UTC_TIMESTAMP(6), UTC_TIMESTAMP(6)) "
	    "ON DUPLICATE KEY UPDATE last_at = UTC_TIMESTAMP(6)",
	/* the previous located sign-in and the seconds since it */
	[PF_SQL_ALERT_LAST_GET] =
	    "SELECT loc_enc, TIMESTAMPDIFF(MICROSECOND, at, CAST(? AS DATETIME(6))) "
	    "FROM signin_last WHERE user_id = ? FOR UPDATE",
	[PF_SQL_ALERT_LAST_SET] =
	    "INSERT INTO signin_last (user_id, at, loc_enc) VALUES (?, CAST(? AS DATETIME(6)), ?) "
	    "ON DUPLICATE KEY UPDATE at = VALUES(at), loc_enc = VALUES(loc_enc)",
	[PF_SQL_SSO_KEYS] =
	    "SELECT id, kid, alg, state, public_pem FROM sso_keys "
	    "WHERE state IN ('active', 'retiring') ORDER BY id",
	[PF_SQL_SSO_PRIVATE] =
	    "SELECT private_enc FROM sso_keys WHERE id = ? AND state IN ('active', 'retiring')",
	/* the applications one session (?, or all the user's: 0) signed
	 * in to; the subject as the ID token gave it needs users.sub */
	[PF_SQL_SSO_PARTS] =
	    "SELECT p.app_id, p.sid, a.client_id, a.pairwise, a.frontchannel_logout_uri, "
	    "a.backchannel_logout_uri, u.sub, u.sub_salt FROM sso_participants p "
	    "JOIN apps a ON a.id = p.app_id JOIN users u ON u.id = p.user_id "
	    "WHERE p.user_id = ? AND (p.session_id = ? OR ? = 0) ORDER BY p.app_id",
	/* a pairwise subject's sector: the host of the first redirect URI */
	[PF_SQL_SSO_SECTOR] =
	    "SELECT uri FROM app_uris WHERE app_id = ? AND kind = 'redirect' ORDER BY uri LIMIT 1",
	[PF_SQL_SSO_PARTS_DELETE] =
	    "DELETE FROM sso_participants WHERE user_id = ? AND (session_id = ? OR ? = 0)",
	[PF_SQL_SSO_TOKENS_END] =
	    "UPDATE oidc_tokens SET revoked_at = UTC_TIMESTAMP(6) WHERE user_id = ? "
	    "AND (session_id = ? OR (? = 0 AND session_id IS NOT NULL)) AND revoked_at IS NULL",
	/* legal.c: the newest published version of each kind (a handful of
	 * rows, index legal_texts_published) */
	[PF_SQL_LEGAL_IN_FORCE] =
	    "SELECT kind, MAX(version) FROM legal_texts WHERE published_at IS NOT NULL "
	    "GROUP BY kind",
	/* how many kinds the user accepted in their version in force or a
	 * later one: the user's few acceptances (legal_acceptances_one),
	 * each joined by primary key */
	[PF_SQL_LEGAL_ACCEPTED] =
	    "SELECT COUNT(DISTINCT t.kind) FROM legal_acceptances a "
	    "JOIN legal_texts t ON t.id = a.text_id WHERE a.user_id = ? "
	    "AND ((t.kind = 'terms' AND t.version >= ?) OR (t.kind = 'privacy' AND t.version >= ?))",
};

struct pf_db {
	MYSQL			 *m;
	MYSQL_STMT		**stmts;
	const char *const	 *appsql;
	size_t			  nappsql;
	char			 *user;
	char			 *account;
	int			  in_tx;
	time_t			  failed_at;	/* last failed connect */
};

static const char *const dberr_str[PF_DB__MAX] = {
	"ok", "database unavailable", "duplicate entry", "retry transaction", "database error",
};

const char *
pf_db_strerror(enum pf_dberr e)
{
	return (unsigned)e < PF_DB__MAX ? dberr_str[e] : "unknown";
}

struct pf_db *
pf_db_new(const char *account, const char *const *appsql, size_t nappsql)
{
	struct pf_db *db = pf_xcalloc(1, sizeof(*db));
	char key[128];
	const char *user;

	db->account = pf_xstrdup(account);
	db->appsql = appsql;
	db->nappsql = nappsql;
	db->stmts = pf_xcalloc(PF_SQL_APP + nappsql, sizeof(*db->stmts));
	snprintf(key, sizeof(key), "DB.Account.%s.User", account);
	user = pf_conf_str(key);
	if (*user)
		db->user = pf_xstrdup(user);
	else {
		snprintf(key, sizeof(key), "pf_%s", account);
		db->user = pf_xstrdup(key);
	}
	return db;
}

static void
disconnect(struct pf_db *db)
{
	size_t i;

	for (i = 0; i < PF_SQL_APP + db->nappsql; i++)
		if (db->stmts[i] != NULL) {
			mysql_stmt_close(db->stmts[i]);
			db->stmts[i] = NULL;
		}
	if (db->m != NULL)
		mysql_close(db->m);
	db->m = NULL;
	db->in_tx = 0;
}

void
pf_db_free(struct pf_db *db)
{
	if (db == NULL)
		return;
	disconnect(db);
	free(db->stmts);
	free(db->user);
	free(db->account);
	free(db);
}

static int
lost(unsigned err)
{
	return err == CR_SERVER_GONE_ERROR || err == CR_SERVER_LOST ||
	    err == CR_CONNECTION_ERROR || err == CR_CONN_HOST_ERROR ||
	    err == CR_COMMANDS_OUT_OF_SYNC || err == ER_CONNECTION_KILLED ||
	    err == ER_SERVER_SHUTDOWN || err == CR_SERVER_LOST_EXTENDED;
}

static enum pf_dberr
classify(struct pf_db *db, unsigned err, const char *sqlstate, const char *what, int id)
{
	if (err == ER_DUP_ENTRY)
		return PF_DB_DUP;
	if (err == ER_LOCK_DEADLOCK || err == ER_LOCK_WAIT_TIMEOUT) {
		pf_log(NULL, PF_LOG_WARN, "lock conflict in %s, statement %d: error %u",
		    what, id, err);
		return PF_DB_RETRY;
	}
	if (lost(err)) {
		pf_log(NULL, PF_LOG_WARN, "database connection lost (%s, statement %d, error %u)",
		    what, id, err);
		disconnect(db);
		return PF_DB_UNAVAILABLE;
	}
	pf_log(NULL, PF_LOG_ERR, "database error in %s, statement %d: error %u sqlstate %s",
	    what, id, err, sqlstate ? sqlstate : "?");
	return PF_DB_ERROR;
}

enum pf_dberr
pf_db_ensure(struct pf_db *db)
{
	char key[128];
	const char *host, *sock, *ca, *pw;
	unsigned int ctimeout, iotimeout = IO_TIMEOUT;
	my_bool off = 0, verify;
	unsigned long flags = CLIENT_FOUND_ROWS;

	if (db->m != NULL)
		return PF_DB_OK;
	/* While the server is down, one attempt a second is enough: every
	 * request would otherwise wait for its own connect timeout. */
	if (db->failed_at && time(NULL) - db->failed_at < RETRY_AFTER)
		return PF_DB_UNAVAILABLE;
	if ((db->m = mysql_init(NULL)) == NULL)
		abort();
	ctimeout = (unsigned int)pf_conf_int("DB.ConnectTimeout");
	mysql_optionsv(db->m, MYSQL_OPT_CONNECT_TIMEOUT, &ctimeout);
	mysql_optionsv(db->m, MYSQL_OPT_READ_TIMEOUT, &iotimeout);
	mysql_optionsv(db->m, MYSQL_OPT_WRITE_TIMEOUT, &iotimeout);
	mysql_optionsv(db->m, MYSQL_OPT_RECONNECT, &off);
	mysql_optionsv(db->m, MYSQL_SET_CHARSET_NAME, "utf8mb4");
	/* READ COMMITTED: locking reads take record locks only, no gap
	 * locks, so a writer share-locking its data key (keys.c) never
	 * blocks rotation inserting a neighbour's new key, nor the reverse;
	 * under REPEATABLE READ that stalled writers for seconds. */
	mysql_optionsv(db->m, MYSQL_INIT_COMMAND,
	    "SET time_zone = '+00:00', sql_mode = 'STRICT_ALL_TABLES,NO_ZERO_DATE,"
	    "NO_ZERO_IN_DATE,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION', "
	    "tx_isolation = 'READ-COMMITTED'");
	host = pf_conf_str("DB.Host");
	sock = pf_conf_str("DB.Socket");
	ca = pf_conf_str("DB.TLS.CA");
	if (*host && *ca) {
		/* Over TCP the server certificate is verified, not just used. */
		verify = pf_conf_int("DB.TLS.Verify") != 0;
		mysql_optionsv(db->m, MYSQL_OPT_SSL_CA, ca);
		mysql_optionsv(db->m, MYSQL_OPT_SSL_VERIFY_SERVER_CERT, &verify);
	}
	snprintf(key, sizeof(key), "DB.Account.%s.Password", db->account);
	pw = pf_conf_str(key);
	if (mysql_real_connect(db->m, *host ? host : NULL, db->user, pw,
	    pf_conf_str("DB.Name"), (unsigned)pf_conf_int("DB.Port"),
	    *host ? NULL : (*sock ? sock : NULL), flags) == NULL) {
		pf_log(NULL, PF_LOG_ERR, "cannot connect to the database as %s: error %u",
		    db->user, mysql_errno(db->m));
		mysql_close(db->m);
		db->m = NULL;
		db->failed_at = time(NULL);
		return PF_DB_UNAVAILABLE;
	}
	db->failed_at = 0;
	return PF_DB_OK;
}

/* A server restart is noticed here, not by the request after it: a lost
 * connection is re-established and asked once more. */
enum pf_dberr
pf_db_ping(struct pf_db *db)
{
	enum pf_dberr e = PF_DB_UNAVAILABLE;
	int attempt;

	for (attempt = 0; attempt < 2; attempt++) {
		if ((e = pf_db_ensure(db)) != PF_DB_OK)
			return e;
		if (mysql_ping(db->m) == 0)
			return PF_DB_OK;
		e = classify(db, mysql_errno(db->m), NULL, "ping", -1);
		if (e != PF_DB_UNAVAILABLE || db->in_tx)
			return e;
	}
	return e;
}

static MYSQL_STMT *
stmt_get(struct pf_db *db, unsigned id, enum pf_dberr *e)
{
	const char *sql;
	MYSQL_STMT *st;

	*e = PF_DB_ERROR;
	if (id >= PF_SQL_APP + db->nappsql) {
		pf_log(NULL, PF_LOG_ERR, "unknown statement %u", id);
		return NULL;
	}
	if (db->stmts[id] != NULL)
		return db->stmts[id];
	sql = id < PF_SQL_APP ? libsql[id] : db->appsql[id - PF_SQL_APP];
	if (sql == NULL) {
		pf_log(NULL, PF_LOG_ERR, "statement %u has no SQL", id);
		return NULL;
	}
	if ((st = mysql_stmt_init(db->m)) == NULL)
		abort();
	if (mysql_stmt_prepare(st, sql, strlen(sql)) != 0) {
		*e = classify(db, mysql_stmt_errno(st), mysql_stmt_sqlstate(st), "prepare", (int)id);
		mysql_stmt_close(st);
		return NULL;
	}
	return db->stmts[id] = st;
}

static void
bind_params(MYSQL_BIND *b, const struct pf_val *args, size_t n, unsigned long *lens)
{
	size_t i;

	memset(b, 0, n * sizeof(*b));
	for (i = 0; i < n; i++) {
		switch (args[i].type) {
		case PF_V_NULL:
			b[i].buffer_type = MYSQL_TYPE_NULL;
			break;
		case PF_V_INT:
			b[i].buffer_type = MYSQL_TYPE_LONGLONG;
			b[i].buffer = (void *)(uintptr_t)&args[i].i;
			break;
		case PF_V_STR:
			lens[i] = (unsigned long)args[i].len;
			b[i].buffer_type = MYSQL_TYPE_BLOB;
			b[i].buffer = (void *)(uintptr_t)args[i].s;
			b[i].buffer_length = lens[i];
			b[i].length = &lens[i];
			break;
		}
	}
}

static int
is_int_type(const MYSQL_FIELD *f)
{
	enum enum_field_types t = f->type;

	/* IFNULL(), COALESCE() and CASE over an integer column come back as
	 * DECIMAL(n,0) (n = 21 over BIGINT UNSIGNED, our ids); read as a
	 * string, PF_CELL()->i would be 0. */
	if ((t == MYSQL_TYPE_NEWDECIMAL || t == MYSQL_TYPE_DECIMAL) && f->decimals == 0 &&
	    f->length <= 21)
		return 1;
	return t == MYSQL_TYPE_TINY || t == MYSQL_TYPE_SHORT || t == MYSQL_TYPE_LONG ||
	    t == MYSQL_TYPE_INT24 || t == MYSQL_TYPE_LONGLONG || t == MYSQL_TYPE_YEAR;
}

/* Fetch every row into pool memory.  With STMT_ATTR_UPDATE_MAX_LENGTH the
 * stored result knows each column's longest value, so one buffer per
 * column suffices and nothing is truncated. */
static enum pf_dberr
fetch_all(struct pf_db *db, MYSQL_STMT *st, struct pf_pool *p, unsigned id,
    struct pf_rows *out)
{
	MYSQL_RES *meta;
	MYSQL_FIELD *f;
	MYSQL_BIND *b = NULL;
	unsigned long *lens = NULL;
	my_bool *nulls = NULL;
	long long *ints = NULL;
	char **bufs = NULL;
	size_t cols, r, c;
	enum pf_dberr e = PF_DB_OK;
	int rc;

	memset(out, 0, sizeof(*out));
	if ((meta = mysql_stmt_result_metadata(st)) == NULL)
		return PF_DB_OK;
	cols = mysql_num_fields(meta);
	f = mysql_fetch_fields(meta);
	if (mysql_stmt_store_result(st) != 0) {
		e = classify(db, mysql_stmt_errno(st), mysql_stmt_sqlstate(st), "store", (int)id);
		/* A deadlock can arrive while the rows stream in; without a
		 * reset the statement's next execute waits for a reply that
		 * never comes (then the read timeout drops the connection). */
		if (db->m != NULL)
			mysql_stmt_reset(st);
		goto done;
	}
	b = pf_xcalloc(cols, sizeof(*b));
	lens = pf_xcalloc(cols, sizeof(*lens));
	nulls = pf_xcalloc(cols, sizeof(*nulls));
	ints = pf_xcalloc(cols, sizeof(*ints));
	bufs = pf_xcalloc(cols, sizeof(*bufs));
	for (c = 0; c < cols; c++) {
		b[c].length = &lens[c];
		b[c].is_null = &nulls[c];
		if (is_int_type(&f[c])) {
			b[c].buffer_type = MYSQL_TYPE_LONGLONG;
			b[c].buffer = &ints[c];
			b[c].is_unsigned = (f[c].flags & UNSIGNED_FLAG) != 0;
		} else {
			bufs[c] = pf_xmalloc(f[c].max_length + 1);
			b[c].buffer_type = MYSQL_TYPE_STRING;
			b[c].buffer = bufs[c];
			b[c].buffer_length = f[c].max_length + 1;
		}
	}
	if (mysql_stmt_bind_result(st, b) != 0) {
		e = classify(db, mysql_stmt_errno(st), mysql_stmt_sqlstate(st), "bind", (int)id);
		goto done;
	}
	out->cols = cols;
	out->v = pf_palloc(p, (size_t)mysql_stmt_num_rows(st) * cols * sizeof(*out->v) + 1);
	for (r = 0; (rc = mysql_stmt_fetch(st)) == 0; r++) {
		for (c = 0; c < cols; c++) {
			struct pf_val *v = &out->v[r * cols + c];

			if (nulls[c])
				*v = PF_NULL;
			else if (bufs[c] == NULL)
				*v = PF_INT(ints[c]);
			else
				*v = PF_BLOB(pf_pstrndup(p, bufs[c], lens[c]), lens[c]);
		}
	}
	out->n = r;
	if (rc != MYSQL_NO_DATA) {
		e = rc == MYSQL_DATA_TRUNCATED ? PF_DB_ERROR :
		    classify(db, mysql_stmt_errno(st), mysql_stmt_sqlstate(st), "fetch", (int)id);
		if (rc == MYSQL_DATA_TRUNCATED)
			pf_log(NULL, PF_LOG_ERR, "statement %u: truncated result", id);
	}
done:
	if (db->m != NULL)
		mysql_stmt_free_result(st);
	mysql_free_result(meta);
	if (bufs != NULL)
		for (c = 0; c < cols; c++)
			free(bufs[c]);
	free(bufs);
	free(ints);
	free(nulls);
	free(lens);
	free(b);
	return e;
}

static enum pf_dberr
run(struct pf_db *db, struct pf_pool *p, unsigned id, const struct pf_val *args,
    size_t n, struct pf_rows *out, unsigned long long *affected,
    unsigned long long *insert_id)
{
	MYSQL_BIND b[MAX_PARAMS];
	unsigned long lens[MAX_PARAMS];
	MYSQL_STMT *st;
	enum pf_dberr e;
	int attempt;
	my_bool one = 1;

	if (n > MAX_PARAMS) {
		pf_log(NULL, PF_LOG_ERR, "statement %u: too many parameters", id);
		return PF_DB_ERROR;
	}
	for (attempt = 0; attempt < 2; attempt++) {
		/* Only a statement outside a transaction may be retried. */
		int may_retry = !db->in_tx && attempt == 0;

		if ((e = pf_db_ensure(db)) != PF_DB_OK)
			return e;
		if ((st = stmt_get(db, id, &e)) == NULL) {
			if (e == PF_DB_UNAVAILABLE && may_retry)
				continue;
			return e;
		}
		if (mysql_stmt_param_count(st) != n) {
			pf_log(NULL, PF_LOG_ERR, "statement %u: %zu parameters given, %lu expected",
			    id, n, mysql_stmt_param_count(st));
			return PF_DB_ERROR;
		}
		bind_params(b, args, n, lens);
		if (n && mysql_stmt_bind_param(st, b) != 0)
			return classify(db, mysql_stmt_errno(st), mysql_stmt_sqlstate(st), "bind", (int)id);
		mysql_stmt_attr_set(st, STMT_ATTR_UPDATE_MAX_LENGTH, &one);
		if (mysql_stmt_execute(st) != 0) {
			e = classify(db, mysql_stmt_errno(st), mysql_stmt_sqlstate(st), "execute", (int)id);
			if (e == PF_DB_UNAVAILABLE && may_retry)
				continue;
			return e;
		}
		if (affected)
			*affected = mysql_stmt_affected_rows(st);
		if (insert_id)
			*insert_id = mysql_stmt_insert_id(st);
		if (out != NULL)
			return fetch_all(db, st, p, id, out);
		mysql_stmt_free_result(st);
		return PF_DB_OK;
	}
	return PF_DB_UNAVAILABLE;
}

enum pf_dberr
pf_db_query(struct pf_db *db, struct pf_pool *p, unsigned id,
    const struct pf_val *args, size_t n, struct pf_rows *out)
{
	return run(db, p, id, args, n, out, NULL, NULL);
}

enum pf_dberr
pf_db_exec(struct pf_db *db, unsigned id, const struct pf_val *args, size_t n,
    unsigned long long *affected, unsigned long long *insert_id)
{
	return run(db, NULL, id, args, n, NULL, affected, insert_id);
}

enum pf_dberr
pf_db_begin(struct pf_db *db)
{
	enum pf_dberr e;

	if (db->in_tx) {
		pf_log(NULL, PF_LOG_ERR, "nested transaction");
		return PF_DB_ERROR;
	}
	/* Verify the connection first: a transaction is never retried. */
	if ((e = pf_db_ping(db)) != PF_DB_OK)
		return e;
	if (mysql_query(db->m, "START TRANSACTION") != 0)
		return classify(db, mysql_errno(db->m), mysql_sqlstate(db->m), "begin", -1);
	db->in_tx = 1;
	return PF_DB_OK;
}

enum pf_dberr
pf_db_commit(struct pf_db *db)
{
	if (!db->in_tx || db->m == NULL)
		return PF_DB_ERROR;
	db->in_tx = 0;
	if (mysql_commit(db->m) != 0)
		return classify(db, mysql_errno(db->m), mysql_sqlstate(db->m), "commit", -1);
	return PF_DB_OK;
}

void
pf_db_rollback(struct pf_db *db)
{
	if (!db->in_tx || db->m == NULL)
		return;
	db->in_tx = 0;
	if (mysql_rollback(db->m) != 0)
		classify(db, mysql_errno(db->m), mysql_sqlstate(db->m), "rollback", -1);
}

int
pf_db_in_tx(const struct pf_db *db)
{
	return db->in_tx;
}

const char *
pf_cell_str(const struct pf_rows *rows, size_t row, size_t col)
{
	const struct pf_val *v = PF_CELL(rows, row, col);

	return v->type == PF_V_STR ? v->s : "";
}
