/*
 * profile-password.c: changing the password, which needs the current
 * one, or setting a first one (an account that signs in by e-mail link
 * only), which needs a recent second factor instead: the session alone
 * must never be enough to take over the account's password.
 *
 * Guesses at the current password are counted like sign-in attempts (per
 * user, with delays and a lock), and the hashing waits for a slot like
 * the login does.  A new password ends every other session of the user.
 */
#include <stdio.h>

#include "profile.h"

static int
setting(struct pf_req *r)
{
	return strcmp(pf_req_path(r), "/profile/password/set") == 0;
}

static int
form(struct pf_req *r, int has, const char *message)
{
	pf_set_int(r, "Profile.MinLength", pf_conf_int("Auth.Password.MinLength"));
	if (!has)
		pf_set(r, "Profile.Set", "1");
	if (message != NULL)
		pf_set(r, "Form.Message", pf_tr(r, message));
	return profile_render(r, "profile_password.cs", has ? "Password" : "PasswordSet");
}

/* *has: whether the account has a password; *hash the hash. */
static int
current_hash(struct pf_req *r, const char **hash, int *has)
{
	const char *status;

	if (pf_account_password(pf_req_db(r), pf_req_pool(r), pf_req_session(r)->user, hash,
	    &status) != PF_ACC_OK)
		return 503;
	*has = **hash != '\0';
	return 0;
}

int
page_password(struct pf_req *r)
{
	const char *hash;
	int has, rc;

	if ((rc = current_hash(r, &hash, &has)) != 0)
		return rc;
	/* Each form at its own address: the first password's needs the
	 * step-up, which the pipeline asks for on the way in. */
	if (has == setting(r))
		return pf_resp_redirect(r, 303, has ? "/profile/password" :
		    "/profile/password/set");
	return form(r, has, NULL);
}

struct newpw {
	int		 has;
	int		 locked;
	const char	*hash;
};

static int
record_failure(struct pf_req *r, void *arg)
{
	struct newpw *n = arg;
	enum pf_dberr e;

	if ((e = pf_throttle_fail(pf_req_db(r), PF_THR_ACCOUNT, user_subject(r), &n->locked)) !=
	    PF_DB_OK ||
	    (e = pf_audit(r, "profile.password.changed", PF_AUDIT_FAIL, pf_req_session(r)->user,
	    "current")) != PF_DB_OK)
		return pf_tx_err(e);
	return 0;
}

static int
store(struct pf_req *r, void *arg)
{
	struct newpw *n = arg;
	const struct pf_session *s = pf_req_session(r);
	struct pf_db *db = pf_req_db(r);
	enum pf_dberr e;

	if (pf_account_set_password(db, pf_req_pool(r), s->user, n->hash, 0) != PF_ACC_OK)
		return 500;
	if ((e = pf_session_end_user(db, s->user, s->id)) != PF_DB_OK ||
	    (e = pf_throttle_clear(db, PF_THR_ACCOUNT, user_subject(r))) != PF_DB_OK ||
	    (e = pf_audit(r, "profile.password.changed", PF_AUDIT_OK, s->user,
	    n->has ? "changed" : "set")) != PF_DB_OK)
		return pf_tx_err(e);
	return 0;
}

/* Check the current password: 0 when it is right, else what to answer
 * (a form with a message, the busy page). */
static int
check_current(struct pf_req *r, struct newpw *n, const char *hash, const char *current,
    int *done)
{
	enum pf_thr_state st;
	long wait;
	int rehash, rc;

	*done = 1;
	if (current == NULL || *current == '\0') {
		pf_resp_status(r, 422);
		pf_set(r, "Form.Errors.current", pf_tr(r, "Profile.Error.CurrentMissing"));
		return form(r, 1, "Profile.Error.Form");
	}
	if (pf_throttle_check(pf_req_db(r), PF_THR_ACCOUNT, user_subject(r), &st, &wait) !=
	    PF_DB_OK)
		return 503;
	if (st != PF_THR_GO) {
		pf_resp_status(r, 429);
		return form(r, 1, st == PF_THR_LOCKED ? "Profile.Error.Locked" :
		    "Profile.Error.Wait");
	}
	if ((rc = pf_pw_verify(hash, current, &rehash)) < 0)
		return pf_busy(r);
	if (rc == 0) {
		if ((rc = pf_tx(r, record_failure, n)) != 0)
			return rc;
		pf_resp_status(r, n->locked ? 429 : 422);
		pf_set(r, "Form.Errors.current", pf_tr(r, "Profile.Error.Current"));
		return form(r, 1, n->locked ? "Profile.Error.Locked" : "Profile.Error.Form");
	}
	*done = 0;
	return 0;
}

int
page_password_post(struct pf_req *r)
{
	const char *current = pf_req_field(r, F_CURRENT), *pw = pf_req_field(r, F_PASSWORD),
	    *pw2 = pf_req_field(r, F_PASSWORD2), *hash;
	struct pf_account *a;
	struct newpw n;
	enum pf_pw why;
	char *newhash;
	int done, rc;

	memset(&n, 0, sizeof(n));
	if ((rc = current_hash(r, &hash, &n.has)) != 0)
		return rc;
	if ((a = own_account(r)) == NULL)
		return 500;
	/* Without a password to prove, only a recent second factor will do. */
	if (!n.has && !pf_session_fresh(pf_req_session(r))) {
		pf_set(r, "Error.Detail", pf_tr(r, "Error.StepUp"));
		return 403;
	}
	if (n.has) {
		rc = check_current(r, &n, hash, current, &done);
		if (done)
			return rc;
	}
	if (pw == NULL || pw2 == NULL || *pw == '\0' || strcmp(pw, pw2) != 0) {
		pf_resp_status(r, 422);
		pf_set(r, "Form.Errors.password", pf_tr(r, "Password.Error.mismatch"));
		return form(r, n.has, "Profile.Error.Form");
	}
	if ((why = pf_pw_policy(pw, a->email, a->name)) != PF_PW_OK) {
		pf_resp_status(r, 422);
		pf_set(r, "Form.Errors.password", pf_tr(r, pf_pw_policy_key(why)));
		return form(r, n.has, "Profile.Error.Form");
	}
	if (n.has && strcmp(pw, current) == 0) {
		pf_resp_status(r, 422);
		pf_set(r, "Form.Errors.password", pf_tr(r, "Profile.Error.SamePassword"));
		return form(r, n.has, "Profile.Error.Form");
	}
	if (pf_pw_hash(pf_req_pool(r), pw, &newhash) != 0)
		return pf_busy(r);
	n.hash = newhash;
	if ((rc = pf_tx(r, store, &n)) != 0)
		return rc;
	return pf_resp_redirect(r, 303, "/profile/password?n=password");
}
