/*
 * mfa.c: the user's own second factors: the TOTP authenticator (secret
 * sealed under the user's key) and the recovery codes (hashed; shown
 * once, when they are made).
 */
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "pforte.h"

/* Without 0/O and 1/I/L, which people misread when they type codes in. */
static const char recovery_alphabet[] = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
#define RECOVERY_CHARS	10	/* about 49 bits each */

static enum pf_dberr
load(struct pf_db *db, struct pf_pool *p, unsigned long long user, struct pf_rows *rows)
{
	return pf_db_query(db, p, PF_SQL_TOTP_GET, PF_ARGS(PF_INT((long long)user)), rows);
}

static enum pf_dberr
open_secret(struct pf_db *db, struct pf_pool *p, const struct pf_rows *rows,
    unsigned char secret[PF_TOTP_SECRET_LEN])
{
	struct pf_val out;
	unsigned long long id = (unsigned long long)PF_CELL(rows, 0, 0)->i;

	if (pf_open(db, p, PF_AT("totp", "secret_enc", id), PF_CELL(rows, 0, 1), &out) !=
	    PF_C_OK || out.type != PF_V_STR || out.len != PF_TOTP_SECRET_LEN)
		return PF_DB_ERROR;
	memcpy(secret, out.s, PF_TOTP_SECRET_LEN);
	return PF_DB_OK;
}

enum pf_dberr
pf_totp_pending(struct pf_db *db, struct pf_pool *p, unsigned long long user,
    unsigned char secret[PF_TOTP_SECRET_LEN])
{
	struct pf_rows rows;
	unsigned long long id;
	struct pf_val ct;
	enum pf_dberr e;

	if ((e = load(db, p, user, &rows)) != PF_DB_OK)
		return e;
	if (rows.n == 1)
		return PF_CELL(&rows, 0, 2)->i ? PF_DB_ERROR : open_secret(db, p, &rows, secret);
	pf_totp_secret_new(secret);
	e = pf_db_exec(db, PF_SQL_TOTP_INSERT, PF_ARGS(PF_INT((long long)user)), NULL, &id);
	if (e != PF_DB_OK)
		return e;
	if (pf_seal(db, p, PF_KS_USER, user, PF_AT("totp", "secret_enc", id), secret,
	    PF_TOTP_SECRET_LEN, &ct) != PF_C_OK)
		return PF_DB_ERROR;
	return pf_db_exec(db, PF_SQL_TOTP_SEAL, PF_ARGS(ct, PF_INT((long long)id)), NULL, NULL);
}

enum pf_dberr
pf_totp_use(struct pf_db *db, struct pf_pool *p, unsigned long long user, int confirm,
    const char *code, int *ok)
{
	unsigned char secret[PF_TOTP_SECRET_LEN];
	struct pf_rows rows;
	unsigned long long n = 0;
	long long step = 0;
	enum pf_dberr e;

	*ok = 0;
	if ((e = load(db, p, user, &rows)) != PF_DB_OK || rows.n != 1 ||
	    PF_CELL(&rows, 0, 2)->i != !confirm)
		return e;
	if ((e = open_secret(db, p, &rows, secret)) != PF_DB_OK)
		return e;
	if (pf_totp_check(secret, sizeof(secret), (long long)time(NULL), code,
	    PF_CELL(&rows, 0, 3)->i, &step) == 1)
		e = pf_db_exec(db, PF_SQL_TOTP_STEP, PF_ARGS(PF_INT(step),
		    PF_INT((long long)user), PF_INT(!confirm), PF_INT(step)), &n, NULL);
	pf_wipe(secret, sizeof(secret));
	*ok = e == PF_DB_OK && n == 1;
	return e;
}

enum pf_dberr
pf_totp_enrolled(struct pf_db *db, unsigned long long user, int *yes)
{
	struct pf_pool *p = pf_pool_new();
	struct pf_rows rows;
	enum pf_dberr e = load(db, p, user, &rows);

	*yes = e == PF_DB_OK && rows.n == 1 && PF_CELL(&rows, 0, 2)->i;
	pf_pool_free(p);
	return e;
}

/* Upper case, without the dash and spaces people copy along. */
static int
recovery_hash(unsigned long long user, const char *code, unsigned char out[32])
{
	char norm[RECOVERY_CHARS + 1], buf[96];
	unsigned int n = 32;
	size_t k = 0;
	int len;

	for (; *code; code++) {
		if (*code == '-' || *code == ' ')
			continue;
		if (k == RECOVERY_CHARS || !strchr(recovery_alphabet,
		    toupper((unsigned char)*code)))
			return -1;
		norm[k++] = (char)toupper((unsigned char)*code);
	}
	if (k != RECOVERY_CHARS)
		return -1;
	norm[k] = '\0';
	len = snprintf(buf, sizeof(buf), "pforte/recovery/v1|%llu|%s", user, norm);
	if (len < 0 || (size_t)len >= sizeof(buf) ||
	    EVP_Digest(buf, (size_t)len, out, &n, EVP_sha256(), NULL) != 1)
		abort();
	pf_wipe(buf, sizeof(buf));
	pf_wipe(norm, sizeof(norm));
	return 0;
}

enum pf_dberr
pf_recovery_new(struct pf_db *db, struct pf_pool *p, unsigned long long user,
    char *codes[PF_RECOVERY_CODES])
{
	unsigned char rnd[RECOVERY_CHARS], hash[32];
	char *c;
	size_t i, k;
	enum pf_dberr e;

	e = pf_db_exec(db, PF_SQL_REC_DELETE, PF_ARGS(PF_INT((long long)user)), NULL, NULL);
	for (i = 0; e == PF_DB_OK && i < PF_RECOVERY_CODES; i++) {
		c = codes[i] = pf_palloc(p, RECOVERY_CHARS + 2);
		for (k = 0; k < RECOVERY_CHARS; k++) {
			/* 31 symbols: reject 248..255 for uniformity. */
			do {
				if (RAND_bytes(&rnd[k], 1) != 1)
					abort();
			} while (rnd[k] >= 248);
			*c++ = recovery_alphabet[rnd[k] % 31];
			if (k == RECOVERY_CHARS / 2 - 1)
				*c++ = '-';
		}
		*c = '\0';
		if (recovery_hash(user, codes[i], hash) != 0)
			abort();
		e = pf_db_exec(db, PF_SQL_REC_INSERT, PF_ARGS(PF_INT((long long)user),
		    PF_BLOB((const char *)hash, sizeof(hash))), NULL, NULL);
	}
	pf_wipe(rnd, sizeof(rnd));
	return e;
}

enum pf_dberr
pf_recovery_use(struct pf_db *db, unsigned long long user, const char *code, int *ok)
{
	unsigned char hash[32];
	unsigned long long n = 0;
	enum pf_dberr e;

	*ok = 0;
	if (recovery_hash(user, code, hash) != 0)
		return PF_DB_OK;
	e = pf_db_exec(db, PF_SQL_REC_USE, PF_ARGS(PF_INT((long long)user),
	    PF_BLOB((const char *)hash, sizeof(hash))), &n, NULL);
	*ok = e == PF_DB_OK && n == 1;
	return e;
}

enum pf_dberr
pf_recovery_left(struct pf_db *db, unsigned long long user, long long *left)
{
	struct pf_pool *p = pf_pool_new();
	struct pf_rows rows;
	enum pf_dberr e;

	e = pf_db_query(db, p, PF_SQL_REC_LEFT, PF_ARGS(PF_INT((long long)user)), &rows);
	*left = e == PF_DB_OK && rows.n == 1 ? PF_CELL(&rows, 0, 0)->i : 0;
	pf_pool_free(p);
	return e;
}
