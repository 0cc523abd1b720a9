/*
 * libFuzzer target for the JWT verifier (lib/jwt.c), which reads what
 * relying parties and browsers send (id_token_hint, client assertions,
 * logout tokens).  The first byte picks the mode:
 *
 *   even: the rest is a token for pf_jwt_verify with an RS256 and an
 *         ES256 key; whatever it is, no crash, and claims are an object
 *         exactly when the answer is PF_JWT_OK (then pf_jwt_check runs);
 *   odd:  the rest is claims text for pf_jwt_sign (ES256, or RS256 when
 *         the byte is 3 mod 4); whatever was signed must verify, with only
 *         that key's algorithm allowed, and must not verify with the other.
 *
 * The keys below are test keys, public in this file on purpose: the corpus
 * holds tokens they signed, so the fuzzer starts past the signature check.
 *
 * Built with -DFUZZ_JWT_MAIN instead of -fsanitize=fuzzer it is a small
 * program that runs the target once over each file and prints how many
 * even-mode inputs verified ("N verified"), so fuzz.test knows the corpus
 * still matches the keys; `fuzz_jwt-run gen rs256|es256` prints a genuine
 * token for the corpus (byte '0' first).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "pforte.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static const char rsa_pem[] =
	"-----BEGIN PRIVATE KEY-----\n"
	"MIIEvAIBADANBgkqhkiG9w0BAQEFAASCBKYwggSiAgEAAoIBAQCz1jJQcpazM2se\n"
	"fiQJhjyM1Mup0VGm+B3KhR0z8qIBcsOhJ4s536+oiwVB7oSwQBbRZlzs7RXD1uF1\n"
	"S7jAsMr16NJWYROPOdNx0WPYuaStPy7ndjozTf5eBfdHeJmhrpMRqvise4Mo99n+\n"
	"yAtlX4G9VtG2kYuaeFstOMKAabzmkwBGovR18kTr6BHRXgeZTX2Atemtd/lRLyx6\n"
	"BTeUisVoTTYJ7VPOjrmT4AZBoKi4/qb5azX1qScSXDbXmqeIGMeUh8XtEtUXJ7xr\n"
	"XfQ2xb6Dedp5I8kgAp1xSNApqTW26LVXXTRIR4p3Ruz5Cos/A6Z94sQMBfiDMyOX\n"
	"XtX+8pvXAgMBAAECggEADNCQmUbxEifx1CRs8PjNy8NGF/3AccNwbAP8Rr1dafkB\n"
	"k7Q7qY4U+E+fukkCz4Rhm95NdNyYFnJzcmZI7gIrFEbY5irYt/YI6S1gjgr8fxPn\n"
	"hbrY/trp601Fh6RCXlEQTcv/GFtcx0iSEiOzHDAoEJPlMbtBVWqKJLjMs1XVjiCA\n"
	"pPAcy2ZlnPdkjtlWyAeTCa39rhHN+6TmavxxffFmNkhx/9iqLKrGfanPy2Ejrn8y\n"
	"qM3AfnQEYIMuRqPvjF/RI9ipOEmdMhbaDlpYE1cuDkFfgZgGmqOk3YZRZujfF0Fc\n"
	"lRjkjBrPGN3nkPOOoHFQ4+4ixcotqFIUqjq/nB5MIQKBgQD1FQK5M79Pc05XOBye\n"
	"w+TY1nnSfjy4trz5zDr3AdAjboeEGrwvzrm0QlJvmvXZ0hUk48fDK/e5rp5Uokmn\n"
	"xOX6+gaL4GAqhLrw7RRFRTegtQlryBLCUg+MN1wxsl5LLIaKY7THyjIDOoKRf5Iy\n"
	"Tg991H2U8bu1ibHqpoLBSU79iQKBgQC72RuyPYduw20+JgijafItiBTgQOk95IL4\n"
	"B6TzJiP8ARTyRlDvFPCV54S82USRvry2mZ4dXsUdw86dXd6/f7KNQJ08MLjxoeGM\n"
	"mxmjqxmbQstVbCGSHYgW+RCHYAjqUHiK260oWpjqeceDVcbesnbhqK5h3kRfH6wl\n"
	"TIwqQqLWXwKBgGa87QxYLf2PV6rmYdEIS5m+pwjfVHMWX7fTrnA3eVoxDmwJjRP5\n"
	"dA2ls8sHScKK98QkHGyrtMhI9CSEd531w3bncvEWGRoZ1AgFSncTYhNjcNSW5Y5C\n"
	"OjRMTMCkhjS7MJc43uLV1wtVbsCxmsatxH66If7bKxYZ59R3At8l7RAJAoGALQSY\n"
	"6JxqSpc3JP/EbjVDvrmwFxY3T4fmAz8BvuvTD9/Kf01us/1WsvYrD38aObt2SmSC\n"
	"ShOeNcXpTDlk2ovl5IgppnUevXnILgQ1ns2wc08Mn8osOXIuXSMPXQIc4NqsKMsA\n"
	"sn0TzI2mzMjPwisO5oGgWQAFbq6OeNnhdXdGww0CgYBEfgAL3VmS2P8tYpmASo1j\n"
	"4TA1aLIn+y5TsUX2PjdVTzbcP3dTw47czSUDOWnB7HXBegF+NnHqiiqbAFsREYA1\n"
	"ciL1cHUyBv1x3j8p99WWPQ5YqmvCzjsxEJn8JwDsBwBsOkPGP3q03OXOb7CW9fWF\n"
	"PrvcdaQQWGDPUp/RDZhJfQ==\n"
	"-----END PRIVATE KEY-----\n";
static const char ec_pem[] =
	"-----BEGIN PRIVATE KEY-----\n"
	"MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg1T7+8UeUms/KE4JB\n"
	"MZtceVk0RYkHkQGEVzsndotrTIyhRANCAAT1WgBsY/5Y2UQDIU21Yrr0SEkDsYGy\n"
	"OgM2WU/bYzz6+zY5Tl19WHGK0+AjTWUM74ZEX+rXniXGP+y0xtarXcTQ\n"
	"-----END PRIVATE KEY-----\n";

static struct pf_sigkey keys[2];	/* [0] RS256, [1] ES256 */
static int ready;
static unsigned long verified;

static void
init(void)
{
	char *jwks;

	if (ready)
		return;
	if (pf_sigkey_from_pem(&keys[0], PF_JWA_RS256, rsa_pem, sizeof(rsa_pem) - 1) != 0 ||
	    pf_sigkey_from_pem(&keys[1], PF_JWA_ES256, ec_pem, sizeof(ec_pem) - 1) != 0)
		abort();
	if ((jwks = pf_jwks(keys, 2)) == NULL)
		abort();
	free(jwks);
	ready = 1;
}

static void
verify(const char *s)
{
	static const enum pf_jwa both[] = { PF_JWA_RS256, PF_JWA_ES256, PF_JWA_NONE };
	void *claims = (void *)1;
	enum pf_jwt_err rc = pf_jwt_verify(s, keys, 2, both, &claims);

	if (rc == PF_JWT_OK) {
		if (!json_is_object((json_t *)claims))
			abort();
		verified++;
		(void)pf_jwt_check(claims, "https://portal.test", "cms", 1800000000LL, 60);
		json_decref(claims);
	} else if (claims != NULL || rc > PF_JWT_AUD)
		abort();
	(void)pf_jwt_strerror(rc);
}

static void
sign(const char *s, int rs)
{
	const struct pf_sigkey *k = &keys[rs ? 0 : 1], *other = &keys[rs ? 1 : 0];
	const enum pf_jwa mine[] = { k->alg, PF_JWA_NONE };
	const enum pf_jwa theirs[] = { other->alg, PF_JWA_NONE };
	void *claims;
	char *t;

	if ((t = pf_jwt_sign(k, NULL, s)) == NULL) {
		json_t *o = json_loads(s, JSON_REJECT_DUPLICATES, NULL);

		/* Refused only what is not one JSON object. */
		if (json_is_object(o))
			abort();
		json_decref(o);
		return;
	}
	if (pf_jwt_verify(t, keys, 2, mine, &claims) != PF_JWT_OK)
		abort();
	(void)pf_jwt_check(claims, NULL, NULL, 1800000000LL, 0);
	json_decref(claims);
	if (pf_jwt_verify(t, keys, 2, theirs, &claims) != PF_JWT_ALG || claims != NULL)
		abort();
	free(t);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s;

	init();
	if (size == 0)
		return 0;
	if ((s = malloc(size)) == NULL)
		return 0;
	memcpy(s, data + 1, size - 1);
	s[size - 1] = '\0';
	if ((data[0] & 1) == 0)
		verify(s);
	else
		sign(s, (data[0] & 3) == 3);
	free(s);
	return 0;
}

#ifdef FUZZ_JWT_MAIN
static int
gen(const char *which)
{
	const char *claims = "{\"iss\":\"https://portal.test\",\"sub\":\"u1\",\"aud\":[\"cms\",\"shop\"],"
	    "\"exp\":1800000600,\"nbf\":1799999990,\"nonce\":\"n-0S6_WzA2Mj\"}";
	char *t;

	init();
	t = pf_jwt_sign(&keys[strcmp(which, "rs256") == 0 ? 0 : 1], NULL, claims);
	if (t == NULL)
		return 1;
	printf("0%s", t);
	free(t);
	return 0;
}

int
main(int argc, char *argv[])
{
	unsigned char buf[65536];
	size_t n;
	FILE *f;
	int i;

	if (argc == 3 && strcmp(argv[1], "gen") == 0)
		return gen(argv[2]);
	for (i = 1; i < argc; i++) {
		if ((f = fopen(argv[i], "rb")) == NULL) {
			perror(argv[i]);
			return 1;
		}
		n = fread(buf, 1, sizeof(buf), f);
		fclose(f);
		LLVMFuzzerTestOneInput(buf, n);
	}
	printf("%d inputs, %lu verified\n", argc - 1, verified);
	return 0;
}
#endif
