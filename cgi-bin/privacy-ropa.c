/*
 * privacy-ropa.c: the record of processing activities (Art. 30 GDPR,
 * "Verarbeitungsverzeichnis") and the privacy administration's index.
 *
 *   /privacy/admin                        the index (texts, erasures, activities)
 *   /privacy/admin/activities[/new]       the activities; a new one
 *   /privacy/admin/activity[/delete]      one activity: edit, delete
 *   /privacy/admin/processors[/new]       the processors (Art. 28); a new one
 *   /privacy/admin/processor[/delete]     one processor: edit, delete
 *   /privacy/admin/activities/print       everything as a printable page
 *   /privacy/admin/activities.csv         everything as CSV
 *
 * The record is the company's document, not personal data: stored in
 * clear (sql/011_gdpr.sql), pre-filled by sql/012_ropa.sql.  It concerns
 * no organisation: only a global privacy.manage reaches it.  Every change
 * is one transaction with its audit event (before and after); a form
 * with a wrong field comes back with its messages (422) and nothing
 * stored; a deletion asks first.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "privacy.h"

/* The activity's text fields: form field, column (its audit name),
 * template name, limit in characters (the column's). */
static const struct {
	int		 key;
	const char	*column, *form;
	size_t		 max;
	int		 required;
} act_field[] = {
	{ F_RO_NAME_DE, "name_de", "NameDe", 200, 1 },
	{ F_RO_NAME_EN, "name_en", "NameEn", 200, 1 },
	{ F_RO_PURPOSE_DE, "purpose_de", "PurposeDe", 10000, 1 },
	{ F_RO_PURPOSE_EN, "purpose_en", "PurposeEn", 10000, 1 },
	{ F_RO_BASIS, "legal_basis", "Basis", 200, 1 },
	{ F_RO_DATA, "data_categories", "Data", 10000, 1 },
	{ F_RO_SUBJECTS, "subject_categories", "Subjects", 10000, 1 },
	{ F_RO_RECIPIENTS, "recipients", "Recipients", 10000, 0 },
	{ F_RO_THIRD, "third_country", "Third", 10000, 0 },
	{ F_RO_RETENTION, "retention", "Retention", 10000, 1 },
	{ F_RO_TOMS, "toms", "Toms", 10000, 1 },
};
#define NACT	(sizeof(act_field) / sizeof(act_field[0]))

/* The processor's fields, likewise (the date is checked apart). */
static const struct {
	int		 key;
	const char	*column, *form;
	size_t		 max;
	int		 required;
} proc_field[] = {
	{ F_RO_PNAME, "name", "Name", 200, 1 },
	{ F_RO_SERVICE, "service", "Service", 500, 1 },
	{ F_RO_COUNTRY, "country", "Country", 100, 1 },
	{ F_RO_DPA_DATE, "dpa_signed", "DpaDate", 10, 0 },
	{ F_RO_DPA_REF, "dpa_reference", "DpaRef", 200, 0 },
};
#define NPROC	(sizeof(proc_field) / sizeof(proc_field[0]))

/* An activity as stored or as sent: v[i] is act_field[i]'s text;
 * processors the ids it uses ("1,3"), names their names ("A; B"). */
struct act {
	unsigned long long	 id;
	const char		*v[NACT];
	const char		*updated;
	const char		*processors, *names;
};

/* A processor: v[i] is proc_field[i]'s text ("" for no date). */
struct proc {
	unsigned long long	 id;
	const char		*v[NPROC];
	long long		 uses;
};

/* ---- helpers ------------------------------------------------------------ */

static const char *
ull(struct pf_req *r, unsigned long long v)
{
	return pf_psprintf(pf_req_pool(r), "%llu", v);
}

static unsigned long long
req_id(struct pf_req *r)
{
	const char *v = pf_req_field(r, F_ID);

	return v != NULL ? strtoull(v, NULL, 10) : 0;
}

/* A text field without surrounding white space; "" when absent. */
static const char *
text(struct pf_req *r, int key)
{
	const char *v = pf_req_field(r, key);

	return v != NULL ? pf_trim(pf_req_pool(r), v) : "";
}

static int
see_other(struct pf_req *r, const char *path)
{
	return pf_resp_redirect(r, 303, path);
}

static int
render(struct pf_req *r, const char *tmpl, const char *title)
{
	return pf_render_page(r, tmpl, "privacy-admin", title);
}

/* 1 when the request's language is English (the record's second column). */
static int
english(struct pf_req *r)
{
	return strcmp(pf_req_lang(r), "en") == 0;
}

/* A checked length; on failure the field's message and 1. */
static int
bad_len(struct pf_req *r, const char *form, const char *v, size_t max, int required)
{
	size_t n = pf_utf8_chars(v);

	if (required && n == 0)
		pf_setf(r, pf_tr(r, "Privacy.Ropa.Err.Required"), "Form.Errors.%s", form);
	else if (n > max)
		pf_setf(r, pf_psprintf(pf_req_pool(r), "%s %zu %s",
		    pf_tr(r, "Privacy.Ropa.Err.TooLong"), max, pf_tr(r, "Privacy.Ropa.Err.Chars")),
		    "Form.Errors.%s", form);
	else
		return 0;
	return 1;
}

static void
form_failed(struct pf_req *r)
{
	pf_resp_status(r, 422);
	pf_set(r, "Form.Message", pf_tr(r, "Privacy.Ropa.Err.Check"));
}

/* The confirmation step of a deletion (admin_confirm.cs). */
static int
confirm_page(struct pf_req *r, const char *action, const char *subject, const char *back,
    unsigned long long id)
{
	pf_set(r, "Confirm.Action", action);
	pf_set(r, "Confirm.Text", pf_tr(r, "Privacy.Ropa.Confirm.Text"));
	pf_set(r, "Confirm.Subject", subject);
	pf_set(r, "Confirm.Back", back);
	pf_set(r, "Confirm.Fields.0.Name", "id");
	pf_set(r, "Confirm.Fields.0.Value", ull(r, id));
	return render(r, "admin_confirm.cs", "Privacy.Ropa.Confirm.Title");
}

static int
confirmed(struct pf_req *r)
{
	const char *c = pf_req_field(r, F_RO_CONFIRM);

	return c != NULL && strcmp(c, "1") == 0;
}

/* ---- the index ------------------------------------------------------------ */

/* GET /privacy/admin: the parts of the privacy administration this
 * session may use (the texts and the record: a global privacy.manage;
 * pending erasures: also a key user's users.manage); 403 for none. */
int
page_privacy_admin(struct pf_req *r)
{
	int manage = pf_may_global(r, PF_PERM_PRIVACY_MANAGE),
	    erasures = manage || pf_may_some(r, PF_PERM_USERS_MANAGE);

	if (!erasures)
		return 403;
	if (manage)
		pf_set(r, "PrivacyAdmin.Manage", "1");
	pf_set(r, "PrivacyAdmin.Erasures", "1");
	return render(r, "privacy_admin.cs", "Privacy.Admin.Title");
}

/* ---- reading ---------------------------------------------------------------- */

static void
act_row(const struct pf_rows *rows, size_t i, struct act *a)
{
	size_t k;

	memset(a, 0, sizeof(*a));
	a->id = (unsigned long long)PF_CELL(rows, i, 0)->i;
	for (k = 0; k < NACT; k++)
		a->v[k] = pf_cell_str(rows, i, k + 1);
	a->updated = pf_cell_str(rows, i, NACT + 1);
	a->processors = a->names = "";
}

/* The processors of activity id (0: of all) as rows of SQL_RO_LINKS. */
static int
links(struct pf_req *r, unsigned long long id, struct pf_rows *rows)
{
	return pf_db_query(pf_req_db(r), pf_req_pool(r), SQL_RO_LINKS,
	    PF_ARGS(PF_INT((long long)id), PF_INT((long long)id)), rows) == PF_DB_OK ? 0 : 503;
}

/* The activity the request's id names, with its processors: 0, 404, 503. */
static int
load_act(struct pf_req *r, struct act *a)
{
	struct pf_pool *p = pf_req_pool(r);
	struct pf_rows rows, l;
	size_t i;

	if (req_id(r) == 0)
		return 404;
	if (pf_db_query(pf_req_db(r), p, SQL_RO_ACT_GET, PF_ARGS(PF_INT((long long)req_id(r))),
	    &rows) != PF_DB_OK)
		return 503;
	if (rows.n != 1)
		return 404;
	act_row(&rows, 0, a);
	if (links(r, a->id, &l) != 0)
		return 503;
	for (i = 0; i < l.n; i++) {
		a->processors = pf_psprintf(p, "%s%s%lld", a->processors, i ? "," : "",
		    PF_CELL(&l, i, 1)->i);
		a->names = pf_psprintf(p, "%s%s%s", a->names, i ? "; " : "",
		    pf_cell_str(&l, i, 2));
	}
	return 0;
}

static void
proc_row(const struct pf_rows *rows, size_t i, struct proc *x)
{
	size_t k;

	memset(x, 0, sizeof(*x));
	x->id = (unsigned long long)PF_CELL(rows, i, 0)->i;
	for (k = 0; k < NPROC; k++)
		x->v[k] = pf_cell_str(rows, i, k + 1);
	x->uses = PF_CELL(rows, i, NPROC + 1)->i;
}

static int
load_proc(struct pf_req *r, struct proc *x)
{
	struct pf_rows rows;

	if (req_id(r) == 0)
		return 404;
	if (pf_db_query(pf_req_db(r), pf_req_pool(r), SQL_RO_PROC_GET,
	    PF_ARGS(PF_INT((long long)req_id(r))), &rows) != PF_DB_OK)
		return 503;
	if (rows.n != 1)
		return 404;
	proc_row(&rows, 0, x);
	return 0;
}

/* 1 when id is in the list "1,3,7". */
static int
in_list(const char *list, unsigned long long id)
{
	const char *s = list;
	char *end;

	while (*s) {
		if (strtoull(s, &end, 10) == id)
			return 1;
		s = *end == ',' ? end + 1 : end;
		if (end == s && *s != '\0')
			break;
	}
	return 0;
}

/* Admin.Procs.N for the list and the boxes (Checked: in selected);
 * their names for the audit trail into *names, in the list's order.
 * Returns how many of selected's ids exist (for the check), or -1. */
static long
set_procs(struct pf_req *r, const char *selected, const char **names)
{
	struct pf_pool *p = pf_req_pool(r);
	struct pf_rows rows;
	size_t i;
	long found = 0;

	if (pf_db_query(pf_req_db(r), p, SQL_RO_PROCS, NULL, 0, &rows) != PF_DB_OK)
		return -1;
	if (names != NULL)
		*names = "";
	for (i = 0; i < rows.n; i++) {
		unsigned long long id = (unsigned long long)PF_CELL(&rows, i, 0)->i;

		pf_setf(r, ull(r, id), "Ropa.Procs.%zu.Id", i);
		pf_setf(r, pf_cell_str(&rows, i, 1), "Ropa.Procs.%zu.Name", i);
		pf_setf(r, pf_cell_str(&rows, i, 2), "Ropa.Procs.%zu.Service", i);
		pf_setf(r, pf_cell_str(&rows, i, 3), "Ropa.Procs.%zu.Country", i);
		pf_setf(r, pf_cell_str(&rows, i, 4), "Ropa.Procs.%zu.DpaDate", i);
		pf_setf(r, pf_cell_str(&rows, i, 5), "Ropa.Procs.%zu.DpaRef", i);
		pf_setf(r, ull(r, (unsigned long long)PF_CELL(&rows, i, 6)->i),
		    "Ropa.Procs.%zu.Uses", i);
		if (selected != NULL && in_list(selected, id)) {
			pf_setf(r, "1", "Ropa.Procs.%zu.Checked", i);
			found++;
			if (names != NULL)
				*names = pf_psprintf(p, "%s%s%s", *names, **names ? "; " : "",
				    pf_cell_str(&rows, i, 1));
		}
	}
	return found;
}

/* ---- the list --------------------------------------------------------------- */

/* GET /privacy/admin/activities: the activities in the request's
 * language, with their processors. */
int
page_ro_list(struct pf_req *r)
{
	struct pf_rows rows, l;
	struct act a;
	size_t i, k;

	if (!pf_may_global(r, PF_PERM_PRIVACY_MANAGE))
		return 403;
	if (pf_db_query(pf_req_db(r), pf_req_pool(r), SQL_RO_ACTS, NULL, 0, &rows) != PF_DB_OK ||
	    links(r, 0, &l) != 0)
		return 503;
	for (i = 0; i < rows.n; i++) {
		act_row(&rows, i, &a);
		pf_setf(r, ull(r, a.id), "Ropa.Acts.%zu.Id", i);
		pf_setf(r, a.v[english(r)], "Ropa.Acts.%zu.Name", i);
		pf_setf(r, a.v[4], "Ropa.Acts.%zu.Basis", i);
		for (k = 0; k < l.n; k++)
			if ((unsigned long long)PF_CELL(&l, k, 0)->i == a.id)
				pf_setf(r, pf_cell_str(&l, k, 2), "Ropa.Acts.%zu.Procs.%zu", i, k);
	}
	return render(r, "privacy_activities.cs", "Privacy.Ropa.Title");
}

/* ---- an activity's form ----------------------------------------------------- */

static void
read_act(struct pf_req *r, struct act *a)
{
	size_t k;
	const char *ids = pf_req_field(r, F_RO_PROCESSORS);

	for (k = 0; k < NACT; k++)
		a->v[k] = text(r, act_field[k].key);
	a->processors = ids != NULL ? ids : "";
}

/* Form.*: the values the form shows (a: as sent or stored); the
 * processors' boxes; the heading names the stored activity (stored
 * NULL: a new one). */
static int
show_act(struct pf_req *r, const struct act *a, const struct act *stored)
{
	size_t k;

	for (k = 0; k < NACT; k++)
		pf_setf(r, a->v[k], "Form.%s", act_field[k].form);
	if (set_procs(r, a->processors, NULL) < 0)
		return 503;
	if (stored == NULL)
		pf_set(r, "Ropa.New", "1");
	else {
		pf_set(r, "Ropa.Act.Id", ull(r, stored->id));
		pf_set(r, "Ropa.Act.Name", stored->v[english(r)]);
		pf_set(r, "Ropa.Act.Updated", pf_time_human(pf_req_pool(r), stored->updated));
	}
	return render(r, "privacy_activity.cs", stored == NULL ? "Privacy.Ropa.New" :
	    "Privacy.Ropa.Edit");
}

/* Check the form: 0, or the number of wrong fields (messages set,
 * status 422).  The ids of unknown processors (deleted meanwhile) are
 * refused too; *names gets the known ones' names for the audit. */
static size_t
check_act(struct pf_req *r, struct act *a)
{
	const char *s;
	size_t k, bad = 0, ids = 0;
	long found;

	for (k = 0; k < NACT; k++)
		bad += bad_len(r, act_field[k].form, a->v[k], act_field[k].max,
		    act_field[k].required);
	for (s = a->processors; *s; s++)
		if (*s == ',')
			ids++;
	if (*a->processors)
		ids++;
	if ((found = set_procs(r, a->processors, &a->names)) < 0 || (size_t)found != ids) {
		pf_set(r, "Form.Errors.Processors", pf_tr(r, "Privacy.Ropa.Err.Processor"));
		bad++;
	}
	if (bad)
		form_failed(r);
	return bad;
}

struct act_tx {
	const struct act	*old;	/* NULL: a new one */
	const struct act	*new;
	unsigned long long	 id;
};

/* The activity's processors: the old set replaced by the new one. */
static int
put_links(struct pf_req *r, unsigned long long id, const char *list)
{
	struct pf_db *db = pf_req_db(r);
	enum pf_dberr e;
	const char *s = list;
	char *end;
	unsigned long long p;

	if ((e = pf_db_exec(db, SQL_RO_LINK_CLEAR, PF_ARGS(PF_INT((long long)id)), NULL,
	    NULL)) != PF_DB_OK)
		return pf_tx_err(e);
	while (*s) {
		p = strtoull(s, &end, 10);
		if (end == s)
			break;
		/* a box sent twice is one link */
		if (!in_list(pf_pstrndup(pf_req_pool(r), list, (size_t)(s - list)), p) &&
		    (e = pf_db_exec(db, SQL_RO_LINK_ADD, PF_ARGS(PF_INT((long long)id),
		    PF_INT((long long)p)), NULL, NULL)) != PF_DB_OK)
			return e == PF_DB_ERROR ? 422 : pf_tx_err(e);
		s = *end == ',' ? end + 1 : end;
	}
	return 0;
}

static int
tx_act(struct pf_req *r, void *arg)
{
	struct act_tx *x = arg;
	const struct act *n = x->new, *o = x->old;
	const struct pf_session *s = pf_req_session(r);
	struct pf_change c[NACT + 1];
	struct pf_val v[NACT + 2];
	unsigned long long hit = 0;
	enum pf_dberr e;
	size_t k, nc = 0;
	int rc;

	for (k = 0; k < NACT; k++)
		v[k] = PF_STR(n->v[k]);
	v[NACT] = s != NULL ? PF_INT((long long)s->user) : PF_NULL;
	if (o == NULL) {
		if ((e = pf_db_exec(pf_req_db(r), SQL_RO_ACT_INSERT, v, NACT + 1, NULL,
		    &x->id)) != PF_DB_OK)
			return pf_tx_err(e);
	} else {
		x->id = o->id;
		v[NACT + 1] = PF_INT((long long)o->id);
		if ((e = pf_db_exec(pf_req_db(r), SQL_RO_ACT_UPDATE, v, NACT + 2, &hit,
		    NULL)) != PF_DB_OK)
			return pf_tx_err(e);
		if (hit == 0)
			return 404;	/* deleted meanwhile (found rows, not changed) */
	}
	if ((rc = put_links(r, x->id, n->processors)) != 0)
		return rc;
	for (k = 0; k < NACT; k++)
		if (o == NULL || strcmp(o->v[k], n->v[k]) != 0)
			c[nc++] = (struct pf_change){ act_field[k].column, o ? o->v[k] : NULL,
			    n->v[k] };
	if (o == NULL ? *n->names != '\0' : strcmp(o->names, n->names) != 0)
		c[nc++] = (struct pf_change){ "processors", o ? o->names : NULL, n->names };
	if (o != NULL && nc == 0)
		return 0;
	return pf_tx_err(pf_audit_change(r, o ? "privacy.activity.updated" :
	    "privacy.activity.created", 0, 0, pf_psprintf(pf_req_pool(r), "activity:%llu",
	    x->id), c, nc));
}

/* GET /privacy/admin/activities/new */
int
page_ro_new(struct pf_req *r)
{
	struct act a;
	size_t k;

	if (!pf_may_global(r, PF_PERM_PRIVACY_MANAGE))
		return 403;
	memset(&a, 0, sizeof(a));
	for (k = 0; k < NACT; k++)
		a.v[k] = "";
	a.processors = "";
	return show_act(r, &a, NULL);
}

/* POST /privacy/admin/activities/new and the form */
int
page_ro_new_post(struct pf_req *r)
{
	struct act_tx x;
	struct act a;
	int rc;

	if (!pf_may_global(r, PF_PERM_PRIVACY_MANAGE))
		return 403;
	memset(&a, 0, sizeof(a));
	read_act(r, &a);
	if (check_act(r, &a) > 0)
		return show_act(r, &a, NULL);
	x = (struct act_tx){ NULL, &a, 0 };
	if ((rc = pf_tx(r, tx_act, &x)) == 422) {
		form_failed(r);
		pf_set(r, "Form.Errors.Processors", pf_tr(r, "Privacy.Ropa.Err.Processor"));
		return show_act(r, &a, NULL);
	}
	if (rc != 0)
		return rc;
	return see_other(r, "/privacy/admin/activities");
}

/* GET /privacy/admin/activity id */
int
page_ro_activity(struct pf_req *r)
{
	struct act a;
	int rc;

	if (!pf_may_global(r, PF_PERM_PRIVACY_MANAGE))
		return 403;
	if ((rc = load_act(r, &a)) != 0)
		return rc;
	return show_act(r, &a, &a);
}

/* POST /privacy/admin/activity id and the form */
int
page_ro_activity_post(struct pf_req *r)
{
	struct act old, a;
	struct act_tx x;
	int rc;

	if (!pf_may_global(r, PF_PERM_PRIVACY_MANAGE))
		return 403;
	if ((rc = load_act(r, &old)) != 0)
		return rc;
	a = old;
	read_act(r, &a);
	if (check_act(r, &a) > 0)
		return show_act(r, &a, &old);
	x = (struct act_tx){ &old, &a, 0 };
	if ((rc = pf_tx(r, tx_act, &x)) == 422) {
		form_failed(r);
		pf_set(r, "Form.Errors.Processors", pf_tr(r, "Privacy.Ropa.Err.Processor"));
		return show_act(r, &a, &old);
	}
	if (rc != 0)
		return rc;
	return see_other(r, pf_psprintf(pf_req_pool(r), "/privacy/admin/activity?id=%llu",
	    a.id));
}

static int
tx_act_delete(struct pf_req *r, void *arg)
{
	const struct act *a = arg;
	struct pf_change c[NACT + 1];
	unsigned long long gone = 0;
	enum pf_dberr e;
	size_t k;

	if ((e = pf_db_exec(pf_req_db(r), SQL_RO_ACT_DELETE, PF_ARGS(PF_INT((long long)a->id)),
	    &gone, NULL)) != PF_DB_OK)
		return pf_tx_err(e);
	if (gone == 0)
		return 404;
	for (k = 0; k < NACT; k++)
		c[k] = (struct pf_change){ act_field[k].column, a->v[k], NULL };
	c[NACT] = (struct pf_change){ "processors", a->names, NULL };
	return pf_tx_err(pf_audit_change(r, "privacy.activity.deleted", 0, 0,
	    pf_psprintf(pf_req_pool(r), "activity:%llu", a->id), c, NACT + 1));
}

/* POST /privacy/admin/activity/delete id [confirm=1] */
int
page_ro_activity_delete(struct pf_req *r)
{
	struct act a;
	int rc;

	if (!pf_may_global(r, PF_PERM_PRIVACY_MANAGE))
		return 403;
	if ((rc = load_act(r, &a)) != 0)
		return rc;
	if (!confirmed(r))
		return confirm_page(r, "/privacy/admin/activity/delete", a.v[english(r)],
		    pf_psprintf(pf_req_pool(r), "/privacy/admin/activity?id=%llu", a.id), a.id);
	if ((rc = pf_tx(r, tx_act_delete, &a)) != 0)
		return rc;
	return see_other(r, "/privacy/admin/activities");
}

/* ---- processors --------------------------------------------------------------- */

/* GET /privacy/admin/processors */
int
page_ro_procs(struct pf_req *r)
{
	if (!pf_may_global(r, PF_PERM_PRIVACY_MANAGE))
		return 403;
	if (set_procs(r, NULL, NULL) < 0)
		return 503;
	return render(r, "privacy_processors.cs", "Privacy.Ropa.Procs.Title");
}

/* The processor's form; the heading names the stored one (stored NULL:
 * a new one). */
static int
show_proc(struct pf_req *r, const struct proc *x, const struct proc *stored)
{
	size_t k;

	for (k = 0; k < NPROC; k++)
		pf_setf(r, x->v[k], "Form.%s", proc_field[k].form);
	if (stored == NULL)
		pf_set(r, "Ropa.New", "1");
	else {
		pf_set(r, "Ropa.Proc.Id", ull(r, stored->id));
		pf_set(r, "Ropa.Proc.Name", stored->v[0]);
		pf_set(r, "Ropa.Proc.Uses", pf_psprintf(pf_req_pool(r), "%lld", stored->uses));
	}
	return render(r, "privacy_processor.cs", stored == NULL ? "Privacy.Ropa.Procs.New" :
	    "Privacy.Ropa.Procs.Edit");
}

/* "YYYY-MM-DD" of a real day between 1970 and 9999; "" passes (no date). */
static int
date_ok(const char *s)
{
	struct tm tm, back;
	time_t t;
	int y, m, d, n = 0;

	if (*s == '\0')
		return 1;
	if (strlen(s) != 10 || strspn(s, "0123456789-") != 10 || s[4] != '-' || s[7] != '-' ||
	    sscanf(s, "%4d-%2d-%2d%n", &y, &m, &d, &n) != 3 || n != 10 || y < 1970)
		return 0;
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = y - 1900;
	tm.tm_mon = m - 1;
	tm.tm_mday = d;
	tm.tm_hour = 12;
	if ((t = timegm(&tm)) == (time_t)-1 || gmtime_r(&t, &back) == NULL)
		return 0;
	return back.tm_year == y - 1900 && back.tm_mon == m - 1 && back.tm_mday == d;
}

static void
read_proc(struct pf_req *r, struct proc *x)
{
	size_t k;

	for (k = 0; k < NPROC; k++)
		x->v[k] = text(r, proc_field[k].key);
}

static size_t
check_proc(struct pf_req *r, const struct proc *x)
{
	size_t k, bad = 0;

	for (k = 0; k < NPROC; k++) {
		if (proc_field[k].key == F_RO_DPA_DATE) {
			if (!date_ok(x->v[k])) {
				pf_set(r, "Form.Errors.DpaDate", pf_tr(r, "Privacy.Ropa.Err.Date"));
				bad++;
			}
			continue;
		}
		bad += bad_len(r, proc_field[k].form, x->v[k], proc_field[k].max,
		    proc_field[k].required);
	}
	if (bad)
		form_failed(r);
	return bad;
}

struct proc_tx {
	const struct proc	*old;	/* NULL: a new one */
	const struct proc	*new;
	unsigned long long	 id;
};

static int
tx_proc(struct pf_req *r, void *arg)
{
	struct proc_tx *x = arg;
	const struct proc *n = x->new, *o = x->old;
	struct pf_change c[NPROC];
	struct pf_val v[NPROC + 1];
	unsigned long long hit = 0;
	enum pf_dberr e;
	size_t k, nc = 0;

	for (k = 0; k < NPROC; k++)
		v[k] = proc_field[k].key == F_RO_DPA_DATE && *n->v[k] == '\0' ? PF_NULL :
		    PF_STR(n->v[k]);
	if (o == NULL)
		e = pf_db_exec(pf_req_db(r), SQL_RO_PROC_INSERT, v, NPROC, NULL, &x->id);
	else {
		x->id = o->id;
		v[NPROC] = PF_INT((long long)o->id);
		e = pf_db_exec(pf_req_db(r), SQL_RO_PROC_UPDATE, v, NPROC + 1, &hit, NULL);
	}
	if (e != PF_DB_OK)
		return pf_tx_err(e);
	if (o != NULL && hit == 0)
		return 404;	/* deleted meanwhile (found rows, not changed) */
	for (k = 0; k < NPROC; k++)
		if (o == NULL || strcmp(o->v[k], n->v[k]) != 0)
			c[nc++] = (struct pf_change){ proc_field[k].column, o ? o->v[k] : NULL,
			    n->v[k] };
	if (o != NULL && nc == 0)
		return 0;
	return pf_tx_err(pf_audit_change(r, o ? "privacy.processor.updated" :
	    "privacy.processor.created", 0, 0, pf_psprintf(pf_req_pool(r), "processor:%llu",
	    x->id), c, nc));
}

/* GET /privacy/admin/processors/new */
int
page_ro_proc_new(struct pf_req *r)
{
	struct proc x;
	size_t k;

	if (!pf_may_global(r, PF_PERM_PRIVACY_MANAGE))
		return 403;
	memset(&x, 0, sizeof(x));
	for (k = 0; k < NPROC; k++)
		x.v[k] = "";
	return show_proc(r, &x, NULL);
}

/* POST /privacy/admin/processors/new and the form */
int
page_ro_proc_new_post(struct pf_req *r)
{
	struct proc_tx t;
	struct proc x;
	int rc;

	if (!pf_may_global(r, PF_PERM_PRIVACY_MANAGE))
		return 403;
	memset(&x, 0, sizeof(x));
	read_proc(r, &x);
	if (check_proc(r, &x) > 0)
		return show_proc(r, &x, NULL);
	t = (struct proc_tx){ NULL, &x, 0 };
	if ((rc = pf_tx(r, tx_proc, &t)) != 0)
		return rc;
	return see_other(r, "/privacy/admin/processors");
}

/* GET /privacy/admin/processor id */
int
page_ro_proc(struct pf_req *r)
{
	struct proc x;
	int rc;

	if (!pf_may_global(r, PF_PERM_PRIVACY_MANAGE))
		return 403;
	if ((rc = load_proc(r, &x)) != 0)
		return rc;
	return show_proc(r, &x, &x);
}

/* POST /privacy/admin/processor id and the form */
int
page_ro_proc_post(struct pf_req *r)
{
	struct proc old, x;
	struct proc_tx t;
	int rc;

	if (!pf_may_global(r, PF_PERM_PRIVACY_MANAGE))
		return 403;
	if ((rc = load_proc(r, &old)) != 0)
		return rc;
	x = old;
	read_proc(r, &x);
	if (check_proc(r, &x) > 0)
		return show_proc(r, &x, &old);
	t = (struct proc_tx){ &old, &x, 0 };
	if ((rc = pf_tx(r, tx_proc, &t)) != 0)
		return rc;
	return see_other(r, pf_psprintf(pf_req_pool(r), "/privacy/admin/processor?id=%llu",
	    x.id));
}

static int
tx_proc_delete(struct pf_req *r, void *arg)
{
	const struct proc *x = arg;
	struct pf_change c[NPROC];
	unsigned long long gone = 0;
	enum pf_dberr e;
	size_t k;

	if ((e = pf_db_exec(pf_req_db(r), SQL_RO_PROC_DELETE, PF_ARGS(PF_INT((long long)x->id)),
	    &gone, NULL)) != PF_DB_OK)
		return pf_tx_err(e);
	if (gone == 0)
		return 404;
	for (k = 0; k < NPROC; k++)
		c[k] = (struct pf_change){ proc_field[k].column, x->v[k], NULL };
	return pf_tx_err(pf_audit_change(r, "privacy.processor.deleted", 0, 0,
	    pf_psprintf(pf_req_pool(r), "processor:%llu", x->id), c, NPROC));
}

/* POST /privacy/admin/processor/delete id [confirm=1]: the activities
 * that used it lose it (ON DELETE CASCADE). */
int
page_ro_proc_delete(struct pf_req *r)
{
	struct proc x;
	int rc;

	if (!pf_may_global(r, PF_PERM_PRIVACY_MANAGE))
		return 403;
	if ((rc = load_proc(r, &x)) != 0)
		return rc;
	if (!confirmed(r))
		return confirm_page(r, "/privacy/admin/processor/delete", x.v[0],
		    pf_psprintf(pf_req_pool(r), "/privacy/admin/processor?id=%llu", x.id), x.id);
	if ((rc = pf_tx(r, tx_proc_delete, &x)) != 0)
		return rc;
	return see_other(r, "/privacy/admin/processors");
}

/* ---- export --------------------------------------------------------------------- */

struct exported {
	const char		*format;
	size_t			 rows;
};

static int
tx_exported(struct pf_req *r, void *arg)
{
	const struct exported *e = arg;

	return pf_tx_err(pf_audit_event(r, "privacy.activity.exported", PF_AUDIT_OK, 0, 0, "",
	    pf_psprintf(pf_req_pool(r), "%s rows=%zu", e->format, e->rows), NULL, 0));
}

/* Everything, read once: activities and all links. */
static int
read_all(struct pf_req *r, struct pf_rows *acts, struct pf_rows *l)
{
	if (pf_db_query(pf_req_db(r), pf_req_pool(r), SQL_RO_ACTS, NULL, 0, acts) != PF_DB_OK)
		return 503;
	return links(r, 0, l);
}

/* A processor as one line: "name (service; country; DPA 2026-01-31, ref)". */
static const char *
proc_line(struct pf_req *r, const struct pf_rows *l, size_t k)
{
	const char *date = pf_cell_str(l, k, 5), *ref = pf_cell_str(l, k, 6);

	return pf_psprintf(pf_req_pool(r), "%s (%s; %s; %s %s%s%s)", pf_cell_str(l, k, 2),
	    pf_cell_str(l, k, 3), pf_cell_str(l, k, 4), pf_tr(r, "Privacy.Ropa.Dpa"),
	    *date ? date : pf_tr(r, "Privacy.Ropa.NoDpa"), *ref ? ", " : "", ref);
}

/* GET /privacy/admin/activities/print: every activity with every field
 * and its processors, one printable page (print stylesheet ropa.css). */
int
page_ro_print(struct pf_req *r)
{
	struct pf_rows acts, l;
	struct exported e;
	struct act a;
	size_t i, k, n;
	int rc, en = english(r);
	time_t now = time(NULL);
	struct tm tm;
	char stamp[32];

	if (!pf_may_global(r, PF_PERM_PRIVACY_MANAGE))
		return 403;
	if ((rc = read_all(r, &acts, &l)) != 0)
		return rc;
	for (i = 0; i < acts.n; i++) {
		act_row(&acts, i, &a);
		pf_setf(r, ull(r, a.id), "Ropa.Acts.%zu.Id", i);
		pf_setf(r, a.v[en], "Ropa.Acts.%zu.Name", i);
		pf_setf(r, a.v[!en], "Ropa.Acts.%zu.Other", i);
		pf_setf(r, a.v[2 + en], "Ropa.Acts.%zu.Purpose", i);
		for (k = 4; k < NACT; k++)
			pf_setf(r, a.v[k], "Ropa.Acts.%zu.%s", i, act_field[k].form);
		pf_setf(r, pf_time_human(pf_req_pool(r), a.updated), "Ropa.Acts.%zu.Updated", i);
		for (k = 0, n = 0; k < l.n; k++)
			if ((unsigned long long)PF_CELL(&l, k, 0)->i == a.id)
				pf_setf(r, proc_line(r, &l, k), "Ropa.Acts.%zu.Procs.%zu", i, n++);
	}
	if (gmtime_r(&now, &tm) != NULL && strftime(stamp, sizeof(stamp), "%Y-%m-%d %H:%M UTC",
	    &tm) > 0)
		pf_set(r, "Ropa.Printed", stamp);
	if (set_procs(r, NULL, NULL) < 0)
		return 503;
	e = (struct exported){ "print", acts.n };
	if (pf_req_method(r) != PF_HEAD && (rc = pf_tx(r, tx_exported, &e)) != 0)
		return rc;
	return render(r, "privacy_ropa_print.cs", "Privacy.Ropa.Print.Title");
}

static const char *const csv_head[] = { "id", "name_de", "name_en", "purpose_de",
	"purpose_en", "legal_basis", "data_categories", "subject_categories", "recipients",
	"third_country", "retention", "toms", "processors", "updated_at", NULL };

/* GET /privacy/admin/activities.csv: RFC 4180, UTF-8 with a byte order
 * mark (spreadsheet programs take the file for their legacy code page
 * otherwise), cells that look like formulas neutralised (pf_buf_csv). */
int
page_ro_csv(struct pf_req *r)
{
	struct pf_rows acts, l;
	struct pf_buf b = { NULL, 0, 0 };
	struct exported e;
	struct act a;
	const char *procs;
	size_t i, k, n;
	int rc;

	if (!pf_may_global(r, PF_PERM_PRIVACY_MANAGE))
		return 403;
	if ((rc = read_all(r, &acts, &l)) != 0)
		return rc;
	pf_buf_adds(&b, "\xef\xbb\xbf");
	for (i = 0; csv_head[i] != NULL; i++)
		pf_buf_csv(&b, csv_head[i], csv_head[i + 1] == NULL);
	for (i = 0; i < acts.n; i++) {
		act_row(&acts, i, &a);
		pf_buf_addf(&b, "%llu,", a.id);
		for (k = 0; k < NACT; k++)
			pf_buf_csv(&b, a.v[k], 0);
		procs = "";
		for (k = 0, n = 0; k < l.n; k++)
			if ((unsigned long long)PF_CELL(&l, k, 0)->i == a.id)
				procs = pf_psprintf(pf_req_pool(r), "%s%s%s", procs,
				    n++ ? "\n" : "", proc_line(r, &l, k));
		pf_buf_csv(&b, procs, 0);
		pf_buf_csv(&b, a.updated, 1);
	}
	e = (struct exported){ "csv", acts.n };
	if (pf_req_method(r) != PF_HEAD && (rc = pf_tx(r, tx_exported, &e)) != 0) {
		pf_buf_free(&b);
		return rc;
	}
	pf_resp_header(r, "Content-Disposition",
	    "attachment; filename=\"processing-activities.csv\"");
	pf_resp_type(r, "text/csv; charset=utf-8; header=present");
	pf_resp_write(r, b.data, b.len);
	pf_buf_free(&b);
	return 0;
}
