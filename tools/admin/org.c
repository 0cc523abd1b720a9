/*
 * org.c: `pforte-admin org` (organisations) and the role grants that
 * `pforte-admin user` gives and takes (add --role, grant, revoke).
 *
 *   org add --name N --kind customer|partner|internal
 *   org list
 *
 * Everything runs through one connection with the statements below, so
 * a new user, their organisation and their first role are one
 * transaction.  The web programs audit what they change; from here
 * there is no request (and no acting user) to audit, as with the other
 * commands of pforte-admin.
 */
#include <stdio.h>
#include <stdlib.h>

#include "admin.h"

enum {
	SQL_ORG_INSERT = PF_SQL_APP,
	SQL_ORG_GET,
	SQL_ORG_LIST,
	SQL_ROLE_BY_NAME,
	SQL_USER_SET_ORG,
	SQL_GRANT,
	SQL_REVOKE,
	SQL_HELD,
	SQL__MAX
};

static const char *const sql[SQL__MAX - PF_SQL_APP] = {
	[SQL_ORG_INSERT - PF_SQL_APP] =
	    "INSERT INTO orgs (kind, name) VALUES (?, ?)",
	[SQL_ORG_GET - PF_SQL_APP] =
	    "SELECT kind, status FROM orgs WHERE id = ? LOCK IN SHARE MODE",
	[SQL_ORG_LIST - PF_SQL_APP] =
	    "SELECT o.id, o.kind, o.status, o.name, "
	    "(SELECT COUNT(*) FROM users u WHERE u.org_id = o.id) "
	    "FROM orgs o ORDER BY o.id",
	[SQL_ROLE_BY_NAME - PF_SQL_APP] =
	    "SELECT id, scope FROM roles WHERE name = ?",
	[SQL_USER_SET_ORG - PF_SQL_APP] =
	    "UPDATE users SET org_id = ? WHERE id = ?",
	/* A renewed grant is bound to the user's organisation of now and
	 * gets the new expiry, as lib/roles.c does it. */
	[SQL_GRANT - PF_SQL_APP] =
	    "INSERT INTO user_roles (user_id, role_id, org_id, granted_by, expires_at) "
	    "VALUES (?, ?, ?, NULL, ?) ON DUPLICATE KEY UPDATE org_id = VALUES(org_id), "
	    "granted_by = NULL, granted_at = UTC_TIMESTAMP(6), expires_at = VALUES(expires_at)",
	[SQL_REVOKE - PF_SQL_APP] =
	    "DELETE FROM user_roles WHERE user_id = ? AND role_id = ?",
	[SQL_HELD - PF_SQL_APP] =
	    "SELECT r.name, ur.org_id, ur.expires_at FROM user_roles ur "
	    "JOIN roles r ON r.id = ur.role_id WHERE ur.user_id = ? ORDER BY r.name",
};

static const char *const kinds[] = { "customer", "partner", "internal", NULL };

struct pf_db *
roles_db(void)
{
	static struct pf_db *db;

	if (db == NULL)
		db = pf_db_new("admin", sql, SQL__MAX - PF_SQL_APP);
	if (pf_db_ensure(db) != PF_DB_OK)
		die("cannot connect to the database as DB.Account.admin");
	return db;
}

/* A positive decimal id, else 0. */
unsigned long long
parse_id(const char *s)
{
	unsigned long long v;
	char *end;

	if (s == NULL || *s < '1' || *s > '9')
		return 0;
	v = strtoull(s, &end, 10);
	return *end == '\0' && v <= 9007199254740991ULL ? v : 0;
}

/* 0 when the organisation exists and is active (its row then
 * share-locked until the transaction ends, so it cannot change under a
 * new member); -1 when there is none, -2 when it is suspended. */
int
org_usable(struct pf_db *db, struct pf_pool *p, unsigned long long id)
{
	struct pf_rows r;

	if (pf_db_query(db, p, SQL_ORG_GET, PF_ARGS(PF_INT((long long)id)), &r) != PF_DB_OK)
		die("cannot read the organisation (see the log above)");
	if (r.n != 1)
		return -1;
	return strcmp(pf_cell_str(&r, 0, 1), "active") == 0 ? 0 : -2;
}

void
user_set_org(struct pf_db *db, unsigned long long user, unsigned long long org)
{
	if (pf_db_exec(db, SQL_USER_SET_ORG, PF_ARGS(PF_INT((long long)org),
	    PF_INT((long long)user)), NULL, NULL) != PF_DB_OK)
		die("cannot set the user's organisation (see the log above)");
}

/* The role called name: its id, and whether it is org-scoped. */
static unsigned long long
role_find(struct pf_db *db, struct pf_pool *p, const char *name, int *orgscope)
{
	struct pf_rows r;

	if (pf_db_query(db, p, SQL_ROLE_BY_NAME, PF_ARGS(PF_STR(name)), &r) != PF_DB_OK)
		die("cannot read the roles (see the log above)");
	if (r.n != 1)
		die("no role \"%s\" (the roles are listed in the admin web forms)", name);
	*orgscope = strcmp(pf_cell_str(&r, 0, 1), "org") == 0;
	return (unsigned long long)PF_CELL(&r, 0, 0)->i;
}

/*
 * Give role name to user (of organisation org, 0: none) inside the
 * caller's transaction, expiring at expires (SQL DATETIME) or never.
 * An org-scoped role needs an organisation and is bound to it.
 */
void
role_give(struct pf_db *db, struct pf_pool *p, unsigned long long user,
    unsigned long long org, const char *name, const char *expires)
{
	unsigned long long role;
	int orgscope;

	role = role_find(db, p, name, &orgscope);
	if (orgscope && org == 0)
		die("role \"%s\" is given within an organisation: the user has none "
		    "(user add --org ID)", name);
	if (pf_db_exec(db, SQL_GRANT, PF_ARGS(PF_INT((long long)user),
	    PF_INT((long long)role), orgscope ? PF_INT((long long)org) : PF_NULL,
	    expires ? PF_STR(expires) : PF_NULL), NULL, NULL) != PF_DB_OK)
		die("cannot grant the role (see the log above)");
}

/* Take role name from user in the caller's transaction; 0 when it was
 * held. */
int
role_take(struct pf_db *db, struct pf_pool *p, unsigned long long user, const char *name)
{
	unsigned long long role, n = 0;
	int orgscope;

	role = role_find(db, p, name, &orgscope);
	if (pf_db_exec(db, SQL_REVOKE, PF_ARGS(PF_INT((long long)user),
	    PF_INT((long long)role)), &n, NULL) != PF_DB_OK)
		die("cannot revoke the role (see the log above)");
	return n > 0 ? 0 : -1;
}

/* The user's roles, "name[@org][ until TIME]" separated by ", ". */
void
roles_print(struct pf_db *db, struct pf_pool *p, unsigned long long user)
{
	struct pf_rows r;
	size_t i;

	if (pf_db_query(db, p, SQL_HELD, PF_ARGS(PF_INT((long long)user)), &r) != PF_DB_OK)
		die("cannot read the user's roles (see the log above)");
	fputs("roles\t", stdout);
	for (i = 0; i < r.n; i++) {
		printf("%s%s", i ? ", " : "", pf_cell_str(&r, i, 0));
		if (PF_CELL(&r, i, 1)->type != PF_V_NULL)
			printf("@%lld", PF_CELL(&r, i, 1)->i);
		if (PF_CELL(&r, i, 2)->type != PF_V_NULL)
			printf(" until %.16s UTC", pf_cell_str(&r, i, 2));
	}
	fputs(r.n ? "\n" : "-\n", stdout);
}

static int
org_add(int argc, char **argv)
{
	static const char *const keys[] = { "name", "kind" };
	const char *v[2] = { NULL, NULL };
	struct pf_db *db = roles_db();
	unsigned long long id = 0;
	enum pf_dberr e;
	size_t i, len;

	options(argc, argv, keys, v, 2);
	if (v[0] == NULL || v[1] == NULL)
		die("org add needs --name and --kind customer|partner|internal");
	for (i = 0; kinds[i] != NULL && strcmp(kinds[i], v[1]) != 0; i++)
		;
	if (kinds[i] == NULL)
		die("--kind is customer, partner or internal");
	len = strlen(v[0]);
	if (len == 0 || len > 200 || !pf_utf8_valid(v[0], len))
		die("--name needs 1 to 200 characters of UTF-8");
	for (i = 0; i < len; i++)
		if ((unsigned char)v[0][i] < 0x20 || v[0][i] == 0x7f)
			die("--name must not contain control characters");
	e = pf_db_exec(db, SQL_ORG_INSERT, PF_ARGS(PF_STR(v[1]), PF_STR(v[0])), NULL, &id);
	if (e == PF_DB_DUP)
		die("an organisation with this name exists");
	if (e != PF_DB_OK)
		die("cannot add the organisation (see the log above)");
	printf("org %llu added\n", id);
	return 0;
}

static int
org_list(void)
{
	struct pf_db *db = roles_db();
	struct pf_pool *p = pf_pool_new();
	struct pf_rows r;
	size_t i;

	if (pf_db_query(db, p, SQL_ORG_LIST, NULL, 0, &r) != PF_DB_OK)
		die("cannot read the organisations (see the log above)");
	for (i = 0; i < r.n; i++)
		printf("%lld\t%s\t%s\t%s\t%lld members\n", PF_CELL(&r, i, 0)->i,
		    pf_cell_str(&r, i, 1), pf_cell_str(&r, i, 2), pf_cell_str(&r, i, 3),
		    PF_CELL(&r, i, 4)->i);
	pf_pool_free(p);
	return 0;
}

int
cmd_org(int argc, char **argv)
{
	if (argc >= 1 && strcmp(argv[0], "add") == 0)
		return org_add(argc - 1, argv + 1);
	if (argc == 1 && strcmp(argv[0], "list") == 0)
		return org_list();
	die("usage: org add --name NAME --kind customer|partner|internal | org list");
}
