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

/* privacy-legal.c */
static const char *const legal_kinds[] = { "terms", "privacy", NULL };
static const char *const legal_dones[] = { "created", "updated", "published", "granted",
	"withdrawn", NULL };

/* A consent purpose's name: [a-z0-9._-], as consent_purposes.name. */
static int
purpose_name(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') ||
		    s[i] == '.' || s[i] == '_' || s[i] == '-'))
			return 0;
	return 1;
}

static const struct pf_field fields[F__MAX] = {
	/* privacy.c */
	[F_ID] = { "id", PF_F_INT, 1, 20, 1, ID_MAX, NULL, NULL },
	/* privacy-legal.c: texts are limited in characters by the handlers
	 * (a message on the form); the byte limits only stop the absurd */
	[F_KIND] = { "kind", PF_F_ENUM, 0, 0, 0, 0, legal_kinds, NULL },
	[F_TITLE_DE] = { "title_de", PF_F_LINE, 0, 4 * 200 + 64, 0, 0, NULL, NULL },
	[F_TITLE_EN] = { "title_en", PF_F_LINE, 0, 4 * 200 + 64, 0, 0, NULL, NULL },
	[F_BODY_DE] = { "body_de", PF_F_TEXT, 0, 4 * 30000 + 64, 0, 0, NULL, NULL },
	[F_BODY_EN] = { "body_en", PF_F_TEXT, 0, 4 * 30000 + 64, 0, 0, NULL, NULL },
	[F_TERMS] = { "terms", PF_F_INT, 1, 20, 1, ID_MAX, NULL, NULL },
	[F_NOTICE] = { "notice", PF_F_INT, 1, 20, 1, ID_MAX, NULL, NULL },
	[F_RETURN_TO] = { "return_to", PF_F_LINE, 0, 8000, 0, 0, NULL, NULL },
	[F_PURPOSE] = { "purpose", PF_F_LINE, 1, 40, 0, 0, NULL, purpose_name },
	[F_GRANT] = { "grant", PF_F_BOOL, 1, 1, 0, 0, NULL, NULL },
	[F_DONE] = { "done", PF_F_ENUM, 0, 0, 0, 0, legal_dones, NULL },
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

	[F_REASON_DE] = { "reason_de", PF_F_LINE, 1, 2000, 0, 0, NULL, NULL },
	[F_REASON_EN] = { "reason_en", PF_F_LINE, 1, 2000, 0, 0, NULL, NULL },
	[F_UNTIL] = { "until", PF_F_LINE, 1, 20, 0, 0, NULL, NULL },
	/* privacy-ropa.c */
};

static const char *const sql[SQL__MAX - PF_SQL_APP] = {
	/* privacy.c */
	[SQL_NOTHING - PF_SQL_APP] = "SELECT 1",
	/* privacy-legal.c */
	/* privacy-export.c: everything about the session's user (the one
	 * parameter); times as stored, in UTC */
	[SQL_EX_USER - PF_SQL_APP] =
	    "SELECT created_at, email_verified_at, pw_changed_at FROM users WHERE id = ?",
	[SQL_EX_ORG - PF_SQL_APP] = "SELECT name, kind FROM orgs WHERE id = ?",
	[SQL_EX_ROLES - PF_SQL_APP] =
	    "SELECT r.name, r.label_de, r.label_en, r.scope, o.name, ur.granted_at, "
	    "ur.expires_at, ur.granted_by FROM user_roles ur JOIN roles r ON r.id = ur.role_id "
	    "LEFT JOIN orgs o ON o.id = ur.org_id WHERE ur.user_id = ? ORDER BY ur.granted_at",
	[SQL_EX_ROLE_HISTORY - PF_SQL_APP] =
	    "SELECT a.created_at, a.event, a.outcome, a.actor_id, r.name, r.label_de, "
	    "r.label_en FROM audit_log a LEFT JOIN roles r ON a.object = CONCAT('role:', r.id) "
	    "WHERE a.user_id = ? AND a.event IN ('role.granted', 'role.revoked') ORDER BY a.id",
	[SQL_EX_REQUESTS - PF_SQL_APP] =
	    "SELECT q.id, r.name, r.label_de, r.label_en, q.status, q.reason_enc, "
	    "q.comment_enc, q.created_at, q.decided_at, q.decided_by, q.grant_expires "
	    "FROM role_requests q JOIN roles r ON r.id = q.role_id WHERE q.user_id = ? "
	    "ORDER BY q.id",
	[SQL_EX_LEGAL - PF_SQL_APP] =
	    "SELECT a.id, t.kind, t.version, a.accepted_at, a.ip_enc, t.title_de, t.title_en "
	    "FROM legal_acceptances a JOIN legal_texts t ON t.id = a.text_id "
	    "WHERE a.user_id = ? ORDER BY a.id",
	[SQL_EX_CONSENTS - PF_SQL_APP] =
	    "SELECT c.purpose, c.granted, c.changed_at, p.label_de, p.label_en "
	    "FROM user_consents c JOIN consent_purposes p ON p.name = c.purpose "
	    "WHERE c.user_id = ? ORDER BY c.purpose",
	[SQL_EX_CONSENT_LOG - PF_SQL_APP] =
	    "SELECT id, purpose, action, changed_at, ip_enc FROM consent_log WHERE user_id = ? "
	    "ORDER BY id",
	[SQL_EX_SESSIONS - PF_SQL_APP] =
	    "SELECT id, created_at, last_seen, expires_at, ip_enc, ua_enc, first_method, "
	    "second_method FROM sessions WHERE user_id = ? ORDER BY id",
	[SQL_EX_SIGNINS - PF_SQL_APP] =
	    "SELECT id, created_at, event, outcome, ip_enc, actor_id, user_id FROM audit_log "
	    "WHERE user_id = ? AND event LIKE 'auth.%' ORDER BY id",
	[SQL_EX_TOTP - PF_SQL_APP] = "SELECT confirmed, created_at FROM totp WHERE user_id = ?",
	[SQL_EX_RECOVERY - PF_SQL_APP] =
	    "SELECT COUNT(*), COUNT(*) - COUNT(used_at) FROM recovery_codes WHERE user_id = ?",
	[SQL_EX_SSO_CONSENTS - PF_SQL_APP] =
	    "SELECT a.name, c.scopes, c.granted_at FROM consents c JOIN apps a ON a.id = c.app_id "
	    "WHERE c.user_id = ? ORDER BY c.granted_at",
	[SQL_EX_SSO_APPS - PF_SQL_APP] =
	    "SELECT a.name, MIN(u.at), MAX(u.at) FROM ("
	    "SELECT app_id, created_at AS at FROM sso_participants WHERE user_id = ? "
	    "UNION ALL SELECT app_id, created_at FROM oidc_codes WHERE user_id = ? "
	    "UNION ALL SELECT app_id, created_at FROM oidc_tokens WHERE user_id = ?) u "
	    "JOIN apps a ON a.id = u.app_id GROUP BY a.id, a.name ORDER BY MIN(u.at)",
	[SQL_EX_DOCS - PF_SQL_APP] =
	    "SELECT id, category, title_enc, description_enc, created_at, updated_at, deleted_at "
	    "FROM documents WHERE created_by = ? ORDER BY id",
	[SQL_EX_VERSIONS - PF_SQL_APP] =
	    "SELECT v.id, v.document_id, v.size, v.mime, v.created_at, v.uploaded_by, "
	    "v.filename_enc FROM document_versions v JOIN documents d ON d.id = v.document_id "
	    "WHERE d.created_by = ? AND v.state = 'ready' ORDER BY v.id",
	[SQL_EX_ALERTS - PF_SQL_APP] =
	    "SELECT created_at, rule, severity, state FROM alerts WHERE user_id = ? ORDER BY id",
	[SQL_EX_AUDIT - PF_SQL_APP] =
	    "SELECT id, created_at, event, outcome, actor_id, user_id, object, detail, ip_enc "
	    "FROM audit_log WHERE user_id = ? UNION "
	    "SELECT id, created_at, event, outcome, actor_id, user_id, object, detail, ip_enc "
	    "FROM audit_log WHERE actor_id = ? ORDER BY id",

	/* the newest published version of each kind (terms first), and
	 * whether user ? accepted it */
	[SQL_LEGAL_FORCE - PF_SQL_APP] =
	    "SELECT t.id, t.kind, t.version, t.title_de, t.title_en, t.body_de, t.body_en, "
	    "t.published_at, EXISTS (SELECT 1 FROM legal_acceptances a WHERE a.user_id = ? "
	    "AND a.text_id = t.id) FROM legal_texts t WHERE t.published_at IS NOT NULL "
	    "AND NOT EXISTS (SELECT 1 FROM legal_texts n WHERE n.kind = t.kind "
	    "AND n.published_at IS NOT NULL AND n.version > t.version) ORDER BY t.kind",
	[SQL_LEGAL_ACCEPT - PF_SQL_APP] =
	    "INSERT INTO legal_acceptances (user_id, text_id) VALUES (?, ?)",
	[SQL_LEGAL_ACCEPT_SEAL - PF_SQL_APP] =
	    "UPDATE legal_acceptances SET ip_enc = ? WHERE id = ?",
	[SQL_TEXTS_LIST - PF_SQL_APP] =
	    "SELECT id, kind, version, title_de, title_en, created_at, published_at "
	    "FROM legal_texts ORDER BY kind, version DESC LIMIT 1000",
	[SQL_TEXT_ONE - PF_SQL_APP] =
	    "SELECT id, kind, version, title_de, title_en, body_de, body_en, created_at, "
	    "published_at FROM legal_texts WHERE id = ?",
	[SQL_TEXT_LOCK - PF_SQL_APP] =
	    "SELECT id, kind, version, title_de, title_en, body_de, body_en, created_at, "
	    "published_at FROM legal_texts WHERE id = ? FOR UPDATE",
	[SQL_TEXT_NEWEST - PF_SQL_APP] =
	    "SELECT title_de, title_en, body_de, body_en FROM legal_texts WHERE kind = ? "
	    "ORDER BY version DESC LIMIT 1",
	/* the next version of the kind (two at once: a duplicate, 409) */
	[SQL_TEXT_INSERT - PF_SQL_APP] =
	    "INSERT INTO legal_texts (kind, version, title_de, title_en, body_de, body_en, "
	    "created_by) SELECT ?, COALESCE(MAX(version), 0) + 1, ?, ?, ?, ?, ? "
	    "FROM legal_texts WHERE kind = ?",
	/* compare and set: a published version is never edited */
	[SQL_TEXT_UPDATE - PF_SQL_APP] =
	    "UPDATE legal_texts SET title_de = ?, title_en = ?, body_de = ?, body_en = ? "
	    "WHERE id = ? AND published_at IS NULL",
	[SQL_TEXT_MAXPUB - PF_SQL_APP] =
	    "SELECT COALESCE(MAX(version), 0) FROM legal_texts WHERE kind = ? "
	    "AND published_at IS NOT NULL FOR UPDATE",
	[SQL_TEXT_PUBLISH - PF_SQL_APP] =
	    "UPDATE legal_texts SET published_at = UTC_TIMESTAMP(6) "
	    "WHERE id = ? AND published_at IS NULL",
	[SQL_PURPOSES - PF_SQL_APP] =
	    "SELECT p.name, p.label_de, p.label_en, p.text_de, p.text_en, "
	    "COALESCE(c.granted, 0), c.changed_at FROM consent_purposes p "
	    "LEFT JOIN user_consents c ON c.purpose = p.name AND c.user_id = ? ORDER BY p.name",
	[SQL_PURPOSE_ONE - PF_SQL_APP] =
	    "SELECT name FROM consent_purposes WHERE name = ?",
	[SQL_CONSENT_LOCK - PF_SQL_APP] =
	    "SELECT granted FROM user_consents WHERE user_id = ? AND purpose = ? FOR UPDATE",
	[SQL_CONSENT_SET - PF_SQL_APP] =
	    "INSERT INTO user_consents (user_id, purpose, granted) VALUES (?, ?, ?) "
	    "ON DUPLICATE KEY UPDATE granted = VALUES(granted), changed_at = UTC_TIMESTAMP(6)",
	[SQL_CONSENT_LOG - PF_SQL_APP] =
	    "INSERT INTO consent_log (user_id, purpose, action) VALUES (?, ?, ?)",
	[SQL_CONSENT_LOG_SEAL - PF_SQL_APP] =
	    "UPDATE consent_log SET ip_enc = ? WHERE id = ?",
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
	/* privacy-export.c: the session's own data only, no field at all */
	{ "/privacy/export", PF_GET, 0, FORM | PF_PAGE_FULL | PF_PAGE_STEPUP, page_export, 0 },
	{ "/privacy/export.json", PF_GET, 0, PF_PAGE_DB | PF_PAGE_FULL | PF_PAGE_STEPUP,
	    page_export_json, 0 },

	/* privacy-legal.c: accepting the texts in force (the gate lets
	 * this page through), the texts for everyone, consents, the editor */
	{ "/privacy/accept", PF_GET, F(F_RETURN_TO), FORM | PF_PAGE_FULL, page_accept, 0 },
	{ "/privacy/accept", PF_POST, F(F_TERMS) | F(F_NOTICE) | F(F_RETURN_TO),
	    FORM | PF_PAGE_FULL, page_accept_post, 0 },
	{ "/privacy/terms", PF_GET, 0, FORM, page_terms, 0 },
	{ "/privacy/notice", PF_GET, 0, FORM, page_notice, 0 },
	{ "/privacy/consents", PF_GET, F(F_DONE), FORM | PF_PAGE_FULL, page_consents, 0 },
	{ "/privacy/consents", PF_POST, F(F_PURPOSE) | F(F_GRANT), FORM | PF_PAGE_FULL,
	    page_consents_post, 0 },
	{ "/privacy/admin/texts", PF_GET, F(F_DONE), FORM | PF_PAGE_FULL | PF_PAGE_STEPUP,
	    page_texts, PF_PERM_PRIVACY_MANAGE },
	{ "/privacy/admin/texts/new", PF_GET, F(F_KIND), FORM | PF_PAGE_FULL | PF_PAGE_STEPUP,
	    page_text_new, PF_PERM_PRIVACY_MANAGE },
	{ "/privacy/admin/texts/new", PF_POST, F(F_KIND) | F(F_TITLE_DE) | F(F_TITLE_EN) |
	    F(F_BODY_DE) | F(F_BODY_EN), FORM | PF_PAGE_FULL | PF_PAGE_STEPUP,
	    page_text_new_post, PF_PERM_PRIVACY_MANAGE },
	{ "/privacy/admin/texts/edit", PF_GET, F(F_ID), FORM | PF_PAGE_FULL | PF_PAGE_STEPUP,
	    page_text_edit, PF_PERM_PRIVACY_MANAGE },
	{ "/privacy/admin/texts/edit", PF_POST, F(F_ID) | F(F_TITLE_DE) | F(F_TITLE_EN) |
	    F(F_BODY_DE) | F(F_BODY_EN), FORM | PF_PAGE_FULL | PF_PAGE_STEPUP,
	    page_text_edit_post, PF_PERM_PRIVACY_MANAGE },
	{ "/privacy/admin/texts/view", PF_GET, F(F_ID) | F(F_DONE),
	    FORM | PF_PAGE_FULL | PF_PAGE_STEPUP, page_text_view, PF_PERM_PRIVACY_MANAGE },
	{ "/privacy/admin/texts/publish", PF_GET, F(F_ID), FORM | PF_PAGE_FULL | PF_PAGE_STEPUP,
	    page_text_publish, PF_PERM_PRIVACY_MANAGE },
	{ "/privacy/admin/texts/publish", PF_POST, F(F_ID), FORM | PF_PAGE_FULL | PF_PAGE_STEPUP,
	    page_text_publish_post, PF_PERM_PRIVACY_MANAGE },
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
	legal_overview(r);
	return pf_render_page(r, "privacy.cs", "privacy", "Privacy.Title");
}

int
main(int argc, char *argv[])
{
	return pf_main(&app, argc, argv);
}
