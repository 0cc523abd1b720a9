/*
 * form.c: application/x-www-form-urlencoded parsing (query strings and
 * bodies).  Strict by design: what a browser would not send is an error,
 * never a guess.
 */
#include "pf-int.h"

static const char *const perr_str[PF_PARSE__MAX] = {
	"ok", "malformed", "invalid UTF-8", "too many fields", "too long",
};

const char *
pf_perr_str(enum pf_perr e)
{
	return (unsigned)e < PF_PARSE__MAX ? perr_str[e] : "unknown";
}

static int
hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Decode [s, s+n) into pool memory; *out is NUL-terminated. */
static enum pf_perr
decode(struct pf_pool *p, const char *s, size_t n, char **out, size_t *outlen)
{
	char *d = pf_palloc(p, n + 1);
	size_t i, j = 0;
	int hi, lo;

	for (i = 0; i < n; i++) {
		if (s[i] == '+')
			d[j++] = ' ';
		else if (s[i] == '%') {
			if (n - i < 3 || (hi = hexval(s[i + 1])) < 0 ||
			    (lo = hexval(s[i + 2])) < 0)
				return PF_PARSE_MALFORMED;
			d[j++] = (char)(hi << 4 | lo);
			i += 2;
		} else
			d[j++] = s[i];
	}
	d[j] = '\0';
	if (!pf_utf8_valid(d, j))
		return PF_PARSE_UTF8;
	*out = d;
	*outlen = j;
	return PF_PARSE_OK;
}

enum pf_perr
pf_form_parse(struct pf_pool *p, const char *s, size_t n, size_t max,
    struct pf_pair **pairs, size_t *npairs)
{
	const char *end = s + n, *amp, *eq;
	struct pf_pair *v;
	char *name, *val;
	size_t nlen, vlen, count = 0, i;
	enum pf_perr e;

	if (n == 0)
		return PF_PARSE_OK;
	for (i = 0; i < n; i++)
		if (s[i] == '&')
			count++;
	if (count + 1 > max || *npairs > max - (count + 1))
		return PF_PARSE_TOO_MANY;
	v = pf_palloc(p, (*npairs + count + 1) * sizeof(*v));
	if (*npairs)
		memcpy(v, *pairs, *npairs * sizeof(*v));

	while (s <= end) {
		amp = memchr(s, '&', (size_t)(end - s));
		if (amp == NULL)
			amp = end;
		eq = memchr(s, '=', (size_t)(amp - s));
		if (eq == NULL)
			eq = amp;	/* "flag" without a value is "flag=" */
		if (eq == s)
			return PF_PARSE_MALFORMED;	/* empty name */
		if ((e = decode(p, s, (size_t)(eq - s), &name, &nlen)) != PF_PARSE_OK)
			return e;
		if (eq == amp) {
			val = pf_pstrdup(p, "");
			vlen = 0;
		} else if ((e = decode(p, eq + 1, (size_t)(amp - eq - 1),
		    &val, &vlen)) != PF_PARSE_OK)
			return e;
		v[*npairs].name = name;
		v[*npairs].val = val;
		v[*npairs].vlen = vlen;
		(*npairs)++;
		s = amp + 1;
	}
	*pairs = v;
	return PF_PARSE_OK;
}
