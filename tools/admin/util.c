/*
 * util.c: small helpers the pforte-admin commands share.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "admin.h"

MYSQL *m;

void
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

void
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

void
check_db(enum pf_dberr e, const char *what)
{
	if (e != PF_DB_OK)
		die("%s: %s", what, pf_db_strerror(e));
}

void
query(const char *sql)
{
	if (mysql_real_query(m, sql, strlen(sql)) != 0)
		die("%s\n  in: %.200s", mysql_error(m), sql);
}

/* Run a prepared statement with string parameters (NULL binds SQL NULL). */
unsigned long long
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

char *
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

int
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
void
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


struct pf_db *
admin_db(void)
{
	static struct pf_db *db;

	if (db == NULL)
		db = pf_db_new("admin", NULL, 0);
	if (pf_db_ensure(db) != PF_DB_OK)
		die("cannot connect to the database as DB.Account.admin");
	return db;
}
