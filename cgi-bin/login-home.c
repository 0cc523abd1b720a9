/*
 * home.c: the dashboard every signed-in user lands on: a greeting, the
 * current security notices and the places this user may go.  Later
 * programs add their places (the app tray) here.  A place
 * shows only when the session holds its permission (or one of the
 * administrative ones, for the administration); the pages check again.
 */
#include <stdio.h>

#include "login.h"

#define ADMIN	PF_PERM__MAX	/* any permission the administration serves */

static const struct {
	const char	*href, *key, *icon;
	unsigned	 perm;		/* PF_PERM_NONE: everybody */
} places[] = {
	{ "/documents", "Home.Place.documents", "doc", PF_PERM_DOCUMENTS_READ },
	{ "/profile", "Home.Place.profile", "user", PF_PERM_NONE },
	{ "/roles", "Home.Place.roles", "key", PF_PERM_NONE },
	{ "/roles/queue", "Home.Place.queue", "ok", PF_PERM_ROLES_APPROVE },
	{ "/admin", "Home.Place.admin", "shield", ADMIN },
	{ "/status", "Home.Place.status", "status", PF_PERM_NONE },
};

static int
may_go(struct pf_req *r, unsigned perm)
{
	if (perm == ADMIN)
		return pf_may_admin(r);
	return perm == PF_PERM_NONE || pf_may_some(r, (enum pf_perm)perm);
}

int
page_home(struct pf_req *r)
{
	struct pf_pool *p = pf_req_pool(r);
	const struct pf_session *s = pf_req_session(r);
	struct pf_rows notices;
	long long left = 0;
	char num[24];
	size_t i, n;

	if (pf_db_query(pf_req_db(r), p, PF_SQL_NOTICES, NULL, 0, &notices) != PF_DB_OK ||
	    pf_recovery_left(pf_req_db(r), s->user, &left) != PF_DB_OK)
		return 503;
	pf_notices_set(r, "Home.Notices", &notices, 5);
	for (i = 0, n = 0; i < sizeof(places) / sizeof(places[0]); i++) {
		if (!may_go(r, places[i].perm))
			continue;
		pf_setf(r, places[i].href, "Home.Places.%zu.Href", n);
		pf_setf(r, pf_tr(r, pf_psprintf(p, "%s.Label", places[i].key)),
		    "Home.Places.%zu.Label", n);
		pf_setf(r, pf_tr(r, pf_psprintf(p, "%s.Desc", places[i].key)),
		    "Home.Places.%zu.Desc", n);
		pf_setf(r, places[i].icon, "Home.Places.%zu.Icon", n++);
	}
	snprintf(num, sizeof(num), "%lld", left);
	pf_set(r, "Home.RecoveryLeft", num);
	return pf_render_page(r, "home.cs", "home", "Home.Title");
}
