/*
 * roles.c: roles and who may give them.  Granting is the one place where
 * rights grow, so the rule is here, once: nobody gives a role to
 * themselves; a global holder of the acting permission gives any role;
 * a holder in an organisation gives only the roles that organisation's
 * key users may decide (org-scoped, approval 'org') and only to members
 * of that organisation.
 */
#include "pf-int.h"

enum pf_dberr
pf_role_get(struct pf_req *r, unsigned long long id, struct pf_role *role, int *found)
{
	struct pf_rows rows;
	enum pf_dberr e;

	*found = 0;
	memset(role, 0, sizeof(*role));
	e = pf_db_query(r->db, r->pool, PF_SQL_ROLE_GET, PF_ARGS(PF_INT((long long)id)), &rows);
	if (e != PF_DB_OK || rows.n != 1)
		return e;
	role->id = id;
	role->name = pf_cell_str(&rows, 0, 0);
	role->scope = pf_cell_str(&rows, 0, 1);
	role->approval = pf_cell_str(&rows, 0, 2);
	role->label = pf_cell_str(&rows, 0, strcmp(r->lang, "en") == 0 ? 4 : 3);
	role->requestable = PF_CELL(&rows, 0, 5)->i != 0;
	role->builtin = PF_CELL(&rows, 0, 6)->i != 0;
	*found = 1;
	return PF_DB_OK;
}

int
pf_may_grant(struct pf_req *r, enum pf_perm via, const struct pf_role *role,
    unsigned long long target, unsigned long long target_org)
{
	if (r->session == NULL || target == 0 || target == r->session->user)
		return 0;
	if (pf_may_global(r, via))
		return 1;
	return strcmp(role->scope, "org") == 0 && strcmp(role->approval, "org") == 0 &&
	    target_org != 0 && pf_may(r, via, target_org);
}

/* "name" or "name until 2027-01-01 00:00:00", for the audit trail */
static const char *
held(struct pf_req *r, const struct pf_role *role, const char *until)
{
	return *until ? pf_psprintf(r->pool, "%s until %s", role->name, until) : role->name;
}

/* What the user holds of role now: NULL (nothing) or its description. */
static enum pf_dberr
before(struct pf_req *r, unsigned long long user, const struct pf_role *role,
    const char **was)
{
	struct pf_rows rows;
	enum pf_dberr e;

	*was = NULL;
	e = pf_db_query(r->db, r->pool, PF_SQL_ROLE_HELD, PF_ARGS(PF_INT((long long)user),
	    PF_INT((long long)role->id)), &rows);
	if (e == PF_DB_OK && rows.n == 1)
		*was = held(r, role, pf_cell_str(&rows, 0, 0));
	return e;
}

enum pf_dberr
pf_role_grant(struct pf_req *r, unsigned long long user, const struct pf_role *role,
    const char *expires)
{
	struct pf_change c = { "role", NULL, held(r, role, expires ? expires : "") };
	enum pf_dberr e;

	if ((e = before(r, user, role, &c.before)) != PF_DB_OK)
		return e;
	e = pf_db_exec(r->db, PF_SQL_ROLE_GRANT, PF_ARGS(r->session != NULL ?
	    PF_INT((long long)r->session->user) : PF_NULL, expires ? PF_STR(expires) : PF_NULL,
	    PF_INT((long long)user), PF_INT((long long)role->id)), NULL, NULL);
	if (e != PF_DB_OK)
		return e;
	return pf_audit_change(r, "role.granted", user, 0,
	    pf_psprintf(r->pool, "role:%llu", role->id), &c, 1);
}

enum pf_dberr
pf_role_revoke(struct pf_req *r, unsigned long long user, const struct pf_role *role,
    int *removed)
{
	struct pf_change c = { "role", NULL, NULL };
	unsigned long long n = 0;
	enum pf_dberr e;

	*removed = 0;
	if ((e = before(r, user, role, &c.before)) != PF_DB_OK ||
	    (e = pf_db_exec(r->db, PF_SQL_ROLE_REVOKE, PF_ARGS(PF_INT((long long)user),
	    PF_INT((long long)role->id)), &n, NULL)) != PF_DB_OK || n == 0)
		return e;
	*removed = 1;
	return pf_audit_change(r, "role.revoked", user, 0,
	    pf_psprintf(r->pool, "role:%llu", role->id), &c, 1);
}
