/* token-authorize.c: STUB, replaced by its owner (issue 7 work in progress). */
#include "token.h"

int
page_authorize(struct pf_req *r)
{
	return 404;
}

int
page_consent_post(struct pf_req *r)
{
	return 404;
}
