/*
 * audit.c: the audit trail.  An event is written in the same transaction
 * as the change it records, so there is never a change without its
 * record nor a record of a change that was rolled back.  Each row says
 * who acted (the session's user), whom it concerns, on which object, and
 * what changed.  The client's IP address is personal data and is sealed
 * under the system key; before/after values are sealed under the key of
 * the user they concern, so erasing that user erases them too.
 */
#include <jansson.h>
#include <stdlib.h>

#include "pf-int.h"

static const char *const outcomes[] = {
	[PF_AUDIT_OK] = "ok",
	[PF_AUDIT_FAIL] = "fail",
	[PF_AUDIT_INFO] = "info",
};

static struct pf_val
id_or_null(unsigned long long id)
{
	return id ? PF_INT((long long)id) : PF_NULL;
}

static enum pf_dberr
record(struct pf_req *r, const char *event, enum pf_outcome o, unsigned long long user,
    unsigned long long org, const char *object, const char *detail, unsigned long long *id)
{
	const struct pf_session *s = r->session;
	struct pf_val ip;
	enum pf_dberr e;

	/* the actor is known once the second factor is given */
	e = pf_db_exec(r->db, PF_SQL_AUDIT_INSERT, PF_ARGS(PF_STR(r->app->name),
	    PF_STR(event), PF_STR(outcomes[o]),
	    id_or_null(s != NULL && s->level == PF_LEVEL_FULL ? s->user : 0),
	    id_or_null(user), id_or_null(org), PF_STR(object ? object : ""),
	    s != NULL ? PF_INT((long long)s->id) : PF_NULL, PF_STR(r->id),
	    PF_STR(detail ? detail : "")), NULL, id);
	if (e != PF_DB_OK)
		return e;
	if (pf_seal(r->db, r->pool, PF_KS_SYSTEM, 0, PF_AT("audit_log", "ip_enc", *id),
	    r->ip, strlen(r->ip), &ip) != PF_C_OK)
		return PF_DB_ERROR;
	return pf_db_exec(r->db, PF_SQL_AUDIT_SEAL, PF_ARGS(ip, PF_INT((long long)*id)),
	    NULL, NULL);
}

enum pf_dberr
pf_audit(struct pf_req *r, const char *event, enum pf_outcome o,
    unsigned long long user, const char *detail)
{
	unsigned long long id;

	return record(r, event, o, user, 0, NULL, detail, &id);
}

/* {"field": {"before": ..., "after": ...}, ...}; NULL stays null. */
static char *
changes_json(const struct pf_change *c, size_t n)
{
	json_t *all = json_object(), *one;
	char *out;
	size_t i;

	if (all == NULL)
		abort();
	for (i = 0; i < n; i++) {
		one = json_pack("{s:s?, s:s?}", "before", c[i].before, "after", c[i].after);
		if (one == NULL || json_object_set_new(all, c[i].field, one) != 0)
			abort();	/* only allocation fails: texts are UTF-8 */
	}
	out = json_dumps(all, JSON_COMPACT | JSON_SORT_KEYS);
	json_decref(all);
	if (out == NULL)
		abort();
	return out;
}

enum pf_dberr
pf_audit_change(struct pf_req *r, const char *event, unsigned long long user,
    unsigned long long org, const char *object, const struct pf_change *c, size_t n)
{
	unsigned long long id;
	struct pf_val v;
	enum pf_dberr e;
	enum pf_cerr ce;
	char *json;

	if ((e = record(r, event, PF_AUDIT_OK, user, org, object, NULL, &id)) != PF_DB_OK ||
	    n == 0)
		return e;
	json = changes_json(c, n);
	ce = pf_seal(r->db, r->pool, user ? PF_KS_USER : PF_KS_SYSTEM, user,
	    PF_AT("audit_log", "change_enc", id), json, strlen(json), &v);
	pf_wipe(json, strlen(json));
	free(json);
	if (ce != PF_C_OK)
		return PF_DB_ERROR;
	return pf_db_exec(r->db, PF_SQL_AUDIT_CHANGE, PF_ARGS(v, PF_INT((long long)id)),
	    NULL, NULL);
}
