/*
 * token.c: one-time links (magic link, password reset, account setup,
 * address verification, the "not you?" link of a sign-in notice).
 * 256-bit tokens, stored as SHA-256, single use, short-lived; a newer
 * token of the same kind retires the older ones.
 * Using one is a single compare-and-set UPDATE, so two clicks racing on
 * the same link sign in at most once.
 */
#include "pforte.h"

static const char *const kinds[] = {
	[PF_TOK_MAGIC] = "magic",
	[PF_TOK_RESET] = "reset",
	[PF_TOK_SETUP] = "setup",
	[PF_TOK_VERIFY] = "verify",
	[PF_TOK_SECURE] = "secure",
};

static enum pf_dberr
issue(struct pf_db *db, struct pf_pool *p, enum pf_tok kind, unsigned long long user,
    long minutes, const char *next, char **text, unsigned long long *id)
{
	unsigned char raw[PF_TOKEN_BYTES], hash[32];
	char t[PF_TOKEN_CHARS + 1];
	enum pf_dberr e;

	e = pf_db_exec(db, PF_SQL_TOK_INVALIDATE, PF_ARGS(PF_INT((long long)user),
	    PF_STR(kinds[kind])), NULL, NULL);
	if (e != PF_DB_OK)
		return e;
	pf_token_new(raw, t);
	pf_token_digest(raw, hash);
	pf_wipe(raw, sizeof(raw));
	if (next == NULL || !pf_local_path(next))
		next = "";
	e = pf_db_exec(db, PF_SQL_TOK_INSERT, PF_ARGS(PF_STR(kinds[kind]),
	    PF_BLOB((const char *)hash, sizeof(hash)), PF_INT((long long)user), PF_STR(next),
	    PF_INT(minutes)), NULL, id);
	if (e == PF_DB_OK)
		*text = pf_pstrdup(p, t);
	pf_wipe(t, sizeof(t));
	return e;
}

enum pf_dberr
pf_token_issue(struct pf_db *db, struct pf_pool *p, enum pf_tok kind,
    unsigned long long user, long minutes, const char *next, char **text)
{
	unsigned long long id;

	return issue(db, p, kind, user, minutes, next, text, &id);
}

enum pf_dberr
pf_token_issue_data(struct pf_db *db, struct pf_pool *p, enum pf_tok kind,
    unsigned long long user, long minutes, const char *data, char **text)
{
	unsigned long long id;
	struct pf_val v;
	enum pf_dberr e;

	if ((e = issue(db, p, kind, user, minutes, NULL, text, &id)) != PF_DB_OK)
		return e;
	if (pf_seal(db, p, PF_KS_USER, user, PF_AT("auth_tokens", "data_enc", id), data,
	    strlen(data), &v) != PF_C_OK)
		return PF_DB_ERROR;
	return pf_db_exec(db, PF_SQL_TOK_DATA, PF_ARGS(v, PF_INT((long long)id)), NULL, NULL);
}

static enum pf_dberr
lookup(struct pf_db *db, struct pf_pool *p, unsigned id, enum pf_tok kind,
    const unsigned char hash[32], unsigned long long *user, const char **next)
{
	struct pf_rows rows;
	enum pf_dberr e;

	e = pf_db_query(db, p, id, PF_ARGS(PF_BLOB((const char *)hash, 32),
	    PF_STR(kinds[kind])), &rows);
	if (e == PF_DB_OK && rows.n == 1) {
		*user = (unsigned long long)PF_CELL(&rows, 0, 0)->i;
		if (next != NULL)
			*next = PF_CELL(&rows, 0, 1)->s;
	}
	return e;
}

enum pf_dberr
pf_token_peek(struct pf_db *db, struct pf_pool *p, enum pf_tok kind, const char *text,
    unsigned long long *user)
{
	unsigned char hash[32];

	*user = 0;
	if (text == NULL || pf_token_hash(text, hash) != 0)
		return PF_DB_OK;
	return lookup(db, p, PF_SQL_TOK_PEEK, kind, hash, user, NULL);
}

enum pf_dberr
pf_token_redeem(struct pf_db *db, struct pf_pool *p, enum pf_tok kind, const char *text,
    unsigned long long *user, const char **next)
{
	unsigned char hash[32];
	unsigned long long n = 0;
	enum pf_dberr e;

	*user = 0;
	*next = "";
	if (text == NULL || pf_token_hash(text, hash) != 0)
		return PF_DB_OK;
	e = pf_db_exec(db, PF_SQL_TOK_USE, PF_ARGS(PF_BLOB((const char *)hash, 32),
	    PF_STR(kinds[kind])), &n, NULL);
	if (e != PF_DB_OK || n != 1)
		return e;
	return lookup(db, p, PF_SQL_TOK_GET, kind, hash, user, next);
}

enum pf_dberr
pf_token_redeem_data(struct pf_db *db, struct pf_pool *p, enum pf_tok kind,
    const char *text, unsigned long long *user, const char **data)
{
	unsigned char hash[32];
	struct pf_rows rows;
	struct pf_val v;
	const char *next;
	enum pf_dberr e;

	*data = NULL;
	if ((e = pf_token_redeem(db, p, kind, text, user, &next)) != PF_DB_OK || *user == 0)
		return e;
	if (pf_token_hash(text, hash) != 0)
		return PF_DB_ERROR;
	e = pf_db_query(db, p, PF_SQL_TOK_DATA_GET, PF_ARGS(PF_BLOB((const char *)hash, 32),
	    PF_STR(kinds[kind])), &rows);
	if (e != PF_DB_OK)
		return e;
	if (rows.n == 1 && pf_open(db, p, PF_AT("auth_tokens", "data_enc",
	    (unsigned long long)PF_CELL(&rows, 0, 0)->i), PF_CELL(&rows, 0, 1), &v) == PF_C_OK &&
	    v.type == PF_V_STR)
		*data = v.s;
	return PF_DB_OK;
}
