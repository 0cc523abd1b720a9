/*
 * auditrow.c: audit rows as their readers (the viewer, the SIEM outputs)
 * need them, sealed columns opened; and the keyed hashes that let them
 * find rows by client address without storing the address in clear.
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>

#include "pf-crypt.h"
#include "pf-int.h"

static unsigned long long
u64(const struct pf_val *v)
{
	return v->type == PF_V_INT && v->i > 0 ? (unsigned long long)v->i : 0;
}

static const char *
text(struct pf_pool *p, const struct pf_val *v)
{
	return v->type == PF_V_STR ? pf_pstrndup(p, v->s, v->len) : "";
}

/* A sealed column opened, "" when NULL or when it does not open; *e
 * keeps the first failure, so that a reader can tell a provider or
 * database that is down (try again) from a value that will never open. */
static const char *
opened(struct pf_db *db, struct pf_pool *p, const char *column, unsigned long long id,
    const struct pf_val *v, enum pf_cerr *e)
{
	struct pf_val out;
	enum pf_cerr ce;

	if (v->type != PF_V_STR)
		return "";
	if ((ce = pf_open(db, p, PF_AT("audit_log", column, id), v, &out)) != PF_C_OK) {
		if (*e == PF_C_OK)
			*e = ce;
		return "";
	}
	return out.s;
}

enum pf_cerr
pf_audit_row_read(struct pf_db *db, struct pf_pool *p, const struct pf_rows *rows,
    size_t i, struct pf_audit_row *row)
{
	const struct pf_val *c = PF_CELL(rows, i, 0);
	enum pf_cerr e = PF_C_OK;

	memset(row, 0, sizeof(*row));
	row->id = u64(&c[0]);
	snprintf(row->at, sizeof(row->at), "%s", text(p, &c[1]));
	row->program = text(p, &c[2]);
	row->action = text(p, &c[3]);
	row->outcome = text(p, &c[4]);
	row->actor = u64(&c[5]);
	row->actor_org = u64(&c[6]);
	row->user = u64(&c[7]);
	row->org = u64(&c[8]);
	row->object = text(p, &c[9]);
	row->session = u64(&c[10]);
	row->request_id = text(p, &c[11]);
	row->detail = text(p, &c[12]);
	row->ip = opened(db, p, "ip_enc", row->id, &c[13], &e);
	row->ua = opened(db, p, "ua_enc", row->id, &c[14], &e);
	row->opened = e == PF_C_OK;
	return e;
}

/* One spelling per address (::1 and 0:0::1 alike) and its network: the
 * /24 or /48 a provider hands out together.  0, or -1 for no address. */
static int
spell(const char *ip, char addr[INET6_ADDRSTRLEN], char net[INET6_ADDRSTRLEN + 4])
{
	unsigned char a[16];
	int bits;

	if (inet_pton(AF_INET, ip, a) == 1) {
		inet_ntop(AF_INET, a, addr, INET6_ADDRSTRLEN);
		a[3] = 0;
		inet_ntop(AF_INET, a, net, INET6_ADDRSTRLEN);
		bits = 24;
	} else if (inet_pton(AF_INET6, ip, a) == 1) {
		inet_ntop(AF_INET6, a, addr, INET6_ADDRSTRLEN);
		memset(a + 6, 0, 10);
		inet_ntop(AF_INET6, a, net, INET6_ADDRSTRLEN);
		bits = 48;
	} else
		return -1;
	snprintf(net + strlen(net), INET6_ADDRSTRLEN + 4 - strlen(net), "/%d", bits);
	return 0;
}

enum pf_cerr
pf_audit_ip_find(struct pf_db *db, const char *ip, unsigned char out[2][PF_BIDX_LEN],
    size_t *n)
{
	char addr[INET6_ADDRSTRLEN], net[INET6_ADDRSTRLEN + 4];

	*n = 0;
	if (spell(ip, addr, net) < 0)
		return PF_C_BAD;
	return pf_bidx_lookup(db, "audit-ip", addr, strlen(addr), out, n);
}

enum pf_cerr
pf_audit_ip_idx(struct pf_db *db, const char *ip, unsigned char ip_idx[PF_BIDX_LEN],
    unsigned char net_idx[PF_BIDX_LEN])
{
	char addr[INET6_ADDRSTRLEN], net[INET6_ADDRSTRLEN + 4];
	const unsigned char *key;
	uint64_t id;
	enum pf_cerr e;

	if (spell(ip, addr, net) < 0)
		return PF_C_BAD;
	/* as pf_bidx_write does, with one lookup of the key for both */
	if ((e = pf_key_active(db, PF_KS_INDEX, 0, &id, &key)) != PF_C_OK)
		return e;
	pf_bidx_compute(key, "audit-ip", addr, strlen(addr), ip_idx);
	pf_bidx_compute(key, "audit-net", net, strlen(net), net_idx);
	return PF_C_OK;
}
