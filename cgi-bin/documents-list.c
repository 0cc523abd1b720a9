/*
 * documents-list.c: /documents, every document the session may read,
 * newest first, searched by title and filtered by category; and
 * /documents/new, the upload form.
 *
 * Titles are sealed, so there is no index to search: the visible
 * documents (at most 1000, SQL_LIST) are opened and matched here,
 * ignoring ASCII case.
 */
#include <strings.h>

#include "documents.h"

#define SHOWN_MAX	200

static int
matches(const char *title, const char *q)
{
	size_t n = strlen(q), i;

	if (n == 0)
		return 1;
	for (i = 0; title[i]; i++)
		if (strncasecmp(title + i, q, n) == 0)
			return 1;
	return 0;
}

int
page_list(struct pf_req *r)
{
	struct pf_pool *p = pf_req_pool(r);
	const char *q = pf_req_field(r, F_Q), *cat = pf_req_field(r, F_CAT),
	    *done = pf_req_field(r, F_DONE);
	struct pf_rows rows;
	struct doc d;
	size_t i, k = 0;

	q = pf_trim(p, q ? q : "");
	cat = cat ? cat : "";
	if (list_query(r, cat, &rows) != PF_DB_OK)
		return 503;
	for (i = 0; i < rows.n && k < SHOWN_MAX; i++) {
		if (doc_row(r, &rows, i, &d) < 0 || !matches(d.title, q))
			continue;
		pf_setf(r, idstr(r, d.id), "Docs.List.%zu.Id", k);
		pf_setf(r, d.title, "Docs.List.%zu.Title", k);
		pf_setf(r, d.org_name, "Docs.List.%zu.Org", k);
		if (*d.category)
			pf_setf(r, pf_tr(r, pf_psprintf(p, "Docs.Category.%s", d.category)),
			    "Docs.List.%zu.Category", k);
		pf_setf(r, pf_time_human(p, d.updated), "Docs.List.%zu.Updated", k);
		k++;
	}
	if (k == SHOWN_MAX)
		pf_set(r, "Docs.More", "1");
	pf_set(r, "Docs.Q", q);
	pf_set(r, "Docs.Cat", cat);
	set_categories(r, cat);
	if (pf_may_some(r, PF_PERM_DOCUMENTS_WRITE))
		pf_set(r, "Page.Can.Upload", "1");
	if (done != NULL)
		pf_set(r, "Form.Notice", pf_tr(r, pf_psprintf(p, "Docs.Done.%s", done)));
	return pf_render_page(r, "documents_list.cs", "documents", "Docs.Title");
}

int
render_new(struct pf_req *r, const char *message)
{
	const char *org = pf_req_field(r, F_ORG);
	unsigned long long own = pf_req_org(r);

	set_categories(r, pf_req_field(r, F_CAT));
	pf_set(r, "Form.Title", pf_req_field(r, F_TITLE));
	pf_set(r, "Form.Description", pf_req_field(r, F_DESC));
	pf_set(r, "Form.Message", message);
	pf_set_int(r, "Docs.TitleMax", TITLE_MAX);
	pf_set_int(r, "Docs.DescMax", DESC_MAX);
	pf_set_int(r, "Docs.MaxMB", pf_conf_int("Documents.MaxMB"));
	/* A global writer chooses the organisation; everyone else uploads
	 * to their own. */
	if (pf_may_global(r, PF_PERM_DOCUMENTS_WRITE)) {
		if (set_orgs(r, "UploadOrgs", 1, 0) != PF_DB_OK)
			return 503;
		pf_set(r, "Docs.Org", org ? org : (own ? idstr(r, own) : NULL));
	} else if (own == 0 || !pf_may(r, PF_PERM_DOCUMENTS_WRITE, own))
		return 403;
	return pf_render_page(r, "documents_new.cs", "documents", "Docs.New.Title");
}

int
page_new(struct pf_req *r)
{
	return render_new(r, NULL);
}
