/*
 * Unit tests: the streaming multipart/form-data parser (lib/multipart.c).
 *
 * Every event the parser sends is written into one log (part headers in
 * <...>, content as it is, <E> at a part's end), so a test compares a
 * whole parse with one string, and a body fed in pieces must give the log
 * of the same body fed whole.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <cmocka.h>

#include "pforte.h"

#define B	"AaB03x"

struct rec {
	char	*log;
	size_t	 len, cap;
	size_t	 nparts;
	int	 stop_part;	/* stop in the n-th part(), 0 never */
	int	 stop_data;	/* stop in the first data() of the n-th part */
	int	 stop_end;	/* stop in the n-th end() */
	size_t	 nend;
	int	 data_seen;	/* data() called in the current part */
};

static void
rec_add(struct rec *r, const void *s, size_t n)
{
	if (r->cap - r->len < n + 1) {
		r->cap = (r->len + n + 1) * 2;
		r->log = realloc(r->log, r->cap);
		assert_non_null(r->log);
	}
	memcpy(r->log + r->len, s, n);
	r->len += n;
	r->log[r->len] = '\0';
}

static void
rec_str(struct rec *r, const char *s)
{
	rec_add(r, s, strlen(s));
}

static int
cb_part(void *ctx, const struct pf_mp_part *p)
{
	struct rec *r = ctx;

	r->nparts++;
	r->data_seen = 0;
	rec_str(r, "<");
	rec_str(r, p->name);
	rec_str(r, "|");
	rec_str(r, p->filename != NULL ? p->filename : "-");
	rec_str(r, "|");
	rec_str(r, p->ctype != NULL ? p->ctype : "-");
	rec_str(r, ">");
	return r->stop_part != 0 && (size_t)r->stop_part == r->nparts;
}

static int
cb_data(void *ctx, const void *s, size_t n)
{
	struct rec *r = ctx;

	assert_true(n > 0);
	rec_add(r, s, n);
	if (r->stop_data != 0 && (size_t)r->stop_data == r->nparts && !r->data_seen)
		return 1;
	r->data_seen = 1;
	return 0;
}

static int
cb_end(void *ctx)
{
	struct rec *r = ctx;

	r->nend++;
	rec_str(r, "<E>");
	return r->stop_end != 0 && (size_t)r->stop_end == r->nend;
}

static const struct pf_mp_cb cbs = { cb_part, cb_data, cb_end };

static void
rec_free(struct rec *r)
{
	free(r->log);
	memset(r, 0, sizeof(*r));
}

/*
 * Parse body in the pieces [0, a), [a, b), [b, n) into r; returns what
 * pf_mp_finish says.  Once a piece fails, every later call must say so.
 */
static enum pf_mperr
parse3(const char *body, size_t n, size_t a, size_t b, struct rec *r)
{
	struct pf_mp *mp = pf_mp_new(B, &cbs, r);
	enum pf_mperr e, first = PF_MP_OK;
	size_t cut[4] = { 0, a, b, n }, i;

	assert_non_null(mp);
	rec_str(r, "");
	for (i = 0; i < 3; i++) {
		e = pf_mp_feed(mp, body + cut[i], cut[i + 1] - cut[i]);
		if (first != PF_MP_OK)
			assert_int_equal(e, first);
		first = e;
	}
	e = pf_mp_finish(mp);
	if (first != PF_MP_OK)
		assert_int_equal(e, first);
	assert_int_equal(pf_mp_feed(mp, "x", 1), e);
	assert_int_equal(pf_mp_finish(mp), e);
	pf_mp_free(mp);
	return e;
}

static enum pf_mperr
parse(const char *body, struct rec *r)
{
	size_t n = strlen(body);

	return parse3(body, n, n, n, r);
}

/* Byte by byte. */
static enum pf_mperr
parse1(const char *body, size_t n, struct rec *r)
{
	struct pf_mp *mp = pf_mp_new(B, &cbs, r);
	enum pf_mperr e;
	size_t i;

	assert_non_null(mp);
	rec_str(r, "");
	for (i = 0; i < n; i++)
		pf_mp_feed(mp, body + i, 1);
	e = pf_mp_finish(mp);
	pf_mp_free(mp);
	return e;
}

/* The parse result of body alone, for the table tests. */
static enum pf_mperr
result(const char *body)
{
	struct rec r = { 0 };
	enum pf_mperr e = parse(body, &r);

	rec_free(&r);
	return e;
}

static const char form[] =
	"--" B "\r\n"
	"Content-Disposition: form-data; name=\"user\"\r\n"
	"\r\n"
	"Joe Blow\r\n"
	"--" B "\r\n"
	"content-disposition: Form-Data; NAME=\"note\"\r\n"
	"X-Other: ignored\r\n"
	"\r\n"
	"two\r\nlines\r\n"
	"--" B "\r\n"
	"Content-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n"
	"Content-Type:  text/plain; charset=utf-8 \r\n"
	"\r\n"
	"...contents of a.txt...\r\n"
	"--" B "--\r\n";

static const char form_log[] =
	"<user|-|->Joe Blow<E>"
	"<note|-|->two\r\nlines<E>"
	"<file|a.txt|text/plain; charset=utf-8>...contents of a.txt...<E>";

/*
 * Boundary lookalikes in content: a partial delimiter, the boundary
 * without CRLF "--" before it, CR CR LF, content ending in CRLF "-"; and a
 * preamble, transport padding and an epilogue.
 */
#define C1	"\r\n--AaB03 x--" B "y\r\n-" B "--" B " and " B "\r\r\n-\r\n--\r\n\r\n-"
#define C2	"\r\n-"

static const char tricky[] =
	"preamble, not a part\r\n--AaB03\r\n"
	"\r\n--" B " \t\r\n"
	"Content-Disposition: form-data; name=\"f\"; filename=\"\xc3\xa4.bin\"\r\n"
	"Content-Type: application/octet-stream\r\n"
	"\r\n"
	C1 "\r\n--" B "\r\n"
	"Content-Disposition: form-data; name=\"t\"\r\n"
	"\r\n"
	C2 "\r\n--" B "--epilogue\r\n--" B "\r\nignored";

static const char tricky_log[] =
	"<f|\xc3\xa4.bin|application/octet-stream>" C1 "<E><t|-|->" C2 "<E>";

static void
t_form(void **state)
{
	struct rec r = { 0 };

	assert_int_equal(parse(form, &r), PF_MP_OK);
	assert_string_equal(r.log, form_log);
	assert_int_equal(r.nparts, 3);
	assert_int_equal(r.nend, 3);
	rec_free(&r);
}

static void
t_empty(void **state)
{
	static const char body[] =
		"--" B "\r\n"
		"Content-Disposition: form-data; name=\"file\"; filename=\"\"\r\n"
		"Content-Type: application/octet-stream\r\n"
		"\r\n"
		"\r\n--" B "\r\n"
		"Content-Disposition: form-data; name=empty\r\n"
		"\r\n"
		"\r\n--" B "--";
	struct rec r = { 0 };

	assert_int_equal(parse(body, &r), PF_MP_OK);
	assert_string_equal(r.log, "<file||application/octet-stream><E><empty|-|-><E>");
	rec_free(&r);
	/* No part at all is an empty form. */
	assert_int_equal(result("--" B "--\r\n"), PF_MP_OK);
	assert_int_equal(result("\r\n--" B "--"), PF_MP_OK);
}

static void
t_lookalikes(void **state)
{
	struct rec r = { 0 };

	assert_int_equal(parse(tricky, &r), PF_MP_OK);
	assert_string_equal(r.log, tricky_log);
	rec_free(&r);
}

/* Pieces of any size give the events of the whole body. */
static void
split_all(const char *body)
{
	struct rec whole = { 0 }, r = { 0 };
	size_t n = strlen(body), a, b;
	enum pf_mperr e = parse(body, &whole);

	for (a = 0; a <= n; a++) {
		for (b = a; b <= n; b++) {
			r.len = 0;
			assert_int_equal(parse3(body, n, a, b, &r), e);
			assert_int_equal(r.len, whole.len);
			assert_memory_equal(r.log, whole.log, whole.len);
		}
	}
	r.len = 0;
	assert_int_equal(parse1(body, n, &r), e);
	assert_string_equal(r.log, whole.log);
	rec_free(&r);
	rec_free(&whole);
}

static void
t_splits(void **state)
{
	split_all(form);
	split_all(tricky);
	/* Errors, too, come at the same byte whatever the pieces. */
	split_all("--" B "\r\nContent-Disposition: form-data; name=a\r\n\r\n"
	    "data\r\n--" B "x");
	split_all("--" B "\r\nContent-Disposition: form-data; name=a\r\n\r\n"
	    "data\r\n--" B "\r\nContent-Disposition: form-data; name=\"a\"; "
	    "name=b\r\n\r\n");
}

/* A body cut anywhere before the close delimiter is never complete. */
static void
t_truncated(void **state)
{
	const char *bodies[] = { form, tricky };
	struct rec r = { 0 };
	struct pf_mp *mp;
	const char *end;
	size_t i, n, cut, close;
	enum pf_mperr e;

	for (i = 0; i < 2; i++) {
		n = strlen(bodies[i]);
		/* The first CRLF "--" boundary "--" is the close delimiter. */
		end = strstr(bodies[i], "\r\n--" B "--");
		assert_non_null(end);
		close = (size_t)(end - bodies[i]) + strlen("\r\n--" B "--");
		for (cut = 0; cut <= n; cut++) {
			mp = pf_mp_new(B, &cbs, &r);
			pf_mp_feed(mp, bodies[i], cut);
			e = pf_mp_finish(mp);
			if (cut < close)
				assert_true(e == PF_MP_TRUNCATED || e == PF_MP_MALFORMED);
			else
				assert_int_equal(e, PF_MP_OK);
			pf_mp_free(mp);
			r.len = 0;
		}
	}
	assert_int_equal(result(""), PF_MP_TRUNCATED);
	rec_free(&r);
}

#define PART(cd)	"--" B "\r\n" cd "\r\n\r\nv\r\n--" B "--"

static void
t_malformed(void **state)
{
	static const char *const bad[] = {
		/* headers */
		"--" B "\r\n\r\nv\r\n--" B "--",
		PART("Content-Type: text/plain"),
		PART("Content-Disposition: form-data"),
		PART("Content-Disposition: form-data; name=\"\""),
		PART("Content-Disposition: form-data; filename=\"a\""),
		PART("Content-Disposition: attachment; name=\"a\""),
		PART("Content-Disposition: form-datax; name=\"a\""),
		PART("Content-Disposition: form-data; name=\"a\"; name=\"b\""),
		PART("Content-Disposition: form-data; name=\"a\"; Name=a"),
		PART("Content-Disposition: form-data; name=a; filename=x; filename=y"),
		PART("Content-Disposition: form-data; name=\"a\"\r\n"
		    "Content-Disposition: form-data; name=\"b\""),
		PART("Content-Disposition: form-data; name=\"a\"\r\n"
		    "Content-Type: text/plain\r\nContent-Type: text/html"),
		PART("Content-Disposition: form-data; name=\"a\"\r\nContent-Type:"),
		PART("Content-Disposition: form-data; name=\"a"),
		PART("Content-Disposition: form-data; name=\"a\"x"),
		PART("Content-Disposition: form-data; name=a b"),
		PART("Content-Disposition: form-data; name = a"),
		PART("Content-Disposition: form-data; name="),
		PART("Content-Disposition: form-data; name=\"a\";"),
		PART("Content-Disposition: form-data;; name=\"a\""),
		PART("Content-Disposition: form-data name=\"a\""),
		PART("Content-Disposition: form-data; name=\"\xc3\x28\""),
		PART("Content-Disposition: form-data; name=\"a\"; filename=\"\xff\""),
		PART("Content-Disposition: form-data; name=\"a\x01\""),
		PART("Content-Disposition: form-data; name=\"a\x7f\""),
		PART("Content-Disposition : form-data; name=\"a\""),
		PART("Content-Disposition form-data; name=\"a\""),
		PART(": x\r\nContent-Disposition: form-data; name=\"a\""),
		/* obsolete line folding */
		PART("Content-Disposition: form-data;\r\n name=\"a\""),
		PART("Content-Disposition: form-data; name=\"a\"\r\n\tX: y"),
		PART(" Content-Disposition: form-data; name=\"a\""),
		/* line ends */
		PART("Content-Disposition: form-data; name=\"a\"\nX: y"),
		PART("Content-Disposition: form-data; name=\"a\"\rX: y"),
		"--" B "\r\nContent-Disposition: form-data; name=a\n\nv\r\n--" B "--",
		"--" B "\r\nContent-Disposition: form-data; name=a\r\n\nv\r\n--" B "--",
		/* the delimiter line */
		"--" B "\nContent-Disposition: form-data; name=a\r\n\r\nv\r\n--" B "--",
		"--" B "x\r\nContent-Disposition: form-data; name=a\r\n\r\nv\r\n--" B "--",
		"--" B "\r\nContent-Disposition: form-data; name=a\r\n\r\nv\r\n--" B "-x",
		"--" B "\r\nContent-Disposition: form-data; name=a\r\n\r\nv\r\n--" B "X",
		"--" B " x\r\nContent-Disposition: form-data; name=a\r\n\r\nv\r\n--" B "--",
		"--" B " \r \nContent-Disposition: form-data; name=a\r\n\r\nv\r\n--" B "--",
	};
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (result(bad[i]) != PF_MP_MALFORMED)
			fail_msg("bad[%zu] accepted: %s", i, bad[i]);
	}
	/* The same, accepted when well-formed. */
	assert_int_equal(result(PART("Content-Disposition: form-data; name=a")), PF_MP_OK);
	assert_int_equal(result(PART("CONTENT-DISPOSITION:form-data;name=a;filename*=x\t")),
	    PF_MP_OK);
	/* After the close delimiter comes the epilogue, whatever it is. */
	assert_int_equal(result(PART("Content-Disposition: form-data; name=a") "x\n\0"),
	    PF_MP_OK);
}

static void
t_nul(void **state)
{
	static const char body[] = PART("Content-Disposition: form-data; name=\"a\0b\"");
	static const char hdr[] = PART("X-A: \0\r\nContent-Disposition: form-data; name=a");
	static const char data[] = "--" B "\r\nContent-Disposition: form-data; name=a\r\n\r\n"
	    "\0\r\n--" B "--";
	struct rec r = { 0 };

	/* strlen() would stop at the NUL: feed the whole arrays. */
	assert_int_equal(parse3(body, sizeof(body) - 1, 9, 50, &r), PF_MP_MALFORMED);
	assert_int_equal(parse3(hdr, sizeof(hdr) - 1, 0, 0, &r), PF_MP_MALFORMED);
	assert_int_equal(r.nparts, 0);
	/* In content, a NUL is just a byte. */
	r.len = 0;
	assert_int_equal(parse3(data, sizeof(data) - 1, 0, 0, &r), PF_MP_OK);
	assert_int_equal(r.len, 11);
	assert_memory_equal(r.log, "<a|-|->\0<E>", 11);
	rec_free(&r);
}

/* A body with a header block of exactly n bytes (CRLFs included). */
static char *
big_header(size_t n)
{
	static const char cd[] = "Content-Disposition: form-data; name=a\r\nX: ";
	size_t pad = n - strlen(cd) - 4;
	char *s = malloc(n + 64);

	assert_non_null(s);
	strcpy(s, "--" B "\r\n");
	strcat(s, cd);
	memset(s + strlen(s), 'y', pad);
	strcpy(s + strlen("--" B "\r\n") + strlen(cd) + pad, "\r\n\r\nv\r\n--" B "--");
	return s;
}

static void
t_limits(void **state)
{
	char *s, *p;
	size_t i;

	s = big_header(PF_MP_HEADER_MAX);
	assert_int_equal(result(s), PF_MP_OK);
	free(s);
	s = big_header(PF_MP_HEADER_MAX + 1);
	assert_int_equal(result(s), PF_MP_LIMIT);
	free(s);

	/* 64 parts pass, 65 do not. */
	s = malloc(70 * 64 + 64);
	assert_non_null(s);
	for (p = s, i = 0; i < PF_MP_PARTS_MAX + 1; i++)
		p += sprintf(p, "--" B "\r\nContent-Disposition: form-data; name=p%zu\r\n\r\n"
		    "%zu\r\n", i, i);
	strcpy(p, "--" B "--");
	assert_int_equal(result(s), PF_MP_LIMIT);
	p = strstr(s, "--" B "\r\nContent-Disposition: form-data; name=p64\r\n");
	assert_non_null(p);
	strcpy(p, "--" B "--");
	assert_int_equal(result(s), PF_MP_OK);
	free(s);

	/* A preamble of 8 KiB is skipped, one byte more is refused. */
	s = malloc(8192 + 64);
	assert_non_null(s);
	memset(s, 'p', 8192);
	strcpy(s + 8192, "\r\n--" B "--");
	assert_int_equal(result(s), PF_MP_OK);
	memset(s, 'p', 8193);
	strcpy(s + 8193, "\r\n--" B "--");
	assert_int_equal(result(s), PF_MP_LIMIT);
	free(s);
}

static void
t_stop(void **state)
{
	struct rec r = { 0 };

	r.stop_part = 2;
	assert_int_equal(parse(form, &r), PF_MP_STOPPED);
	assert_string_equal(r.log, "<user|-|->Joe Blow<E><note|-|->");
	rec_free(&r);
	r.stop_data = 3;
	assert_int_equal(parse(form, &r), PF_MP_STOPPED);
	assert_int_equal(r.nparts, 3);
	assert_int_equal(r.nend, 2);
	rec_free(&r);
	r.stop_end = 1;
	assert_int_equal(parse(form, &r), PF_MP_STOPPED);
	assert_string_equal(r.log, "<user|-|->Joe Blow<E>");
	rec_free(&r);
	r.stop_end = 3;
	assert_int_equal(parse(form, &r), PF_MP_STOPPED);
	rec_free(&r);
}

static void
t_new(void **state)
{
	char b71[72];

	assert_null(pf_mp_new(NULL, &cbs, NULL));
	assert_null(pf_mp_new("", &cbs, NULL));
	assert_null(pf_mp_new("a\r\nb", &cbs, NULL));
	assert_null(pf_mp_new("ends in space ", &cbs, NULL));
	memset(b71, 'b', 71);
	b71[71] = '\0';
	assert_null(pf_mp_new(b71, &cbs, NULL));
	b71[70] = '\0';
	pf_mp_free(pf_mp_new(b71, NULL, NULL));
	pf_mp_free(NULL);
	assert_string_equal(pf_mperr_str(PF_MP_OK), "ok");
	assert_string_equal(pf_mperr_str(PF_MP__MAX), "unknown");
	assert_true(strlen(pf_mperr_str(PF_MP_TRUNCATED)) > 2);
}

static void
t_boundary(void **state)
{
	static const struct {
		const char	*ctype;
		const char	*want;	/* NULL: refused */
	} c[] = {
		{ "multipart/form-data; boundary=AaB03x", "AaB03x" },
		{ "multipart/form-data;boundary=AaB03x", "AaB03x" },
		{ "Multipart/Form-Data; BOUNDARY=\"a b:c?\"", "a b:c?" },
		{ " multipart/form-data ;\tboundary=----WebKitFormBoundary7MA4YWxkTrZu0gW ",
		    "----WebKitFormBoundary7MA4YWxkTrZu0gW" },
		{ "multipart/form-data; charset=utf-8; boundary=x; a=\"b;c\"", "x" },
		{ "multipart/form-data; boundary=\"'()+_,-./:=?\"", "'()+_,-./:=?" },
		{ "multipart/form-data; boundary=\"01234567890123456789012345678901234567890123456789012345678901234567890\"",
		    NULL },	/* 71 */
		{ "multipart/form-data; boundary=0123456789012345678901234567890123456789012345678901234567890123456789",
		    "0123456789012345678901234567890123456789012345678901234567890123456789" },
		{ "multipart/form-data; boundary=", NULL },
		{ "multipart/form-data; boundary=\"\"", NULL },
		{ "multipart/form-data; boundary=\"a \"", NULL },
		{ "multipart/form-data; boundary=\"a\\b\"", NULL },
		{ "multipart/form-data; boundary=\"a\tb\"", NULL },
		{ "multipart/form-data; boundary=\"a\"b", NULL },
		{ "multipart/form-data; boundary=a@b", NULL },
		{ "multipart/form-data; boundary=\"a@b\"", NULL },
		{ "multipart/form-data; boundary=\"abc", NULL },
		{ "multipart/form-data; boundary=a; boundary=a", NULL },
		{ "multipart/form-data; boundary=a;", NULL },
		{ "multipart/form-data", NULL },
		{ "multipart/form-data; charset=utf-8", NULL },
		{ "multipart/form-datax; boundary=a", NULL },
		{ "multipart/mixed; boundary=a", NULL },
		{ "application/x-www-form-urlencoded", NULL },
		{ "text/plain; boundary=a", NULL },
		{ "", NULL },
		{ NULL, NULL },
	};
	char out[PF_MP_BOUNDARY_MAX + 1];
	size_t i;

	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		memset(out, 'z', sizeof(out));
		if (c[i].want == NULL) {
			if (pf_mp_boundary(c[i].ctype, out) != -1)
				fail_msg("c[%zu] accepted: %s", i, c[i].ctype);
			assert_string_equal(out, "");
		} else {
			if (pf_mp_boundary(c[i].ctype, out) != 0)
				fail_msg("c[%zu] refused: %s", i, c[i].ctype);
			assert_string_equal(out, c[i].want);
		}
	}
}

/*
 * The memory check: a 64 MiB file in 64 KiB pieces.  Content must leave
 * as slices of the piece being fed (no copy), apart from held-back
 * delimiter prefixes, which are shorter than the delimiter; and after
 * every piece at most that much content may still be held back.  Then the
 * parser holds nothing in proportion to the content, whatever it
 * allocated at pf_mp_new().
 */
#define BIG_PIECE	(64 * 1024)
#define BIG_BLOCKS	1024

struct big {
	const unsigned char	*piece;		/* being fed */
	size_t			 piecelen;
	size_t			 total;		/* content bytes received */
	uint32_t		 hash;		/* FNV-1a of them */
	size_t			 copies;	/* bytes not from the piece */
	int			 parts, ends;
};

static int
big_part(void *ctx, const struct pf_mp_part *p)
{
	struct big *g = ctx;

	g->parts++;
	return strcmp(p->name, "big") != 0;
}

static int
big_data(void *ctx, const void *s, size_t n)
{
	struct big *g = ctx;
	const unsigned char *c = s;
	size_t i;

	if (c < g->piece || c + n > g->piece + g->piecelen) {
		/* Only a held-back delimiter prefix may come from elsewhere. */
		if (n >= sizeof("\r\n--" B) - 1)
			return 1;
		g->copies += n;
	}
	for (i = 0; i < n; i++)
		g->hash = (g->hash ^ c[i]) * 16777619u;
	g->total += n;
	return 0;
}

static int
big_end(void *ctx)
{
	((struct big *)ctx)->ends++;
	return 0;
}

static void
t_memory(void **state)
{
	static const char head[] = "--" B "\r\n"
	    "Content-Disposition: form-data; name=\"big\"; filename=\"big.bin\"\r\n\r\n";
	static const char tail[] = "\r\n--" B "--\r\n";
	const struct pf_mp_cb bcb = { big_part, big_data, big_end };
	const size_t hlen = sizeof(head) - 1, clen = (size_t)BIG_BLOCKS * BIG_PIECE;
	const size_t total = hlen + clen + sizeof(tail) - 1;
	const size_t dlen = sizeof("\r\n--" B) - 1;
	unsigned char *block, *piece;
	struct big g = { .hash = 2166136261u };
	uint32_t want = 2166136261u;
	struct pf_mp *mp;
	size_t off, n, i, fed, k;

	/* One block of content, repeated: lines, and lookalikes cut at
	 * every length, so some straddle the pieces. */
	block = malloc(BIG_PIECE);
	piece = malloc(BIG_PIECE);
	assert_non_null(block);
	assert_non_null(piece);
	for (i = 0, k = 0; i < BIG_PIECE; k++) {
		static const char look[] = "\r\n--" B;
		size_t l = k % (sizeof(look) - 1);

		n = 97 + k % 13;
		if (i + n + l > BIG_PIECE)
			break;
		/* Digits: "\r\n--AaB03" and a run of them is never a delimiter. */
		memset(block + i, '0' + (int)(k % 10), n);
		memcpy(block + i + n, look, l);
		i += n + l;
	}
	memset(block + i, '.', BIG_PIECE - i);
	for (i = 0; i < BIG_BLOCKS; i++)
		for (k = 0; k < BIG_PIECE; k++)
			want = (want ^ block[k]) * 16777619u;

	mp = pf_mp_new(B, &bcb, &g);
	assert_non_null(mp);
	for (off = 0; off < total; off += n) {
		n = total - off < BIG_PIECE ? total - off : BIG_PIECE;
		for (i = 0; i < n; i++) {
			size_t o = off + i;

			if (o < hlen)
				piece[i] = (unsigned char)head[o];
			else if (o < hlen + clen)
				piece[i] = block[(o - hlen) % BIG_PIECE];
			else
				piece[i] = (unsigned char)tail[o - hlen - clen];
		}
		g.piece = piece;
		g.piecelen = n;
		assert_int_equal(pf_mp_feed(mp, piece, n), PF_MP_OK);
		fed = off + n < hlen ? 0 : off + n - hlen;
		if (fed > clen)
			fed = clen;
		/* At most the delimiter's length is held back. */
		assert_true(g.total + dlen >= fed);
		/* The piece is the caller's again: scribble over it. */
		memset(piece, 0xee, n);
	}
	assert_int_equal(pf_mp_finish(mp), PF_MP_OK);
	pf_mp_free(mp);
	assert_int_equal(g.parts, 1);
	assert_int_equal(g.ends, 1);
	assert_true(g.total == clen);
	assert_int_equal(g.hash, want);
	assert_true(g.copies < clen / 100);
	free(block);
	free(piece);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(t_form),
		cmocka_unit_test(t_empty),
		cmocka_unit_test(t_lookalikes),
		cmocka_unit_test(t_splits),
		cmocka_unit_test(t_truncated),
		cmocka_unit_test(t_malformed),
		cmocka_unit_test(t_nul),
		cmocka_unit_test(t_limits),
		cmocka_unit_test(t_stop),
		cmocka_unit_test(t_new),
		cmocka_unit_test(t_boundary),
		cmocka_unit_test(t_memory),
	};

	return cmocka_run_group_tests_name("multipart", tests, NULL, NULL);
}
