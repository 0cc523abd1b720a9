/*
 * ssosign: signs the claims on stdin (one JSON object) with the portal's
 * active SSO key, as the token program signs an ID token, and prints the
 * compact JWS: tests/integ/sso-logout.test makes its id_token_hint with
 * it.  The configuration comes from $PFORTE_CONFIG; it connects as
 * DB.Account.admin.
 */
#include <stdio.h>
#include <stdlib.h>

#include "pforte.h"

int
main(void)
{
	struct pf_db *db;
	struct pf_pool *p;
	struct pf_sigkeys ks;
	char err[512], claims[8192], *tok;
	size_t n;

	pf_log_init("ssosign");
	if (pf_conf_load(pf_conf_path(), err, sizeof(err)) < 0) {
		fprintf(stderr, "ssosign: %s\n", err);
		return 2;
	}
	n = fread(claims, 1, sizeof(claims) - 1, stdin);
	claims[n] = '\0';
	db = pf_db_new("admin", NULL, 0);
	p = pf_pool_new();
	if (pf_db_ensure(db) != PF_DB_OK || pf_sigkeys_load(db, p, &ks) < 0 || ks.sign == NULL ||
	    (tok = pf_jwt_sign(ks.sign, NULL, claims)) == NULL) {
		fprintf(stderr, "ssosign: no token\n");
		return 1;
	}
	printf("%s\n", tok);
	free(tok);
	pf_sigkeys_drop();
	pf_pool_free(p);
	pf_db_free(db);
	return 0;
}
