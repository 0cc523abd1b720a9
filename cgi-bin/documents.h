/*
 * documents.h: the documents program's parts.
 *
 *   documents-list.c    /documents, /documents/new: what the session may
 *                       see, search and filter; the upload form
 *   documents-upload.c  POST /documents/upload: a new document or a new
 *                       version, streamed into sealed chunks
 *   documents-get.c     /documents/view, /documents/download
 *   documents-manage.c  edit, share, unshare, delete (document, version)
 *   documents-type.c    the type of the content (libmagic), the allowlist,
 *                       file names for storing and for downloading
 *   documents.c         the program table and the access rules
 */
#ifndef DOCUMENTS_H
#define DOCUMENTS_H

#include "pforte.h"

enum field {
	F_ID, F_V, F_TITLE, F_DESC, F_CAT, F_ORG, F_ROLE, F_SHARE, F_Q, F_CONFIRM,
	F_DONE, F__MAX
};

enum sql {
	SQL_DOC = PF_SQL_APP,
	SQL_SHARED_ORG,
	SQL_SHARED_ROLE,
	SQL_LIST,
	SQL_VERSIONS,
	SQL_VERSION,
	SQL_LATEST,
	SQL_CHUNK,
	SQL_DOC_INSERT,
	SQL_DOC_SEAL,
	SQL_DOC_EDIT,
	SQL_DOC_TOUCH,
	SQL_DOC_DROP,
	SQL_VER_INSERT,
	SQL_VER_NAME,
	SQL_CHUNK_INSERT,
	SQL_CHUNKS_DROP,
	SQL_VER_READY,
	SQL_VER_DROP,
	SQL_USAGE,
	SQL_ORG_LOCK,
	SQL_SHARES,
	SQL_SHARE_ORG,
	SQL_SHARE_ROLE,
	SQL_UNSHARE,
	SQL_ORGS,
	SQL_ORG_ONE,
	SQL_ROLES,
	SQL_DELETE,
	SQL_VER_DELETE,
	SQL_VER_COUNT,
	SQL__MAX
};

/* Limits of the texts, in characters; titles and descriptions are sealed
 * into documents.title_enc (VARBINARY(1100)) and description_enc (8200). */
#define TITLE_MAX	200
#define DESC_MAX	2000
#define NAME_MAX_BYTES	255	/* a file name, as every file system allows */

/* What the session may do with one document. */
struct doc {
	unsigned long long	 id;
	unsigned long long	 org;
	const char		*category;	/* "" when none */
	const char		*title;
	const char		*description;
	const char		*org_name;
	const char		*updated;	/* SQL time */
	int			 may_write;	/* new versions, edit, delete */
	int			 may_share;
};

/* documents.c */
/* Load document id when the session may read it: 0, 404 for one that does
 * not exist, is deleted or is not visible (the same answer, so ids reveal
 * nothing), or 503. */
int	 doc_load(struct pf_req *, unsigned long long id, struct doc *);
/* Every document the session may read (doc_load's rule in SQL), newest
 * first, of category cat ("" for all); doc_row() reads row i (no rights
 * filled in), -1 when its metadata does not open. */
enum pf_dberr list_query(struct pf_req *, const char *cat, struct pf_rows *);
int	 doc_row(struct pf_req *, const struct pf_rows *, size_t i, struct doc *);
/* The organisation an upload goes to: the session's own, or for a global
 * writer the one chosen (F_ORG); 0 when the session may not write there. */
unsigned long long upload_org(struct pf_req *);
/* Bytes stored for org's documents and the quota in bytes. */
enum pf_dberr usage_of(struct pf_req *, unsigned long long org, long long *used,
	    long long *quota);
/* Categories and their labels for a select (Docs.Categories.N). */
void	 set_categories(struct pf_req *, const char *selected);
/* Organisations the session may upload to or share with (Docs.<node>.N). */
enum pf_dberr set_orgs(struct pf_req *, const char *node, int all, unsigned long long skip);
long long max_upload(void);
/* A sealed column of a document's row (table documents or
 * document_versions, under the document's key), opened: "" when NULL,
 * NULL when it does not open (logged). */
const char *opened(struct pf_req *, const char *table, const char *column,
	    unsigned long long id, const struct pf_val *);
/* A validated id field's value, 0 when absent. */
unsigned long long field_id(struct pf_req *, int key);
/* An id as text, for templates. */
const char *idstr(struct pf_req *, unsigned long long);

/* documents-list.c */
int	page_list(struct pf_req *);
int	page_new(struct pf_req *);
/* The upload form again with a message and the input (status set before). */
int	render_new(struct pf_req *, const char *message);

/* documents-upload.c */
int	page_upload(struct pf_req *);

/* documents-get.c */
int	page_view(struct pf_req *);
int	page_download(struct pf_req *);
int	render_view(struct pf_req *, const struct doc *, const char *message);

/* documents-manage.c */
int	page_edit(struct pf_req *);
int	page_share(struct pf_req *);
int	page_unshare(struct pf_req *);
int	page_delete(struct pf_req *);
int	page_version_delete(struct pf_req *);

/* documents-type.c */
/* The type of content (its first bytes), "" when libmagic cannot tell. */
const char *type_detect(struct pf_pool *, const void *, size_t);
/* 1 when Documents.Types allows it. */
int	 type_allowed(const char *mime);
/* What a download says it is: the type, or application/octet-stream for
 * types a browser would render as active content. */
const char *type_served(const char *mime);
/* A client's file name fit to keep: 0 and *out (pool), or -1 when it is
 * unusable (empty after cleaning, a path, too long). */
int	 name_clean(struct pf_pool *, const char *in, const char **out);
/* The name to download as: an extension that matches the type. */
const char *name_for_type(struct pf_pool *, const char *name, const char *mime);
/* Content-Disposition: attachment with an ASCII fallback and RFC 5987's
 * UTF-8 form. */
const char *disposition(struct pf_pool *, const char *name);

#endif /* DOCUMENTS_H */
