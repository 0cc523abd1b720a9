/*
 * libFuzzer target for what the login reads from a client besides forms:
 * token text (session cookies, one-time links) and the paths a return_to
 * may name.  A token must have exactly one spelling (decode, encode, get
 * the same text back), and an accepted return path must be same-origin.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "pforte.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

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
	free(s);
	return 0;
}
