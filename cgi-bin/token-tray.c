/*
 * token-tray.c: the user's side of the applications.
 *
 *   /apps                 the app tray: the active applications this user
 *                         may use, each starting at its initiate-login URI
 *                         with iss (OIDC Core 4, "Initiating Login from a
 *                         Third Party"; target_link_uri omitted: the
 *                         application's start page).  An application
 *                         without that URI is listed without a link: the
 *                         user still learns it exists and opens it there.
 *   /sso/consents         what the user allowed which application (a page
 *                         of the profile)
 *   /sso/consents/revoke  forget a consent and end the application's tokens
 *                         for the user: it must ask again
 */
#include <stdlib.h>

#include "token.h"

/* https, or http to this machine: anything else would start the
 * application's sign-in in the clear. */
static int
launch_ok(struct pf_pool *p, const char *uri)
{
	const char *h;

	if (strncmp(uri, "https://", 8) == 0)
		return 1;
	return strncmp(uri, "http://", 7) == 0 && (h = pf_url_host(p, uri)) != NULL &&
	    (strcmp(h, "127.0.0.1") == 0 || strcmp(h, "localhost") == 0 || strcmp(h, "[::1]") == 0);
}

int
page_apps(struct pf_req *r)
{
	const struct pf_session *s = pf_req_session(r);
	struct pf_pool *p = pf_req_pool(r);
	struct pf_rows ids;
	struct app a;
	size_t i, n = 0;
	int rc, found, yes;

	if (pf_db_query(pf_req_db(r), p, SQL_TRAY_APPS, NULL, 0, &ids) != PF_DB_OK)
		return 503;
	for (i = 0; i < ids.n; i++) {
		const char *u;

		if ((rc = app_by_id(r, (unsigned long long)PF_CELL(&ids, i, 0)->i, &a,
		    &found)) != 0)
			return rc;
		if (!found || !a.active || !a.grant_code)
			continue;	/* machine clients have no users */
		if ((rc = app_may_use(r, &a, s->user, s->org, &yes)) != 0)
			return rc;
		if (!yes)
			continue;
		pf_setf(r, a.name, "Apps.%zu.Name", n);
		if (*(u = a.initiate_login_uri) && launch_ok(p, u))
			pf_setf(r, pf_psprintf(p, "%s%ciss=%s", u, strchr(u, '?') ? '&' : '?',
			    qenc(p, issuer())), "Apps.%zu.Href", n);
		/* the CSP's img-src: this portal's own files and data: URLs */
		if (strncmp(a.icon, "data:image/", 11) == 0 ||
		    (a.icon[0] == '/' && a.icon[1] != '/'))
			pf_setf(r, a.icon, "Apps.%zu.Icon", n);
		n++;
	}
	return pf_render_page(r, "sso_apps.cs", "sso-apps", "SsoApps.Apps.Title");
}

/* The profile's sub-navigation, as cgi-bin/profile.c builds it: the
 * consents page is a page of the profile that another program serves
 * (profile_nav.cs adds its own entry). */
static void
profile_nav(struct pf_req *r)
{
	static const struct { const char *path, *key, *icon; } nav[] = {
		{ "/profile", "Profile.Nav.Data", "user" },
		{ "/profile/password", "Profile.Nav.Password", "key" },
		{ "/profile/security", "Profile.Nav.Security", "shield" },
		{ "/profile/sessions", "Profile.Nav.Sessions", "app" },
		{ "/profile/history", "Profile.Nav.History", "clock" },
	};
	size_t i;

	for (i = 0; i < sizeof(nav) / sizeof(nav[0]); i++) {
		pf_setf(r, nav[i].path, "Profile.Nav.%zu.Href", i);
		pf_setf(r, pf_tr(r, nav[i].key), "Profile.Nav.%zu.Label", i);
		pf_setf(r, nav[i].icon, "Profile.Nav.%zu.Icon", i);
	}
}

int
page_consents(struct pf_req *r)
{
	const struct pf_session *s = pf_req_session(r);
	struct pf_pool *p = pf_req_pool(r);
	struct pf_rows c;
	size_t i, k;

	if (pf_db_query(pf_req_db(r), p, SQL_CONSENTS, PF_ARGS(PF_INT((long long)s->user)),
	    &c) != PF_DB_OK)
		return 503;
	for (i = 0; i < c.n; i++) {
		char *words = pf_pstrdup(p, pf_cell_str(&c, i, 2)), *w, *save = NULL;

		pf_setf(r, pf_psprintf(p, "%lld", PF_CELL(&c, i, 0)->i), "Consents.%zu.App", i);
		pf_setf(r, pf_cell_str(&c, i, 1), "Consents.%zu.Name", i);
		pf_setf(r, pf_time_human(p, pf_cell_str(&c, i, 3)), "Consents.%zu.GrantedAt", i);
		/* each scope in words; one we have no words for as itself */
		for (k = 0, w = strtok_r(words, " ", &save); w != NULL;
		    w = strtok_r(NULL, " ", &save), k++) {
			const char *key = pf_psprintf(p, "SsoApps.Scope.%s", w);
			const char *t = pf_tr(r, key);

			pf_setf(r, strcmp(t, key) == 0 ? w : t, "Consents.%zu.Scopes.%zu", i, k);
		}
	}
	profile_nav(r);
	return pf_render_page(r, "sso_consents.cs", "sso-consents", "SsoApps.Consents.Title");
}

struct revoke {
	unsigned long long	 app;
	int			 found;
};

/* The consent goes and with it every live token of the application for
 * the user, in one transaction with their audit events. */
static int
revoke(struct pf_req *r, void *arg)
{
	struct revoke *v = arg;
	const struct pf_session *s = pf_req_session(r);
	struct pf_db *db = pf_req_db(r);
	const char *obj = pf_psprintf(pf_req_pool(r), "app:%llu", v->app);
	unsigned long long gone = 0, ended = 0;
	enum pf_dberr e;

	if ((e = pf_db_exec(db, SQL_CONSENT_DELETE, PF_ARGS(PF_INT((long long)s->user),
	    PF_INT((long long)v->app)), &gone, NULL)) != PF_DB_OK)
		return pf_tx_err(e);
	if ((v->found = gone > 0) == 0)
		return 0;
	if ((e = pf_db_exec(db, SQL_CONSENT_TOKENS_END, PF_ARGS(PF_INT((long long)s->user),
	    PF_INT((long long)v->app)), &ended, NULL)) != PF_DB_OK ||
	    (e = pf_audit_event(r, "sso.consent.revoked", PF_AUDIT_OK, s->user, 0, obj, "",
	    NULL, 0)) != PF_DB_OK ||
	    (ended > 0 && (e = pf_audit_event(r, "sso.token.revoked", PF_AUDIT_OK, s->user, 0,
	    obj, "consent", NULL, 0)) != PF_DB_OK))
		return pf_tx_err(e);
	return 0;
}

int
page_consent_revoke(struct pf_req *r)
{
	struct revoke v = { strtoull(pf_req_field(r, F_APP), NULL, 10), 0 };
	int rc;

	if ((rc = pf_tx(r, revoke, &v)) != 0)
		return rc;
	if (!v.found) {
		pf_resp_status(r, 404);
		pf_set(r, "Form.Message", pf_tr(r, "SsoApps.Consents.NotFound"));
	} else
		pf_set(r, "Form.Notice", pf_tr(r, "SsoApps.Consents.Revoked"));
	return page_consents(r);
}
