/*
 * upload.c: the body of an upload page, read in pieces.
 *
 * A form that uploads a file is multipart/form-data and may be far larger
 * than any body the pipeline buffers.  Its text fields come first (the
 * browser sends parts in the form's order, and our forms put the file
 * last); they are collected, bound to the page's declared fields with the
 * same validators as any form, and the form token is checked, all before
 * the file's first byte reaches the program.  The file then flows through
 * the program's callbacks 64 KiB at a time, so memory does not grow with
 * its size.
 */
#include <stdlib.h>

#include "pf-int.h"

#define READ_PIECE	65536
/* Delimiters and part headers besides the fields and the file. */
#define FRAMING_SLACK	(16 * 1024)

struct up {
	struct pf_req			*r;
	const struct pf_upload_ops	*ops;
	void				*ctx;
	const char			*file;		/* the file field's name */
	long long			 max, got;
	struct pf_pair			*pairs;		/* text fields so far */
	size_t				 npairs, maxpairs;
	struct pf_buf			 val;		/* the text field being read */
	const char			*name;		/* ... and its name */
	size_t				 textbytes, maxtext;
	enum { BEFORE, IN_FILE, AFTER } where;
	int				 status;	/* why a callback stopped */
};

static int
stop(struct up *u, int status, const char *why)
{
	pf_log(u->r, PF_LOG_INFO, "upload refused (%d): %s", status, why);
	u->status = status;
	return 1;
}

static int
controls(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return 1;
	return 0;
}

static int
on_part(void *ctx, const struct pf_mp_part *pt)
{
	struct up *u = ctx;
	int rc;

	if (u->where != BEFORE)
		return stop(u, 400, "a part after the file");
	if (pt->filename == NULL) {
		if (strcmp(pt->name, u->file) == 0)
			return stop(u, 400, "the file field without a file");
		if (u->npairs == u->maxpairs)
			return stop(u, 413, "too many fields");
		u->name = pf_pstrdup(u->r->pool, pt->name);
		pf_buf_reset(&u->val);
		return 0;
	}
	if (strcmp(pt->name, u->file) != 0)
		return stop(u, 400, "a file in another field");
	if (controls(pt->filename))
		return stop(u, 400, "control characters in the file name");
	if ((rc = pf_req_bind(u->r, u->pairs, u->npairs)) != 0)
		return stop(u, rc, "a field did not validate");
	if (!pf_csrf_check(u->r)) {
		pf_log(u->r, PF_LOG_WARN, "refused an upload without a valid form token");
		return stop(u, 403, "form token");
	}
	u->where = IN_FILE;
	if ((rc = u->ops->begin(u->r, u->ctx, pt->filename)) != 0)
		return stop(u, rc, "the program refused the file");
	return 0;
}

static int
on_data(void *ctx, const void *p, size_t n)
{
	struct up *u = ctx;
	int rc;

	if (u->where == IN_FILE) {
		u->got += (long long)n;
		if (u->got > u->max)
			return stop(u, 413, "file larger than allowed");
		if ((rc = u->ops->data(u->r, u->ctx, p, n)) != 0)
			return stop(u, rc, "the program refused the content");
		return 0;
	}
	u->textbytes += n;
	if (u->textbytes > u->maxtext)
		return stop(u, 413, "fields larger than allowed");
	pf_buf_add(&u->val, p, n);
	return 0;
}

static int
on_end(void *ctx)
{
	struct up *u = ctx;

	if (u->where == IN_FILE) {
		u->where = AFTER;
		return 0;
	}
	u->pairs[u->npairs].name = u->name;
	u->pairs[u->npairs].val = u->val.data ? pf_pstrndup(u->r->pool, u->val.data,
	    u->val.len) : "";
	u->pairs[u->npairs].vlen = u->val.len;
	u->npairs++;
	return 0;
}

/* What the body's declared length allows: 0, or the status. */
static int
length_ok(struct up *u, long long *len)
{
	int rc;

	if ((rc = pf_req_length(u->r, len)) != 0)
		return rc;
	if (*len < 0)
		return 411;	/* not a POST: pf_req_length lets it pass */
	if (*len > u->max + (long long)u->maxtext + FRAMING_SLACK) {
		pf_log(u->r, PF_LOG_INFO, "upload refused (413): %lld bytes announced", *len);
		return 413;
	}
	return 0;
}

static int
mp_status(struct up *u, enum pf_mperr e)
{
	switch (e) {
	case PF_MP_OK:
		return 0;
	case PF_MP_STOPPED:
		return u->status ? u->status : 400;
	case PF_MP_LIMIT:
		pf_log(u->r, PF_LOG_INFO, "upload refused (413): %s", pf_mperr_str(e));
		return 413;
	default:
		pf_log(u->r, PF_LOG_INFO, "upload refused (400): %s", pf_mperr_str(e));
		return 400;
	}
}

int
pf_upload(struct pf_req *r, const char *file, long long max,
    const struct pf_upload_ops *ops, void *ctx)
{
	static const struct pf_mp_cb cb = { on_part, on_data, on_end };
	char boundary[PF_MP_BOUNDARY_MAX + 1];
	const char *ct = pf_req_env(r, "CONTENT_TYPE");
	struct up u;
	struct pf_mp *mp;
	long long len, left;
	unsigned char *buf;
	size_t want, got;
	int rc;

	memset(&u, 0, sizeof(u));
	u.r = r;
	u.ops = ops;
	u.ctx = ctx;
	u.file = file;
	u.max = max;
	u.maxtext = (size_t)pf_conf_int("Limits.Body");
	u.maxpairs = (size_t)pf_conf_int("Limits.Fields");
	u.pairs = pf_palloc(r->pool, u.maxpairs * sizeof(*u.pairs));
	if ((rc = length_ok(&u, &len)) != 0)
		return rc;
	if (ct == NULL || pf_mp_boundary(ct, boundary) < 0)
		return 415;
	if ((mp = pf_mp_new(boundary, &cb, &u)) == NULL)
		return 415;
	buf = pf_xmalloc(READ_PIECE);
	rc = 0;
	for (left = len; left > 0 && rc == 0; left -= (long long)got) {
		want = left > READ_PIECE ? READ_PIECE : (size_t)left;
		if ((got = r->io->read(r->io, buf, want)) == 0) {
			pf_log(r, PF_LOG_INFO, "upload refused (400): the body ended after "
			    "%lld of %lld bytes", len - left, len);
			rc = 400;
			break;
		}
		rc = mp_status(&u, pf_mp_feed(mp, buf, got));
	}
	if (rc == 0)
		rc = mp_status(&u, pf_mp_finish(mp));
	if (rc == 0 && u.where != AFTER) {
		pf_log(r, PF_LOG_INFO, "upload refused (400): no file part");
		rc = 400;
	}
	if (rc == 0)
		rc = ops->end(r, ctx);
	pf_mp_free(mp);
	free(buf);
	pf_buf_free(&u.val);
	return rc;
}
