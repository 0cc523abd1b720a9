/*
 * rolereq: asking for a role and deciding about it.  A user asks for a
 * role with a justification; the approvers (the key users of the user's
 * organisation for roles their organisation decides, administrators for
 * everything) are mailed, see the request in their queue and approve it,
 * optionally until a date, or reject it with a comment.  The requester
 * gets an e-mail, the approver a copy when they consented to it
 * (notify.decisions, /privacy/consents).  A grant takes effect at the requester's next request:
 * pf_may() reads the grants for every request.
 *
 * The pipeline (lib/loop.c) has already checked every field, the form
 * token, the full session and, for the approver's pages, that the session
 * holds roles.approve somewhere; the handlers check each request with
 * pf_may_grant().
 */
#include "rolereq.h"

#define ID_MAX	9007199254740991LL	/* 2^53 - 1 */

static const char *const decisions[] = { "approve", "reject", NULL };
static const char *const dones[] = { "requested", "withdrawn", "approved", "rejected",
	NULL };

/* Texts are limited in characters by the handlers, which answer with the
 * form and a message; the byte limits only stop the absurd. */
static const struct pf_field fields[F__MAX] = {
	[F_ID] = { "id", PF_F_INT, 0, 20, 1, ID_MAX, NULL, NULL },
	[F_ROLE] = { "role", PF_F_INT, 0, 20, 1, ID_MAX, NULL, NULL },
	[F_REASON] = { "reason", PF_F_TEXT, 0, 4 * REASON_MAX + 64, 0, 0, NULL, NULL },
	[F_DECISION] = { "decision", PF_F_ENUM, 0, 0, 0, 0, decisions, NULL },
	[F_COMMENT] = { "comment", PF_F_TEXT, 0, 4 * COMMENT_MAX + 64, 0, 0, NULL, NULL },
	[F_EXPIRES] = { "expires", PF_F_LINE, 0, 64, 0, 0, NULL, NULL },
	[F_DONE] = { "done", PF_F_ENUM, 0, 0, 0, 0, dones, NULL },
};

/* A grant counts while it has not expired; an org-scoped one only in the
 * organisation it was given for (pf_may's rule). */
#define LIVE_GRANT \
	"(ur.expires_at IS NULL OR ur.expires_at > UTC_TIMESTAMP(6))"
#define REQ_COLS \
	"id, user_id, role_id, org_id, status, created_at, decided_at, grant_expires, " \
	"reason_enc, comment_enc"

static const char *const sql[SQL__MAX - PF_SQL_APP] = {
	[SQL_HELD - PF_SQL_APP] =
	    "SELECT r.id, r.scope, r.label_de, r.label_en, ur.expires_at "
	    "FROM user_roles ur JOIN roles r ON r.id = ur.role_id "
	    "WHERE ur.user_id = ? AND " LIVE_GRANT " "
	    "AND (r.scope = 'global' OR ur.org_id <=> ?) ORDER BY r.scope, r.name",
	[SQL_MINE - PF_SQL_APP] =
	    "SELECT q.id, q.status, q.created_at, q.decided_at, q.grant_expires, "
	    "q.comment_enc, r.label_de, r.label_en "
	    "FROM role_requests q JOIN roles r ON r.id = q.role_id "
	    "WHERE q.user_id = ? ORDER BY q.id DESC LIMIT 100",
	[SQL_REQUESTABLE - PF_SQL_APP] =
	    "SELECT r.id, r.scope, r.label_de, r.label_en FROM roles r "
	    "WHERE r.requestable = 1 AND NOT EXISTS (SELECT 1 FROM user_roles ur "
	    "WHERE ur.user_id = ? AND ur.role_id = r.id AND " LIVE_GRANT " "
	    "AND (r.scope = 'global' OR ur.org_id <=> ?)) "
	    "AND NOT EXISTS (SELECT 1 FROM role_requests q WHERE q.user_id = ? "
	    "AND q.role_id = r.id AND q.status = 'pending') ORDER BY r.name",
	[SQL_HOLDS - PF_SQL_APP] =
	    "SELECT 1 FROM user_roles ur JOIN roles r ON r.id = ur.role_id "
	    "WHERE ur.user_id = ? AND ur.role_id = ? AND " LIVE_GRANT " "
	    "AND (r.scope = 'global' OR ur.org_id <=> ?)",
	[SQL_INSERT - PF_SQL_APP] =
	    "INSERT INTO role_requests (user_id, role_id, org_id) VALUES (?, ?, ?)",
	[SQL_SEAL_REASON - PF_SQL_APP] =
	    "UPDATE role_requests SET reason_enc = ? WHERE id = ?",
	[SQL_WITHDRAW - PF_SQL_APP] =
	    "UPDATE role_requests SET status = 'withdrawn', decided_by = ?, "
	    "decided_at = UTC_TIMESTAMP(6) WHERE id = ? AND user_id = ? AND status = 'pending'",
	[SQL_MINE_ONE - PF_SQL_APP] =
	    "SELECT q.status, q.org_id, r.name FROM role_requests q "
	    "JOIN roles r ON r.id = q.role_id WHERE q.id = ? AND q.user_id = ?",
	[SQL_QUEUE - PF_SQL_APP] =
	    "SELECT " REQ_COLS " FROM role_requests WHERE status = 'pending' "
	    "AND (? = 1 OR org_id = ?) ORDER BY created_at, id LIMIT 500",
	[SQL_ONE - PF_SQL_APP] =
	    "SELECT " REQ_COLS " FROM role_requests WHERE id = ?",
	/* compare and set: only a pending request is decided, once */
	[SQL_DECIDE - PF_SQL_APP] =
	    "UPDATE role_requests SET status = ?, decided_by = ?, "
	    "decided_at = UTC_TIMESTAMP(6), comment_enc = ?, grant_expires = ? "
	    "WHERE id = ? AND status = 'pending'",
	[SQL_LABELS - PF_SQL_APP] =
	    "SELECT label_de, label_en FROM roles WHERE id = ?",
	[SQL_APPROVERS_ORG - PF_SQL_APP] =
	    "SELECT DISTINCT u.id FROM user_roles ur "
	    "JOIN roles r ON r.id = ur.role_id AND r.scope = 'org' "
	    "JOIN role_permissions rp ON rp.role_id = r.id AND rp.permission = 'roles.approve' "
	    "JOIN users u ON u.id = ur.user_id JOIN orgs o ON o.id = u.org_id "
	    "WHERE ur.org_id = ? AND u.org_id = ur.org_id AND u.status = 'active' "
	    "AND o.status = 'active' AND " LIVE_GRANT " ORDER BY u.id LIMIT 200",
	[SQL_APPROVERS_GLOBAL - PF_SQL_APP] =
	    "SELECT DISTINCT u.id FROM user_roles ur "
	    "JOIN roles r ON r.id = ur.role_id AND r.scope = 'global' "
	    "JOIN role_permissions rp ON rp.role_id = r.id AND rp.permission = 'roles.approve' "
	    "JOIN users u ON u.id = ur.user_id LEFT JOIN orgs o ON o.id = u.org_id "
	    "WHERE u.status = 'active' AND (o.id IS NULL OR o.status = 'active') "
	    "AND " LIVE_GRANT " ORDER BY u.id LIMIT 200",
	/* the approver's consent to a copy of their decisions (privacy) */
	[SQL_CONSENT - PF_SQL_APP] =
	    "SELECT granted FROM user_consents WHERE user_id = ? AND purpose = 'notify.decisions'",
};

#define FORM	(PF_PAGE_DB | PF_PAGE_FORM | PF_PAGE_FULL)
#define F(k)	PF_FIELD(k)

static const struct pf_page pages[] = {
	{ "/roles", PF_GET, F(F_DONE), FORM, page_mine, PF_PERM_NONE },
	{ "/roles/request", PF_POST, F(F_ROLE) | F(F_REASON), FORM, page_request_post,
	    PF_PERM_NONE },
	{ "/roles/withdraw", PF_POST, F(F_ID), FORM, page_withdraw_post, PF_PERM_NONE },
	{ "/roles/queue", PF_GET, F(F_DONE), FORM, page_queue, PF_PERM_ROLES_APPROVE },
	{ "/roles/request", PF_GET, F(F_ID), FORM, page_one, PF_PERM_ROLES_APPROVE },
	{ "/roles/decide", PF_POST, F(F_ID) | F(F_DECISION) | F(F_COMMENT) | F(F_EXPIRES),
	    FORM, page_decide_post, PF_PERM_ROLES_APPROVE },
};

static const struct pf_app app = {
	"rolereq", pages, sizeof(pages) / sizeof(pages[0]), fields, F__MAX,
	sql, SQL__MAX - PF_SQL_APP, NULL
};

const char *
label_of(const char *lang, const char *de, const char *en)
{
	return strcmp(lang, "de") == 0 ? de : en;
}

const char *
role_label(struct pf_req *r, unsigned long long role, const char *lang)
{
	struct pf_rows rows;

	if (pf_db_query(pf_req_db(r), pf_req_pool(r), SQL_LABELS, PF_ARGS(PF_INT((long long)role)),
	    &rows) != PF_DB_OK || rows.n != 1)
		return "";
	return label_of(lang ? lang : "", pf_cell_str(&rows, 0, 0), pf_cell_str(&rows, 0, 1));
}

const char *
portal_link(struct pf_req *r, const char *path)
{
	return pf_psprintf(pf_req_pool(r), "%s%s", pf_conf_str("Portal.BaseURL"), path);
}

/* Append the ids of rows to *ids (n of them, room for cap) unless already
 * there or the requester's. */
static void
add_ids(const struct pf_rows *rows, unsigned long long requester, unsigned long long *ids,
    size_t *n, size_t cap)
{
	size_t i, k;
	unsigned long long id;

	for (i = 0; i < rows->n && *n < cap; i++) {
		id = (unsigned long long)PF_CELL(rows, i, 0)->i;
		if (id == requester)
			continue;
		for (k = 0; k < *n && ids[k] != id; k++)
			;
		if (k == *n)
			ids[(*n)++] = id;
	}
}

enum pf_dberr
approvers(struct pf_req *r, const struct pf_role *role, unsigned long long org,
    unsigned long long requester, unsigned long long **ids, size_t *n)
{
	struct pf_pool *p = pf_req_pool(r);
	struct pf_rows local = { 0 }, global;
	enum pf_dberr e;

	*n = 0;
	*ids = NULL;
	if (strcmp(role->scope, "org") == 0 && strcmp(role->approval, "org") == 0 && org != 0 &&
	    (e = pf_db_query(pf_req_db(r), p, SQL_APPROVERS_ORG,
	    PF_ARGS(PF_INT((long long)org)), &local)) != PF_DB_OK)
		return e;
	if ((e = pf_db_query(pf_req_db(r), p, SQL_APPROVERS_GLOBAL, NULL, 0, &global)) !=
	    PF_DB_OK)
		return e;
	*ids = pf_palloc(p, (local.n + global.n + 1) * sizeof(**ids));
	add_ids(&local, requester, *ids, n, local.n + global.n);
	add_ids(&global, requester, *ids, n, local.n + global.n);
	return PF_DB_OK;
}

int
main(int argc, char *argv[])
{
	return pf_main(&app, argc, argv);
}
