/*
 * admin.h: the admin program's parts (everything below /admin).
 *
 *   admin.c         the page table, /admin, helpers every part shares
 *   admin-users.c   /admin/users, /admin/user*: search, status, second
 *                   factor, sessions, roles, organisation of a user
 *   admin-invite.c  /admin/invite: new users with a setup link by mail
 *   admin-orgs.c    /admin/orgs, /admin/org*: organisations
 *   admin-roles.c   /admin/roles, /admin/role*: the roles editor
 *   admin-status.c  /admin/status, /admin/maintenance*, /admin/notices*
 *   admin-audit.c   /admin/audit, /admin/audit/export: the audit viewer
 *   admin-alerts.c  /admin/alerts, /admin/alerts/ack: security alerts
 *   admin-apps.c    /admin/apps, /admin/app*: applications that sign in
 *                   through Pforte (OpenID Connect clients)
 *
 * Every page needs a recent second factor (PF_PAGE_STEPUP) and one
 * permission in some scope (pf_page.perm); handlers check each object
 * they touch with pf_may() on its organisation.  An object the session
 * may not touch is answered like one that does not exist (404).
 */
#ifndef ADMIN_H
#define ADMIN_H

#include "pforte.h"

enum field {
	F_ID, F_Q, F_ORG, F_ACTION, F_CONFIRM, F_ROLE, F_EXPIRES, F_EMAIL, F_NAME,
	F_LANGUAGE, F_KIND, F_LABEL_DE, F_LABEL_EN, F_SCOPE, F_APPROVAL,
	F_REQUESTABLE, F_STARTS, F_ENDS, F_TITLE_DE, F_TITLE_EN, F_BODY_DE,
	F_BODY_EN, F_SEVERITY, F_SENT,
	/* the audit viewer's filter and paging, the alerts list */
	F_FROM, F_TO, F_ACTOR, F_EVENT, F_TARGET, F_OUTCOME, F_IP, F_BEFORE, F_FORMAT,
	F_STATE,
	/* the application forms (admin-apps.c); scope openid has no box:
	 * it comes with authorization_code, which needs it */
	F_CLIENT_ID, F_CLIENT_TYPE, F_ICON, F_REDIRECT_URIS, F_POST_LOGOUT_URIS,
	F_INITIATE_URI, F_FRONTCHANNEL_URI, F_BACKCHANNEL_URI, F_S_PROFILE, F_S_EMAIL,
	F_S_ROLES, F_S_OFFLINE, F_G_CODE, F_G_REFRESH, F_G_CLIENT, F_TRUSTED, F_PAIRWISE,
	F_AUDIENCE,
	/* one boolean per permission, in the order of enum pf_perm */
	F_PERM0,
	F__MAX = F_PERM0 + PF_PERM__MAX - 1
};
/* The field of permission p (PF_PERM_NONE < p < PF_PERM__MAX). */
#define F_PERM(p)	(F_PERM0 + (int)(p) - 1)

enum sql {
	SQL_ORGS = PF_SQL_APP,
	SQL_ORG_GET,
	SQL_ORG_INSERT,
	SQL_ORG_UPDATE,
	SQL_ORG_STATUS,
	SQL_ORG_MEMBERS,
	SQL_USERS_ALL,
	SQL_USER_DISABLE,
	SQL_USER_ENABLE,
	SQL_USER_SET_ORG,
	SQL_USER_ROLES,
	SQL_USER_SESSIONS,
	SQL_USER_OLD_GRANTS,
	SQL_TOTP_DELETE,
	SQL_RECOVERY_DELETE,
	SQL_ROLES,
	SQL_ROLE_ROW,
	SQL_ROLE_PERMS,
	SQL_ROLE_INSERT,
	SQL_ROLE_UPDATE,
	SQL_ROLE_PERM_CLEAR,
	SQL_ROLE_PERM_ADD,
	SQL_ROLE_DELETE,
	SQL_MAINT_LIST,
	SQL_MAINT_GET,
	SQL_MAINT_INSERT,
	SQL_MAINT_DELETE,
	SQL_NOTICE_LIST,
	SQL_NOTICE_GET,
	SQL_NOTICE_INSERT,
	SQL_NOTICE_DELETE,
	SQL_AUDIT_LIST,
	SQL_ALERT_LIST,
	SQL_ALERT_GET,
	SQL_ALERT_ACK,
	SQL_APPS,
	SQL_APP_GET,
	SQL_APP_INSERT,
	SQL_APP_UPDATE,
	SQL_APP_URIS,
	SQL_APP_URIS_CLEAR,
	SQL_APP_URI_ADD,
	SQL_APP_ACCESS,
	SQL_APP_ACCESS_ADD,
	SQL_APP_ACCESS_DEL,
	SQL_APP_STATUS,
	SQL_APP_SECRET,
	SQL_APP_REVOKE,
	SQL_APP_DELETE,
	SQL__MAX
};

/* admin-users.c */
int	page_users(struct pf_req *);
int	page_user(struct pf_req *);
int	page_user_status(struct pf_req *);
int	page_user_mfa(struct pf_req *);
int	page_user_sessions(struct pf_req *);
int	page_user_role(struct pf_req *);
int	page_user_org(struct pf_req *);
/* admin-invite.c */
int	page_invite(struct pf_req *);
int	page_invite_post(struct pf_req *);
/* admin-orgs.c */
int	page_orgs(struct pf_req *);
int	page_orgs_post(struct pf_req *);
int	page_org(struct pf_req *);
int	page_org_post(struct pf_req *);
int	page_org_status(struct pf_req *);
/* admin-roles.c */
int	page_roles(struct pf_req *);
int	page_roles_post(struct pf_req *);
int	page_role(struct pf_req *);
int	page_role_post(struct pf_req *);
int	page_role_delete(struct pf_req *);
/* admin-status.c */
int	page_status(struct pf_req *);
int	page_maint_post(struct pf_req *);
int	page_maint_delete(struct pf_req *);
int	page_notice_post(struct pf_req *);
int	page_notice_delete(struct pf_req *);
/* admin-audit.c */
int	page_audit(struct pf_req *);
int	page_audit_export(struct pf_req *);
/* admin-alerts.c */
int	page_alerts(struct pf_req *);
int	page_alert_ack(struct pf_req *);

/* admin-apps.c */
int	page_apps(struct pf_req *);
int	page_app_new(struct pf_req *);
int	page_app_new_post(struct pf_req *);
int	page_app(struct pf_req *);
int	page_app_post(struct pf_req *);
int	page_app_access(struct pf_req *);
int	page_app_status(struct pf_req *);
int	page_app_secret(struct pf_req *);
int	page_app_delete(struct pf_req *);

/* ---- admin.c: shared steps ---- */

/* Render templates/<tmpl> as an admin page (with the areas this session
 * may use as sub-navigation); title is a language key. */
int			 render(struct pf_req *, const char *tmpl, const char *title);

/* An id field (validated as 1..2^53-1 by the field table), 0 when absent. */
unsigned long long	 field_id(struct pf_req *, int key);
/* A text field trimmed of surrounding white space; "" when absent. */
const char		*field_text(struct pf_req *, int key);
/* 1 when s has between min and max characters (code points). */
int			 text_len_ok(const char *s, size_t min, size_t max);
/* "%llu" in request memory. */
const char		*ull(struct pf_req *, unsigned long long);
/* 1 when the request is the second POST of a confirmation (confirm=1). */
int			 confirmed(struct pf_req *);

/* The session user's account (for the name an invitation is from). */
int			 session_account(struct pf_req *, struct pf_account *);
/* Load user id for an action needing perm: 0, or 404 when there is none
 * or the session may not do perm in the user's organisation (the same
 * answer, so other organisations' ids cannot be probed), 503/500. */
int			 load_user(struct pf_req *, unsigned long long id, enum pf_perm,
			    struct pf_account *);

/* An organisation's row (id, name, kind, status): 0, 404, 500. */
struct org {
	unsigned long long	 id;
	const char		*name, *kind, *status;
};
int			 load_org(struct pf_req *, unsigned long long id, struct org *);
/* Admin.Orgs.N.{Id,Name,Kind,Status,Members,Selected} for lists and
 * selects: only the organisations the session may do perm in.  out
 * (optional) gets every organisation's row (id, name, kind, status,
 * members) for org_name().  0 or 503. */
int			 set_orgs(struct pf_req *, enum pf_perm, unsigned long long selected,
			    struct pf_rows *out);
/* The name of organisation id in such rows, "" when none. */
const char		*org_name(const struct pf_rows *, unsigned long long id);

/* The role's label in the request's language from a row whose columns
 * label_col and label_col + 1 are label_de and label_en. */
const char		*row_label(struct pf_req *, const struct pf_rows *, size_t row,
			    size_t label_col);

/* A role from a row whose first columns are id, name, scope, approval,
 * requestable, builtin, label_de, label_en (SQL_ROLES, SQL_ROLE_ROW,
 * SQL_USER_ROLES). */
void			 role_row(struct pf_req *, const struct pf_rows *, size_t row,
			    struct pf_role *);

/* Record a change in the caller's transaction: pf_audit_change, its
 * error as pf_tx's return value. */
int			 audit(struct pf_req *, const char *event, unsigned long long user,
			    unsigned long long org, const char *object,
			    const struct pf_change *, size_t n);

/* Re-render a form with a message (language key) and a status. */
void			 form_message(struct pf_req *, int status, const char *key);
/* The confirmation step of a dangerous action: a page repeating the
 * POST to action with the given hidden fields and confirm=1.  title
 * and text are language keys; subject names what it concerns. */
struct hidden { const char *name, *value; };
int			 confirm_page(struct pf_req *, const char *action, const char *title,
			    const char *text, const char *subject, const char *back,
			    const struct hidden *, size_t n);
/* 303 to a page of this program, e.g. "/admin/user?id=5". */
int			 see_other(struct pf_req *, const char *path);
/* "YYYY-MM-DD HH:MM" (or with a T, as browsers send datetime-local) as
 * an SQL DATETIME; NULL when it is not a real time. */
const char		*parse_when(struct pf_req *, const char *);

#endif /* ADMIN_H */
