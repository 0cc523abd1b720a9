/*
 * admin-roles.c: the roles editor, for administrators only (a global
 * users.manage): roles are the same for every organisation.
 *
 * A role's name and scope are fixed once it exists: existing grants
 * were given for that scope (org-scoped ones bound to an organisation),
 * and another scope would silently change what they reach.  Built-in
 * roles cannot be deleted, and the administrator role keeps at least the
 * permissions it has, so nobody edits the last way back in away.
 */
#include "admin.h"

#define ADMIN_ROLE	"administrator"

/* A role's row (SQL_ROLE_ROW) and its permissions. */
struct role {
	struct pf_role	r;
	const char	*label_de, *label_en;
	long long	 holders;
	int		 perm[PF_PERM__MAX];
};

static const char *
role_path(struct pf_req *r, unsigned long long id)
{
	return pf_psprintf(pf_req_pool(r), "/admin/role?id=%llu", id);
}

static const char *
role_object(struct pf_req *r, unsigned long long id)
{
	return pf_psprintf(pf_req_pool(r), "role:%llu", id);
}

/* The permissions as text for the audit trail: "a,b,c" or "". */
static const char *
perm_list(struct pf_req *r, const int *perm)
{
	struct pf_buf b = { 0 };
	const char *s;
	int p;

	for (p = PF_PERM_NONE + 1; p < PF_PERM__MAX; p++)
		if (perm[p]) {
			if (b.len > 0)
				pf_buf_adds(&b, ",");
			pf_buf_adds(&b, pf_perm_name((enum pf_perm)p));
		}
	s = pf_pstrdup(pf_req_pool(r), b.data != NULL ? b.data : "");
	pf_buf_free(&b);
	return s;
}

static int
load_role(struct pf_req *r, unsigned long long id, struct role *x)
{
	struct pf_rows rows, perms;
	enum pf_perm p;
	size_t i;

	memset(x, 0, sizeof(*x));
	if (pf_db_query(pf_req_db(r), pf_req_pool(r), SQL_ROLE_ROW,
	    PF_ARGS(PF_INT((long long)id)), &rows) != PF_DB_OK ||
	    pf_db_query(pf_req_db(r), pf_req_pool(r), SQL_ROLE_PERMS,
	    PF_ARGS(PF_INT((long long)id)), &perms) != PF_DB_OK)
		return 503;
	if (rows.n == 0)
		return 404;
	role_row(r, &rows, 0, &x->r);
	x->label_de = pf_cell_str(&rows, 0, 6);
	x->label_en = pf_cell_str(&rows, 0, 7);
	x->holders = PF_CELL(&rows, 0, 8)->i;
	for (i = 0; i < perms.n; i++)
		if ((p = pf_perm_byname(pf_cell_str(&perms, i, 0))) != PF_PERM_NONE)
			x->perm[p] = 1;
	return 0;
}

/* Admin.Perms.N: one checkbox per permission (field p_<name with _>). */
static void
set_perms(struct pf_req *r, const int *perm)
{
	struct pf_pool *pl = pf_req_pool(r);
	const char *name;
	int p;
	size_t n = 0;

	for (p = PF_PERM_NONE + 1; p < PF_PERM__MAX; p++, n++) {
		name = pf_perm_name((enum pf_perm)p);
		pf_setf(r, name, "Admin.Perms.%zu.Name", n);
		pf_setf(r, pf_tr(r, pf_psprintf(pl, "Perm.%s", name)), "Admin.Perms.%zu.Label", n);
		/* the field's name: p_ and the name with _ for the dot */
		pf_setf(r, strchr(name, '.') != NULL ? pf_psprintf(pl, "p_%.*s_%s",
		    (int)(strchr(name, '.') - name), name, strchr(name, '.') + 1) : name,
		    "Admin.Perms.%zu.Field", n);
		if (perm[p])
			pf_setf(r, "1", "Admin.Perms.%zu.Checked", n);
	}
}

/* The permissions a form sent. */
static void
form_perms(struct pf_req *r, int *perm)
{
	const char *v;
	int p;

	for (p = PF_PERM_NONE + 1; p < PF_PERM__MAX; p++) {
		v = pf_req_field(r, F_PERM(p));
		perm[p] = v != NULL && strcmp(v, "1") == 0;
	}
}

static int
name_ok(const char *s)
{
	size_t n = strlen(s);

	return n >= 2 && n <= 40 && strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789-") == n;
}

/* What a create or edit form sent, checked: NULL or the message's key
 * (and its field). */
struct form {
	const char	*name, *scope, *approval, *label_de, *label_en;
	int		 requestable;
	int		 perm[PF_PERM__MAX];
};

static const char *
check_form(struct pf_req *r, struct form *f, int create, const char **field)
{
	const char *v = pf_req_field(r, F_REQUESTABLE);

	f->label_de = field_text(r, F_LABEL_DE);
	f->label_en = field_text(r, F_LABEL_EN);
	f->approval = pf_req_field(r, F_APPROVAL);
	f->requestable = v != NULL && strcmp(v, "1") == 0;
	form_perms(r, f->perm);
	if (create) {
		f->name = field_text(r, F_NAME);
		f->scope = pf_req_field(r, F_SCOPE);
		*field = "name";
		if (!name_ok(f->name))
			return "Admin.Roles.Error.Name";
		*field = "scope";
		if (f->scope == NULL)
			return "Admin.Roles.Error.Scope";
	}
	*field = "label_de";
	if (!text_len_ok(f->label_de, 1, 100))
		return "Admin.Roles.Error.Label";
	*field = "label_en";
	if (!text_len_ok(f->label_en, 1, 100))
		return "Admin.Roles.Error.Label";
	*field = "approval";
	if (f->approval == NULL)
		return "Admin.Roles.Error.Approval";
	if (strcmp(f->scope, "global") == 0 && strcmp(f->approval, "admin") != 0)
		return "Admin.Roles.Error.Global";
	return NULL;
}

static void
refused(struct pf_req *r, int status, const char *field, const char *key)
{
	pf_resp_status(r, status);
	if (field != NULL)
		pf_setf(r, pf_tr(r, key), "Form.Errors.%s", field);
	pf_set(r, "Form.Message", pf_tr(r, key));
}

/* Form.* from what was sent (a refused form shows it again). */
static void
keep_form(struct pf_req *r, const struct form *f)
{
	pf_set(r, "Form.Name", f->name);
	pf_set(r, "Form.Scope", f->scope);
	pf_set(r, "Form.Approval", f->approval);
	pf_set(r, "Form.LabelDe", f->label_de);
	pf_set(r, "Form.LabelEn", f->label_en);
	pf_set(r, "Form.Requestable", f->requestable ? "1" : "0");
	set_perms(r, f->perm);
}

static int
roles_page(struct pf_req *r)
{
	struct pf_rows rows;
	struct pf_role role;
	size_t i;

	if (pf_db_query(pf_req_db(r), pf_req_pool(r), SQL_ROLES, NULL, 0, &rows) != PF_DB_OK)
		return 503;
	for (i = 0; i < rows.n; i++) {
		role_row(r, &rows, i, &role);
		pf_setf(r, ull(r, role.id), "Admin.RoleList.%zu.Id", i);
		pf_setf(r, role.name, "Admin.RoleList.%zu.Name", i);
		pf_setf(r, role.label, "Admin.RoleList.%zu.Label", i);
		pf_setf(r, role.scope, "Admin.RoleList.%zu.Scope", i);
		pf_setf(r, role.approval, "Admin.RoleList.%zu.Approval", i);
		pf_setf(r, role.requestable ? "1" : "0", "Admin.RoleList.%zu.Requestable", i);
		pf_setf(r, role.builtin ? "1" : "0", "Admin.RoleList.%zu.Builtin", i);
		pf_setf(r, ull(r, (unsigned long long)PF_CELL(&rows, i, 8)->i),
		    "Admin.RoleList.%zu.Holders", i);
	}
	return render(r, "admin_roles.cs", "Admin.Roles.Title");
}

int
page_roles(struct pf_req *r)
{
	static const int none[PF_PERM__MAX];

	if (!pf_may_global(r, PF_PERM_USERS_MANAGE))
		return 403;
	pf_set(r, "Form.Scope", "org");
	pf_set(r, "Form.Approval", "admin");
	pf_set(r, "Form.Requestable", "1");
	set_perms(r, none);
	return roles_page(r);
}

struct create {
	const struct form	*f;
	unsigned long long	 id;
};

static int
add_perms(struct pf_req *r, unsigned long long id, const int *perm)
{
	enum pf_dberr e;
	int p;

	for (p = PF_PERM_NONE + 1; p < PF_PERM__MAX; p++)
		if (perm[p] && (e = pf_db_exec(pf_req_db(r), SQL_ROLE_PERM_ADD,
		    PF_ARGS(PF_INT((long long)id), PF_STR(pf_perm_name((enum pf_perm)p))),
		    NULL, NULL)) != PF_DB_OK)
			return pf_tx_err(e);
	return 0;
}

static int
tx_create(struct pf_req *r, void *arg)
{
	struct create *x = arg;
	const struct form *f = x->f;
	struct pf_change c[7];
	enum pf_dberr e;
	int rc;

	e = pf_db_exec(pf_req_db(r), SQL_ROLE_INSERT, PF_ARGS(PF_STR(f->name), PF_STR(f->scope),
	    PF_STR(f->approval), PF_INT(f->requestable), PF_STR(f->label_de),
	    PF_STR(f->label_en)), NULL, &x->id);
	if (e == PF_DB_DUP)
		return 409;
	if (e != PF_DB_OK)
		return pf_tx_err(e);
	if ((rc = add_perms(r, x->id, f->perm)) != 0)
		return rc;
	c[0] = (struct pf_change){ "name", NULL, f->name };
	c[1] = (struct pf_change){ "scope", NULL, f->scope };
	c[2] = (struct pf_change){ "approval", NULL, f->approval };
	c[3] = (struct pf_change){ "requestable", NULL, f->requestable ? "1" : "0" };
	c[4] = (struct pf_change){ "label_de", NULL, f->label_de };
	c[5] = (struct pf_change){ "label_en", NULL, f->label_en };
	c[6] = (struct pf_change){ "permissions", NULL, perm_list(r, f->perm) };
	return audit(r, "admin.role.created", 0, 0, role_object(r, x->id), c, 7);
}

/* POST /admin/roles: a new role. */
int
page_roles_post(struct pf_req *r)
{
	struct form f;
	struct create x;
	const char *why, *field = NULL;
	int rc;

	if (!pf_may_global(r, PF_PERM_USERS_MANAGE))
		return 403;
	memset(&f, 0, sizeof(f));
	why = check_form(r, &f, 1, &field);
	keep_form(r, &f);
	if (why != NULL) {
		refused(r, 422, field, why);
		return roles_page(r);
	}
	x = (struct create){ &f, 0 };
	if ((rc = pf_tx(r, tx_create, &x)) == 409) {
		refused(r, 409, "name", "Admin.Roles.Error.Exists");
		return roles_page(r);
	}
	if (rc != 0)
		return rc;
	return see_other(r, role_path(r, x.id));
}

static int
role_page(struct pf_req *r, const struct role *x, const struct form *sent)
{
	struct form f;

	pf_set(r, "Admin.Role.Id", ull(r, x->r.id));
	pf_set(r, "Admin.Role.Name", x->r.name);
	pf_set(r, "Admin.Role.Label", x->r.label);
	pf_set(r, "Admin.Role.Scope", x->r.scope);
	pf_set(r, "Admin.Role.Builtin", x->r.builtin ? "1" : "0");
	pf_set(r, "Admin.Role.Holders", ull(r, (unsigned long long)x->holders));
	if (sent == NULL) {
		memset(&f, 0, sizeof(f));
		f.name = x->r.name;
		f.scope = x->r.scope;
		f.approval = x->r.approval;
		f.label_de = x->label_de;
		f.label_en = x->label_en;
		f.requestable = x->r.requestable;
		memcpy(f.perm, x->perm, sizeof(f.perm));
		sent = &f;
	}
	keep_form(r, sent);
	return render(r, "admin_role.cs", "Admin.Role.Title");
}

/* The role the request's id names: 0, 404 or 503 (403 for non-admins). */
static int
target(struct pf_req *r, struct role *x)
{
	if (!pf_may_global(r, PF_PERM_USERS_MANAGE))
		return 403;
	if (pf_req_field(r, F_ID) == NULL)
		return 404;
	return load_role(r, field_id(r, F_ID), x);
}

int
page_role(struct pf_req *r)
{
	struct role x;
	int rc;

	if ((rc = target(r, &x)) != 0)
		return rc;
	return role_page(r, &x, NULL);
}

struct edit {
	const struct role	*old;
	const struct form	*f;
};

static int
tx_edit(struct pf_req *r, void *arg)
{
	struct edit *x = arg;
	const struct role *o = x->old;
	const struct form *f = x->f;
	struct pf_change c[5];
	const char *before = perm_list(r, o->perm), *after = perm_list(r, f->perm);
	enum pf_dberr e;
	size_t n = 0;
	int rc;

	if ((e = pf_db_exec(pf_req_db(r), SQL_ROLE_UPDATE, PF_ARGS(PF_STR(f->approval),
	    PF_INT(f->requestable), PF_STR(f->label_de), PF_STR(f->label_en),
	    PF_INT((long long)o->r.id)), NULL, NULL)) != PF_DB_OK ||
	    (e = pf_db_exec(pf_req_db(r), SQL_ROLE_PERM_CLEAR, PF_ARGS(PF_INT((long long)o->r.id)),
	    NULL, NULL)) != PF_DB_OK)
		return pf_tx_err(e);
	if ((rc = add_perms(r, o->r.id, f->perm)) != 0)
		return rc;
	if (strcmp(o->r.approval, f->approval) != 0)
		c[n++] = (struct pf_change){ "approval", o->r.approval, f->approval };
	if (o->r.requestable != f->requestable)
		c[n++] = (struct pf_change){ "requestable", o->r.requestable ? "1" : "0",
		    f->requestable ? "1" : "0" };
	if (strcmp(o->label_de, f->label_de) != 0)
		c[n++] = (struct pf_change){ "label_de", o->label_de, f->label_de };
	if (strcmp(o->label_en, f->label_en) != 0)
		c[n++] = (struct pf_change){ "label_en", o->label_en, f->label_en };
	if (strcmp(before, after) != 0)
		c[n++] = (struct pf_change){ "permissions", before, after };
	if (n == 0)
		return 0;
	return audit(r, "admin.role.updated", 0, 0, role_object(r, o->r.id), c, n);
}

/* POST /admin/role id labels approval requestable p_*: name and scope stay. */
int
page_role_post(struct pf_req *r)
{
	struct role x;
	struct form f;
	struct edit ed;
	const char *why, *field = NULL;
	int rc, p;

	if ((rc = target(r, &x)) != 0)
		return rc;
	memset(&f, 0, sizeof(f));
	f.name = x.r.name;
	f.scope = x.r.scope;
	if ((why = check_form(r, &f, 0, &field)) != NULL) {
		refused(r, 422, field, why);
		return role_page(r, &x, &f);
	}
	if (x.r.builtin && strcmp(x.r.name, ADMIN_ROLE) == 0)
		for (p = PF_PERM_NONE + 1; p < PF_PERM__MAX; p++)
			if (x.perm[p] && !f.perm[p]) {
				refused(r, 422, NULL, "Admin.Role.Error.AdminPerms");
				return role_page(r, &x, &f);
			}
	ed = (struct edit){ &x, &f };
	if ((rc = pf_tx(r, tx_edit, &ed)) != 0)
		return rc;
	return see_other(r, role_path(r, x.r.id));
}

static int
tx_delete(struct pf_req *r, void *arg)
{
	const struct role *x = arg;
	struct pf_change c[4];
	unsigned long long gone = 0;
	enum pf_dberr e;

	if ((e = pf_db_exec(pf_req_db(r), SQL_ROLE_DELETE, PF_ARGS(PF_INT((long long)x->r.id)),
	    &gone, NULL)) != PF_DB_OK)
		return pf_tx_err(e);
	if (gone == 0)
		return 404;
	c[0] = (struct pf_change){ "name", x->r.name, NULL };
	c[1] = (struct pf_change){ "scope", x->r.scope, NULL };
	c[2] = (struct pf_change){ "permissions", perm_list(r, x->perm), NULL };
	c[3] = (struct pf_change){ "holders", ull(r, (unsigned long long)x->holders), NULL };
	return audit(r, "admin.role.deleted", 0, 0, role_object(r, x->r.id), c, 4);
}

/* POST /admin/role/delete id [confirm=1]: the role, its grants and the
 * requests for it go. */
int
page_role_delete(struct pf_req *r)
{
	struct role x;
	struct hidden h[1];
	int rc;

	if ((rc = target(r, &x)) != 0)
		return rc;
	if (x.r.builtin) {
		refused(r, 422, NULL, "Admin.Role.Error.Builtin");
		return role_page(r, &x, NULL);
	}
	if (!confirmed(r)) {
		h[0] = (struct hidden){ "id", ull(r, x.r.id) };
		pf_set(r, "Confirm.Holders", ull(r, (unsigned long long)x.holders));
		return confirm_page(r, "/admin/role/delete", "Admin.Confirm.Role.Title",
		    "Admin.Confirm.Role.Text", pf_psprintf(pf_req_pool(r), "%s (%s)", x.r.label,
		    x.r.name), role_path(r, x.r.id), h, 1);
	}
	if ((rc = pf_tx(r, tx_delete, &x)) != 0)
		return rc;
	return see_other(r, "/admin/roles");
}
