/*
 * i18n.c: choosing the user's language.  The user's stored choice wins
 * (the pipeline passes it in), then Accept-Language, then the default.
 */
#include <stdlib.h>
#include <strings.h>

#include "pf-int.h"

const char *const pf_langs[] = { "de", "en", NULL };

static const char *
supported(const char *tag, size_t n)
{
	size_t i;

	/* "de", "de-AT", "en-GB": the primary subtag decides. */
	for (i = 0; pf_langs[i]; i++)
		if (n >= 2 && strncasecmp(tag, pf_langs[i], 2) == 0 &&
		    (n == 2 || tag[2] == '-'))
			return pf_langs[i];
	return NULL;
}

/* Parse "q=0.8" loosely into thousandths; a bad q counts as 0. */
static int
qvalue(const char *s, const char *end)
{
	int q = 0, scale = 100;

	while (s < end && (*s == ' ' || *s == '\t'))
		s++;
	if (end - s < 3 || (s[0] != 'q' && s[0] != 'Q') || s[1] != '=')
		return 0;
	s += 2;
	if (*s == '1')
		return 1000;
	if (*s != '0')
		return 0;
	if (++s < end && *s == '.')
		for (s++; s < end && *s >= '0' && *s <= '9' && scale; s++, scale /= 10)
			q += (*s - '0') * scale;
	return q;
}

const char *
pf_lang_negotiate(const char *accept, const char *dflt)
{
	const char *s = accept, *end, *semi, *tag, *best = NULL, *lang;
	size_t n;
	int q, bestq = 0;

	if (accept == NULL)
		return dflt;
	while (*s) {
		end = strchr(s, ',');
		if (end == NULL)
			end = s + strlen(s);
		while (s < end && (*s == ' ' || *s == '\t'))
			s++;
		tag = s;
		semi = memchr(s, ';', (size_t)(end - s));
		n = (size_t)((semi ? semi : end) - tag);
		while (n && (tag[n - 1] == ' ' || tag[n - 1] == '\t'))
			n--;
		q = semi ? qvalue(semi + 1, end) : 1000;
		if ((lang = supported(tag, n)) != NULL && q > bestq) {
			best = lang;
			bestq = q;
		}
		s = *end ? end + 1 : end;
	}
	return best ? best : dflt;
}
