/*
 * documents-upload.c: POST /documents/upload, a new document (title,
 * description, category, for a global writer the organisation) or, with
 * id, a new version of one.
 *
 * The file streams through: pf_upload() hands it over in pieces, which
 * fill one chunk buffer; a full chunk is sealed and stored in its own
 * transaction once more data shows it is not the last.  The first chunk
 * decides the type (libmagic) before anything of it is stored.  The
 * version stays 'uploading', invisible, until the last chunk is in and
 * the organisation's quota is checked under a lock; any failure removes
 * what was stored, and `pforte-admin purge` removes what a killed process
 * left behind.  Resident memory is two chunk buffers and the database
 * client's copy of one chunk, whatever the file's size.
 */
#include <stdlib.h>

#include "pf-crypt.h"
#include "documents.h"

struct up {
	struct doc		 doc;		/* of a new version: the document */
	int			 is_new;
	unsigned long long	 org;
	unsigned long long	 version;
	const char		*filename;
	const char		*title, *description, *category;
	unsigned char		*buf;		/* the chunk being filled */
	unsigned char		*sealed;
	size_t			 fill;
	unsigned long long	 seq;
	long long		 size;
	const char		*mime;
	int			 last;		/* for store_chunk */
	const char		*why;		/* the message of a refusal */
};

static int
refuse(struct up *u, struct pf_req *r, int status, const char *key)
{
	u->why = pf_tr(r, key);
	return status;
}

static int
create_tx(struct pf_req *r, void *arg)
{
	struct up *u = arg;
	struct pf_db *db = pf_req_db(r);
	struct pf_pool *p = pf_req_pool(r);
	unsigned long long user = pf_req_session(r)->user, id;
	struct pf_val title, desc, name;
	enum pf_dberr e;

	if (u->is_new) {
		if ((e = pf_db_exec(db, SQL_DOC_INSERT, PF_ARGS(PF_INT((long long)u->org),
		    PF_STR(u->category), PF_INT((long long)user)), NULL, &id)) != PF_DB_OK)
			return pf_tx_err(e);
		u->doc.id = id;
		if (pf_key_create(db, PF_KS_DOCUMENT, id) != PF_C_OK ||
		    pf_seal(db, p, PF_KS_DOCUMENT, id, PF_AT("documents", "title_enc", id),
		    u->title, strlen(u->title), &title) != PF_C_OK)
			return 503;
		desc = PF_NULL;
		if (*u->description && pf_seal(db, p, PF_KS_DOCUMENT, id,
		    PF_AT("documents", "description_enc", id), u->description,
		    strlen(u->description), &desc) != PF_C_OK)
			return 503;
		if ((e = pf_db_exec(db, SQL_DOC_SEAL, PF_ARGS(title, desc, PF_INT((long long)id)),
		    NULL, NULL)) != PF_DB_OK)
			return pf_tx_err(e);
	}
	if ((e = pf_db_exec(db, SQL_VER_INSERT, PF_ARGS(PF_INT((long long)u->doc.id),
	    PF_INT((long long)user)), NULL, &u->version)) != PF_DB_OK)
		return pf_tx_err(e);
	if (pf_seal(db, p, PF_KS_DOCUMENT, u->doc.id, PF_AT("document_versions", "filename_enc",
	    u->version), u->filename, strlen(u->filename), &name) != PF_C_OK)
		return 503;
	if ((e = pf_db_exec(db, SQL_VER_NAME, PF_ARGS(name, PF_INT((long long)u->version)),
	    NULL, NULL)) != PF_DB_OK)
		return pf_tx_err(e);
	return 0;
}

/* The form's text for a new document: 0, or a refusal. */
static int
check_new(struct pf_req *r, struct up *u)
{
	struct pf_pool *p = pf_req_pool(r);
	const char *t = pf_req_field(r, F_TITLE), *d = pf_req_field(r, F_DESC),
	    *c = pf_req_field(r, F_CAT);

	u->is_new = 1;
	u->title = pf_trim(p, t ? t : "");
	u->description = pf_trim(p, d ? d : "");
	u->category = c ? c : "";
	if (*u->title == '\0' || pf_utf8_chars(u->title) > TITLE_MAX)
		return refuse(u, r, 422, "Docs.Error.Title");
	if (pf_utf8_chars(u->description) > DESC_MAX)
		return refuse(u, r, 422, "Docs.Error.Description");
	if ((u->org = upload_org(r)) == 0)
		return refuse(u, r, 403, "Docs.Error.NoOrg");
	return 0;
}

static int
on_begin(struct pf_req *r, void *arg, const char *filename)
{
	struct up *u = arg;
	const char *cl = pf_req_env(r, "CONTENT_LENGTH");
	long long used, quota;
	int rc;

	if (*filename == '\0')
		return refuse(u, r, 422, "Docs.Error.NoFile");
	if (name_clean(pf_req_pool(r), filename, &u->filename) < 0)
		return refuse(u, r, 400, "Docs.Error.Name");
	if (pf_req_field(r, F_ID) != NULL) {
		if ((rc = doc_load(r, field_id(r, F_ID), &u->doc)) != 0)
			return rc;
		if (!u->doc.may_write)
			return refuse(u, r, 403, "Docs.Error.NoWrite");
		u->org = u->doc.org;
	} else if ((rc = check_new(r, u)) != 0)
		return rc;
	/* What the body announces already tells whether it can fit; the
	 * final check, under a lock, is at the end. */
	if (usage_of(r, u->org, &used, &quota) != PF_DB_OK)
		return 503;
	if (cl != NULL && used + strtoll(cl, NULL, 10) > quota + 65536)
		return refuse(u, r, 507, "Docs.Error.Quota");
	if ((rc = pf_tx(r, create_tx, u)) != 0)
		return rc;
	u->buf = pf_xmalloc(PF_CHUNK_MAX);
	u->sealed = pf_xmalloc(PF_CHUNK_MAX + PF_CHUNK_OVERHEAD);
	return 0;
}

static int
chunk_tx(struct pf_req *r, void *arg)
{
	struct up *u = arg;
	struct pf_db *db = pf_req_db(r);
	enum pf_dberr e;

	if (pf_chunk_seal(db, PF_KS_DOCUMENT, u->doc.id, u->version, u->seq, u->last, u->buf,
	    u->fill, u->sealed) != PF_C_OK)
		return 503;
	if ((e = pf_db_exec(db, SQL_CHUNK_INSERT, PF_ARGS(PF_INT((long long)u->version),
	    PF_INT((long long)u->seq), PF_BLOB((const char *)u->sealed,
	    u->fill + PF_CHUNK_OVERHEAD)), NULL, NULL)) != PF_DB_OK)
		return pf_tx_err(e);
	return 0;
}

/* Store the buffered chunk; the first one decides the type. */
static int
store_chunk(struct pf_req *r, struct up *u, int last)
{
	int rc;

	if (u->seq == 0) {
		/* An empty file has no content that could be anything. */
		u->mime = u->fill == 0 ? "application/x-empty" :
		    type_detect(pf_req_pool(r), u->buf, u->fill);
		if (u->fill != 0 && !type_allowed(u->mime)) {
			pf_log(r, PF_LOG_INFO, "documents: type %s refused", *u->mime ? u->mime :
			    "(unknown)");
			return refuse(u, r, 415, "Docs.Error.Type");
		}
	}
	u->last = last;
	if ((rc = pf_tx(r, chunk_tx, u)) != 0)
		return rc;
	u->size += (long long)u->fill;
	u->seq++;
	u->fill = 0;
	return 0;
}

static int
on_data(struct pf_req *r, void *arg, const void *p, size_t n)
{
	struct up *u = arg;
	size_t k;
	int rc;

	while (n > 0) {
		/* A full buffer is stored only now: more data proves it is
		 * not the last chunk. */
		if (u->fill == PF_CHUNK_MAX && (rc = store_chunk(r, u, 0)) != 0)
			return rc;
		k = PF_CHUNK_MAX - u->fill;
		if (k > n)
			k = n;
		memcpy(u->buf + u->fill, p, k);
		u->fill += k;
		p = (const char *)p + k;
		n -= k;
	}
	return 0;
}

static int
ready_tx(struct pf_req *r, void *arg)
{
	struct up *u = arg;
	struct pf_db *db = pf_req_db(r);
	unsigned long long affected;
	long long used, quota;
	struct pf_change ch[3];
	enum pf_dberr e;

	if ((e = usage_of(r, u->org, &used, &quota)) != PF_DB_OK)
		return pf_tx_err(e);
	if (used + u->size > quota)
		return refuse(u, r, 507, "Docs.Error.Quota");
	if ((e = pf_db_exec(db, SQL_VER_READY, PF_ARGS(PF_INT(u->size), PF_INT((long long)u->seq),
	    PF_STR(u->mime), PF_INT((long long)u->version)), &affected, NULL)) != PF_DB_OK)
		return pf_tx_err(e);
	if (affected != 1)
		return 500;
	if ((e = pf_db_exec(db, SQL_DOC_TOUCH, PF_ARGS(PF_INT((long long)u->doc.id)), NULL,
	    NULL)) != PF_DB_OK)
		return pf_tx_err(e);
	ch[0] = (struct pf_change){ "version", NULL, idstr(r, u->version) };
	ch[1] = (struct pf_change){ "size", NULL, pf_psprintf(pf_req_pool(r), "%lld", u->size) };
	ch[2] = (struct pf_change){ "type", NULL, u->mime };
	if ((e = pf_audit_change(r, u->is_new ? "document.uploaded" : "document.version.added", 0, u->org,
	    pf_psprintf(pf_req_pool(r), "document:%llu", u->doc.id), ch, 3)) != PF_DB_OK)
		return pf_tx_err(e);
	return 0;
}

static int
on_end(struct pf_req *r, void *arg)
{
	struct up *u = arg;
	int rc;

	if ((rc = store_chunk(r, u, 1)) != 0)
		return rc;
	return pf_tx(r, ready_tx, u);
}

/* Remove what a refused upload stored, chunk batch by chunk batch, each
 * its own statement; whatever this misses stays invisible and is purged. */
static void
undo(struct pf_req *r, struct up *u)
{
	struct pf_db *db = pf_req_db(r);
	unsigned long long n;

	if (u->version == 0)
		return;
	do {
		if (pf_db_exec(db, SQL_CHUNKS_DROP, PF_ARGS(PF_INT((long long)u->version)), &n,
		    NULL) != PF_DB_OK)
			return;
	} while (n > 0);
	if (pf_db_exec(db, SQL_VER_DROP, PF_ARGS(PF_INT((long long)u->version)), NULL, NULL) !=
	    PF_DB_OK)
		return;
	if (u->is_new)
		pf_db_exec(db, SQL_DOC_DROP, PF_ARGS(PF_INT((long long)u->doc.id)), NULL, NULL);
}

int
page_upload(struct pf_req *r)
{
	static const struct pf_upload_ops ops = { on_begin, on_data, on_end };
	struct up u;
	int rc;

	memset(&u, 0, sizeof(u));
	rc = pf_upload(r, "file", max_upload(), &ops, &u);
	free(u.buf);
	free(u.sealed);
	if (rc == 0)
		return pf_resp_redirect(r, 303, pf_psprintf(pf_req_pool(r),
		    "/documents/view?id=%llu&done=%s", u.doc.id, u.is_new ? "uploaded" : "version"));
	undo(r, &u);
	if (rc == 413 && u.why == NULL)
		u.why = pf_tr(r, "Docs.Error.TooLarge");
	if (u.why == NULL || (rc >= 500 && rc != 507))
		return rc;
	pf_resp_status(r, rc);
	return u.doc.id != 0 && !u.is_new ? render_view(r, &u.doc, u.why) :
	    render_new(r, u.why);
}
