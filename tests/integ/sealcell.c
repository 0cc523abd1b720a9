/*
 * sealcell: seal or open one value as the programs do, for the retention
 * test (tests/integ/retention.test), which plants old rows with addresses
 * and checks what purge left of them.
 *
 *   sealcell seal user|system OWNER TABLE COLUMN ROW VALUE   prints the hex
 *   sealcell open TABLE COLUMN ROW HEX                       prints the value
 *
 * Sealing uses the active key of (scope, owner) with the AAD
 * TABLE.COLUMN.ROW, inside a transaction, as pf_seal wants.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pforte.h"

static int
unhex(const char *h, unsigned char *out, size_t *n)
{
	size_t i, len = strlen(h);
	unsigned x;

	if (len % 2 != 0)
		return -1;
	for (i = 0; i < len / 2; i++) {
		if (sscanf(h + 2 * i, "%2x", &x) != 1)
			return -1;
		out[i] = (unsigned char)x;
	}
	*n = len / 2;
	return 0;
}

int
main(int argc, char *argv[])
{
	struct pf_db *db;
	struct pf_pool *p;
	struct pf_val in, out;
	unsigned char *buf;
	char err[512];
	size_t i, n;
	enum pf_cerr c;
	int rc = 1;

	if (!((argc == 8 && strcmp(argv[1], "seal") == 0) ||
	    (argc == 6 && strcmp(argv[1], "open") == 0))) {
		fprintf(stderr, "usage: sealcell seal user|system OWNER TABLE COLUMN ROW VALUE\n"
		    "       sealcell open TABLE COLUMN ROW HEX\n");
		return 2;
	}
	pf_log_init("sealcell");
	if (pf_conf_load(pf_conf_path(), err, sizeof(err)) < 0) {
		fprintf(stderr, "sealcell: %s\n", err);
		return 2;
	}
	db = pf_db_new("admin", NULL, 0);
	p = pf_pool_new();
	if (pf_db_ensure(db) != PF_DB_OK)
		fprintf(stderr, "sealcell: no database\n");
	else if (strcmp(argv[1], "seal") == 0) {
		c = PF_C_DB;
		if (pf_db_begin(db) == PF_DB_OK)
			c = pf_seal(db, p, strcmp(argv[2], "system") == 0 ? PF_KS_SYSTEM :
			    PF_KS_USER, strtoull(argv[3], NULL, 10), PF_AT(argv[4], argv[5],
			    strtoull(argv[6], NULL, 10)), argv[7], strlen(argv[7]), &out);
		if (c == PF_C_OK && pf_db_commit(db) == PF_DB_OK) {
			for (i = 0; i < out.len; i++)
				printf("%02X", (unsigned char)out.s[i]);
			putchar('\n');
			rc = 0;
		} else {
			pf_db_rollback(db);
			fprintf(stderr, "sealcell: %s\n", pf_crypt_strerror(c));
		}
	} else {
		buf = pf_palloc(p, strlen(argv[5]) / 2 + 1);
		if (unhex(argv[5], buf, &n) < 0)
			fprintf(stderr, "sealcell: not hex\n");
		else {
			in = PF_BLOB((const char *)buf, n);
			c = pf_open(db, p, PF_AT(argv[2], argv[3], strtoull(argv[4], NULL, 10)),
			    &in, &out);
			if (c == PF_C_OK && out.type == PF_V_STR) {
				printf("%s\n", out.s);
				rc = 0;
			} else
				fprintf(stderr, "sealcell: %s\n", pf_crypt_strerror(c));
		}
	}
	pf_db_free(db);
	pf_pool_free(p);
	return rc;
}
