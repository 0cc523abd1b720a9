/*
 * libFuzzer target for everything that parses request input: the
 * urlencoded form parser (query strings and bodies), the Cookie header
 * parser, UTF-8 validation, field validators and Accept-Language.  The
 * first byte picks the parser, so one corpus covers them all.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "pforte.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static const char *const choices[] = { "de", "en", NULL };
static const struct pf_field fields[] = {
	{ "line", PF_F_LINE, 0, 64, 0, 0, NULL, NULL },
	{ "text", PF_F_TEXT, 0, 4096, 0, 0, NULL, NULL },
	{ "int", PF_F_INT, 0, 0, -1000, 1000, NULL, NULL },
	{ "enum", PF_F_ENUM, 0, 0, 0, 0, choices, NULL },
	{ "token", PF_F_TOKEN, 1, 128, 0, 0, NULL, NULL },
	{ "email", PF_F_EMAIL, 3, 254, 0, 0, NULL, NULL },
	{ "bool", PF_F_BOOL, 0, 0, 0, 0, NULL, NULL },
	{ "ids", PF_F_IDS, 0, 64, 1, 1000, NULL, NULL },
};

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct pf_pool *pool;
	struct pf_pair *pv = NULL;
	size_t n = 0, i, k;
	char *s;

	if (size < 1)
		return 0;
	if (pool == NULL)
		pool = pf_pool_new();
	/* The parsers take C strings from the web server: NUL-terminate. */
	s = pf_pstrndup(pool, (const char *)data + 1, size - 1);
	switch (data[0] % 4) {
	case 0:
		if (pf_form_parse(pool, s, size - 1, 64, &pv, &n) == PF_PARSE_OK)
			for (i = 0; i < n; i++) {
				if (!pf_utf8_valid(pv[i].val, pv[i].vlen))
					abort();	/* the parser promised UTF-8 */
				for (k = 0; k < sizeof(fields) / sizeof(fields[0]); k++)
					pf_field_valid(&fields[k], pv[i].val, pv[i].vlen);
			}
		break;
	case 1:
		pf_cookie_parse(pool, s, 64, &pv, &n);
		break;
	case 2:
		if (strcmp(pf_lang_negotiate(s, "de"), "de") != 0 &&
		    strcmp(pf_lang_negotiate(s, "de"), "en") != 0)
			abort();
		break;
	default:
		pf_utf8_valid((const char *)data + 1, size - 1);
		break;
	}
	pf_pool_reset(pool);
	return 0;
}
