/*
 * admin-orgs.c: organisations.  An organisation is the object of its own
 * organisation (pf_may(r, orgs.manage, id)); a new one belongs to none,
 * so only global grants create them.  Names are company names, stored in
 * clear and unique.
 */
#include "admin.h"

static const char *
org_path(struct pf_req *r, unsigned long long id)
{
	return pf_psprintf(pf_req_pool(r), "/admin/org?id=%llu", id);
}

static const char *
org_object(struct pf_req *r, unsigned long long id)
{
	return pf_psprintf(pf_req_pool(r), "org:%llu", id);
}

/* The name and kind a form sent, checked: NULL, or the language key of
 * the message (and the field it concerns in *field). */
static const char *
check_form(struct pf_req *r, const char **name, const char **kind, const char **field)
{
	*name = field_text(r, F_NAME);
	*kind = pf_req_field(r, F_KIND);
	*field = "name";
	if (!text_len_ok(*name, 1, 200))
		return "Admin.Orgs.Error.Name";
	*field = "kind";
	if (*kind == NULL)
		return "Admin.Orgs.Error.Kind";
	return NULL;
}

static void
field_message(struct pf_req *r, int status, const char *field, const char *key)
{
	pf_resp_status(r, status);
	pf_setf(r, pf_tr(r, key), "Form.Errors.%s", field);
	pf_set(r, "Form.Message", pf_tr(r, key));
}

static int
orgs_form(struct pf_req *r)
{
	int rc;

	if ((rc = set_orgs(r, PF_PERM_ORGS_MANAGE, 0, NULL)) != 0)
		return rc;
	if (pf_may(r, PF_PERM_ORGS_MANAGE, 0))
		pf_set(r, "Admin.Can.Create", "1");
	return render(r, "admin_orgs.cs", "Admin.Orgs.Title");
}

int
page_orgs(struct pf_req *r)
{
	return orgs_form(r);
}

struct orgchange {
	struct org	*o;	/* before (edit) or the new one (create) */
	const char	*name, *kind, *status;
};

static int
tx_create(struct pf_req *r, void *arg)
{
	struct orgchange *x = arg;
	struct pf_change c[2];
	enum pf_dberr e;

	e = pf_db_exec(pf_req_db(r), SQL_ORG_INSERT, PF_ARGS(PF_STR(x->name), PF_STR(x->kind)),
	    NULL, &x->o->id);
	if (e == PF_DB_DUP)
		return 409;
	if (e != PF_DB_OK)
		return pf_tx_err(e);
	c[0] = (struct pf_change){ "name", NULL, x->name };
	c[1] = (struct pf_change){ "kind", NULL, x->kind };
	return audit(r, "admin.org.created", 0, x->o->id, org_object(r, x->o->id), c, 2);
}

/* POST /admin/orgs name kind */
int
page_orgs_post(struct pf_req *r)
{
	const char *name, *kind, *field, *why;
	struct org o;
	struct orgchange x;
	int rc;

	if (!pf_may(r, PF_PERM_ORGS_MANAGE, 0))
		return 403;
	pf_set(r, "Form.Name", field_text(r, F_NAME));
	pf_set(r, "Form.Kind", pf_req_field(r, F_KIND));
	if ((why = check_form(r, &name, &kind, &field)) != NULL) {
		field_message(r, 422, field, why);
		return orgs_form(r);
	}
	memset(&o, 0, sizeof(o));
	x = (struct orgchange){ &o, name, kind, NULL };
	if ((rc = pf_tx(r, tx_create, &x)) == 409) {
		field_message(r, 409, "name", "Admin.Orgs.Error.Exists");
		return orgs_form(r);
	}
	if (rc != 0)
		return rc;
	return see_other(r, org_path(r, o.id));
}

/* The organisation the request's id names, if the session may manage it
 * (404 otherwise, the same as for none). */
static int
target(struct pf_req *r, struct org *o)
{
	int rc;

	if (pf_req_field(r, F_ID) == NULL)
		return 404;
	if ((rc = load_org(r, field_id(r, F_ID), o)) != 0)
		return rc;
	return pf_may(r, PF_PERM_ORGS_MANAGE, o->id) ? 0 : 404;
}

/* The organisation's page; keep: the form shows what was sent (Form.*
 * set by the caller), else the stored values. */
static int
show_org(struct pf_req *r, const struct org *o, int keep)
{
	struct pf_db *db = pf_req_db(r);
	struct pf_pool *p = pf_req_pool(r);
	struct pf_rows ids;
	struct pf_account a;
	size_t i, n = 0;

	if (pf_db_query(db, p, SQL_ORG_MEMBERS, PF_ARGS(PF_INT((long long)o->id)), &ids) !=
	    PF_DB_OK)
		return 503;
	pf_set(r, "Admin.Org.Id", ull(r, o->id));
	pf_set(r, "Admin.Org.Name", o->name);
	pf_set(r, "Admin.Org.Kind", o->kind);
	pf_set(r, "Admin.Org.Status", o->status);
	if (pf_req_org(r) == o->id)
		pf_set(r, "Admin.Org.Own", "1");
	if (pf_may(r, PF_PERM_USERS_MANAGE, o->id))
		pf_set(r, "Admin.Can.Users", "1");
	if (ids.n >= 500)
		pf_set(r, "Admin.Org.Truncated", "1");
	for (i = 0; i < ids.n; i++) {
		if (pf_account_load(db, p, (unsigned long long)PF_CELL(&ids, i, 0)->i, &a) !=
		    PF_ACC_OK)
			continue;
		pf_setf(r, ull(r, a.id), "Admin.Members.%zu.Id", n);
		pf_setf(r, a.name, "Admin.Members.%zu.Name", n);
		pf_setf(r, a.email, "Admin.Members.%zu.Email", n);
		pf_setf(r, a.status, "Admin.Members.%zu.Status", n);
		n++;
	}
	if (!keep) {
		pf_set(r, "Form.Name", o->name);
		pf_set(r, "Form.Kind", o->kind);
	}
	return render(r, "admin_org.cs", "Admin.Org.Title");
}

int
page_org(struct pf_req *r)
{
	struct org o;
	int rc;

	if ((rc = target(r, &o)) != 0)
		return rc;
	return show_org(r, &o, 0);
}

static int
tx_update(struct pf_req *r, void *arg)
{
	struct orgchange *x = arg;
	struct pf_change c[2];
	enum pf_dberr e;
	size_t n = 0;

	e = pf_db_exec(pf_req_db(r), SQL_ORG_UPDATE, PF_ARGS(PF_STR(x->name), PF_STR(x->kind),
	    PF_INT((long long)x->o->id)), NULL, NULL);
	if (e == PF_DB_DUP)
		return 409;
	if (e != PF_DB_OK)
		return pf_tx_err(e);
	if (strcmp(x->name, x->o->name) != 0)
		c[n++] = (struct pf_change){ "name", x->o->name, x->name };
	if (strcmp(x->kind, x->o->kind) != 0)
		c[n++] = (struct pf_change){ "kind", x->o->kind, x->kind };
	if (n == 0)
		return 0;
	return audit(r, "admin.org.updated", 0, x->o->id, org_object(r, x->o->id), c, n);
}

/* POST /admin/org id name kind */
int
page_org_post(struct pf_req *r)
{
	const char *name, *kind, *field, *why;
	struct org o;
	struct orgchange x;
	int rc;

	if ((rc = target(r, &o)) != 0)
		return rc;
	pf_set(r, "Form.Name", field_text(r, F_NAME));
	pf_set(r, "Form.Kind", pf_req_field(r, F_KIND));
	if ((why = check_form(r, &name, &kind, &field)) != NULL) {
		field_message(r, 422, field, why);
		return show_org(r, &o, 1);
	}
	x = (struct orgchange){ &o, name, kind, NULL };
	if ((rc = pf_tx(r, tx_update, &x)) == 409) {
		field_message(r, 409, "name", "Admin.Orgs.Error.Exists");
		return show_org(r, &o, 1);
	}
	if (rc != 0)
		return rc;
	return see_other(r, org_path(r, o.id));
}

static int
tx_status(struct pf_req *r, void *arg)
{
	struct orgchange *x = arg;
	struct pf_change c;
	unsigned long long changed = 0;
	enum pf_dberr e;

	if ((e = pf_db_exec(pf_req_db(r), SQL_ORG_STATUS, PF_ARGS(PF_STR(x->status),
	    PF_INT((long long)x->o->id)), &changed, NULL)) != PF_DB_OK)
		return pf_tx_err(e);
	if (strcmp(x->status, x->o->status) == 0)
		return 0;
	c = (struct pf_change){ "status", x->o->status, x->status };
	return audit(r, strcmp(x->status, "suspended") == 0 ? "admin.org.suspended" : "admin.org.reactivated",
	    0, x->o->id, org_object(r, x->o->id), &c, 1);
}

/* POST /admin/org/status id action=suspend|reactivate [confirm=1]: the
 * members of a suspended organisation lose every permission (pf_may). */
int
page_org_status(struct pf_req *r)
{
	const char *action = pf_req_field(r, F_ACTION);
	struct hidden h[2];
	struct org o;
	struct orgchange x;
	int rc, suspend;

	if (action == NULL || (strcmp(action, "suspend") != 0 &&
	    strcmp(action, "reactivate") != 0))
		return 400;
	suspend = strcmp(action, "suspend") == 0;
	if ((rc = target(r, &o)) != 0)
		return rc;
	if (suspend && o.id == pf_req_org(r)) {
		form_message(r, 422, "Admin.Org.Error.Own");
		return show_org(r, &o, 0);
	}
	if (suspend && !confirmed(r)) {
		h[0] = (struct hidden){ "id", ull(r, o.id) };
		h[1] = (struct hidden){ "action", "suspend" };
		return confirm_page(r, "/admin/org/status", "Admin.Confirm.Suspend.Title",
		    "Admin.Confirm.Suspend.Text", o.name, org_path(r, o.id), h, 2);
	}
	x = (struct orgchange){ &o, NULL, NULL, suspend ? "suspended" : "active" };
	if ((rc = pf_tx(r, tx_status, &x)) != 0)
		return rc;
	return see_other(r, org_path(r, o.id));
}
