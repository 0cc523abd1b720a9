/*
 * multipart.c: a streaming multipart/form-data parser (RFC 7578, RFC 2046).
 *
 * The body is never held in memory: content is handed to the data
 * callback in slices of the caller's own input as soon as it cannot be
 * the start of a delimiter.  What is held back between two pieces is
 * always a prefix of the delimiter itself, so the parser keeps no copy of
 * it: the delimiter string is the buffer.  The only other memory is one
 * part's header block, bounded by PF_MP_HEADER_MAX.
 *
 * Strict by design, like form.c: what a browser would not send is an
 * error, never a guess.
 */
#include <stdlib.h>
#include <strings.h>

#include "pf-int.h"

/* Bytes of preamble (before the first delimiter) we are willing to skip. */
#define PREAMBLE_MAX	8192

enum mpstate {
	S_PREAMBLE,	/* before the first delimiter: discarded */
	S_DELIM,	/* just after CRLF "--" boundary */
	S_CLOSE,	/* after CRLF "--" boundary "-": one more '-' closes */
	S_PAD,		/* transport padding (SP, HTAB) up to CRLF */
	S_PADLF,	/* CR of the delimiter line seen, LF must follow */
	S_HEADERS,	/* a part's header block */
	S_BODY,		/* a part's content */
	S_DONE		/* close delimiter seen: the epilogue is ignored */
};

struct pf_mp {
	struct pf_mp_cb	 cb;
	void		*ctx;
	enum pf_mperr	 err;		/* sticky: once set, every call returns it */
	enum mpstate	 state;
	int		 inpart;	/* part() called, end() not yet */
	size_t		 nparts;
	size_t		 pre;		/* preamble bytes skipped (see pf_mp_new) */
	char		 delim[4 + PF_MP_BOUNDARY_MAX];	/* CRLF "--" boundary */
	size_t		 dlen;
	size_t		 held;		/* delim[0..held) seen, not yet known as content */
	size_t		 hlen;		/* bytes in hdr */
	size_t		 line;		/* where the current header line starts */
	int		 cr;		/* the last header byte was CR */
	char		 hdr[PF_MP_HEADER_MAX];
};

struct param {
	const char	*key, *val;
	size_t		 klen, vlen;
};

static const char *const mperr_str[PF_MP__MAX] = {
	"ok", "malformed multipart body", "multipart limit exceeded",
	"stopped by the application", "multipart body truncated",
};

const char *
pf_mperr_str(enum pf_mperr e)
{
	return (unsigned)e < PF_MP__MAX ? mperr_str[e] : "unknown";
}

/* RFC 7230's tchar: what a header token (name, type, key) is made of. */
static int
tchar(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	    (c >= 'A' && c <= 'Z') ||
	    (c != '\0' && strchr("!#$%&'*+-.^_`|~", c) != NULL);
}

/* RFC 2046's bchars, the characters a boundary may have. */
static int
bchar(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	    (c >= 'A' && c <= 'Z') ||
	    (c != '\0' && strchr("'()+_,-./:=? ", c) != NULL);
}

/*
 * 1 when [s, s+n) is a boundary RFC 2046 allows: 1..70 bchars, the last
 * not a space.  Neither CR nor LF is a bchar, which the delimiter search
 * relies on (see scan()).
 */
static int
boundary_ok(const char *s, size_t n)
{
	size_t i;

	if (n == 0 || n > PF_MP_BOUNDARY_MAX || s[n - 1] == ' ')
		return 0;
	for (i = 0; i < n; i++)
		if (!bchar((unsigned char)s[i]))
			return 0;
	return 1;
}

static const char *
ows(const char *s, const char *end)
{
	while (s < end && (*s == ' ' || *s == '\t'))
		s++;
	return s;
}

static const char *
token(const char *s, const char *end)
{
	while (s < end && tchar((unsigned char)*s))
		s++;
	return s;
}

/*
 * The next `OWS ";" OWS key=value` of a header value at *sp, advancing
 * *sp past it: 1 with the parameter in p, 0 at the end of the value, -1
 * when malformed.  A value is a token or a quoted-string that ends at the
 * next '"': browsers percent-encode '"' in names and never send a
 * backslash escape, so reading one would only open a second spelling.
 */
static int
param_next(const char **sp, const char *end, struct param *p)
{
	const char *s = ows(*sp, end), *q;

	if (s == end)
		return 0;
	if (*s != ';')
		return -1;
	s = ows(s + 1, end);
	p->key = s;
	s = token(s, end);
	if ((p->klen = (size_t)(s - p->key)) == 0 || s == end || *s != '=')
		return -1;
	s++;
	if (s < end && *s == '"') {
		if ((q = memchr(s + 1, '"', (size_t)(end - s - 1))) == NULL)
			return -1;
		p->val = s + 1;
		p->vlen = (size_t)(q - p->val);
		s = q + 1;
	} else {
		p->val = s;
		s = token(s, end);
		if ((p->vlen = (size_t)(s - p->val)) == 0)
			return -1;
	}
	*sp = s;
	return 1;
}

/* 1 when [s, s+n) is the name want, in any case (a header, key, type). */
static int
named(const char *s, size_t n, const char *want)
{
	return n == strlen(want) && strncasecmp(s, want, n) == 0;
}

int
pf_mp_boundary(const char *ctype, char out[PF_MP_BOUNDARY_MAX + 1])
{
	static const char type[] = "multipart/form-data";
	const char *s, *end;
	struct param p;
	int found = 0, rc;

	out[0] = '\0';
	if (ctype == NULL)
		return -1;
	end = ctype + strlen(ctype);
	s = ows(ctype, end);
	if ((size_t)(end - s) < sizeof(type) - 1 ||
	    strncasecmp(s, type, sizeof(type) - 1) != 0)
		return -1;
	s += sizeof(type) - 1;
	while ((rc = param_next(&s, end, &p)) == 1) {
		if (!named(p.key, p.klen, "boundary"))
			continue;
		/* Two boundaries: which one a proxy or we would pick is a guess. */
		if (found || !boundary_ok(p.val, p.vlen)) {
			out[0] = '\0';
			return -1;
		}
		memcpy(out, p.val, p.vlen);
		out[p.vlen] = '\0';
		found = 1;
	}
	if (rc < 0 || !found) {
		out[0] = '\0';
		return -1;
	}
	return 0;
}

/*
 * A boundary that is not a valid one gives NULL, so a caller cannot feed
 * a parser whose delimiter could contain CR or never match.
 */
struct pf_mp *
pf_mp_new(const char *boundary, const struct pf_mp_cb *cb, void *ctx)
{
	struct pf_mp *mp;
	size_t n = boundary == NULL ? 0 : strlen(boundary);

	if (!boundary_ok(boundary, n))
		return NULL;
	mp = pf_xcalloc(1, sizeof(*mp));
	if (cb != NULL)
		mp->cb = *cb;
	mp->ctx = ctx;
	memcpy(mp->delim, "\r\n--", 4);
	memcpy(mp->delim + 4, boundary, n);
	mp->dlen = 4 + n;
	mp->state = S_PREAMBLE;
	/*
	 * The first delimiter may open the body without a CRLF before it:
	 * start as if that CRLF had been seen.  When the body does not
	 * start with the delimiter, those two virtual bytes are skipped as
	 * preamble, which is why the preamble limit allows two more.
	 */
	mp->held = 2;
	return mp;
}

void
pf_mp_free(struct pf_mp *mp)
{
	free(mp);
}

static void
fail(struct pf_mp *mp, enum pf_mperr e)
{
	if (mp->err == PF_MP_OK)
		mp->err = e;
}

/*
 * Content that is known not to be part of a delimiter: a part's goes to
 * the data callback, the preamble's is counted and dropped.  0, or -1
 * with the error set.
 */
static int
emit(struct pf_mp *mp, const void *s, size_t n)
{
	if (n == 0)
		return 0;
	if (mp->state == S_PREAMBLE) {
		if (n > PREAMBLE_MAX + 2 - mp->pre) {
			fail(mp, PF_MP_LIMIT);
			return -1;
		}
		mp->pre += n;
		return 0;
	}
	if (mp->cb.data != NULL && mp->cb.data(mp->ctx, s, n) != 0) {
		fail(mp, PF_MP_STOPPED);
		return -1;
	}
	return 0;
}

/*
 * Look for the delimiter in content [p, p+n); returns the bytes used.
 * When the delimiter is complete, the state moves to S_DELIM and what
 * follows it is left to the caller.  A prefix of the delimiter at the end
 * of the piece is held back (mp->held) rather than copied: it is equal to
 * delim[0..held), so it can be emitted from there if the next piece shows
 * it was content after all.
 *
 * The delimiter starts with the only CR it contains (no bchar is a CR),
 * so no proper suffix of a partial match can begin another match: on a
 * mismatch, the matched bytes are content and the search goes on at the
 * mismatching byte.  That keeps this a plain memchr for CR.
 */
static size_t
scan(struct pf_mp *mp, const unsigned char *p, size_t n)
{
	const unsigned char *cr;
	size_t i = 0, k, m;

	if ((k = mp->held) > 0) {
		m = mp->dlen - k < n ? mp->dlen - k : n;
		while (i < m && p[i] == (unsigned char)mp->delim[k + i])
			i++;
		if (i == m) {
			mp->held += m;
			if (mp->held == mp->dlen) {
				mp->held = 0;
				mp->state = S_DELIM;
			}
			return m;
		}
		mp->held = 0;
		/* p[0..i) is emitted below, as part of this piece's run. */
		if (emit(mp, mp->delim, k) == -1)
			return n;
	}
	while (i < n && (cr = memchr(p + i, '\r', n - i)) != NULL) {
		i = (size_t)(cr - p);
		m = mp->dlen < n - i ? mp->dlen : n - i;
		if (memcmp(p + i, mp->delim, m) == 0) {
			if (emit(mp, p, i) == -1)
				return n;
			if (m == mp->dlen) {
				mp->state = S_DELIM;
				return i + m;
			}
			mp->held = m;
			return n;
		}
		i++;
	}
	emit(mp, p, n);
	return n;
}

/*
 * The header block is complete in mp->hdr (every line checked by
 * header(), the last one empty): find Content-Disposition and
 * Content-Type, check them and call part().  The strings handed to part()
 * are NUL-terminated in place, which is why that happens only after all
 * parsing: a NUL may overwrite the ';' or '"' after a value.
 */
static void
headers_done(struct pf_mp *mp)
{
	char *h = mp->hdr, *name = NULL, *fname = NULL;
	const char *s, *t, *end, *le, *v, *ve;
	const char *cd = NULL, *cde = NULL, *ct = NULL, *cte = NULL;
	size_t ls = 0, nlen = 0, flen = 0;
	struct pf_mp_part part;
	struct param p;
	int rc;

	/* The block ends in the empty line's CRLF, so every line has a CR. */
	while (ls < mp->hlen - 2) {
		s = h + ls;
		le = memchr(s, '\r', mp->hlen - ls);
		t = token(s, le);
		if (t == s || t == le || *t != ':')
			goto bad;
		v = ows(t + 1, le);
		for (ve = le; ve > v && (ve[-1] == ' ' || ve[-1] == '\t'); ve--)
			continue;
		if (named(s, (size_t)(t - s), "Content-Disposition")) {
			if (cd != NULL)
				goto bad;
			cd = v;
			cde = ve;
		} else if (named(s, (size_t)(t - s), "Content-Type")) {
			if (ct != NULL || v == ve)
				goto bad;
			ct = v;
			cte = ve;
		}
		ls = (size_t)(le - h) + 2;
	}
	if (cd == NULL)
		goto bad;
	end = cde;
	t = token(cd, end);
	if (!named(cd, (size_t)(t - cd), "form-data"))
		goto bad;
	s = t;
	while ((rc = param_next(&s, end, &p)) == 1) {
		/* Offsets into h: the buffer is ours to write, p's view is not. */
		if (named(p.key, p.klen, "name")) {
			if (name != NULL)
				goto bad;
			name = h + (p.val - h);
			nlen = p.vlen;
		} else if (named(p.key, p.klen, "filename")) {
			if (fname != NULL)
				goto bad;
			fname = h + (p.val - h);
			flen = p.vlen;
		}
		/* Others, filename* among them, are not ours to interpret. */
	}
	if (rc < 0 || name == NULL || nlen == 0 || !pf_utf8_valid(name, nlen) ||
	    (fname != NULL && !pf_utf8_valid(fname, flen)))
		goto bad;
	name[nlen] = '\0';
	if (fname != NULL)
		fname[flen] = '\0';
	part.name = name;
	part.filename = fname;
	part.ctype = NULL;
	if (ct != NULL) {
		h[cte - h] = '\0';
		part.ctype = h + (ct - h);
	}
	mp->state = S_BODY;
	mp->inpart = 1;
	if (mp->cb.part != NULL && mp->cb.part(mp->ctx, &part) != 0)
		fail(mp, PF_MP_STOPPED);
	return;
bad:
	fail(mp, PF_MP_MALFORMED);
}

/*
 * Header bytes [p, p+n) of a part; returns the bytes used, up to and
 * including the empty line that ends the block.  Each byte is checked as
 * it comes (CRLF only, no control characters but HTAB, no folding), so
 * headers_done() sees only well-formed lines.
 */
static size_t
header(struct pf_mp *mp, const unsigned char *p, size_t n)
{
	size_t i;
	unsigned char c;

	for (i = 0; i < n; i++) {
		c = p[i];
		if (mp->hlen == PF_MP_HEADER_MAX) {
			fail(mp, PF_MP_LIMIT);
			return n;
		}
		mp->hdr[mp->hlen++] = (char)c;
		if (mp->cr) {
			if (c != '\n')
				goto bad;
			mp->cr = 0;
			if (mp->hlen - mp->line == 2) {
				headers_done(mp);
				return i + 1;
			}
			mp->line = mp->hlen;
		} else if (c == '\r')
			mp->cr = 1;
		else if (c == '\n' || (c < 0x20 && c != '\t') || c == 0x7f)
			goto bad;
		else if (mp->hlen - 1 == mp->line && (c == ' ' || c == '\t'))
			goto bad;	/* obsolete line folding */
	}
	return n;
bad:
	fail(mp, PF_MP_MALFORMED);
	return n;
}

/* The delimiter line has ended: the previous part (if any) is complete. */
static void
part_end(struct pf_mp *mp)
{
	if (mp->inpart) {
		mp->inpart = 0;
		if (mp->cb.end != NULL && mp->cb.end(mp->ctx) != 0)
			fail(mp, PF_MP_STOPPED);
	}
}

/*
 * One byte after CRLF "--" boundary.  Only "--" (close) or optional
 * padding and CRLF may follow: anything else would make "--boundaryX" in
 * content a delimiter to one reader and content to another.
 */
static void
after_delim(struct pf_mp *mp, unsigned char c)
{
	switch (mp->state) {
	case S_DELIM:
		if (c == '-')
			mp->state = S_CLOSE;
		else if (c == ' ' || c == '\t')
			mp->state = S_PAD;
		else if (c == '\r')
			mp->state = S_PADLF;
		else
			fail(mp, PF_MP_MALFORMED);
		break;
	case S_CLOSE:
		if (c != '-') {
			fail(mp, PF_MP_MALFORMED);
			break;
		}
		mp->state = S_DONE;
		part_end(mp);
		break;
	case S_PAD:
		if (c == '\r')
			mp->state = S_PADLF;
		else if (c != ' ' && c != '\t')
			fail(mp, PF_MP_MALFORMED);
		break;
	case S_PADLF:
		if (c != '\n') {
			fail(mp, PF_MP_MALFORMED);
			break;
		}
		part_end(mp);
		if (mp->nparts == PF_MP_PARTS_MAX) {
			fail(mp, PF_MP_LIMIT);
			break;
		}
		mp->nparts++;
		mp->state = S_HEADERS;
		mp->hlen = mp->line = 0;
		mp->cr = 0;
		break;
	default:
		abort();
	}
}

enum pf_mperr
pf_mp_feed(struct pf_mp *mp, const void *buf, size_t n)
{
	const unsigned char *p = buf;
	size_t used;

	while (n > 0 && mp->err == PF_MP_OK) {
		switch (mp->state) {
		case S_PREAMBLE:
		case S_BODY:
			used = scan(mp, p, n);
			break;
		case S_HEADERS:
			used = header(mp, p, n);
			break;
		case S_DONE:
			return PF_MP_OK;	/* the epilogue, any amount */
		default:
			after_delim(mp, *p);
			used = 1;
			break;
		}
		p += used;
		n -= used;
	}
	return mp->err;
}

enum pf_mperr
pf_mp_finish(struct pf_mp *mp)
{
	if (mp->state != S_DONE)
		fail(mp, PF_MP_TRUNCATED);
	return mp->err;
}
