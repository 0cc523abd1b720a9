/*
 * documents: the portal's place to exchange contracts, invoices, reports
 * and certificates between the company, its customers and its partners.
 *
 * A document belongs to an organisation.  Who may see it:
 *   - holders of documents.read for that organisation (its members with
 *     such a role, or a global grant);
 *   - members of an organisation it is shared with, who hold
 *     documents.read in their own organisation;
 *   - holders of a role it is shared with.
 * documents.write for its organisation adds new versions, edits and
 * deletes; documents.share shares it with other organisations.  Sharing
 * with a role reaches that role's holders in every organisation, so it
 * needs a global documents.share.  The check is here, in doc_load() and
 * in SQL_LIST, which state the same rule; templates only show.
 *
 * Content, title, description and file names are sealed under the
 * document's own data key (lib/chunk.c, pf_seal); see sql/006.
 */
#include <stdlib.h>

#include "documents.h"

#define ID_MAX	9007199254740991LL	/* 2^53 - 1 */

static const char *const cats[] = { "", "contract", "invoice", "report", "certificate",
	"other", NULL };
static const char *const dones[] = { "uploaded", "version", "saved", "shared", "unshared",
	"deleted", "vdeleted", NULL };

static const struct pf_field fields[F__MAX] = {
	[F_ID] = { "id", PF_F_INT, 0, 20, 1, ID_MAX, NULL, NULL },
	[F_V] = { "v", PF_F_INT, 0, 20, 1, ID_MAX, NULL, NULL },
	[F_TITLE] = { "title", PF_F_LINE, 0, 4 * TITLE_MAX + 64, 0, 0, NULL, NULL },
	[F_DESC] = { "description", PF_F_TEXT, 0, 4 * DESC_MAX + 64, 0, 0, NULL, NULL },
	[F_CAT] = { "category", PF_F_ENUM, 0, 0, 0, 0, cats, NULL },
	[F_ORG] = { "org", PF_F_INT, 0, 20, 1, ID_MAX, NULL, NULL },
	[F_ROLE] = { "role", PF_F_INT, 0, 20, 1, ID_MAX, NULL, NULL },
	[F_SHARE] = { "share", PF_F_INT, 0, 20, 1, ID_MAX, NULL, NULL },
	[F_Q] = { "q", PF_F_LINE, 0, 4 * TITLE_MAX, 0, 0, NULL, NULL },
	[F_CONFIRM] = { "confirm", PF_F_BOOL, 0, 0, 0, 0, NULL, NULL },
	[F_DONE] = { "done", PF_F_ENUM, 0, 0, 0, 0, dones, NULL },
};

#define LIVE_GRANT "(ur.expires_at IS NULL OR ur.expires_at > UTC_TIMESTAMP(6))"
/* The roles the user holds now (pf_may's rule for org-scoped grants). */
#define MY_ROLES \
	"SELECT ur.role_id FROM user_roles ur JOIN roles ro ON ro.id = ur.role_id " \
	"WHERE ur.user_id = ? AND " LIVE_GRANT " AND (ro.scope = 'global' OR ur.org_id <=> ?)"
/* Only documents with a finished version exist for their readers. */
#define HAS_VERSION \
	"EXISTS (SELECT 1 FROM document_versions v WHERE v.document_id = d.id " \
	"AND v.state = 'ready')"
#define DOC_COLS \
	"d.id, d.org_id, IFNULL(d.category, ''), d.title_enc, d.description_enc, " \
	"d.updated_at, o.name"
#define VER_COLS "id, size, chunks, mime, filename_enc, uploaded_by, created_at"

static const char *const sql[SQL__MAX - PF_SQL_APP] = {
	[SQL_DOC - PF_SQL_APP] =
	    "SELECT " DOC_COLS " FROM documents d JOIN orgs o ON o.id = d.org_id "
	    "WHERE d.id = ? AND d.deleted_at IS NULL AND " HAS_VERSION,
	[SQL_SHARED_ORG - PF_SQL_APP] =
	    "SELECT 1 FROM document_shares WHERE document_id = ? AND org_id = ?",
	[SQL_SHARED_ROLE - PF_SQL_APP] =
	    "SELECT 1 FROM document_shares s WHERE s.document_id = ? AND s.role_id IN ("
	    MY_ROLES ")",
	/* doc_load's rule for every document at once: global reader; reader
	 * in the own organisation (0 when not); shared with the own
	 * organisation (same); shared with a role held. */
	[SQL_LIST - PF_SQL_APP] =
	    "SELECT " DOC_COLS " FROM documents d JOIN orgs o ON o.id = d.org_id "
	    "WHERE d.deleted_at IS NULL AND " HAS_VERSION " AND (? = 1 OR d.org_id = ? "
	    "OR EXISTS (SELECT 1 FROM document_shares s WHERE s.document_id = d.id "
	    "AND (s.org_id = ? OR s.role_id IN (" MY_ROLES ")))) "
	    "AND (? = '' OR d.category = ?) "
	    "ORDER BY d.updated_at DESC, d.id DESC LIMIT 1000",
	[SQL_VERSIONS - PF_SQL_APP] =
	    "SELECT " VER_COLS " FROM document_versions WHERE document_id = ? "
	    "AND state = 'ready' ORDER BY id DESC",
	[SQL_VERSION - PF_SQL_APP] =
	    "SELECT " VER_COLS " FROM document_versions WHERE id = ? AND document_id = ? "
	    "AND state = 'ready'",
	[SQL_LATEST - PF_SQL_APP] =
	    "SELECT " VER_COLS " FROM document_versions WHERE document_id = ? "
	    "AND state = 'ready' ORDER BY id DESC LIMIT 1",
	[SQL_CHUNK - PF_SQL_APP] =
	    "SELECT data FROM document_chunks WHERE version_id = ? AND seq = ?",
	[SQL_DOC_INSERT - PF_SQL_APP] =
	    "INSERT INTO documents (org_id, category, created_by) VALUES (?, NULLIF(?, ''), ?)",
	[SQL_DOC_SEAL - PF_SQL_APP] =
	    "UPDATE documents SET title_enc = ?, description_enc = ? WHERE id = ?",
	[SQL_DOC_EDIT - PF_SQL_APP] =
	    "UPDATE documents SET category = NULLIF(?, ''), title_enc = ?, description_enc = ?, "
	    "updated_at = UTC_TIMESTAMP(6) WHERE id = ? AND deleted_at IS NULL",
	[SQL_DOC_TOUCH - PF_SQL_APP] =
	    "UPDATE documents SET updated_at = UTC_TIMESTAMP(6) WHERE id = ? "
	    "AND deleted_at IS NULL",
	/* a first upload that failed: the document has no version */
	[SQL_DOC_DROP - PF_SQL_APP] =
	    "DELETE FROM documents WHERE id = ? AND NOT EXISTS "
	    "(SELECT 1 FROM document_versions v WHERE v.document_id = documents.id)",
	[SQL_VER_INSERT - PF_SQL_APP] =
	    "INSERT INTO document_versions (document_id, uploaded_by) VALUES (?, ?)",
	[SQL_VER_NAME - PF_SQL_APP] =
	    "UPDATE document_versions SET filename_enc = ? WHERE id = ?",
	[SQL_CHUNK_INSERT - PF_SQL_APP] =
	    "INSERT INTO document_chunks (version_id, seq, data) VALUES (?, ?, ?)",
	[SQL_CHUNKS_DROP - PF_SQL_APP] =
	    "DELETE FROM document_chunks WHERE version_id = ? LIMIT 16",
	[SQL_VER_READY - PF_SQL_APP] =
	    "UPDATE document_versions SET state = 'ready', size = ?, chunks = ?, mime = ? "
	    "WHERE id = ? AND state = 'uploading'",
	[SQL_VER_DROP - PF_SQL_APP] =
	    "DELETE FROM document_versions WHERE id = ? AND state = 'uploading'",
	[SQL_USAGE - PF_SQL_APP] =
	    "SELECT CAST(IFNULL(SUM(v.size), 0) AS SIGNED) FROM document_versions v "
	    "JOIN documents d ON d.id = v.document_id WHERE d.org_id = ?",
	/* serialises the quota check of concurrent uploads to one organisation */
	[SQL_ORG_LOCK - PF_SQL_APP] =
	    "SELECT doc_quota_mb FROM orgs WHERE id = ? FOR UPDATE",
	[SQL_SHARES - PF_SQL_APP] =
	    "SELECT s.id, IFNULL(s.org_id, 0), IFNULL(o.name, ''), IFNULL(s.role_id, 0), "
	    "IFNULL(r.label_de, ''), IFNULL(r.label_en, '') FROM document_shares s "
	    "LEFT JOIN orgs o ON o.id = s.org_id LEFT JOIN roles r ON r.id = s.role_id "
	    "WHERE s.document_id = ? ORDER BY s.id",
	[SQL_SHARE_ORG - PF_SQL_APP] =
	    "INSERT INTO document_shares (document_id, org_id, created_by) VALUES (?, ?, ?)",
	[SQL_SHARE_ROLE - PF_SQL_APP] =
	    "INSERT INTO document_shares (document_id, role_id, created_by) VALUES (?, ?, ?)",
	[SQL_UNSHARE - PF_SQL_APP] =
	    "DELETE FROM document_shares WHERE id = ? AND document_id = ?",
	/* Partners and the company itself are whom one shares with; a
	 * customer's key user does not get the list of all customers. */
	[SQL_ORGS - PF_SQL_APP] =
	    "SELECT id, name FROM orgs WHERE status = 'active' "
	    "AND (? = 1 OR kind IN ('partner', 'internal')) ORDER BY name LIMIT 1000",
	[SQL_ORG_ONE - PF_SQL_APP] =
	    "SELECT name FROM orgs WHERE id = ? AND status = 'active' "
	    "AND (? = 1 OR kind IN ('partner', 'internal'))",
	[SQL_ROLES - PF_SQL_APP] =
	    "SELECT id, label_de, label_en FROM roles ORDER BY name",
	[SQL_DELETE - PF_SQL_APP] =
	    "UPDATE documents SET deleted_at = UTC_TIMESTAMP(6), deleted_by = ? "
	    "WHERE id = ? AND deleted_at IS NULL",
	[SQL_VER_DELETE - PF_SQL_APP] =
	    "UPDATE document_versions SET state = 'deleted', deleted_at = UTC_TIMESTAMP(6) "
	    "WHERE id = ? AND document_id = ? AND state = 'ready'",
	[SQL_VER_COUNT - PF_SQL_APP] =
	    "SELECT COUNT(*) FROM document_versions WHERE document_id = ? AND state = 'ready'",
};

#define FORM	(PF_PAGE_DB | PF_PAGE_FORM | PF_PAGE_FULL)
#define F(k)	PF_FIELD(k)

static const struct pf_page pages[] = {
	{ "/documents", PF_GET, F(F_Q) | F(F_CAT) | F(F_DONE), FORM, page_list, PF_PERM_NONE },
	{ "/documents/new", PF_GET, F(F_ORG), FORM, page_new, PF_PERM_DOCUMENTS_WRITE },
	{ "/documents/upload", PF_POST, F(F_ID) | F(F_TITLE) | F(F_DESC) | F(F_CAT) | F(F_ORG),
	    FORM | PF_PAGE_UPLOAD, page_upload, PF_PERM_DOCUMENTS_WRITE },
	{ "/documents/view", PF_GET, F(F_ID) | F(F_DONE), FORM, page_view, PF_PERM_NONE },
	{ "/documents/download", PF_GET, F(F_ID) | F(F_V), PF_PAGE_DB | PF_PAGE_FULL,
	    page_download, PF_PERM_NONE },
	{ "/documents/edit", PF_POST, F(F_ID) | F(F_TITLE) | F(F_DESC) | F(F_CAT), FORM,
	    page_edit, PF_PERM_DOCUMENTS_WRITE },
	{ "/documents/share", PF_POST, F(F_ID) | F(F_ORG) | F(F_ROLE), FORM, page_share,
	    PF_PERM_DOCUMENTS_SHARE },
	{ "/documents/unshare", PF_POST, F(F_ID) | F(F_SHARE), FORM, page_unshare,
	    PF_PERM_DOCUMENTS_SHARE },
	{ "/documents/delete", PF_POST, F(F_ID) | F(F_CONFIRM), FORM, page_delete,
	    PF_PERM_DOCUMENTS_WRITE },
	{ "/documents/version/delete", PF_POST, F(F_ID) | F(F_V) | F(F_CONFIRM), FORM,
	    page_version_delete, PF_PERM_DOCUMENTS_WRITE },
};

static const struct pf_app app = {
	"documents", pages, sizeof(pages) / sizeof(pages[0]), fields, F__MAX,
	sql, SQL__MAX - PF_SQL_APP, NULL
};

static struct pf_val
org_val(unsigned long long org)
{
	return org != 0 ? PF_INT((long long)org) : PF_NULL;
}

unsigned long long
field_id(struct pf_req *r, int key)
{
	const char *f = pf_req_field(r, key);

	return f ? strtoull(f, NULL, 10) : 0;
}

const char *
idstr(struct pf_req *r, unsigned long long id)
{
	return pf_psprintf(pf_req_pool(r), "%llu", id);
}

long long
max_upload(void)
{
	return pf_conf_int("Documents.MaxMB") * 1024 * 1024;
}

const char *
opened(struct pf_req *r, const char *table, const char *column, unsigned long long id,
    const struct pf_val *v)
{
	struct pf_val out;

	if (pf_open(pf_req_db(r), pf_req_pool(r), PF_AT(table, column, id), v, &out) != PF_C_OK) {
		pf_log(r, PF_LOG_ERR, "documents: %s.%s of row %llu does not open", table, column,
		    id);
		return NULL;
	}
	return out.type == PF_V_NULL ? "" : out.s;
}

int
doc_row(struct pf_req *r, const struct pf_rows *rows, size_t i, struct doc *d)
{
	memset(d, 0, sizeof(*d));
	d->id = (unsigned long long)PF_CELL(rows, i, 0)->i;
	d->org = (unsigned long long)PF_CELL(rows, i, 1)->i;
	d->category = pf_cell_str(rows, i, 2);
	d->updated = pf_cell_str(rows, i, 5);
	d->org_name = pf_cell_str(rows, i, 6);
	if ((d->title = opened(r, "documents", "title_enc", d->id, PF_CELL(rows, i, 3))) == NULL ||
	    (d->description = opened(r, "documents", "description_enc", d->id,
	    PF_CELL(rows, i, 4))) == NULL)
		return -1;
	return 0;
}

int
doc_load(struct pf_req *r, unsigned long long id, struct doc *d)
{
	struct pf_db *db = pf_req_db(r);
	struct pf_pool *p = pf_req_pool(r);
	const struct pf_session *s = pf_req_session(r);
	unsigned long long org = pf_req_org(r);
	struct pf_rows rows, sh;
	int may = 0;

	if (pf_db_query(db, p, SQL_DOC, PF_ARGS(PF_INT((long long)id)), &rows) != PF_DB_OK)
		return 503;
	if (rows.n != 1)
		return 404;
	if (doc_row(r, &rows, 0, d) < 0)
		return 500;
	may = pf_may(r, PF_PERM_DOCUMENTS_READ, d->org);
	if (!may && org != 0 && pf_may(r, PF_PERM_DOCUMENTS_READ, org)) {
		if (pf_db_query(db, p, SQL_SHARED_ORG, PF_ARGS(PF_INT((long long)id),
		    PF_INT((long long)org)), &sh) != PF_DB_OK)
			return 503;
		may = sh.n > 0;
	}
	if (!may) {
		if (pf_db_query(db, p, SQL_SHARED_ROLE, PF_ARGS(PF_INT((long long)id),
		    PF_INT((long long)s->user), org_val(org)), &sh) != PF_DB_OK)
			return 503;
		may = sh.n > 0;
	}
	if (!may)
		return 404;
	d->may_write = pf_may(r, PF_PERM_DOCUMENTS_WRITE, d->org);
	d->may_share = pf_may(r, PF_PERM_DOCUMENTS_SHARE, d->org);
	return 0;
}

enum pf_dberr
list_query(struct pf_req *r, const char *cat, struct pf_rows *rows)
{
	unsigned long long org = pf_req_org(r);
	long long own = org != 0 && pf_may(r, PF_PERM_DOCUMENTS_READ, org) ? (long long)org : 0;

	return pf_db_query(pf_req_db(r), pf_req_pool(r), SQL_LIST, PF_ARGS(
	    PF_INT(pf_may_global(r, PF_PERM_DOCUMENTS_READ)), PF_INT(own), PF_INT(own),
	    PF_INT((long long)pf_req_session(r)->user), org_val(org), PF_STR(cat), PF_STR(cat)),
	    rows);
}

unsigned long long
upload_org(struct pf_req *r)
{
	unsigned long long org = pf_req_field(r, F_ORG) ? field_id(r, F_ORG) : pf_req_org(r);

	return org != 0 && pf_may(r, PF_PERM_DOCUMENTS_WRITE, org) ? org : 0;
}

enum pf_dberr
usage_of(struct pf_req *r, unsigned long long org, long long *used, long long *quota)
{
	struct pf_db *db = pf_req_db(r);
	struct pf_pool *p = pf_req_pool(r);
	struct pf_rows u, q;
	enum pf_dberr e;

	if ((e = pf_db_query(db, p, SQL_USAGE, PF_ARGS(PF_INT((long long)org)), &u)) !=
	    PF_DB_OK)
		return e;
	/* a locking read inside a transaction, a plain one outside */
	if ((e = pf_db_query(db, p, SQL_ORG_LOCK, PF_ARGS(PF_INT((long long)org)), &q)) !=
	    PF_DB_OK)
		return e;
	*used = u.n == 1 ? PF_CELL(&u, 0, 0)->i : 0;
	*quota = (q.n == 1 && PF_CELL(&q, 0, 0)->type == PF_V_INT ? PF_CELL(&q, 0, 0)->i :
	    pf_conf_int("Documents.QuotaMB")) * 1024 * 1024;
	return PF_DB_OK;
}

void
set_categories(struct pf_req *r, const char *selected)
{
	size_t i;

	for (i = 1; cats[i] != NULL; i++) {
		pf_setf(r, cats[i], "Docs.Categories.%zu.Value", i - 1);
		pf_setf(r, pf_tr(r, pf_psprintf(pf_req_pool(r), "Docs.Category.%s", cats[i])),
		    "Docs.Categories.%zu.Label", i - 1);
		if (selected != NULL && strcmp(selected, cats[i]) == 0)
			pf_setf(r, "1", "Docs.Categories.%zu.Selected", i - 1);
	}
}

enum pf_dberr
set_orgs(struct pf_req *r, const char *node, int all, unsigned long long skip)
{
	struct pf_rows rows;
	enum pf_dberr e;
	size_t i, k = 0;

	if ((e = pf_db_query(pf_req_db(r), pf_req_pool(r), SQL_ORGS, PF_ARGS(PF_INT(all)),
	    &rows)) != PF_DB_OK)
		return e;
	for (i = 0; i < rows.n; i++) {
		if ((unsigned long long)PF_CELL(&rows, i, 0)->i == skip)
			continue;
		pf_setf(r, idstr(r, (unsigned long long)PF_CELL(&rows, i, 0)->i),
		    "Docs.%s.%zu.Id", node, k);
		pf_setf(r, pf_cell_str(&rows, i, 1), "Docs.%s.%zu.Name", node, k);
		k++;
	}
	return PF_DB_OK;
}

int
main(int argc, char *argv[])
{
	return pf_main(&app, argc, argv);
}
