/*
 * privacy: what the GDPR gives a user and asks of the company, in one
 * program: legal texts and their acceptance, consent and its withdrawal,
 * the export of one's data, erasure, and the record of processing
 * activities.  The parts are listed in privacy.h.
 *
 * The pipeline (lib/loop.c) has already checked every field, the form
 * token, the session and, for the administration's pages, that the
 * session holds the page's permission somewhere; handlers check objects.
 */
#include "privacy.h"

#define ID_MAX	9007199254740991LL	/* 2^53 - 1 */

static const struct pf_field fields[F__MAX] = {
	/* privacy.c */
	[F_ID] = { "id", PF_F_INT, 1, 20, 1, ID_MAX, NULL, NULL },
	/* privacy-legal.c */
	/* privacy-export.c */
	/* privacy-erase.c */
	[F_REASON_DE] = { "reason_de", PF_F_LINE, 1, 2000, 0, 0, NULL, NULL },
	[F_REASON_EN] = { "reason_en", PF_F_LINE, 1, 2000, 0, 0, NULL, NULL },
	[F_UNTIL] = { "until", PF_F_LINE, 1, 20, 0, 0, NULL, NULL },
	/* privacy-ropa.c */
};

static const char *const sql[SQL__MAX - PF_SQL_APP] = {
	/* privacy.c */
	[SQL_NOTHING - PF_SQL_APP] = "SELECT 1",
	/* privacy-legal.c */
	/* privacy-export.c */
	/* privacy-erase.c */
	[SQL_ER_HOLDS - PF_SQL_APP] =
	    "SELECT id, reason_de, reason_en, DATE_FORMAT(until_at, '%Y-%m-%d %H:%i:%s') "
	    "FROM legal_holds WHERE user_id = ? AND until_at > UTC_TIMESTAMP(6) "
	    "ORDER BY until_at, id",
	[SQL_ER_OPEN_OF - PF_SQL_APP] =
	    "SELECT id, status, DATE_FORMAT(requested_at, '%Y-%m-%d %H:%i:%s'), "
	    "DATE_FORMAT(due_at, '%Y-%m-%d %H:%i:%s'), IFNULL(requested_by, 0), "
	    "status = 'pending' AND due_at <= UTC_TIMESTAMP(6) "
	    "FROM erasure_requests WHERE user_id = ? AND status IN ('pending','held')",
	/* audit entries about or by the user; documents they created; the
	 * organisation's documents created by others */
	[SQL_ER_COUNTS - PF_SQL_APP] =
	    "SELECT (SELECT COUNT(id) FROM audit_log WHERE user_id = ? OR actor_id = ?), "
	    "(SELECT COUNT(id) FROM documents WHERE created_by = ? AND deleted_at IS NULL), "
	    "(SELECT COUNT(id) FROM documents WHERE (created_by IS NULL OR created_by <> ?) "
	    "AND org_id = ? AND deleted_at IS NULL)",
	[SQL_ER_INSERT - PF_SQL_APP] =
	    "INSERT INTO erasure_requests (user_id, org_id, requested_by, due_at) "
	    "VALUES (?, ?, ?, UTC_TIMESTAMP(6) + INTERVAL ? DAY)",
	[SQL_ER_OWN - PF_SQL_APP] =
	    "SELECT status FROM erasure_requests WHERE id = ? AND user_id = ?",
	[SQL_ER_CANCEL - PF_SQL_APP] =
	    "UPDATE erasure_requests SET status = 'cancelled', decided_at = UTC_TIMESTAMP(6) "
	    "WHERE id = ? AND user_id = ? AND (status = 'held' OR "
	    "(status = 'pending' AND due_at > UTC_TIMESTAMP(6)))",
	[SQL_ER_USER - PF_SQL_APP] = "SELECT id, IFNULL(org_id, 0) FROM users WHERE id = ?",
	[SQL_ER_GET - PF_SQL_APP] =
	    "SELECT user_id FROM erasure_requests WHERE id = ? AND status IN ('pending','held')",
	/* ? = 0: all; else the members of organisation ? */
	[SQL_ER_LIST - PF_SQL_APP] =
	    "SELECT e.id, e.user_id, e.status, DATE_FORMAT(e.requested_at, '%Y-%m-%d %H:%i:%s'), "
	    "DATE_FORMAT(e.due_at, '%Y-%m-%d %H:%i:%s') FROM erasure_requests e "
	    "JOIN users u ON u.id = e.user_id WHERE e.status IN ('pending','held') "
	    "AND (? = 0 OR u.org_id = ?) ORDER BY e.due_at, e.id LIMIT 500",
	[SQL_ER_DUE_NOW - PF_SQL_APP] =
	    "UPDATE erasure_requests SET due_at = UTC_TIMESTAMP(6) WHERE user_id = ? "
	    "AND status = 'pending'",
	[SQL_ER_HOLD_INSERT - PF_SQL_APP] =
	    "INSERT INTO legal_holds (user_id, reason_de, reason_en, until_at, created_by) "
	    "VALUES (?, ?, ?, ?, ?)",
	[SQL_ER_HOLD_GET - PF_SQL_APP] = "SELECT user_id FROM legal_holds WHERE id = ?",
	[SQL_ER_HOLD_DELETE - PF_SQL_APP] = "DELETE FROM legal_holds WHERE id = ?",
	/* privacy-ropa.c */
};

#define FORM	(PF_PAGE_DB | PF_PAGE_FORM)
#define F(k)	PF_FIELD(k)

static const struct pf_page pages[] = {
	/* privacy.c */
	{ "/privacy", PF_GET, 0, FORM | PF_PAGE_FULL, page_overview, 0 },
	/* privacy-legal.c */
	/* privacy-export.c */
	/* privacy-erase.c */
	{ "/privacy/erase", PF_GET, 0, FORM | PF_PAGE_FULL | PF_PAGE_STEPUP, page_erase, 0 },
	{ "/privacy/erase/request", PF_POST, 0, FORM | PF_PAGE_FULL | PF_PAGE_STEPUP,
	  page_erase_request, 0 },
	{ "/privacy/erase/cancel", PF_POST, F(F_ID), FORM | PF_PAGE_FULL | PF_PAGE_STEPUP,
	  page_erase_cancel, 0 },
	{ "/privacy/admin/erasures", PF_GET, F(F_ID), FORM | PF_PAGE_FULL, page_erasures_admin, 0 },
	{ "/privacy/admin/user", PF_GET, F(F_ID), FORM | PF_PAGE_FULL, page_erasure_user, 0 },
	{ "/privacy/admin/erasures/confirm", PF_GET, F(F_ID), FORM | PF_PAGE_FULL,
	  page_erasure_confirm, 0 },
	{ "/privacy/admin/erasures/schedule", PF_POST, F(F_ID), FORM | PF_PAGE_FULL | PF_PAGE_STEPUP,
	  page_erasure_schedule, 0 },
	{ "/privacy/admin/holds/set", PF_POST, F(F_ID) | F(F_REASON_DE) | F(F_REASON_EN) | F(F_UNTIL),
	  FORM | PF_PAGE_FULL, page_hold_set, PF_PERM_PRIVACY_MANAGE },
	{ "/privacy/admin/holds/remove", PF_POST, F(F_ID), FORM | PF_PAGE_FULL, page_hold_remove,
	  PF_PERM_PRIVACY_MANAGE },
	/* privacy-ropa.c */
};

static const struct pf_app app = {
	"privacy", pages, sizeof(pages) / sizeof(pages[0]), fields, F__MAX,
	sql, SQL__MAX - PF_SQL_APP, NULL
};

/* The overview: what the user can do here.  Each part adds its entry to
 * templates/privacy.cs. */
int
page_overview(struct pf_req *r)
{
	return pf_render_page(r, "privacy.cs", "privacy", "Privacy.Title");
}

int
main(int argc, char *argv[])
{
	return pf_main(&app, argc, argv);
}
