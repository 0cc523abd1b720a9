/*
 * pforte-admin: the operator's command line.
 *
 *   migrate      apply the numbered migrations in sql/ that are missing
 *   grants       create each program's MariaDB account with only its grants
 *   maintenance  add | list | delete maintenance windows
 *   notice       add | list | delete security notices
 *   keys         init | status | rotate | new-kek | rewrap: encryption keys
 *   user         add | invite | unlock | show | grant | revoke: user accounts
 *                and their roles
 *   org          add | list: organisations
 *   backup       write an encrypted backup; restore verifies, then loads it
 *   purge        erase what is past its retention period (documents,
 *                sessions, login history, invitations, addresses)
 *   audit        verify the audit chain; purge it after its retention period
 *   sso          key new | list | retire | jwks | check: the SSO signing keys
 *   app          add | list | show | secret | disable | enable | delete:
 *                applications that sign in through Pforte
 *   gdpr         erase | journal: erasure requests carried out (GDPR)
 *
 * It connects with the migration account DB.Account.admin.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "admin.h"

static void usage(void) __attribute__((noreturn));

static void
usage(void)
{
	fprintf(stderr, "usage: pforte-admin [-c CONFIG] [--sql DIR] COMMAND ...\n"
	    "  migrate                 apply missing migrations\n"
	    "  grants                  create program accounts and their grants\n"
	    "  maintenance add|list|delete\n"
	    "  notice add|list|delete\n"
	    "  keys init|status|rotate|new-kek|rewrap\n"
	    "  user add|invite|unlock|show|grant|revoke\n"
	    "  org add|list\n"
	    "  backup [-o FILE] [--force] | backup verify FILE | restore FILE\n"
	    "  purge                   erase what is past its retention period\n"
	    "  audit verify | audit purge [--days N]\n"
	    "  sso key new [--alg RS256|ES256] | list | retire | jwks | check\n"
	    "  app add --name N --redirect-uri U [...] | list | show|secret|disable|enable|delete ID\n"
	    "  gdpr erase [--user ID] | gdpr journal   carry out due erasures; the journal\n"
	    "CONFIG defaults to $PFORTE_CONFIG or %s; DIR to %s/sql.\n",
	    pf_conf_path(), PF_DATADIR);
	exit(2);
}

int
main(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "config", required_argument, NULL, 'c' },
		{ "sql", required_argument, NULL, 's' },
		{ NULL, 0, NULL, 0 },
	};
	const char *sqldir = PF_DATADIR "/sql";
	char err[512];
	int ch, rc;

	pf_log_init("pforte-admin");
	while ((ch = getopt_long(argc, argv, "+c:s:", longopts, NULL)) != -1) {
		if (ch == 'c')
			setenv("PFORTE_CONFIG", optarg, 1);
		else if (ch == 's')
			sqldir = optarg;
		else
			usage();
	}
	argc -= optind;
	argv += optind;
	if (argc < 1)
		usage();
	if (pf_conf_load(pf_conf_path(), err, sizeof(err)) < 0)
		die("%s", err);
	if (mysql_library_init(0, NULL, NULL) != 0)
		die("cannot initialise the MariaDB library");
	connect_admin();
	if (strcmp(argv[0], "migrate") == 0)
		rc = cmd_migrate(sqldir);
	else if (strcmp(argv[0], "grants") == 0)
		rc = cmd_grants(sqldir);
	else if (strcmp(argv[0], "maintenance") == 0)
		rc = cmd_maintenance(argc - 1, argv + 1);
	else if (strcmp(argv[0], "notice") == 0)
		rc = cmd_notice(argc - 1, argv + 1);
	else if (strcmp(argv[0], "keys") == 0)
		rc = cmd_keys(argc - 1, argv + 1);
	else if (strcmp(argv[0], "user") == 0)
		rc = cmd_user(argc - 1, argv + 1);
	else if (strcmp(argv[0], "org") == 0)
		rc = cmd_org(argc - 1, argv + 1);
	else if (strcmp(argv[0], "backup") == 0)
		rc = cmd_backup(argc - 1, argv + 1);
	else if (strcmp(argv[0], "restore") == 0)
		rc = cmd_restore(argc - 1, argv + 1);
	else if (strcmp(argv[0], "purge") == 0)
		rc = cmd_purge(argc - 1, argv + 1);
	else if (strcmp(argv[0], "audit") == 0)
		rc = cmd_audit(argc - 1, argv + 1);
	else if (strcmp(argv[0], "sso") == 0)
		rc = cmd_sso(argc - 1, argv + 1);
	else if (strcmp(argv[0], "app") == 0)
		rc = cmd_app(argc - 1, argv + 1);
	else if (strcmp(argv[0], "gdpr") == 0)
		rc = cmd_gdpr(argc - 1, argv + 1);
	else
		usage();
	mysql_close(m);
	mysql_library_end();
	pf_conf_free();
	return rc;
}
