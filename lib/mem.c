/*
 * mem.c: allocation that aborts on failure, and per-request pools.
 *
 * A pool is a chain of blocks; allocations are bump-pointer and are never
 * freed one by one.  The pipeline resets the pool after every request, so
 * a long-lived FastCGI worker cannot leak across requests.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>

#include "pf-int.h"

#define POOL_BLOCK	(16 * 1024)
#define POOL_ALIGN	16

struct block {
	struct block	*next;
	size_t		 size;
	size_t		 used;
	_Alignas(POOL_ALIGN) unsigned char data[];
};

struct pf_pool {
	struct block	*head;	/* current block; the first one is kept */
	struct block	*first;
};

static void
oom(void)
{
	/* No allocation here: the process is out of memory. */
	static const char msg[] = "pforte: out of memory\n";
	fwrite(msg, 1, sizeof(msg) - 1, stderr);
	abort();
}

void *
pf_xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (p == NULL)
		oom();
	return p;
}

void *
pf_xcalloc(size_t n, size_t sz)
{
	void *p = calloc(n ? n : 1, sz ? sz : 1);

	if (p == NULL)
		oom();
	return p;
}

void *
pf_xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);

	if (q == NULL)
		oom();
	return q;
}

char *
pf_xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;

	return memcpy(pf_xmalloc(n), s, n);
}

static struct block *
block_new(size_t want)
{
	size_t size = want > POOL_BLOCK ? want : POOL_BLOCK;
	struct block *b;

	if (size > SIZE_MAX - sizeof(*b))
		oom();
	b = pf_xmalloc(sizeof(*b) + size);
	b->next = NULL;
	b->size = size;
	b->used = 0;
	return b;
}

struct pf_pool *
pf_pool_new(void)
{
	struct pf_pool *p = pf_xmalloc(sizeof(*p));

	p->first = p->head = block_new(POOL_BLOCK);
	return p;
}

void *
pf_palloc(struct pf_pool *p, size_t n)
{
	struct block *b = p->head;
	size_t off = (b->used + POOL_ALIGN - 1) & ~(size_t)(POOL_ALIGN - 1);

	if (n > SIZE_MAX - POOL_ALIGN)
		oom();
	if (off > b->size || b->size - off < n) {
		/* Large requests get a block of their own. */
		b = block_new(n);
		b->next = p->head;
		p->head = b;
		off = 0;
	}
	b->used = off + n;
	return b->data + off;
}

void *
pf_pcalloc(struct pf_pool *p, size_t n)
{
	return memset(pf_palloc(p, n), 0, n);
}

char *
pf_pstrndup(struct pf_pool *p, const char *s, size_t n)
{
	char *d = pf_palloc(p, n + 1);

	memcpy(d, s, n);
	d[n] = '\0';
	return d;
}

char *
pf_pstrdup(struct pf_pool *p, const char *s)
{
	return pf_pstrndup(p, s, strlen(s));
}

char *
pf_psprintf(struct pf_pool *p, const char *fmt, ...)
{
	va_list ap;
	int n;
	char *d;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		oom();
	d = pf_palloc(p, (size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(d, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return d;
}

/* Requests may hold secrets (form values, cookies), so blocks are wiped
 * before they are reused or freed. */
void
pf_pool_reset(struct pf_pool *p)
{
	struct block *b = p->head, *next;

	while (b != p->first) {
		next = b->next;
		pf_wipe(b->data, b->used);
		free(b);
		b = next;
	}
	pf_wipe(p->first->data, p->first->used);
	p->first->used = 0;
	p->first->next = NULL;
	p->head = p->first;
}

void
pf_pool_free(struct pf_pool *p)
{
	if (p == NULL)
		return;
	pf_pool_reset(p);
	free(p->first);
	free(p);
}

void
pf_wipe(void *p, size_t n)
{
	OPENSSL_cleanse(p, n);
}

int
pf_memeq_ct(const void *a, const void *b, size_t n)
{
	return CRYPTO_memcmp(a, b, n);
}
