/*
 * profile: the signed-in user's own account.  Name, phone and language,
 * the e-mail address (confirmed by a link to the new one), the password,
 * the second factors, the sessions and the recent sign-in history.
 *
 * Every page needs a fully signed-in session; changing the address and
 * adding, replacing or removing an authenticator also need a recent
 * second factor (step-up).  The pipeline (lib/loop.c) has checked every
 * field, the form token and the session before a handler runs.  Nothing
 * here takes a user id: the user is always the session's.
 */
#include "profile.h"

static const char *const languages[] = { "de", "en", NULL };
/* The notices a page shows after a change (PRG: ?n=...). */
static const char *const notices[] = {
	"saved", "mailsent", "mailchanged", "password", "totpadded", "totpreplaced",
	"totpremoved", "ended", NULL
};

/* Lengths are generous where the handler gives the better answer: an
 * over-long name or a phone number with letters gets the form again with
 * a message.  Ids: positive and at most 2^53 - 1 (JavaScript's safe
 * integers), anything else is a 400. */
static const struct pf_field fields[F__MAX] = {
	[F_NAME] = { "name", PF_F_LINE, 0, 2000, 0, 0, NULL, NULL },
	[F_PHONE] = { "phone", PF_F_LINE, 0, 200, 0, 0, NULL, NULL },
	[F_LANGUAGE] = { "language", PF_F_ENUM, 0, 0, 0, 0, languages, NULL },
	[F_EMAIL] = { "email", PF_F_LINE, 0, 1024, 0, 0, NULL, NULL },
	[F_TOKEN] = { "t", PF_F_LINE, 0, 128, 0, 0, NULL, NULL },
	[F_CURRENT] = { "current", PF_F_LINE, 0, 4096, 0, 0, NULL, NULL },
	[F_PASSWORD] = { "password", PF_F_LINE, 0, 4096, 0, 0, NULL, NULL },
	[F_PASSWORD2] = { "password2", PF_F_LINE, 0, 4096, 0, 0, NULL, NULL },
	[F_CODE] = { "code", PF_F_LINE, 0, 64, 0, 0, NULL, NULL },
	[F_PENDING] = { "pending", PF_F_TOKEN, 1, 600, 0, 0, NULL, NULL },
	[F_CONFIRM] = { "confirm", PF_F_BOOL, 0, 0, 0, 0, NULL, NULL },
	[F_ID] = { "id", PF_F_INT, 1, 20, 1, 9007199254740991LL, NULL, NULL },
	[F_NOTICE] = { "n", PF_F_ENUM, 0, 0, 0, 0, notices, NULL },
};

static const char *const sql[SQL__MAX - PF_SQL_APP] = {
	[SQL_ORG_NAME - PF_SQL_APP] =
	    "SELECT name, kind FROM orgs WHERE id = ?",
	/* The grants in force: an expired one is no longer held, and an
	 * org-scoped one only in the organisation it was given for. */
	[SQL_ROLES - PF_SQL_APP] =
	    "SELECT r.name, r.label_de, r.label_en, IFNULL(ur.expires_at, '') "
	    "FROM user_roles ur JOIN roles r ON r.id = ur.role_id "
	    "JOIN users u ON u.id = ur.user_id "
	    "WHERE ur.user_id = ? "
	    "AND (ur.expires_at IS NULL OR ur.expires_at > UTC_TIMESTAMP(6)) "
	    "AND (r.scope = 'global' OR ur.org_id <=> u.org_id) "
	    "ORDER BY r.name LIMIT 100",
	[SQL_SET_LANG - PF_SQL_APP] =
	    "UPDATE users SET lang = ?, updated_at = UTC_TIMESTAMP(6) WHERE id = ?",
	[SQL_TOTP_ROW - PF_SQL_APP] =
	    "SELECT id, confirmed FROM totp WHERE user_id = ? FOR UPDATE",
	/* A replacement takes the place of the confirmed authenticator in
	 * one statement: there is never a moment without one.  The code
	 * that confirmed it is spent (last_step). */
	[SQL_TOTP_REPLACE - PF_SQL_APP] =
	    "UPDATE totp SET secret_enc = ?, confirmed = 1, last_step = ?, "
	    "created_at = UTC_TIMESTAMP(6) WHERE user_id = ? AND id = ? AND confirmed = 1",
	[SQL_TOTP_DELETE - PF_SQL_APP] =
	    "DELETE FROM totp WHERE user_id = ?",
	/* Sessions that still count: not expired, not idle too long. */
	[SQL_SESSIONS - PF_SQL_APP] =
	    "SELECT id, level, ip_enc, ua_enc, created_at, last_seen FROM sessions "
	    "WHERE user_id = ? AND expires_at > UTC_TIMESTAMP(6) "
	    "AND last_seen > UTC_TIMESTAMP(6) - INTERVAL ? MINUTE "
	    "ORDER BY last_seen DESC, id DESC LIMIT 100",
	[SQL_SESSION_DELETE - PF_SQL_APP] =
	    "DELETE FROM sessions WHERE id = ? AND user_id = ?",
	[SQL_HISTORY - PF_SQL_APP] =
	    "SELECT id, created_at, event, outcome, ip_enc FROM audit_log "
	    "WHERE user_id = ? AND (event LIKE 'auth.%' OR event LIKE 'profile.%') "
	    "ORDER BY created_at DESC, id DESC LIMIT 20",
};

#define FULL	(PF_PAGE_DB | PF_PAGE_FORM | PF_PAGE_FULL)
#define STEPUP	(FULL | PF_PAGE_STEPUP)
#define F(k)	PF_FIELD(k)

static const struct pf_page pages[] = {
	{ "/profile", PF_GET, F(F_NOTICE), FULL, page_profile, PF_PERM_NONE },
	{ "/profile", PF_POST, F(F_NAME) | F(F_PHONE) | F(F_LANGUAGE), FULL,
	    page_profile_post, PF_PERM_NONE },
	/* the same form, after a step-up: a new phone number changes where
	 * SMS codes go */
	{ "/profile/phone", PF_GET, 0, STEPUP, page_profile, PF_PERM_NONE },
	{ "/profile/email", PF_GET, 0, STEPUP, page_email, PF_PERM_NONE },
	{ "/profile/email", PF_POST, F(F_EMAIL), STEPUP, page_email_post, PF_PERM_NONE },
	{ "/profile/email/confirm", PF_GET, F(F_TOKEN), STEPUP, page_email_confirm,
	    PF_PERM_NONE },
	{ "/profile/email/confirm", PF_POST, F(F_TOKEN), STEPUP, page_email_confirm_post,
	    PF_PERM_NONE },
	{ "/profile/password", PF_GET, F(F_NOTICE), FULL, page_password, PF_PERM_NONE },
	{ "/profile/password", PF_POST, F(F_CURRENT) | F(F_PASSWORD) | F(F_PASSWORD2),
	    FULL, page_password_post, PF_PERM_NONE },
	{ "/profile/password/set", PF_GET, 0, STEPUP, page_password, PF_PERM_NONE },
	{ "/profile/password/set", PF_POST, F(F_PASSWORD) | F(F_PASSWORD2), STEPUP,
	    page_password_post, PF_PERM_NONE },
	{ "/profile/security", PF_GET, F(F_NOTICE), FULL, page_security, PF_PERM_NONE },
	{ "/profile/totp", PF_GET, 0, STEPUP, page_totp, PF_PERM_NONE },
	{ "/profile/totp", PF_POST, F(F_CODE) | F(F_PENDING), STEPUP, page_totp_post,
	    PF_PERM_NONE },
	{ "/profile/totp/remove", PF_POST, F(F_CONFIRM), STEPUP, page_totp_remove,
	    PF_PERM_NONE },
	{ "/profile/recovery-codes", PF_POST, 0, FULL, page_recovery_post, PF_PERM_NONE },
	{ "/profile/sessions", PF_GET, F(F_NOTICE), FULL, page_sessions, PF_PERM_NONE },
	{ "/profile/sessions/end", PF_POST, F(F_ID), FULL, page_session_end, PF_PERM_NONE },
	{ "/profile/history", PF_GET, 0, FULL, page_history, PF_PERM_NONE },
};

static const struct pf_app app = {
	"profile", pages, sizeof(pages) / sizeof(pages[0]), fields, F__MAX,
	sql, SQL__MAX - PF_SQL_APP, NULL
};

/* The sub-navigation: where each page of the program is. */
static const struct {
	const char	*path, *key, *icon;
} subnav[] = {
	{ "/profile", "Profile.Nav.Data", "user" },
	{ "/profile/password", "Profile.Nav.Password", "key" },
	{ "/profile/security", "Profile.Nav.Security", "shield" },
	{ "/profile/sessions", "Profile.Nav.Sessions", "app" },
	{ "/profile/history", "Profile.Nav.History", "clock" },
};

/* Which entry of the sub-navigation a page belongs to (first match). */
static const struct {
	const char	*prefix;
	size_t		 entry;
} sections[] = {
	{ "/profile/password", 1 },
	{ "/profile/security", 2 },
	{ "/profile/totp", 2 },
	{ "/profile/recovery-codes", 2 },
	{ "/profile/sessions", 3 },
	{ "/profile/history", 4 },
	{ "/profile", 0 },
};

struct pf_account *
own_account(struct pf_req *r)
{
	struct pf_account *a = pf_pcalloc(pf_req_pool(r), sizeof(*a));
	const struct pf_session *s = pf_req_session(r);

	if (s == NULL || pf_account_load(pf_req_db(r), pf_req_pool(r), s->user, a) != PF_ACC_OK) {
		pf_log(r, PF_LOG_ERR, "profile: the session's account cannot be loaded");
		return NULL;
	}
	return a;
}

const char *
user_subject(struct pf_req *r)
{
	return pf_psprintf(pf_req_pool(r), "user:%llu", pf_req_session(r)->user);
}

void
profile_nav(struct pf_req *r)
{
	struct pf_pool *p = pf_req_pool(r);
	const char *here = pf_req_path(r), *n = pf_req_field(r, F_NOTICE);
	size_t i, current = 0;

	for (i = 0; i < sizeof(sections) / sizeof(sections[0]); i++)
		if (strncmp(here, sections[i].prefix, strlen(sections[i].prefix)) == 0) {
			current = sections[i].entry;
			break;
		}
	for (i = 0; i < sizeof(subnav) / sizeof(subnav[0]); i++) {
		pf_setf(r, subnav[i].path, "Profile.Nav.%zu.Href", i);
		pf_setf(r, pf_tr(r, subnav[i].key), "Profile.Nav.%zu.Label", i);
		pf_setf(r, subnav[i].icon, "Profile.Nav.%zu.Icon", i);
		if (i == current)
			pf_setf(r, "1", "Profile.Nav.%zu.Current", i);
	}
	if (n != NULL)
		pf_set(r, "Form.Notice", pf_tr(r, pf_psprintf(p, "Profile.Notice.%s", n)));
}

int
profile_render(struct pf_req *r, const char *tmpl, const char *name)
{
	profile_nav(r);
	return pf_render_page(r, tmpl, name,
	    pf_psprintf(pf_req_pool(r), "Profile.%s.Title", name));
}

int
profile_message(struct pf_req *r, int status, const char *key, const char *back)
{
	return pf_message(r, status, pf_psprintf(pf_req_pool(r), "Profile.Error.%s", key), back,
	    "Profile.Back");
}

int
link_invalid(struct pf_req *r)
{
	return pf_message(r, 410, "Message.LinkInvalid", "/profile", "Profile.Back");
}

int
main(int argc, char *argv[])
{
	return pf_main(&app, argc, argv);
}
