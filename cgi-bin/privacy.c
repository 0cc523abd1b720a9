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
	/* privacy-ropa.c */
};

static const char *const sql[SQL__MAX - PF_SQL_APP] = {
	/* privacy.c */
	[SQL_NOTHING - PF_SQL_APP] = "SELECT 1",
	/* privacy-legal.c */
	/* privacy-export.c */
	/* privacy-erase.c */
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
