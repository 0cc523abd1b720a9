/*
 * path.c: what counts as a path on this portal.  Redirect targets and
 * return_to values are checked here, so a crafted value can neither lead
 * the browser off-site nor split the Location header.
 */
#include "pf-int.h"

/* A same-origin path: "/" followed by anything but a second "/" or "\"
 * (which browsers treat as "//", a protocol-relative URL), no controls. */
int
pf_local_path(const char *p)
{
	const char *c;

	for (c = p; *c; c++)
		if ((unsigned char)*c <= 0x20 || (unsigned char)*c >= 0x7f || *c == '\\')
			return 0;
	return p[0] == '/' && p[1] != '/' && c - p <= PF_PATH_MAX;
}
