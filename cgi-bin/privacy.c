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
	/* privacy-ropa.c: texts are checked by the handler (characters, as
	 * the columns count them), so that a wrong one gets the form back
	 * with its message (422); these limits only bound what is read */
	[F_RO_NAME_DE] = { "name_de", PF_F_LINE, 0, 4000, 0, 0, NULL, NULL },
	[F_RO_NAME_EN] = { "name_en", PF_F_LINE, 0, 4000, 0, 0, NULL, NULL },
	[F_RO_PURPOSE_DE] = { "purpose_de", PF_F_TEXT, 0, 40000, 0, 0, NULL, NULL },
	[F_RO_PURPOSE_EN] = { "purpose_en", PF_F_TEXT, 0, 40000, 0, 0, NULL, NULL },
	[F_RO_BASIS] = { "legal_basis", PF_F_TEXT, 0, 4000, 0, 0, NULL, NULL },
	[F_RO_DATA] = { "data_categories", PF_F_TEXT, 0, 40000, 0, 0, NULL, NULL },
	[F_RO_SUBJECTS] = { "subject_categories", PF_F_TEXT, 0, 40000, 0, 0, NULL, NULL },
	[F_RO_RECIPIENTS] = { "recipients", PF_F_TEXT, 0, 40000, 0, 0, NULL, NULL },
	[F_RO_THIRD] = { "third_country", PF_F_TEXT, 0, 40000, 0, 0, NULL, NULL },
	[F_RO_RETENTION] = { "retention", PF_F_TEXT, 0, 40000, 0, 0, NULL, NULL },
	[F_RO_TOMS] = { "toms", PF_F_TEXT, 0, 40000, 0, 0, NULL, NULL },
	[F_RO_PROCESSORS] = { "processors", PF_F_IDS, 0, 4000, 1, ID_MAX, NULL, NULL },
	[F_RO_PNAME] = { "name", PF_F_LINE, 0, 4000, 0, 0, NULL, NULL },
	[F_RO_SERVICE] = { "service", PF_F_TEXT, 0, 8000, 0, 0, NULL, NULL },
	[F_RO_COUNTRY] = { "country", PF_F_LINE, 0, 2000, 0, 0, NULL, NULL },
	[F_RO_DPA_DATE] = { "dpa_signed", PF_F_LINE, 0, 64, 0, 0, NULL, NULL },
	[F_RO_DPA_REF] = { "dpa_reference", PF_F_LINE, 0, 4000, 0, 0, NULL, NULL },
	[F_RO_CONFIRM] = { "confirm", PF_F_BOOL, 0, 0, 0, 0, NULL, NULL },
};

static const char *const sql[SQL__MAX - PF_SQL_APP] = {
	/* privacy.c */
	[SQL_NOTHING - PF_SQL_APP] = "SELECT 1",
	/* privacy-legal.c */
	/* privacy-export.c */
	/* privacy-erase.c */
	/* privacy-ropa.c: the record of processing activities */
	[SQL_RO_ACTS - PF_SQL_APP] =
	    "SELECT id, name_de, name_en, purpose_de, purpose_en, legal_basis, "
	    "data_categories, subject_categories, recipients, third_country, retention, toms, "
	    "DATE_FORMAT(updated_at, '%Y-%m-%d %H:%i:%s') FROM processing_activities "
	    "ORDER BY id LIMIT 1000",
	[SQL_RO_ACT_GET - PF_SQL_APP] =
	    "SELECT id, name_de, name_en, purpose_de, purpose_en, legal_basis, "
	    "data_categories, subject_categories, recipients, third_country, retention, toms, "
	    "DATE_FORMAT(updated_at, '%Y-%m-%d %H:%i:%s') FROM processing_activities "
	    "WHERE id = ?",
	[SQL_RO_ACT_INSERT - PF_SQL_APP] =
	    "INSERT INTO processing_activities (name_de, name_en, purpose_de, purpose_en, "
	    "legal_basis, data_categories, subject_categories, recipients, third_country, "
	    "retention, toms, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
	[SQL_RO_ACT_UPDATE - PF_SQL_APP] =
	    "UPDATE processing_activities SET name_de = ?, name_en = ?, purpose_de = ?, "
	    "purpose_en = ?, legal_basis = ?, data_categories = ?, subject_categories = ?, "
	    "recipients = ?, third_country = ?, retention = ?, toms = ?, updated_by = ?, "
	    "updated_at = UTC_TIMESTAMP(6) WHERE id = ?",
	[SQL_RO_ACT_DELETE - PF_SQL_APP] =
	    "DELETE FROM processing_activities WHERE id = ?",
	/* which processors each activity uses (0: every activity) */
	[SQL_RO_LINKS - PF_SQL_APP] =
	    "SELECT ap.activity_id, p.id, p.name, p.service, p.country, "
	    "DATE_FORMAT(p.dpa_signed, '%Y-%m-%d'), p.dpa_reference "
	    "FROM activity_processors ap JOIN processors p ON p.id = ap.processor_id "
	    "WHERE ? = 0 OR ap.activity_id = ? ORDER BY ap.activity_id, p.name, p.id",
	[SQL_RO_LINK_CLEAR - PF_SQL_APP] =
	    "DELETE FROM activity_processors WHERE activity_id = ?",
	[SQL_RO_LINK_ADD - PF_SQL_APP] =
	    "INSERT INTO activity_processors (activity_id, processor_id) VALUES (?, ?)",
	[SQL_RO_PROCS - PF_SQL_APP] =
	    "SELECT p.id, p.name, p.service, p.country, DATE_FORMAT(p.dpa_signed, '%Y-%m-%d'), "
	    "p.dpa_reference, (SELECT COUNT(*) FROM activity_processors ap "
	    "WHERE ap.processor_id = p.id) FROM processors p ORDER BY p.name, p.id LIMIT 1000",
	[SQL_RO_PROC_GET - PF_SQL_APP] =
	    "SELECT p.id, p.name, p.service, p.country, DATE_FORMAT(p.dpa_signed, '%Y-%m-%d'), "
	    "p.dpa_reference, (SELECT COUNT(*) FROM activity_processors ap "
	    "WHERE ap.processor_id = p.id) FROM processors p WHERE p.id = ?",
	[SQL_RO_PROC_INSERT - PF_SQL_APP] =
	    "INSERT INTO processors (name, service, country, dpa_signed, dpa_reference) "
	    "VALUES (?, ?, ?, ?, ?)",
	[SQL_RO_PROC_UPDATE - PF_SQL_APP] =
	    "UPDATE processors SET name = ?, service = ?, country = ?, dpa_signed = ?, "
	    "dpa_reference = ?, updated_at = UTC_TIMESTAMP(6) WHERE id = ?",
	[SQL_RO_PROC_DELETE - PF_SQL_APP] =
	    "DELETE FROM processors WHERE id = ?",
};

#define FORM	(PF_PAGE_DB | PF_PAGE_FORM)
#define F(k)	PF_FIELD(k)
/* privacy-ropa.c */
#define RO	(FORM | PF_PAGE_FULL | PF_PAGE_STEPUP)
#define RO_ACT	(F(F_RO_NAME_DE) | F(F_RO_NAME_EN) | F(F_RO_PURPOSE_DE) | F(F_RO_PURPOSE_EN) | \
		    F(F_RO_BASIS) | F(F_RO_DATA) | F(F_RO_SUBJECTS) | F(F_RO_RECIPIENTS) | \
		    F(F_RO_THIRD) | F(F_RO_RETENTION) | F(F_RO_TOMS) | F(F_RO_PROCESSORS))
#define RO_PROC	(F(F_RO_PNAME) | F(F_RO_SERVICE) | F(F_RO_COUNTRY) | F(F_RO_DPA_DATE) | \
		    F(F_RO_DPA_REF))

static const struct pf_page pages[] = {
	/* privacy.c */
	{ "/privacy", PF_GET, 0, FORM | PF_PAGE_FULL, page_overview, 0 },
	/* privacy-legal.c */
	/* privacy-export.c */
	/* privacy-erase.c */
	/* privacy-ropa.c: global privacy.manage (the index: also key users,
	 * for the erasures), a recent second factor */
	{ "/privacy/admin", PF_GET, 0, RO, page_privacy_admin, PF_PERM_NONE },
	{ "/privacy/admin/activities", PF_GET, 0, RO, page_ro_list, PF_PERM_PRIVACY_MANAGE },
	{ "/privacy/admin/activities/new", PF_GET, 0, RO, page_ro_new,
	    PF_PERM_PRIVACY_MANAGE },
	{ "/privacy/admin/activities/new", PF_POST, RO_ACT, RO, page_ro_new_post,
	    PF_PERM_PRIVACY_MANAGE },
	{ "/privacy/admin/activity", PF_GET, F(F_ID), RO, page_ro_activity,
	    PF_PERM_PRIVACY_MANAGE },
	{ "/privacy/admin/activity", PF_POST, F(F_ID) | RO_ACT, RO, page_ro_activity_post,
	    PF_PERM_PRIVACY_MANAGE },
	{ "/privacy/admin/activity/delete", PF_POST, F(F_ID) | F(F_RO_CONFIRM), RO,
	    page_ro_activity_delete, PF_PERM_PRIVACY_MANAGE },
	{ "/privacy/admin/activities/print", PF_GET, 0, RO, page_ro_print,
	    PF_PERM_PRIVACY_MANAGE },
	{ "/privacy/admin/activities.csv", PF_GET, 0, RO, page_ro_csv, PF_PERM_PRIVACY_MANAGE },
	{ "/privacy/admin/processors", PF_GET, 0, RO, page_ro_procs, PF_PERM_PRIVACY_MANAGE },
	{ "/privacy/admin/processors/new", PF_GET, 0, RO, page_ro_proc_new,
	    PF_PERM_PRIVACY_MANAGE },
	{ "/privacy/admin/processors/new", PF_POST, RO_PROC, RO, page_ro_proc_new_post,
	    PF_PERM_PRIVACY_MANAGE },
	{ "/privacy/admin/processor", PF_GET, F(F_ID), RO, page_ro_proc,
	    PF_PERM_PRIVACY_MANAGE },
	{ "/privacy/admin/processor", PF_POST, F(F_ID) | RO_PROC, RO, page_ro_proc_post,
	    PF_PERM_PRIVACY_MANAGE },
	{ "/privacy/admin/processor/delete", PF_POST, F(F_ID) | F(F_RO_CONFIRM), RO,
	    page_ro_proc_delete, PF_PERM_PRIVACY_MANAGE },
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
