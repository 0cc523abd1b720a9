/* token-tray.c: STUB, replaced by its owner (issue 7 work in progress). */
#include "token.h"

int
page_apps(struct pf_req *r)
{
	return 404;
}

int
page_consents(struct pf_req *r)
{
	return 404;
}

int
page_consent_revoke(struct pf_req *r)
{
	return 404;
}
