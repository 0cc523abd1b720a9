/*
 * cookie.c: Cookie header parsing (RFC 6265 section 4.2.1).
 *
 * Other applications on the same host may send cookies that are not ours
 * and not well-formed, so a malformed pair is skipped rather than failing
 * the request; our own cookies are validated where they are used.
 */
#include "pf-int.h"

static int
token_char(unsigned char c)
{
	return c > 0x20 && c < 0x7f && strchr("()<>@,;:\\\"/[]?={}", c) == NULL;
}

static int
value_char(unsigned char c)
{
	return c == 0x21 || (c >= 0x23 && c <= 0x2b) ||
	    (c >= 0x2d && c <= 0x3a) || (c >= 0x3c && c <= 0x5b) ||
	    (c >= 0x5d && c <= 0x7e);
}

enum pf_perr
pf_cookie_parse(struct pf_pool *p, const char *s, size_t max,
    struct pf_pair **pairs, size_t *npairs)
{
	const char *end = s + strlen(s), *semi, *eq, *a, *b, *q;
	struct pf_pair *v = pf_palloc(p, max * sizeof(*v));
	size_t n = 0;
	int ok;

	while (s < end) {
		while (s < end && (*s == ' ' || *s == '\t'))
			s++;
		semi = memchr(s, ';', (size_t)(end - s));
		if (semi == NULL)
			semi = end;
		eq = memchr(s, '=', (size_t)(semi - s));
		if (eq != NULL && eq > s) {
			ok = 1;
			for (q = s; q < eq && ok; q++)
				ok = token_char((unsigned char)*q);
			a = eq + 1;
			b = semi;
			while (b > a && (b[-1] == ' ' || b[-1] == '\t'))
				b--;
			if (b - a >= 2 && *a == '"' && b[-1] == '"') {
				a++;
				b--;
			}
			for (q = a; q < b && ok; q++)
				ok = value_char((unsigned char)*q);
			if (ok) {
				if (n == max)
					return PF_PARSE_TOO_MANY;
				v[n].name = pf_pstrndup(p, s, (size_t)(eq - s));
				v[n].val = pf_pstrndup(p, a, (size_t)(b - a));
				v[n].vlen = (size_t)(b - a);
				n++;
			}
		}
		s = semi + 1;
	}
	*pairs = v;
	*npairs = n;
	return PF_PARSE_OK;
}
