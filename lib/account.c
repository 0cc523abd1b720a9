/*
 * account.c: user accounts, whose personal data exists in the database
 * only sealed under the user's own data key (see sql/003_users.sql).
 *
 * Creating a user is one transaction: insert the bare row (the row id is
 * bound into every ciphertext), create the user's key, seal and store
 * e-mail, name and phone.  Nothing personal is ever written in clear, not
 * even for the moment between the two statements.
 */
#include <ctype.h>
#include <stdlib.h>

#include "pforte.h"

#define EMAIL_MAX	254
#define NAME_MAX_	200
#define PHONE_MAX	32

static const struct pf_field email_field = { "email", PF_F_EMAIL, 3, EMAIL_MAX, 0, 0, NULL, NULL };
static const struct pf_field name_field = { "name", PF_F_LINE, 1, NAME_MAX_, 0, 0, NULL, NULL };

char *
pf_email_normalise(struct pf_pool *p, const char *in)
{
	size_t n;
	char *out, *c;

	while (*in == ' ' || *in == '\t')
		in++;
	n = strlen(in);
	while (n && (in[n - 1] == ' ' || in[n - 1] == '\t'))
		n--;
	out = pf_pstrndup(p, in, n);
	for (c = out; *c; c++)
		if ((unsigned char)*c < 0x80)
			*c = (char)tolower((unsigned char)*c);
	return pf_field_valid(&email_field, out, n) ? out : NULL;
}

static int
phone_ok(const char *s)
{
	size_t n = strlen(s);

	return n <= PHONE_MAX && strspn(s, "+0123456789 ()-/") == n;
}

static enum pf_acc
crypt_fail(enum pf_cerr e)
{
	pf_log(NULL, PF_LOG_ERR, "account: %s", pf_crypt_strerror(e));
	return PF_ACC_FAIL;
}

enum pf_acc
pf_account_create(struct pf_db *db, struct pf_pool *p, const char *email,
    const char *name, const char *phone, const char *lang, unsigned long long *id)
{
	unsigned char bidx[PF_BIDX_LEN];
	struct pf_val e, nm, ph;
	enum pf_cerr ce;
	enum pf_dberr de;
	char *norm;

	if ((norm = pf_email_normalise(p, email)) == NULL ||
	    !pf_field_valid(&name_field, name, strlen(name)) || !phone_ok(phone) ||
	    (strcmp(lang, "de") != 0 && strcmp(lang, "en") != 0))
		return PF_ACC_INVALID;
	if (!pf_db_in_tx(db))
		return PF_ACC_FAIL;
	if (pf_db_exec(db, PF_SQL_USER_INSERT, PF_ARGS(PF_STR(lang)), NULL, id) != PF_DB_OK)
		return PF_ACC_FAIL;
	if ((ce = pf_key_create(db, PF_KS_USER, *id)) != PF_C_OK ||
	    (ce = pf_bidx_write(db, "users.email", norm, strlen(norm), bidx)) != PF_C_OK ||
	    (ce = pf_seal(db, p, PF_KS_USER, *id, PF_AT("users", "email_enc", *id),
	    norm, strlen(norm), &e)) != PF_C_OK ||
	    (ce = pf_seal(db, p, PF_KS_USER, *id, PF_AT("users", "name_enc", *id),
	    name, strlen(name), &nm)) != PF_C_OK)
		return crypt_fail(ce);
	ph = PF_NULL;
	if (*phone && (ce = pf_seal(db, p, PF_KS_USER, *id, PF_AT("users", "phone_enc", *id),
	    phone, strlen(phone), &ph)) != PF_C_OK)
		return crypt_fail(ce);
	de = pf_db_exec(db, PF_SQL_USER_SEAL, PF_ARGS(PF_BLOB((const char *)bidx, sizeof(bidx)),
	    e, nm, ph, PF_INT((long long)*id)), NULL, NULL);
	if (de == PF_DB_DUP)
		return PF_ACC_DUP;
	return de == PF_DB_OK ? PF_ACC_OK : PF_ACC_FAIL;
}

enum pf_acc
pf_account_find(struct pf_db *db, struct pf_pool *p, const char *email,
    unsigned long long *id)
{
	unsigned char bidx[2][PF_BIDX_LEN];
	struct pf_rows r;
	enum pf_cerr ce;
	size_t n;
	char *norm;

	if ((norm = pf_email_normalise(p, email)) == NULL)
		return PF_ACC_INVALID;
	if ((ce = pf_bidx_lookup(db, "users.email", norm, strlen(norm), bidx, &n)) != PF_C_OK)
		return crypt_fail(ce);
	if (n == 1)
		memcpy(bidx[1], bidx[0], PF_BIDX_LEN);
	if (pf_db_query(db, p, PF_SQL_USER_BY_BIDX, PF_ARGS(
	    PF_BLOB((const char *)bidx[0], PF_BIDX_LEN),
	    PF_BLOB((const char *)bidx[1], PF_BIDX_LEN)), &r) != PF_DB_OK)
		return PF_ACC_FAIL;
	if (r.n == 0)
		return PF_ACC_NOTFOUND;
	*id = (unsigned long long)PF_CELL(&r, 0, 0)->i;
	return PF_ACC_OK;
}

enum pf_acc
pf_account_load(struct pf_db *db, struct pf_pool *p, unsigned long long id,
    struct pf_account *a)
{
	static const char *const cols[] = { "email_enc", "name_enc", "phone_enc" };
	struct pf_val out[3];
	struct pf_rows r;
	enum pf_cerr ce;
	size_t i;

	memset(a, 0, sizeof(*a));
	if (pf_db_query(db, p, PF_SQL_USER_BY_ID, PF_ARGS(PF_INT((long long)id)), &r) != PF_DB_OK)
		return PF_ACC_FAIL;
	if (r.n == 0)
		return PF_ACC_NOTFOUND;
	for (i = 0; i < 3; i++)
		if ((ce = pf_open(db, p, PF_AT("users", cols[i], id), PF_CELL(&r, 0, i),
		    &out[i])) != PF_C_OK)
			return crypt_fail(ce);
	if (out[0].type == PF_V_NULL || out[1].type == PF_V_NULL)
		return PF_ACC_FAIL;	/* only inside an unfinished creation */
	a->id = id;
	a->email = out[0].s;
	a->name = out[1].s;
	a->phone = out[2].type == PF_V_NULL ? "" : out[2].s;
	a->lang = PF_CELL(&r, 0, 3)->s;
	a->status = PF_CELL(&r, 0, 4)->s;
	a->org_id = PF_CELL(&r, 0, 5)->type == PF_V_INT ? (unsigned long long)PF_CELL(&r, 0, 5)->i : 0;
	return PF_ACC_OK;
}

enum pf_acc
pf_account_update(struct pf_db *db, struct pf_pool *p, unsigned long long id,
    const char *name, const char *phone)
{
	struct pf_val nm, ph = PF_NULL;
	enum pf_cerr ce;
	unsigned long long affected;

	if (!pf_field_valid(&name_field, name, strlen(name)) || !phone_ok(phone))
		return PF_ACC_INVALID;
	if ((ce = pf_seal(db, p, PF_KS_USER, id, PF_AT("users", "name_enc", id),
	    name, strlen(name), &nm)) != PF_C_OK ||
	    (*phone && (ce = pf_seal(db, p, PF_KS_USER, id, PF_AT("users", "phone_enc", id),
	    phone, strlen(phone), &ph)) != PF_C_OK))
		return ce == PF_C_NOKEY ? PF_ACC_NOTFOUND : crypt_fail(ce);
	if (pf_db_exec(db, PF_SQL_USER_UPDATE, PF_ARGS(nm, ph, PF_INT((long long)id)),
	    &affected, NULL) != PF_DB_OK)
		return PF_ACC_FAIL;
	return affected == 1 ? PF_ACC_OK : PF_ACC_NOTFOUND;
}

enum pf_acc
pf_account_password(struct pf_db *db, struct pf_pool *p, unsigned long long id,
    const char **hash, const char **status)
{
	struct pf_rows rows;
	struct pf_val out;
	enum pf_cerr ce;

	*hash = "";
	if (pf_db_query(db, p, PF_SQL_USER_PW, PF_ARGS(PF_INT((long long)id)), &rows) !=
	    PF_DB_OK)
		return PF_ACC_FAIL;
	if (rows.n != 1)
		return PF_ACC_NOTFOUND;
	*status = PF_CELL(&rows, 0, 1)->s;
	if (PF_CELL(&rows, 0, 0)->type == PF_V_NULL)
		return PF_ACC_OK;
	if ((ce = pf_open(db, p, PF_AT("users", "pw_enc", id), PF_CELL(&rows, 0, 0), &out)) !=
	    PF_C_OK)
		return crypt_fail(ce);
	*hash = out.s;
	return PF_ACC_OK;
}

enum pf_acc
pf_account_set_password(struct pf_db *db, struct pf_pool *p, unsigned long long id,
    const char *hash, int activate)
{
	struct pf_val ct;
	enum pf_cerr ce;
	unsigned long long affected = 0;

	if ((ce = pf_seal(db, p, PF_KS_USER, id, PF_AT("users", "pw_enc", id), hash,
	    strlen(hash), &ct)) != PF_C_OK)
		return ce == PF_C_NOKEY ? PF_ACC_NOTFOUND : crypt_fail(ce);
	if (pf_db_exec(db, PF_SQL_USER_SET_PW, PF_ARGS(ct, PF_INT(activate != 0),
	    PF_INT(activate != 0), PF_INT((long long)id)), &affected, NULL) != PF_DB_OK)
		return PF_ACC_FAIL;
	return affected == 1 ? PF_ACC_OK : PF_ACC_NOTFOUND;
}

enum pf_acc
pf_account_set_email(struct pf_db *db, struct pf_pool *p, unsigned long long id,
    const char *email)
{
	unsigned char bidx[PF_BIDX_LEN];
	struct pf_val ct;
	enum pf_cerr ce;
	enum pf_dberr de;
	unsigned long long affected = 0;
	char *norm;

	if ((norm = pf_email_normalise(p, email)) == NULL)
		return PF_ACC_INVALID;
	if (!pf_db_in_tx(db))
		return PF_ACC_FAIL;
	if ((ce = pf_bidx_write(db, "users.email", norm, strlen(norm), bidx)) != PF_C_OK ||
	    (ce = pf_seal(db, p, PF_KS_USER, id, PF_AT("users", "email_enc", id), norm,
	    strlen(norm), &ct)) != PF_C_OK)
		return ce == PF_C_NOKEY ? PF_ACC_NOTFOUND : crypt_fail(ce);
	de = pf_db_exec(db, PF_SQL_USER_SET_EMAIL, PF_ARGS(PF_BLOB((const char *)bidx,
	    sizeof(bidx)), ct, PF_INT((long long)id)), &affected, NULL);
	if (de == PF_DB_DUP)
		return PF_ACC_DUP;
	if (de != PF_DB_OK)
		return PF_ACC_FAIL;
	return affected == 1 ? PF_ACC_OK : PF_ACC_NOTFOUND;
}
