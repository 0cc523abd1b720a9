/*
 * buf.c: a growable, always NUL-terminated byte buffer.
 */
#include <stdio.h>
#include <stdlib.h>

#include "pf-int.h"

static void
grow(struct pf_buf *b, size_t more)
{
	size_t need;

	if (more > SIZE_MAX - b->len - 1)
		abort();
	need = b->len + more + 1;
	if (need <= b->cap)
		return;
	if (b->cap == 0)
		b->cap = 256;
	while (b->cap < need)
		b->cap = b->cap > SIZE_MAX / 2 ? need : b->cap * 2;
	b->data = pf_xrealloc(b->data, b->cap);
}

void
pf_buf_add(struct pf_buf *b, const void *p, size_t n)
{
	grow(b, n);
	if (n)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void
pf_buf_adds(struct pf_buf *b, const char *s)
{
	pf_buf_add(b, s, strlen(s));
}

void
pf_buf_addf(struct pf_buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		abort();
	grow(b, (size_t)n);
	va_start(ap, fmt);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

void
pf_buf_reset(struct pf_buf *b)
{
	b->len = 0;
	if (b->data)
		b->data[0] = '\0';
}

void
pf_buf_free(struct pf_buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}

void
pf_buf_pct(struct pf_buf *b, const char *s, size_t n, const char *keep)
{
	static const char hex[] = "0123456789ABCDEF";
	unsigned char c;
	char e[3];
	size_t i;

	for (i = 0; i < n; i++) {
		c = (unsigned char)s[i];
		if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		    (c >= '0' && c <= '9') || (c != '\0' && strchr("-._~", c) != NULL) ||
		    (c != '\0' && strchr(keep, c) != NULL)) {
			pf_buf_add(b, &s[i], 1);
			continue;
		}
		e[0] = '%';
		e[1] = hex[c >> 4];
		e[2] = hex[c & 15];
		pf_buf_add(b, e, 3);
	}
}

void
pf_buf_csv(struct pf_buf *b, const char *s, int last)
{
	pf_buf_adds(b, "\"");
	if (*s != '\0' && strchr("=+-@\t\r\n", *s) != NULL)
		pf_buf_adds(b, "'");
	for (; *s; s++) {
		if (*s == '"')
			pf_buf_adds(b, "\"");
		pf_buf_add(b, s, 1);
	}
	pf_buf_adds(b, last ? "\"\r\n" : "\",");
}
