/*
 * admin-users.c: finding users and acting on one.
 *
 * Who may act on a user: whoever holds users.manage in the user's
 * organisation (pf_may), and, for the actions that take something away
 * (deactivate, second factor, sessions), only on users all of whose
 * roles the session could grant itself: a key user cannot lock out a
 * fellow key user or an administrator who belongs to the organisation.
 * Nobody does these to their own account here (the profile is for that).
 */
#include "admin.h"

#define SEARCH_MAX	500	/* members decrypted for a name search */

/* ASCII case-insensitive substring: names are sealed, so they are
 * compared here, after decryption, never in SQL. */
static int
contains(const char *hay, const char *needle)
{
	size_t i, n = strlen(needle);

	for (; *hay; hay++) {
		for (i = 0; i < n && hay[i]; i++) {
			unsigned char a = (unsigned char)hay[i], b = (unsigned char)needle[i];

			if (a >= 'A' && a <= 'Z')
				a += 'a' - 'A';
			if (b >= 'A' && b <= 'Z')
				b += 'a' - 'A';
			if (a != b)
				break;
		}
		if (i == n)
			return 1;
	}
	return n == 0;
}

static void
set_user_row(struct pf_req *r, size_t n, const struct pf_account *a,
    const struct pf_rows *orgs)
{
	pf_setf(r, ull(r, a->id), "Admin.Users.%zu.Id", n);
	pf_setf(r, a->name, "Admin.Users.%zu.Name", n);
	pf_setf(r, a->email, "Admin.Users.%zu.Email", n);
	pf_setf(r, a->status, "Admin.Users.%zu.Status", n);
	pf_setf(r, org_name(orgs, a->org_id), "Admin.Users.%zu.Org", n);
}

/*
 * GET /admin/users?q=&org=: administrators search any organisation (or
 * all), key users their own (org naming another one is answered 404, as
 * for an unknown one).  q with an @ is an exact
 * address; else a part of a name or address among at most SEARCH_MAX
 * members.
 */
int
page_users(struct pf_req *r)
{
	struct pf_pool *p = pf_req_pool(r);
	struct pf_db *db = pf_req_db(r);
	int global = pf_may_global(r, PF_PERM_USERS_MANAGE);
	unsigned long long org = global ? field_id(r, F_ORG) : pf_req_org(r), id;
	const char *q = field_text(r, F_Q);
	struct pf_rows orgs, ids;
	struct pf_account a;
	size_t i, n = 0;
	int rc;

	/* another organisation named by a key user: like an unknown one */
	if (!global && field_id(r, F_ORG) != 0 && field_id(r, F_ORG) != org)
		return 404;
	if (!global && (org == 0 || !pf_may(r, PF_PERM_USERS_MANAGE, org)))
		return 403;
	if ((rc = set_orgs(r, PF_PERM_USERS_MANAGE, org, &orgs)) != 0)
		return rc;
	pf_set(r, "Admin.Search.Q", q);
	if (global)
		pf_set(r, "Admin.Search.Choose", "1");
	else
		pf_set(r, "Admin.Search.OrgName", org_name(&orgs, org));
	if (strchr(q, '@') != NULL) {
		pf_set(r, "Admin.Search.Done", "1");
		switch (pf_account_find(db, p, q, &id)) {
		case PF_ACC_OK:
			if (load_user(r, id, PF_PERM_USERS_MANAGE, &a) == 0)
				set_user_row(r, n++, &a, &orgs);
			break;
		case PF_ACC_NOTFOUND:
		case PF_ACC_INVALID:
			break;
		default:
			return 503;
		}
		return render(r, "admin_users.cs", "Admin.Users.Title");
	}
	if ((org != 0 ? pf_db_query(db, p, SQL_ORG_MEMBERS, PF_ARGS(PF_INT((long long)org)),
	    &ids) : pf_db_query(db, p, SQL_USERS_ALL, NULL, 0, &ids)) != PF_DB_OK)
		return 503;
	if (org != 0 || *q)
		pf_set(r, "Admin.Search.Done", "1");
	if (ids.n >= SEARCH_MAX)
		pf_set(r, "Admin.Search.Truncated", "1");
	for (i = 0; i < ids.n; i++) {
		id = (unsigned long long)PF_CELL(&ids, i, 0)->i;
		if (load_user(r, id, PF_PERM_USERS_MANAGE, &a) != 0)
			continue;
		if (contains(a.name, q) || contains(a.email, q))
			set_user_row(r, n++, &a, &orgs);
	}
	return render(r, "admin_users.cs", "Admin.Users.Title");
}

/* ---- one user ---- */

/* Why the session may not take something from user a: NULL when it may. */
static const char *
may_act(struct pf_req *r, const struct pf_account *a, const struct pf_rows *held)
{
	struct pf_role role;
	size_t i;

	if (a->id == pf_req_session(r)->user)
		return "Admin.User.Error.Self";
	for (i = 0; i < held->n; i++) {
		role_row(r, held, i, &role);
		if (!pf_may_grant(r, PF_PERM_USERS_MANAGE, &role, a->id, a->org_id))
			return "Admin.User.Error.Outranked";
	}
	return NULL;
}

static int
held_roles(struct pf_req *r, unsigned long long user, struct pf_rows *held)
{
	return pf_db_query(pf_req_db(r), pf_req_pool(r), SQL_USER_ROLES,
	    PF_ARGS(PF_INT((long long)user)), held) == PF_DB_OK ? 0 : 503;
}

/*
 * The user page: data, status, organisation, roles (with what the session
 * may grant or take), sessions and second factor, and the forms of what
 * the session may do.  status and message (a language key) come from a
 * refused POST; the page is then rendered with them.
 */
static int
show_user(struct pf_req *r, const struct pf_account *a, int status, const char *message)
{
	struct pf_pool *p = pf_req_pool(r);
	struct pf_db *db = pf_req_db(r);
	struct pf_rows held, roles, count;
	struct pf_role role;
	struct org o;
	int totp = 0, rc, global = pf_may_global(r, PF_PERM_USERS_MANAGE);
	unsigned long long bound;
	size_t i, n;

	if ((rc = held_roles(r, a->id, &held)) != 0)
		return rc;
	if (pf_db_query(db, p, SQL_ROLES, NULL, 0, &roles) != PF_DB_OK ||
	    pf_db_query(db, p, SQL_USER_SESSIONS, PF_ARGS(PF_INT((long long)a->id)),
	    &count) != PF_DB_OK || pf_totp_enrolled(db, a->id, &totp) != PF_DB_OK)
		return 503;
	if (message != NULL)
		form_message(r, status, message);
	pf_set(r, "Admin.User.Id", ull(r, a->id));
	pf_set(r, "Admin.User.Name", a->name);
	pf_set(r, "Admin.User.Email", a->email);
	pf_set(r, "Admin.User.Phone", a->phone);
	pf_set(r, "Admin.User.Lang", a->lang);
	pf_set(r, "Admin.User.Status", a->status);
	pf_set(r, "Admin.User.MFA", totp ? "1" : "0");
	pf_set(r, "Admin.User.Sessions", ull(r, count.n ?
	    (unsigned long long)PF_CELL(&count, 0, 0)->i : 0));
	if (a->org_id != 0) {
		if ((rc = load_org(r, a->org_id, &o)) != 0)
			return rc == 404 ? 500 : rc;
		pf_set(r, "Admin.User.OrgId", ull(r, o.id));
		pf_set(r, "Admin.User.OrgName", o.name);
		pf_set(r, "Admin.User.OrgStatus", o.status);
		if (pf_may(r, PF_PERM_ORGS_MANAGE, o.id))
			pf_set(r, "Admin.User.OrgLink", "1");
	}
	if (a->id == pf_req_session(r)->user)
		pf_set(r, "Admin.User.Self", "1");
	if (may_act(r, a, &held) == NULL)
		pf_set(r, "Admin.Can.Act", "1");
	for (i = 0; i < held.n; i++) {
		role_row(r, &held, i, &role);
		pf_setf(r, ull(r, role.id), "Admin.User.Roles.%zu.Id", i);
		pf_setf(r, role.name, "Admin.User.Roles.%zu.Name", i);
		pf_setf(r, role.label, "Admin.User.Roles.%zu.Label", i);
		pf_setf(r, role.scope, "Admin.User.Roles.%zu.Scope", i);
		if (*pf_cell_str(&held, i, 8))
			pf_setf(r, pf_time_human(p, pf_cell_str(&held, i, 8)),
			    "Admin.User.Roles.%zu.Expires", i);
		bound = PF_CELL(&held, i, 9)->type == PF_V_INT ?
		    (unsigned long long)PF_CELL(&held, i, 9)->i : 0;
		if (strcmp(role.scope, "org") == 0 && bound != a->org_id)
			pf_setf(r, "1", "Admin.User.Roles.%zu.Stale", i);
		if (pf_may_grant(r, PF_PERM_USERS_MANAGE, &role, a->id, a->org_id))
			pf_setf(r, "1", "Admin.User.Roles.%zu.Revoke", i);
	}
	for (i = n = 0; i < roles.n; i++) {
		role_row(r, &roles, i, &role);
		if (!pf_may_grant(r, PF_PERM_USERS_MANAGE, &role, a->id, a->org_id) ||
		    (strcmp(role.scope, "org") == 0 && a->org_id == 0))
			continue;
		pf_setf(r, ull(r, role.id), "Admin.Grantable.%zu.Id", n);
		pf_setf(r, role.label, "Admin.Grantable.%zu.Label", n);
		pf_setf(r, role.name, "Admin.Grantable.%zu.Name", n);
		n++;
	}
	if (global) {
		pf_set(r, "Admin.Can.Move", "1");
		if ((rc = set_orgs(r, PF_PERM_USERS_MANAGE, a->org_id, NULL)) != 0)
			return rc;
	}
	return render(r, "admin_user.cs", "Admin.User.Title");
}

int
page_user(struct pf_req *r)
{
	struct pf_account a;
	int rc;

	if (pf_req_field(r, F_ID) == NULL)
		return 404;
	if ((rc = load_user(r, field_id(r, F_ID), PF_PERM_USERS_MANAGE, &a)) != 0)
		return rc;
	return show_user(r, &a, 200, NULL);
}

static const char *
user_path(struct pf_req *r, unsigned long long id)
{
	return pf_psprintf(pf_req_pool(r), "/admin/user?id=%llu", id);
}

static const char *
user_object(struct pf_req *r, unsigned long long id)
{
	return pf_psprintf(pf_req_pool(r), "user:%llu", id);
}

/*
 * The start of every action on one user: the user (404 when absent or
 * out of reach) and, for actions that take something away, whether the
 * session may (else the user page with the reason: 0 then means "done").
 * Returns -1 when the action may go on.
 */
static int
target(struct pf_req *r, struct pf_account *a, int taking)
{
	struct pf_rows held;
	const char *why;
	int rc;

	if (pf_req_field(r, F_ID) == NULL)
		return 400;
	if ((rc = load_user(r, field_id(r, F_ID), PF_PERM_USERS_MANAGE, a)) != 0)
		return rc;
	if (!taking)
		return -1;
	if ((rc = held_roles(r, a->id, &held)) != 0)
		return rc;
	if ((why = may_act(r, a, &held)) != NULL)
		return show_user(r, a, strcmp(why, "Admin.User.Error.Self") == 0 ? 422 : 403, why);
	return -1;
}

/* A dangerous action's first POST: the page asking to confirm it. */
static int
ask(struct pf_req *r, const struct pf_account *a, const char *action, const char *what,
    const char *verb)
{
	struct hidden h[2] = { { "id", ull(r, a->id) }, { "action", verb } };

	return confirm_page(r, action, pf_psprintf(pf_req_pool(r), "Admin.Confirm.%s.Title",
	    what), pf_psprintf(pf_req_pool(r), "Admin.Confirm.%s.Text", what),
	    pf_psprintf(pf_req_pool(r), "%s <%s>", a->name, a->email),
	    user_path(r, a->id), h, verb != NULL ? 2 : 1);
}

struct act {
	const struct pf_account	*a;
	int			 on;	/* deactivate (1) or reactivate (0) */
};

static int
tx_status(struct pf_req *r, void *arg)
{
	struct act *x = arg;
	struct pf_db *db = pf_req_db(r);
	struct pf_account now;
	unsigned long long changed = 0;
	struct pf_change c;
	enum pf_dberr e;

	if ((e = pf_db_exec(db, x->on ? SQL_USER_DISABLE : SQL_USER_ENABLE,
	    PF_ARGS(PF_INT((long long)x->a->id)), &changed, NULL)) != PF_DB_OK)
		return pf_tx_err(e);
	if (changed == 0)
		return 0;	/* already so: nothing to record */
	if (x->on && (e = pf_session_end_user(db, x->a->id, 0)) != PF_DB_OK)
		return pf_tx_err(e);
	if (pf_account_load(db, pf_req_pool(r), x->a->id, &now) != PF_ACC_OK)
		return 500;
	c = (struct pf_change){ "status", x->a->status, now.status };
	return audit(r, x->on ? "admin.user.deactivated" : "admin.user.reactivated", x->a->id,
	    x->a->org_id, user_object(r, x->a->id), &c, 1);
}

/* POST /admin/user/status id action=deactivate|reactivate [confirm=1] */
int
page_user_status(struct pf_req *r)
{
	const char *action = pf_req_field(r, F_ACTION);
	struct pf_account a;
	struct act x;
	int rc, on;

	if (action == NULL || (strcmp(action, "deactivate") != 0 &&
	    strcmp(action, "reactivate") != 0))
		return 400;
	on = strcmp(action, "deactivate") == 0;
	if ((rc = target(r, &a, 1)) >= 0)
		return rc;
	if (on && !confirmed(r))
		return ask(r, &a, "/admin/user/status", "Deactivate", "deactivate");
	x = (struct act){ &a, on };
	if ((rc = pf_tx(r, tx_status, &x)) != 0)
		return rc;
	return see_other(r, user_path(r, a.id));
}

static int
tx_mfa(struct pf_req *r, void *arg)
{
	const struct pf_account *a = arg;
	struct pf_db *db = pf_req_db(r);
	long long left = 0;
	int had = 0;
	enum pf_dberr e;
	struct pf_change c[2];

	if ((e = pf_totp_enrolled(db, a->id, &had)) != PF_DB_OK ||
	    (e = pf_recovery_left(db, a->id, &left)) != PF_DB_OK ||
	    (e = pf_db_exec(db, SQL_TOTP_DELETE, PF_ARGS(PF_INT((long long)a->id)),
	    NULL, NULL)) != PF_DB_OK ||
	    (e = pf_db_exec(db, SQL_RECOVERY_DELETE, PF_ARGS(PF_INT((long long)a->id)),
	    NULL, NULL)) != PF_DB_OK ||
	    (e = pf_session_end_user(db, a->id, 0)) != PF_DB_OK)
		return pf_tx_err(e);
	c[0] = (struct pf_change){ "totp", had ? "yes" : "no", "no" };
	c[1] = (struct pf_change){ "recovery_codes", ull(r, (unsigned long long)left), "0" };
	return audit(r, "admin.user.mfa_reset", a->id, a->org_id, user_object(r, a->id), c, 2);
}

/* POST /admin/user/mfa-reset id [confirm=1]: the authenticator and the
 * recovery codes go, and every session; the user enrols again after
 * proving the mailbox (the login program asks for that). */
int
page_user_mfa(struct pf_req *r)
{
	struct pf_account a;
	int rc;

	if ((rc = target(r, &a, 1)) >= 0)
		return rc;
	if (!confirmed(r))
		return ask(r, &a, "/admin/user/mfa-reset", "MFA", NULL);
	if ((rc = pf_tx(r, tx_mfa, &a)) != 0)
		return rc;
	return see_other(r, user_path(r, a.id));
}

static int
tx_sessions(struct pf_req *r, void *arg)
{
	const struct pf_account *a = arg;
	struct pf_db *db = pf_req_db(r);
	struct pf_rows count;
	struct pf_change c;
	enum pf_dberr e;

	if ((e = pf_db_query(db, pf_req_pool(r), SQL_USER_SESSIONS,
	    PF_ARGS(PF_INT((long long)a->id)), &count)) != PF_DB_OK ||
	    (e = pf_session_end_user(db, a->id, 0)) != PF_DB_OK)
		return pf_tx_err(e);
	c = (struct pf_change){ "sessions", ull(r, count.n ?
	    (unsigned long long)PF_CELL(&count, 0, 0)->i : 0), "0" };
	return audit(r, "admin.user.sessions_ended", a->id, a->org_id, user_object(r, a->id), &c, 1);
}

/* POST /admin/user/sessions-end id [confirm=1] */
int
page_user_sessions(struct pf_req *r)
{
	struct pf_account a;
	int rc;

	if ((rc = target(r, &a, 1)) >= 0)
		return rc;
	if (!confirmed(r))
		return ask(r, &a, "/admin/user/sessions-end", "Sessions", NULL);
	if ((rc = pf_tx(r, tx_sessions, &a)) != 0)
		return rc;
	return see_other(r, user_path(r, a.id));
}

struct grant {
	const struct pf_account	*a;
	const struct pf_role	*role;
	int			 give;
	const char		*expires;	/* SQL DATETIME or NULL */
};

static int
tx_role(struct pf_req *r, void *arg)
{
	struct grant *g = arg;
	int removed = 0;

	if (g->give)
		return pf_tx_err(pf_role_grant(r, g->a->id, g->role, g->expires));
	return pf_tx_err(pf_role_revoke(r, g->a->id, g->role, &removed));
}

/* POST /admin/user/role id role action=grant|revoke [expires=YYYY-MM-DD]:
 * what pf_may_grant allows (the grants are audited by lib/roles.c). */
int
page_user_role(struct pf_req *r)
{
	const char *action = pf_req_field(r, F_ACTION), *expires = field_text(r, F_EXPIRES);
	struct pf_account a;
	struct pf_role role;
	struct grant g;
	int rc, found = 0;

	if (action == NULL || pf_req_field(r, F_ROLE) == NULL ||
	    (strcmp(action, "grant") != 0 && strcmp(action, "revoke") != 0))
		return 400;
	if ((rc = target(r, &a, 0)) >= 0)
		return rc;
	if (pf_role_get(r, field_id(r, F_ROLE), &role, &found) != PF_DB_OK)
		return 503;
	if (!found)
		return show_user(r, &a, 422, "Admin.User.Error.Role");
	if (!pf_may_grant(r, PF_PERM_USERS_MANAGE, &role, a.id, a.org_id))
		return show_user(r, &a, 403, a.id == pf_req_session(r)->user ?
		    "Admin.User.Error.Self" : "Admin.User.Error.Grant");
	g = (struct grant){ &a, &role, strcmp(action, "grant") == 0, NULL };
	if (g.give && strcmp(role.scope, "org") == 0 && a.org_id == 0)
		return show_user(r, &a, 422, "Admin.User.Error.NoOrg");
	if (g.give && *expires) {
		switch (pf_date_future(pf_req_pool(r), expires, &g.expires)) {
		case 0:
			break;
		case -2:
			return show_user(r, &a, 422, "Admin.User.Error.Past");
		default:
			return show_user(r, &a, 422, "Admin.User.Error.Date");
		}
	}
	if ((rc = pf_tx(r, tx_role, &g)) != 0)
		return rc;
	return see_other(r, user_path(r, a.id));
}

struct move {
	const struct pf_account	*a;
	const struct org	*to;
};

/* The organisation changes; the grants bound to the old one (which no
 * longer have any effect) are taken away, each audited as role.revoke. */
static int
tx_move(struct pf_req *r, void *arg)
{
	struct move *m = arg;
	struct pf_db *db = pf_req_db(r);
	struct pf_rows old;
	struct pf_role role;
	struct pf_change c;
	enum pf_dberr e;
	size_t i;
	int found, removed;

	if ((e = pf_db_exec(db, SQL_USER_SET_ORG, PF_ARGS(PF_INT((long long)m->to->id),
	    PF_INT((long long)m->a->id)), NULL, NULL)) != PF_DB_OK ||
	    (e = pf_db_query(db, pf_req_pool(r), SQL_USER_OLD_GRANTS,
	    PF_ARGS(PF_INT((long long)m->a->id), PF_INT((long long)m->to->id)), &old)) !=
	    PF_DB_OK)
		return pf_tx_err(e);
	for (i = 0; i < old.n; i++) {
		if ((e = pf_role_get(r, (unsigned long long)PF_CELL(&old, i, 0)->i, &role,
		    &found)) != PF_DB_OK ||
		    (found && (e = pf_role_revoke(r, m->a->id, &role, &removed)) != PF_DB_OK))
			return pf_tx_err(e);
	}
	c = (struct pf_change){ "org_id", m->a->org_id ? ull(r, m->a->org_id) : NULL,
	    ull(r, m->to->id) };
	return audit(r, "admin.user.moved", m->a->id, m->to->id, user_object(r, m->a->id), &c, 1);
}

/* POST /admin/user/org id org: administrators move a user. */
int
page_user_org(struct pf_req *r)
{
	struct pf_account a;
	struct org o;
	struct move m;
	int rc;

	if (!pf_may_global(r, PF_PERM_USERS_MANAGE))
		return 403;
	if (pf_req_field(r, F_ORG) == NULL)
		return 400;
	if ((rc = target(r, &a, 0)) >= 0)
		return rc;
	if ((rc = load_org(r, field_id(r, F_ORG), &o)) == 404)
		return show_user(r, &a, 422, "Admin.User.Error.Org");
	if (rc != 0)
		return rc;
	if (o.id != a.org_id) {
		m = (struct move){ &a, &o };
		if ((rc = pf_tx(r, tx_move, &m)) != 0)
			return rc;
	}
	return see_other(r, user_path(r, a.id));
}
