/*
 * home.c: the dashboard every signed-in user lands on: a greeting, the
 * current security notices and the places this user may go.  Later
 * programs add their places (documents, requests, the app tray) here.
 */
#include <stdio.h>

#include "login.h"

static const struct {
	const char	*href, *key, *icon;
} places[] = {
	{ "/status", "Home.Place.status", "status" },
};

int
page_home(struct pf_req *r)
{
	struct pf_pool *p = pf_req_pool(r);
	const struct pf_session *s = pf_req_session(r);
	struct pf_rows notices;
	long long left = 0;
	char n[24];
	size_t i;
	int en = strcmp(pf_req_lang(r), "en") == 0;

	if (pf_db_query(pf_req_db(r), p, SQL_NOTICES, NULL, 0, &notices) != PF_DB_OK ||
	    pf_recovery_left(pf_req_db(r), s->user, &left) != PF_DB_OK)
		return 503;
	for (i = 0; i < notices.n; i++) {
		pf_setf(r, pf_cell_str(&notices, i, en), "Home.Notices.%zu.Title", i);
		pf_setf(r, pf_cell_str(&notices, i, 2 + en), "Home.Notices.%zu.Body", i);
		pf_setf(r, pf_time_human(p, pf_cell_str(&notices, i, 4)), "Home.Notices.%zu.Published", i);
		pf_setf(r, pf_cell_str(&notices, i, 5), "Home.Notices.%zu.Severity", i);
	}
	for (i = 0; i < sizeof(places) / sizeof(places[0]); i++) {
		pf_setf(r, places[i].href, "Home.Places.%zu.Href", i);
		pf_setf(r, pf_tr(r, pf_psprintf(p, "%s.Label", places[i].key)),
		    "Home.Places.%zu.Label", i);
		pf_setf(r, pf_tr(r, pf_psprintf(p, "%s.Desc", places[i].key)),
		    "Home.Places.%zu.Desc", i);
		pf_setf(r, places[i].icon, "Home.Places.%zu.Icon", i);
	}
	snprintf(n, sizeof(n), "%lld", left);
	pf_set(r, "Home.RecoveryLeft", n);
	return pf_render_page(r, "home.cs", "home", "Home.Title");
}
