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
	/* privacy-ropa.c */
};

static const char *const sql[SQL__MAX - PF_SQL_APP] = {
	/* privacy.c */
	[SQL_NOTHING - PF_SQL_APP] = "SELECT 1",
	/* privacy-legal.c */
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
	/* privacy-ropa.c */
};

#define FORM	(PF_PAGE_DB | PF_PAGE_FORM)
#define F(k)	PF_FIELD(k)

static const struct pf_page pages[] = {
	/* privacy.c */
	{ "/privacy", PF_GET, 0, FORM | PF_PAGE_FULL, page_overview, 0 },
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
