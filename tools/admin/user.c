/*
 * user.c: `pforte-admin user`, accounts from the command line.
 *
 *   add --email E --name N [--phone P] [--lang de|en] [--org ID] [--role R]
 *   invite --email E       a new one-time setup link
 *   unlock --email E       lift a sign-in lock after failed attempts
 *   show ID | show --email E
 *   grant --email E --role R [--expires YYYY-MM-DD]
 *   revoke --email E --role R
 *
 * add --role administrator bootstraps the first administrator, who then
 * manages everything else in the admin web forms.  An org-scoped role
 * (customer, key-user, partner, ...) needs the user to belong to an
 * organisation (--org, see `pforte-admin org`) and is bound to it.
 * Grants and revocations take effect at the user's next request.
 *
 * Everything personal goes through lib/account.c, so it is sealed under
 * the user's own key before it reaches the database.  No password is ever
 * given on the command line (it would stay in shell histories and process
 * lists): a new user gets a one-time link to set it, which also proves
 * the address.
 */
#include <stdio.h>
#include <stdlib.h>

#include "admin.h"

static void
print_link(const char *token)
{
	printf("one-time setup link (valid %lld hours; hand it to the user only):\n"
	    "%s/setup?t=%s\n", pf_conf_int("Auth.Setup.Hours"),
	    pf_conf_str("Portal.BaseURL"), token);
}

static int
user_add(int argc, char **argv)
{
	static const char *const keys[] = { "email", "name", "phone", "lang", "org", "role" };
	const char *v[6] = { NULL, NULL, "", NULL, NULL, NULL };
	struct pf_db *db = roles_db();
	struct pf_pool *p = pf_pool_new();
	unsigned long long id, org = 0;
	char *link = NULL;
	enum pf_acc e;
	int rc;

	options(argc, argv, keys, v, 6);
	if (v[0] == NULL || v[1] == NULL)
		die("user add needs --email and --name");
	if (v[3] == NULL)
		v[3] = pf_conf_str("Portal.DefaultLang");
	if (v[4] != NULL && (org = parse_id(v[4])) == 0)
		die("--org needs an organisation's id (pforte-admin org list)");
	if (pf_db_begin(db) != PF_DB_OK)
		die("cannot begin a transaction");
	if (org != 0 && (rc = org_usable(db, p, org)) != 0)
		die(rc == -1 ? "no organisation %llu (pforte-admin org list)" :
		    "organisation %llu is suspended", org);
	e = pf_account_create(db, p, v[0], v[1], v[2], v[3], &id);
	if (e == PF_ACC_OK) {
		/* die() ends the process before the commit: MariaDB rolls
		 * back what the connection left open. */
		if (org != 0)
			user_set_org(db, id, org);
		if (v[5] != NULL)
			role_give(db, p, id, org, v[5], NULL);
		if (pf_token_issue(db, p, PF_TOK_SETUP, id,
		    pf_conf_int("Auth.Setup.Hours") * 60, NULL, &link) != PF_DB_OK ||
		    pf_db_commit(db) != PF_DB_OK)
			e = PF_ACC_FAIL;
	}
	if (e != PF_ACC_OK)
		pf_db_rollback(db);
	switch (e) {
	case PF_ACC_OK:
		printf("user %llu added\n", id);
		print_link(link);
		pf_pool_free(p);
		return 0;
	case PF_ACC_DUP:
		die("a user with this e-mail address exists");
	case PF_ACC_INVALID:
		die("invalid e-mail address, name (1-200 characters), phone or language");
	default:
		die("cannot add the user (see the log above)");
	}
}

/* grant and revoke: --email E --role R [--expires YYYY-MM-DD]. */
static int
user_role(int argc, char **argv, int give)
{
	static const char *const keys[] = { "email", "role", "expires" };
	const char *v[3] = { NULL, NULL, NULL }, *expires = NULL;
	struct pf_db *db = roles_db();
	struct pf_pool *p = pf_pool_new();
	struct pf_account a;
	unsigned long long id = 0;

	options(argc, argv, keys, v, give ? 3 : 2);
	if (v[0] == NULL || v[1] == NULL)
		die("usage: user grant --email E --role R [--expires YYYY-MM-DD] | "
		    "user revoke --email E --role R");
	if (v[2] != NULL) {
		switch (pf_date_future(p, v[2], &expires)) {
		case 0:
			break;
		case -2:
			die("--expires must lie in the future");
		default:
			die("--expires needs a date YYYY-MM-DD");
		}
	}
	if (pf_db_begin(db) != PF_DB_OK)
		die("cannot begin a transaction");
	if (pf_account_find(db, p, v[0], &id) != PF_ACC_OK ||
	    pf_account_load(db, p, id, &a) != PF_ACC_OK)
		die("no such user");
	if (give)
		role_give(db, p, id, a.org_id, v[1], expires);
	else if (role_take(db, p, id, v[1]) != 0)
		die("%s does not hold role \"%s\"", v[0], v[1]);
	if (pf_db_commit(db) != PF_DB_OK)
		die("cannot store the change (see the log above)");
	if (give)
		printf("role %s granted to user %llu%s%.16s%s\n", v[1], id,
		    expires ? " until " : "", expires ? expires : "", expires ? " UTC" : "");
	else
		printf("role %s revoked from user %llu\n", v[1], id);
	pf_pool_free(p);
	return 0;
}

static int
user_show(int argc, char **argv)
{
	struct pf_db *db = roles_db();
	struct pf_pool *p = pf_pool_new();
	struct pf_account a;
	unsigned long long id = 0;
	enum pf_acc e = PF_ACC_OK;
	char *end;

	if (argc == 2 && strcmp(argv[0], "--email") == 0)
		e = pf_account_find(db, p, argv[1], &id);
	else if (argc == 1) {
		id = strtoull(argv[0], &end, 10);
		if (*argv[0] == '\0' || *end != '\0')
			die("usage: user show ID | user show --email ADDRESS");
	} else
		die("usage: user show ID | user show --email ADDRESS");
	if (e == PF_ACC_OK)
		e = pf_account_load(db, p, id, &a);
	if (e == PF_ACC_NOTFOUND || e == PF_ACC_INVALID)
		die("no such user");
	if (e != PF_ACC_OK)
		die("cannot read the user (see the log above)");
	printf("id\t%llu\nemail\t%s\nname\t%s\nphone\t%s\nlang\t%s\nstatus\t%s\n",
	    a.id, a.email, a.name, a.phone, a.lang, a.status);
	if (a.org_id != 0)
		printf("org\t%llu\n", a.org_id);
	else
		printf("org\t-\n");
	roles_print(db, p, a.id);
	pf_pool_free(p);
	return 0;
}

static int
user_invite(int argc, char **argv)
{
	static const char *const keys[] = { "email" };
	const char *v[1] = { NULL };
	struct pf_db *db = admin_db();
	struct pf_pool *p = pf_pool_new();
	unsigned long long id = 0;
	char *link = NULL;

	options(argc, argv, keys, v, 1);
	if (v[0] == NULL || pf_account_find(db, p, v[0], &id) != PF_ACC_OK)
		die("no such user");
	if (pf_db_begin(db) != PF_DB_OK ||
	    pf_token_issue(db, p, PF_TOK_SETUP, id, pf_conf_int("Auth.Setup.Hours") * 60,
	    NULL, &link) != PF_DB_OK || pf_db_commit(db) != PF_DB_OK)
		die("cannot make a setup link (see the log above)");
	print_link(link);
	pf_pool_free(p);
	return 0;
}

static int
user_unlock(int argc, char **argv)
{
	static const char *const keys[] = { "email" };
	const char *v[1] = { NULL };
	struct pf_db *db = admin_db();
	struct pf_pool *p = pf_pool_new();
	const char *email;

	options(argc, argv, keys, v, 1);
	/* Counters exist for any address, account or not: no lookup. */
	if (v[0] == NULL || (email = pf_email_normalise(p, v[0])) == NULL)
		die("usage: user unlock --email ADDRESS");
	if (pf_throttle_clear(db, PF_THR_ACCOUNT, email) != PF_DB_OK)
		die("cannot clear the lock (see the log above)");
	printf("sign-in for %s unlocked\n", email);
	pf_pool_free(p);
	return 0;
}

int
cmd_user(int argc, char **argv)
{
	if (argc >= 1 && strcmp(argv[0], "add") == 0)
		return user_add(argc - 1, argv + 1);
	if (argc >= 1 && strcmp(argv[0], "show") == 0)
		return user_show(argc - 1, argv + 1);
	if (argc >= 1 && strcmp(argv[0], "invite") == 0)
		return user_invite(argc - 1, argv + 1);
	if (argc >= 1 && strcmp(argv[0], "unlock") == 0)
		return user_unlock(argc - 1, argv + 1);
	if (argc >= 1 && strcmp(argv[0], "grant") == 0)
		return user_role(argc - 1, argv + 1, 1);
	if (argc >= 1 && strcmp(argv[0], "revoke") == 0)
		return user_role(argc - 1, argv + 1, 0);
	die("usage: user add --email E --name N [--phone P] [--lang de|en] [--org ID] "
	    "[--role R] | invite --email E | unlock --email E | show ID | show --email E | "
	    "grant --email E --role R [--expires YYYY-MM-DD] | revoke --email E --role R");
}
