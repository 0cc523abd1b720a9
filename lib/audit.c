/*
 * audit.c: the audit trail.  An event is written in the same transaction
 * as the change it records, so there is never a change without its
 * record nor a record of a change that was rolled back.  The client's IP
 * address is personal data and is sealed under the system key.
 */
#include "pf-int.h"

static const char *const outcomes[] = {
	[PF_AUDIT_OK] = "ok",
	[PF_AUDIT_FAIL] = "fail",
	[PF_AUDIT_INFO] = "info",
};

enum pf_dberr
pf_audit(struct pf_req *r, const char *event, enum pf_outcome o,
    unsigned long long user, const char *detail)
{
	unsigned long long id;
	struct pf_val ip;
	enum pf_dberr e;

	e = pf_db_exec(r->db, PF_SQL_AUDIT_INSERT, PF_ARGS(PF_STR(r->app->name),
	    PF_STR(event), PF_STR(outcomes[o]), user ? PF_INT((long long)user) : PF_NULL,
	    r->session ? PF_INT((long long)r->session->id) : PF_NULL, PF_STR(r->id),
	    PF_STR(detail ? detail : "")), NULL, &id);
	if (e != PF_DB_OK)
		return e;
	if (pf_seal(r->db, r->pool, PF_KS_SYSTEM, 0, PF_AT("audit_log", "ip_enc", id),
	    r->ip, strlen(r->ip), &ip) != PF_C_OK)
		return PF_DB_ERROR;
	return pf_db_exec(r->db, PF_SQL_AUDIT_SEAL, PF_ARGS(ip, PF_INT((long long)id)),
	    NULL, NULL);
}
