/*
 * code.c: six-digit codes sent by e-mail or SMS as the second factor.
 *
 * A code belongs to the session that asked for it, so a code read from
 * somebody's mailbox is useless in another browser; it is stored as a
 * hash bound to that session, used once and expires after
 * Auth.Code.Minutes.  Guessing is bounded by the code throttle (the
 * caller's), not by the code's size.
 */
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <stdio.h>
#include <stdlib.h>

#include "pforte.h"

static void
code_hash(unsigned long long session, const char *channel, const char *code,
    unsigned char out[32])
{
	char buf[128];
	unsigned int n = 32;
	int len;

	len = snprintf(buf, sizeof(buf), "pforte/code/v1|%llu|%s|%s", session, channel, code);
	if (len < 0 || (size_t)len >= sizeof(buf) ||
	    EVP_Digest(buf, (size_t)len, out, &n, EVP_sha256(), NULL) != 1)
		abort();
	pf_wipe(buf, sizeof(buf));
}

static int
six_digits(const char *s)
{
	return strlen(s) == 6 && strspn(s, "0123456789") == 6;
}

enum pf_dberr
pf_code_issue(struct pf_db *db, unsigned long long session, const char *channel,
    char code[7])
{
	unsigned char hash[32];
	uint32_t v;
	enum pf_dberr e;

	/* Uniform over 000000..999999: reject the top of the 32-bit range. */
	do {
		if (RAND_bytes((unsigned char *)&v, sizeof(v)) != 1)
			abort();
	} while (v >= 4294000000U);
	snprintf(code, 7, "%06u", (unsigned)(v % 1000000U));
	code_hash(session, channel, code, hash);
	e = pf_db_exec(db, PF_SQL_CODE_CLEAR, PF_ARGS(PF_INT((long long)session),
	    PF_STR(channel)), NULL, NULL);
	if (e == PF_DB_OK)
		e = pf_db_exec(db, PF_SQL_CODE_INSERT, PF_ARGS(PF_INT((long long)session),
		    PF_STR(channel), PF_BLOB((const char *)hash, sizeof(hash)),
		    PF_INT(pf_conf_int("Auth.Code.Minutes"))), NULL, NULL);
	return e;
}

enum pf_dberr
pf_code_use(struct pf_db *db, unsigned long long session, const char *channel,
    const char *code, int *ok)
{
	unsigned char hash[32];
	unsigned long long n = 0;
	enum pf_dberr e;

	*ok = 0;
	if (!six_digits(code))
		return PF_DB_OK;
	code_hash(session, channel, code, hash);
	e = pf_db_exec(db, PF_SQL_CODE_USE, PF_ARGS(PF_INT((long long)session),
	    PF_STR(channel), PF_BLOB((const char *)hash, sizeof(hash))), &n, NULL);
	*ok = e == PF_DB_OK && n == 1;
	return e;
}
