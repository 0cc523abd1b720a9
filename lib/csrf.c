/*
 * csrf.c: the portal's own origin, and the first layer of CSRF defence.
 *
 * Every state change is a POST (the router enforces declared methods);
 * here such a request must come from our own origin, as the browser says
 * in Sec-Fetch-Site or Origin.  Requests that say neither are refused:
 * every browser that can run the portal sends one of them on a POST.  The
 * per-session token layer comes with sessions.
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

int
pf_csrf_origin_ok(const struct pf_req *r)
{
	const char *site = pf_req_env(r, "HTTP_SEC_FETCH_SITE"),
	    *o = pf_req_env(r, "HTTP_ORIGIN");

	if (site != NULL)
		return strcmp(site, "same-origin") == 0;
	if (o != NULL)
		return strcmp(o, origin) == 0;
	return 0;
}
