/*
 * documents-get.c: /documents/view (a document, its versions and, for
 * those who may, the forms to change and share it) and
 * /documents/download (a version's content, streamed chunk by chunk).
 *
 * A download is always an attachment with the detected type (active types
 * as application/octet-stream), nosniff and a sandboxing CSP, so nothing
 * uploaded is ever rendered by the portal's origin.  Every chunk is
 * checked before its bytes leave: the first before the head goes out, so
 * a damaged document gets an error page; a later one that fails cuts the
 * transfer short of its Content-Length, which the client reports as a
 * broken download; no altered byte is ever delivered.
 */
#include <stdlib.h>

#include "documents.h"

static const char *
size_human(struct pf_pool *p, long long n)
{
	if (n < 1024)
		return pf_psprintf(p, "%lld B", n);
	if (n < 1024 * 1024)
		return pf_psprintf(p, "%.1f KiB", (double)n / 1024);
	if (n < 1024LL * 1024 * 1024)
		return pf_psprintf(p, "%.1f MiB", (double)n / (1024 * 1024));
	return pf_psprintf(p, "%.2f GiB", (double)n / (1024 * 1024 * 1024));
}

/* A version's file name, "" when it does not open (logged). */
static const char *
version_name(struct pf_req *r, unsigned long long v, const struct pf_val *enc)
{
	const char *name = opened(r, "document_versions", "filename_enc", v, enc);

	return name != NULL ? name : "";
}

static int
set_versions(struct pf_req *r, const struct doc *d)
{
	struct pf_pool *p = pf_req_pool(r);
	struct pf_rows v;
	unsigned long long id;
	size_t i;

	if (pf_db_query(pf_req_db(r), p, SQL_VERSIONS, PF_ARGS(PF_INT((long long)d->id)), &v) !=
	    PF_DB_OK)
		return 503;
	for (i = 0; i < v.n; i++) {
		id = (unsigned long long)PF_CELL(&v, i, 0)->i;
		pf_setf(r, idstr(r, id), "Docs.Versions.%zu.Id", i);
		pf_setf(r, idstr(r, (unsigned long long)(v.n - i)), "Docs.Versions.%zu.Number", i);
		pf_setf(r, version_name(r, id, PF_CELL(&v, i, 4)), "Docs.Versions.%zu.Name", i);
		pf_setf(r, size_human(p, PF_CELL(&v, i, 1)->i), "Docs.Versions.%zu.Size", i);
		pf_setf(r, pf_cell_str(&v, i, 3), "Docs.Versions.%zu.Type", i);
		pf_setf(r, pf_time_human(p, pf_cell_str(&v, i, 6)), "Docs.Versions.%zu.Created", i);
	}
	return 0;
}

static int
set_shares(struct pf_req *r, const struct doc *d)
{
	struct pf_rows s;
	const char *lang = pf_req_lang(r);
	size_t i;
	int global = pf_may_global(r, PF_PERM_DOCUMENTS_SHARE);

	if (pf_db_query(pf_req_db(r), pf_req_pool(r), SQL_SHARES,
	    PF_ARGS(PF_INT((long long)d->id)), &s) != PF_DB_OK)
		return 503;
	for (i = 0; i < s.n; i++) {
		pf_setf(r, idstr(r, (unsigned long long)PF_CELL(&s, i, 0)->i), "Docs.Shares.%zu.Id", i);
		if (PF_CELL(&s, i, 1)->i != 0) {
			pf_setf(r, "org", "Docs.Shares.%zu.Kind", i);
			pf_setf(r, pf_cell_str(&s, i, 2), "Docs.Shares.%zu.Name", i);
		} else {
			pf_setf(r, "role", "Docs.Shares.%zu.Kind", i);
			pf_setf(r, pf_cell_str(&s, i, strcmp(lang, "de") == 0 ? 4 : 5),
			    "Docs.Shares.%zu.Name", i);
		}
	}
	if (set_orgs(r, "ShareOrgs", global, d->org) != PF_DB_OK)
		return 503;
	if (global) {
		pf_set(r, "Page.Can.ShareRole", "1");
		if (pf_db_query(pf_req_db(r), pf_req_pool(r), SQL_ROLES, NULL, 0, &s) != PF_DB_OK)
			return 503;
		for (i = 0; i < s.n; i++) {
			pf_setf(r, idstr(r, (unsigned long long)PF_CELL(&s, i, 0)->i),
			    "Docs.ShareRoles.%zu.Id", i);
			pf_setf(r, pf_cell_str(&s, i, strcmp(lang, "de") == 0 ? 1 : 2),
			    "Docs.ShareRoles.%zu.Name", i);
		}
	}
	return 0;
}

int
render_view(struct pf_req *r, const struct doc *d, const char *message)
{
	struct pf_pool *p = pf_req_pool(r);
	const char *done = pf_req_field(r, F_DONE);
	int rc;

	pf_set(r, "Docs.Doc.Id", idstr(r, d->id));
	pf_set(r, "Docs.Doc.Title", d->title);
	pf_set(r, "Docs.Doc.Description", d->description);
	pf_set(r, "Docs.Doc.Category", d->category);
	if (*d->category)
		pf_set(r, "Docs.Doc.CategoryLabel", pf_tr(r, pf_psprintf(p, "Docs.Category.%s",
		    d->category)));
	pf_set(r, "Docs.Doc.Org", d->org_name);
	pf_set(r, "Docs.Doc.Updated", pf_time_human(p, d->updated));
	if ((rc = set_versions(r, d)) != 0)
		return rc;
	if (d->may_write) {
		pf_set(r, "Page.Can.Write", "1");
		set_categories(r, d->category);
		pf_set_int(r, "Docs.TitleMax", TITLE_MAX);
		pf_set_int(r, "Docs.DescMax", DESC_MAX);
		pf_set_int(r, "Docs.MaxMB", pf_conf_int("Documents.MaxMB"));
	}
	if (d->may_share) {
		pf_set(r, "Page.Can.Share", "1");
		if ((rc = set_shares(r, d)) != 0)
			return rc;
	}
	pf_set(r, "Form.Message", message);
	if (done != NULL && message == NULL)
		pf_set(r, "Form.Notice", pf_tr(r, pf_psprintf(p, "Docs.Done.%s", done)));
	return pf_render_page(r, "documents_view.cs", "documents", "Docs.View.Title");
}

int
page_view(struct pf_req *r)
{
	struct doc d;
	int rc;

	if (field_id(r, F_ID) == 0)
		return 404;
	if ((rc = doc_load(r, field_id(r, F_ID), &d)) != 0)
		return rc;
	return render_view(r, &d, NULL);
}

/* What a download needs of its version. */
struct ver {
	unsigned long long	 id;
	long long		 size;
	unsigned long long	 chunks;
	const char		*mime;
	const char		*name;
};

struct event {
	const struct doc	*doc;
	const struct ver	*ver;
	const char		*name;
};

static int
audit_tx(struct pf_req *r, void *arg)
{
	const struct event *e = arg;
	struct pf_change ch = { "version", NULL, idstr(r, e->ver->id) };

	return pf_audit_change(r, e->name, 0, e->doc->org, pf_psprintf(pf_req_pool(r),
	    "document:%llu", e->doc->id), &ch, 1) == PF_DB_OK ? 0 : 503;
}

static void
audit(struct pf_req *r, const struct doc *d, const struct ver *v, const char *name)
{
	struct event e = { d, v, name };

	if (pf_tx(r, audit_tx, &e) != 0)
		pf_log(r, PF_LOG_ERR, "documents: %s of document %llu not audited", name, d->id);
}

/* Read and open chunk seq into out: 0, or -1 (logged). */
static int
chunk(struct pf_req *r, struct pf_pool *p, const struct ver *v, unsigned long long seq,
    unsigned char *out, size_t *n)
{
	struct pf_rows c;
	enum pf_cerr e;

	pf_pool_reset(p);
	if (pf_db_query(pf_req_db(r), p, SQL_CHUNK, PF_ARGS(PF_INT((long long)v->id),
	    PF_INT((long long)seq)), &c) != PF_DB_OK)
		return -1;
	if (c.n != 1) {
		pf_log(r, PF_LOG_ERR, "documents: chunk %llu of version %llu is missing", seq, v->id);
		return -1;
	}
	if ((e = pf_chunk_open(pf_req_db(r), v->id, seq, seq + 1 == v->chunks,
	    PF_CELL(&c, 0, 0)->s, PF_CELL(&c, 0, 0)->len, out, n)) != PF_C_OK) {
		pf_log(r, PF_LOG_ERR, "documents: chunk %llu of version %llu does not open: %s",
		    seq, v->id, pf_crypt_strerror(e));
		return -1;
	}
	return 0;
}

static int
load_version(struct pf_req *r, const struct doc *d, struct ver *v)
{
	unsigned long long want = field_id(r, F_V);
	struct pf_rows rows;
	enum pf_dberr e;

	e = want ? pf_db_query(pf_req_db(r), pf_req_pool(r), SQL_VERSION,
	    PF_ARGS(PF_INT((long long)want), PF_INT((long long)d->id)), &rows) :
	    pf_db_query(pf_req_db(r), pf_req_pool(r), SQL_LATEST,
	    PF_ARGS(PF_INT((long long)d->id)), &rows);
	if (e != PF_DB_OK)
		return 503;
	if (rows.n != 1)
		return 404;
	v->id = (unsigned long long)PF_CELL(&rows, 0, 0)->i;
	v->size = PF_CELL(&rows, 0, 1)->i;
	v->chunks = (unsigned long long)PF_CELL(&rows, 0, 2)->i;
	v->mime = pf_cell_str(&rows, 0, 3);
	v->name = version_name(r, v->id, PF_CELL(&rows, 0, 4));
	if (*v->name == '\0' || v->chunks == 0)
		return 500;
	return 0;
}

int
page_download(struct pf_req *r)
{
	struct pf_pool *p = pf_req_pool(r);
	struct pf_pool *cp;
	struct doc d;
	struct ver v;
	unsigned char *out;
	unsigned long long seq;
	long long sent = 0;
	size_t n;
	int rc;

	if (field_id(r, F_ID) == 0)
		return 404;
	if ((rc = doc_load(r, field_id(r, F_ID), &d)) != 0 || (rc = load_version(r, &d, &v)) != 0)
		return rc;
	cp = pf_pool_new();
	out = pf_xmalloc(PF_CHUNK_MAX);
	if (chunk(r, cp, &v, 0, out, &n) < 0) {
		audit(r, &d, &v, "document.damaged");
		rc = pf_message(r, 500, "Docs.Damaged", pf_psprintf(p, "/documents/view?id=%llu",
		    d.id), "Docs.Back");
		goto done;
	}
	if (pf_req_method(r) != PF_HEAD)
		audit(r, &d, &v, "document.downloaded");
	pf_resp_header(r, "Content-Disposition", disposition(p, name_for_type(p, v.name,
	    v.mime)));
	/* Should a browser show it after all: no script, no plugin, no
	 * same-origin access. */
	pf_resp_header(r, "Content-Security-Policy", "sandbox; default-src 'none'");
	pf_resp_stream_begin(r, type_served(v.mime), (unsigned long long)v.size);
	rc = 0;
	for (seq = 0; pf_req_method(r) != PF_HEAD && seq < v.chunks; seq++) {
		if (seq > 0 && chunk(r, cp, &v, seq, out, &n) < 0) {
			audit(r, &d, &v, "document.damaged");
			rc = 500;
			break;
		}
		if (sent + (long long)n > v.size) {
			pf_log(r, PF_LOG_ERR, "documents: version %llu is longer than recorded", v.id);
			rc = 500;
			break;
		}
		if (pf_resp_stream(r, out, n) < 0)
			break;	/* the client went away: nothing more to do */
		sent += (long long)n;
	}
	if (rc == 0 && pf_req_method(r) != PF_HEAD && seq == v.chunks && sent != v.size) {
		pf_log(r, PF_LOG_ERR, "documents: version %llu is shorter than recorded", v.id);
		rc = 500;
	}
	pf_wipe(out, PF_CHUNK_MAX);
done:
	free(out);
	pf_pool_free(cp);
	return rc;
}
