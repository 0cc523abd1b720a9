/*
 * appreg.c: what an application (an OpenID Connect relying party) may
 * register: its URIs, client_id, scopes and grant types, and a new
 * secret.  The admin forms and `pforte-admin app` both check through
 * here, so neither accepts what the other refuses.
 *
 * URIs are checked strictly because they are compared byte for byte
 * later (OIDC Core 3.1.2.1) and sent to browsers in Location headers and
 * form actions: only printable ASCII RFC 3986 allows, an absolute
 * https URL with a host, no userinfo (which phishing uses to hide the
 * real host) and no fragment (RFC 6749 3.1.2).  Plain http is for
 * native and development clients on the loopback only (RFC 8252 7.3).
 */
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <stdlib.h>
#include <strings.h>

#include "pforte.h"

const char *const pf_app_scopes[] = { "openid", "profile", "email", "roles",
	"offline_access", NULL };
const char *const pf_app_grants[] = { "authorization_code", "refresh_token",
	"client_credentials", NULL };

static const struct {
	const char *name, *text;
} errs[PF_APPERR__MAX] = {
	[PF_APPERR_OK] = { "Ok", "ok" },
	[PF_APPERR_NAME] = { "Name", "needs 1 to 200 characters without control characters" },
	[PF_APPERR_CLIENT_ID] = { "ClientId",
	    "must be 8 to 64 characters of A-Z a-z 0-9 . _ -" },
	[PF_APPERR_URI_LONG] = { "UriLong", "is longer than 1000 bytes" },
	[PF_APPERR_URI_CHARS] = { "UriChars",
	    "contains white space, control or other characters a URI may not have" },
	[PF_APPERR_URI_SCHEME] = { "UriScheme", "must be an absolute https:// URL" },
	[PF_APPERR_URI_HOST] = { "UriHost", "has no valid host or port" },
	[PF_APPERR_URI_USERINFO] = { "UriUserinfo", "must not contain user@ or user:password@" },
	[PF_APPERR_URI_FRAGMENT] = { "UriFragment", "must not contain a fragment (#)" },
	[PF_APPERR_URI_HTTP] = { "UriHttp",
	    "may use http:// only for 127.0.0.1, localhost and [::1]" },
	[PF_APPERR_TOO_MANY] = { "TooMany", "has more than 20 URIs" },
	[PF_APPERR_DUPLICATE] = { "Duplicate", "names the same URI twice" },
	[PF_APPERR_NO_REDIRECT] = { "NoRedirect",
	    "needs at least one redirect URI for authorization_code" },
	[PF_APPERR_SCOPE] = { "Scope",
	    "may hold openid, profile, email, roles and offline_access, each once" },
	[PF_APPERR_NO_OPENID] = { "NoOpenid", "needs openid for authorization_code" },
	[PF_APPERR_NO_GRANT] = { "NoGrant", "needs at least one grant type" },
	[PF_APPERR_PUBLIC_CLIENT] = { "PublicClient",
	    "client_credentials needs a confidential application (with a secret)" },
	[PF_APPERR_REFRESH_ALONE] = { "RefreshAlone",
	    "refresh_token needs authorization_code" },
};

const char *
pf_apperr_name(enum pf_apperr e)
{
	return (unsigned)e < PF_APPERR__MAX ? errs[e].name : "Ok";
}

const char *
pf_apperr_str(enum pf_apperr e)
{
	return (unsigned)e < PF_APPERR__MAX ? errs[e].text : "?";
}

static int
alnum(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

static int
hexdig(int c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/* RFC 3986 2.2/2.3: unreserved, reserved and '%' of a pct-encoding. */
static int
uri_char(int c)
{
	return alnum(c) || (c != '\0' && strchr("-._~:/?#[]@!$&'()*+,;=%", c) != NULL);
}

/* host [":" port] of an authority without userinfo: a DNS name or IPv4
 * address ([A-Za-z0-9.-], starting with a letter or digit) or an IPv6
 * literal in brackets; a port of 1..65535.  The host's spelling goes
 * into *host, *hlen. */
static int
authority_ok(const char *a, size_t n, const char **host, size_t *hlen)
{
	size_t i = 0, h;
	unsigned long port = 0;

	if (n > 0 && a[0] == '[') {
		for (i = 1; i < n && (hexdig((unsigned char)a[i]) || a[i] == ':' || a[i] == '.');
		    i++)
			;
		if (i == 1 || i >= n || a[i] != ']')
			return 0;
		i++;
	} else {
		if (n == 0 || !alnum((unsigned char)a[0]))
			return 0;
		while (i < n && (alnum((unsigned char)a[i]) || a[i] == '.' || a[i] == '-'))
			i++;
	}
	h = i;
	if (i < n) {
		if (a[i] != ':' || i + 1 == n || n - i - 1 > 5)
			return 0;
		for (i++; i < n; i++) {
			if (a[i] < '0' || a[i] > '9')
				return 0;
			port = port * 10 + (unsigned long)(a[i] - '0');
		}
		if (port == 0 || port > 65535)
			return 0;
	}
	*host = a;
	*hlen = h;
	return 1;
}

enum pf_apperr
pf_uri_redirect_ok(const char *u)
{
	size_t n = strlen(u), i, alen, hlen;
	const char *rest, *host;
	int https;

	if (n > PF_APP_URI_MAX)
		return PF_APPERR_URI_LONG;
	for (i = 0; i < n; i++) {
		if (!uri_char((unsigned char)u[i]))
			return PF_APPERR_URI_CHARS;
		if (u[i] == '%' && !(hexdig((unsigned char)u[i + 1]) &&
		    hexdig((unsigned char)u[i + 2])))
			return PF_APPERR_URI_CHARS;
	}
	/* lower case only: one spelling per URI, as they are compared */
	if (strncmp(u, "https://", 8) == 0) {
		https = 1;
		rest = u + 8;
	} else if (strncmp(u, "http://", 7) == 0) {
		https = 0;
		rest = u + 7;
	} else
		return PF_APPERR_URI_SCHEME;
	if (strchr(u, '#') != NULL)
		return PF_APPERR_URI_FRAGMENT;
	alen = strcspn(rest, "/?");
	if (memchr(rest, '@', alen) != NULL)
		return PF_APPERR_URI_USERINFO;
	if (!authority_ok(rest, alen, &host, &hlen))
		return PF_APPERR_URI_HOST;
	if (!https && !((hlen == 9 && strncmp(host, "127.0.0.1", 9) == 0) ||
	    (hlen == 9 && strncasecmp(host, "localhost", 9) == 0) ||
	    (hlen == 5 && strncmp(host, "[::1]", 5) == 0)))
		return PF_APPERR_URI_HTTP;
	return PF_APPERR_OK;
}

int
pf_client_id_ok(const char *s)
{
	size_t n = strlen(s), i;

	for (i = 0; i < n; i++)
		if (!alnum((unsigned char)s[i]) && s[i] != '.' && s[i] != '_' && s[i] != '-')
			return 0;
	return n >= 8 && n <= 64;
}

void
pf_client_id_new(char out[PF_CLIENT_ID_NEW_LEN + 1])
{
	unsigned char raw[16];

	if (RAND_bytes(raw, sizeof(raw)) != 1)
		abort();	/* no randomness: nothing here may go on */
	pf_b64url(raw, sizeof(raw), out);
}

void
pf_client_secret_new(char text[PF_TOKEN_CHARS + 1], unsigned char hash[32])
{
	unsigned char raw[PF_TOKEN_BYTES];
	unsigned int n = 32;

	pf_token_new(raw, text);
	pf_wipe(raw, sizeof(raw));
	/* of the text, as the client presents it (not pf_token_hash, which
	 * hashes the decoded bytes) */
	if (EVP_Digest(text, PF_TOKEN_CHARS, hash, &n, EVP_sha256(), NULL) != 1)
		abort();
}

/* The next word of the space-separated list *s, as [*w, *w + *k); 0 at
 * the end. */
static int
next_word(const char **s, const char **w, size_t *k)
{
	*s += strspn(*s, " ");
	*w = *s;
	*k = strcspn(*s, " ");
	*s += *k;
	return *k > 0;
}

static int
has_word(const char *s, const char *word)
{
	const char *w;
	size_t k;

	while (next_word(&s, &w, &k))
		if (k == strlen(word) && strncmp(w, word, k) == 0)
			return 1;
	return 0;
}

static enum pf_apperr
scopes_check(const char *s)
{
	const char *w;
	size_t k, i;
	unsigned seen = 0;

	while (next_word(&s, &w, &k)) {
		for (i = 0; pf_app_scopes[i] != NULL; i++)
			if (strlen(pf_app_scopes[i]) == k && strncmp(pf_app_scopes[i], w, k) == 0)
				break;
		if (pf_app_scopes[i] == NULL || (seen & (1U << i)))
			return PF_APPERR_SCOPE;
		seen |= 1U << i;
	}
	return PF_APPERR_OK;
}

/* A list of URIs: each checked, at most PF_APP_URIS_MAX, none twice. */
static enum pf_apperr
list_check(const char *const *l, size_t n, size_t *at)
{
	enum pf_apperr e;
	size_t i, j;

	if (n > PF_APP_URIS_MAX) {
		*at = PF_APP_URIS_MAX;
		return PF_APPERR_TOO_MANY;
	}
	for (i = 0; i < n; i++) {
		*at = i;
		if ((e = pf_uri_redirect_ok(l[i])) != PF_APPERR_OK)
			return e;
		for (j = 0; j < i; j++)
			if (strcmp(l[i], l[j]) == 0)
				return PF_APPERR_DUPLICATE;
	}
	return PF_APPERR_OK;
}

static enum pf_apperr
name_check(const char *s)
{
	size_t n = strlen(s), i;

	if (n == 0 || !pf_utf8_valid(s, n) || pf_utf8_chars(s) > PF_APP_NAME_MAX)
		return PF_APPERR_NAME;
	for (i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
			return PF_APPERR_NAME;
	return PF_APPERR_OK;
}

size_t
pf_appdef_check(const struct pf_appdef *d, enum pf_apperr err[PF_APPF__MAX],
    size_t at[PF_APPF__MAX])
{
	size_t i, n = 0, pos[PF_APPF__MAX];

	memset(pos, 0, sizeof(pos));
	err[PF_APPF_NAME] = name_check(d->name);
	err[PF_APPF_ICON] = *d->icon ? pf_uri_redirect_ok(d->icon) : PF_APPERR_OK;
	err[PF_APPF_CLIENT_ID] = d->client_id == NULL || *d->client_id == '\0' ||
	    pf_client_id_ok(d->client_id) ? PF_APPERR_OK : PF_APPERR_CLIENT_ID;
	err[PF_APPF_REDIRECT] = list_check(d->redirect, d->nredirect, &pos[PF_APPF_REDIRECT]);
	err[PF_APPF_POST_LOGOUT] = list_check(d->post_logout, d->npost_logout,
	    &pos[PF_APPF_POST_LOGOUT]);
	err[PF_APPF_INITIATE] = *d->initiate_login ? pf_uri_redirect_ok(d->initiate_login) :
	    PF_APPERR_OK;
	err[PF_APPF_FRONTCHANNEL] = *d->frontchannel_logout ?
	    pf_uri_redirect_ok(d->frontchannel_logout) : PF_APPERR_OK;
	err[PF_APPF_BACKCHANNEL] = *d->backchannel_logout ?
	    pf_uri_redirect_ok(d->backchannel_logout) : PF_APPERR_OK;
	err[PF_APPF_SCOPES] = scopes_check(d->scopes);
	if (err[PF_APPF_SCOPES] == PF_APPERR_OK && (d->grants & PF_GRANT_CODE) &&
	    !has_word(d->scopes, "openid"))
		err[PF_APPF_SCOPES] = PF_APPERR_NO_OPENID;
	if ((d->grants & (PF_GRANT_CODE | PF_GRANT_REFRESH | PF_GRANT_CLIENT)) == 0)
		err[PF_APPF_GRANTS] = PF_APPERR_NO_GRANT;
	else if ((d->grants & PF_GRANT_CLIENT) && !d->confidential)
		err[PF_APPF_GRANTS] = PF_APPERR_PUBLIC_CLIENT;
	else if ((d->grants & PF_GRANT_REFRESH) && !(d->grants & PF_GRANT_CODE))
		err[PF_APPF_GRANTS] = PF_APPERR_REFRESH_ALONE;
	else
		err[PF_APPF_GRANTS] = PF_APPERR_OK;
	if (err[PF_APPF_REDIRECT] == PF_APPERR_OK && (d->grants & PF_GRANT_CODE) &&
	    d->nredirect == 0)
		err[PF_APPF_REDIRECT] = PF_APPERR_NO_REDIRECT;
	for (i = 0; i < PF_APPF__MAX; i++)
		n += err[i] != PF_APPERR_OK;
	if (at != NULL)
		memcpy(at, pos, sizeof(pos));
	return n;
}
