/* token-claims.c: STUB, replaced by its owner (issue 7 work in progress). */
#include "token.h"

extern int token_claims_placeholder;
