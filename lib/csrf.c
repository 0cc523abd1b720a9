/*
 * csrf.c: the portal's own origin, and the first layer of CSRF defence.
 *
 * Every state change is a POST (the router enforces declared methods)
 * and must carry the form token of the session or visitor (session.c);
 * here the browser's own statements about the request's origin are
 * checked as a second layer.
 */
#include <stdio.h>

#include "pf-int.h"

static char origin[512], basepath[512];

/* Split Portal.BaseURL into origin ("https://host:port") and base path
 * ("" or "/portal", no trailing slash).  0 on success. */
int
pf_base_init(void)
{
	const char *u = pf_conf_str("Portal.BaseURL"), *s, *slash;
	size_t n;

	s = strstr(u, "://");
	if (s == NULL)
		return -1;
	slash = strchr(s + 3, '/');
	n = slash ? (size_t)(slash - u) : strlen(u);
	if (n >= sizeof(origin) || (slash && strlen(slash) >= sizeof(basepath)))
		return -1;
	memcpy(origin, u, n);
	origin[n] = '\0';
	snprintf(basepath, sizeof(basepath), "%s", slash ? slash : "");
	n = strlen(basepath);
	while (n > 0 && basepath[n - 1] == '/')
		basepath[--n] = '\0';
	return 0;
}

const char *
pf_base_origin(void)
{
	return origin;
}

const char *
pf_base_path(void)
{
	return basepath;
}

/*
 * The headers a browser sends about where a request comes from must, when
 * present, name this origin; the form token (session.c) is the check that
 * always applies.  Sec-Fetch-Site "none" is a user's own navigation.
 */
int
pf_csrf_origin_ok(const struct pf_req *r)
{
	const char *site = pf_req_env(r, "HTTP_SEC_FETCH_SITE"),
	    *o = pf_req_env(r, "HTTP_ORIGIN"), *ref = pf_req_env(r, "HTTP_REFERER");
	size_t n = strlen(origin);

	if (site != NULL && strcmp(site, "same-origin") != 0 && strcmp(site, "none") != 0)
		return 0;
	if (o != NULL)
		return strcmp(o, origin) == 0;
	if (ref != NULL)
		return strncmp(ref, origin, n) == 0 && (ref[n] == '/' || ref[n] == '\0');
	return 1;
}
