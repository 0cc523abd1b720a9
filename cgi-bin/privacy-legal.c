/*
 * privacy-legal.c: the legal texts and consent.
 *
 *   /privacy/accept           the texts in force the user has not accepted
 *                             yet, and accepting exactly those versions (the
 *                             gate, lib/legal.c, sends every signed-in user
 *                             here until they have)
 *   /privacy/terms, /notice   the version in force, for everyone
 *   /privacy/consents         consent to optional processing, its withdrawal
 *   /privacy/admin/texts...   the editor (privacy.manage, global): versions,
 *                             drafts, publishing
 *
 * Texts are plain text in German and English (paragraphs separated by a
 * blank line) and are only ever shown escaped.  A published version is
 * never edited: a change is a new version, which every user accepts
 * again.  The ledgers (legal_acceptances, consent_log) keep the client's
 * address sealed under the user's key, so erasing the user erases it.
 */
#include <stdlib.h>

#include "privacy.h"

#define TITLE_MAX	200	/* characters (legal_texts.title_*) */
#define BODY_MAX	30000	/* characters per language */

/* The columns of SQL_TEXT_ONE / SQL_TEXT_LOCK. */
enum { T_ID, T_KIND, T_VERSION, T_TITLE_DE, T_TITLE_EN, T_BODY_DE, T_BODY_EN, T_CREATED,
	T_PUBLISHED };
/* ... and of SQL_LEGAL_FORCE. */
enum { L_ID, L_KIND, L_VERSION, L_TITLE_DE, L_TITLE_EN, L_BODY_DE, L_BODY_EN,
	L_PUBLISHED, L_ACCEPTED };

static const char *
ull(struct pf_req *r, unsigned long long v)
{
	return pf_psprintf(pf_req_pool(r), "%llu", v);
}

static int
german(struct pf_req *r)
{
	return strcmp(pf_req_lang(r), "de") == 0;
}

/* The text of an id field (validated: 1 .. 2^53 - 1), 0 when absent. */
static unsigned long long
id_of(struct pf_req *r, int key)
{
	const char *v = pf_req_field(r, key);

	return v != NULL ? strtoull(v, NULL, 10) : 0;
}

/*
 * A body as template data below node: <node>.N.M is line M of paragraph
 * N.  Paragraphs are separated by blank lines; CR is dropped.  The lines
 * are set as data and escaped by the template like everything else.
 */
static void
set_body(struct pf_req *r, const char *node, const char *body)
{
	struct pf_pool *p = pf_req_pool(r);
	const char *s = body, *e;
	size_t para = 0, line = 0;
	char *l;

	while (*s) {
		e = strchr(s, '\n');
		if (e == NULL)
			e = s + strlen(s);
		l = pf_pstrndup(p, s, (size_t)(e - s));
		if (*l && l[strlen(l) - 1] == '\r')
			l[strlen(l) - 1] = '\0';
		if (*pf_trim(p, l) == '\0') {
			if (line > 0)
				para++;
			line = 0;
		} else
			pf_setf(r, l, "%s.%zu.%zu", node, para, line++);
		s = *e ? e + 1 : e;
	}
}

/* The kind's label: Privacy.Legal.Kind.terms / privacy. */
static const char *
kind_label(struct pf_req *r, const char *kind)
{
	return pf_tr(r, pf_psprintf(pf_req_pool(r), "Privacy.Legal.Kind.%s", kind));
}

/* ---- the overview's entries ---------------------------------------------- */

void
legal_overview(struct pf_req *r)
{
	if (pf_may_global(r, PF_PERM_PRIVACY_MANAGE))
		pf_set(r, "Privacy.Legal.Editor", "1");
}

/* ---- accepting the texts in force ----------------------------------------- */

/* Where to go after accepting: a local path, else the start page. */
static const char *
return_to(struct pf_req *r)
{
	const char *t = pf_req_field(r, F_RETURN_TO);

	return t != NULL && *t && pf_local_path(t) ? t : "/";
}

/* The texts in force (rows of SQL_LEGAL_FORCE for the session's user). */
static int
load_force(struct pf_req *r, struct pf_rows *rows)
{
	const struct pf_session *s = pf_req_session(r);

	return pf_db_query(pf_req_db(r), pf_req_pool(r), SQL_LEGAL_FORCE,
	    PF_ARGS(PF_INT(s != NULL ? (long long)s->user : 0)), rows) == PF_DB_OK ? 0 : 503;
}

/* The page with the texts of rows the user has not accepted; *pending
 * tells how many (0: nothing to show). */
static int
render_accept(struct pf_req *r, const struct pf_rows *rows, size_t *pending)
{
	int de = german(r);
	size_t i, k = 0;

	for (i = 0; i < rows->n; i++) {
		if (PF_CELL(rows, i, L_ACCEPTED)->i)
			continue;
		pf_setf(r, ull(r, (unsigned long long)PF_CELL(rows, i, L_ID)->i),
		    "Legal.Texts.%zu.Id", k);
		pf_setf(r, pf_cell_str(rows, i, L_KIND), "Legal.Texts.%zu.Kind", k);
		pf_setf(r, strcmp(pf_cell_str(rows, i, L_KIND), "terms") == 0 ? "terms" :
		    "notice", "Legal.Texts.%zu.Field", k);
		pf_setf(r, ull(r, (unsigned long long)PF_CELL(rows, i, L_VERSION)->i),
		    "Legal.Texts.%zu.Version", k);
		pf_setf(r, pf_cell_str(rows, i, de ? L_TITLE_DE : L_TITLE_EN),
		    "Legal.Texts.%zu.Title", k);
		pf_setf(r, pf_time_human(pf_req_pool(r), pf_cell_str(rows, i, L_PUBLISHED)),
		    "Legal.Texts.%zu.Published", k);
		set_body(r, pf_psprintf(pf_req_pool(r), "Legal.Texts.%zu.P", k),
		    pf_cell_str(rows, i, de ? L_BODY_DE : L_BODY_EN));
		k++;
	}
	*pending = k;
	pf_set(r, "Legal.ReturnTo", return_to(r));
	return k > 0 ? pf_render_page(r, "privacy_accept.cs", "privacy",
	    "Privacy.Legal.Accept.Title") : 0;
}

int
page_accept(struct pf_req *r)
{
	struct pf_rows rows;
	size_t pending;
	int rc;

	if ((rc = load_force(r, &rows)) != 0)
		return rc;
	if ((rc = render_accept(r, &rows, &pending)) != 0 || pending > 0)
		return rc;
	/* nothing (left) to accept */
	return pf_resp_redirect(r, 303, return_to(r));
}

struct accept {
	unsigned long long	 terms, notice;	/* the versions shown (0: none) */
	int			 stale;		/* one is no longer in force */
	size_t			 n;		/* acceptances written */
};

/* Seal the client's address into row id of a ledger under the user's key. */
static int
seal_ip(struct pf_req *r, const char *table, unsigned sql, unsigned long long id)
{
	struct pf_val v;
	const char *ip = pf_req_ip(r);
	enum pf_cerr ce;
	enum pf_dberr e;

	if (ip == NULL || *ip == '\0')
		return 0;
	if ((ce = pf_seal(pf_req_db(r), pf_req_pool(r), PF_KS_USER, pf_req_session(r)->user,
	    PF_AT(table, "ip_enc", id), ip, strlen(ip), &v)) != PF_C_OK) {
		pf_log(r, PF_LOG_ERR, "privacy: sealing an address: %s", pf_crypt_strerror(ce));
		return ce == PF_C_DB ? 503 : 500;
	}
	if ((e = pf_db_exec(pf_req_db(r), sql, PF_ARGS(v, PF_INT((long long)id)), NULL,
	    NULL)) != PF_DB_OK)
		return pf_tx_err(e);
	return 0;
}

/*
 * Accept the versions shown: each text in force that the user has not
 * accepted must be among them, by id.  A version published since the page
 * was shown is not accepted, nor is the one it replaced: the whole form
 * is refused (409) and nothing is written.
 */
static int
accept_tx(struct pf_req *r, void *arg)
{
	struct accept *a = arg;
	const struct pf_session *s = pf_req_session(r);
	struct pf_pool *p = pf_req_pool(r);
	struct pf_rows rows;
	unsigned long long id, shown, aid;
	const char *kind;
	enum pf_dberr e;
	size_t i;
	int rc;

	a->stale = 0;
	a->n = 0;
	if ((e = pf_db_query(pf_req_db(r), p, SQL_LEGAL_FORCE, PF_ARGS(PF_INT((long long)s->user)),
	    &rows)) != PF_DB_OK)
		return pf_tx_err(e);
	/* every version carried must be the one in force of its kind */
	for (i = 0; i < rows.n; i++) {
		id = (unsigned long long)PF_CELL(&rows, i, L_ID)->i;
		kind = pf_cell_str(&rows, i, L_KIND);
		shown = strcmp(kind, "terms") == 0 ? a->terms : a->notice;
		if (shown != 0 && shown != id)
			a->stale = 1;
		if (!PF_CELL(&rows, i, L_ACCEPTED)->i && shown != id)
			a->stale = 1;
	}
	if ((a->terms != 0 || a->notice != 0) && rows.n == 0)
		a->stale = 1;
	if (a->stale)
		return 409;
	for (i = 0; i < rows.n; i++) {
		if (PF_CELL(&rows, i, L_ACCEPTED)->i)
			continue;
		id = (unsigned long long)PF_CELL(&rows, i, L_ID)->i;
		if ((e = pf_db_exec(pf_req_db(r), SQL_LEGAL_ACCEPT, PF_ARGS(
		    PF_INT((long long)s->user), PF_INT((long long)id)), NULL, &aid)) != PF_DB_OK)
			return e == PF_DB_DUP ? 409 : pf_tx_err(e);
		if ((rc = seal_ip(r, "legal_acceptances", SQL_LEGAL_ACCEPT_SEAL, aid)) != 0)
			return rc;
		if ((e = pf_audit_event(r, "privacy.terms.accepted", PF_AUDIT_OK, s->user,
		    pf_req_org(r), pf_psprintf(p, "legal_text:%llu", id),
		    pf_psprintf(p, "kind=%s version=%lld", pf_cell_str(&rows, i, L_KIND),
		    PF_CELL(&rows, i, L_VERSION)->i), NULL, 0)) != PF_DB_OK)
			return pf_tx_err(e);
		a->n++;
	}
	return 0;
}

int
page_accept_post(struct pf_req *r)
{
	struct accept a;
	struct pf_rows rows;
	size_t pending;
	int rc;

	memset(&a, 0, sizeof(a));
	a.terms = id_of(r, F_TERMS);
	a.notice = id_of(r, F_NOTICE);
	if (a.terms == 0 && a.notice == 0)
		return 400;
	if ((rc = pf_tx(r, accept_tx, &a)) == 409) {
		/* a new version meanwhile: show what is in force now */
		if ((rc = load_force(r, &rows)) != 0)
			return rc;
		pf_resp_status(r, 409);
		pf_set(r, "Form.Message", pf_tr(r, "Privacy.Legal.Accept.Stale"));
		if ((rc = render_accept(r, &rows, &pending)) != 0 || pending > 0)
			return rc;
		return 409;
	}
	if (rc != 0)
		return rc;
	return pf_resp_redirect(r, 303, return_to(r));
}

/* ---- the texts in force, for everyone --------------------------------------- */

static int
public_text(struct pf_req *r, const char *kind, const char *title)
{
	struct pf_rows rows;
	int de = german(r), rc;
	size_t i;

	if ((rc = load_force(r, &rows)) != 0)
		return rc;
	pf_set(r, "Legal.Kind", kind);
	for (i = 0; i < rows.n; i++) {
		if (strcmp(pf_cell_str(&rows, i, L_KIND), kind) != 0)
			continue;
		pf_set(r, "Legal.Text.Title", pf_cell_str(&rows, i, de ? L_TITLE_DE : L_TITLE_EN));
		pf_set(r, "Legal.Text.Version",
		    ull(r, (unsigned long long)PF_CELL(&rows, i, L_VERSION)->i));
		pf_set(r, "Legal.Text.Published", pf_time_human(pf_req_pool(r),
		    pf_cell_str(&rows, i, L_PUBLISHED)));
		set_body(r, "Legal.Text.P", pf_cell_str(&rows, i, de ? L_BODY_DE : L_BODY_EN));
	}
	return pf_render_page(r, "privacy_text.cs", "privacy", title);
}

int
page_terms(struct pf_req *r)
{
	return public_text(r, "terms", "Privacy.Legal.Kind.terms");
}

int
page_notice(struct pf_req *r)
{
	return public_text(r, "privacy", "Privacy.Legal.Kind.privacy");
}

/* ---- consent to optional processing ------------------------------------------ */

int
page_consents(struct pf_req *r)
{
	struct pf_rows rows;
	const char *done = pf_req_field(r, F_DONE);
	int de = german(r);
	size_t i;

	if (pf_db_query(pf_req_db(r), pf_req_pool(r), SQL_PURPOSES,
	    PF_ARGS(PF_INT((long long)pf_req_session(r)->user)), &rows) != PF_DB_OK)
		return 503;
	for (i = 0; i < rows.n; i++) {
		pf_setf(r, pf_cell_str(&rows, i, 0), "Legal.Purposes.%zu.Name", i);
		pf_setf(r, pf_cell_str(&rows, i, de ? 1 : 2), "Legal.Purposes.%zu.Label", i);
		pf_setf(r, pf_cell_str(&rows, i, de ? 3 : 4), "Legal.Purposes.%zu.Text", i);
		pf_setf(r, PF_CELL(&rows, i, 5)->i ? "1" : "0", "Legal.Purposes.%zu.Granted", i);
		if (PF_CELL(&rows, i, 6)->type != PF_V_NULL)
			pf_setf(r, pf_time_human(pf_req_pool(r), pf_cell_str(&rows, i, 6)),
			    "Legal.Purposes.%zu.Changed", i);
	}
	if (done != NULL && (strcmp(done, "granted") == 0 || strcmp(done, "withdrawn") == 0))
		pf_set(r, "Legal.Done", done);
	return pf_render_page(r, "privacy_consents.cs", "privacy", "Privacy.Legal.Consents.Title");
}

struct consent {
	const char	*purpose;
	int		 grant;
	int		 changed;
};

/* Set the state, write its ledger row (address sealed) and its event, or
 * nothing when the state is already the one asked for. */
static int
consent_tx(struct pf_req *r, void *arg)
{
	struct consent *c = arg;
	const struct pf_session *s = pf_req_session(r);
	struct pf_db *db = pf_req_db(r);
	struct pf_change ch;
	struct pf_rows rows;
	unsigned long long lid;
	const char *before;
	enum pf_dberr e;
	int rc;

	c->changed = 0;
	if ((e = pf_db_query(db, pf_req_pool(r), SQL_PURPOSE_ONE, PF_ARGS(PF_STR(c->purpose)),
	    &rows)) != PF_DB_OK)
		return pf_tx_err(e);
	if (rows.n != 1)
		return 404;
	if ((e = pf_db_query(db, pf_req_pool(r), SQL_CONSENT_LOCK, PF_ARGS(
	    PF_INT((long long)s->user), PF_STR(c->purpose)), &rows)) != PF_DB_OK)
		return pf_tx_err(e);
	before = rows.n == 1 && PF_CELL(&rows, 0, 0)->i ? "1" : "0";
	if ((before[0] == '1') == (c->grant != 0))
		return 0;
	if ((e = pf_db_exec(db, SQL_CONSENT_SET, PF_ARGS(PF_INT((long long)s->user),
	    PF_STR(c->purpose), PF_INT(c->grant ? 1 : 0)), NULL, NULL)) != PF_DB_OK)
		return pf_tx_err(e);
	if ((e = pf_db_exec(db, SQL_CONSENT_LOG, PF_ARGS(PF_INT((long long)s->user),
	    PF_STR(c->purpose), PF_STR(c->grant ? "granted" : "withdrawn")), NULL,
	    &lid)) != PF_DB_OK)
		return pf_tx_err(e);
	if ((rc = seal_ip(r, "consent_log", SQL_CONSENT_LOG_SEAL, lid)) != 0)
		return rc;
	ch = (struct pf_change){ "granted", before, c->grant ? "1" : "0" };
	if ((e = pf_audit_change(r, c->grant ? "privacy.consent.granted" :
	    "privacy.consent.withdrawn", s->user, pf_req_org(r),
	    pf_psprintf(pf_req_pool(r), "consent:%s", c->purpose), &ch, 1)) != PF_DB_OK)
		return pf_tx_err(e);
	c->changed = 1;
	return 0;
}

int
page_consents_post(struct pf_req *r)
{
	struct consent c;
	const char *g = pf_req_field(r, F_GRANT);
	int rc;

	c.purpose = pf_req_field(r, F_PURPOSE);
	if (c.purpose == NULL || g == NULL)
		return 400;
	c.grant = strcmp(g, "1") == 0;
	if ((rc = pf_tx(r, consent_tx, &c)) != 0)
		return rc;
	return pf_resp_redirect(r, 303, c.grant ? "/privacy/consents?done=granted" :
	    "/privacy/consents?done=withdrawn");
}

/* ---- the editor --------------------------------------------------------------- */

/* The editor's pages: global privacy.manage (the pipeline checked some
 * scope; the texts concern no organisation). */
static int
editor(struct pf_req *r)
{
	return pf_may_global(r, PF_PERM_PRIVACY_MANAGE);
}

int
page_texts(struct pf_req *r)
{
	struct pf_pool *p = pf_req_pool(r);
	const char *done = pf_req_field(r, F_DONE), *kind;
	struct pf_rows rows;
	int de = german(r), force_terms = 0, force_privacy = 0, *seen;
	size_t i;

	if (!editor(r))
		return 403;
	if (pf_db_query(pf_req_db(r), p, SQL_TEXTS_LIST, NULL, 0, &rows) != PF_DB_OK)
		return 503;
	for (i = 0; i < rows.n; i++) {
		kind = pf_cell_str(&rows, i, 1);
		pf_setf(r, ull(r, (unsigned long long)PF_CELL(&rows, i, 0)->i),
		    "Legal.List.%zu.Id", i);
		pf_setf(r, kind, "Legal.List.%zu.Kind", i);
		pf_setf(r, kind_label(r, kind), "Legal.List.%zu.KindLabel", i);
		pf_setf(r, ull(r, (unsigned long long)PF_CELL(&rows, i, 2)->i),
		    "Legal.List.%zu.Version", i);
		pf_setf(r, pf_cell_str(&rows, i, de ? 3 : 4), "Legal.List.%zu.Title", i);
		pf_setf(r, pf_time_human(p, pf_cell_str(&rows, i, 5)), "Legal.List.%zu.Created", i);
		if (PF_CELL(&rows, i, 6)->type == PF_V_NULL) {
			pf_setf(r, "draft", "Legal.List.%zu.State", i);
			continue;
		}
		pf_setf(r, pf_time_human(p, pf_cell_str(&rows, i, 6)), "Legal.List.%zu.Published", i);
		/* newest first: the first published one of a kind is in force */
		seen = strcmp(kind, "terms") == 0 ? &force_terms : &force_privacy;
		pf_setf(r, *seen ? "old" : "force", "Legal.List.%zu.State", i);
		*seen = 1;
	}
	if (done != NULL && strcmp(done, "published") == 0)
		pf_set(r, "Legal.Done", done);
	return pf_render_page(r, "privacy_texts_admin.cs", "privacy", "Privacy.Legal.Admin.Title");
}

struct text {
	unsigned long long	 id;
	const char		*kind;
	long long		 version;
	const char		*title_de, *title_en, *body_de, *body_en;
	const char		*old_de, *old_en;	/* the titles before an edit */
};

/* The form (new or edit) with t's values. */
static int
render_form(struct pf_req *r, const struct text *t)
{
	if (t->id != 0) {
		pf_set(r, "Form.Id", ull(r, t->id));
		pf_set(r, "Form.Version", pf_psprintf(pf_req_pool(r), "%lld", t->version));
	}
	pf_set(r, "Form.Kind", t->kind);
	pf_set(r, "Form.KindLabel", kind_label(r, t->kind));
	pf_set(r, "Form.TitleDe", t->title_de);
	pf_set(r, "Form.TitleEn", t->title_en);
	pf_set(r, "Form.BodyDe", t->body_de);
	pf_set(r, "Form.BodyEn", t->body_en);
	return pf_render_page(r, "privacy_text_form.cs", "privacy", t->id != 0 ?
	    "Privacy.Legal.Admin.EditTitle" : "Privacy.Legal.Admin.NewTitle");
}

/* Line ends as LF, surrounding white space trimmed. */
static const char *
body_clean(struct pf_pool *p, const char *s)
{
	char *out = pf_pstrdup(p, s != NULL ? s : ""), *w = out;
	const char *c;

	for (c = out; *c; c++)
		if (*c != '\r')
			*w++ = *c;
	*w = '\0';
	return pf_trim(p, out);
}

/* Read and check the form's texts into t: 0, or 422 with the messages set. */
static int
read_texts(struct pf_req *r, struct text *t)
{
	struct pf_pool *p = pf_req_pool(r);
	int bad = 0;

	t->title_de = pf_trim(p, pf_req_field(r, F_TITLE_DE) ? pf_req_field(r, F_TITLE_DE) : "");
	t->title_en = pf_trim(p, pf_req_field(r, F_TITLE_EN) ? pf_req_field(r, F_TITLE_EN) : "");
	t->body_de = body_clean(p, pf_req_field(r, F_BODY_DE));
	t->body_en = body_clean(p, pf_req_field(r, F_BODY_EN));
#define CHECK(v, name, max) \
	if (*(v) == '\0' || pf_utf8_chars(v) > (max)) { \
		pf_set(r, "Form.Errors." name, pf_tr(r, "Privacy.Legal.Admin.Err." name)); \
		bad = 1; \
	}
	CHECK(t->title_de, "title_de", TITLE_MAX)
	CHECK(t->title_en, "title_en", TITLE_MAX)
	CHECK(t->body_de, "body_de", BODY_MAX)
	CHECK(t->body_en, "body_en", BODY_MAX)
#undef CHECK
	if (bad) {
		pf_resp_status(r, 422);
		pf_set(r, "Form.Message", pf_tr(r, "Privacy.Legal.Admin.Err.Form"));
	}
	return bad ? 422 : 0;
}

/* Text id (locked: for_update) into t: 0 or an HTTP status. */
static int
load_text(struct pf_req *r, unsigned long long id, int for_update, struct text *t,
    const char **published)
{
	struct pf_rows rows;
	enum pf_dberr e;

	if (id == 0)
		return 404;
	if ((e = pf_db_query(pf_req_db(r), pf_req_pool(r), for_update ? SQL_TEXT_LOCK :
	    SQL_TEXT_ONE, PF_ARGS(PF_INT((long long)id)), &rows)) != PF_DB_OK)
		return for_update ? pf_tx_err(e) : 503;
	if (rows.n != 1)
		return 404;
	memset(t, 0, sizeof(*t));
	t->id = id;
	t->kind = pf_cell_str(&rows, 0, T_KIND);
	t->version = PF_CELL(&rows, 0, T_VERSION)->i;
	t->title_de = pf_cell_str(&rows, 0, T_TITLE_DE);
	t->title_en = pf_cell_str(&rows, 0, T_TITLE_EN);
	t->body_de = pf_cell_str(&rows, 0, T_BODY_DE);
	t->body_en = pf_cell_str(&rows, 0, T_BODY_EN);
	*published = PF_CELL(&rows, 0, T_PUBLISHED)->type == PF_V_NULL ? NULL :
	    pf_cell_str(&rows, 0, T_PUBLISHED);
	return 0;
}

/* A published version is not edited (409), with the way forward. */
static int
frozen(struct pf_req *r)
{
	return pf_message(r, 409, "Privacy.Legal.Admin.Frozen", "/privacy/admin/texts",
	    "Privacy.Legal.Admin.Back");
}

int
page_text_new(struct pf_req *r)
{
	struct text t;
	struct pf_rows rows;

	if (!editor(r))
		return 403;
	memset(&t, 0, sizeof(t));
	t.kind = pf_req_field(r, F_KIND) ? pf_req_field(r, F_KIND) : "terms";
	t.title_de = t.title_en = t.body_de = t.body_en = "";
	/* a new version starts from the newest one of its kind */
	if (pf_db_query(pf_req_db(r), pf_req_pool(r), SQL_TEXT_NEWEST, PF_ARGS(PF_STR(t.kind)),
	    &rows) != PF_DB_OK)
		return 503;
	if (rows.n == 1) {
		t.title_de = pf_cell_str(&rows, 0, 0);
		t.title_en = pf_cell_str(&rows, 0, 1);
		t.body_de = pf_cell_str(&rows, 0, 2);
		t.body_en = pf_cell_str(&rows, 0, 3);
	}
	return render_form(r, &t);
}

/* The change for the audit trail: the titles and the bodies' lengths
 * (the bodies themselves stay in legal_texts, never edited once public). */
static size_t
text_changes(struct pf_req *r, const struct text *t, int created, struct pf_change *ch)
{
	struct pf_pool *p = pf_req_pool(r);
	size_t n = 0;

	if (created) {
		ch[n++] = (struct pf_change){ "kind", NULL, t->kind };
		ch[n++] = (struct pf_change){ "version", NULL, pf_psprintf(p, "%lld", t->version) };
	}
	ch[n++] = (struct pf_change){ "title_de", created ? NULL : t->old_de, t->title_de };
	ch[n++] = (struct pf_change){ "title_en", created ? NULL : t->old_en, t->title_en };
	ch[n++] = (struct pf_change){ "body_de_chars", NULL,
	    pf_psprintf(p, "%zu", pf_utf8_chars(t->body_de)) };
	ch[n++] = (struct pf_change){ "body_en_chars", NULL,
	    pf_psprintf(p, "%zu", pf_utf8_chars(t->body_en)) };
	return n;
}

static int
create_tx(struct pf_req *r, void *arg)
{
	struct text *t = arg, back;
	struct pf_change ch[6];
	const char *published;
	enum pf_dberr e;
	size_t n;
	int rc;

	if ((e = pf_db_exec(pf_req_db(r), SQL_TEXT_INSERT, PF_ARGS(PF_STR(t->kind),
	    PF_STR(t->title_de), PF_STR(t->title_en), PF_STR(t->body_de), PF_STR(t->body_en),
	    PF_INT((long long)pf_req_session(r)->user), PF_STR(t->kind)), NULL,
	    &t->id)) != PF_DB_OK)
		return e == PF_DB_DUP ? 409 : pf_tx_err(e);
	if ((rc = load_text(r, t->id, 1, &back, &published)) != 0)
		return rc == 404 ? 500 : rc;
	t->version = back.version;
	n = text_changes(r, t, 1, ch);
	if ((e = pf_audit_change(r, "privacy.text.created", 0, 0,
	    pf_psprintf(pf_req_pool(r), "legal_text:%llu", t->id), ch, n)) != PF_DB_OK)
		return pf_tx_err(e);
	return 0;
}

int
page_text_new_post(struct pf_req *r)
{
	struct text t;
	int rc;

	if (!editor(r))
		return 403;
	memset(&t, 0, sizeof(t));
	if ((t.kind = pf_req_field(r, F_KIND)) == NULL)
		return 400;
	if (read_texts(r, &t) != 0)
		return render_form(r, &t);
	if ((rc = pf_tx(r, create_tx, &t)) == 409) {
		pf_resp_status(r, 409);
		pf_set(r, "Form.Message", pf_tr(r, "Privacy.Legal.Admin.Err.Busy"));
		t.id = 0;
		return render_form(r, &t);
	}
	if (rc != 0)
		return rc;
	return pf_resp_redirect(r, 303, pf_psprintf(pf_req_pool(r),
	    "/privacy/admin/texts/view?id=%llu&done=created", t.id));
}

int
page_text_edit(struct pf_req *r)
{
	struct text t;
	const char *published;
	int rc;

	if (!editor(r))
		return 403;
	if ((rc = load_text(r, id_of(r, F_ID), 0, &t, &published)) != 0)
		return rc;
	if (published != NULL)
		return frozen(r);
	return render_form(r, &t);
}

static int
update_tx(struct pf_req *r, void *arg)
{
	struct text *t = arg, old;
	struct pf_change ch[6];
	const char *published;
	unsigned long long n = 0;
	enum pf_dberr e;
	int rc;

	if ((rc = load_text(r, t->id, 1, &old, &published)) != 0)
		return rc;
	if (published != NULL)
		return 409;
	t->kind = old.kind;
	t->version = old.version;
	t->old_de = old.title_de;
	t->old_en = old.title_en;
	if ((e = pf_db_exec(pf_req_db(r), SQL_TEXT_UPDATE, PF_ARGS(PF_STR(t->title_de),
	    PF_STR(t->title_en), PF_STR(t->body_de), PF_STR(t->body_en),
	    PF_INT((long long)t->id)), &n, NULL)) != PF_DB_OK)
		return pf_tx_err(e);
	if (n != 1)
		return 409;
	if ((e = pf_audit_change(r, "privacy.text.updated", 0, 0,
	    pf_psprintf(pf_req_pool(r), "legal_text:%llu", t->id), ch,
	    text_changes(r, t, 0, ch))) != PF_DB_OK)
		return pf_tx_err(e);
	return 0;
}

int
page_text_edit_post(struct pf_req *r)
{
	struct text t, cur;
	const char *published;
	int rc;

	if (!editor(r))
		return 403;
	memset(&t, 0, sizeof(t));
	if ((rc = load_text(r, id_of(r, F_ID), 0, &cur, &published)) != 0)
		return rc;
	if (published != NULL)
		return frozen(r);
	t.id = cur.id;
	t.kind = cur.kind;
	t.version = cur.version;
	if (read_texts(r, &t) != 0)
		return render_form(r, &t);
	if ((rc = pf_tx(r, update_tx, &t)) == 409)
		return frozen(r);
	if (rc != 0)
		return rc;
	return pf_resp_redirect(r, 303, pf_psprintf(pf_req_pool(r),
	    "/privacy/admin/texts/view?id=%llu&done=updated", t.id));
}

/* One version in both languages; confirm: with the publishing form. */
static int
render_text(struct pf_req *r, int confirm)
{
	struct text t;
	struct pf_rows rows;
	const char *published, *done = pf_req_field(r, F_DONE);
	int rc;

	if (!editor(r))
		return 403;
	if ((rc = load_text(r, id_of(r, F_ID), 0, &t, &published)) != 0)
		return rc;
	if (confirm && published == NULL) {
		/* a newer version in force already: this draft stays one */
		if (pf_db_query(pf_req_db(r), pf_req_pool(r), SQL_TEXT_MAXPUB,
		    PF_ARGS(PF_STR(t.kind)), &rows) != PF_DB_OK || rows.n != 1)
			return 503;
		if (PF_CELL(&rows, 0, 0)->i >= t.version)
			published = "";
	}
	if (confirm && published != NULL)
		return pf_message(r, 409, "Privacy.Legal.Admin.Twice", "/privacy/admin/texts",
		    "Privacy.Legal.Admin.Back");
	pf_set(r, "Legal.Text.Id", ull(r, t.id));
	pf_set(r, "Legal.Text.Kind", t.kind);
	pf_set(r, "Legal.Text.KindLabel", kind_label(r, t.kind));
	pf_set(r, "Legal.Text.Version", pf_psprintf(pf_req_pool(r), "%lld", t.version));
	pf_set(r, "Legal.Text.TitleDe", t.title_de);
	pf_set(r, "Legal.Text.TitleEn", t.title_en);
	set_body(r, "Legal.Text.De", t.body_de);
	set_body(r, "Legal.Text.En", t.body_en);
	if (published != NULL)
		pf_set(r, "Legal.Text.Published", pf_time_human(pf_req_pool(r), published));
	if (confirm)
		pf_set(r, "Legal.Confirm", "1");
	if (done != NULL && (strcmp(done, "created") == 0 || strcmp(done, "updated") == 0))
		pf_set(r, "Legal.Done", done);
	return pf_render_page(r, "privacy_text_admin.cs", "privacy", confirm ?
	    "Privacy.Legal.Admin.PublishTitle" : "Privacy.Legal.Admin.ViewTitle");
}

int
page_text_view(struct pf_req *r)
{
	return render_text(r, 0);
}

int
page_text_publish(struct pf_req *r)
{
	return render_text(r, 1);
}

/*
 * Publish a draft (compare and set: once).  Versions in force only grow:
 * a draft older than the newest published version of its kind is not
 * published (409); the administrator makes a new version instead.
 */
static int
publish_tx(struct pf_req *r, void *arg)
{
	struct text *t = arg;
	struct pf_change ch;
	struct pf_rows rows;
	const char *published;
	unsigned long long n = 0;
	enum pf_dberr e;
	int rc;

	if ((rc = load_text(r, t->id, 1, t, &published)) != 0)
		return rc;
	if (published != NULL)
		return 409;
	if ((e = pf_db_query(pf_req_db(r), pf_req_pool(r), SQL_TEXT_MAXPUB,
	    PF_ARGS(PF_STR(t->kind)), &rows)) != PF_DB_OK)
		return pf_tx_err(e);
	if (rows.n != 1 || PF_CELL(&rows, 0, 0)->i >= t->version)
		return 409;
	if ((e = pf_db_exec(pf_req_db(r), SQL_TEXT_PUBLISH, PF_ARGS(PF_INT((long long)t->id)),
	    &n, NULL)) != PF_DB_OK)
		return pf_tx_err(e);
	if (n != 1)
		return 409;
	ch = (struct pf_change){ "state", "draft", "published" };
	if ((e = pf_audit_event(r, "privacy.text.published", PF_AUDIT_OK, 0, 0,
	    pf_psprintf(pf_req_pool(r), "legal_text:%llu", t->id),
	    pf_psprintf(pf_req_pool(r), "kind=%s version=%lld", t->kind, t->version),
	    &ch, 1)) != PF_DB_OK)
		return pf_tx_err(e);
	return 0;
}

int
page_text_publish_post(struct pf_req *r)
{
	struct text t;
	int rc;

	if (!editor(r))
		return 403;
	memset(&t, 0, sizeof(t));
	if ((t.id = id_of(r, F_ID)) == 0)
		return 400;
	if ((rc = pf_tx(r, publish_tx, &t)) == 409)
		return pf_message(r, 409, "Privacy.Legal.Admin.Twice", "/privacy/admin/texts",
		    "Privacy.Legal.Admin.Back");
	if (rc != 0)
		return rc;
	return pf_resp_redirect(r, 303, "/privacy/admin/texts?done=published");
}
