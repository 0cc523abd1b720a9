/*
 * admin-audit.c: the audit viewer.  /admin/audit lists audit_log rows,
 * newest first, PAGE_ROWS a page, filtered by time, actor, action,
 * target, outcome and client address; /admin/audit/export gives the same
 * filtered view as CSV or as JSON Lines in Elastic Common Schema
 * (pf_audit_ecs), and is itself audited (audit.exported).
 *
 * Administrators (a global audit.read) see every row; key users the rows
 * of their own organisation: about it (org_id), done by one of its
 * members (actor_org_id), or about a member without naming an
 * organisation (sign-in events record the account only).  The scope is a condition of the one query, so
 * no filter can widen it.  Paging is by id (keyset): rows that arrive
 * meanwhile do not shift the page one is reading.
 */
#include <sys/socket.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "admin.h"

#define PAGE_ROWS	50
#define EXPORT_MAX	100000		/* rows in one export, then it stops */
#define EXPORT_BATCH	500		/* rows read (and decrypted) at a time */
#define ACTORS_MAX	PAGE_ROWS	/* actor addresses decrypted per page */
#define DETAIL_MAX	200		/* audit_log.detail */
#define TIME_MIN	"1000-01-01 00:00:00"
#define TIME_MAX	"9999-12-31 23:59:59"

/* The checked filter of a request. */
struct filter {
	unsigned long long	 org;		/* key users' scope; 0: all (global) */
	const char		*from, *to;	/* SQL DATETIME: from <= t < to */
	unsigned long long	 actor;		/* 0: anyone */
	int			 none;		/* an address without account: no rows */
	const char		*action;	/* exact; "" any */
	const char		*prefix;	/* "auth.": actions starting so; "" any */
	const char		*target;	/* "" any */
	const char		*outcome;	/* "" any */
	/* the address's keyed hashes: two while the index key rotates */
	int			 has_ip;
	unsigned char		 ip[2][PF_BIDX_LEN];
	const char		*query;		/* the filter as a query string */
	const char		*detail;	/* ... and as ASCII for audit.exported */
};

/* The next minute (datetime) or day (date only) after the SQL DATETIME
 * w: "to" is inclusive as typed, exclusive in the query. */
static const char *
after(struct pf_req *r, const char *w, int day)
{
	struct tm tm;
	time_t t;

	memset(&tm, 0, sizeof(tm));
	if (sscanf(w, "%4d-%2d-%2d %2d:%2d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
	    &tm.tm_hour, &tm.tm_min) != 5)
		return NULL;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	if ((t = timegm(&tm)) == (time_t)-1)
		return NULL;
	t += day ? 86400 : 60;
	if (gmtime_r(&t, &tm) == NULL)
		return NULL;
	return pf_psprintf(pf_req_pool(r), "%04d-%02d-%02d %02d:%02d:00", tm.tm_year + 1900,
	    tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min);
}

/* A typed time bound ("YYYY-MM-DD" or "YYYY-MM-DD HH:MM", UTC) as SQL
 * DATETIME; end: the moment just after it.  NULL when it is not one. */
static const char *
bound(struct pf_req *r, const char *s, int end)
{
	int day = strlen(s) == 10;
	const char *w;

	if (day)
		s = pf_psprintf(pf_req_pool(r), "%s 00:00", s);
	if ((w = parse_when(r, s)) == NULL)
		return NULL;
	return end ? after(r, w, day) : w;
}

/* 1 when every byte of s is in set (and s is not longer than max). */
static int
only(const char *s, const char *set, size_t max)
{
	return strlen(s) <= max && strspn(s, set) == strlen(s);
}

/* 1 when s is printable ASCII without spaces: what objects are. */
static int
printable(const char *s, size_t max)
{
	const char *c;

	for (c = s; *c; c++)
		if (*c <= ' ' || *c > '~')
			return 0;
	return (size_t)(c - s) <= max;
}

/* Append name=value to a query string when value is not empty. */
static void
qs(struct pf_buf *b, const char *name, const char *value)
{
	if (*value == '\0')
		return;
	if (b->len > 0)
		pf_buf_adds(b, "&");
	pf_buf_adds(b, name);
	pf_buf_adds(b, "=");
	pf_buf_pct(b, value, strlen(value), "");
}

/*
 * Read and check the filter fields into f, echoing them to the form
 * (Admin.Audit.F.*).  0, 403 (no scope), 422 with a message (the page is
 * rendered again by the caller), 503.
 */
static int
get_filter(struct pf_req *r, struct filter *f)
{
	struct pf_pool *p = pf_req_pool(r);
	const char *from = field_text(r, F_FROM), *to = field_text(r, F_TO),
	    *actor = field_text(r, F_ACTOR), *event = field_text(r, F_EVENT),
	    *ip = field_text(r, F_IP);
	struct pf_buf q = { NULL, 0, 0 }, d = { NULL, 0, 0 };
	size_t nidx = 0;

	memset(f, 0, sizeof(*f));
	if (!pf_may_global(r, PF_PERM_AUDIT_READ)) {
		f->org = pf_req_org(r);
		if (f->org == 0 || !pf_may(r, PF_PERM_AUDIT_READ, f->org))
			return 403;
		pf_set(r, "Admin.Audit.Scope", "1");
	}
	f->target = field_text(r, F_TARGET);
	f->outcome = field_text(r, F_OUTCOME);
	f->action = f->prefix = "";
	pf_set(r, "Admin.Audit.F.From", from);
	pf_set(r, "Admin.Audit.F.To", to);
	pf_set(r, "Admin.Audit.F.Actor", actor);
	pf_set(r, "Admin.Audit.F.Event", event);
	pf_set(r, "Admin.Audit.F.Target", f->target);
	pf_set(r, "Admin.Audit.F.Outcome", f->outcome);
	pf_set(r, "Admin.Audit.F.Ip", ip);

	f->from = *from ? bound(r, from, 0) : TIME_MIN;
	f->to = *to ? bound(r, to, 1) : TIME_MAX;
	if (f->from == NULL || f->to == NULL) {
		form_message(r, 422, "Admin.Audit.Error.Time");
		return 422;
	}
	if (strcmp(f->from, f->to) >= 0) {
		form_message(r, 422, "Admin.Audit.Error.Range");
		return 422;
	}
	if (*actor == '\0')
		;
	else if (only(actor, "0123456789", 16) && (f->actor = strtoull(actor, NULL, 10)) != 0)
		;
	else if (strchr(actor, '@') != NULL) {
		/* An address no account has finds nothing, like an account
		 * whose events this session may not see. */
		switch (pf_account_find(pf_req_db(r), p, actor, &f->actor)) {
		case PF_ACC_OK:
			break;
		case PF_ACC_NOTFOUND:
		case PF_ACC_INVALID:
			f->none = 1;
			break;
		default:
			return 503;
		}
	} else {
		form_message(r, 422, "Admin.Audit.Error.Actor");
		return 422;
	}
	if (*event != '\0') {
		if (!only(event, "abcdefghijklmnopqrstuvwxyz0123456789._-", 64)) {
			form_message(r, 422, "Admin.Audit.Error.Event");
			return 422;
		}
		if (event[strlen(event) - 1] == '.')
			f->prefix = event;
		else
			f->action = event;
	}
	if (!printable(f->target, 60)) {
		form_message(r, 422, "Admin.Audit.Error.Target");
		return 422;
	}
	if (*ip != '\0') {
		/* under every usable index key: rows written before a rotation
		 * are found too */
		switch (pf_audit_ip_find(pf_req_db(r), ip, f->ip, &nidx)) {
		case PF_C_OK:
			break;
		case PF_C_BAD:
			form_message(r, 422, "Admin.Audit.Error.Ip");
			return 422;
		default:
			return 503;
		}
		if (nidx == 1)
			memcpy(f->ip[1], f->ip[0], PF_BIDX_LEN);
		f->has_ip = 1;
	}

	qs(&q, "from", from);
	qs(&q, "to", to);
	qs(&q, "actor", actor);
	qs(&q, "event", event);
	qs(&q, "target", f->target);
	qs(&q, "outcome", f->outcome);
	qs(&q, "ip", ip);
	f->query = pf_pstrdup(p, q.data != NULL ? q.data : "");
	pf_buf_free(&q);
	/* The filter for the export's own event: no address, no personal
	 * data (the actor as an id), ASCII only; times without blanks. */
	if (*from)
		pf_buf_addf(&d, " from=%.10sT%.5s", f->from, f->from + 11);
	if (*to)
		pf_buf_addf(&d, " to=%.10sT%.5s", f->to, f->to + 11);
	if (f->actor != 0 || f->none)
		pf_buf_addf(&d, " actor=%llu", f->actor);
	if (*event)
		pf_buf_addf(&d, " action=%s", event);
	if (*f->target)
		pf_buf_addf(&d, " target=%s", f->target);
	if (*f->outcome)
		pf_buf_addf(&d, " outcome=%s", f->outcome);
	if (f->has_ip)
		pf_buf_adds(&d, " ip=1");
	f->detail = pf_pstrdup(p, d.data != NULL ? d.data : "");
	pf_buf_free(&d);
	return 0;
}

/* Up to n rows with ids below before that pass f, newest first, in pool:
 * PF_AUDIT_COLS and change_enc. */
static enum pf_dberr
query(struct pf_req *r, struct pf_pool *pool, const struct filter *f,
    unsigned long long before, long long n, struct pf_rows *rows)
{
	long long org = (long long)f->org, actor = (long long)f->actor;
	struct pf_val ip = f->has_ip ? PF_BLOB((const char *)f->ip[0], PF_BIDX_LEN) : PF_NULL,
	    ip2 = f->has_ip ? PF_BLOB((const char *)f->ip[1], PF_BIDX_LEN) : PF_NULL;

	if (f->none) {
		memset(rows, 0, sizeof(*rows));
		return PF_DB_OK;
	}
	return pf_db_query(pf_req_db(r), pool, SQL_AUDIT_LIST, PF_ARGS(
	    PF_INT((long long)before),
	    PF_INT(org), PF_INT(org), PF_INT(org), PF_INT(org),
	    PF_STR(f->from), PF_STR(f->to),
	    PF_INT(actor), PF_INT(actor),
	    PF_STR(f->action), PF_STR(f->action),
	    PF_STR(f->prefix), PF_STR(f->prefix), PF_STR(f->prefix),
	    PF_STR(f->target), PF_STR(f->target),
	    PF_STR(f->outcome), PF_STR(f->outcome),
	    ip, ip, ip2,
	    PF_INT(n)), rows);
}

/* The change column of row i opened (JSON text), "" when none, NULL when
 * it does not open. */
static const char *
change(struct pf_db *db, struct pf_pool *pool, const struct pf_rows *rows, size_t i,
    unsigned long long id)
{
	const struct pf_val *c = PF_CELL(rows, i, PF_AUDIT_NCOLS);
	struct pf_val out;

	if (c->type == PF_V_NULL)
		return "";
	if (pf_open(db, pool, PF_AT("audit_log", "change_enc", id), c, &out) != PF_C_OK ||
	    out.type != PF_V_STR)
		return NULL;
	return out.s;
}

/* The actors' addresses, each decrypted once per page. */
struct actors {
	unsigned long long	 id[ACTORS_MAX];
	const char		*email[ACTORS_MAX];
	size_t			 n;
};

static const char *
actor_email(struct pf_req *r, struct actors *a, unsigned long long id)
{
	struct pf_account acc;
	const char *e = "";
	size_t i;

	if (id == 0)
		return "";
	for (i = 0; i < a->n; i++)
		if (a->id[i] == id)
			return a->email[i];
	if (pf_account_load(pf_req_db(r), pf_req_pool(r), id, &acc) == PF_ACC_OK)
		e = acc.email;
	if (a->n < ACTORS_MAX) {
		a->id[a->n] = id;
		a->email[a->n++] = e;
	}
	return e;
}

/* An id as text in pool, "" for none (0). */
static const char *
num(struct pf_pool *pool, unsigned long long v)
{
	return v != 0 ? pf_psprintf(pool, "%llu", v) : "";
}

static int
audit_page(struct pf_req *r, const struct filter *f)
{
	struct pf_db *db = pf_req_db(r);
	struct pf_pool *p = pf_req_pool(r);
	unsigned long long before = field_id(r, F_BEFORE);
	struct pf_audit_row row;
	struct pf_rows rows;
	struct actors actors;
	const char *c;
	size_t i;

	actors.n = 0;
	if (before == 0)
		before = UINT64_C(9007199254740992);
	else
		pf_set(r, "Admin.Audit.Paged", "1");
	if (query(r, p, f, before, PAGE_ROWS + 1, &rows) != PF_DB_OK)
		return 503;
	for (i = 0; i < rows.n && i < PAGE_ROWS; i++) {
		if (pf_audit_row_read(db, p, &rows, i, &row) != PF_C_OK)
			return 503;
		pf_setf(r, ull(r, row.id), "Admin.Audit.Rows.%zu.Id", i);
		pf_setf(r, row.at, "Admin.Audit.Rows.%zu.At", i);
		pf_setf(r, row.program, "Admin.Audit.Rows.%zu.Program", i);
		pf_setf(r, row.action, "Admin.Audit.Rows.%zu.Action", i);
		pf_setf(r, row.outcome, "Admin.Audit.Rows.%zu.Outcome", i);
		pf_setf(r, num(p, row.actor), "Admin.Audit.Rows.%zu.Actor", i);
		pf_setf(r, actor_email(r, &actors, row.actor), "Admin.Audit.Rows.%zu.ActorEmail", i);
		pf_setf(r, num(p, row.actor_org), "Admin.Audit.Rows.%zu.ActorOrg", i);
		pf_setf(r, num(p, row.user), "Admin.Audit.Rows.%zu.User", i);
		pf_setf(r, num(p, row.org), "Admin.Audit.Rows.%zu.Org", i);
		pf_setf(r, row.object, "Admin.Audit.Rows.%zu.Object", i);
		pf_setf(r, row.ip, "Admin.Audit.Rows.%zu.Ip", i);
		pf_setf(r, row.ua, "Admin.Audit.Rows.%zu.Ua", i);
		pf_setf(r, row.detail, "Admin.Audit.Rows.%zu.Detail", i);
		pf_setf(r, row.request_id, "Admin.Audit.Rows.%zu.Request", i);
		if ((c = change(db, p, &rows, i, row.id)) == NULL)
			pf_setf(r, "1", "Admin.Audit.Rows.%zu.Sealed", i);
		else
			pf_setf(r, c, "Admin.Audit.Rows.%zu.Change", i);
		if (!row.opened)
			pf_setf(r, "1", "Admin.Audit.Rows.%zu.Sealed", i);
		if (i + 1 == PAGE_ROWS && rows.n > PAGE_ROWS)
			pf_set(r, "Admin.Audit.Next", pf_psprintf(p, "%s%sbefore=%llu", f->query,
			    *f->query ? "&" : "", row.id));
	}
	return render(r, "admin_audit.cs", "Admin.Audit.Title");
}

/* The request's filter into f (1), or not (0) and *rc the answer: the
 * viewer's page saying what is wrong with it, or an error status. */
static int
filter_ok(struct pf_req *r, struct filter *f, int *rc)
{
	*rc = get_filter(r, f);
	pf_set(r, "Admin.Audit.Query", *rc == 0 ? f->query : "");
	if (*rc != 422)
		return *rc == 0;
	*rc = render(r, "admin_audit.cs", "Admin.Audit.Title");
	return 0;
}

/* GET /admin/audit from to actor event target outcome ip before */
int
page_audit(struct pf_req *r)
{
	struct filter f;
	int rc;

	if (!filter_ok(r, &f, &rc))
		return rc;
	return audit_page(r, &f);
}

/* ---- export ---- */

static const char *const csv_head[] = { "id", "time", "program", "action", "outcome",
	"actor_id", "actor_org_id", "user_id", "org_id", "object", "session_id",
	"request_id", "ip", "user_agent", "detail", "change", NULL };

static void
csv_row(struct pf_pool *p, struct pf_buf *b, const struct pf_audit_row *row,
    const char *chg)
{
	pf_buf_addf(b, "%llu,", row->id);
	/* RFC 3339 in UTC, as in the JSON Lines */
	pf_buf_csv(b, pf_psprintf(p, "%.10sT%sZ", row->at, row->at + 11), 0);
	pf_buf_csv(b, row->program, 0);
	pf_buf_csv(b, row->action, 0);
	pf_buf_csv(b, row->outcome, 0);
	pf_buf_csv(b, num(p, row->actor), 0);
	pf_buf_csv(b, num(p, row->actor_org), 0);
	pf_buf_csv(b, num(p, row->user), 0);
	pf_buf_csv(b, num(p, row->org), 0);
	pf_buf_csv(b, row->object, 0);
	pf_buf_csv(b, num(p, row->session), 0);
	pf_buf_csv(b, row->request_id, 0);
	pf_buf_csv(b, row->ip, 0);
	pf_buf_csv(b, row->ua, 0);
	pf_buf_csv(b, row->detail, 0);
	pf_buf_csv(b, chg != NULL ? chg : "", 1);
}

struct exported {
	const struct filter	*f;
	const char		*format;
	unsigned long long	 rows;
	int			 capped;
};

static int
tx_exported(struct pf_req *r, void *arg)
{
	struct exported *e = arg;
	char *d;

	d = pf_psprintf(pf_req_pool(r), "%s rows=%llu%s%s", e->format, e->rows,
	    e->capped ? " capped=1" : "", e->f->detail);
	if (strlen(d) > DETAIL_MAX)
		d[DETAIL_MAX] = '\0';
	return pf_tx_err(pf_audit_event(r, "audit.exported", PF_AUDIT_OK, 0, e->f->org, "",
	    d, NULL, 0));
}

/*
 * Everything the filter finds (at most EXPORT_MAX rows) into b, read in
 * batches, each in a pool of its own that is wiped and reset before the
 * next, so decrypted rows do not pile up in the request's pool.  0, 503.
 */
static int
export_rows(struct pf_req *r, const struct filter *f, int jsonl, struct pf_buf *b,
    struct exported *e)
{
	struct pf_db *db = pf_req_db(r);
	struct pf_pool *bp = pf_pool_new();
	unsigned long long before = UINT64_C(9007199254740992);
	struct pf_audit_row row;
	struct pf_rows rows;
	char *line;
	size_t i;
	int rc = 0;

	if (!jsonl)
		for (i = 0; csv_head[i] != NULL; i++)
			pf_buf_csv(b, csv_head[i], csv_head[i + 1] == NULL);
	for (;;) {
		if (query(r, bp, f, before, EXPORT_BATCH, &rows) != PF_DB_OK) {
			rc = 503;
			break;
		}
		for (i = 0; i < rows.n && e->rows < EXPORT_MAX; i++) {
			if (pf_audit_row_read(db, bp, &rows, i, &row) != PF_C_OK) {
				rc = 503;
				goto out;
			}
			if (jsonl) {
				if ((line = pf_audit_ecs(&row)) == NULL) {
					rc = 500;
					goto out;
				}
				pf_buf_adds(b, line);
				pf_buf_adds(b, "\n");
				free(line);
			} else
				csv_row(bp, b, &row, change(db, bp, &rows, i, row.id));
			before = row.id;
			e->rows++;
		}
		/* rows left over, or perhaps in the next batch: an export of
		 * exactly EXPORT_MAX rows is reported as capped too */
		if (e->rows >= EXPORT_MAX && (i < rows.n || rows.n == EXPORT_BATCH)) {
			e->capped = 1;
			break;
		}
		if (rows.n < EXPORT_BATCH)
			break;
		pf_pool_reset(bp);
	}
out:
	pf_pool_free(bp);
	return rc;
}

/* The file holds opened addresses and agents: none left behind in freed
 * memory. */
static void
wipe_free(struct pf_buf *b)
{
	if (b->data != NULL)
		pf_wipe(b->data, b->len);
	pf_buf_free(b);
}

/*
 * GET /admin/audit/export format=csv|jsonl and the filter.  The file is
 * built first, the export audited (no data leaves without its event),
 * then sent: Content-Length must be known before the first byte.
 */
int
page_audit_export(struct pf_req *r)
{
	struct pf_pool *p = pf_req_pool(r);
	const char *fmt = pf_req_field(r, F_FORMAT);
	struct pf_buf b = { NULL, 0, 0 };
	struct exported e;
	struct filter f;
	char stamp[32];
	time_t now = time(NULL);
	struct tm tm;
	size_t off, n;
	int jsonl, rc;

	if (fmt == NULL || *fmt == '\0')
		fmt = "csv";
	jsonl = strcmp(fmt, "jsonl") == 0;
	if (!filter_ok(r, &f, &rc))
		return rc;
	memset(&e, 0, sizeof(e));
	e.f = &f;
	e.format = jsonl ? "jsonl" : "csv";
	/* HEAD sends no rows: nothing to record */
	if ((rc = export_rows(r, &f, jsonl, &b, &e)) != 0 ||
	    (pf_req_method(r) != PF_HEAD && (rc = pf_tx(r, tx_exported, &e)) != 0)) {
		wipe_free(&b);
		return rc;
	}
	if (gmtime_r(&now, &tm) == NULL || strftime(stamp, sizeof(stamp), "%Y%m%dT%H%M%SZ",
	    &tm) == 0)
		strcpy(stamp, "now");
	pf_resp_header(r, "Content-Disposition", pf_psprintf(p,
	    "attachment; filename=\"audit-%s.%s\"", stamp, e.format));
	if (e.capped)
		pf_resp_header(r, "X-Pforte-Export-Capped", ull(r, EXPORT_MAX));
	pf_resp_stream_begin(r, jsonl ? "application/x-ndjson; charset=utf-8" :
	    "text/csv; charset=utf-8; header=present", b.len);
	for (off = 0; off < b.len; off += n) {
		n = b.len - off < 65536 ? b.len - off : 65536;
		if (pf_resp_stream(r, b.data + off, n) < 0)
			break;
	}
	wipe_free(&b);
	return 0;
}
