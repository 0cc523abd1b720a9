/* token-info.c: STUB, replaced by its owner (issue 7 work in progress). */
#include "token.h"

int
page_userinfo(struct pf_req *r)
{
	return 404;
}

int
page_introspect(struct pf_req *r)
{
	return 404;
}

int
page_revoke(struct pf_req *r)
{
	return 404;
}
