/*
 * login: signing in and out.  The password, the second factor and its
 * enrolment, passwords set by link (reset, account setup), the dashboard.
 * The pipeline (lib/loop.c) has already checked every field, the form
 * token and, for pages that need one, the session.
 */
#include "login.h"

static const char *const methods[] = { "totp", "email", "sms", "recovery", NULL };
static const char *const actions[] = { "send", "verify", NULL };

/* Lengths are generous where the handler gives the better answer: an
 * over-long address or a code with letters gets the form again with a
 * message, not a bare 400 page. */
static const struct pf_field fields[F__MAX] = {
	[F_EMAIL] = { "email", PF_F_LINE, 0, 1024, 0, 0, NULL, NULL },
	[F_PASSWORD] = { "password", PF_F_LINE, 0, 4096, 0, 0, NULL, NULL },
	[F_PASSWORD2] = { "password2", PF_F_LINE, 0, 4096, 0, 0, NULL, NULL },
	/* room for a waiting authorization request (sessions.next_path) */
	[F_RETURN_TO] = { "return_to", PF_F_LINE, 0, 2048, 0, 0, NULL, NULL },
	[F_METHOD] = { "method", PF_F_ENUM, 0, 0, 0, 0, methods, NULL },
	[F_ACTION] = { "action", PF_F_ENUM, 0, 0, 0, 0, actions, NULL },
	[F_CODE] = { "code", PF_F_LINE, 0, 64, 0, 0, NULL, NULL },
	[F_TOKEN] = { "t", PF_F_LINE, 0, 128, 0, 0, NULL, NULL },
	[F_BYE] = { "bye", PF_F_BOOL, 0, 0, 0, 0, NULL, NULL },
	[F_RESET] = { "reset", PF_F_BOOL, 0, 0, 0, 0, NULL, NULL },
	[F_EXPIRED] = { "expired", PF_F_BOOL, 0, 0, 0, 0, NULL, NULL },
	[F_NOPASSWORD] = { "nopassword", PF_F_BOOL, 0, 0, 0, 0, NULL, NULL },
	[F_RENEW] = { "renew", PF_F_BOOL, 0, 0, 0, 0, NULL, NULL },
};

#define DB	PF_PAGE_DB
#define FORM	(PF_PAGE_DB | PF_PAGE_FORM)
#define F(k)	PF_FIELD(k)

static const struct pf_page pages[] = {
	{ "/", PF_GET, 0, FORM | PF_PAGE_FULL, page_home, 0 },
	{ "/login", PF_GET, F(F_RETURN_TO) | F(F_BYE) | F(F_RESET) | F(F_EXPIRED) | F(F_EMAIL),
	    FORM,
	    page_login, 0 },
	{ "/login", PF_POST, F(F_EMAIL) | F(F_PASSWORD) | F(F_RETURN_TO), FORM,
	    page_login_post, 0 },
	{ "/login/factor", PF_GET, F(F_RENEW), FORM | PF_PAGE_FIRST, page_factor, 0 },
	{ "/login/factor", PF_POST, F(F_METHOD) | F(F_ACTION) | F(F_CODE),
	    FORM | PF_PAGE_FIRST, page_factor_post, 0 },
	{ "/login/enrol", PF_GET, 0, FORM | PF_PAGE_FIRST, page_enrol, 0 },
	{ "/login/enrol", PF_POST, F(F_CODE), FORM | PF_PAGE_FIRST, page_enrol_post, 0 },
	{ "/login/enrol/qr.svg", PF_GET, 0, DB | PF_PAGE_FIRST, page_enrol_qr, 0 },
	{ "/login/recovery-codes", PF_POST, 0, FORM | PF_PAGE_FULL, page_recovery_post, 0 },
	{ "/logout", PF_POST, 0, FORM, page_logout, 0 },
	{ "/logout/all", PF_POST, 0, FORM | PF_PAGE_FULL, page_logout_all, 0 },
	{ "/reset", PF_GET, 0, FORM, page_reset, 0 },
	{ "/reset", PF_POST, F(F_EMAIL), FORM, page_reset_post, 0 },
	{ "/reset/confirm", PF_GET, F(F_TOKEN), FORM, page_password, 0 },
	{ "/reset/confirm", PF_POST, F(F_TOKEN) | F(F_PASSWORD) | F(F_PASSWORD2), FORM,
	    page_password_post, 0 },
	{ "/setup", PF_GET, F(F_TOKEN), FORM, page_password, 0 },
	{ "/setup", PF_POST, F(F_TOKEN) | F(F_PASSWORD) | F(F_PASSWORD2) | F(F_NOPASSWORD),
	    FORM, page_password_post, 0 },
	{ "/login/secure", PF_GET, F(F_TOKEN), FORM, page_secure, 0 },
	{ "/login/secure", PF_POST, F(F_TOKEN), FORM, page_secure_post, 0 },
};

static const struct pf_app app = {
	"login", pages, sizeof(pages) / sizeof(pages[0]), fields, F__MAX,
	NULL, 0, NULL,
};

int
link_invalid(struct pf_req *r)
{
	return pf_message(r, 410, "Message.LinkInvalid", "/login", "Nav.Login");
}

int
code_wellformed(const char *method, const char *code)
{
	size_t n = strlen(code);

	if (strcmp(method, "recovery") == 0)
		return n >= 10 && n <= 16 && strspn(code, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
		    "abcdefghijklmnopqrstuvwxyz0123456789- ") == n;
	return n == 6 && strspn(code, "0123456789") == 6;
}

const char *
code_subject(struct pf_req *r)
{
	return pf_psprintf(pf_req_pool(r), "user:%llu", pf_req_session(r)->user);
}

const char *
next_path(const struct pf_session *s)
{
	return s != NULL && *s->next ? s->next : "/";
}

struct pf_account *
session_account(struct pf_req *r)
{
	struct pf_account *a = pf_pcalloc(pf_req_pool(r), sizeof(*a));
	const struct pf_session *s = pf_req_session(r);

	if (s == NULL || pf_account_load(pf_req_db(r), pf_req_pool(r), s->user, a) != PF_ACC_OK) {
		pf_log(r, PF_LOG_ERR, "login: the session's account cannot be loaded");
		return NULL;
	}
	return a;
}

int
main(int argc, char *argv[])
{
	return pf_main(&app, argc, argv);
}
