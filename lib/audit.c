/*
 * audit.c: the audit trail, a tamper-evident chain of events.
 *
 * pf_audit() only queues an event in the request; pf_tx writes the queue
 * just before it commits (pf_audit_flush), so an event exists exactly when
 * the change it records does.  Writing takes the lock on audit_head,
 * numbers the rows after the head's last id and chains each row's mac to
 * the one before: the lock serialises writers for the few statements
 * before COMMIT, not for the handler's work.  InnoDB releases row locks
 * before it flushes the log, so group commit still batches the fsyncs.
 *
 * What is personal is sealed: the client's address and user agent under
 * the audit seal key, before/after values under the concerned user's key
 * (or the audit seal key when no user is concerned).  The mac covers the
 * sealed bytes, so erasing a user's key (GDPR) leaves the chain
 * verifiable, and rotation never rewrites a row (tools/admin/keys.c).
 * Sealing binds each value to its row id, which is why ids are assigned
 * here and not by AUTO_INCREMENT.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "pf-crypt.h"
#include "pf-int.h"

#define UA_MAX		512	/* bytes of User-Agent kept */

static const char *const outcomes[] = {
	[PF_AUDIT_OK] = "ok",
	[PF_AUDIT_FAIL] = "fail",
	[PF_AUDIT_INFO] = "info",
};

/* A queued event and what is sealed only once its id is known. */
struct pf_audit_q {
	struct pf_event		 ev;
	enum pf_kscope		 scope;		/* of the changes */
	char			*change;	/* JSON, malloc'd, wiped when done */
	struct pf_audit_q	*next;
};

static struct pf_val
id_or_null(unsigned long long id)
{
	return id ? PF_INT((long long)id) : PF_NULL;
}

void
pf_audit_now(char out[PF_TIME_LEN + 1])
{
	struct timespec ts;
	struct tm tm;
	char usec[32];

	clock_gettime(CLOCK_REALTIME, &ts);
	gmtime_r(&ts.tv_sec, &tm);
	strftime(out, PF_TIME_LEN + 1, "%Y-%m-%d %H:%M:%S", &tm);
	snprintf(usec, sizeof(usec), ".%06ld", ts.tv_nsec / 1000);
	memcpy(out + 19, usec, 8);	/* tv_nsec < 10^9: 6 digits and the NUL */
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

static void
discard(struct pf_audit_q *q)
{
	struct pf_audit_q *next;

	for (; q != NULL; q = next) {
		next = q->next;
		if (q->change != NULL) {
			pf_wipe(q->change, strlen(q->change));
			free(q->change);
			q->change = NULL;
		}
	}
}

void
pf_audit_discard(struct pf_req *r)
{
	discard(r->audit);
	r->audit = r->audit_tail = NULL;
}

/* An event outside pf_tx is written at once, in a transaction of its own. */
static enum pf_dberr
write_now(struct pf_req *r)
{
	enum pf_dberr e;

	if ((e = pf_db_begin(r->db)) == PF_DB_OK && (e = pf_audit_flush(r)) == PF_DB_OK &&
	    (e = pf_db_commit(r->db)) == PF_DB_OK) {
		pf_audit_committed(r);
		return PF_DB_OK;
	}
	pf_db_rollback(r->db);
	pf_audit_discard(r);
	return e;
}

enum pf_dberr
pf_audit_event(struct pf_req *r, const char *action, enum pf_outcome o,
    unsigned long long user, unsigned long long org, const char *object,
    const char *detail, const struct pf_change *c, size_t n)
{
	const struct pf_session *s = r->session;
	struct pf_audit_q *q = pf_palloc(r->pool, sizeof(*q));

	if (pf_event_kind(action) == NULL)
		pf_log(r, PF_LOG_ERR, "audit action %s is not listed in events.c", action);
	memset(q, 0, sizeof(*q));
	pf_audit_now(q->ev.at);
	q->ev.action = pf_pstrdup(r->pool, action);
	q->ev.object = pf_pstrdup(r->pool, object ? object : "");
	q->ev.detail = pf_pstrdup(r->pool, detail ? detail : "");
	q->ev.outcome = o;
	/* the actor is known once the second factor is given */
	if (s != NULL && s->level == PF_LEVEL_FULL) {
		q->ev.actor = s->user;
		q->ev.actor_org = s->org;
	}
	q->ev.user = user;
	q->ev.org = org;
	q->ev.session = s != NULL ? s->id : 0;
	if (n > 0) {
		q->change = changes_json(c, n);
		q->scope = user ? PF_KS_USER : PF_KS_AUDIT;
	}
	if (r->audit_tail != NULL) {
		r->audit_tail->next = q;
		r->audit_tail->ev.next = &q->ev;
	} else
		r->audit = q;
	r->audit_tail = q;
	return pf_db_in_tx(r->db) ? PF_DB_OK : write_now(r);
}

enum pf_dberr
pf_audit(struct pf_req *r, const char *action, enum pf_outcome o,
    unsigned long long user, const char *detail)
{
	return pf_audit_event(r, action, o, user, 0, NULL, detail, NULL, 0);
}

enum pf_dberr
pf_audit_change(struct pf_req *r, const char *action, unsigned long long user,
    unsigned long long org, const char *object, const struct pf_change *c, size_t n)
{
	return pf_audit_event(r, action, PF_AUDIT_OK, user, org, object, NULL, c, n);
}

/*
 * mac = HMAC-SHA256(audit key, "pforte-audit-1" || each column || prev):
 * a column is 0xff when NULL, else 0x01, its length (4 bytes, big-endian)
 * and its bytes, integers as decimal text, so the writer's bound values
 * and the verifier's selected ones encode alike.
 */
void
pf_audit_mac(const unsigned char key[PF_KEY_LEN], const struct pf_val *v,
    const unsigned char prev[PF_BIDX_LEN], unsigned char out[PF_BIDX_LEN])
{
	struct pf_buf b = { 0 };
	unsigned char len[4];
	char num[24];
	const char *p;
	size_t i, n;

	for (i = 0; i < PF_AUDIT_MAC_NCOLS; i++) {
		if (v[i].type == PF_V_NULL) {
			pf_buf_add(&b, "\xff", 1);
			continue;
		}
		if (v[i].type == PF_V_INT) {
			n = (size_t)snprintf(num, sizeof(num), "%llu", (unsigned long long)v[i].i);
			p = num;
		} else {
			p = v[i].s;
			n = v[i].len;
		}
		len[0] = (unsigned char)(n >> 24);
		len[1] = (unsigned char)(n >> 16);
		len[2] = (unsigned char)(n >> 8);
		len[3] = (unsigned char)n;
		pf_buf_add(&b, "\x01", 1);
		pf_buf_add(&b, len, 4);
		pf_buf_add(&b, p, n);
	}
	pf_buf_add(&b, prev, PF_BIDX_LEN);
	pf_bidx_compute(key, "pforte-audit-1", b.data, b.len, out);
	pf_wipe(b.data, b.len);
	pf_buf_free(&b);
}

/* The request's User-Agent, cut to UA_MAX bytes on a character boundary. */
static struct pf_val
user_agent(struct pf_req *r)
{
	const char *ua = pf_req_env(r, "HTTP_USER_AGENT");
	size_t n;

	if (ua == NULL || *ua == '\0')
		return PF_NULL;
	n = strlen(ua);
	if (n > UA_MAX) {
		n = UA_MAX;
		while (n > 0 && ((unsigned char)ua[n] & 0xc0) == 0x80)
			n--;
	}
	return PF_BLOB(ua, n);
}

/* The keys one flush uses, copied: a pointer into the key cache lasts only
 * until the next key is looked up.  One lookup each per flush. */
struct flushkeys {
	unsigned char	 mac[PF_KEY_LEN], seal[PF_KEY_LEN];
	uint64_t	 mac_id, seal_id;
	unsigned char	 idx[2][PF_BIDX_LEN];
	int		 has_idx;
};

static enum pf_cerr
copy_key(struct pf_db *db, unsigned long long owner, uint64_t *id,
    unsigned char out[PF_KEY_LEN])
{
	const unsigned char *k;
	enum pf_cerr e;

	if ((e = pf_key_active(db, PF_KS_AUDIT, owner, id, &k)) == PF_C_OK)
		memcpy(out, k, PF_KEY_LEN);
	return e;
}

/* in sealed under the audit seal key, bound to row id's column */
static struct pf_val
seal(struct pf_req *r, const struct flushkeys *k, const char *column, unsigned long long id,
    struct pf_val in)
{
	unsigned char *ct;

	if (in.type == PF_V_NULL)
		return PF_NULL;
	ct = pf_palloc(r->pool, in.len + PF_CT_OVERHEAD);
	if (pf_ct_seal(k->seal, k->seal_id, PF_AT("audit_log", column, id), in.s, in.len,
	    ct) < 0)
		abort();	/* only a broken OpenSSL fails to encrypt */
	return PF_BLOB((const char *)ct, in.len + PF_CT_OVERHEAD);
}

static enum pf_dberr
write_one(struct pf_req *r, struct pf_audit_q *q, unsigned long long id,
    const struct flushkeys *k, unsigned char mac[PF_BIDX_LEN])
{
	struct pf_val v[PF_AUDIT_MAC_NCOLS + 1];

	q->ev.id = id;
	if ((q->ev.has_ip_idx = k->has_idx)) {
		memcpy(q->ev.ip_idx, k->idx[0], PF_BIDX_LEN);
		memcpy(q->ev.net_idx, k->idx[1], PF_BIDX_LEN);
	}
	v[0] = PF_INT((long long)id);
	v[1] = PF_STR(q->ev.at);
	v[2] = PF_STR(r->app->name);
	v[3] = PF_STR(q->ev.action);
	v[4] = PF_STR(outcomes[q->ev.outcome]);
	v[5] = id_or_null(q->ev.actor);
	v[6] = id_or_null(q->ev.actor_org);
	v[7] = id_or_null(q->ev.user);
	v[8] = id_or_null(q->ev.org);
	v[9] = PF_STR(q->ev.object);
	v[10] = id_or_null(q->ev.session);
	v[11] = PF_STR(r->id);
	v[12] = PF_STR(q->ev.detail);
	v[13] = seal(r, k, "ip_enc", id, PF_STR(r->ip));
	v[14] = k->has_idx ? PF_BLOB((const char *)q->ev.ip_idx, PF_BIDX_LEN) : PF_NULL;
	v[15] = k->has_idx ? PF_BLOB((const char *)q->ev.net_idx, PF_BIDX_LEN) : PF_NULL;
	v[16] = seal(r, k, "ua_enc", id, user_agent(r));
	v[17] = PF_NULL;
	v[18] = PF_INT((long long)k->mac_id);
	if (q->change != NULL && q->scope == PF_KS_USER) {
		if (pf_seal(r->db, r->pool, PF_KS_USER, q->ev.user, PF_AT("audit_log",
		    "change_enc", id), q->change, strlen(q->change), &v[17]) != PF_C_OK)
			return PF_DB_ERROR;
	} else if (q->change != NULL)
		v[17] = seal(r, k, "change_enc", id, PF_STR(q->change));
	pf_audit_mac(k->mac, v, mac, mac);
	v[19] = PF_BLOB((const char *)mac, PF_BIDX_LEN);
	return pf_db_exec(r->db, PF_SQL_AUDIT_INSERT, v, PF_AUDIT_MAC_NCOLS + 1, NULL, NULL);
}

/* An event about a user concerns their organisation (at that moment) when
 * the caller named none: a key user sees their members' failed sign-ins. */
static enum pf_dberr
concerned_org(struct pf_req *r, struct pf_event *ev)
{
	struct pf_rows rows;
	enum pf_dberr e;

	if (ev->user == 0 || ev->org != 0)
		return PF_DB_OK;
	if ((e = pf_db_query(r->db, r->pool, PF_SQL_AUDIT_USER_ORG,
	    PF_ARGS(PF_INT((long long)ev->user)), &rows)) != PF_DB_OK)
		return e;
	if (rows.n == 1 && PF_CELL(&rows, 0, 0)->type == PF_V_INT)
		ev->org = (unsigned long long)PF_CELL(&rows, 0, 0)->i;
	return PF_DB_OK;
}

enum pf_dberr
pf_audit_flush(struct pf_req *r)
{
	unsigned char mac[PF_BIDX_LEN] = { 0 };
	unsigned long long id;
	struct flushkeys k;
	struct pf_audit_q *q;
	struct pf_rows head;
	enum pf_dberr e;
	enum pf_cerr ce;

	if (r->audit == NULL)
		return PF_DB_OK;
	/* Everything that needs no row id first: the head's lock is held from
	 * here to the commit, and every writer waits for it. */
	if ((ce = copy_key(r->db, PF_AUDIT_MAC, &k.mac_id, k.mac)) != PF_C_OK ||
	    (ce = copy_key(r->db, PF_AUDIT_SEAL, &k.seal_id, k.seal)) != PF_C_OK) {
		pf_wipe(&k, sizeof(k));
		pf_log(r, PF_LOG_ERR, "audit key: %s (pforte-admin keys init makes it)",
		    pf_crypt_strerror(ce));
		return ce == PF_C_DB ? PF_DB_ERROR : PF_DB_UNAVAILABLE;
	}
	k.has_idx = pf_audit_ip_idx(r->db, r->ip, k.idx[0], k.idx[1]) == PF_C_OK;
	for (q = r->audit, e = PF_DB_OK; q != NULL && e == PF_DB_OK; q = q->next)
		e = concerned_org(r, &q->ev);
	if (e == PF_DB_OK)
		e = pf_db_query(r->db, r->pool, PF_SQL_AUDIT_HEAD, NULL, 0, &head);
	if (e == PF_DB_OK && (head.n != 1 || PF_CELL(&head, 0, 0)->type != PF_V_INT)) {
		pf_log(r, PF_LOG_ERR, "audit_head has no row: run pforte-admin migrate");
		e = PF_DB_ERROR;
	}
	if (e != PF_DB_OK) {
		pf_wipe(&k, sizeof(k));
		return e;
	}
	id = (unsigned long long)PF_CELL(&head, 0, 0)->i;
	if (PF_CELL(&head, 0, 1)->type == PF_V_STR && PF_CELL(&head, 0, 1)->len == PF_BIDX_LEN)
		memcpy(mac, PF_CELL(&head, 0, 1)->s, PF_BIDX_LEN);
	for (q = r->audit; q != NULL && e == PF_DB_OK; q = q->next)
		e = write_one(r, q, ++id, &k, mac);
	pf_wipe(&k, sizeof(k));
	if (e != PF_DB_OK)
		return e;
	return pf_db_exec(r->db, PF_SQL_AUDIT_MOVE, PF_ARGS(PF_INT((long long)id),
	    PF_BLOB((const char *)mac, PF_BIDX_LEN)), NULL, NULL);
}

/* After the commit: the written events go to the alert rules, unless they
 * are the alerts' own. */
void
pf_audit_committed(struct pf_req *r)
{
	struct pf_audit_q *q = r->audit;

	r->audit = r->audit_tail = NULL;
	if (q == NULL)
		return;
	discard(q);
	if (!r->alerting) {
		r->alerting = 1;
		pf_alerts_check(r, &q->ev);
		r->alerting = 0;
	}
}

/* ---- events of batch jobs (pforte-admin) ------------------------------- */

static const char *
batch_getenv(struct pf_io *io, const char *name)
{
	(void)io;
	(void)name;
	return NULL;
}

struct pf_req *
pf_req_batch(struct pf_db *db, const char *program)
{
	struct pf_pool *p = pf_pool_new();
	struct pf_req *r = pf_pcalloc(p, sizeof(*r));
	struct pf_app *app = pf_pcalloc(p, sizeof(*app));
	struct pf_io *io = pf_pcalloc(p, sizeof(*io));
	static int tmpl;
	char err[256];

	/* the language files, for pf_mail_send and pf_tr */
	if (!tmpl && pf_tmpl_init(err, sizeof(err)) < 0)
		pf_log(NULL, PF_LOG_ERR, "templates: %s (no mail from this job)", err);
	tmpl = 1;
	app->name = pf_pstrdup(p, program);
	io->getenv = batch_getenv;
	r->pool = p;
	r->app = app;
	r->io = io;
	r->db = db;
	r->lang = pf_conf_str("Portal.DefaultLang");
	r->ip = "-";	/* as req.c for a request without REMOTE_ADDR */
	r->alerting = 1;	/* the alert rules watch people, not jobs */
	pf_random_hex(r->id, 8);
	pf_tmpl_begin(r);	/* template data nobody renders: pf_sso_logout sets some */
	return r;
}

void
pf_req_batch_free(struct pf_req *r)
{
	struct pf_pool *p;

	if (r == NULL)
		return;
	pf_audit_discard(r);
	pf_tmpl_end(r);
	pf_buf_free(&r->headers);
	p = r->pool;
	pf_pool_free(p);
}
