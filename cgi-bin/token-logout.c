/* token-logout.c: STUB, replaced by its owner (issue 7 work in progress). */
#include "token.h"

int
page_logout(struct pf_req *r)
{
	return 404;
}

int
page_logout_post(struct pf_req *r)
{
	return 404;
}
