/*
 * notices.c: what the status page shows: maintenance windows and
 * security notices (add | list | delete).  Everything built from
 * command-line arguments is bound to prepared statements.
 */
#include <stdio.h>

#include "admin.h"

int
cmd_maintenance(int argc, char **argv)
{
	static const char *const keys[] = { "start", "end", "title-de", "title-en",
	    "body-de", "body-en" };
	const char *v[6] = { NULL, NULL, NULL, NULL, "", "" };

	if (argc >= 1 && strcmp(argv[0], "list") == 0)
		return cmd_list("SELECT id, starts_at, ends_at, title_de, title_en "
		    "FROM maintenance_windows ORDER BY starts_at");
	if (argc == 2 && strcmp(argv[0], "delete") == 0) {
		if (prepared("DELETE FROM maintenance_windows WHERE id = ?", (const char *[]){ argv[1] }, 1) == 0)
			die("no maintenance window %s", argv[1]);
		return 0;
	}
	if (argc < 1 || strcmp(argv[0], "add") != 0)
		die("usage: maintenance add --start 'YYYY-MM-DD HH:MM' --end ... "
		    "--title-de ... --title-en ... [--body-de ...] [--body-en ...] | list | delete ID");
	options(argc - 1, argv + 1, keys, v, 6);
	if (!v[0] || !v[1] || !v[2] || !v[3])
		die("maintenance add needs --start, --end, --title-de and --title-en (times in UTC)");
	prepared("INSERT INTO maintenance_windows (starts_at, ends_at, title_de, title_en, "
	    "body_de, body_en) VALUES (?, ?, ?, ?, ?, ?)", v, 6);
	printf("maintenance window %llu added\n", (unsigned long long)mysql_insert_id(m));
	return 0;
}

int
cmd_notice(int argc, char **argv)
{
	static const char *const keys[] = { "severity", "title-de", "title-en",
	    "body-de", "body-en", "published", "expires" };
	const char *v[7] = { "info", NULL, NULL, "", "", NULL, NULL };

	if (argc >= 1 && strcmp(argv[0], "list") == 0)
		return cmd_list("SELECT id, published_at, severity, title_de, title_en "
		    "FROM security_notices ORDER BY published_at DESC");
	if (argc == 2 && strcmp(argv[0], "delete") == 0) {
		if (prepared("DELETE FROM security_notices WHERE id = ?", (const char *[]){ argv[1] }, 1) == 0)
			die("no notice %s", argv[1]);
		return 0;
	}
	if (argc < 1 || strcmp(argv[0], "add") != 0)
		die("usage: notice add --severity info|low|medium|high|critical "
		    "--title-de ... --title-en ... [--body-de ...] [--body-en ...] "
		    "[--published TIME] [--expires TIME] | list | delete ID");
	options(argc - 1, argv + 1, keys, v, 7);
	if (!v[1] || !v[2])
		die("notice add needs --title-de and --title-en");
	prepared("INSERT INTO security_notices (severity, title_de, title_en, body_de, "
	    "body_en, published_at, expires_at) VALUES (?, ?, ?, ?, ?, "
	    "COALESCE(?, UTC_TIMESTAMP()), ?)", v, 7);
	printf("notice %llu added\n", (unsigned long long)mysql_insert_id(m));
	return 0;
}

