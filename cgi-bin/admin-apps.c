/*
 * admin-apps.c: the applications that sign their users in through
 * Pforte (OpenID Connect relying parties, sql/010_apps.sql), for holders
 * of a global apps.manage: an application belongs to no organisation.
 *
 * What may be registered is lib/appreg.c's to decide, the same for
 * `pforte-admin app`.  The client_id and the client type are fixed once
 * registered: relying parties are configured with them, and a public
 * client has no secret to turn confidential with (register a new one).
 * A secret is shown once, on the page answering the POST that made it
 * (never in a URL, never stored: only its SHA-256).  Disabling an
 * application or renewing its secret revokes its tokens in the same
 * transaction; deleting it takes its codes, tokens and consents along
 * (ON DELETE CASCADE).
 */
#include <stdlib.h>

#include "admin.h"

/* An application as stored (SQL_APP_GET), its URIs one a line. */
struct app {
	unsigned long long	 id;
	const char		*client_id, *name, *icon, *status, *audience, *grants, *scopes,
				*initiate, *front, *back, *created, *updated;
	int			 confidential, trusted, pairwise;
	const char		*redirect, *post_logout;	/* "a\nb" */
};

/* What a form sent, split into what lib/appreg.c checks. */
struct form {
	struct pf_appdef	 d;
	const char		*redirect_text, *post_text;	/* as sent */
	const char		**redirect, **post;	/* split(), then sorted */
	size_t			*redirect_line, *post_line;
	const char		*grants, *audience;		/* column values */
	int			 trusted, pairwise;
	unsigned long long	 role, org;	/* registering: who may use it first */
};

/* The form field of each part lib/appreg.c checks, for Form.Errors. */
static const char *const appf_field[PF_APPF__MAX] = {
	[PF_APPF_NAME] = "name", [PF_APPF_ICON] = "icon", [PF_APPF_CLIENT_ID] = "client_id",
	[PF_APPF_REDIRECT] = "redirect_uris", [PF_APPF_POST_LOGOUT] = "post_logout_uris",
	[PF_APPF_INITIATE] = "initiate_login_uri",
	[PF_APPF_FRONTCHANNEL] = "frontchannel_logout_uri",
	[PF_APPF_BACKCHANNEL] = "backchannel_logout_uri",
	[PF_APPF_SCOPES] = "scopes", [PF_APPF_GRANTS] = "grants",
};

/* The optional scopes' boxes (openid comes with authorization_code). */
static const struct {
	int		 key;
	const char	*scope;
} scope_box[] = {
	{ F_S_PROFILE, "profile" }, { F_S_EMAIL, "email" }, { F_S_ROLES, "roles" },
	{ F_S_OFFLINE, "offline_access" },
};
static const int grant_box[] = { F_G_CODE, F_G_REFRESH, F_G_CLIENT };	/* pf_app_grants */

static const char *
app_path(struct pf_req *r, unsigned long long id)
{
	return pf_psprintf(pf_req_pool(r), "/admin/app?id=%llu", id);
}

static const char *
app_object(struct pf_req *r, unsigned long long id)
{
	return pf_psprintf(pf_req_pool(r), "app:%llu", id);
}

static int
is_set(struct pf_req *r, int key)
{
	const char *v = pf_req_field(r, key);

	return v != NULL && strcmp(v, "1") == 0;
}

/* 1 when word is in the space-separated list. */
static int
has_word(const char *list, const char *word)
{
	size_t n = strlen(word), k;

	while (*list) {
		list += strspn(list, " ");
		k = strcspn(list, " ");
		if (k == n && strncmp(list, word, n) == 0)
			return 1;
		list += k;
	}
	return 0;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/*
 * The URIs of a text area, one a line: white space around each trimmed
 * (browsers send CR LF), empty lines skipped, at most one more than
 * allowed kept so that the check reports too many.  line[i]: the line
 * the i-th URI was on, for the messages.
 */
static const char **
split(struct pf_req *r, const char *text, size_t *n, size_t **line)
{
	struct pf_pool *p = pf_req_pool(r);
	const char **l = pf_pcalloc(p, (PF_APP_URIS_MAX + 2) * sizeof(*l));
	const char *s = text, *e;
	size_t k, at = 0;

	*line = pf_pcalloc(p, (PF_APP_URIS_MAX + 2) * sizeof(**line));
	*n = 0;
	while (*s && *n <= PF_APP_URIS_MAX) {
		at++;
		k = strcspn(s, "\n");
		e = s + k;
		while (s < e && (*s == ' ' || *s == '\t' || *s == '\r'))
			s++;
		while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
			e--;
		if (e > s) {
			(*line)[*n] = at;
			l[(*n)++] = pf_pstrndup(p, s, (size_t)(e - s));
		}
		s += strcspn(s, "\n");
		if (*s == '\n')
			s++;
	}
	return l;
}

/* Sort the lists as the database returns them (ascii_bin: byte order),
 * so that the audit compares like with like; after the check, whose
 * messages name lines as typed. */
static void
sort_lists(struct form *f)
{
	qsort(f->redirect, f->d.nredirect, sizeof(*f->redirect), cmp_str);
	qsort(f->post, f->d.npost_logout, sizeof(*f->post), cmp_str);
}

/* A list as one text, "a\nb" (the form) or "a b" (the audit trail). */
static const char *
join(struct pf_req *r, const char *const *l, size_t n, const char *sep)
{
	struct pf_buf b = { 0 };
	const char *s;
	size_t i;

	for (i = 0; i < n; i++) {
		if (i)
			pf_buf_adds(&b, sep);
		pf_buf_adds(&b, l[i]);
	}
	s = pf_pstrdup(pf_req_pool(r), b.data ? b.data : "");
	pf_buf_free(&b);
	return s;
}

/* The fields of the form; registering: also client_id, type and the
 * first role or organisation. */
static void
read_form(struct pf_req *r, struct form *f, const struct app *a)
{
	struct pf_pool *p = pf_req_pool(r);
	const char *type = pf_req_field(r, F_CLIENT_TYPE), *aud = pf_req_field(r, F_AUDIENCE);
	char *scopes, *grants;
	size_t i;

	memset(f, 0, sizeof(*f));
	f->d.name = field_text(r, F_NAME);
	f->d.icon = field_text(r, F_ICON);
	f->d.initiate_login = field_text(r, F_INITIATE_URI);
	f->d.frontchannel_logout = field_text(r, F_FRONTCHANNEL_URI);
	f->d.backchannel_logout = field_text(r, F_BACKCHANNEL_URI);
	f->redirect_text = pf_req_field(r, F_REDIRECT_URIS) ? pf_req_field(r, F_REDIRECT_URIS) : "";
	f->post_text = pf_req_field(r, F_POST_LOGOUT_URIS) ? pf_req_field(r, F_POST_LOGOUT_URIS) : "";
	f->redirect = split(r, f->redirect_text, &f->d.nredirect, &f->redirect_line);
	f->post = split(r, f->post_text, &f->d.npost_logout, &f->post_line);
	f->d.redirect = f->redirect;
	f->d.post_logout = f->post;
	if (a != NULL) {
		/* fixed: not checked again (one registered before the rules
		 * existed, by SQL, stays editable) */
		f->d.confidential = a->confidential;
		f->d.client_id = NULL;
	} else {
		f->d.confidential = type == NULL || strcmp(type, "public") != 0;
		f->d.client_id = field_text(r, F_CLIENT_ID);
		f->role = field_id(r, F_ROLE);
		f->org = field_id(r, F_ORG);
	}
	grants = pf_pstrdup(p, "");
	for (i = 0; i < sizeof(grant_box) / sizeof(grant_box[0]); i++)
		if (is_set(r, grant_box[i])) {
			f->d.grants |= 1U << i;
			grants = pf_psprintf(p, "%s%s%s", grants, *grants ? "," : "",
			    pf_app_grants[i]);
		}
	f->grants = grants;
	scopes = pf_pstrdup(p, (f->d.grants & PF_GRANT_CODE) ? "openid" : "");
	for (i = 0; i < sizeof(scope_box) / sizeof(scope_box[0]); i++)
		if (is_set(r, scope_box[i].key))
			scopes = pf_psprintf(p, "%s%s%s", scopes, *scopes ? " " : "",
			    scope_box[i].scope);
	f->d.scopes = scopes;
	f->trusted = is_set(r, F_TRUSTED);
	f->pairwise = is_set(r, F_PAIRWISE);
	/* none chosen: nobody rather than everybody */
	f->audience = aud != NULL ? aud : "restricted";
}

/* Form.*: what the form shows. */
static void
keep_form(struct pf_req *r, const struct form *f)
{
	size_t i;

	pf_set(r, "Form.Name", f->d.name);
	pf_set(r, "Form.Icon", f->d.icon);
	pf_set(r, "Form.ClientId", f->d.client_id ? f->d.client_id : "");
	pf_set(r, "Form.ClientType", f->d.confidential ? "confidential" : "public");
	pf_set(r, "Form.RedirectUris", f->redirect_text);
	pf_set(r, "Form.PostLogoutUris", f->post_text);
	pf_set(r, "Form.Initiate", f->d.initiate_login);
	pf_set(r, "Form.Front", f->d.frontchannel_logout);
	pf_set(r, "Form.Back", f->d.backchannel_logout);
	for (i = 0; i < sizeof(scope_box) / sizeof(scope_box[0]); i++)
		if (has_word(f->d.scopes, scope_box[i].scope))
			pf_setf(r, "1", "Form.Scope.%s", scope_box[i].scope);
	for (i = 0; pf_app_grants[i] != NULL; i++)
		if (f->d.grants & (1U << i))
			pf_setf(r, "1", "Form.Grant.%s", pf_app_grants[i]);
	pf_set(r, "Form.Trusted", f->trusted ? "1" : "0");
	pf_set(r, "Form.Pairwise", f->pairwise ? "1" : "0");
	pf_set(r, "Form.Audience", f->audience);
}

static void
field_error(struct pf_req *r, const char *field, const char *text)
{
	pf_setf(r, text, "Form.Errors.%s", field);
}

/*
 * Check the form; on errors set Form.Errors and the message, with the
 * status (422) already set, and return how many fields are wrong.  A
 * registration restricted to nobody is refused (it could be meant as
 * "everybody"); a role or organisation must exist.
 */
static size_t
check_form(struct pf_req *r, struct form *f, int registering)
{
	enum pf_apperr err[PF_APPF__MAX];
	size_t at[PF_APPF__MAX], n, i;
	struct pf_rows rows;
	struct org o;
	const char *text;

	n = pf_appdef_check(&f->d, err, at);
	for (i = 0; i < PF_APPF__MAX; i++) {
		if (err[i] == PF_APPERR_OK)
			continue;
		text = pf_tr(r, pf_psprintf(pf_req_pool(r), "Admin.Apps.Err.%s",
		    pf_apperr_name(err[i])));
		/* which line of a list, for those about one URI */
		if ((i == PF_APPF_REDIRECT || i == PF_APPF_POST_LOGOUT) &&
		    err[i] != PF_APPERR_TOO_MANY && err[i] != PF_APPERR_NO_REDIRECT)
			text = pf_psprintf(pf_req_pool(r), "%s %zu: %s",
			    pf_tr(r, "Admin.Apps.Line"), (i == PF_APPF_REDIRECT ?
			    f->redirect_line : f->post_line)[at[i]], text);
		field_error(r, appf_field[i], text);
	}
	if (registering && strcmp(f->audience, "restricted") == 0 && f->role == 0 &&
	    f->org == 0) {
		field_error(r, "audience", pf_tr(r, "Admin.Apps.Err.NoAudience"));
		n++;
	}
	if (registering && f->role != 0) {
		if (pf_db_query(pf_req_db(r), pf_req_pool(r), SQL_ROLE_ROW,
		    PF_ARGS(PF_INT((long long)f->role)), &rows) != PF_DB_OK || rows.n != 1) {
			field_error(r, "role", pf_tr(r, "Admin.Apps.Err.Role"));
			n++;
		}
	}
	if (registering && f->org != 0 && load_org(r, f->org, &o) != 0) {
		field_error(r, "org", pf_tr(r, "Admin.Apps.Err.Org"));
		n++;
	}
	if (n > 0)
		form_message(r, 422, "Admin.Form.Check");
	return n;
}

/* Admin.AppRoles (every role) and Admin.Orgs, for the selects. */
static int
set_choices(struct pf_req *r, unsigned long long role, unsigned long long org)
{
	struct pf_rows rows;
	size_t i;
	int rc;

	if (pf_db_query(pf_req_db(r), pf_req_pool(r), SQL_ROLES, NULL, 0, &rows) != PF_DB_OK)
		return 503;
	for (i = 0; i < rows.n; i++) {
		pf_setf(r, ull(r, (unsigned long long)PF_CELL(&rows, i, 0)->i),
		    "Admin.AppRoles.%zu.Id", i);
		pf_setf(r, pf_cell_str(&rows, i, 1), "Admin.AppRoles.%zu.Name", i);
		pf_setf(r, row_label(r, &rows, i, 6), "Admin.AppRoles.%zu.Label", i);
		if ((unsigned long long)PF_CELL(&rows, i, 0)->i == role)
			pf_setf(r, "1", "Admin.AppRoles.%zu.Selected", i);
	}
	if ((rc = set_orgs(r, PF_PERM_APPS_MANAGE, org, NULL)) != 0)
		return rc;
	return 0;
}

/* ---- the list --------------------------------------------------------- */

int
page_apps(struct pf_req *r)
{
	struct pf_rows rows;
	size_t i;

	if (!pf_may_global(r, PF_PERM_APPS_MANAGE))
		return 403;
	if (pf_db_query(pf_req_db(r), pf_req_pool(r), SQL_APPS, NULL, 0, &rows) != PF_DB_OK)
		return 503;
	for (i = 0; i < rows.n; i++) {
		pf_setf(r, ull(r, (unsigned long long)PF_CELL(&rows, i, 0)->i),
		    "Admin.Apps.%zu.Id", i);
		pf_setf(r, pf_cell_str(&rows, i, 1), "Admin.Apps.%zu.ClientId", i);
		pf_setf(r, pf_cell_str(&rows, i, 2), "Admin.Apps.%zu.Name", i);
		pf_setf(r, pf_cell_str(&rows, i, 3), "Admin.Apps.%zu.Status", i);
		pf_setf(r, PF_CELL(&rows, i, 4)->i ? "1" : "0", "Admin.Apps.%zu.Trusted", i);
		pf_setf(r, pf_cell_str(&rows, i, 5), "Admin.Apps.%zu.Audience", i);
		pf_setf(r, PF_CELL(&rows, i, 6)->i ? "confidential" : "public",
		    "Admin.Apps.%zu.Type", i);
		pf_setf(r, pf_cell_str(&rows, i, 7), "Admin.Apps.%zu.Access", i);
	}
	return render(r, "admin_apps.cs", "Admin.Apps.Title");
}

/* ---- registering -------------------------------------------------------- */

static int
new_page(struct pf_req *r, const struct form *f)
{
	int rc;

	if ((rc = set_choices(r, f->role, f->org)) != 0)
		return rc;
	keep_form(r, f);
	pf_set(r, "Admin.App.New", "1");
	return render(r, "admin_app.cs", "Admin.Apps.New");
}

int
page_app_new(struct pf_req *r)
{
	static const char *const none[] = { NULL };
	struct form f;

	if (!pf_may_global(r, PF_PERM_APPS_MANAGE))
		return 403;
	/* the usual sign-in application: confidential, code and refresh */
	memset(&f, 0, sizeof(f));
	f.d.name = f.d.icon = f.d.client_id = f.d.initiate_login = "";
	f.d.frontchannel_logout = f.d.backchannel_logout = "";
	f.redirect_text = f.post_text = "";
	f.d.redirect = f.d.post_logout = none;
	f.d.confidential = 1;
	f.d.grants = PF_GRANT_CODE | PF_GRANT_REFRESH;
	f.d.scopes = "openid profile email";
	f.audience = "all";
	return new_page(r, &f);
}

/* The secret, once: the page answering the POST that made it. */
static int
secret_page(struct pf_req *r, unsigned long long id, const char *client_id,
    const char *secret, int renewed)
{
	pf_set(r, "Admin.Secret.AppId", ull(r, id));
	pf_set(r, "Admin.Secret.ClientId", client_id);
	pf_set(r, "Admin.Secret.Value", secret);
	if (renewed)
		pf_set(r, "Admin.Secret.Renewed", "1");
	return render(r, "admin_app_secret.cs", "Admin.Apps.Secret.Title");
}

struct create {
	const struct form	*f;
	const unsigned char	*hash;	/* NULL: public */
	unsigned long long	 id;
};

/* "role:name" or "org:name" for the audit trail. */
static const char *
access_name(struct pf_req *r, unsigned long long role, unsigned long long org, int *found)
{
	struct pf_rows rows;
	struct org o;

	*found = 0;
	if (role != 0) {
		if (pf_db_query(pf_req_db(r), pf_req_pool(r), SQL_ROLE_ROW,
		    PF_ARGS(PF_INT((long long)role)), &rows) != PF_DB_OK || rows.n != 1)
			return NULL;
		*found = 1;
		return pf_psprintf(pf_req_pool(r), "role:%s", pf_cell_str(&rows, 0, 1));
	}
	if (load_org(r, org, &o) != 0)
		return NULL;
	*found = 1;
	return pf_psprintf(pf_req_pool(r), "org:%s", o.name);
}

static int
add_uris(struct pf_req *r, unsigned long long id, const char *kind, const char *const *l,
    size_t n)
{
	enum pf_dberr e;
	size_t i;

	for (i = 0; i < n; i++)
		if ((e = pf_db_exec(pf_req_db(r), SQL_APP_URI_ADD, PF_ARGS(PF_INT((long long)id),
		    PF_STR(kind), PF_STR(l[i])), NULL, NULL)) != PF_DB_OK)
			return pf_tx_err(e);
	return 0;
}

static int
tx_create(struct pf_req *r, void *arg)
{
	struct create *x = arg;
	const struct form *f = x->f;
	const struct pf_appdef *d = &f->d;
	struct pf_db *db = pf_req_db(r);
	struct pf_change c[16];
	const char *access = NULL;
	enum pf_dberr e;
	size_t n = 0;
	int rc, found;

	e = pf_db_exec(db, SQL_APP_INSERT, PF_ARGS(PF_STR(d->client_id), PF_STR(d->name),
	    PF_STR(d->icon), x->hash ? PF_BLOB((const char *)x->hash, 32) : PF_NULL,
	    PF_INT(f->trusted), PF_INT(f->pairwise), PF_STR(f->audience), PF_STR(f->grants),
	    PF_STR(d->scopes), PF_STR(d->initiate_login), PF_STR(d->frontchannel_logout),
	    PF_STR(d->backchannel_logout)), NULL, &x->id);
	if (e == PF_DB_DUP)
		return 409;
	if (e != PF_DB_OK)
		return pf_tx_err(e);
	if ((rc = add_uris(r, x->id, "redirect", d->redirect, d->nredirect)) != 0 ||
	    (rc = add_uris(r, x->id, "post_logout", d->post_logout, d->npost_logout)) != 0)
		return rc;
	/* the first role and organisation, when restricted */
	if (strcmp(f->audience, "restricted") == 0 && (f->role != 0 || f->org != 0)) {
		if (f->role != 0 && (e = pf_db_exec(db, SQL_APP_ACCESS_ADD,
		    PF_ARGS(PF_INT((long long)x->id), PF_INT((long long)f->role), PF_NULL),
		    NULL, NULL)) != PF_DB_OK)
			return pf_tx_err(e);
		if (f->org != 0 && (e = pf_db_exec(db, SQL_APP_ACCESS_ADD,
		    PF_ARGS(PF_INT((long long)x->id), PF_NULL, PF_INT((long long)f->org)),
		    NULL, NULL)) != PF_DB_OK)
			return pf_tx_err(e);
		access = f->role ? access_name(r, f->role, 0, &found) : "";
		if (f->org)
			access = pf_psprintf(pf_req_pool(r), "%s%s%s", access, *access ? " " : "",
			    access_name(r, 0, f->org, &found));
	}
	c[n++] = (struct pf_change){ "client_id", NULL, d->client_id };
	c[n++] = (struct pf_change){ "name", NULL, d->name };
	c[n++] = (struct pf_change){ "type", NULL, x->hash ? "confidential" : "public" };
	c[n++] = (struct pf_change){ "trusted", NULL, f->trusted ? "1" : "0" };
	c[n++] = (struct pf_change){ "pairwise", NULL, f->pairwise ? "1" : "0" };
	c[n++] = (struct pf_change){ "audience", NULL, f->audience };
	c[n++] = (struct pf_change){ "grant_types", NULL, f->grants };
	c[n++] = (struct pf_change){ "scopes", NULL, d->scopes };
	c[n++] = (struct pf_change){ "redirect_uris", NULL,
	    join(r, d->redirect, d->nredirect, " ") };
	if (d->npost_logout)
		c[n++] = (struct pf_change){ "post_logout_uris", NULL,
		    join(r, d->post_logout, d->npost_logout, " ") };
	if (*d->icon)
		c[n++] = (struct pf_change){ "icon", NULL, d->icon };
	if (*d->initiate_login)
		c[n++] = (struct pf_change){ "initiate_login_uri", NULL, d->initiate_login };
	if (*d->frontchannel_logout)
		c[n++] = (struct pf_change){ "frontchannel_logout_uri", NULL,
		    d->frontchannel_logout };
	if (*d->backchannel_logout)
		c[n++] = (struct pf_change){ "backchannel_logout_uri", NULL,
		    d->backchannel_logout };
	if (access != NULL)
		c[n++] = (struct pf_change){ "access", NULL, access };
	return audit(r, "admin.app.created", 0, 0, app_object(r, x->id), c, n);
}

/* POST /admin/apps/new: the form; a confidential application's secret
 * on the page that answers. */
int
page_app_new_post(struct pf_req *r)
{
	struct form f;
	struct create x;
	char cid[PF_CLIENT_ID_NEW_LEN + 1], secret[PF_TOKEN_CHARS + 1];
	unsigned char hash[32];
	int rc;

	if (!pf_may_global(r, PF_PERM_APPS_MANAGE))
		return 403;
	read_form(r, &f, NULL);
	if (check_form(r, &f, 1) > 0)
		return new_page(r, &f);
	sort_lists(&f);
	if (*f.d.client_id == '\0') {
		pf_client_id_new(cid);
		f.d.client_id = pf_pstrdup(pf_req_pool(r), cid);
	}
	if (f.d.confidential)
		pf_client_secret_new(secret, hash);
	x = (struct create){ &f, f.d.confidential ? hash : NULL, 0 };
	rc = pf_tx(r, tx_create, &x);
	pf_wipe(hash, sizeof(hash));
	if (rc == 409) {
		pf_resp_status(r, 409);
		field_error(r, "client_id", pf_tr(r, "Admin.Apps.Err.Exists"));
		pf_set(r, "Form.Message", pf_tr(r, "Admin.Apps.Err.Exists"));
		rc = new_page(r, &f);
	} else if (rc == 0 && f.d.confidential)
		rc = secret_page(r, x.id, f.d.client_id, secret, 0);
	else if (rc == 0)
		rc = see_other(r, app_path(r, x.id));
	pf_wipe(secret, sizeof(secret));
	return rc;
}

/* ---- one application ---------------------------------------------------- */

/* The application the request's id names: 0, 404 (none), 503; 403
 * without a global apps.manage. */
static int
target(struct pf_req *r, struct app *a)
{
	struct pf_pool *p = pf_req_pool(r);
	struct pf_rows rows, u;
	const char **redir, **post;
	size_t i, nr = 0, np = 0;

	if (!pf_may_global(r, PF_PERM_APPS_MANAGE))
		return 403;
	if (pf_req_field(r, F_ID) == NULL)
		return 404;
	memset(a, 0, sizeof(*a));
	if (pf_db_query(pf_req_db(r), p, SQL_APP_GET, PF_ARGS(PF_INT((long long)field_id(r,
	    F_ID))), &rows) != PF_DB_OK)
		return 503;
	if (rows.n != 1)
		return 404;
	a->id = (unsigned long long)PF_CELL(&rows, 0, 0)->i;
	a->client_id = pf_cell_str(&rows, 0, 1);
	a->name = pf_cell_str(&rows, 0, 2);
	a->icon = pf_cell_str(&rows, 0, 3);
	a->confidential = PF_CELL(&rows, 0, 4)->i != 0;
	a->status = pf_cell_str(&rows, 0, 5);
	a->trusted = PF_CELL(&rows, 0, 6)->i != 0;
	a->pairwise = PF_CELL(&rows, 0, 7)->i != 0;
	a->audience = pf_cell_str(&rows, 0, 8);
	a->grants = pf_cell_str(&rows, 0, 9);
	a->scopes = pf_cell_str(&rows, 0, 10);
	a->initiate = pf_cell_str(&rows, 0, 11);
	a->front = pf_cell_str(&rows, 0, 12);
	a->back = pf_cell_str(&rows, 0, 13);
	a->created = pf_cell_str(&rows, 0, 14);
	a->updated = pf_cell_str(&rows, 0, 15);
	if (pf_db_query(pf_req_db(r), p, SQL_APP_URIS, PF_ARGS(PF_INT((long long)a->id)), &u) !=
	    PF_DB_OK)
		return 503;
	redir = pf_pcalloc(p, (u.n + 1) * sizeof(*redir));
	post = pf_pcalloc(p, (u.n + 1) * sizeof(*post));
	for (i = 0; i < u.n; i++)
		if (strcmp(pf_cell_str(&u, i, 0), "redirect") == 0)
			redir[nr++] = pf_cell_str(&u, i, 1);
		else
			post[np++] = pf_cell_str(&u, i, 1);
	a->redirect = join(r, redir, nr, "\n");
	a->post_logout = join(r, post, np, "\n");
	return 0;
}

/* The application's page; sent: the form as sent (an error), else the
 * stored values. */
static int
show_app(struct pf_req *r, const struct app *a, const struct form *sent)
{
	struct pf_rows acc;
	struct form f;
	size_t i;
	int rc;

	if (pf_db_query(pf_req_db(r), pf_req_pool(r), SQL_APP_ACCESS,
	    PF_ARGS(PF_INT((long long)a->id)), &acc) != PF_DB_OK)
		return 503;
	if ((rc = set_choices(r, 0, 0)) != 0)
		return rc;
	pf_set(r, "Admin.App.Id", ull(r, a->id));
	pf_set(r, "Admin.App.ClientId", a->client_id);
	pf_set(r, "Admin.App.Name", a->name);
	pf_set(r, "Admin.App.Type", a->confidential ? "confidential" : "public");
	pf_set(r, "Admin.App.Status", a->status);
	pf_set(r, "Admin.App.Audience", a->audience);
	pf_set(r, "Admin.App.Created", pf_time_human(pf_req_pool(r), a->created));
	pf_set(r, "Admin.App.Updated", pf_time_human(pf_req_pool(r), a->updated));
	for (i = 0; i < acc.n; i++) {
		if (PF_CELL(&acc, i, 0)->type != PF_V_NULL) {
			pf_setf(r, "role", "Admin.Access.%zu.Kind", i);
			pf_setf(r, ull(r, (unsigned long long)PF_CELL(&acc, i, 0)->i),
			    "Admin.Access.%zu.Id", i);
			pf_setf(r, row_label(r, &acc, i, 3), "Admin.Access.%zu.Label", i);
			pf_setf(r, pf_cell_str(&acc, i, 2), "Admin.Access.%zu.Name", i);
		} else {
			pf_setf(r, "org", "Admin.Access.%zu.Kind", i);
			pf_setf(r, ull(r, (unsigned long long)PF_CELL(&acc, i, 1)->i),
			    "Admin.Access.%zu.Id", i);
			pf_setf(r, pf_cell_str(&acc, i, 5), "Admin.Access.%zu.Label", i);
		}
	}
	if (sent == NULL) {
		memset(&f, 0, sizeof(f));
		f.d.name = a->name;
		f.d.icon = a->icon;
		f.d.client_id = a->client_id;
		f.d.confidential = a->confidential;
		f.d.initiate_login = a->initiate;
		f.d.frontchannel_logout = a->front;
		f.d.backchannel_logout = a->back;
		f.d.scopes = a->scopes;
		for (i = 0; pf_app_grants[i] != NULL; i++)
			if (strstr(a->grants, pf_app_grants[i]) != NULL)
				f.d.grants |= 1U << i;
		f.redirect_text = a->redirect;
		f.post_text = a->post_logout;
		f.trusted = a->trusted;
		f.pairwise = a->pairwise;
		f.audience = a->audience;
		sent = &f;
	}
	keep_form(r, sent);
	return render(r, "admin_app.cs", "Admin.App.Title");
}

int
page_app(struct pf_req *r)
{
	struct app a;
	int rc;

	if ((rc = target(r, &a)) != 0)
		return rc;
	return show_app(r, &a, NULL);
}

struct edit {
	const struct app	*a;
	const struct form	*f;
};

static int
tx_update(struct pf_req *r, void *arg)
{
	struct edit *x = arg;
	const struct app *a = x->a;
	const struct form *f = x->f;
	const struct pf_appdef *d = &f->d;
	struct pf_db *db = pf_req_db(r);
	struct pf_change c[14];
	const char *redir = join(r, d->redirect, d->nredirect, "\n"),
	    *post = join(r, d->post_logout, d->npost_logout, "\n");
	enum pf_dberr e;
	size_t n = 0;
	int rc;

	if ((e = pf_db_exec(db, SQL_APP_UPDATE, PF_ARGS(PF_STR(d->name), PF_STR(d->icon),
	    PF_INT(f->trusted), PF_INT(f->pairwise), PF_STR(f->audience), PF_STR(f->grants),
	    PF_STR(d->scopes), PF_STR(d->initiate_login), PF_STR(d->frontchannel_logout),
	    PF_STR(d->backchannel_logout), PF_INT((long long)a->id)), NULL, NULL)) != PF_DB_OK ||
	    (e = pf_db_exec(db, SQL_APP_URIS_CLEAR, PF_ARGS(PF_INT((long long)a->id)), NULL,
	    NULL)) != PF_DB_OK)
		return pf_tx_err(e);
	if ((rc = add_uris(r, a->id, "redirect", d->redirect, d->nredirect)) != 0 ||
	    (rc = add_uris(r, a->id, "post_logout", d->post_logout, d->npost_logout)) != 0)
		return rc;
#define CHANGED(field, old, new) \
	if (strcmp((old), (new)) != 0) \
		c[n++] = (struct pf_change){ field, old, new }
	CHANGED("name", a->name, d->name);
	CHANGED("icon", a->icon, d->icon);
	CHANGED("trusted", a->trusted ? "1" : "0", f->trusted ? "1" : "0");
	CHANGED("pairwise", a->pairwise ? "1" : "0", f->pairwise ? "1" : "0");
	CHANGED("audience", a->audience, f->audience);
	CHANGED("grant_types", a->grants, f->grants);
	CHANGED("scopes", a->scopes, d->scopes);
	CHANGED("redirect_uris", a->redirect, redir);
	CHANGED("post_logout_uris", a->post_logout, post);
	CHANGED("initiate_login_uri", a->initiate, d->initiate_login);
	CHANGED("frontchannel_logout_uri", a->front, d->frontchannel_logout);
	CHANGED("backchannel_logout_uri", a->back, d->backchannel_logout);
#undef CHANGED
	if (n == 0)
		return 0;
	return audit(r, "admin.app.updated", 0, 0, app_object(r, a->id), c, n);
}

/* POST /admin/app id and the form: client_id and type stay. */
int
page_app_post(struct pf_req *r)
{
	struct app a;
	struct form f;
	struct edit x;
	int rc;

	if ((rc = target(r, &a)) != 0)
		return rc;
	read_form(r, &f, &a);
	if (check_form(r, &f, 0) > 0)
		return show_app(r, &a, &f);
	sort_lists(&f);
	x = (struct edit){ &a, &f };
	if ((rc = pf_tx(r, tx_update, &x)) != 0)
		return rc;
	return see_other(r, app_path(r, a.id));
}

struct access {
	const struct app	*a;
	unsigned long long	 role, org;
	const char		*what;	/* "role:name" */
	int			 grant;
};

static int
tx_access(struct pf_req *r, void *arg)
{
	struct access *x = arg;
	struct pf_change c;
	unsigned long long changed = 0;
	enum pf_dberr e;

	e = pf_db_exec(pf_req_db(r), x->grant ? SQL_APP_ACCESS_ADD : SQL_APP_ACCESS_DEL,
	    PF_ARGS(PF_INT((long long)x->a->id), x->role ? PF_INT((long long)x->role) : PF_NULL,
	    x->org ? PF_INT((long long)x->org) : PF_NULL), &changed, NULL);
	if (e != PF_DB_OK)
		return pf_tx_err(e);
	if (changed == 0)
		return 0;	/* already so */
	c = (struct pf_change){ "access", x->grant ? NULL : x->what, x->grant ? x->what : NULL };
	return audit(r, "admin.app.updated", 0, 0, app_object(r, x->a->id), &c, 1);
}

/* POST /admin/app/access id action=grant|revoke role=ID | org=ID: who
 * may use a restricted application. */
int
page_app_access(struct pf_req *r)
{
	const char *action = pf_req_field(r, F_ACTION);
	struct access x;
	struct app a;
	int rc, found;

	if ((rc = target(r, &a)) != 0)
		return rc;
	if (action == NULL || (strcmp(action, "grant") != 0 && strcmp(action, "revoke") != 0))
		return 400;
	memset(&x, 0, sizeof(x));
	x.a = &a;
	x.grant = strcmp(action, "grant") == 0;
	x.role = field_id(r, F_ROLE);
	x.org = field_id(r, F_ORG);
	if ((x.role == 0) == (x.org == 0)) {
		form_message(r, 422, "Admin.Apps.Err.Access");
		return show_app(r, &a, NULL);
	}
	x.what = access_name(r, x.role, x.org, &found);
	if (!found) {
		form_message(r, 422, x.role ? "Admin.Apps.Err.Role" : "Admin.Apps.Err.Org");
		return show_app(r, &a, NULL);
	}
	if ((rc = pf_tx(r, tx_access, &x)) != 0)
		return rc;
	return see_other(r, app_path(r, a.id));
}

struct status {
	const struct app	*a;
	const char		*to;
};

/* Revoke the application's live tokens; their number in *n. */
static int
revoke(struct pf_req *r, unsigned long long id, unsigned long long *n)
{
	enum pf_dberr e;

	if ((e = pf_db_exec(pf_req_db(r), SQL_APP_REVOKE, PF_ARGS(PF_INT((long long)id)), n,
	    NULL)) != PF_DB_OK)
		return pf_tx_err(e);
	return 0;
}

static int
tx_status(struct pf_req *r, void *arg)
{
	struct status *x = arg;
	struct pf_change c[2];
	unsigned long long changed = 0, revoked = 0;
	enum pf_dberr e;
	int off = strcmp(x->to, "disabled") == 0, rc;

	if ((e = pf_db_exec(pf_req_db(r), SQL_APP_STATUS, PF_ARGS(PF_STR(x->to),
	    PF_INT((long long)x->a->id), PF_STR(x->to)), &changed, NULL)) != PF_DB_OK)
		return pf_tx_err(e);
	if (changed == 0)
		return 0;	/* another request was first: nothing to do */
	if (off && (rc = revoke(r, x->a->id, &revoked)) != 0)
		return rc;
	c[0] = (struct pf_change){ "status", x->a->status, x->to };
	c[1] = (struct pf_change){ "tokens_revoked", NULL, ull(r, revoked) };
	return audit(r, off ? "admin.app.disabled" : "admin.app.enabled", 0, 0,
	    app_object(r, x->a->id), c, off ? 2 : 1);
}

/* POST /admin/app/status id action=deactivate|reactivate [confirm=1]:
 * a disabled application signs nobody in and its tokens are revoked. */
int
page_app_status(struct pf_req *r)
{
	const char *action = pf_req_field(r, F_ACTION);
	struct hidden h[2];
	struct status x;
	struct app a;
	int rc, off;

	if ((rc = target(r, &a)) != 0)
		return rc;
	if (action == NULL || (strcmp(action, "deactivate") != 0 &&
	    strcmp(action, "reactivate") != 0))
		return 400;
	off = strcmp(action, "deactivate") == 0;
	if (off && !confirmed(r)) {
		h[0] = (struct hidden){ "id", ull(r, a.id) };
		h[1] = (struct hidden){ "action", "deactivate" };
		return confirm_page(r, "/admin/app/status", "Admin.Apps.Confirm.Disable.Title",
		    "Admin.Apps.Confirm.Disable.Text", pf_psprintf(pf_req_pool(r), "%s (%s)",
		    a.name, a.client_id), app_path(r, a.id), h, 2);
	}
	x = (struct status){ &a, off ? "disabled" : "active" };
	if ((rc = pf_tx(r, tx_status, &x)) != 0)
		return rc;
	return see_other(r, app_path(r, a.id));
}

struct secret {
	const struct app	*a;
	const unsigned char	*hash;
};

static int
tx_secret(struct pf_req *r, void *arg)
{
	struct secret *x = arg;
	struct pf_change c[2];
	unsigned long long changed = 0, revoked = 0;
	enum pf_dberr e;
	int rc;

	if ((e = pf_db_exec(pf_req_db(r), SQL_APP_SECRET, PF_ARGS(PF_BLOB((const char *)x->hash,
	    32), PF_INT((long long)x->a->id)), &changed, NULL)) != PF_DB_OK)
		return pf_tx_err(e);
	if (changed == 0)
		return 404;	/* deleted meanwhile */
	/* a secret is renewed when it may have leaked: what was issued
	 * under it ends too */
	if ((rc = revoke(r, x->a->id, &revoked)) != 0)
		return rc;
	c[0] = (struct pf_change){ "secret", "replaced", "renewed" };
	c[1] = (struct pf_change){ "tokens_revoked", NULL, ull(r, revoked) };
	return audit(r, "admin.app.secret.renewed", 0, 0, app_object(r, x->a->id), c, 2);
}

/* POST /admin/app/secret id [confirm=1]: a new secret, shown once. */
int
page_app_secret(struct pf_req *r)
{
	char secret[PF_TOKEN_CHARS + 1];
	unsigned char hash[32];
	struct hidden h[1];
	struct secret x;
	struct app a;
	int rc;

	if ((rc = target(r, &a)) != 0)
		return rc;
	if (!a.confidential) {
		form_message(r, 422, "Admin.Apps.Err.NoSecret");
		return show_app(r, &a, NULL);
	}
	if (!confirmed(r)) {
		h[0] = (struct hidden){ "id", ull(r, a.id) };
		return confirm_page(r, "/admin/app/secret", "Admin.Apps.Confirm.Secret.Title",
		    "Admin.Apps.Confirm.Secret.Text", pf_psprintf(pf_req_pool(r), "%s (%s)",
		    a.name, a.client_id), app_path(r, a.id), h, 1);
	}
	pf_client_secret_new(secret, hash);
	x = (struct secret){ &a, hash };
	rc = pf_tx(r, tx_secret, &x);
	pf_wipe(hash, sizeof(hash));
	if (rc == 0)
		rc = secret_page(r, a.id, a.client_id, secret, 1);
	pf_wipe(secret, sizeof(secret));
	return rc;
}

static int
tx_delete(struct pf_req *r, void *arg)
{
	const struct app *a = arg;
	struct pf_change c[6];
	unsigned long long gone = 0;
	enum pf_dberr e;

	if ((e = pf_db_exec(pf_req_db(r), SQL_APP_DELETE, PF_ARGS(PF_INT((long long)a->id)),
	    &gone, NULL)) != PF_DB_OK)
		return pf_tx_err(e);
	if (gone == 0)
		return 404;
	c[0] = (struct pf_change){ "client_id", a->client_id, NULL };
	c[1] = (struct pf_change){ "name", a->name, NULL };
	c[2] = (struct pf_change){ "status", a->status, NULL };
	c[3] = (struct pf_change){ "audience", a->audience, NULL };
	c[4] = (struct pf_change){ "redirect_uris", a->redirect, NULL };
	c[5] = (struct pf_change){ "post_logout_uris", a->post_logout, NULL };
	return audit(r, "admin.app.deleted", 0, 0, app_object(r, a->id), c, 6);
}

/* POST /admin/app/delete id [confirm=1]: the application, its URIs,
 * access rules, codes, tokens and consents go. */
int
page_app_delete(struct pf_req *r)
{
	struct hidden h[1];
	struct app a;
	int rc;

	if ((rc = target(r, &a)) != 0)
		return rc;
	if (!confirmed(r)) {
		h[0] = (struct hidden){ "id", ull(r, a.id) };
		return confirm_page(r, "/admin/app/delete", "Admin.Apps.Confirm.Delete.Title",
		    "Admin.Apps.Confirm.Delete.Text", pf_psprintf(pf_req_pool(r), "%s (%s)",
		    a.name, a.client_id), app_path(r, a.id), h, 1);
	}
	if ((rc = pf_tx(r, tx_delete, &a)) != 0)
		return rc;
	return see_other(r, "/admin/apps");
}
