/*
 * sigkeyload: a long-lived process holding the SSO signing keys the way a
 * program does (lib/sigkeys.c), for tests/integ/ssokeys.test.
 *
 * Reads commands from stdin, one per line, and answers each with one line:
 *
 *   load   pf_sigkeys_load, then
 *          "sign KID@PTR pub KID@PTR KID@PTR ..." (sign "-" when none),
 *          PTR being the parsed key object: the same PTR after a reload
 *          means the key was not parsed again
 *   token  a token signed with the signing key, verified against the
 *          published set: "verified KID" or "failed ERROR"
 *
 * The configuration comes from $PFORTE_CONFIG; it connects as
 * DB.Account.admin.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include <jansson.h>

#include "pforte.h"

static void
answer_load(const struct pf_sigkeys *ks)
{
	size_t i;

	if (ks->sign != NULL)
		printf("sign %s@%p pub", ks->sign->kid, ks->sign->pkey);
	else
		printf("sign - pub");
	for (i = 0; i < ks->npub; i++)
		printf(" %s@%p", ks->pub[i].kid, ks->pub[i].pkey);
	printf("\n");
}

static void
answer_token(const struct pf_sigkeys *ks)
{
	static const enum pf_jwa allowed[] = { PF_JWA_RS256, PF_JWA_ES256, PF_JWA_NONE };
	long long now = (long long)time(NULL);
	void *claims = NULL;
	enum pf_jwt_err e;
	char body[96], *tok;

	if (ks->sign == NULL) {
		printf("failed no signing key\n");
		return;
	}
	snprintf(body, sizeof(body), "{\"iss\":\"t\",\"aud\":\"t\",\"exp\":%lld}", now + 60);
	if ((tok = pf_jwt_sign(ks->sign, NULL, body)) == NULL) {
		printf("failed signing\n");
		return;
	}
	e = pf_jwt_verify(tok, ks->pub, ks->npub, allowed, &claims);
	if (e == PF_JWT_OK)
		printf("verified %s\n", ks->sign->kid);
	else
		printf("failed %s\n", pf_jwt_strerror(e));
	if (claims != NULL)
		json_decref(claims);
	free(tok);
}

int
main(void)
{
	struct pf_db *db;
	struct pf_pool *p;
	struct pf_sigkeys ks;
	char err[512], line[64];

	pf_log_init("sigkeyload");
	if (pf_conf_load(pf_conf_path(), err, sizeof(err)) < 0) {
		fprintf(stderr, "sigkeyload: %s\n", err);
		return 2;
	}
	db = pf_db_new("admin", NULL, 0);
	p = pf_pool_new();
	setvbuf(stdout, NULL, _IOLBF, 0);
	while (fgets(line, sizeof(line), stdin) != NULL) {
		pf_pool_reset(p);	/* as a program does per request */
		if (pf_db_ensure(db) != PF_DB_OK || pf_sigkeys_load(db, p, &ks) < 0) {
			printf("error\n");
			continue;
		}
		if (strcmp(line, "load\n") == 0)
			answer_load(&ks);
		else if (strcmp(line, "token\n") == 0)
			answer_token(&ks);
		else
			printf("unknown command\n");
	}
	pf_sigkeys_drop();
	pf_pool_free(p);
	pf_db_free(db);
	return 0;
}
