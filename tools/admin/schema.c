/*
 * schema.c: `migrate` applies the numbered migrations in sql/ that are
 * missing; `grants` creates each program's MariaDB account with only its
 * grants.  Migrations are trusted files shipped with the portal, so they
 * run as text.
 */
#include <dirent.h>
#include <errno.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>

#include <openssl/evp.h>

#include "admin.h"

/* Statements in our SQL files end with ';' at the end of a line; lines
 * starting with "--" are comments.  Each statement runs on its own, so
 * the connection never needs multi-statement mode. */
static void
run_file(const char *path)
{
	size_t len;
	char *text = slurp(path, &len), *line, *save = NULL;
	struct pf_buf stmt = { 0 };
	size_t n;

	for (line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		while (*line == ' ' || *line == '\t')
			line++;
		if (strncmp(line, "--", 2) == 0 || *line == '\0')
			continue;
		pf_buf_adds(&stmt, line);
		pf_buf_adds(&stmt, "\n");
		n = strlen(line);
		while (n && (line[n - 1] == ' ' || line[n - 1] == '\r'))
			n--;
		if (n && line[n - 1] == ';') {
			query(stmt.data);
			pf_buf_reset(&stmt);
		}
	}
	if (stmt.len)
		die("%s: last statement lacks its ';'", path);
	pf_buf_free(&stmt);
	free(text);
}

static void
sha256_hex(const char *path, char out[65])
{
	unsigned char md[32];
	unsigned int mdlen = 0, i;
	size_t len;
	char *text = slurp(path, &len);

	EVP_Digest(text, len, md, &mdlen, EVP_sha256(), NULL);
	for (i = 0; i < 32; i++)
		snprintf(out + 2 * i, 3, "%02x", md[i]);
	free(text);
}

static int
is_migration(const struct dirent *d)
{
	regex_t re;
	int ok;

	regcomp(&re, "^[0-9]{3}_[a-z0-9_]+\\.sql$", REG_EXTENDED | REG_NOSUB);
	ok = regexec(&re, d->d_name, 0, NULL, 0) == 0;
	regfree(&re);
	return ok;
}

int
cmd_migrate(const char *sqldir)
{
	struct dirent **list;
	char path[4096], sum[65], ver[8], *known;
	MYSQL_RES *res;
	MYSQL_ROW row;
	int n, i, applied = 0;

	query("CREATE TABLE IF NOT EXISTS schema_migrations ("
	    "version INT UNSIGNED NOT NULL PRIMARY KEY, name VARCHAR(200) NOT NULL, "
	    "checksum CHAR(64) NOT NULL, applied_at DATETIME(6) NOT NULL "
	    "DEFAULT UTC_TIMESTAMP(6)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4");
	/* Two nodes migrating at once would apply a file twice. */
	query("DO GET_LOCK('pforte_migrate', 60)");
	if ((n = scandir(sqldir, &list, is_migration, alphasort)) < 0)
		die("cannot read %s: %s", sqldir, strerror(errno));
	for (i = 0; i < n; i++) {
		snprintf(path, sizeof(path), "%s/%s", sqldir, list[i]->d_name);
		snprintf(ver, sizeof(ver), "%.3s", list[i]->d_name);
		sha256_hex(path, sum);
		/* ver is three digits, checked by is_migration(). */
		snprintf(path, sizeof(path), "SELECT checksum FROM schema_migrations "
		    "WHERE version = %d", atoi(ver));
		query(path);
		res = mysql_store_result(m);
		row = res ? mysql_fetch_row(res) : NULL;
		known = row && row[0] ? pf_xstrdup(row[0]) : NULL;
		mysql_free_result(res);
		snprintf(path, sizeof(path), "%s/%s", sqldir, list[i]->d_name);
		if (known != NULL) {
			if (strcmp(known, sum) != 0)
				die("%s was changed after it was applied; "
				    "add a new migration instead", list[i]->d_name);
			free(known);
			free(list[i]);
			continue;
		}
		printf("applying %s\n", list[i]->d_name);
		run_file(path);
		prepared("INSERT INTO schema_migrations (version, name, checksum) "
		    "VALUES (?, ?, ?)", (const char *[]){ ver, list[i]->d_name, sum }, 3);
		applied++;
		free(list[i]);
	}
	free(list);
	query("DO RELEASE_LOCK('pforte_migrate')");
	printf("migrations: %d applied, %d already present\n", applied, n - applied);
	return 0;
}

static void
set_password(const char *name, const char *value, void *arg)
{
	char key[160], user[128], *esc, *sql;
	const char *u, *pw;
	int rc;

	if (strcmp(name, "admin") == 0)
		return;
	snprintf(key, sizeof(key), "DB.Account.%s.User", name);
	u = pf_conf_str(key);
	snprintf(user, sizeof(user), "%s", *u ? u : "");
	if (!*u)
		snprintf(user, sizeof(user), "pf_%s", name);
	snprintf(key, sizeof(key), "DB.Account.%s.Password", name);
	pw = pf_conf_str(key);
	if (strlen(pw) < 16)
		die("%s: a password of at least 16 characters is required", key);
	/* Account statements take no placeholders in MariaDB: the one place
	 * where SQL is built from values.  The name is restricted to
	 * [A-Za-z0-9_], the password is escaped, and neither the statement
	 * nor the password ever appears in a message. */
	if (strspn(user, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_")
	    != strlen(user) || strlen(user) > 64)
		die("%s: a user name may only hold letters, digits and _", key);
	esc = pf_xmalloc(2 * strlen(pw) + 1);
	mysql_real_escape_string(m, esc, pw, strlen(pw));
	sql = pf_xmalloc(strlen(esc) + 200);
	snprintf(sql, strlen(esc) + 200, "ALTER USER '%s'@'localhost' IDENTIFIED BY '%s'", user, esc);
	rc = mysql_real_query(m, sql, strlen(sql));
	pf_wipe(sql, strlen(sql));
	pf_wipe(esc, strlen(esc));
	free(sql);
	free(esc);
	if (rc != 0)
		die("cannot set the password of %s: error %u", user, mysql_errno(m));
	printf("password set for %s\n", user);
}

int
cmd_grants(const char *sqldir)
{
	char path[4096];

	snprintf(path, sizeof(path), "%s/grants.sql", sqldir);
	run_file(path);
	pf_conf_each("DB.Account", set_password, NULL);
	return 0;
}

