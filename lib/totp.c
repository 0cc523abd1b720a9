/*
 * totp.c: time-based one-time passwords (RFC 6238) through liboath.
 *
 * The parameters are the ones every authenticator app understands: HMAC-
 * SHA1, 6 digits, 30-second steps, a 160-bit secret.  A code is accepted
 * one step early or late (clocks drift) and only once: the caller stores
 * the time step of the last accepted code and passes it back as last.
 */
#include <stdlib.h>

#include <liboath/oath.h>
#include <openssl/rand.h>

#include "pforte.h"

#define TOTP_DIGITS	6
#define TOTP_STEP	30
#define TOTP_WINDOW	1

static void
oath_once(void)
{
	static int ready;

	if (!ready) {
		if (oath_init() != OATH_OK)
			abort();	/* only when liboath itself is broken */
		ready = 1;
	}
}

void
pf_totp_secret_new(unsigned char secret[PF_TOTP_SECRET_LEN])
{
	if (RAND_bytes(secret, PF_TOTP_SECRET_LEN) != 1)
		abort();	/* no randomness: nothing is safe any more */
}

/* Base32 without the '=' padding, which authenticator apps do not want
 * (a 20-byte secret has none anyway). */
char *
pf_totp_base32(struct pf_pool *p, const unsigned char *secret, size_t len)
{
	char *b32 = NULL, *out;
	size_t n = 0;

	oath_once();
	if (oath_base32_encode((const char *)secret, len, &b32, &n) != OATH_OK)
		abort();	/* allocation failure, as everywhere */
	while (n > 0 && b32[n - 1] == '=')
		n--;
	out = pf_pstrndup(p, b32, n);
	pf_wipe(b32, n);
	free(b32);
	return out;
}

/*
 * The key URI an authenticator app scans.  The issuer goes both into the
 * label (older apps) and the parameter (newer ones); a NULL or empty
 * issuer means Auth.Issuer, or Portal.Name when that is empty too.
 */
char *
pf_totp_uri(struct pf_pool *p, const char *issuer, const char *label,
    const unsigned char *secret, size_t len)
{
	struct pf_buf b = { NULL, 0, 0 };
	char *b32 = pf_totp_base32(p, secret, len), *out;

	if (issuer == NULL || *issuer == '\0')
		issuer = pf_conf_str("Auth.Issuer");
	if (*issuer == '\0')
		issuer = pf_conf_str("Portal.Name");
	pf_buf_adds(&b, "otpauth://totp/");
	pf_buf_pct(&b, issuer, strlen(issuer), "");
	pf_buf_adds(&b, ":");
	pf_buf_pct(&b, label, strlen(label), "");
	pf_buf_adds(&b, "?secret=");
	pf_buf_adds(&b, b32);
	pf_buf_adds(&b, "&issuer=");
	pf_buf_pct(&b, issuer, strlen(issuer), "");
	pf_buf_addf(&b, "&algorithm=SHA1&digits=%d&period=%d", TOTP_DIGITS, TOTP_STEP);
	out = pf_pstrndup(p, b.data, b.len);
	pf_wipe(b.data, b.len);
	pf_buf_free(&b);
	return out;
}

/*
 * liboath searches the window and reports the time step (counter) the
 * code belongs to; a step at or before last was used already, so that a
 * code seen over a shoulder or replayed within its 90 seconds fails.
 * *step is set to the matching step on success and to -1 otherwise.
 */
int
pf_totp_check(const unsigned char *secret, size_t len, long long now, const char *code,
    long long last, long long *step)
{
	uint64_t counter = 0;
	size_t i;
	int pos, rc;

	if (step)
		*step = -1;
	for (i = 0; i < TOTP_DIGITS; i++)
		if (code[i] < '0' || code[i] > '9')
			return 0;
	if (code[TOTP_DIGITS] != '\0' || now < 0)
		return 0;
	oath_once();
	rc = oath_totp_validate3((const char *)secret, len, (time_t)now, TOTP_STEP, 0,
	    TOTP_WINDOW, &pos, &counter, code);
	if (rc < 0 || counter > (uint64_t)INT64_MAX || (long long)counter <= last)
		return 0;
	if (step)
		*step = (long long)counter;
	return 1;
}
