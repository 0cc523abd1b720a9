/*
 * admin-invite.c: new users by invitation.  The account (with its own
 * data key), its organisation, an optional first role and a one-time
 * setup link are made in one transaction; the mail goes out after the
 * commit.  The invitee chooses a password (or sign-in by e-mail link
 * only) at /setup and enrols a second factor before anything else.
 *
 * Administrators choose the organisation; key users invite into their
 * own, and a form naming another one is refused (403).  A first role is
 * one the session could assign afterwards: pf_may_grant() through
 * users.manage, so holding users.invite alone invites without roles.
 * An address that is taken: administrators are told (409); key users get
 * the answer of a success, so they learn nothing about accounts in other
 * organisations.
 */
#include "admin.h"

/* Whom pf_may_grant() is asked about before the account exists: somebody
 * who is not the session's user.  The grant itself is checked again, with
 * the new id, in the transaction that makes the account. */
#define NEWCOMER	(~0ULL)

/* The form: organisations (administrators) or the own one, the roles the
 * session may give a member of org (0: any organisation); keep: show what
 * was typed (a refused form). */
static int
invite_form(struct pf_req *r, unsigned long long org, int keep)
{
	struct pf_rows roles;
	struct pf_role role;
	struct org own;
	const char *v;
	size_t i, n = 0;
	int rc;

	if (pf_may_global(r, PF_PERM_USERS_INVITE)) {
		pf_set(r, "Admin.Invite.Choose", "1");
		if ((rc = set_orgs(r, PF_PERM_USERS_INVITE, org, NULL)) != 0)
			return rc;
	} else {
		org = pf_req_org(r);
		if ((rc = load_org(r, org, &own)) != 0)
			return rc == 404 ? 403 : rc;
		pf_set(r, "Admin.Invite.OrgName", own.name);
	}
	if (pf_db_query(pf_req_db(r), pf_req_pool(r), SQL_ROLES, NULL, 0, &roles) != PF_DB_OK)
		return 503;
	for (i = 0; i < roles.n; i++) {
		role_row(r, &roles, i, &role);
		if (!pf_may_grant(r, PF_PERM_USERS_MANAGE, &role, NEWCOMER, org))
			continue;
		pf_setf(r, ull(r, role.id), "Admin.Roles.%zu.Id", n);
		pf_setf(r, role.label, "Admin.Roles.%zu.Label", n);
		pf_setf(r, role.name, "Admin.Roles.%zu.Name", n);
		if (keep && field_id(r, F_ROLE) == role.id)
			pf_setf(r, "1", "Admin.Roles.%zu.Selected", n);
		n++;
	}
	if (keep) {
		pf_set(r, "Form.Email", field_text(r, F_EMAIL));
		pf_set(r, "Form.Name", field_text(r, F_NAME));
	}
	v = keep ? pf_req_field(r, F_LANGUAGE) : NULL;
	pf_set(r, "Form.Language", v != NULL ? v : pf_req_lang(r));
	pf_set(r, "Form.Hours", ull(r, (unsigned long long)pf_conf_int("Auth.Setup.Hours")));
	return render(r, "admin_invite.cs", "Admin.Invite.Title");
}

int
page_invite(struct pf_req *r)
{
	const char *sent = pf_req_field(r, F_SENT);

	if (sent != NULL && strcmp(sent, "1") == 0)
		pf_set(r, "Form.Notice", pf_tr(r, "Admin.Invite.Sent"));
	return invite_form(r, 0, 0);
}

struct invite {
	const char		*email, *name, *lang;
	const struct org	*org;
	const struct pf_role	*role;		/* NULL: none */
	unsigned long long	 id;
	char			*token;
};

static int
tx_invite(struct pf_req *r, void *arg)
{
	struct invite *v = arg;
	struct pf_db *db = pf_req_db(r);
	struct pf_pool *p = pf_req_pool(r);
	struct pf_change c[5];
	enum pf_dberr e;

	switch (pf_account_create(db, p, v->email, v->name, "", v->lang, &v->id)) {
	case PF_ACC_OK:
		break;
	case PF_ACC_DUP:
		return 409;
	case PF_ACC_INVALID:
		return 400;
	default:
		return 500;
	}
	if ((e = pf_db_exec(db, SQL_USER_SET_ORG, PF_ARGS(PF_INT((long long)v->org->id),
	    PF_INT((long long)v->id)), NULL, NULL)) != PF_DB_OK)
		return pf_tx_err(e);
	if (v->role != NULL) {
		if (!pf_may_grant(r, PF_PERM_USERS_MANAGE, v->role, v->id, v->org->id))
			return 403;
		if ((e = pf_role_grant(r, v->id, v->role, NULL)) != PF_DB_OK)
			return pf_tx_err(e);
	}
	if ((e = pf_token_issue(db, p, PF_TOK_SETUP, v->id, pf_conf_int("Auth.Setup.Hours") * 60,
	    NULL, &v->token)) != PF_DB_OK)
		return pf_tx_err(e);
	c[0] = (struct pf_change){ "email", NULL, pf_email_normalise(p, v->email) };
	c[1] = (struct pf_change){ "name", NULL, v->name };
	c[2] = (struct pf_change){ "lang", NULL, v->lang };
	c[3] = (struct pf_change){ "org_id", NULL, ull(r, v->org->id) };
	c[4] = (struct pf_change){ "role", NULL, v->role != NULL ? v->role->name : NULL };
	return audit(r, "admin.user.invited", v->id, v->org->id,
	    pf_psprintf(p, "user:%llu", v->id), c, v->role != NULL ? 5 : 4);
}

static int
tx_taken(struct pf_req *r, void *arg)
{
	return pf_tx_err(pf_audit(r, "admin.user.invited", PF_AUDIT_FAIL, 0, "address taken"));
}

/* The invitation mail, after the commit; 0 when the transport took it. */
static int
mail_invite(struct pf_req *r, const struct invite *v)
{
	struct pf_account me;
	struct pf_var vars[5];

	if (session_account(r, &me) != 0)
		return -1;
	vars[0] = (struct pf_var){ "Name", v->name };
	vars[1] = (struct pf_var){ "Inviter", me.name };
	vars[2] = (struct pf_var){ "Org", v->org->name };
	vars[3] = (struct pf_var){ "Link", pf_psprintf(pf_req_pool(r), "%s/setup?t=%s",
	    pf_conf_str("Portal.BaseURL"), v->token) };
	vars[4] = (struct pf_var){ "Hours", ull(r, (unsigned long long)
	    pf_conf_int("Auth.Setup.Hours")) };
	return pf_mail_send(v->lang, pf_email_normalise(pf_req_pool(r), v->email), "invite",
	    vars, 5);
}

/* A refused form: the same form with the message, nothing stored. */
static int
refuse(struct pf_req *r, int status, const char *field, const char *key)
{
	if (field != NULL) {
		pf_resp_status(r, status);
		pf_setf(r, pf_tr(r, key), "Form.Errors.%s", field);
		pf_set(r, "Form.Message", pf_tr(r, "Admin.Form.Check"));
	} else
		form_message(r, status, key);
	return invite_form(r, field_id(r, F_ORG), 1);
}

int
page_invite_post(struct pf_req *r)
{
	struct invite v;
	struct org o;
	struct pf_role role;
	unsigned long long org = field_id(r, F_ORG);
	int global = pf_may_global(r, PF_PERM_USERS_INVITE), found = 0, rc;

	memset(&v, 0, sizeof(v));
	if (!global) {
		/* the own organisation, and no other */
		if (org != 0 && org != pf_req_org(r))
			return 403;
		org = pf_req_org(r);
	}
	if (org == 0)
		return global ? refuse(r, 400, "org", "Admin.Invite.Error.Org") : 403;
	if ((rc = load_org(r, org, &o)) == 404)
		return refuse(r, 422, "org", "Admin.Invite.Error.Org");
	if (rc != 0)
		return rc;
	if (!pf_may(r, PF_PERM_USERS_INVITE, o.id))
		return 403;
	if (strcmp(o.status, "active") != 0)
		return refuse(r, 422, "org", "Admin.Invite.Error.Suspended");
	v.org = &o;
	v.email = field_text(r, F_EMAIL);
	v.name = field_text(r, F_NAME);
	v.lang = pf_req_field(r, F_LANGUAGE) != NULL ? pf_req_field(r, F_LANGUAGE) :
	    pf_conf_str("Portal.DefaultLang");
	if (pf_email_normalise(pf_req_pool(r), v.email) == NULL)
		return refuse(r, 400, "email", "Admin.Invite.Error.Email");
	if (!text_len_ok(v.name, 1, 200))
		return refuse(r, 400, "name", "Admin.Invite.Error.Name");
	if (field_id(r, F_ROLE) != 0) {
		if (pf_role_get(r, field_id(r, F_ROLE), &role, &found) != PF_DB_OK)
			return 503;
		if (!found)
			return refuse(r, 422, "role", "Admin.Invite.Error.Role");
		if (!pf_may_grant(r, PF_PERM_USERS_MANAGE, &role, NEWCOMER, o.id))
			return refuse(r, 403, "role", "Admin.Invite.Error.Grant");
		v.role = &role;
	}
	rc = pf_tx(r, tx_invite, &v);
	if (rc == 409) {
		if (global)
			return refuse(r, 409, "email", "Admin.Invite.Error.Exists");
		if ((rc = pf_tx(r, tx_taken, NULL)) != 0)
			return rc;
		return see_other(r, "/admin/invite?sent=1");
	}
	if (rc == 400)
		return refuse(r, 400, NULL, "Admin.Form.Check");
	if (rc != 0)
		return rc;
	if (mail_invite(r, &v) != 0) {
		pf_log(r, PF_LOG_ERR, "invite: the mail to user %llu could not be sent", v.id);
		form_message(r, 200, "Admin.Invite.Error.Mail");
		return invite_form(r, 0, 0);
	}
	return see_other(r, "/admin/invite?sent=1");
}
