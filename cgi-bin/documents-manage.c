/*
 * documents-manage.c: changing a document.  POST /documents/edit (title,
 * description, category), /documents/share and /documents/unshare,
 * /documents/delete and /documents/version/delete.  Deleting asks first
 * (the same POST without confirm=1 shows what would go) and is soft:
 * `pforte-admin purge` erases after Documents.RetentionDays.
 *
 * Each handler loads the document with doc_load() (404 for what the
 * session cannot see) and then checks the right for this document's
 * organisation; every change is audited in its own transaction.
 */
#include <stdlib.h>

#include "documents.h"

static const char *
object(struct pf_req *r, const struct doc *d)
{
	return pf_psprintf(pf_req_pool(r), "document:%llu", d->id);
}

static int
back(struct pf_req *r, const struct doc *d, const char *done)
{
	return pf_resp_redirect(r, 303, pf_psprintf(pf_req_pool(r),
	    "/documents/view?id=%llu&done=%s", d->id, done));
}

/* The document of the request when the session holds right for it: 0,
 * 404, or 403 with the page and a message. */
static int
load_for(struct pf_req *r, struct doc *d, int write)
{
	int rc;

	if (field_id(r, F_ID) == 0)
		return 404;
	if ((rc = doc_load(r, field_id(r, F_ID), d)) != 0)
		return rc;
	if (write ? d->may_write : d->may_share)
		return 0;
	pf_resp_status(r, 403);
	rc = render_view(r, d, pf_tr(r, write ? "Docs.Error.NoWrite" : "Docs.Error.NoShare"));
	return rc != 0 ? rc : -1;
}

/* A message on the document's page, nothing changed. */
static int
refuse(struct pf_req *r, const struct doc *d, int status, const char *key)
{
	pf_resp_status(r, status);
	return render_view(r, d, pf_tr(r, key));
}

struct edit {
	const struct doc	*doc;
	const char		*title, *description, *category;
};

static int
edit_tx(struct pf_req *r, void *arg)
{
	struct edit *e = arg;
	struct pf_db *db = pf_req_db(r);
	struct pf_pool *p = pf_req_pool(r);
	unsigned long long id = e->doc->id, affected;
	struct pf_val title, desc = PF_NULL;
	struct pf_change ch[3];
	size_t n = 0;
	enum pf_dberr de;

	if (pf_seal(db, p, PF_KS_DOCUMENT, id, PF_AT("documents", "title_enc", id), e->title,
	    strlen(e->title), &title) != PF_C_OK || (*e->description && pf_seal(db, p,
	    PF_KS_DOCUMENT, id, PF_AT("documents", "description_enc", id), e->description,
	    strlen(e->description), &desc) != PF_C_OK))
		return 503;
	if ((de = pf_db_exec(db, SQL_DOC_EDIT, PF_ARGS(PF_STR(e->category), title, desc,
	    PF_INT((long long)id)), &affected, NULL)) != PF_DB_OK)
		return pf_tx_err(de);
	if (affected != 1)
		return 404;
	/* Titles and descriptions may name people: the trail says that
	 * they changed, not what they say. */
	if (strcmp(e->title, e->doc->title) != 0)
		ch[n++] = (struct pf_change){ "title", NULL, NULL };
	if (strcmp(e->description, e->doc->description) != 0)
		ch[n++] = (struct pf_change){ "description", NULL, NULL };
	if (strcmp(e->category, e->doc->category) != 0)
		ch[n++] = (struct pf_change){ "category", e->doc->category, e->category };
	return pf_audit_change(r, "document.edited", 0, e->doc->org, object(r, e->doc), ch, n) ==
	    PF_DB_OK ? 0 : 503;
}

int
page_edit(struct pf_req *r)
{
	struct pf_pool *p = pf_req_pool(r);
	const char *t = pf_req_field(r, F_TITLE), *ds = pf_req_field(r, F_DESC),
	    *c = pf_req_field(r, F_CAT);
	struct doc d;
	struct edit e;
	int rc;

	if ((rc = load_for(r, &d, 1)) != 0)
		return rc < 0 ? 0 : rc;
	e.doc = &d;
	e.title = pf_trim(p, t ? t : "");
	e.description = pf_trim(p, ds ? ds : "");
	e.category = c ? c : "";
	if (*e.title == '\0' || pf_utf8_chars(e.title) > TITLE_MAX)
		return refuse(r, &d, 422, "Docs.Error.Title");
	if (pf_utf8_chars(e.description) > DESC_MAX)
		return refuse(r, &d, 422, "Docs.Error.Description");
	if ((rc = pf_tx(r, edit_tx, &e)) != 0)
		return rc;
	return back(r, &d, "saved");
}

struct share {
	const struct doc	*doc;
	unsigned long long	 org, role;
	const char		*name;
	int			 dup;
};

static int
share_tx(struct pf_req *r, void *arg)
{
	struct share *s = arg;
	unsigned long long user = pf_req_session(r)->user;
	struct pf_change ch;
	enum pf_dberr e;

	e = pf_db_exec(pf_req_db(r), s->org ? SQL_SHARE_ORG : SQL_SHARE_ROLE,
	    PF_ARGS(PF_INT((long long)s->doc->id), PF_INT((long long)(s->org ? s->org : s->role)),
	    PF_INT((long long)user)), NULL, NULL);
	if (e == PF_DB_DUP) {
		s->dup = 1;
		return 409;
	}
	if (e != PF_DB_OK)
		return pf_tx_err(e);
	ch = (struct pf_change){ s->org ? "org" : "role", NULL, s->name };
	return pf_audit_change(r, "document.shared", 0, s->doc->org, object(r, s->doc), &ch, 1) ==
	    PF_DB_OK ? 0 : 503;
}

int
page_share(struct pf_req *r)
{
	struct share s;
	struct doc d;
	struct pf_role role;
	struct pf_rows o;
	int rc, found, global = pf_may_global(r, PF_PERM_DOCUMENTS_SHARE);

	if ((rc = load_for(r, &d, 0)) != 0)
		return rc < 0 ? 0 : rc;
	memset(&s, 0, sizeof(s));
	s.doc = &d;
	s.org = field_id(r, F_ORG);
	s.role = field_id(r, F_ROLE);
	if ((s.org == 0) == (s.role == 0))
		return refuse(r, &d, 422, "Docs.Error.ShareWhom");
	if (s.org != 0) {
		if (s.org == d.org)
			return refuse(r, &d, 422, "Docs.Error.ShareOwn");
		if (pf_db_query(pf_req_db(r), pf_req_pool(r), SQL_ORG_ONE,
		    PF_ARGS(PF_INT((long long)s.org), PF_INT(global)), &o) != PF_DB_OK)
			return 503;
		if (o.n != 1)
			return refuse(r, &d, 422, "Docs.Error.ShareWhom");
		s.name = pf_cell_str(&o, 0, 0);
	} else {
		/* A role's holders are in every organisation. */
		if (!global)
			return refuse(r, &d, 403, "Docs.Error.ShareRole");
		if (pf_role_get(r, s.role, &role, &found) != PF_DB_OK)
			return 503;
		if (!found)
			return refuse(r, &d, 422, "Docs.Error.ShareWhom");
		s.name = role.name;
	}
	if ((rc = pf_tx(r, share_tx, &s)) != 0)
		return s.dup ? refuse(r, &d, 409, "Docs.Error.Shared") : rc;
	return back(r, &d, "shared");
}

struct unshare {
	const struct doc	*doc;
	unsigned long long	 share;
};

static int
unshare_tx(struct pf_req *r, void *arg)
{
	struct unshare *u = arg;
	struct pf_change ch = { "share", idstr(r, u->share), NULL };
	unsigned long long affected;
	enum pf_dberr e;

	if ((e = pf_db_exec(pf_req_db(r), SQL_UNSHARE, PF_ARGS(PF_INT((long long)u->share),
	    PF_INT((long long)u->doc->id)), &affected, NULL)) != PF_DB_OK)
		return pf_tx_err(e);
	if (affected != 1)
		return 404;
	return pf_audit_change(r, "document.unshared", 0, u->doc->org, object(r, u->doc), &ch, 1) ==
	    PF_DB_OK ? 0 : 503;
}

int
page_unshare(struct pf_req *r)
{
	struct unshare u;
	struct doc d;
	int rc;

	if ((rc = load_for(r, &d, 0)) != 0)
		return rc < 0 ? 0 : rc;
	u.doc = &d;
	if ((u.share = field_id(r, F_SHARE)) == 0)
		return 404;
	if ((rc = pf_tx(r, unshare_tx, &u)) != 0)
		return rc;
	return back(r, &d, "unshared");
}

static int
confirm(struct pf_req *r, const struct doc *d, const char *action, const char *what,
    unsigned long long v)
{
	pf_set(r, "Docs.Doc.Id", idstr(r, d->id));
	pf_set(r, "Docs.Doc.Title", d->title);
	pf_set(r, "Docs.Confirm.Action", action);
	pf_set(r, "Docs.Confirm.Text", pf_tr(r, what));
	if (v != 0)
		pf_set(r, "Docs.Confirm.V", idstr(r, v));
	pf_set_int(r, "Docs.RetentionDays", pf_conf_int("Documents.RetentionDays"));
	return pf_render_page(r, "documents_confirm.cs", "documents", "Docs.Confirm.Title");
}

struct del {
	const struct doc	*doc;
	unsigned long long	 version;	/* 0: the whole document */
	int			 last;		/* out: the only version left */
};

static int
delete_tx(struct pf_req *r, void *arg)
{
	struct del *x = arg;
	struct pf_db *db = pf_req_db(r);
	unsigned long long user = pf_req_session(r)->user, affected;
	struct pf_change ch = { "version", idstr(r, x->version), NULL };
	struct pf_rows n;
	enum pf_dberr e;

	if (x->version == 0)
		e = pf_db_exec(db, SQL_DELETE, PF_ARGS(PF_INT((long long)user),
		    PF_INT((long long)x->doc->id)), &affected, NULL);
	else {
		if ((e = pf_db_query(db, pf_req_pool(r), SQL_VER_COUNT,
		    PF_ARGS(PF_INT((long long)x->doc->id)), &n)) != PF_DB_OK)
			return pf_tx_err(e);
		if (n.n == 1 && PF_CELL(&n, 0, 0)->i <= 1) {
			x->last = 1;
			return 409;
		}
		e = pf_db_exec(db, SQL_VER_DELETE, PF_ARGS(PF_INT((long long)x->version),
		    PF_INT((long long)x->doc->id)), &affected, NULL);
	}
	if (e != PF_DB_OK)
		return pf_tx_err(e);
	if (affected != 1)
		return 404;
	return pf_audit_change(r, x->version ? "document.version.deleted" : "document.deleted", 0,
	    x->doc->org, object(r, x->doc), &ch, x->version ? 1 : 0) == PF_DB_OK ? 0 : 503;
}

static int
version_of(struct pf_req *r, const struct doc *d, unsigned long long v)
{
	struct pf_rows rows;

	if (pf_db_query(pf_req_db(r), pf_req_pool(r), SQL_VERSION, PF_ARGS(PF_INT((long long)v),
	    PF_INT((long long)d->id)), &rows) != PF_DB_OK)
		return 503;
	return rows.n == 1 ? 0 : 404;
}

/* Both deletions: ask first (without confirm=1), then delete. */
static int
delete_page(struct pf_req *r, int version)
{
	const char *c = pf_req_field(r, F_CONFIRM);
	struct del x;
	struct doc d;
	int rc;

	if ((rc = load_for(r, &d, 1)) != 0)
		return rc < 0 ? 0 : rc;
	memset(&x, 0, sizeof(x));
	x.doc = &d;
	if (version && (x.version = field_id(r, F_V)) == 0)
		return 404;
	/* Not a version of this document: the same 404 as any unknown id,
	 * before a confirmation or a count of what is left. */
	if (version && (rc = version_of(r, &d, x.version)) != 0)
		return rc;
	if (c == NULL || strcmp(c, "1") != 0)
		return confirm(r, &d, version ? "/documents/version/delete" : "/documents/delete",
		    version ? "Docs.Confirm.Version" : "Docs.Confirm.Document", x.version);
	if ((rc = pf_tx(r, delete_tx, &x)) != 0)
		return x.last ? refuse(r, &d, 409, "Docs.Error.LastVersion") : rc;
	return version ? back(r, &d, "vdeleted") :
	    pf_resp_redirect(r, 303, "/documents?done=deleted");
}

int
page_delete(struct pf_req *r)
{
	return delete_page(r, 0);
}

int
page_version_delete(struct pf_req *r)
{
	return delete_page(r, 1);
}
