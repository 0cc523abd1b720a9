/*
 * field.c: validators for declared input fields.  Type first, then limits.
 */
#include <errno.h>
#include <stdlib.h>

#include "pf-int.h"

static int
no_controls(const char *v, size_t n, int multiline)
{
	size_t i;
	unsigned char c;

	for (i = 0; i < n; i++) {
		c = (unsigned char)v[i];
		if (c == 0x7f)
			return 0;
		if (c < 0x20 && !(multiline && (c == '\n' || c == '\r' || c == '\t')))
			return 0;
	}
	return 1;
}

static int
valid_int(const struct pf_field *f, const char *v, size_t n)
{
	long long x;
	char *end;
	size_t i = (v[0] == '-');

	if (n == i || n > 20)
		return 0;
	for (; i < n; i++)
		if (v[i] < '0' || v[i] > '9')
			return 0;
	errno = 0;
	x = strtoll(v, &end, 10);
	if (errno != 0 || *end != '\0')
		return 0;
	return x >= f->min && x <= f->max;
}

static int
valid_token(const char *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!((v[i] >= 'a' && v[i] <= 'z') || (v[i] >= 'A' && v[i] <= 'Z') ||
		    (v[i] >= '0' && v[i] <= '9') || v[i] == '-' || v[i] == '_'))
			return 0;
	return 1;
}

/* Deliberately simple: one '@', non-empty local part and a dotted domain,
 * nothing that could break a mail header.  Deliverability is proven by
 * the confirmation mail, not by a regular expression. */
static int
valid_email(const char *v, size_t n)
{
	const char *at = memchr(v, '@', n), *dot;

	if (at == NULL || at == v || memchr(at + 1, '@', n - (size_t)(at - v) - 1))
		return 0;
	dot = strrchr(at, '.');
	if (dot == NULL || dot == at + 1 || dot[1] == '\0')
		return 0;
	return strpbrk(v, " <>()[]\\,;:\"") == NULL;
}

int
pf_field_valid(const struct pf_field *f, const char *v, size_t n)
{
	size_t max = f->maxlen ? f->maxlen : 256, i;

	if (n < f->minlen || n > max || strlen(v) != n || !pf_utf8_valid(v, n))
		return 0;
	switch (f->type) {
	case PF_F_LINE:
		if (!no_controls(v, n, 0))
			return 0;
		break;
	case PF_F_TEXT:
		if (!no_controls(v, n, 1))
			return 0;
		break;
	case PF_F_INT:
	case PF_F_IDS:
		if (!valid_int(f, v, n))
			return 0;
		break;
	case PF_F_ENUM:
		if (f->choices == NULL)
			return 0;
		for (i = 0; f->choices[i] != NULL; i++)
			if (strcmp(f->choices[i], v) == 0)
				break;
		if (f->choices[i] == NULL)
			return 0;
		break;
	case PF_F_TOKEN:
		if (!valid_token(v, n))
			return 0;
		break;
	case PF_F_EMAIL:
		if (!no_controls(v, n, 0) || !valid_email(v, n))
			return 0;
		break;
	case PF_F_BOOL:
		if (strcmp(v, "0") != 0 && strcmp(v, "1") != 0)
			return 0;
		break;
	default:
		return 0;
	}
	return f->check == NULL || f->check(v, n);
}
