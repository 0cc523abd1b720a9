/*
 * pforte-admin: the operator's command line.
 *
 *   migrate      apply the numbered migrations in sql/ that are missing
 *   grants       create each program's MariaDB account with only its grants
 *   maintenance  add | list | delete maintenance windows
 *   notice       add | list | delete security notices
 *
 * It connects with the migration account DB.Account.admin.  Migrations are
 * trusted files shipped with the portal, so they run as text; everything
 * built from command-line arguments is bound to prepared statements.
 */
#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>

#include <mysql.h>
#include <openssl/evp.h>

#include "pforte.h"

#ifndef PF_DATADIR
#define PF_DATADIR "/usr/share/pforte"
#endif

static MYSQL *m;

static void die(const char *, ...) __attribute__((noreturn, format(printf, 1, 2)));
static void usage(void) __attribute__((noreturn));

static void
die(const char *fmt, ...)
{
	va_list ap;

	fputs("pforte-admin: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

static void
connect_admin(void)
{
	const char *host = pf_conf_str("DB.Host"), *sock = pf_conf_str("DB.Socket"),
	    *user = pf_conf_str("DB.Account.admin.User"), *ca = pf_conf_str("DB.TLS.CA");
	unsigned int timeout = (unsigned int)pf_conf_int("DB.ConnectTimeout");
	my_bool verify = 1;

	if ((m = mysql_init(NULL)) == NULL)
		die("out of memory");
	mysql_optionsv(m, MYSQL_OPT_CONNECT_TIMEOUT, &timeout);
	mysql_optionsv(m, MYSQL_SET_CHARSET_NAME, "utf8mb4");
	mysql_optionsv(m, MYSQL_INIT_COMMAND, "SET time_zone = '+00:00'");
	if (*host && *ca) {
		mysql_optionsv(m, MYSQL_OPT_SSL_CA, ca);
		mysql_optionsv(m, MYSQL_OPT_SSL_VERIFY_SERVER_CERT, &verify);
	}
	if (mysql_real_connect(m, *host ? host : NULL, *user ? user : "pf_admin",
	    pf_conf_str("DB.Account.admin.Password"), pf_conf_str("DB.Name"),
	    (unsigned)pf_conf_int("DB.Port"), *host ? NULL : (*sock ? sock : NULL), 0) == NULL)
		die("cannot connect to the database: %s", mysql_error(m));
}

static void
query(const char *sql)
{
	if (mysql_real_query(m, sql, strlen(sql)) != 0)
		die("%s\n  in: %.200s", mysql_error(m), sql);
}

/* Run a prepared statement with string parameters (NULL binds SQL NULL). */
static unsigned long long
prepared(const char *sql, const char *const *args, size_t n)
{
	MYSQL_STMT *st = mysql_stmt_init(m);
	MYSQL_BIND b[16];
	unsigned long lens[16];
	unsigned long long affected;
	size_t i;

	if (st == NULL || n > 16)
		die("out of memory");
	memset(b, 0, sizeof(b));
	for (i = 0; i < n; i++) {
		if (args[i] == NULL) {
			b[i].buffer_type = MYSQL_TYPE_NULL;
			continue;
		}
		lens[i] = strlen(args[i]);
		b[i].buffer_type = MYSQL_TYPE_STRING;
		b[i].buffer = (void *)(uintptr_t)args[i];
		b[i].buffer_length = lens[i];
		b[i].length = &lens[i];
	}
	if (mysql_stmt_prepare(st, sql, strlen(sql)) != 0 ||
	    (n && mysql_stmt_bind_param(st, b) != 0) || mysql_stmt_execute(st) != 0)
		die("%s", mysql_stmt_error(st));
	affected = mysql_stmt_affected_rows(st);
	mysql_stmt_close(st);
	return affected;
}

static char *
slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	struct pf_buf b = { 0 };
	char chunk[8192];
	size_t k;

	if (f == NULL)
		die("cannot open %s: %s", path, strerror(errno));
	while ((k = fread(chunk, 1, sizeof(chunk), f)) > 0)
		pf_buf_add(&b, chunk, k);
	fclose(f);
	pf_buf_add(&b, "", 0);
	*len = b.len;
	return b.data;
}

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

static int
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

static int
cmd_grants(const char *sqldir)
{
	char path[4096];

	snprintf(path, sizeof(path), "%s/grants.sql", sqldir);
	run_file(path);
	pf_conf_each("DB.Account", set_password, NULL);
	return 0;
}

static int
cmd_list(const char *sql)
{
	MYSQL_RES *res;
	MYSQL_ROW row;
	unsigned i, n;

	query(sql);
	if ((res = mysql_store_result(m)) == NULL)
		return 0;
	n = mysql_num_fields(res);
	while ((row = mysql_fetch_row(res)) != NULL)
		for (i = 0; i < n; i++)
			printf("%s%c", row[i] ? row[i] : "-", i + 1 < n ? '\t' : '\n');
	mysql_free_result(res);
	return 0;
}

/* Parse --key value options into the slots named in keys[]. */
static void
options(int argc, char **argv, const char *const *keys, const char **vals, size_t n)
{
	int i;
	size_t k;

	for (i = 0; i < argc; i++) {
		for (k = 0; k < n; k++)
			if (strncmp(argv[i], "--", 2) == 0 && strcmp(argv[i] + 2, keys[k]) == 0)
				break;
		if (k == n || i + 1 >= argc)
			die("unknown or incomplete option %s", argv[i]);
		vals[k] = argv[++i];
	}
}

static int
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

static int
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

static void
usage(void)
{
	fprintf(stderr, "usage: pforte-admin [-c CONFIG] [--sql DIR] COMMAND ...\n"
	    "  migrate                 apply missing migrations\n"
	    "  grants                  create program accounts and their grants\n"
	    "  maintenance add|list|delete\n"
	    "  notice add|list|delete\n"
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
	else
		usage();
	mysql_close(m);
	mysql_library_end();
	pf_conf_free();
	return rc;
}
