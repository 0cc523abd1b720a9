/*
 * profile.h: the profile program's parts.  Everything here concerns the
 * signed-in user's own account; no page takes a user id.
 *
 *   profile.c          the tables, shared steps
 *   profile-data.c     /profile: own data, language, organisation, roles
 *   profile-email.c    /profile/email, /profile/email/confirm: a new address
 *   profile-password.c /profile/password, /profile/password/set: change the
 *                      password, or set a first one
 *   profile-factors.c  /profile/security, /profile/totp, /profile/totp/remove,
 *                      /profile/recovery-codes: second factors
 *   profile-sessions.c /profile/sessions, /profile/sessions/end,
 *                      /profile/history: where one is signed in, and was
 */
#ifndef PROFILE_H
#define PROFILE_H

#include "pforte.h"

enum field {
	F_NAME, F_PHONE, F_LANGUAGE, F_EMAIL, F_TOKEN, F_CURRENT, F_PASSWORD,
	F_PASSWORD2, F_CODE, F_PENDING, F_CONFIRM, F_ID, F_NOTICE, F__MAX
};

enum sql {
	SQL_ORG_NAME = PF_SQL_APP,
	SQL_ROLES,
	SQL_SET_LANG,
	SQL_TOTP_ROW,
	SQL_TOTP_REPLACE,
	SQL_TOTP_DELETE,
	SQL_SESSIONS,
	SQL_SESSION_DELETE,
	SQL_HISTORY,
	SQL__MAX
};

/* The limits of what pf_account_update() takes: longer input gets the
 * form again with a message, not the pipeline's bare 400 page. */
#define NAME_MAX_BYTES	200
#define PHONE_MAX_BYTES	32

/* profile-data.c */
int	page_profile(struct pf_req *);
int	page_profile_post(struct pf_req *);
/* profile-email.c */
int	page_email(struct pf_req *);
int	page_email_post(struct pf_req *);
int	page_email_confirm(struct pf_req *);
int	page_email_confirm_post(struct pf_req *);
/* profile-password.c */
int	page_password(struct pf_req *);
int	page_password_post(struct pf_req *);
/* profile-factors.c */
int	page_security(struct pf_req *);
int	page_totp(struct pf_req *);
int	page_totp_post(struct pf_req *);
int	page_totp_remove(struct pf_req *);
int	page_recovery_post(struct pf_req *);
/* profile-sessions.c */
int	page_sessions(struct pf_req *);
int	page_session_end(struct pf_req *);
int	page_history(struct pf_req *);

/* profile.c: shared steps */
/* The session's account, decrypted, or NULL after logging why. */
struct pf_account *own_account(struct pf_req *);
/* "user:<id>": the audit object and the throttle subject of the user. */
const char *user_subject(struct pf_req *);
/* Sets the sub-navigation of the profile pages (Profile.Nav.*), the
 * current one marked, and the notice named by the n field, if any. */
void	profile_nav(struct pf_req *);
/* Render templates/<tmpl> with the sub-navigation, titled by the
 * language string Profile.<name>.Title. */
int	profile_render(struct pf_req *, const char *tmpl, const char *name);
/* A message page with status: Message.Title/Text from
 * Profile.Error.<key>.Title/Text and a link back to path. */
int	profile_message(struct pf_req *, int status, const char *key, const char *back);
/* The generic page of a link that is invalid, used or expired (410). */
int	link_invalid(struct pf_req *);

#endif /* PROFILE_H */
