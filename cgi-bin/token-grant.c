/* token-grant.c: STUB, replaced by its owner (issue 7 work in progress). */
#include "token.h"

int
page_token(struct pf_req *r)
{
	return 404;
}
