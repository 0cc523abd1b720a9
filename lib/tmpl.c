/*
 * tmpl.c: a thin layer over ClearSilver.
 *
 * Config.VarEscapeMode = html is set in the data before cs_init(), so
 * every <?cs var: ?> is HTML-escaped; templates switch to another context
 * explicitly (url_escape(), <?cs escape: "js" ?>).
 *
 * Parsing was most of a page's cost, so each template is parsed once per
 * process and then rendered for every request against that request's data
 * (CSPARSE.hdf) with the language strings as ClearSilver's global fallback
 * (CSPARSE.global_hdf, under "L.").  Both are fields of ClearSilver's
 * public struct; its upstream is dead and Debian's 0.10.5 is what we
 * build on.  The escaping mode is fixed when the template is parsed.
 *
 * Mail bodies are plain text: HTML escaping would put "&amp;" into every
 * link.  They are parsed with a second HDF whose Config.VarEscapeMode is
 * "none" and cached apart, so no page template is ever parsed that way.
 */
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>

#include <ClearSilver.h>

#include "pf-int.h"

#define NLANGS 2

static HDF *lang_hdf[NLANGS];	/* the language files as they are */
static HDF *lang_global[NLANGS];	/* the same below "L.", for templates */
static HDF *parse_hdf;		/* what templates are parsed with */
static HDF *text_hdf;		/* the same without escaping, for mail */
static char tmpldir[1024];

struct cached {
	char	 name[64];
	CSPARSE	*cs;
};
#define NCACHED 32	/* the largest program has about 20 pages */
static struct cached cached[NCACHED];
#define NTEXT 8
static struct cached textcached[NTEXT];

/* The portal's navigation: the status page for everybody, the rest for
 * signed-in users (level 1) and those who may administer something (2). */
static const struct { const char *path, *label, *icon; int level; } nav[] = {
	{ "/", "Nav.Home", "home", 1 },
	{ "/profile", "Nav.Profile", "user", 1 },
	{ "/documents", "Nav.Documents", "doc", 1 },
	{ "/roles", "Nav.Roles", "key", 1 },
	{ "/apps", "Nav.Apps", "app", 1 },	/* the app tray (token-tray.c) */
	{ "/admin", "Nav.Admin", "shield", 2 },
	{ "/status", "Nav.Status", "status", 0 },
};

static int
lang_index(const char *lang)
{
	int i;

	for (i = 0; i < NLANGS; i++)
		if (lang != NULL && strcmp(pf_langs[i], lang) == 0)
			return i;
	return 0;
}

static void
nerr_to(NEOERR **nerr, char *err, size_t errsz, const char *what)
{
	STRING s;

	string_init(&s);
	nerr_error_string(*nerr, &s);
	snprintf(err, errsz, "%s: %s", what, s.buf ? s.buf : "?");
	string_clear(&s);
	nerr_ignore(nerr);
}

/*
 * A language is its file (lang/de.hdf: the layout, errors, sign-in) and
 * the parts of the programs in its folder (lang/de/NAME.hdf), read in name
 * order, so each program keeps its strings next to no other's.  path
 * holds the main file and, on failure, the file that failed.
 */
static NEOERR *
read_lang(HDF *h, char *path, size_t pathsz)
{
	NEOERR *nerr;
	glob_t g;
	size_t i, n = strlen(path);

	if ((nerr = hdf_read_file(h, path)) != STATUS_OK)
		return nerr;
	snprintf(path + n - 4, pathsz - n + 4, "/*.hdf");
	if (glob(path, 0, NULL, &g) != 0)
		return STATUS_OK;	/* no parts */
	for (i = 0; i < g.gl_pathc && nerr == STATUS_OK; i++) {
		snprintf(path, pathsz, "%s", g.gl_pathv[i]);
		nerr = hdf_read_file(h, path);
	}
	globfree(&g);
	return nerr;
}

int
pf_tmpl_init(char *err, size_t errsz)
{
	NEOERR *nerr;
	char path[1200];
	int i;

	snprintf(tmpldir, sizeof(tmpldir), "%s", pf_conf_str("Portal.Templates"));
	for (i = 0; i < NLANGS; i++) {
		snprintf(path, sizeof(path), "%s/lang/%s.hdf", tmpldir, pf_langs[i]);
		if ((nerr = hdf_init(&lang_hdf[i])) == STATUS_OK)
			nerr = read_lang(lang_hdf[i], path, sizeof(path));
		if (nerr == STATUS_OK && (nerr = hdf_init(&lang_global[i])) == STATUS_OK)
			nerr = hdf_copy(lang_global[i], "L", lang_hdf[i]);
		if (nerr != STATUS_OK) {
			nerr_to(&nerr, err, errsz, path);
			return -1;
		}
	}
	if ((nerr = hdf_init(&parse_hdf)) == STATUS_OK &&
	    (nerr = hdf_set_value(parse_hdf, "Config.VarEscapeMode", "html")) == STATUS_OK)
		nerr = hdf_set_value(parse_hdf, "hdf.loadpaths.0", tmpldir);
	if (nerr == STATUS_OK && (nerr = hdf_init(&text_hdf)) == STATUS_OK &&
	    (nerr = hdf_set_value(text_hdf, "Config.VarEscapeMode", "none")) == STATUS_OK)
		nerr = hdf_set_value(text_hdf, "hdf.loadpaths.0", tmpldir);
	if (nerr != STATUS_OK) {
		nerr_to(&nerr, err, errsz, "templates");
		return -1;
	}
	return 0;
}

void
pf_tmpl_free(void)
{
	int i;

	for (i = 0; i < NCACHED; i++)
		if (cached[i].cs != NULL)
			cs_destroy(&cached[i].cs);
	for (i = 0; i < NTEXT; i++)
		if (textcached[i].cs != NULL)
			cs_destroy(&textcached[i].cs);
	for (i = 0; i < NLANGS; i++) {
		if (lang_hdf[i] != NULL)
			hdf_destroy(&lang_hdf[i]);
		if (lang_global[i] != NULL)
			hdf_destroy(&lang_global[i]);
	}
	if (parse_hdf != NULL)
		hdf_destroy(&parse_hdf);
	if (text_hdf != NULL)
		hdf_destroy(&text_hdf);
}

void
pf_set(struct pf_req *r, const char *name, const char *value)
{
	NEOERR *nerr;

	if (r->hdf == NULL || value == NULL)
		return;
	if ((nerr = hdf_set_value(r->hdf, name, value)) != STATUS_OK)
		abort();	/* only fails on allocation */
}

void
pf_setf(struct pf_req *r, const char *value, const char *namefmt, ...)
{
	char name[256];
	va_list ap;
	int n;

	va_start(ap, namefmt);
	n = vsnprintf(name, sizeof(name), namefmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= sizeof(name)) {
		pf_log(r, PF_LOG_ERR, "template name too long");
		return;
	}
	pf_set(r, name, value);
}

void
pf_set_int(struct pf_req *r, const char *name, long long v)
{
	char buf[32];

	snprintf(buf, sizeof(buf), "%lld", v);
	pf_set(r, name, buf);
}

const char *
pf_tr(const struct pf_req *r, const char *key)
{
	HDF *h = lang_hdf[lang_index(r->lang)];

	return h ? hdf_get_value(h, key, key) : key;
}

/*
 * The templates, ready for use outside a request: a tool or a test that
 * sends mail has not been through pf_main(), which initialises them.
 */
static int
ready(void)
{
	char err[512];

	if (text_hdf != NULL)
		return 0;
	pf_tmpl_free();
	if (pf_tmpl_init(err, sizeof(err)) == 0)
		return 0;
	pf_log(NULL, PF_LOG_ERR, "%s", err);
	pf_tmpl_free();
	return -1;
}

const char *
pf_tr_lang(const char *lang, const char *key)
{
	HDF *h;

	if (ready() < 0 || (h = lang_hdf[lang_index(lang)]) == NULL)
		return key;
	return hdf_get_value(h, key, key);
}

void
pf_tmpl_begin(struct pf_req *r)
{
	if (hdf_init(&r->hdf) != STATUS_OK)
		abort();
	pf_set(r, "Page.Lang", r->lang);
	pf_set(r, "Page.Base", pf_base_path());
	pf_set(r, "Page.Path", r->path ? r->path : "/");
	pf_set(r, "Page.RequestId", r->id);
	pf_set(r, "Portal.Name", pf_conf_str("Portal.Name"));
	pf_tmpl_nav(r, 0);
}

/* A place is current on its own path and, but for "/", below it. */
static int
current(const char *path, const char *place)
{
	size_t n = strlen(place);

	return path != NULL && (strcmp(path, place) == 0 ||
	    (n > 1 && strncmp(path, place, n) == 0 && path[n] == '/'));
}

void
pf_tmpl_nav(struct pf_req *r, int level)
{
	size_t i, n = 0;

	hdf_remove_tree(r->hdf, "Nav");
	for (i = 0; i < sizeof(nav) / sizeof(nav[0]); i++) {
		if (nav[i].level > level)
			continue;
		pf_setf(r, pf_psprintf(r->pool, "%s%s", pf_base_path(), nav[i].path),
		    "Nav.%zu.Href", n);
		pf_setf(r, pf_tr(r, nav[i].label), "Nav.%zu.Label", n);
		pf_setf(r, nav[i].icon, "Nav.%zu.Icon", n);
		if (current(r->path, nav[i].path))
			pf_setf(r, "1", "Nav.%zu.Current", n);
		n++;
	}
}

void
pf_tmpl_end(struct pf_req *r)
{
	if (r->hdf != NULL)
		hdf_destroy(&r->hdf);
	r->hdf = NULL;
}

static NEOERR *
out(void *ctx, char *s)
{
	pf_buf_adds(ctx, s);
	return STATUS_OK;
}

/* The parsed template, parsed now with hdf (and so its escaping mode) if
 * this process has not yet; cached in c[0..n). */
static CSPARSE *
parsed(struct cached *c, int n, HDF *hdf, const char *name, NEOERR **nerr)
{
	CSPARSE *cs = NULL;
	int i, free_slot = -1;

	for (i = 0; i < n; i++) {
		if (c[i].cs != NULL && strcmp(c[i].name, name) == 0)
			return c[i].cs;
		if (c[i].cs == NULL && free_slot < 0)
			free_slot = i;
	}
	if ((*nerr = cs_init(&cs, hdf)) == STATUS_OK &&
	    (*nerr = cgi_register_strfuncs(cs)) == STATUS_OK)
		*nerr = cs_parse_file(cs, name);
	if (*nerr != STATUS_OK) {
		if (cs != NULL)
			cs_destroy(&cs);
		return NULL;
	}
	if (free_slot >= 0 && strlen(name) < sizeof(c[0].name)) {
		snprintf(c[free_slot].name, sizeof(c[0].name), "%s", name);
		c[free_slot].cs = cs;
	}
	return cs;
}

static void
forget(struct cached *c, int n, CSPARSE *cs)
{
	int i;

	for (i = 0; i < n; i++)
		if (c[i].cs == cs)
			c[i].cs = NULL;
	cs_destroy(&cs);
}

static int
is_cached(const struct cached *c, int n, CSPARSE *cs)
{
	int i;

	for (i = 0; i < n; i++)
		if (c[i].cs == cs)
			return 1;
	return 0;
}

int
pf_render(struct pf_req *r, const char *name)
{
	CSPARSE *cs;
	NEOERR *nerr = STATUS_OK;
	char err[512];

	if (r->hdf == NULL)
		return 500;
	pf_maint_banner(r);
	pf_buf_reset(&r->body);
	if ((cs = parsed(cached, NCACHED, parse_hdf, name, &nerr)) != NULL) {
		cs->hdf = r->hdf;
		cs->global_hdf = lang_global[lang_index(r->lang)];
		nerr = cs_render(cs, &r->body, out);
		cs->hdf = parse_hdf;
		cs->global_hdf = NULL;
		if (nerr != STATUS_OK)
			forget(cached, NCACHED, cs);	/* its render state is unknown now */
		else if (!is_cached(cached, NCACHED, cs))
			cs_destroy(&cs);
	}
	if (nerr != STATUS_OK) {
		nerr_to(&nerr, err, sizeof(err), name);
		pf_log(r, PF_LOG_ERR, "template %s", err);
		pf_buf_reset(&r->body);
		return 500;
	}
	pf_resp_type(r, "text/html; charset=utf-8");
	return 0;
}

/*
 * Render templates/<name> as plain text, without any escaping, appended
 * to dst: for mail bodies only, never for a page.  Each var becomes
 * <prefix>.<name>; names come from the program and must be plain
 * identifiers, so data never becomes part of an HDF name.  0 or -1.
 */
int
pf_tmpl_text(const char *lang, const char *name, const struct pf_var *vars,
    size_t n, const char *prefix, struct pf_buf *dst)
{
	CSPARSE *cs;
	NEOERR *nerr = STATUS_OK;
	HDF *data = NULL;
	char err[512], key[128];
	size_t i, start = dst->len;

	if (ready() < 0)
		return -1;
	if ((nerr = hdf_init(&data)) != STATUS_OK)
		abort();	/* only fails on allocation */
	for (i = 0; i < n; i++) {
		if (vars[i].value == NULL)
			continue;
		if (vars[i].name == NULL || vars[i].name[0] == '\0' ||
		    strspn(vars[i].name, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
		    "abcdefghijklmnopqrstuvwxyz0123456789_") != strlen(vars[i].name) ||
		    (size_t)snprintf(key, sizeof(key), "%s.%s", prefix, vars[i].name) >=
		    sizeof(key)) {
			pf_log(NULL, PF_LOG_ERR, "template %s: bad variable name", name);
			hdf_destroy(&data);
			return -1;
		}
		if ((nerr = hdf_set_value(data, key, vars[i].value)) != STATUS_OK)
			abort();
	}
	if ((cs = parsed(textcached, NTEXT, text_hdf, name, &nerr)) != NULL) {
		cs->hdf = data;
		cs->global_hdf = lang_global[lang_index(lang)];
		nerr = cs_render(cs, dst, out);
		cs->hdf = text_hdf;
		cs->global_hdf = NULL;
		if (nerr != STATUS_OK)
			forget(textcached, NTEXT, cs);
		else if (!is_cached(textcached, NTEXT, cs))
			cs_destroy(&cs);
	}
	hdf_destroy(&data);
	if (nerr != STATUS_OK) {
		nerr_to(&nerr, err, sizeof(err), name);
		pf_log(NULL, PF_LOG_ERR, "template %s", err);
		if (dst->data != NULL) {
			pf_wipe(dst->data + start, dst->len - start);
			dst->data[start] = '\0';
		}
		dst->len = start;
		return -1;
	}
	return 0;
}

int
pf_render_page(struct pf_req *r, const char *tmpl, const char *name, const char *title)
{
	pf_set(r, "Page.Name", name);
	pf_set(r, "Page.Title", pf_tr(r, title));
	return pf_render(r, tmpl);
}

int
pf_message(struct pf_req *r, int status, const char *key, const char *href,
    const char *label)
{
	const char *title = pf_psprintf(r->pool, "%s.Title", key);

	pf_resp_status(r, status);
	pf_set(r, "Message.Title", pf_tr(r, title));
	pf_set(r, "Message.Text", pf_tr(r, pf_psprintf(r->pool, "%s.Text", key)));
	if (href != NULL) {
		pf_set(r, "Message.Link.Href", href);
		pf_set(r, "Message.Link.Label", pf_tr(r, label));
	}
	return pf_render_page(r, "message.cs", "message", title);
}

int
pf_busy(struct pf_req *r)
{
	pf_resp_header(r, "Retry-After", "2");
	return pf_message(r, 503, "Message.Busy", NULL, NULL);
}
