/*
 * privacy-export.c: the right of access and portability (GDPR Art. 15
 * and 20).  Everything the portal holds about the signed-in user, opened
 * (decrypted), as a JSON download (/privacy/export.json) and as a
 * readable page (/privacy/export).  Both are built from one JSON document,
 * so they cannot disagree; the page takes it as template data.
 *
 * Only the session's own user: the pages take no field at all (an id is
 * refused by the pipeline with 400), so nobody can ask for another's
 * data.  Both need a recent second factor (PF_PAGE_STEPUP).  Where
 * another person is involved (who approved a request, who acted on the
 * user) the export says "another_user", never their name, address or id;
 * an audit row's address is opened only where it is the user's own (the
 * user acted, or nobody did, on the user or on no one: address_mine).
 * The download is audited as privacy.export.downloaded (detail json or
 * html).
 *
 * The structure (format "pforte-export/1") is documented in README.md,
 * section "Data export"; a change of it is a new format version.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "privacy.h"

#define EXPORT_FORMAT	"pforte-export/1"

struct ex {
	struct pf_req		*r;
	struct pf_pool		*p;
	struct pf_db		*db;
	unsigned long long	 me;
	int			 de;	/* labels in German */
	const char		*phone;	/* the account's, NULL: none */
	json_t			*root;
	int			 err;	/* an HTTP status once a query failed */
};

/* ---- values ---- */

static json_t *
jstr(const char *s)
{
	json_t *j;

	if (s == NULL)
		return json_null();
	/* decrypted values are checked UTF-8 when written; never fail the
	 * export on one that is not */
	return (j = json_string(s)) != NULL ? j : json_string("\xef\xbf\xbd");
}

/* A DATETIME cell as RFC 3339, null when NULL. */
static json_t *
jtime(struct ex *x, const struct pf_rows *rows, size_t i, size_t c)
{
	const char *t;

	if (PF_CELL(rows, i, c)->type == PF_V_NULL)
		return json_null();
	t = pf_time_rfc3339(x->p, pf_cell_str(rows, i, c));
	return t != NULL ? json_string(t) : json_null();
}

static json_t *
jint(const struct pf_rows *rows, size_t i, size_t c)
{
	const struct pf_val *v = PF_CELL(rows, i, c);

	if (v->type == PF_V_NULL)
		return json_null();
	if (v->type == PF_V_INT)
		return json_integer(v->i);
	return json_integer(strtoll(v->s, NULL, 10));
}

static unsigned long long
cell_id(const struct pf_rows *rows, size_t i, size_t c)
{
	const struct pf_val *v = PF_CELL(rows, i, c);

	if (v->type == PF_V_INT)
		return (unsigned long long)v->i;
	if (v->type == PF_V_STR)
		return strtoull(v->s, NULL, 10);
	return 0;
}

/* A sealed cell, opened; null when empty, "" noted when it does not open. */
static json_t *
jopen(struct ex *x, const char *table, const char *column, unsigned long long row,
    const struct pf_val *v)
{
	struct pf_val out;

	if (v->type == PF_V_NULL)
		return json_null();
	if (pf_open(x->db, x->p, PF_AT(table, column, row), v, &out) != PF_C_OK) {
		pf_log(x->r, PF_LOG_WARN, "export: %s.%s of row %llu does not open", table,
		    column, row);
		return json_null();
	}
	return out.type == PF_V_STR ? jstr(out.s) : json_null();
}

/* Who did something, as the user may learn it: nobody (the system),
 * the user, or another user (never who). */
static json_t *
jwho(struct ex *x, const struct pf_rows *rows, size_t i, size_t c)
{
	unsigned long long id;

	if (PF_CELL(rows, i, c)->type == PF_V_NULL)
		return json_string("system");
	id = cell_id(rows, i, c);
	return json_string(id == x->me ? "self" : "another_user");
}

static const char *
label(struct ex *x, const struct pf_rows *rows, size_t i, size_t de, size_t en)
{
	return pf_cell_str(rows, i, x->de ? de : en);
}

static int
query(struct ex *x, unsigned id, const struct pf_val *args, size_t n, struct pf_rows *rows)
{
	enum pf_dberr e;

	if ((e = pf_db_query(x->db, x->p, id, args, n, rows)) != PF_DB_OK) {
		pf_log(x->r, PF_LOG_ERR, "export: query %u: %s", id, pf_db_strerror(e));
		x->err = e == PF_DB_UNAVAILABLE ? 503 : 500;
		return -1;
	}
	return 0;
}
/* Append an entry; one that could not be made fails the export rather
 * than leaving it silently incomplete. */
static void
add(struct ex *x, json_t *list, json_t *entry)
{
	if (entry == NULL || json_array_append_new(list, entry) != 0) {
		pf_log(x->r, PF_LOG_ERR, "export: an entry could not be made");
		x->err = 500;
	}
}

#define Q(x, id, rows, ...)	query((x), (id), PF_ARGS(__VA_ARGS__), (rows))
#define ME(x)			PF_INT((long long)(x)->me)

static int	address_mine(struct ex *, const struct pf_rows *, size_t, size_t, size_t);

/* ---- the categories ---- */

static void
ex_account(struct ex *x)
{
	struct pf_account a;
	struct pf_rows rows;
	json_t *o, *org = json_null();

	if (pf_account_load(x->db, x->p, x->me, &a) != PF_ACC_OK) {
		x->err = 500;
		return;
	}
	if (Q(x, SQL_EX_USER, &rows, ME(x)) < 0 || rows.n != 1) {
		x->err = x->err ? x->err : 500;
		return;
	}
	o = json_object();
	json_object_set_new(o, "email", jstr(a.email));
	json_object_set_new(o, "name", jstr(a.name));
	json_object_set_new(o, "phone", *a.phone ? jstr(a.phone) : json_null());
	json_object_set_new(o, "language", jstr(a.lang));
	json_object_set_new(o, "status", jstr(a.status));
	json_object_set_new(o, "created_at", jtime(x, &rows, 0, 0));
	json_object_set_new(o, "email_verified_at", jtime(x, &rows, 0, 1));
	json_object_set_new(o, "password_changed_at", jtime(x, &rows, 0, 2));
	json_object_set_new(x->root, "account", o);
	if (a.org_id != 0) {
		if (Q(x, SQL_EX_ORG, &rows, PF_INT((long long)a.org_id)) < 0)
			return;
		if (rows.n == 1)
			org = json_pack("{s:o, s:o}", "name", jstr(pf_cell_str(&rows, 0, 0)),
			    "kind", jstr(pf_cell_str(&rows, 0, 1)));
	}
	json_object_set_new(x->root, "organisation", org);
	/* the phone is also the SMS second factor */
	x->phone = *a.phone ? a.phone : NULL;
}

static void
ex_roles(struct ex *x)
{
	struct pf_rows rows;
	json_t *a = json_array(), *h = json_array(), *q = json_array();
	unsigned long long id;
	size_t i;

	json_object_set_new(x->root, "roles", a);
	json_object_set_new(x->root, "role_history", h);
	json_object_set_new(x->root, "role_requests", q);
	if (Q(x, SQL_EX_ROLES, &rows, ME(x)) < 0)
		return;
	for (i = 0; i < rows.n; i++)
		add(x, a, json_pack("{s:o, s:o, s:o, s:o, s:o, s:o, s:o}",
		    "role", jstr(pf_cell_str(&rows, i, 0)),
		    "label", jstr(label(x, &rows, i, 1, 2)),
		    "scope", jstr(pf_cell_str(&rows, i, 3)),
		    "organisation", PF_CELL(&rows, i, 4)->type == PF_V_NULL ? json_null() :
			jstr(pf_cell_str(&rows, i, 4)),
		    "granted_at", jtime(x, &rows, i, 5),
		    "expires_at", jtime(x, &rows, i, 6),
		    "granted_by", jwho(x, &rows, i, 7)));
	if (Q(x, SQL_EX_ROLE_HISTORY, &rows, ME(x)) < 0)
		return;
	for (i = 0; i < rows.n; i++)
		add(x, h, json_pack("{s:o, s:o, s:o, s:o, s:o, s:o}",
		    "time", jtime(x, &rows, i, 0),
		    "action", jstr(pf_cell_str(&rows, i, 1)),
		    "outcome", jstr(pf_cell_str(&rows, i, 2)),
		    "role", jstr(pf_cell_str(&rows, i, 4)),
		    "label", jstr(label(x, &rows, i, 5, 6)),
		    "by", jwho(x, &rows, i, 3)));
	if (Q(x, SQL_EX_REQUESTS, &rows, ME(x)) < 0)
		return;
	for (i = 0; i < rows.n; i++) {
		id = cell_id(&rows, i, 0);
		add(x, q, json_pack("{s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o,"
		    " s:o, s:o}",
		    "role", jstr(pf_cell_str(&rows, i, 1)),
		    "label", jstr(label(x, &rows, i, 2, 3)),
		    "status", jstr(pf_cell_str(&rows, i, 4)),
		    "reason", jopen(x, "role_requests", "reason_enc", id, PF_CELL(&rows, i, 5)),
		    "comment", jopen(x, "role_requests", "comment_enc", id, PF_CELL(&rows, i, 6)),
		    "requested_at", jtime(x, &rows, i, 7),
		    "decided_at", jtime(x, &rows, i, 8),
		    "decided_by", PF_CELL(&rows, i, 9)->type == PF_V_NULL ? json_null() :
			jwho(x, &rows, i, 9),
		    "grant_expires", jtime(x, &rows, i, 10),
		    "id", json_integer((json_int_t)id)));
	}
}

static void
ex_consents(struct ex *x)
{
	struct pf_rows rows;
	json_t *l = json_array(), *c = json_array(), *g = json_array();
	unsigned long long id;
	size_t i;

	json_object_set_new(x->root, "legal_acceptances", l);
	json_object_set_new(x->root, "consents", c);
	json_object_set_new(x->root, "consent_log", g);
	if (Q(x, SQL_EX_LEGAL, &rows, ME(x)) < 0)
		return;
	for (i = 0; i < rows.n; i++) {
		id = cell_id(&rows, i, 0);
		add(x, l, json_pack("{s:o, s:o, s:o, s:o, s:o}",
		    "kind", jstr(pf_cell_str(&rows, i, 1)),
		    "version", jint(&rows, i, 2),
		    "title", jstr(label(x, &rows, i, 5, 6)),
		    "accepted_at", jtime(x, &rows, i, 3),
		    "address", jopen(x, "legal_acceptances", "ip_enc", id, PF_CELL(&rows, i, 4))));
	}
	if (Q(x, SQL_EX_CONSENTS, &rows, ME(x)) < 0)
		return;
	for (i = 0; i < rows.n; i++)
		add(x, c, json_pack("{s:o, s:o, s:b, s:o}",
		    "purpose", jstr(pf_cell_str(&rows, i, 0)),
		    "label", jstr(label(x, &rows, i, 3, 4)),
		    "granted", cell_id(&rows, i, 1) != 0,
		    "changed_at", jtime(x, &rows, i, 2)));
	if (Q(x, SQL_EX_CONSENT_LOG, &rows, ME(x)) < 0)
		return;
	for (i = 0; i < rows.n; i++) {
		id = cell_id(&rows, i, 0);
		add(x, g, json_pack("{s:o, s:o, s:o, s:o}",
		    "purpose", jstr(pf_cell_str(&rows, i, 1)),
		    "action", jstr(pf_cell_str(&rows, i, 2)),
		    "changed_at", jtime(x, &rows, i, 3),
		    "address", jopen(x, "consent_log", "ip_enc", id, PF_CELL(&rows, i, 4))));
	}
}

static void
ex_sessions(struct ex *x)
{
	const struct pf_session *s = pf_req_session(x->r);
	struct pf_rows rows;
	json_t *a = json_array(), *h = json_array();
	unsigned long long id;
	size_t i;

	json_object_set_new(x->root, "sessions", a);
	json_object_set_new(x->root, "sign_ins", h);
	if (Q(x, SQL_EX_SESSIONS, &rows, ME(x)) < 0)
		return;
	for (i = 0; i < rows.n; i++) {
		id = cell_id(&rows, i, 0);
		add(x, a, json_pack("{s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:b}",
		    "created_at", jtime(x, &rows, i, 1),
		    "last_seen", jtime(x, &rows, i, 2),
		    "expires_at", jtime(x, &rows, i, 3),
		    "address", jopen(x, "sessions", "ip_enc", id, PF_CELL(&rows, i, 4)),
		    "user_agent", jopen(x, "sessions", "ua_enc", id, PF_CELL(&rows, i, 5)),
		    "first_factor", jstr(pf_cell_str(&rows, i, 6)),
		    "second_factor", PF_CELL(&rows, i, 7)->type == PF_V_NULL ? json_null() :
			jstr(pf_cell_str(&rows, i, 7)),
		    "current", id == s->id));
	}
	if (Q(x, SQL_EX_SIGNINS, &rows, ME(x)) < 0)
		return;
	for (i = 0; i < rows.n; i++) {
		id = cell_id(&rows, i, 0);
		add(x, h, json_pack("{s:o, s:o, s:o, s:o}",
		    "time", jtime(x, &rows, i, 1),
		    "action", jstr(pf_cell_str(&rows, i, 2)),
		    "outcome", jstr(pf_cell_str(&rows, i, 3)),
		    "address", address_mine(x, &rows, i, 5, 6) ? jopen(x, "audit_log", "ip_enc",
			id, PF_CELL(&rows, i, 4)) : json_null()));
	}
}

static void
ex_factors(struct ex *x)
{
	struct pf_rows rows;
	json_t *o = json_object(), *t = json_null();
	long long left = 0, total = 0;

	json_object_set_new(o, "phone", jstr(x->phone));
	json_object_set_new(x->root, "second_factors", o);
	if (Q(x, SQL_EX_TOTP, &rows, ME(x)) < 0)
		return;
	if (rows.n == 1)
		t = json_pack("{s:b, s:o}", "confirmed", cell_id(&rows, 0, 0) != 0,
		    "since", jtime(x, &rows, 0, 1));
	json_object_set_new(o, "authenticator", t);
	if (Q(x, SQL_EX_RECOVERY, &rows, ME(x)) < 0)
		return;
	if (rows.n == 1) {
		total = (long long)cell_id(&rows, 0, 0);
		left = (long long)cell_id(&rows, 0, 1);
	}
	json_object_set_new(o, "recovery_codes_issued", json_integer(total));
	json_object_set_new(o, "recovery_codes_left", json_integer(left));
}

static void
ex_sso(struct ex *x)
{
	struct pf_rows rows;
	json_t *c = json_array(), *a = json_array();
	size_t i;

	json_object_set_new(x->root, "sso_consents", c);
	json_object_set_new(x->root, "sso_applications", a);
	if (Q(x, SQL_EX_SSO_CONSENTS, &rows, ME(x)) < 0)
		return;
	for (i = 0; i < rows.n; i++)
		add(x, c, json_pack("{s:o, s:o, s:o}",
		    "application", jstr(pf_cell_str(&rows, i, 0)),
		    "scopes", jstr(pf_cell_str(&rows, i, 1)),
		    "granted_at", jtime(x, &rows, i, 2)));
	if (Q(x, SQL_EX_SSO_APPS, &rows, ME(x), ME(x), ME(x)) < 0)
		return;
	for (i = 0; i < rows.n; i++)
		add(x, a, json_pack("{s:o, s:o, s:o}",
		    "application", jstr(pf_cell_str(&rows, i, 0)),
		    "first_use", jtime(x, &rows, i, 1),
		    "last_use", jtime(x, &rows, i, 2)));
}

/* The download of a version in the documents program (where its
 * permission checks apply); none for a deleted document. */
static json_t *
d_link(struct ex *x, const char *base, unsigned long long doc, unsigned long long v,
    const struct pf_val *deleted)
{
	if (deleted->type != PF_V_NULL)
		return json_null();
	return jstr(pf_psprintf(x->p, "%s/documents/download?id=%llu&v=%llu", base, doc, v));
}

static void
ex_documents(struct ex *x)
{
	struct pf_rows rows, vers;
	json_t *a = json_array(), *d, *v;
	unsigned long long id, vid;
	const char *base = pf_conf_str("Portal.BaseURL");
	size_t i, j;

	json_object_set_new(x->root, "documents", a);
	if (Q(x, SQL_EX_DOCS, &rows, ME(x)) < 0 || Q(x, SQL_EX_VERSIONS, &vers, ME(x)) < 0)
		return;
	for (i = 0; i < rows.n; i++) {
		id = cell_id(&rows, i, 0);
		d = json_pack("{s:I, s:o, s:o, s:o, s:o, s:o, s:o, s:o}",
		    "id", (json_int_t)id,
		    "title", jopen(x, "documents", "title_enc", id, PF_CELL(&rows, i, 2)),
		    "description", jopen(x, "documents", "description_enc", id,
			PF_CELL(&rows, i, 3)),
		    "category", PF_CELL(&rows, i, 1)->type == PF_V_NULL ? json_null() :
			jstr(pf_cell_str(&rows, i, 1)),
		    "created_at", jtime(x, &rows, i, 4),
		    "updated_at", jtime(x, &rows, i, 5),
		    "deleted_at", jtime(x, &rows, i, 6),
		    "link", PF_CELL(&rows, i, 6)->type != PF_V_NULL ? json_null() :
			jstr(pf_psprintf(x->p, "%s/documents/view?id=%llu", base, id)));
		if (d == NULL) {
			x->err = 500;
			return;
		}
		v = json_array();
		for (j = 0; j < vers.n; j++) {
			if (cell_id(&vers, j, 1) != id)
				continue;
			vid = cell_id(&vers, j, 0);
			add(x, v, json_pack("{s:I, s:o, s:o, s:o, s:o, s:o, s:o}",
			    "id", (json_int_t)vid,
			    "download", d_link(x, base, id, vid, PF_CELL(&rows, i, 6)),
			    "file_name", jopen(x, "document_versions", "filename_enc", vid,
				PF_CELL(&vers, j, 6)),
			    "size", jint(&vers, j, 2),
			    "type", jstr(pf_cell_str(&vers, j, 3)),
			    "created_at", jtime(x, &vers, j, 4),
			    "uploaded_by", jwho(x, &vers, j, 5)));
		}
		json_object_set_new(d, "versions", v);
		add(x, a, d);
	}
}

static void
ex_alerts(struct ex *x)
{
	struct pf_rows rows;
	json_t *a = json_array();
	size_t i;

	json_object_set_new(x->root, "alerts", a);
	if (Q(x, SQL_EX_ALERTS, &rows, ME(x)) < 0)
		return;
	for (i = 0; i < rows.n; i++)
		add(x, a, json_pack("{s:o, s:o, s:o, s:o}",
		    "time", jtime(x, &rows, i, 0),
		    "rule", jstr(pf_cell_str(&rows, i, 1)),
		    "severity", jstr(pf_cell_str(&rows, i, 2)),
		    "state", jstr(pf_cell_str(&rows, i, 3))));
}

/* An audit row's object as the user may see it: in full unless the row
 * is about another user, then only its kind ("user:42": "user"). */
static json_t *
jobject(struct ex *x, const char *object, int about_other)
{
	const char *c;

	if (!about_other || (c = strchr(object, ':')) == NULL)
		return jstr(object);
	return jstr(pf_pstrndup(x->p, object, (size_t)(c - object)));
}

/* Whether an audit row's address is the user's to see: the address is
 * the acting client's, so only where the user acted (or nobody did, e.g.
 * a failed sign-in to their account) and the row is about them or
 * nobody.  Never an administrator's address on an action about the user,
 * never the user's own on an action about someone else. */
static int
address_mine(struct ex *x, const struct pf_rows *rows, size_t i, size_t actor, size_t user)
{
	const struct pf_val *a = PF_CELL(rows, i, actor), *u = PF_CELL(rows, i, user);

	return (a->type == PF_V_NULL || cell_id(rows, i, actor) == x->me) &&
	    (u->type == PF_V_NULL || cell_id(rows, i, user) == x->me);
}

static void
ex_audit(struct ex *x)
{
	struct pf_rows rows;
	json_t *a = json_array();
	unsigned long long id;
	int other;
	size_t i;

	json_object_set_new(x->root, "audit", a);
	if (Q(x, SQL_EX_AUDIT, &rows, ME(x), ME(x)) < 0)
		return;
	for (i = 0; i < rows.n; i++) {
		id = cell_id(&rows, i, 0);
		other = PF_CELL(&rows, i, 5)->type != PF_V_NULL && cell_id(&rows, i, 5) != x->me;
		add(x, a, json_pack("{s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o}",
		    "time", jtime(x, &rows, i, 1),
		    "action", jstr(pf_cell_str(&rows, i, 2)),
		    "outcome", jstr(pf_cell_str(&rows, i, 3)),
		    "by", jwho(x, &rows, i, 4),
		    "about", PF_CELL(&rows, i, 5)->type == PF_V_NULL ? json_null() :
			json_string(other ? "another_user" : "self"),
		    "object", jobject(x, pf_cell_str(&rows, i, 6), other),
		    "detail", jstr(pf_cell_str(&rows, i, 7)),
		    "address", address_mine(x, &rows, i, 4, 5) ? jopen(x, "audit_log", "ip_enc",
			id, PF_CELL(&rows, i, 8)) : json_null()));
	}
}

/* Everything, or NULL with *status set. */
static json_t *
export_build(struct pf_req *r, int *status)
{
	struct ex x;
	char now[32];
	time_t t = time(NULL);
	struct tm tm;

	memset(&x, 0, sizeof(x));
	x.r = r;
	x.p = pf_req_pool(r);
	x.db = pf_req_db(r);
	x.me = pf_req_session(r)->user;
	x.de = strcmp(pf_req_lang(r), "de") == 0;
	x.root = json_object();
	if (gmtime_r(&t, &tm) == NULL || strftime(now, sizeof(now), "%Y-%m-%dT%H:%M:%SZ",
	    &tm) == 0)
		now[0] = '\0';
	json_object_set_new(x.root, "format", json_string(EXPORT_FORMAT));
	json_object_set_new(x.root, "generated_at", json_string(now));
	ex_account(&x);
	if (!x.err)
		ex_roles(&x);
	if (!x.err)
		ex_consents(&x);
	if (!x.err)
		ex_sessions(&x);
	if (!x.err)
		ex_factors(&x);
	if (!x.err)
		ex_sso(&x);
	if (!x.err)
		ex_documents(&x);
	if (!x.err)
		ex_alerts(&x);
	if (!x.err)
		ex_audit(&x);
	if (x.err) {
		json_decref(x.root);
		*status = x.err;
		return NULL;
	}
	return x.root;
}

/* ---- audit of the download ---- */

/* the event's detail: which form was downloaded */
static char kind_html[] = "html", kind_json[] = "json";

static int
tx_downloaded(struct pf_req *r, void *arg)
{
	return pf_tx_err(pf_audit_event(r, "privacy.export.downloaded", PF_AUDIT_OK,
	    pf_req_session(r)->user, pf_req_org(r), "", (const char *)arg, NULL, 0));
}

/* ---- the page: the document as template data ---- */

/* name: the HDF node (letters, digits, '_', '.'): keys are ours. */
static void
hdf_put(struct pf_req *r, const char *name, json_t *j)
{
	struct pf_pool *p = pf_req_pool(r);
	void *it;
	size_t i;

	switch (json_typeof(j)) {
	case JSON_OBJECT:
		for (it = json_object_iter(j); it != NULL; it = json_object_iter_next(j, it))
			hdf_put(r, pf_psprintf(p, "%s.%s", name, json_object_iter_key(it)),
			    json_object_iter_value(it));
		break;
	case JSON_ARRAY:
		pf_set_int(r, pf_psprintf(p, "%s.Count", name), (long long)json_array_size(j));
		for (i = 0; i < json_array_size(j); i++)
			hdf_put(r, pf_psprintf(p, "%s.L.%zu", name, i), json_array_get(j, i));
		break;
	case JSON_STRING:
		pf_set(r, name, json_string_value(j));
		break;
	case JSON_INTEGER:
		pf_set_int(r, name, (long long)json_integer_value(j));
		break;
	case JSON_TRUE:
		pf_set(r, name, "1");
		break;
	case JSON_FALSE:
		pf_set(r, name, "0");
		break;
	default:
		break;
	}
}

int
page_export(struct pf_req *r)
{
	json_t *doc;
	int rc = 500;

	if ((doc = export_build(r, &rc)) == NULL)
		return rc;
	if (pf_req_method(r) != PF_HEAD && (rc = pf_tx(r, tx_downloaded, kind_html)) != 0) {
		json_decref(doc);
		return rc;
	}
	hdf_put(r, "Export", doc);
	json_decref(doc);
	return pf_render_page(r, "privacy_export.cs", "privacy-export",
	    "Privacy.Export.Title");
}

int
page_export_json(struct pf_req *r)
{
	struct pf_pool *p = pf_req_pool(r);
	json_t *doc;
	char *text, stamp[16];
	time_t t = time(NULL);
	struct tm tm;
	size_t len, off, n;
	int rc = 500;

	if ((doc = export_build(r, &rc)) == NULL)
		return rc;
	text = json_dumps(doc, JSON_INDENT(1) | JSON_ENSURE_ASCII | JSON_PRESERVE_ORDER);
	json_decref(doc);
	if (text == NULL)
		return 500;
	len = strlen(text);
	if (pf_req_method(r) != PF_HEAD && (rc = pf_tx(r, tx_downloaded, kind_json)) != 0) {
		pf_wipe(text, len);
		free(text);
		return rc;
	}
	if (gmtime_r(&t, &tm) == NULL || strftime(stamp, sizeof(stamp), "%Y%m%d", &tm) == 0)
		strcpy(stamp, "now");
	pf_resp_header(r, "Content-Disposition", pf_psprintf(p,
	    "attachment; filename=\"pforte-export-%s.json\"", stamp));
	pf_resp_stream_begin(r, "application/json; charset=utf-8", len + 1);
	for (off = 0; off < len; off += n) {
		n = len - off < 65536 ? len - off : 65536;
		if (pf_resp_stream(r, text + off, n) < 0)
			break;
	}
	if (off >= len)
		pf_resp_stream(r, "\n", 1);
	pf_wipe(text, len);
	free(text);
	return 0;
}
