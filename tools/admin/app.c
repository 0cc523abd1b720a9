/*
 * app.c: `pforte-admin app`, the applications that sign their users in
 * through Pforte (OpenID Connect relying parties, sql/010_apps.sql).
 *
 *   add --name N --redirect-uri U [--redirect-uri U2 ...]
 *       [--post-logout-uri U ...] [--initiate-login-uri U]
 *       [--frontchannel-logout-uri U] [--backchannel-logout-uri U]
 *       [--icon U] [--client-id ID] [--public] [--trusted] [--pairwise]
 *       [--scopes "openid profile email"]
 *       [--grants authorization_code,refresh_token]
 *       [--role NAME ...] [--org NAME ...]
 *                  prints "client_id ID" and, for a confidential
 *                  application, "client_secret SECRET" (shown this once)
 *   list           id, client_id, status, type, trusted, audience, name
 *   show ID        everything registered but the secret
 *   secret ID      a new secret (printed); the old one and the
 *                  application's tokens stop working
 *   disable ID     refuses new sign-ins and revokes its tokens
 *   enable ID
 *   delete ID      with everything that belongs to it (codes, tokens,
 *                  consents: ON DELETE CASCADE)
 *
 * ID is the client_id (or the numeric id of `app list`).  Without --role
 * or --org every signed-in user may use the application; with them only
 * holders of one of the roles or members of one of the organisations.
 * The checks are lib/appreg.c's, the same as the admin forms'.  As with
 * the other commands, there is no request (and no acting user) to audit:
 * the admin forms audit what they change.
 */
#include <stdio.h>
#include <stdlib.h>

#include "admin.h"

enum {
	A_INSERT = PF_SQL_APP,
	A_URI_INSERT,
	A_ACCESS_INSERT,
	A_ROLE_ID,
	A_ORG_ID,
	A_LIST,
	A_BY_CLIENT,
	A_BY_ID,
	A_URIS,
	A_ACCESS,
	A_SECRET,
	A_STATUS,
	A_REVOKE,
	A_DELETE,
	A__MAX
};

#define APP_COLS "id, client_id, name, icon, secret_hash IS NOT NULL, status, trusted, " \
	"pairwise, audience, grant_types, scopes, initiate_login_uri, " \
	"frontchannel_logout_uri, backchannel_logout_uri, created_at, updated_at"

static const char *const sql[A__MAX - PF_SQL_APP] = {
	[A_INSERT - PF_SQL_APP] =
	    "INSERT INTO apps (client_id, name, icon, secret_hash, trusted, pairwise, "
	    "audience, grant_types, scopes, initiate_login_uri, frontchannel_logout_uri, "
	    "backchannel_logout_uri) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
	[A_URI_INSERT - PF_SQL_APP] =
	    "INSERT INTO app_uris (app_id, kind, uri) VALUES (?, ?, ?)",
	[A_ACCESS_INSERT - PF_SQL_APP] =
	    "INSERT IGNORE INTO app_access (app_id, role_id, org_id) VALUES (?, ?, ?)",
	[A_ROLE_ID - PF_SQL_APP] =
	    "SELECT id FROM roles WHERE name = ?",
	[A_ORG_ID - PF_SQL_APP] =
	    "SELECT id FROM orgs WHERE name = ?",
	[A_LIST - PF_SQL_APP] =
	    "SELECT id, client_id, status, IF(secret_hash IS NULL, 'public', 'confidential'), "
	    "IF(trusted, 'trusted', '-'), audience, name FROM apps ORDER BY id",
	[A_BY_CLIENT - PF_SQL_APP] =
	    "SELECT " APP_COLS " FROM apps WHERE client_id = ?",
	[A_BY_ID - PF_SQL_APP] =
	    "SELECT " APP_COLS " FROM apps WHERE id = ?",
	[A_URIS - PF_SQL_APP] =
	    "SELECT kind, uri FROM app_uris WHERE app_id = ? ORDER BY kind, uri",
	[A_ACCESS - PF_SQL_APP] =
	    "SELECT IF(a.role_id IS NULL, 'org', 'role'), COALESCE(r.name, o.name) "
	    "FROM app_access a LEFT JOIN roles r ON r.id = a.role_id "
	    "LEFT JOIN orgs o ON o.id = a.org_id WHERE a.app_id = ? ORDER BY 1, 2",
	/* a public application has no secret to renew */
	[A_SECRET - PF_SQL_APP] =
	    "UPDATE apps SET secret_hash = ?, updated_at = UTC_TIMESTAMP(6) "
	    "WHERE id = ? AND secret_hash IS NOT NULL",
	/* compare and set: only a change counts */
	[A_STATUS - PF_SQL_APP] =
	    "UPDATE apps SET status = ?, updated_at = UTC_TIMESTAMP(6) "
	    "WHERE id = ? AND status <> ?",
	[A_REVOKE - PF_SQL_APP] =
	    "UPDATE oidc_tokens SET revoked_at = UTC_TIMESTAMP(6) "
	    "WHERE app_id = ? AND revoked_at IS NULL",
	[A_DELETE - PF_SQL_APP] =
	    "DELETE FROM apps WHERE id = ?",
};

/* The command's memory: one pool for the process, reachable until it
 * ends (die() exits from anywhere). */
static struct pf_pool *
pool(void)
{
	static struct pf_pool *p;

	if (p == NULL)
		p = pf_pool_new();
	return p;
}

static struct pf_db *
db(void)
{
	static struct pf_db *d;

	if (d == NULL)
		d = pf_db_new("admin", sql, A__MAX - PF_SQL_APP);
	if (pf_db_ensure(d) != PF_DB_OK)
		die("cannot connect to the database as DB.Account.admin");
	return d;
}

/* Up to PF_APP_URIS_MAX + 1 values of a repeated option: one more than
 * allowed, so that the check reports "too many" instead of us. */
struct multi {
	const char	*v[PF_APP_URIS_MAX + 1];
	size_t		 n;
};

static void
multi_add(struct multi *l, const char *opt, const char *v)
{
	if (l->n == PF_APP_URIS_MAX + 1)
		die("%s: more than %d values", opt, PF_APP_URIS_MAX);
	l->v[l->n++] = v;
}

/* "authorization_code,refresh_token" (commas or spaces) as PF_GRANT_*. */
static unsigned
parse_grants(const char *s)
{
	unsigned g = 0;
	size_t k, i;

	while (*s) {
		s += strspn(s, ", ");
		if ((k = strcspn(s, ", ")) == 0)
			break;
		for (i = 0; pf_app_grants[i] != NULL; i++)
			if (strlen(pf_app_grants[i]) == k && strncmp(pf_app_grants[i], s, k) == 0)
				break;
		if (pf_app_grants[i] == NULL)
			die("--grants: %.*s is not one of authorization_code, refresh_token, "
			    "client_credentials", (int)k, s);
		g |= 1U << i;
		s += k;
	}
	return g;
}

/* The SET column's text for grants g. */
static char *
grants_text(struct pf_pool *p, unsigned g)
{
	char *out = pf_pstrdup(p, "");
	size_t i;

	for (i = 0; pf_app_grants[i] != NULL; i++)
		if (g & (1U << i))
			out = pf_psprintf(p, "%s%s%s", out, *out ? "," : "", pf_app_grants[i]);
	return out;
}

static void
report(const char *opt, enum pf_apperr e, const struct multi *list, size_t at)
{
	if (list != NULL && e != PF_APPERR_TOO_MANY && e != PF_APPERR_NO_REDIRECT &&
	    at < list->n)
		fprintf(stderr, "pforte-admin: %s %s: %s\n", opt, list->v[at], pf_apperr_str(e));
	else
		fprintf(stderr, "pforte-admin: %s: %s\n", opt, pf_apperr_str(e));
}

/* The id of the role or organisation called name, else die. */
static long long
id_by_name(struct pf_pool *p, unsigned stmt, const char *what, const char *name)
{
	struct pf_rows r;

	check_db(pf_db_query(db(), p, stmt, PF_ARGS(PF_STR(name)), &r), what);
	if (r.n != 1)
		die("no %s \"%s\"", what, name);
	return PF_CELL(&r, 0, 0)->i;
}

static int
app_add(int argc, char **argv)
{
	static const char *const opt[PF_APPF__MAX] = {
		[PF_APPF_NAME] = "--name", [PF_APPF_ICON] = "--icon",
		[PF_APPF_CLIENT_ID] = "--client-id", [PF_APPF_REDIRECT] = "--redirect-uri",
		[PF_APPF_POST_LOGOUT] = "--post-logout-uri",
		[PF_APPF_INITIATE] = "--initiate-login-uri",
		[PF_APPF_FRONTCHANNEL] = "--frontchannel-logout-uri",
		[PF_APPF_BACKCHANNEL] = "--backchannel-logout-uri",
		[PF_APPF_SCOPES] = "--scopes", [PF_APPF_GRANTS] = "--grants",
	};
	struct pf_pool *p = pool();
	struct pf_appdef d;
	struct multi redirect = { 0 }, post = { 0 }, roles = { 0 }, orgs = { 0 };
	enum pf_apperr err[PF_APPF__MAX];
	size_t at[PF_APPF__MAX], i;
	const char *grants = "authorization_code,refresh_token";
	char cid[PF_CLIENT_ID_NEW_LEN + 1], secret[PF_TOKEN_CHARS + 1];
	unsigned char hash[32];
	unsigned long long id;
	int trusted = 0, pairwise = 0;
	enum pf_dberr e;

	memset(&d, 0, sizeof(d));
	d.name = NULL;
	d.icon = d.initiate_login = d.frontchannel_logout = d.backchannel_logout = "";
	d.scopes = "openid profile email";
	d.confidential = 1;
	for (i = 0; i < (size_t)argc; i++) {
		const char *o = argv[i], *v = i + 1 < (size_t)argc ? argv[i + 1] : NULL;

		if (strcmp(o, "--public") == 0) {
			d.confidential = 0;
			continue;
		}
		if (strcmp(o, "--trusted") == 0) {
			trusted = 1;
			continue;
		}
		if (strcmp(o, "--pairwise") == 0) {
			pairwise = 1;
			continue;
		}
		if (v == NULL)
			die("unknown or incomplete option %s", o);
		i++;
		if (strcmp(o, "--name") == 0)
			d.name = v;
		else if (strcmp(o, "--icon") == 0)
			d.icon = v;
		else if (strcmp(o, "--client-id") == 0)
			d.client_id = v;
		else if (strcmp(o, "--redirect-uri") == 0)
			multi_add(&redirect, o, v);
		else if (strcmp(o, "--post-logout-uri") == 0)
			multi_add(&post, o, v);
		else if (strcmp(o, "--initiate-login-uri") == 0)
			d.initiate_login = v;
		else if (strcmp(o, "--frontchannel-logout-uri") == 0)
			d.frontchannel_logout = v;
		else if (strcmp(o, "--backchannel-logout-uri") == 0)
			d.backchannel_logout = v;
		else if (strcmp(o, "--scopes") == 0)
			d.scopes = v;
		else if (strcmp(o, "--grants") == 0)
			grants = v;
		else if (strcmp(o, "--role") == 0)
			multi_add(&roles, o, v);
		else if (strcmp(o, "--org") == 0)
			multi_add(&orgs, o, v);
		else
			die("unknown option %s", o);
	}
	if (d.name == NULL)
		die("app add needs --name and (for sign-in) --redirect-uri");
	d.grants = parse_grants(grants);
	d.redirect = redirect.v;
	d.nredirect = redirect.n;
	d.post_logout = post.v;
	d.npost_logout = post.n;
	if (pf_appdef_check(&d, err, at) > 0) {
		for (i = 0; i < PF_APPF__MAX; i++)
			if (err[i] != PF_APPERR_OK)
				report(opt[i], err[i], i == PF_APPF_REDIRECT ? &redirect :
				    i == PF_APPF_POST_LOGOUT ? &post : NULL, at[i]);
		exit(1);
	}
	if (d.client_id == NULL || *d.client_id == '\0') {
		pf_client_id_new(cid);
		d.client_id = cid;
	}
	if (d.confidential)
		pf_client_secret_new(secret, hash);

	/* One transaction: die() ends the process before the commit, and
	 * MariaDB rolls back what the connection left open. */
	check_db(pf_db_begin(db()), "begin");
	e = pf_db_exec(db(), A_INSERT, PF_ARGS(PF_STR(d.client_id), PF_STR(d.name),
	    PF_STR(d.icon), d.confidential ? PF_BLOB((const char *)hash, 32) : PF_NULL,
	    PF_INT(trusted), PF_INT(pairwise),
	    PF_STR(roles.n + orgs.n > 0 ? "restricted" : "all"),
	    PF_STR(grants_text(p, d.grants)), PF_STR(d.scopes), PF_STR(d.initiate_login),
	    PF_STR(d.frontchannel_logout), PF_STR(d.backchannel_logout)), NULL, &id);
	if (e == PF_DB_DUP)
		die("--client-id: an application with client_id %s exists", d.client_id);
	check_db(e, "adding the application");
	for (i = 0; i < redirect.n; i++)
		check_db(pf_db_exec(db(), A_URI_INSERT, PF_ARGS(PF_INT((long long)id),
		    PF_STR("redirect"), PF_STR(redirect.v[i])), NULL, NULL), "adding a URI");
	for (i = 0; i < post.n; i++)
		check_db(pf_db_exec(db(), A_URI_INSERT, PF_ARGS(PF_INT((long long)id),
		    PF_STR("post_logout"), PF_STR(post.v[i])), NULL, NULL), "adding a URI");
	for (i = 0; i < roles.n; i++)
		check_db(pf_db_exec(db(), A_ACCESS_INSERT, PF_ARGS(PF_INT((long long)id),
		    PF_INT(id_by_name(p, A_ROLE_ID, "role", roles.v[i])), PF_NULL), NULL, NULL),
		    "adding a role");
	for (i = 0; i < orgs.n; i++)
		check_db(pf_db_exec(db(), A_ACCESS_INSERT, PF_ARGS(PF_INT((long long)id), PF_NULL,
		    PF_INT(id_by_name(p, A_ORG_ID, "organisation", orgs.v[i]))), NULL, NULL),
		    "adding an organisation");
	check_db(pf_db_commit(db()), "commit");
	printf("client_id %s\n", d.client_id);
	if (d.confidential) {
		printf("client_secret %s\n", secret);
		pf_wipe(secret, sizeof(secret));
	}
	return 0;
}

/* The application named by arg (client_id, else numeric id), its row in
 * *r; dies when there is none. */
static unsigned long long
find(struct pf_pool *p, const char *arg, struct pf_rows *r)
{
	unsigned long long id;

	check_db(pf_db_query(db(), p, A_BY_CLIENT, PF_ARGS(PF_STR(arg)), r),
	    "reading the application");
	if (r->n == 0 && (id = parse_id(arg)) != 0)
		check_db(pf_db_query(db(), p, A_BY_ID, PF_ARGS(PF_INT((long long)id)), r),
		    "reading the application");
	if (r->n != 1)
		die("no application %s (pforte-admin app list)", arg);
	return (unsigned long long)PF_CELL(r, 0, 0)->i;
}

static int
app_list(void)
{
	struct pf_pool *p = pool();
	struct pf_rows r;
	size_t i;

	check_db(pf_db_query(db(), p, A_LIST, NULL, 0, &r), "reading the applications");
	for (i = 0; i < r.n; i++)
		printf("%lld\t%s\t%s\t%s\t%s\t%s\t%s\n", PF_CELL(&r, i, 0)->i,
		    pf_cell_str(&r, i, 1), pf_cell_str(&r, i, 2), pf_cell_str(&r, i, 3),
		    pf_cell_str(&r, i, 4), pf_cell_str(&r, i, 5), pf_cell_str(&r, i, 6));
	return 0;
}

static void
line(const char *key, const char *v)
{
	printf("%s\t%s\n", key, *v ? v : "-");
}

static int
app_show(const char *arg)
{
	static const char *const names[] = { "id", "client_id", "name", "icon", "type",
		"status", "trusted", "pairwise", "audience", "grants", "scopes",
		"initiate_login_uri", "frontchannel_logout_uri", "backchannel_logout_uri",
		"created", "updated" };
	struct pf_pool *p = pool();
	struct pf_rows r, u;
	unsigned long long id = find(p, arg, &r);
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (i == 0)
			printf("id\t%llu\n", id);
		else if (i == 4)
			line(names[i], PF_CELL(&r, 0, 4)->i ? "confidential" : "public");
		else if (i == 6 || i == 7)
			line(names[i], PF_CELL(&r, 0, i)->i ? "yes" : "no");
		else
			line(names[i], pf_cell_str(&r, 0, i));
	}
	check_db(pf_db_query(db(), p, A_URIS, PF_ARGS(PF_INT((long long)id)), &u),
	    "reading the URIs");
	for (i = 0; i < u.n; i++)
		printf("%s_uri\t%s\n", pf_cell_str(&u, i, 0), pf_cell_str(&u, i, 1));
	check_db(pf_db_query(db(), p, A_ACCESS, PF_ARGS(PF_INT((long long)id)), &u),
	    "reading who may use it");
	for (i = 0; i < u.n; i++)
		printf("%s\t%s\n", pf_cell_str(&u, i, 0), pf_cell_str(&u, i, 1));
	return 0;
}

static void
revoke(unsigned long long id)
{
	unsigned long long n = 0;

	check_db(pf_db_exec(db(), A_REVOKE, PF_ARGS(PF_INT((long long)id)), &n, NULL),
	    "revoking the tokens");
	fprintf(stderr, "%llu tokens revoked\n", n);
}

/* A new secret; the old one stops working at once, and so do the tokens
 * issued under it (renewing a secret usually means it leaked). */
static int
app_secret(const char *arg)
{
	struct pf_pool *p = pool();
	struct pf_rows r;
	unsigned long long id = find(p, arg, &r), n = 0;
	char secret[PF_TOKEN_CHARS + 1];
	unsigned char hash[32];

	pf_client_secret_new(secret, hash);
	check_db(pf_db_begin(db()), "begin");
	check_db(pf_db_exec(db(), A_SECRET, PF_ARGS(PF_BLOB((const char *)hash, 32),
	    PF_INT((long long)id)), &n, NULL), "renewing the secret");
	if (n != 1)
		die("application %s is public: it has no secret", arg);
	revoke(id);
	check_db(pf_db_commit(db()), "commit");
	printf("client_id %s\nclient_secret %s\n", pf_cell_str(&r, 0, 1), secret);
	pf_wipe(secret, sizeof(secret));
	return 0;
}

static int
app_status(const char *arg, const char *status)
{
	struct pf_pool *p = pool();
	struct pf_rows r;
	unsigned long long id = find(p, arg, &r), n = 0;

	check_db(pf_db_begin(db()), "begin");
	check_db(pf_db_exec(db(), A_STATUS, PF_ARGS(PF_STR(status), PF_INT((long long)id),
	    PF_STR(status)), &n, NULL), "changing the status");
	if (n == 1 && strcmp(status, "disabled") == 0)
		revoke(id);
	check_db(pf_db_commit(db()), "commit");
	printf("app %s %s%s\n", pf_cell_str(&r, 0, 1), n ? "" : "was already ", status);
	return 0;
}

static int
app_delete(const char *arg)
{
	struct pf_pool *p = pool();
	struct pf_rows r;
	unsigned long long id = find(p, arg, &r);

	check_db(pf_db_exec(db(), A_DELETE, PF_ARGS(PF_INT((long long)id)), NULL, NULL),
	    "deleting the application");
	printf("app %s deleted\n", pf_cell_str(&r, 0, 1));
	return 0;
}

int
cmd_app(int argc, char **argv)
{
	if (argc >= 1 && strcmp(argv[0], "add") == 0)
		return app_add(argc - 1, argv + 1);
	if (argc == 1 && strcmp(argv[0], "list") == 0)
		return app_list();
	if (argc == 2 && strcmp(argv[0], "show") == 0)
		return app_show(argv[1]);
	if (argc == 2 && strcmp(argv[0], "secret") == 0)
		return app_secret(argv[1]);
	if (argc == 2 && strcmp(argv[0], "disable") == 0)
		return app_status(argv[1], "disabled");
	if (argc == 2 && strcmp(argv[0], "enable") == 0)
		return app_status(argv[1], "active");
	if (argc == 2 && strcmp(argv[0], "delete") == 0)
		return app_delete(argv[1]);
	die("usage: app add --name N --redirect-uri U ... | list | show ID | secret ID | "
	    "disable ID | enable ID | delete ID");
}
