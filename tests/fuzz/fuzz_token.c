/*
 * libFuzzer target for what the programs read from a client besides
 * forms: token text (session cookies, one-time links), the paths a
 * return_to may name and dates typed into forms (a role's expiry).  A
 * token must have exactly one spelling (decode, encode, get the same text
 * back), an accepted return path must be same-origin, and an accepted date
 * must be exactly YYYY-MM-DD and come back as that day's start.  An
 * application's URI (lib/appreg.c) accepted for registration must be an
 * absolute https URL (http only to the loopback) without white space,
 * controls, userinfo or fragment.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "pforte.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static struct pf_pool *pool;

static void
date(const char *s)
{
	const char *sql = "unset";
	int rc = pf_date_future(pool, s, &sql);

	if (rc == 0 && (strlen(s) != 10 || strspn(s, "0123456789-") != 10 ||
	    strlen(sql) != 19 || strncmp(sql, s, 10) != 0 || strcmp(sql + 10, " 00:00:00") != 0))
		abort();	/* accepted something that is not a plain date */
	if (rc != 0 && (sql != NULL || (rc != -1 && rc != -2)))
		abort();
	pf_pool_reset(pool);
}

static void
uri(const char *s)
{
	size_t alen;
	const char *rest;

	if (pf_uri_redirect_ok(s) != PF_APPERR_OK)
		return;
	if (strncmp(s, "https://", 8) == 0)
		rest = s + 8;
	else if (strncmp(s, "http://127.0.0.1", 16) == 0 ||
	    strncasecmp(s, "http://localhost", 16) == 0 || strncmp(s, "http://[::1]", 12) == 0)
		rest = s + 7;
	else
		abort();	/* another scheme, or http to a remote host */
	alen = strcspn(rest, "/?");
	if (strlen(s) > PF_APP_URI_MAX || strpbrk(s, "#\\\"<> ") != NULL || alen == 0 ||
	    memchr(rest, '@', alen) != NULL)
		abort();
	for (; *s; s++)
		if ((unsigned char)*s <= 0x20 || (unsigned char)*s >= 0x7f)
			abort();	/* would split a header or hide a host */
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned char raw[PF_TOKEN_BYTES], hash[32];
	char text[PF_TOKEN_CHARS + 1], *s;

	if ((s = malloc(size + 1)) == NULL)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	if (pf_b64url_decode(s, raw, sizeof(raw)) == 0) {
		pf_b64url(raw, sizeof(raw), text);
		if (strcmp(text, s) != 0 || pf_token_hash(s, hash) != 0)
			abort();	/* two spellings of one token */
	} else if (pf_token_hash(s, hash) == 0)
		abort();
	if (pf_local_path(s) && (s[0] != '/' || s[1] == '/' || strchr(s, '\\') != NULL ||
	    strpbrk(s, "\r\n\t ") != NULL))
		abort();	/* would leave the origin or split a header */
	if (pool == NULL)
		pool = pf_pool_new();
	date(s);
	uri(s);
	free(s);
	return 0;
}
