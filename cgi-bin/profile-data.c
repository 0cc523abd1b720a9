/*
 * profile-data.c: /profile, the user's own data.  Shows the address,
 * name, phone, language, organisation and the roles held (with their
 * expiry); the form changes name, phone and language.  The address has
 * its own page (profile-email.c): it needs a confirmation.
 */
#include "profile.h"

/* The organisation's name and the roles in force, for the overview. */
static int
show_org_roles(struct pf_req *r, const struct pf_account *a)
{
	struct pf_pool *p = pf_req_pool(r);
	struct pf_db *db = pf_req_db(r);
	struct pf_rows org, roles;
	const char *exp;
	size_t i;
	int en = strcmp(pf_req_lang(r), "en") == 0;

	if (a->org_id != 0) {
		if (pf_db_query(db, p, SQL_ORG_NAME, PF_ARGS(PF_INT((long long)a->org_id)),
		    &org) != PF_DB_OK)
			return 503;
		if (org.n == 1) {
			pf_set(r, "Profile.Org.Name", pf_cell_str(&org, 0, 0));
			pf_set(r, "Profile.Org.Kind", pf_tr(r, pf_psprintf(p,
			    "Profile.OrgKind.%s", pf_cell_str(&org, 0, 1))));
		}
	}
	if (pf_db_query(db, p, SQL_ROLES, PF_ARGS(PF_INT((long long)a->id)), &roles) !=
	    PF_DB_OK)
		return 503;
	for (i = 0; i < roles.n; i++) {
		pf_setf(r, pf_cell_str(&roles, i, 0), "Profile.Roles.%zu.Name", i);
		pf_setf(r, pf_cell_str(&roles, i, 1 + en), "Profile.Roles.%zu.Label", i);
		exp = pf_cell_str(&roles, i, 3);
		if (*exp)
			pf_setf(r, pf_time_human(p, exp), "Profile.Roles.%zu.Expires", i);
	}
	return 0;
}

/* The page with the form holding name, phone and language (as stored, or
 * as typed when they were refused). */
static int
show(struct pf_req *r, const struct pf_account *a, const char *name, const char *phone,
    const char *lang)
{
	int rc;

	if ((rc = show_org_roles(r, a)) != 0)
		return rc;
	pf_set(r, "Profile.Email", a->email);
	pf_set(r, "Profile.Name", a->name);
	pf_set(r, "Profile.Phone", a->phone);
	pf_set(r, "Profile.Lang", pf_tr(r, pf_psprintf(pf_req_pool(r), "Lang.%s", a->lang)));
	pf_set(r, "Form.Name", name != NULL ? name : a->name);
	pf_set(r, "Form.Phone", phone != NULL ? phone : a->phone);
	pf_set(r, "Form.Language", lang != NULL ? lang : a->lang);
	return profile_render(r, "profile_data.cs", "Data");
}

int
page_profile(struct pf_req *r)
{
	struct pf_account *a = own_account(r);

	return a == NULL ? 500 : show(r, a, NULL, NULL, NULL);
}

/* Without the blanks people copy along at either end. */
static char *
trim(struct pf_pool *p, const char *s)
{
	size_t n;

	while (*s == ' ' || *s == '\t')
		s++;
	n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	return pf_pstrndup(p, s, n);
}

/* What pf_account_update() accepts for a phone number. */
static int
phone_ok(const char *s)
{
	size_t n = strlen(s);

	return n <= PHONE_MAX_BYTES && strspn(s, "+0123456789 ()-/") == n;
}

/*
 * Where SMS codes go is a second factor: with a gateway configured, a new
 * number needs a recent second factor (the form at /profile/phone comes
 * after a step-up), and removing the number is refused while it is the
 * only second factor.  0, or the status of the refusal (its message set).
 */
static int
phone_rules(struct pf_req *r, const struct pf_account *a, const char *phone)
{
	int totp = 0;

	if (strcmp(phone, a->phone) == 0 || *pf_conf_str("SMS.URL") == '\0')
		return 0;
	if (*phone == '\0' && *a->phone != '\0') {
		if (pf_totp_enrolled(pf_req_db(r), a->id, &totp) != PF_DB_OK)
			return 503;
		if (!totp) {
			pf_set(r, "Form.Errors.phone", pf_tr(r, "Profile.Error.PhoneLastFactor"));
			return 409;
		}
	}
	if (!pf_session_fresh(pf_req_session(r))) {
		pf_set(r, "Form.Errors.phone", pf_tr(r, "Profile.Error.PhoneStepUp"));
		pf_set(r, "Form.StepUp", "/profile/phone");
		return 403;
	}
	return 0;
}

struct update {
	const struct pf_account	*a;
	const char		*name, *phone, *lang;
	struct pf_change	 ch[3];
	size_t			 n;
};

static int
save(struct pf_req *r, void *arg)
{
	struct update *u = arg;
	struct pf_db *db = pf_req_db(r);
	enum pf_acc ae;
	enum pf_dberr e;

	if (strcmp(u->name, u->a->name) != 0 || strcmp(u->phone, u->a->phone) != 0) {
		ae = pf_account_update(db, pf_req_pool(r), u->a->id, u->name, u->phone);
		if (ae == PF_ACC_INVALID)
			return 422;
		if (ae != PF_ACC_OK)
			return 500;
	}
	if (strcmp(u->lang, u->a->lang) != 0 &&
	    (e = pf_db_exec(db, SQL_SET_LANG, PF_ARGS(PF_STR(u->lang),
	    PF_INT((long long)u->a->id)), NULL, NULL)) != PF_DB_OK)
		return pf_tx_err(e);
	if ((e = pf_audit_change(r, "profile.updated", u->a->id, u->a->org_id, user_subject(r),
	    u->ch, u->n)) != PF_DB_OK)
		return pf_tx_err(e);
	return 0;
}

int
page_profile_post(struct pf_req *r)
{
	struct pf_pool *p = pf_req_pool(r);
	const char *in_name = pf_req_field(r, F_NAME), *in_phone = pf_req_field(r, F_PHONE),
	    *in_lang = pf_req_field(r, F_LANGUAGE);
	struct pf_account *a = own_account(r);
	struct update u;
	int bad = 0, rc;

	if (a == NULL)
		return 500;
	memset(&u, 0, sizeof(u));
	u.a = a;
	u.name = trim(p, in_name != NULL ? in_name : "");
	u.phone = trim(p, in_phone != NULL ? in_phone : "");
	u.lang = in_lang != NULL ? in_lang : a->lang;
	if (*u.name == '\0' || strlen(u.name) > NAME_MAX_BYTES) {
		pf_set(r, "Form.Errors.name", pf_tr(r, *u.name == '\0' ?
		    "Profile.Error.NameEmpty" : "Profile.Error.NameLong"));
		bad = 1;
	}
	if (!phone_ok(u.phone)) {
		pf_set(r, "Form.Errors.phone", pf_tr(r, "Profile.Error.Phone"));
		bad = 1;
	}
	if (bad) {
		pf_resp_status(r, 422);
		pf_set(r, "Form.Message", pf_tr(r, "Profile.Error.Form"));
		return show(r, a, u.name, u.phone, u.lang);
	}
	if ((rc = phone_rules(r, a, u.phone)) == 503)
		return rc;
	if (rc != 0) {
		pf_resp_status(r, rc);
		pf_set(r, "Form.Message", pf_tr(r, "Profile.Error.Form"));
		return show(r, a, u.name, u.phone, u.lang);
	}
	if (strcmp(u.name, a->name) != 0)
		u.ch[u.n++] = (struct pf_change){ "name", a->name, u.name };
	if (strcmp(u.phone, a->phone) != 0)
		u.ch[u.n++] = (struct pf_change){ "phone", *a->phone ? a->phone : NULL,
		    *u.phone ? u.phone : NULL };
	if (strcmp(u.lang, a->lang) != 0)
		u.ch[u.n++] = (struct pf_change){ "lang", a->lang, u.lang };
	if (u.n > 0 && (rc = pf_tx(r, save, &u)) != 0) {
		if (rc != 422)
			return rc;
		pf_resp_status(r, 422);
		pf_set(r, "Form.Message", pf_tr(r, "Profile.Error.Form"));
		return show(r, a, u.name, u.phone, u.lang);
	}
	/* The pages follow the language chosen for the account. */
	if (strcmp(u.lang, a->lang) != 0)
		pf_resp_cookie(r, "pf_lang", u.lang, 365L * 86400, 0);
	return pf_resp_redirect(r, 303, "/profile?n=saved");
}
