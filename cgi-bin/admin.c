/*
 * admin: the portal's administration in web forms.  Users (search,
 * invitations, status, second factor, sessions, roles), organisations,
 * the roles editor and the texts of the status page.
 *
 * Administrators (global grants) reach everything; key users (the same
 * permissions in their own organisation) the same pages, with every
 * object checked against their organisation.  The pipeline has already
 * checked the fields, the form token, the session, the step-up and that
 * the page's permission is held in some scope.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "admin.h"

#define ID_MAX	9007199254740991LL

static const char *const actions[] = { "deactivate", "reactivate", "grant", "revoke",
	"suspend", NULL };
static const char *const langs[] = { "de", "en", NULL };
static const char *const kinds[] = { "customer", "partner", "internal", NULL };
static const char *const scopes[] = { "org", "global", NULL };
static const char *const approvals[] = { "org", "admin", NULL };
static const char *const severities[] = { "info", "low", "medium", "high", "critical",
	NULL };
/* "" in a filter form: any */
static const char *const outcomes[] = { "", "ok", "fail", "info", NULL };
static const char *const formats[] = { "csv", "jsonl", NULL };
static const char *const alert_states[] = { "", "open", "acknowledged", NULL };
static const char *const client_types[] = { "confidential", "public", NULL };
static const char *const audiences[] = { "all", "restricted", NULL };

/* Texts are checked by the handlers (length in characters, format), so a
 * wrong one gets the form back with a message instead of a bare 400;
 * the limits here only bound what is read. */
static const struct pf_field fields[F__MAX] = {
	[F_ID] = { "id", PF_F_INT, 0, 20, 1, ID_MAX, NULL, NULL },
	[F_Q] = { "q", PF_F_LINE, 0, 254, 0, 0, NULL, NULL },
	/* 0 in a select: all organisations, none, no role */
	[F_ORG] = { "org", PF_F_INT, 0, 20, 0, ID_MAX, NULL, NULL },
	[F_ACTION] = { "action", PF_F_ENUM, 0, 0, 0, 0, actions, NULL },
	[F_CONFIRM] = { "confirm", PF_F_BOOL, 0, 0, 0, 0, NULL, NULL },
	[F_ROLE] = { "role", PF_F_INT, 0, 20, 0, ID_MAX, NULL, NULL },
	[F_EXPIRES] = { "expires", PF_F_LINE, 0, 32, 0, 0, NULL, NULL },
	[F_EMAIL] = { "email", PF_F_LINE, 0, 1024, 0, 0, NULL, NULL },
	[F_NAME] = { "name", PF_F_LINE, 0, 1000, 0, 0, NULL, NULL },
	[F_LANGUAGE] = { "language", PF_F_ENUM, 0, 0, 0, 0, langs, NULL },
	[F_KIND] = { "kind", PF_F_ENUM, 0, 0, 0, 0, kinds, NULL },
	[F_LABEL_DE] = { "label_de", PF_F_LINE, 0, 1000, 0, 0, NULL, NULL },
	[F_LABEL_EN] = { "label_en", PF_F_LINE, 0, 1000, 0, 0, NULL, NULL },
	[F_SCOPE] = { "scope", PF_F_ENUM, 0, 0, 0, 0, scopes, NULL },
	[F_APPROVAL] = { "approval", PF_F_ENUM, 0, 0, 0, 0, approvals, NULL },
	[F_REQUESTABLE] = { "requestable", PF_F_BOOL, 0, 0, 0, 0, NULL, NULL },
	[F_STARTS] = { "starts", PF_F_LINE, 0, 32, 0, 0, NULL, NULL },
	[F_ENDS] = { "ends", PF_F_LINE, 0, 32, 0, 0, NULL, NULL },
	[F_TITLE_DE] = { "title_de", PF_F_LINE, 0, 1000, 0, 0, NULL, NULL },
	[F_TITLE_EN] = { "title_en", PF_F_LINE, 0, 1000, 0, 0, NULL, NULL },
	[F_BODY_DE] = { "body_de", PF_F_TEXT, 0, 20000, 0, 0, NULL, NULL },
	[F_BODY_EN] = { "body_en", PF_F_TEXT, 0, 20000, 0, 0, NULL, NULL },
	[F_SEVERITY] = { "severity", PF_F_ENUM, 0, 0, 0, 0, severities, NULL },
	[F_SENT] = { "sent", PF_F_BOOL, 0, 0, 0, 0, NULL, NULL },
	/* the audit filter's texts are checked by admin-audit.c */
	[F_FROM] = { "from", PF_F_LINE, 0, 32, 0, 0, NULL, NULL },
	[F_TO] = { "to", PF_F_LINE, 0, 32, 0, 0, NULL, NULL },
	[F_ACTOR] = { "actor", PF_F_LINE, 0, 254, 0, 0, NULL, NULL },
	[F_EVENT] = { "event", PF_F_LINE, 0, 64, 0, 0, NULL, NULL },
	[F_TARGET] = { "target", PF_F_LINE, 0, 60, 0, 0, NULL, NULL },
	[F_OUTCOME] = { "outcome", PF_F_ENUM, 0, 0, 0, 0, outcomes, NULL },
	[F_IP] = { "ip", PF_F_LINE, 0, 64, 0, 0, NULL, NULL },
	[F_BEFORE] = { "before", PF_F_INT, 0, 20, 1, ID_MAX, NULL, NULL },
	[F_FORMAT] = { "format", PF_F_ENUM, 0, 0, 0, 0, formats, NULL },
	[F_STATE] = { "state", PF_F_ENUM, 0, 0, 0, 0, alert_states, NULL },
	/* URIs as multi-line text, so that a CR or LF in one is refused by
	 * lib/appreg.c with the form again (422), not by the pipeline (400) */
	[F_CLIENT_ID] = { "client_id", PF_F_LINE, 0, 256, 0, 0, NULL, NULL },
	[F_CLIENT_TYPE] = { "client_type", PF_F_ENUM, 0, 0, 0, 0, client_types, NULL },
	[F_ICON] = { "icon", PF_F_TEXT, 0, 2048, 0, 0, NULL, NULL },
	[F_REDIRECT_URIS] = { "redirect_uris", PF_F_TEXT, 0, 30000, 0, 0, NULL, NULL },
	[F_POST_LOGOUT_URIS] = { "post_logout_uris", PF_F_TEXT, 0, 30000, 0, 0, NULL, NULL },
	[F_INITIATE_URI] = { "initiate_login_uri", PF_F_TEXT, 0, 2048, 0, 0, NULL, NULL },
	[F_FRONTCHANNEL_URI] = { "frontchannel_logout_uri", PF_F_TEXT, 0, 2048, 0, 0, NULL, NULL },
	[F_BACKCHANNEL_URI] = { "backchannel_logout_uri", PF_F_TEXT, 0, 2048, 0, 0, NULL, NULL },
	[F_S_PROFILE] = { "s_profile", PF_F_BOOL, 0, 0, 0, 0, NULL, NULL },
	[F_S_EMAIL] = { "s_email", PF_F_BOOL, 0, 0, 0, 0, NULL, NULL },
	[F_S_ROLES] = { "s_roles", PF_F_BOOL, 0, 0, 0, 0, NULL, NULL },
	[F_S_OFFLINE] = { "s_offline_access", PF_F_BOOL, 0, 0, 0, 0, NULL, NULL },
	[F_G_CODE] = { "g_authorization_code", PF_F_BOOL, 0, 0, 0, 0, NULL, NULL },
	[F_G_REFRESH] = { "g_refresh_token", PF_F_BOOL, 0, 0, 0, 0, NULL, NULL },
	[F_G_CLIENT] = { "g_client_credentials", PF_F_BOOL, 0, 0, 0, 0, NULL, NULL },
	[F_TRUSTED] = { "trusted", PF_F_BOOL, 0, 0, 0, 0, NULL, NULL },
	[F_PAIRWISE] = { "pairwise", PF_F_BOOL, 0, 0, 0, 0, NULL, NULL },
	[F_AUDIENCE] = { "audience", PF_F_ENUM, 0, 0, 0, 0, audiences, NULL },
	[F_PERM(PF_PERM_DOCUMENTS_READ)] = { "p_documents_read", PF_F_BOOL, 0, 0, 0, 0, NULL, NULL },
	[F_PERM(PF_PERM_DOCUMENTS_WRITE)] = { "p_documents_write", PF_F_BOOL, 0, 0, 0, 0, NULL, NULL },
	[F_PERM(PF_PERM_DOCUMENTS_SHARE)] = { "p_documents_share", PF_F_BOOL, 0, 0, 0, 0, NULL, NULL },
	[F_PERM(PF_PERM_USERS_INVITE)] = { "p_users_invite", PF_F_BOOL, 0, 0, 0, 0, NULL, NULL },
	[F_PERM(PF_PERM_USERS_MANAGE)] = { "p_users_manage", PF_F_BOOL, 0, 0, 0, 0, NULL, NULL },
	[F_PERM(PF_PERM_ROLES_APPROVE)] = { "p_roles_approve", PF_F_BOOL, 0, 0, 0, 0, NULL, NULL },
	[F_PERM(PF_PERM_AUDIT_READ)] = { "p_audit_read", PF_F_BOOL, 0, 0, 0, 0, NULL, NULL },
	[F_PERM(PF_PERM_APPS_MANAGE)] = { "p_apps_manage", PF_F_BOOL, 0, 0, 0, 0, NULL, NULL },
	[F_PERM(PF_PERM_ORGS_MANAGE)] = { "p_orgs_manage", PF_F_BOOL, 0, 0, 0, 0, NULL, NULL },
	[F_PERM(PF_PERM_STATUS_MANAGE)] = { "p_status_manage", PF_F_BOOL, 0, 0, 0, 0, NULL, NULL },
	[F_PERM(PF_PERM_PRIVACY_MANAGE)] = { "p_privacy_manage", PF_F_BOOL, 0, 0, 0, 0, NULL, NULL },
};

static const char *const sql[SQL__MAX - PF_SQL_APP] = {
	[SQL_ORGS - PF_SQL_APP] =
	    "SELECT o.id, o.name, o.kind, o.status, "
	    "(SELECT COUNT(*) FROM users u WHERE u.org_id = o.id) "
	    "FROM orgs o ORDER BY o.name LIMIT 1000",
	[SQL_ORG_GET - PF_SQL_APP] =
	    "SELECT id, name, kind, status FROM orgs WHERE id = ?",
	[SQL_ORG_INSERT - PF_SQL_APP] =
	    "INSERT INTO orgs (name, kind) VALUES (?, ?)",
	[SQL_ORG_UPDATE - PF_SQL_APP] =
	    "UPDATE orgs SET name = ?, kind = ?, updated_at = UTC_TIMESTAMP(6) WHERE id = ?",
	[SQL_ORG_STATUS - PF_SQL_APP] =
	    "UPDATE orgs SET status = ?, updated_at = UTC_TIMESTAMP(6) WHERE id = ?",
	[SQL_ORG_MEMBERS - PF_SQL_APP] =
	    "SELECT id FROM users WHERE org_id = ? ORDER BY id LIMIT 500",
	[SQL_USERS_ALL - PF_SQL_APP] =
	    "SELECT id FROM users ORDER BY id LIMIT 500",
	[SQL_USER_DISABLE - PF_SQL_APP] =
	    "UPDATE users SET status = 'disabled', updated_at = UTC_TIMESTAMP(6) "
	    "WHERE id = ? AND status <> 'disabled'",
	/* Back to what the account was: active once it was ever proved
	 * (a password set or the address verified), else still invited. */
	[SQL_USER_ENABLE - PF_SQL_APP] =
	    "UPDATE users SET status = IF(pw_enc IS NULL AND email_verified_at IS NULL, "
	    "'invited', 'active'), updated_at = UTC_TIMESTAMP(6) "
	    "WHERE id = ? AND status IN ('disabled', 'locked')",
	[SQL_USER_SET_ORG - PF_SQL_APP] =
	    "UPDATE users SET org_id = ?, updated_at = UTC_TIMESTAMP(6) WHERE id = ?",
	[SQL_USER_ROLES - PF_SQL_APP] =
	    "SELECT r.id, r.name, r.scope, r.approval, r.requestable, r.builtin, "
	    "r.label_de, r.label_en, ur.expires_at, ur.org_id "
	    "FROM user_roles ur JOIN roles r ON r.id = ur.role_id "
	    "WHERE ur.user_id = ? ORDER BY r.name",
	[SQL_USER_SESSIONS - PF_SQL_APP] =
	    "SELECT COUNT(*) FROM sessions WHERE user_id = ? AND expires_at > UTC_TIMESTAMP(6)",
	[SQL_USER_OLD_GRANTS - PF_SQL_APP] =
	    "SELECT role_id FROM user_roles WHERE user_id = ? AND org_id IS NOT NULL "
	    "AND org_id <> ?",
	[SQL_TOTP_DELETE - PF_SQL_APP] =
	    "DELETE FROM totp WHERE user_id = ?",
	[SQL_RECOVERY_DELETE - PF_SQL_APP] =
	    "DELETE FROM recovery_codes WHERE user_id = ?",
	[SQL_ROLES - PF_SQL_APP] =
	    "SELECT r.id, r.name, r.scope, r.approval, r.requestable, r.builtin, "
	    "r.label_de, r.label_en, "
	    "(SELECT COUNT(*) FROM user_roles ur WHERE ur.role_id = r.id) "
	    "FROM roles r ORDER BY r.builtin DESC, r.name LIMIT 1000",
	[SQL_ROLE_ROW - PF_SQL_APP] =
	    "SELECT r.id, r.name, r.scope, r.approval, r.requestable, r.builtin, "
	    "r.label_de, r.label_en, "
	    "(SELECT COUNT(*) FROM user_roles ur WHERE ur.role_id = r.id) "
	    "FROM roles r WHERE r.id = ?",
	[SQL_ROLE_PERMS - PF_SQL_APP] =
	    "SELECT permission FROM role_permissions WHERE role_id = ? ORDER BY permission",
	[SQL_ROLE_INSERT - PF_SQL_APP] =
	    "INSERT INTO roles (name, scope, approval, requestable, builtin, label_de, "
	    "label_en) VALUES (?, ?, ?, ?, 0, ?, ?)",
	[SQL_ROLE_UPDATE - PF_SQL_APP] =
	    "UPDATE roles SET approval = ?, requestable = ?, label_de = ?, label_en = ?, "
	    "updated_at = UTC_TIMESTAMP(6) WHERE id = ?",
	[SQL_ROLE_PERM_CLEAR - PF_SQL_APP] =
	    "DELETE FROM role_permissions WHERE role_id = ?",
	[SQL_ROLE_PERM_ADD - PF_SQL_APP] =
	    "INSERT INTO role_permissions (role_id, permission) VALUES (?, ?)",
	[SQL_ROLE_DELETE - PF_SQL_APP] =
	    "DELETE FROM roles WHERE id = ? AND builtin = 0",
	[SQL_MAINT_LIST - PF_SQL_APP] =
	    "SELECT id, starts_at, ends_at, title_de, title_en, body_de, body_en, "
	    "ends_at < UTC_TIMESTAMP() FROM maintenance_windows "
	    "ORDER BY starts_at DESC LIMIT 100",
	[SQL_MAINT_GET - PF_SQL_APP] =
	    "SELECT starts_at, ends_at, title_de, title_en FROM maintenance_windows "
	    "WHERE id = ?",
	[SQL_MAINT_INSERT - PF_SQL_APP] =
	    "INSERT INTO maintenance_windows (starts_at, ends_at, title_de, title_en, "
	    "body_de, body_en) VALUES (?, ?, ?, ?, ?, ?)",
	[SQL_MAINT_DELETE - PF_SQL_APP] =
	    "DELETE FROM maintenance_windows WHERE id = ?",
	[SQL_NOTICE_LIST - PF_SQL_APP] =
	    "SELECT id, severity, title_de, title_en, body_de, body_en, published_at, "
	    "expires_at, expires_at IS NOT NULL AND expires_at <= UTC_TIMESTAMP() "
	    "FROM security_notices ORDER BY published_at DESC LIMIT 100",
	[SQL_NOTICE_GET - PF_SQL_APP] =
	    "SELECT severity, title_de, title_en, expires_at FROM security_notices "
	    "WHERE id = ?",
	[SQL_NOTICE_INSERT - PF_SQL_APP] =
	    "INSERT INTO security_notices (severity, title_de, title_en, body_de, body_en, "
	    "expires_at) VALUES (?, ?, ?, ?, ?, ?)",
	[SQL_NOTICE_DELETE - PF_SQL_APP] =
	    "DELETE FROM security_notices WHERE id = ?",
	/* The audit viewer's one query (admin-audit.c): every filter is
	 * "any" when its value is 0 or "", the organisation scope too
	 * (global grants); newest first below a keyset id.  A key user's
	 * scope: events about the organisation, by its members, and those
	 * about a member that name no organisation (sign-ins). */
	[SQL_AUDIT_LIST - PF_SQL_APP] =
	    "SELECT " PF_AUDIT_COLS ", change_enc FROM audit_log WHERE id < ? "
	    "AND (? = 0 OR org_id = ? OR actor_org_id = ? OR (org_id IS NULL AND "
	    "user_id IN (SELECT id FROM users WHERE org_id = ?))) "
	    "AND created_at >= ? AND created_at < ? "
	    "AND (? = 0 OR actor_id = ?) "
	    "AND (? = '' OR event = ?) "
	    "AND (? = '' OR LEFT(event, CHAR_LENGTH(?)) = ?) "
	    "AND (? = '' OR object = ?) "
	    "AND (? = '' OR outcome = ?) "
	    "AND (? IS NULL OR ip_idx IN (?, ?)) "
	    "ORDER BY id DESC LIMIT ?",
	[SQL_ALERT_LIST - PF_SQL_APP] =
	    "SELECT id, DATE_FORMAT(created_at, '%Y-%m-%d %H:%i:%s'), rule, severity, user_id, "
	    "org_id, audit_id, detail_enc, state, acked_by, "
	    "DATE_FORMAT(acked_at, '%Y-%m-%d %H:%i:%s') FROM alerts "
	    "WHERE state = ? AND id < ? AND (? = 0 OR org_id = ?) ORDER BY id DESC LIMIT ?",
	[SQL_ALERT_GET - PF_SQL_APP] =
	    "SELECT org_id, state, rule, user_id FROM alerts WHERE id = ?",
	/* compare and set: only an open alert becomes acknowledged */
	[SQL_ALERT_ACK - PF_SQL_APP] =
	    "UPDATE alerts SET state = 'acknowledged', acked_by = ?, "
	    "acked_at = UTC_TIMESTAMP(6) WHERE id = ? AND state = 'open'",
	/* applications (admin-apps.c); who may use one in a column of the
	 * list: the names of its roles and organisations */
	[SQL_APPS - PF_SQL_APP] =
	    "SELECT a.id, a.client_id, a.name, a.status, a.trusted, a.audience, "
	    "a.secret_hash IS NOT NULL, (SELECT GROUP_CONCAT(COALESCE(r.name, o.name) "
	    "ORDER BY x.id SEPARATOR ', ') FROM app_access x "
	    "LEFT JOIN roles r ON r.id = x.role_id LEFT JOIN orgs o ON o.id = x.org_id "
	    "WHERE x.app_id = a.id) FROM apps a ORDER BY a.name, a.id LIMIT 1000",
	[SQL_APP_GET - PF_SQL_APP] =
	    "SELECT id, client_id, name, icon, secret_hash IS NOT NULL, status, trusted, "
	    "pairwise, audience, grant_types, scopes, initiate_login_uri, "
	    "frontchannel_logout_uri, backchannel_logout_uri, created_at, updated_at "
	    "FROM apps WHERE id = ?",
	[SQL_APP_INSERT - PF_SQL_APP] =
	    "INSERT INTO apps (client_id, name, icon, secret_hash, trusted, pairwise, "
	    "audience, grant_types, scopes, initiate_login_uri, frontchannel_logout_uri, "
	    "backchannel_logout_uri) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
	[SQL_APP_UPDATE - PF_SQL_APP] =
	    "UPDATE apps SET name = ?, icon = ?, trusted = ?, pairwise = ?, audience = ?, "
	    "grant_types = ?, scopes = ?, initiate_login_uri = ?, frontchannel_logout_uri = ?, "
	    "backchannel_logout_uri = ?, updated_at = UTC_TIMESTAMP(6) WHERE id = ?",
	[SQL_APP_URIS - PF_SQL_APP] =
	    "SELECT kind, uri FROM app_uris WHERE app_id = ? ORDER BY kind, uri",
	[SQL_APP_URIS_CLEAR - PF_SQL_APP] =
	    "DELETE FROM app_uris WHERE app_id = ?",
	[SQL_APP_URI_ADD - PF_SQL_APP] =
	    "INSERT INTO app_uris (app_id, kind, uri) VALUES (?, ?, ?)",
	[SQL_APP_ACCESS - PF_SQL_APP] =
	    "SELECT x.role_id, x.org_id, r.name, r.label_de, r.label_en, o.name "
	    "FROM app_access x LEFT JOIN roles r ON r.id = x.role_id "
	    "LEFT JOIN orgs o ON o.id = x.org_id WHERE x.app_id = ? ORDER BY x.id",
	[SQL_APP_ACCESS_ADD - PF_SQL_APP] =
	    "INSERT IGNORE INTO app_access (app_id, role_id, org_id) VALUES (?, ?, ?)",
	[SQL_APP_ACCESS_DEL - PF_SQL_APP] =
	    "DELETE FROM app_access WHERE app_id = ? AND role_id <=> ? AND org_id <=> ?",
	/* compare and set: only a change of status counts */
	[SQL_APP_STATUS - PF_SQL_APP] =
	    "UPDATE apps SET status = ?, updated_at = UTC_TIMESTAMP(6) "
	    "WHERE id = ? AND status <> ?",
	/* a public application has no secret to renew */
	[SQL_APP_SECRET - PF_SQL_APP] =
	    "UPDATE apps SET secret_hash = ?, updated_at = UTC_TIMESTAMP(6) "
	    "WHERE id = ? AND secret_hash IS NOT NULL",
	[SQL_APP_REVOKE - PF_SQL_APP] =
	    "UPDATE oidc_tokens SET revoked_at = UTC_TIMESTAMP(6) "
	    "WHERE app_id = ? AND revoked_at IS NULL",
	[SQL_APP_DELETE - PF_SQL_APP] =
	    "DELETE FROM apps WHERE id = ?",
};

static int page_index(struct pf_req *);

#define ADM	(PF_PAGE_DB | PF_PAGE_FORM | PF_PAGE_FULL | PF_PAGE_STEPUP)
#define F(k)	PF_FIELD(k)
#define ALLPERMS	(((UINT64_C(1) << (PF_PERM__MAX - 1)) - 1) << F_PERM0)
#define ROLEFORM	(F(F_LABEL_DE) | F(F_LABEL_EN) | F(F_APPROVAL) | F(F_REQUESTABLE) | \
			    ALLPERMS)
#define TEXTS		(F(F_TITLE_DE) | F(F_TITLE_EN) | F(F_BODY_DE) | F(F_BODY_EN))
#define APPFORM		(F(F_NAME) | F(F_ICON) | F(F_REDIRECT_URIS) | F(F_POST_LOGOUT_URIS) | \
			    F(F_INITIATE_URI) | F(F_FRONTCHANNEL_URI) | F(F_BACKCHANNEL_URI) | \
			    F(F_S_PROFILE) | F(F_S_EMAIL) | F(F_S_ROLES) | F(F_S_OFFLINE) | \
			    F(F_G_CODE) | F(F_G_REFRESH) | F(F_G_CLIENT) | F(F_TRUSTED) | \
			    F(F_PAIRWISE) | F(F_AUDIENCE))
#define AUDITF		(F(F_FROM) | F(F_TO) | F(F_ACTOR) | F(F_EVENT) | F(F_TARGET) | \
			    F(F_OUTCOME) | F(F_IP))

static const struct pf_page pages[] = {
	/* the areas this session may use: the handler decides (403 when none) */
	{ "/admin", PF_GET, 0, ADM, page_index, PF_PERM_NONE },

	{ "/admin/users", PF_GET, F(F_Q) | F(F_ORG), ADM, page_users, PF_PERM_USERS_MANAGE },
	{ "/admin/user", PF_GET, F(F_ID), ADM, page_user, PF_PERM_USERS_MANAGE },
	{ "/admin/user/status", PF_POST, F(F_ID) | F(F_ACTION) | F(F_CONFIRM), ADM,
	    page_user_status, PF_PERM_USERS_MANAGE },
	{ "/admin/user/mfa-reset", PF_POST, F(F_ID) | F(F_CONFIRM), ADM, page_user_mfa,
	    PF_PERM_USERS_MANAGE },
	{ "/admin/user/sessions-end", PF_POST, F(F_ID) | F(F_CONFIRM), ADM,
	    page_user_sessions, PF_PERM_USERS_MANAGE },
	{ "/admin/user/role", PF_POST, F(F_ID) | F(F_ROLE) | F(F_ACTION) | F(F_EXPIRES), ADM,
	    page_user_role, PF_PERM_USERS_MANAGE },
	{ "/admin/user/org", PF_POST, F(F_ID) | F(F_ORG), ADM, page_user_org,
	    PF_PERM_USERS_MANAGE },

	{ "/admin/invite", PF_GET, F(F_SENT), ADM, page_invite, PF_PERM_USERS_INVITE },
	{ "/admin/invite", PF_POST, F(F_EMAIL) | F(F_NAME) | F(F_LANGUAGE) | F(F_ORG) |
	    F(F_ROLE), ADM, page_invite_post, PF_PERM_USERS_INVITE },

	{ "/admin/orgs", PF_GET, 0, ADM, page_orgs, PF_PERM_ORGS_MANAGE },
	{ "/admin/orgs", PF_POST, F(F_NAME) | F(F_KIND), ADM, page_orgs_post,
	    PF_PERM_ORGS_MANAGE },
	{ "/admin/org", PF_GET, F(F_ID), ADM, page_org, PF_PERM_ORGS_MANAGE },
	{ "/admin/org", PF_POST, F(F_ID) | F(F_NAME) | F(F_KIND), ADM, page_org_post,
	    PF_PERM_ORGS_MANAGE },
	{ "/admin/org/status", PF_POST, F(F_ID) | F(F_ACTION) | F(F_CONFIRM), ADM,
	    page_org_status, PF_PERM_ORGS_MANAGE },

	{ "/admin/roles", PF_GET, 0, ADM, page_roles, PF_PERM_USERS_MANAGE },
	{ "/admin/roles", PF_POST, F(F_NAME) | F(F_SCOPE) | ROLEFORM, ADM, page_roles_post,
	    PF_PERM_USERS_MANAGE },
	{ "/admin/role", PF_GET, F(F_ID), ADM, page_role, PF_PERM_USERS_MANAGE },
	{ "/admin/role", PF_POST, F(F_ID) | ROLEFORM, ADM, page_role_post,
	    PF_PERM_USERS_MANAGE },
	{ "/admin/role/delete", PF_POST, F(F_ID) | F(F_CONFIRM), ADM, page_role_delete,
	    PF_PERM_USERS_MANAGE },

	{ "/admin/status", PF_GET, 0, ADM, page_status, PF_PERM_STATUS_MANAGE },
	{ "/admin/maintenance", PF_POST, F(F_STARTS) | F(F_ENDS) | TEXTS, ADM,
	    page_maint_post, PF_PERM_STATUS_MANAGE },
	{ "/admin/maintenance/delete", PF_POST, F(F_ID), ADM, page_maint_delete,
	    PF_PERM_STATUS_MANAGE },
	{ "/admin/notices", PF_POST, F(F_SEVERITY) | F(F_EXPIRES) | TEXTS, ADM,
	    page_notice_post, PF_PERM_STATUS_MANAGE },
	{ "/admin/notices/delete", PF_POST, F(F_ID), ADM, page_notice_delete,
	    PF_PERM_STATUS_MANAGE },

	{ "/admin/audit", PF_GET, AUDITF | F(F_BEFORE), ADM, page_audit, PF_PERM_AUDIT_READ },
	{ "/admin/audit/export", PF_GET, AUDITF | F(F_FORMAT), ADM, page_audit_export,
	    PF_PERM_AUDIT_READ },
	{ "/admin/alerts", PF_GET, F(F_STATE) | F(F_BEFORE), ADM, page_alerts,
	    PF_PERM_AUDIT_READ },
	{ "/admin/alerts/ack", PF_POST, F(F_ID), ADM, page_alert_ack, PF_PERM_AUDIT_READ },

	{ "/admin/apps", PF_GET, 0, ADM, page_apps, PF_PERM_APPS_MANAGE },
	{ "/admin/apps/new", PF_GET, 0, ADM, page_app_new, PF_PERM_APPS_MANAGE },
	{ "/admin/apps/new", PF_POST, APPFORM | F(F_CLIENT_ID) | F(F_CLIENT_TYPE) | F(F_ROLE) |
	    F(F_ORG), ADM, page_app_new_post, PF_PERM_APPS_MANAGE },
	{ "/admin/app", PF_GET, F(F_ID), ADM, page_app, PF_PERM_APPS_MANAGE },
	{ "/admin/app", PF_POST, F(F_ID) | APPFORM, ADM, page_app_post, PF_PERM_APPS_MANAGE },
	{ "/admin/app/access", PF_POST, F(F_ID) | F(F_ACTION) | F(F_ROLE) | F(F_ORG), ADM,
	    page_app_access, PF_PERM_APPS_MANAGE },
	{ "/admin/app/status", PF_POST, F(F_ID) | F(F_ACTION) | F(F_CONFIRM), ADM,
	    page_app_status, PF_PERM_APPS_MANAGE },
	{ "/admin/app/secret", PF_POST, F(F_ID) | F(F_CONFIRM), ADM, page_app_secret,
	    PF_PERM_APPS_MANAGE },
	{ "/admin/app/delete", PF_POST, F(F_ID) | F(F_CONFIRM), ADM, page_app_delete,
	    PF_PERM_APPS_MANAGE },
};

static const struct pf_app app = {
	"admin", pages, sizeof(pages) / sizeof(pages[0]), fields, F__MAX,
	sql, SQL__MAX - PF_SQL_APP, "webadmin"
};

/* ---- the areas ---- */

enum area { A_USERS, A_INVITE, A_ORGS, A_ROLES, A_STATUS, A_AUDIT, A_ALERTS, A_APPS,
	A_PRIVACY, A__MAX };

static const struct {
	const char	*path, *prefix, *key, *icon;
} areas[A__MAX] = {
	[A_USERS] = { "/admin/users", "/admin/user", "Admin.Area.users", "user" },
	[A_INVITE] = { "/admin/invite", "/admin/invite", "Admin.Area.invite", "mail" },
	[A_ORGS] = { "/admin/orgs", "/admin/org", "Admin.Area.orgs", "home" },
	[A_ROLES] = { "/admin/roles", "/admin/role", "Admin.Area.roles", "key" },
	[A_STATUS] = { "/admin/status", "/admin/status", "Admin.Area.status", "status" },
	[A_AUDIT] = { "/admin/audit", "/admin/audit", "Admin.Area.audit", "clock" },
	[A_ALERTS] = { "/admin/alerts", "/admin/alerts", "Admin.Area.alerts", "shield" },
	[A_APPS] = { "/admin/apps", "/admin/app", "Admin.Area.apps", "app" },
	/* another program's pages (privacy): never the current one here */
	[A_PRIVACY] = { "/privacy/admin", "/privacy/admin", "Admin.Area.privacy", "lock" },
};

/* Whether the session may use an area: what its pages' handlers ask,
 * so no link leads to a refusal.  The roles editor and the status texts
 * concern objects of no organisation: only global grants reach them. */
static int
may_area(struct pf_req *r, enum area a)
{
	switch (a) {
	case A_USERS:
		return pf_may_some(r, PF_PERM_USERS_MANAGE);
	case A_INVITE:
		return pf_may_some(r, PF_PERM_USERS_INVITE);
	case A_ORGS:
		return pf_may_some(r, PF_PERM_ORGS_MANAGE);
	case A_ROLES:
		return pf_may_global(r, PF_PERM_USERS_MANAGE);
	case A_STATUS:
		return pf_may(r, PF_PERM_STATUS_MANAGE, 0);
	case A_AUDIT:
	case A_ALERTS:
		return pf_may_some(r, PF_PERM_AUDIT_READ);
	case A_APPS:
		/* applications belong to no organisation */
		return pf_may_global(r, PF_PERM_APPS_MANAGE);
	case A_PRIVACY:
		/* what /privacy/admin shows: texts and the record (global
		 * privacy.manage), pending erasures (also key users) */
		return pf_may_global(r, PF_PERM_PRIVACY_MANAGE) ||
		    pf_may_some(r, PF_PERM_USERS_MANAGE);
	default:
		return 0;
	}
}

/* Admin.Areas.N: the sub-navigation of every admin page; returns how
 * many areas the session may use. */
static size_t
set_areas(struct pf_req *r)
{
	struct pf_pool *p = pf_req_pool(r);
	const char *path = pf_req_path(r);
	size_t i, n = 0;

	for (i = 0; i < A__MAX; i++) {
		if (!may_area(r, (enum area)i))
			continue;
		pf_setf(r, areas[i].path, "Admin.Areas.%zu.Href", n);
		pf_setf(r, pf_tr(r, pf_psprintf(p, "%s.Label", areas[i].key)),
		    "Admin.Areas.%zu.Label", n);
		pf_setf(r, pf_tr(r, pf_psprintf(p, "%s.Desc", areas[i].key)),
		    "Admin.Areas.%zu.Desc", n);
		pf_setf(r, areas[i].icon, "Admin.Areas.%zu.Icon", n);
		if (path != NULL && strncmp(path, areas[i].prefix, strlen(areas[i].prefix)) == 0)
			pf_setf(r, "1", "Admin.Areas.%zu.Current", n);
		n++;
	}
	return n;
}

static int
page_index(struct pf_req *r)
{
	if (set_areas(r) == 0)
		return 403;
	return pf_render_page(r, "admin_index.cs", "admin", "Admin.Title");
}

/* Every page of the program is rendered through here, with the areas. */
int
render(struct pf_req *r, const char *tmpl, const char *title)
{
	set_areas(r);
	return pf_render_page(r, tmpl, "admin", title);
}

/* ---- fields ---- */

unsigned long long
field_id(struct pf_req *r, int key)
{
	const char *v = pf_req_field(r, key);

	return v != NULL ? strtoull(v, NULL, 10) : 0;
}

const char *
field_text(struct pf_req *r, int key)
{
	const char *v = pf_req_field(r, key), *e;

	if (v == NULL)
		return "";
	while (*v == ' ' || *v == '\t' || *v == '\r' || *v == '\n')
		v++;
	e = v + strlen(v);
	while (e > v && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r' || e[-1] == '\n'))
		e--;
	return pf_pstrndup(pf_req_pool(r), v, (size_t)(e - v));
}

int
text_len_ok(const char *s, size_t min, size_t max)
{
	size_t n = 0;

	/* Valid UTF-8 already: count the bytes that start a code point. */
	for (; *s; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			n++;
	return n >= min && n <= max;
}

const char *
ull(struct pf_req *r, unsigned long long v)
{
	return pf_psprintf(pf_req_pool(r), "%llu", v);
}

int
confirmed(struct pf_req *r)
{
	const char *c = pf_req_field(r, F_CONFIRM);

	return c != NULL && strcmp(c, "1") == 0;
}

const char *
parse_when(struct pf_req *r, const char *s)
{
	struct tm tm, back;
	time_t t;
	int y, mo, d, h, mi, n = 0;

	if (strlen(s) != 16 || (s[10] != ' ' && s[10] != 'T') ||
	    sscanf(s, "%4d-%2d-%2d%*c%2d:%2d%n", &y, &mo, &d, &h, &mi, &n) != 5 || n != 16 ||
	    strspn(s, "0123456789") != 4)
		return NULL;
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	if (y < 2000 || y > 9999 || (t = timegm(&tm)) == (time_t)-1 ||
	    gmtime_r(&t, &back) == NULL || back.tm_year != y - 1900 ||
	    back.tm_mon != mo - 1 || back.tm_mday != d || back.tm_hour != h ||
	    back.tm_min != mi)
		return NULL;
	return pf_psprintf(pf_req_pool(r), "%04d-%02d-%02d %02d:%02d:00", y, mo, d, h, mi);
}

/* ---- objects ---- */

int
session_account(struct pf_req *r, struct pf_account *a)
{
	const struct pf_session *s = pf_req_session(r);

	if (s == NULL || pf_account_load(pf_req_db(r), pf_req_pool(r), s->user, a) != PF_ACC_OK)
		return -1;
	return 0;
}

int
load_user(struct pf_req *r, unsigned long long id, enum pf_perm perm, struct pf_account *a)
{
	switch (pf_account_load(pf_req_db(r), pf_req_pool(r), id, a)) {
	case PF_ACC_OK:
		break;
	case PF_ACC_NOTFOUND:
	case PF_ACC_INVALID:
		return 404;
	default:
		return 503;
	}
	return pf_may(r, perm, a->org_id) ? 0 : 404;
}

int
load_org(struct pf_req *r, unsigned long long id, struct org *o)
{
	struct pf_rows rows;

	if (pf_db_query(pf_req_db(r), pf_req_pool(r), SQL_ORG_GET,
	    PF_ARGS(PF_INT((long long)id)), &rows) != PF_DB_OK)
		return 503;
	if (rows.n == 0)
		return 404;
	o->id = (unsigned long long)PF_CELL(&rows, 0, 0)->i;
	o->name = pf_cell_str(&rows, 0, 1);
	o->kind = pf_cell_str(&rows, 0, 2);
	o->status = pf_cell_str(&rows, 0, 3);
	return 0;
}

int
set_orgs(struct pf_req *r, enum pf_perm perm, unsigned long long selected,
    struct pf_rows *out)
{
	struct pf_rows rows;
	unsigned long long id;
	size_t i, n = 0;

	if (pf_db_query(pf_req_db(r), pf_req_pool(r), SQL_ORGS, NULL, 0, &rows) != PF_DB_OK)
		return 503;
	if (out != NULL)
		*out = rows;
	for (i = 0; i < rows.n; i++) {
		id = (unsigned long long)PF_CELL(&rows, i, 0)->i;
		if (!pf_may(r, perm, id))
			continue;
		pf_setf(r, ull(r, id), "Admin.Orgs.%zu.Id", n);
		pf_setf(r, pf_cell_str(&rows, i, 1), "Admin.Orgs.%zu.Name", n);
		pf_setf(r, pf_cell_str(&rows, i, 2), "Admin.Orgs.%zu.Kind", n);
		pf_setf(r, pf_cell_str(&rows, i, 3), "Admin.Orgs.%zu.Status", n);
		pf_setf(r, ull(r, (unsigned long long)PF_CELL(&rows, i, 4)->i),
		    "Admin.Orgs.%zu.Members", n);
		if (id == selected)
			pf_setf(r, "1", "Admin.Orgs.%zu.Selected", n);
		n++;
	}
	return 0;
}

const char *
org_name(const struct pf_rows *orgs, unsigned long long id)
{
	size_t i;

	for (i = 0; id != 0 && i < orgs->n; i++)
		if ((unsigned long long)PF_CELL(orgs, i, 0)->i == id)
			return pf_cell_str(orgs, i, 1);
	return "";
}

const char *
row_label(struct pf_req *r, const struct pf_rows *rows, size_t row, size_t col)
{
	return pf_cell_str(rows, row, col + (strcmp(pf_req_lang(r), "en") == 0));
}

void
role_row(struct pf_req *r, const struct pf_rows *rows, size_t i, struct pf_role *role)
{
	memset(role, 0, sizeof(*role));
	role->id = (unsigned long long)PF_CELL(rows, i, 0)->i;
	role->name = pf_cell_str(rows, i, 1);
	role->scope = pf_cell_str(rows, i, 2);
	role->approval = pf_cell_str(rows, i, 3);
	role->requestable = PF_CELL(rows, i, 4)->i != 0;
	role->builtin = PF_CELL(rows, i, 5)->i != 0;
	role->label = row_label(r, rows, i, 6);
}

int
audit(struct pf_req *r, const char *event, unsigned long long user, unsigned long long org,
    const char *object, const struct pf_change *c, size_t n)
{
	return pf_tx_err(pf_audit_change(r, event, user, org, object, c, n));
}

/* ---- answers ---- */

void
form_message(struct pf_req *r, int status, const char *key)
{
	pf_resp_status(r, status);
	pf_set(r, "Form.Message", pf_tr(r, key));
}

int
confirm_page(struct pf_req *r, const char *action, const char *title, const char *text,
    const char *subject, const char *back, const struct hidden *h, size_t n)
{
	size_t i;

	pf_set(r, "Confirm.Action", action);
	pf_set(r, "Confirm.Text", pf_tr(r, text));
	pf_set(r, "Confirm.Subject", subject);
	pf_set(r, "Confirm.Back", back);
	for (i = 0; i < n; i++) {
		pf_setf(r, h[i].name, "Confirm.Fields.%zu.Name", i);
		pf_setf(r, h[i].value, "Confirm.Fields.%zu.Value", i);
	}
	return render(r, "admin_confirm.cs", title);
}

int
see_other(struct pf_req *r, const char *path)
{
	return pf_resp_redirect(r, 303, path);
}

int
main(int argc, char *argv[])
{
	return pf_main(&app, argc, argv);
}
