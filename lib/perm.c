/*
 * perm.c: the one access check.  "May this session do P on an object of
 * organisation O?"  Every program asks here; templates only show what
 * the program decided.
 *
 * The grants are read from the database at the first check of each
 * request and kept only for that request: a role taken away, expired or
 * suspended with its organisation stops working at the next request,
 * whatever the user's session holds.
 */
#include "pf-int.h"

static const char *const names[PF_PERM__MAX] = {
	[PF_PERM_NONE] = "",
	[PF_PERM_DOCUMENTS_READ] = "documents.read",
	[PF_PERM_DOCUMENTS_WRITE] = "documents.write",
	[PF_PERM_DOCUMENTS_SHARE] = "documents.share",
	[PF_PERM_USERS_INVITE] = "users.invite",
	[PF_PERM_USERS_MANAGE] = "users.manage",
	[PF_PERM_ROLES_APPROVE] = "roles.approve",
	[PF_PERM_AUDIT_READ] = "audit.read",
	[PF_PERM_APPS_MANAGE] = "apps.manage",
	[PF_PERM_ORGS_MANAGE] = "orgs.manage",
	[PF_PERM_STATUS_MANAGE] = "status.manage",
	[PF_PERM_PRIVACY_MANAGE] = "privacy.manage",
};

const char *
pf_perm_name(enum pf_perm p)
{
	return (unsigned)p < PF_PERM__MAX ? names[p] : "";
}

enum pf_perm
pf_perm_byname(const char *name)
{
	int i;

	for (i = 1; i < PF_PERM__MAX; i++)
		if (strcmp(names[i], name) == 0)
			return (enum pf_perm)i;
	return PF_PERM_NONE;
}

/* Only a fully signed-in session holds rights; a failed read holds none. */
static int
load(struct pf_req *r)
{
	struct pf_rows rows;
	enum pf_perm p;
	size_t i;

	if (r->perm_loaded != 0)
		return r->perm_loaded;
	r->perm_loaded = -1;
	if (r->session == NULL || r->session->level != PF_LEVEL_FULL)
		return -1;
	if (pf_db_query(r->db, r->pool, PF_SQL_PERM_LOAD,
	    PF_ARGS(PF_INT((long long)r->session->user)), &rows) != PF_DB_OK) {
		pf_log(r, PF_LOG_ERR, "permissions unreadable: denying");
		return -1;
	}
	for (i = 0; i < rows.n; i++) {
		if ((p = pf_perm_byname(pf_cell_str(&rows, i, 0))) == PF_PERM_NONE)
			continue;
		if (strcmp(pf_cell_str(&rows, i, 1), "global") == 0)
			r->perm_global[p] = 1;
		else
			r->perm_org[p] = 1;
	}
	return r->perm_loaded = 1;
}

int
pf_may_global(struct pf_req *r, enum pf_perm p)
{
	return (unsigned)p < PF_PERM__MAX && p != PF_PERM_NONE && load(r) > 0 &&
	    r->perm_global[p];
}

int
pf_may(struct pf_req *r, enum pf_perm p, unsigned long long org)
{
	if (pf_may_global(r, p))
		return 1;
	/* org-scoped grants reach their holder's own organisation only */
	return (unsigned)p < PF_PERM__MAX && load(r) > 0 && r->perm_org[p] && org != 0 &&
	    org == r->session->org;
}

int
pf_may_some(struct pf_req *r, enum pf_perm p)
{
	return pf_may(r, p, pf_req_org(r));
}

int
pf_may_admin(struct pf_req *r)
{
	return pf_may_some(r, PF_PERM_USERS_MANAGE) || pf_may_some(r, PF_PERM_USERS_INVITE) ||
	    pf_may_some(r, PF_PERM_ORGS_MANAGE) || pf_may(r, PF_PERM_STATUS_MANAGE, 0) ||
	    pf_may_some(r, PF_PERM_AUDIT_READ) || pf_may_global(r, PF_PERM_APPS_MANAGE) ||
	    pf_may_global(r, PF_PERM_PRIVACY_MANAGE);
}

int
pf_org_suspended(struct pf_db *db, unsigned long long org)
{
	struct pf_pool *p;
	struct pf_rows rows;
	int rc;

	if (org == 0)
		return 0;
	p = pf_pool_new();
	if (pf_db_query(db, p, PF_SQL_ORG_STATUS, PF_ARGS(PF_INT((long long)org)), &rows) !=
	    PF_DB_OK)
		rc = -1;
	else
		rc = rows.n == 1 && strcmp(pf_cell_str(&rows, 0, 0), "suspended") == 0;
	pf_pool_free(p);
	return rc;
}

unsigned long long
pf_req_org(const struct pf_req *r)
{
	return r->session != NULL ? r->session->org : 0;
}
