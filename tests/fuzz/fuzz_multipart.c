/*
 * libFuzzer target for the multipart/form-data parser (lib/multipart.c)
 * and the boundary of a Content-Type (pf_mp_boundary).
 *
 * Differential: the body is parsed three times, fed whole, in pieces cut
 * where a generator seeded from the input says, and one byte at a time.
 * The events (part headers, each part's content concatenated, part ends)
 * and the result must be the same each time, or a delimiter split over
 * two pieces is read differently from a whole one.  An accepted boundary
 * must be 1..70 of RFC 2046's characters, the last not a space.
 *
 * Input: byte 0 seeds the cuts; byte 1 picks the boundary (bits 0-1) and
 * the part() whose callback stops the parser (bits 2-3, 0 never); the
 * rest is the body.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "pforte.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

struct rec {
	unsigned char	*log;
	size_t		 len, cap;
	size_t		 content;	/* data() bytes */
	unsigned	 nparts, stop;
};

static void
add(struct rec *r, const void *s, size_t n)
{
	if (r->cap - r->len < n) {
		r->cap = (r->len + n) * 2;
		if ((r->log = realloc(r->log, r->cap)) == NULL)
			abort();
	}
	memcpy(r->log + r->len, s, n);
	r->len += n;
}

/* Strings with their NUL, so "a" "bc" and "ab" "c" differ. */
static void
adds(struct rec *r, const char *s)
{
	if (s == NULL)
		add(r, "\1", 1);
	else
		add(r, s, strlen(s) + 1);
}

static int
on_part(void *ctx, const struct pf_mp_part *p)
{
	struct rec *r = ctx;

	if (p->name == NULL || p->name[0] == '\0')
		abort();
	add(r, "P", 1);
	adds(r, p->name);
	adds(r, p->filename);
	adds(r, p->ctype);
	add(r, "D", 1);
	return ++r->nparts == r->stop;
}

static int
on_data(void *ctx, const void *s, size_t n)
{
	struct rec *r = ctx;

	if (n == 0)
		abort();
	add(r, s, n);
	r->content += n;
	return 0;
}

static int
on_end(void *ctx)
{
	add(ctx, "E", 1);
	return 0;
}

static const struct pf_mp_cb cbs = { on_part, on_data, on_end };

static const char *const boundaries[] = {
	"b", "AaB03x", "----WebKitFormBoundary7MA4YWxkTrZu0gW", "b",
};

/*
 * Parse [p, p+n) in pieces: whole when mode is 0, one byte at a time when
 * 1, else at cuts drawn from a xorshift generator seeded with mode.
 */
static enum pf_mperr
run(const char *boundary, const uint8_t *p, size_t n, uint32_t mode, struct rec *r)
{
	struct pf_mp *mp;
	enum pf_mperr e, first = PF_MP_OK;
	uint32_t x = mode | 0x10000;
	size_t off = 0, k;

	if ((mp = pf_mp_new(boundary, &cbs, r)) == NULL)
		abort();
	while (off < n) {
		if (mode == 0)
			k = n - off;
		else if (mode == 1)
			k = 1;
		else {
			x ^= x << 13;
			x ^= x >> 17;
			x ^= x << 5;
			/* Mostly short pieces: delimiters straddle them. */
			k = 1 + x % (x & 0x100 ? 97 : 7);
			if (k > n - off)
				k = n - off;
		}
		e = pf_mp_feed(mp, p + off, k);
		if (first != PF_MP_OK && e != first)
			abort();	/* an error must stick */
		first = e;
		off += k;
	}
	e = pf_mp_finish(mp);
	if ((first != PF_MP_OK && e != first) || pf_mp_feed(mp, "-", 1) != e)
		abort();
	pf_mp_free(mp);
	add(r, &e, sizeof(e));
	return e;
}

static void
boundary(const uint8_t *data, size_t size)
{
	char *s, out[PF_MP_BOUNDARY_MAX + 1];
	struct pf_mp *mp;
	size_t n, i;

	if ((s = malloc(size + 1)) == NULL)
		abort();
	memcpy(s, data, size);
	s[size] = '\0';
	if (pf_mp_boundary(s, out) == 0) {
		n = strlen(out);
		if (n == 0 || n > PF_MP_BOUNDARY_MAX || out[n - 1] == ' ')
			abort();
		for (i = 0; i < n; i++)
			if (strchr("0123456789abcdefghijklmnopqrstuvwxyz"
			    "ABCDEFGHIJKLMNOPQRSTUVWXYZ'()+_,-./:=? ", out[i]) == NULL)
				abort();
		/* What it accepts, the parser must take. */
		if ((mp = pf_mp_new(out, NULL, NULL)) == NULL)
			abort();
		pf_mp_free(mp);
	} else if (out[0] != '\0')
		abort();
	free(s);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rec a = { 0 }, b = { 0 }, c = { 0 };
	const char *bd;
	enum pf_mperr e;

	boundary(data, size);
	if (size < 2)
		return 0;
	bd = boundaries[data[1] & 3];
	a.stop = b.stop = c.stop = (data[1] >> 2) & 3;
	e = run(bd, data + 2, size - 2, 0, &a);
	run(bd, data + 2, size - 2, 1, &b);
	run(bd, data + 2, size - 2, 2 + data[0], &c);
	if (a.len != b.len || a.len != c.len || memcmp(a.log, b.log, a.len) != 0 ||
	    memcmp(a.log, c.log, a.len) != 0)
		abort();	/* the pieces changed what was read */
	if (a.content > size - 2 || (e == PF_MP_OK && a.nparts > PF_MP_PARTS_MAX))
		abort();
	free(a.log);
	free(b.log);
	free(c.log);
	return 0;
}
