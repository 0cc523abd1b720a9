/*
 * legal.c: the acceptance gate of the legal texts (terms of use, privacy
 * notice).  Once a version of a kind is published, every signed-in user
 * accepts the newest published version of each kind before going on
 * (pf_auth_gate sends them to /privacy/accept); until the first is
 * published, nothing is asked and nothing is read per request.
 *
 * Cost: the versions in force are read once per process and again after
 * Privacy.TextsCacheSeconds (at most 30 s), so a new version is asked for
 * within that time.  While some text is in force, a request that needs a
 * full session runs one more query: the user's acceptances by the index
 * legal_acceptances_one (user_id, text_id), each joined to its text by
 * primary key.  Versions only grow, so a user who accepted a version
 * newer than the cached one (published meanwhile) passes too.
 */
#include <string.h>
#include <time.h>

#include "pf-int.h"

/* a version no text reaches: the kind is not in force */
#define NONE	((long long)1 << 40)

static struct {
	int		 loaded;
	struct timespec	 at;		/* CLOCK_MONOTONIC of the last read */
	long long	 terms, privacy;	/* versions in force, NONE: none */
} force;

/* Pages every user reaches without having accepted: the acceptance
 * itself, the texts, signing out. */
static int
exempt(const char *path)
{
	static const char *const paths[] = { "/privacy/accept", "/privacy/terms",
		"/privacy/notice", "/logout", "/logout/all", "/sso/logout", NULL };
	size_t i;

	for (i = 0; paths[i] != NULL; i++)
		if (strcmp(path, paths[i]) == 0)
			return 1;
	return 0;
}

/* The versions in force, from the cache or read anew: 0 or -1. */
static int
in_force(struct pf_req *r)
{
	struct timespec now;
	struct pf_rows rows;
	size_t i;

	clock_gettime(CLOCK_MONOTONIC, &now);
	if (force.loaded && now.tv_sec - force.at.tv_sec < pf_conf_int("Privacy.TextsCacheSeconds"))
		return 0;
	if (pf_db_query(r->db, r->pool, PF_SQL_LEGAL_IN_FORCE, NULL, 0, &rows) != PF_DB_OK)
		return -1;
	force.terms = force.privacy = NONE;
	for (i = 0; i < rows.n; i++) {
		if (strcmp(pf_cell_str(&rows, i, 0), "terms") == 0)
			force.terms = PF_CELL(&rows, i, 1)->i;
		else if (strcmp(pf_cell_str(&rows, i, 0), "privacy") == 0)
			force.privacy = PF_CELL(&rows, i, 1)->i;
	}
	force.at = now;
	force.loaded = 1;
	return 0;
}

int
pf_legal_pending(struct pf_req *r)
{
	struct pf_rows rows;
	long long need;

	if (r->session == NULL || exempt(r->path))
		return 0;
	if (in_force(r) != 0)
		return -1;
	need = (force.terms != NONE) + (force.privacy != NONE);
	if (need == 0)
		return 0;
	if (pf_db_query(r->db, r->pool, PF_SQL_LEGAL_ACCEPTED, PF_ARGS(
	    PF_INT((long long)r->session->user), PF_INT(force.terms),
	    PF_INT(force.privacy)), &rows) != PF_DB_OK || rows.n != 1)
		return -1;
	return PF_CELL(&rows, 0, 0)->i < need;
}
