/*
 * user.c: `pforte-admin user`, accounts from the command line.
 *
 *   add --email E --name N [--phone P] [--lang de|en]
 *   show ID | show --email E
 *
 * Everything personal goes through lib/account.c, so it is sealed under
 * the user's own key before it reaches the database.
 */
#include <stdio.h>
#include <stdlib.h>

#include "admin.h"

static int
user_add(int argc, char **argv)
{
	static const char *const keys[] = { "email", "name", "phone", "lang" };
	const char *v[4] = { NULL, NULL, "", NULL };
	struct pf_db *db = admin_db();
	struct pf_pool *p = pf_pool_new();
	unsigned long long id;
	enum pf_acc e;

	options(argc, argv, keys, v, 4);
	if (v[0] == NULL || v[1] == NULL)
		die("user add needs --email and --name");
	if (v[3] == NULL)
		v[3] = pf_conf_str("Portal.DefaultLang");
	if (pf_db_begin(db) != PF_DB_OK)
		die("cannot begin a transaction");
	e = pf_account_create(db, p, v[0], v[1], v[2], v[3], &id);
	if (e == PF_ACC_OK && pf_db_commit(db) != PF_DB_OK)
		e = PF_ACC_FAIL;
	if (e != PF_ACC_OK)
		pf_db_rollback(db);
	pf_pool_free(p);
	switch (e) {
	case PF_ACC_OK:
		printf("user %llu added\n", id);
		return 0;
	case PF_ACC_DUP:
		die("a user with this e-mail address exists");
	case PF_ACC_INVALID:
		die("invalid e-mail address, name (1-200 characters), phone or language");
	default:
		die("cannot add the user (see the log above)");
	}
}

static int
user_show(int argc, char **argv)
{
	struct pf_db *db = admin_db();
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
	die("usage: user add --email E --name N [--phone P] [--lang de|en] | "
	    "show ID | show --email E");
}
