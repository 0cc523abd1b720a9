/*
 * login.h: the login program's parts.
 *
 *   login-signin.c /login, /logout, /logout/all: the password, sessions' end
 *   login-factor.c /login/factor: the second factor
 *   login-enrol.c  /login/enrol, /login/recovery-codes: getting a factor
 *   login-reset.c  /reset, /reset/confirm, /setup: passwords set by link
 *   login-home.c   /: the dashboard
 *   login-secure.c /login/secure: "not you?" from a sign-in notice
 */
#ifndef LOGIN_H
#define LOGIN_H

#include "pforte.h"

enum field {
	F_EMAIL, F_PASSWORD, F_PASSWORD2, F_RETURN_TO, F_METHOD, F_ACTION, F_CODE,
	F_TOKEN, F_BYE, F_RESET, F_EXPIRED, F_NOPASSWORD, F_RENEW, F__MAX
};

/* login-signin.c */
int	page_login(struct pf_req *);
int	page_login_post(struct pf_req *);
int	page_logout(struct pf_req *);
int	page_logout_all(struct pf_req *);
/* login-factor.c */
int	page_factor(struct pf_req *);
int	page_factor_post(struct pf_req *);
/* login-enrol.c */
int	page_enrol(struct pf_req *);
int	page_enrol_qr(struct pf_req *);
int	page_enrol_post(struct pf_req *);
int	page_recovery_post(struct pf_req *);
/* login-reset.c */
int	page_reset(struct pf_req *);
int	page_reset_post(struct pf_req *);
int	page_password(struct pf_req *);
int	page_password_post(struct pf_req *);
/* login-home.c */
int	page_home(struct pf_req *);
/* login-secure.c */
int	page_secure(struct pf_req *);
int	page_secure_post(struct pf_req *);

/* login.c: shared steps */
/* The generic page of a link that is invalid, used or expired (410). */
int	link_invalid(struct pf_req *);
/* Where a fully signed-in session continues: its return path or "/". */
const char *next_path(const struct pf_session *);
/* The session's account, decrypted, or NULL after logging why. */
struct pf_account *session_account(struct pf_req *);
/* 1 when code has the form of a code of method (totp, email, sms: six
 * digits; recovery: ten letters and digits, grouped): what cannot be
 * right is refused with 400 and never counted as a guess. */
int	code_wellformed(const char *method, const char *code);
/* What the code throttle counts a session's guesses under: its user. */
const char *code_subject(struct pf_req *);

#endif /* LOGIN_H */
