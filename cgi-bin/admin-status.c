/*
 * admin-status.c: the texts of the public status page: maintenance
 * windows and security notices, in German and English.  They belong to
 * no organisation, so only a global status.manage reaches them.  Times
 * are UTC, typed as "YYYY-MM-DD HH:MM".
 */
#include <time.h>

#include "admin.h"

#define BODY_MAX	5000	/* characters */

static int
may(struct pf_req *r)
{
	return pf_may(r, PF_PERM_STATUS_MANAGE, 0);
}

/* Now as an SQL DATETIME in UTC, to compare typed times with. */
static const char *
now_sql(struct pf_req *r)
{
	time_t t = time(NULL);
	struct tm tm;

	if (gmtime_r(&t, &tm) == NULL)
		return "9999-12-31 23:59:59";
	return pf_psprintf(pf_req_pool(r), "%04d-%02d-%02d %02d:%02d:%02d", tm.tm_year + 1900,
	    tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

static const char *
human(struct pf_req *r, const struct pf_rows *rows, size_t i, size_t col)
{
	const char *v = pf_cell_str(rows, i, col), *h;

	return *v && (h = pf_time_human(pf_req_pool(r), v)) != NULL ? h : v;
}

static int
status_page(struct pf_req *r)
{
	struct pf_db *db = pf_req_db(r);
	struct pf_pool *p = pf_req_pool(r);
	struct pf_rows m, nt;
	int en = strcmp(pf_req_lang(r), "en") == 0;
	size_t i;

	if (pf_db_query(db, p, SQL_MAINT_LIST, NULL, 0, &m) != PF_DB_OK ||
	    pf_db_query(db, p, SQL_NOTICE_LIST, NULL, 0, &nt) != PF_DB_OK)
		return 503;
	for (i = 0; i < m.n; i++) {
		pf_setf(r, ull(r, (unsigned long long)PF_CELL(&m, i, 0)->i), "Admin.Maint.%zu.Id", i);
		pf_setf(r, human(r, &m, i, 1), "Admin.Maint.%zu.Starts", i);
		pf_setf(r, human(r, &m, i, 2), "Admin.Maint.%zu.Ends", i);
		pf_setf(r, pf_cell_str(&m, i, 3 + en), "Admin.Maint.%zu.Title", i);
		pf_setf(r, pf_cell_str(&m, i, 5 + en), "Admin.Maint.%zu.Body", i);
		if (PF_CELL(&m, i, 7)->i)
			pf_setf(r, "1", "Admin.Maint.%zu.Past", i);
	}
	for (i = 0; i < nt.n; i++) {
		pf_setf(r, ull(r, (unsigned long long)PF_CELL(&nt, i, 0)->i),
		    "Admin.Notices.%zu.Id", i);
		pf_setf(r, pf_cell_str(&nt, i, 1), "Admin.Notices.%zu.Severity", i);
		pf_setf(r, pf_cell_str(&nt, i, 2 + en), "Admin.Notices.%zu.Title", i);
		pf_setf(r, pf_cell_str(&nt, i, 4 + en), "Admin.Notices.%zu.Body", i);
		pf_setf(r, human(r, &nt, i, 6), "Admin.Notices.%zu.Published", i);
		if (*pf_cell_str(&nt, i, 7))
			pf_setf(r, human(r, &nt, i, 7), "Admin.Notices.%zu.Expires", i);
		if (PF_CELL(&nt, i, 8)->i)
			pf_setf(r, "1", "Admin.Notices.%zu.Expired", i);
	}
	return render(r, "admin_status.cs", "Admin.Status.Title");
}

int
page_status(struct pf_req *r)
{
	if (!may(r))
		return 403;
	pf_set(r, "Form.N.Severity", "info");
	return status_page(r);
}

/* The texts both forms have, checked; NULL or the message's key. */
struct texts {
	const char	*title_de, *title_en, *body_de, *body_en;
};

static const char *
check_texts(struct pf_req *r, struct texts *t, const char *form)
{
	struct pf_pool *p = pf_req_pool(r);

	t->title_de = field_text(r, F_TITLE_DE);
	t->title_en = field_text(r, F_TITLE_EN);
	t->body_de = field_text(r, F_BODY_DE);
	t->body_en = field_text(r, F_BODY_EN);
	pf_set(r, pf_psprintf(p, "Form.%s.TitleDe", form), t->title_de);
	pf_set(r, pf_psprintf(p, "Form.%s.TitleEn", form), t->title_en);
	pf_set(r, pf_psprintf(p, "Form.%s.BodyDe", form), t->body_de);
	pf_set(r, pf_psprintf(p, "Form.%s.BodyEn", form), t->body_en);
	if (!text_len_ok(t->title_de, 1, 200) || !text_len_ok(t->title_en, 1, 200))
		return "Admin.Status.Error.Title";
	if (!text_len_ok(t->body_de, 0, BODY_MAX) || !text_len_ok(t->body_en, 0, BODY_MAX))
		return "Admin.Status.Error.Body";
	return NULL;
}

/* The page again with the message above the form that was sent. */
static int
refused(struct pf_req *r, const char *form, const char *key)
{
	form_message(r, 422, key);
	pf_set(r, "Form.Which", form);
	if (strcmp(form, "N") != 0)
		pf_set(r, "Form.N.Severity", "info");
	return status_page(r);
}

struct window {
	const char		*starts, *ends;
	struct texts		 t;
	unsigned long long	 id;
};

static int
tx_maint(struct pf_req *r, void *arg)
{
	struct window *w = arg;
	struct pf_change c[4];
	enum pf_dberr e;

	if ((e = pf_db_exec(pf_req_db(r), SQL_MAINT_INSERT, PF_ARGS(PF_STR(w->starts),
	    PF_STR(w->ends), PF_STR(w->t.title_de), PF_STR(w->t.title_en),
	    PF_STR(w->t.body_de), PF_STR(w->t.body_en)), NULL, &w->id)) != PF_DB_OK)
		return pf_tx_err(e);
	c[0] = (struct pf_change){ "starts_at", NULL, w->starts };
	c[1] = (struct pf_change){ "ends_at", NULL, w->ends };
	c[2] = (struct pf_change){ "title_de", NULL, w->t.title_de };
	c[3] = (struct pf_change){ "title_en", NULL, w->t.title_en };
	return audit(r, "admin.maintenance.created", 0, 0,
	    pf_psprintf(pf_req_pool(r), "maintenance:%llu", w->id), c, 4);
}

/* POST /admin/maintenance starts ends title_* body_* */
int
page_maint_post(struct pf_req *r)
{
	struct window w;
	const char *why;
	int rc;

	if (!may(r))
		return 403;
	memset(&w, 0, sizeof(w));
	pf_set(r, "Form.M.Starts", field_text(r, F_STARTS));
	pf_set(r, "Form.M.Ends", field_text(r, F_ENDS));
	if ((w.starts = parse_when(r, field_text(r, F_STARTS))) == NULL ||
	    (w.ends = parse_when(r, field_text(r, F_ENDS))) == NULL)
		return refused(r, "M", "Admin.Status.Error.Time");
	if (strcmp(w.ends, w.starts) <= 0)
		return refused(r, "M", "Admin.Status.Error.Order");
	if (strcmp(w.ends, now_sql(r)) <= 0)
		return refused(r, "M", "Admin.Status.Error.Past");
	if ((why = check_texts(r, &w.t, "M")) != NULL)
		return refused(r, "M", why);
	if ((rc = pf_tx(r, tx_maint, &w)) != 0)
		return rc;
	return see_other(r, "/admin/status");
}

struct notice {
	const char		*severity, *expires;
	struct texts		 t;
	unsigned long long	 id;
};

static int
tx_notice(struct pf_req *r, void *arg)
{
	struct notice *n = arg;
	struct pf_change c[4];
	enum pf_dberr e;

	if ((e = pf_db_exec(pf_req_db(r), SQL_NOTICE_INSERT, PF_ARGS(PF_STR(n->severity),
	    PF_STR(n->t.title_de), PF_STR(n->t.title_en), PF_STR(n->t.body_de),
	    PF_STR(n->t.body_en), n->expires != NULL ? PF_STR(n->expires) : PF_NULL),
	    NULL, &n->id)) != PF_DB_OK)
		return pf_tx_err(e);
	c[0] = (struct pf_change){ "severity", NULL, n->severity };
	c[1] = (struct pf_change){ "title_de", NULL, n->t.title_de };
	c[2] = (struct pf_change){ "title_en", NULL, n->t.title_en };
	c[3] = (struct pf_change){ "expires_at", NULL, n->expires };
	return audit(r, "admin.notice.created", 0, 0, pf_psprintf(pf_req_pool(r), "notice:%llu", n->id),
	    c, 4);
}

/* POST /admin/notices severity title_* body_* [expires]: expires is a
 * time ("YYYY-MM-DD HH:MM") or a day (its start), in the future. */
int
page_notice_post(struct pf_req *r)
{
	struct notice n;
	const char *why, *exp = field_text(r, F_EXPIRES);
	int rc;

	if (!may(r))
		return 403;
	memset(&n, 0, sizeof(n));
	n.severity = pf_req_field(r, F_SEVERITY);
	pf_set(r, "Form.N.Severity", n.severity != NULL ? n.severity : "info");
	pf_set(r, "Form.N.Expires", exp);
	if (n.severity == NULL)
		return refused(r, "N", "Admin.Status.Error.Severity");
	if (*exp) {
		if (strlen(exp) == 10) {
			if (pf_date_future(pf_req_pool(r), exp, &n.expires) == -2)
				return refused(r, "N", "Admin.Status.Error.Past");
		} else
			n.expires = parse_when(r, exp);
		if (n.expires == NULL)
			return refused(r, "N", "Admin.Status.Error.Time");
		if (strcmp(n.expires, now_sql(r)) <= 0)
			return refused(r, "N", "Admin.Status.Error.Past");
	}
	if ((why = check_texts(r, &n.t, "N")) != NULL)
		return refused(r, "N", why);
	if ((rc = pf_tx(r, tx_notice, &n)) != 0)
		return rc;
	return see_other(r, "/admin/status");
}

struct gone {
	unsigned long long	 id;
	const char		*kind;	/* maintenance | notice */
	struct pf_rows		 before;
};

static int
tx_delete(struct pf_req *r, void *arg)
{
	struct gone *g = arg;
	int maint = strcmp(g->kind, "maintenance") == 0;
	struct pf_change c[4];
	unsigned long long n = 0;
	enum pf_dberr e;
	size_t i;

	if ((e = pf_db_query(pf_req_db(r), pf_req_pool(r), maint ? SQL_MAINT_GET :
	    SQL_NOTICE_GET, PF_ARGS(PF_INT((long long)g->id)), &g->before)) != PF_DB_OK)
		return pf_tx_err(e);
	if (g->before.n == 0)
		return 404;
	if ((e = pf_db_exec(pf_req_db(r), maint ? SQL_MAINT_DELETE : SQL_NOTICE_DELETE,
	    PF_ARGS(PF_INT((long long)g->id)), &n, NULL)) != PF_DB_OK)
		return pf_tx_err(e);
	for (i = 0; i < 4; i++) {
		static const char *const mcols[] = { "starts_at", "ends_at", "title_de", "title_en" };
		static const char *const ncols[] = { "severity", "title_de", "title_en",
		    "expires_at" };

		c[i] = (struct pf_change){ maint ? mcols[i] : ncols[i],
		    pf_cell_str(&g->before, 0, i), NULL };
	}
	return audit(r, pf_psprintf(pf_req_pool(r), "admin.%s.deleted", g->kind), 0, 0,
	    pf_psprintf(pf_req_pool(r), "%s:%llu", g->kind, g->id), c, 4);
}

static int
delete(struct pf_req *r, const char *kind)
{
	struct gone g;
	int rc;

	if (!may(r))
		return 403;
	if (pf_req_field(r, F_ID) == NULL)
		return 400;
	memset(&g, 0, sizeof(g));
	g.id = field_id(r, F_ID);
	g.kind = kind;
	if ((rc = pf_tx(r, tx_delete, &g)) != 0)
		return rc;
	return see_other(r, "/admin/status");
}

/* POST /admin/maintenance/delete id */
int
page_maint_delete(struct pf_req *r)
{
	return delete(r, "maintenance");
}

/* POST /admin/notices/delete id */
int
page_notice_delete(struct pf_req *r)
{
	return delete(r, "notice");
}
